/*
 * regex.c: PCRE2 with the limits hush needs.  Every pattern is compiled
 * once and analysed for the bytes a match can start with, so that it is
 * tried only where it can match; it is run anchored at the positions the
 * engine chooses, by the interpreter until a thread has used it often
 * enough to JIT-compile it.
 */
#include "internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK)

static void
set_bit(uint8_t *map, unsigned b)
{
    map[b >> 3] |= (uint8_t)(1u << (b & 7));
}

/* Characters that may stand before a position where the engine tries a
 * regex: never a letter or digit, since matches never start inside a word. */
static const char *const before[] = {"",
                                     " ",
                                     "\n",
                                     "\t",
                                     "(",
                                     "[",
                                     "{",
                                     "\"",
                                     "'",
                                     "-",
                                     ".",
                                     ",",
                                     ":",
                                     ";",
                                     "!",
                                     "?",
                                     "/",
                                     "\\",
                                     "@",
                                     "#",
                                     "$",
                                     "%",
                                     "&",
                                     "*",
                                     "+",
                                     "=",
                                     "<",
                                     ">",
                                     "|",
                                     "~",
                                     "^",
                                     "_",
                                     "`",
                                     ")",
                                     "]",
                                     "}",
                                     "\xe2\x80\x94",
                                     "\xe2\x80\x9c",
                                     "\xc2\xa0"};

/* When PCRE2 cannot say which bytes a match starts with (a pattern that
 * begins with \d, \p{Lu} or a lookahead under UCP), asks it instead: an
 * ASCII byte can start a match if the pattern, anchored there, matches or
 * runs out of text (a partial match) after one character.  Lookbehinds are
 * given every kind of non-word character before; other starting bytes
 * (UTF-8 lead bytes) are always allowed. */
static void
probe_start(struct regex *re, const char *pattern)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (md == NULL)
        hush_xmalloc(SIZE_MAX);
    /* A positive lookbehind may need what no short context shows (a pound
     * sign, two characters): such a pattern is tried at every byte. */
    if (strstr(pattern, "(?<=") != NULL || strstr(pattern, "(*pla") != NULL ||
        strstr(pattern, "(*positive_lookbehind") != NULL || strstr(pattern, "\\K") != NULL) {
        memset(re->starts, 0xFF, sizeof re->starts);
        pcre2_match_data_free(md);
        return;
    }
    /* Without a lookbehind only \\b looks back, and every context here is
     * a non-word character: the start and a space stand for all of them. */
    size_t ncontexts = strstr(pattern, "(?<!") != NULL || strstr(pattern, "(*nlb") != NULL ||
                               strstr(pattern, "(*negative_lookbehind") != NULL
                           ? sizeof before / sizeof before[0]
                           : 2;
    memset(re->starts, 0, sizeof re->starts);
    for (unsigned b = 1; b < 0x80; b++) {
        for (size_t k = 0; k < ncontexts; k++) {
            char subject[8];
            size_t pre = strlen(before[k]);
            memcpy(subject, before[k], pre);
            subject[pre] = (char)b;
            int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, pre + 1, pre,
                                 PCRE2_ANCHORED | PCRE2_PARTIAL_HARD, md, NULL);
            if (rc != PCRE2_ERROR_NOMATCH) {
                set_bit(re->starts, b);
                break;
            }
        }
    }
    for (unsigned b = 0xC2; b < 0x100; b++)
        set_bit(re->starts, b);
    pcre2_match_data_free(md);
}

/* Fills re->starts from what PCRE2 learnt about the pattern's start, or by
 * probing when it learnt nothing. */
static void
analyse_start(struct regex *re, const pcre2_code *floating, const char *pattern)
{
    uint32_t type = 0;
    const uint8_t *bitmap = NULL;
    pcre2_pattern_info(floating, PCRE2_INFO_FIRSTCODETYPE, &type);
    pcre2_pattern_info(floating, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    memset(re->starts, 0, sizeof re->starts);
    re->startline = type == 2;
    if (type == 1) {
        uint32_t cu = 0;
        pcre2_pattern_info(floating, PCRE2_INFO_FIRSTCODEUNIT, &cu);
        if (cu < 0x80) {
            /* Caseless patterns report one case: allow both. */
            set_bit(re->starts, cu);
            if ((cu | 0x20) - 'a' < 26u) {
                set_bit(re->starts, cu | 0x20);
                set_bit(re->starts, cu & ~0x20u);
            }
        } else {
            for (unsigned b = 0xC0; b < 0x100; b++)
                set_bit(re->starts, b);
        }
    } else if (bitmap != NULL) {
        memcpy(re->starts, bitmap, sizeof re->starts);
    } else if (!re->startline) {
        probe_start(re, pattern);
    } else {
        memset(re->starts, 0xFF, sizeof re->starts);
    }
    /* A match never starts inside a UTF-8 sequence. */
    for (unsigned b = 0x80; b < 0xC0; b++)
        re->starts[b >> 3] &= (uint8_t) ~(1u << (b & 7));
}

/* Compiles pattern with the given extra options; on a syntax error sets
 * *col and err and returns NULL. */
static pcre2_code *
compile_one(const char *pattern, uint32_t options, size_t *col, struct hush_error *err)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                  COMPILE_OPTIONS | options, &code, &off, NULL);
    if (c == NULL) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        *col = off + 1;
        hush_error_set(err, HUSH_ECONFIG, "%s", (char *)msg);
    }
    return c;
}

/* Does a lookbehind in pattern hold an assertion that reads the character
 * before the text it spans (\b, \B, ^, \A, \G, or a lookbehind of its
 * own)?  Read from the text, erring towards yes: "(*" forms of lookbehind
 * are taken to. */
static bool
lookbehind_reads_before(const char *pattern)
{
    if (strstr(pattern, "(*") != NULL)
        return true;
    for (const char *p = pattern; (p = strstr(p, "(?<")) != NULL; p += 3) {
        if (p[3] != '=' && p[3] != '!')
            continue; /* a named group */
        int depth = 0;
        for (const char *q = p; *q; q++) {
            if (*q == '[') {
                /* A class reads one character: its ^ and \b are no
                 * assertions. */
                q++;
                if (*q == '^')
                    q++;
                if (*q == ']')
                    q++;
                while (*q && *q != ']') {
                    const char *posix = q[0] == '[' && q[1] == ':' ? strstr(q + 2, ":]") : NULL;
                    q = posix ? posix + 2 : q + (q[0] == '\\' && q[1] ? 2 : 1);
                }
                if (*q == '\0')
                    return true;
            } else if (*q == '\\') {
                if (q[1] == 'b' || q[1] == 'B' || q[1] == 'A' || q[1] == 'G')
                    return true;
                if (q[1] != '\0')
                    q++;
            } else if (*q == '^' || (*q == '(' && q[1] == '?' && q[2] == '<' && q != p)) {
                return true;
            } else if (*q == '(') {
                depth++;
            } else if (*q == ')' && --depth == 0) {
                break;
            }
        }
    }
    return false;
}

int
regex_compile(struct regex *re, const char *pattern, size_t *col, struct hush_error *err)
{
    memset(re, 0, sizeof *re);
    /* Unanchored, so that PCRE2 learns where a match can start (it learns
     * nothing for an anchored pattern); anchored when run. */
    re->code = compile_one(pattern, 0, col, err);
    if (re->code == NULL)
        return HUSH_ECONFIG;
    re->pattern = hush_xstrdup(pattern);
    pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->capture_count);
    /* PCRE2 counts the characters a lookbehind spans, not the one before
     * them that a \b, \B or ^ inside it may read ("(?<!\bto\h)" reads
     * four): one more then, so that a window of this many characters
     * decides every assertion as the whole text would (a reviewer's find:
     * "into SX1234" judged by the window "to SX" was taken for "to
     * SX1234").  A \b at the start of the match itself is counted. */
    pcre2_pattern_info(re->code, PCRE2_INFO_MAXLOOKBEHIND, &re->lookbehind);
    if (re->lookbehind == 0)
        re->lookbehind = 1;
    if (lookbehind_reads_before(pattern))
        re->lookbehind += 1;
    analyse_start(re, re->code, pattern);
    uint32_t type = 0, unit = 0;
    pcre2_pattern_info(re->code, PCRE2_INFO_LASTCODETYPE, &type);
    pcre2_pattern_info(re->code, PCRE2_INFO_LASTCODEUNIT, &unit);
    re->needs_punctuation = type == 1 && unit > ' ' && unit < 0x7F && !isalnum((int)unit);
    return HUSH_OK;
}

void
regex_free(struct regex *re)
{
    pcre2_code_free(re->code);
    free(re->pattern);
    memset(re, 0, sizeof *re);
}

void
regex_state_init(struct regex_state *st, uint32_t max_captures)
{
    st->md = pcre2_match_data_create(max_captures + 1, NULL);
    st->mctx = pcre2_match_context_create(NULL);
    st->stack = pcre2_jit_stack_create(32 * 1024, HUSH_JIT_STACK_MAX, NULL);
    if (st->md == NULL || st->mctx == NULL || st->stack == NULL)
        hush_xmalloc(SIZE_MAX); /* reports and aborts */
    pcre2_set_match_limit(st->mctx, HUSH_REGEX_MATCH_LIMIT);
    pcre2_set_depth_limit(st->mctx, HUSH_REGEX_DEPTH_LIMIT);
    pcre2_set_heap_limit(st->mctx, HUSH_REGEX_HEAP_LIMIT_KIB);
    pcre2_jit_stack_assign(st->mctx, NULL, st->stack);
}

void
regex_state_free(struct regex_state *st)
{
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mctx);
    pcre2_jit_stack_free(st->stack);
    memset(st, 0, sizeof *st);
}

/* Uses of one rule in one thread after which its JIT-compiled copy pays
 * for itself: compiling costs about as much as a hundred interpreted runs
 * or probes.  Complete runs are fewer than probes (most windows are judged
 * by a probe and never run), so they compile sooner. */
#define RUNS_BEFORE_JIT 32
#define PROBES_BEFORE_JIT 256

/* regex_jit.modes */
#define JIT_HAS_COMPLETE 1u
#define JIT_HAS_PARTIAL 2u
#define JIT_FAILED 4u

void
regex_jit_free(struct regex_jit *jit)
{
    for (size_t i = 0; i < jit->n; i++)
        pcre2_code_free(jit->code[i]);
    free(jit->code);
    free(jit->runs);
    free(jit->probes);
    free(jit->modes);
    memset(jit, 0, sizeof *jit);
}

/* Makes room for rule ri in jit's arrays. */
static void
jit_reserve(struct regex_jit *jit, uint32_t ri)
{
    if (ri < jit->n)
        return;
    size_t n = (size_t)ri + 1, was = jit->n;
    jit->code = hush_xrealloc(jit->code, n * sizeof *jit->code);
    jit->runs = hush_xrealloc(jit->runs, n * sizeof *jit->runs);
    jit->probes = hush_xrealloc(jit->probes, n * sizeof *jit->probes);
    jit->modes = hush_xrealloc(jit->modes, n * sizeof *jit->modes);
    memset(jit->code + was, 0, (n - was) * sizeof *jit->code);
    memset(jit->runs + was, 0, (n - was) * sizeof *jit->runs);
    memset(jit->probes + was, 0, (n - was) * sizeof *jit->probes);
    memset(jit->modes + was, 0, (n - was) * sizeof *jit->modes);
    jit->n = n;
}

/* This thread's anchored copy of rule ri's regex, JIT-compiled for
 * complete matching (regex_run) or for partial matching (regex_may_match),
 * once this thread has used it that way RUNS_BEFORE_JIT or
 * PROBES_BEFORE_JIT times (counted here); NULL before, when JIT is
 * unavailable for the pattern, or when jit is NULL (interpret only). */
static pcre2_code *
jit_copy(const struct regex *re, struct regex_jit *jit, uint32_t ri, bool complete)
{
    if (jit == NULL)
        return NULL;
    jit_reserve(jit, ri);
    uint32_t mode = complete ? PCRE2_JIT_COMPLETE : PCRE2_JIT_PARTIAL_HARD;
    uint8_t have = complete ? JIT_HAS_COMPLETE : JIT_HAS_PARTIAL;
    uint32_t *uses = complete ? &jit->runs[ri] : &jit->probes[ri];
    uint32_t threshold = complete ? RUNS_BEFORE_JIT : PROBES_BEFORE_JIT;
    if (jit->modes[ri] & have)
        return jit->code[ri];
    if ((jit->modes[ri] & JIT_FAILED) || ++*uses < threshold)
        return NULL;
    if (jit->code[ri] == NULL) {
        int code;
        PCRE2_SIZE off;
        /* Before each try PCRE2 looks ahead for a character the pattern
         * requires.  For a punctuation character ("\)" of
         * "\h*\((\p{Lu}{2,4})\)"), rare in running text, that scans up to
         * thousands of bytes at every try, where the match itself fails at
         * its first byte: such a copy is compiled without the start-of-match
         * optimisations (anchored, they can only fail a match early).  For a
         * letter or a space the look ahead is short and saves more than it
         * costs, and stays. */
        uint32_t options = COMPILE_OPTIONS | PCRE2_ANCHORED;
        if (re->needs_punctuation)
            options |= PCRE2_NO_START_OPTIMIZE;
        jit->code[ri] = pcre2_compile((PCRE2_SPTR)re->pattern, PCRE2_ZERO_TERMINATED, options,
                                      &code, &off, NULL);
    }
    if (jit->code[ri] == NULL || pcre2_jit_compile(jit->code[ri], mode) != 0) {
        jit->modes[ri] |= JIT_FAILED;
        return NULL;
    }
    jit->modes[ri] |= have;
    return jit->code[ri];
}

int
regex_run(const struct regex *re, struct regex_jit *jit, uint32_t ri, struct regex_state *st,
          const char *text, size_t len, size_t at, size_t *ms, size_t *me, struct hush_error *err)
{
    pcre2_code *copy = jit_copy(re, jit, ri, true);
    /* The document was validated as UTF-8 once, when it was read; the JIT
     * entry point skips the checks pcre2_match would repeat on every call. */
    int rc = copy ? pcre2_jit_match(copy, (PCRE2_SPTR)text, len, at, 0, st->md, st->mctx)
                  : pcre2_match(re->code, (PCRE2_SPTR)text, len, at,
                                PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, st->md, st->mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(rc, msg, sizeof msg);
        hush_error_set(err, HUSH_EDATA, "%s", (char *)msg);
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
    *ms = ov[0];
    *me = ov[1];
    return 1;
}

int
regex_may_match(const struct regex *re, struct regex_jit *jit, uint32_t ri, struct regex_state *st,
                const char *text, size_t from, size_t at, size_t to)
{
    /* A hard partial match reports any way of matching that reaches the
     * end of the window (inside a lookahead or at a \b too) as partial, so
     * NOMATCH means that every way failed on the window's own bytes, as it
     * would on the whole text.  It runs under the same limits; hitting one
     * counts as "may match". */
    pcre2_code *copy = jit_copy(re, jit, ri, false);
    int rc = copy ? pcre2_match(copy, (PCRE2_SPTR)(text + from), to - from, at - from,
                                PCRE2_PARTIAL_HARD | PCRE2_NO_UTF_CHECK, st->md, st->mctx)
                  : pcre2_match(re->code, (PCRE2_SPTR)(text + from), to - from, at - from,
                                PCRE2_ANCHORED | PCRE2_PARTIAL_HARD | PCRE2_NO_UTF_CHECK, st->md,
                                st->mctx);
    return rc != PCRE2_ERROR_NOMATCH;
}

int
regex_group(const struct regex_state *st, uint32_t g, size_t *gs, size_t *ge)
{
    if (g >= pcre2_get_ovector_count(st->md))
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(st->md);
    if (ov[2 * g] == PCRE2_UNSET)
        return 0;
    *gs = ov[2 * g];
    *ge = ov[2 * g + 1];
    return 1;
}
