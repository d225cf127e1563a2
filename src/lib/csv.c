/* Reading CSV (RFC 4180): the demographics of an audit, the approved
 * tier moves of a diff. */
#include "internal.h"

static void csv_adv(cf_csv_cur *c)
{
    if (*c->p == '\n')
        c->line++, c->col = 1;
    else
        c->col++;
    c->p++;
}

/* Reads one CSV field (RFC 4180: a quoted field may hold commas, doubled
 * quotes and line ends) into f, NUL-terminated, and moves past it and its
 * comma or line end.  Returns 0, or -1 on an unterminated quote; *last is
 * set when the field ended its record. */
int cf_csv_read_field(cf_csv_cur *c, cf_buf *f, int *last)
{
    f->len = 0;
    if (c->p < c->end && *c->p == '"') {
        csv_adv(c);
        for (;;) {
            if (c->p >= c->end)
                return -1;
            if (*c->p == '"') {
                csv_adv(c);
                if (c->p < c->end && *c->p == '"') {
                    cf_buf_putc(f, '"');
                    csv_adv(c);
                    continue;
                }
                break;
            }
            cf_buf_putc(f, *c->p);
            csv_adv(c);
        }
    }
    while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
        cf_buf_putc(f, *c->p);
        csv_adv(c);
    }
    if (c->p < c->end && *c->p == '\r')
        csv_adv(c);
    *last = c->p >= c->end || *c->p == '\n';
    if (c->p < c->end)
        csv_adv(c);
    cf_buf_putc(f, '\0');
    f->len--;
    return 0;
}
