/*
 * annotate.c - turn an annotated evaluation source into a plain transcript
 * and a gold-standard span file.
 *
 * Source format: ordinary transcript text in which each identifier is
 * written as an inline mark
 *
 *     {CATEGORY|text}
 *
 * e.g. "I work with {PERSON|Sarah Okafor} at {TRUST|NSFT}".  A mark may not
 * contain a line break, '{', '|' or '}'.  Outside marks those characters are
 * text (a pipe table, a JSON export), except that '{' followed by capitals
 * and '|' must be a mark with a known category, so that a mistyped
 * category is an error rather than text.
 *
 * For SRC = .../NN-name.txt the converter writes
 *
 *     OUTDIR/NN-name.txt        the transcript with the marks removed; every
 *                               other byte (CRLF, BOM, missing final newline)
 *                               is copied unchanged
 *     OUTDIR/NN-name.gold.csv   header "start,end,category", then one row per
 *                               mark: half-open byte offsets of the marked
 *                               text in the plain transcript
 *
 * Usage:  annotate [-o OUTDIR] SRC.txt...      (OUTDIR defaults to ".")
 * Build:  cc -O2 -o annotate annotate.c
 *
 * Exit status: 0 on success, 1 on a malformed source or I/O error (the
 * message names file:line), 2 on bad usage.
 *
 * Plain C99, no dependencies.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Categories a mark may carry. */
static const char *const categories[] = {"PERSON", "TRUST", "TEAM", "PLACE", "CONTACT",
                                         "ID",     "DATE",  "AGE",  NULL};

static int
known_category(const char *s, size_t len)
{
    for (int i = 0; categories[i]; i++)
        if (strlen(categories[i]) == len && memcmp(categories[i], s, len) == 0)
            return 1;
    return 0;
}

/* Does the '{' at in[i] open a mark: capitals, then '|'?  Any other '{'
 * is text. */
static int
opens_mark(const char *in, size_t n, size_t i)
{
    size_t k = i + 1;
    while (k < n && in[k] >= 'A' && in[k] <= 'Z')
        k++;
    return k > i + 1 && k < n && in[k] == '|';
}

/* Read a whole file into memory; returns NULL (with a message) on failure. */
static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "annotate: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        fprintf(stderr, "annotate: out of memory\n");
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                fclose(f);
                fprintf(stderr, "annotate: out of memory\n");
                return NULL;
            }
            buf = p;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        fprintf(stderr, "annotate: %s: read error\n", path);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Build OUTDIR/<basename of src without ".txt"><suffix>. */
static char *
out_path(const char *outdir, const char *src, const char *suffix)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    size_t blen = strlen(base);
    if (blen > 4 && strcmp(base + blen - 4, ".txt") == 0)
        blen -= 4;
    size_t need = strlen(outdir) + 1 + blen + strlen(suffix) + 1;
    char *p = malloc(need);
    if (!p) {
        fprintf(stderr, "annotate: out of memory\n");
        exit(1);
    }
    snprintf(p, need, "%s/%.*s%s", outdir, (int)blen, base, suffix);
    return p;
}

/* Convert one source file.  Returns 0 on success, 1 on error. */
static int
convert(const char *src, const char *outdir)
{
    size_t n;
    char *in = slurp(src, &n);
    if (!in)
        return 1;

    char *plain = malloc(n ? n : 1); /* plain text is never longer */
    if (!plain) {
        fprintf(stderr, "annotate: out of memory\n");
        free(in);
        return 1;
    }

    /* Gold rows are collected as text; each row is short. */
    size_t gcap = 4096, glen = 0;
    char *gold = malloc(gcap);
    if (!gold) {
        fprintf(stderr, "annotate: out of memory\n");
        free(in);
        free(plain);
        return 1;
    }
    glen = (size_t)sprintf(gold, "start,end,category\n");

    size_t p = 0;  /* write position in plain */
    long line = 1; /* 1-based source line, for messages */
    int rc = 0;

    for (size_t i = 0; i < n && rc == 0;) {
        char c = in[i];
        if (c != '{' || !opens_mark(in, n, i)) {
            if (c == '\n')
                line++;
            plain[p++] = c;
            i++;
            continue;
        }

        /* A mark: {CATEGORY|text} */
        size_t cat = i + 1, bar = cat;
        while (bar < n && in[bar] != '|' && in[bar] != '}' && in[bar] != '{' && in[bar] != '\n')
            bar++;
        if (bar >= n || in[bar] != '|') {
            fprintf(stderr, "%s:%ld: mark without '|' after its category\n", src, line);
            rc = 1;
            break;
        }
        if (!known_category(in + cat, bar - cat)) {
            fprintf(stderr, "%s:%ld: unknown category in mark\n", src, line);
            rc = 1;
            break;
        }
        size_t txt = bar + 1, end = txt;
        while (end < n && in[end] != '}' && in[end] != '{' && in[end] != '|' && in[end] != '\n' &&
               in[end] != '\r')
            end++;
        if (end >= n || in[end] != '}') {
            fprintf(stderr, "%s:%ld: unterminated or malformed mark\n", src, line);
            rc = 1;
            break;
        }
        if (end == txt) {
            fprintf(stderr, "%s:%ld: empty mark\n", src, line);
            rc = 1;
            break;
        }
        if (in[txt] == ' ' || in[end - 1] == ' ') {
            fprintf(stderr, "%s:%ld: mark text starts or ends with a space\n", src, line);
            rc = 1;
            break;
        }

        size_t start = p;
        memcpy(plain + p, in + txt, end - txt);
        p += end - txt;

        if (glen + 64 + (bar - cat) > gcap) {
            char *g = realloc(gold, gcap *= 2);
            if (!g) {
                fprintf(stderr, "annotate: out of memory\n");
                rc = 1;
                break;
            }
            gold = g;
        }
        glen +=
            (size_t)sprintf(gold + glen, "%zu,%zu,%.*s\n", start, p, (int)(bar - cat), in + cat);
        i = end + 1;
    }

    if (rc == 0) {
        char *tpath = out_path(outdir, src, ".txt");
        char *gpath = out_path(outdir, src, ".gold.csv");
        if (strcmp(tpath, src) == 0) {
            fprintf(stderr, "annotate: %s: output would overwrite the source\n", src);
            rc = 1;
        } else {
            FILE *ft = fopen(tpath, "wb");
            FILE *fg = ft ? fopen(gpath, "wb") : NULL;
            if (!ft || !fg) {
                fprintf(stderr, "annotate: cannot write %s: %s\n", ft ? gpath : tpath,
                        strerror(errno));
                rc = 1;
            } else if (fwrite(plain, 1, p, ft) != p || fwrite(gold, 1, glen, fg) != glen) {
                fprintf(stderr, "annotate: write error for %s\n", src);
                rc = 1;
            }
            if (ft && fclose(ft) != 0)
                rc = 1;
            if (fg && fclose(fg) != 0)
                rc = 1;
        }
        free(tpath);
        free(gpath);
    }

    free(in);
    free(plain);
    free(gold);
    return rc;
}

int
main(int argc, char **argv)
{
    const char *outdir = ".";
    int i = 1;
    if (i < argc && strcmp(argv[i], "-o") == 0) {
        if (i + 1 >= argc) {
            fprintf(stderr, "usage: annotate [-o OUTDIR] SRC.txt...\n");
            return 2;
        }
        outdir = argv[i + 1];
        i += 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: annotate [-o OUTDIR] SRC.txt...\n");
        return 2;
    }
    int rc = 0;
    for (; i < argc; i++)
        if (convert(argv[i], outdir) != 0)
            rc = 1;
    return rc;
}
