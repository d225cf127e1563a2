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
    if (b->len + n + 1 > b->cap && !grow(b, n))
        return;
    if (n)   /* s may be the NULL of a buffer memory ran out for */
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
    for (;;) {
        const char *run = s;
        while (!(cf_json_chars[(unsigned char)*s] & CF_JC_ESCAPE))
            s++;
        cf_buf_add(b, run, (size_t)(s - run));
        unsigned char c = (unsigned char)*s++;
        switch (c) {
        case '\0': cf_buf_putc(b, '"'); return;
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
}

void cf_buf_uint(cf_buf *b, unsigned long v)
{
    char num[24];
    int n = sizeof num;
    do
        num[--n] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    cf_buf_add(b, num + n, sizeof num - (size_t)n);
}

void cf_buf_tenths(cf_buf *b, int v10)
{
    cf_buf_uint(b, (unsigned long)(v10 / 10));
    cf_buf_putc(b, '.');
    cf_buf_putc(b, (char)('0' + v10 % 10));
}

void cf_buf_num(cf_buf *b, double v, int decimals)
{
    static const long long scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (!isfinite(v))
        v = 0;
    if (decimals >= 0 && decimals <= 6 && fabs(v) < 1e12) {
        /* In integers: a report writes hundreds of numbers, and printf
         * with pow was most of the cost.  Rounds half away from zero, as
         * round() did. */
        long long n = llround(v * (double)scale[decimals]);
        char tmp[48];
        int i = sizeof tmp, neg = n < 0;
        if (neg)
            n = -n;
        long long ip = n / scale[decimals], fp = n % scale[decimals];
        if (fp) {
            int d = decimals;
            while (fp % 10 == 0) {   /* trailing zeros go */
                fp /= 10;
                d--;
            }
            for (; d > 0; d--, fp /= 10)
                tmp[--i] = (char)('0' + fp % 10);
            tmp[--i] = '.';
        }
        do
            tmp[--i] = (char)('0' + ip % 10);
        while ((ip /= 10) > 0);
        if (neg && (n != 0))
            tmp[--i] = '-';
        cf_buf_add(b, tmp + i, sizeof tmp - (size_t)i);
        return;
    }
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.*g", 17, v);
    cf_buf_add(b, tmp, n > 0 ? (size_t)n : 0);
}

/* s escaped for HTML (xml 0) or XML 1.0 (xml 1: line ends and tabs as
 * character references, the other C0 controls, which XML forbids, as ?). */
static void markup(cf_buf *b, const char *s, int xml)
{
    for (const char *run = s;; s++) {
        unsigned char c = (unsigned char)*s;
        const char *rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;"
                        : c == '\'' ? "&#39;" : NULL;
        if (xml && !rep)
            rep = c == '\n' ? "&#10;" : c == '\r' ? "&#13;" : c == '\t' ? "&#9;"
                : c && (c < 0x20 || c == 0x7f) ? "?" : NULL;
        if (!rep && *s)
            continue;
        cf_buf_add(b, run, (size_t)(s - run));
        if (!*s)
            return;
        cf_buf_puts(b, rep);
        run = s + 1;
    }
}

void cf_buf_html(cf_buf *b, const char *s)
{
    markup(b, s, 0);
}

static int is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* The length of what starts at s[0..n) when a terminal may show it: a
 * printable ASCII byte or UTF-8 character; 0 for a control character, C0
 * or C1 (U+0080 to U+009F: CSI and OSC among them) or bidirectional
 * (U+202A to U+202E, U+2066 to U+2069), and for a byte that is
 * not UTF-8 (a lone 0x9B is CSI to an 8-bit terminal).  Either way *len is
 * how many bytes it takes. */
int cf_shown_len(const char *s, size_t n, size_t *len)
{
    unsigned char c = (unsigned char)*s;
    *len = 1;
    if (c < 0x80)
        return !is_control(c);
    uint32_t cp;
    size_t k = cf_utf8_decode((const unsigned char *)s, n, &cp);
    if (!k)
        return 0;
    *len = k;
    /* the bidirectional controls reorder what follows them on a line, so
     * that a name can show as another */
    return cp > 0x9f && !(cp >= 0x202a && cp <= 0x202e) && !(cp >= 0x2066 && cp <= 0x2069);
}

void cf_text_shown(char *s)
{
    size_t n = strlen(s), len;
    for (size_t i = 0; i < n; i += len)
        if (!cf_shown_len(s + i, n - i, &len))
            memset(s + i, '?', len);
}

void cf_buf_shown(cf_buf *b, const char *s, size_t n)
{
    size_t len;
    for (size_t i = 0; i < n; i += len) {
        if (cf_shown_len(s + i, n - i, &len))
            cf_buf_add(b, s + i, len);
        else
            cf_buf_putc(b, '?');
    }
}

void cf_buf_xml(cf_buf *b, const char *s)
{
    markup(b, s, 1);
}

void cf_buf_shown_str(cf_buf *b, const char *s)
{
    cf_buf_shown(b, s, strlen(s));
}

void cf_buf_md(cf_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<')
            cf_buf_puts(b, "&lt;");
        else if (*s == '>')
            cf_buf_puts(b, "&gt;");
        else if (*s == '&')
            cf_buf_puts(b, "&amp;");
        else if (*s == '\n' || *s == '\r')
            cf_buf_putc(b, ' ');
        else if (is_control((unsigned char)*s))
            cf_buf_putc(b, '?');
        else {
            if (strchr("\\`*_[]|#", *s))
                cf_buf_putc(b, '\\');
            cf_buf_putc(b, *s);
        }
    }
}

/* Wraps text to width columns, each line starting with indent spaces. */
void cf_buf_wrap(cf_buf *b, const char *text, int indent, int width)
{
    int col = indent;
    const char *s = text ? text : "";   /* a text that memory ran out for */
    for (int i = 0; i < indent; i++)
        cf_buf_putc(b, ' ');
    while (*s) {
        size_t n = strcspn(s, " ");
        if (col > indent && col + 1 + (int)n > width) {
            cf_buf_putc(b, '\n');
            for (int i = 0; i < indent; i++)
                cf_buf_putc(b, ' ');
            col = indent;
        } else if (col > indent) {
            cf_buf_putc(b, ' ');
            col++;
        }
        cf_buf_add(b, s, n);
        col += (int)n;
        s += n;
        while (*s == ' ')
            s++;
    }
    cf_buf_putc(b, '\n');
}

void cf_buf_pad(cf_buf *b, const char *s, int width)
{
    int cols = 0;
    const char *p = s;
    size_t n = strlen(s), len;
    while (*p && cols < width) {
        if (cf_shown_len(p, n - (size_t)(p - s), &len))
            cf_buf_add(b, p, len);
        else
            cf_buf_putc(b, '?');
        p += len;
        cols++;
    }
    for (; cols < width; cols++)
        cf_buf_putc(b, ' ');
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

int cf_csv_formula_like(const char *s)
{
    return *s && strchr("=+-@\t\r", *s) != NULL;
}

char *cf_csv_field(const char *s, int always)
{
    cf_buf b = {0};
    cf_buf_csv_field(&b, s, always);
    char *out = NULL;
    return cf_buf_finish(&b, &out, NULL) == CF_OK ? out : NULL;
}

void cf_buf_csv(cf_buf *b, const char *s)
{
    cf_buf_csv_field(b, s, 0);
}

/* Whether s[i] starts a formula in a spreadsheet that splits the line at
 * a separator of another locale (';', a tab) or at a comma, its quotes
 * aside: a trigger right after one. */
static int formula_after_separator(const char *s, size_t i)
{
    return i > 0 && strchr(",;\t", s[i - 1]) && strchr("=+-@", s[i]);
}

void cf_buf_csv_field(cf_buf *b, const char *s, int always)
{
    int inner = 0;
    for (size_t i = 1; s[0] && s[i] && !inner; i++)
        inner = formula_after_separator(s, i);
    int quoted = always || inner || strpbrk(s, ",\"\r\n") != NULL;
    if (quoted)
        cf_buf_putc(b, '"');
    if (cf_csv_formula_like(s))
        cf_buf_putc(b, '\'');
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '"')
            cf_buf_putc(b, '"');
        else if (inner && formula_after_separator(s, i))
            cf_buf_putc(b, '\'');   /* "Ann;=cmd" is "Ann;'=cmd": text wherever it is split */
        cf_buf_putc(b, s[i]);
    }
    if (quoted)
        cf_buf_putc(b, '"');
}

/* A phone number as written: only digits and what phone numbers are
 * written with ("+1 (469) 555-0172 ext. 4"). */
static int phone_like(const char *s)
{
    int digits = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            digits++;
        else if (!strchr("+-() ./extEXT#", *s))
            return 0;
    }
    return digits >= 3;
}

void cf_buf_csv_phone(cf_buf *b, const char *s)
{
    if (!cf_csv_formula_like(s) || !phone_like(s)) {
        cf_buf_csv(b, s);
        return;
    }
    /* "+1 469 555 0172" is a formula to a spreadsheet, and a ' before it
     * shows in LibreOffice's cells: a word joiner (U+2060, which no
     * spreadsheet shows) starts the cell instead, so that it reads as
     * written and is never evaluated */
    cf_buf_puts(b, "\xe2\x81\xa0");
    cf_buf_puts(b, s);
}

int cf_text_cols(const char *s)
{
    /* a column for each character as cf_buf_pad writes it: a byte that is
     * not UTF-8 is one (a ?) */
    size_t n = strlen(s), len;
    int cols = 0;
    for (size_t i = 0; i < n; i += len, cols++)
        cf_shown_len(s + i, n - i, &len);
    return cols;
}

void cf_buf_drop(cf_buf *b, cf_buf *tmp)
{
    b->oom |= tmp->oom;
    cf_buf_free(tmp);
}
