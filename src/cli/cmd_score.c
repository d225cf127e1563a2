/* coderfit score: one fit report per profile. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

static const cli_option options[] = {
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), json, ndjson, md, or html (one "
                              "self-contained page for one profile)"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_BLIND,
    CLI_OPTION_STRICT,
    {"quiet", 'q', NULL, "print nothing but the reports and errors"},
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "json", "ndjson", "md", "html", NULL};
static const cf_format format_of[] = {CF_FMT_TEXT, CF_FMT_JSON, CF_FMT_NDJSON, CF_FMT_MD, CF_FMT_HTML};

const cli_command cli_score = {
    "score", "one fit report per profile",
    "usage: coderfit score [OPTION]... PROFILE...\n"
    "\n"
    "Scores each profile (a JSON Resume or a coderfit profile; - reads stdin,\n"
    "where, as in *.jsonl and *.ndjson files, one profile per line is allowed,\n"
    "or pretty-printed ones one after another when the first line is a lone {)\n"
    "and writes a fit report: total score, tier, gates, a score per quality,\n"
    "the evidence behind each criterion and the gaps that cost the most.\n",
    options, formats,
    "With -f json, one profile file gives one JSON object; several inputs, or\n"
    "stdin or a stream file, give an array.\n"
    "Exit status: 0 all scored, 2 usage error, 3 invalid rubric, 4 an input\n"
    "was invalid (the others are still reported), 5 system error.\n"};

typedef struct score_ctx {
    const cli_opts *o;
    const cf_rubric *r;
    cf_format fmt;
    cf_text_opts text;
    cli_list list;
} score_ctx;

static cf_status emit(void *vctx, cf_profile *p)
{
    score_ctx *ctx = vctx;
    cf_report *rep;
    char *s;
    size_t len;
    cf_status st = cf_score(ctx->r, p, &rep);
    if (st)
        return st;
    if ((st = cli_blind(ctx->o, rep, p))) {
        cf_report_free(rep);
        return st;
    }
    if (ctx->fmt == CF_FMT_TEXT)
        st = cf_report_text(rep, &ctx->text, &s, &len);
    else if (ctx->fmt == CF_FMT_MD)
        st = cf_report_md(rep, &s, &len);
    else if (ctx->fmt == CF_FMT_HTML && ctx->list.count)
        st = (cf_status)cli_usage_error("score", "-f html makes one page for one profile");
    else if (ctx->fmt == CF_FMT_HTML)
        st = cf_report_html(rep, &s, &len);
    else
        st = cf_report_json(rep, ctx->fmt == CF_FMT_JSON, &s, &len);
    cf_report_free(rep);
    if (st)
        return st;
    if (ctx->fmt == CF_FMT_TEXT || ctx->fmt == CF_FMT_MD || ctx->fmt == CF_FMT_HTML) {
        if (ctx->list.count++)
            cli_puts(ctx->list.f, ctx->fmt == CF_FMT_MD ? "\n---\n\n" : "\n");
        cli_write(ctx->list.f, s, len);
    } else {
        cli_list_add(&ctx->list, s, len);
    }
    cf_free(s);
    return ferror(ctx->list.f) ? CF_ESYSTEM : CF_OK;
}

int cmd_score(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int done = cli_getopt(argc, argv, &cli_score, &o);
    if (done >= 0)
        return done;
    score_ctx ctx = {0};
    ctx.fmt = format_of[o.format_index];
    if (optind >= argc)
        return cli_usage_error("score", "no profile given");
    struct stat sb;
    if (ctx.fmt == CF_FMT_HTML &&
        (argc - optind != 1 || cli_is_stream(argv[optind]) ||
         (stat(argv[optind], &sb) == 0 && S_ISDIR(sb.st_mode))))
        return cli_usage_error("score", "-f html makes one page for one profile file%s",
                               argc - optind == 1 && !cli_is_stream(argv[optind]) ? " (this is a folder)" : "");

    cf_rubric *r;
    cf_status st = cli_load_rubric(&o, &r);
    if (st)
        return st;
    cli_out out;
    if ((st = cli_out_open(&out, o.output))) {
        cf_rubric_free(r);
        return st;
    }
    ctx.r = r;
    ctx.o = &o;
    ctx.text.color = cli_out_color(&out, o.color);
    ctx.text.width = cli_out_width(&out);
    if (ctx.fmt == CF_FMT_TEXT || ctx.fmt == CF_FMT_MD || ctx.fmt == CF_FMT_HTML)
        ctx.list.f = out.f;
    else
        cli_list_begin(&ctx.list, out.f, ctx.fmt == CF_FMT_NDJSON, argv + optind, argc - optind);
    unsigned long failed = 0;
    st = cli_each_profile(&o, argv + optind, argc - optind, emit, &ctx, &failed);
    if (ctx.fmt == CF_FMT_JSON || ctx.fmt == CF_FMT_NDJSON)
        cli_list_end(&ctx.list);
    cf_rubric_free(r);
    if (st) {
        cli_out_abort(&out);
        if (st == CF_ESYSTEM)
            cli_system_error("score");
        return st;
    }
    if ((st = cli_out_close(&out)) || (st = cli_key_write(&o)))
        return st;
    return failed ? CF_EINPUT : CF_OK;
}
