/* A scored profile, as the writers read it. */
#ifndef CF_REPORT_H
#define CF_REPORT_H

#include <math.h>
#include "rubric.h"

typedef struct cf_evidence {
    char *path;               /* JSON path in the native profile */
    char *value;
    const char *note;         /* static, or NULL */
} cf_evidence;

typedef struct cf_result {
    const cf_criterion *c;
    double fraction;          /* 0-1 */
    double points;            /* of the total score */
    int missing;              /* the profile stated nothing for it */
    cf_evidence *ev;
    size_t nev, capev;
} cf_result;

struct cf_report {
    const cf_rubric *r;       /* borrowed: the rubric must outlive the report */
    char *source;
    const char *input_format;
    cf_day as_of;
    double score;
    size_t tier;
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
};

/* The points a gap would add, as shown: cut (not rounded) to a tenth, so
 * that the score and all the gaps shown never add up to more than 100. */
static inline double cf_gap_points(const cf_result *res)
{
    return floor((res->c->share - res->points) * 10 + 1e-9) / 10;
}

/* One gap as a JSON object (report and advice): quality, criterion, label,
 * points, stated, then standing when given, then advice. */
void cf_gap_json(cf_jw *w, const cf_result *res, const char *standing);

/* The warnings as a JSON array "warnings" (report, advice, ranking). */
void cf_warnings_json(cf_jw *w, const cf_warnings *ws);
size_t cf_warnings_count(const cf_warnings *ws);

#endif
