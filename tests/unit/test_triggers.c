/*
 * test_triggers.c: the words a regex must begin with, so that it is tried
 * only at those tokens (triggers.c).  The answer may be "none" whenever in
 * doubt, but never narrower than the regex: a trigger set that misses a
 * way the regex can match would leave an identifier unredacted.
 */
#include "helpers.h"

static struct hush_buf words;
static size_t n;

static void
teardown(void)
{
    hush_buf_free(&words);
}

TestSuite(triggers, .fini = teardown);

/* Reads pattern's triggers and returns them joined by "|" (or ""). */
static const char *
triggers(const char *pattern)
{
    static char joined[256];
    words.len = 0;
    n = regex_triggers(pattern, &words);
    joined[0] = '\0';
    const char *w = words.data;
    for (size_t k = 0; k < n; k++, w += strlen(w) + 1) {
        if (k)
            strcat(joined, "|");
        strcat(joined, w);
    }
    return joined;
}

Test(triggers, literal_word_followed_by_space_class)
{
    cr_assert_str_eq(triggers("\\bcalled\\s+(\\p{Lu}\\w+)"), "called");
    cr_assert_eq(n, 1);
}

/* A horizontal space ends a word as any space does. */
Test(triggers, literal_word_followed_by_horizontal_space)
{
    cr_assert_str_eq(triggers("\\b(?:[Oo]n|[Bb]y)\\h+(\\d+)"), "on|by");
    cr_assert_str_eq(triggers("\\bFri\\.?,?\\h+\\d"), "fri");
}

Test(triggers, words_are_lower_cased)
{
    cr_assert_str_eq(triggers("\\bNamed\\s+(\\w+)"), "named");
    cr_assert_str_eq(triggers("(?i)\\bnamed\\b"), "named");
}

Test(triggers, case_pair_classes_read_as_letters)
{
    cr_assert_str_eq(triggers("\\b[Cc]alled\\s+(\\w+)"), "called");
}

Test(triggers, every_branch_of_a_group_gives_a_word)
{
    cr_assert_str_eq(triggers("\\b(?:Dr|Mr)\\.?\\s+(\\w+)"), "dr|mr");
    cr_assert_str_eq(triggers("\\b(?!The)(?:my|our)\\s+(\\w+)"), "my|our");
}

Test(triggers, lookbehinds_before_the_words_are_passed_over)
{
    cr_assert_str_eq(triggers("\\b(?<!Mr\\s)(?<=\\s)(?:Crohn|Bell)\\b's"), "crohn|bell");
}

/* A word at the end of a group nested in a capture: what follows the
 * capture ends it, unless the capture repeats. */
Test(triggers, a_word_ending_nested_groups_is_ended_by_what_follows_them)
{
    cr_assert_str_eq(triggers("(?<!\\bDr\\h)\\b((?:Shona|Twi))(?=\\h+words)"), "shona|twi");
    cr_assert_str_eq(triggers("\\b((?:Shona|Twi))\\b"), "shona|twi");
    cr_assert_str_eq(triggers("\\b((?:Shona|Twi))+\\h"), "");
    cr_assert_str_eq(triggers("\\b((?:Shona|Twi)){2}\\h"), "");
    cr_assert_str_eq(triggers("\\b((?:Shona|Twi))X"), "");
    /* Where the pattern ends the word may go on: "\bTwi" matches in
     * "Twin". */
    cr_assert_str_eq(triggers("\\b((?:Shona|Twi))"), "");
    cr_assert_str_eq(triggers("\\bTwi"), "");
    cr_assert_str_eq(triggers("\\bDr(?=x)"), "");
    cr_assert_str_eq(triggers("\\bDr(?=\\s|,)"), "dr");
    cr_assert_str_eq(triggers("\\bDr(?=\\s)?"), "");
}

/* A word that ends a branch is ended by what follows the group the branch
 * is in, unless that group repeats. */
Test(triggers, a_word_ending_a_branch_is_ended_by_what_follows_its_group)
{
    cr_assert_str_eq(triggers("\\b(?:(?:DR|MR)(?:\\.)?|Doctor)\\s+X"), "dr|mr|doctor");
    cr_assert_str_eq(triggers("\\b(?:Dr(?:\\.)?|Doctor)+X"), "");
    cr_assert_str_eq(triggers("\\b(?:Dr(?:\\.)?|Doctor)X"), "");
}

/* A call of a define is read as the define's pattern in its place (the
 * rule set appends the defines a pattern calls as "(?(DEFINE)...)"). */
Test(triggers, a_define_called_first_gives_its_words)
{
    cr_assert_str_eq(triggers("\\b(?:Dr|(?&kin))\\s+X(?(DEFINE)(?<kin>(?:Auntie|Uncle)))"),
                     "dr|auntie|uncle");
    cr_assert_str_eq(triggers("\\b(?&kin)\\s+X(?(DEFINE)(?<kin>Auntie|Uncle))"), "auntie|uncle");
    cr_assert_str_eq(triggers("\\b(?&kin)X(?(DEFINE)(?<kin>Auntie|Uncle))"), "",
                     "the word runs on into X");
    cr_assert_str_eq(triggers("\\b(?&kin)\\s+X(?(DEFINE)(?<kin>Auntie|\\d+))"), "",
                     "a branch without a word");
    cr_assert_str_eq(triggers("\\b(?&kin)?\\s+X(?(DEFINE)(?<kin>Auntie))"), "", "optional");
    cr_assert_str_eq(triggers("\\b(?&a)\\s(?(DEFINE)(?<a>(?&a)))"), "", "calls itself");
    cr_assert_str_eq(triggers("\\b(?&missing)\\s"), "");
}

/* A Latin letter with a mark is a letter of the word. */
Test(triggers, latin_letters_with_marks_are_letters)
{
    cr_assert_str_eq(triggers("\\b(?:Doamna|Doamn\xc4\x83)\\s+X"), "doamna|doamn\xc4\x83");
    cr_assert_str_eq(triggers("\\bn\xc3\xa9e\\s+X"), "n\xc3\xa9e");
    cr_assert_str_eq(triggers("caf\xc3\xa9\\b"), "caf\xc3\xa9");
    cr_assert_str_eq(triggers("\\bx\xc3\x97y\\s"), "", "a multiplication sign is no letter");
}

Test(triggers, apostrophe_inside_a_word_is_kept)
{
    cr_assert_str_eq(triggers("\\bname's\\s+(\\w+)"), "name's");
}

Test(triggers, pattern_not_led_by_a_word_has_none)
{
    cr_assert_str_eq(triggers("\\d{3}"), "");
    cr_assert_eq(n, 0);
    cr_assert_str_eq(triggers("[A-Z]{2}\\d"), "");
    cr_assert_str_eq(triggers("\xe2\x80\x94x\\b"), "", "a dash is no letter");
}

Test(triggers, top_level_alternation_has_none)
{
    cr_assert_str_eq(triggers("called|named"), "");
}

Test(triggers, branch_without_a_word_has_none)
{
    cr_assert_str_eq(triggers("(?:Dr|)\\s"), "");
    cr_assert_str_eq(triggers("(?:Dr|\\d)\\s"), "");
}

Test(triggers, optional_group_has_none)
{
    cr_assert_str_eq(triggers("(?:Dr|Mr)?\\s+X"), "");
    cr_assert_str_eq(triggers("(?:Dr|Mr){0,1}\\s+X"), "");
}

/* "Mrs?" matches "Mr" and "Mrs": a word whose last letter is quantified is
 * not one word. */
Test(triggers, quantified_last_letter_has_none)
{
    cr_assert_str_eq(triggers("\\bMrs?\\s"), "");
    cr_assert_str_eq(triggers("\\bcall(?:ed)?\\s"), "");
}

/* A word that may run straight into more letters ("DrQuell") is not a
 * token of its own: only a separator that must be there ends it. */
Test(triggers, word_must_be_followed_by_a_required_separator)
{
    cr_assert_str_eq(triggers("\\bDr\\s*Quell"), "");
    cr_assert_str_eq(triggers("\\bDr ?Quell"), "");
    cr_assert_str_eq(triggers("\\bDr\\.?Quell"), "");
    cr_assert_str_eq(triggers("\\bDr\\.?\\s*Quell"), "");
    cr_assert_str_eq(triggers("\\bDr\\.Quell"), "dr");
    cr_assert_str_eq(triggers("\\bDr\\.?\\s+Quell"), "dr");
    cr_assert_str_eq(triggers("\\bDr\\b"), "dr");
}

/* A group after the word ends it only if every branch does, each read on
 * into what follows the group: "RefX1234" is one token, so "Ref" is no
 * trigger of "Ref(?:\s|X)\d{4}". */
Test(triggers, every_branch_of_a_group_after_the_word_must_end_it)
{
    cr_assert_str_eq(triggers("\\bRef(?:\\s|X)\\d{4}"), "");
    cr_assert_str_eq(triggers("\\bRef(?:X|\\s)\\d{4}"), "");
    cr_assert_str_eq(triggers("\\bRef(?:\\s|:)\\d{4}"), "ref");
    cr_assert_str_eq(triggers("\\bRef(?:\\s|:)+\\d{4}"), "ref");
}

/* A branch that may take no text is followed by what follows its group,
 * not by the end of the pattern. */
Test(triggers, an_empty_branch_reads_on_after_its_group)
{
    cr_assert_str_eq(triggers("\\bRef(?:\\s?)X"), "");
    cr_assert_str_eq(triggers("\\bRef(?:\\s|)X"), "");
    cr_assert_str_eq(triggers("\\bRef(?:\\s|)\\s"), "ref");
    cr_assert_str_eq(triggers("\\b(?:Dr|Mr(?:\\s?))X"), "");
    cr_assert_str_eq(triggers("\\b(?:Dr|Mr(?:\\s?))\\s"), "dr|mr");
}

/* A hyphen ends a token ("twenty-first" is two), as a literal or first or
 * last in a class; inside a class between two characters it is a range. */
Test(triggers, a_hyphen_ends_a_word_but_not_as_a_range)
{
    cr_assert_str_eq(triggers("\\btwenty[- ]first\\b"), "twenty");
    cr_assert_str_eq(triggers("\\btwenty-first\\b"), "twenty");
    cr_assert_str_eq(triggers("\\btwenty[ -]first\\b"), "twenty");
    cr_assert_str_eq(triggers("\\bRef[+-9]\\d"), "");
    cr_assert_str_eq(triggers("\\bRef[^-]\\d"), "");
}

/* Every branch of the whole pattern must begin with a word, not only the
 * first ("called\s|named\s"). */
Test(triggers, every_top_level_branch_is_read)
{
    cr_assert_str_eq(triggers("\\bcalled\\s|named\\s"), "called|named");
    cr_assert_str_eq(triggers("\\bcalled\\s|\\d+"), "");
}

/* Syntax the reading does not follow gives no triggers: quoting, \c, a
 * comment, a POSIX class, extended mode; a class that opens "[^]" is read
 * to its real end. */
Test(triggers, syntax_not_followed_gives_none)
{
    cr_assert_str_eq(triggers("(?:Dr\\s\\Q)\\E|Mr)"), "");
    cr_assert_str_eq(triggers("(?:Dr\\s\\c)|Mr)"), "");
    cr_assert_str_eq(triggers("\\bDr\\.(?#c)?Quell"), "");
    cr_assert_str_eq(triggers("(?:Dr\\s[[:punct:])]|Mr)"), "");
    cr_assert_str_eq(triggers("(?:Mr\\s(?x)|Dr .?Quell)"), "");
    cr_assert_str_eq(triggers("(?:Dr\\s[^])]|Mr\\s)"), "dr|mr");
}

/* A word that opens with an apostrophe begins no token: the token starts
 * after it. */
Test(triggers, a_word_opening_with_an_apostrophe_is_none)
{
    cr_assert_str_eq(triggers("'em\\b\\s"), "");
    cr_assert_str_eq(triggers("\xe2\x80\x99em\\s"), "");
}

/* Each group after the word that may take no text doubles the reading: a
 * pattern that would take too long has no triggers. */
Test(triggers, a_pattern_too_long_to_read_has_none)
{
    char pattern[512] = "\\bDr";
    for (int k = 0; k < 27; k++)
        strcat(pattern, "(?:\\.?\\s*)?");
    strcat(pattern, "\\s+X");
    cr_assert_str_eq(triggers(pattern), "");
}
