#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

void cli_opts_init(cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->as_of = cf_today();
    o->max_input = CF_DEFAULT_MAX_INPUT;
    opterr = 0;
    optind = 1;     /* getopt starts again at the first argument */
}

static void vmessage(const char *cmd, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Messages go to stderr after what is already written to stdout, so that
 * the two stay in order when they go to one log (2>&1), in one write (the
 * workers of rank write theirs too), with control characters shown as '?'
 * (cf_text_shown). */
static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
    char small[512], *heap = NULL;
    const char *s = small;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small) {
        if ((heap = cf_malloc((size_t)n + 1)))
            vsnprintf(heap, (size_t)n + 1, fmt, again);
        s = heap;
    }
    va_end(again);
    if (n < 0 || !s)
        s = "(a message that could not be formatted)";
    else
        cf_text_shown(heap ? heap : small);
    fflush(stdout);
    fprintf(stderr, "coderfit: %s%s%s\n", cmd ? cmd : "", cmd ? ": " : "", s);
    cf_free(heap);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(cmd, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'coderfit %s%s--help' for more information.\n", cmd ? cmd : "", cmd ? " " : "");
    return CF_EUSAGE;
}

/* ---- options and help --------------------------------------------------- */

/* The most options a command has (rank: 19); tests/docs.sh checks that the
 * parser takes every option --help lists. */
#define CLI_MAX_OPTIONS 32

static const cli_option help_option = {"help", 'h', NULL, "show this help"};

static int is_short(int val)
{
    return val > 0 && val < 128 && ((val >= 'a' && val <= 'z') || (val >= 'A' && val <= 'Z'));
}

/* The left column of an option's help line: "  -r, --rubric FILE". */
static int option_left(const cli_option *op, char *buf, size_t size)
{
    char sh[8] = "    ";
    if (is_short(op->val))
        snprintf(sh, sizeof sh, "-%c, ", op->val);
    return snprintf(buf, size, "  %s--%s%s%s", sh, op->name, op->arg ? " " : "", op->arg ? op->arg : "");
}

/* An option's help: after the left column, each line of the text, broken
 * at spaces to stay within 79 columns; later lines start at column col
 * (plus the line's own indent). */
static void help_line(FILE *f, const cli_option *op, int col)
{
    char left[96];
    int n = option_left(op, left, sizeof left);
    fprintf(f, "%s%*s", left, col - n, "");
    int room = 79 - col > 20 ? 79 - col : 20;
    for (const char *h = op->help; *h;) {
        size_t k = strcspn(h, "\n"), indent = strspn(h, " ");
        const char *end = h + k;
        for (int first = 1; h < end; first = 0) {
            size_t lim = (size_t)room - (first ? 0 : indent), len = (size_t)(end - h);
            if (len > lim) {
                len = lim;
                while (len > 0 && h[len] != ' ')
                    len--;
                if (len == 0)
                    len = lim;
            }
            if (!first)
                fprintf(f, "%*s", col + (int)indent, "");
            fprintf(f, "%.*s\n", (int)len, h);
            h += len;
            while (h < end && *h == ' ')
                h++;
        }
        if (*h == '\n' && *++h)
            fprintf(f, "%*s", col, "");
    }
}

void cli_help(FILE *f, const cli_command *cmd)
{
    char left[96];
    int col = option_left(&help_option, left, sizeof left);
    for (const cli_option *op = cmd->options; op && op->name; op++) {
        int n = option_left(op, left, sizeof left);
        if (op->help && n > col)
            col = n;
    }
    col += 2;
    fputs(cmd->usage, f);
    if (cmd->options) {
        fputs("\nOptions:\n", f);
        for (const cli_option *op = cmd->options; op->name; op++)
            if (op->help)
                help_line(f, op, col);
        help_line(f, &help_option, col);
    }
    if (cmd->after)
        fprintf(f, "\n%s", cmd->after);
}

static int check_format(const cli_command *cmd, cli_opts *o)
{
    o->format_index = 0;
    if (!o->format)
        return 0;
    for (int i = 0; cmd->formats && cmd->formats[i]; i++)
        if (strcmp(cmd->formats[i], o->format) == 0) {
            o->format_index = i;
            return 0;
        }
    char list[128] = "";
    for (int i = 0; cmd->formats && cmd->formats[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", cmd->formats[i]);
    cli_usage_error(cmd->name, "unknown format '%s' (%s)", o->format, list);
    return -1;
}

int cli_option_next(const cli_command *cmd, int argc, char **argv, cli_opts *o)
{
    struct option longopts[CLI_MAX_OPTIONS + 2];
    char shortopts[2 * CLI_MAX_OPTIONS + 4] = ":";
    size_t n = 0, k = 1;
    for (const cli_option *op = cmd->options; op && op->name && n < CLI_MAX_OPTIONS; op++) {
        longopts[n++] = (struct option){op->name, op->arg ? required_argument : no_argument, NULL, op->val};
        if (is_short(op->val) && op->help) {
            shortopts[k++] = (char)op->val;
            if (op->arg)
                shortopts[k++] = ':';
        }
    }
    longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[n] = (struct option){NULL, 0, NULL, 0};
    shortopts[k++] = 'h';
    shortopts[k] = '\0';

    int c = getopt_long(argc, argv, shortopts, longopts, NULL);
    switch (c) {
    case -1:
        return cmd->formats && check_format(cmd, o) ? CLI_OPT_ERROR : -1;
    case 'h':
        cli_help(stdout, cmd);
        return CLI_OPT_HELP;
    case '?':
        cli_usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
        return CLI_OPT_ERROR;
    case ':':
        cli_usage_error(cmd->name, "option '%s' needs a value", argv[optind - 1]);
        return CLI_OPT_ERROR;
    }
    int r = cli_common_option(o, c, optarg, cmd->name);
    return r > 0 ? 0 : r < 0 ? CLI_OPT_ERROR : c;
}

cli_parse cli_getopt(int argc, char **argv, const cli_command *cmd, cli_opts *o)
{
    int c;
    while ((c = cli_option_next(cmd, argc, argv, o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CLI_PARSE_HELP;
        if (c == CLI_OPT_ERROR)
            return CLI_PARSE_ERROR;
        if (c != 0) {
            cli_usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
            return CLI_PARSE_ERROR;
        }
    }
    return CLI_PARSE_OK;
}

/* ---- document lists ----------------------------------------------------- */


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

void cli_print_diags(const cf_diags *d)
{
    if (d->n || d->oom)
        fflush(stdout);
    for (size_t i = 0; i < d->n; i++) {
        fputs("coderfit: ", stderr);
        cf_diag_print(stderr, &d->items[i]);
    }
    if (d->oom)
        fputs("coderfit: out of memory (some messages were lost)\n", stderr);
}

cf_status cli_profile_checked(const cli_opts *o, cf_profile **p, cf_diags *d, int print)
{
    cf_status st = CF_OK;
    if (*p && o->strict && cf_profile_warnings(*p)) {
        for (size_t i = 0; i < d->n; i++)
            d->items[i].severity = CF_SEV_ERROR;
        cf_profile_free(*p);
        *p = NULL;
        st = CF_EINPUT;
    }
    /* a profile read has warnings only: -q keeps them to the reports */
    if (print && !(o->quiet && st == CF_OK))
        cli_print_diags(d);
    return st;
}

int cli_common_option(cli_opts *o, int c, const char *arg, const char *cmd)
{
    switch (c) {
    case 'r':
        o->rubric = arg;
        return 1;
    case 'f':
        o->format = arg;
        return 1;
    case 'o':
        o->output = arg;
        return 1;
    case 'q':
        o->quiet = 1;
        return 1;
    case OPT_AS_OF:
        if (cf_date_parse_day(arg, &o->as_of)) {
            cli_usage_error(cmd, "--as-of wants a date as YYYY-MM-DD, not '%s'", arg);
            return -1;
        }
        o->as_of_text = arg;
        return 1;
    case OPT_COLOR:
        if (strcmp(arg, "auto") == 0)
            o->color = CLI_COLOR_AUTO;
        else if (strcmp(arg, "always") == 0)
            o->color = CLI_COLOR_ALWAYS;
        else if (strcmp(arg, "never") == 0)
            o->color = CLI_COLOR_NEVER;
        else {
            cli_usage_error(cmd, "--color wants auto, always or never, not '%s'", arg);
            return -1;
        }
        return 1;
    case OPT_BLIND:
        o->blind = 1;
        return 1;
    case OPT_STRICT:
        o->strict = 1;
        return 1;
    case OPT_KEY:
        o->key = arg;
        o->blind = 1;
        return 1;
    case OPT_MAX_INPUT: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        unsigned long long mult = 1;
        if (*end == 'k' || *end == 'K')
            mult = 1024, end++;
        else if (*end == 'm' || *end == 'M')
            mult = 1024 * 1024, end++;
        else if (*end == 'g' || *end == 'G')
            mult = 1024ULL * 1024 * 1024, end++;
        if (errno || end == arg || *end || v == 0 || v > (1ULL << 40) / mult || arg[0] == '-') {
            cli_usage_error(cmd, "--max-input-size wants a size such as 16M, not '%s'", arg);
            return -1;
        }
        o->max_input = (unsigned long)(v * mult);
        return 1;
    }
    default:
        return 0;
    }
}

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
            cli_error(NULL, "%s: error: cannot read rubric: %s, and no rubric of that id is built in (%s)", path,
                      err, ids);
        else
            cli_error(NULL, "%s: error: cannot read rubric: %s", path, err);
        return st == CF_ESYSTEM ? CF_ESYSTEM : CF_ERUBRIC;
    }
    return CF_OK;
}

cf_status cli_load_rubric(const cli_opts *o, cf_rubric **r)
{
    cf_diags d = {0};
    cf_status st;
    if (!o->rubric) {
        st = cf_rubric_load_default(r, &d);
    } else {
        char *text;
        size_t len;
        int builtin;
        if ((st = cli_rubric_text(o, o->rubric, &text, &len, &builtin)))
            return st;
        st = cf_rubric_load_with(o->rubric, text, len, cli_rubric_reader, (void *)o, r, &d);
        if (!builtin)
            cf_free(text);
    }
    /* warnings are for `coderfit lint`; scoring shows only errors */
    for (size_t i = 0; i < d.n; i++)
        if (d.items[i].severity == CF_SEV_ERROR) {
            fputs("coderfit: ", stderr);
            cf_diag_print(stderr, &d.items[i]);
        }
    cf_diags_clear(&d);
    if (st == CF_ESYSTEM)
        cli_error(NULL, "out of memory");
    return st;
}

cf_status cli_check_tiers(const char *cmd, const char *opt, const cf_rubric *r, const char *const *ids,
                          size_t n, cli_tier_seen_fn seen, const void *ctx)
{
    size_t nt = cf_rubric_ntiers(r);
    for (size_t i = 0; i < n; i++) {
        int known = seen && seen(ctx, ids[i]);
        for (size_t t = 0; t < nt && !known; t++)
            known = strcmp(ids[i], cf_rubric_tier_id(r, t)) == 0;
        if (known)
            continue;
        char list[512] = "";
        for (size_t t = 0; t < nt; t++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", t ? ", " : "", cf_rubric_tier_id(r, t));
        return cli_usage_error(cmd, "%s: '%s' is not a tier of rubric %s (%s)%s", opt, ids[i], cf_rubric_id(r),
                               list, seen ? " nor of any report read" : "");
    }
    return CF_OK;
}

/* ---- output ---------------------------------------------------------------- */

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
        cli_error(NULL, "%s: error: cannot write: %s", path, strerror(errno));
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
        cli_error(NULL, "%s: error: cannot write: %s", out->path, strerror(errno));
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

/* ---- profiles ------------------------------------------------------------- */

/* One profile, from parse to output, in the arena (all it allocates is
 * released at once when it is done).  *json_err (when given): the line of a
 * JSON syntax error, else 0. */
static cf_status one_profile(const cli_opts *o, cf_arena *a, const char *source, const char *text,
                             size_t len, unsigned first_line, const char *name, cli_profile_fn fn,
                             void *ctx, unsigned long *failed, unsigned *json_err)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
    cf_status st = CF_OK;
    if (json_err)
        *json_err = 0;
    if (o->doc_fn && o->doc_fn(ctx, source, name, text, len, first_line, failed, &st))
        return st;
    cf_arena_enter(a);
    st = cf_profile_parse(source, text, len, first_line, o->as_of, &p, &d);
    if (st == CF_OK)
        st = cli_profile_checked(o, &p, &d, 1);
    else
        cli_print_diags(&d);
    if (st == CF_EINPUT) {
        if (json_err)
            *json_err = cli_json_error_line(&d);
        (*failed)++;
        st = CF_OK;
    } else if (st == CF_OK) {
        /* a record in a stream is named by its line */
        if (name && cf_profile_set_source(p, name))
            st = CF_ESYSTEM;
        else
            st = fn(ctx, p);
    }
    cf_profile_free(p);
    cf_diags_clear(&d);
    cf_arena_leave();
    cf_arena_reset(a);
    return st;
}

/* A stream: one profile per line, or pretty-printed ones one after another
 * (cf_split_mode_of), read a chunk at a time.  A stream of one profile is
 * named after the stream. */
typedef struct stream_ctx {
    const cli_opts *o;
    cf_arena *a;
    cli_profile_fn fn;
    void *ctx;
    unsigned long *failed;
    unsigned long records;
    int unread;               /* the stream could not be opened or read */
} stream_ctx;

static cf_status stream_record(void *vctx, cli_record *rec)
{
    stream_ctx *s = vctx;
    s->records++;
    if (cli_record_refused(rec, s->o->max_input)) {
        (*s->failed)++;
        return CF_OK;
    }
    char name[4200];
    snprintf(name, sizeof name, "%s:%u", rec->path, rec->line);
    return one_profile(s->o, s->a, rec->path, rec->text, rec->len, rec->line, rec->alone ? NULL : name, s->fn,
                       s->ctx, s->failed, &rec->json_err);
}

static cf_status stream_chunk(void *vctx, const cli_chunk *c)
{
    return cli_chunk_records(c, ((stream_ctx *)vctx)->o->max_input, stream_record, vctx);
}

static cf_status stream_fail(void *vctx, const char *path, unsigned line, const char *message)
{
    stream_ctx *s = vctx;
    (void)line;
    cli_error(NULL, "%s: error: %s", path, message);
    s->unread = 1;
    (*s->failed)++;
    return CF_OK;
}

static cf_status each_record(const cli_opts *o, cf_arena *a, const char *path, cli_profile_fn fn, void *ctx,
                             unsigned long *failed)
{
    stream_ctx s = {o, a, fn, ctx, failed, 0, 0};
    cf_status st = cli_stream_chunks(path, o->max_input, stream_chunk, stream_fail, &s);
    if (st == CF_OK && !s.records && !s.unread) {
        cli_error(NULL, "%s:1:1: error: empty input (no JSON value) [json]", path);
        (*failed)++;
    }
    return st;
}

/* One input: a file with one profile, or a stream of them. */
static cf_status each_input(const cli_opts *o, cf_arena *a, const char *path, cli_profile_fn fn,
                            void *ctx, unsigned long *failed)
{
    if (cli_is_stream(path))
        return each_record(o, a, path, fn, ctx, failed);
    char *text;
    size_t len;
    char err[256];
    cf_status st = cli_read_input(path, o->max_input, &text, &len, err, sizeof err);
    if (st) {
        cli_error(NULL, "%s: error: %s", path, err);
        if (st != CF_EINPUT)
            return st;
        (*failed)++;
        return CF_OK;
    }
    st = one_profile(o, a, path, text, len, 1, NULL, fn, ctx, failed, NULL);
    cf_free(text);
    return st;
}

typedef struct each_ctx {
    const cli_opts *o;
    cf_arena *a;
    cli_profile_fn fn;
    void *ctx;
    unsigned long *failed;
    cf_status st;
    unsigned long found;      /* profile files found in the folder */
} each_ctx;

static int each_file(void *vctx, const char *path, unsigned long long size)
{
    each_ctx *e = vctx;
    (void)size;
    e->found++;
    e->st = each_input(e->o, e->a, path, e->fn, e->ctx, e->failed);
    return e->st ? -1 : 0;
}

static int each_error(void *vctx, const char *path, const char *message)
{
    each_ctx *e = vctx;
    cli_error(NULL, "%s: error: %s", path, message);
    (*e->failed)++;
    return 0;
}

cf_status cli_each_profile(const cli_opts *o, char **paths, int n, cli_profile_fn fn,
                           void *ctx, unsigned long *failed)
{
    each_ctx e = {o, cf_arena_new(), fn, ctx, failed, CF_OK, 0};
    if (!e.a)
        return CF_ESYSTEM;
    for (int i = 0; i < n && !e.st; i++) {
        struct stat sb;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            e.found = 0;
            if (cli_walk(paths[i], each_file, each_error, &e) && !e.st)
                e.st = CF_ESYSTEM;
            if (!e.st && !e.found) {
                cli_error(NULL, "%s: error: no *.json, *.jsonl or *.ndjson file in this folder", paths[i]);
                (*failed)++;
            }
        } else {
            e.st = each_input(o, e.a, paths[i], fn, ctx, failed);
        }
    }
    cf_arena_free(e.a);
    return e.st;
}

/* ---- blind review ------------------------------------------------------------ */

static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static char **key_lines;        /* "id,source" */
static size_t key_n, key_cap;
static int key_oom;

cf_status cli_blind(const cli_opts *o, cf_report *rep, const cf_profile *p)
{
    if (!o->blind)
        return CF_OK;
    char *source = NULL;
    if (o->key) {
        /* kept outside any arena: the key is written at the end */
        cf_arena *a = cf_arena_current();
        cf_arena_leave();
        /* "ID SOURCE": the id has no space; the source is quoted when written */
        const char *src = cf_profile_source(p);
        size_t n = strlen(src);
        source = cf_malloc(CF_BLIND_ID_SIZE + n + 1);
        if (source) {
            cf_blind_id(src, source);
            size_t k = strlen(source);
            source[k] = ' ';
            memcpy(source + k + 1, src, n + 1);
        }
        pthread_mutex_lock(&key_mu);
        if (source && key_n == key_cap) {
            size_t cap = key_cap ? key_cap * 2 : 64;
            char **v = cf_realloc(key_lines, cap * sizeof *v);
            if (v) {
                key_lines = v;
                key_cap = cap;
            }
        }
        if (source && key_n < key_cap)
            key_lines[key_n++] = source;
        else {
            cf_free(source);
            key_oom = 1;
        }
        pthread_mutex_unlock(&key_mu);
        if (a)
            cf_arena_enter(a);
        if (key_oom)
            return CF_ESYSTEM;
    }
    return cf_report_blind(rep, p);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

cf_status cli_key_write(const cli_opts *o)
{
    cf_status st = key_oom ? CF_ESYSTEM : CF_OK;
    if (o->key && !st) {
        qsort(key_lines, key_n, sizeof *key_lines, cmp_line);
        cli_out out;
        if (!(st = cli_out_open(&out, o->key))) {
            fputs("id,source\n", out.f);
            for (size_t i = 0; i < key_n; i++) {
                if (i && strcmp(key_lines[i], key_lines[i - 1]) == 0)
                    continue;
                const char *sp = strchr(key_lines[i], ' ');
                fprintf(out.f, "%.*s,\"%s", (int)(sp - key_lines[i]), key_lines[i],
                        cf_csv_formula_like(sp + 1) ? "'" : "");
                for (const char *c = sp + 1; *c; c++) {
                    if (*c == '"')
                        putc('"', out.f);
                    putc(*c, out.f);
                }
                fputs("\"\n", out.f);
            }
            st = cli_out_close(&out);
        }
    }
    for (size_t i = 0; i < key_n; i++)
        cf_free(key_lines[i]);
    cf_free(key_lines);
    key_lines = NULL;
    key_n = key_cap = 0;
    return st;
}
