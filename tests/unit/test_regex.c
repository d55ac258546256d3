/*
 * test_regex.c: PCRE2 with hush's options and limits, and the analysis of
 * where a match can start (regex.c).
 */
#include "helpers.h"

static struct regex re;
static struct regex_state st;
static bool have_state;

static void
teardown(void)
{
    regex_free(&re);
    if (have_state)
        regex_state_free(&st);
}

TestSuite(regex, .fini = teardown);

static void
compile(const char *pattern)
{
    size_t col = 0;
    struct hush_error err = {0};
    cr_assert_eq(regex_compile(&re, pattern, &col, &err), HUSH_OK, "%s", err.msg);
    regex_state_init(&st, re.capture_count);
    have_state = true;
}

/* compile, after freeing what an earlier compile in the same test made. */
static void
recompile(const char *pattern)
{
    regex_free(&re);
    if (have_state)
        regex_state_free(&st);
    have_state = false;
    compile(pattern);
}

static bool
can_start(unsigned char b)
{
    return (re.starts[b >> 3] >> (b & 7)) & 1;
}

/* Runs the compiled pattern anchored at offset at of text: in the
 * interpreter, then often enough for a JIT-compiled copy to take over, and
 * checks that both give the same result, bounds and status. */
static int
run(const char *text, size_t at, size_t *ms, size_t *me, struct hush_error *err)
{
    size_t len = strlen(text);
    int first = regex_run(&re, NULL, 0, &st, text, len, at, ms, me, err);
    size_t first_ms = *ms, first_me = *me;
    struct regex_jit jit = {0};
    for (int k = 0; k < 40; k++) {
        struct hush_error e = {0};
        size_t s = 0, t = 0;
        int rc = regex_run(&re, &jit, 0, &st, text, len, at, &s, &t, &e);
        cr_assert_eq(rc, first, "run %d disagrees with the interpreter", k);
        cr_assert_eq(e.status, err->status, "run %d: status", k);
        if (rc == 1)
            cr_assert(s == first_ms && t == first_me, "run %d: bounds", k);
    }
    cr_assert(jit.n == 1 && jit.code[0] != NULL, "a JIT copy was made");
    regex_jit_free(&jit);
    /* The groups the caller reads are the interpreter's: run it last. */
    return regex_run(&re, NULL, 0, &st, text, len, at, ms, me, err);
}

Test(regex, syntax_error_gives_config_status_and_column)
{
    size_t col = 0;
    struct hush_error err = {0};
    cr_assert_eq(regex_compile(&re, "ab(c", &col, &err), HUSH_ECONFIG);
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert_eq(col, 5, "PCRE2 reports the end of the pattern, 1-based");
    cr_assert_not_null(strstr(err.msg, "parenthesis"));
}

Test(regex, syntax_error_message_does_not_quote_the_pattern)
{
    size_t col = 0;
    struct hush_error err = {0};
    cr_assert_eq(regex_compile(&re, "Zorvath[", &col, &err), HUSH_ECONFIG);
    cr_assert_null(strstr(err.msg, "Zorvath"));
    cr_assert_eq(col, 9);
}

Test(regex, counts_capture_groups)
{
    compile("(a)(?:b)(c(d))");
    cr_assert_eq(re.capture_count, 3);
}

Test(regex, runs_anchored_at_the_given_offset)
{
    compile("\\d{3}");
    size_t ms = 0, me = 0;
    struct hush_error err = {0};
    const char *s = "ab 123";
    cr_assert_eq(run(s, 0, &ms, &me, &err), 0, "anchored: no search forward");
    cr_assert_eq(run(s, 3, &ms, &me, &err), 1);
    cr_assert_eq(ms, 3);
    cr_assert_eq(me, 6);
}

Test(regex, unicode_classes_and_properties_apply)
{
    compile("\\p{Lu}\\w+");
    size_t ms, me;
    struct hush_error err = {0};
    const char *s = "Łucja";
    cr_assert_eq(run(s, 0, &ms, &me, &err), 1);
    cr_assert_eq(me, strlen(s), "\\w covers non-ASCII letters under UCP");
}

Test(regex, capture_group_bounds)
{
    compile("Dr\\s+(\\p{Lu}\\p{Ll}+)(x)?");
    size_t ms, me, gs = 0, ge = 0;
    struct hush_error err = {0};
    const char *s = "Dr Quell said";
    cr_assert_eq(run(s, 0, &ms, &me, &err), 1);
    cr_assert_eq(regex_group(&st, 1, &gs, &ge), 1);
    cr_assert_eq(gs, 3);
    cr_assert_eq(ge, 8);
    cr_assert_eq(regex_group(&st, 2, &gs, &ge), 0, "an unset group");
    cr_assert_eq(regex_group(&st, 9, &gs, &ge), 0, "a group beyond the pattern");
}

Test(regex, start_bytes_of_a_digit_pattern)
{
    compile("\\d{3}");
    cr_assert(can_start('0'));
    cr_assert(can_start('9'));
    cr_assert_not(can_start('a'));
    cr_assert_not(can_start(' '));
    cr_assert(can_start(0xD9), "a non-ASCII digit may start it (UCP)");
}

Test(regex, start_bytes_of_a_literal_pattern)
{
    compile("[A-Z]{2}\\d");
    cr_assert(can_start('Q'));
    cr_assert_not(can_start('q'));
    cr_assert_not(can_start('5'));
}

Test(regex, caseless_literal_may_start_in_either_case)
{
    compile("(?i)quell");
    cr_assert(can_start('q'));
    cr_assert(can_start('Q'));
    cr_assert_not(can_start('u'));
}

/* A match never starts on a UTF-8 continuation byte, whatever the
 * pattern: the engine must not try one in the middle of a character. */
Test(regex, continuation_bytes_never_start_a_match)
{
    compile(".+");
    for (unsigned b = 0x80; b < 0xC0; b++)
        cr_assert_not(can_start((unsigned char)b), "byte %#x", b);
    cr_assert(can_start('a'));
}

Test(regex, lookbehind_pattern_start_is_found_by_probing)
{
    compile("(?<=\\s)x\\d");
    cr_assert(can_start('x'));
    cr_assert_not(can_start('y'));
}

Test(regex, multiline_caret_marks_a_line_start_pattern)
{
    compile("(?m)^Q\\w+");
    cr_assert(re.startline);
    recompile("Q\\w+");
    cr_assert_not(re.startline);
}

/* A runaway pattern must stop at the match limit and say so: a limit is
 * never read as "no match". */
Test(regex, catastrophic_backtracking_hits_the_limit)
{
    compile("(a+)+$");
    char s[64];
    memset(s, 'a', 40);
    strcpy(s + 40, "!");
    size_t ms, me;
    struct hush_error err = {0};
    cr_assert_eq(run(s, 0, &ms, &me, &err), -1);
    cr_assert_eq(err.status, HUSH_EDATA);
    cr_assert_null(strstr(err.msg, "aaaa"), "the message never quotes the text");
}

Test(regex, no_match_is_zero_and_leaves_error_clear)
{
    compile("\\d{3}");
    size_t ms, me;
    struct hush_error err = {0};
    cr_assert_eq(run("abc", 0, &ms, &me, &err), 0);
    cr_assert_eq(err.status, HUSH_OK);
}

/* ---- judging a window (regex_may_match, used by regex_memo.c) ----------- */

/* May the compiled pattern match at offset at of text, judged by the bytes
 * [from, to) alone?  Probed more often than a JIT copy takes, so that both
 * the interpreter and the copy answer. */
static int
may(const char *text, size_t from, size_t at, size_t to)
{
    static struct regex_jit pr;
    int first = regex_may_match(&re, &pr, 0, &st, text, from, at, to);
    for (int k = 0; k < 300; k++)
        cr_assert_eq(regex_may_match(&re, &pr, 0, &st, text, from, at, to), first,
                     "probe %d disagrees", k);
    regex_jit_free(&pr);
    return first;
}

Test(regex, a_window_that_fails_on_its_own_bytes_cannot_match)
{
    compile("\\b\\p{Lu}\\.\\s?\\p{Lu}[\\p{Ll}]+");
    cr_assert_eq(may("said Sarah Quell", 4, 5, 7), 0, "'Sa': no full stop after the initial");
    cr_assert_eq(may("said S. Quell", 4, 5, 7), 1, "'S.' may go on to a match");
}

Test(regex, a_window_ending_inside_a_lookahead_or_at_a_boundary_may_match)
{
    compile("(?!March\\b)\\p{Lu}\\w+\\b");
    cr_assert_eq(may("in Marsden now", 2, 3, 6), 1, "'Mar' could still be Marsden");
    cr_assert_eq(may("in March now", 2, 3, 9), 0, "'March ' is ruled out whole");
}

Test(regex, the_context_before_a_window_decides_a_lookbehind)
{
    compile("(?<=,\\s)\\p{Lu}\\p{Ll}+,\\s+(?:she|he)\\b");
    cr_assert_eq(may("her mum, Dawn, she", 6, 9, 11), 1);
    cr_assert_eq(may("her mum Dawn, she", 6, 8, 10), 0, "no comma before");
}

/* How far back a window must reach: PCRE2's longest lookbehind, and one
 * character more when an assertion inside a lookbehind reads the
 * character before it ("(?<!\bto\h)" spans three and reads four: with only
 * three, "into SX1234" was judged as "to SX1234"). */
Test(regex, the_context_covers_what_a_lookbehind_reads)
{
    compile("\\bSX\\d{4}");
    cr_assert_eq(re.lookbehind, 1u, "a \\b at the start reads one");
    recompile("(?<![+\\d])SX\\d{4}");
    cr_assert_eq(re.lookbehind, 1u);
    recompile("(?<!\\bto\\h)SX\\d{4}");
    cr_assert_eq(re.lookbehind, 4u);
    const char *text = "moved into SX1234";
    size_t at = strlen("moved into "), from = at - re.lookbehind, to = at + 3;
    cr_assert_eq(may(text, from, at, to), 1, "'into' is no 'to'");
    cr_assert_eq(may("moved to SX1234", 5, 9, 12), 0, "' to SX' rules it out");
}

/* A ^ or \b inside a class reads no character before the lookbehind; one
 * outside it does. */
Test(regex, only_assertions_in_a_lookbehind_widen_the_context)
{
    compile("(?<![^.!?]\\h)Am\\b");
    cr_assert_eq(re.lookbehind, 2u, "a class's ^ is no assertion");
    recompile("(?<=^|\\.\\h)Am\\b");
    cr_assert_eq(re.lookbehind, 3u, "a ^ reads the character before");
    recompile("(?<![[:alpha:]^]\\h)(?<!\\bto\\h)Am\\b");
    cr_assert_eq(re.lookbehind, 4u, "a POSIX class ends where its own :] does");
}
