/*
 * pseudonymise: replace every identifier in interview transcripts with a
 * stable keyed pseudonym, and record the linkage sealed to the study's
 * custodian.  Options, files and the order of publication here; all
 * policy is in libhush.
 */
#include "hush.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: pseudonymise --vault VAULT [-r RULES]... [--require-signed --trusted-key FILE]\n"
    "                    [-f txt|vtt|srt|csv] [--columns NAMES] [--custodian-key-id ID]\n"
    "                    [--no-wait] [-o OUT]\n"
    "                    [--report FILE] [FILE...]\n"
    "       pseudonymise --init-custodian DIR [--passphrase-fd N] [--kdf-memory MIB]\n"
    "                    [--kdf-passes N]\n"
    "       pseudonymise --init-study VAULT --custodian FILE.pub\n"
    "       pseudonymise --accept-study VAULT --key custodian.key [--passphrase-fd N]\n"
    "       pseudonymise --reveal VAULT --key custodian.key [--passphrase-fd N] [-o OUT]\n"
    "       pseudonymise --recover-study VAULT --from OLD_VAULT --key custodian.key\n"
    "                    [--passphrase-fd N]\n"
    "       pseudonymise --reidentify VAULT --key custodian.key [--passphrase-fd N] [-o OUT]\n"
    "                    [FILE...]\n";

enum mode { FILTER, INIT_CUSTODIAN, INIT_STUDY, ACCEPT, REVEAL, REIDENTIFY, RECOVER };

struct options {
    enum mode mode;
    int modes;          /* how many modes were asked for */
    const char *target; /* the vault, or the custodian's directory */
    const char **rules;
    size_t nrules;
    const char *out, *report, *trusted_key, *custodian, *key, *from, *custodian_id;
    enum hush_format format;
    const char *columns;
    bool require_signed, no_wait;
    int passphrase_fd;
    uint64_t kdf_memory, kdf_passes;
    char **files;
    size_t nfiles;
};

static void
warn(const struct hush_error *err)
{
    fprintf(stderr, "pseudonymise: %s\n", err->msg);
}

static int
usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "pseudonymise: %s%s\n", what, arg ? arg : "");
    fputs(usage_text, stderr);
    return HUSH_EUSAGE;
}

/* A whole number in [min, max] from an option's value. */
static bool
number(const char *s, uint64_t min, uint64_t max, uint64_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || end == s || *end || x < min || x > max || s[0] == '-')
        return false;
    *v = x;
    return true;
}

static void
set_mode(struct options *o, enum mode m)
{
    o->mode = m;
    o->target = optarg;
    o->modes++;
}

/* What each mode needs, and what it must not be given. */
static int
check_options(struct options *o)
{
    if (o->modes != 1)
        return usage_error("give exactly one of --vault, --init-custodian, --init-study, "
                           "--accept-study, --reveal, --reidentify, --recover-study",
                           NULL);
    if (o->require_signed != (o->trusted_key != NULL))
        return usage_error("--require-signed and --trusted-key go together", NULL);
    bool custodian_mode =
        o->mode == ACCEPT || o->mode == REVEAL || o->mode == REIDENTIFY || o->mode == RECOVER;
    if (custodian_mode != (o->key != NULL))
        return usage_error("--key goes with the custodian's modes (--accept-study, --reveal, "
                           "--reidentify, --recover-study), and they need it",
                           NULL);
    if ((o->mode == RECOVER) != (o->from != NULL))
        return usage_error("--from goes with --recover-study, which needs it", NULL);
    if ((o->mode == INIT_STUDY) != (o->custodian != NULL))
        return usage_error("--custodian goes with --init-study, which needs it", NULL);
    if (o->mode != FILTER && (o->nrules || o->trusted_key || o->report || o->no_wait || o->format ||
                              o->columns || o->custodian_id))
        return usage_error("rules, -f, --columns, --report, --no-wait and --custodian-key-id go "
                           "with --vault only",
                           NULL);
    if (o->mode != INIT_CUSTODIAN && (o->kdf_memory || o->kdf_passes))
        return usage_error("--kdf-memory and --kdf-passes go with --init-custodian only", NULL);
    if (o->mode != FILTER && o->mode != REIDENTIFY && o->nfiles)
        return usage_error("this mode takes no input files", NULL);
    if ((o->mode == INIT_CUSTODIAN || o->mode == INIT_STUDY || o->mode == RECOVER ||
         o->mode == ACCEPT) &&
        o->out)
        return usage_error("-o goes with the filter, --reveal and --reidentify", NULL);
    if (o->passphrase_fd >= 0 && !custodian_mode && o->mode != INIT_CUSTODIAN)
        return usage_error("--passphrase-fd goes with the custodian's modes only", NULL);
    return HUSH_OK;
}

static int
parse_options(int argc, char **argv, struct options *o)
{
    enum {
        OPT_VAULT = 256,
        OPT_INIT_CUSTODIAN,
        OPT_INIT_STUDY,
        OPT_REVEAL,
        OPT_REIDENTIFY,
        OPT_RECOVER,
        OPT_FROM,
        OPT_CUSTODIAN,
        OPT_KEY,
        OPT_PASSFD,
        OPT_KDF_MEMORY,
        OPT_KDF_PASSES,
        OPT_ACCEPT,
        OPT_CUSTODIAN_ID,
        OPT_COLUMNS,
        OPT_REPORT,
        OPT_SIGNED,
        OPT_TRUSTED,
        OPT_NO_WAIT,
        OPT_VERSION
    };
    static const struct option longopts[] = {
        {"vault", required_argument, NULL, OPT_VAULT},
        {"init-custodian", required_argument, NULL, OPT_INIT_CUSTODIAN},
        {"init-study", required_argument, NULL, OPT_INIT_STUDY},
        {"reveal", required_argument, NULL, OPT_REVEAL},
        {"reidentify", required_argument, NULL, OPT_REIDENTIFY},
        {"recover-study", required_argument, NULL, OPT_RECOVER},
        {"from", required_argument, NULL, OPT_FROM},
        {"custodian", required_argument, NULL, OPT_CUSTODIAN},
        {"key", required_argument, NULL, OPT_KEY},
        {"passphrase-fd", required_argument, NULL, OPT_PASSFD},
        {"kdf-memory", required_argument, NULL, OPT_KDF_MEMORY},
        {"kdf-passes", required_argument, NULL, OPT_KDF_PASSES},
        {"accept-study", required_argument, NULL, OPT_ACCEPT},
        {"custodian-key-id", required_argument, NULL, OPT_CUSTODIAN_ID},
        {"rules", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"input-format", required_argument, NULL, 'f'},
        {"columns", required_argument, NULL, OPT_COLUMNS},
        {"output", required_argument, NULL, 'o'},
        {"report", required_argument, NULL, OPT_REPORT},
        {"require-signed", no_argument, NULL, OPT_SIGNED},
        {"trusted-key", required_argument, NULL, OPT_TRUSTED},
        {"no-wait", no_argument, NULL, OPT_NO_WAIT},
        {"version", no_argument, NULL, OPT_VERSION},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    o->passphrase_fd = -1;
    opterr = 0;
    int c;
    uint64_t fd;
    while ((c = getopt_long(argc, argv, ":r:o:f:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_VAULT:
            set_mode(o, FILTER);
            break;
        case OPT_INIT_CUSTODIAN:
            set_mode(o, INIT_CUSTODIAN);
            break;
        case OPT_INIT_STUDY:
            set_mode(o, INIT_STUDY);
            break;
        case OPT_REVEAL:
            set_mode(o, REVEAL);
            break;
        case OPT_REIDENTIFY:
            set_mode(o, REIDENTIFY);
            break;
        case OPT_RECOVER:
            set_mode(o, RECOVER);
            break;
        case OPT_ACCEPT:
            set_mode(o, ACCEPT);
            break;
        case OPT_CUSTODIAN_ID:
            o->custodian_id = optarg;
            break;
        case OPT_FROM:
            o->from = optarg;
            break;
        case OPT_CUSTODIAN:
            o->custodian = optarg;
            break;
        case OPT_KEY:
            o->key = optarg;
            break;
        case OPT_PASSFD:
            if (!number(optarg, 0, 1 << 20, &fd))
                return usage_error("--passphrase-fd: not a file descriptor: ", optarg);
            o->passphrase_fd = (int)fd;
            break;
        case OPT_KDF_MEMORY:
            if (!number(optarg, 8, 4096, &o->kdf_memory))
                return usage_error("--kdf-memory: MiB from 8 to 4096: ", optarg);
            break;
        case 'f':
            if (hush_format_from_name(optarg, &o->format) != HUSH_OK)
                return usage_error("-f takes txt, vtt, srt, csv or auto: ", optarg);
            break;
        case OPT_COLUMNS:
            if (hush_format_check_columns(optarg) != HUSH_OK)
                return usage_error("--columns takes column names separated by commas: ", optarg);
            o->columns = optarg;
            break;
        case OPT_KDF_PASSES:
            if (!number(optarg, 1, 64, &o->kdf_passes))
                return usage_error("--kdf-passes: from 1 to 64: ", optarg);
            break;
        case 'r':
            o->rules = hush_xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case OPT_REPORT:
            o->report = optarg;
            break;
        case OPT_SIGNED:
            o->require_signed = true;
            break;
        case OPT_TRUSTED:
            o->trusted_key = optarg;
            break;
        case OPT_NO_WAIT:
            o->no_wait = true;
            break;
        case OPT_VERSION:
            printf("pseudonymise (hush) %s\n", HUSH_VERSION);
            exit(HUSH_OK);
        case 'h':
            fputs(usage_text, stdout);
            exit(HUSH_OK);
        case ':':
            return usage_error("option needs a value: ", argv[optind - 1]);
        default:
            return usage_error("unknown option ", argv[optind - 1]);
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    return check_options(o);
}

/* ---- the custodian's modes --------------------------------------------- */

static int
init_custodian(const struct options *o)
{
    struct hush_error err = {0};
    char *pass;
    size_t len;
    int rc = hush_custodian_exists(o->target, &err);
    if (rc == HUSH_OK)
        rc = hush_passphrase_read(o->passphrase_fd, true, &pass, &len, &err);
    if (rc == HUSH_OK) {
        char id[HUSH_KEY_ID_CHARS + 1];
        uint64_t mem = o->kdf_memory ? o->kdf_memory << 20 : HUSH_DEFAULT_MEMLIMIT;
        uint64_t ops = o->kdf_passes ? o->kdf_passes : HUSH_DEFAULT_OPSLIMIT;
        rc = hush_custodian_create(o->target, pass, len, ops, mem, id, &err);
        hush_secret_free(pass);
        if (rc == HUSH_OK)
            fprintf(stderr,
                    "pseudonymise: custodian key %s written to %s/custodian.key; give out "
                    "%s/custodian.pub\n",
                    id, o->target, o->target);
    }
    if (rc != HUSH_OK)
        warn(&err);
    return rc;
}

/* Asks for the passphrase and opens the custodian's key. */
static int
open_custodian(const struct options *o, struct hush_custodian *c, struct hush_error *err)
{
    char *pass;
    size_t len;
    int rc = hush_passphrase_read(o->passphrase_fd, false, &pass, &len, err);
    if (rc != HUSH_OK)
        return rc;
    rc = hush_custodian_open(o->key, pass, len, c, err);
    hush_secret_free(pass);
    return rc;
}

/* Where the custodian's pins are: "studies" beside their key. */
static char *
pins_dir(const struct options *o)
{
    const char *slash = strrchr(o->key, '/');
    size_t n = slash ? (size_t)(slash - o->key) : 1;
    char *p = hush_xmalloc(n + 16);
    snprintf(p, n + 16, "%.*s/studies", (int)n, slash ? o->key : ".");
    return p;
}

/* The custodian's modes that need their key opened: accept a study,
 * rebuild a vault from its escrow, or read its linkage into l. */
static int
with_custodian(const struct options *o, struct hush_linkage *l, struct hush_error *err)
{
    struct hush_custodian c;
    int rc = open_custodian(o, &c, err);
    if (rc != HUSH_OK)
        return rc;
    char *pins = pins_dir(o);
    char summary[160];
    if (o->mode == ACCEPT &&
        (rc = hush_study_accept(o->target, &c, pins, summary, sizeof summary, err)) == HUSH_OK)
        fprintf(stderr, "pseudonymise: accepted %s; this pin is in %s\n", summary, pins);
    if (o->mode == RECOVER)
        rc = hush_vault_recover(o->target, o->from, &c, pins, err);
    if (o->mode == REVEAL || o->mode == REIDENTIFY)
        rc = hush_study_reveal(o->target, &c, pins, l, err);
    free(pins);
    hush_custodian_close(&c);
    return rc;
}

static int
custodian_only(const struct options *o)
{
    struct hush_error err = {0};
    int rc = with_custodian(o, NULL, &err);
    if (rc != HUSH_OK)
        warn(&err);
    return rc;
}

/* Writes what the custodian asked for to -o or standard output, then wipes
 * it.  What it writes names people, so a file is made for its owner alone
 * (the callers set umask 077), whatever the umask was. */
static int
emit(const struct options *o, const char *path, struct hush_buf *b, struct hush_error *err)
{
    /* Names go only to a regular file of the custodian's own: a link, a
     * pipe or a device planted at the path could hand them to another. */
    struct stat st;
    int rc = HUSH_OK;
    if (path && lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
        rc = hush_error_set(err, HUSH_ECANTCREAT,
                            "%s: not a regular file: the linkage is written to a new or regular "
                            "file only, or to standard output",
                            path);
    else if (path)
        rc = hush_publish_file(path, b->data ? b->data : "", b->len, err);
    else
        rc = hush_write_all(STDOUT_FILENO, b->data, b->len, "standard output", err);
    if (b->data)
        memset(b->data, 0, b->len);
    hush_buf_free(b);
    return rc;
}

static int
reveal(const struct options *o)
{
    umask(077);
    struct hush_error err = {0};
    struct hush_linkage l;
    int rc = with_custodian(o, &l, &err);
    if (rc == HUSH_OK) {
        struct hush_buf csv = {0};
        hush_linkage_csv(&l, &csv);
        char *path = hush_output_path(o->out, "-");
        rc = emit(o, path, &csv, &err);
        free(path);
        hush_linkage_free(&l);
    }
    if (rc != HUSH_OK)
        warn(&err);
    return rc;
}

static int
reidentify(const struct options *o)
{
    umask(077);
    struct hush_error err = {0};
    int rc = hush_check_outputs(o->out, o->files, o->nfiles, &err);
    struct hush_linkage l = {0};
    if (rc == HUSH_OK)
        rc = with_custodian(o, &l, &err);
    if (rc != HUSH_OK) {
        warn(&err);
        return rc;
    }
    int status = HUSH_OK;
    for (size_t i = 0; i < o->nfiles; i++) {
        struct hush_doc doc;
        struct hush_error derr = {0};
        rc = hush_doc_input(o->files[i], &doc, &derr);
        if (rc == HUSH_OK) {
            struct hush_buf out = {0};
            hush_reidentify(&l, doc.data, doc.len, &out);
            char *path = hush_output_path(o->out, o->files[i]);
            rc = emit(o, path, &out, &derr);
            free(path);
            hush_doc_release(&doc);
        }
        if (rc != HUSH_OK) {
            warn(&derr);
            status = status ? status : rc;
        }
    }
    hush_linkage_free(&l);
    return status;
}

/* ---- the filter -------------------------------------------------------- */

/* One document's output, held until its linkage is durable. */
struct pending {
    char *path;            /* NULL: standard output */
    bool staged;           /* path is new or a regular file: the output is in st */
    struct hush_staged st; /* written and synced beside path */
    struct hush_buf text;  /* not staged: the text, written once the linkage is durable */
};

/* Whether an output can be staged beside path and renamed over it: a new
 * or regular file.  A device, a pipe or a symbolic link is published as
 * hush_publish_file does (written through, or at the link's target). */
static bool
stageable(const char *path)
{
    struct stat st;
    if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0)
        return false;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    return S_ISREG(st.st_mode);
}

static void
print_selftest_failure(void *ctx, const char *file, size_t line, const char *rule, const char *why)
{
    (void)ctx;
    fprintf(stderr, "pseudonymise: %s:%zu: rule '%s': example fails: %s\n", file, line, rule, why);
}

/* Pseudonymises one input into p, and records its entities in b. */
static int
pseudonymise_one(const struct hush_ruleset *rs, struct hush_matcher *m, const struct hush_vault *v,
                 const struct options *o, const char *name, struct pending *p, struct hush_batch *b,
                 struct hush_tally *tally, struct hush_error *err)
{
    struct hush_doc doc;
    int rc = hush_doc_input(name, &doc, err);
    if (rc != HUSH_OK)
        return rc;
    struct hush_spans spans = {0};
    rc = hush_format_match(m, o->format, o->columns, &doc, &spans, err);
    if (rc == HUSH_OK) {
        struct hush_entities seen = {0};
        struct hush_buf out = {0};
        hush_render_pseudonyms(rs, hush_vault_study_key(v), doc.data, doc.len, &spans, &out, &seen);
        p->staged = p->path && stageable(p->path);
        if (p->staged)
            rc = hush_stage_file(p->path, out.data ? out.data : "", out.len, -1, &p->st, err);
        if (rc == HUSH_OK) {
            hush_batch_add(b, rs, &seen, hush_document_name(name));
            hush_tally_add(tally, &spans);
        }
        if (p->staged || rc != HUSH_OK)
            hush_buf_free(&out);
        else
            p->text = out;
        hush_entities_free(&seen);
    }
    hush_spans_free(&spans);
    hush_doc_release(&doc);
    return rc;
}

/* Publishes every output held in ps, in order; after a failed write to
 * standard output the rest of it is dropped. */
static int
publish_all(struct pending *ps, size_t n, const bool *ok)
{
    int status = HUSH_OK;
    bool stdout_failed = false;
    for (size_t i = 0; i < n; i++) {
        struct hush_error err = {0};
        int rc = HUSH_OK;
        if (!ok[i])
            continue;
        if (ps[i].staged)
            rc = hush_staged_commit(&ps[i].st, true, &err);
        else if (ps[i].path)
            rc = hush_publish_file(ps[i].path, ps[i].text.data ? ps[i].text.data : "",
                                   ps[i].text.len, &err);
        else if (!stdout_failed)
            stdout_failed = (rc = hush_write_all(STDOUT_FILENO, ps[i].text.data, ps[i].text.len,
                                                 "standard output", &err)) != HUSH_OK;
        if (rc != HUSH_OK) {
            warn(&err);
            status = status ? status : rc;
        }
    }
    return status;
}

static int
write_report(const struct options *o, const struct hush_ruleset *rs, const struct hush_tally *tally)
{
    struct hush_buf rep = {0};
    struct hush_error err = {0};
    hush_report_write(rs, tally, "pseudonymise", &rep);
    int rc = hush_publish_file(o->report, rep.data, rep.len, &err);
    if (rc != HUSH_OK)
        warn(&err);
    hush_buf_free(&rep);
    return rc;
}

/* Each output waits, staged and open, until the run's batch is durable:
 * a run takes as many files as descriptors allow, raised to the hard
 * limit, and refuses more before it starts rather than fail half-way. */
static int
check_descriptors(size_t nfiles, struct hush_error *err)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return HUSH_OK;
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur != RLIM_INFINITY && nfiles + 32 > rl.rlim_cur)
        return hush_error_set(err, HUSH_EUSAGE,
                              "%zu files in one run, where open files are limited to %llu: "
                              "give fewer per run",
                              nfiles, (unsigned long long)rl.rlim_cur);
    return HUSH_OK;
}

static int
filter(struct options *o)
{
    static char *stdin_only[] = {"-"};
    if (o->nfiles == 0) {
        o->files = stdin_only;
        o->nfiles = 1;
    }
    struct hush_error err = {0};
    struct hush_ruleset *rs = NULL;
    struct hush_vault *v = NULL;
    int rc = hush_check_outputs(o->out, o->files, o->nfiles, &err);
    if (rc == HUSH_OK && o->out)
        rc = check_descriptors(o->nfiles, &err);
    if (rc == HUSH_OK)
        rc = (rs = hush_rules_open_keyed(o->rules, o->nrules, o->trusted_key,
                                         print_selftest_failure, NULL, &err))
                 ? HUSH_OK
                 : err.status;
    if (rc == HUSH_OK && (v = hush_vault_open(o->target, !o->no_wait, &err)) == NULL)
        rc = err.status;
    if (rc == HUSH_OK && o->custodian_id)
        rc = hush_vault_check_custodian(v, o->custodian_id, &err);
    if (rc != HUSH_OK) {
        warn(&err);
        hush_vault_close(v);
        hush_rules_free(rs);
        return rc;
    }
    struct hush_matcher *m = hush_matcher_new(rs);
    struct hush_tally tally;
    hush_tally_init(&tally, rs);
    struct hush_batch batch = {0};
    struct pending *ps = hush_xcalloc(o->nfiles, sizeof *ps);
    bool *ok = hush_xcalloc(o->nfiles, sizeof *ok);
    int status = HUSH_OK;
    size_t done = 0;
    for (size_t i = 0; i < o->nfiles; i++) {
        struct hush_error derr = {0};
        ps[i].path = hush_output_path(o->out, o->files[i]);
        rc = pseudonymise_one(rs, m, v, o, o->files[i], &ps[i], &batch, &tally, &derr);
        ok[i] = rc == HUSH_OK;
        done += ok[i];
        if (rc != HUSH_OK) {
            warn(&derr);
            status = status ? status : rc;
        }
    }
    /* The linkage first: a crash may leave linkage without output, never
     * output without linkage. */
    if (done > 0 && (rc = hush_vault_commit_batch(v, rs, &batch, &err)) != HUSH_OK) {
        warn(&err);
        status = rc;
        memset(ok, 0, o->nfiles * sizeof *ok);
    }
    rc = publish_all(ps, o->nfiles, ok);
    status = status ? status : rc;
    for (size_t i = 0; i < o->nfiles; i++) {
        hush_staged_discard(&ps[i].st);
        hush_buf_free(&ps[i].text);
        free(ps[i].path);
    }
    if (status == HUSH_OK && o->report)
        status = write_report(o, rs, &tally);
    free(ps);
    free(ok);
    hush_batch_free(&batch);
    hush_tally_release(&tally);
    hush_matcher_free(m);
    hush_vault_close(v);
    hush_rules_free(rs);
    return status;
}

int
main(int argc, char **argv)
{
    hush_harden_process();
    struct options o = {0};
    int status = parse_options(argc, argv, &o);
    if (status == HUSH_OK) {
        struct hush_error err = {0};
        switch (o.mode) {
        case INIT_CUSTODIAN:
            status = init_custodian(&o);
            break;
        case INIT_STUDY:
            if ((status = hush_vault_create(o.target, o.custodian, &err)) != HUSH_OK)
                warn(&err);
            break;
        case ACCEPT:
        case RECOVER:
            status = custodian_only(&o);
            break;
        case REVEAL:
            status = reveal(&o);
            break;
        case REIDENTIFY:
            if (o.nfiles == 0) {
                static char *stdin_only[] = {"-"};
                o.files = stdin_only;
                o.nfiles = 1;
            }
            status = reidentify(&o);
            break;
        case FILTER:
            status = filter(&o);
            break;
        }
    }
    if (close(STDOUT_FILENO) < 0 && errno != EBADF && errno != EINTR && status == HUSH_OK) {
        fprintf(stderr, "pseudonymise: standard output: %s\n", strerror(errno));
        status = HUSH_EIO;
    }
    free(o.rules);
    return status;
}
