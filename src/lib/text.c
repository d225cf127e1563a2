/* Text as people type it: words for term matching and phrase tables, and
 * sentences (words, numbers, percentages, breaks) for the importer.
 *
 * Both read UTF-8 through one character table, without the locale: Unicode
 * spaces and punctuation (no-break spaces, hyphens and dashes, curly quotes,
 * bullets, trademark and copyright signs, arrows, emoji) separate words as a
 * reader takes them to; letters of the Latin, Greek and Cyrillic alphabets
 * are lowercased; a soft hyphen, a zero-width joiner or a variation selector
 * inside a word is skipped.  Bytes that are not UTF-8 stay inside words, as
 * they always did.
 *
 * Two habits of coders are read as they mean them: a single letter, a slash
 * or an ampersand and a single letter is one word ("E/M", "E&M" and "e/m"
 * are "em"), and a short part after a slash replaces the last part of the
 * hyphenated word before it ("ICD-10-CM/PCS" is ICD-10-CM and ICD-10-PCS).
 * An ampersand between words reads as "and". */
#include <string.h>
#include "internal.h"

/* Character classes. */
enum {
    CH_END, CH_WORD, CH_SPACE, CH_HYPHEN, CH_SLASH, CH_AMP, CH_BREAK, CH_SOFT, CH_DOT,
    CH_PERCENT, CH_DOLLAR, CH_IGNORE, CH_PUNCT
};

/* ASCII: classes and lowercase. */
static const unsigned char ascii_class[128] = {
    /* controls: tab and the like are spaces, line ends are breaks */
    CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE,
    CH_SPACE, CH_SPACE, CH_BREAK, CH_SPACE, CH_SPACE, CH_BREAK, CH_SPACE, CH_SPACE,
    CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE,
    CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE, CH_SPACE,
    /*  ! " # $ % & ' */
    CH_SPACE, CH_BREAK, CH_PUNCT, CH_PUNCT, CH_DOLLAR, CH_PERCENT, CH_AMP, CH_PUNCT,
    /* ( ) * + , - . / */
    CH_PUNCT, CH_PUNCT, CH_PUNCT, CH_PUNCT, CH_SOFT, CH_HYPHEN, CH_DOT, CH_SLASH,
    CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    /* 8 9 : ; < = > ? */
    CH_WORD, CH_WORD, CH_SOFT, CH_BREAK, CH_PUNCT, CH_PUNCT, CH_PUNCT, CH_BREAK,
    /* @ A-O */
    CH_PUNCT, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    /* P-Z [ \ ] ^ _ */
    CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    CH_WORD, CH_WORD, CH_WORD, CH_PUNCT, CH_PUNCT, CH_PUNCT, CH_PUNCT, CH_PUNCT,
    /* ` a-o */
    CH_PUNCT, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    /* p-z { | } ~ DEL */
    CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD, CH_WORD,
    CH_WORD, CH_WORD, CH_WORD, CH_PUNCT, CH_BREAK, CH_PUNCT, CH_PUNCT, CH_SPACE,
};

/* Code points that are not letters, in ranges (sorted, inclusive); every
 * other code point is part of a word. */
static const struct range {
    uint32_t lo, hi;
    unsigned char cls;
} ranges[] = {
    {0x0080, 0x009F, CH_SPACE},    /* C1 controls */
    {0x00A0, 0x00A0, CH_SPACE},    /* no-break space */
    {0x00A1, 0x00A9, CH_PUNCT},    /* inverted !, currency, section sign, (c) */
    {0x00AA, 0x00AA, CH_WORD},     /* feminine ordinal */
    {0x00AB, 0x00AC, CH_PUNCT},
    {0x00AD, 0x00AD, CH_IGNORE},   /* soft hyphen */
    {0x00AE, 0x00B4, CH_PUNCT},    /* (R), macron, degree, plus-minus, superscripts, acute */
    {0x00B5, 0x00B5, CH_WORD},     /* micro */
    {0x00B6, 0x00B6, CH_PUNCT},
    {0x00B7, 0x00B7, CH_BREAK},    /* middle dot, a bullet */
    {0x00B8, 0x00B9, CH_PUNCT},
    {0x00BA, 0x00BA, CH_WORD},     /* masculine ordinal */
    {0x00BB, 0x00BF, CH_PUNCT},
    {0x00D7, 0x00D7, CH_PUNCT},    /* multiplication sign */
    {0x00F7, 0x00F7, CH_PUNCT},    /* division sign */
    {0x02B9, 0x02FF, CH_PUNCT},    /* modifier apostrophes and accents */
    {0x037E, 0x037E, CH_BREAK},    /* Greek question mark */
    {0x0387, 0x0387, CH_PUNCT},
    {0x2000, 0x200B, CH_SPACE},    /* en quad .. zero-width space */
    {0x200C, 0x200F, CH_IGNORE},   /* joiners, direction marks */
    {0x2010, 0x2013, CH_HYPHEN},   /* hyphen, no-break hyphen, figure dash, en dash */
    {0x2014, 0x2015, CH_SOFT},     /* em dash, horizontal bar */
    {0x2016, 0x2021, CH_PUNCT},    /* double bar, quotes, daggers */
    {0x2022, 0x2025, CH_BREAK},    /* bullets, leaders */
    {0x2026, 0x2026, CH_BREAK},    /* ellipsis */
    {0x2027, 0x2027, CH_PUNCT},
    {0x2028, 0x2029, CH_BREAK},    /* line and paragraph separators */
    {0x202A, 0x202E, CH_IGNORE},   /* embedding controls */
    {0x202F, 0x202F, CH_SPACE},    /* narrow no-break space */
    {0x2030, 0x2031, CH_PERCENT},  /* per mille */
    {0x2032, 0x205E, CH_PUNCT},    /* primes, quotes, reference marks */
    {0x205F, 0x205F, CH_SPACE},
    {0x2060, 0x206F, CH_IGNORE},   /* word joiner, invisible operators */
    {0x2070, 0x209F, CH_PUNCT},    /* super- and subscripts */
    {0x20A0, 0x20CF, CH_DOLLAR},   /* currency signs */
    {0x20D0, 0x20FF, CH_IGNORE},   /* combining marks for symbols */
    {0x2100, 0x214F, CH_PUNCT},    /* letterlike symbols: TM, SM, No. */
    {0x2150, 0x218F, CH_PUNCT},    /* number forms */
    {0x2190, 0x21FF, CH_BREAK},    /* arrows, used as bullets */
    {0x2200, 0x23FF, CH_PUNCT},    /* mathematical operators, technical */
    {0x2212, 0x2212, CH_HYPHEN},   /* minus sign (inside the range above: see below) */
    {0x2400, 0x24FF, CH_PUNCT},    /* control pictures, enclosed letters */
    {0x2500, 0x25FF, CH_BREAK},    /* box drawing, blocks, geometric shapes (bullets) */
    {0x2600, 0x27BF, CH_BREAK},    /* symbols, dingbats (check marks, arrows) */
    {0x27C0, 0x2BFF, CH_PUNCT},    /* mathematical symbols, arrows */
    {0x2E00, 0x2E7F, CH_PUNCT},    /* supplemental punctuation */
    {0x3000, 0x3000, CH_SPACE},    /* ideographic space */
    {0x3001, 0x3003, CH_BREAK},    /* ideographic comma and full stop */
    {0x3004, 0x303F, CH_PUNCT},
    {0xFE00, 0xFE0F, CH_IGNORE},   /* variation selectors (emoji presentation) */
    {0xFE10, 0xFE1F, CH_PUNCT},
    {0xFE30, 0xFE6F, CH_PUNCT},
    {0xFEFF, 0xFEFF, CH_IGNORE},   /* zero-width no-break space */
    {0xFF01, 0xFF0F, CH_PUNCT},    /* fullwidth punctuation */
    {0xFF1A, 0xFF20, CH_PUNCT},
    {0xFF3B, 0xFF40, CH_PUNCT},
    {0xFF5B, 0xFF65, CH_PUNCT},
    {0xFFF9, 0xFFFD, CH_PUNCT},    /* specials, replacement character */
    {0x1F000, 0x1FAFF, CH_BREAK},  /* emoji and pictographs */
    {0xE0000, 0xE007F, CH_IGNORE}, /* tags */
    {0xE0100, 0xE01EF, CH_IGNORE}, /* variation selectors supplement */
};

static unsigned char cp_class(uint32_t cp)
{
    if (cp == 0x2212)
        return CH_HYPHEN;
    size_t lo = 0, hi = CF_ARRAY_LEN(ranges);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < ranges[mid].lo)
            hi = mid;
        else if (cp > ranges[mid].hi)
            lo = mid + 1;
        else
            return ranges[mid].cls;
    }
    return CH_WORD;
}

/* Lowercase of a letter outside ASCII, for the alphabets resumes use. */
static uint32_t cp_lower(uint32_t c)
{
    if (c < 0xC0)
        return c;
    if (c <= 0xDE)
        return c == 0xD7 ? c : c + 0x20;
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130)
            return 'i';
        if (c == 0x178)
            return 0xFF;
        int odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
            return c;
        if (odd_upper)
            return (c & 1) ? c + 1 : c;
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c;
}


/* The class of the character at p, its length in *len, and for a word
 * character its lowercase bytes in low (*nlow of them). */
static int char_at(const unsigned char *p, int *len, unsigned char *low, int *nlow)
{
    unsigned c = *p;
    if (c < 0x80) {
        *len = 1;
        if (!c)
            return CH_END;
        int cls = ascii_class[c];
        if (cls == CH_WORD) {
            low[0] = (unsigned char)(c >= 'A' && c <= 'Z' ? c | 32 : c);
            *nlow = 1;
        }
        return cls;
    }
    uint32_t cp;
    int n = (int)cf_utf8_decode(p, 4, &cp);   /* p is NUL-terminated */
    if (!n) {
        *len = 1;
        low[0] = (unsigned char)c;
        *nlow = 1;
        return CH_WORD;
    }
    *len = n;
    int cls = cp_class(cp);
    if (cls == CH_WORD)
        *nlow = (int)cf_utf8_encode(cp_lower(cp), low);
    return cls;
}

/* ---- words ----------------------------------------------------------------- */

/* What lay between two words: how many characters, the class of the first
 * and, when they were all of one class, that class; a bit per class seen. */
typedef struct gap {
    unsigned n;
    unsigned char first, only;
    unsigned seen;             /* 1 << class */
    const unsigned char *dot;  /* the last full stop */
} gap;

#define SEEN(g, cls) ((g).seen & (1u << (cls)))

typedef struct word {
    const unsigned char *start;
    char s[64];                /* lowercased, cut at 64 bytes */
    size_t n;
    uint64_t hash;
    size_t chars;              /* characters, uncut */
    int other;                 /* characters outside ASCII */
} word;

/* Whether w is all ASCII digits (asked of few words: not kept). */
static int all_digits(const word *w)
{
    if (w->other || !w->n || w->chars != w->n)
        return 0;
    for (size_t i = 0; i < w->n; i++)
        if (w->s[i] > '9')
            return 0;
    return 1;
}

static int is_word_class(int cls)
{
    return cls == CH_WORD || cls == CH_IGNORE;
}

/* ASCII letters and digits lowercased, 0 for any other byte below 0x80:
 * the fast path of words, which are nearly always ASCII (a test checks it
 * against ascii_class). */
static const unsigned char ascii_low[256] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
    0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x00, 0x00, 0x00, 0x00, 0x00,
    /* 0x80-0xff: not ASCII, read by char_at */
};

/* Skips to the next word, describing what it skipped in *g, and reads it
 * into *w.  Returns the position after the word, or NULL at the end (*g
 * then describes the trailing separators).  Inlined: it runs for every
 * word of every profile. */
static inline __attribute__((always_inline)) const unsigned char *next_word(const unsigned char *p, gap *g,
                                                                              word *w)
{
    unsigned char low[4];
    int len, nlow, cls;
    g->dot = NULL;
    /* the common case: one space, or none at the start */
    if (p[0] == ' ' && ascii_low[p[1]]) {
        g->n = 1;
        g->seen = 1u << CH_SPACE;
        g->first = g->only = CH_SPACE;
        p++;
        goto word;
    }
    g->n = 0;
    g->seen = 0;
    g->first = g->only = 0;
    for (;;) {
        unsigned c = *p;
        if (ascii_low[c])
            break;
        if (c < 0x80) {
            if (!c)
                return NULL;
            cls = ascii_class[c];
            len = 1;
        } else {
            cls = char_at(p, &len, low, &nlow);
            if (cls == CH_WORD)
                break;
            if (cls == CH_IGNORE) {
                p += len;
                continue;
            }
        }
        if (!g->n++)
            g->first = g->only = (unsigned char)cls;
        else if (g->only != cls)
            g->only = 0;
        g->seen |= 1u << cls;
        if (cls == CH_DOT)
            g->dot = p;
        p += len;
    }
word:
    w->start = p;
    /* locals, not w's fields: a char store may alias them */
    char *out = w->s;
    size_t n = 0;
    uint64_t h = CF_FNV_INIT;
    size_t chars = 0, other = 0;   /* characters; those outside ASCII */
    const unsigned char *ascii_from = p;
    for (;;) {
        unsigned char lc = ascii_low[*p];
        if (lc) {
            if (n < sizeof w->s) {
                out[n++] = (char)lc;
                h = (h ^ lc) * 0x100000001b3ULL;
            }
            p++;
            continue;
        }
        if (*p < 0x80)
            break;
        chars += (size_t)(p - ascii_from);
        cls = char_at(p, &len, low, &nlow);
        if (!is_word_class(cls)) {
            ascii_from = p;
            break;
        }
        if (cls == CH_WORD) {
            for (int i = 0; i < nlow; i++)
                if (n < sizeof w->s) {
                    out[n++] = (char)low[i];
                    h = (h ^ low[i]) * 0x100000001b3ULL;
                }
            chars++;
            other++;
        }
        p += len;
        ascii_from = p;
    }
    chars += (size_t)(p - ascii_from);
    w->n = n;
    w->hash = h;
    w->chars = chars;
    w->other = (int)other;
    /* "E/M", "E&M": a letter, a slash or ampersand and a letter, alone */
    if ((*p == '/' || *p == '&') && chars == 1 && !other && out[0] >= 'a') {
        unsigned c = p[1] | 32;
        if (c >= 'a' && c <= 'z') {
            int l2, n2;
            unsigned char tmp[4];
            int after = char_at(p + 2, &l2, tmp, &n2);
            if (!is_word_class(after)) {
                unsigned char b = (unsigned char)c;
                w->s[w->n++] = (char)b;
                w->hash = (w->hash ^ b) * 0x100000001b3ULL;
                w->chars = 2;
                p += 2;
            }
        }
    }
    return p;
}

/* The parts of the hyphenated word being read, kept (where each starts) to
 * expand a suffix after a slash: read again only then, which is rare. */
#define COMPOUND_PARTS 6

typedef struct compound {
    int n;                      /* parts; -1: too many to expand */
    const unsigned char *at[COMPOUND_PARTS];
} compound;

static void compound_add(compound *c, const word *w, int joined)
{
    if (!joined)
        c->n = 0;
    if (c->n < 0)
        return;
    if (c->n == COMPOUND_PARTS) {
        c->n = -1;
        return;
    }
    c->at[c->n++] = w->start;
}

#define AND_HASH 0xe6f79719051ff286ULL   /* cf_fnv1a("and", 3, CF_FNV_INIT) */

/* Bytes that need the full tokenizer when they stand between words: '/',
 * '&' and every byte beyond ASCII. */
static const unsigned char special[256] = {
    ['/'] = 1, ['&'] = 1,
    [0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static int tokenize_full(const char *s, cf_token_fn fn, void *ctx, size_t skip);

/* Nearly every field is plain ASCII with no slash and no ampersand: then
 * words are runs of letters and digits and nothing else applies.  Each word
 * is passed on once the separators after it are seen to be plain; at the
 * first that is not, the full tokenizer reads the text again from the
 * start, passing on only the words not passed yet (it gives the same words
 * up to there). */
int cf_tokenize(const char *s, cf_token_fn fn, void *ctx)
{
    const unsigned char *p = (const unsigned char *)s;
    char tok[64];
    size_t n = 0, passed = 0;
    uint64_t h = 0;
    int pending = 0, r;
    for (;;) {
        while (!ascii_low[*p]) {
            if (!*p)
                return pending ? fn(ctx, tok, n, h) : 0;
            if (special[*p])
                return tokenize_full(s, fn, ctx, passed);
            p++;
        }
        if (pending) {
            if ((r = fn(ctx, tok, n, h)) != 0)
                return r;
            passed++;
        }
        n = 0;
        h = CF_FNV_INIT;
        for (unsigned char c; (c = ascii_low[*p]) != 0; p++)
            if (n < sizeof tok) {
                tok[n++] = (char)c;
                h = (h ^ c) * 0x100000001b3ULL;
            }
        pending = 1;
    }
}

/* Calls fn, or not for the first *skip words. */
#define EMIT(tok, n, h)                                                                            \
    do {                                                                                           \
        if (skip)                                                                                  \
            skip--;                                                                                \
        else if ((r = fn(ctx, (tok), (n), (h))) != 0)                                              \
            return r;                                                                              \
    } while (0)

static int tokenize_full(const char *s, cf_token_fn fn, void *ctx, size_t skip)
{
    const unsigned char *p = (const unsigned char *)s;
    compound c = {0};
    gap g;
    word w;
    int have_prev = 0, r;
    size_t prev_n = 0;
    while ((p = next_word(p, &g, &w)) != NULL) {
        int joined = have_prev && g.n == 1 && g.only == CH_HYPHEN;
        if (have_prev && g.n == 1 && g.only == CH_SLASH && c.n >= 2 && prev_n <= 4 && w.n <= 4 &&
            !all_digits(&w)) {
            /* "ICD-10-CM/PCS": the parts before the last, again, then PCS */
            int hyphen_next = *p == '-' || (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x93);
            if (!hyphen_next) {
                int k = c.n - 1;
                for (int i = 0; i < k; i++) {
                    gap g2;
                    word part;
                    next_word(c.at[i], &g2, &part);
                    EMIT(part.s, part.n, part.hash);
                }
                c.n = k;
                joined = 1;
            }
        } else if (have_prev && SEEN(g, CH_AMP) && !SEEN(g, CH_BREAK)) {
            EMIT("and", 3, AND_HASH);
        }
        compound_add(&c, &w, joined);
        EMIT(w.s, w.n, w.hash);
        have_prev = 1;
        prev_n = w.n;
    }
    return 0;
}
#undef EMIT

/* ---- sentences ----------------------------------------------------------- */

/* "Sept." is not the end of a sentence. */
static int is_month_abbrev(const word *w)
{
    static const char m[] = "jan feb mar apr may jun jul aug sep oct nov dec ";
    if (w->n == 4)
        return memcmp(w->s, "sept", 4) == 0;
    if (w->n != 3)
        return 0;
    for (const char *p = m; *p; p += 4)
        if (p[0] == w->s[0] && p[1] == w->s[1] && p[2] == w->s[2])
            return 1;
    return 0;
}

/* Whether the full stop at p ends a sentence: a space or the end follows. */
static int dot_space(const unsigned char *p)
{
    unsigned char tmp[4];
    int l2, n2, c2 = char_at(p + 1, &l2, tmp, &n2);
    return c2 == CH_END || c2 == CH_SPACE || c2 == CH_BREAK;
}

static cf_lexeme *lx_push(cf_lexeme *out, size_t *n, size_t max, int kind, size_t off)
{
    if (*n == max)
        return NULL;
    cf_lexeme *l = &out[(*n)++];
    /* every field but the word's text, which only a word has */
    l->kind = (unsigned char)kind;
    l->n = l->joined = l->range = l->decimal = l->ndigits = 0;
    l->w[0] = '\0';
    l->hash = 0;
    l->num = l->num2 = 0;
    l->off = (unsigned)off;
    return l;
}

static double digits_value(const word *w)
{
    double v = 0;
    for (size_t i = 0; i < w->n; i++)
        v = v * 10 + (w->s[i] - '0');
    return v;
}

static void lx_word(cf_lexeme *l, const char *s, size_t n, uint64_t hash)
{
    size_t k = n < sizeof l->w ? n : sizeof l->w - 1;
    memcpy(l->w, s, k);
    l->w[k] = '\0';
    l->n = (unsigned char)(n < 255 ? n : 255);
    l->hash = hash;
}

size_t cf_lex(const char *s, cf_lexeme *out, size_t max)
{
    const unsigned char *base = (const unsigned char *)s, *p = base, *q;
    gap g;
    word w;
    size_t n = 0;
    int prev_month = 0;
    if (!s)
        return 0;
    while (n < max) {
        size_t gap_at = (size_t)(p - base);
        q = next_word(p, &g, &w);
        cf_lexeme *last = n ? &out[n - 1] : NULL;
        /* a percent sign belongs to the number before it */
        if (SEEN(g, CH_PERCENT) && last && last->kind == CF_LX_NUM)
            lx_push(out, &n, max, CF_LX_PCT, gap_at);
        if (!q)
            break;
        last = n ? &out[n - 1] : NULL;
        int digits = all_digits(&w);
        int sentence_end = SEEN(g, CH_BREAK) || (SEEN(g, CH_DOT) && dot_space(g.dot) && !prev_month);
        if (last && last->kind == CF_LX_NUM && !last->range && !last->decimal && g.n == 1 &&
            g.only == CH_DOT && digits && w.n <= 15) {
            /* "2.8": a decimal point, not a full stop */
            double f = 1;
            for (size_t i = 0; i < w.n; i++)
                f /= 10;
            last->num += digits_value(&w) * f;
            last->decimal = 1;
            p = q;
            continue;
        }
        if (last && last->kind == CF_LX_NUM && !last->range && SEEN(g, CH_HYPHEN) && g.n <= 3 &&
            !SEEN(g, CH_BREAK) && !SEEN(g, CH_SOFT) && !SEEN(g, CH_SLASH) && digits && w.n <= 15) {
            /* "18-22", "18 – 22": a range */
            last->num2 = digits_value(&w);
            last->range = 1;
            p = q;
            continue;
        }
        if (n) {
            if (sentence_end)
                lx_push(out, &n, max, CF_LX_BREAK, gap_at);
            else if (SEEN(g, CH_SOFT) || (SEEN(g, CH_DOT) && !prev_month))
                lx_push(out, &n, max, CF_LX_SOFT, gap_at);
            if (SEEN(g, CH_SLASH) && !sentence_end)
                lx_push(out, &n, max, CF_LX_PER, gap_at);
            if (SEEN(g, CH_AMP) && !sentence_end) {
                cf_lexeme *a = lx_push(out, &n, max, CF_LX_WORD, gap_at);
                if (a)
                    lx_word(a, "and", 3, AND_HASH);
            }
        }
        if (SEEN(g, CH_DOLLAR))
            lx_push(out, &n, max, CF_LX_DOLLAR, gap_at);
        int num = digits && w.n <= 15;
        cf_lexeme *l = lx_push(out, &n, max, num ? CF_LX_NUM : CF_LX_WORD, (size_t)(w.start - base));
        if (!l)
            break;
        l->joined = g.n == 1 && g.only == CH_HYPHEN;
        if (num) {
            l->num = digits_value(&w);
            l->ndigits = (unsigned char)w.n;
        } else {
            lx_word(l, w.s, w.n, w.hash);
        }
        prev_month = !num && is_month_abbrev(&w);
        p = q;
    }
    return n;
}

int cf_lexeme_in(const cf_lexeme *l, const char *const *words)
{
    if (l->kind != CF_LX_WORD)
        return 0;
    for (; *words; words++)
        if (strcmp(l->w, *words) == 0)
            return 1;
    return 0;
}

int cf_text_tables_agree(void)
{
    for (int c = 0; c < 128; c++) {
        int is_word = ascii_class[c] == CH_WORD;
        int lower = c >= 'A' && c <= 'Z' ? c | 32 : c;
        if ((ascii_low[c] != 0) != is_word || (is_word && ascii_low[c] != lower))
            return 0;
    }
    return 1;
}
