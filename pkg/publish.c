/*
 * publish.c: getting bytes out safely.  Short writes and EINTR are retried;
 * a file is published whole or not at all (temporary file, fsync, rename,
 * fsync of the directory).
 */
#define _GNU_SOURCE
#include "hush.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int
hush_write_all(int fd, const void *p, size_t n, const char *what, struct hush_error *err)
{
    const char *s = p;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return hush_error_set(err, HUSH_EIO, "%s: write failed: %s", what, strerror(errno));
        }
        s += w;
        n -= (size_t)w;
    }
    return HUSH_OK;
}

/* fsync, retried on EINTR. */
static int
sync_fd(int fd)
{
    int rc;
    do
        rc = fsync(fd);
    while (rc < 0 && errno == EINTR);
    return rc;
}

/* A device or a pipe named as the output ("/dev/stdout", a FIFO) cannot be
 * replaced by a rename: it is written in place. */
static int
write_in_place(const char *path, const void *data, size_t n, struct hush_error *err)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot open: %s", path, strerror(errno));
    int rc = hush_write_all(fd, data, n, path, err);
    if (close(fd) < 0 && rc == HUSH_OK)
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot close: %s", path, strerror(errno));
    return rc;
}

int
hush_publish_file(const char *path, const void *data, size_t n, struct hush_error *err)
{
    /* A rename would replace a link (/dev/stdout is one) or a device or
     * pipe: those are written through instead. */
    struct stat st;
    if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode) || (stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
            return hush_error_set(err, HUSH_ECANTCREAT, "%s: is a directory", path);
        return write_in_place(path, data, n, err);
    }
    char *copy = hush_xstrdup(path);
    const char *dir = dirname(copy);
    char *copy2 = hush_xstrdup(path);
    const char *base = basename(copy2);
    size_t tl = strlen(dir) + strlen(base) + 16;
    char *tmp = hush_xmalloc(tl);
    snprintf(tmp, tl, "%s/.%s.XXXXXX", dir, base);
    int rc = HUSH_OK;
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        rc = hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", path, strerror(errno));
        goto out;
    }
    /* mkostemp makes the file 0600; give it the mode an ordinary new file
     * would have under the caller's umask. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) < 0 || hush_write_all(fd, data, n, path, err) != HUSH_OK ||
        sync_fd(fd) < 0) {
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        goto out;
    }
    if (close(fd) < 0) {
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot close: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    if (rename(tmp, path) < 0) {
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot rename into place: %s", path,
                            strerror(errno));
        unlink(tmp);
        goto out;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || sync_fd(dfd) < 0) {
        /* The file is in place but might not survive a crash: take it back,
         * so that failure always means nothing was published. */
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot sync its directory: %s", path,
                            strerror(errno));
        unlink(path);
    }
    if (dfd >= 0)
        close(dfd);
out:
    free(tmp);
    free(copy);
    free(copy2);
    return rc;
}

void
hush_harden_process(void)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}
