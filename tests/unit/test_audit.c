/*
 * test_audit.c: the audit of regexes that can backtrack badly (audit.c).
 */
#include "helpers.h"

TestSuite(audit, .init = tmpdir_setup, .fini = tmpdir_teardown);

static size_t reported;
static char reported_rule[64];

static void
note(void *ctx, const char *file, size_t line, const char *rule, const char *why)
{
    (void)ctx;
    (void)file;
    (void)line;
    (void)why;
    reported++;
    snprintf(reported_rule, sizeof reported_rule, "%s", rule);
}

Test(audit, nested_repetition_is_reported)
{
    struct hush_ruleset *rs = rules_must("rule fine\n  category ID\n  regex \\b\\d{6}\\b\n"
                                         "  reason R.\n"
                                         "rule slow\n  category ID\n"
                                         "  regex \\b(?:a+)+(?:b|c\\b)\n  reason R.\n");
    reported = 0;
    cr_assert_eq(hush_rules_audit(rs, note, NULL), 1);
    cr_assert_eq(reported, 1);
    cr_assert_str_eq(reported_rule, "slow");
    hush_rules_free(rs);
}

Test(audit, shipped_style_rules_pass)
{
    struct hush_ruleset *rs = rules_must(
        "rule phone\n  category CONTACT\n"
        "  regex (?:\\+44[ -]?|\\(0|0)\\d{2,4}\\)?[ -]?\\d{3,4}[ -]?\\d{3,4}(?![\\d/])\n"
        "  reason R.\n"
        "rule titled\n  category PERSON\n"
        "  context \\b(?:Dr|Mrs)\\.?\\s+(\\p{Lu}[\\p{L}'-]+(?:[\\s-]\\p{Lu}[\\p{L}'-]+)?)\n"
        "  reason R.\n");
    cr_assert_eq(hush_rules_audit(rs, NULL, NULL), 0);
    hush_rules_free(rs);
}

/* Entries that read the same to the matcher ("Cefn Côch", "Cefn-coch") are
 * one entry listed twice. */
Test(audit, duplicate_list_entries_are_reported)
{
    free(tmp_write("places.txt", "Cefn Côch\nQuellbridge\nCefn-coch\n"));
    char *path = tmp_write("t.rules", "rule places\n  category PLACE\n  list places.txt\n"
                                      "  reason R.\n");
    const char *paths[] = {path};
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load_parsed(paths, 1, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    reported = 0;
    cr_assert_eq(hush_rules_audit(rs, note, NULL), 1);
    cr_assert_str_eq(reported_rule, "places");
    hush_rules_free(rs);
    free(path);
}

/* An allow rule that covers every example of a category hides it. */
Test(audit, allow_rule_hiding_a_category_is_reported)
{
    struct hush_ruleset *rs = rules_must("rule num\n  category ID\n  regex \\b\\d{6}\\b\n"
                                         "  reason R.\n  expect \"no 123456\" -> \"no [ID]\"\n"
                                         "allow numbers\n  regex \\b\\d+\\b\n  reason Too wide.\n");
    reported = 0;
    cr_assert_eq(hush_rules_audit(rs, note, NULL), 1);
    cr_assert_str_eq(reported_rule, "numbers");
    hush_rules_free(rs);
}
