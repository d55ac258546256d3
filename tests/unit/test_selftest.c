/*
 * test_selftest.c: running the expect examples of a rule set
 * (selftest.c).  A failing example is reported with its file, line and
 * rule; a passing one is not; the reason never quotes the example.
 */
#include "helpers.h"

TestSuite(selftest, .init = tmpdir_setup, .fini = tmpdir_teardown);

struct failure {
    char file[256];
    size_t line;
    char rule[64];
    char why[128];
};

struct failures {
    struct failure v[8];
    size_t n;
};

static void
collect(void *ctx, const char *file, size_t line, const char *rule_id, const char *why)
{
    struct failures *f = ctx;
    if (f->n == 8)
        return;
    struct failure *x = &f->v[f->n++];
    snprintf(x->file, sizeof x->file, "%s", file);
    x->line = line;
    snprintf(x->rule, sizeof x->rule, "%s", rule_id);
    snprintf(x->why, sizeof x->why, "%s", why);
}

#define PHONE_RULE                                                                                 \
    "rule mobile\n"                                                                                \
    "  category PHONE\n"                                                                           \
    "  regex \\b07\\d{9}\\b\n"                                                                     \
    "  reason Reaches the person.\n"

Test(selftest, passing_examples_report_nothing)
{
    struct hush_ruleset *rs =
        rules_must(PHONE_RULE "  expect \"call 07700900123\" -> \"call [PHONE]\"\n"
                              "  expect \"call 0770090012\" -> same\n");
    struct failures f = {0};
    size_t run = 0;
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, &run), 0);
    cr_assert_eq(f.n, 0);
    cr_assert_eq(run, 2);
    hush_rules_free(rs);
}

Test(selftest, failing_example_is_reported_with_file_line_and_rule)
{
    struct hush_ruleset *rs =
        rules_must("# phones\n" PHONE_RULE "  expect \"call 07700900123\" -> \"call [PHONE]\"\n"
                   "  expect \"ring Zorvath 07700900123\" -> same\n");
    struct failures f = {0};
    size_t run = 0;
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, &run), 1);
    cr_assert_eq(run, 2);
    cr_assert_eq(f.n, 1);
    char *path = tmp_path("test.rules");
    cr_assert_str_eq(f.v[0].file, path);
    free(path);
    cr_assert_eq(f.v[0].line, 7, "the line of the failing expect, not of the rule");
    cr_assert_str_eq(f.v[0].rule, "mobile");
    cr_assert_null(strstr(f.v[0].why, "Zorvath"), "the reason never quotes the example");
    cr_assert_null(strstr(f.v[0].why, "07700"));
    hush_rules_free(rs);
}

Test(selftest, failures_in_several_rules_are_each_reported)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE "  expect \"07700900123\" -> same\n"
                                                    "rule ref\n  category REF\n  regex \\bREF\\d+\n"
                                                    "  reason R.\n"
                                                    "  expect \"REF12\" -> \"[REF]\"\n"
                                                    "  expect \"REF34\" -> \"REF34\"\n");
    struct failures f = {0};
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, NULL), 2);
    cr_assert_eq(f.n, 2);
    cr_assert_str_eq(f.v[0].rule, "mobile");
    cr_assert_eq(f.v[0].line, 5);
    cr_assert_str_eq(f.v[1].rule, "ref");
    cr_assert_eq(f.v[1].line, 11);
    hush_rules_free(rs);
}

/* An example whose output comes out right only because another rule did
 * the work does not test its own rule. */
Test(selftest, example_passing_only_through_another_rule_fails)
{
    struct hush_ruleset *rs =
        rules_must(PHONE_RULE "rule landline\n  category PHONE\n  regex \\b01\\d{9}\\b\n"
                              "  reason R.\n"
                              "  expect \"call 07700900123\" -> \"call [PHONE]\"\n");
    struct failures f = {0};
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, NULL), 1);
    cr_assert_str_eq(f.v[0].rule, "landline");
    cr_assert_not_null(strstr(f.v[0].why, "matches nothing"), "%s", f.v[0].why);
    hush_rules_free(rs);
}

Test(selftest, example_that_hits_a_limit_is_a_failure)
{
    struct hush_ruleset *rs =
        rules_must("rule runaway\n  category X\n  regex (a+)+$\n"
                   "  reason R.\n"
                   "  expect \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" -> same\n");
    struct failures f = {0};
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, NULL), 1);
    cr_assert_not_null(strstr(f.v[0].why, "could not be processed"), "%s", f.v[0].why);
    hush_rules_free(rs);
}

Test(selftest, failures_are_counted_without_a_reporter)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE "  expect \"07700900123\" -> same\n");
    size_t run = 0;
    cr_assert_eq(hush_rules_selftest(rs, NULL, NULL, &run), 1);
    cr_assert_eq(run, 1);
    hush_rules_free(rs);
}

Test(selftest, rule_set_without_examples_runs_none)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    size_t run = 99;
    cr_assert_eq(hush_rules_selftest(rs, NULL, NULL, &run), 0);
    cr_assert_eq(run, 0);
    hush_rules_free(rs);
}

Test(selftest, example_in_an_included_file_is_reported_in_that_file)
{
    char *inc = tmp_write("inc.rules", "\n" PHONE_RULE "  expect \"07700900123\" -> same\n");
    struct hush_ruleset *rs = rules_must("include inc.rules\n");
    struct failures f = {0};
    cr_assert_eq(hush_rules_selftest(rs, collect, &f, NULL), 1);
    cr_assert_str_eq(f.v[0].file, inc);
    cr_assert_eq(f.v[0].line, 6);
    free(inc);
    hush_rules_free(rs);
}

/* The record make leaves beside a rule file (FILE.examples) spares a tool
 * the examples of exactly those files under this engine, and nothing
 * else: a changed file, or a record that others may write, is ignored and
 * the examples run. */
Test(selftest, examples_record_spares_only_the_files_it_names)
{
    static const char text[] = PHONE_RULE "  expect \"07700900123\" -> \"07700900123\"\n";
    char *rules = tmp_write("set.rules", text);
    char *stamp = tmp_path("set.examples");
    const char *paths[] = {rules};
    struct hush_error err = {0};
    cr_assert_null(hush_rules_open(paths, 1, NULL, NULL, NULL, &err), "the example fails");
    struct hush_ruleset *rs = hush_rules_load(paths, 1, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    cr_assert_eq(examples_stamp_write(rs, stamp, &err), HUSH_OK, "%s", err.msg);
    hush_rules_free(rs);
    cr_assert_eq(chmod(stamp, 0644), 0);
    err = (struct hush_error){0};
    rs = hush_rules_open(paths, 1, NULL, NULL, NULL, &err);
    cr_assert_not_null(rs, "the record was not honoured: %s", err.msg);
    hush_rules_free(rs);
    cr_assert_eq(chmod(stamp, 0666), 0);
    cr_assert_null(hush_rules_open(paths, 1, NULL, NULL, NULL, &err), "a writable record counted");
    cr_assert_eq(chmod(stamp, 0644), 0);
    free(tmp_write("set.rules", PHONE_RULE "  expect \"07700900123\" -> \"07700900124\"\n"));
    cr_assert_null(hush_rules_open(paths, 1, NULL, NULL, NULL, &err), "a changed file counted");
    free(rules);
    free(stamp);
}
