/*
 * format_view.c: what the format readers share: lines, cue timing lines,
 * and building the scan view (scanned ranges, markup blanked, voice names
 * presented as speaker labels).
 */
#include "format_internal.h"
#include "internal.h"

#include <string.h>

struct line
format_line(const char *data, size_t len, size_t off)
{
    struct line l = {off, len, len};
    const char *nl = memchr(data + off, '\n', len - off);
    if (nl) {
        l.end = (size_t)(nl - data);
        l.next = l.end + 1;
    }
    if (l.end > l.start && data[l.end - 1] == '\r')
        l.end--;
    return l;
}

bool
format_line_blank(const struct line *l)
{
    return l->end == l->start;
}

bool
format_keyword(const char *data, size_t a, size_t b, const char *w)
{
    size_t n = strlen(w);
    if (b - a < n || memcmp(data + a, w, n) != 0)
        return false;
    return a + n == b || data[a + n] == ' ' || data[a + n] == '\t';
}

bool
format_has_arrow(const char *data, size_t a, size_t b)
{
    for (size_t i = a; i + 3 <= b; i++)
        if (data[i] == '-' && data[i + 1] == '-' && data[i + 2] == '>')
            return true;
    return false;
}

/* Reads at most max (at least min) digits at data[*i, b); returns how many
 * and their value in *val. */
static size_t
digits(const char *data, size_t *i, size_t b, size_t min, size_t max, unsigned long *val)
{
    size_t n = 0;
    *val = 0;
    while (*i < b && n < max && (unsigned)(data[*i] - '0') < 10u) {
        if (*val < 100000000ul)
            *val = *val * 10 + (unsigned long)(data[*i] - '0');
        (*i)++;
        n++;
    }
    return n >= min ? n : 0;
}

/* Reads a timestamp at data[*i, b); returns false where it stops. */
static bool
timestamp(const char *data, size_t *i, size_t b, const char *frac, bool need_hours)
{
    unsigned long first, mm, ss, ms;
    size_t nfirst = digits(data, i, b, 1, 10, &first);
    if (nfirst == 0 || *i >= b || data[*i] != ':')
        return false;
    (*i)++;
    if (digits(data, i, b, 2, 2, &mm) == 0)
        return false;
    bool hours = *i < b && data[*i] == ':';
    if (hours) {
        (*i)++;
        if (digits(data, i, b, 2, 2, &ss) == 0 || mm > 59)
            return false;
    } else {
        if (need_hours || nfirst != 2)
            return false;
        ss = mm;
        mm = first;
        if (mm > 59)
            return false;
    }
    if (ss > 59 || *i >= b || data[*i] == '\0' || strchr(frac, data[*i]) == NULL)
        return false;
    (*i)++;
    return digits(data, i, b, 3, 3, &ms) != 0;
}

static size_t
blanks(const char *data, size_t i, size_t b)
{
    while (i < b && (data[i] == ' ' || data[i] == '\t'))
        i++;
    return i;
}

bool
format_timing(const char *data, size_t a, size_t b, const char *frac, bool need_hours, size_t *stop)
{
    size_t i = a;
    bool ok = false;
    if (timestamp(data, &i, b, frac, need_hours)) {
        size_t j = blanks(data, i, b);
        bool gap = j > i;
        i = j;
        if (gap && j + 3 <= b && memcmp(data + j, "-->", 3) == 0) {
            i = blanks(data, j + 3, b);
            /* Settings follow after blanks, and pass through unread. */
            ok = i > j + 3 && timestamp(data, &i, b, frac, need_hours) &&
                 (i == b || data[i] == ' ' || data[i] == '\t');
        }
    }
    *stop = i;
    return ok;
}

int
format_cue_text(struct reader *r, size_t *off, struct hush_range *voice)
{
    size_t at = *off;
    while (at < r->len) {
        struct line l = format_line(r->data, r->len, at);
        if (format_line_blank(&l))
            break;
        if (format_has_arrow(r->data, l.start, l.end))
            return format_fail(r, l.start, "a timing line inside cue text (a blank line missing?)");
        view_scan_markup(r, l.start, l.end, voice);
        at = l.next;
    }
    *off = at;
    return HUSH_OK;
}

int
format_blocks(struct reader *r, size_t at, int (*block)(struct reader *r, size_t *off))
{
    int rc = HUSH_OK;
    while (rc == HUSH_OK && at < r->len) {
        struct line l = format_line(r->data, r->len, at);
        if (format_line_blank(&l))
            at = l.next;
        else
            rc = block(r, &at);
    }
    return rc;
}

size_t
format_bom(const char *data, size_t len)
{
    return len >= FORMAT_BOM_LEN && memcmp(data, FORMAT_BOM, FORMAT_BOM_LEN) == 0 ? FORMAT_BOM_LEN
                                                                                  : 0;
}

void
view_scan(struct reader *r, size_t a, size_t b)
{
    if (b <= a)
        return;
    struct hush_view *v = r->v;
    memcpy(v->text + a, r->data + a, b - a);
    if (v->nscan && v->scan[v->nscan - 1].end == a) {
        v->scan[v->nscan - 1].end = b;
        return;
    }
    v->scan = hush_xgrow(v->scan, &v->cap_scan, v->nscan + 1, sizeof *v->scan);
    v->scan[v->nscan++] = (struct hush_range){a, b};
}

/* Is the tag data[lt, gt] (from '<' to '>') a voice tag: "<v", classes,
 * then a blank and the name?  Sets [*na, *nb) to the name. */
static bool
voice_tag(const char *data, size_t lt, size_t gt, size_t *na, size_t *nb)
{
    size_t i = lt + 1;
    if (i >= gt || data[i] != 'v' ||
        (data[i + 1] != '.' && data[i + 1] != ' ' && data[i + 1] != '\t'))
        return false;
    while (i < gt && data[i] != ' ' && data[i] != '\t')
        i++;
    i = blanks(data, i, gt);
    size_t e = gt;
    while (e > i && (data[e - 1] == ' ' || data[e - 1] == '\t'))
        e--;
    *na = i;
    *nb = e;
    return e > i;
}

void
view_scan_markup(struct reader *r, size_t a, size_t b, struct hush_range *voice)
{
    const char *d = r->data;
    size_t run = a;
    for (size_t i = a; i < b; i++) {
        if (d[i] != '<')
            continue;
        const char *gt = memchr(d + i, '>', b - i);
        if (gt == NULL)
            break; /* a lone '<' is text */
        size_t g = (size_t)(gt - d), na, nb;
        view_scan(r, run, i);
        if (voice_tag(d, i, g, &na, &nb)) {
            view_scan(r, na, nb);
            r->v->text[g] = ':';
            if (voice && voice->end == 0)
                *voice = (struct hush_range){na, nb};
        }
        i = g;
        run = g + 1;
    }
    view_scan(r, run, b);
}

void
view_label_copy(struct reader *r, const struct hush_range *voice, size_t a, size_t b)
{
    size_t n = voice->end - voice->start;
    if (n == 0 || n + 1 > b - a)
        return;
    memcpy(r->v->text + a, r->data + voice->start, n);
    r->v->text[a + n] = ':';
}

int
format_fail(struct reader *r, size_t off, const char *what)
{
    size_t line, col;
    hush_text_where(r->data, r->len, off, &line, &col);
    return hush_error_set(r->err, HUSH_EDATA, "%s:%zu:%zu: %s", r->name, line, col, what);
}
