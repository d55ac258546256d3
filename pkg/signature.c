/*
 * signature.c: minisign-compatible signatures on rule files, checked with
 * libsodium.  A rule set is signed file by file: every file it loads (rule
 * files, includes, lists, word lists) must have FILE.minisig beside it, made
 * by the trusted key (minisign -S -m FILE..., Ed25519 over the BLAKE2b-512
 * of the file).  The trusted comment of the top-level file carries the
 * approval reference into reports.
 */
#include "internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIG_LINE_BYTES 1024 /* longest line read from a key or signature file */

/* Reads the line-th line (0-based) of text into out, without its end. */
static bool
nth_line(const char *text, size_t len, int line, char *out, size_t size)
{
    const char *p = text, *end = text + len;
    for (int i = 0; i < line; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return false;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (e > p && e[-1] == '\r')
        e--;
    if ((size_t)(e - p) >= size)
        return false;
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    return true;
}

/* Decodes base64 line into exactly n bytes. */
static bool
decode(const char *line, unsigned char *out, size_t n)
{
    size_t got = 0;
    return sodium_base642bin(out, n, line, strlen(line), NULL, &got, NULL,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == n;
}

int
hush_pubkey_load(const char *path, struct hush_pubkey *pk, struct hush_error *err)
{
    struct hush_doc doc;
    struct hush_error e = {0};
    if (hush_doc_load(path, SIG_LINE_BYTES * 4, &doc, &e) != HUSH_OK)
        return hush_error_set(err, HUSH_ECONFIG, "%s", e.msg);
    char line[SIG_LINE_BYTES];
    unsigned char raw[2 + 8 + crypto_sign_PUBLICKEYBYTES];
    bool ok = nth_line(doc.data, doc.len, 0, line, sizeof line) &&
              strncmp(line, "untrusted comment:", 18) == 0 &&
              nth_line(doc.data, doc.len, 1, line, sizeof line) && decode(line, raw, sizeof raw) &&
              raw[0] == 'E' && raw[1] == 'd';
    hush_doc_release(&doc);
    if (!ok)
        return hush_error_set(err, HUSH_ECONFIG, "%s: not a minisign public key", path);
    memcpy(pk->keyid, raw + 2, 8);
    memcpy(pk->key, raw + 10, crypto_sign_PUBLICKEYBYTES);
    return HUSH_OK;
}

int
sig_verify_file(const struct hush_pubkey *pk, const char *path, const char *data, size_t len,
                char *comment, size_t comment_size, struct hush_error *err)
{
    size_t pl = strlen(path);
    char *sigpath = hush_xmalloc(pl + 9);
    memcpy(sigpath, path, pl);
    strcpy(sigpath + pl, ".minisig");
    struct hush_doc doc;
    struct hush_error e = {0};
    int rc = hush_doc_load(sigpath, SIG_LINE_BYTES * 4, &doc, &e);
    free(sigpath);
    if (rc != HUSH_OK)
        return hush_error_set(err, HUSH_ECONFIG, "%s: not signed (%s)", path, e.msg);
    char line[SIG_LINE_BYTES], trusted[SIG_LINE_BYTES];
    unsigned char sig[2 + 8 + crypto_sign_BYTES], global[crypto_sign_BYTES];
    bool shape =
        nth_line(doc.data, doc.len, 1, line, sizeof line) && decode(line, sig, sizeof sig) &&
        nth_line(doc.data, doc.len, 2, trusted, sizeof trusted) &&
        strncmp(trusted, "trusted comment: ", 17) == 0 &&
        nth_line(doc.data, doc.len, 3, line, sizeof line) && decode(line, global, sizeof global);
    hush_doc_release(&doc);
    if (!shape)
        return hush_error_set(err, HUSH_ECONFIG, "%s: its signature file is malformed", path);
    if (memcmp(sig + 2, pk->keyid, 8) != 0)
        return hush_error_set(err, HUSH_ECONFIG, "%s: signed by another key", path);
    int ok;
    if (sig[0] == 'E' && sig[1] == 'D') {
        unsigned char h[crypto_generichash_BYTES_MAX];
        crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
        ok = crypto_sign_verify_detached(sig + 10, h, sizeof h, pk->key) == 0;
    } else if (sig[0] == 'E' && sig[1] == 'd') {
        ok = crypto_sign_verify_detached(sig + 10, (const unsigned char *)data, len, pk->key) == 0;
    } else {
        return hush_error_set(err, HUSH_ECONFIG, "%s: unknown signature algorithm", path);
    }
    if (!ok)
        return hush_error_set(err, HUSH_ECONFIG, "%s: altered since it was signed", path);
    /* The trusted comment is signed too, with the signature before it. */
    const char *tc = trusted + 17;
    size_t tl = strlen(tc);
    unsigned char *both = hush_xmalloc(crypto_sign_BYTES + tl);
    memcpy(both, sig + 10, crypto_sign_BYTES);
    memcpy(both + crypto_sign_BYTES, tc, tl);
    ok = crypto_sign_verify_detached(global, both, crypto_sign_BYTES + tl, pk->key) == 0;
    free(both);
    if (!ok)
        return hush_error_set(err, HUSH_ECONFIG, "%s: its trusted comment was altered", path);
    if (comment)
        snprintf(comment, comment_size, "%s", tc);
    return HUSH_OK;
}
