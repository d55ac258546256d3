/*
 * paths.c: where the tools find the shipped rule set: beside the program in
 * a source tree (bin/../rules), else in the installed share directory.
 */
#include "hush.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
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
