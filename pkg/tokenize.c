/*
 * tokenize.c: splits a text into words with their byte offsets, their
 * normalised forms and hashes, and the facts the name rules need: case,
 * sentence starts, speaker labels, and which gaps may sit inside a name.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* What a speaker label at a line start may be: an optional "[timestamp]"
 * of at most LABEL_STAMP_BYTES, then at most LABEL_WORDS words in at most
 * LABEL_BYTES before the colon.  Longer is text, not a label. */
#define LABEL_STAMP_BYTES 24
#define LABEL_BYTES 48
#define LABEL_WORDS 4
/* The most bytes between two words of one name or list entry ("St. ",
 * " - "). */
#define JOIN_GAP_BYTES 3

/* Decodes the code point at text[i]; ASCII without a call. */
static inline size_t
next_cp(const char *text, size_t len, size_t i, int32_t *cp)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return hush_utf8_decode(text + i, len - i, cp);
}

/* Skips the digits at text[i], at least min and at most max of them;
 * returns where they end, or SIZE_MAX when there are too few or too many. */
static size_t
skip_digits(const char *text, size_t len, size_t i, size_t min, size_t max)
{
    size_t j = i;
    while (j < len && j - i < max && (unsigned)(text[j] - '0') < 10u)
        j++;
    if (j - i < min || (j < len && (unsigned)(text[j] - '0') < 10u))
        return SIZE_MAX;
    return j;
}

/* The end of a clock time at text[i] ("07:50", "9:05:12"), or SIZE_MAX
 * when there is none. */
static size_t
clock_time_end(const char *text, size_t len, size_t i)
{
    size_t j = skip_digits(text, len, i, 1, 2);
    if (j == SIZE_MAX || j >= len || text[j] != ':')
        return SIZE_MAX;
    j = skip_digits(text, len, j + 1, 2, 2);
    if (j != SIZE_MAX && j < len && text[j] == ':')
        j = skip_digits(text, len, j + 1, 2, 2);
    return j;
}

/* The end of the blanks (spaces and tabs) at text[i]. */
static size_t
blanks_end(const char *text, size_t len, size_t i)
{
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    return i;
}

/* The end of a clock time at text[i] as a stamp opens a line: the time,
 * then "am" or "pm" if written, then blanks, then a dash between blanks if
 * written ("07:50 ", "9:25 pm - ", "09:25 - "); SIZE_MAX when no time with
 * blanks or a dash after it opens there.  *dashed says whether a dash
 * was read. */
static size_t
clock_stamp_end(const char *text, size_t len, size_t i, bool *dashed)
{
    *dashed = false;
    size_t j = clock_time_end(text, len, i);
    if (j == SIZE_MAX)
        return SIZE_MAX;
    size_t k = blanks_end(text, len, j);
    if (k + 1 < len && ((text[k] | 0x20) == 'a' || (text[k] | 0x20) == 'p') &&
        (text[k + 1] | 0x20) == 'm' &&
        (k + 2 == len || (unsigned)((text[k + 2] | 0x20) - 'a') >= 26u))
        k = blanks_end(text, len, j = k + 2);
    if (k > j && k < len && text[k] == '-') {
        size_t d = blanks_end(text, len, k + 1);
        if (d > k + 1) {
            *dashed = true;
            return d;
        }
    }
    return k > j ? k : SIZE_MAX;
}

/* The end of a time alone, as a chat log or minutes open a line, at
 * text[i] ("07:50 ", "9:05:12\t", "09:25 - "), or i when there is none. */
static size_t
time_stamp_end(const char *text, size_t len, size_t i)
{
    bool dashed;
    size_t j = clock_stamp_end(text, len, i, &dashed);
    return j == SIZE_MAX ? i : j;
}

/* The end of a chat export's date, time and dash at text[i] ("08/10/2024,
 * 09:25 - ", "8/10/24 9:25 pm - "), or i when there is none. */
static size_t
chat_stamp_end(const char *text, size_t len, size_t i)
{
    size_t j = skip_digits(text, len, i, 1, 2);
    if (j == SIZE_MAX || j >= len || text[j] != '/')
        return i;
    j = skip_digits(text, len, j + 1, 1, 2);
    if (j == SIZE_MAX || j >= len || text[j] != '/')
        return i;
    j = skip_digits(text, len, j + 1, 2, 4);
    if (j == SIZE_MAX)
        return i;
    if (j < len && text[j] == ',')
        j++;
    size_t k = blanks_end(text, len, j);
    if (k == j)
        return i;
    bool dashed;
    j = clock_stamp_end(text, len, k, &dashed);
    return j != SIZE_MAX && dashed ? j : i;
}

/* The end of a clause's number and the blanks after it at text[i]: digits,
 * then a full stop and digits once or more, then a blank ("5.1 ", "3.2.1\t",
 * "00.01.23 "), or i when there is none.  A label's words begin after it, so
 * that a report's numbered clause is read by its words ("5.1 Risk to
 * others:" is no speaker's, as "Risk to others:" is none) and a timecode
 * or a turn's number leaves the speaker's name a label ("10.30 Tamsin:"). */
static size_t
clause_number_end(const char *text, size_t len, size_t i)
{
    size_t j = skip_digits(text, len, i, 1, 3);
    size_t groups = 0;
    while (j != SIZE_MAX && j + 1 < len && text[j] == '.' && (unsigned)(text[j + 1] - '0') < 10u) {
        j = skip_digits(text, len, j + 1, 1, 3);
        groups++;
    }
    if (j == SIZE_MAX || groups == 0 || j >= len || (text[j] != ' ' && text[j] != '\t'))
        return i;
    return blanks_end(text, len, j);
}

/* The end of the tag ("[PERSON]", "[PLACE-K7QX2M9A]") that starts at
 * text[i], or i when none does: a category's name (a capital, then
 * capitals, digits or _), a hyphen and capitals or digits if any, and the
 * closing bracket.  When name_end is not NULL it receives where the
 * category's name ends. */
static size_t
tag_end(const char *text, size_t len, size_t i, size_t *name_end)
{
    if (i + 1 >= len || text[i] != '[' || (unsigned)(text[i + 1] - 'A') >= 26u)
        return i;
    size_t j = i + 1;
    while (j < len && is_category_char(text[j]))
        j++;
    if (name_end != NULL)
        *name_end = j;
    if (j < len && text[j] == '-') {
        size_t k = ++j;
        while (j < len && ((unsigned)(text[j] - 'A') < 26u || (unsigned)(text[j] - '0') < 10u))
            j++;
        if (j == k)
            return i;
    }
    return j < len && text[j] == ']' ? j + 1 : i;
}

/* Does a tag open at text[v] ("[PERSON]", "[AGE-K7QX2M9A]"), and is its
 * category one whose identifiers are words, not figures (list->word_tags:
 * PERSON and PLACE for the shipped rules)?  Returns whether a tag opens
 * there; *words says which kind. */
static bool
tag_kind(const struct token_list *list, const char *text, size_t len, size_t v, bool *words)
{
    size_t e;
    if (tag_end(text, len, v, &e) == v)
        return false;
    *words = hush_word_in(list->word_tags, list->nword_tags, text + v + 1, e - v - 1);
    return true;
}

bool
figures_tag_at(const struct token_list *list, const char *text, size_t len, size_t v)
{
    bool words;
    return tag_kind(list, text, len, v, &words) && !words;
}

/* The case of the letter at text[i], one character: 1 upper, -1 lower, 0
 * neither; *n receives its length in bytes. */
static int
letter_case(const char *text, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80) {
        *n = 1;
        return (unsigned)(c - 'A') < 26u ? 1 : (unsigned)(c - 'a') < 26u ? -1 : 0;
    }
    int32_t q;
    *n = next_cp(text, len, i, &q);
    utf8proc_category_t cat = utf8proc_category(q);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ? 1
           : cat == UTF8PROC_CATEGORY_LL                              ? -1
                                                                      : 0;
}

/* Can byte c stand in a part of an address's domain? */
static bool
domain_byte(char c)
{
    return (unsigned char)c >= 0x80 || isalnum((unsigned char)c) || c == '-';
}

/* Where the domain that opens at text[i], just after an address's at sign,
 * ends: parts of letters, digits and hyphens joined by full stops, two
 * parts at least ("nhs.net"); i when there is none ("O@nsft"), as the
 * e-mail rule takes none. */
static size_t
domain_end(const char *text, size_t len, size_t i)
{
    size_t e = i, parts = 0;
    for (;;) {
        size_t s = e;
        while (e < len && domain_byte(text[e]))
            e++;
        if (e == s)
            break;
        parts++;
        if (e + 1 < len && text[e] == '.' && domain_byte(text[e + 1]))
            e++;
        else
            break;
    }
    return parts >= 2 ? e : i;
}

/* Does the at sign at text[i] open a handle, as the social-handle rule
 * reads one: not after a letter, a digit, an underscore, a full stop,
 * another at sign or a tag's bracket, nor after an apostrophe that ends a
 * word, and before a letter, a digit or an underscore? */
static bool
handle_at(const char *text, size_t len, size_t i)
{
    if (i + 1 >= len || !(isalnum((unsigned char)text[i + 1]) || text[i + 1] == '_'))
        return false;
    size_t p = i;
    for (int back = 0; back < 2 && p > 0; back++) {
        /* The code point before p. */
        size_t q = p - 1;
        while (q > 0 && ((unsigned char)text[q] & 0xC0) == 0x80)
            q--;
        int32_t cp;
        next_cp(text, len, q, &cp);
        bool word = is_word_cp(cp) || cp == '_' || cp == ']';
        if (back == 1)
            return !word; /* an apostrophe that ends a word or a tag */
        if (word || cp == '.' || cp == '@' || is_invisible_cp(cp) ||
            utf8proc_category(cp) == UTF8PROC_CATEGORY_CF)
            return false;
        if (!is_apostrophe(cp))
            return true;
        p = q;
    }
    return true;
}

/* Is the run of letters that ends here one that may be a name a list holds
 * in lower case: it opened with a small letter, holds no digit and has two
 * letters or more ("jo" of "jo.1"; not "x" of "x.1", nor "x2")?  Capitals
 * after its first letter do not change that. */
static bool
lower_run(bool in_run, bool run_lower, size_t run_letters)
{
    return in_run && run_lower && run_letters >= 2;
}

/* Does the field value at text[v] read as figures: its first word (up to a
 * blank, a comma or a semicolon) opens with a plus, or holds a digit, a tag
 * of figures or an address or handle (which becomes one) and no part that
 * a name rule could take, a run of letters and digits that opens with a
 * capital and has a letter in lower case after it, a run of two letters or
 * more that opens in lower case without a digit (lower_run: a list's name in
 * any case, "jo.1"; any such word counts, "no.4" too), nor a tag of words ("82", "17/09/1941",
 * "LS1", "a.b@example.org", "+44", "[AGE]"; not "Abdu1", "D9z" or "-T7z",
 * a scan's misreadings that may be names, nor a value that opens with a
 * tag of words)?  The first word is read whole,
 * because a rule may take it, or a part of it, into a tag of figures or of
 * a name, and the value must read the same once redacted. */
static bool
figure_value(const struct token_list *list, const char *text, size_t len, size_t v)
{
    if (v >= len)
        return false;
    if (text[v] == '+')
        return true;
    bool digit = false, named = false, in_run = false, run_upper = false, words;
    /* A run of two letters or more that opens in lower case and holds no
     * digit (lower_run) may be a name that a list holds ("jo" of "jo.1"),
     * which a names rule takes in any case: run_lower says the run so far
     * opened so and has no digit, run_letters how many letters it has. */
    bool run_lower = false;
    size_t run_letters = 0;
    /* Capitals that stand alone, each with its full stop, in a row: two make
     * initials, which a name rule takes ("L.O." of "7.L.O."); run_initial
     * says the run so far is one capital and nothing else. */
    bool run_initial = false;
    size_t initials = 0;
    /* A tag of words that opens the value stood for a name, whose first
     * word was a word: what is glued after it ("[PERSON]@" of "L Sian@")
     * was no part of that word. */
    if (tag_kind(list, text, len, v, &words) && words)
        return false;
    /* An address or a handle ("jo.smith@nhs.net", the "@ns" of "Ad#@ns")
     * becomes one tag of figures, with the local part before its "@": the
     * value reads as it will once that is a tag.  local says where the run
     * that may be a local part began (SIZE_MAX: none), and local_named
     * what named was before it. */
    size_t local = SIZE_MAX;
    bool local_named = false;
    size_t n, i;
    for (i = v; i < len && i - v < LABEL_BYTES; i += n) {
        char c = text[i];
        n = 1;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';')
            break;
        if (c == '@') {
            size_t end = local != SIZE_MAX ? domain_end(text, len, i + 1) : i + 1;
            if (end > i + 1) {
                named = local_named; /* the address, local part and all */
            } else if (handle_at(text, len, i)) {
                while (end < len &&
                       (isalnum((unsigned char)text[end]) || text[end] == '_' || text[end] == '.'))
                    end++;
            } else {
                /* No rule takes it: an at sign between words ("O@nsft"). */
                named |= lower_run(in_run, run_lower, run_letters);
                in_run = false;
                local = SIZE_MAX;
                continue;
            }
            digit = true;
            in_run = run_initial = false;
            initials = 0;
            n = end - i;
            local = SIZE_MAX;
            continue;
        }
        bool alnum = (unsigned char)c >= 0x80 || isalnum((unsigned char)c);
        if (alnum && local == SIZE_MAX)
            local = i, local_named = named;
        else if (!alnum && (c == '\0' || strchr("._%+'-", c) == NULL))
            local = SIZE_MAX;
        if (c == '[' && tag_kind(list, text, len, i, &words)) {
            n = tag_end(text, len, i, NULL) - i;
            named |= words || lower_run(in_run, run_lower, run_letters);
            digit |= !words;
            in_run = false;
            continue;
        }
        if ((unsigned)(c - '0') < 10u) {
            digit = true;
            if (!in_run)
                in_run = true, run_upper = false;
            run_initial = run_lower = false;
            initials = 0;
            continue;
        }
        /* An apostrophe or an invisible character inside the word goes on
         * with the run, as the word does ("O4'm", "D'Souza"). */
        int32_t q;
        size_t cn = next_cp(text, len, i, &q);
        if (in_run && joins_word(text, len, q, i + cn)) {
            n = cn;
            continue;
        }
        int lc = letter_case(text, len, i, &n);
        if (lc == 0) {
            initials = c == '.' && in_run && run_initial ? initials + 1 : 0;
            named |= initials >= 2 || lower_run(in_run, run_lower, run_letters);
            in_run = false;
        } else if (!in_run) {
            in_run = true, run_upper = lc > 0, run_initial = lc > 0;
            run_lower = lc < 0, run_letters = 1;
        } else {
            named |= run_upper && lc < 0;
            run_initial = false;
            run_letters++;
        }
    }
    named |= lower_run(in_run, run_lower, run_letters);
    /* A capital alone that ends the word, with or without its full stop,
     * then a word on the same line: a name rule may take the two as an
     * initial and a name ("L Ta" of "7.L Ta", "L. Ta" of "7.L. Ta", and in
     * lower case a name a list holds, "L sian"), leaving a tag of words in
     * the value. */
    if ((in_run && run_initial) || initials > 0) {
        while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++;
        named |=
            i < len && ((unsigned)((text[i] | 0x20) - 'a') < 26u || (unsigned char)text[i] >= 0xC0);
    }
    return digit && !named;
}

/* Where the role note in brackets that opens at text[i] ends, before a
 * colon ("(Practice Mgr):", "(HCA) :"): the offset of the colon, or 0 when
 * the bracket does not close on the line before limit, holds another
 * bracket or a digit ("(Dr Carver, 06/12/2023):" heads a comment), or no
 * colon follows it. */
static size_t
role_note_end(const char *text, size_t len, size_t i, size_t limit)
{
    size_t j = i + 1;
    while (j < len && j < limit && text[j] != ')' && text[j] != '(' && text[j] != '\n') {
        if ((unsigned)(text[j] - '0') < 10u)
            return 0; /* a date or a number: a comment's heading, not a role */
        j++;
    }
    if (j >= len || j >= limit || text[j] != ')')
        return 0;
    j++;
    while (j < len && (text[j] == ' ' || text[j] == '\t'))
        j++;
    return j < len && text[j] == ':' ? j : 0;
}

static bool is_abbreviation(const char *k, size_t n);

/* Does the word text[s, e) leave a sentence going on when a full stop
 * follows it, as initials ("J", "J.K") and the abbreviations of
 * is_abbreviation ("Dr", "St") do, which the tokeniser reads the same way
 * between sentences?  A tag is no such word: it stood for a name. */
static bool
full_stop_continues(const char *text, size_t s, size_t e)
{
    bool initials = e > s;
    for (size_t k = s; k < e && initials; k++)
        initials = (unsigned)((text[k] | 0x20) - 'a') < 26u ? k == s || text[k - 1] == '.'
                                                            : text[k] == '.';
    if (initials)
        return true;
    char low[8];
    if (e - s > sizeof low)
        return false;
    for (size_t k = s; k < e; k++) {
        if ((unsigned)((text[k] | 0x20) - 'a') >= 26u)
            return false;
        low[k - s] = (char)(text[k] | 0x20);
    }
    return is_abbreviation(low, e - s);
}

/* Finds a speaker label at the line starting at ls: an optional
 * "[timestamp]" (holding a digit, so that a tag is not one) or a chat
 * export's date, time and dash ("08/10/2024, 09:25 - ") or a time alone
 * ("07:50 "), and a clause's number if any ("5.1 "), then one to four
 * words and a colon followed by a space or the line end.  Returns where
 * the label ends (its colon, or the bracket of a
 * role note before the colon), or 0 when there is none.  Fields are no speakers: a
 * line that opens with a bullet ("- Age: 30", "* Work: part time"), a
 * value in figures (figure_value: "Age: 82", "Email: a.b@example.org",
 * "Age: [AGE]", so that redacting twice changes nothing; a tag of a name
 * reads as the name did),
 * a capitalised label that ends in a lower-case word ("Home address:",
 * "Place of birth:"; a name's words are all capitalised, or all in lower
 * case in a lower-case text).  A tag in the label counts as one
 * capitalised word, and sets *tagged. */
static size_t
label_end(const struct token_list *list, const char *text, size_t len, size_t ls, bool *tagged,
          size_t *note_end)
{
    *tagged = false;
    *note_end = 0;
    size_t i = ls;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i + 1 < len && (text[i] == '-' || text[i] == '*') &&
        (text[i + 1] == ' ' || text[i + 1] == '\t'))
        return 0;
    if (i + 3 < len && memcmp(text + i, "\xE2\x80\xA2", 3) == 0) /* a bullet, U+2022 */
        return 0;
    if (i < len && (text[i] == '[' || text[i] == '(')) {
        char close = text[i] == '[' ? ']' : ')';
        size_t j = i + 1;
        bool digit = false;
        while (j < len && j - i < LABEL_STAMP_BYTES && text[j] != close && text[j] != '\n')
            digit |= (unsigned)(text[j++] - '0') < 10u;
        if (j < len && text[j] == close && digit)
            i = j + 1;
        while (i < len && (text[i] == ' ' || text[i] == '\t'))
            i++;
    }
    size_t stamp = time_stamp_end(text, len, i);
    bool timed = stamp > i;
    i = timed ? stamp : chat_stamp_end(text, len, i);
    i = clause_number_end(text, len, i);
    size_t words = 0, tags = 0, start = i, stop = 0, word_start = i;
    bool in_word = false, first_upper = false, last_lower = false, any_lower = false;
    for (; i < len && i - start < LABEL_BYTES; i++) {
        unsigned char c = (unsigned char)text[i];
        /* A role in brackets after the name ("Sue (Practice Mgr):") is no
         * part of it: the label ends before the bracket. */
        if (c == '(' && words > 0 && !in_word && stop == 0) {
            size_t k = role_note_end(text, len, i, start + LABEL_BYTES);
            if (k == 0)
                return 0;
            stop = i;
            i = k - 1;
            continue;
        }
        if (c == ':') {
            if (words == 0 || words > LABEL_WORDS || (first_upper && words > 1 && last_lower))
                return 0;
            /* After a time alone, a chat names its sender as people write
             * names; a log's entry opens with an abbreviation in capitals
             * ("00:30 IA:", "14:49 SRFT ED:"). */
            if (timed && !any_lower && words > tags)
                return 0;
            size_t v = i + 1;
            if (v < len && text[v] != ' ' && text[v] != '\t' && text[v] != '\n' && text[v] != '\r')
                return 0;
            while (v < len && (text[v] == ' ' || text[v] == '\t'))
                v++;
            /* A value in figures, or a tag (what redact made of one), is a
             * field's: the same label must read the same once redacted.
             * A tag of a name, a place or an organisation stood for words,
             * as a speaker's line does ("INTERVIEWER: Toby Halloran"). */
            if (figure_value(list, text, len, v))
                return 0;
            *note_end = stop ? i : 0;
            return stop ? stop : i;
        }
        if (c == '\n')
            return 0;
        /* A tag is the name it stood for ("[PERSON] I6 AnI:" reads as
         * "Tamsin Okafor I6 AnI:" did): one capitalised word. */
        size_t tag = tag_end(text, len, i, NULL);
        if (tag > i) {
            *tagged = true;
            tags += !in_word;
            words += !in_word;
            first_upper |= words == 1;
            last_lower = false;
            in_word = true;
            word_start = i;
            i = tag - 1;
            continue;
        }
        bool w = c >= 0x80 || ascii_word(c) || c == '\'' || c == '-' || c == '.';
        if (w && !in_word) {
            words++;
            word_start = i;
            first_upper |= words == 1 && (unsigned)(c - 'A') < 26u;
            last_lower = (unsigned)(c - 'a') < 26u;
        } else if (!w && c != ' ') {
            return 0;
        }
        /* A full stop and a blank after a word ends a sentence, as it does
         * between sentences: "Huddle. Announcement:" is no speaker, "Dr.
         * Okafor:" and "J. K. Lowe:" are. */
        if (c == '.' && i + 1 < len && (text[i + 1] == ' ' || text[i + 1] == '\t') &&
            !full_stop_continues(text, word_start, i))
            return 0;
        any_lower |= c >= 0x80 || (unsigned)(c - 'a') < 26u;
        in_word = w;
    }
    return 0;
}

/* The length of the suffix a word sheds that ends at text[end] ("s" or "d"
 * of 's and 'd, "ll", "ve" or "re"), without its apostrophe, or 0; text
 * holds at least two bytes before end.  Most words end otherwise: two
 * compares turn them away. */
static size_t
shed_suffix(const char *text, size_t end)
{
    unsigned char z = (unsigned char)(text[end - 1] | 0x20),
                  y = (unsigned char)(text[end - 2] | 0x20);
    if (z == 's' || z == 'd')
        return 1;
    if ((z == 'l' && y == 'l') || (z == 'e' && (y == 'v' || y == 'r')))
        return 2;
    return 0;
}

/* The offset of the apostrophe, of any kind, that ends just before
 * text[s], not before text[floor], or s when there is none. */
static size_t
apostrophe_before(const char *text, size_t floor, size_t s)
{
    if (s <= floor)
        return s;
    unsigned char b = (unsigned char)text[s - 1];
    /* An apostrophe ends in one of these bytes, in UTF-8. */
    if (b != '\'' && b != '`' && b < 0x80)
        return s;
    size_t a = s - 1;
    while (a > floor && ((unsigned char)text[a] & 0xC0) == 0x80)
        a--;
    int32_t ap;
    hush_utf8_decode(text + a, s - a, &ap);
    return is_apostrophe(ap) ? a : s;
}

/* The offset of the apostrophe, of any kind, that begins a possessive 's or
 * a contraction ('ll, 'd, 've, 're) at the end of the word [start, end) of
 * text[0, len), with at least two bytes of the word before it ("Jo's",
 * "Declan'll", not "I'll"), and not inside an address, where a full stop,
 * an @, a hyphen, an underscore or a slash and a letter, a digit or a tag
 * follow ("jo'd.nhs.uk"); else end. */
static size_t
suffix_apostrophe(const char *text, size_t len, size_t start, size_t end)
{
    if (end - start < 4)
        return end;
    size_t n = shed_suffix(text, end);
    if (n == 0 || end - start < n + 3)
        return end;
    /* A tag there stood for what followed: "ian's.S. Im" redacted is
     * "ian's.[PERSON]", and must be read the same. */
    if (end + 1 < len && memchr(".@-_/", text[end], 5) &&
        (ascii_word((unsigned char)text[end + 1]) || text[end + 1] == '['))
        return end;
    size_t a = apostrophe_before(text, start, end - n);
    return a < end - n && a > start + 1 ? a : end;
}

/* The length of the tag's possessive or contraction that starts at text[i]
 * ("[PERSON]'S", "[PERSON]’s", "[PERSON]'Ve": the suffixes
 * suffix_apostrophe takes off a word), or 0.  A name's own 's or 've stays
 * outside its token ("Okafor'S"), so once the name is a tag the suffix must
 * not become a word of its own (an initial before "S.Dey", a name "Ve"):
 * the redacted text reads as its original did. */
static size_t
tag_suffix(const char *text, size_t len, size_t i)
{
    /* Most words follow a blank: the byte before turns them away. */
    size_t a = apostrophe_before(text, 0, i);
    if (a == i || a == 0 || text[a - 1] != ']')
        return 0;
    size_t e = i;
    while (e < len && e - i < 3 && ascii_word((unsigned char)text[e]))
        e++;
    if (e - i > 2 || shed_suffix(text, e) != e - i)
        return 0;
    size_t q = a - 1; /* the closing bracket */
    for (size_t b = q, k = 0; b > 0 && k < 48; k++)
        if (text[--b] == '[')
            return tag_end(text, len, b, NULL) == q + 1 ? e - i : 0;
    return 0;
}

/* The classes of the ASCII bytes words are made of, for the tokeniser's
 * fast path: one load instead of three range tests per byte. */
enum { CL_UPPER = 1, CL_LOWER = 2, CL_DIGIT = 4 };
#define CL(b)                                                                                      \
    ((b) >= 'A' && (b) <= 'Z'   ? CL_UPPER                                                         \
     : (b) >= 'a' && (b) <= 'z' ? CL_LOWER                                                         \
     : (b) >= '0' && (b) <= '9' ? CL_DIGIT                                                         \
                                : 0)
#define CL4(b) CL(b), CL((b) + 1), CL((b) + 2), CL((b) + 3)
#define CL16(b) CL4(b), CL4((b) + 4), CL4((b) + 8), CL4((b) + 12)
#define CL64(b) CL16(b), CL16((b) + 16), CL16((b) + 32), CL16((b) + 48)
static const unsigned char ascii_class[256] = {CL64(0), CL64(64), CL64(128), CL64(192)};
#undef CL64
#undef CL16
#undef CL4
#undef CL

/* The tokeniser's fast path reads eight bytes at a time as one 64-bit
 * number: the high bit and the low bit of each of its bytes. */
#define HIGH_BITS UINT64_C(0x8080808080808080)
#define BYTE_ONES UINT64_C(0x0101010101010101)

/* The high bit of each byte of w that is an ASCII byte in [lo, hi]: with
 * the high bits cleared no sum carries into the next byte, and a byte's
 * high bit in x + (0x80 - lo) says x >= lo, in x + (0x7F - hi) that x > hi. */
static inline uint64_t
ascii_in(uint64_t w, unsigned char lo, unsigned char hi)
{
    uint64_t low7 = w & ~HIGH_BITS;
    return (low7 + BYTE_ONES * (0x80u - lo)) & ~(low7 + BYTE_ONES * (0x7Fu - hi)) & ~w & HIGH_BITS;
}

/* How many high bits of bytes are set in m (which has no other bits). */
static inline unsigned
high_bits_set(uint64_t m)
{
    return (unsigned)(((m >> 7) * BYTE_ONES) >> 56);
}

bool
hush_word_in(const char *const *words, size_t nwords, const char *s, size_t n)
{
    /* Most words differ in their first byte: only those that do not are
     * measured. */
    for (size_t i = 0; i < nwords; i++)
        if (n > 0 && words[i][0] == s[0] && strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

bool
initial_token(const char *text, const struct token *t)
{
    if (!(t->flags & TOK_INITIAL))
        return false;
    size_t s = t->start;
    if (s > 0 && text[s - 1] == '-')
        return false;
    return text[s] != 'I' || (s >= 2 && text[s - 1] == '.' && (unsigned)(text[s - 2] - 'A') < 26u);
}

size_t
plural_stems(const char *k, size_t n, size_t stems[2])
{
    if (n < 4 || k[n - 1] != 's')
        return 0;
    stems[0] = n - 1;
    bool es = n >= 5 && k[n - 2] == 'e' &&
              (k[n - 3] == 's' || k[n - 3] == 'x' || k[n - 3] == 'z' ||
               (k[n - 3] == 'h' && (k[n - 4] == 'c' || k[n - 4] == 's')));
    if (!es)
        return 1;
    stems[1] = n - 2;
    return 2;
}

bool
title_word(const char *k, size_t n)
{
    static const char *const titles[] = {
        "mr",        "mrs",  "ms",    "miss",  "mx",     "dr",     "doctor", "prof",
        "professor", "sir",  "dame",  "nurse", "sister", "rev",    "revd",   "reverend",
        "pastor",    "imam", "rabbi", "canon", "deacon", "bishop", "cllr",   "councillor"};
    return HUSH_WORD_IN(titles, k, n);
}

/* Is this normalised token an abbreviation after which a full stop does not
 * end a sentence?  Titles and "St" (Saint, Street). */
static bool
is_abbreviation(const char *k, size_t n)
{
    static const char *const abbr[] = {"dr", "mr", "mrs", "ms",   "mx",   "st",  "prof", "rev",
                                       "fr", "sr", "jr",  "revd", "cllr", "sgt", "capt"};
    return HUSH_WORD_IN(abbr, k, n);
}

/* Is this normalised token one of the function words that most often open
 * a sentence?  How a text writes them after a full stop tells whether it
 * capitalises at all; being function words, no rule replaces them, so a
 * redacted text is judged as its original was. */
static bool
opens_sentences(const char *k, size_t n)
{
    static const char *const words[] = {"the",  "he",    "she", "it",  "we",  "they", "this",
                                        "that", "there", "and", "but", "so",  "then", "when",
                                        "if",   "yes",   "no",  "my",  "his", "her",  "our"};
    return HUSH_WORD_IN(words, k, n);
}

/* Is the word text[s, e) part of an address or a handle: does one go on
 * from it ("And@nsft.nhs.uk", "so.and.so@", "the_user"), or does it follow
 * an at sign ("@That")?  Redacting removes such a word with the rest. */
static bool
in_address_or_handle(const char *text, size_t len, size_t s, size_t e)
{
    if (s > 0 && text[s - 1] == '@')
        return true;
    if (e >= len)
        return false;
    char c = text[e];
    return c == '@' || c == '_' ||
           (c == '.' && e + 1 < len && ((unsigned char)text[e + 1] > ' ' && text[e + 1] != '.'));
}

/* What the gap text[a..b) between two tokens says. */
struct gap {
    bool newline; /* a line break */
    bool dot;     /* a full stop */
    bool stop;    /* ! ? : ; | (a table cell) or an ellipsis */
    bool joins;   /* a multi-word list entry may span it */
    bool names;   /* a name may span it (no full stop: see the caller) */
    bool blank;   /* a space, tab or line break: not inside an address ("jo.if@") */
    bool quote;   /* ends with the double quote that opens a CSV cell */
    bool dash;    /* a dash between blanks (" - ", " – "), which opens a clause */
};

static struct gap
classify_gap(const char *text, size_t a, size_t b)
{
    /* One space, the gap between most words: what the loop below says of
     * it, without the loop. */
    if (b - a == 1 && text[a] == ' ')
        return (struct gap){false, false, false, true, true, true, false, false};
    struct gap g = {false, false, false, false, false, false, false, false};
    bool other = false;
    size_t hyphens = 0, dots = 0, commas = 0, spaces = 0, tabs = 0;
    bool dash = false;      /* a hyphen after a blank */
    size_t spaced_from = 0; /* just past a dash that follows a blank, or 0 */
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        switch (c) {
        case '\n':
            g.newline = true;
            break;
        case '\r':
            break;
        case '\t':
            tabs++;
            spaces++;
            break;
        case ' ':
            spaces++;
            break;
        case '-':
            hyphens++;
            dash |= spaces > 0;
            spaced_from = spaces > 0 ? i + 1 : spaced_from;
            break;
        case '.':
            dots++;
            break;
        case ',':
            commas++;
            break;
        case '!':
        case '?':
        case ':':
        case ';':
        case '|': /* a table's cell begins as a sentence does */
            g.stop = true;
            other = true;
            break;
        default:
            if (c >= 0x80) {
                int32_t cp;
                size_t n = hush_utf8_decode(text + i, b - i, &cp);
                i += n - 1;
                /* An ellipsis; a broken bar or a box-drawing line, a
                 * table's cell as '|' is. */
                if (cp == 0x2026 || cp == 0x00A6 || cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
                    g.stop = true;
                if (cp == 0x00A0 || cp == 0x202F) { /* no-break spaces */
                    spaces++;
                    break;
                }
                if (cp == 0x2010 || cp == 0x2011) { /* hyphens */
                    hyphens++;
                    break;
                }
                if ((cp == 0x2013 || cp == 0x2014) && spaces > 0) /* en and em dashes */
                    spaced_from = i + 1;
            }
            other = true;
        }
    }
    g.dot = dots > 0;
    g.blank = spaces > 0 || g.newline;
    g.dash = spaced_from > 0 && spaced_from < b &&
             (text[spaced_from] == ' ' || text[spaced_from] == '\t');
    /* A tab or a run of three spaces or more sets a table's columns apart
     * ("Date: 2nd October   Place: the library"), as '|' does. */
    if (tabs > 0 || spaces - tabs >= 3)
        g.stop = true;
    /* A double quote last, just after a comma, a line break or another
     * quote (',"Falls risk', '\n"Res found', '""I was'), opens a cell of a
     * CSV line, which begins as a sentence does.  After a blank it may be
     * a nickname inside a name ('Sandeep "Sandy" Kaur'), which does not. */
    if (b - a >= 2 && text[b - 1] == '"') {
        char c = text[b - 2];
        g.quote = c == '\n' || c == ',' || c == '"';
    }
    g.joins =
        !g.newline && !other && hyphens <= 1 && dots <= 1 && commas <= 1 && b - a <= JOIN_GAP_BYTES;
    /* A hyphen after a blank is a dash ("Yusuf Patel - Muslim Chaplain"),
     * which ends a name; one before a blank may end a word cut short
     * ("Cli- Clifford"). */
    g.names = !g.newline && !other && !dash && dots == 0 && commas == 0 && hyphens <= 1 &&
              spaces <= 2 && b - a <= JOIN_GAP_BYTES;
    return g;
}

/* The most bytes a domain holds (253) and its at sign: how far back
 * after_at_in_word looks, so that a long run of such bytes costs each word
 * in it no more than this ("i–i–i–...", which once took time quadratic in
 * the run). */
#define DOMAIN_LOOKBACK 254

/* Does an at sign stand before text[start], at most DOMAIN_LOOKBACK bytes
 * back, in the same run of letters, digits and the marks an address holds
 * ("d@d.i": the "i" is a label of the address's domain)? */
static bool
after_at_in_word(const char *text, size_t start)
{
    size_t floor = start > DOMAIN_LOOKBACK ? start - DOMAIN_LOOKBACK : 0;
    for (size_t p = start; p > floor; p--) {
        char c = text[p - 1];
        if (c == '@')
            return true;
        if (!(domain_byte(c) || c == '.' || c == '_'))
            return false;
    }
    return false;
}

/* Is the word text[start, end), with normalised form key[0, key_len), the
 * pronoun I ("I", "I'm", "I've", "I'll", "I'd"), not a letter spelt out
 * ("N-I-A-M-H"), an initial ("I. Khan") or a part of an address or handle
 * ("d@d.i", "i@s.u"), which the address's tag takes whole? Marks
 * TOK_PRONOUN_I. */
static bool
is_pronoun_i(const char *text, size_t len, const char *key, size_t key_len, size_t start,
             size_t end)
{
    static const char *const forms[] = {"i", "i'm", "i've", "i'll", "i'd"};
    if (key_len == 0 || key_len > 4 || key[0] != 'i')
        return false;
    if (!HUSH_WORD_IN(forms, key, key_len))
        return false;
    return !(start > 0 && text[start - 1] == '-') &&
           !(end < len && (text[end] == '-' || text[end] == '.')) &&
           !in_address_or_handle(text, len, start, end) && !after_at_in_word(text, start);
}

static int
compare_label_hashes(const void *a, const void *b)
{
    uint64_t x = ((const struct label_ref *)a)->hash, y = ((const struct label_ref *)b)->hash;
    return (x > y) - (x < y);
}

static bool
same_key(const struct token_list *list, size_t a, size_t b)
{
    const struct token *x = &list->v[a], *y = &list->v[b];
    return x->key_len == y->key_len &&
           memcmp(list->keys.data + x->key, list->keys.data + y->key, x->key_len) == 0;
}

/* Sets TOK_LABEL_AGAIN on each label word whose normal form is that of
 * another label word: the label words sorted by hash, and those of a run
 * of equal hashes compared with its first.  O(L log L) for L label
 * words. */
static void
mark_labels_again(struct token_list *list)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++) {
        if ((list->v[i].flags & (TOK_LABEL | TOK_LABEL_TAGGED)) != TOK_LABEL)
            continue;
        list->labels = hush_xgrow(list->labels, &list->cap_labels, n + 1, sizeof *list->labels);
        list->labels[n++] = (struct label_ref){list->v[i].hash, i};
    }
    if (n < 2)
        return;
    qsort(list->labels, n, sizeof *list->labels, compare_label_hashes);
    for (size_t run = 0, end; run < n; run = end) {
        for (end = run + 1; end < n && list->labels[end].hash == list->labels[run].hash; end++)
            ;
        /* Each is compared with the run's first: a run is one word but
         * for a collision of 64-bit hashes, which may then go unmarked. */
        for (size_t b = run + 1; b < end; b++)
            if (same_key(list, list->labels[run].tok, list->labels[b].tok)) {
                list->v[list->labels[run].tok].flags |= TOK_LABEL_AGAIN;
                list->v[list->labels[b].tok].flags |= TOK_LABEL_AGAIN;
            }
    }
}

void
tokenize(const char *text, size_t len, struct token_list *list)
{
    list->n = 0;
    list->keys.len = 0;
    /* The key arena always has storage, so that an empty key (an over-long
     * word) at its start is an offset into it, not into a null pointer. */
    hush_buf_append(&list->keys, "", 0);
    list->oversize = SIZE_MAX;
    list->i_upper = list->i_lower = 0;
    list->start_upper = list->start_lower = 0;
    list->names_upper = list->names_lower = list->other_tags = 0;
    size_t label_stop = 0;     /* bytes before this are inside a speaker label */
    bool label_tagged = false; /* and that label holds a tag */
    size_t note_stop = 0;      /* bytes from label_stop to this are its role note */
    size_t gap_start = 0;
    size_t i = 0;
    bool line_start = true;
    /* Every token so far on this line, or in this sentence, is a number
     * or a tag of figures: a time, a date or a list number ("09:15 -
     * Morning huddle", "3 Lunch with..."), after which the line or the
     * sentence goes on as one starts. */
    bool numbers_only = true;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            line_start = true;
            numbers_only = true;
            i++;
            continue;
        }
        if (line_start) {
            line_start = false;
            bool tagged;
            size_t note;
            size_t le = label_end(list, text, len, i, &tagged, &note);
            if (le) {
                label_stop = le;
                label_tagged = tagged;
                note_stop = note;
            }
        }
        int32_t cp;
        size_t n = next_cp(text, len, i, &cp);
        bool amp = c == '&';
        if (!amp && !(c < 0x80 ? ascii_word(c) : is_word_cp(cp))) {
            i += n;
            continue;
        }
        size_t suffix = tag_suffix(text, len, i);
        if (suffix) {
            i += suffix;
            continue;
        }
        /* A token starts at i. */
        size_t start = i, end, resume;
        bool possessive = false;
        unsigned upper = 0, lower = 0, letters = 0;
        bool digit_seen = false; /* a digit (or mark) among the letters */
        bool first_upper = false, first_letter_seen = false;
        /* Where the key of a word read by the ASCII loop alone is written
         * as it is read (ascii_key), with room for the whole rest of the
         * text, which no such key can outgrow. */
        size_t ascii_end = start;
        if (!amp && list->keys.cap - list->keys.len < len - start + 1)
            list->keys.data =
                hush_xgrow(list->keys.data, &list->keys.cap, list->keys.len + len - start + 1, 1);
        char *ascii_key = list->keys.data + list->keys.len;
        if (amp) {
            end = resume = i + 1;
        } else {
            size_t j = i;
            /* Plain ASCII letters and digits, the bulk of any transcript,
             * without decoding, written to the key arena in lower case as
             * normalize_word would write them. */
            unsigned digits = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* Eight bytes at a time while eight remain: most words end
             * inside the first eight, found without a branch per byte. */
            while (len - j >= 8) {
                uint64_t w;
                memcpy(&w, text + j, 8);
                uint64_t up = ascii_in(w, 'A', 'Z'), lo = ascii_in(w, 'a', 'z'),
                         dg = ascii_in(w, '0', '9');
                uint64_t stop = ~(up | lo | dg) & HIGH_BITS;
                unsigned run = stop ? (unsigned)__builtin_ctzll(stop) / 8 : 8;
                uint64_t keep = run == 8 ? ~UINT64_C(0) : (UINT64_C(1) << (8 * run)) - 1;
                up &= keep;
                lo &= keep;
                dg &= keep;
                uint64_t lowered = w | up >> 2; /* 0x80 >> 2 is the case bit */
                memcpy(ascii_key + (j - start), &lowered, 8);
                upper += high_bits_set(up);
                lower += high_bits_set(lo);
                digits += high_bits_set(dg);
                j += run;
                if (run < 8)
                    break;
            }
#endif
            while (j < len) {
                unsigned char d = (unsigned char)text[j];
                unsigned k = ascii_class[d];
                if (k == 0)
                    break;
                ascii_key[j - start] = (char)(d | (k & CL_UPPER) << 5);
                upper += k & CL_UPPER;
                lower += k >> 1 & 1;
                digits += k >> 2;
                j++;
            }
            letters = upper + lower;
            digit_seen = digits > 0;
            ascii_end = j;
            /* The first letter, past any digits ("2nd"): nearly always the
             * first byte. */
            for (size_t f = start; f < j && !first_letter_seen; f++) {
                unsigned k = ascii_class[(unsigned char)text[f]];
                first_letter_seen = k != CL_DIGIT;
                first_upper = k == CL_UPPER;
            }
            while (j < len) {
                unsigned char d = (unsigned char)text[j];
                /* An ASCII space or punctuation other than an apostrophe
                 * ends the word, as the test below would find. */
                if (d < 0x80 && !ascii_word(d) && d != '\'' && d != '`')
                    break;
                int32_t q;
                size_t m = next_cp(text, len, j, &q);
                bool word = d < 0x80 ? ascii_word(d) : is_word_cp(q);
                if (!word) {
                    /* Apostrophes and invisible characters stay inside a
                     * word when a word character follows. */
                    if (joins_word(text, len, q, j + m) && j > start) {
                        j += m;
                        continue;
                    }
                    break;
                }
                bool up, lo;
                if (d < 0x80) {
                    up = (unsigned)(d - 'A') < 26u;
                    lo = (unsigned)(d - 'a') < 26u;
                } else {
                    utf8proc_category_t cat = utf8proc_category(q);
                    up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
                    lo = cat == UTF8PROC_CATEGORY_LL;
                }
                digit_seen |= !(up || lo);
                if (up || lo) {
                    letters++;
                    if (!first_letter_seen) {
                        first_letter_seen = true;
                        first_upper = up;
                    }
                }
                upper += up;
                lower += lo;
                j += m;
            }
            end = resume = j;
            /* A possessive 's, and a contraction ('ll, 'd, 've, 're), stay
             * outside the token, whichever apostrophe was typed:
             * "Declan'll come" is Declan's. */
            size_t a = suffix_apostrophe(text, len, start, end);
            if (a < end) {
                possessive = (text[end - 1] | 0x20) == 's';
                for (size_t q = a; q < end; q++) {
                    if (text[q] >= 'a' && text[q] <= 'z' && lower)
                        lower--;
                    else if (text[q] >= 'A' && text[q] <= 'Z' && upper)
                        upper--;
                }
                end = a;
            }
        }
        if (list->n == list->cap)
            list->v = hush_xgrow(list->v, &list->cap, list->n + 1, sizeof *list->v);
        struct token *t = &list->v[list->n];
        *t = (struct token){0};
        t->start = (uint32_t)start;
        t->end = (uint32_t)end;
        t->key = (uint32_t)list->keys.len;
        if (amp) {
            hush_buf_append(&list->keys, "and", 3);
            t->key_len = 3;
        } else {
            if (end - start > HUSH_MAX_TOKEN_BYTES && list->oversize == SIZE_MAX)
                list->oversize = start;
            size_t kl = 0;
            if (end - start > HUSH_MAX_TOKEN_BYTES) {
                /* not looked up: an empty key */
            } else if (end == ascii_end) {
                /* ASCII letters and digits only: the key is written. */
                kl = end - start;
                list->keys.len += kl;
                list->keys.data[list->keys.len] = '\0';
            } else {
                kl = normalize_word(text + start, end - start, &list->keys);
            }
            t->key_len = (uint16_t)kl;
        }
        t->hash = hash_bytes(HASH_SEED, list->keys.data + t->key, t->key_len);
        if (first_upper && lower > 0)
            t->flags |= TOK_CAPITALISED;
        if (letters >= 2 && lower == 0)
            t->flags |= TOK_ALLCAPS;
        /* One letter and nothing else: "J" of "J. Smith", not "B12". */
        if (letters == 1 && upper == 1 && end - start <= 4 && !digit_seen)
            t->flags |= TOK_INITIAL;
        if ((unsigned)(c - '0') < 10u)
            t->flags |= TOK_DIGITS;
        if (is_pronoun_i(text, len, list->keys.data + t->key, t->key_len, start, end)) {
            t->flags |= TOK_PRONOUN_I;
            list->i_upper += c == 'I';
            list->i_lower += c == 'i';
        }
        if (start < label_stop)
            t->flags |= TOK_LABEL | (label_tagged ? TOK_LABEL_TAGGED : 0);
        else if (start < note_stop)
            t->flags |= TOK_ROLE_NOTE;
        /* What does the gap before this token say? */
        if (list->n == 0) {
            t->flags |= TOK_SENTENCE_START;
        } else {
            struct token *p = &list->v[list->n - 1];
            struct gap g = classify_gap(text, gap_start, start);
            /* A full stop after an initial or a title ("J. Smith", "Dr.
             * Okafor") ends no sentence. */
            bool abbrev =
                g.dot && !g.newline && !g.stop &&
                (initial_token(text, p) || is_abbreviation(list->keys.data + p->key, p->key_len));
            /* A full stop with no blank after it is inside an address, a
             * handle or a number ("@t.8", "nhs.uk", "3.5"), which a tag
             * may replace, not between sentences. */
            if ((g.newline || g.stop || (g.dot && g.blank) || g.quote || g.dash || numbers_only) &&
                !abbrev)
                t->flags |= TOK_SENTENCE_START;
            /* A line break alone may wrap a sentence: only a stop counts,
             * whatever the word before it, even a title: that word may end
             * an identifier, and the count must not change when it
             * becomes a tag ("Syclmore ward. The" redacted is "[TEAM].
             * The").  But not the full stop of an initial, which its tag
             * takes with it (hush_matcher_run: "Dr P. And" is "Dr [PERSON]
             * And"), as it ends no sentence.  And a stop with no blank
             * after it is inside an identifier ("sian.if@example.org"),
             * not between sentences; so is a word of an address or a
             * handle ("And@nsft.nhs.uk", "@That"), which redacting
             * removes. */
            bool initial_stop = g.dot && !g.stop && initial_token(text, p);
            if ((g.stop || g.dot) && g.blank && !initial_stop &&
                !in_address_or_handle(text, len, start, end) &&
                opens_sentences(list->keys.data + t->key, t->key_len)) {
                list->start_upper += (t->flags & TOK_CAPITALISED) != 0;
                list->start_lower += (unsigned)((unsigned char)text[start] - 'a') < 26u;
            }
            if (g.joins)
                p->flags |= TOK_JOINS_NEXT;
            if ((g.names || ((p->flags & TOK_INITIAL) && g.dot && g.joins)) &&
                !(p->flags & TOK_POSSESSIVE))
                p->flags |= TOK_NAME_NEXT;
        }
        /* "Ada's marsh" is not the entry "Ada Marsh". */
        if (possessive)
            t->flags |= TOK_POSSESSIVE;
        /* A number, or a tag of figures that may have replaced one, that
         * opens a line or a sentence ("06/09/2023 - New school year",
         * "[DATE] - New school year") opens it for the word after it. */
        numbers_only =
            (numbers_only || (t->flags & TOK_SENTENCE_START)) &&
            ((t->flags & TOK_DIGITS) || (start > 0 && figures_tag_at(list, text, len, start - 1)));
        list->n++;
        gap_start = resume;
        i = resume;
    }
    mark_labels_again(list);
}

void
token_list_free(struct token_list *list)
{
    free(list->v);
    free(list->labels);
    hush_buf_free(&list->keys);
    memset(list, 0, sizeof *list);
}

uint64_t
token_seq_key(const struct token_list *toks, size_t i, size_t j, struct hush_buf *key)
{
    key->len = 0;
    uint64_t h = HASH_SEED;
    for (size_t k = i; k <= j; k++) {
        const struct token *t = &toks->v[k];
        const char *w = toks->keys.data + t->key;
        if (k > i)
            hush_buf_append(key, " ", 1);
        size_t at = key->len;
        hush_buf_append(key, w, t->key_len);
        /* Inside a sequence a possessive is part of the name: "King's Lynn"
         * is not "King Lynn", and "Ada's marsh" is not "Ada Marsh". */
        if (k < j && (t->flags & TOK_POSSESSIVE)) {
            hush_buf_append(key, "'s", 2);
            h = hash_seq(h, hash_bytes(HASH_SEED, key->data + at, key->len - at));
        } else {
            h = hash_seq(h, t->hash);
        }
    }
    return h;
}
