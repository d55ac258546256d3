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
#include <signal.h>
#include <stdbool.h>
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

void
hush_staged_discard(struct hush_staged *st)
{
    if (st->fd >= 0 && st->path)
        close(st->fd); /* an unnamed file vanishes with its descriptor */
    if (st->tmp) {
        unlink(st->tmp);
        free(st->tmp);
    }
    free(st->path);
    memset(st, 0, sizeof *st);
    st->fd = -1;
}

/* A name beside path for a temporary file: DIR/.BASE.XXXXXX. */
static char *
temp_name(const char *path)
{
    char *copy = hush_xstrdup(path), *copy2 = hush_xstrdup(path);
    const char *dir = dirname(copy), *base = basename(copy2);
    size_t tl = strlen(dir) + strlen(base) + 16;
    char *tmp = hush_xmalloc(tl);
    snprintf(tmp, tl, "%s/.%s.XXXXXX", dir, base);
    free(copy);
    free(copy2);
    return tmp;
}

/* Opens the file to stage into: unnamed (O_TMPFILE) in path's directory,
 * so that a process killed before the commit leaves nothing behind; or,
 * where the file system cannot, a named temporary file beside path. */
static int
open_staging(struct hush_staged *st)
{
    char *copy = hush_xstrdup(st->path);
    st->fd = open(dirname(copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    free(copy);
    if (st->fd >= 0)
        return 0;
    st->tmp = temp_name(st->path);
    st->fd = mkostemp(st->tmp, O_CLOEXEC);
    if (st->fd < 0) {
        free(st->tmp);
        st->tmp = NULL;
        return -1;
    }
    return 0;
}

int
hush_stage_file(const char *path, const void *data, size_t n, int mode, struct hush_staged *st,
                struct hush_error *err)
{
    memset(st, 0, sizeof *st);
    st->path = hush_xstrdup(path);
    if (open_staging(st) < 0) {
        int rc =
            hush_error_set(err, HUSH_ECANTCREAT, "%s: cannot create: %s", path, strerror(errno));
        free(st->path);
        memset(st, 0, sizeof *st);
        st->fd = -1;
        return rc;
    }
    /* The file starts 0600; without a mode asked for, give it the mode an
     * ordinary new file would have under the caller's umask. */
    mode_t mask = umask(0);
    umask(mask);
    mode_t want = mode >= 0 ? (mode_t)mode : 0666 & ~mask;
    int rc = HUSH_OK;
    if (fchmod(st->fd, want) < 0 || hush_write_all(st->fd, data, n, path, err) != HUSH_OK ||
        sync_fd(st->fd) < 0)
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot write: %s", path, strerror(errno));
    if (rc != HUSH_OK)
        hush_staged_discard(st);
    return rc;
}

/* Gives the staged file the name to_path (which must not exist). */
static int
name_staged(struct hush_staged *st, const char *to_path)
{
    if (st->tmp)
        return link(st->tmp, to_path);
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", st->fd);
    return linkat(AT_FDCWD, fdpath, AT_FDCWD, to_path, AT_SYMLINK_FOLLOW);
}

int
hush_sync_dir_of(const char *path, struct hush_error *err)
{
    char *copy = hush_xstrdup(path);
    int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = HUSH_OK;
    if (dfd < 0 || sync_fd(dfd) < 0)
        rc = hush_error_set(err, HUSH_EIO, "%s: written, but its directory cannot be synced: %s",
                            path, strerror(errno));
    if (dfd >= 0)
        close(dfd);
    free(copy);
    return rc;
}

int
hush_staged_commit(struct hush_staged *st, bool replace, struct hush_error *err)
{
    int rc = HUSH_OK;
    /* A new file is linked into place in one step, leaving no name behind
     * at any moment; only replacing a file needs a rename. */
    bool linked = name_staged(st, st->path) == 0;
    if (!linked && (!replace || errno != EEXIST)) {
        rc = hush_error_set(err, errno == EEXIST ? HUSH_ECANTCREAT : HUSH_EIO,
                            "%s: cannot put in place: %s", st->path, strerror(errno));
    } else if (!linked) {
        /* An unnamed file cannot be renamed over path: it gets a name
         * beside it first, for as long as the rename takes. */
        if (st->tmp == NULL) {
            char *tmp = temp_name(st->path);
            int fd = mkostemp(tmp, O_CLOEXEC);
            if (fd < 0 || close(fd) < 0 || unlink(tmp) < 0 || name_staged(st, tmp) < 0)
                rc = hush_error_set(err, HUSH_EIO, "%s: cannot name the new file: %s", st->path,
                                    strerror(errno));
            if (rc == HUSH_OK)
                st->tmp = tmp;
            else
                free(tmp);
        }
        if (rc == HUSH_OK && rename(st->tmp, st->path) < 0)
            rc = hush_error_set(err, HUSH_EIO, "%s: cannot rename into place: %s", st->path,
                                strerror(errno));
        if (rc == HUSH_OK) {
            free(st->tmp);
            st->tmp = NULL; /* renamed: nothing to remove */
        }
    }
    if (rc == HUSH_OK && st->tmp) {
        unlink(st->tmp); /* linked into place: the temporary name goes */
        free(st->tmp);
        st->tmp = NULL;
    }
    if (close(st->fd) < 0 && rc == HUSH_OK)
        rc = hush_error_set(err, HUSH_EIO, "%s: cannot close: %s", st->path, strerror(errno));
    st->fd = -1;
    /* The whole file is in place, but a crash now could lose the link or
     * rename: a failure here is still an error. */
    if (rc == HUSH_OK)
        rc = hush_sync_dir_of(st->path, err);
    hush_staged_discard(st);
    return rc;
}

/* Publishes data at path, which is a regular file or does not exist yet:
 * temporary file beside it, fsync, rename, fsync of the directory. */
static int
publish_atomically(const char *path, const void *data, size_t n, struct hush_error *err)
{
    struct hush_staged st;
    int rc = hush_stage_file(path, data, n, -1, &st, err);
    return rc == HUSH_OK ? hush_staged_commit(&st, true, err) : rc;
}

int
hush_publish_file(const char *path, const void *data, size_t n, struct hush_error *err)
{
    /* /dev/stdout and its kin stand for a descriptor that is already open:
     * there is nothing to rename, so they are written through. */
    if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
        return write_in_place(path, data, n, err);
    struct stat st;
    if (lstat(path, &st) != 0)
        return publish_atomically(path, data, n, err); /* a new file */
    if (S_ISLNK(st.st_mode)) {
        /* Publish at what the link names, so the link itself stays. */
        char *target = realpath(path, NULL);
        if (target == NULL)
            return hush_error_set(err, HUSH_ECANTCREAT, "%s: a link to nothing usable: %s", path,
                                  strerror(errno));
        int rc = hush_publish_file(target, data, n, err);
        free(target);
        return rc;
    }
    if (S_ISDIR(st.st_mode))
        return hush_error_set(err, HUSH_ECANTCREAT, "%s: is a directory", path);
    if (!S_ISREG(st.st_mode)) /* a device or a pipe: no rename is possible */
        return write_in_place(path, data, n, err);
    return publish_atomically(path, data, n, err);
}

void
hush_harden_process(void)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
}
