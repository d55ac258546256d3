/*
 * resolve.c: settles overlapping candidates into the spans to replace.
 * Allow rules remove every candidate that lies within what they cover; of
 * the rest, the longest span wins, then the earliest, then the rule listed
 * first in the rule set. A candidate that overlaps one already taken keeps
 * the parts of it left free, so no part of any candidate goes unreplaced,
 * save a part of words that identify no one: the "the" of "the Whittington"
 * when "Whittington team" won.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Does x come before y: longer first, then earlier, then the rule listed
 * first?  Candidates equal in all three are the same candidate. */
static inline bool
goes_first(const struct candidate *x, const struct candidate *y)
{
    uint32_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly;
    if (x->start != y->start)
        return x->start < y->start;
    return x->rule < y->rule;
}

/* Defines NAME(TYPE *v, TYPE *tmp, size_t n): sorts v[0, n) with a
 * bottom-up merge sort through tmp (n elements), x before y when BEFORE(x,
 * y).  One definition serves candidates and spans; the comparison is
 * inlined, where qsort would call it through a pointer some n log n times,
 * and which side goes next, data the processor cannot guess, is chosen by
 * arithmetic rather than by a branch. */
#define DEFINE_MERGE_SORT(NAME, TYPE, BEFORE)                                                      \
    static void NAME(TYPE *v, TYPE *tmp, size_t n)                                                 \
    {                                                                                              \
        TYPE *from = v, *to = tmp;                                                                 \
        for (size_t width = 1; width < n; width *= 2) {                                            \
            for (size_t lo = 0; lo < n; lo += 2 * width) {                                         \
                size_t mid = lo + width < n ? lo + width : n;                                      \
                size_t hi = lo + 2 * width < n ? lo + 2 * width : n;                               \
                size_t a = lo, b = mid, k = lo;                                                    \
                while (a < mid && b < hi) {                                                        \
                    bool take_b = BEFORE(&from[b], &from[a]);                                      \
                    to[k++] = *(take_b ? &from[b] : &from[a]);                                     \
                    b += take_b;                                                                   \
                    a += !take_b;                                                                  \
                }                                                                                  \
                while (a < mid)                                                                    \
                    to[k++] = from[a++];                                                           \
                while (b < hi)                                                                     \
                    to[k++] = from[b++];                                                           \
            }                                                                                      \
            TYPE *t = from;                                                                        \
            from = to;                                                                             \
            to = t;                                                                                \
        }                                                                                          \
        if (from != v)                                                                             \
            memcpy(v, from, n * sizeof *v);                                                        \
    }

/* Spans are disjoint, so no two start at the same byte and the order by
 * start is the one there is. */
static inline bool
starts_first(const struct hush_span *x, const struct hush_span *y)
{
    return x->start < y->start;
}

DEFINE_MERGE_SORT(sort_candidates, struct candidate, goes_first)
DEFINE_MERGE_SORT(sort_spans, struct hush_span, starts_first)

/* The first bit in [b, e) that is set in taken (want true) or clear (want
 * false), or e: a word of 64 bytes at a time. */
static uint32_t
next_bit(const uint64_t *taken, uint32_t b, uint32_t e, bool want)
{
    while (b < e) {
        uint64_t w = want ? taken[b / 64] : ~taken[b / 64];
        w &= ~UINT64_C(0) << (b % 64);
        if (w) {
            uint32_t at = (b & ~UINT32_C(63)) + (uint32_t)__builtin_ctzll(w);
            return at < e ? at : e;
        }
        b = (b & ~UINT32_C(63)) + 64;
    }
    return e;
}

/* Sets the bits [s, e) of taken. */
static void
mark_taken(uint64_t *taken, uint32_t s, uint32_t e)
{
    while (s < e) {
        uint32_t end = (s & ~UINT32_C(63)) + 64 < e ? (s & ~UINT32_C(63)) + 64 : e;
        uint64_t bits = (end - s == 64 ? ~UINT64_C(0) : ((UINT64_C(1) << (end - s)) - 1))
                        << (s % 64);
        taken[s / 64] |= bits;
        s = end;
    }
}

/* Is [s, e) within what the allow rules cover, marked in allow (one bit
 * per byte; NULL when none applies)?  The bits of spans that overlap or
 * touch run together, so [s, e) lies within one of their merged intervals
 * exactly when none of its bits is clear. */
static bool
allowed(const uint64_t *allow, uint32_t s, uint32_t e)
{
    return allow != NULL && next_bit(allow, s, e, false) == e;
}

/* Is c an ASCII space or punctuation byte? */
static bool
trimmable(char c)
{
    return (unsigned char)c < 0x80 && !ascii_word((unsigned char)c);
}

/* Adds the free run [s, e) of candidate d as a span of d's category and
 * marks it taken. A run that is only part of d is first trimmed of ASCII
 * spaces and punctuation at both ends, and dropped when nothing is left or
 * when idle calls it idle. */
static void
take_run(const char *text, uint32_t s, uint32_t e, const struct candidate *d,
         const struct resolve_idle *idle, uint64_t *taken, struct hush_spans *out)
{
    if (s != d->start || e != d->end) {
        while (s < e && trimmable(text[s]))
            s++;
        while (e > s && trimmable(text[e - 1]))
            e--;
        if (s < e && idle != NULL && idle->idle(idle->ctx, s, e))
            return;
    }
    if (s == e)
        return;
    mark_taken(taken, s, e);
    out->v = hush_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
    out->v[out->n++] = (struct hush_span){s, e, d->category, d->rule};
}

void
resolve(const struct candidates *c, const char *text, size_t text_len,
        const struct resolve_idle *idle, struct hush_spans *out)
{
    out->n = 0;
    struct candidate *allow = hush_xmalloc((c->n + 1) * sizeof *allow);
    struct candidate *det = hush_xmalloc((c->n + 1) * sizeof *det);
    size_t na = 0, nd = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].allow)
            allow[na++] = c->v[i];
        else
            det[nd++] = c->v[i];
    }
    /* One bit per byte of text: covered by an allow rule (when any
     * applies), taken by a span. */
    uint64_t *allow_bits = NULL;
    if (na > 0) {
        allow_bits = hush_xcalloc(text_len / 64 + 1, sizeof *allow_bits);
        for (size_t i = 0; i < na; i++)
            mark_taken(allow_bits, allow[i].start, allow[i].end);
    }
    struct candidate *tmp = hush_xmalloc((nd + 1) * sizeof *tmp);
    sort_candidates(det, tmp, nd);
    free(tmp);
    uint64_t *taken = hush_xcalloc(text_len / 64 + 1, sizeof *taken);
    for (size_t i = 0; i < nd; i++) {
        const struct candidate *d = &det[i];
        if (allowed(allow_bits, d->start, d->end))
            continue;
        /* What a longer candidate has not already taken is still
         * identifying: each free run of this one is kept on its own. */
        uint32_t b = d->start;
        while (b < d->end) {
            b = next_bit(taken, b, d->end, false);
            uint32_t run = b;
            b = next_bit(taken, b, d->end, true);
            take_run(text, run, b, d, idle, taken, out);
        }
    }
    if (out->n > 1) {
        struct hush_span *spare = hush_xmalloc(out->n * sizeof *spare);
        sort_spans(out->v, spare, out->n);
        free(spare);
    }
    free(taken);
    free(allow_bits);
    free(allow);
    free(det);
}
