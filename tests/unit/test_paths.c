/*
 * test_paths.c: where the tools find the shipped rule set, and where each
 * input's output goes (paths.c).
 */
#include "helpers.h"

#include <limits.h>

Test(paths, answer_agrees_with_whether_the_file_is_readable)
{
    char out[PATH_MAX];
    int found = hush_default_rules(out, sizeof out);
    cr_assert_eq(found, access(out, R_OK) == 0, "the answer must match the file system");
    const char *tail = "rules/uk-health.rules";
    size_t n = strlen(out), t = strlen(tail);
    cr_assert(n > t && strcmp(out + n - t, tail) == 0, "the path names the shipped rule set");
}

/* A path that does not fit is not found; it is never truncated into some
 * other, existing path. */
Test(paths, buffer_too_small_finds_nothing)
{
    char out[12];
    memset(out, 'x', sizeof out);
    cr_assert_eq(hush_default_rules(out, sizeof out), 0);
    cr_assert_lt(strlen(out), sizeof out, "the buffer stays terminated");
}

Test(paths, document_names)
{
    cr_expect_str_eq(hush_document_name("-"), "stdin");
    cr_expect_str_eq(hush_document_name("in/P03.txt"), "P03.txt");
    cr_expect_str_eq(hush_document_name("P03.txt"), "P03.txt");
}

Test(paths, output_paths_follow_o)
{
    cr_expect_null(hush_output_path(NULL, "a.txt"), "no -o: standard output");
    cr_expect_null(hush_output_path("-", "a.txt"));
    char *p = hush_output_path("out.txt", "in/a.txt");
    cr_expect_str_eq(p, "out.txt", "-o FILE is that file");
    free(p);
    p = hush_output_path("/tmp", "in/a.txt");
    cr_expect_str_eq(p, "/tmp/a.txt", "-o DIR is DIR/NAME");
    free(p);
}

Test(paths, outputs_that_would_collide_are_refused)
{
    char *two[] = {"x/a.txt", "y/a.txt"}, *apart[] = {"x/a.txt", "x/b.txt"};
    struct hush_error err = {0};
    cr_expect_eq(hush_check_outputs("/tmp", two, 2, &err), HUSH_EUSAGE);
    cr_expect(strstr(err.msg, "inputs 1 and 2") != NULL, "%s", err.msg);
    hush_error_clear(&err);
    cr_expect_eq(hush_check_outputs("/tmp", apart, 2, &err), HUSH_OK);
    cr_expect_eq(hush_check_outputs("/tmp/no-such-dir-for-hush", apart, 2, &err), HUSH_EUSAGE,
                 "several inputs need a directory");
    hush_error_clear(&err);
    cr_expect_eq(hush_check_outputs(NULL, two, 2, &err), HUSH_OK, "standard output takes all");
}
