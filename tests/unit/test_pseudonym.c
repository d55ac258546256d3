/*
 * test_pseudonym.c: the pseudonym function and pseudonymised rendering
 * (pseudonym.c).  The known answers were computed independently with
 * Python's hashlib (tests/kat/pseudonym.py), not with libsodium.
 */
#include "helpers.h"

#include <sodium.h>

static unsigned char study[HUSH_STUDY_KEY_BYTES];

static void
setup(void)
{
    tmpdir_setup();
    for (size_t i = 0; i < sizeof study; i++)
        study[i] = (unsigned char)i;
}

TestSuite(pseudonym, .init = setup, .fini = tmpdir_teardown);

static void
expect_tag(const unsigned char *key, const char *category, const char *entity, const char *hex,
           const char *code)
{
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    char got_hex[2 * HUSH_PSEUDONYM_TAG_BYTES + 1], got_code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    hush_pseudonym_tag(key, category, entity, strlen(entity), tag);
    sodium_bin2hex(got_hex, sizeof got_hex, tag, sizeof tag);
    hush_pseudonym_code(tag, got_code);
    cr_expect_str_eq(got_hex, hex, "tag of %s in %s", entity, category);
    cr_expect_str_eq(got_code, code, "code of %s in %s", entity, category);
}

Test(pseudonym, known_answers)
{
    cr_expect_eq(hush_pseudonym_subkey_id("PERSON"), UINT64_C(0xa8e28b24bd2485a4));
    expect_tag(study, "PERSON", "sarah okafor", "0462bde28681005254c50f07e4765faf", "0HHBVRM6");
    expect_tag(study, "PLACE", "sarah okafor", "47f71d91f884c1d066f753f552d47b61", "8ZVHV4FR");
    expect_tag(study, "PERSON", "tomasz wojcik", "96e186109611b20e01aa0646dc52dfe9", "JVGRC44P");
    expect_tag(study, "ID", "", "6585cfae1e34076e2c980229c468504c", "CP2WZBGY");
    unsigned char other[HUSH_STUDY_KEY_BYTES];
    memcpy(other, study, sizeof other);
    other[0] = 0xFF;
    expect_tag(other, "PERSON", "sarah okafor", "f6456b2f2b0c9f1e5a2179778f349c38", "YS2PPBSB");
}

Test(pseudonym, code_alphabet)
{
    cr_expect(hush_is_pseudonym_code("0HHBVRM6", 8));
    cr_expect_not(hush_is_pseudonym_code("0HHBVRM", 7));
    cr_expect_not(hush_is_pseudonym_code("0HHBVRMI", 8), "I is not Crockford");
    cr_expect_not(hush_is_pseudonym_code("0hhbvrm6", 8), "codes are upper case");
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    memset(tag, 0xFF, sizeof tag);
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    hush_pseudonym_code(tag, code);
    cr_expect_str_eq(code, "ZZZZZZZZ");
}

static char *
key_of(const char *s, size_t *words)
{
    struct hush_buf b = {0};
    *words = hush_entity_key(s, strlen(s), &b);
    hush_buf_append(&b, "", 1);
    return b.data;
}

Test(pseudonym, entity_key_folds_case_accents_spaces_and_titles)
{
    size_t w;
    char *a = key_of("Dr SARAH  Okafor", &w);
    cr_expect_str_eq(a, "sarah okafor");
    cr_expect_eq(w, 2);
    free(a);
    a = key_of("Zoë", &w);
    cr_expect_str_eq(a, "zoe");
    free(a);
    a = key_of("Dr", &w); /* a title alone stays what it is */
    cr_expect_str_eq(a, "dr");
    cr_expect_eq(w, 1);
    free(a);
}

static struct hush_ruleset *
person_rules(void)
{
    return rules_must("rule p\n  category PERSON\n  regex \\b(?:Dr )?[QZ]\\w+(?: [QZ]\\w+)?\n"
                      "  reason R.\n");
}

static char *
pseudonymise(struct hush_ruleset *rs, const char *text, struct hush_entities *seen)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    struct hush_buf out = {0};
    hush_render_pseudonyms(rs, study, text, strlen(text), &spans, &out, seen);
    hush_buf_append(&out, "", 1);
    hush_spans_free(&spans);
    return out.data;
}

Test(pseudonym, parts_of_a_full_name_are_that_person)
{
    struct hush_ruleset *rs = person_rules();
    struct hush_entities seen = {0};
    char *out = pseudonymise(rs, "Met Quilla Zanth. Later Quilla and Dr Zanth spoke.", &seen);
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1], want[256];
    hush_pseudonym_tag(study, "PERSON", "quilla zanth", 12, tag);
    hush_pseudonym_code(tag, code);
    snprintf(want, sizeof want, "Met [PERSON-%s]. Later [PERSON-%s] and [PERSON-%s] spoke.", code,
             code, code);
    cr_expect_str_eq(out, want);
    cr_expect_eq(seen.n, 3, "one entity, three surface forms");
    for (size_t i = 0; i < seen.n; i++)
        cr_expect_str_eq(seen.v[i].code, code);
    free(out);
    hush_entities_free(&seen);
    hush_rules_free(rs);
}

Test(pseudonym, a_part_two_people_share_stays_apart)
{
    struct hush_ruleset *rs = person_rules();
    struct hush_entities seen = {0};
    char *out = pseudonymise(rs, "Quilla Zanth met Quilla Zorn; Quilla left.", &seen);
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    hush_pseudonym_tag(study, "PERSON", "quilla", 6, tag);
    hush_pseudonym_code(tag, code);
    cr_expect(strstr(out, code) != NULL, "the lone Quilla is an entity of its own");
    cr_expect_eq(seen.n, 3);
    free(out);
    hush_entities_free(&seen);
    hush_rules_free(rs);
}

Test(pseudonym, same_name_same_code_across_documents)
{
    struct hush_ruleset *rs = person_rules();
    struct hush_entities s1 = {0}, s2 = {0};
    char *a = pseudonymise(rs, "Quilla Zanth said so.", &s1);
    char *b = pseudonymise(rs, "I asked QUILLA ZANTH.", &s2);
    cr_assert_eq(s1.n, 1);
    cr_assert_eq(s2.n, 1);
    cr_expect_str_eq(s1.v[0].code, s2.v[0].code);
    cr_expect(strstr(a, "Quilla") == NULL && strstr(b, "QUILLA") == NULL);
    free(a);
    free(b);
    hush_entities_free(&s1);
    hush_entities_free(&s2);
    hush_rules_free(rs);
}
