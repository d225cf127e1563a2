/* Rubric test cases: named profiles with what the rubric must make of
 * them (tier, eligibility, score and quality ranges, gates, the top gap).
 * The case file is YAML; every problem in it is positioned like a
 * rubric's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "yamltree.h"

typedef struct range {
    int set;
    double lo, hi;
} range;

typedef struct qrange {
    char *id;
    range r;
} qrange;

typedef struct one_case {
    char *name;
    unsigned line, col;
    char *path;               /* profile file, relative to the case file */
    char *json;               /* or the profile inline, as JSON */
    cf_day as_of;
    int has_as_of;
    char *tier;
    int eligible;             /* -1: not checked */
    range score;
    qrange *quals;
    size_t nquals;
    char **passed, **failed;  /* gate ids */
    size_t npassed, nfailed;
    int gates_checked;        /* gates_failed given: no other gate may fail */
    char *top_gap;            /* quality.criterion */
} one_case;

struct cf_cases {
    one_case *v;
    size_t n;
};

/* A case file's reader: every problem is a bad-case. */
typedef cf_yreader cl;
#define cerr(c, n, ...) cf_yerr(c, n, "bad-case", __VA_ARGS__)

static char *sdup(cl *c, const char *s)
{
    char *r = cf_strdup(s);
    if (!r)
        c->oom = 1;
    return r;
}

static const char *scalar(cl *c, const cf_ynode *n, const char *what)
{
    return cf_ywant(c, n, CF_Y_SCALAR, what) ? n->value : NULL;
}

static int get_range(cl *c, const cf_ynode *n, range *r, const char *what)
{
    if (n->kind != CF_Y_SEQ || n->n != 2 || n->items[0]->kind != CF_Y_SCALAR ||
        n->items[1]->kind != CF_Y_SCALAR) {
        cerr(c, n, "%s must be a range [min, max]", what);
        return 0;
    }
    if (cf_ynode_number(n->items[0], &r->lo) != 1 || cf_ynode_number(n->items[1], &r->hi) != 1 || r->lo > r->hi) {
        cerr(c, n, "%s must be a range [min, max] of numbers", what);
        return 0;
    }
    r->set = 1;
    return 1;
}

static void get_ids(cl *c, const cf_ynode *n, char ***out, size_t *nout, const char *what)
{
    if (n->kind != CF_Y_SEQ) {
        cerr(c, n, "%s must be a list of gate ids", what);
        return;
    }
    *out = cf_calloc(n->n ? n->n : 1, sizeof **out);
    if (!*out) {
        c->oom = 1;
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const char *s = scalar(c, n->items[i], what);
        if (s)
            (*out)[(*nout)++] = sdup(c, s);
    }
}

static void load_case(cl *c, one_case *k, const cf_ynode *n)
{
    static const cf_ykey keys[] = {
        {"name", 0}, {"profile", 0}, {"as_of", 0}, {"expect", 0}, {"description", 0}, {NULL, 0}};
    k->eligible = -1;
    k->line = n->line;
    k->col = n->col;
    if (n->kind != CF_Y_MAP) {
        cerr(c, n, "%s", "a case must be a mapping");
        return;
    }
    cf_ykeys(c, n, keys, "a case", NULL, NULL);
    const cf_ynode *name = cf_ymap_get(n, "name"), *prof = cf_ymap_get(n, "profile");
    const cf_ynode *asof = cf_ymap_get(n, "as_of"), *exp = cf_ymap_get(n, "expect");
    const char *s;
    if (!name || !(s = scalar(c, name, "'name'"))) {
        if (!name)
            cerr(c, n, "%s", "a case needs a 'name'");
    } else {
        k->name = sdup(c, s);
    }
    if (!prof) {
        cerr(c, n, "%s", "a case needs a 'profile' (a path, or the profile itself)");
    } else if (prof->kind == CF_Y_SCALAR) {
        k->path = sdup(c, prof->value);
    } else if (prof->kind == CF_Y_MAP) {
        cJSON *j = cf_ynode_json(prof);
        cf_buf b = {0};
        if (j)
            cf_json_write(&b, j, 0, 0);
        cJSON_Delete(j);
        if (!j || b.oom)
            c->oom = 1;
        k->json = b.s;
    } else {
        cerr(c, prof, "%s", "'profile' must be a path or a mapping");
    }
    if (asof && (s = scalar(c, asof, "'as_of'"))) {
        if (cf_date_parse_day(s, &k->as_of))
            cerr(c, asof, "'as_of' must be a date YYYY-MM-DD, not '%s'", s);
        else
            k->has_as_of = 1;
    }
    if (!exp)
        return;
    if (exp->kind != CF_Y_MAP) {
        cerr(c, exp, "%s", "'expect' must be a mapping");
        return;
    }
    for (size_t i = 0; i + 1 < exp->n; i += 2) {
        const cf_ynode *key = exp->items[i], *v = exp->items[i + 1];
        if (strcmp(key->value, "tier") == 0) {
            if ((s = scalar(c, v, "'tier'")))
                k->tier = sdup(c, s);
        } else if (strcmp(key->value, "eligible") == 0) {
            if ((s = scalar(c, v, "'eligible'"))) {
                if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
                    k->eligible = s[0] == 't';
                else
                    cerr(c, v, "'eligible' must be true or false, not '%s'", s);
            }
        } else if (strcmp(key->value, "score") == 0) {
            get_range(c, v, &k->score, "'score'");
        } else if (strcmp(key->value, "qualities") == 0) {
            if (v->kind != CF_Y_MAP) {
                cerr(c, v, "%s", "'qualities' must map quality ids to ranges");
                continue;
            }
            k->quals = cf_calloc(v->n / 2 + 1, sizeof *k->quals);
            if (!k->quals) {
                c->oom = 1;
                continue;
            }
            for (size_t j = 0; j + 1 < v->n; j += 2) {
                qrange *q = &k->quals[k->nquals++];
                q->id = sdup(c, v->items[j]->value);
                get_range(c, v->items[j + 1], &q->r, "a quality's range");
            }
        } else if (strcmp(key->value, "gates_passed") == 0) {
            get_ids(c, v, &k->passed, &k->npassed, "'gates_passed'");
        } else if (strcmp(key->value, "gates_failed") == 0) {
            get_ids(c, v, &k->failed, &k->nfailed, "'gates_failed'");
            k->gates_checked = 1;
        } else if (strcmp(key->value, "top_gap") == 0) {
            if ((s = scalar(c, v, "'top_gap'")))
                k->top_gap = sdup(c, s);
        } else {
            cerr(c, key, "unknown expectation '%s' (tier, eligible, score, qualities, gates_passed, "
                         "gates_failed, top_gap)", key->value);
        }
    }
}

cf_status cf_cases_load(const char *name, const char *text, size_t len, cf_cases **out, cf_diags *d)
{
    cf_ydoc doc;
    *out = NULL;
    cf_status st = cf_yaml_parse(name, text, len, &doc, d);
    if (st)
        return st == CF_ERUBRIC ? CF_EINPUT : st;
    cl c = {name, d, "bad-case", 0, 0};
    static const cf_ynode start = {.line = 1, .col = 1};   /* of an empty file */
    cf_cases *cs = cf_calloc(1, sizeof *cs);
    const cf_ynode *list = doc.root ? cf_ymap_get(doc.root, "cases") : NULL;
    if (!cs) {
        cf_yaml_free(&doc);
        return CF_ESYSTEM;
    }
    if (!list || list->kind != CF_Y_SEQ || !list->n) {
        cerr(&c, list ? list : doc.root ? doc.root : &start, "%s", "a case file holds a non-empty list 'cases'");
    } else {
        for (size_t i = 0; doc.root && i + 1 < doc.root->n; i += 2)
            if (strcmp(doc.root->items[i]->value, "cases") != 0)
                cerr(&c, doc.root->items[i], "unknown key '%s' in a case file (cases)",
                     doc.root->items[i]->value);
        cs->v = cf_calloc(list->n, sizeof *cs->v);
        if (!cs->v)
            c.oom = 1;
        for (size_t i = 0; cs->v && i < list->n; i++) {
            load_case(&c, &cs->v[i], list->items[i]);
            cs->n = i + 1;
        }
    }
    cf_yaml_free(&doc);
    if (c.oom || d->oom) {
        cf_cases_free(cs);
        return CF_ESYSTEM;
    }
    if (c.errors) {
        cf_cases_free(cs);
        return CF_EINPUT;
    }
    *out = cs;
    return CF_OK;
}

void cf_cases_free(cf_cases *cs)
{
    if (!cs)
        return;
    for (size_t i = 0; i < cs->n; i++) {
        one_case *k = &cs->v[i];
        cf_free(k->name);
        cf_free(k->path);
        cf_free(k->json);
        cf_free(k->tier);
        cf_free(k->top_gap);
        for (size_t j = 0; j < k->nquals; j++)
            cf_free(k->quals[j].id);
        cf_free(k->quals);
        for (size_t j = 0; j < k->npassed; j++)
            cf_free(k->passed[j]);
        for (size_t j = 0; j < k->nfailed; j++)
            cf_free(k->failed[j]);
        cf_free(k->passed);
        cf_free(k->failed);
    }
    cf_free(cs->v);
    cf_free(cs);
}

size_t cf_cases_count(const cf_cases *cs) { return cs->n; }

cf_case_info cf_case_get(const cf_cases *cs, size_t i)
{
    const one_case *k = &cs->v[i];
    cf_case_info info = {k->name, k->path, k->json, k->line, k->col, k->has_as_of, k->as_of};
    return info;
}

static int has(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return 1;
    return 0;
}


cf_status cf_case_check(const cf_cases *cs, size_t i, const cf_report *rep, char **failures)
{
    const one_case *k = &cs->v[i];
    const cf_rubric *r = rep->r;
    cf_buf b = {0};
    *failures = NULL;
    if (k->tier && strcmp(k->tier, cf_report_tier(rep)) != 0)
        cf_buf_printf(&b, "tier: expected %s, got %s (score %.1f)\n", k->tier, cf_report_tier(rep),
                      cf_shown(rep->score));
    if (k->eligible >= 0 && k->eligible != rep->eligible)
        cf_buf_printf(&b, "eligible: expected %s, got %s\n", k->eligible ? "true" : "false",
                      rep->eligible ? "true" : "false");
    if (k->score.set && (cf_shown(rep->score) < k->score.lo || cf_shown(rep->score) > k->score.hi))
        cf_buf_printf(&b, "score: expected %g to %g, got %.1f\n", k->score.lo, k->score.hi, cf_shown(rep->score));
    for (size_t j = 0; j < k->nquals; j++) {
        const qrange *q = &k->quals[j];
        size_t qi = r->nqualities;
        for (size_t x = 0; x < r->nqualities; x++)
            if (strcmp(r->qualities[x].id, q->id) == 0)
                qi = x;
        if (qi == r->nqualities)
            cf_buf_printf(&b, "qualities: the rubric has no quality '%s'\n", q->id);
        else if (cf_shown(rep->qscore[qi]) < q->r.lo || cf_shown(rep->qscore[qi]) > q->r.hi)
            cf_buf_printf(&b, "%s: expected %g to %g, got %.1f\n", q->id, q->r.lo, q->r.hi, cf_shown(rep->qscore[qi]));
    }
    for (size_t g = 0; g < r->ngates; g++) {
        const char *id = r->gates[g].id;
        if (has(k->passed, k->npassed, id) && !rep->gate_passed[g])
            cf_buf_printf(&b, "gate %s: expected passed, got failed\n", id);
        if (has(k->failed, k->nfailed, id) && rep->gate_passed[g])
            cf_buf_printf(&b, "gate %s: expected failed, got passed\n", id);
        if (k->gates_checked && !has(k->failed, k->nfailed, id) && !rep->gate_passed[g])
            cf_buf_printf(&b, "gate %s: failed, and gates_failed does not list it\n", id);
    }
    for (size_t j = 0; j < k->npassed + k->nfailed; j++) {
        const char *id = j < k->npassed ? k->passed[j] : k->failed[j - k->npassed];
        int found = 0;
        for (size_t g = 0; g < r->ngates; g++)
            found |= strcmp(r->gates[g].id, id) == 0;
        if (!found)
            cf_buf_printf(&b, "gates: the rubric has no gate '%s'\n", id);
    }
    if (k->top_gap) {
        int known = 0;
        for (size_t x = 0; x < r->nqualities; x++)
            for (size_t y = 0; y < r->qualities[x].ncriteria; y++) {
                char ref[256];
                snprintf(ref, sizeof ref, "%s.%s", r->qualities[x].id, r->qualities[x].criteria[y].id);
                known |= strcmp(ref, k->top_gap) == 0;
            }
        if (!known)
            cf_buf_printf(&b, "top_gap: the rubric has no criterion '%s'\n", k->top_gap);
    }
    if (k->top_gap) {
        char got[256] = "none";
        if (rep->ngaps) {
            const cf_criterion *c = rep->res[rep->gaps[0]].c;
            snprintf(got, sizeof got, "%s.%s", c->qid, c->id);
        }
        if (strcmp(got, k->top_gap) != 0)
            cf_buf_printf(&b, "top_gap: expected %s, got %s\n", k->top_gap, got);
    }
    if (!b.len && !b.oom) {
        cf_buf_free(&b);
        return CF_OK;
    }
    cf_status st = cf_buf_finish(&b, failures, NULL);
    return st ? st : CF_NO;
}

/* ---- results ------------------------------------------------------------ */

typedef struct result {
    char *file, *name;        /* name NULL: the file could not be read */
    unsigned line, col;
    int error;                /* could not be run: failures says why */
    double seconds;
    char *failures;           /* NULL: passed */
} result;

struct cf_case_results {
    result *v;
    size_t n, cap;
    size_t failed, errors;
    int color;
};

void cf_case_results_color(cf_case_results *rs, int on)
{
    rs->color = on;
}

cf_case_results *cf_case_results_new(void)
{
    return cf_calloc(1, sizeof(cf_case_results));
}

void cf_case_results_free(cf_case_results *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->n; i++) {
        cf_free(rs->v[i].file);
        cf_free(rs->v[i].name);
        cf_free(rs->v[i].failures);
    }
    cf_free(rs->v);
    cf_free(rs);
}

static cf_status put(cf_case_results *rs, const char *file, const char *name, unsigned line, unsigned col,
                     int error, double seconds, char *failures)
{
    result *v = cf_grow(rs->v, &rs->cap, rs->n + 1, sizeof *v);
    if (!v) {
        cf_free(failures);
        return CF_ESYSTEM;
    }
    rs->v = v;
    result *r = &rs->v[rs->n];
    r->file = cf_strdup(file);
    r->name = name ? cf_strdup(name) : NULL;
    r->line = line;
    r->col = col;
    r->error = error;
    r->seconds = seconds >= 0 ? seconds : 0;
    r->failures = failures;
    if (!r->file || (name && !r->name)) {
        cf_free(r->file);
        cf_free(r->name);
        cf_free(failures);
        return CF_ESYSTEM;
    }
    rs->n++;
    rs->failed += failures && !error;
    rs->errors += error;
    return CF_OK;
}

cf_status cf_case_results_add(cf_case_results *rs, const char *file, const char *name, unsigned line,
                              double seconds, char *failures)
{
    return put(rs, file, name ? name : "(unnamed)", line, 0, 0, seconds, failures);
}

cf_status cf_case_results_error(cf_case_results *rs, const char *file, const char *name, unsigned line,
                                unsigned col, double seconds, const char *message)
{
    char *m = cf_strdup(message && *message ? message : "cannot be read");
    if (!m)
        return CF_ESYSTEM;
    return put(rs, file, name, line, col, 1, seconds, m);
}

size_t cf_case_results_failed(const cf_case_results *rs)
{
    return rs->failed;
}

size_t cf_case_results_errors(const cf_case_results *rs)
{
    return rs->errors;
}

/* What a dashboard shows for a result: its name, or for a case file that
 * could not be read, the file's. */
static const char *shown_name(const result *r)
{
    return r->name ? r->name : r->file;
}

/* "file:line:col", as far as it is known. */
static void position(cf_buf *b, const result *r, void (*esc)(cf_buf *, const char *))
{
    esc(b, r->file);
    if (r->line)
        cf_buf_printf(b, ":%u", r->line);
    if (r->line && r->col)
        cf_buf_printf(b, ":%u", r->col);
}

static void put_raw(cf_buf *b, const char *s)
{
    cf_buf_puts(b, s);
}

/* A string on a TAP line or in its YAML block: one line (control
 * characters, line ends among them, as ?), a '#' escaped so that no
 * directive (# SKIP, # TODO) can be forged; quote and backslash escaped
 * inside the block's "..." (quoted set). */
static void tap_str(cf_buf *b, const char *s, int quoted)
{
    cf_buf one = {0};
    cf_buf_shown(&one, s, strlen(s));
    for (size_t i = 0; i < one.len; i++) {
        char c = one.s[i];
        if (c == '#' || (quoted && (c == '"' || c == '\\')))
            cf_buf_putc(b, '\\');
        cf_buf_putc(b, c);
    }
    b->oom |= one.oom;
    cf_buf_free(&one);
}

static void write_tap(cf_buf *b, const cf_case_results *rs)
{
    cf_buf_printf(b, "TAP version 13\n1..%zu\n", rs->n);
    for (size_t i = 0; i < rs->n; i++) {
        const result *r = &rs->v[i];
        cf_buf_printf(b, "%s %zu - ", r->failures ? "not ok" : "ok", i + 1);
        tap_str(b, shown_name(r), 0);
        cf_buf_putc(b, '\n');
        if (!r->failures)
            continue;
        cf_buf_puts(b, "  ---\n  at: \"");
        cf_buf at = {0};
        position(&at, r, put_raw);
        tap_str(b, at.s ? at.s : "", 1);
        b->oom |= at.oom;
        cf_buf_free(&at);
        cf_buf_printf(b, "\"\n  severity: %s\n  %s:\n", r->error ? "error" : "fail", r->error ? "errors" : "failures");
        for (const char *p = r->failures; *p;) {
            size_t n = strcspn(p, "\n");
            char *line = cf_malloc(n + 1);
            if (!line) {
                b->oom = 1;
                break;
            }
            memcpy(line, p, n);
            line[n] = '\0';
            cf_buf_puts(b, "    - \"");
            tap_str(b, line, 1);
            cf_buf_puts(b, "\"\n");
            cf_free(line);
            p += n + (p[n] == '\n');
        }
        cf_buf_puts(b, "  ...\n");
    }
}

/* A suite's name from its case file: no "./" in front, no ".yaml"; the
 * classname of its cases is the same with dots for slashes, which
 * Jenkins reads as packages ("tests.cases.medical-coder"). */
static void suite_name(cf_buf *b, const char *file, int dotted)
{
    while (file[0] == '.' && file[1] == '/')
        file += 2;
    size_t n = strlen(file);
    if (n > 5 && strcmp(file + n - 5, ".yaml") == 0)
        n -= 5;
    else if (n > 4 && strcmp(file + n - 4, ".yml") == 0)
        n -= 4;
    cf_buf one = {0};
    for (size_t i = 0; i < n; i++) {
        if (file[i] == '/' && (i == 0 || file[i - 1] == '/'))
            continue;   /* a doubled or leading slash */
        cf_buf_putc(&one, dotted && file[i] == '/' ? '.' : file[i]);
    }
    cf_buf_xml(b, one.s ? one.s : "");
    b->oom |= one.oom;
    cf_buf_free(&one);
}

static void write_junit(cf_buf *b, const cf_case_results *rs)
{
    double total = 0;
    for (size_t i = 0; i < rs->n; i++)
        total += rs->v[i].seconds;
    cf_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<testsuites name=\"coderfit test\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" time=\"%.3f\">\n",
                  rs->n, rs->failed, rs->errors, total);
    for (size_t i = 0; i < rs->n;) {
        size_t j = i, failed = 0, errors = 0;
        double seconds = 0;
        for (; j < rs->n && strcmp(rs->v[j].file, rs->v[i].file) == 0; j++) {
            failed += rs->v[j].failures && !rs->v[j].error;
            errors += rs->v[j].error;
            seconds += rs->v[j].seconds;
        }
        cf_buf_puts(b, "  <testsuite name=\"");
        suite_name(b, rs->v[i].file, 0);
        cf_buf_puts(b, "\" file=\"");
        cf_buf_xml(b, rs->v[i].file);
        cf_buf_printf(b, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\" time=\"%.3f\">\n", j - i,
                      failed, errors, seconds);
        for (size_t k = i; k < j; k++) {
            const result *r = &rs->v[k];
            cf_buf_puts(b, "    <testcase name=\"");
            cf_buf_xml(b, shown_name(r));
            cf_buf_puts(b, "\" classname=\"");
            suite_name(b, r->file, 1);
            cf_buf_puts(b, "\" file=\"");
            cf_buf_xml(b, r->file);
            if (r->line)
                cf_buf_printf(b, "\" line=\"%u", r->line);
            cf_buf_printf(b, "\" time=\"%.3f", r->seconds);
            if (!r->failures) {
                cf_buf_puts(b, "\"/>\n");
                continue;
            }
            const char *tag = r->error ? "error" : "failure";
            cf_buf_printf(b, "\">\n      <%s type=\"%s\" message=\"", tag, r->error ? "unreadable" : "expectation");
            cf_buf first = {0};
            size_t fl = strlen(r->file);
            if (strncmp(r->failures, r->file, fl) != 0 || r->failures[fl] != ':') {
                position(&first, r, put_raw);   /* unless the message says it */
                cf_buf_puts(&first, ": ");
            }
            size_t n = strcspn(r->failures, "\n");
            cf_buf_add(&first, r->failures, n < 500 ? n : 500);
            cf_buf_xml(b, first.s ? first.s : "");
            b->oom |= first.oom;
            cf_buf_free(&first);
            cf_buf_puts(b, "\">");
            cf_buf_xml(b, r->failures);
            cf_buf_printf(b, "</%s>\n    </testcase>\n", tag);
        }
        cf_buf_puts(b, "  </testsuite>\n");
        i = j;
    }
    cf_buf_puts(b, "</testsuites>\n");
}

static void write_text(cf_buf *b, const cf_case_results *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        const result *r = &rs->v[i];
        /* names, files and messages as a terminal may show them */
        cf_buf_colored(b, rs->color, r->failures ? C_BOLD C_RED : C_GREEN,
                       r->error ? "ERROR" : r->failures ? "FAIL" : "ok");
        cf_buf_puts(b, r->error ? " " : r->failures ? "  " : "    ");
        cf_buf_shown_str(b, shown_name(r));
        if (!r->failures) {
            cf_buf_putc(b, '\n');
            continue;
        }
        cf_buf_puts(b, "  (");
        position(b, r, cf_buf_shown_str);
        cf_buf_puts(b, ")\n");
        for (const char *p = r->failures; *p;) {
            size_t n = strcspn(p, "\n");
            cf_buf_puts(b, "        ");
            cf_buf_shown(b, p, n);
            cf_buf_putc(b, '\n');
            p += n + (p[n] == '\n');
        }
    }
    cf_buf_printf(b, "%zu passed, %zu failed", rs->n - rs->failed - rs->errors, rs->failed);
    if (rs->errors)
        cf_buf_printf(b, ", %zu error%s", rs->errors, rs->errors == 1 ? "" : "s");
    cf_buf_putc(b, '\n');
}

cf_status cf_case_results_write(const cf_case_results *rs, cf_results_format fmt, char **out, size_t *len)
{
    cf_buf b = {0};
    if (fmt == CF_RESULTS_TAP)
        write_tap(&b, rs);
    else if (fmt == CF_RESULTS_JUNIT)
        write_junit(&b, rs);
    else
        write_text(&b, rs);
    return cf_buf_finish(&b, out, len);
}
