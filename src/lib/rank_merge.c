/* Merging the NDJSON reports of shards scored elsewhere (rank --merge):
 * each line a saved report, read back into the records a ranking keeps,
 * so that the merge gives exactly the bytes of one run over all inputs. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rank.h"

/* 1 when a report or failure of source (known by key) was merged before
 * (a shard given twice, or shards that overlap): it is counted once, with
 * a warning.  0 the first time; -1 when memory ran out. */
static int merged_again(cf_ranking *rk, const char *key, const char *source, const char *file, unsigned line,
                        cf_diags *d)
{
    int in = cf_strset_add(&rk->merged, key, strlen(key), NULL);
    if (in > 0)
        cf_diag_add(d, file, line, 1, CF_SEV_WARNING, "merged-twice",
                    "%.200s was merged before: counted once", source);
    return in;
}

cf_status cf_ranking_add_line(cf_ranking *rk, const char *file, unsigned line,
                              const char *text, size_t len, cf_diags *d)
{
    int oom;
    cf_saved sv;
    cf_saved_kind kind = cf_saved_read(file, line, text, len, &sv, d, &oom);
    cf_status st = CF_EINPUT;
    cf_rank_rec *r = NULL;
    const char **qid = NULL;
    double *qs = NULL;
    if (kind == CF_SAVED_NONE)
        return oom ? CF_ESYSTEM : CF_EINPUT;
    if (kind == CF_SAVED_ERROR && sv.err_source && sv.err_message) {
        /* a failure is one input's by its source and line: two broken
         * records of one stream are two failures */
        cf_buf key = {0};
        cf_buf_printf(&key, "%s\n%u", sv.err_source, sv.err_line);
        int again = key.oom ? -1 : merged_again(rk, key.s, sv.err_source, file, line, d);
        cf_buf_free(&key);
        st = again < 0 ? CF_ESYSTEM
             : again   ? CF_OK
                       : cf_ranking_add_error(rk, sv.err_source, sv.err_line, sv.err_col, sv.err_message);
        goto out;
    }
    const char *source = sv.source, *tier = sv.tier;
    const cJSON *score = sv.score, *elig = sv.eligible, *quals = sv.qualities, *gates = sv.gates,
                *rub = sv.rubric;
    int nq = cJSON_GetArraySize(quals);
    if (kind != CF_SAVED_REPORT || !source || !tier || !cJSON_IsNumber(score) || !cJSON_IsBool(elig) ||
        !cJSON_IsArray(quals) || !cJSON_IsObject(rub)) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report",
                    "not a coderfit report (as written by score -f ndjson or rank -f ndjson)");
        goto out;
    }
    if (!(score->valuedouble >= 0 && score->valuedouble <= 100)) {
        /* never clamped into a rank: refused, as a report coderfit did not write */
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report",
                    "the score is %g, not from 0 to 100: not a report coderfit wrote", score->valuedouble);
        goto out;
    }
    /* the qualities' ids and names, then their scores */
    size_t nqz = nq ? (size_t)nq : 1;
    qid = cf_malloc(nqz * (2 * sizeof *qid + sizeof *qs));
    if (!qid) {
        st = CF_ESYSTEM;
        goto out;
    }
    const char **qname = qid + nq;
    qs = (double *)(void *)(qname + nq);
    int i = 0;
    const cJSON *q;
    cJSON_ArrayForEach(q, quals) {
        const cJSON *qsv = cf_get(q, "score");
        qid[i] = cf_get_str(q, "id");
        qname[i] = cf_get_str(q, "name");
        if (!qid[i] || !cJSON_IsNumber(qsv)) {
            cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report", "report quality without id or score");
            goto out;
        }
        if (!(qsv->valuedouble >= 0 && qsv->valuedouble <= 100)) {
            cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "not-a-report",
                        "the score of quality '%.80s' is %g, not from 0 to 100: not a report coderfit wrote", qid[i],
                        qsv->valuedouble);
            goto out;
        }
        qs[i++] = qsv->valuedouble;
    }
    int idn = cf_rank_identity(rk, cf_get_str(rub, "id"), cf_get_str(rub, "version"), cf_get_str(rub, "checksum"),
                               sv.as_of, nq, qid, qname);
    if (idn == 0 && cf_rank_title(rk, cf_get_str(rub, "title")))
        idn = -1;
    if (idn < 0) {
        st = CF_ESYSTEM;
        goto out;
    }
    if (idn) {
        cf_diag_add(d, file, line, 1, CF_SEV_ERROR, "mixed-reports",
                    "report made with another rubric or as-of date than the first one: "
                    "shards must be scored alike to be merged");
        goto out;
    }
    int again = merged_again(rk, source, source, file, line, d);
    if (again) {
        st = again < 0 ? CF_ESYSTEM : CF_OK;
        goto out;
    }
    /* The report's own bytes, less a "rank" that rank -f ndjson put first. */
    size_t start = cf_json_skip_space(text, len, 0), end = len;
    while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r' || text[end - 1] == ' '))
        end--;
    const char *body = text + start;
    size_t blen = end - start;
    cf_buf b = {0};
    if (blen > 8 && memcmp(body, "{\"rank\":", 8) == 0) {
        const char *comma = memchr(body, ',', blen);
        static const char dup[] = "\"duplicate_of\":\"";
        if (comma && (size_t)(body + blen - comma) > sizeof dup && memcmp(comma + 1, dup, sizeof dup - 1) == 0) {
            /* and the "duplicate_of" after it: a string, then a comma */
            const char *p = comma + sizeof dup, *e = body + blen;
            while (p < e && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (p + 1 < e && p[1] == ',')
                comma = p + 1;
        }
        if (comma) {
            cf_buf_putc(&b, '{');
            cf_buf_add(&b, comma + 1, blen - (size_t)(comma + 1 - body));
            if (b.oom) {
                cf_buf_free(&b);
                st = CF_ESYSTEM;
                goto out;
            }
            body = b.s;
            blen = b.len;
        }
    }
    /* a saved report holds only the name: its origin is read back from it */
    size_t path_len;
    unsigned rline;
    cf_origin_split(source, &path_len, &rline);
    cf_applicant who = {0};
    cf_buf gates_s = {0};
    const cJSON *g;
    cJSON_ArrayForEach(g, gates) {
        const char *gl = cf_get_str(g, "label") ? cf_get_str(g, "label") : cf_get_str(g, "id");
        if (gl && cJSON_IsFalse(cf_get(g, "passed"))) {
            if (gates_s.len)
                cf_buf_puts(&gates_s, "; ");
            cf_buf_puts(&gates_s, gl);
        }
    }
    const char *str[CF_RANK_NSTR] = {NULL};
    if (cf_applicant_from_saved(sv.applicant, &who) || gates_s.oom)
        r = NULL;
    else {
        str[CF_RANK_NAME] = who.name;
        str[CF_RANK_EMAIL] = who.email;
        str[CF_RANK_PHONE] = who.phone;
        str[CF_RANK_LOCATION] = who.location;
        str[CF_RANK_GATES] = gates_s.len ? gates_s.s : NULL;
        str[CF_RANK_ID] = who.id;
        const char *fl = cf_get_str(sv.facts, "line");
        str[CF_RANK_FACTS] = fl && *fl ? fl : NULL;
        r = cf_rank_rec_new(rk, source, path_len, rline, rk->o.keep_reports ? body : NULL, blen, str);
    }
    cf_buf_free(&b);
    cf_buf_free(&gates_s);
    if (!r) {
        cf_applicant_free(&who);
        st = CF_ESYSTEM;
        goto out;
    }
    {
        /* the knock-outs, from the facts the report carries */
        cf_facts f;
        if (cf_facts_from_json(sv.facts, &f)) {
            cf_free(r);
            cf_applicant_free(&who);
            r = NULL;
            st = CF_ESYSTEM;
            goto out;
        }
        r->knock = cf_knockouts(&rk->o, &f);
        cf_facts_free(&f);
    }
    r->key[0] = who.email_key;
    r->key[1] = who.phone_key;
    r->key[2] = cf_fingerprint_parse(sv.fingerprint);
    cf_applicant_free(&who);
    r->comp1000 = cJSON_IsNumber(sv.completeness) ? (int)lround(sv.completeness->valuedouble * 1000) : -1;
    r->score10 = cf_tenths(score->valuedouble);
    r->eligible = cJSON_IsTrue(elig);
    r->nwarn = 0;
    {
        /* each warning an object; "more-warnings" stands for the rest */
        const cJSON *w;
        cJSON_ArrayForEach(w, sv.warnings) {
            const char *rule = cf_get_str(w, "rule");
            if (rule && strcmp(rule, "more-warnings") == 0) {
                const char *m = cf_get_str(w, "message");
                r->nwarn += m ? (unsigned)strtoul(m, NULL, 10) : 0;
            } else {
                r->nwarn++;
            }
        }
    }
    for (i = 0; i < nq; i++)
        r->q10[i] = (short)cf_tenths(qs[i]);
    const cJSON *tr = sv.tier_rank;
    int trank = cJSON_IsNumber(tr) && tr->valuedouble >= 1 && tr->valuedouble <= INT_MAX ? (int)tr->valuedouble : 0;
    int bad = cf_rank_set_tier(rk, r, tier, sv.tier_label, trank);
    cJSON_ArrayForEach(g, gates) {
        const char *gid = cf_get_str(g, "id");
        if (!bad && gid && cJSON_IsFalse(cf_get(g, "passed")))
            bad = cf_rank_gate_failed(rk, gid, cf_get_str(g, "label"));
    }
    if (bad) {
        cf_free(r);
        r = NULL;
        st = CF_ESYSTEM;
        goto out;
    }
    st = cf_rank_tally(rk, r);
    r = NULL;
out:
    cf_free(qid);
    cf_saved_free(&sv);
    return st;
}
