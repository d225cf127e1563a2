/* rank's workers: files, folders and NDJSON streams scored on every core.
 *
 * The main thread reads streams in chunks of whole records and queues them,
 * and queues files in batches (a bounded queue, so memory stays flat);
 * workers open and read the files themselves, score, and keep what the
 * output needs in rankings of their own, merged at the end.  The output is
 * sorted, so it never depends on timing.  (One file of some 490 lines: the
 * queue, the workers and the producers share the pool and its lock.) */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

#define FILES_PER_JOB 32

typedef struct job {
    const rank_input *in;          /* the file job's inputs, or the stream's */
    size_t nin;               /* a file job's number of inputs, from in */
    char *data;               /* a chunk of whole records, or NULL for a file job */
    size_t len, cap;
    unsigned first_line;
    cf_split_mode mode;       /* of the chunk's stream */
    struct job *next;
} job;

typedef struct pool {
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
    unsigned long done;       /* profiles finished, scored or failed */
    unsigned long long done_bytes;
    int drawing;              /* a progress line is drawn on stderr */
} pool;

typedef struct worker {
    pool *p;
    cf_ranking *rk;
    cf_arena *arena;
    cli_pipeline pl;          /* into rk */
    pthread_t thread;
} worker;

/* ---- a worker's inputs, through the pipeline --------------------------------- */

/* A scored input, kept in the worker's ranking. */
static cf_status keep(void *vctx, const cli_result *res)
{
    return cf_ranking_add(((worker *)vctx)->rk, res->rep);
}

/* A refused input, kept there too: every input is accounted for. */
static cf_status keep_error(void *vctx, const char *source, unsigned line, unsigned col, const char *message,
                            const cf_diags *d)
{
    (void)d;
    return cf_ranking_add_error(((worker *)vctx)->rk, source, line, col, message);
}

typedef struct chunk_ctx {
    worker *w;
    unsigned long count;
} chunk_ctx;

static cf_status chunk_record(void *vctx, cli_record *rec)
{
    chunk_ctx *c = vctx;
    c->count++;
    return cli_pipeline_record(&c->w->pl, c->w->arena, rec);
}

static cf_status run_chunk(worker *w, const job *j, unsigned long *count)
{
    cli_chunk c = {j->in->path, j->data, j->len, j->first_line, j->mode, 0, 0};
    chunk_ctx cc = {w, 0};
    cf_status st = cli_chunk_records(&c, w->p->o->max_input, chunk_record, &cc);
    *count += cc.count;
    return st;
}

/* Files: each read by the worker that scores it. */
static cf_status run_files(worker *w, const job *j, unsigned long *count)
{
    cf_status st = CF_OK;
    for (const rank_input *in = j->in; in < j->in + j->nin && !st; in++) {
        (*count)++;
        st = cli_pipeline_file(&w->pl, w->arena, in->path);
    }
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
            st = j->data ? run_chunk(w, j, &count) : run_files(w, j, &count);

        pthread_mutex_lock(&p->mu);
        p->busy--;
        p->done += count;
        for (size_t k = 0; !j->data && k < j->nin; k++)
            p->done_bytes += j->in[k].size;
        p->done_bytes += j->data ? j->len : 0;
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
    const rank_input *in;
    cf_ranking *rk;
    int stopped;              /* the pool stopped on an error */
    int content, failed;      /* the stream held something but space; it could not be read */
} produce_ctx;

/* A chunk of the stream, queued as a job of its own. */
static cf_status produce_chunk(void *vctx, const cli_chunk *c)
{
    produce_ctx *pc = vctx;
    for (size_t i = 0; i < c->len && !pc->content; i++)
        pc->content = !strchr(" \t\r\n", c->data[i]);
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
    pc->failed = 1;
    cli_fail(path, 0, 0, "%s", message);
    return cf_ranking_add_error(pc->rk, path, line, line ? 1 : 0, message);
}

/* Reads a stream and queues it in chunks of whole records. */
static cf_status produce_stream(pool *p, const rank_input *in, cf_ranking *rk)
{
    produce_ctx pc = {p, in, rk, 0, 0, 0};
    cf_status st = cli_stream_chunks(in->path, p->o->max_input, produce_chunk, produce_fail, &pc);
    if (pc.stopped)
        return CF_OK;
    if (!st && !pc.content && !pc.failed) {
        /* nothing in it: an input that failed, as score says it */
        static const char msg[] = "empty input (no JSON value) [json]";
        cli_fail(in->path, 1, 1, "%s", msg);
        st = cf_ranking_add_error(rk, in->path, 1, 1, msg);
    }
    return st;
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
    /* one line whatever the width: shorter forms as the terminal narrows,
     * none below 20 columns; never the last column, where a terminal wraps */
    int width = cli_stderr_width();
    if (width && width < 20)
        return;
    size_t room = width ? (size_t)width - 1 : 159;
    char line[160], pct[16] = "";
    if (total)
        snprintf(pct, sizeof pct, ", %.0f%%", 100.0 * (double)bytes / (double)total);
    if (total)
        snprintf(line, sizeof line, "rank: %lu profiles, %.0f%% of %.1f MB, %.0f/s%s", done,
                 100.0 * (double)bytes / (double)total, (double)total / 1e6, rate, eta);
    else
        snprintf(line, sizeof line, "rank: %lu profiles, %.0f/s", done, rate);
    if (strlen(line) > room)
        snprintf(line, sizeof line, "rank: %lu profiles%s", done, pct);
    if (strlen(line) > room)
        snprintf(line, sizeof line, "%lu%s", done, pct);
    if (strlen(line) > room)
        return;
    cli_progress(line);
}

cf_status rank_score(const cli_opts *o, const cf_rubric *r, long jobs, const rank_input *in, size_t n,
                     const cf_rank_opts *ro, cf_ranking *all)
{
    pool p;
    worker *ws = NULL;
    int started = 0;
    cf_status st = CF_OK;
    unsigned long long total = 0;
    for (size_t i = 0; i < n; i++)
        total += in[i].size;

    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.has_job, NULL);
    pthread_cond_init(&p.has_room, NULL);
    pthread_cond_init(&p.progress, NULL);
    p.o = o;
    p.max_queued = (size_t)jobs * 2;   /* bounds the memory in flight */
    p.drawing = !o->quiet && isatty(STDERR_FILENO);
    ws = cf_calloc((size_t)jobs, sizeof *ws);
    if (!ws)
        st = CF_ESYSTEM;
    for (long i = 0; ws && i < jobs; i++) {
        ws[i].p = &p;
        ws[i].rk = cf_ranking_new(ro);
        ws[i].arena = cf_arena_new();
        cli_pipeline_init(&ws[i].pl, o, r, ro->keep_reports ? CLI_REPORT : CLI_FIGURES, keep, &ws[i]);
        ws[i].pl.refuse = keep_error;
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
    for (size_t i = 0; i < n && !st; i++) {
        if (in[i].stream) {
            st = produce_stream(&p, &in[i], all);
        } else {
            /* files in batches of up to FILES_PER_JOB or a chunk's bytes:
             * a job a file would make the queue the bottleneck */
            job *j = cf_calloc(1, sizeof *j);
            if (!j) {
                st = CF_ESYSTEM;
                break;
            }
            j->in = &in[i];
            unsigned long long bytes = in[i].size;
            for (j->nin = 1; i + 1 < n && !in[i + 1].stream && j->nin < FILES_PER_JOB &&
                             bytes + in[i + 1].size <= CLI_CHUNK;
                 j->nin++)
                bytes += in[++i].size;
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
    if (progress)
        cli_progress_end();
    if (!st)
        st = p.error;
    for (int i = 0; i < started && !st; i++)
        st = cf_ranking_absorb(all, ws[i].rk);
    for (int i = 0; ws && i < jobs; i++) {
        cf_ranking_free(ws[i].rk);
        cf_arena_free(ws[i].arena);
    }
    cf_free(ws);
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
    pthread_cond_destroy(&p.has_job);
    pthread_cond_destroy(&p.has_room);
    pthread_cond_destroy(&p.progress);
    return st;
}
