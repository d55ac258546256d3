/*
 * test_paths.c: where the tools find the shipped rule set (paths.c).
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
