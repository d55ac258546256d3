/*
 * verify.c: checks text that should hold no identifier.  A leak is
 * anything a detector of the rule set still finds, or a tag that is not
 * well formed; a suspect is what looks like an identifier that the rules do
 * not cover (a capitalised word that is no English word, a long number, an
 * @, a web address, a capital inside a word).  Findings carry offsets and
 * what was found, never the text.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SUSPECT_DIGITS 6 /* a run of this many digits is a suspect */

static void
add(struct hush_findings *f, size_t start, size_t end, int kind, const char *category,
    const char *why)
{
    f->v = hush_xgrow(f->v, &f->cap, f->n + 1, sizeof *f->v);
    f->v[f->n++] = (struct hush_finding){start, end, kind, category, why};
}

void
hush_findings_free(struct hush_findings *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}

/* Tags: "[CATEGORY]" or "[CATEGORY-CODE]" with a category of the rule set
 * and an 8-character Crockford base32 code.  Anything else in that shape
 * is flagged: a malformed code as a leak, an unknown word as a suspect
 * (transcribers write "[INAUDIBLE]"). */
static void
check_tags(const struct hush_ruleset *rs, const char *text, size_t len, struct hush_findings *f)
{
    for (const char *p = memchr(text, '[', len); p;
         p = memchr(p + 1, '[', len - (size_t)(p + 1 - text))) {
        const char *q = p + 1, *end = text + len;
        if (q >= end || !(*q >= 'A' && *q <= 'Z'))
            continue;
        const char *c = q;
        while (c < end && is_category_char(*c))
            c++;
        const char *dash = c < end && *c == '-' ? c : NULL;
        const char *code = dash ? dash + 1 : c, *e = code;
        while (e < end && (is_category_char(*e)))
            e++;
        if (e >= end || *e != ']')
            continue; /* not a tag's shape: words and prose are the suspects' job */
        size_t start = (size_t)(p - text), stop = (size_t)(e + 1 - text);
        if (tag_at(rs, text, len, start) == stop - start)
            continue; /* one the rules write */
        bool known = false;
        for (size_t k = 0; k < rs->ncategories && !known; k++)
            known = strlen(rs->categories[k]) == (size_t)(c - q) &&
                    memcmp(rs->categories[k], q, (size_t)(c - q)) == 0;
        if (dash && !hush_is_pseudonym_code(code, (size_t)(e - code)))
            add(f, start, stop, HUSH_LEAK, "TAG", "malformed-pseudonym");
        else if (!known)
            add(f, start, stop, HUSH_SUSPECT, "TAG", "unknown-tag");
    }
}

/* What the rules account for: the spans found and the allow rules'
 * candidates, merged into sorted disjoint intervals, so that a cursor moving
 * forward answers "is [s, e) inside one?" in linear time overall. */
struct accounted {
    struct candidate *v;
    size_t n;
    size_t at; /* cursor */
};

static int
interval_by_start(const void *a, const void *b)
{
    const struct candidate *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static void
accounted_init(struct accounted *ac, const struct hush_matcher *m, const struct hush_spans *spans)
{
    ac->v = hush_xmalloc((spans->n + m->c.n + 1) * sizeof *ac->v);
    ac->n = 0;
    for (size_t i = 0; i < spans->n; i++)
        ac->v[ac->n++] =
            (struct candidate){(uint32_t)spans->v[i].start, (uint32_t)spans->v[i].end, 0, 0, false};
    for (size_t i = 0; i < m->c.n; i++)
        if (m->c.v[i].allow)
            ac->v[ac->n++] = m->c.v[i];
    if (ac->n > 1)
        qsort(ac->v, ac->n, sizeof *ac->v, interval_by_start);
    size_t k = 0;
    for (size_t i = 1; i < ac->n; i++) {
        if (ac->v[i].start <= ac->v[k].end) {
            if (ac->v[i].end > ac->v[k].end)
                ac->v[k].end = ac->v[i].end;
        } else {
            ac->v[++k] = ac->v[i];
        }
    }
    ac->n = ac->n ? k + 1 : 0;
    ac->at = 0;
}

/* Is [s, e) inside one interval?  Calls must come with s not decreasing
 * (accounted_rewind starts again). */
static bool
accounted_covers(struct accounted *ac, size_t s, size_t e)
{
    while (ac->at < ac->n && ac->v[ac->at].end <= s)
        ac->at++;
    return ac->at < ac->n && ac->v[ac->at].start <= s && e <= ac->v[ac->at].end;
}

static void
accounted_rewind(struct accounted *ac)
{
    ac->at = 0;
}

static bool
in_tag(const char *text, size_t start, size_t end, size_t len)
{
    return start > 0 && text[start - 1] == '[' && end < len &&
           (text[end] == ']' || text[end] == '-');
}

/* Words and marks the rules do not cover but that look like identifiers. */
static void
check_suspects(const struct hush_matcher *m, const struct hush_spans *spans, const char *text,
               size_t len, struct hush_findings *f)
{
    const struct token_list *tl = &m->toks;
    struct accounted ac;
    accounted_init(&ac, m, spans);
    for (size_t i = 0; i < tl->n; i++) {
        const struct token *t = &tl->v[i];
        if (in_tag(text, t->start, t->end, len) || accounted_covers(&ac, t->start, t->end))
            continue;
        const struct lex_entry *e = m->ents[i];
        bool english = e && (e->flags & LEX_COMMON_WORD);
        if ((t->flags & TOK_CAPITALISED) && !(t->flags & (TOK_SENTENCE_START | TOK_INITIAL)) &&
            !english) {
            add(f, t->start, t->end, HUSH_SUSPECT, "WORD", "capitalised-word-not-in-dictionary");
            continue;
        }
        size_t digits = 0, most = 0;
        bool inner_capital = false;
        for (uint32_t k = t->start; k < t->end; k++) {
            char c = text[k];
            digits = c >= '0' && c <= '9' ? digits + 1 : 0;
            most = digits > most ? digits : most;
            if (k > t->start && c >= 'A' && c <= 'Z' && text[k - 1] >= 'a' && text[k - 1] <= 'z')
                inner_capital = true;
        }
        if (most >= SUSPECT_DIGITS)
            add(f, t->start, t->end, HUSH_SUSPECT, "NUMBER", "long-number");
        else if (inner_capital)
            add(f, t->start, t->end, HUSH_SUSPECT, "WORD", "capital-inside-a-word");
    }
    accounted_rewind(&ac);
    for (const char *p = memchr(text, '@', len); p;
         p = memchr(p + 1, '@', len - (size_t)(p + 1 - text))) {
        size_t at = (size_t)(p - text);
        if (!accounted_covers(&ac, at, at + 1))
            add(f, at, at + 1, HUSH_SUSPECT, "CONTACT", "at-sign");
    }
    static const char *const web[] = {"http://", "https://", "www."};
    for (size_t k = 0; k < sizeof web / sizeof web[0]; k++) {
        size_t n = strlen(web[k]);
        accounted_rewind(&ac);
        for (size_t at = 0; at + n <= len; at++)
            if ((text[at] | 0x20) == web[k][0] && strncasecmp(text + at, web[k], n) == 0 &&
                !accounted_covers(&ac, at, at + n))
                add(f, at, at + n, HUSH_SUSPECT, "CONTACT", "web-address");
    }
    free(ac.v);
}

static int
by_start(const void *a, const void *b)
{
    const struct hush_finding *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

int
hush_verify_text(struct hush_matcher *m, const char *text, size_t len, struct hush_findings *out,
                 struct hush_error *err)
{
    out->n = 0;
    struct hush_spans spans = {0};
    int rc = hush_matcher_run(m, text, len, &spans, err);
    if (rc == HUSH_OK) {
        const struct hush_ruleset *rs = m->rs;
        for (size_t i = 0; i < spans.n; i++)
            add(out, spans.v[i].start, spans.v[i].end, HUSH_LEAK,
                rs->categories[spans.v[i].category], rs->rules[spans.v[i].rule].id);
        check_tags(rs, text, len, out);
        check_suspects(m, &spans, text, len, out);
        if (out->n > 1)
            qsort(out->v, out->n, sizeof *out->v, by_start);
    }
    hush_spans_free(&spans);
    return rc;
}
