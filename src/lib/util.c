/* Small shared helpers: positions, hashing, edit distance, tokens. */
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

static int is_tok(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

int cf_tokenize(const char *s, cf_token_fn fn, void *ctx)
{
    char tok[64];
    size_t index = 0;
    while (*s) {
        while (*s && !is_tok((unsigned char)*s))
            s++;
        if (!*s)
            break;
        size_t n = 0;
        while (is_tok((unsigned char)*s)) {
            unsigned char c = (unsigned char)*s++;
            if (n < sizeof tok)
                tok[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        int r = fn(ctx, tok, n, index++);
        if (r)
            return r;
    }
    return 0;
}

struct phrase_ctx {
    char want[16][64];
    size_t want_n[16];
    size_t nwant;
    size_t matched;   /* tokens of the phrase matched so far */
    size_t starts[16];
};

static int split_phrase(const char *phrase, struct phrase_ctx *p)
{
    p->nwant = 0;
    const char *s = phrase;
    while (*s && p->nwant < 16) {
        while (*s == ' ')
            s++;
        size_t n = strcspn(s, " ");
        if (n == 0)
            break;
        if (n > 63)
            n = 63;
        memcpy(p->want[p->nwant], s, n);
        p->want_n[p->nwant++] = n;
        s += n;
    }
    return p->nwant > 0;
}

static int phrase_step(void *ctx, const char *tok, size_t n, size_t index)
{
    struct phrase_ctx *p = ctx;
    (void)index;
    /* Naive restart is enough: phrases are short and never self-overlap in
     * practice; on a mismatch we retry this token as a phrase start. */
    for (;;) {
        if (n == p->want_n[p->matched] && memcmp(tok, p->want[p->matched], n) == 0) {
            if (++p->matched == p->nwant)
                return 1;
            return 0;
        }
        if (p->matched == 0)
            return 0;
        p->matched = 0;
    }
}

int cf_text_has_phrase(const char *text, const char *phrase)
{
    struct phrase_ctx p;
    if (!text || !split_phrase(phrase, &p))
        return 0;
    p.matched = 0;
    return cf_tokenize(text, phrase_step, &p) == 1;
}

static int norm_step(void *ctx, const char *tok, size_t n, size_t index)
{
    (void)index;
    cf_buf_add(ctx, tok, n);
    cf_buf_putc(ctx, ' ');
    return 0;
}

char *cf_norm(const char *s)
{
    cf_buf b = {0};
    char *out;
    cf_buf_putc(&b, ' ');
    cf_tokenize(s ? s : "", norm_step, &b);
    return cf_buf_finish(&b, &out, NULL) == CF_OK ? out : NULL;
}

int cf_norm_has(const char *norm, const char *phrase)
{
    /* norm is " tok tok ... ": a match starts after a space and ends
     * before one */
    size_t n = strlen(phrase);
    for (const char *p = norm; (p = strstr(p, phrase)); p++)
        if (p > norm && p[-1] == ' ' && p[n] == ' ')
            return 1;
    return 0;
}
