/* Reading a resume's sentences (sentences.c) for the JSON Resume importer
 * (jsonresume.c): credentials wherever they are stated, and the figures
 * people write in prose. */
#ifndef CF_RESUME_H
#define CF_RESUME_H

#include "classify.h"

/* The credentials the importer knows, in sentences.c's table. */
typedef struct cf_cred {
    const char *code;          /* canonical spelling: "CPC-A" */
    const char *body;          /* "AAPC", or NULL for licences */
    const char *kind;          /* the native model's credential kind */
    int full;                  /* for an apprentice credential: the index of
                                  the full one ("CPC-A" -> "CPC"); else -1 */
} cf_cred;

const cf_cred *cf_cred_at(int k);
/* The index of code (case ignored) in the table, or -1. */
int cf_cred_find(const char *code);

/* Where a text of the resume is. */
enum {
    PL_CERT, PL_LABEL, PL_NAME, PL_SUMMARY, PL_EDU, PL_WORK_TITLE, PL_WORK_TEXT
};

/* What a mention says of the credential. */
enum { MS_HELD, MS_ACTIVE, MS_LAPSED, MS_EXPIRED, MS_FUTURE };

typedef struct cf_mention {
    int code;                  /* index into the credential table */
    int status;                /* MS_* */
    int weak;                  /* only an exam passed ("passed the CPC exam") */
    int has_earned, has_expires, has_renewed;
    cf_date earned, expires, renewed;
    int place, index;          /* PL_*, and the index of its entry */
    const char *section;       /* "work" or "volunteer" for work places */
} cf_mention;

typedef struct cf_text_place {
    int place, index;
    const char *section;
    int credentials;           /* look for credentials here */
    int figures;               /* read accuracy and productivity here */
    int coding_job;            /* the text of a coding job: "25-30 an hour" is charts */
    int ceus;                  /* read CEU hours: 1 they are recent, -1 recent when the
                                  sentence names no year older than 24 months */
    cf_cl_text *words;         /* when set, the text's words are appended to it, as
                                  cf_cl_text_add would (numbers aside) */
} cf_text_place;

/* What the sentences of a resume say, gathered over its texts. */
typedef struct cf_reading {
    cf_mention *m;
    size_t nm, capm;
    double accuracy, per_hour, per_day, ceu;
    int have_accuracy, have_per_hour, have_per_day, have_ceu;
    cf_date hipaa;             /* the latest dated HIPAA training */
    int have_hipaa, hipaa_trained;
    int apprentice_removed;    /* "apprentice status removed" */
    int oom;
    cf_day as_of;
    /* scratch for the texts, kept from one to the next */
    cf_lexeme *lx;
    int *ids;
    size_t cap;
} cf_reading;

/* Whether a credential may be named in words [from, n) of t (when not,
 * reading the text for credentials finds none). */
int cf_may_name_credential(const cf_cl_text *t, int from);

/* Reads one text of the resume into rd. */
void cf_read_text(cf_reading *rd, const char *text, const cf_text_place *pl);
void cf_reading_free(cf_reading *rd);

/* Compiles sentences.c's tables; 0 or -1. */
int cf_sentences_init(void);

#endif
