/*
 * helpers.h: what several unit suites share: a temporary directory per
 * test, small files written into it, rule sets loaded from text, and
 * redaction into a NUL-terminated string.  Every helper is static inline,
 * so each suite (one binary each) takes only what it uses.
 *
 * Fixtures are synthetic: the people, places and numbers in them are
 * invented.
 */
#ifndef HUSH_TEST_HELPERS_H
#define HUSH_TEST_HELPERS_H

#include <criterion/criterion.h>

#include "internal.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- temporary directories ---------------------------------------------- */

/* Removes path and, if it is a directory, everything under it. */
static inline void
tmp_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *de;
            while ((de = readdir(d)) != NULL) {
                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                    continue;
                size_t n = strlen(path) + strlen(de->d_name) + 2;
                char *child = malloc(n);
                snprintf(child, n, "%s/%s", path, de->d_name);
                tmp_remove(child);
                free(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* The directory of the running test: made by tmpdir_setup (a suite's
 * .init) and removed with its contents by tmpdir_teardown (its .fini). */
static char test_dir[64] __attribute__((unused));

static inline void
tmpdir_setup(void)
{
    strcpy(test_dir, "/tmp/hush-unit-XXXXXX");
    cr_assert_not_null(mkdtemp(test_dir), "cannot make a temporary directory");
}

static inline void
tmpdir_teardown(void)
{
    if (test_dir[0])
        tmp_remove(test_dir);
    test_dir[0] = '\0';
}

/* Returns dir/name in a malloc'd string. */
static inline char *
tmp_path(const char *name)
{
    size_t n = strlen(test_dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", test_dir, name);
    return p;
}

/* Writes n bytes of data as name in the test directory (making one level
 * of subdirectory if name has a slash); returns the malloc'd path. */
static inline char *
tmp_write_n(const char *name, const void *data, size_t n)
{
    char *path = tmp_path(name);
    char *slash = strrchr(path, '/');
    if (slash && slash > path + strlen(test_dir)) {
        *slash = '\0';
        mkdir(path, 0755);
        *slash = '/';
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    cr_assert(fd >= 0, "cannot create a fixture file");
    cr_assert_eq(write(fd, data, n), (ssize_t)n, "cannot write a fixture file");
    close(fd);
    return path;
}

static inline char *
tmp_write(const char *name, const char *text)
{
    return tmp_write_n(name, text, strlen(text));
}

/* ---- rule sets ------------------------------------------------------------ */

/* Writes text as test.rules in the test directory and loads it alone.
 * Returns the rule set, or NULL with err set. */
static inline struct hush_ruleset *
rules_try(const char *text, struct hush_error *err)
{
    char *path = tmp_write("test.rules", text);
    hush_error_clear(err);
    const char *paths[] = {path};
    struct hush_ruleset *rs = hush_rules_load(paths, 1, err);
    free(path);
    return rs;
}

/* As rules_try, but the rule set must load.  On failure the test
 * directory is removed first: a suite's .fini does not run when its .init
 * fails. */
static inline struct hush_ruleset *
rules_must(const char *text)
{
    struct hush_error err = {0};
    struct hush_ruleset *rs = rules_try(text, &err);
    if (rs == NULL) {
        tmpdir_teardown();
        cr_assert_fail("fixture rules did not load: %s", err.msg);
    }
    return rs;
}

/* Index of the rule with this id; the rule must exist. */
static inline uint32_t
rule_index(const struct hush_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < hush_rules_count(rs); i++)
        if (strcmp(hush_rule_id(rs, i), id) == 0)
            return (uint32_t)i;
    cr_assert_fail("no rule '%s' in the fixture", id);
    return UINT32_MAX;
}

/* Redacts text (synthetic) with rs; returns a malloc'd, NUL-terminated
 * result.  Matching must succeed. */
static inline char *
redact(const struct hush_ruleset *rs, const char *text)
{
    struct hush_buf out = {0};
    struct hush_error err = {0};
    int rc = hush_redact_text(rs, text, strlen(text), &out, &err);
    cr_assert_eq(rc, HUSH_OK, "redaction failed: %s", err.msg);
    hush_buf_append(&out, "", 0);
    return out.data;
}

/* Asserts that rs redacts input to expected; both are synthetic. */
#define assert_redacts(rs, input, expected)                                                        \
    do {                                                                                           \
        char *got_ = redact((rs), (input));                                                        \
        cr_assert_str_eq(got_, (expected));                                                        \
        free(got_);                                                                                \
    } while (0)

/* Does msg begin with "file:line:" followed by a column number and ':'? */
static inline bool
msg_at(const char *msg, const char *file, size_t line)
{
    char head[600];
    snprintf(head, sizeof head, "%s:%zu:", file, line);
    size_t n = strlen(head);
    if (strncmp(msg, head, n) != 0)
        return false;
    const char *p = msg + n;
    if (*p < '1' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == ':';
}

/* The column of a "file:line:col: ..." message, or 0. */
static inline size_t
msg_col(const char *msg, const char *file, size_t line)
{
    if (!msg_at(msg, file, line))
        return 0;
    char head[600];
    snprintf(head, sizeof head, "%s:%zu:", file, line);
    return (size_t)strtoul(msg + strlen(head), NULL, 10);
}

#endif
