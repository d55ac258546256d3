/*
 * selftest.c: running the expect examples of a rule set.  Each example is
 * redacted by the whole rule set; the output must equal the expected text,
 * and when the example expects a change, the rule it belongs to must match
 * something in it (another rule may win the overlap).
 */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* A fingerprint of the engine's sources (pkg/), set by the Makefile. */
#ifndef HUSH_ENGINE_ID
#define HUSH_ENGINE_ID ""
#endif

/* Did rule ri find anything in the last example matched, whether or not
 * it won? */
static bool
rule_matched(const struct hush_matcher *m, uint32_t ri)
{
    for (size_t i = 0; i < m->c.n; i++)
        if (m->c.v[i].rule == ri)
            return true;
    return false;
}

size_t
hush_rules_selftest(const struct hush_ruleset *rs, hush_selftest_report *report, void *ctx,
                    size_t *examples_run)
{
    size_t failures = 0, run = 0;
    struct hush_buf out = {0};
    struct hush_spans spans = {0};
    struct hush_matcher *m = hush_matcher_new(rs);
    m->interpreted = true;
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        for (size_t k = 0; k < r->nexamples; k++) {
            const struct example *ex = &r->examples[k];
            struct hush_error err = {0};
            out.len = 0;
            run++;
            const char *why = NULL;
            size_t n = strlen(ex->input);
            if (hush_matcher_run(m, ex->input, n, &spans, &err) != HUSH_OK) {
                why = "the example could not be processed";
            } else {
                hush_render_tags(rs, ex->input, n, &spans, &out);
                if (out.len != strlen(ex->output) || memcmp(out.data, ex->output, out.len) != 0)
                    why = "the output differs from the expected output";
                else if (strcmp(ex->input, ex->output) != 0 && !rule_matched(m, (uint32_t)i))
                    why = "the rule itself matches nothing in the example";
            }
            if (why) {
                failures++;
                if (report)
                    report(ctx, r->file, ex->line, r->id, why);
            }
        }
    }
    hush_buf_free(&out);
    hush_spans_free(&spans);
    hush_matcher_free(m);
    if (examples_run)
        *examples_run = run;
    return failures;
}

/* The record that rs's examples all passed under this engine and these
 * libraries: what make writes beside a rule file and what a tool compares. */
static void
verdict_line(const struct hush_ruleset *rs, char *buf, size_t n)
{
    char pcre[64] = "";
    pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    snprintf(buf, n, "hush examples passed: rules %s, engine %s, pcre2 %s, utf8proc %s\n",
             rs->digest, HUSH_ENGINE_ID, pcre, utf8proc_version());
}

char *
examples_stamp_path(const char *rules_path)
{
    return rules_sibling_path(rules_path, ".examples");
}

int
examples_stamp_write(const struct hush_ruleset *rs, const char *path, struct hush_error *err)
{
    char line[512];
    verdict_line(rs, line, sizeof line);
    return hush_publish_file(path, line, strlen(line), err);
}

/* Does the record at path say that rs's examples passed under this very
 * engine?  Trusted as the lexicon image is (build_file_trusted). */
static bool
examples_passed_before(const struct hush_ruleset *rs, const char *path)
{
    if (HUSH_ENGINE_ID[0] == '\0')
        return false;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    char want[512], got[512];
    verdict_line(rs, want, sizeof want);
    size_t len = strlen(want);
    struct stat st;
    bool ok = build_file_trusted(fd, &st) && (size_t)st.st_size == len &&
              read(fd, got, len + 1) == (ssize_t)len && memcmp(got, want, len) == 0;
    close(fd);
    return ok;
}

struct hush_ruleset *
hush_rules_open(const char *const *paths, size_t n, const struct hush_pubkey *trusted,
                hush_selftest_report *report, void *ctx, struct hush_error *err)
{
    char def[4096];
    const char *one[1];
    if (n == 0) {
        if (!hush_default_rules(def, sizeof def)) {
            hush_error_set(err, HUSH_ECONFIG,
                           "the shipped rule set was not found; name one with -r");
            return NULL;
        }
        one[0] = def;
        paths = one;
        n = 1;
    }
    struct hush_ruleset *rs = hush_rules_load_signed(paths, n, trusted, err);
    /* make ran every example of an unsigned rule file, and recorded that
     * they passed, for exactly these files under exactly this engine: they
     * would pass again.  A signed set is checked in full, as its lists are
     * read in full. */
    char *stamp = rs && n == 1 && trusted == NULL ? examples_stamp_path(paths[0]) : NULL;
    bool passed = stamp && examples_passed_before(rs, stamp);
    free(stamp);
    if (rs && !passed && hush_rules_selftest(rs, report, ctx, NULL) > 0) {
        hush_error_set(err, HUSH_ECONFIG, "the rule set's examples fail; refusing to use it");
        hush_rules_free(rs);
        rs = NULL;
    }
    return rs;
}

struct hush_ruleset *
hush_rules_open_keyed(const char *const *paths, size_t n, const char *trusted_key,
                      hush_selftest_report *report, void *ctx, struct hush_error *err)
{
    struct hush_pubkey pk;
    if (trusted_key && hush_pubkey_load(trusted_key, &pk, err) != HUSH_OK)
        return NULL;
    return hush_rules_open(paths, n, trusted_key ? &pk : NULL, report, ctx, err);
}
