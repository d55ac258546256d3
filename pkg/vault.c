/*
 * vault.c: a study's vault on the processing host.
 *
 *   VAULT/            0700
 *     study.key       the random study key and study id           0600
 *     host.key        the host's Ed25519 key pair, signs batches   0600
 *     custodian.pub   the custodian's X25519 public key            0600
 *     escrow          study key, host public key and study id,
 *                     sealed to the custodian                      0600
 *     index           category and full tag of every pseudonym     0600
 *     lock            flock()ed for the whole of a run             0600
 *     batches/        one linkage batch a run (linkage.c)          0700
 *
 * A vault is created whole in a temporary directory beside it and renamed
 * into place, so a half-made vault is never found at its name.
 */
#define _GNU_SOURCE
#include "internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

static const char *const vault_files[] = {"study.key", "host.key", "custodian.pub",
                                          "escrow",    "index",    "lock"};

char *
path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = hush_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Writes one file of a vault being made. */
static int
put(const char *dir, const char *name, const struct keytext *t, struct hush_error *err)
{
    char *path = path_join(dir, name);
    int rc = keyfile_write(path, t, 0600, err);
    free(path);
    return rc;
}

/* Removes a vault being made, after a failure. */
static void
remove_unfinished(const char *dir)
{
    for (size_t i = 0; i < sizeof vault_files / sizeof *vault_files; i++) {
        char *p = path_join(dir, vault_files[i]);
        unlink(p);
        free(p);
    }
    char *b = path_join(dir, "batches");
    rmdir(b);
    free(b);
    rmdir(dir);
}

/* Fills the vault being made in tmp for the custodian's public key cpk,
 * with a fresh host key, and the study key and id of a recovered escrow
 * (ESCROW_BYTES) or, when recovered is NULL, fresh ones. */
static int
fill_vault(const char *tmp, const unsigned char *cpk, const char *cid,
           const unsigned char *recovered, struct hush_error *err)
{
    unsigned char *study = hush_xsecret(HUSH_STUDY_KEY_BYTES);
    unsigned char *host_sk = hush_xsecret(crypto_sign_SECRETKEYBYTES);
    unsigned char *escrow = hush_xsecret(ESCROW_BYTES);
    unsigned char host_pk[crypto_sign_PUBLICKEYBYTES], study_id[STUDY_ID_BYTES];
    unsigned char sealed[ESCROW_BYTES + crypto_box_SEALBYTES];
    char study_kid[KEY_ID_CHARS + 1], host_kid[KEY_ID_CHARS + 1];
    if (recovered) {
        memcpy(study, recovered, HUSH_STUDY_KEY_BYTES);
        memcpy(study_id, recovered + ESCROW_STUDY_ID_AT, STUDY_ID_BYTES);
    } else {
        crypto_kdf_keygen(study);
        randombytes_buf(study_id, sizeof study_id);
    }
    crypto_sign_keypair(host_pk, host_sk);
    keyfile_key_id(study, HUSH_STUDY_KEY_BYTES, study_kid);
    keyfile_key_id(host_pk, sizeof host_pk, host_kid);
    memcpy(escrow, study, HUSH_STUDY_KEY_BYTES);
    memcpy(escrow + HUSH_STUDY_KEY_BYTES, host_pk, sizeof host_pk);
    memcpy(escrow + HUSH_STUDY_KEY_BYTES + sizeof host_pk, study_id, sizeof study_id);
    crypto_box_seal(sealed, escrow, ESCROW_BYTES, cpk);

    struct keytext t[5];
    for (size_t i = 0; i < 5; i++)
        keytext_init(&t[i]);
    keytext_printf(&t[0], "hush-study-key 1\nalgorithm: blake2b-kdf\nkey-id: %s\n", study_kid);
    keytext_hex(&t[0], "study-id", study_id, sizeof study_id);
    keytext_hex(&t[0], "key", study, HUSH_STUDY_KEY_BYTES);
    keytext_printf(&t[1], "hush-host-secret-key 1\nalgorithm: ed25519\nkey-id: %s\n", host_kid);
    keytext_hex(&t[1], "public", host_pk, sizeof host_pk);
    keytext_hex(&t[1], "secret", host_sk, crypto_sign_SECRETKEYBYTES);
    keytext_printf(&t[2], "hush-custodian-public-key 1\nalgorithm: x25519\nkey-id: %s\n", cid);
    keytext_hex(&t[2], "public", cpk, HUSH_X25519_BYTES);
    keytext_printf(&t[3], "hush-study-escrow 1\nalgorithm: x25519-sealedbox\n");
    keytext_hex(&t[3], "study-id", study_id, sizeof study_id);
    keytext_printf(&t[3], "custodian-key-id: %s\nhost-key-id: %s\n", cid, host_kid);
    keytext_hex(&t[3], "sealed", sealed, sizeof sealed);
    keytext_printf(&t[4], INDEX_TYPE_LINE);
    const char *names[] = {"study.key", "host.key", "custodian.pub", "escrow", "index"};
    int rc = HUSH_OK;
    for (size_t i = 0; i < 5 && rc == HUSH_OK; i++)
        rc = put(tmp, names[i], &t[i], err);
    struct keytext empty = {0};
    keytext_init(&empty);
    if (rc == HUSH_OK)
        rc = put(tmp, "lock", &empty, err);
    keytext_free(&empty);
    char *batches = path_join(tmp, "batches");
    if (rc == HUSH_OK && mkdir(batches, 0700) < 0)
        rc =
            hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", batches, strerror(errno));
    if (rc == HUSH_OK)
        rc = hush_sync_dir_of(batches, err);
    free(batches);
    for (size_t i = 0; i < 5; i++)
        keytext_free(&t[i]);
    hush_secret_free(study);
    hush_secret_free(host_sk);
    hush_secret_free(escrow);
    return rc;
}

/* Makes the vault dir whole beside it, then renames it into place. */
static int
make_vault(const char *dir, const unsigned char *cpk, const char *cid,
           const unsigned char *recovered, struct hush_error *err)
{
    int rc;
    size_t n = strlen(dir) + 16;
    char *tmp = hush_xmalloc(n);
    snprintf(tmp, n, "%s.new-XXXXXX", dir);
    if (mkdtemp(tmp) == NULL) {
        rc = hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create beside it: %s", dir,
                            strerror(errno));
        free(tmp);
        return rc;
    }
    rc = fill_vault(tmp, cpk, cid, recovered, err);
    if (rc == HUSH_OK && renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_NOREPLACE) < 0)
        rc = hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", dir,
                            errno == EEXIST ? "something is already there" : strerror(errno));
    if (rc == HUSH_OK)
        rc = hush_sync_dir_of(dir, err);
    else
        remove_unfinished(tmp);
    free(tmp);
    return rc;
}

int
hush_vault_create(const char *dir, const char *custodian_pub, struct hush_error *err)
{
    unsigned char cpk[HUSH_X25519_BYTES];
    char cid[KEY_ID_CHARS + 1];
    int rc = hush_custodian_public_read(custodian_pub, cpk, cid, err);
    return rc == HUSH_OK ? make_vault(dir, cpk, cid, NULL, err) : rc;
}

int
hush_vault_recover(const char *dir, const char *old_vault, const struct hush_custodian *c,
                   const char *pins_dir, struct hush_error *err)
{
    unsigned char *plain = hush_xsecret(ESCROW_BYTES);
    struct hush_chain_mark seen;
    int rc = escrow_open(old_vault, c, plain, err);
    /* Only a study the custodian accepted: a planted escrow would hand the
     * new vault a study key of an impostor's choosing. */
    if (rc == HUSH_OK)
        rc = pin_check_escrow(plain, c, pins_dir, &seen, err);
    if (rc == HUSH_OK)
        rc = make_vault(dir, c->pk, c->key_id, plain, err);
    /* The custodian made the new vault, so its host key is accepted. */
    if (rc == HUSH_OK && (rc = escrow_open(dir, c, plain, err)) == HUSH_OK)
        rc = pin_accept_escrow(plain, c, pins_dir, err);
    hush_secret_free(plain);
    return rc;
}

/* Checks that field "key-id" of kf (read from path) is id. */
static int
check_key_id(const struct keyfile *kf, const char *id, const char *path, struct hush_error *err)
{
    const char *got = keyfile_get(kf, "key-id");
    if (got == NULL || strcmp(got, id) != 0)
        return hush_error_set(err, HUSH_ECONFIG, "%s: its key-id does not match its key", path);
    return HUSH_OK;
}

/* Checks the escrow's open fields against the keys beside it: the same
 * study, host key and custodian key.  (The sealed part is the custodian's
 * to check; this catches a vault whose files were mixed or replaced.) */
static int
check_escrow(const struct hush_vault *v, struct hush_error *err)
{
    struct keyfile kf;
    char *path = path_join(v->dir, "escrow");
    unsigned char sid[STUDY_ID_BYTES];
    int rc = keyfile_read(path, "study-escrow", false, &kf, err);
    if (rc == HUSH_OK) {
        rc = keyfile_hex(&kf, "study-id", sid, sizeof sid, path, err);
        const char *cid = keyfile_get(&kf, "custodian-key-id"),
                   *hid = keyfile_get(&kf, "host-key-id");
        if (rc == HUSH_OK &&
            (memcmp(sid, v->study_id, sizeof sid) != 0 || cid == NULL ||
             strcmp(cid, v->custodian_id) != 0 || hid == NULL || strcmp(hid, v->host_id) != 0))
            rc = hush_error_set(err, HUSH_ECONFIG,
                                "%s: names another study, host key or custodian key than the "
                                "vault holds: refused (was a key file replaced?)",
                                path);
        keyfile_release(&kf);
    }
    free(path);
    return rc;
}

/* Reads the host key and the study key, and checks they go together with
 * the custodian key and the escrow beside them. */
static int
load_keys(struct hush_vault *v, struct hush_error *err)
{
    struct keyfile kf;
    char *path = path_join(v->dir, "study.key");
    int rc = keyfile_read(path, "study-key", true, &kf, err);
    if (rc == HUSH_OK) {
        rc = keyfile_hex(&kf, "key", v->study_key, HUSH_STUDY_KEY_BYTES, path, err);
        if (rc == HUSH_OK)
            rc = keyfile_hex(&kf, "study-id", v->study_id, STUDY_ID_BYTES, path, err);
        char id[KEY_ID_CHARS + 1];
        keyfile_key_id(v->study_key, HUSH_STUDY_KEY_BYTES, id);
        if (rc == HUSH_OK)
            rc = check_key_id(&kf, id, path, err);
        keyfile_release(&kf);
    }
    free(path);
    path = path_join(v->dir, "host.key");
    if (rc == HUSH_OK && (rc = keyfile_read(path, "host-secret-key", true, &kf, err)) == HUSH_OK) {
        rc = keyfile_hex(&kf, "secret", v->host_sk, crypto_sign_SECRETKEYBYTES, path, err);
        if (rc == HUSH_OK)
            rc = keyfile_hex(&kf, "public", v->host_pk, sizeof v->host_pk, path, err);
        unsigned char derived[crypto_sign_PUBLICKEYBYTES];
        if (rc == HUSH_OK && (crypto_sign_ed25519_sk_to_pk(derived, v->host_sk) != 0 ||
                              memcmp(derived, v->host_pk, sizeof derived) != 0))
            rc = hush_error_set(err, HUSH_ECONFIG,
                                "%s: the secret key does not match its public key", path);
        keyfile_key_id(v->host_pk, sizeof v->host_pk, v->host_id);
        if (rc == HUSH_OK)
            rc = check_key_id(&kf, v->host_id, path, err);
        keyfile_release(&kf);
    }
    free(path);
    path = path_join(v->dir, "custodian.pub");
    if (rc == HUSH_OK)
        rc = hush_custodian_public_read(path, v->custodian_pk, v->custodian_id, err);
    free(path);
    if (rc == HUSH_OK)
        rc = check_escrow(v, err);
    return rc;
}

/* Takes the vault's lock, waiting for it unless wait is false. */
static int
lock_vault(struct hush_vault *v, bool wait, struct hush_error *err)
{
    char *path = path_join(v->dir, "lock");
    v->lock_fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    int rc = HUSH_OK;
    if (v->lock_fd < 0)
        rc = hush_error_set(err, HUSH_ECONFIG, "%s: cannot open: %s", path, strerror(errno));
    while (rc == HUSH_OK && flock(v->lock_fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
        if (errno == EINTR)
            continue;
        rc = hush_error_set(err, errno == EWOULDBLOCK ? HUSH_ETEMPFAIL : HUSH_EIO, "%s: %s", v->dir,
                            errno == EWOULDBLOCK ? "another run holds the vault; try later"
                                                 : strerror(errno));
    }
    free(path);
    return rc;
}

/* Removes what a killed run left half-written in the vault: a staged index
 * (".index.XXXXXX", see hush_stage_file).  The caller holds the lock, so no
 * run is writing one now.  Half-written batches are tidied when the next
 * batch is written (linkage.c). */
static void
tidy_vault(const struct hush_vault *v)
{
    DIR *d = opendir(v->dir);
    if (d == NULL)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, ".index.", 7) == 0) {
            char *stale = path_join(v->dir, de->d_name);
            unlink(stale);
            free(stale);
        }
    }
    closedir(d);
}

struct hush_vault *
hush_vault_open(const char *dir, bool wait, struct hush_error *err)
{
    struct stat st;
    if (lstat(dir, &st) < 0) {
        hush_error_set(err, HUSH_ECONFIG, "%s: no vault: %s", dir, strerror(errno));
        return NULL;
    }
    if (!S_ISDIR(st.st_mode) || (st.st_mode & 077) != 0) {
        hush_error_set(err, HUSH_ECONFIG, "%s: %s", dir,
                       S_ISDIR(st.st_mode) ? "others may open the vault (it must be 0700): refused"
                                           : "not a directory (a link is not followed)");
        return NULL;
    }
    struct hush_vault *v = hush_xcalloc(1, sizeof *v);
    v->dir = hush_xstrdup(dir);
    v->lock_fd = -1;
    v->study_key = hush_xsecret(HUSH_STUDY_KEY_BYTES);
    v->host_sk = hush_xsecret(crypto_sign_SECRETKEYBYTES);
    int rc = lock_vault(v, wait, err);
    if (rc == HUSH_OK)
        rc = load_keys(v, err);
    if (rc != HUSH_OK) {
        hush_vault_close(v);
        return NULL;
    }
    tidy_vault(v);
    return v;
}

void
hush_vault_close(struct hush_vault *v)
{
    if (v == NULL)
        return;
    if (v->lock_fd >= 0)
        close(v->lock_fd); /* releases the lock */
    hush_secret_free(v->study_key);
    hush_secret_free(v->host_sk);
    free(v->dir);
    free(v);
}

int
hush_vault_check_custodian(const struct hush_vault *v, const char *key_id, struct hush_error *err)
{
    if (strcmp(v->custodian_id, key_id) != 0)
        return hush_error_set(err, HUSH_ECONFIG,
                              "%s: its linkage goes to custodian key %s, not %s: refused", v->dir,
                              v->custodian_id, key_id);
    return HUSH_OK;
}

const unsigned char *
hush_vault_study_key(const struct hush_vault *v)
{
    return v->study_key;
}
