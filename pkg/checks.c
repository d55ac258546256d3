/*
 * checks.c: validators that a regex match must pass before it counts.
 */
#include "internal.h"

#include <string.h>

int
hush_check_nhs_mod11(const char *s, size_t len)
{
    int d[10], n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (n == 10)
                return 0;
            d[n++] = c - '0';
        } else if (c != ' ' && c != '-') {
            return 0;
        }
    }
    if (n != 10)
        return 0;
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += d[i] * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && check == d[9];
}

int
hush_check_luhn(const char *s, size_t len)
{
    int sum = 0, count = 0;
    for (size_t i = len; i-- > 0;) {
        char c = s[i];
        if (c < '0' || c > '9')
            continue;
        int v = c - '0';
        if (count % 2 == 1) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
        count++;
    }
    return count >= 2 && sum % 10 == 0;
}

/* May byte c be part of a name's word (letters, apostrophes, hyphens;
 * every byte of a multi-byte character)? */
static int
name_byte(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || c >= 0x80 || c == '\'' || c == '-';
}

/* Do the initials of the words of text[from, to) end with the characters
 * of want[0, n), a hyphen parting words when split_hyphens is set?  At
 * least two initials are compared. */
static int
initials_end_with(const char *text, size_t from, size_t to, const char *want, size_t n,
                  int split_hyphens)
{
    size_t w = n, i = to, count = 0;
    while (w > 0) {
        /* The start of the word that ends at i. */
        while (i > from &&
               (text[i - 1] == ' ' || text[i - 1] == '\t' || (split_hyphens && text[i - 1] == '-')))
            i--;
        if (i == from)
            return 0;
        while (i > from && text[i - 1] != ' ' && text[i - 1] != '\t' &&
               !(split_hyphens && text[i - 1] == '-'))
            i--;
        /* The last character of want, against the word's first. */
        size_t at = w - 1;
        while (at > 0 && ((unsigned char)want[at] & 0xC0) == 0x80)
            at--;
        size_t len = w - at;
        /* The same character: the same bytes, and no more of them. */
        if (i + len > to || memcmp(text + i, want + at, len) != 0 ||
            (i + len < to && ((unsigned char)text[i + len] & 0xC0) == 0x80))
            return 0;
        w = at;
        count++;
    }
    return count >= 2;
}

/* Titles before a surname given alone ("Mr Holroyd", "Sister Kilbride"). */
static const char *const surname_titles[] = {"Mr", "Mrs",  "Ms", "Miss",   "Mx",
                                             "Dr", "Prof", "Sr", "Sister", "Nurse"};

/* Are the words of text[from, to) a title and one surname, and want[0, n)
 * two or three capitals whose last is the surname's first letter ("Mr
 * Holroyd (DH)": the first name, not written, gives the first initial)? */
static int
titled_surname_initial(const char *text, size_t from, size_t to, const char *want, size_t n)
{
    if (n < 2 || n > 3)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((unsigned)(want[k] - 'A') >= 26u)
            return 0;
    size_t i = to;
    while (i > from && text[i - 1] != ' ' && text[i - 1] != '\t')
        i--;
    if (i == from || text[i] != want[n - 1])
        return 0;
    size_t q = i;
    while (q > from && (text[q - 1] == ' ' || text[q - 1] == '\t'))
        q--;
    size_t p = q;
    while (p > from && text[p - 1] != ' ' && text[p - 1] != '\t')
        p--;
    return HUSH_WORD_IN(surname_titles, text + p, q - p);
}

/* The name words before the bracket that holds text[start, end), on the
 * same line, at most 40 bytes back: sets [*from, *to) and returns 1, or
 * returns 0 when there is no such bracket or no word before it. */
static int
words_before_bracket(const char *text, size_t start, size_t end, size_t *from, size_t *to)
{
    if (end <= start)
        return 0;
    size_t b = start;
    while (b > 0 && start - b < 40 && text[b - 1] != '(' && text[b - 1] != '\n')
        b--;
    if (b == 0 || text[b - 1] != '(')
        return 0;
    size_t t = b - 1;
    while (t > 0 && (text[t - 1] == ' ' || text[t - 1] == '\t'))
        t--;
    size_t f = t;
    while (f > 0 && t - f < 200 &&
           (name_byte((unsigned char)text[f - 1]) || text[f - 1] == ' ' || text[f - 1] == '\t'))
        f--;
    while (f < t && (text[f] == ' ' || text[f] == '\t'))
        f++;
    *from = f;
    *to = t;
    return f < t;
}

int
hush_check_initials(const char *text, size_t start, size_t end)
{
    size_t from, to;
    if (!words_before_bracket(text, start, end, &from, &to))
        return 0;
    const char *want = text + start;
    size_t n = end - start;
    return initials_end_with(text, from, to, want, n, 1) ||
           initials_end_with(text, from, to, want, n, 0);
}

int
hush_check_surname_initials(const char *text, size_t start, size_t end)
{
    size_t from, to;
    return words_before_bracket(text, start, end, &from, &to) &&
           titled_surname_initial(text, from, to, text + start, end - start);
}
