/*
 * test_checks.c: the validators a regex match must pass (checks.c): NHS
 * number modulus 11, Luhn, and initials after a name.  The numbers are made up to pass or fail the
 * arithmetic; none belongs to anyone.
 */
#include "helpers.h"

TestSuite(checks, .init = tmpdir_setup, .fini = tmpdir_teardown);

static int
nhs(const char *s)
{
    return hush_check_nhs_mod11(s, strlen(s));
}

static int
luhn(const char *s)
{
    return hush_check_luhn(s, strlen(s));
}

Test(checks, nhs_valid_number_passes)
{
    cr_assert_eq(nhs("943 476 5919"), 1);
    cr_assert_eq(nhs("9434765919"), 1);
    cr_assert_eq(nhs("943-476-5919"), 1);
}

Test(checks, nhs_wrong_check_digit_fails)
{
    cr_assert_eq(nhs("943 476 5910"), 0);
    cr_assert_eq(nhs("943 476 5918"), 0);
}

/* When 11 - (sum mod 11) is 10 there is no valid check digit: no number
 * with that prefix is an NHS number. */
Test(checks, nhs_prefix_whose_check_digit_would_be_ten_never_passes)
{
    char s[16];
    for (char d = '0'; d <= '9'; d++) {
        snprintf(s, sizeof s, "401 023 217%c", d);
        cr_assert_eq(nhs(s), 0, "check digit %c", d);
    }
}

/* 11 - 0 is 11, written as check digit 0. */
Test(checks, nhs_check_value_eleven_is_digit_zero)
{
    cr_assert_eq(nhs("401 023 2110"), 1);
    cr_assert_eq(nhs("401 023 2111"), 0);
}

Test(checks, nhs_needs_exactly_ten_digits)
{
    cr_assert_eq(nhs("943 476 591"), 0);
    cr_assert_eq(nhs("943 476 59190"), 0);
    cr_assert_eq(nhs(""), 0);
}

Test(checks, nhs_other_characters_are_refused)
{
    cr_assert_eq(nhs("943/476/5919"), 0);
    cr_assert_eq(nhs("943.476.5919"), 0);
    cr_assert_eq(nhs("943 476 591x9"), 0);
}

Test(checks, nhs_reads_only_the_given_length)
{
    /* The first ten digits are the valid number; the length ends there. */
    const char *s = "943476591999";
    cr_assert_eq(hush_check_nhs_mod11(s, 10), 1);
}

Test(checks, luhn_valid_numbers_pass)
{
    cr_assert_eq(luhn("4111 1111 1111 1111"), 1);
    cr_assert_eq(luhn("79927398713"), 1);
    cr_assert_eq(luhn("4111-1111-1111-1111"), 1);
}

Test(checks, luhn_altered_digit_fails)
{
    cr_assert_eq(luhn("4111 1111 1111 1112"), 0);
    cr_assert_eq(luhn("79927398710"), 0);
}

Test(checks, luhn_detects_adjacent_transposition)
{
    /* 79927398713 with its 4th and 5th digits swapped */
    cr_assert_eq(luhn("79973298713"), 0);
}

Test(checks, luhn_needs_at_least_two_digits)
{
    cr_assert_eq(luhn("0"), 0);
    cr_assert_eq(luhn(""), 0);
    cr_assert_eq(luhn("00"), 1);
    cr_assert_eq(luhn("a0b"), 0);
}

Test(checks, luhn_ignores_non_digits)
{
    cr_assert_eq(luhn("card: 7992 7398 713."), 1);
}

Test(checks, nhs_check_filters_regex_matches_in_rules)
{
    struct hush_ruleset *rs = rules_must("rule nhs\n"
                                         "  category NHS_NUMBER\n"
                                         "  regex \\b\\d{3}[ -]?\\d{3}[ -]?\\d{4}\\b\n"
                                         "  check nhs-mod11\n"
                                         "  reason Identifies a patient.\n");
    assert_redacts(rs, "mine is 943 476 5919, not 943 476 5910",
                   "mine is [NHS_NUMBER], not 943 476 5910");
    hush_rules_free(rs);
}

/* What check says of the capitals at the first occurrence of inits in
 * text. */
static int
check_at(int (*check)(const char *, size_t, size_t), const char *text, const char *inits)
{
    const char *at = strstr(text, inits);
    cr_assert_not_null(at);
    size_t s = (size_t)(at - text);
    return check(text, s, s + strlen(inits));
}

/* Are the capitals inits in text those of the name before their bracket? */
static int
initials(const char *text, const char *inits)
{
    return check_at(hush_check_initials, text, inits);
}

Test(checks, initials_of_the_name_before_the_bracket_pass)
{
    cr_assert_eq(initials("Present: Marcus Ellison (ME), chair", "ME"), 1);
    cr_assert_eq(initials("Mark Ellery (Secretary, ME)", "ME"), 1);
    cr_assert_eq(initials("Nia Rhys-Evans (NRE)", "NRE"), 1);
    cr_assert_eq(initials("Nia Rhys-Evans (NR)", "NR"), 1);
    cr_assert_eq(initials("Grace O'Donnell-Price (GOP)", "GOP"), 1);
    cr_assert_eq(initials("with Dr \xc3\x93rla Byrne (\xc3\x93"
                          "B)",
                          "\xc3\x93"
                          "B"),
                 1);
}

/* Are the capitals inits in text the titled surname's initials? */
static int
surname_initials(const char *text, const char *inits)
{
    return check_at(hush_check_surname_initials, text, inits);
}

Test(checks, initials_ending_with_a_titled_surname_pass)
{
    cr_assert_eq(surname_initials("Consultants: Mr Holroyd (DH), Ms Lindqvist (KL)", "DH"), 1);
    cr_assert_eq(surname_initials("Consultants: Mr Holroyd (DH), Ms Lindqvist (KL)", "KL"), 1);
    cr_assert_eq(surname_initials("Miss Chaudhry (SC, on call)", "SC"), 1);
    cr_assert_eq(surname_initials("Sister Kilbride (MAK)", "MAK"), 1);
}

Test(checks, titled_surname_with_other_capitals_fails)
{
    cr_assert_eq(surname_initials("Dr Patel (GA)", "GA"), 0);       /* not the surname's initial */
    cr_assert_eq(surname_initials("Dr Holroyd (H)", "H"), 0);       /* one initial is too few */
    cr_assert_eq(surname_initials("Mr Holroyd (ABCH)", "ABCH"), 0); /* four are too many */
    cr_assert_eq(surname_initials("Tom Holroyd (DH)", "DH"), 0);    /* no title: a first name */
    cr_assert_eq(surname_initials("Holroyd (DH)", "DH"), 0);        /* no title at all */
    cr_assert_eq(surname_initials("Mr Holroyd\n(DH)", "DH"), 0);    /* not on the name's line */
    cr_assert_eq(initials("Mr Holroyd (DH)", "DH"), 0); /* check initials wants every initial */
}

Test(checks, other_capitals_fail)
{
    cr_assert_eq(initials("Ananya Iyer (GP)", "GP"), 0);
    cr_assert_eq(initials("Marcus Ellison (EM)", "EM"), 0);
    cr_assert_eq(initials("Ellison (E)", "E"), 0);           /* one initial is too few */
    cr_assert_eq(initials("Marcus Ellison\n(ME)", "ME"), 0); /* not on the name's line */
    cr_assert_eq(initials("ME to chase", "ME"), 0);          /* no bracket */
    cr_assert_eq(
        initials("Marcus Ellison (a longer note about the meeting, its agenda and more, ME)", "ME"),
        0);                                  /* the bracket opens too far before */
    cr_assert_eq(initials("(ME)", "ME"), 0); /* no name */
}
