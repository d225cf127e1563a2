/* The loaded rubric, as the engine reads it. */
#ifndef CF_RUBRIC_H
#define CF_RUBRIC_H

#include "internal.h"
#include "yamltree.h"

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

/* Evidence that implies a criterion: a figure of the profile that
 * several qualities share (months of coding work implies coursework, tools
 * and code sets), mapped to a fraction like a ramp and capped at up_to; a
 * flag gives up_to when true.  The criterion takes the best of its own
 * evidence and what is implied. */
typedef struct cf_implied {
    cf_cpath path;
    int flag;                 /* the path leads to true or false */
    double from, to, up_to;
    char *label;              /* what people read, or NULL */
    char *note;               /* "implied: LABEL", for evidence */
} cf_implied;

/* A ramp's range chosen by a value of the profile (productivity by
 * setting, CEU hours by the credential's body). */
typedef struct cf_range {
    char *value;
    double from, to;
    char *note;               /* "range for VALUE: FROM to TO", for evidence */
} cf_range;

/* Advice for what the profile shows about a criterion. */
typedef enum cf_astate {
    CF_A_DEFAULT, CF_A_NONE, CF_A_LOWER, CF_A_LAPSED, CF_A_APPRENTICE, CF_A_IN_PROGRESS, CF_A_UNDATED,
    CF_A_RETAKE, CF_A_COUNT
} cf_astate;

/* A criterion type's name in a rubric: "credential", "level"... */
const char *cf_ctype_name(cf_ctype t);

typedef struct cf_criterion {
    char *id, *qid;           /* own id and its quality's id */
    char *label, *advice;     /* advice: the default text (advice_by[CF_A_DEFAULT]) */
    char *advice_by[CF_A_COUNT];   /* per state, or NULL: the default applies */
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
    double reinstate_months;  /* after a lapse, 0 for no window */
    double retake;            /* factor for a credential lapsed past it */
    double undated;           /* factor for a credential without a date earned */
    double from, to;          /* ramp */
    cf_cpath range_path;      /* ramp: where the value choosing the range is */
    cf_range *ranges;
    size_t nranges;
    cf_implied *implied;
    size_t nimplied;
    double full_within, zero_after;   /* recency, months */
    cf_term *terms;           /* terms */
    size_t nterms;
    cf_source *sources;
    size_t nsources;
    double full;              /* terms: credits for full marks */
    struct cf_cond *advise_when;   /* a gap is advised only when it holds, or NULL */
    const struct cf_ynode *advise_when_node;   /* while loading */
} cf_criterion;

typedef struct cf_quality {
    char *id, *name;
    double weight;
    cf_criterion *criteria;
    size_t ncriteria;
} cf_quality;

/* A condition of a gate or a tier: a criterion's fraction, a figure of the
 * profile, another gate, or any or all of other conditions. */
typedef enum cf_ckind { CF_K_CRITERION, CF_K_PATH, CF_K_GATE, CF_K_ANY, CF_K_ALL } cf_ckind;
typedef enum cf_cop { CF_OP_AT_LEAST, CF_OP_ABOVE, CF_OP_AT_MOST, CF_OP_BELOW } cf_cop;

typedef struct cf_cond {
    cf_ckind kind;
    size_t q, c;              /* criterion: quality and criterion index */
    cf_cpath path;            /* path: a number (or flag, as 1 or 0) of the profile */
    size_t gate;              /* gate: its index */
    cf_cop op;
    double value;
    int if_missing;           /* -1: as scored (criterion) or fails (path); 0 fails; 1 holds */
    struct cf_cond *sub;      /* any, all */
    size_t nsub;
    char *label;              /* what people read, or NULL */
} cf_cond;

typedef struct cf_gate {
    char *id, *label, *advice;
    int any;                  /* any condition passes it (else all must) */
    cf_cond *conds;
    size_t nconds;
    size_t cond_first;        /* index of conds[0] among all gates' conditions */
} cf_gate;

typedef struct cf_tier {
    char *id, *label;
    double min;
    cf_cond *req;             /* requires: all must hold, else the next tier down */
    size_t nreq;
    size_t req_first;         /* index of req[0] among all tiers' requirements */
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
    size_t nreq;              /* requirements of all tiers */
    size_t ngconds;           /* conditions of all gates */
    /* "insufficient information": below this completeness no tier is given */
    double insufficient_below;    /* 0: never */
    char *insufficient_label;
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

/* A rubric's YAML with its extends resolved (extends.c): the rubric's own
 * document first, then the one it extends, and so on; root is the merged
 * tree, whose nodes belong to these documents and to made. */
#define CF_MAX_EXTENDS 8
typedef struct cf_rchain {
    cf_ydoc docs[CF_MAX_EXTENDS + 1];
    char *texts[CF_MAX_EXTENDS + 1];   /* texts a reader gave (owned) */
    int n;
    cf_ydoc made;                       /* nodes the merge made */
    struct cf_ynode *root;
    uint64_t hash;                      /* FNV-1a of every text, in order */
} cf_rchain;

cf_status cf_rchain_build(cf_rchain *c, const char *name, const char *text, size_t len, cf_rubric_reader read,
                          void *ctx, cf_diags *d);
void cf_rchain_free(cf_rchain *c);
/* UTF-8 and tabs in indentation, which libyaml reports poorly: the number
 * of problems added to d. */
int cf_rubric_check_text(const char *name, const char *text, size_t len, cf_diags *d);

/* The names of the advice states, "default" first (CF_A_COUNT). */
extern const char *const cf_astate_names[];

/* The condition in words, for reports and advice: its label, else the
 * criterion's label or the path with the comparison. */
void cf_cond_text(const cf_rubric *r, const cf_cond *c, cf_buf *b);

/* Word id of tok[0..n), or -1; the second takes the token's FNV-1a hash. */
int cf_vocab_find(const cf_vocab *v, const char *tok, size_t n);
int cf_vocab_find_hashed(const cf_vocab *v, const char *tok, size_t n, uint64_t hash);

#endif
