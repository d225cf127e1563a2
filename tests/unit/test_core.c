/* Dates, strict JSON, positions, tokens. */
#define _DEFAULT_SOURCE
#include <time.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "internal.h"
#include "t.h"

static void dates(void)
{
    cf_date d;
    CHECK(cf_date_parse("2026", &d) == 0 && d.precision == 1);
    CHECK(d.first == t_day("2026-01-01") && d.last == t_day("2026-12-31"));
    CHECK(cf_date_parse("2024-02", &d) == 0 && d.first == t_day("2024-02-01") && d.last == t_day("2024-02-29"));
    CHECK(cf_date_parse("2023-02", &d) == 0 && d.last == t_day("2023-02-28"));
    CHECK(cf_date_parse("2026-11-26", &d) == 0 && d.first == d.last && d.precision == 3);
    CHECK(cf_date_parse("2026-02-30", &d) != 0);
    CHECK(cf_date_parse("2026-13", &d) != 0);
    CHECK(cf_date_parse("2026-00", &d) != 0);
    CHECK(cf_date_parse("26-01-01", &d) != 0);
    CHECK(cf_date_parse("2026/01/01", &d) != 0);
    CHECK(cf_date_parse("Present", &d) != 0);
    CHECK(cf_date_parse("", &d) != 0);
    CHECK(cf_date_parse("2026-1-01", &d) != 0);
    cf_day day;
    CHECK(cf_date_parse_day("2026-11", &day) != 0);   /* --as-of wants a day */
    CHECK(cf_date_parse_day("2026-11-26", &day) == 0);
    char buf[11];
    cf_day_format(day, buf);
    CHECK(strcmp(buf, "2026-11-26") == 0);
    CHECK(t_day("1970-01-01") == 0);
    CHECK(t_day("2000-03-01") - t_day("2000-02-28") == 2);   /* leap year */
    /* a year of days is twelve months */
    double m = cf_days_to_months(t_day("2026-01-01") - t_day("2025-01-01"));
    CHECKF(m > 11.99 && m < 12.01, "%f", m);
}

static int parses(const char *text, unsigned *line, unsigned *col)
{
    cf_diags d = {0};
    int oom;
    cJSON *v = cf_json_parse("x.json", text, strlen(text), 1, &d, &oom);
    int ok = v != NULL;
    if (!ok && d.n) {
        *line = d.items[0].line;
        *col = d.items[0].col;
    }
    cJSON_Delete(v);
    cf_diags_clear(&d);
    return ok;
}

static void strict_json(void)
{
    unsigned line = 0, col = 0;
    CHECK(parses("{\"a\": [1, 2.5e3, -0, true, false, null, \"x\\u00e9\\ud83d\\ude00\"]}", &line, &col));
    CHECK(parses("\xef\xbb\xbf{}", &line, &col));            /* BOM */
    CHECK(parses("{\r\n\"a\": 1\r\n}\r\n", &line, &col));    /* CRLF */
    /* things cJSON alone would accept */
    CHECK(!parses("[01]", &line, &col) && line == 1 && col == 2);
    CHECK(!parses("[1.]", &line, &col) && col == 2);
    CHECK(!parses("[\"a\tb\"]", &line, &col) && col == 4);
    CHECK(!parses("{\"a\":1}\n  x", &line, &col) && line == 2 && col == 3);
    CHECK(!parses("[\"\\ud800\"]", &line, &col));
    CHECK(!parses("[\"\xff\"]", &line, &col));
    CHECK(!parses("[\"\xc0\xaf\"]", &line, &col));           /* overlong */
    CHECK(!parses("[1,]", &line, &col) && col == 4);
    CHECK(!parses("{\"a\" 1}", &line, &col) && col == 6);
    CHECK(!parses("", &line, &col));
    CHECK(!parses("{\n  \"a\": tru\n}", &line, &col) && line == 2 && col == 8);
    /* nesting beyond the limit is an error, not a crash */
    char deep[2100];
    memset(deep, '[', 1000);
    memset(deep + 1000, ']', 1000);
    deep[2000] = '\0';
    CHECK(!parses(deep, &line, &col) && line == 1 && col == 257);
}

typedef struct dups {
    cf_json_path at[4];
    int count[4], n;
} dups;

static void on_dup(void *ctx, const cf_json_path *at, int count)
{
    dups *dd = ctx;
    if (dd->n < 4) {
        dd->at[dd->n] = *at;
        dd->count[dd->n++] = count;
    }
}

static void positions(void)
{
    const char *t = "{\n  \"a\": {\"b\": [10, {\"c\": 1}]},\n  \"d\": 2, \"d\": 3\n}";
    cf_json_path p = {{"a", "b", NULL, "c"}, {0, 0, 1, 0}, 4};
    size_t off = cf_json_locate(t, strlen(t), &p);
    unsigned line, col;
    cf_text_position(t, off, 1, &line, &col);
    CHECKF(line == 2 && col == 20, "%u:%u", line, col);
    int oom;
    cf_diags d = {0};
    cJSON *v = cf_json_parse("x", t, strlen(t), 1, &d, &oom);
    dups dd = {0};
    CHECK(v && cf_json_dedupe(v, on_dup, &dd) == 0 && dd.n == 1 && dd.at[0].depth == 1 &&
          strcmp(dd.at[0].key[0], "d") == 0 && dd.count[0] == 2);
    cf_text_position(t, cf_json_locate(t, strlen(t), &dd.at[0]), 1, &line, &col);
    CHECKF(line == 3 && col == 11, "%u:%u", line, col);
    /* the last value wins, and the first is gone */
    CHECK(v && cJSON_GetObjectItem(v, "d")->valuedouble == 3 && cJSON_GetArraySize(v) == 2);
    cJSON_Delete(v);
    /* three times, and below an array: reported once, at the last */
    const char *t3 = "{\"w\": [{\"x\": 1, \"x\": 2, \"y\": 0, \"x\": 3}], \"z\": {}}";
    v = cf_json_parse("x", t3, strlen(t3), 1, &d, &oom);
    memset(&dd, 0, sizeof dd);
    CHECK(v && cf_json_dedupe(v, on_dup, &dd) == 0 && dd.n == 1 && dd.count[0] == 3 &&
          dd.at[0].depth == 3 && dd.at[0].index[2] == 2);
    CHECK(v && cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(v, "w"), 0), "x")->valuedouble == 3);
    cf_text_position(t3, cf_json_locate(t3, strlen(t3), &dd.at[0]), 1, &line, &col);
    CHECKF(line == 1 && col == 33, "%u:%u", line, col);
    cJSON_Delete(v);
    /* keys written with escapes are found by what they decode to */
    const char *esc = "{\"a\": 1,\n \"caf\\u00e9\": 2, \"e\\ud83d\\ude00\": 3, \"x\\/y\\n\": 4, \"caf\": 5}";
    cf_json_path pe = {{"caf\xc3\xa9"}, {0}, 1};
    cf_text_position(esc, cf_json_locate(esc, strlen(esc), &pe), 1, &line, &col);
    CHECKF(line == 2 && col == 2, "%u:%u", line, col);
    cf_json_path pe2 = {{"e\xf0\x9f\x98\x80"}, {0}, 1};
    cf_text_position(esc, cf_json_locate(esc, strlen(esc), &pe2), 1, &line, &col);
    CHECKF(line == 2 && col == 18, "%u:%u", line, col);
    cf_json_path pe3 = {{"x/y\n"}, {0}, 1};
    cf_text_position(esc, cf_json_locate(esc, strlen(esc), &pe3), 1, &line, &col);
    CHECKF(line == 2 && col == 38, "%u:%u", line, col);
    cf_json_path pe4 = {{"caf"}, {0}, 1};                      /* a prefix is not the key */
    cf_text_position(esc, cf_json_locate(esc, strlen(esc), &pe4), 1, &line, &col);
    CHECKF(line == 2 && col == 51, "%u:%u", line, col);
    /* many keys: the sorted path of the duplicate finder */
    char big[4000] = "{";
    for (int i = 0; i < 40; i++)
        sprintf(big + strlen(big), "\"k%d\":1,", i);
    strcat(big, "\"k7\":2}");
    v = cf_json_parse("x", big, strlen(big), 1, &d, &oom);
    memset(&dd, 0, sizeof dd);
    CHECK(v && cf_json_dedupe(v, on_dup, &dd) == 0 && dd.n == 1 && strcmp(dd.at[0].key[0], "k7") == 0 &&
          dd.at[0].index[0] == 1);
    CHECK(v && cJSON_GetArraySize(v) == 40 && cJSON_GetObjectItem(v, "k7")->valuedouble == 2);
    cJSON_Delete(v);
    cf_diags_clear(&d);
}

static int count_tok(void *ctx, const char *tok, size_t n, uint64_t hash)
{
    /* the hash is the token's own */
    if (hash == cf_fnv1a(tok, n, CF_FNV_INIT))
        (*(int *)ctx)++;
    return 0;
}

static void tokens(void)
{
    int n = 0;
    cf_tokenize("ICD-10-CM, 3M 360 Encompass!", count_tok, &n);
    CHECK(n == 6);
    /* phrase tables: whole words in a row, first rule in table order */
    static const cf_rule rules[] = {
        {"apprentice", {"cpc a", "coder apprentice", NULL}},
        {"full", {"cpc", "certified professional coder", NULL}},
        {"pcs", {"icd 10 pcs", NULL}},
    };
    int t = cf_cl_compile(rules, 3);
    CHECK(t >= 0 && cf_cl_ok());
    static cf_cl_text text;
    text.n = 0;
    cf_cl_text_add(&text, "Certified Professional Coder (CPC-A)");
    CHECK(cf_cl_match(t, &text) == 3u && cf_cl_first(t, &text) == 0);
    text.n = 0;
    cf_cl_text_add(&text, "CPC");
    CHECK(cf_cl_first(t, &text) == 1);
    text.n = 0;
    cf_cl_text_add(&text, "CPCA, professional coders");
    CHECK(cf_cl_match(t, &text) == 0);
    text.n = 0;
    cf_cl_text_add(&text, "Coded with ICD-10-PCS daily");
    CHECK(cf_cl_first(t, &text) == 2);
    text.n = 0;
    cf_cl_text_add(&text, "ICD-10");   /* a phrase never spans two texts */
    cf_cl_text_add(&text, "PCS");
    CHECK(cf_cl_match(t, &text) == 0);
    CHECK(cf_edit_distance("wieght", "weight") == 2);
    CHECK(cf_edit_distance("levels", "levels") == 0);
}

/* SipHash-2-4's reference vectors (Aumasson and Bernstein, the paper's
 * appendix and its test file): key 00..0f, messages 00..(n-1). */
static void keyed_hash(void)
{
    const uint64_t k[2] = {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};
    unsigned char m[64];
    for (int i = 0; i < 64; i++)
        m[i] = (unsigned char)i;
    CHECK(cf_siphash(k, m, 0) == 0x726fdb47dd0e0e31ULL);
    CHECK(cf_siphash(k, m, 15) == 0xa129ca6149be45e5ULL);
    /* the string set as a map: values kept through growth */
    cf_strset set = {0};
    char key[16];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "id%zu", i);
        size_t *v = cf_strset_val(&set, key, strlen(key), NULL);
        CHECK(v != NULL);
        if (v)
            *v = i + 1;
    }
    int in = 0;
    size_t *v = cf_strset_val(&set, "id7", 3, &in);
    CHECK(in == 1 && v && *v == 8);
    CHECK(cf_strset_find(&set, "id999", 5) && *cf_strset_find(&set, "id999", 5) == 1000);
    CHECK(cf_strset_find(&set, "id1000", 6) == NULL);
    cf_strset_free(&set);
}

/* nst's JSONTestSuite: y_ must parse, n_ must be rejected with a position,
 * i_ may go either way but must not crash.  One y_ is refused on purpose,
 * as an n_: a key holding \u0000, which would end the parsed key early and
 * let an unknown key pass for a known one. */
static void json_test_suite(void)
{
    const char *dir = T_DATA "/JSONTestSuite/test_parsing";
    DIR *dp = opendir(dir);
    CHECKF(dp != NULL, "cannot open %s", dir);
    if (!dp)
        return;
    int y = 0, n = 0, i = 0, bad = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        if (de->d_name[0] == '.')
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len;
        char *text = t_read(path, &len);
        if (!text)
            continue;
        cf_diags d = {0};
        int oom;
        cJSON *v = cf_json_parse(path, text, len, 1, &d, &oom);
        int refused = strcmp(de->d_name, "y_object_escaped_null_in_key.json") == 0;
        if (de->d_name[0] == 'y' && !refused) {
            y++;
            if (!v) {
                bad++;
                CHECKF(0, "%s must parse", de->d_name);
            }
        } else if (de->d_name[0] == 'n' || refused) {
            n += !refused, y += refused;
            if (v || d.n != 1 || d.items[0].line == 0) {
                bad++;
                CHECKF(0, "%s must be rejected with a position", de->d_name);
            }
        } else {
            i++;
        }
        cJSON_Delete(v);
        cf_diags_clear(&d);
        cf_free(text);
    }
    closedir(dp);
    CHECKF(y == 95 && n == 188 && i == 35, "y=%d n=%d i=%d", y, n, i);
    CHECK(bad == 0);
}

static int num_is(double v, int decimals, const char *want)
{
    cf_buf b = {0};
    cf_buf_num(&b, v, decimals);
    int ok = b.s && strcmp(b.s, want) == 0;
    if (!ok)
        fprintf(stderr, "cf_buf_num(%g, %d) = %s, want %s\n", v, decimals, b.s ? b.s : "(null)", want);
    cf_buf_free(&b);
    return ok;
}

static void numbers(void)
{
    CHECK(num_is(0, 1, "0"));
    CHECK(num_is(-0.04, 1, "0"));          /* no "-0" */
    CHECK(num_is(71.25, 1, "71.3"));       /* half away from zero */
    CHECK(num_is(-71.25, 1, "-71.3"));
    CHECK(num_is(2.5, 0, "3"));
    CHECK(num_is(100, 1, "100"));
    CHECK(num_is(0.125, 3, "0.125"));
    CHECK(num_is(0.1, 3, "0.1"));          /* trailing zeros cut */
    CHECK(num_is(5.0007, 3, "5.001"));
    CHECK(num_is(12345.678, 2, "12345.68"));
    CHECK(num_is(0.05, 2, "0.05"));
    CHECK(num_is(1e13, 1, "10000000000000"));
    /* strings: quotes, backslashes and control characters escaped, UTF-8 kept */
    cf_buf b = {0};
    cf_buf_json_str(&b, "a\"b\\c\n\t\x01 \xc3\xa9 <script>");
    CHECKF(b.s && strcmp(b.s, "\"a\\\"b\\\\c\\n\\t\\u0001 \xc3\xa9 <script>\"") == 0, "%s", b.s);
    cf_buf_free(&b);
    cf_buf_json_str(&b, "");
    CHECK(b.s && strcmp(b.s, "\"\"") == 0);
    cf_buf_free(&b);
}

static int csv_is(const char *s, const char *want)
{
    cf_buf b = {0};
    cf_buf_csv(&b, s);
    cf_buf_putc(&b, '|');   /* so that an empty field is a string too */
    int ok = b.s && strncmp(b.s, want, strlen(want)) == 0 && b.s[strlen(want)] == '|';
    if (!ok)
        fprintf(stderr, "csv of '%s': %s\n", s, b.s ? b.s : "(null)");
    cf_buf_free(&b);
    return ok;
}

static void csv_fields(void)
{
    CHECK(csv_is("plain", "plain"));
    CHECK(csv_is("", ""));
    CHECK(csv_is("a,b", "\"a,b\""));
    CHECK(csv_is("say \"hi\"", "\"say \"\"hi\"\"\""));
    CHECK(csv_is("two\nlines", "\"two\nlines\""));
    /* what a spreadsheet would run as a formula is shown as text */
    CHECK(csv_is("=HYPERLINK(1).json", "'=HYPERLINK(1).json"));
    CHECK(csv_is("+1", "'+1"));
    CHECK(csv_is("-:12", "'-:12"));
    CHECK(csv_is("@SUM(A1)", "'@SUM(A1)"));
    CHECK(csv_is("\tx", "'\tx"));
    CHECK(csv_is("\rx", "\"'\rx\""));
    CHECK(csv_is("=a,b", "\"'=a,b\""));
    CHECK(csv_is("a=b-c", "a=b-c"));
    CHECK(csv_is("'=x", "'=x"));
}

static size_t rec(cf_split_mode m, const char *t)
{
    return cf_split_record(m, t, strlen(t));
}

static void split_streams(void)
{
    /* the mode: from the first line that is not blank */
    CHECK(cf_split_mode_of("{\"a\": 1}\n{", 10, 1) == CF_SPLIT_LINES);
    CHECK(cf_split_mode_of("\n\n{\n  \"a\": 1", 14, 1) == CF_SPLIT_TEXTS);
    CHECK(cf_split_mode_of("\xef\xbb\xbf{\r\n", 6, 1) == CF_SPLIT_TEXTS);   /* BOM, CRLF */
    CHECK(cf_split_mode_of("\xef\xbf\xbd{\n", 5, 1) == CF_SPLIT_LINES);     /* U+FFFD is no BOM */
    CHECK(cf_split_mode_of("  [ \n", 5, 1) == CF_SPLIT_TEXTS);
    CHECK(cf_split_mode_of("{\"a\":", 5, 1) == CF_SPLIT_UNKNOWN);          /* more may come */
    CHECK(cf_split_mode_of("{\"a\":", 5, 0) == CF_SPLIT_LINES);
    CHECK(cf_split_mode_of("{", 1, 0) == CF_SPLIT_TEXTS);
    CHECK(cf_split_mode_of(" \n ", 3, 1) == CF_SPLIT_UNKNOWN);
    CHECK(cf_split_mode_of("{ \"a\": 1 }\n", 12, 0) == CF_SPLIT_LINES);
    /* lines: every newline ends a record; the last needs its newline */
    CHECK(rec(CF_SPLIT_LINES, "{\n}\n") == 2);
    CHECK(rec(CF_SPLIT_LINES, "{\"a\": 1}") == 0);
    /* texts: a newline outside strings and brackets */
    CHECK(rec(CF_SPLIT_TEXTS, "{\n  \"a\": [\n    1\n  ]\n}\n{\n") == 23);
    CHECK(rec(CF_SPLIT_TEXTS, "{\"a\": \"}\"\n}\nx") == 12);                 /* a bracket in a string */
    CHECK(rec(CF_SPLIT_TEXTS, "{\"a\": \"\\\"}\"\n}\nx") == 14);           /* an escaped quote */
    /* a string ends with its line (JSON has no newline in a string) */
    CHECK(rec(CF_SPLIT_TEXTS, "{\"a\": \"}\n\"}\nx") == 0);
    CHECK(rec(CF_SPLIT_TEXTS, "\"a\n{\n") == 3);
    /* a text left open ends before a "{" alone from column 1 */
    CHECK(rec(CF_SPLIT_TEXTS, "{\n  \"a\": 1\n{\n  \"b\": 2\n}\n") == 11);
    CHECK(rec(CF_SPLIT_TEXTS, "{\n{\n{\n") == 2);
    CHECK(rec(CF_SPLIT_TEXTS, "{\n  {\n  }\n}\n") == 12);                  /* indented: inside */
    CHECK(rec(CF_SPLIT_TEXTS, "{\n{ \"a\": 1 }\n}\n") == 15);                /* not alone: inside */
    CHECK(rec(CF_SPLIT_TEXTS, "{\"a\": \"\\\\\"}\nx") == 12);             /* an escaped backslash */
    CHECK(rec(CF_SPLIT_TEXTS, "{\n  \"a\": 1\n") == 0);                     /* not closed yet */
    CHECK(rec(CF_SPLIT_TEXTS, "{\"a\": \"\n") == 0);                         /* in a string */
    CHECK(rec(CF_SPLIT_TEXTS, "}}\n{") == 3);                                /* too many closed */
    /* resync: the next line that is "{" from column 1, after offset 0 */
    const char *t = "{\n  \"a\": {\n    \"b\": 1\n{\r\n  {\n{";
    size_t n = strlen(t);
    CHECK(cf_split_resync(t, n, 0) == 22);
    CHECK(cf_split_resync(t, n, 22) == 22);
    CHECK(cf_split_resync(t, n, 24) == 22);                     /* from the line holding it */
    CHECK(cf_split_resync(t, n, 26) == 29);                     /* "  {" is indented */
    CHECK(cf_split_resync("{\n}", 3, 0) == 3);
}

void test_day_numbers(void);

void test_core(void)
{
    keyed_hash();
    dates();
    test_day_numbers();
    numbers();
    csv_fields();
    strict_json();
    split_streams();
    positions();
    tokens();
    json_test_suite();
}

/* Months later and earlier, as timegm counts them, across year ends. */
static void month_steps(void)
{
    static const struct {
        int y, m, d, months, wy, wm, wd;
    } steps[] = {
        {2026, 11, 26, -24, 2024, 11, 26}, {2026, 11, 26, -13, 2025, 10, 26}, {2026, 1, 15, -1, 2025, 12, 15},
        {2026, 1, 15, -600, 1976, 1, 15}, {2026, 12, 1, 1, 2027, 1, 1}, {2024, 2, 29, -12, 2023, 3, 1},
        {2026, 3, 31, -1, 2026, 3, 3},
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        cf_day got = cf_day_add_months(cf_days_from_civil(steps[i].y, steps[i].m, steps[i].d), steps[i].months);
        CHECKF(got == cf_days_from_civil(steps[i].wy, steps[i].wm, steps[i].wd), "%d-%02d-%02d %+d months",
               steps[i].y, steps[i].m, steps[i].d, steps[i].months);
    }
}

/* The day count agrees with libc's timegm over two centuries. */
void test_day_numbers(void)
{
    month_steps();
    int bad = 0;
    for (int y = 1900; y < 2100 && !bad; y++)
        for (int m = 1; m <= 13; m++)
            for (int d = 0; d <= 31; d++) {
                struct tm tm = {0};
                tm.tm_year = y - 1900;
                tm.tm_mon = m - 1;
                tm.tm_mday = d;
                tm.tm_hour = 12;
                long want = (long)((timegm(&tm) - 12 * 3600) / 86400);
                if (cf_days_from_civil(y, m, d) != want) {
                    CHECKF(0, "%d-%d-%d: %ld, timegm %ld", y, m, d, (long)cf_days_from_civil(y, m, d), want);
                    bad = 1;
                    break;
                }
            }
    CHECK(!bad);
}
