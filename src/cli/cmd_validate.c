/* coderfit validate: how the scores went with what happened to the people
 * scored (docs/validation.md). */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_OUTCOMES = 2000, OPT_OUTCOME };

#define MAX_OUTCOMES 32

static const cli_option options[] = {
    {"outcomes", OPT_OUTCOMES, "FILE", "outcomes, CSV or JSON records: a column or key id,\n"
                                       "email or source (the applicants' keys) and one\n"
                                       "per outcome"},
    {"demographics", 'd', "FILE", "the figures by group too: audit's demographics\n"
                                  "file (source, sex, race_ethnicity); Cleary's\n"
                                  "test of one regression line for each group"},
    {"outcome", OPT_OUTCOME, "NAME[:KIND]", "an outcome column to use (repeatable; default:\n"
                                            "every one), KIND yesno, percent, number or\n"
                                            "rating (default: read from the values)"},
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), json, md or html"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_STRICT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "md", "html", NULL};

const cli_command cli_validate = {
    "validate", "how the scores went with outcomes: hired, accuracy, productivity",
    "usage: coderfit validate --outcomes FILE [OPTION]... REPORTS/PROFILES...\n"
    "\n"
    "Validity evidence for the score (29 CFR 1607.5 and 1607.14B): the applicants\n"
    "are NDJSON reports (rank -f ndjson, saved the day they applied; - for stdin)\n"
    "or profiles, files or folders, scored with the rubric; the outcomes a CSV\n"
    "or JSON file joined to them by id, e-mail or source.  For the score and each\n"
    "quality against each outcome: n, Pearson's r and Spearman's rho with 95%\n"
    "intervals, the AUC of a yes/no outcome, the outcome per 10 points, the mean\n"
    "outcome by tier, and a sentence.  Under 30 people is too few to conclude; an\n"
    "outcome measured only for the hired is flagged, with Thorndike's correction.\n"
    "With -d, the same by sex and race/ethnicity (1607.14B(8)).\n",
    options, formats,
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 4 an input or the\n"
    "outcomes could not be read (the rest were still used), 5 system error.\n"};

typedef struct validate_ctx {
    cf_validation *v;
    unsigned long failed;
} validate_ctx;

static int take_report(void *vctx, const char *source, const char *text, size_t len, unsigned first_line,
                       cf_status *st)
{
    validate_ctx *c = vctx;
    cf_diags d = {0};
    int taken = 0;
    cf_status added = cf_validation_add_report(c->v, source, first_line, text, len, &taken, &d);
    return cli_saved_taken(added, taken, &d, &c->failed, st);
}

static cf_status take_profile(void *vctx, const cli_result *res)
{
    validate_ctx *c = vctx;
    return cf_validation_add(c->v, res->rep);
}

int cmd_validate(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *outcomes = NULL, *demo = NULL;
    cf_outcome_spec specs[MAX_OUTCOMES];
    char *specbuf[MAX_OUTCOMES];
    size_t nspecs = 0;
    cf_status st = CF_OK;
    int c, help = 0;
    while (!st && !help && (c = cli_option_next(&cli_validate, argc, argv, &o)) != -1) {
        switch (c) {
        case CLI_OPT_HELP:
            help = 1;
            break;
        case CLI_OPT_ERROR:
            st = CF_EUSAGE;
            break;
        case OPT_OUTCOMES:
            outcomes = optarg;
            break;
        case 'd':
            demo = optarg;
            break;
        case OPT_OUTCOME: {
            if (nspecs == MAX_OUTCOMES) {
                st = cli_usage_error("validate", "at most %d --outcome", MAX_OUTCOMES);
                break;
            }
            char *s = cf_strdup(optarg), *colon = s ? strrchr(s, ':') : NULL;
            if (!s) {
                cli_system_error("validate");
                st = CF_ESYSTEM;
                break;
            }
            specbuf[nspecs] = s;
            specs[nspecs] = (cf_outcome_spec){s, CF_OUTCOME_AUTO};
            nspecs++;
            if (colon) {
                *colon = '\0';
                if (cf_outcome_kind_parse(colon + 1, &specs[nspecs - 1].kind))
                    st = cli_usage_error("validate", "--outcome %s: the kind is yesno, percent, number or rating, "
                                         "not '%s'", s, colon + 1);
            }
            if (!st && !*s)
                st = cli_usage_error("validate", "--outcome wants a column name, not '%s'", optarg);
            break;
        }
        }
    }
    if (!st && !help && !outcomes)
        st = cli_usage_error("validate", "an outcomes file is needed (--outcomes FILE)");
    if (!st && !help && optind == argc)
        st = cli_usage_error("validate", "expected reports or profiles");
    if (st || help) {
        for (size_t i = 0; i < nspecs; i++)
            cf_free(specbuf[i]);
        return st;
    }

    cf_rubric *r = NULL;
    cf_audit *groups = NULL;
    validate_ctx ctx = {cf_validation_new(), 0};
    char *text = NULL, *s = NULL, err[256];
    size_t len = 0;
    st = ctx.v ? cli_load_rubric(&o, &r) : CF_ESYSTEM;
    if (!st && (st = cli_read_input(outcomes, o.max_input, &text, &len, err, sizeof err)))
        cli_fail(outcomes, 0, 0, "%s", err);
    if (!st) {
        cf_diags d = {0};
        st = cf_validation_outcomes(ctx.v, outcomes, text, len, specs, nspecs, &d);
        cli_print_diags(&d);
        cf_diags_clear(&d);
    }
    if (!st && demo) {
        char *dtext = NULL;
        size_t dlen = 0;
        if (!(groups = cf_audit_new()))
            st = CF_ESYSTEM;
        else if ((st = cli_read_input(demo, o.max_input, &dtext, &dlen, err, sizeof err)))
            cli_fail(demo, 0, 0, "%s", err);
        if (!st) {
            cf_diags d = {0};
            st = cf_audit_demographics(groups, demo, dtext, dlen, &d);
            cli_print_diags(&d);
            cf_diags_clear(&d);
            cf_validation_groups(ctx.v, groups);
        }
        cf_free(dtext);
    }
    if (!st) {
        cli_pipeline pl;
        cli_pipeline_init(&pl, &o, r, CLI_FIGURES, take_profile, &ctx);
        pl.doc = take_report;
        pl.refused = &ctx.failed;
        st = cli_pipeline_run(&pl, argv + optind, argc - optind);
    }
    if (!st && !cf_validation_count(ctx.v)) {
        cli_error("validate", "no applicant to validate with");
        st = CF_EINPUT;
    }
    if (!st) {
        cf_diags d = {0};
        static const cf_validation_format format_of[] = {CF_VALIDATION_TEXT, CF_VALIDATION_JSON, CF_VALIDATION_MD,
                                                         CF_VALIDATION_HTML};
        st = cf_validation_write(ctx.v, format_of[o.format_index], &s, &len, &d);
        cli_print_diags(&d);
        cf_diags_clear(&d);
    }
    cli_out out;
    if (!st && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    if (!st) {
        size_t rows, apps;
        cf_validation_unmatched(ctx.v, &rows, &apps);
        if (rows || apps)
            cli_error("validate", "warning: %zu outcome row%s joined to no applicant; %zu of %zu applicant%s had no "
                      "outcome row", rows, rows == 1 ? "" : "s", apps, cf_validation_count(ctx.v),
                      cf_validation_count(ctx.v) == 1 ? "" : "s");
    }
    if (!st && ctx.failed)
        st = CF_EINPUT;
    if (st == CF_ESYSTEM)
        cli_system_error("validate");
    for (size_t i = 0; i < nspecs; i++)
        cf_free(specbuf[i]);
    cf_free(s);
    cf_free(text);
    cf_validation_free(ctx.v);
    cf_audit_free(groups);
    cf_rubric_free(r);
    return st;
}
