/*
 * passphrase.c: reading the custodian's passphrase from the terminal or a
 * file descriptor, never from argv or the environment, into guarded
 * memory.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

/* Reads one line (without its newline) from fd into p[0..cap). */
static int
read_line(int fd, char *p, size_t cap, size_t *n, struct hush_error *err)
{
    size_t len = 0;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return hush_error_set(err, HUSH_EIO, "passphrase: cannot read: %s", strerror(errno));
        if (r == 0 || c == '\n')
            break;
        if (len + 1 >= cap)
            return hush_error_set(err, HUSH_EDATA, "passphrase: longer than %zu bytes", cap - 2);
        p[len++] = c;
    }
    if (len > 0 && p[len - 1] == '\r')
        len--;
    p[len] = '\0';
    *n = len;
    return HUSH_OK;
}

/* Asks on the terminal with echo off. */
static int
ask_tty(int tty, const char *prompt, char *p, size_t cap, size_t *n, struct hush_error *err)
{
    struct termios old, quiet;
    if (tcgetattr(tty, &old) < 0)
        return hush_error_set(err, HUSH_EUSAGE, "passphrase: the terminal cannot be set up");
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
    quiet.c_lflag |= ICANON;
    if (write(tty, prompt, strlen(prompt)) < 0 || tcsetattr(tty, TCSAFLUSH, &quiet) < 0)
        return hush_error_set(err, HUSH_EUSAGE, "passphrase: the terminal cannot be set up");
    int rc = read_line(tty, p, cap, n, err);
    tcsetattr(tty, TCSAFLUSH, &old);
    if (write(tty, "\n", 1) < 0)
        rc = rc ? rc : hush_error_set(err, HUSH_EIO, "passphrase: terminal write failed");
    return rc;
}

int
hush_passphrase_read(int fd, bool confirm, char **pass, size_t *len, struct hush_error *err)
{
    *pass = NULL;
    char *p = hush_xsecret(HUSH_MAX_PASSPHRASE + 2);
    int rc;
    if (fd >= 0) {
        rc = read_line(fd, p, HUSH_MAX_PASSPHRASE + 2, len, err);
    } else {
        int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (tty < 0) {
            hush_secret_free(p);
            return hush_error_set(err, HUSH_EUSAGE,
                                  "passphrase: no terminal to ask on; give --passphrase-fd N");
        }
        rc = ask_tty(tty, "hush: custodian passphrase: ", p, HUSH_MAX_PASSPHRASE + 2, len, err);
        if (rc == HUSH_OK && confirm) {
            char *again = hush_xsecret(HUSH_MAX_PASSPHRASE + 2);
            size_t n2;
            rc = ask_tty(tty, "hush: the same again: ", again, HUSH_MAX_PASSPHRASE + 2, &n2, err);
            if (rc == HUSH_OK && (n2 != *len || sodium_memcmp(again, p, n2) != 0))
                rc = hush_error_set(err, HUSH_EUSAGE, "passphrase: the two do not match");
            hush_secret_free(again);
        }
        close(tty);
    }
    if (rc == HUSH_OK && confirm && *len < HUSH_MIN_PASSPHRASE)
        rc = hush_error_set(err, HUSH_EUSAGE, "passphrase: shorter than %d characters",
                            HUSH_MIN_PASSPHRASE);
    if (rc != HUSH_OK) {
        hush_secret_free(p);
        return rc;
    }
    *pass = p;
    return HUSH_OK;
}
