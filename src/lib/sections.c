/* From styled lines to a JSON Resume: the top block (name, headline,
 * contact), sections found by heading style and by the words people use
 * for them, and each section's entries (title, employer, place, dates,
 * bullets) in the orders people write them.  Nothing is invented: what a
 * line does not say is left out, and a line that no section takes is
 * counted, for a warning. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lines.h"

enum { S_TOP, S_SUMMARY, S_WORK, S_EDU, S_CERT, S_SKILLS, S_LANG, S_VOLUNTEER, S_REFS, S_OTHER };

/* ---- words ------------------------------------------------------------------ */

/* s (n bytes) lower-cased into dst (size bytes), '&' read as "and", a final
 * colon and spaces dropped. */
static void folded(const char *s, size_t n, char *dst, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 5 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&') {
            memcpy(dst + k, "and", 3);
            k += 3;
        } else {
            dst[k++] = (char)tolower(c);
        }
    }
    while (k && (dst[k - 1] == ':' || dst[k - 1] == ' '))
        k--;
    dst[k] = '\0';
}

static int has_word(const char *hay, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(hay, w); p; p = strstr(p + 1, w))
        if ((p == hay || !isalpha((unsigned char)p[-1])) && !isalpha((unsigned char)p[n]))
            return 1;
    return 0;
}

static int any_word(const char *hay, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (has_word(hay, words[i]))
            return 1;
    return 0;
}

static int count_words(const char *s)
{
    int n = 0, in = 0;
    for (; *s; s++) {
        int w = !isspace((unsigned char)*s);
        n += w && !in;
        in = w;
    }
    return n;
}

/* The section a heading names, or -1. */
static int heading_kind(const char *text)
{
    static const struct {
        int kind;
        const char *const words[10];
    } kinds[] = {
        {S_TOP, {"contact", "contact information", "contact details", "personal details", NULL}},
        {S_VOLUNTEER, {"volunteer", "volunteering", "community service", NULL}},
        {S_WORK, {"experience", "employment", "work history", "career history", "worked", "positions", "work",
                  NULL}},
        {S_EDU, {"education", "schooling", "academic", "coursework", NULL}},
        /* "Training" alone lists trainings (HIPAA, CPR), as credentials do;
         * "Education & Training" is education, which is found first */
        {S_CERT, {"certifications", "certification", "credentials", "licenses", "licensure", "certificates",
                  "licences", "training", "trainings", NULL}},
        {S_SKILLS, {"skills", "competencies", "expertise", "proficiencies", "strengths", "tools", NULL}},
        {S_SUMMARY, {"summary", "profile", "objective", "about me", "about", NULL}},
        {S_LANG, {"languages", "language", NULL}},
        {S_REFS, {"references", "reference", NULL}},
        {S_OTHER, {"awards", "honors", "projects", "activities", "interests", "memberships", "affiliations",
                   "publications", "development", NULL}},
    };
    char f[128];
    size_t n = strlen(text);
    if (n >= sizeof f - 8 || count_words(text) > 5 || strchr(text, '@'))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)text[i]))
            return -1;
    folded(text, n, f, sizeof f);
    /* what is in parentheses qualifies: "Coding (training)" is no heading */
    for (char *o; (o = strchr(f, '('));) {
        char *c = strchr(o, ')');
        if (!c) {
            *o = '\0';
            break;
        }
        memmove(o, c + 1, strlen(c + 1) + 1);
    }
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (any_word(f, kinds[k].words))
            return kinds[k].kind;
    return -1;
}

static int all_caps(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (islower((unsigned char)*s))
            return 0;
        letters += isupper((unsigned char)*s) != 0;
    }
    return letters >= 3;
}

/* ---- dates -------------------------------------------------------------------- */

typedef struct span {
    int have_start, have_end, now;   /* now: the end is the present (or left open) */
    cf_date start, end;
} span;

/* Whether s (n bytes) is a date or a range of dates, and which. */
static int read_span(const char *s, size_t n, span *sp)
{
    static const char *const seps[] = {" \xe2\x80\x93 ", " \xe2\x80\x94 ", " - ", "\xe2\x80\x93", "\xe2\x80\x94", " to ",
                                       " through ", " until ", NULL};
    char buf[96];
    memset(sp, 0, sizeof *sp);
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, s, n);
    buf[n] = '\0';
    /* LinkedIn's tenure, "(4 years 4 months)", goes */
    char *paren = strchr(buf, '(');
    if (paren && paren > buf)
        *paren = '\0';
    size_t len = strlen(buf);
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == ','))
        buf[--len] = '\0';
    if (!len)
        return 0;
    for (int i = 0; seps[i]; i++) {
        char *at = strstr(buf, seps[i]);
        if (!at)
            continue;
        size_t k = strlen(seps[i]);
        *at = '\0';
        const char *right = at + k;
        while (*right == ' ')
            right++;
        if (cf_date_read(buf, &sp->start) != CF_DATE_OK)
            return 0;
        sp->have_start = 1;
        if (!*right) {
            sp->now = 1;   /* "July 2017 -": left open as typed */
            return 1;
        }
        int r = cf_date_read(right, &sp->end);
        if (r == CF_DATE_NOW)
            sp->now = 1;
        else if (r == CF_DATE_OK)
            sp->have_end = 1;
        else
            return 0;
        return 1;
    }
    /* "2008-2019": two years with a hyphen */
    if (len == 9 && isdigit((unsigned char)buf[0]) && buf[4] == '-' && isdigit((unsigned char)buf[5])) {
        buf[4] = '\0';
        if (cf_date_read(buf, &sp->start) == CF_DATE_OK && cf_date_read(buf + 5, &sp->end) == CF_DATE_OK) {
            sp->have_start = sp->have_end = 1;
            return 1;
        }
        return 0;
    }
    int r = cf_date_read(buf, &sp->end);
    if (r != CF_DATE_OK)
        return 0;
    sp->have_end = 1;   /* one date: when it ended (a degree, a credential) */
    return 1;
}


/* ---- rows: the pieces of one line, split at separators ------------------------ */

#define MAXP 8
typedef struct row {
    const cf_sline *first;      /* its first piece, for its style and place */
    const char *whole;          /* the line as written, its pieces joined with " | " */
    char *part[MAXP];           /* texts, split at gaps, " | ", " • ", " · " */
    int np;
    int list;
    span dates;                 /* the part that is a date or a range */
    int has_dates;
} row;

/* Splits s at the separators people put between fields (the last part
 * takes the rest when there are more than MAXP). */
static void split_into(row *r, char *s)
{
    static const char *const seps[] = {" | ", " \xe2\x80\xa2 ", " \xc2\xb7 ", " \xe2\x97\x8f ", NULL};
    while (*s && r->np < MAXP) {
        if (r->np == MAXP - 1) {
            r->part[r->np++] = s;
            break;
        }
        char *cut = NULL;
        size_t k = 0;
        for (int i = 0; seps[i]; i++) {
            char *at = strstr(s, seps[i]);
            if (at && (!cut || at < cut)) {
                cut = at;
                k = strlen(seps[i]);
            }
        }
        if (cut)
            *cut = '\0';
        if (*s)
            r->part[r->np++] = s;
        if (!cut)
            break;
        s = cut + k;
    }
}

static int is_email(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at > s && strchr(at, '.') && !strchr(s, ' ');
}

static int is_phone(const char *s)
{
    int digits = 0, other = 0;
    for (; *s; s++) {
        if (isdigit((unsigned char)*s))
            digits++;
        else if (!strchr(" ()-.+", *s))
            other++;
    }
    return digits >= 10 && digits <= 15 && !other;
}

static int is_link(const char *s)
{
    return strstr(s, "linkedin.com") || strncmp(s, "http", 4) == 0 || strncmp(s, "www.", 4) == 0;
}

/* "City, ST" or "City, State": *comma is where the region starts. */
static int is_place(const char *s, const char **comma)
{
    const char *c = strrchr(s, ',');
    if (!c || c == s || count_words(s) > 5)
        return 0;
    const char *r = c + 1;
    while (*r == ' ')
        r++;
    size_t n = strlen(r);
    if (n == 2 && isupper((unsigned char)r[0]) && isupper((unsigned char)r[1])) {
        *comma = c;
        return 1;
    }
    static const char *const states[] = {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
        "Connecticut", "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
        "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi",
        "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
        "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
        "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
        "West Virginia", "Wisconsin", "Wyoming", "Remote", NULL};
    for (int i = 0; states[i]; i++)
        if (strcmp(r, states[i]) == 0) {
            *comma = c;
            return 1;
        }
    return 0;
}


/* ---- what a piece of an entry is ------------------------------------------------- */

static const char *const title_words[] = {
    "coder", "coding", "specialist", "clerk", "analyst", "auditor", "manager", "technician", "tech", "assistant",
    "representative", "rep", "nurse", "director", "supervisor", "coordinator", "officer", "abstractor", "biller",
    "intern", "extern", "externship", "apprentice", "lead", "educator", "reviewer", "consultant", "scribe",
    "registrar", "secretary", "receptionist", "cashier", "aide", "paramedic", "emt", "therapist", "instructor",
    "teacher", "volunteer", "ii", "iii", "senior", "sr", "junior", "trainee", "associate", "administrator",
    "medic", "rn", "lpn", "cna", "ma", "agent", "advocate", "processor", "poster", "scheduler", "navigator",
    "owner", "server", "sales", "worker", "integrity", "documentation", "cdi", "billing", "member", "crew",
    "caregiver", "clerk", NULL};
static const char *const org_words[] = {
    "hospital", "health", "healthcare", "center", "centre", "clinic", "partners", "inc", "llc", "group",
    "university", "college", "associates", "plan", "services", "physicians", "care", "systems", "network",
    "pharmacy", "practice", "department", "county", "company", "corp", "corporation", "institute", "foundation",
    "solutions", "memorial", "regional", "community", "st", "saint", "ambulance", "army", "navy", "school",
    "academy", "medicine", "medical", "orthopedics", "pediatrics", "cardiology", "radiology", "oncology",
    "surgery", "surgical", "hmo", "insurance", "mercy", "baptist", "methodist", "presbyterian", "kaiser",
    "clinics", "hospitals", "ltd", "agency", "store", "restaurant", "bank", "office", "program", "base",
    "force", "corps", "fire", "ems", "home", "hospice", "labs", "laboratory", "partners", NULL};
static const char *const degree_words[] = {
    "diploma", "certificate", "associate", "associates", "bachelor", "bachelors", "master", "masters", "ged",
    "high school", "degree", "aas", "a.a.s.", "as", "a.s.", "aa", "bs", "b.s.", "ba", "b.a.", "bsn", "ms",
    "m.s.", "ma", "m.a.", "mba", "mha", "phd", "doctor", "mbbs", "md", "program", "certification", "course",
    "coursework", "bootcamp", NULL};
static const char *const school_words[] = {"university", "college", "institute", "school", "academy", "community",
                                           "polytechnic", "aapc", "ahima", NULL};

static int score_words(const char *s, const char *const *words)
{
    char f[256];
    folded(s, strlen(s), f, sizeof f);
    int n = 0;
    for (int i = 0; words[i]; i++)
        n += has_word(f, words[i]);
    return n;
}

/* ---- the builder ------------------------------------------------------------------ */

typedef struct builder {
    cJSON *root, *basics, *work, *edu, *certs, *skills, *langs, *vols, *refs;
    cf_buf summary;
    cJSON *entry;               /* the work, volunteer or education entry being read */
    int entry_kind;
    int entry_highlights;       /* bullets read into it */
    char *pending[4];           /* lines read after its bullets, that may head the next one */
    int npending;
    unsigned unplaced;          /* lines that no section took */
    unsigned first_unplaced_page, first_unplaced_line;   /* where the first is */
    int oom;                    /* an allocation failed: the result is not used */
    cJSON *last_bullet;         /* the entry's last bullet, which an indented line continues */
    double bullet_x;            /* where that bullet's line starts */
    unsigned page, line;        /* the line being read */
    int row_dates;              /* it has dates */
    int in_courses;             /* the line before listed courses */
    int training;               /* the credentials section is headed "Training" */
    double entry_x;             /* where the entry's dated head starts */
    int has_entry_x;
    int entry_described;        /* the line before was a sentence about the entry */
    char *group;                /* the employer of the roles being read (in_group) */
    cf_buf cert;                /* the credential being read (cert_row) */
    span cert_dates;
    unsigned cert_page, cert_line;
    int cert_open;              /* its last line ended with a separator */
    struct placed {
        const cJSON *node;
        unsigned page, line;
    } *placed;                  /* where each value put was read */
    size_t nplaced, capplaced;
} builder;

/* item put in o at key (an array's item when key is NULL); item NULL or
 * not put: out of memory.  Returns item, or NULL. */
static cJSON *put(builder *b, cJSON *o, const char *key, cJSON *item)
{
    if (!item || !o || !(key ? cJSON_AddItemToObject(o, key, item) : cJSON_AddItemToArray(o, item))) {
        cJSON_Delete(item);
        b->oom = 1;
        return NULL;
    }
    if (b->page) {
        struct placed *v = cf_grow(b->placed, &b->capplaced, b->nplaced + 1, sizeof *v);
        if (!v) {
            b->oom = 1;
            return item;
        }
        b->placed = v;
        v[b->nplaced++] = (struct placed){item, b->page, b->line};
    }
    return item;
}

/* o[key], a string, replaced by v; the new string keeps the place where
 * the old one was read. */
static void replace_str(builder *b, cJSON *o, const char *key, const char *v)
{
    cJSON *old = cJSON_GetObjectItemCaseSensitive(o, key), *n = cJSON_CreateString(v);
    if (!n || !old || !cJSON_ReplaceItemInObjectCaseSensitive(o, key, n)) {
        cJSON_Delete(n);
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < b->nplaced; i++)
        if (b->placed[i].node == old)
            b->placed[i].node = n;
}

static cJSON *arr(builder *b, cJSON **a, const char *key)
{
    if (!*a)
        *a = put(b, b->root, key, cJSON_CreateArray());
    return *a;
}

static char *dup(builder *b, const char *s)
{
    char *t = cf_strdup(s);
    b->oom |= !t;
    return t;
}

static void add_str(builder *b, cJSON *o, const char *key, const char *v)
{
    if (o && v && *v && !cJSON_GetObjectItemCaseSensitive(o, key))
        put(b, o, key, cJSON_CreateString(v));
}

static void add_date(builder *b, cJSON *o, const char *key, const cf_date *d)
{
    char day[16];
    cf_date_format(d, day);
    add_str(b, o, key, day);
}

static void append_text(builder *b, cJSON *o, const char *key, const char *v)
{
    cJSON *old = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!old) {
        add_str(b, o, key, v);
        return;
    }
    cf_buf t = {0};
    cf_buf_puts(&t, old->valuestring);
    cf_buf_putc(&t, ' ');
    cf_buf_puts(&t, v);
    if (t.s)
        replace_str(b, o, key, t.s);
    else
        b->oom = 1;
    cf_buf_free(&t);
}

/* "City, ST" as JSON Resume's location */
static cJSON *place_json(builder *b, const char *s)
{
    const char *comma;
    cJSON *o = cJSON_CreateObject();
    if (!o || !is_place(s, &comma)) {
        b->oom |= !o;
        return o;
    }
    char *city = cf_strndup(s, (size_t)(comma - s));
    const char *r = comma + 1;
    while (*r == ' ')
        r++;
    if (!city)
        b->oom = 1;
    add_str(b, o, "city", city);
    add_str(b, o, "region", r);
    cf_free(city);
    return o;
}

/* The items of a list "a, b; c" as strings in a new array at o[key]. */
static void put_list(builder *b, cJSON *o, const char *key, const char *list)
{
    cJSON *a = cJSON_GetObjectItem(o, key);
    if (!cJSON_IsArray(a))
        a = put(b, o, key, cJSON_CreateArray());
    char *copy = a ? dup(b, list) : NULL, *save = NULL;
    for (char *t = copy ? strtok_r(copy, ",;", &save) : NULL; t; t = strtok_r(NULL, ",;", &save)) {
        while (*t == ' ')
            t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (*t)
            put(b, a, NULL, cJSON_CreateString(t));
    }
    cf_free(copy);
}

/* How much s reads like a job title rather than an employer's name: its
 * title words less its employer words, and a title's last word counts
 * twice over, since it names the role ("Clinic LPN", "Crew Member"). */
static int title_score(const char *s)
{
    int t = score_words(s, title_words) - score_words(s, org_words);
    const char *last = strrchr(s, ' ');
    last = last ? last + 1 : s;
    if (score_words(last, title_words))
        t += 2;
    else if (score_words(last, org_words))
        t -= 2;
    return t;
}

/* A header text of an entry: place, or title, or employer; for a school,
 * the degree ("Diploma, Medical Billing and Coding", "B.S. in Health
 * Information Management") or the school. */
static void entry_text(builder *b, const char *s)
{
    cJSON *e = b->entry;
    const char *comma;
    /* "Title — Employer", "Title at Employer": two texts ("The University
     * of Texas at Dallas" is one) */
    static const char *const joins[] = {" \xe2\x80\x94 ", " \xe2\x80\x93 ", " at ", " @ ", NULL};
    for (int i = 0; joins[i] && !(b->entry_kind == S_EDU && i >= 2); i++) {
        const char *at = strstr(s, joins[i]);
        if (!at || at == s)
            continue;
        /* after a dash, one word that names no employer goes with the
         * title ("Patient Financial Services Rep II – Denials") */
        const char *rest = at + strlen(joins[i]);
        if (i < 2 && count_words(rest) < 2 && !score_words(rest, org_words))
            continue;
        char *left = cf_strndup(s, (size_t)(at - s));
        if (!left) {
            b->oom = 1;
            return;
        }
        entry_text(b, left);
        cf_free(left);
        entry_text(b, at + strlen(joins[i]));
        return;
    }
    /* "Store Manager, Summit Outdoor Supply   03/2018 - Present": on a line
     * with its dates, a title, then a name of two words or more with
     * nothing of a title in it ("Staff RN, Medical ICU" with no dates is a
     * title and a unit) */
    if (b->entry_kind != S_EDU && b->row_dates && (comma = strchr(s, ',')) && !strchr(comma + 1, ',') &&
        !is_place(s, &comma) &&
        (comma = strchr(s, ',')) && !cJSON_GetObjectItem(e, "position") && score_words(comma + 1, title_words) == 0 &&
        count_words(comma + 1) >= 2 && isupper((unsigned char)comma[2]) && comma[1] == ' ') {
        char *left = cf_strndup(s, (size_t)(comma - s));
        if (!left) {
            b->oom = 1;
            return;
        }
        int lt = score_words(left, title_words);
        int title = lt > 0 && lt - score_words(left, org_words) >= -score_words(comma + 2, org_words);
        if (title) {
            add_str(b, e, "position", left);
            cf_free(left);
            if (!cJSON_GetObjectItem(e, b->entry_kind == S_VOLUNTEER ? "organization" : "name"))
                add_str(b, e, b->entry_kind == S_VOLUNTEER ? "organization" : "name", comma + 2);
            return;
        }
        cf_free(left);
    }
    if (b->entry_kind == S_EDU && (comma = strrchr(s, ',')) && score_words(comma + 1, school_words) > 0 &&
        score_words(comma + 1, degree_words) == 0) {
        /* "Associate of Applied Science, Medical Office Administration, Ivy Tech Community College" */
        char *left = cf_strndup(s, (size_t)(comma - s));
        if (!left) {
            b->oom = 1;
            return;
        }
        const char *right = comma + 1;
        while (*right == ' ')
            right++;
        /* what comes before the school is the course of study, when it
         * names one ("Certificate of completion, CPC Preparation Course
         * (online), AAPC") */
        if (score_words(left, degree_words) > 0 && !cJSON_GetObjectItem(e, "studyType") &&
            !cJSON_GetObjectItem(e, "institution")) {
            char *cut = strstr(left, ", ");
            if (cut)
                *cut = '\0';
            add_str(b, e, "studyType", left);
            if (cut)
                add_str(b, e, "area", cut + 2);
        } else {
            entry_text(b, left);
        }
        cf_free(left);
        if (!cJSON_GetObjectItem(e, "institution"))
            add_str(b, e, "institution", right);
        return;
    }
    if (b->entry_kind == S_EDU) {
        if (score_words(s, degree_words) > score_words(s, school_words) && !cJSON_GetObjectItem(e, "studyType")) {
            char *t = dup(b, s);
            if (!t)
                return;
            char *cut = strstr(t, ", ");
            size_t k = 2;
            if (!cut && (cut = strstr(t, " in ")))
                k = 4;
            if (cut)
                *cut = '\0';
            add_str(b, e, "studyType", t);
            if (cut)
                add_str(b, e, "area", cut + k);
            cf_free(t);
        } else if (!cJSON_GetObjectItem(e, "institution")) {
            add_str(b, e, "institution", s);
        } else if (!is_place(s, &comma)) {   /* a school's place: JSON Resume has none */
            append_text(b, e, "studyType", s);
        }
        return;
    }
    if (is_place(s, &comma) && !cJSON_GetObjectItem(e, "location")) {
        add_str(b, e, "location", s);
        return;
    }
    const char *org = b->entry_kind == S_VOLUNTEER ? "organization" : "name";
    int t = title_score(s);
    cJSON *pos = cJSON_GetObjectItem(e, "position"), *name = cJSON_GetObjectItem(e, org);
    if (!pos && name && cJSON_IsString(name) &&
        title_score(name->valuestring) > t) {
        /* the text taken for the employer reads more like a title */
        char *was = dup(b, name->valuestring);
        if (!was)
            return;
        replace_str(b, e, org, s);
        add_str(b, e, "position", was);
        cf_free(was);
    } else if (!pos && (t > 0 || name))
        add_str(b, e, "position", s);
    else if (!name)
        add_str(b, e, org, s);
    else if (!pos)
        add_str(b, e, "position", s);
    else
        append_text(b, e, "summary", s);
}

static void entry_dates(builder *b, const span *sp)
{
    cJSON *e = b->entry;
    if (sp->have_start)
        add_date(b, e, "startDate", &sp->start);
    else if (sp->have_end && b->entry_kind != S_EDU)
        add_date(b, e, "startDate", &sp->end);   /* one date of a job: when it began */
    if (sp->have_end && (sp->have_start || b->entry_kind == S_EDU))
        add_date(b, e, "endDate", &sp->end);
}

static void new_entry(builder *b, int kind)
{
    cJSON *a = kind == S_EDU ? arr(b, &b->edu, "education")
             : kind == S_VOLUNTEER ? arr(b, &b->vols, "volunteer")
                                   : arr(b, &b->work, "work");
    b->entry = a ? put(b, a, NULL, cJSON_CreateObject()) : NULL;
    b->entry_kind = kind;
    b->entry_highlights = 0;
    b->last_bullet = NULL;
}

static int has_dates(const cJSON *e)
{
    return cJSON_GetObjectItem(e, "startDate") || cJSON_GetObjectItem(e, "endDate");
}

static void flush_pending(builder *b, int as_header)
{
    for (int i = 0; i < b->npending; i++) {
        if (as_header && b->entry)
            entry_text(b, b->pending[i]);
        else if (b->entry)
            append_text(b, b->entry, "summary", b->pending[i]);
        cf_free(b->pending[i]);
    }
    b->npending = 0;
}

/* "5 years 7 months", "1 year", "8 mos": a tenure alone on its line, as
 * LinkedIn writes under an employer. */
static int tenure(const char *s)
{
    int parts = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!isdigit((unsigned char)*s))
            return 0;
        while (isdigit((unsigned char)*s))
            s++;
        while (*s == ' ')
            s++;
        const char *w = s;
        while (isalpha((unsigned char)*s))
            s++;
        size_t n = (size_t)(s - w);
        if (!((n >= 2 && n <= 5 && strncmp(w, "years", n) == 0) || (n >= 2 && n <= 6 && strncmp(w, "months", n) == 0) ||
              (n == 3 && strncmp(w, "mos", 3) == 0) || (n == 3 && strncmp(w, "yrs", 3) == 0)))
            return 0;
        parts++;
        while (*s == ' ' || *s == ',')
            s++;
    }
    return parts >= 1 && parts <= 2;
}

/* A role read under an employer's name and tenure (LinkedIn's "Treasure
 * Valley Dermatology" / "5 years 7 months" / "Medical Coder" / dates, then
 * "Front Desk / Scheduling" / dates): one text of its own is its title,
 * at that employer; an entry with a title and an employer of its own
 * ends the group. */
static void in_group(builder *b)
{
    cJSON *e = b->entry, *pos = cJSON_GetObjectItem(e, "position"), *name = cJSON_GetObjectItem(e, "name");
    if (pos && name) {
        cf_free(b->group);
        b->group = NULL;
        return;
    }
    if (name && cJSON_IsString(name)) {
        char *was = dup(b, name->valuestring);
        if (was)
            add_str(b, e, "position", was);
        cf_free(was);
        replace_str(b, e, "name", b->group);
    } else if (pos) {
        add_str(b, e, "name", b->group);
    }
}

/* A row of a section of entries (work, volunteer, education). */
static void entry_row(builder *b, int kind, row *r)
{
    if (!r->list && !r->has_dates && r->np == 1 && tenure(r->part[0])) {
        /* under an employer: the roles that follow are at it */
        const cJSON *name = b->entry ? cJSON_GetObjectItem(b->entry, "name") : NULL;
        if (kind == S_WORK && cJSON_IsString(name)) {
            cf_free(b->group);
            b->group = dup(b, name->valuestring);
        }
        return;
    }
    if (r->list) {
        if (!b->entry || b->entry_kind != kind)
            new_entry(b, kind);
        flush_pending(b, 0);
        if (!b->entry)
            return;
        const char *key = kind == S_EDU ? "courses" : "highlights";
        cJSON *h = cJSON_GetObjectItem(b->entry, key);
        if (!h)
            h = put(b, b->entry, key, cJSON_CreateArray());
        b->last_bullet = h ? put(b, h, NULL, cJSON_CreateString(r->whole)) : NULL;
        b->bullet_x = r->first->x;
        b->entry_highlights++;
        return;
    }
    if (b->last_bullet && !r->has_dates &&
        (r->first->x > b->bullet_x || (islower((unsigned char)r->whole[0]) && r->first->x >= b->bullet_x))) {
        /* a bullet's text that went on to the next line, indented under it
         * or, not indented, going on in lower case */
        cf_buf t = {0};
        cf_buf_puts(&t, b->last_bullet->valuestring);
        cf_buf_putc(&t, ' ');
        cf_buf_puts(&t, r->whole);
        if (t.oom || !t.s || !cJSON_SetValuestring(b->last_bullet, t.s))
            b->oom = 1;
        cf_buf_free(&t);
        return;
    }
    /* a line set in from the entry's head, with no dates, is one of its
     * points whose bullet was drawn, not written (a PDF's list marker) */
    double indent = r->first->size > 0 ? r->first->size : 2;
    if (b->entry && b->entry_kind == kind && kind != S_EDU && b->has_entry_x && !r->has_dates &&
        r->first->x - b->entry_x >= indent) {
        r->list = 1;
        entry_row(b, kind, r);
        return;
    }
    b->last_bullet = NULL;
    /* a sentence about the entry ("Charge entry and payment posting; some
     * radiology coding under supervision in 2016."), or one going on in
     * lower case: its description, never its title, employer or dates */
    if (b->entry && r->np <= 1 && kind != S_EDU) {
        size_t wl = strlen(r->whole);
        int words = count_words(r->whole);
        int sentence = (wl && r->whole[wl - 1] == '.' && words >= 5) ||
                       (words >= 12 && !(r->has_dates && r->dates.have_start)) ||
                       (islower((unsigned char)r->whole[0]) && b->entry_described);
        if (sentence) {
            append_text(b, b->entry, "summary", r->whole);
            b->entry_described = 1;
            return;
        }
    }
    b->entry_described = 0;
    /* "Courses: a, b, c", and the list going on on the next line */
    int courses = b->in_courses;
    b->in_courses = 0;
    if (kind == S_EDU && b->entry && r->np == 1 && strchr(r->part[0], ':')) {
        char f[32];
        const char *colon = strchr(r->part[0], ':');
        folded(r->part[0], (size_t)(colon - r->part[0]), f, sizeof f);
        if (strstr(f, "course") || strstr(f, "activities")) {
            put_list(b, b->entry, "courses", colon + 1);
            b->in_courses = 1;
            return;
        }
    }
    if (courses && kind == S_EDU && !r->has_dates && r->np == 1 && strpbrk(r->part[0], ";,") &&
        !score_words(r->part[0], degree_words) && !score_words(r->part[0], school_words)) {
        put_list(b, b->entry, "courses", r->part[0]);
        b->in_courses = 1;
        return;
    }
    int start_new = !b->entry || b->entry_kind != kind;
    if (r->has_dates) {
        /* a date row: of the entry being headed, or the next one's */
        if (!start_new && (has_dates(b->entry) || b->entry_highlights))
            start_new = 1;
        if (start_new) {
            new_entry(b, kind);
            if (!b->entry)
                return;
            flush_pending(b, 1);
        }
        /* where the entry's head starts, unless its dates stand first in
         * a gutter of their own */
        span first;
        b->entry_x = r->first->x;
        b->has_entry_x = !read_span(r->first->text, strlen(r->first->text), &first);
        b->row_dates = 1;   /* the texts on the line with the dates */
        for (int i = 0; i < r->np; i++)
            entry_text(b, r->part[i]);
        b->row_dates = 0;
        entry_dates(b, &r->dates);
        if (start_new && b->group && kind == S_WORK)
            in_group(b);
        return;
    }
    if (start_new) {
        new_entry(b, kind);
        if (!b->entry)
            return;
    }
    if (b->entry_highlights || (kind == S_EDU && cJSON_GetObjectItem(b->entry, "institution") &&
                                cJSON_GetObjectItem(b->entry, "studyType") && has_dates(b->entry))) {
        /* after its bullets: the next entry's head, unless bullets follow */
        for (int i = 0; i < r->np; i++) {
            if (b->npending == 4)
                flush_pending(b, 0);
            if ((b->pending[b->npending] = dup(b, r->part[i])))
                b->npending++;
        }
        return;
    }
    for (int i = 0; i < r->np; i++)
        entry_text(b, r->part[i]);
}

/* The row's parts joined with ", " (cf_free; NULL: out of memory). */
static char *joined(builder *b, const row *r)
{
    cf_buf t = {0};
    for (int i = 0; i < r->np; i++) {
        if (i)
            cf_buf_puts(&t, ", ");
        cf_buf_puts(&t, r->part[i]);
    }
    char *s = NULL;
    size_t n;
    if (cf_buf_finish(&t, &s, &n) != CF_OK || !s)
        b->oom = 1;
    return s;
}

/* The credential read so far (cert_row), as a certificate: "CPC – AAPC,
 * 03/2020"; "Certified Risk Adjustment Coder (CRC), AAPC, Apr 2019". */
static void flush_cert(builder *b)
{
    b->cert_open = 0;
    if (!b->cert.len && !b->cert_dates.have_end) {
        cf_buf_free(&b->cert);
        return;
    }
    if (b->cert.oom) {
        b->oom = 1;
        cf_buf_free(&b->cert);
        return;
    }
    unsigned page = b->page, line = b->line;
    b->page = b->cert_page;   /* where its first line was read */
    b->line = b->cert_line;
    cJSON *a = arr(b, &b->certs, "certificates"), *c = a ? put(b, a, NULL, cJSON_CreateObject()) : NULL;
    char *t = c ? dup(b, b->cert.s ? b->cert.s : "") : NULL;
    cf_buf_free(&b->cert);
    if (t) {
        char *comma = strrchr(t, ',');
        span sp;
        const char *d = comma ? comma + 1 : NULL;
        while (d && *d == ' ')
            d++;
        /* "Issued May 2025", "Earned 2019" */
        static const char *const said[] = {"Issued ", "issued ", "Earned ", "earned ", "Obtained ", "since ", NULL};
        for (int i = 0; d && said[i]; i++)
            if (strncmp(d, said[i], strlen(said[i])) == 0)
                d += strlen(said[i]);
        size_t tl = strlen(t);
        char *paren = tl && t[tl - 1] == ')' ? strrchr(t, '(') : NULL;
        if (d && read_span(d, strlen(d), &sp) && sp.have_end) {
            *comma = '\0';   /* a date after the last comma */
            add_date(b, c, "date", &sp.end);
        } else if (paren && read_span(paren + 1, (size_t)(t + tl - 1 - (paren + 1)), &sp) && sp.have_end) {
            while (paren > t && paren[-1] == ' ')
                paren--;
            *paren = '\0';   /* a date in parentheses at the end: "NHA (Oct 2025)" */
            add_date(b, c, "date", &sp.end);
        } else if (b->cert_dates.have_end) {
            add_date(b, c, "date", &b->cert_dates.end);
        }
        char *dash = strstr(t, " \xe2\x80\x93 "), *last = strrchr(t, ',');
        size_t k = 5, n = strlen(t);
        if (!dash && (dash = strstr(t, " - ")))
            k = 3;
        /* the issuer after the last comma when one follows the dash ("CBCS
         * - Certified Billing & Coding Specialist, NHA") */
        if (last && (!dash || last > dash)) {
            dash = last;
            k = 2;
        }
        /* the issuer after it, if anything is (a comma may end the text) */
        const char *issuer = dash && (size_t)(dash - t) + k <= n ? dash + k : NULL;
        if (dash)
            *dash = '\0';
        /* nor a dash or comma left at the end of the name ("CCS -") */
        for (n = strlen(t); n;) {
            if (t[n - 1] == ' ' || t[n - 1] == ',' || t[n - 1] == '-')
                n--;
            else if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
                     ((unsigned char)t[n - 1] == 0x93 || (unsigned char)t[n - 1] == 0x94))
                n -= 3;
            else
                break;
            t[n] = '\0';
        }
        add_str(b, c, "name", t);
        if (issuer && *issuer)
            add_str(b, c, "issuer", issuer);
        cf_free(t);
    }
    memset(&b->cert_dates, 0, sizeof b->cert_dates);
    b->page = page;
    b->line = line;
}

/* A row of the credentials section: a credential of its own, or the rest
 * of the one before, wrapped ("Certified Professional Coder" / "(CPC) ·
 * AAPC · Issued May" / "2025"). */
static void cert_row(builder *b, row *r)
{
    char *t = joined(b, r);
    if (!t)
        return;
    int open = b->cert_open;
    /* or its last words and its date ("HIPAA Training, Granite State" /
     * "Pediatrics (2025)"); a code alone with a date is a credential */
    int tail = b->cert.len && !b->cert_dates.have_end && r->has_dates && count_words(t) <= 2 &&
               strpbrk(t, "abcdefghijklmnopqrstuvwxyz");
    int more = (b->cert.len || b->cert_dates.have_end) &&
               (!*t || *t == '(' || islower((unsigned char)*t) || open || tail);
    if (!more) {
        flush_cert(b);
        b->cert_page = b->page;
        b->cert_line = b->line;
    }
    /* a line that ends with a separator goes on ("... (COC) |" / "AAPC |
     * 10/2021"); the separator goes */
    size_t wl = strlen(t);
    while (wl && t[wl - 1] == ' ')
        wl--;
    b->cert_open = 0;
    int parens = 0;
    for (size_t k = 0; k < wl; k++)
        parens += (t[k] == '(') - (t[k] == ')');
    if (parens > 0 || (wl && t[wl - 1] == '&'))
        b->cert_open = 2;   /* "Certified Billing &", "NHA (Oct": the text goes on */
    else if (wl && t[wl - 1] == '|') {
        b->cert_open = 1;
        wl--;
    } else if (wl >= 2 && (unsigned char)t[wl - 2] == 0xC2 && (unsigned char)t[wl - 1] == 0xB7) {
        b->cert_open = 1;
        wl -= 2;
    }
    while (wl && t[wl - 1] == ' ')
        wl--;
    t[wl] = '\0';
    if (*t) {
        if (b->cert.len)
            cf_buf_puts(&b->cert, more && open == 1 ? ", " : " ");
        cf_buf_puts(&b->cert, t);
    }
    if (r->has_dates && r->dates.have_end && !b->cert_dates.have_end) {
        if (!*t && b->cert.len) {
            /* a date alone on its line ends the text before it ("Issued
             * May" / "2025") */
            cf_buf_putc(&b->cert, ' ');
            cf_buf_puts(&b->cert, r->whole);
        } else {
            b->cert_dates = r->dates;
        }
    }
    cf_free(t);
}

/* "Coding: E/M, ICD-10-CM"; "Inpatient coding (Expert): ..."; a bare skill */
static void skill_row(builder *b, row *r)
{
    cJSON *a = arr(b, &b->skills, "skills");
    for (int i = 0; a && i < r->np; i++) {
        cJSON *s = put(b, a, NULL, cJSON_CreateObject());
        char *t = s ? dup(b, r->part[i]) : NULL;
        if (!t)
            return;
        char *colon = strchr(t, ':'), *list = NULL;
        if (colon) {
            *colon = '\0';
            list = colon + 1;
        }
        char *paren = strchr(t, '('), *close = paren ? strchr(paren, ')') : NULL;
        if (colon && paren && close && close[1] == '\0') {
            *close = '\0';
            add_str(b, s, "level", paren + 1);
            while (paren > t && paren[-1] == ' ')
                paren--;
            *paren = '\0';
        }
        add_str(b, s, "name", t);
        if (list)
            put_list(b, s, "keywords", list);
        cf_free(t);
    }
}

/* "Spanish (Fluent)"; "Spanish - conversational"; "Spanish: native" */
static void lang_row(builder *b, row *r)
{
    cJSON *a = arr(b, &b->langs, "languages");
    for (int i = 0; a && i < r->np; i++) {
        cJSON *l = put(b, a, NULL, cJSON_CreateObject());
        char *t = l ? dup(b, r->part[i]) : NULL;
        if (!t)
            return;
        char *cut = strchr(t, '('), *v = NULL;
        if (cut) {
            char *close = strchr(cut, ')');
            if (close)
                *close = '\0';
            v = cut + 1;
        } else if ((cut = strstr(t, " \xe2\x80\x93 "))) {
            v = cut + 5;
        } else if ((cut = strstr(t, " - "))) {
            v = cut + 3;
        } else if ((cut = strchr(t, ':'))) {
            v = cut + 1;
        }
        if (cut) {
            while (cut > t && cut[-1] == ' ')
                cut--;
            *cut = '\0';
            while (*v == ' ')
                v++;
            add_str(b, l, "fluency", v);
        }
        add_str(b, l, "language", t);
        cf_free(t);
    }
}

static void ref_row(builder *b, row *r)
{
    cJSON *a = arr(b, &b->refs, "references"), *o = a ? put(b, a, NULL, cJSON_CreateObject()) : NULL;
    if (!o)
        return;
    add_str(b, o, "name", r->part[0]);
    row rest = *r;
    rest.np = r->np - 1;
    memmove(rest.part, r->part + 1, sizeof rest.part - sizeof rest.part[0]);
    char *t = rest.np ? joined(b, &rest) : NULL;
    add_str(b, o, "reference", t);
    cf_free(t);
}

static void to_summary(builder *b, const char *s)
{
    if (b->summary.len)
        cf_buf_putc(&b->summary, ' ');
    cf_buf_puts(&b->summary, s);
}

/* Whether s may be a person's name: one to five words, each capitalised
 * (or a particle: "de", "van"), no digits; credentials after a comma
 * ("Darnell Whitaker, CPC") allowed. */
static int looks_like_name(const char *s)
{
    static const char *const particles[] = {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van",
                                            "von", "bin", "ibn", "al", "y", NULL};
    int words = 0;
    const char *p = s;
    while (*p && *p != ',') {
        while (*p == ' ')
            p++;
        if (!*p || *p == ',')
            break;
        const char *w = p;
        while (*p && *p != ' ' && *p != ',') {
            if (isdigit((unsigned char)*p) || strchr(":;!?@/|()", *p))
                return 0;
            p++;
        }
        int particle = 0;
        for (int i = 0; particles[i]; i++)
            if ((size_t)(p - w) == strlen(particles[i]) && strncmp(w, particles[i], (size_t)(p - w)) == 0)
                particle = 1;
        if (!particle && !isupper((unsigned char)*w) && !((unsigned char)*w >= 0xC3))
            return 0;
        words++;
    }
    return words >= 1 && words <= 5;
}

/* An e-mail address or a phone number inside a piece of the top block, with
 * only spaces around it ("713-555-0158 jane@example.com"): put in basics
 * and blanked out of s.  Returns whether anything but spaces and
 * separators is left. */
static int contact_in(builder *b, char *s)
{
    for (char *at = strchr(s, '@'); at; at = strchr(at + 1, '@')) {
        char *l = at, *r = at, tok[256];
        while (l > s && l[-1] != ' ')
            l--;
        while (*r && *r != ' ')
            r++;
        size_t n = (size_t)(r - l);
        if (n >= sizeof tok)
            continue;
        memcpy(tok, l, n);
        tok[n] = '\0';
        if (is_email(tok)) {
            add_str(b, b->basics, "email", tok);
            memset(l, ' ', n);
        }
    }
    for (char *p = s; *p;) {
        if (!(isdigit((unsigned char)*p) || *p == '(' || *p == '+') || (p > s && isalnum((unsigned char)p[-1]))) {
            p++;
            continue;
        }
        char *q = p;
        int digits = 0;
        while (*q && (isdigit((unsigned char)*q) || strchr(" ()-.+", *q)))
            digits += isdigit((unsigned char)*q++) != 0;
        char *e = q;
        while (e > p && e[-1] == ' ')
            e--;
        if (digits >= 10 && digits <= 15 && !isalpha((unsigned char)*q) && (size_t)(e - p) < 64) {
            char tok[64];
            memcpy(tok, p, (size_t)(e - p));
            tok[e - p] = '\0';
            if (!strstr(tok, " - ")) {   /* "2019 - 2020": years, not a phone */
                add_str(b, b->basics, "phone", tok);
                memset(p, ' ', (size_t)(e - p));
            }
        }
        p = q > p ? q : p + 1;
    }
    for (; *s; s++)
        if (!strchr(" ,;|", *s))
            return 1;
    return 0;
}

/* The top block: name, headline, contact; a long line is the summary. */
static void top_row(builder *b, row *r, int *named)
{
    for (int i = 0; i < r->np; i++) {
        const char *s = r->part[i], *comma;
        if (!is_email(s) && !is_phone(s) && !is_link(s) && (strchr(s, '@') || strpbrk(s, "0123456789"))) {
            if (!contact_in(b, r->part[i]))
                continue;
            /* what is left, its spaces closed up */
            char *t = r->part[i], *w = t;
            for (const char *c = t; *c; c++)
                if (*c != ' ' || (w > t && w[-1] != ' '))
                    *w++ = *c;
            while (w > t && strchr(" ,;|", w[-1]))
                w--;
            *w = '\0';
            s = t;
        }
        if (is_email(s)) {
            add_str(b, b->basics, "email", s);
        } else if (is_phone(s)) {
            add_str(b, b->basics, "phone", s);
        } else if (is_link(s)) {
            cJSON *p = cJSON_GetObjectItem(b->basics, "profiles");
            if (!p)
                p = put(b, b->basics, "profiles", cJSON_CreateArray());
            cJSON *o = p ? put(b, p, NULL, cJSON_CreateObject()) : NULL;
            add_str(b, o, "url", s);
            if (strstr(s, "linkedin"))
                add_str(b, o, "network", "LinkedIn");
        } else if (is_place(s, &comma) && !cJSON_GetObjectItem(b->basics, "location")) {
            put(b, b->basics, "location", place_json(b, s));
        } else if (!*named && looks_like_name(s)) {
            add_str(b, b->basics, "name", s);
            *named = 1;
        } else if (*named == 1 && !cJSON_GetObjectItem(b->basics, "label") && count_words(s) == 1 &&
                   looks_like_name(s) && !strchr(s, ',') && count_words(cJSON_GetObjectItem(b->basics, "name")->valuestring) == 1) {
            /* a name set large over two lines ("Tanisha" / "Brooks") */
            append_text(b, b->basics, "name", s);
            *named = 2;
        } else if (*named && !cJSON_GetObjectItem(b->basics, "label") && count_words(s) <= 12) {
            add_str(b, b->basics, "label", s);
        } else {
            to_summary(b, s);
        }
    }
}

/* The row of the pieces of one line, its dates found. */
static void make_row(row *r, const cf_sline *first, const char *whole, char *text, int years)
{
    memset(r, 0, sizeof *r);
    r->first = first;
    r->whole = whole;
    r->list = first->list;
    split_into(r, text);
    for (int i = r->np - 1; i >= 0; i--) {
        span sp;
        if (read_span(r->part[i], strlen(r->part[i]), &sp)) {
            r->dates = sp;
            r->has_dates = 1;
            for (int k = i; k + 1 < r->np; k++)
                r->part[k] = r->part[k + 1];
            r->np--;
            return;
        }
    }
    /* dates that lost the gap before them: "Coder II 06/2020 - Present",
     * "Diploma, Medical Billing and Coding 12/2019"; a bare year only
     * where years say when a course of study ended ("University of
     * Minnesota 2008"), not elsewhere ("Marketing 2020") */
    for (int i = r->np - 1; i >= 0 && !r->list; i--) {
        char *p = r->part[i];
        size_t n = strlen(p);
        for (size_t j = 1; j < n; j++) {
            if (p[j - 1] != ' ' || p[j] == ' ')
                continue;
            span sp;
            if (!read_span(p + j, n - j, &sp))
                continue;
            int range = sp.have_start && (sp.have_end || sp.now);
            if (!range && !years && !strpbrk(p + j, "/-") && !strchr(p + j, ' '))
                continue;
            r->dates = sp;
            r->has_dates = 1;
            while (j && (p[j - 1] == ' ' || p[j - 1] == ','))
                j--;
            p[j] = '\0';
            return;
        }
    }
    /* a date at the end of a part: "Ivy Tech Community College (2014)",
     * "Keystone Career Institute, 2019" */
    for (int i = r->np - 1; i >= 0 && !r->list; i--) {
        char *p = r->part[i];
        size_t n = strlen(p);
        char *cut = NULL;
        if (n && p[n - 1] == ')' && (cut = strrchr(p, '(')) && cut > p) {
            span sp;
            if (read_span(cut + 1, (size_t)(p + n - 1 - (cut + 1)), &sp)) {
                r->dates = sp;
                r->has_dates = 1;
            }
        } else if ((cut = strrchr(p, ',')) && cut > p) {
            span sp;
            if (read_span(cut + 1, strlen(cut + 1), &sp) && (sp.have_start || sp.have_end)) {
                r->dates = sp;
                r->has_dates = 1;
            }
        }
        if (r->has_dates) {
            while (cut > p && cut[-1] == ' ')
                cut--;
            *cut = '\0';
            return;
        }
    }
}

/* "Page 2", "Page 1 of 2": the page's furniture, not the resume's. */
static int page_furniture(const char *s)
{
    if ((s[0] | 0x20) != 'p' || strncmp(s + 1, "age ", 4) != 0)
        return 0;
    s += 5;
    if (!isdigit((unsigned char)*s))
        return 0;
    while (isdigit((unsigned char)*s))
        s++;
    if (strncmp(s, " of ", 4) == 0 && isdigit((unsigned char)s[4])) {
        s += 4;
        while (isdigit((unsigned char)*s))
            s++;
    }
    return !*s;
}

/* The places of the values under node (whose path is in path) into out:
 * "work[0].highlights[1]": "1:14" (page and line). */
static int placed_cmp(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct placed *)a)->node, y = (uintptr_t)((const struct placed *)b)->node;
    return (x > y) - (x < y);
}

/* (b->placed sorted by node, each node in it once) */
static void places(builder *b, const cJSON *node, cf_buf *path, cJSON *out)
{
    struct placed key = {node, 0, 0};
    const struct placed *at =
        path->len && b->nplaced ? bsearch(&key, b->placed, b->nplaced, sizeof key, placed_cmp) : NULL;
    if (at) {
        char where[32];
        snprintf(where, sizeof where, "%u:%u", at->page, at->line);
        put(b, out, path->s, cJSON_CreateString(where));
    }
    size_t len = path->len, k = 0;
    for (const cJSON *c = node->child; c && !b->oom && !path->oom; c = c->next, k++) {
        if (cJSON_IsObject(node))
            cf_buf_printf(path, "%s%s", len ? "." : "", c->string);
        else
            cf_buf_printf(path, "[%zu]", k);
        places(b, c, path, out);
        path->len = len;
        if (path->s)
            path->s[len] = '\0';
    }
    if (path->oom)
        b->oom = 1;
}

/* What the resume was read from, and where each value was read, in its
 * meta object, which JSON Resume leaves to tools. */
static void add_meta(builder *b, const cf_slines *L, cf_doc_kind kind)
{
    unsigned pages = 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].page > pages)
            pages = L->v[i].page;
    cJSON *read = cJSON_CreateObject(), *at = cJSON_CreateObject();
    cf_buf path = {0};
    b->page = 0;   /* what follows has no place */
    if (b->placed)
        qsort(b->placed, b->nplaced, sizeof *b->placed, placed_cmp);
    if (at)
        places(b, b->root, &path, at);
    cf_buf_free(&path);
    cJSON *meta = put(b, b->root, "meta", cJSON_CreateObject());
    cJSON *ours = put(b, meta, "coderfit", cJSON_CreateObject());
    put(b, ours, "read", read);
    add_str(b, read, "format", cf_doc_name(kind));
    if (kind == CF_DOC_PDF)   /* pages that are pages, not page breaks */
        put(b, read, "pages", cJSON_CreateNumber(pages));
    put(b, ours, "places", at);
}

cf_status cf_resume_from_lines(const char *source, cf_doc_kind kind, cf_slines *L, char **json, size_t *len,
                               cf_diags *d, int *found)
{
    builder b;
    memset(&b, 0, sizeof b);
    *json = NULL;
    *len = 0;
    *found = 0;
    b.root = cJSON_CreateObject();
    b.basics = put(&b, b.root, "basics", cJSON_CreateObject());
    int sect = S_TOP, named = 0;
    for (size_t i = 0; i < L->n && !b.oom;) {
        size_t j = i + 1;
        while (j < L->n && L->v[j].page == L->v[i].page && L->v[j].line == L->v[i].line &&
               L->v[j].region == L->v[i].region)
            j++;
        /* a page's right column starts afresh, as its left one did */
        if (i && L->v[i].region == 2 && L->v[i - 1].region == 1 && L->v[i - 1].page == L->v[i].page) {
            flush_pending(&b, 0);
            flush_cert(&b);
            b.entry = NULL;
            b.last_bullet = NULL;
            sect = S_TOP;
        }
        /* a heading: by style, or a short line of the words people use */
        /* a heading marked with an icon that also marks list items ("✔
         * Training") is still a heading when it is a word or two */
        if (j == i + 1 && (!L->v[i].list || count_words(L->v[i].text) <= 2)) {
            int k = heading_kind(L->v[i].text);
            int styled = L->v[i].heading >= 2 || L->v[i].bold || all_caps(L->v[i].text);
            /* unstyled, a line with a comma is an item ("HIPAA Training,
             * Granite State"), not a heading */
            if (k >= 0 && (styled || ((sect != S_TOP || count_words(L->v[i].text) <= 3) &&
                                      !strchr(L->v[i].text, ',')))) {
                flush_pending(&b, 0);
                flush_cert(&b);
                cf_free(b.group);
                b.group = NULL;
                b.has_entry_x = 0;
                b.entry = NULL;
                b.last_bullet = NULL;
                sect = k;
                b.training = k == S_CERT && (strstr(L->v[i].text, "raining") || strstr(L->v[i].text, "RAINING"));
                i = j;
                continue;
            }
        }
        /* the line's pieces, as one text split at " | " */
        cf_buf t = {0};
        for (size_t k = i; k < j; k++) {
            if (k > i)
                cf_buf_puts(&t, " | ");
            cf_buf_puts(&t, L->v[k].text);
        }
        if (t.oom || !t.s) {
            b.oom = 1;
            cf_buf_free(&t);
            break;
        }
        char *whole = dup(&b, t.s);
        if (!whole) {
            cf_buf_free(&t);
            break;
        }
        if (page_furniture(t.s)) {   /* "Page 1 of 2" */
            cf_buf_free(&t);
            cf_free(whole);
            i = j;
            continue;
        }
        row r;
        b.page = L->v[i].page;
        b.line = L->v[i].line;
        make_row(&r, &L->v[i], whole, t.s, sect == S_EDU);
        if (r.np || r.has_dates) {
            switch (sect) {
            case S_TOP:
                top_row(&b, &r, &named);
                break;
            case S_SUMMARY:
                to_summary(&b, r.whole);
                break;
            case S_WORK:
            case S_VOLUNTEER:
            case S_EDU:
                entry_row(&b, sect, &r);
                break;
            case S_CERT:
                /* under "Training", a course of study at a school is
                 * education ("Medical Coding Certificate, Ivy Tech
                 * Community College, 2019"); HIPAA or CPR training is a
                 * credential */
                if (b.training && r.np && score_words(r.whole, school_words) > 0 &&
                    score_words(r.whole, degree_words) > 0) {
                    flush_cert(&b);
                    entry_row(&b, S_EDU, &r);
                } else {
                    cert_row(&b, &r);
                }
                break;
            case S_SKILLS:
                skill_row(&b, &r);
                break;
            case S_LANG:
                lang_row(&b, &r);
                break;
            case S_REFS:
                if (r.np)
                    ref_row(&b, &r);
                break;
            default:
                if (!b.unplaced++) {
                    b.first_unplaced_page = L->v[i].page;
                    b.first_unplaced_line = L->v[i].line;
                }
                break;
            }
        }
        cf_buf_free(&t);
        cf_free(whole);
        i = j;
    }
    flush_pending(&b, 0);
    flush_cert(&b);
    if (b.summary.oom)
        b.oom = 1;
    else if (b.summary.len)
        add_str(&b, b.basics, "summary", b.summary.s);
    cf_buf_free(&b.summary);
    *found = (b.work ? 1 : 0) | (b.edu ? 2 : 0) | (b.certs ? 4 : 0);
    if (!b.oom)
        add_meta(&b, L, kind);
    char *s = b.oom ? NULL : cJSON_PrintUnformatted(b.root);
    cJSON_Delete(b.root);
    cf_free(b.placed);
    cf_free(b.group);
    if (!s)
        return CF_ESYSTEM;
    if (b.unplaced)
        cf_diag_add(d, source, b.first_unplaced_page, b.first_unplaced_line, CF_SEV_WARNING, "unplaced",
                    "%u line%s of the resume in a section that a profile has no place for: left out", b.unplaced,
                    b.unplaced == 1 ? "" : "s");
    *json = s;
    *len = strlen(s);
    return CF_OK;
}
