/*
 * lists.c: loading gazetteers (one entry a line, or one column of a CSV
 * file) into the lexicon.  Entries are split into words by the same
 * tokeniser that reads transcripts, so an entry matches exactly the text
 * that normalises to it.  Messages give line numbers, never entries.
 */
#include "internal.h"

#include <csv.h>
#include <sodium.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>

struct list_loader {
    struct hush_ruleset *rs;
    uint32_t rule; /* a list rule, or one of the special lists (LIST_WORDS...) */
    struct token_list toks;
    struct hush_buf key;
    size_t count;
    size_t dups; /* entries that were already in this list */
};

/* Adds one entry.  Returns 0, or -1 when it has no words and -2 when it has
 * too many. */
static int
add_entry(struct list_loader *ld, const char *s, size_t n)
{
    tokenize(s, n, &ld->toks);
    if (ld->toks.n == 0)
        return -1;
    if (ld->toks.n > HUSH_MAX_LIST_TOKENS || ld->toks.oversize != SIZE_MAX)
        return -2;
    uint64_t h = token_seq_key(&ld->toks, 0, ld->toks.n - 1, &ld->key);
    unsigned ntok = (unsigned)ld->toks.n;
    struct lexicon *lx = &ld->rs->lex;
    if (ld->rule >= LIST_SPECIAL) {
        /* Function words and rare names are common words too, and more;
         * words for someone and the words after a name only mark a word. */
        unsigned flags = ld->rule == LIST_PARTICLES        ? LEX_PARTICLE
                         : ld->rule == LIST_FUNCTION_WORDS ? LEX_COMMON_WORD | LEX_FUNCTION_WORD
                         : ld->rule == LIST_RARE_NAMES     ? LEX_COMMON_WORD | LEX_RARE_NAME
                         : ld->rule == LIST_PERSON_WORDS   ? LEX_PERSON_WORD
                         : ld->rule == LIST_NAME_FOLLOWERS ? LEX_NAME_FOLLOWER
                         : ld->rule == LIST_ACRONYMS       ? LEX_ACRONYM
                                                           : LEX_COMMON_WORD;
        lexicon_add(lx, ld->key.data, ld->key.len, h, ntok, UINT32_MAX, flags);
    } else {
        const struct lex_entry *old = lexicon_find(lx, ld->key.data, ld->key.len, h);
        for (uint16_t k = 0; old && k < old->nrules; k++)
            if (lexicon_rules(lx, old)[k] == ld->rule) {
                ld->dups++;
                break;
            }
        lexicon_add(lx, ld->key.data, ld->key.len, h, ntok, ld->rule, 0);
    }
    if (ntok > 1) {
        /* Record the first two words, and mark the first, so that matching
         * knows to look further. */
        lexicon_add_pair(lx, token_seq_key(&ld->toks, 0, 1, &ld->key));
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
                          why == -1
                              ? "list entry has no letters or digits"
                              : "list entry has more words, or a longer word, than the limits");
}

/* Narrows [*s, *e) to leave out blanks (and a CR) at either end. */
static void
trim(const char **s, const char **e)
{
    while (*s < *e && (**s == ' ' || **s == '\t'))
        (*s)++;
    while (*e > *s && ((*e)[-1] == ' ' || (*e)[-1] == '\t' || (*e)[-1] == '\r'))
        (*e)--;
}

bool
plain_list_next(const char **p, const char *end, const char **s, const char **e, size_t *line)
{
    while (*p < end) {
        const char *nl = memchr(*p, '\n', (size_t)(end - *p));
        const char *eol = nl ? nl : end;
        (*line)++;
        *s = *p;
        *e = eol;
        *p = nl ? nl + 1 : end;
        trim(s, e);
        if (*s != *e && **s != '#')
            return true;
    }
    return false;
}

static int
load_plain(struct list_loader *ld, const char *path, const char *data, size_t len,
           struct hush_error *err)
{
    size_t line = 0;
    const char *p = data, *s, *e;
    while (plain_list_next(&p, data + len, &s, &e, &line)) {
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
    long want; /* index of the wanted column; -1 until the header */
    int error; /* first entry error, as from add_entry */
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
        const char *t = s, *e = t + n;
        trim(&t, &e);
        if (e > t) {
            int why = add_entry(cs->ld, t, (size_t)(e - t));
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
load_csv(struct list_loader *ld, const char *path, const char *column, const char *data, size_t len,
         struct hush_error *err)
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
        return hush_error_set(err, HUSH_ECONFIG, "%s:1:1: no column named '%s' in the header", path,
                              column);
    return HUSH_OK;
}

int
lists_load(struct hush_ruleset *rs, uint32_t ri, const char *path, const char *column,
           const char *data, size_t len, size_t *count, size_t *dups, struct hush_error *err)
{
    struct list_loader ld = {rs, ri, {0}, {0}, 0, 0};
    size_t lines = 1;
    for (const char *q = data; (q = memchr(q, '\n', (size_t)(data + len - q))) != NULL; q++)
        lines++;
    lexicon_reserve(&rs->lex, lines);
    int rc = column ? load_csv(&ld, path, column, data, len, err)
                    : load_plain(&ld, path, data, len, err);
    token_list_free(&ld.toks);
    hush_buf_free(&ld.key);
    *count = ld.count;
    *dups = ld.dups;
    return rc;
}

/* A multi-word entry made only of common words ("The Park", "High Street")
 * is itself common: it needs evidence like a single common word.  One that
 * holds a real name ("Great Yarmouth", "Bury St Edmunds") does not. */
static void
mark_common_phrases(struct lexicon *lx)
{
    for (size_t i = 0; i < lx->n; i++) {
        struct lex_entry *e = &lx->entries[i];
        if (e->ntok < 2 || (e->flags & LEX_COMMON_WORD))
            continue;
        const char *k = lx->keys.data + e->key, *end = k + e->key_len;
        bool all = true;
        while (k < end && all) {
            const char *sp = memchr(k, ' ', (size_t)(end - k));
            const char *we = sp ? sp : end;
            uint64_t h = hash_seq(HASH_SEED, hash_bytes(HASH_SEED, k, (size_t)(we - k)));
            const struct lex_entry *w = lexicon_find(lx, k, (size_t)(we - k), h);
            all = w && (w->flags & LEX_COMMON_WORD);
            k = sp ? sp + 1 : end;
        }
        if (all)
            e->flags |= LEX_COMMON_WORD;
    }
}

/* What an image must have been built from to stand for these lists: the
 * image format, and for each list in load order its rule index, column and
 * the hash of its bytes. */
static void
lexicon_key(const struct hush_ruleset *rs, unsigned char key[32])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    /* The words' normal forms depend on hush and on utf8proc's Unicode
     * tables: an image built with others must not be used. */
    static const char domain[] = "hush lexicon image v1 " HUSH_VERSION;
    crypto_generichash_update(&st, (const unsigned char *)domain, sizeof domain);
    const char *uv = utf8proc_version();
    crypto_generichash_update(&st, (const unsigned char *)uv, strlen(uv) + 1);
    for (size_t i = 0; i < rs->npending; i++) {
        const struct pending_list *pl = &rs->pending[i];
        unsigned char head[16] = {0};
        for (int b = 0; b < 4; b++)
            head[b] = (unsigned char)(pl->rule >> (8 * b));
        for (int b = 0; b < 8; b++)
            head[4 + b] = (unsigned char)((uint64_t)pl->data.len >> (8 * b));
        crypto_generichash_update(&st, head, sizeof head);
        crypto_generichash_update(&st, pl->hash, sizeof pl->hash);
        const char *col = pl->column ? pl->column : "";
        crypto_generichash_update(&st, (const unsigned char *)col, strlen(col) + 1);
    }
    crypto_generichash_final(&st, key, 32);
}

char *
rules_sibling_path(const char *rules_path, const char *suffix)
{
    size_t n = strlen(rules_path);
    if (n < 7 || strcmp(rules_path + n - 6, ".rules") != 0)
        return NULL;
    char *p = hush_xmalloc(n - 6 + strlen(suffix) + 1);
    memcpy(p, rules_path, n - 6);
    strcpy(p + n - 6, suffix);
    return p;
}

char *
lists_image_path(const char *rules_path)
{
    return rules_sibling_path(rules_path, ".lexicon");
}

static void
set_counts(struct hush_ruleset *rs, const uint64_t *counts)
{
    for (size_t i = 0; i < rs->npending; i++)
        if (rs->pending[i].rule < rs->n)
            rs->rules[rs->pending[i].rule].list_size = (size_t)counts[i];
}

int
lists_finish(struct hush_ruleset *rs, const char *image_path, struct hush_error *err)
{
    int rc = HUSH_OK;
    uint64_t *counts = hush_xcalloc(rs->npending + 1, sizeof *counts);
    rs->list_counts = counts;
    lexicon_key(rs, rs->lex_key);
    if (image_path && rs->npending &&
        lexicon_image_map(&rs->lex, rs->lex_key, counts, rs->npending, image_path)) {
        set_counts(rs, counts);
    } else {
        for (size_t i = 0; i < rs->npending && rc == HUSH_OK; i++) {
            const struct pending_list *pl = &rs->pending[i];
            size_t count = 0, dups = 0;
            rc = lists_load(rs, pl->rule, pl->path, pl->column, pl->data.data, pl->data.len, &count,
                            &dups, err);
            counts[i] = count;
            if (pl->rule < rs->n)
                rs->rules[pl->rule].list_dups = dups;
        }
        if (rc == HUSH_OK) {
            mark_common_phrases(&rs->lex);
            set_counts(rs, counts);
        }
    }
    /* The list bytes are no longer needed; the paths stay for reports. */
    for (size_t i = 0; i < rs->npending; i++)
        hush_buf_free(&rs->pending[i].data);
    return rc;
}

int
lists_write_image(const struct hush_ruleset *rs, const char *path, struct hush_error *err)
{
    return lexicon_image_write(&rs->lex, rs->lex_key, rs->list_counts, rs->npending, path, err);
}
