/*
 * test_lists.c: gazetteers, one entry a line or one column of a CSV file,
 * loaded into the lexicon and matched on tokens (lists.c).  Messages give
 * line numbers, never entries.
 */
#include "helpers.h"

TestSuite(lists, .init = tmpdir_setup, .fini = tmpdir_teardown);

/* A rule set of one list rule, category PLACE, over the list file name
 * (with an optional column), written with the given contents. */
static struct hush_ruleset *
place_rules(const char *name, const char *contents, const char *column, struct hush_error *err)
{
    free(tmp_write(name, contents));
    char text[512];
    snprintf(text, sizeof text,
             "rule places\n"
             "  category PLACE\n"
             "  list %s%s%s\n"
             "  reason Places locate people.\n",
             name, column ? " column=" : "", column ? column : "");
    return rules_try(text, err);
}

static struct hush_ruleset *
place_rules_must(const char *name, const char *contents, const char *column)
{
    struct hush_error err = {0};
    struct hush_ruleset *rs = place_rules(name, contents, column, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    return rs;
}

Test(lists, plain_list_entries_match_as_words)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "Quellbury\nVanemoor\n", NULL);
    assert_redacts(rs, "from Quellbury to Vanemoor.", "from [PLACE] to [PLACE].");
    /* inside a longer word is not a match */
    assert_redacts(rs, "Quellburyshire", "Quellburyshire");
    hush_rules_free(rs);
}

Test(lists, comments_blanks_and_surrounding_space_are_ignored)
{
    struct hush_ruleset *rs =
        place_rules_must("p.txt", "# places\n\n   Quellbury  \r\n\t# Vanemoor\nOrrick\n", NULL);
    cr_assert_eq(hush_rule_list_size(rs, 0), 2);
    assert_redacts(rs, "Quellbury, Vanemoor, Orrick", "[PLACE], Vanemoor, [PLACE]");
    hush_rules_free(rs);
}

Test(lists, last_line_without_newline_is_an_entry)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "Quellbury\nOrrick", NULL);
    cr_assert_eq(hush_rule_list_size(rs, 0), 2);
    assert_redacts(rs, "in Orrick", "in [PLACE]");
    hush_rules_free(rs);
}

Test(lists, matching_ignores_case_and_accents)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "Zoëford\n", NULL);
    assert_redacts(rs, "near ZOEFORD and zoëford", "near [PLACE] and [PLACE]");
    hush_rules_free(rs);
}

/* Places such as "Bishop's Stortford" hold a possessive inside the entry:
 * the entry must still match as a whole, with either apostrophe. */
Test(lists, entry_with_an_inner_possessive_matches_whole)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "St Orrick's Cross\n", NULL);
    assert_redacts(rs, "at St Orrick's Cross today", "at [PLACE] today");
    assert_redacts(rs, "at St Orrick\xE2\x80\x99s Cross today", "at [PLACE] today");
    hush_rules_free(rs);
}

/* ...but the possessive is part of the key: "Ada's marsh" is not the
 * entry "Ada Marsh". */
Test(lists, possessive_text_does_not_match_an_entry_without_it)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "Orrick Marsh\n", NULL);
    assert_redacts(rs, "to Orrick's Marsh", "to Orrick's Marsh");
    assert_redacts(rs, "to Orrick Marsh", "to [PLACE]");
    hush_rules_free(rs);
}

Test(lists, multi_word_entry_spans_a_space_but_not_a_line_break)
{
    struct hush_ruleset *rs = place_rules_must("p.txt", "Upper Quellbury\n", NULL);
    assert_redacts(rs, "in Upper  Quellbury now", "in [PLACE] now");
    assert_redacts(rs, "in Upper\nQuellbury now", "in Upper\nQuellbury now");
    /* the first word alone is not the entry */
    assert_redacts(rs, "the Upper deck", "the Upper deck");
    hush_rules_free(rs);
}

Test(lists, longest_entry_wins)
{
    struct hush_ruleset *rs =
        place_rules_must("p.txt", "Quellbury\nQuellbury Vale\nQuellbury Vale Green\n", NULL);
    assert_redacts(rs, "at Quellbury Vale Green, then Quellbury Vale, then Quellbury",
                   "at [PLACE], then [PLACE], then [PLACE]");
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    const char *s = "at Quellbury Vale Green";
    cr_assert_eq(hush_match(rs, s, strlen(s), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 1, "one span, not three overlapping ones");
    cr_assert_eq(spans.v[0].start, 3);
    cr_assert_eq(spans.v[0].end, strlen(s));
    hush_spans_free(&spans);
    hush_rules_free(rs);
}

Test(lists, csv_column_gives_entries_from_that_column_only)
{
    struct hush_ruleset *rs = place_rules_must("t.csv",
                                               "code,name,region\n"
                                               "RX1,Quellbury Trust,Orrick\n"
                                               "RX2,\"Vanemoor, Orr and Dale Trust\",Lisk\n",
                                               "name");
    cr_assert_eq(hush_rule_list_size(rs, 0), 2);
    assert_redacts(rs, "Quellbury Trust and Vanemoor, Orr and Dale Trust", "[PLACE] and [PLACE]");
    assert_redacts(rs, "code RX1 in Orrick", "code RX1 in Orrick");
    hush_rules_free(rs);
}

Test(lists, csv_empty_fields_are_skipped)
{
    struct hush_ruleset *rs =
        place_rules_must("t.csv", "name,x\nQuellbury,1\n,2\n  ,3\nOrrick,4\n", "name");
    cr_assert_eq(hush_rule_list_size(rs, 0), 2);
    hush_rules_free(rs);
}

Test(lists, csv_missing_column_is_a_config_error)
{
    struct hush_error err = {0};
    cr_assert_null(place_rules("t.csv", "code,title\nRX1,Quellbury\n", "name", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    char *path = tmp_path("t.csv");
    cr_assert(msg_at(err.msg, path, 1), "%s", err.msg);
    free(path);
    cr_assert_null(strstr(err.msg, "Quellbury"));
}

Test(lists, malformed_csv_is_a_config_error_at_its_line)
{
    struct hush_error err = {0};
    cr_assert_null(place_rules("t.csv", "name\nQuellbury\n\"Orrick\"x\n", "name", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    char *path = tmp_path("t.csv");
    cr_assert(msg_at(err.msg, path, 3), "%s", err.msg);
    free(path);
    cr_assert_null(strstr(err.msg, "Orrick"));
}

Test(lists, entry_with_too_many_words_is_refused_unquoted)
{
    struct hush_buf list = {0};
    hush_buf_append(&list, "Quellbury\n", 10);
    for (int i = 0; i <= HUSH_MAX_LIST_TOKENS; i++)
        hush_buf_append(&list, "Zorvath ", 8);
    hush_buf_append(&list, "\n", 1);
    struct hush_error err = {0};
    cr_assert_null(place_rules("p.txt", list.data, NULL, &err));
    hush_buf_free(&list);
    cr_assert_eq(err.status, HUSH_ECONFIG);
    char *path = tmp_path("p.txt");
    cr_assert(msg_at(err.msg, path, 2), "%s", err.msg);
    free(path);
    cr_assert_null(strstr(err.msg, "Zorvath"));
}

Test(lists, entry_of_exactly_the_word_limit_is_accepted)
{
    struct hush_buf list = {0};
    for (int i = 0; i < HUSH_MAX_LIST_TOKENS; i++)
        hush_buf_printf(&list, "W%c ", 'a' + i);
    hush_buf_append(&list, "\n", 1);
    struct hush_error err = {0};
    struct hush_ruleset *rs = place_rules("p.txt", list.data, NULL, &err);
    cr_assert_not_null(rs, "%s", err.msg);
    cr_assert_eq(hush_rule_list_size(rs, 0), 1);
    hush_rules_free(rs);
    hush_buf_free(&list);
}

Test(lists, entry_without_letters_is_refused)
{
    struct hush_error err = {0};
    cr_assert_null(place_rules("p.txt", "Quellbury\n--- !!\n", NULL, &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    char *path = tmp_path("p.txt");
    cr_assert(msg_at(err.msg, path, 2), "%s", err.msg);
    free(path);
}

Test(lists, csv_entry_error_gives_the_csv_line)
{
    struct hush_error err = {0};
    cr_assert_null(place_rules("t.csv", "name\nQuellbury\n?!\n", "name", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    char *path = tmp_path("t.csv");
    cr_assert(msg_at(err.msg, path, 3), "%s", err.msg);
    free(path);
}

Test(lists, missing_list_file_is_a_configuration_error)
{
    struct hush_error err = {0};
    cr_assert_null(
        rules_try("rule places\n  category PLACE\n  list absent.txt\n  reason R.\n", &err));
    cr_assert_eq(err.status, HUSH_ECONFIG);
    cr_assert_not_null(strstr(err.msg, "absent.txt"));
}

Test(lists, list_path_is_resolved_against_the_rule_file)
{
    free(tmp_write("sub/p.txt", "Orrick\n"));
    free(tmp_write("sub/places.rules",
                   "rule places\n  category PLACE\n  list p.txt\n  reason R.\n"));
    struct hush_ruleset *rs = rules_must("include sub/places.rules\n");
    assert_redacts(rs, "to Orrick", "to [PLACE]");
    hush_rules_free(rs);
}

Test(lists, two_rules_may_share_an_entry_and_the_first_wins)
{
    free(tmp_write("a.txt", "Orrick\n"));
    free(tmp_write("b.txt", "Orrick\nLisk\n"));
    struct hush_ruleset *rs =
        rules_must("rule first\n  category PLACE\n  list a.txt\n  reason R.\n"
                   "rule second\n  category TEAM\n  list b.txt\n  reason R.\n");
    assert_redacts(rs, "Orrick and Lisk", "[PLACE] and [TEAM]");
    hush_rules_free(rs);
}

/* A word list entry that is an ordinary English word needs evidence that
 * it is a name here: "the park" is no place, "The Park" mid-sentence may
 * be. */
Test(lists, entry_made_of_common_words_needs_evidence)
{
    free(tmp_write("words.txt", "the\npark\nlisk\n"));
    free(tmp_write("p.txt", "The Park\nLisk\n"));
    struct hush_ruleset *rs =
        rules_must("words words.txt\n"
                   "rule places\n  category PLACE\n  list p.txt\n  reason R.\n");
    assert_redacts(rs, "we sat in the park", "we sat in the park");
    assert_redacts(rs, "we sat in The Park", "we sat in [PLACE]");
    assert_redacts(rs, "a lisk of wool, from Lisk", "a lisk of wool, from [PLACE]");
    hush_rules_free(rs);
}

Test(lists, list_size_counts_entries_per_rule)
{
    free(tmp_write("a.txt", "Orrick\nLisk\nQuellbury\n# not one\n\n"));
    struct hush_ruleset *rs =
        rules_must("rule places\n  category PLACE\n  list a.txt\n  reason R.\n"
                   "rule tel\n  category PHONE\n  regex \\d{5}\n  reason R.\n");
    cr_assert_eq(hush_rule_list_size(rs, 0), 3);
    cr_assert_eq(hush_rule_list_size(rs, 1), 0);
    hush_rules_free(rs);
}

Test(lists, image_path_pairs_with_a_rules_file)
{
    char *p = lists_image_path("/x/uk-health.rules");
    cr_assert_str_eq(p, "/x/uk-health.lexicon");
    free(p);
    cr_assert_null(lists_image_path("/x/uk-health.txt"));
    cr_assert_null(lists_image_path(".rules"));
}
