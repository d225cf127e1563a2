#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "t.h"

int t_passed, t_failed;

void t_check(int ok, const char *file, int line, const char *expr, const char *fmt, ...)
{
    if (ok) {
        t_passed++;
        return;
    }
    t_failed++;
    fprintf(stderr, "FAIL %s:%d: %s", file, line, expr);
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        fputs(" -- ", stderr);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
    }
    fputc('\n', stderr);
}

cf_day t_day(const char *s)
{
    cf_day d = 0;
    if (cf_date_parse_day(s, &d))
        fprintf(stderr, "bad test date %s\n", s);
    return d;
}

cf_status t_rubric_status(const char *yaml, cf_diags *d)
{
    cf_rubric *r = NULL;
    cf_status st = cf_rubric_load("test.yaml", yaml, strlen(yaml), &r, d);
    cf_rubric_free(r);
    return st;
}

cf_rubric *t_rubric(const char *yaml)
{
    cf_diags d = {0};
    cf_rubric *r = NULL;
    if (cf_rubric_load("test.yaml", yaml, strlen(yaml), &r, &d) != CF_OK) {
        for (size_t i = 0; i < d.n; i++)
            cf_diag_print(stderr, &d.items[i]);
    }
    cf_diags_clear(&d);
    return r;
}

cf_rubric *t_rubric_default(void)
{
    cf_diags d = {0};
    cf_rubric *r = NULL;
    cf_rubric_load_default(&r, &d);
    cf_diags_clear(&d);
    return r;
}

cf_status t_profile_status(const char *json, const char *as_of, cf_diags *d)
{
    cf_profile *p = NULL;
    cf_status st = cf_profile_parse("test.json", json, strlen(json), 1, t_day(as_of), &p, d);
    cf_profile_free(p);
    return st;
}

cf_profile *t_profile(const char *json, const char *as_of)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
    if (cf_profile_parse("test.json", json, strlen(json), 1, t_day(as_of), &p, &d) != CF_OK)
        for (size_t i = 0; i < d.n; i++)
            cf_diag_print(stderr, &d.items[i]);
    cf_diags_clear(&d);
    return p;
}

cf_report *t_score(const cf_rubric *r, const char *json, const char *as_of)
{
    cf_profile *p = t_profile(json, as_of);
    cf_report *rep = NULL;
    if (p && cf_score(r, p, &rep) != CF_OK)
        rep = NULL;
    cf_profile_free(p);
    return rep;
}

const cf_result *t_result(const cf_report *rep, const char *ref)
{
    if (!rep)
        return NULL;
    for (size_t i = 0; i < rep->nres; i++) {
        char full[256];
        snprintf(full, sizeof full, "%s.%s", rep->res[i].c->qid, rep->res[i].c->id);
        if (strcmp(full, ref) == 0)
            return &rep->res[i];
    }
    return NULL;
}

double t_quality(const cf_report *rep, const char *qid)
{
    for (size_t i = 0; rep && i < rep->r->nqualities; i++)
        if (strcmp(rep->r->qualities[i].id, qid) == 0)
            return rep->qscore[i];
    return -1;
}

int t_has_diag(const cf_diags *d, const char *rule, unsigned line, unsigned col)
{
    for (size_t i = 0; i < d->n; i++)
        if ((!rule || (d->items[i].rule && strcmp(d->items[i].rule, rule) == 0)) &&
            (!line || d->items[i].line == line) && (!col || d->items[i].col == col))
            return 1;
    return 0;
}

char *t_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = cf_malloc(cap + 1);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = cf_realloc(b, cap * 2 + 1);
            if (!nb) {
                cf_free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (b)
        b[n] = '\0';
    if (len)
        *len = n;
    return b;
}

int t_sink_buf(void *ctx, const char *s, size_t len)
{
    cf_buf *b = ctx;
    cf_buf_add(b, s, len);
    return b->oom ? -1 : 0;
}

void t_text_add(t_text *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *ns = realloc(b->s, cap);
        if (!ns)
            abort();
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void t_text_puts(t_text *b, const char *s)
{
    t_text_add(b, s, strlen(s));
}
