/* What a real rubric needs of the engine: tiers that require conditions,
 * conditions on criteria, figures, gates and on other conditions,
 * implications, ranges chosen by the profile, advice by state, the
 * insufficient-information outcome, and rubrics that extend one another. */
#include <stdlib.h>
#include <string.h>
#include "rubric.h"
#include "t.h"

#define ASOF "2026-11-26"
#define HEAD "format: coderfit-rubric/1\nid: t\nversion: \"1\"\n"

/* Two qualities: a credential and months of coding. */
#define QS                                                                                                \
    "qualities:\n"                                                                                        \
    "  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"                                              \
    "      - {id: cred, type: credential, weight: 1, path: credentials, points: {CPC: 1, CCA: 0.5}, "    \
    "currency: {lapsed: 0.5}}\n"                                                                          \
    "      - {id: months, type: ramp, weight: 1, path: derived.coding_months, from: 0, to: 60}\n"

static const char *const CPC_36 =
    "{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CPC\", \"earned\": \"2019-01\"}],"
    " \"experience\": [{\"kind\": \"coding\", \"title\": \"Coder\", \"start\": \"2023-11\"}]}";
static const char *const CPC_12 =
    "{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CPC\", \"earned\": \"2019-01\"}],"
    " \"experience\": [{\"kind\": \"coding\", \"title\": \"Coder\", \"start\": \"2025-11\"}]}";
static const char *const CCA_60 =
    "{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CCA\", \"earned\": \"2019-01\"}],"
    " \"experience\": [{\"kind\": \"coding\", \"title\": \"Coder\", \"start\": \"2021-11\"}]}";

static void expect(const char *yaml, const char *rule, unsigned line, unsigned col)
{
    cf_diags d = {0};
    cf_status st = t_rubric_status(yaml, &d);
    CHECKF(st == CF_ERUBRIC && t_has_diag(&d, rule, line, col), "want %s at %u:%u, got %s at %u:%u (%s)", rule,
           line, col, d.n ? d.items[0].rule : "-", d.n ? d.items[0].line : 0, d.n ? d.items[0].col : 0,
           d.n ? d.items[0].message : "");
    cf_diags_clear(&d);
}

static char *json_of(const cf_report *rep)
{
    char *s = NULL;
    size_t n;
    return cf_report_json(rep, 0, &s, &n) == CF_OK ? s : NULL;
}

/* ---- tiers that require conditions ------------------------------------------ */

static void tier_requirements(void)
{
    const char *y = HEAD
        "tiers:\n"
        "  - id: hi\n    label: Hi\n    min: 60\n    requires:\n"
        "      - {criterion: q.cred, at_least: 1, label: a core credential}\n"
        "      - {path: derived.coding_months, at_least: 24, label: two years}\n"
        "  - {id: mid, label: Mid, min: 30}\n"
        "  - {id: lo, label: Lo, min: 0}\n" QS;
    cf_rubric *r = t_rubric(y);
    CHECK(r && r->nreq == 2 && r->tiers[0].nreq == 2);
    if (!r)
        return;
    /* 1 + 36/60 = 80 of 100: hi */
    cf_report *a = t_score(r, CPC_36, ASOF);
    CHECK(a && strcmp(cf_report_tier(a), "hi") == 0 && !cf_report_held_back(a));
    /* CPC with 12 months: 60 reaches hi's min but not its requirements */
    cf_report *b = t_score(r, CPC_12, ASOF);
    CHECK(b && cf_report_score(b) >= 60 && strcmp(cf_report_tier(b), "mid") == 0);
    const cf_tier *held = b ? cf_report_held_back(b) : NULL;
    CHECK(held && strcmp(held->id, "hi") == 0);
    cf_buf why = {0};
    if (b)
        cf_report_held_back_text(b, &why);
    CHECKF(why.s && strcmp(why.s, "two years") == 0, "%s", why.s ? why.s : "");
    cf_buf_free(&why);
    char *js = b ? json_of(b) : NULL;
    CHECKF(js && strstr(js, "\"tier\":\"mid\",\"tier_label\":\"Mid\",\"tier_rank\":2,"
                            "\"held_back\":{\"tier\":\"hi\",\"tier_label\":\"Hi\",\"requires\":[\"two years\"]}"),
           "%s", js ? js : "");
    cf_free(js);
    /* a CCA with 60 months: 0.5 + 1 = 75, held back by the credential */
    cf_report *c = t_score(r, CCA_60, ASOF);
    CHECK(c && cf_report_score(c) > cf_report_score(b) && strcmp(cf_report_tier(c), "mid") == 0);
    /* the text report says why */
    char *txt = NULL;
    size_t n;
    cf_text_opts to = {0, 80};
    CHECK(c && cf_report_text(c, &to, &txt, &n) == CF_OK && txt &&
          strstr(txt, "The score reaches Hi, which needs: a core credential\n"));
    cf_free(txt);
    /* a ranking lists tiers first: the CCA's higher score ranks below the
     * hi tier's profile, and above the other mid one */
    cf_rank_opts ro = {0};
    cf_ranking *rk = cf_ranking_new(&ro);
    cf_ranking_add(rk, c);
    cf_ranking_add(rk, b);
    cf_ranking_add(rk, a);
    char *csv = NULL;
    cf_buf out = {0};
    cf_rank_write_opts wo = {CF_RANK_CSV, 0, 0, 0};
    CHECK(cf_ranking_write(rk, &wo, t_sink_buf, &out) == CF_OK);
    csv = out.s;
    const char *p1 = csv ? strstr(csv, "\r\n1,") : NULL, *p2 = csv ? strstr(csv, "\r\n2,") : NULL;
    CHECKF(p1 && p2 && strncmp(p1 + 4, "scored,test,,,,test.json", 24) == 0 && strstr(p1, ",hi,") < p2 &&
               strstr(p2, ",mid,") && strstr(p2, ",75.0,"),
           "%s", csv ? csv : "");
    cf_buf_free(&out);
    cf_ranking_free(rk);
    cf_report_free(a);
    cf_report_free(b);
    cf_report_free(c);
    cf_rubric_free(r);

    /* the last tier cannot require anything; "insufficient" is not an id */
    expect(HEAD "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - id: lo\n    label: Lo\n    min: 0\n"
                "    requires: [{gate: g}]\n" QS,
           "tier-gap", 9, 15);
    expect(HEAD "tiers:\n  - {id: insufficient, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n" QS,
           "bad-id", 5, 5);
}

/* ---- conditions ---------------------------------------------------------------- */

static int tier_with(const char *cond, const char *profile)
{
    char y[4096];
    snprintf(y, sizeof y,
             HEAD "gates:\n  - {id: g, label: G, any: [{criterion: q.cred, above: 0}], advice: A}\n"
                  "tiers:\n  - id: hi\n    label: Hi\n    min: 0.1\n    requires:\n      - %s\n"
                  "  - {id: lo, label: Lo, min: 0}\n" QS,
             cond);
    cf_rubric *r = t_rubric(y);
    cf_report *rep = r ? t_score(r, profile, ASOF) : NULL;
    int hi = rep ? strcmp(cf_report_tier(rep), "hi") == 0 : -1;
    cf_report_free(rep);
    cf_rubric_free(r);
    return hi;
}

static void conditions(void)
{
    /* figures: at_least, above, at_most, below, on the largest value */
    CHECK(tier_with("{path: derived.coding_months, at_least: 36}", CPC_36) == 1);
    CHECK(tier_with("{path: derived.coding_months, above: 40}", CPC_36) == 0);
    CHECK(tier_with("{path: derived.coding_months, at_most: 40}", CPC_36) == 1);
    CHECK(tier_with("{path: derived.coding_months, below: 36}", CPC_36) == 0);
    /* a flag counts as 1 or 0 */
    CHECK(tier_with("{path: derived.credential_current, at_least: 1}", CPC_36) == 1);
    /* missing: a figure not stated fails, unless missing: pass */
    CHECK(tier_with("{path: measures.audit_accuracy, at_least: 0.9}", CPC_36) == 0);
    CHECK(tier_with("{path: measures.audit_accuracy, at_least: 0.9, missing: pass}", CPC_36) == 1);
    CHECK(tier_with("{criterion: q.cred, at_least: 1, missing: pass}", "{\"format\": \"coderfit-profile/1\", "
                    "\"experience\": [{\"kind\": \"coding\", \"start\": \"2020-01\"}]}") == 1);
    /* a gate, and any / all of others, nested */
    CHECK(tier_with("{gate: g}", CPC_36) == 1);
    CHECK(tier_with("{gate: g}", "{\"format\": \"coderfit-profile/1\"}") == 0);
    CHECK(tier_with("{any: [{criterion: q.cred, at_least: 1}, {path: derived.coding_months, at_least: 99}]}",
                    CCA_60) == 0);
    CHECK(tier_with("{any: [{criterion: q.cred, at_least: 1}, {all: [{gate: g}, "
                    "{path: derived.coding_months, at_least: 59}]}]}",
                    CCA_60) == 1);
    /* what is wrong with a condition, where it is */
    const char *pre = HEAD "tiers:\n  - id: hi\n    label: Hi\n    min: 50\n    requires:\n";
    const char *post = "  - {id: lo, label: Lo, min: 0}\n" QS;
    char y[4096];
    static const struct {
        const char *cond, *rule;
        unsigned col;
    } bad[] = {
        {"      - {criterion: q.cred, path: derived.coding_months, at_least: 1}\n", "tier-conditions", 9},
        {"      - {criterion: q.cred, at_most: 1}\n", "tier-conditions", 38},
        {"      - {criterion: q.nope, at_least: 1}\n", "unknown-criterion", 21},
        {"      - {gate: nope}\n", "unknown-gate", 16},
        {"      - {any: [{gate: nope}], at_least: 1}\n", "tier-conditions", 41},
        {"      - {path: derived.setting, at_least: 1}\n", "path-type", 16},
        {"      - {path: applicant.name, at_least: 1}\n", "protected-attribute", 16},
        {"      - {path: derived.coding_months, at_least: 1, missing: maybe}\n", "bad-value", 61},
        {"      - {criterion: q.cred, at_least: 2}\n", "bad-number", 39},
    };
    for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
        snprintf(y, sizeof y, "%s%s%s", pre, bad[i].cond, post);
        expect(y, bad[i].rule, 9, bad[i].col);
    }
    /* a gate cannot name a gate; nesting is bounded */
    expect(HEAD "gates:\n  - {id: g, label: G, any: [{gate: g}], advice: A}\n"
                "tiers:\n  - {id: lo, label: Lo, min: 0}\n" QS,
           "gate-conditions", 5, 36);
    cf_buf deep = {0};
    cf_buf_printf(&deep, "%s      - ", pre);
    for (int i = 0; i < 10; i++)
        cf_buf_puts(&deep, "{any: [");
    cf_buf_puts(&deep, "{gate: g}");
    for (int i = 0; i < 10; i++)
        cf_buf_puts(&deep, "]}");
    cf_buf_printf(&deep, "\n%s", post);
    cf_diags d = {0};
    CHECK(deep.s && t_rubric_status(deep.s, &d) == CF_ERUBRIC && t_has_diag(&d, "tier-conditions", 9, 0));
    cf_diags_clear(&d);
    cf_buf_free(&deep);
}

/* ---- implications and ranges ------------------------------------------------------ */

static void implications(void)
{
    const char *y = HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
        "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
        "      - id: courses\n        type: terms\n        weight: 1\n        path: education[].courses\n"
        "        terms: {anatomy: [anatomy and physiology]}\n        implied_by:\n"
        "          - {path: derived.coding_months, from: 0, to: 24, up_to: 0.5, label: coding work}\n"
        "          - {path: derived.credential_current, up_to: 0.25}\n";
    cf_rubric *r = t_rubric(y);
    CHECK(r != NULL);
    if (!r)
        return;
    /* 12.8 months: 0.27 of the 0.5 implied; nothing of its own stated, yet
     * stated through the implication */
    cf_report *a = t_score(r, "{\"format\": \"coderfit-profile/1\", \"experience\": [{\"kind\": \"coding\", "
                              "\"start\": \"2025-11\"}]}", ASOF);
    const cf_result *ra = a ? t_result(a, "q.courses") : NULL;
    CHECKF(ra && ra->fraction > 0.26 && ra->fraction < 0.27 && ra->implied && !ra->missing &&
               ra->nev == 1 && strcmp(ra->ev[0].path, "derived.coding_months") == 0 &&
               strcmp(ra->ev[0].note, "implied: coding work") == 0,
           "%f", ra ? ra->fraction : -1);
    /* the flag: true gives up_to; the best implication counts */
    cf_report *b = t_score(r, CPC_36, ASOF);
    const cf_result *rb = b ? t_result(b, "q.courses") : NULL;
    CHECKF(rb && rb->fraction > 0.49 && rb->fraction < 0.51, "%f", rb ? rb->fraction : -1);
    /* own evidence above what is implied wins, and is not "implied" */
    cf_report *c = t_score(r, "{\"format\": \"coderfit-profile/1\", \"education\": [{\"level\": \"certificate\", "
                              "\"courses\": [\"Anatomy and Physiology\"]}], \"experience\": [{\"kind\": "
                              "\"coding\", \"start\": \"2025-11\"}]}", ASOF);
    const cf_result *rc = c ? t_result(c, "q.courses") : NULL;
    CHECK(rc && rc->fraction == 1 && !rc->implied);
    char *js = a ? json_of(a) : NULL;
    CHECK(js && strstr(js, "\"missing\":false,\"implied\":true,"));
    cf_free(js);
    cf_report_free(a);
    cf_report_free(b);
    cf_report_free(c);
    cf_rubric_free(r);
    /* what an implication must be */
    const char *pre = HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
        "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
        "      - id: f\n        type: flag\n        weight: 1\n        path: attestations.hipaa_trained\n"
        "        implied_by:\n";
    char yy[2048];
    static const struct {
        const char *imp, *rule;
        unsigned col;
    } bad[] = {
        {"          - {path: derived.credential_current, from: 0, to: 1}\n", "unknown-key", 54},
        {"          - {path: derived.coding_months, from: 0}\n", "missing-key", 13},
        {"          - {path: derived.coding_months, from: 3, to: 3}\n", "bad-number", 56},
        {"          - {path: derived.coding_months, from: 0, to: 3, up_to: 0}\n", "bad-number", 66},
        {"          - {path: derived.setting}\n", "path-type", 20},
        {"          - {path: derived.coding_months, from: 0, to: 3, upto: 1}\n", "unknown-key", 59},
    };
    for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
        snprintf(yy, sizeof yy, "%s%s", pre, bad[i].imp);
        expect(yy, bad[i].rule, 16, bad[i].col);
    }
}

static void ranges(void)
{
    const char *y = HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
        "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
        "      - id: ceu\n        type: ramp\n        weight: 1\n        path: derived.ceu_hours_24m\n"
        "        from: 0\n        to: 10\n"
        "        ranges:\n          path: credentials[].body\n"
        "          values: {AAPC: {from: 0, to: 36}, AHIMA: {from: 0, to: 20}}\n";
    cf_rubric *r = t_rubric(y);
    CHECK(r != NULL);
    if (!r)
        return;
    static const struct {
        const char *bodies;
        double want;
    } cases[] = {
        {"", 1},                                                            /* default: 0-10 */
        {"{\"code\": \"CCS\", \"body\": \"AHIMA\"}", 0.9},                  /* 18 of 20 */
        {"{\"code\": \"CPC\", \"body\": \"AAPC\"}", 0.5},                   /* 18 of 36 */
        {"{\"code\": \"CCS\", \"body\": \"AHIMA\"}, {\"code\": \"CPC\", \"body\": \"AAPC\"}", 0.5},  /* strictest */
        {"{\"code\": \"CBCS\", \"body\": \"NHA\"}", 1},                     /* no range: default */
    };
    for (size_t i = 0; i < CF_ARRAY_LEN(cases); i++) {
        char p[512];
        snprintf(p, sizeof p, "{\"format\": \"coderfit-profile/1\", \"measures\": {\"ceu_hours_24m\": 18}, "
                              "\"credentials\": [%s]}", cases[i].bodies);
        cf_report *rep = t_score(r, p, ASOF);
        const cf_result *res = rep ? t_result(rep, "q.ceu") : NULL;
        CHECKF(res && res->fraction > cases[i].want - 0.001 && res->fraction < cases[i].want + 0.001,
               "%zu: %f", i, res ? res->fraction : -1);
        if (i == 2)
            CHECK(res && res->nev == 1 && res->ev[0].note && strcmp(res->ev[0].note, "range for AAPC: 0 to 36") == 0);
        cf_report_free(rep);
    }
    cf_rubric_free(r);
    expect(HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
                "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
                "      - {id: c, type: ramp, weight: 1, path: derived.ceu_hours_24m, from: 0, to: 1, "
                "ranges: {path: derived.coding_months, values: {a: {from: 0, to: 1}}}}\n",
           "path-type", 11, 100);
    expect(HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
                "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
                "      - {id: c, type: ramp, weight: 1, path: derived.ceu_hours_24m, from: 0, to: 1, "
                "ranges: {path: derived.setting, values: {inpatient: {from: 2, to: 2}}}}\n",
           "bad-number", 11, 151);
}

/* ---- advice by state ---------------------------------------------------------------- */

static void advice_states(void)
{
    const char *y = HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
        "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
        "      - id: cred\n        type: credential\n        weight: 1\n        path: credentials\n"
        "        points: {CPC: 1, CPC-A: 0.5, CCA: 0.5}\n        currency: {lapsed: 0.5, undated: 0.8}\n"
        "        advice:\n          default: D\n          lower: L\n          lapsed: X\n"
        "          apprentice: A\n          in_progress: P\n          undated: U\n"
        "      - id: train\n        type: level\n        weight: 1\n        path: education[].level\n"
        "        levels: {certificate: 0.5, associate: 1}\n        advice: {default: T, in_progress: TP}\n";
    cf_rubric *r = t_rubric(y);
    CHECK(r != NULL);
    if (!r)
        return;
    static const struct {
        const char *creds, *state, *advice;
    } cases[] = {
        {"", "none", "D"},
        {"{\"code\": \"CCA\", \"earned\": \"2020-01\"}", "lower", "L"},
        {"{\"code\": \"CPC\", \"earned\": \"2015-01\", \"status\": \"lapsed\"}", "lapsed", "X"},
        {"{\"code\": \"CPC-A\", \"earned\": \"2025-01\"}", "apprentice", "A"},
        {"{\"code\": \"CPC\", \"status\": \"in_progress\"}", "in_progress", "P"},
        {"{\"code\": \"CPC\", \"from\": \"basics.label\"}", "undated", "U"},
        {"{\"code\": \"RN\", \"earned\": \"2010-01\"}", "none", "D"},   /* a licence is not a lower credential */
    };
    for (size_t i = 0; i < CF_ARRAY_LEN(cases); i++) {
        char p[512];
        snprintf(p, sizeof p, "{\"format\": \"coderfit-profile/1\", \"credentials\": [%s]}", cases[i].creds);
        cf_report *rep = t_score(r, p, ASOF);
        const cf_result *res = rep ? t_result(rep, "q.cred") : NULL;
        const char *st = res ? cf_astate_name(res->state) : NULL;
        CHECKF(res && st && strcmp(st, cases[i].state) == 0 && strcmp(cf_result_advice(res), cases[i].advice) == 0,
               "%zu: %s %s", i, st ? st : "-", res ? cf_result_advice(res) : "-");
        char *js = rep ? json_of(rep) : NULL;
        char want[64];
        snprintf(want, sizeof want, "\"state\":\"%s\",\"advice\":\"%s\"", cases[i].state, cases[i].advice);
        CHECKF(js && strstr(js, want), "%zu: gaps of %s", i, js ? js : "");
        cf_free(js);
        cf_report_free(rep);
    }
    /* a state without its own text takes the default */
    cf_report *rep = t_score(r, "{\"format\": \"coderfit-profile/1\", \"education\": [{\"level\": \"certificate\"}]}",
                             ASOF);
    const cf_result *res = rep ? t_result(rep, "q.train") : NULL;
    CHECK(res && res->state == CF_A_LOWER && strcmp(cf_result_advice(res), "T") == 0);
    cf_report_free(rep);
    rep = t_score(r, "{\"format\": \"coderfit-profile/1\", \"education\": [{\"level\": \"associate\", "
                     "\"status\": \"in_progress\"}]}", ASOF);
    res = rep ? t_result(rep, "q.train") : NULL;
    CHECK(res && res->state == CF_A_IN_PROGRESS && strcmp(cf_result_advice(res), "TP") == 0);
    cf_report_free(rep);
    cf_rubric_free(r);
    /* an unknown state, and a mapping without a default */
    const char *pre = HEAD "tiers:\n  - {id: lo, label: Lo, min: 0}\n"
        "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
        "      - {id: f, type: flag, weight: 1, path: attestations.hipaa_trained, advice: ";
    char yy[1024];
    snprintf(yy, sizeof yy, "%s{default: a, sleepy: b}}\n", pre);
    expect(yy, "unknown-key", 11, 95);
    snprintf(yy, sizeof yy, "%s{none: a}}\n", pre);
    expect(yy, "missing-key", 11, 82);
}

/* ---- insufficient information --------------------------------------------------------- */

static void insufficient(void)
{
    cf_rubric *r = t_rubric(HEAD "insufficient: {below: 0.5}\ntiers:\n  - {id: lo, label: Lo, min: 0}\n" QS);
    CHECK(r && r->insufficient_below == 0.5 && strcmp(r->insufficient_label, "Insufficient information") == 0);
    if (!r)
        return;
    /* a credential alone states half of the weight: enough */
    cf_report *a = t_score(r, "{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CCA\"}]}", ASOF);
    CHECK(a && !cf_report_insufficient(a) && strcmp(cf_report_tier(a), "lo") == 0);
    cf_report *b = t_score(r, "{\"format\": \"coderfit-profile/1\"}", ASOF);
    CHECK(b && cf_report_insufficient(b) && strcmp(cf_report_tier(b), "insufficient") == 0 &&
          strcmp(cf_report_tier_label(b), "Insufficient information") == 0);
    char *js = b ? json_of(b) : NULL;
    CHECK(js && strstr(js, "\"tier\":\"insufficient\",\"tier_label\":\"Insufficient information\",\"tier_rank\":2,"));
    cf_free(js);
    /* in a ranking, after every tier */
    cf_rank_opts ro = {0};
    cf_ranking *rk = cf_ranking_new(&ro);
    cf_ranking_add(rk, b);
    cf_ranking_add(rk, a);
    cf_buf out = {0};
    cf_rank_write_opts wo = {CF_RANK_TEXT, 0, 0, 0};
    CHECK(cf_ranking_write(rk, &wo, t_sink_buf, &out) == CF_OK && out.s);
    const char *lo = out.s ? strstr(out.s, "    1 ") : NULL, *ins = out.s ? strstr(out.s, "    2 ") : NULL;
    CHECKF(lo && ins && strstr(lo, " Lo ") && strstr(ins, " Insufficient information") &&
               strstr(out.s, "Tiers: Lo 1, Insufficient information 1"),
           "%s", out.s ? out.s : "");
    cf_buf_free(&out);
    cf_ranking_free(rk);
    cf_report_free(a);
    cf_report_free(b);
    cf_rubric_free(r);
    expect(HEAD "insufficient: {below: 1}\ntiers:\n  - {id: lo, label: Lo, min: 0}\n" QS, "bad-number", 4, 23);
    expect(HEAD "insufficient: {label: x}\ntiers:\n  - {id: lo, label: Lo, min: 0}\n" QS, "missing-key", 4, 15);
}

/* ---- extends ------------------------------------------------------------------------------ */

typedef struct files {
    const char *name[4], *text[4];
} files;

static int reader(void *ctx, const char *from, const char *ref, char **name, char **text, size_t *len, char *err,
                  size_t errsize)
{
    const files *f = ctx;
    (void)from;
    for (int i = 0; i < 4 && f->name[i]; i++)
        if (strcmp(f->name[i], ref) == 0) {
            *name = cf_strdup(ref);
            *text = cf_strdup(f->text[i]);
            *len = strlen(f->text[i]);
            return 0;
        }
    snprintf(err, errsize, "no such file");
    return -1;
}

static cf_status load_ext(const char *yaml, const files *f, cf_rubric **r, cf_diags *d)
{
    return cf_rubric_load_with("team.yaml", yaml, strlen(yaml), reader, (void *)f, r, d);
}

static void extends(void)
{
    /* the built-in rubrics: the general one first in name, each loads, each
     * id is its file's */
    CHECK(cf_rubric_builtin_count() >= 4 && cf_rubric_builtin_find("medical-coder", NULL) &&
          cf_rubric_builtin_find("profee-coder", NULL) && !cf_rubric_builtin_find("nope", NULL));
    for (size_t i = 0; i < cf_rubric_builtin_count(); i++) {
        const char *id;
        size_t len;
        const char *text = cf_rubric_builtin(i, &id, &len);
        cf_diags d = {0};
        cf_rubric *r = NULL;
        CHECKF(cf_rubric_load(id, text, len, &r, &d) == CF_OK && d.n == 0 && strcmp(cf_rubric_id(r), id) == 0,
               "built-in %s", id);
        cf_diags_clear(&d);
        cf_rubric_free(r);
    }
    /* a team rubric: one weight, one point, one criterion removed, one added */
    files f = {{"base.yaml"}, {HEAD "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n"
                                    QS "      - {id: gone, type: flag, weight: 1, path: attestations.hipaa_trained}\n"}};
    const char *team = "format: coderfit-rubric/1\nextends: base.yaml\nid: team\nversion: \"2\"\n"
                       "qualities:\n  - id: q\n    weight: 3\n    criteria:\n"
                       "      - {id: cred, points: {CCA: 0.75}}\n      - {id: gone, remove: true}\n"
                       "      - {id: new, type: flag, weight: 1, path: derived.credential_current}\n";
    cf_diags d = {0};
    cf_rubric *r = NULL;
    CHECK(load_ext(team, &f, &r, &d) == CF_OK);
    if (r) {
        const cf_quality *q = &r->qualities[0];
        CHECK(strcmp(r->id, "team") == 0 && strcmp(r->version, "2") == 0 && r->ntiers == 2 && q->weight == 3);
        CHECKF(q->ncriteria == 3 && strcmp(q->criteria[0].id, "cred") == 0 && strcmp(q->criteria[1].id, "months") == 0 &&
                   strcmp(q->criteria[2].id, "new") == 0,
               "%zu criteria", q->ncriteria);
        int known;
        double cpc = 0, cca = 0;
        for (size_t i = 0; i < q->criteria[0].npairs; i++) {
            if (strcmp(q->criteria[0].pairs[i].key, "CPC") == 0)
                cpc = q->criteria[0].pairs[i].val;
            if (strcmp(q->criteria[0].pairs[i].key, "CCA") == 0)
                cca = q->criteria[0].pairs[i].val;
        }
        (void)known;
        CHECK(cpc == 1 && cca == 0.75 && q->criteria[0].has_currency && q->criteria[0].lapsed == 0.5);
        cf_rubric *base = t_rubric(f.text[0]);
        CHECK(base && strcmp(cf_rubric_checksum(base), cf_rubric_checksum(r)) != 0);
        cf_rubric_free(base);
    }
    cf_rubric_free(r);
    r = NULL;
    cf_diags_clear(&d);
    /* the whole result, as YAML that loads alone to the same rubric */
    char *out = NULL;
    size_t olen;
    CHECK(cf_rubric_show("team.yaml", team, strlen(team), reader, &f, 0, &out, &olen, &d) == CF_OK && out &&
          strncmp(out, "# team.yaml\n# extends base.yaml\n", 32) == 0 && !strstr(out, "extends:") &&
          !strstr(out, "remove") && !strstr(out, "gone"));
    cf_diags_clear(&d);
    char *j1 = NULL, *j2 = NULL;
    size_t l1, l2;
    CHECK(out && cf_rubric_json("shown.yaml", out, olen, &j1, &l1, &d) == CF_OK);
    CHECK(cf_rubric_show("team.yaml", team, strlen(team), reader, &f, 1, &j2, &l2, &d) == CF_OK);
    CHECK(j1 && j2 && l1 == l2 && memcmp(j1, j2, l1) == 0);
    cf_free(j1);
    cf_free(j2);
    cf_free(out);
    cf_diags_clear(&d);
    /* a problem is reported in the file that wrote it */
    files g = {{"base.yaml"}, {HEAD "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n"
                                    QS "      - {id: odd, type: flag, weight: -1, path: attestations.hipaa_trained}\n"}};
    const char *team2 = "format: coderfit-rubric/1\nextends: base.yaml\nid: team\nversion: \"2\"\n"
                        "qualities:\n  - id: q\n    criteria:\n      - {id: cred, pionts: {CCA: 0.75}}\n";
    CHECK(load_ext(team2, &g, &r, &d) == CF_ERUBRIC);
    int in_team = 0, in_base = 0;
    for (size_t i = 0; i < d.n; i++) {
        in_team |= strcmp(d.items[i].file, "team.yaml") == 0 && d.items[i].line == 8 && d.items[i].col == 20 &&
                   strcmp(d.items[i].rule, "unknown-key") == 0;
        in_base |= strcmp(d.items[i].file, "base.yaml") == 0 && d.items[i].line == 14 &&
                   strcmp(d.items[i].rule, "bad-number") == 0;
    }
    CHECK(in_team && in_base);
    cf_diags_clear(&d);
    /* the merge's own problems */
    static const struct {
        const char *tail, *want;
        unsigned line, col;
    } bad[] = {
        {"qualities:\n  - {name: no id}\n", "needs an 'id'", 6, 5},
        {"qualities:\n  - {id: nope, remove: true}\n", "nothing to remove", 6, 5},
        {"qualities:\n  - id: q\n    criteria:\n      - {id: nope, remove: true}\n", "nothing to remove", 8, 9},
    };
    for (size_t i = 0; i < CF_ARRAY_LEN(bad); i++) {
        char y[512];
        snprintf(y, sizeof y, "format: coderfit-rubric/1\nextends: base.yaml\nid: team\nversion: \"2\"\n%s",
                 bad[i].tail);
        CHECK(load_ext(y, &f, &r, &d) == CF_ERUBRIC && t_has_diag(&d, "extends", bad[i].line, bad[i].col) &&
              strstr(d.items[0].message, bad[i].want));
        cf_diags_clear(&d);
    }
    /* what extends must name; a cycle; a file without a reader */
    const char *head = "format: coderfit-rubric/1\nid: x\nversion: \"1\"\n";
    char y[512];
    snprintf(y, sizeof y, "%sextends: nope\n", head);
    CHECK(load_ext(y, &f, &r, &d) == CF_ERUBRIC && t_has_diag(&d, "extends", 4, 10) &&
          strstr(d.items[0].message, "no built-in rubric 'nope' (built in: inpatient-coder, medical-coder"));
    cf_diags_clear(&d);
    snprintf(y, sizeof y, "%sextends: [a]\n", head);
    CHECK(load_ext(y, &f, &r, &d) == CF_ERUBRIC && t_has_diag(&d, "wrong-type", 4, 10));
    cf_diags_clear(&d);
    snprintf(y, sizeof y, "%sextends: other.yaml\n", head);
    CHECK(load_ext(y, &f, &r, &d) == CF_ERUBRIC && t_has_diag(&d, "extends", 4, 10) &&
          strstr(d.items[0].message, "cannot read the rubric it extends, 'other.yaml': no such file"));
    cf_diags_clear(&d);
    CHECK(cf_rubric_load("x.yaml", y, strlen(y), &r, &d) == CF_ERUBRIC && t_has_diag(&d, "extends", 4, 10) &&
          strstr(d.items[0].message, "cannot extend a file here"));
    cf_diags_clear(&d);
    files loop = {{"a.yaml", "team.yaml"}, {"format: coderfit-rubric/1\nextends: team.yaml\nid: a\nversion: \"1\"\n",
                                            "format: coderfit-rubric/1\nextends: a.yaml\nid: t\nversion: \"1\"\n"}};
    CHECK(load_ext(loop.text[1], &loop, &r, &d) == CF_ERUBRIC && t_has_diag(&d, "extends", 2, 10) &&
          strstr(d.items[0].message, "cycle"));
    cf_diags_clear(&d);
    /* the built-in role rubrics: a pro-fee coder's CEMC counts as core there */
    size_t len;
    const char *pf = cf_rubric_builtin_find("profee-coder", &len);
    CHECK(pf && cf_rubric_load("profee-coder.yaml", pf, len, &r, &d) == CF_OK);
    if (r) {
        cf_report *rep = t_score(r, "{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CEMC\", "
                                    "\"earned\": \"2019-01\"}], \"experience\": [{\"kind\": \"coding\", "
                                    "\"start\": \"2020-01\", \"setting\": \"physician\"}]}", ASOF);
        const cf_result *res = rep ? t_result(rep, "education.credential") : NULL;
        CHECK(res && res->fraction == 1 && strcmp(cf_report_tier(rep), "strong") == 0);
        CHECK(rep && !t_result(rep, "technical.mpi"));
        cf_report_free(rep);
    }
    cf_rubric_free(r);
    cf_diags_clear(&d);
}

/* ---- derived figures the rubric reads -------------------------------------------------------- */

static void derived(void)
{
    cf_profile *p = t_profile("{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CPC\", "
                              "\"status\": \"lapsed\"}, {\"code\": \"CCS\", \"earned\": \"2020-01\"}], "
                              "\"experience\": [{\"kind\": \"coding\", \"start\": \"2015-01\", \"end\": \"2020-12\", "
                              "\"setting\": \"inpatient\"}, {\"kind\": \"audit\", \"start\": \"2025-11\", "
                              "\"setting\": \"physician\"}, {\"kind\": \"coding\", \"start\": \"2018-01\", "
                              "\"end\": \"2019-01\", \"setting\": \"outpatient\"}]}",
                              ASOF);
    char *js = NULL;
    size_t n;
    CHECK(p && cf_profile_to_json(p, 0, &js, &n) == CF_OK);
    /* the audit job is the latest: its setting; a year of it in the last
     * two; the CCS is current though the CPC lapsed */
    CHECKF(js && strstr(js, "\"audit_months\":12.") && strstr(js, "\"recent_coding_months\":12.") &&
               strstr(js, "\"setting\":\"physician\"") && strstr(js, "\"credential_current\":true"),
           "%s", js ? js : "");
    cf_free(js);
    cf_profile_free(p);
    p = t_profile("{\"format\": \"coderfit-profile/1\", \"credentials\": [{\"code\": \"CPC\", \"status\": "
                  "\"lapsed\"}], \"experience\": [{\"kind\": \"coding\", \"start\": \"2015-01\", \"end\": \"2020-12\"}]}",
                  ASOF);
    js = NULL;
    CHECK(p && cf_profile_to_json(p, 0, &js, &n) == CF_OK);
    CHECKF(js && strstr(js, "\"recent_coding_months\":0,") && !strstr(js, "credential_current") &&
               !strstr(js, "\"setting\""),
           "%s", js ? js : "");
    cf_free(js);
    cf_profile_free(p);
}

void test_rules(void)
{
    tier_requirements();
    conditions();
    implications();
    ranges();
    advice_states();
    insufficient();
    extends();
    derived();
}
