/* libFuzzer target: the sectioner and the column finder, from styled lines.
 * Each line of the input is one piece of a line of a page: its first byte
 * sets its style (bit 0 bold, 1 a list item, 2-3 a heading level, 4 a new
 * line rather than a next column, 5 a new page, 6-7 where it starts: a
 * quarter of the page each), the rest is its text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lines.h"
#include "fuzz.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cf_slines L = {0};
    cf_sline proto;
    memset(&proto, 0, sizeof proto);
    proto.page = 1;
    for (size_t i = 0; i < size;) {
        size_t j = i;
        while (j < size && data[j] != '\n')
            j++;
        if (j > i) {
            unsigned char st = data[i];
            proto.bold = st & 1;
            proto.list = (st >> 1) & 1;
            proto.heading = (st >> 2) & 3;
            if (st & 32) {
                proto.page++;
                proto.line = 0;
            }
            if ((st & 16) || !proto.line) {
                proto.line++;
                proto.col = 1;
            } else {
                proto.col++;
            }
            proto.x = 150.0 * (st >> 6);
            proto.w = (double)(j - i - 1) * 6;
            proto.size = 10;
            if (cf_slines_add(&L, &proto, (const char *)data + i + 1, j - i - 1))
                break;
        }
        i = j + 1;
    }
    char *json = NULL;
    size_t len = 0;
    cf_diags d = {0};
    if (!L.oom) {
        cf_slines_columns(&L);
        cf_resume_lines("fuzz.txt", CF_DOC_TEXT, &L, &json, &len, &d);
    } else {
        cf_slines_free(&L);
    }
    cf_free(json);
    cf_diags_clear(&d);
    return 0;
}
