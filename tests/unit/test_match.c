/*
 * test_match.c: running every detector over a text and settling the result
 * (match.c): where regexes are tried (by first byte, trigger word, line
 * start or anchor character, never inside a word), validators, context
 * groups, limits, overlap resolution between rules, and the reusable
 * matcher.
 */
#include "helpers.h"

TestSuite(match, .init = tmpdir_setup, .fini = tmpdir_teardown);

/* The spans of text under rs; matching must succeed. */
static struct hush_spans
spans_of(const struct hush_ruleset *rs, const char *text)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    return spans;
}

#define PHONE_RULE                                                                                 \
    "rule mobile\n"                                                                                \
    "  category PHONE\n"                                                                           \
    "  regex \\b07\\d{3} ?\\d{6}\\b\n"                                                             \
    "  reason Reaches the person.\n"

Test(match, regex_rule_finds_every_occurrence)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    assert_redacts(rs, "07700 900123 or 07700900456.", "[PHONE] or [PHONE].");
    hush_rules_free(rs);
}

Test(match, spans_carry_offsets_category_and_rule)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    struct hush_spans s = spans_of(rs, "ring 07700900123");
    cr_assert_eq(s.n, 1);
    cr_assert_eq(s.v[0].start, 5);
    cr_assert_eq(s.v[0].end, 16);
    cr_assert_str_eq(hush_rules_category_name(rs, s.v[0].category), "PHONE");
    cr_assert_eq(s.v[0].rule, 0);
    hush_spans_free(&s);
    hush_rules_free(rs);
}

/* Matches never start inside a word: "x07700900123" is a code, not a
 * number on its own. */
Test(match, regex_never_starts_inside_a_word)
{
    struct hush_ruleset *rs = rules_must("rule digits\n  category NUM\n  regex \\d{3}\n"
                                         "  reason R.\n");
    assert_redacts(rs, "abc123 and ab 456", "abc123 and ab [NUM]");
    assert_redacts(rs, "é789", "é789");
    hush_rules_free(rs);
}

/* Nor does a match end inside one: it runs on to the word's end, across
 * an apostrophe inside the word ("O’Neill"), but not over a possessive. */
Test(match, regex_span_runs_on_to_the_end_of_its_word)
{
    struct hush_ruleset *rs = rules_must("rule digits\n  category NUM\n  regex \\d{3}\n"
                                         "  reason R.\n");
    assert_redacts(rs, "see 123rom then", "see [NUM] then");
    assert_redacts(rs, "see 123O\u2019Neill then", "see [NUM] then");
    assert_redacts(rs, "see 123\u200bx then", "see [NUM] then");
    assert_redacts(rs, "see 123's one", "see [NUM]'s one");
    assert_redacts(rs, "see 123' one", "see [NUM]' one");
    hush_rules_free(rs);
}

/* A rule triggered by a word is tried where that word opens a longer
 * token and \b ends it there: before an apostrophe, an invisible character
 * or a mark, which a token holds but a regex's \w does not. */
Test(match, a_trigger_word_opening_a_longer_token_is_tried_there)
{
    struct hush_ruleset *rs = rules_must("rule gosh\n  category TRUST\n  regex \\bGOSH\\b\n"
                                         "  reason R.\n");
    cr_assert_eq(rs->npoint['G'], 0, "the rule has a trigger word");
    assert_redacts(rs, "to GOSH\u200bclinic, GOSH'ers, GOSHE\u0301 and GOSH",
                   "to [TRUST], [TRUST], GOSHE\u0301 and [TRUST]");
    assert_redacts(rs, "to GOSHAWK now", "to GOSHAWK now");
    hush_rules_free(rs);
}

/* A match that opens with punctuation may touch the word before it: a
 * number typed straight after a name is still found. */
Test(match, punctuation_led_match_may_follow_a_word)
{
    struct hush_ruleset *rs = rules_must("rule intl\n  category PHONE\n"
                                         "  regex \\+44 ?\\d{4} ?\\d{6}\n  reason R.\n");
    assert_redacts(rs, "Liam+44 7700 900123, then", "Liam[PHONE], then");
    assert_redacts(rs, "x +44 7700 900123", "x [PHONE]");
    hush_rules_free(rs);
}

Test(match, empty_text_has_no_spans)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    struct hush_spans s = spans_of(rs, "");
    cr_assert_eq(s.n, 0);
    hush_spans_free(&s);
    hush_rules_free(rs);
}

Test(match, regex_starting_with_a_non_ascii_letter)
{
    struct hush_ruleset *rs = rules_must("rule o\n  category PLACE\n  regex Ø\\w+\n"
                                         "  reason R.\n");
    assert_redacts(rs, "at Ølby, not Xølby", "at [PLACE], not Xølby");
    hush_rules_free(rs);
}

Test(match, context_rule_replaces_only_its_capture_group)
{
    struct hush_ruleset *rs = rules_must("rule titled\n  category PERSON\n"
                                         "  context \\bDr\\.?\\s+(\\p{Lu}\\p{Ll}+)\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Dr Quell and Dr. Vane", "Dr [PERSON] and Dr. [PERSON]");
    hush_rules_free(rs);
}

/* An initial's full stop before a blank goes into its tag, as the
 * tokeniser reads it as no sentence's end; before a letter it stays, and
 * the pronoun I is no initial (a fuzz find: "Dr P. And"). */
Test(match, an_initials_full_stop_goes_into_its_tag)
{
    struct hush_ruleset *rs = rules_must("rule titled\n  category PERSON\n"
                                         "  context \\bDr\\h+(\\p{Lu})\\b\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Dr P. And Dr Q.\nDr R.x Dr I. Dr S.",
                   "Dr [PERSON] And Dr [PERSON]\nDr [PERSON].x Dr [PERSON]. Dr [PERSON]");
    hush_rules_free(rs);
}

/* A capital after a hyphen is the last piece of a code, no initial: the
 * full stop after it ends the sentence and stays ("ref 2311-4418-C. Then"). */
Test(match, a_codes_last_letter_keeps_its_full_stop)
{
    struct hush_ruleset *rs = rules_must("rule ref\n  category ID\n"
                                         "  regex \\b\\d{4}-\\d{4}-[A-Z]\\b\n"
                                         "  reason R.\n");
    assert_redacts(rs, "ref 2311-4418-C. Then ref 2311-4418-D.", "ref [ID]. Then ref [ID].");
    hush_rules_free(rs);
}

/* Rules that begin with a word are tried at that word's tokens: the word
 * must be found whatever its position, and only where the regex agrees. */
Test(match, rule_beginning_with_words_is_tried_at_those_words)
{
    struct hush_ruleset *rs = rules_must("rule called\n  category PERSON\n"
                                         "  context \\b(?:called|named)\\s+(\\p{Lu}\\p{Ll}+)\n"
                                         "  reason R.\n");
    assert_redacts(rs, "a nurse called Quell, one named Vane",
                   "a nurse called [PERSON], one named [PERSON]");
    assert_redacts(rs, "called Quell", "called [PERSON]");
    assert_redacts(rs, "Called Quell", "Called Quell");
    assert_redacts(rs, "recalled Quell", "recalled Quell");
    hush_rules_free(rs);
}

/* A rule led by a word is tried only at that word's tokens: when the
 * regex lets the word run into the next ("DrQuell"), it must still be
 * tried there. */
Test(match, word_led_rule_still_matches_when_the_word_runs_on)
{
    struct hush_ruleset *rs = rules_must("rule titled\n  category PERSON\n"
                                         "  context \\bDr\\.?\\s*(\\p{Lu}\\p{Ll}+)\n"
                                         "  reason R.\n");
    assert_redacts(rs, "saw DrQuell, Dr.Vane and Dr Orr",
                   "saw Dr[PERSON], Dr.[PERSON] and Dr [PERSON]");
    hush_rules_free(rs);
}

Test(match, trigger_word_with_case_pair)
{
    struct hush_ruleset *rs = rules_must("rule called\n  category PERSON\n"
                                         "  context \\b[Cc]alled\\s+(\\p{Lu}\\p{Ll}+)\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Called Quell, called Vane", "Called [PERSON], called [PERSON]");
    hush_rules_free(rs);
}

Test(match, line_start_rule_runs_only_at_line_starts)
{
    struct hush_ruleset *rs = rules_must("rule label\n  category PERSON\n"
                                         "  context (?m)^(\\p{Lu}\\p{Ll}+):\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Quell: hi\nVane: and Orr: no", "[PERSON]: hi\n[PERSON]: and Orr: no");
    hush_rules_free(rs);
}

Test(match, anchor_rule_finds_matches_around_its_anchor)
{
    struct hush_ruleset *rs = rules_must("rule mail\n  category EMAIL\n"
                                         "  regex [\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\n"
                                         "  anchor @\n"
                                         "  reason R.\n");
    assert_redacts(rs, "q.vane@example.org", "[EMAIL]");
    assert_redacts(rs, "mail (orr+x@example.ac.uk) or t@example.com.",
                   "mail ([EMAIL]) or [EMAIL].");
    assert_redacts(rs, "at @ noon, a@ b", "at @ noon, a@ b");
    hush_rules_free(rs);
}

/* A rule with after is tried only at the end of each identifier of its
 * category, whichever rule found it, and just after a tag of it; nowhere
 * else, and its match settles with the rest. */
Test(match, after_rule_is_tried_at_the_end_of_identifiers)
{
    struct hush_ruleset *rs = rules_must("rule name\n  category PERSON\n"
                                         "  regex \\bQuell\\b\n  reason R.\n"
                                         "rule age\n  category AGE\n  after PERSON\n"
                                         "  context , (\\d+)\n  reason R.\n");
    assert_redacts(rs, "Quell, 27, and Vane, 31, and [PERSON], 40; [AGE], 50",
                   "[PERSON], [AGE], and Vane, 31, and [PERSON], [AGE]; [AGE], 50");
    assert_redacts(rs, "[PERSON-K7QX2M9A], 61 and [PERSONA], 62",
                   "[PERSON-K7QX2M9A], [AGE] and [PERSONA], 62");
    hush_rules_free(rs);
}

/* What a rule with after finds sets off the rules after its category in
 * turn, as its tag would when the text is redacted again. */
Test(match, after_rules_chain_and_redacting_again_changes_nothing)
{
    struct hush_ruleset *rs = rules_must("rule name\n  category PERSON\n"
                                         "  regex \\bQuell\\b\n  reason R.\n"
                                         "rule age\n  category AGE\n  after PERSON\n"
                                         "  context , (\\d+)\n  reason R.\n"
                                         "rule again\n  category AGE\n  after AGE\n"
                                         "  context \\h+or (\\d+)\n  reason R.\n");
    assert_redacts(rs, "Quell, 27 or 28.", "[PERSON], [AGE] or [AGE].");
    assert_redacts(rs, "[PERSON], [AGE] or 28.", "[PERSON], [AGE] or [AGE].");
    hush_rules_free(rs);
}

/* The word inside a tag sets off no keyword rule: "[PLACE]" is no "place",
 * and redacting again must find nothing the first pass did not (a fuzz
 * find). */
Test(match, a_tag_is_no_keyword)
{
    struct hush_ruleset *rs = rules_must("rule road\n  category PLACE\n"
                                         "  keywords place\n  window 1\n"
                                         "  regex \\bQu[ei]ll\\b\n  reason R.\n");
    /* Not "Quell" twice: a place found once recurs as its own bytes
     * (recur.c), which is not what this tests. */
    assert_redacts(rs, "Quell place, and Quill [PLACE]", "[PLACE] place, and Quill [PLACE]");
    hush_rules_free(rs);
}

/* A chain of identifiers each found after the last is followed to its end,
 * up to 256 links; a longer one fails the text, naming where and not what,
 * rather than take time quadratic in its length. */
Test(match, after_rule_chain_past_its_limit_fails_the_text)
{
    struct hush_ruleset *rs = rules_must("rule age\n  category AGE\n"
                                         "  regex \\bQuell (\\d+)\n  reason R.\n"
                                         "rule again\n  category AGE\n  after AGE\n"
                                         "  context \\h+or (\\d+)\n  reason R.\n");
    struct hush_buf text = {0}, out = {0};
    hush_buf_append(&text, "Quell 27", 8);
    for (int i = 0; i < 256; i++)
        hush_buf_append(&text, " or 28", 6);
    struct hush_error err = {0};
    cr_assert_eq(hush_redact_text(rs, text.data, text.len, &out, &err), HUSH_OK, "%s", err.msg);
    hush_buf_append(&out, "", 0); /* a C string for strstr */
    cr_assert_null(strstr(out.data, "28"), "every link of 256 is found");
    hush_buf_append(&text, " or 29", 6);
    out.len = 0;
    cr_assert_eq(hush_redact_text(rs, text.data, text.len, &out, &err), HUSH_EDATA);
    cr_assert_eq(out.len, 0, "nothing is rendered for a failed text");
    cr_assert_not_null(strstr(err.msg, "after rules"), "%s", err.msg);
    cr_assert_eq(strncmp(err.msg, "1:", 2), 0, "%s", err.msg);
    cr_assert_null(strstr(err.msg, "Quell"));
    cr_assert_null(strstr(err.msg, "or 2"));
    hush_buf_free(&text);
    hush_buf_free(&out);
    hush_rules_free(rs);
}

/* A name that a rule with after finds ("71, JT,") is found wherever it
 * recurs, as a name any other names rule finds is. */
Test(match, names_an_after_rule_finds_recur)
{
    struct hush_ruleset *rs = rules_must("rule age\n  category AGE\n"
                                         "  regex \\b\\d\\d[MF]\\b\n  reason R.\n"
                                         "rule initials\n  category PERSON\n  kind names\n"
                                         "  after AGE\n  context , ([A-Z]{2}),\n  reason R.\n");
    assert_redacts(rs, "71M, JT, fell. Later JT slept; 40F, XY, too",
                   "[AGE], [PERSON], fell. Later [PERSON] slept; [AGE], [PERSON], too");
    hush_rules_free(rs);
}

/* A keyword rule is tried only at the words shortly before its keyword:
 * with the keyword there it must match as the regex says, and any of its
 * keywords will do. */
Test(match, keyword_rule_matches_before_its_keywords)
{
    struct hush_ruleset *rs = rules_must("rule team\n  category TEAM\n"
                                         "  regex \\b\\p{Lu}\\p{Ll}+ (?:Team|Ward)\\b\n"
                                         "  keywords team ward\n"
                                         "  reason R.\n");
    assert_redacts(rs, "on Quell Ward, then the Vane Team, then Orr Ward",
                   "on [TEAM], then the [TEAM], then [TEAM]");
    assert_redacts(rs, "the Quell Unit", "the Quell Unit");
    hush_rules_free(rs);
}

Test(match, possessive_stays_outside_a_name_a_regex_finds)
{
    struct hush_ruleset *rs = rules_must("rule titled\n  category PERSON\n  kind names\n"
                                         "  context \\bMrs ([\\p{Lu}][\\p{L}'’]+)\n"
                                         "  reason R.\n"
                                         "rule saint\n  category PLACE\n"
                                         "  regex \\bSt [\\p{Lu}][\\p{L}'’]+\n"
                                         "  reason R.\n");
    assert_redacts(rs, "Mrs Quell's cat, Mrs Vane’s dog, Mrs Orr",
                   "Mrs [PERSON]'s cat, Mrs [PERSON]’s dog, Mrs [PERSON]");
    /* A place keeps it: it is part of the name. */
    assert_redacts(rs, "at St Ann's now", "at [PLACE] now");
    hush_rules_free(rs);
}

Test(match, lower_case_rule_is_tried_only_in_lower_case_texts)
{
    /* A point rule on lower-case letters, a keyword rule and a word-led
     * rule, each for lower-case texts only. */
    struct hush_ruleset *rs = rules_must("rule code\n  category CODE\n"
                                         "  regex \\b[a-z]\\d[a-z]\\b\n"
                                         "  texts lower-case\n  reason R.\n"
                                         "rule street\n  category PLACE\n"
                                         "  regex \\b\\p{Ll}+ road\\b\n"
                                         "  keywords road\n  texts lower-case\n  reason R.\n"
                                         "rule called\n  category PERSON\n"
                                         "  context \\bcalled (\\p{Ll}+)\n"
                                         "  texts lower-case\n  reason R.\n");
    assert_redacts(rs, "i think i said a1b off quell road, called vane",
                   "i think i said [CODE] off [PLACE], called [PERSON]");
    /* Four uses of I, all capitalised: the text is cased. */
    const char *cased = "I think I said I know I saw a1b off quell road, called vane";
    assert_redacts(rs, cased, cased);
    /* One "I" is too few to judge by: the rules are tried. */
    assert_redacts(rs, "I saw a1b", "I saw [CODE]");
    hush_rules_free(rs);
}

Test(match, check_rejects_matches_that_fail_validation)
{
    struct hush_ruleset *rs = rules_must("rule card\n  category CARD\n"
                                         "  regex \\b\\d{4}(?: ?\\d{4}){3}\\b\n"
                                         "  check luhn\n"
                                         "  reason R.\n");
    assert_redacts(rs, "4111 1111 1111 1111 and 4111 1111 1111 1112",
                   "[CARD] and 4111 1111 1111 1112");
    hush_rules_free(rs);
}

/* A regex that hits a limit fails the whole text: silently treating it as
 * "no match" could leave an identifier in place. */
Test(match, regex_limit_fails_the_text_naming_rule_and_place_not_text)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE "rule runaway\n  category X\n"
                                                    "  regex (a+)+$\n  reason R.\n");
    char text[128];
    snprintf(text, sizeof text, "ring 07700900123\nx %s!",
             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_EDATA);
    cr_assert_eq(spans.n, 0, "no partial result");
    cr_assert_not_null(strstr(err.msg, "runaway"), "%s", err.msg);
    cr_assert_eq(strncmp(err.msg, "2:3:", 4), 0, "%s", err.msg);
    cr_assert_null(strstr(err.msg, "aaaa"));
    cr_assert_null(strstr(err.msg, "07700"));
    struct hush_buf out = {0};
    hush_error_clear(&err);
    cr_assert_eq(hush_redact_text(rs, text, strlen(text), &out, &err), HUSH_EDATA);
    cr_assert_eq(out.len, 0, "nothing is rendered for a failed text");
    hush_buf_free(&out);
    hush_spans_free(&spans);
    hush_rules_free(rs);
}

Test(match, longest_match_wins_across_rules)
{
    struct hush_ruleset *rs = rules_must("rule short\n  category A\n  regex \\d{4}\n  reason R.\n"
                                         "rule long\n  category B\n  regex \\d{4} \\d{4}\n"
                                         "  reason R.\n");
    assert_redacts(rs, "no 1234 5678", "no [B]");
    hush_rules_free(rs);
}

Test(match, same_span_goes_to_the_rule_listed_first)
{
    struct hush_ruleset *rs = rules_must("rule first\n  category A\n  regex \\d{4}\n  reason R.\n"
                                         "rule second\n  category B\n  regex \\d{4}\n"
                                         "  reason R.\n");
    assert_redacts(rs, "no 1234", "no [A]");
    hush_rules_free(rs);
}

Test(match, earliest_of_equal_overlapping_matches_wins)
{
    struct hush_ruleset *rs = rules_must("rule pair\n  category P\n  regex \\d \\d\n  reason R.\n");
    /* "1 2" and "2 3" overlap; the earlier stands, "3" is left. */
    assert_redacts(rs, "1 2 3", "[P] 3");
    hush_rules_free(rs);
}

/* A tag already in the text is left as it is, so that redacting twice
 * changes nothing more; a bracketed word that is no category is not. */
Test(match, tags_of_the_rule_sets_categories_are_left_alone)
{
    struct hush_ruleset *rs = rules_must("rule caps\n  category CAPS\n  regex [A-Z]{4,}\n"
                                         "  reason R.\n");
    assert_redacts(rs, "[CAPS] and WORD", "[CAPS] and [CAPS]");
    assert_redacts(rs, "[WORD] and [CAPS", "[[CAPS]] and [[CAPS]");
    hush_rules_free(rs);
    rs = rules_must("rule caps\n  category NHS_NO2\n  regex [A-Z]{2,}\n  reason R.\n");
    assert_redacts(rs, "[NHS_NO2] and NHS", "[NHS_NO2] and [NHS_NO2]");
    hush_rules_free(rs);
}

Test(match, allow_regex_removes_what_it_covers)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE "allow switchboard\n"
                                                    "  regex \\b07700 ?900000\\b\n"
                                                    "  reason The switchboard is public.\n");
    assert_redacts(rs, "07700 900000 or 07700 900001", "07700 900000 or [PHONE]");
    hush_rules_free(rs);
}

Test(match, matcher_is_reusable_across_texts)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    const char *a = "07700900123 and 07700900456";
    const char *b = "nothing here";
    const char *c = "then 07700900789";
    cr_assert_eq(hush_matcher_run(m, a, strlen(a), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 2);
    cr_assert_eq(hush_matcher_run(m, b, strlen(b), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 0, "nothing is left over from the last text");
    cr_assert_eq(m->c.n, 0);
    cr_assert_eq(hush_matcher_run(m, c, strlen(c), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 1);
    cr_assert_eq(spans.v[0].start, 5);
    hush_spans_free(&spans);
    hush_matcher_free(m);
    hush_matcher_free(NULL);
    hush_rules_free(rs);
}

Test(match, matcher_keeps_losing_candidates_for_callers)
{
    struct hush_ruleset *rs = rules_must("rule short\n  category A\n  regex \\d{4}\n  reason R.\n"
                                         "rule long\n  category B\n  regex \\d{4} \\d{4}\n"
                                         "  reason R.\n");
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    const char *s = "1234 5678";
    cr_assert_eq(hush_matcher_run(m, s, strlen(s), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 1);
    bool short_seen = false;
    for (size_t i = 0; i < m->c.n; i++)
        short_seen |= m->c.v[i].rule == rule_index(rs, "short");
    cr_assert(short_seen, "the losing rule's candidate is kept");
    hush_spans_free(&spans);
    hush_matcher_free(m);
    hush_rules_free(rs);
}

/* Two addresses in one run of text: each anchor begins its own search. */
Test(match, anchor_rule_finds_every_match_in_a_run)
{
    struct hush_ruleset *rs = rules_must("rule mail\n  category EMAIL\n"
                                         "  regex [\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\n"
                                         "  anchor @\n"
                                         "  reason R.\n");
    assert_redacts(rs, "q@example.org,v@example.org", "[EMAIL],[EMAIL]");
    hush_rules_free(rs);
}

/* A run of text longer than HUSH_ANCHOR_WINDOW before an anchor is refused,
 * not searched in part: fail closed. */
Test(match, anchor_run_over_the_window_fails_the_text)
{
    struct hush_ruleset *rs = rules_must("rule mail\n  category EMAIL\n"
                                         "  regex [\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\n"
                                         "  anchor @\n"
                                         "  reason R.\n");
    char text[HUSH_ANCHOR_WINDOW + 40];
    for (size_t i = 0; i + 1 < sizeof text; i++)
        text[i] = i % 2 ? '.' : 'q'; /* short words, one long run */
    memcpy(text + sizeof text - 13, "@example.org", 13);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_EDATA);
    cr_assert_not_null(strstr(err.msg, "before its anchor"), "%s", err.msg);
    hush_spans_free(&spans);
    hush_rules_free(rs);
}

/* A word over HUSH_MAX_TOKEN_BYTES (a name padded with combining marks)
 * fails the text with its place, never slips by unread. */
Test(match, overlong_word_fails_the_text)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    struct hush_buf text = {0};
    hush_buf_append(&text, "so O", 4);
    for (int i = 0; i < 130; i++)
        hush_buf_append(&text, "\xcc\x81", 2); /* U+0301 combining acute */
    hush_buf_append(&text, "kafor said", 10);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text.data, text.len, &spans, &err), HUSH_EDATA);
    cr_assert_not_null(strstr(err.msg, "1:4: a word longer than"), "%s", err.msg);
    cr_assert_null(strstr(err.msg, "kafor"), "the message quotes the text");
    hush_spans_free(&spans);
    hush_buf_free(&text);
    hush_rules_free(rs);
}

/* The pronoun I is never part of an identifier, whatever a regex takes in:
 * a span is cut around it, and "I" alone is no span; a letter spelt out
 * ("N-I-A-M-H") is not the pronoun. */
Test(match, pronoun_i_is_never_part_of_a_span)
{
    struct hush_ruleset *rs = rules_must("rule lodge\n  category TEAM\n"
                                         "  regex (?:\\p{Lu}[\\p{L}']+\\s+){1,3}Lodge\n"
                                         "  reason A named lodge.\n"
                                         "rule pronoun\n  category PERSON\n  regex \\bI'm\\b\n"
                                         "  reason Nonsense, to be overruled.\n");
    assert_redacts(rs, "but I've Hillview Lodge, and I'm here", "but I've [TEAM], and I'm here");
    assert_redacts(rs, "so Oakfield I've Hill Lodge", "so [TEAM] I've [TEAM]");
    hush_rules_free(rs);
    /* What is left of a candidate once I is cut out holds a word, or is
     * nothing ("I'" leaves "'"). */
    rs = rules_must("rule titled\n  category PERSON\n  context \\bDr\\s+(\\p{Lu}[\\p{L}']+)\n"
                    "  reason Titled.\n");
    assert_redacts(rs, "Dr I' said", "Dr I' said");
    hush_rules_free(rs);
    rs = rules_must("rule spelt\n  category PERSON\n  regex \\b\\p{Lu}(?:-\\p{Lu}){2,}\\b\n"
                    "  reason Spelt.\n");
    assert_redacts(rs, "that's N-I-A-M-H", "that's [PERSON]");
    hush_rules_free(rs);
}

/* One matcher per worker: as many as asked for, never more than there are
 * documents, each its own; 0 asks for one per CPU. */
Test(match, matchers_for_a_run_are_bounded_by_the_documents)
{
    struct hush_ruleset *rs = rules_must(PHONE_RULE);
    size_t n = 0;
    struct hush_matcher **ms = hush_matchers_new(rs, 3, 2, &n);
    cr_assert_eq(n, 2);
    cr_assert(ms[0] != NULL && ms[1] != NULL && ms[0] != ms[1]);
    hush_matchers_free(ms, n);
    ms = hush_matchers_new(rs, 0, 1000, &n);
    cr_assert_eq(n, hush_work_default_workers());
    hush_matchers_free(ms, n);
    hush_rules_free(rs);
}

/* An allow rule of kind names allows the whole word it covers wherever the
 * same word stands again in the text, in the same case (a legend's "GS =
 * grandson" makes every "GS:" label a role); of kind terms, only where it
 * matched. */
Test(match, allow_of_kind_names_recurs_in_the_same_case)
{
#define LABEL_RULES(kind)                                                                          \
    "rule label\n  category PERSON\n  kind names\n  context (?m)^(\\p{L}+):\n"                     \
    "  reason A label.\n"                                                                          \
    "allow legend\n  kind " kind "\n  context \\b(\\p{Lu}+) = grandson\n  reason A role.\n"
    struct hush_ruleset *names = rules_must(LABEL_RULES("names"));
    assert_redacts(names, "GS = grandson\nGS: yes\nTK: no\nGs: ok",
                   "GS = grandson\nGS: yes\n[PERSON]: no\n[PERSON]: ok");
    hush_rules_free(names);
    struct hush_ruleset *terms = rules_must(LABEL_RULES("terms"));
    assert_redacts(terms, "GS = grandson\nGS: yes", "GS = grandson\n[PERSON]: yes");
    hush_rules_free(terms);
#undef LABEL_RULES
}

/* A part of a losing candidate that holds only function words is no
 * identifier: "the Vane" loses to "Vane team", and "the" stays text. */
Test(match, a_free_part_of_function_words_is_not_replaced)
{
    free(tmp_write("function.txt", "the\nof\n"));
    free(tmp_write("sites.txt", "the Vane\n"));
    struct hush_ruleset *rs = rules_must("function-words function.txt\n"
                                         "rule sites\n  category SITE\n  list sites.txt\n"
                                         "  reason R.\n"
                                         "rule teams\n  category TEAM\n  regex Vane team\n"
                                         "  reason R.\n");
    assert_redacts(rs, "at the Vane team, and at the Vane", "at the [TEAM], and at [SITE]");
    /* A capital may be an initial, which a second reading would take as a
     * name: only function words in lower case are left as text. */
    assert_redacts(rs, "The Vane team", "[SITE] [TEAM]");
    hush_rules_free(rs);
}

/* A rule that needs the plural of a name keeps a word whose normal form,
 * less its "s" (or "es" after s, x, z, ch, sh), a names list holds and no
 * English word is; the plural of a word ("Roses", "Homes") is dropped, and
 * of a name that an allow rule holds ("Germans"). */
Test(match, plural_of_a_name_is_kept_and_of_a_word_dropped)
{
    free(tmp_write("common.txt", "rose\nhome\nward\n"));
    free(tmp_write("surnames.txt", "Maguire\nJones\nRos\nHom\nWard\nGerman\nTom\n"));
    free(tmp_write("nations.txt", "German\n"));
    struct hush_ruleset *rs = rules_must("words common.txt\n"
                                         "allow nations\n  list nations.txt\n  reason R.\n"
                                         "rule surnames\n  category PERSON\n  kind names\n"
                                         "  list surnames.txt\n  reason R.\n"
                                         "rule families\n  category PERSON\n  kind names\n"
                                         "  needs plural-name\n"
                                         "  context \\bthe\\h+(\\p{Lu}\\p{Ll}+s)\\b\n"
                                         "  reason R.\n");
    assert_redacts(rs, "then the Maguires and the Joneses came",
                   "then the [PERSON] and the [PERSON] came");
    assert_redacts(rs, "then the Roses, the Homes and the Wards came",
                   "then the Roses, the Homes and the Wards came");
    /* "es" is cut only after s, x, z, ch and sh: "Tomes" is no plural of
     * Tom. */
    assert_redacts(rs, "then the Tomes came", "then the Tomes came");
    /* Nor of a name an allow rule holds. */
    assert_redacts(rs, "then the Germans came", "then the Germans came");
    hush_rules_free(rs);
}

/* An after rule's needs hold as any rule's do, though it runs once the
 * others' candidates are settled: a common word that no list of names
 * holds is no name after a name ("Ann 'Jo' Tomorrow"), an unknown word is
 * ("Ann 'Jo' Quellbury"). */
Test(match, after_rules_keep_their_needs)
{
    free(tmp_write("given.txt", "Ann\nJo\n"));
    free(tmp_write("words.txt", "tomorrow\n"));
    struct hush_ruleset *rs =
        rules_must("words words.txt\n"
                   "rule given\n  category PERSON\n  kind names\n  list given.txt\n  reason R.\n"
                   "rule after-nickname\n  category PERSON\n  kind names\n  needs name-word\n"
                   "  after PERSON\n  context \\h+'\\p{Lu}\\p{Ll}+'\\h+(\\p{Lu}\\p{Ll}+)\n"
                   "  reason R.\n");
    assert_redacts(rs, "Ann 'Jo' Tomorrow", "[PERSON] '[PERSON]' Tomorrow");
    assert_redacts(rs, "Ann 'Jo' Quellbury", "[PERSON] '[PERSON]' [PERSON]");
    hush_rules_free(rs);
}

/* A name an after rule finds recurs, and the after rules are tried at the
 * end of each recurrence too, as they are beside its tag when the text is
 * redacted again: "KB" after "Ann Lowe" recurs before "BT". */
Test(match, after_rules_are_tried_where_their_names_recur)
{
    free(tmp_write("given.txt", "Ann\n"));
    free(tmp_write("surnames.txt", "Lowe\n"));
    struct hush_ruleset *rs =
        rules_must("rule given\n  category PERSON\n  kind names\n  list given.txt\n  reason R.\n"
                   "rule surnames\n  category PERSON\n  kind names\n  list surnames.txt\n"
                   "  reason R.\n"
                   "rule initials-after\n  category PERSON\n  kind names\n  after PERSON\n"
                   "  context \\h*[,;]\\h*(\\p{Lu}{2})\\b\n  reason R.\n");
    const char *text = "Present: Ann Lowe, KB\nThen KB; BT left";
    const char *want = "Present: [PERSON], [PERSON]\nThen [PERSON]; [PERSON] left";
    assert_redacts(rs, text, want);
    assert_redacts(rs, want, want);
    hush_rules_free(rs);
}
