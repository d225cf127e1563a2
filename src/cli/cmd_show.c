/* coderfit show: the effective rubric. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const char usage_text[] =
    "usage: coderfit show [OPTION]...\n"
    "\n"
    "Prints the rubric that scoring would use: the embedded one, or the one\n"
    "named with -r, after checking it.\n"
    "\n"
    "Options:\n"
    "  -r, --rubric FILE   the rubric (default: the embedded medical-coder rubric)\n"
    "  -f, --format FORMAT yaml (default: the rubric as written) or json (in the\n"
    "                      shape `coderfit schema rubric` describes)\n"
    "  -o, --output FILE   write to FILE (atomically) instead of stdout\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 5 system error.\n";

int cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"rubric", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_opts o;
    cli_opts_init(&o);
    cli_parse parsed = cli_getopt(argc, argv, ":r:f:o:h", longopts, "show", usage_text, &o);
    if (parsed != CLI_PARSE_OK)
        return parsed == CLI_PARSE_HELP ? CF_OK : CF_EUSAGE;
    int json = o.format && strcmp(o.format, "json") == 0;
    if (o.format && !json && strcmp(o.format, "yaml") != 0)
        return cli_usage_error("show", "unknown format '%s' (yaml, json)", o.format);
    if (optind < argc)
        return cli_usage_error("show", "unexpected argument '%s'", argv[optind]);

    const char *name = o.rubric ? o.rubric : cf_rubric_default_name;
    char *text = NULL, *owned = NULL, *out = NULL;
    size_t len, outlen;
    char err[256];
    cf_status st;
    if (o.rubric) {
        st = cli_read_input(o.rubric, o.max_input, &owned, &len, err, sizeof err);
        if (st) {
            cli_error(NULL, "%s: error: cannot read rubric: %s", o.rubric, err);
            return st == CF_ESYSTEM ? CF_ESYSTEM : CF_ERUBRIC;
        }
        text = owned;
    } else {
        text = (char *)cf_rubric_default_text(&len);
    }
    cf_diags d = {0};
    if (json) {
        st = cf_rubric_json(name, text, len, &out, &outlen, &d);
    } else {
        cf_rubric *r = NULL;
        st = cf_rubric_load(name, text, len, &r, &d);
        cf_rubric_free(r);
    }
    for (size_t i = 0; i < d.n; i++)
        if (d.items[i].severity == CF_SEV_ERROR) {
            fputs("coderfit: ", stderr);
            cf_diag_print(stderr, &d.items[i]);
        }
    cf_diags_clear(&d);
    cli_out o2;
    if (!st && !(st = cli_out_open(&o2, o.output))) {
        if (json)
            fwrite(out, 1, outlen, o2.f);
        else
            fwrite(text, 1, len, o2.f);
        st = cli_out_close(&o2);
    }
    cf_free(out);
    cf_free(owned);
    return st;
}
