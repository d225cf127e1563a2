/* Validation: how the scores of the people an employer screened went with
 * what happened to them (hired, audited accuracy, productivity, still
 * employed, a manager's rating).  The applicants are reports (scored now,
 * or saved the day they applied); the outcomes are a CSV file joined to
 * them by the input's id, e-mail or source.  docs/validation.md says what
 * the figures mean and what they do not. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "internal.h"
#include "report.h"
#include "stats.h"

#define BOOTS 2000
#define SEED 20261206u
#define TOO_FEW 30

typedef struct vapp {
    char *source, *id, *email;   /* the keys it joins by (e-mail lowercased) */
    double score;
    char *tier;                  /* id */
    int tier_rank;               /* 1: the top tier; 0: not known */
    double *q;                   /* per quality of v->qids, NAN when absent */
    int row;                     /* the outcome row joined, -1 none */
} vapp;

typedef struct vout {
    char *name;
    cf_outcome_kind kind;
    int col;                     /* in the file */
    size_t empty;                /* cells left empty */
} vout;

typedef struct vrow {
    char *key[3];                /* id, email, source as written; NULL: no column or empty */
    double *val;                 /* per outcome, NAN when none */
    double hired;                /* 1 yes, 0 no, NAN not known */
    unsigned line;
    int app;                     /* the applicant joined, -1 none */
} vrow;

struct cf_validation {
    vapp *a;
    size_t n, cap;
    char **qids, **qnames;
    size_t nq;
    char **tiers, **labels;      /* by rank, 1-based rank r at [r - 1] */
    size_t ntiers;
    vout *o;
    size_t no;
    int hired_file;              /* the file has a column of who was hired */
    int hired_o;                 /* that column's outcome, -1 when not one used */
    vrow *rows;
    size_t nrows, rowcap;
    char *file;
    char *rubric;                /* "id version", the first report's */
    char *as_of;
    cf_audit *demo;              /* borrowed: the demographics (cf_validation_groups) */
    int *cat[2];                 /* per applicant: sex, race/ethnicity (-1 unknown, -2 no row) */
};

void cf_validation_groups(cf_validation *v, cf_audit *demographics)
{
    v->demo = demographics;
}

cf_validation *cf_validation_new(void)
{
    cf_validation *v = cf_malloc(sizeof *v);
    if (v)
        memset(v, 0, sizeof *v);
    return v;
}

static void free_strs(char **s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        cf_free(s[i]);
    cf_free(s);
}

void cf_validation_free(cf_validation *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++) {
        cf_free(v->a[i].source);
        cf_free(v->a[i].id);
        cf_free(v->a[i].email);
        cf_free(v->a[i].tier);
        cf_free(v->a[i].q);
    }
    cf_free(v->a);
    free_strs(v->qids, v->nq);
    free_strs(v->qnames, v->nq);
    free_strs(v->tiers, v->ntiers);
    free_strs(v->labels, v->ntiers);
    for (size_t i = 0; i < v->no; i++)
        cf_free(v->o[i].name);
    cf_free(v->o);
    for (size_t i = 0; i < v->nrows; i++) {
        for (int k = 0; k < 3; k++)
            cf_free(v->rows[i].key[k]);
        cf_free(v->rows[i].val);
    }
    cf_free(v->rows);
    cf_free(v->file);
    cf_free(v->rubric);
    cf_free(v->as_of);
    cf_free(v->cat[0]);
    cf_free(v->cat[1]);
    cf_free(v);
}

size_t cf_validation_count(const cf_validation *v)
{
    return v->n;
}

/* s, or NULL for NULL; *oom set when the copy failed. */
static char *dup_or_null(const char *s, int *oom)
{
    char *c = s ? cf_strdup(s) : NULL;
    if (s && !c)
        *oom = 1;
    return c;
}

static char *lower_dup(const char *s, int *oom)
{
    char *c = dup_or_null(s, oom);
    for (char *p = c; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return c;
}

/* The tier of rank (1-based) as id and label, learnt from the reports. */
static int learn_tier(cf_validation *v, int rank, const char *id, const char *label)
{
    if (rank < 1 || !id)
        return 0;
    if ((size_t)rank > v->ntiers) {
        char **t = cf_realloc(v->tiers, (size_t)rank * sizeof *t), **l = NULL;
        if (t)
            v->tiers = t;
        if (t && (l = cf_realloc(v->labels, (size_t)rank * sizeof *l)))
            v->labels = l;
        if (!t || !l)
            return -1;
        for (size_t i = v->ntiers; i < (size_t)rank; i++)
            v->tiers[i] = v->labels[i] = NULL;
        v->ntiers = (size_t)rank;
    }
    int oom = 0;
    if (!v->tiers[rank - 1]) {
        v->tiers[rank - 1] = dup_or_null(id, &oom);
        v->labels[rank - 1] = dup_or_null(label ? label : id, &oom);
    }
    return oom ? -1 : 0;
}

/* The qualities of the first applicant name the columns; a later one's
 * are found by id. */
static int learn_qualities(cf_validation *v, size_t nq, const char *const *ids, const char *const *names)
{
    if (v->qids || !nq)
        return 0;
    v->qids = cf_calloc(nq, sizeof *v->qids);
    v->qnames = cf_calloc(nq, sizeof *v->qnames);
    if (!v->qids || !v->qnames)
        return -1;
    v->nq = nq;
    int oom = 0;
    for (size_t i = 0; i < nq; i++) {
        v->qids[i] = dup_or_null(ids[i], &oom);
        v->qnames[i] = dup_or_null(names[i] ? names[i] : ids[i], &oom);
    }
    return oom ? -1 : 0;
}

static vapp *new_app(cf_validation *v, const char *source, const char *id, const char *email, double score,
                     const char *tier)
{
    vapp *a = cf_grow(v->a, &v->cap, v->n + 1, sizeof *v->a);
    if (!a)
        return NULL;
    v->a = a;
    vapp *p = &v->a[v->n];
    memset(p, 0, sizeof *p);
    int oom = 0;
    p->source = dup_or_null(source, &oom);
    p->id = dup_or_null(id, &oom);
    p->email = lower_dup(email, &oom);
    p->tier = dup_or_null(tier, &oom);
    p->q = cf_malloc((v->nq ? v->nq : 1) * sizeof *p->q);
    p->score = score;
    p->row = -1;
    v->n++;   /* freed with v, whole or not */
    if (oom || !p->q)
        return NULL;
    for (size_t i = 0; i < v->nq; i++)
        p->q[i] = NAN;
    return p;
}

static int set_meta(cf_validation *v, const char *rubric_id, const char *version, const char *as_of)
{
    if (v->rubric)
        return 0;
    cf_buf b = {0};
    cf_buf_printf(&b, "%s%s%s", rubric_id ? rubric_id : "?", version ? " " : "", version ? version : "");
    int oom = 0;
    v->as_of = dup_or_null(as_of, &oom);
    if (cf_buf_finish(&b, &v->rubric, NULL) || oom)
        return -1;
    return 0;
}

cf_status cf_validation_add(cf_validation *v, const cf_report *rep)
{
    const cf_rubric *r = rep->r;
    char day[11];
    cf_day_format(rep->as_of, day);
    if (set_meta(v, r->id, r->version, day))
        return CF_ESYSTEM;
    const char **ids = cf_malloc((r->nqualities ? r->nqualities : 1) * sizeof *ids);
    const char **names = cf_malloc((r->nqualities ? r->nqualities : 1) * sizeof *names);
    int bad = !ids || !names;
    for (size_t i = 0; !bad && i < r->nqualities; i++) {
        ids[i] = r->qualities[i].id;
        names[i] = r->qualities[i].name;
    }
    bad = bad || learn_qualities(v, r->nqualities, ids, names);
    cf_free(ids);
    cf_free(names);
    for (size_t t = 0; !bad && t < r->ntiers; t++)
        bad = learn_tier(v, (int)t + 1, r->tiers[t].id, r->tiers[t].label) != 0;
    const char *tier = cf_report_tier(rep);
    vapp *p = bad ? NULL : new_app(v, rep->source, rep->who.id, rep->who.email, rep->score, tier);
    if (!p)
        return CF_ESYSTEM;
    p->tier_rank = rep->tier < r->ntiers ? (int)rep->tier + 1 : 0;
    for (size_t i = 0; i < r->nqualities && i < v->nq; i++)
        if (r->qualities[i].id && v->qids[i] && strcmp(r->qualities[i].id, v->qids[i]) == 0)
            p->q[i] = rep->qscore[i];
    return CF_OK;
}

cf_status cf_validation_add_report(cf_validation *v, const char *file, unsigned line, const char *text,
                                   size_t len, int *taken, cf_diags *d)
{
    cf_saved s;
    cf_status st = cf_saved_take(file, line, text, len, &s, taken, d);
    if (!st && s.kind == CF_SAVED_REPORT) {
        const cJSON *rub = s.rubric;
        if (set_meta(v, cf_get_str(rub, "id"), cf_get_str(rub, "version"), s.as_of))
            st = CF_ESYSTEM;
        size_t nq = (size_t)cJSON_GetArraySize(s.qualities), i = 0;
        const char **ids = cf_calloc(nq ? nq : 1, sizeof *ids), **names = cf_calloc(nq ? nq : 1, sizeof *names);
        const cJSON *q;
        if (!ids || !names)
            st = CF_ESYSTEM;
        cJSON_ArrayForEach(q, s.qualities) {
            if (st)
                break;
            ids[i] = cf_get_str(q, "id");
            names[i++] = cf_get_str(q, "name");
        }
        if (!st && learn_qualities(v, nq, ids, names))
            st = CF_ESYSTEM;
        cf_free(ids);
        cf_free(names);
        int rank = cJSON_IsNumber(s.tier_rank) ? s.tier_rank->valueint : 0;
        if (!st && learn_tier(v, rank, s.tier, s.tier_label))
            st = CF_ESYSTEM;
        vapp *p = st ? NULL
                     : new_app(v, s.source, cf_get_str(s.applicant, "id"), cf_get_str(s.applicant, "email"),
                               s.score->valuedouble, s.tier);
        if (!st && !p)
            st = CF_ESYSTEM;
        if (p) {
            p->tier_rank = rank;
            cJSON_ArrayForEach(q, s.qualities) {
                const char *qid = cf_get_str(q, "id");
                const cJSON *sc = cf_get(q, "score");
                for (size_t k = 0; qid && cJSON_IsNumber(sc) && k < v->nq; k++)
                    if (v->qids[k] && strcmp(v->qids[k], qid) == 0)
                        p->q[k] = sc->valuedouble;
            }
        }
    }
    cf_saved_free(&s);
    return st;
}

/* ---- outcomes ---------------------------------------------------------- */

static const char *const kind_names[] = {"yesno", "percent", "number", "rating"};

const char *cf_outcome_kind_name(cf_outcome_kind k)
{
    return k >= 0 && k < CF_OUTCOME_AUTO ? kind_names[k] : "auto";
}

int cf_outcome_kind_parse(const char *s, cf_outcome_kind *k)
{
    for (int i = 0; i < CF_OUTCOME_AUTO; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (cf_outcome_kind)i;
            return 0;
        }
    return -1;
}

static int is_yes(const char *s)
{
    static const char *const yes[] = {"yes", "y", "true", "1", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
    return 0;
}

static int is_no(const char *s)
{
    static const char *const no[] = {"no", "n", "false", "0", NULL};
    for (int i = 0; no[i]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return 1;
    return 0;
}

/* A number as written ("96.5", "96.5%"): 1, with *pct set when it had a
 * percent sign; 0 when it is not one. */
static int read_number(const char *s, double *out, int *pct)
{
    char *end;
    *pct = 0;
    if (!*s || isspace((unsigned char)*s))
        return 0;
    double x = strtod(s, &end);
    if (end == s || !isfinite(x))
        return 0;
    if (*end == '%') {
        *pct = 1;
        end++;
    }
    *out = x;
    return *end == '\0';
}

/* The kind of a column from its values (spaces around them aside): yes
 * or no when they outnumber the numbers; a percent sign or a name that
 * says accuracy; whole numbers from 1 to 5; else a number.  A value that
 * is none of these is warned about when it is read. */
static cf_outcome_kind guess_kind(const char *name, char *const *cells, size_t n)
{
    size_t yn = 0, nums = 0;
    int any_pct = 0, all_rating = 1;
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        const char *s = cells[i];
        while (s && isspace((unsigned char)*s))
            s++;
        size_t len = s ? strlen(s) : 0;
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (!len || len >= sizeof buf)
            continue;
        memcpy(buf, s, len);
        buf[len] = '\0';
        double x;
        int pct;
        if (is_yes(buf) || is_no(buf)) {
            yn++;
        } else if (read_number(buf, &x, &pct)) {
            nums++;
            any_pct |= pct;
            if (x != floor(x) || x < 1 || x > 5)
                all_rating = 0;
        }
    }
    if (yn && yn >= nums)
        return CF_OUTCOME_YESNO;
    if (any_pct || strstr(name, "accuracy") || strstr(name, "percent") || strstr(name, "pct"))
        return CF_OUTCOME_PERCENT;
    if ((nums && all_rating) || strstr(name, "rating"))
        return CF_OUTCOME_RATING;
    return CF_OUTCOME_NUMBER;
}

/* The outcomes as a grid of cells, the header first: read from CSV, or
 * from JSON records (an array of objects, or an object of them keyed by
 * source).  A CSV cell knows its line and column; a JSON value is found in
 * the text only when a message needs it (walking the text to each value
 * would be quadratic in the records). */
typedef struct csv_cell {
    char *s;                     /* NULL: a JSON value that is no outcome (an array, an object) */
    unsigned line, col;          /* 0: a JSON value (rec, field) */
    int rec;
    const char *field;           /* borrowed: the column's name */
} csv_cell;

typedef struct grid {
    const char *file, *text;
    size_t len;
    csv_cell *cells;
    size_t n, ncols;
    cJSON *doc;
    int keyed;                   /* an object of records keyed by source */
    unsigned *recline;           /* JSON: each record's line */
    size_t warned;
    unsigned long more;          /* past CF_MAX_WARNINGS, counted only */
} grid;

/* Where a cell is: its line and column, or the JSON value's (the record's,
 * when the record does not have the field). */
static void cell_pos(const grid *g, const csv_cell *c, unsigned *line, unsigned *col)
{
    if (c->line) {
        *line = c->line;
        *col = c->col;
        return;
    }
    cf_json_path p = {.depth = 2};
    const cJSON *r = g->doc ? g->doc->child : NULL;
    for (int i = 0; r && i < c->rec; i++)
        r = r->next;
    p.key[0] = g->keyed && r ? r->string : NULL;
    p.index[0] = g->keyed ? 0 : c->rec;
    p.key[1] = c->field;
    cf_text_position(g->text, cf_json_locate(g->text, g->len, &p), 1, line, col);
}

/* A value left out: a warning at its position, the first CF_MAX_WARNINGS
 * of them (a file with thousands would bury the rest of the run's). */
static void cell_warn(grid *g, const csv_cell *c, cf_diags *d, const char *msg)
{
    if (g->warned >= CF_MAX_WARNINGS) {
        g->more++;
        return;
    }
    g->warned++;
    unsigned line, col;
    cell_pos(g, c, &line, &col);
    cf_diag_add(d, g->file, line, col, CF_SEV_WARNING, "bad-outcome", "%s", msg);
}

/* The value of a cell of kind k, or a warning at its position and NAN. */
static double cell_value(grid *g, const csv_cell *cell, const vout *o, cf_diags *d)
{
    const char *s = cell->s;
    char msg[320];
    if (!s) {
        snprintf(msg, sizeof msg, "'%.60s': a list or an object is not a value: left out", o->name);
        cell_warn(g, cell, d, msg);
        return NAN;
    }
    size_t n = strlen(s), a = 0, z = n;
    int shown = (int)(n > 60 ? 60 : n);
    while (a < n && isspace((unsigned char)s[a]))
        a++;
    while (z > a && isspace((unsigned char)s[z - 1]))
        z--;
    double x;
    int pct;
    if (a || z < n) {
        snprintf(msg, sizeof msg, "'%.60s': '%.*s' has spaces around it: left out (write '%.*s')", o->name, shown,
                 s, (int)(z - a > 60 ? 60 : z - a), s + a);
    } else {
        const char *want;
        switch (o->kind) {
        case CF_OUTCOME_YESNO:
            if (is_yes(s) || is_no(s))
                return is_yes(s);
            want = "yes or no";
            break;
        case CF_OUTCOME_PERCENT:
            if (read_number(s, &x, &pct) && x >= 0 && x <= 100)
                return x;
            want = "a percentage from 0 to 100";
            break;
        case CF_OUTCOME_RATING:
            if (read_number(s, &x, &pct) && !pct && x >= 1 && x <= 5)
                return x;
            want = "a rating from 1 to 5";
            break;
        default:
            if (read_number(s, &x, &pct) && !pct && x >= 0)
                return x;
            want = "a number of 0 or more";
            break;
        }
        snprintf(msg, sizeof msg, "'%.60s': '%.*s' is not %s: left out", o->name, shown, s, want);
    }
    cell_warn(g, cell, d, msg);
    return NAN;
}

/* Appends a copy of s at line:col; -1 when memory ran out (the cells kept
 * are still *cells, *n of them). */
static int push_cell(csv_cell **cells, size_t *cap, size_t *n, const char *s, unsigned line, unsigned col)
{
    csv_cell *v = cf_grow(*cells, cap, *n + 1, sizeof **cells);
    if (!v)
        return -1;
    *cells = v;
    char *c = cf_strdup(s);
    if (!c)
        return -1;
    (*cells)[(*n)++] = (csv_cell){c, line, col, 0, NULL};
    return 0;
}

static int read_csv(const char *file, const char *text, size_t len, csv_cell **cells, size_t *ncells,
                    size_t *ncols, cf_diags *d)
{
    cf_csv_cur c = {text, text + len, 1, 1};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.p += 3;
    cf_buf f = {0};
    size_t cap = 0, row = 0, k = 0;
    *cells = NULL;
    *ncells = *ncols = 0;
    int rc = 0;
    while (c.p < c.end && !rc) {
        unsigned line = c.line, at = c.col;
        int last = 0;
        if (cf_csv_read_field(&c, &f, &last)) {
            cf_diag_add(d, file, line, at, CF_SEV_ERROR, "bad-csv", "a quoted field is not closed");
            rc = -1;
            break;
        }
        if (f.oom) {
            rc = -2;
            break;
        }
        if (row == 0 || k < *ncols) {
            if (push_cell(cells, &cap, ncells, f.s ? f.s : "", line, at)) {
                rc = -2;
                break;
            }
        } else if (f.len) {
            cf_diag_add(d, file, line, at, CF_SEV_ERROR, "bad-csv", "more fields than the header names (%zu)",
                        *ncols);
            rc = -1;
            break;
        }
        k++;
        if (last) {
            if (row == 0)
                *ncols = k;
            else if (k == 1 && !(*cells)[*ncells - 1].s[0])
                (*ncells)--, cf_free((*cells)[*ncells].s);   /* a blank line */
            else
                for (; k < *ncols && !rc; k++)   /* a short row: the rest empty */
                    if (push_cell(cells, &cap, ncells, "", c.line, 1))
                        rc = -2;
            row++;
            k = 0;
        }
    }
    cf_buf_free(&f);
    return rc;
}

static void free_cells(csv_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cf_free(cells[i].s);
    cf_free(cells);
}

/* A JSON scalar as the text a CSV cell would hold: true "yes", false
 * "no", null empty, a number in the fewest digits that read back the
 * same.  NULL for an array or an object; *oom when memory ran out. */
static char *json_cell(const cJSON *v, int *oom)
{
    char num[40];
    const char *t = NULL;
    if (cJSON_IsString(v))
        t = v->valuestring;
    else if (cJSON_IsTrue(v))
        t = "yes";
    else if (cJSON_IsFalse(v))
        t = "no";
    else if (cJSON_IsNull(v))
        t = "";
    else if (cJSON_IsNumber(v)) {
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        if (strtod(num, NULL) != v->valuedouble)
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
        t = num;
    }
    if (!t)
        return NULL;
    char *c = cf_strdup(t);
    if (!c)
        *oom = 1;
    return c;
}

/* The records of a JSON document as a grid: the columns are the keys, in
 * the order they first appear; a record of an object keyed by source has
 * that key as its source.  -1 after an error added to d, -2 out of memory. */
static int read_json(grid *g, cf_diags *d)
{
    int oom = 0;
    g->doc = cf_json_parse(g->file, g->text, g->len, 1, d, &oom);
    if (!g->doc)
        return oom ? -2 : -1;
    g->keyed = cJSON_IsObject(g->doc);
    if (!g->keyed && !cJSON_IsArray(g->doc)) {
        cf_diag_add(d, g->file, 1, 1, CF_SEV_ERROR, "wrong-type",
                    "outcomes must be an array of records, or an object of them keyed by source");
        return -1;
    }
    cf_strset cols = {0};
    const char **names = NULL;
    size_t cap = 0, nrec = (size_t)cJSON_GetArraySize(g->doc);
    int rc = 0;
    /* each record's line, found in one walk of the text */
    size_t *off = cf_malloc((nrec ? nrec : 1) * sizeof *off);
    if (!off || !(g->recline = cf_malloc((nrec ? nrec : 1) * sizeof *g->recline))) {
        cf_free(off);
        return -2;
    }
    size_t got = cf_json_members(g->text, g->len, off, nrec), at = 0;
    unsigned line = 1;
    for (size_t r = 0; r < nrec; r++) {
        for (size_t end = r < got ? off[r] : at; at < end; at++)
            line += g->text[at] == '\n';
        g->recline[r] = line;
    }
    cf_free(off);
    if (g->keyed && (cf_strset_add(&cols, "source", 6, NULL) < 0 || !(names = cf_grow(NULL, &cap, 1, sizeof *names))))
        rc = -2;
    if (g->keyed && !rc)
        names[g->ncols++] = "source";
    for (const cJSON *r = g->doc->child; r && !rc; r = r->next)
        for (const cJSON *f = cJSON_IsObject(r) ? r->child : NULL; f && !rc; f = f->next) {
            size_t *k;
            int in;
            if (!(k = cf_strset_val(&cols, f->string, strlen(f->string), &in))) {
                rc = -2;
            } else if (!in) {
                const char **v = cf_grow(names, &cap, g->ncols + 1, sizeof *names);
                if (!v)
                    rc = -2;
                else
                    (names = v)[*k = g->ncols++] = f->string;
            }
        }
    if (!rc && g->ncols && !(g->cells = cf_calloc((nrec + 1) * g->ncols, sizeof *g->cells)))
        rc = -2;
    for (size_t c = 0; !rc && c < g->ncols; c++) {
        g->cells[c] = (csv_cell){cf_strdup(names[c]), 1, 1, 0, NULL};
        if (!g->cells[c].s)
            rc = -2;
        g->n++;
    }
    size_t row = 0;
    int rec = 0;
    for (const cJSON *r = g->doc->child; r && !rc && g->ncols; r = r->next, rec++) {
        if (!cJSON_IsObject(r)) {
            cf_diag_add(d, g->file, g->recline[rec], 1, CF_SEV_WARNING, "wrong-type",
                        "record %d is not an object: left out", rec + 1);
            continue;
        }
        csv_cell *w = &g->cells[++row * g->ncols];
        for (size_t c = 0; c < g->ncols; c++)
            w[c] = (csv_cell){NULL, 0, 0, rec, g->cells[c].s};
        for (size_t c = 0; c < g->ncols && !rc; c++) {
            const cJSON *v = g->keyed && c == 0 ? NULL : cf_get(r, g->cells[c].s);
            if (!(w[c].s = v ? json_cell(v, &oom) : cf_strdup(g->keyed && c == 0 ? r->string : "")) &&
                (oom || !v))
                rc = -2;
        }
        g->n += g->ncols;
    }
    cf_free(names);
    cf_strset_free(&cols);
    return rc;
}

static const char *const key_names[3] = {"id", "email", "source"};

static void free_grid(grid *g)
{
    cf_free(g->recline);
    free_cells(g->cells, g->n);
    cJSON_Delete(g->doc);
}

/* Who was hired: the first column whose name holds "hire" and whose
 * values are yes or no, whether or not it is an outcome used; -1 none. */
static int hired_column(const csv_cell *cells, size_t ncols, size_t nrows, char **col, const int *keycol)
{
    for (size_t c = 0; c < ncols; c++) {
        if ((int)c == keycol[0] || (int)c == keycol[1] || (int)c == keycol[2] || !strstr(cells[c].s, "hire"))
            continue;
        for (size_t r = 0; r < nrows; r++)
            col[r] = cells[(r + 1) * ncols + c].s;
        if (guess_kind(cells[c].s, col, nrows) == CF_OUTCOME_YESNO)
            return (int)c;
    }
    return -1;
}

cf_status cf_validation_outcomes(cf_validation *v, const char *file, const char *text, size_t len,
                                 const cf_outcome_spec *specs, size_t nspecs, cf_diags *d)
{
    grid g = {.file = file, .text = text, .len = len};
    int rc = cf_json_opens(text, len) ? read_json(&g, d) : read_csv(file, text, len, &g.cells, &g.n, &g.ncols, d);
    if (rc) {
        free_grid(&g);
        return rc == -2 ? CF_ESYSTEM : CF_EINPUT;
    }
    csv_cell *cells = g.cells;
    size_t ncols = g.ncols;
    cf_status st = CF_OK;
    int keycol[3] = {-1, -1, -1};
    for (size_t c = 0; c < ncols; c++)
        for (int k = 0; k < 3; k++)
            if (strcmp(cells[c].s, key_names[k]) == 0)
                keycol[k] = (int)c;
    if (!ncols || (keycol[0] < 0 && keycol[1] < 0 && keycol[2] < 0)) {
        cf_diag_add(d, file, 1, 1, CF_SEV_ERROR, "bad-header",
                    g.doc ? "no record names an id, email or source (the applicants' keys)"
                          : "the first line must name a column id, email or source (the applicants' keys)");
        free_grid(&g);
        return CF_EINPUT;
    }
    size_t nrows = (g.n - ncols) / ncols;
    /* the outcome columns: those named, else every column but the keys */
    size_t want = nspecs ? nspecs : ncols;
    v->o = cf_calloc(want ? want : 1, sizeof *v->o);
    char **col = cf_calloc(nrows ? nrows : 1, sizeof *col);
    if (!v->o || !col)
        st = CF_ESYSTEM;
    for (size_t i = 0; !st && i < want; i++) {
        int c = -1;
        cf_outcome_kind kind = CF_OUTCOME_AUTO;
        if (nspecs) {
            for (size_t k = 0; k < ncols; k++)
                if (strcmp(cells[k].s, specs[i].name) == 0)
                    c = (int)k;
            if (c < 0) {
                cf_diag_add(d, file, 1, 1, CF_SEV_ERROR, "bad-header", "no column '%s' (the columns: %s%s)",
                            specs[i].name, cells[0].s, ncols > 1 ? ", ..." : "");
                st = CF_EINPUT;
                break;
            }
            kind = specs[i].kind;
        } else {
            c = (int)i;
            if (c == keycol[0] || c == keycol[1] || c == keycol[2] || !cells[c].s[0])
                continue;
        }
        for (size_t r = 0; r < nrows; r++)
            col[r] = cells[(r + 1) * ncols + (size_t)c].s;   /* NULL: left out when read */
        vout *o = &v->o[v->no];
        o->name = cf_strdup(cells[c].s);
        if (!o->name) {
            st = CF_ESYSTEM;
            break;
        }
        o->col = c;
        o->kind = kind == CF_OUTCOME_AUTO ? guess_kind(o->name, col, nrows) : kind;
        v->no++;
    }
    if (!st && !v->no) {
        cf_diag_add(d, file, 1, 1, CF_SEV_ERROR, "bad-header", "no outcome column beside the keys");
        st = CF_EINPUT;
    }
    int hc = st ? -1 : hired_column(cells, ncols, nrows, col, keycol);
    v->hired_file = hc >= 0;
    v->hired_o = -1;
    for (size_t i = 0; i < v->no; i++)
        if (v->o[i].col == hc && v->o[i].kind == CF_OUTCOME_YESNO)
            v->hired_o = (int)i;
    cf_free(col);
    if (!st && !(v->rows = cf_calloc(nrows ? nrows : 1, sizeof *v->rows)))
        st = CF_ESYSTEM;
    for (size_t r = 0; !st && r < nrows; r++) {
        const csv_cell *row = &cells[(r + 1) * ncols];
        vrow *w = &v->rows[v->nrows++];
        w->line = row[0].line ? row[0].line : g.recline[row[0].rec];
        w->app = -1;
        w->hired = hc >= 0 && row[hc].s && (is_yes(row[hc].s) || is_no(row[hc].s)) ? is_yes(row[hc].s) : NAN;
        w->val = cf_malloc(v->no * sizeof *w->val);
        if (!w->val) {
            st = CF_ESYSTEM;
            break;
        }
        for (int k = 0; k < 3; k++)
            if (keycol[k] >= 0 && row[keycol[k]].s && row[keycol[k]].s[0] &&
                !(w->key[k] = k == 1 ? lower_dup(row[keycol[k]].s, &(int){0}) : cf_strdup(row[keycol[k]].s)))
                st = CF_ESYSTEM;
        for (size_t i = 0; i < v->no; i++) {
            const csv_cell *cell = &row[v->o[i].col];
            w->val[i] = cell->s && !cell->s[0] ? NAN : cell_value(&g, cell, &v->o[i], d);
        }
        /* an empty cell is an outcome not measured: said, unless the row
         * says the person was not hired (what happened after hiring is
         * measured for the hired only) */
        for (size_t i = 0; i < v->no; i++) {
            const csv_cell *cell = &row[v->o[i].col];
            if (!cell->s || cell->s[0])
                continue;
            v->o[i].empty++;
            if (v->o[i].col == hc || w->hired != 0) {
                char msg[160];
                snprintf(msg, sizeof msg, "'%.60s' is empty%s: left out", v->o[i].name,
                         v->o[i].col != hc && w->hired == 1 ? " for someone hired" : "");
                cell_warn(&g, cell, d, msg);
            }
        }
    }
    if (g.more)
        cf_diag_add(d, file, 0, 0, CF_SEV_WARNING, "more-warnings",
                    "%lu more value%s left out (only the first %d are listed)", g.more, g.more == 1 ? "" : "s",
                    CF_MAX_WARNINGS);
    if (!st && !(v->file = cf_strdup(file)))
        st = CF_ESYSTEM;
    free_grid(&g);
    return d->oom ? CF_ESYSTEM : st;
}

/* ---- the join ------------------------------------------------------------ */

#define AMBIGUOUS ((size_t)-1)

/* The applicants by one key: index + 1, AMBIGUOUS when two share it. */
static int index_key(cf_validation *v, int k, cf_strset *idx)
{
    for (size_t i = 0; i < v->n; i++) {
        const char *s = k == 0 ? v->a[i].id : k == 1 ? v->a[i].email : v->a[i].source;
        if (!s || !*s)
            continue;
        char *norm = k == 2 ? cf_malloc(strlen(s) + 1) : NULL;
        if (k == 2 && !norm)
            return -1;
        size_t len = k == 2 ? cf_source_key(s, strlen(s), norm) : strlen(s);
        int in;
        size_t *at = cf_strset_val(idx, norm ? norm : s, len, &in);
        cf_free(norm);
        if (!at)
            return -1;
        *at = in ? AMBIGUOUS : i + 1;
    }
    return 0;
}

/* The applicant of a row's source: as written, normalised, else the one
 * applicant whose source ends with it after a '/' (a row of file names). */
static size_t find_source(const cf_validation *v, const cf_strset *idx, const char *key)
{
    char *norm = cf_malloc(strlen(key) + 1);
    if (!norm)
        return 0;
    size_t len = cf_source_key(key, strlen(key), norm), *at = cf_strset_find(idx, norm, len), found = 0;
    if (at) {
        found = *at;
    } else {
        for (size_t i = 0; i < v->n && found != AMBIGUOUS; i++) {
            const char *s = v->a[i].source;
            size_t sl = s ? strlen(s) : 0;
            if (sl > len && s[sl - len - 1] == '/' && strcmp(s + sl - len, norm) == 0)
                found = found ? AMBIGUOUS : i + 1;
        }
    }
    cf_free(norm);
    return found;
}

static cf_status join(cf_validation *v, cf_diags *d)
{
    cf_strset idx[3] = {{0}, {0}, {0}};
    cf_status st = CF_OK;
    for (int k = 0; k < 3 && !st; k++)
        if (index_key(v, k, &idx[k]))
            st = CF_ESYSTEM;
    for (size_t i = 0; i < v->n; i++)
        v->a[i].row = -1;
    for (size_t r = 0; !st && r < v->nrows; r++) {
        vrow *w = &v->rows[r];
        w->app = -1;
        size_t found = 0;
        int by = -1;
        for (int k = 0; k < 3 && !found; k++) {
            if (!w->key[k])
                continue;
            size_t *at = k == 2 ? NULL : cf_strset_find(&idx[k], w->key[k], strlen(w->key[k]));
            found = k == 2 ? find_source(v, &idx[2], w->key[k]) : at ? *at : 0;
            by = k;
        }
        if (found == AMBIGUOUS) {
            cf_diag_add(d, v->file, w->line, 1, CF_SEV_WARNING, "ambiguous-key",
                        "%s '%s' names more than one applicant: the row is left out", key_names[by], w->key[by]);
        } else if (found && v->a[found - 1].row >= 0) {
            cf_diag_add(d, v->file, w->line, 1, CF_SEV_WARNING, "duplicate-row",
                        "%s '%s' was joined at line %u already: the row is left out", key_names[by], w->key[by],
                        v->rows[v->a[found - 1].row].line);
        } else if (found) {
            w->app = (int)(found - 1);
            v->a[found - 1].row = (int)r;
        }
    }
    for (int k = 0; k < 3; k++)
        cf_strset_free(&idx[k]);
    return d->oom ? CF_ESYSTEM : st;
}

/* ---- the figures ------------------------------------------------------- */

typedef struct pfig {
    size_t n;
    int have_r, have_rho, have_auc;
    cf_ci r, rho, auc;
    double slope10;              /* outcome per 10 points of the predictor; NAN */
    double corrected;            /* Thorndike II of r; NAN */
} pfig;

typedef struct tfig {
    size_t n;
    int have;
    cf_ci m;
} tfig;

/* A group's figures (a sex or a race/ethnicity category), and Cleary's
 * comparison of its regression line with the largest group's. */
#define MAX_GROUPS 9             /* 2 sexes and 7 races/ethnicities */
typedef struct gfig {
    int dim, cat;
    pfig p;                      /* the score against the outcome */
    double mean;
    int cleary;                  /* the comparison below was made */
    int logistic;                /* of a yes/no outcome: the differences in log-odds */
    int ref;                     /* the reference group's category */
    size_t nref;
    cf_ci b_int, b_slope10;      /* intercept (at the mean score) and slope-per-10 differences */
    double p_int, p_slope;
} gfig;

typedef struct ofig {
    size_t measured;             /* applicants joined with a value */
    int restricted;              /* measured for only some (the hired) */
    pfig *p;                     /* [0] the score, [1 + i] quality i */
    tfig *t;                     /* per tier rank - 1 */
    gfig g[MAX_GROUPS];
    size_t ng;
} ofig;


static int group_figures(const cf_validation *v, size_t oi, ofig *f);

static double predictor(const vapp *a, size_t p)
{
    return p == 0 ? a->score : a->q[p - 1];
}

static int figures(const cf_validation *v, size_t oi, ofig *f)
{
    size_t np = 1 + v->nq;
    f->p = cf_calloc(np, sizeof *f->p);
    f->t = cf_calloc(v->ntiers ? v->ntiers : 1, sizeof *f->t);
    double *x = cf_malloc((v->n ? v->n : 1) * sizeof *x), *y = cf_malloc((v->n ? v->n : 1) * sizeof *y);
    double *all = cf_malloc((v->n ? v->n : 1) * sizeof *all);
    int *yes = cf_malloc((v->n ? v->n : 1) * sizeof *yes);
    if (!f->p || !f->t || !x || !y || !all || !yes) {
        cf_free(x), cf_free(y), cf_free(all), cf_free(yes);
        return -1;
    }
    int rc = 0, self = v->hired_o == (int)oi, only_hired = v->hired_file && !self;
    f->measured = 0;
    for (size_t i = 0; i < v->n; i++) {
        const vapp *a = &v->a[i];
        if (a->row < 0 || isnan(v->rows[a->row].val[oi]))
            continue;
        f->measured++;
        if (v->hired_file && v->rows[a->row].hired != 1)
            only_hired = 0;
    }
    f->restricted = f->measured && f->measured < v->n && (!v->hired_file || only_hired) && !self;
    for (size_t p = 0; p < np && !rc; p++) {
        pfig *g = &f->p[p];
        size_t n = 0, nall = 0;
        for (size_t i = 0; i < v->n; i++) {
            const vapp *a = &v->a[i];
            double px = predictor(a, p);
            if (!isnan(px))
                all[nall++] = px;
            if (a->row < 0 || isnan(px) || isnan(v->rows[a->row].val[oi]))
                continue;
            x[n] = px;
            y[n] = v->rows[a->row].val[oi];
            yes[n] = y[n] == 1;
            n++;
        }
        g->n = n;
        g->slope10 = g->corrected = NAN;
        g->have_r = cf_pearson(x, y, n, &g->r) == 0;
        int s = cf_spearman(x, y, n, BOOTS, SEED, &g->rho);
        int u = v->o[oi].kind == CF_OUTCOME_YESNO ? cf_auc(x, yes, n, &g->auc) : -1;
        if (s == -2 || u == -2) {
            rc = -1;
            break;
        }
        g->have_rho = s == 0;
        g->have_auc = u == 0;
        if (g->have_r) {
            double sx = cf_sd(x, n), sy = cf_sd(y, n);
            g->slope10 = sx > 0 ? 10 * g->r.est * sy / sx : NAN;
            if (f->restricted)
                g->corrected = cf_thorndike2(g->r.est, sx, cf_sd(all, nall));
        }
    }
    /* the mean outcome by tier */
    for (size_t t = 0; t < v->ntiers && !rc; t++) {
        size_t n = 0;
        for (size_t i = 0; i < v->n; i++) {
            const vapp *a = &v->a[i];
            if (a->tier_rank == (int)t + 1 && a->row >= 0 && !isnan(v->rows[a->row].val[oi]))
                y[n++] = v->rows[a->row].val[oi];
        }
        f->t[t].n = n;
        if (v->o[oi].kind == CF_OUTCOME_YESNO) {
            size_t k = 0;
            for (size_t i = 0; i < n; i++)
                k += y[i] == 1;
            f->t[t].have = cf_share_ci(k, n, &f->t[t].m) == 0;
        } else {
            f->t[t].have = cf_mean_ci(y, n, &f->t[t].m) == 0;
            if (n == 1)
                f->t[t].m = (cf_ci){y[0], NAN, NAN};
        }
    }
    cf_free(x), cf_free(y), cf_free(all), cf_free(yes);
    return rc ? rc : group_figures(v, oi, f);
}

static void words(cf_buf *b, const char *name);

/* The figures of each group of at least TOO_FEW people with the score
 * and the outcome, and Cleary's test (1968) for a measured outcome: one
 * regression of the outcome on the score, with a group term and a
 * group-by-score term, over the group and the largest group of its
 * dimension; the score centred on their mean, so that the group term is
 * the difference at the mean score.  A term whose interval holds 0 shows
 * no difference: one line serves both. */
static int group_figures(const cf_validation *v, size_t oi, ofig *f)
{
    if (!v->cat[0])
        return 0;
    size_t n = v->n ? v->n : 1;
    double *x = cf_malloc(n * sizeof *x), *y = cf_malloc(n * sizeof *y), *d = cf_malloc(4 * n * sizeof *d);
    int *yes = cf_malloc(n * sizeof *yes), *in = cf_malloc(n * sizeof *in);
    int rc = !x || !y || !d || !yes || !in ? -1 : 0;
    int yn = v->o[oi].kind == CF_OUTCOME_YESNO;
    for (int dim = 0; dim < 2 && !rc; dim++) {
        size_t first = f->ng, best = 0;
        for (int c = 0; c < 7 && f->ng < MAX_GROUPS && !rc; c++) {
            size_t k = 0;
            for (size_t i = 0; i < v->n; i++) {
                const vapp *a = &v->a[i];
                if (v->cat[dim][i] != c || a->row < 0 || isnan(v->rows[a->row].val[oi]))
                    continue;
                x[k] = a->score;
                y[k] = v->rows[a->row].val[oi];
                yes[k] = y[k] == 1;
                k++;
            }
            if (k < TOO_FEW || !cf_audit_category(dim, c))
                continue;
            gfig *g = &f->g[f->ng++];
            memset(g, 0, sizeof *g);
            g->dim = dim;
            g->cat = c;
            g->p.n = k;
            g->p.have_r = cf_pearson(x, y, k, &g->p.r) == 0;
            int u = yn ? cf_auc(x, yes, k, &g->p.auc) : -1;
            if (u == -2)
                rc = -1;
            g->p.have_auc = u == 0;
            g->mean = cf_mean(y, k);
            if (k > f->g[best].p.n || f->ng - 1 == first)
                best = f->ng - 1;
        }
        /* Cleary: each group against the largest of its dimension */
        for (size_t gi = first; gi < f->ng && !rc; gi++) {
            gfig *g = &f->g[gi], *ref = &f->g[best];
            if (gi == best)
                continue;
            size_t k = 0;
            double sum = 0;
            for (size_t i = 0; i < v->n; i++) {
                const vapp *a = &v->a[i];
                int c = v->cat[dim][i];
                in[i] = (c == g->cat || c == ref->cat) && a->row >= 0 && !isnan(v->rows[a->row].val[oi]);
                if (in[i])
                    sum += a->score, k++;
            }
            double mx = k ? sum / (double)k : 0;
            k = 0;
            for (size_t i = 0; i < v->n; i++) {
                if (!in[i])
                    continue;
                const vapp *a = &v->a[i];
                double xc = a->score - mx, gg = v->cat[dim][i] == g->cat;
                d[4 * k] = 1;
                d[4 * k + 1] = xc;
                d[4 * k + 2] = gg;
                d[4 * k + 3] = xc * gg;
                y[k++] = v->rows[a->row].val[oi];
            }
            /* a yes/no outcome: the same terms in a logistic model (a
             * straight line would give shares below 0 and above 1) */
            cf_ols fit;
            int got = yn ? cf_logit_fit(d, y, k, 4, &fit) : cf_ols_fit(d, y, k, 4, &fit);
            if (got == -2)
                rc = -1;
            if (got == 0) {
                g->cleary = 1;
                g->logistic = yn;
                g->ref = ref->cat;
                g->nref = ref->p.n;
                g->b_int = fit.b[2];
                g->b_slope10 = (cf_ci){10 * fit.b[3].est, 10 * fit.b[3].lo, 10 * fit.b[3].hi};
                g->p_int = fit.p[2];
                g->p_slope = fit.p[3];
            }
        }
    }
    cf_free(x), cf_free(y), cf_free(d), cf_free(yes), cf_free(in);
    return rc;
}

/* Cleary's comparison in words: of a measured outcome, the differences
 * themselves; of a yes/no outcome, as ratios of the odds of yes. */
static void cleary_sentence(cf_buf *b, const cf_validation *v, size_t oi, const gfig *g)
{
    const char *name = cf_audit_category(g->dim, g->cat), *ref = cf_audit_category(g->dim, g->ref);
    int int_differs = g->b_int.lo > 0 || g->b_int.hi < 0, slope_differs = g->b_slope10.lo > 0 || g->b_slope10.hi < 0;
    cf_buf_printf(b, "%s (%zu) against %s (%zu): at the same score, ", name, g->p.n, ref, g->nref);
    if (g->logistic) {
        cf_buf_puts(b, "the odds of ");
        words(b, v->o[oi].name);
        cf_buf_printf(b, " 'yes' were %.2f times theirs (95%% CI %.2f to %.2f), and each 10 points multiplied "
                      "them by %.2f times as much (95%% CI %.2f to %.2f). ", exp(g->b_int.est), exp(g->b_int.lo),
                      exp(g->b_int.hi), exp(g->b_slope10.est), exp(g->b_slope10.lo), exp(g->b_slope10.hi));
    } else {
        words(b, v->o[oi].name);
        cf_buf_printf(b, " differs by %+.2f (95%% CI %.2f to %.2f), and its slope by %+.2f per 10 points (95%% CI "
                      "%.2f to %.2f). ", g->b_int.est, g->b_int.lo, g->b_int.hi, g->b_slope10.est,
                      g->b_slope10.lo, g->b_slope10.hi);
    }
    const char *line = g->logistic ? "curve" : "line";
    if (!int_differs && !slope_differs)
        cf_buf_printf(b, "Both intervals hold %s: one regression %s serves both groups.", g->logistic ? "1" : "0",
                      line);
    else if (int_differs) {
        int over = g->b_int.est < 0;
        cf_buf_printf(b, "The common %s %s-predicts for %s: at the same score ", line, over ? "over" : "under", name);
        if (g->logistic) {
            cf_buf_printf(b, "%s of them had ", over ? "fewer" : "more");
            words(b, v->o[oi].name);
            cf_buf_puts(b, " 'yes'.");
        } else {
            cf_buf_printf(b, "they did %s.", over ? "worse" : "better");
        }
    } else
        cf_buf_puts(b, "The score goes with the outcome more strongly in one group than the other.");
}

/* ---- writing ------------------------------------------------------------- */

/* "accuracy_90d" in words: underscores as spaces. */
static void words(cf_buf *b, const char *name)
{
    for (const char *p = name; *p; p++)
        cf_buf_putc(b, *p == '_' ? ' ' : *p);
}

/* The plain sentence of an outcome's figures for the score. */
static void sentence(cf_buf *b, const cf_validation *v, size_t oi, const ofig *f)
{
    const vout *o = &v->o[oi];
    const pfig *g = &f->p[0];
    const char *who = f->restricted ? (v->hired_file ? "hires" : "people measured") : "applicants";
    if (g->n < TOO_FEW) {
        cf_buf_printf(b, "Too few to conclude: %zu %s with %s (at least %d are needed).", g->n, who,
                      o->name, TOO_FEW);
        return;
    }
    if (o->kind == CF_OUTCOME_YESNO) {
        if (!g->have_auc) {
            cf_buf_printf(b, "Every one of these %zu %s has the same %s: nothing to compare.", g->n, who, o->name);
            return;
        }
        cf_buf_printf(b, "In these %zu %s, one with ", g->n, who);
        words(b, o->name);
        /* the share is the AUC as written (0.475 is "0.47" in the tables
         * too): never "48%" beside "AUC 0.47" */
        char shown[32];
        snprintf(shown, sizeof shown, "%.2f", g->auc.est);
        cf_buf_printf(b, " 'yes' scored above one with 'no' %.0f%% of the time (AUC %s, 95%% CI %.2f to %.2f; "
                      "50%% is chance).", 100 * strtod(shown, NULL), shown, g->auc.lo, g->auc.hi);
        return;
    }
    if (!g->have_r) {
        cf_buf_printf(b, "The score or %s does not vary in these %zu %s: no correlation.", o->name, g->n, who);
        return;
    }
    static const char *const unit[] = {"", "points more", "more", "rating points more"};
    double s = g->slope10;
    cf_buf_printf(b, "In these %zu %s, each 10 points of score went with %.2g %s ", g->n, who, fabs(s),
                  s >= 0 ? unit[o->kind] : o->kind == CF_OUTCOME_PERCENT ? "points less"
                                          : o->kind == CF_OUTCOME_RATING ? "rating points less" : "less");
    words(b, o->name);
    cf_buf_printf(b, " (r = %.2f, 95%% CI %.2f to %.2f)", g->r.est, g->r.lo, g->r.hi);
    if (g->r.lo <= 0 && g->r.hi >= 0)
        cf_buf_puts(b, "; the interval holds 0: no relation can be claimed");
    cf_buf_puts(b, ".");
}

/* A sentence made in s, then freed, into w as "sentence"; its running out
 * of memory is w's. */
static void put_sentence(cf_jw *w, cf_buf *s)
{
    cf_jw_str(w, "sentence", s->s ? s->s : "");
    cf_buf_drop(w->b, s);
}

static void json_ci(cf_jw *w, const char *key, int have, const cf_ci *c, const char *est)
{
    if (!have) {
        cf_jw_str(w, key, NULL);
        return;
    }
    cf_jw_open(w, key, '{');
    cf_jw_num(w, est, c->est, 6);
    cf_jw_num(w, "lo", c->lo, 6);
    cf_jw_num(w, "hi", c->hi, 6);
    cf_jw_close(w, '}');
}

static void write_json(cf_buf *b, const cf_validation *v, const ofig *f, size_t unmatched)
{
    cf_jw w = {b, 1, 0, {0}};
    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", CF_VALIDATION_FORMAT);
    cf_jw_str(&w, "rubric", v->rubric);
    cf_jw_str(&w, "as_of", v->as_of);
    cf_jw_num(&w, "applicants", (double)v->n, 0);
    cf_jw_num(&w, "outcome_rows", (double)v->nrows, 0);
    cf_jw_num(&w, "rows_unmatched", (double)unmatched, 0);
    size_t without = 0;
    for (size_t i = 0; i < v->n; i++)
        without += v->a[i].row < 0;
    cf_jw_num(&w, "applicants_without_row", (double)without, 0);
    cf_jw_open(&w, "unmatched", '[');
    for (size_t r = 0; r < v->nrows; r++) {
        const vrow *row = &v->rows[r];
        if (row->app >= 0)
            continue;
        cf_jw_open(&w, NULL, '{');
        cf_jw_num(&w, "line", row->line, 0);
        int k = row->key[0] ? 0 : row->key[1] ? 1 : 2;
        cf_jw_str(&w, "key", key_names[k]);
        cf_jw_str(&w, "value", row->key[k]);
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "outcomes", '[');
    for (size_t oi = 0; oi < v->no; oi++) {
        const ofig *g = &f[oi];
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "name", v->o[oi].name);
        cf_jw_str(&w, "kind", cf_outcome_kind_name(v->o[oi].kind));
        cf_jw_num(&w, "measured", (double)g->measured, 0);
        cf_jw_num(&w, "empty_cells", (double)v->o[oi].empty, 0);
        cf_jw_bool(&w, "range_restricted", g->restricted);
        cf_jw_bool(&w, "too_few", g->p[0].n < TOO_FEW);
        cf_jw_open(&w, "predictors", '[');
        for (size_t p = 0; p <= v->nq; p++) {
            const pfig *x = &g->p[p];
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "id", p ? v->qids[p - 1] : "score");
            cf_jw_num(&w, "n", (double)x->n, 0);
            json_ci(&w, "pearson", x->have_r, &x->r, "r");
            json_ci(&w, "spearman", x->have_rho, &x->rho, "rho");
            if (v->o[oi].kind == CF_OUTCOME_YESNO)
                json_ci(&w, "auc", x->have_auc, &x->auc, "auc");
            if (isnan(x->slope10))
                cf_jw_str(&w, "per_10_points", NULL);
            else
                cf_jw_num(&w, "per_10_points", x->slope10, 6);
            if (!isnan(x->corrected))
                cf_jw_num(&w, "corrected_r", x->corrected, 6);
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_jw_open(&w, "by_tier", '[');
        for (size_t t = 0; t < v->ntiers; t++) {
            if (!g->t[t].n)
                continue;
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "tier", v->tiers[t]);
            cf_jw_str(&w, "label", v->labels[t]);
            cf_jw_num(&w, "n", (double)g->t[t].n, 0);
            cf_jw_num(&w, "mean", g->t[t].m.est, 6);
            if (g->t[t].have) {
                cf_jw_num(&w, "lo", g->t[t].m.lo, 6);
                cf_jw_num(&w, "hi", g->t[t].m.hi, 6);
            }
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_jw_open(&w, "groups", '[');
        for (size_t k = 0; k < g->ng; k++) {
            const gfig *x = &g->g[k];
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "dimension", x->dim ? "race_ethnicity" : "sex");
            cf_jw_str(&w, "category", cf_audit_category(x->dim, x->cat));
            cf_jw_num(&w, "n", (double)x->p.n, 0);
            cf_jw_num(&w, "mean", x->mean, 6);
            json_ci(&w, "pearson", x->p.have_r, &x->p.r, "r");
            if (v->o[oi].kind == CF_OUTCOME_YESNO)
                json_ci(&w, "auc", x->p.have_auc, &x->p.auc, "auc");
            if (x->cleary) {
                cf_jw_open(&w, "cleary", '{');
                cf_jw_str(&w, "model", x->logistic ? "logistic" : "linear");
                cf_jw_str(&w, "reference", cf_audit_category(x->dim, x->ref));
                cf_jw_num(&w, "n_reference", (double)x->nref, 0);
                json_ci(&w, "intercept_difference", 1, &x->b_int, "difference");
                cf_jw_num(&w, "intercept_p", x->p_int, 6);
                json_ci(&w, "slope_difference_per_10", 1, &x->b_slope10, "difference");
                cf_jw_num(&w, "slope_p", x->p_slope, 6);
                cf_buf cs = {0};
                cleary_sentence(&cs, v, oi, x);
                put_sentence(&w, &cs);
                cf_jw_close(&w, '}');
            }
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_buf s = {0};
        sentence(&s, v, oi, g);
        put_sentence(&w, &s);
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(b, '\n');
}

/* Each outcome row joined to no applicant, a line each: "line L, KEY
 * VALUE: no such applicant", the value through esc; at most max (0: all),
 * then how many more. */
static void list_unmatched(cf_buf *b, const cf_validation *v, const char *prefix, const char *end,
                           void (*esc)(cf_buf *, const char *), size_t max)
{
    size_t named = 0;
    for (size_t r = 0; r < v->nrows; r++) {
        const vrow *row = &v->rows[r];
        if (row->app >= 0)
            continue;
        if (max && named++ == max) {
            size_t more = 1;
            while (++r < v->nrows)
                more += v->rows[r].app < 0;
            cf_buf_printf(b, "%sand %zu more%s", prefix, more, end);
            break;
        }
        int k = row->key[0] ? 0 : row->key[1] ? 1 : 2;
        cf_buf_printf(b, "%sline %u, %s ", prefix, row->line, key_names[k]);
        esc(b, row->key[k] ? row->key[k] : "(empty)");
        cf_buf_printf(b, ": no such applicant%s", end);
    }
}

/* ---- the HTML page: the figures, a scatter of the score against each
 * measured outcome with its least-squares line, and the tiers' means with
 * their intervals, drawn as SVG by the program (no script); the plots
 * scale to the page, down to a phone's 390 px. */

#define PLOT_W 440.0
#define PLOT_H 260.0
#define PAD_L 46.0
#define PAD_B 38.0
#define PAD_T 26.0
#define PAD_R 18.0
#define MAX_POINTS 2000

static const char validation_css[] =
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
    "th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    ".scroll{overflow-x:auto}"
    "svg{width:100%;height:auto;max-width:40rem;display:block;margin:.5rem 0}"
    "svg text{font:13px system-ui,sans-serif;fill:var(--muted)}figure{margin:1rem 0}"
    "figcaption{color:var(--muted);font-size:.9rem}"
    ".pt{fill:var(--bar);fill-opacity:.45}.fit{stroke:var(--low);stroke-width:2}"
    ".ax{stroke:var(--line)}.ci{stroke:var(--ink);stroke-width:2}.mean{fill:var(--ink)}"
    "section{margin:1.5rem 0 2rem}p.sentence{font-size:1.05rem}"
    "@media (max-width:480px){th,td{padding:.25rem .3rem;font-size:13px}}";

/* A value v of [lo, hi] as a plot coordinate across len from start. */
static double scale(double v, double lo, double hi, double start, double len)
{
    return hi > lo ? start + (v - lo) / (hi - lo) * len : start + len / 2;
}

/* The outcome's range, a little wider than the values (never empty). */
static void y_range(const double *y, size_t n, double *lo, double *hi)
{
    *lo = *hi = n ? y[0] : 0;
    for (size_t i = 1; i < n; i++) {
        *lo = fmin(*lo, y[i]);
        *hi = fmax(*hi, y[i]);
    }
    double pad = *hi > *lo ? (*hi - *lo) * 0.05 : 1;
    *lo -= pad;
    *hi += pad;
}

/* The axes with a few ticks: x the score (0 to 100), y the outcome. */
static void axes(cf_buf *b, const char *yname, double ylo, double yhi, int xscore)
{
    double x0 = PAD_L, x1 = PLOT_W - PAD_R, y0 = PLOT_H - PAD_B, y1 = PAD_T;
    cf_buf_printf(b, "<line class=\"ax\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                     "<line class=\"ax\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                  x0, y0, x1, y0, x0, y0, x0, y1);
    for (int k = 0; xscore && k <= 4; k++)
        cf_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>",
                      scale(25.0 * k, 0, 100, x0, x1 - x0), y0 + 16, 25 * k);
    for (int k = 0; k <= 4; k++) {
        double v = ylo + (yhi - ylo) * k / 4;
        cf_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%.3g</text>", x0 - 4,
                      scale(v, ylo, yhi, y0, y1 - y0) + 4, v);
    }
    if (xscore)
        cf_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">score</text>", (x0 + x1) / 2,
                      PLOT_H - 4);
    cf_buf_puts(b, "<text x=\"4\" y=\"14\">");
    cf_buf_xml(b, yname);
    cf_buf_puts(b, "</text>");
}

/* The score against a measured outcome: a point each (every k-th past
 * MAX_POINTS, in the order read), and the least-squares line. */
static int scatter(cf_buf *b, const cf_validation *v, size_t oi)
{
    size_t n = 0;
    double *x = cf_malloc((v->n ? v->n : 1) * sizeof *x), *y = cf_malloc((v->n ? v->n : 1) * sizeof *y);
    if (!x || !y) {
        cf_free(x), cf_free(y);
        return -1;
    }
    for (size_t i = 0; i < v->n; i++) {
        const vapp *a = &v->a[i];
        if (a->row < 0 || isnan(v->rows[a->row].val[oi]))
            continue;
        x[n] = a->score;
        y[n++] = v->rows[a->row].val[oi];
    }
    if (n >= 2) {
        double ylo, yhi;
        y_range(y, n, &ylo, &yhi);
        size_t step = n > MAX_POINTS ? (n + MAX_POINTS - 1) / MAX_POINTS : 1;
        cf_buf_puts(b, "<figure><figcaption>Each person's score against ");
        cf_buf_html(b, v->o[oi].name);
        cf_buf_printf(b, ", with the least-squares line (%zu people).</figcaption>\n", n);
        cf_buf_printf(b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", PLOT_W, PLOT_H);
        cf_buf_xml(b, v->o[oi].name);
        cf_buf_printf(b, " against the score, %zu people\">", n);
        axes(b, v->o[oi].name, ylo, yhi, 1);
        for (size_t i = 0; i < n; i += step)
            cf_buf_printf(b, "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\"/>",
                          scale(x[i], 0, 100, PAD_L, PLOT_W - PAD_R - PAD_L),
                          scale(y[i], ylo, yhi, PLOT_H - PAD_B, PAD_T - (PLOT_H - PAD_B)));
        double mx = cf_mean(x, n), my = cf_mean(y, n), sxy = 0, sxx = 0;
        for (size_t i = 0; i < n; i++)
            sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
        if (sxx > 0) {
            double slope = sxy / sxx, xa = 0, xb = 100;
            double ya = fmin(yhi, fmax(ylo, my + slope * (xa - mx))), yb = fmin(yhi, fmax(ylo, my + slope * (xb - mx)));
            cf_buf_printf(b, "<line class=\"fit\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                          scale(xa, 0, 100, PAD_L, PLOT_W - PAD_R - PAD_L),
                          scale(ya, ylo, yhi, PLOT_H - PAD_B, PAD_T - (PLOT_H - PAD_B)),
                          scale(xb, 0, 100, PAD_L, PLOT_W - PAD_R - PAD_L),
                          scale(yb, ylo, yhi, PLOT_H - PAD_B, PAD_T - (PLOT_H - PAD_B)));
        }
        cf_buf_puts(b, "</svg>\n");
        if (step > 1)
            cf_buf_printf(b, "<figcaption>Every %zu%s person of the %zu drawn.</figcaption>\n", step,
                          step == 2 ? "nd" : step == 3 ? "rd" : "th", n);
        cf_buf_puts(b, "</figure>\n");
    }
    cf_free(x), cf_free(y);
    return 0;
}

/* The tiers' means (or shares of yes) with their intervals: a dot and a
 * bar each, the tiers from the top one down, left to right. */
static void tier_plot(cf_buf *b, const cf_validation *v, size_t oi, const ofig *g)
{
    size_t shown = 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t t = 0; t < v->ntiers; t++) {
        if (!g->t[t].n)
            continue;
        shown++;
        double a = g->t[t].have ? g->t[t].m.lo : g->t[t].m.est, z = g->t[t].have ? g->t[t].m.hi : g->t[t].m.est;
        lo = fmin(lo, a);
        hi = fmax(hi, z);
    }
    if (!shown)
        return;
    if (v->o[oi].kind == CF_OUTCOME_YESNO)
        lo = 0, hi = 1;
    else {
        double pad = hi > lo ? (hi - lo) * 0.1 : 1;
        lo -= pad, hi += pad;
    }
    cf_buf_printf(b, "<figure><figcaption>By tier: the %s, with its 95%% interval.</figcaption>\n",
                  v->o[oi].kind == CF_OUTCOME_YESNO ? "share of yes" : "mean");
    cf_buf_printf(b, "<svg viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"", PLOT_W, PLOT_H);
    cf_buf_xml(b, v->o[oi].name);
    cf_buf_puts(b, " by tier, with 95% intervals\">");
    axes(b, v->o[oi].kind == CF_OUTCOME_YESNO ? "share yes" : v->o[oi].name, lo, hi, 0);
    size_t k = 0;
    for (size_t t = 0; t < v->ntiers; t++) {
        const tfig *f = &g->t[t];
        if (!f->n)
            continue;
        double cx = PAD_L + (PLOT_W - PAD_R - PAD_L) * ((double)k + 0.5) / (double)shown;
        double top = PAD_T - (PLOT_H - PAD_B);
        if (f->have)
            cf_buf_printf(b, "<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", cx,
                          scale(f->m.lo, lo, hi, PLOT_H - PAD_B, top), cx, scale(f->m.hi, lo, hi, PLOT_H - PAD_B, top));
        cf_buf_printf(b, "<circle class=\"mean\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\"/>", cx,
                      scale(f->m.est, lo, hi, PLOT_H - PAD_B, top));
        cf_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx, PLOT_H - PAD_B + 16);
        cf_buf_xml(b, v->labels[t] ? v->labels[t] : "?");
        cf_buf_printf(b, "</text><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">n %zu</text>", cx,
                      PLOT_H - PAD_B + 30, f->n);
        k++;
    }
    cf_buf_puts(b, "</svg>\n</figure>\n");
}

/* ---- the documents: text, Markdown and HTML walk the same figures in the
 * same order; what differs is how a heading, a paragraph and a table look
 * in each, which the doc_* functions say. */

typedef struct doc {
    cf_buf *b;
    cf_validation_format fmt;
} doc;

#define DOC_COLS 5

/* A table: its heads, then its cells row by row, each ended by a NUL in
 * text (the first of a row a label to escape, the rest figures). */
typedef struct table {
    const char *head[DOC_COLS];
    size_t ncols;
    cf_buf text;
    size_t *at;
    size_t n, cap;
} table;

static void cell(table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cell(table *t, const char *fmt, ...)
{
    size_t *at = cf_grow(t->at, &t->cap, t->n + 1, sizeof *t->at);
    if (!at) {
        t->text.oom = 1;
        return;
    }
    t->at = at;
    t->at[t->n++] = t->text.len;
    va_list ap;
    va_start(ap, fmt);
    cf_buf_vprintf(&t->text, fmt, ap);
    va_end(ap);
    cf_buf_add(&t->text, "", 1);
}

static const char *cell_text(const table *t, size_t i)
{
    return t->text.oom || !t->text.s ? "" : t->text.s + t->at[i];
}

/* An estimate and its interval; the text's is shorter, to keep to 80
 * columns, and of one width, so that the figures line up. */
static void cell_ci(table *t, const doc *d, int have, const cf_ci *c)
{
    if (!have)
        cell(t, "%s", d->fmt == CF_VALIDATION_TEXT ? "-" : "–");
    else if (d->fmt == CF_VALIDATION_TEXT)
        cell(t, "%5.2f (%5.2f, %5.2f)", c->est, c->lo, c->hi);
    else
        cell(t, "%.2f (%.2f to %.2f)", c->est, c->lo, c->hi);
}

/* A table's markup: around the caption, the table, each head, each cell,
 * a row's first cell (tr_td) and its last (td_tr). */
typedef struct markup {
    const char *cap[2], *begin, *th[2], *head_end, *tr_td, *td[2], *td_tr, *end;
    void (*esc)(cf_buf *, const char *);
} markup;

static const markup md_table = {{"\n", ":\n"}, "\n|", {" ", " |"}, "\n|", "\n| ", {" ", " |"}, " |", "\n",
                                cf_buf_md};
static const markup html_table = {{"<h3>", "</h3>\n"}, "<div class=\"scroll\"><table>\n<thead><tr>",
                                  {"<th>", "</th>"}, "</tr></thead>\n<tbody>", "\n<tr><td>", {"<td>", "</td>"},
                                  "</td></tr>", "\n</tbody>\n</table></div>\n", cf_buf_html};

/* Writes the table under its caption (none: NULL) and empties it. */
static void doc_table(doc *d, table *t, const char *caption)
{
    cf_buf *b = d->b;
    size_t rows = t->text.oom ? 0 : t->n / t->ncols;
    if (t->text.oom)
        b->oom = 1;
    switch (d->fmt) {
    case CF_VALIDATION_TEXT: {
        int w[DOC_COLS];
        for (size_t c = 0; c < t->ncols; c++) {
            w[c] = cf_text_cols(t->head[c]);
            for (size_t r = 0; r < rows; r++) {
                int k = cf_text_cols(cell_text(t, r * t->ncols + c));
                w[c] = k > w[c] ? k : w[c];
            }
        }
        /* 80 columns: a long label (a quality's id, a tier's label) is
         * cut to what the figures leave */
        int indent = caption ? 4 : 2, total = indent;
        for (size_t c = 0; c < t->ncols; c++)
            total += w[c] + (c ? 2 : 0);
        if (total > 80)
            w[0] = w[0] - (total - 80) > 10 ? w[0] - (total - 80) : 10;
        if (caption)
            cf_buf_printf(b, "  %s:\n", caption);
        for (size_t r = 0; r <= rows; r++) {
            cf_buf_printf(b, "%*s", indent, "");
            for (size_t c = 0; c < t->ncols; c++) {
                /* the label left, the figures right */
                const char *s = r ? cell_text(t, (r - 1) * t->ncols + c) : t->head[c];
                int k = cf_text_cols(s);
                if (c)
                    cf_buf_printf(b, "  %*s", w[c] - k, "");
                cf_buf_pad(b, s, c ? k : w[c]);
            }
            cf_buf_puts(b, "\n");
        }
        break;
    }
    default: {
        /* Markdown and HTML: the same walk, in their markup */
        const markup *m = d->fmt == CF_VALIDATION_MD ? &md_table : &html_table;
        if (caption)
            cf_buf_printf(b, "%s%s%s", m->cap[0], caption, m->cap[1]);
        cf_buf_puts(b, m->begin);
        for (size_t c = 0; c < t->ncols; c++) {
            cf_buf_puts(b, m->th[0]);
            m->esc(b, t->head[c]);
            cf_buf_puts(b, m->th[1]);
        }
        cf_buf_puts(b, m->head_end);
        for (size_t c = 0; d->fmt == CF_VALIDATION_MD && c < t->ncols; c++)
            cf_buf_puts(b, c ? " ---: |" : " --- |");
        for (size_t i = 0; i < rows * t->ncols; i++) {
            /* the label escaped; the figures are the program's own */
            cf_buf_puts(b, i % t->ncols ? m->td[0] : m->tr_td);
            if (i % t->ncols)
                cf_buf_puts(b, cell_text(t, i));
            else
                m->esc(b, cell_text(t, i));
            cf_buf_puts(b, i % t->ncols + 1 == t->ncols ? m->td_tr : m->td[1]);
        }
        cf_buf_puts(b, m->end);
        break;
    }
    }
    t->n = 0;
    t->text.len = 0;
}

/* A paragraph (a sentence of the figures; lead: the outcome's own); s is
 * freed. */
static void doc_para(doc *d, cf_buf *s, int lead)
{
    const char *text = s->s ? s->s : "";
    if (d->fmt == CF_VALIDATION_TEXT) {
        cf_buf_wrap(d->b, text, 2, 80);
    } else if (d->fmt == CF_VALIDATION_MD) {
        cf_buf_puts(d->b, "\n");
        cf_buf_md(d->b, text);
        cf_buf_puts(d->b, "\n");
    } else {
        cf_buf_puts(d->b, lead ? "<p class=\"sentence\">" : "<p>");
        cf_buf_html(d->b, text);
        cf_buf_puts(d->b, "</p>\n");
    }
    cf_buf_drop(d->b, s);
}

/* The document's title and what it rests on. */
static void doc_begin(doc *d, const cf_validation *v, size_t unmatched)
{
    cf_buf *b = d->b, m = {0};
    size_t without = 0;
    for (size_t i = 0; i < v->n; i++)
        without += v->a[i].row < 0;
    cf_buf_printf(&m, "Rubric %s, as of %s. %zu applicant%s, %zu with no outcome row; %zu outcome row%s, %zu joined "
                  "to no applicant.", v->rubric ? v->rubric : "?", v->as_of ? v->as_of : "?", v->n,
                  v->n == 1 ? "" : "s", without, v->nrows, v->nrows == 1 ? "" : "s", unmatched);
    const char *meta = m.s ? m.s : "";
    if (d->fmt == CF_VALIDATION_TEXT) {
        cf_buf_puts(b, "Validation\n");
        cf_buf_wrap(b, meta, 0, 80);
        list_unmatched(b, v, "  ", "\n", cf_buf_shown_str, 10);
    } else if (d->fmt == CF_VALIDATION_MD) {
        cf_buf_puts(b, "# Validation\n\n");
        cf_buf_md(b, meta);
        cf_buf_puts(b, unmatched ? "\n\n" : "\n");
        list_unmatched(b, v, "- ", "\n", cf_buf_md, 0);
    } else {
        cf_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                         "<title>Validation</title>\n<style>%s%s</style>\n</head>\n<body>\n<header>\n"
                         "<h1>Does the score predict?</h1>\n<p class=\"meta\">",
                      cf_report_css, validation_css);
        cf_buf_html(b, meta);
        cf_buf_puts(b, "</p>\n</header>\n");
        if (unmatched) {
            cf_buf_puts(b, "<ul>\n");
            list_unmatched(b, v, "<li>", "</li>\n", cf_buf_html, 20);
            cf_buf_puts(b, "</ul>\n");
        }
    }
    cf_buf_drop(b, &m);
}

/* An outcome's heading: its name and kind, and how many it was measured for. */
static void doc_outcome(doc *d, const vout *o, size_t measured, size_t n)
{
    cf_buf *b = d->b;
    const char *kind = cf_outcome_kind_name(o->kind);
    if (d->fmt == CF_VALIDATION_TEXT) {
        cf_buf_puts(b, "\n");
        cf_buf_shown_str(b, o->name);
        cf_buf_printf(b, " (%s): measured for %zu of %zu applicants\n", kind, measured, n);
    } else if (d->fmt == CF_VALIDATION_MD) {
        cf_buf_puts(b, "\n## ");
        cf_buf_md(b, o->name);
        cf_buf_printf(b, " (%s)\n\nMeasured for %zu of %zu applicants.\n", kind, measured, n);
    } else {
        cf_buf_puts(b, "<section>\n<h2>");
        cf_buf_html(b, o->name);
        cf_buf_printf(b, " <small>(%s)</small></h2>\n<p class=\"meta\">Measured for %zu of %zu applicants.</p>\n",
                      kind, measured, n);
    }
}

/* The text, Markdown or HTML: for each outcome its heading, its sentence,
 * the range restriction, the plots (HTML), then the tables of the
 * predictors, the tiers and the groups, and Cleary's sentences. */
static int write_doc(cf_buf *b, cf_validation_format fmt, const cf_validation *v, const ofig *f,
                     size_t unmatched)
{
    doc d = {b, fmt};
    table t = {0};
    int html = fmt == CF_VALIDATION_HTML, text = fmt == CF_VALIDATION_TEXT;
    doc_begin(&d, v, unmatched);
    for (size_t oi = 0; oi < v->no; oi++) {
        const ofig *g = &f[oi];
        int yn = v->o[oi].kind == CF_OUTCOME_YESNO;
        doc_outcome(&d, &v->o[oi], g->measured, v->n);
        cf_buf s = {0};
        sentence(&s, v, oi, g);
        doc_para(&d, &s, 1);
        if (g->restricted && !isnan(g->p[0].corrected)) {
            cf_buf_printf(&s, "Range-restricted: measured for %zu of %zu applicants, whose scores spread less; "
                          "among all applicants r would be about %.2f (Thorndike case II).", g->measured, v->n,
                          g->p[0].corrected);
            doc_para(&d, &s, 0);
        }
        if (html) {
            if (!yn && scatter(b, v, oi)) {
                cf_buf_free(&t.text);
                cf_free(t.at);
                return -1;
            }
            tier_plot(b, v, oi, g);
        }
        t = (table){{"predictor", "n", yn ? "AUC (95% CI)" : "r (95% CI)", yn ? "r (95% CI)" : "rho (95% CI)",
                     text ? "per 10" : "per 10 points"}, yn ? 4 : 5, t.text, t.at, 0, t.cap};
        for (size_t p = 0; p <= v->nq; p++) {
            const pfig *x = &g->p[p];
            cell(&t, "%s", p ? (text ? v->qids[p - 1] : v->qnames[p - 1]) : text ? "score" : "Score");
            cell(&t, "%zu", x->n);
            cell_ci(&t, &d, yn ? x->have_auc : x->have_r, yn ? &x->auc : &x->r);
            cell_ci(&t, &d, yn ? x->have_r : x->have_rho, yn ? &x->r : &x->rho);
            if (!yn && isnan(x->slope10))
                cell(&t, "%s", text ? "-" : "–");
            else if (!yn)
                cell(&t, "%+.2f", x->slope10);
        }
        doc_table(&d, &t, NULL);
        t = (table){{"tier", yn ? "share yes" : "mean", "95% CI", "n"}, 4, t.text, t.at, 0, t.cap};
        for (size_t k = 0; k < v->ntiers; k++) {
            const tfig *x = &g->t[k];
            if (!x->n)
                continue;
            cell(&t, "%s", v->labels[k] ? v->labels[k] : "?");
            cell(&t, "%.2f", x->m.est);
            if (x->have)
                cell(&t, "%.2f to %.2f", x->m.lo, x->m.hi);
            else
                cell(&t, "%s", text ? "-" : "–");
            cell(&t, "%zu", x->n);
        }
        if (t.n)
            doc_table(&d, &t, "By tier");
        if (g->ng) {
            t = (table){{"group (30 or more)", "n", yn ? "AUC (95% CI)" : "r (95% CI)"}, 3, t.text, t.at, 0, t.cap};
            for (size_t k = 0; k < g->ng; k++) {
                const gfig *x = &g->g[k];
                cell(&t, "%s", cf_audit_category(x->dim, x->cat));
                cell(&t, "%zu", x->p.n);
                cell_ci(&t, &d, yn ? x->p.have_auc : x->p.have_r, yn ? &x->p.auc : &x->p.r);
            }
            doc_table(&d, &t, "By group");
        }
        for (size_t k = 0; k < g->ng; k++)
            if (g->g[k].cleary) {
                cleary_sentence(&s, v, oi, &g->g[k]);
                doc_para(&d, &s, 0);
            }
        if (html)
            cf_buf_puts(b, "</section>\n");
    }
    if (html)
        cf_buf_puts(b, "<footer><p class=\"meta\">What these figures mean and what they do not: docs/validation.md. "
                       "Validity evidence: 29 CFR 1607.5 and 1607.14B.</p></footer>\n</body>\n</html>\n");
    if (t.text.oom)
        b->oom = 1;
    cf_buf_free(&t.text);
    cf_free(t.at);
    return 0;
}

cf_status cf_validation_write(cf_validation *v, cf_validation_format fmt, char **out, size_t *len, cf_diags *d)
{
    *out = NULL;
    *len = 0;
    cf_status st = join(v, d);
    if (!st && v->demo && !v->cat[0]) {
        const char **src = cf_malloc((v->n ? v->n : 1) * sizeof *src);
        v->cat[0] = cf_malloc((v->n ? v->n : 1) * sizeof *v->cat[0]);
        v->cat[1] = cf_malloc((v->n ? v->n : 1) * sizeof *v->cat[1]);
        if (!src || !v->cat[0] || !v->cat[1])
            st = CF_ESYSTEM;
        for (size_t i = 0; !st && i < v->n; i++)
            src[i] = v->a[i].source ? v->a[i].source : "";
        if (!st)
            st = cf_audit_join(v->demo, v->n, src, v->cat[0], v->cat[1]);
        cf_free(src);
    }
    if (st)
        return st;
    size_t unmatched = 0;
    for (size_t r = 0; r < v->nrows; r++)
        unmatched += v->rows[r].app < 0;
    ofig *f = cf_calloc(v->no ? v->no : 1, sizeof *f);
    if (!f)
        return CF_ESYSTEM;
    for (size_t oi = 0; oi < v->no && !st; oi++)
        if (figures(v, oi, &f[oi]))
            st = CF_ESYSTEM;
    cf_buf b = {0};
    if (!st) {
        if (fmt == CF_VALIDATION_JSON)
            write_json(&b, v, f, unmatched);
        else if (write_doc(&b, fmt, v, f, unmatched))
            st = CF_ESYSTEM;
    }
    for (size_t oi = 0; oi < v->no; oi++) {
        cf_free(f[oi].p);
        cf_free(f[oi].t);
    }
    cf_free(f);
    if (st) {
        cf_buf_free(&b);
        return st;
    }
    return cf_buf_finish(&b, out, len);
}

void cf_validation_unmatched(const cf_validation *v, size_t *rows, size_t *applicants)
{
    *rows = *applicants = 0;
    for (size_t r = 0; r < v->nrows; r++)
        *rows += v->rows[r].app < 0;
    for (size_t i = 0; i < v->n; i++)
        *applicants += v->a[i].row < 0;
}
