/*
 * test_resolve.c: settling candidates into the spans to replace
 * (resolve.c): allow rules remove what they cover; then the longest span
 * wins, then the earliest, then the rule listed first; what a loser has
 * left free is kept.
 */
#include "helpers.h"

static struct candidates c;

/* Text for candidates given by offset alone: letters, so that nothing is
 * trimmed from a free run. */
static const char letters[] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop"
                              "qrstuvwxyzabcdefghijklmnopqrstuv";
static struct hush_spans out;

static void
teardown(void)
{
    free(c.v);
    hush_spans_free(&out);
}

TestSuite(resolve, .fini = teardown);

static void
cand(size_t start, size_t end, uint32_t rule, uint32_t category)
{
    candidates_push(&c, start, end, rule, category, false);
}

static void
allow(size_t start, size_t end)
{
    candidates_push(&c, start, end, 99, 0, true);
}

static void
assert_span(size_t i, size_t start, size_t end, uint32_t rule)
{
    cr_assert_lt(i, out.n, "only %zu spans", out.n);
    cr_assert(out.v[i].start == start && out.v[i].end == end && out.v[i].rule == rule,
              "span %zu is [%zu,%zu) rule %u; want [%zu,%zu) rule %u", i, out.v[i].start,
              out.v[i].end, out.v[i].rule, start, end, rule);
}

Test(resolve, no_candidates_give_no_spans)
{
    resolve(&c, letters, 100, NULL, &out);
    cr_assert_eq(out.n, 0);
}

Test(resolve, empty_candidates_are_not_pushed)
{
    cand(5, 5, 0, 0);
    cand(7, 6, 0, 0);
    cr_assert_eq(c.n, 0);
}

Test(resolve, disjoint_candidates_are_all_kept_in_order)
{
    cand(20, 25, 1, 1);
    cand(0, 4, 0, 0);
    cand(10, 12, 2, 2);
    resolve(&c, letters, 30, NULL, &out);
    cr_assert_eq(out.n, 3);
    assert_span(0, 0, 4, 0);
    assert_span(1, 10, 12, 2);
    assert_span(2, 20, 25, 1);
    cr_assert_eq(out.v[2].category, 1, "the category travels with the span");
}

Test(resolve, longest_overlapping_candidate_wins)
{
    cand(3, 8, 0, 0);
    cand(0, 12, 1, 1);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 0, 12, 1);
}

Test(resolve, what_a_loser_leaves_free_is_kept)
{
    cand(0, 12, 1, 1);
    cand(10, 14, 2, 2);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 2);
    assert_span(0, 0, 12, 1);
    assert_span(1, 12, 14, 2);
    cr_assert_eq(out.v[1].category, 2, "the piece keeps its own category");
}

/* "called Fa Tamsin Okafor": the trigger's candidate loses to the longer
 * name, and the word it held alone is still replaced, without the space. */
Test(resolve, a_free_piece_is_trimmed_of_spaces_and_punctuation)
{
    static const char text[] = "called Fa Tamsin Okafor ith,";
    cand(7, 16, 0, 0);  /* "Fa Tamsin" */
    cand(10, 27, 1, 0); /* "Tamsin Okafor ith" */
    resolve(&c, text, sizeof text - 1, NULL, &out);
    cr_assert_eq(out.n, 2);
    assert_span(0, 7, 9, 0);
    assert_span(1, 10, 27, 1);
}

Test(resolve, a_free_piece_of_only_punctuation_is_dropped)
{
    static const char text[] = "Tamsin Okafor, - ";
    cand(0, 13, 0, 0);
    cand(7, 17, 1, 0);
    resolve(&c, text, sizeof text - 1, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 0, 13, 0);
}

/* The idle filter: text[0, 3) ("the") holds only function words. */
static bool
idle_the(const void *ctx, uint32_t s, uint32_t e)
{
    (void)ctx;
    return s == 0 && e == 3;
}

/* "the Vane team": "the Vane" loses to "Vane team", and the "the" it held
 * alone identifies no one, so it is not kept; a whole candidate is never
 * asked about, nor is a free part the filter does not call idle. */
Test(resolve, a_free_piece_the_filter_calls_idle_is_dropped)
{
    static const char text[] = "the Vane team";
    static const struct resolve_idle idle = {idle_the, NULL};
    cand(0, 8, 0, 0);  /* "the Vane" */
    cand(4, 13, 1, 1); /* "Vane team" */
    resolve(&c, text, sizeof text - 1, &idle, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 4, 13, 1);
    resolve(&c, text, sizeof text - 1, NULL, &out);
    cr_assert_eq(out.n, 2, "without the filter the piece is kept");
    c.n = 0;
    cand(0, 3, 0, 0); /* "the" as a whole candidate */
    resolve(&c, text, sizeof text - 1, &idle, &out);
    cr_assert_eq(out.n, 1, "a whole candidate is kept");
}

Test(resolve, equal_length_overlap_goes_to_the_earliest)
{
    cand(4, 10, 0, 0);
    cand(2, 8, 1, 1);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 2);
    assert_span(0, 2, 8, 1);
    assert_span(1, 8, 10, 0);
}

Test(resolve, same_span_goes_to_the_rule_listed_first)
{
    cand(2, 8, 5, 3);
    cand(2, 8, 1, 7);
    cand(2, 8, 4, 2);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 2, 8, 1);
    cr_assert_eq(out.v[0].category, 7);
}

Test(resolve, a_loser_does_not_block_a_later_candidate)
{
    /* [0,10) beats [8,12) and [11,16), which keep only what is free. */
    cand(0, 10, 0, 0);
    cand(8, 12, 1, 0);
    cand(11, 16, 2, 0);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 3);
    assert_span(0, 0, 10, 0);
    assert_span(1, 10, 11, 1);
    assert_span(2, 11, 16, 2);
}

Test(resolve, touching_candidates_do_not_overlap)
{
    cand(0, 5, 0, 0);
    cand(5, 9, 1, 0);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 2);
}

Test(resolve, allow_removes_a_candidate_it_covers)
{
    cand(4, 9, 0, 0);
    allow(2, 12);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 0);
}

Test(resolve, allow_of_exactly_the_same_bytes_removes_it)
{
    cand(4, 9, 0, 0);
    allow(4, 9);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 0);
}

/* "the Recovery College" is allowed, but a longer identifier that holds it
 * ("the Quellbury Recovery College") still counts. */
Test(resolve, allow_does_not_remove_a_longer_candidate)
{
    cand(0, 15, 0, 0);
    allow(5, 15);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 0, 15, 0);
}

Test(resolve, allow_removes_only_what_it_covers)
{
    cand(0, 4, 0, 0);
    cand(10, 14, 1, 0);
    allow(9, 15);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 0, 4, 0);
}

Test(resolve, touching_allow_spans_cover_together)
{
    cand(3, 8, 0, 0);
    allow(0, 5);
    allow(5, 10);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 0);
}

Test(resolve, gapped_allow_spans_do_not_cover_between_them)
{
    cand(3, 8, 0, 0);
    allow(0, 5);
    allow(6, 10);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
}

Test(resolve, removed_candidate_leaves_room_for_a_shorter_one)
{
    /* [0,10) is allowed away; [8,12) sticks out of the allow, so it stays
     * though it overlapped the removed candidate. */
    cand(0, 10, 0, 0);
    cand(8, 12, 1, 0);
    allow(0, 10);
    resolve(&c, letters, 20, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 8, 12, 1);
}

Test(resolve, span_at_the_end_of_the_text)
{
    cand(60, 64, 0, 0);
    cand(62, 64, 1, 0);
    resolve(&c, letters, 64, NULL, &out);
    cr_assert_eq(out.n, 1);
    assert_span(0, 60, 64, 0);
}

Test(resolve, output_is_reset_on_each_call)
{
    cand(0, 4, 0, 0);
    resolve(&c, letters, 10, NULL, &out);
    c.n = 0;
    resolve(&c, letters, 10, NULL, &out);
    cr_assert_eq(out.n, 0);
}
