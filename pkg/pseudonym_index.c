/*
 * pseudonym_index.c: the vault's index of every pseudonym it has issued:
 * its category and its full 128-bit tag, never a name.  Two entities whose
 * codes agree but whose tags differ would read as one person in the
 * transcripts: that collision is refused, never merged.
 *
 * The file: the line "hush-pseudonym-index 1", then "CATEGORY HEX" lines.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

struct index_entry {
    char *category;
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
};

struct index {
    struct index_entry *v;
    size_t n, cap;
};

static void
index_free(struct index *ix)
{
    for (size_t i = 0; i < ix->n; i++)
        free(ix->v[i].category);
    free(ix->v);
}

static void
index_push(struct index *ix, const char *category, size_t cat_len, const unsigned char *tag)
{
    ix->v = hush_xgrow(ix->v, &ix->cap, ix->n + 1, sizeof *ix->v);
    ix->v[ix->n].category = hush_xstrndup(category, cat_len);
    memcpy(ix->v[ix->n++].tag, tag, HUSH_PSEUDONYM_TAG_BYTES);
}

static int
index_load(const char *path, struct index *ix, struct hush_error *err)
{
    struct hush_doc doc;
    int rc = hush_doc_load(path, HUSH_MAX_DOCUMENT, &doc, err);
    if (rc != HUSH_OK)
        return rc;
    const char *p = doc.data, *end = doc.data + doc.len;
    size_t head = strlen(INDEX_TYPE_LINE);
    if (doc.len < head || memcmp(p, INDEX_TYPE_LINE, head) != 0)
        rc = hush_error_set(err, HUSH_EDATA, "%s:1: not a hush pseudonym index", path);
    p += head;
    for (size_t no = 2; rc == HUSH_OK && p < end; no++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *sp = nl ? memchr(p, ' ', (size_t)(nl - p)) : NULL;
        unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
        size_t got = 0;
        if (sp == NULL || sp == p || nl - sp - 1 != 2 * HUSH_PSEUDONYM_TAG_BYTES ||
            sodium_hex2bin(tag, sizeof tag, sp + 1, (size_t)(nl - sp - 1), NULL, &got, NULL) != 0 ||
            got != sizeof tag) {
            rc = hush_error_set(err, HUSH_EDATA, "%s:%zu: not a 'CATEGORY TAG' line", path, no);
            break;
        }
        index_push(ix, p, (size_t)(sp - p), tag);
        p = nl + 1;
    }
    hush_doc_release(&doc);
    return rc;
}

/* The entry of ix with category and the same code as tag, or NULL. */
static const struct index_entry *
same_code(const struct index *ix, const char *category, const unsigned char *tag)
{
    char want[HUSH_PSEUDONYM_CODE_CHARS + 1], have[HUSH_PSEUDONYM_CODE_CHARS + 1];
    hush_pseudonym_code(tag, want);
    for (size_t i = 0; i < ix->n; i++) {
        if (strcmp(ix->v[i].category, category) != 0)
            continue;
        hush_pseudonym_code(ix->v[i].tag, have);
        if (strcmp(want, have) == 0)
            return &ix->v[i];
    }
    return NULL;
}

int
pseudonym_index_update(const char *path, const struct hush_ruleset *rs,
                       const struct hush_entities *e, struct hush_error *err)
{
    struct index ix = {0};
    int rc = index_load(path, &ix, err);
    size_t before = ix.n;
    for (size_t i = 0; rc == HUSH_OK && i < e->n; i++) {
        const char *cat = rs->categories[e->v[i].category];
        if (e->v[i].label[0])
            continue; /* a register's label is unique by the register's own check */
        const struct index_entry *old = same_code(&ix, cat, e->v[i].tag);
        if (old == NULL)
            index_push(&ix, cat, strlen(cat), e->v[i].tag);
        else if (memcmp(old->tag, e->v[i].tag, HUSH_PSEUDONYM_TAG_BYTES) != 0)
            rc = hush_error_set(err, HUSH_ESOFTWARE,
                                "pseudonym collision: two %s entities share the code %s; "
                                "refused rather than merged (tell the custodian)",
                                cat, e->v[i].code);
    }
    if (rc == HUSH_OK && ix.n > before) {
        struct hush_buf b = {0};
        hush_buf_append(&b, INDEX_TYPE_LINE, strlen(INDEX_TYPE_LINE));
        for (size_t i = 0; i < ix.n; i++) {
            char hex[2 * HUSH_PSEUDONYM_TAG_BYTES + 1];
            sodium_bin2hex(hex, sizeof hex, ix.v[i].tag, HUSH_PSEUDONYM_TAG_BYTES);
            hush_buf_printf(&b, "%s %s\n", ix.v[i].category, hex);
        }
        struct hush_staged st;
        rc = hush_stage_file(path, b.data, b.len, 0600, &st, err);
        if (rc == HUSH_OK)
            rc = hush_staged_commit(&st, true, err);
        hush_buf_free(&b);
    }
    index_free(&ix);
    return rc;
}
