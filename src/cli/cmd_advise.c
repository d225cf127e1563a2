/* coderfit advise: the counselor's view of one profile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static const cli_option options[] = {
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"with", 'w', "WHAT=VALUE", "what if the applicant had it (repeatable):\n"
                                "  credential=CPC    a current credential\n"
                                "  training=LEVEL    a coding program: certificate,\n"
                                "                    associate, bachelor or master\n"
                                "  course=\"Anatomy and Physiology\"\n"
                                "  skill=Epic\n"
                                "  coding-months=24  months of coding work to date\n"
                                "  hipaa=2026-10     HIPAA training on that date\n"
                                "  accuracy=0.96     audited accuracy (or 96%)\n"
                                "  productivity=3/hour  charts an hour (or N/day)\n"
                                "  ceus=36           CEU hours of the last 2 years\n"
                                "  references=2      professional references\n"
                                "  remote-months=12  months of remote work to date,\n"
                                "                    and so audit-, cdi- and\n"
                                "                    clinical-months"},
    {"top", 'n', "N", "show the N steps worth most (default 5; 0: all)"},
    {"format", 'f', "FORMAT", "text (default), json, md or html"},
    CLI_OPTION_BLIND,
    CLI_OPTION_STRICT,
    CLI_OPTION_OUTPUT,
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "md", "html", NULL};

const cli_command cli_advise = {
    "advise", "the counselor's view: gaps worth most, advice, what-if",
    "usage: coderfit advise [OPTION]... PROFILE\n"
    "\n"
    "A plan for the profile: a failed gate first, with what would pass it;\n"
    "the next tier, the points and requirements it lacks and the steps that\n"
    "reach it; then the steps worth most, gaps that one action closes taken\n"
    "as one, each with the rubric's advice and the --with that tries it.\n"
    "--with shows what a step would change.\n",
    options, formats,
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 4 invalid profile,\n"
    "5 system error.\n"};

typedef struct advise_ctx {
    const cli_opts *o;
    const cf_rubric *r;
    const char *const *with;
    size_t nwith;
    cf_advice_opts ao;
    char *s;                  /* the advice written */
    size_t len;
} advise_ctx;

/* The plan for the profile read; with --with, a copy of it (the same text
 * read again) changed and scored for what the changes would give. */
static cf_status advise(void *vctx, const cli_result *res)
{
    advise_ctx *c = vctx;
    cf_profile *q = NULL;
    cf_report *alt = NULL;
    cf_status st = CF_OK;
    if (c->nwith) {
        cf_diags d = {0};
        st = cf_profile_parse(res->source, res->text, res->len, 1, c->o->as_of, &q, &d);
        cf_diags_clear(&d);
        for (size_t i = 0; i < c->nwith && !st; i++) {
            char what[64], err[256];
            size_t k = strcspn(c->with[i], "=");
            snprintf(what, sizeof what, "%.*s", (int)(k < 63 ? k : 63), c->with[i]);
            st = cf_profile_with(q, what, c->with[i] + k + 1, err, sizeof err);
            if (st == CF_EUSAGE)
                cli_usage_error("advise", "--with %s: %s", c->with[i], err);
        }
        if (!st)
            st = cf_score(c->r, q, &alt);
        if (!st && c->o->blind)
            st = cf_report_blind(alt, q);
    }
    c->ao.alt = alt;
    if (!st)
        st = cf_advice_write(res->rep, res->p, &c->ao, &c->s, &c->len);
    cf_report_free(alt);
    cf_profile_free(q);
    return st;
}

int cmd_advise(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *with[64];
    size_t nwith = 0;
    long top = -1;
    int c;
    while ((c = cli_option_next(&cli_advise, argc, argv, &o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CF_OK;
        if (c == CLI_OPT_ERROR)
            return CF_EUSAGE;
        if (c == 'w') {
            if (nwith == sizeof with / sizeof with[0])
                return cli_usage_error("advise", "too many --with (at most 64)");
            if (!strchr(optarg, '='))
                return cli_usage_error("advise", "--with wants WHAT=VALUE, not '%s'", optarg);
            with[nwith++] = optarg;
        } else if (c == 'n') {
            long long v;
            if (!cf_whole_parse(optarg, 0, 1000000, &v))
                return cli_usage_error("advise", "--top wants a number of steps from 0 (all) to 1000000, not '%s'",
                                       optarg);
            top = (long)v;
        }
    }
    static const cf_advice_format format_of[] = {CF_ADVICE_TEXT, CF_ADVICE_JSON, CF_ADVICE_MD, CF_ADVICE_HTML};
    cf_advice_format fmt = format_of[o.format_index];
    if (argc - optind != 1)
        return cli_usage_error("advise", "expected one profile");

    cf_rubric *r = NULL;
    advise_ctx ctx = {&o, NULL, with, nwith, {fmt, top < 0 ? 5 : (size_t)top, 0, NULL, with, nwith, 0}, NULL, 0};
    /* By default, what fits the screen when the text is read there, else
     * five steps. */
    ctx.ao.color = fmt == CF_ADVICE_TEXT && cli_color_on(o.color, o.output);
    if (top < 0 && fmt == CF_ADVICE_TEXT && !o.output && isatty(STDOUT_FILENO)) {
        ctx.ao.top = 0;
        ctx.ao.max_lines = cli_screen_rows();
    }
    unsigned long refused = 0;
    cf_status st = cli_load_rubric(&o, &r);
    if (!st) {
        cli_pipeline pl;
        cli_pipeline_init(&pl, &o, r, CLI_REPORT, advise, &ctx);
        ctx.r = r;
        pl.refused = &refused;
        st = cli_pipeline_file(&pl, NULL, argv[optind]);
        if (!st && refused)
            st = CF_EINPUT;
    }
    char *s = ctx.s;
    size_t len = ctx.len;
    cli_out out;
    if (!st && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    if (!st)
        st = cli_key_write(&o);
    cli_key_drop();
    if (st == CF_ESYSTEM)
        cli_system_error("advise");
    cf_free(s);
    cf_rubric_free(r);
    return st;
}
