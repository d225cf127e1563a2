/* JSON Resume (v1.x) to the native model.
 *
 * A resume says things in words; the native model says them in fields.  The
 * importer recognises the level and field of each education entry, the kind
 * of each job, remote work, code sets and software in skills; credentials
 * wherever they are stated (certificates, the label, after the name, the
 * summary, education and work) and the figures written in prose ("97.4%
 * coding accuracy", "18-22 records a day"), through sentences.c.  Dates are
 * read as people write them.  Each native entry records where it came from
 * ("from": "certificates[2]").  A field that cannot be used is left out
 * with a warning; the resume is still read. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "resume.h"

typedef cf_rule rule;

/* ---- recognition tables ------------------------------------------------ */

static const rule cred_status[] = {
    {"expired", {"expired", NULL}},
    {"lapsed", {"lapsed", "inactive", "revoked", "suspended", NULL}},
    {"in_progress", {"in progress", "candidate", "pending", "expected", "studying",
                     "preparing", "exam scheduled", NULL}},
};

static const rule edu_levels[] = {
    {"doctorate", {"phd", "doctor", "doctorate", "doctoral", "md", "dnp", "edd", NULL}},
    {"master", {"master", "masters", "ms", "msc", "ma", "mba", "msn", "mha", "mhi", "mph", "mhim", NULL}},
    {"bachelor", {"bachelor", "bachelors", "bs", "ba", "bsc", "bsn", "bas", "bba", "mbbs", "mbchb", NULL}},
    {"associate", {"associate", "associates", "aas", "as", "aa", "aos", "adn", NULL}},
    {"high_school", {"high school", "ged", "secondary", "hs diploma", "hiset", NULL}},
    {"certificate", {"certificate", "certification", "diploma", "program", "programme",
                     "course", "training", NULL}},
    {"coursework", {"coursework", "non degree", "nondegree", "some college", "courses", "classes",
                    "credits", NULL}},
};
#define LEVEL_HIGH_SCHOOL 4
#define LEVEL_COURSEWORK 6

static const rule edu_fields[] = {
    {"medical_coding", {"medical coding", "coding", "billing and coding", "coding and billing",
                        "medical billing", "medical coder", "coder", "cpc", "coc", "cic", "ccs",
                        "cca", "crc", NULL}},
    {"hit", {"health information technology", "health information technician", "hit",
             "health records", "health records and information technology", "medical records technology",
             "health records and information management", "medical records", NULL}},
    {"him", {"health information management", "health information", "him", NULL}},
    {"clinical", {"nursing", "nurse", "medical assistant", "medical assisting", "allied health", "medicine",
                  "medicine and surgery", "mbbs", "mbchb", "medical school", "md", "do", "osteopathic medicine",
                  "radiologic", "respiratory", "paramedic", "emergency medical", "pharmacy",
                  "surgical technology", "medical laboratory", NULL}},
    {"health_admin", {"health administration", "healthcare administration",
                      "health care administration", "healthcare management",
                      "health services", "public health", NULL}},
};

/* Job kinds, decided in job_kind() from the rules that match a position. */
enum {
    JK_CODING, JK_CDI, JK_BILLING, JK_HIM, JK_CLINICAL, JK_ADMIN, JK_AUDIT, JK_REVINT,
    JK_ABSTRACT, JK_SOFTWARE, JK_DENTAL, JK_TRAINING, JK_STATISTICAL, JK_BREAK
};
static const rule work_kinds[] = {
    [JK_CODING] = {"coding", {"coder", "coders", "coding", NULL}},
    [JK_CDI] = {"cdi", {"clinical documentation", "cdi", "documentation integrity",
                        "documentation improvement", "documentation specialist", NULL}},
    [JK_BILLING] = {"billing", {"billing", "biller", "claims", "revenue cycle", "reimbursement",
                                "accounts receivable", "collections", "patient financial services",
                                "denials", "denial", "charge entry", "payment posting", "payment poster",
                                "ar", "patient accounts", "patient accounting", "insurance follow up", NULL}},
    [JK_HIM] = {"him", {"health information", "medical records", "him", "release of information",
                        "records clerk", "records technician", "records specialist", "chart completion",
                        NULL}},
    [JK_CLINICAL] = {"clinical", {"nurse", "rn", "lpn", "lvn", "cna", "nursing", "medical assistant", "emt",
                                  "paramedic", "phlebotomist", "patient care", "pharmacy technician",
                                  "respiratory therapist", "physician assistant", "medical officer",
                                  "resident physician", "attending physician", "staff physician", "house officer", "house surgeon",
                                  "general practitioner", "internist", "hospitalist", "surgeon",
                                  "medical doctor", "registrar in medicine", "dental assistant",
                                  "dental hygienist", NULL}},
    [JK_ADMIN] = {"healthcare_admin", {"patient access", "patient registration", "medical receptionist",
                                       "medical secretary", "unit secretary", "health unit coordinator",
                                       "medical office", "scribe", "medical scribe", NULL}},
    [JK_AUDIT] = {"audit", {"coding auditor", "coding audit", "medical auditor", "chart auditor",
                            "drg auditor", "compliance auditor", "coding quality", "quality coding",
                            "drg validator", "drg validation", "coding validator", "coding validation",
                            "coding compliance", NULL}},
    [JK_REVINT] = {"revenue_integrity", {"revenue integrity", "charge capture", "chargemaster",
                                         "charge description master", "charge integrity", NULL}},
    [JK_ABSTRACT] = {"abstracting", {"abstractor", "abstracting", "data abstraction", "cancer registrar",
                                     "tumor registrar", NULL}},
    [JK_SOFTWARE] = {"other", {"software", "developer", "programmer", "programming", "engineer",
                               "engineering", "python", "java", "javascript", "typescript", "web",
                               "full stack", "frontend", "front end", "backend", "back end", "devops",
                               "bootcamp", "data scientist", "golang", "ruby", "php", NULL}},
    /* docs/panel.md, production coding: dental coding (CDT) is real coding,
     * narrower than medical coding */
    [JK_DENTAL] = {"dental_coding", {"dental", "cdt", "orthodontic", "oral surgery",
                                     "oral and maxillofacial", NULL}},
    /* an unpaid externship or practicum is training, not work */
    [JK_TRAINING] = {"training", {"extern", "externship", "practicum", "unpaid", "professional practice experience",
                                  "ppe", "student coder", "coding student", "clinical rotation",
                                  "volunteer coder", NULL}},
    /* statistical coding for a health ministry is not production coding */
    [JK_STATISTICAL] = {"statistical_coding", {"who icd", "who icd 10", "mortality coding", "morbidity coding",
                                               "cause of death", "underlying cause", "vital statistics",
                                               "health statistics", "dhis2", NULL}},
    /* "Career break" is neither a job nor a penalty */
    [JK_BREAK] = {"career_break", {"career break", "career pause", "sabbatical", "family leave", "parental leave",
                            "caregiving", "caregiver", "full time parent", "stay at home parent",
                            "stay at home mom", "stay at home dad", "homemaker", "relocation",
                            "employment gap", NULL}},
};

static const rule settings[] = {
    {"risk_adjustment", {"risk adjustment", "hcc", NULL}},
    {"inpatient", {"inpatient", "drg", NULL}},
    {"outpatient", {"outpatient", "ambulatory", "emergency department", "same day surgery", NULL}},
    {"physician", {"profee", "pro fee", "professional fee", "physician", "clinic", NULL}},
};

static const rule remote_words[] = {
    {"remote", {"remote", "remotely", "work from home", "worked from home", "working from home",
                "home based", "telecommute",
                "telework", "fully virtual", NULL}},
};

static const rule skill_kinds[] = {
    {"code_sets", {"icd", "icd10", "icd10cm", "icd10pcs", "icd 10", "icd 9", "icd 11", "cpt",
                   "hcpcs", "drg", "ms drg", "apr drg", "apc", "hcc", "modifiers", "em", NULL}},
    {"systems", {"epic", "cerner", "oracle health", "meditech", "eclinicalworks", "athenahealth",
                 "athenaone", "nextgen", "allscripts", "3m", "solventum", "encoderpro", "trucode",
                 "optum", "excel", NULL}},
    {"systems", {"ehr", "emr", "encoder", "cac", "computer assisted coding", "mpi",
                 "master patient index", "grouper", NULL}},
};

static const rule high_school[] = {{"high_school", {"high school", NULL}}};

/* What a coder does, in a job's duties: a title with "coding" in it is a
 * claim, the work it describes decides (docs/panel.md, production coding). */
static const rule coding_acts[] = {
    {"coding", {"coded", "code", "coding", "coder", "assign", "assigned", "assigning", "assignment", "abstract", "abstracted",
                "abstracting", "coding of", "validate", "validated", "sequenced", "sequencing", NULL}},
};

static const rule relationships[] = {
    {"supervisor", {"supervisor", "supervised", NULL}},
    {"manager", {"manager", "director", "managed", "lead", NULL}},
    {"physician", {"physician", "dr", "doctor", "md", "surgeon", NULL}},
    {"instructor", {"instructor", "professor", "teacher", "taught", "student", NULL}},
    {"colleague", {"colleague", "coworker", "co worker", "peer", "worked alongside", "teammate", NULL}},
};

/* "References available upon request" is not a reference. */
static const rule placeholder[] = {
    {"placeholder", {"upon request", "on request", "available upon", "furnished upon", "provided upon",
                     "upon your request", NULL}},
};

int cf_credential_info(const char *code, const char **canonical, const char **body, const char **kind)
{
    int k = cf_cred_find(code);
    if (k < 0)
        return -1;
    const cf_cred *c = cf_cred_at(k);
    *canonical = c->code;
    *body = c->body;
    *kind = c->kind;
    return 0;
}

static int t_status, t_level, t_field, t_kind, t_setting, t_remote, t_skill, t_rel, t_hs, t_placeholder,
    t_acts;

static void stems_init(void);

int cf_jsonresume_init(void)
{
    if (cf_sentences_init())
        return -1;
    stems_init();
    t_status = cf_cl_compile(cred_status, CF_ARRAY_LEN(cred_status));
    t_level = cf_cl_compile(edu_levels, CF_ARRAY_LEN(edu_levels));
    t_field = cf_cl_compile(edu_fields, CF_ARRAY_LEN(edu_fields));
    t_kind = cf_cl_compile(work_kinds, CF_ARRAY_LEN(work_kinds));
    t_setting = cf_cl_compile(settings, CF_ARRAY_LEN(settings));
    t_remote = cf_cl_compile(remote_words, CF_ARRAY_LEN(remote_words));
    t_skill = cf_cl_compile(skill_kinds, CF_ARRAY_LEN(skill_kinds));
    t_rel = cf_cl_compile(relationships, CF_ARRAY_LEN(relationships));
    t_hs = cf_cl_compile(high_school, CF_ARRAY_LEN(high_school));
    t_placeholder = cf_cl_compile(placeholder, CF_ARRAY_LEN(placeholder));
    t_acts = cf_cl_compile(coding_acts, CF_ARRAY_LEN(coding_acts));
    return cf_cl_ok() ? 0 : -1;
}

/* The first rule of table t that s (or s2 after it) names, or NULL. */
static const rule *classify2(int t, const rule *rules, const char *s, const char *s2)
{
    cf_cl_text text;
    text.n = 0;
    cf_cl_text_add(&text, s);
    cf_cl_text_add(&text, s2);
    int r = cf_cl_first(t, &text);
    return r < 0 ? NULL : &rules[r];
}

#define CLASSIFY(t, rules, s) classify2(t, rules, s, NULL)

/* The kind of a job from its position's words. */
static int job_kind(const cf_cl_text *position)
{
    uint64_t m = cf_cl_match(t_kind, position);
#define HAS(k) (m & ((uint64_t)1 << (k)))
    /* "Software Engineer - Coding Standards", "Coding Instructor (Python
     * bootcamp)": coding of another kind */
    if (HAS(JK_SOFTWARE))
        return -1;
    if (HAS(JK_BREAK))
        return JK_BREAK;
    static const int order[] = {JK_AUDIT, JK_CDI, JK_REVINT, JK_ABSTRACT};
    for (size_t i = 0; i < CF_ARRAY_LEN(order); i++)
        if (HAS(order[i]))
            return order[i];
    /* "Billing & Coding Specialist" is billing first */
    if (HAS(JK_CODING))
        return HAS(JK_BILLING) ? JK_BILLING : JK_CODING;
    static const int rest[] = {JK_BILLING, JK_HIM, JK_CLINICAL, JK_ADMIN};
    for (size_t i = 0; i < CF_ARRAY_LEN(rest); i++)
        if (HAS(rest[i]))
            return rest[i];
#undef HAS
    return -1;
}

/* What the whole of a coding job says it was (docs/panel.md, production
 * coding): an unpaid externship or practicum is training, WHO ICD-10 for a
 * ministry's statistics is health-records work, CDT coding is dental
 * coding, and a "Coding Specialist" whose duties are all claims and
 * payments is a biller.  all: every word of the job; body: its duties. */
static int coding_job_kind(int kind, const cf_cl_text *all, const cf_cl_text *body)
{
    if (kind != JK_CODING && kind != JK_AUDIT && kind != JK_BILLING)
        return kind;
    uint64_t m = cf_cl_match(t_kind, all);
    if (m & ((uint64_t)1 << JK_TRAINING))
        return JK_TRAINING;
    if (kind == JK_BILLING)
        return kind;
    if (m & ((uint64_t)1 << JK_STATISTICAL))
        return JK_STATISTICAL;
    if (kind == JK_CODING && (m & ((uint64_t)1 << JK_DENTAL)))
        return JK_DENTAL;
    if (kind == JK_CODING && body->n && (cf_cl_match(t_kind, body) & ((uint64_t)1 << JK_BILLING)) &&
        !cf_cl_match(t_acts, body))
        return JK_BILLING;
    return kind;
}

/* Kinds whose work is coding or next to it: their text is read for
 * figures and their setting. */
static int coding_related(int kind)
{
    return kind == JK_CODING || kind == JK_AUDIT || kind == JK_CDI || kind == JK_ABSTRACT ||
           kind == JK_REVINT;
}

/* ---- importer state ---------------------------------------------------- */

typedef struct importer {
    cf_jctx c;
    cf_day as_of;
    int oom;
    cJSON *out;
    cf_reading rd;
    cf_cl_text *words;         /* scratch for an entry's words, one for all */
    cf_cl_text *body;          /* scratch for a job's duties */
    int bad_date;              /* the last get_date met a date it could not read */
} importer;

static cJSON *item(const cJSON *obj, const char *key)
{
    return cf_get(obj, key);
}

static void warn_type(importer *im, const char *key, const char *what)
{
    char where[256];
    if (key)
        cf_jctx_push_key(&im->c, key);
    cf_jctx_warn(&im->c, "wrong-type", "'%s' must be %s: left out", cf_jctx_path(&im->c, where, sizeof where),
                 what);
    if (key)
        cf_jctx_pop(&im->c);
}

/* The string at obj.key, or NULL; a present value of another type is left
 * out with a warning. */
static const char *get_str(importer *im, const cJSON *obj, const char *key)
{
    const cJSON *v = item(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsString(v)) {
        warn_type(im, key, "a string");
        return NULL;
    }
    return v->valuestring;
}

/* The array at obj.key (NULL when absent); a single string stands for an
 * array of one (*one is set); another type is left out with a warning. */
static const cJSON *get_list(importer *im, const cJSON *obj, const char *key, int *one)
{
    const cJSON *v = item(obj, key);
    if (one)
        *one = 0;
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (one && cJSON_IsString(v)) {
        *one = 1;
        return v;
    }
    if (!cJSON_IsArray(v)) {
        warn_type(im, key, "an array");
        return NULL;
    }
    return v;
}

static const cJSON *get_arr(importer *im, const cJSON *obj, const char *key)
{
    return get_list(im, obj, key, NULL);
}

static int is_obj_elem(importer *im, const cJSON *e, int i)
{
    if (cJSON_IsObject(e))
        return 1;
    char where[256];
    cf_jctx_push_index(&im->c, i);
    cf_jctx_warn(&im->c, "wrong-type", "'%s' must be an object: left out",
                 cf_jctx_path(&im->c, where, sizeof where));
    cf_jctx_pop(&im->c);
    return 0;
}

/* Adds obj.key = val without copying: key is a literal and val outlives
 * the native tree (a static string, or a string of the resume, which the
 * profile keeps).  A resume has hundreds of strings; copying them was a
 * tenth of the import. */
static void add_ref(importer *im, cJSON *obj, const char *key, const char *val)
{
    if (!val)
        return;
    cJSON *v = cJSON_CreateStringReference(val);
    if (!v || !cJSON_AddItemToObjectCS(obj, key, v)) {
        cJSON_Delete(v);
        im->oom = 1;
    }
}

/* Adds obj.key = a copy of val (a temporary string). */
static void add_str(importer *im, cJSON *obj, const char *key, const char *val)
{
    if (val && !cf_json_add_str(obj, key, val))
        im->oom = 1;
}

static int has_text(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s > ' ')
            return 1;
    return 0;
}

/* A date field, read as people write it ("Mar 2019", "03/2019", a year as a
 * number) and put in the model's form; "Present" and friends mean no date
 * (an end date: the work goes on).  A date that cannot be read is left out
 * with a warning.  Returns 1 and fills dt when there is a date. */
static int get_date(importer *im, const cJSON *obj, const char *key, cJSON *dst,
                    const char *dst_key, cf_date *dt)
{
    const cJSON *v = item(obj, key);
    cf_date tmp;
    char where[256], buf[16];
    if (!dt)
        dt = &tmp;
    im->bad_date = 0;
    if (!v || cJSON_IsNull(v))
        return 0;
    const char *s = NULL;
    if (cJSON_IsNumber(v) && v->valuedouble >= 1900 && v->valuedouble < 2200 &&
        v->valuedouble == floor(v->valuedouble)) {
        snprintf(buf, sizeof buf, "%d", (int)v->valuedouble);
        s = buf;
    } else if (cJSON_IsString(v)) {
        s = v->valuestring;
    } else {
        warn_type(im, key, "a date");
        return 0;
    }
    if (!has_text(s))
        return 0;
    if (cf_date_parse(s, dt) == 0 && s != buf) {
        if (dst)
            add_ref(im, dst, dst_key, s);
        return 1;
    }
    int r = cf_date_read(s, dt);
    if (r == CF_DATE_OK) {
        char iso[11];
        cf_date_format(dt, iso);
        if (dst)
            add_str(im, dst, dst_key, iso);
        return 1;
    }
    cf_jctx_push_key(&im->c, key);
    if (r == CF_DATE_NOW) {
        /* "Present" as an end date: the work goes on; as any other date it
         * says nothing */
        if (strcmp(key, "endDate") != 0)
            cf_jctx_warn(&im->c, "bad-date", "'%s' names the present, not a date: left out",
                         cf_jctx_path(&im->c, where, sizeof where));
    } else {
        char whybuf[64];
        const char *why = cf_date_why(s, whybuf, sizeof whybuf);
        /* how long the work lasted is not known: never "to this day" */
        int end = dst_key && strcmp(dst_key, "end") == 0;
        cf_jctx_warn(&im->c, "bad-date", "'%s' is not a date (%s): %s", cf_jctx_path(&im->c, where, sizeof where),
                     why ? why : "such as 2019-03, Mar 2019 or 03/2019",
                     end ? "the end is unknown, so the work counts for its start month only" : "left out");
        im->bad_date = 1;
    }
    cf_jctx_pop(&im->c);
    return 0;
}

static void add_from(importer *im, cJSON *obj, const char *section, int i)
{
    char from[64];
    cf_indexed(from, section, i);
    add_str(im, obj, "from", from);
}

/* Copies an array of strings (obj.key, or one string) into dst[dst_key];
 * returns it. */
static cJSON *copy_strings(importer *im, const cJSON *obj, const char *key,
                           cJSON *dst, const char *dst_key)
{
    int one;
    const cJSON *arr = get_list(im, obj, key, &one);
    if (!arr || (!one && !cJSON_GetArraySize(arr)))
        return NULL;
    cJSON *out = cf_json_add_arr(dst, dst_key);
    if (!out) {
        im->oom = 1;
        return NULL;
    }
    cf_jctx_push_key(&im->c, key);
    int i = 0;
    const cJSON *e = one ? arr : arr->child;
    for (; e; e = one ? NULL : e->next, i++) {
        if (!cJSON_IsString(e)) {
            char where[256];
            cf_jctx_push_index(&im->c, i);
            cf_jctx_warn(&im->c, "wrong-type", "'%s' must be a string: left out",
                         cf_jctx_path(&im->c, where, sizeof where));
            cf_jctx_pop(&im->c);
        } else {
            cJSON *v = cJSON_CreateStringReference(e->valuestring);
            if (!v)
                im->oom = 1;
            else
                cJSON_AddItemToArray(out, v);
        }
    }
    cf_jctx_pop(&im->c);
    return out;
}

/* Reads a text of the resume (credentials, figures, HIPAA training). */
static void read_text(importer *im, const char *text, int place, int index, const char *section,
                      int credentials, int figures, int coding_job, int ceus, cf_cl_text *words)
{
    cf_text_place pl = {place, index, section, credentials, figures, coding_job, ceus, words};
    cf_read_text(&im->rd, text, &pl);
}

/* ---- sections ---------------------------------------------------------- */

static void import_basics(importer *im, const cJSON *resume)
{
    const cJSON *basics = item(resume, "basics");
    if (!basics || cJSON_IsNull(basics))
        return;
    cf_jctx_push_key(&im->c, "basics");
    if (!cJSON_IsObject(basics)) {
        cf_jctx_warn(&im->c, "wrong-type", "'basics' must be an object: left out");
    } else {
        /* Everything about who the applicant is goes to "applicant", which
         * scoring never reads: the resume's own basics, not a copy. */
        cJSON *app = cJSON_CreateObjectReference(basics->child);
        if (!app || !cJSON_AddItemToObjectCS(im->out, "applicant", app)) {
            cJSON_Delete(app);
            im->oom = 1;
        }
        const char *summary = get_str(im, basics, "summary");
        const char *label = get_str(im, basics, "label");
        const char *name = get_str(im, basics, "name");
        add_ref(im, im->out, "summary", summary);
        /* Credentials after the name ("Jane Doe, RHIT, CCS") are read; the
         * name itself never is. */
        const char *post = name ? strchr(name, ',') : NULL;
        read_text(im, label, PL_LABEL, 0, NULL, 1, 0, 0, 0, NULL);
        read_text(im, post ? post + 1 : NULL, PL_NAME, 0, NULL, 1, 0, 0, 0, NULL);
        read_text(im, summary, PL_SUMMARY, 0, NULL, 1, 1, 0, -1, NULL);
    }
    cf_jctx_pop(&im->c);
}

/* The hours a text gives a course ("80 contact hours", "16-hour", "16
 * CEUs"), or 0. */
static long course_hours(const char *s)
{
    for (const char *p = s; p && *p; p++) {
        if (*p < '0' || *p > '9' || (p > s && p[-1] >= '0' && p[-1] <= '9'))
            continue;
        char *end;
        long n = strtol(p, &end, 10);
        while (*end == ' ' || *end == '-')
            end++;
        if (strncasecmp(end, "contact ", 8) == 0)
            end += 8;
        if (strncasecmp(end, "hour", 4) == 0 || strncasecmp(end, "hr", 2) == 0 ||
            strncasecmp(end, "ceu", 3) == 0 || strncasecmp(end, "ce ", 3) == 0 ||
            strncasecmp(end, "cme", 3) == 0)
            return n > 0 && n < 100000 ? n : 0;
    }
    return 0;
}

/* Whether a text names continuing education. */
static int continuing(const char *s)
{
    for (const char *p = s; p && *p; p++)
        if (strncasecmp(p, "continuing ", 11) == 0 &&
            (strncasecmp(p + 11, "education", 9) == 0 || strncasecmp(p + 11, "medical education", 17) == 0))
            return 1;
    return 0;
}

static void import_education(importer *im, const cJSON *resume)
{
    const cJSON *edu = get_arr(im, resume, "education");
    if (!edu || !cJSON_GetArraySize(edu))
        return;
    cJSON *out = cf_json_add_arr(im->out, "education");
    if (!out) {
        im->oom = 1;
        return;
    }
    cf_jctx_push_key(&im->c, "education");
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, edu) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        const char *type = get_str(im, e, "studyType");
        const char *area = get_str(im, e, "area");
        const char *inst = get_str(im, e, "institution");
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
        } else {
            cJSON_AddItemToArray(out, o);
            int hs = CLASSIFY(t_hs, high_school, inst) != NULL;
            /* the type's and the area's words, each tokenised once */
            cf_cl_text *words = im->words;
            const rule *lv = NULL, *fd = NULL;
            int may_credential = 0;
            if (!words) {
                im->oom = 1;
            } else {
                words->n = 0;
                cf_cl_text_add(words, type);
                int k = cf_cl_first(t_level, words);
                lv = k >= 0 ? &edu_levels[k] : NULL;
                cf_cl_text_add(words, area);
                if (!lv && (k = cf_cl_first(t_level, words)) >= 0)
                    lv = &edu_levels[k];
                fd = (k = cf_cl_first(t_field, words)) >= 0 ? &edu_fields[k] : NULL;
                may_credential = cf_may_name_credential(words, 0);
            }
            /* a short course is coursework, not a programme: under AAPC's
             * benchmark of 80 contact hours, or continuing education
             * ("ICD-10-CM update, 16 CEUs") */
            if (!lv || strcmp(lv->result, "certificate") == 0 || strcmp(lv->result, "coursework") == 0) {
                long h = course_hours(type);
                if (!h)
                    h = course_hours(area);
                if ((h > 0 && h < 80) || (h == 0 && (continuing(type) || continuing(area))))
                    lv = &edu_levels[LEVEL_COURSEWORK];
            }
            /* a diploma from a high school is a high-school diploma */
            if ((!lv && hs) || (lv && strcmp(lv->result, "certificate") == 0 && hs))
                lv = &edu_levels[LEVEL_HIGH_SCHOOL];
            add_ref(im, o, "level", lv ? lv->result : "other");
            add_ref(im, o, "field", fd ? fd->result : "other");
            if (type || area) {
                cf_buf title = {0};
                cf_buf_puts(&title, type ? type : "");
                cf_buf_puts(&title, type && area ? ", " : "");
                cf_buf_puts(&title, area ? area : "");
                if (title.oom)
                    im->oom = 1;
                else if (title.len)
                    add_str(im, o, "title", title.s);
                cf_buf_free(&title);
            }
            add_ref(im, o, "institution", inst);
            get_date(im, e, "startDate", o, "start", NULL);
            get_date(im, e, "endDate", o, "completed", NULL);
            copy_strings(im, e, "courses", o, "courses");
            add_from(im, o, "education", i);
            if (may_credential) {
                read_text(im, type, PL_EDU, i, NULL, 1, 0, 0, 0, NULL);
                read_text(im, area, PL_EDU, i, NULL, 1, 0, 0, 0, NULL);
            }
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

/* A certificate entry: what it names is read with the other mentions;
 * kept here for the credentials built at the end. */
typedef struct cert {
    const char *name, *issuer;
    int dated;
    cf_date date;
    int idx;                   /* index in certificates[] */
    size_t first, last;        /* its mentions in rd: [first, last) */
} cert;

static void import_certificates(importer *im, const cJSON *resume, cert **certs, size_t *ncerts)
{
    const cJSON *arr = get_arr(im, resume, "certificates");
    *certs = NULL;
    *ncerts = 0;
    int n = arr ? cJSON_GetArraySize(arr) : 0;
    if (!n)
        return;
    *certs = cf_calloc((size_t)n, sizeof **certs);
    if (!*certs) {
        im->oom = 1;
        return;
    }
    cf_jctx_push_key(&im->c, "certificates");
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        cert *c = &(*certs)[(*ncerts)++];
        c->name = get_str(im, e, "name");
        c->issuer = get_str(im, e, "issuer");
        c->idx = i;
        c->dated = get_date(im, e, "date", NULL, NULL, &c->date);
        c->first = im->rd.nm;
        int recent = !c->dated ? -1 : im->as_of - c->date.last < 731;
        int trained = im->rd.hipaa_trained;
        im->rd.hipaa_trained = 0;
        read_text(im, c->name, PL_CERT, i, NULL, 1, 0, 0, recent, NULL);
        c->last = im->rd.nm;
        /* a HIPAA certificate is HIPAA training, dated by the certificate */
        if (im->rd.hipaa_trained && c->dated && c->date.first <= im->as_of &&
            (!im->rd.have_hipaa || c->date.first > im->rd.hipaa.first)) {
            im->rd.hipaa = c->date;
            im->rd.have_hipaa = 1;
        }
        im->rd.hipaa_trained |= trained;
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

/* A quick look at a text of work history before it is tokenised: the word
 * stems (case ignored, at the start of a word) of what a text may say. */
enum {
    ST_REMOTE = 1,             /* remote work */
    ST_READ = 2,               /* HIPAA training, a credential after a word of
                                  earning, a removed apprentice designation */
    ST_CEU = 4                 /* CEU hours */
};

static const struct {
    const char *stem;
    int set;
} stems[] = {
    {"remot", ST_REMOTE}, {"home", ST_REMOTE}, {"telecom", ST_REMOTE}, {"telew", ST_REMOTE},
    {"virtual", ST_REMOTE}, {"hipaa", ST_READ}, {"pass", ST_READ}, {"earn", ST_READ},
    {"obtain", ST_READ}, {"achiev", ST_READ}, {"receiv", ST_READ}, {"award", ST_READ},
    {"attain", ST_READ}, {"hold", ST_READ}, {"held", ST_READ}, {"certif", ST_READ},
    {"credential", ST_READ}, {"became", ST_READ}, {"remov", ST_READ}, {"lifted", ST_READ},
    {"ceu", ST_CEU}, {"ce", ST_CEU}, {"cme", ST_CEU}, {"continuing", ST_CEU},
};

static unsigned char stem_first[256];   /* the sets whose stems start with the byte */

static void stems_init(void)
{
    for (size_t k = 0; k < CF_ARRAY_LEN(stems); k++) {
        unsigned char c = (unsigned char)stems[k].stem[0];
        stem_first[c] |= (unsigned char)stems[k].set;
        stem_first[c & ~32u] |= (unsigned char)stems[k].set;
    }
}

/* Which of the sets of stems s names: one look at the start of each word
 * (after a space, a hyphen or a slash, and any punctuation there). */
static int may_mention(const char *s, int sets)
{
    int found = 0;
    for (const char *p = s; p; p = strpbrk(p, " -/")) {
        while (*p && (unsigned)(((unsigned char)*p | 32) - 'a') > 25u)
            p++;
        if (!*p)
            break;
        unsigned c = (unsigned char)*p;
        int want = stem_first[c] & sets & ~found;
        if (want) {
            for (size_t k = 0; k < CF_ARRAY_LEN(stems); k++) {
                const char *st = stems[k].stem;
                if (!(stems[k].set & want) || st[0] != (char)(c | 32))
                    continue;
                size_t i = 1;
                while (st[i] && (char)(p[i] | 32) == st[i])
                    i++;
                if (!st[i])
                    found |= stems[k].set;
            }
            if (found == sets)
                return found;
        }
        p++;
    }
    return found;
}

/* Whether a text of work history can say anything sentences.c reads there:
 * a figure (when figures are read: a number), CEU hours (when they count: a
 * number and a word for CEUs), or what ST_READ stands for.  Most duties say
 * none of it, and reading is not free.  *remote: whether it may name remote
 * work, when asked (remote not NULL). */
static int worth_reading(const char *s, int figures, int ceus, int *remote)
{
    int numbers = (figures || ceus) && strpbrk(s, "0123456789");
    if (numbers && figures && !remote)
        return 1;
    int found = may_mention(s, ST_READ | (remote ? ST_REMOTE : 0) | (numbers && ceus ? ST_CEU : 0));
    if (remote)
        *remote = (found & ST_REMOTE) != 0;
    return (numbers && (figures || (found & ST_CEU))) || (found & ST_READ);
}

static void import_work(importer *im, const cJSON *resume, const char *section, cJSON *out)
{
    const cJSON *work = get_arr(im, resume, section);
    if (!work)
        return;
    int volunteer = strcmp(section, "volunteer") == 0;
    cf_jctx_push_key(&im->c, section);
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, work) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        const char *position = get_str(im, e, "position");
        const char *employer = get_str(im, e, volunteer ? "organization" : "name");
        const char *location = get_str(im, e, "location");
        const char *summary = get_str(im, e, "summary");
        int one;
        const cJSON *hl = get_list(im, e, "highlights", &one);
        const cJSON *h1 = hl ? (one ? hl : hl->child) : NULL;
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
        } else {
            cJSON_AddItemToArray(out, o);
            /* the position says what the job is; all its text says where
             * and how it was done (each text tokenised once: the texts read
             * for figures give their words to all as they are read) */
            cf_cl_text *all = im->words;
            int kind = -1;
            if (!all) {
                im->oom = 1;
            } else {
                all->n = 0;
                cf_cl_text_add(all, position);
                kind = job_kind(all);
            }
            if (kind != JK_BREAK && employer && im->body) {
                im->body->n = 0;
                cf_cl_text_add(im->body, employer);
                if (cf_cl_match(t_kind, im->body) & ((uint64_t)1 << JK_BREAK))
                    kind = JK_BREAK;
            }
            int related = coding_related(kind), text_from = 0;
            add_ref(im, o, "title", position);
            add_ref(im, o, "employer", employer);
            add_ref(im, o, "kind", kind >= 0 ? work_kinds[kind].result : "other");
            cJSON *kind_item = cJSON_GetObjectItemCaseSensitive(o, "kind");
            cf_date ds, de;
            int has_start = get_date(im, e, "startDate", o, "start", &ds);
            int has_end = get_date(im, e, "endDate", o, "end", &de);
            if (!has_end && im->bad_date && has_start) {
                /* an end that cannot be read: only the start is certain */
                char iso[11];
                cf_date_format(&ds, iso);
                add_str(im, o, "end", iso);
                de = ds;
                has_end = 1;
            } else if (has_start && has_end && de.last < ds.first) {
                /* it ends before it starts: counted as nothing, and said */
                char where[256], a[11], b[11];
                cf_date_format(&ds, a);
                cf_date_format(&de, b);
                cf_jctx_push_key(&im->c, "endDate");
                cf_jctx_warn(&im->c, "bad-date", "'%s' (%s) is before the start (%s): how long it lasted is "
                             "unknown, so it counts for nothing", cf_jctx_path(&im->c, where, sizeof where), b, a);
                cf_jctx_pop(&im->c);
            }
            /* CEUs stated for an entry count when it is current or ended in
             * the last 24 months; nothing dated after the as-of date counts. */
            int counts = !has_start || ds.first <= im->as_of;
            int recent = counts && (has_end ? im->as_of - de.last : 0) < 731;
            int coding_job = kind == JK_CODING || kind == JK_AUDIT;
            /* a title names a credential now and then ("Coding Specialist,
             * CPC-A"): read for one only when a word could start one */
            if (all && cf_may_name_credential(all, 0))
                read_text(im, position, PL_WORK_TITLE, i, section, 1, 0, 0, 0, NULL);
            if (all) {
                cf_cl_text_add(all, location);
                text_from = all->n;
                if (counts && summary && worth_reading(summary, related, recent, NULL))
                    read_text(im, summary, PL_WORK_TEXT, i, section, 1, related, coding_job, recent ? -1 : 0, all);
                else
                    cf_cl_text_add(all, summary);
                /* highlights matter to all only for remote work, and for the
                 * setting of coding work */
                for (const cJSON *h = h1; h; h = one ? NULL : h->next) {
                    if (!cJSON_IsString(h))
                        continue;
                    int remote = 0;
                    int read = counts ? worth_reading(h->valuestring, related, recent, related ? NULL : &remote)
                                      : !related && (remote = (may_mention(h->valuestring, ST_REMOTE) != 0), 0);
                    int words = related || remote;
                    if (read)
                        read_text(im, h->valuestring, PL_WORK_TEXT, i, section, 1, related, coding_job,
                                  recent ? -1 : 0, words ? all : NULL);
                    else if (words)
                        cf_cl_text_add(all, h->valuestring);
                }
            }
            if (all && im->body && (related || kind == JK_BILLING)) {
                /* the duties: of a coding job, the words all has of them */
                im->body->n = 0;
                if (related) {
                    im->body->n = all->n - text_from;
                    memcpy(im->body->ids, all->ids + text_from, (size_t)im->body->n * sizeof *all->ids);
                } else {
                    cf_cl_text_add(im->body, summary);
                    for (const cJSON *h = h1; h; h = one ? NULL : h->next)
                        if (cJSON_IsString(h))
                            cf_cl_text_add(im->body, h->valuestring);
                }
                /* a billing job's words were not all kept: its duties say
                 * whether it was an unpaid externship */
                int k2 = coding_job_kind(kind, related ? all : im->body, im->body);
                if (k2 != kind && kind_item) {
                    kind = k2;
                    kind_item->valuestring = (char *)work_kinds[kind].result;   /* a reference */
                    related = coding_related(kind);
                }
            }
            if (all && related) {
                int set = cf_cl_first(t_setting, all);
                if (set >= 0)
                    add_ref(im, o, "setting", settings[set].result);
            }
            if (all && cf_cl_match(t_remote, all) && !cf_json_add_bool(o, "remote", 1))
                im->oom = 1;
            if (volunteer && !cf_json_add_bool(o, "volunteer", 1))
                im->oom = 1;
            add_ref(im, o, "summary", summary);
            copy_strings(im, e, "highlights", o, "highlights");
            add_from(im, o, section, i);
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

/* A skill as a list: "E/M leveling, NCCI, athenaOne" is three skills. */
static int split_char(const char *s)
{
    return *s == ',' || *s == ';' || *s == '|' ||
           (*s == '/' && s[-1] == ' ' && s[1] == ' ') ||
           ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xA2);
}

static void add_skill(importer *im, cJSON **lists, const char *s, size_t n, int heading)
{
    while (n && (unsigned char)*s <= ' ')
        s++, n--;
    while (n && (unsigned char)s[n - 1] <= ' ')
        n--;
    if (!n)
        return;
    char *piece = cf_strndup(s, n);
    if (!piece) {
        im->oom = 1;
        return;
    }
    const rule *r = CLASSIFY(t_skill, skill_kinds, piece);
    /* A group's name ("Software") is a heading, not a skill, unless it
     * names one itself. */
    if (heading && !r) {
        cf_free(piece);
        return;
    }
    int which = !r ? 2 : strcmp(r->result, "code_sets") == 0 ? 0 : 1;
    if (!lists[which] && !(lists[which] = cJSON_CreateArray()))
        im->oom = 1;
    else if (cf_json_push_str(lists[which], piece))
        im->oom = 1;
    cf_free(piece);
}

static void add_skills(importer *im, cJSON **lists, const char *s, int heading)
{
    const char *start = s;
    for (const char *p = s; *p; p++)
        if (p > s && split_char(p)) {
            add_skill(im, lists, start, (size_t)(p - start), heading);
            start = p + ((unsigned char)*p == 0xE2 ? 3 : 1);
            if ((unsigned char)*p == 0xE2)
                p += 2;
        }
    add_skill(im, lists, start, strlen(start), heading);
}

static void import_skills(importer *im, const cJSON *resume)
{
    const cJSON *skills = get_arr(im, resume, "skills");
    if (!skills || !cJSON_GetArraySize(skills))
        return;
    cJSON *out = cf_json_add_obj(im->out, "skills");
    cJSON *lists[3] = {NULL, NULL, NULL};
    static const char *const names[3] = {"code_sets", "systems", "other"};
    if (!out) {
        im->oom = 1;
        return;
    }
    cf_jctx_push_key(&im->c, "skills");
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, skills) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        const char *name = get_str(im, e, "name");
        int one;
        const cJSON *kw = get_list(im, e, "keywords", &one);
        int n = !kw ? 0 : one ? 1 : cJSON_GetArraySize(kw);
        if (name && *name)
            add_skills(im, lists, name, n > 0);
        int k = 0;
        for (const cJSON *w = !kw ? NULL : one ? kw : kw->child; w; w = one ? NULL : w->next, k++) {
            if (!cJSON_IsString(w)) {
                char where[256];
                cf_jctx_push_key(&im->c, "keywords");
                cf_jctx_push_index(&im->c, k);
                cf_jctx_warn(&im->c, "wrong-type", "'%s' must be a string: left out",
                             cf_jctx_path(&im->c, where, sizeof where));
                cf_jctx_pop(&im->c);
                cf_jctx_pop(&im->c);
                continue;
            }
            add_skills(im, lists, w->valuestring, 0);
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
    for (int k = 0; k < 3; k++)
        if (lists[k])
            cJSON_AddItemToObjectCS(out, names[k], lists[k]);   /* literal key: no allocation */
}

static void import_references(importer *im, const cJSON *resume)
{
    const cJSON *refs = get_arr(im, resume, "references");
    if (!refs || !cJSON_GetArraySize(refs))
        return;
    cJSON *out = NULL;
    cf_jctx_push_key(&im->c, "references");
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, refs) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        /* The referee's name is someone else's personal data: not kept. */
        const char *name = get_str(im, e, "name");
        const char *text = get_str(im, e, "reference");
        int empty = (!name || !has_text(name)) && (!text || !has_text(text));
        if (!empty && !CLASSIFY(t_placeholder, placeholder, name) &&
            !CLASSIFY(t_placeholder, placeholder, text)) {
            cJSON *o = NULL;
            if (!out && !(out = cf_json_add_arr(im->out, "references")))
                im->oom = 1;
            else if (!(o = cJSON_CreateObject()))
                im->oom = 1;
            if (o) {
                cJSON_AddItemToArray(out, o);
                const rule *rel = CLASSIFY(t_rel, relationships, text);
                add_ref(im, o, "relationship", rel ? rel->result : "other");
                add_ref(im, o, "text", text ? text : "");
            }
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

/* ---- credentials, from every place they were stated -------------------- */

static const char *const place_names[] = {
    [PL_CERT] = "certificates", [PL_LABEL] = "basics.label", [PL_NAME] = "basics.name",
    [PL_SUMMARY] = "basics.summary", [PL_EDU] = "education", [PL_WORK_TITLE] = "work",
    [PL_WORK_TEXT] = "work"};

static void place_string(const cf_mention *m, char *buf, size_t size)
{
    (void)size;   /* 64: the longest name is "certificates" */
    if (m->place == PL_CERT || m->place == PL_EDU)
        cf_indexed(buf, place_names[m->place], m->index);
    else if (m->place == PL_WORK_TITLE || m->place == PL_WORK_TEXT)
        cf_indexed(buf, m->section ? m->section : "work", m->index);
    else
        strcpy(buf, place_names[m->place]);
}

/* How sure each status is, to combine mentions of one credential: a lapse
 * stated anywhere stands unless it was renewed; a plan never outweighs a
 * credential stated as held. */
static int status_rank(int st)
{
    switch (st) {
    case MS_ACTIVE: return 4;
    case MS_EXPIRED: return 3;
    case MS_LAPSED: return 2;
    case MS_HELD: return 1;
    default: return 0;
    }
}

static const char *status_name(int st)
{
    switch (st) {
    case MS_ACTIVE: return "active";
    case MS_EXPIRED: return "expired";
    case MS_LAPSED: return "lapsed";
    case MS_FUTURE: return "in_progress";
    default: return NULL;
    }
}

typedef struct credbuild {
    int code;
    int status;
    int has_earned, has_expires, has_renewed;
    cf_date earned, expires, renewed;
    int has_held, has_lapse;   /* the latest dates it was held and lapsed */
    cf_date held, lapse;
    const cert *c;             /* the certificate it was first stated in */
    int first;                 /* its first mention */
    cJSON *also;
} credbuild;

static void set_date(importer *im, cJSON *o, const char *key, const cf_date *d)
{
    char iso[11];
    cf_date_format(d, iso);
    add_str(im, o, key, iso);
}

static void later(cf_date *slot, int *have, const cf_date *d)
{
    if (!*have || d->last > slot->last) {
        *slot = *d;
        *have = 1;
    }
}

/* The dates a mention gives of the credential's state: when it was held
 * (earned, renewed, or the date of a certificate that states it held) and
 * when it lapsed. */
static void note_state(credbuild *b, const cf_mention *m, const cert *c)
{
    int lapsed = m->status == MS_LAPSED || m->status == MS_EXPIRED;
    if (m->status == MS_FUTURE)
        return;
    if (lapsed && m->has_expires)
        later(&b->lapse, &b->has_lapse, &m->expires);
    else if (lapsed)
        ;   /* a lapse with no date: it cannot be placed in time */
    else if (m->has_earned)
        later(&b->held, &b->has_held, &m->earned);
    else if (c && c->dated)
        later(&b->held, &b->has_held, &c->date);
    if (m->has_renewed)
        later(&b->held, &b->has_held, &m->renewed);
    if (!lapsed && m->has_expires && m->expires.last >= b->held.last)
        later(&b->lapse, &b->has_lapse, &m->expires);
}

/* docs/panel.md, P11: the latest state of a credential counts.  Earned, lapsed
 * and earned again ("CPC - lapsed 2017" and "CPC, 2026-08") is held since
 * its latest date, in whichever order the resume states them. */
static void latest_state(credbuild *b)
{
    if (!b->has_held || !b->has_lapse || b->held.first <= b->lapse.last)
        return;
    if (b->status == MS_LAPSED || b->status == MS_EXPIRED)
        b->status = MS_HELD;
    b->earned = b->held;
    b->has_earned = 1;
    if (b->has_expires && b->expires.last < b->held.first)
        b->has_expires = 0;
}

static void build_credentials(importer *im, cert *certs, size_t ncerts)
{
    cf_reading *rd = &im->rd;
    /* "apprentice status removed": the apprentice credential is the full
     * one; a full credential named only as an exam passed gives way to
     * the apprentice one stated beside it */
    for (size_t i = 0; i < rd->nm && rd->apprentice_removed; i++) {
        const cf_cred *c = cf_cred_at(rd->m[i].code);
        if (c->full >= 0)
            rd->m[i].code = c->full;
    }
    for (size_t i = 0; i < rd->nm; i++) {
        if (!rd->m[i].weak)
            continue;
        for (size_t j = 0; j < rd->nm; j++)
            if (rd->m[j].code >= 0 && cf_cred_at(rd->m[j].code)->full == rd->m[i].code) {
                rd->m[i].code = -1;
                break;
            }
    }
    size_t cap = rd->nm + ncerts;
    credbuild *cb = cap ? cf_calloc(cap, sizeof *cb) : NULL;
    cJSON *out = NULL;
    if (cap && !cb) {
        im->oom = 1;
        return;
    }
    size_t nb = 0;
    /* certificates first: where a credential is stated with its date */
    for (size_t pass = 0, i = 0; pass < 2; i = 0, pass++)
    for (; i < rd->nm; i++) {
        const cf_mention *m = &rd->m[i];
        if (m->code < 0 || (m->place == PL_CERT) != (pass == 0))
            continue;
        const cert *c = NULL;
        for (size_t k = 0; m->place == PL_CERT && k < ncerts; k++)
            if (i >= certs[k].first && i < certs[k].last)
                c = &certs[k];
        credbuild *b = NULL;
        for (size_t k = 0; k < nb && !b; k++)
            if (cb[k].code == m->code)
                b = &cb[k];
        if (!b) {
            b = &cb[nb++];
            b->code = m->code;
            b->status = m->status;
            b->c = c;
            b->first = (int)i;
            if (c && c->dated) {
                b->earned = c->date;
                b->has_earned = 1;
            }
        } else {
            char where[64];
            place_string(m, where, sizeof where);
            if (!b->also && !(b->also = cJSON_CreateArray()))
                im->oom = 1;
            else if (b->also) {
                /* a place once */
                int seen = 0;
                const cJSON *a;
                char first[64];
                place_string(&rd->m[b->first], first, sizeof first);
                seen = strcmp(first, where) == 0;
                cJSON_ArrayForEach(a, b->also)
                    seen |= strcmp(a->valuestring, where) == 0;
                if (!seen && cf_json_push_str(b->also, where))
                    im->oom = 1;
            }
            if (!b->c && c) {
                b->c = c;
                if (c->dated) {
                    b->earned = c->date;
                    b->has_earned = 1;
                }
            }
            if (status_rank(m->status) > status_rank(b->status))
                b->status = m->status;
        }
        if (!b->has_earned && m->has_earned && m->status != MS_FUTURE) {
            b->earned = m->earned;
            b->has_earned = 1;
        }
        note_state(b, m, c);
        if (!b->has_expires && m->has_expires) {
            b->expires = m->expires;
            b->has_expires = 1;
        }
        if (m->has_renewed && (!b->has_renewed || m->renewed.first > b->renewed.first)) {
            b->renewed = m->renewed;
            b->has_renewed = 1;
        }
    }
    for (size_t k = 0; k < nb; k++)
        latest_state(&cb[k]);
    /* certificates that name no credential the importer knows are kept as
     * they are: a HIPAA course, a data-analytics certificate */
    for (size_t k = 0; k < ncerts + nb; k++) {
        if (!out && !(out = cf_json_add_arr(im->out, "credentials"))) {
            im->oom = 1;
            break;
        }
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
            break;
        }
        if (k < ncerts) {
            const cert *c = &certs[k];
            int named = 0;
            for (size_t j = c->first; j < c->last; j++)
                named |= rd->m[j].code >= 0;
            if (named) {
                cJSON_Delete(o);
                continue;
            }
            cJSON_AddItemToArray(out, o);
            add_ref(im, o, "name", c->name);
            add_ref(im, o, "body", c->issuer);
            add_ref(im, o, "kind", "other");
            if (c->dated)
                set_date(im, o, "earned", &c->date);
            const rule *st = CLASSIFY(t_status, cred_status, c->name);
            if (st)
                add_ref(im, o, "status", st->result);
            add_from(im, o, "certificates", c->idx);
            continue;
        }
        credbuild *b = &cb[k - ncerts];
        const cf_cred *cr = cf_cred_at(b->code);
        cJSON_AddItemToArray(out, o);
        add_ref(im, o, "code", cr->code);
        if (b->c)
            add_ref(im, o, "name", b->c->name);
        add_ref(im, o, "body", b->c && b->c->issuer ? b->c->issuer : cr->body);
        add_ref(im, o, "kind", cr->kind);
        if (b->has_earned)
            set_date(im, o, "earned", &b->earned);
        if (b->has_renewed)
            set_date(im, o, "renewed", &b->renewed);
        if (b->has_expires)
            set_date(im, o, "expires", &b->expires);
        if (status_name(b->status))
            add_ref(im, o, "status", status_name(b->status));
        char where[64];
        place_string(&rd->m[b->first], where, sizeof where);
        add_str(im, o, "from", where);
        if (b->also && b->also->child) {
            cJSON_AddItemToObjectCS(o, "also_from", b->also);   /* literal key: no allocation */
            b->also = NULL;
        }
    }
    for (size_t k = 0; k < nb; k++)
        cf_json_delete(cb[k].also);
    cf_free(cb);
}

cf_status cf_jsonresume_import(const cJSON *resume, const char *source,
                               const char *text, size_t len, unsigned first_line,
                               cf_day as_of, cf_warnings *warn, cJSON **out, cf_diags *d)
{
    importer im;
    cert *certs = NULL;
    size_t ncerts = 0;
    memset(&im, 0, sizeof im);
    im.c = (cf_jctx){source, text, len, first_line, d, {{0}, {0}, 0}, 0, warn, 0};
    im.as_of = as_of;
    im.rd.as_of = as_of;
    im.words = cf_malloc(sizeof *im.words);
    im.body = cf_malloc(sizeof *im.body);
    *out = NULL;
    if (!im.words || !im.body)
        goto oom;
    im.out = cJSON_CreateObject();
    if (!im.out || !cf_json_add_str(im.out, "format", CF_PROFILE_FORMAT))
        goto oom;

    import_basics(&im, resume);
    import_education(&im, resume);
    import_certificates(&im, resume, &certs, &ncerts);
    cJSON *exp = cJSON_CreateArray();
    if (!exp)
        goto oom;
    import_work(&im, resume, "work", exp);
    import_work(&im, resume, "volunteer", exp);
    if (cJSON_GetArraySize(exp))
        cJSON_AddItemToObjectCS(im.out, "experience", exp);   /* literal key: no allocation */
    else
        cf_json_delete(exp);
    build_credentials(&im, certs, ncerts);
    import_skills(&im, resume);

    cf_reading *rd = &im.rd;
    if (rd->have_accuracy || rd->have_per_hour || rd->have_per_day || rd->have_ceu) {
        cJSON *m = cf_json_add_obj(im.out, "measures");
        if (!m ||
            (rd->have_accuracy && !cf_json_add_num(m, "audit_accuracy", round(rd->accuracy * 10000) / 10000)) ||
            (rd->have_per_hour && !cf_json_add_num(m, "charts_per_hour", round(rd->per_hour * 100) / 100)) ||
            (rd->have_per_day && !cf_json_add_num(m, "charts_per_day", round(rd->per_day * 100) / 100)) ||
            (rd->have_ceu && !cf_json_add_num(m, "ceu_hours_24m", rd->ceu)))
            goto oom;
    }
    if (rd->hipaa_trained) {
        cJSON *a = cf_json_add_obj(im.out, "attestations");
        char day[11];
        if (!a || !cf_json_add_bool(a, "hipaa_trained", 1))
            goto oom;
        if (rd->have_hipaa) {
            cf_date_format(&rd->hipaa, day);
            if (!cf_json_add_str(a, "hipaa_training", day))
                goto oom;
        }
    }
    import_references(&im, resume);

    if (im.oom || rd->oom || im.c.oom || d->oom)
        goto oom;
    cf_reading_free(rd);
    cf_free(certs);
    cf_free(im.words);
    cf_free(im.body);
    *out = im.out;
    return CF_OK;
oom:
    cf_reading_free(&im.rd);
    cf_free(certs);
    cf_free(im.words);
    cf_free(im.body);
    cf_json_delete(im.out);
    return CF_ESYSTEM;
}

/* ---- evidence in the resume's own terms ------------------------------------ */

/* The fields the importer renames, native -> JSON Resume, by section. */
static const char *const renamed[][3] = {
    {"experience", "title", "position"},      {"experience", "employer", "name"},
    {"experience", "start", "startDate"},     {"experience", "end", "endDate"},
    {"education", "level", "studyType"},      {"education", "field", "area"},
    {"education", "title", "studyType"},      {"education", "start", "startDate"},
    {"education", "completed", "endDate"},    {"credentials", "code", "name"},
    {"credentials", "name", "name"},          {"credentials", "earned", "date"},
};

/* What the engine works out or reads from the text, said for a reader of
 * the resume: the resume has no field of that name. */
static const char *const worked_out[][2] = {
    {"derived.coding_months", "months in coding roles (from the work dates; older than five years at half)"},
    {"derived.coding_related_months", "months in coding, audit or CDI roles (from the work dates; older than five years at half)"},
    {"derived.recent_coding_months", "months in coding roles of the last 24 (from the work dates)"},
    {"derived.months_since_coding", "months since the latest coding work ended (from the work dates)"},
    {"derived.him_degree", "education: a completed HIT or HIM degree"},
    {"derived.clinical_degree", "education: a completed clinical degree"},
    {"derived.remote_coding_months", "months in remote coding roles (from the work dates)"},
    {"derived.clinical_months", "months in clinical roles (from the work dates)"},
    {"derived.healthcare_months", "months in healthcare roles (from the work dates)"},
    {"derived.audit_months", "months in audit roles (from the work dates)"},
    {"derived.cdi_months", "months in CDI roles (from the work dates)"},
    {"derived.credential_current", "credentials: one current as of the date"},
    {"derived.code_of_ethics", "code of ethics: stated, or bound by a current AAPC or AHIMA credential"},
    {"derived.reference_count", "references"},
    {"derived.ceu_hours_24m", "CEU hours stated for the last 24 months"},
    {"measures.audit_accuracy", "audited accuracy stated in the text"},
    {"measures.charts_per_hour", "productivity stated in the text"},
    {"measures.charts_per_day", "productivity stated in the text"},
    {"measures.ceu_hours_24m", "CEU hours stated in the text"},
    {"attestations.hipaa_training", "HIPAA training stated in the text"},
    {"attestations.hipaa_trained", "HIPAA training stated in the text"},
    {"summary", "basics.summary"},
};

/* What a resume file's reader noted of it (meta.coderfit), by key. */
static const cJSON *reader_note(const cf_profile *p, const char *key)
{
    const cJSON *meta = p && p->resume ? cJSON_GetObjectItemCaseSensitive(p->resume, "meta") : NULL;
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(meta, "coderfit"), key);
}

const char *cf_profile_read_from(const cf_profile *p, unsigned *pages)
{
    const cJSON *read = reader_note(p, "read");
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(read, "format"), *n = cJSON_GetObjectItemCaseSensitive(read, "pages");
    *pages = 0;
    for (int k = CF_DOC_TEXT; cJSON_IsString(f) && k <= CF_DOC_OTHER; k++)
        if (strcmp(cf_doc_name((cf_doc_kind)k), f->valuestring) == 0) {
            if (cJSON_IsNumber(n) && n->valuedouble >= 1 && n->valuedouble <= 100000)
                *pages = (unsigned)n->valuedouble;
            return cf_doc_name((cf_doc_kind)k);
        }
    return NULL;
}

int cf_input_place(const cf_profile *p, const char *input_path, unsigned *page, unsigned *line)
{
    const cJSON *places = reader_note(p, "places");
    char key[256];
    if (!cJSON_IsObject(places) || !input_path || strlen(input_path) >= sizeof key)
        return 0;
    strcpy(key, input_path);
    for (;;) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(places, key);
        if (cJSON_IsString(v) && sscanf(v->valuestring, "%u:%u", page, line) == 2 && *page && *line)
            return 1;
        /* else where the entry or section that holds it was read */
        char *dot = strrchr(key, '.'), *br = strrchr(key, '[');
        char *cut = dot > br ? dot : br;
        if (!cut || cut == key)
            return 0;
        *cut = '\0';
    }
}

int cf_input_path(const cf_profile *p, const char *native, char **out)
{
    *out = NULL;
    if (!p || !p->resume || !native)
        return 0;
    for (size_t i = 0; i < CF_ARRAY_LEN(worked_out); i++)
        if (strcmp(worked_out[i][0], native) == 0)
            return (*out = cf_strdup(worked_out[i][1])) ? 0 : -1;
    if (strncmp(native, "skills.", 7) == 0)
        return (*out = cf_strdup("skills")) ? 0 : -1;
    /* SECTION[I] and what follows: the entry's "from", then its field */
    const char *br = strchr(native, '[');
    size_t sl = br ? (size_t)(br - native) : 0;
    if (!br || sl > 32)
        return 0;
    char section[40];
    memcpy(section, native, sl);
    section[sl] = '\0';
    const cJSON *arr = cf_get(p->root, section);
    const cJSON *e = cJSON_GetArrayItem(arr, atoi(br + 1));
    const char *from = cf_get_str(e, "from");
    const char *rest = strchr(br, ']');
    if (!from || !rest)
        return 0;
    rest++;
    cf_buf b = {0};
    cf_buf_puts(&b, from);
    /* a field of an entry; a credential found in a text (basics.label, a
     * job's title) stands whole */
    int whole = strcmp(section, "credentials") == 0 && strncmp(from, "certificates[", 13) != 0;
    if (*rest == '.' && strchr(from, '[') && !whole) {
        const char *field = rest + 1;
        size_t fl = strcspn(field, ".[");
        const char *name = NULL;
        for (size_t i = 0; i < CF_ARRAY_LEN(renamed) && !name; i++)
            if (strcmp(renamed[i][0], section) == 0 && strlen(renamed[i][1]) == fl &&
                strncmp(renamed[i][1], field, fl) == 0)
                name = renamed[i][2];
        if (name && strcmp(section, "experience") == 0 && strcmp(name, "name") == 0 &&
            strncmp(from, "volunteer", 9) == 0)
            name = "organization";
        cf_buf_putc(&b, '.');
        if (name) {
            cf_buf_puts(&b, name);
            cf_buf_puts(&b, field + fl);
        } else {
            cf_buf_puts(&b, field);
        }
    }
    if (b.oom || !b.s || strcmp(b.s, native) == 0) {
        int oom = b.oom || !b.s;
        cf_buf_free(&b);
        return oom ? -1 : 0;
    }
    *out = b.s;
    return 0;
}
