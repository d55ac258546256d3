/*
 * hush.h: the one public header of libhush, the library behind redact,
 * pseudonymise and verify.
 *
 * Ownership rule for the whole API: functions never take ownership of their
 * arguments; every object returned by a hush_*_new or hush_*_load function is
 * released by the matching hush_*_free, and hush_*_free(NULL) does nothing.
 *
 * Errors: functions that can fail return an exit status from enum hush_status
 * and fill a struct hush_error, which must not be NULL (hush_error_set
 * alone accepts NULL, and then only returns the status).  Messages say where (file:line:column) and
 * what went wrong; they never quote transcript text or list contents.
 * Allocation failure is not an error status: it aborts in one place
 * (hush_xmalloc and friends).
 */
#ifndef HUSH_H
#define HUSH_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HUSH_VERSION "0.1.0"

/* Limits.  Hitting any of them is an error, never a silent truncation. */
#define HUSH_MAX_DOCUMENT ((size_t)64 << 20)  /* bytes in one transcript */
#define HUSH_MAX_RULE_FILE ((size_t)64 << 20) /* bytes in one rule or list file */
#define HUSH_MAX_INCLUDE_DEPTH 16
#define HUSH_MAX_LIST_TOKENS 16  /* words in one list entry */
#define HUSH_MAX_TOKEN_BYTES 256 /* longer words are never looked up */
#define HUSH_KEYWORD_WINDOW 12   /* a keyword rule is tried at most this many words before */
#define HUSH_STRINGIFY_(x) #x
#define HUSH_STRINGIFY(x) HUSH_STRINGIFY_(x)
#define HUSH_ANCHOR_WINDOW 256 /* bytes of a run of text before its anchor (RFC 5321: 64) */
#define HUSH_MAX_RULES 65535   /* rules in one rule set */
#define HUSH_REGEX_MATCH_LIMIT 1000000u
#define HUSH_REGEX_DEPTH_LIMIT 10000u
#define HUSH_REGEX_HEAP_LIMIT_KIB 65536u
#define HUSH_JIT_STACK_MAX ((size_t)1 << 20)

/* Exit statuses shared by every tool (sysexits.h numbering). */
enum hush_status {
    HUSH_OK = 0,
    HUSH_FOUND = 1,       /* verify: a leak was found */
    HUSH_EUSAGE = 64,     /* bad command line */
    HUSH_EDATA = 65,      /* bad input data */
    HUSH_ENOINPUT = 66,   /* an input cannot be opened */
    HUSH_ESOFTWARE = 70,  /* internal error */
    HUSH_ECANTCREAT = 73, /* an output cannot be created */
    HUSH_EIO = 74,        /* read, write, fsync or rename failed */
    HUSH_ETEMPFAIL = 75,  /* try again later */
    HUSH_ECONFIG = 78     /* bad rules or keys */
};

struct hush_error {
    int status;
    char msg[512];
};

/* Records the first error only: later calls leave an already set error
 * alone, so the root cause is what gets reported.  Returns status. */
int hush_error_set(struct hush_error *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Clears err to "no error". */
void hush_error_clear(struct hush_error *err);

/* ---- allocation (xalloc.c) ---------------------------------------------
 * These never return NULL: on exhaustion they print one line and abort. */
void *hush_xmalloc(size_t n);
void *hush_xcalloc(size_t count, size_t size);
void *hush_xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size elem so it holds at least need;
 * the old block is wiped before it is freed, as it may hold transcript
 * text. */
void *hush_xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *hush_xstrdup(const char *s);
char *hush_xstrndup(const char *s, size_t n);
/* n bytes of guarded memory for a secret (sodium_malloc: no swap, guard
 * pages, wiped when freed); never NULL.  Release with hush_secret_free. */
void *hush_xsecret(size_t n);
/* Wipes and frees what hush_xsecret returned; NULL does nothing. */
void hush_secret_free(void *p);

/* A growable byte buffer.  Zero-initialise before use; release with
 * hush_buf_free, which wipes it (as growing does the old block).  data is
 * not NUL-terminated unless the caller appends one. */
struct hush_buf {
    char *data;
    size_t len;
    size_t cap;
};
void hush_buf_append(struct hush_buf *b, const void *p, size_t n);
void hush_buf_printf(struct hush_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void hush_buf_free(struct hush_buf *b);

/* ---- UTF-8 and documents (utf8.c, document.c) --------------------------- */

/* Checks that s[0..len) is strict UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF) with no NUL byte.  Returns 1 if it is; otherwise
 * returns 0 and sets *bad to the offset of the first offending byte. */
int hush_utf8_valid(const char *s, size_t len, size_t *bad);

/* Decodes one code point at s[0..len); returns its length in bytes (1 for an
 * invalid sequence, with *cp set to U+FFFD).  len must be at least 1. */
size_t hush_utf8_decode(const char *s, size_t len, int32_t *cp);

/* One transcript, held whole in memory. */
struct hush_doc {
    char *data; /* owned; len bytes, followed by a NUL not counted */
    size_t len;
    char *name; /* owned; the name used in messages ("-" is stdin) */
};

/* Reads all of fd into doc, refusing more than limit bytes (HUSH_EDATA),
 * invalid UTF-8 or a NUL byte (HUSH_EDATA, with line and column), and read
 * errors (HUSH_EIO).  name is copied.  On failure doc holds nothing to free. */
int hush_doc_read(int fd, const char *name, size_t limit, struct hush_doc *doc,
                  struct hush_error *err);
/* Opens path (a file, not a directory: HUSH_ENOINPUT otherwise) and reads
 * it as hush_doc_read does. */
int hush_doc_load(const char *path, size_t limit, struct hush_doc *doc, struct hush_error *err);
/* As hush_doc_load, for a file of any bytes (no UTF-8 check): a linkage
 * batch.  data is still followed by a NUL not counted. */
int hush_doc_load_bytes(const char *path, size_t limit, struct hush_doc *doc,
                        struct hush_error *err);
/* Reads the input a tool was given: "-" is standard input, anything else
 * a file (hush_doc_load), each up to HUSH_MAX_DOCUMENT. */
int hush_doc_input(const char *name, struct hush_doc *doc, struct hush_error *err);
/* Wipes and releases what hush_doc_read stored; leaves doc zeroed. */
void hush_doc_release(struct hush_doc *doc);
/* 1-based line and column (in code points) of byte offset off in s. */
void hush_text_where(const char *s, size_t len, size_t off, size_t *line, size_t *col);

/* ---- rule sets (rules.c and friends) ------------------------------------ */

struct hush_ruleset;

/* A minisign public key: its 8-byte id and its Ed25519 key. */
struct hush_pubkey {
    unsigned char keyid[8];
    unsigned char key[32];
};

/* Reads a minisign public key file (a comment line and one base64 line).
 * HUSH_ECONFIG when it cannot be read or is not one. */
int hush_pubkey_load(const char *path, struct hush_pubkey *pk, struct hush_error *err);

/* As hush_rules_load, but every file loaded (rule files, includes, lists,
 * word lists) must be signed by trusted: FILE.minisig beside it, made with
 * minisign -S.  An unsigned, altered or otherwise signed file refuses the
 * set with HUSH_ECONFIG.  The lexicon image is not used (it is not signed).
 * trusted may be NULL: then this is hush_rules_load. */
struct hush_ruleset *hush_rules_load_signed(const char *const *paths, size_t n,
                                            const struct hush_pubkey *trusted,
                                            struct hush_error *err);
/* As hush_rules_load, but every list is parsed, never taken from the
 * lexicon image, so that what only parsing learns (duplicate entries) is
 * known: for audits. */
struct hush_ruleset *hush_rules_load_parsed(const char *const *paths, size_t n,
                                            struct hush_error *err);
/* For a signed set: "key ID, comment TEXT" (the key id as minisign shows
 * it, the trusted comment of the first rule file); NULL when unsigned. */
const char *hush_rules_signature(const struct hush_ruleset *rs);

/* Loads the rule files in paths[0..n) (and everything they include or list)
 * as one rule set.  Does not run the examples: see hush_rules_selftest.
 * Returns NULL with err set (HUSH_ECONFIG for a bad rule file, with
 * file:line:column; HUSH_ENOINPUT when a file cannot be opened). */
struct hush_ruleset *hush_rules_load(const char *const *paths, size_t n, struct hush_error *err);
void hush_rules_free(struct hush_ruleset *rs);

/* Number of rules, and facts about rule i (0 <= i < count). The strings
 * belong to the rule set. */
size_t hush_rules_count(const struct hush_ruleset *rs);
const char *hush_rule_id(const struct hush_ruleset *rs, size_t i);
const char *hush_rule_category(const struct hush_ruleset *rs, size_t i);
const char *hush_rule_reason(const struct hush_ruleset *rs, size_t i);
const char *hush_rule_detector(const struct hush_ruleset *rs, size_t i);
int hush_rule_is_allow(const struct hush_ruleset *rs, size_t i);
size_t hush_rule_list_size(const struct hush_ruleset *rs, size_t i);

/* Number of categories and the name of category c. */
size_t hush_rules_category_count(const struct hush_ruleset *rs);
const char *hush_rules_category_name(const struct hush_ruleset *rs, size_t c);

/* The rule-set digest: BLAKE2b-256 over every loaded file in load order,
 * as 64 lower-case hex digits and a NUL. */
const char *hush_rules_digest(const struct hush_ruleset *rs);

/* Called for each failing example: the rule's file and the example's line,
 * the rule id and a short reason (never the example's text). */
typedef void hush_selftest_report(void *ctx, const char *file, size_t line, const char *rule_id,
                                  const char *why);

/* Loads the rule set a tool is given (paths[0..n), or the shipped one when
 * n is 0) and runs its examples, calling report for each failure.  A set
 * whose examples fail is refused: NULL with HUSH_ECONFIG.  Other failures as
 * hush_rules_load_signed (trusted NULL accepts an unsigned set). */
struct hush_ruleset *hush_rules_open(const char *const *paths, size_t n,
                                     const struct hush_pubkey *trusted,
                                     hush_selftest_report *report, void *ctx,
                                     struct hush_error *err);

/* hush_rules_open, trusting the minisign public key in the file
 * trusted_key (NULL: an unsigned set is accepted): what a tool given
 * --trusted-key FILE calls.  A key file that cannot be read: HUSH_ECONFIG. */
struct hush_ruleset *hush_rules_open_keyed(const char *const *paths, size_t n,
                                           const char *trusted_key, hush_selftest_report *report,
                                           void *ctx, struct hush_error *err);

/* Runs every expect example of every rule.  Returns the number of failures;
 * for each failure calls report (if not NULL) with the rule's file and line
 * and a short reason (never the example's text).  A failing example is a
 * rule-set error: tools refuse such a set with HUSH_ECONFIG. */

size_t hush_rules_selftest(const struct hush_ruleset *rs, hush_selftest_report *report, void *ctx,
                           size_t *examples_run);

/* Audits what examples cannot show, reporting each problem through report
 * (the rule's file and line and a reason) and returning how many there
 * were: a regex or context rule that hits a low match limit on adversarial
 * texts; a list that holds an entry twice (known when the set was loaded
 * with hush_rules_load_parsed); an allow rule that covers every example of a
 * category. */
typedef hush_selftest_report hush_audit_report;
size_t hush_rules_audit(const struct hush_ruleset *rs, hush_audit_report *report, void *ctx);

/* The file that defines rule i, and the line where its block starts. */
const char *hush_rule_file(const struct hush_ruleset *rs, size_t i);
size_t hush_rule_line(const struct hush_ruleset *rs, size_t i);

/* ---- matching (match.c, names.c, resolve.c) ---------------------------- */

/* One identifier found: bytes [start, end) of the text, its category index
 * and the rule that found it. */
struct hush_span {
    size_t start;
    size_t end;
    uint32_t category;
    uint32_t rule;
};

struct hush_spans {
    struct hush_span *v;
    size_t n;
    size_t cap;
};
/* Frees s's memory and leaves it empty and reusable. */
void hush_spans_free(struct hush_spans *s);

/* Finds every identifier in text[0..len) (valid UTF-8) with rule set rs and
 * settles overlaps: allow rules remove what they cover, then the longest
 * span wins, then the earliest, then the rule listed first.  On success
 * out holds non-overlapping spans sorted by start.  Fails with HUSH_EDATA
 * when a regex hits a limit (never treated as "no match"); the message names
 * the rule and the line and column, never the text. */
int hush_match(const struct hush_ruleset *rs, const char *text, size_t len, struct hush_spans *out,
               struct hush_error *err);

/* A matcher holds what matching needs between documents (buffers, the
 * regex engine's stacks), so that a tool processing many documents
 * allocates once.  It refers to rs, which must outlive it.  One matcher
 * serves one thread at a time. */
struct hush_matcher;
struct hush_matcher *hush_matcher_new(const struct hush_ruleset *rs);
void hush_matcher_free(struct hush_matcher *m);
/* Matchers for a run over nitems documents on several threads: jobs of
 * them (0: hush_work_default_workers()), never more than nitems.  Stores
 * how many in *n; release them with hush_matchers_free. */
struct hush_matcher **hush_matchers_new(const struct hush_ruleset *rs, size_t jobs, size_t nitems,
                                        size_t *n);
void hush_matchers_free(struct hush_matcher **ms, size_t n);
/* hush_match with a reusable matcher. */
int hush_matcher_run(struct hush_matcher *m, const char *text, size_t len, struct hush_spans *out,
                     struct hush_error *err);

/* ---- rendering (render.c) ----------------------------------------------- */

/* Appends text with each span replaced by "[CATEGORY]" to out. */
void hush_render_tags(const struct hush_ruleset *rs, const char *text, size_t len,
                      const struct hush_spans *spans, struct hush_buf *out);

/* Convenience for tests and examples: match and render in one call. */
int hush_redact_text(const struct hush_ruleset *rs, const char *text, size_t len,
                     struct hush_buf *out, struct hush_error *err);

/* ---- pseudonyms (pseudonym.c) ------------------------------------------ */

#define HUSH_STUDY_KEY_BYTES 32
#define HUSH_PSEUDONYM_TAG_BYTES 16
#define HUSH_PSEUDONYM_CODE_CHARS 8
#define HUSH_MAX_LABEL 32 /* bytes of a register label, "PSW-03" */

/* Writes the canonical key of the entity named by s[0..len) to out: its
 * words normalised as the lexicon does (NFKC, case folded, accents and
 * invisible characters removed), leading titles (Dr, Ms...) dropped unless
 * nothing else is left, joined by single spaces.  Returns the number of
 * words written.  "Dr SARAH  Okafor" and "sarah okafor" have one key. */
size_t hush_entity_key(const char *s, size_t len, struct hush_buf *out);

/* The subkey id of a category for crypto_kdf_derive_from_key: the first 8
 * bytes, little-endian, of the unkeyed BLAKE2b-128 of its name. */
uint64_t hush_pseudonym_subkey_id(const char *category);

/* The full tag of an entity: BLAKE2b-128 of its canonical key, keyed with
 * crypto_kdf_derive_from_key(32, subkey id of category, "hushpsdn",
 * study_key).  The derived key lives in guarded memory and is wiped. */
void hush_pseudonym_tag(const unsigned char study_key[HUSH_STUDY_KEY_BYTES], const char *category,
                        const char *key, size_t key_len,
                        unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES]);

/* The code shown in a text: the tag's first 40 bits in Crockford base32
 * (0-9 and A-Z without I, L, O, U), most significant first, NUL-ended. */
void hush_pseudonym_code(const unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES],
                         char code[HUSH_PSEUDONYM_CODE_CHARS + 1]);

/* Whether s[0..n) is a well-formed code. */
bool hush_is_pseudonym_code(const char *s, size_t n);

/* An entity met in a document, with one of its surface forms there. */
struct hush_entity {
    uint32_t category;
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    char label[HUSH_MAX_LABEL + 1]; /* a register's label, written instead of the code; or "" */
    char *form;                     /* owned: the original text of the span */
};
struct hush_entities {
    struct hush_entity *v;
    size_t n, cap;
};
/* Wipes the forms, frees e's memory and leaves it empty. */
void hush_entities_free(struct hush_entities *e);

/* Appends text with each span replaced by "[CATEGORY-CODE]" to out, and
 * adds each (entity, surface form) pair not yet in seen to seen.  Spans of
 * one category with only spaces or tabs between them are one entity, with
 * one pseudonym ("Daniel" and "Whitcombe" found by two rules).  Within
 * the document a one-word span ("Sarah", "Dr Okafor") is the entity of the
 * one longer span of its category that holds the word, when there is
 * exactly one; otherwise it is an entity of its own.  An entity whose
 * key is an alias in the rule set's register is written "[LABEL]", and its
 * tag is that of "register ENTITY". */
void hush_render_pseudonyms(const struct hush_ruleset *rs,
                            const unsigned char study_key[HUSH_STUDY_KEY_BYTES], const char *text,
                            size_t len, const struct hush_spans *spans, struct hush_buf *out,
                            struct hush_entities *seen);

/* ---- keys, the vault and linkage (custodian.c, vault.c, linkage.c) ------ */

#define HUSH_X25519_BYTES 32
#define HUSH_KEY_ID_CHARS 16 /* a key id: 8 bytes of BLAKE2b of the public key, in hex */
#define HUSH_MAX_PASSPHRASE 1024
#define HUSH_MIN_PASSPHRASE 12
#define HUSH_DEFAULT_OPSLIMIT 3
#define HUSH_DEFAULT_MEMLIMIT ((uint64_t)256 << 20)

/* Reads a passphrase into guarded memory (*pass, NUL-ended, *len bytes;
 * release with hush_secret_free): one line from fd when fd >= 0, else from
 * the terminal with echo off (HUSH_EUSAGE when there is none), asked twice
 * when confirm.  With confirm, fewer than HUSH_MIN_PASSPHRASE bytes is
 * refused. */
int hush_passphrase_read(int fd, bool confirm, char **pass, size_t *len, struct hush_error *err);

/* Makes a custodian key pair: DIR/custodian.key (0600: the X25519 secret
 * key wrapped with Argon2id of opslimit passes over memlimit bytes and
 * XChaCha20-Poly1305) and DIR/custodian.pub.  DIR is created 0700 if it
 * is missing; an existing key file is never replaced (HUSH_ECANTCREAT).
 * HUSH_ETEMPFAIL when Argon2id cannot have its memory.  key_id receives
 * the new key's id. */
int hush_custodian_create(const char *dir, const char *pass, size_t passlen, uint64_t opslimit,
                          uint64_t memlimit, char key_id[HUSH_KEY_ID_CHARS + 1],
                          struct hush_error *err);

/* HUSH_ECANTCREAT when DIR already holds custodian.key or custodian.pub:
 * checked before a passphrase is asked for. */
int hush_custodian_exists(const char *dir, struct hush_error *err);

/* The custodian's key pair, opened. */
struct hush_custodian {
    unsigned char pk[HUSH_X25519_BYTES];
    unsigned char *sk; /* guarded memory */
    char key_id[HUSH_KEY_ID_CHARS + 1];
};
/* Opens custodian.key with the passphrase.  A file others may read, or a
 * wrong passphrase or altered file: HUSH_ECONFIG; a malformed file or
 * parameters over the caps: HUSH_EDATA; no memory for Argon2id:
 * HUSH_ETEMPFAIL. */
int hush_custodian_open(const char *path, const char *pass, size_t passlen,
                        struct hush_custodian *c, struct hush_error *err);
/* Wipes and releases c. */
void hush_custodian_close(struct hush_custodian *c);
/* Reads custodian.pub (HUSH_EDATA when it is not one). */
int hush_custodian_public_read(const char *path, unsigned char pk[HUSH_X25519_BYTES],
                               char key_id[HUSH_KEY_ID_CHARS + 1], struct hush_error *err);

/* A study vault, opened and locked for one run. */
struct hush_vault;
/* Creates the vault dir for the custodian whose public key is in
 * custodian_pub: a random study key and study id, a host signing key, the
 * study key escrowed to the custodian.  Made whole beside dir and renamed
 * into place; something already at dir is refused (HUSH_ECANTCREAT). */
int hush_vault_create(const char *dir, const char *custodian_pub, struct hush_error *err);
/* For the custodian: makes the vault dir for a rebuilt host with the study
 * key and study id escrowed in the vault old_vault (only its escrow is
 * read, and it must match its pin in pins_dir: HUSH_ECONFIG otherwise), a
 * new host key and an escrow of its own, so that pseudonyms stay what they
 * were; and accepts the new vault (a pin for it).  The old vault's batches
 * stay in it; the new vault's chain starts at 1. */
int hush_vault_recover(const char *dir, const char *old_vault, const struct hush_custodian *c,
                       const char *pins_dir, struct hush_error *err);
/* Opens the vault dir and takes its lock, waiting for another run to end
 * unless wait is false (then HUSH_ETEMPFAIL).  A vault or key file that
 * others may read, or a symbolic link in their place: HUSH_ECONFIG. */
struct hush_vault *hush_vault_open(const char *dir, bool wait, struct hush_error *err);
/* Wipes the keys, releases the lock and frees v; NULL does nothing. */
void hush_vault_close(struct hush_vault *v);
/* HUSH_ECONFIG unless the vault seals its linkage to the custodian key
 * with id key_id: what a host that pins its custodian checks, so that a
 * custodian.pub and escrow replaced together cannot send linkage to
 * another key. */
int hush_vault_check_custodian(const struct hush_vault *v, const char *key_id,
                               struct hush_error *err);
/* The study key (guarded memory owned by v). */
const unsigned char *hush_vault_study_key(const struct hush_vault *v);

/* What one run will record in its linkage batch. Zero-initialise. */
struct hush_batch {
    struct hush_buf records; /* encoded records, each with its length */
    size_t nrecords;
    struct hush_entities entities; /* each entity of the run once, without forms */
};
/* Records each (entity, surface form) of seen as met in document. */
void hush_batch_add(struct hush_batch *b, const struct hush_ruleset *rs,
                    const struct hush_entities *seen, const char *document);
/* Wipes and frees b's records. */
void hush_batch_free(struct hush_batch *b);
/* Adds b's entities to the vault's index, refusing a collision (two tags,
 * one code: HUSH_ESOFTWARE), then writes b as the vault's next linkage
 * batch and makes it durable (fsync, link into place, fsync of the
 * directory).  Only after this returns HUSH_OK may output that uses the
 * pseudonyms be published. */
int hush_vault_commit_batch(struct hush_vault *v, const struct hush_ruleset *rs,
                            const struct hush_batch *b, struct hush_error *err);

/* One linkage record, as the custodian reads it. */
struct hush_link {
    char *category;
    char code[HUSH_PSEUDONYM_CODE_CHARS + 1];
    char label[HUSH_MAX_LABEL + 1]; /* a register's label, or "" */
    char *document;
    char *form;
};
/* Where a chain of batches ended when the custodian last read it. */
struct hush_chain_mark {
    size_t batches;         /* how many batches */
    unsigned char last[32]; /* BLAKE2b-256 of the last one (zeros when none) */
};
struct hush_linkage {
    struct hush_link *v;
    size_t n, cap;
    struct hush_chain_mark mark; /* where the chain read ends */
};
/* Verifies every batch of the vault dir with the custodian's key and reads
 * their records into out: each batch's signature with the host key from
 * the escrow, its study, its sequence number (1, 2, ... with no gap), the
 * hash of the batch before it, its length and its FINAL record.  With
 * seen, the chain must reach at least seen->batches, and that batch must
 * be the one seen (its hash): the chain alone cannot show its newest
 * batches deleted or replaced.  Any failure (HUSH_EDATA, naming the batch)
 * leaves out empty: nothing is revealed from a vault that does not verify
 * whole.  This trusts the vault's escrow: the custodian's tool reads
 * through hush_study_reveal, which first checks the escrow against what
 * the custodian accepted. */
int hush_linkage_read(const char *dir, const struct hush_custodian *c,
                      const struct hush_chain_mark *seen, struct hush_linkage *out,
                      struct hush_error *err);

/* ---- the custodian's record of the studies they accepted (pin.c) -------
 * Anyone can seal an escrow to the custodian's public key, so an escrow
 * proves nothing by itself: the custodian accepts a study once, after
 * checking its study id and host key id with the host's operator, and a
 * pin file in pins_dir records them, the study key's id and where the chain
 * ended at the last reading, authenticated with a key derived from the
 * custodian's secret key. */

/* Accepts the study of the vault dir: opens its escrow and writes
 * pins_dir/STUDYID-HOSTKEYID.pin (pins_dir made 0700 if missing; a pin
 * already there: HUSH_ECANTCREAT).  summary receives the ids to check. */
int hush_study_accept(const char *dir, const struct hush_custodian *c, const char *pins_dir,
                      char *summary, size_t size, struct hush_error *err);
/* Reads the linkage of the vault dir as hush_linkage_read does, but only
 * when its escrow matches an accepted study's pin (else HUSH_ECONFIG), with
 * the pin's chain mark as seen; then moves the pin's mark on to where the
 * chain now ends. */
int hush_study_reveal(const char *dir, const struct hush_custodian *c, const char *pins_dir,
                      struct hush_linkage *out, struct hush_error *err);

/* Wipes and frees l. */
void hush_linkage_free(struct hush_linkage *l);
/* Appends the linkage as CSV: "pseudonym,category,forms,documents", one
 * row a pseudonym (CATEGORY-CODE, or a register's label), sorted; forms and documents each sorted,
 * unique and joined with "; ". */
void hush_linkage_csv(const struct hush_linkage *l, struct hush_buf *out);
/* Appends text with each "[CATEGORY-CODE]" or "[LABEL]" that the linkage knows replaced
 * by the longest form recorded for it; others stay as they are.  Returns
 * the number replaced. */
size_t hush_reidentify(const struct hush_linkage *l, const char *text, size_t len,
                       struct hush_buf *out);

/* ---- checking redacted text (verify.c) --------------------------------- */

enum hush_finding_kind { HUSH_LEAK = 1, HUSH_SUSPECT = 2 };

/* Something in a text that should hold no identifier: bytes [start, end),
 * a leak or a suspect, a category (a rule set's, or TAG, WORD, NUMBER,
 * CONTACT for suspects) and the rule or reason; the strings belong to the
 * rule set or are constants. */
struct hush_finding {
    size_t start, end;
    int kind;
    const char *category;
    const char *why;
};

struct hush_findings {
    struct hush_finding *v;
    size_t n, cap;
};
/* Frees f's memory and leaves it empty. */
void hush_findings_free(struct hush_findings *f);

/* Checks text[0..len) with the matcher's rule set and fills out (emptied
 * first) with its findings, sorted by start.  Leaks: every span a detector
 * still finds; a pseudonym tag whose code is malformed.  Suspects: a
 * capitalised word that is no English word, not at a sentence start, not
 * allowed and not in a tag; a run of six or more digits; a capital inside a
 * word; an @; a web address; a bracketed upper-case word that is not a
 * category of the rule set.  Fails as hush_matcher_run does. */
int hush_verify_text(struct hush_matcher *m, const char *text, size_t len,
                     struct hush_findings *out, struct hush_error *err);

/* ---- reports (report.c) ------------------------------------------------- */

/* Counts per rule across documents. */
struct hush_tally {
    uint64_t *per_rule; /* hush_rules_count entries */
    size_t nrules;
    uint64_t documents;
};
/* Starts t at zero for the rules of rs. */
void hush_tally_init(struct hush_tally *t, const struct hush_ruleset *rs);
/* Counts one document's spans. */
void hush_tally_add(struct hush_tally *t, const struct hush_spans *spans);
/* Frees what hush_tally_init made. */
void hush_tally_release(struct hush_tally *t);

/* Appends the spans CSV ("start,end,category,rule" and one row a span). */
void hush_spans_csv(const struct hush_ruleset *rs, const struct hush_spans *spans,
                    struct hush_buf *out);
/* Appends the report: tool and version, rule-set digest, documents, counts
 * per category and per rule.  No transcript text. */
void hush_report_write(const struct hush_ruleset *rs, const struct hush_tally *t, const char *tool,
                       struct hush_buf *out);

/* ---- documents on several threads (workers.c) --------------------------- */

#define HUSH_MAX_WORKERS 64

/* n independent items, and what to do with them.  work(ctx, worker, i)
 * computes item i on some thread; worker, below nworkers (0 when nworkers
 * is 0), names the per-thread state it may use (one worker never runs two
 * items at once).
 * done(ctx, i) runs on the calling thread, once per item in order 0, 1, ...,
 * after work(ctx, _, i) has returned; it returns false to stop the run. */
struct hush_work {
    size_t n, nworkers;
    void *ctx;
    void (*work)(void *ctx, size_t worker, size_t i);
    bool (*done)(void *ctx, size_t i);
};

/* Runs w to the end, or until done returns false.  After a stop no item is
 * started, and items already computed but not handed to done are dropped:
 * releasing what they made is the caller's job after the call.  With
 * nworkers <= 1, or when no thread can be started, every item runs on the
 * calling thread in turn. */
void hush_work_run(const struct hush_work *w);
/* How many workers this process may usefully run: the CPUs it may use, at
 * most HUSH_MAX_WORKERS. */
size_t hush_work_default_workers(void);
/* Reads a -j argument: a decimal number from 1 to HUSH_MAX_WORKERS into
 * *jobs.  HUSH_EUSAGE for anything else, *jobs unchanged. */
int hush_work_parse_jobs(const char *s, size_t *jobs);

/* ---- safe output (publish.c) -------------------------------------------- */

/* Writes all of p[0..n) to fd, retrying short writes and EINTR. Returns
 * HUSH_OK or HUSH_EIO with err naming what. */
int hush_write_all(int fd, const void *p, size_t n, const char *what, struct hush_error *err);

/* Publishes data as the file path atomically: a temporary file beside it,
 * fsync, rename over path, fsync of the directory.  On failure nothing new
 * is left at path or beside it, except when only the final fsync of the
 * directory fails (HUSH_EIO; the file is whole but might not survive a
 * crash).  A symbolic link is followed and its target published.  A device
 * or a pipe, and anything under /dev/ or /proc/ (/dev/stdout), is written in
 * place, truncated first: no atomicity is possible there.  HUSH_ECANTCREAT
 * when the file cannot be created, HUSH_EIO when writing, syncing or
 * renaming fails. */
int hush_publish_file(const char *path, const void *data, size_t n, struct hush_error *err);

/* A file written and synced in its final directory, not yet in place. */
struct hush_staged {
    int fd;     /* open on the file until commit or discard */
    char *tmp;  /* its temporary name, or NULL while it has none */
    char *path; /* where it goes */
};
/* Writes data to a new file in path's directory with mode (or, when mode
 * is -1, 0666 less the umask) and syncs it.  The file has no name
 * (O_TMPFILE) where the file system allows, so a process killed before
 * the commit leaves nothing behind; elsewhere it is ".NAME.XXXXXX" beside
 * path.  Nothing is at path yet.  On failure nothing is left behind:
 * HUSH_ECANTCREAT or HUSH_EIO. */
int hush_stage_file(const char *path, const void *data, size_t n, int mode, struct hush_staged *st,
                    struct hush_error *err);
/* Puts a staged file in place, replacing what is at path when replace is
 * true (by rename), and failing with HUSH_ECANTCREAT when something is there
 * when it is false (by link); then syncs the directory.  st is released
 * either way. */
int hush_staged_commit(struct hush_staged *st, bool replace, struct hush_error *err);
/* Removes a staged file and releases st; does nothing to a released or
 * zero-initialised one. */
void hush_staged_discard(struct hush_staged *st);
/* fsyncs the directory that holds path (HUSH_EIO when it cannot). */
int hush_sync_dir_of(const char *path, struct hush_error *err);

/* Keeps transcript text out of core dumps: no core file, and the process
 * is not dumpable.  Makes a closed pipe and a file-size limit errors that
 * are reported (EPIPE, EFBIG: exit 74) rather than signals that kill the
 * process half-way.  Every tool calls it first. */
void hush_harden_process(void);

/* ---- validators (checks.c) ---------------------------------------------- */

/* NHS number: ten digits (spaces and dashes ignored) whose last digit is the
 * modulus 11 check digit of the first nine. Returns 1 when valid. */
int hush_check_nhs_mod11(const char *s, size_t len);
/* Luhn checksum over the digits of s (other characters ignored, at least
 * two digits). Returns 1 when valid. */
int hush_check_luhn(const char *s, size_t len);
/* Initials in brackets after a name: are the capitals text[start, end)
 * the initials, in order, of the last words before the opening bracket that
 * holds them ("Marcus Ellison (ME)", "Mark Ellery (Secretary, ME)", "Nia
 * Rhys-Evans (NRE)" or "(NR)")?  The bracket must be on the same line, at
 * most 40 bytes before start; the words are separated by blanks, a hyphen
 * parting a word into two or not.  Returns 1 when they are. */
int hush_check_initials(const char *text, size_t start, size_t end);
/* Initials in brackets after a title and a surname given alone: are the
 * capitals text[start, end) two or three ASCII capitals whose last is the
 * surname's first letter ("Mr Holroyd (DH)", "Miss Chaudhry (SC, on
 * call)"), the words before their bracket (found as hush_check_initials
 * finds them) being one title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Sister, Sr,
 * Nurse) and one word?  Returns 1 when they are. */
int hush_check_surname_initials(const char *text, size_t start, size_t end);

/* ---- locations (paths.c) ------------------------------------------------ */

/* Writes the path of the shipped rule set to out: rules/uk-health.rules
 * beside the program's bin/ directory in a source tree, else under the
 * installed share directory.  Returns 1 when a readable file was found. */
int hush_default_rules(char *out, size_t size);

/* Where the output for input name goes with -o out: NULL for standard
 * output (no out, or "-"); out itself when it is not a directory; else
 * out/NAME with NAME as hush_document_name gives it.  Allocated. */
char *hush_output_path(const char *out, const char *name);
/* The name a document goes by in outputs and linkage: the last part of
 * its path, "stdin" for "-".  Points into name or to a constant. */
const char *hush_document_name(const char *name);
/* Checks that -o out suits the inputs files[0..n): several inputs need a
 * directory, and no two may be written to one path (HUSH_EUSAGE). */
int hush_check_outputs(const char *out, char *const *files, size_t n, struct hush_error *err);

/* ---- transcript formats (format.c, format_vtt.c, format_srt.c, format_csv.c)
 * A format reader turns a document into a scan view: a copy of exactly the
 * same length in which the bytes the engine must read (spoken text, speaker
 * names, cue identifiers, NOTE blocks, the chosen CSV columns) stand where
 * they stand in the document, and every other byte (timings, cue numbers,
 * markup, quotes, separators, other columns) is blanked to a space (line
 * breaks kept).  Matching the view therefore gives spans that are byte
 * offsets into the document itself, and the document is rendered, not the
 * view: everything outside the spans passes through byte for byte. */

enum hush_format {
    HUSH_FORMAT_AUTO = 0, /* detect: see hush_format_detect */
    HUSH_FORMAT_TXT,      /* plain text: the whole document is scanned */
    HUSH_FORMAT_VTT,      /* WebVTT (Microsoft Teams, Zoom) */
    HUSH_FORMAT_SRT,      /* SubRip */
    HUSH_FORMAT_CSV       /* comma-separated, with a header row */
};

/* Sets *f from a format's name ("auto", "txt", "vtt", "srt", "csv"; also
 * "text" and "webvtt"), case-insensitively.  Returns HUSH_OK, or
 * HUSH_EUSAGE for any other name (f untouched). */
int hush_format_from_name(const char *s, enum hush_format *f);
/* Checks a --columns value: CSV column names separated by commas, none of
 * them empty or only blanks.  Returns HUSH_OK, or HUSH_EUSAGE ("", "a,,b",
 * "a, "), so that a tool refuses it as a usage error before reading any
 * document. */
int hush_format_check_columns(const char *columns);
/* The short name of f ("txt", "vtt", ...): a constant string. */
const char *hush_format_name(enum hush_format f);

/* Decides the format of data[0..len) (path may be NULL or "-"): a WEBVTT
 * header (after an optional byte-order mark) is VTT; a first cue of a
 * number line then a timing line with commas ("00:00:01,000 --> ...") is
 * SRT; a path ending in .csv, or a first line that reads as a CSV header of
 * two or more short column names (letters, digits, blanks, _-.()#) one of
 * which is a column to scan (columns, as for hush_view_build), is CSV;
 * anything else is TXT.  Never returns AUTO.  A file whose first cue is
 * broken is therefore TXT: a tool that must refuse it names the format. */
enum hush_format hush_format_detect(const char *path, const char *data, size_t len,
                                    const char *columns);

/* A byte range [start, end) of a document. */
struct hush_range {
    size_t start, end;
};

/* A scan view (see above).  text is owned, len bytes followed by a NUL;
 * scan lists, sorted and disjoint, the ranges whose bytes are the
 * document's own text to be scanned: a span may cover those bytes only.
 * Bytes of text outside scan may hold what helps the engine read the
 * document (a ':' after a voice-tag name, a copy of it shaped as a speaker
 * label); nothing found there is ever replaced.  Zero-initialise; release
 * with hush_view_release. */
struct hush_view {
    enum hush_format format;
    char *text;
    size_t len;
    struct hush_range *scan;
    size_t nscan, cap_scan;
};

/* Builds the scan view of data[0..len) (valid UTF-8 without NUL, as
 * hush_doc_read leaves it) read as format f (AUTO detects it with name as
 * the path).  columns is for CSV: a comma-separated list of header names
 * whose columns are scanned (case-insensitive); NULL scans any of speaker,
 * text, name, utterance, transcript, content, comment, notes, message; the
 * other columns pass through.  name is used in messages only.  Malformed
 * input (VTT without its header, a broken cue timing line, cue text
 * without its blank line; SRT with a cue number or timing missing or
 * broken; CSV with an unterminated quote, a stray quote, a row whose field
 * count differs from the header's, a named column missing, or no column
 * to scan) is HUSH_EDATA with name:line:column and what, never the text.
 * On failure v holds nothing to release. */
int hush_view_build(enum hush_format f, const char *columns, const char *name, const char *data,
                    size_t len, struct hush_view *v, struct hush_error *err);
/* Frees what hush_view_build made; leaves v zeroed. */
void hush_view_release(struct hush_view *v);

/* Cuts spans (over v->text, sorted and disjoint, as hush_matcher_run
 * leaves them) to v->scan: a span outside every scan range is dropped, one
 * that crosses pass-through bytes becomes one span for each scan range it
 * covers, with its category and rule.  Spans that are unsorted, overlap or
 * run past the text are a broken invariant: HUSH_ESOFTWARE, spans
 * untouched. */
int hush_view_clip(const struct hush_view *v, struct hush_spans *spans, struct hush_error *err);

/* What a tool calls: reads doc in format f (AUTO: detected from doc->name
 * and its bytes; columns as for hush_view_build), matches it with m and
 * leaves in out the spans to replace, as byte offsets into doc->data, all
 * inside the scanned text.  Plain text is matched as it is.  Errors as
 * hush_view_build and hush_matcher_run, every message beginning with
 * doc->name and giving the line and column in the document. */
int hush_format_match(struct hush_matcher *m, enum hush_format f, const char *columns,
                      const struct hush_doc *doc, struct hush_spans *out, struct hush_error *err);

/* As hush_format_match, for verify: checks the scanned text of doc with
 * hush_verify_text and leaves in out the findings that touch it (offsets
 * into doc->data, cut to the scanned text). */
int hush_format_verify(struct hush_matcher *m, enum hush_format f, const char *columns,
                       const struct hush_doc *doc, struct hush_findings *out,
                       struct hush_error *err);

#endif
