/*
 * score.c - score a redactor's reported spans against gold-standard spans.
 *
 * Usage:
 *   score [--show] [--min-recall R] [--min-person-recall R]
 *         [--min-precision P]
 *         TRANSCRIPT GOLD.csv SPANS.csv [TRANSCRIPT GOLD.csv SPANS.csv ...]
 *
 *   GOLD.csv   header "start,end,category"; one row per gold identifier.
 *   SPANS.csv  header "start,end,category,rule", as written by
 *              "redact --spans FILE"; one row per replaced span.
 *   Offsets are half-open byte offsets into TRANSCRIPT.
 *
 * Metrics
 *   recall     A gold span is found when every letter or digit byte inside
 *              it (ASCII A-Z a-z 0-9, and any byte >= 0x80) is covered by
 *              some reported span, of any category.  A gold span with no
 *              such byte is found when all of its bytes are covered.
 *              Reported per gold category, for PERSON, and overall.
 *   precision  A reported span is correct when it overlaps some gold span
 *              (of any category).  Reported per reported category and
 *              overall.
 *
 * Output: one line per miss and per false positive giving file, byte
 * offsets and category (never transcript text); with --show the text is
 * appended.  Then a table of recall, a table of precision and a summary
 * line "overall recall X, PERSON recall Y, precision Z".
 *
 * Exit status: 0 when all given thresholds are met, 1 when one is not,
 * 2 on bad usage or bad input (messages name file:line and never quote
 * transcript text).
 *
 * Build: cc -O2 -o score score.c      (plain C99, no dependencies)
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- utils */

static void
die_usage(void)
{
    fprintf(stderr, "usage: score [--show] [--min-recall R] [--min-person-recall R]\n"
                    "             [--min-precision P]\n"
                    "             TRANSCRIPT GOLD.csv SPANS.csv [TRANSCRIPT GOLD.csv "
                    "SPANS.csv ...]\n");
    exit(2);
}

static void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "score: out of memory\n");
        exit(2);
    }
    return p;
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "score: out of memory\n");
        exit(2);
    }
    return p;
}

/* Read a whole file; exits with status 2 on failure. */
static unsigned char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "score: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    size_t cap = 65536, n = 0;
    unsigned char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap)
            buf = xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "score: %s: read error\n", path);
        exit(2);
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Letter-or-digit byte as defined for recall. */
static int
is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* --------------------------------------------------------- categories */

#define MAX_CATS 64

/* Known categories come first so the table has a stable order. */
static const char *cat_name[MAX_CATS] = {"PERSON",  "TRUST", "TEAM", "PLACE",
                                         "CONTACT", "ID",    "DATE", "AGE"};
static int ncats = 8;

/* Index of a category name, adding it if new. */
static int
cat_index(const char *s, size_t len, const char *file, long line)
{
    for (int i = 0; i < ncats; i++)
        if (strlen(cat_name[i]) == len && memcmp(cat_name[i], s, len) == 0)
            return i;
    if (ncats == MAX_CATS) {
        fprintf(stderr, "score: %s:%ld: too many distinct categories\n", file, line);
        exit(2);
    }
    char *copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    cat_name[ncats] = copy;
    return ncats++;
}

/* ------------------------------------------------------------ spans */

typedef struct {
    size_t start, end;
    int cat;
    char *rule; /* reported spans only; NULL for gold */
} Span;

typedef struct {
    Span *v;
    size_t n, cap;
} SpanList;

static void
push(SpanList *l, Span s)
{
    if (l->n == l->cap)
        l->v = xrealloc(l->v, (l->cap = l->cap ? l->cap * 2 : 64) * sizeof *l->v);
    l->v[l->n++] = s;
}

/* Parse an unsigned decimal offset occupying exactly [s, e). */
static int
parse_offset(const char *s, const char *e, size_t *out)
{
    if (s == e || e - s > 18)
        return 0;
    size_t v = 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10 + (size_t)(*s - '0');
    }
    *out = v;
    return 1;
}

static int
valid_category(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/*
 * Read a span CSV.  With want_rule the header must be
 * "start,end,category,rule" and every row has a fourth field (the rest of
 * the line, which may be empty); otherwise "start,end,category".
 * Offsets must satisfy start < end <= textlen.  Exits 2 on any problem.
 */
static void
read_spans(const char *path, size_t textlen, int want_rule, SpanList *out)
{
    size_t n;
    char *buf = (char *)slurp(path, &n);
    const char *header = want_rule ? "start,end,category,rule" : "start,end,category";
    long line = 0;
    size_t i = 0;
    int saw_header = 0;

    while (i < n) {
        /* One line: [ls, le) without its terminator. */
        size_t ls = i, le = i;
        while (le < n && buf[le] != '\n')
            le++;
        i = le < n ? le + 1 : le;
        line++;
        if (le > ls && buf[le - 1] == '\r')
            le--;

        if (le == ls) {
            /* Blank lines are allowed only at the end of the file. */
            size_t j = i;
            while (j < n && (buf[j] == '\n' || buf[j] == '\r'))
                j++;
            if (j == n)
                break;
            fprintf(stderr, "score: %s:%ld: blank line\n", path, line);
            exit(2);
        }

        if (!saw_header) {
            if (le - ls != strlen(header) || memcmp(buf + ls, header, le - ls)) {
                fprintf(stderr, "score: %s:%ld: expected header \"%s\"\n", path, line, header);
                exit(2);
            }
            saw_header = 1;
            continue;
        }

        /* Split into fields. */
        const char *f[4];
        const char *fe[4];
        int nf = 0;
        const char *p = buf + ls, *end = buf + le;
        int maxf = want_rule ? 4 : 3;
        f[0] = p;
        for (nf = 1; p < end; p++) {
            if (*p == ',' && nf < maxf) {
                fe[nf - 1] = p;
                f[nf++] = p + 1;
            } else if (*p == ',' && !want_rule) {
                nf = 99; /* too many fields */
                break;
            }
        }
        if (nf != maxf) {
            fprintf(stderr,
                    "score: %s:%ld: expected %d comma-separated "
                    "fields\n",
                    path, line, maxf);
            exit(2);
        }
        fe[nf - 1] = end;

        Span s;
        if (!parse_offset(f[0], fe[0], &s.start) || !parse_offset(f[1], fe[1], &s.end)) {
            fprintf(stderr, "score: %s:%ld: offsets must be unsigned integers\n", path, line);
            exit(2);
        }
        if (s.start >= s.end) {
            fprintf(stderr, "score: %s:%ld: start must be less than end\n", path, line);
            exit(2);
        }
        if (s.end > textlen) {
            fprintf(stderr,
                    "score: %s:%ld: end offset %zu beyond transcript "
                    "length %zu\n",
                    path, line, s.end, textlen);
            exit(2);
        }
        size_t clen = (size_t)(fe[2] - f[2]);
        if (!valid_category(f[2], clen)) {
            fprintf(stderr, "score: %s:%ld: bad category field\n", path, line);
            exit(2);
        }
        s.cat = cat_index(f[2], clen, path, line);
        s.rule = NULL;
        if (want_rule) {
            size_t rlen = (size_t)(fe[3] - f[3]);
            s.rule = xmalloc(rlen + 1);
            memcpy(s.rule, f[3], rlen);
            s.rule[rlen] = '\0';
        }
        push(out, s);
    }
    if (!saw_header) {
        fprintf(stderr, "score: %s:1: empty file, expected header \"%s\"\n", path, header);
        exit(2);
    }
    free(buf);
}

/* ---------------------------------------------------------- reporting */

/* Print transcript bytes [s, e) quoted, escaping control characters. */
static void
print_text(const unsigned char *t, size_t s, size_t e)
{
    putchar('"');
    for (size_t i = s; i < e; i++) {
        unsigned char c = t[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20 || c == 0x7f)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* Print a ratio with three decimals, or n/a when the denominator is 0. */
static void
print_ratio(size_t num, size_t den)
{
    if (den == 0)
        fputs("n/a", stdout);
    else
        printf("%.3f", (double)num / (double)den);
}

/* Parse a threshold argument in [0, 1]. */
static double
parse_threshold(const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || v < 0.0 || v > 1.0) {
        fprintf(stderr, "score: %s needs a number between 0 and 1\n", opt);
        exit(2);
    }
    return v;
}

/* --------------------------------------------------------------- main */

int
main(int argc, char **argv)
{
    int show = 0;
    double min_recall = -1, min_person = -1, min_precision = -1;
    int i = 1;

    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--show") == 0) {
            show = 1;
        } else if (strcmp(a, "--help") == 0) {
            die_usage();
        } else if (strcmp(a, "--min-recall") == 0 || strcmp(a, "--min-person-recall") == 0 ||
                   strcmp(a, "--min-precision") == 0) {
            if (i + 1 >= argc)
                die_usage();
            double v = parse_threshold(a, argv[i + 1]);
            if (strcmp(a, "--min-recall") == 0)
                min_recall = v;
            else if (strcmp(a, "--min-person-recall") == 0)
                min_person = v;
            else
                min_precision = v;
            i++;
        } else {
            fprintf(stderr, "score: unknown option %s\n", a);
            die_usage();
        }
    }
    if (i >= argc || (argc - i) % 3 != 0)
        die_usage();

    /* Totals: gold and found per gold category; reported and correct per
       reported category. */
    size_t gold_n[MAX_CATS] = {0}, found_n[MAX_CATS] = {0};
    size_t rep_n[MAX_CATS] = {0}, ok_n[MAX_CATS] = {0};

    for (; i < argc; i += 3) {
        const char *tpath = argv[i], *gpath = argv[i + 1], *spath = argv[i + 2];
        size_t tlen;
        unsigned char *text = slurp(tpath, &tlen);
        SpanList gold = {0}, rep = {0};
        read_spans(gpath, tlen, 0, &gold);
        read_spans(spath, tlen, 1, &rep);

        /* covered[b]: byte b lies inside some reported span.
           ingold[b + 1]: prefix count of bytes inside some gold span. */
        unsigned char *covered = xmalloc(tlen);
        memset(covered, 0, tlen);
        size_t *ingold = xmalloc((tlen + 1) * sizeof *ingold);
        unsigned char *goldbyte = xmalloc(tlen);
        memset(goldbyte, 0, tlen);

        for (size_t k = 0; k < rep.n; k++)
            memset(covered + rep.v[k].start, 1, rep.v[k].end - rep.v[k].start);
        for (size_t k = 0; k < gold.n; k++)
            memset(goldbyte + gold.v[k].start, 1, gold.v[k].end - gold.v[k].start);
        ingold[0] = 0;
        for (size_t b = 0; b < tlen; b++)
            ingold[b + 1] = ingold[b] + goldbyte[b];

        /* Recall. */
        for (size_t k = 0; k < gold.n; k++) {
            const Span *g = &gold.v[k];
            size_t letters = 0, hit = 0, bytes_hit = 0;
            for (size_t b = g->start; b < g->end; b++) {
                bytes_hit += covered[b];
                if (is_word_byte(text[b])) {
                    letters++;
                    hit += covered[b];
                }
            }
            int found = letters ? hit == letters : bytes_hit == g->end - g->start;
            gold_n[g->cat]++;
            if (found) {
                found_n[g->cat]++;
                continue;
            }
            printf("miss %s:%zu-%zu %s%s", tpath, g->start, g->end, cat_name[g->cat],
                   hit ? " (partly covered)" : "");
            if (show) {
                putchar(' ');
                print_text(text, g->start, g->end);
            }
            putchar('\n');
        }

        /* Precision. */
        for (size_t k = 0; k < rep.n; k++) {
            const Span *r = &rep.v[k];
            int ok = ingold[r->end] - ingold[r->start] > 0;
            rep_n[r->cat]++;
            if (ok) {
                ok_n[r->cat]++;
                continue;
            }
            printf("false-positive %s:%zu-%zu %s %s", tpath, r->start, r->end, cat_name[r->cat],
                   r->rule[0] ? r->rule : "-");
            if (show) {
                putchar(' ');
                print_text(text, r->start, r->end);
            }
            putchar('\n');
        }

        for (size_t k = 0; k < rep.n; k++)
            free(rep.v[k].rule);
        free(rep.v);
        free(gold.v);
        free(covered);
        free(ingold);
        free(goldbyte);
        free(text);
    }

    /* Recall table. */
    size_t gold_all = 0, found_all = 0, rep_all = 0, ok_all = 0;
    printf("\n%-10s %7s %7s %7s\n", "category", "gold", "found", "recall");
    for (int c = 0; c < ncats; c++) {
        if (gold_n[c] == 0)
            continue;
        printf("%-10s %7zu %7zu %7.3f\n", cat_name[c], gold_n[c], found_n[c],
               (double)found_n[c] / (double)gold_n[c]);
        gold_all += gold_n[c];
        found_all += found_n[c];
    }
    printf("%-10s %7zu %7zu ", "all", gold_all, found_all);
    if (gold_all)
        printf("%7.3f\n", (double)found_all / (double)gold_all);
    else
        printf("%7s\n", "n/a");

    /* Precision table. */
    printf("\n%-10s %7s %7s %9s\n", "reported", "spans", "correct", "precision");
    for (int c = 0; c < ncats; c++) {
        if (rep_n[c] == 0)
            continue;
        printf("%-10s %7zu %7zu %9.3f\n", cat_name[c], rep_n[c], ok_n[c],
               (double)ok_n[c] / (double)rep_n[c]);
        rep_all += rep_n[c];
        ok_all += ok_n[c];
    }
    printf("%-10s %7zu %7zu ", "all", rep_all, ok_all);
    if (rep_all)
        printf("%9.3f\n", (double)ok_all / (double)rep_all);
    else
        printf("%9s\n", "n/a");

    /* Summary line. */
    printf("\noverall recall ");
    print_ratio(found_all, gold_all);
    printf(", PERSON recall ");
    print_ratio(found_n[0], gold_n[0]);
    printf(", precision ");
    print_ratio(ok_all, rep_all);
    printf("\n");

    /* Thresholds: an empty denominator counts as meeting the threshold. */
    const double eps = 1e-9;
    int fail = 0;
    if (min_recall >= 0 && gold_all && (double)found_all / (double)gold_all + eps < min_recall) {
        fprintf(stderr, "score: overall recall below %.3f\n", min_recall);
        fail = 1;
    }
    if (min_person >= 0 && gold_n[0] && (double)found_n[0] / (double)gold_n[0] + eps < min_person) {
        fprintf(stderr, "score: PERSON recall below %.3f\n", min_person);
        fail = 1;
    }
    if (min_precision >= 0 && rep_all && (double)ok_all / (double)rep_all + eps < min_precision) {
        fprintf(stderr, "score: precision below %.3f\n", min_precision);
        fail = 1;
    }
    return fail;
}
