/* The loaded rubric, as the engine reads it. */
#ifndef CF_RUBRIC_H
#define CF_RUBRIC_H

#include "internal.h"

typedef enum cf_ctype {
    CF_C_CREDENTIAL, CF_C_LEVEL, CF_C_RAMP, CF_C_TERMS, CF_C_FLAG, CF_C_RECENCY
} cf_ctype;

/* A profile path compiled into segments: "experience[].highlights". */
typedef struct cf_cpath {
    char *text;
    char **seg;
    unsigned char *iter;      /* segment ends in [] */
    const char **gate;        /* per segment: the date gating an element, or NULL */
    int nseg;
} cf_cpath;

typedef struct cf_pair {      /* a name and a number: points, levels */
    char *key;
    double val;
} cf_pair;

typedef struct cf_where {     /* element.key must be one of values */
    char *key;
    char **values;
    size_t nvalues;
} cf_where;

typedef struct cf_alias {     /* a phrase as vocabulary ids */
    int *ids;
    size_t n;
} cf_alias;

typedef struct cf_term {
    char *id;
    cf_alias *aliases;
    size_t naliases;
    int gid;                  /* its index among all the rubric's terms */
} cf_term;

typedef struct cf_source {    /* where a terms criterion looks, and how much it counts */
    int src;                  /* index into rubric->sources */
    double weight;
} cf_source;

typedef struct cf_criterion {
    char *id, *qid;           /* own id and its quality's id */
    char *label, *advice;
    cf_ctype type;
    double weight;            /* within its quality */
    double share;             /* of the total score, in points (0-100) */
    double missing;           /* fraction scored when the profile states nothing */
    unsigned line, col;
    cf_cpath path;            /* all types but terms */
    cf_where *where;
    size_t nwhere;
    cf_pair *pairs;           /* credential points or level values */
    size_t npairs;
    int combine_sum;          /* credential: sum (capped at 1) instead of best */
    int has_currency;
    double renew_months, grace_days, lapsed;
    double undated;           /* factor for a credential without a date earned */
    double from, to;          /* ramp */
    double full_within, zero_after;   /* recency, months */
    cf_term *terms;           /* terms */
    size_t nterms;
    cf_source *sources;
    size_t nsources;
    double full;              /* terms: credits for full marks */
} cf_criterion;

typedef struct cf_quality {
    char *id, *name;
    double weight;
    cf_criterion *criteria;
    size_t ncriteria;
} cf_quality;

typedef struct cf_cond {
    size_t q, c;              /* quality and criterion index */
    int above;                /* 1: fraction > value; 0: fraction >= value */
    double value;
} cf_cond;

typedef struct cf_gate {
    char *id, *label, *advice;
    int any;                  /* any condition passes it (else all must) */
    cf_cond *conds;
    size_t nconds;
} cf_gate;

typedef struct cf_tier {
    char *id, *label;
    double min;
} cf_tier;

/* The vocabulary of all term aliases: token -> id, open addressing.  A
 * slot keeps its word's hash, so that a probe compares strings only when
 * the hashes agree (most tokens of a profile are in no alias). */
typedef struct cf_vslot {
    uint64_t hash;
    int id;                   /* -1 empty, else word id */
} cf_vslot;

typedef struct cf_vocab {
    char **words;
    size_t nwords;
    cf_vslot *slots;
    size_t nslots;
} cf_vocab;

struct cf_rubric {
    char *name;
    char *id, *version, *title;
    char checksum[17];
    cf_tier *tiers;
    size_t ntiers;
    cf_gate *gates;
    size_t ngates;
    cf_quality *qualities;
    size_t nqualities;
    cf_cpath *sources;        /* distinct paths read by terms criteria */
    size_t nsources;
    cf_vocab vocab;
    /* the terms an alias of which starts with each word: the terms of word
     * w are first_terms[first_at[w] .. first_at[w + 1]), by gid */
    size_t nterms;            /* of all criteria */
    int *first_at, *first_terms;
};

/* Word id of tok[0..n), or -1; the second takes the token's FNV-1a hash. */
int cf_vocab_find(const cf_vocab *v, const char *tok, size_t n);
int cf_vocab_find_hashed(const cf_vocab *v, const char *tok, size_t n, uint64_t hash);

#endif
