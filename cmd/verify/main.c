/*
 * verify: the gate at the end of a pipe (anonymised text in, the same text
 * out only when nothing identifying is left), and the audit of a rule set.
 * Options and files here; all policy is in libhush.  verify links no
 * key-handling code.
 */
#include "hush.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: verify [-r RULES]... [--require-signed --trusted-key FILE] [-q] [--strict]\n"
    "              [-f FORMAT] [--columns NAMES] [-j JOBS] [--findings FILE] [--show]\n"
    "              [FILE...]\n"
    "       verify --rules [-r RULES]... [--trusted-key FILE] [--format text|csv]\n";

struct options {
    const char **rules;
    size_t nrules;
    bool quiet, strict, show, audit, csv;
    bool text_option; /* -f or --columns: for text, not for --rules */
    const char *findings;
    bool require_signed;
    const char *trusted_key;
    enum hush_format input_format;
    const char *columns;
    char **files;
    size_t nfiles;
    size_t jobs; /* documents checked at once; 0: one per CPU */
};

static void
warn(const struct hush_error *err)
{
    fprintf(stderr, "verify: %s\n", err->msg);
}

static int
parse_options(int argc, char **argv, struct options *o)
{
    enum {
        OPT_STRICT = 256,
        OPT_FINDINGS,
        OPT_SHOW,
        OPT_RULES,
        OPT_FORMAT,
        OPT_VERSION,
        OPT_SIGNED,
        OPT_KEY,
        OPT_COLUMNS
    };
    static const struct option longopts[] = {{"rules-file", required_argument, NULL, 'r'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"strict", no_argument, NULL, OPT_STRICT},
                                             {"findings", required_argument, NULL, OPT_FINDINGS},
                                             {"show", no_argument, NULL, OPT_SHOW},
                                             {"rules", no_argument, NULL, OPT_RULES},
                                             {"format", required_argument, NULL, OPT_FORMAT},
                                             {"version", no_argument, NULL, OPT_VERSION},
                                             {"require-signed", no_argument, NULL, OPT_SIGNED},
                                             {"trusted-key", required_argument, NULL, OPT_KEY},
                                             {"input-format", required_argument, NULL, 'f'},
                                             {"columns", required_argument, NULL, OPT_COLUMNS},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    opterr = 0; /* the messages below name the tool, not its path */
    while ((c = getopt_long(argc, argv, ":r:f:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rules = hush_xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case 'q':
            o->quiet = true;
            break;
        case OPT_STRICT:
            o->strict = true;
            break;
        case OPT_FINDINGS:
            o->findings = optarg;
            break;
        case OPT_SHOW:
            o->show = true;
            break;
        case OPT_RULES:
            o->audit = true;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "csv") != 0 && strcmp(optarg, "text") != 0) {
                fprintf(stderr, "verify: --format (the audit's output) takes text or csv; a "
                                "transcript's format is -f or --input-format\n");
                return HUSH_EUSAGE;
            }
            o->csv = strcmp(optarg, "csv") == 0;
            break;
        case 'f':
            if (hush_format_from_name(optarg, &o->input_format) != HUSH_OK) {
                fprintf(stderr, "verify: -f takes txt, vtt, srt, csv or auto\n");
                return HUSH_EUSAGE;
            }
            o->text_option = true;
            break;
        case OPT_COLUMNS:
            if (hush_format_check_columns(optarg) != HUSH_OK) {
                fprintf(stderr, "verify: --columns takes column names separated by commas\n");
                return HUSH_EUSAGE;
            }
            o->columns = optarg;
            o->text_option = true;
            break;
        case 'j':
            if (hush_work_parse_jobs(optarg, &o->jobs) != HUSH_OK) {
                fprintf(stderr, "verify: -j takes a number from 1 to %d\n", HUSH_MAX_WORKERS);
                return HUSH_EUSAGE;
            }
            o->text_option = true;
            break;
        case OPT_SIGNED:
            o->require_signed = true;
            break;
        case OPT_KEY:
            o->trusted_key = optarg;
            break;
        case OPT_VERSION:
            printf("verify (hush) %s\n", HUSH_VERSION);
            exit(HUSH_OK);
        case 'h':
            fputs(usage_text, stdout);
            exit(HUSH_OK);
        case ':':
            fprintf(stderr, "verify: option %s needs a value\n", argv[optind - 1]);
            fputs(usage_text, stderr);
            return HUSH_EUSAGE;
        default:
            fprintf(stderr, "verify: unknown option %s\n", argv[optind - 1]);
            fputs(usage_text, stderr);
            return HUSH_EUSAGE;
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    if (!o->audit && o->require_signed != (o->trusted_key != NULL)) {
        fprintf(stderr, "verify: --require-signed and --trusted-key go together\n");
        return HUSH_EUSAGE;
    }
    if (o->audit && (o->nfiles || o->findings || o->quiet || o->strict || o->show ||
                     o->require_signed || o->text_option)) {
        fprintf(stderr, "verify: --rules takes no files and none of the text options\n");
        return HUSH_EUSAGE;
    }
    return HUSH_OK;
}

/* ---- auditing a rule set ------------------------------------------------ */

/* Where the audit's problems go, and how many there were. */
struct problems {
    FILE *out;
    size_t count;
};

static void
print_problem(void *ctx, const char *file, size_t line, const char *rule, const char *why)
{
    struct problems *p = ctx;
    p->count++;
    fprintf(p->out, "problem %s:%zu: rule '%s': %s\n", file, line, rule, why);
}

/* Writes s as one CSV field. */
static void
csv_field(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static int
audit(const struct options *o)
{
    struct hush_error err = {0};
    char def[4096];
    const char *const *paths = o->rules;
    size_t n = o->nrules;
    const char *one[1];
    if (n == 0) {
        if (!hush_default_rules(def, sizeof def)) {
            fprintf(stderr, "verify: the shipped rule set was not found; name one with -r\n");
            return HUSH_ECONFIG;
        }
        one[0] = def;
        paths = one;
        n = 1;
    }
    struct hush_pubkey pk;
    if (o->trusted_key && hush_pubkey_load(o->trusted_key, &pk, &err) != HUSH_OK) {
        warn(&err);
        return err.status;
    }
    /* With a key, the audit says whether every file is signed by it; a
     * set that is not is still audited, and the failure is a problem. */
    struct hush_ruleset *rs = NULL;
    struct hush_error sigerr = {0};
    if (o->trusted_key)
        rs = hush_rules_load_signed(paths, n, &pk, &sigerr);
    if (rs == NULL)
        rs = hush_rules_load_parsed(paths, n, &err);
    if (rs == NULL) {
        warn(&err);
        return err.status == HUSH_ENOINPUT ? HUSH_ECONFIG : err.status;
    }
    size_t examples = 0;
    /* With CSV, stdout holds one table; the summary goes to stderr. */
    struct problems problems = {o->csv ? stderr : stdout, 0};
    if (o->csv)
        printf("rule,kind,category,detector,list_size,reason,file,line\n");
    for (size_t i = 0; i < hush_rules_count(rs); i++) {
        if (o->csv) {
            csv_field(hush_rule_id(rs, i));
            printf(",%s,", hush_rule_is_allow(rs, i) ? "allow" : "rule");
            csv_field(hush_rule_category(rs, i));
            printf(",%s,%zu,", hush_rule_detector(rs, i), hush_rule_list_size(rs, i));
            csv_field(hush_rule_reason(rs, i));
            putchar(',');
            csv_field(hush_rule_file(rs, i));
            printf(",%zu\n", hush_rule_line(rs, i));
        } else {
            printf("%-6s %-24s %-8s %-8s %8zu  %s\n", hush_rule_is_allow(rs, i) ? "allow" : "rule",
                   hush_rule_id(rs, i), hush_rule_category(rs, i), hush_rule_detector(rs, i),
                   hush_rule_list_size(rs, i), hush_rule_reason(rs, i));
        }
    }
    hush_rules_selftest(rs, print_problem, &problems, &examples);
    hush_rules_audit(rs, print_problem, &problems);
    FILE *sum = problems.out;
    fprintf(sum, "rules %zu\n", hush_rules_count(rs));
    fprintf(sum, "examples %zu\n", examples);
    fprintf(sum, "digest blake2b-256:%s\n", hush_rules_digest(rs));
    if (hush_rules_signature(rs))
        fprintf(sum, "signature %s\n", hush_rules_signature(rs));
    else if (o->trusted_key) {
        fprintf(sum, "problem the rule set is not signed by the trusted key: %s\n", sigerr.msg);
        problems.count++;
        fprintf(sum, "signature none\n");
    } else {
        fprintf(sum, "signature not checked (no --trusted-key)\n");
    }
    fprintf(sum, "problems %zu\n", problems.count);
    hush_rules_free(rs);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "verify: standard output: %s\n", strerror(errno));
        return HUSH_EIO;
    }
    return problems.count ? HUSH_FOUND : HUSH_OK;
}

/* ---- checking text ------------------------------------------------------ */

static const char *
kind_name(int kind)
{
    return kind == HUSH_LEAK ? "leak" : "suspect";
}

/* Reports the findings of one document: on stderr without text (with it
 * only when asked and stderr is a terminal, never a log cron mails), and
 * as CSV rows in findings. */
static void
report_findings(const struct options *o, const struct hush_doc *doc, const struct hush_findings *f,
                struct hush_buf *findings)
{
    bool text_on_stderr = o->show && isatty(STDERR_FILENO);
    for (size_t i = 0; i < f->n; i++) {
        const struct hush_finding *x = &f->v[i];
        size_t line, col;
        hush_text_where(doc->data, doc->len, x->start, &line, &col);
        fprintf(stderr, "%s:%zu:%zu: %s: %s: %s", doc->name, line, col, kind_name(x->kind),
                x->category, x->why);
        if (text_on_stderr)
            fprintf(stderr, ": %.*s", (int)(x->end - x->start), doc->data + x->start);
        fputc('\n', stderr);
        if (o->findings) {
            hush_buf_printf(findings, "%s,%zu,%zu,%s,%s,%s", doc->name, line, col,
                            kind_name(x->kind), x->category, x->why);
            if (o->show) {
                hush_buf_append(findings, ",\"", 2);
                for (size_t k = x->start; k < x->end; k++) {
                    if (doc->data[k] == '"')
                        hush_buf_append(findings, "\"", 1);
                    hush_buf_append(findings, doc->data + k, 1);
                }
                hush_buf_append(findings, "\"", 1);
            }
            hush_buf_append(findings, "\n", 1);
        }
    }
}

/* One document's result, made by a worker and reported by the main
 * thread. */
struct result {
    int rc;
    struct hush_error err;
    struct hush_doc doc;
    struct hush_findings f;
};

/* A check of many documents: what the workers share, and what the
 * reporting keeps. */
struct check {
    const struct options *o;
    char **files;
    struct hush_matcher **matchers; /* one per worker */
    struct result *results;         /* one per file */
    struct hush_buf findings;
    int status;
    bool found;
};

static void
result_release(struct result *r)
{
    hush_findings_free(&r->f);
    if (r->doc.data || r->doc.name)
        hush_doc_release(&r->doc);
    memset(r, 0, sizeof *r);
}

/* Checks file i (on a worker); reports nothing yet. */
static void
check_one(void *ctx, size_t worker, size_t i)
{
    struct check *ck = ctx;
    struct result *r = &ck->results[i];
    r->rc = hush_doc_input(ck->files[i], &r->doc, &r->err);
    if (r->rc == HUSH_OK)
        r->rc = hush_format_verify(ck->matchers[worker], ck->o->input_format, ck->o->columns,
                                   &r->doc, &r->f, &r->err);
}

/* Reports file i's findings and passes its text on when it passes (on the
 * main thread, in file order).  Returns false to stop once stdout has
 * failed. */
static bool
report_one(void *ctx, size_t i)
{
    struct check *ck = ctx;
    const struct options *o = ck->o;
    struct result *r = &ck->results[i];
    bool stdout_failed = false;
    if (r->rc == HUSH_OK) {
        report_findings(o, &r->doc, &r->f, &ck->findings);
        bool fails = false;
        for (size_t k = 0; k < r->f.n && !fails; k++)
            fails = r->f.v[k].kind == HUSH_LEAK || o->strict;
        ck->found |= fails;
        /* Only text that passes flows on. */
        if (!fails && !o->quiet)
            stdout_failed = (r->rc = hush_write_all(STDOUT_FILENO, r->doc.data, r->doc.len,
                                                    "standard output", &r->err)) != HUSH_OK;
    }
    if (r->rc != HUSH_OK) {
        warn(&r->err);
        if (ck->status == HUSH_OK)
            ck->status = r->rc;
    }
    result_release(r);
    return !stdout_failed;
}

static int
check_text(const struct options *o)
{
    struct hush_error err = {0};
    struct hush_ruleset *rs =
        hush_rules_open_keyed(o->rules, o->nrules, o->trusted_key, NULL, NULL, &err);
    if (rs == NULL) {
        warn(&err);
        return err.status == HUSH_ENOINPUT ? HUSH_ECONFIG : err.status;
    }
    static char *stdin_only[] = {"-"};
    struct check ck = {.o = o, .files = o->nfiles ? o->files : stdin_only, .status = HUSH_OK};
    size_t nfiles = o->nfiles ? o->nfiles : 1;
    if (o->findings)
        hush_buf_printf(&ck.findings, "file,line,column,kind,category,rule%s\n",
                        o->show ? ",text" : "");
    /* Documents are checked on several threads at once, and reported in
     * the order of the files, exactly as on one. */
    size_t nworkers;
    ck.matchers = hush_matchers_new(rs, o->jobs, nfiles, &nworkers);
    ck.results = hush_xcalloc(nfiles, sizeof *ck.results);
    struct hush_work work = {nfiles, nworkers, &ck, check_one, report_one};
    hush_work_run(&work);
    int status = ck.status;
    if (o->findings && status == HUSH_OK &&
        hush_publish_file(o->findings, ck.findings.data, ck.findings.len, &err) != HUSH_OK) {
        warn(&err);
        status = err.status;
    }
    for (size_t i = 0; i < nfiles; i++)
        result_release(&ck.results[i]); /* those a stop left unreported */
    free(ck.results);
    hush_matchers_free(ck.matchers, nworkers);
    hush_buf_free(&ck.findings);
    hush_rules_free(rs);
    if (close(STDOUT_FILENO) < 0 && errno != EINTR && errno != EBADF && status == HUSH_OK) {
        fprintf(stderr, "verify: standard output: %s\n", strerror(errno));
        status = HUSH_EIO;
    }
    return status != HUSH_OK ? status : ck.found ? HUSH_FOUND : HUSH_OK;
}

int
main(int argc, char **argv)
{
    hush_harden_process();
    signal(SIGPIPE, SIG_IGN);
    struct options o = {0};
    int status = parse_options(argc, argv, &o);
    if (status == HUSH_OK)
        status = o.audit ? audit(&o) : check_text(&o);
    free(o.rules);
    return status;
}
