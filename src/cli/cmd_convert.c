/* coderfit convert: the normalised profile that scoring reads. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char usage_text[] =
    "usage: coderfit convert [OPTION]... PROFILE...\n"
    "\n"
    "Prints each profile as the native coderfit profile that scoring reads: a\n"
    "JSON Resume mapped to the native model (recognised credentials, education\n"
    "level and field, kinds of work, stated figures), and the derived figures\n"
    "(coding months, remote months, ...) computed at the as-of date.\n"
    "\n"
    "Options:\n"
    "      --as-of YYYY-MM-DD    date the derived figures count to (default: today)\n"
    "  -f, --format FORMAT       json (default; several profiles give an array)\n"
    "                            or ndjson (one profile per line)\n"
    "  -o, --output FILE         write to FILE (atomically) instead of stdout\n"
    "      --max-input-size SIZE largest input accepted (default 16M)\n"
    "  -h, --help                show this help\n"
    "\n"
    "Exit status: 0 ok, 2 usage error, 4 an input was invalid, 5 system error.\n";

typedef struct convert_ctx {
    FILE *out;
    int ndjson;
    int count;
} convert_ctx;

static cf_status emit(void *vctx, cf_profile *p)
{
    convert_ctx *ctx = vctx;
    char *s;
    size_t len;
    cf_status st = cf_profile_to_json(p, !ctx->ndjson, &s, &len);
    if (st)
        return st;
    if (!ctx->ndjson) {
        fputs(ctx->count ? ",\n" : "", ctx->out);
        if (len && s[len - 1] == '\n')
            len--;
    }
    fwrite(s, 1, len, ctx->out);
    cf_free(s);
    ctx->count++;
    return ferror(ctx->out) ? CF_ESYSTEM : CF_OK;
}

int cmd_convert(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"max-input-size", required_argument, NULL, OPT_MAX_INPUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_opts o;
    cli_opts_init(&o);
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_text, stdout);
            return CF_OK;
        }
        if (c == '?')
            return cli_usage_error("convert", "unknown option '%s'", argv[optind - 1]);
        if (c == ':')
            return cli_usage_error("convert", "option '%s' needs a value", argv[optind - 1]);
        if (cli_common_option(&o, c, optarg, "convert") < 0)
            return CF_EUSAGE;
    }
    convert_ctx ctx = {0};
    if (o.format && strcmp(o.format, "ndjson") == 0)
        ctx.ndjson = 1;
    else if (o.format && strcmp(o.format, "json") != 0)
        return cli_usage_error("convert", "unknown format '%s' (json, ndjson)", o.format);
    if (optind >= argc)
        return cli_usage_error("convert", "no profile given");
    cli_out out;
    cf_status st = cli_out_open(&out, o.output);
    if (st)
        return st;
    ctx.out = out.f;
    int several = argc - optind > 1 || strcmp(argv[optind], "-") == 0 ||
                  strstr(argv[optind], ".jsonl") || strstr(argv[optind], ".ndjson");
    if (!ctx.ndjson && several)
        fputs("[\n", out.f);
    unsigned long failed = 0;
    st = cli_each_profile(&o, argv + optind, argc - optind, emit, &ctx, &failed);
    if (!ctx.ndjson && (ctx.count || several))
        fputs(several ? "\n]\n" : "\n", out.f);
    if (st) {
        cli_error("convert", "out of memory or write error");
        cli_out_abort(&out);
        return st;
    }
    if ((st = cli_out_close(&out)))
        return st;
    return failed ? CF_EINPUT : CF_OK;
}
