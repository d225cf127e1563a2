/* coderfit test: run a rubric's test cases. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cli.h"


static const cli_option options[] = {
    {"format", 'f', "FORMAT", "text (default; the last line is \"N passed, N failed\"), junit or tap"},
    CLI_OPTION_OUTPUT,
    CLI_OPTION_COLOR,
    {"as-of", OPT_AS_OF, "YYYY-MM-DD", "for cases that give none (default: today)"},
    {"max-input-size", OPT_MAX_INPUT, "SIZE", "largest file accepted (default 16M)"},
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "junit", "tap", NULL};

const cli_command cli_test = {
    "test", "run a rubric's test cases",
    "usage: coderfit test [OPTION]... RUBRIC CASES...\n"
    "\n"
    "Scores the profile of each case in the CASES files (or in the *.yaml files\n"
    "of CASES folders) with RUBRIC and checks what the case expects: tier,\n"
    "eligible, score and quality ranges, gates passed and failed, the top gap.\n"
    "A profile path in a case is relative to its case file.  docs/rubric.md\n"
    "describes the case format.  A case file that cannot be read, or a case\n"
    "whose profile cannot be, is an error of its own: an <error> in JUnit\n"
    "(never an empty suite), a failing line in TAP.\n",
    options, formats,
    "Exit status: 0 every case passed, 1 a case failed or its profile could\n"
    "not be read, 2 usage error, 3 invalid rubric, 4 invalid case file,\n"
    "5 system error.\n"};


/* A formatted, allocated string (cf_free); NULL when out of memory. */
static char *why(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *why(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? cf_malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* path as seen from the case file's folder */
static char *resolve(const char *case_file, const char *path)
{
    const char *slash = strrchr(case_file, '/');
    size_t dir = path[0] == '/' || !slash ? 0 : (size_t)(slash - case_file) + 1;
    char *s = cf_malloc(dir + strlen(path) + 1);
    if (s) {
        memcpy(s, case_file, dir);
        strcpy(s + dir, path);
    }
    return s;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The errors of a case file that cannot be read, one a line, the first
 * error's position for the result: an error of its own in the results. */
static cf_status file_error(cf_case_results *rs, const char *file, const cf_diags *d, double t0)
{
    struct { char *s; size_t len; } all = {NULL, 0};
    unsigned line = 0, col = 0;
    for (size_t i = 0; i < d->n; i++) {
        const cf_diag *dg = &d->items[i];
        if (dg->severity != CF_SEV_ERROR)
            continue;
        if (!line)
            line = dg->line, col = dg->col;
        char *one = cf_diag_text(dg);
        if (!one)
            break;
        size_t n = strlen(one);
        while (n && one[n - 1] == '\n')
            n--;
        char *grown = cf_realloc(all.s, all.len + n + 2);
        if (!grown) {
            cf_free(one);
            break;
        }
        all.s = grown;
        memcpy(all.s + all.len, one, n);
        all.len += n;
        all.s[all.len++] = '\n';
        all.s[all.len] = '\0';
        cf_free(one);
    }
    cf_status st = cf_case_results_error(rs, file, NULL, line, col, now() - t0, all.s ? all.s : "invalid case file");
    cf_free(all.s);
    return st;
}

/* A case's profile, for the pipeline's callbacks. */
typedef struct case_ctx {
    const cf_cases *cs;
    size_t i;                 /* the case */
    char *failures;           /* its failed expectations, or why it could not run */
    int error;                /* it could not run */
} case_ctx;

static cf_status check_case(void *vctx, const cli_result *res)
{
    case_ctx *c = vctx;
    return cf_case_check(c->cs, c->i, res->rep, &c->failures) == CF_ESYSTEM ? CF_ESYSTEM : CF_OK;
}

/* A profile that cannot be read is the case's error: the first of its
 * problems as stderr would say it. */
static cf_status case_error(void *vctx, const char *source, unsigned line, unsigned col, const char *message,
                            const cf_diags *d)
{
    case_ctx *c = vctx;
    char *at = NULL;
    (void)line, (void)col;
    for (size_t i = 0; d && i < d->n && !at; i++)
        if (d->items[i].severity == CF_SEV_ERROR && !(at = cf_diag_text(&d->items[i])))
            return CF_ESYSTEM;
    if (at)
        c->failures = why("profile %.*s\n", (int)strcspn(at, "\n"), at);
    else
        c->failures = why("profile %s: %s\n", source, message);
    cf_free(at);
    c->error = 1;
    return c->failures ? CF_OK : CF_ESYSTEM;
}

static cf_status run_file(const cli_opts *o, const cf_rubric *r, const char *file, cf_case_results *rs, int *bad_file)
{
    char *text, err[256];
    size_t len;
    double t0 = now();
    cf_status st = cli_read_input(file, o->max_input, &text, &len, err, sizeof err);
    if (st) {
        cli_fail(file, 0, 0, "%s", err);
        *bad_file = 1;
        return st == CF_EINPUT ? cf_case_results_error(rs, file, NULL, 0, 0, now() - t0, err) : st;
    }
    cf_diags d = {0};
    cf_cases *cs = NULL;
    st = cf_cases_load(file, text, len, &cs, &d);
    cf_free(text);
    cli_print_diags(&d);
    if (st == CF_EINPUT) {
        *bad_file = 1;
        st = file_error(rs, file, &d, t0);
        cf_diags_clear(&d);
        return st;
    }
    cf_diags_clear(&d);
    if (st)
        return st;
    case_ctx cc = {cs, 0, NULL, 0};
    cli_pipeline pl;
    cli_pipeline_init(&pl, o, r, CLI_REPORT, check_case, &cc);
    pl.silent = 1;
    pl.refuse = case_error;
    for (size_t i = 0; i < cf_cases_count(cs) && !st; i++) {
        cf_case_info k = cf_case_get(cs, i);
        double t1 = now();
        cc.i = i;
        cc.failures = NULL;
        cc.error = 0;
        pl.as_of = k.has_as_of ? k.as_of : o->as_of;
        if (k.path) {
            char *source = resolve(file, k.path);
            st = source ? cli_pipeline_file(&pl, NULL, source) : CF_ESYSTEM;
            cf_free(source);
        } else {
            char *source = why("%s:%s", file, "inline");
            st = source ? cli_pipeline_text(&pl, NULL, source, k.json, strlen(k.json), 1, 0, NULL) : CF_ESYSTEM;
            cf_free(source);
        }
        if (!st && cc.error)
            st = cf_case_results_error(rs, file, k.name, k.line, k.col, now() - t1, cc.failures);
        else if (!st)
            st = cf_case_results_add(rs, file, k.name, k.line, now() - t1, cc.failures), cc.failures = NULL;
        cf_free(cc.failures);
    }
    cf_cases_free(cs);
    return st;
}

/* A case file of a folder (the walk leaves hidden ones out). */
static int yaml_name(const char *path)
{
    size_t len = strlen(path);
    return len > 5 && strcmp(path + len - 5, ".yaml") == 0;
}

typedef struct dir_ctx {
    const cli_opts *o;
    const cf_rubric *r;
    cf_case_results *rs;
    int *bad;
    cf_status st;
} dir_ctx;

static int dir_file(void *vctx, const char *path, unsigned long long size)
{
    dir_ctx *c = vctx;
    (void)size;
    c->st = run_file(c->o, c->r, path, c->rs, c->bad);
    return c->st ? -1 : 0;
}

static int dir_error(void *vctx, const char *path, const char *message)
{
    dir_ctx *c = vctx;
    cli_fail(path, 0, 0, "%s", message);
    *c->bad = 1;
    c->st = cf_case_results_error(c->rs, path, NULL, 0, 0, 0, message);
    return c->st ? -1 : 0;
}

/* A folder's *.yaml files (and its subfolders'), in name order. */
static cf_status run_dir(const cli_opts *o, const cf_rubric *r, const char *dir, cf_case_results *rs, int *bad)
{
    dir_ctx c = {o, r, rs, bad, CF_OK};
    if (cli_walk_names(dir, yaml_name, dir_file, NULL, dir_error, &c) && !c.st)
        c.st = CF_ESYSTEM;
    return c.st;
}

int cmd_test(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    int done = cli_getopt(argc, argv, &cli_test, &o);
    if (done >= 0)
        return done;
    static const cf_results_format fmts[] = {CF_RESULTS_TEXT, CF_RESULTS_JUNIT, CF_RESULTS_TAP};
    cf_results_format fmt = fmts[o.format_index];   /* the order of formats */
    if (argc - optind < 2)
        return cli_usage_error("test", "expected a rubric and at least one case file");
    o.rubric = argv[optind];
    cf_rubric *r;
    cf_status st = cli_load_rubric(&o, &r);
    if (st)
        return st;
    cf_case_results *rs = cf_case_results_new();
    int bad = 0;
    if (!rs)
        st = CF_ESYSTEM;
    else
        cf_case_results_color(rs, fmt == CF_RESULTS_TEXT && cli_color_on(o.color, o.output));
    for (int i = optind + 1; i < argc && !st; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            st = run_dir(&o, r, argv[i], rs, &bad);
        else
            st = run_file(&o, r, argv[i], rs, &bad);
    }
    cf_rubric_free(r);
    char *text = NULL;
    size_t len;
    cli_out out;
    if (!st && !(st = cf_case_results_write(rs, fmt, &text, &len)) && !(st = cli_out_open(&out, o.output))) {
        cli_write(out.f, text, len);
        st = cli_out_close(&out);
    }
    cf_free(text);
    /* a case that could not be run is not a pass */
    size_t failed = rs ? cf_case_results_failed(rs) + cf_case_results_errors(rs) : 0;
    cf_case_results_free(rs);
    if (st) {
        if (st == CF_ESYSTEM)
            cli_system_error("test");
        return st;
    }
    return bad ? CF_EINPUT : failed ? CF_NO : CF_OK;
}
