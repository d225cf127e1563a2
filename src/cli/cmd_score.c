/* coderfit score: one fit report per profile. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char usage_text[] =
    "usage: coderfit score [OPTION]... PROFILE...\n"
    "\n"
    "Scores each profile (a JSON Resume or a coderfit profile; - reads stdin,\n"
    "where, as in *.jsonl and *.ndjson files, one profile per line is allowed)\n"
    "and writes a fit report: total score, tier, gates, a score per quality,\n"
    "the evidence behind each criterion and the gaps that cost the most.\n"
    "\n"
    "Options:\n"
    "  -r, --rubric FILE         rubric to score with (default: the embedded\n"
    "                            medical-coder rubric)\n"
    "      --as-of YYYY-MM-DD    date that every date rule counts from (default: today)\n"
    "  -f, --format FORMAT       text (default), json or ndjson\n"
    "  -o, --output FILE         write to FILE (atomically) instead of stdout\n"
    "      --color WHEN          colour text output: auto (default), always, never\n"
    "      --max-input-size SIZE largest input accepted, e.g. 512K, 16M (default 16M)\n"
    "  -q, --quiet               print nothing but the reports and errors\n"
    "  -h, --help                show this help\n"
    "\n"
    "With -f json, one profile gives one JSON object and several give an array.\n"
    "Exit status: 0 all scored, 2 usage error, 3 invalid rubric, 4 an input\n"
    "was invalid (the others are still reported), 5 system error.\n";

typedef struct score_ctx {
    const cf_rubric *r;
    FILE *out;
    cf_format fmt;
    cf_text_opts text;
    int count;
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
    if (ctx->fmt == CF_FMT_TEXT)
        st = cf_report_text(rep, &ctx->text, &s, &len);
    else
        st = cf_report_json(rep, ctx->fmt == CF_FMT_JSON, &s, &len);
    cf_report_free(rep);
    if (st)
        return st;
    if (ctx->count && ctx->fmt == CF_FMT_TEXT)
        fputc('\n', ctx->out);
    if (ctx->fmt == CF_FMT_JSON) {
        /* an array when there may be several: written as it goes */
        fputs(ctx->count ? ",\n" : "", ctx->out);
        if (len && s[len - 1] == '\n')
            len--;
    }
    fwrite(s, 1, len, ctx->out);
    cf_free(s);
    ctx->count++;
    return ferror(ctx->out) ? CF_ESYSTEM : CF_OK;
}

int cmd_score(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rubric", required_argument, NULL, 'r'},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_opts o;
    cli_opts_init(&o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":r:f:o:qh", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return CF_OK;
        }
        if (c == '?')
            return cli_usage_error("score", "unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return cli_usage_error("score", "option '%s' needs a value", argv[optind - 1]);
        int r = cli_common_option(&o, c, optarg, "score");
        if (r < 0)
            return CF_EUSAGE;
    }
    score_ctx ctx = {0};
    if (!o.format || strcmp(o.format, "text") == 0)
        ctx.fmt = CF_FMT_TEXT;
    else if (strcmp(o.format, "json") == 0)
        ctx.fmt = CF_FMT_JSON;
    else if (strcmp(o.format, "ndjson") == 0)
        ctx.fmt = CF_FMT_NDJSON;
    else
        return cli_usage_error("score", "unknown format '%s' (text, json, ndjson)", o.format);
    if (optind >= argc)
        return cli_usage_error("score", "no profile given");

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
    ctx.out = out.f;
    ctx.text.color = cli_out_color(&out, o.color);
    ctx.text.width = cli_out_width(&out);

    int several = argc - optind > 1 || strcmp(argv[optind], "-") == 0 ||
                  strstr(argv[optind], ".jsonl") || strstr(argv[optind], ".ndjson");
    /* -f json: an array unless exactly one file was named; the array is
     * opened lazily so that one profile from a single file stays an object. */
    if (ctx.fmt == CF_FMT_JSON && several)
        fputs("[\n", out.f);
    unsigned long failed = 0;
    st = cli_each_profile(&o, argv + optind, argc - optind, emit, &ctx, &failed);
    if (ctx.fmt == CF_FMT_JSON && (ctx.count || several))
        fputs(several ? "\n]\n" : "\n", out.f);
    cf_rubric_free(r);
    if (st) {
        if (st == CF_ESYSTEM)
            cli_error("score", "out of memory or write error");
        cli_out_abort(&out);
        return st;
    }
    if ((st = cli_out_close(&out)))
        return st;
    return failed ? CF_EINPUT : CF_OK;
}
