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
    "              [--columns NAMES] [-o OUT] [--spans FILE] [--report FILE] [FILE...]\n";

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
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    opterr = 0; /* the messages below name the tool, not its path */
    while ((c = getopt_long(argc, argv, ":r:o:f:h", longopts, NULL)) != -1) {
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
        case OPT_COLUMNS:
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

/* Redacts one input into out, and its spans into csv when asked for.
 * Nothing is written anywhere yet. */
static int
redact_one(const struct hush_ruleset *rs, struct hush_matcher *m, const struct options *o,
           const char *name, struct hush_buf *out, struct hush_buf *csv, struct hush_tally *tally,
           struct hush_error *err)
{
    struct hush_doc doc;
    int rc = hush_doc_input(name, &doc, err);
    if (rc != HUSH_OK)
        return rc;
    struct hush_spans spans = {0};
    rc = hush_format_match(m, o->format, o->columns, &doc, &spans, err);
    if (rc == HUSH_OK) {
        hush_render_tags(rs, doc.data, doc.len, &spans, out);
        if (o->spans)
            hush_spans_csv(rs, &spans, csv);
        hush_tally_add(tally, &spans);
    }
    hush_spans_free(&spans);
    hush_doc_release(&doc);
    return rc;
}

static void
progress(size_t done, size_t total)
{
    if (total > 1 && isatty(STDERR_FILENO))
        fprintf(stderr, "\rredact: %zu/%zu files", done, total);
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
    struct hush_tally tally;
    hush_tally_init(&tally, rs);
    struct hush_matcher *m = hush_matcher_new(rs);
    /* Each document is redacted whole in memory, then written (to stdout,
     * or published to its file), and only then its spans file: a failure
     * leaves no part of that document anywhere, and the loop goes on with
     * the next. */
    bool stdout_failed = false;
    for (size_t i = 0; i < o.nfiles && !stdout_failed; i++) {
        struct hush_error err = {0};
        char *path = hush_output_path(o.out, o.files[i]);
        struct hush_buf one = {0}, csv = {0};
        int rc = redact_one(rs, m, &o, o.files[i], &one, &csv, &tally, &err);
        if (rc == HUSH_OK && path)
            rc = hush_publish_file(path, one.data ? one.data : "", one.len, &err);
        else if (rc == HUSH_OK)
            stdout_failed = (rc = hush_write_all(STDOUT_FILENO, one.data, one.len,
                                                 "standard output", &err)) != HUSH_OK;
        if (rc == HUSH_OK && o.spans)
            rc = hush_publish_file(o.spans, csv.data, csv.len, &err);
        hush_buf_free(&csv);
        if (rc != HUSH_OK) {
            if (isatty(STDERR_FILENO) && o.nfiles > 1)
                fputc('\n', stderr);
            warn(&err);
            if (status == HUSH_OK)
                status = rc;
        }
        hush_buf_free(&one);
        free(path);
        progress(i + 1, o.nfiles);
    }
    if (isatty(STDERR_FILENO) && o.nfiles > 1)
        fputc('\n', stderr);
    if (status == HUSH_OK && o.report) {
        struct hush_buf rep = {0};
        struct hush_error err = {0};
        hush_report_write(rs, &tally, "redact", &rep);
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
    hush_tally_release(&tally);
    hush_matcher_free(m);
    hush_rules_free(rs);
    free(o.rules);
    return status;
}
