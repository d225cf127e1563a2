/* The fault-injection build's loop (make check-fault, tools/fault.sh): a
 * command run with allocation 1, 2, 3, ... failing until it completes as it
 * does without faults.  Each run is a child forked from one process that
 * has started once, so a run costs the command's work and not a sanitizer's
 * start-up; each must give the fault-free run's status and output, or exit
 * 5 saying "out of memory", and leave no allocation and no file descriptor
 * behind.  Only in a build with CF_FAULT_INJECTION. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cli.h"

int cli_fault_rubric_paused;

#ifdef CF_FAULT_INJECTION

/* What a run left behind, for the parent. */
typedef struct leftover {
    unsigned long count;      /* allocations made */
    long leaked;              /* allocations not freed */
    int fds;                  /* descriptors left open */
} leftover;

typedef struct result {
    int status;               /* the exit status; 128 + N: killed by signal N */
    int ended;                /* the run got to its end and said what it left */
    leftover left;
    char *out, *err;
    size_t nout, nerr;
} result;

int cli_fault_open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    size_t cap = 0, n = 0;
    *len = 0;
    if (!f)
        return NULL;
    for (;;) {
        if (n + 4096 > cap) {
            char *nb = realloc(b, cap = cap * 2 + 8192);
            if (!nb)
                break;
            b = nb;
        }
        size_t r = fread(b + n, 1, cap - n, f);
        if (!r)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return b;
}

/* One run of the command with allocation n failing (0: none, counted). */
static int run_once(cli_main_fn run, int argc, char **argv, unsigned long n, const char *outp,
                    const char *errp, result *res)
{
    int pfd[2];
    memset(res, 0, sizeof *res);
    fflush(stdout);
    fflush(stderr);
    if (pipe(pfd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        close(pfd[0]);
        int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fo < 0 || fe < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0)
            _exit(127);
        close(fo);
        close(fe);
        leftover left = {0, 0, 0};
        long live = cf_alloc_live();
        int fds = cli_fault_open_fds();
        cf_alloc_fail_after(n ? n : ULONG_MAX);
        int st = run(argc, argv);
        left.count = cf_alloc_count();
        cf_alloc_fail_after(0);
        left.leaked = cf_alloc_live() - live;
        left.fds = cli_fault_open_fds() - fds;
        fflush(stdout);
        fflush(stderr);
        if (write(pfd[1], &left, sizeof left) != (ssize_t)sizeof left)
            st = 126;
        /* no exit handlers: LeakSanitizer's pass over the heap would cost
         * more than the run, and the counts above stand for it */
        _exit(st);
    }
    close(pfd[1]);
    ssize_t got = read(pfd[0], &res->left, sizeof res->left);
    close(pfd[0]);
    int ws;
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR)
            return -1;
    res->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + (WIFSIGNALED(ws) ? WTERMSIG(ws) : 0);
    res->ended = got == (ssize_t)sizeof res->left;
    res->out = slurp(outp, &res->nout);
    res->err = slurp(errp, &res->nerr);
    return 0;
}

static void result_free(result *r)
{
    free(r->out);
    free(r->err);
}

static int same(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

static int says_oom(const result *r)
{
    const char *k = "out of memory";
    for (size_t i = 0; r->err && i + strlen(k) <= r->nerr; i++)
        if (memcmp(r->err + i, k, strlen(k)) == 0)
            return 1;
    return 0;
}

static void say_bad(const char *name, unsigned long n, const result *r, int want, const char *why)
{
    printf("FAIL: %s: allocation %lu: exit %d (want %d or 5)%s: ", name, n, r->status, want, why);
    for (size_t i = 0; r->err && i < r->nerr && i < 300; i++)
        putchar(r->err[i] == '\n' ? ' ' : r->err[i]);
    putchar('\n');
}

int cli_fault_sweep(const char *name, cli_main_fn run, int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");
    char ob[4096], eb[4096];
    if (!tmp || !*tmp || strlen(tmp) > 4000)
        tmp = "/tmp";
    snprintf(ob, sizeof ob, "%s/coderfit-fault-out.XXXXXX", tmp);
    snprintf(eb, sizeof eb, "%s/coderfit-fault-err.XXXXXX", tmp);
    int fo = mkstemp(ob), fe = mkstemp(eb);
    if (fo < 0 || fe < 0) {
        fprintf(stderr, "coderfit: fault loop: cannot make temporary files: %s\n", strerror(errno));
        return CF_ESYSTEM;
    }
    close(fo);
    close(fe);
    result want;
    unsigned long bad = 0, n = 0;
    if (run_once(run, argc, argv, 0, ob, eb, &want) != 0) {
        fprintf(stderr, "coderfit: fault loop: cannot run: %s\n", strerror(errno));
        unlink(ob);
        unlink(eb);
        return CF_ESYSTEM;
    }
    if (!want.ended || want.left.leaked || want.left.fds) {
        printf("FAIL: %s: without faults: %ld allocations and %d descriptors left\n", name, want.left.leaked,
               want.left.fds);
        bad++;
    }
    for (n = 1;; n++) {
        result r;
        if (run_once(run, argc, argv, n, ob, eb, &r) != 0) {
            printf("FAIL: %s: allocation %lu: cannot run: %s\n", name, n, strerror(errno));
            bad++;
            break;
        }
        /* no allocation failed: the run must be the fault-free one */
        int done = r.ended && r.left.count < n;
        int as_want = r.status == want.status && same(r.out, r.nout, want.out, want.nout) &&
                      same(r.err, r.nerr, want.err, want.nerr);
        const char *why = !r.ended ? " (it did not end)"
                          : r.left.leaked ? " with allocations not freed"
                          : r.left.fds ? " with descriptors left open"
                          : done && !as_want ? " unlike the run without faults"
                          : "";
        if (!*why && (as_want || (r.status == CF_ESYSTEM && says_oom(&r)))) {
            /* as without faults, or out of memory said */
        } else if (++bad <= 3) {
            say_bad(name, n, &r, want.status, *why ? why : r.status == CF_ESYSTEM ? " without \"out of memory\"" : "");
        }
        result_free(&r);
        if (done)
            break;
        if (n > want.left.count + 1) {
            printf("FAIL: %s: still failing after %lu allocations (%lu without faults)\n", name, n, want.left.count);
            bad++;
            break;
        }
    }
    printf("%s: %lu allocations failed one at a time, then the run completed (exit %d); %lu bad runs\n", name,
           n - 1, want.status, bad);
    result_free(&want);
    unlink(ob);
    unlink(eb);
    return bad ? CF_NO : CF_OK;
}

#endif
