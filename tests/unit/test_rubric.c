/* The rubric loader: the default rubric, and every kind of broken rubric
 * reported at its line and column. */
#include <string.h>
#include <time.h>
#include "rubric.h"
#include "t.h"

/* A minimal valid rubric; tests splice their own pieces into it. */
#define HEAD "format: coderfit-rubric/1\nid: t\nversion: \"1\"\n"
#define TIERS "tiers:\n  - {id: hi, label: Hi, min: 50}\n  - {id: lo, label: Lo, min: 0}\n"
#define Q1 "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
#define FLAG "      - {id: f, type: flag, weight: 1, path: attestations.hipaa_trained}\n"

static void default_rubric(void)
{
    cf_diags d = {0};
    cf_rubric *r = NULL;
    CHECK(cf_rubric_load_default(&r, &d) == CF_OK && d.n == 0);
    if (!r)
        return;
    static const char *const ids[] = {"education", "attention_to_detail", "medical_knowledge",
                                      "communication", "technical", "ethics", "independence"};
    CHECK(r->nqualities == 7);
    for (size_t i = 0; i < 7 && i < r->nqualities; i++)
        CHECKF(strcmp(r->qualities[i].id, ids[i]) == 0, "%s", r->qualities[i].id);
    double total = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        for (size_t j = 0; j < r->qualities[i].ncriteria; j++) {
            total += r->qualities[i].criteria[j].share;
            CHECKF(r->qualities[i].criteria[j].advice != NULL, "%s has advice", r->qualities[i].criteria[j].id);
        }
    CHECKF(total > 99.999 && total < 100.001, "%f", total);
    CHECK(r->ngates >= 1 && strcmp(r->gates[0].id, "coding_training") == 0);
    CHECK(strlen(cf_rubric_checksum(r)) == 16);
    cf_rubric_free(r);
}

static void expect(const char *yaml, const char *rule, unsigned line, unsigned col)
{
    cf_diags d = {0};
    cf_status st = t_rubric_status(yaml, &d);
    CHECKF(st == CF_ERUBRIC, "status %d for rule %s", st, rule);
    CHECKF(t_has_diag(&d, rule, line, col), "want %s at %u:%u, got %s at %u:%u (%s)", rule, line, col,
           d.n ? d.items[0].rule : "-", d.n ? d.items[0].line : 0, d.n ? d.items[0].col : 0,
           d.n ? d.items[0].message : "");
    cf_diags_clear(&d);
}

static void broken(void)
{
    cf_rubric *ok = t_rubric(HEAD TIERS Q1 FLAG);
    CHECK(ok != NULL);
    cf_rubric_free(ok);
    /* unknown key, with a suggestion */
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, wieght: 1, weight: 1, path: attestations.hipaa_trained}\n",
           "unknown-key", 12, 29);
    cf_diags d = {0};
    t_rubric_status(HEAD TIERS Q1 "      - {id: f, type: flag, wieght: 1, weight: 1, path: attestations.hipaa_trained}\n", &d);
    int suggested = 0;
    for (size_t i = 0; i < d.n; i++)
        suggested |= d.items[i].rule && strcmp(d.items[i].rule, "unknown-key") == 0 &&
                     strstr(d.items[i].message, "did you mean 'weight'") != NULL;
    CHECK(suggested);
    cf_diags_clear(&d);
    /* duplicate key */
    expect(HEAD "id: u\n" TIERS Q1 FLAG, "duplicate-key", 4, 1);
    /* wrong type */
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, weight: heavy, path: attestations.hipaa_trained}\n",
           "wrong-type", 12, 37);
    expect(HEAD TIERS "qualities: {id: q}\n", "wrong-type", 7, 12);
    /* weights must be positive and finite */
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, weight: 0, path: attestations.hipaa_trained}\n",
           "bad-number", 12, 37);
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, weight: .inf, path: attestations.hipaa_trained}\n",
           "wrong-type", 12, 37);
    /* unknown criterion type, and keys of another type */
    expect(HEAD TIERS Q1 "      - {id: f, type: magic, weight: 1, path: attestations.hipaa_trained}\n",
           "unknown-type", 12, 23);
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, weight: 1, levels: {a: 1}, path: attestations.hipaa_trained}\n",
           "unknown-key", 12, 40);
    /* missing required key */
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, path: attestations.hipaa_trained}\n", "missing-key", 12, 9);
    /* paths: unknown, protected, wrong type */
    expect(HEAD TIERS Q1 "      - {id: f, type: flag, weight: 1, path: attestations.nope}\n", "unknown-path", 12, 46);
    expect(HEAD TIERS Q1 "      - {id: f, type: terms, weight: 1, path: applicant.name, terms: {x: []}}\n",
           "protected-attribute", 12, 47);
    expect(HEAD TIERS Q1 "      - {id: f, type: ramp, weight: 1, path: \"experience[].employer\", from: 0, to: 1}\n",
           "protected-attribute", 12, 46);
    expect(HEAD TIERS Q1 "      - {id: f, type: ramp, weight: 1, path: summary, from: 0, to: 1}\n",
           "path-type", 12, 46);
    /* tiers that cannot be reached or leave a gap */
    expect(HEAD "tiers:\n  - {id: a, label: A, min: 10}\n  - {id: b, label: B, min: 20}\n  - {id: c, label: C, min: 0}\n" Q1 FLAG,
           "tier-order", 6, 28);
    expect(HEAD "tiers:\n  - {id: a, label: A, min: 50}\n  - {id: b, label: B, min: 20}\n" Q1 FLAG, "tier-gap", 6, 5);
    /* a gate naming a criterion that does not exist */
    expect(HEAD TIERS "gates:\n  - id: g\n    label: G\n    any:\n      - {criterion: q.nope, at_least: 1}\n" Q1 FLAG,
           "unknown-criterion", 11, 21);
    /* a term listed twice */
    expect(HEAD TIERS Q1 "      - {id: t, type: terms, weight: 1, path: summary, terms: {CPT: [cpt codes], X: [CPT]}}\n",
           "duplicate-term", 12, 86);
    /* YAML itself */
    expect(HEAD "tiers:\n\t- {id: a}\n", "tabs", 5, 1);
    expect(HEAD "title: caf\xe9\n" TIERS Q1 FLAG, "encoding", 4, 11);
    expect(HEAD TIERS Q1 FLAG "---\nid: again\n", "several-documents", 13, 1);
    expect("", "empty", 1, 1);
    expect("# only a comment\n", "empty", 1, 1);
    expect(HEAD "tiers: !!python/object x\n", "unknown-tag", 4, 8);
    expect("format: coderfit-rubric/2\n", "bad-format", 1, 9);
    /* a self-referencing alias is an error, not a hang */
    expect(HEAD "tiers: &a [*a]\n", "alias-cycle", 4, 12);
    expect(HEAD "tiers: *nothing\n", "unknown-anchor", 4, 8);
    /* every problem, not only the first */
    t_rubric_status(HEAD TIERS Q1 "      - {id: f, type: flag, weight: 0, path: attestations.nope}\n"
                                  "      - {id: f, type: flag, weight: 1, path: attestations.hipaa_trained}\n", &d);
    CHECKF(cf_diags_errors(&d) == 3, "%zu errors", cf_diags_errors(&d));
    /* and a warning for each criterion without advice */
    CHECK(d.n - cf_diags_errors(&d) == 2 && t_has_diag(&d, "missing-advice", 12, 9));
    cf_diags_clear(&d);
}

/* "Billion laughs": each level doubles ten times; refused quickly. */
static void alias_bomb(void)
{
    char yaml[4096] = HEAD "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i <= 9; i++) {
        char line[200];
        snprintf(line, sizeof line, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                 i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        strcat(yaml, line);
    }
    clock_t t0 = clock();
    cf_diags d = {0};
    CHECK(t_rubric_status(yaml, &d) == CF_ERUBRIC);
    CHECK(t_has_diag(&d, "alias-expansion", 0, 0));
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
    cf_diags_clear(&d);
    /* bounded aliases are fine: a shared anchor used a few times */
    cf_rubric *r = t_rubric(HEAD TIERS "qualities:\n  - id: q\n    name: Q\n    weight: 1\n    criteria:\n"
                            "      - {id: f, type: level, weight: 1, path: \"education[].level\", levels: &lv {associate: 1}}\n"
                            "      - {id: g, type: level, weight: 1, path: \"education[].level\", levels: *lv}\n");
    CHECK(r != NULL);
    cf_rubric_free(r);
    /* deep nesting stops at a limit */
    static char deep[300000];
    strcpy(deep, HEAD "tiers: ");
    size_t n = strlen(deep);
    for (int i = 0; i < 100000; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    CHECK(t_rubric_status(deep, &d) == CF_ERUBRIC && t_has_diag(&d, "too-deep", 0, 0));
    cf_diags_clear(&d);
}

void test_rubric(void)
{
    default_rubric();
    broken();
    alias_bomb();
}
