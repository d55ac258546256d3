/*
 * test_signature.c: minisign-compatible signatures (signature.c), made here
 * with libsodium in minisign's format: a key file, and FILE.minisig with
 * the prehashed Ed25519 signature, the trusted comment and its signature.
 */
#include "helpers.h"

#include <sodium.h>

static unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
static const unsigned char keyid[8] = {1, 2, 3, 4, 5, 6, 7, 8};

static void
setup(void)
{
    tmpdir_setup();
    cr_assert_geq(sodium_init(), 0);
    crypto_sign_keypair(pk, sk);
}

TestSuite(signature, .init = setup, .fini = tmpdir_teardown);

static char *
b64(const unsigned char *p, size_t n)
{
    size_t len = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
    char *s = malloc(len);
    sodium_bin2base64(s, len, p, n, sodium_base64_VARIANT_ORIGINAL);
    return s;
}

/* Writes name.pub for the test key. */
static char *
write_pub(void)
{
    unsigned char raw[42] = {'E', 'd'};
    memcpy(raw + 2, keyid, 8);
    memcpy(raw + 10, pk, 32);
    char *line = b64(raw, sizeof raw);
    char text[256];
    snprintf(text, sizeof text, "untrusted comment: test key\n%s\n", line);
    free(line);
    return tmp_write("key.pub", text);
}

/* Signs data as name (writes name and name.minisig) with comment. */
static void
write_signed(const char *name, const char *data, const char *comment)
{
    free(tmp_write(name, data));
    unsigned char h[crypto_generichash_BYTES_MAX], sig[74] = {'E', 'D'};
    crypto_generichash(h, sizeof h, (const unsigned char *)data, strlen(data), NULL, 0);
    memcpy(sig + 2, keyid, 8);
    crypto_sign_detached(sig + 10, NULL, h, sizeof h, sk);
    unsigned char both[64 + 128], global[64];
    memcpy(both, sig + 10, 64);
    memcpy(both + 64, comment, strlen(comment));
    crypto_sign_detached(global, NULL, both, 64 + strlen(comment), sk);
    char *l1 = b64(sig, sizeof sig), *l2 = b64(global, sizeof global), text[1024], signame[256];
    snprintf(text, sizeof text, "untrusted comment: sig\n%s\ntrusted comment: %s\n%s\n", l1,
             comment, l2);
    snprintf(signame, sizeof signame, "%s.minisig", name);
    free(tmp_write(signame, text));
    free(l1);
    free(l2);
}

static const char *rules_text = "rule a\n  category ID\n  regex \\b\\d{6}\\b\n  reason R.\n";

static int
load(struct hush_error *err)
{
    char *pub = write_pub(), *path = tmp_path("s.rules");
    struct hush_pubkey key;
    cr_assert_eq(hush_pubkey_load(pub, &key, err), HUSH_OK, "%s", err->msg);
    const char *paths[] = {path};
    struct hush_ruleset *rs = hush_rules_load_signed(paths, 1, &key, err);
    int rc = rs ? HUSH_OK : err->status;
    if (rs)
        cr_assert_str_eq(hush_rules_signature(rs), "key 0807060504030201, comment IG-7");
    hush_rules_free(rs);
    free(pub);
    free(path);
    return rc;
}

Test(signature, a_signed_set_loads_and_names_key_and_comment)
{
    write_signed("s.rules", rules_text, "IG-7");
    struct hush_error err = {0};
    cr_assert_eq(load(&err), HUSH_OK, "%s", err.msg);
}

Test(signature, an_altered_file_is_refused)
{
    write_signed("s.rules", rules_text, "IG-7");
    free(tmp_write("s.rules", "rule a\n  category ID\n  regex \\b\\d{7}\\b\n  reason R.\n"));
    struct hush_error err = {0};
    cr_assert_eq(load(&err), HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "altered"), "%s", err.msg);
}

Test(signature, an_unsigned_file_is_refused)
{
    free(tmp_write("s.rules", rules_text));
    struct hush_error err = {0};
    cr_assert_eq(load(&err), HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "not signed"), "%s", err.msg);
}

Test(signature, an_altered_trusted_comment_is_refused)
{
    write_signed("s.rules", rules_text, "IG-7");
    char *path = tmp_path("s.rules.minisig");
    FILE *f = fopen(path, "r+");
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf, f);
    buf[n] = '\0';
    char *c = strstr(buf, "IG-7");
    c[3] = '8';
    rewind(f);
    fwrite(buf, 1, n, f);
    fclose(f);
    free(path);
    struct hush_error err = {0};
    cr_assert_eq(load(&err), HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "trusted comment"), "%s", err.msg);
}

Test(signature, another_key_is_refused)
{
    write_signed("s.rules", rules_text, "IG-7");
    crypto_sign_keypair(pk, sk); /* the public key file now names a new key */
    unsigned char other[8] = {9, 9, 9, 9, 9, 9, 9, 9};
    (void)other;
    struct hush_error err = {0};
    cr_assert_eq(load(&err), HUSH_ECONFIG);
}

Test(signature, a_malformed_public_key_is_refused)
{
    char *pub = tmp_write("bad.pub", "untrusted comment: x\nnot base64 at all\n");
    struct hush_pubkey key;
    struct hush_error err = {0};
    cr_assert_eq(hush_pubkey_load(pub, &key, &err), HUSH_ECONFIG);
    free(pub);
}
