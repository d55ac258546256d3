/*
 * pin.c: the custodian's record of each study they accepted.
 *
 * An escrow is sealed to the custodian's public key, which anyone may
 * have: a vault's escrow, host key and batches could all be an impostor's.
 * So the custodian accepts a study once, having checked its study id and
 * host key id with the host's operator, and keeps a pin for it:
 *
 *   hush-study-pin 1
 *   study-id, host-key-id, study-key-id   what the escrow held then
 *   batches, last                         where the chain ended when read
 *   mac                                   BLAKE2b-256 of every line above,
 *                                         keyed with a key derived from
 *                                         the custodian's secret key
 *
 * in PINS/STUDYID-HOSTKEYID.pin, 0600.  Reading the linkage then needs a
 * pin that matches the escrow, and the chain must still hold the batch
 * the pin last saw.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

#define PIN_TYPE "study-pin"
#define MAC_BYTES 32

/* What an opened escrow says, as the pin records it. */
struct pin_ids {
    char study[2 * STUDY_ID_BYTES + 1];
    char host[KEY_ID_CHARS + 1];
    char study_key[KEY_ID_CHARS + 1];
};

static void
ids_of(const unsigned char *escrow, struct pin_ids *ids)
{
    sodium_bin2hex(ids->study, sizeof ids->study, escrow + ESCROW_STUDY_ID_AT, STUDY_ID_BYTES);
    keyfile_key_id(escrow + HUSH_STUDY_KEY_BYTES, 32, ids->host);
    keyfile_key_id(escrow, HUSH_STUDY_KEY_BYTES, ids->study_key);
}

static char *
pin_path(const char *pins_dir, const struct pin_ids *ids)
{
    char name[96];
    snprintf(name, sizeof name, "%s-%s.pin", ids->study, ids->host);
    return path_join(pins_dir, name);
}

/* The MAC of text[0..n) under a key derived from the custodian's secret. */
static void
pin_mac(const struct hush_custodian *c, const char *text, size_t n, unsigned char mac[MAC_BYTES])
{
    static const char purpose[] = "hush study pin v1";
    unsigned char *key = hush_xsecret(crypto_generichash_KEYBYTES);
    crypto_generichash(key, crypto_generichash_KEYBYTES, (const unsigned char *)purpose,
                       sizeof purpose - 1, c->sk, crypto_box_SECRETKEYBYTES);
    crypto_generichash(mac, MAC_BYTES, (const unsigned char *)text, n, key,
                       crypto_generichash_KEYBYTES);
    hush_secret_free(key);
}

/* Writes the pin for ids and mark: a new file, or in place of the old. */
static int
pin_write(const char *path, const struct hush_custodian *c, const struct pin_ids *ids,
          const struct hush_chain_mark *mark, bool replace, struct hush_error *err)
{
    struct keytext t;
    keytext_init(&t);
    keytext_printf(&t, "hush-" PIN_TYPE " 1\nstudy-id: %s\nhost-key-id: %s\nstudy-key-id: %s\n",
                   ids->study, ids->host, ids->study_key);
    keytext_printf(&t, "batches: %zu\n", mark->batches);
    keytext_hex(&t, "last", mark->last, sizeof mark->last);
    unsigned char mac[MAC_BYTES];
    pin_mac(c, t.p, t.len, mac);
    keytext_hex(&t, "mac", mac, sizeof mac);
    struct hush_staged st;
    int rc = hush_stage_file(path, t.p, t.len, 0600, &st, err);
    if (rc == HUSH_OK)
        rc = hush_staged_commit(&st, replace, err);
    if (rc == HUSH_ECANTCREAT && !replace)
        hush_error_set(err, rc, "%s: this study is accepted already", path);
    keytext_free(&t);
    return rc;
}

/* Reads the pin at path, checks its MAC and that it is the pin of ids, and
 * returns its chain mark. */
static int
pin_read(const char *path, const struct hush_custodian *c, const struct pin_ids *ids,
         struct hush_chain_mark *mark, struct hush_error *err)
{
    struct keyfile kf;
    struct stat st;
    if (lstat(path, &st) < 0 && errno == ENOENT)
        return hush_error_set(err, HUSH_ECONFIG,
                              "study %s with host key %s is not one you accepted: check both "
                              "with the host's operator, then run --accept-study",
                              ids->study, ids->host);
    int rc = keyfile_read(path, PIN_TYPE, true, &kf, err);
    if (rc != HUSH_OK)
        return rc;
    unsigned char mac[MAC_BYTES], want[MAC_BYTES];
    uint64_t batches = 0;
    rc = keyfile_hex(&kf, "mac", mac, sizeof mac, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(&kf, "last", mark->last, sizeof mark->last, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_u64(&kf, "batches", &batches, path, err);
    if (rc == HUSH_OK) {
        pin_mac(c, kf.raw, keyfile_prefix(&kf, "mac"), want);
        const char *s = keyfile_get(&kf, "study-id"), *h = keyfile_get(&kf, "host-key-id"),
                   *k = keyfile_get(&kf, "study-key-id");
        if (sodium_memcmp(mac, want, MAC_BYTES) != 0)
            rc = hush_error_set(err, HUSH_ECONFIG, "%s: altered, or made with another key", path);
        else if (!s || !h || !k || strcmp(s, ids->study) || strcmp(h, ids->host) ||
                 strcmp(k, ids->study_key))
            rc = hush_error_set(err, HUSH_ECONFIG,
                                "%s: the vault's escrow holds another study key than the one "
                                "accepted: refused",
                                path);
    }
    mark->batches = (size_t)batches;
    keyfile_release(&kf);
    return rc;
}

static int
make_pins_dir(const char *pins_dir, struct hush_error *err)
{
    if (mkdir(pins_dir, 0700) < 0 && errno != EEXIST)
        return hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", pins_dir,
                              strerror(errno));
    return HUSH_OK;
}

int
hush_study_accept(const char *dir, const struct hush_custodian *c, const char *pins_dir,
                  char *summary, size_t size, struct hush_error *err)
{
    unsigned char *escrow = hush_xsecret(ESCROW_BYTES);
    int rc = escrow_open(dir, c, escrow, err);
    struct pin_ids ids;
    if (rc == HUSH_OK)
        rc = make_pins_dir(pins_dir, err);
    if (rc == HUSH_OK) {
        ids_of(escrow, &ids);
        struct hush_chain_mark none = {0};
        char *path = pin_path(pins_dir, &ids);
        rc = pin_write(path, c, &ids, &none, false, err);
        free(path);
        snprintf(summary, size, "study %s, host key %s", ids.study, ids.host);
    }
    hush_secret_free(escrow);
    return rc;
}

int
pin_accept_escrow(const unsigned char *escrow, const struct hush_custodian *c, const char *pins_dir,
                  struct hush_error *err)
{
    struct pin_ids ids;
    ids_of(escrow, &ids);
    struct hush_chain_mark none = {0};
    int rc = make_pins_dir(pins_dir, err);
    char *path = pin_path(pins_dir, &ids);
    if (rc == HUSH_OK)
        rc = pin_write(path, c, &ids, &none, false, err);
    free(path);
    return rc;
}

int
pin_check_escrow(const unsigned char *escrow, const struct hush_custodian *c, const char *pins_dir,
                 struct hush_chain_mark *mark, struct hush_error *err)
{
    struct pin_ids ids;
    ids_of(escrow, &ids);
    char *path = pin_path(pins_dir, &ids);
    int rc = pin_read(path, c, &ids, mark, err);
    free(path);
    return rc;
}

int
hush_study_reveal(const char *dir, const struct hush_custodian *c, const char *pins_dir,
                  struct hush_linkage *out, struct hush_error *err)
{
    memset(out, 0, sizeof *out);
    unsigned char *escrow = hush_xsecret(ESCROW_BYTES);
    struct hush_chain_mark seen = {0};
    int rc = escrow_open(dir, c, escrow, err);
    if (rc == HUSH_OK)
        rc = pin_check_escrow(escrow, c, pins_dir, &seen, err);
    if (rc == HUSH_OK)
        rc = linkage_read_escrowed(dir, c, escrow, &seen, out, err);
    if (rc == HUSH_OK && out->mark.batches != seen.batches) {
        struct pin_ids ids;
        ids_of(escrow, &ids);
        char *path = pin_path(pins_dir, &ids);
        rc = pin_write(path, c, &ids, &out->mark, true, err);
        free(path);
        if (rc != HUSH_OK)
            hush_linkage_free(out);
    }
    hush_secret_free(escrow);
    return rc;
}
