/* The native profile model, described once.  The same table validates
 * native input, checks the paths a rubric reads, and prints the JSON Schema
 * (`coderfit schema profile`). */
#include <string.h>
#include "internal.h"

#define END {NULL, 0, 0, NULL, NULL, 0, 0, 0, NULL}
#define NOLIM 0, 0

static const char *const edu_levels[] = {
    "high_school", "coursework", "certificate", "associate", "bachelor", "master", "doctorate", "other",
    NULL};
static const char *const edu_fields[] = {
    "medical_coding", "hit", "him", "clinical", "health_admin", "other", NULL};
static const char *const statuses_edu[] = {"completed", "in_progress", NULL};
static const char *const cred_kinds[] = {"coding", "cdi", "billing", "him", "clinical", "other", NULL};
static const char *const cred_statuses[] = {"active", "lapsed", "expired", "in_progress", NULL};
static const char *const exp_kinds[] = {
    "coding", "audit", "cdi", "abstracting", "revenue_integrity", "dental_coding", "billing", "him",
    "clinical", "healthcare_admin", "training", "statistical_coding", "career_break", "other", NULL};
static const char *const settings[] = {
    "inpatient", "outpatient", "physician", "risk_adjustment", "mixed", "other", NULL};
static const char *const relationships[] = {
    "manager", "supervisor", "colleague", "physician", "instructor", "other", NULL};

static const cf_field education_item[] = {
    {"level", CF_T_ENUM, 0, NULL, edu_levels, NOLIM, CF_F_REQUIRED,
     "highest level this entry reached (coursework: courses taken outside a programme)"},
    {"field", CF_T_ENUM, 0, NULL, edu_fields, NOLIM, 0,
     "field of study: medical_coding (coding, billing and coding), hit, him, clinical (nursing, allied health), health_admin, other"},
    {"title", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "programme or degree as written"},
    {"institution", CF_T_STRING, 0, NULL, NULL, NOLIM, CF_F_PROTECTED, "never read by scoring"},
    {"start", CF_T_DATE, 0, NULL, NULL, NOLIM, 0, "YYYY, YYYY-MM or YYYY-MM-DD"},
    {"completed", CF_T_DATE, 0, NULL, NULL, NOLIM, 0,
     "completion date; an entry completed after the as-of date does not count"},
    {"status", CF_T_ENUM, 0, NULL, statuses_edu, NOLIM, 0, "in_progress entries do not count"},
    {"hours", CF_T_NUMBER, 0, NULL, NULL, 0, 1e6, 0, "contact hours"},
    {"accredited", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0, "accredited programme (e.g. CAHIIM)"},
    {"courses", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0, "course titles"},
    {"from", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "where an importer found this entry"},
    END};

static const cf_field credential_item[] = {
    {"code", CF_T_STRING, 0, NULL, NULL, NOLIM, 0,
     "recognised acronym (CPC, CPC-A, CCS, RHIT, RN, ...); absent when not recognised"},
    {"name", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "name as written"},
    {"body", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "issuing body (AAPC, AHIMA, NHA, ...)"},
    {"kind", CF_T_ENUM, 0, NULL, cred_kinds, NOLIM, 0,
     "coding, cdi (documentation integrity), billing, him (data, privacy), clinical (a licence) or other"},
    {"earned", CF_T_DATE, 0, NULL, NULL, NOLIM, 0,
     "date earned; a credential earned after the as-of date does not count"},
    {"renewed", CF_T_DATE, 0, NULL, NULL, NOLIM, 0, "last recertification"},
    {"expires", CF_T_DATE, 0, NULL, NULL, NOLIM, 0, "end of the current cycle"},
    {"status", CF_T_ENUM, 0, NULL, cred_statuses, NOLIM, 0,
     "active, lapsed, expired, in_progress (not yet earned); absent means not stated"},
    {"from", CF_T_STRING, 0, NULL, NULL, NOLIM, 0,
     "where an importer found this entry (certificates[0], basics.label, basics.name, basics.summary, "
     "education[1], work[2]); without earned, the credential is undated"},
    {"also_from", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0,
     "the other places the same credential is stated"},
    END};

static const cf_field experience_item[] = {
    {"title", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "position as written"},
    {"employer", CF_T_STRING, 0, NULL, NULL, NOLIM, CF_F_PROTECTED, "never read by scoring"},
    {"kind", CF_T_ENUM, 0, NULL, exp_kinds, NOLIM, CF_F_REQUIRED,
     "coding, audit (coding audit and quality), cdi, abstracting, revenue_integrity, dental_coding "
     "(CDT, counted at half), billing, him, clinical, healthcare_admin, training (an unpaid externship "
     "or practicum: not work), statistical_coding (WHO ICD-10 for statistics: health-records work, not "
     "production coding), career_break (neither a job nor a gap) or other"},
    {"setting", CF_T_ENUM, 0, NULL, settings, NOLIM, 0, "care setting of coding work"},
    {"start", CF_T_DATE, 0, NULL, NULL, NOLIM, 0,
     "start date; work starting after the as-of date does not count"},
    {"end", CF_T_DATE, 0, NULL, NULL, NOLIM, 0, "end date; absent means ongoing (to the as-of date)"},
    {"remote", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0, "remote or home-based work"},
    {"volunteer", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0, "unpaid work"},
    {"summary", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "description of the role"},
    {"highlights", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0, "achievements and duties"},
    {"from", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "where an importer found this entry"},
    END};

static const cf_field skills_fields[] = {
    {"code_sets", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0,
     "code sets the applicant lists (ICD-10-CM, ICD-10-PCS, CPT, HCPCS, ...)"},
    {"systems", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0,
     "software the applicant lists (EHRs, encoders, Excel, ...)"},
    {"other", CF_T_ARRAY, CF_T_STRING, NULL, NULL, NOLIM, 0, "any other listed skill"},
    END};

static const cf_field ce_item[] = {
    {"title", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "course, webinar or conference"},
    {"date", CF_T_DATE, 0, NULL, NULL, NOLIM, CF_F_REQUIRED, "date completed"},
    {"hours", CF_T_NUMBER, 0, NULL, NULL, 0, 1000, CF_F_REQUIRED, "CEU hours"},
    END};

static const cf_field measures_fields[] = {
    {"audit_accuracy", CF_T_NUMBER, 0, NULL, NULL, 0, 1, 0,
     "coding accuracy found by audit, as a fraction (0.974 for 97.4%)"},
    {"charts_per_hour", CF_T_NUMBER, 0, NULL, NULL, 0, 200, 0, "charts coded per hour"},
    {"charts_per_day", CF_T_NUMBER, 0, NULL, NULL, 0, 2000, 0,
     "charts (records, encounters, accounts) coded per day or shift, as stated: never turned into an hourly figure"},
    {"ceu_hours_24m", CF_T_NUMBER, 0, NULL, NULL, 0, 1000, 0,
     "CEU hours earned in the 24 months before the as-of date"},
    {"denial_rate", CF_T_NUMBER, 0, NULL, NULL, 0, 1, 0, "share of claims denied, as a fraction"},
    {"assessment_score", CF_T_NUMBER, 0, NULL, NULL, 0, 1, 0,
     "result of an employer's coding assessment, as a fraction"},
    END};

static const cf_field attestation_fields[] = {
    {"hipaa_training", CF_T_DATE, 0, NULL, NULL, NOLIM, 0, "date of the latest HIPAA training"},
    {"hipaa_trained", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0, "HIPAA training stated, date unknown"},
    {"code_of_ethics", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "bound by a professional code of ethics (AAPC, AHIMA)"},
    {"conflict_of_interest_disclosed", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "has disclosed any conflict of interest"},
    END};

static const cf_field reference_item[] = {
    {"relationship", CF_T_ENUM, 0, NULL, relationships, NOLIM, 0, "who the referee is to the applicant"},
    {"text", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "what the referee says"},
    END};

static const cf_field derived_fields[] = {
    {"coding_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months of coding work (coding and coding audit), overlapping jobs counted once, months more "
     "than five years before the as-of date at half; dental coding at half again"},
    {"coding_months_full", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months of coding work (coding and coding audit), overlapping jobs counted once, each month in "
     "full however long ago: what the resume states, for a recruiter's facts"},
    {"coding_related_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months of coding, coding audit, CDI, abstracting or revenue-integrity work, months more than "
     "five years before the as-of date at half"},
    {"cdi_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "months of clinical documentation integrity work"},
    {"audit_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "months of coding audit and quality work"},
    {"recent_coding_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months of coding work in the 24 months before the as-of date"},
    {"months_since_coding", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months from the end of the latest coding, audit, CDI or dental coding work to the as-of date "
     "(0 while it goes on); absent when there is none"},
    {"him_degree", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "a completed associate degree or more in HIT or HIM"},
    {"clinical_degree", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "a completed associate degree or more in a clinical field (nursing, medicine, allied health)"},
    {"setting", CF_T_ENUM, 0, NULL, settings, NOLIM, 0,
     "setting of the latest coding job that states one (chooses a productivity range)"},
    {"remote_coding_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "months of remote coding work"},
    {"remote_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "months of any remote work"},
    {"clinical_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "months of clinical work"},
    {"healthcare_months", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "months of work in health care (every kind but other)"},
    {"reference_count", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0, "number of references"},
    {"ceu_hours_24m", CF_T_NUMBER, 0, NULL, NULL, NOLIM, 0,
     "measures.ceu_hours_24m, else the continuing education of the last 24 months"},
    {"credential_current", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "a current coding, CDI, billing or HIM credential (not lapsed, expired or in progress)"},
    {"code_of_ethics", CF_T_BOOL, 0, NULL, NULL, NOLIM, 0,
     "attested, or implied by a current AAPC, AHIMA, ACDIS or NHA credential"},
    END};

static const cf_field top_fields[] = {
    {"format", CF_T_STRING, 0, NULL, NULL, NOLIM, CF_F_REQUIRED, "\"" CF_PROFILE_FORMAT "\""},
    {"applicant", CF_T_FREE, 0, NULL, NULL, NOLIM, CF_F_PROTECTED,
     "who the applicant is (id, name, contact, address, birth date, ...): never read by scoring"},
    {"summary", CF_T_STRING, 0, NULL, NULL, NOLIM, 0, "the applicant's own summary"},
    {"education", CF_T_ARRAY, CF_T_OBJECT, education_item, NULL, NOLIM, 0, "education and training"},
    {"credentials", CF_T_ARRAY, CF_T_OBJECT, credential_item, NULL, NOLIM, 0,
     "certifications and licences"},
    {"experience", CF_T_ARRAY, CF_T_OBJECT, experience_item, NULL, NOLIM, 0, "work history"},
    {"skills", CF_T_OBJECT, 0, skills_fields, NULL, NOLIM, 0, "self-listed skills"},
    {"continuing_education", CF_T_ARRAY, CF_T_OBJECT, ce_item, NULL, NOLIM, 0, "CEU activities"},
    {"measures", CF_T_OBJECT, 0, measures_fields, NULL, NOLIM, 0, "stated figures"},
    {"attestations", CF_T_OBJECT, 0, attestation_fields, NULL, NOLIM, 0, "training and ethics"},
    {"references", CF_T_ARRAY, CF_T_OBJECT, reference_item, NULL, NOLIM, 0, "references"},
    {"derived", CF_T_OBJECT, 0, derived_fields, NULL, NOLIM, CF_F_DERIVED,
     "figures computed at load (recomputed when given)"},
    END};

const cf_field cf_profile_model[] = {
    {"", CF_T_OBJECT, 0, top_fields, NULL, NOLIM, 0, "a coderfit profile"},
    END};

/* ---- lookup ------------------------------------------------------------ */

static const cf_field *find_field(const cf_field *fields, const char *name, size_t n)
{
    for (const cf_field *f = fields; f && f->name; f++)
        if (strlen(f->name) == n && memcmp(f->name, name, n) == 0)
            return f;
    return NULL;
}

const cf_field *cf_model_lookup(const char *path, int *iterates, int *prot)
{
    const cf_field *cur = &cf_profile_model[0];
    *iterates = 0;
    *prot = 0;
    const char *s = path;
    while (*s) {
        size_t n = strcspn(s, ".[");
        const cf_field *children = cur->fields;
        if (cur->type == CF_T_FREE) {
            /* Anything below a free object: protected by construction. */
            *prot = 1;
            return cur;
        }
        if (!children || n == 0)
            return NULL;
        const cf_field *f = find_field(children, s, n);
        if (!f)
            return NULL;
        if (f->flags & CF_F_PROTECTED)
            *prot = 1;
        s += n;
        if (s[0] == '[') {
            if (s[1] != ']' || f->type != CF_T_ARRAY)
                return NULL;
            *iterates = 1;
            s += 2;
        }
        if (*s == '.') {
            s++;
            if (!*s)
                return NULL;
        } else if (*s) {
            return NULL;
        }
        if (f->type == CF_T_ARRAY && f->item != CF_T_OBJECT && *s)
            return NULL;
        cur = f;
    }
    return cur == &cf_profile_model[0] ? NULL : cur;
}

/* The date that decides whether an array element counts at the as-of date
 * (an entry dated later, or "in_progress", does not). */
const char *cf_model_gate_date(const char *array_name)
{
    static const char *const gates[][2] = {
        {"education", "completed"}, {"credentials", "earned"},
        {"experience", "start"}, {"continuing_education", "date"}};
    for (size_t i = 0; i < CF_ARRAY_LEN(gates); i++)
        if (strcmp(gates[i][0], array_name) == 0)
            return gates[i][1];
    return NULL;
}
