/* libFuzzer target: a stream as rank reads it (NDJSON, or pretty-printed
 * texts one after another), split into records, each scored in an arena
 * and ranked, starting again after a record that is not JSON, and the same
 * records merged as reports; then every ranking format written. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "coderfit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cf_rubric *rubric;
static cf_arena *arena;

static int sink(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    (void)s;
    (void)n;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!rubric) {
        cf_diags d = {0};
        if (cf_init() != CF_OK || cf_rubric_load_default(&rubric, &d) != CF_OK || !(arena = cf_arena_new()))
            abort();
        cf_diags_clear(&d);
    }
    cf_day as_of;
    cf_date_parse_day("2026-11-26", &as_of);
    cf_rank_opts ro = {3, 10, NULL, 0, 0, 1};
    cf_ranking *rk = cf_ranking_new(&ro), *merged = cf_ranking_new(&ro);
    const char *text = (const char *)data;
    cf_split_mode mode = cf_split_mode_of(text, size, 0);
    size_t pos = 0;
    unsigned line = 1;
    while (rk && merged && pos < size) {
        size_t k = cf_split_record(mode, text + pos, size - pos);
        size_t end = k ? pos + k : size, next = end;
        if (k)
            end--;   /* the newline */
        cf_diags d = {0};
        cf_profile *p = NULL;
        cf_report *rep = NULL;
        cf_arena_enter(arena);
        cf_status st = cf_profile_parse("fuzz.ndjson", text + pos, end - pos, line, as_of, &p, &d);
        if (st == CF_OK)
            st = cf_score_figures(rubric, p, &rep);
        cf_arena_leave();
        if (st == CF_OK)
            cf_ranking_add(rk, rep);
        else if (d.n) {
            cf_ranking_add_error(rk, "fuzz.ndjson", d.items[0].line, d.items[0].col, d.items[0].message);
            if (d.items[0].rule && strcmp(d.items[0].rule, "json") == 0 && mode == CF_SPLIT_TEXTS) {
                size_t at = cf_split_resync(text + pos, end - pos, 0);
                if (at < end - pos)
                    next = pos + at;
            }
        }
        cf_report_free(rep);
        cf_profile_free(p);
        cf_diags_clear(&d);
        cf_arena_reset(arena);
        cf_diags d2 = {0};
        cf_ranking_add_line(merged, "fuzz.ndjson", line, text + pos, end - pos, &d2);
        cf_diags_clear(&d2);
        for (size_t i = pos; i < next; i++)
            line += text[i] == '\n';
        pos = next;
    }
    if (rk && merged)
        cf_ranking_absorb(rk, merged);
    for (int f = CF_RANK_TEXT; rk && f <= CF_RANK_MD; f++) {
        cf_rank_write_opts w = {(cf_rank_format)f, 80, 0, 1};
        cf_ranking_write(rk, &w, sink, NULL);
    }
    cf_ranking_free(rk);
    cf_ranking_free(merged);
    return 0;
}
