/*
 * format.c: transcript formats: names, detection, the scan view and what a
 * tool calls (hush_format_match, hush_format_verify).  The readers are in
 * format_vtt.c, format_srt.c and format_csv.c.
 */
#include "format_internal.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
    const char *name;
    enum hush_format f;
} format_names[] = {{"auto", HUSH_FORMAT_AUTO},  {"txt", HUSH_FORMAT_TXT},
                    {"text", HUSH_FORMAT_TXT},   {"vtt", HUSH_FORMAT_VTT},
                    {"webvtt", HUSH_FORMAT_VTT}, {"srt", HUSH_FORMAT_SRT},
                    {"csv", HUSH_FORMAT_CSV}};

int
hush_format_from_name(const char *s, enum hush_format *f)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcasecmp(s, format_names[i].name) == 0) {
            *f = format_names[i].f;
            return HUSH_OK;
        }
    return HUSH_EUSAGE;
}

int
hush_format_check_columns(const char *columns)
{
    for (const char *c = columns;;) {
        size_t n = strcspn(c, ","), blank = strspn(c, " \t");
        if (blank >= n)
            return HUSH_EUSAGE;
        if (c[n] == '\0')
            return HUSH_OK;
        c += n + 1;
    }
}

const char *
hush_format_name(enum hush_format f)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (format_names[i].f == f)
            return format_names[i].name;
    return "?";
}

/* Does the document begin (after blank lines) with an SRT cue: a number
 * line, then a timing line with commas? */
static bool
looks_srt(const char *data, size_t len)
{
    size_t at = format_bom(data, len);
    struct line l = {at, at, at};
    while (at < len) {
        l = format_line(data, len, at);
        if (!format_line_blank(&l))
            break;
        at = l.next;
    }
    if (at >= len || l.next >= len)
        return false;
    for (size_t i = l.start; i < l.end; i++)
        if ((unsigned)(data[i] - '0') >= 10u)
            return false;
    struct line t = format_line(data, len, l.next);
    size_t stop;
    return format_timing(data, t.start, t.end, ",", true, &stop);
}

enum hush_format
hush_format_detect(const char *path, const char *data, size_t len, const char *columns)
{
    size_t at = format_bom(data, len);
    struct line first = format_line(data, len, at < len ? at : 0);
    if (at < len && format_keyword(data, first.start, first.end, "WEBVTT"))
        return HUSH_FORMAT_VTT;
    if (looks_srt(data, len))
        return HUSH_FORMAT_SRT;
    size_t pn = path ? strlen(path) : 0;
    if (pn > 4 && strcasecmp(path + pn - 4, ".csv") == 0)
        return HUSH_FORMAT_CSV;
    if (format_csv_header_looks(data, len, columns))
        return HUSH_FORMAT_CSV;
    return HUSH_FORMAT_TXT;
}

/* ---- the scan view ------------------------------------------------------ */

int
hush_view_build(enum hush_format f, const char *columns, const char *name, const char *data,
                size_t len, struct hush_view *v, struct hush_error *err)
{
    if (f == HUSH_FORMAT_AUTO)
        f = hush_format_detect(name, data, len, columns);
    memset(v, 0, sizeof *v);
    v->format = f;
    v->len = len;
    v->text = hush_xmalloc(len + 1);
    v->text[len] = '\0';
    /* Blank, with line breaks kept: what the reader leaves passes through. */
    for (size_t i = 0; i < len; i++)
        v->text[i] = data[i] == '\n' || data[i] == '\r' ? data[i] : ' ';
    struct reader r = {name, data, len, v, err};
    int rc = HUSH_OK;
    switch (f) {
    case HUSH_FORMAT_VTT:
        rc = format_vtt_read(&r);
        break;
    case HUSH_FORMAT_SRT:
        rc = format_srt_read(&r);
        break;
    case HUSH_FORMAT_CSV:
        rc = format_csv_read(&r, columns);
        break;
    default:
        view_scan(&r, 0, len);
        break;
    }
    if (rc != HUSH_OK)
        hush_view_release(v);
    return rc;
}

void
hush_view_release(struct hush_view *v)
{
    free(v->text);
    free(v->scan);
    memset(v, 0, sizeof *v);
}

int
hush_view_clip(const struct hush_view *v, struct hush_spans *spans, struct hush_error *err)
{
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        if (s->start >= s->end || s->end > v->len || (i && s->start < spans->v[i - 1].end))
            return hush_error_set(err, HUSH_ESOFTWARE,
                                  "span %zu of %zu is out of order or out of the text", i + 1,
                                  spans->n);
    }
    struct hush_spans out = {0};
    size_t r = 0;
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        while (r < v->nscan && v->scan[r].end <= s->start)
            r++;
        for (size_t k = r; k < v->nscan && v->scan[k].start < s->end; k++) {
            size_t a = s->start > v->scan[k].start ? s->start : v->scan[k].start;
            size_t b = s->end < v->scan[k].end ? s->end : v->scan[k].end;
            out.v = hush_xgrow(out.v, &out.cap, out.n + 1, sizeof *out.v);
            out.v[out.n++] = (struct hush_span){a, b, s->category, s->rule};
        }
    }
    hush_spans_free(spans);
    *spans = out;
    return HUSH_OK;
}

/* Cuts findings as hush_view_clip cuts spans, keeping one finding per
 * finding: from its first scanned byte to its last. */
static void
clip_findings(const struct hush_view *v, struct hush_findings *f)
{
    size_t n = 0, r = 0;
    for (size_t i = 0; i < f->n; i++) {
        struct hush_finding x = f->v[i];
        while (r > 0 && v->scan[r - 1].end > x.start)
            r--; /* findings may overlap: step back */
        while (r < v->nscan && v->scan[r].end <= x.start)
            r++;
        if (r == v->nscan || v->scan[r].start >= x.end)
            continue;
        size_t last = r;
        while (last + 1 < v->nscan && v->scan[last + 1].start < x.end)
            last++;
        if (x.start < v->scan[r].start)
            x.start = v->scan[r].start;
        if (x.end > v->scan[last].end)
            x.end = v->scan[last].end;
        f->v[n++] = x;
    }
    f->n = n;
}

/* ---- what a tool calls -------------------------------------------------- */

/* Rewrites the engine's "line:col: what" (over the view) as "name:line:
 * col: what" over the document, whose lines and columns may differ where
 * the view blanked a character of several bytes or turned a comma into a
 * line break. */
static void
relocate(const char *name, const char *doc, const char *view, size_t len, struct hush_error *err)
{
    size_t line = 0, col = 0, off = 0;
    int used = 0;
    char msg[sizeof err->msg];
    if (view && sscanf(err->msg, "%zu:%zu:%n", &line, &col, &used) == 2 && used > 0) {
        for (size_t l = 1; off < len && l < line; off++)
            l += view[off] == '\n';
        for (size_t c = 1; off < len && c < col && view[off] != '\n'; c++) {
            int32_t cp;
            off += hush_utf8_decode(view + off, len - off, &cp);
        }
        hush_text_where(doc, len, off, &line, &col);
        snprintf(msg, sizeof msg, "%s:%zu:%zu:%s", name, line, col, err->msg + used);
    } else {
        snprintf(msg, sizeof msg, "%s:%s", name, err->msg);
    }
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

/* What a tool does over the text the engine sees (match or verify), and
 * how it then cuts its results to the scanned text. */
struct tool_pass {
    int (*run)(struct hush_matcher *m, const char *text, size_t len, void *out,
               struct hush_error *err);
    int (*cut)(const struct hush_view *v, void *out, struct hush_error *err);
};

/* Runs pass over doc read as f: over the document itself for plain text,
 * else over its view, whose results are then cut. */
static int
tool_run(struct hush_matcher *m, enum hush_format f, const char *columns,
         const struct hush_doc *doc, const struct tool_pass *pass, void *out,
         struct hush_error *err)
{
    struct hush_view v = {0};
    if (f == HUSH_FORMAT_AUTO)
        f = hush_format_detect(doc->name, doc->data, doc->len, columns);
    if (f != HUSH_FORMAT_TXT) {
        int rc = hush_view_build(f, columns, doc->name, doc->data, doc->len, &v, err);
        if (rc != HUSH_OK)
            return rc;
    }
    m->labels_are_speakers = v.text != NULL;
    int rc = pass->run(m, v.text ? v.text : doc->data, doc->len, out, err);
    m->labels_are_speakers = false;
    if (rc != HUSH_OK)
        relocate(doc->name, doc->data, v.text, doc->len, err);
    else if (v.text)
        rc = pass->cut(&v, out, err);
    hush_view_release(&v);
    return rc;
}

static int
match_run(struct hush_matcher *m, const char *text, size_t len, void *out, struct hush_error *err)
{
    return hush_matcher_run(m, text, len, out, err);
}

static int
match_cut(const struct hush_view *v, void *out, struct hush_error *err)
{
    return hush_view_clip(v, out, err);
}

static int
verify_run(struct hush_matcher *m, const char *text, size_t len, void *out, struct hush_error *err)
{
    return hush_verify_text(m, text, len, out, err);
}

static int
verify_cut(const struct hush_view *v, void *out, struct hush_error *err)
{
    (void)err;
    clip_findings(v, out);
    return HUSH_OK;
}

int
hush_format_match(struct hush_matcher *m, enum hush_format f, const char *columns,
                  const struct hush_doc *doc, struct hush_spans *out, struct hush_error *err)
{
    static const struct tool_pass pass = {match_run, match_cut};
    return tool_run(m, f, columns, doc, &pass, out, err);
}

int
hush_format_verify(struct hush_matcher *m, enum hush_format f, const char *columns,
                   const struct hush_doc *doc, struct hush_findings *out, struct hush_error *err)
{
    static const struct tool_pass pass = {verify_run, verify_cut};
    return tool_run(m, f, columns, doc, &pass, out, err);
}
