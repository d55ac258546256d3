/*
 * recur.c: an identifier found once is found where it recurs.
 *
 * Once a text has named "Marybone House", "Barncoose Hospital" or
 * "Ladybower Reservoir", it goes on to say "at Marybone", "up at
 * Barncoose", "round Ladybower".  The first word of such a name is what
 * makes it the place: a capitalised word that is no English word and in no
 * list, followed by an ordinary word ("House", "Hospital").  Found again
 * alone, capitalised, it is the same place.
 *
 * An identifier written as one unbroken string that no reader takes for a
 * word (a forum user name "Tillysmum_B30" or "SleeplessInSolihull", a
 * reference "RWE4417302") recurs as itself, byte for byte: a thread names
 * its posters in their headers, and then addresses them by the same names
 * inside the posts.  Person names recur by their own rules (names.c); this
 * is for every other identifier.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A word that makes a found identifier recur. */
struct recurring {
    uint64_t hash; /* the token's hash */
    const char *key;
    size_t key_len;
    uint32_t rule, category;
};

/* An identifier that recurs as its own bytes: text[0, len), whose first
 * token's hash is hash. */
struct recurring_string {
    uint64_t hash;
    const char *text;
    size_t len;
    uint32_t rule, category;
};

/* Strings shorter than this ("E11", "B30") are too likely to stand for
 * something else where they recur. */
#define RECUR_STRING_MIN 4
/* At most this many strings recur in one text. */
#define RECUR_STRINGS_MAX 4096

/* Is token k a capitalised word of at least three letters' length that
 * is no English word and in no list (ents[k])? */
static bool
distinctive(const struct token_list *toks, const struct lex_entry *const *ents, size_t k)
{
    const struct token *t = &toks->v[k];
    const struct lex_entry *e = ents[k];
    return (t->flags & TOK_CAPITALISED) && !(t->flags & (TOK_DIGITS | TOK_INITIAL)) &&
           t->end - t->start >= 3 && (e == NULL || !(e->flags & (LEX_COMMON_WORD | LEX_ENTRY)));
}

/* Is token k an ordinary English word, capitalised ("House")? */
static bool
ordinary_capital(const struct token_list *toks, const struct lex_entry *const *ents, size_t k)
{
    const struct lex_entry *e = ents[k];
    return (toks->v[k].flags & (TOK_CAPITALISED | TOK_ALLCAPS)) && e &&
           (e->flags & LEX_COMMON_WORD) && !(e->flags & LEX_FUNCTION_WORD);
}

/* Is text[s, e) one unbroken string (no space or control character) that
 * no reader takes for a word: with a letter, and with an underscore, a
 * digit or a capital after a small letter ("Tillysmum_B30", "RWE4417302",
 * "SleeplessInSolihull"), or one token that is no English word and in no
 * list ("wombatwrangler")?  Its first token is toks->v[k]. */
static bool
unbroken_string(const char *text, size_t s, size_t e, const struct token_list *toks,
                const struct lex_entry *const *ents, size_t k)
{
    if (e - s < RECUR_STRING_MIN)
        return false;
    bool letter = false, marked = false;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c <= ' ' || c == 0x7F)
            return false;
        bool small = c >= 'a' && c <= 'z';
        letter |= small || (c >= 'A' && c <= 'Z') || c >= 0x80;
        marked |= c == '_' || (c >= '0' && c <= '9') ||
                  (c >= 'A' && c <= 'Z' && i > s && text[i - 1] >= 'a' && text[i - 1] <= 'z');
    }
    if (!letter)
        return false;
    if (marked)
        return true;
    const struct lex_entry *ent = ents[k];
    return toks->v[k].start == s && toks->v[k].end == e &&
           (ent == NULL || !(ent->flags & (LEX_COMMON_WORD | LEX_ENTRY)));
}

/* Collects the accepted identifiers, no person's names, that recur as
 * their own bytes (unbroken_string). */
static size_t
collect_strings(const struct hush_ruleset *rs, const char *text, const struct token_list *toks,
                const struct lex_entry *const *ents, const struct hush_spans *accepted,
                struct recurring_string **out)
{
    size_t n = 0, cap = 0, k = 0;
    for (size_t s = 0; s < accepted->n && n < RECUR_STRINGS_MAX; s++) {
        const struct hush_span *sp = &accepted->v[s];
        if (sp->rule >= rs->n || rs->rules[sp->rule].kind == KIND_NAMES)
            continue;
        while (k < toks->n && toks->v[k].start < sp->start)
            k++;
        if (k >= toks->n || toks->v[k].start != sp->start ||
            !unbroken_string(text, sp->start, sp->end, toks, ents, k))
            continue;
        *out = hush_xgrow(*out, &cap, n + 1, sizeof **out);
        (*out)[n++] = (struct recurring_string){toks->v[k].hash, text + sp->start,
                                                sp->end - sp->start, sp->rule, sp->category};
    }
    return n;
}

static int
compare_hashes(const void *a, const void *b)
{
    uint64_t x = ((const struct recurring_string *)a)->hash,
             y = ((const struct recurring_string *)b)->hash;
    return (x > y) - (x < y);
}

struct string_search {
    const struct recurring_string *strings;
    uint64_t hash;
};

static bool
hash_below(const void *ctx, size_t i)
{
    const struct string_search *q = ctx;
    return q->strings[i].hash < q->hash;
}

/* The first of strings[0, n) (sorted by hash) whose hash is h, or n. */
static size_t
first_with_hash(const struct recurring_string *strings, size_t n, uint64_t h)
{
    struct string_search q = {strings, h};
    return partition_point(n, hash_below, &q);
}

/* Is byte c part of a word: a letter, a digit, an underscore or a byte of
 * a character beyond ASCII? */
static bool
word_byte(unsigned char c)
{
    return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Does the string r recur at token t: its bytes, standing apart from the
 * text around them?  Before it, the text's start, a blank, an opening
 * bracket or quote or an at sign; after it, the text's end, a possessive
 * 's, or a byte of no word that no word follows ("Bex_77." and "Bex_77, hi", not
 * "0.Bex_77", "Bex_770" or "Bex_77.5", which are parts of other strings
 * and may read otherwise once a part is a tag). */
static bool
recurs_at(const char *text, size_t len, const struct token *t, const struct recurring_string *r)
{
    size_t s = t->start, e = s + r->len;
    if (len - s < r->len || memcmp(text + s, r->text, r->len) != 0)
        return false;
    if (s > 0 && (text[s - 1] == '\0' || strchr(" \t\r\n([{\"'@", text[s - 1]) == NULL))
        return false;
    if (e == len)
        return true;
    /* A possessive follows a string as it follows a name. */
    size_t ap = text[e] == '\''                                            ? 1
                : len - e >= 3 && memcmp(text + e, "\xE2\x80\x99", 3) == 0 ? 3
                                                                           : 0;
    if (ap && e + ap < len && text[e + ap] == 's' &&
        (e + ap + 1 == len || !word_byte((unsigned char)text[e + ap + 1])))
        return true;
    if (word_byte((unsigned char)text[e]))
        return false;
    return e + 1 == len || !word_byte((unsigned char)text[e + 1]) || text[e] == ' ' ||
           text[e] == '\t' || text[e] == '\r' || text[e] == '\n';
}

/* Collects, from the accepted identifiers that are no person's name, the
 * distinctive first words that stand before an ordinary word of the same
 * identifier. */
static size_t
collect(const struct hush_ruleset *rs, const struct token_list *toks,
        const struct lex_entry *const *ents, const struct hush_spans *accepted,
        struct recurring **out)
{
    size_t n = 0, cap = 0, k = 0;
    for (size_t s = 0; s < accepted->n; s++) {
        const struct hush_span *sp = &accepted->v[s];
        if (sp->rule >= rs->n || rs->rules[sp->rule].kind == KIND_NAMES)
            continue;
        while (k < toks->n && toks->v[k].start < sp->start)
            k++;
        if (k + 1 >= toks->n || toks->v[k].start != sp->start || toks->v[k + 1].end > sp->end ||
            !(toks->v[k].flags & TOK_NAME_NEXT) || !distinctive(toks, ents, k) ||
            !ordinary_capital(toks, ents, k + 1))
            continue;
        const struct token *t = &toks->v[k];
        *out = hush_xgrow(*out, &cap, n + 1, sizeof **out);
        (*out)[n++] = (struct recurring){t->hash, toks->keys.data + t->key, t->key_len, sp->rule,
                                         sp->category};
    }
    return n;
}

struct span_search {
    const struct hush_spans *spans;
    size_t s;
};

static bool
span_ends_by(const void *ctx, size_t i)
{
    const struct span_search *q = ctx;
    return q->spans->v[i].end <= q->s;
}

/* Does [s, e) overlap one of the accepted spans (which are in order)? */
static bool
covered(const struct hush_spans *accepted, size_t s, size_t e)
{
    struct span_search q = {accepted, s};
    size_t lo = partition_point(accepted->n, span_ends_by, &q);
    return lo < accepted->n && accepted->v[lo].start < e;
}

void
identifiers_recur(const struct hush_ruleset *rs, const char *text, size_t len,
                  const struct token_list *toks, const struct lex_entry *const *ents,
                  const struct hush_spans *accepted, struct candidates *out)
{
    struct recurring *words = NULL;
    struct recurring_string *strings = NULL;
    size_t n = collect(rs, toks, ents, accepted, &words);
    size_t ns = collect_strings(rs, text, toks, ents, accepted, &strings);
    if (ns > 1)
        qsort(strings, ns, sizeof *strings, compare_hashes);
    for (size_t k = 0; (n > 0 || ns > 0) && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
        for (size_t w = first_with_hash(strings, ns, t->hash); w < ns && strings[w].hash == t->hash;
             w++) {
            if (!recurs_at(text, len, t, &strings[w]))
                continue;
            if (!covered(accepted, t->start, t->start + strings[w].len))
                candidates_push(out, t->start, t->start + strings[w].len, strings[w].rule,
                                strings[w].category, false);
            break;
        }
        if (!(t->flags & (TOK_CAPITALISED | TOK_ALLCAPS)))
            continue;
        for (size_t w = 0; w < n; w++) {
            if (words[w].hash != t->hash || words[w].key_len != t->key_len ||
                memcmp(words[w].key, toks->keys.data + t->key, t->key_len) != 0)
                continue;
            if (!covered(accepted, t->start, t->end))
                candidates_push(out, t->start, t->end, words[w].rule, words[w].category, false);
            break;
        }
    }
    free(words);
    free(strings);
}
