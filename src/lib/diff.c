/* What a rubric edit does: the changes between two rubrics, and how they
 * move the scores, tiers and ranks of a set of profiles.  Scores are
 * compared as printed (tenths), so that a change nobody can see is none. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"

typedef struct drow {
    char *source;
    int old10, new10;
    long old_key, new_key;    /* tier, then score: the order rank lists them in */
    char *old_tier, *new_tier;
    const char *old_label, *new_label;   /* the rubrics' */
    char *path;               /* the profile's file, for an annotation */
    unsigned line;
    int old_rank, new_rank;   /* 1-based, filled in when written */
    int approved;             /* its tier move is listed as expected */
} drow;

struct cf_diff {
    const cf_rubric *old, *new;
    drow *v;
    size_t n, cap;
};

cf_diff *cf_diff_new(const cf_rubric *old_r, const cf_rubric *new_r)
{
    cf_diff *df = cf_calloc(1, sizeof *df);
    if (df) {
        df->old = old_r;
        df->new = new_r;
    }
    return df;
}

void cf_diff_free(cf_diff *df)
{
    if (!df)
        return;
    for (size_t i = 0; i < df->n; i++) {
        cf_free(df->v[i].source);
        cf_free(df->v[i].path);
        cf_free(df->v[i].old_tier);
        cf_free(df->v[i].new_tier);
    }
    cf_free(df->v);
    cf_free(df);
}


cf_status cf_diff_add(cf_diff *df, const cf_report *old_rep, const cf_report *new_rep)
{
    drow *v = cf_grow(df->v, &df->cap, df->n + 1, sizeof *v);
    if (!v)
        return CF_ESYSTEM;
    df->v = v;
    drow *r = &df->v[df->n];
    memset(r, 0, sizeof *r);
    r->source = cf_strdup(old_rep->source);
    r->old_tier = cf_strdup(cf_report_tier(old_rep));
    r->new_tier = cf_strdup(cf_report_tier(new_rep));
    r->path = cf_strdup(old_rep->path ? old_rep->path : old_rep->source);
    r->line = old_rep->line;
    r->old_label = cf_report_tier_label(old_rep);
    r->new_label = cf_report_tier_label(new_rep);
    if (!r->source || !r->old_tier || !r->new_tier || !r->path) {
        cf_free(r->source);
        cf_free(r->path);
        cf_free(r->old_tier);
        cf_free(r->new_tier);
        return CF_ESYSTEM;
    }
    r->old10 = cf_tenths(old_rep->score);
    r->new10 = cf_tenths(new_rep->score);
    /* a higher tier first (rep->tier 0 is the highest), then the score */
    r->old_key = (1000L - (long)old_rep->tier) * 1001 + r->old10;
    r->new_key = (1000L - (long)new_rep->tier) * 1001 + r->new10;
    df->n++;
    return CF_OK;
}

/* ---- the rubrics' differences ----------------------------------------------- */

/* Everything a criterion's score depends on, as text, to tell whether it
 * changed (its weight is compared apart). */
static void fingerprint(cf_buf *b, const cf_criterion *c, const cf_rubric *r)
{
    cf_buf_printf(b, "%d|%s|%.17g|", (int)c->type, c->path.text ? c->path.text : "", c->missing);
    for (size_t i = 0; i < c->npairs; i++)
        cf_buf_printf(b, "%s=%.17g,", c->pairs[i].key, c->pairs[i].val);
    cf_buf_printf(b, "|%d|%d|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|%.17g|", c->combine_sum,
                  c->has_currency, c->renew_months, c->grace_days, c->lapsed, c->from, c->to,
                  c->full_within, c->zero_after, c->full);
    for (size_t i = 0; i < c->nwhere; i++) {
        cf_buf_printf(b, "%s:", c->where[i].key);
        for (size_t j = 0; j < c->where[i].nvalues; j++)
            cf_buf_printf(b, "%s,", c->where[i].values[j]);
    }
    for (size_t i = 0; i < c->nsources; i++)
        cf_buf_printf(b, "|%s=%.17g", r->sources[c->sources[i].src].text, c->sources[i].weight);
    cf_buf_printf(b, "|%.17g|", c->undated);
    if (c->nranges)
        cf_buf_printf(b, "ranges %s:", c->range_path.text);
    for (size_t i = 0; i < c->nranges; i++)
        cf_buf_printf(b, "%s=%.17g-%.17g,", c->ranges[i].value, c->ranges[i].from, c->ranges[i].to);
    for (size_t i = 0; i < c->nimplied; i++)
        cf_buf_printf(b, "|implied %s %d %.17g %.17g %.17g", c->implied[i].path.text, c->implied[i].flag,
                      c->implied[i].from, c->implied[i].to, c->implied[i].up_to);
    for (size_t i = 0; i < c->nterms; i++) {
        cf_buf_printf(b, "|%s:", c->terms[i].id);
        for (size_t j = 0; j < c->terms[i].naliases; j++) {
            const cf_alias *a = &c->terms[i].aliases[j];
            for (size_t k = 0; k < a->n; k++)
                cf_buf_printf(b, "%s ", r->vocab.words[a->ids[k]]);
            cf_buf_putc(b, ',');
        }
    }
}

static int same_criterion(const cf_criterion *a, const cf_rubric *ra, const cf_criterion *b,
                          const cf_rubric *rb, int *oom)
{
    cf_buf x = {0}, y = {0};
    fingerprint(&x, a, ra);
    fingerprint(&y, b, rb);
    int same = x.s && y.s && strcmp(x.s, y.s) == 0;
    *oom |= x.oom || y.oom;
    cf_buf_free(&x);
    cf_buf_free(&y);
    return same;
}

static const cf_quality *find_quality(const cf_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->nqualities; i++)
        if (strcmp(r->qualities[i].id, id) == 0)
            return &r->qualities[i];
    return NULL;
}

static const cf_criterion *find_criterion(const cf_quality *q, const char *id)
{
    for (size_t i = 0; q && i < q->ncriteria; i++)
        if (strcmp(q->criteria[i].id, id) == 0)
            return &q->criteria[i];
    return NULL;
}

/* A condition as text that two rubrics can compare: by ids, not labels. */
static void cond_key(cf_buf *b, const cf_cond *c, const cf_rubric *r)
{
    static const char *const ops[] = {">=", ">", "<=", "<"};
    switch (c->kind) {
    case CF_K_CRITERION:
        cf_buf_printf(b, "%s.%s %s %g", r->qualities[c->q].id, r->qualities[c->q].criteria[c->c].id,
                      ops[c->op], c->value);
        break;
    case CF_K_PATH:
        cf_buf_printf(b, "%s %s %g", c->path.text, ops[c->op], c->value);
        break;
    case CF_K_GATE:
        cf_buf_printf(b, "gate %s", r->gates[c->gate].id);
        break;
    default:
        cf_buf_puts(b, c->kind == CF_K_ANY ? "any(" : "all(");
        for (size_t i = 0; i < c->nsub; i++)
            cond_key(b, &c->sub[i], r);
        cf_buf_putc(b, ')');
    }
    if (c->if_missing >= 0)
        cf_buf_puts(b, c->if_missing ? " or missing" : " not missing");
    cf_buf_putc(b, ';');
}

static void gate_text(cf_buf *b, const cf_gate *g, const cf_rubric *r)
{
    cf_buf_printf(b, "%s:", g->any ? "any" : "all");
    for (size_t i = 0; i < g->nconds; i++)
        cond_key(b, &g->conds[i], r);
}

/* What a criterion's change is, value by value, a line each: "criterion
 * education.credential: points.CPC: 1 -> 0.5", "...: terms: +CDEO, -COC".
 * What only the fingerprint tells apart is one line "rule changed". */
static int num_differs(double x, double y)
{
    return x != y && !(x != x && y != y);   /* two NaNs: both unset */
}

static void crit_line(cf_buf *b, const char *qid, const char *cid, int *n, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void crit_line(cf_buf *b, const char *qid, const char *cid, int *n, const char *fmt, ...)
{
    va_list ap;
    cf_buf_printf(b, "criterion %s.%s: ", qid, cid);
    va_start(ap, fmt);
    cf_buf_vprintf(b, fmt, ap);
    va_end(ap);
    cf_buf_putc(b, '\n');
    (*n)++;
}

static const cf_pair *find_pair(const cf_criterion *c, const char *key)
{
    for (size_t i = 0; i < c->npairs; i++)
        if (strcmp(c->pairs[i].key, key) == 0)
            return &c->pairs[i];
    return NULL;
}

static const cf_term *find_term(const cf_criterion *c, const char *id)
{
    for (size_t i = 0; i < c->nterms; i++)
        if (strcmp(c->terms[i].id, id) == 0)
            return &c->terms[i];
    return NULL;
}

static void term_key(cf_buf *b, const cf_term *t, const cf_rubric *r)
{
    for (size_t j = 0; j < t->naliases; j++) {
        for (size_t k = 0; k < t->aliases[j].n; k++)
            cf_buf_printf(b, "%s ", r->vocab.words[t->aliases[j].ids[k]]);
        cf_buf_putc(b, ',');
    }
}

static void criterion_changes(cf_buf *b, const char *qid, const cf_criterion *ca, const cf_rubric *ra,
                              const cf_criterion *cb, const cf_rubric *rb, int *oom)
{
    int n = 0;
    const char *id = ca->id;
    if (ca->type != cb->type)
        crit_line(b, qid, id, &n, "type: %s -> %s", cf_ctype_name(ca->type), cf_ctype_name(cb->type));
    const char *pa = ca->path.text ? ca->path.text : "", *pb = cb->path.text ? cb->path.text : "";
    if (strcmp(pa, pb) != 0)
        crit_line(b, qid, id, &n, "path: %s -> %s", pa, pb);
    if (num_differs(ca->missing, cb->missing))
        crit_line(b, qid, id, &n, "missing: %g -> %g", ca->missing, cb->missing);
    const char *pairs = cb->type == CF_C_CREDENTIAL ? "points" : "levels";
    for (size_t i = 0; i < ca->npairs; i++) {
        const cf_pair *x = &ca->pairs[i], *y = find_pair(cb, x->key);
        if (!y)
            crit_line(b, qid, id, &n, "%s.%s: %g -> removed", pairs, x->key, x->val);
        else if (num_differs(x->val, y->val))
            crit_line(b, qid, id, &n, "%s.%s: %g -> %g", pairs, x->key, x->val, y->val);
    }
    for (size_t i = 0; i < cb->npairs; i++)
        if (!find_pair(ca, cb->pairs[i].key))
            crit_line(b, qid, id, &n, "%s.%s: added, %g", pairs, cb->pairs[i].key, cb->pairs[i].val);
    if (ca->combine_sum != cb->combine_sum)
        crit_line(b, qid, id, &n, "combine: %s -> %s", ca->combine_sum ? "sum" : "best", cb->combine_sum ? "sum" : "best");
    static const struct {
        const char *name;
        size_t off;
    } nums[] = {
        {"currency.renew_every_months", offsetof(cf_criterion, renew_months)},
        {"currency.grace_days", offsetof(cf_criterion, grace_days)},
        {"currency.lapsed", offsetof(cf_criterion, lapsed)},
        {"currency.reinstate_within_months", offsetof(cf_criterion, reinstate_months)},
        {"currency.retake", offsetof(cf_criterion, retake)},
        {"undated", offsetof(cf_criterion, undated)},
        {"from", offsetof(cf_criterion, from)},
        {"to", offsetof(cf_criterion, to)},
        {"full_within_months", offsetof(cf_criterion, full_within)},
        {"zero_after_months", offsetof(cf_criterion, zero_after)},
        {"full", offsetof(cf_criterion, full)},
    };
    if (ca->has_currency != cb->has_currency)
        crit_line(b, qid, id, &n, "currency: %s", cb->has_currency ? "added" : "removed");
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        double x = *(const double *)((const char *)ca + nums[i].off), y = *(const double *)((const char *)cb + nums[i].off);
        if (num_differs(x, y))
            crit_line(b, qid, id, &n, "%s: %g -> %g", nums[i].name, x, y);
    }
    /* terms by id: added, removed, or their words changed */
    cf_buf added = {0}, gone = {0};
    for (size_t i = 0; i < cb->nterms; i++)
        if (!find_term(ca, cb->terms[i].id))
            cf_buf_printf(&added, "%s+%s", added.len ? ", " : "", cb->terms[i].id);
    for (size_t i = 0; i < ca->nterms; i++)
        if (!find_term(cb, ca->terms[i].id))
            cf_buf_printf(&gone, "%s-%s", gone.len ? ", " : "", ca->terms[i].id);
    if (added.len || gone.len)
        crit_line(b, qid, id, &n, "terms: %s%s%s", added.len ? added.s : "", added.len && gone.len ? ", " : "",
                  gone.len ? gone.s : "");
    *oom |= added.oom || gone.oom;
    cf_buf_free(&added);
    cf_buf_free(&gone);
    for (size_t i = 0; i < ca->nterms; i++) {
        const cf_term *y = find_term(cb, ca->terms[i].id);
        if (!y)
            continue;
        cf_buf x1 = {0}, y1 = {0};
        term_key(&x1, &ca->terms[i], ra);
        term_key(&y1, y, rb);
        if ((x1.s || y1.s) && (!x1.s || !y1.s || strcmp(x1.s, y1.s) != 0))
            crit_line(b, qid, id, &n, "terms.%s: its words changed", y->id);
        *oom |= x1.oom || y1.oom;
        cf_buf_free(&x1);
        cf_buf_free(&y1);
    }
    if (!n && !same_criterion(ca, ra, cb, rb, oom))
        crit_line(b, qid, id, &n, "rule changed (where, ranges, implied_by or the sources of its terms)");
}

/* One line per change, in rubric order: qualities and their criteria, then
 * tiers, then gates; a quality's share of the score where it moves. */
static void rubric_changes(const cf_rubric *a, const cf_rubric *b, char ***out, size_t *n, int *oom)
{
    cf_buf lines = {0};
    double wa = 0, wb = 0;   /* the qualities' weights: a share is of their sum */
    for (size_t i = 0; i < a->nqualities; i++)
        wa += a->qualities[i].weight;
    for (size_t i = 0; i < b->nqualities; i++)
        wb += b->qualities[i].weight;
    if (!a->version || !b->version || strcmp(a->version, b->version) != 0)
        cf_buf_printf(&lines, "version %s -> %s\n", a->version ? a->version : "?", b->version ? b->version : "?");
    for (size_t i = 0; i < a->nqualities; i++) {
        const cf_quality *qa = &a->qualities[i], *qb = find_quality(b, qa->id);
        if (!qb) {
            cf_buf_printf(&lines, "quality %s removed\n", qa->id);
            continue;
        }
        double sa = qa->weight / wa * 100, sb = qb->weight / wb * 100;
        if (qa->weight != qb->weight)
            cf_buf_printf(&lines, "quality %s: weight %g -> %g, share %.1f%% -> %.1f%% (of %g -> of %g)\n", qa->id,
                          qa->weight, qb->weight, sa, sb, wa, wb);
        else if (cf_tenths(sa) != cf_tenths(sb))
            cf_buf_printf(&lines, "quality %s: share %.1f%% -> %.1f%% (weight %g of %g -> of %g)\n", qa->id, sa, sb,
                          qa->weight, wa, wb);
        for (size_t j = 0; j < qa->ncriteria; j++) {
            const cf_criterion *ca = &qa->criteria[j], *cb = find_criterion(qb, ca->id);
            if (!cb) {
                cf_buf_printf(&lines, "criterion %s.%s removed\n", qa->id, ca->id);
                continue;
            }
            if (ca->weight != cb->weight)
                cf_buf_printf(&lines, "criterion %s.%s: weight %g -> %g, %.1f -> %.1f points of 100\n", qa->id, ca->id,
                              ca->weight, cb->weight, ca->share, cb->share);
            criterion_changes(&lines, qa->id, ca, a, cb, b, oom);
        }
        for (size_t j = 0; j < qb->ncriteria; j++)
            if (!find_criterion(qa, qb->criteria[j].id))
                cf_buf_printf(&lines, "criterion %s.%s added\n", qb->id, qb->criteria[j].id);
    }
    for (size_t i = 0; i < b->nqualities; i++)
        if (!find_quality(a, b->qualities[i].id))
            cf_buf_printf(&lines, "quality %s added\n", b->qualities[i].id);
    for (size_t i = 0; i < a->ntiers; i++) {
        const cf_tier *tb = NULL;
        for (size_t j = 0; j < b->ntiers; j++)
            if (strcmp(b->tiers[j].id, a->tiers[i].id) == 0)
                tb = &b->tiers[j];
        if (!tb) {
            cf_buf_printf(&lines, "tier %s removed\n", a->tiers[i].id);
            continue;
        }
        if (tb->min != a->tiers[i].min)
            cf_buf_printf(&lines, "tier %s: min %g -> %g\n", a->tiers[i].id, a->tiers[i].min, tb->min);
        cf_buf x = {0}, y = {0};
        for (size_t k = 0; k < a->tiers[i].nreq; k++)
            cond_key(&x, &a->tiers[i].req[k], a);
        for (size_t k = 0; k < tb->nreq; k++)
            cond_key(&y, &tb->req[k], b);
        if ((x.s || y.s) && (!x.s || !y.s || strcmp(x.s, y.s) != 0))
            cf_buf_printf(&lines, "tier %s: requirements changed\n", a->tiers[i].id);
        *oom |= x.oom || y.oom;
        cf_buf_free(&x);
        cf_buf_free(&y);
    }
    for (size_t j = 0; j < b->ntiers; j++) {
        int found = 0;
        for (size_t i = 0; i < a->ntiers; i++)
            found |= strcmp(b->tiers[j].id, a->tiers[i].id) == 0;
        if (!found)
            cf_buf_printf(&lines, "tier %s added (min %g)\n", b->tiers[j].id, b->tiers[j].min);
    }
    if (a->insufficient_below != b->insufficient_below)
        cf_buf_printf(&lines, "insufficient information: below %g -> %g\n", a->insufficient_below,
                      b->insufficient_below);
    for (size_t i = 0; i < a->ngates; i++) {
        const cf_gate *gb = NULL;
        for (size_t j = 0; j < b->ngates; j++)
            if (strcmp(b->gates[j].id, a->gates[i].id) == 0)
                gb = &b->gates[j];
        if (!gb) {
            cf_buf_printf(&lines, "gate %s removed\n", a->gates[i].id);
            continue;
        }
        cf_buf x = {0}, y = {0};
        gate_text(&x, &a->gates[i], a);
        gate_text(&y, gb, b);
        if (!x.s || !y.s || strcmp(x.s, y.s) != 0)
            cf_buf_printf(&lines, "gate %s: conditions changed\n", a->gates[i].id);
        *oom |= x.oom || y.oom;
        cf_buf_free(&x);
        cf_buf_free(&y);
    }
    for (size_t j = 0; j < b->ngates; j++) {
        int found = 0;
        for (size_t i = 0; i < a->ngates; i++)
            found |= strcmp(b->gates[j].id, a->gates[i].id) == 0;
        if (!found)
            cf_buf_printf(&lines, "gate %s added\n", b->gates[j].id);
    }
    *oom |= lines.oom;
    /* split into lines */
    *n = 0;
    *out = NULL;
    if (!lines.s || *oom) {
        cf_buf_free(&lines);
        return;
    }
    size_t count = 0;
    for (char *p = lines.s; *p; p++)
        count += *p == '\n';
    *out = cf_calloc(count + 1, sizeof **out);
    if (!*out) {
        *oom = 1;
        cf_buf_free(&lines);
        return;
    }
    for (char *p = lines.s; *p;) {
        char *nl = strchr(p, '\n');
        char *line = cf_strndup(p, (size_t)(nl - p));
        if (!line) {
            *oom = 1;
            break;
        }
        (*out)[(*n)++] = line;
        p = nl + 1;
    }
    cf_buf_free(&lines);
}

/* ---- ranks and Kendall's tau ----------------------------------------------------- */

typedef struct rank_key {
    long key;
    const char *source;
    size_t row;
} rank_key;

static int rank_cmp(const void *a, const void *b)
{
    const rank_key *x = a, *y = b;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return strcmp(x->source, y->source);
}

/* Ranks in each ranking, ties broken by source as rank breaks them. */
static int assign_ranks(cf_diff *df)
{
    rank_key *keys = cf_malloc((df->n ? df->n : 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (int old = 1; old >= 0; old--) {
        for (size_t i = 0; i < df->n; i++)
            keys[i] = (rank_key){old ? df->v[i].old_key : df->v[i].new_key, df->v[i].source, i};
        if (df->n > 1)
            qsort(keys, df->n, sizeof *keys, rank_cmp);
        for (size_t i = 0; i < df->n; i++) {
            if (old)
                df->v[keys[i].row].old_rank = (int)i + 1;
            else
                df->v[keys[i].row].new_rank = (int)i + 1;
        }
    }
    cf_free(keys);
    return 0;
}

/* Kendall's tau-b between the old and the new scores (ties counted). */
static double kendall_tau(const cf_diff *df)
{
    double concordant = 0, discordant = 0, ties_old = 0, ties_new = 0, pairs = 0;
    for (size_t i = 0; i < df->n; i++)
        for (size_t j = i + 1; j < df->n; j++) {
            int a = (df->v[i].old_key > df->v[j].old_key) - (df->v[i].old_key < df->v[j].old_key);
            int b = (df->v[i].new_key > df->v[j].new_key) - (df->v[i].new_key < df->v[j].new_key);
            pairs++;
            if (!a)
                ties_old++;
            if (!b)
                ties_new++;
            if (a && b && a == b)
                concordant++;
            else if (a && b)
                discordant++;
        }
    double denom = sqrt((pairs - ties_old) * (pairs - ties_new));
    return denom > 0 ? (concordant - discordant) / denom : 1;
}

/* ---- output ------------------------------------------------------------------------- */

int cf_diff_tier_changes(const cf_diff *df)
{
    int n = 0;
    for (size_t i = 0; i < df->n; i++)
        n += strcmp(df->v[i].old_tier, df->v[i].new_tier) != 0;
    return n;
}

double cf_diff_max_change(const cf_diff *df)
{
    int max = 0;
    for (size_t i = 0; i < df->n; i++) {
        int d = abs(df->v[i].new10 - df->v[i].old10);
        if (d > max)
            max = d;
    }
    return max / 10.0;
}

static void put10(cf_buf *b, int v10, int sign)
{
    if (sign && v10 > 0)
        cf_buf_putc(b, '+');
    if (v10 < 0) {
        cf_buf_putc(b, '-');
        v10 = -v10;
    }
    cf_buf_printf(b, "%d.%d", v10 / 10, v10 % 10);
}

static int row_cmp(const void *a, const void *b)
{
    const drow *x = a, *y = b;
    if (x->new_rank != y->new_rank)
        return x->new_rank < y->new_rank ? -1 : 1;
    return 0;
}

static int row_moved(const drow *r)
{
    return r->new10 != r->old10 || strcmp(r->old_tier, r->new_tier) != 0;
}

/* Whether a row crosses a line of o: its tier changed (tier), or its
 * score moved by more than max_delta. */
static int row_crossed(const drow *r, const cf_diff_opts *o, int tier)
{
    if (tier == 2)
        return r->approved;
    if (tier)
        return o->fail_tier && strcmp(r->old_tier, r->new_tier) != 0 && !r->approved;
    return o->max_delta >= 0 && abs(r->new10 - r->old10) > (int)floor(o->max_delta * 10 + 0.5);
}

/* "Strong fit -> Good fit, score 52.1 -> 44.0 (-8.1)", or the score
 * first when the tier stayed. */
static void row_change(cf_buf *b, const drow *r)
{
    int tier = strcmp(r->old_tier, r->new_tier) != 0;
    if (tier)
        cf_buf_printf(b, "%s -> %s, ", r->old_label, r->new_label);
    cf_buf_puts(b, "score ");
    put10(b, r->old10, 0);
    if (r->new10 == r->old10) {
        cf_buf_puts(b, " (unchanged)");
    } else {
        cf_buf_puts(b, " -> ");
        put10(b, r->new10, 0);
        cf_buf_puts(b, " (");
        put10(b, r->new10 - r->old10, 1);
        cf_buf_putc(b, ')');
    }
    if (!tier)
        cf_buf_printf(b, ", %s", r->new_label);
}

/* A tier of either rubric named by its id or its label, any case. */
static int tier_named(const drow *r, int new, const char *name)
{
    const char *id = new ? r->new_tier : r->old_tier, *label = new ? r->new_label : r->old_label;
    return strcasecmp(id, name) == 0 || (label && strcasecmp(label, name) == 0);
}

static const char *skip_dot_slash(const char *s)
{
    while (s[0] == '.' && s[1] == '/')
        s += 2;
    return s;
}

cf_status cf_diff_approve(cf_diff *df, const char *file, const char *text, size_t len, cf_diags *d)
{
    cf_csv_cur c = {text, text + len, 1, 1};
    cf_buf f[3] = {{0}, {0}, {0}};
    cf_status st = CF_OK;
    int first = 1;   /* the first record may be a header */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.p += 3;
    while (c.p < c.end && !st) {
        unsigned line = c.line;
        int nf = 0, last = 0;
        if (*c.p == '#' || *c.p == '\n' || *c.p == '\r') {   /* a comment, a blank line */
            while (c.p < c.end && *c.p != '\n')
                c.p++;
            c.p += c.p < c.end;
            c.line++;
            continue;
        }
        while (!last) {
            cf_buf extra = {0};
            if (cf_csv_read_field(&c, nf < 3 ? &f[nf] : &extra, &last)) {
                cf_diag_add(d, file, c.line, c.col, CF_SEV_ERROR, "bad-csv", "a quoted field is not closed");
                st = CF_EINPUT;
                cf_buf_free(&extra);
                break;
            }
            cf_buf_free(&extra);
            nf++;
        }
        if (st)
            break;
        if (f[0].oom || f[1].oom || f[2].oom) {
            st = CF_ESYSTEM;
            break;
        }
        if (nf != 3) {
            cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "bad-csv",
                        "%d field%s: an approved move is profile,old tier,new tier", nf, nf == 1 ? "" : "s");
            st = CF_EINPUT;
            break;
        }
        const char *who = skip_dot_slash(f[0].s), *from = f[1].s, *to = f[2].s;
        int header = first && strcasecmp(who, "profile") == 0;
        first = 0;
        if (header)
            continue;
        drow *r = NULL;
        for (size_t i = 0; i < df->n && !r; i++)
            if (strcmp(skip_dot_slash(df->v[i].source), who) == 0)
                r = &df->v[i];
        if (!r) {
            cf_diag_add(d, file, line, 1, CF_SEV_WARNING, "approved-unknown",
                        "%s is approved to move %s -> %s, but it is not among the profiles", who, from, to);
        } else if (!strcmp(r->old_tier, r->new_tier)) {
            cf_diag_add(d, file, line, 1, CF_SEV_WARNING, "approved-unmoved",
                        "%s is approved to move %s -> %s, but it stays %s: the approval can go", who, from, to,
                        r->old_label);
        } else if (tier_named(r, 0, from) && tier_named(r, 1, to)) {
            r->approved = 1;
        } else {
            cf_diag_add(d, file, line, 1, CF_SEV_WARNING, "approved-other",
                        "%s is approved to move %s -> %s, but it moves %s -> %s: not approved", who, from, to,
                        r->old_label, r->new_label);
        }
    }
    for (int k = 0; k < 3; k++)
        cf_buf_free(&f[k]);
    return st;
}

cf_status cf_diff_explain(const cf_diff *df, const cf_diff_opts *o, int tier, size_t *count, char **out,
                          size_t *len)
{
    cf_buf b = {0};
    *count = 0;
    for (size_t i = 0; i < df->n; i++) {
        const drow *r = &df->v[i];
        if (!row_crossed(r, o, tier))
            continue;
        ++*count;
        cf_buf_puts(&b, "  ");
        cf_buf_shown_str(&b, r->source);
        cf_buf_puts(&b, ": ");
        row_change(&b, r);
        cf_buf_putc(&b, '\n');
    }
    if (!b.s)
        cf_buf_puts(&b, "");
    return cf_buf_finish(&b, out, len);
}

/* GitHub annotations: an error for each profile that crossed a line of o,
 * a warning for each other change of tier, and a notice that sums up (a
 * step shows at most ten of each kind, so moves of score alone are only
 * counted). */
static void write_github(cf_buf *b, const cf_diff *df, const cf_diff_opts *o, size_t moved, int tier_changes)
{
    for (size_t i = 0; i < df->n; i++) {
        const drow *r = &df->v[i];
        int crossed = row_crossed(r, o, 1) || row_crossed(r, o, 0);
        if (!crossed && strcmp(r->old_tier, r->new_tier) == 0)
            continue;
        cf_buf_printf(b, "::%s file=", crossed ? "error" : r->approved ? "notice" : "warning");
        cf_buf_gh(b, r->path, 1);
        if (r->line)
            cf_buf_printf(b, ",line=%u", r->line);
        cf_buf_puts(b, ",title=");
        cf_buf_gh(b,
                  r->approved                         ? "coderfit diff: tier change approved"
                  : strcmp(r->old_tier, r->new_tier) ? "coderfit diff: tier changed"
                                                      : "coderfit diff: score moved",
                  1);
        cf_buf_puts(b, "::");
        cf_buf line = {0};
        cf_buf_puts(&line, r->source);
        cf_buf_puts(&line, ": ");
        row_change(&line, r);
        b->oom |= line.oom;
        cf_buf_gh(b, line.s ? line.s : "", 0);
        cf_buf_free(&line);
        cf_buf_putc(b, '\n');
    }
    cf_buf line = {0};
    cf_buf_printf(&line, "%s %s -> %s %s: %zu of %zu profiles moved, %d changed tier, largest change %.1f",
                  df->old->id, df->old->version, df->new->id, df->new->version, moved, df->n, tier_changes,
                  cf_diff_max_change(df));
    cf_buf_puts(b, "::notice title=coderfit diff::");
    b->oom |= line.oom;
    cf_buf_gh(b, line.s ? line.s : "", 0);
    cf_buf_free(&line);
    cf_buf_putc(b, '\n');
}

cf_status cf_diff_write(cf_diff *df, const cf_diff_opts *o, char **out, size_t *len)
{
    char **changes = NULL;
    size_t nchanges = 0;
    int oom = 0;
    cf_buf b = {0};
    cf_diff_format f = o->format;
    rubric_changes(df->old, df->new, &changes, &nchanges, &oom);
    if (oom || assign_ranks(df)) {
        for (size_t i = 0; i < nchanges; i++)
            cf_free(changes[i]);
        cf_free(changes);
        return CF_ESYSTEM;
    }
    if (df->n > 1)
        qsort(df->v, df->n, sizeof *df->v, row_cmp);
    size_t moved = 0;
    long sum = 0;
    const drow *largest = NULL;
    for (size_t i = 0; i < df->n; i++) {
        const drow *r = &df->v[i];
        int d = abs(r->new10 - r->old10);
        moved += row_moved(r);
        sum += d;
        if (d && (!largest || d > abs(largest->new10 - largest->old10)))
            largest = r;
    }
    int tier_changes = cf_diff_tier_changes(df);
    double mean = df->n ? sum / 10.0 / (double)df->n : 0, tau = kendall_tau(df);
    /* an edit that kept the version: reports of the two cannot be told apart */
    int same_version = strcmp(df->old->checksum, df->new->checksum) != 0 &&
                       strcmp(df->old->id, df->new->id) == 0 &&
                       strcmp(df->old->version ? df->old->version : "", df->new->version ? df->new->version : "") == 0;
    int text_only = !nchanges && strcmp(df->old->checksum, df->new->checksum) != 0;

    if (f == CF_DIFF_GITHUB) {
        write_github(&b, df, o, moved, tier_changes);
        if (same_version) {
            cf_buf_puts(&b, "::warning title=coderfit diff::the rubric changed but its version (");
            cf_buf_gh(&b, df->new->version, 0);
            cf_buf_puts(&b, ") did not\n");
        }
    } else if (f == CF_DIFF_JSON) {
        cf_jw w = {&b, 1, 0, {0}};
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "format", "coderfit-diff/1");
        const cf_rubric *rs[2] = {df->old, df->new};
        for (int k = 0; k < 2; k++) {
            cf_jw_open(&w, k ? "new" : "old", '{');
            cf_jw_str(&w, "id", rs[k]->id);
            cf_jw_str(&w, "version", rs[k]->version);
            cf_jw_str(&w, "checksum", rs[k]->checksum);
            cf_jw_close(&w, '}');
        }
        cf_jw_bool(&w, "version_unchanged", same_version);
        cf_jw_bool(&w, "changed_only", o->changed);
        cf_jw_open(&w, "rubric_changes", '[');
        for (size_t i = 0; i < nchanges; i++)
            cf_jw_str(&w, NULL, changes[i]);
        cf_jw_close(&w, ']');
        cf_jw_open(&w, "profiles", '[');
        for (size_t i = 0; i < df->n; i++) {
            const drow *r = &df->v[i];
            if (o->changed && !row_moved(r))
                continue;
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "source", r->source);
            cf_jw_num(&w, "old_score", r->old10 / 10.0, 1);
            cf_jw_num(&w, "new_score", r->new10 / 10.0, 1);
            cf_jw_num(&w, "change", (r->new10 - r->old10) / 10.0, 1);
            cf_jw_str(&w, "old_tier", r->old_tier);
            cf_jw_str(&w, "new_tier", r->new_tier);
            cf_jw_str(&w, "old_tier_label", r->old_label);
            cf_jw_str(&w, "new_tier_label", r->new_label);
            if (r->approved)
                cf_jw_bool(&w, "approved", 1);
            cf_jw_num(&w, "old_rank", r->old_rank, 0);
            cf_jw_num(&w, "new_rank", r->new_rank, 0);
            cf_jw_bool(&w, "crossed", row_crossed(r, o, 1) || row_crossed(r, o, 0));
            cf_jw_bool(&w, "moved", r->new10 != r->old10);
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_jw_open(&w, "summary", '{');
        cf_jw_num(&w, "profiles", (double)df->n, 0);
        cf_jw_num(&w, "moved", (double)moved, 0);
        cf_jw_num(&w, "tier_changes", tier_changes, 0);
        cf_jw_num(&w, "mean_abs_change", mean, 2);
        cf_jw_num(&w, "max_abs_change", cf_diff_max_change(df), 1);
        cf_jw_num(&w, "kendall_tau", tau, 4);
        cf_jw_close(&w, '}');
        cf_jw_close(&w, '}');
        cf_buf_putc(&b, '\n');
    } else {
        int md = f == CF_DIFF_MD;
        void (*esc)(cf_buf *, const char *) = md ? cf_buf_md : cf_buf_shown_str;
        cf_buf_puts(&b, md ? "## Rubric changes (" : "Rubric changes (");
        const char *parts[] = {df->old->id, " ", df->old->version, " -> ", df->new->id, " ", df->new->version};
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
            (k % 2 ? cf_buf_puts : esc)(&b, parts[k] ? parts[k] : "");
        cf_buf_puts(&b, ")\n\n");
        if (same_version) {
            cf_buf note = {0};
            cf_buf_printf(&note, "Note: the rubric changed but its version (%s) did not; raise it, so that "
                          "reports of the two can be told apart.", df->new->version);
            if (md)
                cf_buf_md(&b, note.s ? note.s : "");
            else
                cf_buf_wrap(&b, note.s ? note.s : "", 2, 80);
            cf_buf_puts(&b, md ? "\n\n" : "\n");
            b.oom |= note.oom;
            cf_buf_free(&note);
        }
        if (text_only)
            cf_buf_puts(&b, md ? "None that moves a score (the texts differ).\n" : "  none that moves a score (the texts differ)\n");
        else if (!nchanges)
            cf_buf_puts(&b, md ? "None.\n" : "  none\n");
        for (size_t i = 0; i < nchanges; i++) {
            cf_buf_puts(&b, md ? "- " : "  ");
            esc(&b, changes[i]);
            cf_buf_putc(&b, '\n');
        }
        if (o->changed)
            cf_buf_printf(&b, "\n%sProfiles that moved (%zu of %zu)\n\n", md ? "## " : "", moved, df->n);
        else
            cf_buf_printf(&b, "\n%sProfiles\n\n", md ? "## " : "");
        if (o->changed && !moved)
            cf_buf_puts(&b, md ? "None.\n" : "  none\n");
        else if (md)
            cf_buf_puts(&b, "| source | old | new | change | tier | rank |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        else
            cf_buf_puts(&b, "     old    new  change  tier                           rank        source\n");
        for (size_t i = 0; i < df->n; i++) {
            const drow *r = &df->v[i];
            if (o->changed && !row_moved(r))
                continue;
            cf_buf tier = {0}, chg = {0}, ov = {0}, nv = {0};
            cf_buf_printf(&tier, "%s%s%s%s", r->old_label, strcmp(r->old_tier, r->new_tier) ? " -> " : "",
                          strcmp(r->old_tier, r->new_tier) ? r->new_label : "", r->approved ? " (approved)" : "");
            put10(&chg, r->new10 - r->old10, 1);
            put10(&ov, r->old10, 0);
            put10(&nv, r->new10, 0);
            char rank[48];
            if (r->old_rank == r->new_rank)
                snprintf(rank, sizeof rank, "%d", r->new_rank);
            else
                snprintf(rank, sizeof rank, "%d -> %d", r->old_rank, r->new_rank);
            if (md) {
                cf_buf_puts(&b, "| ");
                cf_buf_md(&b, r->source);
                cf_buf_printf(&b, " | %s | %s | %s | ", ov.s, nv.s, r->new10 == r->old10 ? "0" : chg.s);
                cf_buf_md(&b, tier.s ? tier.s : "");
                cf_buf_printf(&b, " | %s |\n", rank);
            } else {
                char cell[16];
                snprintf(cell, sizeof cell, "%6s", r->new10 == r->old10 ? "." : chg.s ? chg.s : "");
                cf_buf_printf(&b, "  %6s %6s  ", ov.s ? ov.s : "", nv.s ? nv.s : "");
                cf_buf_colored(&b, o->color && r->new10 != r->old10, r->new10 > r->old10 ? C_GREEN : C_RED, cell);
                cf_buf_puts(&b, "  ");
                int tier_moved = strcmp(r->old_tier, r->new_tier) != 0;
                if (o->color && tier_moved)
                    cf_buf_puts(&b, C_BOLD);
                cf_buf_shown_str(&b, tier.s ? tier.s : "");
                if (o->color && tier_moved)
                    cf_buf_puts(&b, C_RESET);
                size_t w = tier.s ? strlen(tier.s) : 0;
                cf_buf_printf(&b, "%*s %-11s ", w < 30 ? (int)(30 - w) : 0, "", rank);
                cf_buf_shown(&b, r->source, strlen(r->source));
                cf_buf_putc(&b, '\n');
            }
            b.oom |= tier.oom || chg.oom || ov.oom || nv.oom;
            cf_buf_free(&tier);
            cf_buf_free(&chg);
            cf_buf_free(&ov);
            cf_buf_free(&nv);
        }
        cf_buf_printf(&b, "\n%sSummary\n\n", md ? "## " : "");
        size_t approved = 0;
        for (size_t i = 0; i < df->n; i++)
            approved += df->v[i].approved != 0;
        cf_buf_printf(&b, "%s%zu of %zu profiles moved, %d changed tier", md ? "- " : "  ", moved, df->n, tier_changes);
        if (approved)
            cf_buf_printf(&b, " (%zu as approved)", approved);
        cf_buf_putc(&b, '\n');
        cf_buf_printf(&b, "%smean absolute change %.2f, largest %.1f", md ? "- " : "  ", mean,
                      cf_diff_max_change(df));
        if (largest) {
            cf_buf_puts(&b, " (");
            if (md)
                cf_buf_md(&b, largest->source);
            else
                cf_buf_shown(&b, largest->source, strlen(largest->source));
            cf_buf_putc(&b, ')');
        }
        cf_buf_putc(&b, '\n');
        cf_buf_printf(&b, "%sKendall's tau between the rankings: %.4f\n", md ? "- " : "  ", tau);
    }
    for (size_t i = 0; i < nchanges; i++)
        cf_free(changes[i]);
    cf_free(changes);
    return cf_buf_finish(&b, out, len);
}
