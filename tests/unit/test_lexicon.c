/*
 * test_lexicon.c: the hash table of normalised word sequences behind list
 * rules (lexicon.c).
 */
#include "helpers.h"

static struct lexicon lx;

static void
setup(void)
{
    lexicon_init(&lx);
}

static void
teardown(void)
{
    lexicon_free(&lx);
}

TestSuite(lexicon, .init = setup, .fini = teardown);

/* The hash lists use for an entry of one word. */
static uint64_t
h1(const char *w)
{
    return hash_seq(HASH_SEED, hash_bytes(HASH_SEED, w, strlen(w)));
}

static struct lex_entry *
add(const char *key, uint32_t rule, unsigned flags)
{
    return lexicon_add(&lx, key, strlen(key), h1(key), 1, rule, flags);
}

static const struct lex_entry *
find(const char *key)
{
    return lexicon_find(&lx, key, strlen(key), h1(key));
}

Test(lexicon, empty_lexicon_finds_nothing)
{
    cr_assert_null(find("quell"));
}

Test(lexicon, finds_what_was_added_and_nothing_else)
{
    add("quell", 0, 0);
    add("vane", 1, 0);
    const struct lex_entry *e = find("quell");
    cr_assert_not_null(e);
    cr_assert_eq(e->nrules, 1);
    cr_assert_eq(lexicon_rules(&lx, e)[0], 0);
    cr_assert(e->flags & LEX_ENTRY);
    cr_assert_eq(lexicon_rules(&lx, find("vane"))[0], 1);
    cr_assert_null(find("quel"));
    cr_assert_null(find("quells"));
}

Test(lexicon, stores_the_key_bytes)
{
    const struct lex_entry *e = add("tamsin quell", 3, 0);
    cr_assert_eq(e->key_len, 12);
    cr_assert_eq(memcmp(lx.keys.data + e->key, "tamsin quell", 12), 0);
}

Test(lexicon, same_key_for_two_rules_is_one_entry_with_both)
{
    add("vane", 2, 0);
    add("vane", 5, 0);
    cr_assert_eq(lx.n, 1);
    const struct lex_entry *e = find("vane");
    cr_assert_eq(e->nrules, 2);
    cr_assert_eq(lexicon_rules(&lx, e)[0], 2);
    cr_assert_eq(lexicon_rules(&lx, e)[1], 5);
}

Test(lexicon, same_rule_twice_is_recorded_once)
{
    add("vane", 4, 0);
    add("vane", 4, 0);
    cr_assert_eq(find("vane")->nrules, 1);
}

/* An entry's rule ids must stay contiguous even when another entry's ids
 * were appended after them (the arena moves them to the end). */
Test(lexicon, rule_ids_stay_contiguous_when_interleaved)
{
    add("quell", 0, 0);
    add("vane", 0, 0);
    add("quell", 1, 0);
    add("vane", 2, 0);
    add("quell", 3, 0);
    const struct lex_entry *q = find("quell"), *v = find("vane");
    cr_assert_eq(q->nrules, 3);
    cr_assert_eq(v->nrules, 2);
    const uint32_t *qi = lexicon_rules(&lx, q), *vi = lexicon_rules(&lx, v);
    cr_assert(qi[0] == 0 && qi[1] == 1 && qi[2] == 3);
    cr_assert(vi[0] == 0 && vi[1] == 2);
}

Test(lexicon, flags_only_add_is_not_an_entry)
{
    add("will", UINT32_MAX, LEX_COMMON_WORD);
    const struct lex_entry *e = find("will");
    cr_assert_not_null(e);
    cr_assert(e->flags & LEX_COMMON_WORD);
    cr_assert_not(e->flags & LEX_ENTRY);
    cr_assert_eq(e->nrules, 0);
}

Test(lexicon, flags_accumulate_on_one_entry)
{
    add("will", 0, 0);
    add("will", UINT32_MAX, LEX_COMMON_WORD);
    const struct lex_entry *e = find("will");
    cr_assert_eq(lx.n, 1);
    cr_assert(e->flags & LEX_ENTRY);
    cr_assert(e->flags & LEX_COMMON_WORD);
    cr_assert_eq(e->nrules, 1);
}

Test(lexicon, records_word_count_and_longest)
{
    const char *k = "upper quell end";
    struct lex_entry *e = lexicon_add(&lx, k, strlen(k), 12345, 3, 0, 0);
    cr_assert_eq(e->ntok, 3);
    cr_assert_eq(e->longest, 3);
}

/* Keys whose hashes collide must still be told apart by their bytes. */
Test(lexicon, colliding_hashes_are_told_apart_by_key)
{
    lexicon_add(&lx, "quell", 5, 777, 1, 0, 0);
    lexicon_add(&lx, "vanes", 5, 777, 1, 1, 0);
    cr_assert_eq(lx.n, 2);
    const struct lex_entry *a = lexicon_find(&lx, "quell", 5, 777);
    const struct lex_entry *b = lexicon_find(&lx, "vanes", 5, 777);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    cr_assert_neq(a, b);
    cr_assert_eq(lexicon_rules(&lx, b)[0], 1);
    cr_assert_null(lexicon_find(&lx, "other", 5, 777));
}

Test(lexicon, grows_past_the_first_table_and_finds_every_entry)
{
    char k[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "w%d", i);
        add(k, (uint32_t)(i % 7), 0);
    }
    cr_assert_eq(lx.n, 5000);
    cr_assert_geq(lx.nslots, 10000, "the table stays at most half full");
    cr_assert_eq(lx.nslots & (lx.nslots - 1), 0, "a power of two");
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "w%d", i);
        const struct lex_entry *e = find(k);
        cr_assert_not_null(e, "entry %d lost", i);
        cr_assert_eq(lexicon_rules(&lx, e)[0], (uint32_t)(i % 7));
    }
}

Test(lexicon, reserve_keeps_existing_entries)
{
    add("quell", 0, 0);
    lexicon_reserve(&lx, 4000);
    cr_assert_geq(lx.cap, 4001);
    cr_assert_geq(lx.nslots, 8002);
    cr_assert_not_null(find("quell"));
}

Test(lexicon, free_leaves_an_empty_reusable_table)
{
    add("quell", 0, 0);
    lexicon_free(&lx);
    cr_assert_eq(lx.n, 0);
    cr_assert_null(lx.entries);
    cr_assert_null(find("quell"));
    add("vane", 0, 0);
    cr_assert_not_null(find("vane"));
}
