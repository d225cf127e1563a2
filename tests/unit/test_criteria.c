/* Each criterion type, gates, tiers and derived figures, on small rubrics
 * and native profiles written out here. */
#include <math.h>
#include <string.h>
#include "t.h"

#define HEAD "format: coderfit-rubric/1\nid: t\nversion: \"1\"\n" \
             "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n" \
             "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
#define P(body) "{\"format\": \"coderfit-profile/1\"" body "}"
#define ASOF "2026-11-26"

static int near(double a, double b)
{
    return fabs(a - b) < 1e-6;
}

/* Fraction of criterion q.c for profile json under rubric yaml. */
static double frac(const char *yaml, const char *json, int *missing)
{
    cf_rubric *r = t_rubric(yaml);
    cf_report *rep = r ? t_score(r, json, ASOF) : NULL;
    const cf_result *res = t_result(rep, "q.c");
    double f = res ? res->fraction : -1;
    if (missing)
        *missing = res ? res->missing : -1;
    cf_report_free(rep);
    cf_rubric_free(r);
    return f;
}

#define CRED HEAD "      - id: c\n        type: credential\n        weight: 1\n        path: credentials\n" \
                  "        points: {CPC: 1, CCA: 0.6, CPC-A: 0.5}\n"
#define CURRENCY "        currency: {renew_every_months: 24, grace_days: 90, lapsed: 0.25}\n"

static void credential(void)
{
    int m;
    CHECK(near(frac(CRED, P(""), &m), 0) && m == 1);
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CNA\",\"kind\":\"clinical\"}]"), &m), 0) && m == 0);
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CCA\"},{\"code\":\"CPC\"}]"), NULL), 1));
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CPC-A\"}]"), NULL), 0.5));
    /* sum, capped at 1 */
    CHECK(near(frac(CRED "        combine: sum\n", P(",\"credentials\":[{\"code\":\"CCA\"},{\"code\":\"CPC-A\"}]"), NULL), 1));
    CHECK(near(frac(CRED "        combine: sum\n", P(",\"credentials\":[{\"code\":\"CPC-A\"}]"), NULL), 0.5));
    /* earned after the as-of date: does not count */
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CPC\",\"earned\":\"2026-12\"}]"), &m), 0) && m == 1);
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CPC\",\"earned\":\"2026-11\"}]"), NULL), 1));
    /* not yet earned */
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CPC\",\"status\":\"in_progress\"}]"), NULL), 0));
    /* currency */
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"status\":\"lapsed\"}]"), NULL), 0.25));
    CHECK(near(frac(CRED, P(",\"credentials\":[{\"code\":\"CPC\",\"status\":\"lapsed\"}]"), NULL), 1));
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"expires\":\"2026-06-30\"}]"), NULL), 0.25));
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"expires\":\"2026-09-30\"}]"), NULL), 1));   /* in grace */
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"renewed\":\"2024-06\"}]"), NULL), 0.25));
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"renewed\":\"2025-01\"}]"), NULL), 1));
    /* a lapsed CPC next to a current CCA: the CCA counts */
    CHECK(near(frac(CRED CURRENCY, P(",\"credentials\":[{\"code\":\"CPC\",\"status\":\"expired\"},{\"code\":\"CCA\"}]"), NULL), 0.6));
}

#define LEVEL HEAD "      - id: c\n        type: level\n        weight: 1\n        path: education[].level\n" \
                   "        where: {field: [medical_coding, hit]}\n" \
                   "        levels: {certificate: 0.6, associate: 1}\n"

static void level(void)
{
    int m;
    CHECK(near(frac(LEVEL, P(""), &m), 0) && m == 1);
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"bachelor\",\"field\":\"other\"}]"), &m), 0) && m == 0);
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"certificate\",\"field\":\"medical_coding\"}]"), NULL), 0.6));
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"certificate\",\"field\":\"hit\"},"
                             "{\"level\":\"associate\",\"field\":\"hit\"}]"), NULL), 1));
    /* the field matters, not only the level */
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"associate\",\"field\":\"clinical\"}]"), NULL), 0));
    /* in progress, or completed after the as-of date: not counted */
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"associate\",\"field\":\"hit\",\"status\":\"in_progress\"}]"), NULL), 0));
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"associate\",\"field\":\"hit\",\"completed\":\"2027\"}]"), NULL), 0));
    CHECK(near(frac(LEVEL, P(",\"education\":[{\"level\":\"associate\",\"field\":\"hit\",\"completed\":\"2026\"}]"), NULL), 1));
    /* missing: a number */
    CHECK(near(frac(LEVEL "        missing: 0.25\n", P(""), &m), 0.25) && m == 1);
}

#define RAMP(from, to) HEAD "      - {id: c, type: ramp, weight: 1, path: measures.audit_accuracy, from: " from ", to: " to "}\n"

static void ramp(void)
{
    int m;
    CHECK(near(frac(RAMP("0.9", "0.97"), P(""), &m), 0) && m == 1);
    CHECK(near(frac(RAMP("0.9", "0.97"), P(",\"measures\":{\"audit_accuracy\":0.935}"), &m), 0.5) && m == 0);
    CHECK(near(frac(RAMP("0.9", "0.97"), P(",\"measures\":{\"audit_accuracy\":0.99}"), NULL), 1));
    CHECK(near(frac(RAMP("0.9", "0.97"), P(",\"measures\":{\"audit_accuracy\":0.5}"), NULL), 0));
    /* running the other way: lower is better */
    CHECK(near(frac(RAMP("0.2", "0.1"), P(",\"measures\":{\"audit_accuracy\":0.125}"), NULL), 0.75));
    CHECK(near(frac(RAMP("0.2", "0.1"), P(",\"measures\":{\"audit_accuracy\":0.3}"), NULL), 0));
}

#define TERMS HEAD "      - id: c\n        type: terms\n        weight: 1\n        path:\n" \
                   "          experience[].highlights: 1\n          skills.other: 0.5\n" \
                   "        terms:\n          ICD-10-CM: [icd10cm, icd-10]\n          CPT: [current procedural terminology]\n" \
                   "          HCPCS: []\n        full: 2\n"
#define EXP(h) ",\"experience\":[{\"kind\":\"coding\",\"highlights\":[" h "]}]"

static void terms(void)
{
    int m;
    CHECK(near(frac(TERMS, P(""), &m), 0) && m == 1);
    CHECK(near(frac(TERMS, P(EXP("\"filed reports\"")), &m), 0) && m == 1);
    CHECK(near(frac(TERMS, P(EXP("\"coded ICD-10-CM daily\"")), &m), 0.5) && m == 0);
    CHECK(near(frac(TERMS, P(EXP("\"ICD10CM and Current Procedural Terminology\"")), NULL), 1));
    /* the same term twice counts once */
    CHECK(near(frac(TERMS, P(EXP("\"ICD-10\", \"icd-10-cm\", \"ICD10CM\"")), NULL), 0.5));
    /* a phrase needs its tokens in a row, in one string */
    CHECK(near(frac(TERMS, P(EXP("\"current procedural\", \"terminology\"")), NULL), 0));
    CHECK(near(frac(TERMS, P(EXP("\"ICD\", \"10 CM\"")), NULL), 0));
    /* a self-listed skill counts half, and skills alone cannot fill it */
    CHECK(near(frac(TERMS, P(",\"skills\":{\"other\":[\"CPT\"]}"), NULL), 0.25));
    CHECK(near(frac(TERMS, P(",\"skills\":{\"other\":[\"CPT\",\"HCPCS\",\"ICD-10-CM\"]}"), NULL), 0.5));
    CHECK(near(frac(TERMS, P(EXP("\"CPT\"") ",\"skills\":{\"other\":[\"HCPCS\",\"ICD-10-CM\"]}"), NULL), 1));
    /* the stronger evidence wins when a term is in both */
    CHECK(near(frac(TERMS, P(EXP("\"CPT\"") ",\"skills\":{\"other\":[\"CPT\"]}"), NULL), 0.5));
    /* work that does not count yet does not show terms either */
    CHECK(near(frac(TERMS, P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2027\",\"highlights\":[\"CPT\"]}]"), NULL), 0));
}

#define FLAGR HEAD "      - {id: c, type: flag, weight: 1, path: attestations.hipaa_trained}\n"
#define RECENCY HEAD "      - {id: c, type: recency, weight: 1, path: attestations.hipaa_training, full_within_months: 12, zero_after_months: 36}\n"

static void flag_and_recency(void)
{
    int m;
    CHECK(near(frac(FLAGR, P(""), &m), 0) && m == 1);
    CHECK(near(frac(FLAGR, P(",\"attestations\":{\"hipaa_trained\":true}"), NULL), 1));
    CHECK(near(frac(FLAGR, P(",\"attestations\":{\"hipaa_trained\":false}"), &m), 0) && m == 0);
    CHECK(near(frac(RECENCY, P(""), &m), 0) && m == 1);
    CHECK(near(frac(RECENCY, P(",\"attestations\":{\"hipaa_training\":\"2026-01-15\"}"), NULL), 1));
    /* 24 months old: halfway between 12 and 36 */
    double f = frac(RECENCY, P(",\"attestations\":{\"hipaa_training\":\"2024-11-26\"}"), NULL);
    CHECKF(f > 0.49 && f < 0.51, "%f", f);
    CHECK(near(frac(RECENCY, P(",\"attestations\":{\"hipaa_training\":\"2022-01\"}"), NULL), 0));
    /* a date after the as-of date does not count */
    CHECK(near(frac(RECENCY, P(",\"attestations\":{\"hipaa_training\":\"2026-12-01\"}"), &m), 0) && m == 1);
    /* a year-only date counts from the end of the year */
    CHECK(near(frac(RECENCY, P(",\"attestations\":{\"hipaa_training\":\"2025\"}"), NULL), 1));
}

#define GATED "format: coderfit-rubric/1\nid: t\nversion: \"1\"\n" \
              "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n" \
              "gates:\n  - id: g\n    label: G\n    %s:\n      - {criterion: q.a, at_least: 0.5}\n      - {criterion: q.b, above: 0}\n" \
              "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n" \
              "      - {id: a, type: ramp, weight: 1, path: measures.audit_accuracy, from: 0, to: 1}\n" \
              "      - {id: b, type: ramp, weight: 3, path: measures.charts_per_hour, from: 0, to: 4}\n"

static int eligible(const char *mode, const char *json, double *score, const char **tier)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml, GATED, mode);
    cf_rubric *r = t_rubric(yaml);
    cf_report *rep = r ? t_score(r, json, ASOF) : NULL;
    int e = rep ? cf_report_eligible(rep) : -1;
    if (score)
        *score = rep ? cf_report_score(rep) : -1;
    if (tier)
        *tier = rep ? (strcmp(cf_report_tier(rep), "hi") == 0 ? "hi" : "lo") : "?";
    cf_report_free(rep);
    cf_rubric_free(r);
    return e;
}

static void gates_and_tiers(void)
{
    CHECK(eligible("any", P(",\"measures\":{\"audit_accuracy\":0.5}"), NULL, NULL) == 1);
    CHECK(eligible("any", P(",\"measures\":{\"audit_accuracy\":0.49}"), NULL, NULL) == 0);
    CHECK(eligible("any", P(",\"measures\":{\"charts_per_hour\":0.1}"), NULL, NULL) == 1);
    CHECK(eligible("all", P(",\"measures\":{\"charts_per_hour\":0.1}"), NULL, NULL) == 0);
    CHECK(eligible("all", P(",\"measures\":{\"charts_per_hour\":0.1,\"audit_accuracy\":1}"), NULL, NULL) == 1);
    CHECK(eligible("any", P(""), NULL, NULL) == 0);
    /* weights within the quality: a = 1/4, b = 3/4; exactly 50 reaches "hi" */
    double s;
    const char *tier;
    eligible("any", P(",\"measures\":{\"charts_per_hour\":2,\"audit_accuracy\":0.5}"), &s, &tier);
    CHECKF(near(s, 50) && strcmp(tier, "hi") == 0, "%f %s", s, tier);
    eligible("any", P(",\"measures\":{\"charts_per_hour\":1.99,\"audit_accuracy\":0.5}"), &s, &tier);
    CHECKF(s < 50 && strcmp(tier, "lo") == 0, "%f %s", s, tier);
}

static double derived(const char *json, const char *key)
{
    cf_profile *p = t_profile(json, ASOF);
    double v = -1;
    if (p) {
        const cJSON *d = cJSON_GetObjectItemCaseSensitive(p->root, "derived");
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(d, key);
        v = cJSON_IsNumber(x) ? x->valuedouble : cJSON_IsTrue(x) ? 1 : -1;
    }
    cf_profile_free(p);
    return v;
}

static void derived_figures(void)
{
    /* two overlapping jobs count once: 2022-01..2023-12 = 24 months */
    double m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2022-01\",\"end\":\"2023-06\"},"
                         "{\"kind\":\"coding\",\"start\":\"2023-01\",\"end\":\"2023-12\"}]"), "coding_months");
    CHECKF(near(m, 24), "%f", m);
    /* P9: months more than five years before the as-of date count half:
     * 2019-01..2020-12 is 24 months, all of them before 2021-11-26 */
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2019-01\",\"end\":\"2020-12\"}]"),
                "coding_months");
    CHECKF(near(m, 12), "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2019-01\",\"end\":\"2020-12\"}]"),
                "months_since_coding");
    CHECKF(m > 70.5 && m < 71.5, "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2019-01\"}]"), "months_since_coding");
    CHECKF(near(m, 0), "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"billing\",\"start\":\"2019-01\"}]"), "months_since_coding");
    CHECKF(m == -1, "%f", m);
    /* dental coding counts half again, and is not coding-related work */
    m = derived(P(",\"experience\":[{\"kind\":\"dental_coding\",\"start\":\"2024-01\",\"end\":\"2025-12\"}]"),
                "coding_months");
    CHECKF(near(m, 12), "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"dental_coding\",\"start\":\"2024-01\",\"end\":\"2025-12\"}]"),
                "coding_related_months");
    CHECKF(near(m, 0), "%f", m);
    /* an unpaid practicum and a career break are not work */
    m = derived(P(",\"experience\":[{\"kind\":\"training\",\"start\":\"2024-01\",\"end\":\"2024-06\"},"
                  "{\"kind\":\"career_break\",\"start\":\"2020-01\",\"end\":\"2023-12\"}]"), "coding_months");
    CHECKF(near(m, 0), "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"career_break\",\"start\":\"2020-01\",\"end\":\"2023-12\"}]"),
                "healthcare_months");
    CHECKF(near(m, 0), "%f", m);
    /* degrees that teach anatomy and terminology */
    m = derived(P(",\"education\":[{\"level\":\"associate\",\"field\":\"hit\",\"completed\":\"2020\"}]"),
                "him_degree");
    CHECK(m == 1);
    m = derived(P(",\"education\":[{\"level\":\"certificate\",\"field\":\"hit\",\"completed\":\"2020\"}]"),
                "him_degree");
    CHECK(m == -1);
    m = derived(P(",\"education\":[{\"level\":\"bachelor\",\"field\":\"clinical\",\"completed\":\"2027\"}]"),
                "clinical_degree");
    CHECK(m == -1);
    /* P11: a programme that starts after the as-of date is a plan */
    m = derived(P(",\"education\":[{\"level\":\"associate\",\"field\":\"hit\",\"start\":\"2027-01\"}]"),
                "him_degree");
    CHECK(m == -1);
    /* an open-ended job runs to the as-of date */
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2025-11-26\",\"remote\":true}]"), "coding_months");
    CHECKF(m > 11.9 && m < 12.1, "%f", m);
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2025-11-26\",\"remote\":true}]"), "remote_coding_months");
    CHECKF(m > 11.9 && m < 12.1, "%f", m);
    /* work after the as-of date does not count; a year-only start counts from January */
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2027-01\"},"
                  "{\"kind\":\"clinical\",\"start\":\"2020\",\"end\":\"2020\"}]"), "coding_months");
    CHECK(near(m, 0));
    m = derived(P(",\"experience\":[{\"kind\":\"clinical\",\"start\":\"2020\",\"end\":\"2020\"}]"), "clinical_months");
    CHECKF(near(m, 12), "%f", m);
    /* a job ending after the as-of date is cut there */
    m = derived(P(",\"experience\":[{\"kind\":\"coding\",\"start\":\"2026-05-26\",\"end\":\"2027-12\"}]"), "coding_months");
    CHECKF(m > 5.9 && m < 6.15, "%f", m);   /* 185 days, both ends counted */
    /* no work listed: nothing stated */
    CHECK(derived(P(""), "coding_months") == -1);
    /* CEUs of the last 24 months, from the list */
    m = derived(P(",\"continuing_education\":[{\"date\":\"2026-01\",\"hours\":10},{\"date\":\"2024-12\",\"hours\":5},"
                  "{\"date\":\"2024-06\",\"hours\":100},{\"date\":\"2027-01\",\"hours\":100}]"), "ceu_hours_24m");
    CHECKF(near(m, 15), "%f", m);
    CHECK(near(derived(P(",\"measures\":{\"ceu_hours_24m\":30}"), "ceu_hours_24m"), 30));
    CHECK(near(derived(P(",\"references\":[{\"text\":\"a\"},{\"text\":\"b\"}]"), "reference_count"), 2));
    CHECK(derived(P(",\"credentials\":[{\"code\":\"CPC\",\"kind\":\"coding\"}]"), "code_of_ethics") == 1);
    CHECK(derived(P(",\"credentials\":[{\"code\":\"CPC\",\"kind\":\"coding\",\"status\":\"lapsed\"}]"), "code_of_ethics") == -1);
}

void test_worked_example(void);

void test_criteria(void)
{
    credential();
    level();
    ramp();
    terms();
    flag_and_recency();
    gates_and_tiers();
    derived_figures();
    test_worked_example();
}

/* The worked example of docs/rubric.md, figure by figure. */
void test_worked_example(void)
{
    size_t len;
    char *yaml = t_read("examples/rubrics/coding-auditor.yaml", &len);
    CHECK(yaml != NULL);
    cf_rubric *r = yaml ? t_rubric(yaml) : NULL;
    cf_free(yaml);
    CHECK(r != NULL);
    if (!r)
        return;
    const char *cpc = P(",\"credentials\":[{\"code\":\"CPC\",\"kind\":\"coding\"}],\"measures\":{\"audit_accuracy\":0.96},"
                        "\"experience\":[{\"kind\":\"coding\",\"remote\":true,\"start\":\"2026-05-27\"}]");
    cf_report *rep = t_score(r, cpc, ASOF);
    CHECK(rep != NULL);
    if (rep) {
        CHECKF(fabs(t_quality(rep, "skill") - 78.333333) < 1e-4, "%f", t_quality(rep, "skill"));
        CHECKF(fabs(t_quality(rep, "drive") - 50) < 1e-9, "%f", t_quality(rep, "drive"));
        CHECKF(fabs(cf_report_score(rep) - 71.25) < 1e-9, "%f", cf_report_score(rep));
        CHECK(strcmp(cf_report_tier(rep), "hire") == 0 && cf_report_eligible(rep));
        CHECK(fabs(t_result(rep, "skill.credential")->points - 40) < 1e-9);
        CHECK(fabs(t_result(rep, "skill.accuracy")->points - 18.75) < 1e-9);
        CHECK(fabs(t_result(rep, "drive.remote")->points - 12.5) < 1e-9);
        /* gaps, largest first */
        CHECK(rep->ngaps == 3 && strcmp(rep->res[rep->gaps[0]].c->id, "remote") == 0 &&
              strcmp(rep->res[rep->gaps[1]].c->id, "credential") == 0);
        char *json = NULL;
        CHECK(cf_report_json(rep, 0, &json, NULL) == CF_OK && strstr(json, "\"score\":71.3,"));
        cf_free(json);
    }
    cf_report_free(rep);
    const char *lapsed = P(",\"credentials\":[{\"code\":\"CPC\",\"kind\":\"coding\",\"status\":\"lapsed\"}],"
                           "\"measures\":{\"audit_accuracy\":0.96},"
                           "\"experience\":[{\"kind\":\"coding\",\"remote\":true,\"start\":\"2026-05-27\"}]");
    rep = t_score(r, lapsed, ASOF);
    CHECK(rep && !cf_report_eligible(rep) && fabs(cf_report_score(rep) - 31.25) < 1e-9);
    cf_report_free(rep);
    cf_rubric_free(r);
}
