/* Small shared helpers: positions, hashing, edit distance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void cf_text_position(const char *text, size_t off, unsigned first_line,
                      unsigned *line, unsigned *col)
{
    unsigned l = first_line;
    size_t bol = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            l++;
            bol = i + 1;
        }
    *line = l;
    *col = (unsigned)(off - bol) + 1;
}

uint64_t cf_fnv1a(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static void sip_round(uint64_t v[4])
{
    v[0] += v[1];
    v[1] = ROTL(v[1], 13) ^ v[0];
    v[0] = ROTL(v[0], 32);
    v[2] += v[3];
    v[3] = ROTL(v[3], 16) ^ v[2];
    v[0] += v[3];
    v[3] = ROTL(v[3], 21) ^ v[0];
    v[2] += v[1];
    v[1] = ROTL(v[1], 17) ^ v[2];
    v[2] = ROTL(v[2], 32);
}

/* Two rounds for each eight bytes of the message, little-endian, then the
 * last bytes with the length in the top byte; four rounds to finish. */
uint64_t cf_siphash(const uint64_t k[2], const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t v[4] = {k[0] ^ 0x736f6d6570736575ULL, k[1] ^ 0x646f72616e646f6dULL,
                     k[0] ^ 0x6c7967656e657261ULL, k[1] ^ 0x7465646279746573ULL};
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t m = 0;
        for (int j = 7; j >= 0; j--)
            m = m << 8 | p[i + (size_t)j];
        v[3] ^= m;
        sip_round(v);
        sip_round(v);
        v[0] ^= m;
    }
    uint64_t last = (uint64_t)n << 56;
    for (size_t j = 0; i + j < n; j++)
        last |= (uint64_t)p[i + j] << (8 * j);
    v[3] ^= last;
    sip_round(v);
    sip_round(v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for (int r = 0; r < 4; r++)
        sip_round(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* The slot of s[0..len): where it is, or the empty one where it would go. */
static size_t strset_slot(const cf_strset *set, const char *s, size_t len)
{
    size_t j = (size_t)cf_fnv1a(s, len, CF_FNV_INIT) & (set->nslots - 1);
    while (set->slot[j] && !(strlen(set->slot[j]) == len && memcmp(set->slot[j], s, len) == 0))
        j = (j + 1) & (set->nslots - 1);
    return j;
}

/* Where s[0..len) is in the set, added unless it was (*was_in says which);
 * -1 when memory ran out. */
static long strset_put(cf_strset *set, const char *s, size_t len, int *was_in)
{
    if (!set->nslots || set->n >= set->nslots / 2) {
        /* doubled when half full */
        size_t old = set->nslots, ns = old ? old * 2 : 256;
        char **was = set->slot, **v = cf_calloc(ns, sizeof *v);
        size_t *wasval = set->val, *val = cf_calloc(ns, sizeof *val);
        if (!v || !val) {
            cf_free(v);
            cf_free(val);
            return -1;
        }
        set->slot = v;
        set->val = val;
        set->nslots = ns;
        for (size_t i = 0; i < old; i++)
            if (was[i]) {
                size_t j = strset_slot(set, was[i], strlen(was[i]));
                set->slot[j] = was[i];
                set->val[j] = wasval[i];
            }
        cf_free(was);
        cf_free(wasval);
    }
    size_t j = strset_slot(set, s, len);
    if ((*was_in = set->slot[j] != NULL))
        return (long)j;
    char *c = cf_malloc(len + 1);
    if (!c)
        return -1;
    memcpy(c, s, len);
    c[len] = '\0';
    set->slot[j] = c;
    set->val[j] = 0;
    set->n++;
    return (long)j;
}

int cf_strset_add(cf_strset *set, const char *s, size_t len, const char **kept)
{
    int in;
    long j = strset_put(set, s, len, &in);
    if (j < 0)
        return -1;
    if (kept)
        *kept = set->slot[j];
    return in;
}

size_t *cf_strset_val(cf_strset *set, const char *s, size_t len, int *was_in)
{
    int in;
    long j = strset_put(set, s, len, &in);
    if (was_in)
        *was_in = in;
    return j < 0 ? NULL : &set->val[j];
}

size_t *cf_strset_find(const cf_strset *set, const char *s, size_t len)
{
    if (!set->nslots)
        return NULL;
    size_t j = strset_slot(set, s, len);
    return set->slot[j] ? &set->val[j] : NULL;
}

void cf_strset_free(cf_strset *set)
{
    for (size_t i = 0; i < set->nslots; i++)
        cf_free(set->slot[i]);
    cf_free(set->slot);
    cf_free(set->val);
    *set = (cf_strset){0};
}

size_t cf_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void cf_indexed(char *buf, const char *name, int i)
{
    size_t n = strlen(name);
    char num[12];
    int k = sizeof num;
    unsigned v = i < 0 ? 0 : (unsigned)i;
    memcpy(buf, name, n);
    do
        num[--k] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    buf[n++] = '[';
    memcpy(buf + n, num + k, sizeof num - (size_t)k);
    n += sizeof num - (size_t)k;
    buf[n++] = ']';
    buf[n] = '\0';
}

void cf_sort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    unsigned char tmp[128], *v = base;
    if (size > sizeof tmp)
        return;
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && cmp(v + (j - 1) * size, v + i * size) > 0)
            j--;
        if (j == i)
            continue;
        memcpy(tmp, v + i * size, size);
        memmove(v + (j + 1) * size, v + j * size, (i - j) * size);
        memcpy(v + j * size, tmp, size);
    }
}

double cf_shown(double v)
{
    v = round(v * 10) / 10;
    return v == 0 ? 0 : v;
}

int cf_tenths(double v)
{
    long t = lround(v * 10);
    return t < 0 ? 0 : t > 1000 ? 1000 : (int)t;
}

int cf_holds(const char *text, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (text[i] == needle[0] && memcmp(text + i, needle, n) == 0)
            return 1;
    return 0;
}

size_t cf_utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp)
{
    unsigned c = p[0];
    size_t n;
    uint32_t v;
    if (c < 0x80) {
        *cp = c;
        return avail ? 1 : 0;
    }
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, v = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, v = c & 0x07;
    else
        return 0;
    if (n > avail)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *cp = v;
    return n;
}

size_t cf_utf8_encode(uint32_t cp, unsigned char out[4])
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    size_t n = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (size_t b = n - 1; b > 0; b--, cp >>= 6)
        out[b] = (unsigned char)(0x80 | (cp & 0x3F));
    out[0] = (unsigned char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    return n;
}

char *cf_origin_name(const char *path, unsigned line)
{
    if (!line)
        return cf_strdup(path);
    size_t n = strlen(path) + 12;
    char *s = cf_malloc(n);
    if (s)
        snprintf(s, n, "%s:%u", path, line);
    return s;
}

void cf_origin_split(const char *name, size_t *path_len, unsigned *line)
{
    size_t n = strlen(name), i = n;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9')
        i--;
    *path_len = n;
    *line = 0;
    if (i < n && i > 1 && name[i - 1] == ':' && n - i < 10) {
        *path_len = i - 1;
        *line = (unsigned)strtoul(name + i, NULL, 10);
    }
}

int cf_decimal_parse(const char *s, size_t n, double lo, double hi, double *out)
{
    size_t i = s[0] == '+' || s[0] == '-', digits = 0, k;
    for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
        ;
    digits = k - i, i = k;
    if (i < n && s[i] == '.') {
        for (k = ++i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
            ;
        digits += k - i, i = k;
    }
    if (!digits || n > 63)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i += 1 + (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'));
        for (k = i; k < n && s[k] >= '0' && s[k] <= '9'; k++)
            ;
        if (k == i)
            return 0;
        i = k;
    }
    if (i != n)
        return 0;
    char tmp[64];
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    double v = strtod(tmp, NULL);
    if (!(v >= lo && v <= hi))   /* also false for a NaN */
        return 0;
    *out = v;
    return 1;
}

int cf_whole_parse(const char *s, long long lo, long long hi, long long *out)
{
    size_t n = strspn(s, "0123456789");
    if (!n || s[n] || n > 18)
        return 0;
    long long v = strtoll(s, NULL, 10);
    if (v < lo || v > hi)
        return 0;
    *out = v;
    return 1;
}

void cf_buf_colored(cf_buf *b, int color, const char *on, const char *s)
{
    if (color)
        cf_buf_puts(b, on);
    cf_buf_puts(b, s);
    if (color)
        cf_buf_puts(b, C_RESET);
}

size_t cf_source_key(const char *src, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (src[i] == '/' && k && out[k - 1] == '/') {
            i++;
        } else if (src[i] == '.' && (k == 0 || out[k - 1] == '/') && i + 1 < n && src[i + 1] == '/') {
            i += 2;
        } else {
            out[k++] = src[i++];
        }
    }
    out[k] = '\0';
    return k;
}
