/*
 * lexicon.c: the hash table behind list rules.  Keys are normalised word
 * sequences joined by single spaces; each key records the list rules that
 * hold it, whether it is a common English word, and the longest entry that
 * starts with it, so that matching looks further only where an entry can.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void
lexicon_init(struct lexicon *lx)
{
    memset(lx, 0, sizeof *lx);
}

void
lexicon_free(struct lexicon *lx)
{
    if (lx->map) {
        munmap(lx->map, lx->map_len);
        memset(lx, 0, sizeof *lx);
        return;
    }
    free(lx->entries);
    free(lx->slots);
    free(lx->rule_ids);
    free(lx->pairs);
    hush_buf_free(&lx->keys);
    memset(lx, 0, sizeof *lx);
}

/* The bit of a word pair's hash in the pair set: its high bits, since the
 * low ones pick slots. */
static size_t
pair_bit(uint64_t h)
{
    return (size_t)(h >> (64 - LEX_PAIR_BITS_LOG2));
}

void
lexicon_add_pair(struct lexicon *lx, uint64_t h)
{
    if (lx->pairs == NULL)
        lx->pairs = hush_xcalloc(LEX_PAIR_WORDS, sizeof *lx->pairs);
    size_t b = pair_bit(h);
    lx->pairs[b / 64] |= UINT64_C(1) << (b % 64);
}

bool
lexicon_may_begin(const struct lexicon *lx, uint64_t h)
{
    if (lx->pairs == NULL)
        return true;
    size_t b = pair_bit(h);
    return lx->pairs[b / 64] >> (b % 64) & 1;
}

static uint64_t
slot_value(uint64_t hash, size_t index)
{
    return (hash & UINT64_C(0xFFFFFFFF00000000)) | (uint64_t)(index + 1);
}

static void
place(struct lexicon *lx, size_t index)
{
    uint64_t h = lx->entries[index].hash;
    size_t mask = lx->nslots - 1, s = h & mask;
    while (lx->slots[s])
        s = (s + 1) & mask;
    lx->slots[s] = slot_value(h, index);
}

static void
rehash(struct lexicon *lx, size_t nslots)
{
    free(lx->slots);
    lx->slots = hush_xcalloc(nslots, sizeof *lx->slots);
    lx->nslots = nslots;
    for (size_t i = 0; i < lx->n; i++)
        place(lx, i);
}

void
lexicon_reserve(struct lexicon *lx, size_t more)
{
    size_t need = lx->n + more;
    lx->entries = hush_xgrow(lx->entries, &lx->cap, need, sizeof *lx->entries);
    size_t nslots = lx->nslots ? lx->nslots : 1024;
    while (nslots < need * 2)
        nslots *= 2;
    if (nslots != lx->nslots)
        rehash(lx, nslots);
}

/* Are the n bytes at a and b the same?  Keys are mostly a word of a few
 * bytes, compared here in two loads each that may overlap (as hash_bytes
 * reads a word's tail) rather than by a call to memcmp. */
static inline bool
same_key(const char *a, const char *b, size_t n)
{
    if (n > 8 || n == 0)
        return memcmp(a, b, n) == 0;
    if (n >= 4) {
        uint32_t a0, a1, b0, b1;
        memcpy(&a0, a, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b0, b, 4);
        memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

const struct lex_entry *
lexicon_find(const struct lexicon *lx, const char *key, size_t key_len, uint64_t h)
{
    if (lx->nslots == 0)
        return NULL;
    size_t mask = lx->nslots - 1;
    uint64_t fp = h & UINT64_C(0xFFFFFFFF00000000);
    /* At most one lap: a damaged image may have no empty slot. */
    for (size_t s = h & mask, probes = 0; probes < lx->nslots; s = (s + 1) & mask, probes++) {
        uint64_t v = lx->slots[s];
        if (v == 0)
            return NULL;
        if ((v & UINT64_C(0xFFFFFFFF00000000)) != fp)
            continue;
        uint32_t idx = (uint32_t)v - 1;
        if (idx >= lx->n)
            return NULL; /* a damaged image: never read out of bounds */
        const struct lex_entry *e = &lx->entries[idx];
        if (e->hash == h && e->key_len == key_len && (size_t)e->key + key_len <= lx->keys.len &&
            same_key(lx->keys.data + e->key, key, key_len))
            return e->rules + (size_t)e->nrules <= lx->nrule_ids ? e : NULL;
    }
    return NULL;
}

void
lexicon_prefetch(const struct lexicon *lx, uint64_t h, int stage)
{
    if (lx->nslots == 0)
        return;
    const uint64_t *slot = &lx->slots[h & (lx->nslots - 1)];
    if (stage == 0) {
        __builtin_prefetch(slot);
        return;
    }
    /* The slot is (nearly) in the cache by now: fetch what it points to,
     * if it is the key's own slot. */
    uint64_t v = *slot;
    uint32_t idx = (uint32_t)v - 1;
    if (v == 0 || (v & UINT64_C(0xFFFFFFFF00000000)) != (h & UINT64_C(0xFFFFFFFF00000000)) ||
        idx >= lx->n)
        return;
    const struct lex_entry *e = &lx->entries[idx];
    __builtin_prefetch(e);
    if (e->key < lx->keys.len)
        __builtin_prefetch(lx->keys.data + e->key);
}

/* Appends rule to e's rule ids, keeping each entry's ids contiguous: an
 * entry's ids are moved to the end of the arena when it gains one. */
static void
add_rule(struct lexicon *lx, struct lex_entry *e, uint32_t rule)
{
    for (uint16_t k = 0; k < e->nrules; k++)
        if (lx->rule_ids[e->rules + k] == rule)
            return;
    if (e->nrules == UINT16_MAX)
        return;
    size_t at = lx->nrule_ids;
    bool at_end = e->nrules > 0 && e->rules + e->nrules == at;
    if (at_end) {
        lx->rule_ids = hush_xgrow(lx->rule_ids, &lx->cap_rule_ids, at + 1, sizeof(uint32_t));
        lx->rule_ids[at] = rule;
        lx->nrule_ids++;
    } else {
        lx->rule_ids =
            hush_xgrow(lx->rule_ids, &lx->cap_rule_ids, at + e->nrules + 1, sizeof(uint32_t));
        memmove(lx->rule_ids + at, lx->rule_ids + e->rules, e->nrules * sizeof(uint32_t));
        lx->rule_ids[at + e->nrules] = rule;
        e->rules = (uint32_t)at;
        lx->nrule_ids = at + e->nrules + 1;
    }
    e->nrules++;
}

struct lex_entry *
lexicon_add(struct lexicon *lx, const char *key, size_t key_len, uint64_t h, unsigned ntok,
            uint32_t rule, unsigned flags)
{
    struct lex_entry *e = (struct lex_entry *)lexicon_find(lx, key, key_len, h);
    if (e == NULL) {
        if ((lx->n + 1) * 2 > lx->nslots)
            rehash(lx, lx->nslots ? lx->nslots * 2 : 1024);
        lx->entries = hush_xgrow(lx->entries, &lx->cap, lx->n + 1, sizeof *lx->entries);
        e = &lx->entries[lx->n];
        memset(e, 0, sizeof *e);
        e->hash = h;
        e->key = (uint32_t)lx->keys.len;
        e->key_len = (uint16_t)key_len;
        e->ntok = (uint8_t)ntok;
        e->longest = (uint8_t)ntok;
        hush_buf_append(&lx->keys, key, key_len);
        place(lx, lx->n);
        lx->n++;
    }
    e->flags |= (uint8_t)flags;
    if (rule != UINT32_MAX) {
        e->flags |= LEX_ENTRY;
        add_rule(lx, e, rule);
    }
    return e;
}
