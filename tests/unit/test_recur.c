/*
 * test_recur.c: the distinctive first word of a named place recurs as that
 * place (recur.c), and only such a word: not an English word, not a list's,
 * not a person's name; and an identifier written as an unbroken string no
 * reader takes for a word recurs as its own bytes.
 */
#include "helpers.h"

TestSuite(recur, .init = tmpdir_setup, .fini = tmpdir_teardown);

static struct hush_ruleset *
place_rules(void)
{
    free(tmp_write("common.txt", "house\noak\nback\nto\nat\nthe\nlot\n"));
    free(tmp_write("given.txt", "Tamsin\n"));
    return rules_must("words common.txt\n"
                      "rule houses\n  category PLACE\n"
                      "  regex \\b\\p{Lu}\\p{Ll}+ House\\b\n  reason R.\n"
                      "rule given\n  category PERSON\n  kind names\n"
                      "  list given.txt\n  reason R.\n");
}

Test(recur, distinctive_word_of_a_place_recurs_capitalised)
{
    struct hush_ruleset *rs = place_rules();
    assert_redacts(rs, "at Marybone House. Back to Marybone, the Marybone lot; marybone",
                   "at [PLACE]. Back to [PLACE], the [PLACE] lot; marybone");
    hush_rules_free(rs);
}

/* An English word ("Oak") is no place's own word, and a text that never
 * names the place whole gives its first word nothing to recur from. */
Test(recur, english_words_and_lone_words_do_not_recur)
{
    struct hush_ruleset *rs = place_rules();
    assert_redacts(rs, "at Oak House. Back to Oak.", "at [PLACE]. Back to Oak.");
    assert_redacts(rs, "Back to Marybone.", "Back to Marybone.");
    hush_rules_free(rs);
}

/* A forum's headers name its posters ("Tillysmum_B30 · 21:40"); the posts
 * address them by the same strings. */
static struct hush_ruleset *
poster_rules(void)
{
    free(tmp_write("common.txt", "thank\nyou\nmum\nthe\nand\nhi\nbye\n"));
    return rules_must("words common.txt\n"
                      "rule poster\n  category CONTACT\n"
                      "  context (?m)^(\\S+) \\d\\d:\\d\\d$\n  reason R.\n");
}

Test(recur, an_unbroken_string_recurs_as_its_own_bytes)
{
    struct hush_ruleset *rs = poster_rules();
    assert_redacts(rs,
                   "Tillysmum_B30 21:40\nhi\nSleeplessInSolihull 21:50\nthank you Tillysmum_B30!\n"
                   "wombatwrangler 22:00\nSleeplessInSolihull and wombatwrangler, bye\n",
                   "[CONTACT] 21:40\nhi\n[CONTACT] 21:50\nthank you [CONTACT]!\n"
                   "[CONTACT] 22:00\n[CONTACT] and [CONTACT], bye\n");
    hush_rules_free(rs);
}

/* Only the whole string, from a word's start to a word's end, and in its
 * own case; and not an English word, a short string or one with a space. */
Test(recur, a_string_recurs_only_whole_and_never_as_a_word)
{
    struct hush_ruleset *rs = poster_rules();
    assert_redacts(rs, "Bex_77 21:40\nBex_770 and xBex_77 and bex_77 and Bex_77_2 and Bex_77.\n",
                   "[CONTACT] 21:40\nBex_770 and xBex_77 and bex_77 and Bex_77_2 and [CONTACT].\n");
    /* Nor as a part of another string: a fuzz find, "son,0.6666666666E",
     * whose "0" read as an age once the rest was a tag. */
    assert_redacts(
        rs, "Bex_77 21:40\n0.Bex_77 and Bex_77.5 and (Bex_77, @Bex_77) Bex_77's\n",
        "[CONTACT] 21:40\n0.Bex_77 and Bex_77.5 and ([CONTACT], @[CONTACT]) [CONTACT]'s\n");
    assert_redacts(rs, "Mum 21:40\nthank you Mum\n", "[CONTACT] 21:40\nthank you Mum\n");
    assert_redacts(rs, "B30 21:40\nin B30\n", "[CONTACT] 21:40\nin B30\n");
    hush_rules_free(rs);
}

/* A name the string begins with ("Emma" of "Emma_1985") does not stop the
 * whole string recurring: the longer wins, and no "_1985" is left. */
Test(recur, a_string_recurs_over_a_name_inside_it)
{
    free(tmp_write("common.txt", "thanks\nhi\n"));
    free(tmp_write("given.txt", "Emma\n"));
    struct hush_ruleset *rs = rules_must("words common.txt\n"
                                         "rule given\n  category PERSON\n  kind names\n"
                                         "  list given.txt\n  reason R.\n"
                                         "rule poster\n  category CONTACT\n"
                                         "  context (?m)^(\\S+) \\d\\d:\\d\\d$\n  reason R.\n");
    assert_redacts(rs, "Emma_1985 21:40\nthanks Emma_1985, hi\n",
                   "[CONTACT] 21:40\nthanks [CONTACT], hi\n");
    hush_rules_free(rs);
}

/* Curly quotes, dashes and an ellipsis set a string apart as ASCII
 * punctuation does. */
Test(recur, wide_punctuation_sets_a_string_apart)
{
    struct hush_ruleset *rs = poster_rules();
    assert_redacts(rs,
                   "Bex_77 21:40\nthanks Bex_77\u2026 and Bex_77\u2014yes and \u201cBex_77\u201d\n",
                   "[CONTACT] 21:40\nthanks [CONTACT]\u2026 and [CONTACT]\u2014yes and "
                   "\u201c[CONTACT]\u201d\n");
    hush_rules_free(rs);
}

/* A word a place rule took once, and a person's name elsewhere, stays the
 * person where the name is found again: the string does not recur over
 * it (the place rule is read first, and would win the tie). */
Test(recur, a_string_does_not_recur_over_a_name_found_again)
{
    free(tmp_write("common.txt", "ask\nvia\ncame\nsaid\n"));
    struct hush_ruleset *rs = rules_must("words common.txt\n"
                                         "rule via\n  category PLACE\n"
                                         "  context \\bvia (\\p{Lu}\\p{Ll}+)\n  reason R.\n"
                                         "rule titled\n  category PERSON\n  kind names\n"
                                         "  context \\bDr (\\p{Lu}\\p{Ll}+)\n  reason R.\n");
    assert_redacts(rs, "Dr Zorbaq came. Ask via Zorbaq. Then Zorbaq said",
                   "Dr [PERSON] came. Ask via [PLACE]. Then [PERSON] said");
    hush_rules_free(rs);
}
