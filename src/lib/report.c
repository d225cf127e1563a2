/* Report writers: JSON (pretty or one line) and text for a terminal. */
#include <math.h>
#include <string.h>
#include "report.h"

void cf_gap_json(cf_jw *w, const cf_result *res, const char *standing)
{
    cf_jw_open(w, NULL, '{');
    cf_jw_str(w, "quality", res->c->qid);
    cf_jw_str(w, "criterion", res->c->id);
    cf_jw_str(w, "label", res->c->label ? res->c->label : res->c->id);
    cf_jw_num(w, "points", cf_gap_points(res), 1);
    cf_jw_bool(w, "stated", !res->missing);
    if (standing)
        cf_jw_str(w, "standing", standing);
    if (cf_astate_name(res->state))
        cf_jw_str(w, "state", cf_astate_name(res->state));
    cf_jw_str(w, "advice", cf_result_advice(res));
    cf_jw_close(w, '}');
}

void cf_gate_cond_state(cf_buf *b, const cf_report *rep, const cf_gate *g, size_t c)
{
    const cf_cond *cd = &g->conds[c];
    if (rep->gcond_ok[g->cond_first + c]) {
        cf_buf_puts(b, "holds");
    } else if (cd->kind == CF_K_CRITERION) {
        double f = rep->res[rep->qfirst[cd->q] + cd->c].fraction;
        if (f > 0)
            cf_buf_printf(b, "the profile shows %.0f%% of it", f * 100);
        else
            cf_buf_puts(b, "the profile shows none");
    } else {
        cf_buf_puts(b, "not yet");
    }
}

void cf_gate_needs_text(cf_buf *b, const cf_report *rep, const cf_gate *g)
{
    cf_buf_puts(b, g->nconds == 1 ? "Needs " : g->any ? "Needs one of: " : "Needs each of: ");
    for (size_t c = 0; c < g->nconds; c++) {
        if (c)
            cf_buf_puts(b, "; ");
        cf_cond_text(rep->r, &g->conds[c], b);
        cf_buf_puts(b, ": ");
        cf_gate_cond_state(b, rep, g, c);
    }
    cf_buf_putc(b, '.');
}

/* The highest tier the score reaches whose requirements fail but for one:
 * what holds the applicant back.  A tier that needs two things more is
 * not in reach, and saying "the score reaches Strong fit" then misleads. */
const cf_tier *cf_report_held_back(const cf_report *rep)
{
    if (rep->tier >= rep->r->ntiers || rep->score_tier >= rep->tier)
        return NULL;
    for (size_t i = rep->score_tier; i < rep->tier; i++) {
        const cf_tier *t = &rep->r->tiers[i];
        size_t unmet = 0;
        for (size_t k = 0; k < t->nreq; k++)
            unmet += !rep->req_ok[t->req_first + k];
        if (unmet == 1)
            return t;
    }
    return NULL;
}

void cf_report_held_back_text(const cf_report *rep, cf_buf *b)
{
    const cf_tier *t = cf_report_held_back(rep);
    int n = 0;
    for (size_t k = 0; t && k < t->nreq; k++) {
        if (rep->req_ok[t->req_first + k])
            continue;
        if (n++)
            cf_buf_puts(b, "; ");
        cf_cond_text(rep->r, &t->req[k], b);
    }
}

char *cf_report_place(const cf_report *rep, const cf_evidence *ev)
{
    cf_buf b = {0};
    cf_buf_printf(&b, "%s:%u:%u", rep->source, ev->page, ev->line);
    char *s;
    size_t n;
    return cf_buf_finish(&b, &s, &n) ? NULL : s;
}

void cf_report_read_from(const cf_report *rep, cf_buf *b)
{
    if (!rep->read_from) {
        cf_buf_puts(b, strcmp(rep->input_format, "native") == 0 ? "coderfit profile" : "JSON Resume");
        return;
    }
    cf_buf_printf(b, "read from a %s resume", rep->read_from);
    if (rep->pages)
        cf_buf_printf(b, " of %u page%s", rep->pages, rep->pages == 1 ? "" : "s");
}

cf_status cf_report_json(const cf_report *rep, int pretty, char **out, size_t *len)
{
    cf_buf b = {0};
    cf_jw w = {&b, pretty, 0, {0}};
    const cf_rubric *r = rep->r;
    char day[11];
    cf_day_format(rep->as_of, day);

    cf_jw_open(&w, NULL, '{');
    cf_jw_str(&w, "format", CF_REPORT_FORMAT);
    cf_jw_str(&w, "source", rep->source);
    cf_applicant_json(&w, &rep->who);
    cf_jw_str(&w, "input_format", rep->input_format);
    if (rep->read_from) {
        cf_jw_open(&w, "read_from", '{');
        cf_jw_str(&w, "format", rep->read_from);
        if (rep->pages)
            cf_jw_num(&w, "pages", rep->pages, 0);
        cf_jw_close(&w, '}');
    }
    char fp[17];
    cf_fingerprint_format(rep->who.content, fp);
    cf_jw_str(&w, "fingerprint", fp);
    cf_jw_open(&w, "rubric", '{');
    cf_jw_str(&w, "id", r->id);
    cf_jw_str(&w, "version", r->version);
    if (r->title)
        cf_jw_str(&w, "title", r->title);
    cf_jw_str(&w, "checksum", r->checksum);
    cf_jw_close(&w, '}');
    cf_jw_str(&w, "as_of", day);
    cf_jw_num(&w, "score", rep->score, 1);
    cf_jw_str(&w, "tier", cf_report_tier(rep));
    cf_jw_str(&w, "tier_label", cf_report_tier_label(rep));
    cf_jw_num(&w, "tier_rank", (double)rep->tier + 1, 0);
    const cf_tier *held = cf_report_held_back(rep);
    if (held) {
        cf_jw_open(&w, "held_back", '{');
        cf_jw_str(&w, "tier", held->id);
        cf_jw_str(&w, "tier_label", held->label);
        cf_jw_open(&w, "requires", '[');
        for (size_t k = 0; k < held->nreq; k++) {
            if (rep->req_ok[held->req_first + k])
                continue;
            cf_buf t = {0};
            cf_cond_text(r, &held->req[k], &t);
            cf_jw_str(&w, NULL, t.s ? t.s : "");
            cf_buf_free(&t);
        }
        cf_jw_close(&w, ']');
        cf_jw_close(&w, '}');
    }
    cf_jw_bool(&w, "eligible", rep->eligible);
    cf_jw_num(&w, "completeness", rep->completeness, 3);
    cf_buf line = {0};
    cf_report_facts_line(rep, &line);
    cf_facts_json(&w, &rep->facts, line.s ? line.s : "");
    cf_buf_drop(&b, &line);

    cf_jw_open(&w, "qualities", '[');
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        double pts = 0, max = 0;
        for (size_t j = 0; j < q->ncriteria; j++) {
            pts += rep->res[rep->qfirst[i] + j].points;
            max += q->criteria[j].share;
        }
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "id", q->id);
        cf_jw_str(&w, "name", q->name);
        cf_jw_num(&w, "weight", q->weight, 3);
        cf_jw_num(&w, "score", rep->qscore[i], 1);
        cf_jw_num(&w, "points", pts, 2);
        cf_jw_num(&w, "max_points", max, 2);
        cf_jw_open(&w, "criteria", '[');
        for (size_t j = 0; j < q->ncriteria; j++) {
            const cf_result *res = &rep->res[rep->qfirst[i] + j];
            const cf_criterion *c = res->c;
            cf_jw_open(&w, NULL, '{');
            cf_jw_str(&w, "id", c->id);
            cf_jw_str(&w, "label", c->label ? c->label : c->id);
            cf_jw_str(&w, "type", cf_ctype_name(c->type));
            cf_jw_num(&w, "weight", c->weight, 3);
            cf_jw_num(&w, "fraction", res->fraction, 3);
            cf_jw_num(&w, "points", res->points, 2);
            cf_jw_num(&w, "max_points", c->share, 2);
            cf_jw_bool(&w, "missing", res->missing);
            if (res->implied)
                cf_jw_bool(&w, "implied", 1);
            cf_jw_open(&w, "evidence", '[');
            for (size_t e = 0; e < res->nev; e++) {
                cf_jw_open(&w, NULL, '{');
                cf_jw_str(&w, "path", res->ev[e].path);
                if (res->ev[e].input_path)
                    cf_jw_str(&w, "input_path", res->ev[e].input_path);
                cf_jw_str(&w, "value", res->ev[e].value);
                if (res->ev[e].read_as)
                    cf_jw_str(&w, "read_as", res->ev[e].read_as);
                if (res->ev[e].note)
                    cf_jw_str(&w, "note", res->ev[e].note);
                if (res->ev[e].page) {
                    char *at = cf_report_place(rep, &res->ev[e]);
                    if (!at)
                        w.b->oom = 1;
                    cf_jw_str(&w, "place", at ? at : "");
                    cf_free(at);
                }
                cf_jw_close(&w, '}');
            }
            cf_jw_close(&w, ']');
            cf_jw_close(&w, '}');
        }
        cf_jw_close(&w, ']');
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');

    cf_jw_open(&w, "gates", '[');
    for (size_t g = 0; g < r->ngates; g++) {
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "id", r->gates[g].id);
        cf_jw_str(&w, "label", r->gates[g].label);
        cf_jw_bool(&w, "passed", rep->gate_passed[g]);
        if (!rep->gate_passed[g] && r->gates[g].advice)
            cf_jw_str(&w, "advice", r->gates[g].advice);
        cf_jw_close(&w, '}');
    }
    cf_jw_close(&w, ']');

    cf_jw_open(&w, "gaps", '[');
    for (size_t k = 0; k < rep->ngaps; k++) {
        cf_gap_json(&w, &rep->res[rep->gaps[k]], NULL);
    }
    cf_jw_close(&w, ']');
    cf_warnings_json(&w, &rep->warnings);
    cf_jw_close(&w, '}');
    cf_buf_putc(&b, '\n');
    return cf_buf_finish(&b, out, len);
}

void cf_warnings_json(cf_jw *w, const cf_warnings *ws)
{
    cf_jw_open(w, "warnings", '[');
    for (size_t i = 0; i < ws->n; i++) {
        const cf_warning *e = &ws->v[i];
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "field", e->field);
        cf_jw_num(w, "line", e->line, 0);
        cf_jw_num(w, "column", e->col, 0);
        cf_jw_str(w, "rule", e->rule);
        cf_jw_str(w, "message", e->message);
        cf_jw_close(w, '}');
    }
    if (ws->more) {
        char msg[96];
        snprintf(msg, sizeof msg, "%lu more field%s left out", ws->more, ws->more == 1 ? "" : "s");
        cf_jw_open(w, NULL, '{');
        cf_jw_str(w, "rule", "more-warnings");
        cf_jw_str(w, "message", msg);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
}

size_t cf_warnings_count(const cf_warnings *ws)
{
    return ws->n + ws->more;
}

/* ---- text ---------------------------------------------------------------- */


static const char *score_color(double s)
{
    return s >= 70 ? C_GREEN : s >= 40 ? C_YELLOW : C_RED;
}

cf_status cf_report_text(const cf_report *rep, const cf_text_opts *o, char **out, size_t *len)
{
    cf_buf b = {0};
    const cf_rubric *r = rep->r;
    int color = o && o->color;
    int width = o && o->width >= 40 ? o->width : 80;
    if (width > 120)
        width = 120;
    const char *bold = color ? C_BOLD : "", *reset = color ? C_RESET : "", *dim = color ? C_DIM : "";
    char day[11];
    cf_day_format(rep->as_of, day);

    if (cf_applicant_stated(&rep->who)) {
        const char *name = rep->who.name ? rep->who.name : "(no name stated)";
        cf_buf_puts(&b, bold);
        cf_buf_shown(&b, name, strlen(name));
        cf_buf_puts(&b, reset);
        if (rep->who.email || rep->who.phone || rep->who.location) {
            cf_buf_puts(&b, "  ");
            cf_applicant_contact(&rep->who, &b, cf_buf_shown_str);
        }
        cf_buf_putc(&b, '\n');
    }
    cf_buf_puts(&b, cf_applicant_stated(&rep->who) ? "" : bold);
    cf_buf_shown(&b, rep->source, strlen(rep->source));
    cf_buf_printf(&b, "%s  %s(", cf_applicant_stated(&rep->who) ? "" : reset, dim);
    cf_report_read_from(rep, &b);
    cf_buf_printf(&b, ", as of %s)%s\n", day, reset);
    cf_buf_printf(&b, "  Score %s%s%5.1f%s / 100   %s%s%s   %s%s%s\n", bold,
                  color ? score_color(rep->score) : "", cf_shown(rep->score), reset,
                  bold, cf_report_tier_label(rep), reset,
                  color ? (rep->eligible ? C_GREEN : C_RED) : "",
                  rep->eligible ? "eligible" : "NOT ELIGIBLE", reset);
    cf_buf_printf(&b, "  %sCompleteness %.0f%% of the rubric's weight is stated%s\n", dim,
                  rep->completeness * 100, reset);
    const char *opening = r->title ? r->title : r->id;
    cf_buf_printf(&b, "  %sTiers for the opening: ", dim);
    cf_buf_shown(&b, opening, strlen(opening));
    cf_buf_printf(&b, "%s\n", reset);
    if (cf_report_insufficient(rep))
        cf_buf_printf(&b, "  Too little is stated to judge: a tier needs %.0f%% of the rubric's weight\n",
                      r->insufficient_below * 100);
    const cf_tier *held = cf_report_held_back(rep);
    if (held) {
        cf_buf why = {0};
        cf_buf_printf(&why, "The score reaches %s, which needs: ", held->label ? held->label : held->id);
        cf_report_held_back_text(rep, &why);
        cf_buf_wrap(&b, why.s ? why.s : "", 2, width);
        cf_buf_free(&why);
    }
    size_t nw = cf_warnings_count(&rep->warnings);
    if (nw) {
        cf_buf_printf(&b, "  %s%sWarnings: %zu field%s left out of scoring%s\n", bold,
                      color ? C_YELLOW : "", nw, nw == 1 ? "" : "s", reset);
        for (size_t i = 0; i < rep->warnings.n; i++) {
            const cf_warning *e = &rep->warnings.v[i];
            char pos[32];
            snprintf(pos, sizeof pos, "%u:%u", e->line, e->col);
            cf_buf_printf(&b, "    %-8s ", pos);
            cf_buf_shown(&b, e->message, strlen(e->message));
            cf_buf_putc(&b, '\n');
        }
        if (rep->warnings.more)
            cf_buf_printf(&b, "    and %lu more\n", rep->warnings.more);
    }
    cf_buf_putc(&b, '\n');

    int name_w = width - 42;
    if (name_w > 44)
        name_w = 44;
    int bar_w = 20;
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        double s = rep->qscore[i];
        int filled = (int)lround(s / 100 * bar_w);
        cf_buf_puts(&b, "  ");
        cf_buf_pad(&b, q->name ? q->name : q->id, name_w);
        cf_buf_printf(&b, " %s", color ? score_color(s) : "");
        for (int k = 0; k < bar_w; k++)
            cf_buf_puts(&b, k < filled ? "\xe2\x96\x88" : "\xe2\x96\x91");
        cf_buf_printf(&b, "%s %5.1f  %sweight %g%s\n", reset, cf_shown(s), dim, q->weight, reset);
    }

    int failed = 0;
    for (size_t g = 0; g < r->ngates; g++)
        failed += !rep->gate_passed[g];
    if (r->ngates) {
        if (!failed) {
            cf_buf_printf(&b, "\n  Gates: %zu of %zu passed\n", r->ngates, r->ngates);
        } else {
            cf_buf_printf(&b, "\n  %sFailed gates%s\n", bold, reset);
            for (size_t g = 0; g < r->ngates; g++) {
                if (rep->gate_passed[g])
                    continue;
                cf_buf_printf(&b, "    %s\xe2\x9c\x97 %s%s\n", color ? C_RED : "",
                              r->gates[g].label ? r->gates[g].label : r->gates[g].id, reset);
                cf_buf needs = {0};
                cf_gate_needs_text(&needs, rep, &r->gates[g]);
                cf_buf_wrap(&b, needs.s ? needs.s : "", 6, width);
                b.oom |= needs.oom;
                cf_buf_free(&needs);
                if (r->gates[g].advice)
                    cf_buf_wrap(&b, r->gates[g].advice, 6, width);
            }
        }
    }
    if (rep->ngaps) {
        cf_buf_printf(&b, "\n  %sTop gaps%s\n", bold, reset);
        for (size_t k = 0; k < rep->ngaps && k < 3; k++) {
            const cf_result *res = &rep->res[rep->gaps[k]];
            const cf_criterion *c = res->c;
            const char *qname = c->qid;
            for (size_t i = 0; i < r->nqualities; i++)
                if (strcmp(r->qualities[i].id, c->qid) == 0 && r->qualities[i].name)
                    qname = r->qualities[i].name;
            char pts[16];
            snprintf(pts, sizeof pts, "+%.1f", cf_gap_points(res));
            cf_buf_printf(&b, "    %5s  %s: %s%s\n", pts, qname,
                          c->label ? c->label : c->id, res->missing ? " (not stated)" : "");
            if (cf_result_advice(res))
                cf_buf_wrap(&b, cf_result_advice(res), 11, width);
        }
    }
    return cf_buf_finish(&b, out, len);
}
