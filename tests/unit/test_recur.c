/*
 * test_recur.c: the distinctive first word of a named place recurs as that
 * place (recur.c), and only such a word: not an English word, not a list's,
 * not a person's name.
 */
#include "helpers.h"

TestSuite(recur, .init = tmpdir_setup, .fini = tmpdir_teardown);

static struct hush_ruleset *
place_rules(void)
{
    free(tmp_write("common.txt", "house\noak\nback\nto\nat\nthe\nlot\n"));
    free(tmp_write("given.txt", "Tamsin\n"));
    return rules_must("words common.txt\n"
                      "rule houses\n  category PLACE\n"
                      "  regex \\b\\p{Lu}\\p{Ll}+ House\\b\n  reason R.\n"
                      "rule given\n  category PERSON\n  kind names\n"
                      "  list given.txt\n  reason R.\n");
}

Test(recur, distinctive_word_of_a_place_recurs_capitalised)
{
    struct hush_ruleset *rs = place_rules();
    assert_redacts(rs, "at Marybone House. Back to Marybone, the Marybone lot; marybone",
                   "at [PLACE]. Back to [PLACE], the [PLACE] lot; marybone");
    hush_rules_free(rs);
}

/* An English word ("Oak") is no place's own word, and a text that never
 * names the place whole gives its first word nothing to recur from. */
Test(recur, english_words_and_lone_words_do_not_recur)
{
    struct hush_ruleset *rs = place_rules();
    assert_redacts(rs, "at Oak House. Back to Oak.", "at [PLACE]. Back to Oak.");
    assert_redacts(rs, "Back to Marybone.", "Back to Marybone.");
    hush_rules_free(rs);
}
