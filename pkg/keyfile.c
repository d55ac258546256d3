/*
 * keyfile.c: the typed text files that hold keys and vault facts.
 *
 * A key file is a type line, "hush-TYPE 1", then one "name: value" line a
 * field, each name once.  The type line means one kind of file cannot be
 * taken for another (a public key for a secret one, a study key for a host
 * key).  A file that holds a secret is read into guarded memory and refused
 * when anyone but its owner could read it.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

/* Reads all of fd (a regular file of at most KEYFILE_MAX_BYTES) into
 * guarded memory. */
static int
read_guarded(int fd, const char *path, struct keyfile *kf, struct hush_error *err)
{
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
        return hush_error_set(err, HUSH_ENOINPUT, "%s: not a regular file", path);
    if ((size_t)st.st_size > KEYFILE_MAX_BYTES)
        return hush_error_set(err, HUSH_EDATA, "%s: larger than a key file can be", path);
    kf->raw = hush_xsecret((size_t)st.st_size + 1);
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, kf->raw + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return hush_error_set(err, HUSH_EIO, "%s: cannot read: %s", path,
                                  r < 0 ? strerror(errno) : "file shrank");
        got += (size_t)r;
    }
    kf->raw[got] = '\0';
    kf->len = got;
    return HUSH_OK;
}

static bool
field_name_ok(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

/* Splits the copy in kf->text into the type line and fields. */
static int
parse_fields(struct keyfile *kf, const char *type, const char *path, struct hush_error *err)
{
    char want[64];
    snprintf(want, sizeof want, "hush-%s 1", type);
    char *line = kf->text;
    for (size_t no = 1; *line; no++) {
        char *nl = strchr(line, '\n');
        if (nl == NULL)
            return hush_error_set(err, HUSH_EDATA, "%s:%zu: the last line has no newline", path,
                                  no);
        *nl = '\0';
        if (no == 1) {
            if (strcmp(line, want) != 0)
                return hush_error_set(err, HUSH_EDATA, "%s:1: not a hush %s file (version 1)", path,
                                      type);
        } else {
            char *colon = strstr(line, ": ");
            if (colon == NULL || !field_name_ok(line, (size_t)(colon - line)))
                return hush_error_set(err, HUSH_EDATA, "%s:%zu: expected 'name: value'", path, no);
            *colon = '\0';
            if (keyfile_get(kf, line) != NULL)
                return hush_error_set(err, HUSH_EDATA, "%s:%zu: field '%s' given twice", path, no,
                                      line);
            if (kf->n == KEYFILE_MAX_FIELDS)
                return hush_error_set(err, HUSH_EDATA, "%s:%zu: too many fields", path, no);
            kf->name[kf->n] = line;
            kf->value[kf->n] = colon + 2;
            kf->offset[kf->n++] = (size_t)(line - kf->text);
        }
        line = nl + 1;
    }
    if (line == kf->text)
        return hush_error_set(err, HUSH_EDATA, "%s: empty", path);
    return HUSH_OK;
}

int
keyfile_read(const char *path, const char *type, bool secret, struct keyfile *kf,
             struct hush_error *err)
{
    memset(kf, 0, sizeof *kf);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return hush_error_set(err, errno == ELOOP ? HUSH_ECONFIG : HUSH_ENOINPUT,
                              "%s: cannot open: %s", path,
                              errno == ELOOP ? "a symbolic link, refused" : strerror(errno));
    struct stat st;
    int rc = HUSH_OK;
    if (secret && fstat(fd, &st) == 0 && (st.st_mode & 077) != 0)
        rc = hush_error_set(err, HUSH_ECONFIG,
                            "%s: holds a secret but others may read it (mode %03o): refused; "
                            "chmod 600 it and find out who read it",
                            path, (unsigned)(st.st_mode & 0777));
    if (rc == HUSH_OK)
        rc = read_guarded(fd, path, kf, err);
    close(fd);
    if (rc == HUSH_OK) {
        kf->text = hush_xsecret(kf->len + 1);
        memcpy(kf->text, kf->raw, kf->len + 1);
        rc = parse_fields(kf, type, path, err);
    }
    if (rc != HUSH_OK)
        keyfile_release(kf);
    return rc;
}

int
keyfile_parse(const char *data, size_t len, const char *type, const char *path, struct keyfile *kf,
              struct hush_error *err)
{
    memset(kf, 0, sizeof *kf);
    if (len > KEYFILE_MAX_BYTES)
        return hush_error_set(err, HUSH_EDATA, "%s: a header longer than %d bytes", path,
                              KEYFILE_MAX_BYTES);
    kf->raw = hush_xsecret(len + 1);
    kf->text = hush_xsecret(len + 1);
    memcpy(kf->raw, data, len);
    kf->raw[len] = '\0';
    memcpy(kf->text, kf->raw, len + 1);
    kf->len = len;
    int rc = strlen(kf->raw) != len
                 ? hush_error_set(err, HUSH_EDATA, "%s: a NUL byte in the header", path)
                 : parse_fields(kf, type, path, err);
    if (rc != HUSH_OK)
        keyfile_release(kf);
    return rc;
}

void
keyfile_release(struct keyfile *kf)
{
    hush_secret_free(kf->raw);
    hush_secret_free(kf->text);
    memset(kf, 0, sizeof *kf);
}

const char *
keyfile_get(const struct keyfile *kf, const char *name)
{
    for (size_t i = 0; i < kf->n; i++)
        if (strcmp(kf->name[i], name) == 0)
            return kf->value[i];
    return NULL;
}

size_t
keyfile_prefix(const struct keyfile *kf, const char *name)
{
    for (size_t i = 0; i < kf->n; i++)
        if (strcmp(kf->name[i], name) == 0)
            return kf->offset[i];
    return kf->len;
}

int
keyfile_hex(const struct keyfile *kf, const char *name, unsigned char *out, size_t n,
            const char *path, struct hush_error *err)
{
    const char *v = keyfile_get(kf, name);
    size_t got = 0;
    if (v == NULL)
        return hush_error_set(err, HUSH_EDATA, "%s: no field '%s'", path, name);
    if (strlen(v) != 2 * n || sodium_hex2bin(out, n, v, 2 * n, NULL, &got, NULL) != 0 || got != n)
        return hush_error_set(err, HUSH_EDATA, "%s: field '%s' is not %zu bytes of hex", path, name,
                              n);
    return HUSH_OK;
}

int
keyfile_u64(const struct keyfile *kf, const char *name, uint64_t *v, const char *path,
            struct hush_error *err)
{
    const char *s = keyfile_get(kf, name);
    if (s == NULL)
        return hush_error_set(err, HUSH_EDATA, "%s: no field '%s'", path, name);
    uint64_t x = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9' && p - s < 19; p++)
        x = x * 10 + (uint64_t)(*p - '0');
    if (p == s || *p != '\0')
        return hush_error_set(err, HUSH_EDATA, "%s: field '%s' is not a number", path, name);
    *v = x;
    return HUSH_OK;
}

void
keytext_init(struct keytext *t)
{
    t->cap = KEYFILE_MAX_BYTES;
    t->p = hush_xsecret(t->cap);
    t->len = 0;
}

void
keytext_printf(struct keytext *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= t->cap - t->len) {
        fprintf(stderr, "hush: a key file outgrew its buffer\n");
        abort(); /* a broken invariant: the callers write a few short lines */
    }
    t->len += (size_t)n;
}

void
keytext_hex(struct keytext *t, const char *name, const unsigned char *p, size_t n)
{
    keytext_printf(t, "%s: ", name);
    if (t->cap - t->len < 2 * n + 2) {
        fprintf(stderr, "hush: a key file outgrew its buffer\n");
        abort();
    }
    sodium_bin2hex(t->p + t->len, 2 * n + 1, p, n);
    t->len += 2 * n;
    keytext_printf(t, "\n");
}

void
keytext_free(struct keytext *t)
{
    hush_secret_free(t->p);
    memset(t, 0, sizeof *t);
}

int
keyfile_write(const char *path, const struct keytext *t, int mode, struct hush_error *err)
{
    struct hush_staged st;
    int rc = hush_stage_file(path, t->p, t->len, mode, &st, err);
    if (rc == HUSH_OK)
        rc = hush_staged_commit(&st, false, err);
    return rc;
}

void
keyfile_key_id(const unsigned char *pk, size_t n, char id[KEY_ID_CHARS + 1])
{
    unsigned char h[crypto_generichash_BYTES_MIN];
    crypto_generichash(h, sizeof h, pk, n, NULL, 0);
    sodium_bin2hex(id, KEY_ID_CHARS + 1, h, KEY_ID_CHARS / 2);
}
