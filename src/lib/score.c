/* The scoring engine: each criterion type turns the values at its path into
 * a fraction from 0 to 1, with the evidence behind it. */
#include <math.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "report.h"

#define MAX_IDX 8

/* ---- walking a compiled path ------------------------------------------ */

typedef struct visit {
    const cJSON *value;
    const cJSON *elem;        /* innermost array element that is an object */
    int idx[MAX_IDX];         /* indices of the arrays crossed */
    int nidx;
} visit;

typedef int (*visit_fn)(void *ctx, const visit *v);

typedef struct walker {
    const cf_cpath *p;
    const cf_counting *counting;
    visit_fn fn;
    void *ctx;
    visit v;
} walker;

static int walk_array(walker *w, const cJSON *arr, const char *gate, int seg);

static int walk(walker *w, const cJSON *node, int seg)
{
    const cf_cpath *p = w->p;
    if (seg == p->nseg) {
        if (cJSON_IsArray(node))
            return walk_array(w, node, p->gate[seg - 1], seg);
        w->v.value = node;
        return w->fn(w->ctx, &w->v);
    }
    const cJSON *child = cf_get(node, p->seg[seg]);
    if (!child || cJSON_IsNull(child))
        return 0;
    if (p->iter[seg])
        return cJSON_IsArray(child) ? walk_array(w, child, p->gate[seg], seg + 1) : 0;
    return walk(w, child, seg + 1);
}

/* Visits the elements of arr (skipping those that do not count at the
 * as-of date), continuing the path at seg. */
static int walk_array(walker *w, const cJSON *arr, const char *gate, int seg)
{
    const cJSON *saved = w->v.elem;
    int i = 0, r = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        if (cJSON_IsObject(e)) {
            if (gate && !cf_counts(w->counting, arr, (size_t)i)) {
                i++;
                continue;
            }
            w->v.elem = e;
        }
        if (w->v.nidx < MAX_IDX)
            w->v.idx[w->v.nidx] = i;
        w->v.nidx++;
        if (seg == w->p->nseg) {
            w->v.value = e;
            r = w->fn(w->ctx, &w->v);
        } else {
            r = walk(w, e, seg);
        }
        w->v.nidx--;
        w->v.elem = saved;
        if (r)
            return r;
        i++;
    }
    return 0;
}

/* Visits the values at p in the profile, of the dated elements only
 * those that count at its as-of date. */
static void walk_path(const cf_cpath *p, const cf_profile *prof, visit_fn fn, void *ctx)
{
    walker w = {p, &prof->counting, fn, ctx, {NULL, NULL, {0}, 0}};
    if (p->nseg)
        walk(&w, prof->root, 0);
}

/* "experience[2].highlights[0]" for a visit of p. */
static char *path_string(const cf_cpath *p, const visit *v)
{
    cf_buf b = {0};
    char *out, num[16];
    int k = 0;
    for (int s = 0; s < p->nseg; s++) {
        if (s)
            cf_buf_putc(&b, '.');
        cf_buf_puts(&b, p->seg[s]);
        int crosses = p->iter[s] || (s == p->nseg - 1 && k < v->nidx);
        if (crosses && k < v->nidx && k < MAX_IDX) {
            int n = sizeof num, i = v->idx[k++];
            num[--n] = ']';
            do
                num[--n] = (char)('0' + i % 10);
            while ((i /= 10) > 0);
            num[--n] = '[';
            cf_buf_add(&b, num + n, sizeof num - (size_t)n);
        }
    }
    return cf_buf_finish(&b, &out, NULL) == CF_OK ? out : NULL;
}

/* ---- results and evidence ---------------------------------------------- */

typedef struct scorer {
    const cf_rubric *r;
    const cf_profile *p;
    cf_report *rep;
    int evidence;             /* collect it */
    int oom;
} scorer;

static void add_evidence(scorer *s, cf_result *res, char *path, const char *value, const char *note)
{
    char *val = value ? cf_strdup(value) : NULL;
    if (!path || (value && !val)) {
        cf_free(path);
        cf_free(val);
        s->oom = 1;
        return;
    }
    cf_evidence *ev = cf_grow(res->ev, &res->capev, res->nev + 1, sizeof *ev);
    if (!ev) {
        cf_free(path);
        cf_free(val);
        s->oom = 1;
        return;
    }
    res->ev = ev;
    char *shown = NULL;
    if (cf_input_path(s->p, path, &shown))
        s->oom = 1;
    unsigned page = 0, line = 0;
    if (shown && !cf_input_place(s->p, shown, &page, &line))
        page = line = 0;
    res->ev[res->nev++] = (cf_evidence){path, shown, val, note, NULL, page, line};
}

/* Where the words of an alias stand in text, case ignored, with at most a
 * few bytes of anything but letters and digits between them ("ICD-10-CM",
 * "E/M", "3M®"): 1 and [*at, *at + *len) when found. */
static int quote_span(const char *text, const cf_vocab *v, const cf_alias *al, size_t *at, size_t *len)
{
    size_t n = strlen(text);
    for (size_t start = 0; start < n; start++) {
        if (start && isalnum((unsigned char)text[start - 1]))
            continue;
        size_t p = start, a;
        for (a = 0; a < al->n; a++) {
            const char *w = v->words[al->ids[a]];
            size_t wl = strlen(w), gap = 0;
            while (a && p < n && !isalnum((unsigned char)text[p]) && gap < 4)
                p++, gap++;
            if (p + wl > n || strncasecmp(text + p, w, wl) != 0)
                break;
            p += wl;
        }
        if (a == al->n && (p == n || !isalnum((unsigned char)text[p]))) {
            *at = start;
            *len = p - start;
            return 1;
        }
    }
    return 0;
}

/* Terms evidence: the resume's own words, and the term they were read as
 * where it differs (a bare "3M" is not "3M 360 Encompass"). */
static void add_term_evidence(scorer *s, cf_result *res, char *path, const cf_term *term, const cf_alias *al,
                              const visit *at, const char *note)
{
    const char *text = cJSON_IsString(at->value) ? at->value->valuestring : NULL;
    size_t off, len;
    if (!text || !quote_span(text, &s->r->vocab, al, &off, &len) || len > 200) {
        add_evidence(s, res, path, term->id, note);
        return;
    }
    char *words = cf_strndup(text + off, len);
    if (!words) {
        cf_free(path);
        s->oom = 1;
        return;
    }
    add_evidence(s, res, path, words, note);
    cf_free(words);
    /* "report" for "reports" is the same word */
    size_t vl = len, tl = strlen(term->id);
    if (vl + 1 == tl && (term->id[vl] | 32) == 's')
        tl = vl;
    if (!s->oom && (vl != tl || strncasecmp(res->ev[res->nev - 1].value, term->id, tl) != 0))
        res->ev[res->nev - 1].read_as = term->id;
}

static int where_ok(const cf_criterion *c, const cJSON *elem)
{
    for (size_t i = 0; i < c->nwhere; i++) {
        const cJSON *v = elem ? cf_get(elem, c->where[i].key) : NULL;
        const char *s = cJSON_IsString(v) ? v->valuestring : cJSON_IsTrue(v) ? "true"
                      : cJSON_IsFalse(v) ? "false" : NULL;
        int ok = 0;
        for (size_t j = 0; s && j < c->where[i].nvalues && !ok; j++)
            ok = s[0] == c->where[i].values[j][0] && strcmp(s, c->where[i].values[j]) == 0;
        if (!ok)
            return 0;
    }
    return 1;
}

/* The value a criterion's points or levels give key (a rubric may list
 * forty credentials: the first two bytes are compared first). */
static double pair_value(const cf_criterion *c, const char *key, int *found)
{
    for (size_t i = 0; i < c->npairs; i++)
        if (c->pairs[i].key[0] == key[0] && (!key[0] || c->pairs[i].key[1] == key[1]) &&
            strcmp(c->pairs[i].key, key) == 0) {
            *found = 1;
            return c->pairs[i].val;
        }
    *found = 0;
    return 0;
}

/* A "best value" search shared by the credential, level, ramp, flag and
 * recency rules: each visit yields a fraction; the best one (first on ties,
 * which the walk makes independent of nothing but the profile's order, so
 * ties break on the value text) is kept with its evidence. */
typedef struct best {
    scorer *s;
    const cf_criterion *c;
    int seen;                 /* values present at the path */
    int found;                /* values that matched the rule */
    double frac;
    double sum;               /* credential: combine sum */
    visit at;                 /* where the best value is */
    const char *value;        /* its text (NULL: a number, in at.value) */
    const char *note;
    unsigned long long ranges;   /* ramp: the ranges chosen, 0 for from-to */
    int lapsed, apprentice, in_progress;   /* credential: what the advice needs to know */
} best;

/* The value's text for evidence: strings as they are, numbers formatted. */
static const char *value_text(const best *b, char *tmp, size_t size)
{
    if (b->value)
        return b->value;
    snprintf(tmp, size, "%g", b->at.value->valuedouble);
    return tmp;
}

static void best_offer(best *b, const visit *v, double frac, const char *value, const char *note)
{
    b->found++;
    b->sum += frac;
    /* Ties go to the smaller value, so the array's order never decides
     * the evidence shown. */
    if (b->found > 1) {
        if (frac < b->frac)
            return;
        if (frac == b->frac) {
            int later = value && b->value ? strcmp(value, b->value) >= 0
                      : !value && !b->value ? v->value->valuedouble >= b->at.value->valuedouble
                                            : 1;
            if (later)
                return;
        }
    }
    b->at = *v;
    b->frac = frac;
    b->value = value;
    b->note = note;
}

static double months_between(cf_day from, cf_day to)
{
    return cf_days_to_months(to - from);
}

/* The evidence note of a credential with no date earned: where it was
 * stated (an importer's "from"), which tells the reader why. */
static const char *undated_note(const cJSON *e)
{
    static const struct {
        const char *prefix, *note;
    } notes[] = {
        {"basics.label", "undated: stated in the label"},
        {"basics.name", "undated: stated after the name"},
        {"basics.summary", "undated: stated in the summary"},
        {"education", "undated: stated in education"},
        {"work", "undated: stated in work history"},
        {"volunteer", "undated: stated in work history"},
        {"certificates", "undated: a certificate without a date"},
    };
    const cJSON *from = cf_get(e, "from");
    if (cJSON_IsString(from))
        for (size_t i = 0; i < CF_ARRAY_LEN(notes); i++)
            if (strncmp(from->valuestring, notes[i].prefix, strlen(notes[i].prefix)) == 0)
                return notes[i].note;
    return "undated";
}

/* The evidence note of a credential past its reinstatement window: the
 * advice state is read from it, by address. */
static const char retake_note[] = "lapsed past reinstatement";

static int visit_credential(void *ctx, const visit *v)
{
    best *b = ctx;
    const cf_criterion *c = b->c;
    const cJSON *e = v->value;
    if (!cJSON_IsObject(e))
        return 0;
    b->seen++;
    const cJSON *code = cf_get(e, "code");
    int known;
    double pts = cJSON_IsString(code) ? pair_value(c, code->valuestring, &known) : (known = 0, 0);
    if (!known)
        return 0;
    const char *note = "current";
    double factor = 1;
    cf_day as_of = b->s->p->as_of;
    if (c->has_currency) {
        const cJSON *st = cf_get(e, "status");
        const cJSON *ex = cf_get(e, "expires");
        const cJSON *rn = cf_get(e, "renewed");
        cf_date d;
        note = "status not stated";
        int has_ex = cJSON_IsString(ex) && cf_date_parse(ex->valuestring, &d) == 0;
        int lapsed = cJSON_IsString(st) && (strcmp(st->valuestring, "lapsed") == 0 ||
                                            strcmp(st->valuestring, "expired") == 0);
        if (lapsed || (has_ex && d.last + (cf_day)c->grace_days < as_of)) {
            factor = c->lapsed;
            note = lapsed ? "lapsed" : "expired";
            b->lapsed = 1;
            /* past the body's reinstatement window, counted from the
             * lapse: the exam must be taken again */
            if (has_ex && c->reinstate_months > 0 && months_between(d.last, as_of) > c->reinstate_months) {
                factor = c->retake;
                note = retake_note;
            }
        } else if (c->renew_months > 0 && cJSON_IsString(rn) && cf_date_parse(rn->valuestring, &d) == 0 &&
                   months_between(d.last, as_of) * 1 > c->renew_months + c->grace_days / (365.2425 / 12)) {
            factor = c->lapsed;
            note = "not renewed in time";
            b->lapsed = 1;
        } else if (!cJSON_IsString(cf_get(e, "earned"))) {
            factor = c->undated;
            note = undated_note(e);
        } else if (cJSON_IsString(st) || cJSON_IsString(ex) || cJSON_IsString(rn)) {
            note = "current";
        }
    }
    best_offer(b, v, pts * factor, code->valuestring, note);
    return 0;
}

static int visit_level(void *ctx, const visit *v)
{
    best *b = ctx;
    if (!cJSON_IsString(v->value))
        return 0;
    b->seen++;
    if (!where_ok(b->c, v->elem))
        return 0;
    int known;
    double f = pair_value(b->c, v->value->valuestring, &known);
    if (known)
        best_offer(b, v, f, v->value->valuestring, NULL);
    return 0;
}

static double ramp(double x, double from, double to)
{
    double f = (x - from) / (to - from);
    return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* The ranges a profile's values choose (the values at the criterion's
 * range path that have one): a bit per range, in ranges[] order. */
typedef struct chosen {
    const cf_criterion *c;
    unsigned long long bits;
} chosen;

static int visit_range_value(void *ctx, const visit *v)
{
    chosen *ch = ctx;
    if (!cJSON_IsString(v->value))
        return 0;
    for (size_t i = 0; i < ch->c->nranges && i < 64; i++)
        if (strcmp(ch->c->ranges[i].value, v->value->valuestring) == 0)
            ch->bits |= 1ULL << i;
    return 0;
}

static int visit_ramp(void *ctx, const visit *v)
{
    best *b = ctx;
    const cf_criterion *c = b->c;
    if (!cJSON_IsNumber(v->value))
        return 0;
    b->seen++;
    if (!where_ok(c, v->elem))
        return 0;
    double x = v->value->valuedouble;
    if (!b->ranges) {
        best_offer(b, v, ramp(x, c->from, c->to), NULL, NULL);
        return 0;
    }
    /* the strictest of the ranges the profile chooses */
    double f = 2;
    const char *note = NULL;
    for (size_t i = 0; i < c->nranges && i < 64; i++)
        if (b->ranges & (1ULL << i)) {
            double g = ramp(x, c->ranges[i].from, c->ranges[i].to);
            if (g < f) {
                f = g;
                note = c->ranges[i].note;
            }
        }
    best_offer(b, v, f, NULL, note);
    return 0;
}

double cf_ramp_full(const cf_criterion *c, const cf_profile *p)
{
    chosen ch = {c, 0};
    if (c->nranges)
        walk_path(&c->range_path, p, visit_range_value, &ch);
    if (!ch.bits)
        return c->to;
    double full = 0;
    int any = 0;
    for (size_t i = 0; i < c->nranges && i < 64; i++)
        if (ch.bits & (1ULL << i)) {
            const cf_range *g = &c->ranges[i];
            /* the strictest: the largest end of a rising range, the smallest of a falling one */
            if (!any++ || (g->to >= g->from ? g->to > full : g->to < full))
                full = g->to;
        }
    return full;
}

static int visit_flag(void *ctx, const visit *v)
{
    best *b = ctx;
    if (!cJSON_IsBool(v->value))
        return 0;
    b->seen++;
    if (!where_ok(b->c, v->elem))
        return 0;
    best_offer(b, v, cJSON_IsTrue(v->value) ? 1 : 0, cJSON_IsTrue(v->value) ? "true" : "false", NULL);
    return 0;
}

static int visit_recency(void *ctx, const visit *v)
{
    best *b = ctx;
    const cf_criterion *c = b->c;
    cf_date d;
    if (!cJSON_IsString(v->value) || cf_date_parse(v->value->valuestring, &d))
        return 0;
    cf_day as_of = b->s->p->as_of;
    if (d.first > as_of)
        return 0;       /* nothing dated after the as-of date counts */
    b->seen++;
    if (!where_ok(c, v->elem))
        return 0;
    double age = d.last >= as_of ? 0 : months_between(d.last, as_of);
    double f = age <= c->full_within ? 1
             : age >= c->zero_after ? 0
             : 1 - (age - c->full_within) / (c->zero_after - c->full_within);
    best_offer(b, v, f, v->value->valuestring, NULL);
    return 0;
}

/* Whether an entry the criterion would read is in progress (a credential
 * being studied for, a programme not finished): such entries do not count,
 * but they choose the advice. */
static int in_progress_at(const cf_criterion *c, const cJSON *root)
{
    const cf_cpath *p = &c->path;
    if (p->nseg < 1 || (!p->iter[0] && c->type != CF_C_CREDENTIAL))
        return 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cf_get(root, p->seg[0])) {
        const cJSON *st = cJSON_IsObject(e) ? cf_get(e, "status") : NULL;
        if (!cJSON_IsString(st) || strcmp(st->valuestring, "in_progress") != 0 || !where_ok(c, e))
            continue;
        if (c->type != CF_C_CREDENTIAL)
            return 1;
        const cJSON *code = cf_get(e, "code");
        int known = 0;
        if (cJSON_IsString(code))
            pair_value(c, code->valuestring, &known);
        if (known)
            return 1;
    }
    return 0;
}

static void score_best(scorer *s, const cf_criterion *c, cf_result *res)
{
    static const visit_fn fns[] = {visit_credential, visit_level, visit_ramp, NULL, visit_flag, visit_recency};
    best b;
    memset(&b, 0, sizeof b);
    b.s = s;
    b.c = c;
    if (c->nranges) {
        chosen ch = {c, 0};
        walk_path(&c->range_path, s->p, visit_range_value, &ch);
        b.ranges = ch.bits;
    }
    walk_path(&c->path, s->p, fns[c->type], &b);
    res->missing = b.seen == 0;
    if (b.found) {
        char tmp[32];
        res->fraction = c->type == CF_C_CREDENTIAL && c->combine_sum ? (b.sum > 1 ? 1 : b.sum) : b.frac;
        if (s->evidence)
            add_evidence(s, res, path_string(&c->path, &b.at), value_text(&b, tmp, sizeof tmp), b.note);
    }
    /* what the advice is written for */
    size_t vl = b.value ? strlen(b.value) : 0;
    if (res->fraction >= 1)
        res->state = CF_A_DEFAULT;
    else if (c->type == CF_C_CREDENTIAL && b.note == retake_note)
        res->state = CF_A_RETAKE;
    else if (c->type == CF_C_CREDENTIAL && b.lapsed)
        res->state = CF_A_LAPSED;
    else if (c->type == CF_C_CREDENTIAL && b.found && vl > 2 && strcmp(b.value + vl - 2, "-A") == 0)
        res->state = CF_A_APPRENTICE;
    else if (c->type == CF_C_CREDENTIAL && b.found && b.note && strncmp(b.note, "undated", 7) == 0)
        res->state = CF_A_UNDATED;
    else if (b.found)
        res->state = CF_A_LOWER;
    else if (in_progress_at(c, s->p->root))
        res->state = CF_A_IN_PROGRESS;
    else
        res->state = CF_A_NONE;
}

/* ---- term index ----------------------------------------------------------
 * The profile's text is tokenised once per source path; tokens outside the
 * rubric's vocabulary are kept only as gaps, so that phrases stay
 * contiguous.  A term is then found by following the occurrences of its
 * first token, never by scanning the text again. */

typedef struct field {
    int src;
    int start, n;             /* into toks */
    visit at;                 /* where it was found: its path is built only
                                 for evidence */
} field;

typedef struct occ {
    int pos;                  /* into toks */
    int field;
    int next;
} occ;

typedef struct tindex {
    field *fields;
    size_t nfields, capfields;
    int *toks;
    size_t ntoks, captoks;
    occ *occs;
    size_t nocc, capocc;
    int *head;                /* per vocabulary word: first occurrence, -1 */
    unsigned char *reach;     /* per term (gid): some alias's first word occurs */
    const int *first_at, *first_terms;   /* the rubric's index of terms by first word */
    const cf_vocab *vocab;
    int src;
    const cf_cpath *path;
    int oom;
} tindex;

static int index_token(void *ctx, const char *tok, size_t n, uint64_t hash)
{
    tindex *t = ctx;
    int id = cf_vocab_find_hashed(t->vocab, tok, n, hash);
    /* (cf_grow only when full: this runs for every word of a profile) */
    int *toks = t->ntoks < t->captoks ? t->toks : cf_grow(t->toks, &t->captoks, t->ntoks + 1, sizeof *toks);
    if (!toks) {
        t->oom = 1;
        return 1;
    }
    t->toks = toks;
    t->toks[t->ntoks] = id;
    if (id >= 0) {
        occ *occs = t->nocc < t->capocc ? t->occs : cf_grow(t->occs, &t->capocc, t->nocc + 1, sizeof *occs);
        if (!occs) {
            t->oom = 1;
            return 1;
        }
        t->occs = occs;
        /* Occurrences are pushed at the head; matching takes the best
         * weight over all of them, so their order does not matter. */
        t->occs[t->nocc] = (occ){(int)t->ntoks, (int)t->nfields - 1, t->head[id]};
        if (t->head[id] < 0) {
            /* a word seen for the first time: the terms it can start */
            for (int k = t->first_at[id]; k < t->first_at[id + 1]; k++)
                t->reach[t->first_terms[k]] = 1;
        }
        t->head[id] = (int)t->nocc++;
    }
    t->ntoks++;
    return 0;
}

static int index_value(void *ctx, const visit *v)
{
    tindex *t = ctx;
    if (!cJSON_IsString(v->value))
        return 0;
    field *fields = cf_grow(t->fields, &t->capfields, t->nfields + 1, sizeof *fields);
    if (!fields) {
        t->oom = 1;
        return 1;
    }
    t->fields = fields;
    field *f = &t->fields[t->nfields++];
    f->src = t->src;
    f->start = (int)t->ntoks;
    f->at = *v;
    cf_tokenize(v->value->valuestring, index_token, t);
    f->n = (int)t->ntoks - f->start;
    return t->oom;
}

static void tindex_free(tindex *t)
{
    cf_free(t->fields);
    cf_free(t->toks);
    cf_free(t->occs);
    cf_free(t->head);
    cf_free(t->reach);
}

/* t starts zeroed; tindex_free undoes a partial build. */
static int tindex_build(tindex *t, const cf_rubric *r, const cf_profile *p)
{
    t->vocab = &r->vocab;
    if (!r->nsources)
        return 0;
    t->head = cf_malloc((r->vocab.nwords ? r->vocab.nwords : 1) * sizeof *t->head);
    /* the terms the profile's words can start (index_token marks them):
     * most terms of a rubric never occur in a profile, and are not looked at */
    t->reach = cf_calloc(r->nterms ? r->nterms : 1, 1);
    t->first_at = r->first_at;
    t->first_terms = r->first_terms;
    if (!t->head || !t->reach)
        return -1;
    for (size_t i = 0; i < r->vocab.nwords; i++)
        t->head[i] = -1;
    for (size_t s = 0; s < r->nsources && !t->oom; s++) {
        t->src = (int)s;
        t->path = &r->sources[s];
        walk_path(&r->sources[s], p, index_value, t);
    }
    return t->oom ? -1 : 0;
}

static double source_weight(const cf_criterion *c, int src)
{
    for (size_t i = 0; i < c->nsources; i++)
        if (c->sources[i].src == src)
            return c->sources[i].weight;
    return 0;
}

static void score_terms(scorer *s, const cf_rubric *r, const tindex *t, const cf_criterion *c, cf_result *res)
{
    double credits = 0, strongest = 0;
    for (size_t k = 0; k < c->nterms; k++) {
        const cf_term *term = &c->terms[k];
        if (!t->reach || !t->reach[term->gid])
            continue;
        double credit = 0;
        int where = -1;
        const cf_alias *which = NULL;
        for (size_t a = 0; a < term->naliases; a++) {
            const cf_alias *al = &term->aliases[a];
            for (int o = t->head ? t->head[al->ids[0]] : -1; o >= 0; o = t->occs[o].next) {
                const occ *oc = &t->occs[o];
                const field *f = &t->fields[oc->field];
                double w = source_weight(c, f->src);
                if (w < credit || (w == credit && (where < 0 || oc->field >= where)) || w == 0)
                    continue;
                if (oc->pos + (int)al->n > f->start + f->n)
                    continue;
                if (memcmp(&t->toks[oc->pos], al->ids, al->n * sizeof *al->ids) != 0)
                    continue;
                credit = w;
                where = oc->field;
                which = al;
            }
        }
        if (where >= 0) {
            credits += credit;
            if (credit > strongest)
                strongest = credit;
            if (!s->evidence)
                continue;
            const field *f = &t->fields[where];
            add_term_evidence(s, res, path_string(&r->sources[f->src], &f->at), term, which, &f->at,
                              credit < 1 ? "self-listed, counts less" : NULL);
        }
    }
    /* Piling up keywords cannot pay: a criterion can rise no higher than
     * the strongest evidence behind it, so terms found only in a
     * self-written skills list (weight 0.5) earn at most half of it. */
    double f = credits / c->full;
    res->fraction = f > strongest ? strongest : f;
    /* Text that names none of the terms does not say the applicant lacks
     * them: it says nothing. */
    res->missing = credits == 0;
}

/* ---- figures, implications, conditions ------------------------------------ */

/* The largest number at a path (a flag as 1 or 0), with where it is. */
typedef struct figure {
    int found;
    double value;
    visit at;
} figure;

static int visit_figure(void *ctx, const visit *v)
{
    figure *f = ctx;
    double x;
    if (cJSON_IsNumber(v->value))
        x = v->value->valuedouble;
    else if (cJSON_IsBool(v->value))
        x = cJSON_IsTrue(v->value);
    else
        return 0;
    if (!f->found || x > f->value) {
        f->value = x;
        f->at = *v;
    }
    f->found = 1;
    return 0;
}

static figure path_figure(const cf_cpath *p, const cf_profile *prof)
{
    figure f;
    memset(&f, 0, sizeof f);
    walk_path(p, prof, visit_figure, &f);
    return f;
}

/* Raises a result to what its implications give, when that is more. */
static void apply_implied(scorer *s, const cf_criterion *c, cf_result *res)
{
    for (size_t i = 0; i < c->nimplied; i++) {
        const cf_implied *im = &c->implied[i];
        figure f = path_figure(&im->path, s->p);
        if (!f.found)
            continue;
        double frac = im->flag ? (f.value > 0 ? im->up_to : 0) : ramp(f.value, im->from, im->to) * im->up_to;
        if (frac <= res->fraction + 1e-12)
            continue;
        res->fraction = frac;
        res->implied = 1;
        res->missing = 0;
        if (s->evidence) {
            char tmp[32];
            if (im->flag)
                snprintf(tmp, sizeof tmp, "%s", f.value > 0 ? "true" : "false");
            else
                snprintf(tmp, sizeof tmp, "%g", f.value);
            add_evidence(s, res, path_string(&im->path, &f.at), tmp, im->note);
        }
    }
}

static int cond_holds(const cf_report *rep, const cf_profile *p, const cf_cond *c)
{
    switch (c->kind) {
    case CF_K_CRITERION: {
        const cf_result *res = &rep->res[rep->qfirst[c->q] + c->c];
        if (res->missing && c->if_missing >= 0)
            return c->if_missing;
        double f = res->fraction;
        return c->op == CF_OP_ABOVE ? f > c->value : f >= c->value - 1e-12;
    }
    case CF_K_PATH: {
        figure f = path_figure(&c->path, p);
        if (!f.found)
            return c->if_missing == 1;
        double x = f.value;
        switch (c->op) {
        case CF_OP_AT_LEAST: return x >= c->value - 1e-12;
        case CF_OP_ABOVE: return x > c->value;
        case CF_OP_AT_MOST: return x <= c->value + 1e-12;
        default: return x < c->value;
        }
    }
    case CF_K_GATE:
        return rep->gate_passed[c->gate];
    case CF_K_ANY:
        for (size_t i = 0; i < c->nsub; i++)
            if (cond_holds(rep, p, &c->sub[i]))
                return 1;
        return 0;
    default:
        for (size_t i = 0; i < c->nsub; i++)
            if (!cond_holds(rep, p, &c->sub[i]))
                return 0;
        return 1;
    }
}

/* ---- the whole report --------------------------------------------------- */

static int gap_cmp_ctx_sort(const cf_report *rep, size_t a, size_t b)
{
    const cf_result *x = &rep->res[a], *y = &rep->res[b];
    double gx = x->c->share - x->points, gy = y->c->share - y->points;
    if (gx != gy)
        return gx > gy ? -1 : 1;
    return (a > b) - (a < b);
}

static void sort_gaps(cf_report *rep)
{
    /* insertion sort: a rubric has tens of criteria */
    for (size_t i = 1; i < rep->ngaps; i++) {
        size_t v = rep->gaps[i], j = i;
        while (j > 0 && gap_cmp_ctx_sort(rep, v, rep->gaps[j - 1]) < 0) {
            rep->gaps[j] = rep->gaps[j - 1];
            j--;
        }
        rep->gaps[j] = v;
    }
}

static cf_status score(const cf_rubric *r, const cf_profile *p, int evidence, cf_report **out)
{
    scorer s = {r, p, NULL, evidence, 0};
    tindex t;
    memset(&t, 0, sizeof t);
    *out = NULL;
    cf_report *rep = cf_calloc(1, sizeof *rep);
    if (!rep)
        return CF_ESYSTEM;
    s.rep = rep;
    rep->r = r;
    rep->as_of = p->as_of;
    rep->input_format = p->input_format;
    rep->read_from = cf_profile_read_from(p, &rep->pages);
    size_t n = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        n += r->qualities[i].ncriteria;
    rep->source = cf_strdup(p->source);
    rep->path = cf_strdup(p->path);
    rep->line = p->line;
    rep->qscore = cf_calloc(r->nqualities, sizeof *rep->qscore);
    rep->qfirst = cf_calloc(r->nqualities, sizeof *rep->qfirst);
    rep->res = cf_calloc(n, sizeof *rep->res);
    rep->gaps = cf_calloc(n, sizeof *rep->gaps);
    rep->gate_passed = cf_calloc(r->ngates ? r->ngates : 1, sizeof *rep->gate_passed);
    rep->req_ok = cf_calloc(r->nreq ? r->nreq : 1, 1);
    rep->gcond_ok = cf_calloc(r->ngconds ? r->ngconds : 1, 1);
    if (!rep->source || !rep->path || !rep->qscore || !rep->qfirst || !rep->res || !rep->gaps || !rep->gate_passed ||
        !rep->req_ok || !rep->gcond_ok || cf_applicant_read(p, &rep->who) || cf_facts_read(p, &rep->facts) ||
        cf_warnings_copy(&rep->warnings, &p->warnings) || tindex_build(&t, r, p)) {
        tindex_free(&t);
        cf_report_free(rep);
        return CF_ESYSTEM;
    }
    rep->nres = n;

    double total_w = 0, stated_share = 0, total_share = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        total_w += r->qualities[i].weight;
    size_t k = 0;
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        double sum = 0, wsum = 0;
        rep->qfirst[i] = k;
        for (size_t j = 0; j < q->ncriteria; j++, k++) {
            const cf_criterion *c = &q->criteria[j];
            cf_result *res = &rep->res[k];
            res->c = c;
            if (c->type == CF_C_TERMS) {
                score_terms(&s, r, &t, c, res);
                res->state = res->fraction >= 1 ? CF_A_DEFAULT : res->missing ? CF_A_NONE : CF_A_LOWER;
            } else {
                score_best(&s, c, res);
            }
            if (res->missing)
                res->fraction = c->missing;
            if (c->nimplied)
                apply_implied(&s, c, res);
            res->points = c->share * res->fraction;
            sum += c->weight * res->fraction;
            wsum += c->weight;
            total_share += c->share;
            if (!res->missing)
                stated_share += c->share;
            if (c->share - res->points >= 0.05)
                rep->gaps[rep->ngaps++] = k;
        }
        rep->qscore[i] = wsum > 0 ? 100 * sum / wsum : 0;
        rep->score += total_w > 0 ? rep->qscore[i] * q->weight / total_w : 0;
    }
    tindex_free(&t);
    rep->completeness = total_share > 0 ? stated_share / total_share : 0;
    /* a gap the rubric advises only in some cases ("advise_when") */
    size_t kept = 0;
    for (size_t g = 0; g < rep->ngaps; g++) {
        const cf_criterion *c = rep->res[rep->gaps[g]].c;
        if (!c->advise_when || cond_holds(rep, p, c->advise_when))
            rep->gaps[kept++] = rep->gaps[g];
    }
    rep->ngaps = kept;
    sort_gaps(rep);

    rep->eligible = 1;
    for (size_t g = 0; g < r->ngates; g++) {
        const cf_gate *gate = &r->gates[g];
        int pass = gate->any ? 0 : 1;
        for (size_t c = 0; c < gate->nconds; c++) {
            int holds = cond_holds(rep, p, &gate->conds[c]);
            rep->gcond_ok[gate->cond_first + c] = (unsigned char)holds;
            pass = gate->any ? pass || holds : pass && holds;
        }
        rep->gate_passed[g] = pass;
        rep->eligible &= pass;
    }
    /* Tier by the score as shown (one decimal), so that a printed 80.0
     * never sits in the tier below 80. */
    double shown = cf_shown(rep->score);
    rep->tier = rep->score_tier = r->ntiers - 1;
    int by_score = 1;
    for (size_t i = 0; i < r->ntiers; i++)
        for (size_t j = 0; j < r->tiers[i].nreq; j++)
            rep->req_ok[r->tiers[i].req_first + j] = (unsigned char)cond_holds(rep, p, &r->tiers[i].req[j]);
    for (size_t i = 0; i < r->ntiers; i++) {
        const cf_tier *tier = &r->tiers[i];
        int ok = 1;
        for (size_t j = 0; j < tier->nreq; j++)
            ok &= rep->req_ok[tier->req_first + j];
        if (shown < tier->min)
            continue;
        if (by_score) {
            rep->score_tier = i;
            by_score = 0;
        }
        /* a tier whose requirements fail gives way to the next one down */
        if (ok) {
            rep->tier = i;
            break;
        }
    }
    /* too little stated to judge: no tier at all */
    if (r->insufficient_below > 0 && rep->completeness < r->insufficient_below - 1e-12)
        rep->tier = r->ntiers;
    if (s.oom) {
        cf_report_free(rep);
        return CF_ESYSTEM;
    }
    *out = rep;
    return CF_OK;
}

cf_status cf_score(const cf_rubric *r, const cf_profile *p, cf_report **out)
{
    return score(r, p, 1, out);
}

cf_status cf_score_figures(const cf_rubric *r, const cf_profile *p, cf_report **out)
{
    return score(r, p, 0, out);
}

void cf_report_free(cf_report *rep)
{
    if (!rep)
        return;
    for (size_t i = 0; rep->res && i < rep->nres; i++) {
        for (size_t j = 0; j < rep->res[i].nev; j++) {
            cf_free(rep->res[i].ev[j].path);
            cf_free(rep->res[i].ev[j].input_path);
            cf_free(rep->res[i].ev[j].value);
        }
        cf_free(rep->res[i].ev);
    }
    cf_free(rep->res);
    cf_free(rep->source);
    cf_applicant_free(&rep->who);
    cf_facts_free(&rep->facts);
    cf_free(rep->path);
    cf_free(rep->qscore);
    cf_free(rep->qfirst);
    cf_free(rep->gate_passed);
    cf_free(rep->req_ok);
    cf_free(rep->gcond_ok);
    cf_free(rep->gaps);
    cf_warnings_free(&rep->warnings);
    cf_free(rep);
}

double cf_report_score(const cf_report *rep) { return rep->score; }
size_t cf_report_warnings(const cf_report *rep) { return rep->warnings.n + rep->warnings.more; }
const char *cf_report_tier(const cf_report *rep)
{
    return rep->tier < rep->r->ntiers ? rep->r->tiers[rep->tier].id : CF_TIER_INSUFFICIENT;
}

const char *cf_report_tier_label(const cf_report *rep)
{
    if (rep->tier >= rep->r->ntiers)
        return rep->r->insufficient_label;
    const cf_tier *t = &rep->r->tiers[rep->tier];
    return t->label ? t->label : t->id;
}

int cf_report_insufficient(const cf_report *rep) { return rep->tier >= rep->r->ntiers; }

const char *cf_result_advice(const cf_result *res)
{
    const char *a = res->c->advice_by[res->state];
    if (!a && res->state == CF_A_RETAKE)
        a = res->c->advice_by[CF_A_LAPSED];
    return a ? a : res->c->advice;
}

const char *cf_astate_name(cf_astate st)
{
    return st == CF_A_DEFAULT ? NULL : cf_astate_names[st];
}
int cf_report_eligible(const cf_report *rep) { return rep->eligible; }
const char *cf_report_source(const cf_report *rep) { return rep->source; }
