/* Rubric loading: YAML tree -> checked rubric.  Every problem is reported
 * with its position, and loading goes on after a problem so that one run
 * shows them all. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rubric.h"
#include "yamltree.h"

typedef struct loader {
    cf_yreader y;             /* first: a loader is a YAML reader */
    cf_rubric *r;
} loader;

#define err(l, n, ...) cf_yerr(&(l)->y, n, __VA_ARGS__)
#define want(l, n, kind, what) cf_ywant(&(l)->y, n, kind, what)
#define get_string(l, n, what) cf_ystring(&(l)->y, n, what)
#define get_number(l, n, what, out) cf_ynumber(&(l)->y, n, what, out)
#define get_range(l, n, what, lo, hi, strict, out) cf_yrange(&(l)->y, n, what, lo, hi, strict, out)
#define check_keys(l, map, keys, what, extra, note) cf_ykeys(&(l)->y, map, keys, what, extra, note)
typedef cf_ykey keyspec;

/* Whether id was named before among its siblings (seen holds theirs); an
 * id is added to seen.  A hash, so that thousands of siblings cost what
 * their number does. */
static int repeated_id(loader *l, cf_strset *seen, const char *id)
{
    if (!id)
        return 0;
    int in = cf_strset_add(seen, id, strlen(id), NULL);
    if (in < 0)
        l->y.oom = 1;
    return in == 1;
}

static char *dup(loader *l, const char *s)
{
    char *c = cf_strdup(s);
    if (!c)
        l->y.oom = 1;
    return c;
}

static int valid_id(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static char *get_id(loader *l, const cf_ynode *map, const char *what)
{
    const cf_ynode *n = cf_ymap_get(map, "id");
    if (!n)
        return NULL;
    const char *s = get_string(l, n, what);
    if (!s)
        return NULL;
    if (!valid_id(s)) {
        err(l, n, "bad-id", "%s '%s' must use only a-z, 0-9, '_' and '-'", what, s);
        return NULL;
    }
    return dup(l, s);
}

/* A text of the rubric that reports show (a label, a name, advice, the
 * title, the version): untrusted as a profile's, so a control character
 * in it is shown as '?', with a warning at n. */
static char *dup_text(loader *l, const cf_ynode *n, const char *s, const char *what)
{
    char *c = dup(l, s);
    if (!c)
        return NULL;
    size_t k = 0, found = 0, len = strlen(c), w;
    for (size_t i = 0; i < len; i += w) {
        /* tabs and line ends are a text's own (folded advice) */
        if (c[i] == '\t' || c[i] == '\n' || cf_shown_len(c + i, len - i, &w)) {
            w = c[i] == '\t' || c[i] == '\n' ? 1 : w;
            memmove(c + k, c + i, w);
            k += w;
        } else {
            c[k++] = '?';
            found++;
        }
    }
    c[k] = '\0';
    if (found)
        cf_diag_add(l->y.d, n->file ? n->file : l->y.name, n->line, n->col, CF_SEV_WARNING, "control-char",
                    "%s holds %zu control character%s (escapes, bidirectional controls): shown as '?'", what, found,
                    found == 1 ? "" : "s");
    return c;
}

static char *get_text(loader *l, const cf_ynode *map, const char *key, const char *what)
{
    const cf_ynode *n = cf_ymap_get(map, key);
    if (!n)
        return NULL;
    const char *s = get_string(l, n, what);
    return s ? dup_text(l, n, s, what) : NULL;
}

/* A mapping that must not be empty: the number of its entries, with *out
 * an array of that many zeroed elements of size bytes; 0 after an error
 * (reported) or when out of memory. */
static size_t map_entries(loader *l, const cf_ynode *map, const char *what, void **out, size_t size)
{
    *out = NULL;
    if (!want(l, map, CF_Y_MAP, what))
        return 0;
    size_t n = map->n / 2;
    if (!n) {
        err(l, map, "empty", "%s must not be empty", what);
        return 0;
    }
    if (!(*out = cf_calloc(n, size))) {
        l->y.oom = 1;
        return 0;
    }
    return n;
}

/* The same for a list that must not be empty. */
static size_t seq_entries(loader *l, const cf_ynode *seq, const char *what, void **out, size_t size)
{
    *out = NULL;
    if (!want(l, seq, CF_Y_SEQ, what))
        return 0;
    if (!seq->n) {
        err(l, seq, "empty", "%s must not be empty", what);
        return 0;
    }
    if (!(*out = cf_calloc(seq->n, size))) {
        l->y.oom = 1;
        return 0;
    }
    return seq->n;
}

/* ---- vocabulary ------------------------------------------------------- */

static uint64_t vocab_hash(const char *s, size_t n)
{
    return cf_fnv1a(s, n, CF_FNV_INIT);
}

int cf_vocab_find_hashed(const cf_vocab *v, const char *tok, size_t n, uint64_t hash)
{
    if (!v->nslots)
        return -1;
    size_t mask = v->nslots - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        int id = v->slots[i].id;
        if (id < 0)
            return -1;
        if (v->slots[i].hash == hash && strncmp(v->words[id], tok, n) == 0 && v->words[id][n] == '\0')
            return id;
    }
}

int cf_vocab_find(const cf_vocab *v, const char *tok, size_t n)
{
    return cf_vocab_find_hashed(v, tok, n, cf_fnv1a(tok, n, CF_FNV_INIT));
}

static int vocab_rehash(cf_vocab *v, size_t nslots)
{
    cf_vslot *slots = cf_malloc(nslots * sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < nslots; i++)
        slots[i].id = -1;
    for (size_t w = 0; w < v->nwords; w++) {
        uint64_t h = vocab_hash(v->words[w], strlen(v->words[w]));
        size_t i = (size_t)h & (nslots - 1);
        while (slots[i].id >= 0)
            i = (i + 1) & (nslots - 1);
        slots[i] = (cf_vslot){h, (int)w};
    }
    cf_free(v->slots);
    v->slots = slots;
    v->nslots = nslots;
    return 0;
}

static int vocab_add(cf_vocab *v, const char *tok, size_t n)
{
    int id = cf_vocab_find(v, tok, n);
    if (id >= 0)
        return id;
    if ((v->nwords + 1) * 2 > v->nslots && vocab_rehash(v, v->nslots ? v->nslots * 2 : 64))
        return -1;
    char **words = cf_realloc(v->words, (v->nwords + 1) * sizeof *words);
    if (!words)
        return -1;
    v->words = words;
    char *w = cf_strndup(tok, n);
    if (!w)
        return -1;
    v->words[v->nwords] = w;
    uint64_t h = vocab_hash(tok, n);
    size_t i = (size_t)h & (v->nslots - 1);
    while (v->slots[i].id >= 0)
        i = (i + 1) & (v->nslots - 1);
    v->slots[i] = (cf_vslot){h, (int)v->nwords};
    return (int)v->nwords++;
}

typedef struct alias_build {
    cf_vocab *v;
    int ids[32];
    size_t n;
    int oom;
} alias_build;

static int alias_step(void *ctx, const char *tok, size_t n, uint64_t hash)
{
    alias_build *a = ctx;
    (void)hash;
    if (a->n == 32)
        return 1;
    int id = vocab_add(a->v, tok, n);
    if (id < 0) {
        a->oom = 1;
        return 1;
    }
    a->ids[a->n++] = id;
    return 0;
}

/* ---- paths ------------------------------------------------------------- */

static void free_path(cf_cpath *p)
{
    for (int i = 0; i < p->nseg; i++)
        cf_free(p->seg[i]);
    cf_free(p->seg);
    cf_free(p->iter);
    cf_free(p->gate);
    cf_free(p->text);
    memset(p, 0, sizeof *p);
}

/* Compiles a path after cf_model_lookup accepted it. */
static int compile_path(cf_cpath *p, const char *text)
{
    memset(p, 0, sizeof *p);
    int nseg = 1;
    for (const char *s = text; *s; s++)
        nseg += *s == '.';
    p->text = cf_strdup(text);
    p->seg = cf_calloc((size_t)nseg, sizeof *p->seg);
    p->iter = cf_calloc((size_t)nseg, 1);
    p->gate = cf_calloc((size_t)nseg, sizeof *p->gate);
    if (!p->text || !p->seg || !p->iter || !p->gate)
        return -1;
    const char *s = text;
    for (int i = 0; i < nseg; i++) {
        size_t n = strcspn(s, ".[");
        if (!(p->seg[i] = cf_strndup(s, n)))
            return -1;
        p->nseg = i + 1;
        s += n;
        if (*s == '[') {
            p->iter[i] = 1;
            s += 2;
        }
        if (*s == '.')
            s++;
        p->gate[i] = cf_model_gate_date(p->seg[i]);
    }
    return 0;
}

/* Checks a criterion's path and what it must lead to. */
static const cf_field *check_path(loader *l, const cf_ynode *n, const char *path, cf_ctype type)
{
    int iterates, prot;
    const cf_field *f = cf_model_lookup(path, &iterates, &prot);
    if (prot) {
        err(l, n, "protected-attribute",
            "path '%s' reads a protected attribute (identity, contact, age, gender, race, "
            "ethnicity, religion, marital status, disability, nationality, photo, "
            "institution or employer): scoring must not read it", path);
        return NULL;
    }
    if (!f || (f->flags & CF_F_PROTECTED)) {
        err(l, n, "unknown-path", "path '%s' is not in the profile model (see `coderfit schema profile`)", path);
        return NULL;
    }
    cf_ftype leaf = f->type == CF_T_ARRAY ? f->item : f->type;
    int ok;
    const char *need;
    switch (type) {
    case CF_C_CREDENTIAL:
        ok = f->type == CF_T_ARRAY && leaf == CF_T_OBJECT && f->fields &&
             f->fields[0].name && strcmp(f->fields[0].name, "code") == 0;
        need = "the credentials list";
        break;
    case CF_C_LEVEL:
        ok = leaf == CF_T_STRING || leaf == CF_T_ENUM;
        need = "a string or a list of strings";
        break;
    case CF_C_RAMP:
        ok = leaf == CF_T_NUMBER;
        need = "a number";
        break;
    case CF_C_TERMS:
        ok = leaf == CF_T_STRING;
        need = "text";
        break;
    case CF_C_FLAG:
        ok = leaf == CF_T_BOOL;
        need = "true or false";
        break;
    default:
        ok = leaf == CF_T_DATE;
        need = "a date";
        break;
    }
    if (!ok) {
        err(l, n, "path-type", "path '%s' does not lead to %s", path, need);
        return NULL;
    }
    return f;
}

/* A path that a condition or an implication reads: a number, or a flag
 * (true as 1).  Returns 1 for a flag, 0 for a number, -1 on an error. */
static int number_path(loader *l, const cf_ynode *n, const char *path, const char *what)
{
    int iterates, prot;
    const cf_field *f = cf_model_lookup(path, &iterates, &prot);
    if (f && !prot && !(f->flags & CF_F_PROTECTED) &&
        (f->type == CF_T_BOOL || (f->type == CF_T_ARRAY && f->item == CF_T_BOOL)))
        return 1;
    if (!f || prot || (f->flags & CF_F_PROTECTED) ||
        !(f->type == CF_T_NUMBER || (f->type == CF_T_ARRAY && f->item == CF_T_NUMBER))) {
        if (!check_path(l, n, path, CF_C_RAMP))
            return -1;
        err(l, n, "path-type", "%s path '%s' does not lead to a number or true or false", what, path);
        return -1;
    }
    return 0;
}

/* ---- criteria ---------------------------------------------------------- */

static const char *const type_names[] = {"credential", "level", "ramp", "terms", "flag", "recency"};

const char *cf_ctype_name(cf_ctype t)
{
    return type_names[t];
}

static const char *const all_type_keys[] = {
    "points", "combine", "currency", "levels", "where", "from", "to", "ranges", "terms", "full",
    "full_within_months", "zero_after_months", NULL};

/* The states a criterion's advice may be written for (docs/rubric.md). */
const char *const cf_astate_names[CF_A_COUNT] = {
    "default", "none", "lower", "lapsed", "apprentice", "in_progress", "undated", "retake"};

/* advice: a text, or a mapping of state -> text with 'default' the rest. */
static void load_advice(loader *l, cf_criterion *c, const cf_ynode *n)
{
    if (n->kind == CF_Y_SCALAR) {
        const char *s = get_string(l, n, "'advice'");
        c->advice = s ? dup_text(l, n, s, "'advice'") : NULL;
        return;
    }
    if (!want(l, n, CF_Y_MAP, "'advice'"))
        return;
    for (size_t i = 0; i + 1 < n->n; i += 2) {
        const cf_ynode *k = n->items[i];
        int st = -1;
        for (int j = 0; j < CF_A_COUNT; j++)
            if (strcmp(cf_astate_names[j], k->value) == 0)
                st = j;
        if (st < 0) {
            err(l, k, "unknown-key",
                "unknown advice state '%s' (states: default, none, lower, lapsed, apprentice, in_progress, "
                "undated, retake)",
                k->value);
            continue;
        }
        const char *s = get_string(l, n->items[i + 1], "an advice text");
        if (s)
            c->advice_by[st] = dup_text(l, n->items[i + 1], s, "an advice text");
    }
    if (!cf_ymap_get(n, "default"))
        err(l, n, "missing-key", "'advice' by state lacks the required key 'default'");
    c->advice = c->advice_by[CF_A_DEFAULT];
    c->advice_by[CF_A_DEFAULT] = NULL;
}

/* implied_by: [{path, from, to, up_to, label}, ...]; a flag path takes no
 * from and to. */
static void load_implied(loader *l, cf_criterion *c, const cf_ynode *n)
{
    static const keyspec keys[] = {
        {"path", 1}, {"from", 0}, {"to", 0}, {"up_to", 0}, {"label", 0}, {NULL, 0}};
    void *v0;
    size_t count = seq_entries(l, n, "'implied_by'", &v0, sizeof *c->implied);
    c->implied = v0;
    for (size_t i = 0; i < count; i++) {
        const cf_ynode *e = n->items[i];
        cf_implied *im = &c->implied[i];
        c->nimplied = i + 1;
        im->up_to = 1;
        if (!want(l, e, CF_Y_MAP, "an implication"))
            continue;
        check_keys(l, e, keys, "an implication", NULL, NULL);
        im->label = get_text(l, e, "label", "an implication's 'label'");
        const cf_ynode *u = cf_ymap_get(e, "up_to");
        if (u)
            get_range(l, u, "'up_to'", 0, 1, 1, &im->up_to);
        const cf_ynode *pn = cf_ymap_get(e, "path");
        const char *ps = pn ? get_string(l, pn, "'path'") : NULL;
        int flag = ps ? number_path(l, pn, ps, "an implication's") : -1;
        const cf_ynode *f = cf_ymap_get(e, "from"), *t = cf_ymap_get(e, "to");
        if (flag == 1 && (f || t))
            err(l, f ? f : t, "unknown-key", "'%s' does not apply to a flag: true implies up_to", f ? "from" : "to");
        else if (flag == 0 && (!f || !t))
            err(l, e, "missing-key", "an implication on a number needs 'from' and 'to'");
        else if (flag == 0 && get_number(l, f, "'from'", &im->from) && get_number(l, t, "'to'", &im->to) &&
                 im->from == im->to)
            err(l, t, "bad-number", "'from' and 'to' must differ");
        if (flag < 0)
            continue;
        im->flag = flag;
        cf_buf note = {0};
        cf_buf_printf(&note, "implied: %s", im->label ? im->label : ps);
        if (note.oom || compile_path(&im->path, ps))
            l->y.oom = 1;
        im->note = note.s;
    }
}

/* ranges: {path: P, values: {V: {from, to}, ...}}: the range for the value
 * the profile has at P (the strictest when it has several), else from-to. */
static void load_ranges(loader *l, cf_criterion *c, const cf_ynode *n)
{
    static const keyspec keys[] = {{"path", 1}, {"values", 1}, {NULL, 0}};
    static const keyspec vkeys[] = {{"from", 1}, {"to", 1}, {NULL, 0}};
    if (!want(l, n, CF_Y_MAP, "'ranges'"))
        return;
    check_keys(l, n, keys, "'ranges'", NULL, NULL);
    const cf_ynode *pn = cf_ymap_get(n, "path"), *vn = cf_ymap_get(n, "values");
    const char *ps = pn ? get_string(l, pn, "'path'") : NULL;
    if (ps && check_path(l, pn, ps, CF_C_LEVEL) && compile_path(&c->range_path, ps))
        l->y.oom = 1;
    if (!vn)
        return;
    void *v0;
    size_t nv = map_entries(l, vn, "'values'", &v0, sizeof *c->ranges);
    c->ranges = v0;
    for (size_t i = 0; i < nv; i++) {
        const cf_ynode *k = vn->items[2 * i], *v = vn->items[2 * i + 1];
        cf_range *rg = &c->ranges[i];
        c->nranges = i + 1;
        rg->value = dup(l, k->value);
        if (!want(l, v, CF_Y_MAP, "a range"))
            continue;
        check_keys(l, v, vkeys, "a range", NULL, NULL);
        const cf_ynode *f = cf_ymap_get(v, "from"), *t = cf_ymap_get(v, "to");
        if (!f || !t || !get_number(l, f, "'from'", &rg->from) || !get_number(l, t, "'to'", &rg->to))
            continue;
        if (rg->from == rg->to)
            err(l, t, "bad-number", "'from' and 'to' must differ");
        cf_buf note = {0};
        cf_buf_printf(&note, "range for %s: %g to %g", k->value, rg->from, rg->to);
        if (note.oom)
            l->y.oom = 1;
        rg->note = note.s;
    }
}

static void load_pairs(loader *l, const cf_ynode *map, const char *what, double lo, double hi,
                       cf_pair **out, size_t *nout)
{
    void *p0;
    size_t n = map_entries(l, map, what, &p0, sizeof(cf_pair));
    cf_pair *p = p0;
    if (p)
        *out = p;
    for (size_t i = 0; i < n; i++) {
        const cf_ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
        p[i].key = dup(l, k->value);
        *nout = i + 1;
        get_range(l, v, what, lo, hi, 0, &p[i].val);
    }
}

static void load_where(loader *l, cf_criterion *c, const cf_ynode *w, const cf_field *leaf_owner)
{
    if (!want(l, w, CF_Y_MAP, "'where'"))
        return;
    size_t n = w->n / 2;
    c->where = cf_calloc(n ? n : 1, sizeof *c->where);
    if (!c->where) {
        l->y.oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const cf_ynode *k = w->items[2 * i], *v = w->items[2 * i + 1];
        cf_where *wh = &c->where[i];
        c->nwhere = i + 1;
        wh->key = dup(l, k->value);
        int known = 0;
        for (const cf_field *f = leaf_owner ? leaf_owner->fields : NULL; f && f->name; f++)
            if (strcmp(f->name, k->value) == 0 && !(f->flags & CF_F_PROTECTED) &&
                (f->type == CF_T_STRING || f->type == CF_T_ENUM || f->type == CF_T_BOOL))
                known = 1;
        if (!known)
            err(l, k, "unknown-path", "'where' key '%s' is not a field of the entries that path '%s' reads",
                k->value, c->path.text ? c->path.text : "?");
        if (!want(l, v, CF_Y_SEQ, "a 'where' value"))
            continue;
        wh->values = cf_calloc(v->n ? v->n : 1, sizeof *wh->values);
        if (!wh->values) {
            l->y.oom = 1;
            continue;
        }
        for (size_t j = 0; j < v->n; j++) {
            const char *s = get_string(l, v->items[j], "a 'where' value");
            if (s) {
                wh->values[wh->nvalues++] = dup(l, s);
            }
        }
    }
}

/* The array field (owner of the entries) that a path iterates last. */
static const cf_field *path_owner(const char *path)
{
    /* Look up the prefix before the last "[]" */
    const char *last = NULL;
    for (const char *s = path; (s = strstr(s, "[]")); s += 2)
        last = s;
    if (!last) {
        int it, prot;
        const cf_field *f = cf_model_lookup(path, &it, &prot);
        return f && f->type == CF_T_ARRAY && f->item == CF_T_OBJECT ? f : NULL;
    }
    char buf[256];
    size_t n = (size_t)(last - path);
    if (n >= sizeof buf)
        return NULL;
    memcpy(buf, path, n);
    buf[n] = '\0';
    int it, prot;
    return cf_model_lookup(buf, &it, &prot);
}

static void load_terms(loader *l, cf_criterion *c, const cf_ynode *crit)
{
    const cf_ynode *t = cf_ymap_get(crit, "terms");
    const cf_ynode *path = cf_ymap_get(crit, "path");
    const cf_ynode *full = cf_ymap_get(crit, "full");
    cf_rubric *r = l->r;
    c->full = 1;
    if (full)
        get_range(l, full, "'full'", 0, 1e9, 1, &c->full);

    /* path: one path, or a mapping of path -> evidence weight */
    if (path) {
        size_t n = path->kind == CF_Y_MAP ? path->n / 2 : 1;
        c->sources = cf_calloc(n, sizeof *c->sources);
        if (!c->sources) {
            l->y.oom = 1;
            return;
        }
        for (size_t i = 0; i < n; i++) {
            const cf_ynode *pn = path->kind == CF_Y_MAP ? path->items[2 * i] : path;
            double w = 1;
            if (path->kind == CF_Y_MAP &&
                !get_range(l, path->items[2 * i + 1], "an evidence weight", 0.001, 1, 0, &w))
                continue;
            const char *ps = get_string(l, pn, "'path'");
            if (!ps || !check_path(l, pn, ps, CF_C_TERMS))
                continue;
            size_t s;
            for (s = 0; s < r->nsources; s++)
                if (strcmp(r->sources[s].text, ps) == 0)
                    break;
            if (s == r->nsources) {
                cf_cpath *grown = cf_realloc(r->sources, (r->nsources + 1) * sizeof *grown);
                if (!grown) {
                    l->y.oom = 1;
                    return;
                }
                r->sources = grown;
                memset(&r->sources[s], 0, sizeof r->sources[s]);
                r->nsources++;
                if (compile_path(&r->sources[s], ps)) {
                    l->y.oom = 1;
                    return;
                }
            }
            c->sources[c->nsources++] = (cf_source){(int)s, w};
        }
    }
    if (!t)
        return;
    void *t0;
    size_t n = map_entries(l, t, "'terms'", &t0, sizeof *c->terms);
    c->terms = t0;
    /* The criterion's aliases so far, hashed by their word ids: a repeat is
     * found at once, whatever their number. */
    size_t total = 0, nslots = 16;
    for (size_t i = 0; i < n; i++)
        total += t->items[2 * i + 1]->n + 1;
    while (nslots < 2 * total)
        nslots *= 2;
    const cf_alias **seen = n ? cf_calloc(nslots, sizeof *seen) : NULL;
    const char **seen_term = n ? cf_calloc(nslots, sizeof *seen_term) : NULL;
    if (n && (!seen || !seen_term)) {
        l->y.oom = 1;
        n = 0;
    }
    for (size_t i = 0; i < n; i++) {
        const cf_ynode *k = t->items[2 * i], *v = t->items[2 * i + 1];
        cf_term *term = &c->terms[i];
        c->nterms = i + 1;
        term->id = dup_text(l, k, k->value, "a term");
        if (!want(l, v, CF_Y_SEQ, "a term's aliases"))
            continue;
        term->aliases = cf_calloc(v->n + 1, sizeof *term->aliases);
        if (!term->aliases) {
            l->y.oom = 1;
            continue;
        }
        for (size_t j = 0; j <= v->n; j++) {
            const cf_ynode *an = j == 0 ? k : v->items[j - 1];
            const char *s = j == 0 ? k->value : get_string(l, an, "an alias");
            if (!s)
                continue;
            alias_build ab = {&r->vocab, {0}, 0, 0};
            cf_tokenize(s, alias_step, &ab);
            if (ab.oom) {
                l->y.oom = 1;
                goto out;
            }
            if (ab.n == 0) {
                err(l, an, "empty", "alias '%s' has no letters or digits", s);
                continue;
            }
            /* The same phrase twice, in this term or another of the
             * criterion, would count one mention twice. */
            size_t h = (size_t)cf_fnv1a(ab.ids, ab.n * sizeof *ab.ids, CF_FNV_INIT) & (nslots - 1);
            while (seen[h] && !(seen[h]->n == ab.n && memcmp(seen[h]->ids, ab.ids, ab.n * sizeof *ab.ids) == 0))
                h = (h + 1) & (nslots - 1);
            if (seen[h]) {
                err(l, an, "duplicate-term", "'%s' is already listed under term '%s'", s,
                    seen_term[h] ? seen_term[h] : "?");
                continue;
            }
            cf_alias *a = &term->aliases[term->naliases];
            a->ids = cf_malloc(ab.n * sizeof *a->ids);
            if (!a->ids) {
                l->y.oom = 1;
                goto out;
            }
            memcpy(a->ids, ab.ids, ab.n * sizeof *a->ids);
            a->n = ab.n;
            term->naliases++;
            seen[h] = a;
            seen_term[h] = term->id;
        }
    }
out:
    cf_free(seen);
    cf_free(seen_term);
}

static void load_criterion(loader *l, cf_quality *q, cf_criterion *c, const cf_ynode *n)
{
    static const keyspec common[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {NULL, 0}};
    static const keyspec credential_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"points", 1}, {"combine", 0}, {"currency", 0}, {NULL, 0}};
    static const keyspec level_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"levels", 1}, {"where", 0}, {NULL, 0}};
    static const keyspec ramp_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"from", 1}, {"to", 1}, {"where", 0}, {"ranges", 0}, {NULL, 0}};
    static const keyspec terms_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"terms", 1}, {"full", 0}, {NULL, 0}};
    static const keyspec recency_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"full_within_months", 1}, {"zero_after_months", 1},
        {"where", 0}, {NULL, 0}};
    static const keyspec flag_keys[] = {
        {"id", 1}, {"label", 0}, {"type", 1}, {"weight", 1}, {"path", 1}, {"missing", 0},
        {"advice", 0}, {"description", 0}, {"implied_by", 0}, {"advise_when", 0}, {"where", 0}, {NULL, 0}};
    static const keyspec *const per_type[] = {
        credential_keys, level_keys, ramp_keys, terms_keys, flag_keys, recency_keys};

    c->line = n->line;
    c->col = n->col;
    c->qid = dup(l, q->id ? q->id : "");
    if (!want(l, n, CF_Y_MAP, "a criterion"))
        return;
    c->id = get_id(l, n, "criterion id");
    c->label = get_text(l, n, "label", "'label'");
    if (cf_ymap_get(n, "advice"))
        load_advice(l, c, cf_ymap_get(n, "advice"));
    else
        cf_diag_add(l->y.d, n->file ? n->file : l->y.name, n->line, n->col, CF_SEV_WARNING, "missing-advice",
                    "criterion '%s' has no advice: a counselor gets nothing to act on", c->id ? c->id : "?");
    const cf_ynode *w = cf_ymap_get(n, "weight");
    if (w)
        get_range(l, w, "a criterion weight", 0.001, 1e9, 0, &c->weight);

    const cf_ynode *tn = cf_ymap_get(n, "type");
    int type = -1;
    const char *ts = tn ? get_string(l, tn, "'type'") : NULL;
    if (ts) {
        for (int i = 0; i < (int)CF_ARRAY_LEN(type_names); i++)
            if (strcmp(type_names[i], ts) == 0)
                type = i;
        if (type < 0)
            err(l, tn, "unknown-type",
                "unknown criterion type '%s' (types: credential, level, ramp, terms, flag, recency)", ts);
    }
    if (type < 0) {
        check_keys(l, n, common, "a criterion", all_type_keys, "depends on the criterion's type");
        return;
    }
    c->type = (cf_ctype)type;
    char note[64];
    snprintf(note, sizeof note, "does not apply to type '%s'", ts);
    check_keys(l, n, per_type[type], "a criterion", all_type_keys, note);

    const cf_ynode *m = cf_ymap_get(n, "missing");
    if (m) {
        if (m->kind == CF_Y_SCALAR && strcmp(m->value, "zero") == 0)
            c->missing = 0;
        else if (m->kind != CF_Y_SCALAR || !m->plain || strspn(m->value, "0123456789.") != m->len)
            err(l, m, "wrong-type", "'missing' must be 'zero' or a number from 0 to 1, not '%s'",
                m->kind == CF_Y_SCALAR ? m->value : cf_ykind_name(m));
        else
            get_range(l, m, "'missing'", 0, 1, 0, &c->missing);
    }

    c->advise_when_node = cf_ymap_get(n, "advise_when");
    const cf_ynode *imp = cf_ymap_get(n, "implied_by");
    if (imp)
        load_implied(l, c, imp);
    if (type == CF_C_TERMS) {
        load_terms(l, c, n);
        return;
    }
    const cf_ynode *pn = cf_ymap_get(n, "path");
    const char *path = pn ? get_string(l, pn, "'path'") : NULL;
    if (path && check_path(l, pn, path, c->type) && compile_path(&c->path, path))
        l->y.oom = 1;
    const cf_ynode *wh = cf_ymap_get(n, "where");
    if (wh && path)
        load_where(l, c, wh, path_owner(path));

    switch (c->type) {
    case CF_C_CREDENTIAL: {
        const cf_ynode *pts = cf_ymap_get(n, "points");
        if (pts)
            load_pairs(l, pts, "a credential's points", 0, 1, &c->pairs, &c->npairs);
        const cf_ynode *comb = cf_ymap_get(n, "combine");
        const char *cs = comb ? get_string(l, comb, "'combine'") : NULL;
        if (cs && strcmp(cs, "sum") == 0)
            c->combine_sum = 1;
        else if (cs && strcmp(cs, "best") != 0)
            err(l, comb, "bad-value", "'combine' must be 'best' or 'sum', not '%s'", cs);
        const cf_ynode *cur = cf_ymap_get(n, "currency");
        if (cur && want(l, cur, CF_Y_MAP, "'currency'")) {
            static const keyspec cur_keys[] = {
                {"renew_every_months", 0}, {"grace_days", 0}, {"lapsed", 0}, {"undated", 0},
                {"reinstate_within_months", 0}, {"retake", 0}, {NULL, 0}};
            check_keys(l, cur, cur_keys, "'currency'", NULL, NULL);
            c->has_currency = 1;
            c->undated = 1;
            const cf_ynode *x;
            if ((x = cf_ymap_get(cur, "renew_every_months")))
                get_range(l, x, "'renew_every_months'", 0, 1200, 1, &c->renew_months);
            if ((x = cf_ymap_get(cur, "grace_days")))
                get_range(l, x, "'grace_days'", 0, 3650, 0, &c->grace_days);
            if ((x = cf_ymap_get(cur, "lapsed")))
                get_range(l, x, "'lapsed'", 0, 1, 0, &c->lapsed);
            if ((x = cf_ymap_get(cur, "undated")))
                get_range(l, x, "'undated'", 0, 1, 0, &c->undated);
            if ((x = cf_ymap_get(cur, "reinstate_within_months")))
                get_range(l, x, "'reinstate_within_months'", 0, 1200, 1, &c->reinstate_months);
            c->retake = c->lapsed;
            if ((x = cf_ymap_get(cur, "retake")))
                get_range(l, x, "'retake'", 0, 1, 0, &c->retake);
        }
        break;
    }
    case CF_C_LEVEL: {
        const cf_ynode *lv = cf_ymap_get(n, "levels");
        if (lv)
            load_pairs(l, lv, "a level's value", 0, 1, &c->pairs, &c->npairs);
        break;
    }
    case CF_C_RAMP: {
        const cf_ynode *f = cf_ymap_get(n, "from"), *t = cf_ymap_get(n, "to");
        int ok = f && get_number(l, f, "'from'", &c->from);
        ok &= t && get_number(l, t, "'to'", &c->to);
        if (ok && c->from == c->to)
            err(l, t, "bad-number", "'from' and 'to' must differ");
        const cf_ynode *rg = cf_ymap_get(n, "ranges");
        if (rg)
            load_ranges(l, c, rg);
        break;
    }
    case CF_C_RECENCY: {
        const cf_ynode *f = cf_ymap_get(n, "full_within_months"), *z = cf_ymap_get(n, "zero_after_months");
        int ok = f && get_range(l, f, "'full_within_months'", 0, 1200, 0, &c->full_within);
        ok &= z && get_range(l, z, "'zero_after_months'", 0, 1200, 1, &c->zero_after);
        if (ok && c->zero_after <= c->full_within)
            err(l, z, "bad-number", "'zero_after_months' must be greater than 'full_within_months'");
        break;
    }
    default:
        break;
    }
}

/* ---- qualities, gates, tiers ------------------------------------------ */

static void load_quality(loader *l, cf_quality *q, const cf_ynode *n)
{
    static const keyspec keys[] = {
        {"id", 1}, {"name", 1}, {"weight", 1}, {"criteria", 1}, {"description", 0}, {NULL, 0}};
    if (!want(l, n, CF_Y_MAP, "a quality"))
        return;
    check_keys(l, n, keys, "a quality", NULL, NULL);
    q->id = get_id(l, n, "quality id");
    q->name = get_text(l, n, "name", "'name'");
    const cf_ynode *w = cf_ymap_get(n, "weight");
    if (w)
        get_range(l, w, "a quality weight", 0.001, 1e9, 0, &q->weight);
    const cf_ynode *cs = cf_ymap_get(n, "criteria");
    if (!cs || !want(l, cs, CF_Y_SEQ, "'criteria'"))
        return;
    if (!cs->n) {
        err(l, cs, "empty", "quality '%s' has no criteria", q->id ? q->id : "?");
        return;
    }
    q->criteria = cf_calloc(cs->n, sizeof *q->criteria);
    if (!q->criteria) {
        l->y.oom = 1;
        return;
    }
    cf_strset seen = {0};
    for (size_t i = 0; i < cs->n; i++) {
        q->ncriteria = i + 1;
        load_criterion(l, q, &q->criteria[i], cs->items[i]);
        if (repeated_id(l, &seen, q->criteria[i].id))
            err(l, cs->items[i], "duplicate-id", "criterion id '%s' is used twice in quality '%s'",
                q->criteria[i].id, q->id ? q->id : "?");
    }
    cf_strset_free(&seen);
}

static int find_criterion(const cf_rubric *r, const char *ref, size_t *qi, size_t *ci)
{
    const char *dot = strchr(ref, '.');
    if (!dot)
        return 0;
    for (size_t i = 0; i < r->nqualities; i++) {
        const cf_quality *q = &r->qualities[i];
        if (!q->id || strlen(q->id) != (size_t)(dot - ref) || strncmp(q->id, ref, (size_t)(dot - ref)))
            continue;
        for (size_t j = 0; j < q->ncriteria; j++)
            if (q->criteria[j].id && strcmp(q->criteria[j].id, dot + 1) == 0) {
                *qi = i;
                *ci = j;
                return 1;
            }
    }
    return 0;
}

static const char *const op_keys[] = {"at_least", "above", "at_most", "below"};

/* One condition: {criterion: quality.id, at_least|above: X}, {path: P,
 * at_least|above|at_most|below: X}, {gate: id} (tiers only), {any: [...]}
 * or {all: [...]}; each with an optional label, and missing: pass|fail. */
static void load_cond(loader *l, cf_cond *c, const cf_ynode *n, const char *rule, int allow_gate, int depth)
{
    static const keyspec keys[] = {
        {"criterion", 0}, {"path", 0}, {"gate", 0}, {"any", 0}, {"all", 0}, {"at_least", 0}, {"above", 0},
        {"at_most", 0}, {"below", 0}, {"missing", 0}, {"label", 0}, {NULL, 0}};
    c->if_missing = -1;
    c->kind = CF_K_ALL;       /* an empty "all" holds: the safe value after an error */
    if (!want(l, n, CF_Y_MAP, "a condition"))
        return;
    check_keys(l, n, keys, "a condition", NULL, NULL);
    c->label = get_text(l, n, "label", "a condition's 'label'");
    const char *kinds[] = {"criterion", "path", "gate", "any", "all"};
    const cf_ynode *kn[5];
    int nk = 0, k = -1;
    for (int i = 0; i < 5; i++)
        if ((kn[i] = cf_ymap_get(n, kinds[i]))) {
            nk++;
            k = i;
        }
    if (nk != 1) {
        err(l, n, rule, "a condition needs exactly one of 'criterion', 'path', %s'any' or 'all'",
            allow_gate ? "'gate', " : "");
        return;
    }
    const cf_ynode *opn = NULL;
    int nop = 0;
    for (int i = 0; i < 4; i++)
        if (cf_ymap_get(n, op_keys[i])) {
            opn = cf_ymap_get(n, op_keys[i]);
            c->op = (cf_cop)i;
            nop++;
        }
    const cf_ynode *mn = cf_ymap_get(n, "missing");
    if (mn) {
        const char *ms = get_string(l, mn, "'missing'");
        if (ms && strcmp(ms, "pass") == 0)
            c->if_missing = 1;
        else if (ms && strcmp(ms, "fail") == 0)
            c->if_missing = 0;
        else if (ms)
            err(l, mn, "bad-value", "a condition's 'missing' must be 'pass' or 'fail', not '%s'", ms);
    }
    if (k >= 2) {
        if (nop || mn)
            err(l, nop ? opn : mn, rule, "'%s' does not apply to a condition on %s",
                nop ? op_keys[c->op] : "missing", k == 2 ? "a gate" : "other conditions");
        if (k == 2) {
            const char *id = get_string(l, kn[2], "'gate'");
            if (!allow_gate) {
                err(l, kn[2], rule, "a gate's condition cannot name a gate (tiers can)");
                return;
            }
            if (!id)
                return;
            for (size_t g = 0; g < l->r->ngates; g++)
                if (l->r->gates[g].id && strcmp(l->r->gates[g].id, id) == 0) {
                    c->kind = CF_K_GATE;
                    c->gate = g;
                    return;
                }
            err(l, kn[2], "unknown-gate", "condition names gate '%s', which does not exist", id);
            return;
        }
        const cf_ynode *list = kn[k];
        if (depth >= 8) {
            err(l, list, rule, "conditions nest at most 8 levels");
            return;
        }
        if (!want(l, list, CF_Y_SEQ, k == 3 ? "'any'" : "'all'"))
            return;
        if (!list->n) {
            err(l, list, "empty", "'%s' has no conditions", kinds[k]);
            return;
        }
        c->sub = cf_calloc(list->n, sizeof *c->sub);
        if (!c->sub) {
            l->y.oom = 1;
            return;
        }
        for (size_t i = 0; i < list->n; i++) {
            load_cond(l, &c->sub[i], list->items[i], rule, allow_gate, depth + 1);
            c->nsub = i + 1;
        }
        c->kind = k == 3 ? CF_K_ANY : CF_K_ALL;
        return;
    }
    if (nop != 1) {
        err(l, n, rule, "a condition needs exactly one of %s",
            k == 0 ? "'at_least' or 'above'" : "'at_least', 'above', 'at_most' or 'below'");
        return;
    }
    if (k == 0) {
        if (c->op > CF_OP_ABOVE) {
            err(l, opn, rule, "a condition on a criterion compares its fraction with 'at_least' or 'above'");
            return;
        }
        if (!get_range(l, opn, c->op ? "'above'" : "'at_least'", 0, 1, 0, &c->value))
            return;
        const char *rs = get_string(l, kn[0], "'criterion'");
        if (!rs)
            return;
        if (!find_criterion(l->r, rs, &c->q, &c->c)) {
            err(l, kn[0], "unknown-criterion",
                "condition names criterion '%s', which does not exist (write quality.criterion)", rs);
            return;
        }
        c->kind = CF_K_CRITERION;
        return;
    }
    if (!get_number(l, opn, op_keys[c->op], &c->value))
        return;
    const char *ps = get_string(l, kn[1], "'path'");
    if (!ps || number_path(l, kn[1], ps, "a condition's") < 0)
        return;
    if (compile_path(&c->path, ps)) {
        l->y.oom = 1;
        return;
    }
    c->kind = CF_K_PATH;
}

static void load_gate(loader *l, cf_gate *g, const cf_ynode *n)
{
    static const keyspec keys[] = {
        {"id", 1}, {"label", 1}, {"any", 0}, {"all", 0}, {"advice", 0}, {"description", 0}, {NULL, 0}};
    if (!want(l, n, CF_Y_MAP, "a gate"))
        return;
    check_keys(l, n, keys, "a gate", NULL, NULL);
    g->id = get_id(l, n, "gate id");
    g->label = get_text(l, n, "label", "'label'");
    g->advice = get_text(l, n, "advice", "'advice'");
    if (!cf_ymap_get(n, "advice"))
        cf_diag_add(l->y.d, n->file ? n->file : l->y.name, n->line, n->col, CF_SEV_WARNING, "missing-advice",
                    "gate '%s' has no advice: an applicant who fails it is not told how to pass",
                    g->id ? g->id : "?");
    const cf_ynode *any = cf_ymap_get(n, "any"), *all = cf_ymap_get(n, "all");
    if (!!any == !!all) {
        err(l, n, "gate-conditions", "a gate needs exactly one of 'any' or 'all'");
        return;
    }
    g->any = any != NULL;
    const cf_ynode *list = any ? any : all;
    if (!want(l, list, CF_Y_SEQ, g->any ? "'any'" : "'all'"))
        return;
    if (!list->n) {
        err(l, list, "empty", "gate '%s' has no conditions", g->id ? g->id : "?");
        return;
    }
    g->conds = cf_calloc(list->n, sizeof *g->conds);
    if (!g->conds) {
        l->y.oom = 1;
        return;
    }
    g->cond_first = l->r->ngconds;
    for (size_t i = 0; i < list->n; i++) {
        load_cond(l, &g->conds[i], list->items[i], "gate-conditions", 0, 0);
        g->nconds = i + 1;
    }
    l->r->ngconds += g->nconds;
}

static void load_tiers(loader *l, const cf_ynode *n)
{
    cf_rubric *r = l->r;
    void *v0;
    seq_entries(l, n, "'tiers'", &v0, sizeof *r->tiers);
    if (!(r->tiers = v0))
        return;
    int all_ok = 1;
    cf_strset seen = {0};
    for (size_t i = 0; i < n->n; i++) {
        static const keyspec keys[] = {
            {"id", 1}, {"label", 1}, {"min", 1}, {"requires", 0}, {"description", 0}, {NULL, 0}};
        const cf_ynode *t = n->items[i];
        cf_tier *tier = &r->tiers[i];
        r->ntiers = i + 1;
        if (!want(l, t, CF_Y_MAP, "a tier")) {
            all_ok = 0;
            continue;
        }
        check_keys(l, t, keys, "a tier", NULL, NULL);
        tier->id = get_id(l, t, "tier id");
        if (repeated_id(l, &seen, tier->id))
            err(l, t, "duplicate-id", "tier id '%s' is used twice", tier->id);
        tier->label = get_text(l, t, "label", "'label'");
        const cf_ynode *m = cf_ymap_get(t, "min");
        if (!m || !get_range(l, m, "a tier's 'min'", 0, 100, 0, &tier->min)) {
            all_ok = 0;
            continue;
        }
        if (tier->id && strcmp(tier->id, CF_TIER_INSUFFICIENT) == 0)
            err(l, t, "bad-id", "tier id '%s' is kept for a profile that states too little", tier->id);
        const cf_ynode *rq = cf_ymap_get(t, "requires");
        if (rq && i == n->n - 1) {
            err(l, rq, "tier-gap", "the last tier cannot have requirements: a profile that failed them "
                "would fall in no tier");
        } else if (rq && want(l, rq, CF_Y_SEQ, "'requires'")) {
            if (!rq->n)
                err(l, rq, "empty", "'requires' has no conditions");
            tier->req = cf_calloc(rq->n ? rq->n : 1, sizeof *tier->req);
            if (!tier->req) {
                l->y.oom = 1;
                break;
            }
            tier->req_first = r->nreq;
            for (size_t k = 0; k < rq->n; k++) {
                load_cond(l, &tier->req[k], rq->items[k], "tier-conditions", 1, 0);
                tier->nreq = k + 1;
            }
            r->nreq += tier->nreq;
        }
        if (i > 0 && all_ok && tier->min >= r->tiers[i - 1].min)
            err(l, m, "tier-order",
                "tier '%s' (min %g) cannot be reached: tiers go highest first and a profile "
                "takes the first whose min it reaches, so each min must be below the one before (%g)",
                tier->id ? tier->id : "?", tier->min, r->tiers[i - 1].min);
    }
    cf_strset_free(&seen);
    if (l->y.oom)
        return;
    if (all_ok && r->tiers[r->ntiers - 1].min != 0)
        err(l, n->items[n->n - 1], "tier-gap", "scores below %g fall in no tier: the last tier's min must be 0",
            r->tiers[r->ntiers - 1].min);
}

/* ---- the whole rubric --------------------------------------------------- */

static void compute_shares(cf_rubric *r)
{
    double total = 0;
    for (size_t i = 0; i < r->nqualities; i++)
        total += r->qualities[i].weight;
    for (size_t i = 0; i < r->nqualities; i++) {
        cf_quality *q = &r->qualities[i];
        double qsum = 0;
        for (size_t j = 0; j < q->ncriteria; j++)
            qsum += q->criteria[j].weight;
        for (size_t j = 0; j < q->ncriteria; j++)
            q->criteria[j].share = total > 0 && qsum > 0
                                       ? 100.0 * (q->weight / total) * (q->criteria[j].weight / qsum) : 0;
    }
}

static void load_root(loader *l, const cf_ynode *root)
{
    static const keyspec keys[] = {
        {"format", 1}, {"id", 1}, {"version", 1}, {"title", 0}, {"description", 0},
        {"tiers", 1}, {"gates", 0}, {"qualities", 1}, {"insufficient", 0}, {NULL, 0}};
    cf_rubric *r = l->r;
    if (!want(l, root, CF_Y_MAP, "a rubric"))
        return;
    check_keys(l, root, keys, "the rubric", NULL, NULL);
    const cf_ynode *fmt = cf_ymap_get(root, "format");
    const char *fs = fmt ? get_string(l, fmt, "'format'") : NULL;
    if (fs && strcmp(fs, CF_RUBRIC_FORMAT) != 0) {
        err(l, fmt, "bad-format", "unsupported rubric format '%s' (expected '%s')", fs, CF_RUBRIC_FORMAT);
        return;   /* another format's keys mean other things */
    }
    r->id = get_id(l, root, "rubric id");
    r->version = get_text(l, root, "version", "'version'");
    r->title = get_text(l, root, "title", "'title'");

    const cf_ynode *qs = cf_ymap_get(root, "qualities");
    if (qs && want(l, qs, CF_Y_SEQ, "'qualities'")) {
        if (!qs->n)
            err(l, qs, "empty", "'qualities' must not be empty");
        r->qualities = cf_calloc(qs->n ? qs->n : 1, sizeof *r->qualities);
        if (!r->qualities) {
            l->y.oom = 1;
            return;
        }
        cf_strset seen = {0};
        for (size_t i = 0; i < qs->n; i++) {
            r->nqualities = i + 1;
            load_quality(l, &r->qualities[i], qs->items[i]);
            if (repeated_id(l, &seen, r->qualities[i].id))
                err(l, qs->items[i], "duplicate-id", "quality id '%s' is used twice", r->qualities[i].id);
        }
        cf_strset_free(&seen);
    }
    const cf_ynode *gs = cf_ymap_get(root, "gates");
    if (gs && want(l, gs, CF_Y_SEQ, "'gates'") && gs->n) {
        r->gates = cf_calloc(gs->n, sizeof *r->gates);
        if (!r->gates) {
            l->y.oom = 1;
            return;
        }
        cf_strset seen = {0};
        for (size_t i = 0; i < gs->n; i++) {
            r->ngates = i + 1;
            load_gate(l, &r->gates[i], gs->items[i]);
            if (repeated_id(l, &seen, r->gates[i].id))
                err(l, gs->items[i], "duplicate-id", "gate id '%s' is used twice", r->gates[i].id);
        }
        cf_strset_free(&seen);
    }
    /* after the gates, which a tier's requirements may name */
    const cf_ynode *ts = cf_ymap_get(root, "tiers");
    if (ts)
        load_tiers(l, ts);
    /* after every criterion, which a condition may name */
    for (size_t i = 0; i < r->nqualities; i++)
        for (size_t j = 0; j < r->qualities[i].ncriteria; j++) {
            cf_criterion *c = &r->qualities[i].criteria[j];
            if (!c->advise_when_node)
                continue;
            if (!(c->advise_when = cf_calloc(1, sizeof *c->advise_when)))
                l->y.oom = 1;
            else
                load_cond(l, c->advise_when, c->advise_when_node, "advise-when", 0, 0);
            c->advise_when_node = NULL;
        }
    const cf_ynode *ins = cf_ymap_get(root, "insufficient");
    if (ins && want(l, ins, CF_Y_MAP, "'insufficient'")) {
        static const keyspec ikeys[] = {{"below", 1}, {"label", 0}, {NULL, 0}};
        check_keys(l, ins, ikeys, "'insufficient'", NULL, NULL);
        const cf_ynode *b = cf_ymap_get(ins, "below");
        if (b && get_range(l, b, "'insufficient.below'", 0, 1, 1, &r->insufficient_below) &&
            r->insufficient_below >= 1)
            err(l, b, "bad-number", "'insufficient.below' must be below 1: every profile would be insufficient");
        r->insufficient_label = get_text(l, ins, "label", "'insufficient.label'");
        if (!r->insufficient_label && !l->y.oom)
            r->insufficient_label = dup(l, "Insufficient information");
    }
    compute_shares(r);
}

/* Problems libyaml reports poorly or not at all: bytes that are not UTF-8
 * (libyaml says only "invalid leading UTF-8 octet") and tabs in
 * indentation, one diagnostic per line.  Returns the number found. */
int cf_rubric_check_text(const char *name, const char *text, size_t len, cf_diags *d)
{
    int found = 0;
    unsigned line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            line++;
            bol = ++i;
            continue;
        }
        if (c == '\t') {
            int indent = 1;
            for (size_t k = bol; k < i; k++)
                indent &= text[k] == ' ' || text[k] == '\t' || text[k] == '-';
            if (indent) {
                cf_diag_add(d, name, line, (unsigned)(i - bol) + 1, CF_SEV_ERROR, "tabs",
                            "tab in indentation (YAML indents with spaces)");
                found++;
                while (i < len && text[i] != '\n')
                    i++;
                continue;
            }
        }
        size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        int ok = n > 0 && i + n <= len;
        for (size_t k = 1; ok && k < n; k++)
            ok = ((unsigned char)text[i + k] & 0xC0) == 0x80;
        if (ok && n == 3) {
            unsigned cp = ((c & 0x0Fu) << 12) | (((unsigned char)text[i + 1] & 0x3Fu) << 6);
            ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
        } else if (ok && n == 4) {
            unsigned cp = ((c & 0x07u) << 18) | (((unsigned char)text[i + 1] & 0x3Fu) << 12);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (!ok) {
            cf_diag_add(d, name, line, (unsigned)(i - bol) + 1, CF_SEV_ERROR, "encoding",
                        "not UTF-8 (byte 0x%02x): save the rubric as UTF-8", c);
            return found + 1;   /* the rest cannot be read reliably */
        }
        i += n;
    }
    return found;
}

/* Numbers every term and indexes them by the first word of each alias,
 * so that scoring looks only at the terms a profile's words can start.
 * 0, or -1 when out of memory. */
static int index_terms(cf_rubric *r)
{
    size_t nw = r->vocab.nwords, total = 0;
    r->first_at = cf_calloc(nw + 2, sizeof *r->first_at);
    if (!r->first_at)
        return -1;
    int *count = r->first_at + 1;   /* first counts, then offsets */
    for (size_t i = 0; i < r->nqualities; i++)
        for (size_t j = 0; j < r->qualities[i].ncriteria; j++) {
            cf_criterion *c = &r->qualities[i].criteria[j];
            for (size_t k = 0; k < c->nterms; k++) {
                cf_term *t = &c->terms[k];
                t->gid = (int)r->nterms++;
                for (size_t a = 0; a < t->naliases; a++) {
                    count[t->aliases[a].ids[0]]++;
                    total++;
                }
            }
        }
    for (size_t w = 1; w <= nw; w++)
        r->first_at[w] += r->first_at[w - 1];
    r->first_terms = cf_malloc((total ? total : 1) * sizeof *r->first_terms);
    int *fill = cf_malloc((nw + 1) * sizeof *fill);
    if (!r->first_terms || !fill) {
        cf_free(fill);
        return -1;
    }
    memcpy(fill, r->first_at, (nw + 1) * sizeof *fill);
    for (size_t i = 0; i < r->nqualities; i++)
        for (size_t j = 0; j < r->qualities[i].ncriteria; j++) {
            const cf_criterion *c = &r->qualities[i].criteria[j];
            for (size_t k = 0; k < c->nterms; k++)
                for (size_t a = 0; a < c->terms[k].naliases; a++)
                    r->first_terms[fill[c->terms[k].aliases[a].ids[0]]++] = c->terms[k].gid;
        }
    cf_free(fill);
    return 0;
}

/* The rubric of a chain that cf_rchain_build made (st: what it returned),
 * which stays the caller's. */
static cf_status load_chain(const char *name, const cf_rchain *chain, cf_status st, cf_rubric **out,
                            cf_diags *d)
{
    *out = NULL;
    if (st && !(st == CF_ERUBRIC && chain->root))
        return st;
    cf_rubric *r = cf_calloc(1, sizeof *r);
    loader l = {{name, d, NULL, st ? 1 : 0, 0}, r};
    if (!r || !(r->name = cf_strdup(name))) {
        cf_free(r);
        return CF_ESYSTEM;
    }
    snprintf(r->checksum, sizeof r->checksum, "%016llx", (unsigned long long)chain->hash);
    load_root(&l, chain->root);
    if (!l.y.oom && !l.y.errors && index_terms(r))
        l.y.oom = 1;
    if (l.y.oom || d->oom) {
        cf_rubric_free(r);
        return CF_ESYSTEM;
    }
    if (l.y.errors) {
        cf_rubric_free(r);
        return CF_ERUBRIC;
    }
    *out = r;
    return CF_OK;
}

cf_status cf_rubric_load_with(const char *name, const char *text, size_t len, cf_rubric_reader read,
                              void *ctx, cf_rubric **out, cf_diags *d)
{
    cf_rchain chain;
    cf_status st = load_chain(name, &chain, cf_rchain_build(&chain, name, text, len, read, ctx, d), out, d);
    cf_rchain_free(&chain);
    return st;
}

cf_status cf_rubric_load(const char *name, const char *text, size_t len,
                         cf_rubric **out, cf_diags *d)
{
    return cf_rubric_load_with(name, text, len, NULL, NULL, out, d);
}

static void free_conds(cf_cond *c, size_t n);

static void free_criterion(cf_criterion *c)
{
    cf_free(c->id);
    cf_free(c->qid);
    cf_free(c->label);
    cf_free(c->advice);
    free_path(&c->path);
    for (size_t i = 0; i < c->nwhere; i++) {
        cf_free(c->where[i].key);
        for (size_t j = 0; j < c->where[i].nvalues; j++)
            cf_free(c->where[i].values[j]);
        cf_free(c->where[i].values);
    }
    cf_free(c->where);
    for (size_t i = 0; i < c->npairs; i++)
        cf_free(c->pairs[i].key);
    cf_free(c->pairs);
    for (size_t i = 0; i < c->nterms; i++) {
        for (size_t j = 0; j < c->terms[i].naliases; j++)
            cf_free(c->terms[i].aliases[j].ids);
        cf_free(c->terms[i].aliases);
        cf_free(c->terms[i].id);
    }
    cf_free(c->terms);
    cf_free(c->sources);
    for (int i = 0; i < CF_A_COUNT; i++)
        cf_free(c->advice_by[i]);
    for (size_t i = 0; i < c->nimplied; i++) {
        free_path(&c->implied[i].path);
        cf_free(c->implied[i].label);
        cf_free(c->implied[i].note);
    }
    cf_free(c->implied);
    if (c->advise_when)
        free_conds(c->advise_when, 1);
    free_path(&c->range_path);
    for (size_t i = 0; i < c->nranges; i++) {
        cf_free(c->ranges[i].value);
        cf_free(c->ranges[i].note);
    }
    cf_free(c->ranges);
}

static void free_conds(cf_cond *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free_conds(c[i].sub, c[i].nsub);
        free_path(&c[i].path);
        cf_free(c[i].label);
    }
    cf_free(c);
}

void cf_rubric_free(cf_rubric *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nqualities; i++) {
        cf_quality *q = &r->qualities[i];
        for (size_t j = 0; j < q->ncriteria; j++)
            free_criterion(&q->criteria[j]);
        cf_free(q->criteria);
        cf_free(q->id);
        cf_free(q->name);
    }
    cf_free(r->qualities);
    for (size_t i = 0; i < r->ngates; i++) {
        cf_free(r->gates[i].id);
        cf_free(r->gates[i].label);
        cf_free(r->gates[i].advice);
        free_conds(r->gates[i].conds, r->gates[i].nconds);
    }
    cf_free(r->gates);
    for (size_t i = 0; i < r->ntiers; i++) {
        cf_free(r->tiers[i].id);
        cf_free(r->tiers[i].label);
        free_conds(r->tiers[i].req, r->tiers[i].nreq);
    }
    cf_free(r->insufficient_label);
    cf_free(r->tiers);
    for (size_t i = 0; i < r->nsources; i++)
        free_path(&r->sources[i]);
    cf_free(r->sources);
    for (size_t i = 0; i < r->vocab.nwords; i++)
        cf_free(r->vocab.words[i]);
    cf_free(r->vocab.words);
    cf_free(r->vocab.slots);
    cf_free(r->first_at);
    cf_free(r->first_terms);
    cf_free(r->name);
    cf_free(r->id);
    cf_free(r->version);
    cf_free(r->title);
    cf_free(r);
}

void cf_cond_text(const cf_rubric *r, const cf_cond *c, cf_buf *b)
{
    static const char *const ops[] = {"at least", "above", "at most", "below"};
    if (c->label) {
        cf_buf_puts(b, c->label);
        return;
    }
    switch (c->kind) {
    case CF_K_CRITERION: {
        /* in words: "any coding or HIT training", "Coding credential at 85% or more" */
        const cf_criterion *cr = &r->qualities[c->q].criteria[c->c];
        const char *l = cr->label ? cr->label : cr->id;
        if (c->op == CF_OP_ABOVE && c->value == 0) {
            /* lower-case a capital that starts a word, not an acronym */
            int lower = l[0] >= 'A' && l[0] <= 'Z' && l[1] >= 'a' && l[1] <= 'z';
            cf_buf_printf(b, "any %c%s", lower ? l[0] - 'A' + 'a' : l[0], l[0] ? l + 1 : "");
        } else {
            cf_buf_printf(b, "%s %s", l, c->op == CF_OP_AT_LEAST ? "at" : ops[c->op]);
            cf_buf_num(b, c->value * 100, 1);
            cf_buf_puts(b, c->op == CF_OP_AT_LEAST ? "% or more" : "%");
        }
        break;
    }
    case CF_K_PATH:
        cf_buf_printf(b, "%s %s %g", c->path.text, ops[c->op], c->value);
        break;
    case CF_K_GATE:
        cf_buf_puts(b, r->gates[c->gate].label ? r->gates[c->gate].label : r->gates[c->gate].id);
        break;
    default:
        cf_buf_puts(b, c->kind == CF_K_ANY ? "one of: " : "all of: ");
        for (size_t i = 0; i < c->nsub; i++) {
            if (i)
                cf_buf_puts(b, "; ");
            cf_cond_text(r, &c->sub[i], b);
        }
    }
    if (c->kind <= CF_K_PATH && c->if_missing == 1)
        cf_buf_puts(b, " (or not stated)");
}

const char *cf_rubric_id(const cf_rubric *r) { return r->id; }
const char *cf_rubric_version(const cf_rubric *r) { return r->version; }
const char *cf_rubric_checksum(const cf_rubric *r) { return r->checksum; }
size_t cf_rubric_ntiers(const cf_rubric *r) { return r->ntiers; }
const char *cf_rubric_tier_id(const cf_rubric *r, size_t i) { return i < r->ntiers ? r->tiers[i].id : NULL; }

const char *cf_rubric_tier_label(const cf_rubric *r, size_t i)
{
    return i >= r->ntiers ? NULL : r->tiers[i].label ? r->tiers[i].label : r->tiers[i].id;
}

const char cf_rubric_default_name[] = "embedded:medical-coder.yaml";

size_t cf_rubric_builtin_count(void) { return cf_nbuiltins; }

const char *cf_rubric_builtin(size_t i, const char **id, size_t *len)
{
    if (i >= cf_nbuiltins)
        return NULL;
    if (id)
        *id = cf_builtins[i].id;
    if (len)
        *len = cf_builtins[i].len;
    return cf_builtins[i].text;
}

const struct cf_builtin *cf_builtin_find(const struct cf_builtin *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return &v[i];
    return NULL;
}

const char *cf_rubric_builtin_find(const char *id, size_t *len)
{
    const struct cf_builtin *e = cf_builtin_find(cf_builtins, cf_nbuiltins, id);
    if (e && len)
        *len = e->len;
    return e ? e->text : NULL;
}

const char *cf_rubric_default_text(size_t *len)
{
    return cf_rubric_builtin_find("medical-coder", len);
}

cf_status cf_rubric_load_default(cf_rubric **out, cf_diags *d)
{
    size_t len = 0;
    const char *text = cf_rubric_default_text(&len);
    return cf_rubric_load(cf_rubric_default_name, text ? text : "", len, out, d);
}

/* ---- the rubric as JSON --------------------------------------------------- */

cf_status cf_rubric_show(const char *name, const char *text, size_t len, cf_rubric_reader read, void *ctx,
                         int json, char **out, size_t *outlen, cf_diags *d)
{
    cf_rubric *r = NULL;
    *out = NULL;
    /* one reading of the chain: checked as a rubric, then written */
    cf_rchain chain;
    cf_status st = load_chain(name, &chain, cf_rchain_build(&chain, name, text, len, read, ctx, d), &r, d);
    cf_rubric_free(r);
    if (st) {
        cf_rchain_free(&chain);
        return st;
    }
    cf_buf b = {0};
    if (json) {
        cJSON *j = cf_ynode_json(chain.root);
        if (j) {
            cf_json_write(&b, j, 0, 1);
            cf_buf_putc(&b, '\n');
            cJSON_Delete(j);
        } else {
            b.oom = 1;
        }
    } else if (chain.n == 1) {
        cf_buf_add(&b, text, len);
    } else {
        /* what each rubric of the chain is, then the whole result */
        for (int i = 0; i < chain.n; i++)
            cf_buf_printf(&b, "# %s%s\n", i ? "extends " : "", chain.docs[i].name);
        cf_buf_puts(&b, "# as one rubric:\n");
        if (cf_ynode_yaml(chain.root, &b))
            b.oom = 1;
    }
    cf_rchain_free(&chain);
    return cf_buf_finish(&b, out, outlen);
}

cf_status cf_rubric_json(const char *name, const char *text, size_t len, char **out, size_t *outlen,
                         cf_diags *d)
{
    return cf_rubric_show(name, text, len, NULL, NULL, 1, out, outlen, d);
}
