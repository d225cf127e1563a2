/* Output: a command's document list (one JSON value, an array of them, or
 * NDJSON lines), and FILE written atomically (a temporary file beside it,
 * renamed over it when complete, with the old file's mode and owner; the
 * target of a symbolic link; straight to a device or FIFO, and in place to
 * a file with other hard links), its colour and width. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700   /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

void cli_list_begin(cli_list *l, FILE *f, int ndjson, char **paths, int n)
{
    l->f = f;
    l->ndjson = ndjson;
    l->count = 0;
    l->array = !ndjson && (n > 1 || (n == 1 && cli_is_stream(paths[0])));
    if (l->array)
        cli_puts(f, "[\n");
}

void cli_list_add(cli_list *l, const char *s, size_t len)
{
    if (!l->ndjson) {
        if (l->count)
            cli_puts(l->f, ",\n");
        if (len && s[len - 1] == '\n')
            len--;
    }
    cli_write(l->f, s, len);
    l->count++;
}

void cli_list_end(cli_list *l)
{
    if (l->array)
        cli_puts(l->f, l->count ? "\n]\n" : "]\n");
    else if (!l->ndjson && l->count)
        cli_puts(l->f, "\n");
}


/* The temporary file being written, for the signal handler: removed on
 * any signal that ends the program by default (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT, SIGPIPE, SIGUSR1...) before the signal is raised again (unlink
 * is async-signal-safe; one output is open at a time).  A file-size limit
 * (SIGXFSZ) is made a failed write instead, which is said and cleaned up
 * as any other. */
static char pending[4096];
static volatile sig_atomic_t pending_set;

static void on_signal(int sig)
{
    if (pending_set)
        unlink(pending);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void arm(const char *tmp)
{
    static int installed;
    if (strlen(tmp) >= sizeof pending)
        return;
    pending_set = 0;
    memcpy(pending, tmp, strlen(tmp) + 1);
    pending_set = 1;
    if (!installed) {
        static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM,
                                   SIGVTALRM, SIGPROF};
        for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
            struct sigaction sa, old;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            /* a signal the caller ignores (nohup) stays ignored */
            if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
                sigaction(sigs[i], &sa, NULL);
        }
        signal(SIGXFSZ, SIG_IGN);   /* write fails with EFBIG, and says so */
        installed = 1;
    }
}

static void disarm(void)
{
    pending_set = 0;
}

/* A write failed and was named: the command adds nothing. */
static int write_reported;

/* Says that path cannot be written, once: the command's own message
 * (cli_system_error) adds no "out of memory" to it. */
static void cannot_write(const char *path, const char *why)
{
    cli_fail(path, 0, 0, "cannot write: %s", why);
    write_reported = 1;
}

/* Writes straight to path (a device, a FIFO, a file with other hard
 * links): no temporary file, nothing renamed over it. */
static cf_status open_direct(cli_out *out, const char *path, int trunc)
{
    int fd = open(path, O_WRONLY | (trunc ? O_TRUNC : 0));
    if (fd < 0 || !(out->f = fdopen(fd, "w"))) {
        cannot_write(path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return CF_ESYSTEM;
    }
    out->path = path;
    out->direct = 1;
    return CF_OK;
}

cf_status cli_out_open_mode(cli_out *out, const char *path, unsigned mode)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->f = stdout;
        return CF_OK;
    }
    /* a symbolic link is followed: its target is what is written */
    struct stat lst, st;
    int exists = stat(path, &st) == 0;
    if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        cli_fail(path, 0, 0, "cannot write: a symbolic link to nothing");
        return CF_EUSAGE;
    }
    if (exists && S_ISDIR(st.st_mode)) {
        cli_fail(path, 0, 0, "cannot write: a folder");
        return CF_EUSAGE;
    }
    if (exists && !S_ISREG(st.st_mode))
        return open_direct(out, path, 0);
    if (exists && access(path, W_OK) != 0) {
        /* a file its owner made read-only is not replaced (as cp and sort -o) */
        cannot_write(path, strerror(errno));
        return CF_ESYSTEM;
    }
    if (exists && st.st_nlink > 1)
        return open_direct(out, path, 1);   /* every name keeps seeing the file */
    char *target = exists ? realpath(path, NULL) : NULL;
    const char *real = target ? target : path;
    size_t n = strlen(real);
    out->tmp = cf_malloc(n + 16);
    out->target = cf_strdup(real);
    free(target);
    if (!out->tmp || !out->target) {
        cf_free(out->tmp);
        cf_free(out->target);
        out->tmp = out->target = NULL;
        cli_error(NULL, "out of memory");
        write_reported = 1;   /* said: the command's cli_system_error adds nothing */
        return CF_ESYSTEM;
    }
    snprintf(out->tmp, n + 16, "%s.tmp.XXXXXX", out->target);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        cannot_write(path, strerror(errno));
        cf_free(out->tmp);
        cf_free(out->target);
        out->tmp = out->target = NULL;
        return CF_ESYSTEM;
    }
    arm(out->tmp);
    if (exists) {
        /* the file keeps its mode, and its owner and group where allowed */
        fchmod(fd, st.st_mode & 07777);
        if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
            /* not allowed: the file is the writer's, as a new one would be */
        }
    } else {
        /* mkstemp makes the file 0600; give it the mode a new file would get */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, mode & ~mask);
    }
    out->f = fdopen(fd, "w");
    if (!out->f) {
        close(fd);
        cli_out_abort(out);
        cli_error(NULL, "out of memory");
        return CF_ESYSTEM;
    }
    out->path = path;
    return CF_OK;
}

cf_status cli_out_open(cli_out *out, const char *path)
{
    return cli_out_open_mode(out, path, 0666);
}

static void out_free(cli_out *out)
{
    cf_free(out->tmp);
    cf_free(out->target);
    out->tmp = out->target = NULL;
    out->f = NULL;
    out->direct = 0;
}

/* The errno of the first failed write. */
static int write_errno;

void cli_write(FILE *f, const void *s, size_t n)
{
    if (fwrite(s, 1, n, f) != n && !write_errno)
        write_errno = errno ? errno : EIO;
}

void cli_puts(FILE *f, const char *s)
{
    cli_write(f, s, strlen(s));
}

int cli_write_errno(FILE *f)
{
    errno = 0;
    if (fflush(f) != 0 && !write_errno)
        write_errno = errno ? errno : EIO;
    return ferror(f) ? (write_errno ? write_errno : EIO) : 0;
}

void cli_system_error_said(void)
{
    write_reported = 1;
}

void cli_system_error(const char *cmd)
{
    const char *what;
    switch (cf_system_cause(&what)) {
    case CF_CAUSE_BUG:
        cli_error(cmd, "internal error: %s (a bug in coderfit: please report it)", what);
        break;
    case CF_CAUSE_LIMIT:
        cli_error(cmd, "internal limit reached: %s", what);
        break;
    case CF_CAUSE_NONE:
        if (!write_reported && !ferror(stdout))
            cli_error(cmd, "out of memory");
        break;
    }
}

cf_status cli_out_close(cli_out *out)
{
    if (!out->tmp && !out->direct)
        return CF_OK;   /* stdout: main flushes and checks it */
    int e = cli_write_errno(out->f), bad = e != 0;
    if (!bad && out->tmp && fsync(fileno(out->f)) != 0 && errno != EINVAL)
        bad = 1, e = errno;
    if (fclose(out->f) != 0 && !bad)
        bad = 1, e = errno;
    out->f = NULL;
    if (!bad && out->tmp && rename(out->tmp, out->target) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad) {
        cli_fail(out->path, 0, 0, "cannot write: %s", strerror(e ? e : EIO));
        write_reported = 1;
        if (out->tmp)
            unlink(out->tmp);
        disarm();
        out_free(out);
        return CF_ESYSTEM;
    }
    disarm();
    out_free(out);
    return CF_OK;
}

void cli_out_abort(cli_out *out)
{
    if (!out->tmp && !out->direct)
        return;
    int e = out->f && ferror(out->f) ? cli_write_errno(out->f) : 0;
    if (e) {
        cli_fail(out->path, 0, 0, "cannot write: %s", strerror(e));
        write_reported = 1;
    }
    if (out->f)
        fclose(out->f);
    if (out->tmp)
        unlink(out->tmp);
    disarm();
    out_free(out);
}

/* Whether colour goes to fd, a --color of auto: a terminal, NO_COLOR
 * unset, TERM not dumb. */
static int color_auto(int fd)
{
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return 0;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fd);
}

int cli_color_on(cli_color c, const char *output)
{
    if (c == CLI_COLOR_ALWAYS)
        return 1;
    if (c == CLI_COLOR_NEVER || (output && strcmp(output, "-") != 0))
        return 0;
    return color_auto(STDOUT_FILENO);
}

int cli_out_color(const cli_out *out, cli_color c)
{
    if (c == CLI_COLOR_ALWAYS)
        return 1;
    if (c == CLI_COLOR_NEVER || out->tmp)
        return 0;
    return color_auto(fileno(out->f));
}

int cli_stderr_width(void)
{
    struct winsize ws;
    if (isatty(2) && ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    return cols && atoi(cols) > 0 ? atoi(cols) : 0;
}

int cli_out_width(const cli_out *out)
{
    struct winsize ws;
    if (!out->tmp && isatty(fileno(out->f)) && ioctl(fileno(out->f), TIOCGWINSZ, &ws) == 0 && ws.ws_col)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    if (cols && atoi(cols) > 0)
        return atoi(cols);
    return 0;
}

int cli_screen_rows(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row)
        return ws.ws_row;
    const char *rows = getenv("LINES");
    return rows && atoi(rows) > 0 ? atoi(rows) : 24;
}
