/* Blind review: a report that names no one.  The source becomes an opaque
 * id, keyed with the run's secret, and every string of the report taken
 * from the profile has the applicant's name, contact details, address,
 * links and the names of institutions and employers cut out, with any
 * e-mail address or phone number the text holds. */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include "internal.h"
#include "report.h"

#define REDACTED "[redacted]"

cf_status cf_blind_key_new(cf_blind_key *key)
{
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return CF_ESYSTEM;
        got += (size_t)n;
    }
    key->k[0] = key->k[1] = 0;
    for (int i = 7; i >= 0; i--) {
        key->k[0] = key->k[0] << 8 | b[i];
        key->k[1] = key->k[1] << 8 | b[8 + i];
    }
    return CF_OK;
}

void cf_blind_key_format(const cf_blind_key *key, char out[33])
{
    snprintf(out, 33, "%016" PRIx64 "%016" PRIx64, key->k[0], key->k[1]);
}

int cf_blind_key_parse(const char *s, cf_blind_key *key)
{
    if (strlen(s) != 32 || strspn(s, "0123456789abcdef") != 32)
        return -1;
    for (int w = 0; w < 2; w++) {
        key->k[w] = 0;
        for (int i = 0; i < 16; i++) {
            char c = s[16 * w + i];
            key->k[w] = key->k[w] << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
        }
    }
    return 0;
}

int cf_blind_key_read(const char *text, size_t len, cf_blind_key *key, int *have,
                      int (*row)(void *ctx, const char *id, const char *source), void *ctx, unsigned *line)
{
    cf_csv_cur c = {text, text + len, 1, 1};
    cf_buf f[2] = {{0}, {0}};
    int rc = 0;
    for (unsigned r = 0; c.p < c.end && !rc; r++) {
        int last = 0, nf = 0;
        *line = c.line;
        while (!last && c.p < c.end) {
            cf_buf *into = &f[nf < 2 ? nf : 1];
            if (cf_csv_read_field(&c, into, &last)) {
                rc = -1;
                break;
            }
            nf++;
        }
        if (f[0].oom || f[1].oom)
            rc = -2;
        const char *id = f[0].s ? f[0].s : "", *val = f[1].s ? f[1].s : "";
        if (rc)
            ;
        else if (nf != 2 || (r == 0 && (strcmp(id, "id") || strcmp(val, "source"))))
            rc = -1;
        else if (r > 0 && strcmp(id, "secret") == 0)
            rc = cf_blind_key_parse(val, key) ? -1 : (*have = 1, 0);
        else if (r > 0 && row(ctx, id, val))
            rc = -2;
        f[0].len = f[1].len = 0;
    }
    cf_buf_free(&f[0]);
    cf_buf_free(&f[1]);
    return rc;
}

void cf_blind_id(const cf_blind_key *key, const char *source, char out[CF_BLIND_ID_SIZE])
{
    uint64_t h = cf_siphash(key->k, source, strlen(source));
    snprintf(out, CF_BLIND_ID_SIZE, "applicant-%012" PRIx64, (uint64_t)(h & 0xffffffffffffULL));
}

typedef struct words {
    const char **s;
    size_t n, cap;
    int oom;
} words;

static void add_word(words *w, const char *s)
{
    if (!s || strlen(s) < 2)
        return;
    const char **p = cf_grow(w->s, &w->cap, w->n + 1, sizeof *p);
    if (!p) {
        w->oom = 1;
        return;
    }
    w->s = p;
    w->s[w->n++] = s;
}

/* Keys under "applicant" whose values say who the applicant is (the
 * others, such as a label or summary, describe the work). */
static int identifying(const char *key)
{
    static const char *const keys[] = {
        "name", "given_name", "family_name", "first_name", "last_name", "middle_name",
        "email", "phone", "url", "photo", "image", "picture", "address", "street",
        "city", "postalCode", "postal_code", "zip", "username", "network", "profiles",
        "location", "id", NULL,
    };
    for (int i = 0; key && keys[i]; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

/* Every string below v (which is identifying as a whole when all is set). */
static void collect(words *w, const cJSON *v, int all)
{
    for (const cJSON *c = v ? v->child : NULL; c; c = c->next) {
        int id = all || identifying(c->string);
        if (cJSON_IsString(c) && id) {
            add_word(w, c->valuestring);
        } else if (cJSON_IsArray(c) || cJSON_IsObject(c)) {
            collect(w, c, id);
        }
    }
}

static int by_length(const void *a, const void *b)
{
    size_t x = strlen(*(const char *const *)a), y = strlen(*(const char *const *)b);
    return (x < y) - (x > y);
}

/* The identifying strings of a profile, longest first: the applicant's,
 * each word of the name (cut from parts, a copy of it that the caller
 * frees), and the institution and employer names. */
static void profile_words(const cJSON *root, char *parts, words *w)
{
    const cJSON *app = cf_get(root, "applicant");
    collect(w, app, 0);
    char *save = NULL;
    for (char *t = parts ? strtok_r(parts, " \t,.", &save) : NULL; t; t = strtok_r(NULL, " \t,.", &save))
        add_word(w, t);
    static const char *const lists[2][2] = {{"education", "institution"}, {"experience", "employer"}};
    for (int k = 0; k < 2; k++) {
        const cJSON *e;
        cJSON_ArrayForEach(e, cf_get(root, lists[k][0])) {
            const cJSON *s = cf_get(e, lists[k][1]);
            if (cJSON_IsString(s))
                add_word(w, s->valuestring);
        }
    }
    if (w->n > 1)
        qsort(w->s, w->n, sizeof *w->s, by_length);
}

static int is_word(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Length of a phone number at s, else 0: 10 to 15 digits with the usual
 * separators ("+1 (555) 867-5309"), or a local 3-4 number ("867-5309"),
 * not inside a longer run of digits or a decimal.  A date (8 digits) or a
 * figure ("97.4") is neither. */
static size_t phone_at(const char *s, const char *start)
{
    if (s > start && (isdigit((unsigned char)s[-1]) || s[-1] == '.'))
        return 0;
    if (*s != '+' && *s != '(' && !isdigit((unsigned char)*s))
        return 0;
    size_t i = 0, digits = 0, end = 0, groups = 0, group[2] = {0, 0};
    int in_group = 0;
    for (; s[i] && strchr("0123456789+()-. ", s[i]); i++) {
        if (isdigit((unsigned char)s[i])) {
            if (!in_group) {
                groups++;
                in_group = 1;
            }
            if (groups <= 2)
                group[groups - 1]++;
            digits++;
            end = i + 1;
        } else {
            in_group = 0;
        }
    }
    if (digits >= 10 && digits <= 15)
        return end;
    if (digits == 7 && groups == 2 && group[0] == 3 && group[1] == 4 && s[3] != '.')
        return end;
    return 0;
}

/* Length of an e-mail address at s (s at the start of a word), else 0. */
static size_t email_at(const char *s)
{
    size_t i = 0;
    while (s[i] && (isalnum((unsigned char)s[i]) || strchr("._%+-", s[i])))
        i++;
    if (!i || s[i] != '@')
        return 0;
    size_t j = i + 1, dot = 0;
    while (s[j] && (isalnum((unsigned char)s[j]) || s[j] == '.' || s[j] == '-')) {
        if (s[j] == '.')
            dot = j;
        j++;
    }
    return dot > i + 1 && dot + 1 < j ? j : 0;
}

/* s with every identifying string cut out, or NULL when out of memory. */
static char *redact(const char *s, const words *w)
{
    cf_buf b = {0};
    size_t i = 0, n = strlen(s);
    while (i < n) {
        size_t cut = 0;
        int boundary = i == 0 || !is_word((unsigned char)s[i - 1]);
        if (boundary) {
            for (size_t k = 0; k < w->n && !cut; k++) {
                size_t len = strlen(w->s[k]);
                if (len <= n - i && strncasecmp(s + i, w->s[k], len) == 0 &&
                    (i + len == n || !is_word((unsigned char)s[i + len]) ||
                     !is_word((unsigned char)w->s[k][len - 1])))
                    cut = len;
            }
            if (!cut)
                cut = email_at(s + i);
        }
        if (!cut)
            cut = phone_at(s + i, s);
        if (cut) {
            cf_buf_puts(&b, REDACTED);
            i += cut;
        } else {
            cf_buf_putc(&b, s[i++]);
        }
    }
    char *out = NULL;
    size_t len;
    if (cf_buf_finish(&b, &out, &len))
        return NULL;
    return out;
}

/* *s with the identifying strings cut out; -1 when out of memory. */
static int redact_in_place(char **s, const words *w)
{
    char *v = redact(*s, w);
    if (!v)
        return -1;
    cf_free(*s);
    *s = v;
    return 0;
}

/* A warning about a key the profile made up names the key "[redacted]", in
 * its field and message: a key can be anything, a name too. */
static int blind_warning(cf_warning *e, const words *w)
{
    if (e->named) {
        /* a path cut short (a very long one) is cut whole */
        size_t keep = e->named <= strlen(e->field) ? strlen(e->field) - e->named : 0;
        cf_buf f = {0}, m = {0};
        cf_buf_printf(&f, "%.*s%s", (int)keep, e->field, REDACTED);
        for (const char *p = e->message, *hit; *p; p = hit + strlen(e->field)) {
            if (!(hit = strstr(p, e->field))) {
                cf_buf_puts(&m, p);
                break;
            }
            cf_buf_printf(&m, "%.*s%s", (int)(hit - p), p, f.s ? f.s : "");
        }
        char *fs = NULL, *ms = NULL;
        size_t len;
        if (cf_buf_finish(&f, &fs, &len)) {
            cf_buf_free(&m);
            return -1;
        }
        if (cf_buf_finish(&m, &ms, &len)) {
            cf_free(fs);
            return -1;
        }
        cf_free(e->field);
        cf_free(e->message);
        e->field = fs;
        e->message = ms;
        e->named = 0;
    }
    return redact_in_place(&e->field, w) || redact_in_place(&e->message, w) ? -1 : 0;
}

cf_status cf_report_blind(cf_report *rep, const cf_profile *p, const cf_blind_key *key)
{
    words w = {0};
    const cJSON *name = cf_get(cf_get(p->root, "applicant"), "name");
    char *parts = cJSON_IsString(name) ? cf_strdup(name->valuestring) : NULL;
    profile_words(p->root, parts, &w);
    cf_status st = w.oom || (cJSON_IsString(name) && !parts) ? CF_ESYSTEM : CF_OK;
    for (size_t i = 0; i < rep->nres && !st; i++) {
        cf_result *res = &rep->res[i];
        for (size_t k = 0; k < res->nev && !st; k++) {
            if (res->ev[k].value && redact_in_place(&res->ev[k].value, &w))
                st = CF_ESYSTEM;
        }
    }
    for (size_t i = 0; i < rep->warnings.n && !st; i++)
        if (blind_warning(&rep->warnings.v[i], &w))
            st = CF_ESYSTEM;
    cf_applicant_blind(&rep->who);
    /* the fingerprint still finds the same profile twice in the run (and in
     * runs with the same key), and no longer tells whose it is */
    unsigned char c[8];
    for (int i = 0; i < 8; i++)
        c[i] = (unsigned char)(rep->who.content >> (8 * i));
    rep->who.content = cf_siphash(key->k, c, sizeof c);
    char id[CF_BLIND_ID_SIZE];
    cf_blind_id(key, rep->source, id);
    /* the id names it everywhere: as its source and as its origin */
    char *src = st ? NULL : cf_strdup(id), *path = src ? cf_strdup(id) : NULL;
    if (!st && !path) {
        cf_free(src);
        st = CF_ESYSTEM;
    }
    if (path) {
        cf_free(rep->source);
        cf_free(rep->path);
        rep->source = src;
        rep->path = path;
        rep->line = 0;
    }
    cf_free(parts);
    cf_free(w.s);
    return st;
}
