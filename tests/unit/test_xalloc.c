/*
 * test_xalloc.c: the allocators that never return NULL and the growable
 * byte buffer (xalloc.c).
 */
#include "helpers.h"

#include <signal.h>

Test(xalloc, buf_append_keeps_a_terminating_nul)
{
    struct hush_buf b = {0};
    hush_buf_append(&b, "abc", 3);
    hush_buf_append(&b, "de", 2);
    cr_assert_eq(b.len, 5);
    cr_assert_str_eq(b.data, "abcde");
    cr_assert_gt(b.cap, b.len, "one spare byte for the NUL");
    hush_buf_free(&b);
}

Test(xalloc, buf_append_of_nothing_gives_an_empty_string)
{
    struct hush_buf b = {0};
    hush_buf_append(&b, "", 0);
    cr_assert_not_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(b.data, "");
    hush_buf_free(&b);
}

Test(xalloc, buf_printf_appends_formatted_text)
{
    struct hush_buf b = {0};
    hush_buf_append(&b, "n=", 2);
    hush_buf_printf(&b, "%d,%s", 42, "ok");
    cr_assert_eq(b.len, 7);
    cr_assert_str_eq(b.data, "n=42,ok");
    hush_buf_free(&b);
}

Test(xalloc, buf_grows_across_many_appends)
{
    struct hush_buf b = {0};
    for (int i = 0; i < 10000; i++)
        hush_buf_printf(&b, "%04d", i % 10000);
    cr_assert_eq(b.len, 40000);
    cr_assert_eq(memcmp(b.data + 4 * 1234, "1234", 4), 0);
    cr_assert_eq(memcmp(b.data + 4 * 9999, "9999", 4), 0);
    hush_buf_free(&b);
}

Test(xalloc, buf_free_leaves_it_empty_and_reusable)
{
    struct hush_buf b = {0};
    hush_buf_append(&b, "xyz", 3);
    hush_buf_free(&b);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(b.cap, 0);
    hush_buf_append(&b, "q", 1);
    cr_assert_str_eq(b.data, "q");
    hush_buf_free(&b);
}

Test(xalloc, xgrow_reaches_at_least_the_need_and_keeps_contents)
{
    size_t cap = 0;
    int *v = hush_xgrow(NULL, &cap, 3, sizeof *v);
    cr_assert_geq(cap, 3);
    for (int i = 0; i < 3; i++)
        v[i] = i + 10;
    v = hush_xgrow(v, &cap, 1000, sizeof *v);
    cr_assert_geq(cap, 1000);
    cr_assert_eq(v[2], 12);
    size_t before = cap;
    int *same = hush_xgrow(v, &cap, 5, sizeof *v);
    cr_assert_eq(same, v, "no reallocation when the need is met");
    cr_assert_eq(cap, before);
    free(v);
}

Test(xalloc, xstrndup_copies_n_bytes_and_terminates)
{
    char *p = hush_xstrndup("abcdef", 3);
    cr_assert_str_eq(p, "abc");
    free(p);
    char *q = hush_xstrdup("");
    cr_assert_str_eq(q, "");
    free(q);
}

Test(xalloc, zero_sized_requests_return_usable_pointers)
{
    void *p = hush_xmalloc(0);
    void *q = hush_xcalloc(0, 0);
    cr_assert_not_null(p);
    cr_assert_not_null(q);
    free(p);
    free(q);
}

/* Allocation failure is not a status: it aborts, in one place. */
Test(xalloc, impossible_allocation_aborts, .signal = SIGABRT)
{
    size_t cap = 1;
    void *p = hush_xgrow(NULL, &cap, SIZE_MAX / 2, 16);
    free(p);
}
