/*
 * lists.c: loading gazetteers (one entry a line, or one column of a CSV
 * file) into the lexicon.  Entries are split into words by the same
 * tokeniser that reads transcripts, so an entry matches exactly the text
 * that normalises to it.  Messages give line numbers, never entries.
 */
#include "internal.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct list_loader {
    struct hush_ruleset *rs;
    uint32_t rule;          /* UINT32_MAX: the common-words list */
    struct token_list toks;
    struct hush_buf key;
    size_t count;
};

/* Adds one entry.  Returns 0, or -1 when it has no words and -2 when it has
 * too many. */
static int
add_entry(struct list_loader *ld, const char *s, size_t n)
{
    tokenize(s, n, &ld->toks);
    if (ld->toks.n == 0)
        return -1;
    if (ld->toks.n > HUSH_MAX_LIST_TOKENS)
        return -2;
    ld->key.len = 0;
    uint64_t h = HASH_SEED;
    for (size_t i = 0; i < ld->toks.n; i++) {
        const struct token *t = &ld->toks.v[i];
        if (i)
            hush_buf_append(&ld->key, " ", 1);
        hush_buf_append(&ld->key, ld->toks.keys.data + t->key, t->key_len);
        h = hash_seq(h, t->hash);
    }
    unsigned ntok = (unsigned)ld->toks.n;
    struct lexicon *lx = &ld->rs->lex;
    unsigned flags = ld->rule == UINT32_MAX ? LEX_COMMON_WORD : 0;
    lexicon_add(lx, ld->key.data, ld->key.len, h, ntok, ld->rule, flags);
    if (ntok > 1) {
        /* Mark the first word, so that matching knows to look further. */
        const struct token *t0 = &ld->toks.v[0];
        uint64_t h0 = hash_seq(HASH_SEED, t0->hash);
        struct lex_entry *e =
            lexicon_add(lx, ld->toks.keys.data + t0->key, t0->key_len, h0, 1, UINT32_MAX, 0);
        if (e->longest < ntok)
            e->longest = (uint8_t)ntok;
    }
    ld->count++;
    return 0;
}

static int
entry_error(int why, const char *path, size_t line, struct hush_error *err)
{
    return hush_error_set(err, HUSH_ECONFIG, "%s:%zu:1: %s", path, line,
                          why == -1 ? "list entry has no letters or digits"
                                    : "list entry has more words than the limit");
}

static int
load_plain(struct list_loader *ld, const char *path, const char *data, size_t len,
           struct hush_error *err)
{
    size_t line = 0;
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        line++;
        const char *s = p, *e = eol;
        p = nl ? nl + 1 : end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
            e--;
        if (s == e || *s == '#')
            continue;
        int why = add_entry(ld, s, (size_t)(e - s));
        if (why)
            return entry_error(why, path, line, err);
    }
    return HUSH_OK;
}

/* CSV: the header row names the columns; entries come from one of them. */
struct csv_state {
    struct list_loader *ld;
    const char *column;
    size_t row, field;
    long want;          /* index of the wanted column; -1 until the header */
    int error;          /* first entry error, as from add_entry */
    size_t error_row;
};

static void
csv_field(void *s, size_t n, void *data)
{
    struct csv_state *cs = data;
    if (cs->row == 0) {
        if (strlen(cs->column) == n && memcmp(s, cs->column, n) == 0 && cs->want < 0)
            cs->want = (long)cs->field;
    } else if ((long)cs->field == cs->want && cs->error == 0) {
        const char *t = s;
        while (n && (*t == ' ' || *t == '\t')) {
            t++;
            n--;
        }
        while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r'))
            n--;
        if (n) {
            int why = add_entry(cs->ld, t, n);
            if (why) {
                cs->error = why;
                cs->error_row = cs->row + 1;
            }
        }
    }
    cs->field++;
}

static void
csv_row(int c, void *data)
{
    (void)c;
    struct csv_state *cs = data;
    cs->row++;
    cs->field = 0;
}

static int
load_csv(struct list_loader *ld, const char *path, const char *column, const char *data,
         size_t len, struct hush_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        hush_xmalloc(SIZE_MAX);
    struct csv_state cs = {ld, column, 0, 0, -1, 0, 0};
    size_t done = csv_parse(&p, data, len, csv_field, csv_row, &cs);
    int bad = done != len || csv_fini(&p, csv_field, csv_row, &cs) != 0;
    csv_free(&p);
    if (bad)
        return hush_error_set(err, HUSH_ECONFIG, "%s:%zu:1: malformed CSV", path, cs.row + 1);
    if (cs.error)
        return entry_error(cs.error, path, cs.error_row, err);
    if (cs.want < 0)
        return hush_error_set(err, HUSH_ECONFIG, "%s:1:1: no column named '%s' in the header",
                              path, column);
    return HUSH_OK;
}

int
lists_load(struct hush_ruleset *rs, uint32_t ri, const char *path, const char *column,
           const char *data, size_t len, size_t *count, struct hush_error *err)
{
    struct list_loader ld = {rs, ri, {0}, {0}, 0};
    int rc = column ? load_csv(&ld, path, column, data, len, err)
                    : load_plain(&ld, path, data, len, err);
    token_list_free(&ld.toks);
    hush_buf_free(&ld.key);
    *count = ld.count;
    return rc;
}
