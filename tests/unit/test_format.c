/*
 * test_format.c: the transcript format readers (format*.c): the scan view
 * (same length, scanned bytes in place, pass-through bytes blank), what
 * redaction through each format changes and what it leaves byte for byte,
 * malformed inputs (HUSH_EDATA, with a place and never the text),
 * detection, and clipping spans to the scanned text.  Every name here is
 * invented.
 */
#include "helpers.h"

static struct hush_ruleset *rs;
static struct hush_matcher *m;

static void
setup(void)
{
    tmpdir_setup();
    free(tmp_write("common.txt", "will\nhope\nthe\nhello\nthanks\nright\nshall\nwe\nstart\n"
                                 "yes\nmorning\nall\nplain\ntext\nand\ntoo\nhi\ni\nspoke\nto\n"));
    free(tmp_write("given.txt", "Will\nHope\nTamsin\nOrla\n"));
    free(tmp_write("surnames.txt", "Okafor\nQuell\n"));
    rs = rules_must("words common.txt\n"
                    "rule given\n"
                    "  category PERSON\n"
                    "  kind names\n"
                    "  list given.txt\n"
                    "  reason Given names.\n"
                    "rule surnames\n"
                    "  category PERSON\n"
                    "  kind names\n"
                    "  list surnames.txt\n"
                    "  reason Surnames.\n");
    m = hush_matcher_new(rs);
}

static void
teardown(void)
{
    hush_matcher_free(m);
    hush_rules_free(rs);
    rs = NULL;
    tmpdir_teardown();
}

TestSuite(format, .init = setup, .fini = teardown);

/* Redacts text read as format f; returns a malloc'd NUL-terminated result. */
static char *
redact_as(enum hush_format f, const char *columns, const char *text)
{
    struct hush_doc doc = {(char *)text, strlen(text), (char *)"t"};
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    int rc = hush_format_match(m, f, columns, &doc, &spans, &err);
    cr_assert_eq(rc, HUSH_OK, "redaction failed: %s", err.msg);
    struct hush_buf out = {0};
    hush_render_tags(rs, text, strlen(text), &spans, &out);
    hush_buf_append(&out, "", 0);
    hush_spans_free(&spans);
    return out.data;
}

#define assert_redacts_as(f, columns, input, expected)                                             \
    do {                                                                                           \
        char *got_ = redact_as((f), (columns), (input));                                           \
        cr_assert_str_eq(got_, (expected));                                                        \
        free(got_);                                                                                \
    } while (0)

/* Builds the view of text as f, which must succeed, and checks what every
 * view must be: the same length, scanned bytes as in the text, every other
 * byte a blank, a line break where the text has one, or ':'. */
static void
view_ok(enum hush_format f, const char *columns, const char *text, struct hush_view *v)
{
    struct hush_error err = {0};
    size_t len = strlen(text);
    cr_assert_eq(hush_view_build(f, columns, "t", text, len, v, &err), HUSH_OK, "%s", err.msg);
    cr_assert_eq(v->len, len, "the view is not as long as the text");
    size_t r = 0;
    for (size_t i = 0; i < len; i++) {
        while (r < v->nscan && v->scan[r].end <= i)
            r++;
        bool scanned = r < v->nscan && v->scan[r].start <= i;
        if (scanned)
            cr_assert_eq(v->text[i], text[i], "scanned byte %zu differs in the view", i);
        else if (text[i] == '\n' || text[i] == '\r')
            cr_assert_eq(v->text[i], text[i], "line break at %zu lost in the view", i);
    }
    for (size_t k = 1; k < v->nscan; k++)
        cr_assert(v->scan[k].start > v->scan[k - 1].end, "scan ranges unsorted or touching");
}

/* Is byte range [a, b) of the view scanned anywhere? */
static bool
any_scanned(const struct hush_view *v, size_t a, size_t b)
{
    for (size_t k = 0; k < v->nscan; k++)
        if (v->scan[k].start < b && v->scan[k].end > a)
            return true;
    return false;
}

/* Expects reading text as f to fail with HUSH_EDATA at line (1-based),
 * with a message that never holds a name of the fixture. */
static void
assert_malformed(enum hush_format f, const char *columns, const char *text, size_t line)
{
    struct hush_view v;
    struct hush_error err = {0};
    int rc = hush_view_build(f, columns, "bad", text, strlen(text), &v, &err);
    cr_assert_eq(rc, HUSH_EDATA, "malformed input read (status %d)", rc);
    cr_assert(msg_at(err.msg, "bad", line), "message not at bad:%zu: %s", line, err.msg);
    cr_assert_null(strstr(err.msg, "Tamsin"), "the message quotes the text");
    cr_assert_null(strstr(err.msg, "Okafor"), "the message quotes the text");
}

/* ---- WebVTT ------------------------------------------------------------- */

static const char teams[] = "WEBVTT\r\n\r\n"
                            "NOTE exported for Tamsin Quell\r\n\r\n"
                            "1a2b3c4d-0000/7-0\r\n"
                            "00:00:01.000 --> 00:00:04.000 align:start\r\n"
                            "<v Tamsin Okafor>Hello Orla, thanks\r\n"
                            "for coming.</v>\r\n\r\n"
                            "1a2b3c4d-0000/8-0\r\n"
                            "00:00:05.000 --> 00:00:06.500\r\n"
                            "<v.loud Orla Quell>Thanks Tamsin.\r\n";

Test(format, vtt_view_scans_text_and_blanks_the_rest)
{
    struct hush_view v;
    view_ok(HUSH_FORMAT_VTT, NULL, teams, &v);
    const char *timing = strstr(teams, "00:00:01.000");
    size_t t = (size_t)(timing - teams);
    cr_assert_not(any_scanned(&v, 0, 6), "the WEBVTT keyword is scanned");
    cr_assert_not(any_scanned(&v, t, t + 41), "a timing line is scanned");
    const char *voice = strstr(teams, "<v Tamsin");
    size_t at = (size_t)(voice - teams);
    cr_assert_not(any_scanned(&v, at, at + 3), "'<v ' is scanned");
    cr_assert(any_scanned(&v, at + 3, at + 16), "the voice name is not scanned");
    cr_assert_eq(v.text[at + 16], ':', "the voice tag's '>' does not read as a label's ':'");
    cr_assert(any_scanned(&v, (size_t)(strstr(teams, "1a2b") - teams),
                          (size_t)(strstr(teams, "1a2b") - teams) + 4),
              "the cue identifier is not scanned");
    hush_view_release(&v);
}

Test(format, vtt_redaction_keeps_timings_and_markup)
{
    assert_redacts_as(HUSH_FORMAT_VTT, NULL, teams,
                      "WEBVTT\r\n\r\n"
                      "NOTE exported for [PERSON]\r\n\r\n"
                      "1a2b3c4d-0000/7-0\r\n"
                      "00:00:01.000 --> 00:00:04.000 align:start\r\n"
                      "<v [PERSON]>Hello [PERSON], thanks\r\n"
                      "for coming.</v>\r\n\r\n"
                      "1a2b3c4d-0000/8-0\r\n"
                      "00:00:05.000 --> 00:00:06.500\r\n"
                      "<v.loud [PERSON]>Thanks [PERSON].\r\n");
}

/* "Will" is a common word: alone in a voice tag, at the start of the cue,
 * only the speaker-label reading makes it a name. */
Test(format, vtt_voice_name_that_is_a_word_is_a_speaker)
{
    assert_redacts_as(HUSH_FORMAT_VTT, NULL,
                      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Will>Right, shall we start?\n\n"
                      "00:03.000 --> 00:04.000\n<v Orla>Yes. I will.\n",
                      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v [PERSON]>Right, shall we start?\n\n"
                      "00:03.000 --> 00:04.000\n<v [PERSON]>Yes. I will.\n");
}

Test(format, vtt_zoom_name_prefix)
{
    assert_redacts_as(HUSH_FORMAT_AUTO, NULL,
                      "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHope Okafor: Morning all.\n",
                      "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n[PERSON]: Morning all.\n");
}

Test(format, vtt_malformed)
{
    assert_malformed(HUSH_FORMAT_VTT, NULL, "Tamsin Okafor\n", 1);
    assert_malformed(HUSH_FORMAT_VTT, NULL, "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nTamsin\n", 3);
    assert_malformed(HUSH_FORMAT_VTT, NULL, "WEBVTT\n\nid\n00:00:01.000 --> 00:00:0x.000\n", 4);
    assert_malformed(HUSH_FORMAT_VTT, NULL, "WEBVTT\n\n00:61.000 --> 00:62.000\nTamsin\n", 3);
    assert_malformed(HUSH_FORMAT_VTT, NULL, "WEBVTT\n\nTamsin Okafor\n", 3);
    assert_malformed(HUSH_FORMAT_VTT, NULL,
                     "WEBVTT\n\n00:01.000 --> 00:02.000\nTamsin\n00:03.000 --> 00:04.000\n", 5);
}

/* ---- SRT ---------------------------------------------------------------- */

static const char srt[] = "1\n00:00:00,500 --> 00:00:04,200\nTamsin: I spoke to <i>Orla</i>.\n\n"
                          "2\r\n00:00:05,000 --> 00:00:07,000\r\nINTERVIEWER: And Okafor?\r\n";

Test(format, srt_view_and_redaction)
{
    struct hush_view v;
    view_ok(HUSH_FORMAT_SRT, NULL, srt, &v);
    cr_assert_not(any_scanned(&v, 0, 32), "a cue number or timing line is scanned");
    hush_view_release(&v);
    assert_redacts_as(HUSH_FORMAT_SRT, NULL, srt,
                      "1\n00:00:00,500 --> 00:00:04,200\n[PERSON]: I spoke to <i>[PERSON]</i>.\n\n"
                      "2\r\n00:00:05,000 --> 00:00:07,000\r\nINTERVIEWER: And [PERSON]?\r\n");
}

Test(format, srt_malformed)
{
    assert_malformed(HUSH_FORMAT_SRT, NULL, "Tamsin\n00:00:00,500 --> 00:00:04,200\nhi\n", 1);
    assert_malformed(HUSH_FORMAT_SRT, NULL, "1\n00:00:00,500 --> 00:00:4,200\nTamsin\n", 2);
    assert_malformed(HUSH_FORMAT_SRT, NULL, "1\n00:00,500 --> 00:04,200\nTamsin\n", 2);
    assert_malformed(HUSH_FORMAT_SRT, NULL, "1\n", 1);
}

/* ---- CSV ---------------------------------------------------------------- */

static const char csv[] =
    "speaker,start,text,reviewer\r\n"
    "Tamsin Okafor,00:01,\"Hi, I'm \"\"Tamsin\"\",\r\nand Orla, too.\",Hope Quell\r\n"
    "\"Orla\",00:02,plain Okafor text,Hope Quell\r\n";

Test(format, csv_view_keeps_quotes_and_other_columns_out)
{
    struct hush_view v;
    view_ok(HUSH_FORMAT_CSV, NULL, csv, &v);
    cr_assert_not(any_scanned(&v, 0, 28), "the header is scanned");
    const char *q = strstr(csv, "\"\"Tamsin");
    size_t at = (size_t)(q - csv);
    cr_assert_not(any_scanned(&v, at, at + 2), "a doubled quote is scanned");
    cr_assert(any_scanned(&v, at + 2, at + 8), "quoted text is not scanned");
    const char *rev = strstr(csv, "Hope Quell");
    cr_assert_not(any_scanned(&v, (size_t)(rev - csv), (size_t)(rev - csv) + 10),
                  "an unchosen column is scanned");
    const char *sp = strstr(csv, "Tamsin Okafor,");
    cr_assert_eq(v.text[sp - csv + 13], ':', "a speaker field is not followed by ':'");
    hush_view_release(&v);
}

Test(format, csv_redaction_round_trip)
{
    assert_redacts_as(
        HUSH_FORMAT_CSV, NULL, csv,
        "speaker,start,text,reviewer\r\n"
        "[PERSON],00:01,\"Hi, I'm \"\"[PERSON]\"\",\r\nand [PERSON], too.\",Hope Quell\r\n"
        "\"[PERSON]\",00:02,plain [PERSON] text,Hope Quell\r\n");
    /* named columns, any case, blanks ignored */
    assert_redacts_as(
        HUSH_FORMAT_CSV, " Reviewer ", csv,
        "speaker,start,text,reviewer\r\n"
        "Tamsin Okafor,00:01,\"Hi, I'm \"\"Tamsin\"\",\r\nand Orla, too.\",[PERSON]\r\n"
        "\"Orla\",00:02,plain Okafor text,[PERSON]\r\n");
}

Test(format, csv_bom_and_quoted_header)
{
    assert_redacts_as(HUSH_FORMAT_AUTO, NULL, "\xEF\xBB\xBF\"Speaker\",Text\n\nOrla,hi Tamsin\n",
                      "\xEF\xBB\xBF\"Speaker\",Text\n\n[PERSON],hi [PERSON]\n");
}

Test(format, csv_malformed)
{
    assert_malformed(HUSH_FORMAT_CSV, NULL, "speaker,text\nTamsin,\"Okafor\n", 2);
    assert_malformed(HUSH_FORMAT_CSV, NULL, "speaker,text\nTamsin,Okafor\nOrla\n", 3);
    assert_malformed(HUSH_FORMAT_CSV, NULL, "speaker,text\nTamsin,Oka\"for\n", 2);
    assert_malformed(HUSH_FORMAT_CSV, NULL, "speaker,text\n\"Tamsin\"x,Okafor\n", 2);
    assert_malformed(HUSH_FORMAT_CSV, NULL, "who,what\nTamsin,Okafor\n", 1);
    assert_malformed(HUSH_FORMAT_CSV, "speaker,notes", "speaker,text\nTamsin,Okafor\n", 1);
}

/* ---- detection, names, clipping ----------------------------------------- */

Test(format, detect)
{
    const char *bom_vtt = "\xEF\xBB\xBFWEBVTT\n\n";
    cr_assert_eq(hush_format_detect(NULL, bom_vtt, strlen(bom_vtt), NULL), HUSH_FORMAT_VTT);
    cr_assert_eq(hush_format_detect("-", srt, strlen(srt), NULL), HUSH_FORMAT_SRT);
    cr_assert_eq(hush_format_detect("-", csv, strlen(csv), NULL), HUSH_FORMAT_CSV);
    cr_assert_eq(hush_format_detect("x.CSV", "a\n", 2, NULL), HUSH_FORMAT_CSV);
    const char *bom_csv = "\xEF\xBB\xBF\"Speaker\",Text\nOrla,hi\n";
    cr_assert_eq(hush_format_detect("-", bom_csv, strlen(bom_csv), NULL), HUSH_FORMAT_CSV);
    const char *txt = "Interviewer: hello, text\n";
    cr_assert_eq(hush_format_detect("-", txt, strlen(txt), NULL), HUSH_FORMAT_TXT);
    cr_assert_eq(hush_format_detect("-", "who,what\n1,2\n", 13, NULL), HUSH_FORMAT_TXT);
    cr_assert_eq(hush_format_detect("-", "who,what\n1,2\n", 13, "what"), HUSH_FORMAT_CSV);
    cr_assert_eq(hush_format_detect("-", "WEBVTTX\n", 8, NULL), HUSH_FORMAT_TXT);
    cr_assert_eq(hush_format_detect("-", "", 0, NULL), HUSH_FORMAT_TXT);
    const char *dot_srt = "1\n00:00:00.500 --> 00:00:04.200\nhi\n";
    cr_assert_eq(hush_format_detect("-", dot_srt, strlen(dot_srt), NULL), HUSH_FORMAT_TXT);
}

Test(format, names)
{
    enum hush_format f = HUSH_FORMAT_TXT;
    cr_assert_eq(hush_format_from_name("VTT", &f), HUSH_OK);
    cr_assert_eq(f, HUSH_FORMAT_VTT);
    cr_assert_eq(hush_format_from_name("auto", &f), HUSH_OK);
    cr_assert_eq(f, HUSH_FORMAT_AUTO);
    cr_assert_eq(hush_format_from_name("docx", &f), HUSH_EUSAGE);
    cr_assert_eq(f, HUSH_FORMAT_AUTO, "a refused name changed the format");
    cr_assert_str_eq(hush_format_name(HUSH_FORMAT_CSV), "csv");
}

Test(format, columns_are_checked_before_reading)
{
    cr_assert_eq(hush_format_check_columns("text"), HUSH_OK);
    cr_assert_eq(hush_format_check_columns("speaker, text"), HUSH_OK);
    cr_assert_eq(hush_format_check_columns(""), HUSH_EUSAGE);
    cr_assert_eq(hush_format_check_columns(" "), HUSH_EUSAGE);
    cr_assert_eq(hush_format_check_columns("a,,b"), HUSH_EUSAGE);
    cr_assert_eq(hush_format_check_columns("a,"), HUSH_EUSAGE);
    cr_assert_eq(hush_format_check_columns(",a"), HUSH_EUSAGE);
    cr_assert_eq(hush_format_check_columns("a,\t"), HUSH_EUSAGE);
}

Test(format, clip_cuts_spans_to_scanned_text)
{
    const char *text = "WEBVTT\n\n00:01.000 --> 00:02.000\nab<i>cd</i>ef\n";
    struct hush_view v;
    view_ok(HUSH_FORMAT_VTT, NULL, text, &v);
    size_t a = (size_t)(strstr(text, "ab<") - text);
    struct hush_spans s = {0};
    s.v = hush_xgrow(s.v, &s.cap, 2, sizeof *s.v);
    s.v[0] = (struct hush_span){0, 6, 0, 0};      /* the header: dropped */
    s.v[1] = (struct hush_span){a, a + 13, 0, 1}; /* "ab<i>cd</i>ef": three pieces */
    s.n = 2;
    struct hush_error err = {0};
    cr_assert_eq(hush_view_clip(&v, &s, &err), HUSH_OK);
    cr_assert_eq(s.n, 3);
    cr_assert_eq(s.v[0].start, a);
    cr_assert_eq(s.v[0].end, a + 2);
    cr_assert_eq(s.v[1].start, a + 5);
    cr_assert_eq(s.v[1].end, a + 7);
    cr_assert_eq(s.v[2].start, a + 11);
    cr_assert_eq(s.v[2].end, a + 13);
    cr_assert_eq(s.v[2].rule, 1);
    /* a broken invariant fails closed */
    s.v[1].start = 0;
    cr_assert_eq(hush_view_clip(&v, &s, &err), HUSH_ESOFTWARE);
    hush_spans_free(&s);
    hush_view_release(&v);
}

Test(format, txt_reads_as_before)
{
    const char *text = "Will: Hope Okafor rang.\n<v Orla>\n00:01.000 --> 00:02.000\n";
    char *a = redact_as(HUSH_FORMAT_TXT, NULL, text);
    char *b = redact(rs, text);
    cr_assert_str_eq(a, b);
    free(a);
    free(b);
}

/* The engine's messages give the place in the document, not in the view,
 * whose lines differ where a CSV comma became a line break. */
Test(format, engine_errors_are_placed_in_the_document)
{
    char text[512] = "speaker,text\nOrla,hi\nTamsin,ok ";
    size_t n = strlen(text);
    memset(text + n, 'x', 300);
    strcpy(text + n + 300, "\n");
    struct hush_doc doc = {text, strlen(text), (char *)"long.csv"};
    struct hush_spans spans = {0};
    struct hush_findings f = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_format_match(m, HUSH_FORMAT_AUTO, NULL, &doc, &spans, &err), HUSH_EDATA);
    cr_assert_eq(msg_col(err.msg, "long.csv", 3), 11, "misplaced: %s", err.msg);
    err = (struct hush_error){0};
    cr_assert_eq(hush_format_verify(m, HUSH_FORMAT_CSV, NULL, &doc, &f, &err), HUSH_EDATA);
    cr_assert_eq(msg_col(err.msg, "long.csv", 3), 11, "misplaced: %s", err.msg);
    hush_spans_free(&spans);
    hush_findings_free(&f);
}

/* A speaker column's field is a speaker label: "Will" there is a name,
 * where alone in the text column it is a word. */
Test(format, csv_speaker_column_is_a_label)
{
    assert_redacts_as(HUSH_FORMAT_CSV, NULL, "speaker,start,text\nWill,00:01,Shall we start?\n",
                      "speaker,start,text\n[PERSON],00:01,Shall we start?\n");
    assert_redacts_as(HUSH_FORMAT_CSV, NULL, "speaker,start,text\nOrla,00:01,Will\n",
                      "speaker,start,text\n[PERSON],00:01,Will\n");
}
