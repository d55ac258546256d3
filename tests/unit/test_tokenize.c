/*
 * test_tokenize.c: words with their offsets, normalised keys and the
 * facts the name rules need (tokenize.c).
 */
#include "helpers.h"

static struct token_list toks;

static void
teardown(void)
{
    token_list_free(&toks);
}

TestSuite(tokenize, .fini = teardown);

static void
tok(const char *text)
{
    tokenize(text, strlen(text), &toks);
}

/* Asserts that token i covers exactly the bytes of want in text. */
static void
assert_tok(const char *text, size_t i, const char *want)
{
    cr_assert_lt(i, toks.n, "too few tokens (%zu)", toks.n);
    const struct token *t = &toks.v[i];
    size_t n = t->end - t->start;
    cr_assert(n == strlen(want) && memcmp(text + t->start, want, n) == 0,
              "token %zu is \"%.*s\", want \"%s\"", i, (int)n, text + t->start, want);
}

static const char *
key(size_t i)
{
    static char buf[300];
    const struct token *t = &toks.v[i];
    snprintf(buf, sizeof buf, "%.*s", (int)t->key_len, toks.keys.data + t->key);
    return buf;
}

static bool
has(size_t i, unsigned flag)
{
    return (toks.v[i].flags & flag) != 0;
}

/* Is token i, which must be the word want, flagged as in a speaker label? */
static bool
label_word(const char *text, size_t i, const char *want)
{
    assert_tok(text, i, want);
    return has(i, TOK_LABEL);
}

/* Tokenises a line that opens "Sian Jones:" and says whether "Sian" is a
 * speaker's label there (its value read as words, not as a field's). */
static bool
sian_speaks(const char *text)
{
    tok(text);
    return label_word(text, 0, "Sian");
}

Test(tokenize, splits_words_with_byte_offsets)
{
    const char *s = "  so, Tamsin  went-home 42!";
    tok(s);
    cr_assert_eq(toks.n, 5);
    assert_tok(s, 0, "so");
    assert_tok(s, 1, "Tamsin");
    assert_tok(s, 2, "went");
    assert_tok(s, 3, "home");
    assert_tok(s, 4, "42");
    cr_assert_eq(toks.v[1].start, 6);
    cr_assert_eq(toks.v[1].end, 12);
}

Test(tokenize, keys_are_normalised_forms)
{
    tok("ZOË Quell");
    cr_assert_eq(toks.n, 2);
    cr_assert_str_eq(key(0), "zoe");
    cr_assert_str_eq(key(1), "quell");
    cr_assert_eq(toks.v[0].hash, hash_bytes(HASH_SEED, "zoe", 3));
}

Test(tokenize, ampersand_is_a_token_read_as_and)
{
    const char *s = "Quell & Vane";
    tok(s);
    cr_assert_eq(toks.n, 3);
    assert_tok(s, 1, "&");
    cr_assert_str_eq(key(1), "and");
}

Test(tokenize, apostrophe_inside_a_word_stays_in_it)
{
    const char *s = "O'Dowd and O\xE2\x80\x99"
                    "Dowd";
    tok(s);
    cr_assert_eq(toks.n, 3);
    assert_tok(s, 0, "O'Dowd");
    assert_tok(s, 2,
               "O\xE2\x80\x99"
               "Dowd");
    cr_assert_str_eq(key(0), "o'dowd");
    cr_assert_str_eq(key(2), "o'dowd");
}

Test(tokenize, apostrophe_at_a_word_edge_is_not_part_of_it)
{
    const char *s = "'Quell' said";
    tok(s);
    cr_assert_eq(toks.n, 2);
    assert_tok(s, 0, "Quell");
}

/* A possessive stays outside the name, so "[PERSON]'s" reads naturally
 * and the name's key is the name. */
Test(tokenize, possessive_s_is_outside_the_token)
{
    const char *s = "Okafor's and Okafor\xE2\x80\x99s and Jo's";
    tok(s);
    cr_assert_eq(toks.n, 5);
    assert_tok(s, 0, "Okafor");
    assert_tok(s, 2, "Okafor");
    assert_tok(s, 4, "Jo");
    cr_assert_str_eq(key(0), "okafor");
    cr_assert(has(0, TOK_CAPITALISED));
}

/* A possessive ends a name ("Tamsin's Okafor" is two people) but not a
 * list entry ("King's Lynn"), whose key then keeps the 's. */
Test(tokenize, possessive_token_ends_a_name_not_an_entry)
{
    tok("Orrick's Marsh and Orrick Marsh");
    cr_assert(has(0, TOK_POSSESSIVE));
    cr_assert_not(has(0, TOK_NAME_NEXT));
    cr_assert(has(0, TOK_JOINS_NEXT));
    cr_assert_not(has(3, TOK_POSSESSIVE));
    cr_assert(has(3, TOK_NAME_NEXT));
    struct hush_buf k = {0};
    uint64_t h = token_seq_key(&toks, 0, 1, &k);
    hush_buf_append(&k, "", 0);
    cr_assert_str_eq(k.data, "orrick's marsh");
    uint64_t h2 = token_seq_key(&toks, 3, 4, &k);
    hush_buf_append(&k, "", 0);
    cr_assert_str_eq(k.data, "orrick marsh");
    cr_assert_neq(h, h2);
    hush_buf_free(&k);
}

/* The key of a single word is its normalised form, with the word's own
 * hash continued once, so lists and matching agree. */
Test(tokenize, sequence_key_of_one_word)
{
    tok("Orrick's");
    struct hush_buf k = {0};
    uint64_t h = token_seq_key(&toks, 0, 0, &k);
    hush_buf_append(&k, "", 0);
    cr_assert_str_eq(k.data, "orrick", "a final possessive stays outside");
    cr_assert_eq(h, hash_seq(HASH_SEED, toks.v[0].hash));
    hush_buf_free(&k);
}

/* A contraction ('ll, 'd, 've, 're) stays outside the word it is glued
 * to, as a possessive does, without making it one: "Declan'll" is Declan.
 * Capitals in the contraction do not count as the word's. */
Test(tokenize, contraction_is_outside_the_token)
{
    const char *s = "Declan'll Siobhan\xE2\x80\x99"
                    "d TOMASZ'VE Ana're I'll Moore";
    tok(s);
    cr_assert_eq(toks.n, 6);
    assert_tok(s, 0, "Declan");
    assert_tok(s, 1, "Siobhan");
    assert_tok(s, 2, "TOMASZ");
    assert_tok(s, 3, "Ana");
    cr_assert_str_eq(key(0), "declan");
    cr_assert_not(has(0, TOK_POSSESSIVE));
    cr_assert(has(0, TOK_CAPITALISED));
    cr_assert(has(2, TOK_ALLCAPS));
    /* Too short to leave a name: "I'll" is one word. */
    assert_tok(s, 4, "I'll");
    assert_tok(s, 5, "Moore");
    /* Inside an address it is part of the word; at a sentence's end not. */
    const char *t = "jo'd.nhs.uk or Siobhan's.";
    tok(t);
    assert_tok(t, 0, "jo'd");
    assert_tok(t, 4, "Siobhan");
    cr_assert(has(4, TOK_POSSESSIVE));
    /* A tag after the full stop stood for what followed it there, and is
     * read the same: "ian's.S. Im" redacted is "ian's.[PERSON]". */
    const char *u = "ian's.S. Im and ian's.[PERSON]";
    tok(u);
    assert_tok(u, 0, "ian's");
    assert_tok(u, 4, "ian's");
}

Test(tokenize, possessive_of_one_letter_word_is_kept)
{
    /* "A's" (as in grades) is too short to be a name with a possessive. */
    const char *s = "A's";
    tok(s);
    cr_assert_eq(toks.n, 1);
    assert_tok(s, 0, "A's");
}

Test(tokenize, invisible_characters_do_not_split_a_word)
{
    const char *s = "Ta\xE2\x80\x8Bmsin ok";
    tok(s);
    cr_assert_eq(toks.n, 2);
    assert_tok(s, 0, "Ta\xE2\x80\x8Bmsin");
    cr_assert_str_eq(key(0), "tamsin");
}

Test(tokenize, case_flags)
{
    tok("Tamsin NHS x Ab iPhone");
    cr_assert(has(0, TOK_CAPITALISED));
    cr_assert_not(has(0, TOK_ALLCAPS));
    cr_assert(has(1, TOK_ALLCAPS));
    cr_assert_not(has(1, TOK_CAPITALISED));
    cr_assert_not(has(2, TOK_CAPITALISED | TOK_ALLCAPS | TOK_INITIAL));
    cr_assert(has(3, TOK_CAPITALISED));
    cr_assert_not(has(4, TOK_CAPITALISED), "a lower-case first letter is not capitalised");
}

Test(tokenize, single_capital_is_an_initial)
{
    tok("J. Quell and I");
    cr_assert(has(0, TOK_INITIAL));
    cr_assert_not(has(0, TOK_CAPITALISED | TOK_ALLCAPS));
    cr_assert_not(has(1, TOK_INITIAL));
    cr_assert(has(3, TOK_INITIAL), "the tokeniser marks I; the name rules decide");
}

Test(tokenize, digits_flag_marks_tokens_that_start_with_a_digit)
{
    tok("P07 07700 3rd");
    cr_assert_not(has(0, TOK_DIGITS));
    cr_assert(has(1, TOK_DIGITS));
    cr_assert(has(2, TOK_DIGITS));
}

Test(tokenize, sentence_starts)
{
    tok("one two. Three? four\nfive; six");
    cr_assert(has(0, TOK_SENTENCE_START), "the first word");
    cr_assert_not(has(1, TOK_SENTENCE_START));
    cr_assert(has(2, TOK_SENTENCE_START), "after a full stop");
    cr_assert(has(3, TOK_SENTENCE_START), "after a question mark");
    cr_assert(has(4, TOK_SENTENCE_START), "after a line break");
    cr_assert(has(5, TOK_SENTENCE_START), "after a semicolon");
}

/* A table's cell begins as a sentence does ("| Told 72 hrs"), so that its
 * first word, capitalised, is no evidence of a name. */
Test(tokenize, a_table_cell_starts_a_sentence)
{
    tok("rang today   | Told her so | done");
    cr_assert_not(has(1, TOK_SENTENCE_START));
    cr_assert(has(2, TOK_SENTENCE_START), "after a cell bar");
    cr_assert_not(has(3, TOK_SENTENCE_START));
    cr_assert(has(5, TOK_SENTENCE_START), "after the next bar");
    /* So does a cell drawn with a box-drawing line or a broken bar. */
    tok("rang today \xE2\x94\x82 Self \xC2\xA6 Low mood");
    cr_assert(has(2, TOK_SENTENCE_START), "after a box-drawing line");
    cr_assert(has(3, TOK_SENTENCE_START), "after a broken bar");
    cr_assert_not(has(4, TOK_SENTENCE_START));
    /* And a column set apart by a tab or by three spaces or more. */
    tok("Date: 2nd May  Site: one   Place: two\tRoom: three");
    cr_assert_not(has(3, TOK_SENTENCE_START), "two spaces");
    cr_assert(has(5, TOK_SENTENCE_START), "three spaces");
    cr_assert(has(7, TOK_SENTENCE_START), "a tab");
}

/* A quoted cell of a CSV line begins as a sentence does (',"Falls risk'),
 * so that its first word, capitalised, is no evidence of a name; a quote
 * after a blank may be a nickname inside a name ('Sandeep "Sandy" Kaur'). */
Test(tokenize, a_quoted_csv_cell_starts_a_sentence)
{
    tok("unwitnessed,\"Falls risk\",\"\"Res said\nSandeep \"Sandy\" Kaur");
    cr_assert(has(1, TOK_SENTENCE_START), "after a comma and a quote");
    cr_assert_not(has(2, TOK_SENTENCE_START));
    cr_assert(has(3, TOK_SENTENCE_START), "after a doubled quote");
    cr_assert_not(has(6, TOK_SENTENCE_START), "a nickname after a blank");
    cr_assert_not(has(7, TOK_SENTENCE_START));
}

/* Field notes and minutes start a line with a time or a number: the words
 * after it start a sentence ("09:15 - Morning huddle"). */
Test(tokenize, a_line_that_starts_with_numbers_starts_a_sentence_after_them)
{
    tok("notes\n09:15 \xE2\x80\x93 Morning huddle\n3 Lunch, then 4 Tea");
    cr_assert(has(3, TOK_SENTENCE_START), "after 09:15 and a dash");
    cr_assert_not(has(4, TOK_SENTENCE_START));
    cr_assert(has(6, TOK_SENTENCE_START), "after a list number");
    cr_assert_not(has(9, TOK_SENTENCE_START), "a number inside a line is no line start");
}

/* "Dr. Quell" and "J. Quell": the full stop of a title or an initial does
 * not start a sentence, or the surname would lose its evidence. */
Test(tokenize, full_stop_after_title_or_initial_is_not_a_sentence_end)
{
    tok("saw Dr. Quell and J. Vane. Then");
    cr_assert_not(has(2, TOK_SENTENCE_START), "after Dr.");
    cr_assert_not(has(5, TOK_SENTENCE_START), "after J.");
    cr_assert(has(6, TOK_SENTENCE_START), "after an ordinary word and a full stop");
}

Test(tokenize, speaker_label_tokens_are_flagged)
{
    const char *s = "Interviewer: hello\nTamsin Quell: hi there\nnot a: label";
    tok(s);
    cr_assert(has(0, TOK_LABEL));
    cr_assert_not(has(1, TOK_LABEL), "the speech after the colon");
    cr_assert(has(2, TOK_LABEL));
    cr_assert(has(3, TOK_LABEL));
    cr_assert_not(has(4, TOK_LABEL));
    assert_tok(s, 6, "not");
    cr_assert(has(6, TOK_LABEL), "three words then a colon is a label shape");
    cr_assert_not(has(8, TOK_LABEL));
}

/* A label word that labels another line too, in any case, is flagged; one
 * that labels a single line, or stands in speech, is not. */
Test(tokenize, label_words_said_again_are_flagged)
{
    const char *s = "Hope: hi\nSample: ten\nHOPE: yes\nsample hope";
    tok(s);
    cr_assert(has(0, TOK_LABEL_AGAIN));
    cr_assert_not(has(2, TOK_LABEL_AGAIN), "Sample labels one line");
    cr_assert(has(4, TOK_LABEL_AGAIN));
    cr_assert_not(has(6, TOK_LABEL_AGAIN), "speech, not a label");
    cr_assert_not(has(7, TOK_LABEL_AGAIN));
}

/* A chat export's date, time and dash may open a labelled line; a date
 * and a time alone do not make what follows a label. */
Test(tokenize, a_chat_exports_stamp_may_open_a_label)
{
    const char *s = "08/10/2024, 09:25 - Wiesia K: hi\n8/10/24 9:26 pm - Bev: yo\n"
                    "08/10/2024 09:27 Note: x";
    tok(s);
    cr_assert(label_word(s, 5, "Wiesia"));
    cr_assert(label_word(s, 6, "K"));
    cr_assert(label_word(s, 14, "Bev"));
    cr_assert_not(label_word(s, 21, "Note"));
}

/* A bulleted line lists fields ("- Age: 30"), not who speaks. */
Test(tokenize, a_bulleted_field_is_no_speaker_label)
{
    const char *s = "- Age: 30\n* Work: none\nTamsin: hi";
    tok(s);
    cr_assert_not(label_word(s, 0, "Age"));
    cr_assert_not(label_word(s, 2, "Work"));
    cr_assert(label_word(s, 4, "Tamsin"));
}

/* A report's numbered clause is read by its words ("5.1 Risk to others:"
 * is no speaker's turn); a name after a timecode or a turn's number is. */
Test(tokenize, a_numbered_clause_is_read_by_its_words)
{
    const char *s = "5.1 Risk to others: x\n5.2 Risk to self: y\n10.30 Tamsin: hi\n"
                    "00.01.23 Will: yes\n1.2 Hope: no";
    tok(s);
    cr_assert_not(label_word(s, 2, "Risk"));
    cr_assert_not(label_word(s, 8, "Risk"));
    cr_assert(label_word(s, 14, "Tamsin"));
    cr_assert(label_word(s, 19, "Will"));
    cr_assert(label_word(s, 23, "Hope"));
}

/* A number or a tag of figures that opens a line or a sentence opens it
 * for the word after it, so that the word reads the same once the number
 * is a tag. */
Test(tokenize, a_word_after_an_opening_number_opens_the_sentence)
{
    static const char *const word_tags[] = {"PERSON"};
    toks.word_tags = word_tags;
    toks.nword_tags = 1;
    const char *s = "Done. 06/09/2023, New year\nDone. [DATE], Will said\nSo [DATE], Will said";
    tok(s);
    assert_tok(s, 4, "New");
    cr_assert(has(4, TOK_SENTENCE_START), "after a date that opens a sentence");
    assert_tok(s, 8, "Will");
    cr_assert(has(8, TOK_SENTENCE_START), "after a tag of figures that opens one");
    assert_tok(s, 12, "Will");
    cr_assert_not(has(12, TOK_SENTENCE_START), "not after one mid-sentence");
}

/* An I after another initial's full stop is an initial ("S.I. Mis"), and
 * its full stop ends no sentence; the pronoun's does ("said I. Then"). */
Test(tokenize, an_i_among_initials_is_an_initial)
{
    const char *s = "met S.I. Mis today, said I. Then";
    tok(s);
    assert_tok(s, 3, "Mis");
    cr_assert_not(has(3, TOK_SENTENCE_START), "after the initials S.I.");
    assert_tok(s, 7, "Then");
    cr_assert(has(7, TOK_SENTENCE_START), "after the pronoun's full stop");
}

/* A full stop with no blank after it ends no sentence: it is inside an
 * address, a handle or a number ("@t.8,Woodland" reads as "[CONTACT],
 * Woodland" would, a fuzz find). */
Test(tokenize, a_full_stop_without_a_blank_opens_no_sentence)
{
    const char *s = "hi @t.8,Woodland ok. Then 3.5 Will";
    tok(s);
    assert_tok(s, 3, "Woodland");
    cr_assert_not(has(3, TOK_SENTENCE_START), "after a handle's full stop");
    assert_tok(s, 5, "Then");
    cr_assert(has(5, TOK_SENTENCE_START), "after a full stop and a blank");
    assert_tok(s, 8, "Will");
    cr_assert_not(has(8, TOK_SENTENCE_START), "after a decimal point");
}

/* A dash between blanks opens a clause, as a sentence opens: the word
 * after it is at a sentence's start; a hyphen inside a word is no dash. */
Test(tokenize, a_spaced_dash_opens_a_clause)
{
    const char *s = "Mr Kenward (JK) – Class teacher; JT - Send copy; Smith-Jones came";
    tok(s);
    assert_tok(s, 3, "Class");
    cr_assert(has(3, TOK_SENTENCE_START), "after an en dash between blanks");
    assert_tok(s, 6, "Send");
    cr_assert(has(6, TOK_SENTENCE_START), "after a hyphen between blanks");
    assert_tok(s, 9, "Jones");
    cr_assert_not(has(9, TOK_SENTENCE_START), "not after a hyphen inside a name");
}

/* A chat or a log opens a line with a time alone; a role in brackets
 * after the name is no part of it; a sentence's full stop ends any label. */
Test(tokenize, a_time_alone_and_a_role_in_brackets_open_a_label)
{
    const char *s = "07:50 Sue (Practice Mgr): hi\n07:51 Tina: ok\n00:30 IA: FHR 140\n"
                    "CS COMMENT (Dr Carver, 06/12/2023): fine\nHuddle. Announcement: soon";
    tok(s);
    cr_assert(label_word(s, 2, "Sue"), "a time alone opens a chat's line");
    cr_assert_not(label_word(s, 3, "Practice"), "the role in brackets is no label word");
    cr_assert(has(3, TOK_ROLE_NOTE), "it is the label's role note");
    cr_assert_not(has(5, TOK_ROLE_NOTE), "what follows the colon is not");
    cr_assert(label_word(s, 8, "Tina"));
    cr_assert_not(label_word(s, 12, "IA"), "a log's abbreviation after a time is no speaker");
    cr_assert_not(label_word(s, 16, "COMMENT"), "a bracket with a date heads a comment");
    cr_assert_not(label_word(s, 23, "Huddle"), "a full stop ends a sentence, not a label");
    /* A time alone reads as a chat export's does: "am" or "pm", and a dash. */
    const char *d = "09:25 - Sue: hi\n9:26 pm Tina: ok\n9:27 Amy: no";
    tok(d);
    cr_assert(label_word(d, 2, "Sue"), "a dash after a time alone is no label word");
    cr_assert(label_word(d, 7, "Tina"), "nor is pm");
    cr_assert(label_word(d, 11, "Amy"), "a name that opens with am is no am");
    /* A full stop ends a label as it ends a sentence: not after initials
     * or an abbreviation, but after any other word, and after a tag, which
     * stood for a name of any length. */
    const char *f = "Dr. Okafor: hi\nJ.K. Lowe: hi\n[PERSON]. Announcement: x\nJo. Smith: x";
    tok(f);
    cr_assert(label_word(f, 0, "Dr"), "a title's full stop goes on");
    cr_assert(label_word(f, 3, "J"), "so do initials'");
    cr_assert_not(label_word(f, 8, "Announcement"), "a tag's full stop ends the sentence");
    cr_assert_not(label_word(f, 10, "Jo"), "as a short name's does");
}

/* A form's fields are no speakers either: a value that opens with a digit
 * ("Age: 82"), an e-mail address or a tag of figures ("Age: [AGE]"), a capitalised label ending in
 * a lower-case word ("Home address:"); a name's words are all capitalised
 * ("Dr van Dijk:"). */
Test(tokenize, a_forms_field_is_no_speaker_label)
{
    static const char *const word_tags[] = {"PERSON", "PLACE", "STUDY_SITE2"};
    toks.word_tags = word_tags;
    toks.nword_tags = 2;
    const char *s = "Age: 82\nHome address: Flat 6\nDr van Dijk: hi\nfrank jones: hi\nAge: [AGE]";
    tok(s);
    cr_assert_not(label_word(s, 0, "Age"));
    cr_assert_not(label_word(s, 2, "Home"));
    cr_assert(label_word(s, 6, "Dr"));
    cr_assert(label_word(s, 8, "Dijk"), "the capitalised last word makes it a name");
    cr_assert(label_word(s, 11, "jones"), "a lower-case text's label is all lower case");
    cr_assert_not(label_word(s, 13, "Age"), "a tag is the value redact made of a field's");
    /* A value in figures is read by its first word, which a rule takes whole:
     * an address or a number became a tag of figures ("Email: [CONTACT]"). */
    const char *f = "Sian Jones: ann@example.org, hi\nSian Jones: +44 7700\nSian Jones: LS1 4AB\n"
                    "Sian Jones: Leeds, hi\nSian Jones: Abdu1 Rahim\nSian Jones: I\u00e26, hi\n"
                    "Sian Jones: D9z Sa\nSian Jones: \u00c99z x\nSian Jones: -T7z Sa\n"
                    "Sian Jones: -[AGE] x\nSian Jones: 7-[PERSON] x\nSian Jones: [PERSON]@ x";
    tok(f);
    cr_assert_not(label_word(f, 0, "Sian"), "an e-mail address opens a field's value");
    cr_assert_not(label_word(f, 6, "Sian"), "so does a number with a plus");
    cr_assert_not(label_word(f, 10, "Sian"), "and a word that holds a digit");
    cr_assert(label_word(f, 14, "Sian"), "a word without figures is what a speaker says");
    /* A capitalised word with a digit in it is a name as a scan misreads
     * it, which a rule may take for a name: it opens no field. */
    cr_assert(label_word(f, 18, "Sian"), "a capitalised word with a digit is a word");
    cr_assert(label_word(f, 22, "Sian"), "a capital and a non-ASCII letter open a word");
    cr_assert(label_word(f, 26, "Sian"), "a lower-case letter after a digit still makes it one");
    cr_assert(label_word(f, 30, "Sian"), "so does a capital beyond ASCII");
    cr_assert(label_word(f, 34, "Sian"), "or a capitalised run inside the word");
    cr_assert_not(label_word(f, 38, "Sian"), "a tag of figures inside it is figures");
    cr_assert(label_word(f, 42, "Sian"), "a tag of words inside it is no figures");
    cr_assert(label_word(f, 47, "Sian"), "nor one that opens it, whatever is glued after");
    /* An apostrophe inside the word goes on with the run, as the word does. */
    const char *a = "Sian Jones: O4'm Sa\nSian Jones: 4'm x";
    tok(a);
    cr_assert(label_word(a, 0, "Sian"), "\"O4'm\" runs on through its apostrophe to a lower case");
    cr_assert_not(label_word(a, 4, "Sian"), "\"4'm\" opens with no capital: figures");
    /* An address or a handle reads as the tag of figures it becomes, its
     * local part with it: a handle glued after a word leaves a word. */
    cr_assert(sian_speaks("Sian Jones: Ad#@ns x"), "a word and a handle glued to it: a word");
    cr_assert(sian_speaks("Sian Jones: Ad#[CONTACT] x"), "as once the handle is a tag");
    cr_assert_not(sian_speaks("Sian Jones: Jo.Ann@nhs.net x"),
                  "an address whose local part is a name: figures");
    cr_assert_not(sian_speaks("Sian Jones: [CONTACT] x"), "as its tag is");
    /* An at sign that no rule takes, between words, is no figures: the
     * word after it may become a tag of words ("nsft" a trust's). */
    cr_assert(sian_speaks("Sian Jones: O@nsft x"), "neither an address nor a handle");
    cr_assert(sian_speaks("Sian Jones: O@[PLACE] x"),
              "as once the word after it is a tag of words");
    /* A run of two letters or more that opens in lower case, without a
     * digit, may be a name a list holds, which a names rule takes in any
     * case ("jo" of "jo.1"), wherever the run ends: at a full stop, the
     * value's end ("1.jo"), an at sign no rule takes ("jo@x1") or a tag
     * ("jo[AGE]"). One letter is no such word ("x.1"), nor a run with a
     * digit ("x2", "xy2"), nor letters after a digit ("2nd"). */
    cr_assert(sian_speaks("Sian Jones: jo.1 x"), "\"jo\" may be a name: words");
    cr_assert(sian_speaks("Sian Jones: [PERSON].1 x"), "as once it is a tag of words");
    cr_assert(sian_speaks("Sian Jones: 1.jo y"), "a run that ends the value");
    cr_assert(sian_speaks("Sian Jones: jo@x1 y"), "a run before an at sign no rule takes");
    cr_assert(sian_speaks("Sian Jones: jo[AGE] y"), "a run before a tag of figures");
    cr_assert_not(sian_speaks("Sian Jones: x.1 y"), "one letter is no name");
    cr_assert_not(sian_speaks("Sian Jones: x2 y"), "\"x2\" is figures");
    cr_assert_not(sian_speaks("Sian Jones: xy2 y"), "so is \"xy2\"");
    cr_assert_not(sian_speaks("Sian Jones: 2nd y"), "so is \"2nd\"");
    /* Initials with their full stops are a name's part too. */
    const char *in = "Sian Jones: 7.L.O.\nSian Jones: 7.L.";
    tok(in);
    cr_assert(label_word(in, 0, "Sian"), "\"L.O.\" are initials, which a rule takes");
    cr_assert_not(label_word(in, 5, "Sian"), "one capital and a stop after a number: figures");
    const char *nd = "Sian Jones: 7.L.O7.\nSian Jones: 7.L7.O.";
    tok(nd);
    cr_assert_not(label_word(nd, 0, "Sian"), "a capital with a digit is no initial");
    cr_assert_not(label_word(nd, 5, "Sian"), "nor before another capital and stop");
    /* A capital that ends the value's first word, then a capitalised word:
     * a rule may take the two for an initial and a name (a fuzz find:
     * "OF: 7.L. Ta" read as a field until "L. Ta" was a tag). */
    cr_assert(sian_speaks("Sian Jones: 7.L. Ta"), "an initial and its stop, a capitalised word");
    cr_assert(sian_speaks("Sian Jones: 7.L Ta"), "an initial without its stop, too");
    cr_assert(sian_speaks("Sian Jones: 7.L sian"),
              "before a word in lower case, which a list may hold");
    cr_assert_not(sian_speaks("Sian Jones: 7.L, sian"), "after a comma the value is read: figures");
    /* Only a whole tag is one: a bracket and a capital open a word. */
    const char *b = "Sian Jones: [Abc def\nSian Jones: [AGE] def";
    tok(b);
    cr_assert(label_word(b, 0, "Sian"), "\"[Abc\" is no tag of figures");
    cr_assert_not(label_word(b, 4, "Sian"), "\"[AGE]\" is");
    /* A name's tag stood for words: the label reads as it did before. */
    const char *t = "Lead Nurse: Toby Halloran\nLead Nurse: [PERSON]\nSite: [PLACE-K7QX2M9A]";
    tok(t);
    cr_assert(label_word(t, 0, "Lead"));
    cr_assert(label_word(t, 4, "Lead"), "a person's tag is no field's value");
    cr_assert(label_word(t, 7, "Site"), "nor a place's");
    /* Which tags stand for words is the rule set's to say (word-tags). */
    toks.nword_tags = 1;
    tok(t);
    cr_assert_not(label_word(t, 7, "Site"), "a place's tag is a value when PLACE is not named");
    toks.nword_tags = 3;
    const char *w = "Site: [STUDY_SITE2]\nGrade: [STAFF_GRADE-K7]";
    tok(w);
    cr_assert(label_word(w, 0, "Site"), "a category's name may hold digits and _");
    cr_assert_not(label_word(w, 3, "Grade"), "a category not named is a value");
    /* A tag in the label is the name it stood for: one capitalised word. */
    const char *u = "Tamsin Okafor I6 AnI: hi\n[PERSON] I6 AnI: hi\n[PERSON]: yes";
    tok(u);
    cr_assert(label_word(u, 3, "AnI"));
    cr_assert(label_word(u, 7, "AnI"), "the same label once its name is a tag");
    cr_assert(label_word(u, 9, "PERSON"), "a tag alone labels a line too");
    /* How many words a tag stood for is unknown: a label that holds one
     * neither labels another line nor is labelled again by one. */
    const char *v = "SU .[PERSON]: x\nSU .EWE [PERSON]: y\nKT: a\nKT: b";
    tok(v);
    cr_assert(has(0, TOK_LABEL));
    cr_assert_not(has(0, TOK_LABEL_AGAIN), "the labels hold tags");
    cr_assert(has(3, TOK_LABEL));
    cr_assert_not(has(3, TOK_LABEL_AGAIN));
    cr_assert(has(9, TOK_LABEL_AGAIN), "two labels without tags");
}

/* Sentences that open with a function word after a stop are counted by
 * case; a line break alone may wrap a sentence and is not counted. */
Test(tokenize, sentence_openings_are_counted_by_case)
{
    tok("Fine. The tea. She left. the end\nthe radiator. And then. He is");
    cr_assert_eq(toks.start_upper, 4);
    cr_assert_eq(toks.start_lower, 1);
    /* Whatever the word before the stop, but an initial: redacting
     * "ward." to a tag must not change the count; an initial's stop ends
     * no sentence, and goes into the initial's tag ("N. she" is "[PERSON]
     * she"). */
    tok("met N. she said. Syclmore ward. The end.");
    unsigned upper = toks.start_upper, lower = toks.start_lower;
    cr_assert_eq(lower, 0, "an initial's stop ends no sentence");
    cr_assert_eq(upper, 1);
    tok("met [PERSON] she said. [TEAM]. The end.");
    cr_assert_eq(toks.start_upper, upper);
    cr_assert_eq(toks.start_lower, lower);
    /* A stop with no blank after it is inside an address. */
    tok("mail sian.if@example.org or jo.the@example.org today");
    cr_assert_eq(toks.start_lower, 0);
    /* Nor is a word an address goes on from, which redacting removes:
     * the count is the same before and after. */
    tok("It was. And@nsft.nhs.uk, then. The_user said. So.then.it");
    cr_assert_eq(toks.start_upper, 0);
    tok("It was. [CONTACT], then. [CONTACT] said. [CONTACT]");
    cr_assert_eq(toks.start_upper, 0);
    /* Nor the word of a handle after its at sign ("@That" is "[CONTACT]"). */
    tok("e. @That te. That");
    cr_assert_eq(toks.start_upper, 1, "only the second That opens a sentence");
}

/* A name's possessive 's stays inside its token ("Okafor'S"); once the
 * name is a tag, the "s" after it is no word of its own either, so that
 * "[PERSON]'S.Dey" reads as "Okafor'S.Dey" did, with no initial "S". */
Test(tokenize, possessive_of_a_tag_is_no_word)
{
    tok("Okafor'S.Dey said");
    size_t n = toks.n;
    cr_assert_eq(n, 3);
    tok("[PERSON]'S.Dey said; [PERSON]\xE2\x80\x99s mum; [PERSON]'s");
    for (size_t k = 0; k < toks.n; k++)
        cr_assert_neq(toks.v[k].end - toks.v[k].start, 1, "token %zu is one letter", k);
    /* So are the contractions a word sheds ("I'i'Ve" redacted). */
    tok("(*nlb [PERSON]'Ve and [PERSON]'ll, [PERSON]'d");
    cr_assert_eq(toks.n, 5, "%zu tokens", toks.n);
    /* Only after a tag: a lone "s" elsewhere is still a word. */
    tok("[nope]'s and x's S. Dey");
    cr_assert_eq(toks.n, 6);
}

Test(tokenize, label_after_a_timestamp)
{
    const char *s = "[00:12] Tamsin: yes";
    tok(s);
    size_t k = 0;
    while (k < toks.n && toks.v[k].start < 8)
        k++;
    assert_tok(s, k, "Tamsin");
    cr_assert(has(k, TOK_LABEL));
    cr_assert_not(has(k + 1, TOK_LABEL));
}

/* A tag at the start of a line is not a timestamp: "[TRUST] PEER SUPPORT
 * STUDY. INTERVIEW:" is a heading of five words, as it was before
 * redaction, not a label of four. */
Test(tokenize, tag_is_not_a_timestamp)
{
    tok("[TRUST] PEER SUPPORT STUDY. INTERVIEW: yes");
    for (size_t i = 0; i < toks.n; i++)
        cr_assert_not(has(i, TOK_LABEL), "token %zu", i);
}

Test(tokenize, colon_inside_a_line_is_not_a_label)
{
    tok("we met at 10:30 Tamsin: said");
    for (size_t i = 0; i < toks.n; i++)
        cr_assert_not(has(i, TOK_LABEL), "token %zu", i);
}

Test(tokenize, gaps_that_join_list_entries)
{
    tok("St Quell, Vane\nMoor - End");
    cr_assert(has(0, TOK_JOINS_NEXT), "one space");
    cr_assert(has(1, TOK_JOINS_NEXT), "a comma and a space");
    cr_assert_not(has(2, TOK_JOINS_NEXT), "a line break");
    cr_assert(has(3, TOK_JOINS_NEXT), "a spaced hyphen");
}

Test(tokenize, gaps_that_a_name_may_span)
{
    tok("Tamsin Quell, Vane-Orr\nMoor");
    cr_assert(has(0, TOK_NAME_NEXT), "one space");
    cr_assert_not(has(1, TOK_NAME_NEXT), "a comma separates names");
    cr_assert(has(2, TOK_NAME_NEXT), "a hyphen inside a double-barrelled name");
    cr_assert_not(has(3, TOK_NAME_NEXT), "a line break");
    /* A hyphen after a blank is a dash; one before a blank ends a word cut
     * short, as a stammer does. */
    tok("Tamsin Quell - Chaplain. Cli- Clifford");
    cr_assert_not(has(1, TOK_NAME_NEXT), "a spaced dash ends a name");
    cr_assert(has(3, TOK_NAME_NEXT), "a word cut short");
}

Test(tokenize, initial_with_full_stop_may_join_a_name)
{
    tok("J. Quell but end. Vane");
    cr_assert(has(0, TOK_NAME_NEXT));
    cr_assert_not(has(3, TOK_NAME_NEXT), "a full stop after a word ends the name");
}

Test(tokenize, overlong_word_has_an_empty_key_and_is_reported)
{
    char s[HUSH_MAX_TOKEN_BYTES + 20];
    memset(s, 'q', sizeof s - 1);
    s[0] = ' ';
    s[sizeof s - 1] = '\0';
    tok(s);
    cr_assert_eq(toks.n, 1);
    cr_assert_eq(toks.v[0].key_len, 0, "words longer than the limit are never looked up");
    cr_assert_not_null(toks.keys.data, "an empty first key still points into storage");
    cr_assert_eq(toks.v[0].end, sizeof s - 1);
    cr_assert_eq(toks.oversize, 1, "the caller learns where the word is, to refuse the text");
    tok("short words only");
    cr_assert_eq(toks.oversize, SIZE_MAX);
}

Test(tokenize, list_is_emptied_before_reuse)
{
    tok("one two three");
    tok("four");
    cr_assert_eq(toks.n, 1);
    cr_assert_str_eq(key(0), "four");
    cr_assert_eq(toks.v[0].key, 0);
}

Test(tokenize, empty_and_punctuation_only_text_has_no_tokens)
{
    tok("");
    cr_assert_eq(toks.n, 0);
    tok(" ,.-!? \n\t");
    cr_assert_eq(toks.n, 0);
}

/* The fixed word lists match whole words only, by length and bytes. */
Test(tokenize, word_lists_match_whole_words)
{
    static const char *const words[] = {"mr", "mrs", "dr"};
    cr_assert(HUSH_WORD_IN(words, "mrs", 3));
    cr_assert(HUSH_WORD_IN(words, "mrs!", 3), "only the first n bytes are read");
    cr_assert(HUSH_WORD_IN(words, "mrs", 2), "its first two bytes spell mr");
    cr_assert_not(HUSH_WORD_IN(words, "m", 1));
    cr_assert_not(HUSH_WORD_IN(words, "drs", 3));
    cr_assert_not(hush_word_in(words, 0, "mr", 2), "an empty list holds nothing");
}

/* A plural's stems: less "s", and less "es" too after s, x, z, ch and sh. */
Test(tokenize, plural_stems_cut_s_and_es_where_english_does)
{
    size_t st[2];
    cr_assert_eq(plural_stems("bakers", 6, st), 1);
    cr_assert_eq(st[0], 5);
    cr_assert_eq(plural_stems("joneses", 7, st), 2);
    cr_assert(st[0] == 6 && st[1] == 5);
    cr_assert_eq(plural_stems("churches", 8, st), 2);
    cr_assert_eq(plural_stems("boxes", 5, st), 2);
    cr_assert_eq(plural_stems("homes", 5, st), 1, "no plural of hom");
    cr_assert_eq(plural_stems("ches", 4, st), 1, "too short for its es to go");
    cr_assert_eq(plural_stems("bus", 3, st), 0, "shorter than four letters");
    cr_assert_eq(plural_stems("baker", 5, st), 0);
}

/* The pronoun I is no part of an address or handle: "i" after an at sign in
 * the same run ("d@d.i", a domain's label), or before one ("i@s.u"), goes
 * into the address's tag whole (a fuzz find: the pronoun was cut out of
 * "d@d.i", and what was left after the tag read as an address again). */
Test(tokenize, an_i_inside_an_address_is_no_pronoun)
{
    const char *s = "x d@d.i y i@s.u z. i said";
    tok(s);
    assert_tok(s, 3, "i");
    cr_assert_not(has(3, TOK_PRONOUN_I), "a label of the domain");
    assert_tok(s, 5, "i");
    cr_assert_not(has(5, TOK_PRONOUN_I), "the local part before an at sign");
    assert_tok(s, 9, "i");
    cr_assert(has(9, TOK_PRONOUN_I), "the pronoun after a full stop and a blank");
}
