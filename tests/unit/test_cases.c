/* Runs the end-to-end cases in the YAML files of tests/cases (see their head). */
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

static const char *scalar(const cf_ynode *map, const char *key)
{
    const cf_ynode *n = cf_ymap_get(map, key);
    return n && n->kind == CF_Y_SCALAR ? n->value : NULL;
}

static int range(const cf_ynode *n, double *lo, double *hi)
{
    if (!n || n->kind != CF_Y_SEQ || n->n != 2)
        return 0;
    *lo = atof(n->items[0]->value);
    *hi = atof(n->items[1]->value);
    return 1;
}

static void run_case(const char *file, const cf_ynode *c)
{
    const char *name = scalar(c, "name"), *profile = scalar(c, "profile"), *as_of = scalar(c, "as_of");
    CHECKF(name && profile && as_of, "%s: a case needs name, profile and as_of", file);
    if (!name || !profile || !as_of)
        return;
    cf_report *rep = score_file(profile, as_of);
    CHECKF(rep != NULL, "%s: %s scores", name, profile);
    if (!rep)
        return;
    const char *tier = scalar(c, "tier"), *el = scalar(c, "eligible");
    double lo = 0, hi = 0;
    if (tier)
        CHECKF(strcmp(cf_report_tier(rep), tier) == 0, "%s: tier %s, want %s (score %.1f)", name,
               cf_report_tier(rep), tier, cf_report_score(rep));
    if (el)
        CHECKF(cf_report_eligible(rep) == (strcmp(el, "true") == 0), "%s: eligible %d, want %s", name,
               cf_report_eligible(rep), el);
    if (range(cf_ymap_get(c, "score"), &lo, &hi))
        CHECKF(cf_report_score(rep) >= lo && cf_report_score(rep) <= hi, "%s: score %.1f, want %g..%g", name,
               cf_report_score(rep), lo, hi);
    const cf_ynode *qs = cf_ymap_get(c, "qualities");
    for (size_t i = 0; qs && i + 1 < qs->n; i += 2) {
        double q = t_quality(rep, qs->items[i]->value);
        CHECKF(range(qs->items[i + 1], &lo, &hi) && q >= lo && q <= hi, "%s: %s %.1f, want %g..%g", name,
               qs->items[i]->value, q, lo, hi);
    }
    const cf_ynode *gf = cf_ymap_get(c, "gates_failed");
    if (gf) {
        size_t failed = 0;
        for (size_t g = 0; g < rep->r->ngates; g++)
            if (!rep->gate_passed[g]) {
                failed++;
                int listed = 0;
                for (size_t k = 0; k < gf->n; k++)
                    listed |= strcmp(gf->items[k]->value, rep->r->gates[g].id) == 0;
                CHECKF(listed, "%s: gate %s failed unexpectedly", name, rep->r->gates[g].id);
            }
        CHECKF(failed == gf->n, "%s: %zu gates failed, want %zu", name, failed, gf->n);
    }
    cf_report_free(rep);
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

static void run_file(const char *path)
{
    size_t len;
    char *text = t_read(path, &len);
    cf_ydoc doc;
    cf_diags d = {0};
    CHECKF(text && cf_yaml_parse(path, text, len, &doc, &d) == CF_OK && doc.root, "%s parses", path);
    cf_diags_clear(&d);
    if (text && doc.root) {
        const cf_ynode *cases = cf_ymap_get(doc.root, "cases");
        for (size_t i = 0; cases && i < cases->n; i++)
            run_case(path, cases->items[i]);
        const cf_ynode *order = cf_ymap_get(doc.root, "order");
        for (size_t i = 0; order && i < order->n; i++)
            run_order(order->items[i]);
        CHECKF(cases && cases->n >= 8, "%s holds its cases", path);
        cf_yaml_free(&doc);
    }
    cf_free(text);
}

void test_cases(void)
{
    cf_diags d = {0};
    cf_rubric_load_default(&rubric, &d);
    cf_diags_clear(&d);
    DIR *dp = opendir("tests/cases");
    CHECK(dp != NULL);
    struct dirent *de;
    int files = 0;
    while (dp && (de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n > 5 && strcmp(de->d_name + n - 5, ".yaml") == 0) {
            char path[512];
            snprintf(path, sizeof path, "tests/cases/%s", de->d_name);
            run_file(path);
            files++;
        }
    }
    if (dp)
        closedir(dp);
    CHECK(files >= 1);
    cf_rubric_free(rubric);
    rubric = NULL;
}
