/* coderfit lint: every problem of each rubric, positioned. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

static const cli_option options[] = {
    {"format", 'f', "FORMAT", "text (default), json, or github (workflow annotations with "
                              "file, line and column)"},
    {"strict", OPT_STRICT, NULL, "warnings fail too"},
    {"max-input-size", OPT_MAX_INPUT, "SIZE", "largest rubric accepted (default 16M)"},
    {"quiet", 'q', NULL, "no count of errors and warnings on standard error"},
    CLI_OPTION_COLOR,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "github", NULL};

const cli_command cli_lint = {
    "lint", "check rubrics: every problem, with its line and column",
    "usage: coderfit lint [OPTION]... RUBRIC...\n"
    "\n"
    "Checks each rubric and reports every problem, not only the first, as\n"
    "FILE:LINE:COL: severity: message [rule]: YAML syntax, tabs, encoding,\n"
    "unknown, missing and duplicate keys (with \"did you mean\"), wrong types,\n"
    "duplicate ids, unknown criterion types and tags, weights, tiers that\n"
    "overlap, leave gaps or cannot be reached, gates naming no criterion,\n"
    "paths the profile model lacks or that read a protected attribute,\n"
    "duplicate terms, unbounded or self-referencing aliases; and, as a\n"
    "warning, criteria and gates without advice.  docs/rubric.md lists the rules.\n",
    options, formats,
    "Exit status: 0 clean, 1 problems found, 2 usage error, 5 system error.\n"};


int cmd_lint(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int c;
    while ((c = cli_option_next(&cli_lint, argc, argv, &o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CF_OK;
        if (c == CLI_OPT_ERROR)
            return CF_EUSAGE;
    }
    int strict = o.strict;
    static const cf_diag_format format_of[] = {CF_DIAG_TEXT, CF_DIAG_JSON, CF_DIAG_GITHUB};
    cf_diag_format fmt = format_of[o.format_index];
    if (optind >= argc)
        return cli_usage_error("lint", "no rubric given");

    cf_diags d = {0};
    d.color = fmt == CF_DIAG_TEXT && cli_color_on(o.color, NULL);
    cf_status st = CF_OK;
    for (int i = optind; i < argc && st != CF_ESYSTEM; i++) {
        char *text;
        size_t len;
        char err[256];
        int builtin = 0;
        struct stat sb;
        cf_status rd = CF_OK;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) != 0 &&
            (text = (char *)cf_rubric_builtin_find(argv[i], &len)))
            builtin = 1;    /* lint ID: a built-in rubric */
        else
            rd = cli_read_input(argv[i], o.max_input, &text, &len, err, sizeof err);
        if (rd == CF_ESYSTEM) {
            st = rd;
            break;
        }
        if (rd) {
            cf_diag_add(&d, argv[i], 0, 0, CF_SEV_ERROR, "io", "cannot read: %s", err);
            continue;
        }
        cf_rubric *r = NULL;
        if (cf_rubric_load_with(argv[i], text, len, cli_rubric_reader, &o, &r, &d) == CF_ESYSTEM)
            st = CF_ESYSTEM;
        cf_rubric_free(r);
        if (!builtin)
            cf_free(text);
    }
    if (st == CF_ESYSTEM || d.oom) {
        cf_diags_clear(&d);
        cli_system_error("lint");
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
        cli_write(stdout, s, len);
    if (fmt == CF_DIAG_TEXT && d.n && !o.quiet) {
        fflush(stdout);
        fprintf(stderr, "coderfit: lint: %zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
    }
    cf_free(s);
    cf_diags_clear(&d);
    return errors || (strict && warnings) ? CF_NO : CF_OK;
}
