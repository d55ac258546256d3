/*
 * utf8.c: strict UTF-8 validation and decoding, and locating a byte offset
 * as a line and column for messages.
 */
#include "hush.h"

/* Length of the sequence led by byte c, or 0 if c cannot lead one. */
static size_t
lead_length(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return 2;
    if (c >= 0xE0 && c <= 0xEF)
        return 3;
    if (c >= 0xF0 && c <= 0xF4)
        return 4;
    return 0;
}

/* Decodes the sequence at s (at most len bytes); returns its length, or 0
 * when it is invalid (overlong, surrogate, out of range, truncated). */
static size_t
decode_strict(const unsigned char *s, size_t len, int32_t *cp)
{
    size_t n = lead_length(s[0]);
    if (n == 0 || n > len)
        return 0;
    if (n == 1) {
        *cp = s[0];
        return 1;
    }
    int32_t c = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

int
hush_utf8_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII runs are the common case: check eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            __builtin_memcpy(&w, u + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            /* A zero byte in w: the classic has-zero-byte test. */
            if ((w - UINT64_C(0x0101010101010101)) & ~w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (u[i] == 0) {
            *bad = i;
            return 0;
        }
        int32_t cp;
        size_t n = decode_strict(u + i, len - i, &cp);
        if (n == 0) {
            *bad = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

size_t
hush_utf8_decode(const char *s, size_t len, int32_t *cp)
{
    size_t n = decode_strict((const unsigned char *)s, len, cp);
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return n;
}

void
hush_text_where(const char *s, size_t len, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
