/* A streaming JSON writer over cf_buf: objects, arrays and scalars, pretty
 * (two-space indent) or on one line. */
#include "internal.h"

void cf_jw_sep(cf_jw *w, const char *key)
{
    if (w->depth > 0) {
        if (w->count[w->depth - 1]++)
            cf_buf_putc(w->b, ',');
        if (w->pretty) {
            cf_buf_putc(w->b, '\n');
            for (int i = 0; i < w->depth; i++)
                cf_buf_puts(w->b, "  ");
        }
    }
    if (key) {
        cf_buf_json_str(w->b, key);
        cf_buf_puts(w->b, w->pretty ? ": " : ":");
    }
}

void cf_jw_open(cf_jw *w, const char *key, char c)
{
    cf_jw_sep(w, key);
    cf_buf_putc(w->b, c);
    if (w->depth < 31)
        w->count[w->depth] = 0;
    w->depth++;
}

void cf_jw_close(cf_jw *w, char c)
{
    w->depth--;
    if (w->pretty && w->count[w->depth]) {
        cf_buf_putc(w->b, '\n');
        for (int i = 0; i < w->depth; i++)
            cf_buf_puts(w->b, "  ");
    }
    cf_buf_putc(w->b, c);
}

void cf_jw_str(cf_jw *w, const char *key, const char *v)
{
    cf_jw_sep(w, key);
    if (v)
        cf_buf_json_str(w->b, v);
    else
        cf_buf_puts(w->b, "null");
}

void cf_jw_num(cf_jw *w, const char *key, double v, int decimals)
{
    cf_jw_sep(w, key);
    cf_buf_num(w->b, v, decimals);
}

void cf_jw_bool(cf_jw *w, const char *key, int v)
{
    cf_jw_sep(w, key);
    cf_buf_puts(w->b, v ? "true" : "false");
}

