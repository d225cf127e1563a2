/* coderfit lint: every problem of each rubric, positioned. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char usage_text[] =
    "usage: coderfit lint [OPTION]... RUBRIC...\n"
    "\n"
    "Checks each rubric and reports every problem, not only the first, as\n"
    "FILE:LINE:COL: severity: message [rule]: YAML syntax, tabs, encoding,\n"
    "unknown, missing and duplicate keys (with \"did you mean\"), wrong types,\n"
    "duplicate ids, unknown criterion types and tags, weights, tiers that\n"
    "overlap, leave gaps or cannot be reached, gates naming no criterion,\n"
    "paths the profile model lacks or that read a protected attribute,\n"
    "duplicate terms, unbounded or self-referencing aliases; and, as a\n"
    "warning, criteria and gates without advice.  docs/rubric.md lists the rules.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT       text (default), json, or github (workflow\n"
    "                            annotations with file, line and column)\n"
    "      --strict              warnings fail too\n"
    "      --max-input-size SIZE largest rubric accepted (default 16M)\n"
    "  -q, --quiet               print nothing when there is no problem\n"
    "  -h, --help                show this help\n"
    "\n"
    "Exit status: 0 clean, 1 problems found, 2 usage error, 5 system error.\n";

enum { OPT_STRICT = 3000 };

int cmd_lint(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_opts o;
    cli_opts_init(&o);
    int strict = 0, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return CF_OK;
        }
        if (c == OPT_STRICT) {
            strict = 1;
            continue;
        }
        if (c == '?')
            return cli_usage_error("lint", "unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return cli_usage_error("lint", "option '%s' needs a value", argv[optind - 1]);
        if (cli_common_option(&o, c, optarg, "lint") <= 0)
            return CF_EUSAGE;
    }
    cf_diag_format fmt = CF_DIAG_TEXT;
    if (o.format && strcmp(o.format, "json") == 0)
        fmt = CF_DIAG_JSON;
    else if (o.format && strcmp(o.format, "github") == 0)
        fmt = CF_DIAG_GITHUB;
    else if (o.format && strcmp(o.format, "text") != 0)
        return cli_usage_error("lint", "unknown format '%s' (text, json, github)", o.format);
    if (optind >= argc)
        return cli_usage_error("lint", "no rubric given");

    cf_diags d = {0};
    cf_status st = CF_OK;
    for (int i = optind; i < argc && st != CF_ESYSTEM; i++) {
        char *text;
        size_t len;
        char err[256];
        cf_status rd = cli_read_input(argv[i], o.max_input, &text, &len, err, sizeof err);
        if (rd == CF_ESYSTEM) {
            st = rd;
            break;
        }
        if (rd) {
            cf_diag_add(&d, argv[i], 0, 0, CF_SEV_ERROR, "io", "cannot read: %s", err);
            continue;
        }
        cf_rubric *r = NULL;
        if (cf_rubric_load(argv[i], text, len, &r, &d) == CF_ESYSTEM)
            st = CF_ESYSTEM;
        cf_rubric_free(r);
        cf_free(text);
    }
    if (st == CF_ESYSTEM || d.oom) {
        cf_diags_clear(&d);
        cli_error("lint", "out of memory");
        return CF_ESYSTEM;
    }
    size_t errors = cf_diags_errors(&d), warnings = d.n - errors;
    char *s;
    size_t len;
    if (cf_diags_write(&d, fmt, &s, &len) != CF_OK) {
        cf_diags_clear(&d);
        cli_error("lint", "out of memory");
        return CF_ESYSTEM;
    }
    if (!(o.quiet && d.n == 0 && fmt != CF_DIAG_JSON))
        fwrite(s, 1, len, stdout);
    if (fmt == CF_DIAG_TEXT && d.n && !o.quiet)
        fprintf(stderr, "coderfit: lint: %zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    cf_free(s);
    cf_diags_clear(&d);
    return errors || (strict && warnings) ? CF_NO : CF_OK;
}
