/* libFuzzer target: rubric loading and lint (every check), and what `show`
 * prints (JSON, and the YAML of a rubric that extends another).  A rubric
 * may extend a built-in one by id, or "self.yaml": the input again, which
 * the reader below serves (a cycle, or a chain when the input extends a
 * built-in rubric in turn). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "coderfit.h"
#include "fuzz.h"


typedef struct input {
    const uint8_t *data;
    size_t size;
} input;

static int reader(void *ctx, const char *from, const char *ref, char **name, char **text, size_t *len, char *err,
                  size_t errsize)
{
    const input *in = ctx;
    (void)from;
    if (strcmp(ref, "self.yaml") != 0 || !(*text = cf_malloc(in->size + 1))) {
        snprintf(err, errsize, "no such file");
        return -1;
    }
    memcpy(*text, in->data, in->size);
    (*text)[in->size] = '\0';
    *len = in->size;
    if (!(*name = cf_strdup("self.yaml"))) {
        cf_free(*text);
        return -1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_diags d = {0};
    cf_rubric *r = NULL;
    input in = {data, size};
    if (cf_rubric_load_with("fuzz.yaml", (const char *)data, size, reader, &in, &r, &d) == CF_OK) {
        for (int json = 0; json < 2; json++) {
            char *out = NULL;
            size_t len;
            cf_diags d2 = {0};
            if (cf_rubric_show("fuzz.yaml", (const char *)data, size, reader, &in, json, &out, &len, &d2) == CF_OK)
                cf_free(out);
            cf_diags_clear(&d2);
        }
    }
    char *text = NULL;
    if (cf_diags_write(&d, CF_DIAG_GITHUB, &text, NULL) == CF_OK)
        cf_free(text);
    cf_rubric_free(r);
    cf_diags_clear(&d);
    return 0;
}
