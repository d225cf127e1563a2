/* A counselor's caseload (advise --output-dir): each student's page of
 * advice, and an index of them all in brief (the failed gate, the next
 * step, the points to the next tier), closest to the next tier first; with
 * last term's index, who moved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"

typedef struct cl_row {
    char *id, *name, *source, *href, *tier, *tier_label;
    double score;
    int eligible;
    size_t trank;                 /* the tier's place in the rubric, 0 the highest */
    char *gates, *needs, *step;   /* the brief's */
    const char *next, *next_id;
    size_t nneeds;
    double to_next, step_points;
    int prev;                     /* last term's row was found */
    char *prev_tier, *prev_label;
    double prev_score;
    size_t order;                 /* the index's own order */
} cl_row;

typedef struct cl_prev {
    char *key, *tier, *label;
    double score;
} cl_prev;

struct cf_caseload {
    cl_row *v;
    size_t n, cap;
    cl_prev *p;
    size_t np, capp;
    char *prev_as_of;
    const cf_rubric *r;           /* of the first report */
    char as_of[11];
};

cf_caseload *cf_caseload_new(void)
{
    return cf_calloc(1, sizeof(cf_caseload));
}

void cf_caseload_free(cf_caseload *cl)
{
    if (!cl)
        return;
    for (size_t i = 0; i < cl->n; i++) {
        cl_row *w = &cl->v[i];
        cf_free(w->id);
        cf_free(w->name);
        cf_free(w->source);
        cf_free(w->href);
        cf_free(w->tier);
        cf_free(w->tier_label);
        cf_free(w->gates);
        cf_free(w->needs);
        cf_free(w->step);
        cf_free(w->prev_tier);
        cf_free(w->prev_label);
    }
    for (size_t i = 0; i < cl->np; i++) {
        cf_free(cl->p[i].key);
        cf_free(cl->p[i].tier);
        cf_free(cl->p[i].label);
    }
    cf_free(cl->v);
    cf_free(cl->p);
    cf_free(cl->prev_as_of);
    cf_free(cl);
}

static char *dup_or_null(const char *s, int *oom)
{
    char *d = s ? cf_strdup(s) : NULL;
    if (s && !d)
        *oom = 1;
    return d;
}

/* A student is the same from term to term by the input's own id (the
 * file's name when it states none), else by the source. */
static const char *row_key(const char *id, const char *source)
{
    return id && *id ? id : source;
}

cf_status cf_caseload_add(cf_caseload *cl, const cf_report *rep, const cf_profile *p, const cf_advice_opts *o,
                          const char *href, char **out, size_t *len)
{
    cf_advice_brief br;
    cf_status st = cf_advice_page(rep, p, o, out, len, &br);
    if (st) {
        cf_advice_brief_free(&br);
        return st;
    }
    cl_row *v = cf_grow(cl->v, &cl->cap, cl->n + 1, sizeof *v);
    if (!v) {
        cf_advice_brief_free(&br);
        cf_free(*out);
        *out = NULL;
        return CF_ESYSTEM;
    }
    cl->v = v;
    cl_row *w = &v[cl->n];
    memset(w, 0, sizeof *w);
    w->order = cl->n++;
    if (!cl->r) {
        cl->r = rep->r;
        cf_day_format(rep->as_of, cl->as_of);
    }
    int oom = 0;
    w->id = dup_or_null(rep->who.id, &oom);
    w->name = dup_or_null(rep->who.name, &oom);
    w->source = dup_or_null(rep->source, &oom);
    w->href = dup_or_null(href, &oom);
    w->tier = dup_or_null(cf_report_tier(rep), &oom);
    w->tier_label = dup_or_null(cf_report_tier_label(rep), &oom);
    w->score = rep->score;
    w->eligible = rep->eligible;
    w->trank = rep->tier;
    w->gates = br.gates;
    w->needs = br.needs;
    w->step = br.step;
    w->next = br.next;
    w->next_id = br.next_id;
    w->nneeds = br.nneeds;
    w->to_next = br.to_next;
    w->step_points = br.step_points;
    if (oom) {
        cf_free(*out);
        *out = NULL;
        return CF_ESYSTEM;
    }
    return CF_OK;
}

cf_status cf_caseload_previous(cf_caseload *cl, const char *file, const char *text, size_t len, cf_diags *d)
{
    int oom = 0;
    cJSON *doc = cf_json_parse(file, text, len, 1, d, &oom);
    if (!doc)
        return oom ? CF_ESYSTEM : CF_EINPUT;
    const cJSON *students = cf_get(doc, "students"), *s;
    const char *format = cf_get_str(doc, "format");
    if (!format || strcmp(format, "coderfit-caseload/1") != 0 || !cJSON_IsArray(students)) {
        cf_diag_add(d, file, 1, 1, CF_SEV_ERROR, "caseload",
                    "not the index.json of an earlier advise --output-dir (format coderfit-caseload/1)");
        cJSON_Delete(doc);
        return CF_EINPUT;
    }
    cf_status st = CF_OK;
    const char *as_of = cf_get_str(doc, "as_of");
    if (as_of && !(cl->prev_as_of = cf_strdup(as_of)))
        st = CF_ESYSTEM;
    cJSON_ArrayForEach(s, students) {
        const char *key = row_key(cf_get_str(s, "id"), cf_get_str(s, "source"));
        const char *tier = cf_get_str(s, "tier"), *label = cf_get_str(s, "tier_label");
        const cJSON *score = cf_get(s, "score");
        if (st || !key || !tier || !cJSON_IsNumber(score))
            continue;
        cl_prev *v = cf_grow(cl->p, &cl->capp, cl->np + 1, sizeof *v);
        if (!v) {
            st = CF_ESYSTEM;
            break;
        }
        cl->p = v;
        cl_prev *q = &v[cl->np++];
        q->key = dup_or_null(key, &oom);
        q->tier = dup_or_null(tier, &oom);
        q->label = dup_or_null(label ? label : tier, &oom);
        q->score = score->valuedouble;
        if (oom)
            st = CF_ESYSTEM;
    }
    cJSON_Delete(doc);
    return st;
}

/* Closest to the next tier first: the fewest points it lacks, then the
 * fewest requirements unmet, then the higher score; those at the top
 * last. */
static int row_cmp(const void *a, const void *b)
{
    const cl_row *x = a, *y = b;
    if (!x->next != !y->next)
        return x->next ? -1 : 1;
    int tx = cf_tenths(x->to_next), ty = cf_tenths(y->to_next);
    if (x->next && tx != ty)
        return tx < ty ? -1 : 1;
    if (x->next && x->nneeds != y->nneeds)
        return x->nneeds < y->nneeds ? -1 : 1;
    int sx = cf_tenths(x->score), sy = cf_tenths(y->score);
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return strcmp(x->source, y->source);
}

/* Matches each row with last term's, and puts them in the index's order. */
static cf_status settle(cf_caseload *cl)
{
    for (size_t i = 0; i < cl->n; i++) {
        cl_row *w = &cl->v[i];
        const char *key = row_key(w->id, w->source);
        for (size_t k = 0; k < cl->np && !w->prev; k++) {
            if (strcmp(cl->p[k].key, key) != 0)
                continue;
            w->prev = 1;
            w->prev_score = cl->p[k].score;
            if (!(w->prev_tier = cf_strdup(cl->p[k].tier)) || !(w->prev_label = cf_strdup(cl->p[k].label)))
                return CF_ESYSTEM;
        }
    }
    if (cl->n > 1)
        qsort(cl->v, cl->n, sizeof *cl->v, row_cmp);
    for (size_t i = 0; i < cl->n; i++)
        cl->v[i].order = i;
    return CF_OK;
}

/* The place of a tier of last term in this rubric (0 the highest), or -1. */
static long tier_place(const cf_caseload *cl, const char *id)
{
    for (size_t t = 0; cl->r && t < cl->r->ntiers; t++)
        if (strcmp(cl->r->tiers[t].id, id) == 0)
            return (long)t;
    return -1;
}

/* "up", "down", "same" or "new" (no row last term). */
static const char *moved(const cf_caseload *cl, const cl_row *w)
{
    if (!w->prev)
        return "new";
    long was = tier_place(cl, w->prev_tier);
    if (was < 0 || (size_t)was == w->trank)
        return "same";
    return (size_t)was > w->trank ? "up" : "down";
}

/* "Developing → Good fit (+9.2)", "Good fit (+1.3)" or "new" */
static void moved_text(cf_buf *b, const cf_caseload *cl, const cl_row *w, void (*esc)(cf_buf *, const char *))
{
    if (!w->prev) {
        cf_buf_puts(b, "new");
        return;
    }
    if (strcmp(moved(cl, w), "same") != 0) {
        esc(b, w->prev_label);
        cf_buf_puts(b, " → ");
    }
    esc(b, w->tier_label);
    cf_buf_printf(b, " (%+.1f)", cf_shown(w->score) - cf_shown(w->prev_score));
}

/* "12.0 points" / "has the points", and what else it needs */
static void next_text(cf_buf *b, const cl_row *w, void (*esc)(cf_buf *, const char *))
{
    if (!w->next) {
        cf_buf_puts(b, "at the top tier");
        return;
    }
    esc(b, w->next);
    if (w->to_next > 0)
        cf_buf_printf(b, ": %.1f points to go", cf_shown(w->to_next));
    else
        cf_buf_puts(b, ": has the points");
    if (w->needs) {
        cf_buf_puts(b, "; needs ");
        esc(b, w->needs);
    }
}

static void write_json(const cf_caseload *cl, cf_buf *b)
{
    cf_jw w = {b, 1, 0, {0}};
    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", "coderfit-caseload/1");
    cf_jw_str(&w, "as_of", cl->as_of);
    if (cl->r) {
        cf_jw_open(&w, "rubric", '{');
        cf_jw_str(&w, "id", cl->r->id);
        cf_jw_str(&w, "version", cl->r->version);
        cf_jw_close(&w, '}');
    }
    if (cl->prev_as_of)
        cf_jw_str(&w, "previous_as_of", cl->prev_as_of);
    cf_jw_open(&w, "students", '[');
    for (size_t i = 0; i < cl->n; i++) {
        const cl_row *r = &cl->v[i];
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "id", r->id);
        cf_jw_str(&w, "name", r->name);
        cf_jw_str(&w, "source", r->source);
        cf_jw_str(&w, "page", r->href);
        cf_jw_num(&w, "score", r->score, 1);
        cf_jw_str(&w, "tier", r->tier);
        cf_jw_str(&w, "tier_label", r->tier_label);
        cf_jw_bool(&w, "eligible", r->eligible);
        cf_jw_str(&w, "failed_gates", r->gates);
        if (r->next) {
            cf_jw_open(&w, "next_tier", '{');
            cf_jw_str(&w, "tier", r->next_id);
            cf_jw_str(&w, "tier_label", r->next);
            cf_jw_num(&w, "points_needed", r->to_next, 1);
            cf_jw_str(&w, "requires", r->needs);
            cf_jw_close(&w, '}');
        }
        if (r->step) {
            cf_jw_open(&w, "next_step", '{');
            cf_jw_str(&w, "label", r->step);
            cf_jw_num(&w, "points", r->step_points, 1);
            cf_jw_close(&w, '}');
        }
        if (cl->prev_as_of || cl->np) {
            if (r->prev) {
                cf_jw_open(&w, "previous", '{');
                cf_jw_num(&w, "score", r->prev_score, 1);
                cf_jw_str(&w, "tier", r->prev_tier);
                cf_jw_str(&w, "tier_label", r->prev_label);
                cf_jw_close(&w, '}');
            }
            cf_jw_str(&w, "moved", moved(cl, r));
        }
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(b, '\n');
}

static void write_md(const cf_caseload *cl, cf_buf *b)
{
    int prev = cl->np > 0;
    cf_buf_printf(b, "# Caseload\n\n%zu student%s, as of %s", cl->n, cl->n == 1 ? "" : "s", cl->as_of);
    if (cl->r) {
        cf_buf_puts(b, "; tiers for the opening: ");
        cf_buf_md(b, cl->r->title ? cl->r->title : cl->r->id);
    }
    if (prev) {
        cf_buf_puts(b, "; moved since ");
        cf_buf_md(b, cl->prev_as_of ? cl->prev_as_of : "last time");
    }
    cf_buf_puts(b, ". Closest to the next tier first.\n\n| student | score | tier | next tier | next step | failed gate |");
    cf_buf_puts(b, prev ? " moved |\n| --- | ---: | --- | --- | --- | --- | --- |\n"
                        : "\n| --- | ---: | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < cl->n; i++) {
        const cl_row *r = &cl->v[i];
        cf_buf_puts(b, "| [");
        cf_buf_md(b, r->name ? r->name : r->source);
        cf_buf_puts(b, "](");
        cf_buf_puts(b, r->href);   /* a page name: letters, digits, ., _ and - */
        cf_buf_printf(b, ") | %.1f | ", cf_shown(r->score));
        cf_buf_md(b, r->tier_label);
        if (!r->eligible)
            cf_buf_puts(b, ", not eligible");
        cf_buf_puts(b, " | ");
        next_text(b, r, cf_buf_md);
        cf_buf_puts(b, " | ");
        if (r->step) {
            cf_buf_md(b, r->step);
            cf_buf_printf(b, " (+%.1f)", r->step_points);
        }
        cf_buf_puts(b, " | ");
        cf_buf_md(b, r->gates ? r->gates : "");
        cf_buf_puts(b, " |");
        if (prev) {
            cf_buf_putc(b, ' ');
            moved_text(b, cl, r, cf_buf_md);
            cf_buf_puts(b, " |");
        }
        cf_buf_putc(b, '\n');
    }
}

/* The page's own rules beside the report's: the table as cards on a phone,
 * the sort buttons as plain headings. */
static const char css[] =
    "body{max-width:80rem}th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;"
    "text-align:inherit}th button::after{content:' \\2195';color:var(--muted)}"
    "th[aria-sort=ascending] button::after{content:' \\2191'}th[aria-sort=descending] button::after{content:' \\2193'}"
    "td.num{text-align:right;white-space:nowrap}.src{font-size:.85em;overflow-wrap:anywhere}"
    ".up{color:var(--good)}.down{color:var(--low)}"
    "@media (max-width:40rem){#cl thead{display:none}#cl,#cl tbody,#cl tr,#cl td{display:block}"
    "#cl tr{border:1px solid var(--line);border-radius:6px;padding:.5rem;margin:.5rem 0}"
    "#cl td{border:0;padding:.1rem 0;text-align:left}#cl td[data-h]::before{content:attr(data-h) ': ';"
    "color:var(--muted)}#cl td:first-child::before{content:none}#cl td:empty{display:none}body{padding:0 .5rem}}";

/* Sorting by a column: plain ES5; without it the page keeps its order. */
static const char js[] =
    "(function(){var t=document.getElementById('cl'),b=t.tBodies[0],h=t.tHead.rows[0].cells;"
    "[].forEach.call(h,function(th,i){var n=document.createElement('button');n.type='button';"
    "while(th.firstChild)n.appendChild(th.firstChild);th.appendChild(n);n.onclick=function(){"
    "var d=th.getAttribute('aria-sort')==='ascending'?-1:1;[].forEach.call(h,function(x){"
    "x.removeAttribute('aria-sort')});th.setAttribute('aria-sort',d>0?'ascending':'descending');"
    "var r=[].slice.call(b.rows);r.sort(function(x,y){var a=x.cells[i].getAttribute('data-k'),"
    "c=y.cells[i].getAttribute('data-k'),p=parseFloat(a),q=parseFloat(c),s=isNaN(p)||isNaN(q)?"
    "(a<c?-1:a>c?1:0):p-q;return s*d||x.getAttribute('data-o')-y.getAttribute('data-o')});"
    "r.forEach(function(x){b.appendChild(x)})}})})();";

static void td_open(cf_buf *b, const char *head, const char *cls)
{
    cf_buf_printf(b, "<td data-h=\"%s\"%s%s%s data-k=\"", head, cls ? " class=\"" : "", cls ? cls : "",
                  cls ? "\"" : "");
}

static void write_html(const cf_caseload *cl, cf_buf *b)
{
    int prev = cl->np > 0;
    cf_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>Caseload (%zu)</title>\n<style>%s%s</style>\n</head>\n<body>\n<header>\n"
                     "<h1>Caseload</h1>\n<p class=\"meta\">%zu student%s &middot; as of %s",
                  cl->n, cf_report_css, css, cl->n, cl->n == 1 ? "" : "s", cl->as_of);
    if (cl->r) {
        cf_buf_puts(b, " &middot; tiers for the opening: ");
        cf_buf_html(b, cl->r->title ? cl->r->title : cl->r->id);
    }
    if (prev) {
        cf_buf_puts(b, " &middot; moved since ");
        cf_buf_html(b, cl->prev_as_of ? cl->prev_as_of : "last time");
    }
    cf_buf_puts(b, "</p>\n<p class=\"muted\">Closest to the next tier first; a column's heading sorts by it.</p>\n"
                   "</header>\n<main>\n<table id=\"cl\">\n<thead><tr><th scope=\"col\">Student</th>"
                   "<th scope=\"col\">Score</th><th scope=\"col\">Tier</th><th scope=\"col\">Next tier</th>"
                   "<th scope=\"col\">Next step</th><th scope=\"col\">Failed gate</th>");
    if (prev)
        cf_buf_puts(b, "<th scope=\"col\">Moved</th>");
    cf_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < cl->n; i++) {
        const cl_row *r = &cl->v[i];
        cf_buf_printf(b, "<tr data-o=\"%zu\">", i);
        td_open(b, "Student", NULL);
        cf_buf_html(b, r->name ? r->name : r->source);
        cf_buf_puts(b, "\"><a href=\"");
        cf_buf_html(b, r->href);
        cf_buf_puts(b, "\"><strong>");
        cf_buf_html(b, r->name ? r->name : r->source);
        cf_buf_puts(b, "</strong></a>");
        if (r->name) {
            cf_buf_puts(b, "<br><span class=\"muted src\">");
            cf_buf_html(b, r->source);
            cf_buf_puts(b, "</span>");
        }
        cf_buf_puts(b, "</td>");
        td_open(b, "Score", "num");
        cf_buf_printf(b, "%.1f\">%.1f</td>", cf_shown(r->score), cf_shown(r->score));
        td_open(b, "Tier", NULL);
        cf_buf_printf(b, "%zu\">", r->trank);
        cf_buf_html(b, r->tier_label);
        if (!r->eligible)
            cf_buf_puts(b, "<br><span class=\"fail\">not eligible</span>");
        cf_buf_puts(b, "</td>");
        td_open(b, "Next tier", NULL);
        cf_buf_printf(b, "%zu\">", r->order);
        next_text(b, r, cf_buf_html);
        cf_buf_puts(b, "</td>");
        td_open(b, "Next step", NULL);
        cf_buf_printf(b, "%.1f\">", r->step ? -r->step_points : 0.0);
        if (r->step) {
            cf_buf_html(b, r->step);
            cf_buf_printf(b, " (+%.1f)", r->step_points);
        }
        cf_buf_puts(b, "</td>");
        td_open(b, "Failed gate", NULL);
        cf_buf_html(b, r->gates ? r->gates : "");
        cf_buf_puts(b, "\">");
        cf_buf_html(b, r->gates ? r->gates : "");
        cf_buf_puts(b, "</td>");
        if (prev) {
            const char *m = moved(cl, r);
            td_open(b, "Moved", m);
            cf_buf_printf(b, "%.1f\">", r->prev ? cf_shown(r->score) - cf_shown(r->prev_score) : 0.0);
            moved_text(b, cl, r, cf_buf_html);
            cf_buf_puts(b, "</td>");
        }
        cf_buf_puts(b, "</tr>\n");
    }
    cf_buf_printf(b, "</tbody>\n</table>\n</main>\n<footer class=\"muted\"><p>coderfit " CF_VERSION
                     "</p></footer>\n<script>%s</script>\n</body>\n</html>\n",
                  js);
}

cf_status cf_caseload_write(cf_caseload *cl, cf_advice_format f, char **out, size_t *len)
{
    cf_status st = settle(cl);
    if (st)
        return st;
    cf_buf b = {0};
    if (f == CF_ADVICE_JSON)
        write_json(cl, &b);
    else if (f == CF_ADVICE_HTML)
        write_html(cl, &b);
    else
        write_md(cl, &b);
    return cf_buf_finish(&b, out, len);
}
