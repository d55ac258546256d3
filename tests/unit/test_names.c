/*
 * test_names.c: the rules that make a word a person's name (names.c):
 * evidence for names that are also common words, joining adjacent names
 * and initials, possessives, recurrence within a document, and allow
 * rules.  Every name here is invented.
 */
#include "helpers.h"

static struct hush_ruleset *rs;

/* The directives that read words for someone and the words after a name. */
#define CUES "person-words person.txt\nname-followers followers.txt\n"

/* A rule that reads the list FILE as people's names. */
#define PERSON_LIST(id, file)                                                                      \
    "rule " id "\n  category PERSON\n  kind names\n  list " file "\n  reason Names.\n"

/* The fixture's two lists of names, as rules. */
#define NAME_LISTS PERSON_LIST("given", "given.txt") PERSON_LIST("surnames", "surnames.txt")

static void
setup(void)
{
    tmpdir_setup();
    free(tmp_write("common.txt", "will\nhope\ngrace\nrose\nmay\nbaker\nthe\ncentre\nward\n"));
    free(tmp_write("given.txt", "Will\nHope\nGrace\nRose\nMay\nTamsin\nOrla\nBut\n"));
    free(tmp_write("surnames.txt", "Okafor\nBaker\nQuell\nVane\n"));
    free(tmp_write("allow.txt", "Vane Court\n"));
    free(tmp_write("function.txt", "but\nis\nwas\n"));
    free(tmp_write("particles.txt", "ap\nde\nvan\nder\n"));
    free(tmp_write("person.txt", "sister\nbrother\nson\nmum\nfriend\nmanager\nlead\n"
                                 "eldest\ncalled\n"));
    free(tmp_write("followers.txt", "she\nhe\nwho\nsaid\ncame\nrang\ntook\nis\nwas\n"));
    rs = rules_must("words common.txt\n"
                    "function-words function.txt\n" CUES "particles particles.txt\n" NAME_LISTS
                    "rule titled\n"
                    "  category PERSON\n"
                    "  kind names\n"
                    "  context \\b(?:Dr|Mrs)\\.?\\s+(\\p{Lu}\\p{Ll}+)\n"
                    "  reason A title marks a name.\n"
                    "allow streets\n"
                    "  list allow.txt\n"
                    "  reason Street names are not people.\n");
}

static void
teardown(void)
{
    hush_rules_free(rs);
    rs = NULL;
    tmpdir_teardown();
}

TestSuite(names, .init = setup, .fini = teardown);

/* Number of spans hush_match finds in text. */
static size_t
count_spans(const char *text)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    size_t n = spans.n;
    hush_spans_free(&spans);
    return n;
}

/* ---- evidence for names that are common words ----------------------------- */

Test(names, common_word_in_lower_case_is_not_a_name)
{
    assert_redacts(rs, "I will ask, I hope", "I will ask, I hope");
}

Test(names, common_word_capitalised_mid_sentence_is_a_name)
{
    assert_redacts(rs, "then I asked Will about it", "then I asked [PERSON] about it");
}

/* At a sentence start every word is capitalised: that is no evidence. */
Test(names, common_word_at_sentence_start_is_not_a_name)
{
    assert_redacts(rs, "Will you come? May I?", "Will you come? May I?");
}

Test(names, uncommon_name_needs_no_evidence)
{
    assert_redacts(rs, "Tamsin said no. tamsin said yes", "[PERSON] said no. [PERSON] said yes");
}

/* A common word that labels more than one line is a speaker's name; one
 * that labels a single line is a header's field ("Hope: funding agreed"). */
Test(names, common_word_as_speaker_label_is_a_name)
{
    assert_redacts(rs, "Hope: I think so\nInterviewer: right\nHope: yes",
                   "[PERSON]: I think so\nInterviewer: right\n[PERSON]: yes");
    assert_redacts(rs, "Hope: funding agreed\nInterviewer: right",
                   "Hope: funding agreed\nInterviewer: right");
}

Test(names, common_word_in_a_title_case_phrase_is_not_a_name)
{
    assert_redacts(rs, "we went to the Hope Centre", "we went to the Hope Centre");
}

/* A name that is also a modal verb opening a question is the verb, even
 * once the name is known ("Will I be all right?"); told mid-sentence it is
 * the name ("I told Will I was late"). */
Test(names, modal_name_opening_a_question_is_the_verb)
{
    assert_redacts(
        rs, "a lad called Will. I said, \"Will I be fine?\" Will you stay? I told Will I was",
        "a lad called [PERSON]. I said, \"Will I be fine?\" Will you stay? I told [PERSON] I "
        "was");
}

Test(names, common_word_before_a_number_is_not_a_name)
{
    assert_redacts(rs, "she moved to Rose 2 ward", "she moved to Rose 2 ward");
    /* Nor as a form's field before its value; before a pause it may be. */
    assert_redacts(rs, "seen 3/4/22  Baker: 4 sessions", "seen 3/4/22  Baker: 4 sessions");
    assert_redacts(rs, "seen 3/4/22 by Baker, 4 sessions", "seen 3/4/22 by [PERSON], 4 sessions");
    /* A tag of figures after the colon may have replaced figures
     * ("Baker:9a@example.org"): the field reads as it did. */
    assert_redacts(rs, "seen 3/4/22  Baker:[CONTACT] sessions",
                   "seen 3/4/22  Baker:[CONTACT] sessions");
    assert_redacts(rs, "seen 3/4/22  Baker: [AGE] sessions", "seen 3/4/22  Baker: [AGE] sessions");
}

/* A capitalised common word joined by a hyphen to a word in lower case,
 * or to a tag, is half a compound, not a name. */
Test(names, common_word_in_a_hyphenated_compound_is_not_a_name)
{
    assert_redacts(rs, "It rained. I saw a Rose-tinted view and Will-power.",
                   "It rained. I saw a Rose-tinted view and Will-power.");
    assert_redacts(rs, "It rained. I saw Will-[PERSON] there.",
                   "It rained. I saw Will-[PERSON] there.");
}

/* A capitalised common word that opens a sentence before a verb of
 * speaking is the name ("Will said no"); not a word for a person or a
 * place that answers the phone ("Ward rang"), nor before another verb. */
Test(names, common_word_opening_a_sentence_before_speaking_is_a_name)
{
    assert_redacts(rs, "It rained. Will said no. Hope is fine.",
                   "It rained. [PERSON] said no. Hope is fine.");
    free(tmp_write("g3.txt", "Will\nWard\nSister\n"));
    free(tmp_write("w3.txt", "will\nward\nsister\n"));
    free(tmp_write("p3.txt", "sister\n"));
    struct hush_ruleset *set =
        rules_must("words w3.txt\nperson-words p3.txt\n"
                   "rule g\n  category PERSON\n  kind names\n  list g3.txt\n  reason Given.\n");
    assert_redacts(set, "It rained. Ward rang me. Sister rang too. Will rang.",
                   "It rained. Ward rang me. Sister rang too. [PERSON] rang.");
    hush_rules_free(set);
}

/* A tag stands for a capitalised phrase: beside one, past any spaces, a
 * capitalised common word is no more a name than it was beside the
 * phrase, so that redacting twice changes nothing more. */
Test(names, common_word_beside_a_tag_is_not_a_name)
{
    assert_redacts(rs, "we went to the Hope [PLACE] then", "we went to the Hope [PLACE] then");
    assert_redacts(rs, "we went to the Hope  [PLACE] then", "we went to the Hope  [PLACE] then");
    assert_redacts(rs, "in [PLACE]\tHope said so", "in [PLACE]\tHope said so");
}

/* A function word is never a name from a list, whatever its case. */
Test(names, function_word_is_never_a_name)
{
    assert_redacts(rs, "and But said so. But Okafor", "and But said so. But [PERSON]");
}

/* ---- joining ------------------------------------------------------------- */

Test(names, adjacent_names_join_into_one_span)
{
    assert_redacts(rs, "I met Tamsin Okafor today", "I met [PERSON] today");
    cr_assert_eq(count_spans("I met Tamsin Okafor today"), 1);
}

Test(names, double_barrelled_name_joins)
{
    assert_redacts(rs, "I met Orla Okafor-Vane today", "I met [PERSON] today");
}

Test(names, common_word_beside_a_found_name_is_a_name)
{
    /* "Grace" opens the sentence, but the surname after it lends it evidence. */
    assert_redacts(rs, "Grace Okafor rang", "[PERSON] rang");
    assert_redacts(rs, "Will Baker Okafor rang", "[PERSON] rang");
}

Test(names, possessive_separates_names)
{
    cr_assert_eq(count_spans("so Tamsin's Okafor"), 2);
}

Test(names, comma_separates_names)
{
    cr_assert_eq(count_spans("so Tamsin, Okafor and Orla"), 3);
}

Test(names, names_do_not_join_across_a_line_break)
{
    cr_assert_eq(count_spans("so Tamsin\nOkafor"), 2);
}

Test(names, initial_joins_the_name_after_it)
{
    assert_redacts(rs, "signed by J. Okafor", "signed by [PERSON]");
    assert_redacts(rs, "signed by J Okafor", "signed by [PERSON]");
    assert_redacts(rs, "signed by T. J. Okafor", "signed by [PERSON]");
}

/* "I" and "A" are words, not initials, even before a full stop ("...so
 * did I. Okafor said"). */
Test(names, pronoun_i_is_not_an_initial)
{
    assert_redacts(rs, "was it I Okafor meant", "was it I [PERSON] meant");
    assert_redacts(rs, "so did I. Okafor said", "so did I. [PERSON] said");
}

Test(names, possessive_s_stays_outside_the_span)
{
    assert_redacts(rs, "went to Okafor's house", "went to [PERSON]'s house");
    assert_redacts(rs, "went to Tamsin Okafor\xE2\x80\x99s house",
                   "went to [PERSON]\xE2\x80\x99s house");
}

/* ---- recurrence ---------------------------------------------------------- */

Test(names, name_found_once_is_found_where_it_recurs)
{
    /* The second "Will" opens a sentence: only recurrence finds it.  The
     * lower-case "will" stays a verb. */
    assert_redacts(rs, "We met Will Okafor. Will said I will go.",
                   "We met [PERSON]. [PERSON] said I will go.");
}

Test(names, unlisted_name_recurs_in_any_case_and_with_possessive)
{
    assert_redacts(rs, "Dr Zephyrine came; later zephyrine, ZEPHYRINE and Zephyrine's son left.",
                   "Dr [PERSON] came; later [PERSON], [PERSON] and [PERSON]'s son left.");
}

/* A possessive written without its apostrophe ("Zephyrines plot") is the
 * name's, capitalised or in a lower-case text; not another word that
 * begins with the name, nor the s-form of a name that is an English word
 * ("Bakers" is the shop's). */
Test(names, possessive_without_apostrophe_recurs)
{
    assert_redacts(
        rs,
        "Dr Zephyrine came. I said I'd water Zephyrines seedlings; I know I saw zephyrines plot.",
        "Dr [PERSON] came. I said I'd water [PERSON] seedlings; I know I saw zephyrines plot.");
    assert_redacts(rs, "tamsin okafor came. water tamsins seedlings, i think.",
                   "[PERSON] came. water [PERSON] seedlings, i think.");
    assert_redacts(rs, "Dr Zephyrine came. Zephyrinex and Zephyrin left.",
                   "Dr [PERSON] came. Zephyrinex and Zephyrin left.");
    assert_redacts(rs, "Tamsin Baker came. Bakers shut.", "[PERSON] came. Bakers shut.");
}

/* Parts found again side by side are one name, not a tag for each word;
 * not across a line's end. */
Test(names, parts_found_again_side_by_side_are_one_name)
{
    assert_redacts(rs, "I met Will Baker. Will Baker left. WILL BAKER, Will\nBaker too.",
                   "I met [PERSON]. [PERSON] left. [PERSON], [PERSON]\n[PERSON] too.");
    /* A long run is one name, offered once (the cost stays linear). */
    assert_redacts(rs, "I met Will Baker. WILL BAKER WILL BAKER WILL BAKER WILL left.",
                   "I met [PERSON]. [PERSON] left.");
}

Test(names, recurrence_does_not_cross_documents)
{
    assert_redacts(rs, "Dr Zephyrine came", "Dr [PERSON] came");
    assert_redacts(rs, "Zephyrine came", "Zephyrine came");
}

Test(names, unaccepted_common_word_does_not_recur)
{
    /* "Will" at the start is not a name, so nothing recurs. */
    assert_redacts(rs, "Will it rain? It will", "Will it rain? It will");
}

/* ---- allow rules and resolution ------------------------------------------- */

Test(names, allow_rule_wins_over_a_name_inside_it)
{
    assert_redacts(rs, "she lives on Vane Court now", "she lives on Vane Court now");
    assert_redacts(rs, "she met Tamsin Vane now", "she met [PERSON] now");
}

Test(names, joined_name_is_one_candidate_of_the_first_rule)
{
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    const char *s = "so Tamsin Okafor";
    cr_assert_eq(hush_matcher_run(m, s, strlen(s), &spans, &err), HUSH_OK);
    cr_assert_eq(spans.n, 1);
    cr_assert_eq(spans.v[0].start, 3);
    cr_assert_eq(spans.v[0].end, strlen(s));
    cr_assert_eq(spans.v[0].rule, rule_index(rs, "given"), "the rule of the first word");
    /* The parts were candidates too, and lost to the longer span. */
    size_t parts = 0;
    for (size_t i = 0; i < m->c.n; i++)
        parts += m->c.v[i].end - m->c.v[i].start == 6;
    cr_assert_geq(parts, 2);
    hush_spans_free(&spans);
    hush_matcher_free(m);
}

/* ---- words no list holds ------------------------------------------------- */

/* A capitalised word that is no English word joins the name beside it. */
Test(names, unknown_capitalised_word_joins_a_found_name)
{
    assert_redacts(rs, "I met Tamsin Zorbanski today", "I met [PERSON] today");
    assert_redacts(rs, "I met Zorbanski today", "I met Zorbanski today");
}

/* A capitalised common word in a speaker label's role note is a role
 * ("Tamsin (Baker):" as "Sue (Practice Mgr):"), not a name. */
Test(names, common_word_in_a_labels_role_note_is_no_name)
{
    assert_redacts(rs, "I said. I went. I know.\nTamsin (Baker): yes\nOrla: no",
                   "I said. I went. I know.\n[PERSON] (Baker): yes\n[PERSON]: no");
}

/* A common word after a name, with a capitalised English word after it,
 * opens a title-case phrase ("the Okafor Baker Centre"), not the name's
 * last word; with none after it, it is the name's ("Tamsin Okafor Baker"). */
Test(names, common_word_opening_a_phrase_after_a_name_is_not_part_of_it)
{
    assert_redacts(rs, "I met Tamsin Okafor Baker Centre staff",
                   "I met [PERSON] Baker Centre staff");
    assert_redacts(rs, "I met Tamsin Okafor Baker today", "I met [PERSON] today");
}

/* A title-case phrase of English words is no name ("the Centre"), but a
 * word that is no English word beside a name is. */
Test(names, unknown_word_lends_no_phrase_veto)
{
    assert_redacts(rs, "so there's Grace Oyelami, who", "so there's [PERSON], who");
}

/* At a sentence start a name-word needs help: an unknown surname after it
 * is enough ("Will Zorbanski said"), an English word is not ("Will you"). */
Test(names, name_word_before_unknown_word_at_sentence_start)
{
    assert_redacts(rs, "Will Zorbanski said so.", "[PERSON] said so.");
    assert_redacts(rs, "Will you come?", "Will you come?");
}

/* In lower-case text a name-word before a surname that is no English word
 * is a given name; before an English word it is not. */
Test(names, lower_case_given_name_before_a_surname)
{
    assert_redacts(rs, "i told grace okafor", "i told [PERSON]");
    assert_redacts(rs, "by the grace of god", "by the grace of god");
}

/* A word that follows names ("said") is no given name before a name in
 * lower-case text, though a list holds it as one: "ciaran said niamh said"
 * is two people speaking, not one called "ciaran said niamh". */
Test(names, name_follower_is_no_given_name_before_a_lower_case_name)
{
    free(tmp_write("common2.txt", "said\ngrace\n"));
    free(tmp_write("given2.txt", "Said\nCiaran\nNiamh\nGrace\n"));
    struct hush_ruleset *set =
        rules_must("words common2.txt\n" CUES PERSON_LIST("given2", "given2.txt"));
    assert_redacts(set, "but ciaran said niamh said she went home",
                   "but [PERSON] said [PERSON] said she went home");
    assert_redacts(set, "then grace niamh came", "then [PERSON] came");
    hush_rules_free(set);
}

/* A speaker who speaks twice makes a common word in the label a name;
 * a label numbered within ("BAKER 1:", as "SECTION 1:" heads a form's
 * part) does not, however often it recurs. */
Test(names, numbered_label_is_a_heading_not_a_speaker)
{
    assert_redacts(rs, "I went. I said. I know. I did.\nBaker: yes\nBaker: no\n",
                   "I went. I said. I know. I did.\n[PERSON]: yes\n[PERSON]: no\n");
    assert_redacts(rs, "I went. I said. I know. I did.\nBAKER 1: yes\nBAKER 2: no\n",
                   "I went. I said. I know. I did.\nBAKER 1: yes\nBAKER 2: no\n");
}

/* A room, a bed or a grade before its number is no part of the name it
 * follows, though a list holds the word as a surname ("Mr Walter Beevers
 * Rm 12", "Band 7"):
 * else every "Rm" of the text would be that person. */
Test(names, room_before_its_number_is_no_part_of_a_name)
{
    free(tmp_write("common3.txt", "rm\nbed\nband\n"));
    free(tmp_write("names3.txt", "Walter\nBeevers\nRm\nBed\nBand\n"));
    struct hush_ruleset *set =
        rules_must("words common3.txt\n" PERSON_LIST("names3", "names3.txt"));
    assert_redacts(set, "I said. I went. I know. then Walter Beevers Rm 12 shouting. Rm 2 slept.",
                   "I said. I went. I know. then [PERSON] Rm 12 shouting. Rm 2 slept.");
    assert_redacts(set, "I said. I went. I know. then Walter Beevers Bed 4 now. Bed 5 empty.",
                   "I said. I went. I know. then [PERSON] Bed 4 now. Bed 5 empty.");
    assert_redacts(set, "I said. I went. I know. handover to Walter Beevers Band 7. Band 6 off.",
                   "I said. I went. I know. handover to [PERSON] Band 7. Band 6 off.");
    hush_rules_free(set);
}

/* Particles join only between names. */
Test(names, particle_joins_between_names)
{
    assert_redacts(rs, "I met Orla ap Quell there", "I met [PERSON] there");
    assert_redacts(rs, "I met Orla van der Quell there", "I met [PERSON] there");
    assert_redacts(rs, "the ap was down", "the ap was down");
}

/* A particle or a function word is never a part that recurs alone. */
Test(names, particles_and_function_words_do_not_recur)
{
    assert_redacts(rs, "I met Orla de Quell, de facto.", "I met [PERSON], de facto.");
}

/* A capitalised word that is no English word and in no list is a name of
 * its own when "and" or "or" joins it to a found name, on either side,
 * whichever rule found that name; an English word there is not, nor is one
 * across a comma. */
Test(names, unknown_word_joined_by_and_to_a_name_is_a_name)
{
    assert_redacts(rs, "the new ones, Zorbanski and Tamsin.",
                   "the new ones, [PERSON] and [PERSON].");
    assert_redacts(rs, "Tamsin or Zorbanski will", "[PERSON] or [PERSON] will");
    assert_redacts(rs, "Tamsin & Zorbanski came", "[PERSON] & [PERSON] came");
    assert_redacts(rs, "Tamsin and Centre", "[PERSON] and Centre");
    assert_redacts(rs, "Zorbanski, and Tamsin", "Zorbanski, and [PERSON]");
    assert_redacts(rs, "Zorbanski and the Tamsin", "Zorbanski and the [PERSON]");
    assert_redacts(rs, "then Dr Quillon and Zorbanski came", "then Dr [PERSON] and [PERSON] came");
}

/* A function word is never a name, even where a regex of a names rule
 * reads it as one. */
Test(names, function_word_is_no_name_from_a_regex_either)
{
    assert_redacts(rs, "and Dr But then", "and Dr But then");
    assert_redacts(rs, "and Dr Quillon then", "and Dr [PERSON] then");
}

/* A rule that needs a name word finds no identifier made only of common
 * words that no names list holds ("Centre:", "Ward Baker:"), nor a label
 * of common words that labels one line only ("Hope:"), but one with an
 * unknown word ("Zorbanski:"), and a label of common words that labels
 * another line too, as a speaker's does. */
Test(names, rule_that_needs_a_name_word)
{
    struct hush_ruleset *set = rules_must("words common.txt\n"
                                          "rule given\n  category PERSON\n  kind names\n"
                                          "  list given.txt\n  reason Given names.\n"
                                          "rule label\n  category PERSON\n  kind names\n"
                                          "  context (?m)^(\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)?):\n"
                                          "  needs name-word\n  reason Labels.\n");
    assert_redacts(set, "Centre: one\nWard Baker: two\nHope: yes\nZorbanski: no\n",
                   "Centre: one\nWard Baker: two\nHope: yes\n[PERSON]: no\n");
    assert_redacts(set, "Hope: yes\nHope: no\n", "[PERSON]: yes\n[PERSON]: no\n");
    /* A field whose value was redacted reads as it did before. */
    assert_redacts(set, "Hope: [PERSON]\n", "Hope: [PERSON]\n");
    assert_redacts(set, "Centre: one\nCentre: two\n", "[PERSON]: one\n[PERSON]: two\n");
    hush_rules_free(set);
    /* Short capitals labelling one line are a field ("SH: lives alone");
     * labelling several, a speaker's initials. */
    set = rules_must("rule label\n  category PERSON\n  kind names\n"
                     "  context (?m)^([A-Z]{2,3}):\n  needs name-word\n  reason Labels.\n");
    assert_redacts(set, "QX: lives alone\n", "QX: lives alone\n");
    assert_redacts(set, "QX: yes\nQX: no\n", "[PERSON]: yes\n[PERSON]: no\n");
    hush_rules_free(set);
    /* A template's field said at each visit ends as an abstract noun. */
    free(tmp_write("w5.txt", "bathing\nbomber\n"));
    set = rules_must("words w5.txt\nrule given\n  category PERSON\n  kind names\n"
                     "  list given.txt\n  reason Given names.\n"
                     "rule label\n  category PERSON\n  kind names\n"
                     "  context (?m)^(\\p{Lu}\\p{Ll}+):\n  needs name-word\n  reason Labels.\n");
    assert_redacts(set, "Bathing: bath\nBomber: aye\nBathing: shower\nBomber: no\n",
                   "Bathing: bath\n[PERSON]: aye\nBathing: shower\n[PERSON]: no\n");
    hush_rules_free(set);
    /* Without it, the label is a name. */
    struct hush_ruleset *plain = rules_must("words common.txt\n"
                                            "rule label\n  category PERSON\n  kind names\n"
                                            "  context (?m)^(\\p{Lu}\\p{Ll}+):\n"
                                            "  reason Labels.\n");
    assert_redacts(plain, "Centre: one\n", "[PERSON]: one\n");
    hush_rules_free(plain);
}

/* A title inside a found name ("DR QUELL:" as a label) is not looked for
 * again: "Dr" elsewhere is another person's title. */
Test(names, a_title_in_a_name_does_not_recur)
{
    struct hush_ruleset *set = rules_must("words common.txt\n"
                                          "rule label\n  category PERSON\n  kind names\n"
                                          "  context (?m)^(\\p{Lu}+ \\p{Lu}+):\n"
                                          "  reason Labels.\n");
    assert_redacts(set, "DR QUELL: so Dr Zorbanski came", "[PERSON]: so Dr Zorbanski came");
    hush_rules_free(set);
}

/* A text that capitalises "I" capitalises names: there a list name in
 * lower case is a word.  In an all-lower-case text case says nothing, and
 * it is a name; so it is in a text that hardly says "I", unless its few
 * sentence openings are all capitalised. */
Test(names, lower_case_list_name_is_a_word_only_in_a_cased_text)
{
    assert_redacts(rs, "I met them, I sat, I'm sure I left. So the quell was on, and Tamsin came.",
                   "I met them, I sat, I'm sure I left. So the quell was on, and [PERSON] came.");
    assert_redacts(rs, "i met them, i sat, i'm sure i left. so the quell was on, and tamsin came.",
                   "i met them, i sat, i'm sure i left. so the [PERSON] was on, and [PERSON] "
                   "came.");
    assert_redacts(rs, "I met them. So the quell was on.", "I met them. So the [PERSON] was on.");
    /* Terse notes: a few sentences opening in capitals, and none in lower
     * case, tell as the pronoun would. */
    assert_redacts(rs, "Bed 4. The son left. She rang. So the quell was on.",
                   "Bed 4. The son left. She rang. So the quell was on.");
}

/* A log or a list hardly writes a sentence or says "I", but it does write
 * names: eight or more capitalised that only lists of names hold, and at
 * most one in eight of them in lower case, make it a text that
 * capitalises, where a rule for texts written in lower case does not
 * apply; seven do not, nor eight with two in lower case. */
Test(names, many_capitalised_names_and_few_lower_make_a_log_cased)
{
    struct hush_ruleset *set = rules_must("words common.txt\n" NAME_LISTS "rule lower-ward\n"
                                          "  category TEAM\n"
                                          "  regex \\b\\p{Ll}+ ward\\b\n"
                                          "  texts lower-case\n"
                                          "  reason A ward typed in lower case.\n");
    assert_redacts(set,
                   "Seen: Tamsin Okafor, Orla Vane, Tamsin Quell, Orla Okafor. Rang fern ward.",
                   "Seen: [PERSON], [PERSON], [PERSON], [PERSON]. Rang fern ward.");
    assert_redacts(set, "Seen: Tamsin Okafor, Orla Vane, Tamsin Quell, Orla. Rang fern ward.",
                   "Seen: [PERSON], [PERSON], [PERSON], [PERSON]. Rang [TEAM].");
    assert_redacts(
        set, "Seen: Tamsin Okafor, Orla Quell, Tamsin Quell, Orla Okafor. Rang fern ward; vane.",
        "Seen: [PERSON], [PERSON], [PERSON], [PERSON]. Rang fern ward; vane.");
    assert_redacts(
        set,
        "Seen: Tamsin Okafor, Orla Quell, Tamsin Quell, Orla Okafor. Rang fern ward; vane, vane.",
        "Seen: [PERSON], [PERSON], [PERSON], [PERSON]. Rang [TEAM]; [PERSON], [PERSON].");
    /* Redacted, the names are tags that count as capitalised names. */
    assert_redacts(set, "Seen: [PERSON], [PERSON], [PERSON]. Rang fern ward.",
                   "Seen: [PERSON], [PERSON], [PERSON]. Rang fern ward.");
    hush_rules_free(set);
}

/* Speech recognition capitalises I but writes names as it hears them:
 * where most of the names that are no English word stand in lower case
 * (at least six, twice those capitalised), case says nothing, whatever the
 * pronoun; fewer, and a lower-case list name is still a word.  Names in
 * addresses do not count. */
Test(names, lower_case_names_outnumbering_capitals_make_a_lower_case_text)
{
    assert_redacts(
        rs,
        "I rang tamsin. I said orla, okafor and quell came. I think tamsin, vane and "
        "orla did. Tamsin came.",
        "I rang [PERSON]. I said [PERSON], [PERSON] and [PERSON] came. I think [PERSON], "
        "[PERSON] and [PERSON] did. [PERSON] came.");
    assert_redacts(rs,
                   "I rang orla. I said vane and okafor came. I think Tamsin did. So the quell.",
                   "I rang orla. I said vane and okafor came. I think [PERSON] did. So the quell.");
    assert_redacts(rs,
                   "I wrote to orla.vane@ and okafor.vane@ and orla_okafor, I said. So the quell.",
                   "I wrote to orla.vane@ and okafor.vane@ and orla_okafor, I said. So the quell.");
}

/* Redacting turns capitalised names into tags; a tag counts as three of
 * them, so that the text redacted is not judged lower case where its
 * original was not, and redacting it again changes nothing more. */
Test(names, a_redacted_text_keeps_the_judgement_of_its_case)
{
    free(tmp_write("more.txt", "Zindzi\nBryony\nKerensa\nOttoline\nPeregrine\n"));
    struct hush_ruleset *set = rules_must(PERSON_LIST("more", "more.txt") NAME_LISTS);
    /* Six in lower case, four capitalised (fewer than twice): cased. */
    const char *text =
        "I rang zindzi, I met bryony, I saw kerensa, ottoline, peregrine and zindzi. "
        "I said Tamsin, Orla, Okafor and Quell came.";
    char *once = redact(set, text);
    cr_assert_str_eq(once, "I rang zindzi, I met bryony, I saw kerensa, ottoline, peregrine and "
                           "zindzi. I said [PERSON], [PERSON], [PERSON] and [PERSON] came.");
    assert_redacts(set, once, once);
    free(once);
    hush_rules_free(set);
    /* So does a tag of words that replaced names ("[PLACE]" for
     * "Ottoline Court"): six in lower case against four capitalised, still
     * cased once the four are tags. */
    free(tmp_write("courts.txt", "Ottoline Court\n"));
    set = rules_must(
        "word-tags PERSON PLACE\n"
        "rule courts\n  category PLACE\n  list courts.txt\n  reason Places.\n" PERSON_LIST(
            "more", "more.txt") NAME_LISTS);
    text = "I rang zindzi, I met bryony, I saw kerensa, peregrine and zindzi, zindzi. I went to "
           "Ottoline Court, Ottoline Court, Ottoline Court and Ottoline Court.";
    once = redact(set, text);
    cr_assert_str_eq(once, "I rang zindzi, I met bryony, I saw kerensa, peregrine and zindzi, "
                           "zindzi. I went to [PLACE], [PLACE], [PLACE] and [PLACE].");
    assert_redacts(set, once, once);
    free(once);
    hush_rules_free(set);
}

/* Redacting turns a run of capitalised names, however long, into one tag,
 * which counts as three; so the run counts as three at most before it is
 * redacted (a particle or a word in capitals does not break a run), and a
 * text of eight such names side by side and one in lower
 * case after them is judged as its redacted form is: not cased, the lower
 * case one a name too. */
Test(names, a_run_of_capitalised_names_counts_as_the_tag_it_becomes)
{
    const char *text = "Tamsin Orla Okafor Quell Tamsin Orla Okafor Quell vane";
    char *once = redact(rs, text);
    cr_assert_str_eq(once, "[PERSON]");
    assert_redacts(rs, once, once);
    free(once);
    /* A particle or a word in capitals inside the run does not break it. */
    once = redact(rs, "Tamsin Orla de Okafor Quell Tamsin QUELL Orla Okafor Quell vane");
    assert_redacts(rs, once, once);
    free(once);
    /* Apart, the eight are eight, and the text a cased log. */
    assert_redacts(rs, "Tamsin, Orla, Okafor, Quell, Tamsin, Orla, Okafor, Quell. vane",
                   "[PERSON], [PERSON], [PERSON], [PERSON], [PERSON], [PERSON], [PERSON], "
                   "[PERSON]. vane");
}

/* Initials given to a name in brackets ("Tamsin Okafor (TO)") are that
 * person wherever they recur in capitals; initials that do not match the
 * name, or that stand alone, are not. */
Test(names, bracketed_initials_are_the_name_where_they_recur)
{
    assert_redacts(rs, "Present: Tamsin Okafor (TO), chair. Action: TO to refer. TO's call.",
                   "Present: [PERSON] ([PERSON]), chair. Action: [PERSON] to refer. [PERSON]'s "
                   "call.");
    assert_redacts(rs, "Present: Tamsin Okafor (XY), chair. Action: XY to refer.",
                   "Present: [PERSON] (XY), chair. Action: XY to refer.");
    assert_redacts(rs, "Action: TO to refer.", "Action: TO to refer.");
    /* A nickname may stand between the given name and the surname, and the
     * name found may be the surname alone: the first initial is then that
     * of a word just before it that is no English word. */
    assert_redacts(rs, "Present: Zindzi \"Zee\" Okafor (ZO). ZO to refer.",
                   "Present: Zindzi \"Zee\" [PERSON] ([PERSON]). [PERSON] to refer.");
    assert_redacts(rs, "the Centre Okafor (CO). CO to refer.",
                   "the Centre [PERSON] (CO). CO to refer.");
}

/* In a text written in lower case, a phrase of common words that a list
 * holds has, after a preposition of place, the evidence a capital gives
 * elsewhere ("went into stepping hill"); a phrase that begins with "the"
 * ("in the park") and one without the preposition do not. */
Test(names, lower_case_phrase_after_a_preposition_of_place)
{
    free(tmp_write("w5.txt", "stepping\nhill\npark\nwent\ninto\nthe\nin\nat\n"));
    free(tmp_write("f5.txt", "the\nin\nat\ninto\n"));
    free(tmp_write("h5.txt", "Stepping Hill\nThe Park\n"));
    struct hush_ruleset *set = rules_must("words w5.txt\nfunction-words f5.txt\n"
                                          "rule h\n  category TRUST\n  list h5.txt\n"
                                          "  reason Sites.\n");
    assert_redacts(set, "so mam went into stepping hill and sat in the park. ok",
                   "so mam went into [TRUST] and sat in the park. ok");
    assert_redacts(set, "so mam went stepping hill walking. ok",
                   "so mam went stepping hill walking. ok");
    /* Where the text capitalises I, lower case says they are words. */
    assert_redacts(set, "I went into stepping hill. I did. I know. I said.",
                   "I went into stepping hill. I did. I know. I said.");
    hush_rules_free(set);
}

/* A list's abbreviation of capitals joined by an ampersand ("N&N") is one
 * after "the", though its letters are initials that need evidence; not
 * without "the" ("L&D" is also liaison and diversion), nor in lower case. */
Test(names, ampersand_abbreviation_after_the_has_evidence)
{
    free(tmp_write("w7.txt", "the\nwas\nbusy\nand\nn\nup\nso\nwith\n"));
    free(tmp_write("t7.txt", "N&N\n"));
    struct hush_ruleset *set =
        rules_must("words w7.txt\nrule t\n  category TRUST\n  list t7.txt\n  reason Sites.\n");
    assert_redacts(set, "So I went up the N&N. It was busy.",
                   "So I went up the [TRUST] It was busy.");
    assert_redacts(set, "So I went with N&N. It was busy.", "So I went with N&N. It was busy.");
    assert_redacts(set, "So I went up the n&n. It was busy.", "So I went up the n&n. It was busy.");
    hush_rules_free(set);
}

/* In a text written in lower case, a word that a list of names and a list
 * of places both hold is the place after "to", "in", "at", "into" or
 * "from", though the names rule comes first and wins a tie elsewhere. */
Test(names, lower_case_place_and_surname_after_a_preposition_is_the_place)
{
    free(tmp_write("w6.txt", "went\nto\nand\nsat\nso\nmam\nsaw\nok\n"));
    free(tmp_write("s6.txt", "Preston\n"));
    free(tmp_write("p6.txt", "Preston\n"));
    struct hush_ruleset *set = rules_must(
        "words w6.txt\n" PERSON_LIST("s", "s6.txt") "rule p\n  category PLACE\n  list p6.txt\n"
                                                    "  reason Places.\n");
    assert_redacts(set, "so mam went to preston and sat. ok", "so mam went to [PLACE] and sat. ok");
    assert_redacts(set, "so mam saw preston and sat. ok", "so mam saw [PERSON] and sat. ok");
    hush_rules_free(set);
}

/* A list of those present gives each one's initials in brackets after a
 * role, on the name's line: they are the initials of the name's last words
 * (after a title a list takes in too), and recur as the person.  Initials
 * on another line, or that are not the name's, are not. */
Test(names, initials_later_on_the_name_line_are_the_person)
{
    assert_redacts(rs, "Present:\nTamsin Vane Okafor - Chaplain, sessional (VO)\nVO to call.",
                   "Present:\n[PERSON] - Chaplain, sessional ([PERSON])\n[PERSON] to call.");
    assert_redacts(rs, "Present:\nTamsin Okafor - Chaplain\n(TX) TX to call.",
                   "Present:\n[PERSON] - Chaplain\n(TX) TX to call.");
    assert_redacts(rs, "Present:\nTamsin Okafor - Chaplain (XO). XO to call.",
                   "Present:\n[PERSON] - Chaplain (XO). XO to call.");
}

/* A list entry made only of common words ("NHS Fife": NHS and fife are both
 * in wbritish) needs evidence like one common word: written in capitals
 * from its first word on, it has it. */
Test(names, common_word_phrase_in_capitals_from_its_first_word_is_found)
{
    free(tmp_write("words.txt", "nhs\nfife\nthe\nhigh\nat\non\n"));
    free(tmp_write("orgs.txt", "NHS Fife\nThe High\n"));
    struct hush_ruleset *set = rules_must("words words.txt\n"
                                          "rule orgs\n  category TRUST\n  list orgs.txt\n"
                                          "  reason Boards.\n");
    assert_redacts(set, "I was at NHS Fife then.", "I was at [TRUST] then.");
    assert_redacts(set, "on the High Street", "on the High Street");
    assert_redacts(set, "it was nhs fife then", "it was nhs fife then");
    hush_rules_free(set);
}

/* Minutes name people in full, then act on their initials: the initials of
 * a name of two or three words recur as that person, but not where they
 * are one of the rule set's acronyms, nor where they spell a word in a
 * passage written in capitals. */
Test(names, initials_made_from_a_name_recur_as_the_person)
{
    assert_redacts(rs, "Present: Tamsin Quell, Orla Vane.\nTQ to call. OV and TQ agreed.",
                   "Present: [PERSON], [PERSON].\n[PERSON] to call. [PERSON] and [PERSON] agreed.");
    /* An initial and a surname make initials too. */
    assert_redacts(rs, "Crew: R. Okafor attended. Given by RO at 20:14.",
                   "Crew: [PERSON] attended. Given by [PERSON] at 20:14.");
    free(tmp_write("g.txt", "Gary\nWill\nAda\n"));
    free(tmp_write("s.txt", "Price\nOkafor\nFinch\n"));
    free(tmp_write("acr.txt", "GP\nAF\n"));
    free(tmp_write("ctx.txt", "AO\n"));
    struct hush_ruleset *set = rules_must("words common.txt\nacronyms acr.txt\n"
                                          "context-acronyms ctx.txt\n"
                                          "rule g\n  category PERSON\n  kind names\n"
                                          "  list g.txt\n  reason Given.\n"
                                          "rule s\n  category PERSON\n  kind names\n"
                                          "  list s.txt\n  reason Surnames.\n");
    assert_redacts(set, "Gary Price said the GP would call.", "[PERSON] said the GP would call.");
    /* Nor a condition a history lists. */
    assert_redacts(set, "Crew: Ada Finch. Background AF, rate 110.",
                   "Crew: [PERSON]. Background AF, rate 110.");
    /* The rule set's acronyms list says which; its context acronyms, which
     * patterns exclude, are initials still when a name makes them. */
    assert_redacts(set, "Crew: Ada Okafor. Given by AO at 20:14.",
                   "Crew: [PERSON]. Given by [PERSON] at 20:14.");
    hush_rules_free(set);
    /* Initials that spell a word are hers in capitals among lower case. */
    free(tmp_write("w2.txt", "at\nlook\nthat\n"));
    free(tmp_write("g2.txt", "Akosua\n"));
    free(tmp_write("s2.txt", "Thompson\n"));
    set =
        rules_must("words w2.txt\n"
                   "rule g\n  category PERSON\n  kind names\n  list g2.txt\n  reason Given.\n"
                   "rule s\n  category PERSON\n  kind names\n  list s2.txt\n  reason Surnames.\n");
    assert_redacts(set, "Present: Akosua Thompson.\nAT to call, with AT there. LOOK AT THAT.",
                   "Present: [PERSON].\n[PERSON] to call, with [PERSON] there. LOOK AT THAT.");
    /* Beside other initials in capitals they are still hers ("AT/TQ"). */
    assert_redacts(set, "Present: Akosua Thompson.\nAT/TQ to call.",
                   "Present: [PERSON].\n[PERSON]/TQ to call.");
    hush_rules_free(set);
    /* A capital outside ASCII makes initials too ("Éamon Quell" is ÉQ). */
    free(tmp_write("g3.txt", "Éamon\n"));
    free(tmp_write("s3.txt", "Quell\n"));
    set =
        rules_must("rule g\n  category PERSON\n  kind names\n  list g3.txt\n  reason Given.\n"
                   "rule s\n  category PERSON\n  kind names\n  list s3.txt\n  reason Surnames.\n");
    assert_redacts(set, "Present: Éamon Quell.\nÉQ to call.",
                   "Present: [PERSON].\n[PERSON] to call.");
    hush_rules_free(set);
}

/* An allow list entry is a generic term, but after a title the word is a
 * person ("Mrs Holland", not the country). */
Test(names, allowed_word_after_a_title_is_a_name)
{
    free(tmp_write("countries.txt", "Holland\n"));
    free(tmp_write("sur.txt", "Holland\n"));
    free(tmp_write("plain.txt", "mrs\ni\nsaw\nand\nwe\nflew\nto\nmiss\nknow\n"));
    struct hush_ruleset *set = rules_must("words plain.txt\n"
                                          "rule titled\n  category PERSON\n  kind names\n"
                                          "  context \\bMrs\\.?\\s+(\\p{Lu}\\p{Ll}+)\n"
                                          "  reason Titled.\n"
                                          "rule s\n  category PERSON\n  kind names\n"
                                          "  list sur.txt\n  reason Surnames.\n"
                                          "allow countries\n  list countries.txt\n"
                                          "  reason Countries.\n");
    assert_redacts(set, "I saw Mrs Holland and Mrs. Holland.",
                   "I saw Mrs [PERSON] and Mrs. [PERSON].");
    assert_redacts(set, "we flew to Holland", "we flew to Holland");
    /* A comma ends the title's reach: no Dr Holland here. */
    assert_redacts(set, "we saw a doctor, Holland-born, and", "we saw a doctor, Holland-born, and");
    /* Where the text capitalises, a title is capitalised: "miss" is the
     * verb. */
    assert_redacts(set, "I know I miss Holland, I know I do.",
                   "I know I miss Holland, I know I do.");
    hush_rules_free(set);
}

/* In a text written in lower case, a name's common-word part is the person
 * again where it stands beside another part ("grace baker" again), though
 * alone it stays a word ("grace" before a meal). */
Test(names, lower_case_full_name_recurs_in_a_lower_case_text)
{
    assert_redacts(rs, "we met Grace Baker. then grace baker said grace",
                   "we met [PERSON]. then [PERSON] said grace");
    /* Where the text capitalises I, lower case says they are words. */
    assert_redacts(rs, "I met Grace Baker. I know I said I saw grace baker",
                   "I met [PERSON]. I know I said I saw grace baker");
}

/* Notes that hardly say "I" but open their sentences with capitals are
 * cased too: there a name's common-word parts in lower case stay words,
 * even side by side ("Grace Baker" named, then "grace baker" in a
 * sentence).  Written all in lower case, the same notes make them the
 * person again. */
Test(names, notes_without_the_pronoun_are_judged_by_their_sentences)
{
    const char *notes = "We met Grace Baker. She said grace baker was fine. The day went well. "
                        "The tea was hot. She slept. He rang. The end. She left. It rained.";
    assert_redacts(rs, notes,
                   "We met [PERSON]. She said grace baker was fine. The day went well. "
                   "The tea was hot. She slept. He rang. The end. She left. It rained.");
    assert_redacts(rs, "met Grace Baker. she said grace baker was fine. the day went well.",
                   "met [PERSON]. she said [PERSON] was fine. the day went well.");
}

/* In a text written in lower case, a common-word name just after a word
 * for someone, and followed by a pause or what is said of them, is that
 * person's name ("me sister grace she", "the manager bill he's"); a modal
 * verb, or a verb after such a word, is not ("my son will ring", "my sister
 * hopes"). */
Test(names, relative_before_a_lower_case_name_is_evidence)
{
    assert_redacts(rs, "well me sister grace she came. my son will ring. my sister hopes. ok",
                   "well me sister [PERSON] she came. my son will ring. my sister hopes. ok");
    /* "will" after a relative is the verb even before a pause. */
    assert_redacts(rs, "well her son will, she thinks. ok", "well her son will, she thinks. ok");
    /* A listed name that reads as a verb before a pause is the verb. */
    free(tmp_write("w3.txt", "knows\n"));
    free(tmp_write("g3.txt", "Knows\n"));
    struct hush_ruleset *set =
        rules_must("words w3.txt\n" CUES
                   "rule g\n  category PERSON\n  kind names\n  list g3.txt\n  reason Given.\n");
    assert_redacts(set, "well my mum knows. ok", "well my mum knows. ok");
    assert_redacts(set, "well my mum knows she said. ok", "well my mum [PERSON] she said. ok");
    hush_rules_free(set);
    /* A tag after it stood for a name, not a pause: redacting again
     * changes nothing. */
    assert_redacts(rs, "well me sister grace [PERSON] she came. ok",
                   "well me sister grace [PERSON] she came. ok");
    /* Where the text capitalises I, lower case says it is a word. */
    assert_redacts(rs, "I know I said me sister grace she came. I did, I did",
                   "I know I said me sister grace she came. I did, I did");
    /* Words for who someone is at work or to the speaker, and "called". */
    assert_redacts(rs, "so the manager rose he's kind and a lass called grace she came. ok",
                   "so the manager [PERSON] he's kind and a lass called [PERSON] she came. ok");
    /* A modal before a pronoun is the name: "will he lives". */
    assert_redacts(rs, "well me brother will he lives down south. ok",
                   "well me brother [PERSON] he lives down south. ok");
    /* "our" before a name with a possessive or a pronoun; "our hope is",
     * "our joy was" are the words. */
    assert_redacts(rs, "it was our rose's birthday and our grace she came. ok",
                   "it was our [PERSON]'s birthday and our [PERSON] she came. ok");
    assert_redacts(rs, "well our hope is that our joy was real. our hope. ok",
                   "well our hope is that our joy was real. our hope. ok");
    /* After "that's" or "it's", a pronoun must follow. */
    assert_redacts(rs, "ok so that's grace she's here and that's hope for you. ok",
                   "ok so that's [PERSON] she's here and that's hope for you. ok");
    assert_redacts(rs, "ok her name's rose she's lovely, my team lead grace took it. ok",
                   "ok her name's [PERSON] she's lovely, my team lead [PERSON] took it. ok");
    /* A word for someone after another is no name ("my eldest son,"). */
    free(tmp_write("w4.txt", "son\n"));
    free(tmp_write("g4.txt", "Son\n"));
    struct hush_ruleset *kin =
        rules_must("words w4.txt\n" CUES
                   "rule g\n  category PERSON\n  kind names\n  list g4.txt\n  reason Given.\n");
    assert_redacts(kin, "well my eldest son, he came. ok", "well my eldest son, he came. ok");
    hush_rules_free(kin);
    /* A verb that is also a listed name: "my friend said." */
    assert_redacts(rs, "well my friend said. ok", "well my friend said. ok");
    /* "back" and "round" after "called" are the verb's, though listed. */
    free(tmp_write("w5.txt", "back\nround\n"));
    free(tmp_write("g5.txt", "Back\nRound\nGrace\n"));
    struct hush_ruleset *adv =
        rules_must("words w5.txt\n" CUES
                   "rule g\n  category PERSON\n  kind names\n  list g5.txt\n  reason Given.\n");
    assert_redacts(adv, "well the nurse called back, so. a lass called round, so. ok",
                   "well the nurse called back, so. a lass called round, so. ok");
    assert_redacts(adv, "well the nurse called grace, so. ok",
                   "well the nurse called [PERSON], so. ok");
    hush_rules_free(adv);
}

/* In a text written in lower case, a common-word name whose possessive
 * comes before a word for someone ("rose's mum"), or that the speaker pairs
 * with herself ("me and grace have", "hope and me"), is a name; and a name
 * so found is that person again wherever the word stands, except after a
 * determiner, a subject pronoun, or "to" with an object after it. */
Test(names, kin_and_pairing_are_evidence_and_the_name_recurs)
{
    assert_redacts(rs, "well rose's mum rang. then rose came. by the rose bed. ok",
                   "well [PERSON]'s mum rang. then [PERSON] came. by the rose bed. ok");
    assert_redacts(rs, "ok me and grace have been. the grace of god. i grace it. ok",
                   "ok me and [PERSON] have been. the grace of god. i grace it. ok");
    assert_redacts(rs, "ok hope and me went. i hope so. ok",
                   "ok [PERSON] and me went. i hope so. ok");
    /* After "me and", what she calls me is no one ("with me and grace
     * when"); nor is "the rose's mum". */
    assert_redacts(rs, "ok she is cross with me and grace when she forgets. the rose's mum. ok",
                   "ok she is cross with me and grace when she forgets. the rose's mum. ok");
    /* A modal found so is the verb elsewhere. */
    assert_redacts(rs, "ok me and will have been. she will come. ok",
                   "ok me and [PERSON] have been. she will come. ok");
    free(tmp_write("w5.txt", "mark\nsaid\n"));
    free(tmp_write("g5.txt", "Mark\nSaid\n"));
    struct hush_ruleset *set =
        rules_must("words w5.txt\n" CUES
                   "rule g\n  category PERSON\n  kind names\n  list g5.txt\n  reason Given.\n");
    /* "to" before a verb that takes an object: "to mark it". */
    assert_redacts(
        set, "well me sister mark she came. i have to mark it. we went to mark later. ok",
        "well me sister [PERSON] she came. i have to mark it. we went to [PERSON] later. "
        "ok");
    /* A word that begins what is said of someone is the verb after a word
     * for someone. */
    assert_redacts(set, "well my friend said she knew. ok", "well my friend said she knew. ok");
    hush_rules_free(set);
}

/* A name that is also a modal verb, found once, is the verb again where
 * it opens a sentence before a verb ("Will send husband Thu."), but the
 * name before what is said of a person, an auxiliary or "to" ("Will said",
 * "Will will collect", "Will to do stairs"); in lower case never. */
Test(names, a_modal_name_opening_a_sentence_before_a_verb_is_the_verb)
{
    assert_redacts(
        rs, "Will Okafor rang. Will send husband Thu. Will said so. Will will collect.",
        "[PERSON] rang. Will send husband Thu. [PERSON] said so. [PERSON] will collect.");
    assert_redacts(rs, "Will Okafor rang. Will to do stairs. Will wants tea.",
                   "[PERSON] rang. [PERSON] to do stairs. [PERSON] wants tea.");
}

/* A name that is also a word, found once, is the verb again where it opens
 * a sentence before an object pronoun ("Mark me down", "Grace us with it"),
 * but the name before anything else ("Grace rang me"). */
Test(names, a_name_opening_a_sentence_before_an_object_pronoun_is_the_verb)
{
    assert_redacts(rs,
                   "Grace Okafor rang. Fine. Grace us with it. Hope Quell too. Hope that helps. "
                   "Grace rang me.",
                   "[PERSON] rang. Fine. Grace us with it. [PERSON] too. Hope that helps. "
                   "[PERSON] rang me.");
}

/* The words for someone and the words after a name are the rule set's
 * (person-words, name-followers), not the engine's: without them a
 * lower-case common name has no such evidence, and a study may add its
 * own ("bampi", a Welsh grandfather). */
Test(names, words_for_someone_come_from_the_rule_set)
{
#define GIVEN_ONLY                                                                                 \
    "words common.txt\nfunction-words function.txt\n"                                              \
    "rule given\n  category PERSON\n  kind names\n  list given.txt\n  reason Given names.\n"
    struct hush_ruleset *bare = rules_must(GIVEN_ONLY);
    assert_redacts(bare, "well me sister grace she came. ok", "well me sister grace she came. ok");
    hush_rules_free(bare);
    free(tmp_write("person2.txt", "bampi\n"));
    free(tmp_write("followers2.txt", "she\nphoned\nis\n"));
    struct hush_ruleset *welsh =
        rules_must("person-words person2.txt\nname-followers followers2.txt\n" GIVEN_ONLY);
#undef GIVEN_ONLY
    assert_redacts(welsh, "well me bampi rose is here and me sister grace she came. ok",
                   "well me bampi [PERSON] is here and me sister grace she came. ok");
    /* A follower that is a function word is not enough after "our". */
    assert_redacts(welsh, "well our hope phoned. ok", "well our [PERSON] phoned. ok");
    assert_redacts(welsh, "well our hope is gone. ok", "well our hope is gone. ok");
    hush_rules_free(welsh);
}

/* Once a full name is accepted, its parts alone are that person even where
 * an allow list holds them as generic terms ("Roma" after "Roma Quell");
 * an allow regex that reads the context still wins. */
Test(names, a_named_persons_part_beats_an_allow_list)
{
    free(tmp_write("given2.txt", "Roma\n"));
    free(tmp_write("terms.txt", "Roma\n"));
    struct hush_ruleset *set = rules_must("rule g\n  category PERSON\n  kind names\n"
                                          "  list given2.txt\n  reason Given.\n"
                                          "rule s\n  category PERSON\n  kind names\n"
                                          "  list surnames.txt\n  reason Surnames.\n"
                                          "allow terms\n  list terms.txt\n  reason Peoples.\n");
    assert_redacts(set, "we met Roma Quell. Roma said so.", "we met [PERSON]. [PERSON] said so.");
    assert_redacts(set, "the Roma said so.", "the Roma said so.");
    /* The words found again are read apart from the runs they make up. */
    assert_redacts(set, "then Roma said. we met Roma Quell.",
                   "then [PERSON] said. we met [PERSON].");
    hush_rules_free(set);
}

/* In a text written in lower case, a one-word name that a rule found by its
 * context ("rose:" labelling what she says) is that person wherever the
 * word stands again; a word a list alone took for a name is not, and
 * neither is a capitalised label's word where it stands in lower case. */
Test(names, lower_case_label_name_recurs_in_a_lower_case_text)
{
    struct hush_ruleset *set = rules_must("words common.txt\n"
                                          "rule label\n  category PERSON\n  kind names\n"
                                          "  context (?m)^(?!int:)(\\p{L}+):\n  reason A label.\n"
                                          "rule given\n  category PERSON\n  kind names\n"
                                          "  list given.txt\n  reason Given names.\n");
    assert_redacts(set, "int: and rose what then\nrose: may came by",
                   "int: and [PERSON] what then\n[PERSON]: may came by");
    assert_redacts(set, "Rose: the centre\nint: a rose by the ward",
                   "[PERSON]: the centre\nint: a rose by the ward");
    hush_rules_free(set);
}

/* A word an allow list holds lends a word beside it no evidence: "Last
 * Ramadan" is no person though both words are surnames; beside a name that
 * is no allowed word, it may still be part of a name. */
Test(names, an_allowed_word_lends_no_evidence_to_its_neighbour)
{
    free(tmp_write("words3.txt", "last\nramadan\nwe\nate\ncame\n"));
    free(tmp_write("sur3.txt", "Last\nRamadan\nOkafor\n"));
    free(tmp_write("feasts.txt", "Ramadan\n"));
    struct hush_ruleset *set = rules_must("words words3.txt\n"
                                          "rule s\n  category PERSON\n  kind names\n"
                                          "  list sur3.txt\n  reason Surnames.\n"
                                          "allow feasts\n  list feasts.txt\n  reason Feasts.\n");
    assert_redacts(set, "Last Ramadan we ate.", "Last Ramadan we ate.");
    assert_redacts(set, "Ramadan Okafor came.", "[PERSON] came.");
    hush_rules_free(set);
}

/* A surname cut to its initial is part of the name it follows, where the
 * name is found and where it recurs ("Rose Q" again at a sentence start,
 * where the word name is found only as a part of hers); not "I" or "A", nor
 * a capital before an ampersand ("R&D"). */
Test(names, an_initial_after_a_name_is_its_surname)
{
    assert_redacts(rs, "Orla Q: thanks. I met Tamsin V re the visit.",
                   "[PERSON]: thanks. I met [PERSON] re the visit.");
    assert_redacts(rs, "I saw Rose Q yesterday. Rose Q rang.",
                   "I saw [PERSON] yesterday. [PERSON] rang.");
    assert_redacts(rs, "I told Tamsin I would. I met Tamsin A lot.",
                   "I told [PERSON] I would. I met [PERSON] A lot.");
    assert_redacts(rs, "I met Tamsin R&D staff.", "I met [PERSON] R&D staff.");
}

/* A listed name that is also a word, at a sentence start where it needs
 * more evidence, is a name when "and" joins it to a found name, and again
 * where it recurs; not when the word it is joined to is none. */
Test(names, a_word_name_joined_to_a_name_is_one)
{
    assert_redacts(rs, "The day was long. Rose and Tamsin came. It rained. Rose left.",
                   "The day was long. [PERSON] and [PERSON] came. It rained. [PERSON] left.");
    assert_redacts(rs, "The day was long. Rose and rain came.",
                   "The day was long. Rose and rain came.");
}

/* An English word in no list, capitalised in mid-sentence just after a
 * found name of one word, is its surname, and recurs as one; not in lower
 * case, not a plural, not before another capitalised word, not after a name
 * that a list of places also holds, nor after two names. */
Test(names, a_capitalised_word_after_a_name_is_its_surname)
{
    free(tmp_write("words4.txt", "cushion\ncushions\ncentre\nunited\ncame\nrang\n"));
    free(tmp_write("given4.txt", "Tamsin\nOrla\n"));
    free(tmp_write("sur4.txt", "Leeds\nOkafor\n"));
    free(tmp_write("towns4.txt", "Leeds\n"));
    struct hush_ruleset *set =
        rules_must("words words4.txt\n" PERSON_LIST("g", "given4.txt") PERSON_LIST(
            "s", "sur4.txt") "rule towns\n  category PLACE\n  list towns4.txt\n  reason Towns.\n");
    assert_redacts(set, "then Tamsin Cushion came. Cushion rang.",
                   "then [PERSON] came. [PERSON] rang.");
    assert_redacts(set, "then Tamsin cushion came", "then [PERSON] cushion came");
    assert_redacts(set, "then Tamsin Cushions came", "then [PERSON] Cushions came");
    assert_redacts(set, "then Tamsin Cushion Centre came", "then [PERSON] Cushion Centre came");
    assert_redacts(set, "then Leeds United came", "then [PERSON] United came");
    assert_redacts(set, "then Orla Okafor Cushion came", "then [PERSON] Cushion came");
    assert_redacts(set,
                   "then Tamsin\xc2\xa0"
                   "Cushion came",
                   "then [PERSON] came");
    hush_rules_free(set);
}

/* A place that no list of names holds, capitalised just after a found
 * name, is its surname, as an English word is ("Tamsin Quellham", though
 * a list of towns holds Quellham), and so is one in capitals after a
 * capitalised name ("Tamsin QUELLHAM"); not after a name that is a place
 * too, nor in lower case. */
Test(names, a_place_after_a_name_is_its_surname)
{
    free(tmp_write("words6.txt", "came\nrang\n"));
    free(tmp_write("given6.txt", "Tamsin\nLeeds\n"));
    free(tmp_write("towns6.txt", "Quellham\nLeeds\n"));
    struct hush_ruleset *set = rules_must("words words6.txt\n" PERSON_LIST(
        "g", "given6.txt") "rule towns\n  category PLACE\n  list towns6.txt\n  reason Towns.\n");
    assert_redacts(set, "then Tamsin Quellham came", "then [PERSON] came");
    assert_redacts(set, "then Leeds Quellham came", "then [PERSON] [PLACE] came");
    assert_redacts(set, "then Tamsin quellham came", "then [PERSON] [PLACE] came");
    /* In capitals, after a capitalised name, as notes write a surname. */
    assert_redacts(set, "then Tamsin QUELLHAM came", "then [PERSON] came");
    assert_redacts(set, "then TAMSIN QUELLHAM came", "then [PERSON] [PLACE] came");
    hush_rules_free(set);
}

/* A word for someone that is seldom a name (a rare one), capitalised at a
 * sentence's start before a name, says who the person is and is no part
 * of the name ("Cousin Tamsin Okafor"); after a name, it is the surname.
 * One that is often a name still leans on the name after it ("Ma Jun",
 * a surname first). */
Test(names, a_word_for_someone_before_a_name_is_no_part_of_it)
{
    free(tmp_write("words7.txt", "cousin\nma\ncame\n"));
    free(tmp_write("person7.txt", "cousin\nma\n"));
    free(tmp_write("rare7.txt", "cousin\n"));
    free(tmp_write("given7.txt", "Tamsin\nJun\n"));
    free(tmp_write("sur7.txt", "Cousin\nOkafor\nMa\n"));
    struct hush_ruleset *set =
        rules_must("words words7.txt\nperson-words person7.txt\nrare-names rare7.txt\n" PERSON_LIST(
            "g", "given7.txt") PERSON_LIST("s", "sur7.txt"));
    assert_redacts(set, "It rained. Cousin Tamsin Okafor came.",
                   "It rained. Cousin [PERSON] came.");
    assert_redacts(set, "It rained and Tamsin Cousin came.", "It rained and [PERSON] came.");
    assert_redacts(set, "It rained. Ma Jun came.", "It rained. [PERSON] came.");
    hush_rules_free(set);
}

/* An acronym of the rule set's list, written in capitals, needs evidence
 * to be a name from a list, as a common word does ("NYHA II", not Nyha);
 * beside a name, or written as a name, it is one. */
Test(names, an_acronym_in_capitals_is_no_listed_name)
{
    free(tmp_write("acr8.txt", "NYHA\n"));
    free(tmp_write("given8.txt", "Nyha\nTamsin\n"));
    struct hush_ruleset *set = rules_must("acronyms acr8.txt\n" PERSON_LIST("g", "given8.txt"));
    assert_redacts(set, "68F, NYHA II, lovely", "68F, NYHA II, lovely");
    assert_redacts(set, "then Nyha came", "then [PERSON] came");
    assert_redacts(set, "then TAMSIN came", "then [PERSON] came");
    /* Beside a name in capitals it is a name's part still; not beside one
     * written as a name. */
    assert_redacts(set, "then NYHA TAMSIN came", "then [PERSON] came");
    assert_redacts(set, "then Tamsin NYHA came", "then [PERSON] NYHA came");
    hush_rules_free(set);
}

/* Once a name is found, its word made plural after "the" is the family
 * ("the Bakers", "the Quellhams"), though it is an English word; not
 * without "the", nor in lower case. */
Test(names, the_plural_of_a_found_name_is_the_family)
{
    assert_redacts(rs, "Tamsin Baker came. We saw the Bakers and the bakers. Bakers shut.",
                   "[PERSON] came. We saw the [PERSON] and the bakers. Bakers shut.");
    /* Less "es" only after s, x, z, ch or sh: "Quelles" is no plural of
     * Quell. */
    assert_redacts(rs, "Orla Quell came. The Quelles left.", "[PERSON] came. The Quelles left.");
    free(tmp_write("sur9.txt", "Ross\n"));
    free(tmp_write("given9.txt", "Tamsin\n"));
    struct hush_ruleset *set =
        rules_must(PERSON_LIST("g", "given9.txt") PERSON_LIST("s", "sur9.txt"));
    assert_redacts(set, "Tamsin Ross came. We saw the Rosses.",
                   "[PERSON] came. We saw the [PERSON].");
    hush_rules_free(set);
}

/* A verb opening a sentence of notes, or an imperative, is no part of the
 * name after it ("Rang Okafor", "Ask Okafor"), though it is a surname;
 * another such word is. */
Test(names, a_verb_before_a_name_at_a_sentence_start_is_no_part_of_it)
{
    free(tmp_write("words5.txt", "rang\nask\ngave\ntea\nbaker\nfelt\nill\ntoday\nanyone\n"));
    free(tmp_write("sur5.txt", "Rang\nAsk\nGave\nBaker\nOkafor\n"));
    struct hush_ruleset *set = rules_must("words words5.txt\n" PERSON_LIST("s", "sur5.txt"));
    assert_redacts(set, "Felt ill. Rang Okafor today.", "Felt ill. Rang [PERSON] today.");
    /* An imperative too: "Ask" is not his name, so it does not recur. */
    assert_redacts(set, "Felt ill. Ask Okafor today. Ask anyone.",
                   "Felt ill. Ask [PERSON] today. Ask anyone.");
    assert_redacts(set, "Felt ill. Gave Okafor tea.", "Felt ill. Gave [PERSON] tea.");
    assert_redacts(set, "Felt ill. Baker Okafor today.", "Felt ill. [PERSON] today.");
    /* An unknown word is a name only joined to another: the verb goes
     * into the span rather than the word being left. */
    assert_redacts(set, "Felt ill. Rang Zephyrine today.", "Felt ill. [PERSON] today.");
    hush_rules_free(set);
}

/* A word an allow list holds does not join a name that a list of places
 * holds too ("Glasgow English" is a way of speaking); beside another name
 * it still does. */
Test(names, an_allowed_word_after_a_place_name_is_no_surname)
{
    free(tmp_write("words6.txt", "english\n"));
    free(tmp_write("sur6.txt", "Glasgow\nEnglish\nMary\n"));
    free(tmp_write("towns6.txt", "Glasgow\n"));
    free(tmp_write("langs6.txt", "English\n"));
    struct hush_ruleset *set = rules_must("words words6.txt\n" PERSON_LIST(
        "s", "sur6.txt") "rule towns\n  category PLACE\n  list towns6.txt\n  reason Towns.\n"
                         "allow langs\n  list langs6.txt\n  reason Languages.\n");
    assert_redacts(set, "it is Glasgow English, he said", "it is [PERSON] English, he said");
    assert_redacts(set, "it is Mary English, he said", "it is [PERSON], he said");
    hush_rules_free(set);
}

/* A rare name (the rare-names file) is a name alone only as a speaker
 * label; beside another name it is still one.  A place of that word keeps
 * the capital's evidence. */
Test(names, rare_name_needs_more_than_a_capital)
{
    free(tmp_write("rare.txt", "medicine\n"));
    free(tmp_write("sur2.txt", "Medicine\n"));
    free(tmp_write("given2.txt", "Ann\n"));
    free(tmp_write("towns.txt", "Medicine\n"));
    struct hush_ruleset *set = rules_must("rare-names rare.txt\n"
                                          "rule g\n  category PERSON\n  kind names\n"
                                          "  list given2.txt\n  reason Given.\n"
                                          "rule s\n  category PERSON\n  kind names\n"
                                          "  list sur2.txt\n  reason Surnames.\n");
    assert_redacts(set, "the Division of Medicine, said Ann.",
                   "the Division of Medicine, said [PERSON].");
    assert_redacts(set, "then Ann Medicine came", "then [PERSON] came");
    assert_redacts(set, "Medicine: hello\nMedicine: bye", "[PERSON]: hello\n[PERSON]: bye");
    assert_redacts(set, "Medicine: hello", "Medicine: hello");
    hush_rules_free(set);
    set = rules_must("rare-names rare.txt\n"
                     "rule t\n  category PLACE\n  list towns.txt\n  reason Towns.\n");
    assert_redacts(set, "we drove to Medicine today", "we drove to [PLACE] today");
    hush_rules_free(set);
}

/* ---- phrases of common words in a lower-case text ------------------------- */

/* A list of hospitals with "phrases also-lower-case" finds "ward centre"
 * (two common words) in a text that shows it is written in lower case, as
 * written; without it, only capitalised or after a preposition of place.  Not a phrase that opens
 * with a function word or holds "and", and never in a text that capitalises. */
Test(names, lower_case_phrases_of_a_list_count_where_the_rule_says_so)
{
    free(tmp_write("sites.txt", "Ward Centre\nThe Baker Centre\nBaker and Ward\n"));
    free(tmp_write("common3.txt", "ward\ncentre\nbaker\nthe\nand\n"));
    free(tmp_write("function3.txt", "the\nand\n"));
    const char *site = "words common3.txt\nfunction-words function3.txt\n"
                       "rule sites\n  category TRUST\n  list sites.txt\n%s  reason Sites.\n";
    char with[256], without[256];
    snprintf(with, sizeof with, site, "  phrases also-lower-case\n");
    snprintf(without, sizeof without, site, "");
    struct hush_ruleset *on = rules_must(with), *off = rules_must(without);
    /* No "at" or "to" before them: there any list's phrase has evidence
     * (after_place_word). */
    const char *lower =
        "i liked ward centre. i liked the baker centre, baker and ward, i did, i do";
    assert_redacts(on, lower,
                   "i liked [TRUST]. i liked the baker centre, baker and ward, i did, i do");
    /* A text that says too little to tell is taken as lower case by
     * default, but shows nothing: a capitalised one-liner is left alone. */
    assert_redacts(on, "We liked ward centre.", "We liked ward centre.");
    assert_redacts(off, lower, lower);
    assert_redacts(on, "I said I liked ward centre, I think I did.",
                   "I said I liked ward centre, I think I did.");
    assert_redacts(on, "I said I liked Ward Centre, I think I did.",
                   "I said I liked [TRUST], I think I did.");
    hush_rules_free(on);
    hush_rules_free(off);
}
