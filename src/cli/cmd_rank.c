/* coderfit rank: score files, folders and NDJSON streams on every core
 * (rank_pool.c) and rank them; or merge the NDJSON reports of shards
 * scored elsewhere. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

enum {
    OPT_TOP = 2000, OPT_MIN_SCORE, OPT_TIER, OPT_ELIGIBLE, OPT_BOM, OPT_MERGE, OPT_DEDUPE, OPT_REQUIRE,
    OPT_MIN_YEARS, OPT_SETTING, OPT_REMOTE
};

static const cli_option options[] = {
    CLI_OPTION_RUBRIC,
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), csv, json, ndjson, md, or html (one page: the "
                              "shortlist, sortable, each row opening on its report)"},
    CLI_OPTION_OUTPUT,
    {"jobs", 'j', "N", "worker threads (default: one per core)"},
    {"top", OPT_TOP, "N", "keep the best N results"},
    {"min-score", OPT_MIN_SCORE, "X", "keep results scoring at least X"},
    {"tier", OPT_TIER, "TIER", "keep results in this tier, by id or label (repeatable)"},
    {"eligible-only", OPT_ELIGIBLE, NULL, "keep results that pass every gate"},
    {"require", OPT_REQUIRE, "credential=A,B", "knock-out: set aside applicants who hold none of these "
                                               "credentials, current (repeatable: any of them)"},
    {"min-coding-years", OPT_MIN_YEARS, "N", "knock-out: set aside applicants with under N years of "
                                             "coding (coding and coding audit, each month in full)"},
    {"setting", OPT_SETTING, "S", "knock-out: set aside applicants who have not coded in setting S: "
                                  "inpatient, outpatient, profee or risk (a list, or repeatable: any of them)"},
    {"remote", OPT_REMOTE, NULL, "knock-out: set aside applicants who have not coded remotely"},
    {"dedupe", OPT_DEDUPE, NULL, "keep only the best result of each person (the same e-mail, "
                                 "phone or profile content); without it duplicates are flagged"},
    {"bom", OPT_BOM, NULL, "csv: start with a UTF-8 byte-order mark (Excel, and LibreOffice "
                           "without asking for the character set)"},
    {"merge", OPT_MERGE, NULL, "the operands are NDJSON reports (from score -f ndjson or "
                               "rank -f ndjson, e.g. shards scored on several machines): "
                               "rank them as one run would"},
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_BLIND,
    CLI_OPTION_STRICT,
    {"quiet", 'q', NULL, "no progress line, no warnings on stderr"},
    {"verbose", 'v', NULL, "also say which hidden files and folders were left alone"},
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "csv", "json", "ndjson", "md", "html", NULL};

const cli_command cli_rank = {
    "rank", "score and rank a batch: files, folders, NDJSON streams",
    "usage: coderfit rank [OPTION]... PATH...\n"
    "       coderfit rank --merge [OPTION]... REPORTS...\n"
    "\n"
    "Scores every profile in the PATHs and ranks them: files, folders (searched\n"
    "recursively for *.json, *.jsonl, *.ndjson and resume files, *.pdf, *.docx,\n"
    "*.odt, *.txt and *.md, in any case; other files are counted and named,\n"
    "hidden ones left alone), NDJSON streams (*.jsonl, *.ndjson: one profile\n"
    "per line) and - for a stream on stdin.  A stream whose first line is a\n"
    "lone { holds pretty-printed profiles one after another (jq's output, or\n"
    "files put together with cat).  A bad input is reported and counted; the\n"
    "batch goes on.  Results are sorted by tier (the rubric's order), then\n"
    "score, then source path and line, whatever the order of the inputs.\n"
    "The knock-outs (--require, --min-coding-years, --setting, --remote) apply\n"
    "first: an applicant who fails one is set aside, never ranked, and named\n"
    "with the reason (a \"Set aside\" list; rows of status \"set aside: ...\" in\n"
    "csv; set_aside in json).  Each result shows its facts: credentials with\n"
    "their status and year, years of coding and the settings, remote work,\n"
    "audited accuracy and productivity as stated, a failed gate or what holds\n"
    "it back from a tier.\n",
    options, formats,
    "The summary (text, md, json) counts inputs, scored and failed (always\n"
    "scored + failed = inputs), results per tier, the gates failed most, and\n"
    "each quality's mean and median.  Ranks number the selected results.\n"
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 4 an input failed\n"
    "(all others were still ranked), 5 system error.\n"};


/* ---- the main thread: inputs, queue, progress ------------------------------------ */

typedef struct inputs {
    rank_input *v;
    size_t n, cap;
} inputs;

static int add_input(inputs *in, const char *path, unsigned long long size)
{
    rank_input *v = cf_grow(in->v, &in->cap, in->n + 1, sizeof *v);
    if (!v)
        return -1;
    in->v = v;
    char *copy = cf_strdup(path);
    if (!copy)
        return -1;
    in->v[in->n++] = (rank_input){copy, cli_is_stream(path), size};
    return 0;
}

typedef struct walk_ctx {
    inputs *in;
    cf_ranking *rk;
    const cli_opts *o;
    char **skipped;           /* for the warning */
    size_t nskipped, cap;
} walk_ctx;

static int walk_file(void *ctx, const char *path, unsigned long long size)
{
    return add_input(((walk_ctx *)ctx)->in, path, size);
}

static int walk_skip(void *ctx, const char *path, int hidden)
{
    walk_ctx *w = ctx;
    if (hidden == CLI_SKIP_IRREGULAR) {
        /* named, and counted with the files not read */
        if (!w->o->quiet)
            cli_irregular_warning("rank", path);
        hidden = 0;
    }
    if (hidden) {
        if (w->o->verbose)
            cli_error("rank", "note: %s: hidden, left alone", path);
        return 0;
    }
    char **v = cf_grow(w->skipped, &w->cap, w->nskipped + 1, sizeof *v);
    if (!v)
        return -1;
    w->skipped = v;
    if (!(v[w->nskipped] = cf_strdup(path)))
        return -1;
    w->nskipped++;
    return cf_ranking_add_skipped(w->rk, path) ? -1 : 0;
}

static int walk_error(void *ctx, const char *path, const char *message)
{
    cli_fail(path, 0, 0, "%s", message);
    return cf_ranking_add_error(((walk_ctx *)ctx)->rk, path, 0, 0, message) ? -1 : 0;
}

static int sink_file(void *ctx, const char *s, size_t n)
{
    cli_write(ctx, s, n);
    return ferror((FILE *)ctx) ? -1 : 0;
}

static long jobs_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

/* The spill of -f json and ndjson without --top: every report is written,
 * so every one is kept, in an unlinked temporary file (gone however the
 * process ends) rather than in memory; the ranking keeps its place. */
typedef struct spill_file {
    int fd;
    unsigned long long end;
    int failed;               /* reported */
    pthread_mutex_t mu;
} spill_file;

static void spill_error(spill_file *sf, const char *what)
{
    if (!sf->failed)
        cli_error("rank", "cannot %s the temporary file of reports: %s", what, strerror(errno ? errno : EIO));
    sf->failed = 1;
    cli_system_error_said();
}

static int spill_store(void *ctx, const char *s, size_t n, unsigned long long *at)
{
    spill_file *sf = ctx;
    pthread_mutex_lock(&sf->mu);
    *at = sf->end;
    size_t done = 0;
    while (done < n) {
        ssize_t w = pwrite(sf->fd, s + done, n - done, (off_t)(sf->end + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            spill_error(sf, "write");
            break;
        }
        done += (size_t)w;
    }
    sf->end += done;
    pthread_mutex_unlock(&sf->mu);
    return done == n ? 0 : -1;
}

static int spill_load(void *ctx, unsigned long long at, char *dst, size_t n)
{
    spill_file *sf = ctx;
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(sf->fd, dst + done, n - done, (off_t)(at + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            spill_error(sf, "read");
            return -1;
        }
        done += (size_t)r;
    }
    return 0;
}

/* Opens the spill in $TMPDIR (else /tmp) and unlinks it at once. */
static int spill_open(spill_file *sf)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t len = strlen(dir) + sizeof "/coderfit-reports.XXXXXX";
    char *path = cf_malloc(len);
    if (!path) {
        cli_error("rank", "out of memory");
        return -1;
    }
    snprintf(path, len, "%s/coderfit-reports.XXXXXX", dir);
    sf->fd = mkstemp(path);
    if (sf->fd < 0) {
        cli_error("rank", "cannot make a temporary file of reports in %s: %s", dir, strerror(errno));
        cf_free(path);
        return -1;
    }
    unlink(path);
    cf_free(path);
    sf->end = 0;
    sf->failed = 0;
    pthread_mutex_init(&sf->mu, NULL);
    return 0;
}

/* --merge: every line of every operand is a report. */
typedef struct merge_ctx {
    const cli_opts *o;
    cf_ranking *rk;
    unsigned long *bad;
    unsigned long twice;      /* reports of this operand merged before */
} merge_ctx;

/* A shard given twice repeats every report: the first few are named, then
 * one line says how many more. */
#define TWICE_SHOWN 10

static cf_status merge_record(void *vctx, cli_record *rec)
{
    merge_ctx *m = vctx;
    if (cli_record_refused(rec, m->o->max_input)) {
        (*m->bad)++;
        return CF_OK;
    }
    cf_diags d = {0};
    cf_status st = cf_ranking_add_line(m->rk, rec->path, rec->line, rec->text, rec->len, &d);
    for (size_t i = 0; i < d.n; i++)
        if (strcmp(d.items[i].rule, "merged-twice") != 0 || m->twice++ < TWICE_SHOWN)
            cli_diag(&d.items[i]);
    if (d.oom)
        cli_error("rank", "out of memory (some messages were lost)");
    cf_diags_clear(&d);
    if (st == CF_EINPUT) {
        (*m->bad)++;
        st = CF_OK;
    }
    return st;
}

static cf_status merge_chunk(void *vctx, const cli_chunk *c)
{
    cli_chunk lines = *c;
    lines.mode = CF_SPLIT_LINES;
    return cli_chunk_records(&lines, ((merge_ctx *)vctx)->o->max_input, merge_record, vctx);
}

static cf_status merge_fail(void *vctx, const char *path, unsigned line, const char *message)
{
    (void)line;
    cli_fail(path, 0, 0, "%s", message);
    (*((merge_ctx *)vctx)->bad)++;
    return CF_OK;
}

static cf_status merge(const cli_opts *o, char **paths, int n, cf_ranking *rk, unsigned long *bad)
{
    merge_ctx m = {o, rk, bad, 0};
    for (int i = 0; i < n; i++) {
        m.twice = 0;
        cf_status st = cli_stream_chunks(paths[i], o->max_input, merge_chunk, merge_fail, &m);
        if (st)
            return st;
        if (m.twice > TWICE_SHOWN) {
            char msg[160];
            snprintf(msg, sizeof msg, "%lu more reports were merged before: each counted once",
                     m.twice - TWICE_SHOWN);
            cf_diag w = {paths[i], 0, 0, CF_SEV_WARNING, "merged-twice", msg};
            cli_diag(&w);
        }
    }
    return CF_OK;
}

static void free_codes(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        cf_free(v[i]);
    cf_free(v);
}

int cmd_rank(int argc, char **argv)
{
    cli_opts o;
    cli_opts_init(&o);
    cf_rank_opts ro = {0};
    cf_rank_write_opts wo = {0};
    long jobs = jobs_default();
    int merging = 0;
    const char **tiers = NULL;
    char **req = NULL;          /* --require's codes, each a copy */
    int c;
    int status = CF_OK;
    while ((c = cli_option_next(&cli_rank, argc, argv, &o)) != -1) {
        long long v;
        switch (c) {
        case CLI_OPT_HELP:
            cf_free(tiers);
            free_codes(req, ro.nrequire);
            return CF_OK;
        case CLI_OPT_ERROR:
            status = o.opt_error ? o.opt_error : CF_EUSAGE;
            goto usage;
        case 'j':
            if (!cf_whole_parse(optarg, 1, 256, &v)) {
                status = cli_usage_error("rank", "--jobs wants a number from 1 to 256, not '%s'", optarg);
                goto usage;
            }
            jobs = (long)v;
            break;
        case OPT_TOP: {
            if (!cf_whole_parse(optarg, 1, LLONG_MAX, &v)) {
                status = cli_usage_error("rank", "--top wants a positive number, not '%s'", optarg);
                goto usage;
            }
            ro.top = (size_t)v;
            break;
        }
        case OPT_MIN_SCORE:
            if (!cf_decimal_parse(optarg, strlen(optarg), 0, 100, &ro.min_score)) {
                status = cli_usage_error("rank", "--min-score wants a number from 0 to 100, not '%s'", optarg);
                goto usage;
            }
            break;
        case OPT_TIER: {
            const char **t = cf_realloc(tiers, (ro.ntiers + 1) * sizeof *t);
            if (!t) {
                cf_free(tiers);
                free_codes(req, ro.nrequire);
                return CF_ESYSTEM;
            }
            tiers = t;
            tiers[ro.ntiers++] = optarg;
            ro.tiers = tiers;
            break;
        }
        case OPT_ELIGIBLE:
            ro.eligible_only = 1;
            break;
        case OPT_REQUIRE: {
            static const char kind[] = "credential=";
            if (strncmp(optarg, kind, sizeof kind - 1) != 0 || !optarg[sizeof kind - 1]) {
                status = cli_usage_error("rank", "--require wants credential=CODE[,CODE]... (e.g. "
                                                 "credential=CPC,CCS), not '%s'", optarg);
                goto usage;
            }
            for (const char *s = optarg + sizeof kind - 1; *s;) {
                size_t n = strcspn(s, ",");
                while (n && s[n - 1] == ' ')
                    n--;
                if (n) {
                    char **nv = cf_realloc(req, (ro.nrequire + 1) * sizeof *nv);
                    if (!nv || !(nv[ro.nrequire] = cf_strndup(s, n))) {
                        req = nv ? nv : req;
                        status = CF_ESYSTEM;
                        goto usage;
                    }
                    req = nv;
                    ro.nrequire++;
                }
                s += strcspn(s, ",");
                s += *s == ',';
                s += strspn(s, " ");
            }
            ro.require = (const char *const *)req;
            break;
        }
        case OPT_MIN_YEARS:
            if (!cf_decimal_parse(optarg, strlen(optarg), 0, 80, &ro.min_coding_years)) {
                status = cli_usage_error("rank", "--min-coding-years wants a number of years from 0 to 80, "
                                                 "not '%s'", optarg);
                goto usage;
            }
            break;
        case OPT_SETTING:
            for (const char *s = optarg; *s;) {
                size_t n = strcspn(s, ",");
                char name[32];
                snprintf(name, sizeof name, "%.*s", (int)(n < 31 ? n : 31), s);
                unsigned bit = n < 31 ? cf_setting_bit(name) : 0;
                if (!bit) {
                    status = cli_usage_error("rank", "--setting: '%.*s' is not one of inpatient, outpatient, "
                                                     "profee, risk", (int)n, s);
                    goto usage;
                }
                ro.settings |= bit;
                s += n;
                s += *s == ',';
            }
            break;
        case OPT_REMOTE:
            ro.remote = 1;
            break;
        case OPT_BOM:
            wo.bom = 1;
            break;
        case OPT_MERGE:
            merging = 1;
            break;
        case OPT_DEDUPE:
            ro.dedupe = 1;
            break;
        case 'v':
            o.verbose = 1;
            break;
        }
    }
    wo.format = (cf_rank_format)o.format_index;
    if (optind >= argc) {
        status = cli_usage_error("rank", merging ? "no report file given" : "no input given");
        goto usage;
    }
    if (merging && o.blind) {
        status = cli_usage_error("rank", "--blind applies when profiles are scored: blind the shards instead");
        goto usage;
    }
    ro.keep_reports = wo.format == CF_RANK_JSON || wo.format == CF_RANK_NDJSON || wo.format == CF_RANK_HTML;
    ro.blind = o.blind ? &o.blind_key : NULL;
    spill_file sf = {.fd = -1};
    cf_spill spill = {spill_store, spill_load, &sf};
    if ((wo.format == CF_RANK_JSON || wo.format == CF_RANK_NDJSON) && !ro.top) {
        if (spill_open(&sf)) {
            cf_free(tiers);
            free_codes(req, ro.nrequire);
            return CF_ESYSTEM;
        }
        ro.spill = &spill;
    }

    cf_rubric *r = NULL;
    cf_ranking *all = cf_ranking_new(&ro);
    inputs in = {0};
    cli_out out = {0};
    cf_status st = all ? CF_OK : CF_ESYSTEM;
    unsigned long bad_lines = 0;
    if (st)
        goto done;

    if (merging) {
        st = merge(&o, argv + optind, argc - optind, all, &bad_lines);
        /* the shards' date is theirs: an --as-of that says another is a mistake */
        const char *day = cf_ranking_as_of(all);
        if (!st && o.as_of_text && day && strcmp(day, o.as_of_text) != 0) {
            st = cli_usage_error("rank", "--as-of %s: the reports were scored as of %s, and --merge keeps "
                                 "their scores (leave --as-of out, or score the profiles again)", o.as_of_text, day);
            goto done;
        }
        /* no rubric here: a tier that no shard has may be a misspelling */
        for (size_t i = 0; !st && i < ro.ntiers; i++)
            if (!cf_ranking_has_tier(all, tiers[i]))
                cli_error("rank", "warning: --tier '%s': no report read is in this tier", tiers[i]);
        goto write;
    }
    if ((st = cli_load_rubric(&o, &r)) || (st = cli_check_tiers("rank", "--tier", r, tiers, ro.ntiers, 1, NULL, NULL)))
        goto done;
    if ((st = cf_ranking_expect(all, r, o.as_of)))
        goto done;

    /* list the inputs */
    for (int i = optind; i < argc && !st; i++) {
        const char *a = argv[i];
        struct stat sb;
        if (strcmp(a, "-") == 0) {
            if (add_input(&in, a, 0))
                st = CF_ESYSTEM;
        } else if (stat(a, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            walk_ctx wc = {&in, all, &o, NULL, 0, 0};
            size_t before = in.n;
            if (cli_walk(a, walk_file, walk_skip, walk_error, &wc))
                st = CF_ESYSTEM;
            else if (in.n == before) {
                static const char none[] = CLI_NO_INPUT_FILE;
                cli_fail(a, 0, 0, "%s", none);
                if (cf_ranking_add_error(all, a, 0, 0, none))
                    st = CF_ESYSTEM;
            }
            if (!st && !o.quiet)
                cli_skipped_warning("rank", wc.skipped, wc.nskipped);
            for (size_t k = 0; k < wc.nskipped; k++)
                cf_free(wc.skipped[k]);
            cf_free(wc.skipped);
        } else if (add_input(&in, a, stat(a, &sb) == 0 ? (unsigned long long)sb.st_size : 0)) {
            st = CF_ESYSTEM;
        }
    }
    if (st)
        goto done;
    st = rank_score(&o, r, jobs, in.v, in.n, &ro, all);

write:
    if (st)
        goto done;
    if ((st = cli_out_open(&out, o.output)))
        goto done;
    wo.width = cli_out_width(&out);
    wo.color = cli_out_color(&out, o.color);
    st = cf_ranking_write(all, &wo, sink_file, out.f);
    if (st) {
        cli_out_abort(&out);
        goto done;
    }
    st = cli_out_close(&out);
    if (!st)
        st = cli_key_write(&o);
done:
    cli_key_drop();
    if (st == CF_ESYSTEM)
        cli_system_error("rank");
    int failed = all && (cf_ranking_failed(all) || bad_lines);
    for (size_t i = 0; i < in.n; i++)
        cf_free(in.v[i].path);
    cf_free(in.v);
    cf_ranking_free(all);
    cf_rubric_free(r);
    cf_free(tiers);
    free_codes(req, ro.nrequire);
    if (sf.fd >= 0) {
        close(sf.fd);
        pthread_mutex_destroy(&sf.mu);
    }
    if (st)
        return st;
    return failed ? CF_EINPUT : CF_OK;
usage:
    cf_free(tiers);
    free_codes(req, ro.nrequire);
    return status;
}
