/* coderfit schema: the JSON Schema of what coderfit reads and writes. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

const cli_command cli_schema = {
    "schema", "print the JSON Schema of a profile, a rubric or an output",
    "usage: coderfit schema NAME\n"
    "\n"
    "Prints a JSON Schema (draft 2020-12).  NAME is one of:\n"
    "  profile   the native coderfit profile (what `coderfit convert` prints)\n"
    "  report    the fit report of `coderfit score -f json`\n"
    "  rubric    the rubric format (what `coderfit show -f json` prints)\n"
    "  ranking   rank -f json\n"
    "  advice    advise -f json\n"
    "  caseload  index.json of advise --output-dir\n"
    "  diff      diff -f json\n"
    "  lint      lint -f json\n"
    "  audit     audit -f json\n",
    NULL, NULL, NULL};

int cmd_schema(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        cli_help(stdout, &cli_schema);
        return CF_OK;
    }
    char names[256] = "";
    for (const char *const *n = cf_schema_names(); *n; n++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", n == cf_schema_names() ? "" : ", ", *n);
    if (argc != 2)
        return cli_usage_error("schema", "expected one schema name (%s)", names);
    if (argv[1][0] == '-')
        return cli_usage_error("schema", "unknown option '%s'", argv[1]);
    char *s;
    size_t len;
    cf_status st = cf_schema(argv[1], &s, &len);
    if (st == CF_EUSAGE)
        return cli_usage_error("schema", "unknown schema '%s' (%s)", argv[1], names);
    if (st) {
        cli_error("schema", "out of memory");
        return st;
    }
    cli_write(stdout, s, len);
    cf_free(s);
    return CF_OK;
}
