/* A PDF's text, as poppler-utils' pdftohtml writes it in XML: the program
 * is run, never linked (it is GPL), without a shell, with a time limit and
 * a limit on what it may write; its stderr says why it failed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

extern char **environ;

#define NOT_INSTALLED                                                                                     \
    "reading a PDF needs pdftohtml, which is not installed (Debian: apt-get install poppler-utils); every " \
    "other format is read without it"

/* Milliseconds since some start. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cloexec_pipe(int fd[2])
{
    if (pipe(fd) != 0)
        return -1;
    fcntl(fd[0], F_SETFD, FD_CLOEXEC);
    fcntl(fd[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

cf_status cli_pdf_text(const char *path, unsigned long max, char **xml, size_t *len, char *err, size_t errsize)
{
    *xml = NULL;
    *len = 0;
    unsigned long seconds = 30;
    const char *env = getenv("CODERFIT_PDF_SECONDS");
    if (env && *env)
        seconds = strtoul(env, NULL, 10);
    /* a path that starts with '-' is not an option */
    char *arg = cf_malloc(strlen(path) + 3);
    if (!arg) {
        snprintf(err, errsize, "out of memory");
        return CF_ESYSTEM;
    }
    snprintf(arg, strlen(path) + 3, "%s%s", path[0] == '-' ? "./" : "", path);
    static char prog[] = "pdftohtml", a_xml[] = "-xml", a_i[] = "-i", a_out[] = "-stdout", a_nodrm[] = "-nodrm";
    char *argv[] = {prog, a_xml, a_i, a_out, a_nodrm, arg, NULL};
    int out[2] = {-1, -1}, errp[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    if (cloexec_pipe(out) || cloexec_pipe(errp)) {
        snprintf(err, errsize, "cannot run pdftohtml: %s", strerror(errno));
        cf_free(arg);
        for (int i = 0; i < 2; i++) {
            if (out[i] >= 0)
                close(out[i]);
            if (errp[i] >= 0)
                close(errp[i]);
        }
        return CF_ESYSTEM;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, "pdftohtml", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    cf_free(arg);
    close(out[1]);
    close(errp[1]);
    if (rc != 0) {
        close(out[0]);
        close(errp[0]);
        if (rc == ENOENT)
            snprintf(err, errsize, NOT_INSTALLED);
        else
            snprintf(err, errsize, "cannot run pdftohtml: %s", strerror(rc));
        return CF_EINPUT;
    }
    /* what it writes: the XML (at most 16 times the input limit, a PDF's
     * text is far smaller) and the start of its messages */
    size_t cap = 65536, n = 0, limit = max > (SIZE_MAX / 16) ? SIZE_MAX : (size_t)max * 16;
    char *buf = cf_malloc(cap + 1), msg[512];
    size_t nmsg = 0;
    cf_status st = buf ? CF_OK : CF_ESYSTEM;
    long long deadline = now_ms() + (long long)seconds * 1000;
    int open_out = 1, open_err = 1, timed_out = 0, too_big = 0;
    while (st == CF_OK && (open_out || open_err)) {
        struct pollfd pf[2] = {{open_out ? out[0] : -1, POLLIN, 0}, {open_err ? errp[0] : -1, POLLIN, 0}};
        long long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        int r = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (open_out && (pf[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (n == cap) {
                if (cap >= limit) {
                    too_big = 1;
                    break;
                }
                char *nb = cf_realloc(buf, cap * 2 + 1);
                if (!nb) {
                    st = CF_ESYSTEM;
                    break;
                }
                buf = nb;
                cap *= 2;
            }
            ssize_t k = read(out[0], buf + n, cap - n);
            if (k > 0)
                n += (size_t)k;
            else if (k == 0 || errno != EINTR)
                open_out = 0;
        }
        if (open_err && (pf[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            char tmp[512];
            ssize_t k = read(errp[0], tmp, sizeof tmp);
            if (k > 0) {
                size_t take = (size_t)k < sizeof msg - 1 - nmsg ? (size_t)k : sizeof msg - 1 - nmsg;
                memcpy(msg + nmsg, tmp, take);
                nmsg += take;
            } else if (k == 0 || errno != EINTR) {
                open_err = 0;
            }
        }
    }
    msg[nmsg] = '\0';
    if (timed_out || too_big || st != CF_OK)
        kill(pid, SIGKILL);
    close(out[0]);
    close(errp[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (st == CF_OK && timed_out) {
        snprintf(err, errsize, "pdftohtml took more than %lu seconds on it: stopped (CODERFIT_PDF_SECONDS sets "
                               "the limit)", seconds);
        st = CF_EINPUT;
    } else if (st == CF_OK && too_big) {
        snprintf(err, errsize, "pdftohtml wrote more than %zu bytes of it: stopped", limit);
        st = CF_EINPUT;
    } else if (st == CF_OK && WIFEXITED(status) && WEXITSTATUS(status) == 127 && !nmsg) {
        /* the program could not be run (a posix_spawn that reports it so) */
        snprintf(err, errsize, NOT_INSTALLED);
        st = CF_EINPUT;
    } else if (st == CF_OK && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        /* its last message says most: "Couldn't read xref table" */
        while (nmsg && (msg[nmsg - 1] == '\n' || msg[nmsg - 1] == '\r'))
            msg[--nmsg] = '\0';
        char *last = strrchr(msg, '\n');
        if (last && !strstr(msg, "assword"))
            memmove(msg, last + 1, strlen(last + 1) + 1);
        for (char *c = msg; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        if (strstr(msg, "assword"))
            snprintf(err, errsize, "the PDF is locked with a password: coderfit cannot open it");
        else if (*msg)
            snprintf(err, errsize, "not a PDF that can be read (pdftohtml: %s)", msg);
        else
            snprintf(err, errsize, "not a PDF that can be read (pdftohtml failed)");
        st = CF_EINPUT;
    } else if (st == CF_ESYSTEM) {
        snprintf(err, errsize, "out of memory");
    }
    if (st != CF_OK) {
        cf_free(buf);
        return st;
    }
    buf[n] = '\0';
    *xml = buf;
    *len = n;
    return CF_OK;
}
