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
