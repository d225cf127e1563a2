/* coderfit diff: what a rubric edit does to a set of profiles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_FAIL_TIER = 4000, OPT_MAX_DELTA, OPT_CHANGED, OPT_APPROVED };

static const cli_option options[] = {
    {"format", 'f', "FORMAT", "text (default), json, md or github (annotations)"},
    {"changed", OPT_CHANGED, NULL, "list only the profiles that moved"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_COLOR,
    CLI_OPTION_AS_OF,
    {"fail-on-tier-change", OPT_FAIL_TIER, NULL, "exit 1 when any profile changes tier"},
    {"approved", OPT_APPROVED, "FILE", "tier moves the edit is meant to make (CSV: profile,\n"
                                       "old tier,new tier): shown as approved, never a\n"
                                       "failure; any other move still fails"},
    {"max-delta", OPT_MAX_DELTA, "X", "exit 1 when any score moves by more than X"},
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_STRICT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "md", "github", NULL};

const cli_command cli_diff = {
    "diff", "how a rubric edit moves scores, tiers and ranks",
    "usage: coderfit diff [OPTION]... OLD NEW PROFILE...\n"
    "  PROFILE: a file, a folder (its profiles and resume files, as for rank)\n"
    "  or a stream (- and *.jsonl, *.ndjson)\n"
    "\n"
    "Scores the profiles with the OLD and the NEW rubric and shows what the\n"
    "edit changes: first the rubric-level changes (weights, criteria, tiers,\n"
    "gates), then each profile's old and new score, the change, its tier and\n"
    "its rank in each ranking, then a summary: profiles moved, tier changes,\n"
    "mean and largest absolute change, Kendall's tau between the rankings.\n"
    "The changes name each value: \"points.CPC: 1 -> 0.5\", \"terms: +CDEO\",\n"
    "and each quality's share of the score where it moves.\n"
    "When a --fail-on-tier-change or --max-delta line is crossed, standard\n"
    "error names each profile that crossed it, with its old and new tier and\n"
    "score; -f github writes them as annotations for a CI log.  A move listed\n"
    "in the --approved file is expected: named as approved, never a failure.\n",
    options, formats,
    "Exit status: 0 ok, 1 a --fail-on-tier-change or --max-delta limit was\n"
    "crossed, 2 usage error, 3 invalid rubric, 4 an input was invalid,\n"
    "5 system error.\n"};


typedef struct diff_ctx {
    const cf_rubric *old, *new;
    cf_diff *df;
} diff_ctx;

/* A profile scored with the old rubric (by the pipeline), then the new. */
static cf_status add(void *vctx, const cli_result *res)
{
    diff_ctx *ctx = vctx;
    cf_report *b = NULL;
    cf_status st = cf_score_figures(ctx->new, res->p, &b);
    if (!st)
        st = cf_diff_add(ctx->df, res->rep, b);
    cf_report_free(b);
    return st;
}

int cmd_diff(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int c;
    const char *approved = NULL;
    cf_diff_opts dopts = {CF_DIFF_TEXT, 0, 0, -1, 0};
    while ((c = cli_option_next(&cli_diff, argc, argv, &o)) != -1) {
        switch (c) {
        case CLI_OPT_HELP:
            return CF_OK;
        case CLI_OPT_ERROR:
            return CF_EUSAGE;
        case OPT_FAIL_TIER:
            dopts.fail_tier = 1;
            break;
        case OPT_CHANGED:
            dopts.changed = 1;
            break;
        case OPT_APPROVED:
            approved = optarg;
            break;
        case OPT_MAX_DELTA:
            if (!cf_decimal_parse(optarg, strlen(optarg), 0, 100, &dopts.max_delta))
                return cli_usage_error("diff", "--max-delta wants a number from 0 to 100, not '%s'", optarg);
            break;
        }
    }
    static const cf_diff_format format_of[] = {CF_DIFF_TEXT, CF_DIFF_JSON, CF_DIFF_MD, CF_DIFF_GITHUB};
    dopts.format = format_of[o.format_index];
    dopts.color = dopts.format == CF_DIFF_TEXT && cli_color_on(o.color, o.output);
    if (argc - optind < 3)
        return cli_usage_error("diff", "expected an old rubric, a new rubric and at least one profile");

    cf_rubric *old = NULL, *new = NULL;
    o.rubric = argv[optind];
    cf_status st = cli_load_rubric(&o, &old);
    if (!st) {
        o.rubric = argv[optind + 1];
        st = cli_load_rubric(&o, &new);
    }
    diff_ctx ctx = {old, new, NULL};
    unsigned long failed = 0;
    if (!st && !(ctx.df = cf_diff_new(old, new)))
        st = CF_ESYSTEM;
    if (!st)
        st = cli_each_input(&o, old, CLI_FIGURES, add, &ctx, argv + optind + 2, argc - optind - 2, &failed);
    if (!st && approved) {
        char *text = NULL, err[256];
        size_t tlen = 0;
        if ((st = cli_read_input(approved, o.max_input, &text, &tlen, err, sizeof err))) {
            cli_fail(approved, 0, 0, "%s", err);
        } else {
            cf_diags d = {0};
            st = cf_diff_approve(ctx.df, approved, text, tlen, &d);
            cli_print_diags(&d);
            cf_diags_clear(&d);
        }
        cf_free(text);
    }
    char *s = NULL;
    size_t len = 0;
    if (!st)
        st = cf_diff_write(ctx.df, &dopts, &s, &len);
    cli_out out;
    if (!st && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    /* a crossed line names the profiles that crossed it; the approved
     * moves are named too */
    size_t crossed = 0;
    for (int tier = 2; tier >= 0 && !st; tier--) {
        if (tier == 2 ? !approved : tier ? !dopts.fail_tier : dopts.max_delta < 0)
            continue;
        size_t n = 0;
        cf_free(s);
        s = NULL;
        if ((st = cf_diff_explain(ctx.df, &dopts, tier, &n, &s, &len)) || !n)
            continue;
        if (tier == 2) {
            cli_error("diff", "approved: %zu profile%s changed tier as %s expects:", n, n == 1 ? "" : "s", approved);
            fwrite(s, 1, len, stderr);
            continue;
        }
        if (tier)
            cli_error("diff", "--fail-on-tier-change: %zu profile%s changed tier:", n, n == 1 ? "" : "s");
        else
            cli_error("diff", "--max-delta %g: %zu profile%s moved by more than %.1f:", dopts.max_delta, n,
                      n == 1 ? "" : "s", dopts.max_delta);
        fwrite(s, 1, len, stderr);
        crossed += n;
    }
    cf_free(s);
    cf_diff_free(ctx.df);
    cf_rubric_free(old);
    cf_rubric_free(new);
    if (st) {
        if (st == CF_ESYSTEM)
            cli_system_error("diff");
        return st;
    }
    return failed ? CF_EINPUT : crossed ? CF_NO : CF_OK;
}
