/*
 * internal.h: what the modules of libhush share with each other and with
 * the unit tests, but not with the tools.  The ownership rule of hush.h
 * holds here too.
 */
#ifndef HUSH_INTERNAL_H
#define HUSH_INTERNAL_H

#include "hush.h"

#include <stdbool.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* ---- tokens (tokenize.c, normalize.c) ------------------------------------
 * A token is a run of letters, marks and digits, with apostrophes and
 * invisible characters (zero-width spaces and joiners, soft hyphens) allowed
 * inside it.  A possessive 's or s' at the end is not part of the token. */

enum token_flag {
    TOK_CAPITALISED = 1 << 0, /* first letter upper case, some letter lower */
    TOK_ALLCAPS = 1 << 1,     /* two or more letters, none lower case */
    TOK_SENTENCE_START = 1 << 2,
    TOK_LABEL = 1 << 3,      /* inside a speaker label at a line start */
    TOK_INITIAL = 1 << 4,    /* one upper-case letter, e.g. the J of "J. Smith" */
    TOK_DIGITS = 1 << 5,     /* starts with a digit */
    TOK_JOINS_NEXT = 1 << 6, /* a multi-word list entry may span the gap to the next token */
    TOK_NAME_NEXT = 1 << 7,  /* a person's name may span the gap to the next token */
    TOK_POSSESSIVE = 1 << 8, /* a possessive 's followed, outside the token */
    /* the pronoun I ("I", "I'm", "I've", "I'll", "I'd"), not a letter spelt
     * out ("N-I-A-M-H") or an initial ("I. Khan"): no identifier contains
     * it, and a text's casing is judged by it */
    TOK_PRONOUN_I = 1 << 9,
    /* in a speaker label, and the same word labels another line too: a
     * speaker speaks more than once, a header's field ("Sample:") mostly
     * once */
    TOK_LABEL_AGAIN = 1 << 10,
    /* in a speaker label that holds a tag ("[PERSON] I6 AnI:"): how many
     * words the tag stood for is unknown, so such a label neither labels
     * another line nor is labelled again by one, and a text reads the
     * same once redacted */
    TOK_LABEL_TAGGED = 1 << 11,
    /* in the role note in brackets after a speaker label's name ("Practice
     * Mgr" of "Sue (Practice Mgr):"): a role, where a capital is no
     * evidence of a name */
    TOK_ROLE_NOTE = 1 << 12
};

struct token {
    uint32_t start, end; /* bytes in the text */
    uint32_t key;        /* offset of the normalised form in the key arena */
    uint16_t key_len;
    uint16_t flags;
    uint64_t hash; /* hash of the normalised form */
};

struct label_ref {
    uint64_t hash; /* the token's */
    size_t tok;
};

struct token_list {
    struct token *v;
    size_t n, cap;
    struct hush_buf keys;    /* normalised forms, back to back */
    size_t oversize;         /* offset of the first word over HUSH_MAX_TOKEN_BYTES, or SIZE_MAX */
    size_t i_upper, i_lower; /* uses of the pronoun I written with 'I' and with 'i' */
    /* Sentences after a full stop (or ! ? : ;) that open with a common
     * function word ("The", "she"), written capitalised and in lower case */
    size_t start_upper, start_lower;
    /* Words that only lists of people's names hold (no English word),
     * written capitalised and in lower case, outside addresses; counted by
     * names_find (names_case_count) */
    size_t names_upper, names_lower;
    size_t other_tags;        /* and the tags of figures ("[DATE]") */
    struct label_ref *labels; /* scratch: the label tokens, while TOK_LABEL_AGAIN is set */
    size_t cap_labels;
    /* Set by the caller and kept by tokenize: the categories whose tags
     * stand for words, not figures (the rule set's word-tags), so that
     * "Lead Nurse: [PERSON]" stays a speaker label once redacted. */
    const char *const *word_tags;
    size_t nword_tags;
};

/* Splits text into tokens, appending to list (which it empties first).  A
 * word longer than HUSH_MAX_TOKEN_BYTES is not looked up; its offset is left
 * in list->oversize so that callers refuse the text rather than miss it. */
void tokenize(const char *text, size_t len, struct token_list *list);
/* Does a tag of figures open at text[v]: a tag ("[AGE]", "[CONTACT-K7QX2M9A]")
 * of a category that list's word_tags do not name, which may have replaced
 * a number, an address or a date?  The one test of it that the tokeniser
 * and the name rules share, so that a redacted text reads as its original
 * did wherever a number gave evidence. */
bool figures_tag_at(const struct token_list *list, const char *text, size_t len, size_t v);
/* Is token t an initial: one capital alone ("J" of "J. Smith"), but the
 * pronoun I, unless it follows another initial's full stop ("S.I."), and
 * not the last piece of a code after a hyphen ("2311-4418-C")?  A full
 * stop after one ends no sentence, and goes into its tag. */
bool initial_token(const char *text, const struct token *t);
/* The next entry of a plain list (one a line; blanks and a carriage
 * return at either end trimmed; empty lines and lines that open with #
 * are none) in [*p, end): sets [*s, *e) to it, moves *p past its line and
 * adds the lines passed to *line.  False when no entry is left. */
bool plain_list_next(const char **p, const char *end, const char **s, const char **e, size_t *line);
/* Is the normalised word k[0, n) a title that does not change who is
 * meant ("Dr Okafor" is Okafor): Mr, Mrs, Ms, Miss, Mx, Dr, Doctor, Prof,
 * Professor, Sir, Dame, Nurse, Sister, Rev, Revd, Reverend, and the titles
 * of faiths and councils (Pastor, Imam, Rabbi, Canon, Deacon, Bishop,
 * Cllr, Councillor)? */
bool title_word(const char *k, size_t n);
/* The lengths of the stems of which the normalised word k[0, n) may be
 * the plural, into stems[0..1]; returns how many (0 to 2).  A word of four
 * bytes or more that ends in "s" has the stem less its "s" first, in
 * stems[0] ("partridges" -> "partridge"; "ross" -> "ros" too), and less
 * "es" second, in stems[1], after s, x, z, ch or sh ("joneses" ->
 * "jones"), but not after other letters ("homes" is no plural of
 * "hom"). */
size_t plural_stems(const char *k, size_t n, size_t stems[2]);
/* Is s[0, n) one of the nwords NUL-terminated strings words[]?  For the
 * short fixed word lists of the tokeniser and the name rules. */
bool hush_word_in(const char *const *words, size_t nwords, const char *s, size_t n);
#define HUSH_WORD_IN(words, s, n)                                                                  \
    hush_word_in((words), sizeof(words) / sizeof((words)[0]), (s), (n))
/* Frees a token list's memory and leaves it empty and reusable. */
void token_list_free(struct token_list *list);
/* Writes the lexicon key of tokens i..j (normalised words joined by single
 * spaces; a possessive 's kept on every word but the last) to key, and
 * returns its hash. */
uint64_t token_seq_key(const struct token_list *toks, size_t i, size_t j, struct hush_buf *key);

/* The length of the run of code points at the start of s[0..len) that a
 * regex's \w reads under PCRE2's UCP (letters, digits and the underscore;
 * not a mark, an apostrophe or an invisible character, which a token may
 * hold). */
size_t regex_word_prefix(const char *s, size_t len);

/* Appends the normalised form of the word s[0..len) to out: NFKC, case
 * folded, accents and other marks removed, invisible characters dropped,
 * apostrophe variants written as '.  Returns the number of bytes appended. */
size_t normalize_word(const char *s, size_t len, struct hush_buf *out);

/* A 64-bit hash of n bytes, seeded with h (use HASH_SEED). */
#define HASH_SEED UINT64_C(0xcbf29ce484222325)
uint64_t hash_bytes(uint64_t h, const void *p, size_t n);
/* The hash of a sequence of words, continued one word's hash at a time:
 * start with HASH_SEED, then h = hash_seq(h, hash of each word).  Inline,
 * so that a one-word sequence (hash_seq(HASH_SEED, ...)) costs one xor. */
static inline uint64_t
hash_seq(uint64_t h, uint64_t word_hash)
{
    /* Order matters ("Ann Lee" is not "Lee Ann"), so mix before combining. */
    h = (h ^ (h >> 33)) * UINT64_C(0xFF51AFD7ED558CCD);
    return h ^ word_hash;
}

/* The first index i of [0, n) for which before(ctx, i) is false, given
 * that it is true for every index below some point and false from there on
 * (a sorted array searched for the first element not before a key); n if
 * it is true throughout.  Inline, so that the predicate is too. */
static inline size_t
partition_point(size_t n, bool (*before)(const void *ctx, size_t i), const void *ctx)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (before(ctx, mid))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Apostrophes and the look-alikes people and word processors type; one
 * list for the tokeniser and the normaliser, so that "O´Neill" is one word
 * and the same word as "O'Neill". */
static inline bool
is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x0060 ||
           cp == 0x00B4 || cp == 0xFF07;
}

/* Is the ASCII byte c a letter or digit? */
static inline bool
ascii_word(unsigned char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

/* Is c allowed in a category name (upper-case letters, digits, _)?  One
 * definition for the rule parser, the matcher and verify, which all read
 * category names, in rule files or in tags. */
static inline bool
is_category_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Characters that are invisible inside a word: zero-width space, non-joiner
 * and joiner, word joiner, soft hyphen, byte-order mark.  They are kept in
 * the token (so a name cannot be split by them) and dropped from its key. */
static inline bool
is_invisible_cp(int32_t cp)
{
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0x00AD ||
           cp == 0xFEFF;
}

/* Is the code point a letter, mark or digit (part of a word)? */
bool is_word_cp(int32_t cp);
/* Is there a word character (letter, mark, digit) at text[i] (i < len)? */
bool word_at(const char *text, size_t len, size_t i);
/* Does code point cp, followed at text[next] by a word character, stay
 * inside a word (an apostrophe or invisible character)?  The tokeniser and
 * word_end read words alike through it. */
static inline bool
joins_word(const char *text, size_t len, int32_t cp, size_t next)
{
    return (is_apostrophe(cp) || is_invisible_cp(cp)) && word_at(text, len, next);
}
/* Does the byte at text[off] begin a position that continues a word?  True
 * when the code point just before off is part of a word. */
bool continues_word(const char *text, size_t off);
/* The end of the word that text[0, e) stops inside, read as the tokeniser
 * reads words (across an apostrophe or invisible character that a word
 * character follows), but short of a possessive 's that ends the word (not
 * the 's of "Is'S'el", which the word goes on from); e itself when e is at
 * no word's middle. */
size_t word_end(const char *text, size_t len, size_t e);
/* The end of the span text[s, e) without a possessive 's that ends it
 * ("Okafor's" ends at "Okafor"); e when there is none. */
size_t possessive_trim(const char *text, size_t len, size_t s, size_t e);
/* The start of the word that a span starting at s begins inside of, when
 * an invisible character (a zero-width space or joiner, a soft hyphen) or
 * an apostrophe joins it to word characters before it ("Sa\u200bndra",
 * "O'Neill@example.org"); else s. */
size_t word_start(const char *text, size_t s);

/* ---- lexicon (lexicon.c) -------------------------------------------------
 * A hash table from normalised word sequences to the list rules that hold
 * them.  Cost of a lookup does not depend on the number of entries. */

enum lex_flag {
    LEX_COMMON_WORD = 1 << 0,   /* an ordinary English word (the words file) */
    LEX_ENTRY = 1 << 1,         /* a list entry in its own right */
    LEX_FUNCTION_WORD = 1 << 2, /* never a name (the function-words file) */
    LEX_PARTICLE = 1 << 3,      /* may stand inside a name: ap, Ní, van (the particles file) */
    LEX_RARE_NAME = 1 << 4,     /* a capital alone is no evidence (the rare-names file) */
    LEX_PERSON_WORD = 1 << 5,   /* a word for someone: sister, manager (the person-words file) */
    LEX_NAME_FOLLOWER = 1 << 6, /* begins what is said of a person: she, said (name-followers) */
    LEX_ACRONYM = 1 << 7        /* never anyone's initials: GP, NHS, AF (the acronyms file) */
};

struct lex_entry {
    uint64_t hash;
    uint32_t key; /* offset of the joined key in the arena */
    uint16_t key_len;
    uint8_t ntok;
    uint8_t flags;
    uint8_t longest; /* longest entry (in words) that starts with this key */
    uint32_t rules;  /* offset into the rule-id arena */
    uint16_t nrules;
};

/* The pair set's size: 2^20 bits (128 KiB), a few per cent of them set by
 * the shipped lists. */
#define LEX_PAIR_BITS_LOG2 20
#define LEX_PAIR_WORDS (((size_t)1 << LEX_PAIR_BITS_LOG2) / 64)

struct lexicon {
    void *map; /* a mapped image holds the arrays below (lexicon_image.c) */
    size_t map_len;
    struct lex_entry *entries;
    size_t n, cap;
    uint64_t *slots; /* open addressing; 0 is empty, else the hash's high 32 bits
                      * (to skip other entries unread) and entry index + 1 */
    size_t nslots;
    struct hush_buf keys;
    uint32_t *rule_ids;
    size_t nrule_ids, cap_rule_ids;
    /* A Bloom-style bit set of the first two words of every entry of two or
     * more words (lexicon_add_pair), so that a text's word pairs that begin
     * no entry are passed over without a lookup.  NULL: not known, and
     * every pair may begin one. */
    uint64_t *pairs;
};

/* Makes lx an empty lexicon. */
void lexicon_init(struct lexicon *lx);
/* Frees lx's memory, or unmaps its image, and leaves it empty. */
void lexicon_free(struct lexicon *lx);
/* Adds the key key[0..key_len) (normalised words joined by single spaces,
 * hash h, ntok words) for rule, or only sets flags when rule is UINT32_MAX.
 * Returns the entry, which stays valid until the next lexicon_add. */
struct lex_entry *lexicon_add(struct lexicon *lx, const char *key, size_t key_len, uint64_t h,
                              unsigned ntok, uint32_t rule, unsigned flags);
/* The lexicon image: the finished table written to a file once (at build
 * time) and mapped read-only instead of parsing every list on each run.
 * key identifies exactly what was loaded (see lists_finish); an image whose
 * key, version or layout differs is ignored.  counts receives the entry
 * count of each of the nlists loads. */
int lexicon_image_write(const struct lexicon *lx, const unsigned char key[32],
                        const uint64_t *counts, size_t nlists, const char *path,
                        struct hush_error *err);
bool lexicon_image_map(struct lexicon *lx, const unsigned char key[32], uint64_t *counts,
                       size_t nlists, const char *path);
/* Is the open file fd (its status left in st) one that make may have
 * written beside the rules and that is trusted as much as they are: a
 * regular file that no one but its owner (the rules' installer, or root)
 * may change? */
struct stat;
bool build_file_trusted(int fd, struct stat *st);

/* Records that an entry begins with the two words whose sequence hash
 * (token_seq_key over those two words alone) is h.  Either every entry of
 * two or more words is recorded so, or none: lexicon_may_begin trusts the
 * set once it exists. */
void lexicon_add_pair(struct lexicon *lx, uint64_t h);
/* May an entry begin with the two words whose sequence hash is h?  False
 * only when none does. */
bool lexicon_may_begin(const struct lexicon *lx, uint64_t h);
/* Makes room for more entries without growing the table again. */
void lexicon_reserve(struct lexicon *lx, size_t more);
/* Finds the entry with the given key, or NULL. */
const struct lex_entry *lexicon_find(const struct lexicon *lx, const char *key, size_t key_len,
                                     uint64_t h);
/* Asks the processor to fetch what lexicon_find(..., h) will read, so that
 * many lookups can wait on memory at once: stage 0 fetches the key's slot,
 * stage 1 (some lookups later, once the slot is in the cache) the entry and
 * key it points to.  Only a hint: nothing changes and nothing can fault. */
void lexicon_prefetch(const struct lexicon *lx, uint64_t h, int stage);
/* The rule ids of entry e (e->nrules of them).  Only for an entry that
 * lexicon_find returned, which has checked that they lie in the arena. */
static inline const uint32_t *
lexicon_rules(const struct lexicon *lx, const struct lex_entry *e)
{
    return lx->rule_ids + e->rules;
}

/* ---- regular expressions (regex.c) -------------------------------------- */

struct regex {
    /* Compiled unanchored, so that PCRE2 learns where a match can start;
     * the interpreter runs it with PCRE2_ANCHORED at each position tried,
     * and each thread JIT-compiles an anchored copy of a rule it uses
     * often (struct regex_jit). */
    pcre2_code *code;
    char *pattern;      /* the source, for those copies */
    uint8_t starts[32]; /* bitmap of bytes a match can start with */
    bool startline;     /* matches only at the start of a line */
    uint32_t capture_count;
    uint32_t lookbehind; /* characters before a start it may read (its longest lookbehind, +1) */
    /* A match needs a punctuation character after its start (the ")" of
     * "\h*\((\p{Lu}{2,4})\)"), which PCRE2 would look for ahead of each try
     * (see jit_copy). */
    bool needs_punctuation;
};

/* Compiles pattern (UTF, UCP) into re.  On a syntax error returns
 * HUSH_ECONFIG with the column (1-based, in bytes of the pattern) in *col
 * and a description in err. */
int regex_compile(struct regex *re, const char *pattern, size_t *col, struct hush_error *err);
/* Frees what regex_compile made; re is left zeroed. */
void regex_free(struct regex *re);

/* Per-thread matching state: match data, context with limits, JIT stack. */
struct regex_state {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *stack;
};
void regex_state_init(struct regex_state *st, uint32_t max_captures);
/* Frees what regex_state_init made; st is left zeroed. */
void regex_state_free(struct regex_state *st);

/* One thread's JIT-compiled copies of the rules' regexes.  JIT
 * compilation costs about as much as a hundred interpreted runs, so a rule
 * is compiled (an anchored copy of its own, since PCRE2's JIT needs the
 * anchoring at compile time) only once this thread has run or probed it
 * often: a short transcript, or the rule examples checked at start-up,
 * compile nothing, and a long run spends nearly all its time in compiled
 * code.  Zero-initialise; release with regex_jit_free. */
struct regex_jit {
    pcre2_code **code; /* per rule: the copy, or NULL */
    uint32_t *runs;    /* per rule: complete runs so far */
    uint32_t *probes;  /* per rule: partial-match probes so far */
    uint8_t *modes;    /* per rule: JIT modes compiled, or that JIT failed */
    size_t n;
};
void regex_jit_free(struct regex_jit *jit);

/* Runs rule ri's regex re anchored at text offset at, in this thread's
 * JIT-compiled copy once there is one (jit may be NULL: the interpreter
 * then runs every time).  Returns 1 on a match with bounds [*ms, *me)
 * (capture groups through regex_group); 0 for no match; -1 when a limit
 * was hit or matching failed, with err set. */
int regex_run(const struct regex *re, struct regex_jit *jit, uint32_t ri, struct regex_state *st,
              const char *text, size_t len, size_t at, size_t *ms, size_t *me,
              struct hush_error *err);
/* Can rule ri (regex re) match at offset at of a text whose bytes [from,
 * to) are known, whatever the bytes after to?  from must lie re->lookbehind
 * characters before at (or at the text's start), and to at a character
 * boundary.  Returns 0 when no match can start at at (every way of matching
 * fails before reaching to), 1 when one may (or the probe failed: the
 * caller then runs the regex itself, which reports any limit).  jit counts
 * the probe (see struct regex_jit). */
int regex_may_match(const struct regex *re, struct regex_jit *jit, uint32_t ri,
                    struct regex_state *st, const char *text, size_t from, size_t at, size_t to);
/* What regex_memo_find remembers: for windows of text, which of the rules
 * tried at a window's start can match there.  Zero-initialise; release
 * with regex_memo_free.  Bounded: a new window may push out an old one. */
struct regex_memo {
    struct memo_bucket *buckets; /* a fixed number, each one cache line */
    void *block;                 /* the allocation they lie in */
};
/* The verdicts remembered for the rules that tag stands for, tried at
 * offset at of text: bit k set when the k-th of them may match there.  The
 * window runs from lookbehind characters before at (its start is stored in
 * *window_start) to to, a character boundary.  When the window is new,
 * *fresh is set and the verdicts are 0 for the caller to fill in (with
 * regex_may_match over the same window).  NULL when the window is too long
 * to remember, when the text starts fewer than lookbehind characters before
 * at (a shorter context would share its key with another lookbehind's
 * window), or when to <= at: then every rule must be tried.  The pointer is
 * valid until the next call. */
uint32_t *regex_memo_find(struct regex_memo *mm, uint32_t tag, unsigned lookbehind,
                          const char *text, size_t at, size_t to, size_t *window_start,
                          bool *fresh);
/* Frees the memo's memory and leaves it empty. */
void regex_memo_free(struct regex_memo *mm);

/* Bounds of capture group g after a successful regex_run; 0 if unset. */
int regex_group(const struct regex_state *st, uint32_t g, size_t *gs, size_t *ge);

/* Appends to words the words (lower case, NUL after each) that every match
 * of pattern must begin with, and returns how many; 0 when the pattern can
 * begin otherwise (see triggers.c). */
size_t regex_triggers(const char *pattern, struct hush_buf *words);

#define WORD_KEYWORD UINT32_C(0x80000000)

/* ---- rules (rules.c, rules_parse.c) -------------------------------------- */

enum detector { DET_NONE, DET_REGEX, DET_CONTEXT, DET_LIST };
enum check { CHECK_NONE, CHECK_NHS_MOD11, CHECK_LUHN, CHECK_INITIALS, CHECK_SURNAME_INITIALS };
enum rule_kind_flag { KIND_TERMS = 0, KIND_NAMES = 1 };

struct example {
    char *input, *output;
    size_t line;
};

struct rule {
    char *id;
    bool allow;
    uint32_t category; /* index into categories; unused for allow rules */
    enum detector detector;
    char *pattern; /* regex or context */
    struct regex re;
    char *list_path;   /* as written, resolved against the rule file */
    char *list_column; /* CSV column name, or NULL for a plain list */
    size_t list_size;
    size_t list_dups; /* entries listed twice (known when the list was parsed) */
    enum check check;
    int kind;        /* KIND_TERMS or KIND_NAMES */
    bool registered; /* made from a study register: a capitalised alias needs no more evidence */
    char anchor;     /* tried only in runs of non-space text holding this, or 0 */
    char *keywords;  /* tried only just before one of these words (space-separated) */
    uint32_t after;  /* tried only after identifiers of this category, or UINT32_MAX */
    unsigned window; /* how many words before a keyword it is tried at */
    bool lower_case_texts; /* tried only in texts that do not capitalise I (text_is_cased) */
    /* a list rule: in a lower-case text, its entries of two or more common
     * words are found as written (emit_entry) */
    bool lower_case_phrases;
    /* what an identifier of a names rule must be, or it is dropped */
    enum needs { NEEDS_ANY, NEEDS_NAME_WORD, NEEDS_PLURAL_NAME } needs;
    char *reason;
    struct example *examples;
    size_t nexamples, cap_examples;
    const char *file; /* rule file (points into the loaded-files table) */
    size_t line;
};

struct loaded_file {
    char *path;
};

#define LIST_WORDS UINT32_MAX
#define LIST_FUNCTION_WORDS (UINT32_MAX - 1)
#define LIST_PARTICLES (UINT32_MAX - 2)
#define LIST_RARE_NAMES (UINT32_MAX - 3)
#define LIST_PERSON_WORDS (UINT32_MAX - 4)
#define LIST_NAME_FOLLOWERS (UINT32_MAX - 5)
#define LIST_ACRONYMS (UINT32_MAX - 6)
/* The lowest of the special lists above: a list rule's id is below it. */
#define LIST_SPECIAL LIST_ACRONYMS

/* A list or words file read while parsing, loaded into the lexicon once the
 * whole rule set is known (or found in a lexicon image). */
struct pending_list {
    uint32_t rule; /* a list rule, or one of the special lists (LIST_WORDS...) */
    char *path;
    char *column;
    struct hush_buf data;
    unsigned char hash[32]; /* BLAKE2b-256 of data */
};

#define WORD_FILTER_BITS 4096
static inline size_t
word_filter_bit(uint64_t h)
{
    return (size_t)(h >> 52); /* the top 12 bits: log2(WORD_FILTER_BITS) */
}

/* One entity of a study register (register.c). */
struct register_entry {
    char *entity;
    char *label;
    uint32_t category;
    char **keys;  /* the aliases' canonical keys (hush_entity_key) */
    char **forms; /* the aliases as written */
    size_t nkeys;
    size_t line; /* its row in the register */
};

/* A named pattern that regexes of the set may call as (?&name) (the define
 * directive). */
struct pattern_define {
    char *name;
    char *pattern;
};

/* Where a word-tags directive named a category (file is a loaded file's
 * stored name). */
struct word_tag_site {
    const char *file;
    size_t line, col;
    uint32_t category;
};

struct hush_ruleset {
    struct register_entry *reg;
    size_t nreg, cap_reg;
    struct rule *rules;
    size_t n, cap;
    struct pattern_define *defines;
    size_t ndefines, cap_defines;
    bool acronyms_defined; /* an acronyms directive made the define "acronym" */
    char **categories;
    size_t ncategories, cap_categories;
    /* The categories named by word-tags directives: entries of categories,
     * not copies; word_tag_sites[i] is where word_tags[i] was first named. */
    const char **word_tags;
    struct word_tag_site *word_tag_sites;
    size_t nword_tags, cap_word_tags, cap_word_tag_sites;
    struct loaded_file *files;
    size_t nfiles, cap_files;
    struct lexicon lex;
    bool has_lists;
    bool has_lower_case_texts; /* a rule is tried only in lower-case texts */
    struct pending_list *pending;
    size_t npending, cap_pending;
    unsigned char lex_key[32]; /* what the lexicon was built from */
    uint64_t *list_counts;     /* entries in each pending list */
    /* regex scheduling: for each first byte, the POINT regex rules that can
     * start with it; and the list of SCAN and line-start regex rules. */
    uint32_t *point_rules[256];
    uint32_t npoint[256];
    uint32_t npoint_cased[256]; /* of npoint, the rules tried in cased texts too */
    uint32_t *anchor_rules, nanchor;
    uint32_t *after_rules, nafter; /* rules with after: tried at identifiers' ends */
    /* Words that set regex rules off: the first words of trigger rules, and
     * the keywords of keyword rules (rule id | WORD_KEYWORD). */
    struct lexicon wordrules;
    /* A bit for the hash of each word in wordrules (word_filter_bit), so
     * that most tokens are passed over without a lookup. */
    uint64_t word_filter[WORD_FILTER_BITS / 64];
    uint32_t *line_rules, nline;
    uint32_t max_captures;
    char digest[65];
    char *signature; /* "key ID, comment TEXT" for a signed set, else NULL */
};

/* Adds category name (if new) and returns its index. */
uint32_t rules_category(struct hush_ruleset *rs, const char *name);

/* Parses one rule file (and recursively its includes) into rs.  depth
 * counts include nesting.  The digest state is updated with every file. */
struct digest_state;
int rules_parse_file(struct hush_ruleset *rs, const char *path, int depth, struct digest_state *ds,
                     struct hush_error *err);

/* Checks data, the contents of path, against path.minisig and key pk; on
 * success copies the trusted comment to comment (if not NULL).
 * HUSH_ECONFIG when unsigned, malformed, altered or signed by another key. */
int sig_verify_file(const struct hush_pubkey *pk, const char *path, const char *data, size_t len,
                    char *comment, size_t comment_size, struct hush_error *err);

/* Reads a whole rule or list file with a size cap; HUSH_ECONFIG when it
 * cannot be opened, is too large, is not UTF-8 or holds a NUL. */
int rules_read_file(const char *path, struct hush_buf *out, struct hush_error *err);

/* Loads the entries of a list file (plain, or CSV column) into the lexicon
 * for rule index ri, or as words of one of the classes LIST_WORDS,
 * LIST_FUNCTION_WORDS or LIST_PARTICLES. */
int lists_load(struct hush_ruleset *rs, uint32_t ri, const char *path, const char *column,
               const char *data, size_t len, size_t *count, size_t *dups, struct hush_error *err);

/* Builds the lexicon from the pending lists, or maps the image at
 * image_path (may be NULL) when it was built from exactly these lists. */
int lists_finish(struct hush_ruleset *rs, const char *image_path, struct hush_error *err);
/* Writes the image of rs's lexicon to path. */
int lists_write_image(const struct hush_ruleset *rs, const char *path, struct hush_error *err);
/* FILE.rules -> FILE followed by suffix (".lexicon"): the path of a file
 * make writes beside a top-level rule file; NULL when the name does not
 * end in .rules. */
char *rules_sibling_path(const char *rules_path, const char *suffix);
/* The image path that goes with a top-level rule file: FILE.rules ->
 * FILE.lexicon; NULL when the name does not end in .rules. */
char *lists_image_path(const char *rules_path);
/* The record that goes with a top-level rule file, that its examples all
 * passed under this engine: FILE.rules -> FILE.examples; NULL when the
 * name does not end in .rules. */
char *examples_stamp_path(const char *rules_path);
/* Writes that record for rs (whose examples have just passed) to path.
 * hush_rules_open then skips the examples of exactly those files, under an
 * engine built from the same sources with the same PCRE2 and utf8proc. */
int examples_stamp_write(const struct hush_ruleset *rs, const char *path, struct hush_error *err);

/* Prepares the regex scheduling tables once every rule is known. */
void rules_schedule(struct hush_ruleset *rs);

/* What the rules that hold a lexicon entry are, as entry_holders reports
 * it. */
enum entry_holder {
    HELD_NAMES = 1 << 0,    /* a list of names, not an allow rule */
    HELD_NAMES_OF = 1 << 1, /* such a list, of the category asked about */
    HELD_TERMS = 1 << 2,    /* a list of terms (places, organisations), not allow */
    HELD_ALLOW = 1 << 3,    /* an allow rule ("English", "Tuesday") */
    HELD_DAMAGED = 1 << 4   /* a rule id out of range (a damaged image) */
};
/* The kinds of rule of rs that hold entry e of rs->lex (one that
 * lexicon_find returned), as a set of enum entry_holder bits; 0 for an
 * entry no rule holds (a word, or the start of a longer entry).
 * HELD_NAMES_OF is set when a names rule of category holds e (pass
 * UINT32_MAX to ask about none).  One loop over e's rules serves every
 * question the name engine asks of an entry. */
unsigned entry_holders(const struct hush_ruleset *rs, const struct lex_entry *e, uint32_t category);

/* ---- candidates and resolution (match.c, names.c, resolve.c) ------------ */

struct candidate {
    uint32_t start, end;
    uint32_t rule;
    uint32_t category;
    bool allow;
};

struct candidates {
    struct candidate *v;
    size_t n, cap;
};

struct candidate_search {
    const struct candidate *v;
    size_t s;
};

static inline bool
candidate_starts_before(const void *ctx, size_t i)
{
    const struct candidate_search *q = ctx;
    return q->v[i].start < q->s;
}

/* The index of the first of v[0, n) (in order of their start) that starts
 * at or after s; n if none. */
static inline size_t
candidates_from(const struct candidate *v, size_t n, size_t s)
{
    struct candidate_search q = {v, s};
    return partition_point(n, candidate_starts_before, &q);
}

/* Appends the candidate [start, end) of rule (category, allow) to c; an
 * empty span is dropped, since it would replace nothing. */
void candidates_push(struct candidates *c, size_t start, size_t end, uint32_t rule,
                     uint32_t category, bool allow);

/* Does the text (tokens tl) capitalise names?  Judged by the pronoun I
 * (at least three times in four of at least four uses), else by the
 * sentences that open with a function word; then case tells names from
 * words.  A text that capitalises I but writes most of the names only
 * lists of names hold in lower case (speech recognition) does not.  See
 * names.c. */
bool text_is_cased(const struct token_list *tl);
/* Finds list-rule candidates over the tokens, applying the name rules
 * (common words need evidence; adjacent names join; initials join).  ents
 * (toks->n elements, owned by the caller) receives each token's lexicon
 * entry or NULL, for names_propagate; toks's names_upper and names_lower
 * are counted. */
void names_find(const struct hush_ruleset *rs, const char *text, size_t len,
                struct token_list *toks, const struct lex_entry **ents, struct candidates *out);
/* After a first resolution over text: every part of an accepted person
 * name that recurs elsewhere in the text becomes a candidate too, as do a
 * word joined to one by "and" or "or" that is no English word, and the
 * initials a name is given in brackets ("Karen Beevers (KB)") wherever they
 * recur in capitals.  ents is what names_find filled in. */
/* After a first resolution, of the accepted identifiers that are no
 * person's names (recur.c): the distinctive first word of one ("Marybone"
 * of "Marybone House": a capitalised word that is no English word and in no
 * list, before an ordinary word of the same identifier) becomes a
 * candidate of the same rule wherever it recurs capitalised outside the
 * accepted spans; and one written as an unbroken string no reader takes for
 * a word ("Tillysmum_B30", "SleeplessInSolihull", "wombatwrangler": four
 * to 64 bytes, no blank, a letter, and an underscore, a digit or a capital
 * after a small letter, or else one token in no list and no English word)
 * wherever its exact bytes recur standing apart from the text around them,
 * unless an accepted span reaches across them or a person's name found
 * again is over the same bytes (out->v[names_from, out->n) are the
 * candidates names_propagate added).  text[0, len) is what toks was made
 * from; ents is what names_find filled in. */
void identifiers_recur(const struct hush_ruleset *rs, const char *text, size_t len,
                       const struct token_list *toks, const struct lex_entry *const *ents,
                       const struct hush_spans *accepted, struct candidates *out,
                       size_t names_from);
void names_propagate(const struct hush_ruleset *rs, const char *text, size_t len,
                     const struct token_list *toks, const struct lex_entry *const *ents,
                     const struct hush_spans *accepted, struct candidates *out);

/* The reusable state of matching: after hush_matcher_run, c holds every
 * candidate found (allow rules' too), for callers that ask which rules
 * matched, not only which won. */
struct hush_matcher {
    const struct hush_ruleset *rs;
    struct token_list toks;
    struct candidates c;
    struct candidates settled; /* settle_function_words builds c anew here, then swaps */
    struct regex_state st;
    struct regex_memo memo[4]; /* by schedule: point, word, keyword and line rules */
    struct regex_jit jit;
    bool interpreted; /* never JIT-compile: for the few short texts of rule examples */
    /* the text is a format's view, whose labels are its speakers (a VTT
     * voice, a CSV speaker column), not a header's fields */
    bool labels_are_speakers;
    size_t *next;
    size_t *tried;                 /* per keyword rule: tokens before this index were tried */
    const struct lex_entry **ents; /* per token: its lexicon entry */
    size_t cap_ents;
};

/* Says whether text[s, e), a part of a candidate that a longer one left
 * free, holds nothing that could identify anyone (function words alone). */
struct resolve_idle {
    bool (*idle)(const void *ctx, uint32_t s, uint32_t e);
    const void *ctx;
};

/* Settles candidates over text[0, text_len) into sorted, non-overlapping
 * spans (see resolve.c for the order of precedence); out is reset first.
 * A free part that idle (when not NULL) calls idle is not kept. */
void resolve(const struct candidates *c, const char *text, size_t text_len,
             const struct resolve_idle *idle, struct hush_spans *out);

/* ---- key files (keyfile.c) ----------------------------------------------
 * "hush-TYPE 1", then "name: value" lines.  See keyfile.c. */
#define KEYFILE_MAX_BYTES 4096
#define KEYFILE_MAX_FIELDS 16
#define KEY_ID_CHARS 16 /* hex digits of a key id */

struct keyfile {
    char *raw;  /* guarded: the file as read, NUL-ended */
    char *text; /* guarded: a copy cut into fields */
    size_t len;
    const char *name[KEYFILE_MAX_FIELDS], *value[KEYFILE_MAX_FIELDS];
    size_t offset[KEYFILE_MAX_FIELDS]; /* where each field's line starts */
    size_t n;
};

/* Reads path (never through a symbolic link) as a key file of the given
 * type.  With secret, a file that group or others may read is refused
 * (HUSH_ECONFIG).  A file of another type, a line that is no field, a
 * field given twice: HUSH_EDATA with file:line.  On failure kf holds
 * nothing to release. */
int keyfile_read(const char *path, const char *type, bool secret, struct keyfile *kf,
                 struct hush_error *err);
/* As keyfile_read, on data[0..len) (at most KEYFILE_MAX_BYTES) already in
 * memory: the header of a linkage batch. */
int keyfile_parse(const char *data, size_t len, const char *type, const char *path,
                  struct keyfile *kf, struct hush_error *err);
/* Wipes and frees what keyfile_read kept. */
void keyfile_release(struct keyfile *kf);
/* The value of field name, or NULL. */
const char *keyfile_get(const struct keyfile *kf, const char *name);
/* The number of bytes of the file before field name's line (all of it
 * when there is no such field): the header an AEAD authenticates. */
size_t keyfile_prefix(const struct keyfile *kf, const char *name);
/* Decodes field name, which must be exactly n bytes in hex, into out. */
int keyfile_hex(const struct keyfile *kf, const char *name, unsigned char *out, size_t n,
                const char *path, struct hush_error *err);
/* Reads field name as a decimal number of at most 19 digits. */
int keyfile_u64(const struct keyfile *kf, const char *name, uint64_t *v, const char *path,
                struct hush_error *err);

/* The text of a key file being written, in guarded memory of
 * KEYFILE_MAX_BYTES (outgrowing it aborts: callers write a few lines). */
struct keytext {
    char *p;
    size_t len, cap;
};
void keytext_init(struct keytext *t);
void keytext_printf(struct keytext *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends "name: HEX\n". */
void keytext_hex(struct keytext *t, const char *name, const unsigned char *p, size_t n);
/* Wipes and frees. */
void keytext_free(struct keytext *t);
/* Writes t as a new file at path with mode: staged and synced beside it,
 * then linked into place, so a file already there is never replaced
 * (HUSH_ECANTCREAT) and a failure leaves nothing behind. */
int keyfile_write(const char *path, const struct keytext *t, int mode, struct hush_error *err);
/* The id of a public key: the first 8 bytes of its BLAKE2b-128, in hex. */
void keyfile_key_id(const unsigned char *pk, size_t n, char id[KEY_ID_CHARS + 1]);

/* ---- the vault (vault.c, pseudonym_index.c, linkage.c) ----------------- */
#define STUDY_ID_BYTES 16
#define BATCH_HASH_BYTES 32
/* The escrow holds the study key, the host's Ed25519 public key and the
 * study id, sealed to the custodian. */
#define ESCROW_BYTES (HUSH_STUDY_KEY_BYTES + 32 + STUDY_ID_BYTES)
#define INDEX_TYPE_LINE "hush-pseudonym-index 1\n"

struct hush_vault {
    char *dir;
    int lock_fd;
    unsigned char *study_key; /* guarded */
    unsigned char study_id[STUDY_ID_BYTES];
    unsigned char *host_sk; /* guarded: Ed25519, 64 bytes */
    unsigned char host_pk[32];
    unsigned char custodian_pk[HUSH_X25519_BYTES];
    char host_id[KEY_ID_CHARS + 1], custodian_id[KEY_ID_CHARS + 1];
};

/* Where the study id stands in an opened escrow. */
#define ESCROW_STUDY_ID_AT (HUSH_STUDY_KEY_BYTES + 32)

/* dir/name, allocated. */
char *path_join(const char *dir, const char *name);
/* Pins (pin.c) for an opened escrow: accepts it (a new pin, chain mark at
 * zero), or checks it against its pin and returns the pin's chain mark
 * (HUSH_ECONFIG when there is no pin, or it does not match). */
int pin_accept_escrow(const unsigned char *escrow, const struct hush_custodian *c,
                      const char *pins_dir, struct hush_error *err);
int pin_check_escrow(const unsigned char *escrow, const struct hush_custodian *c,
                     const char *pins_dir, struct hush_chain_mark *mark, struct hush_error *err);
/* hush_linkage_read with the escrow already opened (ESCROW_BYTES). */
int linkage_read_escrowed(const char *dir, const struct hush_custodian *c,
                          const unsigned char *escrow, const struct hush_chain_mark *seen,
                          struct hush_linkage *out, struct hush_error *err);
/* Opens the escrow of the vault dir with the custodian's key into plain
 * (ESCROW_BYTES of guarded memory): study key, host public key, study id.
 * HUSH_ECONFIG when it is sealed to another custodian, HUSH_EDATA when it
 * does not open. */
int escrow_open(const char *dir, const struct hush_custodian *c, unsigned char *plain,
                struct hush_error *err);
/* Adds the entities' tags to the index file at path (see
 * hush_vault_commit_batch), rewriting it atomically when any is new. */
int pseudonym_index_update(const char *path, const struct hush_ruleset *rs,
                           const struct hush_entities *e, struct hush_error *err);
/* Appends b, as batch number seq following the batch whose hash is
 * previous, to out: header, encrypted records, signature.  Without final,
 * the FINAL record is left out (for tests of a batch cut short). */
void linkage_encode(const struct hush_vault *v, const struct hush_batch *b,
                    const char *rules_digest, uint64_t seq,
                    const unsigned char previous[BATCH_HASH_BYTES], bool final,
                    struct hush_buf *out);

/* The length of the tag the rule set writes that starts at text[at]
 * ("[CATEGORY]", "[CATEGORY-CODE]", a register's "[LABEL]"), or 0. */
size_t tag_at(const struct hush_ruleset *rs, const char *text, size_t len, size_t at);

/* ---- study registers (register.c) --------------------------------------- */

/* Parses a register's CSV (path names it in messages) into rs->reg.  A
 * missing column, an empty field, a malformed label, an entity or label
 * given twice, an alias of two entities: HUSH_ECONFIG with the row. */
int register_parse(struct hush_ruleset *rs, const char *path, const char *data, size_t len,
                   struct hush_error *err);
/* The entry of category whose alias has the canonical key key, or NULL. */
const struct register_entry *register_find(const struct hush_ruleset *rs, uint32_t category,
                                           const char *key);
/* Whether s[0..n) is the label of an entry of rs's register. */
bool register_has_label(const struct hush_ruleset *rs, const char *s, size_t n);
/* Whether s[0..n) has a label's shape. */
bool register_label_ok(const char *s, size_t n);
void register_entry_free(struct register_entry *e);

#endif
