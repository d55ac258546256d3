/*
 * redact: replace every identifier in interview transcripts with its
 * category tag.  Options and files here; all policy is in libhush.
 */
#include "hush.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: redact [-r RULES]... [--require-signed --trusted-key FILE] [-f FORMAT]\n"
    "              [--columns NAMES] [-j JOBS] [-o OUT] [--spans FILE] [--report FILE]\n"
    "              [FILE...]\n";

struct options {
    const char **rules;
    size_t nrules;
    const char *out;
    const char *spans;
    const char *report;
    bool require_signed;
    const char *trusted_key;
    enum hush_format format;
    const char *columns;
    char **files;
    size_t nfiles;
    size_t jobs; /* documents redacted at once; 0: one per CPU */
};

static void
warn(const struct hush_error *err)
{
    fprintf(stderr, "redact: %s\n", err->msg);
}

static int
parse_options(int argc, char **argv, struct options *o)
{
    enum { OPT_SPANS = 256, OPT_REPORT, OPT_VERSION, OPT_HELP, OPT_SIGNED, OPT_KEY, OPT_COLUMNS };
    static const struct option longopts[] = {{"rules", required_argument, NULL, 'r'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"spans", required_argument, NULL, OPT_SPANS},
                                             {"report", required_argument, NULL, OPT_REPORT},
                                             {"version", no_argument, NULL, OPT_VERSION},
                                             {"require-signed", no_argument, NULL, OPT_SIGNED},
                                             {"trusted-key", required_argument, NULL, OPT_KEY},
                                             {"format", required_argument, NULL, 'f'},
                                             {"input-format", required_argument, NULL, 'f'},
                                             {"columns", required_argument, NULL, OPT_COLUMNS},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    opterr = 0; /* the messages below name the tool, not its path */
    while ((c = getopt_long(argc, argv, ":r:o:f:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            o->rules = hush_xrealloc(o->rules, (o->nrules + 1) * sizeof *o->rules);
            o->rules[o->nrules++] = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'f':
            if (hush_format_from_name(optarg, &o->format) != HUSH_OK) {
                fprintf(stderr, "redact: -f takes txt, vtt, srt, csv or auto\n");
                return HUSH_EUSAGE;
            }
            break;
        case 'j':
            if (hush_work_parse_jobs(optarg, &o->jobs) != HUSH_OK) {
                fprintf(stderr, "redact: -j takes a number from 1 to %d\n", HUSH_MAX_WORKERS);
                return HUSH_EUSAGE;
            }
            break;
        case OPT_COLUMNS:
            if (hush_format_check_columns(optarg) != HUSH_OK) {
                fprintf(stderr, "redact: --columns takes column names separated by commas\n");
                return HUSH_EUSAGE;
            }
            o->columns = optarg;
            break;
        case OPT_SPANS:
            o->spans = optarg;
            break;
        case OPT_REPORT:
            o->report = optarg;
            break;
        case OPT_SIGNED:
            o->require_signed = true;
            break;
        case OPT_KEY:
            o->trusted_key = optarg;
            break;
        case OPT_VERSION:
            printf("redact (hush) %s\n", HUSH_VERSION);
            exit(HUSH_OK);
        case 'h':
            fputs(usage_text, stdout);
            exit(HUSH_OK);
        case ':':
            fprintf(stderr, "redact: option %s needs a value\n", argv[optind - 1]);
            fputs(usage_text, stderr);
            return HUSH_EUSAGE;
        default:
            fprintf(stderr, "redact: unknown option %s\n", argv[optind - 1]);
            fputs(usage_text, stderr);
            return HUSH_EUSAGE;
        }
    }
    o->files = argv + optind;
    o->nfiles = (size_t)(argc - optind);
    if (o->require_signed != (o->trusted_key != NULL)) {
        fprintf(stderr, "redact: --require-signed and --trusted-key go together\n");
        return HUSH_EUSAGE;
    }
    if (o->spans && o->nfiles > 1) {
        fprintf(stderr, "redact: --spans takes one input at a time\n");
        return HUSH_EUSAGE;
    }
    return HUSH_OK;
}

static void
print_selftest_failure(void *ctx, const char *file, size_t line, const char *rule, const char *why)
{
    (void)ctx;
    fprintf(stderr, "redact: %s:%zu: rule '%s': example fails: %s\n", file, line, rule, why);
}

/* One document's result, made by a worker and written by the main thread. */
struct result {
    int rc;
    struct hush_error err;
    struct hush_buf text, csv;
    struct hush_spans spans;
};

/* A run over many documents: what the workers share, and what the writer
 * keeps. */
struct run {
    const struct hush_ruleset *rs;
    const struct options *o;
    struct hush_matcher **matchers; /* one per worker */
    struct result *results;         /* one per file */
    struct hush_tally tally;
    int status;
};

static void
result_release(struct result *r)
{
    hush_buf_free(&r->text);
    hush_buf_free(&r->csv);
    hush_spans_free(&r->spans);
}

/* Redacts file i into its result (on a worker).  Nothing is written
 * anywhere yet. */
static void
redact_one(void *ctx, size_t worker, size_t i)
{
    struct run *run = ctx;
    const struct options *o = run->o;
    struct result *r = &run->results[i];
    struct hush_doc doc;
    r->rc = hush_doc_input(o->files[i], &doc, &r->err);
    if (r->rc != HUSH_OK)
        return;
    r->rc =
        hush_format_match(run->matchers[worker], o->format, o->columns, &doc, &r->spans, &r->err);
    if (r->rc == HUSH_OK) {
        hush_render_tags(run->rs, doc.data, doc.len, &r->spans, &r->text);
        if (o->spans)
            hush_spans_csv(run->rs, &r->spans, &r->csv);
    }
    hush_doc_release(&doc);
}

static void
progress(size_t done, size_t total)
{
    if (total > 1 && isatty(STDERR_FILENO))
        fprintf(stderr, "\rredact: %zu/%zu files", done, total);
}

/* Writes file i's result (on the main thread, in file order): to stdout, or
 * published to its file, and only then its spans file, so that a failure
 * leaves no part of that document anywhere.  Returns false to stop the run
 * once stdout has failed; any other failure goes on with the next file. */
static bool
write_one(void *ctx, size_t i)
{
    struct run *run = ctx;
    const struct options *o = run->o;
    struct result *r = &run->results[i];
    bool stdout_failed = false;
    char *path = hush_output_path(o->out, o->files[i]);
    if (r->rc == HUSH_OK) {
        hush_tally_add(&run->tally, &r->spans);
        if (path)
            r->rc = hush_publish_file(path, r->text.data ? r->text.data : "", r->text.len, &r->err);
        else
            stdout_failed = (r->rc = hush_write_all(STDOUT_FILENO, r->text.data, r->text.len,
                                                    "standard output", &r->err)) != HUSH_OK;
    }
    if (r->rc == HUSH_OK && o->spans)
        r->rc = hush_publish_file(o->spans, r->csv.data, r->csv.len, &r->err);
    if (r->rc != HUSH_OK) {
        if (isatty(STDERR_FILENO) && o->nfiles > 1)
            fputc('\n', stderr);
        warn(&r->err);
        if (run->status == HUSH_OK)
            run->status = r->rc;
    }
    result_release(r);
    free(path);
    progress(i + 1, o->nfiles);
    return !stdout_failed;
}

int
main(int argc, char **argv)
{
    hush_harden_process();
    struct options o = {0};
    int status = parse_options(argc, argv, &o);
    if (status != HUSH_OK) {
        free(o.rules);
        return status;
    }
    static char *stdin_only[] = {"-"};
    if (o.nfiles == 0) {
        o.files = stdin_only;
        o.nfiles = 1;
    }
    struct hush_error lerr = {0};
    struct hush_ruleset *rs = NULL;
    if (hush_check_outputs(o.out, o.files, o.nfiles, &lerr) == HUSH_OK)
        rs = hush_rules_open_keyed(o.rules, o.nrules, o.trusted_key, print_selftest_failure, NULL,
                                   &lerr);
    if (rs == NULL) {
        warn(&lerr);
        free(o.rules);
        return lerr.status;
    }
    /* Documents are redacted on several threads at once, and each is
     * written whole, in the order of the files, once it is done. */
    struct run run = {.rs = rs, .o = &o, .status = HUSH_OK};
    hush_tally_init(&run.tally, rs);
    size_t nworkers;
    run.matchers = hush_matchers_new(rs, o.jobs, o.nfiles, &nworkers);
    run.results = hush_xcalloc(o.nfiles, sizeof *run.results);
    struct hush_work work = {o.nfiles, nworkers, &run, redact_one, write_one};
    hush_work_run(&work);
    status = run.status;
    if (isatty(STDERR_FILENO) && o.nfiles > 1)
        fputc('\n', stderr);
    if (status == HUSH_OK && o.report) {
        struct hush_buf rep = {0};
        struct hush_error err = {0};
        hush_report_write(rs, &run.tally, "redact", &rep);
        if (hush_publish_file(o.report, rep.data, rep.len, &err) != HUSH_OK) {
            warn(&err);
            status = err.status;
        }
        hush_buf_free(&rep);
    }
    /* A full disk or a closed pipe can first show when stdout is closed. */
    if (close(STDOUT_FILENO) < 0 && errno != EINTR && errno != EBADF && status == HUSH_OK) {
        fprintf(stderr, "redact: standard output: %s\n", strerror(errno));
        status = HUSH_EIO;
    }
    for (size_t i = 0; i < o.nfiles; i++)
        result_release(&run.results[i]); /* those a stop left unwritten */
    free(run.results);
    hush_matchers_free(run.matchers, nworkers);
    hush_tally_release(&run.tally);
    hush_rules_free(rs);
    free(o.rules);
    return status;
}
