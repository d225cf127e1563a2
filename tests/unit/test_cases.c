/* The end-to-end cases of tests/cases: the default rubric's test cases,
 * and chains of applicants that must rank in order. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "t.h"
#include "yamltree.h"

static cf_rubric *rubric;

static cf_report *score_file(const char *path, const char *as_of)
{
    char *text = t_read(path, NULL);
    cf_report *rep = text ? t_score(rubric, text, as_of) : NULL;
    cf_free(text);
    return rep;
}

/* The case files through the library's case API, as `coderfit test` runs
 * them. */
static void run_cases(const char *path)
{
    size_t len;
    char *text = t_read(path, &len);
    cf_diags d = {0};
    cf_cases *cs = NULL;
    CHECKF(text && cf_cases_load(path, text, len, &cs, &d) == CF_OK, "%s loads", path);
    cf_diags_clear(&d);
    cf_free(text);
    if (!cs)
        return;
    CHECKF(cf_cases_count(cs) >= 20, "%s holds %zu cases", path, cf_cases_count(cs));
    for (size_t i = 0; i < cf_cases_count(cs); i++) {
        cf_case_info k = cf_case_get(cs, i);
        char *ptext = NULL;
        if (k.path) {
            /* relative to the case file, as the command resolves it */
            char full[512];
            snprintf(full, sizeof full, "tests/cases/%s", k.path);
            ptext = t_read(full, NULL);
        } else {
            ptext = cf_strdup(k.json);
        }
        char day[11];
        cf_day_format(k.as_of, day);
        cf_report *rep = ptext ? t_score(rubric, ptext, day) : NULL;
        char *failures = NULL;
        CHECKF(rep && cf_case_check(cs, i, rep, &failures) == CF_OK, "%s: %s", k.name,
               failures ? failures : "not scored");
        cf_free(failures);
        cf_report_free(rep);
        cf_free(ptext);
    }
    cf_cases_free(cs);
}

static void run_order(const cf_ynode *chain)
{
    double prev = 101;
    const char *prev_name = "";
    for (size_t i = 0; i < chain->n; i++) {
        cf_report *rep = score_file(chain->items[i]->value, "2026-11-26");
        double s = rep ? cf_report_score(rep) : -1;
        CHECKF(rep && s < prev, "%s (%.1f) must score below %s (%.1f)", chain->items[i]->value, s, prev_name, prev);
        prev = s;
        prev_name = chain->items[i]->value;
        cf_report_free(rep);
    }
}

static void run_orders(const char *path)
{
    size_t len;
    char *text = t_read(path, &len);
    cf_ydoc doc;
    cf_diags d = {0};
    CHECKF(text && cf_yaml_parse(path, text, len, &doc, &d) == CF_OK && doc.root, "%s parses", path);
    cf_diags_clear(&d);
    if (text && doc.root) {
        const cf_ynode *order = cf_ymap_get(doc.root, "order");
        CHECK(order && order->n >= 2);
        for (size_t i = 0; order && i < order->n; i++)
            run_order(order->items[i]);
        cf_yaml_free(&doc);
    }
    cf_free(text);
}

/* A case file reads numbers as a rubric does: YAML's decimal ones only. */
static void number_forms(void)
{
    static const struct {
        const char *range;
        int ok;
    } forms[] = {
        {"[0, 100]", 1}, {"[-1.5, 1e2]", 1}, {"[0x0, 0x64]", 0}, {"[0, inf]", 0}, {"[nan, 1]", 0},
        {"['0', 100]", 0}, {"[0, 1e999]", 0}, {"[5, 1]", 0}, {"[0, 100abc]", 0},
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        char y[512];
        int n = snprintf(y, sizeof y,
                         "cases:\n  - name: n\n    profile: {format: coderfit-profile/1}\n"
                         "    expect: {score: %s}\n", forms[i].range);
        cf_diags d = {0};
        cf_cases *cs = NULL;
        cf_status st = cf_cases_load("n.yaml", y, (size_t)n, &cs, &d);
        CHECKF((st == CF_OK) == forms[i].ok, "score: %s is %s in a case file", forms[i].range,
               forms[i].ok ? "read" : "refused");
        CHECKF(forms[i].ok || (d.n && d.items[0].line == 4), "score: %s is refused at its line", forms[i].range);
        cf_diags_clear(&d);
        cf_cases_free(cs);
    }
}

void test_cases(void)
{
    number_forms();
    rubric = t_rubric_default();
    run_cases("tests/cases/medical-coder.yaml");
    run_orders("tests/rank-order.yaml");
    cf_rubric_free(rubric);
    rubric = NULL;
}
