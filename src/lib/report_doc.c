/* Reports as documents: Markdown, and one self-contained HTML page (no
 * external script, style, font or image) with an inline SVG chart, that
 * prints on A4 and Letter.  Every string from the profile or the rubric is
 * escaped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"


static double total_weight(const cf_rubric *r)
{
    double t = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        t += r->qualities[i].weight;
    return t;
}

/* Why the profile has the tier it has, when that is not its score's:
 * too little stated, or a tier's requirements not met; each sentence
 * between pre and post, text escaped by esc. */
static void tier_note(cf_buf *b, const cf_report *rep, void (*esc)(cf_buf *, const char *), const char *pre,
                      const char *post)
{
    if (cf_report_insufficient(rep))
        cf_buf_printf(b, "%sToo little is stated to judge: a tier needs %.0f%% of the rubric's weight.%s", pre,
                      rep->r->insufficient_below * 100, post);
    const cf_tier *held = cf_report_held_back(rep);
    if (!held)
        return;
    cf_buf why = {0};
    cf_report_held_back_text(rep, &why);
    cf_buf_printf(b, "%sThe score reaches ", pre);
    esc(b, held->label ? held->label : held->id);
    cf_buf_puts(b, ", which needs: ");
    esc(b, why.s ? why.s : "");
    cf_buf_printf(b, ".%s", post);
    cf_buf_free(&why);
}

/* ---- Markdown ------------------------------------------------------------------ */

/* What a failed gate needs, in words, escaped by esc. */
static void put_needs(cf_buf *b, const cf_report *rep, const cf_gate *g, void (*esc)(cf_buf *, const char *))
{
    cf_buf needs = {0};
    cf_gate_needs_text(&needs, rep, g);
    esc(b, needs.s ? needs.s : "");
    b->oom |= needs.oom;
    cf_buf_free(&needs);
}

cf_status cf_report_md(const cf_report *rep, char **out, size_t *len)
{
    const cf_rubric *r = rep->r;
    cf_buf b = {0};
    char day[11];
    cf_day_format(rep->as_of, day);
    cf_buf_puts(&b, "# Fit report: ");
    cf_buf_md(&b, rep->who.name ? rep->who.name : rep->source);
    cf_buf_puts(&b, "\n\n");
    if (cf_applicant_stated(&rep->who)) {
        if (rep->who.email || rep->who.phone || rep->who.location) {
            cf_applicant_contact(&rep->who, &b, cf_buf_md);
            cf_buf_puts(&b, " \xc2\xb7 ");
        }
        cf_buf_md(&b, rep->source);
        cf_buf_puts(&b, "\n\n");
    }
    if (rep->read_from) {
        cf_buf_puts(&b, "The profile was ");
        cf_report_read_from(rep, &b);
        cf_buf_puts(&b, ".\n\n");
    }
    cf_buf_printf(&b, "As of %s, rubric `", day);
    cf_buf_md(&b, r->id);
    cf_buf_puts(&b, "` ");
    cf_buf_md(&b, r->version ? r->version : "");
    cf_buf_puts(&b, "; tiers for the opening: ");
    cf_buf_md(&b, r->title ? r->title : r->id);
    cf_buf_printf(&b, ".\n\n**Score %.1f / 100**, ", cf_shown(rep->score));
    cf_buf_md(&b, cf_report_tier_label(rep));
    cf_buf_printf(&b, ", %s; %.0f%% of the rubric's weight is stated.\n\n", rep->eligible ? "eligible" : "**not eligible**",
                  rep->completeness * 100);
    tier_note(&b, rep, cf_buf_md, "", "\n\n");
    if (cf_warnings_count(&rep->warnings)) {
        size_t nw = cf_warnings_count(&rep->warnings);
        cf_buf_printf(&b, "**Warnings:** %zu field%s left out of scoring.\n\n", nw, nw == 1 ? "" : "s");
        for (size_t i = 0; i < rep->warnings.n; i++) {
            const cf_warning *e = &rep->warnings.v[i];
            cf_buf_printf(&b, "- %u:%u: ", e->line, e->col);
            cf_buf_md(&b, e->message);
            cf_buf_putc(&b, '\n');
        }
        if (rep->warnings.more)
            cf_buf_printf(&b, "- and %lu more\n", rep->warnings.more);
        cf_buf_putc(&b, '\n');
    }
    cf_buf_puts(&b, "## Qualities\n\n| quality | weight | score |\n| --- | ---: | ---: |\n");
    for (size_t i = 0; i < r->nqualities; i++) {
        cf_buf_puts(&b, "| ");
        cf_buf_md(&b, r->qualities[i].name ? r->qualities[i].name : r->qualities[i].id);
        cf_buf_printf(&b, " | %g | %.1f |\n", r->qualities[i].weight, cf_shown(rep->qscore[i]));
    }
    if (r->ngates) {
        cf_buf_puts(&b, "\n## Gates\n\n");
        for (size_t g = 0; g < r->ngates; g++) {
            cf_buf_printf(&b, "- %s: ", rep->gate_passed[g] ? "passed" : "**failed**");
            cf_buf_md(&b, r->gates[g].label ? r->gates[g].label : r->gates[g].id);
            if (!rep->gate_passed[g]) {
                cf_buf_puts(&b, ". ");
                put_needs(&b, rep, &r->gates[g], cf_buf_md);
            }
            if (!rep->gate_passed[g] && r->gates[g].advice) {
                cf_buf_puts(&b, " ");
                cf_buf_md(&b, r->gates[g].advice);
            }
            cf_buf_putc(&b, '\n');
        }
    }
    cf_buf_puts(&b, "\n## Criteria\n");
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        cf_buf_puts(&b, "\n### ");
        cf_buf_md(&b, q->name ? q->name : q->id);
        cf_buf_printf(&b, " (%.1f)\n\n| criterion | points | of | evidence |\n| --- | ---: | ---: | --- |\n",
                      cf_shown(rep->qscore[i]));
        for (size_t j = 0; j < q->ncriteria; j++) {
            const cf_result *res = &rep->res[rep->qfirst[i] + j];
            cf_buf_puts(&b, "| ");
            cf_buf_md(&b, res->c->label ? res->c->label : res->c->id);
            cf_buf_printf(&b, " | %.1f | %.1f | ", cf_shown(res->points), cf_shown(res->c->share));
            if (!res->nev)
                cf_buf_puts(&b, res->missing ? "not stated" : "nothing that counts");
            for (size_t e = 0; e < res->nev; e++) {
                cf_buf_puts(&b, e ? "; " : "");
                cf_buf_md(&b, res->ev[e].input_path ? res->ev[e].input_path : res->ev[e].path);
                if (res->ev[e].page)
                    cf_buf_printf(&b, " (page %u, line %u)", res->ev[e].page, res->ev[e].line);
                cf_buf_puts(&b, ": ");
                cf_buf_md(&b, res->ev[e].value ? res->ev[e].value : "");
                if (res->ev[e].read_as) {
                    cf_buf_puts(&b, " (read as ");
                    cf_buf_md(&b, res->ev[e].read_as);
                    cf_buf_putc(&b, ')');
                }
                if (res->ev[e].note) {
                    cf_buf_puts(&b, " (");
                    cf_buf_md(&b, res->ev[e].note);
                    cf_buf_putc(&b, ')');
                }
            }
            cf_buf_puts(&b, " |\n");
        }
    }
    if (rep->ngaps) {
        cf_buf_puts(&b, "\n## Gaps, most points first\n\n");
        for (size_t k = 0; k < rep->ngaps; k++) {
            const cf_result *res = &rep->res[rep->gaps[k]];
            cf_buf_printf(&b, "%zu. **+%.1f** ", k + 1, cf_gap_points(res));
            cf_buf_md(&b, res->c->label ? res->c->label : res->c->id);
            cf_buf_puts(&b, res->missing ? " (not stated)" : "");
            if (cf_result_advice(res)) {
                cf_buf_puts(&b, ": ");
                cf_buf_md(&b, cf_result_advice(res));
            }
            cf_buf_putc(&b, '\n');
        }
    }
    return cf_buf_finish(&b, out, len);
}

/* ---- HTML ------------------------------------------------------------------------ */

const char cf_report_css[] =
    ":root{--ink:#1d2430;--muted:#5b6472;--line:#d8dde5;--good:#2f7d4f;--mid:#b7791f;--low:#b83232;"
    "--bar:#3b6ea5;--weight:#c9d3e0}"
    "*{box-sizing:border-box}"
    "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:var(--ink);"
    "max-width:56rem;margin:2rem auto;padding:0 1.25rem}"
    "h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}"
    "h3{font-size:1rem;margin:1.25rem 0 .25rem}"
    ".meta,.muted{color:var(--muted)}.source{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}"
    ".score{font-size:1.25rem}.score strong{font-size:2rem}"
    ".pass{color:var(--good)}.fail{color:var(--low);font-weight:600}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;"
    "border-bottom:1px solid var(--line);vertical-align:top}th{font-weight:600}td.num,th.num{text-align:right;"
    "white-space:nowrap}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}"
    ".warnings{border-left:4px solid var(--mid);padding:.25rem .75rem;margin:.75rem 0;background:#fdf8ee}"
    ".warnings ul{margin:.25rem 0;padding-left:1.25rem}"
    "figure{margin:.5rem 0}svg{max-width:100%;height:auto}figcaption{color:var(--muted);font-size:.85rem}"
    "ol.gaps li{margin:.4rem 0}"
    "@page{margin:14mm}"
    "@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}"
    "table,figure,li{break-inside:avoid}a{color:inherit;text-decoration:none}}";

static const char *color_of(double s)
{
    return s >= 70 ? "var(--good)" : s >= 40 ? "var(--mid)" : "var(--low)";
}

static void chart(cf_buf *b, const cf_report *rep)
{
    const cf_rubric *r = rep->r;
    double total = total_weight(r), max_w = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        if (r->qualities[i].weight > max_w)
            max_w = r->qualities[i].weight;
    /* Narrow enough to stay readable on a phone (360 units drawn at 350 px
     * or more: 13-unit labels stay 12 px and up): each quality's name above
     * its bar, the score at the bar's end. */
    int row = 44, top = 4, h = top + row * (int)r->nqualities + 18;
    cf_buf_printf(b, "<figure><svg role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
                     "viewBox=\"0 0 360 %d\" width=\"450\" height=\"%d\">",
                  h, h * 450 / 360);
    cf_buf_puts(b, "<title id=\"chart-title\">Score of each quality, with its weight</title><desc id=\"chart-desc\">");
    for (size_t i = 0; i < r->nqualities; i++) {
        cf_buf_html(b, r->qualities[i].name ? r->qualities[i].name : r->qualities[i].id);
        cf_buf_printf(b, ": %.1f of 100, weight %g of %g. ", cf_shown(rep->qscore[i]), r->qualities[i].weight, total);
    }
    cf_buf_puts(b, "</desc>");
    for (size_t i = 0; i < r->nqualities; i++) {
        int y = top + row * (int)i;
        double s = rep->qscore[i], w = r->qualities[i].weight;
        cf_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"13\" fill=\"#1d2430\">", y + 13);
        cf_buf_html(b, r->qualities[i].name ? r->qualities[i].name : r->qualities[i].id);
        cf_buf_printf(b, "</text><text x=\"360\" y=\"%d\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"end\">"
                         "weight %g</text>", y + 13, w);
        cf_buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"300\" height=\"13\" fill=\"#eef1f5\"/>", y + 18);
        cf_buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"13\" fill=\"%s\"/>", y + 18, 3 * s,
                      s >= 70 ? "#2f7d4f" : s >= 40 ? "#b7791f" : "#b83232");
        cf_buf_printf(b, "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"4\" fill=\"#c9d3e0\"/>", y + 33,
                      max_w > 0 ? 300 * w / max_w : 0);
        cf_buf_printf(b, "<text x=\"360\" y=\"%d\" font-size=\"13\" fill=\"#1d2430\" text-anchor=\"end\">%.1f</text>",
                      y + 29, cf_shown(s));
    }
    cf_buf_printf(b, "<text x=\"0\" y=\"%d\" font-size=\"11\" fill=\"#5b6472\">0</text>"
                     "<text x=\"300\" y=\"%d\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"end\">100</text>",
                  h - 4, h - 4);
    cf_buf_puts(b, "</svg><figcaption>Bars: the score of each quality (0 to 100). The thin grey bar under "
                   "each shows its weight, the heaviest quality at full length.</figcaption></figure>");
}

cf_status cf_report_html(const cf_report *rep, char **out, size_t *len)
{
    const cf_rubric *r = rep->r;
    cf_buf b = {0};
    char day[11];
    cf_day_format(rep->as_of, day);
    cf_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Fit report: ");
    cf_buf_html(&b, rep->who.name ? rep->who.name : rep->source);
    cf_buf_printf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>", cf_report_css);
    if (rep->who.name) {
        cf_buf_puts(&b, "Fit report: ");
        cf_buf_html(&b, rep->who.name);
    } else {
        cf_buf_puts(&b, "Fit report");
    }
    cf_buf_puts(&b, "</h1>\n<p class=\"source\">");
    if (rep->who.email || rep->who.phone || rep->who.location) {
        cf_applicant_contact(&rep->who, &b, cf_buf_html);
        cf_buf_puts(&b, " &middot; ");
    }
    cf_buf_html(&b, rep->source);
    cf_buf_printf(&b, "</p>\n<p class=\"meta\">As of %s &middot; tiers for the opening: ", day);
    cf_buf_html(&b, r->title ? r->title : r->id);
    cf_buf_puts(&b, " (rubric ");
    cf_buf_html(&b, r->id);
    cf_buf_puts(&b, " ");
    cf_buf_html(&b, r->version ? r->version : "");
    cf_buf_puts(&b, ")");
    if (rep->read_from) {
        cf_buf_puts(&b, " &middot; ");
        cf_report_read_from(rep, &b);
    }
    cf_buf_puts(&b, "</p>\n</header>\n<main>\n");

    cf_buf_printf(&b, "<section aria-labelledby=\"s-summary\">\n<h2 id=\"s-summary\">Summary</h2>\n"
                      "<p class=\"score\"><strong style=\"color:%s\">%.1f</strong> / 100 &middot; ",
                  color_of(rep->score), cf_shown(rep->score));
    cf_buf_html(&b, cf_report_tier_label(rep));
    cf_buf_printf(&b, " &middot; <span class=\"%s\">%s</span></p>\n", rep->eligible ? "pass" : "fail",
                  rep->eligible ? "eligible" : "not eligible");
    cf_buf_printf(&b, "<p class=\"muted\">%.0f%% of the rubric's weight is stated in the profile.</p>\n",
                  rep->completeness * 100);
    tier_note(&b, rep, cf_buf_html, "<p>", "</p>\n");
    if (cf_warnings_count(&rep->warnings)) {
        size_t nw = cf_warnings_count(&rep->warnings);
        cf_buf_printf(&b, "<div class=\"warnings\" role=\"note\"><p><strong>Warnings:</strong> %zu field%s "
                          "left out of scoring</p>\n<ul>\n", nw, nw == 1 ? "" : "s");
        for (size_t i = 0; i < rep->warnings.n; i++) {
            const cf_warning *e = &rep->warnings.v[i];
            cf_buf_printf(&b, "<li><span class=\"muted\">line %u, column %u:</span> ", e->line, e->col);
            cf_buf_html(&b, e->message);
            cf_buf_puts(&b, "</li>\n");
        }
        if (rep->warnings.more)
            cf_buf_printf(&b, "<li>and %lu more</li>\n", rep->warnings.more);
        cf_buf_puts(&b, "</ul></div>\n");
    }
    cf_buf_puts(&b, "</section>\n");

    cf_buf_puts(&b, "<section aria-labelledby=\"s-qualities\">\n<h2 id=\"s-qualities\">Qualities</h2>\n");
    chart(&b, rep);
    cf_buf_puts(&b, "<table>\n<caption class=\"muted\">The chart's figures</caption>\n<thead><tr><th scope=\"col\">Quality</th>"
                    "<th scope=\"col\" class=\"num\">Weight</th><th scope=\"col\" class=\"num\">Score</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->nqualities; i++) {
        cf_buf_puts(&b, "<tr><th scope=\"row\">");
        cf_buf_html(&b, r->qualities[i].name ? r->qualities[i].name : r->qualities[i].id);
        cf_buf_printf(&b, "</th><td class=\"num\">%g</td><td class=\"num\">%.1f</td></tr>\n", r->qualities[i].weight,
                      cf_shown(rep->qscore[i]));
    }
    cf_buf_puts(&b, "</tbody>\n</table>\n</section>\n");

    if (r->ngates) {
        cf_buf_puts(&b, "<section aria-labelledby=\"s-gates\">\n<h2 id=\"s-gates\">Gates</h2>\n<ul>\n");
        for (size_t g = 0; g < r->ngates; g++) {
            cf_buf_printf(&b, "<li><span class=\"%s\">%s</span>: ", rep->gate_passed[g] ? "pass" : "fail",
                          rep->gate_passed[g] ? "passed" : "failed");
            cf_buf_html(&b, r->gates[g].label ? r->gates[g].label : r->gates[g].id);
            if (!rep->gate_passed[g]) {
                cf_buf_puts(&b, "<br>");
                put_needs(&b, rep, &r->gates[g], cf_buf_html);
            }
            if (!rep->gate_passed[g] && r->gates[g].advice) {
                cf_buf_puts(&b, "<br><span class=\"muted\">");
                cf_buf_html(&b, r->gates[g].advice);
                cf_buf_puts(&b, "</span>");
            }
            cf_buf_puts(&b, "</li>\n");
        }
        cf_buf_puts(&b, "</ul>\n</section>\n");
    }

    if (rep->ngaps) {
        cf_buf_puts(&b, "<section aria-labelledby=\"s-gaps\">\n<h2 id=\"s-gaps\">What would raise the score most</h2>\n"
                        "<ol class=\"gaps\">\n");
        for (size_t k = 0; k < rep->ngaps; k++) {
            const cf_result *res = &rep->res[rep->gaps[k]];
            const char *qn = res->c->qid;
            for (size_t i = 0; i < r->nqualities; i++)
                if (strcmp(r->qualities[i].id, res->c->qid) == 0 && r->qualities[i].name)
                    qn = r->qualities[i].name;
            cf_buf_printf(&b, "<li><strong>+%.1f points</strong> ", cf_gap_points(res));
            cf_buf_html(&b, qn);
            cf_buf_puts(&b, " &rsaquo; ");
            cf_buf_html(&b, res->c->label ? res->c->label : res->c->id);
            cf_buf_puts(&b, res->missing ? " <span class=\"muted\">(not stated)</span>" : "");
            if (cf_result_advice(res)) {
                cf_buf_puts(&b, "<br>");
                cf_buf_html(&b, cf_result_advice(res));
            }
            cf_buf_puts(&b, "</li>\n");
        }
        cf_buf_puts(&b, "</ol>\n</section>\n");
    }

    cf_buf_puts(&b, "<section aria-labelledby=\"s-evidence\">\n<h2 id=\"s-evidence\">Evidence</h2>\n");
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        cf_buf_puts(&b, "<table>\n<caption><h3>");
        cf_buf_html(&b, q->name ? q->name : q->id);
        cf_buf_printf(&b, " &middot; %.1f</h3></caption>\n<thead><tr><th scope=\"col\">Criterion</th>"
                          "<th scope=\"col\" class=\"num\">Points</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n",
                      cf_shown(rep->qscore[i]));
        for (size_t j = 0; j < q->ncriteria; j++) {
            const cf_result *res = &rep->res[rep->qfirst[i] + j];
            cf_buf_puts(&b, "<tr><th scope=\"row\">");
            cf_buf_html(&b, res->c->label ? res->c->label : res->c->id);
            cf_buf_printf(&b, "</th><td class=\"num\">%.1f / %.1f</td><td>", cf_shown(res->points), cf_shown(res->c->share));
            if (!res->nev)
                cf_buf_puts(&b, res->missing ? "<span class=\"muted\">not stated</span>"
                                             : "<span class=\"muted\">nothing that counts</span>");
            for (size_t e = 0; e < res->nev; e++) {
                /* a path as code; what was worked out, in words */
                const char *where = res->ev[e].input_path ? res->ev[e].input_path : res->ev[e].path;
                int words = strchr(where, ' ') != NULL;
                cf_buf_puts(&b, e ? "<br>" : "");
                cf_buf_puts(&b, words ? "<span class=\"muted\">" : "<code>");
                cf_buf_html(&b, where);
                cf_buf_puts(&b, words ? ":</span> " : "</code> ");
                if (res->ev[e].page)
                    cf_buf_printf(&b, "<span class=\"muted\">(page %u, line %u)</span> ", res->ev[e].page,
                                  res->ev[e].line);
                cf_buf_html(&b, res->ev[e].value ? res->ev[e].value : "");
                if (res->ev[e].read_as) {
                    cf_buf_puts(&b, " <span class=\"muted\">(read as ");
                    cf_buf_html(&b, res->ev[e].read_as);
                    cf_buf_puts(&b, ")</span>");
                }
                if (res->ev[e].note) {
                    cf_buf_puts(&b, " <span class=\"muted\">(");
                    cf_buf_html(&b, res->ev[e].note);
                    cf_buf_puts(&b, ")</span>");
                }
            }
            cf_buf_puts(&b, "</td></tr>\n");
        }
        cf_buf_puts(&b, "</tbody>\n</table>\n");
    }
    cf_buf_puts(&b, "</section>\n</main>\n<footer class=\"muted\"><p>coderfit " CF_VERSION " &middot; rubric checksum ");
    cf_buf_html(&b, r->checksum);
    cf_buf_puts(&b, "</p></footer>\n</body>\n</html>\n");
    return cf_buf_finish(&b, out, len);
}

/* ---- the index of a caseload of pages ---------------------------------------- */

typedef struct ix_row {
    char *href, *name, *source, *tier;
    double score;
    int eligible;
} ix_row;

struct cf_html_index {
    ix_row *v;
    size_t n, cap;
    char *rubric, *as_of;
};

cf_html_index *cf_html_index_new(void)
{
    return cf_calloc(1, sizeof(cf_html_index));
}

void cf_html_index_free(cf_html_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->n; i++) {
        cf_free(ix->v[i].href);
        cf_free(ix->v[i].name);
        cf_free(ix->v[i].source);
        cf_free(ix->v[i].tier);
    }
    cf_free(ix->v);
    cf_free(ix->rubric);
    cf_free(ix->as_of);
    cf_free(ix);
}

cf_status cf_html_index_add(cf_html_index *ix, const cf_report *rep, const char *href)
{
    ix_row *v = cf_grow(ix->v, &ix->cap, ix->n + 1, sizeof *v);
    if (!v)
        return CF_ESYSTEM;
    ix->v = v;
    ix_row *r = &v[ix->n];
    memset(r, 0, sizeof *r);
    r->href = cf_strdup(href);
    r->name = rep->who.name ? cf_strdup(rep->who.name) : NULL;
    r->source = cf_strdup(rep->source);
    r->tier = cf_strdup(cf_report_tier_label(rep));
    r->score = rep->score;
    r->eligible = rep->eligible;
    if (!ix->rubric) {
        cf_buf b = {0};
        cf_buf_printf(&b, "%s %s", rep->r->id, rep->r->version ? rep->r->version : "");
        ix->rubric = b.s;
        char day[11];
        cf_day_format(rep->as_of, day);
        ix->as_of = cf_strdup(day);
    }
    ix->n++;
    if (!r->href || (rep->who.name && !r->name) || !r->source || !r->tier || !ix->rubric || !ix->as_of)
        return CF_ESYSTEM;
    return CF_OK;
}

static int ix_cmp(const void *a, const void *b)
{
    const ix_row *x = a, *y = b;
    int sx = cf_tenths(x->score), sy = cf_tenths(y->score);
    if (sx != sy)
        return sx > sy ? -1 : 1;
    return strcmp(x->source, y->source);
}

cf_status cf_html_index_write(cf_html_index *ix, char **out, size_t *len)
{
    cf_buf b = {0};
    if (ix->n > 1)
        qsort(ix->v, ix->n, sizeof *ix->v, ix_cmp);
    cf_buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<title>Fit reports (%zu)</title>\n<style>%s"
                      ".src{font-weight:normal;font-size:.85em;overflow-wrap:anywhere}"
                      "th[scope=row]{text-align:left}</style>\n</head>\n<body>\n<header>\n"
                      "<h1>Fit reports</h1>\n<p class=\"meta\">%zu profile%s",
                  ix->n, cf_report_css, ix->n, ix->n == 1 ? "" : "s");
    if (ix->rubric) {
        cf_buf_puts(&b, " &middot; as of ");
        cf_buf_html(&b, ix->as_of);
        cf_buf_puts(&b, " &middot; rubric ");
        cf_buf_html(&b, ix->rubric);
    }
    cf_buf_puts(&b, "</p>\n</header>\n<main>\n<table>\n<thead><tr><th scope=\"col\">Score</th>"
                    "<th scope=\"col\">Applicant</th><th scope=\"col\">Tier</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < ix->n; i++) {
        const ix_row *r = &ix->v[i];
        cf_buf_printf(&b, "<tr><td class=\"num\">%.1f</td><th scope=\"row\"><a href=\"", cf_shown(r->score));
        cf_buf_html(&b, r->href);
        cf_buf_puts(&b, "\">");
        cf_buf_html(&b, r->name ? r->name : r->source);
        cf_buf_puts(&b, "</a>");
        if (r->name) {
            cf_buf_puts(&b, "<br><span class=\"muted src\">");
            cf_buf_html(&b, r->source);
            cf_buf_puts(&b, "</span>");
        }
        cf_buf_puts(&b, "</th><td>");
        cf_buf_html(&b, r->tier);
        if (!r->eligible)
            cf_buf_puts(&b, "<br><span class=\"fail\">not eligible</span>");
        cf_buf_puts(&b, "</td></tr>\n");
    }
    cf_buf_puts(&b, "</tbody>\n</table>\n</main>\n<footer class=\"muted\"><p>coderfit " CF_VERSION "</p></footer>\n"
                    "</body>\n</html>\n");
    return cf_buf_finish(&b, out, len);
}
