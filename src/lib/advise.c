/* The counselor's view of a report: a failed gate first, with what would
 * pass it; then a plan: the next tier and what it takes, and the steps
 * worth most, gaps that one action closes taken as one step, each with the
 * what-if that tries it; and, for a what-if the user asked for, the score,
 * tier and gates it would give. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "resume.h"

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

/* ---- the plan ---------------------------------------------------------------- */

typedef struct step {
    size_t first, n;          /* its gaps: plan.members[first .. first+n) */
    double points;            /* the sum of its gaps, as shown */
    const cf_whatif *w;       /* the what-if that tries it, or NULL */
    char value[48];
    cf_report *sim;           /* the report with that what-if alone */
    size_t order;             /* of its biggest gap, to keep ties stable */
} step;

typedef struct plan {
    step *steps;
    size_t nsteps;
    size_t *members;
    size_t next;              /* the next tier up, or (size_t)-1 at the top */
    double to_next;           /* points the score lacks for it */
    size_t alone;             /* this step (1-based) reaches it alone; 0 if none does */
    size_t reach;             /* else the steps up to this one, with their what-ifs, reach it; 0 if not */
    cf_report *reach_rep;     /* the report of those together */
    const cf_report *reached; /* the report of what reaches it, or NULL */
} plan;

/* Whether step j is one of those that reach the next tier. */
static int reaches(const plan *pl, size_t j)
{
    return pl->alone ? j + 1 == pl->alone : j < pl->reach && pl->steps[j].w != NULL;
}

/* The what-if that closes a gap and the value it would take, or NULL. */
static const cf_whatif *suggest(const cf_result *res, const cf_profile *p, char *val, size_t size)
{
    const cf_criterion *c = res->c;
    if (c->type == CF_C_TERMS || !c->path.text)
        return NULL;
    const cf_whatif *w = cf_whatif_reading(c->path.text);
    if (!w)
        return NULL;
    if (w->kind == CF_WI_CREDENTIAL || w->kind == CF_WI_TRAINING) {
        /* the pair worth most that the what-if can add */
        const cf_pair *best = NULL;
        for (size_t i = 0; i < c->npairs; i++) {
            const char *k = c->pairs[i].key;
            const char *code, *body, *kind;
            int ok = w->kind == CF_WI_CREDENTIAL
                         ? cf_credential_info(k, &code, &body, &kind) == 0
                         : strcmp(k, "certificate") == 0 || strcmp(k, "associate") == 0 ||
                               strcmp(k, "bachelor") == 0 || strcmp(k, "master") == 0;
            if (ok && (!best || c->pairs[i].val > best->val))
                best = &c->pairs[i];
        }
        if (!best)
            return NULL;
        snprintf(val, size, "%s", best->key);
        /* AAPC issues the CPC or COC to someone without two years of coding
         * work as the apprentice CPC-A or COC-A: try what the exam gives
         * (to one who holds the apprentice credential, the full one) */
        const cJSON *months = cf_get(cf_get(p->root, "derived"), "coding_months");
        double m = cJSON_IsNumber(months) ? months->valuedouble : 0;
        int full = w->kind == CF_WI_CREDENTIAL ? cf_cred_find(best->key) : -1;
        for (size_t i = 0; full >= 0 && m < 24 && i < c->npairs; i++) {
            int k = cf_cred_find(c->pairs[i].key);
            if (k >= 0 && cf_cred_at(k)->full == full && res->fraction < c->pairs[i].val) {
                snprintf(val, size, "%s", c->pairs[i].key);
                break;
            }
        }
    } else if (w->kind == CF_WI_MONTH) {
        char day[11];
        cf_day_format(p->as_of, day);
        snprintf(val, size, "%.7s", day);
    } else if (c->type == CF_C_RAMP && w->kind >= CF_WI_COUNT) {
        double full = cf_ramp_full(c, p);
        if (w->kind == CF_WI_COUNT)
            full = ceil(full - 1e-9);
        if (full <= 0)
            return NULL;
        if (w->kind == CF_WI_RATE)
            snprintf(val, size, "%g/%s", full, strstr(c->path.text, "per_day") ? "day" : "hour");
        else
            snprintf(val, size, "%g", full);
    } else {
        return NULL;
    }
    return w;
}

static int step_cmp(const void *a, const void *b)
{
    const step *x = a, *y = b;
    if (x->points != y->points)
        return x->points < y->points ? 1 : -1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The points of the steps from..to of the plan. */
static double steps_points(const plan *pl, size_t from, size_t to)
{
    double sum = 0;
    for (size_t j = from; j < to && j < pl->nsteps; j++)
        sum += pl->steps[j].points;
    return sum;
}

static void plan_free(plan *pl)
{
    for (size_t i = 0; i < pl->nsteps; i++)
        cf_report_free(pl->steps[i].sim);
    cf_report_free(pl->reach_rep);
    cf_free(pl->steps);
    cf_free(pl->members);
}

/* Applies a step's what-if to q and scores it into *out; *out stays NULL
 * when the value does not apply (the step is then not tried). */
static cf_status try_on(const cf_report *rep, cf_profile *q, const step *s, cf_report **out)
{
    char err[256];
    cf_status st = cf_profile_with(q, s->w->name, s->value, err, sizeof err);
    if (st)
        return st == CF_EUSAGE ? CF_OK : st;
    return cf_score(rep->r, q, out);
}

/* A step of a whole number (months of coding) that reaches the next tier
 * alone tries the least that does: two years of coding, not the five that
 * give full marks.  Its value and report become those of the least. */
static cf_status smallest_step(const cf_report *rep, const cf_profile *p, const plan *pl, step *sp)
{
    if (sp->w->kind != CF_WI_COUNT)
        return CF_OK;
    long lo = 0, hi = strtol(sp->value, NULL, 10);   /* lo does not reach, hi does */
    cf_report *best = NULL;
    step trial = *sp;
    while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        cf_profile *q = NULL;
        cf_report *t = NULL;
        snprintf(trial.value, sizeof trial.value, "%ld", mid);
        cf_status st = cf_profile_dup(p, &q);
        if (!st)
            st = try_on(rep, q, &trial, &t);
        cf_profile_free(q);
        if (st) {
            cf_report_free(best);
            return st;
        }
        if (t && t->tier <= pl->next) {
            hi = mid;
            cf_report_free(best);
            best = t;
        } else {
            lo = mid;
            cf_report_free(t);
        }
    }
    if (best) {
        snprintf(sp->value, sizeof sp->value, "%ld", hi);
        cf_report_free(sp->sim);
        sp->sim = best;
    }
    return CF_OK;
}

static cf_status plan_make(const cf_report *rep, const cf_profile *p, plan *pl)
{
    memset(pl, 0, sizeof *pl);
    pl->next = (size_t)-1;
    size_t n = rep->ngaps;
    size_t *of = cf_calloc(n ? n : 1, sizeof *of);   /* the step of each gap */
    pl->steps = cf_calloc(n ? n : 1, sizeof *pl->steps);
    pl->members = cf_calloc(n ? n : 1, sizeof *pl->members);
    cf_profile *q = NULL;
    cf_status st = CF_ESYSTEM;
    if (!of || !pl->steps || !pl->members)
        goto out;
    for (size_t k = 0; k < n; k++) {
        const cf_result *res = &rep->res[rep->gaps[k]];
        char val[48];
        const cf_whatif *w = suggest(res, p, val, sizeof val);
        size_t s = pl->nsteps;
        for (size_t j = 0; w && j < pl->nsteps; j++)
            if (pl->steps[j].w == w)
                s = j;
        step *sp = &pl->steps[s];
        if (s == pl->nsteps) {
            pl->nsteps++;
            sp->w = w;
            sp->order = k;
            snprintf(sp->value, sizeof sp->value, "%s", w ? val : "");
        } else if (w->kind >= CF_WI_COUNT && strtod(val, NULL) > strtod(sp->value, NULL)) {
            snprintf(sp->value, sizeof sp->value, "%s", val);
        }
        sp->points += cf_gap_points(res);
        sp->n++;
        of[k] = s;
    }
    /* members grouped by step, each step's gaps in order of points */
    for (size_t j = 0, at = 0; j < pl->nsteps; j++) {
        pl->steps[j].first = at;
        for (size_t k = 0; k < n; k++)
            if (of[k] == j)
                pl->members[at++] = rep->gaps[k];
    }
    for (size_t j = 0; j < pl->nsteps; j++)
        pl->steps[j].points = floor(pl->steps[j].points * 10 + 0.5) / 10;
    qsort(pl->steps, pl->nsteps, sizeof *pl->steps, step_cmp);

    st = CF_OK;
    for (size_t j = 0; j < pl->nsteps && !st; j++) {
        if (!pl->steps[j].w)
            continue;
        if (!(st = cf_profile_dup(p, &q)))
            st = try_on(rep, q, &pl->steps[j], &pl->steps[j].sim);
        cf_profile_free(q);
        q = NULL;
    }
    if (st || rep->tier == 0 || !rep->r->ntiers)
        goto out;
    pl->next = rep->tier - 1;
    double lack = rep->r->tiers[pl->next].min - cf_shown(rep->score);
    pl->to_next = lack > 0 ? lack : 0;
    /* the step worth most that reaches it alone; else the first steps that,
     * taken together, do: each one's what-if added to those before it */
    for (size_t j = 0; j < pl->nsteps && !pl->alone; j++)
        if (pl->steps[j].sim && pl->steps[j].sim->tier <= pl->next) {
            pl->alone = j + 1;
            pl->reached = pl->steps[j].sim;
        }
    if (pl->alone) {
        st = smallest_step(rep, p, pl, &pl->steps[pl->alone - 1]);
        pl->reached = pl->steps[pl->alone - 1].sim;
        goto out;
    }
    if ((st = cf_profile_dup(p, &q)))
        goto out;
    for (size_t j = 0; j < pl->nsteps; j++) {
        if (!pl->steps[j].w)
            continue;
        cf_report *t = NULL;
        if ((st = try_on(rep, q, &pl->steps[j], &t)))
            break;
        if (t && t->tier <= pl->next) {
            pl->reach = j + 1;
            pl->reached = pl->reach_rep = t;
            break;
        }
        cf_report_free(t);
    }
out:
    cf_profile_free(q);
    cf_free(of);
    return st;
}

/* The steps of the plan that reach the next tier, "1, 2 and 4". */
static void reach_steps(cf_buf *b, const plan *pl)
{
    size_t count = 0, done = 0;
    for (size_t j = 0; j < pl->nsteps; j++)
        count += reaches(pl, j);
    for (size_t j = 0; j < pl->nsteps; j++) {
        if (!reaches(pl, j))
            continue;
        done++;
        cf_buf_printf(b, "%s%zu", done == 1 ? "" : done == count ? " and " : ", ", j + 1);
    }
}

/* The unmet requirements of a tier, joined by "; "; how many. */
static size_t unmet(const cf_report *rep, const cf_tier *t, cf_buf *b)
{
    size_t k = 0;
    for (size_t i = 0; i < t->nreq; i++) {
        if (rep->req_ok[t->req_first + i])
            continue;
        if (k++)
            cf_buf_puts(b, "; ");
        cf_cond_text(rep->r, &t->req[i], b);
    }
    return k;
}

/* The next tier in a sentence: how far it is and what it takes. */
static void next_text(cf_buf *b, const cf_report *rep, const plan *pl)
{
    const cf_tier *t = &rep->r->tiers[pl->next];
    cf_buf_printf(b, "Next tier: %s, from %g points", t->label ? t->label : t->id, t->min);
    if (pl->to_next > 0)
        cf_buf_printf(b, " (%.1f more than now)", pl->to_next);
    else
        cf_buf_puts(b, " (the score has them)");
    cf_buf need = {0};
    unmet(rep, t, &need);
    if (need.s)
        cf_buf_printf(b, "; it also needs %s", need.s);
    cf_buf_drop(b, &need);
    cf_buf_puts(b, ". ");
    if (pl->reached) {
        size_t count = 0;
        for (size_t j = 0; j < pl->nsteps; j++)
            count += reaches(pl, j);
        cf_buf_puts(b, count == 1 ? "Step " : "Steps ");
        reach_steps(b, pl);
        cf_buf_printf(b, " %s it (a score of %.1f, %s).", count == 1 ? "reaches" : "together reach",
                      cf_shown(pl->reached->score), cf_report_tier_label(pl->reached));
    } else {
        cf_buf_puts(b, "No step that a what-if can try reaches it on its own; the others are below.");
    }
}

/* ---- writers --------------------------------------------------------------- */

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
            cf_buf_drop(w->b, &ref);
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
        cf_buf_drop(w->b, &text);
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
}

static void whatif_json(cf_jw *w, const cf_report *rep, const cf_advice_opts *o)
{
    const cf_report *alt = o->alt;
    cf_jw_open(w, "what_if", '{');
    cf_jw_open(w, "with", '[');
    for (size_t i = 0; i < o->nwith; i++)
        cf_jw_str(w, NULL, o->with[i]);
    cf_jw_close(w, ']');
    cf_jw_num(w, "score", alt->score, 1);
    cf_jw_num(w, "change", cf_shown(alt->score) - cf_shown(rep->score), 1);
    cf_jw_str(w, "tier", cf_report_tier(alt));
    cf_jw_str(w, "tier_label", cf_report_tier_label(alt));
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

static size_t shown_steps(const plan *pl, const cf_advice_opts *o)
{
    return o->top && o->top < pl->nsteps ? o->top : pl->nsteps;
}

static void plan_json(cf_jw *w, const cf_report *rep, const plan *pl, const cf_advice_opts *o)
{
    const cf_rubric *r = rep->r;
    if (pl->next != (size_t)-1) {
        const cf_tier *t = &r->tiers[pl->next];
        cf_jw_open(w, "next_tier", '{');
        cf_jw_str(w, "tier", t->id);
        cf_jw_str(w, "tier_label", t->label);
        cf_jw_num(w, "min", t->min, 1);
        cf_jw_num(w, "points_needed", pl->to_next, 1);
        cf_jw_open(w, "requires", '[');
        for (size_t i = 0; i < t->nreq; i++) {
            if (rep->req_ok[t->req_first + i])
                continue;
            cf_buf text = {0};
            cf_cond_text(r, &t->req[i], &text);
            cf_jw_str(w, NULL, text.s ? text.s : "");
            cf_buf_drop(w->b, &text);
        }
        cf_jw_close(w, ']');
        cf_jw_open(w, "reached_by", '[');
        for (size_t j = 0; j < pl->nsteps; j++)
            if (reaches(pl, j))
                cf_jw_num(w, NULL, (double)(j + 1), 0);
        cf_jw_close(w, ']');
        if (pl->reached)
            cf_jw_num(w, "score", pl->reached->score, 1);
        cf_jw_close(w, '}');
    }
    size_t top = shown_steps(pl, o);
    cf_jw_open(w, "steps", '[');
    for (size_t j = 0; j < top; j++) {
        const step *s = &pl->steps[j];
        cf_jw_open(w, NULL, '{');
        cf_jw_num(w, "step", (double)(j + 1), 0);
        cf_jw_num(w, "points", s->points, 1);
        cf_jw_open(w, "gaps", '[');
        for (size_t i = 0; i < s->n; i++) {
            const cf_result *res = &rep->res[pl->members[s->first + i]];
            cf_buf ref = {0};
            cf_buf_printf(&ref, "%s.%s", res->c->qid, res->c->id);
            cf_jw_str(w, NULL, ref.s ? ref.s : "");
            cf_buf_drop(w->b, &ref);
        }
        cf_jw_close(w, ']');
        if (s->w) {
            cf_buf with = {0};
            cf_buf_printf(&with, "%s=%s", s->w->name, s->value);
            cf_jw_str(w, "with", with.s ? with.s : "");
            cf_buf_drop(w->b, &with);
        }
        if (s->sim) {
            cf_jw_num(w, "score_with", s->sim->score, 1);
            cf_jw_str(w, "tier_with", cf_report_tier(s->sim));
        }
        cf_jw_close(w, '}');
    }
    cf_jw_close(w, ']');
    cf_jw_num(w, "more_steps", (double)(pl->nsteps - top), 0);
    cf_jw_num(w, "more_points", steps_points(pl, top, pl->nsteps), 1);
}

/* What a step's what-if gives.  For the counselor at the terminal, the
 * option that tries it: "Try it: --with X=V gives 55.0 (+15.4), Good fit.";
 * for the student (Markdown, HTML) no command-line words: "With it, the
 * score would be 55.0 (+15.4), Good fit."  The label escaped by esc. */
static void step_try(cf_buf *b, const cf_report *rep, const step *s, int student,
                     void (*esc)(cf_buf *, const char *))
{
    if (student && !s->sim)
        return;
    if (student)
        cf_buf_puts(b, "With it, the score would be ");
    else
        cf_buf_printf(b, "Try it: --with %s=%s%s", s->w->name, s->value, s->sim ? " gives " : "");
    if (s->sim) {
        cf_buf_printf(b, "%.1f (%+.1f), ", cf_shown(s->sim->score), cf_shown(s->sim->score) - cf_shown(rep->score));
        esc(b, cf_report_tier_label(s->sim));
        cf_buf_putc(b, '.');
    }
}

static void put_md(cf_buf *b, const char *s)
{
    cf_buf_md(b, s);
}

static void put_plain(cf_buf *b, const char *s)
{
    cf_buf_puts(b, s);
}

/* One line of text mode, wrapped at 80 columns under indent. */
static void wrapped(cf_buf *b, const cf_buf *line, int indent)
{
    cf_buf_wrap(b, line->s ? line->s : "", indent, 80);
}

static size_t lines_of(const cf_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++)
        n += b->s[i] == '\n';
    return n;
}

static cf_status write_text(cf_buf *b, const cf_report *rep, const plan *pl, const cf_advice_opts *o, int md)
{
    const cf_rubric *r = rep->r;
    char day[11];
    cf_day_format(rep->as_of, day);
    const char *name = rep->who.name;
    if (md) {
        cf_buf_puts(b, "# Advice for ");
        cf_buf_md(b, name ? name : rep->source);
        cf_buf_puts(b, "\n\n");
        if (name) {
            cf_buf_puts(b, "Profile: `");
            cf_buf_puts(b, rep->source);   /* a code span needs no escapes, but no backticks */
            cf_buf_puts(b, "`\n\n");
        }
        cf_buf_printf(b, "As of %s: score **%.1f** of 100, tier **", day, cf_shown(rep->score));
        cf_buf_md(b, cf_report_tier_label(rep));
        cf_buf_printf(b, "**, %s; tiers for the opening: ", rep->eligible ? "eligible" : "**not eligible**");
        cf_buf_md(b, r->title ? r->title : r->id);
        cf_buf_puts(b, ".\n\n");
    } else {
        int color = o->color;
        if (color)
            cf_buf_puts(b, C_BOLD);
        cf_buf_shown_str(b, name ? name : rep->source);
        if (color)
            cf_buf_puts(b, C_RESET);
        cf_buf_printf(b, "  (as of %s)", day);
        if (name) {
            cf_buf_puts(b, "\n  ");
            cf_buf_shown_str(b, rep->source);
        }
        char score[16];
        snprintf(score, sizeof score, "%.1f", cf_shown(rep->score));
        cf_buf_puts(b, "\n  Score ");
        cf_buf_colored(b, color, C_BOLD, score);
        cf_buf_printf(b, " / 100   %s   ", cf_report_tier_label(rep));
        cf_buf_colored(b, color, rep->eligible ? C_GREEN : C_BOLD C_RED, rep->eligible ? "eligible" : "NOT ELIGIBLE");
        cf_buf_puts(b, "\n  Tiers for the opening: ");
        cf_buf_shown_str(b, r->title ? r->title : r->id);
        cf_buf_puts(b, "\n\n");
    }
    for (size_t g = 0; g < r->ngates; g++) {
        if (rep->gate_passed[g])
            continue;
        const cf_gate *gate = &r->gates[g];
        cf_buf_puts(b, md ? "## First: pass the gate \"" : "  First: pass the gate \"");
        if (md)
            cf_buf_md(b, gate->label);
        else
            cf_buf_puts(b, gate->label);
        cf_buf_printf(b, "\"\n\n%sIt needs %s of:\n\n", md ? "" : "  ", gate->any ? "one" : "each");
        for (size_t c = 0; c < gate->nconds; c++) {
            const cf_cond *cd = &gate->conds[c];
            cf_buf text = {0};
            cf_cond_text(r, cd, &text);
            cf_buf_puts(&text, ": ");
            cf_gate_cond_state(&text, rep, gate, c);
            if (md) {
                cf_buf_puts(b, "- ");
                cf_buf_md(b, text.s);
                cf_buf_putc(b, '\n');
            } else {
                /* a hanging indent: the dash out, its lines under the text */
                cf_buf item = {0};
                cf_buf_wrap(&item, text.s ? text.s : "", 6, 80);
                if (item.s && item.len > 6) {
                    cf_buf_puts(b, "    - ");
                    cf_buf_puts(b, item.s + 6);
                }
                cf_buf_drop(b, &item);
            }
            cf_buf_drop(b, &text);
        }
        if (gate->advice) {
            cf_buf_putc(b, '\n');
            if (md) {
                cf_buf_md(b, gate->advice);
                cf_buf_putc(b, '\n');
            } else {
                cf_buf_wrap(b, gate->advice, 2, 80);
            }
        }
        cf_buf_putc(b, '\n');
    }
    cf_buf line = {0};
    if (pl->next != (size_t)-1) {
        next_text(&line, rep, pl);
        if (md) {
            put_md(b, line.s);
            cf_buf_puts(b, "\n\n");
        } else {
            wrapped(b, &line, 2);
            cf_buf_putc(b, '\n');
        }
        cf_buf_drop(b, &line);
    }
    size_t top = shown_steps(pl, o);
    cf_buf_puts(b, md ? "## Steps worth most (points out of 100)\n\n"
                      : "  Steps worth most (points out of 100)\n\n");
    cf_buf *whole = b, one = {0};
    for (size_t j = 0; j < top; j++, cf_buf_free(&one)) {
        const step *s = &pl->steps[j];
        b = &one;
        const cf_result *lead = &rep->res[pl->members[s->first]];
        const char *label = lead->c->label ? lead->c->label : lead->c->id;
        /* the heading: points and the biggest gap */
        if (md) {
            cf_buf_printf(b, "%zu. **+%.1f points: ", j + 1, s->points);
            cf_buf_md(b, qname(r, lead->c->qid));
            cf_buf_puts(b, " › ");
            cf_buf_md(b, label);
            cf_buf_puts(b, "**\n\n");
        } else {
            cf_buf_printf(&line, "%2zu. +%.1f points: %s > %s", j + 1, s->points, qname(r, lead->c->qid), label);
            cf_buf_wrap(b, line.s, 4, 80);
            cf_buf_drop(b, &line);
        }
        const char *ind = md ? "   " : "";
        for (size_t i = 0; i < s->n; i++) {
            const cf_result *res = &rep->res[pl->members[s->first + i]];
            if (i) {
                cf_buf_printf(&line, "Also closes %s %s %s (+%.1f): ", qname(r, res->c->qid), md ? "›" : ">",
                              res->c->label ? res->c->label : res->c->id, cf_gap_points(res));
            }
            cf_buf_puts(&line, standing(res));
            if (!res->missing && res->fraction > 0)
                cf_buf_printf(&line, ": %.0f%% of it so far", res->fraction * 100);
            cf_buf_putc(&line, '.');
            if (md) {
                cf_buf_puts(b, ind);
                cf_buf_md(b, line.s);
                cf_buf_puts(b, "\n\n");
            } else {
                wrapped(b, &line, 8);
            }
            cf_buf_drop(b, &line);
        }
        const char *advice = cf_result_advice(lead);
        if (advice && md) {
            cf_buf_puts(b, ind);
            cf_buf_md(b, advice);
            cf_buf_puts(b, "\n\n");
        } else if (advice) {
            cf_buf_wrap(b, advice, 8, 80);
        }
        if (s->w && md && s->sim) {
            cf_buf_puts(b, ind);
            step_try(b, rep, s, 1, put_md);
            cf_buf_puts(b, "\n\n");
        } else if (s->w) {
            step_try(&line, rep, s, 0, put_plain);
            wrapped(b, &line, 8);
            cf_buf_drop(b, &line);
        }
        b = whole;
        if (j && o->max_lines && lines_of(b) + lines_of(&one) + 4 > o->max_lines) {
            top = j;   /* the screen is full: the rest are counted below */
            break;
        }
        cf_buf_add(b, one.s, one.len);
        b->oom |= one.oom;
    }
    cf_buf_free(&one);
    double all = steps_points(pl, 0, pl->nsteps), rest = steps_points(pl, top, pl->nsteps);
    if (top < pl->nsteps) {
        size_t more = pl->nsteps - top;
        cf_buf_printf(b, "%sand %zu smaller step%s (+%.1f points%s)\n", md ? "" : "    ", more, more == 1 ? "" : "s",
                      cf_shown(rest), md ? "" : "; --top 0 lists them all");
    }
    if (!pl->nsteps)
        cf_buf_puts(b, md ? "None: the profile has every point the rubric gives.\n" : "    None: the profile has every point the rubric gives.\n");
    double reach = cf_shown(rep->score) + cf_shown(all);
    cf_buf_printf(b, "\n%sAll of these together: %.1f points; the score can reach %.1f.\n", md ? "" : "  ", cf_shown(all),
                  reach > 100 ? 100 : reach);
    const cf_report *alt = o->alt;
    if (alt) {
        cf_buf_puts(b, md ? "\n## What if: " : "\n  What if: ");
        for (size_t i = 0; i < o->nwith; i++) {
            cf_buf_puts(b, i ? ", " : "");
            if (md)
                cf_buf_md(b, o->with[i]);
            else
                cf_buf_puts(b, o->with[i]);
        }
        const char *li = md ? "- " : "    ";
        cf_buf_printf(b, "\n\n%sscore %.1f -> %.1f (%+.1f)\n", li, cf_shown(rep->score), cf_shown(alt->score),
                      cf_shown(alt->score) - cf_shown(rep->score));
        cf_buf_printf(b, "%stier %s -> %s\n", li, cf_report_tier_label(rep), cf_report_tier_label(alt));
        for (size_t g = 0; g < r->ngates; g++)
            cf_buf_printf(b, "%sgate %s: %s -> %s\n", li, r->gates[g].id, rep->gate_passed[g] ? "passed" : "failed",
                          alt->gate_passed[g] ? "passed" : "failed");
        cf_buf_printf(b, "%s%s -> %s\n", li, rep->eligible ? "eligible" : "not eligible",
                      alt->eligible ? "eligible" : "not eligible");
    }
    return CF_OK;
}

static void write_html(cf_buf *b, const cf_report *rep, const plan *pl, const cf_advice_opts *o)
{
    const cf_rubric *r = rep->r;
    char day[11];
    cf_day_format(rep->as_of, day);
    const char *name = rep->who.name;
    cf_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Advice: ");
    cf_buf_html(b, name ? name : rep->source);
    cf_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header>\n<h1>Advice", cf_report_css);
    if (name) {
        cf_buf_puts(b, " for ");
        cf_buf_html(b, name);
    }
    cf_buf_puts(b, "</h1>\n<p class=\"source\">");
    cf_buf_html(b, rep->source);
    cf_buf_printf(b, "</p>\n<p class=\"meta\">As of %s &middot; tiers for the opening: ", day);
    cf_buf_html(b, r->title ? r->title : r->id);
    cf_buf_puts(b, "</p>\n</header>\n<main>\n<section aria-labelledby=\"s-now\">\n<h2 id=\"s-now\">Where the profile stands</h2>\n");
    cf_buf_printf(b, "<p class=\"score\"><strong>%.1f</strong> / 100 &middot; ", cf_shown(rep->score));
    cf_buf_html(b, cf_report_tier_label(rep));
    cf_buf_printf(b, " &middot; <span class=\"%s\">%s</span></p>\n", rep->eligible ? "pass" : "fail",
                  rep->eligible ? "eligible" : "not eligible");
    if (pl->next != (size_t)-1) {
        cf_buf line = {0};
        next_text(&line, rep, pl);
        cf_buf_puts(b, "<p>");
        cf_buf_html(b, line.s ? line.s : "");
        cf_buf_puts(b, "</p>\n");
        cf_buf_drop(b, &line);
    }
    cf_buf_puts(b, "</section>\n");
    for (size_t g = 0; g < r->ngates; g++) {
        if (rep->gate_passed[g])
            continue;
        const cf_gate *gate = &r->gates[g];
        cf_buf_printf(b, "<section aria-labelledby=\"s-gate-%zu\">\n<h2 id=\"s-gate-%zu\">First: pass the gate &ldquo;", g, g);
        cf_buf_html(b, gate->label);
        cf_buf_printf(b, "&rdquo;</h2>\n<p>It needs %s of:</p>\n<ul>\n", gate->any ? "one" : "each");
        for (size_t c = 0; c < gate->nconds; c++) {
            cf_buf text = {0};
            cf_cond_text(r, &gate->conds[c], &text);
            cf_buf_puts(b, "<li>");
            cf_buf_html(b, text.s ? text.s : "");
            cf_buf_printf(b, ": <span class=\"%s\">", rep->gcond_ok[gate->cond_first + c] ? "pass" : "fail");
            cf_gate_cond_state(b, rep, gate, c);
            cf_buf_puts(b, "</span></li>\n");
            cf_buf_drop(b, &text);
        }
        cf_buf_puts(b, "</ul>\n");
        if (gate->advice) {
            cf_buf_puts(b, "<p>");
            cf_buf_html(b, gate->advice);
            cf_buf_puts(b, "</p>\n");
        }
        cf_buf_puts(b, "</section>\n");
    }
    if (o->alt) {
        const cf_report *alt = o->alt;
        cf_buf_puts(b, "<section aria-labelledby=\"s-whatif\">\n<h2 id=\"s-whatif\">What if: ");
        for (size_t i = 0; i < o->nwith; i++) {
            cf_buf_puts(b, i ? ", <code>" : "<code>");
            cf_buf_html(b, o->with[i]);
            cf_buf_puts(b, "</code>");
        }
        cf_buf_puts(b, "</h2>\n<table>\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">Now</th>"
                       "<th scope=\"col\">What if</th></tr></thead>\n<tbody>\n");
        cf_buf_printf(b, "<tr><th scope=\"row\">Score</th><td>%.1f</td><td><strong>%.1f</strong> (%+.1f)</td></tr>\n",
                      cf_shown(rep->score), cf_shown(alt->score), cf_shown(alt->score) - cf_shown(rep->score));
        cf_buf_puts(b, "<tr><th scope=\"row\">Tier</th><td>");
        cf_buf_html(b, cf_report_tier_label(rep));
        cf_buf_puts(b, "</td><td><strong>");
        cf_buf_html(b, cf_report_tier_label(alt));
        cf_buf_puts(b, "</strong></td></tr>\n");
        for (size_t g = 0; g < r->ngates; g++) {
            cf_buf_puts(b, "<tr><th scope=\"row\">Gate: ");
            cf_buf_html(b, r->gates[g].label ? r->gates[g].label : r->gates[g].id);
            cf_buf_printf(b, "</th><td>%s</td><td>%s</td></tr>\n", rep->gate_passed[g] ? "passed" : "failed",
                          alt->gate_passed[g] ? "passed" : "failed");
        }
        cf_buf_printf(b, "<tr><th scope=\"row\">Eligible</th><td>%s</td><td>%s</td></tr>\n",
                      rep->eligible ? "yes" : "no", alt->eligible ? "yes" : "no");
        cf_buf_puts(b, "</tbody>\n</table>\n</section>\n");
    }
    size_t top = shown_steps(pl, o);
    cf_buf_puts(b, "<section aria-labelledby=\"s-steps\">\n<h2 id=\"s-steps\">Steps worth most</h2>\n<ol class=\"gaps\">\n");
    for (size_t j = 0; j < top; j++) {
        const step *s = &pl->steps[j];
        const cf_result *lead = &rep->res[pl->members[s->first]];
        cf_buf_printf(b, "<li><strong>+%.1f points</strong> ", s->points);
        cf_buf_html(b, qname(r, lead->c->qid));
        cf_buf_puts(b, " &rsaquo; ");
        cf_buf_html(b, lead->c->label ? lead->c->label : lead->c->id);
        cf_buf_puts(b, "<br><span class=\"muted\">");
        cf_buf_html(b, standing(lead));
        cf_buf_puts(b, "</span>");
        for (size_t i = 1; i < s->n; i++) {
            const cf_result *res = &rep->res[pl->members[s->first + i]];
            cf_buf_puts(b, "<br>Also closes ");
            cf_buf_html(b, qname(r, res->c->qid));
            cf_buf_puts(b, " &rsaquo; ");
            cf_buf_html(b, res->c->label ? res->c->label : res->c->id);
            cf_buf_printf(b, " (+%.1f)", cf_gap_points(res));
        }
        if (cf_result_advice(lead)) {
            cf_buf_puts(b, "<br>");
            cf_buf_html(b, cf_result_advice(lead));
        }
        if (s->w && s->sim) {
            cf_buf_puts(b, "<br><span class=\"muted\">");
            step_try(b, rep, s, 1, cf_buf_html);
            cf_buf_puts(b, "</span>");
        }
        cf_buf_puts(b, "</li>\n");
    }
    cf_buf_puts(b, "</ol>\n");
    if (top < pl->nsteps) {
        cf_buf_printf(b, "<p class=\"muted\">and %zu smaller step%s (+%.1f points)</p>\n", pl->nsteps - top,
                      pl->nsteps - top == 1 ? "" : "s", cf_shown(steps_points(pl, top, pl->nsteps)));
    }
    cf_buf_puts(b, "</section>\n</main>\n<footer class=\"muted\"><p>coderfit " CF_VERSION " &middot; rubric ");
    cf_buf_html(b, r->id);
    cf_buf_puts(b, " ");
    cf_buf_html(b, r->version ? r->version : "");
    cf_buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}

/* The plan in brief, for a caseload's index. */
static cf_status brief_make(const cf_report *rep, const plan *pl, cf_advice_brief *br)
{
    const cf_rubric *r = rep->r;
    memset(br, 0, sizeof *br);
    cf_buf gates = {0}, needs = {0}, next_step = {0};
    for (size_t g = 0; g < r->ngates; g++)
        if (!rep->gate_passed[g]) {
            if (gates.len)
                cf_buf_puts(&gates, "; ");
            cf_buf_puts(&gates, r->gates[g].label ? r->gates[g].label : r->gates[g].id);
        }
    if (pl->next != (size_t)-1) {
        const cf_tier *t = &r->tiers[pl->next];
        br->next = t->label ? t->label : t->id;
        br->next_id = t->id;
        br->to_next = pl->to_next;
        br->nneeds = unmet(rep, t, &needs);
        br->reaches = pl->reached != NULL;
    }
    /* the next step: what reaches the next tier alone, else the first of
     * those that do together, else the one worth most */
    size_t j = pl->alone ? pl->alone - 1 : 0;
    if (pl->nsteps) {
        const step *sp = &pl->steps[j];
        const cf_result *lead = &rep->res[pl->members[sp->first]];
        cf_buf_printf(&next_step, "%s › %s", qname(r, lead->c->qid), lead->c->label ? lead->c->label : lead->c->id);
        br->step_points = sp->points;
    }
    br->score_reached = pl->reached ? pl->reached->score : -1;
    if (gates.oom || needs.oom || next_step.oom) {
        cf_buf_free(&gates);
        cf_buf_free(&needs);
        cf_buf_free(&next_step);
        return CF_ESYSTEM;
    }
    br->gates = gates.s;
    br->needs = needs.s;
    br->step = next_step.s;
    return CF_OK;
}

void cf_advice_brief_free(cf_advice_brief *br)
{
    cf_free(br->gates);
    cf_free(br->needs);
    cf_free(br->step);
    memset(br, 0, sizeof *br);
}

cf_status cf_advice_write(const cf_report *rep, const cf_profile *p, const cf_advice_opts *o, char **out, size_t *len)
{
    return cf_advice_page(rep, p, o, out, len, NULL);
}

cf_status cf_advice_page(const cf_report *rep, const cf_profile *p, const cf_advice_opts *o, char **out, size_t *len,
                         cf_advice_brief *brief)
{
    const cf_rubric *r = rep->r;
    cf_buf b = {0};
    plan pl;
    cf_status st = plan_make(rep, p, &pl);
    if (!st && brief)
        st = brief_make(rep, &pl, brief);
    if (st) {
        plan_free(&pl);
        return st;
    }
    if (o->format == CF_ADVICE_JSON) {
        char day[11];
        cf_day_format(rep->as_of, day);
        double attainable = 0;
        for (size_t k = 0; k < rep->ngaps; k++)
            attainable += cf_gap_points(&rep->res[rep->gaps[k]]);
        cf_jw w = {&b, 1, 0, {0}};
        cf_jw_open(&w, NULL, '{');
        cf_jw_str(&w, "format", "coderfit-advice/1");
        cf_jw_str(&w, "source", rep->source);
        if (rep->who.name)
            cf_jw_str(&w, "name", rep->who.name);
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
        plan_json(&w, rep, &pl, o);
        cf_jw_open(&w, "gaps", '[');
        for (size_t k = 0; k < rep->ngaps; k++) {
            const cf_result *res = &rep->res[rep->gaps[k]];
            cf_gap_json(&w, res, standing(res));
        }
        cf_jw_close(&w, ']');
        cf_jw_num(&w, "attainable", attainable, 1);
        if (o->alt)
            whatif_json(&w, rep, o);
        cf_jw_close(&w, '}');
        cf_buf_putc(&b, '\n');
    } else if (o->format == CF_ADVICE_HTML) {
        write_html(&b, rep, &pl, o);
    } else {
        write_text(&b, rep, &pl, o, o->format == CF_ADVICE_MD);
    }
    plan_free(&pl);
    return cf_buf_finish(&b, out, len);
}
