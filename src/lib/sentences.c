/* What a resume's sentences say: credentials wherever they are stated, with
 * the words around them that tell whether they are held, lapsed or only
 * planned; and the figures coders write in prose (accuracy, error rates,
 * charts an hour or a day, CEU hours), HIPAA training and a removed
 * apprentice designation.
 *
 * Each text is read once into lexemes (cf_lex); credential names and the
 * words of context are found in compiled phrase tables (classify.c), the
 * longest phrase at each place. */
#include <math.h>
#include <string.h>
#include <strings.h>
#include "resume.h"

/* ---- credentials ---------------------------------------------------------
 * Sources: aapc.com/certification (CPC, COC "formerly CPC-H", CIC, CRC, CPB,
 * CPMA, CPCO, CPPM, CDEO, the specialty exams such as CEMC, CIRCC, CANPC,
 * CASCC, CGSC, COBGC, and the apprentice CPC-A / COC-A); ahima.org/
 * certification (CCA, CCS, CCS-P, RHIT, RHIA, CDIP, CHDA, CHPS); acdis.org/
 * certification (CCDS, CCDS-O); nhanow.com (CBCS).  Licences and life-support
 * cards are recognised so that they are never taken for coding credentials.
 * A phrase whose last word is a single letter ("cpc a") must be written
 * joined by a hyphen ("CPC-A"). */

static const cf_rule cred_rules[] = {
    {"CPC-A", {"cpc a", "certified professional coder apprentice", "cpc apprentice", NULL}},
    {"COC-A", {"coc a", "certified outpatient coder apprentice", "coc apprentice", NULL}},
    {"CPC", {"cpc", "certified professional coder", NULL}},
    {"COC", {"coc", "certified outpatient coder", "cpc h", "certified professional coder hospital",
             "certified professional coder hospital outpatient", NULL}},
    {"CPC-P", {"cpc p", "certified professional coder payer", NULL}},
    {"CIC", {"cic", "certified inpatient coder", NULL}},
    {"CRC", {"crc", "certified risk adjustment coder", NULL}},
    {"CPMA", {"cpma", "certified professional medical auditor", NULL}},
    {"CPCO", {"cpco", "certified professional compliance officer", NULL}},
    {"CPPM", {"cppm", "certified physician practice manager", NULL}},
    {"CDEO", {"cdeo", "certified documentation expert outpatient", NULL}},
    {"CPB", {"cpb", "certified professional biller", NULL}},
    {"CANPC", {"canpc", "certified anesthesia and pain management coder", NULL}},
    {"CASCC", {"cascc", "certified ambulatory surgery center coder", NULL}},
    {"CCC", {"certified cardiology coder", NULL}},
    {"CCVTC", {"ccvtc", "certified cardiovascular and thoracic surgery coder", NULL}},
    {"CEDC", {"cedc", "certified emergency department coder", NULL}},
    {"CEMC", {"cemc", "certified evaluation and management coder", NULL}},
    {"CENTC", {"centc", "certified otolaryngology coder", NULL}},
    {"CFPC", {"cfpc", "certified family practice coder", NULL}},
    {"CGIC", {"cgic", "certified gastroenterology coder", NULL}},
    {"CGSC", {"cgsc", "certified general surgery coder", NULL}},
    {"CHONC", {"chonc", "certified hematology and oncology coder", NULL}},
    {"CIMC", {"cimc", "certified internal medicine coder", NULL}},
    {"CIRCC", {"circc", "certified interventional radiology cardiovascular coder", NULL}},
    {"COBGC", {"cobgc", "certified obstetrics gynecology coder", "certified obstetrics and gynecology coder", NULL}},
    {"COSC", {"cosc", "certified orthopaedic surgery coder", "certified orthopedic surgery coder", NULL}},
    {"CPEDC", {"cpedc", "certified pediatrics coder", NULL}},
    {"CPRC", {"cprc", "certified plastics and reconstructive surgery coder", NULL}},
    {"CRHC", {"crhc", "certified rural health clinic coder", NULL}},
    {"CUC", {"cuc", "certified urology coder", NULL}},
    {"CCS-P", {"ccs p", "certified coding specialist physician", "certified coding specialist physician based", NULL}},
    {"CCS", {"ccs", "certified coding specialist", NULL}},
    {"CCA", {"cca", "certified coding associate", NULL}},
    {"RHIT", {"rhit", "registered health information technician", NULL}},
    {"RHIA", {"rhia", "registered health information administrator", NULL}},
    {"CDIP", {"cdip", "certified documentation integrity practitioner",
              "certified documentation improvement practitioner", NULL}},
    {"CHDA", {"chda", "certified health data analyst", NULL}},
    {"CHPS", {"chps", "certified in healthcare privacy and security", NULL}},
    {"CCDS", {"ccds", "certified clinical documentation specialist", NULL}},
    {"CCDS-O", {"ccds o", "certified clinical documentation specialist outpatient",
                "certified outpatient clinical documentation specialist", NULL}},
    {"CBCS", {"cbcs", "certified billing and coding specialist", NULL}},
    {"HCS-D", {"hcs d", "home care coding specialist diagnosis", "home care coding specialist", NULL}},
    {"COS-C", {"cos c", "oasis specialist clinical", "certified oasis specialist", NULL}},
    {"RN", {"rn", "registered nurse", NULL}},
    {"LPN", {"lpn", "licensed practical nurse", NULL}},
    {"LVN", {"lvn", "licensed vocational nurse", NULL}},
    {"NP", {"nurse practitioner", "aprn", NULL}},
    {"CNA", {"cna", "certified nursing assistant", "certified nurse aide", "nursing assistant", NULL}},
    {"CMA", {"cma", "certified medical assistant", NULL}},
    {"RMA", {"rma", "registered medical assistant", NULL}},
    {"EMT", {"emt", "emergency medical technician", NULL}},
    {"Paramedic", {"paramedic", "nrp", "national registry paramedic", "nremt p", "flight paramedic", NULL}},
    {"Physician", {"registered medical practitioner", "licensed physician", "medical licence", "medical license",
                   "physician licence", "physician license", NULL}},
    {"RRT", {"rrt", "registered respiratory therapist", NULL}},
    {"CPhT", {"cpht", "pharmacy technician", "certified pharmacy technician", NULL}},
    {"CEN", {"cen", "certified emergency nurse", NULL}},
    {"CCRN", {"ccrn", NULL}},
    {"CCMA", {"ccma", "certified clinical medical assistant", NULL}},
    {"CDA", {"cda", "certified dental assistant", NULL}},
    {"CPR", {"cpr", "cardiopulmonary resuscitation", NULL}},
    {"BLS", {"bls", "basic life support", NULL}},
    {"ACLS", {"acls", "advanced cardiovascular life support", NULL}},
    {"PALS", {"pals", "pediatric advanced life support", NULL}},
};

/* Body, kind and full credential of each rule above, in the same order;
 * "full" names an apprentice's full credential by code. */
static const struct {
    const char *body, *kind, *full;
} cred_info[] = {
    {"AAPC", "coding", "CPC"}, {"AAPC", "coding", "COC"}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "other", NULL}, {"AAPC", "cdi", NULL}, {"AAPC", "billing", NULL},
    /* the AAPC specialty exams */
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL}, {"AAPC", "coding", NULL},
    {"AAPC", "coding", NULL},
    /* AHIMA */
    {"AHIMA", "coding", NULL}, {"AHIMA", "coding", NULL}, {"AHIMA", "coding", NULL},
    {"AHIMA", "coding", NULL}, {"AHIMA", "coding", NULL}, {"AHIMA", "cdi", NULL},
    {"AHIMA", "him", NULL}, {"AHIMA", "him", NULL},
    /* ACDIS, NHA, BMSC and OCCB (home health) */
    {"ACDIS", "cdi", NULL}, {"ACDIS", "cdi", NULL}, {"NHA", "coding", NULL},
    {"BMSC", "coding", NULL}, {"OCCB", "other", NULL},
    /* licences and clinical credentials: RN to Paramedic, a physician's
     * registration, a respiratory therapist, NHA's clinical medical
     * assistant, DANB's dental assistant */
    {NULL, "clinical", NULL}, {NULL, "clinical", NULL}, {NULL, "clinical", NULL},
    {NULL, "clinical", NULL}, {NULL, "clinical", NULL}, {NULL, "clinical", NULL},
    {NULL, "clinical", NULL}, {NULL, "clinical", NULL}, {NULL, "clinical", NULL},
    {NULL, "clinical", NULL}, {NULL, "clinical", NULL}, {NULL, "clinical", NULL},
    {NULL, "clinical", NULL}, {NULL, "clinical", NULL},
    {"NHA", "clinical", NULL}, {"DANB", "clinical", NULL},
    /* life support */
    {NULL, "other", NULL}, {NULL, "other", NULL}, {NULL, "other", NULL}, {NULL, "other", NULL},
};

#define NCRED CF_ARRAY_LEN(cred_rules)
static cf_cred creds[NCRED];

const cf_cred *cf_cred_at(int k)
{
    return &creds[k];
}

int cf_cred_find(const char *code)
{
    for (size_t i = 0; i < NCRED; i++)
        if (strcasecmp(cred_rules[i].result, code) == 0)
            return (int)i;
    return -1;
}

/* ---- the words around a mention ------------------------------------------- */

enum {
    CX_NEG, CX_FUTURE, CX_PENDING, CX_HELD, CX_FORMER, CX_LAPSED, CX_EXPIRED, CX_ACTIVE, CX_RENEWED,
    CX_PREP, CX_EXAM, CX_UNTIL, CX_REMOVED, CX_APPRENTICE
};

static const cf_rule ctx_rules[] = {
    [CX_NEG] = {"neg", {"not", "no", "non", "without", "never", "nor", "not yet", "lacking", NULL}},
    [CX_FUTURE] = {"future", {"sit for", "sitting", "sit", "sitting for", "registered for", "register for",
                              "preparing", "preparing for", "prepare for", "prep for", "studying",
                              "studying for", "study for", "working toward", "working towards",
                              "work toward", "work towards", "pursuing", "pursue", "plan", "planning",
                              "plans", "goal", "goals", "aspiring", "aspire", "seeking", "will",
                              "earn", "to earn", "taking", "take", "next", NULL}},
    [CX_PENDING] = {"pending", {"candidate", "eligible", "in progress", "pending", "expected",
                                "anticipated", "scheduled", "in process", "upcoming", NULL}},
    [CX_HELD] = {"held", {"passed", "passing", "earned", "obtained", "achieved", "received",
                          "awarded", "attained", "holds", "hold", "holding", "held", "certified",
                          "credentialed", "became", NULL}},
    /* words that come before the credential they speak of ("former LPN") */
    [CX_FORMER] = {"former", {"former", "formerly", "previously", "no longer", "ex", NULL}},
    [CX_LAPSED] = {"lapsed", {"lapsed", "lapse", "lapsing", "inactive", "reinstate", "reinstating",
                              "reinstatement", "revoked", "suspended", "retired", "not renewed",
                              "not current", NULL}},
    [CX_EXPIRED] = {"expired", {"expired", NULL}},
    [CX_ACTIVE] = {"active", {"active", "current", "in good standing", "good standing", "valid",
                              "maintained", "maintain", NULL}},
    [CX_RENEWED] = {"renewed", {"reinstated", "renewed", "recertified", "reactivated", NULL}},
    [CX_PREP] = {"prep", {"prep", "preparation", "preparatory", "review", "course", "courses", "class",
                          "classes", "bootcamp", "boot camp", "training", "program", "programme",
                          "study guide", "practice", "curriculum", "workshop", "exam prep", NULL}},
    [CX_EXAM] = {"exam", {"exam", "exams", "examination", "test", NULL}},
    [CX_UNTIL] = {"until", {"until", "through", "thru", "expires", "expiring", "exp", "valid through",
                            "valid until", "expiration", "renewal due", NULL}},
    [CX_REMOVED] = {"removed", {"removed", "lifted", NULL}},
    [CX_APPRENTICE] = {"apprentice", {"apprentice", "apprenticeship", NULL}},
};

/* Words of the figures' sentences, one table: each word belongs to one
 * list. */
enum {
    FW_ACC, FW_ERR, FW_STANDARD, FW_ACHIEVED, FW_UNIT, FW_PER, FW_HOUR, FW_DAY, FW_HOURLY, FW_DAILY,
    FW_CEU, FW_TRAINING, FW_OTHER
};
static const cf_rule fig_rules[] = {
    [FW_ACC] = {"accuracy", {"accuracy", "accurate", "audit", "audits", "audited", "auditing", "quality", "qa",
                             "validation", "validated", NULL}},
    [FW_ERR] = {"error", {"error", "errors", NULL}},
    [FW_STANDARD] = {"standard", {"target", "targets", "goal", "benchmark", "standard", "standards",
                                  "threshold", "expectation", "minimum", "required", "requirement", NULL}},
    [FW_ACHIEVED] = {"achieved", {"met", "meet", "meets", "meeting", "exceeded", "exceed", "exceeds",
                                  "exceeding", "beat", "beats", "surpassed", "above", "over", "maintained",
                                  "maintain", "achieved", "achieve", "consistently", "averaged", "average",
                                  "my", NULL}},
    [FW_UNIT] = {"unit", {"charts", "chart", "records", "record", "encounters", "encounter", "cases", "case",
                          "accounts", "account", "visits", "visit", "notes", "reviews", "admissions",
                          "discharges", NULL}},
    [FW_PER] = {"per", {"per", "an", "a", "each", "every", NULL}},
    [FW_HOUR] = {"hour", {"hour", "hr", "hrs", "hours", NULL}},
    [FW_DAY] = {"day", {"day", "shift", NULL}},
    [FW_HOURLY] = {"hourly", {"hourly", NULL}},
    [FW_DAILY] = {"daily", {"daily", NULL}},
    [FW_CEU] = {"ceu", {"ceu", "ceus", "ce", "ces", "ceh", "cehs", "cme", "cmes", NULL}},
    [FW_TRAINING] = {"training", {"training", "trained", "course", "courses", "certificate", "certification",
                                  "certified", "refresher", "awareness", "module", "modules", "education",
                                  "attestation", NULL}},
    /* docs/panel.md, P8: figures that are not coding accuracy, though audits
     * and quality programmes report them too */
    [FW_OTHER] = {"other", {"denial", "denials", "denied", "agreement", "clean", "rejection", "rejections",
                            "response", "collection", "collections", "ar", "days", "query", "queries",
                            "cmi", "capture", "satisfaction", "attendance", "completion", "utilization",
                            "compliance", "first pass", "turnaround", "productivity", "mismatch", NULL}},
};

static int t_cred, t_ctx, t_fig;

int cf_may_name_credential(const cf_cl_text *t, int from)
{
    return cf_cl_may_start(t_cred, t, from);
}

int cf_sentences_init(void)
{
    _Static_assert(CF_ARRAY_LEN(cred_rules) == CF_ARRAY_LEN(cred_info), "credential tables");
    for (size_t i = 0; i < NCRED; i++) {
        creds[i].code = cred_rules[i].result;
        creds[i].body = cred_info[i].body;
        creds[i].kind = cred_info[i].kind;
        creds[i].full = cred_info[i].full ? cf_cred_find(cred_info[i].full) : -1;
    }
    t_cred = cf_cl_compile(cred_rules, NCRED);
    t_ctx = cf_cl_compile(ctx_rules, CF_ARRAY_LEN(ctx_rules));
    t_fig = cf_cl_compile(fig_rules, CF_ARRAY_LEN(fig_rules));
    return t_cred >= 0 && t_ctx >= 0 && t_fig >= 0 ? 0 : -1;
}

/* ---- a text as lexemes ------------------------------------------------------ */

#define MAX_LEX 4096

typedef struct sent {
    cf_lexeme *lx;
    int *id;                  /* word id in the phrase tables, or -1 */
    int *cx;                  /* context phrase starting here (cx_at), -2 not yet looked up */
    int *fw;                  /* figure word (fw_at), -2 not yet looked up */
    int n;
    const char *text;
} sent;


static int word_eq(const cf_lexeme *l, const char *w)
{
    return l->kind == CF_LX_WORD && strcmp(l->w, w) == 0;
}

static int is_year(const cf_lexeme *l)
{
    return l->kind == CF_LX_NUM && !l->range && !l->decimal && l->ndigits == 4 && l->num >= 1900 &&
           l->num <= 2199;
}

/* A date written at lexeme i (year, month year, MM/YYYY): its length in
 * lexemes, or 0. */
static int date_at(const sent *s, int i, cf_date *d)
{
    const cf_lexeme *l = &s->lx[i];
    int m;
    if (l->kind == CF_LX_WORD && i + 1 < s->n && is_year(&s->lx[i + 1]) &&
        (m = cf_month_word(l->w, l->n)) != 0)
        return cf_date_of((int)s->lx[i + 1].num, m, 0, d) == 0 ? 2 : 0;
    if (l->kind == CF_LX_NUM && !l->range && !l->decimal && l->ndigits <= 2 && l->num >= 1 && l->num <= 12 &&
        i + 2 < s->n && s->lx[i + 1].kind == CF_LX_PER && is_year(&s->lx[i + 2]))
        return cf_date_of((int)s->lx[i + 2].num, (int)l->num, 0, d) == 0 ? 3 : 0;
    if (is_year(l) && !(i + 1 < s->n && s->lx[i + 1].kind == CF_LX_PER))
        return cf_date_of((int)l->num, 0, 0, d) == 0 ? 1 : 0;
    return 0;
}

/* The context phrase (CX_*) that starts at lexeme i, or -1; found when
 * first asked for (most lexemes never are). */
static int cx_at(const sent *s, int i)
{
    if (s->cx[i] == -2) {
        int len;
        s->cx[i] = s->id[i] >= 0 ? cf_cl_longest(t_ctx, s->id, s->n, i, &len) : -1;
    }
    return s->cx[i];
}

/* The list of figure words (FW_*) lexeme i is in, or -1. */
static int fw_at(const sent *s, int i)
{
    if (s->fw[i] == -2) {
        int len;
        s->fw[i] = s->id[i] >= 0 ? cf_cl_longest(t_fig, s->id, i + 1, i, &len) : -1;
    }
    return s->fw[i];
}

static int sent_read(sent *s, const char *text, cf_reading *rd)
{
    size_t len = strnlen(text, MAX_LEX), max = len + 1 < MAX_LEX ? len + 1 : MAX_LEX;
    if (max > rd->cap) {
        size_t cap = max < 256 ? 256 : max;
        cf_lexeme *lx = cf_realloc(rd->lx, cap * sizeof *lx);
        if (lx)
            rd->lx = lx;
        int *ids = lx ? cf_realloc(rd->ids, cap * 3 * sizeof *ids) : NULL;
        if (!ids) {
            rd->oom = 1;
            return -1;
        }
        rd->ids = ids;
        rd->cap = cap;
    }
    s->lx = rd->lx;
    s->id = rd->ids;
    s->cx = rd->ids + rd->cap;
    s->fw = s->cx + rd->cap;
    s->n = (int)cf_lex(text, s->lx, max);
    s->text = text;
    for (int i = 0; i < s->n; i++) {
        const cf_lexeme *l = &s->lx[i];
        s->id[i] = l->kind == CF_LX_WORD && l->n < sizeof l->w ? cf_cl_word_hashed(l->w, l->n, l->hash) : -1;
        s->cx[i] = s->fw[i] = -2;
    }
    return 0;
}

/* ---- credentials in a text ----------------------------------------------- */

static int push_mention(cf_reading *rd, const cf_mention *m)
{
    cf_mention *v = cf_grow(rd->m, &rd->capm, rd->nm + 1, sizeof *v);
    if (!v) {
        rd->oom = 1;
        return -1;
    }
    rd->m = v;
    rd->m[rd->nm++] = *m;
    return 0;
}

/* Whether punctuation closes what ends at lexeme l before the next one
 * ("(CPC A) and"): the text between them. */
static int closed_after(const sent *s, const cf_lexeme *l, const cf_lexeme *next)
{
    for (unsigned k = l->off + l->n; k < next->off; k++)
        if (strchr(")]},;|", s->text[k]))
            return 1;
    return 0;
}

/* The credential named at lexeme i (its length in *len), or -1. */
static int cred_at(const sent *s, int i, int *len)
{
    int end = s->n;
    for (;;) {
        int k = cf_cl_longest(t_cred, s->id, end, i, len);
        if (k < 0)
            return -1;
        const cf_lexeme *last = &s->lx[i + *len - 1];
        /* "CPC-A", "CPC A |", but not "the CPC a year ago" */
        int after = i + *len;
        if (*len == 1 || last->n != 1 || last->joined || after == s->n ||
            (s->lx[after].kind != CF_LX_WORD && s->lx[after].kind != CF_LX_NUM) ||
            closed_after(s, last, &s->lx[after]))
            return k;
        end = i + *len - 1;
    }
}

/* Whether a context of category cat starts in lexemes [from, to). */
static int ctx_in(const sent *s, int from, int to, int cat)
{
    for (int i = from; i < to; i++)
        if (cx_at(s, i) == cat)
            return 1;
    return 0;
}

static void read_mentions(cf_reading *rd, const sent *s, const cf_text_place *pl)
{
    int spans[256][3], ns = 0;
    /* first every mention, so that context stops at the next one */
    for (int i = 0; i < s->n && ns < 256;) {
        int len, k = s->id[i] >= 0 ? cred_at(s, i, &len) : -1;
        if (k < 0) {
            i++;
            continue;
        }
        /* work text and titles: a licence named by a plain job title
         * ("Pharmacy Technician") is not a credential */
        if (pl->place == PL_WORK_TITLE && len > 1 && strcmp(creds[k].kind, "clinical") == 0 &&
            !word_eq(&s->lx[i], "certified") && !word_eq(&s->lx[i], "registered") &&
            !word_eq(&s->lx[i], "licensed"))
            i += len;
        else {
            spans[ns][0] = i;
            spans[ns][1] = len;
            spans[ns][2] = k;
            ns++;
            i += len;
        }
    }
    for (int m = 0; m < ns; m++) {
        int at = spans[m][0], end = at + spans[m][1], k = spans[m][2];
        /* the words before, back to a break or the mention before */
        int lo = at, floor = m ? spans[m - 1][0] + spans[m - 1][1] : 0;
        while (lo > floor && at - lo < 5 && s->lx[lo - 1].kind != CF_LX_BREAK)
            lo--;
        /* "Certified Coding Associate (CCA) - exam scheduled": a name
         * and its acronym are one mention, with one context after them */
        int next = m + 1;
        while (next < ns && spans[next][2] == k && spans[next][0] == spans[next - 1][0] + spans[next - 1][1])
            next++;
        int hi = end, ceil = next < ns ? spans[next][0] : s->n;
        if (next > m + 1)
            end = hi = spans[next - 1][0] + spans[next - 1][1];
        while (hi < ceil && hi - end < 6 && s->lx[hi].kind != CF_LX_BREAK)
            hi++;
        int near = end + 3 < hi ? end + 3 : hi;
        if (ctx_in(s, lo, at, CX_NEG) || ctx_in(s, end, near, CX_PREP))
            continue;
        int held = ctx_in(s, lo, at, CX_HELD) || ctx_in(s, end, hi, CX_HELD);
        /* work history names other people's credentials ("trained CPC-A
         * apprentices"): only one the applicant says they earned counts */
        if (pl->place == PL_WORK_TEXT && !ctx_in(s, lo, at, CX_HELD))
            continue;
        cf_mention mt;
        memset(&mt, 0, sizeof mt);
        mt.code = k;
        mt.place = pl->place;
        mt.index = pl->index;
        mt.section = pl->section;
        mt.status = MS_HELD;
        int exam = ctx_in(s, end, end + 2 < hi ? end + 2 : hi, CX_EXAM);
        if (ctx_in(s, lo, at, CX_FUTURE) || ctx_in(s, lo, hi, CX_PENDING))
            mt.status = MS_FUTURE;
        else if (exam && !held)
            mt.status = MS_FUTURE;
        else if (ctx_in(s, lo, hi, CX_RENEWED))
            mt.status = MS_ACTIVE;
        else if (ctx_in(s, lo, hi, CX_EXPIRED))
            mt.status = MS_EXPIRED;
        else if (ctx_in(s, lo, hi, CX_LAPSED) || ctx_in(s, lo, at, CX_FORMER))
            mt.status = MS_LAPSED;
        else if (ctx_in(s, lo, hi, CX_ACTIVE))
            mt.status = MS_ACTIVE;
        mt.weak = exam && held && mt.status == MS_HELD;
        /* a date after it: when it was earned, or when it lapsed */
        cf_date d;
        int found = 0;
        for (int i = end; i < hi && !found; i++) {
            int dl = date_at(s, i, &d);
            if (!dl)
                continue;
            found = 1;
            if (ctx_in(s, end, i, CX_REMOVED))
                ;   /* "(apprentice status removed 2024)": not when it was earned */
            else if (ctx_in(s, end, i, CX_UNTIL) || ctx_in(s, end, i, CX_LAPSED) || ctx_in(s, end, i, CX_EXPIRED)) {
                mt.expires = d;
                mt.has_expires = 1;
            } else if (ctx_in(s, lo, i, CX_RENEWED)) {
                mt.renewed = d;
                mt.has_renewed = 1;
            } else {
                mt.earned = d;
                mt.has_earned = 1;
            }
        }
        for (int i = lo; i < at && !found; i++)
            if (date_at(s, i, &d)) {
                found = 1;
                if (ctx_in(s, i, at, CX_RENEWED)) {
                    mt.renewed = d;
                    mt.has_renewed = 1;
                } else {
                    mt.earned = d;
                    mt.has_earned = 1;
                }
            }
        if (mt.has_earned && mt.earned.first > rd->as_of)
            mt.status = MS_FUTURE;   /* "CPC exam in January 2027" */
        if (push_mention(rd, &mt))
            return;
    }
}

/* "apprentice status removed", "removed the A": the apprentice credential
 * is the full one now. */
static void read_apprentice(cf_reading *rd, const sent *s)
{
    for (int i = 0; i < s->n; i++) {
        const cf_lexeme *l = &s->lx[i];
        /* "removed", "lifted": look the phrase up only for them */
        if (l->kind != CF_LX_WORD || (l->w[0] != 'r' && l->w[0] != 'l') || cx_at(s, i) != CX_REMOVED)
            continue;
        int lo = i > 4 ? i - 4 : 0, hi = i + 4 < s->n ? i + 4 : s->n;
        int a = 0;
        for (int k = lo; k < hi; k++)
            if (s->lx[k].kind == CF_LX_BREAK && k < i)
                lo = k + 1;
        for (int k = i + 1; k < hi; k++)
            if (s->lx[k].kind == CF_LX_BREAK) {
                hi = k;
                break;
            }
        a = ctx_in(s, lo, hi, CX_APPRENTICE);
        /* "removed the A", "removed my A" */
        if (!a && i + 2 < s->n && (word_eq(&s->lx[i + 1], "the") || word_eq(&s->lx[i + 1], "my")) &&
            word_eq(&s->lx[i + 2], "a") &&
            (i + 3 == s->n || s->lx[i + 3].kind != CF_LX_WORD || word_eq(&s->lx[i + 3], "in") ||
             word_eq(&s->lx[i + 3], "designation") || word_eq(&s->lx[i + 3], "status")))
            a = 1;
        if (a)
            rd->apprentice_removed = 1;
    }
}

/* ---- figures in a text ------------------------------------------------------ */

static double value_of(const cf_lexeme *l)
{
    return l->range ? (l->num + l->num2) / 2 : l->num;
}

/* The lexemes around i, [*a, *b): at most back before it and fwd from it,
 * cut at a sentence break (and at a comma when soft is set). */
static void around(const sent *s, int i, int back, int fwd, int soft, int *a, int *b)
{
#define CUT(k) (s->lx[k].kind == CF_LX_BREAK || (soft && s->lx[k].kind == CF_LX_SOFT))
    int lo = i, hi = i + 1;
    while (lo > 0 && i - lo < back && !CUT(lo - 1))
        lo--;
    while (hi < s->n && hi - i < fwd && !CUT(hi))
        hi++;
#undef CUT
    *a = lo;
    *b = hi;
}

/* The clause around lexeme i, cut at breaks and commas, at most 8 lexemes
 * each way. */
static void clause(const sent *s, int i, int *a, int *b)
{
    around(s, i, 8, 8, 1, a, b);
}

#define WHOLE MAX_LEX   /* no limit but the sentence */

/* Whether a word of list fw stands in lexemes [a, b). */
static int any_in(const sent *s, int a, int b, int fw)
{
    for (int k = a; k < b; k++)
        if (fw_at(s, k) == fw)
            return 1;
    return 0;
}

/* "per hour", "an hour", "/hr", "hourly" at lexeme k: 1 an hour, 2 a day,
 * with its length in *len; 0 when none. */
static int rate_at(const sent *s, int k, int *len)
{
    int fw = fw_at(s, k);
    if (fw == FW_HOURLY || fw == FW_DAILY) {
        *len = 1;
        return fw == FW_HOURLY ? 1 : 2;
    }
    if (k + 1 < s->n && (s->lx[k].kind == CF_LX_PER || fw == FW_PER)) {
        int u = fw_at(s, k + 1);
        *len = 2;
        if (u == FW_HOUR)
            return 1;
        if (u == FW_DAY)
            return 2;
    }
    return 0;
}

static void take_max(double v, double *slot, int *have)
{
    if (!*have || v > *slot) {
        *slot = v;
        *have = 1;
    }
}

static void read_figures(cf_reading *rd, const sent *s, const cf_text_place *pl)
{
    int acc_end = -2;          /* where the last clause that gave an accuracy ended */
    for (int i = 0; i < s->n; i++) {
        const cf_lexeme *l = &s->lx[i];
        if (l->kind != CF_LX_NUM)
            continue;
        int dollar = i > 0 && s->lx[i - 1].kind == CF_LX_DOLLAR;
        double v = value_of(l);
        if (i + 1 < s->n && s->lx[i + 1].kind == CF_LX_PCT) {
            if (!pl->figures)
                continue;
            int a, b;
            clause(s, i, &a, &b);
            /* "95% to 98%" is a range, as "95-98%" is, unless it runs
             * "from" one figure "to" another */
            int to_range = i + 4 < s->n && word_eq(&s->lx[i + 2], "to") && s->lx[i + 3].kind == CF_LX_NUM &&
                           s->lx[i + 4].kind == CF_LX_PCT && !(i > 0 && word_eq(&s->lx[i - 1], "from"));
            /* "98%, 97.9% and 98.3%": a clause that starts with a percentage
             * goes on with the accuracy of the clause before */
            int continues = a == i && a == acc_end + 1;
            int acc = any_in(s, a, b, FW_ACC) || continues;
            /* "Most recent external audit (Q2 2026): 87%": a figure after
             * its label */
            int la = a, lb = b;
            if (!acc && a == i && a >= 2 && s->lx[a - 1].kind == CF_LX_SOFT &&
                memchr(s->text + s->lx[a - 1].off, ':', s->lx[a].off - s->lx[a - 1].off)) {
                clause(s, a - 2, &la, &lb);
                acc = any_in(s, la, lb, FW_ACC);
            }
            if (acc && (any_in(s, a, b, FW_OTHER) || any_in(s, la, lb, FW_OTHER)))
                continue;
            int err = any_in(s, a, b, FW_ERR);
            int standard = any_in(s, a, b, FW_STANDARD) && !any_in(s, a, b, FW_ACHIEVED);
            double low = l->range ? l->num : v;
            if (standard)
                continue;
            /* "a 2% error rate": 98% accurate */
            if (err && v >= 0 && v <= 20) {
                take_max(1 - v / 100, &rd->accuracy, &rd->have_accuracy);
                acc_end = b;
            } else if (acc && low >= 50 && low <= 100) {
                take_max(low / 100, &rd->accuracy, &rd->have_accuracy);
                acc_end = b;
            }
            if (to_range)
                i += 4;
            continue;
        }
        /* "2.8 charts per hour", "18-22 inpatient records a day",
         * "25-30 an hour" in a coding job */
        if (pl->figures && !dollar && v > 0) {
            int unit = 0, rate = 0, len = 0;
            for (int k = i + 1; k < s->n && k <= i + 6; k++) {
                const cf_lexeme *w = &s->lx[k];
                if ((rate = rate_at(s, k, &len)) != 0 && (unit || (pl->coding_job && k == i + 1)))
                    break;
                rate = 0;
                if (w->kind != CF_LX_WORD)
                    break;
                if (fw_at(s, k) == FW_UNIT)
                    unit = 1;
                else if (unit)
                    break;
            }
            if (rate == 1 && v <= 200)
                take_max(v, &rd->per_hour, &rd->have_per_hour);
            else if (rate == 2 && v <= 2000)
                take_max(v, &rd->per_day, &rd->have_per_day);
        }
        /* "36 CEUs", "20 continuing education units", "CEUs: 30" */
        if (pl->ceus && !l->range && v > 0 && v <= 1000 && l->ndigits < 4) {
            int ceu = (i + 1 < s->n && fw_at(s, i + 1) == FW_CEU) ||
                      (i + 2 < s->n && word_eq(&s->lx[i + 1], "continuing") && word_eq(&s->lx[i + 2], "education")) ||
                      (i > 0 && fw_at(s, i - 1) == FW_CEU) ||
                      (i > 1 && s->lx[i - 1].kind == CF_LX_SOFT && fw_at(s, i - 2) == FW_CEU);
            if (!ceu)
                continue;
            int recent = 1;
            if (pl->ceus < 0) {
                /* a year in the sentence: CEUs earned then */
                int a, b;
                around(s, i, WHOLE, WHOLE, 0, &a, &b);
                for (int k = a; k < b; k++) {
                    cf_date d;
                    if (is_year(&s->lx[k]) && date_at(s, k, &d) && rd->as_of - d.last >= 731)
                        recent = 0;
                }
            }
            if (recent)
                take_max(v, &rd->ceu, &rd->have_ceu);
        }
    }
}

/* "HIPAA training", "annual HIPAA privacy and security training", a HIPAA
 * certificate; with the date of its sentence when there is one. */
static void read_hipaa(cf_reading *rd, const sent *s, const cf_text_place *pl)
{
    for (int i = 0; i < s->n; i++) {
        const cf_lexeme *l = &s->lx[i];
        if (l->kind != CF_LX_WORD || l->n != 5 || memcmp(l->w, "hipaa", 5) != 0)
            continue;
        int a, b;
        around(s, i, 3, 7, 0, &a, &b);
        int trained = pl->place == PL_CERT || any_in(s, i + 1, b, FW_TRAINING) ||
                      (a < i && any_in(s, a, i, FW_TRAINING));
        if (!trained)
            continue;
        rd->hipaa_trained = 1;
        /* a date in the sentence */
        int lo, hi;
        around(s, i, WHOLE, WHOLE, 0, &lo, &hi);
        for (int k = lo; k < hi; k++) {
            cf_date d;
            int dl = date_at(s, k, &d);
            if (!dl)
                continue;
            if (d.first <= rd->as_of && (!rd->have_hipaa || d.first > rd->hipaa.first)) {
                rd->hipaa = d;
                rd->have_hipaa = 1;
            }
            k += dl - 1;
        }
    }
}

void cf_read_text(cf_reading *rd, const char *text, const cf_text_place *pl)
{
    sent s;
    if (!text || !*text || sent_read(&s, text, rd))
        return;
    cf_cl_text *w = pl->words;
    if (w) {
        if (w->n && w->n < CF_CL_MAX_TOKENS)
            w->ids[w->n++] = -1;   /* texts never run into each other */
        for (int i = 0; i < s.n && w->n < CF_CL_MAX_TOKENS; i++)
            if (s.lx[i].kind == CF_LX_WORD || s.lx[i].kind == CF_LX_NUM)
                w->ids[w->n++] = s.id[i];
    }
    if (pl->credentials)
        read_mentions(rd, &s, pl);
    read_apprentice(rd, &s);
    if (pl->figures || pl->ceus)
        read_figures(rd, &s, pl);
    if (pl->place != PL_NAME)
        read_hipaa(rd, &s, pl);
}

void cf_reading_free(cf_reading *rd)
{
    cf_free(rd->m);
    cf_free(rd->lx);
    cf_free(rd->ids);
    rd->m = NULL;
    rd->lx = NULL;
    rd->ids = NULL;
    rd->nm = rd->capm = rd->cap = 0;
}
