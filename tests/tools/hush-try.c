/*
 * hush-try: a rule author's tool.  Redacts each argument (or, with no
 * arguments, every expect example whose output differs) and prints the
 * result and the spans with their rules.  It prints the text it is given,
 * so it is for synthetic examples only, never for transcripts.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
show(const struct hush_ruleset *rs, const char *in)
{
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    if (hush_matcher_run(m, in, strlen(in), &spans, &err) != HUSH_OK) {
        printf("error: %s\n", err.msg);
        hush_matcher_free(m);
        return;
    }
    const struct candidates c = m->c;
    struct hush_buf out = {0};
    hush_render_tags(rs, in, strlen(in), &spans, &out);
    printf("  in:  %s\n  out: %.*s\n", in, (int)out.len, out.data);
    for (size_t i = 0; i < c.n; i++)
        printf("    cand %u-%u %s%s \"%.*s\"\n", c.v[i].start, c.v[i].end,
               c.v[i].rule < rs->n ? rs->rules[c.v[i].rule].id : "a tag already in the text",
               c.v[i].allow ? " (allow)" : "", (int)(c.v[i].end - c.v[i].start), in + c.v[i].start);
    hush_buf_free(&out);
    hush_spans_free(&spans);
    hush_matcher_free(m);
}

int
main(int argc, char **argv)
{
    const char *rules = "rules/uk-health.rules";
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-r") == 0) {
        rules = argv[2];
        first = 3;
    }
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(&rules, 1, &err);
    if (rs == NULL) {
        fprintf(stderr, "%s\n", err.msg);
        return 78;
    }
    if (first < argc) {
        for (int i = first; i < argc; i++)
            show(rs, argv[i]);
    } else {
        struct hush_buf out = {0};
        for (size_t i = 0; i < rs->n; i++)
            for (size_t k = 0; k < rs->rules[i].nexamples; k++) {
                const struct example *ex = &rs->rules[i].examples[k];
                out.len = 0;
                struct hush_error e = {0};
                hush_redact_text(rs, ex->input, strlen(ex->input), &out, &e);
                if (out.len != strlen(ex->output) || memcmp(out.data, ex->output, out.len)) {
                    printf("%s:%zu %s\n  want: %s\n", rs->rules[i].file, ex->line, rs->rules[i].id,
                           ex->output);
                    show(rs, ex->input);
                }
            }
        hush_buf_free(&out);
    }
    hush_rules_free(rs);
    return 0;
}
