/*
 * paths.c: where the tools find the shipped rule set: beside the program in
 * a source tree (bin/../rules), else in the installed share directory; and
 * where each input's output goes.
 */
#include "hush.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HUSH_DATADIR
#define HUSH_DATADIR "/usr/local/share/hush"
#endif

#define DEFAULT_RULES "rules/uk-health.rules"

int
hush_default_rules(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            int w = snprintf(out, size, "%s/../%s", exe, DEFAULT_RULES);
            if (w > 0 && (size_t)w < size && access(out, R_OK) == 0)
                return 1;
        }
    }
    int w = snprintf(out, size, "%s/%s", HUSH_DATADIR, DEFAULT_RULES);
    return w > 0 && (size_t)w < size && access(out, R_OK) == 0;
}

static bool
is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
hush_output_path(const char *out, const char *name)
{
    if (out == NULL || strcmp(out, "-") == 0)
        return NULL;
    if (!is_directory(out))
        return hush_xstrdup(out);
    const char *base = hush_document_name(name);
    size_t n = strlen(out) + strlen(base) + 2;
    char *p = hush_xmalloc(n);
    snprintf(p, n, "%s/%s", out, base);
    return p;
}

const char *
hush_document_name(const char *name)
{
    if (strcmp(name, "-") == 0)
        return "stdin";
    const char *slash = strrchr(name, '/');
    return slash && slash[1] ? slash + 1 : name;
}

int
hush_check_outputs(const char *out, char *const *files, size_t n, struct hush_error *err)
{
    if (n > 1 && out && strcmp(out, "-") != 0 && !is_directory(out))
        return hush_error_set(err, HUSH_EUSAGE, "with several inputs, -o must name a directory");
    int rc = HUSH_OK;
    for (size_t i = 0; i < n && rc == HUSH_OK; i++) {
        char *a = hush_output_path(out, files[i]);
        for (size_t k = i + 1; a && k < n && rc == HUSH_OK; k++) {
            char *b = hush_output_path(out, files[k]);
            if (b && strcmp(a, b) == 0)
                rc = hush_error_set(err, HUSH_EUSAGE,
                                    "inputs %zu and %zu would both be written to %s", i + 1, k + 1,
                                    a);
            free(b);
        }
        free(a);
    }
    return rc;
}
