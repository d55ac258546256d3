/*
 * regex_memo.c: remembers, for a short window of text and the rules tried
 * at its start, which of those rules can match there at all, so that the
 * regexes are not run again and again where the same few words make them
 * fail.
 *
 * Most attempts fail within a few characters ("I think" where a rule wants
 * "I'm 34"), and the same windows recur all through a transcript.  Each
 * window is judged once per rule by a partial match that sees only the
 * window's bytes (regex_may_match); a rule that cannot match there can only
 * fail, so not running it changes nothing.  A rule that may match is run
 * in full, as before.
 */
#include "internal.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Windows longer than this are not remembered (the rules just run).  A
 * window is the word a rule is tried at, a character or two after it and
 * the rules' lookbehind before it: on the bench corpus 99.3% of windows
 * are at most 20 bytes. */
#define MEMO_WINDOW_BYTES 20
/* The memo is a set-associative cache: each bucket is one 64-byte cache
 * line holding two windows, the one used last first; a new window takes
 * the first place and the older of the two is forgotten.  A look-up reads
 * one cache line and nothing else, and windows that keep recurring stay
 * however many pass through.  (It was an open-addressed table of 2^15
 * slots, emptied whole when it held 2^14 windows: a look-up could read
 * several lines, and each emptying forgot the windows that recur most.)
 * On the first 400 bench transcripts, 7.0 M look-ups: 500 k windows new
 * to it, against 778 k before; with 2^13 buckets 681 k, with 2^15 402 k
 * but no faster (user time, alternated runs). */
#define MEMO_BUCKETS ((size_t)1 << 14) /* of 64 bytes: 1 MiB */
#define MEMO_WAYS 2

/* Thirty-two bytes, with the window's bytes inside, so that a look-up
 * touches one slot and no other memory (a key kept elsewhere cost a second
 * cache miss on every look-up: a quarter of the memo's time).  A slot is
 * empty while len is 0 (no window is empty). */
struct memo_slot {
    uint32_t tag;
    uint32_t verdicts;
    uint16_t check;  /* bits of the hash the bucket index does not use */
    uint8_t len;     /* of the window */
    uint8_t context; /* bytes of the window before the position */
    char window[MEMO_WINDOW_BYTES];
};
_Static_assert(sizeof(struct memo_slot) == 32, "a memo slot is half a cache line");

struct memo_bucket {
    _Alignas(64) struct memo_slot way[MEMO_WAYS];
};
_Static_assert(sizeof(struct memo_bucket) == 64, "a memo bucket is one cache line");

void
regex_memo_free(struct regex_memo *mm)
{
    /* The windows are pieces of transcripts: wiped before the memory goes
     * back, as the grown buffers are (xalloc.c). */
    if (mm->buckets != NULL)
        sodium_memzero(mm->buckets, MEMO_BUCKETS * sizeof *mm->buckets);
    free(mm->block);
    memset(mm, 0, sizeof *mm);
}

/* The hash of a key: the tag and context length seed it. */
static uint64_t
key_hash(uint32_t tag, unsigned context, const char *window, size_t len)
{
    /* Multiplied, not merely xored in: a point rule's tag is the byte at
     * the window's position, which would otherwise cancel against that
     * byte of the window ("so" under 's' and "to" under 't' hashed
     * alike). */
    uint64_t seed = ((uint64_t)tag << 8 | context) * UINT64_C(0x9E3779B97F4A7C15);
    return hash_bytes(HASH_SEED ^ seed, window, len);
}

/* The start of the context a window needs: lookbehind characters before
 * at; SIZE_MAX when the text starts before that many. */
static size_t
context_start(const char *text, size_t at, unsigned lookbehind)
{
    size_t from = at;
    for (unsigned k = 0; k < lookbehind; k++) {
        if (from == 0)
            return SIZE_MAX;
        from--;
        while (from > 0 && ((unsigned char)text[from] & 0xC0) == 0x80)
            from--;
    }
    return from;
}

uint32_t *
regex_memo_find(struct regex_memo *mm, uint32_t tag, unsigned lookbehind, const char *text,
                size_t at, size_t to, size_t *window_start, bool *fresh)
{
    size_t from = *window_start = context_start(text, at, lookbehind);
    if (from == SIZE_MAX || to <= at || to - from > MEMO_WINDOW_BYTES)
        return NULL;
    if (mm->buckets == NULL) {
        /* Zeroed pages from calloc, the first bucket on a cache line. */
        size_t align = sizeof(struct memo_bucket);
        mm->block = hush_xcalloc(1, MEMO_BUCKETS * sizeof(struct memo_bucket) + align);
        uintptr_t first = ((uintptr_t)mm->block + align - 1) & ~(uintptr_t)(align - 1);
        mm->buckets = (struct memo_bucket *)first;
    }
    const char *window = text + from;
    size_t len = to - from, context = at - from;
    uint64_t h = key_hash(tag, (unsigned)context, window, len);
    uint16_t check = (uint16_t)(h >> 48);
    struct memo_slot *way = mm->buckets[h & (MEMO_BUCKETS - 1)].way;
    for (unsigned k = 0; k < MEMO_WAYS; k++) {
        struct memo_slot *sl = &way[k];
        if (sl->len == len && sl->check == check && sl->context == context && sl->tag == tag &&
            memcmp(sl->window, window, len) == 0) {
            if (k > 0) { /* used last: first place */
                struct memo_slot hit = *sl;
                memmove(&way[1], &way[0], k * sizeof *way);
                way[0] = hit;
            }
            *fresh = false;
            return &way[0].verdicts;
        }
    }
    memmove(&way[1], &way[0], (MEMO_WAYS - 1) * sizeof *way);
    struct memo_slot *sl = &way[0];
    sl->tag = tag;
    sl->verdicts = 0;
    sl->check = check;
    sl->len = (uint8_t)len;
    sl->context = (uint8_t)context;
    memcpy(sl->window, window, len);
    *fresh = true;
    return &sl->verdicts;
}
