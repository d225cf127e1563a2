/* One way from an input to a report: a file or a stream's record read,
 * imported (native or JSON Resume), checked (--strict), scored, made blind,
 * and handed to the command's callback; a refused input is said on stderr
 * and handed to the command's other callback.  score, rank (on its
 * workers), advise, convert, audit, diff and test all go through it; this
 * file also walks the operands of the commands that read them in order. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

void cli_pipeline_init(cli_pipeline *pl, const cli_opts *o, const cf_rubric *r, cli_scoring scoring,
                       cli_take_fn take, void *ctx)
{
    memset(pl, 0, sizeof *pl);
    pl->o = o;
    pl->r = r;
    pl->scoring = r ? scoring : CLI_READ;
    pl->as_of = o->as_of;
    pl->take = take;
    pl->ctx = ctx;
}

/* The first error of d as one line: "message [rule]" (NULL: out of memory). */
static char *first_error(const cf_diags *d, unsigned *line, unsigned *col)
{
    for (size_t i = 0; i < d->n; i++) {
        const cf_diag *dg = &d->items[i];
        if (dg->severity != CF_SEV_ERROR)
            continue;
        size_t n = strlen(dg->message) + (dg->rule ? strlen(dg->rule) + 3 : 0) + 1;
        char *msg = cf_malloc(n);
        if (msg)
            snprintf(msg, n, "%s%s%s%s", dg->message, dg->rule ? " [" : "", dg->rule ? dg->rule : "",
                     dg->rule ? "]" : "");
        *line = dg->line;
        *col = dg->col;
        return msg;
    }
    *line = *col = 0;
    return cf_strdup("input could not be read");
}

/* An input refused: said (unless silent), then handed to the command. */
static cf_status refuse(const cli_pipeline *pl, const char *source, unsigned line, unsigned col,
                        const char *message, const cf_diags *d)
{
    if (pl->refused)
        (*pl->refused)++;
    if (!pl->silent) {
        if (d)
            cli_print_diags((cf_diags *)d);
        else
            cli_fail(source, line, col, "%s", message);
    }
    return pl->refuse ? pl->refuse(pl->ctx, source, line, col, message, d) : CF_OK;
}

cf_status cli_pipeline_text(const cli_pipeline *pl, cf_arena *a, const char *source, const char *text, size_t len,
                            unsigned line, int record, unsigned *json_err)
{
    const cli_opts *o = pl->o;
    cf_status st = CF_OK;
    if (json_err)
        *json_err = 0;
    if (pl->doc && pl->doc(pl->ctx, source, text, len, line, &st))
        return st;
    cf_diags d = {0};
    cli_result res = {source, record ? line : 0, text, len, NULL, NULL, &d};
    if (a)
        cf_arena_enter(a);
    st = cf_profile_parse(source, text, len, line, pl->as_of, &res.p, &d);
    if (st == CF_OK && o->strict && cf_profile_warnings(res.p)) {
        /* --strict: a field left out refuses the profile */
        for (size_t i = 0; i < d.n; i++)
            d.items[i].severity = CF_SEV_ERROR;
        st = CF_EINPUT;
    }
    /* a record in a stream is named by its line */
    if (st == CF_OK && record && cf_profile_set_line(res.p, line))
        st = CF_ESYSTEM;
    if (st == CF_OK && pl->scoring == CLI_REPORT)
        st = cf_score(pl->r, res.p, &res.rep);
    else if (st == CF_OK && pl->scoring == CLI_FIGURES)
        st = cf_score_figures(pl->r, res.p, &res.rep);
    if (st == CF_OK && res.rep)
        st = cli_blind(o, res.rep, res.p);
    if (a)
        cf_arena_leave();
    if (st == CF_EINPUT) {
        unsigned l, c;
        char *msg = first_error(&d, &l, &c);
        if (json_err)
            *json_err = cli_json_error_line(&d);
        st = msg ? refuse(pl, source, l, c, msg, &d) : CF_ESYSTEM;
        cf_free(msg);
    } else if (st == CF_OK) {
        /* a profile read has warnings only: -q keeps them to the reports */
        if (!pl->silent && !o->quiet)
            cli_print_diags(&d);
        st = pl->take ? pl->take(pl->ctx, &res) : CF_OK;
    }
    if (d.oom && !st)
        st = CF_ESYSTEM;
    cf_report_free(res.rep);
    cf_profile_free(res.p);
    cf_diags_clear(&d);
    if (a)
        cf_arena_reset(a);
    return st;
}

cf_status cli_pipeline_file(const cli_pipeline *pl, cf_arena *a, const char *path)
{
    char *text, err[256];
    size_t len;
    cf_status st = cli_read_input(path, pl->o->max_input, &text, &len, err, sizeof err);
    if (st == CF_EINPUT)
        return refuse(pl, path, 0, 0, err, NULL);
    if (st) {
        cli_fail(path, 0, 0, "%s", err);
        return st;
    }
    cf_doc_kind kind = cf_doc_detect(path, text, len);
    if (kind == CF_DOC_JSON) {
        st = cli_pipeline_text(pl, a, path, text, len, 1, 0, NULL);
        cf_free(text);
        return st;
    }
    /* a resume file: read into a JSON Resume, which goes the same way */
    cf_diags d = {0};
    char *json = NULL;
    size_t jlen = 0;
    if (kind == CF_DOC_PDF) {
        cf_free(text);
        st = cli_pdf_text(path, pl->o->max_input, &text, &len, err, sizeof err);
        if (st == CF_EINPUT)
            return refuse(pl, path, 0, 0, err, NULL);
        if (st) {
            cli_fail(path, 0, 0, "%s", err);
            return st;
        }
        st = cf_resume_read_pdf(path, text, len, &json, &jlen, &d);
    } else {
        st = cf_resume_read(path, kind, text, len, &json, &jlen, &d);
    }
    cf_free(text);
    if (st == CF_EINPUT) {
        unsigned l, c;
        char *msg = first_error(&d, &l, &c);
        st = msg ? refuse(pl, path, l, c, msg, &d) : CF_ESYSTEM;
        cf_free(msg);
    } else if (st == CF_OK) {
        if (!pl->silent && !pl->o->quiet)
            cli_print_diags(&d);
        st = cli_pipeline_text(pl, a, path, json, jlen, 1, 0, NULL);
    }
    cf_free(json);
    cf_diags_clear(&d);
    return st;
}

cf_status cli_pipeline_record(const cli_pipeline *pl, cf_arena *a, cli_record *rec)
{
    if (rec->too_long) {
        char msg[128];
        cli_record_too_long(rec, pl->o->max_input, msg, sizeof msg);
        return refuse(pl, rec->path, rec->line, 1, msg, NULL);
    }
    return cli_pipeline_text(pl, a, rec->path, rec->text, rec->len, rec->line, !rec->alone, &rec->json_err);
}

/* ---- the operands, in order ------------------------------------------------- */

/* What the walk carries from operand to input. */
typedef struct walk {
    const cli_pipeline pl;
    cf_arena *a;
    cf_status st;
    unsigned long found;      /* profile files found in the folder */
    unsigned long records;    /* records of the stream being read */
    int unread;               /* the stream could not be opened or read */
} walk;

/* A stream: one profile per line, or pretty-printed ones one after another
 * (cf_split_mode_of), read a chunk at a time.  A stream of one profile is
 * named after the stream. */
static cf_status stream_record(void *vctx, cli_record *rec)
{
    walk *w = vctx;
    w->records++;
    return cli_pipeline_record(&w->pl, w->a, rec);
}

static cf_status stream_chunk(void *vctx, const cli_chunk *c)
{
    return cli_chunk_records(c, ((walk *)vctx)->pl.o->max_input, stream_record, vctx);
}

static cf_status stream_fail(void *vctx, const char *path, unsigned line, const char *message)
{
    walk *w = vctx;
    (void)line;
    w->unread = 1;
    return refuse(&w->pl, path, 0, 0, message, NULL);
}

static cf_status each_record(walk *w, const char *path)
{
    w->records = 0;
    w->unread = 0;
    cf_status st = cli_stream_chunks(path, w->pl.o->max_input, stream_chunk, stream_fail, w);
    if (st == CF_OK && !w->records && !w->unread) {
        cf_diags d = {0};
        cf_diag_add(&d, path, 1, 1, CF_SEV_ERROR, "json", "empty input (no JSON value)");
        st = d.oom ? CF_ESYSTEM : refuse(&w->pl, path, 1, 1, "empty input (no JSON value) [json]", &d);
        cf_diags_clear(&d);
    }
    return st;
}

static cf_status each_input(walk *w, const char *path)
{
    return cli_is_stream(path) ? each_record(w, path) : cli_pipeline_file(&w->pl, w->a, path);
}

static int each_file(void *vctx, const char *path, unsigned long long size)
{
    walk *w = vctx;
    (void)size;
    w->found++;
    w->st = each_input(w, path);
    return w->st ? -1 : 0;
}

/* A file of the folder that is not read: said, once for each file, so
 * that nobody is lost without a word (the batch commands say it in their
 * summary as well). */
static int each_skip(void *vctx, const char *path, int hidden)
{
    const walk *w = vctx;
    if (hidden == CLI_SKIP_IRREGULAR && !w->pl.o->quiet) {
        cli_irregular_warning(NULL, path);
        return 0;
    }
    if (!hidden && !w->pl.o->quiet) {
        char *one[] = {(char *)path};
        cli_skipped_warning(NULL, one, 1);
    }
    return 0;
}

static int each_error(void *vctx, const char *path, const char *message)
{
    walk *w = vctx;
    w->st = refuse(&w->pl, path, 0, 0, message, NULL);
    return w->st ? -1 : 0;
}

cf_status cli_pipeline_run(const cli_pipeline *pl, char **paths, int n)
{
    walk w = {*pl, cf_arena_new(), CF_OK, 0, 0, 0};
    if (!w.a)
        return CF_ESYSTEM;
    for (int i = 0; i < n && !w.st; i++) {
        struct stat sb;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            w.found = 0;
            if (cli_walk(paths[i], each_file, each_skip, each_error, &w) && !w.st)
                w.st = CF_ESYSTEM;
            if (!w.st && !w.found)
                w.st = refuse(&w.pl, paths[i], 0, 0, CLI_NO_INPUT_FILE, NULL);
        } else {
            w.st = each_input(&w, paths[i]);
        }
    }
    cf_arena_free(w.a);
    return w.st;
}

cf_status cli_each_input(const cli_opts *o, const cf_rubric *r, cli_scoring scoring, cli_take_fn take, void *ctx,
                         char **paths, int n, unsigned long *refused)
{
    cli_pipeline pl;
    cli_pipeline_init(&pl, o, r, scoring, take, ctx);
    pl.refused = refused;
    return cli_pipeline_run(&pl, paths, n);
}

int cli_saved_taken(cf_status added, int taken, cf_diags *d, unsigned long *failed, cf_status *st)
{
    cli_print_diags(d);
    cf_diags_clear(d);
    if (added == CF_EINPUT) {
        (*failed)++;
        added = CF_OK;
    }
    *st = added;
    return taken || added;
}
