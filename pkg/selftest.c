/*
 * selftest.c: running the expect examples of a rule set.  Each example is
 * redacted by the whole rule set; the output must equal the expected text,
 * and when the example expects a change, the rule it belongs to must be
 * among those that made it.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static bool
rule_contributes(const struct hush_ruleset *rs, uint32_t ri, const char *in)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    bool found = false;
    if (hush_match(rs, in, strlen(in), &spans, &err) == HUSH_OK)
        for (size_t i = 0; i < spans.n && !found; i++)
            found = spans.v[i].rule == ri;
    hush_spans_free(&spans);
    return found;
}

size_t
hush_rules_selftest(const struct hush_ruleset *rs, hush_selftest_report *report, void *ctx,
                    size_t *examples_run)
{
    size_t failures = 0, run = 0;
    struct hush_buf out = {0};
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        for (size_t k = 0; k < r->nexamples; k++) {
            const struct example *ex = &r->examples[k];
            struct hush_error err = {0};
            out.len = 0;
            run++;
            const char *why = NULL;
            if (hush_redact_text(rs, ex->input, strlen(ex->input), &out, &err) != HUSH_OK)
                why = "the example could not be processed";
            else if (out.len != strlen(ex->output) || memcmp(out.data, ex->output, out.len) != 0)
                why = "the output differs from the expected output";
            else if (!r->allow && strcmp(ex->input, ex->output) != 0 &&
                     !rule_contributes(rs, (uint32_t)i, ex->input))
                why = "the expected change was made by other rules, not this one";
            if (why) {
                failures++;
                if (report)
                    report(ctx, r->file, ex->line, r->id, why);
            }
        }
    }
    hush_buf_free(&out);
    if (examples_run)
        *examples_run = run;
    return failures;
}
