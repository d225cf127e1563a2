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
    {cmd_audit, &cli_audit},     {cmd_validate, &cli_validate}, {cmd_convert, &cli_convert},
    {cmd_lint, &cli_lint},
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
    cli_key_drop();   /* a command that stopped before writing its key */
    int e = cli_write_errno(stdout);
    if (e) {
        fprintf(stderr, "coderfit: error: cannot write to standard output: %s\n", strerror(e));
        return CF_ESYSTEM;
    }
    return status;
}

static int run(int argc, char **argv)
{
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

int main(int argc, char **argv)
{
    if (cf_init() != CF_OK) {
        cli_system_error(NULL);
        return CF_ESYSTEM;
    }
#ifdef CF_FAULT_INJECTION
    /* the fault-injection build (tools/fault.sh): the loop over every
     * allocation of a command, or one run where allocation N fails, which
     * must free all it allocated and close all it opened; allocations
     * while the rubric loads count only with CODERFIT_FAIL_RUBRIC */
    cli_fault_rubric_paused = !getenv("CODERFIT_FAIL_RUBRIC");
    const char *sweep = getenv("CODERFIT_FAULT_SWEEP");
    if (sweep)
        return cli_fault_sweep(sweep, run, argc, argv);
    const char *fail_at = getenv("CODERFIT_FAIL_AT");
    if (fail_at)
        cf_alloc_fail_after(strtoul(fail_at, NULL, 10));
    /* a cause named before the run, so that a test sees which message a
     * system error then gets (tools/fault.sh, loop "causes") */
    const char *cause = getenv("CODERFIT_FAULT_CAUSE");
    if (cause && strcmp(cause, "bug") == 0)
        cf_bug("a bug named by CODERFIT_FAULT_CAUSE");
    else if (cause && strcmp(cause, "limit") == 0)
        cf_limit("a limit named by CODERFIT_FAULT_CAUSE");
    long live = cf_alloc_live();
    int fds = cli_fault_open_fds();
    int st = run(argc, argv);
    cf_alloc_fail_after(0);
    if (cf_alloc_live() != live || cli_fault_open_fds() != fds) {
        fprintf(stderr, "coderfit: fault build: %ld allocations not freed, %d descriptors left open\n",
                cf_alloc_live() - live, cli_fault_open_fds() - fds);
        return 99;
    }
    return st;
#else
    return run(argc, argv);
#endif
}
