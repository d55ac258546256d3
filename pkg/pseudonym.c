/*
 * pseudonym.c: the keyed pseudonym of an entity, and writing a text back
 * out with each span replaced by its pseudonym.
 *
 * An entity is named by its canonical key: its words normalised as the
 * lexicon normalises them (NFKC, case folded, accents removed), leading
 * titles dropped, joined by single spaces.  Its tag is BLAKE2b-128 of that
 * key under a subkey of the study key, one subkey per category, so the same
 * words in two categories are two entities.  The code shown in the text is
 * the tag's first 40 bits in Crockford base32.
 */
#include "internal.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KDF_CONTEXT "hushpsdn"

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

bool
hush_is_pseudonym_code(const char *s, size_t n)
{
    if (n != HUSH_PSEUDONYM_CODE_CHARS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || strchr(crockford, s[i]) == NULL)
            return false;
    return true;
}

uint64_t
hush_pseudonym_subkey_id(const char *category)
{
    unsigned char h[crypto_generichash_BYTES_MIN];
    crypto_generichash(h, sizeof h, (const unsigned char *)category, strlen(category), NULL, 0);
    uint64_t id = 0;
    for (int i = 7; i >= 0; i--)
        id = id << 8 | h[i];
    return id;
}

void
hush_pseudonym_tag(const unsigned char study_key[HUSH_STUDY_KEY_BYTES], const char *category,
                   const char *key, size_t key_len, unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES])
{
    unsigned char *subkey = hush_xsecret(crypto_kdf_KEYBYTES);
    crypto_kdf_derive_from_key(subkey, crypto_kdf_KEYBYTES, hush_pseudonym_subkey_id(category),
                               KDF_CONTEXT, study_key);
    crypto_generichash(tag, HUSH_PSEUDONYM_TAG_BYTES, (const unsigned char *)key, key_len, subkey,
                       crypto_kdf_KEYBYTES);
    hush_secret_free(subkey);
}

void
hush_pseudonym_code(const unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES],
                    char code[HUSH_PSEUDONYM_CODE_CHARS + 1])
{
    uint64_t bits = 0;
    for (int i = 0; i < 5; i++)
        bits = bits << 8 | tag[i];
    for (int i = HUSH_PSEUDONYM_CODE_CHARS - 1; i >= 0; i--, bits >>= 5)
        code[i] = crockford[bits & 31];
    code[HUSH_PSEUDONYM_CODE_CHARS] = '\0';
}

size_t
hush_entity_key(const char *s, size_t len, struct hush_buf *out)
{
    struct token_list toks = {0};
    tokenize(s, len, &toks);
    size_t first = 0;
    while (first + 1 < toks.n &&
           title_word(toks.keys.data + toks.v[first].key, toks.v[first].key_len))
        first++;
    size_t words = 0;
    for (size_t i = first; i < toks.n; i++) {
        if (words++)
            hush_buf_append(out, " ", 1);
        hush_buf_append(out, toks.keys.data + toks.v[i].key, toks.v[i].key_len);
    }
    if (toks.keys.data)
        sodium_memzero(toks.keys.data, toks.keys.len);
    token_list_free(&toks);
    return words;
}

void
hush_entities_free(struct hush_entities *e)
{
    for (size_t i = 0; i < e->n; i++) {
        sodium_memzero(e->v[i].form, strlen(e->v[i].form));
        free(e->v[i].form);
    }
    free(e->v);
    memset(e, 0, sizeof *e);
}

/* One span's entity key while a document is rendered. */
struct keyed {
    char *key; /* NUL-terminated canonical key */
    size_t words;
};

/* Whether the one-word key w is a word of the key k. */
static bool
has_word(const char *k, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = k; (p = strstr(p, w)) != NULL; p++)
        if ((p == k || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
    return false;
}

/* Within one document a lone first name or surname ("Sarah", "Dr Okafor")
 * is the person whose full name holds it, when exactly one full name of the
 * same category does. */
static const char *
entity_of(const struct keyed *keys, const struct hush_spans *spans, size_t i)
{
    if (keys[i].words != 1)
        return keys[i].key;
    const char *whole = NULL;
    for (size_t k = 0; k < spans->n; k++) {
        if (keys[k].words < 2 || spans->v[k].category != spans->v[i].category ||
            !has_word(keys[k].key, keys[i].key))
            continue;
        if (whole && strcmp(whole, keys[k].key) != 0)
            return keys[i].key; /* two people could be meant: keep it apart */
        whole = keys[k].key;
    }
    return whole ? whole : keys[i].key;
}

static void
remember(struct hush_entities *seen, uint32_t category, const unsigned char *tag, const char *code,
         const char *label, const char *form, size_t form_len)
{
    for (size_t i = 0; i < seen->n; i++)
        if (seen->v[i].category == category &&
            memcmp(seen->v[i].tag, tag, HUSH_PSEUDONYM_TAG_BYTES) == 0 &&
            strlen(seen->v[i].form) == form_len && memcmp(seen->v[i].form, form, form_len) == 0)
            return;
    seen->v = hush_xgrow(seen->v, &seen->cap, seen->n + 1, sizeof *seen->v);
    struct hush_entity *e = &seen->v[seen->n++];
    e->category = category;
    memcpy(e->tag, tag, HUSH_PSEUDONYM_TAG_BYTES);
    memcpy(e->code, code, sizeof e->code);
    snprintf(e->label, sizeof e->label, "%s", label);
    e->form = hush_xstrndup(form, form_len);
}

/* Copies spans to joined, making one span of neighbours of one category
 * with only spaces or tabs between them: "Daniel" found by one rule and
 * "Whitcombe" by another are one person, with one pseudonym. */
static void
join_neighbours(const char *text, const struct hush_spans *spans, struct hush_spans *joined)
{
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        struct hush_span *last = joined->n ? &joined->v[joined->n - 1] : NULL;
        bool gap_blank = last && last->category == s->category;
        for (size_t k = last ? last->end : 0; gap_blank && k < s->start; k++)
            gap_blank = text[k] == ' ' || text[k] == '\t';
        if (gap_blank) {
            last->end = s->end;
            continue;
        }
        joined->v = hush_xgrow(joined->v, &joined->cap, joined->n + 1, sizeof *joined->v);
        joined->v[joined->n++] = *s;
    }
}

void
hush_render_pseudonyms(const struct hush_ruleset *rs,
                       const unsigned char study_key[HUSH_STUDY_KEY_BYTES], const char *text,
                       size_t len, const struct hush_spans *all, struct hush_buf *out,
                       struct hush_entities *seen)
{
    struct hush_spans joined = {0};
    join_neighbours(text, all, &joined);
    const struct hush_spans *spans = &joined;
    struct keyed *keys = hush_xcalloc(spans->n ? spans->n : 1, sizeof *keys);
    for (size_t i = 0; i < spans->n; i++) {
        struct hush_buf k = {0};
        const struct hush_span *s = &spans->v[i];
        keys[i].words = hush_entity_key(text + s->start, s->end - s->start, &k);
        hush_buf_append(&k, "", 1);
        keys[i].key = k.data;
    }
    size_t at = 0;
    for (size_t i = 0; i < spans->n; i++) {
        const struct hush_span *s = &spans->v[i];
        const char *cat = rs->categories[s->category];
        const char *entity = entity_of(keys, spans, i);
        /* The register is asked about the entity the span was found to be:
         * a lone "Sarah" that is Sarah Okafor here is not the register's
         * Sarah Brown, even when "Sarah" is one of her aliases. */
        const struct register_entry *known = register_find(rs, s->category, entity);
        struct hush_buf named = {0};
        if (known) {
            hush_buf_printf(&named, "register %s", known->entity);
            entity = named.data;
        }
        unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
        char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
        hush_pseudonym_tag(study_key, cat, entity, strlen(entity), tag);
        hush_pseudonym_code(tag, code);
        hush_buf_append(out, text + at, s->start - at);
        if (known)
            hush_buf_printf(out, "[%s]", known->label);
        else
            hush_buf_printf(out, "[%s-%s]", cat, code);
        remember(seen, s->category, tag, code, known ? known->label : "", text + s->start,
                 s->end - s->start);
        if (named.data)
            sodium_memzero(named.data, named.len);
        hush_buf_free(&named);
        at = s->end;
    }
    hush_buf_append(out, text + at, len - at);
    for (size_t i = 0; i < spans->n; i++) {
        sodium_memzero(keys[i].key, strlen(keys[i].key));
        free(keys[i].key);
    }
    free(keys);
    hush_spans_free(&joined);
}
