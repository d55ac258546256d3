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

#include <stdlib.h>
#include <string.h>

/* Windows longer than this are not remembered (the rules just run).  A
 * window is the word a rule is tried at, a character or two after it and
 * the rules' lookbehind before it: on the bench corpus 99.3% of windows
 * are at most 20 bytes. */
#define MEMO_WINDOW_BYTES 20
/* The memo is emptied when it holds this many windows (its slots are
 * twice as many, 32 bytes each: 1 MiB).  Timed on the first 600 bench
 * transcripts (user time of `bin/redact -j 1`, the builds alternated,
 * seven runs each): 2^14 windows with their bytes in the slot
 * ran in 2.73-3.08 s against 3.03-3.26 s for 2^14 windows with their bytes
 * kept apart, and 2^13 held too few (no faster than before).  The windows
 * that recur are judged again soon after. */
#define MEMO_MAX_ENTRIES ((size_t)1 << 14)
#define MEMO_SLOTS (2 * MEMO_MAX_ENTRIES)

/* Thirty-two bytes, with the window's bytes inside, so that a look-up
 * touches one slot and no other memory (a key kept elsewhere cost a second
 * cache miss on every look-up: a quarter of the memo's time).  A slot is
 * empty while len is 0 (no window is empty). */
struct memo_slot {
    uint32_t tag;
    uint32_t verdicts;
    uint16_t check;  /* bits of the hash the slot index does not use */
    uint8_t len;     /* of the window */
    uint8_t context; /* bytes of the window before the position */
    char window[MEMO_WINDOW_BYTES];
};
_Static_assert(sizeof(struct memo_slot) == 32, "a memo slot is half a cache line");

void
regex_memo_free(struct regex_memo *mm)
{
    free(mm->slots);
    memset(mm, 0, sizeof *mm);
}

/* The hash of a key: the tag and context length seed it. */
static uint64_t
key_hash(uint32_t tag, unsigned context, const char *window, size_t len)
{
    return hash_bytes(HASH_SEED ^ ((uint64_t)tag << 8 | context), window, len);
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
    if (mm->slots == NULL)
        mm->slots = hush_xcalloc(MEMO_SLOTS, sizeof *mm->slots);
    const char *window = text + from;
    size_t len = to - from, context = at - from;
    uint64_t h = key_hash(tag, (unsigned)context, window, len);
    uint16_t check = (uint16_t)(h >> 48);
    struct memo_slot *sl;
    for (size_t s = h & (MEMO_SLOTS - 1);; s = (s + 1) & (MEMO_SLOTS - 1)) {
        sl = &mm->slots[s];
        if (sl->len == 0)
            break;
        if (sl->check == check && sl->len == len && sl->context == context && sl->tag == tag &&
            memcmp(sl->window, window, len) == 0) {
            *fresh = false;
            return &sl->verdicts;
        }
    }
    if (mm->n == MEMO_MAX_ENTRIES) {
        /* Full: emptied, the new window goes first. */
        memset(mm->slots, 0, MEMO_SLOTS * sizeof *mm->slots);
        mm->n = 0;
        sl = &mm->slots[h & (MEMO_SLOTS - 1)];
    }
    sl->tag = tag;
    sl->verdicts = 0;
    sl->check = check;
    sl->len = (uint8_t)len;
    sl->context = (uint8_t)context;
    memcpy(sl->window, window, len);
    mm->n++;
    *fresh = true;
    return &sl->verdicts;
}
