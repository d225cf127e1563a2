/* libFuzzer target: validate.  The input is an outcomes file (CSV or
 * JSON), then a line "---", then NDJSON report lines; the outcomes are
 * read, joined and every format written, whose text must be whole. */
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
    cf_validation_add_report(ctx, "reports", line, s, n, &taken, &d);
    cf_diags_clear(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t split, rest;
    fuzz_split(text, size, &split, &rest);
    cf_diags d = {0};
    for (int f = CF_VALIDATION_TEXT; f <= CF_VALIDATION_HTML; f++) {
        cf_validation *v = cf_validation_new();
        if (!v)
            abort();
        fuzz_lines(text, rest, size, take, v);
        /* every kind named once, then read from the values */
        static const cf_outcome_spec specs[] = {{"hired", CF_OUTCOME_YESNO}, {"accuracy", CF_OUTCOME_PERCENT}};
        if (cf_validation_outcomes(v, "outcomes", text, split, f % 2 ? NULL : specs, f % 2 ? 0 : 2, &d) == CF_OK) {
            char *out = NULL;
            size_t len = 0;
            if (cf_validation_write(v, (cf_validation_format)f, &out, &len, &d) == CF_OK &&
                (!out || strlen(out) != len))
                abort();
            cf_free(out);
        }
        cf_diags_clear(&d);
        cf_validation_free(v);
    }
    return 0;
}
