/*
 * format_csv.c: the CSV reader.  libcsv (strict) parses the document one
 * byte at a time, so that each field's callback comes at the offset of the
 * comma or line break that ends it: that gives every field's raw bytes in
 * the document.  The fields of the columns to scan are copied into the
 * view without their quotes (a doubled quote inside stays blank); commas
 * become line breaks, so that fields never run together into one name,
 * except after a speaker column, where a ':' lets the engine read the
 * field as a speaker label.  Everything else passes through.
 */
#include "format_internal.h"
#include "internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The longest header field that detection takes for a column's name, and
 * the most of a missing column's name (from the command line) a message
 * repeats. */
#define COLUMN_NAME_MAX 64

/* Columns scanned when none are named. */
static const char *const default_columns[] = {
    "speaker", "text", "name", "utterance", "transcript", "content", "comment", "notes", "message"};

/* Trims blanks off [*s, *e). */
static void
trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
        (*e)--;
}

static bool
same_name(const char *a, size_t na, const char *b, size_t nb)
{
    const char *ae = a + na, *be = b + nb;
    trim(&a, &ae);
    trim(&b, &be);
    return ae - a == be - b && strncasecmp(a, b, (size_t)(ae - a)) == 0;
}

bool
format_csv_wanted(const char *columns, const char *name, size_t n)
{
    if (columns == NULL) {
        for (size_t i = 0; i < sizeof default_columns / sizeof default_columns[0]; i++)
            if (same_name(name, n, default_columns[i], strlen(default_columns[i])))
                return true;
        return false;
    }
    for (const char *c = columns;;) {
        const char *comma = strchr(c, ',');
        size_t cn = comma ? (size_t)(comma - c) : strlen(c);
        if (cn && same_name(name, n, c, cn))
            return true;
        if (comma == NULL)
            return false;
        c = comma + 1;
    }
}

/* A speaker column: one named "name", or with "speaker" in its name.  Its
 * fields are speaker labels to the engine. */
static bool
speaker_column(const char *name, size_t n)
{
    if (same_name(name, n, "name", 4))
        return true;
    for (size_t i = 0; i + 7 <= n; i++)
        if (strncasecmp(name + i, "speaker", 7) == 0)
            return true;
    return false;
}

/* ---- reading ------------------------------------------------------------ */

struct csv_read {
    struct reader *r;
    const char *columns;
    size_t pos;         /* offset of the byte being parsed */
    size_t field_start; /* where the current field's raw bytes start */
    size_t row_start;   /* where the current row starts */
    size_t row, field;  /* rows done (the header is row 0); fields of this row */
    size_t nheader;
    char **header; /* the header's names, nheader of them */
    size_t cap_header;
    bool *scan, *speaker; /* per column */
    int rc;
};

/* Copies the content of the quoted field data[a, b) ('"' at a and b - 1)
 * into the view, leaving each doubled quote blank; returns the content's
 * length as libcsv counts it, or SIZE_MAX when the field is not as libcsv
 * said. */
static size_t
scan_quoted(struct reader *r, size_t a, size_t b)
{
    const char *d = r->data;
    if (b - a < 2 || d[b - 1] != '"')
        return SIZE_MAX;
    size_t run = a + 1, n = 0;
    for (size_t i = a + 1; i < b - 1; i++, n++) {
        if (d[i] != '"')
            continue;
        if (i + 1 >= b - 1 || d[i + 1] != '"')
            return SIZE_MAX;
        view_scan(r, run, i);
        r->v->text[i + 1] = '"';
        run = ++i + 1;
    }
    view_scan(r, run, b - 1);
    return n;
}

static void
on_field(void *s, size_t n, void *data)
{
    struct csv_read *c = data;
    struct reader *r = c->r;
    size_t a = c->field_start, b = c->pos;
    if (c->rc != HUSH_OK)
        return;
    if (c->row == 0) {
        c->header = hush_xgrow(c->header, &c->cap_header, c->field + 1, sizeof *c->header);
        c->header[c->field] = hush_xstrndup(s ? s : "", n);
    } else if (c->field < c->nheader && c->scan[c->field]) {
        size_t got = b - a;
        if (b > a && r->data[a] == '"')
            got = scan_quoted(r, a, b);
        else
            view_scan(r, a, b);
        if (got != n)
            c->rc = hush_error_set(r->err, HUSH_ESOFTWARE, "%s: CSV field bounds lost at byte %zu",
                                   r->name, a);
    }
    if (b < r->len && r->data[b] == ',') {
        bool label = c->row > 0 && c->field < c->nheader && c->speaker[c->field];
        r->v->text[b] = label ? ':' : '\n';
    }
    c->field++;
    c->field_start = b + 1;
}

/* Ends the header: decides the columns to scan. */
static void
end_header(struct csv_read *c)
{
    struct reader *r = c->r;
    c->nheader = c->field;
    c->scan = hush_xcalloc(c->nheader, sizeof *c->scan);
    c->speaker = hush_xcalloc(c->nheader, sizeof *c->speaker);
    size_t nscan = 0;
    for (size_t i = 0; i < c->nheader; i++) {
        const char *h = c->header[i];
        c->scan[i] = format_csv_wanted(c->columns, h, strlen(h));
        c->speaker[i] = c->scan[i] && speaker_column(h, strlen(h));
        nscan += c->scan[i];
    }
    for (const char *w = c->columns; w && c->rc == HUSH_OK;) {
        const char *comma = strchr(w, ',');
        size_t wn = comma ? (size_t)(comma - w) : strlen(w);
        bool found = false;
        for (size_t i = 0; i < c->nheader && !found; i++)
            found = same_name(c->header[i], strlen(c->header[i]), w, wn);
        if (!found)
            c->rc = hush_error_set(r->err, HUSH_EDATA,
                                   "%s:1:1: no column named '%.*s' in the CSV header", r->name,
                                   (int)(wn > COLUMN_NAME_MAX ? COLUMN_NAME_MAX : wn), w);
        w = comma ? comma + 1 : NULL;
    }
    if (c->rc == HUSH_OK && nscan == 0)
        c->rc = format_fail(r, c->row_start,
                            "no column to scan in the CSV header (name them with --columns)");
}

static void
on_row(int term, void *data)
{
    struct csv_read *c = data;
    (void)term;
    if (c->rc != HUSH_OK)
        return;
    if (c->row == 0) {
        end_header(c);
    } else if (c->field != c->nheader) {
        char what[96];
        snprintf(what, sizeof what, "a row of %zu fields under a header of %zu", c->field,
                 c->nheader);
        c->rc = format_fail(c->r, c->row_start, what);
    }
    c->row++;
    c->field = 0;
}

/* Tells libcsv that no byte is a blank to trim: every byte of a field is
 * the field's. */
static int
no_blanks(unsigned char ch)
{
    (void)ch;
    return 0;
}

int
format_csv_read(struct reader *r, const char *columns)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        hush_xmalloc(SIZE_MAX);
    csv_set_space_func(&p, no_blanks);
    struct csv_read c = {0};
    c.r = r;
    c.columns = columns;
    c.rc = HUSH_OK;
    bool between_rows = true;
    for (c.pos = format_bom(r->data, r->len); c.pos < r->len && c.rc == HUSH_OK; c.pos++) {
        char ch = r->data[c.pos];
        if (between_rows) {
            if (ch == '\n' || ch == '\r')
                continue; /* libcsv skips empty lines; so does the view */
            between_rows = false;
            c.row_start = c.field_start = c.pos;
        }
        size_t row = c.row;
        if (csv_parse(&p, &ch, 1, on_field, on_row, &c) != 1 && c.rc == HUSH_OK)
            c.rc = format_fail(r, c.pos,
                               "a quote inside an unquoted CSV field, or text after "
                               "a closing quote");
        between_rows = c.row != row;
    }
    c.pos = r->len;
    if (c.rc == HUSH_OK && csv_fini(&p, on_field, on_row, &c) != 0 && c.rc == HUSH_OK)
        c.rc = format_fail(r, c.field_start, "a quoted CSV field that is never closed");
    if (c.rc == HUSH_OK && c.row == 0)
        c.rc = format_fail(r, 0, "no CSV header");
    csv_free(&p);
    for (size_t i = 0; i < (c.row ? c.nheader : c.field); i++)
        free(c.header[i]);
    free(c.header);
    free(c.scan);
    free(c.speaker);
    return c.rc;
}

/* ---- detection ---------------------------------------------------------- */

struct header_look {
    size_t fields;
    bool wanted, names;
    const char *columns;
};

/* Could s[0, n) be a column's name: short, of letters, digits, blanks and
 * a few signs, but no ':' or sentence punctuation? */
static bool
column_name(const char *s, size_t n)
{
    if (n == 0 || n > COLUMN_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!ascii_word((unsigned char)s[i]) && strchr(" _-.()#", s[i]) == NULL)
            return false;
    return true;
}

static void
look_field(void *s, size_t n, void *data)
{
    struct header_look *h = data;
    h->fields++;
    h->names &= column_name(s, n);
    h->wanted |= format_csv_wanted(h->columns, s ? s : "", n);
}

static void
look_row(int term, void *data)
{
    (void)term;
    (void)data;
}

bool
format_csv_header_looks(const char *data, size_t len, const char *columns)
{
    size_t at = format_bom(data, len);
    const char *nl = memchr(data + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - data) : len;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        hush_xmalloc(SIZE_MAX);
    csv_set_space_func(&p, no_blanks);
    struct header_look h = {0, false, true, columns};
    bool ok = csv_parse(&p, data + at, end - at, look_field, look_row, &h) == end - at &&
              csv_fini(&p, look_field, look_row, &h) == 0;
    csv_free(&p);
    return ok && h.fields >= 2 && h.wanted && h.names;
}
