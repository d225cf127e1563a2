/* Profiles: read one JSON document, recognise its shape (native or JSON
 * Resume), validate it against the model and compute the derived figures
 * that scoring reads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- validation of the native model ----------------------------------- */

static const char *type_name(cf_ftype t)
{
    switch (t) {
    case CF_T_OBJECT: case CF_T_FREE: return "an object";
    case CF_T_ARRAY: return "an array";
    case CF_T_NUMBER: return "a number";
    case CF_T_BOOL: return "true or false";
    case CF_T_DATE: return "a date (YYYY, YYYY-MM or YYYY-MM-DD)";
    default: return "a string";
    }
}

/* Whether value v fits field f; a value that does not is reported (a
 * warning: the field is left out) and the caller removes it.  Dates written
 * as people write them are rewritten in the model's form. */
static int check_value(cf_jctx *c, const cf_field *f, cf_ftype type, cJSON *v);

/* An entry whose end or expiry could not be read: only what is certain
 * counts.  Work ends at its start; a credential expires when it was last
 * renewed or earned, or, with neither and no status, is taken as lapsed. */
static void settle_unknown_bound(cf_jctx *c, cJSON *obj, const char *key)
{
    const char *from[] = {NULL, NULL};
    if (strcmp(key, "end") == 0) {
        from[0] = "start";
    } else {
        from[0] = "renewed";
        from[1] = "earned";
    }
    for (int i = 0; i < 2 && from[i]; i++) {
        const cJSON *v = cf_get(obj, from[i]);
        if (cJSON_IsString(v)) {
            cJSON *d = cJSON_CreateString(v->valuestring);
            if (!d || !cJSON_AddItemToObject(obj, key, d)) {
                cJSON_Delete(d);
                c->oom = 1;
            }
            return;
        }
    }
    if (strcmp(key, "expires") == 0 && !cf_get(obj, "status") && !cJSON_AddStringToObject(obj, "status", "lapsed"))
        c->oom = 1;
}

static void check_object(cf_jctx *c, const cf_field *fields, cJSON *obj)
{
    char where[256];
    cJSON *next;
    const char *unknown[2] = {NULL, NULL};   /* "end", "expires": could not be read */
    for (cJSON *m = obj->child; m; m = next) {
        next = m->next;
        const cf_field *f = NULL;
        for (const cf_field *k = fields; k->name && !f; k++)
            if (k->name[0] == m->string[0] && strcmp(k->name, m->string) == 0)
                f = k;
        cf_jctx_push_key(c, m->string);
        int keep = 1;
        if (!f) {
            const char *best = NULL;
            size_t bestd = 3;
            for (const cf_field *k = fields; k->name; k++) {
                size_t dist = cf_edit_distance(k->name, m->string);
                if (dist < bestd) {
                    bestd = dist;
                    best = k->name;
                }
            }
            size_t before = c->warn ? c->warn->n : 0;
            if (best)
                cf_jctx_warn(c, "unknown-key", "unknown key '%s' (did you mean '%s'?): left out",
                             cf_jctx_path(c, where, sizeof where), best);
            else
                cf_jctx_warn(c, "unknown-key", "unknown key '%s': left out",
                             cf_jctx_path(c, where, sizeof where));
            /* the key is the profile's own words: blind review cuts it */
            if (c->warn && c->warn->n > before)
                c->warn->v[before].named = strlen(m->string);
            keep = 0;
        } else if (!cJSON_IsNull(m)) {
            keep = check_value(c, f, f->type, m);
        }
        cf_jctx_pop(c);
        if (keep == 2)
            unknown[unknown[0] != NULL] = f->name;
        if (keep != 1)
            cf_json_delete(cJSON_DetachItemViaPointer(obj, m));
    }
    for (int i = 0; i < 2 && unknown[i]; i++)
        settle_unknown_bound(c, obj, unknown[i]);
    /* an entry that ends before it starts counts for nothing: said */
    const cJSON *from = cf_get(obj, "start"), *to = cf_get(obj, "end");
    cf_date df, dt;
    if (cJSON_IsString(from) && cJSON_IsString(to) && cf_date_parse(from->valuestring, &df) == 0 &&
        cf_date_parse(to->valuestring, &dt) == 0 && dt.last < df.first) {
        cf_jctx_push_key(c, "end");
        cf_jctx_warn(c, "bad-date", "'%s' (%s) is before the start (%s): how long it lasted is unknown, so it "
                     "counts for nothing", cf_jctx_path(c, where, sizeof where), to->valuestring, from->valuestring);
        cf_jctx_pop(c);
    }
    for (const cf_field *k = fields; k->name; k++)
        if ((k->flags & CF_F_REQUIRED) && !cf_get(obj, k->name))
            cf_jctx_warn(c, "missing-key", "'%s' lacks the key '%s'",
                         c->path.depth ? cf_jctx_path(c, where, sizeof where) : "profile", k->name);
}

static int check_value(cf_jctx *c, const cf_field *f, cf_ftype type, cJSON *v)
{
    char where[256];
    int ok;
    switch (type) {
    case CF_T_FREE: ok = cJSON_IsObject(v); break;
    case CF_T_OBJECT: ok = cJSON_IsObject(v); break;
    case CF_T_ARRAY: ok = cJSON_IsArray(v); break;
    case CF_T_NUMBER: ok = cJSON_IsNumber(v); break;
    case CF_T_BOOL: ok = cJSON_IsBool(v); break;
    default: ok = cJSON_IsString(v); break;
    }
    if (!ok) {
        cf_jctx_warn(c, "wrong-type", "'%s' must be %s: left out", cf_jctx_path(c, where, sizeof where),
                     type_name(type));
        return 0;
    }
    switch (type) {
    case CF_T_OBJECT:
        check_object(c, f->fields, v);
        break;
    case CF_T_ARRAY: {
        int i = 0;
        cJSON *next;
        for (cJSON *e = v->child; e; e = next, i++) {
            next = e->next;
            cf_jctx_push_index(c, i);
            int keep = check_value(c, f, f->item, e);
            cf_jctx_pop(c);
            if (!keep)
                cf_json_delete(cJSON_DetachItemViaPointer(v, e));
        }
        break;
    }
    case CF_T_NUMBER:
        if (!isfinite(v->valuedouble)) {
            cf_jctx_warn(c, "out-of-range", "'%s' is too large a number: left out",
                         cf_jctx_path(c, where, sizeof where));
            return 0;
        }
        if ((f->min != 0 || f->max != 0) && (v->valuedouble < f->min || v->valuedouble > f->max)) {
            cf_jctx_warn(c, "out-of-range", "'%s' is out of range (%g to %g): left out",
                         cf_jctx_path(c, where, sizeof where), f->min, f->max);
            return 0;
        }
        break;
    case CF_T_DATE: {
        cf_date dt;
        if (cf_date_parse(v->valuestring, &dt) == 0)
            break;
        int r = cf_date_read(v->valuestring, &dt);
        if (r == CF_DATE_OK) {
            char day[11];
            cf_date_format(&dt, day);
            if (!cJSON_SetValuestring(v, day)) {
                c->oom = 1;
                return 0;
            }
            break;
        }
        if (r == CF_DATE_NOW && strcmp(f->name, "end") == 0)
            return 0;   /* "Present": the work goes on */
        /* an end or an expiry that cannot be read must never count as "to
         * this day": the object settles it from what is certain */
        int end = strcmp(f->name, "end") == 0, expires = strcmp(f->name, "expires") == 0;
        char whybuf[64];
        const char *why = cJSON_IsString(v) ? cf_date_why(v->valuestring, whybuf, sizeof whybuf) : NULL;
        cf_jctx_warn(c, "bad-date", "'%s' is not a date (%s): %s", cf_jctx_path(c, where, sizeof where),
                     why ? why : "YYYY, YYYY-MM, YYYY-MM-DD, Mar 2019, 03/2019...",
                     end       ? "the end is unknown, so the work counts for its start only"
                     : expires ? "the expiry is unknown: the credential counts as expiring when it was last "
                                 "renewed or earned"
                               : "left out");
        return end || expires ? 2 : 0;
    }
    case CF_T_ENUM: {
        int found = 0;
        for (const char *const *e = f->values; *e; e++)
            found |= strcmp(*e, v->valuestring) == 0;
        if (!found) {
            cf_buf b = {0};
            for (const char *const *e = f->values; *e; e++)
                cf_buf_printf(&b, "%s%s", e == f->values ? "" : ", ", *e);
            cf_jctx_warn(c, "bad-value", "'%s' must be one of: %s; left out",
                         cf_jctx_path(c, where, sizeof where), b.s ? b.s : "");
            if (b.oom)
                c->oom = 1;
            cf_buf_free(&b);
            return 0;
        }
        break;
    }
    default:
        break;
    }
    return 1;
}

cf_status cf_native_check(cJSON *root, const char *source, const char *text, size_t len,
                          unsigned first_line, cf_warnings *warn, cf_diags *d)
{
    cf_jctx c = {source, text, len, first_line, d, {{0}, {0}, 0}, 0, warn, 0};
    cJSON *fmt = cf_get(root, "format");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, CF_PROFILE_FORMAT) != 0) {
        cf_jctx_push_key(&c, "format");
        if (cJSON_IsString(fmt))
            cf_jctx_error(&c, "bad-format", "unsupported profile format '%s' (expected '%s')",
                          fmt->valuestring, CF_PROFILE_FORMAT);
        else
            cf_jctx_error(&c, "bad-format", "'format' must be the string '%s'", CF_PROFILE_FORMAT);
        return CF_EINPUT;
    }
    check_object(&c, cf_profile_model[0].fields, root);
    return c.oom || d->oom ? CF_ESYSTEM : CF_OK;
}

/* ---- derived figures --------------------------------------------------- */

int cf_element_counts(const cJSON *elem, const char *gate_date, cf_day as_of)
{
    const cJSON *st = cf_get(elem, "status");
    if (cJSON_IsString(st) && strcmp(st->valuestring, "in_progress") == 0)
        return 0;
    if (!gate_date)
        return 1;
    const cJSON *dv = cf_get(elem, gate_date);
    cf_date dt;
    if (cJSON_IsString(dv) && cf_date_parse(dv->valuestring, &dt) == 0 && dt.first > as_of)
        return 0;
    /* docs/panel.md, P11: what starts after the as-of date is a plan */
    dv = cf_get(elem, "start");
    if (cJSON_IsString(dv) && cf_date_parse(dv->valuestring, &dt) == 0 && dt.first > as_of)
        return 0;
    return 1;
}

/* Whether a counting education entry is a degree (an associate or more) in
 * one of fields: its curriculum covers anatomy, physiology and medical
 * terminology (CAHIIM's HIT and HIM curricula; nursing and medicine). */
static int has_degree(const cJSON *root, const cf_counting *counting, const char *const *fields)
{
    static const char *const degrees[] = {"associate", "bachelor", "master", "doctorate", NULL};
    const cJSON *edu = cf_get(root, "education");
    const cJSON *e;
    size_t i = 0;
    cJSON_ArrayForEach(e, edu) {
        if (!cf_counts(counting, edu, i++))
            continue;
        const cJSON *lv = cf_get(e, "level"), *fd = cf_get(e, "field");
        int deg = 0, field = 0;
        for (int k = 0; cJSON_IsString(lv) && degrees[k]; k++)
            deg |= strcmp(degrees[k], lv->valuestring) == 0;
        for (int k = 0; cJSON_IsString(fd) && fields[k]; k++)
            field |= strcmp(fields[k], fd->valuestring) == 0;
        if (deg && field)
            return 1;
    }
    return 0;
}

typedef struct span {
    cf_day first, last;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static int spans_push(spans *s, cf_day first, cf_day last)
{
    span *v = cf_grow(s->v, &s->cap, s->n + 1, sizeof *v);
    if (!v)
        return -1;
    s->v = v;
    s->v[s->n++] = (span){first, last};
    return 0;
}

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->last > y->last) - (x->last < y->last);
}

/* Days of [first, last], those before old counted at old_weight. */
static double span_days(cf_day first, cf_day last, cf_day old, double old_weight)
{
    if (last < old)
        return (double)(last - first + 1) * old_weight;
    if (first >= old)
        return (double)(last - first + 1);
    return (double)(old - first) * old_weight + (double)(last - old + 1);
}

/* Months covered by the union of the spans (overlapping jobs count once),
 * days before old at old_weight, unrounded. */
static double spans_months_raw(spans *s, cf_day old, double old_weight)
{
    if (!s->n)
        return 0;
    qsort(s->v, s->n, sizeof *s->v, span_cmp);
    double days = 0;
    cf_day cur_first = s->v[0].first, cur_last = s->v[0].last;
    for (size_t i = 1; i < s->n; i++) {
        if (s->v[i].first <= cur_last + 1) {
            if (s->v[i].last > cur_last)
                cur_last = s->v[i].last;
        } else {
            days += span_days(cur_first, cur_last, old, old_weight);
            cur_first = s->v[i].first;
            cur_last = s->v[i].last;
        }
    }
    days += span_days(cur_first, cur_last, old, old_weight);
    return cf_days_to_months(days);
}

static double tenth(double months)
{
    return round(months * 10) / 10;
}

/* Months covered by the union of the spans: overlapping jobs count once. */
static double spans_months(spans *s)
{
    return tenth(spans_months_raw(s, 0, 1));
}

/* The latest day of the spans, or 0. */
static cf_day spans_last(const spans *s)
{
    cf_day last = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].last > last)
            last = s->v[i].last;
    return last;
}

static int dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

const char *cf_credential_kind(const cJSON *c)
{
    const char *kind = cf_get_str(c, "kind");
    if (kind || cf_get(c, "kind"))
        return kind;
    /* a native profile may give the code alone: its kind is known */
    const char *code = cf_get_str(c, "code"), *canon, *body;
    return code && cf_credential_info(code, &canon, &body, &kind) == 0 ? kind : NULL;
}

cf_cred_state cf_credential_state(const cJSON *c, cf_day as_of, int counts)
{
    const char *st = cf_get_str(c, "status");
    if (!counts || (st && strcmp(st, "in_progress") == 0))
        return CF_CRED_IN_PROGRESS;
    if (st && strcmp(st, "lapsed") == 0)
        return CF_CRED_LAPSED;
    cf_date dt;
    const cJSON *ex = cf_get(c, "expires");
    if ((st && strcmp(st, "expired") == 0) ||
        (cJSON_IsString(ex) && cf_date_parse(ex->valuestring, &dt) == 0 && dt.last < as_of))
        return CF_CRED_EXPIRED;
    return st ? CF_CRED_ACTIVE : CF_CRED_STATED;
}

/* Whether a current coding credential binds the applicant to a body's code of
 * ethics (AAPC, AHIMA and NHA all have one). */
static int current_coding_credential(const cJSON *root, cf_day as_of, const cf_counting *counting)
{
    static const char *const bound[] = {"coding", "cdi", "billing", "him", NULL};
    const cJSON *creds = cf_get(root, "credentials");
    const cJSON *c;
    size_t i = 0;
    cJSON_ArrayForEach(c, creds) {
        const char *kind = cf_credential_kind(c);
        int b = 0;
        for (int k = 0; kind && bound[k]; k++)
            b |= strcmp(bound[k], kind) == 0;
        cf_cred_state st = cf_credential_state(c, as_of, cf_counts(counting, creds, i++));
        if (b && (st == CF_CRED_ACTIVE || st == CF_CRED_STATED))
            return 1;
    }
    return 0;
}

int cf_counts(const cf_counting *c, const cJSON *arr, size_t i)
{
    for (int k = 0; k < CF_GATED_ARRAYS; k++)
        if (c->arr[k] == arr)
            return i < c->n[k] && c->counts[k][i];
    return 1;
}

void cf_counting_free(cf_counting *c)
{
    for (int k = 0; k < CF_GATED_ARRAYS; k++)
        cf_free(c->counts[k]);
    memset(c, 0, sizeof *c);
}

/* Works out which element of each gated array counts at the as-of date
 * (cf_counts).  0, or -1 when out of memory. */
static int mark_counting(const cJSON *root, cf_day as_of, cf_counting *c)
{
    static const char *const arrays[CF_GATED_ARRAYS] = {"education", "credentials", "experience",
                                                        "continuing_education"};
    cf_counting_free(c);
    for (int k = 0; k < CF_GATED_ARRAYS; k++) {
        const cJSON *arr = cf_get(root, arrays[k]);
        if (!cJSON_IsArray(arr))
            continue;
        const char *gate = cf_model_gate_date(arrays[k]);
        size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
        if (!(c->counts[k] = cf_malloc(n ? n : 1)))
            return -1;
        c->arr[k] = arr;
        c->n[k] = n;
        const cJSON *e;
        cJSON_ArrayForEach(e, arr) {
            c->counts[k][i++] = !cJSON_IsObject(e) || cf_element_counts(e, gate, as_of);
        }
    }
    return 0;
}

cf_status cf_derive(cJSON *root, cf_day as_of, cf_counting *counting)
{
    /* the sums each kind of work counts in, found once a job */
    enum { K_CODING = 1, K_RELATED = 2, K_CDI = 4, K_CLINICAL = 8, K_HEALTH = 16, K_AUDIT = 32, K_DENTAL = 64 };
    static const struct {
        const char *kind;
        int sums;
    } kinds[] = {
        {"coding", K_CODING | K_RELATED | K_HEALTH}, {"audit", K_CODING | K_RELATED | K_AUDIT | K_HEALTH},
        {"cdi", K_RELATED | K_CDI | K_HEALTH}, {"abstracting", K_RELATED | K_HEALTH},
        {"revenue_integrity", K_RELATED | K_HEALTH}, {"dental_coding", K_DENTAL | K_HEALTH},
        {"billing", K_HEALTH}, {"him", K_HEALTH}, {"clinical", K_CLINICAL | K_HEALTH},
        {"healthcare_admin", K_HEALTH}, {"statistical_coding", K_HEALTH},
    };
    spans sc = {0}, src = {0}, sr = {0}, scl = {0}, sh = {0}, srel = {0}, scdi = {0}, s24 = {0}, sau = {0},
          sdent = {0};
    double *ce = NULL;
    cf_status st = CF_ESYSTEM;
    /* the last 24 months: recent coding, recent continuing education */
    cf_day from24 = cf_day_add_months(as_of, -24);
    const char *setting = NULL;       /* of the latest coding job */
    cf_day setting_last = 0, setting_first = 0;

    if (mark_counting(root, as_of, counting))
        goto out;
    cJSON_DeleteItemFromObjectCaseSensitive(root, "derived");
    cJSON *der = cf_json_add_obj(root, "derived");
    if (!der)
        goto out;

    const cJSON *exp = cf_get(root, "experience");
    const cJSON *e;
    cJSON_ArrayForEach(e, exp) {
        const cJSON *s = cf_get(e, "start");
        const cJSON *en = cf_get(e, "end");
        cf_date ds, de;
        if (!cJSON_IsString(s) || cf_date_parse(s->valuestring, &ds) || ds.first > as_of)
            continue;
        cf_day last = as_of;
        if (cJSON_IsString(en) && cf_date_parse(en->valuestring, &de) == 0 && de.last < as_of)
            last = de.last;
        if (last < ds.first)
            continue;
        int remote = cJSON_IsTrue(cf_get(e, "remote"));
        int bad = 0, sums = 0;
        const cJSON *kv = cf_get(e, "kind");
        for (size_t k = 0; cJSON_IsString(kv) && k < CF_ARRAY_LEN(kinds) && !sums; k++)
            if (strcmp(kinds[k].kind, kv->valuestring) == 0)
                sums = kinds[k].sums;
        if (sums & K_CODING) {
            bad |= spans_push(&sc, ds.first, last);
            if (remote)
                bad |= spans_push(&src, ds.first, last);
            if (last > from24)
                bad |= spans_push(&s24, ds.first > from24 ? ds.first : from24 + 1, last);
            const cJSON *set = cf_get(e, "setting");
            if (cJSON_IsString(set) && (!setting || last > setting_last ||
                                        (last == setting_last && ds.first > setting_first))) {
                setting = set->valuestring;
                setting_last = last;
                setting_first = ds.first;
            }
        }
        if (remote)
            bad |= spans_push(&sr, ds.first, last);
        if (sums & K_RELATED)
            bad |= spans_push(&srel, ds.first, last);
        if (sums & K_CDI)
            bad |= spans_push(&scdi, ds.first, last);
        if (sums & K_AUDIT)
            bad |= spans_push(&sau, ds.first, last);
        if (sums & K_DENTAL)
            bad |= spans_push(&sdent, ds.first, last);
        if (sums & K_CLINICAL)
            bad |= spans_push(&scl, ds.first, last);
        if (sums & K_HEALTH)
            bad |= spans_push(&sh, ds.first, last);
        if (bad)
            goto out;
    }
    /* docs/panel.md, P9: coding counts in full when it is recent; months more
     * than five years before the as-of date count half.  Dental coding
     * (CDT) is real coding, narrower than medical coding: it counts half
     * again, and not as coding-related work for the tiers. */
    cf_day old = cf_day_add_months(as_of, -60);
    double coding_m = spans_months_raw(&sc, old, 0.5) + spans_months_raw(&sdent, old, 0.5) / 2;
    cf_day last_coding = spans_last(&srel) > spans_last(&sdent) ? spans_last(&srel) : spans_last(&sdent);
    /* Months are stated only when the profile lists any work at all. */
    if (cJSON_GetArraySize(exp) > 0 &&
        (!cf_json_add_num(der, "coding_months", tenth(coding_m)) ||
        !cf_json_add_num(der, "coding_months_full", spans_months(&sc)) ||
        !cf_json_add_num(der, "coding_related_months", tenth(spans_months_raw(&srel, old, 0.5))) ||
        (last_coding && !cf_json_add_num(der, "months_since_coding",
                                         tenth(cf_days_to_months(as_of - last_coding)))) ||
        !cf_json_add_num(der, "cdi_months", spans_months(&scdi)) ||
        !cf_json_add_num(der, "audit_months", spans_months(&sau)) ||
        !cf_json_add_num(der, "recent_coding_months", spans_months(&s24)) ||
        !cf_json_add_num(der, "remote_coding_months", spans_months(&src)) ||
        !cf_json_add_num(der, "remote_months", spans_months(&sr)) ||
        !cf_json_add_num(der, "clinical_months", spans_months(&scl)) ||
        !cf_json_add_num(der, "healthcare_months", spans_months(&sh))))
        goto out;
    if (setting && !cf_json_add_str(der, "setting", setting))
        goto out;

    const cJSON *refs = cf_get(root, "references");
    if (refs && !cf_json_add_num(der, "reference_count", cJSON_GetArraySize(refs)))
        goto out;

    /* CEU hours of the last 24 months: stated, else summed in a fixed order
     * so that reordering the list cannot change the total's last bit. */
    const cJSON *m = cf_get(root, "measures");
    const cJSON *stated = cf_get(m, "ceu_hours_24m");
    const cJSON *ces = cf_get(root, "continuing_education");
    if (cJSON_IsNumber(stated)) {
        if (!cf_json_add_num(der, "ceu_hours_24m", stated->valuedouble))
            goto out;
    } else if (cJSON_GetArraySize(ces) > 0) {
        int n = cJSON_GetArraySize(ces), k = 0;
        ce = cf_malloc((size_t)n * sizeof *ce);
        if (!ce)
            goto out;
        cf_day from = from24;
        const cJSON *c;
        cJSON_ArrayForEach(c, ces) {
            const cJSON *dv = cf_get(c, "date");
            const cJSON *hv = cf_get(c, "hours");
            cf_date dt;
            if (cJSON_IsString(dv) && cf_date_parse(dv->valuestring, &dt) == 0 &&
                dt.first > from && dt.first <= as_of && cJSON_IsNumber(hv))
                ce[k++] = hv->valuedouble;
        }
        qsort(ce, (size_t)k, sizeof *ce, dbl_cmp);
        double sum = 0;
        for (int i = 0; i < k; i++)
            sum += ce[i];
        if (!cf_json_add_num(der, "ceu_hours_24m", sum))
            goto out;
    }

    static const char *const him_fields[] = {"hit", "him", NULL}, *const clinical_fields[] = {"clinical", NULL};
    if ((has_degree(root, counting, him_fields) && !cf_json_add_bool(der, "him_degree", 1)) ||
        (has_degree(root, counting, clinical_fields) && !cf_json_add_bool(der, "clinical_degree", 1)))
        goto out;

    const cJSON *att = cf_get(root, "attestations");
    int current = current_coding_credential(root, as_of, counting);
    if (current && !cf_json_add_bool(der, "credential_current", 1))
        goto out;
    if ((cJSON_IsTrue(cf_get(att, "code_of_ethics")) || current) &&
        !cf_json_add_bool(der, "code_of_ethics", 1))
        goto out;
    st = CF_OK;
out:
    cf_free(sc.v);
    cf_free(src.v);
    cf_free(sr.v);
    cf_free(scl.v);
    cf_free(sh.v);
    cf_free(srel.v);
    cf_free(scdi.v);
    cf_free(s24.v);
    cf_free(sau.v);
    cf_free(sdent.v);
    cf_free(ce);
    return st;
}

/* ---- reading a profile ------------------------------------------------- */

/* JSON Resume has no marker of its own.  A document is taken for a resume
 * when it has a section only a resume has; "skills", "projects" and "meta"
 * are shared with the JSON Resume job description, so they count only
 * when nothing marks the document as a job. */
static int resume_shape(const cJSON *root)
{
    static const char *const resume_keys[] = {
        "basics", "work", "volunteer", "education", "awards", "certificates",
        "publications", "languages", "interests", "references"};
    static const char *const shared_keys[] = {"skills", "projects", "meta"};
    static const char *const job_keys[] = {
        "company", "responsibilities", "qualifications", "salary", "title"};
    for (size_t i = 0; i < CF_ARRAY_LEN(resume_keys); i++)
        if (cf_get(root, resume_keys[i]))
            return 1;
    for (size_t i = 0; i < CF_ARRAY_LEN(job_keys); i++)
        if (cf_get(root, job_keys[i]))
            return -1;
    for (size_t i = 0; i < CF_ARRAY_LEN(shared_keys); i++)
        if (cf_get(root, shared_keys[i]))
            return 1;
    return 0;
}

/* Reports a duplicate key found by cf_json_dedupe. */
typedef struct dup_ctx {
    cf_jctx c;
} dup_ctx;

static void on_duplicate(void *ctx, const cf_json_path *at, int count)
{
    dup_ctx *dc = ctx;
    char where[256];
    dc->c.path = *at;
    cf_jctx_path(&dc->c, where, sizeof where);
    if (count == 2)
        cf_jctx_warn(&dc->c, "duplicate-key", "duplicate key '%s': the last value is used", where);
    else
        cf_jctx_warn(&dc->c, "duplicate-key", "key '%s' appears %d times: the last value is used",
                     where, count);
}

/* Warnings in the order of the text: duplicate keys are found before the
 * fields' own problems. */
static int pos_cmp(unsigned la, unsigned ca, unsigned lb, unsigned cb)
{
    return la != lb ? (la > lb) - (la < lb) : (ca > cb) - (ca < cb);
}

static int warning_cmp(const void *a, const void *b)
{
    const cf_warning *x = a, *y = b;
    return pos_cmp(x->line, x->col, y->line, y->col);
}

static int diag_pos_cmp(const void *a, const void *b)
{
    const cf_diag *x = a, *y = b;
    return pos_cmp(x->line, x->col, y->line, y->col);
}

cf_status cf_profile_parse(const char *source, const char *text, size_t len,
                           unsigned first_line, cf_day as_of,
                           cf_profile **out, cf_diags *d)
{
    int oom;
    cJSON *doc = NULL, *native = NULL;
    cf_profile *p = NULL;
    cf_status st;
    size_t d0 = d ? d->n : 0;
    *out = NULL;

    doc = cf_json_parse(source, text, len, first_line, d, &oom);
    if (!doc) {
        st = oom ? CF_ESYSTEM : CF_EINPUT;
        goto fail;
    }
    if (!cJSON_IsObject(doc)) {
        unsigned line, col;
        cf_text_position(text, cf_json_skip_space(text, len, 0), first_line, &line, &col);
        if (cJSON_IsArray(doc) && cJSON_IsObject(doc->child))
            cf_diag_add(d, source, line, col, CF_SEV_ERROR, "not-a-profile",
                        "not a profile: an array of %d object%s where one profile was expected "
                        "(jq -c '.[]' FILE puts them one per line, a stream to read from -)",
                        cJSON_GetArraySize(doc), cJSON_GetArraySize(doc) == 1 ? "" : "s");
        else
            cf_diag_add(d, source, line, col, CF_SEV_ERROR, "not-a-profile",
                        "not a profile: expected a JSON object");
        st = CF_EINPUT;
        goto fail;
    }
    p = cf_calloc(1, sizeof *p);
    if (!p || !(p->source = cf_strdup(source)) || !(p->path = cf_strdup(source))) {
        st = CF_ESYSTEM;
        goto fail;
    }
    p->as_of = as_of;
    dup_ctx dc = {{source, text, len, first_line, d, {{0}, {0}, 0}, 0, &p->warnings, 0}};
    if (cf_json_dedupe(doc, on_duplicate, &dc) || dc.c.oom) {
        st = CF_ESYSTEM;
        goto fail;
    }
    if (cf_get(doc, "format")) {
        st = cf_native_check(doc, source, text, len, first_line, &p->warnings, d);
        if (st)
            goto fail;
        native = doc;
        doc = NULL;
        p->input_format = "native";
    } else if (resume_shape(doc) > 0) {
        st = cf_jsonresume_import(doc, source, text, len, first_line, as_of, &p->warnings, &native, d);
        if (st)
            goto fail;
        p->input_format = "jsonresume";
    } else {
        unsigned line, col;
        cf_text_position(text, cf_json_skip_space(text, len, 0), first_line, &line, &col);
        if (resume_shape(doc) < 0)
            cf_diag_add(d, source, line, col, CF_SEV_ERROR, "not-a-profile",
                        "not a profile: this is a JSON Resume job description, not a resume");
        else
            cf_diag_add(d, source, line, col, CF_SEV_ERROR, "not-a-profile",
                        "not a profile: neither a coderfit profile (\"format\": \"%s\") "
                        "nor a JSON Resume (basics, work, education, ...)", CF_PROFILE_FORMAT);
        st = CF_EINPUT;
        goto fail;
    }
    cf_sort_stable(p->warnings.v, p->warnings.n, sizeof *p->warnings.v, warning_cmp);
    if (d && d->n > d0)
        cf_sort_stable(d->items + d0, d->n - d0, sizeof *d->items, diag_pos_cmp);
    if (p->warnings.more)
        cf_diag_add(d, source, 0, 0, CF_SEV_WARNING, "more-warnings",
                    "%lu more field%s left out (only the first %d are listed)", p->warnings.more,
                    p->warnings.more == 1 ? "" : "s", CF_MAX_WARNINGS);
    st = cf_derive(native, as_of, &p->counting);
    if (st)
        goto fail;
    p->root = native;
    p->resume = doc;   /* NULL for a native profile, whose tree is root */
    *out = p;
    return CF_OK;
fail:
    cf_json_delete(doc);
    cf_json_delete(native);
    cf_profile_free(p);
    return st;
}

size_t cf_profile_warnings(const cf_profile *p)
{
    return p->warnings.n + p->warnings.more;
}

void cf_profile_free(cf_profile *p)
{
    if (!p)
        return;
    cf_json_delete(p->root);
    cf_json_delete(p->resume);
    cf_counting_free(&p->counting);
    cf_warnings_free(&p->warnings);
    cf_free(p->source);
    cf_free(p->path);
    cf_free(p);
}

const char *cf_profile_source(const cf_profile *p)
{
    return p->source;
}

const char *cf_profile_input_format(const cf_profile *p)
{
    return p->input_format;
}

cf_status cf_profile_to_json(const cf_profile *p, int pretty, char **out, size_t *len)
{
    cf_buf b = {0};
    cf_json_write(&b, p->root, 0, pretty);
    cf_buf_putc(&b, '\n');
    return cf_buf_finish(&b, out, len);
}

cf_status cf_profile_resume_json(const cf_profile *p, int pretty, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!p->resume)
        return CF_EINPUT;
    /* without what the reader noted for the report: the places of a file
     * that the JSON no longer is */
    const cJSON *resume = p->resume;
    cJSON *copy = NULL;
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(p->resume, "meta");
    if (cJSON_GetObjectItemCaseSensitive(meta, "coderfit")) {
        if (!(copy = cJSON_Duplicate(p->resume, 1)))
            return CF_ESYSTEM;
        cJSON *m = cJSON_GetObjectItemCaseSensitive(copy, "meta");
        cJSON_DeleteItemFromObjectCaseSensitive(m, "coderfit");
        if (!m->child)
            cJSON_DeleteItemFromObjectCaseSensitive(copy, "meta");
        resume = copy;
    }
    cf_buf b = {0};
    cf_json_write(&b, resume, 0, pretty);
    cf_buf_putc(&b, '\n');
    cJSON_Delete(copy);
    return cf_buf_finish(&b, out, len);
}

int cf_profile_set_line(cf_profile *p, unsigned line)
{
    char *s = cf_origin_name(p->path, line);
    if (!s)
        return -1;
    cf_free(p->source);
    p->source = s;
    p->line = line;
    return 0;
}

/* ---- what-if ---------------------------------------------------------------- */

/* The array root[key], made when absent; NULL when out of memory. */
static cJSON *array_of(cJSON *obj, const char *key)
{
    cJSON *a = cf_get(obj, key);
    return cJSON_IsArray(a) ? a : cf_json_add_arr(obj, key);
}

/* The what-ifs: each changes the facts some criteria read (the paths
 * named), so that advice can offer the one that closes a gap.  Kept in the
 * order the help lists them. */
static const cf_whatif whatifs[] = {
    {"credential", "CPC", CF_WI_CREDENTIAL, {"credentials", NULL}},
    {"training", "associate", CF_WI_TRAINING, {"education[].level", NULL}},
    {"course", "\"Medical Terminology\"", CF_WI_TEXT, {NULL}},
    {"skill", "Epic", CF_WI_TEXT, {NULL}},
    {"coding-months", "24", CF_WI_COUNT,
     {"derived.coding_months", "derived.coding_related_months", "derived.recent_coding_months", NULL}},
    {"hipaa", "2026-01", CF_WI_MONTH, {"attestations.hipaa_training", "attestations.hipaa_trained", NULL}},
    {"accuracy", "0.96", CF_WI_AMOUNT, {"measures.audit_accuracy", NULL}},
    {"productivity", "3/hour", CF_WI_RATE, {"measures.charts_per_hour", "measures.charts_per_day", NULL}},
    {"ceus", "36", CF_WI_AMOUNT, {"derived.ceu_hours_24m", "measures.ceu_hours_24m", NULL}},
    {"remote-months", "12", CF_WI_COUNT, {"derived.remote_coding_months", NULL}},
    {"audit-months", "12", CF_WI_COUNT, {"derived.audit_months", NULL}},
    {"cdi-months", "12", CF_WI_COUNT, {"derived.cdi_months", NULL}},
    {"clinical-months", "12", CF_WI_COUNT, {"derived.clinical_months", NULL}},
    {"references", "2", CF_WI_COUNT, {"derived.reference_count", NULL}},
    {NULL, NULL, CF_WI_TEXT, {NULL}}};

const cf_whatif *cf_whatif_list(void)
{
    return whatifs;
}

const cf_whatif *cf_whatif_reading(const char *path)
{
    for (const cf_whatif *w = whatifs; w->name; w++)
        for (size_t i = 0; i < sizeof w->paths / sizeof w->paths[0] && w->paths[i]; i++)
            if (strcmp(w->paths[i], path) == 0)
                return w;
    return NULL;
}

static const cf_whatif *whatif_named(const char *name)
{
    for (const cf_whatif *w = whatifs; w->name; w++)
        if (strcmp(w->name, name) == 0)
            return w;
    return NULL;
}

/* A job of that kind for n months up to the as-of date. */
static cf_status add_months(cf_profile *p, const char *kind, const char *title, long n, int remote)
{
    char start[11];
    cJSON *e, *a = array_of(p->root, "experience");
    cf_day_format(cf_day_add_months(p->as_of, -(int)n) + 1, start);
    if (!a || !(e = cJSON_CreateObject()))
        return CF_ESYSTEM;
    cJSON_AddItemToArray(a, e);
    if (!cf_json_add_str(e, "title", title) || !cf_json_add_str(e, "kind", kind) ||
        !cf_json_add_str(e, "start", start) || (remote && !cf_json_add_bool(e, "remote", 1)) ||
        !cf_json_add_str(e, "from", "what-if"))
        return CF_ESYSTEM;
    return CF_OK;
}

/* obj[key] = a number, replacing what was there. */
static cf_status set_num(cJSON *root, const char *obj, const char *key, double v)
{
    cJSON *o = cf_get(root, obj);
    if (!cJSON_IsObject(o) && !(o = cf_json_add_obj(root, obj)))
        return CF_ESYSTEM;
    cJSON_DeleteItemFromObjectCaseSensitive(o, key);
    return cf_json_add_num(o, key, v) ? CF_OK : CF_ESYSTEM;
}

cf_status cf_profile_with(cf_profile *p, const char *what, const char *value, char *err, size_t errsize)
{
    cJSON *root = p->root, *e = NULL;
    char day[11];
    cf_day_format(p->as_of, day);
    const cf_whatif *w = whatif_named(what);
    cf_status st = CF_OK;
    if (!w) {
        cf_buf names = {0};
        for (const cf_whatif *k = whatifs; k->name; k++)
            cf_buf_printf(&names, "%s%s", k == whatifs ? "" : ", ", k->name);
        snprintf(err, errsize, "unknown what-if '%s' (%s)", what, names.s ? names.s : "");
        cf_buf_free(&names);
        return CF_EUSAGE;
    }
    if (value[strspn(value, " \t")] == '\0') {
        snprintf(err, errsize, "'%s=' wants a value (such as %s=%s)", what, what, w->example);
        return CF_EUSAGE;
    }
    if (strcmp(what, "credential") == 0) {
        const char *code, *body, *kind;
        if (cf_credential_info(value, &code, &body, &kind)) {
            snprintf(err, errsize, "unknown credential '%s' (for example CPC, CCA, CCS, RHIT, CPC-A)", value);
            return CF_EUSAGE;
        }
        cJSON *a = array_of(root, "credentials");
        if (!a || !(e = cJSON_CreateObject()))
            return CF_ESYSTEM;
        cJSON_AddItemToArray(a, e);
        if (!cf_json_add_str(e, "code", code) || (body && !cf_json_add_str(e, "body", body)) ||
            !cf_json_add_str(e, "kind", kind) || !cf_json_add_str(e, "earned", day) ||
            !cf_json_add_str(e, "status", "active") || !cf_json_add_str(e, "from", "what-if"))
            return CF_ESYSTEM;
    } else if (strcmp(what, "training") == 0) {
        static const char *const levels[] = {"certificate", "associate", "bachelor", "master", NULL};
        int ok = 0;
        for (const char *const *l = levels; *l; l++)
            ok |= strcmp(*l, value) == 0;
        if (!ok) {
            snprintf(err, errsize, "training wants certificate, associate, bachelor or master, not '%s'", value);
            return CF_EUSAGE;
        }
        cJSON *a = array_of(root, "education");
        if (!a || !(e = cJSON_CreateObject()))
            return CF_ESYSTEM;
        cJSON_AddItemToArray(a, e);
        if (!cf_json_add_str(e, "level", value) || !cf_json_add_str(e, "field", "medical_coding") ||
            !cf_json_add_str(e, "title", "coding training (what-if)") || !cf_json_add_str(e, "completed", day) ||
            !cf_json_add_str(e, "from", "what-if"))
            return CF_ESYSTEM;
    } else if (strcmp(what, "course") == 0) {
        cJSON *a = array_of(root, "education"), *courses;
        if (!a || !(e = cJSON_CreateObject()))
            return CF_ESYSTEM;
        cJSON_AddItemToArray(a, e);
        if (!cf_json_add_str(e, "level", "other") || !cf_json_add_str(e, "field", "other") ||
            !cf_json_add_str(e, "title", "coursework (what-if)") || !cf_json_add_str(e, "completed", day) ||
            !(courses = cf_json_add_arr(e, "courses")) || cf_json_push_str(courses, value) ||
            !cf_json_add_str(e, "from", "what-if"))
            return CF_ESYSTEM;
    } else if (strcmp(what, "skill") == 0) {
        cJSON *skills = cf_get(root, "skills");
        if (!cJSON_IsObject(skills) && !(skills = cf_json_add_obj(root, "skills")))
            return CF_ESYSTEM;
        cJSON *a = array_of(skills, "other");
        if (!a || cf_json_push_str(a, value))
            return CF_ESYSTEM;
    } else if (strcmp(what, "hipaa") == 0) {
        cf_date d;
        int k = cf_date_read(value, &d);
        if (k == CF_DATE_NOW)
            k = cf_date_read(day, &d);
        if (k != CF_DATE_OK || d.first > p->as_of) {
            snprintf(err, errsize, "hipaa wants the date of the training, on or before %s (such as hipaa=%.7s), not '%s'",
                     day, day, value);
            return CF_EUSAGE;
        }
        char when[11];
        cf_date_format(&d, when);
        cJSON *att = cf_get(root, "attestations");
        if (!cJSON_IsObject(att) && !(att = cf_json_add_obj(root, "attestations")))
            return CF_ESYSTEM;
        cJSON_DeleteItemFromObjectCaseSensitive(att, "hipaa_training");
        cJSON_DeleteItemFromObjectCaseSensitive(att, "hipaa_trained");
        if (!cf_json_add_str(att, "hipaa_training", when) || !cf_json_add_bool(att, "hipaa_trained", 1))
            return CF_ESYSTEM;
    } else if (strcmp(what, "accuracy") == 0) {
        size_t n = strlen(value);
        int pct = n && value[n - 1] == '%';
        double a;
        if (!cf_decimal_parse(value, n - (size_t)pct, 0, pct ? 100 : 1, &a)) {
            snprintf(err, errsize, "accuracy wants audited accuracy as a fraction or a percentage "
                     "(0.96 or 96%%), not '%s'", value);
            return CF_EUSAGE;
        }
        st = set_num(root, "measures", "audit_accuracy", pct ? a / 100 : a);
    } else if (strcmp(what, "productivity") == 0) {
        const char *slash = strchr(value, '/');
        const char *per = slash ? slash + 1 : "";
        int hour = strcmp(per, "hour") == 0 || strcmp(per, "hr") == 0 || strcmp(per, "h") == 0;
        int dayly = strcmp(per, "day") == 0;
        double x = 0;
        if (!slash || (!hour && !dayly) || !cf_decimal_parse(value, (size_t)(slash - value), 0, hour ? 200 : 2000, &x) ||
            x <= 0) {
            snprintf(err, errsize, "productivity wants charts per hour or per day (3/hour, up to 200; "
                     "or 24/day, up to 2000), not '%s'", value);
            return CF_EUSAGE;
        }
        st = set_num(root, "measures", hour ? "charts_per_hour" : "charts_per_day", x);
    } else if (strcmp(what, "ceus") == 0) {
        double x;
        if (!cf_decimal_parse(value, strlen(value), 0, 1000, &x)) {
            snprintf(err, errsize, "ceus wants the CEU hours of the last 24 months, from 0 to 1000, not '%s'", value);
            return CF_EUSAGE;
        }
        st = set_num(root, "measures", "ceu_hours_24m", x);
    } else if (strcmp(what, "references") == 0) {
        long long n;
        if (!cf_whole_parse(value, 1, 20, &n)) {
            snprintf(err, errsize, "references wants a number of references from 1 to 20, not '%s'", value);
            return CF_EUSAGE;
        }
        cJSON *a = array_of(root, "references");
        for (long long i = 0; i < n; i++) {
            if (!a || !(e = cJSON_CreateObject()))
                return CF_ESYSTEM;
            cJSON_AddItemToArray(a, e);
            if (!cf_json_add_str(e, "relationship", "other") || !cf_json_add_str(e, "text", "reference (what-if)"))
                return CF_ESYSTEM;
        }
    } else {
        /* months of work of a kind, up to the as-of date */
        static const char *const kinds[][3] = {
            {"coding-months", "coding", "coding work (what-if)"},
            {"remote-months", "coding", "remote coding work (what-if)"},
            {"audit-months", "audit", "coding audit work (what-if)"},
            {"cdi-months", "cdi", "CDI work (what-if)"},
            {"clinical-months", "clinical", "clinical work (what-if)"}};
        size_t k = 0;
        while (strcmp(kinds[k][0], what) != 0)
            k++;
        long long n;
        if (!cf_whole_parse(value, 1, 600, &n)) {
            snprintf(err, errsize, "%s wants a number of months from 1 to 600, not '%s'", what, value);
            return CF_EUSAGE;
        }
        st = add_months(p, kinds[k][1], kinds[k][2], (long)n, strcmp(what, "remote-months") == 0);
    }
    if (st)
        return st;
    return cf_derive(root, p->as_of, &p->counting);
}

cf_status cf_profile_dup(const cf_profile *p, cf_profile **out)
{
    cf_profile *q = cf_calloc(1, sizeof *q);
    if (!q)
        return CF_ESYSTEM;
    q->input_format = p->input_format;
    q->line = p->line;
    q->as_of = p->as_of;
    q->source = cf_strdup(p->source);
    q->path = p->path ? cf_strdup(p->path) : NULL;
    q->root = cJSON_Duplicate(p->root, 1);
    if (!q->source || (p->path && !q->path) || !q->root || mark_counting(q->root, q->as_of, &q->counting)) {
        cf_profile_free(q);
        return CF_ESYSTEM;
    }
    *out = q;
    return CF_OK;
}
