/* The profile pipeline of the sequential commands: each record of each
 * operand (input.c) parsed, checked and handed to the command, in an arena
 * reset after each profile; a bad one is reported and counted. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

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


/* One profile, from parse to output, in the arena (all it allocates is
 * released at once when it is done); record: it is the record of a stream
 * at first_line, and named so.  *json_err (when given): the line of a JSON
 * syntax error, else 0. */
static cf_status one_profile(const cli_opts *o, cf_arena *a, const char *source, const char *text,
                             size_t len, unsigned first_line, int record, cli_profile_fn fn,
                             void *ctx, unsigned long *failed, unsigned *json_err)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
    cf_status st = CF_OK;
    if (json_err)
        *json_err = 0;
    if (o->doc_fn && o->doc_fn(ctx, source, text, len, first_line, failed, &st))
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
        if (record && cf_profile_set_line(p, first_line))
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

/* What the pipeline carries from operand to profile. */
typedef struct pipeline {
    const cli_opts *o;
    cf_arena *a;
    cli_profile_fn fn;
    void *ctx;
    unsigned long *failed;
    cf_status st;
    unsigned long found;      /* profile files found in the folder */
    unsigned long records;    /* records of the stream being read */
    int unread;               /* the stream could not be opened or read */
} pipeline;

/* A stream: one profile per line, or pretty-printed ones one after another
 * (cf_split_mode_of), read a chunk at a time.  A stream of one profile is
 * named after the stream. */
static cf_status stream_record(void *vctx, cli_record *rec)
{
    pipeline *s = vctx;
    s->records++;
    if (cli_record_refused(rec, s->o->max_input)) {
        (*s->failed)++;
        return CF_OK;
    }
    return one_profile(s->o, s->a, rec->path, rec->text, rec->len, rec->line, !rec->alone, s->fn, s->ctx,
                       s->failed, &rec->json_err);
}

static cf_status stream_chunk(void *vctx, const cli_chunk *c)
{
    return cli_chunk_records(c, ((pipeline *)vctx)->o->max_input, stream_record, vctx);
}

static cf_status stream_fail(void *vctx, const char *path, unsigned line, const char *message)
{
    pipeline *s = vctx;
    (void)line;
    cli_fail(path, 0, 0, "%s", message);
    s->unread = 1;
    (*s->failed)++;
    return CF_OK;
}

static cf_status each_record(pipeline *s, const char *path)
{
    s->records = 0;
    s->unread = 0;
    cf_status st = cli_stream_chunks(path, s->o->max_input, stream_chunk, stream_fail, s);
    if (st == CF_OK && !s->records && !s->unread) {
        cf_diag dg = {(char *)path, 1, 1, CF_SEV_ERROR, "json", (char *)"empty input (no JSON value)"};
        cli_diag(&dg);
        (*s->failed)++;
    }
    return st;
}

/* One input: a file with one profile, or a stream of them. */
static cf_status each_input(pipeline *e, const char *path)
{
    if (cli_is_stream(path))
        return each_record(e, path);
    char *text;
    size_t len;
    char err[256];
    cf_status st = cli_read_input(path, e->o->max_input, &text, &len, err, sizeof err);
    if (st) {
        cli_fail(path, 0, 0, "%s", err);
        if (st != CF_EINPUT)
            return st;
        (*e->failed)++;
        return CF_OK;
    }
    st = one_profile(e->o, e->a, path, text, len, 1, 0, e->fn, e->ctx, e->failed, NULL);
    cf_free(text);
    return st;
}

static int each_file(void *vctx, const char *path, unsigned long long size)
{
    pipeline *e = vctx;
    (void)size;
    e->found++;
    e->st = each_input(e, path);
    return e->st ? -1 : 0;
}

/* A file of the folder that is not read: said, once for each file, so
 * that nobody is lost without a word (the batch commands say it in their
 * summary as well). */
static int each_skip(void *vctx, const char *path, int hidden)
{
    const pipeline *e = vctx;
    if (!hidden && !e->o->quiet) {
        char *one[] = {(char *)path};
        cli_skipped_warning(NULL, one, 1);
    }
    return 0;
}

static int each_error(void *vctx, const char *path, const char *message)
{
    pipeline *e = vctx;
    cli_fail(path, 0, 0, "%s", message);
    (*e->failed)++;
    return 0;
}

cf_status cli_each_profile(const cli_opts *o, char **paths, int n, cli_profile_fn fn,
                           void *ctx, unsigned long *failed)
{
    pipeline e = {o, cf_arena_new(), fn, ctx, failed, CF_OK, 0, 0, 0};
    if (!e.a)
        return CF_ESYSTEM;
    for (int i = 0; i < n && !e.st; i++) {
        struct stat sb;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            e.found = 0;
            if (cli_walk(paths[i], each_file, each_skip, each_error, &e) && !e.st)
                e.st = CF_ESYSTEM;
            if (!e.st && !e.found) {
                cli_fail(paths[i], 0, 0, "no *.json, *.jsonl or *.ndjson file in this folder");
                (*failed)++;
            }
        } else {
            e.st = each_input(&e, paths[i]);
        }
    }
    cf_arena_free(e.a);
    return e.st;
}
