/*
 * selftest: loads each rule set named on the command line and runs every
 * expect example in it; prints each failure as file:line: rule: why (never
 * the example's text) and a closing "N passed, N failed" line.
 */
#include "hush.h"

#include <stdio.h>

static void
report(void *ctx, const char *file, size_t line, const char *rule, const char *why)
{
    (void)ctx;
    printf("%s:%zu: rule '%s': %s\n", file, line, rule, why);
}

int
main(int argc, char **argv)
{
    size_t passed = 0, failed = 0;
    int status = HUSH_OK;
    for (int i = 1; i < argc; i++) {
        const char *paths[] = {argv[i]};
        struct hush_error err = {0};
        struct hush_ruleset *rs = hush_rules_load(paths, 1, &err);
        if (rs == NULL) {
            printf("%s\n", err.msg);
            status = err.status;
            continue;
        }
        size_t run = 0, bad = hush_rules_selftest(rs, report, NULL, &run);
        passed += run - bad;
        failed += bad;
        hush_rules_free(rs);
    }
    printf("rules: %zu passed, %zu failed\n", passed, failed);
    return status != HUSH_OK ? status : failed ? 1 : 0;
}
