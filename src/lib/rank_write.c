/* Writing a ranking: sorted, duplicates marked, in text, CSV, JSON, NDJSON
 * or Markdown here, or as a page (rank_html.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rank_html.h"

static int rec_qsort(const void *a, const void *b)
{
    return cf_rank_cmp(*(cf_rank_rec *const *)a, *(cf_rank_rec *const *)b);
}

static int err_cmp(const void *a, const void *b)
{
    const cf_rank_err *x = a, *y = b;
    int c = cf_position_cmp(x->source, x->line, x->col, y->source, y->line, y->col);
    return c ? c : strcmp(x->message, y->message);
}

static int aside_cmp(const void *a, const void *b)
{
    return strcmp(((const cf_rank_aside *)a)->source, ((const cf_rank_aside *)b)->source);
}

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The median of quality q (-1: the total score), from its histogram of
 * tenths: x.x5 for an even count. */
static double median(const cf_ranking *rk, int q)
{
    const unsigned *h = cf_rank_hist(rk, q);
    unsigned long n = rk->scored;
    if (!n || !h)
        return 0;
    unsigned long lo = (n - 1) / 2, hi = n / 2, seen = 0;
    int a = -1, b = -1;
    for (int v = 0; v < CF_RANK_HIST && b < 0; v++) {
        seen += h[v];
        if (a < 0 && seen > lo)
            a = v;
        if (seen > hi)
            b = v;
    }
    return (a + b) / 20.0;
}

static const char *tier_label(const cf_ranking *rk, const cf_rank_rec *r)
{
    return rk->tiers[r->tier].label;
}

/* The order to list tiers (by_count 0: highest scores first, the rubric's
 * order as far as the results show it) or gates (by_count 1: failed most
 * first); ties by id.  An allocated array of indices (NULL: out of memory,
 * buf is marked).  Rubrics have few tiers and gates: insertion sort. */
static int *named_order(const cf_rank_named *t, int n, int by_count, cf_buf *buf)
{
    int *order = cf_malloc((n ? (size_t)n : 1) * sizeof *order);
    if (!order) {
        buf->oom = 1;
        return NULL;
    }
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            const cf_rank_named *a = &t[order[j - 1]], *b = &t[order[j]];
            long ka = by_count ? (long)a->count : a->best10, kb = by_count ? (long)b->count : b->best10;
            if (!by_count && a->rank && b->rank) {   /* the rubric's order */
                ka = -a->rank;
                kb = -b->rank;
            }
            if (ka > kb || (ka == kb && strcmp(a->id, b->id) <= 0))
                break;
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    return order;
}

/* The CSV: one row for every input, scored (ranked) or refused, under a
 * header that does not depend on what scored; each row says the opening
 * its tier is for (the rubric's title), as the other formats do. */
static void write_csv(cf_ranking *rk, cf_rank_out *o, int bom)
{
    cf_buf *b = &o->b;
    if (bom)
        cf_buf_puts(b, "\xef\xbb\xbf");
    cf_buf_puts(b, "rank,status,id,name,email,phone,source,score,tier,tier_label,eligible,completeness");
    for (int i = 0; i < rk->nq; i++) {
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->qid[i]);
    }
    cf_buf_puts(b, ",failed_gates,facts,warnings,duplicate_of,opening\r\n");
    const char *opening = rk->rubric_title ? rk->rubric_title : rk->rubric_id ? rk->rubric_id : "";
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const cf_rank_rec *r = rk->recs[k];
        cf_buf_uint(b, k + 1);
        cf_buf_puts(b, ",scored,");
        cf_buf_csv(b, r->s[CF_RANK_ID] ? r->s[CF_RANK_ID] : "");
        for (int i = CF_RANK_NAME; i <= CF_RANK_PHONE; i++) {
            cf_buf_putc(b, ',');
            if (i == CF_RANK_PHONE)
                cf_buf_csv_phone(b, r->s[i] ? r->s[i] : "");
            else
                cf_buf_csv(b, r->s[i] ? r->s[i] : "");
        }
        cf_buf_putc(b, ',');
        src.len = 0;
        cf_rank_source(&src, r);
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
        cf_buf_tenths(b, r->score10);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, rk->tiers[r->tier].id);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, tier_label(rk, r));
        cf_buf_puts(b, r->eligible ? ",true," : ",false,");
        if (r->comp1000 >= 0)
            cf_buf_printf(b, "%d.%03d", r->comp1000 / 1000, r->comp1000 % 1000);
        for (int i = 0; i < rk->nq; i++) {
            cf_buf_putc(b, ',');
            cf_buf_tenths(b, r->q10[i]);
        }
        cf_buf_putc(b, ',');
        cf_buf_csv(b, r->s[CF_RANK_GATES] ? r->s[CF_RANK_GATES] : "");
        cf_buf_putc(b, ',');
        cf_buf_csv(b, r->s[CF_RANK_FACTS] ? r->s[CF_RANK_FACTS] : "");
        cf_buf_putc(b, ',');
        cf_buf_uint(b, r->nwarn);
        cf_buf_putc(b, ',');
        if (r->dup >= 0) {
            src.len = 0;
            cf_rank_source(&src, rk->recs[r->dup]);
            cf_buf_csv(b, src.s ? src.s : "");
        }
        cf_buf_putc(b, ',');
        cf_buf_csv(b, opening);
        cf_buf_puts(b, "\r\n");
        cf_rank_flush(o, 0);
    }
    /* a result set aside by the knock-outs: its status says which; no figure */
    for (size_t k = 0; k < rk->naside; k++) {
        const cf_rank_aside *a = &rk->aside[k];
        src.len = 0;
        cf_buf_puts(&src, "set aside: ");
        cf_knockout_text(&rk->o, a->knock, &src);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
        cf_buf_csv(b, a->id ? a->id : "");
        cf_buf_putc(b, ',');
        cf_buf_csv(b, a->name ? a->name : "");
        cf_buf_puts(b, ",,,");
        cf_buf_csv(b, a->source);
        for (int i = 0; i < 10 + rk->nq; i++)
            cf_buf_putc(b, ',');
        cf_buf_csv(b, opening);
        cf_buf_puts(b, "\r\n");
        cf_rank_flush(o, 0);
    }
    /* a refused input: its status says why; every figure is empty */
    for (size_t k = 0; k < rk->nerrs; k++) {
        const cf_rank_err *e = &rk->errs[k];
        src.len = 0;
        cf_buf_puts(&src, "refused: ");
        if (e->line)
            cf_buf_printf(&src, "line %u, column %u: ", e->line, e->col);
        cf_buf_puts(&src, e->message);
        cf_buf_putc(b, ',');
        cf_buf_csv(b, src.s ? src.s : "");
        cf_buf_puts(b, ",,,,,");
        cf_buf_csv(b, e->source);
        for (int i = 0; i < 10 + rk->nq; i++)
            cf_buf_putc(b, ',');
        cf_buf_csv(b, opening);
        cf_buf_puts(b, "\r\n");
        cf_rank_flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
}

/* [{"id", "label", "count"}, ...] in named_order's order */
static void json_named(cf_jw *w, const char *key, const cf_rank_named *t, int n, int by_count)
{
    int *order = named_order(t, n, by_count, w->b);
    cf_jw_open(w, key, '[');
    for (int i = 0; order && i < n; i++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "id", t[order[i]].id);
        cf_jw_str(w, "label", t[order[i]].label);
        cf_jw_num(w, "count", (double)t[order[i]].count, 0);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    cf_free(order);
}

static void json_summary(cf_ranking *rk, cf_jw *w)
{
    cf_jw_open(w, "counts", '{');
    cf_jw_num(w, "inputs", (double)(rk->scored + rk->failed), 0);
    cf_jw_num(w, "scored", (double)rk->scored, 0);
    cf_jw_num(w, "failed", (double)rk->failed, 0);
    cf_jw_num(w, "skipped", (double)rk->nskipped, 0);
    cf_jw_num(w, "set_aside", (double)rk->naside, 0);
    cf_jw_num(w, "selected", (double)rk->nrecs, 0);
    cf_jw_num(w, "duplicates", (double)rk->dups, 0);
    cf_jw_num(w, "duplicates_dropped", (double)rk->dropped, 0);
    cf_jw_num(w, "warnings", (double)rk->warnings, 0);
    cf_jw_num(w, "with_warnings", (double)rk->warned, 0);
    cf_jw_close(w, '}');
    cf_jw_open(w, "summary", '{');
    json_named(w, "tiers", rk->tiers, rk->ntiers, 0);
    cf_jw_num(w, "ineligible", (double)rk->ineligible, 0);
    json_named(w, "gates_failed", rk->gates, rk->ngates, 1);
    cf_jw_open(w, "score", '{');
    cf_jw_num(w, "mean", rk->scored ? rk->sum10 / 10.0 / (double)rk->scored : 0, 2);
    cf_jw_num(w, "median", median(rk, -1), 2);
    cf_jw_close(w, '}');
    cf_jw_open(w, "qualities", '[');
    for (int i = 0; i < rk->nq; i++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "id", rk->qid[i]);
        cf_jw_str(w, "name", rk->qname[i]);
        cf_jw_num(w, "mean", rk->scored ? rk->qsum10[i] / 10.0 / (double)rk->scored : 0, 2);
        cf_jw_num(w, "median", median(rk, i), 2);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    cf_jw_close(w, '}');
}

static void json_error(cf_jw *w, const cf_rank_err *e)
{
    cf_jw_open(w, NULL, '{');
    cf_jw_str(w, "source", e->source);
    cf_jw_num(w, "line", e->line, 0);
    cf_jw_num(w, "column", e->col, 0);
    cf_jw_str(w, "message", e->message);
    cf_jw_close(w, '}');
}

/* A kept report with its rank put first; without the report (a ranking
 * made without keep_reports), the figures the ranking holds. */
static void ranked_report(const cf_ranking *rk, cf_buf *b, size_t rank, const cf_rank_rec *r)
{
    cf_buf_puts(b, "{\"rank\":");
    cf_buf_uint(b, rank);
    cf_buf_putc(b, ',');
    cf_buf src = {0};
    if (r->dup >= 0) {
        cf_rank_source(&src, rk->recs[r->dup]);
        cf_buf_puts(b, "\"duplicate_of\":");
        cf_buf_json_str(b, src.s ? src.s : "");
        cf_buf_putc(b, ',');
    }
    if (r->report) {
        cf_buf_add(b, r->report + 1, r->report_len - 1);
        cf_buf_free(&src);
        return;
    }
    if (r->spilled) {
        char *t = cf_malloc(r->report_len ? r->report_len : 1);
        if (!t || rk->o.spill->load(rk->o.spill->ctx, r->report_at, t, r->report_len))
            b->oom = 1;   /* the write fails: a report is never left out */
        else
            cf_buf_add(b, t + 1, r->report_len - 1);
        cf_free(t);
        cf_buf_free(&src);
        return;
    }
    src.len = 0;
    cf_rank_source(&src, r);
    cf_buf_puts(b, "\"source\":");
    cf_buf_json_str(b, src.s ? src.s : "");
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    static const char *const keys[] = {"name", "email", "phone", "location"};
    int any = 0;
    for (int i = CF_RANK_NAME; i <= CF_RANK_LOCATION; i++) {
        if (!r->s[i])
            continue;
        cf_buf_puts(b, any++ ? ",\"" : ",\"applicant\":{\"");
        cf_buf_puts(b, keys[i - CF_RANK_NAME]);
        cf_buf_puts(b, "\":");
        cf_buf_json_str(b, r->s[i]);
    }
    if (any)
        cf_buf_putc(b, '}');
    cf_buf_puts(b, ",\"score\":");
    cf_buf_num(b, r->score10 / 10.0, 1);
    cf_buf_puts(b, ",\"tier\":");
    cf_buf_json_str(b, rk->tiers[r->tier].id);
    cf_buf_printf(b, ",\"eligible\":%s,\"qualities\":[", r->eligible ? "true" : "false");
    for (int i = 0; i < rk->nq; i++) {
        cf_buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
        cf_buf_json_str(b, rk->qid[i]);
        cf_buf_puts(b, ",\"score\":");
        cf_buf_num(b, r->q10[i] / 10.0, 1);
        cf_buf_putc(b, '}');
    }
    cf_buf_puts(b, "]}");
}

static void write_json(cf_ranking *rk, cf_rank_out *o)
{
    cf_jw w = {&o->b, 1, 0, {0}};
    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", "coderfit-ranking/1");
    cf_jw_open(&w, "rubric", '{');
    cf_jw_str(&w, "id", rk->rubric_id);
    cf_jw_str(&w, "version", rk->rubric_version);
    if (rk->rubric_title)
        cf_jw_str(&w, "title", rk->rubric_title);
    cf_jw_str(&w, "checksum", rk->checksum);
    cf_jw_close(&w, '}');
    cf_jw_str(&w, "as_of", rk->as_of);
    json_summary(rk, &w);
    cf_jw_open(&w, "results", '[');
    for (size_t k = 0; k < rk->nrecs; k++) {
        cf_jw_sep(&w, NULL);
        ranked_report(rk, &o->b, k + 1, rk->recs[k]);
        cf_rank_flush(o, 0);
    }
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "errors", '[');
    for (size_t k = 0; k < rk->nerrs; k++)
        json_error(&w, &rk->errs[k]);
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "set_aside", '[');
    static const char *const ko_names[CF_KO_COUNT] = {"credential", "coding_years", "setting", "remote"};
    cf_buf why = {0};
    for (size_t k = 0; k < rk->naside; k++) {
        const cf_rank_aside *a = &rk->aside[k];
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "source", a->source);
        if (a->id)
            cf_jw_str(&w, "id", a->id);
        if (a->name)
            cf_jw_str(&w, "name", a->name);
        cf_jw_open(&w, "failed", '[');
        for (int i = 0; i < CF_KO_COUNT; i++)
            if (a->knock >> i & 1)
                cf_jw_str(&w, NULL, ko_names[i]);
        cf_jw_close(&w, ']');
        why.len = 0;
        cf_knockout_text(&rk->o, a->knock, &why);
        cf_jw_str(&w, "why", why.s ? why.s : "");
        cf_jw_close(&w, '}');
    }
    o->b.oom |= why.oom;
    cf_buf_free(&why);
    cf_jw_close(&w, ']');
    cf_jw_open(&w, "skipped", '[');
    for (size_t k = 0; k < rk->nskipped; k++)
        cf_jw_str(&w, NULL, rk->skipped[k]);
    cf_jw_close(&w, ']');
    cf_jw_close(&w, '}');
    cf_buf_putc(&o->b, '\n');
}

static void write_ndjson(cf_ranking *rk, cf_rank_out *o)
{
    for (size_t k = 0; k < rk->nrecs; k++) {
        ranked_report(rk, &o->b, k + 1, rk->recs[k]);
        cf_buf_putc(&o->b, '\n');
        cf_rank_flush(o, 0);
    }
    for (size_t k = 0; k < rk->nerrs; k++) {
        cf_jw w = {&o->b, 0, 0, {0}};
        cf_buf_puts(&o->b, "{\"error\":");
        json_error(&w, &rk->errs[k]);
        cf_buf_puts(&o->b, "}\n");
    }
}

/* Short column heads for qualities: the first n letters of the id. */
static void qhead(char *dst, const char *id, int n)
{
    snprintf(dst, (size_t)n + 1, "%s", id);
}

/* One sentence of the summary: wrapped to the width, control characters
 * shown as ?; in Markdown, a paragraph. */
static void say(cf_buf *b, cf_buf *t, int md, int width)
{
    if (!t->s || t->oom) {
        b->oom |= t->oom;
        t->len = 0;
        return;
    }
    if (md) {
        cf_buf_add(b, t->s, t->len);
        cf_buf_puts(b, "\n\n");
    } else {
        cf_buf shown = {0};
        cf_buf_shown(&shown, t->s, t->len);
        if (shown.s)
            cf_buf_wrap(b, shown.s, 2, width);
        b->oom |= shown.oom;
        cf_buf_free(&shown);
    }
    t->len = 0;
}

static void text_summary(cf_ranking *rk, cf_buf *b, int md, int width)
{
    void (*esc)(cf_buf *, const char *) = md ? cf_buf_md : cf_buf_puts;
    cf_buf t = {0};
    unsigned long inputs = rk->scored + rk->failed;
    cf_buf_printf(b, "\n%sSummary\n\n", md ? "## " : "");
    cf_buf_printf(&t, "%lu input%s: %lu scored, %lu failed", inputs, inputs == 1 ? "" : "s", rk->scored, rk->failed);
    if (rk->nskipped)
        cf_buf_printf(&t, "; %zu file%s skipped", rk->nskipped, rk->nskipped == 1 ? "" : "s");
    say(b, &t, md, width);
    if (rk->naside) {
        cf_buf_printf(&t, "Set aside by the knock-outs: %zu of %lu scored (", rk->naside, rk->scored);
        int n = 0;
        for (int k = 0; k < CF_KO_COUNT; k++) {
            if (!rk->knocked[k])
                continue;
            cf_buf_puts(&t, n++ ? ", " : "");
            cf_knockout_text(&rk->o, 1u << k, &t);
            cf_buf_printf(&t, " %lu", rk->knocked[k]);
        }
        cf_buf_puts(&t, "); ranked the other ");
        cf_buf_uint(&t, rk->scored - rk->naside);
        say(b, &t, md, width);
    }
    if (rk->nskipped) {
        cf_buf_printf(&t, "Skipped %zu file%s not read: ", rk->nskipped, rk->nskipped == 1 ? "" : "s");
        for (size_t i = 0; i < rk->nskipped && i < 10; i++) {
            if (i)
                cf_buf_puts(&t, ", ");
            esc(&t, rk->skipped[i]);
        }
        if (rk->nskipped > 10)
            cf_buf_printf(&t, " and %zu more", rk->nskipped - 10);
        cf_buf_puts(&t, "; " CF_CONVERT_HINT);
        say(b, &t, md, width);
    }
    if (rk->warnings) {
        cf_buf_printf(&t, "Warnings: %lu field%s left out of scoring, in %lu profile%s", rk->warnings,
                      rk->warnings == 1 ? "" : "s", rk->warned, rk->warned == 1 ? "" : "s");
        say(b, &t, md, width);
    }
    if (rk->dups) {
        cf_buf_printf(&t, "Duplicates: %lu result%s the same person as a better one (same e-mail, phone or "
                      "profile)", rk->dups, rk->dups == 1 ? " is" : "s are");
        if (rk->dropped)
            cf_buf_printf(&t, ", %lu left out by --dedupe", rk->dropped);
        int n = 0;
        for (size_t k = 0; k < rk->nrecs && n < 10; k++)
            if (rk->recs[k]->dup >= 0)
                cf_buf_printf(&t, "%s#%zu as #%ld", n++ ? ", " : ": ", k + 1, rk->recs[k]->dup + 1);
        say(b, &t, md, width);
    }
    int *order = named_order(rk->tiers, rk->ntiers, 0, b);
    cf_buf_puts(&t, "Tiers: ");
    for (int i = 0; order && i < rk->ntiers; i++) {
        cf_buf_puts(&t, i ? ", " : "");
        esc(&t, rk->tiers[order[i]].label);
        cf_buf_printf(&t, " %lu", rk->tiers[order[i]].count);
    }
    cf_buf_puts(&t, rk->ntiers ? "" : "none");
    say(b, &t, md, width);
    cf_buf_printf(&t, "Not eligible: %lu", rk->ineligible);
    cf_free(order);
    order = named_order(rk->gates, rk->ngates, 1, b);
    for (int i = 0; order && i < rk->ngates && i < 3; i++) {
        cf_buf_puts(&t, i ? ", " : "; gates failed most: ");
        esc(&t, rk->gates[order[i]].label);
        cf_buf_printf(&t, " (%lu)", rk->gates[order[i]].count);
    }
    cf_free(order);
    say(b, &t, md, width);
    cf_buf_free(&t);
    if (!md)
        cf_buf_putc(b, '\n');
    int name_w = width - 17 < 38 ? width - 17 : 38;
    if (md)
        cf_buf_puts(b, "| quality | mean | median |\n| --- | ---: | ---: |\n");
    else
        cf_buf_printf(b, "  %-*s %6s  %6s\n", name_w, "quality", "mean", "median");
    for (int i = -1; i < rk->nq; i++) {
        const char *name = i < 0 ? "Total score" : rk->qname[i];
        double mean = rk->scored ? (i < 0 ? rk->sum10 : rk->qsum10[i]) / 10.0 / (double)rk->scored : 0;
        double med = median(rk, i);
        if (md) {
            cf_buf_puts(b, "| ");
            cf_buf_md(b, name);
            cf_buf_printf(b, " | %.2f | %.2f |\n", mean, med);
        } else {
            cf_buf_puts(b, "  ");
            cf_buf_pad(b, name, name_w);
            cf_buf_printf(b, " %6.2f  %6.2f\n", mean, med);
        }
    }
}

/* One entry of a list under a heading: a Markdown bullet, or a line wrapped
 * to the width; t is emptied for the next. */
static void item(cf_buf *b, cf_buf *t, int md, int width)
{
    if (md) {
        cf_buf_puts(b, "- ");
        cf_buf_add(b, t->s, t->len);
        cf_buf_putc(b, '\n');
        t->len = 0;
    } else {
        say(b, t, 0, width);
    }
}

/* Who the knock-outs set aside, and why, by source. */
static void text_aside(cf_ranking *rk, cf_buf *b, int md, int width)
{
    if (!rk->naside)
        return;
    cf_buf_printf(b, "\n%sSet aside\n\n", md ? "## " : "");
    cf_buf t = {0};
    void (*esc)(cf_buf *, const char *) = md ? cf_buf_md : cf_buf_puts;
    for (size_t k = 0; k < rk->naside; k++) {
        const cf_rank_aside *a = &rk->aside[k];
        if (a->name) {
            esc(&t, a->name);
            cf_buf_puts(&t, " (");
            esc(&t, a->source);
            cf_buf_puts(&t, ")");
        } else {
            esc(&t, a->source);
        }
        cf_buf_puts(&t, ": ");
        cf_knockout_text(&rk->o, a->knock, &t);
        item(b, &t, md, width);
    }
    b->oom |= t.oom;
    cf_buf_free(&t);
}

static void text_errors(cf_ranking *rk, cf_buf *b, int md, int width)
{
    if (!rk->nerrs)
        return;
    cf_buf_printf(b, "\n%sErrors\n\n", md ? "## " : "");
    cf_buf t = {0};
    for (size_t k = 0; k < rk->nerrs; k++) {
        const cf_rank_err *e = &rk->errs[k];
        (md ? cf_buf_md : cf_buf_puts)(&t, e->source);
        if (e->line)
            cf_buf_printf(&t, ":%u:%u", e->line, e->col);
        cf_buf_puts(&t, ": ");
        (md ? cf_buf_md : cf_buf_puts)(&t, e->message);
        item(b, &t, md, width);
    }
    b->oom |= t.oom;
    cf_buf_free(&t);
}

static void write_md(cf_ranking *rk, cf_rank_out *o)
{
    cf_buf *b = &o->b;
    char head[5];
    cf_buf_puts(b, "# Ranking\n\n");
    if (rk->rubric_id) {
        /* a merge's rubric comes from its reports: every string escaped */
        cf_buf_puts(b, "Rubric `");
        cf_buf_md(b, rk->rubric_id);
        cf_buf_puts(b, "` ");
        cf_buf_md(b, rk->rubric_version ? rk->rubric_version : "");
        cf_buf_puts(b, ", as of ");
        cf_buf_md(b, rk->as_of ? rk->as_of : "");
        if (rk->rubric_title) {
            cf_buf_puts(b, "; tiers for the opening: ");
            cf_buf_md(b, rk->rubric_title);
        }
        cf_buf_puts(b, ".\n\n");
    }
    cf_buf_puts(b, "| rank | name | score | tier | eligible | warnings |");
    for (int i = 0; i < rk->nq; i++) {
        qhead(head, rk->qid[i], 4);
        cf_buf_printf(b, " %s |", head);
    }
    cf_buf_puts(b, " facts | source |\n| ---: | --- | ---: | --- | --- | ---: |");
    for (int i = 0; i < rk->nq; i++)
        cf_buf_puts(b, " ---: |");
    cf_buf_puts(b, " --- | --- |\n");
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const cf_rank_rec *r = rk->recs[k];
        src.len = 0;
        cf_rank_source(&src, r);
        cf_buf_printf(b, "| %zu | ", k + 1);
        cf_buf_md(b, r->s[CF_RANK_NAME] ? r->s[CF_RANK_NAME] : "");
        if (r->dup >= 0)
            cf_buf_printf(b, " (as #%ld)", r->dup + 1);
        cf_buf_puts(b, " | ");
        cf_buf_tenths(b, r->score10);
        cf_buf_puts(b, " | ");
        cf_buf_md(b, tier_label(rk, r));
        cf_buf_puts(b, r->eligible ? " | yes | " : " | no | ");
        cf_buf_uint(b, r->nwarn);
        cf_buf_puts(b, " |");
        for (int i = 0; i < rk->nq; i++) {
            cf_buf_putc(b, ' ');
            cf_buf_tenths(b, r->q10[i]);
            cf_buf_puts(b, " |");
        }
        cf_buf_putc(b, ' ');
        cf_buf_md(b, r->s[CF_RANK_FACTS] ? r->s[CF_RANK_FACTS] : "");
        cf_buf_puts(b, " | ");
        cf_buf_md(b, src.s ? src.s : "");
        cf_buf_puts(b, " |\n");
        cf_rank_flush(o, 0);
    }
    if (src.oom)
        b->oom = 1;
    cf_buf_free(&src);
    text_summary(rk, b, 1, 100000);
    text_aside(rk, b, 1, 100000);
    text_errors(rk, b, 1, 100000);
}

/* The terminal table's layout: which columns fit the width, and how wide. */
typedef struct layout {
    int tier_w, warn, quals, name_w, src_w;   /* quals 0, 4 or 6 columns each; widths 0: not shown */
} layout;

static int layout_width(const cf_ranking *rk, const layout *l)
{
    int w = 5 + 2 + 5 + 2 + l->tier_w + 2 + 4 + (l->warn ? 6 : 0) + l->quals * rk->nq;
    if (l->name_w)
        w += 2 + l->name_w;
    if (l->src_w)
        w += 2 + l->src_w;
    return w;
}

/* The richest layout that fits: every quality in full, then short ones,
 * then none; the name before the source.  A column that does not fit is
 * left out and said so. */
static layout text_layout(const cf_ranking *rk, int width, int *any_warn)
{
    int tier_w = 4, name_nat = 0, src_nat = 6, warn = 0;
    cf_buf src = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const cf_rank_rec *r = rk->recs[k];
        int t = cf_text_cols(tier_label(rk, r));
        tier_w = t > tier_w ? t : tier_w;
        if (r->s[CF_RANK_NAME]) {
            int n = cf_text_cols(r->s[CF_RANK_NAME]) + (r->dup >= 0 ? 8 : 0);
            name_nat = n > name_nat ? n : name_nat;
        }
        src.len = 0;
        cf_rank_source(&src, r);
        int n = src.s ? cf_text_cols(src.s) : 0;
        src_nat = n > src_nat ? n : src_nat;
        warn |= r->nwarn > 0;
    }
    cf_buf_free(&src);
    if (tier_w > 14)
        tier_w = 14;
    if (name_nat) {
        name_nat = name_nat < 4 ? 4 : name_nat > 28 ? 28 : name_nat;
    }
    *any_warn = warn;
    layout l = {tier_w, warn, 6, name_nat, src_nat};
    if (width <= 0)
        return l;
    int name_min = name_nat < 12 ? name_nat : 12;
    const layout tries[] = {
        {tier_w, warn, 6, name_nat, 20}, {tier_w, warn, 4, name_nat, 16},
        {tier_w, warn, 4, name_min, 0},  {tier_w, warn, 0, name_nat, 16},
        {tier_w, warn, 0, name_min, 0},  {tier_w, 0, 0, name_min, 0},
    };
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
        l = tries[i];
        if (!name_nat && !l.src_w)
            l.src_w = 12;   /* nothing names the result but its source */
        if (layout_width(rk, &l) > width)
            continue;
        int spare = width - layout_width(rk, &l);
        /* the room left: the name up to its length, then the source */
        int more = l.name_w && l.name_w < name_nat ? name_nat - l.name_w : 0;
        more = more < spare ? more : spare;
        l.name_w += more;
        spare -= more;
        if (l.src_w) {
            more = src_nat - l.src_w < spare ? src_nat - l.src_w : spare;
            l.src_w += more > 0 ? more : 0;
        }
        return l;
    }
    /* narrower than every layout: the tier label cut, the name given what is left */
    l = (layout){8, 0, 0, name_nat ? 4 : 0, name_nat ? 0 : 8};
    int spare = width - layout_width(rk, &l);
    if (spare > 0) {
        if (l.name_w)
            l.name_w += spare;
        else
            l.src_w += spare;
    }
    return l;
}

/* s in w columns: cut at the start (a path keeps its file name) or the
 * end (a name keeps its beginning), padded when pad is set. */
static void cell(cf_buf *b, const char *s, int w, int keep_end, int pad)
{
    int n = cf_text_cols(s);
    if (n > w && w >= 4) {
        if (keep_end) {
            const char *p = s;
            for (int skip = n - (w - 3); skip > 0; skip--)
                for (p++; (*p & 0xC0) == 0x80; p++)
                    ;
            cf_buf_puts(b, "...");
            cf_buf_shown(b, p, strlen(p));
        } else {
            cf_buf_pad(b, s, w - 3);
            cf_buf_puts(b, "...");
        }
    } else if (pad) {
        cf_buf_pad(b, s, w);
    } else {
        cf_buf_pad(b, s, n < w ? n : w);
    }
}

static void write_text(cf_ranking *rk, cf_rank_out *o, int width, int color)
{
    cf_buf *b = &o->b;
    char head[8];
    int any_warn;
    layout l = text_layout(rk, width, &any_warn);
    int wrap_w = width > 0 ? width : 100000;
    const char *bold = color ? C_BOLD : "", *reset = color ? C_RESET : "", *dim = color ? C_DIM : "";
    if (rk->rubric_id) {
        cf_buf t = {0};
        cf_buf_printf(&t, "rubric %s %s, as of %s", rk->rubric_id, rk->rubric_version ? rk->rubric_version : "",
                      rk->as_of);
        if (t.s && 9 + (int)t.len <= wrap_w) {
            cf_buf_printf(b, "%sRanking%s  ", bold, reset);
            cf_buf_shown(b, t.s, t.len);
            cf_buf_putc(b, '\n');
        } else if (t.s) {
            cf_buf_printf(b, "%sRanking%s\n", bold, reset);
            cf_buf shown = {0};
            cf_buf_shown(&shown, t.s, t.len);
            if (shown.s)
                cf_buf_wrap(b, shown.s, 0, wrap_w);
            cf_buf_free(&shown);
        }
        b->oom |= t.oom;
        cf_buf_free(&t);
        /* the opening the tiers are for, on a line of its own */
        if (rk->rubric_title) {
            cf_buf opening = {0}, shown = {0};
            cf_buf_puts(&opening, "Tiers for the opening: ");
            cf_buf_puts(&opening, rk->rubric_title);
            if (opening.s)
                cf_buf_shown(&shown, opening.s, opening.len);
            if (shown.s)
                cf_buf_wrap(b, shown.s, 0, wrap_w);
            b->oom |= opening.oom || shown.oom;
            cf_buf_free(&opening);
            cf_buf_free(&shown);
        }
        cf_buf_putc(b, '\n');
    }
    cf_buf_printf(b, "%s rank  ", bold);
    if (l.name_w) {
        cell(b, "name", l.name_w, 0, 1);
        cf_buf_puts(b, "  ");
    }
    cf_buf_puts(b, "score  ");
    cell(b, "tier", l.tier_w, 0, 1);
    cf_buf_puts(b, "  elig");
    if (l.warn)
        cf_buf_puts(b, "  warn");
    for (int i = 0; l.quals && i < rk->nq; i++) {
        qhead(head, rk->qid[i], l.quals - 2 > 3 ? 4 : 3);
        cf_buf_printf(b, l.quals == 6 ? "  %4s" : " %3s", head);
    }
    if (l.src_w)
        cf_buf_puts(b, "  source");
    cf_buf_printf(b, "%s\n", reset);
    cf_buf src = {0}, name = {0};
    for (size_t k = 0; k < rk->nrecs; k++) {
        const cf_rank_rec *r = rk->recs[k];
        char sc[16];
        snprintf(sc, sizeof sc, "%d.%d", r->score10 / 10, r->score10 % 10);
        cf_buf_printf(b, "%5zu  ", k + 1);
        if (l.name_w) {
            name.len = 0;
            cf_buf_puts(&name, r->s[CF_RANK_NAME] ? r->s[CF_RANK_NAME] : "-");
            if (r->dup >= 0)
                cf_buf_printf(&name, " (as #%ld)", r->dup + 1);
            cell(b, name.s ? name.s : "", l.name_w, 0, 1);
            cf_buf_puts(b, "  ");
        }
        cf_buf_printf(b, "%5s  ", sc);
        cell(b, tier_label(rk, r), l.tier_w, 0, 1);
        cf_buf_puts(b, r->eligible ? "  yes " : "  no  ");
        if (l.warn && r->nwarn)
            cf_buf_printf(b, "  %4u", r->nwarn);
        else if (l.warn)
            cf_buf_puts(b, "      ");
        for (int i = 0; l.quals && i < rk->nq; i++)
            cf_buf_printf(b, l.quals == 6 ? " %5d" : " %3d", (r->q10[i] + 5) / 10);
        if (l.src_w) {
            src.len = 0;
            cf_rank_source(&src, r);
            cf_buf_puts(b, "  ");
            cell(b, src.s ? src.s : "", l.src_w, 1, 0);
        }
        cf_buf_putc(b, '\n');
        /* what a recruiter reads the resume for, under the row */
        if (r->s[CF_RANK_FACTS]) {
            name.len = 0;
            cf_buf_shown(&name, r->s[CF_RANK_FACTS], strlen(r->s[CF_RANK_FACTS]));
            if (name.s) {
                cf_buf_puts(b, dim);
                cf_buf_wrap(b, name.s, 7, wrap_w);
                if (*dim) {   /* the colour ends before the newline */
                    b->len--;
                    cf_buf_printf(b, "%s\n", reset);
                }
            }
        }
        cf_rank_flush(o, 0);
    }
    b->oom |= src.oom || name.oom;
    cf_buf_free(&src);
    cf_buf_free(&name);
    if (width > 0 && rk->nrecs) {
        /* what the width left out, and where to find it */
        const char *gone[3];
        int ngone = 0;
        if (!l.quals && rk->nq)
            gone[ngone++] = "the qualities";
        if (any_warn && !l.warn)
            gone[ngone++] = "the warnings";
        if (!l.src_w)
            gone[ngone++] = "the source";
        cf_buf t = {0};
        if (ngone) {
            cf_buf_printf(&t, "Not shown at %d columns: ", width);
            for (int i = 0; i < ngone; i++)
                cf_buf_printf(&t, "%s%s", i ? (i == ngone - 1 ? " and " : ", ") : "", gone[i]);
            cf_buf_puts(&t, "; a wider terminal or -f csv shows every column");
        }
        if (l.quals == 4) {
            cf_buf_puts(&t, ngone ? ". " : "");
            cf_buf_puts(&t, "Qualities by the first three letters of their ids");
        }
        if (t.len) {
            cf_buf_putc(b, '\n');
            say(b, &t, 0, wrap_w);
        }
        cf_buf_free(&t);
    }
    text_summary(rk, b, 0, wrap_w);
    text_aside(rk, b, 0, wrap_w);
    text_errors(rk, b, 0, wrap_w);
}

/* The slot of key in the open-addressed table t of cap slots: where it is,
 * or the empty slot where it would go. */
typedef struct key_slot {
    uint64_t key;
    long idx;
} key_slot;

static size_t key_probe(const key_slot *t, size_t cap, uint64_t key)
{
    size_t j = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 20) & (cap - 1);
    while (t[j].key && t[j].key != key)
        j = (j + 1) & (cap - 1);
    return j;
}

/* Marks each result that is the same person as a better one (the list is
 * sorted, best first) with that one's index; with dedupe, drops it.  A
 * result's keys are all looked up before any is added: two of its keys
 * may want the same empty slot, and each must have its own. */
static cf_status mark_duplicates(cf_ranking *rk)
{
    size_t n = rk->nrecs, cap = 16;
    while (cap < n * 6)
        cap <<= 1;
    key_slot *t = cf_calloc(cap, sizeof *t);
    if (!t)
        return CF_ESYSTEM;
    for (size_t i = 0; i < n; i++) {
        cf_rank_rec *r = rk->recs[i];
        uint64_t kk[3];
        long first = -1;
        for (int k = 0; k < 3; k++) {
            /* the kind of key in its low bits: an e-mail is never a phone */
            kk[k] = r->key[k] ? (r->key[k] & ~(uint64_t)3) | (uint64_t)(k + 1) : 0;
            size_t j = kk[k] ? key_probe(t, cap, kk[k]) : 0;
            if (kk[k] && t[j].key && (first < 0 || t[j].idx < first))
                first = t[j].idx;
        }
        if (first >= 0) {
            r->dup = first;
            rk->dups++;
        }
        for (int k = 0; k < 3; k++) {
            size_t j = kk[k] ? key_probe(t, cap, kk[k]) : 0;
            if (kk[k] && !t[j].key)
                t[j] = (key_slot){kk[k], first >= 0 ? first : (long)i};
        }
    }
    cf_free(t);
    if (rk->o.dedupe) {
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (rk->recs[i]->dup >= 0) {
                cf_free(rk->recs[i]);
                rk->dropped++;
            } else {
                rk->recs[m++] = rk->recs[i];
            }
        }
        rk->nrecs = m;
    }
    return CF_OK;
}

cf_status cf_ranking_write(cf_ranking *rk, const cf_rank_write_opts *w, cf_sink sink, void *ctx)
{
    cf_rank_out o = {{0}, sink, ctx, 0};
    if (rk->nrecs > 1)
        qsort(rk->recs, rk->nrecs, sizeof *rk->recs, rec_qsort);
    if (rk->nerrs > 1)
        qsort(rk->errs, rk->nerrs, sizeof *rk->errs, err_cmp);
    if (rk->naside > 1)
        qsort(rk->aside, rk->naside, sizeof *rk->aside, aside_cmp);
    if (rk->nskipped > 1)
        qsort(rk->skipped, rk->nskipped, sizeof *rk->skipped, strcmp_ptr);
    if (mark_duplicates(rk))
        return CF_ESYSTEM;
    switch (w->format) {
    case CF_RANK_CSV: write_csv(rk, &o, w->bom); break;
    case CF_RANK_JSON: write_json(rk, &o); break;
    case CF_RANK_NDJSON: write_ndjson(rk, &o); break;
    case CF_RANK_MD: write_md(rk, &o); break;
    case CF_RANK_HTML: cf_rank_write_html(rk, &o); break;
    default: write_text(rk, &o, w->width, w->color); break;
    }
    cf_rank_flush(&o, 1);
    int oom = o.b.oom;
    cf_buf_free(&o.b);
    if (rk->o.top)   /* the records are no longer a heap */
        rk->o.top = 0;
    return oom || o.failed ? CF_ESYSTEM : CF_OK;
}
