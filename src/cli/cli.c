/* What every command shares: messages (one write each, control characters
 * shown as '?'), the option table behind each command's parser and --help,
 * the options every command takes, and the printing of diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include "cli.h"

void cli_opts_init(cli_opts *o)
{
    memset(o, 0, sizeof *o);
    o->as_of = cf_today();
    o->max_input = CF_DEFAULT_MAX_INPUT;
    /* a team's own rubric, for every command that scores; -r wins */
    const char *env = getenv("CODERFIT_RUBRIC");
    if (env && *env)
        o->rubric = env;
    opterr = 0;
    optind = 1;     /* getopt starts again at the first argument */
}

/* ---- messages ------------------------------------------------------------- */

/* Every message goes to stderr through put(): after what is already
 * written to stdout, so that the two stay in order when they go to one log
 * (2>&1); in one write under one lock (the workers of rank write theirs
 * too), clearing rank's progress line first; control characters shown as
 * '?' (cf_text_shown). */
static pthread_mutex_t msg_mu = PTHREAD_MUTEX_INITIALIZER;
static int progress_shown;    /* a progress line is on stderr */

/* head and text as one line (a progress line: drawn over itself, with no
 * newline), in one write. */
static void put(const char *head, const char *text, int progress)
{
    size_t nh = strlen(head), nt = strlen(text);
    char small[1024], *heap = NULL, *line = small;
    if (nh + nt + 6 > sizeof small && !(line = heap = cf_malloc(nh + nt + 6))) {
        line = small;
        head = "coderfit: ";
        text = "out of memory (a message was lost)";
        nh = strlen(head), nt = strlen(text);
    }
    pthread_mutex_lock(&msg_mu);
    if (!progress)
        fflush(stdout);
    size_t k = 0;
    if (progress || progress_shown) {
        memcpy(line, "\r\033[K", 4);
        k = 4;
    }
    memcpy(line + k, head, nh);
    memcpy(line + k + nh, text, nt);
    k += nh + nt;
    if (!progress && (nt == 0 || text[nt - 1] != '\n'))
        line[k++] = '\n';
    line[k] = '\0';
    fputs(line, stderr);
    if (progress)
        fflush(stderr);
    progress_shown = progress;
    pthread_mutex_unlock(&msg_mu);
    cf_free(heap);
}

void cli_progress(const char *line)
{
    put("", line, 1);
}

void cli_progress_end(void)
{
    pthread_mutex_lock(&msg_mu);
    if (progress_shown)
        fputs("\r\033[K", stderr);
    progress_shown = 0;
    pthread_mutex_unlock(&msg_mu);
}

void cli_diag(const cf_diag *dg)
{
    char *s = cf_diag_text(dg);
    put("coderfit: ", s ? s : "out of memory (a message was lost)", 0);
    cf_free(s);
}

/* fmt formatted into small (size bytes), or into a new string when it is
 * longer (the caller frees what is not small); NULL when that fails. */
static char *vformat(char *small, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

static char *vformat(char *small, size_t size, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, size, fmt, ap);
    char *s = small;
    if (n < 0)
        s = NULL;
    else if ((size_t)n >= size && (s = cf_malloc((size_t)n + 1)))
        vsnprintf(s, (size_t)n + 1, fmt, again);
    va_end(again);
    return s;
}

void cli_fail(const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(small, sizeof small, fmt, ap);
    va_end(ap);
    cf_diag dg = {(char *)file, line, col, CF_SEV_ERROR, NULL, msg ? msg : (char *)"(a message that could not be formatted)"};
    cli_diag(&dg);
    if (msg != small)
        cf_free(msg);
}

static void vmessage(const char *cmd, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void vmessage(const char *cmd, const char *fmt, va_list ap)
{
    char small[512], head[64];
    char *msg = vformat(small, sizeof small, fmt, ap);
    if (msg)
        cf_text_shown(msg);
    snprintf(head, sizeof head, "coderfit: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    put(head, msg ? msg : "(a message that could not be formatted)", 0);
    if (msg != small)
        cf_free(msg);
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

/* Whether two paths name one file: the same file when both exist, else
 * the same path once "./" and repeated slashes are dropped. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    int ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
    if (ea && eb)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (ea != eb)
        return 0;
    while (a[0] == '.' && a[1] == '/')
        a += 2;
    while (b[0] == '.' && b[1] == '/')
        b += 2;
    for (;;) {
        while (a[0] == '/' && a[1] == '/')
            a++;
        while (b[0] == '/' && b[1] == '/')
            b++;
        if (*a != *b)
            return 0;
        if (!*a)
            return 1;
        a++, b++;
    }
}

/* Before anything is read: a file written (-o, --key) must not be another
 * written file or an input, which it would replace.  1 after saying why. */
static int outputs_clash(const cli_command *cmd, const cli_opts *o, int argc, char **argv)
{
    const char *out[2] = {o->output && strcmp(o->output, "-") != 0 ? o->output : NULL, o->key};
    if (out[0] && out[1] && same_file(out[0], out[1])) {
        cli_usage_error(cmd->name, "--key and -o name the same file (%s): the key would replace the output", out[1]);
        return 1;
    }
    for (int k = 0; k < 2; k++) {
        for (int i = optind; out[k] && i < argc; i++) {
            struct stat st;
            if (strcmp(argv[i], "-") == 0 || stat(argv[i], &st) != 0 || S_ISDIR(st.st_mode) ||
                !same_file(out[k], argv[i]))
                continue;
            cli_usage_error(cmd->name, "%s names an input (%s): writing it would replace what is read",
                            k ? "--key" : "-o", argv[i]);
            return 1;
        }
    }
    return 0;
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
        return (cmd->formats && check_format(cmd, o)) || outputs_clash(cmd, o, argc, argv) ||
                       cli_key_begin(cmd->name, o)
                   ? CLI_OPT_ERROR
                   : -1;
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

int cli_getopt(int argc, char **argv, const cli_command *cmd, cli_opts *o)
{
    int c;
    while ((c = cli_option_next(cmd, argc, argv, o)) != -1) {
        if (c == CLI_OPT_HELP)
            return CF_OK;
        if (c == CLI_OPT_ERROR)
            return CF_EUSAGE;
        if (c != 0)
            return cli_usage_error(cmd->name, "unknown option '%s'", argv[optind - 1]);
    }
    return -1;
}

/* The messages of one input, at most CLI_MAX_MESSAGES of them, then how
 * many more there are (lint lists every one). */
#define CLI_MAX_MESSAGES 100

static void print_some(cf_diags *d, int errors_only)
{
    size_t shown = 0, more = 0;
    cf_diags_sort(d);   /* in the order of the lines, as lint lists them */
    const char *file = NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (errors_only && d->items[i].severity != CF_SEV_ERROR)
            continue;
        if (shown == CLI_MAX_MESSAGES) {
            more++;
            continue;
        }
        cli_diag(&d->items[i]);
        file = d->items[i].file;
        shown++;
    }
    if (more)
        cli_fail(file ? file : "-", 0, 0, "%zu more messages (only the first %d are shown)", more, CLI_MAX_MESSAGES);
    if (d->oom)
        put("coderfit: ", "out of memory (some messages were lost)", 0);
}

void cli_print_diags(cf_diags *d)
{
    print_some(d, 0);
}

void cli_print_errors(cf_diags *d)
{
    print_some(d, 1);
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

cf_status cli_check_tiers(const char *cmd, const char *opt, const cf_rubric *r, const char *const *ids,
                          size_t n, int labels, cli_tier_seen_fn seen, const void *ctx)
{
    size_t nt = cf_rubric_ntiers(r);
    for (size_t i = 0; i < n; i++) {
        int known = seen && seen(ctx, ids[i]);
        for (size_t t = 0; t < nt && !known; t++)
            known = strcmp(ids[i], cf_rubric_tier_id(r, t)) == 0 ||
                    (labels && strcasecmp(ids[i], cf_rubric_tier_label(r, t)) == 0);
        if (known)
            continue;
        char list[512] = "";
        for (size_t t = 0; t < nt; t++) {
            const char *id = cf_rubric_tier_id(r, t), *label = cf_rubric_tier_label(r, t);
            size_t at = strlen(list);
            if (labels && strcmp(id, label) != 0)
                snprintf(list + at, sizeof list - at, "%s%s \"%s\"", t ? ", " : "", id, label);
            else
                snprintf(list + at, sizeof list - at, "%s%s", t ? ", " : "", id);
        }
        return cli_usage_error(cmd, "%s: '%s' is not a tier of rubric %s (%s)%s", opt, ids[i], cf_rubric_id(r),
                               list, seen ? " nor of any report read" : "");
    }
    return CF_OK;
}

