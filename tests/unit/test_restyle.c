/* The same facts written differently score the same (docs/panel.md, I1-I6):
 * every example and panel profile is restyled mechanically, in each way
 * below, and must keep its tier, move by at most 2 points and read with
 * nothing left out. */
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "t.h"

#define ASOF "2026-11-26"

/* Keys whose values are not prose: never restyled. */
static int fixed_key(const char *k)
{
    static const char *const keys[] = {"format", "email", "phone", "url", "network", "username", "countryCode",
                                       "postalCode", "kind", "level", "field", "status", "relationship",
                                       "setting", "code", "from", "image", "score", "id", NULL};
    for (const char *const *p = keys; k && *p; p++)
        if (strcmp(k, *p) == 0)
            return 1;
    return 0;
}

static int date_key(const char *k)
{
    static const char *const keys[] = {"startDate", "endDate", "date", "releaseDate", "start", "end",
                                       "completed", "earned", "renewed", "expires", "hipaa_training", NULL};
    for (const char *const *p = keys; k && *p; p++)
        if (strcmp(k, *p) == 0)
            return 1;
    return 0;
}

static void set_string(cJSON *v, t_text *b)
{
    cJSON_SetValuestring(v, b->s ? b->s : "");
    free(b->s);
}

/* Calls fn on every prose string of the tree, with its key (or its array's). */
typedef void (*str_fn)(cJSON *v, const char *key);

static void each_string(cJSON *v, const char *key, str_fn fn)
{
    if (cJSON_IsString(v)) {
        if (!fixed_key(key))
            fn(v, key);
        return;
    }
    for (cJSON *c = v ? v->child : NULL; c; c = c->next)
        each_string(c, cJSON_IsObject(v) ? c->string : key, fn);
}

static int alnum(int c)
{
    return isalnum(c) || (c & 0x80);
}

/* ---- I1: trademark signs and Unicode punctuation -------------------------- */

static const char *const marked[] = {"CPC", "CPC-A", "COC", "CIC", "CRC", "CPMA", "CEMC", "CCS", "CCS-P", "CCA",
                                     "RHIT", "RHIA", "CDIP", "CCDS", "CBCS", "CPB", "Epic", "CPT", "3M", NULL};

static void i1_string(cJSON *v, const char *key)
{
    const char *s = v->valuestring;
    t_text b = {0};
    if (date_key(key)) {
        /* a no-break space in "Mar 2019" */
        for (; *s; s++)
            if (*s == ' ')
                t_text_puts(&b, "\xc2\xa0");
            else
                t_text_add(&b, s, 1);
        set_string(v, &b);
        return;
    }
    if (key && strcmp(key, "highlights") == 0)
        t_text_puts(&b, "\xe2\x80\xa2 ");
    for (size_t i = 0; s[i];) {
        if (alnum((unsigned char)s[i]) && (i == 0 || !alnum((unsigned char)s[i - 1]))) {
            size_t j = i;
            while (alnum((unsigned char)s[j]) || (s[j] == '-' && s[j + 1] == 'A' && !alnum((unsigned char)s[j + 2])) ||
                   (s[j] == '-' && s[j + 1] == 'P' && !alnum((unsigned char)s[j + 2])))
                j++;
            int mark = 0;
            for (const char *const *m = marked; *m; m++)
                mark |= strlen(*m) == j - i && strncmp(*m, s + i, j - i) == 0;
            /* hyphens inside the word become no-break hyphens */
            for (size_t k = i; k < j; k++)
                if (s[k] == '-')
                    t_text_puts(&b, "\xe2\x80\x91");
                else
                    t_text_add(&b, s + k, 1);
            if (mark)
                t_text_puts(&b, strcmp(s + i, "3M") == 0 || strncmp(s + i, "3M", 2) == 0 ? "\xe2\x84\xa2" : "\xc2\xae");
            i = j;
            continue;
        }
        if (s[i] == '-' && i > 0 && alnum((unsigned char)s[i - 1]) && alnum((unsigned char)s[i + 1]))
            t_text_puts(&b, "\xe2\x80\x91");                        /* ICD-10-CM: no-break hyphens */
        else if (s[i] == ' ' && s[i + 1] == '-' && s[i + 2] == ' ') {
            t_text_puts(&b, " \xe2\x80\x93 ");                      /* an en dash */
            i += 3;
            continue;
        } else if (s[i] == '\'')
            t_text_puts(&b, "\xe2\x80\x99");                        /* a curly apostrophe */
        else if (s[i] == ' ' && i > 0 && isdigit((unsigned char)s[i - 1]))
            t_text_puts(&b, "\xc2\xa0");                            /* "18\u00a0charts" */
        else
            t_text_add(&b, s + i, 1);
        i++;
    }
    set_string(v, &b);
}

static void i1_unicode(cJSON *doc)
{
    each_string(doc, NULL, i1_string);
}

/* ---- I2: where a credential is stated ----------------------------------------- */

/* The coding credentials stated in certificates[] alone, without status
 * words: their codes, joined, and the certificates taken out. */
static int take_credentials(cJSON *doc, char *codes, size_t size)
{
    cJSON *certs = cJSON_GetObjectItem(doc, "certificates");
    if (!cJSON_IsArray(certs) || cJSON_GetObjectItem(doc, "format"))
        return 0;
    char *text = cJSON_PrintUnformatted(doc);
    cf_profile *p = t_profile(text, ASOF);
    free(text);
    if (!p)
        return 0;
    codes[0] = '\0';
    int taken[64] = {0}, n = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(p->root, "credentials")) {
        const cJSON *code = cJSON_GetObjectItem(c, "code"), *from = cJSON_GetObjectItem(c, "from");
        const cJSON *kind = cJSON_GetObjectItem(c, "kind"), *st = cJSON_GetObjectItem(c, "status");
        int i;
        if (!cJSON_IsString(code) || !cJSON_IsString(from) || sscanf(from->valuestring, "certificates[%d]", &i) != 1 ||
            i < 0 || i >= 64 || st || (strcmp(kind->valuestring, "coding") != 0 && strcmp(kind->valuestring, "cdi") != 0))
            continue;
        cJSON *cert = cJSON_GetArrayItem(certs, i);
        const cJSON *name = cJSON_GetObjectItem(cert, "name");
        if (!cJSON_IsString(name))
            continue;
        snprintf(codes + strlen(codes), size - strlen(codes), "%s%s", codes[0] ? ", " : "", code->valuestring);
        taken[i] = 1;
        n++;
    }
    cf_profile_free(p);
    for (int i = 63; i >= 0; i--)
        if (taken[i])
            cJSON_DeleteItemFromArray(certs, i);
    return n;
}

static cJSON *basics_of(cJSON *doc)
{
    cJSON *b = cJSON_GetObjectItem(doc, "basics");
    if (!b)
        b = cJSON_AddObjectToObject(doc, "basics");
    return b;
}

static void append_to(cJSON *obj, const char *key, const char *sep, const char *what)
{
    cJSON *v = cJSON_GetObjectItem(obj, key);
    t_text b = {0};
    if (cJSON_IsString(v) && v->valuestring[0]) {
        t_text_puts(&b, v->valuestring);
        t_text_puts(&b, sep);
    }
    t_text_puts(&b, what);
    if (cJSON_IsString(v))
        set_string(v, &b);
    else {
        cJSON_DeleteItemFromObject(obj, key);
        cJSON_AddStringToObject(obj, key, b.s);
        free(b.s);
    }
}

static void i2_label(cJSON *doc)
{
    char codes[256];
    if (take_credentials(doc, codes, sizeof codes))
        append_to(basics_of(doc), "label", " | ", codes);
}

static void i2_name(cJSON *doc)
{
    char codes[256];
    if (take_credentials(doc, codes, sizeof codes))
        append_to(basics_of(doc), "name", ", ", codes);
}

static void i2_summary(cJSON *doc)
{
    char codes[256], what[300];
    if (take_credentials(doc, codes, sizeof codes)) {
        snprintf(what, sizeof what, "Certified coder (%s).", codes);
        append_to(basics_of(doc), "summary", " ", what);
    }
}

/* ---- I3: how dates are written -------------------------------------------------- */

static int date_style;

static void i3_string(cJSON *v, const char *key)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const month[] = {"January", "February", "March", "April", "May", "June", "July",
                                        "August", "September", "October", "November", "December"};
    static const char *const present[] = {"Present", "current", "till date", NULL};
    cf_date d;
    if (!date_key(key))
        return;
    int r = cf_date_read(v->valuestring, &d);
    if (r == CF_DATE_NOW) {
        /* only an end names the present; an empty start stays empty */
        if (present[date_style] && strcmp(key, "endDate") == 0)
            cJSON_SetValuestring(v, present[date_style]);
        return;
    }
    if (r != CF_DATE_OK || d.precision == 1)
        return;
    char iso[11], out[40];
    cf_date_format(&d, iso);
    int y = atoi(iso), m = atoi(iso + 5), dd = d.precision == 3 ? atoi(iso + 8) : 0;
    switch (date_style) {
    case 0:
        if (dd)
            snprintf(out, sizeof out, "%s %d, %d", mon[m - 1], dd, y);
        else
            snprintf(out, sizeof out, "%s %d", mon[m - 1], y);
        break;
    case 1:
        if (dd)
            snprintf(out, sizeof out, "%02d/%02d/%d", m, dd, y);
        else
            snprintf(out, sizeof out, "%02d/%d", m, y);
        break;
    case 2:
        if (dd)
            snprintf(out, sizeof out, "%sT00:00:00Z", iso);
        else
            snprintf(out, sizeof out, "%s %d", month[m - 1], y);
        break;
    default:
        snprintf(out, sizeof out, "%s", iso);
        break;
    }
    cJSON_SetValuestring(v, out);
}

/* A current job gets its end written as the style's word for the present
 * (or none, in the ISO style). */
static void present_ends(cJSON *doc)
{
    static const char *const present[] = {"Present", "current", "till date", NULL};
    static const char *const sections[] = {"work", "volunteer", NULL};
    for (const char *const *s = sections; *s; s++) {
        cJSON *e;
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(doc, *s)) {
            cJSON *end = cJSON_GetObjectItem(e, "endDate");
            cf_date d;
            int now = !end || (cJSON_IsString(end) && (!end->valuestring[0] || cf_date_read(end->valuestring, &d) == CF_DATE_NOW));
            if (!now || !cJSON_GetObjectItem(e, "startDate"))
                continue;
            cJSON_DeleteItemFromObject(e, "endDate");
            if (present[date_style])
                cJSON_AddStringToObject(e, "endDate", present[date_style]);
        }
    }
}

static void i3_style(cJSON *doc, int style)
{
    date_style = style;
    each_string(doc, NULL, i3_string);
    present_ends(doc);
}

static void i3_mon(cJSON *doc) { i3_style(doc, 0); }
static void i3_slash(cJSON *doc) { i3_style(doc, 1); }
static void i3_month(cJSON *doc) { i3_style(doc, 2); }
static void i3_iso(cJSON *doc) { i3_style(doc, 3); }

/* ---- I4: case and spacing --------------------------------------------------------- */

static void i4_lower_string(cJSON *v, const char *key)
{
    (void)key;
    for (char *s = v->valuestring; *s; s++)
        *s = (char)tolower((unsigned char)*s);
}

static void i4_title_string(cJSON *v, const char *key)
{
    t_text b = {0};
    const char *s = v->valuestring;
    if (date_key(key))
        return;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        int start = i == 0 || !alnum((unsigned char)s[i - 1]);
        c = (char)(start ? toupper((unsigned char)c) : tolower((unsigned char)c));
        t_text_add(&b, &c, 1);
        if (c == ' ')
            t_text_puts(&b, " ");               /* doubled spaces */
    }
    if (key && (strcmp(key, "highlights") == 0 || strcmp(key, "summary") == 0) && b.n && b.s[b.n - 1] != '.')
        t_text_puts(&b, ".");
    set_string(v, &b);
}

static void i4_spaces_string(cJSON *v, const char *key)
{
    if (date_key(key))
        return;
    char *s = v->valuestring;
    for (size_t i = 1; s[0] && s[i]; i++)
        if (s[i] == '-' && alnum((unsigned char)s[i - 1]) && alnum((unsigned char)s[i + 1]) &&
            !(isdigit((unsigned char)s[i - 1]) && isdigit((unsigned char)s[i + 1])))
            s[i] = ' ';
}

static void i4_lower(cJSON *doc) { each_string(doc, NULL, i4_lower_string); }
static void i4_title(cJSON *doc) { each_string(doc, NULL, i4_title_string); }
static void i4_spaces(cJSON *doc) { each_string(doc, NULL, i4_spaces_string); }

/* ---- I5: order ------------------------------------------------------------------------ */

static void i5_reverse(cJSON *v)
{
    if (!v)
        return;
    if (cJSON_IsArray(v)) {
        cJSON *items[512];
        int n = 0;
        while (v->child && n < 512)
            items[n++] = cJSON_DetachItemViaPointer(v, v->child);
        for (int i = n - 1; i >= 0; i--)
            cJSON_AddItemToArray(v, items[i]);
    }
    for (cJSON *c = v->child; c; c = c->next)
        i5_reverse(c);
}

/* ---- I6: a job's facts in its summary or its highlights ---------------------------------- */

static void jobs(cJSON *doc, void (*fn)(cJSON *job, const char *summary_key))
{
    static const char *const sections[] = {"work", "volunteer", "experience", NULL};
    for (const char *const *s = sections; *s; s++) {
        cJSON *e;
        cJSON_ArrayForEach(e, cJSON_GetObjectItem(doc, *s))
            fn(e, "summary");
    }
}

static void join_job(cJSON *job, const char *key)
{
    cJSON *hl = cJSON_GetObjectItem(job, "highlights");
    if (!cJSON_GetArraySize(hl))
        return;
    t_text b = {0};
    const cJSON *s = cJSON_GetObjectItem(job, key);
    if (cJSON_IsString(s) && s->valuestring[0]) {
        t_text_puts(&b, s->valuestring);
        if (b.s[b.n - 1] != '.')
            t_text_puts(&b, ".");
    }
    const cJSON *h;
    cJSON_ArrayForEach(h, hl) {
        if (!cJSON_IsString(h))
            continue;
        if (b.n)
            t_text_puts(&b, " ");
        t_text_puts(&b, h->valuestring);
        if (b.s[b.n - 1] != '.')
            t_text_puts(&b, ".");
    }
    cJSON_DeleteItemFromObject(job, "highlights");
    cJSON_DeleteItemFromObject(job, key);
    cJSON_AddStringToObject(job, key, b.s);
    free(b.s);
}

static void split_job(cJSON *job, const char *key)
{
    const cJSON *s = cJSON_GetObjectItem(job, key);
    if (!cJSON_IsString(s) || !s->valuestring[0])
        return;
    cJSON *hl = cJSON_GetObjectItem(job, "highlights");
    if (!cJSON_IsArray(hl)) {
        cJSON_DeleteItemFromObject(job, "highlights");
        hl = cJSON_AddArrayToObject(job, "highlights");
    }
    char *text = strdup(s->valuestring), *p = text;
    for (;;) {
        char *dot = strstr(p, ". ");
        if (dot)
            *dot = '\0';
        if (*p)
            cJSON_AddItemToArray(hl, cJSON_CreateString(p));
        if (!dot)
            break;
        p = dot + 2;
    }
    free(text);
    cJSON_DeleteItemFromObject(job, key);
}

static void i6_join(cJSON *doc) { jobs(doc, join_job); }
static void i6_split(cJSON *doc) { jobs(doc, split_job); }

/* ---- the check ------------------------------------------------------------------------- */

static const struct {
    const char *inv, *what;
    void (*fn)(cJSON *doc);
} restyles[] = {
    {"I1", "trademark signs, no-break hyphens and spaces, dashes, curly quotes, bullets", i1_unicode},
    {"I2", "credentials moved from certificates to the label", i2_label},
    {"I2", "credentials moved from certificates to after the name", i2_name},
    {"I2", "credentials moved from certificates to the summary", i2_summary},
    {"I3", "dates as Mar 2019 and Mar 5, 2019; Present", i3_mon},
    {"I3", "dates as 03/2019 and 03/05/2019; current", i3_slash},
    {"I3", "dates as March 2019 and ISO date-times; till date", i3_month},
    {"I3", "dates as 2019-03; no end date for the current job", i3_iso},
    {"I4", "lower case", i4_lower},
    {"I4", "title case, doubled spaces, trailing full stops", i4_title},
    {"I4", "hyphens as spaces (ICD 10 CM)", i4_spaces},
    {"I5", "every list reversed", i5_reverse},
    {"I6", "highlights joined into the job's summary", i6_join},
    {"I6", "job summaries split into highlights", i6_split},
};

static void check_file(const cf_rubric *r, const char *path)
{
    size_t len;
    char *text = t_read(path, &len);
    if (!text) {
        CHECKF(0, "cannot read %s", path);
        return;
    }
    cf_report *before = t_score(r, text, ASOF);
    CHECKF(before != NULL, "%s scores", path);
    for (size_t k = 0; before && k < sizeof restyles / sizeof restyles[0]; k++) {
        cJSON *doc = cJSON_Parse(text);
        restyles[k].fn(doc);
        char *out = cJSON_PrintUnformatted(doc);
        cJSON_Delete(doc);
        cf_diags d = {0};
        cf_profile *p = NULL;
        cf_report *after = NULL;
        if (cf_profile_parse(path, out, strlen(out), 1, t_day(ASOF), &p, &d) == CF_OK)
            cf_score(r, p, &after);
        double a = before->score, b = after ? after->score : -100;
        int same_tier = after && before->tier == after->tier;
        CHECKF(after && fabs(round(a * 10) - round(b * 10)) <= 20 && same_tier,
               "%s, %s (%s): %.1f %s -> %.1f %s", path, restyles[k].inv, restyles[k].what, a,
               cf_report_tier(before), b, after ? cf_report_tier(after) : "(refused)");
        CHECKF(d.n == 0, "%s, %s (%s): %s", path, restyles[k].inv, restyles[k].what,
               d.n ? d.items[0].message : "");
        cf_report_free(after);
        cf_profile_free(p);
        cf_diags_clear(&d);
        free(out);
    }
    cf_report_free(before);
    cf_free(text);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_folder(const cf_rubric *r, const char *dir)
{
    DIR *d = opendir(dir);
    char *names[256];
    int n = 0;
    CHECKF(d != NULL, "%s", dir);
    for (struct dirent *e; d && (e = readdir(d)) != NULL && n < 256;) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
            names[n] = malloc(strlen(dir) + l + 2);
            sprintf(names[n++], "%s/%s", dir, e->d_name);
        }
    }
    if (d)
        closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    CHECKF(n >= 10, "%s has %d profiles", dir, n);
    for (int i = 0; i < n; i++) {
        check_file(r, names[i]);
        free(names[i]);
    }
}

void test_restyle(void)
{
    cf_rubric *r = NULL;
    cf_diags d = {0};
    CHECK(cf_rubric_load_default(&r, &d) == CF_OK);
    cf_diags_clear(&d);
    check_folder(r, "examples/applicants");
    check_folder(r, "tests/panel/profiles");
    cf_rubric_free(r);
}
