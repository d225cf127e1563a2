/* coderfit score: one fit report per profile. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

enum { OPT_OUTPUT_DIR = 4000 };

static const cli_option options[] = {
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), json, ndjson, md, or html (one "
                              "self-contained page per profile)"},
    CLI_OPTION_OUTPUT,
    {"output-dir", OPT_OUTPUT_DIR, "DIR", "-f html: a page per profile in DIR, and index.html listing them"},
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
    "Scores each profile (a JSON Resume, a coderfit profile, or a resume file:\n"
    "PDF, Word (DOCX), OpenDocument (ODT), plain text or Markdown; - reads\n"
    "stdin, where, as in *.jsonl and *.ndjson files, one profile per line is\n"
    "allowed, or pretty-printed ones one after another when the first line is\n"
    "a lone {)\n"
    "and writes a fit report: total score, tier, gates, a score per quality,\n"
    "the evidence behind each criterion and the gaps that cost the most.\n",
    options, formats,
    "With -f json, one profile file gives one JSON object; several inputs, or\n"
    "stdin or a stream file, give an array.  With -f html, one profile gives\n"
    "one page; several (or a stream) need --output-dir, which gets a page for\n"
    "each, named after its source (with --blind, its id), and index.html.\n"
    "Exit status: 0 all scored, 2 usage error, 3 invalid rubric, 4 an input\n"
    "was invalid (the others are still reported), 5 system error.\n"};

typedef struct score_ctx {
    const cli_opts *o;
    const cf_rubric *r;
    cf_format fmt;
    cf_text_opts text;
    cli_list list;
    const char *dir;          /* --output-dir: a page per profile */
    cli_pages pages;
    cf_html_index *index;
} score_ctx;

static cf_status emit(void *vctx, const cli_result *res)
{
    score_ctx *ctx = vctx;
    const cf_report *rep = res->rep;
    char *s;
    size_t len;
    cf_status st;
    if (ctx->fmt == CF_FMT_TEXT)
        st = cf_report_text(rep, &ctx->text, &s, &len);
    else if (ctx->fmt == CF_FMT_MD)
        st = cf_report_md(rep, &s, &len);
    else if (ctx->fmt == CF_FMT_HTML && ctx->list.count && !ctx->dir)
        st = (cf_status)cli_usage_error("score", "-f html makes one page per profile: give --output-dir DIR for "
                                                 "several (index.html lists them)");
    else if (ctx->fmt == CF_FMT_HTML)
        st = cf_report_html(rep, &s, &len);
    else
        st = cf_report_json(rep, ctx->fmt == CF_FMT_JSON, &s, &len);
    if (st)
        return st;
    if (ctx->dir) {
        const char *name = cli_page_name(&ctx->pages, cf_report_source(rep), "html");
        st = !name ? CF_ESYSTEM : cf_html_index_add(ctx->index, rep, name);
        if (!st)
            st = cli_page_write(&ctx->pages, name, s, len);
        if (!st)
            ctx->list.count++;
        cf_free(s);
        return st;
    }
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
    score_ctx ctx = {0};
    int c;
    while ((c = cli_option_next(&cli_score, argc, argv, &o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CF_OK;
        if (c == CLI_OPT_ERROR)
            return o.opt_error ? o.opt_error : CF_EUSAGE;
        if (c == OPT_OUTPUT_DIR)
            ctx.dir = optarg;
    }
    ctx.fmt = format_of[o.format_index];
    if (optind >= argc)
        return cli_usage_error("score", "no profile given");
    struct stat sb;
    if (ctx.dir && ctx.fmt != CF_FMT_HTML)
        return cli_usage_error("score", "--output-dir is for -f html (a page per profile)");
    if (ctx.dir && o.output)
        return cli_usage_error("score", "--output-dir and --output: the pages go to the folder, its index to "
                                        "index.html");
    if (ctx.fmt == CF_FMT_HTML && !ctx.dir &&
        (argc - optind != 1 || cli_is_stream(argv[optind]) ||
         (stat(argv[optind], &sb) == 0 && S_ISDIR(sb.st_mode))))
        return cli_usage_error("score", "-f html makes one page per profile%s: give --output-dir DIR for a "
                                        "page each (index.html lists them)",
                               argc - optind == 1 && !cli_is_stream(argv[optind]) ? ", and this is a folder" : "");
    cf_status st;
    if (ctx.dir && (st = cli_pages_open(&ctx.pages, ctx.dir)))
        return st;

    cf_rubric *r;
    if ((st = cli_load_rubric(&o, &r))) {
        cli_pages_free(&ctx.pages);
        return st;
    }
    if (ctx.dir && !(ctx.index = cf_html_index_new())) {
        cf_rubric_free(r);
        cli_system_error("score");
        return CF_ESYSTEM;
    }
    cli_out out;
    if ((st = cli_out_open(&out, ctx.dir ? NULL : o.output))) {
        cf_rubric_free(r);
        cf_html_index_free(ctx.index);
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
    st = cli_each_input(&o, r, CLI_REPORT, emit, &ctx, argv + optind, argc - optind, &failed);
    if (ctx.fmt == CF_FMT_JSON || ctx.fmt == CF_FMT_NDJSON)
        cli_list_end(&ctx.list);
    if (!st && ctx.dir) {
        /* the index, even of none scored: it says so */
        char *s = NULL;
        size_t len = 0;
        if (!(st = cf_html_index_write(ctx.index, &s, &len)))
            st = cli_page_write(&ctx.pages, "index.html", s, len);
        cf_free(s);
        if (!st && !o.quiet)
            cli_error("score", "%zu page%s and index.html in %s", ctx.pages.n, ctx.pages.n == 1 ? "" : "s", ctx.dir);
    }
    cli_pages_free(&ctx.pages);
    cf_html_index_free(ctx.index);
    cf_rubric_free(r);
    if (st) {
        cli_key_drop();
        cli_out_abort(&out);
        if (st == CF_ESYSTEM)
            cli_system_error("score");
        return st;
    }
    if ((st = cli_out_close(&out)) || (st = cli_key_write(&o))) {
        cli_key_drop();
        if (st == CF_ESYSTEM)
            cli_system_error("score");
        return st;
    }
    return failed ? CF_EINPUT : CF_OK;
}
