/*
 * document.c: reading one transcript into memory, bounded and checked,
 * before any of it is processed.
 */
#include "hush.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads all of fd, up to limit bytes; with text, refuses what is not
 * UTF-8 or holds a NUL. */
static int
doc_read(int fd, const char *name, size_t limit, bool text, struct hush_doc *doc,
         struct hush_error *err)
{
    struct hush_buf b = {0};
    memset(doc, 0, sizeof *doc);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= limit)
        b.data = hush_xgrow(NULL, &b.cap, (size_t)st.st_size + 1, 1);
    for (;;) {
        /* Read straight into the buffer; one read past the end shows EOF. */
        size_t room = b.cap > b.len + 1 ? b.cap - b.len - 1 : 0;
        if (room == 0) {
            b.data = hush_xgrow(b.data, &b.cap, b.len + 65536 + 1, 1);
            room = b.cap - b.len - 1;
        }
        ssize_t r = read(fd, b.data + b.len, room);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            hush_buf_free(&b);
            return hush_error_set(err, HUSH_EIO, "%s: read failed: %s", name, strerror(e));
        }
        if (r == 0)
            break;
        b.len += (size_t)r;
        if (b.len > limit) {
            hush_buf_free(&b);
            return hush_error_set(err, HUSH_EDATA,
                                  "%s: input is larger than the limit of %zu bytes", name, limit);
        }
    }
    if (b.data)
        b.data[b.len] = '\0';
    if (b.data == NULL)
        hush_buf_append(&b, "", 0);
    size_t bad;
    if (text && !hush_utf8_valid(b.data, b.len, &bad)) {
        size_t line, col;
        hush_text_where(b.data, b.len, bad, &line, &col);
        int nul = b.data[bad] == '\0';
        hush_buf_free(&b);
        return hush_error_set(err, HUSH_EDATA, "%s:%zu:%zu: %s", name, line, col,
                              nul ? "NUL byte in input" : "invalid UTF-8 in input");
    }
    doc->data = b.data;
    doc->len = b.len;
    doc->name = hush_xstrdup(name);
    return HUSH_OK;
}

int
hush_doc_read(int fd, const char *name, size_t limit, struct hush_doc *doc, struct hush_error *err)
{
    return doc_read(fd, name, limit, true, doc, err);
}

static int
doc_load(const char *path, size_t limit, bool text, struct hush_doc *doc, struct hush_error *err)
{
    memset(doc, 0, sizeof *doc);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return hush_error_set(err, HUSH_ENOINPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return hush_error_set(err, HUSH_ENOINPUT, "%s: is a directory", path);
    }
    int rc = doc_read(fd, path, limit, text, doc, err);
    close(fd);
    return rc;
}

int
hush_doc_load(const char *path, size_t limit, struct hush_doc *doc, struct hush_error *err)
{
    return doc_load(path, limit, true, doc, err);
}

int
hush_doc_load_bytes(const char *path, size_t limit, struct hush_doc *doc, struct hush_error *err)
{
    return doc_load(path, limit, false, doc, err);
}

int
hush_doc_input(const char *name, struct hush_doc *doc, struct hush_error *err)
{
    if (strcmp(name, "-") == 0)
        return hush_doc_read(STDIN_FILENO, "-", HUSH_MAX_DOCUMENT, doc, err);
    return hush_doc_load(name, HUSH_MAX_DOCUMENT, doc, err);
}

void
hush_doc_release(struct hush_doc *doc)
{
    if (doc->data != NULL)
        sodium_memzero(doc->data, doc->len);
    free(doc->data);
    free(doc->name);
    memset(doc, 0, sizeof *doc);
}
