/* Who an applicant is, as the profile states it: read for the reports
 * (a recruiter has to call someone), never for scoring, and dropped by
 * --blind.  The keys that find the same person twice (e-mail and phone
 * after normalising, the profile's content) are kept after blinding, so
 * that duplicates are decided before redaction. */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include "report.h"

/* A member of the applicant object or of its "contact" (native) */
static const char *contact(const cJSON *app, const char *key)
{
    const char *v = cf_get_str(app, key);
    if (!v)
        v = cf_get_str(cf_get(app, "contact"), key);
    return v && *v ? v : NULL;
}

/* A location as stated: a string, or the parts of an object a person
 * would write on an envelope's last line ("Columbus, OH, US"). */
static void location(const cJSON *app, cf_buf *b)
{
    const cJSON *loc = cf_get(app, "location");
    if (!loc)
        loc = cf_get(app, "address");
    if (cJSON_IsString(loc)) {
        cf_buf_puts(b, loc->valuestring);
        return;
    }
    static const char *const parts[] = {"city", "region", "countryCode", "country"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *v = cf_get_str(loc, parts[i]);
        if (!v || !*v || (i == 3 && cf_get_str(loc, "countryCode")))
            continue;
        if (b->len)
            cf_buf_puts(b, ", ");
        cf_buf_puts(b, v);
    }
}

/* An e-mail address as one person's: spaces around it gone, case ignored. */
static uint64_t email_key(const char *s)
{
    if (!s || !strchr(s, '@'))
        return 0;
    uint64_t h = CF_FNV_INIT;
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)tolower((unsigned char)s[i]);
        h = cf_fnv1a(&c, 1, h);
    }
    return h;
}

/* A phone number as its digits: "(555) 201-4417", "555.201.4417" and
 * "+1 555 201 4417" are one number (a leading 1 of eleven digits is the
 * North American country code).  Fewer than seven digits is no number. */
static uint64_t phone_key(const char *s)
{
    char d[32];
    size_t n = 0;
    for (; s && *s && n < sizeof d; s++)
        if (*s >= '0' && *s <= '9')
            d[n++] = *s;
    size_t from = n == 11 && d[0] == '1' ? 1 : 0;
    if (n - from < 7)
        return 0;
    return cf_fnv1a(d + from, n - from, CF_FNV_INIT);
}

/* A 64-bit hash, eight bytes at a time (the content of every profile of a
 * batch is hashed: FNV-1a's byte at a time would cost more than the rest
 * of this file).  absorb() takes a string with its end; the result is
 * mixed once, at the end. */
#define K1 0x9e3779b97f4a7c15ULL
#define K2 0xbf58476d1ce4e5b9ULL

static uint64_t absorb(const char *s, uint64_t h)
{
    size_t n = strlen(s);
    uint64_t w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * K1;
        h ^= h >> 29;
    }
    w = (uint64_t)n << 56;   /* the end, with what is left */
    memcpy(&w, s, n);
    return ((h ^ w) * K2) ^ (h >> 31);
}

/* The content of a JSON tree, whatever its spacing: types, strings and
 * numbers in order, keys by their first letter (skip: a top-level key
 * left out, the figures computed at load). */
static uint64_t content(const cJSON *v, uint64_t h, const char *skip)
{
    for (; v; v = v->next) {
        if (skip && v->string && strcmp(v->string, skip) == 0)
            continue;
        /* the type and the key's first byte: the values say the rest */
        h = (h ^ (uint64_t)(v->type & 0xff) ^ (v->string ? (uint64_t)(unsigned char)v->string[0] << 8 : 0)) * K1;
        if (cJSON_IsString(v)) {
            h = absorb(v->valuestring, h);
        } else if (cJSON_IsNumber(v)) {
            uint64_t w;
            memcpy(&w, &v->valuedouble, sizeof w);
            h = (h ^ w) * K2;
        } else if (v->child) {
            h = content(v->child, h, NULL) * K1;   /* and its end */
        }
    }
    return h;
}

static uint64_t finish(uint64_t h)
{
    h ^= h >> 33;
    h *= K2;
    return h ^ (h >> 29);
}

/* The id an applicant tracking system gave the input: "id" of the
 * applicant (native; a JSON Resume's basics) or of a JSON Resume's "meta",
 * a string or a whole number; else the file's name without its extension,
 * with the line of a stream's record.  Results go back by it. */
static int input_id(const cf_profile *p, const cJSON *app, cf_buf *b)
{
    const cJSON *meta = p->resume ? cf_get(p->resume, "meta") : NULL;
    const cJSON *v = cJSON_IsObject(app) ? cf_get(app, "id") : NULL;
    if (!(cJSON_IsString(v) && *v->valuestring) && !cJSON_IsNumber(v))
        v = cJSON_IsObject(meta) ? cf_get(meta, "id") : NULL;
    if (cJSON_IsString(v) && *v->valuestring) {
        cf_buf_puts(b, v->valuestring);
    } else if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e15 &&
               v->valuedouble == floor(v->valuedouble)) {
        cf_buf_num(b, v->valuedouble, 0);
    } else {
        const char *path = p->path ? p->path : "-", *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        const char *dot = strrchr(base, '.');
        size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
        /* a native profile's second extension: "ann.native.json" is ann */
        if (n > 7 && memcmp(base + n - 7, ".native", 7) == 0)
            n -= 7;
        cf_buf_add(b, base, n);
        if (p->line)
            cf_buf_printf(b, ":%u", p->line);
    }
    return b->oom ? -1 : 0;
}

cf_status cf_applicant_read(const cf_profile *p, cf_applicant *a)
{
    memset(a, 0, sizeof *a);
    const cJSON *app = cf_get(p->root, "applicant");
    a->content = finish(p->resume ? content(p->resume->child, CF_FNV_INIT, NULL)
                                  : content(p->root->child, CF_FNV_INIT, "derived"));
    cf_buf id = {0};
    if (input_id(p, app, &id) || cf_buf_finish(&id, &a->id, NULL)) {
        cf_buf_free(&id);
        return CF_ESYSTEM;
    }
    if (!cJSON_IsObject(app))
        return CF_OK;
    const char *name = cf_get_str(app, "name"), *email = contact(app, "email"), *phone = contact(app, "phone");
    cf_buf loc = {0};
    location(app, &loc);
    a->email_key = email_key(email);
    a->phone_key = phone_key(phone);
    int oom = loc.oom;
    if (name && *name && !(a->name = cf_strdup(name)))
        oom = 1;
    if (email && !(a->email = cf_strdup(email)))
        oom = 1;
    if (phone && !(a->phone = cf_strdup(phone)))
        oom = 1;
    if (loc.len && !oom && cf_buf_finish(&loc, &a->location, NULL))
        oom = 1;
    cf_buf_free(&loc);
    if (oom) {
        cf_applicant_free(a);
        return CF_ESYSTEM;
    }
    return CF_OK;
}

void cf_applicant_blind(cf_applicant *a)
{
    uint64_t e = a->email_key, ph = a->phone_key, c = a->content;
    cf_applicant_free(a);
    a->email_key = e;
    a->phone_key = ph;
    a->content = c;
}

void cf_applicant_free(cf_applicant *a)
{
    cf_free(a->id);
    cf_free(a->name);
    cf_free(a->email);
    cf_free(a->phone);
    cf_free(a->location);
    memset(a, 0, sizeof *a);
}

int cf_applicant_stated(const cf_applicant *a)
{
    return a->name || a->email || a->phone || a->location;
}

void cf_applicant_json(cf_jw *w, const cf_applicant *a)
{
    if (!a->id && !cf_applicant_stated(a))
        return;
    cf_jw_open(w, "applicant", '{');
    if (a->id)
        cf_jw_str(w, "id", a->id);
    if (a->name)
        cf_jw_str(w, "name", a->name);
    if (a->email)
        cf_jw_str(w, "email", a->email);
    if (a->phone)
        cf_jw_str(w, "phone", a->phone);
    if (a->location)
        cf_jw_str(w, "location", a->location);
    cf_jw_close(w, '}');
}

void cf_applicant_contact(const cf_applicant *a, cf_buf *b, void (*esc)(cf_buf *, const char *))
{
    const char *parts[] = {a->email, a->phone, a->location};
    int n = 0;
    for (size_t i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        if (n++)
            cf_buf_puts(b, " \xc2\xb7 ");
        esc(b, parts[i]);
    }
}

cf_status cf_applicant_from_saved(const cJSON *app, cf_applicant *a)
{
    static const char *const keys[] = {"id", "name", "email", "phone", "location"};
    char **dst[] = {&a->id, &a->name, &a->email, &a->phone, &a->location};
    for (size_t i = 0; i < 5; i++) {
        const char *v = cf_get_str(app, keys[i]);
        if (v && *v && !(*dst[i] = cf_strdup(v))) {
            cf_applicant_free(a);
            return CF_ESYSTEM;
        }
    }
    a->email_key = email_key(a->email);
    a->phone_key = phone_key(a->phone);
    return CF_OK;
}

void cf_fingerprint_format(uint64_t h, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, h >>= 4)
        out[i] = hex[h & 15];
    out[16] = '\0';
}

uint64_t cf_fingerprint_parse(const char *s)
{
    uint64_t h = 0;
    for (int i = 0; s && i < 16; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return 0;
        h = h << 4 | (uint64_t)d;
    }
    return s && strlen(s) == 16 ? h : 0;
}
