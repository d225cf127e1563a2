/* Rankings: sorted results and a summary, from scored reports or from the
 * NDJSON reports of shards scored elsewhere.
 *
 * Everything here works on the figures as a report prints them (scores in
 * tenths), so that a merge of shards, which has only the printed reports,
 * gives exactly the bytes of one run over all inputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

#define MAXQ 32       /* qualities */
#define MAXT 32       /* tiers */
#define MAXG 64       /* gates */
#define HIST 1001     /* scores 0.0 .. 100.0 in tenths */

typedef struct rec {
    int score10;
    int eligible;
    unsigned nwarn;           /* fields of the profile left out */
    int tier;                 /* index into rk->tiers */
    int trank;                /* the tier's place in the rubric, 1 the highest (0: not known) */
    unsigned line;            /* 0: a whole file */
    char *path;
    char *report;             /* one-line JSON report, or NULL */
    size_t report_len;
    short q10[];              /* per quality, tenths */
} rec;

typedef struct err_rec {
    char *source;
    unsigned line, col;
    char *message;
} err_rec;

typedef struct named {
    char *id, *label;
    unsigned long count;
    int rank;                 /* a tier's place in the rubric, 1 the highest (0: not known) */
    int best10;               /* best score seen in the tier: orders tiers of unknown place */
} named;

struct cf_ranking {
    cf_rank_opts o;
    int min10;
    /* identity of the reports: all must agree */
    char *rubric_id, *rubric_version, *checksum, *as_of;
    cf_day as_of_day;         /* of scored reports, to compare cheaply */
    int nq;
    char *qid[MAXQ], *qname[MAXQ];
    named tiers[MAXT];
    int ntiers;
    named gates[MAXG];
    int ngates;
    /* summary, over every scored input */
    unsigned long scored, failed, ineligible;
    unsigned long warnings, warned;   /* fields left out, and profiles with any */
    long long sum10, qsum10[MAXQ];
    unsigned *hist;           /* (MAXQ + 1) * HIST: quality histograms, then the score's */
    /* selected results: a heap of the worst on top when o.top is set */
    rec **recs;
    size_t nrecs, caprecs;
    err_rec *errs;
    size_t nerrs, caperrs;
};

/* ---- order ----------------------------------------------------------------- */

/* Tier first (a profile held below a tier by its requirements ranks below
 * that tier's profiles, whatever its score), then score, then source. */
static int rec_cmp(const rec *a, const rec *b)
{
    if (a->trank != b->trank && a->trank && b->trank)
        return a->trank < b->trank ? -1 : 1;
    if (a->score10 != b->score10)
        return a->score10 > b->score10 ? -1 : 1;
    int c = strcmp(a->path, b->path);
    if (c)
        return c;
    return (a->line > b->line) - (a->line < b->line);
}

static int rec_qsort(const void *a, const void *b)
{
    return rec_cmp(*(rec *const *)a, *(rec *const *)b);
}

static int err_cmp(const void *a, const void *b)
{
    const err_rec *x = a, *y = b;
    int c = cf_position_cmp(x->source, x->line, x->col, y->source, y->line, y->col);
    return c ? c : strcmp(x->message, y->message);
}


/* ---- construction ---------------------------------------------------------- */

cf_ranking *cf_ranking_new(const cf_rank_opts *o)
{
    cf_ranking *rk = cf_calloc(1, sizeof *rk);
    if (!rk)
        return NULL;
    rk->o = *o;
    rk->min10 = cf_tenths(o->min_score);
    rk->hist = cf_calloc((MAXQ + 1) * HIST, sizeof *rk->hist);
    if (!rk->hist) {
        cf_free(rk);
        return NULL;
    }
    return rk;
}

void cf_ranking_free(cf_ranking *rk)
{
    if (!rk)
        return;
    for (size_t i = 0; i < rk->nrecs; i++)
        cf_free(rk->recs[i]);
    cf_free(rk->recs);
    for (size_t i = 0; i < rk->nerrs; i++) {
        cf_free(rk->errs[i].source);
        cf_free(rk->errs[i].message);
    }
    cf_free(rk->errs);
    for (int i = 0; i < rk->nq; i++) {
        cf_free(rk->qid[i]);
        cf_free(rk->qname[i]);
    }
    for (int i = 0; i < rk->ntiers; i++) {
        cf_free(rk->tiers[i].id);
        cf_free(rk->tiers[i].label);
    }
    for (int i = 0; i < rk->ngates; i++) {
        cf_free(rk->gates[i].id);
        cf_free(rk->gates[i].label);
    }
    cf_free(rk->rubric_id);
    cf_free(rk->rubric_version);
    cf_free(rk->checksum);
    cf_free(rk->as_of);
    cf_free(rk->hist);
    cf_free(rk);
}

unsigned long cf_ranking_scored(const cf_ranking *rk) { return rk->scored; }
unsigned long cf_ranking_failed(const cf_ranking *rk) { return rk->failed; }

int cf_ranking_has_tier(const cf_ranking *rk, const char *id)
{
    for (int i = 0; i < rk->ntiers; i++)
        if (strcmp(rk->tiers[i].id, id) == 0)
            return 1;
    return 0;
}

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Sets the identity from the first report, or checks a later one against
 * it.  Returns 0, 1 on a mismatch, -1 when out of memory. */
static int identity(cf_ranking *rk, const char *id, const char *version, const char *checksum,
                    const char *as_of, int nq, const char *const *qid, const char *const *qname)
{
    if (rk->checksum) {
        if (!same(rk->checksum, checksum) || !same(rk->as_of, as_of) || rk->nq != nq)
            return 1;
        for (int i = 0; i < nq; i++)
            if (strcmp(rk->qid[i], qid[i]) != 0)
                return 1;
        return 0;
    }
    if (nq > MAXQ)
        return 1;
    rk->rubric_id = id ? cf_strdup(id) : NULL;
    rk->rubric_version = version ? cf_strdup(version) : NULL;
    rk->checksum = cf_strdup(checksum ? checksum : "");
    rk->as_of = cf_strdup(as_of ? as_of : "");
    if ((id && !rk->rubric_id) || (version && !rk->rubric_version) || !rk->checksum || !rk->as_of)
        return -1;
    for (int i = 0; i < nq; i++) {
        rk->qid[i] = cf_strdup(qid[i]);
        rk->qname[i] = cf_strdup(qname[i] ? qname[i] : qid[i]);
        rk->nq = i + 1;
        if (!rk->qid[i] || !rk->qname[i])
            return -1;
    }
    return 0;
}

/* Index of id in a table of named things, added when new; -1 when full or
 * out of memory. */
static int intern(named *t, int *n, int max, const char *id, const char *label)
{
    for (int i = 0; i < *n; i++)
        if (strcmp(t[i].id, id) == 0)
            return i;
    if (*n == max)
        return -1;
    named *e = &t[*n];
    e->id = cf_strdup(id);
    e->label = cf_strdup(label ? label : id);
    e->count = 0;
    e->rank = 0;
    e->best10 = -1;
    if (!e->id || !e->label) {
        cf_free(e->id);
        cf_free(e->label);
        return -1;
    }
    return (*n)++;
}

static int selected(const cf_ranking *rk, const rec *r)
{
    if (r->score10 < rk->min10)
        return 0;
    if (rk->o.eligible_only && !r->eligible)
        return 0;
    if (rk->o.tiers) {
        int hit = 0;
        for (size_t i = 0; i < rk->o.ntiers; i++)
            hit |= strcmp(rk->o.tiers[i], rk->tiers[r->tier].id) == 0;
        if (!hit)
            return 0;
    }
    return 1;
}

static void sift_down(rec **h, size_t n, size_t i)
{
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        if (l < n && rec_cmp(h[l], h[worst]) > 0)
            worst = l;
        if (r < n && rec_cmp(h[r], h[worst]) > 0)
            worst = r;
        if (worst == i)
            return;
        rec *t = h[i];
        h[i] = h[worst];
        h[worst] = t;
        i = worst;
    }
}

static void sift_up(rec **h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (rec_cmp(h[i], h[p]) <= 0)
            return;
        rec *t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

/* Keeps r (taking ownership) if it is selected and, with a top N, among
 * the best N.  The heap holds the worst kept result on top. */
static cf_status keep(cf_ranking *rk, rec *r)
{
    if (!selected(rk, r)) {
        cf_free(r);
        return CF_OK;
    }
    if (rk->o.top && rk->nrecs == rk->o.top) {
        if (rec_cmp(r, rk->recs[0]) >= 0) {
            cf_free(r);
            return CF_OK;
        }
        cf_free(rk->recs[0]);
        rk->recs[0] = r;
        sift_down(rk->recs, rk->nrecs, 0);
        return CF_OK;
    }
    rec **v = cf_grow(rk->recs, &rk->caprecs, rk->nrecs + 1, sizeof *v);
    if (!v) {
        cf_free(r);
        return CF_ESYSTEM;
    }
    rk->recs = v;
    rk->recs[rk->nrecs++] = r;
    if (rk->o.top)
        sift_up(rk->recs, rk->nrecs - 1);
    return CF_OK;
}

/* A record of the ranking for what was read at path[0..path_len), line. */
static rec *new_rec(const cf_ranking *rk, const char *path, size_t path_len, unsigned line, const char *report,
                    size_t report_len)
{
    size_t qbytes = (size_t)rk->nq * sizeof(short);
    size_t size = sizeof(rec) + qbytes + path_len + 1 + (report ? report_len + 1 : 0);
    rec *r = cf_malloc(size);
    if (!r)
        return NULL;
    char *p = (char *)r + sizeof(rec) + qbytes;
    memcpy(p, path, path_len);
    p[path_len] = '\0';
    r->path = p;
    r->line = line;
    r->report = NULL;
    r->report_len = 0;
    if (report) {
        r->report = p + path_len + 1;
        memcpy(r->report, report, report_len);
        r->report[report_len] = '\0';
        r->report_len = report_len;
    }
    return r;
}

/* Adds r's figures to the summary, then keeps or drops it. */
static cf_status tally(cf_ranking *rk, rec *r, const int *failed_gates, int nfailed)
{
    rk->scored++;
    rk->sum10 += r->score10;
    rk->hist[MAXQ * HIST + r->score10]++;
    for (int i = 0; i < rk->nq; i++) {
        rk->qsum10[i] += r->q10[i];
        rk->hist[i * HIST + r->q10[i]]++;
    }
    rk->warnings += r->nwarn;
    rk->warned += r->nwarn > 0;
    named *t = &rk->tiers[r->tier];
    t->count++;
    if (r->score10 > t->best10)
        t->best10 = r->score10;
    if (!r->eligible)
        rk->ineligible++;
    for (int i = 0; i < nfailed; i++)
        rk->gates[failed_gates[i]].count++;
    return keep(rk, r);
}


cf_status cf_ranking_add(cf_ranking *rk, const cf_report *rep)
{
    const cf_rubric *ru = rep->r;
    const char *qid[MAXQ], *qname[MAXQ];
    int nq = (int)ru->nqualities;
    if (nq > MAXQ)
        return CF_ESYSTEM;
    for (int i = 0; i < nq; i++) {
        qid[i] = ru->qualities[i].id;
        qname[i] = ru->qualities[i].name;
    }
    if (!rk->checksum || rk->as_of_day != rep->as_of) {
        char day[11];
        cf_day_format(rep->as_of, day);
        if (identity(rk, ru->id, ru->version, ru->checksum, day, nq, qid, qname))
            return CF_ESYSTEM;   /* one rubric per run: a mismatch is a bug */
        rk->as_of_day = rep->as_of;
    } else if (strcmp(rk->checksum, ru->checksum) != 0) {
        return CF_ESYSTEM;
    }
    char *json = NULL;
    size_t len = 0;
    if (rk->o.keep_reports && cf_report_json(rep, 0, &json, &len) != CF_OK)
        return CF_ESYSTEM;
    if (len && json[len - 1] == '\n')
        len--;
    rec *r = new_rec(rk, rep->path, strlen(rep->path), rep->line, json, len);
    cf_free(json);
    if (!r)
        return CF_ESYSTEM;
    r->score10 = cf_tenths(rep->score);
    r->eligible = rep->eligible;
    r->nwarn = (unsigned)cf_report_warnings(rep);
    for (int i = 0; i < nq; i++)
        r->q10[i] = (short)cf_tenths(rep->qscore[i]);
    r->tier = intern(rk->tiers, &rk->ntiers, MAXT, cf_report_tier(rep), cf_report_tier_label(rep));
    r->trank = (int)rep->tier + 1;
    if (r->tier >= 0)
        rk->tiers[r->tier].rank = r->trank;
    int failed[MAXG], nfailed = 0;
    for (size_t g = 0; g < ru->ngates && nfailed < MAXG; g++)
        if (!rep->gate_passed[g]) {
            int k = intern(rk->gates, &rk->ngates, MAXG, ru->gates[g].id, ru->gates[g].label);
            if (k >= 0)
                failed[nfailed++] = k;
        }
    if (r->tier < 0) {
        cf_free(r);
        return CF_ESYSTEM;
    }
    return tally(rk, r, failed, nfailed);
}

cf_status cf_ranking_add_error(cf_ranking *rk, const char *source, unsigned line, unsigned col,
                               const char *message)
{
    err_rec *v = cf_grow(rk->errs, &rk->caperrs, rk->nerrs + 1, sizeof *v);
    if (!v)
        return CF_ESYSTEM;
    rk->errs = v;
    err_rec *e = &rk->errs[rk->nerrs];
    char id[CF_BLIND_ID_SIZE];
    if (rk->o.blind) {
        cf_blind_id(source, id);
        source = id;
    }
    e->source = cf_strdup(source);
    e->message = cf_strdup(message);
    if (!e->source || !e->message) {
        cf_free(e->source);
        cf_free(e->message);
        return CF_ESYSTEM;
    }
    e->line = line;
    e->col = col;
    rk->nerrs++;
    rk->failed++;
    return CF_OK;
}

/* ---- merging NDJSON reports ------------------------------------------------- */

cf_status cf_ranking_add_line(cf_ranking *rk, const char *file, unsigned line,
                              const char *text, size_t len, cf_diags *d)
{
    int oom;
    cf_saved sv;
    cf_saved_kind kind = cf_saved_read(file, line, text, len, &sv, d, &oom);
    cf_status st = CF_EINPUT;
    rec *r = NULL;
    if (kind == CF_SAVED_NONE)
        return oom ? CF_ESYSTEM : CF_EINPUT;
    if (kind == CF_SAVED_ERROR && sv.err_source && sv.err_message) {
        st = cf_ranking_add_error(rk, sv.err_source, sv.err_line, sv.err_col, sv.err_message);
        goto out;
    }
    const char *source = sv.source, *tier = sv.tier;
    const cJSON *score = sv.score, *elig = sv.eligible, *quals = sv.qualities, *gates = sv.gates,
                *rub = sv.rubric;
    int nq = cJSON_GetArraySize(quals);
    if (kind != CF_SAVED_REPORT || !source || !tier || !cJSON_IsNumber(score) || !cJSON_IsBool(elig) ||
        !cJSON_IsArray(quals) || nq > MAXQ || !cJSON_IsObject(rub)) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report",
                    "not a coderfit report (as written by score -f ndjson or rank -f ndjson)");
        goto out;
    }
    const char *qid[MAXQ], *qname[MAXQ];
    double qs[MAXQ];
    int i = 0;
    const cJSON *q;
    cJSON_ArrayForEach(q, quals) {
        const cJSON *qsv = cf_get(q, "score");
        qid[i] = cf_get_str(q, "id");
        qname[i] = cf_get_str(q, "name");
        if (!qid[i] || !cJSON_IsNumber(qsv)) {
            cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report", "report quality without id or score");
            goto out;
        }
        qs[i++] = qsv->valuedouble;
    }
    int idn = identity(rk, cf_get_str(rub, "id"), cf_get_str(rub, "version"), cf_get_str(rub, "checksum"),
                       sv.as_of, nq, qid, qname);
    if (idn < 0) {
        st = CF_ESYSTEM;
        goto out;
    }
    if (idn) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "mixed-reports",
                    "report made with another rubric or as-of date than the first one: "
                    "shards must be scored alike to be merged");
        goto out;
    }
    /* The report's own bytes, less a "rank" that rank -f ndjson put first. */
    size_t start = cf_json_skip_space(text, len, 0), end = len;
    while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
        end--;
    const char *body = text + start;
    size_t blen = end - start;
    cf_buf b = {0};
    if (blen > 8 && memcmp(body, "{\"rank\":", 8) == 0) {
        const char *comma = memchr(body, ',', blen);
        if (comma) {
            cf_buf_putc(&b, '{');
            cf_buf_add(&b, comma + 1, blen - (size_t)(comma + 1 - body));
            if (b.oom) {
                cf_buf_free(&b);
                st = CF_ESYSTEM;
                goto out;
            }
            body = b.s;
            blen = b.len;
        }
    }
    /* a saved report holds only the name: its origin is read back from it */
    size_t path_len;
    unsigned rline;
    cf_origin_split(source, &path_len, &rline);
    r = new_rec(rk, source, path_len, rline, rk->o.keep_reports ? body : NULL, blen);
    cf_buf_free(&b);
    if (!r) {
        st = CF_ESYSTEM;
        goto out;
    }
    r->score10 = cf_tenths(score->valuedouble);
    r->eligible = cJSON_IsTrue(elig);
    r->nwarn = 0;
    {
        /* each warning an object; "more-warnings" stands for the rest */
        const cJSON *w;
        cJSON_ArrayForEach(w, sv.warnings) {
            const char *rule = cf_get_str(w, "rule");
            if (rule && strcmp(rule, "more-warnings") == 0) {
                const char *m = cf_get_str(w, "message");
                r->nwarn += m ? (unsigned)strtoul(m, NULL, 10) : 0;
            } else {
                r->nwarn++;
            }
        }
    }
    for (i = 0; i < nq; i++)
        r->q10[i] = (short)cf_tenths(qs[i]);
    r->tier = intern(rk->tiers, &rk->ntiers, MAXT, tier, sv.tier_label);
    {
        const cJSON *tr = sv.tier_rank;
        r->trank = cJSON_IsNumber(tr) && tr->valuedouble >= 1 && tr->valuedouble <= MAXT + 1
                       ? (int)tr->valuedouble : 0;
        if (r->tier >= 0 && r->trank)
            rk->tiers[r->tier].rank = r->trank;
    }
    int failed[MAXG], nfailed = 0;
    const cJSON *g;
    cJSON_ArrayForEach(g, gates) {
        const char *gid = cf_get_str(g, "id");
        if (gid && cJSON_IsFalse(cf_get(g, "passed")) && nfailed < MAXG) {
            int k = intern(rk->gates, &rk->ngates, MAXG, gid, cf_get_str(g, "label"));
            if (k >= 0)
                failed[nfailed++] = k;
        }
    }
    if (r->tier < 0) {
        cf_free(r);
        r = NULL;
        st = CF_ESYSTEM;
        goto out;
    }
    st = tally(rk, r, failed, nfailed);
    r = NULL;
out:
    cf_saved_free(&sv);
    return st;
}

cf_status cf_ranking_absorb(cf_ranking *dst, cf_ranking *src)
{
    if (src->checksum) {
        const char *qid[MAXQ], *qname[MAXQ];
        for (int i = 0; i < src->nq; i++) {
            qid[i] = src->qid[i];
            qname[i] = src->qname[i];
        }
        int idn = identity(dst, src->rubric_id, src->rubric_version, src->checksum, src->as_of,
                           src->nq, qid, qname);
        if (idn)
            return CF_ESYSTEM;
    }
    /* map src's tiers and gates onto dst's */
    int tmap[MAXT], gmap[MAXG];
    for (int i = 0; i < src->ntiers; i++) {
        tmap[i] = intern(dst->tiers, &dst->ntiers, MAXT, src->tiers[i].id, src->tiers[i].label);
        if (tmap[i] < 0)
            return CF_ESYSTEM;
        dst->tiers[tmap[i]].count += src->tiers[i].count;
        if (src->tiers[i].rank)
            dst->tiers[tmap[i]].rank = src->tiers[i].rank;
        if (src->tiers[i].best10 > dst->tiers[tmap[i]].best10)
            dst->tiers[tmap[i]].best10 = src->tiers[i].best10;
    }
    for (int i = 0; i < src->ngates; i++) {
        gmap[i] = intern(dst->gates, &dst->ngates, MAXG, src->gates[i].id, src->gates[i].label);
        if (gmap[i] < 0)
            return CF_ESYSTEM;
        dst->gates[gmap[i]].count += src->gates[i].count;
    }
    dst->scored += src->scored;
    dst->ineligible += src->ineligible;
    dst->warnings += src->warnings;
    dst->warned += src->warned;
    dst->sum10 += src->sum10;
    for (int i = 0; i < src->nq; i++)
        dst->qsum10[i] += src->qsum10[i];
    for (size_t i = 0; i < (MAXQ + 1) * HIST; i++)
        dst->hist[i] += src->hist[i];
    cf_status st = CF_OK;
    for (size_t i = 0; i < src->nrecs; i++) {
        rec *r = src->recs[i];
        r->tier = tmap[r->tier];
        if (!st)
            st = keep(dst, r);
        else
            cf_free(r);
    }
    src->nrecs = 0;
    for (size_t i = 0; i < src->nerrs; i++) {
        err_rec *e = &src->errs[i];
        if (!st)
            st = cf_ranking_add_error(dst, e->source, e->line, e->col, e->message);
        cf_free(e->source);
        cf_free(e->message);
    }
    src->nerrs = 0;
    src->scored = src->failed = src->ineligible = src->warnings = src->warned = 0;
    return st;
}

/* ---- output ----------------------------------------------------------------- */

typedef struct out {
    cf_buf b;
    cf_sink sink;
    void *ctx;
    int failed;
} out;

static void flush(out *o, int force)
{
    if (o->b.oom || (!force && o->b.len < 65536) || !o->b.len)
        return;
    if (!o->failed && o->sink(o->ctx, o->b.s, o->b.len))
        o->failed = 1;
    o->b.len = 0;
}

/* The median of a histogram of tenths, in tenths (x.5 for an even count). */
static double median10(const unsigned *h, unsigned long n)
{
    if (!n)
        return 0;
    unsigned long lo = (n - 1) / 2, hi = n / 2, seen = 0;
    int a = -1, b = -1;
    for (int v = 0; v < HIST && b < 0; v++) {
        seen += h[v];
        if (a < 0 && seen > lo)
            a = v;
        if (seen > hi)
            b = v;
    }
    return (a + b) / 2.0;
}

static const char *tier_label(const cf_ranking *rk, const rec *r)
{
    return rk->tiers[r->tier].label;
}

/* The order to list tiers (by_count 0: highest scores first, the rubric's
 * order as far as the results show it) or gates (by_count 1: failed most
 * first); ties by id.  Tables are small: insertion sort. */
static void order_named(const named *t, int n, int by_count, int *order)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            const named *a = &t[order[j - 1]], *b = &t[order[j]];
            long ka = by_count ? (long)a->count : a->best10, kb = by_count ? (long)b->count : b->best10;
            if (!by_count && a->rank && b->rank) {   /* the rubric's order */
                ka = -a->rank;
                kb = -b->rank;
            }
            if (ka > kb || (ka == kb && strcmp(a->id, b->id) <= 0))
                break;
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
}

static void tier_order(const cf_ranking *rk, int *order)
{
    order_named(rk->tiers, rk->ntiers, 0, order);
}

static void gate_order(const cf_ranking *rk, int *order)
{
    order_named(rk->gates, rk->ngates, 1, order);
}

static void put_uint(cf_buf *b, unsigned long v);

static void put_source(cf_buf *b, const rec *r)
{
    cf_buf_puts(b, r->path);
    if (r->line) {
        cf_buf_putc(b, ':');
        put_uint(b, r->line);
    }
}

/* An unsigned integer, without printf (a batch writes millions). */
static void put_uint(cf_buf *b, unsigned long v)
{
    char num[24];
    int n = sizeof num;
    do
        num[--n] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    cf_buf_add(b, num + n, sizeof num - (size_t)n);
}

/* A score in tenths as "83.2". */
static void put10(cf_buf *b, int v10)
{
    put_uint(b, (unsigned long)(v10 / 10));
    cf_buf_putc(b, '.');
    cf_buf_putc(b, (char)('0' + v10 % 10));
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line end. */
/* A Markdown table cell: pipes and line ends escaped. */
static void write_csv(cf_ranking *rk, out *o, int bom)
{
    cf_buf *b = &o->b;
    if (bom)
        cf_buf_puts(b, "\xef\xbb\xbf");
    cf_buf_puts(b, "rank,source,score,tier,eligible");
    for (int i = 0; i < rk->nq; i++) {
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->qid[i]);
    }
    cf_buf_puts(b, ",tier_label,warnings\r\n");
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        put_uint(b, k + 1);
        cf_buf_putc(b, ',');
        src.len = 0;
        put_source(&src, r);
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
        put10(b, r->score10);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->tiers[r->tier].id);
        cf_buf_puts(b, r->eligible ? ",true" : ",false");
        for (int i = 0; i < rk->nq; i++) {
            cf_buf_putc(b, ',');
            put10(b, r->q10[i]);
        }
        cf_buf_putc(b, ',');
        cf_buf_csv(b, tier_label(rk, r));
        cf_buf_putc(b, ',');
        put_uint(b, r->nwarn);
        cf_buf_puts(b, "\r\n");
        flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
}

/* [{"id", "label", "count"}, ...] in the given order */
static void json_named(cf_jw *w, const char *key, const named *t, const int *order, int n)
{
    cf_jw_open(w, key, '[');
    for (int i = 0; i < n; i++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "id", t[order[i]].id);
        cf_jw_str(w, "label", t[order[i]].label);
        cf_jw_num(w, "count", (double)t[order[i]].count, 0);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
}

static void json_summary(cf_ranking *rk, cf_jw *w)
{
    int order[MAXT > MAXG ? MAXT : MAXG];
    cf_jw_open(w, "counts", '{');
    cf_jw_num(w, "inputs", (double)(rk->scored + rk->failed), 0);
    cf_jw_num(w, "scored", (double)rk->scored, 0);
    cf_jw_num(w, "failed", (double)rk->failed, 0);
    cf_jw_num(w, "selected", (double)rk->nrecs, 0);
    cf_jw_num(w, "warnings", (double)rk->warnings, 0);
    cf_jw_num(w, "with_warnings", (double)rk->warned, 0);
    cf_jw_close(w, '}');
    cf_jw_open(w, "summary", '{');
    tier_order(rk, order);
    json_named(w, "tiers", rk->tiers, order, rk->ntiers);
    cf_jw_num(w, "ineligible", (double)rk->ineligible, 0);
    gate_order(rk, order);
    json_named(w, "gates_failed", rk->gates, order, rk->ngates);
    cf_jw_open(w, "score", '{');
    cf_jw_num(w, "mean", rk->scored ? rk->sum10 / 10.0 / (double)rk->scored : 0, 2);
    cf_jw_num(w, "median", median10(rk->hist + MAXQ * HIST, rk->scored) / 10, 2);
    cf_jw_close(w, '}');
    cf_jw_open(w, "qualities", '[');
    for (int i = 0; i < rk->nq; i++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "id", rk->qid[i]);
        cf_jw_str(w, "name", rk->qname[i]);
        cf_jw_num(w, "mean", rk->scored ? rk->qsum10[i] / 10.0 / (double)rk->scored : 0, 2);
        cf_jw_num(w, "median", median10(rk->hist + i * HIST, rk->scored) / 10, 2);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    cf_jw_close(w, '}');
}

static void json_error(cf_jw *w, const err_rec *e)
{
    cf_jw_open(w, NULL, '{');
    cf_jw_str(w, "source", e->source);
    cf_jw_num(w, "line", e->line, 0);
    cf_jw_num(w, "column", e->col, 0);
    cf_jw_str(w, "message", e->message);
    cf_jw_close(w, '}');
}

/* A kept report with its rank put first; without the report (a ranking
 * made without keep_reports), the figures the ranking holds. */
static void ranked_report(const cf_ranking *rk, cf_buf *b, size_t rank, const rec *r)
{
    cf_buf_puts(b, "{\"rank\":");
    put_uint(b, rank);
    cf_buf_putc(b, ',');
    if (r->report) {
        cf_buf_add(b, r->report + 1, r->report_len - 1);
        return;
    }
    cf_buf src = {0};
    put_source(&src, r);
    cf_buf_puts(b, "\"source\":");
    cf_buf_json_str(b, src.s ? src.s : "");
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    cf_buf_puts(b, ",\"score\":");
    cf_buf_num(b, r->score10 / 10.0, 1);
    cf_buf_puts(b, ",\"tier\":");
    cf_buf_json_str(b, rk->tiers[r->tier].id);
    cf_buf_printf(b, ",\"eligible\":%s,\"qualities\":[", r->eligible ? "true" : "false");
    for (int i = 0; i < rk->nq; i++) {
        cf_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
        cf_buf_json_str(b, rk->qid[i]);
        cf_buf_puts(b, ",\"score\":");
        cf_buf_num(b, r->q10[i] / 10.0, 1);
        cf_buf_putc(b, '}');
    }
    cf_buf_puts(b, "]}");
}

static void write_json(cf_ranking *rk, out *o)
{
    cf_jw w = {&o->b, 1, 0, {0}};
    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", "coderfit-ranking/1");
    cf_jw_open(&w, "rubric", '{');
    cf_jw_str(&w, "id", rk->rubric_id);
    cf_jw_str(&w, "version", rk->rubric_version);
    cf_jw_str(&w, "checksum", rk->checksum);
    cf_jw_close(&w, '}');
    cf_jw_str(&w, "as_of", rk->as_of);
    json_summary(rk, &w);
    cf_jw_open(&w, "results", '[');
    for (size_t k = 0; k < rk->nrecs; k++) {
        cf_jw_sep(&w, NULL);
        ranked_report(rk, &o->b, k + 1, rk->recs[k]);
        flush(o, 0);
    }
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "errors", '[');
    for (size_t k = 0; k < rk->nerrs; k++)
        json_error(&w, &rk->errs[k]);
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(&o->b, '\n');
}

static void write_ndjson(cf_ranking *rk, out *o)
{
    for (size_t k = 0; k < rk->nrecs; k++) {
        ranked_report(rk, &o->b, k + 1, rk->recs[k]);
        cf_buf_putc(&o->b, '\n');
        flush(o, 0);
    }
    for (size_t k = 0; k < rk->nerrs; k++) {
        cf_jw w = {&o->b, 0, 0, {0}};
        cf_buf_puts(&o->b, "{\"error\":");
        json_error(&w, &rk->errs[k]);
        cf_buf_puts(&o->b, "}\n");
    }
}

/* Short column heads for qualities: the first four letters of the id. */
static void qhead(char *dst, const char *id)
{
    snprintf(dst, 5, "%s", id);
}

static void text_summary(cf_ranking *rk, cf_buf *b, int md)
{
    int order[MAXT > MAXG ? MAXT : MAXG];
    const char *h = md ? "## " : "";
    cf_buf_printf(b, "\n%sSummary\n\n", h);
    cf_buf_printf(b, "%s%lu inputs: %lu scored, %lu failed\n", md ? "" : "  ", rk->scored + rk->failed,
                  rk->scored, rk->failed);
    if (rk->warnings)
        cf_buf_printf(b, "%s%sWarnings: %lu field%s left out of scoring, in %lu profile%s\n", md ? "\n" : "",
                      md ? "" : "  ", rk->warnings, rk->warnings == 1 ? "" : "s", rk->warned,
                      rk->warned == 1 ? "" : "s");
    tier_order(rk, order);
    cf_buf_printf(b, "%s%sTiers: ", md ? "\n" : "", md ? "" : "  ");
    for (int i = 0; i < rk->ntiers; i++)
        cf_buf_printf(b, "%s%s %lu", i ? ", " : "", rk->tiers[order[i]].label, rk->tiers[order[i]].count);
    cf_buf_puts(b, rk->ntiers ? "\n" : "none\n");
    cf_buf_printf(b, "%s%sNot eligible: %lu", md ? "\n" : "", md ? "" : "  ", rk->ineligible);
    gate_order(rk, order);
    for (int i = 0; i < rk->ngates && i < 3; i++)
        cf_buf_printf(b, "%s%s (%lu)", i ? ", " : "; gates failed most: ", rk->gates[order[i]].label,
                      rk->gates[order[i]].count);
    cf_buf_puts(b, "\n\n");
    if (md)
        cf_buf_puts(b, "| quality | mean | median |\n| --- | ---: | ---: |\n");
    else
        cf_buf_puts(b, "  quality                                  mean  median\n");
    for (int i = -1; i < rk->nq; i++) {
        const char *name = i < 0 ? "Total score" : rk->qname[i];
        double mean = rk->scored ? (i < 0 ? rk->sum10 : rk->qsum10[i]) / 10.0 / (double)rk->scored : 0;
        double med = median10(rk->hist + (i < 0 ? MAXQ : i) * HIST, rk->scored) / 10;
        if (md) {
            cf_buf_puts(b, "| ");
            cf_buf_md(b, name);
            cf_buf_printf(b, " | %.2f | %.2f |\n", mean, med);
        } else {
            cf_buf_printf(b, "  %-38.38s %6.2f  %6.2f\n", name, mean, med);
        }
    }
}

static void text_errors(cf_ranking *rk, cf_buf *b, int md)
{
    if (!rk->nerrs)
        return;
    cf_buf_printf(b, "\n%sErrors\n\n", md ? "## " : "");
    for (size_t k = 0; k < rk->nerrs; k++) {
        const err_rec *e = &rk->errs[k];
        if (md) {
            cf_buf_puts(b, "- ");
            cf_buf_md(b, e->source);
        } else {
            cf_buf_puts(b, "  ");
            cf_buf_shown(b, e->source, strlen(e->source));
        }
        if (e->line)
            cf_buf_printf(b, ":%u:%u", e->line, e->col);
        cf_buf_puts(b, ": ");
        if (md)
            cf_buf_md(b, e->message);
        else
            cf_buf_shown(b, e->message, strlen(e->message));
        cf_buf_putc(b, '\n');
    }
}

static void write_md(cf_ranking *rk, out *o)
{
    cf_buf *b = &o->b;
    char head[5];
    cf_buf_puts(b, "# Ranking\n\n");
    if (rk->rubric_id)
        cf_buf_printf(b, "Rubric `%s` %s, as of %s.\n\n", rk->rubric_id,
                      rk->rubric_version ? rk->rubric_version : "", rk->as_of);
    cf_buf_puts(b, "| rank | source | score | tier | eligible | warnings |");
    for (int i = 0; i < rk->nq; i++) {
        qhead(head, rk->qid[i]);
        cf_buf_printf(b, " %s |", head);
    }
    cf_buf_puts(b, "\n| ---: | --- | ---: | --- | --- | ---: |");
    for (int i = 0; i < rk->nq; i++)
        cf_buf_puts(b, " ---: |");
    cf_buf_putc(b, '\n');
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        src.len = 0;
        put_source(&src, r);
        cf_buf_printf(b, "| %zu | ", k + 1);
        cf_buf_md(b, src.s ? src.s : "");
        cf_buf_puts(b, " | ");
        put10(b, r->score10);
        cf_buf_puts(b, " | ");
        cf_buf_md(b, tier_label(rk, r));
        cf_buf_puts(b, r->eligible ? " | yes | " : " | no | ");
        put_uint(b, r->nwarn);
        cf_buf_puts(b, " |");
        for (int i = 0; i < rk->nq; i++) {
            cf_buf_putc(b, ' ');
            put10(b, r->q10[i]);
            cf_buf_puts(b, " |");
        }
        cf_buf_putc(b, '\n');
        flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    text_summary(rk, b, 1);
    text_errors(rk, b, 1);
}

static void write_text(cf_ranking *rk, out *o, int width, int color)
{
    cf_buf *b = &o->b;
    char head[5];
    if (width <= 0)
        width = 100000;   /* not a terminal: nothing is cut */
    const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
    /* rank, score, tier, eligible, warnings and the gap before the
     * source: 42 columns; each quality 6; the source takes the rest, at
     * least 20.  Qualities go when they do not fit. */
    int tier_w = 14;
    int fixed = 5 + 2 + 5 + 2 + tier_w + 2 + 4 + 2 + 4 + 2;
    int show_q = width - fixed - 6 * rk->nq >= 20;
    int src_w = width - fixed - (show_q ? 6 * rk->nq : 0);
    if (src_w < 20)
        src_w = 20;
    if (rk->rubric_id)
        cf_buf_printf(b, "%sRanking%s  rubric %s %s, as of %s\n\n", bold, reset, rk->rubric_id,
                      rk->rubric_version ? rk->rubric_version : "", rk->as_of);
    cf_buf_printf(b, "%s rank  score  %-*s  elig  warn", bold, tier_w, "tier");
    for (int i = 0; show_q && i < rk->nq; i++) {
        qhead(head, rk->qid[i]);
        cf_buf_printf(b, "  %4s", head);
    }
    cf_buf_printf(b, "  source%s\n", reset);
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        char sc[16];
        snprintf(sc, sizeof sc, "%d.%d", r->score10 / 10, r->score10 % 10);
        cf_buf_printf(b, "%5zu  %5s  ", k + 1, sc);
        cf_buf_pad(b, tier_label(rk, r), tier_w);
        cf_buf_puts(b, r->eligible ? "  yes " : "  no  ");
        if (r->nwarn)
            cf_buf_printf(b, "  %4u", r->nwarn);
        else
            cf_buf_puts(b, "      ");
        for (int i = 0; show_q && i < rk->nq; i++)
            cf_buf_printf(b, " %5d", (r->q10[i] + 5) / 10);
        src.len = 0;
        put_source(&src, r);
        /* a long source keeps its end, where the file name is */
        const char *s = src.s ? src.s : "";
        size_t n = strlen(s);
        cf_buf_puts(b, "  ");
        if ((int)n > src_w) {
            cf_buf_puts(b, "...");
            cf_buf_shown(b, s + n - (size_t)(src_w - 3), (size_t)(src_w - 3));
        } else {
            cf_buf_shown(b, s, n);
        }
        cf_buf_putc(b, '\n');
        flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    text_summary(rk, b, 0);
    text_errors(rk, b, 0);
}

cf_status cf_ranking_write(cf_ranking *rk, const cf_rank_write_opts *w, cf_sink sink, void *ctx)
{
    out o = {{0}, sink, ctx, 0};
    if (rk->nrecs > 1)
        qsort(rk->recs, rk->nrecs, sizeof *rk->recs, rec_qsort);
    if (rk->nerrs > 1)
        qsort(rk->errs, rk->nerrs, sizeof *rk->errs, err_cmp);
    switch (w->format) {
    case CF_RANK_CSV: write_csv(rk, &o, w->bom); break;
    case CF_RANK_JSON: write_json(rk, &o); break;
    case CF_RANK_NDJSON: write_ndjson(rk, &o); break;
    case CF_RANK_MD: write_md(rk, &o); break;
    default: write_text(rk, &o, w->width, w->color); break;
    }
    flush(&o, 1);
    int oom = o.b.oom;
    cf_buf_free(&o.b);
    if (rk->o.top)   /* the records are no longer a heap */
        rk->o.top = 0;
    return oom || o.failed ? CF_ESYSTEM : CF_OK;
}
