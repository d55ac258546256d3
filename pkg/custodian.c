/*
 * custodian.c: the data custodian's X25519 key pair.  The secret key is
 * kept wrapped: a key derived from the passphrase with Argon2id
 * (crypto_pwhash, parameters stored in the file and capped when read)
 * encrypts it with XChaCha20-Poly1305, whose associated data is every line
 * of the file before the sealed key, so no parameter can be changed unseen.
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#define SECRET_TYPE "custodian-secret-key"
#define PUBLIC_TYPE "custodian-public-key"
#define ALGORITHM "x25519 argon2id13 xchacha20poly1305-ietf"

/* What a key file may ask of Argon2id before it is refused: enough for any
 * sane setting, too little to make a planted file exhaust the machine. */
#define OPSLIMIT_CAP 64
#define MEMLIMIT_CAP ((uint64_t)4 << 30)
/* The least memory Argon2id may use, on creating a key file and on reading
 * one: 8 MiB, the least pseudonymise --kdf-memory takes (libsodium's own
 * minimum, 8 KiB, would make a guessed passphrase cheap to try). */
#define MEMLIMIT_FLOOR ((uint64_t)8 << 20)

/* Derives the wrapping key; HUSH_ETEMPFAIL when the memory Argon2id needs
 * cannot be had. */
static int
wrap_key(unsigned char *key, const char *pass, size_t passlen, const unsigned char *salt,
         uint64_t ops, uint64_t mem, struct hush_error *err)
{
    if (crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, pass, passlen, salt, ops,
                      (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return hush_error_set(err, HUSH_ETEMPFAIL,
                              "passphrase: Argon2id cannot have the %llu MiB it needs",
                              (unsigned long long)(mem >> 20));
    return HUSH_OK;
}

int
hush_custodian_exists(const char *dir, struct hush_error *err)
{
    const char *names[] = {"custodian.key", "custodian.pub"};
    int rc = HUSH_OK;
    for (size_t i = 0; i < 2 && rc == HUSH_OK; i++) {
        char *p = path_join(dir, names[i]);
        struct stat st;
        if (lstat(p, &st) == 0)
            rc = hush_error_set(err, HUSH_ECANTCREAT, "%s: already there; never replaced", p);
        free(p);
    }
    return rc;
}

int
hush_custodian_create(const char *dir, const char *pass, size_t passlen, uint64_t opslimit,
                      uint64_t memlimit, char key_id[HUSH_KEY_ID_CHARS + 1], struct hush_error *err)
{
    if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > OPSLIMIT_CAP ||
        memlimit < MEMLIMIT_FLOOR || memlimit > MEMLIMIT_CAP)
        return hush_error_set(err, HUSH_EUSAGE, "Argon2id parameters out of range");
    int rc = hush_custodian_exists(dir, err);
    if (rc != HUSH_OK)
        return rc;
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", dir, strerror(errno));
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    unsigned char *sk = hush_xsecret(crypto_box_SECRETKEYBYTES);
    unsigned char *key = hush_xsecret(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    unsigned char salt[crypto_pwhash_SALTBYTES],
        nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char sealed[crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
    crypto_box_keypair(pk, sk);
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    keyfile_key_id(pk, sizeof pk, key_id);
    char *secret_path = path_join(dir, "custodian.key"),
         *public_path = path_join(dir, "custodian.pub");
    struct keytext t, pub;
    keytext_init(&t);
    keytext_init(&pub);
    keytext_printf(&t, "hush-" SECRET_TYPE " 1\nalgorithm: " ALGORITHM "\nkey-id: %s\n", key_id);
    keytext_hex(&t, "public", pk, sizeof pk);
    keytext_printf(&t, "opslimit: %llu\nmemlimit: %llu\n", (unsigned long long)opslimit,
                   (unsigned long long)memlimit);
    keytext_hex(&t, "salt", salt, sizeof salt);
    keytext_hex(&t, "nonce", nonce, sizeof nonce);
    rc = wrap_key(key, pass, passlen, salt, opslimit, memlimit, err);
    if (rc == HUSH_OK) {
        /* The associated data is the file so far: every line above. */
        crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, NULL, sk, crypto_box_SECRETKEYBYTES,
                                                   (const unsigned char *)t.p, t.len, NULL, nonce,
                                                   key);
        keytext_hex(&t, "sealed", sealed, sizeof sealed);
        keytext_printf(&pub, "hush-" PUBLIC_TYPE " 1\nalgorithm: x25519\nkey-id: %s\n", key_id);
        keytext_hex(&pub, "public", pk, sizeof pk);
        rc = keyfile_write(secret_path, &t, 0600, err);
    }
    if (rc == HUSH_OK && (rc = keyfile_write(public_path, &pub, 0644, err)) != HUSH_OK)
        unlink(secret_path); /* no secret key without its public half */
    keytext_free(&t);
    keytext_free(&pub);
    hush_secret_free(sk);
    hush_secret_free(key);
    free(secret_path);
    free(public_path);
    return rc;
}

int
hush_custodian_public_read(const char *path, unsigned char pk[HUSH_X25519_BYTES],
                           char key_id[HUSH_KEY_ID_CHARS + 1], struct hush_error *err)
{
    struct keyfile kf;
    int rc = keyfile_read(path, PUBLIC_TYPE, false, &kf, err);
    if (rc != HUSH_OK)
        return rc;
    rc = keyfile_hex(&kf, "public", pk, HUSH_X25519_BYTES, path, err);
    keyfile_key_id(pk, HUSH_X25519_BYTES, key_id);
    const char *id = keyfile_get(&kf, "key-id");
    if (rc == HUSH_OK && (id == NULL || strcmp(id, key_id) != 0))
        rc = hush_error_set(err, HUSH_EDATA, "%s: key-id does not match the key", path);
    keyfile_release(&kf);
    return rc;
}

/* Checks the stored Argon2id parameters against the floor and the caps. */
static int
read_limits(const struct keyfile *kf, const char *path, uint64_t *ops, uint64_t *mem,
            struct hush_error *err)
{
    int rc = keyfile_u64(kf, "opslimit", ops, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_u64(kf, "memlimit", mem, path, err);
    if (rc == HUSH_OK && (*ops < crypto_pwhash_OPSLIMIT_MIN || *ops > OPSLIMIT_CAP ||
                          *mem < MEMLIMIT_FLOOR || *mem > MEMLIMIT_CAP))
        rc = hush_error_set(err, HUSH_EDATA,
                            "%s: Argon2id parameters outside what hush accepts (%d to %d "
                            "passes, %llu to %llu MiB)",
                            path, crypto_pwhash_OPSLIMIT_MIN, OPSLIMIT_CAP,
                            (unsigned long long)(MEMLIMIT_FLOOR >> 20),
                            (unsigned long long)(MEMLIMIT_CAP >> 20));
    return rc;
}

int
hush_custodian_open(const char *path, const char *pass, size_t passlen, struct hush_custodian *c,
                    struct hush_error *err)
{
    memset(c, 0, sizeof *c);
    struct keyfile kf;
    int rc = keyfile_read(path, SECRET_TYPE, true, &kf, err);
    if (rc != HUSH_OK)
        return rc;
    uint64_t ops = 0, mem = 0;
    unsigned char salt[crypto_pwhash_SALTBYTES],
        nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char sealed[crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
    const char *alg = keyfile_get(&kf, "algorithm");
    if (alg == NULL || strcmp(alg, ALGORITHM) != 0)
        rc = hush_error_set(err, HUSH_EDATA, "%s: an algorithm hush does not know", path);
    if (rc == HUSH_OK)
        rc = read_limits(&kf, path, &ops, &mem, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(&kf, "public", c->pk, sizeof c->pk, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(&kf, "salt", salt, sizeof salt, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(&kf, "nonce", nonce, sizeof nonce, path, err);
    if (rc == HUSH_OK)
        rc = keyfile_hex(&kf, "sealed", sealed, sizeof sealed, path, err);
    unsigned char *key = hush_xsecret(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    c->sk = hush_xsecret(crypto_box_SECRETKEYBYTES);
    if (rc == HUSH_OK)
        rc = wrap_key(key, pass, passlen, salt, ops, mem, err);
    if (rc == HUSH_OK &&
        crypto_aead_xchacha20poly1305_ietf_decrypt(c->sk, NULL, NULL, sealed, sizeof sealed,
                                                   (const unsigned char *)kf.raw,
                                                   keyfile_prefix(&kf, "sealed"), nonce, key) != 0)
        rc = hush_error_set(err, HUSH_ECONFIG,
                            "%s: wrong passphrase, or the key file has been altered", path);
    unsigned char derived[crypto_box_PUBLICKEYBYTES];
    if (rc == HUSH_OK && (crypto_scalarmult_base(derived, c->sk) != 0 ||
                          sodium_memcmp(derived, c->pk, sizeof derived) != 0))
        rc = hush_error_set(err, HUSH_EDATA, "%s: the secret key does not match its public key",
                            path);
    keyfile_key_id(c->pk, sizeof c->pk, c->key_id);
    hush_secret_free(key);
    keyfile_release(&kf);
    if (rc != HUSH_OK)
        hush_custodian_close(c);
    return rc;
}

void
hush_custodian_close(struct hush_custodian *c)
{
    hush_secret_free(c->sk);
    memset(c, 0, sizeof *c);
}
