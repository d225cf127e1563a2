/* coderfit: the command-line front end.  One table maps each command to
 * its entry function; after a command returns, stdout is flushed and
 * checked, because a full disk is an error, not silence. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"score", cmd_score, "one fit report per profile"},
    {"rank", cmd_rank, "score and rank a batch: files, folders, NDJSON streams"},
    {"advise", cmd_advise, "the counselor's view: gaps worth most, advice, what-if"},
    {"audit", cmd_audit, "adverse-impact audit: rates and impact ratios by sex, race/ethnicity"},
    {"convert", cmd_convert, "print the normalised profile that scoring reads"},
    {"lint", cmd_lint, "check rubrics: every problem, with its line and column"},
    {"test", cmd_test, "run a rubric's test cases"},
    {"diff", cmd_diff, "how a rubric edit moves scores, tiers and ranks"},
    {"show", cmd_show, "print the effective rubric (yaml or json)"},
    {"schema", cmd_schema, "print the JSON Schema of a profile, a report or a rubric"},
};

static void usage(FILE *f)
{
    fputs("usage: coderfit COMMAND [OPTION]... [ARG]...\n"
          "\n"
          "Scores medical-coder applicant profiles (JSON Resume or coderfit profiles)\n"
          "against a rubric of the qualities employers look for.\n"
          "\n"
          "Commands:\n", f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "      --version  show the program and rubric format versions\n"
          "\n"
          "Run 'coderfit COMMAND --help' for a command's options.\n"
          "Exit status: 0 ok, 1 check answered no, 2 usage error, 3 invalid rubric,\n"
          "4 invalid profile or input, 5 system error.\n", f);
}

static int finish(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "coderfit: error: cannot write to standard output: %s\n", strerror(errno));
        return CF_ESYSTEM;
    }
    return status;
}

int main(int argc, char **argv)
{
    if (cf_init() != CF_OK) {
        fputs("coderfit: internal error: the importer's tables do not fit\n", stderr);
        return CF_ESYSTEM;
    }
#ifdef CF_FAULT_INJECTION
    /* the fault-injection build: allocation number N fails (tools/fault.sh) */
    const char *fail_at = getenv("CODERFIT_FAIL_AT");
    if (fail_at)
        cf_alloc_fail_after(strtoul(fail_at, NULL, 10));
#endif
    if (argc < 2) {
        usage(stderr);
        return CF_EUSAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return finish(CF_OK);
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("coderfit %s (rubric format %s, profile format %s)\n", CF_VERSION, CF_RUBRIC_FORMAT,
               CF_PROFILE_FORMAT);
        return finish(CF_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, cmd) == 0)
            return finish(commands[i].fn(argc - 1, argv + 1));
    if (cmd[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", cmd);
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
