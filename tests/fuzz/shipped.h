/*
 * shipped.h: what the fuzz targets that redact share: the shipped rule set
 * and a matcher over it, loaded once per process (a target aborts when
 * they cannot be loaded, since nothing it would test could run).
 */
#ifndef HUSH_FUZZ_SHIPPED_H
#define HUSH_FUZZ_SHIPPED_H

#include "hush.h"

#include <stdlib.h>

static struct hush_ruleset *rs;
static struct hush_matcher *m;

static void
shipped_load(void)
{
    if (rs != NULL)
        return;
    const char *paths[] = {"rules/uk-health.rules"};
    struct hush_error err = {0};
    rs = hush_rules_load(paths, 1, &err);
    if (rs == NULL)
        abort();
    m = hush_matcher_new(rs);
}

#endif
