/* The panel's principles (docs/panel.md, P5-P11, production coding, the
 * opening), each on a profile of its own, written as applicants write:
 * that a plan is not a credential, that the latest state of a credential
 * counts, that old coding counts less, which figures are accuracy, what
 * production coding is, clinical work abroad, the credentials that are and
 * are not coding ones, evidence in the resume's words, and the advice a
 * counselor would give. */
#include <stdlib.h>
#include <string.h>
#include "t.h"

#define ASOF "2026-11-26"
/* A JSON text written as it reads: J({"a": 1}) */
#define J(...) #__VA_ARGS__

static cf_rubric *rubric;

/* The native profile the importer makes of a resume. */
static cJSON *native(const char *resume)
{
    cf_profile *p = t_profile(resume, ASOF);
    char *out = NULL;
    size_t len;
    cJSON *root = NULL;
    if (p && cf_profile_to_json(p, 0, &out, &len) == CF_OK)
        root = cJSON_Parse(out);
    cf_free(out);
    cf_profile_free(p);
    return root;
}

/* The credential of that code in the native profile, or NULL. */
static const cJSON *credential(const cJSON *root, const char *code)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "credentials")) {
        const cJSON *k = cJSON_GetObjectItem(c, "code");
        if (cJSON_IsString(k) && strcmp(k->valuestring, code) == 0)
            return c;
    }
    return NULL;
}

static const char *str_at(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(o, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static double num_at(const cJSON *root, const char *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetObjectItem(root, obj), key);
    return cJSON_IsNumber(v) ? v->valuedouble : cJSON_IsTrue(v) ? 1 : -1;
}

static const char *kind_of(const cJSON *root, int i)
{
    return str_at(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "experience"), i), "kind");
}

static double frac(const cf_report *rep, const char *ref)
{
    const cf_result *r = rep ? t_result(rep, ref) : NULL;
    return r ? r->fraction : -1;
}

/* Whether the report lists the criterion as a gap (and advise as a step). */
static int is_gap(const cf_report *rep, const char *ref)
{
    const cf_result *r = t_result(rep, ref);
    for (size_t g = 0; r && g < rep->ngaps; g++)
        if (&rep->res[rep->gaps[g]] == r)
            return 1;
    return 0;
}

static int tier_is(const cf_report *rep, const char *id)
{
    return rep && strcmp(cf_report_tier(rep), id) == 0;
}

/* ---- P11: plans, and the latest state of a credential -------------------- */

static void plans(void)
{
    cJSON *n = native(J({"basics": {"name": "P", "summary": "Sitting the CPC in January."},
                         "certificates": [{"name": "Certified Coding Associate (CCA) - exam scheduled January 2027",
                                           "issuer": "AHIMA", "date": "2026-10"}]}));
    CHECK(n && strcmp(str_at(credential(n, "CCA"), "status"), "in_progress") == 0);
    CHECK(n && strcmp(str_at(credential(n, "CPC"), "status"), "in_progress") == 0);
    cJSON_Delete(n);
    /* a paramedic whose coding programme starts after the as-of date has no
     * coding training yet */
    const char *medic = J({"basics": {"name": "M"},
                           "work": [{"position": "Paramedic", "startDate": "2017-05"}],
                           "education": [{"institution": "Front Range CC", "area": "Medical Coding",
                                          "studyType": "Certificate", "startDate": "2027-01"}]});
    cf_report *rep = t_score(rubric, medic, ASOF);
    CHECK(rep && !cf_report_eligible(rep) && frac(rep, "education.training") == 0);
    cf_report_free(rep);
}

static void latest_state(void)
{
    /* earned, lapsed and earned again: held, in either order */
    static const char *const orders[] = {
        J({"basics": {"name": "R"}, "certificates": [{"name": "CCS (lapsed 2014)", "issuer": "AHIMA", "date": "2009"},
                                                      {"name": "CCS", "issuer": "AHIMA", "date": "2024-05"}]}),
        J({"basics": {"name": "R"}, "certificates": [{"name": "CCS", "issuer": "AHIMA", "date": "2024-05"},
                                                      {"name": "CCS (lapsed 2014)", "issuer": "AHIMA", "date": "2009"}]}),
    };
    for (size_t i = 0; i < 2; i++) {
        cf_report *rep = t_score(rubric, orders[i], ASOF);
        CHECKF(frac(rep, "education.credential") == 1, "order %zu: %.2f", i, frac(rep, "education.credential"));
        const cf_result *r = rep ? t_result(rep, "education.credential") : NULL;
        CHECK(r && r->state == CF_A_DEFAULT);
        cf_report_free(rep);
    }
    /* lapsed and not earned again stays lapsed */
    cf_report *rep = t_score(rubric, J({"basics": {"name": "L"},
                                        "certificates": [{"name": "CCS (lapsed 2025)", "issuer": "AHIMA", "date": "2019"}]}),
                             ASOF);
    CHECK(frac(rep, "education.credential") == 0.5);
    cf_report_free(rep);
}

/* ---- P9: recency ----------------------------------------------------------- */

static void recency(void)
{
    const char *retail = J({"basics": {"name": "B", "summary": "I held the CPC; it lapsed in 2021."},
        "work": [{"position": "Store Manager", "name": "Shop", "startDate": "2020-06"},
                 {"position": "Coding Specialist", "name": "Clinic", "startDate": "2012-01", "endDate": "2020-05",
                  "highlights": ["Coded E/M and procedures for 10 providers in CPT and ICD-10-CM"]},
                 {"position": "Full-time parent", "name": "Career break", "startDate": "2010-01", "endDate": "2011-12"}],
        "education": [{"institution": "CC", "area": "Medical Coding", "studyType": "Certificate", "endDate": "2011"}],
        "certificates": [{"name": "CPC (lapsed 2021)", "issuer": "AAPC", "date": "2012"}]});
    cf_report *rep = t_score(rubric, retail, ASOF);
    /* past AAPC's three years: retake the exam; coding that ended six years
     * ago does not make a Good fit */
    CHECK(tier_is(rep, "developing"));
    CHECKF(frac(rep, "education.credential") == 0.2, "%.2f", frac(rep, "education.credential"));
    const cf_result *r = rep ? t_result(rep, "education.credential") : NULL;
    CHECK(r && r->state == CF_A_RETAKE && strstr(cf_result_advice(r), "exam must be taken again"));
    cf_report_free(rep);
    cJSON *n = native(retail);
    CHECK(n && strcmp(kind_of(n, 2), "career_break") == 0);
    /* a career break is neither health-care work nor coding */
    CHECKF(n && num_at(n, "derived", "months_since_coding") > 77 && num_at(n, "derived", "months_since_coding") < 79,
           "%.1f", num_at(n, "derived", "months_since_coding"));
    cJSON_Delete(n);
    /* within the window the credential can be reinstated: half, and the
     * advice says so */
    rep = t_score(rubric, J({"basics": {"name": "G"},
                             "certificates": [{"name": "CPC (lapsed 2024)", "issuer": "AAPC", "date": "2012"}]}), ASOF);
    r = rep ? t_result(rep, "education.credential") : NULL;
    CHECK(r && r->fraction == 0.5 && r->state == CF_A_LAPSED);
    cf_report_free(rep);
}

/* ---- P8: figures that are and are not accuracy ----------------------------- */

static double accuracy_of(const char *summary_json)
{
    cJSON *n = native(summary_json);
    double v = n ? num_at(n, "measures", "audit_accuracy") : -2;
    cJSON_Delete(n);
    return v;
}

static void figures(void)
{
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "CDI query agreement rate 92% on audits."}})) == -1);
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "Reduced denials from 30% to 12%."}})) == -1);
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "Clean-claim rate 97% on quality audits."}})) == -1);
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "Most recent external audit (Q2 2026): 87%."}})) == 0.87);
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "Coding accuracy 95% to 98% every year since 2020."}})) == 0.95);
    CHECK(accuracy_of(J({"basics": {"name": "A", "summary": "Raised my coding accuracy from 91% to 97% on audits."}})) == 0.97);
    /* at the benchmark there is nothing to advise */
    cf_report *rep = t_score(rubric, J({"basics": {"name": "A", "summary": "Coding accuracy 95% to 98% on audits."}}), ASOF);
    CHECK(rep && !is_gap(rep, "attention_to_detail.audit_accuracy"));
    cf_report_free(rep);
    rep = t_score(rubric, J({"basics": {"name": "A", "summary": "Coding accuracy 91% on audits."}}), ASOF);
    CHECK(rep && is_gap(rep, "attention_to_detail.audit_accuracy"));
    cf_report_free(rep);
}

/* ---- production coding ------------------------------------------------------ */

static void production(void)
{
    cJSON *n = native(J({"basics": {"name": "S"}, "work": [
        {"position": "Inpatient Coder", "startDate": "2026-02", "endDate": "2026-04",
         "highlights": ["Coded 60 inpatient records", "Practicum for my AAS program: 90 hours, unpaid"]},
        {"position": "Coding Extern", "startDate": "2025-09", "endDate": "2025-12"},
        {"position": "Dental Coding Coordinator", "startDate": "2022-02",
         "highlights": ["Code surgical visits in CDT and cross-code to CPT and ICD-10-CM"]},
        {"position": "Coding Specialist", "startDate": "2019-01", "endDate": "2021-12",
         "highlights": ["Submitted claims and posted payments", "Worked denials and wrote appeals",
                        "Checked CPT codes on orders before prior authorization"]},
        {"position": "Health Records Officer - Mortality Coding", "startDate": "2015-01", "endDate": "2018-12",
         "highlights": ["Coded the underlying cause of death in WHO ICD-10"]}]}));
    CHECK(n && strcmp(kind_of(n, 0), "training") == 0);
    CHECK(n && strcmp(kind_of(n, 1), "training") == 0);
    CHECK(n && strcmp(kind_of(n, 2), "dental_coding") == 0);
    CHECK(n && strcmp(kind_of(n, 3), "billing") == 0);
    CHECK(n && strcmp(kind_of(n, 4), "statistical_coding") == 0);
    /* only the dental coding counts, at half: 2022-02 to the as-of date */
    double m = n ? num_at(n, "derived", "coding_months") : -1;
    CHECKF(m > 28 && m < 30, "%.1f", m);
    CHECK(n && num_at(n, "derived", "coding_related_months") == 0);
    cJSON_Delete(n);
    /* a 16-hour continuing-education course is coursework, an 80-hour
     * course a programme */
    n = native(J({"basics": {"name": "C"}, "education": [
        {"institution": "AAPC", "area": "ICD-10-CM update (16 hours)", "studyType": "Course", "endDate": "2025"},
        {"institution": "AHIMA", "area": "Coding", "studyType": "Continuing education", "endDate": "2025"},
        {"institution": "AAPC", "area": "CPC preparation course (80 contact hours)", "endDate": "2024"}]}));
    const cJSON *edu = n ? cJSON_GetObjectItem(n, "education") : NULL;
    CHECK(strcmp(str_at(cJSON_GetArrayItem(edu, 0), "level"), "coursework") == 0);
    CHECK(strcmp(str_at(cJSON_GetArrayItem(edu, 1), "level"), "coursework") == 0);
    CHECK(strcmp(str_at(cJSON_GetArrayItem(edu, 2), "level"), "certificate") == 0);
    cJSON_Delete(n);
    /* a real "Coding Specialist" who codes and works denials stays a coder */
    n = native(J({"basics": {"name": "D"}, "work": [{"position": "Coding Specialist", "startDate": "2020-01",
        "summary": "Pro-fee coding for surgery and primary care E/M; charge review edits and coding denials."}]}));
    CHECK(n && strcmp(kind_of(n, 0), "coding") == 0);
    cJSON_Delete(n);
}

/* ---- P6 abroad, and which credentials are coding ones -------------------- */

static void clinical_and_credentials(void)
{
    const char *doctor = J({"basics": {"name": "K"},
        "work": [{"position": "Medical Officer, Internal Medicine", "startDate": "2014-04", "endDate": "2022-02"}],
        "education": [{"institution": "State Medical College", "area": "Medicine and Surgery", "studyType": "MBBS",
                       "endDate": "2014-03"}],
        "certificates": [{"name": "Registered Medical Practitioner", "issuer": "State Medical Council", "date": "2014-04"}]});
    cJSON *n = native(doctor);
    CHECK(n && strcmp(kind_of(n, 0), "clinical") == 0);
    CHECK(n && num_at(n, "derived", "clinical_months") > 90);
    CHECK(n && num_at(n, "derived", "clinical_degree") == 1);
    CHECK(n && strcmp(str_at(credential(n, "Physician"), "kind"), "clinical") == 0);
    cJSON_Delete(n);
    cf_report *rep = t_score(rubric, doctor, ASOF);
    CHECK(frac(rep, "medical_knowledge.coursework") == 1 && frac(rep, "medical_knowledge.clinical_licence") == 1 &&
          frac(rep, "medical_knowledge.clinical_background") == 1);
    cf_report_free(rep);
    /* home-health coding credentials are known; clinical ones never count as
     * coding credentials */
    n = native(J({"basics": {"name": "H", "label": "HCS-D, COS-C"},
                  "certificates": [{"name": "Certified Clinical Medical Assistant (CCMA)"},
                                   {"name": "Certified Dental Assistant (CDA)"},
                                   {"name": "National Registry Paramedic (NRP)"},
                                   {"name": "Registered Respiratory Therapist (RRT)"}]}));
    CHECK(n && strcmp(str_at(credential(n, "HCS-D"), "kind"), "coding") == 0);
    CHECK(n && credential(n, "COS-C"));
    static const char *const clinical[] = {"CCMA", "CDA", "Paramedic", "RRT"};
    for (size_t i = 0; i < 4; i++)
        CHECKF(n && strcmp(str_at(credential(n, clinical[i]), "kind"), "clinical") == 0, "%s", clinical[i]);
    cJSON_Delete(n);
    rep = t_score(rubric, J({"basics": {"name": "H"}, "certificates": [{"name": "HCS-D", "issuer": "BMSC", "date": "2019"}]}),
                  ASOF);
    CHECK(frac(rep, "education.credential") == 0.85);
    cf_report_free(rep);
    rep = t_score(rubric, J({"basics": {"name": "C", "label": "CCMA, CDA, NRP, RRT"}}), ASOF);
    CHECK(frac(rep, "education.credential") == 0 && !cf_report_eligible(rep));
    cf_report_free(rep);
}

/* ---- evidence in the resume's words, and P5 -------------------------------- */

static const cf_evidence *evidence_of(const cf_report *rep, const char *ref)
{
    const cf_result *r = rep ? t_result(rep, ref) : NULL;
    return r && r->nev ? &r->ev[0] : NULL;
}

static void evidence_words(void)
{
    cf_report *rep = t_score(rubric, J({"basics": {"name": "E"}, "work": [{"position": "Coder", "startDate": "2020-01",
        "highlights": ["Coded in 3M and Epic", "Trained 6 records assistants"]}]}), ASOF);
    const cf_evidence *ev = evidence_of(rep, "technical.encoder");
    CHECK(ev && strcmp(ev->value, "3M") == 0 && ev->read_as && strcmp(ev->read_as, "3M 360 Encompass") == 0);
    ev = evidence_of(rep, "technical.ehr");
    CHECK(ev && strcmp(ev->value, "Epic") == 0 && !ev->read_as);
    /* training people is not writing */
    const cf_result *w = rep ? t_result(rep, "communication.written") : NULL;
    CHECK(w && w->nev == 0);
    cf_report_free(rep);
    /* P5: a billing profile with coding words in its skills ranks below a
     * trained biller */
    const char *keywords = J({"basics": {"name": "K", "summary": "Biller who knows coding."},
        "work": [{"position": "Medical Biller", "startDate": "2019-01",
                  "highlights": ["Submit claims, post payments, work denials"]}],
        "education": [{"institution": "CC", "area": "Medical Billing and Coding", "studyType": "Course",
                       "endDate": "2018"}],
        "skills": [{"name": "Coding", "keywords": ["ICD-10-CM", "CPT", "HCPCS", "Modifiers", "E/M", "MS-DRG",
                                                   "3M", "EncoderPro", "TruCode", "Anatomy", "Physiology",
                                                   "Medical terminology"]}]});
    const char *trained = J({"basics": {"name": "T"},
        "work": [{"position": "DME Billing Specialist", "startDate": "2019-01",
                  "highlights": ["Submit DME claims with HCPCS Level II codes and modifiers",
                                 "Work denials and write appeals"]}],
        "education": [{"institution": "CC", "area": "Medical Billing and Coding", "studyType": "Certificate",
                       "endDate": "2018", "courses": ["Anatomy and Physiology", "Medical Terminology",
                                                      "ICD-10-CM", "CPT and HCPCS"]}]});
    cf_report *a = t_score(rubric, keywords, ASOF), *b = t_score(rubric, trained, ASOF);
    CHECKF(a && b && cf_report_score(a) < cf_report_score(b), "keywords %.1f, trained %.1f",
           a ? cf_report_score(a) : -1, b ? cf_report_score(b) : -1);
    cf_report_free(a);
    cf_report_free(b);
}

/* ---- advice a counselor would give ----------------------------------------- */

static cJSON *advice(const char *resume)
{
    cf_profile *p = t_profile(resume, ASOF);
    cf_report *rep = NULL;
    cJSON *out = NULL;
    if (p && cf_score(rubric, p, &rep) == CF_OK) {
        cf_advice_opts o = {CF_ADVICE_JSON, 0, 0, NULL, NULL, 0, 0};
        char *s = NULL;
        size_t len;
        if (cf_advice_write(rep, p, &o, &s, &len) == CF_OK)
            out = cJSON_Parse(s);
        cf_free(s);
    }
    cf_report_free(rep);
    cf_profile_free(p);
    return out;
}

/* The "with" of the step that closes the gap ref, or "". */
static const char *step_with(const cJSON *adv, const char *ref)
{
    const cJSON *s;
    cJSON_ArrayForEach(s, cJSON_GetObjectItem(adv, "steps")) {
        const cJSON *g;
        cJSON_ArrayForEach(g, cJSON_GetObjectItem(s, "gaps"))
            if (cJSON_IsString(g) && strcmp(g->valuestring, ref) == 0)
                return str_at(s, "with");
    }
    return "";
}

static void counselor(void)
{
    /* a student: passing the CPC gives the CPC-A; CEUs are no step without
     * a credential; two years of coding, not five, reach Good fit */
    const char *student = J({"basics": {"name": "S"},
        "education": [{"institution": "CC", "area": "Medical Coding", "studyType": "Certificate", "endDate": "2026-06",
                       "courses": ["Anatomy and Physiology"]}]});
    cJSON *adv = advice(student);
    CHECKF(strcmp(step_with(adv, "education.credential"), "credential=CPC-A") == 0, "%s",
           step_with(adv, "education.credential"));
    CHECK(adv && *step_with(adv, "attention_to_detail.coding_experience") &&
          strcmp(step_with(adv, "attention_to_detail.coding_experience"), "coding-months=60") != 0);
    cJSON_Delete(adv);
    cf_report *rep = t_score(rubric, student, ASOF);
    CHECK(rep && !is_gap(rep, "medical_knowledge.recent_ceus") && is_gap(rep, "communication.references"));
    cf_report_free(rep);
    /* an RHIA with a bachelor's in HIM is not told to take anatomy */
    rep = t_score(rubric, J({"basics": {"name": "R"},
        "education": [{"institution": "U", "area": "Health Information Management", "studyType": "BS", "endDate": "2012"}],
        "certificates": [{"name": "RHIA", "issuer": "AHIMA", "date": "2012"}]}), ASOF);
    CHECK(rep && !is_gap(rep, "medical_knowledge.coursework"));
    cf_report_free(rep);
    /* a strong coder is not asked for references; "the score reaches"
     * names a tier only when one requirement holds the applicant back */
    rep = t_score(rubric, J({"basics": {"name": "C"},
        "work": [{"position": "Coder", "startDate": "2018-01", "highlights": ["Coded E/M in CPT and ICD-10-CM"]}],
        "certificates": [{"name": "CPC", "issuer": "AAPC", "date": "2018"}]}), ASOF);
    CHECK(tier_is(rep, "strong") && !is_gap(rep, "communication.references"));
    cf_report_free(rep);
    rep = t_score(rubric, J({"basics": {"name": "D"}, "work": [{"position": "Dental Coder", "startDate": "2021-01",
        "highlights": ["Code oral surgery in CDT"]}],
        "education": [{"institution": "CC", "area": "Dental Coding", "studyType": "Certificate", "endDate": "2020"}]}), ASOF);
    CHECK(tier_is(rep, "developing") && cf_report_held_back(rep) == NULL);
    cf_report_free(rep);
}

/* ---- the opening -------------------------------------------------------------- */

static void opening(void)
{
    const char *crc = J({"basics": {"name": "R", "summary": "HCC coder. Audited accuracy 96% on quarterly audits."},
        "work": [{"position": "Risk Adjustment Coder", "startDate": "2022-10",
                  "highlights": ["Retrospective HCC chart review in ICD-10-CM"]}],
        "education": [{"institution": "X", "area": "Medical Coding", "studyType": "Certificate", "endDate": "2022-06"}],
        "certificates": [{"name": "CRC", "issuer": "AAPC", "date": "2022-08"}]});
    cf_rubric *ra = NULL;
    cf_diags d = {0};
    size_t len;
    const char *text = cf_rubric_builtin_find("risk-adjustment-coder", &len);
    CHECK(text && cf_rubric_load("risk-adjustment-coder.yaml", text, len, &ra, &d) == CF_OK);
    cf_diags_clear(&d);
    cf_report *general = t_score(rubric, crc, ASOF), *risk = ra ? t_score(ra, crc, ASOF) : NULL;
    CHECK(tier_is(general, "good") && tier_is(risk, "strong"));
    /* and each report says which opening its tiers are for */
    char *js = NULL;
    CHECK(risk && cf_report_json(risk, 0, &js, &len) == CF_OK && strstr(js, "\"title\":\"Risk-adjustment coder (HCC)\""));
    cf_free(js);
    cf_report_free(general);
    cf_report_free(risk);
    cf_rubric_free(ra);
}

void test_principles(void)
{
    rubric = t_rubric_default();
    CHECK(rubric != NULL);
    if (!rubric)
        return;
    plans();
    latest_state();
    recency();
    figures();
    production();
    clinical_and_credentials();
    evidence_words();
    counselor();
    opening();
    cf_rubric_free(rubric);
    rubric = NULL;
}
