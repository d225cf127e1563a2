/* A scored profile, as the writers read it. */
#ifndef CF_REPORT_H
#define CF_REPORT_H

#include <math.h>
#include "rubric.h"

typedef struct cf_evidence {
    char *path;               /* JSON path in the native profile */
    char *input_path;         /* the same in the input's terms, or NULL */
    char *value;
    const char *note;         /* static, or NULL */
    const char *read_as;      /* a term the value was read as, where its words
                                 differ (the rubric's), or NULL */
    unsigned page, line;      /* where a resume file says it (0: not one) */
} cf_evidence;

typedef struct cf_result {
    const cf_criterion *c;
    double fraction;          /* 0-1 */
    double points;            /* of the total score */
    int missing;              /* the profile stated nothing for it */
    int implied;              /* the fraction comes from an implication */
    cf_astate state;          /* what the profile shows, for the advice */
    cf_evidence *ev;
    size_t nev, capev;
} cf_result;

/* Who the applicant is, as stated (applicant.c): for the reports only,
 * never read by scoring.  Blinding drops the strings and keeps the keys,
 * which find the same person twice. */
typedef struct cf_applicant {
    char *id;                                /* the input's own id (its ATS's), else its file's name */
    char *name, *email, *phone, *location;   /* NULL: not stated, or blinded */
    uint64_t email_key, phone_key;           /* normalised and hashed; 0: none */
    uint64_t content;                        /* the profile's content, spacing aside */
} cf_applicant;

cf_status cf_applicant_read(const cf_profile *p, cf_applicant *a);
/* From a saved report's "applicant" (its keys recomputed, no content). */
cf_status cf_applicant_from_saved(const cJSON *app, cf_applicant *a);
void cf_applicant_blind(cf_applicant *a);
void cf_applicant_free(cf_applicant *a);
int cf_applicant_stated(const cf_applicant *a);
/* "applicant": {name, email, phone, location} with what is stated; nothing
 * when nothing is. */
void cf_applicant_json(cf_jw *w, const cf_applicant *a);
/* e-mail, phone and location joined by " · ", each escaped by esc. */
void cf_applicant_contact(const cf_applicant *a, cf_buf *b, void (*esc)(cf_buf *, const char *));
/* The content key as 16 hex digits, and back (0: not such a string). */
void cf_fingerprint_format(uint64_t h, char out[17]);
uint64_t cf_fingerprint_parse(const char *s);

/* What a recruiter reads a resume for, as the profile states it (facts.c):
 * for the reports and the knock-outs, never read by scoring. */
typedef struct cf_fact_cred {
    char *code;               /* the credential's code, else its name as written */
    cf_cred_state state;
    int year;                 /* earned (expired or lapsed: when it ended, if stated); 0: not stated */
} cf_fact_cred;

typedef struct cf_facts {
    cf_fact_cred *cred;
    size_t ncred;
    double coding_months;     /* at full weight; -1: no work listed */
    unsigned settings;        /* CF_SET_*: every coding job's */
    unsigned setting_order[5];/* the same, latest job first (0 ends it) */
    int remote;               /* has coded remotely */
    double accuracy;          /* audited, a fraction; -1: not stated */
    double per_hour, per_day; /* charts, as stated; -1: not stated */
} cf_facts;

/* The facts of p (cf_facts_free): 0, or -1 when out of memory. */
int cf_facts_read(const cf_profile *p, cf_facts *f);
/* The same, from a saved report's "facts". */
int cf_facts_from_json(const cJSON *facts, cf_facts *f);
void cf_facts_free(cf_facts *f);
/* The knock-outs of o that f fails (CF_KO_* bits; 0: none), and those in
 * words, "; "-joined ("no current CPC or CCS; under 2 years of coding"). */
unsigned cf_knockouts(const cf_rank_opts *o, const cf_facts *f);
void cf_knockout_text(const cf_rank_opts *o, unsigned ko, cf_buf *b);
/* The facts in one line, "CPC 2019 · 6.5 years coding (inpatient) ·
 * remote · accuracy 96% · 24 charts a day", then what keeps the applicant
 * out of a tier: a failed gate (gates, "; "-joined) or the requirement that
 * holds it back (held). */
void cf_facts_line(cf_buf *b, const cf_facts *f, const char *gates, const char *held);
/* "facts": {...} of a report, its line included. */
void cf_facts_json(cf_jw *w, const cf_facts *f, const char *line);
/* The line of rep's facts, with its failed gates and held-back requirement. */
void cf_report_facts_line(const cf_report *rep, cf_buf *b);

struct cf_report {
    const cf_rubric *r;       /* borrowed: the rubric must outlive the report */
    char *source;             /* the profile's name (cf_origin_name) */
    char *path;               /* and its origin, as data */
    unsigned line;
    const char *input_format;
    const char *read_from;    /* a resume file's kind in words (static), or NULL */
    unsigned pages;           /* and its pages (0: not known) */
    cf_applicant who;
    cf_day as_of;
    double score;
    size_t tier;              /* ntiers: insufficient information */
    size_t score_tier;        /* the tier the score alone reaches */
    unsigned char *req_ok;    /* per tier requirement (rubric->nreq): it holds */
    unsigned char *gcond_ok;  /* per gate condition (rubric->ngconds): it holds */
    int eligible;
    double completeness;
    double *qscore;           /* per quality, 0-100 */
    cf_result *res;           /* per criterion, rubric order */
    size_t nres;
    size_t *qfirst;           /* index of each quality's first result */
    int *gate_passed;
    size_t *gaps;             /* result indices, most points first */
    size_t ngaps;
    cf_warnings warnings;     /* the profile's fields left out */
    cf_facts facts;
};

/* Where a resume file says what ev shows: "SOURCE:PAGE:LINE" (cf_free;
 * NULL when out of memory).  For ev->page set. */
char *cf_report_place(const cf_report *rep, const cf_evidence *ev);
/* What the report was read from, in words: "read from a PDF resume of 2
 * pages", "JSON Resume", "coderfit profile". */
void cf_report_read_from(const cf_report *rep, cf_buf *b);

/* The points a gap would add, as shown: cut (not rounded) to a tenth, so
 * that the score and all the gaps shown never add up to more than 100. */
static inline double cf_gap_points(const cf_result *res)
{
    return floor((res->c->share - res->points) * 10 + 1e-9) / 10;
}

/* The value at a ramp criterion's path that gives it full marks for this
 * profile (the strictest range the profile chooses). */
double cf_ramp_full(const cf_criterion *c, const cf_profile *p);

/* The style sheet of the HTML pages (report, advice). */
extern const char cf_report_css[];

/* A plan in brief, for a caseload's index: the failed gates ("; "), the
 * next tier's label (NULL at the top), the points the score lacks for it
 * and its unmet requirements ("; "), whether the plan's steps reach it
 * (and the score they give, else -1), and the next step ("Quality ›
 * Criterion") with its points. */
typedef struct cf_advice_brief {
    char *gates, *needs, *step;   /* NULL: none */
    const char *next, *next_id;   /* the rubric's */
    size_t nneeds;                /* the requirements in needs */
    double to_next, step_points, score_reached;
    int reaches;
} cf_advice_brief;
/* cf_advice_write, and the brief of the plan when brief is not NULL
 * (freed with cf_advice_brief_free, whatever is returned). */
cf_status cf_advice_page(const cf_report *rep, const cf_profile *p, const cf_advice_opts *o, char **out, size_t *len,
                         cf_advice_brief *brief);
void cf_advice_brief_free(cf_advice_brief *br);

/* The advice shown for a result: the text for its state, else the
 * criterion's default (NULL when it has none). */
const char *cf_result_advice(const cf_result *res);
/* The state's name ("lapsed"), or NULL for the default. */
const char *cf_astate_name(cf_astate st);

/* The tier's id and label, "insufficient" and the rubric's label for a
 * profile that states too little. */
const char *cf_report_tier_label(const cf_report *rep);
int cf_report_insufficient(const cf_report *rep);

/* The highest tier whose min the score reaches but which fails one of its
 * requirements (so the profile is in a lower tier), or NULL; and those
 * requirements in words, "; "-joined. */
const cf_tier *cf_report_held_back(const cf_report *rep);
void cf_report_held_back_text(const cf_report *rep, cf_buf *b);
/* Where the profile stands on condition c of gate g, in words: "holds",
 * "the profile shows none", "the profile shows 40% of it". */
void cf_gate_cond_state(cf_buf *b, const cf_report *rep, const cf_gate *g, size_t c);
/* What a failed gate needs, in words: "Needs one of: coding or HIT
 * training (a certificate, course or degree): the profile shows none; a
 * coding credential, current or lapsed: the profile shows none." */
void cf_gate_needs_text(cf_buf *b, const cf_report *rep, const cf_gate *g);

/* One gap as a JSON object (report and advice): quality, criterion, label,
 * points, stated, then standing when given, then advice. */
void cf_gap_json(cf_jw *w, const cf_result *res, const char *standing);

/* The warnings as a JSON array "warnings" (report, advice, ranking). */
void cf_warnings_json(cf_jw *w, const cf_warnings *ws);
size_t cf_warnings_count(const cf_warnings *ws);

/* A saved report line (saved.c), read once: a report, the error record
 * of an input that failed where it was scored, other JSON (a profile, for
 * audit), or none (not JSON: the problem is in d).  The strings and nodes
 * belong to doc (cf_saved_free). */
typedef enum cf_saved_kind { CF_SAVED_NONE, CF_SAVED_OTHER, CF_SAVED_ERROR, CF_SAVED_REPORT } cf_saved_kind;
typedef struct cf_saved {
    cJSON *doc;
    cf_saved_kind kind;
    const char *err_source, *err_message;   /* an error record */
    unsigned err_line, err_col;
    const char *source, *tier, *tier_label, *as_of, *fingerprint;   /* a report */
    const cJSON *score, *eligible, *qualities, *gates, *rubric, *warnings, *tier_rank, *applicant,
                *completeness, *gaps, *facts;
} cf_saved;
cf_saved_kind cf_saved_read(const char *file, unsigned line, const char *text, size_t len, cf_saved *s,
                            cf_diags *d, int *oom);
/* A report with what every reader needs: a source, a tier and a score
 * from 0 to 100. */
int cf_saved_scored(const cf_saved *s);
void cf_saved_free(cf_saved *s);
/* A line of report NDJSON for a reader of scored reports (audit,
 * validate): *taken when it is a report or an error record (else it is
 * left to the profile reader); CF_OK with s->kind CF_SAVED_REPORT for a
 * report with a source, a score and a tier, CF_EINPUT with a diagnostic for
 * an error record or a report without them.  cf_saved_free s in any case. */
cf_status cf_saved_take(const char *file, unsigned line, const char *text, size_t len, cf_saved *s, int *taken,
                        cf_diags *d);

#endif
