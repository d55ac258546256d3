/*
 * test_report.c: what a run may say about a transcript without quoting it
 * (report.c): the spans CSV (offsets and rule ids) and the report (tool,
 * digest, counts).
 */
#include "helpers.h"

static struct hush_ruleset *rs;
static struct hush_buf out;

static void
setup(void)
{
    tmpdir_setup();
    rs = rules_must("rule given\n  category PERSON\n  regex \\bQuell\\b\n  reason R.\n"
                    "allow fine\n  regex \\bQuellbridge\\b\n  reason R.\n"
                    "rule town\n  category PLACE\n  regex \\bVanemoor\\b\n  reason R.\n"
                    "rule alias\n  category PERSON\n  regex \\bOrr\\b\n  reason R.\n");
}

static void
teardown(void)
{
    hush_rules_free(rs);
    hush_buf_free(&out);
    tmpdir_teardown();
}

TestSuite(report, .init = setup, .fini = teardown);

static struct hush_spans
match(const char *text)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    return spans;
}

Test(report, spans_csv_has_header_and_one_row_a_span)
{
    struct hush_spans s = match("Quell went to Vanemoor");
    hush_spans_csv(rs, &s, &out);
    cr_assert_str_eq(out.data, "start,end,category,rule\n"
                               "0,5,PERSON,given\n"
                               "14,22,PLACE,town\n");
    hush_spans_free(&s);
}

Test(report, spans_csv_of_no_spans_is_the_header)
{
    struct hush_spans s = {0};
    hush_spans_csv(rs, &s, &out);
    cr_assert_str_eq(out.data, "start,end,category,rule\n");
}

/* A report is filed and mailed: it must carry counts, never words. */
Test(report, report_has_digest_and_counts_but_no_text)
{
    struct hush_tally t;
    hush_tally_init(&t, rs);
    const char *texts[] = {"Quell and Orr went to Vanemoor", "Quell again, at Quellbridge"};
    for (size_t i = 0; i < 2; i++) {
        struct hush_spans s = match(texts[i]);
        hush_tally_add(&t, &s);
        hush_spans_free(&s);
    }
    hush_report_write(rs, &t, "redact", &out);
    char want[1024];
    snprintf(want, sizeof want,
             "tool redact %s\n"
             "rules-digest blake2b-256:%s\n"
             "rules-signature none\n"
             "documents 2\n"
             "category PERSON 3\n"
             "category PLACE 1\n"
             "rule given 2\n"
             "rule town 1\n"
             "rule alias 1\n"
             "total 4\n",
             HUSH_VERSION, hush_rules_digest(rs));
    cr_assert_str_eq(out.data, want);
    cr_assert_null(strstr(out.data, "Quell "));
    cr_assert_null(strstr(out.data, "Vanemoor"));
    cr_assert_null(strstr(out.data, "fine"), "allow rules are not counted");
    hush_tally_release(&t);
}

Test(report, tally_counts_documents_with_no_spans)
{
    struct hush_tally t;
    hush_tally_init(&t, rs);
    struct hush_spans s = {0};
    hush_tally_add(&t, &s);
    hush_tally_add(&t, &s);
    cr_assert_eq(t.documents, 2);
    cr_assert_eq(t.nrules, hush_rules_count(rs));
    for (size_t r = 0; r < t.nrules; r++)
        cr_assert_eq(t.per_rule[r], 0);
    hush_tally_release(&t);
    cr_assert_null(t.per_rule);
}

Test(report, tally_ignores_spans_of_unknown_rules)
{
    struct hush_tally t;
    hush_tally_init(&t, rs);
    struct hush_span v[] = {{0, 1, 0, 999}, {2, 3, 0, 0}};
    struct hush_spans s = {v, 2, 2};
    hush_tally_add(&t, &s);
    cr_assert_eq(t.per_rule[0], 1);
    hush_tally_release(&t);
}
