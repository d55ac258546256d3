/*
 * audit.c: what an information-governance lead checks in a rule set beyond
 * its examples: regexes that can backtrack badly (each is run at every
 * position of a few adversarial texts under a match limit far below the one
 * used on transcripts), lists that hold an entry twice, and allow rules that
 * remove every example of a category.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

#define AUDIT_MATCH_LIMIT 20000u /* a fiftieth of HUSH_REGEX_MATCH_LIMIT */
#define AUDIT_TEXT_BYTES 64

/* Builds the adversarial texts: long runs that make nested repetition
 * explode, in the character classes rules commonly use. */
static size_t
adversarial(char texts[][AUDIT_TEXT_BYTES + 1])
{
    static const char *const units[] = {"a", "A", "1", "Aa ", "a.", "1 ", "a-", "A'", "@a."};
    size_t n = 0;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), at = 0;
        while (at + ul < AUDIT_TEXT_BYTES) {
            memcpy(texts[n] + at, units[u], ul);
            at += ul;
        }
        texts[n][at] = '!'; /* a character that ends no match */
        texts[n][at + 1] = '\0';
        n++;
    }
    return n;
}

/* Reports every allow rule that covers every candidate its set finds for
 * some category in that category's own examples: such a rule hides the
 * category.  Returns how many it reported. */
static size_t
audit_allow_rules(const struct hush_ruleset *rs, hush_audit_report *report, void *ctx)
{
    size_t problems = 0;
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_spans spans = {0};
    for (size_t a = 0; a < rs->n; a++) {
        if (!rs->rules[a].allow)
            continue;
        for (uint32_t cat = 0; cat < rs->ncategories; cat++) {
            size_t seen = 0, hidden = 0;
            for (size_t i = 0; i < rs->n; i++) {
                const struct rule *r = &rs->rules[i];
                if (r->allow || r->category != cat)
                    continue;
                for (size_t k = 0; k < r->nexamples; k++) {
                    const struct example *ex = &r->examples[k];
                    struct hush_error err = {0};
                    if (strcmp(ex->input, ex->output) == 0 ||
                        hush_matcher_run(m, ex->input, strlen(ex->input), &spans, &err) != HUSH_OK)
                        continue;
                    for (size_t c = 0; c < m->c.n; c++) {
                        const struct candidate *d = &m->c.v[c];
                        if (d->allow || d->category != cat)
                            continue;
                        seen++;
                        for (size_t q = 0; q < m->c.n; q++)
                            if (m->c.v[q].rule == a && m->c.v[q].start <= d->start &&
                                d->end <= m->c.v[q].end) {
                                hidden++;
                                break;
                            }
                    }
                }
            }
            if (seen > 0 && hidden == seen) {
                problems++;
                if (report) {
                    char why[160];
                    snprintf(why, sizeof why, "the allow rule covers every example of category %s",
                             rs->categories[cat]);
                    report(ctx, rs->rules[a].file, rs->rules[a].line, rs->rules[a].id, why);
                }
            }
        }
    }
    hush_spans_free(&spans);
    hush_matcher_free(m);
    return problems;
}

size_t
hush_rules_audit(const struct hush_ruleset *rs, hush_audit_report *report, void *ctx)
{
    char texts[9][AUDIT_TEXT_BYTES + 1];
    size_t ntexts = adversarial(texts), problems = 0;
    struct regex_state st;
    regex_state_init(&st, rs->max_captures);
    pcre2_set_match_limit(st.mctx, AUDIT_MATCH_LIMIT);
    /* Each rule runs at every position of every text: the interpreter
     * first, then, as in a long transcript, its JIT-compiled copy. */
    struct regex_jit jit = {0};
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        if (r->detector != DET_REGEX && r->detector != DET_CONTEXT)
            continue;
        bool slow = false;
        for (size_t t = 0; t < ntexts && !slow; t++) {
            size_t len = strlen(texts[t]);
            for (size_t at = 0; at < len && !slow; at++) {
                size_t ms, me;
                struct hush_error err = {0};
                slow = regex_run(&r->re, &jit, (uint32_t)i, &st, texts[t], len, at, &ms, &me,
                                 &err) < 0;
            }
        }
        if (slow) {
            problems++;
            if (report)
                report(ctx, r->file, r->line, r->id,
                       "the regex can backtrack badly (it hit a low match limit on an "
                       "adversarial text)");
        }
    }
    regex_jit_free(&jit);
    regex_state_free(&st);
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        if (r->detector != DET_LIST || r->list_dups == 0)
            continue;
        problems++;
        if (report) {
            char why[160];
            snprintf(why, sizeof why, "its list holds %zu entries twice", r->list_dups);
            report(ctx, r->file, r->line, r->id, why);
        }
    }
    return problems + audit_allow_rules(rs, report, ctx);
}
