/*
 * test_verify.c: checking text that should hold no identifier (verify.c):
 * leaks, tags and each kind of suspect, and what is not a suspect.  Every
 * name here is invented.
 */
#include "helpers.h"

static struct hush_ruleset *rs;
static struct hush_matcher *m;

static void
setup(void)
{
    tmpdir_setup();
    free(tmp_write("words.txt", "approach\nthe\nwe\nused\nand\nmet\nhope\n"));
    free(tmp_write("names.txt", "Orla\nHope\n"));
    free(tmp_write("allow.txt", "Quellstead Road\n"));
    rs = rules_must("words words.txt\n"
                    "rule given\n  category PERSON\n  kind names\n  list names.txt\n"
                    "  reason Names.\n"
                    "allow roads\n  list allow.txt\n  reason Not a person.\n");
    m = hush_matcher_new(rs);
}

static void
teardown(void)
{
    hush_matcher_free(m);
    hush_rules_free(rs);
    tmpdir_teardown();
}

TestSuite(verify, .init = setup, .fini = teardown);

/* The findings of text, which must be checked without error. */
static struct hush_findings
check(const char *text)
{
    struct hush_findings f = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_verify_text(m, text, strlen(text), &f, &err), HUSH_OK, "%s", err.msg);
    return f;
}

/* Is there a finding of this kind and reason starting at byte start? */
static bool
has(const struct hush_findings *f, size_t start, int kind, const char *why)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].start == start && f->v[i].kind == kind && strcmp(f->v[i].why, why) == 0)
            return true;
    return false;
}

Test(verify, clean_redacted_text_has_no_finding)
{
    struct hush_findings f = check("we met [PERSON] and the [PERSON] approach\n");
    cr_assert_eq(f.n, 0, "%zu findings", f.n);
    hush_findings_free(&f);
}

Test(verify, a_name_a_rule_still_finds_is_a_leak)
{
    struct hush_findings f = check("we met Orla\n");
    cr_assert_eq(f.n, 1);
    cr_assert(has(&f, 7, HUSH_LEAK, "given"));
    cr_assert_str_eq(f.v[0].category, "PERSON");
    cr_assert_eq(f.v[0].end, 11);
    hush_findings_free(&f);
}

Test(verify, malformed_pseudonym_is_a_leak_and_unknown_tag_a_suspect)
{
    struct hush_findings f = check("we met [PERSON-K7QX2M9A], [PERSON-K7QX2M9I] and [INAUDIBLE]\n");
    cr_assert_not(has(&f, 7, HUSH_LEAK, "malformed-pseudonym"), "a well-formed code");
    cr_assert(has(&f, 26, HUSH_LEAK, "malformed-pseudonym"), "I is no Crockford digit");
    cr_assert(has(&f, 48, HUSH_SUSPECT, "unknown-tag"));
    hush_findings_free(&f);
}

Test(verify, capitalised_word_not_in_the_dictionary_is_a_suspect)
{
    struct hush_findings f = check("we used the Zorbanski approach\n");
    cr_assert(has(&f, 12, HUSH_SUSPECT, "capitalised-word-not-in-dictionary"));
    hush_findings_free(&f);
}

/* A sentence start, an English word, an allowed phrase: no suspect. */
Test(verify, capitals_the_rules_explain_are_not_suspects)
{
    struct hush_findings f = check("Zorbanski used the approach. We met on Quellstead Road.\n");
    cr_assert_eq(f.n, 0, "%zu findings", f.n);
    hush_findings_free(&f);
}

Test(verify, numbers_at_signs_web_addresses_and_inner_capitals_are_suspects)
{
    struct hush_findings f = check("call 1234567 or x@y, see www.example.org, ask McQuell\n");
    cr_assert(has(&f, 5, HUSH_SUSPECT, "long-number"));
    cr_assert(has(&f, 17, HUSH_SUSPECT, "at-sign"));
    cr_assert(has(&f, 25, HUSH_SUSPECT, "web-address"));
    cr_assert(has(&f, 46, HUSH_SUSPECT, "capital-inside-a-word") ||
                  has(&f, 46, HUSH_SUSPECT, "capitalised-word-not-in-dictionary"),
              "McQuell is suspect");
    hush_findings_free(&f);
}

Test(verify, five_digits_are_not_a_suspect)
{
    struct hush_findings f = check("we met 12345 of them\n");
    cr_assert_eq(f.n, 0);
    hush_findings_free(&f);
}

Test(verify, findings_are_sorted_by_place)
{
    struct hush_findings f = check("x@y and Orla and 1234567\n");
    cr_assert_geq(f.n, 3);
    for (size_t i = 1; i < f.n; i++)
        cr_assert_leq(f.v[i - 1].start, f.v[i].start);
    hush_findings_free(&f);
}
