/* A rubric that starts from another: `extends:` resolved into one YAML
 * tree.  The rubric's own keys override the one it extends, mapping by
 * mapping; the lists of qualities, criteria, tiers and gates merge by id
 * (an item with `remove: true` takes one out); any other value replaces
 * the one it extends.  Every node keeps the name of the file that wrote
 * it, so that a problem is reported where it was written. */
#include <string.h>
#include "rubric.h"
#include "yamltree.h"

/* Lists merged by id; every other list is replaced. */
static const char *const by_id[] = {"qualities", "criteria", "tiers", "gates"};

typedef struct merger {
    cf_rchain *c;
    cf_diags *d;
    int errors, oom;
} merger;


static cf_ynode *made(merger *m, cf_ykind kind, const cf_ynode *like)
{
    cf_ynode *n = cf_ydoc_node(&m->c->made, kind, like->file, like->line,
                               like->col);
    if (!n)
        m->oom = 1;
    return n;
}

static int push(merger *m, cf_ynode *to, cf_ynode *item)
{
    if (cf_ynode_push(to, item) < 0) {
        m->oom = 1;
        return -1;
    }
    return 0;
}

static cf_ynode *merge(merger *m, cf_ynode *base, cf_ynode *over, const char *key);

static int is_true(const cf_ynode *n)
{
    return n && n->kind == CF_Y_SCALAR && n->plain && strcmp(n->value, "true") == 0;
}

/* A mapping's keys, hashed when there are many (else NULL: looked up in
 * turn), so that merging two maps of thousands of keys (a 'terms' table)
 * costs what their length does. */
#define FEW_KEYS 16
static int index_keys(merger *m, const cf_ynode *map, cf_strset *idx)
{
    *idx = (cf_strset){0};
    if (!map || map->n / 2 <= FEW_KEYS)
        return 0;
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const cf_ynode *k = map->items[i];
        size_t *at = cf_strset_val(idx, k->value, k->len, NULL);
        if (!at) {
            cf_strset_free(idx);
            m->oom = 1;
            return -1;
        }
        *at = i + 2;
    }
    return 0;
}

static cf_ynode *lookup(const cf_ynode *map, const cf_strset *idx, const cf_ynode *key)
{
    if (!map)
        return NULL;
    if (!idx->n)
        return cf_ymap_get(map, key->value);
    size_t *at = cf_strset_find(idx, key->value, key->len);
    return at ? map->items[*at - 1] : NULL;
}

/* over's keys on base's (base may be NULL); "remove" and, at the top,
 * "extends" are not copied. */
static cf_ynode *merge_map(merger *m, cf_ynode *base, cf_ynode *over)
{
    cf_strset bidx, oidx;
    cf_ynode *r = made(m, CF_Y_MAP, over);
    if (!r || index_keys(m, base, &bidx))
        return NULL;
    if (index_keys(m, over, &oidx))
        goto fail;
    for (size_t i = 0; base && i + 1 < base->n; i += 2) {
        cf_ynode *k = base->items[i], *v = base->items[i + 1];
        cf_ynode *ov = lookup(over, &oidx, k);
        if (ov && !(v = merge(m, v, ov, k->value)))
            goto fail;
        if (push(m, r, k) || push(m, r, v))
            goto fail;
    }
    for (size_t i = 0; i + 1 < over->n; i += 2) {
        cf_ynode *k = over->items[i];
        if (lookup(base, &bidx, k) || strcmp(k->value, "remove") == 0 ||
            strcmp(k->value, "extends") == 0)
            continue;
        cf_ynode *v = over->items[i + 1];
        if (v->kind == CF_Y_MAP && !(v = merge_map(m, NULL, v)))
            goto fail;
        if (push(m, r, k) || push(m, r, v))
            goto fail;
    }
    cf_strset_free(&bidx);
    cf_strset_free(&oidx);
    return r;
fail:
    cf_strset_free(&bidx);
    cf_strset_free(&oidx);
    return NULL;
}

static const char *item_id(const cf_ynode *n)
{
    const cf_ynode *id = n->kind == CF_Y_MAP ? cf_ymap_get(n, "id") : NULL;
    return id && id->kind == CF_Y_SCALAR ? id->value : NULL;
}

/* A list of things with ids: base's, with over's items merged into the one
 * of the same id (the last, when base repeats one), taken out (remove:
 * true) or added at the end.  The ids are found through a hash, so that a
 * list of thousands costs what its length does. */
static cf_ynode *merge_list(merger *m, cf_ynode *base, cf_ynode *over, const char *key)
{
    cf_ynode *r = made(m, CF_Y_SEQ, over);
    cf_strset at_id = {0};       /* id -> position in r + 1 (0: none) */
    if (!r)
        return NULL;
    for (size_t i = 0; i < base->n; i++) {
        if (push(m, r, base->items[i]))
            goto oom;
        const char *bid = item_id(base->items[i]);
        size_t *at = bid ? cf_strset_val(&at_id, bid, strlen(bid), NULL) : NULL;
        if (bid && !at)
            goto oom;
        if (at)
            *at = i + 1;
    }
    for (size_t i = 0; i < over->n; i++) {
        cf_ynode *it = over->items[i];
        const char *id = item_id(it);
        if (!id) {
            cf_diag_add(m->d, it->file, it->line, it->col, CF_SEV_ERROR, "extends",
                        "an entry of '%s' in a rubric that extends another needs an 'id'", key);
            m->errors++;
            continue;
        }
        size_t *at = cf_strset_val(&at_id, id, strlen(id), NULL);
        if (!at)
            goto oom;
        if (is_true(cf_ymap_get(it, "remove"))) {
            if (!*at) {
                cf_diag_add(m->d, it->file, it->line, it->col, CF_SEV_ERROR, "extends",
                            "nothing to remove: the rubric extended has no '%s' entry '%s'", key, id);
                m->errors++;
                continue;
            }
            r->items[*at - 1] = NULL;    /* taken out below, order kept */
            *at = 0;
            continue;
        }
        size_t was = *at;
        cf_ynode *v = merge_map(m, was ? r->items[was - 1] : NULL, it);
        if (!v)
            goto oom;
        if (was)
            r->items[was - 1] = v;
        else if (push(m, r, v))
            goto oom;
        else if ((at = cf_strset_val(&at_id, id, strlen(id), NULL)))
            *at = r->n;
        else
            goto oom;
    }
    size_t kept = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i])
            r->items[kept++] = r->items[i];
    r->n = kept;
    cf_strset_free(&at_id);
    return r;
oom:
    m->oom = 1;
    cf_strset_free(&at_id);
    return NULL;
}

static cf_ynode *merge(merger *m, cf_ynode *base, cf_ynode *over, const char *key)
{
    if (base->kind == CF_Y_MAP && over->kind == CF_Y_MAP)
        return merge_map(m, base, over);
    if (base->kind == CF_Y_SEQ && over->kind == CF_Y_SEQ)
        for (size_t i = 0; i < CF_ARRAY_LEN(by_id); i++)
            if (strcmp(key, by_id[i]) == 0)
                return merge_list(m, base, over, key);
    return over;
}

static int is_path(const char *ref)
{
    size_t n = strlen(ref);
    return strchr(ref, '/') || (n > 5 && strcmp(ref + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(ref + n - 4, ".yml") == 0);
}

/* A parsed rubric says what it is: a mapping whose format is a rubric's. */
static int is_rubric(const cf_ynode *root)
{
    const cf_ynode *f = root && root->kind == CF_Y_MAP ? cf_ymap_get(root, "format") : NULL;
    return f && f->kind == CF_Y_SCALAR && strncmp(f->value, "coderfit-rubric/", 16) == 0;
}

/* One that does not parse: whether its text names the format at all. */
static int holds_format(const char *text, size_t len)
{
    static const char want[] = "coderfit-rubric/";
    for (size_t i = 0; i + sizeof want - 1 <= len; i++)
        if (memcmp(text + i, want, sizeof want - 1) == 0)
            return 1;
    return 0;
}

static cf_status parse_one(cf_rchain *c, const char *name, const char *text, size_t len, cf_diags *d)
{
    if (len == 0 || cf_json_skip_space(text, len, 0) == len) {
        cf_diag_add(d, name, 1, 1, CF_SEV_ERROR, "empty", "empty rubric");
        return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
    }
    if (cf_rubric_check_text(name, text, len, d))
        return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
    cf_ydoc *doc = &c->docs[c->n];
    cf_status st = cf_yaml_parse(name, text, len, doc, d);
    if (st)
        return st;
    c->n++;
    if (!doc->root) {
        cf_diag_add(d, name, 1, 1, CF_SEV_ERROR, "empty", "empty rubric");
        return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
    }
    c->hash = cf_fnv1a(text, len, c->hash);
    return CF_OK;
}

cf_status cf_rchain_build(cf_rchain *c, const char *name, const char *text, size_t len, cf_rubric_reader read,
                          void *ctx, cf_diags *d)
{
    memset(c, 0, sizeof *c);
    c->hash = CF_FNV_INIT;
    cf_status st = parse_one(c, name, text, len, d);
    if (st)
        return st;
    /* up the chain: each rubric's extends names the next */
    for (;;) {
        const cf_ydoc *last = &c->docs[c->n - 1];
        const cf_ynode *ext = last->root->kind == CF_Y_MAP ? cf_ymap_get(last->root, "extends") : NULL;
        if (!ext)
            break;
        if (ext->kind != CF_Y_SCALAR || !*ext->value) {
            cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "wrong-type",
                        "'extends' must name a rubric: a built-in id or a file");
            return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
        }
        if (c->n > CF_MAX_EXTENDS) {
            cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "extends",
                        "rubrics extend one another more than %d deep", CF_MAX_EXTENDS);
            return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
        }
        char *pname = NULL, *ptext = NULL, err[256] = "";
        size_t plen = 0;
        const char *builtin = is_path(ext->value) ? NULL : cf_rubric_builtin_find(ext->value, &plen);
        if (builtin) {
            cf_buf nb = {0};
            cf_buf_printf(&nb, "embedded:%s.yaml", ext->value);
            if (nb.oom)
                return CF_ESYSTEM;
            pname = nb.s;
        } else if (is_path(ext->value) && read) {
            if (read(ctx, last->name, ext->value, &pname, &ptext, &plen, err, sizeof err)) {
                cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "extends",
                            "cannot read the rubric it extends, '%s': %s", ext->value, err);
                return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
            }
        } else {
            cf_buf ids = {0};
            for (size_t i = 0; i < cf_rubric_builtin_count(); i++) {
                const char *id;
                cf_rubric_builtin(i, &id, NULL);
                cf_buf_printf(&ids, "%s%s", i ? ", " : "", id);
            }
            cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "extends",
                        is_path(ext->value) ? "cannot extend a file here: '%s' (only the built-in rubrics: %s)"
                                            : "no built-in rubric '%s' (built in: %s)",
                        ext->value, ids.s ? ids.s : "none");
            cf_buf_free(&ids);
            return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
        }
        for (int i = 0; i < c->n; i++)
            if (strcmp(c->docs[i].name, pname) == 0) {
                cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "extends",
                            "rubrics extend one another in a cycle ('%s' again)", pname);
                cf_free(pname);
                cf_free(ptext);
                return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
            }
        c->texts[c->n] = ptext;
        /* what it says of the file goes to pd first: shown only when the
         * file is a rubric, so that extends: never prints another file */
        cf_diags pd = {0};
        int before = c->n;
        const char *ptxt = builtin ? builtin : ptext;
        st = parse_one(c, pname, ptxt, plen, &pd);
        cf_free(pname);
        int rubric = c->n > before ? is_rubric(c->docs[before].root) : holds_format(ptxt, plen);
        if (rubric || pd.oom)
            for (size_t i = 0; i < pd.n; i++)
                cf_diag_add(d, pd.items[i].file, pd.items[i].line, pd.items[i].col, pd.items[i].severity,
                            pd.items[i].rule, "%s", pd.items[i].message);
        cf_diags_clear(&pd);
        if (!rubric && st != CF_ESYSTEM) {
            cf_diag_add(d, last->name, ext->line, ext->col, CF_SEV_ERROR, "extends",
                        "'%s' is not a coderfit rubric (it has no 'format: %s'): nothing of it is used",
                        ext->value, CF_RUBRIC_FORMAT);
            return d->oom ? CF_ESYSTEM : CF_ERUBRIC;
        }
        if (st)
            return st;
    }
    /* down again: the base, with each extending rubric's keys on it */
    merger m = {c, d, 0, 0};
    cf_ynode *acc = c->docs[c->n - 1].root;
    for (int i = c->n - 2; i >= 0 && !m.oom; i--) {
        cf_ynode *over = c->docs[i].root;
        if (acc->kind != CF_Y_MAP || over->kind != CF_Y_MAP) {
            acc = over;   /* the loader says what a rubric must be */
            continue;
        }
        acc = merge_map(&m, acc, over);
        if (!acc)
            break;
    }
    if (m.oom || d->oom)
        return CF_ESYSTEM;
    /* after a merge error the tree is still whole: loading it reports the
     * other problems too */
    c->root = acc;
    return m.errors ? CF_ERUBRIC : CF_OK;
}

void cf_rchain_free(cf_rchain *c)
{
    for (int i = 0; i < c->n; i++)
        cf_yaml_free(&c->docs[i]);
    for (int i = 0; i <= CF_MAX_EXTENDS; i++)
        cf_free(c->texts[i]);
    cf_yaml_free(&c->made);
    memset(c, 0, sizeof *c);
}
