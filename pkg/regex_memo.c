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

/* Windows longer than this are not remembered (the rules just run). */
#define MEMO_WINDOW_BYTES 64
/* The memo is emptied when it holds this many windows, so that it stays
 * small enough for the cache (512 KiB of slots): a bigger memo saved probes
 * but cost more in misses (100 MB bench: 2^17 windows 4.3-5.1 s of CPU,
 * 2^14 3.9-4.6 s, 2^12 5.5 s).  The windows that recur are judged again
 * soon after. */
#define MEMO_MAX_ENTRIES ((size_t)1 << 14)
#define MEMO_FIRST_SLOTS 4096
#define MEMO_TAG_BYTES sizeof(uint32_t)

/* Sixteen bytes, so that the slots of the windows that recur stay in the
 * cache.  The key (the tag, then the window's bytes) is in the arena. */
struct memo_slot {
    uint32_t check; /* the hash's high half */
    uint32_t key;   /* offset of the key in the arena */
    uint32_t verdicts;
    uint16_t len;    /* of the window (the key is the tag, then the window) */
    uint8_t context; /* bytes of the window before the position */
    uint8_t used;
};

void
regex_memo_free(struct regex_memo *mm)
{
    free(mm->slots);
    hush_buf_free(&mm->keys);
    memset(mm, 0, sizeof *mm);
}

static void
memo_reset(struct regex_memo *mm, size_t nslots)
{
    free(mm->slots);
    mm->slots = hush_xcalloc(nslots, sizeof *mm->slots);
    mm->nslots = nslots;
    mm->n = 0;
    mm->keys.len = 0;
}

/* The hash of a key: the tag and context length seed it. */
static uint64_t
key_hash(uint32_t tag, unsigned context, const char *window, size_t len)
{
    return hash_bytes(HASH_SEED ^ ((uint64_t)tag << 8 | context), window, len);
}

/* The tag a key in the arena starts with. */
static uint32_t
key_tag(const char *key)
{
    uint32_t tag;
    memcpy(&tag, key, sizeof tag);
    return tag;
}

/* Doubles the table, placing every window again. */
static void
memo_grow(struct regex_memo *mm)
{
    struct memo_slot *old = mm->slots;
    size_t nold = mm->nslots, mask = 2 * nold - 1;
    mm->slots = hush_xcalloc(2 * nold, sizeof *mm->slots);
    mm->nslots = 2 * nold;
    for (size_t i = 0; i < nold; i++) {
        if (!old[i].used)
            continue;
        const char *key = mm->keys.data + old[i].key;
        size_t s = key_hash(key_tag(key), old[i].context, key + MEMO_TAG_BYTES, old[i].len) & mask;
        while (mm->slots[s].used)
            s = (s + 1) & mask;
        mm->slots[s] = old[i];
    }
    free(old);
}

/* The start of the context a window needs: lookbehind characters before
 * at, or the start of the text. */
static size_t
context_start(const char *text, size_t at, unsigned lookbehind)
{
    size_t from = at;
    for (unsigned k = 0; k < lookbehind && from > 0; k++) {
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
    if (to <= at || to - from > MEMO_WINDOW_BYTES)
        return NULL;
    if (mm->slots == NULL || mm->n == MEMO_MAX_ENTRIES)
        memo_reset(mm, MEMO_FIRST_SLOTS);
    else if (2 * (mm->n + 1) > mm->nslots)
        memo_grow(mm);
    const char *window = text + from;
    size_t len = to - from, context = at - from;
    uint64_t h = key_hash(tag, (unsigned)context, window, len);
    uint32_t check = (uint32_t)(h >> 32);
    size_t mask = mm->nslots - 1;
    struct memo_slot *sl;
    for (size_t s = h & mask;; s = (s + 1) & mask) {
        sl = &mm->slots[s];
        if (!sl->used)
            break;
        const char *key = mm->keys.data + sl->key;
        if (sl->check == check && sl->len == len && sl->context == context && key_tag(key) == tag &&
            memcmp(key + MEMO_TAG_BYTES, window, len) == 0) {
            *fresh = false;
            return &sl->verdicts;
        }
    }
    *sl = (struct memo_slot){check, (uint32_t)mm->keys.len, 0, (uint16_t)len, (uint8_t)context, 1};
    hush_buf_append(&mm->keys, &tag, MEMO_TAG_BYTES);
    hush_buf_append(&mm->keys, window, len);
    mm->n++;
    *fresh = true;
    return &sl->verdicts;
}
