/*
 * format_internal.h: what the format readers (format_vtt.c, format_srt.c,
 * format_csv.c) share with format.c, which dispatches to them.  A reader
 * starts from a view in which every byte is blank, and copies in (with
 * view_scan) the ranges the engine must read.
 */
#ifndef HUSH_FORMAT_INTERNAL_H
#define HUSH_FORMAT_INTERNAL_H

#include "hush.h"

#include <stdbool.h>

/* The UTF-8 byte-order mark, which a reader passes through. */
#define FORMAT_BOM "\xEF\xBB\xBF"
#define FORMAT_BOM_LEN 3

/* A reader's state: the document, its name for messages, the view. */
struct reader {
    const char *name;
    const char *data;
    size_t len;
    struct hush_view *v;
    struct hush_error *err;
};

/* One line of the document: [start, end) without its line break ("\n" or
 * "\r\n"); next is where the following line starts (len at the end). */
struct line {
    size_t start, end, next;
};

/* Reads the line that starts at off (off < len). */
struct line format_line(const char *data, size_t len, size_t off);
/* Is the line empty (a block separator)? */
bool format_line_blank(const struct line *l);
/* Does data[a, b) begin with word w, followed by a space, a tab or b? */
bool format_keyword(const char *data, size_t a, size_t b, const char *w);
/* Does data[a, b) hold "-->"? */
bool format_has_arrow(const char *data, size_t a, size_t b);

/* Reads a cue timing line data[a, b): a timestamp, blanks, "-->", blanks,
 * a timestamp, then nothing or blanks and settings.  A timestamp is
 * [hours:]mm:ss followed by one of the characters in frac and three
 * digits; hours are needed when need_hours.  Returns true when the line
 * reads; else false, with *stop set to the offset where reading stopped. */
bool format_timing(const char *data, size_t a, size_t b, const char *frac, bool need_hours,
                   size_t *stop);

/* Reads the blocks of a cue file from at: skips blank lines, and calls
 * block at the first line of each block, which reads it and moves *off
 * past it.  Returns the first failure of block, or HUSH_OK. */
int format_blocks(struct reader *r, size_t at, int (*block)(struct reader *r, size_t *off));
/* The length of a byte-order mark at the start of data: 3 or 0. */
size_t format_bom(const char *data, size_t len);
/* Scans cue text: the lines from *off up to a blank line or the end, each
 * as view_scan_markup does (voice as there); a line holding "-->" fails.
 * Leaves *off at the blank line or the end. */
int format_cue_text(struct reader *r, size_t *off, struct hush_range *voice);

/* Copies data[a, b) into the view and records it as scanned text. */
void view_scan(struct reader *r, size_t a, size_t b);
/* Scans a line of cue text data[a, b), blanking markup: "<i>", "</v>",
 * "<c.loud>", "<00:00:01.000>".  The name of a voice tag ("<v Sarah
 * Okafor>") is scanned, and the tag's '>' reads as ':' so that the engine
 * sees a speaker label.  Sets *voice (when not NULL and still empty) to
 * the first voice name's range. */
void view_scan_markup(struct reader *r, size_t a, size_t b, struct hush_range *voice);
/* Writes a copy of the voice name into the pass-through bytes [a, b) of
 * the view, shaped as a speaker label ("Sarah Okafor:"), when it fits: the
 * engine then knows the name as a speaker's wherever it recurs.  The copy
 * is never scanned, so nothing in it is replaced. */
void view_label_copy(struct reader *r, const struct hush_range *voice, size_t a, size_t b);

/* Sets err to HUSH_EDATA with "name:line:column: what" for offset off. */
int format_fail(struct reader *r, size_t off, const char *what);

/* The readers: each fills r->v->text (already blank, r->len bytes) and
 * r->v->scan, or fails with format_fail. */
int format_vtt_read(struct reader *r);
int format_srt_read(struct reader *r);
int format_csv_read(struct reader *r, const char *columns);

/* Is name (n bytes, surrounding blanks ignored) one of the CSV columns to
 * scan: one of columns (comma-separated), or of the defaults when columns
 * is NULL? */
bool format_csv_wanted(const char *columns, const char *name, size_t n);
/* Does the first line of data read as a CSV header of two or more fields,
 * one of them a column to scan? */
bool format_csv_header_looks(const char *data, size_t len, const char *columns);

#endif
