/*
 * error.c: the error record every fallible function fills.
 */
#include "hush.h"

#include <stdio.h>

/* Sets err (if it is not NULL and holds no error yet) and returns status. */
int
hush_error_set(struct hush_error *err, int status, const char *fmt, ...)
{
    if (err == NULL || err->status != HUSH_OK)
        return status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->status = status;
    return status;
}

/* Resets err to "no error". */
void
hush_error_clear(struct hush_error *err)
{
    err->status = HUSH_OK;
    err->msg[0] = '\0';
}
