/*
 * triggers.c: finds the words a regex must begin with, so that it is tried
 * only at tokens that are one of them ("called", "my", "Dr") instead of at
 * every word that starts with the same letter.
 *
 * The reading of the pattern is deliberately narrow: \b, (?i), (?m),
 * negative lookaheads and lookbehinds may come first; then, in every
 * branch of the pattern, a literal word, a group (capturing or not, not
 * optional) whose every branch begins so, or a call of a define whose every
 * branch begins so.  A word is letters (ASCII, or Latin with marks),
 * apostrophes and [Aa]-style case pairs, and must be followed by something
 * that ends a token (\s, a space, \., a comma, a hyphen, a class of such
 * characters, \b, a lookahead that requires one...), in every way the
 * pattern can go on; the pattern's end does not ("\bTwi" matches in
 * "Twin").  \b ends a word as the tokeniser does except before an
 * apostrophe, an invisible character or a mark, which a token holds:
 * match.c tries such a token's opening word too.  Syntax this reading does
 * not follow (\Q, \c, comments, POSIX classes, extended mode), a pattern
 * too costly to read, or anything else means "no triggers", and the rule
 * is tried by its first byte: the result is never narrower than the regex.
 */
#include "internal.h"

#include <string.h>

#define TRIGGER_WORD_BYTES 64 /* longest literal word read as a trigger */

static bool
starts(const char *p, const char *end, const char *s)
{
    size_t n = strlen(s);
    return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Scans from p, skipping escapes and character classes, for the
 * parenthesis that brings depth (the groups open at p) to 0, or, when bar
 * is set, for a '|' where depth is 1 (the end of a branch of the group p
 * is in); NULL when there is none before end. */
static const char *
scan_group(const char *p, const char *end, int depth, bool bar)
{
    bool in_class = false;
    for (; p < end; p++) {
        if (*p == '\\') {
            if (p + 1 < end)
                p++;
            continue;
        }
        if (in_class) {
            if (*p == ']')
                in_class = false;
            continue;
        }
        if (*p == '[') {
            in_class = true;
            if (p + 1 < end && p[1] == '^')
                p++;
            if (p + 1 < end && p[1] == ']')
                p++;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')' && --depth == 0) {
            return p;
        } else if (*p == '|' && bar && depth == 1) {
            return p;
        }
    }
    return NULL;
}

/* The parenthesis closing the group that opens at p, or NULL. */
static const char *
closing_paren(const char *p, const char *end)
{
    return scan_group(p, end, 0, false);
}

/* The parenthesis closing the group that p (inside it, not in a nested
 * group or a class) is in, or NULL. */
static const char *
group_close(const char *p, const char *end)
{
    return scan_group(p, end, 1, false);
}

/* The end of the branch that starts at b, inside a group whose inside
 * ends at close: the next '|' of that group, or close. */
static const char *
branch_end(const char *b, const char *close)
{
    const char *e = scan_group(b, close, 1, true);
    return e != NULL ? e : close;
}

/* Skips a quantifier at p; sets *optional when it allows zero. */
static const char *
skip_quantifier(const char *p, const char *end, bool *optional)
{
    *optional = false;
    if (p >= end)
        return p;
    if (*p == '?' || *p == '*') {
        *optional = true;
        p++;
    } else if (*p == '+') {
        p++;
    } else if (*p == '{') {
        *optional = p + 1 < end && p[1] == '0';
        const char *c = memchr(p, '}', (size_t)(end - p));
        if (c == NULL)
            return p;
        p = c + 1;
    } else {
        return p;
    }
    if (p < end && (*p == '?' || *p == '+')) /* lazy or possessive */
        p++;
    return p;
}

/* Is the escape of c after a backslash a character that no word holds
 * (a space of some kind, or punctuation that is no part of a token)? */
static bool
separator_escape(char backslash, char c)
{
    return backslash == '\\' && c != '\0' && strchr("shtnrvf.,:;!?()[]{}/|", c) != NULL;
}

/* The ']' of the character class that opens at f when every character it
 * holds ends a word (spaces, and punctuation that no token holds: a full
 * stop, as for "\.", and a hyphen first or last, where it stands for
 * itself; not an apostrophe or an underscore, which join words), or NULL:
 * "[:=]", "[- ]" and "[\s,]" do, "[ a]", "[a-z]" and "[^,]" do not. */
static const char *
separator_class_end(const char *f, const char *end)
{
    const char *p = f + 1;
    if (p < end && *p == '^')
        return NULL;
    for (; p < end && *p != ']'; p++) {
        if (*p == '\\') {
            if (p + 1 >= end || !separator_escape(p[0], p[1]))
                return NULL;
            p++;
        } else if (*p == '-' ? p != f + 1 && p + 1 < end && p[1] != ']'
                             : *p == '[' || *p == '\0' ||
                                   strchr(" \t.,:;!?()=/&+<>{}|\"*#~", *p) == NULL) {
            return NULL;
        }
    }
    return p < end && p > f + 1 ? p : NULL;
}

/* What a region of the pattern is followed by, when the reading reaches
 * its end: the text from p to end, then what next says follows that; the
 * stop, whose p is NULL, where the pattern ends. */
struct cont {
    const char *p, *end; /* p NULL: the stop, where the pattern ends */
    const struct cont *next;
    unsigned *steps; /* ends_word's calls so far for the pattern, shared */
};

/* ends_word's calls for one pattern: reading each branch of a group on
 * into what follows doubles the work for every group that may take no
 * text, so a pattern past this has no triggers rather than a long load. */
#define TRIGGER_STEPS 20000

static bool ends_word(const char *f, const char *end, const struct cont *k);

/* Does every branch of the group whose inside runs from inner to close end
 * a word, each read on into what k says follows? */
static bool
branches_end_word(const char *inner, const char *close, const struct cont *k)
{
    for (const char *b = inner;; b++) {
        const char *e = branch_end(b, close);
        if (!ends_word(b, e, k))
            return false;
        if (e == close)
            return true;
        b = e;
    }
}

/* Does the text at f, up to end and then what k says follows, end a
 * word?  Only when all of it has been read does the pattern end. */
static bool
ends_word(const char *f, const char *end, const struct cont *k)
{
    if (++*k->steps > TRIGGER_STEPS)
        return false;
    /* Where the pattern ends (k is the stop), the word may go on
     * ("\bTwi" matches in "Twin"): only what the pattern reads ends it. */
    if (f >= end)
        return k->p != NULL && ends_word(k->p, k->end, k->next);
    bool optional;
    if (*f == ' ' || *f == ',' || *f == ':' || *f == ';' || *f == '&' || *f == '-') {
        const char *after = skip_quantifier(f + 1, end, &optional);
        return !optional || ends_word(after, end, k);
    }
    if (f + 1 < end && (separator_escape(f[0], f[1]) || f[0] == '[')) {
        const char *q = f[0] == '[' ? separator_class_end(f, end) : f + 1;
        if (q == NULL)
            return false;
        const char *after = skip_quantifier(q + 1, end, &optional);
        /* Something optional ends the word only if what follows it does:
         * "Dr\.?Quell" also matches "DrQuell", one token; "woman\s*," is
         * fine. */
        return !optional || ends_word(after, end, k);
    }
    if (starts(f, end, "(?<!") || starts(f, end, "(?<=") || starts(f, end, "(?!") ||
        starts(f, end, "(?=")) {
        /* An assertion takes no text: what follows it decides; or, for a
         * lookahead that must hold, its every branch ("Twi(?=\s)"). */
        const char *close = closing_paren(f, end);
        if (close == NULL)
            return false;
        if (ends_word(close + 1, end, k))
            return true;
        if (!starts(f, end, "(?=") ||
            (close + 1 < end && (close[1] == '?' || close[1] == '*' || close[1] == '{')))
            return false;
        const struct cont none = {NULL, NULL, NULL, k->steps};
        return branches_end_word(f + 3, close, &none);
    }
    if (starts(f, end, "(?:")) {
        /* Every branch of the group must end the word, read on into what
         * follows the group ("Ref(?:\s|X)" does not: "RefX1234" is one
         * token); and, when the group may be skipped, so must that.  A
         * repeated group needs no more: a branch that takes no text and
         * then reads on into what follows the group has been checked, and
         * another turn of the group begins with one of its branches. */
        const char *close = closing_paren(f, end);
        if (close == NULL)
            return false;
        const char *after = skip_quantifier(close + 1, end, &optional);
        const struct cont then = {after, end, k, k->steps};
        return branches_end_word(f + 3, close, &then) && (!optional || ends_word(after, end, k));
    }
    if (*f == '|') {
        /* The end of a branch: what follows the group it is a branch of
         * decides (a branch of the whole pattern: no telling). */
        f = group_close(f, end);
        if (f == NULL)
            return false;
    }
    if (*f == ')') {
        /* The close of a group the word ends: what follows the group
         * decides, unless the group repeats (the word may be followed by
         * the group's start again). */
        if (f + 1 < end && (f[1] == '?' || f[1] == '*' || f[1] == '+' || f[1] == '{'))
            return false;
        return ends_word(f + 1, end, k);
    }
    return starts(f, end, "\\b");
}

struct found {
    struct hush_buf words; /* NUL-separated */
    size_t n;
    const char *pattern, *pattern_end; /* the whole pattern, its defines appended */
    unsigned depth;                    /* defines entered, against a define that calls itself */
    unsigned steps;                    /* ends_word's calls (TRIGGER_STEPS) */
};

/* Defines entered at most, one inside another. */
#define TRIGGER_DEFINE_DEPTH 4

static bool seq_words(const char *p, const char *end, const char *after, const char *pend,
                      struct found *out);

/* A literal word at p; after/pend is what follows when the word reaches
 * end. */
static bool
word(const char *p, const char *end, const char *after, const char *pend, struct found *out)
{
    char buf[TRIGGER_WORD_BYTES];
    size_t n = 0, letters = 0;
    /* A token begins after an apostrophe that opens a word ("'em"). */
    if (p < end && (*p == '\'' || starts(p, end, "\xe2\x80\x99")))
        return false;
    while (p < end) {
        if (n + 1 >= sizeof buf)
            return false; /* too long to be a trigger: the rule keeps its start bytes */
        unsigned char c = (unsigned char)*p;
        if ((unsigned)((c | 0x20) - 'a') < 26u) {
            buf[n++] = (char)(c | 0x20);
            letters++;
            p++;
        } else if (c == '[' && end - p >= 4 && p[3] == ']' &&
                   (unsigned)((p[1] | 0x20) - 'a') < 26u && (p[1] | 0x20) == (p[2] | 0x20)) {
            buf[n++] = (char)(p[1] | 0x20);
            letters++;
            p += 4;
        } else if (c >= 0xC3 && c <= 0xC9 && end - p >= 2 && ((unsigned char)p[1] & 0xC0) == 0x80) {
            /* A Latin letter with a mark (U+00C0 to U+027F: "ă" of
             * "Doamnă", "ó"): kept as written, for tokenize to fold as it
             * folds the text.  U+00D7 and U+00F7 are signs, not letters. */
            if ((c == 0xC3 && ((unsigned char)p[1] == 0x97 || (unsigned char)p[1] == 0xB7)) ||
                n + 3 >= sizeof buf)
                break;
            buf[n++] = (char)c;
            buf[n++] = p[1];
            letters++;
            p += 2;
        } else if (c == '\'') {
            buf[n++] = '\'';
            p++;
        } else if (starts(p, end, "\xe2\x80\x99")) {
            buf[n++] = '\'';
            p += 3;
        } else {
            break;
        }
    }
    if (letters == 0)
        return false;
    if (p < end && (*p == '?' || *p == '*' || *p == '{' || *p == '+'))
        return false; /* the word's last letter is quantified */
    const struct cont stop = {NULL, NULL, NULL, &out->steps};
    const struct cont then = {after, pend, &stop, &out->steps};
    if (!ends_word(p, end, &then))
        return false;
    hush_buf_append(&out->words, buf, n);
    hush_buf_append(&out->words, "", 1);
    out->n++;
    return true;
}

/* Each top-level branch of [inner, close) must begin with a word; after is
 * what follows the group. */
static bool
branches(const char *inner, const char *close, const char *after, const char *pend,
         struct found *out)
{
    for (const char *b = inner;; b++) {
        const char *e = branch_end(b, close);
        if (!seq_words(b, e, after, pend, out))
            return false;
        if (e == close)
            return true;
        b = e;
    }
}

/* A call of a define at p ("(?&kin_title)"), read as the define's own
 * pattern would be in its place: the rule set appends the define to the
 * pattern as "(?<kin_title>...)" inside "(?(DEFINE)...)", and the call,
 * with the rest of the sequence and what follows it, is read again with
 * that pattern as a non-capturing group. */
static bool
define_call(const char *p, const char *end, const char *after, const char *pend, struct found *out)
{
    const char *name = p + 3, *close = memchr(name, ')', (size_t)(end - name));
    if (close == NULL || close == name || out->depth >= TRIGGER_DEFINE_DEPTH)
        return false;
    size_t n = (size_t)(close - name);
    const char *def = NULL;
    for (const char *q = out->pattern; q + n + 4 <= out->pattern_end && def == NULL; q++)
        if (q[0] == '(' && q[1] == '?' && q[2] == '<' && memcmp(q + 3, name, n) == 0 &&
            q[n + 3] == '>')
            def = q;
    const char *def_close = def ? closing_paren(def, out->pattern_end) : NULL;
    if (def_close == NULL)
        return false;
    /* The sequence, then what follows it ([after, pend)), in one string as
     * every pointer here must be. */
    struct hush_buf b = {0};
    hush_buf_append(&b, "(?:", 3);
    hush_buf_append(&b, def + n + 4, (size_t)(def_close - (def + n + 4)));
    hush_buf_append(&b, ")", 1);
    hush_buf_append(&b, close + 1, (size_t)(end - (close + 1)));
    size_t seq = b.len;
    hush_buf_append(&b, after, (size_t)(pend - after));
    out->depth++;
    bool ok = seq_words(b.data, b.data + seq, b.data + seq, b.data + b.len, out);
    out->depth--;
    hush_buf_free(&b);
    return ok;
}

/* A group at p (which starts with '('). */
static bool
group(const char *p, const char *end, const char *pend, struct found *out)
{
    const char *inner;
    if (starts(p, end, "(?:"))
        inner = p + 3;
    else if (starts(p, end, "(?i:"))
        inner = p + 4;
    else if (p + 1 < end && p[1] != '?' && p[1] != '*')
        inner = p + 1;
    else
        return false;
    const char *close = closing_paren(p, end);
    if (close == NULL)
        return false;
    bool optional;
    const char *after = skip_quantifier(close + 1, end, &optional);
    if (optional)
        return false;
    return branches(inner, close, after, pend, out);
}

static bool
seq_words(const char *p, const char *end, const char *after, const char *pend, struct found *out)
{
    for (;;) {
        if (starts(p, end, "\\b")) {
            p += 2;
        } else if (starts(p, end, "(?i)") || starts(p, end, "(?m)")) {
            p += 4;
        } else if (starts(p, end, "(?!") || starts(p, end, "(?<!") || starts(p, end, "(?<=")) {
            /* A lookahead narrows what follows; a lookbehind looks before
             * the start: neither moves where a match may begin. */
            const char *c = closing_paren(p, end);
            if (c == NULL)
                return false;
            p = c + 1;
        } else {
            break;
        }
    }
    if (p >= end)
        return false;
    if (starts(p, end, "(?&"))
        return define_call(p, end, after, pend, out);
    if (*p == '(')
        return group(p, end, pend, out);
    return word(p, end, after, pend, out);
}

/* Does the pattern use syntax this reading does not follow: \Q...\E or \E
 * (which may also stand between an atom and its quantifier), \c (which
 * takes the next character, a parenthesis too), a comment, a POSIX class
 * inside a class, or extended mode, set anywhere (which makes a space no
 * character)?  Then it has no triggers. */
static bool
unfollowed_syntax(const char *p)
{
    bool in_class = false;
    for (; *p != '\0'; p++) {
        if (*p == '\\') {
            if (p[1] == 'Q' || p[1] == 'E' || p[1] == 'c')
                return true;
            if (p[1] != '\0')
                p++;
        } else if (in_class) {
            if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '='))
                return true;
            in_class = *p != ']';
        } else if (*p == '[') {
            in_class = true;
            if (p[1] == '^')
                p++;
            if (p[1] == ']')
                p++;
        } else if (p[0] == '(' && p[1] == '?') {
            if (p[2] == '#')
                return true;
            for (const char *q = p + 2;
                 *q != '\0' && strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^-", *q);
                 q++)
                if (*q == 'x')
                    return true;
        }
    }
    return false;
}

size_t
regex_triggers(const char *pattern, struct hush_buf *words)
{
    if (unfollowed_syntax(pattern))
        return 0;
    const char *end = pattern + strlen(pattern);
    struct found f = {{0}, 0, pattern, end, 0, 0};
    size_t n = 0;
    /* The pattern is read as a group: each of its branches must begin with
     * a word ("called\s|named\s"). */
    if (branches(pattern, end, end, end, &f) && f.steps <= TRIGGER_STEPS) {
        hush_buf_append(words, f.words.data, f.words.len);
        n = f.n;
    }
    hush_buf_free(&f.words);
    return n;
}
