/*
 * normalize.c: the one definition of "the same word" that lists, names and
 * the tokeniser share: NFKC, case folded, marks removed, invisible
 * characters dropped, apostrophe variants unified.  Also the hashes of
 * normalised words and word sequences.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool
is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return ascii_word((unsigned char)cp);
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

size_t
regex_word_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (!ascii_word(c) && c != '_')
                break;
            i++;
            continue;
        }
        int32_t cp;
        size_t n = hush_utf8_decode(s + i, len - i, &cp);
        utf8proc_category_t cat = utf8proc_category(cp);
        bool w = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL ||
                 cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LM ||
                 cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND ||
                 cat == UTF8PROC_CATEGORY_NL || cat == UTF8PROC_CATEGORY_NO;
        if (n == 0 || !w)
            break;
        i += n;
    }
    return i;
}

bool
word_at(const char *text, size_t len, size_t i)
{
    if (i >= len)
        return false;
    unsigned char c = (unsigned char)text[i];
    if (c < 0x80)
        return ascii_word(c);
    int32_t cp;
    hush_utf8_decode(text + i, len - i, &cp);
    return is_word_cp(cp);
}

/* Decodes the code point that ends before off (off > 0); returns its
 * length in bytes. */
static size_t
cp_before(const char *text, size_t off, int32_t *cp)
{
    size_t back = 1;
    while (back < 4 && back < off && ((unsigned char)text[off - back] & 0xC0) == 0x80)
        back++;
    hush_utf8_decode(text + off - back, back, cp);
    return back;
}

bool
continues_word(const char *text, size_t off)
{
    if (off == 0)
        return false;
    unsigned char c = (unsigned char)text[off - 1];
    if (c < 0x80)
        return ascii_word(c);
    int32_t cp;
    cp_before(text, off, &cp);
    return is_word_cp(cp);
}

/* Is text[i] the start of a possessive 's that ends its word: no word
 * character after it, nor an apostrophe or invisible character that the
 * word goes on through ("Is'S'el" is one word, as the tokeniser reads it)? */
static bool
possessive_s(const char *text, size_t len, size_t i)
{
    if (i >= len || (text[i] != 's' && text[i] != 'S') || word_at(text, len, i + 1))
        return false;
    if (i + 1 >= len)
        return true;
    int32_t cp;
    size_t m = hush_utf8_decode(text + i + 1, len - i - 1, &cp);
    return !(m > 0 && joins_word(text, len, cp, i + 1 + m));
}

size_t
word_end(const char *text, size_t len, size_t e)
{
    /* A span that stops just after an apostrophe or invisible character
     * inside a word (the "I'" of "I'AWP") goes on through it, as the
     * tokeniser reads the word: from just before it. */
    if (e > 0 && e < len && word_at(text, len, e)) {
        int32_t cp, word;
        size_t m = cp_before(text, e, &cp);
        if ((is_apostrophe(cp) || is_invisible_cp(cp)) && e > m) {
            cp_before(text, e - m, &word);
            if (is_word_cp(word))
                e -= m;
        }
    }
    while (e < len && continues_word(text, e)) {
        int32_t cp;
        size_t m = hush_utf8_decode(text + e, len - e, &cp);
        if (is_word_cp(cp) && m > 0) {
            e += m;
            continue;
        }
        if (joins_word(text, len, cp, e + m) &&
            !(is_apostrophe(cp) && possessive_s(text, len, e + m))) {
            e += m;
            /* the word character after it keeps the loop going */
            int32_t next;
            e += hush_utf8_decode(text + e, len - e, &next);
            continue;
        }
        break;
    }
    return e;
}

size_t
possessive_trim(const char *text, size_t len, size_t s, size_t e)
{
    if (e < s + 3 || !possessive_s(text, len, e - 1))
        return e;
    int32_t ap, word;
    size_t m = cp_before(text, e - 1, &ap);
    if (!is_apostrophe(ap) || e - 1 - m <= s)
        return e;
    cp_before(text, e - 1 - m, &word);
    return is_word_cp(word) ? e - 1 - m : e;
}

size_t
word_start(const char *text, size_t s)
{
    for (;;) {
        int32_t cp, word;
        if (s == 0)
            return s;
        size_t m = cp_before(text, s, &cp);
        if (!(is_invisible_cp(cp) || is_apostrophe(cp)) || s - m == 0)
            return s;
        cp_before(text, s - m, &word);
        if (!is_word_cp(word))
            return s;
        s -= m; /* over the invisible character, then over its word */
        while (s > 0) {
            size_t k = cp_before(text, s, &word);
            if (!is_word_cp(word))
                break;
            s -= k;
        }
    }
}

size_t
normalize_word(const char *s, size_t len, struct hush_buf *out)
{
    size_t before = out->len;
    /* ASCII, most words: folding is lower-casing, done in the same pass
     * that finds out whether the word is ASCII. */
    if (out->len + len + 1 > out->cap)
        out->data = hush_xgrow(out->data, &out->cap, out->len + len + 1, 1);
    char *d = out->data + out->len;
    unsigned char high = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        high |= c;
        d[k] = (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
    }
    if (high < 0x80) {
        out->len += len;
        out->data[out->len] = '\0';
        return len;
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    if (n < 0) {
        /* Only valid UTF-8 reaches here; fall back to the bytes as given. */
        hush_buf_append(out, s, len);
        return len;
    }
    for (utf8proc_ssize_t k = 0; k < n;) {
        int32_t cp;
        size_t step = hush_utf8_decode((const char *)m + k, (size_t)(n - k), &cp);
        if (is_apostrophe(cp))
            hush_buf_append(out, "'", 1);
        else
            hush_buf_append(out, m + k, step);
        k += (utf8proc_ssize_t)step;
    }
    free(m);
    return out->len - before;
}

/* The n < 8 bytes at s as a little-endian number, zero above: two loads
 * that may overlap (the bytes they share are the same), not n. */
static uint64_t
tail_word(const unsigned char *s, size_t n)
{
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        return (uint64_t)lo | (uint64_t)hi << (8 * (n - 4));
    }
    if (n == 0)
        return 0;
    return (uint64_t)s[0] | (uint64_t)s[n / 2] << (8 * (n / 2)) |
           (uint64_t)s[n - 1] << (8 * (n - 1));
}

uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    h ^= n * UINT64_C(0x9E3779B97F4A7C15);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * UINT64_C(0xBF58476D1CE4E5B9);
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    uint64_t w = tail_word(s, n);
    h = (h ^ w) * UINT64_C(0x94D049BB133111EB);
    h ^= h >> 29;
    h *= UINT64_C(0xBF58476D1CE4E5B9);
    h ^= h >> 32;
    return h;
}
