/*
 * checks.c: validators that a regex match must pass before it counts.
 */
#include "hush.h"

int
hush_check_nhs_mod11(const char *s, size_t len)
{
    int d[10], n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (n == 10)
                return 0;
            d[n++] = c - '0';
        } else if (c != ' ' && c != '-') {
            return 0;
        }
    }
    if (n != 10)
        return 0;
    int sum = 0;
    for (int i = 0; i < 9; i++)
        sum += d[i] * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
        check = 0;
    return check != 10 && check == d[9];
}

int
hush_check_luhn(const char *s, size_t len)
{
    int sum = 0, count = 0;
    for (size_t i = len; i-- > 0;) {
        char c = s[i];
        if (c < '0' || c > '9')
            continue;
        int v = c - '0';
        if (count % 2 == 1) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
        count++;
    }
    return count >= 2 && sum % 10 == 0;
}
