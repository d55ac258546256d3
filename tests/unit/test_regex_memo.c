/*
 * test_regex_memo.c: the memo of windows judged by partial matches
 * (regex_memo.c): a window is found again only with the same tag, bytes and
 * context; a long window is not remembered; a full memo is emptied and
 * goes on answering.
 */
#include "helpers.h"

static struct regex_memo memo;

static void
teardown(void)
{
    regex_memo_free(&memo);
}

TestSuite(regex_memo, .fini = teardown);

/* Looks up the window of text from lookbehind characters before at to to;
 * returns the verdicts' slot (NULL when not remembered) and sets *fresh. */
static uint32_t *
find(uint32_t tag, unsigned lookbehind, const char *text, size_t at, size_t to, bool *fresh)
{
    size_t from = SIZE_MAX;
    *fresh = false;
    uint32_t *v = regex_memo_find(&memo, tag, lookbehind, text, at, to, &from, fresh);
    if (v != NULL)
        cr_assert_leq(from, at);
    return v;
}

Test(regex_memo, a_window_is_fresh_once_then_remembered_with_its_verdicts)
{
    const char *text = "I think I'm 34";
    bool fresh;
    uint32_t *v = find(7, 1, text, 2, 9, &fresh);
    cr_assert_not_null(v);
    cr_assert(fresh);
    cr_assert_eq(*v, 0u, "a fresh window's verdicts start empty");
    *v = 0x5u;
    v = find(7, 1, text, 2, 9, &fresh);
    cr_assert_not_null(v);
    cr_assert_not(fresh);
    cr_assert_eq(*v, 0x5u);
}

Test(regex_memo, the_same_bytes_elsewhere_are_the_same_window)
{
    const char *text = "a care team, a care team";
    bool fresh;
    uint32_t *v = find(3, 1, text, 2, 9, &fresh);
    cr_assert(fresh);
    *v = 0x2u;
    v = find(3, 1, text, 15, 22, &fresh);
    cr_assert_not(fresh, "the window recurs at another offset");
    cr_assert_eq(*v, 0x2u);
}

Test(regex_memo, another_tag_context_or_byte_is_another_window)
{
    const char *text = "x care team. y care team; x care tean";
    bool fresh;
    uint32_t *v = find(3, 1, text, 2, 9, &fresh);
    cr_assert(fresh);
    *v = 0x1u;
    cr_assert_not_null(find(4, 1, text, 2, 9, &fresh));
    cr_assert(fresh, "another tag");
    cr_assert_not_null(find(3, 2, text, 2, 9, &fresh));
    cr_assert(fresh, "another context: two characters before");
    cr_assert_not_null(find(3, 1, text, 28, 35, &fresh));
    cr_assert_not(fresh, "'x care te' recurs");
    cr_assert_not_null(find(3, 1, text, 28, 36, &fresh));
    cr_assert(fresh, "'tean' is not 'team'");
}

Test(regex_memo, a_long_or_empty_window_is_not_remembered)
{
    const char *text = "the Mansfield and Ashfield community team";
    bool fresh;
    cr_assert_null(find(1, 1, text, 4, 40, &fresh), "longer than a window may be");
    cr_assert_null(find(1, 1, text, 4, 4, &fresh), "ends where it starts");
    cr_assert_not_null(find(1, 1, text, 4, 14, &fresh));
    /* Twenty bytes with the one of context before the position are a
     * window; twenty-one are not. */
    cr_assert_not_null(find(1, 1, text, 4, 23, &fresh), "20 bytes, 3 to 23");
    cr_assert_null(find(1, 1, text, 4, 24, &fresh), "21 bytes, 3 to 24");
}

/* The same bytes from the same start, judged from another position in
 * them, are another window: the context is part of the key. */
Test(regex_memo, the_same_bytes_with_another_context_are_another_window)
{
    const char *text = "xy care team";
    bool fresh;
    size_t from = SIZE_MAX;
    uint32_t *v = regex_memo_find(&memo, 5, 1, text, 1, 9, &from, &fresh);
    cr_assert_eq(from, 0u);
    cr_assert(fresh);
    *v = 0x3u;
    from = SIZE_MAX;
    v = regex_memo_find(&memo, 5, 2, text, 2, 9, &from, &fresh);
    cr_assert_eq(from, 0u, "the window is text[0, 9) again");
    cr_assert(fresh, "but judged at another position in it");
}

Test(regex_memo, the_context_spans_whole_characters)
{
    const char *text = "\xc3\xa9t\xc3\xa9 care";
    bool fresh;
    size_t from = SIZE_MAX;
    cr_assert_not_null(regex_memo_find(&memo, 1, 2, text, 6, 10, &from, &fresh));
    cr_assert_eq(from, 3u, "two characters back: the space and the two bytes of e-acute");
    from = SIZE_MAX;
    cr_assert_not_null(regex_memo_find(&memo, 1, 4, text, 6, 10, &from, &fresh));
    cr_assert_eq(from, 0u, "four characters back: the text's start");
}

/* Near the text's start a context holds fewer characters than asked for;
 * such a window would have the key of a window of rules that look back
 * less (one list's rules are judged in groups by how far they look back),
 * and is not remembered. */
Test(regex_memo, a_context_cut_short_by_the_start_is_not_remembered)
{
    const char *text = "\xc3\xa9t\xc3\xa9 care";
    bool fresh;
    cr_assert_null(find(1, 5, text, 6, 10, &fresh), "only four characters before");
    cr_assert_null(find(1, 1, text, 0, 4, &fresh), "nothing before the start");
    cr_assert_not_null(find(1, 4, text, 6, 10, &fresh));
}

/* Far more windows than the memo holds: old ones are forgotten, and every
 * window it still holds keeps its own verdicts. */
Test(regex_memo, a_memo_past_its_size_forgets_and_answers_rightly)
{
    char text[16];
    bool fresh;
    for (uint32_t i = 0; i < 100000; i++) {
        int n = snprintf(text, sizeof text, " w%u ", i);
        uint32_t *v = find(9, 1, text, 1, (size_t)n, &fresh);
        cr_assert_not_null(v);
        cr_assert(fresh, "window %u was never seen", i);
        *v = i;
        v = find(9, 1, text, 1, (size_t)n, &fresh);
        cr_assert_not(fresh);
        cr_assert_eq(*v, i);
    }
}

/* A window looked up between every two new ones stays, however many pass
 * through: a new window pushes out only the older of its bucket's two. */
Test(regex_memo, a_window_in_use_is_kept_while_others_pass)
{
    const char *kept = " Dr Quell";
    bool fresh;
    uint32_t *v = find(2, 1, kept, 1, 5, &fresh);
    cr_assert(fresh);
    *v = 0x9u;
    char text[16];
    for (uint32_t i = 0; i < 100000; i++) {
        int n = snprintf(text, sizeof text, " w%u ", i);
        cr_assert_not_null(find(2, 1, text, 1, (size_t)n, &fresh));
        v = find(2, 1, kept, 1, 5, &fresh);
        cr_assert_not(fresh, "the window in use was forgotten after %u others", i + 1);
        cr_assert_eq(*v, 0x9u);
    }
}

/* A point rule's tag is the byte at the window's position: "so" under 's',
 * "to" under 't' and "bo" under 'b' must not hash alike (xored into the
 * seed, the tag cancelled against that byte, and the three pushed each
 * other out of one bucket). */
Test(regex_memo, windows_under_their_own_first_byte_are_told_apart)
{
    const char *text[] = {" so", " to", " bo"};
    const uint32_t tag[] = {'s', 't', 'b'};
    bool fresh;
    for (size_t k = 0; k < 3; k++) {
        cr_assert_not_null(find(tag[k], 1, text[k], 1, 3, &fresh));
        cr_assert(fresh);
    }
    for (size_t k = 0; k < 3; k++) {
        cr_assert_not_null(find(tag[k], 1, text[k], 1, 3, &fresh));
        cr_assert_not(fresh, "window %zu was pushed out", k);
    }
}
