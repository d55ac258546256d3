/*
 * test_utf8.c: strict UTF-8 validation, decoding, and byte offsets as
 * line and column (utf8.c).
 */
#include "helpers.h"

/* Validates a byte string given with its length (it may hold NULs). */
static int
valid(const char *s, size_t n, size_t *bad)
{
    *bad = (size_t)-1;
    return hush_utf8_valid(s, n, bad);
}

Test(utf8, accepts_ascii_and_multibyte_text)
{
    size_t bad;
    const char *s = "Zoë met Siân at café №5 — 𝄞 ok";
    cr_assert_eq(valid(s, strlen(s), &bad), 1);
    cr_assert_eq(bad, (size_t)-1, "bad must be left alone on success");
}

Test(utf8, accepts_empty_input)
{
    size_t bad;
    cr_assert_eq(valid("", 0, &bad), 1);
}

Test(utf8, accepts_boundary_code_points)
{
    size_t bad;
    /* U+007F, U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF */
    const char s[] = "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    cr_assert_eq(valid(s, sizeof s - 1, &bad), 1);
}

Test(utf8, rejects_two_byte_overlong)
{
    size_t bad;
    cr_assert_eq(valid("ab\xC0\x80", 4, &bad), 0);
    cr_assert_eq(bad, 2);
    cr_assert_eq(valid("ab\xC1\xBF", 4, &bad), 0);
    cr_assert_eq(bad, 2);
}

Test(utf8, rejects_three_and_four_byte_overlongs)
{
    size_t bad;
    cr_assert_eq(valid("\xE0\x80\xAF", 3, &bad), 0);
    cr_assert_eq(bad, 0);
    cr_assert_eq(valid("x\xF0\x80\x80\xAF", 5, &bad), 0);
    cr_assert_eq(bad, 1);
}

Test(utf8, rejects_surrogates)
{
    size_t bad;
    /* U+D800 and U+DFFF encoded as if they were characters (CESU-8) */
    cr_assert_eq(valid("ok\xED\xA0\x80", 5, &bad), 0);
    cr_assert_eq(bad, 2);
    cr_assert_eq(valid("\xED\xBF\xBF", 3, &bad), 0);
    cr_assert_eq(bad, 0);
}

Test(utf8, rejects_code_points_above_10ffff)
{
    size_t bad;
    cr_assert_eq(valid("\xF4\x90\x80\x80", 4, &bad), 0);
    cr_assert_eq(bad, 0);
    cr_assert_eq(valid("a\xF5\x80\x80\x80", 5, &bad), 0);
    cr_assert_eq(bad, 1);
}

Test(utf8, rejects_truncated_sequence_at_end)
{
    size_t bad;
    /* The é is cut after its first byte: the length given ends inside it. */
    cr_assert_eq(valid("caf\xC3\xA9", 4, &bad), 0);
    cr_assert_eq(bad, 3);
    cr_assert_eq(valid("\xF0\x9D\x84", 3, &bad), 0);
    cr_assert_eq(bad, 0);
}

Test(utf8, rejects_stray_continuation_and_bad_continuation)
{
    size_t bad;
    cr_assert_eq(valid("ab\x80", 3, &bad), 0);
    cr_assert_eq(bad, 2);
    cr_assert_eq(valid("\xC3(", 2, &bad), 0);
    cr_assert_eq(bad, 0);
}

Test(utf8, rejects_nul_byte_with_its_offset)
{
    size_t bad;
    cr_assert_eq(valid("ab\0cd", 5, &bad), 0);
    cr_assert_eq(bad, 2);
}

/* The validator checks eight ASCII bytes at a time: a NUL or a bad byte
 * inside or after such a block must still be found at its exact offset. */
Test(utf8, finds_nul_inside_a_fast_ascii_block)
{
    size_t bad;
    char s[40];
    memset(s, 'a', sizeof s);
    s[13] = '\0';
    cr_assert_eq(valid(s, sizeof s, &bad), 0);
    cr_assert_eq(bad, 13);
}

Test(utf8, finds_bad_byte_after_long_ascii_run)
{
    size_t bad;
    char s[64];
    memset(s, 'b', sizeof s);
    s[37] = (char)0xFF;
    cr_assert_eq(valid(s, sizeof s, &bad), 0);
    cr_assert_eq(bad, 37);
}

Test(utf8, decode_returns_length_and_code_point)
{
    int32_t cp = 0;
    cr_assert_eq(hush_utf8_decode("A", 1, &cp), 1);
    cr_assert_eq(cp, 'A');
    cr_assert_eq(hush_utf8_decode("\xC3\xAB", 2, &cp), 2);
    cr_assert_eq(cp, 0xEB);
    cr_assert_eq(hush_utf8_decode("\xE2\x80\x99", 3, &cp), 3);
    cr_assert_eq(cp, 0x2019);
    cr_assert_eq(hush_utf8_decode("\xF0\x9D\x84\x9E", 4, &cp), 4);
    cr_assert_eq(cp, 0x1D11E);
}

Test(utf8, decode_invalid_gives_replacement_and_one_byte)
{
    int32_t cp = 0;
    cr_assert_eq(hush_utf8_decode("\xC0\x80", 2, &cp), 1);
    cr_assert_eq(cp, 0xFFFD);
    /* A sequence longer than the bytes available is invalid, not read past. */
    cr_assert_eq(hush_utf8_decode("\xE2\x80", 2, &cp), 1);
    cr_assert_eq(cp, 0xFFFD);
}

Test(utf8, text_where_counts_lines_from_one)
{
    const char *s = "ab\ncd\nef";
    size_t line, col;
    hush_text_where(s, strlen(s), 0, &line, &col);
    cr_assert_eq(line, 1);
    cr_assert_eq(col, 1);
    hush_text_where(s, strlen(s), 4, &line, &col);
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 2);
    hush_text_where(s, strlen(s), 6, &line, &col);
    cr_assert_eq(line, 3);
    cr_assert_eq(col, 1);
}

Test(utf8, text_where_counts_columns_in_code_points)
{
    /* "é" is two bytes but one column. */
    const char *s = "x\nééz";
    size_t line, col;
    hush_text_where(s, strlen(s), 6, &line, &col);
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 3);
}

Test(utf8, text_where_clamps_offset_past_end)
{
    const char *s = "ab\nc";
    size_t line, col;
    hush_text_where(s, strlen(s), 100, &line, &col);
    cr_assert_eq(line, 2);
    cr_assert_eq(col, 2);
}
