/*
 * linkage.c: linkage batches, written by the host and read by the custodian.
 *
 * One batch a run, in VAULT/batches/NNNNNNNN.batch:
 *
 *   a header of key-file lines (keyfile.c), ended by an empty line:
 *     hush-linkage-batch 1
 *     algorithm, study-id, host-key-id, custodian-key-id, sequence,
 *     previous (BLAKE2b-256 of the previous batch file, zeros for the
 *     first), rules (the rule-set digest), sealed-key (the file key sealed
 *     to the custodian with crypto_box_seal), stream-header, length
 *   length bytes of crypto_secretstream messages, each a 4-byte big-endian
 *     length and a ciphertext; every record is padded with sodium_pad; the
 *     last message, tagged FINAL, holds the number of records
 *   the host's Ed25519 signature over everything before it (64 bytes).
 *
 * The file key is random and wiped once the batch is written, so the host
 * cannot read back what it wrote; only the custodian's secret key opens it.
 * A record is six fields, each a 2-byte big-endian length and its bytes:
 * category, code, tag, document, surface form, register label (or empty).
 */
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#define BATCH_TYPE "linkage-batch"
#define BATCH_ALGORITHM "x25519-sealedbox xchacha20poly1305-secretstream ed25519"
#define PAD_BLOCK 64
#define MAX_FIELD 4096 /* bytes of one record field; a longer form is cut */
#define RECORD_FIELDS 6
#define MAX_BATCH_BYTES ((size_t)1 << 30)

/* ---- what a run records ------------------------------------------------ */

/* Appends the field p[0, n) with its length; a field longer than MAX_FIELD
 * is cut at the last character boundary within it, so that what the
 * custodian reads back is still UTF-8. */
static void
put_field(struct hush_buf *b, const void *p, size_t n)
{
    if (n > MAX_FIELD) {
        const unsigned char *s = p;
        n = MAX_FIELD;
        while (n > 0 && (s[n] & 0xC0) == 0x80)
            n--;
    }
    unsigned char len[2] = {(unsigned char)(n >> 8), (unsigned char)n};
    hush_buf_append(b, len, 2);
    hush_buf_append(b, p, n);
}

void
hush_batch_add(struct hush_batch *b, const struct hush_ruleset *rs,
               const struct hush_entities *seen, const char *document)
{
    for (size_t i = 0; i < seen->n; i++) {
        const struct hush_entity *e = &seen->v[i];
        const char *cat = rs->categories[e->category];
        struct hush_buf r = {0};
        put_field(&r, cat, strlen(cat));
        put_field(&r, e->code, strlen(e->code));
        put_field(&r, e->tag, HUSH_PSEUDONYM_TAG_BYTES);
        put_field(&r, document, strlen(document));
        put_field(&r, e->form, strlen(e->form));
        put_field(&r, e->label, strlen(e->label));
        unsigned char len[4] = {(unsigned char)(r.len >> 24), (unsigned char)(r.len >> 16),
                                (unsigned char)(r.len >> 8), (unsigned char)r.len};
        hush_buf_append(&b->records, len, 4);
        hush_buf_append(&b->records, r.data, r.len);
        sodium_memzero(r.data, r.len);
        hush_buf_free(&r);
        b->nrecords++;
        /* The index needs every entity once, without its forms. */
        bool known = false;
        for (size_t k = 0; k < b->entities.n && !known; k++)
            known = b->entities.v[k].category == e->category &&
                    memcmp(b->entities.v[k].tag, e->tag, HUSH_PSEUDONYM_TAG_BYTES) == 0;
        if (!known) {
            b->entities.v =
                hush_xgrow(b->entities.v, &b->entities.cap, b->entities.n + 1, sizeof *e);
            b->entities.v[b->entities.n] = *e;
            b->entities.v[b->entities.n++].form = hush_xstrdup("");
        }
    }
}

void
hush_batch_free(struct hush_batch *b)
{
    if (b->records.data)
        sodium_memzero(b->records.data, b->records.cap);
    hush_buf_free(&b->records);
    hush_entities_free(&b->entities);
    b->nrecords = 0;
}

/* ---- the chain of batches ---------------------------------------------- */

/* The sequence number of a batch file name "NNNNNNNN.batch", or 0. */
static uint64_t
batch_number(const char *name)
{
    uint64_t n = 0;
    size_t i = 0;
    for (; i < 8; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        n = n * 10 + (uint64_t)(name[i] - '0');
    }
    return strcmp(name + i, ".batch") == 0 ? n : 0;
}

static char *
batch_path(const char *dir, uint64_t seq)
{
    char name[32];
    snprintf(name, sizeof name, "batches/%08llu.batch", (unsigned long long)seq);
    return path_join(dir, name);
}

/* Lists the batch numbers in dir/batches, sorted, into *seqs.  With
 * tidy, removes what a killed run left half-written there (the caller holds
 * the lock, so no run is writing one now). */
static int
list_batches(const char *dir, bool tidy, uint64_t **seqs, size_t *n, struct hush_error *err)
{
    char *bdir = path_join(dir, "batches");
    DIR *d = opendir(bdir);
    *seqs = NULL;
    *n = 0;
    if (d == NULL) {
        int rc = hush_error_set(err, HUSH_ECONFIG, "%s: cannot open: %s", bdir, strerror(errno));
        free(bdir);
        return rc;
    }
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        uint64_t s = batch_number(de->d_name);
        if (s > 0) {
            *seqs = hush_xgrow(*seqs, &cap, *n + 1, sizeof **seqs);
            (*seqs)[(*n)++] = s;
        } else if (tidy && strncmp(de->d_name, ".", 1) == 0 && strstr(de->d_name, ".batch.")) {
            char *stale = path_join(bdir, de->d_name);
            unlink(stale);
            free(stale);
        }
    }
    closedir(d);
    free(bdir);
    for (size_t i = 1; i < *n; i++) /* insertion sort: a study has few batches */
        for (size_t k = i; k > 0 && (*seqs)[k - 1] > (*seqs)[k]; k--) {
            uint64_t t = (*seqs)[k];
            (*seqs)[k] = (*seqs)[k - 1];
            (*seqs)[k - 1] = t;
        }
    return HUSH_OK;
}

static int
hash_file(const char *path, unsigned char out[BATCH_HASH_BYTES], struct hush_error *err)
{
    struct hush_doc doc;
    int rc = hush_doc_load_bytes(path, MAX_BATCH_BYTES, &doc, err);
    if (rc == HUSH_OK)
        crypto_generichash(out, BATCH_HASH_BYTES, (const unsigned char *)doc.data, doc.len, NULL,
                           0);
    hush_doc_release(&doc);
    return rc;
}

/* ---- writing ------------------------------------------------------------- */

/* Encrypts the records (and, when final, the closing count) into body. */
static void
encrypt_records(const struct hush_batch *b, const unsigned char *file_key,
                unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES], bool final,
                struct hush_buf *body)
{
    crypto_secretstream_xchacha20poly1305_state *st = hush_xsecret(sizeof *st);
    crypto_secretstream_xchacha20poly1305_init_push(st, header, file_key);
    size_t max = MAX_FIELD * RECORD_FIELDS + 2 * RECORD_FIELDS + PAD_BLOCK + 4;
    unsigned char *plain = hush_xsecret(max);
    unsigned char *cipher = hush_xmalloc(max + crypto_secretstream_xchacha20poly1305_ABYTES);
    const unsigned char *p = (const unsigned char *)b->records.data;
    for (size_t i = 0; i <= b->nrecords; i++) {
        size_t n;
        unsigned char tag = crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        if (i < b->nrecords) {
            n = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
            memcpy(plain, p + 4, n);
            p += 4 + n;
        } else {
            if (!final)
                break;
            n = 8;
            for (int k = 0; k < 8; k++)
                plain[k] = (unsigned char)((uint64_t)b->nrecords >> (56 - 8 * k));
            tag = crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        }
        size_t padded;
        sodium_pad(&padded, plain, n, PAD_BLOCK, max);
        unsigned long long clen;
        crypto_secretstream_xchacha20poly1305_push(st, cipher, &clen, plain, padded, NULL, 0, tag);
        unsigned char len[4] = {(unsigned char)(clen >> 24), (unsigned char)(clen >> 16),
                                (unsigned char)(clen >> 8), (unsigned char)clen};
        hush_buf_append(body, len, 4);
        hush_buf_append(body, cipher, (size_t)clen);
    }
    hush_secret_free(plain);
    hush_secret_free(st);
    free(cipher);
}

void
linkage_encode(const struct hush_vault *v, const struct hush_batch *b, const char *rules_digest,
               uint64_t seq, const unsigned char previous[BATCH_HASH_BYTES], bool final,
               struct hush_buf *out)
{
    unsigned char *file_key = hush_xsecret(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    unsigned char sealed[crypto_secretstream_xchacha20poly1305_KEYBYTES + crypto_box_SEALBYTES];
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(file_key);
    crypto_box_seal(sealed, file_key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                    v->custodian_pk);
    struct hush_buf body = {0};
    encrypt_records(b, file_key, header, final, &body);
    hush_secret_free(file_key); /* from here on, only the custodian can read it */

    struct keytext t;
    keytext_init(&t);
    keytext_printf(&t, "hush-" BATCH_TYPE " 1\nalgorithm: " BATCH_ALGORITHM "\n");
    keytext_hex(&t, "study-id", v->study_id, STUDY_ID_BYTES);
    keytext_printf(&t, "host-key-id: %s\ncustodian-key-id: %s\nsequence: %llu\n", v->host_id,
                   v->custodian_id, (unsigned long long)seq);
    keytext_hex(&t, "previous", previous, BATCH_HASH_BYTES);
    keytext_printf(&t, "rules: %s\n", rules_digest);
    keytext_hex(&t, "sealed-key", sealed, sizeof sealed);
    keytext_hex(&t, "stream-header", header, sizeof header);
    keytext_printf(&t, "length: %zu\n\n", body.len);
    hush_buf_append(out, t.p, t.len);
    keytext_free(&t);
    hush_buf_append(out, body.data, body.len);
    hush_buf_free(&body);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)out->data, out->len, v->host_sk);
    hush_buf_append(out, sig, sizeof sig);
}

int
hush_vault_commit_batch(struct hush_vault *v, const struct hush_ruleset *rs,
                        const struct hush_batch *b, struct hush_error *err)
{
    char *index = path_join(v->dir, "index");
    int rc = pseudonym_index_update(index, rs, &b->entities, err);
    free(index);
    uint64_t *seqs = NULL;
    size_t n = 0;
    if (rc == HUSH_OK)
        rc = list_batches(v->dir, true, &seqs, &n, err);
    unsigned char previous[BATCH_HASH_BYTES] = {0};
    uint64_t seq = n ? seqs[n - 1] + 1 : 1;
    if (rc == HUSH_OK && n > 0) {
        char *last = batch_path(v->dir, seqs[n - 1]);
        rc = hash_file(last, previous, err);
        free(last);
    }
    free(seqs);
    if (rc != HUSH_OK)
        return rc;
    struct hush_buf file = {0};
    linkage_encode(v, b, hush_rules_digest(rs), seq, previous, true, &file);
    char *path = batch_path(v->dir, seq);
    struct hush_staged st;
    rc = hush_stage_file(path, file.data, file.len, 0600, &st, err);
    if (rc == HUSH_OK)
        rc = hush_staged_commit(&st, false, err);
    free(path);
    hush_buf_free(&file);
    return rc;
}

/* ---- reading (the custodian) --------------------------------------------- */

int
escrow_open(const char *dir, const struct hush_custodian *c, unsigned char *plain,
            struct hush_error *err)
{
    char *path = path_join(dir, "escrow");
    struct keyfile kf;
    unsigned char sealed[ESCROW_BYTES + crypto_box_SEALBYTES];
    int rc = keyfile_read(path, "study-escrow", false, &kf, err);
    if (rc == HUSH_OK) {
        const char *cid = keyfile_get(&kf, "custodian-key-id");
        if (cid == NULL || strcmp(cid, c->key_id) != 0)
            rc = hush_error_set(err, HUSH_ECONFIG, "%s: sealed to another custodian key than %s",
                                path, c->key_id);
        if (rc == HUSH_OK)
            rc = keyfile_hex(&kf, "sealed", sealed, sizeof sealed, path, err);
        if (rc == HUSH_OK && crypto_box_seal_open(plain, sealed, sizeof sealed, c->pk, c->sk) != 0)
            rc = hush_error_set(err, HUSH_EDATA, "%s: does not open with the custodian key", path);
        keyfile_release(&kf);
    }
    free(path);
    return rc;
}

/* Reads the message at *p of body[0..len) into plain; returns its tag via
 * *tag, or -1 when the batch is damaged. */
static int
pull_message(crypto_secretstream_xchacha20poly1305_state *st, const unsigned char *body, size_t len,
             size_t *at, unsigned char *plain, size_t cap, size_t *n, unsigned char *tag)
{
    if (len - *at < 4)
        return -1;
    const unsigned char *p = body + *at;
    size_t clen = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 | p[3];
    if (clen > len - *at - 4 || clen < crypto_secretstream_xchacha20poly1305_ABYTES ||
        clen - crypto_secretstream_xchacha20poly1305_ABYTES > cap)
        return -1;
    unsigned long long mlen;
    if (crypto_secretstream_xchacha20poly1305_pull(st, plain, &mlen, tag, p + 4, clen, NULL, 0) !=
        0)
        return -1;
    *at += 4 + clen;
    if (sodium_unpad(n, plain, (size_t)mlen, PAD_BLOCK) != 0)
        return -1;
    return 0;
}

/* Splits a record into the linkage's fields. */
static int
decode_record(const unsigned char *p, size_t n, struct hush_link *l)
{
    const unsigned char *f[RECORD_FIELDS];
    size_t fl[RECORD_FIELDS];
    for (int i = 0; i < RECORD_FIELDS; i++) {
        if (n < 2)
            return -1;
        fl[i] = (size_t)p[0] << 8 | p[1];
        if (fl[i] > n - 2)
            return -1;
        f[i] = p + 2;
        p += 2 + fl[i];
        n -= 2 + fl[i];
    }
    if (n != 0 || fl[2] != HUSH_PSEUDONYM_TAG_BYTES || fl[0] == 0 ||
        !hush_is_pseudonym_code((const char *)f[1], fl[1]) ||
        (fl[5] && !register_label_ok((const char *)f[5], fl[5])))
        return -1;
    for (size_t i = 0; i < fl[0]; i++)
        if (!is_category_char((char)f[0][i]))
            return -1;
    /* The code is the tag's: a record cannot show one pseudonym and stand
     * for another. */
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    hush_pseudonym_code(f[2], code);
    if (memcmp(code, f[1], HUSH_PSEUDONYM_CODE_CHARS) != 0)
        return -1;
    memcpy(l->label, f[5], fl[5]);
    l->label[fl[5]] = '\0';
    l->category = hush_xstrndup((const char *)f[0], fl[0]);
    memcpy(l->code, f[1], fl[1]);
    l->code[fl[1]] = '\0';
    l->document = hush_xstrndup((const char *)f[3], fl[3]);
    l->form = hush_xstrndup((const char *)f[4], fl[4]);
    return 0;
}

/* Decrypts one batch's body into out, checking that it ends with a FINAL
 * message that counts the records, and that nothing follows it. */
static int
decrypt_body(const unsigned char *file_key, const unsigned char *header, const unsigned char *body,
             size_t len, const char *path, struct hush_linkage *out, struct hush_error *err)
{
    crypto_secretstream_xchacha20poly1305_state *st = hush_xsecret(sizeof *st);
    size_t cap = MAX_FIELD * RECORD_FIELDS + 2 * RECORD_FIELDS + PAD_BLOCK;
    unsigned char *plain = hush_xsecret(cap);
    size_t at = 0, records = 0;
    int rc = HUSH_OK;
    bool final = false;
    if (crypto_secretstream_xchacha20poly1305_init_pull(st, header, file_key) != 0)
        rc = hush_error_set(err, HUSH_EDATA, "%s: a damaged stream header", path);
    while (rc == HUSH_OK && at < len && !final) {
        size_t n;
        unsigned char tag;
        if (pull_message(st, body, len, &at, plain, cap, &n, &tag) != 0) {
            rc = hush_error_set(err, HUSH_EDATA, "%s: record %zu is damaged", path, records + 1);
        } else if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            uint64_t count = 0;
            for (size_t k = 0; k < 8 && n == 8; k++)
                count = count << 8 | plain[k];
            if (n != 8 || count != records)
                rc = hush_error_set(err, HUSH_EDATA, "%s: the record count does not match", path);
            final = true;
        } else {
            out->v = hush_xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
            if (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE ||
                decode_record(plain, n, &out->v[out->n]) != 0)
                rc = hush_error_set(err, HUSH_EDATA, "%s: record %zu is malformed", path,
                                    records + 1);
            else
                out->n++, records++;
        }
    }
    if (rc == HUSH_OK && !final)
        rc = hush_error_set(err, HUSH_EDATA, "%s: no FINAL record: the batch was cut short", path);
    if (rc == HUSH_OK && at != len)
        rc = hush_error_set(err, HUSH_EDATA, "%s: data after the FINAL record", path);
    hush_secret_free(plain);
    hush_secret_free(st);
    return rc;
}

/* Checks one batch's header against the chain so far. */
static int
check_header(const struct keyfile *kf, const char *path, const unsigned char *escrow,
             const struct hush_custodian *c, uint64_t seq,
             const unsigned char previous[BATCH_HASH_BYTES], size_t body_len,
             struct hush_error *err)
{
    unsigned char study_id[STUDY_ID_BYTES], prev[BATCH_HASH_BYTES];
    char host_id[KEY_ID_CHARS + 1];
    keyfile_key_id(escrow + HUSH_STUDY_KEY_BYTES, crypto_sign_PUBLICKEYBYTES, host_id);
    const char *alg = keyfile_get(kf, "algorithm"), *hid = keyfile_get(kf, "host-key-id"),
               *cid = keyfile_get(kf, "custodian-key-id");
    uint64_t got_seq = 0, length = 0;
    int rc = keyfile_hex(kf, "study-id", study_id, sizeof study_id, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(kf, "previous", prev, sizeof prev, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_u64(kf, "sequence", &got_seq, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_u64(kf, "length", &length, path, err);
    if (rc != HUSH_OK)
        return rc;
    if (alg == NULL || strcmp(alg, BATCH_ALGORITHM) != 0)
        return hush_error_set(err, HUSH_EDATA, "%s: an algorithm hush does not know", path);
    if (memcmp(study_id, escrow + ESCROW_STUDY_ID_AT, STUDY_ID_BYTES) != 0)
        return hush_error_set(err, HUSH_EDATA, "%s: belongs to another study", path);
    if (hid == NULL || strcmp(hid, host_id) != 0 || cid == NULL || strcmp(cid, c->key_id) != 0)
        return hush_error_set(err, HUSH_EDATA, "%s: made with another host or custodian key", path);
    if (got_seq != seq)
        return hush_error_set(err, HUSH_EDATA, "%s: sequence number %llu where %llu belongs", path,
                              (unsigned long long)got_seq, (unsigned long long)seq);
    if (memcmp(prev, previous, BATCH_HASH_BYTES) != 0)
        return hush_error_set(err, HUSH_EDATA,
                              "%s: does not follow the batch before it (chain broken)", path);
    if (length != body_len)
        return hush_error_set(err, HUSH_EDATA, "%s: truncated or extended", path);
    return HUSH_OK;
}

/* Verifies and decrypts one batch file, appending its records to out and
 * leaving its hash in previous for the next. */
static int
read_batch(const char *path, const unsigned char *escrow, const struct hush_custodian *c,
           uint64_t seq, unsigned char previous[BATCH_HASH_BYTES], struct hush_linkage *out,
           struct hush_error *err)
{
    struct hush_doc doc;
    int rc = hush_doc_load_bytes(path, MAX_BATCH_BYTES, &doc, err);
    if (rc != HUSH_OK)
        return rc;
    const unsigned char *data = (const unsigned char *)doc.data;
    const char *blank = NULL;
    for (size_t i = 0; i + 1 < doc.len && i < KEYFILE_MAX_BYTES && !blank; i++)
        if (doc.data[i] == '\n' && doc.data[i + 1] == '\n')
            blank = doc.data + i;
    if (blank == NULL || doc.len < (size_t)(blank + 2 - doc.data) + crypto_sign_BYTES) {
        hush_doc_release(&doc);
        return hush_error_set(err, HUSH_EDATA, "%s: not a linkage batch", path);
    }
    size_t head = (size_t)(blank + 1 - doc.data), body = head + 1;
    size_t signed_len = doc.len - crypto_sign_BYTES;
    struct keyfile kf;
    unsigned char sealed[crypto_secretstream_xchacha20poly1305_KEYBYTES + crypto_box_SEALBYTES];
    unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
    unsigned char *file_key = hush_xsecret(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    if (crypto_sign_verify_detached(data + signed_len, data, signed_len,
                                    escrow + HUSH_STUDY_KEY_BYTES) != 0)
        rc = hush_error_set(err, HUSH_EDATA,
                            "%s: the signature does not verify with the study's host key "
                            "(altered, truncated or forged)",
                            path);
    else if ((rc = keyfile_parse(doc.data, head, BATCH_TYPE, path, &kf, err)) == HUSH_OK) {
        rc = check_header(&kf, path, escrow, c, seq, previous, signed_len - body, err);
        if (rc == HUSH_OK)
            rc = keyfile_hex(&kf, "sealed-key", sealed, sizeof sealed, path, err);
        if (rc == HUSH_OK)
            rc = keyfile_hex(&kf, "stream-header", header, sizeof header, path, err);
        if (rc == HUSH_OK &&
            crypto_box_seal_open(file_key, sealed, sizeof sealed, c->pk, c->sk) != 0)
            rc = hush_error_set(err, HUSH_EDATA, "%s: the file key does not open", path);
        if (rc == HUSH_OK)
            rc = decrypt_body(file_key, header, data + body, signed_len - body, path, out, err);
        keyfile_release(&kf);
    }
    crypto_generichash(previous, BATCH_HASH_BYTES, data, doc.len, NULL, 0);
    hush_secret_free(file_key);
    hush_doc_release(&doc);
    return rc;
}

int
linkage_read_escrowed(const char *dir, const struct hush_custodian *c, const unsigned char *escrow,
                      const struct hush_chain_mark *seen, struct hush_linkage *out,
                      struct hush_error *err)
{
    memset(out, 0, sizeof *out);
    uint64_t *seqs = NULL;
    size_t n = 0;
    int rc = list_batches(dir, false, &seqs, &n, err);
    unsigned char previous[BATCH_HASH_BYTES] = {0};
    for (size_t i = 0; rc == HUSH_OK && i < n; i++) {
        char *path = batch_path(dir, i + 1);
        if (seqs[i] != i + 1)
            rc = hush_error_set(err, HUSH_EDATA, "%s: missing: the sequence has a gap", path);
        else
            rc = read_batch(path, escrow, c, i + 1, previous, out, err);
        /* The batch the custodian saw last must still be the same one. */
        if (rc == HUSH_OK && seen && i + 1 == seen->batches &&
            sodium_memcmp(previous, seen->last, BATCH_HASH_BYTES) != 0)
            rc = hush_error_set(err, HUSH_EDATA,
                                "%s: not the batch %zu seen before: replaced since", path, i + 1);
        free(path);
    }
    free(seqs);
    if (rc == HUSH_OK && seen && n < seen->batches)
        rc = hush_error_set(err, HUSH_EDATA,
                            "%s: %zu batches where %zu were seen before: the newest are missing",
                            dir, n, seen->batches);
    if (rc != HUSH_OK) {
        hush_linkage_free(out);
        return rc;
    }
    out->mark.batches = n;
    memcpy(out->mark.last, previous, BATCH_HASH_BYTES);
    return rc;
}

int
hush_linkage_read(const char *dir, const struct hush_custodian *c,
                  const struct hush_chain_mark *seen, struct hush_linkage *out,
                  struct hush_error *err)
{
    memset(out, 0, sizeof *out);
    unsigned char *escrow = hush_xsecret(ESCROW_BYTES);
    int rc = escrow_open(dir, c, escrow, err);
    if (rc == HUSH_OK)
        rc = linkage_read_escrowed(dir, c, escrow, seen, out, err);
    hush_secret_free(escrow);
    return rc;
}

void
hush_linkage_free(struct hush_linkage *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sodium_memzero(l->v[i].form, strlen(l->v[i].form));
        sodium_memzero(l->v[i].document, strlen(l->v[i].document));
        sodium_memzero(l->v[i].label, sizeof l->v[i].label);
        free(l->v[i].form);
        free(l->v[i].document);
        free(l->v[i].category);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}
