/* Adverse-impact audit: selection and scoring rates, and their impact
 * ratios, by sex, race/ethnicity and the two crossed, in the way of the
 * Uniform Guidelines' four-fifths rule (29 CFR 1607.4(D)) and of the bias
 * audits of New York City's Local Law 144 (6 RCNY 5-301).
 *
 * The audit keeps one small record per applicant (source, score as printed,
 * tier) and the demographics rows; categories are joined to applicants by
 * source only when the audit is written, so the two can come in any order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"

/* The EEO-1 categories, in the order of the EEO-1 report. */
static const char *const sex_names[] = {"Male", "Female"};
static const char *const race_names[] = {
    "Hispanic or Latino",
    "White",
    "Black or African American",
    "Native Hawaiian or Other Pacific Islander",
    "Asian",
    "American Indian or Alaska Native",
    "Two or More Races",
};
#define NSEX 2
#define NRACE 7

/* Values that say the category is not known (declined, not asked). */
static const char *const unknown_words[] = {
    "", "unknown", "not disclosed", "undisclosed", "declined", "decline to state",
    "prefer not to say", "not specified", "n/a", NULL,
};

typedef struct applicant {
    char *source;
    double score;             /* as printed: one decimal */
    char *tier;
    int sex, race;            /* category index, -1 unknown */
} applicant;

typedef struct demo_row {
    const char *source;       /* the copy in the set of sources, its path normalised */
    int sex, race;
    int used;                 /* an applicant was joined to it */
} demo_row;

struct cf_audit {
    int color;                /* text: flags in red */
    applicant *a;
    size_t n, cap;
    demo_row *rows;
    size_t nrows, rowcap;
    cf_strset seen;           /* the rows' sources (the rows point into it) */
    int oom;
    size_t unjoined, unused;  /* of the last audit written: applicants without a row, rows without one */
    cf_blind_key key;         /* blind review's (cf_audit_key): blind ids join */
    int keyed;
};

void cf_audit_key(cf_audit *a, const cf_blind_key *key)
{
    a->key = *key;
    a->keyed = 1;
}

const char *cf_audit_category(int dim, int index)
{
    if (dim == 0)
        return index >= 0 && index < NSEX ? sex_names[index] : NULL;
    return index >= 0 && index < NRACE ? race_names[index] : NULL;
}

cf_audit *cf_audit_new(void)
{
    cf_audit *a = cf_malloc(sizeof *a);
    if (a)
        memset(a, 0, sizeof *a);
    return a;
}

void cf_audit_free(cf_audit *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++) {
        cf_free(a->a[i].source);
        cf_free(a->a[i].tier);
    }
    cf_free(a->a);
    cf_free(a->rows);
    cf_strset_free(&a->seen);
    cf_free(a);
}

cf_status cf_audit_add(cf_audit *a, const char *source, double score, const char *tier)
{
    applicant *grown = cf_grow(a->a, &a->cap, a->n + 1, sizeof *a->a);
    if (!grown)
        return CF_ESYSTEM;
    a->a = grown;
    applicant *x = &a->a[a->n];
    x->source = cf_strdup(source ? source : "");
    x->tier = cf_strdup(tier ? tier : "");
    if (!x->source || !x->tier) {
        cf_free(x->source);
        cf_free(x->tier);
        return CF_ESYSTEM;
    }
    x->score = cf_shown(score);
    x->sex = x->race = -1;
    a->n++;
    return CF_OK;
}

size_t cf_audit_count(const cf_audit *a)
{
    return a->n;
}

int cf_audit_has_tier(const cf_audit *a, const char *id)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->a[i].tier, id) == 0)
            return 1;
    return 0;
}

cf_status cf_audit_add_report(cf_audit *a, const char *file, unsigned line, const char *text, size_t len,
                              int *taken, cf_diags *d)
{
    cf_saved s;
    cf_status st = cf_saved_take(file, line, text, len, &s, taken, d);
    if (!st && s.kind == CF_SAVED_REPORT)
        st = cf_audit_add(a, s.source, s.score->valuedouble, s.tier);
    cf_saved_free(&s);
    return st;
}

/* ---- demographics -------------------------------------------------------- */

/* Category index of value in names[0..n), -1 for an unknown, -2 when value
 * is neither. */
static int category(const char *v, size_t vlen, const char *const *names, int n)
{
    while (vlen && (*v == ' ' || *v == '\t'))
        v++, vlen--;
    while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
    for (int i = 0; i < n; i++)
        if (strlen(names[i]) == vlen && strncasecmp(v, names[i], vlen) == 0)
            return i;
    for (int i = 0; unknown_words[i]; i++)
        if (strlen(unknown_words[i]) == vlen && strncasecmp(v, unknown_words[i], vlen) == 0)
            return -1;
    return -2;
}

static int sex_category(const char *v, size_t n)
{
    if (n == 1 && (*v == 'M' || *v == 'm'))
        return 0;
    if (n == 1 && (*v == 'F' || *v == 'f'))
        return 1;
    return category(v, n, sex_names, NSEX);
}

/* A row of demographics, at line:col of file, or (line 0) at the cursor of
 * the JSON read, c. */
static cf_status add_row(cf_audit *a, const char *file, unsigned line, unsigned col, const cf_jctx *c,
                         const char *src, size_t srclen, int sex, int race, cf_diags *d)
{
    demo_row *rows = cf_grow(a->rows, &a->rowcap, a->nrows + 1, sizeof *a->rows);
    if (!rows)
        return CF_ESYSTEM;
    a->rows = rows;
    char *key = cf_malloc(srclen + 1);
    if (!key)
        return CF_ESYSTEM;
    const char *s;
    int in = cf_strset_add(&a->seen, key, cf_source_key(src, srclen, key), &s);
    cf_free(key);
    if (in < 0)
        return CF_ESYSTEM;
    if (in) {
        if (!line && c)
            cf_text_position(c->text, cf_json_locate(c->text, c->len, &c->path), 1, &line, &col);
        cf_diag_add(d, file, line, col, CF_SEV_ERROR, "duplicate-source", "source '%.*s' is listed twice",
                    (int)(srclen > 200 ? 200 : srclen), src);
        return CF_EINPUT;
    }
    a->rows[a->nrows++] = (demo_row){s, sex, race, 0};
    return CF_OK;
}

static void bad_value(cf_diags *d, const char *file, unsigned line, unsigned col, const char *what,
                      const char *v, size_t n)
{
    cf_diag_add(d, file, line, col, CF_SEV_ERROR, "unknown-category",
                "'%.*s' is not an EEO-1 %s category (or 'unknown')", (int)(n > 80 ? 80 : n), v,
                what);
}

static cf_status demo_csv(cf_audit *a, const char *file, const char *text, size_t len, cf_diags *d)
{
    cf_csv_cur c = {text, text + len, 1, 1};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.p += 3;
    cf_buf f = {0};
    int col_src = -1, col_sex = -1, col_race = -1, ncols = 0, last = 0;
    cf_status st = CF_OK;
    while (!last) {
        unsigned at = c.col;
        if (cf_csv_read_field(&c, &f, &last))
            break;
        if (f.oom)
            goto oom;
        int *slot = strcmp(f.s, "source") == 0           ? &col_src
                    : strcmp(f.s, "sex") == 0            ? &col_sex
                    : strcmp(f.s, "race_ethnicity") == 0 ? &col_race
                                                         : NULL;
        if (slot && *slot >= 0) {
            /* Two columns of one name: which one holds the data is a guess. */
            cf_diag_add(d, file, 1, at, CF_SEV_ERROR, "bad-header",
                        "the column '%s' is named twice (columns %d and %d)", f.s, *slot + 1,
                        ncols + 1);
            cf_buf_free(&f);
            return CF_EINPUT;
        }
        if (slot)
            *slot = ncols;
        ncols++;
    }
    if (col_src < 0 || col_sex < 0 || col_race < 0) {
        cf_diag_add(d, file, 1, 1, CF_SEV_ERROR, "bad-header",
                    "the first line must name the columns source, sex and race_ethnicity");
        cf_buf_free(&f);
        return CF_EINPUT;
    }
    while (c.p < c.end && !st) {
        unsigned line = c.line, col_at[3] = {0, 0, 0};
        char *val[3] = {NULL, NULL, NULL};
        size_t vlen[3] = {0, 0, 0};
        int k = 0, blank = 1;
        unsigned extra_at = 0;   /* where the first field past the header's begins */
        last = 0;
        while (!last) {
            unsigned at = c.col;
            if (k == ncols)
                extra_at = at;
            if (cf_csv_read_field(&c, &f, &last)) {
                cf_diag_add(d, file, line, at, CF_SEV_ERROR, "bad-csv", "a quoted field is not closed");
                st = CF_EINPUT;
                break;
            }
            if (f.oom)
                st = CF_ESYSTEM;
            if (f.len)
                blank = 0;
            int slot = k == col_src ? 0 : k == col_sex ? 1 : k == col_race ? 2 : -1;
            if (slot >= 0 && !st) {
                val[slot] = cf_malloc(f.len + 1);
                if (!val[slot])
                    st = CF_ESYSTEM;
                else
                    memcpy(val[slot], f.s, f.len + 1), vlen[slot] = f.len, col_at[slot] = at;
            }
            k++;
        }
        if (!st && !blank) {
            if (k != ncols) {
                /* A record longer or shorter than the header has its columns
                 * shifted: which value is whose cannot be known. */
                cf_diag_add(d, file, line, k > ncols ? extra_at : 1, CF_SEV_ERROR, "bad-csv",
                            "the record has %d fields; the header has %d", k, ncols);
                st = CF_EINPUT;
            } else if (!vlen[0]) {
                cf_diag_add(d, file, line, col_at[0], CF_SEV_ERROR, "bad-csv", "empty source");
                st = CF_EINPUT;
            } else {
                int sx = sex_category(val[1], vlen[1]);
                int rc = category(val[2], vlen[2], race_names, NRACE);
                if (sx == -2) {
                    bad_value(d, file, line, col_at[1], "sex", val[1], vlen[1]);
                    st = CF_EINPUT;
                } else if (rc == -2) {
                    bad_value(d, file, line, col_at[2], "race/ethnicity", val[2], vlen[2]);
                    st = CF_EINPUT;
                } else {
                    st = add_row(a, file, line, col_at[0], NULL, val[0], vlen[0], sx, rc, d);
                }
            }
        }
        for (int i = 0; i < 3; i++)
            cf_free(val[i]);
    }
    cf_buf_free(&f);
    return st;
oom:
    cf_buf_free(&f);
    return CF_ESYSTEM;
}

/* One JSON record: {"source", "sex", "race_ethnicity"}, or with the source
 * given as the key of an object of records. */
static cf_status demo_json_one(cf_audit *a, cf_jctx *c, const char *src, const cJSON *rec)
{
    if (!cJSON_IsObject(rec)) {
        cf_jctx_error(c, "wrong-type", "a demographics record must be an object");
        return CF_EINPUT;
    }
    const cJSON *s = cf_get(rec, "source");
    if (!src) {
        if (!cJSON_IsString(s) || !*s->valuestring) {
            cf_jctx_error(c, "missing-key", "the record needs a \"source\" string");
            return CF_EINPUT;
        }
        src = s->valuestring;
    }
    int cat[2];
    static const char *const keys[2] = {"sex", "race_ethnicity"};
    for (int i = 0; i < 2; i++) {
        const cJSON *v = cf_get(rec, keys[i]);
        cf_jctx_push_key(c, keys[i]);
        if (v && !cJSON_IsNull(v) && !cJSON_IsString(v)) {
            cf_jctx_error(c, "wrong-type", "'%s' must be a string or null", keys[i]);
            return CF_EINPUT;
        }
        const char *t = cJSON_IsString(v) ? v->valuestring : "";
        cat[i] = i == 0 ? sex_category(t, strlen(t)) : category(t, strlen(t), race_names, NRACE);
        if (cat[i] == -2) {
            cf_jctx_error(c, "unknown-category", "'%.80s' is not an EEO-1 %s category (or 'unknown')",
                          t, i == 0 ? "sex" : "race/ethnicity");
            return CF_EINPUT;
        }
        cf_jctx_pop(c);
    }
    /* the record's position is looked for only when a message needs it:
     * walking the text to each record would be quadratic in the records */
    return add_row(a, c->source, 0, 0, c, src, strlen(src), cat[0], cat[1], c->d);
}

static cf_status demo_json(cf_audit *a, const char *file, const char *text, size_t len, cf_diags *d)
{
    int oom = 0;
    cJSON *root = cf_json_parse(file, text, len, 1, d, &oom);
    if (!root)
        return oom ? CF_ESYSTEM : CF_EINPUT;
    cf_jctx c = {.source = file, .text = text, .len = len, .first_line = 1, .d = d};
    cf_status st = CF_OK;
    int i = 0;
    if (cJSON_IsArray(root)) {
        for (const cJSON *rec = root->child; rec && !st; rec = rec->next, i++) {
            cf_jctx_push_index(&c, i);
            st = demo_json_one(a, &c, NULL, rec);
            c.path.depth = 0;
        }
    } else if (cJSON_IsObject(root)) {
        for (const cJSON *rec = root->child; rec && !st; rec = rec->next) {
            cf_jctx_push_key(&c, rec->string);
            st = demo_json_one(a, &c, rec->string, rec);
            c.path.depth = 0;
        }
    } else {
        cf_jctx_error(&c, "wrong-type",
                      "demographics must be an array of records or an object keyed by source");
        st = CF_EINPUT;
    }
    cJSON_Delete(root);
    return st;
}

cf_status cf_audit_demographics(cf_audit *a, const char *file, const char *text, size_t len,
                                cf_diags *d)
{
    if (cf_json_opens(text, len))
        return demo_json(a, file, text, len, d);
    return demo_csv(a, file, text, len, d);
}

/* ---- the figures --------------------------------------------------------- */

typedef struct group {
    int dim;                  /* 0 sex, 1 race_ethnicity, 2 intersection */
    int cat;                  /* index: sex, race, or sex * NRACE + race */
    unsigned long n, selected, above;
    double sel_rate, score_rate, ir, sir;   /* ir, sir < 0: not computed */
    int excluded, flagged;
} group;

static const char *const dim_names[3] = {"sex", "race_ethnicity", "intersection"};

static void category_name(const group *g, char *buf, size_t size)
{
    if (g->dim == 0)
        snprintf(buf, size, "%s", sex_names[g->cat]);
    else if (g->dim == 1)
        snprintf(buf, size, "%s", race_names[g->cat]);
    else
        snprintf(buf, size, "%s / %s", sex_names[g->cat / NRACE], race_names[g->cat % NRACE]);
}

static int cmp_source(const void *x, const void *y)
{
    return strcmp(((const demo_row *)x)->source, ((const demo_row *)y)->source);
}

static int cmp_rank(const void *x, const void *y)
{
    const applicant *a = *(applicant *const *)x, *b = *(applicant *const *)y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return strcmp(a->source, b->source);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

typedef struct figures {
    group g[NSEX + NRACE + NSEX * NRACE];
    int ng;
    unsigned long unknown[3], selected, unmatched;
    double median;
    int flagged;
} figures;

static int is_selected(const cf_audit_select *sel, const applicant *x, size_t rank)
{
    switch (sel->kind) {
    case CF_SELECT_TIER:
        for (size_t i = 0; i < sel->ntiers; i++)
            if (strcmp(sel->tiers[i], x->tier) == 0)
                return 1;
        return 0;
    case CF_SELECT_TOP:
        return rank < sel->top;
    case CF_SELECT_MIN_SCORE:
        return x->score >= sel->min_score - 1e-9;
    }
    return 0;
}

cf_status cf_audit_join(cf_audit *a, size_t n, const char *const *sources, int *sex, int *race)
{
    /* The demographics again, keyed by the blind id of their source, for
     * blind reports audited against demographics keyed by path. */
    demo_row *byid = cf_malloc((a->nrows ? a->nrows : 1) * sizeof *byid);
    char (*ids)[CF_BLIND_ID_SIZE] = cf_malloc((a->nrows ? a->nrows : 1) * sizeof *ids);
    if (!byid || !ids) {
        cf_free(byid);
        cf_free(ids);
        return CF_ESYSTEM;
    }
    if (a->nrows)
        qsort(a->rows, a->nrows, sizeof *a->rows, cmp_source);
    for (size_t k = 0; k < a->nrows; k++) {
        a->rows[k].used = 0;
        if (a->keyed)
            cf_blind_id(&a->key, a->rows[k].source, ids[k]);
        else
            ids[k][0] = '\0';
        byid[k] = (demo_row){ids[k], a->rows[k].sex, a->rows[k].race, (int)k};
    }
    if (a->nrows)
        qsort(byid, a->nrows, sizeof *byid, cmp_source);
    size_t keycap = 0;
    char *norm = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t sl = strlen(sources[i]);
        if (sl + 1 > keycap) {
            char *v = cf_realloc(norm, sl + 1);
            if (!v) {
                cf_free(norm);
                cf_free(byid);
                cf_free(ids);
                return CF_ESYSTEM;
            }
            norm = v;
            keycap = sl + 1;
        }
        cf_source_key(sources[i], sl, norm);
        demo_row key = {norm, 0, 0, 0};
        demo_row *r = a->nrows ? bsearch(&key, a->rows, a->nrows, sizeof *a->rows, cmp_source) : NULL;
        /* a path named otherwise (absolute, or from another folder): the
         * row whose path it ends with, when only one does */
        for (const char *p = norm; !r && a->nrows && (p = strchr(p, '/')); p++) {
            key.source = p + 1;
            r = bsearch(&key, a->rows, a->nrows, sizeof *a->rows, cmp_source);
        }
        char id[CF_BLIND_ID_SIZE];
        if (!r && a->nrows && a->keyed) {
            /* demographics keyed by the blind id of the source */
            cf_blind_id(&a->key, sources[i], id);
            key.source = id;
            r = bsearch(&key, a->rows, a->nrows, sizeof *a->rows, cmp_source);
        }
        if (!r && a->nrows && a->keyed) {
            /* a blind report, demographics keyed by source: byid's used
             * holds the index of the row it stands for */
            key.source = sources[i];
            const demo_row *b = bsearch(&key, byid, a->nrows, sizeof *byid, cmp_source);
            r = b ? &a->rows[b->used] : NULL;
        }
        if (r)
            r->used = 1;
        sex[i] = r ? r->sex : -2;
        race[i] = r ? r->race : -2;
    }
    cf_free(norm);
    cf_free(byid);
    cf_free(ids);
    return CF_OK;
}

static cf_status compute(cf_audit *a, const cf_audit_select *sel, figures *fg)
{
    memset(fg, 0, sizeof *fg);
    applicant **order = cf_malloc((a->n ? a->n : 1) * sizeof *order);
    double *scores = cf_malloc((a->n ? a->n : 1) * sizeof *scores);
    if (!order || !scores) {
        cf_free(order);
        cf_free(scores);
        return CF_ESYSTEM;
    }
    const char **sources = cf_malloc((a->n ? a->n : 1) * sizeof *sources);
    int *sex = cf_malloc((a->n ? a->n : 1) * sizeof *sex), *race = cf_malloc((a->n ? a->n : 1) * sizeof *race);
    cf_status st = sources && sex && race ? CF_OK : CF_ESYSTEM;
    for (size_t i = 0; !st && i < a->n; i++)
        sources[i] = a->a[i].source;
    if (!st)
        st = cf_audit_join(a, a->n, sources, sex, race);
    for (size_t i = 0; !st && i < a->n; i++) {
        a->a[i].sex = sex[i];
        a->a[i].race = race[i];
        if (sex[i] == -2)
            a->a[i].sex = a->a[i].race = -1, fg->unmatched++;
        order[i] = &a->a[i];
        scores[i] = a->a[i].score;
    }
    cf_free(sources);
    cf_free(sex);
    cf_free(race);
    if (st) {
        cf_free(order);
        cf_free(scores);
        return st;
    }
    a->unjoined = fg->unmatched;
    a->unused = 0;
    for (size_t k = 0; k < a->nrows; k++)
        a->unused += !a->rows[k].used;
    qsort(order, a->n, sizeof *order, cmp_rank);
    qsort(scores, a->n, sizeof *scores, cmp_double);
    if (a->n)
        fg->median = a->n % 2 ? scores[a->n / 2] : (scores[a->n / 2 - 1] + scores[a->n / 2]) / 2;

    /* Counts per category, in the EEO-1 order. */
    unsigned long n[3][NSEX * NRACE] = {{0}}, s[3][NSEX * NRACE] = {{0}}, up[3][NSEX * NRACE] = {{0}};
    for (size_t i = 0; i < a->n; i++) {
        const applicant *x = order[i];
        int sel_x = is_selected(sel, x, i), above = x->score > fg->median;
        fg->selected += (unsigned long)sel_x;
        int cats[3] = {x->sex, x->race, x->sex >= 0 && x->race >= 0 ? x->sex * NRACE + x->race : -1};
        for (int dm = 0; dm < 3; dm++) {
            if (cats[dm] < 0) {
                fg->unknown[dm]++;
                continue;
            }
            n[dm][cats[dm]]++;
            s[dm][cats[dm]] += (unsigned long)sel_x;
            up[dm][cats[dm]] += (unsigned long)above;
        }
    }
    static const int ncat[3] = {NSEX, NRACE, NSEX * NRACE};
    for (int dm = 0; dm < 3; dm++) {
        int first = fg->ng;
        double best_sel = 0, best_up = 0;
        for (int k = 0; k < ncat[dm]; k++) {
            if (!n[dm][k])
                continue;
            group *g = &fg->g[fg->ng++];
            g->dim = dm;
            g->cat = k;
            g->n = n[dm][k];
            g->selected = s[dm][k];
            g->above = up[dm][k];
            g->sel_rate = (double)g->selected / (double)g->n;
            g->score_rate = (double)g->above / (double)g->n;
            /* Under 2% of all the applicants audited: left out of the ratios. */
            g->excluded = g->n * 50 < a->n;
            if (!g->excluded) {
                best_sel = fmax(best_sel, g->sel_rate);
                best_up = fmax(best_up, g->score_rate);
            }
        }
        for (int k = first; k < fg->ng; k++) {
            group *g = &fg->g[k];
            g->ir = !g->excluded && best_sel > 0 ? g->sel_rate / best_sel : -1;
            g->sir = !g->excluded && best_up > 0 ? g->score_rate / best_up : -1;
            g->flagged = (g->ir >= 0 && g->ir < 0.8) || (g->sir >= 0 && g->sir < 0.8);
            fg->flagged += g->flagged;
        }
    }
    cf_free(order);
    cf_free(scores);
    return CF_OK;
}

/* The smallest impact ratio of a category counted in the ratios, 1 when
 * none is under it, -1 when there is none: nothing to judge. */
static double min_ratio(const figures *fg)
{
    double m = 1;
    int any = 0;
    for (int i = 0; i < fg->ng; i++)
        any |= fg->g[i].ir >= 0 || fg->g[i].sir >= 0;
    if (!any)
        return -1;
    for (int i = 0; i < fg->ng; i++) {
        if (fg->g[i].ir >= 0)
            m = fmin(m, fg->g[i].ir);
        if (fg->g[i].sir >= 0)
            m = fmin(m, fg->g[i].sir);
    }
    return m;
}

/* ---- writers ------------------------------------------------------------- */

static void put_ratio(cf_buf *b, double v)
{
    if (v < 0)
        cf_buf_puts(b, "-");
    else
        cf_buf_printf(b, "%.4f", v);
}

static void write_json(cf_buf *b, const figures *fg, const cf_audit *a, const char *rule)
{
    cf_jw w = {b, 1, 0, {0}};
    char name[160];
    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", "coderfit-audit/1");
    cf_jw_str(&w, "selection", rule);
    cf_jw_num(&w, "applicants", (double)a->n, 0);
    cf_jw_num(&w, "selected", (double)fg->selected, 0);
    cf_jw_num(&w, "median_score", fg->median, 2);
    cf_jw_num(&w, "threshold", 0.8, 2);
    cf_jw_num(&w, "min_share", 0.02, 2);
    cf_jw_open(&w, "unknown", '{');
    for (int dm = 0; dm < 3; dm++)
        cf_jw_num(&w, dim_names[dm], (double)fg->unknown[dm], 0);
    cf_jw_close(&w, '}');
    cf_jw_num(&w, "without_demographics", (double)fg->unmatched, 0);
    cf_jw_num(&w, "rows_unmatched", (double)a->unused, 0);
    cf_jw_num(&w, "flagged", fg->flagged, 0);
    cf_jw_open(&w, "groups", '[');
    for (int i = 0; i < fg->ng; i++) {
        const group *g = &fg->g[i];
        category_name(g, name, sizeof name);
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "dimension", dim_names[g->dim]);
        cf_jw_str(&w, "category", name);
        cf_jw_num(&w, "applicants", (double)g->n, 0);
        cf_jw_num(&w, "selected", (double)g->selected, 0);
        cf_jw_num(&w, "selection_rate", g->sel_rate, 4);
        if (g->ir < 0)
            cf_jw_str(&w, "impact_ratio", NULL);
        else
            cf_jw_num(&w, "impact_ratio", g->ir, 4);
        cf_jw_num(&w, "scoring_rate", g->score_rate, 4);
        if (g->sir < 0)
            cf_jw_str(&w, "scoring_impact_ratio", NULL);
        else
            cf_jw_num(&w, "scoring_impact_ratio", g->sir, 4);
        cf_jw_bool(&w, "flagged", g->flagged);
        cf_jw_bool(&w, "excluded", g->excluded);
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(b, '\n');
}

static void write_csv(cf_buf *b, const figures *fg)
{
    char name[160];
    cf_buf_puts(b, "dimension,category,applicants,selected,selection_rate,impact_ratio,"
                   "scoring_rate,scoring_impact_ratio,flagged,excluded\r\n");
    for (int i = 0; i < fg->ng; i++) {
        const group *g = &fg->g[i];
        category_name(g, name, sizeof name);
        cf_buf_printf(b, "%s,", dim_names[g->dim]);
        cf_buf_csv(b, name);
        cf_buf_printf(b, ",%lu,%lu,%.4f,", g->n, g->selected, g->sel_rate);
        if (g->ir >= 0)
            cf_buf_printf(b, "%.4f", g->ir);
        cf_buf_printf(b, ",%.4f,", g->score_rate);
        if (g->sir >= 0)
            cf_buf_printf(b, "%.4f", g->sir);
        cf_buf_printf(b, ",%s,%s\r\n", g->flagged ? "yes" : "no", g->excluded ? "yes" : "no");
    }
}

static void write_table(cf_buf *b, const figures *fg, int md, int color)
{
    static const char *const titles[3] = {"Sex", "Race/ethnicity", "Sex and race/ethnicity"};
    char name[160];
    int width = 8;   /* the category column: as wide as the longest name shown */
    for (int i = 0; i < fg->ng; i++) {
        category_name(&fg->g[i], name, sizeof name);
        if ((int)strlen(name) > width)
            width = (int)strlen(name);
    }
    for (int dm = 0; dm < 3; dm++) {
        if (md)
            cf_buf_printf(b, "\n## %s\n\n| category | applicants | selected | selection rate | impact ratio "
                             "| scoring rate | scoring impact ratio | |\n| --- | ---: | ---: | ---: | ---: "
                             "| ---: | ---: | --- |\n",
                          titles[dm]);
        else
            cf_buf_printf(b, "\n%s\n  %-*s %6s %6s %8s %8s %8s %8s\n", titles[dm], width, "category", "appl.",
                          "sel.", "sel.rate", "ratio", "scor.rt", "ratio");
        for (int i = 0; i < fg->ng; i++) {
            const group *g = &fg->g[i];
            if (g->dim != dm)
                continue;
            category_name(g, name, sizeof name);
            const char *mark = g->excluded ? "excluded (under 2%)" : g->flagged ? "FLAG: under 0.8" : "";
            if (md) {
                cf_buf_puts(b, "| ");
                cf_buf_md(b, name);
                cf_buf_printf(b, " | %lu | %lu | %.4f | ", g->n, g->selected, g->sel_rate);
                put_ratio(b, g->ir);
                cf_buf_printf(b, " | %.4f | ", g->score_rate);
                put_ratio(b, g->sir);
                cf_buf_printf(b, " | %s |\n", mark);
            } else {
                cf_buf_puts(b, "  ");
                cf_buf_pad(b, name, width);
                cf_buf_printf(b, " %6lu %6lu %8.4f ", g->n, g->selected, g->sel_rate);
                if (g->ir < 0)
                    cf_buf_printf(b, "%8s", "-");
                else
                    cf_buf_printf(b, "%8.4f", g->ir);
                cf_buf_printf(b, " %8.4f ", g->score_rate);
                if (g->sir < 0)
                    cf_buf_printf(b, "%8s", "-");
                else
                    cf_buf_printf(b, "%8.4f", g->sir);
                if (*mark)
                    cf_buf_puts(b, "  ");
                cf_buf_colored(b, color && g->flagged && !g->excluded, C_BOLD C_RED, mark);
                cf_buf_putc(b, '\n');
            }
        }
        if (md)
            cf_buf_printf(b, "\nUnknown category: %lu\n", fg->unknown[dm]);
        else
            cf_buf_printf(b, "  unknown category: %lu\n", fg->unknown[dm]);
    }
}

cf_status cf_audit_write(cf_audit *a, const cf_audit_select *sel, const char *rule, cf_audit_format f,
                         char **out, size_t *len, double *smallest)
{
    figures fg;
    if (compute(a, sel, &fg))
        return CF_ESYSTEM;
    if (smallest)
        *smallest = min_ratio(&fg);
    cf_buf b = {0};
    switch (f) {
    case CF_AUDIT_JSON:
        write_json(&b, &fg, a, rule);
        break;
    case CF_AUDIT_CSV:
        write_csv(&b, &fg);
        break;
    case CF_AUDIT_TEXT:
    case CF_AUDIT_MD:
        if (f == CF_AUDIT_MD) {
            cf_buf_puts(&b, "# Adverse-impact audit\n\n");
            cf_buf_printf(&b, "Selection: `%s`. Applicants: %zu; selected: %lu; median score: ", rule,
                          a->n, fg.selected);
        } else {
            cf_buf_printf(&b, "Adverse-impact audit (selection: %s)\n", rule);
            cf_buf_printf(&b, "applicants %zu, selected %lu, median score ", a->n, fg.selected);
        }
        cf_buf_num(&b, fg.median, 2);
        cf_buf_printf(&b, "%s without demographics: %lu", f == CF_AUDIT_MD ? ";" : ",", fg.unmatched);
        if (a->unused)
            cf_buf_printf(&b, "%s demographics rows matching no applicant: %zu", f == CF_AUDIT_MD ? ";" : ",",
                          a->unused);
        cf_buf_putc(&b, '\n');
        write_table(&b, &fg, f == CF_AUDIT_MD, a->color);
        cf_buf_printf(&b, "\n%d group%s flagged (impact ratio under 0.8). A flag is a reason to "
                          "review, not a finding of discrimination.\n",
                      fg.flagged, fg.flagged == 1 ? "" : "s");
        break;
    }
    return cf_buf_finish(&b, out, len);
}

void cf_audit_unmatched(const cf_audit *a, size_t *applicants, size_t *rows)
{
    *applicants = a->unjoined;
    *rows = a->unused;
}

void cf_audit_color(cf_audit *a, int on)
{
    a->color = on;
}
