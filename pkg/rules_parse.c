/*
 * rules_parse.c: the rule-file language, version 1 (hush-rules(5)).
 *
 * A file is a sequence of lines.  Blank lines and lines whose first non-blank
 * character is # are comments.  At column 1 stand the directives
 * (include PATH, words PATH) and the headers of blocks (rule ID, allow ID);
 * the indented lines after a header are that block's fields.  Messages name
 * file:line:column and never quote list contents or examples.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct digest_state {
    crypto_generichash_state h;
    const struct hush_pubkey *trusted; /* every file must be signed by it, if set */
    char comment[256];                 /* the first file's trusted comment */
    bool commented;
};

/* Where the parser is, for messages. */
struct cursor {
    const char *file;
    size_t line;
};

static int
fail(struct hush_error *err, const struct cursor *at, size_t col, const char *fmt, const char *a)
{
    char what[400];
    snprintf(what, sizeof what, fmt, a ? a : "");
    return hush_error_set(err, HUSH_ECONFIG, "%s:%zu:%zu: %s", at->file, at->line, col, what);
}

int
rules_read_file(const char *path, struct hush_buf *out, struct hush_error *err)
{
    struct hush_doc doc;
    struct hush_error e = {0};
    if (hush_doc_load(path, HUSH_MAX_RULE_FILE, &doc, &e) != HUSH_OK) {
        /* A rule or list file that is missing, too big or not text is a
         * configuration error, whatever stopped it. */
        return hush_error_set(err, HUSH_ECONFIG, "%s", e.msg);
    }
    hush_buf_free(out);
    out->data = doc.data;
    out->len = out->cap = doc.len;
    doc.data = NULL;
    hush_doc_release(&doc);
    return HUSH_OK;
}

/* Resolves name against the directory of the file that names it. */
static char *
resolve_path(const char *from, const char *name)
{
    if (name[0] == '/')
        return hush_xstrdup(name);
    const char *slash = strrchr(from, '/');
    if (slash == NULL)
        return hush_xstrdup(name);
    size_t dl = (size_t)(slash - from) + 1;
    char *p = hush_xmalloc(dl + strlen(name) + 1);
    memcpy(p, from, dl);
    strcpy(p + dl, name);
    return p;
}

static bool
is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Splits "keyword rest" at s: returns the keyword length and sets *rest to
 * the first non-blank after it. */
static size_t
split_word(const char *s, const char **rest)
{
    size_t n = 0;
    while (s[n] && !is_blank(s[n]))
        n++;
    const char *r = s + n;
    while (is_blank(*r))
        r++;
    *rest = r;
    return n;
}

/* Removes a trailing "  # comment" and blanks, for fields whose values
 * cannot contain #. */
static void
strip_comment(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '#' && (p == s || is_blank(p[-1]))) {
            *p = '\0';
            break;
        }
    size_t n = strlen(s);
    while (n && is_blank(s[n - 1]))
        s[--n] = '\0';
}

static bool
word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

static bool
valid_id(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return false;
    return true;
}

static bool
valid_category(const char *s)
{
    if (!(*s >= 'A' && *s <= 'Z'))
        return false;
    for (; *s; s++)
        if (!is_category_char(*s))
            return false;
    return true;
}

/* Reads a double-quoted string at *p with \" \\ \n \t \r escapes; advances
 * *p past it.  Returns NULL (and the column of the problem in *bad) when
 * the string is not well formed. */
static char *
read_quoted(const char **p, const char *line, size_t *bad)
{
    const char *s = *p;
    if (*s != '"') {
        *bad = (size_t)(s - line) + 1;
        return NULL;
    }
    struct hush_buf b = {0};
    hush_buf_append(&b, "", 0);
    for (s++; *s && *s != '"'; s++) {
        char c = *s;
        if (c == '\\') {
            s++;
            switch (*s) {
            case '"':
            case '\\':
                c = *s;
                break;
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            default:
                *bad = (size_t)(s - line) + 1;
                hush_buf_free(&b);
                return NULL;
            }
        }
        hush_buf_append(&b, &c, 1);
    }
    if (*s != '"') {
        *bad = (size_t)(s - line) + 1;
        hush_buf_free(&b);
        return NULL;
    }
    *p = s + 1;
    return b.data;
}

/* Parses the value of an expect field: "INPUT" -> "OUTPUT", or
 * "INPUT" -> same. */
static int
parse_expect(struct rule *r, const char *line, const char *v, const struct cursor *at,
             struct hush_error *err)
{
    size_t bad = 0;
    const char *p = v;
    char *in = read_quoted(&p, line, &bad);
    if (in == NULL)
        return fail(err, at, bad, "expect: expected a quoted input, \"...\"", NULL);
    while (is_blank(*p))
        p++;
    if (strncmp(p, "->", 2) != 0) {
        free(in);
        return fail(err, at, (size_t)(p - line) + 1, "expect: expected -> after the input", NULL);
    }
    p += 2;
    while (is_blank(*p))
        p++;
    char *out;
    if (strncmp(p, "same", 4) == 0 && (p[4] == '\0' || is_blank(p[4]))) {
        out = hush_xstrdup(in);
        p += 4;
    } else {
        out = read_quoted(&p, line, &bad);
        if (out == NULL) {
            free(in);
            return fail(err, at, bad, "expect: expected a quoted output or the word same", NULL);
        }
    }
    while (is_blank(*p))
        p++;
    if (*p) {
        free(in);
        free(out);
        return fail(err, at, (size_t)(p - line) + 1, "expect: unexpected text after the output",
                    NULL);
    }
    size_t bad_off;
    if (!hush_utf8_valid(in, strlen(in), &bad_off) ||
        !hush_utf8_valid(out, strlen(out), &bad_off)) {
        free(in);
        free(out);
        return fail(err, at, 1, "expect: example is not valid UTF-8", NULL);
    }
    r->examples = hush_xgrow(r->examples, &r->cap_examples, r->nexamples + 1, sizeof *r->examples);
    r->examples[r->nexamples++] = (struct example){in, out, at->line};
    return HUSH_OK;
}

/* In a signed load, checks that the file was signed by the trusted key
 * before anything of it is used. */
static int
check_signature(struct digest_state *ds, const char *path, const struct hush_buf *b,
                struct hush_error *err)
{
    if (ds->trusted == NULL)
        return HUSH_OK;
    char comment[256];
    int rc = sig_verify_file(ds->trusted, path, b->data, b->len, comment, sizeof comment, err);
    if (rc == HUSH_OK && !ds->commented) {
        snprintf(ds->comment, sizeof ds->comment, "%s", comment);
        ds->commented = true;
    }
    return rc;
}

/* Adds one file to the rule-set digest: the digest is BLAKE2b-256 over the
 * BLAKE2b-256 of each loaded file, in load order.  The file's own hash is
 * left in hash for other uses (the lexicon image key). */
static void
digest_file(struct digest_state *ds, const struct hush_buf *b, unsigned char hash[32])
{
    crypto_generichash(hash, 32, (const unsigned char *)b->data, b->len, NULL, 0);
    crypto_generichash_update(&ds->h, hash, 32);
}

/* Records path in the loaded-files table and returns the stored copy. */
static const char *
remember_file(struct hush_ruleset *rs, const char *path)
{
    rs->files = hush_xgrow(rs->files, &rs->cap_files, rs->nfiles + 1, sizeof *rs->files);
    rs->files[rs->nfiles].path = hush_xstrdup(path);
    return rs->files[rs->nfiles++].path;
}

/* Reads the file at path into b and, in a signed load, checks its
 * signature; on failure b is left empty. */
static int
read_checked(struct digest_state *ds, const char *path, struct hush_buf *b, struct hush_error *err)
{
    int rc = rules_read_file(path, b, err);
    if (rc == HUSH_OK)
        rc = check_signature(ds, path, b, err);
    if (rc != HUSH_OK)
        hush_buf_free(b);
    return rc;
}

/* Reads a list or words file named on a rule line; its entries are loaded
 * when the whole rule set is known (lists_finish). */
static int
read_list_file(struct hush_ruleset *rs, uint32_t ri, const char *path, const char *column,
               struct digest_state *ds, struct hush_error *err)
{
    struct hush_buf b = {0};
    int rc = read_checked(ds, path, &b, err);
    if (rc != HUSH_OK)
        return rc;
    rs->pending = hush_xgrow(rs->pending, &rs->cap_pending, rs->npending + 1, sizeof *rs->pending);
    struct pending_list *pl = &rs->pending[rs->npending++];
    *pl = (struct pending_list){
        ri, (char *)remember_file(rs, path), column ? hush_xstrdup(column) : NULL, b, {0}};
    digest_file(ds, &b, pl->hash);
    return HUSH_OK;
}

static int open_block(struct hush_ruleset *rs, bool allow, const char *id, const struct cursor *at,
                      size_t col, struct hush_error *err);

/* Reads a study register (register.c) and makes one list rule for each
 * category it names, whose entries are the aliases of that category. */
static int
read_register(struct hush_ruleset *rs, const char *path, struct digest_state *ds,
              struct hush_error *err)
{
    struct hush_buf b = {0};
    int rc = read_checked(ds, path, &b, err);
    size_t first = rs->nreg;
    const char *stored = remember_file(rs, path);
    unsigned char hash[32];
    if (rc == HUSH_OK) {
        digest_file(ds, &b, hash);
        rc = register_parse(rs, stored, b.data, b.len, err);
    }
    hush_buf_free(&b);
    for (uint32_t c = 0; rc == HUSH_OK && c < rs->ncategories; c++) {
        struct hush_buf list = {0};
        size_t row = 0;
        for (size_t i = first; i < rs->nreg; i++)
            for (size_t a = 0; rs->reg[i].category == c && a < rs->reg[i].nkeys; a++) {
                hush_buf_printf(&list, "%s\n", rs->reg[i].forms[a]);
                row = row ? row : rs->reg[i].line;
            }
        if (list.len == 0)
            continue;
        char id[96];
        snprintf(id, sizeof id, "register%zu-%s", first, rs->categories[c]);
        for (char *q = id; *q; q++)
            *q = (char)(*q >= 'A' && *q <= 'Z' ? *q - 'A' + 'a' : *q);
        struct cursor at = {stored, row};
        rc = open_block(rs, false, id, &at, 1, err);
        if (rc != HUSH_OK) {
            hush_buf_free(&list);
            break;
        }
        struct rule *r = &rs->rules[rs->n - 1];
        r->category = c;
        r->detector = DET_LIST;
        r->registered = true;
        r->list_path = hush_xstrdup(stored);
        r->reason = hush_xstrdup("named in the study's register");
        r->window = HUSH_KEYWORD_WINDOW;
        rs->has_lists = true;
        rs->pending =
            hush_xgrow(rs->pending, &rs->cap_pending, rs->npending + 1, sizeof *rs->pending);
        struct pending_list *pl = &rs->pending[rs->npending++];
        *pl = (struct pending_list){(uint32_t)rs->n - 1, (char *)stored, NULL, list, {0}};
        crypto_generichash(pl->hash, sizeof pl->hash, (const unsigned char *)list.data, list.len,
                           NULL, 0);
    }
    return rc;
}

/* Is the define name[0, n) called as (?&name) in pattern? */
static bool
calls_define(const char *pattern, const char *name, size_t n)
{
    for (const char *p = strstr(pattern, "(?&"); p; p = strstr(p + 3, "(?&"))
        if (strncmp(p + 3, name, n) == 0 && p[3 + n] == ')')
            return true;
    return false;
}

/* pattern with a (?(DEFINE)...) group appended that holds every define it
 * calls, directly or through another define; a copy of pattern when it
 * calls none.  The caller frees it. */
static char *
expand_defines(const struct hush_ruleset *rs, const char *pattern)
{
    bool *used = hush_xcalloc(rs->ndefines + 1, sizeof *used);
    bool any = false, grew = true;
    while (grew) {
        grew = false;
        for (size_t i = 0; i < rs->ndefines; i++) {
            const char *name = rs->defines[i].name;
            if (used[i])
                continue;
            bool called = calls_define(pattern, name, strlen(name));
            for (size_t k = 0; k < rs->ndefines && !called; k++)
                called = used[k] && calls_define(rs->defines[k].pattern, name, strlen(name));
            if (called)
                used[i] = grew = any = true;
        }
    }
    struct hush_buf b = {0};
    hush_buf_append(&b, pattern, strlen(pattern));
    if (any) {
        hush_buf_append(&b, "(?(DEFINE)", 10);
        for (size_t i = 0; i < rs->ndefines; i++)
            if (used[i])
                hush_buf_printf(&b, "(?<%s>%s)", rs->defines[i].name, rs->defines[i].pattern);
        hush_buf_append(&b, ")", 1);
    }
    hush_buf_append(&b, "", 1);
    free(used);
    return b.data;
}

/* Compiles the pattern value (at column vcol of its line) of a regex or
 * context field, with the defines it calls, into r. */
static int
compile_pattern(struct hush_ruleset *rs, struct rule *r, const char *value, size_t vcol,
                const struct cursor *at, struct hush_error *err)
{
    r->pattern = expand_defines(rs, value);
    size_t col = 0;
    struct hush_error e = {0};
    if (regex_compile(&r->re, r->pattern, &col, &e) != HUSH_OK) {
        if (col > strlen(value) + 1)
            return fail(err, at, vcol, "bad regex in a define it calls: %s", e.msg);
        return fail(err, at, vcol + col - 1, "bad regex: %s", e.msg);
    }
    if (r->re.capture_count > rs->max_captures)
        rs->max_captures = r->re.capture_count;
    return HUSH_OK;
}

/* Adds the define name[0, n) with pattern to rs, from the line at (the
 * name at column col, the pattern at pcol): refused when the name is
 * defined already or the pattern does not compile on its own. */
static int
add_define(struct hush_ruleset *rs, const char *name, size_t n, const char *pattern,
           const struct cursor *at, size_t col, size_t pcol, struct hush_error *err)
{
    for (size_t i = 0; i < rs->ndefines; i++)
        if (strlen(rs->defines[i].name) == n && memcmp(rs->defines[i].name, name, n) == 0)
            return fail(err, at, col, "define: the name is defined twice", NULL);
    rs->defines = hush_xgrow(rs->defines, &rs->cap_defines, rs->ndefines + 1, sizeof *rs->defines);
    rs->defines[rs->ndefines++] =
        (struct pattern_define){hush_xstrndup(name, n), hush_xstrdup(pattern)};
    /* Compiled once on its own, so that a mistake is reported here. */
    char *alone = hush_xmalloc(n + 8);
    sprintf(alone, "(?&%.*s)", (int)n, name);
    struct regex re = {0};
    size_t ecol = 0;
    struct hush_error e = {0};
    char *full = expand_defines(rs, alone);
    int rc = regex_compile(&re, full, &ecol, &e);
    regex_free(&re);
    free(full);
    free(alone);
    if (rc != HUSH_OK)
        return fail(err, at, pcol, "define: bad pattern: %s", e.msg);
    return HUSH_OK;
}

/* Reads a define directive's value: a name, blanks, then the pattern (the
 * rest of the line, taken literally). */
static int
parse_define(struct hush_ruleset *rs, char *line, char *value, const struct cursor *at,
             struct hush_error *err)
{
    size_t vcol = (size_t)(value - line) + 1;
    size_t n = 0;
    while ((value[n] >= 'a' && value[n] <= 'z') || value[n] == '_' ||
           (n > 0 && value[n] >= '0' && value[n] <= '9'))
        n++;
    const char *pattern = value + n;
    while (is_blank(*pattern))
        pattern++;
    if (n == 0 || n > 32 || !is_blank(value[n]) || *pattern == '\0')
        return fail(err, at, vcol,
                    "define: expected a name (lower-case letters, digits and _) and a pattern",
                    NULL);
    return add_define(rs, value, n, pattern, at, vcol, (size_t)(pattern - line) + 1, err);
}

/* The define that the acronyms and context-acronyms directives make of
 * their lists, for patterns to call as (?&acronym). */
#define ACRONYM_DEFINE "acronym"

/* Adds the entries of an acronyms or context-acronyms list b (a plain
 * list, read as the list loader reads it: plain_list_next) to the define
 * ACRONYM_DEFINE as alternatives, making it on the first such list and
 * refusing a define of that name made otherwise.  An entry must be ASCII
 * letters and digits. */
static int
define_acronyms(struct hush_ruleset *rs, const struct hush_buf *b, const struct cursor *at,
                size_t col, struct hush_error *err)
{
    struct hush_buf pat = {0};
    size_t entries = 0, line = 0;
    const char *p = b->data, *s, *e;
    while (plain_list_next(&p, b->data + b->len, &s, &e, &line)) {
        for (const char *k = s; k < e; k++) {
            unsigned char c = (unsigned char)*k;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                hush_buf_free(&pat);
                return fail(err, at, col, "acronyms: an entry must be ASCII letters and digits",
                            NULL);
            }
        }
        if (entries++)
            hush_buf_append(&pat, "|", 1);
        hush_buf_append(&pat, s, (size_t)(e - s));
    }
    if (entries == 0) {
        hush_buf_free(&pat);
        return fail(err, at, col, "acronyms: the list is empty", NULL);
    }
    hush_buf_append(&pat, "", 1); /* the terminating NUL */
    size_t n = strlen(ACRONYM_DEFINE);
    int rc = HUSH_OK;
    if (!rs->acronyms_defined) {
        rc = add_define(rs, ACRONYM_DEFINE, n, pat.data, at, col, col, err);
        rs->acronyms_defined = rc == HUSH_OK;
    } else {
        /* Later lists add alternatives to the define the first made. */
        for (size_t i = 0; i < rs->ndefines; i++) {
            struct pattern_define *d = &rs->defines[i];
            if (strcmp(d->name, ACRONYM_DEFINE) != 0)
                continue;
            size_t was = strlen(d->pattern);
            d->pattern = hush_xrealloc(d->pattern, was + pat.len + 1);
            d->pattern[was] = '|';
            memcpy(d->pattern + was + 1, pat.data, pat.len);
        }
    }
    hush_buf_free(&pat);
    return rc;
}

/* Reads a context-acronyms list: acronyms that the patterns take for no
 * one's initials where their context alone must tell ("bed 2 - FH"),
 * though a named person may have those initials ("Fiona Hartley (FH)"),
 * so they are no part of the acronyms the name rules read.  The file is
 * digested and signed as any other. */
static int
read_context_acronyms(struct hush_ruleset *rs, const char *path, const struct cursor *at,
                      size_t col, struct digest_state *ds, struct hush_error *err)
{
    if (!rs->acronyms_defined)
        return fail(err, at, col, "context-acronyms: needs an acronyms directive before it", NULL);
    struct hush_buf b = {0};
    int rc = read_checked(ds, path, &b, err);
    if (rc == HUSH_OK) {
        unsigned char hash[32];
        remember_file(rs, path);
        digest_file(ds, &b, hash);
        rc = define_acronyms(rs, &b, at, col, err);
    }
    hush_buf_free(&b);
    return rc;
}

/* Checks a finished block and loads what it names. */
static int
finish_rule(struct hush_ruleset *rs, uint32_t ri, struct digest_state *ds, struct hush_error *err)
{
    struct rule *r = &rs->rules[ri];
    struct cursor at = {r->file, r->line};
    if (r->detector == DET_NONE)
        return fail(err, &at, 1, "rule '%s' has no detector (regex, context or list)", r->id);
    if (r->reason == NULL)
        return fail(err, &at, 1, "rule '%s' has no reason", r->id);
    if (!r->allow && r->category == UINT32_MAX)
        return fail(err, &at, 1, "rule '%s' has no category", r->id);
    if (r->check != CHECK_NONE && r->detector == DET_LIST)
        return fail(err, &at, 1, "rule '%s': check applies to regex and context rules only", r->id);
    bool after = r->after != UINT32_MAX;
    if ((r->anchor || r->keywords || after) && r->detector == DET_LIST)
        return fail(err, &at, 1,
                    "rule '%s': anchor, keywords and after apply to regex and context rules only",
                    r->id);
    if (!!r->anchor + !!r->keywords + after > 1)
        return fail(err, &at, 1, "rule '%s': give one of anchor, keywords and after", r->id);
    if (r->lower_case_texts && r->detector == DET_LIST)
        return fail(err, &at, 1, "rule '%s': texts applies to regex and context rules only", r->id);
    if (r->lower_case_texts)
        rs->has_lower_case_texts = true;
    if (r->lower_case_phrases && r->detector != DET_LIST)
        return fail(err, &at, 1, "rule '%s': phrases applies to list rules only", r->id);
    if (r->needs != NEEDS_ANY && (r->detector == DET_LIST || r->kind != KIND_NAMES))
        return fail(err, &at, 1,
                    "rule '%s': needs applies to regex and context rules of kind names only",
                    r->id);
    if (r->window && !r->keywords)
        return fail(err, &at, 1, "rule '%s': window goes with keywords", r->id);
    r->window = r->window ? r->window - 1 : HUSH_KEYWORD_WINDOW;
    if (r->detector == DET_CONTEXT && r->re.capture_count < 1)
        return fail(err, &at, 1, "rule '%s': a context regex needs a capture group", r->id);
    if (r->detector == DET_LIST) {
        rs->has_lists = true;
        return read_list_file(rs, ri, r->list_path, r->list_column, ds, err);
    }
    return HUSH_OK;
}

/* The index of value among the n words names[] that field takes (check,
 * texts, needs, kind).  When value is none of them, sets err to "unknown
 * FIELD (known: ...)", the words listed from names[] itself, and returns -1. */
static int
choice(const char *field, const char *value, const char *const *names, size_t n,
       const struct cursor *at, size_t col, struct hush_error *err)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(value, names[i]) == 0)
            return (int)i;
    char known[200];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof known; i++)
        k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", i ? ", " : "", names[i]);
    char what[64];
    snprintf(what, sizeof what, "unknown %s (known: %%s)", field);
    fail(err, at, col, what, known);
    return -1;
}

/* The special list that directive [s, s + n) reads (words, function-words,
 * particles, rare-names, person-words, name-followers), or 0 when it names
 * none of them. */
static uint32_t
word_list_kind(const char *s, size_t n)
{
    static const struct {
        const char *directive;
        uint32_t kind;
    } kinds[] = {{"words", LIST_WORDS},
                 {"function-words", LIST_FUNCTION_WORDS},
                 {"particles", LIST_PARTICLES},
                 {"rare-names", LIST_RARE_NAMES},
                 {"person-words", LIST_PERSON_WORDS},
                 {"name-followers", LIST_NAME_FOLLOWERS},
                 {"acronyms", LIST_ACRONYMS}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (word_is(s, n, kinds[i].directive))
            return kinds[i].kind;
    return 0;
}

/* Reads a word-tags directive's value: one or more category names,
 * separated by blanks, whose tags stand for words (see token_list). */
static int
parse_word_tags(struct hush_ruleset *rs, const char *line, char *value, const struct cursor *at,
                struct hush_error *err)
{
    if (*value == '\0')
        return fail(err, at, (size_t)(value - line) + 1, "word-tags: expected a category", NULL);
    while (*value != '\0') {
        const char *rest;
        size_t n = split_word(value, &rest);
        size_t col = (size_t)(value - line) + 1;
        char saved = value[n];
        value[n] = '\0';
        if (!valid_category(value))
            return fail(err, at, col,
                        "word-tags: a category must be upper-case letters, digits and _", NULL);
        uint32_t c = rules_category(rs, value); /* may move rs->categories */
        const char *name = rs->categories[c];
        value[n] = saved;
        bool known = false;
        for (size_t i = 0; i < rs->nword_tags; i++)
            known |= rs->word_tags[i] == name;
        if (!known) {
            rs->word_tags = hush_xgrow(rs->word_tags, &rs->cap_word_tags, rs->nword_tags + 1,
                                       sizeof *rs->word_tags);
            rs->word_tag_sites = hush_xgrow(rs->word_tag_sites, &rs->cap_word_tag_sites,
                                            rs->nword_tags + 1, sizeof *rs->word_tag_sites);
            rs->word_tag_sites[rs->nword_tags] = (struct word_tag_site){at->file, at->line, col, c};
            rs->word_tags[rs->nword_tags++] = name;
        }
        value = (char *)rest;
    }
    return HUSH_OK;
}

/* Handles one field line of the block of rule r. */
static int
parse_field(struct hush_ruleset *rs, struct rule *r, char *line, char *s, const struct cursor *at,
            struct hush_error *err)
{
    const char *v;
    size_t kl = split_word(s, &v);
    size_t vcol = (size_t)(v - line) + 1;
    char *value = (char *)v;
    if (word_is(s, kl, "reason")) {
        if (*value == '\0')
            return fail(err, at, vcol, "reason: empty", NULL);
        if (r->reason == NULL) {
            r->reason = hush_xstrdup(value);
        } else {
            char *joined = hush_xmalloc(strlen(r->reason) + strlen(value) + 2);
            sprintf(joined, "%s %s", r->reason, value);
            free(r->reason);
            r->reason = joined;
        }
        return HUSH_OK;
    }
    if (word_is(s, kl, "expect"))
        return parse_expect(r, line, value, at, err);
    if (word_is(s, kl, "regex") || word_is(s, kl, "context")) {
        if (r->detector != DET_NONE)
            return fail(err, at, 1, "rule '%s' has more than one detector", r->id);
        if (*value == '\0')
            return fail(err, at, vcol, "empty pattern", NULL);
        r->detector = s[0] == 'r' ? DET_REGEX : DET_CONTEXT;
        return compile_pattern(rs, r, value, vcol, at, err);
    }
    strip_comment(value);
    if (word_is(s, kl, "category")) {
        if (r->allow)
            return fail(err, at, 1, "allow rules have no category", NULL);
        if (!valid_category(value))
            return fail(err, at, vcol, "category must be upper-case letters, digits and _", NULL);
        if (r->category != UINT32_MAX)
            return fail(err, at, 1, "category given twice", NULL);
        r->category = rules_category(rs, value);
        return HUSH_OK;
    }
    if (word_is(s, kl, "list")) {
        if (r->detector != DET_NONE)
            return fail(err, at, 1, "rule '%s' has more than one detector", r->id);
        const char *opt;
        size_t pl = split_word(value, &opt);
        if (pl == 0)
            return fail(err, at, vcol, "list: expected a file name", NULL);
        char *name = hush_xstrndup(value, pl);
        r->list_path = resolve_path(at->file, name);
        free(name);
        if (*opt) {
            if (strncmp(opt, "column=", 7) != 0 || opt[7] == '\0')
                return fail(err, at, (size_t)(opt - line) + 1,
                            "list: the only option is column=NAME", NULL);
            r->list_column = hush_xstrdup(opt + 7);
        }
        r->detector = DET_LIST;
        return HUSH_OK;
    }
    if (word_is(s, kl, "check")) {
        static const char *const checks[] = {"nhs-mod11", "luhn", "initials", "surname-initials"};
        static const enum check kinds[] = {CHECK_NHS_MOD11, CHECK_LUHN, CHECK_INITIALS,
                                           CHECK_SURNAME_INITIALS};
        int c = choice("check", value, checks, sizeof checks / sizeof *checks, at, vcol, err);
        if (c < 0)
            return HUSH_ECONFIG;
        r->check = kinds[c];
        return HUSH_OK;
    }
    if (word_is(s, kl, "anchor")) {
        unsigned char a = (unsigned char)value[0];
        if (a == 0 || value[1] != '\0' || a >= 0x80 || a <= ' ' ||
            (unsigned)((a | 0x20) - 'a') < 26u || (unsigned)(a - '0') < 10u)
            return fail(err, at, vcol, "anchor: expected one ASCII punctuation character", NULL);
        r->anchor = (char)a;
        return HUSH_OK;
    }
    if (word_is(s, kl, "after")) {
        if (!valid_category(value))
            return fail(err, at, vcol, "after: expected a category", NULL);
        r->after = rules_category(rs, value);
        return HUSH_OK;
    }
    if (word_is(s, kl, "keywords")) {
        if (*value == '\0')
            return fail(err, at, vcol, "keywords: expected one or more words", NULL);
        struct hush_buf kw = {0};
        if (r->keywords)
            hush_buf_append(&kw, r->keywords, strlen(r->keywords));
        for (char *w = value; *w;) {
            size_t n = strcspn(w, " \t");
            if (kw.len)
                hush_buf_append(&kw, " ", 1);
            hush_buf_append(&kw, w, n);
            w += n;
            while (is_blank(*w))
                w++;
        }
        free(r->keywords);
        r->keywords = kw.data;
        return HUSH_OK;
    }
    if (word_is(s, kl, "window")) {
        char *endp;
        long w = strtol(value, &endp, 10);
        if (*value == '\0' || *endp != '\0' || w < 0 || w > HUSH_KEYWORD_WINDOW)
            return fail(err, at, vcol, "window: expected a number of words from 0 to %s",
                        HUSH_STRINGIFY(HUSH_KEYWORD_WINDOW));
        r->window = (unsigned)w + 1; /* 0 stays "not given" until finish_rule */
        return HUSH_OK;
    }
    if (word_is(s, kl, "texts")) {
        static const char *const texts[] = {"any", "lower-case"};
        int c = choice("texts", value, texts, sizeof texts / sizeof *texts, at, vcol, err);
        if (c < 0)
            return HUSH_ECONFIG;
        r->lower_case_texts = c == 1;
        return HUSH_OK;
    }
    if (word_is(s, kl, "phrases")) {
        static const char *const phrases[] = {"capitalised", "also-lower-case"};
        int c = choice("phrases", value, phrases, sizeof phrases / sizeof *phrases, at, vcol, err);
        if (c < 0)
            return HUSH_ECONFIG;
        r->lower_case_phrases = c == 1;
        return HUSH_OK;
    }
    if (word_is(s, kl, "needs")) {
        /* In the order of enum needs. */
        static const char *const needs[] = {"any", "name-word", "plural-name"};
        int c = choice("needs", value, needs, sizeof needs / sizeof *needs, at, vcol, err);
        if (c < 0)
            return HUSH_ECONFIG;
        r->needs = (enum needs)c;
        return HUSH_OK;
    }
    if (word_is(s, kl, "kind")) {
        static const char *const kinds[] = {"terms", "names"};
        int c = choice("kind", value, kinds, sizeof kinds / sizeof *kinds, at, vcol, err);
        if (c < 0)
            return HUSH_ECONFIG;
        r->kind = c == 1 ? KIND_NAMES : KIND_TERMS;
        return HUSH_OK;
    }
    return fail(err, at, (size_t)(s - line) + 1,
                "unknown field (known: category regex context list check kind anchor keywords "
                "window after texts phrases needs reason expect)",
                NULL);
}

/* Starts a new rule or allow block. */
static int
open_block(struct hush_ruleset *rs, bool allow, const char *id, const struct cursor *at, size_t col,
           struct hush_error *err)
{
    if (!valid_id(id))
        return fail(err, at, col, "rule id must be lower-case letters, digits, '-', '_' or '.'",
                    NULL);
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i].id, id) == 0)
            return fail(err, at, col, "duplicate rule id '%s'", id);
    if (rs->n >= HUSH_MAX_RULES)
        return fail(err, at, 1, "more rules than the limit of %s", HUSH_STRINGIFY(HUSH_MAX_RULES));
    rs->rules = hush_xgrow(rs->rules, &rs->cap, rs->n + 1, sizeof *rs->rules);
    struct rule *r = &rs->rules[rs->n++];
    memset(r, 0, sizeof *r);
    r->id = hush_xstrdup(id);
    r->allow = allow;
    r->category = UINT32_MAX;
    r->after = UINT32_MAX;
    r->file = at->file;
    r->line = at->line;
    return HUSH_OK;
}

int
rules_parse_file(struct hush_ruleset *rs, const char *path, int depth, struct digest_state *ds,
                 struct hush_error *err)
{
    if (depth > HUSH_MAX_INCLUDE_DEPTH)
        return hush_error_set(err, HUSH_ECONFIG, "%s: includes nested more than %d deep (a cycle?)",
                              path, HUSH_MAX_INCLUDE_DEPTH);
    struct hush_buf b = {0};
    int rc = rules_read_file(path, &b, err);
    if (rc == HUSH_OK)
        rc = check_signature(ds, path, &b, err);
    if (rc != HUSH_OK) {
        hush_buf_free(&b);
        return rc;
    }
    struct cursor at = {remember_file(rs, path), 0};
    unsigned char hash[32];
    digest_file(ds, &b, hash);

    uint32_t open = UINT32_MAX; /* index of the block being read */
    char *p = b.data, *end = b.data + b.len;
    while (rc == HUSH_OK && p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        *eol = '\0';
        if (eol > p && eol[-1] == '\r')
            eol[-1] = '\0';
        char *line = p;
        p = nl ? nl + 1 : end;
        at.line++;

        char *s = line;
        while (is_blank(*s))
            s++;
        if (*s == '\0' || *s == '#')
            continue;
        if (s != line) {
            if (open == UINT32_MAX) {
                rc = fail(err, &at, 1, "field outside a rule block", NULL);
                break;
            }
            size_t n = strlen(s);
            while (n && is_blank(s[n - 1]))
                s[--n] = '\0';
            rc = parse_field(rs, &rs->rules[open], line, s, &at, err);
            continue;
        }
        /* A directive or a block header at column 1 ends the open block. */
        if (open != UINT32_MAX) {
            rc = finish_rule(rs, open, ds, err);
            open = UINT32_MAX;
            if (rc != HUSH_OK)
                break;
        }
        const char *v;
        size_t kl = split_word(s, &v);
        char *value = (char *)v;
        size_t vcol = (size_t)(v - line) + 1;
        uint32_t kind;
        if (word_is(s, kl, "define")) {
            rc = parse_define(rs, line, value, &at, err);
            continue;
        }
        strip_comment(value);
        if (word_is(s, kl, "rule") || word_is(s, kl, "allow")) {
            rc = open_block(rs, s[0] == 'a', value, &at, vcol, err);
            if (rc == HUSH_OK)
                open = (uint32_t)rs->n - 1;
        } else if (word_is(s, kl, "include")) {
            if (*value == '\0') {
                rc = fail(err, &at, vcol, "include: expected a file name", NULL);
                break;
            }
            /* Refused here, not in the nested call, so that the message
             * names the include line. */
            if (depth + 1 > HUSH_MAX_INCLUDE_DEPTH) {
                char lim[16];
                snprintf(lim, sizeof lim, "%d", HUSH_MAX_INCLUDE_DEPTH);
                rc = fail(err, &at, vcol, "include: nested more than %s deep (a cycle?)", lim);
                break;
            }
            char *inc = resolve_path(at.file, value);
            struct hush_error e = {0};
            rc = rules_parse_file(rs, inc, depth + 1, ds, &e);
            free(inc);
            if (rc != HUSH_OK)
                rc = hush_error_set(err, rc, "%s", e.msg);
        } else if ((kind = word_list_kind(s, kl)) != 0) {
            if (*value == '\0') {
                rc = fail(err, &at, vcol, "expected a file name", NULL);
                break;
            }
            char *wp = resolve_path(at.file, value);
            rc = read_list_file(rs, kind, wp, NULL, ds, err);
            free(wp);
            if (rc == HUSH_OK && kind == LIST_ACRONYMS)
                rc = define_acronyms(rs, &rs->pending[rs->npending - 1].data, &at, vcol, err);
        } else if (word_is(s, kl, "context-acronyms")) {
            if (*value == '\0') {
                rc = fail(err, &at, vcol, "expected a file name", NULL);
                break;
            }
            char *cp = resolve_path(at.file, value);
            rc = read_context_acronyms(rs, cp, &at, vcol, ds, err);
            free(cp);
        } else if (word_is(s, kl, "word-tags")) {
            rc = parse_word_tags(rs, line, value, &at, err);
        } else if (word_is(s, kl, "register")) {
            if (*value == '\0') {
                rc = fail(err, &at, vcol, "register: expected a file name", NULL);
                break;
            }
            char *rp = resolve_path(at.file, value);
            rc = read_register(rs, rp, ds, err);
            free(rp);
        } else {
            rc = fail(err, &at, 1,
                      "unknown directive (known: rule allow include define words "
                      "function-words particles rare-names person-words name-followers "
                      "acronyms context-acronyms word-tags register)",
                      NULL);
        }
    }
    if (rc == HUSH_OK && open != UINT32_MAX)
        rc = finish_rule(rs, open, ds, err);
    hush_buf_free(&b);
    return rc;
}

/* ---- loading a whole rule set ------------------------------------------ */

struct hush_ruleset *
hush_rules_load(const char *const *paths, size_t n, struct hush_error *err)
{
    return hush_rules_load_signed(paths, n, NULL, err);
}

const char *
hush_rules_signature(const struct hush_ruleset *rs)
{
    return rs->signature;
}

static struct hush_ruleset *load_set(const char *const *paths, size_t n,
                                     const struct hush_pubkey *trusted, bool use_image,
                                     struct hush_error *err);

struct hush_ruleset *
hush_rules_load_signed(const char *const *paths, size_t n, const struct hush_pubkey *trusted,
                       struct hush_error *err)
{
    return load_set(paths, n, trusted, trusted == NULL, err);
}

struct hush_ruleset *
hush_rules_load_parsed(const char *const *paths, size_t n, struct hush_error *err)
{
    return load_set(paths, n, NULL, false, err);
}

/* Does some rule that is not an allow rule find category c? */
static bool
category_found(const struct hush_ruleset *rs, uint32_t c)
{
    for (size_t k = 0; k < rs->n; k++)
        if (!rs->rules[k].allow && rs->rules[k].category == c)
            return true;
    return false;
}

/* Does every category that a rule's after or a word-tags directive names
 * have a rule that finds it?  A misspelt category would leave the rule
 * never tried, or the tag it names read as a figure. */
static int
check_categories_found(const struct hush_ruleset *rs, struct hush_error *err)
{
    for (size_t i = 0; i < rs->n; i++) {
        const struct rule *r = &rs->rules[i];
        if (r->after != UINT32_MAX && !category_found(rs, r->after))
            return hush_error_set(err, HUSH_ECONFIG,
                                  "%s:%zu:1: rule '%s': after names a category no rule finds",
                                  r->file, r->line, r->id);
    }
    for (size_t i = 0; i < rs->nword_tags; i++) {
        const struct word_tag_site *w = &rs->word_tag_sites[i];
        if (!category_found(rs, w->category))
            return hush_error_set(err, HUSH_ECONFIG,
                                  "%s:%zu:%zu: word-tags names a category no rule finds", w->file,
                                  w->line, w->col);
    }
    return HUSH_OK;
}

static struct hush_ruleset *
load_set(const char *const *paths, size_t n, const struct hush_pubkey *trusted, bool use_image,
         struct hush_error *err)
{
    if (sodium_init() < 0) {
        hush_error_set(err, HUSH_ESOFTWARE, "libsodium could not be initialised");
        return NULL;
    }
    struct hush_ruleset *rs = hush_xcalloc(1, sizeof *rs);
    lexicon_init(&rs->lex);
    struct digest_state ds;
    memset(&ds, 0, sizeof ds);
    ds.trusted = trusted;
    crypto_generichash_init(&ds.h, NULL, 0, 32);
    int rc = HUSH_OK;
    if (n == 0)
        rc = hush_error_set(err, HUSH_ECONFIG, "no rule files given");
    for (size_t i = 0; rc == HUSH_OK && i < n; i++)
        rc = rules_parse_file(rs, paths[i], 0, &ds, err);
    if (rc == HUSH_OK) {
        /* The image is not signed: a signed load reads the lists it has
         * just verified. */
        char *image = n == 1 && use_image ? lists_image_path(paths[0]) : NULL;
        rc = lists_finish(rs, image, err);
        free(image);
    }
    if (rc == HUSH_OK) {
        size_t detectors = 0;
        for (size_t i = 0; i < rs->n; i++)
            detectors += !rs->rules[i].allow;
        if (detectors == 0)
            rc = hush_error_set(err, HUSH_ECONFIG, "%s: the rule set has no detecting rules",
                                paths[0]);
    }
    if (rc == HUSH_OK)
        rc = check_categories_found(rs, err);
    if (rc != HUSH_OK) {
        hush_rules_free(rs);
        return NULL;
    }
    unsigned char d[32];
    crypto_generichash_final(&ds.h, d, sizeof d);
    sodium_bin2hex(rs->digest, sizeof rs->digest, d, sizeof d);
    if (trusted) {
        char id[17];
        for (int i = 0; i < 8; i++) /* minisign shows the id as a little-endian number */
            snprintf(id + 2 * i, 3, "%02X", trusted->keyid[7 - i]);
        struct hush_buf sig = {0};
        hush_buf_printf(&sig, "key %s, comment %s", id, ds.comment);
        rs->signature = sig.data;
    }
    rules_schedule(rs);
    return rs;
}
