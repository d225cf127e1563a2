/* A ranking's records, shared by the files that make one: collecting
 * results (rank.c), merging saved reports (rank_merge.c) and writing them
 * (rank_out.c, rank_write.c, rank_html.c).  Nothing here is bounded but by
 * memory: a rubric's qualities, tiers and gates are as many as it has. */
#ifndef CF_RANK_H
#define CF_RANK_H

#include "report.h"

#define CF_RANK_HIST 1001     /* scores 0.0 .. 100.0 in tenths */

/* The strings a result carries for the writers. */
enum {
    CF_RANK_NAME,
    CF_RANK_EMAIL,
    CF_RANK_PHONE,
    CF_RANK_LOCATION,
    CF_RANK_GATES,
    CF_RANK_ID,
    CF_RANK_FACTS,
    CF_RANK_NSTR
};

typedef struct cf_rank_rec {
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
    const char *s[CF_RANK_NSTR];   /* name, e-mail, phone, location, failed gates, id, facts
                                      (NULL: none) */
    unsigned knock;           /* the knock-outs it fails (CF_KO_*) */
    char *report;             /* one-line JSON report, or NULL */
    size_t report_len;
    int spilled;              /* the report is in the spill, at report_at */
    unsigned long long report_at;
    short q10[];              /* per quality, tenths */
} cf_rank_rec;

/* An input refused. */
typedef struct cf_rank_err {
    char *source;
    unsigned line, col;
    char *message;
} cf_rank_err;

/* A result set aside by the knock-outs. */
typedef struct cf_rank_aside {
    char *source, *name, *id;   /* name and id NULL: not stated */
    unsigned knock;
} cf_rank_aside;

/* A tier or a gate, with how many results are in it or failed it. */
typedef struct cf_rank_named {
    char *id, *label;
    unsigned long count;
    int rank;                 /* a tier's place in the rubric, 1 the highest (0: not known) */
    int best10;               /* best score seen in the tier: orders tiers of unknown place */
} cf_rank_named;

struct cf_ranking {
    cf_rank_opts o;
    int min10;
    /* identity of the reports: all must agree */
    char *rubric_id, *rubric_version, *checksum, *as_of;
    char *rubric_title;       /* the opening its tiers are for, or NULL */
    cf_day as_of_day;         /* of scored reports, to compare cheaply */
    int nq;
    char **qid, **qname;      /* nq each */
    cf_rank_named *tiers, *gates;
    int ntiers, ngates;
    size_t captiers, capgates;
    /* summary, over every scored input */
    unsigned long scored, failed, ineligible;
    unsigned long warnings, warned;   /* fields left out, and profiles with any */
    long long sum10, *qsum10;         /* qsum10: nq */
    unsigned *hist;           /* (nq + 1) * CF_RANK_HIST: the score's histogram, then each quality's */
    /* selected results: a heap of the worst on top when o.top is set */
    cf_rank_rec **recs;
    size_t nrecs, caprecs;
    cf_rank_err *errs;
    size_t nerrs, caperrs;
    cf_rank_aside *aside;     /* set aside by the knock-outs */
    size_t naside, capaside;
    unsigned long knocked[CF_KO_COUNT];   /* of them, failing each knock-out */
    char **skipped;           /* files of a folder not read (neither JSON nor a resume read) */
    size_t nskipped, capskipped;
    unsigned long dups;       /* results that repeat a better one */
    unsigned long dropped;    /* of them, left out by dedupe before the write */
    cf_strset merged;         /* --merge: the sources merged so far */
};

/* ---- collecting (rank.c), for the merge --------------------------------- */

/* Sets the identity of the ranking from the first report (qualities
 * qid[0..nq), names qname), or checks a later one against it.  Returns 0,
 * 1 on a mismatch, -1 when out of memory. */
/* Keeps the rubric's title (the opening its tiers are for) when it has
 * none yet: 0, or -1 when out of memory. */
int cf_rank_title(cf_ranking *rk, const char *title);
int cf_rank_identity(cf_ranking *rk, const char *id, const char *version, const char *checksum,
                     const char *as_of, int nq, const char *const *qid, const char *const *qname);
/* A record for what was read at path[0..path_len), line, with its strings
 * (str or any of them may be NULL) and report copied into one block; NULL
 * when out of memory. */
cf_rank_rec *cf_rank_rec_new(const cf_ranking *rk, const char *path, size_t path_len, unsigned line,
                             const char *report, size_t report_len, const char *const *str);
/* Sets r's tier (index, place in the rubric, 0 when not known) from its
 * id and label; a gate failed by r is counted with cf_rank_gate_failed.
 * 0, or -1 when out of memory. */
int cf_rank_set_tier(cf_ranking *rk, cf_rank_rec *r, const char *id, const char *label, int trank);
int cf_rank_gate_failed(cf_ranking *rk, const char *id, const char *label);
/* Adds r's figures to the summary, then keeps r (taking it) or frees it. */
cf_status cf_rank_tally(cf_ranking *rk, cf_rank_rec *r);

/* The histogram of quality q (-1: the total score), CF_RANK_HIST counts;
 * NULL before the first report. */
const unsigned *cf_rank_hist(const cf_ranking *rk, int q);
/* The order the ranking lists its results in: tier, then score, then
 * source. */
int cf_rank_cmp(const cf_rank_rec *a, const cf_rank_rec *b);

#endif
