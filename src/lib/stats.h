/* Statistics for validation: how a score goes with what happened to the
 * people it scored.  Every figure is deterministic (the bootstrap draws
 * from a seeded generator), and each function says when it cannot be
 * computed rather than return a number that means nothing. */
#ifndef CF_STATS_H
#define CF_STATS_H

#include <stddef.h>
#include <stdint.h>

/* An estimate and its 95% confidence interval. */
typedef struct cf_ci {
    double est, lo, hi;
} cf_ci;

double cf_mean(const double *x, size_t n);
/* The sample standard deviation (n - 1); 0 when n < 2. */
double cf_sd(const double *x, size_t n);

/* Pearson's r of x and y, with the interval of Fisher's z (atanh(r) +-
 * 1.96 / sqrt(n - 3)).  0, or -1 when n < 4 or x or y is constant. */
int cf_pearson(const double *x, const double *y, size_t n, cf_ci *r);

/* Spearman's rho (Pearson's r of the ranks, ties given their mean rank),
 * with the percentile interval of boots bootstrap resamples drawn from
 * seed.  0, -1 as cf_pearson, -2 when memory ran out. */
int cf_spearman(const double *x, const double *y, size_t n, int boots, uint64_t seed, cf_ci *rho);

/* The area under the ROC curve of score for yes (1) against no (0): the
 * chance that a yes scores above a no, ties counting half (Mann-Whitney),
 * with the interval of Hanley and McNeil's standard error (1982), within
 * 0 and 1.  0, -1 when there is no yes or no no, -2 when memory ran out. */
int cf_auc(const double *score, const int *yes, size_t n, cf_ci *auc);

/* The share k of n with Wilson's score interval (1927), which stays within
 * 0 and 1 and holds for small n.  0, or -1 when n is 0. */
int cf_share_ci(size_t k, size_t n, cf_ci *p);

/* The mean of x with the interval of Student's t. 0, or -1 when n < 2. */
int cf_mean_ci(const double *x, size_t n, cf_ci *m);

/* Student's t: the probability of a value below t with df degrees of
 * freedom, and the value below which p of them fall (0 < p < 1). */
double cf_t_cdf(double t, double df);
double cf_t_quantile(double p, double df);

/* Thorndike's case II: the correlation r observed among people whose
 * predictor spread is sd_in, corrected to a group whose spread is sd_all
 * (the applicants, of whom those hired are a part). */
double cf_thorndike2(double r, double sd_in, double sd_all);

/* Ordinary least squares of y on k columns of x (row-major, n rows; the
 * first column is usually all 1): each coefficient with its standard error,
 * its interval and the two-sided p of t = 0.  0, or -1 when n <= k or the
 * columns are not independent. */
#define CF_OLS_MAX 4
typedef struct cf_ols {
    size_t k, n;
    cf_ci b[CF_OLS_MAX];
    double se[CF_OLS_MAX], p[CF_OLS_MAX];
    double sigma;      /* residual standard deviation */
} cf_ols;
int cf_ols_fit(const double *x, const double *y, size_t n, size_t k, cf_ols *fit);
/* Logistic regression of y (0 or 1) on k columns of x by maximum
 * likelihood: coefficients in log-odds with Wald intervals (z) and p.
 * 0; -1 when there is no finite estimate (the columns dependent, or y
 * separated by them); -2 out of memory.  sigma is NAN. */
int cf_logit_fit(const double *x, const double *y, size_t n, size_t k, cf_ols *fit);

/* A 64-bit generator (splitmix64): the same numbers for the same seed. */
uint64_t cf_rand_next(uint64_t *state);

#endif
