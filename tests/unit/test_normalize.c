/*
 * test_normalize.c: the one definition of "the same word" (normalize.c):
 * NFKC, case folded, marks removed, invisible characters dropped,
 * apostrophes unified; and the word and sequence hashes.
 */
#include "helpers.h"

/* Normalises s and returns the malloc'd result. */
static char *
norm(const char *s)
{
    struct hush_buf b = {0};
    size_t n = normalize_word(s, strlen(s), &b);
    cr_assert_eq(n, b.len, "the return value is the number of bytes appended");
    hush_buf_append(&b, "", 0);
    return b.data;
}

#define assert_norm(in, want)                                                                      \
    do {                                                                                           \
        char *got_ = norm(in);                                                                     \
        cr_assert_str_eq(got_, want);                                                              \
        free(got_);                                                                                \
    } while (0)

Test(normalize, ascii_is_lower_cased)
{
    assert_norm("QUELLWORTH", "quellworth");
    assert_norm("McTavish-Orr", "mctavish-orr");
    assert_norm("P07", "p07");
}

Test(normalize, accents_and_marks_are_removed)
{
    assert_norm("Zoë", "zoe");
    assert_norm("SIÂN", "sian");
    assert_norm("Łucja", "łucja"); /* a letter of its own, not a mark */
}

Test(normalize, decomposed_and_composed_forms_agree)
{
    /* "é" as one code point and as e + combining acute */
    char *a = norm("Ren\xC3\xA9");
    char *b = norm("Rene\xCC\x81");
    cr_assert_str_eq(a, b);
    cr_assert_str_eq(a, "rene");
    free(a);
    free(b);
}

Test(normalize, compatibility_forms_fold)
{
    assert_norm("\xEF\xAC\x81ona", "fiona"); /* the fi ligature */
    assert_norm("Ｊａｎｅ", "jane");         /* full-width letters */
}

Test(normalize, case_folding_is_full)
{
    assert_norm("STRASSE", "strasse");
    assert_norm("Straße", "strasse");
}

Test(normalize, apostrophe_variants_become_ascii)
{
    assert_norm("O\xE2\x80\x99"
                "Dowd",
                "o'dowd"); /* U+2019 */
    assert_norm("O\xE2\x80\x98"
                "Dowd",
                "o'dowd"); /* U+2018 */
    assert_norm("O\xCA\xBC"
                "Dowd",
                "o'dowd"); /* U+02BC */
    assert_norm("O'Dowd", "o'dowd");
}

/* Invisible characters inside a name must not make it a different word. */
Test(normalize, invisible_characters_are_dropped)
{
    assert_norm("Qui\xE2\x80\x8Bnta", "quinta"); /* zero-width space */
    assert_norm("Qui\xC2\xADnta", "quinta");     /* soft hyphen */
    assert_norm("Qui\xE2\x80\x8Dnta", "quinta"); /* zero-width joiner */
}

Test(normalize, appends_to_what_is_there)
{
    struct hush_buf b = {0};
    hush_buf_append(&b, "x ", 2);
    size_t n = normalize_word("Ab", 2, &b);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(b.data, "x ab");
    n = normalize_word("É", strlen("É"), &b);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(b.data, "x abe");
    hush_buf_free(&b);
}

Test(normalize, hash_bytes_is_deterministic_and_discriminating)
{
    uint64_t a = hash_bytes(HASH_SEED, "okafor", 6);
    cr_assert_eq(a, hash_bytes(HASH_SEED, "okafor", 6));
    cr_assert_neq(a, hash_bytes(HASH_SEED, "okafoR", 6));
    cr_assert_neq(a, hash_bytes(HASH_SEED, "okafo", 5));
    cr_assert_neq(hash_bytes(HASH_SEED, "", 0), hash_bytes(HASH_SEED, "\0", 1),
                  "the length takes part in the hash");
    cr_assert_neq(a, hash_bytes(HASH_SEED + 1, "okafor", 6));
}

Test(normalize, hash_seq_depends_on_order)
{
    uint64_t ann = hash_bytes(HASH_SEED, "ann", 3), lee = hash_bytes(HASH_SEED, "lee", 3);
    uint64_t ab = hash_seq(hash_seq(HASH_SEED, ann), lee);
    uint64_t ba = hash_seq(hash_seq(HASH_SEED, lee), ann);
    cr_assert_neq(ab, ba);
    cr_assert_eq(ab, hash_seq(hash_seq(HASH_SEED, ann), lee));
    cr_assert_neq(hash_seq(HASH_SEED, ann), ann, "a one-word sequence is not the word's hash");
}

Test(normalize, word_code_points_are_letters_marks_and_digits)
{
    cr_assert(is_word_cp('a'));
    cr_assert(is_word_cp('Z'));
    cr_assert(is_word_cp('7'));
    cr_assert(is_word_cp(0xEB));   /* ë */
    cr_assert(is_word_cp(0x0301)); /* combining acute */
    cr_assert(is_word_cp(0x0663)); /* Arabic-Indic three */
    cr_assert(is_word_cp(0x4E2D)); /* a CJK ideograph */
    cr_assert_not(is_word_cp(' '));
    cr_assert_not(is_word_cp('\''));
    cr_assert_not(is_word_cp('-'));
    cr_assert_not(is_word_cp('_'));
    cr_assert_not(is_word_cp(0x2019));
    cr_assert_not(is_word_cp(0x00A0));
}

Test(normalize, continues_word_looks_at_the_code_point_before)
{
    const char *s = "ab c\xC3\xA9"
                    "d -x";
    cr_assert_not(continues_word(s, 0), "the start of the text begins a word");
    cr_assert(continues_word(s, 1));
    cr_assert_not(continues_word(s, 3), "after a space");
    cr_assert(continues_word(s, 6), "after the two bytes of é");
    cr_assert_not(continues_word(s, 9), "after a hyphen");
}

Test(normalize, word_start_goes_back_over_an_invisible_joiner_or_apostrophe)
{
    /* "x Sa<ZWSP>ndra": a span found at "ndra" starts inside the word. */
    const char *s = "x Sa\xE2\x80\x8B"
                    "ndra";
    cr_assert_eq(word_start(s, 7), 2, "back to the S");
    cr_assert_eq(word_start(s, 2), 2, "a word's own start stays");
    const char *t = "x \xE2\x80\x8B"
                    "ndra"; /* an invisible with no word before it */
    cr_assert_eq(word_start(t, 5), 5);
    /* An apostrophe inside a word joins it too ("O'Neill@example.org"
     * found at "Neill"); one that opens a quotation does not. */
    const char *u = "x O'ndra";
    cr_assert_eq(word_start(u, 4), 2, "back to the O");
    const char *v = "x 'ndra";
    cr_assert_eq(word_start(v, 3), 3);
}

Test(normalize, word_end_goes_on_through_an_apostrophe_inside_a_word)
{
    /* "S. I'AWP": a span that stops after "I'" ends after the word. */
    const char *s = "S. I'AWP x";
    cr_assert_eq(word_end(s, strlen(s), 5), 8, "on to the end of I'AWP");
    cr_assert_eq(word_end(s, strlen(s), 4), 8, "from inside the word too");
    /* A closing quotation or a plural possessive ends the word. */
    const char *t = "the Joneses' car";
    cr_assert_eq(word_end(t, strlen(t), 12), 12);
    /* A possessive 's stays outside. */
    const char *u = "Ann's x";
    cr_assert_eq(word_end(u, strlen(u), 4), 3, "back to before the 's");
    /* An 's that another apostrophe and letters go on from is no possessive:
     * the tokeniser reads "Is'S'el" as one word, and so does word_end (else
     * "'el" was left after the tag, and "el" read as a word of its own). */
    const char *w = "S.Is'S'el x";
    cr_assert_eq(word_end(w, strlen(w), 4), 9, "on to the end of Is'S'el");
    cr_assert_eq(possessive_trim(w, strlen(w), 0, 9), 9, "and no 's is trimmed");
}
