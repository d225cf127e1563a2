/* Statistics for validation, against an independent implementation: the
 * figures below are SciPy 1.10's (stats.pearsonr, spearmanr, mannwhitneyu,
 * t.ppf, t.cdf; numpy.linalg.lstsq with the covariance s^2 (X'X)^-1) on the
 * same data, to ten decimals; the C must agree to nine. */
#include <math.h>
#include <stdlib.h>
#include "t.h"
#include "stats.h"

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

static const double x[12] = {52.1, 61.3, 47.8, 70.2, 55.5, 66.0, 58.4, 49.9, 73.1, 62.7, 45.0, 68.8};
static const double y[12] = {93.5, 95.1, 92.0, 97.4, 94.8, 96.0, 95.3, 91.2, 97.9, 95.9, 92.5, 96.1};
static const int yes[12] = {0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1};
static const int g[12] = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};

static void correlations(void)
{
    cf_ci r, rho, a;
    CHECK(cf_pearson(x, y, 12, &r) == 0);
    CHECKF(NEAR(r.est, 0.9447263404) && NEAR(r.lo, 0.8099792552) && NEAR(r.hi, 0.9847281009),
           "r %.10f (%.10f, %.10f)", r.est, r.lo, r.hi);
    CHECK(cf_spearman(x, y, 12, 2000, 1, &rho) == 0);
    CHECKF(NEAR(rho.est, 0.9650349650), "rho %.10f", rho.est);
    /* the bootstrap's interval holds the estimate, within -1 and 1, and
     * the same seed gives the same bounds */
    cf_ci again;
    CHECK(cf_spearman(x, y, 12, 2000, 1, &again) == 0);
    CHECK(rho.lo <= rho.est && rho.est <= rho.hi && rho.lo >= -1 && rho.hi <= 1);
    CHECK(again.lo == rho.lo && again.hi == rho.hi);
    static const double xs[8] = {3, 3, 1, 2, 2, 5, 4, 4}, ys[8] = {1, 2, 2, 2, 3, 5, 5, 4};
    CHECK(cf_spearman(xs, ys, 8, 0, 1, &rho) == 0);
    CHECKF(NEAR(rho.est, 0.6688022522), "rho with ties %.10f", rho.est);
    CHECK(cf_auc(x, yes, 12, &a) == 0);
    CHECKF(NEAR(a.est, 0.9444444444) && NEAR(a.lo, 0.8006759510) && a.hi == 1,
           "auc %.10f (%.10f, %.10f)", a.est, a.lo, a.hi);
    /* a perfect predictor and its reverse; nothing to compare */
    static const double s4[4] = {1, 2, 3, 4};
    static const int up[4] = {0, 0, 1, 1}, none[4] = {1, 1, 1, 1};
    CHECK(cf_auc(s4, up, 4, &a) == 0 && a.est == 1);
    static const int down[4] = {1, 1, 0, 0};
    CHECK(cf_auc(s4, down, 4, &a) == 0 && a.est == 0);
    CHECK(cf_auc(s4, none, 4, &a) == -1);
    /* too few, or a constant: no figure rather than a wrong one */
    static const double flat[4] = {2, 2, 2, 2};
    CHECK(cf_pearson(x, y, 3, &r) == -1);
    CHECK(cf_pearson(flat, s4, 4, &r) == -1);
    CHECK(cf_spearman(flat, s4, 4, 10, 1, &rho) == -1);
}

static void distributions(void)
{
    static const struct { double df, q; } tq[] = {
        {1, 12.7062047364}, {2, 4.3026527299}, {5, 2.5705818366},
        {11, 2.2009851601}, {30, 2.0422724563}, {200, 1.9718962236}};
    for (size_t i = 0; i < sizeof tq / sizeof tq[0]; i++) {
        double q = cf_t_quantile(0.975, tq[i].df);
        CHECKF(fabs(q - tq[i].q) < 1e-8, "t(0.975, %g) = %.10f, want %.10f", tq[i].df, q, tq[i].q);
    }
    CHECKF(NEAR(cf_t_cdf(-1.3, 7), 0.1173839177), "%.10f", cf_t_cdf(-1.3, 7));
    CHECKF(NEAR(cf_t_cdf(2.2, 3), 0.9424140240), "%.10f", cf_t_cdf(2.2, 3));
    cf_ci m;
    CHECK(cf_mean_ci(y, 12, &m) == 0);
    CHECKF(NEAR(m.est, 94.8083333333) && NEAR(m.lo, 93.4696748176) && NEAR(m.hi, 96.1469918490),
           "mean %.10f (%.10f, %.10f)", m.est, m.lo, m.hi);
    CHECK(cf_mean_ci(y, 1, &m) == -1);
    /* Wilson's interval: scipy.stats.binomtest(k, n).proportion_ci(method="wilson") */
    static const struct { size_t k, n; double lo, hi; } wil[] = {
        {12, 12, 0.7575059933, 1}, {11, 14, 0.5241076941, 0.9242861329},
        {6, 20, 0.1454772449, 0.5189728184}, {0, 12, 0, 0.2424940067}, {3, 7, 0.1582198553, 0.7495416355}};
    for (size_t i = 0; i < sizeof wil / sizeof wil[0]; i++) {
        cf_ci p;
        CHECK(cf_share_ci(wil[i].k, wil[i].n, &p) == 0);
        CHECKF(NEAR(p.lo, wil[i].lo) && NEAR(p.hi, wil[i].hi), "%zu of %zu: %.10f to %.10f", wil[i].k, wil[i].n,
               p.lo, p.hi);
    }
    cf_ci none;
    CHECK(cf_share_ci(0, 0, &none) == -1);
    CHECKF(NEAR(cf_thorndike2(0.25, 1, 2), 0.4588314677), "%.10f", cf_thorndike2(0.25, 1, 2));
}

static void regression(void)
{
    /* Cleary's model: y on score, group and their product */
    double design[12 * 4];
    for (int i = 0; i < 12; i++) {
        design[4 * i] = 1;
        design[4 * i + 1] = x[i];
        design[4 * i + 2] = g[i];
        design[4 * i + 3] = x[i] * g[i];
    }
    cf_ols f;
    CHECK(cf_ols_fit(design, y, 12, 4, &f) == 0);
    static const double want[4][4] = {
        {82.1379872726, 2.4970573717, 76.3797626480, 0.0000000008},
        {0.2152793323, 0.0420866679, 0.1182273021, 0.0009126368},
        {-0.0749579793, 3.2050392129, -7.4657916572, 0.9819139780},
        {-0.0014714970, 0.0536246197, -0.1251300919, 0.9787804133}};
    for (int i = 0; i < 4; i++)
        CHECKF(fabs(f.b[i].est - want[i][0]) < 1e-7 && fabs(f.se[i] - want[i][1]) < 1e-7 &&
                   fabs(f.b[i].lo - want[i][2]) < 1e-7 && fabs(f.p[i] - want[i][3]) < 1e-8,
               "b%d %.10f se %.10f lo %.10f p %.10f", i, f.b[i].est, f.se[i], f.b[i].lo, f.p[i]);
    CHECKF(NEAR(f.sigma, 0.8038755552), "sigma %.10f", f.sigma);
    /* a column that is another's multiple has no fit */
    for (int i = 0; i < 12; i++)
        design[4 * i + 3] = 2 * x[i];
    CHECK(cf_ols_fit(design, y, 12, 4, &f) == -1);
    CHECK(cf_ols_fit(design, y, 4, 4, &f) == -1);
}

/* The mean ranks of v[0..n) (ties their mean), the plain way: 1 + the
 * values below + half the others equal. */
static void plain_ranks(const double *v, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) {
        double below = 0, equal = 0;
        for (size_t j = 0; j < n; j++)
            below += v[j] < v[i], equal += v[j] == v[i] && j != i;
        out[i] = 1 + below + equal / 2;
    }
}

static int cmp_double(const void *p, const void *q)
{
    double u = *(const double *)p, w = *(const double *)q;
    return (u > w) - (u < w);
}

/* The bootstrap interval of Spearman's rho is the one of drawing the same
 * people (the same generator and seed), ranking each draw the plain way
 * and taking R's type 7 quantiles: with ties, and values drawn twice. */
static void bootstrap(void)
{
    enum { N = 40, B = 300 };
    double a[N], b[N], sa[N], sb[N], ra[N], rb[N], est[B];
    for (int i = 0; i < N; i++) {
        a[i] = (double)((i * 7) % 11);        /* many ties */
        b[i] = (double)((i * 5) % 13) + a[i] / 3;
    }
    cf_ci rho;
    CHECK(cf_spearman(a, b, N, B, 42, &rho) == 0);
    uint64_t state = 42;
    size_t kept = 0;
    for (int r = 0; r < B; r++) {
        for (int i = 0; i < N; i++) {
            size_t k = (size_t)(cf_rand_next(&state) % N);
            sa[i] = a[k];
            sb[i] = b[k];
        }
        plain_ranks(sa, N, ra);
        plain_ranks(sb, N, rb);
        double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < N; i++)
            ma += ra[i] / N, mb += rb[i] / N;
        for (int i = 0; i < N; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        if (saa > 0 && sbb > 0)
            est[kept++] = sab / sqrt(saa * sbb);
    }
    qsort(est, kept, sizeof *est, cmp_double);
    double h = (double)(kept - 1) * 0.025, l = floor(h);
    double lo = est[(size_t)l] + (h - l) * (est[(size_t)l + 1] - est[(size_t)l]);
    h = (double)(kept - 1) * 0.975, l = floor(h);
    double hi = est[(size_t)l] + (h - l) * (est[(size_t)l + 1] - est[(size_t)l]);
    CHECKF(fabs(rho.lo - lo) < 1e-12 && fabs(rho.hi - hi) < 1e-12, "rho %.15f to %.15f, plainly %.15f to %.15f",
           rho.lo, rho.hi, lo, hi);
}

/* Logistic regression against SciPy 1.10 (the likelihood maximised by its
 * trust-region optimiser, the standard errors from the Hessian there),
 * and no estimate where the outcome is separated by the score. */
static void logistic(void)
{
    static const double sx[20] = {12, 25, 31, 38, 40, 44, 47, 52, 55, 58, 61, 63, 66, 70, 72, 75, 79, 83, 88, 93};
    double yy[20] = {0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1}, design[40];
    for (int i = 0; i < 20; i++) {
        design[2 * i] = 1;
        design[2 * i + 1] = sx[i];
    }
    cf_ols f;
    CHECK(cf_logit_fit(design, yy, 20, 2, &f) == 0);
    static const double want[2][4] = {{-3.3663279816, 1.8165640132, -6.9267280230, 0.0638638294},
                                      {0.0579378198, 0.0296568289, -0.0001884969, 0.0507475879}};
    for (int i = 0; i < 2; i++)
        CHECKF(fabs(f.b[i].est - want[i][0]) < 1e-7 && fabs(f.se[i] - want[i][1]) < 1e-7 &&
                   fabs(f.b[i].lo - want[i][2]) < 1e-7 && fabs(f.p[i] - want[i][3]) < 1e-8,
               "b%d %.10f se %.10f lo %.10f p %.10f", i, f.b[i].est, f.se[i], f.b[i].lo, f.p[i]);
    /* everyone above 50 yes, everyone below no: the odds run away */
    for (int i = 0; i < 20; i++)
        yy[i] = sx[i] > 50;
    CHECK(cf_logit_fit(design, yy, 20, 2, &f) == -1);
    CHECK(cf_logit_fit(design, yy, 2, 2, &f) == -1);
}

/* A standard normal deviate (Box-Muller) from the generator. */
static double normal(uint64_t *state)
{
    double u = ((double)(cf_rand_next(state) >> 11) + 0.5) / 9007199254740992.0;
    double w = ((double)(cf_rand_next(state) >> 11) + 0.5) / 9007199254740992.0;
    return sqrt(-2 * log(u)) * cos(6.283185307179586 * w);
}

/* n pairs whose true correlation is rho. */
static void draw(uint64_t *state, double rho, size_t n, double *a, double *b)
{
    for (size_t i = 0; i < n; i++) {
        a[i] = normal(state);
        b[i] = rho * a[i] + sqrt(1 - rho * rho) * normal(state);
    }
}

/* The intervals cover the truth in about 95% of 200 seeded draws: 90% to
 * 99% is asserted (a binomial 95% of 200 falls there with probability
 * above 0.99). */
static void coverage(void)
{
    static double a[500], b[500];
    static const double rhos[] = {0, 0.3, 0.6};
    static const size_t sizes[] = {50, 500};
    uint64_t state = 1;
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 2; k++) {
            int covered = 0;
            for (int t = 0; t < 200; t++) {
                draw(&state, rhos[i], sizes[k], a, b);
                cf_ci r;
                if (cf_pearson(a, b, sizes[k], &r) == 0 && r.lo <= rhos[i] && rhos[i] <= r.hi)
                    covered++;
            }
            CHECKF(covered >= 180 && covered <= 198, "Pearson, rho %g, n %zu: %d of 200 intervals cover it",
                   rhos[i], sizes[k], covered);
        }
    /* Spearman's true rho for normal pairs is (6 / pi) asin(rho / 2) */
    for (size_t i = 0; i < 3; i++) {
        double truth = 6 / 3.141592653589793 * asin(rhos[i] / 2);
        int covered = 0;
        for (int t = 0; t < 200; t++) {
            draw(&state, rhos[i], 50, a, b);
            cf_ci rho;
            if (cf_spearman(a, b, 50, 200, (uint64_t)t, &rho) == 0 && rho.lo <= truth && truth <= rho.hi)
                covered++;
        }
        CHECKF(covered >= 180 && covered <= 198, "Spearman, rho %g, n 50: %d of 200 intervals cover it", truth,
               covered);
    }
    /* a score unrelated to a yes/no outcome: the AUC's interval covers 0.5 */
    static int yesno[200];
    int covered = 0;
    for (int t = 0; t < 200; t++) {
        draw(&state, 0, 200, a, b);
        for (int i = 0; i < 200; i++)
            yesno[i] = b[i] > 0.3;
        cf_ci auc;
        if (cf_auc(a, yesno, 200, &auc) == 0 && auc.lo <= 0.5 && 0.5 <= auc.hi)
            covered++;
    }
    CHECKF(covered >= 180 && covered <= 198, "AUC of a random predictor: %d of 200 intervals cover 0.5", covered);
}

void test_stats(void)
{
    coverage();
    correlations();
    distributions();
    regression();
    logistic();
    bootstrap();
}
