/* coderfit rank: score files, folders and NDJSON streams on every core and
 * rank them; or merge the NDJSON reports of shards scored elsewhere.
 *
 * The main thread lists the inputs, reads streams in chunks of whole lines
 * and queues them (a bounded queue, so memory stays flat); workers score
 * and keep what the output needs in rankings of their own, which are
 * merged at the end.  The output is sorted, so it never depends on timing. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

enum { OPT_TOP = 2000, OPT_MIN_SCORE, OPT_TIER, OPT_ELIGIBLE, OPT_BOM, OPT_MERGE };

static const cli_option options[] = {
    {"rubric", 'r', "FILE", "rubric file or built-in id to score with (default: medical-coder)"},
    CLI_OPTION_AS_OF,
    {"format", 'f', "FORMAT", "text (default), csv, json, ndjson or md"},
    CLI_OPTION_OUTPUT,
    {"jobs", 'j', "N", "worker threads (default: one per core)"},
    {"top", OPT_TOP, "N", "keep the best N results"},
    {"min-score", OPT_MIN_SCORE, "X", "keep results scoring at least X"},
    {"tier", OPT_TIER, "ID", "keep results in this tier (repeatable)"},
    {"eligible-only", OPT_ELIGIBLE, NULL, "keep results that pass every gate"},
    {"bom", OPT_BOM, NULL, "csv: start with a UTF-8 byte-order mark (for Excel)"},
    {"merge", OPT_MERGE, NULL, "the operands are NDJSON reports (from score -f ndjson or "
                               "rank -f ndjson, e.g. shards scored on several machines): "
                               "rank them as one run would"},
    CLI_OPTION_COLOR,
    CLI_OPTION_MAX_INPUT,
    CLI_OPTION_BLIND,
    CLI_OPTION_STRICT,
    {"quiet", 'q', NULL, "no progress line, no warnings on stderr"},
    {NULL, 0, NULL, NULL}};

static const char *const formats[] = {"text", "csv", "json", "ndjson", "md", NULL};

const cli_command cli_rank = {
    "rank", "score and rank a batch: files, folders, NDJSON streams",
    "usage: coderfit rank [OPTION]... PATH...\n"
    "       coderfit rank --merge [OPTION]... REPORTS...\n"
    "\n"
    "Scores every profile in the PATHs and ranks them: files, folders (searched\n"
    "recursively for *.json, *.jsonl and *.ndjson), NDJSON streams (*.jsonl,\n"
    "*.ndjson: one profile per line) and - for a stream on stdin.  A stream\n"
    "whose first line is a lone { holds pretty-printed profiles one after\n"
    "another (jq's output, or files put together with cat).  A bad input is\n"
    "reported and counted; the batch goes on.  Results are sorted by score,\n"
    "then source path and line, whatever the order of the inputs.\n",
    options, formats,
    "The summary (text, md, json) counts inputs, scored and failed (always\n"
    "scored + failed = inputs), results per tier, the gates failed most, and\n"
    "each quality's mean and median.  Ranks number the selected results.\n"
    "Exit status: 0 ok, 2 usage error, 3 invalid rubric, 4 an input failed\n"
    "(all others were still ranked), 5 system error.\n"};


typedef struct input {
    char *path;
    int stream;               /* one profile per line */
    unsigned long long size;
} input;

typedef struct job {
    const input *in;          /* the file job's input, or the stream's */
    char *data;               /* a chunk of whole records, or NULL for a file job */
    size_t len, cap;
    unsigned first_line;
    cf_split_mode mode;       /* of the chunk's stream */
    struct job *next;
} job;

typedef struct pool {
    int evidence;             /* the output shows whole reports */
    pthread_mutex_t mu;
    pthread_cond_t has_job, has_room, progress;
    job *head, *tail;
    job *spare;               /* chunk jobs done, kept with their buffers:
                                 a batch reuses a fixed set of them */
    size_t queued, max_queued;
    int closed;
    int busy;                 /* jobs being worked on */
    cf_status error;          /* the first system error */
    const cli_opts *o;
    const cf_rubric *r;
    unsigned long done;       /* profiles finished, scored or failed */
    unsigned long long done_bytes;
    pthread_mutex_t err_mu;   /* one stderr line at a time */
    int drawing;              /* a progress line is drawn on stderr */
} pool;

typedef struct worker {
    pool *p;
    cf_ranking *rk;
    cf_arena *arena;
    pthread_t thread;
} worker;

/* ---- reporting a bad input --------------------------------------------------- */

/* "coderfit: FILE[:LINE:COL]: error: MESSAGE" (or warning), as one write so
 * that the lines of several threads never mix. */
static void print_message(pool *p, const char *file, unsigned line, unsigned col, const char *sev,
                          const char *msg)
{
    char pos[48] = "";
    if (line)
        snprintf(pos, sizeof pos, ":%u:%u", line, col);
    /* over the progress line, which is drawn again after it */
    const char *clear = p->drawing ? "\r\033[K" : "";
    int n = snprintf(NULL, 0, "%scoderfit: %s%s: %s: %s\n", clear, file, pos, sev, msg);
    char *s = n > 0 ? cf_malloc((size_t)n + 1) : NULL;
    if (!s)
        return;
    size_t k = strlen(clear);
    memcpy(s, clear, k);
    snprintf(s + k, (size_t)n - k, "coderfit: %s%s: %s: %s", file, pos, sev, msg);
    cf_text_shown(s + k);
    s[n - 1] = '\n';
    s[n] = '\0';
    pthread_mutex_lock(&p->err_mu);
    fputs(s, stderr);
    pthread_mutex_unlock(&p->err_mu);
    cf_free(s);
}

static void print_error(pool *p, const char *file, unsigned line, unsigned col, const char *msg)
{
    print_message(p, file, line, col, "error", msg);
}

/* The warnings of a profile that was scored: fields left out. */
static cf_status print_warnings(pool *p, const cf_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const cf_diag *dg = &d->items[i];
        size_t n = strlen(dg->message) + strlen(dg->rule) + 4;
        char *msg = cf_malloc(n);
        if (!msg)
            return CF_ESYSTEM;
        snprintf(msg, n, "%s [%s]", dg->message, dg->rule);
        print_message(p, dg->file, dg->line, dg->col, "warning", msg);
        cf_free(msg);
    }
    return CF_OK;
}

/* Records the first error of d (and prints all of them) against the
 * ranking; returns the status to carry on with. */
static cf_status record_diags(pool *p, cf_ranking *rk, const char *source, const cf_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const cf_diag *dg = &d->items[i];
        char *msg;
        size_t n = strlen(dg->message) + (dg->rule ? strlen(dg->rule) + 4 : 0) + 1;
        msg = cf_malloc(n);
        if (!msg)
            return CF_ESYSTEM;
        snprintf(msg, n, "%s%s%s%s", dg->message, dg->rule ? " [" : "", dg->rule ? dg->rule : "",
                 dg->rule ? "]" : "");
        print_error(p, dg->file, dg->line, dg->col, msg);
        cf_status st = i == 0 ? cf_ranking_add_error(rk, source, dg->line, dg->col, msg) : CF_OK;
        cf_free(msg);
        if (st)
            return st;
    }
    if (!d->n)   /* a failure with no message: still counted */
        return cf_ranking_add_error(rk, source, 0, 0, "input could not be read");
    return d->oom ? CF_ESYSTEM : CF_OK;
}

/* Scores one profile in the worker's arena; what the ranking keeps is
 * copied out of it before it is reset.  *json_err (when given): the line of
 * a JSON syntax error, else 0. */
static cf_status one(pool *p, cf_ranking *rk, cf_arena *a, const char *file, const char *text,
                     size_t len, unsigned line, const char *record_name, unsigned *json_err)
{
    cf_diags d = {0};
    cf_profile *prof = NULL;
    cf_report *rep = NULL;
    cf_arena_enter(a);
    cf_status st = cf_profile_parse(file, text, len, line, p->o->as_of, &prof, &d);
    if (st == CF_OK)
        st = cli_profile_checked(p->o, &prof, &d, 0);
    if (st == CF_OK && record_name && cf_profile_set_source(prof, record_name))
        st = CF_ESYSTEM;
    if (st == CF_OK)
        st = p->evidence ? cf_score(p->r, prof, &rep) : cf_score_figures(p->r, prof, &rep);
    if (st == CF_OK)
        st = cli_blind(p->o, rep, prof);
    cf_arena_leave();
    if (st == CF_EINPUT) {
        if (json_err)
            *json_err = cli_json_error_line(&d);
        st = record_diags(p, rk, file, &d);
    } else if (st == CF_OK) {
        st = cf_ranking_add(rk, rep);
        if (st == CF_OK && d.n && !p->o->quiet)
            st = print_warnings(p, &d);
    }
    cf_report_free(rep);
    cf_profile_free(prof);
    cf_diags_clear(&d);
    cf_arena_reset(a);
    return st;
}

typedef struct chunk_ctx {
    pool *p;
    cf_ranking *rk;
    cf_arena *a;
    unsigned long count;
} chunk_ctx;

static cf_status chunk_record(void *vctx, cli_record *rec)
{
    chunk_ctx *c = vctx;
    c->count++;
    if (rec->too_long) {
        char msg[128];
        cli_record_too_long(rec, c->p->o->max_input, msg, sizeof msg);
        print_error(c->p, rec->path, rec->line, 1, msg);
        return cf_ranking_add_error(c->rk, rec->path, rec->line, 1, msg);
    }
    char record[4200];
    snprintf(record, sizeof record, "%s:%u", rec->path, rec->line);
    return one(c->p, c->rk, c->a, rec->path, rec->text, rec->len, rec->line, record, &rec->json_err);
}

static cf_status run_chunk(pool *p, cf_ranking *rk, cf_arena *a, const job *j, unsigned long *count)
{
    cli_chunk c = {j->in->path, j->data, j->len, j->first_line, j->mode, 0, 0};
    chunk_ctx cc = {p, rk, a, 0};
    cf_status st = cli_chunk_records(&c, p->o->max_input, chunk_record, &cc);
    *count += cc.count;
    return st;
}

static cf_status run_file(pool *p, cf_ranking *rk, cf_arena *a, const job *j, unsigned long *count)
{
    char *text;
    size_t len;
    char err[256];
    (*count)++;
    cf_status st = cli_read_input(j->in->path, p->o->max_input, &text, &len, err, sizeof err);
    if (st == CF_EINPUT) {
        print_error(p, j->in->path, 0, 0, err);
        return cf_ranking_add_error(rk, j->in->path, 0, 0, err);
    }
    if (st)
        return st;
    st = one(p, rk, a, j->in->path, text, len, 1, NULL, NULL);
    cf_free(text);
    return st;
}

static void *work(void *arg)
{
    worker *w = arg;
    pool *p = w->p;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->head && !p->closed)
            pthread_cond_wait(&p->has_job, &p->mu);
        job *j = p->head;
        if (!j) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        p->head = j->next;
        if (!p->head)
            p->tail = NULL;
        p->queued--;
        p->busy++;
        pthread_cond_signal(&p->has_room);
        int stop = p->error != CF_OK;
        pthread_mutex_unlock(&p->mu);

        unsigned long count = 0;
        cf_status st = CF_OK;
        if (!stop)
            st = j->data ? run_chunk(p, w->rk, w->arena, j, &count) : run_file(p, w->rk, w->arena, j, &count);

        pthread_mutex_lock(&p->mu);
        p->busy--;
        p->done += count;
        p->done_bytes += j->data ? j->len : j->in->size;
        if (st && !p->error)
            p->error = st;
        if (j->data) {
            j->next = p->spare;
            p->spare = j;
            j = NULL;
        }
        pthread_cond_signal(&p->progress);
        pthread_mutex_unlock(&p->mu);
        cf_free(j);
    }
}

/* A chunk job with room for n bytes: a spare one, or a new one. */
static job *chunk_job(pool *p, size_t n)
{
    pthread_mutex_lock(&p->mu);
    job *j = p->spare;
    if (j)
        p->spare = j->next;
    pthread_mutex_unlock(&p->mu);
    if (!j && !(j = cf_calloc(1, sizeof *j)))
        return NULL;
    if (j->cap < n) {
        char *d = cf_realloc(j->data, n);
        if (!d) {
            cf_free(j->data);
            cf_free(j);
            return NULL;
        }
        j->data = d;
        j->cap = n;
    }
    return j;
}

/* ---- the main thread: inputs, queue, progress ------------------------------------ */

typedef struct inputs {
    input *v;
    size_t n, cap;
} inputs;

static int add_input(inputs *in, const char *path, unsigned long long size)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 64;
        input *v = cf_realloc(in->v, cap * sizeof *v);
        if (!v)
            return -1;
        in->v = v;
        in->cap = cap;
    }
    char *copy = cf_strdup(path);
    if (!copy)
        return -1;
    in->v[in->n++] = (input){copy, cli_is_stream(path), size};
    return 0;
}

typedef struct walk_ctx {
    inputs *in;
    cf_ranking *rk;
} walk_ctx;

static int walk_file(void *ctx, const char *path, unsigned long long size)
{
    return add_input(((walk_ctx *)ctx)->in, path, size);
}

static int walk_error(void *ctx, const char *path, const char *message)
{
    cli_error(NULL, "%s: error: %s", path, message);
    return cf_ranking_add_error(((walk_ctx *)ctx)->rk, path, 0, 0, message) ? -1 : 0;
}

static int push(pool *p, job *j)
{
    pthread_mutex_lock(&p->mu);
    while (p->queued >= p->max_queued && !p->error)
        pthread_cond_wait(&p->has_room, &p->mu);
    int stop = p->error != CF_OK;
    if (!stop) {
        if (p->tail)
            p->tail->next = j;
        else
            p->head = j;
        p->tail = j;
        p->queued++;
        pthread_cond_signal(&p->has_job);
    }
    pthread_mutex_unlock(&p->mu);
    if (stop) {
        cf_free(j->data);
        cf_free(j);
    }
    return stop ? -1 : 0;
}

typedef struct produce_ctx {
    pool *p;
    const input *in;
    cf_ranking *rk;
    int stopped;              /* the pool stopped on an error */
} produce_ctx;

/* A chunk of the stream, queued as a job of its own. */
static cf_status produce_chunk(void *vctx, const cli_chunk *c)
{
    produce_ctx *pc = vctx;
    /* at least a chunk's room, so that buffers are reused whole */
    job *j = chunk_job(pc->p, c->len > CLI_CHUNK ? c->len : CLI_CHUNK);
    if (!j)
        return CF_ESYSTEM;
    memcpy(j->data, c->data, c->len);
    j->in = pc->in;
    j->len = c->len;
    j->first_line = c->first_line;
    j->mode = c->mode;
    j->next = NULL;
    if (push(pc->p, j)) {
        pc->stopped = 1;
        return CF_NO;
    }
    return CF_OK;
}

static cf_status produce_fail(void *vctx, const char *path, unsigned line, const char *message)
{
    produce_ctx *pc = vctx;
    cli_error(NULL, "%s: error: %s", path, message);
    return cf_ranking_add_error(pc->rk, path, line, line ? 1 : 0, message);
}

/* Reads a stream and queues it in chunks of whole records. */
static cf_status produce_stream(pool *p, const input *in, cf_ranking *rk)
{
    produce_ctx pc = {p, in, rk, 0};
    cf_status st = cli_stream_chunks(in->path, p->o->max_input, produce_chunk, produce_fail, &pc);
    return pc.stopped ? CF_OK : st;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void draw_progress(pool *p, double start, unsigned long long total)
{
    unsigned long done = p->done;
    unsigned long long bytes = p->done_bytes;
    double t = now() - start;
    double rate = t > 0 ? done / t : 0;
    char eta[32] = "";
    if (total && bytes > 0 && bytes <= total && t > 0.5) {
        double left = (double)(total - bytes) / ((double)bytes / t);
        snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60, (int)left % 60);
    }
    if (total)
        fprintf(stderr, "\r\033[Krank: %lu profiles, %.0f%% of %.1f MB, %.0f/s%s", done,
                100.0 * (double)bytes / (double)total, (double)total / 1e6, rate, eta);
    else
        fprintf(stderr, "\r\033[Krank: %lu profiles, %.0f/s", done, rate);
    fflush(stderr);
}

static int sink_file(void *ctx, const char *s, size_t n)
{
    return fwrite(s, 1, n, ctx) == n ? 0 : -1;
}

static long jobs_default(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

/* --merge: every line of every operand is a report. */
typedef struct merge_ctx {
    const cli_opts *o;
    cf_ranking *rk;
    unsigned long *bad;
} merge_ctx;

static cf_status merge_record(void *vctx, cli_record *rec)
{
    merge_ctx *m = vctx;
    if (cli_record_refused(rec, m->o->max_input)) {
        (*m->bad)++;
        return CF_OK;
    }
    cf_diags d = {0};
    cf_status st = cf_ranking_add_line(m->rk, rec->path, rec->line, rec->text, rec->len, &d);
    cli_print_diags(&d);
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
    cli_error(NULL, "%s: error: %s", path, message);
    (*((merge_ctx *)vctx)->bad)++;
    return CF_OK;
}

static cf_status merge(const cli_opts *o, char **paths, int n, cf_ranking *rk, unsigned long *bad)
{
    merge_ctx m = {o, rk, bad};
    for (int i = 0; i < n; i++) {
        cf_status st = cli_stream_chunks(paths[i], o->max_input, merge_chunk, merge_fail, &m);
        if (st)
            return st;
    }
    return CF_OK;
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
    int c;
    int status = CF_OK;
    while ((c = cli_option_next(&cli_rank, argc, argv, &o)) != -1) {
        char *end;
        switch (c) {
        case CLI_OPT_HELP:
            cf_free(tiers);
            return CF_OK;
        case CLI_OPT_ERROR:
            status = CF_EUSAGE;
            goto usage;
        case 'j':
            errno = 0;
            jobs = strtol(optarg, &end, 10);
            if (errno || *end || jobs < 1 || jobs > 256) {
                status = cli_usage_error("rank", "--jobs wants a number from 1 to 256, not '%s'", optarg);
                goto usage;
            }
            break;
        case OPT_TOP: {
            errno = 0;
            long long v = strtoll(optarg, &end, 10);
            if (errno || *end || v < 1) {
                status = cli_usage_error("rank", "--top wants a positive number, not '%s'", optarg);
                goto usage;
            }
            ro.top = (size_t)v;
            break;
        }
        case OPT_MIN_SCORE:
            ro.min_score = strtod(optarg, &end);
            if (*end || end == optarg || ro.min_score < 0 || ro.min_score > 100) {
                status = cli_usage_error("rank", "--min-score wants a number from 0 to 100, not '%s'", optarg);
                goto usage;
            }
            break;
        case OPT_TIER: {
            const char **t = cf_realloc(tiers, (ro.ntiers + 1) * sizeof *t);
            if (!t) {
                cf_free(tiers);
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
        case OPT_BOM:
            wo.bom = 1;
            break;
        case OPT_MERGE:
            merging = 1;
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
    ro.keep_reports = wo.format == CF_RANK_JSON || wo.format == CF_RANK_NDJSON;
    ro.blind = o.blind;

    cf_rubric *r = NULL;
    cf_ranking *all = cf_ranking_new(&ro);
    worker *ws = NULL;
    inputs in = {0};
    pool p;
    int pool_made = 0, started = 0;
    cli_out out = {0};
    cf_status st = all ? CF_OK : CF_ESYSTEM;
    unsigned long bad_lines = 0;
    if (st)
        goto done;

    if (merging) {
        st = merge(&o, argv + optind, argc - optind, all, &bad_lines);
        /* no rubric here: a tier that no shard has may be a misspelling */
        for (size_t i = 0; !st && i < ro.ntiers; i++)
            if (!cf_ranking_has_tier(all, tiers[i]))
                cli_error("rank", "warning: --tier '%s': no report read is in this tier", tiers[i]);
        goto write;
    }
    if ((st = cli_load_rubric(&o, &r)) || (st = cli_check_tiers("rank", "--tier", r, tiers, ro.ntiers, NULL, NULL)))
        goto done;

    /* list the inputs */
    for (int i = optind; i < argc && !st; i++) {
        const char *a = argv[i];
        struct stat sb;
        if (strcmp(a, "-") == 0) {
            if (add_input(&in, a, 0))
                st = CF_ESYSTEM;
        } else if (stat(a, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            walk_ctx wc = {&in, all};
            size_t before = in.n;
            if (cli_walk(a, walk_file, walk_error, &wc))
                st = CF_ESYSTEM;
            else if (in.n == before) {
                static const char none[] = "no *.json, *.jsonl or *.ndjson file in this folder";
                cli_error(NULL, "%s: error: %s", a, none);
                if (cf_ranking_add_error(all, a, 0, 0, none))
                    st = CF_ESYSTEM;
            }
        } else if (add_input(&in, a, stat(a, &sb) == 0 ? (unsigned long long)sb.st_size : 0)) {
            st = CF_ESYSTEM;
        }
    }
    if (st)
        goto done;
    unsigned long long total = 0;
    for (size_t i = 0; i < in.n; i++)
        total += in.v[i].size;

    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_mutex_init(&p.err_mu, NULL);
    pthread_cond_init(&p.has_job, NULL);
    pthread_cond_init(&p.has_room, NULL);
    pthread_cond_init(&p.progress, NULL);
    pool_made = 1;
    p.o = &o;
    p.r = r;
    p.evidence = ro.keep_reports;
    p.max_queued = (size_t)jobs * 2;   /* bounds the memory in flight */
    p.drawing = !o.quiet && isatty(STDERR_FILENO);
    ws = cf_calloc((size_t)jobs, sizeof *ws);
    if (!ws) {
        st = CF_ESYSTEM;
        goto done;
    }
    for (long i = 0; i < jobs; i++) {
        ws[i].p = &p;
        ws[i].rk = cf_ranking_new(&ro);
        ws[i].arena = cf_arena_new();
        if (!ws[i].rk || !ws[i].arena || pthread_create(&ws[i].thread, NULL, work, &ws[i]) != 0) {
            cf_ranking_free(ws[i].rk);
            cf_arena_free(ws[i].arena);
            ws[i].rk = NULL;
            ws[i].arena = NULL;
            st = CF_ESYSTEM;
            break;
        }
        started++;
    }
    int progress = p.drawing && st == CF_OK;
    double start = now(), last = 0;
    for (size_t i = 0; i < in.n && !st; i++) {
        if (in.v[i].stream) {
            st = produce_stream(&p, &in.v[i], all);
        } else {
            job *j = cf_calloc(1, sizeof *j);
            if (!j) {
                st = CF_ESYSTEM;
                break;
            }
            j->in = &in.v[i];
            if (push(&p, j))
                break;
        }
        if (progress && now() - last > 0.1) {
            pthread_mutex_lock(&p.mu);
            draw_progress(&p, start, total);
            pthread_mutex_unlock(&p.mu);
            last = now();
        }
    }
    pthread_mutex_lock(&p.mu);
    p.closed = 1;
    if (st && !p.error)
        p.error = st;
    pthread_cond_broadcast(&p.has_job);
    while (progress && (p.head || p.busy)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100000000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&p.progress, &p.mu, &ts);
        draw_progress(&p, start, total);
    }
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(ws[i].thread, NULL);
    if (progress) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    if (!st)
        st = p.error;
    for (int i = 0; i < started && !st; i++)
        st = cf_ranking_absorb(all, ws[i].rk);

write:
    if (st)
        goto done;
    if ((st = cli_out_open(&out, o.output)))
        goto done;
    wo.width = cli_out_width(&out);
    wo.color = cli_out_color(&out, o.color);
    st = cf_ranking_write(all, &wo, sink_file, out.f);
    if (st) {
        cli_error("rank", "cannot write the ranking");
        cli_out_abort(&out);
        goto done;
    }
    st = cli_out_close(&out);
    if (!st)
        st = cli_key_write(&o);
done:
    if (st == CF_ESYSTEM)
        cli_error("rank", "out of memory or system error");
    int failed = all && (cf_ranking_failed(all) || bad_lines);
    for (int i = 0; ws && i < jobs; i++) {
        cf_ranking_free(ws[i].rk);
        cf_arena_free(ws[i].arena);
    }
    cf_free(ws);
    if (pool_made) {
        for (int list = 0; list < 2; list++) {
            job *j = list ? p.spare : p.head;
            while (j) {
                job *next = j->next;
                cf_free(j->data);
                cf_free(j);
                j = next;
            }
        }
        pthread_mutex_destroy(&p.mu);
        pthread_mutex_destroy(&p.err_mu);
        pthread_cond_destroy(&p.has_job);
        pthread_cond_destroy(&p.has_room);
        pthread_cond_destroy(&p.progress);
    }
    for (size_t i = 0; i < in.n; i++)
        cf_free(in.v[i].path);
    cf_free(in.v);
    cf_ranking_free(all);
    cf_rubric_free(r);
    cf_free(tiers);
    if (st)
        return st;
    return failed ? CF_EINPUT : CF_OK;
usage:
    cf_free(tiers);
    return status;
}
