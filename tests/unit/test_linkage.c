/*
 * test_linkage.c: the custodian's key, key files, the study vault, its
 * pseudonym index and the chain of linkage batches (custodian.c, keyfile.c,
 * vault.c, pseudonym_index.c, linkage.c): what is written reads back, and
 * every way a batch can be damaged or forged is refused with nothing
 * revealed.  Argon2id runs at its cheapest (one pass, 8 MiB).
 */
#include "helpers.h"

#include <sodium.h>
#include <sys/file.h>

#define PASS "correct horse battery staple"
#define KDF_OPS 1
#define KDF_MEM ((uint64_t)8 << 20)

static char *cust_dir, *cust_key, *cust_pub, *vault_dir;
static struct hush_ruleset *rs;

static void
setup(void)
{
    tmpdir_setup();
    cust_dir = tmp_path("cust");
    cust_key = tmp_path("cust/custodian.key");
    cust_pub = tmp_path("cust/custodian.pub");
    vault_dir = tmp_path("vault");
    struct hush_error err = {0};
    char id[HUSH_KEY_ID_CHARS + 1];
    cr_assert_eq(hush_custodian_create(cust_dir, PASS, strlen(PASS), KDF_OPS, KDF_MEM, id, &err),
                 HUSH_OK, "%s", err.msg);
    cr_assert_eq(hush_vault_create(vault_dir, cust_pub, &err), HUSH_OK, "%s", err.msg);
    rs = rules_must("rule p\n  category PERSON\n  regex \\b(?:Dr )?[QZ]\\w+(?: [QZ]\\w+)?\n"
                    "  reason R.\n");
}

static void
teardown(void)
{
    hush_rules_free(rs);
    free(cust_dir);
    free(cust_key);
    free(cust_pub);
    free(vault_dir);
    tmpdir_teardown();
}

TestSuite(linkage, .init = setup, .fini = teardown);

/* ---- helpers ---------------------------------------------------------- */

static struct hush_vault *
vault_must(const char *dir)
{
    struct hush_error err = {0};
    struct hush_vault *v = hush_vault_open(dir, false, &err);
    cr_assert_not_null(v, "the vault does not open: %s", err.msg);
    return v;
}

/* Pseudonymises text (synthetic) with v's study key into b, as document. */
static void
add_doc(struct hush_vault *v, struct hush_batch *b, const char *text, const char *document)
{
    struct hush_spans spans = {0};
    struct hush_error err = {0};
    cr_assert_eq(hush_match(rs, text, strlen(text), &spans, &err), HUSH_OK, "%s", err.msg);
    struct hush_buf out = {0};
    struct hush_entities seen = {0};
    hush_render_pseudonyms(rs, hush_vault_study_key(v), text, strlen(text), &spans, &out, &seen);
    hush_batch_add(b, rs, &seen, document);
    hush_entities_free(&seen);
    hush_buf_free(&out);
    hush_spans_free(&spans);
}

/* One run: opens the vault, records text as document, commits. */
static int
run(const char *dir, const char *text, const char *document, struct hush_error *err)
{
    struct hush_vault *v = vault_must(dir);
    struct hush_batch b = {0};
    add_doc(v, &b, text, document);
    int rc = hush_vault_commit_batch(v, rs, &b, err);
    hush_batch_free(&b);
    hush_vault_close(v);
    return rc;
}

static void
run_must(const char *text, const char *document)
{
    struct hush_error err = {0};
    cr_assert_eq(run(vault_dir, text, document, &err), HUSH_OK, "%s", err.msg);
}

/* The code the vault's study key gives entity key (canonical) in PERSON. */
static void
code_of(const char *dir, const char *key, char code[HUSH_PSEUDONYM_CODE_CHARS + 1])
{
    struct hush_vault *v = vault_must(dir);
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    hush_pseudonym_tag(hush_vault_study_key(v), "PERSON", key, strlen(key), tag);
    hush_pseudonym_code(tag, code);
    hush_vault_close(v);
}

static void
custodian_must(struct hush_custodian *c)
{
    struct hush_error err = {0};
    cr_assert_eq(hush_custodian_open(cust_key, PASS, strlen(PASS), c, &err), HUSH_OK, "%s",
                 err.msg);
}

/* Reads the vault's linkage; on failure checks that nothing was revealed
 * and that the message names what and where. */
static int
read_linkage(struct hush_linkage *l, struct hush_error *err)
{
    struct hush_custodian c;
    custodian_must(&c);
    hush_error_clear(err);
    int rc = hush_linkage_read(vault_dir, &c, 0, l, err);
    hush_custodian_close(&c);
    if (rc != HUSH_OK)
        cr_expect(l->n == 0 && l->v == NULL, "records revealed from a vault that does not verify");
    return rc;
}

static void
expect_refused(const char *batch, const char *why, const char *what)
{
    struct hush_linkage l;
    struct hush_error err = {0};
    cr_expect_eq(read_linkage(&l, &err), HUSH_EDATA, "%s: not refused as bad data", what);
    cr_expect(strstr(err.msg, batch) != NULL, "%s: the message does not name %s: %s", what, batch,
              err.msg);
    cr_expect(strstr(err.msg, why) != NULL, "%s: the message does not say '%s': %s", what, why,
              err.msg);
    /* The names are looked for outside the paths the message gives: the
     * test directory's random name may hold the same letters. */
    char msg[sizeof err.msg];
    strcpy(msg, err.msg);
    for (char *d; (d = strstr(msg, test_dir)) != NULL;)
        memset(d, '/', strlen(test_dir));
    cr_expect(strstr(msg, "Qu") == NULL && strstr(msg, "Za") == NULL,
              "%s: the message quotes a name", what);
    hush_linkage_free(&l);
}

static char *
batch_file(const char *dir, int seq)
{
    char name[64];
    snprintf(name, sizeof name, "%s/batches/%08d.batch", dir, seq);
    return hush_xstrdup(name);
}

static struct hush_doc
slurp(const char *path)
{
    struct hush_doc doc;
    struct hush_error err = {0};
    cr_assert_eq(hush_doc_load_bytes(path, (size_t)1 << 20, &doc, &err), HUSH_OK, "%s", err.msg);
    return doc;
}

static void
spit(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    cr_assert(fd >= 0, "cannot write %s", path);
    cr_assert_eq(write(fd, data, n), (ssize_t)n);
    close(fd);
}

/* Three runs: Quilla Zanth in doc1 and doc3, Zeno Quist in doc2. */
static void
three_batches(void)
{
    run_must("Quilla Zanth rang.", "doc1.txt");
    run_must("Dr Zeno Quist came.", "doc2.txt");
    run_must("Quilla Zanth again, and Quilla.", "doc3.txt");
}

/* ---- the custodian's key -------------------------------------------------- */

Test(linkage, custodian_key_opens_only_with_its_passphrase)
{
    struct hush_custodian c;
    struct hush_error err = {0};
    custodian_must(&c);
    unsigned char pk[HUSH_X25519_BYTES];
    char id[HUSH_KEY_ID_CHARS + 1];
    cr_assert_eq(hush_custodian_public_read(cust_pub, pk, id, &err), HUSH_OK, "%s", err.msg);
    cr_expect(memcmp(pk, c.pk, sizeof pk) == 0, "the public file holds another key");
    cr_expect_str_eq(id, c.key_id);
    hush_custodian_close(&c);
    const char *wrong = "correct horse battery stable";
    hush_error_clear(&err);
    cr_expect_eq(hush_custodian_open(cust_key, wrong, strlen(wrong), &c, &err), HUSH_ECONFIG);
    cr_expect(strstr(err.msg, "wrong passphrase") != NULL, "%s", err.msg);
    cr_expect_null(c.sk, "a secret key is left after a wrong passphrase");
    char key_id[HUSH_KEY_ID_CHARS + 1];
    hush_error_clear(&err);
    cr_expect_eq(
        hush_custodian_create(cust_dir, PASS, strlen(PASS), KDF_OPS, KDF_MEM, key_id, &err),
        HUSH_ECANTCREAT, "an existing custodian key was replaced");
    chmod(cust_key, 0644);
    hush_error_clear(&err);
    cr_expect_eq(hush_custodian_open(cust_key, PASS, strlen(PASS), &c, &err), HUSH_ECONFIG,
                 "a custodian key others may read was opened");
    cr_expect(strstr(err.msg, "others may read") != NULL, "%s", err.msg);
}

/* Argon2id below 8 MiB makes a guessed passphrase cheap to try: such a key
 * is neither made nor, when a file says so, opened. */
Test(linkage, custodian_key_kdf_below_the_floor_is_refused)
{
    struct hush_error err = {0};
    char id[HUSH_KEY_ID_CHARS + 1];
    char *weak = tmp_path("weak");
    cr_expect_eq(hush_custodian_create(weak, PASS, strlen(PASS), 1, (uint64_t)64 << 10, id, &err),
                 HUSH_EUSAGE, "a key with 64 KiB Argon2id was made");
    free(weak);
    /* The stored memory lowered: refused on its numbers, before any
     * passphrase is tried. */
    FILE *f = fopen(cust_key, "r");
    cr_assert_not_null(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    char *m = strstr(text, "memlimit: ");
    cr_assert_not_null(m, "no memlimit line");
    char *eol = strchr(m, '\n');
    cr_assert_not_null(eol);
    char edited[8400];
    snprintf(edited, sizeof edited, "%.*smemlimit: 65536%s", (int)(m - text), text, eol);
    f = fopen(cust_key, "w");
    cr_assert_not_null(f);
    fputs(edited, f);
    fclose(f);
    struct hush_custodian c;
    hush_error_clear(&err);
    cr_expect_eq(hush_custodian_open(cust_key, PASS, strlen(PASS), &c, &err), HUSH_EDATA, "%s",
                 err.msg);
    cr_expect(strstr(err.msg, "Argon2id parameters") != NULL, "%s", err.msg);
    cr_expect_null(c.sk, "a secret key is left after a refused file");
}

/* ---- key files ------------------------------------------------------------ */

static int
parse_file(const char *text, const char *type, bool secret, int mode, struct hush_error *err)
{
    char *path = tmp_write("k/test.key", text);
    chmod(path, (mode_t)mode);
    struct keyfile kf;
    hush_error_clear(err);
    int rc = keyfile_read(path, type, secret, &kf, err);
    if (rc == HUSH_OK)
        keyfile_release(&kf);
    free(path);
    return rc;
}

Test(linkage, keyfile_parsing)
{
    struct hush_error err = {0};
    cr_expect_eq(
        parse_file("hush-study-key 1\nkey-id: ab\nkey: 00\n", "study-key", true, 0600, &err),
        HUSH_OK, "%s", err.msg);
    cr_expect_eq(parse_file("hush-host-secret-key 1\nkey: 00\n", "study-key", true, 0600, &err),
                 HUSH_EDATA, "a key file of another type was taken");
    cr_expect(strstr(err.msg, "test.key:1: not a hush study-key file") != NULL, "%s", err.msg);
    cr_expect_eq(parse_file("hush-study-key 2\nkey: 00\n", "study-key", true, 0600, &err),
                 HUSH_EDATA, "another version was taken");
    cr_expect_eq(parse_file("hush-study-key 1\nkey: 00\nkey-id: ab\nkey: 11\n", "study-key", true,
                            0600, &err),
                 HUSH_EDATA, "a field given twice was taken");
    cr_expect(strstr(err.msg, "test.key:4: field 'key' given twice") != NULL, "%s", err.msg);
    cr_expect_eq(parse_file("hush-study-key 1\nkey: 00", "study-key", true, 0600, &err), HUSH_EDATA,
                 "a last line without its newline was taken");
    cr_expect(strstr(err.msg, "test.key:2: the last line has no newline") != NULL, "%s", err.msg);
    cr_expect_eq(parse_file("hush-study-key 1\nkey 00\n", "study-key", true, 0600, &err),
                 HUSH_EDATA, "a line that is no field was taken");
    cr_expect_eq(parse_file("hush-study-key 1\nKey: 00\n", "study-key", true, 0600, &err),
                 HUSH_EDATA, "a field name in capitals was taken");
    cr_expect_eq(parse_file("", "study-key", true, 0600, &err), HUSH_EDATA, "an empty file");
    cr_expect_eq(parse_file("hush-study-key 1\nkey: 00\n", "study-key", true, 0640, &err),
                 HUSH_ECONFIG, "a secret the group may read was taken");
    cr_expect_eq(parse_file("hush-study-key 1\nkey: 00\n", "study-key", false, 0644, &err), HUSH_OK,
                 "a public file readable by all was refused: %s", err.msg);
    /* A symbolic link in place of a key file is refused. */
    char *target = tmp_path("k/test.key"), *link = tmp_path("k/link.key");
    cr_assert_eq(symlink(target, link), 0);
    struct keyfile kf;
    hush_error_clear(&err);
    cr_expect_eq(keyfile_read(link, "study-key", false, &kf, &err), HUSH_ECONFIG,
                 "a key file was read through a symbolic link");
    free(target);
    free(link);
    /* The header of a batch, parsed from memory: a NUL byte is refused. */
    const char header[] = "hush-linkage-batch 1\nsequence: 1\0x\n";
    hush_error_clear(&err);
    cr_expect_eq(keyfile_parse(header, sizeof header - 1, "linkage-batch", "b", &kf, &err),
                 HUSH_EDATA, "a NUL byte in a batch header was taken");
}

/* ---- the vault ------------------------------------------------------------ */

static mode_t
mode_of(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    struct stat st;
    cr_assert_eq(lstat(p, &st), 0, "%s is missing from the vault", name);
    free(p);
    return st.st_mode & 07777;
}

Test(linkage, vault_create_and_open)
{
    cr_expect_eq(mode_of(vault_dir, "."), 0700);
    const char *files[] = {"study.key", "host.key", "custodian.pub", "escrow", "index", "lock"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        cr_expect_eq(mode_of(vault_dir, files[i]), 0600, "%s is not 0600", files[i]);
    cr_expect_eq(mode_of(vault_dir, "batches"), 0700);
    struct hush_error err = {0};
    cr_expect_eq(hush_vault_create(vault_dir, cust_pub, &err), HUSH_ECANTCREAT,
                 "a vault was made over an existing one");
    /* Nothing half-made is left beside it. */
    DIR *d = opendir(test_dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        cr_expect(strstr(de->d_name, ".new-") == NULL, "a half-made vault is left: %s", de->d_name);
    closedir(d);
    /* A vault from a file that is not a custodian's public key: refused. */
    char *v2 = tmp_path("vault2");
    hush_error_clear(&err);
    cr_expect_eq(hush_vault_create(v2, cust_key, &err), HUSH_EDATA);
    cr_expect(access(v2, F_OK) != 0, "a vault was made for a non-key");
    free(v2);

    struct hush_vault *v = vault_must(vault_dir);
    cr_expect_eq(v->lock_fd >= 0, true);
    /* The lock is held: another open without waiting fails at once. */
    hush_error_clear(&err);
    cr_expect_null(hush_vault_open(vault_dir, false, &err), "the lock was not held");
    cr_expect_eq(err.status, HUSH_ETEMPFAIL);
    hush_vault_close(v);
    v = vault_must(vault_dir); /* released on close */
    hush_vault_close(v);
}

Test(linkage, vault_refuses_what_others_may_read)
{
    struct hush_error err = {0};
    const char *files[] = {"study.key", "host.key"};
    for (size_t i = 0; i < 2; i++) {
        char *p = path_join(vault_dir, files[i]);
        chmod(p, 0644);
        hush_error_clear(&err);
        cr_expect_null(hush_vault_open(vault_dir, false, &err), "%s 0644 was used", files[i]);
        cr_expect_eq(err.status, HUSH_ECONFIG);
        cr_expect(strstr(err.msg, files[i]) != NULL, "%s", err.msg);
        chmod(p, 0600);
        free(p);
    }
    chmod(vault_dir, 0755);
    hush_error_clear(&err);
    cr_expect_null(hush_vault_open(vault_dir, false, &err), "a vault others may open was used");
    cr_expect_eq(err.status, HUSH_ECONFIG);
    chmod(vault_dir, 0700);
    char *link = tmp_path("vault-link");
    cr_assert_eq(symlink(vault_dir, link), 0);
    hush_error_clear(&err);
    cr_expect_null(hush_vault_open(link, false, &err), "a vault was opened through a link");
    cr_expect_eq(err.status, HUSH_ECONFIG);
    free(link);
}

Test(linkage, vault_tidies_a_staged_index_left_by_a_killed_run)
{
    char *stale = path_join(vault_dir, ".index.Ab12Cd");
    spit(stale, "hush-pseudonym-index 1\n", 23);
    struct hush_vault *v = vault_must(vault_dir);
    cr_expect(access(stale, F_OK) != 0, "a killed run's staged index is left in the vault");
    hush_vault_close(v);
    free(stale);
}

/* ---- the index ------------------------------------------------------------ */

Test(linkage, index_refuses_a_collision)
{
    run_must("Quilla Zanth rang.", "doc1.txt");
    /* Another tag with the same code: the first 40 bits agree, the rest not. */
    struct hush_vault *v = vault_must(vault_dir);
    unsigned char tag[HUSH_PSEUDONYM_TAG_BYTES];
    hush_pseudonym_tag(hush_vault_study_key(v), "PERSON", "zeno quist", 10, tag);
    hush_vault_close(v);
    tag[HUSH_PSEUDONYM_TAG_BYTES - 1] ^= 1;
    char hex[2 * HUSH_PSEUDONYM_TAG_BYTES + 1], line[128];
    sodium_bin2hex(hex, sizeof hex, tag, sizeof tag);
    snprintf(line, sizeof line, "PERSON %s\n", hex);
    char *index = path_join(vault_dir, "index");
    struct hush_doc before = slurp(index);
    struct hush_buf crafted = {0};
    hush_buf_append(&crafted, before.data, before.len);
    hush_buf_append(&crafted, line, strlen(line));
    spit(index, crafted.data, crafted.len);
    hush_buf_free(&crafted);
    hush_doc_release(&before);

    struct hush_error err = {0};
    cr_expect_eq(run(vault_dir, "Dr Zeno Quist came.", "doc2.txt", &err), HUSH_ESOFTWARE,
                 "a collision was merged");
    cr_expect(strstr(err.msg, "pseudonym collision") != NULL, "%s", err.msg);
    cr_expect(strstr(err.msg, "Zeno") == NULL && strstr(err.msg, "zeno") == NULL,
              "the message quotes a name");
    char *b2 = batch_file(vault_dir, 2);
    cr_expect(access(b2, F_OK) != 0, "a batch was written for a refused collision");
    free(b2);
    /* The same tag again is no collision; a category's codes are its own. */
    run_must("Quilla Zanth again.", "doc3.txt");
    free(index);
}

Test(linkage, index_refuses_a_malformed_line)
{
    char *index = path_join(vault_dir, "index");
    spit(index, "hush-pseudonym-index 1\nPERSON 00ff\n", 35);
    struct hush_error err = {0};
    cr_expect_eq(run(vault_dir, "Quilla Zanth rang.", "doc1.txt", &err), HUSH_EDATA);
    cr_expect(strstr(err.msg, "index:2:") != NULL, "%s", err.msg);
    free(index);
}

/* ---- the chain ------------------------------------------------------------ */

static const struct hush_link *
find_link(const struct hush_linkage *l, const char *document, const char *form)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].document, document) == 0 && strcmp(l->v[i].form, form) == 0)
            return &l->v[i];
    return NULL;
}

Test(linkage, three_batches_read_back)
{
    three_batches();
    struct hush_linkage l;
    struct hush_error err = {0};
    cr_assert_eq(read_linkage(&l, &err), HUSH_OK, "%s", err.msg);
    char qz[HUSH_PSEUDONYM_CODE_CHARS + 1], zq[HUSH_PSEUDONYM_CODE_CHARS + 1];
    code_of(vault_dir, "quilla zanth", qz);
    code_of(vault_dir, "zeno quist", zq);
    cr_expect_str_neq(qz, zq);
    /* doc1: one form; doc2: one; doc3: the full name and "Quilla". */
    cr_expect_eq(l.n, 4, "records: %zu", l.n);
    const struct hush_link *a = find_link(&l, "doc1.txt", "Quilla Zanth");
    const struct hush_link *b = find_link(&l, "doc2.txt", "Dr Zeno Quist");
    const struct hush_link *c = find_link(&l, "doc3.txt", "Quilla Zanth");
    const struct hush_link *e = find_link(&l, "doc3.txt", "Quilla");
    cr_assert(a && b && c && e, "a record is missing");
    cr_expect_str_eq(a->code, qz);
    cr_expect_str_eq(c->code, qz);
    cr_expect_str_eq(e->code, qz, "a part of the name is not that person");
    cr_expect_str_eq(b->code, zq);
    cr_expect_str_eq(a->category, "PERSON");
    struct hush_buf csv = {0};
    hush_linkage_csv(&l, &csv);
    hush_buf_append(&csv, "", 1);
    char want[256];
    snprintf(want, sizeof want,
             "\"PERSON-%s\",\"PERSON\",\"Quilla; Quilla Zanth\",\"doc1.txt; doc3.txt\"\n", qz);
    cr_expect(strstr(csv.data, want) != NULL, "the CSV row of a person seen twice is wrong");
    hush_buf_free(&csv);
    /* Re-identification puts the longest form back. */
    char text[64];
    snprintf(text, sizeof text, "[PERSON-%s] and [PERSON-%s].", qz, zq);
    struct hush_buf out = {0};
    cr_expect_eq(hush_reidentify(&l, text, strlen(text), &out), 2);
    hush_buf_append(&out, "", 1);
    cr_expect_str_eq(out.data, "Quilla Zanth and Dr Zeno Quist.");
    hush_buf_free(&out);
    hush_linkage_free(&l);
}

Test(linkage, an_empty_vault_reads_empty)
{
    struct hush_linkage l;
    struct hush_error err = {0};
    cr_expect_eq(read_linkage(&l, &err), HUSH_OK, "%s", err.msg);
    cr_expect_eq(l.n, 0);
    hush_linkage_free(&l);
}

Test(linkage, a_batch_without_final_is_refused)
{
    run_must("Quilla Zanth rang.", "doc1.txt");
    char *b1 = batch_file(vault_dir, 1);
    unsigned char previous[BATCH_HASH_BYTES];
    struct hush_doc first = slurp(b1);
    crypto_generichash(previous, sizeof previous, (const unsigned char *)first.data, first.len,
                       NULL, 0);
    hush_doc_release(&first);
    /* A properly signed batch 2 whose stream was cut before FINAL. */
    struct hush_vault *v = vault_must(vault_dir);
    struct hush_batch b = {0};
    add_doc(v, &b, "Dr Zeno Quist came.", "doc2.txt");
    struct hush_buf file = {0};
    linkage_encode(v, &b, hush_rules_digest(rs), 2, previous, false, &file);
    hush_batch_free(&b);
    hush_vault_close(v);
    char *b2 = batch_file(vault_dir, 2);
    spit(b2, file.data, file.len);
    hush_buf_free(&file);
    expect_refused("00000002.batch", "no FINAL record", "no FINAL");
    free(b1);
    free(b2);
}

/* Writes a properly signed batch seq following previous as batch number
 * at (which may differ from seq). */
static void
forge_signed(int at, uint64_t seq, const unsigned char previous[BATCH_HASH_BYTES])
{
    struct hush_vault *v = vault_must(vault_dir);
    struct hush_batch b = {0};
    add_doc(v, &b, "Dr Zeno Quist came.", "docx.txt");
    struct hush_buf file = {0};
    linkage_encode(v, &b, hush_rules_digest(rs), seq, previous, true, &file);
    hush_batch_free(&b);
    hush_vault_close(v);
    char *path = batch_file(vault_dir, at);
    spit(path, file.data, file.len);
    free(path);
    hush_buf_free(&file);
}

Test(linkage, signed_batches_out_of_the_chain_are_refused)
{
    run_must("Quilla Zanth rang.", "doc1.txt");
    unsigned char zeros[BATCH_HASH_BYTES] = {0};
    /* Sequence number 5 in the place of 2, correctly signed. */
    forge_signed(2, 5, zeros);
    expect_refused("00000002.batch", "sequence number 5 where 2 belongs", "wrong sequence");
    /* Number 2, but following nothing: the chain is broken. */
    forge_signed(2, 2, zeros);
    expect_refused("00000002.batch", "chain broken", "wrong previous");
    /* Batch 1 replaced by a re-signed one: batch 2 no longer follows it. */
    run_must("Dr Zeno Quist came.", "doc2.txt");
    char *b2 = batch_file(vault_dir, 2);
    struct hush_doc saved = slurp(b2);
    char *b1 = batch_file(vault_dir, 1);
    forge_signed(1, 1, zeros);
    spit(b2, saved.data, saved.len);
    expect_refused("00000002.batch", "chain broken", "batch 1 replaced");
    hush_doc_release(&saved);
    free(b1);
    free(b2);
}

Test(linkage, tampered_batches_are_refused)
{
    three_batches();
    char *b2 = batch_file(vault_dir, 2);
    struct hush_doc saved = slurp(b2);
    const char *blank = strstr(saved.data, "\n\n");
    cr_assert_not_null(blank);
    size_t head = (size_t)(blank - saved.data) + 2;
    size_t at[] = {
        0, 40, head - 10, head, head + 30, saved.len - 70, saved.len - 64, saved.len - 1};
    const char *where[] = {"header",     "header",     "header",    "ciphertext",
                           "ciphertext", "ciphertext", "signature", "signature"};
    char *copy = hush_xmalloc(saved.len);
    for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
        memcpy(copy, saved.data, saved.len);
        copy[at[i]] ^= 0x01;
        spit(b2, copy, saved.len);
        char what[64];
        snprintf(what, sizeof what, "byte %zu (%s) flipped", at[i], where[i]);
        expect_refused("00000002.batch", "signature does not verify", what);
    }
    size_t cuts[] = {saved.len - 1, saved.len - 64, head + 5, head, 10, 0};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        spit(b2, saved.data, cuts[i]);
        char what[64];
        snprintf(what, sizeof what, "cut to %zu bytes", cuts[i]);
        expect_refused("00000002.batch", "", what);
    }
    /* Deleted: a gap in the sequence. */
    unlink(b2);
    expect_refused("00000002.batch", "the sequence has a gap", "batch 2 deleted");
    /* Restored whole, it reads again. */
    spit(b2, saved.data, saved.len);
    struct hush_linkage l;
    struct hush_error err = {0};
    cr_expect_eq(read_linkage(&l, &err), HUSH_OK, "%s", err.msg);
    hush_linkage_free(&l);
    free(copy);
    hush_doc_release(&saved);
    free(b2);
}

Test(linkage, a_batch_of_another_study_is_refused)
{
    three_batches();
    /* A second study of the same custodian: its own host key signs. */
    char *other = tmp_path("vault2");
    struct hush_error err = {0};
    cr_assert_eq(hush_vault_create(other, cust_pub, &err), HUSH_OK, "%s", err.msg);
    cr_assert_eq(run(other, "Quilla Zanth rang.", "doc1.txt", &err), HUSH_OK, "%s", err.msg);
    cr_assert_eq(run(other, "Dr Zeno Quist came.", "doc2.txt", &err), HUSH_OK, "%s", err.msg);
    char *theirs = batch_file(other, 2), *ours = batch_file(vault_dir, 2);
    struct hush_doc doc = slurp(theirs);
    spit(ours, doc.data, doc.len);
    hush_doc_release(&doc);
    expect_refused("00000002.batch", "signature does not verify", "another study's batch");
    free(theirs);
    free(ours);
    free(other);
}
