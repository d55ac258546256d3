/*
 * report.c: what a run may say about a transcript without quoting it:
 * span offsets with their rules, and counts per category and rule.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void
hush_tally_init(struct hush_tally *t, const struct hush_ruleset *rs)
{
    t->nrules = rs->n;
    t->per_rule = hush_xcalloc(rs->n + 1, sizeof *t->per_rule);
    t->documents = 0;
}

void
hush_tally_add(struct hush_tally *t, const struct hush_spans *spans)
{
    for (size_t i = 0; i < spans->n; i++)
        if (spans->v[i].rule < t->nrules)
            t->per_rule[spans->v[i].rule]++;
    t->documents++;
}

void
hush_tally_release(struct hush_tally *t)
{
    free(t->per_rule);
    memset(t, 0, sizeof *t);
}

void
hush_spans_csv(const struct hush_ruleset *rs, const struct hush_spans *spans, struct hush_buf *out)
{
    hush_buf_printf(out, "start,end,category,rule\n");
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        hush_buf_printf(out, "%zu,%zu,%s,%s\n", s->start, s->end, rs->categories[s->category],
                        rs->rules[s->rule].id);
    }
}

void
hush_report_write(const struct hush_ruleset *rs, const struct hush_tally *t, const char *tool,
                  struct hush_buf *out)
{
    hush_buf_printf(out, "tool %s %s\n", tool, HUSH_VERSION);
    hush_buf_printf(out, "rules-digest blake2b-256:%s\n", rs->digest);
    hush_buf_printf(out, "rules-signature %s\n", rs->signature ? rs->signature : "none");
    hush_buf_printf(out, "documents %llu\n", (unsigned long long)t->documents);
    uint64_t total = 0;
    for (size_t c = 0; c < rs->ncategories; c++) {
        uint64_t n = 0;
        for (size_t r = 0; r < t->nrules; r++)
            if (!rs->rules[r].allow && rs->rules[r].category == c)
                n += t->per_rule[r];
        total += n;
        hush_buf_printf(out, "category %s %llu\n", rs->categories[c], (unsigned long long)n);
    }
    for (size_t r = 0; r < t->nrules; r++)
        if (!rs->rules[r].allow)
            hush_buf_printf(out, "rule %s %llu\n", rs->rules[r].id,
                            (unsigned long long)t->per_rule[r]);
    hush_buf_printf(out, "total %llu\n", (unsigned long long)total);
}
