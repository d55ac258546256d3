/*
 * audit.c: what an information-governance lead checks in a rule set beyond
 * its examples: regexes that can backtrack badly.  Each regex is run at
 * every position of a few adversarial texts under a match limit far below
 * the one used on transcripts; a rule that reaches it is reported.
 */
#include "internal.h"

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

size_t
hush_rules_audit(const struct hush_ruleset *rs, hush_audit_report *report, void *ctx)
{
    char texts[9][AUDIT_TEXT_BYTES + 1];
    size_t ntexts = adversarial(texts), problems = 0;
    struct regex_state st;
    regex_state_init(&st, rs->max_captures);
    pcre2_set_match_limit(st.mctx, AUDIT_MATCH_LIMIT);
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
                slow = regex_run(&r->re, &st, texts[t], len, at, &ms, &me, &err) < 0;
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
    regex_state_free(&st);
    return problems;
}
