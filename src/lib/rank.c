/* Rankings: sorted results and a summary, from scored reports (here) or
 * from the NDJSON reports of shards scored elsewhere (rank_merge.c),
 * written by rank_write.c.
 *
 * Everything here works on the figures as a report prints them (scores in
 * tenths), so that a merge of shards, which has only the printed reports,
 * gives exactly the bytes of one run over all inputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rank_out.h"

/* ---- order ----------------------------------------------------------------- */

/* Tier first (a profile held below a tier by its requirements ranks below
 * that tier's profiles, whatever its score), then score, then source. */
int cf_rank_cmp(const cf_rank_rec *a, const cf_rank_rec *b)
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

/* ---- construction ---------------------------------------------------------- */

cf_ranking *cf_ranking_new(const cf_rank_opts *o)
{
    cf_ranking *rk = cf_calloc(1, sizeof *rk);
    if (!rk)
        return NULL;
    rk->o = *o;
    rk->min10 = cf_tenths(o->min_score);
    return rk;
}

static void named_free(cf_rank_named *t, int n)
{
    for (int i = 0; i < n; i++) {
        cf_free(t[i].id);
        cf_free(t[i].label);
    }
    cf_free(t);
}

static void aside_free(cf_rank_aside *a)
{
    cf_free(a->source);
    cf_free(a->name);
    cf_free(a->id);
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
    for (size_t i = 0; i < rk->naside; i++)
        aside_free(&rk->aside[i]);
    cf_free(rk->aside);
    for (size_t i = 0; i < rk->nskipped; i++)
        cf_free(rk->skipped[i]);
    cf_free(rk->skipped);
    for (int i = 0; rk->qid && i < rk->nq; i++) {
        cf_free(rk->qid[i]);
        cf_free(rk->qname[i]);
    }
    cf_free(rk->qid);
    cf_free(rk->qname);
    cf_free(rk->qsum10);
    named_free(rk->tiers, rk->ntiers);
    named_free(rk->gates, rk->ngates);
    cf_free(rk->rubric_id);
    cf_free(rk->rubric_version);
    cf_free(rk->rubric_title);
    cf_free(rk->checksum);
    cf_free(rk->as_of);
    cf_free(rk->hist);
    cf_strset_free(&rk->merged);
    cf_free(rk);
}

unsigned long cf_ranking_scored(const cf_ranking *rk) { return rk->scored; }
unsigned long cf_ranking_failed(const cf_ranking *rk) { return rk->failed; }
const char *cf_ranking_as_of(const cf_ranking *rk) { return rk->as_of; }

const unsigned *cf_rank_hist(const cf_ranking *rk, int q)
{
    return rk->hist ? rk->hist + (size_t)(q + 1) * CF_RANK_HIST : NULL;
}

/* Whether a --tier names tier t: its id, or its label as the reports show
 * it ("Strong fit"; case ignored). */
static int names_tier(const char *want, const cf_rank_named *t)
{
    return strcmp(want, t->id) == 0 || (t->label && strcasecmp(want, t->label) == 0);
}

int cf_ranking_has_tier(const cf_ranking *rk, const char *id)
{
    for (int i = 0; i < rk->ntiers; i++)
        if (names_tier(id, &rk->tiers[i]))
            return 1;
    return 0;
}

/* ---- identity: one rubric, one date ------------------------------------------ */

static int same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int cf_rank_title(cf_ranking *rk, const char *title)
{
    if (rk->rubric_title || !title)
        return 0;
    return (rk->rubric_title = cf_strdup(title)) ? 0 : -1;
}

int cf_rank_identity(cf_ranking *rk, const char *id, const char *version, const char *checksum,
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
    size_t n = nq > 0 ? (size_t)nq : 1;
    rk->rubric_id = id ? cf_strdup(id) : NULL;
    rk->rubric_version = version ? cf_strdup(version) : NULL;
    rk->checksum = cf_strdup(checksum ? checksum : "");
    rk->as_of = cf_strdup(as_of ? as_of : "");
    rk->qid = cf_calloc(n, sizeof *rk->qid);
    rk->qname = cf_calloc(n, sizeof *rk->qname);
    rk->qsum10 = cf_calloc(n, sizeof *rk->qsum10);
    rk->hist = cf_calloc(n + 1, CF_RANK_HIST * sizeof *rk->hist);
    if ((id && !rk->rubric_id) || (version && !rk->rubric_version) || !rk->checksum || !rk->as_of || !rk->qid ||
        !rk->qname || !rk->qsum10 || !rk->hist)
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

/* The identity of reports scored with r as of a day. */
static int identity_of(cf_ranking *rk, const cf_rubric *r, cf_day as_of)
{
    size_t nq = r->nqualities;
    const char **qid = cf_malloc((nq ? nq : 1) * 2 * sizeof *qid), **qname = qid + nq;
    if (!qid)
        return -1;
    for (size_t i = 0; i < nq; i++) {
        qid[i] = r->qualities[i].id;
        qname[i] = r->qualities[i].name;
    }
    char day[11];
    cf_day_format(as_of, day);
    rk->as_of_day = as_of;
    int idn = cf_rank_identity(rk, r->id, r->version, r->checksum, day, (int)nq, qid, qname);
    cf_free(qid);
    if (idn == 0 && cf_rank_title(rk, r->title))
        idn = -1;
    return idn;
}

cf_status cf_ranking_expect(cf_ranking *rk, const cf_rubric *r, cf_day as_of)
{
    int idn = identity_of(rk, r, as_of);
    if (idn > 0)
        return cf_bug("a ranking was given reports of two rubrics or two dates");
    return idn ? CF_ESYSTEM : CF_OK;
}

/* ---- tiers and gates --------------------------------------------------------- */

/* Index of id in a table of named things, added when new; -1 when out of
 * memory. */
static int intern(cf_rank_named **t, int *n, size_t *cap, const char *id, const char *label)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*t)[i].id, id) == 0)
            return i;
    cf_rank_named *v = cf_grow(*t, cap, (size_t)*n + 1, sizeof *v);
    if (!v)
        return -1;
    *t = v;
    cf_rank_named *e = &v[*n];
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

int cf_rank_set_tier(cf_ranking *rk, cf_rank_rec *r, const char *id, const char *label, int trank)
{
    r->tier = intern(&rk->tiers, &rk->ntiers, &rk->captiers, id, label);
    r->trank = trank;
    if (r->tier < 0)
        return -1;
    if (trank)
        rk->tiers[r->tier].rank = trank;
    return 0;
}

int cf_rank_gate_failed(cf_ranking *rk, const char *id, const char *label)
{
    int k = intern(&rk->gates, &rk->ngates, &rk->capgates, id, label);
    if (k < 0)
        return -1;
    rk->gates[k].count++;
    return 0;
}

/* ---- selection: the filters, and the best N in a heap ------------------------ */

static int selected(const cf_ranking *rk, const cf_rank_rec *r)
{
    if (r->score10 < rk->min10)
        return 0;
    if (rk->o.eligible_only && !r->eligible)
        return 0;
    if (rk->o.tiers) {
        int hit = 0;
        for (size_t i = 0; i < rk->o.ntiers; i++)
            hit |= names_tier(rk->o.tiers[i], &rk->tiers[r->tier]);
        if (!hit)
            return 0;
    }
    return 1;
}

static void sift_down(cf_rank_rec **h, size_t n, size_t i)
{
    for (;;) {
        size_t worst = i, l = 2 * i + 1, r = l + 1;
        if (l < n && cf_rank_cmp(h[l], h[worst]) > 0)
            worst = l;
        if (r < n && cf_rank_cmp(h[r], h[worst]) > 0)
            worst = r;
        if (worst == i)
            return;
        cf_rank_rec *t = h[i];
        h[i] = h[worst];
        h[worst] = t;
        i = worst;
    }
}

static void sift_up(cf_rank_rec **h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (cf_rank_cmp(h[i], h[p]) <= 0)
            return;
        cf_rank_rec *t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

/* Whether two results are the same person: the same e-mail, phone or
 * profile content. */
static int same_person(const cf_rank_rec *a, const cf_rank_rec *b)
{
    for (int i = 0; i < 3; i++)
        if (a->key[i] && a->key[i] == b->key[i])
            return 1;
    return 0;
}

/* With dedupe and a top N, a result that would be kept takes the place of
 * a worse one of the same person, or is dropped for a better one; so the
 * heap holds the best N people (1: r was placed or dropped). */
static int dedupe_into(cf_ranking *rk, cf_rank_rec *r)
{
    for (size_t i = 0; i < rk->nrecs; i++) {
        if (!same_person(r, rk->recs[i]))
            continue;
        rk->dups++;
        rk->dropped++;
        if (cf_rank_cmp(r, rk->recs[i]) < 0) {
            cf_free(rk->recs[i]);
            rk->recs[i] = r;
            sift_down(rk->recs, rk->nrecs, i);
        } else {
            cf_free(r);
        }
        return 1;
    }
    return 0;
}

/* Sets a aside: it is named and counted (taking its strings). */
static cf_status put_aside(cf_ranking *rk, cf_rank_aside *a)
{
    cf_rank_aside *v = cf_grow(rk->aside, &rk->capaside, rk->naside + 1, sizeof *v);
    if (!v) {
        aside_free(a);
        return CF_ESYSTEM;
    }
    rk->aside = v;
    rk->aside[rk->naside++] = *a;
    for (int k = 0; k < CF_KO_COUNT; k++)
        rk->knocked[k] += (a->knock >> k) & 1;
    return CF_OK;
}

/* A result the knock-outs set aside: named, and freed. */
static cf_status set_aside(cf_ranking *rk, cf_rank_rec *r)
{
    cf_buf src = {0};
    cf_rank_source(&src, r);
    cf_rank_aside a = {NULL, NULL, NULL, r->knock};
    int oom = cf_buf_finish(&src, &a.source, NULL) != CF_OK;
    if (!oom && r->s[CF_RANK_NAME] && !(a.name = cf_strdup(r->s[CF_RANK_NAME])))
        oom = 1;
    if (!oom && r->s[CF_RANK_ID] && !(a.id = cf_strdup(r->s[CF_RANK_ID])))
        oom = 1;
    cf_free(r);
    if (oom) {
        aside_free(&a);
        return CF_ESYSTEM;
    }
    return put_aside(rk, &a);
}

/* Keeps r (taking ownership) if it is selected and, with a top N, among
 * the best N.  The heap holds the worst kept result on top. */
static cf_status keep(cf_ranking *rk, cf_rank_rec *r)
{
    if (r->knock)
        return set_aside(rk, r);
    if (!selected(rk, r)) {
        cf_free(r);
        return CF_OK;
    }
    if (rk->o.top && rk->nrecs == rk->o.top && cf_rank_cmp(r, rk->recs[0]) >= 0) {
        cf_free(r);
        return CF_OK;
    }
    if (rk->o.top && rk->o.dedupe && dedupe_into(rk, r))
        return CF_OK;
    if (rk->o.top && rk->nrecs == rk->o.top) {
        cf_free(rk->recs[0]);
        rk->recs[0] = r;
        sift_down(rk->recs, rk->nrecs, 0);
        return CF_OK;
    }
    cf_rank_rec **v = cf_grow(rk->recs, &rk->caprecs, rk->nrecs + 1, sizeof *v);
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


cf_rank_rec *cf_rank_rec_new(const cf_ranking *rk, const char *path, size_t path_len, unsigned line,
                             const char *report, size_t report_len, const char *const *str)
{
    unsigned long long at = 0;
    int spilled = 0;
    if (report && rk->o.spill) {
        /* the report waits in the spill: memory holds only its place */
        if (rk->o.spill->store(rk->o.spill->ctx, report, report_len, &at))
            return NULL;
        spilled = 1;
        report = NULL;
    }
    /* a spilled report holds the strings, and json and ndjson print it; the
     * name and the id stay for a result the knock-outs may set aside */
    const char *kept[CF_RANK_NSTR] = {NULL};
    const cf_rank_opts *o = &rk->o;
    if (str && spilled && (o->nrequire || o->min_coding_years > 0 || o->settings || o->remote)) {
        kept[CF_RANK_NAME] = str[CF_RANK_NAME];
        kept[CF_RANK_ID] = str[CF_RANK_ID];
    }
    if (!str || spilled)
        str = kept;
    size_t qbytes = (size_t)rk->nq * sizeof(short);
    size_t size = sizeof(cf_rank_rec) + qbytes + path_len + 1 + (report ? report_len + 1 : 0), slen[CF_RANK_NSTR];
    for (int i = 0; i < CF_RANK_NSTR; i++) {
        slen[i] = str[i] ? strlen(str[i]) : 0;
        size += str[i] ? slen[i] + 1 : 0;
    }
    cf_rank_rec *r = cf_malloc(size);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->dup = -1;
    char *p = (char *)r + sizeof(cf_rank_rec) + qbytes;
    memcpy(p, path, path_len);
    p[path_len] = '\0';
    r->path = p;
    p += path_len + 1;
    r->line = line;
    r->spilled = spilled;
    r->report_at = at;
    r->report_len = spilled ? report_len : 0;
    if (report) {
        r->report = p;
        memcpy(r->report, report, report_len);
        r->report[report_len] = '\0';
        r->report_len = report_len;
        p += report_len + 1;
    }
    for (int i = 0; i < CF_RANK_NSTR; i++) {
        if (!str[i])
            continue;
        memcpy(p, str[i], slen[i] + 1);
        r->s[i] = p;
        p += slen[i] + 1;
    }
    return r;
}


/* ---- adding results -------------------------------------------------------- */

cf_status cf_rank_tally(cf_ranking *rk, cf_rank_rec *r)
{
    rk->scored++;
    rk->sum10 += r->score10;
    rk->hist[r->score10]++;
    for (int i = 0; i < rk->nq; i++) {
        rk->qsum10[i] += r->q10[i];
        rk->hist[(size_t)(i + 1) * CF_RANK_HIST + (size_t)r->q10[i]]++;
    }
    rk->warnings += r->nwarn;
    rk->warned += r->nwarn > 0;
    cf_rank_named *t = &rk->tiers[r->tier];
    t->count++;
    if (r->score10 > t->best10)
        t->best10 = r->score10;
    if (!r->eligible)
        rk->ineligible++;
    return keep(rk, r);
}

cf_status cf_ranking_add(cf_ranking *rk, const cf_report *rep)
{
    const cf_rubric *ru = rep->r;
    int nq = (int)ru->nqualities;
    /* one rubric per run, set by cf_ranking_expect or the first report */
    if (!rk->checksum || rk->as_of_day != rep->as_of) {
        cf_status st = cf_ranking_expect(rk, ru, rep->as_of);
        if (st)
            return st;
    } else if (strcmp(rk->checksum, ru->checksum) != 0) {
        return cf_bug("a ranking was given reports of two rubrics");
    }
    char *json = NULL;
    size_t len = 0;
    if (rk->o.keep_reports && cf_report_json(rep, 0, &json, &len) != CF_OK)
        return CF_ESYSTEM;
    if (len && json[len - 1] == '\n')
        len--;
    cf_buf gates = {0};
    for (size_t g = 0; g < ru->ngates; g++)
        if (!rep->gate_passed[g]) {
            if (gates.len)
                cf_buf_puts(&gates, "; ");
            cf_buf_puts(&gates, ru->gates[g].label ? ru->gates[g].label : ru->gates[g].id);
        }
    cf_buf facts = {0};
    cf_report_facts_line(rep, &facts);
    const char *str[CF_RANK_NSTR] = {rep->who.name, rep->who.email, rep->who.phone, rep->who.location,
                                     gates.len ? gates.s : NULL, rep->who.id,
                                     facts.len ? facts.s : NULL};
    cf_rank_rec *r = gates.oom || facts.oom
                         ? NULL
                         : cf_rank_rec_new(rk, rep->path, strlen(rep->path), rep->line, json, len, str);
    cf_free(json);
    cf_buf_free(&gates);
    cf_buf_free(&facts);
    if (!r)
        return CF_ESYSTEM;
    r->knock = cf_knockouts(&rk->o, &rep->facts);
    r->score10 = cf_tenths(rep->score);
    r->eligible = rep->eligible;
    r->nwarn = (unsigned)cf_report_warnings(rep);
    r->comp1000 = (int)lround(rep->completeness * 1000);
    r->key[0] = rep->who.email_key;
    r->key[1] = rep->who.phone_key;
    r->key[2] = rep->who.content;
    for (int i = 0; i < nq; i++)
        r->q10[i] = (short)cf_tenths(rep->qscore[i]);
    int bad = cf_rank_set_tier(rk, r, cf_report_tier(rep), cf_report_tier_label(rep), (int)rep->tier + 1);
    for (size_t g = 0; g < ru->ngates && !bad; g++)
        if (!rep->gate_passed[g])
            bad = cf_rank_gate_failed(rk, ru->gates[g].id, ru->gates[g].label);
    if (bad) {
        cf_free(r);
        return CF_ESYSTEM;
    }
    return cf_rank_tally(rk, r);
}

cf_status cf_ranking_add_error(cf_ranking *rk, const char *source, unsigned line, unsigned col,
                               const char *message)
{
    cf_rank_err *v = cf_grow(rk->errs, &rk->caperrs, rk->nerrs + 1, sizeof *v);
    if (!v)
        return CF_ESYSTEM;
    rk->errs = v;
    cf_rank_err *e = &rk->errs[rk->nerrs];
    char id[CF_BLIND_ID_SIZE];
    if (rk->o.blind) {
        cf_blind_id(rk->o.blind, source, id);
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


cf_status cf_ranking_add_skipped(cf_ranking *rk, const char *path)
{
    char **v = cf_grow(rk->skipped, &rk->capskipped, rk->nskipped + 1, sizeof *v);
    if (!v)
        return CF_ESYSTEM;
    rk->skipped = v;
    if (!(v[rk->nskipped] = cf_strdup(path)))
        return CF_ESYSTEM;
    rk->nskipped++;
    return CF_OK;
}

cf_status cf_ranking_absorb(cf_ranking *dst, cf_ranking *src)
{
    if (src->checksum) {
        int idn = cf_rank_identity(dst, src->rubric_id, src->rubric_version, src->checksum, src->as_of, src->nq,
                                   (const char *const *)src->qid, (const char *const *)src->qname);
        if (idn == 0 && cf_rank_title(dst, src->rubric_title))
            idn = -1;
        if (idn > 0)
            return cf_bug("rankings of two rubrics or two dates were joined");
        if (idn)
            return CF_ESYSTEM;
    }
    /* map src's tiers onto dst's; gates are counted by id */
    int *tmap = cf_malloc((src->ntiers ? (size_t)src->ntiers : 1) * sizeof *tmap);
    if (!tmap)
        return CF_ESYSTEM;
    for (int i = 0; i < src->ntiers; i++) {
        tmap[i] = intern(&dst->tiers, &dst->ntiers, &dst->captiers, src->tiers[i].id, src->tiers[i].label);
        if (tmap[i] < 0) {
            cf_free(tmap);
            return CF_ESYSTEM;
        }
        dst->tiers[tmap[i]].count += src->tiers[i].count;
        if (src->tiers[i].rank)
            dst->tiers[tmap[i]].rank = src->tiers[i].rank;
        if (src->tiers[i].best10 > dst->tiers[tmap[i]].best10)
            dst->tiers[tmap[i]].best10 = src->tiers[i].best10;
    }
    for (int i = 0; i < src->ngates; i++) {
        int k = intern(&dst->gates, &dst->ngates, &dst->capgates, src->gates[i].id, src->gates[i].label);
        if (k < 0) {
            cf_free(tmap);
            return CF_ESYSTEM;
        }
        dst->gates[k].count += src->gates[i].count;
    }
    dst->scored += src->scored;
    dst->ineligible += src->ineligible;
    dst->warnings += src->warnings;
    dst->warned += src->warned;
    dst->sum10 += src->sum10;
    for (int i = 0; i < src->nq; i++)
        dst->qsum10[i] += src->qsum10[i];
    for (size_t i = 0; src->hist && i < (size_t)(src->nq + 1) * CF_RANK_HIST; i++)
        dst->hist[i] += src->hist[i];
    cf_status st = CF_OK;
    for (size_t i = 0; i < src->nrecs; i++) {
        cf_rank_rec *r = src->recs[i];
        r->tier = tmap[r->tier];
        if (!st)
            st = keep(dst, r);
        else
            cf_free(r);
    }
    cf_free(tmap);
    src->nrecs = 0;
    for (size_t i = 0; i < src->nerrs; i++) {
        cf_rank_err *e = &src->errs[i];
        if (!st)
            st = cf_ranking_add_error(dst, e->source, e->line, e->col, e->message);
        cf_free(e->source);
        cf_free(e->message);
    }
    src->nerrs = 0;
    for (size_t i = 0; i < src->naside; i++) {
        if (!st)
            st = put_aside(dst, &src->aside[i]);
        else
            aside_free(&src->aside[i]);
    }
    src->naside = 0;
    for (size_t i = 0; i < src->nskipped; i++) {
        if (!st)
            st = cf_ranking_add_skipped(dst, src->skipped[i]);
        cf_free(src->skipped[i]);
    }
    src->nskipped = 0;
    dst->dups += src->dups;
    dst->dropped += src->dropped;
    src->dups = src->dropped = 0;
    src->scored = src->failed = src->ineligible = src->warnings = src->warned = 0;
    return st;
}

