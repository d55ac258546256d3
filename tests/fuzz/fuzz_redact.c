/*
 * fuzz_redact: the whole pipeline (shipped rules) on arbitrary bytes, with
 * the properties hush promises: invalid UTF-8 or a NUL is refused; a planted
 * canary name never survives; redacting the output again changes nothing
 * more; the spans are sorted, disjoint and inside the text.
 */
#include "shipped.h"

#include <stdlib.h>
#include <string.h>

/* An invented name that every list holds as a given name and surname
 * pair, planted into each input. */
static const char canary[] = " Tamsin Okafor ";

/* How many times the canary's surname occurs in text; the fuzzer may
 * build it into longer words of its own ("AnOkaford"), which are not
 * names and may stay, so the test counts rather than searches. */
static size_t
surname_count(const char *text, size_t len)
{
    static const char s[] = "Okafor";
    size_t n = 0;
    for (size_t i = 0; i + sizeof s - 1 <= len; i++)
        if (memcmp(text + i, s, sizeof s - 1) == 0)
            n++;
    return n;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    shipped_load();
    size_t bad;
    if (!hush_utf8_valid((const char *)data, size, &bad))
        return 0; /* refused before matching (tested elsewhere) */
    size_t half = size / 2;
    struct hush_buf in = {0}, out = {0}, again = {0};
    hush_buf_append(&in, data, half);
    hush_buf_append(&in, canary, sizeof canary - 1);
    hush_buf_append(&in, data + half, size - half);
    if (!hush_utf8_valid(in.data, in.len, &bad))
        goto done; /* the split fell inside a character */
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    if (hush_matcher_run(m, in.data, in.len, &spans, &err) == HUSH_OK) {
        for (size_t i = 0; i < spans.n; i++)
            if (spans.v[i].end > in.len || spans.v[i].start >= spans.v[i].end ||
                (i && spans.v[i].start < spans.v[i - 1].end))
                abort();
        hush_render_tags(rs, in.data, in.len, &spans, &out);
        if (surname_count(out.data, out.len) >= surname_count(in.data, in.len))
            abort(); /* the canary survived */
        err = (struct hush_error){0};
        if (hush_redact_text(rs, out.data, out.len, &again, &err) == HUSH_OK &&
            (again.len != out.len || memcmp(again.data, out.data, out.len) != 0))
            abort(); /* redacting twice changed more */
    }
    hush_spans_free(&spans);
done:
    hush_buf_free(&in);
    hush_buf_free(&out);
    hush_buf_free(&again);
    return 0;
}
