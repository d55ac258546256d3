/*
 * format_srt.c: the SubRip reader.  Passed through: cue numbers, timing
 * lines ("00:00:01,000 --> 00:00:04,000") and markup ("<i>", "<font ...>").
 * Scanned: the cue text, a leading "NAME:" speaker label included.
 */
#include "format_internal.h"

#include <string.h>

/* Is data[a, b) a cue number: digits, then perhaps blanks? */
static bool
cue_number(const char *data, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && (unsigned)(data[i] - '0') < 10u)
        i++;
    if (i == a)
        return false;
    while (i < b && (data[i] == ' ' || data[i] == '\t'))
        i++;
    return i == b;
}

/* Reads one cue starting at the non-blank line at *off. */
static int
read_cue(struct reader *r, size_t *off)
{
    const char *d = r->data;
    struct line l = format_line(d, r->len, *off);
    if (!cue_number(d, l.start, l.end))
        return format_fail(r, l.start, "expected a cue number");
    if (l.next >= r->len)
        return format_fail(r, l.end, "a cue without its timing line");
    l = format_line(d, r->len, l.next);
    size_t stop;
    if (!format_timing(d, l.start, l.end, ",.", true, &stop))
        return format_fail(r, stop, "malformed cue timing line");
    *off = l.next;
    return format_cue_text(r, off, NULL);
}

int
format_srt_read(struct reader *r)
{
    return format_blocks(r, format_bom(r->data, r->len), read_cue);
}
