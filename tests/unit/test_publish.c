/*
 * test_publish.c: getting bytes out safely (publish.c): short writes
 * retried, and files published whole or not at all.
 */
#include "helpers.h"

#include <signal.h>
#include <sys/wait.h>

TestSuite(publish, .init = tmpdir_setup, .fini = tmpdir_teardown);

/* Number of entries in dir other than . and .. */
static size_t
entries(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* The whole contents of path, NUL-terminated. */
static char *
slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    cr_assert(fd >= 0, "cannot open the published file");
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "out", 1 << 20, &doc, &err), HUSH_OK);
    close(fd);
    char *s = doc.data;
    free(doc.name);
    return s;
}

Test(publish, publishes_the_bytes_as_the_file)
{
    char *path = tmp_path("out.txt");
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "[PERSON] said\n", 14, &err), HUSH_OK, "%s", err.msg);
    char *got = slurp(path);
    cr_assert_str_eq(got, "[PERSON] said\n");
    free(got);
    cr_assert_eq(entries(test_dir), 1, "no temporary file is left beside it");
    free(path);
}

Test(publish, replaces_an_existing_file_whole)
{
    char *path = tmp_write("out.txt", "old contents that are longer than the new ones\n");
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "new\n", 4, &err), HUSH_OK, "%s", err.msg);
    char *got = slurp(path);
    cr_assert_str_eq(got, "new\n");
    free(got);
    cr_assert_eq(entries(test_dir), 1);
    free(path);
}

/* The old file is replaced by rename, never rewritten in place: a reader
 * holding it open keeps seeing the old contents whole. */
Test(publish, replacement_is_a_new_file_not_a_rewrite)
{
    char *path = tmp_write("out.txt", "old\n");
    struct stat before, after;
    cr_assert_eq(stat(path, &before), 0);
    int fd = open(path, O_RDONLY);
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "new\n", 4, &err), HUSH_OK);
    cr_assert_eq(stat(path, &after), 0);
    cr_assert_neq(before.st_ino, after.st_ino);
    char buf[8] = {0};
    cr_assert_eq(read(fd, buf, sizeof buf - 1), 4);
    cr_assert_str_eq(buf, "old\n");
    close(fd);
    free(path);
}

Test(publish, empty_data_publishes_an_empty_file)
{
    char *path = tmp_path("empty.txt");
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "", 0, &err), HUSH_OK);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_size, 0);
    free(path);
}

Test(publish, new_file_mode_follows_the_umask)
{
    char *path = tmp_path("mode.txt");
    mode_t old = umask(027);
    struct hush_error err = {0};
    int rc = hush_publish_file(path, "x", 1, &err);
    umask(old);
    cr_assert_eq(rc, HUSH_OK);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0640);
    free(path);
}

Test(publish, missing_directory_cannot_be_created_and_leaves_nothing)
{
    char *path = tmp_path("absent/out.txt");
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "x", 1, &err), HUSH_ECANTCREAT);
    cr_assert_eq(err.status, HUSH_ECANTCREAT);
    cr_assert_not_null(strstr(err.msg, "out.txt"));
    cr_assert_eq(entries(test_dir), 0, "nothing is left in the parent");
    free(path);
}

Test(publish, path_that_is_a_directory_cannot_be_created_and_leaves_nothing)
{
    char *path = tmp_path("sub");
    cr_assert_eq(mkdir(path, 0755), 0);
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "x", 1, &err), HUSH_ECANTCREAT);
    cr_assert_eq(entries(test_dir), 1, "only the directory itself");
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert(S_ISDIR(st.st_mode), "the directory is untouched");
    free(path);
}

/* A device cannot be replaced by a rename: a path that leads to one (here
 * a link to /dev/null, as /dev/stdout is) is written through, and the
 * link is left as it was. */
Test(publish, path_to_a_device_is_written_in_place)
{
    char *path = tmp_path("null-link");
    cr_assert_eq(symlink("/dev/null", path), 0);
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "[PERSON]\n", 9, &err), HUSH_OK, "%s", err.msg);
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISLNK(st.st_mode), "the link was replaced");
    cr_assert_eq(entries(test_dir), 1, "no temporary file is left");
    free(path);
}

Test(publish, full_device_is_an_io_error)
{
    char *path = tmp_path("full-link");
    cr_assert_eq(symlink("/dev/full", path), 0);
    struct hush_error err = {0};
    cr_assert_eq(hush_publish_file(path, "x", 1, &err), HUSH_EIO);
    cr_assert_eq(err.status, HUSH_EIO);
    free(path);
}

Test(publish, fifo_is_written_in_place)
{
    char *path = tmp_path("fifo");
    cr_assert_eq(mkfifo(path, 0600), 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int fd = open(path, O_RDONLY);
        char buf[16] = {0};
        ssize_t r = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        _exit(r == 4 && memcmp(buf, "tag\n", 4) == 0 ? 0 : 1);
    }
    struct hush_error err = {0};
    int rc = hush_publish_file(path, "tag\n", 4, &err);
    int status = 0;
    waitpid(pid, &status, 0);
    cr_assert_eq(rc, HUSH_OK, "%s", err.msg);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader did not get the data");
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0);
    cr_assert(S_ISFIFO(st.st_mode), "the FIFO is still a FIFO");
    free(path);
}

Test(publish, write_all_to_a_full_device_is_an_io_error)
{
    int fd = open("/dev/full", O_WRONLY);
    cr_assert(fd >= 0, "no /dev/full");
    struct hush_error err = {0};
    cr_assert_eq(hush_write_all(fd, "[PERSON]\n", 9, "stdout", &err), HUSH_EIO);
    close(fd);
    cr_assert_eq(err.status, HUSH_EIO);
    cr_assert_not_null(strstr(err.msg, "stdout"));
    cr_assert_null(strstr(err.msg, "[PERSON]"), "the message names what, not the data");
}

Test(publish, write_all_to_a_closed_pipe_is_an_io_error)
{
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    cr_assert_eq(pipe(p), 0);
    close(p[0]);
    struct hush_error err = {0};
    cr_assert_eq(hush_write_all(p[1], "x", 1, "stdout", &err), HUSH_EIO);
    close(p[1]);
}

/* A pipe takes 64 KiB at a time: larger output arrives in short writes,
 * all of which must be retried until every byte is through. */
Test(publish, write_all_retries_short_writes_until_done)
{
    size_t n = 1 << 20;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++)
        data[i] = (char)('a' + i % 23);
    int p[2];
    cr_assert_eq(pipe(p), 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        /* The reader checks every byte and reports by exit status. */
        close(p[1]);
        size_t got = 0;
        char buf[4096];
        ssize_t r;
        while ((r = read(p[0], buf, sizeof buf)) > 0) {
            for (ssize_t k = 0; k < r; k++)
                if (buf[k] != (char)('a' + (got + (size_t)k) % 23)) {
                    free(data);
                    _exit(2);
                }
            got += (size_t)r;
        }
        free(data);
        _exit(got == n ? 0 : 1);
    }
    close(p[0]);
    struct hush_error err = {0};
    int rc = hush_write_all(p[1], data, n, "pipe", &err);
    close(p[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    free(data);
    cr_assert_eq(rc, HUSH_OK, "%s", err.msg);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the reader saw status %d", status);
}
