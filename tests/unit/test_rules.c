/*
 * test_rules.c: the rule set as the rest of the library sees it
 * (rules.c): accessors, categories, the digest over every loaded file,
 * the scheduling of regex rules, and which kinds of rule hold a list entry.
 */
#include "helpers.h"

TestSuite(rules, .init = tmpdir_setup, .fini = tmpdir_teardown);

#define SET                                                                                        \
    "rule phone\n  category PHONE\n  regex \\b07\\d{9}\\b\n  reason Reaches the person.\n"         \
    "rule titled\n  category PERSON\n  context \\bDr\\s+(\\p{Lu}\\w+)\n  reason Titles.\n"         \
    "allow public\n  list allow.txt\n  reason Public places.\n"                                    \
    "rule places\n  category PLACE\n  list places.txt\n  reason Places.\n"                         \
    "rule mobile2\n  category PHONE\n  regex \\+447\\d{9}\n  reason Also phones.\n"

static struct hush_ruleset *
load_set(void)
{
    free(tmp_write("allow.txt", "Quell Park\n"));
    free(tmp_write("places.txt", "Quellbury\nOrrick\n# no\n"));
    return rules_must(SET);
}

/* Loads the given paths (already written) and returns the digest copy. */
static void
digest_of(const char *const *paths, size_t n, char out[65])
{
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(paths, n, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    strcpy(out, hush_rules_digest(rs));
    hush_rules_free(rs);
}

Test(rules, accessors_describe_each_rule)
{
    struct hush_ruleset *rs = load_set();
    cr_assert_eq(hush_rules_count(rs), 5);
    cr_assert_str_eq(hush_rule_id(rs, 1), "titled");
    cr_assert_str_eq(hush_rule_category(rs, 1), "PERSON");
    cr_assert_str_eq(hush_rule_reason(rs, 1), "Titles.");
    cr_assert_str_eq(hush_rule_detector(rs, 0), "regex");
    cr_assert_str_eq(hush_rule_detector(rs, 1), "context");
    cr_assert_str_eq(hush_rule_detector(rs, 3), "list");
    cr_assert_not(hush_rule_is_allow(rs, 0));
    cr_assert(hush_rule_is_allow(rs, 2));
    cr_assert_str_eq(hush_rule_category(rs, 2), "ALLOW");
    cr_assert_eq(hush_rule_list_size(rs, 3), 2);
    cr_assert_eq(hush_rule_list_size(rs, 2), 1);
    hush_rules_free(rs);
    hush_rules_free(NULL); /* does nothing, by the ownership rule */
}

Test(rules, categories_are_listed_once_in_order_of_first_use)
{
    struct hush_ruleset *rs = load_set();
    cr_assert_eq(hush_rules_category_count(rs), 3);
    cr_assert_str_eq(hush_rules_category_name(rs, 0), "PHONE");
    cr_assert_str_eq(hush_rules_category_name(rs, 1), "PERSON");
    cr_assert_str_eq(hush_rules_category_name(rs, 2), "PLACE");
    cr_assert_eq(rules_category(rs, "PLACE"), 2, "an existing category is found, not added");
    cr_assert_eq(rules_category(rs, "TEAM"), 3);
    cr_assert_eq(hush_rules_category_count(rs), 4);
    hush_rules_free(rs);
}

Test(rules, digest_is_64_lower_case_hex_digits)
{
    struct hush_ruleset *rs = load_set();
    const char *d = hush_rules_digest(rs);
    cr_assert_eq(strlen(d), 64);
    for (size_t i = 0; i < 64; i++)
        cr_assert((d[i] >= '0' && d[i] <= '9') || (d[i] >= 'a' && d[i] <= 'f'), "digit %zu", i);
    hush_rules_free(rs);
}

Test(rules, same_files_give_the_same_digest)
{
    char *path = tmp_write("a.rules", SET);
    free(tmp_write("allow.txt", "Quell Park\n"));
    free(tmp_write("places.txt", "Quellbury\n"));
    const char *paths[] = {path};
    char a[65], b[65];
    digest_of(paths, 1, a);
    digest_of(paths, 1, b);
    cr_assert_str_eq(a, b);
    free(path);
}

/* The digest signs off exactly what was loaded: a change anywhere (a
 * comment in a rule file, one list entry) must show. */
Test(rules, digest_changes_with_any_loaded_file)
{
    char *path = tmp_write("a.rules", SET);
    free(tmp_write("allow.txt", "Quell Park\n"));
    free(tmp_write("places.txt", "Quellbury\n"));
    const char *paths[] = {path};
    char base[65], d[65];
    digest_of(paths, 1, base);
    free(tmp_write("places.txt", "Quellbury\nOrrick\n"));
    digest_of(paths, 1, d);
    cr_assert_str_neq(base, d, "a list entry added");
    free(tmp_write("places.txt", "Quellbury\n"));
    free(tmp_write("a.rules", SET "# a comment\n"));
    digest_of(paths, 1, d);
    cr_assert_str_neq(base, d, "a comment added to the rule file");
    free(tmp_write("a.rules", SET));
    digest_of(paths, 1, d);
    cr_assert_str_eq(base, d, "restored");
    free(path);
}

Test(rules, digest_covers_included_files)
{
    free(tmp_write("inc.rules", "rule ref\n  category REF\n  regex \\bREF\\d+\n  reason R.\n"));
    char *path = tmp_write("a.rules", "include inc.rules\n");
    const char *paths[] = {path};
    char base[65], d[65];
    digest_of(paths, 1, base);
    free(tmp_write("inc.rules", "rule ref\n  category REF\n  regex \\bREF\\d+\n  reason R!\n"));
    digest_of(paths, 1, d);
    cr_assert_str_neq(base, d);
    free(path);
}

Test(rules, digest_depends_on_load_order)
{
    char *a = tmp_write("a.rules", "rule a\n  category A\n  regex \\bA\\d\n  reason R.\n");
    char *b = tmp_write("b.rules", "rule b\n  category B\n  regex \\bB\\d\n  reason R.\n");
    const char *ab[] = {a, b}, *ba[] = {b, a};
    char d1[65], d2[65];
    digest_of(ab, 2, d1);
    digest_of(ba, 2, d2);
    cr_assert_str_neq(d1, d2);
    free(a);
    free(b);
}

Test(rules, several_files_load_as_one_set)
{
    char *a = tmp_write("a.rules", "rule a\n  category A\n  regex \\bA\\d\n  reason R.\n");
    char *b = tmp_write("b.rules", "rule b\n  category B\n  regex \\bB\\d\n  reason R.\n");
    const char *paths[] = {a, b};
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(paths, 2, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    cr_assert_eq(hush_rules_count(rs), 2);
    assert_redacts(rs, "A1 and B2", "[A] and [B]");
    hush_rules_free(rs);
    free(a);
    free(b);
}

Test(rules, duplicate_id_across_files_is_refused)
{
    char *a = tmp_write("a.rules", "rule a\n  category A\n  regex \\bA\\d\n  reason R.\n");
    char *b = tmp_write("b.rules", "\nrule a\n  category B\n  regex \\bB\\d\n  reason R.\n");
    const char *paths[] = {a, b};
    struct hush_error err = {0};
    cr_assert_null(hush_rules_load(paths, 2, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert(msg_at(err.msg, b, 2), "%s", err.msg);
    free(a);
    free(b);
}

Test(rules, regex_rules_are_scheduled_by_how_they_start)
{
    struct hush_ruleset *rs =
        rules_must("rule digits\n  category N\n  regex \\b\\d{4}\\b\n  reason R.\n"
                   "rule label\n  category L\n  context (?m)^(\\w+):\n  reason R.\n"
                   "rule mail\n  category E\n  regex \\w+@\\w+\n  anchor @\n  reason R.\n"
                   "rule called\n  category P\n  context \\bcalled\\s+(\\w+)\n  reason R.\n");
    bool digits_at_5 = false;
    for (uint32_t k = 0; k < rs->npoint['5']; k++)
        digits_at_5 |= rs->point_rules['5'][k] == 0;
    cr_assert(digits_at_5, "a digit rule is tried at digits");
    cr_assert_eq(rs->npoint['c'], 0, "a trigger rule is not tried at every c");
    cr_assert_eq(rs->nline, 1);
    cr_assert_eq(rs->line_rules[0], 1);
    cr_assert_eq(rs->nanchor, 1);
    cr_assert_eq(rs->anchor_rules[0], 2);
    assert_redacts(rs, "x: 1234, a@b, called Quell", "[L]: [N], [E], called [P]");
    hush_rules_free(rs);
}

/* A trigger word with an apostrophe is the token it begins wherever it
 * stands: "name's" is the token "name" before a blank, but "name's" before
 * "-x", "/x" or ".x", which keep the 's. */
Test(rules, a_possessive_trigger_is_found_before_a_hyphen_too)
{
    struct hush_ruleset *rs =
        rules_must("rule owner\n  category P\n  regex \\bname's[ ./-]\\w+\n  reason R.\n");
    cr_assert_eq(rs->npoint['n'], 0, "a trigger rule is not tried at every n");
    assert_redacts(rs, "name's x, name's-x, name's/x, name's.x", "[P], [P], [P], [P]");
    hush_rules_free(rs);
}

/* A rule with no trigger words or keywords is tried by its first byte; one
 * that can begin with many lower-case letters is then tried at most words
 * of a transcript, which makes redact several times slower (a trigger group
 * the trigger reader could not read did this once).  The shipped set keeps
 * such rules to texts written in lower case.  (A rule that begins with one
 * word, "BT", "born", is tried at both cases of its first letter: cheap,
 * as the window memo turns the other words away.)  Run from the source
 * tree. */
Test(rules, shipped_rules_are_not_tried_at_every_lower_case_word)
{
    const char *path = "rules/uk-health.rules";
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(&path, 1, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    for (size_t i = 0; i < rs->n; i++) {
        unsigned letters = 0;
        for (unsigned b = 'a'; b <= 'z'; b++)
            for (uint32_t k = 0; k < rs->npoint[b]; k++)
                letters += rs->point_rules[b][k] == i;
        cr_expect(letters <= 2 || rs->rules[i].lower_case_texts,
                  "rule '%s' is tried at every word beginning with %u letters", rs->rules[i].id,
                  letters);
    }
    /* Nor at every space or line break between words (start such a rule at
     * its own punctuation, with a lookbehind for the space before it). */
    static const unsigned char blanks[] = {' ', '\t', '\n', '\r'};
    for (size_t k = 0; k < sizeof blanks; k++)
        for (uint32_t j = 0; j < rs->npoint[blanks[k]]; j++)
            cr_expect(false, "rule '%s' is tried at every blank between words (byte %u)",
                      rs->rules[rs->point_rules[blanks[k]][j]].id, blanks[k]);
    hush_rules_free(rs);
}

/* The entry of word w in rs's lexicon, which must hold it. */
static const struct lex_entry *
entry_of(const struct hush_ruleset *rs, const char *w)
{
    size_t n = strlen(w);
    const struct lex_entry *e =
        lexicon_find(&rs->lex, w, n, hash_seq(HASH_SEED, hash_bytes(HASH_SEED, w, n)));
    cr_assert_not_null(e, "no entry for a word the test lists");
    return e;
}

Test(rules, entry_holders_names_each_kind_of_rule_that_holds_a_word)
{
    free(tmp_write("given.txt", "quella\nbrant\n"));
    free(tmp_write("towns.txt", "brant\norrick\n"));
    free(tmp_write("langs.txt", "orrick\n"));
    struct hush_ruleset *rs =
        rules_must("rule given\n  category PERSON\n  kind names\n  list given.txt\n"
                   "  reason Names.\n"
                   "rule towns\n  category PLACE\n  list towns.txt\n  reason Towns.\n"
                   "allow langs\n  list langs.txt\n  reason Languages.\n");
    uint32_t person = rules_category(rs, "PERSON"), place = rules_category(rs, "PLACE");
    cr_assert_eq(entry_holders(rs, entry_of(rs, "quella"), person), HELD_NAMES | HELD_NAMES_OF);
    cr_assert_eq(entry_holders(rs, entry_of(rs, "quella"), place), HELD_NAMES);
    cr_assert_eq(entry_holders(rs, entry_of(rs, "quella"), UINT32_MAX), HELD_NAMES);
    cr_assert_eq(entry_holders(rs, entry_of(rs, "brant"), UINT32_MAX), HELD_NAMES | HELD_TERMS);
    cr_assert_eq(entry_holders(rs, entry_of(rs, "orrick"), UINT32_MAX), HELD_TERMS | HELD_ALLOW);
    hush_rules_free(rs);
}
