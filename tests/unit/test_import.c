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

/* Whether d has a warning (not an error) of rule at line:col. */
static int has_warning(const cf_diags *d, const char *rule, unsigned line, unsigned col)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity == CF_SEV_WARNING && strcmp(d->items[i].rule, rule) == 0 &&
            d->items[i].line == line && d->items[i].col == col)
            return 1;
    return 0;
}

/* A field that cannot be used is a warning with its position, and the
 * profile is read without it; only what is not a profile is refused. */
static void warnings(void)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
#define READ(json) (cf_diags_clear(&d), cf_profile_free(p), p = NULL, \
                    cf_profile_parse("x.json", json, strlen(json), 1, t_day(ASOF), &p, &d))
    CHECK(READ("{\"work\": [\n  {\"position\": \"Coder\",\n   \"startDate\": \"Junee 2019\"}]}") == CF_OK);
    CHECKF(has_warning(&d, "bad-date", 3, 4), "%s", d.n ? d.items[0].message : "");
    CHECK(p && cf_profile_warnings(p) == 1 && !at(p, "experience", 0, "start") &&
          str_is(at(p, "experience", 0, "kind"), "coding"));
    CHECK(d.n && strstr(d.items[0].message, "'work[0].startDate'") && !strstr(d.items[0].message, "Junee"));
    CHECK(READ("{\"basics\": {\"name\": \"X\"}, \"work\": {\"position\": 1}}") == CF_OK);
    CHECK(has_warning(&d, "wrong-type", 1, 27) && p && !at(p, "experience", -1, NULL));
    CHECK(READ("{\"education\": [{\"courses\": [\"A\", 7]}]}") == CF_OK);
    CHECK(has_warning(&d, "wrong-type", 1, 34) &&
          cJSON_GetArraySize(at(p, "education", 0, "courses")) == 1);
    /* a date as a number is a year; a string where a list is wanted is a
     * list of one */
    CHECK(READ("{\"work\": [{\"position\": \"Coder\", \"startDate\": 2019, \"highlights\": \"Coded E/M\"}]}") == CF_OK);
    CHECK(d.n == 0 && str_is(at(p, "experience", 0, "start"), "2019") &&
          cJSON_GetArraySize(at(p, "experience", 0, "highlights")) == 1);
    /* a native profile: unknown key with a suggestion, enum, range, dates */
    CHECK(READ("{\"format\": \"coderfit-profile/1\",\n \"credentails\": []}") == CF_OK);
    CHECK(has_warning(&d, "unknown-key", 2, 2) && strstr(d.items[0].message, "did you mean 'credentials'"));
    CHECK(p && !cJSON_GetObjectItem(p->root, "credentails"));
    CHECK(READ("{\"format\": \"coderfit-profile/1\", \"education\": [{\"level\": \"phd\"}]}") == CF_OK);
    CHECK(has_warning(&d, "bad-value", 1, 49) && !at(p, "education", 0, "level"));
    CHECK(READ("{\"format\": \"coderfit-profile/1\", \"measures\": {\"audit_accuracy\": 97.4}}") == CF_OK);
    CHECK(has_warning(&d, "out-of-range", 1, 47) && !cJSON_GetObjectItem(at(p, "measures", -1, NULL), "audit_accuracy"));
    CHECK(READ("{\"format\": \"coderfit-profile/1\", \"measures\": {\"audit_accuracy\": 1e999}}") == CF_OK);
    CHECK(has_warning(&d, "out-of-range", 1, 47));
    CHECK(READ("{\"format\": \"coderfit-profile/1\", \"experience\": [{\"kind\": \"coding\", \"start\": \"Mar 2019\","
               " \"end\": \"Present\"}]}") == CF_OK);
    CHECK(d.n == 0 && str_is(at(p, "experience", 0, "start"), "2019-03") && !at(p, "experience", 0, "end"));
    CHECK(READ("{\"format\": \"coderfit-profile/1\", \"experience\": [{\"kind\": \"coding\", \"start\": \"someday\"}]}") ==
          CF_OK);
    CHECK(has_warning(&d, "bad-date", 1, 68) && !at(p, "experience", 0, "start"));
    CHECK(READ("{\"format\": \"coderfit-profile/9\"}") == CF_EINPUT && t_has_diag(&d, "bad-format", 1, 2));
    CHECK(READ("{\"format\": 1}") == CF_EINPUT && t_has_diag(&d, "bad-format", 1, 2));
    /* duplicate keys: the last value wins, with a warning at the last */
    CHECK(READ("{\"basics\": {}, \"basics\": {\"summary\": \"CPC\"}}") == CF_OK);
    CHECK(has_warning(&d, "duplicate-key", 1, 16) && str_is(at(p, "summary", -1, NULL), "CPC"));
    CHECK(READ("{\"languages\": [], \"work\": [], \"languages\": []}") == CF_OK && cf_profile_warnings(p) == 1);
    /* past CF_MAX_WARNINGS, counted: the rest are not located */
    {
        char big[20000] = "{\"work\": [";
        for (int i = 0; i < 60; i++)
            strcat(big, i ? ", {\"startDate\": \"zz\"}" : "{\"startDate\": \"zz\"}");
        strcat(big, "]}");
        CHECK(READ(big) == CF_OK && cf_profile_warnings(p) == 60 && p->warnings.n == 50 && p->warnings.more == 10);
        CHECK(t_has_diag(&d, "more-warnings", 0, 0));
    }
    /* what is not a profile is still refused */
    CHECK(READ("[1, 2]") == CF_EINPUT && t_has_diag(&d, "not-a-profile", 1, 1));
    CHECK(READ("{\"a\": 1}") == CF_EINPUT && t_has_diag(&d, "not-a-profile", 1, 1));
    CHECK(READ("{\"title\": \"Coder\", \"skills\": []}") == CF_EINPUT && strstr(d.items[0].message, "job description"));
    CHECK(READ("{\"basics\": ") == CF_EINPUT && t_has_diag(&d, "json", 0, 0));
    /* a profile with only a name is a profile */
    CHECK(READ("{\"basics\": {\"name\": \"Only A. Name\"}}") == CF_OK && d.n == 0);
#undef READ
    cf_profile_free(p);
    cf_diags_clear(&d);
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
    warnings();
    round_trip();
}
