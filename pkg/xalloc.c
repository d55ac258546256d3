/*
 * xalloc.c: the one place where running out of memory is handled (by
 * aborting), and a growable byte buffer built on it.
 */
#include "hush.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *
oom(size_t n)
{
    fprintf(stderr, "hush: out of memory (%zu bytes)\n", n);
    abort();
}

/* Returns n bytes of uninitialised memory; never NULL. */
void *
hush_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom(n);
}

/* Returns zeroed memory for count elements of size bytes; never NULL. */
void *
hush_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    return p ? p : oom(count * size);
}

/* Resizes p to n bytes; never NULL. */
void *
hush_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom(n);
}

/* Grows p, an array with *cap elements of elem bytes, to hold need elements,
 * doubling so that appends cost amortised constant time.  The old block is
 * copied and wiped before it is freed (not handed to realloc, which would
 * leave it unwiped): arrays and buffers grown here hold transcript text and
 * what is found in it. */
void *
hush_xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem)
            oom(SIZE_MAX);
        n *= 2;
    }
    void *q = hush_xmalloc(n * elem);
    if (p != NULL) {
        memcpy(q, p, *cap * elem);
        sodium_memzero(p, *cap * elem);
        free(p);
    }
    *cap = n;
    return q;
}

/* Copies the NUL-terminated s; never NULL. */
char *
hush_xstrdup(const char *s)
{
    return hush_xstrndup(s, strlen(s));
}

/* Copies n bytes of s and a terminating NUL; never NULL. */
char *
hush_xstrndup(const char *s, size_t n)
{
    char *p = hush_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Appends n bytes to b, keeping one spare byte so callers may terminate. */
void
hush_buf_append(struct hush_buf *b, const void *p, size_t n)
{
    b->data = hush_xgrow(b->data, &b->cap, b->len + n + 1, 1);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends formatted text to b. */
void
hush_buf_printf(struct hush_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    b->data = hush_xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Wipes and frees b's memory and leaves it empty and reusable. */
void
hush_buf_free(struct hush_buf *b)
{
    if (b->data != NULL)
        sodium_memzero(b->data, b->cap);
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void *
hush_xsecret(size_t n)
{
    if (sodium_init() < 0) {
        fprintf(stderr, "hush: libsodium cannot start\n");
        abort();
    }
    void *p = sodium_malloc(n ? n : 1);
    return p ? p : oom(n);
}

void
hush_secret_free(void *p)
{
    sodium_free(p);
}
