/* coderfit audit: adverse-impact figures for a batch, by sex and
 * race/ethnicity, from scored reports or from profiles scored here. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_SELECT = 2000, OPT_FAIL_UNDER, OPT_AUDIT_KEY };

static const cli_option options[] = {
    {"demographics", 'd', "FILE", "CSV with a header naming source, sex and race_ethnicity "
                                  "(EEO-1 categories; empty or 'unknown' allowed), or the same "
                                  "as JSON"},
    {"select", OPT_SELECT, "RULE", "who is selected: tier=ID[,ID...], top=N or min-score=X"},
    {"fail-under", OPT_FAIL_UNDER, "X", "exit 1 when an impact ratio is under X (0.8: a flag)"},
    {"key", OPT_AUDIT_KEY, "FILE", "the key of a blind run (--key): joins blind reports to\n"
                                   "demographics kept by source"},
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), csv, json or md"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_STRICT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "csv", "json", "md", NULL};

const cli_command cli_audit = {
    "audit", "adverse-impact audit: rates and impact ratios by sex, race/ethnicity",
    "usage: coderfit audit -d FILE --select RULE [OPTION]... REPORTS/PROFILES...\n"
    "\n"
    "Adverse-impact audit (the four-fifths rule of 29 CFR 1607.4(D); the bias\n"
    "audits of New York City's Local Law 144).  The operands are NDJSON reports\n"
    "(from rank -f ndjson or score -f ndjson; - for stdin) or profiles, files\n"
    "or folders, which are scored with the rubric.  For each sex, race/ethnicity\n"
    "and the two crossed it gives applicants, selected, selection rate, impact\n"
    "ratio (the rate over the highest category's), scoring rate (the share\n"
    "scoring above the median of all applicants) and its impact ratio.  A ratio\n"
    "under 0.8 is flagged: a reason to review, not a finding.  A category with\n"
    "under 2% of the applicants is left out of the ratios.\n",
    options, formats,
    "Exit status: 0 ok, 1 a ratio under --fail-under, 2 usage error, 3 invalid\n"
    "rubric, 4 an input failed (the rest were still audited), 5 system error.\n"};


typedef struct audit_ctx {
    cf_audit *a;
    unsigned long failed;
} audit_ctx;

/* A report or an error record of rank -f ndjson: taken here. */
static int take_report(void *vctx, const char *source, const char *text, size_t len, unsigned first_line,
                       cf_status *st)
{
    audit_ctx *c = vctx;
    cf_diags d = {0};
    int taken = 0;
    cf_status added = cf_audit_add_report(c->a, source, first_line, text, len, &taken, &d);
    return cli_saved_taken(added, taken, &d, &c->failed, st);
}

/* A profile, scored with the rubric. */
static cf_status take_profile(void *vctx, const cli_result *res)
{
    audit_ctx *c = vctx;
    return cf_audit_add(c->a, cf_profile_source(res->p), cf_report_score(res->rep), cf_report_tier(res->rep));
}

/* Parses --select: 0, -1 when it is not a rule, -2 when out of memory.
 * The tier ids point into rule's copy in *buf, listed in *ids (cf_free
 * both). */
static int parse_select(const char *rule, cf_audit_select *sel, char **buf, const char ***ids)
{
    memset(sel, 0, sizeof *sel);
    if (strncmp(rule, "tier=", 5) == 0) {
        size_t n = 1;
        for (const char *p = rule; *p; p++)
            n += *p == ',';
        const char **tiers = *ids = cf_malloc(n * sizeof *tiers);
        *buf = cf_strdup(rule + 5);
        if (!*buf || !tiers)
            return -2;
        sel->kind = CF_SELECT_TIER;
        sel->tiers = tiers;
        for (char *t = strtok(*buf, ","); t; t = strtok(NULL, ","))
            tiers[sel->ntiers++] = t;
        return sel->ntiers ? 0 : -1;
    }
    if (strncmp(rule, "top=", 4) == 0) {
        sel->kind = CF_SELECT_TOP;
        long long n;
        if (!cf_whole_parse(rule + 4, 1, LLONG_MAX, &n))
            return -1;
        sel->top = (size_t)n;
        return 0;
    }
    if (strncmp(rule, "min-score=", 10) == 0) {
        sel->kind = CF_SELECT_MIN_SCORE;
        return cf_decimal_parse(rule + 10, strlen(rule + 10), 0, 100, &sel->min_score) ? 0 : -1;
    }
    return -1;
}

static int audit_has_tier(const void *a, const char *id)
{
    return cf_audit_has_tier(a, id);
}

static int no_row(void *ctx, const char *id, const char *source)
{
    (void)ctx, (void)id, (void)source;
    return 0;
}

/* The secret of a blind run's key file; -1 after saying why. */
static int read_key(const char *path, const cli_opts *o, cf_blind_key *key, int *have)
{
    char *text = NULL, err[256];
    size_t len = 0;
    unsigned line = 0;
    if (cli_read_input(path, o->max_input, &text, &len, err, sizeof err)) {
        cli_usage_error("audit", "--key %s: %s", path, err);
        return -1;
    }
    int rc = cf_blind_key_read(text, len, key, have, no_row, NULL, &line);
    cf_free(text);
    if (rc == -2) {
        cli_system_error("audit");
        return -1;
    }
    if (rc || !*have) {
        cli_usage_error("audit", "--key %s: line %u: not the key of a blind run (id,source rows and "
                        "a secret)", path, line);
        return -1;
    }
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *demo = NULL, *rule = NULL, *keyfile = NULL;
    double fail_under = -1;
    int c;
    while ((c = cli_option_next(&cli_audit, argc, argv, &o)) != -1) {
        switch (c) {
        case CLI_OPT_HELP:
            return CF_OK;
        case CLI_OPT_ERROR:
            return CF_EUSAGE;
        case 'd':
            demo = optarg;
            break;
        case OPT_SELECT:
            rule = optarg;
            break;
        case OPT_AUDIT_KEY:
            keyfile = optarg;
            break;
        case OPT_FAIL_UNDER:
            if (!cf_decimal_parse(optarg, strlen(optarg), 0, 1, &fail_under))
                return cli_usage_error("audit", "--fail-under wants a ratio from 0 to 1, not '%s'", optarg);
            break;
        }
    }
    static const cf_audit_format format_of[] = {CF_AUDIT_TEXT, CF_AUDIT_CSV, CF_AUDIT_JSON, CF_AUDIT_MD};
    cf_audit_format fmt = format_of[o.format_index];
    if (!demo)
        return cli_usage_error("audit", "a demographics file is needed (-d FILE)");
    cf_blind_key key;
    int keyed = 0;
    if (keyfile && read_key(keyfile, &o, &key, &keyed))
        return CF_EUSAGE;
    if (!rule)
        return cli_usage_error("audit", "a selection rule is needed (--select tier=ID,..., top=N or min-score=X)");
    if (optind == argc)
        return cli_usage_error("audit", "expected reports or profiles");

    cf_audit_select sel;
    const char **tiers = NULL;
    char *tierbuf = NULL;
    int bad = parse_select(rule, &sel, &tierbuf, &tiers);
    if (bad) {
        cf_free(tierbuf);
        cf_free(tiers);
        if (bad == -2) {
            cli_system_error("audit");
            return CF_ESYSTEM;
        }
        return cli_usage_error("audit", "--select wants tier=ID[,ID...], top=N or min-score=X, not '%s'", rule);
    }

    cf_rubric *r = NULL;
    audit_ctx ctx = {cf_audit_new(), 0};
    char *text = NULL, *s = NULL, err[256];
    size_t len = 0;
    double smallest = 1;
    if (ctx.a && keyed)
        cf_audit_key(ctx.a, &key);
    cf_status st = ctx.a ? cli_load_rubric(&o, &r) : CF_ESYSTEM;
    if (!st && (st = cli_read_input(demo, o.max_input, &text, &len, err, sizeof err)))
        cli_fail(demo, 0, 0, "%s", err);
    if (!st) {
        cf_diags d = {0};
        st = cf_audit_demographics(ctx.a, demo, text, len, &d);
        cli_print_diags(&d);
        cf_diags_clear(&d);
    }
    if (!st) {
        cli_pipeline pl;
        cli_pipeline_init(&pl, &o, r, CLI_FIGURES, take_profile, &ctx);
        pl.doc = take_report;
        pl.refused = &ctx.failed;
        st = cli_pipeline_run(&pl, argv + optind, argc - optind);
    }
    if (!st && sel.kind == CF_SELECT_TIER)
        st = cli_check_tiers("audit", "--select", r, sel.tiers, sel.ntiers, 0, audit_has_tier, ctx.a);
    if (!st && !cf_audit_count(ctx.a)) {
        cli_error("audit", "no applicant to audit");
        st = CF_EINPUT;
    }
    if (!st) {
        cf_audit_color(ctx.a, fmt == CF_AUDIT_TEXT && cli_color_on(o.color, o.output));
        st = cf_audit_write(ctx.a, &sel, rule, fmt, &s, &len, &smallest);
    }
    cli_out out;
    if (!st && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    size_t unjoined = 0, unused = 0;
    if (!st) {
        cf_audit_unmatched(ctx.a, &unjoined, &unused);
        if (unjoined || unused)
            cli_error("audit", "warning: %zu of %zu applicant%s matched no demographics row; %zu row%s matched no "
                      "applicant",
                      unjoined, cf_audit_count(ctx.a), cf_audit_count(ctx.a) == 1 ? "" : "s", unused,
                      unused == 1 ? "" : "s");
    }
    if (!st && ctx.failed)
        st = CF_EINPUT;
    if (!st && fail_under >= 0 && smallest < 0) {
        /* a gate that nothing reached must not pass */
        cli_error("audit", "--fail-under: no group could be judged (%zu of %zu applicants matched no "
                  "demographics row): failing", unjoined, cf_audit_count(ctx.a));
        st = CF_NO;
    }
    if (!st && fail_under >= 0 && smallest < fail_under)
        st = CF_NO;
    if (st == CF_ESYSTEM)
        cli_system_error("audit");
    cf_free(s);
    cf_free(text);
    cf_free(tierbuf);
    cf_free(tiers);
    cf_audit_free(ctx.a);
    cf_rubric_free(r);
    return st;
}
