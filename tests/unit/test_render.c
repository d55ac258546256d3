/*
 * test_render.c: writing a text back out with its spans replaced by
 * category tags (render.c).
 */
#include "helpers.h"

static struct hush_ruleset *rs;
static struct hush_buf out;

static void
setup(void)
{
    tmpdir_setup();
    rs = rules_must("rule a\n  category PERSON\n  regex \\bQ\\w+\n  reason R.\n"
                    "rule b\n  category PLACE\n  regex \\bV\\w+\n  reason R.\n");
}

static void
teardown(void)
{
    hush_rules_free(rs);
    hush_buf_free(&out);
    tmpdir_teardown();
}

TestSuite(render, .init = setup, .fini = teardown);

static void
render(const char *text, const struct hush_span *v, size_t n)
{
    struct hush_spans spans = {(struct hush_span *)v, n, n};
    hush_render_tags(rs, text, strlen(text), &spans, &out);
    hush_buf_append(&out, "", 0);
}

Test(render, no_spans_copies_the_text)
{
    render("nothing to hide\r\n", NULL, 0);
    cr_assert_str_eq(out.data, "nothing to hide\r\n");
}

Test(render, spans_become_their_category_tags)
{
    const struct hush_span v[] = {{4, 9, 0, 0}, {13, 17, 1, 1}};
    render("see Quell in Vane.", v, 2);
    cr_assert_str_eq(out.data, "see [PERSON] in [PLACE].");
}

Test(render, spans_at_both_ends_of_the_text)
{
    const struct hush_span v[] = {{0, 5, 0, 0}, {9, 13, 1, 1}};
    render("Quell to Vane", v, 2);
    cr_assert_str_eq(out.data, "[PERSON] to [PLACE]");
}

Test(render, adjacent_spans_give_adjacent_tags)
{
    const struct hush_span v[] = {{0, 2, 0, 0}, {2, 4, 1, 1}};
    render("QqVv", v, 2);
    cr_assert_str_eq(out.data, "[PERSON][PLACE]");
}

Test(render, multibyte_text_around_spans_is_kept_byte_for_byte)
{
    const char *s = "Zoë — Quell’s “café”";
    size_t q = strstr(s, "Quell") - s;
    const struct hush_span v[] = {{q, q + 5, 0, 0}};
    render(s, v, 1);
    cr_assert_str_eq(out.data, "Zoë — [PERSON]’s “café”");
}

Test(render, appends_to_what_the_buffer_holds)
{
    hush_buf_append(&out, "> ", 2);
    const struct hush_span v[] = {{0, 5, 0, 0}};
    render("Quell", v, 1);
    cr_assert_str_eq(out.data, "> [PERSON]");
}

Test(render, redact_text_matches_and_renders)
{
    struct hush_error err = {0};
    const char *s = "Quell met Vane";
    cr_assert_eq(hush_redact_text(rs, s, strlen(s), &out, &err), HUSH_OK);
    hush_buf_append(&out, "", 0);
    cr_assert_str_eq(out.data, "[PERSON] met [PLACE]");
}
