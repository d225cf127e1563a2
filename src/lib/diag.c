/* Positioned diagnostics, collected by the library and printed by the
 * front end. */
#include <stdarg.h>
#include <stdio.h>
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
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        cf_diag *items = cf_realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->oom = 1;
            return;
        }
        d->items = items;
        d->cap = cap;
    }
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

void cf_diag_print(FILE *out, const cf_diag *dg)
{
    const char *sev = dg->severity == CF_SEV_ERROR ? "error" : "warning";
    if (dg->line)
        fprintf(out, "%s:%u:%u: %s: %s", dg->file, dg->line, dg->col, sev, dg->message);
    else
        fprintf(out, "%s: %s: %s", dg->file, sev, dg->message);
    if (dg->rule)
        fprintf(out, " [%s]", dg->rule);
    fputc('\n', out);
}
