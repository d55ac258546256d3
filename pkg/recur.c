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

/* An identifier that recurs as its own bytes, text[0, len): hash is the
 * hash of those bytes, first the hash of its first token's key. */
struct recurring_string {
    uint64_t hash, first;
    const char *text;
    size_t len;
    uint32_t rule, category;
};

/* Strings shorter than this ("E11", "B30") are too likely to stand for
 * something else where they recur; longer than this, they are not looked
 * for (so that each word is compared with a bounded number of bytes). */
#define RECUR_STRING_MIN 4
#define RECUR_STRING_MAX 64
/* At most this many different strings recur in one text. */
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
    if (e - s < RECUR_STRING_MIN || e - s > RECUR_STRING_MAX)
        return false;
    bool letter = false, marked = false;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c <= ' ' || c == 0x7F)
            return false;
        letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
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

/* Strings in order of their hash, then length, then bytes; the first of
 * equal strings first found. */
static int
compare_strings(const void *a, const void *b)
{
    const struct recurring_string *x = a, *y = b;
    if (x->hash != y->hash)
        return (x->hash > y->hash) - (x->hash < y->hash);
    if (x->len != y->len)
        return (x->len > y->len) - (x->len < y->len);
    return memcmp(x->text, y->text, x->len);
}

/* Is byte c part of a word: a letter, a digit, an underscore or a byte of
 * a character beyond ASCII? */
static bool
word_byte(unsigned char c)
{
    return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Collects the accepted identifiers, no person's names, that recur as
 * their own bytes (unbroken_string), each different string once, sorted by
 * hash. */
static size_t
collect_strings(const struct hush_ruleset *rs, const char *text, const struct token_list *toks,
                const struct lex_entry *const *ents, const struct hush_spans *accepted,
                struct recurring_string **out)
{
    size_t n = 0, cap = 0, k = 0;
    for (size_t s = 0; s < accepted->n; s++) {
        const struct hush_span *sp = &accepted->v[s];
        if (sp->rule >= rs->n || rs->rules[sp->rule].kind == KIND_NAMES)
            continue;
        while (k < toks->n && toks->v[k].start < sp->start)
            k++;
        if (k >= toks->n || toks->v[k].start != sp->start ||
            !unbroken_string(text, sp->start, sp->end, toks, ents, k))
            continue;
        size_t len = sp->end - sp->start;
        *out = hush_xgrow(*out, &cap, n + 1, sizeof **out);
        (*out)[n++] = (struct recurring_string){hash_bytes(HASH_SEED, text + sp->start, len),
                                                toks->v[k].hash,
                                                text + sp->start,
                                                len,
                                                sp->rule,
                                                sp->category};
    }
    if (n > 1)
        qsort(*out, n, sizeof **out, compare_strings);
    /* The same string found again and again (a poster heading each post)
     * is one string: only different ones count towards the limit. */
    size_t kept = 0;
    for (size_t i = 0; i < n && kept < RECUR_STRINGS_MAX; i++)
        if (kept == 0 || compare_strings(&(*out)[kept - 1], &(*out)[i]) != 0)
            (*out)[kept++] = (*out)[i];
    return kept;
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

/* The string of strings[0, n) (sorted by hash) that is text[s, e), or
 * NULL. */
static const struct recurring_string *
string_at(const struct recurring_string *strings, size_t n, const char *text, size_t s, size_t e)
{
    struct string_search q = {strings, hash_bytes(HASH_SEED, text + s, e - s)};
    for (size_t w = partition_point(n, hash_below, &q); w < n && strings[w].hash == q.hash; w++)
        if (strings[w].len == e - s && memcmp(strings[w].text, text + s, e - s) == 0)
            return &strings[w];
    return NULL;
}

static int
compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Is h one of v[0, n) (sorted)? */
static bool
has_u64(const uint64_t *v, size_t n, uint64_t h)
{
    return bsearch(&h, v, n, sizeof *v, compare_u64) != NULL;
}

/* Punctuation beyond ASCII that sets a string apart as a blank does:
 * curly quotes, dashes, an ellipsis and a no-break space.  Returns the
 * sequence's length at text[i] (0 for none). */
static size_t
wide_separator_at(const char *text, size_t len, size_t i)
{
    static const char *const seps[] = {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C",
                                       "\xE2\x80\x9D", "\xE2\x80\xA6", "\xE2\x80\x93",
                                       "\xE2\x80\x94", "\xC2\xA0"};
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t n = strlen(seps[k]);
        if (len - i >= n && memcmp(text + i, seps[k], n) == 0)
            return n;
    }
    return 0;
}

/* Does a string that starts at s stand apart from what is before it: the
 * text's start, a blank, an opening bracket or quote, an at sign, or one of
 * the wide separators? */
static bool
apart_before(const char *text, size_t len, size_t s)
{
    if (s == 0 || (text[s - 1] != '\0' && strchr(" \t\r\n([{\"'@", text[s - 1]) != NULL))
        return true;
    for (size_t n = 2; n <= 3 && n <= s; n++)
        if (wide_separator_at(text, len, s - n) == n)
            return true;
    return false;
}

/* Does a string that ends at e stand apart from what follows: the text's
 * end, a possessive 's (as after a name), a blank or wide separator, or
 * another byte of no word that no word follows ("Bex_77." and "Bex_77, hi",
 * not "Bex_770" or "Bex_77.5", parts of other strings that may read
 * otherwise once a part is a tag)? */
static bool
apart_after(const char *text, size_t len, size_t e)
{
    if (e == len)
        return true;
    size_t ap = text[e] == '\''                                            ? 1
                : len - e >= 3 && memcmp(text + e, "\xE2\x80\x99", 3) == 0 ? 3
                                                                           : 0;
    if (ap && e + ap < len && text[e + ap] == 's' &&
        (e + ap + 1 == len || !word_byte((unsigned char)text[e + ap + 1])))
        return true;
    if (wide_separator_at(text, len, e))
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

/* Does an accepted span overlap [s, e) other than by lying inside it?  A
 * span inside it (a name the string begins with, "Emma" of "Emma_1985")
 * does not stop the whole string being found: it is longer, and wins.  A
 * span over all of it (the same word found there as a person's name) is
 * the identifier already, and keeps its own category. */
static bool
crossed(const struct hush_spans *accepted, size_t s, size_t e)
{
    struct span_search q = {accepted, s};
    for (size_t i = partition_point(accepted->n, span_ends_by, &q);
         i < accepted->n && accepted->v[i].start < e; i++)
        if (accepted->v[i].start < s || accepted->v[i].end > e ||
            (accepted->v[i].start == s && accepted->v[i].end == e))
            return true;
    return false;
}

static int
compare_candidate_starts(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    if (x->start != y->start)
        return (x->start > y->start) - (x->start < y->start);
    return (x->end > y->end) - (x->end < y->end);
}

/* Is [s, e) one of names[0, n) (sorted by start, then end)? */
static bool
is_name_span(const struct candidate *names, size_t n, size_t s, size_t e)
{
    for (size_t i = candidates_from(names, n, s); i < n && names[i].start == s; i++)
        if (names[i].end == e)
            return true;
    return false;
}

/* Pushes a candidate for each string of strings[0, n) (sorted by hash;
 * firsts the sorted hashes of their first tokens) that recurs at token t
 * standing apart, unless an accepted span crosses it or a person's name
 * was found again over the same bytes (names, sorted: "Blima", a place to
 * one rule where she was named once, stays the person she is elsewhere). */
static void
strings_at(const struct recurring_string *strings, size_t n, const uint64_t *firsts, size_t nfirsts,
           const char *text, size_t len, const struct token *t, const struct hush_spans *accepted,
           const struct candidate *names, size_t nnames, struct candidates *out)
{
    size_t s = t->start;
    if (!has_u64(firsts, nfirsts, t->hash) || !apart_before(text, len, s))
        return;
    /* Each place within reach where a string may end is tried as its end;
     * a string holds no blank, so none ends beyond the first. */
    size_t limit = len - s < RECUR_STRING_MAX ? len : s + RECUR_STRING_MAX;
    for (size_t e = s + 1; e < limit; e++)
        if (text[e] == ' ' || text[e] == '\t' || text[e] == '\n' || text[e] == '\r') {
            limit = e;
            break;
        }
    for (size_t e = s + RECUR_STRING_MIN; e <= limit; e++) {
        if (!apart_after(text, len, e))
            continue;
        const struct recurring_string *r = string_at(strings, n, text, s, e);
        if (r != NULL && !crossed(accepted, s, e) && !is_name_span(names, nnames, s, e))
            candidates_push(out, s, e, r->rule, r->category, false);
    }
}

void
identifiers_recur(const struct hush_ruleset *rs, const char *text, size_t len,
                  const struct token_list *toks, const struct lex_entry *const *ents,
                  const struct hush_spans *accepted, struct candidates *out, size_t names_from)
{
    struct recurring *words = NULL;
    struct recurring_string *strings = NULL;
    size_t n = collect(rs, toks, ents, accepted, &words);
    size_t ns = collect_strings(rs, text, toks, ents, accepted, &strings);
    /* The hashes of the strings' first tokens, sorted: most tokens begin
     * none and are passed over after one search. */
    uint64_t *firsts = ns ? hush_xmalloc(ns * sizeof *firsts) : NULL;
    for (size_t w = 0; w < ns; w++)
        firsts[w] = strings[w].first;
    if (ns > 1)
        qsort(firsts, ns, sizeof *firsts, compare_u64);
    /* The names found again just before, out->v[names_from, out->n). */
    struct candidate *names = NULL;
    size_t nnames = 0;
    if (ns > 0 && out->n > names_from) {
        names = hush_xmalloc((out->n - names_from) * sizeof *names);
        for (size_t i = names_from; i < out->n; i++)
            if (out->v[i].rule < rs->n && rs->rules[out->v[i].rule].kind == KIND_NAMES)
                names[nnames++] = out->v[i];
        qsort(names, nnames, sizeof *names, compare_candidate_starts);
    }
    for (size_t k = 0; (n > 0 || ns > 0) && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
        if (ns > 0)
            strings_at(strings, ns, firsts, ns, text, len, t, accepted, names, nnames, out);
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
    free(firsts);
    free(names);
}
