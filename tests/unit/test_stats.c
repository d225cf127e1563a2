/* Statistics for validation, against an independent implementation: the
 * figures below are SciPy 1.10's (stats.pearsonr, spearmanr, mannwhitneyu,
 * t.ppf, t.cdf; numpy.linalg.lstsq with the covariance s^2 (X'X)^-1) on the
 * same data, to ten decimals; the C must agree to nine. */
#include <math.h>
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

void test_stats(void)
{
    correlations();
    distributions();
    regression();
}
