/* coderfit show: the effective rubric. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const cli_option options[] = {
    CLI_OPTION_RUBRIC,
    {"format", 'f', "FORMAT", "yaml (default: the rubric as written) or json (in the shape "
                              "`coderfit schema rubric` describes)"},
    CLI_OPTION_OUTPUT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"yaml", "json", NULL};

const cli_command cli_show = {
    "show", "print the effective rubric (yaml or json)",
    "usage: coderfit show [OPTION]...\n"
    "\n"
    "Prints the rubric that scoring would use: the embedded one, or the one\n"
    "named with -r, after checking it.\n",
    options, formats,
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 5 system error.\n"};

int cmd_show(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int done = cli_getopt(argc, argv, &cli_show, &o);
    if (done >= 0)
        return done;
    int json = o.format_index == 1;
    if (optind < argc)
        return cli_usage_error("show", "unexpected argument '%s'", argv[optind]);

    const char *name = o.rubric ? o.rubric : cf_rubric_default_name;
    char *text = NULL, *owned = NULL, *out = NULL;
    size_t len, outlen;
    cf_status st;
    if (o.rubric) {
        int builtin;
        if ((st = cli_rubric_text(&o, o.rubric, &text, &len, &builtin)))
            return st;
        if (!builtin)
            owned = text;
    } else {
        text = (char *)cf_rubric_default_text(&len);
    }
    cf_diags d = {0};
    st = cf_rubric_show(name, text, len, cli_rubric_reader, &o, json, &out, &outlen, &d);
    cli_print_errors(&d);
    cf_diags_clear(&d);
    cli_out o2;
    if (!st && !(st = cli_out_open(&o2, o.output))) {
        cli_write(o2.f, out, outlen);
        st = cli_out_close(&o2);
    }
    cf_free(out);
    cf_free(owned);
    return st;
}
