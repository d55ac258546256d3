/*
 * test_rules_parse.c: the rule language (rules_parse.c).  Every parse
 * error is HUSH_ECONFIG with file:line:col, and no message quotes an
 * example or a list entry.
 */
#include "helpers.h"

TestSuite(rules_parse, .init = tmpdir_setup, .fini = tmpdir_teardown);

/* A complete rule, for files that need one good rule beside a bad one. */
#define GOOD_RULE                                                                                  \
    "rule mobile\n"                                                                                \
    "  category  PHONE\n"                                                                          \
    "  regex     \\b07\\d{9}\\b\n"                                                                 \
    "  reason    A mobile number reaches the person.\n"

/* Loads text as test.rules, expects a configuration error at line (and at
 * col, unless col is 0), and returns nothing: the message is checked for
 * its location here.  msg receives a copy of the message. */
static void
expect_error(const char *text, size_t line, size_t col, char msg[512])
{
    struct hush_error err = {0};
    struct hush_ruleset *rs = rules_try(text, &err);
    cr_assert_null(rs, "the rule file loaded but should not");
    cr_assert_eq(err.status, HUSH_ECONFIG, "status %d: %s", err.status, err.msg);
    char *path = tmp_path("test.rules");
    cr_assert(msg_at(err.msg, path, line), "no %s:%zu: location in: %s", "test.rules", line,
              err.msg);
    if (col)
        cr_assert_eq(msg_col(err.msg, path, line), col, "%s", err.msg);
    free(path);
    if (msg)
        strcpy(msg, err.msg);
}

/* ---- valid files ---------------------------------------------------------- */

Test(rules_parse, loads_a_minimal_rule)
{
    struct hush_ruleset *rs = rules_must(GOOD_RULE);
    cr_assert_eq(hush_rules_count(rs), 1);
    cr_assert_str_eq(hush_rule_id(rs, 0), "mobile");
    cr_assert_str_eq(hush_rule_category(rs, 0), "PHONE");
    cr_assert_str_eq(hush_rule_detector(rs, 0), "regex");
    cr_assert_str_eq(hush_rule_reason(rs, 0), "A mobile number reaches the person.");
    hush_rules_free(rs);
}

Test(rules_parse, comments_blank_lines_and_crlf_are_accepted)
{
    struct hush_ruleset *rs = rules_must("# a comment\r\n"
                                         "\r\n"
                                         "rule mobile   # trailing comment\r\n"
                                         "  # an indented comment\r\n"
                                         "  category  PHONE   # why\r\n"
                                         "  regex     \\b07\\d{9}\\b\r\n"
                                         "\r\n"
                                         "  reason    Reaches the person.\r\n");
    cr_assert_str_eq(hush_rule_id(rs, 0), "mobile");
    cr_assert_str_eq(hush_rule_category(rs, 0), "PHONE");
    assert_redacts(rs, "call 07700900123 now", "call [PHONE] now");
    hush_rules_free(rs);
}

Test(rules_parse, reason_lines_are_joined)
{
    struct hush_ruleset *rs = rules_must("rule mobile\n"
                                         "  category PHONE\n"
                                         "  regex \\b07\\d{9}\\b\n"
                                         "  reason First part,\n"
                                         "  reason second part.\n");
    cr_assert_str_eq(hush_rule_reason(rs, 0), "First part, second part.");
    hush_rules_free(rs);
}

Test(rules_parse, expect_lines_with_escapes_and_same)
{
    struct hush_ruleset *rs = rules_must(GOOD_RULE "  expect \"a \\\"q\\\" \\\\ b\\tc\" -> same\n"
                                                   "  expect \"07700900123\" -> \"[PHONE]\"\n");
    const struct rule *r = &rs->rules[0];
    cr_assert_eq(r->nexamples, 2);
    cr_assert_str_eq(r->examples[0].input, "a \"q\" \\ b\tc");
    cr_assert_str_eq(r->examples[0].output, r->examples[0].input);
    cr_assert_eq(r->examples[0].line, 5);
    cr_assert_str_eq(r->examples[1].output, "[PHONE]");
    cr_assert_eq(r->examples[1].line, 6);
    hush_rules_free(rs);
}

Test(rules_parse, regex_keeps_a_hash_that_is_not_a_comment)
{
    struct hush_ruleset *rs = rules_must("rule ref\n"
                                         "  category REF\n"
                                         "  regex #\\d{4}\n"
                                         "  reason A case reference.\n");
    assert_redacts(rs, "case #1234 closed", "case [REF] closed");
    hush_rules_free(rs);
}

Test(rules_parse, kind_check_and_anchor_fields_are_recorded)
{
    struct hush_ruleset *rs = rules_must("rule nhs\n"
                                         "  category NHS_NUMBER\n"
                                         "  regex \\b\\d{3} \\d{3} \\d{4}\\b\n"
                                         "  check nhs-mod11\n"
                                         "  reason Identifies a patient.\n"
                                         "rule mail\n"
                                         "  category EMAIL\n"
                                         "  regex [\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\n"
                                         "  anchor @\n"
                                         "  kind terms\n"
                                         "  reason Reaches the person.\n");
    cr_assert_eq(rs->rules[0].check, CHECK_NHS_MOD11);
    cr_assert_eq(rs->rules[1].anchor, '@');
    cr_assert_eq(rs->rules[1].kind, KIND_TERMS);
    assert_redacts(rs, "943 476 5919 or q.vane@example.org", "[NHS_NUMBER] or [EMAIL]");
    hush_rules_free(rs);
}

Test(rules_parse, include_is_resolved_against_the_including_file)
{
    free(tmp_write("sub/more.rules", "rule postcode\n"
                                     "  category POSTCODE\n"
                                     "  regex \\b[A-Z]{2}\\d \\d[A-Z]{2}\\b\n"
                                     "  reason Locates the person.\n"));
    struct hush_ruleset *rs = rules_must("include sub/more.rules\n" GOOD_RULE);
    cr_assert_eq(hush_rules_count(rs), 2);
    cr_assert_str_eq(hush_rule_id(rs, 0), "postcode");
    cr_assert_str_eq(hush_rule_id(rs, 1), "mobile");
    hush_rules_free(rs);
}

/* ---- errors: every one is ECONFIG at file:line:col ------------------------ */

Test(rules_parse, field_outside_a_block)
{
    char msg[512];
    expect_error("# header\n  category PHONE\n", 2, 1, msg);
    cr_assert_not_null(strstr(msg, "outside"));
}

Test(rules_parse, unknown_directive)
{
    expect_error(GOOD_RULE "ruler other\n", 5, 1, NULL);
}

Test(rules_parse, invalid_rule_id_is_not_echoed)
{
    char msg[512];
    expect_error("rule Zorvath Quell\n", 1, 6, msg);
    cr_assert_null(strstr(msg, "Zorvath"));
}

Test(rules_parse, missing_rule_id)
{
    expect_error("rule\n", 1, 0, NULL);
}

Test(rules_parse, duplicate_rule_id)
{
    char msg[512];
    expect_error(GOOD_RULE "\nrule mobile\n", 6, 6, msg);
    cr_assert_not_null(strstr(msg, "duplicate"));
}

Test(rules_parse, rule_without_detector_is_reported_at_its_header)
{
    expect_error("# x\nrule lonely\n  category PHONE\n  reason R.\n", 2, 1, NULL);
}

Test(rules_parse, rule_without_reason)
{
    char msg[512];
    expect_error(GOOD_RULE "rule other\n  category PHONE\n  regex x\\d\n", 5, 1, msg);
    cr_assert_not_null(strstr(msg, "reason"));
}

Test(rules_parse, rule_without_category)
{
    expect_error("rule other\n  regex x\\d\n  reason R.\n", 1, 1, NULL);
}

Test(rules_parse, category_on_an_allow_rule)
{
    expect_error(GOOD_RULE "allow fine\n  category PHONE\n", 6, 1, NULL);
}

Test(rules_parse, malformed_category_is_not_echoed)
{
    char msg[512];
    expect_error("rule x\n  category Zorvath\n", 2, 12, msg);
    cr_assert_null(strstr(msg, "Zorvath"));
}

Test(rules_parse, category_given_twice)
{
    expect_error("rule x\n  category PHONE\n  category PLACE\n", 3, 1, NULL);
}

Test(rules_parse, two_detectors)
{
    free(tmp_write("l.txt", "Quell\n"));
    expect_error("rule x\n  category P\n  regex a\\d\n  list l.txt\n", 4, 1, NULL);
    expect_error("rule x\n  category P\n  list l.txt\n  context (a)\n", 4, 1, NULL);
}

Test(rules_parse, empty_pattern)
{
    expect_error("rule x\n  category P\n  regex\n", 3, 0, NULL);
}

Test(rules_parse, bad_regex_points_at_the_column_in_the_line)
{
    char msg[512];
    /* "  regex  Zorvath(" : the pattern starts at column 10 and PCRE2
     * reports its end, offset 8, so column 18. */
    expect_error("rule x\n  category P\n  regex  Zorvath(\n", 3, 18, msg);
    cr_assert_null(strstr(msg, "Zorvath"), "the pattern may hold a name: %s", "not quoted");
}

Test(rules_parse, context_without_capture_group)
{
    char msg[512];
    expect_error("rule x\n  category P\n  context Dr \\w+\n  reason R.\n", 1, 1, msg);
    cr_assert_not_null(strstr(msg, "capture"));
}

Test(rules_parse, unknown_check)
{
    expect_error("rule x\n  category P\n  regex \\d+\n  check crc32\n", 4, 9, NULL);
}

Test(rules_parse, check_on_a_list_rule)
{
    free(tmp_write("l.txt", "Quell\n"));
    expect_error("rule x\n  category P\n  list l.txt\n  check luhn\n  reason R.\n", 1, 1, NULL);
}

Test(rules_parse, unknown_kind)
{
    expect_error("rule x\n  kind people\n", 2, 8, NULL);
}

Test(rules_parse, anchor_must_be_one_punctuation_character)
{
    expect_error("rule x\n  anchor ab\n", 2, 10, NULL);
    expect_error("rule x\n  anchor a\n", 2, 10, NULL);
    expect_error("rule x\n  anchor 7\n", 2, 10, NULL);
}

Test(rules_parse, anchor_on_a_list_rule)
{
    free(tmp_write("l.txt", "Quell\n"));
    expect_error("rule x\n  category P\n  list l.txt\n  anchor @\n  reason R.\n", 1, 1, NULL);
}

Test(rules_parse, list_without_file_name)
{
    expect_error("rule x\n  list\n", 2, 0, NULL);
}

Test(rules_parse, list_with_unknown_option)
{
    expect_error("rule x\n  list l.csv colum=name\n", 2, 14, NULL);
    expect_error("rule x\n  list l.csv column=\n", 2, 14, NULL);
}

Test(rules_parse, empty_reason)
{
    expect_error("rule x\n  reason\n", 2, 0, NULL);
}

Test(rules_parse, unknown_field_is_not_echoed)
{
    char msg[512];
    expect_error("rule x\n  Zorvath Quell\n", 2, 3, msg);
    cr_assert_null(strstr(msg, "Zorvath"));
}

Test(rules_parse, include_and_words_without_file_name)
{
    expect_error(GOOD_RULE "include\n", 5, 0, NULL);
    expect_error(GOOD_RULE "words\n", 5, 0, NULL);
    expect_error(GOOD_RULE "function-words\n", 5, 0, NULL);
    expect_error(GOOD_RULE "rare-names\n", 5, 0, NULL);
}

Test(rules_parse, keywords_are_recorded)
{
    struct hush_ruleset *rs = rules_must("rule team\n  category TEAM\n"
                                         "  regex \\b\\p{Lu}\\p{Ll}+ (?:Team|Ward)\\b\n"
                                         "  keywords team\n"
                                         "  keywords ward  unit\n"
                                         "  reason R.\n");
    cr_assert_str_eq(rs->rules[0].keywords, "team ward unit");
    hush_rules_free(rs);
}

Test(rules_parse, empty_keywords)
{
    expect_error("rule x\n  keywords\n", 2, 0, NULL);
}

Test(rules_parse, keywords_on_a_list_rule)
{
    free(tmp_write("l.txt", "Quell\n"));
    expect_error("rule x\n  category P\n  list l.txt\n  keywords ward\n  reason R.\n", 1, 1, NULL);
}

Test(rules_parse, anchor_and_keywords_together)
{
    expect_error("rule x\n  category P\n  regex a@b\n  anchor @\n  keywords ward\n"
                 "  reason R.\n",
                 1, 1, NULL);
}

Test(rules_parse, after_with_anchor_or_on_a_list_rule)
{
    expect_error("rule p\n  category P\n  regex Q\\w+\n  reason R.\n"
                 "rule x\n  category A\n  regex , \\d+\n  after P\n  anchor ,\n  reason R.\n",
                 5, 1, NULL);
    free(tmp_write("l.txt", "Quell\n"));
    expect_error("rule x\n  category P\n  list l.txt\n  after P\n  reason R.\n", 1, 1, NULL);
    expect_error("rule x\n  after p-q\n", 2, 9, NULL);
}

/* A misspelt category would leave the rule never tried: it is an error. */
Test(rules_parse, after_names_a_category_some_rule_finds)
{
    char msg[512];
    expect_error("rule p\n  category PERSON\n  regex Q\\w+\n  reason R.\n"
                 "rule x\n  category AGE\n  context , (\\d+)\n  after PERSN\n  reason R.\n",
                 5, 1, msg);
    cr_assert_not_null(strstr(msg, "a category no rule finds"), "%s", msg);
}

/* Examples hold names (synthetic here, but a study's own rules may not):
 * a malformed expect line is located, never quoted. */
Test(rules_parse, malformed_expect_lines_are_located_not_quoted)
{
    static const char *const bad[] = {
        "  expect Zorvath Quell -> same\n",           /* no quotes */
        "  expect \"Zorvath Quell\" same\n",          /* no arrow */
        "  expect \"Zorvath Quell\" -> Zorvath\n",    /* output not quoted */
        "  expect \"Zorvath Quell\" -> same extra\n", /* trailing text */
        "  expect \"Zorvath \\q Quell\" -> same\n",   /* unknown escape */
        "  expect \"Zorvath Quell -> same\n",         /* unterminated */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[600], msg[512];
        snprintf(text, sizeof text, "%s%s", GOOD_RULE, bad[i]);
        expect_error(text, 5, 0, msg);
        cr_assert_null(strstr(msg, "Zorvath"), "case %zu quotes the example", i);
        cr_assert_null(strstr(msg, "Quell"), "case %zu quotes the example", i);
        cr_assert_not_null(strstr(msg, "expect"), "case %zu", i);
    }
}

Test(rules_parse, expect_error_columns)
{
    /* line "  expect X": the input must start at column 10 */
    expect_error(GOOD_RULE "  expect X -> same\n", 5, 10, NULL);
    /* the arrow is expected where "same" stands, column 15 */
    expect_error(GOOD_RULE "  expect \"ab\" same\n", 5, 15, NULL);
}

Test(rules_parse, error_in_an_included_file_names_that_file)
{
    char *inc = tmp_write("inc.rules", "# ok\n\nrule y\n  bogus field\n");
    struct hush_error err = {0};
    struct hush_ruleset *rs = rules_try("include inc.rules\n" GOOD_RULE, &err);
    cr_assert_null(rs);
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert(msg_at(err.msg, inc, 4), "%s", err.msg);
    free(inc);
}

/* A file that includes itself must fail at the include line, instead of
 * recursing until the stack runs out.  (With rules in it, a self-include
 * is already caught as a duplicate id.) */
Test(rules_parse, include_cycle_is_refused_at_its_line)
{
    char *loop = tmp_write("loop.rules", "# loops\ninclude loop.rules\n");
    struct hush_error err = {0};
    cr_assert_null(rules_try("include loop.rules\n" GOOD_RULE, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert(msg_at(err.msg, loop, 2), "%s", err.msg);
    cr_assert_eq(msg_col(err.msg, loop, 2), 9);
    free(loop);
}

Test(rules_parse, self_include_with_rules_is_a_duplicate_id)
{
    char msg[512];
    expect_error(GOOD_RULE "include test.rules\n", 1, 6, msg);
    cr_assert_not_null(strstr(msg, "duplicate"));
}

Test(rules_parse, rule_file_that_is_not_utf8)
{
    char *path = tmp_write_n("test.rules", "# caf\xE9\n", 7);
    struct hush_error err = {0};
    const char *paths[] = {path};
    cr_assert_null(hush_rules_load(paths, 1, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert(msg_at(err.msg, path, 1), "%s", err.msg);
    free(path);
}

Test(rules_parse, rule_file_with_a_nul_byte)
{
    char *path = tmp_write_n("test.rules", "rule x\n\0", 8);
    struct hush_error err = {0};
    const char *paths[] = {path};
    cr_assert_null(hush_rules_load(paths, 1, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert(msg_at(err.msg, path, 2), "%s", err.msg);
    free(path);
}

Test(rules_parse, missing_rule_file_is_a_configuration_error)
{
    char *path = tmp_path("absent.rules");
    struct hush_error err = {0};
    const char *paths[] = {path};
    cr_assert_null(hush_rules_load(paths, 1, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "absent.rules"));
    free(path);
}

Test(rules_parse, missing_include_is_a_configuration_error)
{
    struct hush_error err = {0};
    cr_assert_null(rules_try(GOOD_RULE "include absent.rules\n", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "absent.rules"));
}

Test(rules_parse, directory_as_rule_file_is_a_configuration_error)
{
    struct hush_error err = {0};
    const char *paths[] = {test_dir};
    cr_assert_null(hush_rules_load(paths, 1, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
}

Test(rules_parse, rule_set_of_only_allow_rules_is_refused)
{
    free(tmp_write("l.txt", "Quell\n"));
    struct hush_error err = {0};
    cr_assert_null(rules_try("allow a\n  list l.txt\n  reason R.\n", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "test.rules"));
}

Test(rules_parse, no_rule_files_is_refused)
{
    struct hush_error err = {0};
    cr_assert_null(hush_rules_load(NULL, 0, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
}

Test(rules_parse, first_error_stops_the_parse)
{
    char msg[512];
    expect_error("rule x\n  bogus one\n  bogus two\n", 2, 0, msg);
}

Test(rules_parse, window_is_recorded_and_defaults_to_the_limit)
{
    struct hush_ruleset *rs = rules_must("rule a\n  category TEAM\n"
                                         "  regex \\b\\p{Ll}+ ward\\b\n"
                                         "  keywords ward\n"
                                         "  window 1\n"
                                         "  reason R.\n"
                                         "rule b\n  category TEAM\n"
                                         "  regex \\b\\p{Lu}\\p{Ll}+ Team\\b\n"
                                         "  keywords team\n"
                                         "  reason R.\n");
    cr_assert_eq(rs->rules[0].window, 1);
    cr_assert_eq(rs->rules[1].window, HUSH_KEYWORD_WINDOW);
    hush_rules_free(rs);
}

Test(rules_parse, window_out_of_range)
{
    expect_error("rule a\n  category TEAM\n  regex x\n  keywords ward\n  window 13\n  reason R.\n",
                 5, 10, NULL);
}

Test(rules_parse, texts_is_recorded)
{
    struct hush_ruleset *rs = rules_must("rule a\n  category TEAM\n  regex x\n"
                                         "  texts lower-case\n  reason R.\n"
                                         "rule b\n  category TEAM\n  regex y\n"
                                         "  texts lower-case\n  texts any\n  reason R.\n");
    cr_assert(rs->rules[0].lower_case_texts);
    cr_assert_not(rs->rules[1].lower_case_texts, "a later texts line replaces an earlier one");
    cr_assert(rs->has_lower_case_texts);
    hush_rules_free(rs);
}

Test(rules_parse, texts_unknown_value)
{
    char msg[512];
    expect_error("rule a\n  category TEAM\n  regex x\n  texts upper\n  reason R.\n", 4, 9, msg);
    cr_assert_not_null(strstr(msg, "unknown texts (known: any, lower-case)"), "%s", msg);
}

Test(rules_parse, unknown_check_lists_every_check)
{
    char msg[512];
    expect_error("rule a\n  category ID\n  regex \\d+\n  check mod97\n  reason R.\n", 4, 9, msg);
    cr_assert_not_null(
        strstr(msg, "unknown check (known: nhs-mod11, luhn, initials, surname-initials)"), "%s",
        msg);
}

Test(rules_parse, texts_on_a_list_rule)
{
    char msg[512];
    expect_error("rule a\n  category TEAM\n  list names.txt\n  texts lower-case\n  reason R.\n", 1,
                 1, msg);
    cr_assert_not_null(strstr(msg, "regex and context rules only"), "%s", msg);
}

Test(rules_parse, phrases_is_recorded_for_list_rules_only)
{
    free(tmp_write("sites.txt", "Ward Centre\n"));
    struct hush_ruleset *rs = rules_must("rule a\n  category TRUST\n  list sites.txt\n"
                                         "  phrases also-lower-case\n  reason R.\n"
                                         "rule b\n  category TRUST\n  list sites.txt\n"
                                         "  phrases also-lower-case\n  phrases capitalised\n"
                                         "  reason R.\n");
    cr_assert(rs->rules[0].lower_case_phrases);
    cr_assert_not(rs->rules[1].lower_case_phrases, "a later phrases line replaces an earlier one");
    hush_rules_free(rs);
    char msg[512];
    expect_error("rule a\n  category TEAM\n  regex x\n  phrases also-lower-case\n  reason R.\n", 1,
                 1, msg);
    cr_assert_not_null(strstr(msg, "phrases applies to list rules only"), "%s", msg);
    expect_error("rule a\n  category TEAM\n  list sites.txt\n  phrases lower\n  reason R.\n", 4, 11,
                 msg);
    cr_assert_not_null(strstr(msg, "unknown phrases (known: capitalised, also-lower-case)"), "%s",
                       msg);
}

Test(rules_parse, needs_is_recorded_and_checked)
{
    struct hush_ruleset *rs = rules_must("rule a\n  category PERSON\n  kind names\n"
                                         "  context (x)\n  needs name-word\n  reason R.\n");
    cr_assert_eq(rs->rules[0].needs, NEEDS_NAME_WORD);
    hush_rules_free(rs);
    rs = rules_must("rule a\n  category PERSON\n  kind names\n"
                    "  context (x)\n  needs plural-name\n  reason R.\n");
    cr_assert_eq(rs->rules[0].needs, NEEDS_PLURAL_NAME);
    hush_rules_free(rs);
    char msg[512];
    expect_error("rule a\n  category PERSON\n  kind names\n  regex x\n  needs names\n  reason R.\n",
                 5, 9, msg);
    cr_assert_not_null(strstr(msg, "unknown needs"), "%s", msg);
    expect_error("rule a\n  category TEAM\n  regex x\n  needs name-word\n  reason R.\n", 1, 1, msg);
    cr_assert_not_null(strstr(msg, "kind names only"), "%s", msg);
}

Test(rules_parse, window_without_keywords)
{
    expect_error("rule a\n  category TEAM\n  regex x\n  window 2\n  reason R.\n", 1, 1, NULL);
}

/* ---- define ---------------------------------------------------------------- */

/* A define is called as (?&name) by any later regex, and through another
 * define; a # in it is part of the pattern, not a comment. */
Test(rules_parse, defines_are_called_by_later_regexes)
{
    struct hush_ruleset *rs = rules_must("define digit_pair \\d\\d\n"
                                         "define code (?&digit_pair)-(?&digit_pair) #x\n"
                                         "rule a\n  category ID\n  regex \\bQ(?&code)\\b\n"
                                         "  reason R.\n"
                                         "rule b\n  category ID\n  regex \\bZ(?&digit_pair)\\b\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Q12-34 #x and Z56, not Q1-2", "[ID] and [ID], not Q1-2");
    hush_rules_free(rs);
}

Test(rules_parse, define_errors_are_located)
{
    char msg[512];
    expect_error("define\n", 1, 7, NULL);
    expect_error("define Bad \\d\n", 1, 8, NULL);
    expect_error("define x1\n", 1, 8, NULL);
    expect_error("define x \\d\ndefine x \\w\n", 2, 8, msg);
    cr_assert_not_null(strstr(msg, "defined twice"), "%s", msg);
    expect_error("define x a(b\n", 1, 10, msg);
    cr_assert_not_null(strstr(msg, "bad pattern"), "%s", msg);
    expect_error("define x (?&y)\n", 1, 10, NULL);
}

/* An acronyms list, and a context-acronyms list after it, are the define
 * "acronym" that patterns call; blank lines, comments and carriage returns
 * are no entries. */
Test(rules_parse, acronym_lists_make_a_define)
{
    free(tmp_write("acr.txt", "# roles\nGP\n\nOT\r\nFY1\n"));
    free(tmp_write("ctx.txt", "FH\n"));
    struct hush_ruleset *rs = rules_must("acronyms acr.txt\ncontext-acronyms ctx.txt\n"
                                         "rule initials\n  category PERSON\n"
                                         "  regex \\b(?!(?&acronym)\\b)[A-Z]{2}\\d?\\b\n"
                                         "  reason R.\n");
    assert_redacts(rs, "GP and OT saw KW, FH, FY1 and FY2",
                   "GP and OT saw [PERSON], FH, FY1 and [PERSON]");
    hush_rules_free(rs);
}

/* An entry that is not letters and digits, an empty list, a define of the
 * same name, and context acronyms with no acronyms list before them are
 * refused at the directive. */
Test(rules_parse, acronym_list_errors_are_located)
{
    char msg[512];
    free(tmp_write("bad.txt", "GP\nA&E\n"));
    expect_error("acronyms bad.txt\n", 1, 10, msg);
    cr_assert_not_null(strstr(msg, "letters and digits"), "%s", msg);
    free(tmp_write("none.txt", "# none yet\n"));
    expect_error("acronyms none.txt\n", 1, 10, msg);
    cr_assert_not_null(strstr(msg, "empty"), "%s", msg);
    free(tmp_write("acr.txt", "GP\n"));
    expect_error("define acronym GP\nacronyms acr.txt\n", 2, 10, msg);
    cr_assert_not_null(strstr(msg, "defined twice"), "%s", msg);
    expect_error("context-acronyms acr.txt\n", 1, 18, msg);
    cr_assert_not_null(strstr(msg, "acronyms directive before"), "%s", msg);
    expect_error("acronyms acr.txt\ncontext-acronyms bad.txt\n", 2, 18, msg);
    cr_assert_not_null(strstr(msg, "letters and digits"), "%s", msg);
}

#define SITE_RULE                                                                                  \
    "rule site\n"                                                                                  \
    "  category  SITE_2\n"                                                                         \
    "  regex     \\bSite [A-Z]\\b\n"                                                               \
    "  reason    A study site names where the participant is seen.\n"

/* word-tags names categories, each at most once, in the order given; a
 * name that is no category is refused at its column, and so is one that
 * no rule finds (a typo would leave its tags read as figures). */
Test(rules_parse, word_tags_name_categories)
{
    struct hush_error err = {0};
    struct hush_ruleset *rs =
        rules_try("word-tags PHONE  SITE_2\nword-tags PHONE\n" GOOD_RULE SITE_RULE, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    cr_assert_eq(rs->nword_tags, 2);
    cr_assert_str_eq(rs->word_tags[0], "PHONE");
    cr_assert_str_eq(rs->word_tags[1], "SITE_2");
    hush_rules_free(rs);
    expect_error("word-tags PERSON place\n", 1, 18, NULL);
    expect_error("word-tags\n", 1, 0, NULL);
    char msg[512];
    expect_error("# typo\nword-tags PHONE  SITES_2\n" GOOD_RULE SITE_RULE, 2, 18, msg);
    cr_assert_not_null(strstr(msg, "no rule finds"), "%s", msg);
}
