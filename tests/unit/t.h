/* A small test harness: CHECK counts, prints failures with their place,
 * and the runner prints "N passed, N failed". */
#ifndef T_H
#define T_H

#include <stdio.h>
#include "coderfit.h"
#include "report.h"

extern int t_passed, t_failed;

void t_check(int ok, const char *file, int line, const char *expr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#define CHECK(cond) t_check(!!(cond), __FILE__, __LINE__, #cond, NULL)
#define CHECKF(cond, ...) t_check(!!(cond), __FILE__, __LINE__, #cond, __VA_ARGS__)

/* Where the data files are (tests/data, examples). */
#define T_DATA "tests/data"

/* Helpers over the library. */
cf_rubric *t_rubric(const char *yaml);                /* NULL and a message on failure */
cf_rubric *t_rubric_default(void);                    /* the built-in medical-coder, or NULL */
cf_status t_rubric_status(const char *yaml, cf_diags *d);
cf_profile *t_profile(const char *json, const char *as_of);
cf_status t_profile_status(const char *json, const char *as_of, cf_diags *d);
cf_report *t_score(const cf_rubric *r, const char *json, const char *as_of);
/* The result of criterion "quality.criterion", or NULL. */
const cf_result *t_result(const cf_report *rep, const char *ref);
double t_quality(const cf_report *rep, const char *qid);
/* Whether some diagnostic has rule and position (line, col; 0 = any). */
int t_has_diag(const cf_diags *d, const char *rule, unsigned line, unsigned col);
char *t_read(const char *path, size_t *len);          /* cf_free */
/* A string built on malloc, apart from the library's allocator (whose
 * faults the tests make). */
typedef struct t_text {
    char *s;
    size_t n, cap;
} t_text;
void t_text_add(t_text *b, const char *s, size_t n);
void t_text_puts(t_text *b, const char *s);
/* A cf_sink that appends to a cf_buf. */
int t_sink_buf(void *ctx, const char *s, size_t len);
cf_day t_day(const char *s);

/* Test groups. */
void test_core(void);
void test_rubric(void);
void test_criteria(void);
void test_import(void);
void test_score(void);
void test_cases(void);
void test_rank(void);
void test_read(void);
void test_restyle(void);
void test_rules(void);
void test_resume(void);
void test_fault(void);
void test_fault_rubrics(void);
void test_principles(void);
void test_stats(void);

#endif
