/*
 * resolve.c: settles overlapping candidates into the spans to replace.
 * Allow rules remove every candidate that lies within what they cover; of
 * the rest, the longest span wins, then the earliest, then the rule listed
 * first in the rule set.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static int
by_length_then_start(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    uint32_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->rule != y->rule)
        return x->rule < y->rule ? -1 : 1;
    return 0;
}

static int
by_start(const void *a, const void *b)
{
    const struct hush_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int
allow_by_start(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Merges allow spans into disjoint intervals, sorted, in place; returns
 * how many remain. */
static size_t
merge_allows(struct candidate *v, size_t n)
{
    if (n == 0)
        return 0;
    qsort(v, n, sizeof *v, allow_by_start);
    size_t k = 0;
    for (size_t i = 1; i < n; i++) {
        if (v[i].start <= v[k].end) {
            if (v[i].end > v[k].end)
                v[k].end = v[i].end;
        } else {
            v[++k] = v[i];
        }
    }
    return k + 1;
}

/* Is [s, e) within one of the merged allow intervals? */
static bool
allowed(const struct candidate *v, size_t n, uint32_t s, uint32_t e)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid].start <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && v[lo - 1].end >= e;
}

void
resolve(const struct candidates *c, size_t text_len, struct hush_spans *out)
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
    na = merge_allows(allow, na);
    if (nd > 1)
        qsort(det, nd, sizeof *det, by_length_then_start);
    /* One bit per byte of text: taken or not. */
    uint64_t *taken = hush_xcalloc(text_len / 64 + 1, sizeof *taken);
    for (size_t i = 0; i < nd; i++) {
        const struct candidate *d = &det[i];
        if (allowed(allow, na, d->start, d->end))
            continue;
        bool free_run = true;
        for (uint32_t b = d->start; b < d->end && free_run; b++)
            free_run = !(taken[b / 64] >> (b % 64) & 1);
        if (!free_run)
            continue;
        for (uint32_t b = d->start; b < d->end; b++)
            taken[b / 64] |= UINT64_C(1) << (b % 64);
        out->v = hush_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
        out->v[out->n++] = (struct hush_span){d->start, d->end, d->category, d->rule};
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, by_start);
    free(taken);
    free(allow);
    free(det);
}
