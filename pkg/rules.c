/*
 * rules.c: the rule set as the rest of the library sees it: categories,
 * accessors, scheduling of regexes by the bytes they can start with, and
 * freeing.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

uint32_t
rules_category(struct hush_ruleset *rs, const char *name)
{
    for (size_t i = 0; i < rs->ncategories; i++)
        if (strcmp(rs->categories[i], name) == 0)
            return (uint32_t)i;
    rs->categories =
        hush_xgrow(rs->categories, &rs->cap_categories, rs->ncategories + 1, sizeof(char *));
    rs->categories[rs->ncategories] = hush_xstrdup(name);
    return (uint32_t)rs->ncategories++;
}

static void
push_u32(uint32_t **v, uint32_t *n, uint32_t x)
{
    *v = hush_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = x;
}

/* Adds each word of the text to lx for rule ri, normalised as tokens are
 * (so "Name's" is "name", "Trust" is "trust"). */
static void
add_words(struct lexicon *lx, const char *text, uint32_t ri)
{
    struct token_list toks = {0};
    tokenize(text, strlen(text), &toks);
    for (size_t k = 0; k < toks.n; k++) {
        const struct token *t = &toks.v[k];
        lexicon_add(lx, toks.keys.data + t->key, t->key_len, hash_seq(HASH_SEED, t->hash), 1, ri,
                    0);
    }
    token_list_free(&toks);
}

/* Registers the words rule ri must begin with; false when it has none. */
static bool
add_triggers(struct hush_ruleset *rs, uint32_t ri)
{
    struct hush_buf words = {0};
    size_t n = regex_triggers(rs->rules[ri].pattern, &words);
    /* Only each word's first token counts: "name's" begins the token "name";
     * but before a hyphen, a slash or a full stop and a letter ("name's-x")
     * the token keeps its 's, so a word with an apostrophe is entered as
     * that token too. */
    struct token_list toks = {0};
    struct hush_buf joined = {0};
    const char *w = words.data;
    for (size_t k = 0; k < n; k++, w += strlen(w) + 1) {
        static const char *const joins[] = {"", "-x", "/x", ".x"};
        bool apostrophe = strchr(w, '\'') != NULL;
        for (size_t j = 0; j < (apostrophe ? 4 : 1); j++) {
            joined.len = 0;
            hush_buf_append(&joined, w, strlen(w));
            hush_buf_append(&joined, joins[j], strlen(joins[j]));
            tokenize(joined.data, joined.len, &toks);
            if (toks.n == 0)
                continue;
            const struct token *t = &toks.v[0];
            lexicon_add(&rs->wordrules, toks.keys.data + t->key, t->key_len,
                        hash_seq(HASH_SEED, t->hash), 1, ri, 0);
        }
    }
    hush_buf_free(&joined);
    token_list_free(&toks);
    hush_buf_free(&words);
    return n > 0;
}

void
rules_schedule(struct hush_ruleset *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        if (r->detector != DET_REGEX && r->detector != DET_CONTEXT)
            continue;
        if (r->after != UINT32_MAX) {
            push_u32(&rs->after_rules, &rs->nafter, (uint32_t)i);
        } else if (r->re.startline) {
            push_u32(&rs->line_rules, &rs->nline, (uint32_t)i);
        } else if (r->anchor) {
            push_u32(&rs->anchor_rules, &rs->nanchor, (uint32_t)i);
        } else if (r->keywords) {
            add_words(&rs->wordrules, r->keywords, (uint32_t)i | WORD_KEYWORD);
        } else if (add_triggers(rs, (uint32_t)i)) {
            continue;
        } else {
            for (unsigned b = 0; b < 256; b++)
                if (r->re.starts[b >> 3] & (1u << (b & 7))) {
                    push_u32(&rs->point_rules[b], &rs->npoint[b], (uint32_t)i);
                    rs->npoint_cased[b] += !r->lower_case_texts;
                }
        }
    }
    for (size_t i = 0; i < rs->wordrules.n; i++) {
        size_t b = word_filter_bit(rs->wordrules.entries[i].hash);
        rs->word_filter[b / 64] |= UINT64_C(1) << (b % 64);
    }
}

unsigned
entry_holders(const struct hush_ruleset *rs, const struct lex_entry *e, uint32_t category)
{
    const uint32_t *ids = lexicon_rules(&rs->lex, e);
    unsigned held = 0;
    for (uint16_t k = 0; k < e->nrules; k++) {
        if (ids[k] >= rs->n) {
            held |= HELD_DAMAGED;
            continue;
        }
        const struct rule *r = &rs->rules[ids[k]];
        if (r->allow)
            held |= HELD_ALLOW;
        else if (r->kind == KIND_NAMES)
            held |= HELD_NAMES | (r->category == category ? HELD_NAMES_OF : 0u);
        else
            held |= HELD_TERMS;
    }
    return held;
}

void
hush_rules_free(struct hush_ruleset *rs)
{
    if (rs == NULL)
        return;
    for (size_t i = 0; i < rs->n; i++) {
        struct rule *r = &rs->rules[i];
        free(r->id);
        free(r->pattern);
        free(r->keywords);
        regex_free(&r->re);
        free(r->list_path);
        free(r->list_column);
        free(r->reason);
        for (size_t k = 0; k < r->nexamples; k++) {
            free(r->examples[k].input);
            free(r->examples[k].output);
        }
        free(r->examples);
    }
    free(rs->rules);
    for (size_t i = 0; i < rs->nreg; i++)
        register_entry_free(&rs->reg[i]);
    free(rs->reg);
    for (size_t i = 0; i < rs->ncategories; i++)
        free(rs->categories[i]);
    free(rs->categories);
    free(rs->word_tags);
    free(rs->word_tag_sites);
    for (size_t i = 0; i < rs->ndefines; i++) {
        free(rs->defines[i].name);
        free(rs->defines[i].pattern);
    }
    free(rs->defines);
    for (size_t i = 0; i < rs->nfiles; i++)
        free(rs->files[i].path);
    free(rs->files);
    lexicon_free(&rs->lex);
    lexicon_free(&rs->wordrules);
    for (size_t i = 0; i < rs->npending; i++) {
        free(rs->pending[i].column);
        hush_buf_free(&rs->pending[i].data);
    }
    free(rs->pending);
    free(rs->list_counts);
    free(rs->signature);
    for (unsigned b = 0; b < 256; b++)
        free(rs->point_rules[b]);
    free(rs->anchor_rules);
    free(rs->after_rules);
    free(rs->line_rules);
    free(rs);
}

size_t
hush_rules_count(const struct hush_ruleset *rs)
{
    return rs->n;
}

const char *
hush_rule_id(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].id;
}

const char *
hush_rule_category(const struct hush_ruleset *rs, size_t i)
{
    const struct rule *r = &rs->rules[i];
    return r->allow ? "ALLOW" : rs->categories[r->category];
}

const char *
hush_rule_reason(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].reason;
}

const char *
hush_rule_detector(const struct hush_ruleset *rs, size_t i)
{
    switch (rs->rules[i].detector) {
    case DET_REGEX:
        return "regex";
    case DET_CONTEXT:
        return "context";
    case DET_LIST:
        return "list";
    default:
        return "none";
    }
}

int
hush_rule_is_allow(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].allow;
}

size_t
hush_rule_list_size(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].list_size;
}

size_t
hush_rules_category_count(const struct hush_ruleset *rs)
{
    return rs->ncategories;
}

const char *
hush_rules_category_name(const struct hush_ruleset *rs, size_t c)
{
    return rs->categories[c];
}

const char *
hush_rules_digest(const struct hush_ruleset *rs)
{
    return rs->digest;
}

const char *
hush_rule_file(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].file;
}

size_t
hush_rule_line(const struct hush_ruleset *rs, size_t i)
{
    return rs->rules[i].line;
}
