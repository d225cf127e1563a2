/* Saved reports: the NDJSON lines that score -f ndjson and rank -f ndjson
 * write, read back by rank --merge and by audit.  One reader, so that the
 * two agree on what a report and an error record are. */
#include <string.h>
#include "report.h"

cf_saved_kind cf_saved_read(const char *file, unsigned line, const char *text, size_t len, cf_saved *s,
                            cf_diags *d, int *oom)
{
    memset(s, 0, sizeof *s);
    *oom = 0;
    s->doc = cf_json_parse(file, text, len, line, d, oom);
    if (!s->doc)
        return CF_SAVED_NONE;
    const cJSON *err = cf_get(s->doc, "error");
    if (cJSON_IsObject(err)) {
        const cJSON *l = cf_get(err, "line"), *c = cf_get(err, "column");
        s->err_source = cf_get_str(err, "source");
        s->err_message = cf_get_str(err, "message");
        s->err_line = cJSON_IsNumber(l) && l->valuedouble >= 0 && l->valuedouble < 4e9 ? (unsigned)l->valuedouble : 0;
        s->err_col = cJSON_IsNumber(c) && c->valuedouble >= 0 && c->valuedouble < 4e9 ? (unsigned)c->valuedouble : 0;
        return s->kind = CF_SAVED_ERROR;
    }
    const char *fmt = cf_get_str(s->doc, "format");
    if (!fmt || strcmp(fmt, CF_REPORT_FORMAT) != 0)
        return s->kind = CF_SAVED_OTHER;
    s->source = cf_get_str(s->doc, "source");
    s->tier = cf_get_str(s->doc, "tier");
    s->tier_label = cf_get_str(s->doc, "tier_label");
    s->as_of = cf_get_str(s->doc, "as_of");
    s->score = cf_get(s->doc, "score");
    s->eligible = cf_get(s->doc, "eligible");
    s->qualities = cf_get(s->doc, "qualities");
    s->gates = cf_get(s->doc, "gates");
    s->rubric = cf_get(s->doc, "rubric");
    s->warnings = cf_get(s->doc, "warnings");
    s->tier_rank = cf_get(s->doc, "tier_rank");
    s->applicant = cf_get(s->doc, "applicant");
    s->completeness = cf_get(s->doc, "completeness");
    s->gaps = cf_get(s->doc, "gaps");
    s->facts = cf_get(s->doc, "facts");
    s->fingerprint = cf_get_str(s->doc, "fingerprint");
    return s->kind = CF_SAVED_REPORT;
}

int cf_saved_scored(const cf_saved *s)
{
    return s->kind == CF_SAVED_REPORT && s->source && s->tier && cJSON_IsNumber(s->score) &&
           s->score->valuedouble >= 0 && s->score->valuedouble <= 100;
}

void cf_saved_free(cf_saved *s)
{
    cJSON_Delete(s->doc);
    s->doc = NULL;
}

cf_status cf_saved_take(const char *file, unsigned line, const char *text, size_t len, cf_saved *s, int *taken,
                        cf_diags *d)
{
    *taken = 0;
    memset(s, 0, sizeof *s);
    if (!cf_holds(text, len, "\"" CF_REPORT_FORMAT "\"") && !cf_holds(text, len, "\"error\""))
        return CF_OK;
    int oom = 0;
    cf_diags tmp = {0};
    cf_saved_kind kind = cf_saved_read(file, line, text, len, s, &tmp, &oom);
    cf_diags_clear(&tmp);   /* not JSON: the profile reader says why */
    *taken = kind == CF_SAVED_ERROR || kind == CF_SAVED_REPORT;
    if (oom)
        return CF_ESYSTEM;
    if (kind == CF_SAVED_ERROR) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "failed-input", "%s failed where it was scored: %s",
                    s->err_source ? s->err_source : "an input", s->err_message ? s->err_message : "no message");
        return CF_EINPUT;
    }
    if (kind == CF_SAVED_REPORT && !cf_saved_scored(s)) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report",
                    "a report needs a source, a score from 0 to 100 and a tier");
        return CF_EINPUT;
    }
    if (kind != CF_SAVED_REPORT)
        s->kind = CF_SAVED_NONE;
    return CF_OK;
}
