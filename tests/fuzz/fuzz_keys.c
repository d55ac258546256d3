/*
 * fuzz_keys: the key-file parser and the custodian's linkage reader.
 *
 * The first byte picks what is tried:
 *   0-3  a linkage batch is built from the input (its records' forms), one
 *        of its bytes is changed (at the offset in bytes 1-2, by xor with
 *        byte 3), and it is re-signed with the host key when bit 1 of the
 *        first byte is set, so that the parser behind the signature is
 *        reached; bit 0 leaves out the FINAL record.  Reading it back must
 *        fail cleanly unless it is intact, and an intact batch must give
 *        back every record.
 *   4-   the rest of the input is parsed as a key file of each type.
 * A private vault with a fixed custodian is made once.
 */
#define _XOPEN_SOURCE 700
#include "internal.h"

#include <ftw.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], vault[96];
static struct hush_custodian custodian;
static struct hush_vault *v;
static struct hush_ruleset *rs;

static void
must(int rc, const struct hush_error *err)
{
    if (rc != HUSH_OK) {
        fprintf(stderr, "fuzz_keys: setup: %s\n", err->msg);
        abort();
    }
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* The keys and vault are test material; still, nothing is left behind. */
static void
cleanup(void)
{
    hush_vault_close(v);
    hush_custodian_close(&custodian);
    hush_rules_free(rs);
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
setup(void)
{
    if (dir[0])
        return;
    strcpy(dir, "/tmp/hush-fuzz-keys-XXXXXX");
    if (mkdtemp(dir) == NULL)
        abort();
    atexit(cleanup);
    struct hush_error err = {0};
    static const char pass[] = "a fuzzing passphrase";
    char id[HUSH_KEY_ID_CHARS + 1], pub[128], key[128], rules[128];
    must(hush_custodian_create(dir, pass, strlen(pass), 1, (uint64_t)8 << 20, id, &err), &err);
    snprintf(pub, sizeof pub, "%s/custodian.pub", dir);
    snprintf(key, sizeof key, "%s/custodian.key", dir);
    snprintf(vault, sizeof vault, "%s/vault", dir);
    must(hush_vault_create(vault, pub, &err), &err);
    must(hush_custodian_open(key, pass, strlen(pass), &custodian, &err), &err);
    v = hush_vault_open(vault, true, &err);
    if (v == NULL)
        must(err.status, &err);
    snprintf(rules, sizeof rules, "%s/f.rules", dir);
    FILE *f = fopen(rules, "w");
    if (f == NULL)
        abort();
    fputs("rule p\n  category PERSON\n  regex Q\\w+\n  reason R.\n", f);
    fclose(f);
    const char *paths[] = {rules};
    rs = hush_rules_load(paths, 1, &err);
    if (rs == NULL)
        must(err.status, &err);
}

/* Makes a batch whose records' forms are the input's lines. */
static void
records_from(const unsigned char *p, size_t n, struct hush_batch *b)
{
    struct hush_entities seen = {0};
    for (size_t at = 0; at < n;) {
        const unsigned char *nl = memchr(p + at, '\n', n - at);
        size_t len = nl ? (size_t)(nl - (p + at)) : n - at;
        seen.v = hush_xgrow(seen.v, &seen.cap, seen.n + 1, sizeof *seen.v);
        struct hush_entity *e = &seen.v[seen.n++];
        memset(e, 0, sizeof *e);
        hush_pseudonym_tag(hush_vault_study_key(v), "PERSON", (const char *)p + at, len, e->tag);
        hush_pseudonym_code(e->tag, e->code);
        e->form = hush_xstrndup((const char *)p + at, len);
        at += len + 1;
    }
    hush_batch_add(b, rs, &seen, "doc.txt");
    hush_entities_free(&seen);
}

static void
try_batch(const unsigned char *data, size_t size)
{
    if (size < 4)
        return;
    struct hush_batch b = {0};
    records_from(data + 4, size - 4, &b);
    bool final = !(data[0] & 1), resign = data[0] & 2;
    unsigned char previous[BATCH_HASH_BYTES] = {0}, x = data[3];
    struct hush_buf out = {0};
    linkage_encode(v, &b, hush_rules_digest(rs), 1, previous, final, &out);
    size_t pos = ((size_t)data[1] << 8 | data[2]) % out.len;
    out.data[pos] ^= (char)x;
    if (resign)
        crypto_sign_detached((unsigned char *)out.data + out.len - crypto_sign_BYTES, NULL,
                             (const unsigned char *)out.data, out.len - crypto_sign_BYTES,
                             v->host_sk);
    char path[160];
    snprintf(path, sizeof path, "%s/batches/00000001.batch", vault);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) != 0)
        abort();
    struct hush_linkage l;
    struct hush_error err = {0};
    int rc = hush_linkage_read(vault, &custodian, 0, &l, &err);
    bool intact = final && (x == 0 || (resign && pos >= out.len - crypto_sign_BYTES));
    if (intact && (rc != HUSH_OK || l.n != b.nrecords)) {
        fprintf(stderr, "fuzz_keys: an intact batch did not read back: %s\n", err.msg);
        abort();
    }
    if (!final && rc == HUSH_OK) {
        fprintf(stderr, "fuzz_keys: a batch without FINAL was accepted\n");
        abort();
    }
    if (rc == HUSH_OK)
        hush_linkage_free(&l);
    else if (l.n != 0 || err.msg[0] == '\0')
        abort(); /* a failure leaves nothing revealed, and says why */
    hush_buf_free(&out);
    hush_batch_free(&b);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    setup();
    if (size == 0)
        return 0;
    if (data[0] < 4) {
        try_batch(data, size);
        return 0;
    }
    static const char *const types[] = {"custodian-secret-key", "custodian-public-key",
                                        "host-secret-key", "study-key", "linkage-batch"};
    for (size_t t = 0; t < sizeof types / sizeof *types; t++) {
        struct keyfile kf;
        struct hush_error err = {0};
        if (keyfile_parse((const char *)data + 1, size - 1, types[t], "fuzz", &kf, &err) ==
            HUSH_OK) {
            for (size_t i = 0; i < kf.n; i++)
                if (keyfile_get(&kf, kf.name[i]) == NULL)
                    abort(); /* every field parsed can be found */
            keyfile_release(&kf);
        } else if (err.status != HUSH_EDATA) {
            abort();
        }
    }
    return 0;
}
