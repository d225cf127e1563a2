/* libFuzzer target: an audit.  The input is a demographics file (CSV or
 * JSON), then a line "---", then NDJSON report lines; every selection
 * rule and every format is written, and the smallest ratio is a ratio, or
 * -1 when nothing joined and nothing can be judged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coderfit.h"
#include "split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void take(void *ctx, unsigned line, const char *s, size_t n)
{
    cf_diags d = {0};
    int taken = 0;
    cf_audit_add_report(ctx, "reports", line, s, n, &taken, &d);
    cf_diags_clear(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t split, rest;
    fuzz_split(text, size, &split, &rest);
    cf_audit *a = cf_audit_new();
    if (!a)
        abort();
    cf_diags d = {0};
    cf_audit_demographics(a, "demo", text, split, &d);
    cf_diags_clear(&d);
    fuzz_lines(text, rest, size, take, a);
    /* a few applicants of every kind, so that the figures are computed */
    static const char *const src[] = {"a01", "a02", "a03", "x", ""};
    for (int i = 0; i < 5; i++)
        cf_audit_add(a, src[i], i * 20.05, i % 2 ? "good" : "fair");
    static const char *const tiers[] = {"good", "strong"};
    const cf_audit_select sel[3] = {
        {CF_SELECT_TIER, tiers, 2, 0, 0},
        {CF_SELECT_TOP, NULL, 0, 2, 0},
        {CF_SELECT_MIN_SCORE, NULL, 0, 0, 40},
    };
    for (int s = 0; s < 3; s++) {
        for (int f = CF_AUDIT_TEXT; f <= CF_AUDIT_MD; f++) {
            char *out = NULL;
            size_t len = 0;
            double smallest = -1;
            if (cf_audit_write(a, &sel[s], "rule", (cf_audit_format)f, &out, &len, &smallest) == CF_OK &&
                (!out || strlen(out) != len || !(smallest == -1 || (smallest >= 0 && smallest <= 1))))
                abort();
            cf_free(out);
        }
    }
    cf_audit_free(a);
    return 0;
}
