/*
 * lexicon_image.c: the finished lexicon as a file that is mapped, not
 * parsed, so that a tool starts in milliseconds with 100,000s of entries.
 *
 * The image is built once (by `make`, beside the rule file it belongs to)
 * and never written at run time.  It is used only when its key equals the
 * key of the lists just read, so a stale image is ignored.  Its pages are
 * not all read at start (that is the point of mapping it): instead every
 * index is checked where it is used (lexicon.c, names.c), so a damaged image
 * can make matches wrong but can never make a read go out of bounds.
 */
#include "internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define IMAGE_MAGIC "HUSHLEX"
#define IMAGE_VERSION 3u

struct image_header {
    char magic[8];
    uint32_t version;
    uint32_t entry_size; /* sizeof(struct lex_entry): the layout this was built with */
    unsigned char key[32];
    uint64_t nlists, n, nslots, keys_len, nrule_ids, npairs; /* npairs: 0 or LEX_PAIR_WORDS */
    uint64_t off_counts, off_entries, off_slots, off_keys, off_rule_ids, off_pairs, total;
};

static uint64_t
align8(uint64_t x)
{
    return (x + 7) & ~(uint64_t)7;
}

int
lexicon_image_write(const struct lexicon *lx, const unsigned char key[32], const uint64_t *counts,
                    size_t nlists, const char *path, struct hush_error *err)
{
    struct image_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IMAGE_MAGIC, sizeof IMAGE_MAGIC);
    h.version = IMAGE_VERSION;
    h.entry_size = sizeof(struct lex_entry);
    memcpy(h.key, key, 32);
    h.nlists = nlists;
    h.n = lx->n;
    h.nslots = lx->nslots;
    h.keys_len = lx->keys.len;
    h.nrule_ids = lx->nrule_ids;
    h.npairs = lx->pairs ? LEX_PAIR_WORDS : 0;
    h.off_counts = align8(sizeof h);
    h.off_entries = align8(h.off_counts + nlists * sizeof(uint64_t));
    h.off_slots = align8(h.off_entries + lx->n * sizeof(struct lex_entry));
    h.off_keys = align8(h.off_slots + lx->nslots * sizeof(uint64_t));
    h.off_rule_ids = align8(h.off_keys + lx->keys.len);
    h.off_pairs = align8(h.off_rule_ids + lx->nrule_ids * sizeof(uint32_t));
    h.total = h.off_pairs + h.npairs * sizeof(uint64_t);
    char *img = hush_xcalloc(1, h.total);
    memcpy(img, &h, sizeof h);
    memcpy(img + h.off_counts, counts, nlists * sizeof(uint64_t));
    memcpy(img + h.off_entries, lx->entries, lx->n * sizeof(struct lex_entry));
    memcpy(img + h.off_slots, lx->slots, lx->nslots * sizeof(uint64_t));
    if (lx->keys.len)
        memcpy(img + h.off_keys, lx->keys.data, lx->keys.len);
    memcpy(img + h.off_rule_ids, lx->rule_ids, lx->nrule_ids * sizeof(uint32_t));
    if (h.npairs)
        memcpy(img + h.off_pairs, lx->pairs, h.npairs * sizeof(uint64_t));
    int rc = hush_publish_file(path, img, h.total, err);
    free(img);
    return rc;
}

bool
build_file_trusted(int fd, struct stat *st)
{
    return fstat(fd, st) == 0 && S_ISREG(st->st_mode) && (st->st_mode & 022) == 0 &&
           (st->st_uid == 0 || st->st_uid == geteuid());
}

bool
lexicon_image_map(struct lexicon *lx, const unsigned char key[32], uint64_t *counts, size_t nlists,
                  const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    if (!build_file_trusted(fd, &st) || (uint64_t)st.st_size < sizeof(struct image_header)) {
        close(fd);
        return false;
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return false;
    const struct image_header *h = map;
    const char *base = map;
    /* Every count is bounded by the file's size before any arithmetic, so
     * no offset below can overflow. */
    uint64_t size = (uint64_t)st.st_size;
    bool ok = h->nlists <= size && h->n <= size && h->nslots <= size && h->keys_len <= size &&
              h->nrule_ids <= size && memcmp(h->magic, IMAGE_MAGIC, sizeof IMAGE_MAGIC) == 0 &&
              h->version == IMAGE_VERSION && h->entry_size == sizeof(struct lex_entry) &&
              memcmp(h->key, key, 32) == 0 && h->nlists == nlists &&
              h->total == (uint64_t)st.st_size && h->n < UINT32_MAX &&
              h->off_counts == align8(sizeof *h) &&
              h->off_entries == align8(h->off_counts + h->nlists * sizeof(uint64_t)) &&
              h->off_slots == align8(h->off_entries + h->n * sizeof(struct lex_entry)) &&
              h->off_keys == align8(h->off_slots + h->nslots * sizeof(uint64_t)) &&
              h->off_rule_ids == align8(h->off_keys + h->keys_len) &&
              (h->npairs == 0 || h->npairs == LEX_PAIR_WORDS) &&
              h->off_pairs == align8(h->off_rule_ids + h->nrule_ids * sizeof(uint32_t)) &&
              h->total == h->off_pairs + h->npairs * sizeof(uint64_t);
    ok = ok && h->nslots > h->n && (h->nslots & (h->nslots - 1)) == 0;
    if (!ok) {
        munmap(map, (size_t)st.st_size);
        return false;
    }
    lexicon_free(lx);
    lx->map = map;
    lx->map_len = (size_t)st.st_size;
    /* The arrays are read-only in the mapping; nothing adds to a mapped
     * lexicon. */
    lx->entries = (struct lex_entry *)(base + h->off_entries);
    lx->n = lx->cap = h->n;
    lx->slots = (uint64_t *)(base + h->off_slots);
    lx->nslots = h->nslots;
    lx->keys.data = (char *)(base + h->off_keys);
    lx->keys.len = h->keys_len;
    lx->rule_ids = (uint32_t *)(base + h->off_rule_ids);
    lx->nrule_ids = lx->cap_rule_ids = h->nrule_ids;
    lx->pairs = h->npairs ? (uint64_t *)(base + h->off_pairs) : NULL;
    memcpy(counts, base + h->off_counts, nlists * sizeof(uint64_t));
    return true;
}
