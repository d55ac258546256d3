/*
 * recur.c: the distinctive word of a named place recurs as that place.
 *
 * Once a text has named "Marybone House", "Barncoose Hospital" or
 * "Ladybower Reservoir", it goes on to say "at Marybone", "up at
 * Barncoose", "round Ladybower".  The first word of such a name is what
 * makes it the place: a capitalised word that is no English word and in no
 * list, followed by an ordinary word ("House", "Hospital").  Found again
 * alone, capitalised, it is the same place.  Person names recur by their
 * own rules (names.c); this is for every other identifier.
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

/* Is [s, e) inside one of the accepted spans (which are in order)? */
static bool
covered(const struct hush_spans *accepted, size_t s, size_t e)
{
    size_t lo = 0, hi = accepted->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (accepted->v[mid].end <= s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < accepted->n && accepted->v[lo].start < e;
}

void
identifiers_recur(const struct hush_ruleset *rs, const struct token_list *toks,
                  const struct lex_entry *const *ents, const struct hush_spans *accepted,
                  struct candidates *out)
{
    struct recurring *words = NULL;
    size_t n = collect(rs, toks, ents, accepted, &words);
    for (size_t k = 0; n > 0 && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
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
}
