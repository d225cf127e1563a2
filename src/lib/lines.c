/* Styled lines, and the reader of plain text and Markdown resumes. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lines.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

int cf_slines_add(cf_slines *L, const cf_sline *proto, const char *text, size_t len)
{
    while (len && is_space((unsigned char)*text)) {
        text++;
        len--;
    }
    while (len && is_space((unsigned char)text[len - 1]))
        len--;
    /* a no-break space (U+00A0) at either end is space too */
    while (len >= 2 && (unsigned char)text[0] == 0xC2 && (unsigned char)text[1] == 0xA0) {
        text += 2;
        len -= 2;
    }
    while (len >= 2 && (unsigned char)text[len - 2] == 0xC2 && (unsigned char)text[len - 1] == 0xA0)
        len -= 2;
    if (!len)
        return 0;
    cf_sline *v = cf_grow(L->v, &L->cap, L->n + 1, sizeof *v);
    char *t = v ? cf_strndup(text, len) : NULL;
    if (!t) {
        if (v)
            L->v = v;
        L->oom = 1;
        return -1;
    }
    L->v = v;
    v[L->n] = *proto;
    v[L->n].text = t;
    L->n++;
    return 0;
}

/* The characters (code points) of s[0..n). */
static size_t chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

int cf_slines_add_split(cf_slines *L, cf_sline *proto, const char *s, size_t n, const unsigned char *bold)
{
    size_t start = 0;
    double x0 = proto->x;
    for (size_t i = 0; i <= n; i++) {
        size_t gap = 0;
        while (i + gap < n && (s[i + gap] == ' ' || s[i + gap] == '\t'))
            gap += s[i + gap] == '\t' ? 4 : 1;
        if (i == n || gap >= 3) {
            size_t before = L->n;
            if (bold) {
                /* bold when every letter of the piece is */
                proto->bold = 0;
                for (size_t k = start; k < i; k++)
                    if (s[k] != ' ' && s[k] != '\t') {
                        proto->bold = bold[k];
                        if (!bold[k])
                            break;
                    }
            }
            if (proto->w) {   /* plain text: where each piece starts, in characters */
                proto->x = x0 + (double)chars(s, start);
                proto->w = (double)chars(s + start, i - start);
            }
            /* a piece after the first may have a bullet of its own
             * ("- CPT     - ICD-10-CM     - HCPCS") */
            unsigned char list = proto->list;
            size_t mark = start ? cf_bullet(s + start, i - start) : 0;
            if (mark)
                proto->list = 1;
            int r = cf_slines_add(L, proto, s + start + mark, i - start - mark);
            proto->list = list;
            if (r)
                return -1;
            if (L->n > before) {
                cf_unspace(L->v[L->n - 1].text);
                proto->col++;
            }
            while (i < n && (s[i] == ' ' || s[i] == '\t'))
                i++;
            start = i;
            if (i == n)
                break;
        }
    }
    return 0;
}

void cf_slines_free(cf_slines *L)
{
    for (size_t i = 0; i < L->n; i++)
        cf_free(L->v[i].text);
    cf_free(L->v);
    memset(L, 0, sizeof *L);
}

/* "P R O F E S S I O N A L   S U M M A R Y": a heading set with its
 * letters spaced out, put back together ("PROFESSIONAL SUMMARY"): four
 * pieces or more, four in five of one or two letters, no lower case. */
void cf_unspace(char *s)
{
    size_t tokens = 0, single = 0;
    for (const char *p = s; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            return;
    for (char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t n = 0;
        while (p[n] && p[n] != ' ')
            n++;
        tokens++;
        single += n <= 2;
        p += n;
    }
    if (tokens < 4 || single * 10 < tokens * 8)
        return;
    size_t k = 0;
    for (size_t i = 0; s[i];) {
        if (s[i] != ' ') {
            s[k++] = s[i++];
            continue;
        }
        size_t n = 0;
        while (s[i + n] == ' ')
            n++;
        /* a wide gap is a word's end, and so is an "&" ("E D U C AT I O N
         * & T R A I N I N G") */
        int amp = s[i + n] == '&' || (k && s[k - 1] == '&');
        if ((n >= 2 || amp) && k)
            s[k++] = ' ';
        i += n;
    }
    s[k] = '\0';
}

/* ---- columns ------------------------------------------------------------------ */

/* Whether a piece is running text rather than a date: a dozen letters or
 * more and two digits at most. */
static int texty(const char *s)
{
    int letters = 0, digits = 0;
    for (; *s; s++) {
        letters += isalpha((unsigned char)*s) != 0;
        digits += isdigit((unsigned char)*s) != 0;
    }
    return letters >= 12 && digits <= 2;
}

/* How good a gutter at x is for the pieces v[0..n) of a page, 0 when it is
 * none (cf_slines_columns says what makes one); *band: the last line of
 * the band across the top. */
static size_t gutter_score(const cf_sline *v, size_t n, double x, unsigned *band)
{
    unsigned cross = 0, first_right = UINT32_MAX;
    int crossed = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].x < x && v[i].x + v[i].w > x && (!crossed || v[i].line > cross)) {
            cross = v[i].line;
            crossed = 1;
        }
        if (v[i].x >= x && v[i].line < first_right)
            first_right = v[i].line;
    }
    if (crossed && cross >= first_right)
        return 0;
    size_t left = 0, right = 0, alone = 0;
    for (size_t i = 0; i < n; i++) {
        if (crossed && v[i].line <= cross)
            continue;
        if (v[i].x < x) {
            left++;
            continue;
        }
        right++;
        int paired = 0;
        for (size_t j = 0; j < n && !paired; j++)
            paired = v[j].x < x && v[j].line == v[i].line;
        alone += !paired || texty(v[i].text);
    }
    if (left < 5 || right < 5 || alone * 2 < right)
        return 0;
    *band = crossed ? cross : 0;
    return left < right ? left : right;
}

static int region_cmp(const void *a, const void *b)
{
    const cf_sline *x = a, *y = b;
    return (x->region > y->region) - (x->region < y->region);
}

void cf_slines_columns(cf_slines *L)
{
    for (size_t p = 0; p < L->n;) {
        size_t q = p;
        double lo = 1e18, hi = -1e18;
        while (q < L->n && L->v[q].page == L->v[p].page) {
            if (L->v[q].x < lo)
                lo = L->v[q].x;
            if (L->v[q].x + L->v[q].w > hi)
                hi = L->v[q].x + L->v[q].w;
            q++;
        }
        double best_x = 0;
        unsigned best_band = 0;
        size_t best = 0;
        for (size_t i = p; i < q; i++) {
            double x = L->v[i].x;
            unsigned band;
            if (x < lo + (hi - lo) / 5)   /* a column is a fifth of the page at least */
                continue;
            size_t sc = gutter_score(L->v + p, q - p, x, &band);
            if (sc > best || (sc == best && sc && x < best_x)) {
                best = sc;
                best_x = x;
                best_band = band;
            }
        }
        if (best) {
            for (size_t i = p; i < q; i++)
                L->v[i].region = L->v[i].line <= best_band ? 0 : L->v[i].x < best_x ? 1 : 2;
            cf_sort_stable(L->v + p, q - p, sizeof *L->v, region_cmp);
        }
        p = q;
    }
}

/* ---- bytes to UTF-8 ------------------------------------------------------ */

/* Windows-1252's 0x80..0x9F (0: not assigned, shown as U+FFFD). */
static const unsigned short cp1252[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
    0x0178,
};

static int valid_utf8(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = cf_utf8_decode(p + i, n - i, &cp);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

static void put_cp(cf_buf *b, uint32_t cp)
{
    unsigned char u[4];
    size_t k = cf_utf8_encode(cp, u);
    cf_buf_add(b, (const char *)u, k);
}

/* The text as UTF-8 in b, a byte order mark taken off. */
static void to_utf8(cf_buf *b, const unsigned char *p, size_t n)
{
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        int le = p[0] == 0xFF;
        for (size_t i = 2; i + 1 < n; i += 2) {
            uint32_t u = le ? (uint32_t)(p[i] | p[i + 1] << 8) : (uint32_t)(p[i] << 8 | p[i + 1]);
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < n) {
                uint32_t lo = le ? (uint32_t)(p[i + 2] | p[i + 3] << 8) : (uint32_t)(p[i + 2] << 8 | p[i + 3]);
                if (lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                } else {
                    u = 0xFFFD;
                }
            } else if (u >= 0xD800 && u < 0xE000) {
                u = 0xFFFD;
            }
            put_cp(b, u ? u : 0xFFFD);
        }
        return;
    }
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3;
        n -= 3;
    }
    if (valid_utf8(p, n)) {
        cf_buf_add(b, (const char *)p, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c < 0x80)
            cf_buf_putc(b, (char)c);
        else if (c < 0xA0)
            put_cp(b, cp1252[c - 0x80] ? cp1252[c - 0x80] : 0xFFFD);
        else
            put_cp(b, c);
    }
}

/* ---- lines ----------------------------------------------------------------- */

size_t cf_bullet(const char *s, size_t n)
{
    /* • ● ▪ – · ◦ ✓ ✔ ▸ ► ➤ → and - * + o (not ◆ or ✦, which mark headings
     * as often as items) */
    static const char *const marks[] = {"\xe2\x80\xa2", "\xe2\x97\x8f", "\xe2\x96\xaa", "\xe2\x80\x93", "\xc2\xb7",
                                        "\xe2\x97\xa6", "\xe2\x9c\x93", "\xe2\x9c\x94", "\xe2\x96\xb8", "\xe2\x96\xba",
                                        "\xe2\x9e\xa4", "\xe2\x86\x92", "-", "*", "+", "o", NULL};
    for (int i = 0; marks[i]; i++) {
        size_t k = strlen(marks[i]);
        if (n > k && memcmp(s, marks[i], k) == 0 && (s[k] == ' ' || s[k] == '\t')) {
            while (k < n && (s[k] == ' ' || s[k] == '\t'))
                k++;
            return k;
        }
    }
    return 0;
}

/* Markdown's inline marks taken off: **, __, `, and a link's <...>. */
static size_t unmark(char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if ((s[i] == '*' || s[i] == '_') && i + 1 < n && s[i + 1] == s[i]) {
            i++;
            continue;
        }
        if (s[i] == '`' || s[i] == '<' || s[i] == '>')
            continue;
        s[k++] = s[i];
    }
    return k;
}

/* One line of the file, split into pieces at gaps of three spaces or more. */
static int add_line(cf_slines *L, cf_sline *proto, char *s, size_t n, int markdown)
{
    size_t lead = 0;
    while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
        lead++;
    s += lead;
    n -= lead;
    proto->x = (double)lead;
    proto->w = 1;   /* each piece's x and w counted (cf_slines_add_split) */
    proto->list = 0;
    proto->heading = 0;
    proto->bold = 0;
    proto->italic = 0;
    proto->col = 1;
    if (markdown) {
        size_t h = 0;
        while (h < n && s[h] == '#')
            h++;
        if (h && h <= 6 && h < n && s[h] == ' ') {
            proto->heading = (unsigned char)(h > 3 ? 3 : h);
            s += h + 1;
            n -= h + 1;
        }
        if (n >= 4 && s[0] == '*' && s[1] == '*' && s[n - 1] == '*' && s[n - 2] == '*')
            proto->bold = 1;
        else if (n >= 2 && (s[0] == '*' || s[0] == '_') && s[n - 1] == s[0] && s[1] != s[0])
            proto->italic = 1;
        if (proto->italic) {
            s++;
            n -= 2;
        }
    }
    size_t b = cf_bullet(s, n);
    if (b && !(markdown && s[0] == '*' && proto->bold)) {
        proto->list = 1;
        s += b;
        n -= b;
    }
    if (markdown)
        n = unmark(s, n);
    return cf_slines_add_split(L, proto, s, n, NULL);
}

int cf_lines_from_text(const char *bytes, size_t len, int markdown, cf_slines *L)
{
    cf_buf b = {0};
    to_utf8(&b, (const unsigned char *)bytes, len);
    if (b.oom) {
        cf_buf_free(&b);
        return -1;
    }
    cf_sline proto;
    memset(&proto, 0, sizeof proto);
    proto.page = 1;
    if (!b.s) {
        cf_buf_free(&b);
        return 0;
    }
    char *s = b.s;
    size_t n = b.len, at = 0;
    unsigned line = 0;
    while (at < n) {
        size_t end = at;
        while (end < n && s[end] != '\n' && s[end] != '\f')
            end++;
        line++;
        proto.line = line;
        if (add_line(L, &proto, s + at, end - at, markdown)) {
            cf_buf_free(&b);
            return -1;
        }
        if (end < n && s[end] == '\f') {   /* a form feed: the next page */
            proto.page++;
            line = 0;
        }
        at = end + 1;
    }
    cf_buf_free(&b);
    return 0;
}
