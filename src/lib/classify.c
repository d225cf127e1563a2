/* Phrase tables for the importer, compiled once into static storage.
 *
 * A table is a list of rules, each a result and the phrases that give it
 * ("certified professional coder", "cpc").  Compiling gives every word an
 * id; a text is tokenised once into ids, and a table finds its phrases by
 * following, at each position, the phrases that start with that word.  No
 * allocation: the tables live as long as the program and the importer
 * runs in arenas. */
#include <string.h>
#include "classify.h"

#define MAX_WORDS 2048
#define SLOTS 4096            /* a power of two, twice MAX_WORDS */
#define MAX_PHRASES 2048
#define MAX_TABLES 16

typedef struct word {
    const char *s;            /* into a phrase literal */
    size_t n;
} word;

typedef struct phrase {
    int rule;
    int n;
    int ids[CF_CL_MAX_PHRASE];
    int next;                 /* next phrase of the table starting with the same word */
} phrase;

static word words[MAX_WORDS];
static int nwords;
static int slots[SLOTS];
static phrase phrases[MAX_PHRASES];
static int nphrases;
/* per word, per table: the first phrase starting with the word.  Word-major,
 * so that the tables a text is read with find a word in one cache line. */
static int first[MAX_WORDS][MAX_TABLES];
static int ntables;
static int broken;            /* a table did not fit: a build error */

static size_t hash(const char *s, size_t n)
{
    return (size_t)cf_fnv1a(s, n, CF_FNV_INIT) & (SLOTS - 1);
}

static int word_hashed(const char *s, size_t n, uint64_t h)
{
    if (!nwords)
        return -1;
    for (size_t i = (size_t)h & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
        int id = slots[i] - 1;
        if (id < 0)
            return -1;
        if (words[id].n == n && memcmp(words[id].s, s, n) == 0)
            return id;
    }
}

int cf_cl_word(const char *s, size_t n)
{
    return word_hashed(s, n, cf_fnv1a(s, n, CF_FNV_INIT));
}

int cf_cl_word_hashed(const char *s, size_t n, uint64_t hash)
{
    return word_hashed(s, n, hash);
}

static int add_word(const char *s, size_t n)
{
    int id = cf_cl_word(s, n);
    if (id >= 0)
        return id;
    if (nwords == MAX_WORDS)
        return -1;
    size_t i = hash(s, n);
    while (slots[i])
        i = (i + 1) & (SLOTS - 1);
    words[nwords] = (word){s, n};
    slots[i] = ++nwords;
    return nwords - 1;
}

int cf_cl_compile(const cf_rule *rules, size_t nrules)
{
    if (ntables == MAX_TABLES || nrules > 64) {
        broken = 1;
        return -1;
    }
    int t = ntables++;
    for (int i = 0; i < MAX_WORDS; i++)
        first[i][t] = -1;
    /* later rules first, so that each word's chain lists rules in order */
    for (size_t r = nrules; r-- > 0;) {
        const char *const *ps = rules[r].phrases;
        size_t np = 0;
        while (ps[np])
            np++;
        for (size_t k = np; k-- > 0;) {
            if (nphrases == MAX_PHRASES) {
                broken = 1;
                return -1;
            }
            phrase *ph = &phrases[nphrases];
            ph->rule = (int)r;
            ph->n = 0;
            for (const char *s = ps[k]; *s;) {
                size_t n = strcspn(s, " ");
                int id = add_word(s, n);
                if (id < 0 || ph->n == CF_CL_MAX_PHRASE) {
                    broken = 1;
                    return -1;
                }
                ph->ids[ph->n++] = id;
                s += n;
                while (*s == ' ')
                    s++;
            }
            ph->next = first[ph->ids[0]][t];
            first[ph->ids[0]][t] = nphrases++;
        }
    }
    return t;
}

int cf_cl_ok(void)
{
    return !broken;
}

static int tok_step(void *ctx, const char *tok, size_t n, uint64_t h)
{
    cf_cl_text *t = ctx;
    if (t->n < CF_CL_MAX_TOKENS)
        t->ids[t->n++] = word_hashed(tok, n, h);
    return 0;
}

void cf_cl_text_add(cf_cl_text *t, const char *s)
{
    if (!s)
        return;
    if (t->n && t->n < CF_CL_MAX_TOKENS)
        t->ids[t->n++] = -1;   /* texts never run into each other */
    cf_tokenize(s, tok_step, t);
}

uint64_t cf_cl_match(int table, const cf_cl_text *t)
{
    uint64_t found = 0;
    for (int i = 0; i < t->n; i++) {
        int id = t->ids[i];
        if (id < 0)
            continue;
        for (int p = first[id][table]; p >= 0; p = phrases[p].next) {
            const phrase *ph = &phrases[p];
            if (i + ph->n > t->n)
                continue;
            int k = 1;
            while (k < ph->n && t->ids[i + k] == ph->ids[k])
                k++;
            if (k == ph->n)
                found |= (uint64_t)1 << ph->rule;
        }
    }
    return found;
}

int cf_cl_first(int table, const cf_cl_text *t)
{
    uint64_t m = cf_cl_match(table, t);
    if (!m)
        return -1;
    int r = 0;
    while (!(m & 1u)) {
        m >>= 1;
        r++;
    }
    return r;
}

int cf_cl_longest(int table, const int *ids, int n, int i, int *len)
{
    int best = -1, best_len = 0;
    if (i >= n || ids[i] < 0)
        return -1;
    for (int p = first[ids[i]][table]; p >= 0; p = phrases[p].next) {
        const phrase *ph = &phrases[p];
        if (ph->n <= best_len || i + ph->n > n)
            continue;
        int k = 1;
        while (k < ph->n && ids[i + k] == ph->ids[k])
            k++;
        if (k == ph->n) {
            best = ph->rule;
            best_len = ph->n;
        }
    }
    *len = best_len;
    return best;
}

int cf_cl_may_start(int table, const cf_cl_text *t, int from)
{
    for (int i = from; i < t->n; i++)
        if (t->ids[i] >= 0 && first[t->ids[i]][table] >= 0)
            return 1;
    return 0;
}
