/* The engine end to end: fairness invariants, determinism, rankings and
 * the JSON Resume test data. */
#include <dirent.h>
#include <string.h>
#include "internal.h"
#include "t.h"

#define ASOF "2026-11-26"

static cf_rubric *rubric;

/* Every number of a report, as text: two reports with the same signature
 * give the same scores, points, gates, tier and gaps. */
static char *signature(const cf_report *rep)
{
    cf_buf b = {0};
    char *out;
    cf_buf_printf(&b, "%.9f %s %d %.9f |", rep->score, cf_report_tier(rep), rep->eligible, rep->completeness);
    for (size_t i = 0; i < rep->r->nqualities; i++)
        cf_buf_printf(&b, " %.9f", rep->qscore[i]);
    cf_buf_puts(&b, " |");
    for (size_t i = 0; i < rep->nres; i++)
        cf_buf_printf(&b, " %.9f/%d", rep->res[i].points, rep->res[i].missing);
    cf_buf_puts(&b, " |");
    for (size_t g = 0; g < rep->r->ngates; g++)
        cf_buf_printf(&b, " %d", rep->gate_passed[g]);
    cf_buf_puts(&b, " |");
    for (size_t k = 0; k < rep->ngaps; k++)
        cf_buf_printf(&b, " %zu", rep->gaps[k]);
    return cf_buf_finish(&b, &out, NULL) == CF_OK ? out : NULL;
}

static char *sig_of(const char *json)
{
    cf_report *rep = t_score(rubric, json, ASOF);
    char *s = rep ? signature(rep) : NULL;
    cf_report_free(rep);
    return s;
}

static void reverse_arrays(cJSON *v)
{
    if (cJSON_IsArray(v)) {
        cJSON *items = NULL;
        while (v->child) {   /* pop from the front, push to the front */
            cJSON *c = cJSON_DetachItemViaPointer(v, v->child);
            c->next = items;
            items = c;
        }
        while (items) {
            cJSON *next = items->next;
            items->next = NULL;
            cJSON_AddItemToArray(v, items);
            items = next;
        }
    }
    for (cJSON *c = v->child; c; c = c->next)
        reverse_arrays(c);
}

/* Adds or changes every protected attribute in obj. */
static void protected_attributes(cJSON *obj)
{
    static const char *const keys[] = {"name", "email", "phone", "url", "image", "photo",
                                       "birthDate", "birth_date", "age", "gender", "sex", "race",
                                       "ethnicity", "religion", "maritalStatus", "marital_status",
                                       "disability", "nationality", "national_origin"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        cJSON_DeleteItemFromObjectCaseSensitive(obj, keys[i]);
        cJSON_AddStringToObject(obj, keys[i], "Certified Professional Coder CPC RHIT Epic ICD-10-CM 99% accuracy");
    }
    cJSON_DeleteItemFromObjectCaseSensitive(obj, "location");
    cJSON *loc = cJSON_AddObjectToObject(obj, "location");
    cJSON_AddStringToObject(loc, "address", "1 Remote Way, coding accuracy 99%");
    cJSON_AddStringToObject(loc, "city", "Epic");
}

static void invariance(void)
{
    const char *files[] = {"examples/applicants/inpatient-coder.json", "examples/applicants/remote-auditor.native.json",
                           "examples/applicants/nurse-to-coder.json", "examples/applicants/billing-specialist.json",
                           "examples/applicants/new-cca.native.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *text = t_read(files[i], NULL);
        char *base = text ? sig_of(text) : NULL;
        CHECKF(base != NULL, "%s scores", files[i]);
        cJSON *doc = text ? cJSON_Parse(text) : NULL;
        if (!doc || !base) {
            cf_free(text);
            cf_free(base);
            cJSON_Delete(doc);
            continue;
        }
        int native = cJSON_GetObjectItemCaseSensitive(doc, "format") != NULL;
        /* protected attributes changed and added */
        cJSON *who = cJSON_GetObjectItemCaseSensitive(doc, native ? "applicant" : "basics");
        if (!who)
            who = cJSON_AddObjectToObject(doc, native ? "applicant" : "basics");
        protected_attributes(who);
        if (native) {
            cJSON_DeleteItemFromObjectCaseSensitive(who, "contact");
            cJSON *contact = cJSON_AddObjectToObject(who, "contact");
            cJSON_AddStringToObject(contact, "email", "x@example.com");
        }
        char *mutated = cJSON_PrintUnformatted(doc);
        char *sig = mutated ? sig_of(mutated) : NULL;
        CHECKF(sig && strcmp(sig, base) == 0, "%s: protected attributes changed a number", files[i]);
        cf_free(sig);
        cf_free(mutated);
        /* every array reversed */
        reverse_arrays(doc);
        mutated = cJSON_PrintUnformatted(doc);
        sig = mutated ? sig_of(mutated) : NULL;
        CHECKF(sig && strcmp(sig, base) == 0, "%s: reordering arrays changed a number", files[i]);
        cf_free(sig);
        cf_free(mutated);
        cJSON_Delete(doc);
        cf_free(base);
        cf_free(text);
    }
}

static void determinism(void)
{
    char *text = t_read("examples/applicants/inpatient-coder.json", NULL);
    cf_report *a = text ? t_score(rubric, text, ASOF) : NULL, *b = text ? t_score(rubric, text, ASOF) : NULL;
    char *ja = NULL, *jb = NULL;
    size_t la = 0, lb = 0;
    CHECK(a && b && cf_report_json(a, 1, &ja, &la) == CF_OK && cf_report_json(b, 1, &jb, &lb) == CF_OK);
    CHECK(ja && jb && la == lb && memcmp(ja, jb, la) == 0);
    /* scoring without evidence gives the same numbers, and no evidence */
    cf_profile *p = text ? t_profile(text, ASOF) : NULL;
    cf_report *c = NULL;
    CHECK(p && cf_score_figures(rubric, p, &c) == CF_OK);
    char *sa = a ? signature(a) : NULL, *sc = c ? signature(c) : NULL;
    CHECK(sa && sc && strcmp(sa, sc) == 0);
    size_t nev = 0;
    for (size_t i = 0; c && i < c->nres; i++)
        nev += c->res[i].nev;
    CHECK(c && nev == 0);
    cf_free(sa);
    cf_free(sc);
    cf_report_free(c);
    cf_profile_free(p);
    /* the report is valid JSON with the documented fields */
    cJSON *r = ja ? cJSON_Parse(ja) : NULL;
    CHECK(cJSON_IsNumber(cJSON_GetObjectItem(r, "score")) && cJSON_IsString(cJSON_GetObjectItem(r, "tier")) &&
          cJSON_IsBool(cJSON_GetObjectItem(r, "eligible")) && cJSON_GetArraySize(cJSON_GetObjectItem(r, "qualities")) == 7 &&
          cJSON_IsArray(cJSON_GetObjectItem(r, "gaps")) && cJSON_IsNumber(cJSON_GetObjectItem(r, "completeness")));
    /* every gap plus the score never passes 100 */
    double sum = cJSON_GetObjectItem(r, "score") ? cJSON_GetObjectItem(r, "score")->valuedouble : 0;
    const cJSON *g;
    cJSON_ArrayForEach(g, cJSON_GetObjectItem(r, "gaps"))
        sum += cJSON_GetObjectItem(g, "points")->valuedouble;
    CHECKF(sum <= 100.5, "%f", sum);
    cJSON_Delete(r);
    cf_free(ja);
    cf_free(jb);
    cf_report_free(a);
    cf_report_free(b);
    cf_free(text);
}

static double score_of(const char *path, double *education, int *eligible)
{
    char *text = t_read(path, NULL);
    cf_report *rep = text ? t_score(rubric, text, ASOF) : NULL;
    double s = rep ? cf_report_score(rep) : -1;
    if (education)
        *education = rep ? t_quality(rep, "education") : -1;
    if (eligible)
        *eligible = rep ? cf_report_eligible(rep) : -1;
    cf_report_free(rep);
    cf_free(text);
    return s;
}

static void adding_a_cpc(void)
{
    /* the nurse has no coding credential: a current CPC raises education and the total */
    const char *path = "examples/applicants/nurse-to-coder.json";
    double edu0, edu1;
    double s0 = score_of(path, &edu0, NULL);
    char *text = t_read(path, NULL);
    cJSON *doc = text ? cJSON_Parse(text) : NULL;
    cJSON *certs = cJSON_GetObjectItem(doc, "certificates");
    cJSON *cpc = cJSON_CreateObject();
    cJSON_AddStringToObject(cpc, "name", "Certified Professional Coder (CPC)");
    cJSON_AddStringToObject(cpc, "date", "2026-09");
    cJSON_AddStringToObject(cpc, "issuer", "AAPC");
    cJSON_AddItemToArray(certs, cpc);
    char *mutated = cJSON_PrintUnformatted(doc);
    cf_report *rep = mutated ? t_score(rubric, mutated, ASOF) : NULL;
    double s1 = rep ? cf_report_score(rep) : -1;
    edu1 = rep ? t_quality(rep, "education") : -1;
    CHECKF(edu1 > edu0 && s1 > s0, "education %f -> %f, total %f -> %f", edu0, edu1, s0, s1);
    cf_report_free(rep);
    cf_free(mutated);
    cJSON_Delete(doc);
    cf_free(text);
}

static void rankings(void)
{
    int e;
    double coder = score_of("examples/applicants/inpatient-coder.json", NULL, &e);
    CHECK(e == 1);
    double apprentice = score_of("examples/applicants/apprentice-cpc-a.json", NULL, &e);
    CHECK(e == 1);
    double hs = score_of("examples/applicants/high-school-only.json", NULL, &e);
    CHECK(e == 0);
    CHECKF(coder > apprentice && apprentice > hs, "%f %f %f", coder, apprentice, hs);
    double it = score_of("examples/applicants/it-graduate.json", NULL, &e);
    CHECK(e == 0 && it >= 0);
    /* keyword stuffing: below every real candidate with training or related work */
    double stuffer = score_of("examples/applicants/keyword-stuffer.json", NULL, &e);
    CHECK(e == 0);
    const char *modest[] = {"examples/applicants/apprentice-cpc-a.json", "examples/applicants/nurse-to-coder.json",
                            "examples/applicants/lapsed-credential.json", "examples/applicants/billing-specialist.json"};
    for (size_t i = 0; i < sizeof modest / sizeof modest[0]; i++) {
        double s = score_of(modest[i], NULL, NULL);
        CHECKF(stuffer < s, "stuffer %f vs %s %f", stuffer, modest[i], s);
    }
    /* a profile with only a name is scored, not eligible, and reported as
     * insufficient information rather than as a low tier */
    cf_report *rep = t_score(rubric, "{\"basics\": {\"name\": \"Only A. Name\"}}", ASOF);
    CHECK(rep && !cf_report_eligible(rep) && cf_report_score(rep) < 5 && rep->completeness == 0);
    CHECK(rep && cf_report_insufficient(rep) && strcmp(cf_report_tier(rep), "insufficient") == 0);
    cf_report_free(rep);
    /* one stated job of another kind is enough to judge: not insufficient */
    rep = t_score(rubric, "{\"work\": [{\"position\": \"Cashier\", \"startDate\": \"2020-01\"}]}", ASOF);
    CHECK(rep && !cf_report_insufficient(rep) && strcmp(cf_report_tier(rep), "early") == 0);
    cf_report_free(rep);
}

static void jsonresume_data(void)
{
    const char *resumes[] = {T_DATA "/jsonresume/sample.resume.json", T_DATA "/jsonresume/examples/career-changer.resume.json",
                             T_DATA "/jsonresume/examples/new-grad.resume.json",
                             T_DATA "/jsonresume/examples/senior-engineer.resume.json"};
    for (size_t i = 0; i < sizeof resumes / sizeof resumes[0]; i++) {
        char *text = t_read(resumes[i], NULL);
        cf_report *rep = text ? t_score(rubric, text, ASOF) : NULL;
        CHECKF(rep != NULL, "%s loads and scores", resumes[i]);
        /* software engineers and other non-coders are not eligible */
        CHECKF(rep && !cf_report_eligible(rep), "%s", resumes[i]);
        cf_report_free(rep);
        cf_free(text);
    }
    const char *others[] = {T_DATA "/jsonresume/schema.json", T_DATA "/jsonresume/job-schema.json",
                            T_DATA "/jsonresume/sample.job.json"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        char *text = t_read(others[i], NULL);
        cf_diags d = {0};
        CHECKF(text && t_profile_status(text, ASOF, &d) == CF_EINPUT && t_has_diag(&d, "not-a-profile", 1, 1),
               "%s is not a profile", others[i]);
        cf_diags_clear(&d);
        cf_free(text);
    }
}

/* Blind review: the source becomes the same opaque id every time, every
 * identifying string quoted in the report is cut out, nothing else moves. */
static void blind(void)
{
    size_t len;
    char *json = t_read("tests/blind/identifying.json", &len);
    CHECK(json != NULL);
    if (!json)
        return;
    cf_profile *p = t_profile(json, ASOF);
    cf_report *rep = NULL, *plain = NULL;
    CHECK(p && cf_score(rubric, p, &rep) == CF_OK && cf_score(rubric, p, &plain) == CF_OK);
    if (!rep || !plain) {
        cf_free(json);
        cf_report_free(rep);
        cf_report_free(plain);
        cf_profile_free(p);
        return;
    }
    /* Evidence as a custom rubric could quote it: free text of the profile. */
    CHECK(rep->nres > 1 && rep->res[0].nev > 0);
    cf_free(rep->res[0].ev[0].value);
    rep->res[0].ev[0].value = cf_strdup(
        "Marisol's audits at Lakeshore Regional Medical Center (LAKESHORE REGIONAL MEDICAL CENTER), "
        "okonkwo-bianchi, marisol.ob@example.org, jane@x.example.com, +1 (555) 867-5309, 555-867-5309, "
        "Northbridge Community College, 4417 Juniper Hollow Road, Evanston 60614, "
        "https://linkedin.example.com/in/marisolokonkwo; 97.4% accuracy, 2.8 charts per hour, 2026-11-26, "
        "Marisolo stays");
    cf_blind_key key = {{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL}}, other = key;
    other.k[1] ^= 1;
    uint64_t content = rep->who.content;
    CHECK(cf_report_blind(rep, p, &key) == CF_OK);
    /* the fingerprint keyed too: it no longer tells whose profile it is */
    CHECK(rep->who.content != content && rep->who.content != 0);
    const char *v = rep->res[0].ev[0].value;
    static const char *const gone[] = {
        "Marisol", "Okonkwo", "okonkwo", "Lakeshore", "LAKESHORE", "example.org", "x.example.com",
        "867", "Northbridge", "Juniper", "Evanston", "60614", "linkedin", NULL};
    for (int i = 0; gone[i]; i++)
        CHECKF(!strstr(v, gone[i]) || strstr(v, "Marisolo") == strstr(v, gone[i]), "'%s' left in: %s", gone[i], v);
    CHECKF(strstr(v, "97.4% accuracy, 2.8 charts per hour, 2026-11-26") != NULL, "figures cut: %s", v);
    CHECKF(strstr(v, "Marisolo stays") != NULL, "a longer word cut: %s", v);
    CHECKF(strstr(v, "[redacted]'s audits at [redacted] ([redacted])") != NULL, "%s", v);
    char id[CF_BLIND_ID_SIZE];
    cf_blind_id(&key, cf_profile_source(p), id);
    CHECK(strcmp(rep->source, id) == 0 && strncmp(id, "applicant-", 10) == 0 && strlen(id) == 22);
    char id2[CF_BLIND_ID_SIZE];
    cf_blind_id(&key, "another/file.json", id2);
    CHECK(strcmp(id, id2) != 0);
    /* another key, another id: without the key a file name cannot be
     * hashed into its id */
    cf_blind_id(&other, cf_profile_source(p), id2);
    CHECK(strcmp(id, id2) != 0);
    /* the numbers do not move */
    char *sa = signature(rep), *sb = signature(plain);
    CHECK(sa && sb && strcmp(sa, sb) == 0);
    cf_free(sa);
    cf_free(sb);
    cf_free(json);
    cf_report_free(rep);
    cf_report_free(plain);
    cf_profile_free(p);
}

void test_score(void)
{
    rubric = t_rubric_default();
    CHECK(rubric != NULL);
    if (!rubric)
        return;
    invariance();
    determinism();
    adding_a_cpc();
    rankings();
    blind();
    jsonresume_data();
    cf_rubric_free(rubric);
    rubric = NULL;
}
