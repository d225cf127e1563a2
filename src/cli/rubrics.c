/* The rubric a command scores with: a file, a built-in one by id, or the
 * embedded default, with what it extends read relative to it. */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

/* "a/./b" and "a/x/../b" as "a/b", in place, so that a rubric that
 * extends itself by another spelling of its name is seen to. */
static void normal_path(char *path)
{
    char *w = path + (path[0] == '/');
    const char *r = w, *end = path + strlen(path);
    char *start = w;
    while (r < end) {   /* not *r: a '/' written at w may stand where the NUL was */
        size_t n = strcspn(r, "/");
        const char *seg = r;
        r += n + (r + n < end);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.' && w > start) {
            /* the segment written last, unless it is itself ".." */
            char *prev = w - 1;
            while (prev > start && prev[-1] != '/')
                prev--;
            if (!(w - prev == 3 && prev[0] == '.' && prev[1] == '.')) {
                w = prev;
                continue;
            }
        }
        memmove(w, seg, n);
        w += n;
        *w++ = '/';
    }
    if (w > start)
        w--;        /* the last '/' */
    *w = '\0';
}

/* A rubric that another extends by path: relative to the extending one's
 * folder (to the working folder for stdin and the built-in rubrics). */
int cli_rubric_reader(void *ctx, const char *from, const char *ref, char **name, char **text, size_t *len,
                      char *err, size_t errsize)
{
    const cli_opts *o = ctx;
    const char *slash = strrchr(from, '/');
    size_t dir = ref[0] == '/' || !slash || strncmp(from, "embedded:", 9) == 0 ? 0 : (size_t)(slash - from + 1);
    char *path = cf_malloc(dir + strlen(ref) + 1);
    if (!path) {
        snprintf(err, errsize, "out of memory");
        return -1;
    }
    memcpy(path, from, dir);
    strcpy(path + dir, ref);
    normal_path(path);
    cf_status st = cli_read_input(path, o->max_input, text, len, err, errsize);
    if (st) {
        cf_free(path);
        return -1;
    }
    *name = path;
    return 0;
}

cf_status cli_rubric_text(const cli_opts *o, const char *path, char **text, size_t *len, int *builtin)
{
    char err[256];
    struct stat sb;
    *builtin = 0;
    /* -r ID: a built-in rubric, when no file has that name */
    if (strcmp(path, "-") != 0 && stat(path, &sb) != 0) {
        const char *t = cf_rubric_builtin_find(path, len);
        if (t) {
            *text = (char *)t;
            *builtin = 1;
            return CF_OK;
        }
    }
    cf_status st = cli_read_input(path, o->max_input, text, len, err, sizeof err);
    if (st) {
        /* a bare name that is neither a file nor built in: say what is */
        char ids[256] = "";
        if (!strchr(path, '/') && stat(path, &sb) != 0)
            for (size_t i = 0; i < cf_rubric_builtin_count(); i++) {
                const char *id;
                size_t n;
                cf_rubric_builtin(i, &id, &n);
                snprintf(ids + strlen(ids), sizeof ids - strlen(ids), "%s%s", i ? ", " : "", id);
            }
        if (*ids)
            cli_fail(path, 0, 0, "cannot read rubric: %s, and no rubric of that id is built in (%s)", err, ids);
        else
            cli_fail(path, 0, 0, "cannot read rubric: %s", err);
        return st == CF_ESYSTEM ? CF_ESYSTEM : CF_ERUBRIC;
    }
    return CF_OK;
}

cf_status cli_load_rubric(const cli_opts *o, cf_rubric **r)
{
    cf_diags d = {0};
    cf_status st;
    cf_alloc_fail_pause(cli_fault_rubric_paused);
    if (!o->rubric) {
        st = cf_rubric_load_default(r, &d);
    } else {
        char *text;
        size_t len;
        int builtin;
        if ((st = cli_rubric_text(o, o->rubric, &text, &len, &builtin))) {
            cf_alloc_fail_pause(0);
            return st;
        }
        st = cf_rubric_load_with(o->rubric, text, len, cli_rubric_reader, (void *)o, r, &d);
        if (!builtin)
            cf_free(text);
    }
    cf_alloc_fail_pause(0);
    /* warnings are for `coderfit lint`; scoring shows only errors */
    cli_print_errors(&d);
    cf_diags_clear(&d);
    if (st == CF_ESYSTEM)
        cli_system_error(NULL);
    return st;
}
