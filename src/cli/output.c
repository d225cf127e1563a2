/* Output: a command's document list (one JSON value, an array of them, or
 * NDJSON lines), and FILE written atomically (a temporary file beside it,
 * renamed over it when complete), its colour and width. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
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
        fputs("[\n", f);
}

void cli_list_add(cli_list *l, const char *s, size_t len)
{
    if (!l->ndjson) {
        if (l->count)
            fputs(",\n", l->f);
        if (len && s[len - 1] == '\n')
            len--;
    }
    fwrite(s, 1, len, l->f);
    l->count++;
}

void cli_list_end(cli_list *l)
{
    if (l->array)
        fputs(l->count ? "\n]\n" : "]\n", l->f);
    else if (!l->ndjson && l->count)
        fputc('\n', l->f);
}


cf_status cli_out_open(cli_out *out, const char *path)
{
    memset(out, 0, sizeof *out);
    if (!path || strcmp(path, "-") == 0) {
        out->f = stdout;
        return CF_OK;
    }
    size_t n = strlen(path);
    out->tmp = cf_malloc(n + 16);
    if (!out->tmp)
        return CF_ESYSTEM;
    snprintf(out->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(out->tmp);
    if (fd < 0) {
        cli_fail(path, 0, 0, "cannot write: %s", strerror(errno));
        cf_free(out->tmp);
        out->tmp = NULL;
        return CF_ESYSTEM;
    }
    /* mkstemp makes the file 0600; give it the mode a new file would get */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->f = fdopen(fd, "w");
    if (!out->f) {
        close(fd);
        unlink(out->tmp);
        cf_free(out->tmp);
        out->tmp = NULL;
        return CF_ESYSTEM;
    }
    out->path = path;
    return CF_OK;
}

cf_status cli_out_close(cli_out *out)
{
    if (!out->tmp)
        return CF_OK;   /* stdout: main flushes and checks it */
    int bad = fflush(out->f) != 0 || ferror(out->f);
    bad |= fsync(fileno(out->f)) != 0 && errno != EINVAL;
    bad |= fclose(out->f) != 0;
    out->f = NULL;
    if (bad || rename(out->tmp, out->path) != 0) {
        cli_fail(out->path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(out->tmp);
        cf_free(out->tmp);
        out->tmp = NULL;
        return CF_ESYSTEM;
    }
    cf_free(out->tmp);
    out->tmp = NULL;
    return CF_OK;
}

void cli_out_abort(cli_out *out)
{
    if (!out->tmp)
        return;
    if (out->f)
        fclose(out->f);
    unlink(out->tmp);
    cf_free(out->tmp);
    out->tmp = NULL;
    out->f = NULL;
}

int cli_out_color(const cli_out *out, cli_color c)
{
    if (c == CLI_COLOR_ALWAYS)
        return 1;
    if (c == CLI_COLOR_NEVER || out->tmp)
        return 0;
    const char *no = getenv("NO_COLOR");
    if (no && *no)
        return 0;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(out->f));
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
