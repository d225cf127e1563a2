/* Positioned diagnostics, collected by the library and printed by the
 * front end. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void cf_diags_clear(cf_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        cf_free(d->items[i].file);
        cf_free(d->items[i].message);
    }
    cf_free(d->items);
    memset(d, 0, sizeof *d);
}

size_t cf_diags_errors(const cf_diags *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->items[i].severity == CF_SEV_ERROR;
    return n;
}

void cf_diag_add(cf_diags *d, const char *file, unsigned line, unsigned col,
                 cf_severity sev, const char *rule, const char *fmt, ...)
{
    if (!d)
        return;
    cf_diag *items = cf_grow(d->items, &d->cap, d->n + 1, sizeof *items);
    if (!items) {
        d->oom = 1;
        return;
    }
    d->items = items;
    cf_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cf_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *file_copy = cf_strdup(file ? file : "");
    if (b.oom || !b.s || !file_copy) {
        cf_buf_free(&b);
        cf_free(file_copy);
        d->oom = 1;
        return;
    }
    cf_diag *dg = &d->items[d->n++];
    dg->file = file_copy;
    dg->line = line;
    dg->col = col;
    dg->severity = sev;
    dg->rule = rule;
    dg->message = b.s;
}

/* "FILE:LINE:COL: severity: message [rule]" and a newline */
/* "FILE:LINE:COL: severity: message [rule]", control characters of the
 * file and message shown as ?; the severity coloured when color. */
static void format_text(cf_buf *b, const cf_diag *dg, int color)
{
    int err = dg->severity == CF_SEV_ERROR;
    size_t start = b->len;
    if (dg->line)
        cf_buf_printf(b, "%s:%u:%u: ", dg->file, dg->line, dg->col);
    else
        cf_buf_printf(b, "%s: ", dg->file);
    if (b->s && !b->oom) {
        b->s[b->len] = '\0';
        cf_text_shown(b->s + start);
    }
    cf_buf_colored(b, color, err ? C_BOLD C_RED : C_BOLD C_YELLOW, err ? "error" : "warning");
    start = b->len;
    cf_buf_printf(b, ": %s", dg->message);
    if (dg->rule)
        cf_buf_printf(b, " [%s]", dg->rule);
    if (b->s && !b->oom) {
        b->s[b->len] = '\0';
        cf_text_shown(b->s + start);
    }
    cf_buf_putc(b, '\n');
}

int cf_position_cmp(const char *fa, unsigned la, unsigned ca, const char *fb, unsigned lb, unsigned cb)
{
    int c = strcmp(fa, fb);
    if (c)
        return c;
    if (la != lb)
        return la < lb ? -1 : 1;
    return (ca > cb) - (ca < cb);
}

static int diag_cmp(const void *a, const void *b)
{
    const cf_diag *x = a, *y = b;
    int c = cf_position_cmp(x->file, x->line, x->col, y->file, y->line, y->col);
    return c ? c : (x->severity > y->severity) - (x->severity < y->severity);
}

/* A GitHub workflow command value: %, CR and LF escaped, and in
 * properties also ',' and ':'. */
void cf_buf_gh(cf_buf *b, const char *s, int property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%': cf_buf_puts(b, "%25"); break;
        case '\r': cf_buf_puts(b, "%0D"); break;
        case '\n': cf_buf_puts(b, "%0A"); break;
        case ',': cf_buf_puts(b, property ? "%2C" : ","); break;
        case ':': cf_buf_puts(b, property ? "%3A" : ":"); break;
        default: cf_buf_putc(b, *s);
        }
    }
}

void cf_diags_sort(cf_diags *d)
{
    if (d->n > 1)
        qsort(d->items, d->n, sizeof *d->items, diag_cmp);   /* stable enough: ties are rare */
}

cf_status cf_diags_write(cf_diags *d, cf_diag_format f, char **out, size_t *len)
{
    cf_buf b = {0};
    cf_diags_sort(d);
    if (f == CF_DIAG_JSON) {
        cf_jw w = {&b, 1, 0, {0}};
        size_t errors = cf_diags_errors(d);
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "format", "coderfit-lint/1");
        cf_jw_num(&w, "errors", (double)errors, 0);
        cf_jw_num(&w, "warnings", (double)(d->n - errors), 0);
        cf_jw_open(&w, "problems", '[');
        for (size_t i = 0; i < d->n; i++) {
            const cf_diag *dg = &d->items[i];
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "file", dg->file);
            cf_jw_num(&w, "line", dg->line, 0);
            cf_jw_num(&w, "column", dg->col, 0);
            cf_jw_str(&w, "severity", dg->severity == CF_SEV_ERROR ? "error" : "warning");
            cf_jw_str(&w, "rule", dg->rule);
            cf_jw_str(&w, "message", dg->message);
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_jw_close(&w, '}');
        cf_buf_putc(&b, '\n');
    } else {
        for (size_t i = 0; i < d->n; i++) {
            const cf_diag *dg = &d->items[i];
            const char *sev = dg->severity == CF_SEV_ERROR ? "error" : "warning";
            if (f == CF_DIAG_GITHUB) {
                cf_buf_printf(&b, "::%s file=", sev);
                cf_buf_gh(&b, dg->file, 1);
                if (dg->line)
                    cf_buf_printf(&b, ",line=%u,col=%u", dg->line, dg->col);
                if (dg->rule) {
                    cf_buf_puts(&b, ",title=");
                    cf_buf_gh(&b, dg->rule, 1);
                }
                cf_buf_puts(&b, "::");
                cf_buf_gh(&b, dg->message, 0);
                cf_buf_putc(&b, '\n');
            } else {
                format_text(&b, dg, d->color);
            }
        }
        if (!b.s)
            cf_buf_puts(&b, "");
    }
    return cf_buf_finish(&b, out, len);
}

char *cf_diag_text(const cf_diag *dg)
{
    cf_buf b = {0};
    format_text(&b, dg, 0);
    if (b.oom) {
        cf_buf_free(&b);
        return NULL;
    }
    return b.s;
}

void cf_diag_print(FILE *out, const cf_diag *dg)
{
    char *s = cf_diag_text(dg);
    if (s)
        fputs(s, out);
    else
        fprintf(out, "%s: out of memory\n", dg->file);
    cf_free(s);
}
