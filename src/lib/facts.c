/* The facts a recruiter reads a resume for: credentials with their status
 * and year, years of coding and its settings, remote work, audited
 * accuracy and productivity as stated.  Read from the profile for the
 * reports and the command line's knock-outs, never for scoring; a saved
 * report carries them, so that a merge of saved reports shows and filters
 * the same. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "report.h"

static const struct {
    const char *model, *shown;   /* the model's name, and as a recruiter says it */
    unsigned bit;
} setting_names[] = {
    {"inpatient", "inpatient", CF_SET_INPATIENT},
    {"outpatient", "outpatient", CF_SET_OUTPATIENT},
    {"physician", "profee", CF_SET_PROFEE},
    {"risk_adjustment", "risk", CF_SET_RISK},
    {"mixed", "mixed", CF_SET_MIXED},
};

static const char *const state_names[] = {"active", "not stated", "lapsed", "expired", "in progress"};

unsigned cf_setting_bit(const char *name)
{
    for (size_t i = 0; name && i < CF_ARRAY_LEN(setting_names); i++)
        if (strcmp(name, setting_names[i].model) == 0 || strcmp(name, setting_names[i].shown) == 0)
            return setting_names[i].bit;
    return 0;
}

static const char *setting_shown(unsigned bit)
{
    for (size_t i = 0; i < CF_ARRAY_LEN(setting_names); i++)
        if (setting_names[i].bit == bit)
            return setting_names[i].shown;
    return "";
}

static int year_of(const cJSON *v)
{
    cf_date d;
    if (!cJSON_IsString(v) || cf_date_parse(v->valuestring, &d))
        return 0;
    char day[11];
    cf_day_format(d.first, day);
    return atoi(day);
}

static void add_setting(cf_facts *f, unsigned bit)
{
    if (!bit || (f->settings & bit))
        return;
    f->settings |= bit;
    for (size_t i = 0; i < CF_ARRAY_LEN(f->setting_order); i++)
        if (!f->setting_order[i]) {
            f->setting_order[i] = bit;
            break;
        }
}

/* Credentials a recruiter asks about: coding, CDI, billing, HIM and
 * clinical ones, each code once (its latest entry, as the importer keeps
 * it). */
static int read_creds(const cf_profile *p, cf_facts *f)
{
    static const char *const kinds[] = {"coding", "cdi", "billing", "him", "clinical"};
    const cJSON *creds = cf_get(p->root, "credentials"), *c;
    size_t n = (size_t)cJSON_GetArraySize(creds), i = 0;
    if (!n)
        return 0;
    if (!(f->cred = cf_calloc(n, sizeof *f->cred)))
        return -1;
    cJSON_ArrayForEach(c, creds) {
        int counts = cf_counts(&p->counting, creds, i++);
        const char *code = cf_get_str(c, "code"), *kind = cf_credential_kind(c);
        int known = 0;
        for (size_t k = 0; kind && k < CF_ARRAY_LEN(kinds); k++)
            known |= strcmp(kind, kinds[k]) == 0;
        if (!code || !*code || !known)
            continue;
        cf_fact_cred *fc = NULL;
        for (size_t k = 0; k < f->ncred && !fc; k++)
            if (strcmp(f->cred[k].code, code) == 0)
                fc = &f->cred[k];
        if (!fc) {
            fc = &f->cred[f->ncred];
            if (!(fc->code = cf_strdup(code)))
                return -1;
            f->ncred++;
        }
        fc->state = cf_credential_state(c, p->as_of, counts);
        fc->year = year_of(cf_get(c, "earned"));
        if (fc->state == CF_CRED_LAPSED || fc->state == CF_CRED_EXPIRED) {
            int end = year_of(cf_get(c, "expires"));
            fc->year = end ? end : fc->year;
        }
        if (fc->state == CF_CRED_IN_PROGRESS)
            fc->year = 0;
    }
    return 0;
}

int cf_facts_read(const cf_profile *p, cf_facts *f)
{
    memset(f, 0, sizeof *f);
    f->coding_months = f->accuracy = f->per_hour = f->per_day = -1;
    const cJSON *der = cf_get(p->root, "derived"), *m = cf_get(p->root, "measures"), *v;
    if (cJSON_IsNumber(v = cf_get(der, "coding_months_full")))
        f->coding_months = v->valuedouble;
    f->remote = cJSON_IsNumber(v = cf_get(der, "remote_coding_months")) && v->valuedouble > 0;
    if (cJSON_IsNumber(v = cf_get(m, "audit_accuracy")))
        f->accuracy = v->valuedouble;
    if (cJSON_IsNumber(v = cf_get(m, "charts_per_hour")))
        f->per_hour = v->valuedouble;
    if (cJSON_IsNumber(v = cf_get(m, "charts_per_day")))
        f->per_day = v->valuedouble;
    /* the settings of the coding jobs that count, latest first (the
     * importer lists work latest first; a native profile may not: the
     * order is by start date) */
    const cJSON *exp = cf_get(p->root, "experience"), *e;
    size_t n = (size_t)cJSON_GetArraySize(exp), i = 0, k = 0;
    if (n) {
        struct job { cf_day start; unsigned bit; } *jobs = cf_malloc(n * sizeof *jobs);
        if (!jobs)
            return -1;
        cJSON_ArrayForEach(e, exp) {
            const char *kind = cf_get_str(e, "kind");
            cf_date d;
            const cJSON *s = cf_get(e, "start");
            if (!cf_counts(&p->counting, exp, i++) || !kind ||
                (strcmp(kind, "coding") != 0 && strcmp(kind, "audit") != 0))
                continue;
            jobs[k].start = cJSON_IsString(s) && cf_date_parse(s->valuestring, &d) == 0 ? d.first : 0;
            jobs[k++].bit = cf_setting_bit(cf_get_str(e, "setting"));
        }
        for (size_t a = 1; a < k; a++)   /* insertion sort, stable: latest first */
            for (size_t b = a; b > 0 && jobs[b].start > jobs[b - 1].start; b--) {
                struct job t = jobs[b];
                jobs[b] = jobs[b - 1];
                jobs[b - 1] = t;
            }
        for (size_t a = 0; a < k; a++)
            add_setting(f, jobs[a].bit);
        cf_free(jobs);
    }
    if (read_creds(p, f)) {
        cf_facts_free(f);
        return -1;
    }
    return 0;
}

int cf_facts_from_json(const cJSON *facts, cf_facts *f)
{
    memset(f, 0, sizeof *f);
    f->coding_months = f->accuracy = f->per_hour = f->per_day = -1;
    const cJSON *v, *c;
    if (cJSON_IsNumber(v = cf_get(facts, "coding_years")))
        f->coding_months = v->valuedouble * 12;
    f->remote = cJSON_IsTrue(cf_get(facts, "remote"));
    if (cJSON_IsNumber(v = cf_get(facts, "accuracy")))
        f->accuracy = v->valuedouble;
    if (cJSON_IsNumber(v = cf_get(facts, "charts_per_hour")))
        f->per_hour = v->valuedouble;
    if (cJSON_IsNumber(v = cf_get(facts, "charts_per_day")))
        f->per_day = v->valuedouble;
    cJSON_ArrayForEach(c, cf_get(facts, "settings")) {
        if (cJSON_IsString(c))
            add_setting(f, cf_setting_bit(c->valuestring));
    }
    const cJSON *creds = cf_get(facts, "credentials");
    size_t n = (size_t)cJSON_GetArraySize(creds);
    if (n && !(f->cred = cf_calloc(n, sizeof *f->cred)))
        return -1;
    cJSON_ArrayForEach(c, creds) {
        const char *code = cf_get_str(c, "code"), *st = cf_get_str(c, "status");
        if (!code)
            continue;
        cf_fact_cred *fc = &f->cred[f->ncred];
        if (!(fc->code = cf_strdup(code))) {
            cf_facts_free(f);
            return -1;
        }
        f->ncred++;
        fc->state = CF_CRED_STATED;
        for (size_t k = 0; st && k < CF_ARRAY_LEN(state_names); k++)
            if (strcmp(st, state_names[k]) == 0)
                fc->state = (cf_cred_state)k;
        if (cJSON_IsNumber(v = cf_get(c, "year")))
            fc->year = v->valueint;
    }
    return 0;
}

void cf_facts_free(cf_facts *f)
{
    for (size_t i = 0; i < f->ncred; i++)
        cf_free(f->cred[i].code);
    cf_free(f->cred);
    memset(f, 0, sizeof *f);
}

static void sep(cf_buf *b, size_t start)
{
    if (b->len > start)
        cf_buf_puts(b, " \xc2\xb7 ");
}

void cf_facts_line(cf_buf *b, const cf_facts *f, const char *gates, const char *held)
{
    size_t start = b->len;
    for (size_t i = 0; i < f->ncred; i++) {
        const cf_fact_cred *c = &f->cred[i];
        sep(b, start);
        cf_buf_puts(b, c->code);
        if (c->state != CF_CRED_STATED) {
            cf_buf_putc(b, ' ');
            cf_buf_puts(b, state_names[c->state]);
        }
        if (c->year)
            cf_buf_printf(b, " %d", c->year);
    }
    if (f->coding_months >= 0) {
        sep(b, start);
        if (f->coding_months < 0.5) {
            cf_buf_puts(b, "no coding work");
        } else {
            cf_buf_num(b, f->coding_months / 12, 1);
            cf_buf_puts(b, f->coding_months / 12 < 1.05 && f->coding_months / 12 >= 0.95 ? " year coding"
                                                                                         : " years coding");
        }
        for (size_t i = 0; i < CF_ARRAY_LEN(f->setting_order) && f->setting_order[i]; i++) {
            cf_buf_puts(b, i ? ", " : " (");
            cf_buf_puts(b, setting_shown(f->setting_order[i]));
            if (i + 1 == CF_ARRAY_LEN(f->setting_order) || !f->setting_order[i + 1])
                cf_buf_putc(b, ')');
        }
    }
    if (f->remote) {
        sep(b, start);
        cf_buf_puts(b, "remote");
    }
    if (f->accuracy >= 0) {
        sep(b, start);
        cf_buf_puts(b, "accuracy ");
        cf_buf_num(b, f->accuracy * 100, 1);
        cf_buf_putc(b, '%');
    }
    if (f->per_hour >= 0) {
        sep(b, start);
        cf_buf_num(b, f->per_hour, 1);
        cf_buf_puts(b, " charts an hour");
    }
    if (f->per_day >= 0) {
        sep(b, start);
        cf_buf_num(b, f->per_day, 1);
        cf_buf_puts(b, " charts a day");
    }
    if (gates && *gates) {
        sep(b, start);
        cf_buf_puts(b, "not eligible: ");
        cf_buf_puts(b, gates);
    } else if (held && *held) {
        sep(b, start);
        cf_buf_puts(b, "held back: ");
        cf_buf_puts(b, held);
    }
}

void cf_facts_json(cf_jw *w, const cf_facts *f, const char *line)
{
    cf_jw_open(w, "facts", '{');
    cf_jw_str(w, "line", line);
    cf_jw_open(w, "credentials", '[');
    for (size_t i = 0; i < f->ncred; i++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "code", f->cred[i].code);
        cf_jw_str(w, "status", state_names[f->cred[i].state]);
        if (f->cred[i].year)
            cf_jw_num(w, "year", f->cred[i].year, 0);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    if (f->coding_months >= 0)
        cf_jw_num(w, "coding_years", f->coding_months / 12, 1);
    cf_jw_open(w, "settings", '[');
    for (size_t i = 0; i < CF_ARRAY_LEN(f->setting_order) && f->setting_order[i]; i++)
        cf_jw_str(w, NULL, setting_shown(f->setting_order[i]));
    cf_jw_close(w, ']');
    cf_jw_bool(w, "remote", f->remote);
    if (f->accuracy >= 0)
        cf_jw_num(w, "accuracy", f->accuracy, 4);
    if (f->per_hour >= 0)
        cf_jw_num(w, "charts_per_hour", f->per_hour, 2);
    if (f->per_day >= 0)
        cf_jw_num(w, "charts_per_day", f->per_day, 2);
    cf_jw_close(w, '}');
}

void cf_report_facts_line(const cf_report *rep, cf_buf *b)
{
    cf_buf gates = {0}, held = {0};
    const cf_rubric *r = rep->r;
    for (size_t g = 0; g < r->ngates; g++)
        if (!rep->gate_passed[g]) {
            if (gates.len)
                cf_buf_puts(&gates, "; ");
            cf_buf_puts(&gates, r->gates[g].label ? r->gates[g].label : r->gates[g].id);
        }
    cf_report_held_back_text(rep, &held);
    cf_facts_line(b, &rep->facts, gates.s, held.s);
    cf_buf_drop(b, &gates);
    cf_buf_drop(b, &held);
}

/* ---- knock-outs ------------------------------------------------------------ */

unsigned cf_knockouts(const cf_rank_opts *o, const cf_facts *f)
{
    unsigned ko = 0;
    if (o->nrequire) {
        int held = 0;
        for (size_t i = 0; i < f->ncred && !held; i++) {
            const cf_fact_cred *c = &f->cred[i];
            if (c->state != CF_CRED_ACTIVE && c->state != CF_CRED_STATED)
                continue;
            for (size_t k = 0; k < o->nrequire && !held; k++)
                held = strcasecmp(c->code, o->require[k]) == 0;
        }
        if (!held)
            ko |= CF_KO_CREDENTIAL;
    }
    /* years as the facts show them (one decimal), so that a merge of saved
     * reports, which has only those, sets aside the same */
    if (o->min_coding_years > 0 &&
        (f->coding_months < 0 || lround(f->coding_months / 12 * 10) < lround(o->min_coding_years * 10)))
        ko |= CF_KO_YEARS;
    if (o->settings && !(f->settings & o->settings))
        ko |= CF_KO_SETTING;
    if (o->remote && !f->remote)
        ko |= CF_KO_REMOTE;
    return ko;
}

void cf_knockout_text(const cf_rank_opts *o, unsigned ko, cf_buf *b)
{
    size_t start = b->len;
    if (ko & CF_KO_CREDENTIAL) {
        cf_buf_puts(b, "no current ");
        for (size_t k = 0; k < o->nrequire; k++) {
            if (k)
                cf_buf_puts(b, k + 1 == o->nrequire ? " or " : ", ");
            cf_buf_puts(b, o->require[k]);
        }
    }
    if (ko & CF_KO_YEARS) {
        cf_buf_puts(b, b->len > start ? "; " : "");
        cf_buf_puts(b, "under ");
        cf_buf_num(b, o->min_coding_years, 1);
        cf_buf_puts(b, o->min_coding_years == 1 ? " year of coding" : " years of coding");
    }
    if (ko & CF_KO_SETTING) {
        cf_buf_puts(b, b->len > start ? "; " : "");
        cf_buf_puts(b, "no coding in ");
        int n = 0;
        for (unsigned bit = 1; bit <= CF_SET_MIXED; bit <<= 1)
            if (o->settings & bit) {
                cf_buf_puts(b, n++ ? " or " : "");
                cf_buf_puts(b, setting_shown(bit));
            }
    }
    if (ko & CF_KO_REMOTE) {
        cf_buf_puts(b, b->len > start ? "; " : "");
        cf_buf_puts(b, "no remote coding");
    }
}
