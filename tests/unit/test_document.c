/*
 * test_document.c: reading one transcript into memory, bounded and
 * checked (document.c).
 */
#include "helpers.h"

TestSuite(document, .init = tmpdir_setup, .fini = tmpdir_teardown);

/* Opens a fixture file written with the given bytes. */
static int
open_fixture(const char *name, const void *data, size_t n)
{
    char *path = tmp_write_n(name, data, n);
    int fd = open(path, O_RDONLY);
    free(path);
    cr_assert(fd >= 0);
    return fd;
}

/* A pipe already holding data (small enough for the pipe buffer), write
 * end closed: the reader sees it, then EOF. */
static int
pipe_with(const void *data, size_t n)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    cr_assert_eq(write(p[1], data, n), (ssize_t)n);
    close(p[1]);
    return p[0];
}

Test(document, reads_a_regular_file_whole_and_nul_terminates)
{
    const char *text = "I: hello\nP01: hi there\n";
    int fd = open_fixture("a.txt", text, strlen(text));
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "a.txt", 1024, &doc, &err), HUSH_OK, "%s", err.msg);
    close(fd);
    cr_assert_eq(doc.len, strlen(text));
    cr_assert_eq(memcmp(doc.data, text, doc.len), 0);
    cr_assert_eq(doc.data[doc.len], '\0');
    cr_assert_str_eq(doc.name, "a.txt");
    hush_doc_release(&doc);
}

Test(document, reads_from_a_pipe)
{
    const char *text = "Interviewer: tell me more\r\n";
    int fd = pipe_with(text, strlen(text));
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "-", 1024, &doc, &err), HUSH_OK, "%s", err.msg);
    close(fd);
    cr_assert_eq(doc.len, strlen(text), "line endings are kept as they are");
    cr_assert_eq(memcmp(doc.data, text, doc.len), 0);
    cr_assert_str_eq(doc.name, "-");
    hush_doc_release(&doc);
}

/* The read loop grows its buffer 64 KiB at a time: a file of several
 * blocks must arrive intact. */
Test(document, reads_input_larger_than_one_read_block)
{
    size_t n = 300000;
    char *big = malloc(n);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)('a' + i % 26);
    big[n - 1] = '\n';
    int fd = open_fixture("big.txt", big, n);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "big.txt", n, &doc, &err), HUSH_OK, "%s", err.msg);
    close(fd);
    cr_assert_eq(doc.len, n);
    cr_assert_eq(memcmp(doc.data, big, n), 0);
    hush_doc_release(&doc);
    free(big);
}

Test(document, empty_input_gives_empty_terminated_text)
{
    int fd = pipe_with("", 0);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "-", 10, &doc, &err), HUSH_OK);
    close(fd);
    cr_assert_eq(doc.len, 0);
    cr_assert_not_null(doc.data);
    cr_assert_eq(doc.data[0], '\0');
    hush_doc_release(&doc);
}

Test(document, input_exactly_at_the_limit_is_accepted)
{
    int fd = open_fixture("limit.txt", "0123456789", 10);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "limit.txt", 10, &doc, &err), HUSH_OK, "%s", err.msg);
    close(fd);
    cr_assert_eq(doc.len, 10);
    hush_doc_release(&doc);
}

Test(document, input_over_the_limit_is_refused_as_data_error)
{
    int fd = open_fixture("over.txt", "0123456789X", 11);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "over.txt", 10, &doc, &err), HUSH_EDATA);
    close(fd);
    cr_assert_eq(err.status, HUSH_EDATA);
    cr_assert_not_null(strstr(err.msg, "over.txt"));
    cr_assert_null(doc.data, "on failure doc holds nothing");
}

Test(document, over_the_limit_from_a_pipe_is_refused)
{
    int fd = pipe_with("abcdefghijk", 11);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "-", 5, &doc, &err), HUSH_EDATA);
    close(fd);
    cr_assert_null(doc.data);
}

Test(document, invalid_utf8_is_refused_with_line_and_column)
{
    const char text[] = "P01: fine\nP02: caf\xE9 Quorridge\n";
    int fd = open_fixture("bad.txt", text, sizeof text - 1);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "bad.txt", 1024, &doc, &err), HUSH_EDATA);
    close(fd);
    cr_assert(msg_at(err.msg, "bad.txt", 2), "no location in: %s", err.msg);
    cr_assert_eq(msg_col(err.msg, "bad.txt", 2), 9);
    cr_assert_not_null(strstr(err.msg, "invalid UTF-8"));
    /* Messages never quote the transcript. */
    cr_assert_null(strstr(err.msg, "Quorridge"));
    cr_assert_null(strstr(err.msg, "caf"));
    cr_assert_null(doc.data);
}

Test(document, nul_byte_is_refused_and_named)
{
    const char text[] = "ab\ncd\0ef";
    int fd = open_fixture("nul.txt", text, sizeof text - 1);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "nul.txt", 1024, &doc, &err), HUSH_EDATA);
    close(fd);
    cr_assert(msg_at(err.msg, "nul.txt", 2), "no location in: %s", err.msg);
    cr_assert_eq(msg_col(err.msg, "nul.txt", 2), 3);
    cr_assert_not_null(strstr(err.msg, "NUL"));
}

Test(document, read_error_is_an_io_error)
{
    /* Reading a directory fails with EISDIR. */
    int fd = open(test_dir, O_RDONLY | O_DIRECTORY);
    cr_assert(fd >= 0);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "dir", 1024, &doc, &err), HUSH_EIO);
    close(fd);
    cr_assert_not_null(strstr(err.msg, "dir"));
    cr_assert_null(doc.data);
}

Test(document, release_leaves_the_document_zeroed)
{
    int fd = pipe_with("x", 1);
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_read(fd, "-", 10, &doc, &err), HUSH_OK);
    close(fd);
    hush_doc_release(&doc);
    cr_assert_null(doc.data);
    cr_assert_null(doc.name);
    cr_assert_eq(doc.len, 0);
}
