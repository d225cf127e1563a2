/* Typed reading of a YAML tree, shared by the rubric and the case-file
 * loaders: a scalar, a string, a number (YAML's decimal ones), a number in
 * a range, a mapping's keys (with "did you mean"), each problem added at
 * its node's position, in the file that wrote it. */
#include <stdarg.h>
#include <string.h>
#include "yamltree.h"

void cf_yerr(cf_yreader *l, const cf_ynode *n, const char *rule, const char *fmt, ...)
{
    cf_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    cf_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (b.oom)
        l->oom = 1;
    else
        cf_diag_add(l->d, n && n->file ? n->file : l->name, n ? n->line : 0, n ? n->col : 0, CF_SEV_ERROR,
                    l->rule ? l->rule : rule, "%s", b.s ? b.s : "");
    cf_buf_free(&b);
    l->errors++;
}

const char *cf_ykind_name(const cf_ynode *n)
{
    return n->kind == CF_Y_MAP ? "a mapping" : n->kind == CF_Y_SEQ ? "a list" : "a scalar";
}

int cf_ywant(cf_yreader *l, const cf_ynode *n, cf_ykind kind, const char *what)
{
    if (n->kind == kind)
        return 1;
    cf_yerr(l, n, "wrong-type", "%s must be %s, not %s", what,
        kind == CF_Y_MAP ? "a mapping" : kind == CF_Y_SEQ ? "a list" : "a scalar", cf_ykind_name(n));
    return 0;
}

const char *cf_ystring(cf_yreader *l, const cf_ynode *n, const char *what)
{
    if (!cf_ywant(l, n, CF_Y_SCALAR, what))
        return NULL;
    if (n->plain && (strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 || !*n->value)) {
        cf_yerr(l, n, "wrong-type", "%s must be a string, not null", what);
        return NULL;
    }
    return n->value;
}

int cf_ynumber(cf_yreader *l, const cf_ynode *n, const char *what, double *out)
{
    if (!cf_ywant(l, n, CF_Y_SCALAR, what))
        return 0;
    double v;
    int r = cf_ynode_number(n, &v);
    if (r == 0) {
        cf_yerr(l, n, "wrong-type", "%s must be a number, not '%s'", what, n->value);
        return 0;
    }
    if (r < 0) {
        cf_yerr(l, n, "bad-number", "%s must be a finite number", what);
        return 0;
    }
    *out = v;
    return 1;
}

int cf_yrange(cf_yreader *l, const cf_ynode *n, const char *what, double lo, double hi,
                     int strict_lo, double *out)
{
    double v;
    if (!cf_ynumber(l, n, what, &v))
        return 0;
    if (v < lo || v > hi || (strict_lo && v == lo)) {
        /* both bounds, whichever side the value is on */
        if (hi < 1e300)
            cf_yerr(l, n, "bad-number", "%s must be %s %.15g and at most %.15g", what,
                    strict_lo ? "greater than" : "at least", lo, hi);
        else
            cf_yerr(l, n, "bad-number", "%s must be %s %.15g", what, strict_lo ? "greater than" : "at least", lo);
        return 0;
    }
    *out = v;
    return 1;
}

void cf_ykeys(cf_yreader *l, const cf_ynode *map, const cf_ykey *keys, const char *what,
                       const char *const *extra, const char *extra_note)
{
    /* a required key misspelt is one problem, said at the misspelling:
     * the keys its "did you mean" names are not also reported missing */
    const char *meant[16];
    size_t nmeant = 0;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const cf_ynode *k = map->items[i];
        int known = 0;
        for (const cf_ykey *s = keys; s->key; s++)
            known |= strcmp(s->key, k->value) == 0;
        if (known)
            continue;
        int other = 0;
        for (const char *const *e = extra; e && *e; e++)
            other |= strcmp(*e, k->value) == 0;
        if (other) {
            cf_yerr(l, k, "unknown-key", "'%s' %s", k->value, extra_note);
            continue;
        }
        const char *best = NULL;
        size_t bestd = 3;
        for (const cf_ykey *s = keys; s->key; s++) {
            size_t dist = cf_edit_distance(s->key, k->value);
            if (dist < bestd) {
                bestd = dist;
                best = s->key;
            }
        }
        int missing = best && !cf_ymap_get(map, best);
        for (const cf_ykey *s = keys; missing && s->key; s++)
            if (strcmp(s->key, best) == 0)
                missing = s->required;
        if (missing && nmeant < CF_ARRAY_LEN(meant)) {
            meant[nmeant++] = best;
            cf_yerr(l, k, "unknown-key", "unknown key '%s' in %s (did you mean '%s'? %s needs it)", k->value, what,
                    best, what);
        } else if (best) {
            cf_yerr(l, k, "unknown-key", "unknown key '%s' in %s (did you mean '%s'?)", k->value, what, best);
        } else {
            cf_yerr(l, k, "unknown-key", "unknown key '%s' in %s", k->value, what);
        }
    }
    for (const cf_ykey *s = keys; s->key; s++) {
        int said = 0;
        for (size_t i = 0; i < nmeant; i++)
            said |= strcmp(meant[i], s->key) == 0;
        if (s->required && !said && !cf_ymap_get(map, s->key))
            cf_yerr(l, map, "missing-key", "%s lacks the required key '%s'", what, s->key);
    }
}
