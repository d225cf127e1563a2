/* Rankings: order, ties, top N, selection, summary figures worked out by
 * hand, absorbing partial rankings, and merging NDJSON reports. */
#include <stdlib.h>
#include <string.h>
#include "t.h"

/* A minimal report line as score -f ndjson writes it (fields a merge reads). */
static char *report_line(const char *source, double score, const char *tier, int eligible,
                         double q1, double q2, int gate_passed)
{
    static char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"format\":\"coderfit-report/1\",\"source\":\"%s\",\"rubric\":{\"id\":\"r\",\"version\":\"1\","
             "\"checksum\":\"c\"},\"as_of\":\"2026-11-26\",\"score\":%g,\"tier\":\"%s\",\"tier_label\":\"%s!\","
             "\"eligible\":%s,\"qualities\":[{\"id\":\"a\",\"name\":\"A\",\"score\":%g},"
             "{\"id\":\"b\",\"name\":\"B\",\"score\":%g}],\"gates\":[{\"id\":\"g\",\"label\":\"G\",\"passed\":%s}]}",
             source, score, tier, tier, eligible ? "true" : "false", q1, q2, gate_passed ? "true" : "false");
    return buf;
}

static int add(cf_ranking *rk, const char *line)
{
    cf_diags d = {0};
    cf_status st = cf_ranking_add_line(rk, "r.ndjson", 1, line, strlen(line), &d);
    cf_diags_clear(&d);
    return st;
}

typedef struct sink_buf {
    char s[65536];
    size_t n;
} sink_buf;

static int to_buf(void *ctx, const char *s, size_t n)
{
    sink_buf *b = ctx;
    if (b->n + n >= sizeof b->s)
        return -1;
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

static void write_fmt(cf_ranking *rk, cf_rank_format f, sink_buf *out)
{
    cf_rank_write_opts w = {f, 0, 0, 0};
    out->n = 0;
    out->s[0] = '\0';
    CHECK(cf_ranking_write(rk, &w, to_buf, out) == CF_OK);
}

/* The CSV's source column (the seventh; no field here is quoted), row by
 * row, joined with spaces. */
static void csv_sources(const char *csv, char *dst, size_t size)
{
    dst[0] = '\0';
    const char *line = strstr(csv, "\r\n");
    while (line && line[2]) {
        line += 2;
        const char *c1 = line;
        for (int k = 0; k < 6 && c1; k++)
            c1 = strchr(c1 + (k > 0), ',');
        const char *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
        if (!c2)
            break;
        strncat(dst, c1 + 1, (size_t)(c2 - c1 - 1) < size - strlen(dst) - 2 ? (size_t)(c2 - c1 - 1) : 0);
        strncat(dst, " ", size - strlen(dst) - 1);
        line = strstr(line, "\r\n");
    }
}

static void order_and_ties(void)
{
    cf_rank_opts o = {0};
    cf_ranking *rk = cf_ranking_new(&o);
    /* same score: path, then line as a number (9 before 10) */
    add(rk, report_line("b.json", 50, "mid", 1, 50, 50, 1));
    add(rk, report_line("s.ndjson:10", 50, "mid", 1, 50, 50, 1));
    add(rk, report_line("s.ndjson:9", 50, "mid", 1, 50, 50, 1));
    add(rk, report_line("a.json", 50.04, "mid", 1, 50, 50, 1));   /* prints as 50.0: a tie */
    add(rk, report_line("z.json", 80, "top", 1, 80, 80, 1));
    sink_buf *out = cf_malloc(sizeof *out);
    char got[512];
    write_fmt(rk, CF_RANK_CSV, out);
    csv_sources(out->s, got, sizeof got);
    CHECKF(strcmp(got, "z.json a.json b.json s.ndjson:9 s.ndjson:10 ") == 0, "%s", got);
    static const char head[] = "rank,status,id,name,email,phone,source,score,tier,tier_label,eligible,completeness,"
                               "a,b,failed_gates,facts,warnings,duplicate_of,opening\r\n";
    CHECK(strncmp(out->s, head, sizeof head - 1) == 0);
    /* the opening: the rubric's id where it has no title */
    CHECKF(strstr(out->s, "\r\n1,scored,,,,,z.json,80.0,top,top!,true,,80.0,80.0,,,0,,r\r\n") != NULL, "%s", out->s);
    cf_ranking_free(rk);
    cf_free(out);
}

static void top_and_selection(void)
{
    /* the top 3 of 50 shuffled results equal the first 3 of the full ranking */
    cf_rank_opts all_o = {0}, top_o = {0};
    top_o.top = 3;
    cf_ranking *all = cf_ranking_new(&all_o), *top = cf_ranking_new(&top_o);
    for (int i = 0; i < 50; i++) {
        int k = (i * 37) % 50;   /* a permutation */
        char src[32];
        snprintf(src, sizeof src, "p%02d.json", k);
        const char *line = report_line(src, (k * 7) % 100, "t", k % 2, 10, 20, 1);
        add(all, line);
        add(top, line);
    }
    sink_buf *a = cf_malloc(sizeof *a), *b = cf_malloc(sizeof *b);
    write_fmt(all, CF_RANK_CSV, a);
    write_fmt(top, CF_RANK_CSV, b);
    /* the top's rows are the full ranking's first three */
    const char *p = a->s;
    for (int i = 0; i < 4 && p; i++)
        p = strstr(p, "\r\n") + 2;
    CHECK(p && (size_t)(p - a->s) == b->n && memcmp(a->s, b->s, b->n) == 0);
    CHECK(cf_ranking_scored(top) == 50);   /* the summary still counts all */
    cf_ranking_free(all);
    cf_ranking_free(top);

    /* selection: min score, tiers, eligibility */
    static const char *const want[] = {"hi"};
    cf_rank_opts so = {0};
    so.min_score = 60;
    so.tiers = want;
    so.ntiers = 1;
    so.eligible_only = 1;
    cf_ranking *sel = cf_ranking_new(&so);
    add(sel, report_line("a.json", 90, "hi", 1, 0, 0, 1));
    add(sel, report_line("b.json", 59.96, "hi", 1, 0, 0, 1));   /* prints 60.0: kept */
    add(sel, report_line("c.json", 59.94, "hi", 1, 0, 0, 1));   /* prints 59.9: dropped */
    add(sel, report_line("d.json", 95, "lo", 1, 0, 0, 1));
    add(sel, report_line("e.json", 95, "hi", 0, 0, 0, 0));
    write_fmt(sel, CF_RANK_CSV, a);
    char got[256];
    csv_sources(a->s, got, sizeof got);
    CHECKF(strcmp(got, "a.json b.json ") == 0, "%s", got);
    cf_ranking_free(sel);
    cf_free(a);
    cf_free(b);
}

static void summary_figures(void)
{
    cf_rank_opts o = {0};
    cf_ranking *rk = cf_ranking_new(&o);
    /* scores 10, 20, 30, 45: mean 26.25, median (20 + 30) / 2 = 25;
     * quality a: 0, 100, 50, 50 -> mean 50, median 50 */
    add(rk, report_line("a.json", 10, "lo", 0, 0, 1, 0));
    add(rk, report_line("b.json", 20, "lo", 0, 100, 2, 0));
    add(rk, report_line("c.json", 30, "mid", 1, 50, 3, 1));
    add(rk, report_line("d.json", 45, "mid", 1, 50, 4, 1));
    CHECK(cf_ranking_add_error(rk, "e.json", 3, 7, "invalid JSON") == CF_OK);
    sink_buf *out = cf_malloc(sizeof *out);
    write_fmt(rk, CF_RANK_JSON, out);
    CHECKF(strstr(out->s, "\"inputs\": 5,\n    \"scored\": 4,\n    \"failed\": 1") != NULL, "%s", out->s);
    CHECK(strstr(out->s, "\"score\": {\n      \"mean\": 26.25,\n      \"median\": 25\n") != NULL);
    CHECK(strstr(out->s, "\"id\": \"a\",\n        \"name\": \"A\",\n        \"mean\": 50,\n        \"median\": 50") != NULL);
    /* quality b: 1, 2, 3, 4 -> mean 2.5, median 2.5 */
    CHECK(strstr(out->s, "\"name\": \"B\",\n        \"mean\": 2.5,\n        \"median\": 2.5") != NULL);
    /* tiers highest first, gates by failures */
    const char *mid = strstr(out->s, "\"id\": \"mid\""), *lo = strstr(out->s, "\"id\": \"lo\"");
    CHECK(mid && lo && mid < lo);
    CHECK(strstr(out->s, "\"ineligible\": 2") != NULL);
    CHECK(strstr(out->s, "\"id\": \"g\",\n        \"label\": \"G\",\n        \"count\": 2") != NULL);
    CHECK(strstr(out->s, "{\n      \"source\": \"e.json\",\n      \"line\": 3,\n      \"column\": 7,\n      \"message\": \"invalid JSON\"\n    }") != NULL);
    /* the reports themselves were not kept (keep_reports off): results empty of them */
    cf_ranking_free(rk);
    cf_free(out);
}

static void absorb_and_merge(void)
{
    cf_rank_opts o = {0};
    o.keep_reports = 1;
    cf_ranking *one = cf_ranking_new(&o), *p1 = cf_ranking_new(&o), *p2 = cf_ranking_new(&o);
    const char *lines[6];
    char store[6][1024];
    for (int i = 0; i < 6; i++) {
        char src[32];
        snprintf(src, sizeof src, "x%d.json", i);
        snprintf(store[i], sizeof store[i], "%s", report_line(src, 10.0 * (i % 3), i % 2 ? "a" : "b", i % 2, i, 2 * i, i % 2));
        lines[i] = store[i];
        add(one, lines[i]);
        add(i < 3 ? p1 : p2, lines[i]);
    }
    cf_ranking_add_error(p2, "bad.json", 0, 0, "is a directory");
    cf_ranking_add_error(one, "bad.json", 0, 0, "is a directory");
    CHECK(cf_ranking_absorb(p1, p2) == CF_OK);
    sink_buf *a = cf_malloc(sizeof *a), *b = cf_malloc(sizeof *b);
    write_fmt(one, CF_RANK_NDJSON, a);
    write_fmt(p1, CF_RANK_NDJSON, b);
    CHECK(a->n == b->n && memcmp(a->s, b->s, a->n) == 0);
    /* the ndjson output merges back to the same thing, "rank" and all */
    cf_ranking *again = cf_ranking_new(&o);
    char *line = a->s;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        cf_diags d = {0};
        CHECK(cf_ranking_add_line(again, "m.ndjson", 1, line, (size_t)(nl - line), &d) == CF_OK);
        cf_diags_clear(&d);
        line = nl + 1;
    }
    write_fmt(again, CF_RANK_NDJSON, b);
    CHECK(a->n == b->n && memcmp(a->s, b->s, a->n) == 0);
    CHECK(cf_ranking_failed(again) == 1 && cf_ranking_scored(again) == 6);
    /* reports of another rubric cannot be mixed in */
    cf_diags d = {0};
    char other[1024];
    snprintf(other, sizeof other, "%s", report_line("y.json", 1, "a", 1, 1, 1, 1));
    char *c = strstr(other, "\"checksum\":\"c\"");
    c[12] = 'd';
    CHECK(cf_ranking_add_line(again, "m.ndjson", 9, other, strlen(other), &d) == CF_EINPUT &&
          t_has_diag(&d, "mixed-reports", 9, 1));
    cf_diags_clear(&d);
    CHECK(cf_ranking_add_line(again, "m.ndjson", 10, "{\"a\":1}", 7, &d) == CF_EINPUT && t_has_diag(&d, "not-a-report", 10, 1));
    cf_diags_clear(&d);
    cf_ranking_free(one);
    cf_ranking_free(p1);
    cf_ranking_free(p2);
    cf_ranking_free(again);
    cf_free(a);
    cf_free(b);
}

/* A rubric of nq qualities (one flag each), nt tiers and ng gates, each
 * gate on one quality's flag. */
static char *wide_rubric(int nq, int nt, int ng)
{
    t_text y = {0};
    char line[160];
    t_text_puts(&y, "format: coderfit-rubric/1\nid: wide\nversion: \"1\"\ntiers:\n");
    for (int i = 0; i < nt; i++) {
        snprintf(line, sizeof line, "  - {id: t%d, label: Tier %d, min: %d}\n", i, i, i == nt - 1 ? 0 : nt - 1 - i);
        t_text_puts(&y, line);
    }
    t_text_puts(&y, "qualities:\n");
    for (int i = 0; i < nq; i++) {
        snprintf(line, sizeof line, "  - id: q%d\n    name: Quality %d\n    weight: 1\n    criteria:\n", i, i);
        t_text_puts(&y, line);
        t_text_puts(&y, "      - {id: c, type: flag, weight: 1, path: attestations.hipaa_trained, advice: State it.}\n");
    }
    t_text_puts(&y, "gates:\n");
    for (int i = 0; i < ng; i++) {
        snprintf(line, sizeof line, "  - {id: g%d, label: Gate %d, any: [{criterion: q%d.c, above: 0}], advice: x}\n",
                 i, i, i % nq);
        t_text_puts(&y, line);
    }
    return y.s;
}

/* A ranking has no fixed room: a rubric of 40 qualities, 40 tiers and 70
 * gates ranks in every format, and merges back to the same bytes. */
static void wide_rubric_ranks(void)
{
    char *yaml = wide_rubric(40, 40, 70);
    cf_rubric *r = t_rubric(yaml);
    free(yaml);
    CHECK(r != NULL);
    if (!r)
        return;
    cf_rank_opts o = {0};
    o.keep_reports = 1;
    cf_ranking *rk = cf_ranking_new(&o), *again = cf_ranking_new(&o);
    static const char *const profiles[] = {
        "{\"format\": \"coderfit-profile/1\", \"attestations\": {\"hipaa_trained\": true}}",
        "{\"format\": \"coderfit-profile/1\", \"attestations\": {\"hipaa_trained\": false}}",
    };
    for (int i = 0; i < 2; i++) {
        cf_diags d = {0};
        cf_profile *p = NULL;
        cf_report *rep = NULL;
        CHECK(cf_profile_parse(i ? "b.json" : "a.json", profiles[i], strlen(profiles[i]), 1, t_day("2026-11-26"), &p,
                               &d) == CF_OK);
        CHECK(p && cf_score(r, p, &rep) == CF_OK && cf_ranking_add(rk, rep) == CF_OK);
        cf_report_free(rep);
        cf_profile_free(p);
        cf_diags_clear(&d);
    }
    sink_buf *a = cf_malloc(sizeof *a), *b = cf_malloc(sizeof *b);
    static const cf_rank_format formats[] = {CF_RANK_TEXT, CF_RANK_CSV, CF_RANK_JSON, CF_RANK_MD, CF_RANK_HTML};
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        write_fmt(rk, formats[f], a);
        CHECKF(strstr(a->s, "q39") != NULL, "format %zu", f);
    }
    write_fmt(rk, CF_RANK_JSON, a);
    /* the highest tier and the lowest, and every gate failed once */
    CHECK(strstr(a->s, "\"id\": \"t0\",\n        \"label\": \"Tier 0\",\n        \"count\": 1") != NULL);
    CHECK(strstr(a->s, "\"id\": \"t39\",\n        \"label\": \"Tier 39\",\n        \"count\": 1") != NULL);
    CHECK(strstr(a->s, "\"id\": \"g69\",\n        \"label\": \"Gate 69\",\n        \"count\": 1") != NULL);
    write_fmt(rk, CF_RANK_NDJSON, a);
    for (char *line = a->s, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        cf_diags d = {0};
        CHECK(cf_ranking_add_line(again, "m.ndjson", 1, line, (size_t)(nl - line), &d) == CF_OK);
        cf_diags_clear(&d);
    }
    write_fmt(again, CF_RANK_NDJSON, b);
    CHECK(a->n == b->n && memcmp(a->s, b->s, a->n) == 0);
    cf_ranking_free(rk);
    cf_ranking_free(again);
    cf_rubric_free(r);
    cf_free(a);
    cf_free(b);
}

/* Rankings of two rubrics joined is a bug in the caller, said as one
 * (not as memory running out). */
static void broken_invariant_named(void)
{
    cf_rank_opts o = {0};
    cf_ranking *x = cf_ranking_new(&o), *y = cf_ranking_new(&o);
    add(x, report_line("a.json", 10, "lo", 0, 0, 1, 0));
    char other[1024];
    snprintf(other, sizeof other, "%s", report_line("b.json", 20, "lo", 0, 100, 2, 0));
    char *c = strstr(other, "\"checksum\":\"c\"");
    c[12] = 'd';
    add(y, other);
    const char *what = "";
    CHECK(cf_system_cause(&what) == CF_CAUSE_NONE && what == NULL);
    CHECK(cf_ranking_absorb(x, y) == CF_ESYSTEM);
    CHECK(cf_system_cause(&what) == CF_CAUSE_BUG && what && strstr(what, "two rubrics"));
    cf_ranking_free(x);
    cf_ranking_free(y);
}

/* Two reports of one person (the same e-mail), the better one's content
 * fingerprint each of 1 to 300 in turn: however its keys fall in the
 * table of keys, the worse report is the better one's duplicate. */
static void duplicates_whatever_the_keys(void)
{
    static sink_buf out;
    int missed = 0;
    for (unsigned f = 1; f <= 300; f++) {
        cf_rank_opts o = {0};
        o.dedupe = 1;
        cf_ranking *rk = cf_ranking_new(&o);
        char line[1200], *at;
        for (int k = 0; k < 2; k++) {
            snprintf(line, sizeof line, "%s", report_line(k ? "b.json" : "a.json", k ? 50 : 60, "t", 1, 1, 1, 1));
            at = strrchr(line, '}');
            snprintf(at, sizeof line - (size_t)(at - line),
                     ",\"applicant\":{\"email\":\"x@example.com\"},\"fingerprint\":\"%016x\"}", k ? 0xfffffu : f);
            CHECK(add(rk, line) == CF_OK);
        }
        write_fmt(rk, CF_RANK_CSV, &out);
        size_t rows = 0;
        for (const char *p = out.s; (p = strstr(p, "\r\n")); p += 2)
            rows++;
        missed += rows != 2 || !strstr(out.s, "a.json") || strstr(out.s, "b.json");
        cf_ranking_free(rk);
    }
    CHECKF(missed == 0, "%d of 300 pairs not found to be one person", missed);
}

void test_rank(void)
{
    order_and_ties();
    top_and_selection();
    summary_figures();
    absorb_and_merge();
    wide_rubric_ranks();
    broken_invariant_named();
    duplicates_whatever_the_keys();
}
