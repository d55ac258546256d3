/*
 * mklexicon: builds the lexicon image of a rule set (FILE.rules ->
 * FILE.lexicon), so that the tools map its lists instead of parsing them,
 * and runs its examples, recording that they passed (FILE.examples), so
 * that the tools need not run them at every start.  Run by `make`; the
 * image and the record are ignored whenever they no longer match.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int
main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mklexicon FILE.rules\n");
        return HUSH_EUSAGE;
    }
    char *image = lists_image_path(argv[1]), *stamp = examples_stamp_path(argv[1]);
    if (image == NULL || stamp == NULL) {
        fprintf(stderr, "mklexicon: %s: the name must end in .rules\n", argv[1]);
        return HUSH_EUSAGE;
    }
    /* Load without the image: remove a stale one first. */
    remove(image);
    remove(stamp);
    const char *paths[] = {argv[1]};
    struct hush_error err = {0};
    struct hush_ruleset *rs = hush_rules_load(paths, 1, &err);
    int rc = rs ? lists_write_image(rs, image, &err) : err.status;
    /* The tools refuse an image that group or others may write, whatever
     * the umask of whoever ran make. */
    if (rc == HUSH_OK && chmod(image, 0644) != 0) {
        hush_error_set(&err, HUSH_EIO, "%s: cannot set its mode", image);
        rc = HUSH_EIO;
    }
    /* A failing example is reported when a tool loads the set; here it only
     * means there is no record. */
    if (rc == HUSH_OK && hush_rules_selftest(rs, NULL, NULL, NULL) == 0) {
        rc = examples_stamp_write(rs, stamp, &err);
        if (rc == HUSH_OK && chmod(stamp, 0644) != 0) {
            hush_error_set(&err, HUSH_EIO, "%s: cannot set its mode", stamp);
            rc = HUSH_EIO;
        }
    }
    if (rc != HUSH_OK)
        fprintf(stderr, "mklexicon: %s\n", err.msg);
    hush_rules_free(rs);
    free(image);
    free(stamp);
    return rc;
}
