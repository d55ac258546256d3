/*
 * fuzz_formats: the format readers and redaction through them (shipped
 * rules) on arbitrary bytes.  The first byte picks the format ('0' txt,
 * '1' vtt, '2' srt, '3' csv, and so on modulo 4); the rest is the
 * document.  Properties: a reader accepts or refuses with HUSH_EDATA,
 * nothing else; the view is as long as the document; every span lies in
 * scanned text; the redacted document reads again in the same format,
 * with every pass-through byte as it was (the same bytes between the same
 * number of scanned ranges); redacting it again changes nothing more
 * (where the engine is idempotent on the view: see engine_idempotent).
 */
#include "shipped.h"

#include <stdlib.h>
#include <string.h>

static const enum hush_format formats[] = {HUSH_FORMAT_TXT, HUSH_FORMAT_VTT, HUSH_FORMAT_SRT,
                                           HUSH_FORMAT_CSV};

/* Do a and b (views of the texts ta and tb) pass the same bytes through,
 * between the same number of scanned ranges? */
static int
same_pass_through(const struct hush_view *a, const char *ta, const struct hush_view *b,
                  const char *tb)
{
    if (a->nscan != b->nscan)
        return 0;
    for (size_t k = 0; k <= a->nscan; k++) {
        size_t as = k ? a->scan[k - 1].end : 0, ae = k < a->nscan ? a->scan[k].start : a->len;
        size_t bs = k ? b->scan[k - 1].end : 0, be = k < b->nscan ? b->scan[k].start : b->len;
        if (ae - as != be - bs || memcmp(ta + as, tb + bs, ae - as) != 0)
            return 0;
    }
    return 1;
}

/* Is every span inside one scanned range of v? */
static int
spans_scanned(const struct hush_view *v, const struct hush_spans *s)
{
    size_t r = 0;
    for (size_t i = 0; i < s->n; i++) {
        while (r < v->nscan && v->scan[r].end <= s->v[i].start)
            r++;
        if (r == v->nscan || s->v[i].start < v->scan[r].start || s->v[i].end > v->scan[r].end)
            return 0;
    }
    return 1;
}

/* Does redacting text as plain text twice change nothing more?  Where the
 * engine itself is not idempotent on the text the engine sees, that is the
 * engine's matter (fuzz_redact's), not the format's: the format's
 * idempotence is asserted only where the engine's holds. */
static int
engine_idempotent(const char *text, size_t len)
{
    struct hush_buf once = {0}, twice = {0};
    struct hush_error err = {0};
    int same =
        hush_redact_text(rs, text, len, &once, &err) == HUSH_OK &&
        hush_redact_text(rs, once.data ? once.data : "", once.len, &twice, &err) == HUSH_OK &&
        once.len == twice.len && (once.len == 0 || memcmp(once.data, twice.data, once.len) == 0);
    hush_buf_free(&once);
    hush_buf_free(&twice);
    return same;
}

/* Redacts doc (read as f) into out; returns the status. */
static int
redact_as(enum hush_format f, const char *text, size_t len, struct hush_spans *spans,
          struct hush_buf *out)
{
    struct hush_doc doc = {(char *)text, len, (char *)"fuzz"};
    struct hush_error err = {0};
    int rc = hush_format_match(m, f, NULL, &doc, spans, &err);
    if (rc == HUSH_OK)
        hush_render_tags(rs, text, len, spans, out);
    return rc;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    shipped_load();
    size_t bad;
    if (size < 1 || !hush_utf8_valid((const char *)data + 1, size - 1, &bad))
        return 0; /* refused before any reader (tested elsewhere) */
    enum hush_format f = formats[data[0] % 4];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    struct hush_view v = {0}, w = {0};
    struct hush_error err = {0};
    struct hush_spans spans = {0}, spans2 = {0};
    struct hush_buf out = {0}, again = {0};
    int rc = hush_view_build(f, NULL, "fuzz", text, len, &v, &err);
    if (rc != HUSH_OK) {
        if (rc != HUSH_EDATA)
            abort();
        return 0;
    }
    if (v.len != len || strlen(v.text) != len || !hush_utf8_valid(v.text, v.len, &bad))
        abort(); /* the view is not a text of the same length */
    if (redact_as(f, text, len, &spans, &out) != HUSH_OK)
        goto done; /* a regex limit or an over-long word: refused, not a format matter */
    if (!spans_scanned(&v, &spans))
        abort(); /* a span reaches pass-through bytes */
    err = (struct hush_error){0};
    if (hush_view_build(f, NULL, "fuzz", out.data ? out.data : "", out.len, &w, &err) != HUSH_OK)
        abort(); /* the redacted document no longer reads */
    if (!same_pass_through(&v, text, &w, out.data ? out.data : ""))
        abort(); /* a pass-through byte changed */
    if (engine_idempotent(v.text, v.len) &&
        redact_as(f, out.data ? out.data : "", out.len, &spans2, &again) == HUSH_OK &&
        (again.len != out.len || memcmp(again.data, out.data, out.len) != 0))
        abort(); /* redacting twice changed more */
done:
    hush_view_release(&v);
    hush_view_release(&w);
    hush_spans_free(&spans);
    hush_spans_free(&spans2);
    hush_buf_free(&out);
    hush_buf_free(&again);
    return 0;
}
