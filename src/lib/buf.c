/* A growable string for writers.  Out of memory is sticky: appends become
 * no-ops and cf_buf_finish reports it once. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

static int grow(cf_buf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = cf_realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return 0;
    }
    b->s = s;
    b->cap = cap;
    return 1;
}

void cf_buf_add(cf_buf *b, const char *s, size_t n)
{
    if (!grow(b, n))
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void cf_buf_puts(cf_buf *b, const char *s)
{
    cf_buf_add(b, s, strlen(s));
}

void cf_buf_putc(cf_buf *b, char c)
{
    cf_buf_add(b, &c, 1);
}

void cf_buf_vprintf(cf_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !grow(b, (size_t)n))
        return;
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void cf_buf_printf(cf_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    cf_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void cf_buf_json_str(cf_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    cf_buf_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        cf_buf_add(b, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"': cf_buf_puts(b, "\\\""); break;
        case '\\': cf_buf_puts(b, "\\\\"); break;
        case '\n': cf_buf_puts(b, "\\n"); break;
        case '\r': cf_buf_puts(b, "\\r"); break;
        case '\t': cf_buf_puts(b, "\\t"); break;
        case '\b': cf_buf_puts(b, "\\b"); break;
        case '\f': cf_buf_puts(b, "\\f"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            cf_buf_add(b, u, 6);
        }
        }
    }
    cf_buf_add(b, run, (size_t)(s - run));
    cf_buf_putc(b, '"');
}

void cf_buf_num(cf_buf *b, double v, int decimals)
{
    char tmp[64];
    if (!isfinite(v))
        v = 0;
    double scale = pow(10, decimals);
    v = round(v * scale) / scale;
    if (v == 0)
        v = 0;  /* no "-0" */
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= sizeof tmp)
        n = snprintf(tmp, sizeof tmp, "%g", v);
    if (decimals > 0) {
        while (n > 0 && tmp[n - 1] == '0')
            n--;
        if (n > 0 && tmp[n - 1] == '.')
            n--;
    }
    cf_buf_add(b, tmp, (size_t)n);
}

cf_status cf_buf_finish(cf_buf *b, char **out, size_t *len)
{
    if (!b->oom && !b->s)
        grow(b, 0);
    if (b->oom) {
        cf_buf_free(b);
        *out = NULL;
        return CF_ESYSTEM;
    }
    b->s[b->len] = '\0';
    *out = b->s;
    if (len)
        *len = b->len;
    b->s = NULL;
    b->len = b->cap = 0;
    return CF_OK;
}

void cf_buf_free(cf_buf *b)
{
    cf_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}
