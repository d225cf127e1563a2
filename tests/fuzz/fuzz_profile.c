/* libFuzzer target: a profile (native or JSON Resume) through import,
 * scoring, every report format, advice, a what-if and a blind report. */
#include <stdint.h>
#include <stdlib.h>
#include "coderfit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cf_rubric *rubric;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rubric) {
        cf_diags d = {0};
        if (cf_init() != CF_OK || cf_rubric_load_default(&rubric, &d) != CF_OK)
            abort();
        cf_diags_clear(&d);
    }
    cf_day as_of;
    cf_date_parse_day("2026-11-26", &as_of);
    cf_diags d = {0};
    cf_profile *p = NULL;
    if (cf_profile_parse("fuzz.json", (const char *)data, size, 1, as_of, &p, &d) == CF_OK) {
        cf_report *rep = NULL;
        char *s = NULL, err[128];
        if (cf_score(rubric, p, &rep) == CF_OK) {
            cf_text_opts o = {1, 80};
            if (cf_report_json(rep, 1, &s, NULL) == CF_OK)
                cf_free(s);
            if (cf_report_text(rep, &o, &s, NULL) == CF_OK)
                cf_free(s);
            if (cf_report_md(rep, &s, NULL) == CF_OK)
                cf_free(s);
            if (cf_report_html(rep, &s, NULL) == CF_OK)
                cf_free(s);
            cf_report *alt = NULL;
            static const char *const with[] = {"credential=CPC"};
            cf_advice_opts ao = {CF_ADVICE_JSON, 0, 0, NULL, with, 1, 0};
            if (cf_advice_write(rep, p, &ao, &s, NULL) == CF_OK)
                cf_free(s);
            if (cf_profile_with(p, "credential", "CPC", err, sizeof err) == CF_OK &&
                cf_score(rubric, p, &alt) == CF_OK) {
                ao.alt = alt;
                if (cf_advice_write(rep, p, &ao, &s, NULL) == CF_OK)
                    cf_free(s);
            }
            cf_report_free(alt);
            cf_blind_key key = {{1, 2}};
            if (cf_report_blind(rep, p, &key) == CF_OK && cf_report_json(rep, 0, &s, NULL) == CF_OK)
                cf_free(s);
        }
        if (cf_profile_to_json(p, 0, &s, NULL) == CF_OK)
            cf_free(s);
        cf_report_free(rep);
    }
    cf_profile_free(p);
    cf_diags_clear(&d);
    return 0;
}
