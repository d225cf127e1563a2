/* Dates: profile dates name a year, a month or a day; the as-of date is a
 * day.  Calendar arithmetic is left to libc's timegm/gmtime_r. */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <string.h>
#include <time.h>
#include "internal.h"

/* Day number of a proleptic Gregorian date; month 13 and day 0 roll over
 * as timegm's do.  Counted here because it runs for every date of every
 * profile, and timegm costs a hundred times more; a test checks the two
 * agree. */
cf_day cf_days_from_civil(int y, int m, int d)
{
    y += (m - 1) / 12;
    m = (m - 1) % 12 + 1;
    if (m <= 2)
        y--;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                  /* 0..399 */
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* from March 1 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int cf_date_parse(const char *s, cf_date *out)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return -1;
    int y = digits(s, 4);
    if (y < 1900 || y > 2199)
        return -1;
    if (n == 4) {
        out->first = cf_days_from_civil(y, 1, 1);
        out->last = cf_days_from_civil(y + 1, 1, 1) - 1;
        out->precision = 1;
        return 0;
    }
    if (s[4] != '-')
        return -1;
    int m = digits(s + 5, 2);
    if (m < 1 || m > 12)
        return -1;
    if (n == 7) {
        out->first = cf_days_from_civil(y, m, 1);
        out->last = cf_days_from_civil(y, m + 1, 1) - 1;
        out->precision = 2;
        return 0;
    }
    if (s[7] != '-')
        return -1;
    int d = digits(s + 8, 2);
    if (d < 1 || d > 31)
        return -1;
    cf_day day = cf_days_from_civil(y, m, d);
    if (day > cf_days_from_civil(y, m + 1, 1) - 1)
        return -1;    /* 2026-02-30 */
    out->first = out->last = day;
    out->precision = 3;
    return 0;
}

const char *cf_date_why(const char *s, char *buf, size_t size)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};
    size_t n = strlen(s);
    int y = n >= 4 ? digits(s, 4) : -1, m = -1, d = -1;
    if (y < 0 || (n != 4 && n != 7 && n != 10) || (n > 4 && s[4] != '-') || (n > 7 && s[7] != '-'))
        return NULL;
    if (n >= 7 && (m = digits(s + 5, 2)) < 0)
        return NULL;
    if (n == 10 && (d = digits(s + 8, 2)) < 0)
        return NULL;
    if (y < 1900 || y > 2199)
        snprintf(buf, size, "the year %d is outside 1900 to 2199", y);
    else if (n >= 7 && (m < 1 || m > 12))
        snprintf(buf, size, "there is no month %02d", m);
    else if (n == 10 && (d < 1 || cf_days_from_civil(y, m, d) > cf_days_from_civil(y, m + 1, 1) - 1))
        snprintf(buf, size, "%s %d has no day %d", months[m - 1], y, d);
    else
        return NULL;
    return buf;
}

int cf_date_of(int y, int m, int d, cf_date *out)
{
    if (y < 1900 || y > 2199 || m < 0 || m > 12 || d < 0 || d > 31 || (d && !m))
        return -1;
    if (!m) {
        out->first = cf_days_from_civil(y, 1, 1);
        out->last = cf_days_from_civil(y + 1, 1, 1) - 1;
        out->precision = 1;
    } else if (!d) {
        out->first = cf_days_from_civil(y, m, 1);
        out->last = cf_days_from_civil(y, m + 1, 1) - 1;
        out->precision = 2;
    } else {
        cf_day day = cf_days_from_civil(y, m, d);
        if (day > cf_days_from_civil(y, m + 1, 1) - 1)
            return -1;
        out->first = out->last = day;
        out->precision = 3;
    }
    return 0;
}

int cf_month_word(const char *w, size_t n)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"};
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(names[m]);
        if (n <= len && strncmp(w, names[m], n) == 0 && (n == 3 || n == len || (m == 8 && n == 4)))
            return m + 1;
    }
    return 0;
}

/* Seasons name their first month: "Fall 2019" is 2019-09. */
static int season_word(const char *w)
{
    static const struct {
        const char *w;
        int m;
    } seasons[] = {{"spring", 3}, {"summer", 6}, {"fall", 9}, {"autumn", 9}, {"winter", 12}};
    for (size_t i = 0; i < CF_ARRAY_LEN(seasons); i++)
        if (strcmp(w, seasons[i].w) == 0)
            return seasons[i].m;
    return 0;
}


/* An ISO date-time: the date, then T or a space and a time. */
static int iso_datetime(const char *s, cf_date *out)
{
    char day[11];
    if (strlen(s) < 12 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !isdigit((unsigned char)s[11]))
        return -1;
    memcpy(day, s, 10);
    day[10] = '\0';
    return cf_date_parse(day, out);
}

int cf_date_read(const char *s, cf_date *out)
{
    static const char *const now[] = {"present", "current", "currently", "now", "ongoing", "today",
                                      "date", NULL};
    static const char *const filler[] = {"till", "until", "to", "the", "position", "job", "role",
                                         "employed", "still", NULL};
    static const char *const lead[] = {"expected", "anticipated", "est", "estimated", "since",
                                       "from", "circa", "ca", "approx", "approximately", "in",
                                       "of", "graduated", "completed", "earned", NULL};
    cf_lexeme lx[12];
    if (cf_date_parse(s, out) == 0 || iso_datetime(s, out) == 0)
        return CF_DATE_OK;
    size_t n = cf_lex(s, lx, CF_ARRAY_LEN(lx));
    if (n == CF_ARRAY_LEN(lx))
        return CF_DATE_BAD;
    /* words for the present, alone or with "till", "to" */
    int saw_now = 0, others = 0;
    for (size_t i = 0; i < n; i++) {
        if (lx[i].kind == CF_LX_BREAK || lx[i].kind == CF_LX_SOFT)
            continue;
        if (cf_lexeme_in(&lx[i], now))
            saw_now = 1;
        else if (!cf_lexeme_in(&lx[i], filler))
            others = 1;
    }
    if (!n || (saw_now && !others))
        return CF_DATE_NOW;
    /* the numbers and words that matter: commas and a lead word dropped */
    const cf_lexeme *v[8];
    int k = 0, pers = 0;
    for (size_t i = 0; i < n; i++) {
        const cf_lexeme *l = &lx[i];
        if (l->kind == CF_LX_SOFT)
            continue;
        if (l->kind == CF_LX_BREAK || l->kind == CF_LX_PCT || l->kind == CF_LX_DOLLAR)
            return CF_DATE_BAD;
        if (l->kind == CF_LX_PER) {
            pers++;
            continue;
        }
        if (k == 0 && cf_lexeme_in(l, lead))
            continue;
        if (k == 8)
            return CF_DATE_BAD;
        v[k++] = l;
    }
    int y, m = 0, d = 0;
#define NUMV(l) ((l)->kind == CF_LX_NUM && !(l)->decimal)
#define YEAR(l) (NUMV(l) && !(l)->range && (l)->ndigits == 4)
    if (k == 1 && YEAR(v[0])) {
        y = (int)v[0]->num;
    } else if (k == 1 && NUMV(v[0]) && v[0]->range && v[0]->ndigits <= 2 && v[0]->num2 >= 1900 &&
               v[0]->num2 <= 2199) {
        m = (int)v[0]->num;             /* "03-2019" */
        y = (int)v[0]->num2;
    } else if (k == 1 && NUMV(v[0]) && v[0]->range && v[0]->ndigits == 4 && v[0]->num2 >= 0 &&
               v[0]->num2 <= 12) {
        y = (int)v[0]->num;             /* "2019-3" */
        m = (int)v[0]->num2;
    } else if (k == 2 && v[0]->kind == CF_LX_WORD && YEAR(v[1]) &&
               ((m = cf_month_word(v[0]->w, v[0]->n)) || (m = season_word(v[0]->w)))) {
        y = (int)v[1]->num;             /* "Mar 2019" */
    } else if (k == 3 && v[0]->kind == CF_LX_WORD && NUMV(v[1]) && !v[1]->range && v[1]->ndigits <= 2 &&
               YEAR(v[2]) && (m = cf_month_word(v[0]->w, v[0]->n))) {
        d = (int)v[1]->num;             /* "March 5, 2019" */
        y = (int)v[2]->num;
        if (!d)
            return CF_DATE_BAD;
    } else if (k == 3 && NUMV(v[0]) && !v[0]->range && v[0]->ndigits <= 2 && v[1]->kind == CF_LX_WORD &&
               YEAR(v[2]) && (m = cf_month_word(v[1]->w, v[1]->n))) {
        d = (int)v[0]->num;             /* "5 March 2019" */
        y = (int)v[2]->num;
        if (!d)
            return CF_DATE_BAD;
    } else if (k == 2 && pers == 1 && NUMV(v[0]) && !v[0]->range && YEAR(v[1]) && v[0]->ndigits <= 2) {
        m = (int)v[0]->num;             /* "03/2019" */
        y = (int)v[1]->num;
    } else if (k == 2 && pers == 1 && YEAR(v[0]) && NUMV(v[1]) && !v[1]->range && v[1]->ndigits <= 2) {
        y = (int)v[0]->num;             /* "2019/03" */
        m = (int)v[1]->num;
    } else if (k == 3 && pers == 2 && NUMV(v[0]) && NUMV(v[1]) && YEAR(v[2]) && !v[0]->range &&
               !v[1]->range && v[0]->ndigits <= 2 && v[1]->ndigits <= 2) {
        m = (int)v[0]->num;             /* "3/5/2019", as written in the US */
        d = (int)v[1]->num;
        y = (int)v[2]->num;
        if (!m || !d)
            return CF_DATE_BAD;
    } else if (k == 3 && pers == 2 && YEAR(v[0]) && NUMV(v[1]) && NUMV(v[2]) && !v[1]->range &&
               !v[2]->range && v[1]->ndigits <= 2 && v[2]->ndigits <= 2) {
        y = (int)v[0]->num;             /* "2019/03/05" */
        m = (int)v[1]->num;
        d = (int)v[2]->num;
        if (!m || !d)
            return CF_DATE_BAD;
    } else {
        return CF_DATE_BAD;
    }
#undef NUMV
#undef YEAR
    return cf_date_of(y, m, d, out) == 0 ? CF_DATE_OK : CF_DATE_BAD;
}

void cf_date_format(const cf_date *d, char *buf)
{
    cf_day_format(d->first, buf);
    buf[d->precision == 1 ? 4 : d->precision == 2 ? 7 : 10] = '\0';
}

int cf_date_parse_day(const char *s, cf_day *out)
{
    cf_date d;
    if (cf_date_parse(s, &d) != 0 || d.precision != 3)
        return -1;
    *out = d.first;
    return 0;
}

cf_day cf_today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return cf_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

cf_day cf_day_add_months(cf_day d, int months)
{
    time_t t = (time_t)d * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    long m = (long)(tm.tm_year + 1900) * 12 + tm.tm_mon + months;   /* months since year 0 */
    long y = m >= 0 ? m / 12 : (m - 11) / 12;
    return cf_days_from_civil((int)y, (int)(m - y * 12) + 1, tm.tm_mday);
}

void cf_day_format(cf_day d, char *buf)
{
    time_t t = (time_t)d * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 11, "%Y-%m-%d", &tm);
}

double cf_days_to_months(long days)
{
    return days / (365.2425 / 12.0);
}
