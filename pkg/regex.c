/*
 * regex.c: PCRE2 with the limits hush needs.  Every pattern is compiled
 * twice (anchored, for trying at chosen positions, and floating, for
 * searching), JIT-compiled, and analysed for the bytes a match can start
 * with, so the engine tries it only where it can match.
 */
#include "internal.h"

#include <string.h>

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK)

static void
set_bit(uint8_t *map, unsigned b)
{
    map[b >> 3] |= (uint8_t)(1u << (b & 7));
}

/* Fills re->starts from what PCRE2 learnt about the pattern's start.  When
 * nothing is known, every byte may start a match. */
static void
analyse_start(struct regex *re)
{
    uint32_t type = 0;
    const uint8_t *bitmap = NULL;
    pcre2_pattern_info(re->floating, PCRE2_INFO_FIRSTCODETYPE, &type);
    pcre2_pattern_info(re->floating, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    memset(re->starts, 0, sizeof re->starts);
    re->startline = type == 2;
    if (type == 1) {
        uint32_t cu = 0;
        pcre2_pattern_info(re->floating, PCRE2_INFO_FIRSTCODEUNIT, &cu);
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
    } else {
        memset(re->starts, 0xFF, sizeof re->starts);
    }
    /* A match never starts inside a UTF-8 sequence. */
    for (unsigned b = 0x80; b < 0xC0; b++)
        re->starts[b >> 3] &= (uint8_t)~(1u << (b & 7));
    uint32_t last_type = 0, last = 0;
    pcre2_pattern_info(re->floating, PCRE2_INFO_LASTCODETYPE, &last_type);
    pcre2_pattern_info(re->floating, PCRE2_INFO_LASTCODEUNIT, &last);
    re->required = last_type == 1 && last < 0x80 ? (int)last : -1;
    /* A pattern that can start with any lower-case letter would be tried at
     * almost every word; when it needs a rare byte (the @ of an e-mail
     * address), searching for that is far cheaper. */
    unsigned lower = 0;
    for (unsigned b = 'a'; b <= 'z'; b++)
        lower += (re->starts[b >> 3] >> (b & 7)) & 1;
    re->scan = !re->startline && lower >= 20 && re->required >= 0 &&
               !((unsigned)((re->required | 0x20) - 'a') < 26u);
}

int
regex_compile(struct regex *re, const char *pattern, size_t *col, struct hush_error *err)
{
    memset(re, 0, sizeof *re);
    int code;
    PCRE2_SIZE off;
    re->floating =
        pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS, &code, &off, NULL);
    if (re->floating == NULL) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        *col = off + 1;
        return hush_error_set(err, HUSH_ECONFIG, "%s", (char *)msg);
    }
    re->anchored = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                 COMPILE_OPTIONS | PCRE2_ANCHORED, &code, &off, NULL);
    if (re->anchored == NULL) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code, msg, sizeof msg);
        *col = off + 1;
        regex_free(re);
        return hush_error_set(err, HUSH_ECONFIG, "%s", (char *)msg);
    }
    /* JIT is a speed-up, not a requirement: without it PCRE2 interprets,
     * under the same limits. */
    pcre2_jit_compile(re->floating, PCRE2_JIT_COMPLETE);
    pcre2_jit_compile(re->anchored, PCRE2_JIT_COMPLETE);
    pcre2_pattern_info(re->floating, PCRE2_INFO_CAPTURECOUNT, &re->capture_count);
    analyse_start(re);
    return HUSH_OK;
}

void
regex_free(struct regex *re)
{
    pcre2_code_free(re->floating);
    pcre2_code_free(re->anchored);
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

int
regex_run(const struct regex *re, struct regex_state *st, const char *text, size_t len, size_t at,
          bool floating, size_t *ms, size_t *me, struct hush_error *err)
{
    const pcre2_code *code = floating ? re->floating : re->anchored;
    /* The document was validated as UTF-8 once, when it was read. */
    int rc = pcre2_match(code, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, st->md, st->mctx);
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
