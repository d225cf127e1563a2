/* libFuzzer target: rubric loading and lint (every check), and the JSON
 * form `show` prints. */
#include <stdint.h>
#include <stdlib.h>
#include "coderfit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        if (cf_init() != CF_OK)
            abort();
        ready = 1;
    }
    cf_diags d = {0};
    cf_rubric *r = NULL;
    if (cf_rubric_load("fuzz.yaml", (const char *)data, size, &r, &d) == CF_OK) {
        char *json = NULL;
        size_t len;
        cf_diags d2 = {0};
        if (cf_rubric_json("fuzz.yaml", (const char *)data, size, &json, &len, &d2) == CF_OK)
            cf_free(json);
        cf_diags_clear(&d2);
    }
    char *text = NULL;
    if (cf_diags_write(&d, CF_DIAG_GITHUB, &text, NULL) == CF_OK)
        cf_free(text);
    cf_rubric_free(r);
    cf_diags_clear(&d);
    return 0;
}
