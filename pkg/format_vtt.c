/*
 * format_vtt.c: the WebVTT reader (Microsoft Teams and Zoom exports).
 * Passed through: the WEBVTT keyword and the header's metadata lines, cue
 * timing lines with their settings, STYLE and REGION blocks, markup.
 * Scanned: a title after WEBVTT, cue identifiers (Teams writes UUID-like
 * ids), cue text (a Zoom "Name: text" prefix included), voice-tag names,
 * NOTE blocks.
 */
#include "format_internal.h"

#include <string.h>

/* The shortest timestamp, "00:00.000". */
#define TIMESTAMP_MIN 9

/* Where the text after a keyword starts: past the blanks that separate
 * them, which must stay (a tag in their place would join the keyword). */
static size_t
after_keyword(const char *data, size_t i, size_t end)
{
    while (i < end && (data[i] == ' ' || data[i] == '\t'))
        i++;
    return i;
}

/* Reads the header: "WEBVTT", an optional title on its line, metadata
 * lines up to the first blank line.  Returns where the header ends. */
static int
read_header(struct reader *r, size_t *off)
{
    size_t at = format_bom(r->data, r->len);
    if (at >= r->len)
        return format_fail(r, at, "no WEBVTT header");
    struct line l = format_line(r->data, r->len, at);
    if (!format_keyword(r->data, l.start, l.end, "WEBVTT"))
        return format_fail(r, at, "no WEBVTT header");
    view_scan(r, after_keyword(r->data, l.start + 6, l.end), l.end);
    at = l.next;
    while (at < r->len) {
        l = format_line(r->data, r->len, at);
        if (format_line_blank(&l))
            break;
        if (format_has_arrow(r->data, l.start, l.end))
            return format_fail(r, l.start, "a cue inside the header (a blank line missing?)");
        at = l.next;
    }
    *off = at;
    return HUSH_OK;
}

/* Reads one block (NOTE, STYLE, REGION or a cue) starting at the
 * non-blank line at *off. */
static int
read_block(struct reader *r, size_t *off)
{
    struct line l = format_line(r->data, r->len, *off);
    const char *d = r->data;
    if (format_keyword(d, l.start, l.end, "NOTE")) {
        view_scan(r, after_keyword(d, l.start + 4, l.end), l.end);
        *off = l.next;
        return format_cue_text(r, off, NULL);
    }
    if (format_keyword(d, l.start, l.end, "STYLE") || format_keyword(d, l.start, l.end, "REGION")) {
        while (*off < r->len && !format_line_blank(&l)) {
            *off = l.next;
            if (*off < r->len)
                l = format_line(d, r->len, *off);
        }
        return HUSH_OK;
    }
    size_t stop, id_read = 0, id_stop = 0;
    if (!format_has_arrow(d, l.start, l.end)) {
        /* A cue identifier; unless it begins with a timestamp, in which
         * case it is a timing line with its arrow broken, and that is
         * where to point. */
        format_timing(d, l.start, l.end, ".", false, &id_stop);
        id_read = id_stop - l.start;
        view_scan(r, l.start, l.end);
        if (l.next >= r->len)
            return format_fail(r, l.end, "a cue without its timing line");
        l = format_line(d, r->len, l.next);
    }
    if (!format_timing(d, l.start, l.end, ".", false, &stop))
        return format_fail(r, id_read >= TIMESTAMP_MIN ? id_stop : stop,
                           "malformed cue timing line");
    *off = l.next;
    struct hush_range voice = {0, 0};
    int rc = format_cue_text(r, off, &voice);
    if (rc == HUSH_OK)
        view_label_copy(r, &voice, l.start, l.end);
    return rc;
}

int
format_vtt_read(struct reader *r)
{
    size_t at = 0;
    int rc = read_header(r, &at);
    return rc == HUSH_OK ? format_blocks(r, at, read_block) : rc;
}
