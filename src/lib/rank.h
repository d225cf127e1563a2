/* A ranking's records, shared by its writers (rank.c, rank_html.c). */
#ifndef CF_RANK_H
#define CF_RANK_H

#include "report.h"

#define MAXQ 32       /* qualities */
#define MAXT 32       /* tiers */
#define MAXG 64       /* gates */
#define HIST 1001     /* scores 0.0 .. 100.0 in tenths */

/* The strings a result carries for the writers. */
enum { R_NAME, R_EMAIL, R_PHONE, R_LOCATION, R_GATES, R_GAP, R_NSTR };

typedef struct rec {
    int score10;
    int eligible;
    unsigned nwarn;           /* fields of the profile left out */
    int tier;                 /* index into rk->tiers */
    int trank;                /* the tier's place in the rubric, 1 the highest (0: not known) */
    unsigned line;            /* 0: a whole file */
    int comp1000;             /* completeness, thousandths */
    uint64_t key[3];          /* e-mail, phone, content (0: none): the same person twice */
    long dup;                 /* the index of the better result it repeats (at write), or -1 */
    char *path;
    const char *s[R_NSTR];    /* name, e-mail, phone, location, failed gates, top gap (NULL: none) */
    char *report;             /* one-line JSON report, or NULL */
    size_t report_len;
    int spilled;              /* the report is in the spill, at report_at */
    unsigned long long report_at;
    short q10[];              /* per quality, tenths */
} rec;

typedef struct err_rec {
    char *source;
    unsigned line, col;
    char *message;
} err_rec;

typedef struct named {
    char *id, *label;
    unsigned long count;
    int rank;                 /* a tier's place in the rubric, 1 the highest (0: not known) */
    int best10;               /* best score seen in the tier: orders tiers of unknown place */
} named;

struct cf_ranking {
    cf_rank_opts o;
    int min10;
    /* identity of the reports: all must agree */
    char *rubric_id, *rubric_version, *checksum, *as_of;
    cf_day as_of_day;         /* of scored reports, to compare cheaply */
    int nq;
    char *qid[MAXQ], *qname[MAXQ];
    named tiers[MAXT];
    int ntiers;
    named gates[MAXG];
    int ngates;
    /* summary, over every scored input */
    unsigned long scored, failed, ineligible;
    unsigned long warnings, warned;   /* fields left out, and profiles with any */
    long long sum10, qsum10[MAXQ];
    unsigned *hist;           /* (MAXQ + 1) * HIST: quality histograms, then the score's */
    /* selected results: a heap of the worst on top when o.top is set */
    rec **recs;
    size_t nrecs, caprecs;
    err_rec *errs;
    size_t nerrs, caperrs;
    char **skipped;           /* files of a folder that are not JSON */
    size_t nskipped, capskipped;
    unsigned long dups;       /* results that repeat a better one */
    unsigned long dropped;    /* of them, left out by dedupe before the write */
    cf_strset merged;         /* --merge: the sources merged so far */
};

/* Output: a buffer flushed to the sink as it fills. */
typedef struct out {
    cf_buf b;
    cf_sink sink;
    void *ctx;
    int failed;
} out;
void cf_rank_flush(out *o, int force);
void cf_rank_source(cf_buf *b, const rec *r);
void cf_rank_write_html(cf_ranking *rk, out *o);


#endif
