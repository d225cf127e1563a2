/* Statistics for validation (stats.h).  The formulas are the textbook
 * ones, each named where it is used; docs/validation.md says what they
 * mean for a selection procedure. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "stats.h"

/* The normal deviate of a 95% two-sided interval. */
#define Z975 1.959963984540054

double cf_mean(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return n ? s / (double)n : 0;
}

double cf_sd(const double *x, size_t n)
{
    if (n < 2)
        return 0;
    double m = cf_mean(x, n), s = 0;
    for (size_t i = 0; i < n; i++)
        s += (x[i] - m) * (x[i] - m);
    return sqrt(s / (double)(n - 1));
}

/* r of x and y, two passes (the means first): NAN when either is constant. */
static double corr(const double *x, const double *y, size_t n)
{
    double mx = cf_mean(x, n), my = cf_mean(y, n), sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0)
        return NAN;
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

int cf_pearson(const double *x, const double *y, size_t n, cf_ci *r)
{
    if (n < 4)
        return -1;
    double v = corr(x, y, n);
    if (isnan(v))
        return -1;
    r->est = v;
    if (fabs(v) >= 1) {
        r->lo = r->hi = v;
        return 0;
    }
    /* Fisher (1921): atanh(r) is close to normal, with variance 1/(n - 3) */
    double z = atanh(v), se = 1 / sqrt((double)n - 3);
    r->lo = tanh(z - Z975 * se);
    r->hi = tanh(z + Z975 * se);
    return 0;
}

typedef struct ranked {
    double v;
    size_t i;
} ranked;

static int by_value(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

/* The ranks of x (1-based, ties their mean rank) into out; tmp has n. */
static void ranks(const double *x, size_t n, ranked *tmp, double *out)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = (ranked){x[i], i};
    qsort(tmp, n, sizeof *tmp, by_value);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && tmp[j].v == tmp[i].v)
            j++;
        double mid = ((double)i + 1 + (double)j) / 2;   /* ranks i+1 .. j */
        for (size_t k = i; k < j; k++)
            out[tmp[k].i] = mid;
        i = j;
    }
}

/* The indices of x in the order of their values. */
static void order(const double *x, size_t n, ranked *tmp, size_t *ord)
{
    for (size_t i = 0; i < n; i++)
        tmp[i] = (ranked){x[i], i};
    qsort(tmp, n, sizeof *tmp, by_value);
    for (size_t i = 0; i < n; i++)
        ord[i] = tmp[i].i;
}

/* The ranks, in a resample that holds index k c[k] times, of each index's
 * value (ties their mean rank), from the order of the values: no sort. */
static void resample_ranks(const double *x, const size_t *ord, const size_t *c, size_t n, double *out)
{
    size_t seen = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, m = 0;
        while (j < n && x[ord[j]] == x[ord[i]])
            m += c[ord[j++]];
        double mid = (double)seen + ((double)m + 1) / 2;   /* ranks seen+1 .. seen+m */
        for (size_t k = i; k < j; k++)
            out[ord[k]] = mid;
        seen += m;
        i = j;
    }
}

/* r of the ranks in a resample (index k c[k] times; n in all, so the
 * ranks' mean is (n + 1) / 2): NAN when either is constant. */
static double corr_counted(const double *rx, const double *ry, const size_t *c, size_t n)
{
    double m = ((double)n + 1) / 2, sxy = 0, sxx = 0, syy = 0;
    for (size_t k = 0; k < n; k++) {
        if (!c[k])
            continue;
        double w = (double)c[k], dx = rx[k] - m, dy = ry[k] - m;
        sxy += w * dx * dy;
        sxx += w * dx * dx;
        syy += w * dy * dy;
    }
    if (sxx <= 0 || syy <= 0)
        return NAN;
    double r = sxy / sqrt(sxx * syy);
    return r > 1 ? 1 : r < -1 ? -1 : r;
}

uint64_t cf_rand_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p quantile of sorted v[0..n), linear between order statistics (the
 * usual definition, R's type 7). */
static double quantile(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + (h - (double)lo) * (v[lo + 1] - v[lo]);
}

int cf_spearman(const double *x, const double *y, size_t n, int boots, uint64_t seed, cf_ci *rho)
{
    if (n < 4)
        return -1;
    ranked *tmp = cf_malloc(n * sizeof *tmp);
    double *rx = cf_malloc(n * sizeof *rx), *ry = cf_malloc(n * sizeof *ry);
    size_t *ox = cf_malloc(n * sizeof *ox), *oy = cf_malloc(n * sizeof *oy), *c = cf_malloc(n * sizeof *c);
    double *est = cf_malloc((boots > 0 ? (size_t)boots : 1) * sizeof *est);
    int rc = !tmp || !rx || !ry || !ox || !oy || !c || !est ? -2 : 0;
    if (!rc) {
        ranks(x, n, tmp, rx);
        ranks(y, n, tmp, ry);
        double v = corr(rx, ry, n);
        if (isnan(v))
            rc = -1;
        else
            rho->est = rho->lo = rho->hi = v;
    }
    /* the bootstrap (Efron, 1979): the people drawn again with
     * replacement, ranked again, boots times; a draw in which x or y is
     * constant has no rho and is left out.  A draw is counted (how many
     * times each person is in it) and ranked from the one order of the
     * values: linear, where a sort a draw was n log n */
    size_t kept = 0;
    uint64_t state = seed;
    if (!rc) {
        order(x, n, tmp, ox);
        order(y, n, tmp, oy);
    }
    for (int b = 0; !rc && b < boots; b++) {
        memset(c, 0, n * sizeof *c);
        for (size_t i = 0; i < n; i++)
            c[(size_t)(cf_rand_next(&state) % n)]++;
        resample_ranks(x, ox, c, n, rx);
        resample_ranks(y, oy, c, n, ry);
        double v = corr_counted(rx, ry, c, n);
        if (!isnan(v))
            est[kept++] = v;
    }
    if (!rc && kept >= 2) {
        qsort(est, kept, sizeof *est, by_double);
        rho->lo = quantile(est, kept, 0.025);
        rho->hi = quantile(est, kept, 0.975);
    }
    cf_free(tmp);
    cf_free(rx);
    cf_free(ry);
    cf_free(ox);
    cf_free(oy);
    cf_free(c);
    cf_free(est);
    return rc;
}

int cf_auc(const double *score, const int *yes, size_t n, cf_ci *auc)
{
    size_t n1 = 0;
    for (size_t i = 0; i < n; i++)
        n1 += yes[i] != 0;
    size_t n0 = n - n1;
    if (!n1 || !n0)
        return -1;
    ranked *tmp = cf_malloc(n * sizeof *tmp);
    double *r = cf_malloc(n * sizeof *r);
    if (!tmp || !r) {
        cf_free(tmp);
        cf_free(r);
        return -2;
    }
    ranks(score, n, tmp, r);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        if (yes[i])
            sum += r[i];
    cf_free(tmp);
    cf_free(r);
    double a1 = (double)n1, a0 = (double)n0;
    /* Mann-Whitney U of the yeses over the product of the counts */
    double a = (sum - a1 * (a1 + 1) / 2) / (a1 * a0);
    /* Hanley and McNeil (1982), equation 2 */
    double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
    double var = (a * (1 - a) + (a1 - 1) * (q1 - a * a) + (a0 - 1) * (q2 - a * a)) / (a1 * a0);
    double se = var > 0 ? sqrt(var) : 0;
    auc->est = a;
    auc->lo = fmax(0, a - Z975 * se);
    auc->hi = fmin(1, a + Z975 * se);
    return 0;
}

/* The continued fraction of the regularized incomplete beta function
 * (modified Lentz's method), for x < (a + 1) / (a + b + 2). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = fabs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
        double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
        d = 1 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
        d = 1 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 1e-15)
            break;
    }
    return h;
}

/* I_x(a, b), the regularized incomplete beta function. */
static double beta_inc(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
    if (x < (a + 1) / (a + b + 2))
        return front * beta_cf(a, b, x) / a;
    return 1 - front * beta_cf(b, a, 1 - x) / b;
}

double cf_t_cdf(double t, double df)
{
    /* P(|T| > t) = I_{df / (df + t^2)}(df / 2, 1 / 2) */
    double tail = beta_inc(df / 2, 0.5, df / (df + t * t)) / 2;
    return t >= 0 ? 1 - tail : tail;
}

double cf_t_quantile(double p, double df)
{
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -cf_t_quantile(1 - p, df);
    double lo = 0, hi = 1;
    while (cf_t_cdf(hi, df) < p && hi < 1e12)
        hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
        double mid = (lo + hi) / 2;
        if (cf_t_cdf(mid, df) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

int cf_share_ci(size_t k, size_t n, cf_ci *p)
{
    if (!n || k > n)
        return -1;
    double nn = (double)n, ph = (double)k / nn, z2 = Z975 * Z975;
    double mid = (ph + z2 / (2 * nn)) / (1 + z2 / nn);
    double half = Z975 * sqrt(ph * (1 - ph) / nn + z2 / (4 * nn * nn)) / (1 + z2 / nn);
    *p = (cf_ci){ph, fmax(0, mid - half), fmin(1, mid + half)};
    return 0;
}

int cf_mean_ci(const double *x, size_t n, cf_ci *m)
{
    if (n < 2)
        return -1;
    double mean = cf_mean(x, n), half = cf_t_quantile(0.975, (double)n - 1) * cf_sd(x, n) / sqrt((double)n);
    *m = (cf_ci){mean, mean - half, mean + half};
    return 0;
}

double cf_thorndike2(double r, double sd_in, double sd_all)
{
    if (sd_in <= 0)
        return r;
    double u = sd_all / sd_in;
    return r * u / sqrt(1 + r * r * (u * u - 1));
}

/* Weighted least squares: X'WX b = X'Wz solved, with X'WX inverted
 * alongside (Gauss-Jordan, the largest pivot first), for the standard
 * errors; a[i][k + j] holds the inverse, a[i][2k] the coefficients.  w
 * NULL: every weight 1.  0, or -1 when the columns are not independent. */
static int solve_wls(const double *x, const double *z, const double *w, size_t n, size_t k,
                     double a[CF_OLS_MAX][2 * CF_OLS_MAX + 1])
{
    memset(a, 0, sizeof(double[CF_OLS_MAX][2 * CF_OLS_MAX + 1]));
    for (size_t r = 0; r < n; r++)
        for (size_t i = 0; i < k; i++) {
            double wi = (w ? w[r] : 1) * x[r * k + i];
            for (size_t j = 0; j < k; j++)
                a[i][j] += wi * x[r * k + j];
            a[i][2 * k] += wi * z[r];
        }
    for (size_t i = 0; i < k; i++)
        a[i][k + i] = 1;
    double scale = 0;
    for (size_t i = 0; i < k; i++)
        scale = fmax(scale, fabs(a[i][i]));
    for (size_t c = 0; c < k; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < k; r++)
            if (fabs(a[r][c]) > fabs(a[piv][c]))
                piv = r;
        if (fabs(a[piv][c]) <= 1e-12 * (scale > 0 ? scale : 1))
            return -1;
        for (size_t j = 0; j <= 2 * k; j++) {
            double t = a[c][j];
            a[c][j] = a[piv][j];
            a[piv][j] = t;
        }
        double d = a[c][c];
        for (size_t j = 0; j <= 2 * k; j++)
            a[c][j] /= d;
        for (size_t r = 0; r < k; r++)
            if (r != c && a[r][c] != 0) {
                double f = a[r][c];
                for (size_t j = 0; j <= 2 * k; j++)
                    a[r][j] -= f * a[c][j];
            }
    }
    return 0;
}

int cf_ols_fit(const double *x, const double *y, size_t n, size_t k, cf_ols *fit)
{
    double a[CF_OLS_MAX][2 * CF_OLS_MAX + 1];
    if (k == 0 || k > CF_OLS_MAX || n <= k || solve_wls(x, y, NULL, n, k, a))
        return -1;
    double rss = 0;
    for (size_t r = 0; r < n; r++) {
        double fitted = 0;
        for (size_t i = 0; i < k; i++)
            fitted += x[r * k + i] * a[i][2 * k];
        rss += (y[r] - fitted) * (y[r] - fitted);
    }
    double df = (double)(n - k), s2 = rss / df, t = cf_t_quantile(0.975, df);
    fit->k = k;
    fit->n = n;
    fit->sigma = sqrt(s2);
    for (size_t i = 0; i < k; i++) {
        double b = a[i][2 * k], se = sqrt(fmax(0, s2 * a[i][k + i]));
        fit->b[i] = (cf_ci){b, b - t * se, b + t * se};
        fit->se[i] = se;
        fit->p[i] = se > 0 ? 2 * (1 - cf_t_cdf(fabs(b) / se, df)) : (b == 0 ? 1 : 0);
    }
    return 0;
}

int cf_logit_fit(const double *x, const double *y, size_t n, size_t k, cf_ols *fit)
{
    if (k == 0 || k > CF_OLS_MAX || n <= k)
        return -1;
    double *w = cf_malloc(n * sizeof *w), *z = cf_malloc(n * sizeof *z);
    double a[CF_OLS_MAX][2 * CF_OLS_MAX + 1], b[CF_OLS_MAX] = {0};
    int rc = !w || !z ? -2 : -1;
    /* Newton's method as iteratively reweighted least squares: each step
     * regresses the working response z on x with weights p(1 - p) */
    for (int it = 0; it < 100 && rc != -2; it++) {
        for (size_t r = 0; r < n; r++) {
            double eta = 0;
            for (size_t i = 0; i < k; i++)
                eta += x[r * k + i] * b[i];
            double p = 1 / (1 + exp(-eta));
            w[r] = fmax(p * (1 - p), 1e-12);
            z[r] = eta + (y[r] - p) / w[r];
        }
        if (solve_wls(x, z, w, n, k, a))
            break;
        double step = 0;
        for (size_t i = 0; i < k; i++) {
            step = fmax(step, fabs(a[i][2 * k] - b[i]));
            b[i] = a[i][2 * k];
        }
        if (!isfinite(step))
            break;
        if (step < 1e-10 * (1 + fabs(b[0]))) {
            rc = 0;
            break;
        }
    }
    cf_free(w);
    cf_free(z);
    /* a coefficient that ran away: the groups are separated, and there is
     * no finite estimate */
    for (size_t i = 0; rc == 0 && i < k; i++)
        if (fabs(b[i]) > 30 || !(a[i][k + i] > 0))
            rc = -1;
    if (rc)
        return rc;
    fit->k = k;
    fit->n = n;
    fit->sigma = NAN;
    for (size_t i = 0; i < k; i++) {
        double se = sqrt(a[i][k + i]);
        fit->b[i] = (cf_ci){b[i], b[i] - Z975 * se, b[i] + Z975 * se};
        fit->se[i] = se;
        fit->p[i] = erfc(fabs(b[i]) / se / sqrt(2));
    }
    return 0;
}
