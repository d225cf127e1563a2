/* The counselor's view of a report: a failed gate first, with what would
 * pass it, then the gaps that cost the most points, each with its quality,
 * whether the profile stated anything, and the rubric's advice; and, for a
 * what-if, the score, tier and gates it would give. */
#include <math.h>
#include <string.h>
#include "report.h"


static const char *qname(const cf_rubric *r, const char *qid)
{
    for (size_t i = 0; i < r->nqualities; i++)
        if (strcmp(r->qualities[i].id, qid) == 0)
            return r->qualities[i].name ? r->qualities[i].name : qid;
    return qid;
}

/* How the profile stands on a criterion, in words. */
static const char *standing(const cf_result *res)
{
    if (res->missing)
        return "not stated in the profile: add it if it applies";
    if (res->fraction <= 0)
        return "the profile has nothing that counts here yet";
    return "partly there";
}

static void put_text(cf_buf *b, const char *s, cf_advice_format f)
{
    if (f == CF_ADVICE_MD)
        cf_buf_md(b, s);
    else
        cf_buf_puts(b, s);
}

static const char *const op_names[] = {"at_least", "above", "at_most", "below"};

static void gate_needs_json(cf_jw *w, const cf_report *rep, const cf_gate *g)
{
    cf_jw_open(w, "needs", '[');
    for (size_t c = 0; c < g->nconds; c++) {
        const cf_cond *cd = &g->conds[c];
        cf_jw_open(w, NULL, '{');
        cf_buf text = {0};
        cf_cond_text(rep->r, cd, &text);
        if (cd->kind == CF_K_CRITERION) {
            const cf_result *res = &rep->res[rep->qfirst[cd->q] + cd->c];
            cf_buf ref = {0};
            cf_buf_printf(&ref, "%s.%s", res->c->qid, res->c->id);
            cf_jw_str(w, "criterion", ref.s ? ref.s : "");
            cf_buf_free(&ref);
            cf_jw_str(w, "label", cd->label ? cd->label : res->c->label ? res->c->label : res->c->id);
            cf_jw_str(w, "op", op_names[cd->op]);
            cf_jw_num(w, "value", cd->value, 3);
            cf_jw_num(w, "current", res->fraction, 3);
            cf_jw_str(w, "advice", cf_result_advice(res));
        } else {
            if (cd->kind == CF_K_PATH) {
                cf_jw_str(w, "path", cd->path.text);
                cf_jw_str(w, "op", op_names[cd->op]);
                cf_jw_num(w, "value", cd->value, 3);
            }
            cf_jw_str(w, "label", text.s ? text.s : "");
        }
        cf_jw_bool(w, "holds", rep->gcond_ok[g->cond_first + c]);
        cf_buf_free(&text);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
}

static void whatif_json(cf_jw *w, const cf_report *rep, const cf_report *alt, const char *const *with,
                        size_t nwith)
{
    cf_jw_open(w, "what_if", '{');
    cf_jw_open(w, "with", '[');
    for (size_t i = 0; i < nwith; i++)
        cf_jw_str(w, NULL, with[i]);
    cf_jw_close(w, ']');
    cf_jw_num(w, "score", alt->score, 1);
    cf_jw_num(w, "change", cf_shown(alt->score) - cf_shown(rep->score), 1);
    cf_jw_str(w, "tier", cf_report_tier(alt));
    cf_jw_bool(w, "eligible", alt->eligible);
    cf_jw_open(w, "gates", '[');
    for (size_t g = 0; g < alt->r->ngates; g++) {
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "id", alt->r->gates[g].id);
        cf_jw_bool(w, "passed", alt->gate_passed[g]);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    cf_jw_close(w, '}');
}

cf_status cf_advice_write(const cf_report *rep, const cf_report *alt, const char *const *with, size_t nwith,
                          cf_advice_format f, char **out, size_t *len)
{
    const cf_rubric *r = rep->r;
    cf_buf b = {0};
    char day[11];
    cf_day_format(rep->as_of, day);
    double attainable = 0;   /* as shown: the sum of the gaps shown */
    for (size_t k = 0; k < rep->ngaps; k++)
        attainable += cf_gap_points(&rep->res[rep->gaps[k]]);

    if (f == CF_ADVICE_JSON) {
        cf_jw w = {&b, 1, 0, {0}};
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "source", rep->source);
        cf_jw_str(&w, "as_of", day);
        cf_jw_num(&w, "score", rep->score, 1);
        cf_jw_str(&w, "tier", cf_report_tier(rep));
        cf_jw_str(&w, "tier_label", cf_report_tier_label(rep));
        cf_jw_bool(&w, "eligible", rep->eligible);
        cf_jw_open(&w, "gates", '[');
        for (int pass = 0; pass < 2; pass++)   /* failed gates first */
            for (size_t g = 0; g < r->ngates; g++) {
                if (rep->gate_passed[g] != pass)
                    continue;
                cf_jw_open(&w, NULL, '{');
                cf_jw_str(&w, "id", r->gates[g].id);
                cf_jw_str(&w, "label", r->gates[g].label);
                cf_jw_bool(&w, "passed", rep->gate_passed[g]);
                if (!pass) {
                    cf_jw_str(&w, "advice", r->gates[g].advice);
                    gate_needs_json(&w, rep, &r->gates[g]);
                }
                cf_jw_close(&w, '}');
            }
        cf_jw_close(&w, ']');
        cf_jw_open(&w, "gaps", '[');
        for (size_t k = 0; k < rep->ngaps; k++) {
            const cf_result *res = &rep->res[rep->gaps[k]];
            cf_gap_json(&w, res, standing(res));
        }
        cf_jw_close(&w, ']');
        cf_jw_num(&w, "attainable", attainable, 1);
        if (alt)
            whatif_json(&w, rep, alt, with, nwith);
        cf_jw_close(&w, '}');
        cf_buf_putc(&b, '\n');
        return cf_buf_finish(&b, out, len);
    }

    int md = f == CF_ADVICE_MD;
    const char *h2 = md ? "## " : "", *li = md ? "- " : "    ", *sub = md ? "  " : "      ";
    if (md) {
        cf_buf_puts(&b, "# Advice for ");
        cf_buf_md(&b, rep->source);
        cf_buf_printf(&b, "\n\nAs of %s: score **%.1f** of 100, tier **", day, cf_shown(rep->score));
        cf_buf_md(&b, cf_report_tier_label(rep));
        cf_buf_printf(&b, "**, %s.\n\n", rep->eligible ? "eligible" : "**not eligible**");
    } else {
        cf_buf_shown(&b, rep->source, strlen(rep->source));
        cf_buf_printf(&b, "  (as of %s)\n  Score %.1f / 100   %s   %s\n\n", day, cf_shown(rep->score),
                      cf_report_tier_label(rep), rep->eligible ? "eligible" : "NOT ELIGIBLE");
    }
    for (size_t g = 0; g < r->ngates; g++) {
        if (rep->gate_passed[g])
            continue;
        const cf_gate *gate = &r->gates[g];
        cf_buf_printf(&b, "%sFirst: pass the gate \"", md ? "## " : "  ");
        put_text(&b, gate->label, f);
        cf_buf_printf(&b, "\"\n\n%sIt needs %s of:\n", md ? "" : "  ", gate->any ? "one" : "each");
        for (size_t c = 0; c < gate->nconds; c++) {
            const cf_cond *cd = &gate->conds[c];
            cf_buf text = {0};
            cf_cond_text(r, cd, &text);
            cf_buf_puts(&b, li);
            put_text(&b, text.s ? text.s : "", f);
            cf_buf_free(&text);
            if (cd->kind == CF_K_CRITERION && !cd->label)
                cf_buf_printf(&b, " (now %.2f)", rep->res[rep->qfirst[cd->q] + cd->c].fraction);
            else
                cf_buf_puts(&b, rep->gcond_ok[gate->cond_first + c] ? " (holds)" : " (not yet)");
            cf_buf_putc(&b, '\n');
        }
        if (gate->advice && md) {
            cf_buf_putc(&b, '\n');
            put_text(&b, gate->advice, f);
            cf_buf_putc(&b, '\n');
        } else if (gate->advice) {
            cf_buf_putc(&b, '\n');
            cf_buf_wrap(&b, gate->advice, 2, 80);
        }
        cf_buf_putc(&b, '\n');
    }
    cf_buf_printf(&b, "%sWhat would raise the score most (points out of 100)\n\n", md ? h2 : "  ");
    for (size_t k = 0; k < rep->ngaps; k++) {
        const cf_result *res = &rep->res[rep->gaps[k]];
        const cf_criterion *c = res->c;
        cf_buf_printf(&b, "%s%s+%.1f points: ", li, md ? "**" : "", cf_gap_points(res));
        put_text(&b, qname(r, c->qid), f);
        cf_buf_puts(&b, " > ");
        put_text(&b, c->label ? c->label : c->id, f);
        cf_buf_printf(&b, "%s\n%s%s", md ? "**" : "", sub, standing(res));
        if (!res->missing && res->fraction > 0)
            cf_buf_printf(&b, ": %.0f%% of it so far", res->fraction * 100);
        cf_buf_putc(&b, '\n');
        const char *advice = cf_result_advice(res);
        if (advice && md) {
            cf_buf_puts(&b, sub);
            put_text(&b, advice, f);
            cf_buf_putc(&b, '\n');
        } else if (advice) {
            cf_buf_wrap(&b, advice, 6, 80);
        }
    }
    double reach = cf_shown(rep->score) + cf_shown(attainable);
    cf_buf_printf(&b, "\n%sAll of these together: %.1f points; the score can reach %.1f.\n", md ? "" : "  ",
                  cf_shown(attainable), reach > 100 ? 100 : reach);
    if (alt) {
        cf_buf_printf(&b, "\n%sWhat if: ", md ? h2 : "  ");
        for (size_t i = 0; i < nwith; i++) {
            cf_buf_puts(&b, i ? ", " : "");
            put_text(&b, with[i], f);
        }
        cf_buf_printf(&b, "\n\n%sscore %.1f -> %.1f (%+.1f)\n", li, cf_shown(rep->score), cf_shown(alt->score),
                      cf_shown(alt->score) - cf_shown(rep->score));
        cf_buf_printf(&b, "%stier %s -> %s\n", li, cf_report_tier_label(rep), cf_report_tier_label(alt));
        for (size_t g = 0; g < r->ngates; g++)
            cf_buf_printf(&b, "%sgate %s: %s -> %s\n", li, r->gates[g].id, rep->gate_passed[g] ? "passed" : "failed",
                          alt->gate_passed[g] ? "passed" : "failed");
        cf_buf_printf(&b, "%s%s -> %s\n", li, rep->eligible ? "eligible" : "not eligible",
                      alt->eligible ? "eligible" : "not eligible");
    }
    return cf_buf_finish(&b, out, len);
}
