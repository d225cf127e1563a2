/* coderfit audit: adverse-impact figures for a batch, by sex and
 * race/ethnicity, from scored reports or from profiles scored here. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const char usage_text[] =
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
    "under 2% of the applicants is left out of the ratios.\n"
    "\n"
    "Options:\n"
    "  -d, --demographics FILE   CSV with a header naming source, sex and\n"
    "                            race_ethnicity (EEO-1 categories; empty or\n"
    "                            'unknown' allowed), or the same as JSON\n"
    "      --select RULE         who is selected: tier=ID[,ID...], top=N or\n"
    "                            min-score=X\n"
    "      --fail-under X        exit 1 when an impact ratio is under X (0.8: a flag)\n"
    "  -r, --rubric FILE         rubric for profiles (default: the embedded one)\n"
    "      --as-of YYYY-MM-DD    date that every date rule counts from (default: today)\n"
    "  -f, --format FORMAT       text (default), csv, json or md\n"
    "  -o, --output FILE         write to FILE (atomically) instead of stdout\n"
    "      --max-input-size SIZE largest file or stream line accepted (default 16M)\n"
    "  -h, --help                show this help\n"
    "\n"
    "Exit status: 0 ok, 1 a ratio under --fail-under, 2 usage error, 3 invalid\n"
    "rubric, 4 an input failed (the rest were still audited), 5 system error.\n";

enum { OPT_SELECT = 2000, OPT_FAIL_UNDER };

typedef struct audit_ctx {
    cf_audit *a;
    const cf_rubric *r;
} audit_ctx;

/* A report or an error record of rank -f ndjson: taken here. */
static int take_report(void *vctx, const char *source, const char *name, const char *text, size_t len,
                       unsigned first_line, unsigned long *failed, cf_status *st)
{
    audit_ctx *c = vctx;
    (void)name;
    cf_diags d = {0};
    int taken = 0;
    *st = cf_audit_add_report(c->a, source, first_line, text, len, &taken, &d);
    cli_print_diags(&d);
    cf_diags_clear(&d);
    if (*st == CF_EINPUT) {
        (*failed)++;
        *st = CF_OK;
    }
    return taken || *st;
}

/* A profile: scored with the rubric. */
static cf_status take_profile(void *vctx, cf_profile *p)
{
    audit_ctx *c = vctx;
    cf_report *rep = NULL;
    cf_status st = cf_score(c->r, p, &rep);
    if (st)
        return st;
    cf_arena *arena = cf_arena_current();
    cf_arena_leave();
    st = cf_audit_add(c->a, cf_profile_source(p), cf_report_score(rep), cf_report_tier(rep));
    cf_arena_enter(arena);
    cf_report_free(rep);
    return st;
}

/* Parses --select; the tier ids point into rule's copy in *buf. */
static int parse_select(const char *rule, cf_audit_select *sel, char **buf, const char **tiers, size_t max)
{
    memset(sel, 0, sizeof *sel);
    char *end;
    if (strncmp(rule, "tier=", 5) == 0) {
        *buf = cf_strdup(rule + 5);
        if (!*buf)
            return -1;
        sel->kind = CF_SELECT_TIER;
        sel->tiers = tiers;
        for (char *t = strtok(*buf, ","); t; t = strtok(NULL, ",")) {
            if (sel->ntiers == max)
                return -1;
            tiers[sel->ntiers++] = t;
        }
        return sel->ntiers ? 0 : -1;
    }
    if (strncmp(rule, "top=", 4) == 0) {
        sel->kind = CF_SELECT_TOP;
        unsigned long long n = strtoull(rule + 4, &end, 10);
        sel->top = (size_t)n;
        return rule[4] >= '0' && rule[4] <= '9' && !*end && n > 0 ? 0 : -1;
    }
    if (strncmp(rule, "min-score=", 10) == 0) {
        sel->kind = CF_SELECT_MIN_SCORE;
        sel->min_score = strtod(rule + 10, &end);
        return rule[10] && !*end && sel->min_score >= 0 && sel->min_score <= 100 ? 0 : -1;
    }
    return -1;
}

int cmd_audit(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"demographics", required_argument, NULL, 'd'},
        {"select", required_argument, NULL, OPT_SELECT},
        {"fail-under", required_argument, NULL, OPT_FAIL_UNDER},
        {"rubric", required_argument, NULL, 'r'},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_opts o;
    cli_opts_init(&o);
    const char *demo = NULL, *rule = NULL;
    double fail_under = -1;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":d:r:f:o:h", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'h':
            fputs(usage_text, stdout);
            return CF_OK;
        case 'd':
            demo = optarg;
            continue;
        case OPT_SELECT:
            rule = optarg;
            continue;
        case OPT_FAIL_UNDER:
            fail_under = strtod(optarg, &end);
            if (!*optarg || *end || !(fail_under >= 0 && fail_under <= 1))
                return cli_usage_error("audit", "--fail-under wants a ratio from 0 to 1, not '%s'", optarg);
            continue;
        case '?':
            return cli_usage_error("audit", "unknown option '%s'", argv[optind - 1]);
        case ':':
            return cli_usage_error("audit", "option '%s' needs a value", argv[optind - 1]);
        }
        if (cli_common_option(&o, c, optarg, "audit") <= 0)
            return CF_EUSAGE;
    }
    cf_audit_format fmt = CF_AUDIT_TEXT;
    if (o.format && strcmp(o.format, "json") == 0)
        fmt = CF_AUDIT_JSON;
    else if (o.format && strcmp(o.format, "csv") == 0)
        fmt = CF_AUDIT_CSV;
    else if (o.format && strcmp(o.format, "md") == 0)
        fmt = CF_AUDIT_MD;
    else if (o.format && strcmp(o.format, "text") != 0)
        return cli_usage_error("audit", "unknown format '%s' (text, csv, json, md)", o.format);
    if (!demo)
        return cli_usage_error("audit", "a demographics file is needed (-d FILE)");
    if (!rule)
        return cli_usage_error("audit", "a selection rule is needed (--select tier=ID,..., top=N or min-score=X)");
    if (optind == argc)
        return cli_usage_error("audit", "expected reports or profiles");

    cf_audit_select sel;
    const char *tiers[64];
    char *tierbuf = NULL;
    if (parse_select(rule, &sel, &tierbuf, tiers, 64)) {
        cf_free(tierbuf);
        return cli_usage_error("audit", "--select wants tier=ID[,ID...], top=N or min-score=X, not '%s'", rule);
    }

    cf_rubric *r = NULL;
    audit_ctx ctx = {cf_audit_new(), NULL};
    unsigned long failed = 0;
    char *text = NULL, *s = NULL, err[256];
    size_t len = 0;
    double smallest = 1;
    cf_status st = ctx.a ? cli_load_rubric(&o, &r) : CF_ESYSTEM;
    ctx.r = r;
    if (!st && (st = cli_read_input(demo, o.max_input, &text, &len, err, sizeof err)))
        cli_error(NULL, "%s: error: %s", demo, err);
    if (!st) {
        cf_diags d = {0};
        st = cf_audit_demographics(ctx.a, demo, text, len, &d);
        cli_print_diags(&d);
        cf_diags_clear(&d);
    }
    if (!st) {
        o.doc_fn = take_report;
        st = cli_each_profile(&o, argv + optind, argc - optind, take_profile, &ctx, &failed);
    }
    if (!st && !cf_audit_count(ctx.a)) {
        cli_error("audit", "no applicant to audit");
        st = CF_EINPUT;
    }
    if (!st)
        st = cf_audit_write(ctx.a, &sel, rule, fmt, &s, &len, &smallest);
    cli_out out;
    if (!st && !(st = cli_out_open(&out, o.output))) {
        fwrite(s, 1, len, out.f);
        st = cli_out_close(&out);
    }
    if (!st && failed)
        st = CF_EINPUT;
    if (!st && fail_under >= 0 && smallest < fail_under)
        st = CF_NO;
    if (st == CF_ESYSTEM)
        cli_error("audit", "out of memory or write error");
    cf_free(s);
    cf_free(text);
    cf_free(tierbuf);
    cf_audit_free(ctx.a);
    cf_rubric_free(r);
    return st;
}
