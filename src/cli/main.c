/* coderfit: the command-line front end.  One table maps each command to
 * its entry function; after a command returns, stdout is flushed and
 * checked, because a full disk is an error, not silence. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

typedef struct command {
    int (*fn)(int argc, char **argv);
    const cli_command *doc;
} command;

static const command commands[] = {
    {cmd_score, &cli_score},     {cmd_rank, &cli_rank}, {cmd_advise, &cli_advise},
    {cmd_audit, &cli_audit},     {cmd_convert, &cli_convert}, {cmd_lint, &cli_lint},
    {cmd_test, &cli_test},       {cmd_diff, &cli_diff}, {cmd_show, &cli_show},
    {cmd_schema, &cli_schema},   {cmd_template, &cli_template},
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
        fprintf(f, "  %-10s %s\n", commands[i].doc->name, commands[i].doc->summary);
    fputs("  help       print the options of a command: coderfit help COMMAND\n"
          "\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "      --version  show the program and rubric format versions\n"
          "\n"
          "Run 'coderfit COMMAND --help' or 'coderfit help COMMAND' for a command's options.\n"
          "Exit status: 0 ok, 1 check answered no, 2 usage error, 3 invalid rubric,\n"
          "4 invalid profile or input, 5 system error.\n", f);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].doc->name, name) == 0)
            return &commands[i];
    return NULL;
}

static int finish(int status)
{
    int e = cli_write_errno(stdout);
    if (e) {
        fprintf(stderr, "coderfit: error: cannot write to standard output: %s\n", strerror(e));
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
    if (strcmp(cmd, "help") == 0 && argc == 3) {
        const command *c = find_command(argv[2]);
        if (!c)
            return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
        cli_help(stdout, c->doc);
        return finish(CF_OK);
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return finish(CF_OK);
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("coderfit %s (rubric format %s, profile format %s)\n", CF_VERSION, CF_RUBRIC_FORMAT,
               CF_PROFILE_FORMAT);
        return finish(CF_OK);
    }
    const command *c = find_command(cmd);
    if (c)
        return finish(c->fn(argc - 1, argv + 1));
    if (cmd[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", cmd);
    return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
