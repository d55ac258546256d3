/*
 * test_register.c: study registers (register.c): every alias is found as
 * its category, pseudonymise writes the entity's label, and a register
 * that could merge or confuse two entities is refused.  The people are
 * invented.
 */
#include "helpers.h"

TestSuite(register_, .init = tmpdir_setup, .fini = tmpdir_teardown);

static const char base_rules[] = "register people.csv\n";

static const char good[] = "entity,category,label,aliases\n"
                           "p03,PERSON,PSW-03,\"Quilla Zanth; Quill; Dr Zanth\"\n"
                           "s1,PLACE,SITE-A,Vantor Lodge\n";

Test(register_, aliases_are_found_as_their_category)
{
    free(tmp_write("people.csv", good));
    struct hush_ruleset *rs = rules_must(base_rules);
    assert_redacts(rs, "Quill rang from Vantor Lodge; quilla zanth agreed.",
                   "[PERSON] rang from [PLACE]; [PERSON] agreed.");
    hush_rules_free(rs);
}

Test(register_, pseudonymise_writes_the_label_for_every_alias)
{
    free(tmp_write("people.csv", good));
    struct hush_ruleset *rs = rules_must(base_rules);
    const char *text = "Quill met Dr Zanth at Vantor Lodge.";
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    unsigned char key[HUSH_STUDY_KEY_BYTES] = {7};
    struct hush_buf out = {0};
    struct hush_entities seen = {0};
    hush_render_pseudonyms(rs, key, text, strlen(text), &spans, &out, &seen);
    hush_buf_append(&out, "", 1);
    cr_expect_str_eq(out.data, "[PSW-03] met [PSW-03] at [SITE-A].");
    for (size_t i = 0; i < seen.n; i++)
        cr_expect(seen.v[i].label[0] != '\0', "every entity here is registered");
    /* The labels are the rule set's own: a second pass leaves them. */
    struct hush_spans again = {0};
    cr_assert_eq(hush_match(rs, out.data, out.len - 1, &again, &err), HUSH_OK);
    cr_expect_eq(again.n, 0);
    hush_spans_free(&spans);
    hush_spans_free(&again);
    hush_entities_free(&seen);
    hush_buf_free(&out);
    hush_rules_free(rs);
}

static void
expect_refused(const char *csv, size_t line, const char *why)
{
    free(tmp_write("people.csv", csv));
    struct hush_error err = {0};
    struct hush_ruleset *rs = rules_try(base_rules, &err);
    cr_expect_null(rs, "a register with %s loads", why);
    cr_expect_eq(err.status, HUSH_ECONFIG, "%s", why);
    char want[32];
    snprintf(want, sizeof want, "people.csv:%zu:", line);
    cr_expect(strstr(err.msg, want) != NULL, "%s: message names the row: %s", why, err.msg);
    cr_expect(strstr(err.msg, "Quilla") == NULL && strstr(err.msg, "Zanth") == NULL,
              "%s: the message quotes an alias", why);
    hush_rules_free(rs);
}

Test(register_, what_could_confuse_two_entities_is_refused)
{
    expect_refused("entity,category,aliases\np1,PERSON,Quilla Zanth\n", 1, "no label column");
    expect_refused("entity,category,label,aliases\np1,PERSON,P-1,Quilla Zanth\n"
                   "p2,PERSON,P-1,Orrin Vale\n",
                   3, "a label used twice");
    expect_refused("entity,category,label,aliases\np1,PERSON,P-1,Quilla Zanth\n"
                   "p1,PERSON,P-2,Orrin Vale\n",
                   3, "an entity listed twice");
    expect_refused("entity,category,label,aliases\np1,PERSON,P-1,Quilla Zanth\n"
                   "p2,PERSON,P-2,\"Orrin Vale; QUILLA ZANTH\"\n",
                   3, "an alias of two entities");
    expect_refused("entity,category,label,aliases\np1,PERSON,p-1,Quilla Zanth\n", 2,
                   "a lower-case label");
    expect_refused("entity,category,label,aliases\np1,PERSON,P-1,\n", 2, "no alias");
}

Test(register_, a_lone_alias_that_the_text_gives_to_someone_else_stays_theirs)
{
    free(tmp_write("people.csv", "entity,category,label,aliases\n"
                                 "p1,PERSON,PSW-01,\"Quilla Brennick; Quilla\"\n"));
    struct hush_ruleset *rs = rules_must("register people.csv\n"
                                         "rule p\n  category PERSON\n  regex \\bQuilla Zanth\\b\n"
                                         "  reason R.\n");
    const char *text = "I met Quilla Zanth, and Quilla said so.";
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    unsigned char key[HUSH_STUDY_KEY_BYTES] = {9};
    struct hush_buf out = {0};
    struct hush_entities seen = {0};
    hush_render_pseudonyms(rs, key, text, strlen(text), &spans, &out, &seen);
    hush_buf_append(&out, "", 1);
    cr_expect(strstr(out.data, "PSW-01") == NULL,
              "Quilla here is Quilla Zanth, not the register's Quilla Brennick");
    hush_spans_free(&spans);
    hush_entities_free(&seen);
    hush_buf_free(&out);
    hush_rules_free(rs);
}
