/*
 * register.c: a study's register of known people (or places, or teams):
 * a CSV file with the columns entity, category, label and aliases, named
 * by "register FILE" in a rule file.  Every alias (aliases are separated
 * by ';') is found as an identifier of its category, and pseudonymise
 * writes the entity's label ("[PSW-03]") for each of them.  A register
 * names real people: it belongs to the study, never to the repository.
 * Messages give the row, never an alias.
 */
#include "internal.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum column { COL_ENTITY, COL_CATEGORY, COL_LABEL, COL_ALIASES, NCOLS };
static const char *const column_names[NCOLS] = {"entity", "category", "label", "aliases"};

struct reg_state {
    struct hush_ruleset *rs;
    const char *path;
    size_t row, field;
    long col[NCOLS]; /* field index of each column, from the header */
    char *value[NCOLS];
    struct hush_error *err;
    int rc;
};

bool
register_label_ok(const char *s, size_t n)
{
    if (n == 0 || n > HUSH_MAX_LABEL || !(s[0] >= 'A' && s[0] <= 'Z'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_category_char(s[i]) && s[i] != '-')
            return false;
    return true;
}

static void
reg_field(void *s, size_t n, void *data)
{
    struct reg_state *st = data;
    if (st->row == 0) {
        for (int c = 0; c < NCOLS; c++)
            if (strlen(column_names[c]) == n && memcmp(s, column_names[c], n) == 0)
                st->col[c] = (long)st->field;
    } else {
        for (int c = 0; c < NCOLS; c++)
            if (st->col[c] == (long)st->field) {
                free(st->value[c]);
                st->value[c] = hush_xstrndup(s, n);
            }
    }
    st->field++;
}

/* Splits the aliases field into canonical entity keys. */
static void
add_aliases(struct register_entry *e, const char *aliases)
{
    const char *p = aliases;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        struct hush_buf k = {0};
        if (hush_entity_key(p, n, &k) > 0) {
            hush_buf_append(&k, "", 1);
            e->keys = hush_xrealloc(e->keys, (e->nkeys + 1) * sizeof *e->keys);
            e->forms = hush_xrealloc(e->forms, (e->nkeys + 1) * sizeof *e->forms);
            const char *t = p, *end = p + n;
            while (t < end && (*t == ' ' || *t == '\t'))
                t++;
            while (end > t && (end[-1] == ' ' || end[-1] == '\t'))
                end--;
            e->forms[e->nkeys] = hush_xstrndup(t, (size_t)(end - t));
            e->keys[e->nkeys++] = k.data;
        } else {
            hush_buf_free(&k);
        }
        p += n + (semi != NULL);
    }
}

/* Checks one data row and adds its entry. */
static int
add_row(struct reg_state *st)
{
    size_t line = st->row + 1;
    for (int c = 0; c < NCOLS; c++)
        if (st->value[c] == NULL || st->value[c][0] == '\0')
            return hush_error_set(st->err, HUSH_ECONFIG, "%s:%zu: the %s column is empty", st->path,
                                  line, column_names[c]);
    const char *cat = st->value[COL_CATEGORY];
    for (const char *p = cat; *p; p++)
        if (!is_category_char(*p))
            return hush_error_set(st->err, HUSH_ECONFIG,
                                  "%s:%zu: a category is upper-case letters, digits and _",
                                  st->path, line);
    const char *label = st->value[COL_LABEL];
    if (!register_label_ok(label, strlen(label)))
        return hush_error_set(st->err, HUSH_ECONFIG,
                              "%s:%zu: a label is an upper-case letter, then upper-case letters, "
                              "digits, _ and -, at most %d",
                              st->path, line, HUSH_MAX_LABEL);
    struct hush_ruleset *rs = st->rs;
    for (size_t i = 0; i < rs->nreg; i++) {
        if (strcmp(rs->reg[i].entity, st->value[COL_ENTITY]) == 0)
            return hush_error_set(st->err, HUSH_ECONFIG, "%s:%zu: entity listed twice (row %zu)",
                                  st->path, line, rs->reg[i].line);
        if (strcmp(rs->reg[i].label, label) == 0)
            return hush_error_set(st->err, HUSH_ECONFIG, "%s:%zu: label used twice (row %zu)",
                                  st->path, line, rs->reg[i].line);
    }
    struct register_entry e = {0};
    e.category = rules_category(rs, cat);
    e.entity = hush_xstrdup(st->value[COL_ENTITY]);
    e.label = hush_xstrdup(label);
    e.line = line;
    add_aliases(&e, st->value[COL_ALIASES]);
    for (size_t i = 0; i < rs->nreg; i++)
        for (size_t a = 0; rs->reg[i].category == e.category && a < rs->reg[i].nkeys; a++)
            for (size_t b = 0; b < e.nkeys; b++)
                if (strcmp(rs->reg[i].keys[a], e.keys[b]) == 0) {
                    register_entry_free(&e);
                    return hush_error_set(st->err, HUSH_ECONFIG,
                                          "%s:%zu: an alias also names the entity of row %zu",
                                          st->path, line, rs->reg[i].line);
                }
    if (e.nkeys == 0) {
        register_entry_free(&e);
        return hush_error_set(st->err, HUSH_ECONFIG, "%s:%zu: no alias", st->path, line);
    }
    rs->reg = hush_xgrow(rs->reg, &rs->cap_reg, rs->nreg + 1, sizeof *rs->reg);
    rs->reg[rs->nreg++] = e;
    return HUSH_OK;
}

static void
reg_row(int c, void *data)
{
    (void)c;
    struct reg_state *st = data;
    if (st->row == 0) {
        for (int k = 0; k < NCOLS && st->rc == HUSH_OK; k++)
            if (st->col[k] < 0)
                st->rc = hush_error_set(st->err, HUSH_ECONFIG,
                                        "%s:1: the header has no '%s' column (it needs entity, "
                                        "category, label and aliases)",
                                        st->path, column_names[k]);
    } else if (st->rc == HUSH_OK) {
        st->rc = add_row(st);
    }
    for (int k = 0; k < NCOLS; k++) {
        free(st->value[k]);
        st->value[k] = NULL;
    }
    st->row++;
    st->field = 0;
}

int
register_parse(struct hush_ruleset *rs, const char *path, const char *data, size_t len,
               struct hush_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return hush_error_set(err, HUSH_ESOFTWARE, "%s: the CSV parser cannot start", path);
    struct reg_state st = {rs, path, 0, 0, {-1, -1, -1, -1}, {NULL}, err, HUSH_OK};
    size_t done = csv_parse(&p, data, len, reg_field, reg_row, &st);
    bool bad = done != len || csv_fini(&p, reg_field, reg_row, &st) != 0;
    csv_free(&p);
    for (int k = 0; k < NCOLS; k++)
        free(st.value[k]);
    if (st.rc == HUSH_OK && bad)
        st.rc = hush_error_set(err, HUSH_ECONFIG, "%s:%zu: malformed CSV", path, st.row + 1);
    if (st.rc == HUSH_OK && st.row < 2)
        st.rc = hush_error_set(err, HUSH_ECONFIG, "%s: a register with no entries", path);
    return st.rc;
}

const struct register_entry *
register_find(const struct hush_ruleset *rs, uint32_t category, const char *key)
{
    for (size_t i = 0; i < rs->nreg; i++)
        for (size_t a = 0; rs->reg[i].category == category && a < rs->reg[i].nkeys; a++)
            if (strcmp(rs->reg[i].keys[a], key) == 0)
                return &rs->reg[i];
    return NULL;
}

bool
register_has_label(const struct hush_ruleset *rs, const char *s, size_t n)
{
    for (size_t i = 0; i < rs->nreg; i++)
        if (strlen(rs->reg[i].label) == n && memcmp(rs->reg[i].label, s, n) == 0)
            return true;
    return false;
}

void
register_entry_free(struct register_entry *e)
{
    for (size_t i = 0; i < e->nkeys; i++) {
        free(e->keys[i]);
        free(e->forms[i]);
    }
    free(e->keys);
    free(e->forms);
    free(e->entity);
    free(e->label);
    memset(e, 0, sizeof *e);
}
