/*
 * linkage_report.c: what the custodian does with an opened linkage: list
 * it as CSV, and put original names back into a pseudonymised text.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes what a record's pseudonym looks like in a text, without its
 * brackets: its register label, or CATEGORY-CODE. */
static void
shown(const struct hush_link *l, char *out, size_t size)
{
    if (l->label[0])
        snprintf(out, size, "%s", l->label);
    else
        snprintf(out, size, "%s-%s", l->category, l->code);
}

static int
link_order(const void *a, const void *b)
{
    const struct hush_link *x = a, *y = b;
    int c = strcmp(x->category, y->category);
    if (c == 0)
        c = strcmp(x->code, y->code);
    return c;
}

/* Appends s as one quoted CSV field.  A field that a spreadsheet would
 * take for a formula (starting =, +, -, @) gets a leading ' so that opening
 * the linkage runs nothing. */
static void
csv_field(struct hush_buf *out, const char *s)
{
    hush_buf_append(out, "\"", 1);
    if (*s && strchr("=+-@", *s))
        hush_buf_append(out, "'", 1);
    for (; *s; s++) {
        if (*s == '"')
            hush_buf_append(out, "\"", 1);
        hush_buf_append(out, s, 1);
    }
    hush_buf_append(out, "\"", 1);
}

static int
str_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the distinct strings of v[0..n), sorted, joined with "; ", as
 * one CSV field. */
static void
joined_field(struct hush_buf *out, const char **v, size_t n)
{
    qsort(v, n, sizeof *v, str_order);
    struct hush_buf j = {0};
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
            continue;
        if (j.len)
            hush_buf_append(&j, "; ", 2);
        hush_buf_append(&j, v[i], strlen(v[i]));
    }
    hush_buf_append(&j, "", 1);
    csv_field(out, j.data);
    hush_buf_free(&j);
}

/* A copy of l's records sorted by category and code, so that the records
 * of one pseudonym are side by side. */
static struct hush_link *
sorted_links(const struct hush_linkage *l)
{
    struct hush_link *v = hush_xcalloc(l->n ? l->n : 1, sizeof *v);
    if (l->n)
        memcpy(v, l->v, l->n * sizeof *v);
    qsort(v, l->n, sizeof *v, link_order);
    return v;
}

void
hush_linkage_csv(const struct hush_linkage *l, struct hush_buf *out)
{
    hush_buf_printf(out, "pseudonym,category,forms,documents\n");
    struct hush_link *v = sorted_links(l);
    const char **forms = hush_xcalloc(l->n ? l->n : 1, sizeof *forms);
    const char **docs = hush_xcalloc(l->n ? l->n : 1, sizeof *docs);
    for (size_t i = 0; i < l->n;) {
        size_t k = i;
        for (; k < l->n && link_order(&v[i], &v[k]) == 0; k++) {
            forms[k - i] = v[k].form;
            docs[k - i] = v[k].document;
        }
        char name[HUSH_MAX_LABEL + 64];
        shown(&v[i], name, sizeof name);
        csv_field(out, name);
        hush_buf_append(out, ",", 1);
        csv_field(out, v[i].category);
        hush_buf_append(out, ",", 1);
        joined_field(out, forms, k - i);
        hush_buf_append(out, ",", 1);
        joined_field(out, docs, k - i);
        hush_buf_append(out, "\n", 1);
        i = k;
    }
    free(forms);
    free(docs);
    free(v);
}

/* The longest form recorded for the pseudonym written s[0..n), or NULL. */
static const char *
form_of(const struct hush_linkage *l, const char *s, size_t n)
{
    const char *best = NULL;
    char want[HUSH_MAX_LABEL + 64];
    for (size_t i = 0; i < l->n; i++) {
        shown(&l->v[i], want, sizeof want);
        if (strlen(want) == n && memcmp(want, s, n) == 0 &&
            (best == NULL || strlen(l->v[i].form) > strlen(best)))
            best = l->v[i].form;
    }
    return best;
}

size_t
hush_reidentify(const struct hush_linkage *l, const char *text, size_t len, struct hush_buf *out)
{
    size_t at = 0, done = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '[')
            continue;
        size_t e = i + 1;
        while (e < len && e - i <= HUSH_MAX_LABEL + 48 &&
               (is_category_char(text[e]) || text[e] == '-'))
            e++;
        const char *form = e < len && text[e] == ']' ? form_of(l, text + i + 1, e - i - 1) : NULL;
        if (form == NULL)
            continue;
        hush_buf_append(out, text + at, i - at);
        hush_buf_append(out, form, strlen(form));
        at = e + 1;
        i = e;
        done++;
    }
    hush_buf_append(out, text + at, len - at);
    return done;
}
