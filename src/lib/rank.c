/* Rankings: sorted results and a summary, from scored reports or from the
 * NDJSON reports of shards scored elsewhere.
 *
 * Everything here works on the figures as a report prints them (scores in
 * tenths), so that a merge of shards, which has only the printed reports,
 * gives exactly the bytes of one run over all inputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rank.h"

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
    for (size_t i = 0; i < rk->nskipped; i++)
        cf_free(rk->skipped[i]);
    cf_free(rk->skipped);
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
    cf_strset_free(&rk->merged);
    cf_free(rk);
}

unsigned long cf_ranking_scored(const cf_ranking *rk) { return rk->scored; }

static int identity(cf_ranking *rk, const char *id, const char *version, const char *checksum,
                    const char *as_of, int nq, const char *const *qid, const char *const *qname);
static void put10(cf_buf *b, int v10);

cf_status cf_ranking_expect(cf_ranking *rk, const cf_rubric *r, cf_day as_of)
{
    const char *qid[MAXQ], *qname[MAXQ];
    int nq = (int)r->nqualities;
    if (nq > MAXQ)
        return CF_ESYSTEM;
    for (int i = 0; i < nq; i++) {
        qid[i] = r->qualities[i].id;
        qname[i] = r->qualities[i].name;
    }
    char day[11];
    cf_day_format(as_of, day);
    rk->as_of_day = as_of;
    return identity(rk, r->id, r->version, r->checksum, day, nq, qid, qname) ? CF_ESYSTEM : CF_OK;
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
unsigned long cf_ranking_failed(const cf_ranking *rk) { return rk->failed; }

const char *cf_ranking_as_of(const cf_ranking *rk) { return rk->as_of; }

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

/* Whether two results are the same person: the same e-mail, phone or
 * profile content. */
static int same_person(const rec *a, const rec *b)
{
    for (int i = 0; i < 3; i++)
        if (a->key[i] && a->key[i] == b->key[i])
            return 1;
    return 0;
}

/* With dedupe and a top N, a result that would be kept takes the place of
 * a worse one of the same person, or is dropped for a better one; so the
 * heap holds the best N people (1: r was placed or dropped). */
static int dedupe_into(cf_ranking *rk, rec *r)
{
    for (size_t i = 0; i < rk->nrecs; i++) {
        if (!same_person(r, rk->recs[i]))
            continue;
        rk->dups++;
        rk->dropped++;
        if (rec_cmp(r, rk->recs[i]) < 0) {
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

/* Keeps r (taking ownership) if it is selected and, with a top N, among
 * the best N.  The heap holds the worst kept result on top. */
static cf_status keep(cf_ranking *rk, rec *r)
{
    if (!selected(rk, r)) {
        cf_free(r);
        return CF_OK;
    }
    if (rk->o.top && rk->nrecs == rk->o.top && rec_cmp(r, rk->recs[0]) >= 0) {
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

/* A record of the ranking for what was read at path[0..path_len), line,
 * with its strings (each may be NULL) copied into the same block. */
static rec *new_rec(const cf_ranking *rk, const char *path, size_t path_len, unsigned line, const char *report,
                    size_t report_len, const char *const str[R_NSTR])
{
    unsigned long long at = 0;
    int spilled = 0;
    if (report && rk->o.spill) {
        /* the report waits in the spill: memory holds only its place */
        if (rk->o.spill->store(rk->o.spill->ctx, report, report_len, &at))
            return NULL;
        spilled = 1;
        report = NULL;
        str = NULL;   /* the report holds them, and json and ndjson print it */
    }
    static const char *const none[R_NSTR];
    if (!str)
        str = none;
    size_t qbytes = (size_t)rk->nq * sizeof(short);
    size_t size = sizeof(rec) + qbytes + path_len + 1 + (report ? report_len + 1 : 0), slen[R_NSTR];
    for (int i = 0; i < R_NSTR; i++) {
        slen[i] = str[i] ? strlen(str[i]) : 0;
        size += str[i] ? slen[i] + 1 : 0;
    }
    rec *r = cf_malloc(size);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->dup = -1;
    char *p = (char *)r + sizeof(rec) + qbytes;
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
    for (int i = 0; i < R_NSTR; i++) {
        if (!str[i])
            continue;
        memcpy(p, str[i], slen[i] + 1);
        r->s[i] = p;
        p += slen[i] + 1;
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
    int nq = (int)ru->nqualities;
    /* one rubric per run: a mismatch is a bug */
    if (!rk->checksum || rk->as_of_day != rep->as_of) {
        if (cf_ranking_expect(rk, ru, rep->as_of))
            return CF_ESYSTEM;
    } else if (strcmp(rk->checksum, ru->checksum) != 0) {
        return CF_ESYSTEM;
    }
    char *json = NULL;
    size_t len = 0;
    if (rk->o.keep_reports && cf_report_json(rep, 0, &json, &len) != CF_OK)
        return CF_ESYSTEM;
    if (len && json[len - 1] == '\n')
        len--;
    int failed[MAXG], nfailed = 0;
    cf_buf gates = {0}, gap = {0};
    for (size_t g = 0; g < ru->ngates; g++)
        if (!rep->gate_passed[g]) {
            int k = nfailed < MAXG ? intern(rk->gates, &rk->ngates, MAXG, ru->gates[g].id, ru->gates[g].label) : -1;
            if (k >= 0)
                failed[nfailed++] = k;
            if (gates.len)
                cf_buf_puts(&gates, "; ");
            cf_buf_puts(&gates, ru->gates[g].label ? ru->gates[g].label : ru->gates[g].id);
        }
    if (rep->ngaps) {
        const cf_result *res = &rep->res[rep->gaps[0]];
        cf_buf_puts(&gap, res->c->label ? res->c->label : res->c->id);
        cf_buf_puts(&gap, " (+");
        put10(&gap, (int)lround(cf_gap_points(res) * 10));
        cf_buf_putc(&gap, ')');
    }
    const char *str[R_NSTR] = {rep->who.name, rep->who.email, rep->who.phone, rep->who.location,
                               gates.len ? gates.s : NULL, gap.len ? gap.s : NULL};
    rec *r = gates.oom || gap.oom ? NULL : new_rec(rk, rep->path, strlen(rep->path), rep->line, json, len, str);
    cf_free(json);
    cf_buf_free(&gates);
    cf_buf_free(&gap);
    if (!r)
        return CF_ESYSTEM;
    r->score10 = cf_tenths(rep->score);
    r->eligible = rep->eligible;
    r->nwarn = (unsigned)cf_report_warnings(rep);
    r->comp1000 = (int)lround(rep->completeness * 1000);
    r->key[0] = rep->who.email_key;
    r->key[1] = rep->who.phone_key;
    r->key[2] = rep->who.content;
    for (int i = 0; i < nq; i++)
        r->q10[i] = (short)cf_tenths(rep->qscore[i]);
    r->tier = intern(rk->tiers, &rk->ntiers, MAXT, cf_report_tier(rep), cf_report_tier_label(rep));
    r->trank = (int)rep->tier + 1;
    if (r->tier >= 0)
        rk->tiers[r->tier].rank = r->trank;
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

/* 1 when a report or failure of source was merged before (a shard given
 * twice, or shards that overlap): it is counted once, with a warning.  0
 * the first time; -1 when memory ran out. */
static int merged_again(cf_ranking *rk, const char *source, const char *file, unsigned line,
                        cf_diags *d)
{
    int in = cf_strset_add(&rk->merged, source, strlen(source), NULL);
    if (in > 0)
        cf_diag_add(d, file, line, 1, CF_SEV_WARNING, "merged-twice",
                    "%.200s was merged before: counted once", source);
    return in;
}

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
        int again = merged_again(rk, sv.err_source, file, line, d);
        st = again < 0 ? CF_ESYSTEM
             : again   ? CF_OK
                       : cf_ranking_add_error(rk, sv.err_source, sv.err_line, sv.err_col, sv.err_message);
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
    int again = merged_again(rk, source, file, line, d);
    if (again) {
        st = again < 0 ? CF_ESYSTEM : CF_OK;
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
        static const char dup[] = "\"duplicate_of\":\"";
        if (comma && (size_t)(body + blen - comma) > sizeof dup && memcmp(comma + 1, dup, sizeof dup - 1) == 0) {
            /* and the "duplicate_of" after it: a string, then a comma */
            const char *p = comma + sizeof dup, *e = body + blen;
            while (p < e && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (p + 1 < e && p[1] == ',')
                comma = p + 1;
        }
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
    cf_applicant who = {0};
    cf_buf gates_s = {0}, gap = {0};
    const cJSON *g;
    cJSON_ArrayForEach(g, gates) {
        const char *gl = cf_get_str(g, "label") ? cf_get_str(g, "label") : cf_get_str(g, "id");
        if (gl && cJSON_IsFalse(cf_get(g, "passed"))) {
            if (gates_s.len)
                cf_buf_puts(&gates_s, "; ");
            cf_buf_puts(&gates_s, gl);
        }
    }
    {
        const cJSON *g0 = cJSON_GetArrayItem(sv.gaps, 0), *pts = cf_get(g0, "points");
        const char *gl = cf_get_str(g0, "label");
        if (gl && cJSON_IsNumber(pts))
            cf_buf_printf(&gap, "%s (+%.1f)", gl, pts->valuedouble);
    }
    const char *str[R_NSTR] = {NULL};
    if (cf_applicant_from_saved(sv.applicant, &who) || gates_s.oom || gap.oom)
        r = NULL;
    else {
        str[R_NAME] = who.name;
        str[R_EMAIL] = who.email;
        str[R_PHONE] = who.phone;
        str[R_LOCATION] = who.location;
        str[R_GATES] = gates_s.len ? gates_s.s : NULL;
        str[R_GAP] = gap.len ? gap.s : NULL;
        r = new_rec(rk, source, path_len, rline, rk->o.keep_reports ? body : NULL, blen, str);
    }
    cf_buf_free(&b);
    cf_buf_free(&gates_s);
    cf_buf_free(&gap);
    if (!r) {
        cf_applicant_free(&who);
        st = CF_ESYSTEM;
        goto out;
    }
    r->key[0] = who.email_key;
    r->key[1] = who.phone_key;
    r->key[2] = cf_fingerprint_parse(sv.fingerprint);
    cf_applicant_free(&who);
    r->comp1000 = cJSON_IsNumber(sv.completeness) ? (int)lround(sv.completeness->valuedouble * 1000) : -1;
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

/* ---- output ----------------------------------------------------------------- */

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void cf_rank_flush(out *o, int force)
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

void cf_rank_source(cf_buf *b, const rec *r)
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

/* The CSV: one row for every input, scored (ranked) or refused, under a
 * header that does not depend on what scored. */
static void write_csv(cf_ranking *rk, out *o, int bom)
{
    cf_buf *b = &o->b;
    if (bom)
        cf_buf_puts(b, "\xef\xbb\xbf");
    cf_buf_puts(b, "rank,status,name,email,phone,source,score,tier,tier_label,eligible,completeness");
    for (int i = 0; i < rk->nq; i++) {
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->qid[i]);
    }
    cf_buf_puts(b, ",failed_gates,top_gap,warnings,duplicate_of\r\n");
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        put_uint(b, k + 1);
        cf_buf_puts(b, ",scored");
        for (int i = R_NAME; i <= R_PHONE; i++) {
            cf_buf_putc(b, ',');
            cf_buf_csv(b, r->s[i] ? r->s[i] : "");
        }
        cf_buf_putc(b, ',');
        src.len = 0;
        cf_rank_source(&src, r);
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
        put10(b, r->score10);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->tiers[r->tier].id);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, tier_label(rk, r));
        cf_buf_puts(b, r->eligible ? ",true," : ",false,");
        if (r->comp1000 >= 0)
            cf_buf_printf(b, "%d.%03d", r->comp1000 / 1000, r->comp1000 % 1000);
        for (int i = 0; i < rk->nq; i++) {
            cf_buf_putc(b, ',');
            put10(b, r->q10[i]);
        }
        cf_buf_putc(b, ',');
        cf_buf_csv(b, r->s[R_GATES] ? r->s[R_GATES] : "");
        cf_buf_putc(b, ',');
        cf_buf_csv(b, r->s[R_GAP] ? r->s[R_GAP] : "");
        cf_buf_putc(b, ',');
        put_uint(b, r->nwarn);
        cf_buf_putc(b, ',');
        if (r->dup >= 0) {
            src.len = 0;
            cf_rank_source(&src, rk->recs[r->dup]);
            cf_buf_csv(b, src.s ? src.s : "");
        }
        cf_buf_puts(b, "\r\n");
        cf_rank_flush(o, 0);
    }
    /* a refused input: its status says why; every figure is empty */
    for (size_t k = 0; k < rk->nerrs; k++) {
        const err_rec *e = &rk->errs[k];
        src.len = 0;
        cf_buf_puts(&src, "refused: ");
        if (e->line)
            cf_buf_printf(&src, "line %u, column %u: ", e->line, e->col);
        cf_buf_puts(&src, e->message);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_puts(b, ",,,,");
        cf_buf_csv(b, e->source);
        for (int i = 0; i < 9 + rk->nq; i++)
            cf_buf_putc(b, ',');
        cf_buf_puts(b, "\r\n");
        cf_rank_flush(o, 0);
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
    cf_jw_num(w, "skipped", (double)rk->nskipped, 0);
    cf_jw_num(w, "selected", (double)rk->nrecs, 0);
    cf_jw_num(w, "duplicates", (double)rk->dups, 0);
    cf_jw_num(w, "duplicates_dropped", (double)rk->dropped, 0);
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
    cf_buf src = {0};
    if (r->dup >= 0) {
        cf_rank_source(&src, rk->recs[r->dup]);
        cf_buf_puts(b, "\"duplicate_of\":");
        cf_buf_json_str(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
    }
    if (r->report) {
        cf_buf_add(b, r->report + 1, r->report_len - 1);
        cf_buf_free(&src);
        return;
    }
    if (r->spilled) {
        char *t = cf_malloc(r->report_len ? r->report_len : 1);
        if (!t || rk->o.spill->load(rk->o.spill->ctx, r->report_at, t, r->report_len))
            b->oom = 1;   /* the write fails: a report is never left out */
        else
            cf_buf_add(b, t + 1, r->report_len - 1);
        cf_free(t);
        cf_buf_free(&src);
        return;
    }
    src.len = 0;
    cf_rank_source(&src, r);
    cf_buf_puts(b, "\"source\":");
    cf_buf_json_str(b, src.s ? src.s : "");
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    static const char *const keys[] = {"name", "email", "phone", "location"};
    int any = 0;
    for (int i = R_NAME; i <= R_LOCATION; i++) {
        if (!r->s[i])
            continue;
        cf_buf_puts(b, any++ ? ",\"" : ",\"applicant\":{\"");
        cf_buf_puts(b, keys[i - R_NAME]);
        cf_buf_puts(b, "\":");
        cf_buf_json_str(b, r->s[i]);
    }
    if (any)
        cf_buf_putc(b, '}');
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
        cf_rank_flush(o, 0);
    }
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "errors", '[');
    for (size_t k = 0; k < rk->nerrs; k++)
        json_error(&w, &rk->errs[k]);
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "skipped", '[');
    for (size_t k = 0; k < rk->nskipped; k++)
        cf_jw_str(&w, NULL, rk->skipped[k]);
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(&o->b, '\n');
}

static void write_ndjson(cf_ranking *rk, out *o)
{
    for (size_t k = 0; k < rk->nrecs; k++) {
        ranked_report(rk, &o->b, k + 1, rk->recs[k]);
        cf_buf_putc(&o->b, '\n');
        cf_rank_flush(o, 0);
    }
    for (size_t k = 0; k < rk->nerrs; k++) {
        cf_jw w = {&o->b, 0, 0, {0}};
        cf_buf_puts(&o->b, "{\"error\":");
        json_error(&w, &rk->errs[k]);
        cf_buf_puts(&o->b, "}\n");
    }
}

/* Short column heads for qualities: the first n letters of the id. */
static void qhead(char *dst, const char *id, int n)
{
    snprintf(dst, (size_t)n + 1, "%s", id);
}

/* One sentence of the summary: wrapped to the width, control characters
 * shown as ?; in Markdown, a paragraph. */
static void say(cf_buf *b, cf_buf *t, int md, int width)
{
    if (!t->s || t->oom) {
        b->oom |= t->oom;
        t->len = 0;
        return;
    }
    if (md) {
        cf_buf_add(b, t->s, t->len);
        cf_buf_puts(b, "\n\n");
    } else {
        cf_buf shown = {0};
        cf_buf_shown(&shown, t->s, t->len);
        if (shown.s)
            cf_buf_wrap(b, shown.s, 2, width);
        b->oom |= shown.oom;
        cf_buf_free(&shown);
    }
    t->len = 0;
}

static void text_summary(cf_ranking *rk, cf_buf *b, int md, int width)
{
    int order[MAXT > MAXG ? MAXT : MAXG];
    void (*esc)(cf_buf *, const char *) = md ? cf_buf_md : cf_buf_puts;
    cf_buf t = {0};
    unsigned long inputs = rk->scored + rk->failed;
    cf_buf_printf(b, "\n%sSummary\n\n", md ? "## " : "");
    cf_buf_printf(&t, "%lu input%s: %lu scored, %lu failed", inputs, inputs == 1 ? "" : "s", rk->scored, rk->failed);
    if (rk->nskipped)
        cf_buf_printf(&t, "; %zu file%s skipped", rk->nskipped, rk->nskipped == 1 ? "" : "s");
    say(b, &t, md, width);
    if (rk->nskipped) {
        cf_buf_printf(&t, "Skipped %zu file%s that %s not JSON: ", rk->nskipped, rk->nskipped == 1 ? "" : "s",
                      rk->nskipped == 1 ? "is" : "are");
        for (size_t i = 0; i < rk->nskipped && i < 10; i++) {
            if (i)
                cf_buf_puts(&t, ", ");
            esc(&t, rk->skipped[i]);
        }
        if (rk->nskipped > 10)
            cf_buf_printf(&t, " and %zu more", rk->nskipped - 10);
        cf_buf_puts(&t, "; convert them to JSON Resume first");
        say(b, &t, md, width);
    }
    if (rk->warnings) {
        cf_buf_printf(&t, "Warnings: %lu field%s left out of scoring, in %lu profile%s", rk->warnings,
                      rk->warnings == 1 ? "" : "s", rk->warned, rk->warned == 1 ? "" : "s");
        say(b, &t, md, width);
    }
    if (rk->dups) {
        cf_buf_printf(&t, "Duplicates: %lu result%s the same person as a better one (same e-mail, phone or "
                      "profile)", rk->dups, rk->dups == 1 ? " is" : "s are");
        if (rk->dropped)
            cf_buf_printf(&t, ", %lu left out by --dedupe", rk->dropped);
        int n = 0;
        for (size_t k = 0; k < rk->nrecs && n < 10; k++)
            if (rk->recs[k]->dup >= 0)
                cf_buf_printf(&t, "%s#%zu as #%ld", n++ ? ", " : ": ", k + 1, rk->recs[k]->dup + 1);
        say(b, &t, md, width);
    }
    tier_order(rk, order);
    cf_buf_puts(&t, "Tiers: ");
    for (int i = 0; i < rk->ntiers; i++) {
        cf_buf_puts(&t, i ? ", " : "");
        esc(&t, rk->tiers[order[i]].label);
        cf_buf_printf(&t, " %lu", rk->tiers[order[i]].count);
    }
    cf_buf_puts(&t, rk->ntiers ? "" : "none");
    say(b, &t, md, width);
    cf_buf_printf(&t, "Not eligible: %lu", rk->ineligible);
    gate_order(rk, order);
    for (int i = 0; i < rk->ngates && i < 3; i++) {
        cf_buf_puts(&t, i ? ", " : "; gates failed most: ");
        esc(&t, rk->gates[order[i]].label);
        cf_buf_printf(&t, " (%lu)", rk->gates[order[i]].count);
    }
    say(b, &t, md, width);
    cf_buf_free(&t);
    if (!md)
        cf_buf_putc(b, '\n');
    int name_w = width - 17 < 38 ? width - 17 : 38;
    if (md)
        cf_buf_puts(b, "| quality | mean | median |\n| --- | ---: | ---: |\n");
    else
        cf_buf_printf(b, "  %-*s %6s  %6s\n", name_w, "quality", "mean", "median");
    for (int i = -1; i < rk->nq; i++) {
        const char *name = i < 0 ? "Total score" : rk->qname[i];
        double mean = rk->scored ? (i < 0 ? rk->sum10 : rk->qsum10[i]) / 10.0 / (double)rk->scored : 0;
        double med = median10(rk->hist + (i < 0 ? MAXQ : i) * HIST, rk->scored) / 10;
        if (md) {
            cf_buf_puts(b, "| ");
            cf_buf_md(b, name);
            cf_buf_printf(b, " | %.2f | %.2f |\n", mean, med);
        } else {
            cf_buf_puts(b, "  ");
            cf_buf_pad(b, name, name_w);
            cf_buf_printf(b, " %6.2f  %6.2f\n", mean, med);
        }
    }
}

static void text_errors(cf_ranking *rk, cf_buf *b, int md, int width)
{
    if (!rk->nerrs)
        return;
    cf_buf_printf(b, "\n%sErrors\n\n", md ? "## " : "");
    cf_buf t = {0};
    for (size_t k = 0; k < rk->nerrs; k++) {
        const err_rec *e = &rk->errs[k];
        if (md)
            cf_buf_puts(b, "- ");
        (md ? cf_buf_md : cf_buf_puts)(&t, e->source);
        if (e->line)
            cf_buf_printf(&t, ":%u:%u", e->line, e->col);
        cf_buf_puts(&t, ": ");
        (md ? cf_buf_md : cf_buf_puts)(&t, e->message);
        if (md) {
            cf_buf_add(b, t.s, t.len);
            cf_buf_putc(b, '\n');
            t.len = 0;
        } else {
            say(b, &t, 0, width);
        }
    }
    b->oom |= t.oom;
    cf_buf_free(&t);
}

static void write_md(cf_ranking *rk, out *o)
{
    cf_buf *b = &o->b;
    char head[5];
    cf_buf_puts(b, "# Ranking\n\n");
    if (rk->rubric_id)
        cf_buf_printf(b, "Rubric `%s` %s, as of %s.\n\n", rk->rubric_id,
                      rk->rubric_version ? rk->rubric_version : "", rk->as_of);
    cf_buf_puts(b, "| rank | name | score | tier | eligible | warnings |");
    for (int i = 0; i < rk->nq; i++) {
        qhead(head, rk->qid[i], 4);
        cf_buf_printf(b, " %s |", head);
    }
    cf_buf_puts(b, " source |\n| ---: | --- | ---: | --- | --- | ---: |");
    for (int i = 0; i < rk->nq; i++)
        cf_buf_puts(b, " ---: |");
    cf_buf_puts(b, " --- |\n");
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        src.len = 0;
        cf_rank_source(&src, r);
        cf_buf_printf(b, "| %zu | ", k + 1);
        cf_buf_md(b, r->s[R_NAME] ? r->s[R_NAME] : "");
        if (r->dup >= 0)
            cf_buf_printf(b, " (as #%ld)", r->dup + 1);
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
        cf_buf_putc(b, ' ');
        cf_buf_md(b, src.s ? src.s : "");
        cf_buf_puts(b, " |\n");
        cf_rank_flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    text_summary(rk, b, 1, 100000);
    text_errors(rk, b, 1, 100000);
}

/* The terminal table's layout: which columns fit the width, and how wide. */
typedef struct layout {
    int tier_w, warn, quals, name_w, src_w;   /* quals 0, 4 or 6 columns each; widths 0: not shown */
} layout;

static int layout_width(const cf_ranking *rk, const layout *l)
{
    int w = 5 + 2 + 5 + 2 + l->tier_w + 2 + 4 + (l->warn ? 6 : 0) + l->quals * rk->nq;
    if (l->name_w)
        w += 2 + l->name_w;
    if (l->src_w)
        w += 2 + l->src_w;
    return w;
}

/* The richest layout that fits: every quality in full, then short ones,
 * then none; the name before the source.  A column that does not fit is
 * left out and said so. */
static layout text_layout(const cf_ranking *rk, int width, int *any_warn)
{
    int tier_w = 4, name_nat = 0, src_nat = 6, warn = 0;
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        int t = cf_text_cols(tier_label(rk, r));
        tier_w = t > tier_w ? t : tier_w;
        if (r->s[R_NAME]) {
            int n = cf_text_cols(r->s[R_NAME]) + (r->dup >= 0 ? 8 : 0);
            name_nat = n > name_nat ? n : name_nat;
        }
        src.len = 0;
        cf_rank_source(&src, r);
        int n = src.s ? cf_text_cols(src.s) : 0;
        src_nat = n > src_nat ? n : src_nat;
        warn |= r->nwarn > 0;
    }
    cf_buf_free(&src);
    if (tier_w > 14)
        tier_w = 14;
    if (name_nat) {
        name_nat = name_nat < 4 ? 4 : name_nat > 28 ? 28 : name_nat;
    }
    *any_warn = warn;
    layout l = {tier_w, warn, 6, name_nat, src_nat};
    if (width <= 0)
        return l;
    int name_min = name_nat < 12 ? name_nat : 12;
    const layout tries[] = {
        {tier_w, warn, 6, name_nat, 20}, {tier_w, warn, 4, name_nat, 16},
        {tier_w, warn, 4, name_min, 0},  {tier_w, warn, 0, name_nat, 16},
        {tier_w, warn, 0, name_min, 0},  {tier_w, 0, 0, name_min, 0},
    };
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        l = tries[i];
        if (!name_nat && !l.src_w)
            l.src_w = 12;   /* nothing names the result but its source */
        if (layout_width(rk, &l) > width)
            continue;
        int spare = width - layout_width(rk, &l);
        /* the room left: the name up to its length, then the source */
        int more = l.name_w && l.name_w < name_nat ? name_nat - l.name_w : 0;
        more = more < spare ? more : spare;
        l.name_w += more;
        spare -= more;
        if (l.src_w) {
            more = src_nat - l.src_w < spare ? src_nat - l.src_w : spare;
            l.src_w += more > 0 ? more : 0;
        }
        return l;
    }
    /* narrower than every layout: the tier label cut, the name given what is left */
    l = (layout){8, 0, 0, name_nat ? 4 : 0, name_nat ? 0 : 8};
    int spare = width - layout_width(rk, &l);
    if (spare > 0) {
        if (l.name_w)
            l.name_w += spare;
        else
            l.src_w += spare;
    }
    return l;
}

/* s in w columns: cut at the start (a path keeps its file name) or the
 * end (a name keeps its beginning), padded when pad is set. */
static void cell(cf_buf *b, const char *s, int w, int keep_end, int pad)
{
    int n = cf_text_cols(s);
    if (n > w && w >= 4) {
        if (keep_end) {
            const char *p = s;
            for (int skip = n - (w - 3); skip > 0; skip--)
                for (p++; (*p & 0xC0) == 0x80; p++)
                    ;
            cf_buf_puts(b, "...");
            cf_buf_shown(b, p, strlen(p));
        } else {
            cf_buf_pad(b, s, w - 3);
            cf_buf_puts(b, "...");
        }
    } else if (pad) {
        cf_buf_pad(b, s, w);
    } else {
        cf_buf_pad(b, s, n < w ? n : w);
    }
}

static void write_text(cf_ranking *rk, out *o, int width, int color)
{
    cf_buf *b = &o->b;
    char head[8];
    int any_warn;
    layout l = text_layout(rk, width, &any_warn);
    int wrap_w = width > 0 ? width : 100000;
    const char *bold = color ? C_BOLD : "", *reset = color ? C_RESET : "";
    if (rk->rubric_id) {
        cf_buf t = {0};
        cf_buf_printf(&t, "rubric %s %s, as of %s", rk->rubric_id, rk->rubric_version ? rk->rubric_version : "",
                      rk->as_of);
        if (t.s && 9 + (int)t.len <= wrap_w) {
            cf_buf_printf(b, "%sRanking%s  ", bold, reset);
            cf_buf_shown(b, t.s, t.len);
            cf_buf_puts(b, "\n\n");
        } else if (t.s) {
            cf_buf_printf(b, "%sRanking%s\n", bold, reset);
            cf_buf shown = {0};
            cf_buf_shown(&shown, t.s, t.len);
            if (shown.s)
                cf_buf_wrap(b, shown.s, 0, wrap_w);
            cf_buf_free(&shown);
            cf_buf_putc(b, '\n');
        }
        b->oom |= t.oom;
        cf_buf_free(&t);
    }
    cf_buf_printf(b, "%s rank  ", bold);
    if (l.name_w) {
        cell(b, "name", l.name_w, 0, 1);
        cf_buf_puts(b, "  ");
    }
    cf_buf_puts(b, "score  ");
    cell(b, "tier", l.tier_w, 0, 1);
    cf_buf_puts(b, "  elig");
    if (l.warn)
        cf_buf_puts(b, "  warn");
    for (int i = 0; l.quals && i < rk->nq; i++) {
        qhead(head, rk->qid[i], l.quals - 2 > 3 ? 4 : 3);
        cf_buf_printf(b, l.quals == 6 ? "  %4s" : " %3s", head);
    }
    if (l.src_w)
        cf_buf_puts(b, "  source");
    cf_buf_printf(b, "%s\n", reset);
    cf_buf src = {0}, name = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const rec *r = rk->recs[k];
        char sc[16];
        snprintf(sc, sizeof sc, "%d.%d", r->score10 / 10, r->score10 % 10);
        cf_buf_printf(b, "%5zu  ", k + 1);
        if (l.name_w) {
            name.len = 0;
            cf_buf_puts(&name, r->s[R_NAME] ? r->s[R_NAME] : "-");
            if (r->dup >= 0)
                cf_buf_printf(&name, " (as #%ld)", r->dup + 1);
            cell(b, name.s ? name.s : "", l.name_w, 0, 1);
            cf_buf_puts(b, "  ");
        }
        cf_buf_printf(b, "%5s  ", sc);
        cell(b, tier_label(rk, r), l.tier_w, 0, 1);
        cf_buf_puts(b, r->eligible ? "  yes " : "  no  ");
        if (l.warn && r->nwarn)
            cf_buf_printf(b, "  %4u", r->nwarn);
        else if (l.warn)
            cf_buf_puts(b, "      ");
        for (int i = 0; l.quals && i < rk->nq; i++)
            cf_buf_printf(b, l.quals == 6 ? " %5d" : " %3d", (r->q10[i] + 5) / 10);
        if (l.src_w) {
            src.len = 0;
            cf_rank_source(&src, r);
            cf_buf_puts(b, "  ");
            cell(b, src.s ? src.s : "", l.src_w, 1, 0);
        }
        cf_buf_putc(b, '\n');
        cf_rank_flush(o, 0);
    }
    b->oom |= src.oom || name.oom;
    cf_buf_free(&src);
    cf_buf_free(&name);
    if (width > 0 && rk->nrecs) {
        /* what the width left out, and where to find it */
        const char *gone[3];
        int ngone = 0;
        if (!l.quals && rk->nq)
            gone[ngone++] = "the qualities";
        if (any_warn && !l.warn)
            gone[ngone++] = "the warnings";
        if (!l.src_w)
            gone[ngone++] = "the source";
        cf_buf t = {0};
        if (ngone) {
            cf_buf_printf(&t, "Not shown at %d columns: ", width);
            for (int i = 0; i < ngone; i++)
                cf_buf_printf(&t, "%s%s", i ? (i == ngone - 1 ? " and " : ", ") : "", gone[i]);
            cf_buf_puts(&t, "; a wider terminal or -f csv shows every column");
        }
        if (l.quals == 4) {
            cf_buf_puts(&t, ngone ? ". " : "");
            cf_buf_puts(&t, "Qualities by the first three letters of their ids");
        }
        if (t.len) {
            cf_buf_putc(b, '\n');
            say(b, &t, 0, wrap_w);
        }
        cf_buf_free(&t);
    }
    text_summary(rk, b, 0, wrap_w);
    text_errors(rk, b, 0, wrap_w);
}

/* Marks each result that is the same person as a better one (the list is
 * sorted, best first) with that one's index; with dedupe, drops it. */
static cf_status mark_duplicates(cf_ranking *rk)
{
    size_t n = rk->nrecs, cap = 16;
    while (cap < n * 6)
        cap <<= 1;
    struct slot {
        uint64_t key;
        long idx;
    } *t = cf_calloc(cap, sizeof *t);
    if (!t)
        return CF_ESYSTEM;
    for (size_t i = 0; i < n; i++) {
        rec *r = rk->recs[i];
        size_t at[3];
        uint64_t kk[3];
        long first = -1;
        for (int k = 0; k < 3; k++) {
            at[k] = SIZE_MAX;
            if (!r->key[k])
                continue;
            /* the kind of key in its low bits: an e-mail is never a phone */
            kk[k] = (r->key[k] & ~(uint64_t)3) | (uint64_t)(k + 1);
            size_t j = (size_t)(kk[k] * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
            while (t[j].key && t[j].key != kk[k])
                j = (j + 1) & (cap - 1);
            if (t[j].key) {
                long f = t[j].idx;
                if (first < 0 || f < first)
                    first = f;
            } else {
                at[k] = j;
            }
        }
        if (first >= 0) {
            r->dup = first;
            rk->dups++;
        }
        for (int k = 0; k < 3; k++)
            if (at[k] != SIZE_MAX) {
                t[at[k]].key = kk[k];
                t[at[k]].idx = first >= 0 ? first : (long)i;
            }
    }
    cf_free(t);
    if (rk->o.dedupe) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (rk->recs[i]->dup >= 0) {
                cf_free(rk->recs[i]);
                rk->dropped++;
            } else {
                rk->recs[m++] = rk->recs[i];
            }
        }
        rk->nrecs = m;
    }
    return CF_OK;
}

cf_status cf_ranking_write(cf_ranking *rk, const cf_rank_write_opts *w, cf_sink sink, void *ctx)
{
    out o = {{0}, sink, ctx, 0};
    if (rk->nrecs > 1)
        qsort(rk->recs, rk->nrecs, sizeof *rk->recs, rec_qsort);
    if (rk->nerrs > 1)
        qsort(rk->errs, rk->nerrs, sizeof *rk->errs, err_cmp);
    if (rk->nskipped > 1)
        qsort(rk->skipped, rk->nskipped, sizeof *rk->skipped, strcmp_ptr);
    if (mark_duplicates(rk))
        return CF_ESYSTEM;
    switch (w->format) {
    case CF_RANK_CSV: write_csv(rk, &o, w->bom); break;
    case CF_RANK_JSON: write_json(rk, &o); break;
    case CF_RANK_NDJSON: write_ndjson(rk, &o); break;
    case CF_RANK_MD: write_md(rk, &o); break;
    case CF_RANK_HTML: cf_rank_write_html(rk, &o); break;
    default: write_text(rk, &o, w->width, w->color); break;
    }
    cf_rank_flush(&o, 1);
    int oom = o.b.oom;
    cf_buf_free(&o.b);
    if (rk->o.top)   /* the records are no longer a heap */
        rk->o.top = 0;
    return oom || o.failed ? CF_ESYSTEM : CF_OK;
}
