/*
 * render.c: writing a text back out with its spans replaced by tags.
 */
#include "internal.h"

#include <string.h>

void
hush_render_tags(const struct hush_ruleset *rs, const char *text, size_t len,
                 const struct hush_spans *spans, struct hush_buf *out)
{
    size_t at = 0;
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        hush_buf_append(out, text + at, s->start - at);
        const char *cat = rs->categories[s->category];
        hush_buf_append(out, "[", 1);
        hush_buf_append(out, cat, strlen(cat));
        hush_buf_append(out, "]", 1);
        at = s->end;
    }
    hush_buf_append(out, text + at, len - at);
}

int
hush_redact_text(const struct hush_ruleset *rs, const char *text, size_t len, struct hush_buf *out,
                 struct hush_error *err)
{
    struct hush_spans spans = {0};
    int rc = hush_match(rs, text, len, &spans, err);
    if (rc == HUSH_OK)
        hush_render_tags(rs, text, len, &spans, out);
    hush_spans_free(&spans);
    return rc;
}
