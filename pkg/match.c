/*
 * match.c: runs every detector of a rule set over one text and settles the
 * result.  Regexes are tried only where they can start (at the words they
 * begin with, at the words before their keywords, by first byte, at line
 * starts, or around their anchor character), and never in the middle of a
 * word.  A regex that hits a limit fails the text.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void
candidates_push(struct candidates *c, size_t start, size_t end, uint32_t rule, uint32_t category,
                bool allow)
{
    if (end <= start)
        return;
    c->v = hush_xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
    c->v[c->n++] = (struct candidate){(uint32_t)start, (uint32_t)end, rule, category, allow};
}

void
hush_spans_free(struct hush_spans *s)
{
    free(s->v);
    memset(s, 0, sizeof *s);
}

struct regex_pass {
    const struct hush_ruleset *rs;
    const char *text;
    size_t len;
    struct regex_state *st;
    struct regex_memo *memo; /* four, by TAG_; NULL: every rule is run */
    struct regex_jit *jit;
    size_t *next; /* per rule: no match may start before this */
    struct candidates *out;
    struct hush_error *err;
    bool cased; /* the text capitalises I: rules for lower-case texts are not tried */
};

/* Does the identifier text[s, e) pass validator c? */
static bool
check_ok(enum check c, const char *text, size_t s, size_t e)
{
    switch (c) {
    case CHECK_NHS_MOD11:
        return hush_check_nhs_mod11(text + s, e - s);
    case CHECK_LUHN:
        return hush_check_luhn(text + s, e - s);
    case CHECK_INITIALS:
        return hush_check_initials(text, s, e);
    case CHECK_SURNAME_INITIALS:
        return hush_check_surname_initials(text, s, e);
    default:
        return true;
    }
}

static int
limit_error(struct regex_pass *rp, uint32_t ri, size_t at)
{
    size_t line, col;
    hush_text_where(rp->text, rp->len, at, &line, &col);
    char why[sizeof rp->err->msg];
    strcpy(why, rp->err->msg);
    hush_error_clear(rp->err);
    return hush_error_set(rp->err, HUSH_EDATA, "%zu:%zu: rule '%s' could not finish matching (%s)",
                          line, col, rp->rs->rules[ri].id, why);
}

/* The offset ncp characters on from at (or the text's end). */
static size_t
chars_on(const char *text, size_t len, size_t at, unsigned ncp)
{
    for (unsigned k = 0; k < ncp && at < len; k++) {
        at++;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
    }
    return at;
}

/* What a window is remembered by: the schedule that tries rules there
 * (each has a memo of its own, so that the few windows where point rules
 * are tried stay in the cache), and which of its rule lists. */
#define TAG_POINT (UINT32_C(0) << 30) /* | the first byte */
#define TAG_WORD (UINT32_C(1) << 30)  /* | the trigger word's entry */
#define TAG_RULE (UINT32_C(2) << 30)  /* | a keyword rule */
#define TAG_LINE (UINT32_C(3) << 30)  /* the rules tried at a line's start */
/* Texts shorter than this are matched without the memo. */
#define MEMO_MIN_TEXT 4096

/* Which of the rules ids[0, n) may match at offset at, judged by the
 * window of text up to to (regex_memo.c): bit k for ids[k].  Keyword rules
 * in the list are not judged here (their bits are set).  Rules are judged
 * in groups of equal lookbehind, each group by a window of its own: a
 * window is only as wide as its rules look back, so that one rule looking
 * far back does not make every window of the list a new one (on the bench
 * corpus, one rule looking back 13 characters had made nine in ten windows
 * at capitals new to the memo).  A group whose window is too long to
 * remember has every bit set. */
static uint32_t
may_match(struct regex_pass *rp, uint32_t tag, const uint32_t *ids, size_t n, size_t at, size_t to)
{
    const struct rule *rules = rp->rs->rules;
    if (n > 32 || rp->memo == NULL)
        return UINT32_MAX;
    uint32_t all = n == 32 ? UINT32_MAX : (UINT32_C(1) << n) - 1;
    uint32_t verdicts = 0, judged = 0;
    for (size_t k = 0; k < n; k++)
        if (ids[k] & WORD_KEYWORD)
            verdicts |= UINT32_C(1) << k, judged |= UINT32_C(1) << k;
    while (judged != all) {
        unsigned first = (unsigned)__builtin_ctz(~judged);
        unsigned lookbehind = rules[ids[first]].re.lookbehind;
        uint32_t group = 0;
        for (size_t k = first; k < n; k++)
            if (!(judged >> k & 1) && rules[ids[k]].re.lookbehind == lookbehind)
                group |= UINT32_C(1) << k;
        judged |= group;
        size_t from;
        bool fresh;
        uint32_t *v =
            regex_memo_find(&rp->memo[tag >> 30], tag, lookbehind, rp->text, at, to, &from, &fresh);
        if (v == NULL) {
            verdicts |= group;
            continue;
        }
        if (fresh) {
            uint32_t found = 0;
            for (size_t k = first; k < n; k++)
                if ((group >> k & 1) && regex_may_match(&rules[ids[k]].re, rp->jit, ids[k], rp->st,
                                                        rp->text, from, at, to))
                    found |= UINT32_C(1) << k;
            *v = found;
        }
        verdicts |= *v & group;
    }
    return verdicts;
}

/* Runs rule ri at offset at; records a candidate for a match.  Returns 1 on
 * a match, 0 for none, -1 on a limit. */
static int
try_rule(struct regex_pass *rp, uint32_t ri, size_t at)
{
    const struct rule *r = &rp->rs->rules[ri];
    if (r->lower_case_texts && rp->cased)
        return 0;
    size_t ms, me;
    int rc = regex_run(&r->re, rp->jit, ri, rp->st, rp->text, rp->len, at, &ms, &me, rp->err);
    if (rc < 0)
        return limit_error(rp, ri, at), -1;
    if (rc == 0 || me <= ms)
        return 0;
    size_t s = ms, e = me;
    if (r->detector == DET_CONTEXT) {
        bool any = false;
        for (uint32_t g = 1; g <= r->re.capture_count && !any; g++)
            any = regex_group(rp->st, g, &s, &e) && e > s;
        if (!any)
            return 0;
    }
    if (r->check != CHECK_NONE && !check_ok(r->check, rp->text, s, e))
        return 0;
    /* A span never ends inside a word: "900123rom" and "Nor7O'Neill" are
     * tagged whole, so that no fragment is left to read as a word of its own
     * (and redacting the result again changes nothing); nor does it start
     * after an invisible character inside one. */
    e = word_end(rp->text, rp->len, e);
    s = word_start(rp->text, s);
    /* A possessive 's stays outside a person's name ("Mrs [PERSON]'s
     * cat"), as the list rules leave it; a place keeps it ("St Ann's"). */
    if (r->kind == KIND_NAMES && !r->allow)
        e = possessive_trim(rp->text, rp->len, s, e);
    candidates_push(rp->out, s, e, ri, r->category, r->allow);
    rp->next[ri] = me;
    return 1;
}

/* Tries the rules that can start with the byte at p: never inside a word,
 * but a match that opens with punctuation ("+44 7700...") may follow a word
 * it is glued to, as it may follow a tag. */
static int
try_point(struct regex_pass *rp, size_t p)
{
    unsigned b = (unsigned char)rp->text[p];
    uint32_t n = rp->rs->npoint[b];
    if (n == 0 || (rp->cased && rp->rs->npoint_cased[b] == 0) ||
        (continues_word(rp->text, p) && word_at(rp->text, rp->len, p)))
        return 0;
    const uint32_t *rules = rp->rs->point_rules[b];
    /* Point rules mostly fail on their first two characters. */
    uint32_t may = may_match(rp, TAG_POINT | b, rules, n, p, chars_on(rp->text, rp->len, p, 2));
    for (uint32_t k = 0; k < n; k++)
        if ((k >= 32 || (may >> k & 1)) && rp->next[rules[k]] <= p && try_rule(rp, rules[k], p) < 0)
            return -1;
    return 0;
}

/* Is any rule tried by the byte at p?  Most bytes start none: they are
 * passed over without a call. */
static inline bool
has_point_rules(const struct regex_pass *rp, size_t p)
{
    return rp->rs->npoint[(unsigned char)rp->text[p]] != 0;
}

/* Rules tried by their first byte, at every token start and every
 * character between tokens (never inside a word). */
static int
run_point_rules(struct regex_pass *rp, const struct token_list *toks)
{
    size_t gap = 0;
    for (size_t i = 0; i <= toks->n; i++) {
        size_t start = i < toks->n ? toks->v[i].start : rp->len;
        for (size_t p = gap; p < start; p++)
            if (has_point_rules(rp, p) && ((unsigned char)rp->text[p] & 0xC0) != 0x80 &&
                try_point(rp, p) < 0)
                return -1;
        if (i == toks->n)
            break;
        if (has_point_rules(rp, start) && try_point(rp, start) < 0)
            return -1;
        /* The rest of the token continues a word: rules start only where
         * no word goes on (try_point lets punctuation touch a word). */
        gap = toks->v[i].end;
        while (gap < rp->len &&
               ((continues_word(rp->text, gap) && word_at(rp->text, rp->len, gap)) ||
                ((unsigned char)rp->text[gap] & 0xC0) == 0x80))
            gap++;
    }
    return 0;
}

static bool
can_start(const struct rule *r, const char *text, size_t at)
{
    unsigned char b = (unsigned char)text[at];
    return r->re.starts[b >> 3] & (1u << (b & 7));
}

/* Rules tried by words: a rule that begins with known words is tried at
 * those tokens; a keyword rule at the tokens just before its keyword. */
/* The entry of the word key[0..n) among the rules' trigger words and
 * keywords, or NULL. */
static const struct lex_entry *
word_rules_entry(const struct hush_ruleset *rs, const char *key, size_t n, uint64_t word_hash)
{
    uint64_t h = hash_seq(HASH_SEED, word_hash);
    size_t bit = word_filter_bit(h);
    if (!(rs->word_filter[bit / 64] >> (bit % 64) & 1))
        return NULL;
    return lexicon_find(&rs->wordrules, key, n, h);
}

/* Tries keyword rule ri at the tokens up to its window before token i
 * (each token once). */
static int
run_keyword_rule(struct regex_pass *rp, const struct token_list *toks, size_t *tried, uint32_t ri,
                 size_t i)
{
    const struct hush_ruleset *rs = rp->rs;
    if (rs->rules[ri].lower_case_texts && rp->cased)
        return 0;
    unsigned window = rs->rules[ri].window;
    size_t from = i >= window ? i - window : 0;
    if (from < tried[ri])
        from = tried[ri];
    for (size_t j = from; j <= i; j++) {
        size_t at = toks->v[j].start;
        if (rp->next[ri] > at || !can_start(&rs->rules[ri], rp->text, at))
            continue;
        /* A keyword rule mostly fails on the word it is tried at. */
        size_t to = chars_on(rp->text, rp->len, toks->v[j].end, 1);
        if ((may_match(rp, TAG_RULE | ri, &ri, 1, at, to) & 1) && try_rule(rp, ri, at) < 0)
            return -1;
    }
    tried[ri] = i + 1;
    return 0;
}

/* A keyword with a contraction glued to it ("team've", "team'd") is still
 * the keyword: without this a rule would fire on a second pass, once a
 * nearer keyword had been shortened to a tag, where it did not on the
 * first. */
static int
run_contracted_keywords(struct regex_pass *rp, const struct token_list *toks, size_t *tried,
                        size_t i)
{
    const struct token *t = &toks->v[i];
    const char *key = toks->keys.data + t->key;
    const char *ap = memchr(key, '\'', t->key_len);
    if (ap == NULL || ap == key)
        return 0;
    size_t n = (size_t)(ap - key);
    const struct lex_entry *e = word_rules_entry(rp->rs, key, n, hash_bytes(HASH_SEED, key, n));
    const uint32_t *ids = e ? lexicon_rules(&rp->rs->wordrules, e) : NULL;
    for (uint16_t k = 0; e && k < e->nrules; k++)
        if ((ids[k] & WORD_KEYWORD) &&
            run_keyword_rule(rp, toks, tried, ids[k] & ~WORD_KEYWORD, i) < 0)
            return -1;
    return 0;
}

/* Tries, at token t, the rules whose trigger is the run of letters and
 * digits that opens it, when the token goes on past that run with what a
 * regex's \b reads as no word ("Dr" of "Dr'Quell", "Dr\u200bQuell"): a rule
 * "\bDr\b" matches there, though the token's word is another.  A token
 * whose key is as long as its text and holds no apostrophe has no such
 * character: it is passed over without a look. */
static int
run_prefix_rules(struct regex_pass *rp, const struct token_list *toks, const struct token *t,
                 struct hush_buf *key)
{
    const char *k = toks->keys.data + t->key;
    size_t len = t->end - t->start;
    if (t->key_len == len && memchr(k, '\'', t->key_len) == NULL)
        return 0;
    size_t run = regex_word_prefix(rp->text + t->start, len);
    if (run == 0 || run == len)
        return 0;
    key->len = 0;
    size_t n = normalize_word(rp->text + t->start, run, key);
    const struct lex_entry *e =
        word_rules_entry(rp->rs, key->data, n, hash_bytes(HASH_SEED, key->data, n));
    const uint32_t *ids = e ? lexicon_rules(&rp->rs->wordrules, e) : NULL;
    for (uint16_t j = 0; e && j < e->nrules; j++)
        if (!(ids[j] & WORD_KEYWORD) && rp->next[ids[j]] <= t->start &&
            try_rule(rp, ids[j], t->start) < 0)
            return -1;
    return 0;
}

/* Tries the rules that token i sets off; key is scratch space. */
static int
run_word_rules_at(struct regex_pass *rp, const struct token_list *toks, size_t *tried, size_t i,
                  struct hush_buf *key)
{
    const struct hush_ruleset *rs = rp->rs;
    const struct token *t = &toks->v[i];
    if (t->start > 0 && rp->text[t->start - 1] == '[' &&
        tag_at(rs, rp->text, rp->len, t->start - 1))
        return 0;
    if (run_contracted_keywords(rp, toks, tried, i) < 0 || run_prefix_rules(rp, toks, t, key) < 0)
        return -1;
    const struct lex_entry *e = word_rules_entry(rs, toks->keys.data + t->key, t->key_len, t->hash);
    if (e == NULL)
        return 0;
    const uint32_t *ids = lexicon_rules(&rs->wordrules, e);
    /* Rules that begin with this word mostly fail on the start of the
     * next. */
    size_t end = i + 1 < toks->n ? chars_on(rp->text, rp->len, toks->v[i + 1].start, 2) : rp->len;
    uint32_t may = may_match(rp, TAG_WORD | (uint32_t)(e - rs->wordrules.entries), ids, e->nrules,
                             t->start, end);
    for (uint16_t k = 0; k < e->nrules; k++) {
        uint32_t ri = ids[k] & ~WORD_KEYWORD;
        if (!(ids[k] & WORD_KEYWORD)) {
            if (k < 32 && !(may >> k & 1))
                continue;
            if (rp->next[ri] <= t->start && try_rule(rp, ri, t->start) < 0)
                return -1;
        } else if (run_keyword_rule(rp, toks, tried, ri, i) < 0) {
            return -1;
        }
    }
    return 0;
}

/* Rules tried by words: a rule that begins with known words is tried at
 * those tokens; a keyword rule at the tokens just before its keyword.  The
 * word inside a tag is none of them: "[PLACE]" is no "Place" of a street,
 * and a rule it set off would find, in a text redacted again, what the
 * original did not (a fuzz find: "RL Ln`T in By"). */
static int
run_word_rules(struct regex_pass *rp, const struct token_list *toks, size_t *tried)
{
    if (rp->rs->wordrules.n == 0)
        return 0;
    struct hush_buf key = {0};
    int rc = 0;
    for (size_t i = 0; i < toks->n && rc == 0; i++)
        rc = run_word_rules_at(rp, toks, tried, i, &key);
    hush_buf_free(&key);
    return rc;
}

/* Rules anchored at a line's start, tried at every line.  Most lines open
 * the same few ways ("Interviewer:", a timestamp), so each is first judged
 * by the memo over its first word and a character after it. */
static int
run_line_rules(struct regex_pass *rp, const struct token_list *toks)
{
    const struct hush_ruleset *rs = rp->rs;
    if (rs->nline == 0)
        return 0;
    size_t p = 0, i = 0; /* each line's start in turn; the first token not before it */
    while (p < rp->len) {
        while (i < toks->n && toks->v[i].start < p)
            i++;
        size_t to = i < toks->n ? chars_on(rp->text, rp->len, toks->v[i].end, 1) : rp->len;
        uint32_t may = may_match(rp, TAG_LINE, rs->line_rules, rs->nline, p, to);
        for (uint32_t k = 0; k < rs->nline; k++) {
            if (k < 32 && !(may >> k & 1))
                continue;
            if (try_rule(rp, rs->line_rules[k], p) < 0)
                return -1;
        }
        const char *nl = memchr(rp->text + p, '\n', rp->len - p);
        if (nl == NULL)
            break;
        p = (size_t)(nl - rp->text) + 1;
    }
    return 0;
}

static bool
is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Anchored rules are tried only around their anchor character: at the
 * positions of the run of non-space text before it, at most
 * HUSH_ANCHOR_WINDOW bytes back; a longer run is refused, not skipped.  Each
 * position is tried once, however many anchors follow it. */
static int
run_anchor_rules(struct regex_pass *rp)
{
    for (uint32_t k = 0; k < rp->rs->nanchor; k++) {
        uint32_t ri = rp->rs->anchor_rules[k];
        const struct rule *r = &rp->rs->rules[ri];
        const char *t = rp->text;
        size_t from = 0, tried = 0; /* positions before tried were tried */
        const char *q;
        while (from < rp->len && (q = memchr(t + from, r->anchor, rp->len - from)) != NULL) {
            size_t at = (size_t)(q - t), s = at;
            while (s > tried && !is_space_byte(t[s - 1])) {
                if (at - s >= HUSH_ANCHOR_WINDOW) {
                    size_t line, col;
                    hush_text_where(t, rp->len, at, &line, &col);
                    return hush_error_set(rp->err, HUSH_EDATA,
                                          "%zu:%zu: rule '%s': more than %d bytes without a space "
                                          "before its anchor",
                                          line, col, r->id, HUSH_ANCHOR_WINDOW),
                           -1;
                }
                s--;
            }
            for (size_t p = s < rp->next[ri] ? rp->next[ri] : s; p <= at; p++) {
                if (!can_start(r, t, p) || continues_word(t, p) || rp->next[ri] > p)
                    continue;
                if (try_rule(rp, ri, p) < 0)
                    return -1;
            }
            /* The next anchor in the same run may begin another match
             * ("a@example.org,b@example.org"). */
            tried = from = at + 1;
        }
    }
    return 0;
}

/* Runs every regex and context rule over the text, but those tried after
 * identifiers (run_after_rules). */
static int
run_regexes(struct hush_matcher *m, const char *text, size_t len, struct hush_error *err)
{
    /* A short text repeats too little for judging windows to pay: its
     * rules are simply run. */
    struct regex_memo *memo = len < MEMO_MIN_TEXT ? NULL : m->memo;
    bool cased = m->rs->has_lower_case_texts && text_is_cased(&m->toks);
    struct regex_jit *jit = m->interpreted ? NULL : &m->jit;
    struct regex_pass rp = {m->rs, text, len, &m->st, memo, jit, m->next, &m->c, err, cased};
    memset(m->next, 0, (m->rs->n + 1) * sizeof *m->next);
    memset(m->tried, 0, (m->rs->n + 1) * sizeof *m->tried);
    int rc = run_point_rules(&rp, &m->toks);
    if (rc == 0)
        rc = run_word_rules(&rp, &m->toks, m->tried);
    if (rc == 0)
        rc = run_line_rules(&rp, &m->toks);
    if (rc == 0)
        rc = run_anchor_rules(&rp);
    return rc;
}

struct hush_matcher *
hush_matcher_new(const struct hush_ruleset *rs)
{
    struct hush_matcher *m = hush_xcalloc(1, sizeof *m);
    m->rs = rs;
    m->toks.word_tags = rs->word_tags; /* kept by tokenize */
    m->toks.nword_tags = rs->nword_tags;
    regex_state_init(&m->st, rs->max_captures);
    m->next = hush_xcalloc(rs->n + 1, sizeof *m->next);
    m->tried = hush_xcalloc(rs->n + 1, sizeof *m->tried);
    return m;
}

struct hush_matcher **
hush_matchers_new(const struct hush_ruleset *rs, size_t jobs, size_t nitems, size_t *n)
{
    size_t count = jobs ? jobs : hush_work_default_workers();
    if (count > nitems)
        count = nitems;
    struct hush_matcher **ms = hush_xcalloc(count + 1, sizeof *ms);
    for (size_t k = 0; k < count; k++)
        ms[k] = hush_matcher_new(rs);
    *n = count;
    return ms;
}

void
hush_matchers_free(struct hush_matcher **ms, size_t n)
{
    for (size_t k = 0; ms && k < n; k++)
        hush_matcher_free(ms[k]);
    free(ms);
}

void
hush_matcher_free(struct hush_matcher *m)
{
    if (m == NULL)
        return;
    token_list_free(&m->toks);
    free(m->c.v);
    free(m->settled.v);
    regex_state_free(&m->st);
    regex_jit_free(&m->jit);
    for (size_t k = 0; k < sizeof m->memo / sizeof m->memo[0]; k++)
        regex_memo_free(&m->memo[k]);
    free(m->next);
    free(m->tried);
    free(m->ents);
    free(m);
}

/* The index of the rule set's category named text[s, e), or UINT32_MAX. */
static uint32_t
category_named(const struct hush_ruleset *rs, const char *text, size_t s, size_t e)
{
    for (size_t k = 0; k < rs->ncategories; k++)
        if (strlen(rs->categories[k]) == e - s && memcmp(rs->categories[k], text + s, e - s) == 0)
            return (uint32_t)k;
    return UINT32_MAX;
}

/* tag_at, also giving the tag's category: that of "[PERSON]" or
 * "[PERSON-K7QX2M9A]"; UINT32_MAX for a register's label ("[PSW-03]"). */
static size_t
tag_with_category(const struct hush_ruleset *rs, const char *text, size_t len, size_t at,
                  uint32_t *category)
{
    size_t s = at + 1, e = s;
    while (e < len && e - s <= HUSH_MAX_LABEL && (is_category_char(text[e]) || text[e] == '-'))
        e++;
    if (e >= len || text[e] != ']' || e == s)
        return 0;
    size_t dash = e > s + HUSH_PSEUDONYM_CODE_CHARS ? e - HUSH_PSEUDONYM_CODE_CHARS - 1 : s;
    *category = category_named(rs, text, s, e);
    if (*category == UINT32_MAX && text[dash] == '-' && dash > s &&
        hush_is_pseudonym_code(text + dash + 1, HUSH_PSEUDONYM_CODE_CHARS))
        *category = category_named(rs, text, s, dash);
    bool ok = *category != UINT32_MAX || register_has_label(rs, text + s, e - s);
    return ok ? e + 1 - at : 0;
}

size_t
tag_at(const struct hush_ruleset *rs, const char *text, size_t len, size_t at)
{
    uint32_t category;
    return tag_with_category(rs, text, len, at, &category);
}

/* Adds an allow candidate over every tag ("[PERSON]", "[PERSON-K7QX2M9A]",
 * a register's "[PSW-03]") already in the text: the word inside it is no
 * name, however the rest of the text reads, so that redacting redacted
 * text changes nothing more.  The candidate's rule is UINT32_MAX and its
 * category the tag's (UINT32_MAX for a register's label), for
 * run_after_rules. */
static void
protect_tags(const struct hush_ruleset *rs, const char *text, size_t len, struct candidates *c)
{
    for (const char *p = memchr(text, '[', len); p;
         p = memchr(p + 1, '[', len - (size_t)(p + 1 - text))) {
        uint32_t category;
        size_t at = (size_t)(p - text), n = tag_with_category(rs, text, len, at, &category);
        if (n)
            candidates_push(c, at, at + n, UINT32_MAX, category, true);
    }
}

struct token_search {
    const struct token_list *toks;
    size_t off;
};

static bool
token_ends_by(const void *ctx, size_t i)
{
    const struct token_search *q = ctx;
    return q->toks->v[i].end <= q->off;
}

/* The index of the first token that ends after off (toks->n if none). */
static size_t
token_after(const struct token_list *toks, size_t off)
{
    struct token_search q = {toks, off};
    return partition_point(toks->n, token_ends_by, &q);
}

/* Is word entry e a name that some names list holds in its own right (no
 * allow list, and, unless rare is true, not a rare name, which is far more
 * often a word)? */
static bool
listed_name(const struct hush_ruleset *rs, const struct lex_entry *e, bool rare)
{
    return (rare || !(e->flags & LEX_RARE_NAME)) && (entry_holders(rs, e, UINT32_MAX) & HELD_NAMES);
}

/* Does the normalised word k[0, n) end as an abstract noun does ("-ion",
 * "-ing", "-ment", "-ness", "-ity", "-ive", "-ance", "-ence", "-ism")? */
static bool
abstract_noun(const char *k, size_t n)
{
    static const char *const endings[] = {"ion", "ing",  "ment", "ness", "ity",
                                          "ive", "ance", "ence", "ism"};
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        size_t e = strlen(endings[i]);
        if (n > e + 2 && memcmp(k + n - e, endings[i], e) == 0)
            return true;
    }
    return false;
}

/* Does an allow rule hold entry e ("German" of a list of nationalities)? */
static bool
allowed_entry(const struct hush_ruleset *rs, const struct lex_entry *e)
{
    return entry_holders(rs, e, UINT32_MAX) & HELD_ALLOW;
}

/* Is token k the plural of a name: its normal form, less its "s" (or "es"),
 * an entry of a list of names that is no common word and that no allow
 * rule holds ("Maguires", "Joneses"; not "Lakes", "Greens" or "Germans")? */
static bool
plural_of_name(const struct hush_matcher *m, size_t k)
{
    const struct token *t = &m->toks.v[k];
    const char *key = m->toks.keys.data + t->key;
    size_t stems[2];
    size_t nstems = (t->flags & TOK_POSSESSIVE) ? 0 : plural_stems(key, t->key_len, stems);
    for (size_t j = 0; j < nstems; j++) {
        size_t sn = stems[j];
        const struct lex_entry *x =
            lexicon_find(&m->rs->lex, key, sn, hash_seq(HASH_SEED, hash_bytes(HASH_SEED, key, sn)));
        if (x && ((x->flags & (LEX_COMMON_WORD | LEX_FUNCTION_WORD)) || allowed_entry(m->rs, x)))
            return false; /* the plural of a word ("Roses", not of Ros; "Germans") */
        if (x && listed_name(m->rs, x, false))
            return true;
    }
    return false;
}

/* Is the name candidate [s, e) of rule, over tokens from k on, no name:
 * made of function words only, initials aside; or, for a rule that needs a
 * name word, of function words and common words that no names list holds
 * ("Care and Treatment"; a rare name counts as held when an initial stands
 * in the candidate: "K. Bassi"); for a rule that needs the plural of a name,
 * anything but one word that plural_of_name accepts; or a speaker label of common words or short
 * capitals that labels no other line ("Speakers:", "Sample:", "SH: lives
 * alone"; not "Tolu:" once, nor "Hope:", "BOMBER:" or "SH:" said twice)? */
static bool
not_a_name(const struct hush_matcher *m, const char *text, size_t len, uint32_t rule, size_t s,
           size_t e, size_t k)
{
    const struct token_list *toks = &m->toks;
    if (rule >= m->rs->n || m->rs->rules[rule].kind != KIND_NAMES)
        return false;
    size_t words = 0, function = 0, plain = 0, common = 0, acronym = 0, first = SIZE_MAX;
    bool initialled = false; /* an initial before a rare name makes it one ("K. Bassi") */
    for (size_t j = k; j < toks->n && toks->v[j].start < e; j++) {
        if (toks->v[j].start < s)
            continue;
        if (toks->v[j].flags & TOK_INITIAL) {
            initialled = true;
            continue;
        }
        if (first == SIZE_MAX)
            first = j;
        words++;
        const struct lex_entry *x = m->ents[j];
        if (x && (x->flags & LEX_FUNCTION_WORD))
            function++;
        else if (x && (x->flags & LEX_COMMON_WORD))
            listed_name(m->rs, x, initialled) ? common++ : plain++;
        else if ((toks->v[j].flags & TOK_ALLCAPS) && toks->v[j].end - toks->v[j].start <= 3)
            acronym++;
    }
    if (words == 0)
        return false;
    if (function == words)
        return true;
    if (m->rs->rules[rule].needs == NEEDS_PLURAL_NAME)
        return words != 1 || !plural_of_name(m, first);
    if (m->rs->rules[rule].needs != NEEDS_NAME_WORD)
        return false;
    unsigned f = toks->v[first].flags;
    /* A label said again is a speaker's ("BOMBER:"), but a word that
     * ends as an abstract noun does labels a template's field each time
     * it is filled in ("Bathing:", "Cognition:"). */
    if ((f & TOK_LABEL_AGAIN) &&
        !(words == 1 && plain == 1 &&
          abstract_noun(toks->keys.data + toks->v[first].key, toks->v[first].key_len)))
        return false;
    /* A label, whether or not the tokeniser took the line for a speaker's:
     * "Place: [PLACE]" once redacted must read as "Place: Carmarthen" did. */
    size_t c = e;
    while (c < len && (text[c] == ' ' || text[c] == '\t'))
        c++;
    bool label = c < len && text[c] == ':';
    return function + plain == words || (label && function + plain + common + acronym == words);
}

/* Does text[s, e) hold a letter, mark or digit? */
static bool
holds_word(const char *text, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80 && word_at(text, e, i))
            return true;
    return false;
}

/* Adds the piece [s, e) of candidate d, without the blanks at its ends,
 * unless it holds no word (the "'" left of "I'" once the pronoun is cut
 * out) or (with names) it is no name (not_a_name). */
static void
push_piece(struct hush_matcher *m, const char *text, size_t len, const struct candidate *d,
           size_t s, size_t e, size_t k, bool names)
{
    while (s < e && (text[s] == ' ' || text[s] == '\t'))
        s++;
    while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t'))
        e--;
    if (e > s && holds_word(text, s, e) && !(names && not_a_name(m, text, len, d->rule, s, e, k)))
        candidates_push(&m->c, s, e, d->rule, d->category, false);
}

/* Settles what no rule may decide on its own, before candidates compete.
 * The pronoun I is never part of an identifier: a candidate is cut around
 * it ("I've [TEAM]", not one span over "I've Hillview Lodge"), which also
 * keeps the count of "I" by which a text's casing is judged the same once
 * it is redacted.  And a function word is never a name, whatever rule reads
 * it as one: a name candidate whose words, initials aside, are all function
 * words is dropped ("Mam:" as a label, "H. So" after an initial), when
 * names is set.  List rules never make either (names.c); this holds the
 * regexes to the same.  So is one of a rule that needs a name word whose
 * words are all common words that no names list holds ("Speakers:"). */
static void
settle_function_words(struct hush_matcher *m, const char *text, size_t len, bool names)
{
    const struct token_list *toks = &m->toks;
    /* Rebuilt into the spare buffer, which then becomes m->c: no
     * allocation per document once both have grown. */
    struct candidates in = m->c;
    m->c = m->settled;
    m->c.n = 0;
    for (size_t i = 0; i < in.n; i++) {
        const struct candidate *d = &in.v[i];
        if (d->allow) {
            candidates_push(&m->c, d->start, d->end, d->rule, d->category, true);
            continue;
        }
        size_t k = token_after(toks, d->start), from = d->start;
        for (size_t j = k; j < toks->n && toks->v[j].start < d->end; j++) {
            if (!(toks->v[j].flags & TOK_PRONOUN_I))
                continue;
            push_piece(m, text, len, d, from, toks->v[j].start, k, names);
            from = toks->v[j].end;
        }
        push_piece(m, text, len, d, from, d->end, k, names);
    }
    m->settled = in;
}

/* The most words that allow rules of kind names allow again in one text. */
#define MAX_ALLOWED_AGAIN 16

/* An allow rule of kind names says what a word stands for in this text (a
 * legend's "GS = grandson", "Interpreter (INTP)"): the same word, in the
 * same case, is allowed wherever else it stands, as a speaker label above
 * all ("GS: he says").  Only a whole word is carried, and only the first
 * MAX_ALLOWED_AGAIN of them: a legend is short. */
static void
allowed_words_recur(struct hush_matcher *m, const char *text)
{
    const struct hush_ruleset *rs = m->rs;
    const struct token_list *toks = &m->toks;
    size_t again[MAX_ALLOWED_AGAIN]; /* indices: pushing may move m->c.v */
    size_t n = 0, nc = m->c.n;
    for (size_t i = 0; i < nc && n < MAX_ALLOWED_AGAIN; i++) {
        const struct candidate *d = &m->c.v[i];
        if (!d->allow || d->rule >= rs->n || rs->rules[d->rule].kind != KIND_NAMES)
            continue;
        size_t k = token_after(toks, d->start);
        if (k == toks->n || toks->v[k].start != d->start || toks->v[k].end != d->end)
            continue;
        bool known = false;
        for (size_t a = 0; a < n && !known; a++) {
            const struct candidate *e = &m->c.v[again[a]];
            known = e->end - e->start == d->end - d->start &&
                    memcmp(text + e->start, text + d->start, d->end - d->start) == 0;
        }
        if (!known)
            again[n++] = i;
    }
    for (size_t k = 0; n > 0 && k < toks->n; k++) {
        const struct token *t = &toks->v[k];
        for (size_t a = 0; a < n; a++) {
            struct candidate d = m->c.v[again[a]];
            if (t->end - t->start == d.end - d.start && t->start != d.start &&
                memcmp(text + t->start, text + d.start, t->end - t->start) == 0) {
                candidates_push(&m->c, t->start, t->end, d.rule, d.category, true);
                break;
            }
        }
    }
}

/* Tries every rule with after category c at offset at. */
static int
try_after_rules_at(struct regex_pass *rp, uint32_t c, size_t at)
{
    const struct hush_ruleset *rs = rp->rs;
    for (uint32_t k = 0; k < rs->nafter; k++) {
        uint32_t ri = rs->after_rules[k];
        if (rs->rules[ri].after == c && try_rule(rp, ri, at) < 0)
            return -1;
    }
    return 0;
}

/* Drops the candidates from index from on, of rules that need something
 * of a name, that are no name by that need (not_a_name): the after rules
 * run once settle_function_words has judged the others, and their needs
 * hold as every rule's do.  (Initials an after rule finds are kept though
 * they spell a function word, "SO", "ME", as names found again are.) */
static void
drop_not_names(struct hush_matcher *m, const char *text, size_t len, size_t from)
{
    size_t kept = from;
    for (size_t i = from; i < m->c.n; i++) {
        const struct candidate d = m->c.v[i];
        if (!d.allow && d.rule < m->rs->n && m->rs->rules[d.rule].needs != NEEDS_ANY &&
            not_a_name(m, text, len, d.rule, d.start, d.end, token_after(&m->toks, d.start)))
            continue;
        m->c.v[kept++] = d;
    }
    m->c.n = kept;
}

/* Tries the after rules of category c at offset at, keeping of what they
 * find only what their needs allow. */
static int
try_after_rules_kept(struct hush_matcher *m, struct regex_pass *rp, uint32_t c, size_t at)
{
    size_t from = m->c.n;
    int rc = try_after_rules_at(rp, c, at);
    drop_not_names(m, rp->text, rp->len, from);
    return rc;
}

static int
compare_offsets(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Is category c one that rules are tried after? */
static bool
has_after_rules(const struct hush_ruleset *rs, uint32_t c)
{
    for (uint32_t k = 0; k < rs->nafter; k++)
        if (rs->rules[rs->after_rules[k]].after == c)
            return true;
    return false;
}

/* Does text[s, e) hold only function words written in lower case ("the",
 * "of")?  Such a part of a candidate, left free by a longer one, identifies
 * no one (resolve).  A capital may be an initial ("Dr I-"), which the same
 * text, redacted and read again, would give as a whole candidate: a fuzz
 * find, tests/fuzz/corpus/redact/regression-initial-after-title-free-part. */
static bool
only_function_words(const void *ctx, uint32_t s, uint32_t e)
{
    const struct hush_matcher *m = ctx;
    const struct token_list *toks = &m->toks;
    size_t k = token_after(toks, s);
    if (k >= toks->n || toks->v[k].start >= e)
        return false;
    for (; k < toks->n && toks->v[k].start < e; k++) {
        const struct lex_entry *x = m->ents[k];
        if (x == NULL || !(x->flags & LEX_FUNCTION_WORD) ||
            (toks->v[k].flags & (TOK_CAPITALISED | TOK_ALLCAPS | TOK_INITIAL | TOK_PRONOUN_I)))
            return false;
    }
    return true;
}

/* Settles the candidates into out (resolve), leaving out the free parts of
 * losing candidates that hold only function words. */
static void
resolve_candidates(struct hush_matcher *m, const char *text, size_t len, struct hush_spans *out)
{
    const struct resolve_idle idle = {only_function_words, m};
    resolve(&m->c, text, len, &idle, out);
}

/* How many times at most run_after_rules settles again: each settling reads
 * every candidate, so a chain of identifiers each found after the last
 * ("aged 3, 7, 9 and 11") costs its length times the text's; a text that
 * chains further fails, as a regex that cannot finish does, rather than
 * take time quadratic in its length or stop with a chain half found. */
#define MAX_AFTER_LINKS 256

/* Tries the rules with after just after each tag of their category already
 * in the text (so that verify, reading redacted text, finds what redact
 * would have) and at the end of each identifier of it in out; settles
 * again, and tries them at the ends of the identifiers that settling
 * added, until it adds none.  So what they find may set off another ("Mr
 * Tobias Venn, MRN AB12345, 71, or 72 now"), as it would next to its tag
 * when the text is redacted again.  Each end is tried once.  A chain longer
 * than MAX_AFTER_LINKS fails the text (HUSH_EDATA, naming where). */
static int
run_after_rules(struct hush_matcher *m, const char *text, size_t len, struct hush_spans *out,
                struct hush_error *err)
{
    const struct hush_ruleset *rs = m->rs;
    bool cased = rs->has_lower_case_texts && text_is_cased(&m->toks);
    struct regex_jit *jit = m->interpreted ? NULL : &m->jit;
    struct regex_pass rp = {rs, text, len, &m->st, NULL, jit, m->next, &m->c, err, cased};
    int rc = 0;
    size_t *tried = NULL, ntried = 0, cap = 0, before = m->c.n;
    /* The tags, found once by protect_tags, are allow candidates of no
     * rule that carry their category. */
    for (size_t i = 0; i < before && rc == 0; i++) {
        const struct candidate *d = &m->c.v[i];
        if (d->allow && d->rule == UINT32_MAX && d->category != UINT32_MAX)
            rc = try_after_rules_kept(m, &rp, d->category, d->end);
    }
    for (int links = 0; rc == 0; links++) {
        if (links > 0) {
            if (m->c.n == before)
                break;
            if (links > MAX_AFTER_LINKS) {
                size_t line, col;
                hush_text_where(text, len, m->c.v[m->c.n - 1].start, &line, &col);
                hush_error_set(err, HUSH_EDATA,
                               "%zu:%zu: identifiers chained by after rules more than %d deep",
                               line, col, MAX_AFTER_LINKS);
                rc = -1;
                break;
            }
            resolve_candidates(m, text, len, out);
            before = m->c.n;
        }
        size_t was = ntried;
        for (size_t i = 0; i < out->n && rc == 0; i++) {
            size_t end = out->v[i].end;
            if (!has_after_rules(rs, out->v[i].category) ||
                (was && bsearch(&end, tried, was, sizeof *tried, compare_offsets)))
                continue;
            tried = hush_xgrow(tried, &cap, ntried + 1, sizeof *tried);
            tried[ntried++] = end;
            rc = try_after_rules_kept(m, &rp, out->v[i].category, end);
        }
        if (ntried > 1)
            qsort(tried, ntried, sizeof *tried, compare_offsets);
    }
    free(tried);
    return rc;
}

/* An initial's full stop, where a blank or the text's end follows it, goes
 * with the initial into its tag ("Dr P. And" is "Dr [PERSON] And"), as the
 * rules that find "Mrs J." take it: the tokeniser reads that stop as no
 * sentence's end, and the redacted text must read as the original did.
 * The pronoun I is no initial (initial_token). */
static void
take_initial_stops(const struct token_list *toks, const char *text, size_t len,
                   struct hush_spans *out)
{
    for (size_t i = 0; i < out->n; i++) {
        size_t e = out->v[i].end;
        if (e >= len || text[e] != '.' || (e + 1 < len && !is_space_byte(text[e + 1])) ||
            (i + 1 < out->n && out->v[i + 1].start <= e))
            continue;
        size_t k = token_after(toks, e - 1);
        if (k < toks->n && toks->v[k].end == e && initial_token(text, &toks->v[k]))
            out->v[i].end = (uint32_t)(e + 1);
    }
}

/* How many rounds of after rules and recurrence a text gets at most; each
 * round that changes the identifiers finds a name the one before did not,
 * and texts need one or two. */
#define MAX_AFTER_ROUNDS 8

/* A digest of the identifiers in out, their extents and categories, to
 * tell whether a round changed them (a category decides which after rules
 * an identifier's end sets off). */
static uint64_t
spans_signature(const struct hush_spans *out)
{
    uint64_t h = HASH_SEED ^ out->n;
    for (size_t i = 0; i < out->n; i++) {
        h = hash_seq(h, (uint64_t)out->v[i].start << 32 ^ out->v[i].end);
        h = hash_seq(h, out->v[i].category);
    }
    return h;
}

/* Is a candidate from index from on one of a names rule? */
static bool
names_added(const struct hush_matcher *m, size_t from)
{
    for (size_t i = from; i < m->c.n; i++)
        if (!m->c.v[i].allow && m->c.v[i].rule < m->rs->n &&
            m->rs->rules[m->c.v[i].rule].kind == KIND_NAMES)
            return true;
    return false;
}

int
hush_matcher_run(struct hush_matcher *m, const char *text, size_t len, struct hush_spans *out,
                 struct hush_error *err)
{
    const struct hush_ruleset *rs = m->rs;
    out->n = 0;
    m->c.n = 0;
    if (len > HUSH_MAX_DOCUMENT)
        return hush_error_set(err, HUSH_EDATA, "text is larger than the limit of %zu bytes",
                              HUSH_MAX_DOCUMENT);
    tokenize(text, len, &m->toks);
    if (m->labels_are_speakers)
        for (size_t i = 0; i < m->toks.n; i++)
            if (m->toks.v[i].flags & TOK_LABEL)
                m->toks.v[i].flags |= TOK_LABEL_AGAIN;
    if (m->toks.oversize != SIZE_MAX) {
        /* A name padded with combining marks or joiners must not slip by. */
        size_t line, col;
        hush_text_where(text, len, m->toks.oversize, &line, &col);
        return hush_error_set(err, HUSH_EDATA, "%zu:%zu: a word longer than %d bytes", line, col,
                              HUSH_MAX_TOKEN_BYTES);
    }
    m->ents = hush_xgrow(m->ents, &m->cap_ents, m->toks.n + 1, sizeof *m->ents);
    memset(m->ents, 0, (m->toks.n + 1) * sizeof *m->ents);
    protect_tags(rs, text, len, &m->c);
    if (rs->has_lists)
        names_find(rs, text, len, &m->toks, m->ents, &m->c);
    if (run_regexes(m, text, len, err) < 0)
        return err->status;
    allowed_words_recur(m, text);
    settle_function_words(m, text, len, true);
    resolve_candidates(m, text, len, out);
    size_t before = m->c.n;
    names_propagate(rs, text, len, &m->toks, m->ents, out, &m->c);
    identifiers_recur(rs, text, len, &m->toks, m->ents, out, &m->c, before);
    if (m->c.n > before) {
        /* The pronoun holds for the names found again too; they are
         * accepted names' words or initials ("IN", "SO"), not function
         * words read as names. */
        settle_function_words(m, text, len, false);
        resolve_candidates(m, text, len, out);
    }
    /* A name an after rule found ("78F, EB,") is found wherever it recurs,
     * as any other is; and where it recurs, or its initials do, the after
     * rules are tried at its end too, as they would be beside its tag when
     * the text is redacted again.  Until the identifiers stop changing, or
     * for at most MAX_AFTER_ROUNDS rounds. */
    for (int round = 0; rs->nafter && round < MAX_AFTER_ROUNDS; round++) {
        size_t was = m->c.n;
        if (run_after_rules(m, text, len, out, err) < 0)
            return err->status;
        if (!names_added(m, was))
            break;
        uint64_t seen = spans_signature(out);
        before = m->c.n;
        names_propagate(rs, text, len, &m->toks, m->ents, out, &m->c);
        if (m->c.n == before)
            break;
        settle_function_words(m, text, len, false);
        resolve_candidates(m, text, len, out);
        if (spans_signature(out) == seen)
            break;
    }
    take_initial_stops(&m->toks, text, len, out);
    return HUSH_OK;
}

int
hush_match(const struct hush_ruleset *rs, const char *text, size_t len, struct hush_spans *out,
           struct hush_error *err)
{
    struct hush_matcher *m = hush_matcher_new(rs);
    int rc = hush_matcher_run(m, text, len, out, err);
    hush_matcher_free(m);
    return rc;
}
