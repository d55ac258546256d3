/*
 * fuzz_rules: the rule-file parser on arbitrary bytes.  The input is written
 * as a rule file in a private directory with one small list beside it, and
 * loaded; whatever it holds, loading must return a rule set or an error,
 * never crash, leak or hang, and the error must name the file.
 */
#include "hush.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void
setup(void)
{
    if (dir[0])
        return;
    strcpy(dir, "/tmp/hush-fuzz-rules-XXXXXX");
    if (mkdtemp(dir) == NULL)
        abort();
    char path[128];
    snprintf(path, sizeof path, "%s/names.txt", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        abort();
    fputs("Quell\nVane Orr\n", f);
    fclose(f);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    setup();
    char path[128];
    snprintf(path, sizeof path, "%s/f.rules", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    const char *paths[] = {path};
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(paths, 1, &err);
    if (rs == NULL) {
        if (err.status == HUSH_OK || err.msg[0] == '\0')
            abort(); /* a failure must say what failed */
    } else {
        size_t run;
        hush_rules_selftest(rs, NULL, NULL, &run);
        struct hush_buf out = {0};
        hush_redact_text(rs, "Quell met Vane Orr on 07700 900123.", 35, &out, &err);
        hush_buf_free(&out);
    }
    hush_rules_free(rs);
    return 0;
}
