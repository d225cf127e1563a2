/* Allocation failures in one process, SQLite's way: each operation of the
 * library run with allocation 1, 2, 3, ... failing (and every one after
 * it) until it completes.  Every run must give the fault-free run's status
 * and output or CF_ESYSTEM, and free all it allocated (counted in a build
 * with CF_FAULT_INJECTION; make check-fault runs these under
 * AddressSanitizer with libyaml's allocations failing too).
 *
 * "fault" sweeps what a profile meets on its way, a small rubric and the
 * outputs; "fault-rubrics" sweeps the load of each built-in rubric (some
 * ten thousand allocations each: check-fault only). */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "t.h"

/* Adds a library string and frees it. */
static void rec_take(t_text *r, char *s, size_t n)
{
    if (s)
        t_text_add(r, s, n);
    cf_free(s);
}

/* An operation writes what it made to out (the faults do not touch it). */
typedef cf_status (*op_fn)(const void *ctx, t_text *out);

static int sweeps, sweep_runs;

/* Where a sweep is: a crash there ends the process, and says where it was
 * (AddressSanitizer through its death callback; UndefinedBehaviorSanitizer,
 * which tools/fault.sh runs with abort_on_error=1, through SIGABRT). */
static const char *at_name;
static unsigned long at_n;

static void say_where(void)
{
    char line[256];
    int n = at_name ? snprintf(line, sizeof line, "fault: the sweep \"%s\" died with allocation %lu failing\n",
                               at_name, at_n)
                    : snprintf(line, sizeof line, "fault: the sweeps ended; what died came after them (a leak "
                                                  "found at exit is reported above)\n");
    if (n > 0 && write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0)
        return;
}

static void on_abort(int sig)
{
    say_where();
    signal(sig, SIG_DFL);
    raise(sig);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(T_ASAN)
#include <sanitizer/common_interface_defs.h>
#define WATCH() (__sanitizer_set_death_callback(say_where), signal(SIGABRT, on_abort))
#else
#define WATCH() signal(SIGABRT, on_abort)
#endif

/* Runs op with each allocation failing in turn. */
static void sweep(const char *name, op_fn op, const void *ctx)
{
    WATCH();
    at_name = name;
    at_n = 0;
    t_text want = {0};
    long live = cf_alloc_live();
    cf_alloc_fail_after(ULONG_MAX);
    cf_status want_st = op(ctx, &want);
    unsigned long total = cf_alloc_count();
    cf_alloc_fail_after(0);
    CHECKF(cf_alloc_live() == live, "%s: %ld allocations not freed without faults", name, cf_alloc_live() - live);
    CHECKF(want_st != CF_ESYSTEM, "%s: fails without faults", name);
    unsigned long n, bad = 0;
    for (n = 1;; n++) {
        t_text got = {0};
        at_n = n;
        cf_alloc_fail_after(n);
        cf_status st = op(ctx, &got);
        unsigned long used = cf_alloc_count();
        cf_alloc_fail_after(0);
        int same = st == want_st && got.n == want.n && (!got.n || memcmp(got.s, want.s, got.n) == 0);
        if (!(same || st == CF_ESYSTEM) || cf_alloc_live() != live) {
            if (++bad <= 3)
                CHECKF(0, "%s: allocation %lu failed: status %d (want %d or %d), %ld allocations not freed", name,
                       n, st, want_st, CF_ESYSTEM, cf_alloc_live() - live);
            live = cf_alloc_live();
        }
        free(got.s);
        sweep_runs++;
        if (used < n) {   /* none failed: the run was the fault-free one */
            CHECKF(same, "%s: the run without a fault differs", name);
            break;
        }
        /* libxml2 seeds its hash tables at random, so a document's count
         * of allocations varies a little from run to run: a margin */
        if (n > total + total / 8 + 64) {
            CHECKF(0, "%s: still failing after %lu allocations", name, n);
            break;
        }
    }
    CHECKF(bad == 0, "%s: %lu bad runs of %lu", name, bad, n);
    if (getenv("CODERFIT_FAULT_VERBOSE"))
        printf("fault %s: %lu allocations failed one at a time\n", name, n - 1);
    sweeps++;
    at_name = NULL;
    free(want.s);
}

/* ---- what the sweeps share: built once, outside the sweeps ---------------- */

static cf_rubric *small, *changed, *coder;
/* each profile scored with small (whole reports), and its figures under
 * small and changed */
static cf_report *scored[5], *before[5], *after[5];

static char *small_text;
static size_t small_len;

typedef struct profile_case {
    const char *path;
    char *text;
    size_t len;
    const cf_rubric *r;
} profile_case;

static profile_case profiles[] = {
    {"examples/applicants/inpatient-coder.json", NULL, 0, NULL},
    {"examples/applicants/remote-auditor.native.json", NULL, 0, NULL},
    {"tests/data/written/auditor.json", NULL, 0, NULL},
    {"tests/blind/identifying.json", NULL, 0, NULL},
    {"examples/applicants/nurse-to-coder.json", NULL, 0, NULL},
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

static cf_profile *parse(const profile_case *pc)
{
    cf_diags d = {0};
    cf_profile *p = NULL;
    cf_profile_parse(pc->path, pc->text, pc->len, 1, t_day("2026-11-26"), &p, &d);
    cf_diags_clear(&d);
    return p;
}

/* The diagnostics as text; d->oom set when one could not be written. */
static void rec_diags(t_text *out, cf_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = cf_diag_text(&d->items[i]);
        if (s)
            t_text_puts(out, s);
        else
            d->oom = 1;
        cf_free(s);
    }
}

/* ---- the operations ------------------------------------------------------------ */

static cf_status op_rubric(const void *ctx, t_text *out)
{
    (void)ctx;
    cf_diags d = {0};
    cf_rubric *r = NULL;
    cf_status st = cf_rubric_load("coding-auditor.yaml", small_text, small_len, &r, &d);
    if (st == CF_OK)
        t_text_puts(out, cf_rubric_checksum(r));
    if (st == CF_OK) {
        char *s;
        size_t n;
        st = cf_rubric_show("coding-auditor.yaml", small_text, small_len, NULL, NULL, 1, &s, &n, &d);
        if (st == CF_OK)
            rec_take(out, s, n);
    }
    if (d.oom)
        st = CF_ESYSTEM;
    cf_rubric_free(r);
    cf_diags_clear(&d);
    return st;
}

static cf_status op_builtin(const void *ctx, t_text *out)
{
    const char *id = ctx;
    size_t len;
    const char *text = cf_rubric_builtin_find(id, &len);
    cf_diags d = {0};
    cf_rubric *r = NULL;
    cf_status st = cf_rubric_load_with(id, text, len, NULL, NULL, &r, &d);
    if (st == CF_OK)
        t_text_puts(out, cf_rubric_checksum(r));
    rec_diags(out, &d);
    if (d.oom)
        st = CF_ESYSTEM;
    cf_rubric_free(r);
    cf_diags_clear(&d);
    return st;
}

/* A rubric with problems: lint's diagnostics in every format. */
static cf_status op_lint(const void *ctx, t_text *out)
{
    const char *path = ctx;
    size_t len;
    char *text = t_read(path, &len);
    cf_diags d = {0};
    cf_rubric *r = NULL;
    cf_status st = cf_rubric_load(path, text, len, &r, &d);
    cf_rubric_free(r);
    if (st != CF_ESYSTEM && !d.oom)
        for (int f = CF_DIAG_TEXT; f <= CF_DIAG_GITHUB && st != CF_ESYSTEM; f++) {
            char *s;
            size_t n;
            if ((st = cf_diags_write(&d, (cf_diag_format)f, &s, &n)) == CF_OK)
                rec_take(out, s, n);
        }
    if (d.oom)
        st = CF_ESYSTEM;
    cf_diags_clear(&d);
    cf_free(text);
    return st;
}

/* A profile read, and what it reads as. */
/* What a parse gave: the profile as JSON, then the diagnostics (p and d
 * freed). */
static cf_status profile_out(cf_status st, cf_profile *p, cf_diags *d, t_text *out)
{
    if (st == CF_OK) {
        char *s;
        size_t n;
        if ((st = cf_profile_to_json(p, 1, &s, &n)) == CF_OK)
            rec_take(out, s, n);
    }
    rec_diags(out, d);
    if (d->oom)
        st = CF_ESYSTEM;
    cf_profile_free(p);
    cf_diags_clear(d);
    return st;
}

static cf_status op_parse(const void *ctx, t_text *out)
{
    const profile_case *pc = ctx;
    cf_diags d = {0};
    cf_profile *p = NULL;
    cf_status st = cf_profile_parse(pc->path, pc->text, pc->len, 7, t_day("2026-11-26"), &p, &d);
    if (st == CF_OK && cf_profile_set_line(p, 7))
        st = CF_ESYSTEM;
    return profile_out(st, p, &d, out);
}

/* Scored, then written in every format, then made blind. */
static cf_status op_report(const void *ctx, t_text *out)
{
    const profile_case *pc = ctx;
    cf_profile *p = parse(pc);
    cf_report *rep = NULL;
    cf_status st = p ? cf_score(pc->r, p, &rep) : CF_ESYSTEM;
    char *s;
    size_t n;
    if (st == CF_OK && (st = cf_report_json(rep, 1, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    cf_text_opts to = {1, 60};
    if (st == CF_OK && (st = cf_report_text(rep, &to, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    if (st == CF_OK && (st = cf_report_md(rep, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    if (st == CF_OK && (st = cf_report_html(rep, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    cf_blind_key key = {{1, 2}};
    if (st == CF_OK)
        st = cf_report_blind(rep, p, &key);
    if (st == CF_OK && (st = cf_report_json(rep, 0, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    cf_report_free(rep);
    cf_profile_free(p);
    return st;
}

/* The counselor's plan, with a what-if, in every format. */
static cf_status op_advise(const void *ctx, t_text *out)
{
    const profile_case *pc = ctx;
    cf_profile *p = parse(pc), *q = parse(pc);
    cf_report *rep = NULL, *alt = NULL;
    char err[256];
    cf_status st = p && q ? cf_score(pc->r, p, &rep) : CF_ESYSTEM;
    if (st == CF_OK)
        st = cf_profile_with(q, "credential", "CPC", err, sizeof err);
    if (st == CF_OK)
        st = cf_score(pc->r, q, &alt);
    static const char *const with[] = {"credential=CPC"};
    for (int f = CF_ADVICE_TEXT; f <= CF_ADVICE_HTML && st == CF_OK; f++) {
        cf_advice_opts o = {(cf_advice_format)f, f == CF_ADVICE_JSON ? 0 : 5, 0, f == CF_ADVICE_MD ? NULL : alt,
                            with, 1, 0};
        char *s;
        size_t n;
        if ((st = cf_advice_write(rep, p, &o, &s, &n)) == CF_OK)
            rec_take(out, s, n);
    }
    cf_report_free(alt);
    cf_report_free(rep);
    cf_profile_free(q);
    cf_profile_free(p);
    return st;
}

static int sink_rec(void *ctx, const char *s, size_t n)
{
    t_text_add(ctx, s, n);
    return 0;
}

/* Every profile ranked with an error and a skipped file, in every format
 * (dedupe, reports kept), then shards merged from saved reports. */
static cf_status op_rank(const void *ctx, t_text *out)
{
    (void)ctx;
    cf_rank_opts ro = {0};
    ro.keep_reports = 1;
    ro.dedupe = 1;
    cf_status st = CF_OK;
    for (int f = CF_RANK_TEXT; f <= CF_RANK_HTML && st == CF_OK; f++) {
        cf_ranking *rk = cf_ranking_new(&ro);
        if (!rk)
            return CF_ESYSTEM;
        st = cf_ranking_expect(rk, small, t_day("2026-11-26"));
        for (size_t i = 0; i < NPROFILES && st == CF_OK; i++)
            st = cf_ranking_add(rk, scored[i]);
        if (st == CF_OK)
            st = cf_ranking_add_error(rk, "broken.json", 3, 7, "expected ',' or '}'");
        if (st == CF_OK)
            st = cf_ranking_add_skipped(rk, "notes.txt");
        cf_rank_write_opts w = {(cf_rank_format)f, 72, f == CF_RANK_TEXT, f == CF_RANK_CSV};
        if (st == CF_OK)
            st = cf_ranking_write(rk, &w, sink_rec, out);
        cf_ranking_free(rk);
    }
    return st;
}

/* A resume file read into a JSON Resume, and that read as a profile. */
static cf_status op_resume(const void *ctx, t_text *out)
{
    const char *path = ctx;
    size_t len;
    char *text = t_read(path, &len), *json = NULL;
    size_t jlen = 0;
    cf_diags d = {0};
    cf_status st = text ? cf_resume_read(path, cf_doc_detect(path, text, len), text, len, &json, &jlen, &d)
                        : CF_ESYSTEM;
    cf_profile *p = NULL;
    if (st == CF_OK)
        st = cf_profile_parse(path, json, jlen, 1, t_day("2026-11-26"), &p, &d);
    st = profile_out(st, p, &d, out);
    cf_free(json);
    cf_free(text);
    return st;
}

/* A PDF's text (pdftohtml's XML) read into a JSON Resume. */
static cf_status op_resume_pdf(const void *ctx, t_text *out)
{
    const char *path = ctx;
    size_t len;
    char *text = t_read(path, &len), *json = NULL;
    size_t jlen = 0;
    cf_diags d = {0};
    cf_status st = text ? cf_resume_read_pdf(path, text, len, &json, &jlen, &d) : CF_ESYSTEM;
    if (json)
        t_text_add(out, json, jlen);
    rec_diags(out, &d);
    if (d.oom)
        st = CF_ESYSTEM;
    cf_diags_clear(&d);
    cf_free(json);
    cf_free(text);
    return st;
}

static cf_status op_merge(const void *ctx, t_text *out)
{
    const char *path = ctx;
    size_t len;
    char *text = t_read(path, &len);
    cf_rank_opts ro = {0};
    ro.top = 3;
    cf_ranking *rk = cf_ranking_new(&ro);
    cf_status st = rk && text ? CF_OK : CF_ESYSTEM;
    unsigned line = 1;
    for (const char *s = text; st == CF_OK && s && *s; line++) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        cf_diags d = {0};
        st = cf_ranking_add_line(rk, path, line, s, n, &d);
        rec_diags(out, &d);
        if (st == CF_EINPUT)
            st = CF_OK;
        if (d.oom)
            st = CF_ESYSTEM;
        cf_diags_clear(&d);
        s = e ? e + 1 : s + n;
    }
    cf_rank_write_opts w = {CF_RANK_CSV, 0, 0, 0};
    if (st == CF_OK)
        st = cf_ranking_write(rk, &w, sink_rec, out);
    cf_ranking_free(rk);
    cf_free(text);
    return st;
}

/* An edit of a rubric, over the profiles, in every format. */
static cf_status op_diff(const void *ctx, t_text *out)
{
    (void)ctx;
    cf_diff *df = cf_diff_new(small, changed);
    cf_status st = df ? CF_OK : CF_ESYSTEM;
    for (size_t i = 0; i < NPROFILES && st == CF_OK; i++)
        st = cf_diff_add(df, before[i], after[i]);
    for (int f = CF_DIFF_TEXT; f <= CF_DIFF_GITHUB && st == CF_OK; f++) {
        cf_diff_opts o = {(cf_diff_format)f, f == CF_DIFF_MD, 1, 2.0, f == CF_DIFF_TEXT};
        char *s;
        size_t n, count;
        if ((st = cf_diff_write(df, &o, &s, &n)) == CF_OK)
            rec_take(out, s, n);
        if (st == CF_OK && (st = cf_diff_explain(df, &o, f % 2, &count, &s, &n)) == CF_OK)
            rec_take(out, s, n);
    }
    cf_diff_free(df);
    return st;
}

/* Each line of text (NDJSON reports) handed to add; a line it refuses
 * (CF_EINPUT) is left, as the front end leaves it. */
typedef cf_status (*add_fn)(void *obj, const char *file, unsigned line, const char *s, size_t n, cf_diags *d);

static cf_status each_line(const char *text, const char *file, add_fn add, void *obj, cf_diags *d)
{
    cf_status st = CF_OK;
    unsigned line = 1;
    for (const char *s = text; st == CF_OK && *s; line++) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        st = add(obj, file, line, s, n, d);
        if (st == CF_EINPUT)
            st = CF_OK;
        s = e ? e + 1 : s + n;
    }
    return st;
}

static cf_status audit_line(void *a, const char *file, unsigned line, const char *s, size_t n, cf_diags *d)
{
    int taken;
    return cf_audit_add_report(a, file, line, s, n, &taken, d);
}

static cf_status validation_line(void *v, const char *file, unsigned line, const char *s, size_t n, cf_diags *d)
{
    int taken;
    return cf_validation_add_report(v, file, line, s, n, &taken, d);
}

/* An audit of saved reports and scored profiles against demographics. */
static cf_status op_audit(const void *ctx, t_text *out)
{
    (void)ctx;
    size_t dlen, rlen;
    char *demo = t_read("tests/audit/demographics.csv", &dlen);
    char *reports = t_read("tests/audit/reports.ndjson", &rlen);
    cf_audit *a = cf_audit_new();
    cf_diags d = {0};
    cf_status st = a && demo && reports ? CF_OK : CF_ESYSTEM;
    if (st == CF_OK)
        st = each_line(reports, "tests/audit/reports.ndjson", audit_line, a, &d);
    for (size_t i = 0; i < 2 && st == CF_OK; i++)
        st = cf_audit_add(a, profiles[i].path, cf_report_score(scored[i]), cf_report_tier(scored[i]));
    if (st == CF_OK)
        st = cf_audit_demographics(a, "tests/audit/demographics.csv", demo, dlen, &d);
    rec_diags(out, &d);
    cf_audit_select sel = {CF_SELECT_TOP, NULL, 0, 3, 0};
    for (int f = CF_AUDIT_TEXT; f <= CF_AUDIT_MD && st == CF_OK; f++) {
        char *s;
        size_t n;
        double smallest;
        if ((st = cf_audit_write(a, &sel, "top=3", (cf_audit_format)f, &s, &n, &smallest)) == CF_OK)
            rec_take(out, s, n);
    }
    if (d.oom)
        st = CF_ESYSTEM;
    cf_diags_clear(&d);
    cf_audit_free(a);
    cf_free(demo);
    cf_free(reports);
    return st;
}

/* Validation: saved reports and scored profiles, outcomes (ctx: the
 * file, CSV or JSON) and demographics, in every format. */
static cf_status op_validate(const void *ctx, t_text *out)
{
    size_t olen, rlen, dlen;
    char *outcomes = t_read(ctx, &olen);
    char *reports = t_read("tests/data/validate/reports.ndjson", &rlen);
    char *demo = t_read("tests/data/validate/demographics.csv", &dlen);
    cf_validation *v = cf_validation_new();
    cf_audit *a = cf_audit_new();
    cf_diags d = {0};
    cf_status st = v && a && outcomes && reports && demo ? CF_OK : CF_ESYSTEM;
    if (st == CF_OK)
        st = each_line(reports, "reports.ndjson", validation_line, v, &d);
    for (size_t i = 0; i < 2 && st == CF_OK; i++)
        st = cf_validation_add(v, scored[i]);
    if (st == CF_OK)
        st = cf_validation_outcomes(v, ctx, outcomes, olen, NULL, 0, &d);
    if (st == CF_OK)
        st = cf_audit_demographics(a, "demographics.csv", demo, dlen, &d);
    if (st == CF_OK)
        cf_validation_groups(v, a);
    for (int f = CF_VALIDATION_TEXT; f <= CF_VALIDATION_HTML && st == CF_OK; f++) {
        char *s;
        size_t n;
        if ((st = cf_validation_write(v, (cf_validation_format)f, &s, &n, &d)) == CF_OK)
            rec_take(out, s, n);
    }
    rec_diags(out, &d);
    if (d.oom)
        st = CF_ESYSTEM;
    cf_diags_clear(&d);
    cf_validation_free(v);
    cf_audit_free(a);
    cf_free(outcomes);
    cf_free(reports);
    cf_free(demo);
    return st;
}

/* A case file checked against the rubric, the run in every format. */
static cf_status op_cases(const void *ctx, t_text *out)
{
    (void)ctx;
    size_t len;
    char *text = t_read("tests/fault-cases.yaml", &len);
    cf_cases *cs = NULL;
    cf_diags d = {0};
    cf_case_results *rs = cf_case_results_new();
    cf_status st = text && rs ? cf_cases_load("tests/fault-cases.yaml", text, len, &cs, &d) : CF_ESYSTEM;
    for (size_t i = 0; st == CF_OK && i < cf_cases_count(cs); i++) {
        cf_case_info k = cf_case_get(cs, i);
        cf_profile *p = NULL;
        cf_report *rep = NULL;
        char *failures = NULL;
        if (k.json) {
            st = cf_profile_parse(k.name, k.json, strlen(k.json), 1, k.as_of, &p, &d);
            if (st == CF_OK)
                st = cf_score(small, p, &rep);
            if (st == CF_OK && cf_case_check(cs, i, rep, &failures) == CF_ESYSTEM)
                st = CF_ESYSTEM;
            if (st == CF_OK)
                st = cf_case_results_add(rs, "tests/fault-cases.yaml", k.name, k.line, 0, failures);
        } else {
            st = cf_case_results_error(rs, "tests/fault-cases.yaml", k.name, k.line, k.col, 0,
                                       "cannot read the profile here");
        }
        cf_report_free(rep);
        cf_profile_free(p);
    }
    if (st == CF_OK)
        st = cf_case_results_error(rs, "tests/rubrics/syntax.yaml", NULL, 2, 1, 0, "not a case file");
    for (int f = CF_RESULTS_TEXT; f <= CF_RESULTS_TAP && st == CF_OK; f++) {
        char *s;
        size_t n;
        if ((st = cf_case_results_write(rs, (cf_results_format)f, &s, &n)) == CF_OK)
            rec_take(out, s, n);
    }
    rec_diags(out, &d);
    if (d.oom)
        st = CF_ESYSTEM;
    cf_diags_clear(&d);
    cf_case_results_free(rs);
    cf_cases_free(cs);
    cf_free(text);
    return st;
}

/* The caseload's index page. */
static cf_status op_index(const void *ctx, t_text *out)
{
    (void)ctx;
    cf_html_index *ix = cf_html_index_new();
    cf_status st = ix ? CF_OK : CF_ESYSTEM;
    for (size_t i = 0; i < NPROFILES && st == CF_OK; i++)
        st = cf_html_index_add(ix, scored[i], profiles[i].path);
    char *s;
    size_t n;
    if (st == CF_OK && (st = cf_html_index_write(ix, &s, &n)) == CF_OK)
        rec_take(out, s, n);
    cf_html_index_free(ix);
    return st;
}

static cf_status op_schemas(const void *ctx, t_text *out)
{
    (void)ctx;
    cf_status st = CF_OK;
    for (const char *const *name = cf_schema_names(); *name && st == CF_OK; name++) {
        char *s;
        size_t n;
        if ((st = cf_schema(*name, &s, &n)) == CF_OK)
            rec_take(out, s, n);
    }
    return st;
}

/* ---- the groups ------------------------------------------------------------------ */

static int setup(void)
{
    size_t n;
    char *t = t_read("tests/fault-diff.yaml", &n);
    cf_diags d = {0};
    small_text = t_read("examples/rubrics/coding-auditor.yaml", &small_len);
    if (!t || !small_text || cf_rubric_load("coding-auditor.yaml", small_text, small_len, &small, &d) ||
        cf_rubric_load("fault-diff.yaml", t, n, &changed, &d) || cf_rubric_load_default(&coder, &d)) {
        cf_diags_clear(&d);
        cf_free(t);
        CHECKF(0, "the fault sweeps' rubrics do not load");
        return -1;
    }
    cf_free(t);
    for (size_t i = 0; i < NPROFILES; i++) {
        profiles[i].text = t_read(profiles[i].path, &profiles[i].len);
        profiles[i].r = i == 0 ? coder : small;
        cf_profile *p = profiles[i].text ? parse(&profiles[i]) : NULL;
        int ok = p && cf_score(small, p, &scored[i]) == CF_OK && cf_score_figures(small, p, &before[i]) == CF_OK &&
                 cf_score_figures(changed, p, &after[i]) == CF_OK;
        cf_profile_free(p);
        CHECKF(ok, "%s", profiles[i].path);
        if (!ok)
            return -1;
    }
    return 0;
}

static void teardown(void)
{
    for (size_t i = 0; i < NPROFILES; i++) {
        cf_free(profiles[i].text);
        profiles[i].text = NULL;
        cf_report_free(scored[i]);
        cf_report_free(before[i]);
        cf_report_free(after[i]);
        scored[i] = before[i] = after[i] = NULL;
    }
    cf_rubric_free(small);
    cf_rubric_free(changed);
    cf_rubric_free(coder);
    cf_free(small_text);
    small = changed = coder = NULL;
    small_text = NULL;
}

void test_fault(void)
{
    sweeps = sweep_runs = 0;
    if (setup() == 0) {
        sweep("rubric load and show", op_rubric, NULL);
        sweep("lint diagnostics", op_lint, "tests/rubrics/unknown-key.yaml");
        for (size_t i = 0; i < NPROFILES; i++) {
            char name[256];
            snprintf(name, sizeof name, "profile read: %s", profiles[i].path);
            sweep(name, op_parse, &profiles[i]);
            snprintf(name, sizeof name, "report: %s", profiles[i].path);
            sweep(name, op_report, &profiles[i]);
        }
        sweep("advise", op_advise, &profiles[4]);
        sweep("rank", op_rank, NULL);
        sweep("rank merge", op_merge, "tests/fuzz/corpus/stream/reports.ndjson");
        sweep("resume: plain text", op_resume, "tests/resumes/txt/brittany-lasko.txt");
        sweep("resume: Markdown", op_resume, "tests/resumes/hard/resume.md");
        sweep("resume: PDF", op_resume_pdf, "tests/data/pdf/darnell-whitaker.xml");
        sweep("resume: a scanned PDF", op_resume_pdf, "tests/data/pdf/scanned.xml");
        sweep("resume: DOCX", op_resume, "tests/resumes/docx/linda-kowalczyk.docx");
        sweep("resume: ODT", op_resume, "tests/resumes/odt/adaeze-okonkwo.odt");
        sweep("diff", op_diff, NULL);
        sweep("audit", op_audit, NULL);
        sweep("validate: outcomes as CSV", op_validate, "tests/data/validate/outcomes.csv");
        sweep("validate: outcomes as JSON", op_validate, "tests/data/validate/outcomes.json");
        sweep("cases", op_cases, NULL);
        sweep("html index", op_index, NULL);
        sweep("schemas", op_schemas, NULL);
    }
    teardown();
    CHECK(sweeps == 28);
    if (getenv("CODERFIT_FAULT_VERBOSE"))
        printf("fault: %d sweeps, %d runs\n", sweeps, sweep_runs);
}

/* CODERFIT_FAULT_RUBRIC=ID: that rubric only (tools/fault.sh runs them
 * two at a time). */
void test_fault_rubrics(void)
{
    size_t n = cf_rubric_builtin_count(), swept = 0;
    const char *only = getenv("CODERFIT_FAULT_RUBRIC");
    for (size_t i = 0; i < n; i++) {
        const char *id;
        size_t len;
        cf_rubric_builtin(i, &id, &len);
        if (only && strcmp(only, id) != 0)
            continue;
        swept++;
        char name[128];
        snprintf(name, sizeof name, "built-in rubric %s", id);
        sweep(name, op_builtin, id);
    }
    CHECKF(only ? swept == 1 : n >= 4 && swept == n, "%zu rubrics swept", swept);
}
