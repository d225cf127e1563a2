/* The JSON Resume importer. */
#include <math.h>
#include <string.h>
#include "t.h"

#define ASOF "2026-11-26"

static cf_profile *imp(const char *json)
{
    return t_profile(json, ASOF);
}

static const cJSON *at(const cf_profile *p, const char *a, int i, const char *b)
{
    if (!p)
        return NULL;
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(p->root, a);
    if (i >= 0)
        x = cJSON_GetArrayItem(x, i);
    return b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
}

static int str_is(const cJSON *v, const char *s)
{
    return s ? cJSON_IsString(v) && strcmp(v->valuestring, s) == 0 : v == NULL;
}

/* The code (or NULL) and kind that a certificate name imports as. */
static void cert(const char *name, const char *code, const char *kind, const char *status)
{
    char json[512];
    snprintf(json, sizeof json, "{\"certificates\":[{\"name\":\"%s\",\"date\":\"2020-01\"}]}", name);
    cf_profile *p = imp(json);
    CHECKF(str_is(at(p, "credentials", 0, "code"), code), "%s -> code %s", name, code ? code : "(none)");
    CHECKF(str_is(at(p, "credentials", 0, "kind"), kind), "%s -> kind %s", name, kind);
    CHECKF(str_is(at(p, "credentials", 0, "status"), status), "%s -> status %s", name, status ? status : "(none)");
    cf_profile_free(p);
}

static void credentials(void)
{
    cert("Certified Professional Coder (CPC)", "CPC", "coding", NULL);
    cert("Certified Professional Coder", "CPC", "coding", NULL);
    cert("CPC", "CPC", "coding", NULL);
    cert("CPC-A", "CPC-A", "coding", NULL);
    cert("Certified Professional Coder - Apprentice", "CPC-A", "coding", NULL);
    cert("Certified Professional Coder Apprentice (CPC-A)", "CPC-A", "coding", NULL);
    cert("COC-A", "COC-A", "coding", NULL);
    cert("Certified Outpatient Coder", "COC", "coding", NULL);
    cert("Registered Health Information Technician", "RHIT", "coding", NULL);
    cert("Registered Health Information Administrator (RHIA)", "RHIA", "coding", NULL);
    cert("Certified Coding Specialist - Physician-based (CCS-P)", "CCS-P", "coding", NULL);
    cert("Certified Coding Specialist", "CCS", "coding", NULL);
    cert("Certified Coding Associate", "CCA", "coding", NULL);
    cert("Certified Inpatient Coder", "CIC", "coding", NULL);
    cert("Certified Risk Adjustment Coder", "CRC", "coding", NULL);
    cert("Certified Billing and Coding Specialist", "CBCS", "coding", NULL);
    /* not coding credentials */
    cert("Licensed Practical Nurse", "LPN", "clinical", NULL);
    cert("Registered Nurse License", "RN", "clinical", NULL);
    cert("Certified Nursing Assistant (CNA)", "CNA", "clinical", NULL);
    cert("CPR and First Aid", "CPR", "other", NULL);
    cert("Google Data Analytics Professional Certificate", NULL, "other", NULL);
    cert("Microsoft Excel Expert", NULL, "other", NULL);
    /* status in words */
    cert("Certified Professional Coder (CPC) - lapsed", "CPC", "coding", "lapsed");
    cert("CCS (expired)", "CCS", "coding", "expired");
    cert("CPC exam candidate", "CPC", "coding", "in_progress");
}

static void edu(const char *type, const char *area, const char *inst, const char *level, const char *field)
{
    char json[512];
    snprintf(json, sizeof json, "{\"education\":[{\"studyType\":\"%s\",\"area\":\"%s\",\"institution\":\"%s\"}]}",
             type, area, inst);
    cf_profile *p = imp(json);
    CHECKF(str_is(at(p, "education", 0, "level"), level), "%s / %s -> %s", type, area, level);
    CHECKF(str_is(at(p, "education", 0, "field"), field), "%s / %s -> %s", type, area, field);
    cf_profile_free(p);
}

static void education(void)
{
    edu("Associate of Applied Science", "Health Information Technology", "State CC", "associate", "hit");
    edu("AAS", "Medical Coding", "", "associate", "medical_coding");
    edu("Certificate", "Medical Billing and Coding", "Tech College", "certificate", "medical_coding");
    edu("Diploma", "Medical Billing and Coding", "Career Institute", "certificate", "medical_coding");
    edu("Bachelor of Science", "Health Information Management", "", "bachelor", "him");
    edu("Bachelor of Science", "Information Technology", "", "bachelor", "other");
    edu("BSN", "Nursing", "", "bachelor", "clinical");
    edu("High School Diploma", "", "Central High School", "high_school", "other");
    edu("Diploma", "", "Westview High School", "high_school", "other");
    edu("GED", "", "", "high_school", "other");
    edu("Master of Business Administration", "Healthcare Management", "", "master", "health_admin");
}

static void work(void)
{
    cf_profile *p = imp("{\"work\":["
                        "{\"position\":\"Inpatient Coder III\",\"location\":\"Remote\",\"startDate\":\"2022-09\"},"
                        "{\"position\":\"Registered Nurse\",\"startDate\":\"2015\",\"endDate\":\"2020\"},"
                        "{\"position\":\"Cashier\",\"startDate\":\"2012\",\"endDate\":\"Present\"},"
                        "{\"position\":\"Medical Biller\",\"summary\":\"Worked from home\",\"startDate\":\"2011\"},"
                        "{\"position\":\"Software Engineer\",\"summary\":\"coding in C\",\"startDate\":\"2010\"}],"
                        "\"volunteer\":[{\"organization\":\"Free Clinic\",\"position\":\"Coding volunteer\",\"startDate\":\"2021\"}]}");
    CHECK(str_is(at(p, "experience", 0, "kind"), "coding"));
    CHECK(cJSON_IsTrue(at(p, "experience", 0, "remote")));
    CHECK(str_is(at(p, "experience", 0, "setting"), "inpatient"));
    CHECK(str_is(at(p, "experience", 1, "kind"), "clinical"));
    CHECK(str_is(at(p, "experience", 2, "kind"), "other"));
    CHECK(at(p, "experience", 2, "end") == NULL);          /* "Present" = ongoing */
    CHECK(str_is(at(p, "experience", 3, "kind"), "billing"));
    CHECK(cJSON_IsTrue(at(p, "experience", 3, "remote")));
    CHECK(str_is(at(p, "experience", 4, "kind"), "other"));  /* the title decides, not "coding in C" */
    CHECK(str_is(at(p, "experience", 5, "kind"), "coding"));
    CHECK(cJSON_IsTrue(at(p, "experience", 5, "volunteer")));
    CHECK(str_is(at(p, "experience", 5, "from"), "volunteer[0]"));
    cf_profile_free(p);
}

static double measure(const char *highlight, const char *start, const char *end, const char *key)
{
    char json[1024];
    snprintf(json, sizeof json, "{\"work\":[{\"position\":\"Coder\",\"startDate\":\"%s\"%s%s%s,\"highlights\":[\"%s\"]}]}",
             start, end ? ",\"endDate\":\"" : "", end ? end : "", end ? "\"" : "", highlight);
    cf_profile *p = imp(json);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(at(p, "measures", -1, NULL), key);
    double v = cJSON_IsNumber(m) ? m->valuedouble : -1;
    cf_profile_free(p);
    return v;
}

static void figures(void)
{
    CHECK(fabs(measure("Maintained 97.4% coding accuracy on audits", "2020", NULL, "audit_accuracy") - 0.974) < 1e-9);
    CHECK(fabs(measure("Audit score of 96 %", "2020", NULL, "audit_accuracy") - 0.96) < 1e-9);
    CHECK(measure("Reduced denials by 30%", "2020", NULL, "audit_accuracy") == -1);
    CHECK(measure("Grew volume 98% year on year", "2020", NULL, "audit_accuracy") == -1);
    CHECK(fabs(measure("Averaged 2.8 charts per hour", "2020", NULL, "charts_per_hour") - 2.8) < 1e-9);
    CHECK(fabs(measure("Coded 4 charts/hr", "2020", NULL, "charts_per_hour") - 4) < 1e-9);
    CHECK(fabs(measure("3 inpatient records an hour", "2020", NULL, "charts_per_hour") - 3) < 1e-9);
    CHECK(measure("Worked 40 hours per week", "2020", NULL, "charts_per_hour") == -1);
    CHECK(measure("2.8 charts per hour", "2020", "2023", "charts_per_hour") > 0);
    /* CEUs count when the entry is current or recent */
    CHECK(fabs(measure("Earned 36 CEUs in 2025", "2020", NULL, "ceu_hours_24m") - 36) < 1e-9);
    CHECK(measure("Earned 36 CEUs", "2015", "2018", "ceu_hours_24m") == -1);
    /* two statements: the best one, whatever the order */
    CHECK(fabs(measure("95% accuracy. Later 98% accuracy", "2020", NULL, "audit_accuracy") - 0.98) < 1e-9);
    CHECK(fabs(measure("98% accuracy. Earlier 95% accuracy", "2020", NULL, "audit_accuracy") - 0.98) < 1e-9);
}

static void errors(void)
{
    cf_diags d = {0};
    /* positioned errors for wrong types and bad dates */
    CHECK(t_profile_status("{\"work\": [\n  {\"position\": \"Coder\",\n   \"startDate\": \"June 2019\"}]}", ASOF, &d) == CF_EINPUT);
    CHECKF(t_has_diag(&d, "bad-date", 3, 4), "%s", d.n ? d.items[0].message : "");
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"basics\": {\"name\": \"X\"}, \"work\": {\"position\": 1}}", ASOF, &d) == CF_EINPUT);
    CHECK(t_has_diag(&d, "wrong-type", 1, 27));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"education\": [{\"courses\": [\"A\", 7]}]}", ASOF, &d) == CF_EINPUT);
    CHECK(t_has_diag(&d, "wrong-type", 1, 34));
    cf_diags_clear(&d);
    /* a native profile: unknown key with a suggestion, enum, range */
    CHECK(t_profile_status("{\"format\": \"coderfit-profile/1\",\n \"credentails\": []}", ASOF, &d) == CF_EINPUT);
    CHECK(t_has_diag(&d, "unknown-key", 2, 2) && strstr(d.items[0].message, "did you mean 'credentials'"));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"format\": \"coderfit-profile/1\", \"education\": [{\"level\": \"phd\"}]}", ASOF, &d) == CF_EINPUT);
    CHECK(t_has_diag(&d, "bad-value", 1, 49));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"format\": \"coderfit-profile/1\", \"measures\": {\"audit_accuracy\": 97.4}}", ASOF, &d) == CF_EINPUT);
    CHECK(t_has_diag(&d, "out-of-range", 1, 47));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"format\": \"coderfit-profile/9\"}", ASOF, &d) == CF_EINPUT && t_has_diag(&d, "bad-format", 1, 2));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"format\": \"coderfit-profile/1\", \"measures\": {\"audit_accuracy\": 1e999}}", ASOF, &d) == CF_EINPUT);
    cf_diags_clear(&d);
    /* duplicate keys, non-profiles */
    CHECK(t_profile_status("{\"basics\": {}, \"basics\": {}}", ASOF, &d) == CF_EINPUT && t_has_diag(&d, "duplicate-key", 1, 16));
    cf_diags_clear(&d);
    CHECK(t_profile_status("[1, 2]", ASOF, &d) == CF_EINPUT && t_has_diag(&d, "not-a-profile", 1, 1));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"a\": 1}", ASOF, &d) == CF_EINPUT && t_has_diag(&d, "not-a-profile", 1, 1));
    cf_diags_clear(&d);
    CHECK(t_profile_status("{\"title\": \"Coder\", \"skills\": []}", ASOF, &d) == CF_EINPUT &&
          strstr(d.items[0].message, "job description"));
    cf_diags_clear(&d);
    /* a profile with only a name is a profile */
    CHECK(t_profile_status("{\"basics\": {\"name\": \"Only A. Name\"}}", ASOF, &d) == CF_OK && d.n == 0);
}

/* convert's output is a valid native profile that scores the same. */
static void round_trip(void)
{
    const char *files[] = {"examples/applicants/inpatient-coder.json", "examples/applicants/nurse-to-coder.json",
                           "examples/applicants/lapsed-credential.json", "examples/applicants/apprentice-cpc-a.json"};
    cf_rubric *r = NULL;
    cf_diags d = {0};
    cf_rubric_load_default(&r, &d);
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *text = t_read(files[i], NULL);
        CHECKF(text != NULL, "%s", files[i]);
        if (!text)
            continue;
        cf_profile *p = imp(text);
        char *native = NULL;
        size_t len;
        CHECK(p && cf_profile_to_json(p, 1, &native, &len) == CF_OK);
        cf_profile *q = native ? imp(native) : NULL;
        CHECKF(q && strcmp(cf_profile_input_format(q), "native") == 0, "%s converts to a valid native profile", files[i]);
        cf_report *a = NULL, *b = NULL;
        if (p && q && r) {
            cf_score(r, p, &a);
            cf_score(r, q, &b);
        }
        CHECKF(a && b && cf_report_score(a) == cf_report_score(b), "%s: %f vs %f", files[i],
               a ? cf_report_score(a) : -1, b ? cf_report_score(b) : -1);
        cf_report_free(a);
        cf_report_free(b);
        cf_profile_free(p);
        cf_profile_free(q);
        cf_free(native);
        cf_free(text);
    }
    cf_rubric_free(r);
    cf_diags_clear(&d);
}

void test_import(void)
{
    credentials();
    education();
    work();
    figures();
    errors();
    round_trip();
}
