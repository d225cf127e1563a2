/* JSON Resume (v1.x) to the native model.
 *
 * A resume says things in words; the native model says them in fields.  The
 * importer recognises credentials by acronym and full name, the level and
 * field of each education entry, the kind of each job, remote work, code
 * sets and software in skills, and figures stated in text ("97.4% coding
 * accuracy", "2.8 charts per hour").  Each native entry records where it
 * came from ("from": "certificates[2]"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "classify.h"

typedef cf_rule rule;

/* ---- recognition tables ------------------------------------------------ */

/* Order matters: the apprentice and physician-based variants come before
 * the credentials whose acronym they contain. */
static const rule cred_rules[] = {
    {"CPC-A", {"cpc a", "certified professional coder apprentice", "cpc apprentice", NULL}},
    {"COC-A", {"coc a", "certified outpatient coder apprentice", "coc apprentice", NULL}},
    {"CCS-P", {"ccs p", "certified coding specialist physician", NULL}},
    {"CPC", {"cpc", "certified professional coder", NULL}},
    {"COC", {"coc", "certified outpatient coder", "cpc h", NULL}},
    {"CIC", {"cic", "certified inpatient coder", NULL}},
    {"CRC", {"crc", "certified risk adjustment coder", NULL}},
    {"CPMA", {"cpma", "certified professional medical auditor", NULL}},
    {"CPB", {"cpb", "certified professional biller", NULL}},
    {"CCS", {"ccs", "certified coding specialist", NULL}},
    {"CCA", {"cca", "certified coding associate", NULL}},
    {"RHIT", {"rhit", "registered health information technician", NULL}},
    {"RHIA", {"rhia", "registered health information administrator", NULL}},
    {"CBCS", {"cbcs", "certified billing and coding specialist", NULL}},
    {"RN", {"rn", "registered nurse", NULL}},
    {"LPN", {"lpn", "licensed practical nurse", NULL}},
    {"LVN", {"lvn", "licensed vocational nurse", NULL}},
    {"CNA", {"cna", "certified nursing assistant", "certified nurse aide", "nursing assistant", NULL}},
    {"CMA", {"cma", "certified medical assistant", NULL}},
    {"RMA", {"rma", "registered medical assistant", NULL}},
    {"EMT", {"emt", "emergency medical technician", NULL}},
    {"Paramedic", {"paramedic", NULL}},
    {"CPhT", {"cpht", "pharmacy technician", NULL}},
    {"CPR", {"cpr", "cardiopulmonary resuscitation", NULL}},
    {"BLS", {"bls", "basic life support", NULL}},
};

/* Body and kind of each credential above, in the same order. */
static const struct {
    const char *body, *kind;
} cred_info[] = {
    {"AAPC", "coding"}, {"AAPC", "coding"}, {"AHIMA", "coding"}, {"AAPC", "coding"}, {"AAPC", "coding"},
    {"AAPC", "coding"}, {"AAPC", "coding"}, {"AAPC", "coding"}, {"AAPC", "coding"}, {"AHIMA", "coding"},
    {"AHIMA", "coding"}, {"AHIMA", "coding"}, {"AHIMA", "coding"}, {"NHA", "coding"}, {NULL, "clinical"},
    {NULL, "clinical"}, {NULL, "clinical"}, {NULL, "clinical"}, {NULL, "clinical"}, {NULL, "clinical"},
    {NULL, "clinical"}, {NULL, "clinical"}, {NULL, "clinical"}, {NULL, "other"}, {NULL, "other"},
};

static const rule cred_status[] = {
    {"expired", {"expired", NULL}},
    {"lapsed", {"lapsed", "inactive", "revoked", "suspended", NULL}},
    {"in_progress", {"in progress", "candidate", "pending", "expected", "studying",
                     "preparing", "exam scheduled", NULL}},
};

static const rule edu_levels[] = {
    {"doctorate", {"phd", "doctor", "doctorate", "doctoral", "md", "dnp", "edd", NULL}},
    {"master", {"master", "masters", "ms", "msc", "ma", "mba", "msn", "mha", "mhi", "mph", "mhim", NULL}},
    {"bachelor", {"bachelor", "bachelors", "bs", "ba", "bsc", "bsn", "bas", "bba", NULL}},
    {"associate", {"associate", "associates", "aas", "as", "aa", "aos", "adn", NULL}},
    {"high_school", {"high school", "ged", "secondary", "hs diploma", "hiset", NULL}},
    {"certificate", {"certificate", "certification", "diploma", "program", "programme",
                     "course", "training", NULL}},
};

static const rule edu_fields[] = {
    {"medical_coding", {"medical coding", "coding", "billing and coding", "coding and billing",
                        "medical billing", "medical coder", "coder", NULL}},
    {"hit", {"health information technology", "health information technician", "hit", NULL}},
    {"him", {"health information management", "health information", "him", NULL}},
    {"clinical", {"nursing", "nurse", "medical assistant", "medical assisting", "allied health",
                  "radiologic", "respiratory", "paramedic", "emergency medical", "pharmacy",
                  "surgical technology", "medical laboratory", NULL}},
    {"health_admin", {"health administration", "healthcare administration",
                      "health care administration", "healthcare management",
                      "health services", "public health", NULL}},
};

static const rule work_kinds[] = {
    {"coding", {"coder", "coding", "coding specialist", "coding auditor", NULL}},
    {"cdi", {"clinical documentation", "cdi", "documentation integrity", NULL}},
    {"billing", {"billing", "biller", "claims", "revenue cycle", "reimbursement",
                 "accounts receivable", "collections", NULL}},
    {"him", {"health information", "medical records", "him", "release of information",
             "records clerk", "records technician", "records specialist", NULL}},
    {"clinical", {"nurse", "rn", "lpn", "lvn", "cna", "nursing", "medical assistant", "emt",
                  "paramedic", "phlebotomist", "patient care", "pharmacy technician", NULL}},
    {"healthcare_admin", {"patient access", "patient registration", "medical receptionist",
                          "medical secretary", "unit secretary", "health unit coordinator",
                          "medical office", NULL}},
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
                   "hcpcs", "drg", "ms drg", "apr drg", "apc", "hcc", "modifiers", NULL}},
    {"systems", {"epic", "cerner", "oracle health", "meditech", "eclinicalworks", "athenahealth",
                 "nextgen", "allscripts", "3m", "encoderpro", "trucode", "optum", "excel",
                 NULL}},
    {"systems", {"ehr", "emr", "encoder", "cac", "computer assisted coding", "mpi",
                 "master patient index", "grouper", NULL}},
};

static const rule high_school[] = {{"high_school", {"high school", NULL}}};

static const rule now_words[] = {{"now", {"present", "current", "now", "ongoing", NULL}}};

static const rule hipaa_words[] = {
    {"certificate", {"hipaa", NULL}},
    {"training", {"hipaa training", "hipaa compliance training", NULL}},
};

static const rule relationships[] = {
    {"supervisor", {"supervisor", "supervised", NULL}},
    {"manager", {"manager", "director", "managed", "lead", NULL}},
    {"physician", {"physician", "dr", "doctor", "md", "surgeon", NULL}},
    {"instructor", {"instructor", "professor", "teacher", "taught", "student", NULL}},
    {"colleague", {"colleague", "coworker", "co worker", "peer", "worked alongside", "teammate", NULL}},
};

int cf_credential_info(const char *code, const char **canonical, const char **body, const char **kind)
{
    for (size_t i = 0; i < CF_ARRAY_LEN(cred_rules); i++)
        if (strcasecmp(cred_rules[i].result, code) == 0) {
            *canonical = cred_rules[i].result;
            *body = cred_info[i].body;
            *kind = cred_info[i].kind;
            return 0;
        }
    return -1;
}

static int t_cred, t_status, t_level, t_field, t_kind, t_setting, t_remote, t_skill, t_rel,
    t_hs, t_now, t_hipaa;

int cf_jsonresume_init(void)
{
    _Static_assert(CF_ARRAY_LEN(cred_rules) == CF_ARRAY_LEN(cred_info), "credential tables");
    t_cred = cf_cl_compile(cred_rules, CF_ARRAY_LEN(cred_rules));
    t_status = cf_cl_compile(cred_status, CF_ARRAY_LEN(cred_status));
    t_level = cf_cl_compile(edu_levels, CF_ARRAY_LEN(edu_levels));
    t_field = cf_cl_compile(edu_fields, CF_ARRAY_LEN(edu_fields));
    t_kind = cf_cl_compile(work_kinds, CF_ARRAY_LEN(work_kinds));
    t_setting = cf_cl_compile(settings, CF_ARRAY_LEN(settings));
    t_remote = cf_cl_compile(remote_words, CF_ARRAY_LEN(remote_words));
    t_skill = cf_cl_compile(skill_kinds, CF_ARRAY_LEN(skill_kinds));
    t_rel = cf_cl_compile(relationships, CF_ARRAY_LEN(relationships));
    t_hs = cf_cl_compile(high_school, CF_ARRAY_LEN(high_school));
    t_now = cf_cl_compile(now_words, CF_ARRAY_LEN(now_words));
    t_hipaa = cf_cl_compile(hipaa_words, CF_ARRAY_LEN(hipaa_words));
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

/* ---- importer state ---------------------------------------------------- */

typedef struct importer {
    cf_jctx c;
    cf_day as_of;
    int oom;
    cJSON *out;
    double accuracy, per_hour, ceu;
    int have_accuracy, have_per_hour, have_ceu;
    cf_date hipaa;
    int have_hipaa, hipaa_trained;
} importer;

static cJSON *item(const cJSON *obj, const char *key)
{
    return cf_get(obj, key);
}

/* The string at obj.key, or NULL; a present value of another type is an
 * error. */
static const char *get_str(importer *im, const cJSON *obj, const char *key)
{
    const cJSON *v = item(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsString(v)) {
        char where[256];
        cf_jctx_push_key(&im->c, key);
        cf_jctx_error(&im->c, "wrong-type", "'%s' must be a string",
                      cf_jctx_path(&im->c, where, sizeof where));
        cf_jctx_pop(&im->c);
        return NULL;
    }
    return v->valuestring;
}

/* The array at obj.key (NULL when absent); another type is an error. */
static const cJSON *get_arr(importer *im, const cJSON *obj, const char *key)
{
    const cJSON *v = item(obj, key);
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsArray(v)) {
        char where[256];
        cf_jctx_push_key(&im->c, key);
        cf_jctx_error(&im->c, "wrong-type", "'%s' must be an array",
                      cf_jctx_path(&im->c, where, sizeof where));
        cf_jctx_pop(&im->c);
        return NULL;
    }
    return v;
}

static int is_obj_elem(importer *im, const cJSON *e, int i)
{
    if (cJSON_IsObject(e))
        return 1;
    char where[256];
    cf_jctx_push_index(&im->c, i);
    cf_jctx_error(&im->c, "wrong-type", "'%s' must be an object",
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

/* A date field: valid ISO dates are copied; "present" and friends mean no
 * date; anything else is an error.  Returns 1 and fills dt when copied. */
static int get_date(importer *im, const cJSON *obj, const char *key, cJSON *dst,
                    const char *dst_key, cf_date *dt)
{
    const char *s = get_str(im, obj, key);
    if (!s || !*s)
        return 0;
    cf_date tmp;
    if (!dt)
        dt = &tmp;
    if (cf_date_parse(s, dt) == 0) {
        if (dst)
            add_ref(im, dst, dst_key, s);
        return 1;
    }
    if (CLASSIFY(t_now, now_words, s))
        return 0;   /* "Present": no end */
    {
        char where[256];
        cf_jctx_push_key(&im->c, key);
        cf_jctx_error(&im->c, "bad-date", "'%s' is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
                      cf_jctx_path(&im->c, where, sizeof where));
        cf_jctx_pop(&im->c);
        return 0;
    }
}

static void add_from(importer *im, cJSON *obj, const char *section, int i)
{
    char from[64];
    snprintf(from, sizeof from, "%s[%d]", section, i);
    add_str(im, obj, "from", from);
}

/* Copies an array of strings (obj.key) into dst[dst_key]; returns it. */
static cJSON *copy_strings(importer *im, const cJSON *obj, const char *key,
                           cJSON *dst, const char *dst_key)
{
    const cJSON *arr = get_arr(im, obj, key);
    if (!arr || !cJSON_GetArraySize(arr))
        return NULL;
    cJSON *out = cf_json_add_arr(dst, dst_key);
    if (!out) {
        im->oom = 1;
        return NULL;
    }
    cf_jctx_push_key(&im->c, key);
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, arr) {
        if (!cJSON_IsString(e)) {
            char where[256];
            cf_jctx_push_index(&im->c, i);
            cf_jctx_error(&im->c, "wrong-type", "'%s' must be a string",
                          cf_jctx_path(&im->c, where, sizeof where));
            cf_jctx_pop(&im->c);
        } else {
            cJSON *v = cJSON_CreateStringReference(e->valuestring);
            if (!v)
                im->oom = 1;
            else
                cJSON_AddItemToArray(out, v);
        }
        i++;
    }
    cf_jctx_pop(&im->c);
    return out;
}

/* ---- figures stated in text -------------------------------------------- */

enum { FT_WORD, FT_NUM, FT_PCT, FT_BREAK };

typedef struct ftok {
    int kind;
    double num;
    char w[24];
} ftok;

#define MAX_FTOK 512

/* Splits text into words, numbers (with decimals), '%' and clause breaks;
 * '/' reads as "per". */
static size_t figure_lex(const char *s, ftok *t)
{
    size_t n = 0;
    while (*s && n < MAX_FTOK) {
        unsigned char c = (unsigned char)*s;
        t[n].w[0] = '\0';   /* only words have text: the others compare as "" */
        if (c >= '0' && c <= '9') {
            double v = 0, f = 0.1;
            while (*s >= '0' && *s <= '9')
                v = v * 10 + (*s++ - '0');
            if (*s == '.' && s[1] >= '0' && s[1] <= '9')
                for (s++; *s >= '0' && *s <= '9'; s++, f /= 10)
                    v += (*s - '0') * f;
            t[n].kind = FT_NUM;
            t[n].num = v;
            n++;
            continue;
        }
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            size_t k = 0;
            while (((unsigned char)*s | 32) >= 'a' && ((unsigned char)*s | 32) <= 'z') {
                if (k < sizeof t[n].w - 1)
                    t[n].w[k++] = (char)(*s | 32);
                s++;
            }
            t[n].w[k] = '\0';
            t[n].kind = FT_WORD;
            n++;
            continue;
        }
        if (c == '%') {
            t[n++].kind = FT_PCT;
        } else if (c == '/') {
            t[n].kind = FT_WORD;
            strcpy(t[n++].w, "per");
        } else if (c == '.' || c == ';' || c == '!' || c == '?' || c == '\n' || c == ',') {
            t[n++].kind = FT_BREAK;
        }
        s++;
    }
    return n;
}

static int word_in(const ftok *t, const char *const *words)
{
    if (t->kind != FT_WORD)
        return 0;
    for (; *words; words++)
        if (strcmp(t->w, *words) == 0)
            return 1;
    return 0;
}

/* Reads figures from one piece of work text.  recent: the entry lies within
 * the 24 months before the as-of date, so CEUs stated there are recent. */
static void scan_figures(importer *im, const char *text, int recent)
{
    static const char *const acc_words[] = {"accuracy", "accurate", "audit", "audits", "quality", NULL};
    static const char *const units[] = {"charts", "chart", "records", "encounters", "cases",
                                        "claims", "accounts", "visits", "notes", NULL};
    static const char *const hour[] = {"hour", "hr", "hours", "hourly", NULL};
    static const char *const per[] = {"per", "an", "a", "each", "every", NULL};
    static const char *const ceu[] = {"ceu", "ceus", "ce", NULL};
    if (!text)
        return;
    ftok *t = cf_malloc(MAX_FTOK * sizeof *t);
    if (!t) {
        im->oom = 1;
        return;
    }
    size_t n = figure_lex(text, t);
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind != FT_NUM)
            continue;
        double v = t[i].num;
        if (i + 1 < n && t[i + 1].kind == FT_PCT) {
            /* A percentage counts as accuracy when its clause speaks of
             * accuracy or audits. */
            size_t a = i, b = i + 2;
            while (a > 0 && t[a - 1].kind != FT_BREAK && i - a < 8)
                a--;
            while (b < n && t[b].kind != FT_BREAK && b - i < 8)
                b++;
            int hit = 0;
            for (size_t k = a; k < b; k++)
                hit |= word_in(&t[k], acc_words);
            if (hit && v >= 50 && v <= 100 && (!im->have_accuracy || v / 100 > im->accuracy)) {
                im->accuracy = v / 100;
                im->have_accuracy = 1;
            }
            continue;
        }
        /* "2.8 charts per hour", "3 inpatient records an hour", "4 charts/hr" */
        int unit = 0;
        for (size_t k = i + 1; k < n && k <= i + 4 && t[k].kind == FT_WORD; k++) {
            if (word_in(&t[k], units))
                unit = 1;
            else if (unit && ((word_in(&t[k], per) && k + 1 < n && word_in(&t[k + 1], hour)) ||
                              strcmp(t[k].w, "hourly") == 0)) {
                if (v > 0 && v <= 200 && (!im->have_per_hour || v > im->per_hour)) {
                    im->per_hour = v;
                    im->have_per_hour = 1;
                }
                break;
            }
        }
        /* "36 CEUs", "20 continuing education units" */
        if (recent && i + 1 < n && v > 0 && v <= 1000 &&
            (word_in(&t[i + 1], ceu) ||
             (i + 2 < n && strcmp(t[i + 1].w, "continuing") == 0 && strcmp(t[i + 2].w, "education") == 0))) {
            if (!im->have_ceu || v > im->ceu) {
                im->ceu = v;
                im->have_ceu = 1;
            }
        }
    }
    cf_free(t);
}

/* ---- sections ---------------------------------------------------------- */

static void import_basics(importer *im, const cJSON *resume)
{
    const cJSON *basics = item(resume, "basics");
    if (!basics || cJSON_IsNull(basics))
        return;
    cf_jctx_push_key(&im->c, "basics");
    if (!cJSON_IsObject(basics)) {
        cf_jctx_error(&im->c, "wrong-type", "'basics' must be an object");
    } else {
        /* Everything about who the applicant is goes to "applicant", which
         * scoring never reads: the resume's own basics, not a copy. */
        cJSON *app = cJSON_CreateObjectReference(basics->child);
        if (!app || !cJSON_AddItemToObjectCS(im->out, "applicant", app)) {
            cJSON_Delete(app);
            im->oom = 1;
        }
        add_ref(im, im->out, "summary", get_str(im, basics, "summary"));
    }
    cf_jctx_pop(&im->c);
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
            const rule *lv = CLASSIFY(t_level, edu_levels, type);
            if (!lv)
                lv = CLASSIFY(t_level, edu_levels, area);
            /* a diploma from a high school is a high-school diploma */
            if ((!lv && hs) || (lv && strcmp(lv->result, "certificate") == 0 && hs))
                lv = &edu_levels[4];
            const rule *fd = classify2(t_field, edu_fields, type, area);
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
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

static void import_certificates(importer *im, const cJSON *resume)
{
    const cJSON *certs = get_arr(im, resume, "certificates");
    if (!certs || !cJSON_GetArraySize(certs))
        return;
    cJSON *out = cf_json_add_arr(im->out, "credentials");
    if (!out) {
        im->oom = 1;
        return;
    }
    cf_jctx_push_key(&im->c, "certificates");
    int i = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, certs) {
        if (!is_obj_elem(im, e, i)) {
            i++;
            continue;
        }
        cf_jctx_push_index(&im->c, i);
        const char *name = get_str(im, e, "name");
        const char *issuer = get_str(im, e, "issuer");
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
        } else {
            cJSON_AddItemToArray(out, o);
            cf_cl_text text;
            text.n = 0;
            cf_cl_text_add(&text, name);
            int k = cf_cl_first(t_cred, &text), sk = cf_cl_first(t_status, &text);
            const rule *st = sk >= 0 ? &cred_status[sk] : NULL;
            if (k >= 0)
                add_ref(im, o, "code", cred_rules[k].result);
            add_ref(im, o, "name", name);
            add_ref(im, o, "body", issuer ? issuer : k >= 0 ? cred_info[k].body : NULL);
            add_ref(im, o, "kind", k >= 0 ? cred_info[k].kind : "other");
            cf_date dt;
            int dated = get_date(im, e, "date", o, "earned", &dt);
            if (st)
                add_ref(im, o, "status", st->result);
            if (cf_cl_match(t_hipaa, &text)) {
                im->hipaa_trained = 1;
                if (dated && dt.first <= im->as_of && (!im->have_hipaa || dt.first > im->hipaa.first)) {
                    im->hipaa = dt;
                    im->have_hipaa = 1;
                }
            }
            add_from(im, o, "certificates", i);
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

/* Whether s may name remote work or HIPAA training: a quick look for the
 * stems of those phrases (case ignored) before tokenising it. */
static int may_mention_remote(const char *s)
{
    static const char *const stems[] = {"remot", "home", "telecom", "telew", "virtual", "hipaa"};
    for (; *s; s++) {
        char c = (char)(*s | 32);
        if (c != 'r' && c != 'h' && c != 't' && c != 'v')
            continue;
        for (size_t k = 0; k < CF_ARRAY_LEN(stems); k++) {
            size_t i = 0;
            while (stems[k][i] && (char)(s[i] | 32) == stems[k][i])
                i++;
            if (!stems[k][i])
                return 1;
        }
    }
    return 0;
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
        const cJSON *hl = get_arr(im, e, "highlights");
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
        } else {
            cJSON_AddItemToArray(out, o);
            /* the position says what the job is; all its text says where
             * and how it was done */
            const rule *kind = CLASSIFY(t_kind, work_kinds, position);
            int coding = kind && strcmp(kind->result, "coding") == 0;
            cf_cl_text *all = cf_malloc(sizeof *all);
            if (!all) {
                im->oom = 1;
            } else {
                all->n = 0;
                cf_cl_text_add(all, position);
                cf_cl_text_add(all, location);
                cf_cl_text_add(all, summary);
                /* highlights matter here only for remote work and HIPAA
                 * training, and for the setting of coding work */
                const cJSON *h;
                cJSON_ArrayForEach(h, hl)
                    if (cJSON_IsString(h) && (coding || may_mention_remote(h->valuestring)))
                        cf_cl_text_add(all, h->valuestring);
            }
            add_ref(im, o, "title", position);
            add_ref(im, o, "employer", employer);
            add_ref(im, o, "kind", kind ? kind->result : "other");
            if (all && coding) {
                int set = cf_cl_first(t_setting, all);
                if (set >= 0)
                    add_ref(im, o, "setting", settings[set].result);
            }
            cf_date ds, de;
            int has_start = get_date(im, e, "startDate", o, "start", &ds);
            int has_end = get_date(im, e, "endDate", o, "end", &de);
            if (all && cf_cl_match(t_remote, all) && !cf_json_add_bool(o, "remote", 1))
                im->oom = 1;
            if (volunteer && !cf_json_add_bool(o, "volunteer", 1))
                im->oom = 1;
            add_ref(im, o, "summary", summary);
            copy_strings(im, e, "highlights", o, "highlights");
            add_from(im, o, section, i);
            /* CEUs stated for an entry count when it is current or ended in
             * the last 24 months; nothing dated after the as-of date counts. */
            if (!has_start || ds.first <= im->as_of) {
                int recent = (has_end ? im->as_of - de.last : 0) < 731;
                scan_figures(im, summary, recent);
                const cJSON *h;
                cJSON_ArrayForEach(h, hl)
                    if (cJSON_IsString(h))
                        scan_figures(im, h->valuestring, recent);
            }
            if (all && (cf_cl_match(t_hipaa, all) & 2u))
                im->hipaa_trained = 1;
            cf_free(all);
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
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
        const cJSON *kw = get_arr(im, e, "keywords");
        int n = kw ? cJSON_GetArraySize(kw) : 0;
        /* the group's name, then its keywords, walked once (an index
         * lookup per keyword would be quadratic) */
        const cJSON *w = kw ? kw->child : NULL;
        for (int k = -1; k < n; k++, w = k > 0 && w ? w->next : w) {
            const char *s = name;
            if (k >= 0) {
                if (!cJSON_IsString(w)) {
                    char where[256];
                    cf_jctx_push_key(&im->c, "keywords");
                    cf_jctx_push_index(&im->c, k);
                    cf_jctx_error(&im->c, "wrong-type", "'%s' must be a string",
                                  cf_jctx_path(&im->c, where, sizeof where));
                    cf_jctx_pop(&im->c);
                    cf_jctx_pop(&im->c);
                    continue;
                }
                s = w->valuestring;
            }
            if (!s || !*s)
                continue;
            const rule *r = CLASSIFY(t_skill, skill_kinds, s);
            /* A group's name ("Software") is a heading, not a skill,
             * unless it names one itself. */
            if (k < 0 && n > 0 && !r)
                continue;
            int which = !r ? 2 : strcmp(r->result, "code_sets") == 0 ? 0 : 1;
            if (!lists[which] && !(lists[which] = cJSON_CreateArray())) {
                im->oom = 1;
                continue;
            }
            if (cf_json_push_str(lists[which], s))
                im->oom = 1;
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
    cJSON *out = cf_json_add_arr(im->out, "references");
    if (!out) {
        im->oom = 1;
        return;
    }
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
        get_str(im, e, "name");
        const char *text = get_str(im, e, "reference");
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            im->oom = 1;
        } else {
            cJSON_AddItemToArray(out, o);
            const rule *rel = CLASSIFY(t_rel, relationships, text);
            add_ref(im, o, "relationship", rel ? rel->result : "other");
            add_ref(im, o, "text", text ? text : "");
        }
        cf_jctx_pop(&im->c);
        i++;
    }
    cf_jctx_pop(&im->c);
}

cf_status cf_jsonresume_import(const cJSON *resume, const char *source,
                               const char *text, size_t len, unsigned first_line,
                               cf_day as_of, cJSON **out, cf_diags *d)
{
    importer im;
    memset(&im, 0, sizeof im);
    im.c = (cf_jctx){source, text, len, first_line, d, {{0}, {0}, 0}, 0};
    im.as_of = as_of;
    *out = NULL;
    im.out = cJSON_CreateObject();
    if (!im.out || !cf_json_add_str(im.out, "format", CF_PROFILE_FORMAT))
        goto oom;

    import_basics(&im, resume);
    import_education(&im, resume);
    import_certificates(&im, resume);
    cJSON *exp = cJSON_CreateArray();
    if (!exp)
        goto oom;
    import_work(&im, resume, "work", exp);
    import_work(&im, resume, "volunteer", exp);
    if (cJSON_GetArraySize(exp))
        cJSON_AddItemToObjectCS(im.out, "experience", exp);   /* literal key: no allocation */
    else
        cf_json_delete(exp);
    import_skills(&im, resume);

    if (im.have_accuracy || im.have_per_hour || im.have_ceu) {
        cJSON *m = cf_json_add_obj(im.out, "measures");
        if (!m ||
            (im.have_accuracy && !cf_json_add_num(m, "audit_accuracy", round(im.accuracy * 10000) / 10000)) ||
            (im.have_per_hour && !cf_json_add_num(m, "charts_per_hour", im.per_hour)) ||
            (im.have_ceu && !cf_json_add_num(m, "ceu_hours_24m", im.ceu)))
            goto oom;
    }
    if (im.hipaa_trained) {
        cJSON *a = cf_json_add_obj(im.out, "attestations");
        char day[11];
        if (!a || !cf_json_add_bool(a, "hipaa_trained", 1))
            goto oom;
        if (im.have_hipaa) {
            cf_day_format(im.hipaa.first, day);
            day[im.hipaa.precision == 1 ? 4 : im.hipaa.precision == 2 ? 7 : 10] = '\0';
            if (!cf_json_add_str(a, "hipaa_training", day))
                goto oom;
        }
    }
    import_references(&im, resume);

    if (im.oom || d->oom)
        goto oom;
    if (im.c.errors) {
        cf_json_delete(im.out);
        return CF_EINPUT;
    }
    *out = im.out;
    return CF_OK;
oom:
    cf_json_delete(im.out);
    return CF_ESYSTEM;
}
