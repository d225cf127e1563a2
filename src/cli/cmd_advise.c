/* coderfit advise: the counselor's view of a profile, or of a caseload:
 * a page for each student and an index of them all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

enum { OPT_OUTPUT_DIR = 4000, OPT_PREVIOUS };

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
    {"output-dir", OPT_OUTPUT_DIR, "DIR", "a caseload: a page per student in DIR (-f html,\n"
                                          "the default, or md), and the index of them all\n"
                                          "(index.html or index.md, and index.json)"},
    {"previous", OPT_PREVIOUS, "FILE", "with --output-dir: last time's index.json; the\n"
                                       "index says who moved"},
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    {"quiet", 'q', NULL, "with --output-dir: say nothing of the pages written"},
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "md", "html", NULL};

const cli_command cli_advise = {
    "advise", "the counselor's view: gaps worth most, advice, what-if",
    "usage: coderfit advise [OPTION]... PROFILE\n"
    "  or:  coderfit advise --output-dir DIR [OPTION]... PROFILE...\n"
    "\n"
    "A plan for the profile: a failed gate first, with what would pass it;\n"
    "the next tier, the points and requirements it lacks and the steps that\n"
    "reach it; then the steps worth most, gaps that one action closes taken\n"
    "as one, each with the rubric's advice and the --with that tries it.\n"
    "--with shows what a step would change.  The Markdown and HTML speak to\n"
    "the student: what a step would give, in words, and no option names.\n"
    "\n"
    "With --output-dir, several profiles, folders or streams: a page for each\n"
    "student, named after its source, and an index (index.html or index.md,\n"
    "and index.json) of each student's score, tier, failed gate, next step\n"
    "and the points to the next tier, closest to the next tier first; given\n"
    "last time's index.json with --previous, it says who moved and how far.\n",
    options, formats,
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 4 an invalid profile\n"
    "(with --output-dir, the others still get their pages), 5 system error.\n"};

typedef struct advise_ctx {
    const cli_opts *o;
    const cf_rubric *r;
    const char *const *with;
    size_t nwith;
    cf_advice_opts ao;
    char *s;                  /* the advice written */
    size_t len;
    cf_caseload *cl;          /* --output-dir: the caseload, its pages in */
    cli_pages pages;
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
            st = cf_report_blind(alt, q, &c->o->blind_key);
    }
    c->ao.alt = alt;
    if (!st && c->cl) {
        /* a page of the caseload, its line in the index */
        const char *name = cli_page_name(&c->pages, cf_report_source(res->rep),
                                         c->ao.format == CF_ADVICE_MD ? "md" : "html");
        char *page = NULL;
        size_t len = 0;
        st = name ? cf_caseload_add(c->cl, res->rep, res->p, &c->ao, name, &page, &len) : CF_ESYSTEM;
        if (!st)
            st = cli_page_write(&c->pages, name, page, len);
        cf_free(page);
    } else if (!st) {
        st = cf_advice_write(res->rep, res->p, &c->ao, &c->s, &c->len);
    }
    cf_report_free(alt);
    cf_profile_free(q);
    return st;
}

/* The caseload: a page for each input and the index of them all, in the
 * folder.  Returns the exit status. */
static cf_status caseload(advise_ctx *ctx, const cli_opts *o, const cf_rubric *r, const char *dir,
                          const char *previous, char **paths, int n)
{
    cf_status st = CF_OK;
    if (!(ctx->cl = cf_caseload_new()))
        return CF_ESYSTEM;
    if (previous) {
        char *text = NULL, err[256];
        size_t len = 0;
        if ((st = cli_read_input(previous, o->max_input, &text, &len, err, sizeof err))) {
            cli_fail(previous, 0, 0, "%s", err);
        } else {
            cf_diags d = {0};
            st = cf_caseload_previous(ctx->cl, previous, text, len, &d);
            cli_print_diags(&d);
            cf_diags_clear(&d);
        }
        cf_free(text);
        if (st)
            return st;
    }
    if ((st = cli_pages_open(&ctx->pages, dir)))
        return st;
    unsigned long refused = 0;
    if ((st = cli_each_input(o, r, CLI_REPORT, advise, ctx, paths, n, &refused)))
        return st;
    int md = ctx->ao.format == CF_ADVICE_MD;
    static const struct {
        cf_advice_format f;
        const char *name;
    } index[] = {{CF_ADVICE_HTML, "index.html"}, {CF_ADVICE_MD, "index.md"}, {CF_ADVICE_JSON, "index.json"}};
    for (size_t k = 0; k < sizeof index / sizeof index[0] && !st; k++) {
        if (index[k].f != CF_ADVICE_JSON && (index[k].f == CF_ADVICE_MD) != md)
            continue;
        char *s = NULL;
        size_t len = 0;
        if (!(st = cf_caseload_write(ctx->cl, index[k].f, &s, &len)))
            st = cli_page_write(&ctx->pages, index[k].name, s, len);
        cf_free(s);
    }
    if (!st && !o->quiet)
        cli_error("advise", "%zu page%s, %s and index.json in %s", ctx->pages.n, ctx->pages.n == 1 ? "" : "s",
                  md ? "index.md" : "index.html", dir);
    return st ? st : refused ? CF_EINPUT : CF_OK;
}

int cmd_advise(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    const char *with[64];
    size_t nwith = 0;
    long top = -1;
    const char *dir = NULL, *previous = NULL;
    int c;
    while ((c = cli_option_next(&cli_advise, argc, argv, &o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CF_OK;
        if (c == CLI_OPT_ERROR)
            return o.opt_error ? o.opt_error : CF_EUSAGE;
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
        } else if (c == OPT_OUTPUT_DIR) {
            dir = optarg;
        } else if (c == OPT_PREVIOUS) {
            previous = optarg;
        } else if (c == 'q') {
            o.quiet = 1;
        }
    }
    static const cf_advice_format format_of[] = {CF_ADVICE_TEXT, CF_ADVICE_JSON, CF_ADVICE_MD, CF_ADVICE_HTML};
    cf_advice_format fmt = format_of[o.format_index];
    if (dir) {
        /* pages for students: HTML unless Markdown is asked for */
        if (!o.format)
            fmt = CF_ADVICE_HTML;
        if (fmt != CF_ADVICE_HTML && fmt != CF_ADVICE_MD)
            return cli_usage_error("advise", "--output-dir writes a page for each student: -f html (the default) "
                                             "or -f md, not -f %s", o.format);
        if (o.output)
            return cli_usage_error("advise", "--output-dir and --output: the pages go to the folder, the index to "
                                             "index.%s and index.json", fmt == CF_ADVICE_MD ? "md" : "html");
        if (nwith)
            return cli_usage_error("advise", "--with tries a change on one profile: give it without --output-dir");
        if (optind >= argc)
            return cli_usage_error("advise", "no profile given");
    } else if (previous) {
        return cli_usage_error("advise", "--previous is for a caseload: give --output-dir DIR too");
    } else if (argc - optind != 1) {
        return cli_usage_error("advise", argc - optind ? "one profile, or several with --output-dir DIR (a page "
                                                         "for each student and an index)"
                                                       : "expected one profile");
    } else {
        /* stdin is one profile; a stream file or a folder is a caseload */
        const char *in = argv[optind];
        int stream = strcmp(in, "-") != 0 && cli_is_stream(in);
        struct stat sb;
        if (stream || (stat(in, &sb) == 0 && S_ISDIR(sb.st_mode)))
            return cli_usage_error("advise", "%s is a %s: give --output-dir DIR for a page for each student and "
                                             "an index",
                                   in, stream ? "stream of profiles" : "folder");
    }

    cf_rubric *r = NULL;
    advise_ctx ctx = {&o, NULL, with, nwith, {fmt, top < 0 ? 5 : (size_t)top, 0, NULL, with, nwith, 0}, NULL, 0,
                      NULL, {0}};
    /* By default, what fits the screen when the text is read there, else
     * five steps; a student's page has every step */
    ctx.ao.color = fmt == CF_ADVICE_TEXT && cli_color_on(o.color, o.output);
    if (top < 0 && fmt == CF_ADVICE_TEXT && !o.output && isatty(STDOUT_FILENO)) {
        ctx.ao.top = 0;
        ctx.ao.max_lines = cli_screen_rows();
    }
    if (top < 0 && dir)
        ctx.ao.top = 0;
    unsigned long refused = 0;
    cf_status st = cli_load_rubric(&o, &r);
    ctx.r = r;
    if (!st && dir) {
        st = caseload(&ctx, &o, r, dir, previous, argv + optind, argc - optind);
    } else if (!st) {
        cli_pipeline pl;
        cli_pipeline_init(&pl, &o, r, CLI_REPORT, advise, &ctx);
        pl.refused = &refused;
        st = cli_pipeline_file(&pl, NULL, argv[optind]);
        if (!st && refused)
            st = CF_EINPUT;
    }
    char *s = ctx.s;
    size_t len = ctx.len;
    cli_out out;
    if (!st && !dir && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    if (!st || (dir && st == CF_EINPUT)) {
        cf_status kst = cli_key_write(&o);
        st = kst ? kst : st;
    }
    cli_key_drop();
    if (st == CF_ESYSTEM)
        cli_system_error("advise");
    cf_free(s);
    cf_caseload_free(ctx.cl);
    cli_pages_free(&ctx.pages);
    cf_rubric_free(r);
    return st;
}
