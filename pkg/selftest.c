/*
 * selftest.c: running the expect examples of a rule set.  Each example is
 * redacted by the whole rule set; the output must equal the expected text,
 * and when the example expects a change, the rule it belongs to must match
 * something in it (another rule may win the overlap).
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* Did rule ri find anything in the example, whether or not it won? */
static bool
rule_matches(const struct hush_ruleset *rs, uint32_t ri, const char *in)
{
    struct candidates c = {0};
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    bool found = false;
    if (match_all(rs, in, strlen(in), &c, &spans, &err) == HUSH_OK)
        for (size_t i = 0; i < c.n && !found; i++)
            found = c.v[i].rule == ri;
    free(c.v);
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
            else if (strcmp(ex->input, ex->output) != 0 && !rule_matches(rs, (uint32_t)i, ex->input))
                why = "the rule itself matches nothing in the example";
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
