/* Resumes read as people write them: the tokenizer's Unicode and coders'
 * forms, dates, credentials wherever they are stated and the words around
 * them, figures in prose, job kinds, references. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "t.h"

#define ASOF "2026-11-26"

/* ---- words ------------------------------------------------------------------ */

static int join_tok(void *ctx, const char *tok, size_t n, uint64_t hash)
{
    char *out = ctx;
    if (hash != cf_fnv1a(tok, n, CF_FNV_INIT))
        strcat(out, "!bad-hash!");
    if (*out)
        strcat(out, " ");
    strncat(out, tok, n);
    return 0;
}

static void words(const char *text, const char *want)
{
    char got[512] = "";
    cf_tokenize(text, join_tok, got);
    CHECKF(strcmp(got, want) == 0, "'%s' -> '%s', want '%s'", text, got, want);
}

static void tokenizer(void)
{
    CHECK(cf_text_tables_agree());
    words("ICD-10-CM", "icd 10 cm");
    words("ICD 10 CM", "icd 10 cm");
    words("Icd-10-Cm.", "icd 10 cm");
    words("ICD\xe2\x80\x91" "10\xe2\x80\x91" "CM", "icd 10 cm");            /* no-break hyphens */
    words("ICD\xe2\x80\x90" "10\xe2\x80\x90" "CM", "icd 10 cm");            /* hyphens */
    words("CPC\xc2\xae, CPMA\xc2\xae, CEMC\xc2\xae", "cpc cpma cemc");     /* registered signs */
    words("3M\xe2\x84\xa2 and Epic\xc2\xae (c)\xc2\xa9", "3m and epic c");  /* trade mark, copyright */
    words("CPC\xc2\xae\xef\xb8\x8f", "cpc");                                /* with a variation selector */
    words("18\xe2\x80\x93" "22 charts", "18 22 charts");                    /* en dash */
    words("coder\xe2\x80\x94remote", "coder remote");                       /* em dash */
    words("\xe2\x80\x9c" "coder\xe2\x80\x99s\xe2\x80\x9d", "coder s");      /* curly quotes */
    words("\xe2\x80\xa2 Coded E/M", "coded em");                            /* a bullet */
    words("\xe2\x96\xaa Coded\xc2\xa0" "charts", "coded charts");           /* square bullet, no-break space */
    words("\xe2\x9c\x94 done \xf0\x9f\x98\x80 ok", "done ok");              /* check mark, emoji */
    words("co\xc2\xad" "ding", "coding");                                   /* a soft hyphen joins */
    words("E/M, E&M, e/m and E & M", "em em em and e and m");
    words("A&P", "ap");
    words("Anatomy & Physiology", "anatomy and physiology");
    words("ICD-10-CM/PCS", "icd 10 cm icd 10 pcs");
    words("ICD\xe2\x80\x91" "10\xe2\x80\x91" "CM/PCS coding", "icd 10 cm icd 10 pcs coding");
    words("MS-DRG/APR-DRG", "ms drg apr drg");                              /* two whole names */
    words("CPT/HCPCS", "cpt hcpcs");
    words("CMS-HCC V24/V28", "cms hcc v24 v28");
    words("Ren\xc3\xa9" "e \xc3\x89" "COLE \xc3\x9f \xc5\x81\xc3\xb3" "d\xc5\xba", "ren\xc3\xa9" "e \xc3\xa9" "cole \xc3\x9f \xc5\x82\xc3\xb3" "d\xc5\xba");
    words("\xce\x91\xce\x92\xce\x93 \xd0\x9a\xd0\x9e\xd0\x94", "\xce\xb1\xce\xb2\xce\xb3 \xd0\xba\xd0\xbe\xd0\xb4");   /* Greek, Cyrillic */
    words("caf\xe9 ok", "caf\xe9 ok");                                      /* not UTF-8: kept in the word */
    /* the plain fast path hands over to the full tokenizer mid-text */
    words("Coded inpatient ICD-10-CM/PCS daily", "coded inpatient icd 10 cm icd 10 pcs daily");
    words("Coded for years E/M and A&P", "coded for years em and ap");
    words("one two three Ren\xc3\xa9" "e", "one two three ren\xc3\xa9" "e");
    words("one two & three", "one two and three");
    words("x \xe2\x80\xa2 y", "x y");
    words("", "");
    words("\xc2\xae\xe2\x80\xa2", "");
}

/* ---- dates ---------------------------------------------------------------------- */

static void date_is(const char *s, const char *want)
{
    cf_date d;
    char got[16];
    int r = cf_date_read(s, &d);
    if (r == CF_DATE_OK)
        cf_date_format(&d, got);
    else
        snprintf(got, sizeof got, "%s", r == CF_DATE_NOW ? "now" : "bad");
    CHECKF(strcmp(got, want) == 0, "'%s' -> %s, want %s", s, got, want);
}

static void dates(void)
{
    date_is("2019", "2019");
    date_is("2019-03", "2019-03");
    date_is("2019-03-05", "2019-03-05");
    date_is("2019-01-01T00:00:00.000Z", "2019-01-01");
    date_is("2019-03-01T09:30:00+02:00", "2019-03-01");
    date_is("2019-03-01 12:00", "2019-03-01");
    date_is("Mar 2019", "2019-03");
    date_is("mar 2019", "2019-03");
    date_is("MARCH 2019", "2019-03");
    date_is("March 2018", "2018-03");
    date_is("Jan 2019", "2019-01");
    date_is("Sept. 2019", "2019-09");
    date_is("Sep 2019", "2019-09");
    date_is("September, 2019", "2019-09");
    date_is("May\xc2\xa0" "2026", "2026-05");      /* a no-break space */
    date_is("March 5, 2019", "2019-03-05");
    date_is("5 March 2019", "2019-03-05");
    date_is("01/2019", "2019-01");
    date_is("1/2019", "2019-01");
    date_is("3/5/2019", "2019-03-05");
    date_is("03/05/2019", "2019-03-05");
    date_is("2019/03", "2019-03");
    date_is("2019/03/05", "2019-03-05");
    date_is("03-2019", "2019-03");
    date_is("Fall 2019", "2019-09");
    date_is("Expected May 2027", "2027-05");
    date_is("2019.", "2019");
    date_is("Present", "now");
    date_is("present", "now");
    date_is("Current", "now");
    date_is("CURRENT", "now");
    date_is("Now", "now");
    date_is("till date", "now");
    date_is("Till Date", "now");
    date_is("to date", "now");
    date_is("ongoing", "now");
    date_is("Currently employed", "now");
    date_is("-", "now");
    date_is("2019-13", "bad");
    date_is("2019-02-30", "bad");
    date_is("13/2019", "bad");
    date_is("Marc 2019", "bad");
    date_is("someday", "bad");
    date_is("1850", "bad");
    date_is("2019-2021", "bad");
    date_is("2 years", "bad");
    date_is("$2019", "bad");
}

/* ---- credentials ------------------------------------------------------------------ */

static cf_profile *read_json(const char *json)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
    cf_status st = cf_profile_parse("r.json", json, strlen(json), 1, t_day(ASOF), &p, &d);
    CHECKF(st == CF_OK && d.n == 0, "%s: %s", json, d.n ? d.items[0].message : "refused");
    cf_diags_clear(&d);
    return p;
}

/* The credential with code, or NULL. */
static const cJSON *cred(const cf_profile *p, const char *code)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(p ? p->root : NULL, "credentials")) {
        const cJSON *k = cJSON_GetObjectItem(c, "code");
        if (cJSON_IsString(k) && strcmp(k->valuestring, code) == 0)
            return c;
    }
    return NULL;
}

static const char *field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    return cJSON_IsString(v) ? v->valuestring : "-";
}

static int ncreds(const cf_profile *p)
{
    return cJSON_GetArraySize(cJSON_GetObjectItem(p->root, "credentials"));
}

/* A resume whose basics.KEY says TEXT: the credential CODE with status
 * (or "-"), earned (or "-"), from. */
static void stated(const char *key, const char *text, const char *code, const char *status, const char *earned,
                   const char *from)
{
    char json[1024];
    snprintf(json, sizeof json, "{\"basics\": {\"%s\": \"%s\"}}", key, text);
    cf_profile *p = read_json(json);
    const cJSON *c = cred(p, code);
    CHECKF(c && strcmp(field(c, "status"), status) == 0 && strcmp(field(c, "earned"), earned) == 0 &&
               strcmp(field(c, "from"), from) == 0,
           "%s \"%s\": %s %s %s %s", key, text, c ? code : "no credential", field(c, "status"), field(c, "earned"),
           field(c, "from"));
    cf_profile_free(p);
}

/* A resume whose basics.KEY says TEXT names no credential CODE. */
static void not_stated(const char *key, const char *text, const char *code)
{
    char json[1024];
    snprintf(json, sizeof json, "{\"basics\": {\"%s\": \"%s\"}}", key, text);
    cf_profile *p = read_json(json);
    CHECKF(p && !cred(p, code), "%s \"%s\" names %s: %s", key, text, code, field(cred(p, code), "status"));
    cf_profile_free(p);
}

static void credentials_anywhere(void)
{
    /* the label, after the name, the summary; signs, case, full names */
    stated("label", "Medical Coder, CPC, CRC", "CRC", "-", "-", "basics.label");
    stated("label", "Senior Risk Adjustment Coder \xe2\x80\x93 CPC\xc2\xae, CRC\xc2\xae", "CPC", "-", "-", "basics.label");
    stated("label", "ccs, cpc", "CCS", "-", "-", "basics.label");
    stated("label", "CPC-A | Coding Apprentice", "CPC-A", "-", "-", "basics.label");
    stated("label", "CPC\xe2\x80\x91" "A\xc2\xae | Coding Apprentice", "CPC-A", "-", "-", "basics.label");
    stated("label", "CPC A | Coding Apprentice", "CPC-A", "-", "-", "basics.label");
    stated("name", "Jane Doe, RHIT, CCS", "RHIT", "-", "-", "basics.name");
    stated("name", "Jane Doe, RHIT, CCS", "CCS", "-", "-", "basics.name");
    not_stated("name", "Cpc Jones", "CPC");                      /* the name itself is never read */
    stated("summary", "AAPC certified coder (CPC, CRC) with 7 years of HCC review.", "CPC", "-", "-", "basics.summary");
    stated("summary", "Certified Coding Specialist (CCS) with eleven years.", "CCS", "-", "-", "basics.summary");
    stated("summary", "COC-certified hospital outpatient coder.", "COC", "-", "-", "basics.summary");
    stated("summary", "Certified Coding Associate since July 2026.", "CCA", "-", "2026-07", "basics.summary");
    stated("summary", "I passed the CPC in 2014 and the CCS in 2016.", "CCS", "-", "2016", "basics.summary");
    stated("summary", "I passed the CPC in 2014 and the CCS in 2016.", "CPC", "-", "2014", "basics.summary");
    /* the AAPC specialty and CDI credentials, the old names */
    stated("label", "Coding Compliance Auditor | CPC, CPMA, CEMC", "CEMC", "-", "-", "basics.label");
    static const char *const specialty[] = {"CIRCC", "CPCO", "CDEO", "CPPM", "CANPC", "CASCC", "CGSC", "COBGC",
                                            "CDIP", "CCDS", "CCDS-O", "CHDA", "CEDC", "CGIC", "CUC", NULL};
    for (const char *const *s = specialty; *s; s++)
        stated("label", *s, *s, "-", "-", "basics.label");
    stated("label", "Certified Interventional Radiology Cardiovascular Coder", "CIRCC", "-", "-", "basics.label");
    stated("label", "CPC-H", "COC", "-", "-", "basics.label");
    not_stated("label", "CPC-H", "CPC");
    stated("summary", "Certified Documentation Integrity Practitioner.", "CDIP", "-", "-", "basics.summary");
    /* what the words around it say */
    stated("label", "Medical Coder (CPC - inactive)", "CPC", "lapsed", "-", "basics.label");
    stated("summary", "My CPC lapsed in January 2024.", "CPC", "lapsed", "-", "basics.summary");
    stated("summary", "Former CCS, now in billing.", "CCS", "lapsed", "-", "basics.summary");
    stated("summary", "Certified Professional Coder (former LPN).", "LPN", "lapsed", "-", "basics.summary");
    stated("summary", "Certified Professional Coder (former LPN).", "CPC", "-", "-", "basics.summary");
    stated("summary", "Sitting the RHIT exam in January.", "RHIT", "in_progress", "-", "basics.summary");
    stated("summary", "Registered for the CPC exam in December 2026.", "CPC", "in_progress", "-", "basics.summary");
    stated("summary", "Planning to sit for the CCS in 2027.", "CCS", "in_progress", "-", "basics.summary");
    stated("summary", "Next goal: CCS.", "CCS", "in_progress", "-", "basics.summary");
    stated("summary", "CPC candidate", "CPC", "in_progress", "-", "basics.summary");
    stated("summary", "CPC exam in January 2027", "CPC", "in_progress", "-", "basics.summary");
    stated("summary", "Reinstated my CPC in 2025 after it lapsed.", "CPC", "active", "-", "basics.summary");
    {
        cf_profile *p = read_json("{\"basics\": {\"summary\": \"Reinstated my CPC in 2025 after it lapsed.\"}}");
        CHECK(strcmp(field(cred(p, "CPC"), "renewed"), "2025") == 0);
        cf_profile_free(p);
    }
    not_stated("summary", "Completed AAPC's CPC preparation course (80 contact hours).", "CPC");
    not_stated("summary", "CPC exam prep in progress.", "CPC");
    not_stated("summary", "Not a CPC yet.", "CPC");
    not_stated("summary", "Passed the CPC a year ago.", "CPC-A");
    /* "apprentice status removed": the full credential */
    stated("summary", "CPC-A (apprentice status removed 2024)", "CPC", "-", "-", "basics.summary");
    not_stated("summary", "CPC-A (apprentice status removed 2024)", "CPC-A");
    stated("summary", "CPC-A; working toward removing the A.", "CPC-A", "-", "-", "basics.summary");

    /* certificates: several in one name, each once with where else it is said */
    cf_profile *p = read_json("{\"basics\": {\"label\": \"Auditor | CPC\xc2\xae\", \"summary\": \"CPC, CPMA\"},"
                              " \"certificates\": [{\"name\": \"CPC\xc2\xae, CPMA\xc2\xae, CEMC\xc2\xae, CRC\xc2\xae\","
                              " \"issuer\": \"AAPC\", \"date\": \"Mar 2015\"}]}");
    CHECK(p && ncreds(p) == 4);
    const cJSON *c = cred(p, "CPC");
    CHECKF(c && strcmp(field(c, "from"), "certificates[0]") == 0 && strcmp(field(c, "earned"), "2015-03") == 0,
           "%s %s", field(c, "from"), field(c, "earned"));
    const cJSON *also = cJSON_GetObjectItem(c, "also_from");
    CHECK(cJSON_GetArraySize(also) == 2 && strcmp(cJSON_GetArrayItem(also, 0)->valuestring, "basics.label") == 0 &&
          strcmp(cJSON_GetArrayItem(also, 1)->valuestring, "basics.summary") == 0);
    CHECK(cred(p, "CEMC") && cred(p, "CRC") && strcmp(field(cred(p, "CRC"), "body"), "AAPC") == 0);
    cf_profile_free(p);
    /* an expiry written beside it */
    p = read_json("{\"certificates\": [{\"name\": \"CCS-P (expired 12/2025)\", \"issuer\": \"AHIMA\", \"date\": \"2016\"}]}");
    c = cred(p, "CCS-P");
    CHECK(c && strcmp(field(c, "status"), "expired") == 0 && strcmp(field(c, "expires"), "2025-12") == 0 &&
          strcmp(field(c, "earned"), "2016") == 0);
    cf_profile_free(p);
    /* a passed exam gives way to the apprentice credential stated beside it */
    p = read_json("{\"basics\": {\"label\": \"CPC-A\", \"summary\": \"Passed the CPC exam in May 2026.\"}}");
    CHECK(p && cred(p, "CPC-A") && !cred(p, "CPC"));
    cf_profile_free(p);
    /* job titles; work text only after a word of earning */
    p = read_json("{\"work\": [{\"position\": \"Coding Specialist, CPC-A\", \"startDate\": \"2025\"},"
                  " {\"position\": \"Coder\", \"startDate\": \"2017\", \"endDate\": \"2020\","
                  " \"summary\": \"Took the certificate at night and passed the CCS in 2019.\","
                  " \"highlights\": [\"Trained CRC coders\", \"Pharmacy Technician duties\"]}]}");
    CHECK(p && cred(p, "CPC-A") && strcmp(field(cred(p, "CPC-A"), "from"), "work[0]") == 0);
    CHECK(p && cred(p, "CCS") && strcmp(field(cred(p, "CCS"), "earned"), "2019") == 0);
    CHECK(p && !cred(p, "CRC") && !cred(p, "CPhT"));
    cf_profile_free(p);
    p = read_json("{\"work\": [{\"position\": \"Pharmacy Technician II\", \"startDate\": \"2023\"}]}");
    CHECK(p && !cred(p, "CPhT"));                                 /* a job title, not a certification */
    cf_profile_free(p);
}

/* An undated credential: the evidence says where it was stated, and the
 * rubric's currency.undated decides its worth. */
static void undated(void)
{
#define RUBRIC_FMT                                                                       \
    "format: coderfit-rubric/1\nid: u\nversion: '1'\ntiers: [{id: a, label: A, min: 0}]\n"  \
    "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"                    \
    "      - {id: c, type: credential, weight: 1, path: credentials, points: {CPC: 1},\n"    \
    "         currency: {lapsed: 0%s}, advice: x}\n"
    char yaml[1024];
    snprintf(yaml, sizeof yaml, RUBRIC_FMT, ", undated: 0.5");
    cf_rubric *r = t_rubric(yaml);
    snprintf(yaml, sizeof yaml, RUBRIC_FMT, "");
    cf_rubric *r1 = t_rubric(yaml);
    cf_report *rep = t_score(r, "{\"basics\": {\"label\": \"Coder, CPC\"}}", ASOF);
    const cf_result *res = t_result(rep, "q.c");
    CHECKF(res && fabs(res->fraction - 0.5) < 1e-9 && res->nev == 1 &&
               strcmp(res->ev[0].note, "undated: stated in the label") == 0,
           "%g %s", res ? res->fraction : -1, res && res->nev ? res->ev[0].note : "");
    cf_report_free(rep);
    rep = t_score(r1, "{\"basics\": {\"name\": \"A B, CPC\"}}", ASOF);
    res = t_result(rep, "q.c");
    CHECK(res && res->fraction == 1 && strcmp(res->ev[0].note, "undated: stated after the name") == 0);
    cf_report_free(rep);
    rep = t_score(r, "{\"certificates\": [{\"name\": \"CPC\", \"date\": \"2020\"}]}", ASOF);
    res = t_result(rep, "q.c");
    CHECK(res && res->fraction == 1);
    cf_report_free(rep);
    cf_rubric_free(r);
    cf_rubric_free(r1);
    /* out of range */
    cf_diags d = {0};
    snprintf(yaml, sizeof yaml, RUBRIC_FMT, ", undated: 2");
    CHECK(t_rubric_status(yaml, &d) == CF_ERUBRIC && t_has_diag(&d, "bad-number", 0, 0));
    cf_diags_clear(&d);
}

/* ---- figures --------------------------------------------------------------------- */

/* measures[key] of a resume whose coding job (or summary, when where is
 * "summary") says text, or -1. */
static double figure(const char *where, const char *position, const char *text, const char *key)
{
    char json[1024];
    if (strcmp(where, "summary") == 0)
        snprintf(json, sizeof json, "{\"basics\": {\"summary\": \"%s\"}}", text);
    else if (strcmp(where, "certificate") == 0)
        snprintf(json, sizeof json, "{\"certificates\": [{\"name\": \"%s\"}]}", text);
    else
        snprintf(json, sizeof json, "{\"work\": [{\"position\": \"%s\", \"startDate\": \"2020\", \"%s\": [\"%s\"]}]}",
                 position, where, text);
    cf_profile *p = read_json(json);
    const cJSON *m = cJSON_GetObjectItem(cJSON_GetObjectItem(p ? p->root : NULL, "measures"), key);
    double v = cJSON_IsNumber(m) ? m->valuedouble : -1;
    cf_profile_free(p);
    return v;
}

#define NEAR(a, b) (fabs((a) - (b)) < 1e-9)

static void prose_figures(void)
{
    CHECK(NEAR(figure("highlights", "Coder", "Maintained a 2% error rate", "audit_accuracy"), 0.98));
    CHECK(NEAR(figure("highlights", "Coder", "Error rate under 3% on quarterly audits", "audit_accuracy"), 0.97));
    CHECK(NEAR(figure("highlights", "Coder", "96.8% DRG accuracy on the 2025 audit; 97.4% in 2024", "audit_accuracy"), 0.974));
    CHECK(NEAR(figure("highlights", "Coder", "My last audits were 98%, 97.9% and 98.3%", "audit_accuracy"), 0.98));
    CHECK(figure("highlights", "Auditor", "Providers under the 95% accuracy target get education", "audit_accuracy") == -1);
    CHECK(NEAR(figure("highlights", "Coder", "Met the 95% accuracy standard every quarter", "audit_accuracy"), 0.95));
    CHECK(NEAR(figure("summary", "", "My DRG accuracy has been 96% or better on every audit.", "audit_accuracy"), 0.96));
    CHECK(figure("highlights", "Coder", "Delinquency down from 9% to 4%", "audit_accuracy") == -1);
    CHECK(NEAR(figure("highlights", "Coder", "14 E/M encounters per hour", "charts_per_hour"), 14));
    CHECK(NEAR(figure("highlights", "Coder", "22-25 charts/day", "charts_per_day"), 23.5));
    CHECK(figure("highlights", "Coder", "22-25 charts/day", "charts_per_hour") == -1);   /* never guessed */
    CHECK(NEAR(figure("highlights", "Coder", "Code 18\xe2\x80\x93" "22 inpatient records a day", "charts_per_day"), 20));
    CHECK(NEAR(figure("highlights", "Coder", "Code 90-110 ED facility encounters per shift", "charts_per_day"), 100));
    CHECK(NEAR(figure("highlights", "Coder", "Code lab and radiology accounts, 25-30 an hour", "charts_per_hour"), 27.5));
    CHECK(NEAR(figure("highlights", "Coder", "Reached the 2.5 charts-per-hour standard", "charts_per_hour"), 2.5));
    CHECK(NEAR(figure("highlights", "Coder", "1.8 charts/hour and climbing toward the 2.5 standard", "charts_per_hour"), 1.8));
    CHECK(figure("highlights", "Coder", "Paid $25 an hour", "charts_per_hour") == -1);
    CHECK(figure("highlights", "Coder", "36 hours a week", "charts_per_hour") == -1);
    CHECK(figure("highlights", "Medical Receptionist", "120+ patients a day", "charts_per_day") == -1);
    CHECK(figure("highlights", "Denials Representative", "60-80 denied accounts a day", "charts_per_day") == -1);
    CHECK(NEAR(figure("summary", "", "I beat the 2.5 inpatient charts per hour standard.", "charts_per_hour"), 2.5));
    CHECK(NEAR(figure("summary", "", "Completed 30 CEUs this year.", "ceu_hours_24m"), 30));
    CHECK(figure("summary", "", "Completed 40 CEUs in 2021.", "ceu_hours_24m") == -1);   /* not recent */
    CHECK(NEAR(figure("certificate", "", "30 CEUs", "ceu_hours_24m"), 30));
    CHECK(NEAR(figure("highlights", "Coder", "Earned 20 continuing education units", "ceu_hours_24m"), 20));
}

static int hipaa(const char *json)
{
    cf_profile *p = read_json(json);
    int v = cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(p ? p->root : NULL, "attestations"), "hipaa_trained"));
    cf_profile_free(p);
    return v;
}

static void hipaa_training(void)
{
    CHECK(hipaa("{\"work\": [{\"position\": \"Coder\", \"highlights\": [\"Completed annual HIPAA privacy and security training\"]}]}"));
    CHECK(hipaa("{\"work\": [{\"position\": \"Clerk\", \"summary\": \"HIPAA refresher every year\"}]}"));
    CHECK(hipaa("{\"basics\": {\"summary\": \"Trained in HIPAA.\"}}"));
    CHECK(hipaa("{\"certificates\": [{\"name\": \"HIPAA Awareness for Healthcare Workers\"}]}"));
    CHECK(!hipaa("{\"basics\": {\"summary\": \"HIPAA compliant.\"}}"));
    CHECK(!hipaa("{\"work\": [{\"position\": \"HIM\", \"highlights\": [\"HIPAA accounting of disclosures\"]}]}"));
    cf_profile *p = read_json("{\"work\": [{\"position\": \"Coder\", \"startDate\": \"2020\","
                              " \"highlights\": [\"Annual HIPAA training, last in March 2026\"]}]}");
    const cJSON *a = cJSON_GetObjectItem(p ? p->root : NULL, "attestations");
    CHECK(strcmp(field(a, "hipaa_training"), "2026-03") == 0);
    cf_profile_free(p);
}

/* ---- job kinds and references -------------------------------------------------------- */

static const char *kind_of(const char *position)
{
    static char out[32];
    char json[512];
    snprintf(json, sizeof json, "{\"work\": [{\"position\": \"%s\", \"startDate\": \"2020\"}]}", position);
    cf_profile *p = read_json(json);
    snprintf(out, sizeof out, "%s",
             field(cJSON_GetArrayItem(cJSON_GetObjectItem(p ? p->root : NULL, "experience"), 0), "kind"));
    cf_profile_free(p);
    return out;
}

static void job_kinds(void)
{
    static const char *const cases[][2] = {
        {"Risk Adjustment Coder", "coding"},       {"HCC Coder II", "coding"},
        {"Coding Specialist I (Outpatient)", "coding"}, {"Coding Apprentice", "coding"},
        {"Coding Auditor", "audit"},               {"Senior Coding Auditor", "audit"},
        {"DRG Validator", "audit"},                {"Coding Quality Analyst", "audit"},
        {"Abstractor", "abstracting"},             {"Cancer Registrar", "abstracting"},
        {"Revenue Integrity Analyst", "revenue_integrity"}, {"Charge Capture Specialist", "revenue_integrity"},
        {"CDI Specialist II", "cdi"},              {"Clinical Documentation Integrity Specialist", "cdi"},
        {"Coding Instructor (Python bootcamp)", "other"},
        {"Software Engineer - Coding Standards", "other"},
        {"Senior Software Engineer", "other"},
        {"Billing & Coding Specialist", "billing"}, {"Charge Entry / AR Rep", "billing"},
        {"Patient Financial Services Rep II \xe2\x80\x93 Denials", "billing"},
        {"Medical Records Clerk", "him"},          {"Staff Nurse, Medical-Surgical Unit", "clinical"},
        {"Patient Access Representative", "healthcare_admin"}, {"Store Manager", "other"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *k = kind_of(cases[i][0]);
        CHECKF(strcmp(k, cases[i][1]) == 0, "'%s' -> %s, want %s", cases[i][0], k, cases[i][1]);
    }
    /* auditing is coding work; CDI counts beside it */
    cf_profile *p = read_json("{\"work\": [{\"position\": \"Coding Auditor\", \"startDate\": \"2024-11\"},"
                              " {\"position\": \"CDI Specialist\", \"startDate\": \"2022-11\", \"endDate\": \"2024-10\"}]}");
    const cJSON *d = cJSON_GetObjectItem(p ? p->root : NULL, "derived");
    CHECK(NEAR(cJSON_GetObjectItem(d, "coding_months")->valuedouble, 24.8) &&
          NEAR(cJSON_GetObjectItem(d, "cdi_months")->valuedouble, 24) &&
          NEAR(cJSON_GetObjectItem(d, "coding_related_months")->valuedouble, 48.9));
    cf_profile_free(p);
}

static int nrefs(const char *refs)
{
    char json[512];
    snprintf(json, sizeof json, "{\"references\": %s}", refs);
    cf_profile *p = read_json(json);
    int n = cJSON_GetArraySize(cJSON_GetObjectItem(p ? p->root : NULL, "references"));
    cf_profile_free(p);
    return n;
}

static void references(void)
{
    CHECK(nrefs("[{\"name\": \"References available upon request\"}]") == 0);
    CHECK(nrefs("[{\"reference\": \"Available on request.\"}]") == 0);
    CHECK(nrefs("[{\"name\": \"\", \"reference\": \"\"}]") == 0);
    CHECK(nrefs("[{\"name\": \"A. Manager\", \"reference\": \"A careful coder.\"}, {\"reference\": \"Upon request\"}]") == 1);
}

/* ---- the stories: the same facts, the same score ------------------------------ */

static void stories(void)
{
    cf_rubric *r = NULL;
    cf_diags d = {0};
    CHECK(cf_rubric_load_default(&r, &d) == CF_OK);
    cf_diags_clear(&d);
    const char *work = "\"work\": [{\"position\": \"Coding Auditor\", \"startDate\": \"2014-01\","
                       " \"highlights\": [\"Audit E/M and procedure coding\"]}]";
    char a[1024], b[1024];
    snprintf(a, sizeof a, "{\"certificates\": [{\"name\": \"CPC\xc2\xae, CPMA\xc2\xae, CEMC\xc2\xae\", \"date\": \"2015\"}], %s}", work);
    snprintf(b, sizeof b, "{\"certificates\": [{\"name\": \"CPC, CPMA, CEMC\", \"date\": \"2015\"}], %s}", work);
    cf_report *ra = t_score(r, a, ASOF), *rb = t_score(r, b, ASOF);
    const cf_result *ca = t_result(ra, "education.credential");
    CHECKF(ra && rb && ra->score == rb->score && ca && ca->fraction == 1, "%.1f and %.1f", ra ? ra->score : -1,
           rb ? rb->score : -1);
    cf_report_free(ra);
    cf_report_free(rb);
    /* credentials in the label and summary, or in a certificates section */
    const char *coder = "\"work\": [{\"position\": \"Medical Coder\", \"startDate\": \"2019-06\"}]";
    snprintf(a, sizeof a, "{\"basics\": {\"label\": \"Medical Coder, CPC, CRC\", \"summary\": \"AAPC certified coder (CPC, CRC).\"}, %s}", coder);
    snprintf(b, sizeof b, "{\"basics\": {\"label\": \"Medical Coder\"}, \"certificates\": [{\"name\": \"CPC\", \"issuer\": \"AAPC\","
             " \"date\": \"2019\"}, {\"name\": \"CRC\", \"issuer\": \"AAPC\", \"date\": \"2020\"}], %s}", coder);
    ra = t_score(r, a, ASOF);
    rb = t_score(r, b, ASOF);
    CHECKF(ra && rb && fabs(ra->score - rb->score) < 0.05 && ra->tier == rb->tier, "%.1f and %.1f",
           ra ? ra->score : -1, rb ? rb->score : -1);
    /* and no advice to earn the CPC */
    for (size_t k = 0; ra && k < ra->ngaps; k++)
        CHECKF(strcmp(ra->res[ra->gaps[k]].c->id, "credential") != 0, "a credential gap of %.1f points",
               cf_gap_points(&ra->res[ra->gaps[k]]));
    cf_report_free(ra);
    cf_report_free(rb);
    cf_rubric_free(r);
}

void test_read(void)
{
    tokenizer();
    dates();
    credentials_anywhere();
    undated();
    prose_figures();
    hipaa_training();
    job_kinds();
    references();
    stories();
}
