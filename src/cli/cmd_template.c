/* coderfit template: a JSON Resume to fill in, with a note on each part
 * saying what the scorer reads there. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

const cli_command cli_template = {
    "template", "print a JSON Resume to fill in, with what each part should say",
    "usage: coderfit template\n"
    "\n"
    "Prints a JSON Resume (jsonresume.org) with the fields the scorer reads,\n"
    "each empty, and a note under the key \"//\" in each part (notes are never\n"
    "read).  It loads as it is: fill in what is true, delete what does not\n"
    "apply, add entries by copying one.  Dates are YYYY-MM.\n",
    NULL, NULL,
    "  coderfit template > jane.json    (then edit jane.json)\n"
    "  coderfit score jane.json\n"};

int cmd_template(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        cli_help(stdout, &cli_template);
        return CF_OK;
    }
    if (argc != 1)
        return cli_usage_error("template", argv[1][0] == '-' ? "unknown option '%s'" : "no operand expected: '%s'",
                               argv[1]);
    cli_puts(stdout, cf_resume_template);
    return fflush(stdout) == 0 && !ferror(stdout) ? CF_OK : CF_ESYSTEM;
}
