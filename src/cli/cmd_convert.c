/* coderfit convert: the normalised profile that scoring reads. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

static const cli_option options[] = {
    {"as-of", OPT_AS_OF, "YYYY-MM-DD", "date the derived figures count to (default: today)"},
    {"format", 'f', "FORMAT", "json (default; several inputs give an array), ndjson (one "
                              "profile per line), or jsonresume (the JSON Resume that a resume "
                              "file was read as, to correct by hand and score)"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_STRICT,
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"json", "ndjson", "jsonresume", NULL};

const cli_command cli_convert = {
    "convert", "print the normalised profile that scoring reads",
    "usage: coderfit convert [OPTION]... PROFILE...\n"
    "\n"
    "Prints each profile as the native coderfit profile that scoring reads: a\n"
    "JSON Resume mapped to the native model (recognised credentials, education\n"
    "level and field, kinds of work, stated figures), and the derived figures\n"
    "(coding months, remote months, ...) computed at the as-of date.  With\n"
    "-f jsonresume, prints what a resume file (PDF, DOCX, ODT, text, Markdown)\n"
    "was read as, a JSON Resume: correct what was misread, then score that.\n",
    options, formats,
    "Exit status: 0 ok, 2 usage error, 4 an input was invalid, 5 system error.\n"};

typedef struct convert {
    cli_list list;
    int resume;               /* -f jsonresume */
    unsigned long failed;     /* inputs with no JSON Resume form */
} convert;

static cf_status emit(void *vctx, const cli_result *res)
{
    convert *c = vctx;
    char *s;
    size_t len;
    cf_status st = c->resume ? cf_profile_resume_json(res->p, !c->list.ndjson, &s, &len)
                             : cf_profile_to_json(res->p, !c->list.ndjson, &s, &len);
    if (st == CF_EINPUT) {
        cli_fail(res->source, res->line, 0, "a coderfit profile has no JSON Resume to print (-f jsonresume "
                 "prints what a resume file or a JSON Resume was read as)");
        c->failed++;
        return CF_OK;
    }
    if (st)
        return st;
    cli_list_add(&c->list, s, len);
    cf_free(s);
    return ferror(c->list.f) ? CF_ESYSTEM : CF_OK;
}

int cmd_convert(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int done = cli_getopt(argc, argv, &cli_convert, &o);
    if (done >= 0)
        return done;
    int ndjson = o.format_index == 1;
    convert c = {.resume = o.format_index == 2};
    if (optind >= argc)
        return cli_usage_error("convert", "no profile given");
    cli_out out;
    cf_status st = cli_out_open(&out, o.output);
    if (st)
        return st;
    cli_list_begin(&c.list, out.f, ndjson, argv + optind, argc - optind);
    unsigned long failed = 0;
    st = cli_each_input(&o, NULL, CLI_READ, emit, &c, argv + optind, argc - optind, &failed);
    cli_list_end(&c.list);
    if (st) {
        cli_out_abort(&out);
        cli_system_error("convert");
        return st;
    }
    if ((st = cli_out_close(&out)))
        return st;
    return failed || c.failed ? CF_EINPUT : CF_OK;
}
