/*
 * test_lexicon_image.c: the lexicon written once as a file and mapped
 * instead of parsed (lexicon_image.c).  A stale, damaged or unprotected
 * image is refused, never trusted.
 */
#include "helpers.h"

static struct lexicon lx, mapped;
static unsigned char key[32];
static const uint64_t counts[2] = {3, 1};
static char *image;

static uint64_t
h1(const char *w)
{
    return hash_seq(HASH_SEED, hash_bytes(HASH_SEED, w, strlen(w)));
}

static void
add(const char *k, uint32_t rule, unsigned flags)
{
    lexicon_add(&lx, k, strlen(k), h1(k), 1, rule, flags);
}

static void
setup(void)
{
    tmpdir_setup();
    lexicon_init(&lx);
    lexicon_init(&mapped);
    memset(key, 0x5A, sizeof key);
    add("quellbury", 0, 0);
    add("orrick", 0, 0);
    add("orrick", 2, 0);
    add("will", 1, LEX_COMMON_WORD);
    lexicon_add(&lx, "upper quellbury", 15, 4242, 2, 2, 0);
    image = tmp_path("test.lexicon");
    struct hush_error err = {0};
    cr_assert_eq(lexicon_image_write(&lx, key, counts, 2, image, &err), HUSH_OK, "%s", err.msg);
    /* The umask decides the mode a new file gets; pin it. */
    cr_assert_eq(chmod(image, 0644), 0);
}

static void
teardown(void)
{
    lexicon_free(&lx);
    lexicon_free(&mapped);
    free(image);
    tmpdir_teardown();
}

TestSuite(lexicon_image, .init = setup, .fini = teardown);

static bool
map_image(const unsigned char *k, size_t nlists)
{
    uint64_t got[4] = {0};
    return lexicon_image_map(&mapped, k, got, nlists, image);
}

/* The bytes of the image file (binary: not read as text). */
static struct hush_buf
read_image(void)
{
    struct hush_buf b = {0};
    int fd = open(image, O_RDONLY);
    cr_assert(fd >= 0);
    char chunk[4096];
    ssize_t r;
    while ((r = read(fd, chunk, sizeof chunk)) > 0)
        hush_buf_append(&b, chunk, (size_t)r);
    close(fd);
    cr_assert_gt(b.len, 0);
    return b;
}

/* Offset of the first copy of p[0..n) in b, which must hold one. */
static size_t
find_bytes(const struct hush_buf *b, const void *p, size_t n)
{
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, p, n) == 0)
            return i;
    cr_assert_fail("the bytes are not in the image");
    return 0;
}

static void
write_image(const struct hush_buf *b)
{
    int fd = open(image, O_WRONLY | O_TRUNC);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, b->data, b->len), (ssize_t)b->len);
    close(fd);
}

Test(lexicon_image, round_trip_finds_the_same_entries)
{
    uint64_t got[2] = {0};
    cr_assert(lexicon_image_map(&mapped, key, got, 2, image));
    cr_assert_not_null(mapped.map);
    cr_assert_eq(mapped.n, lx.n);
    cr_assert_eq(got[0], 3);
    cr_assert_eq(got[1], 1);
    const struct lex_entry *e = lexicon_find(&mapped, "orrick", 6, h1("orrick"));
    cr_assert_not_null(e);
    cr_assert_eq(e->nrules, 2);
    cr_assert_eq(lexicon_rules(&mapped, e)[0], 0);
    cr_assert_eq(lexicon_rules(&mapped, e)[1], 2);
    e = lexicon_find(&mapped, "will", 4, h1("will"));
    cr_assert_not_null(e);
    cr_assert(e->flags & LEX_COMMON_WORD);
    e = lexicon_find(&mapped, "upper quellbury", 15, 4242);
    cr_assert_not_null(e);
    cr_assert_eq(e->ntok, 2);
    cr_assert_not_null(lexicon_find(&mapped, "quellbury", 9, h1("quellbury")));
    cr_assert_null(lexicon_find(&mapped, "vane", 4, h1("vane")));
}

Test(lexicon_image, free_of_a_mapped_lexicon_unmaps_it)
{
    cr_assert(map_image(key, 2));
    lexicon_free(&mapped);
    cr_assert_null(mapped.map);
    cr_assert_eq(mapped.n, 0);
    cr_assert_null(lexicon_find(&mapped, "orrick", 6, h1("orrick")));
}

Test(lexicon_image, wrong_key_is_refused)
{
    unsigned char other[32];
    memcpy(other, key, sizeof other);
    other[31] ^= 1;
    cr_assert_not(map_image(other, 2));
    cr_assert_null(mapped.map);
}

Test(lexicon_image, different_number_of_lists_is_refused)
{
    cr_assert_not(map_image(key, 1));
}

/* Rule ids are checked where they are used (9bc0a2e): an image whose ids
 * name rules the set does not have is mapped, but those ids never reach a
 * rule.  Here the only rule is 0 and the image says 7. */
Test(lexicon_image, rule_ids_beyond_the_rule_set_are_never_used)
{
    free(tmp_write("p.txt", "Quellbury\n"));
    const char *text = "rule places\n  category PLACE\n  list p.txt\n  reason R.\n";
    struct hush_ruleset *rs = rules_must(text);
    struct lexicon bad;
    lexicon_init(&bad);
    lexicon_add(&bad, "quellbury", 9, h1("quellbury"), 1, 7, 0);
    struct hush_error err = {0};
    cr_assert_eq(lexicon_image_write(&bad, rs->lex_key, rs->list_counts, rs->npending, image, &err),
                 HUSH_OK, "%s", err.msg);
    cr_assert_eq(chmod(image, 0644), 0);
    lexicon_free(&bad);
    hush_rules_free(rs);
    rs = rules_must(text);
    cr_assert_not_null(rs->lex.map, "the image was mapped");
    assert_redacts(rs, "from Quellbury", "from Quellbury");
    hush_rules_free(rs);
}

Test(lexicon_image, missing_file_is_refused)
{
    unlink(image);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, truncated_file_is_refused)
{
    struct hush_buf b = read_image();
    b.len -= 8;
    write_image(&b);
    hush_buf_free(&b);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, file_shorter_than_a_header_is_refused)
{
    struct hush_buf b = read_image();
    b.len = 16;
    write_image(&b);
    hush_buf_free(&b);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, extended_file_is_refused)
{
    struct hush_buf b = read_image();
    hush_buf_append(&b, "\0\0\0\0\0\0\0\0", 8);
    write_image(&b);
    hush_buf_free(&b);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, bad_magic_is_refused)
{
    struct hush_buf b = read_image();
    b.data[0] ^= 0x20;
    write_image(&b);
    hush_buf_free(&b);
    cr_assert_not(map_image(key, 2));
}

/* The image is trusted like the rule files beside it: one that others may
 * change is not used. */
Test(lexicon_image, group_writable_file_is_refused)
{
    cr_assert_eq(chmod(image, 0664), 0);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, world_writable_file_is_refused)
{
    cr_assert_eq(chmod(image, 0646), 0);
    cr_assert_not(map_image(key, 2));
}

Test(lexicon_image, symbolic_link_is_refused)
{
    char *link = tmp_path("link.lexicon");
    cr_assert_eq(symlink(image, link), 0);
    uint64_t got[2];
    cr_assert_not(lexicon_image_map(&mapped, key, got, 2, link));
    free(link);
}

/* An index that points outside the image would make a lookup read out of
 * bounds.  Since 9bc0a2e indexes are checked where they are used, not when
 * the image is mapped: a damaged image is either refused or its damaged
 * entry is never returned (the others still are). */
static bool
refused_or_not_found(const char *k)
{
    if (!map_image(key, 2))
        return true;
    bool hidden = lexicon_find(&mapped, k, strlen(k), h1(k)) == NULL;
    cr_assert_not_null(lexicon_find(&mapped, "quellbury", 9, h1("quellbury")),
                       "an undamaged entry is lost");
    lexicon_free(&mapped);
    return hidden;
}

Test(lexicon_image, entry_with_key_offset_outside_the_image_is_never_used)
{
    const struct lex_entry *e = lexicon_find(&lx, "orrick", 6, h1("orrick"));
    struct hush_buf b = read_image();
    /* The entry is stored as it is in memory. */
    char *at = b.data + find_bytes(&b, e, sizeof *e);
    struct lex_entry bad = *e;
    bad.key = 0xFFFFFF;
    memcpy(at, &bad, sizeof bad);
    write_image(&b);
    hush_buf_free(&b);
    cr_assert(refused_or_not_found("orrick"));
}

Test(lexicon_image, entry_with_rule_ids_outside_the_image_is_never_used)
{
    const struct lex_entry *e = lexicon_find(&lx, "orrick", 6, h1("orrick"));
    struct hush_buf b = read_image();
    char *at = b.data + find_bytes(&b, e, sizeof *e);
    struct lex_entry bad = *e;
    bad.rules = 0xFFFFFF;
    memcpy(at, &bad, sizeof bad);
    write_image(&b);
    hush_buf_free(&b);
    cr_assert(refused_or_not_found("orrick"));
}

Test(lexicon_image, slot_pointing_past_the_entries_is_never_followed)
{
    /* A slot holds the hash's high 32 bits and the entry index + 1. */
    const struct lex_entry *e = lexicon_find(&lx, "orrick", 6, h1("orrick"));
    uint64_t slot = (e->hash & UINT64_C(0xFFFFFFFF00000000)) | (uint64_t)(e - lx.entries + 1);
    struct hush_buf b = read_image();
    size_t off = find_bytes(&b, &slot, sizeof slot);
    uint64_t bad = (slot & UINT64_C(0xFFFFFFFF00000000)) | 0x7FFFFFF0u;
    memcpy(b.data + off, &bad, sizeof bad);
    write_image(&b);
    hush_buf_free(&b);
    cr_assert(refused_or_not_found("orrick"));
}

Test(lexicon_image, refused_image_leaves_the_lexicon_as_it_was)
{
    lexicon_add(&mapped, "vane", 4, h1("vane"), 1, 0, 0);
    cr_assert_eq(chmod(image, 0666), 0);
    cr_assert_not(map_image(key, 2));
    cr_assert_null(mapped.map);
    cr_assert_not_null(lexicon_find(&mapped, "vane", 4, h1("vane")));
}

/* Through a rule set: an image written beside FILE.rules is mapped on the
 * next load, and matches as the parsed lists did. */
Test(lexicon_image, rule_set_maps_its_image_and_matches_the_same)
{
    free(tmp_write("p.txt", "Quellbury\nUpper Orrick\n"));
    const char *text = "rule places\n  category PLACE\n  list p.txt\n  reason R.\n";
    struct hush_ruleset *rs = rules_must(text);
    cr_assert_null(rs->lex.map, "no image yet: the lists were parsed");
    struct hush_error err = {0};
    cr_assert_eq(lists_write_image(rs, image, &err), HUSH_OK, "%s", err.msg);
    cr_assert_eq(chmod(image, 0644), 0);
    hush_rules_free(rs);
    rs = rules_must(text);
    cr_assert_not_null(rs->lex.map, "the image was not used");
    cr_assert_eq(hush_rule_list_size(rs, 0), 2);
    assert_redacts(rs, "from Quellbury to Upper Orrick", "from [PLACE] to [PLACE]");
    hush_rules_free(rs);
}

/* A list edited after the image was built must be read afresh. */
Test(lexicon_image, image_of_an_older_list_is_ignored)
{
    free(tmp_write("p.txt", "Quellbury\n"));
    const char *text = "rule places\n  category PLACE\n  list p.txt\n  reason R.\n";
    struct hush_ruleset *rs = rules_must(text);
    struct hush_error err = {0};
    cr_assert_eq(lists_write_image(rs, image, &err), HUSH_OK, "%s", err.msg);
    cr_assert_eq(chmod(image, 0644), 0);
    hush_rules_free(rs);
    free(tmp_write("p.txt", "Orrick\n"));
    rs = rules_must(text);
    cr_assert_null(rs->lex.map);
    assert_redacts(rs, "Quellbury and Orrick", "Quellbury and [PLACE]");
    hush_rules_free(rs);
}
