/*
 * test_error.c: the error record every fallible function fills (error.c).
 */
#include "helpers.h"

Test(error, set_records_status_and_formatted_message)
{
    struct hush_error err = {0};
    cr_assert_eq(hush_error_set(&err, HUSH_EDATA, "%s:%d:%d: %s", "f.rules", 3, 7, "bad"),
                 HUSH_EDATA);
    cr_assert_eq(err.status, HUSH_EDATA);
    cr_assert_str_eq(err.msg, "f.rules:3:7: bad");
}

/* The root cause must survive: callers up the stack may call set again. */
Test(error, first_error_is_kept)
{
    struct hush_error err = {0};
    hush_error_set(&err, HUSH_EDATA, "first %d", 1);
    cr_assert_eq(hush_error_set(&err, HUSH_EIO, "second"), HUSH_EIO,
                 "the status passed is returned even when not recorded");
    cr_assert_eq(err.status, HUSH_EDATA);
    cr_assert_str_eq(err.msg, "first 1");
}

Test(error, clear_resets_to_no_error)
{
    struct hush_error err = {0};
    hush_error_set(&err, HUSH_ECONFIG, "x");
    hush_error_clear(&err);
    cr_assert_eq(err.status, HUSH_OK);
    cr_assert_str_eq(err.msg, "");
    hush_error_set(&err, HUSH_EIO, "y");
    cr_assert_eq(err.status, HUSH_EIO, "a cleared record takes a new error");
}

Test(error, null_record_only_returns_status)
{
    cr_assert_eq(hush_error_set(NULL, HUSH_ECANTCREAT, "nowhere"), HUSH_ECANTCREAT);
}

Test(error, long_message_is_truncated_and_terminated)
{
    struct hush_error err = {0};
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    hush_error_set(&err, HUSH_EDATA, "%s", big);
    cr_assert_eq(strlen(err.msg), sizeof err.msg - 1);
}
