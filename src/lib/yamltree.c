#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "yamltree.h"

#define MAX_DEPTH 64
#define MAX_NODES 100000UL   /* after alias expansion */
/* Scalar text that aliases may add to what the document writes: sharing a
 * table costs little, and a few small nodes repeated into gigabytes ("a
 * billion laughs" in bytes, under the node count) are refused. */
#define MAX_ALIAS_BYTES (1ul << 20)

typedef struct anchor {
    char *name;
    cf_ynode *node;
    int open;                /* still being built: an alias to it is a cycle */
} anchor;

typedef struct builder {
    const char *name;
    cf_diags *d;
    cf_ydoc *doc;
    cf_ynode *stack[MAX_DEPTH + 1];
    char *stack_anchor[MAX_DEPTH + 1];
    int depth;
    anchor *anchors;
    size_t nanchors, capanchors;
    size_t max_bytes;        /* the text's length and MAX_ALIAS_BYTES */
    int failed;              /* a problem was reported */
    int oom;
} builder;

static void problem(builder *b, unsigned line, unsigned col, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void problem(builder *b, unsigned line, unsigned col, const char *rule, const char *fmt, ...)
{
    cf_buf m = {0};
    va_list ap;
    va_start(ap, fmt);
    cf_buf_vprintf(&m, fmt, ap);
    va_end(ap);
    cf_diag_add(b->d, b->name, line, col, CF_SEV_ERROR, rule, "%s", m.s ? m.s : "");
    if (m.oom)
        b->oom = 1;
    cf_buf_free(&m);
    b->failed = 1;
}

cf_ynode *cf_ydoc_node(cf_ydoc *doc, cf_ykind kind, const char *file,
                       unsigned line, unsigned col)
{
    cf_ynode **all = cf_grow(doc->all, &doc->capall, doc->nall + 1, sizeof *all);
    if (!all)
        return NULL;
    doc->all = all;
    cf_ynode *n = cf_calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->file = file;
    n->line = line;
    n->col = col;
    n->size = 1;
    doc->all[doc->nall++] = n;
    return n;
}

static cf_ynode *new_node(builder *b, cf_ykind kind, const yaml_mark_t *m)
{
    cf_ynode *n = cf_ydoc_node(b->doc, kind, b->doc->name,
                               (unsigned)m->line + 1, (unsigned)m->column + 1);
    if (!n)
        b->oom = 1;
    return n;
}

int cf_ynode_push(cf_ynode *parent, cf_ynode *child)
{
    cf_ynode **items = cf_grow(parent->items, &parent->cap, parent->n + 1, sizeof *items);
    if (!items)
        return -1;
    parent->items = items;
    parent->items[parent->n++] = child;
    return 0;
}

static int push_item(builder *b, cf_ynode *parent, cf_ynode *child)
{
    if (cf_ynode_push(parent, child) < 0) {
        b->oom = 1;
        return -1;
    }
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    const cf_ynode *x = *(cf_ynode *const *)a, *y = *(cf_ynode *const *)b;
    int c = strcmp(x->value, y->value);
    if (c)
        return c;
    return x->line != y->line ? (x->line > y->line) - (x->line < y->line)
                              : (x->col > y->col) - (x->col < y->col);
}

/* Reports the second occurrence of any repeated key of a mapping. */
static void check_duplicates(builder *b, cf_ynode *map)
{
    size_t nkeys = map->n / 2;
    if (nkeys < 2)
        return;
    cf_ynode **keys = cf_malloc(nkeys * sizeof *keys);
    if (!keys) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < nkeys; i++)
        keys[i] = map->items[2 * i];
    qsort(keys, nkeys, sizeof *keys, key_cmp);
    for (size_t i = 1; i < nkeys; i++)
        if (strcmp(keys[i]->value, keys[i - 1]->value) == 0)
            problem(b, keys[i]->line, keys[i]->col, "duplicate-key", "duplicate key '%s'",
                    keys[i]->value);
    cf_free(keys);
}

/* Adds a finished node (or an alias to one) to the open collection;
 * line and col are where it stands (an alias's own position, not its
 * anchor's). */
static void attach(builder *b, cf_ynode *node, unsigned line, unsigned col)
{
    if (b->depth == 0) {
        b->doc->root = node;
        return;
    }
    cf_ynode *parent = b->stack[b->depth - 1];
    if (parent->kind == CF_Y_MAP && parent->n % 2 == 0 && node->kind != CF_Y_SCALAR) {
        problem(b, line, col, "syntax", "%s", "a mapping key must be a scalar");
        return;
    }
    if (push_item(b, parent, node))
        return;
    unsigned long size = parent->size + node->size;
    parent->size = size > MAX_NODES ? MAX_NODES + 1 : size;
    size_t bytes = parent->bytes + node->bytes;   /* each at most max_bytes + 1 */
    parent->bytes = bytes > b->max_bytes ? b->max_bytes + 1 : bytes;
    /* Without an alias a subtree is no larger than the nodes parsed, nor
     * its text longer than the document: only expansion makes it so. */
    if (parent->size > MAX_NODES && b->doc->nall <= MAX_NODES)
        problem(b, line, col, "alias-expansion",
                "%s", "aliases expand to more than 100000 nodes (unbounded alias expansion)");
    else if (parent->size > MAX_NODES)
        problem(b, line, col, "too-large", "%s", "document has more than 100000 nodes");
    else if (parent->bytes > b->max_bytes)
        problem(b, line, col, "alias-expansion",
                "%s", "aliases expand to more than 1 MiB of text beyond what the document "
                "writes (unbounded alias expansion)");
}

static int check_tag(builder *b, const yaml_char_t *tag, const yaml_mark_t *m, cf_ykind kind)
{
    if (!tag)
        return 0;
    static const char *const scalar_tags[] = {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", NULL};
    const char *t = (const char *)tag;
    if (kind == CF_Y_SCALAR) {
        for (const char *const *k = scalar_tags; *k; k++)
            if (strcmp(*k, t) == 0)
                return 0;
    } else if (strcmp(t, kind == CF_Y_MAP ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq") == 0) {
        return 0;
    }
    problem(b, (unsigned)m->line + 1, (unsigned)m->column + 1, "unknown-tag", "unknown tag '%s'", t);
    return -1;
}

static const char *register_anchor(builder *b, const yaml_char_t *name, cf_ynode *node, int open)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < b->nanchors; i++)
        if (strcmp(b->anchors[i].name, (const char *)name) == 0) {
            /* YAML allows redefining an anchor; the latest wins. */
            b->anchors[i].node = node;
            b->anchors[i].open = open;
            return b->anchors[i].name;
        }
    anchor *a = cf_grow(b->anchors, &b->capanchors, b->nanchors + 1, sizeof *a);
    if (!a) {
        b->oom = 1;
        return NULL;
    }
    b->anchors = a;
    char *copy = cf_strdup((const char *)name);
    if (!copy) {
        b->oom = 1;
        return NULL;
    }
    b->anchors[b->nanchors++] = (anchor){copy, node, open};
    return copy;
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;
    for (size_t i = b->nanchors; i-- > 0;)
        if (strcmp(b->anchors[i].name, name) == 0) {
            if (b->anchors[i].open)
                problem(b, line, col, "alias-cycle",
                        "alias '*%s' refers to a node that contains it (self-referencing alias)", name);
            else
                attach(b, b->anchors[i].node, line, col);
            return;
        }
    problem(b, line, col, "unknown-anchor", "alias '*%s' refers to no anchor", name);
}

static void on_start(builder *b, const yaml_event_t *ev, cf_ykind kind)
{
    const yaml_char_t *tag = kind == CF_Y_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    const yaml_char_t *anc = kind == CF_Y_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    if (check_tag(b, tag, &ev->start_mark, kind))
        return;
    if (b->depth == MAX_DEPTH) {
        problem(b, (unsigned)ev->start_mark.line + 1, (unsigned)ev->start_mark.column + 1,
                "too-deep", "%s", "nesting deeper than 64 levels");
        return;
    }
    cf_ynode *n = new_node(b, kind, &ev->start_mark);
    if (!n)
        return;
    b->stack_anchor[b->depth] = (char *)register_anchor(b, anc, n, 1);
    b->stack[b->depth++] = n;
}

static void on_end(builder *b)
{
    cf_ynode *n = b->stack[--b->depth];
    const char *anc = b->stack_anchor[b->depth];
    if (anc)
        for (size_t i = 0; i < b->nanchors; i++)
            if (b->anchors[i].name == anc)
                b->anchors[i].open = 0;
    if (n->kind == CF_Y_MAP)
        check_duplicates(b, n);
    attach(b, n, n->line, n->col);
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
    if (check_tag(b, ev->data.scalar.tag, &ev->start_mark, CF_Y_SCALAR))
        return;
    cf_ynode *n = new_node(b, CF_Y_SCALAR, &ev->start_mark);
    if (!n)
        return;
    n->value = cf_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
    if (!n->value) {
        b->oom = 1;
        return;
    }
    n->len = n->bytes = ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
    if (memchr(n->value, '\0', n->len))
        problem(b, n->line, n->col, "syntax", "%s", "NUL character in a scalar");
    register_anchor(b, ev->data.scalar.anchor, n, 0);
    attach(b, n, n->line, n->col);
}

cf_status cf_yaml_parse(const char *name, const char *text, size_t len,
                        cf_ydoc *doc, cf_diags *d)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    builder b;
    int documents = 0, done = 0;

    memset(doc, 0, sizeof *doc);
    memset(&b, 0, sizeof b);
    b.name = name;
    b.d = d;
    b.doc = doc;
    b.max_bytes = len > SIZE_MAX / 2 ? SIZE_MAX / 2 : len + MAX_ALIAS_BYTES;
    if (!(doc->name = cf_strdup(name)))
        return CF_ESYSTEM;
    if (!yaml_parser_initialize(&parser)) {
        cf_yaml_free(doc);
        return CF_ESYSTEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    while (!done && !b.failed && !b.oom) {
        if (!yaml_parser_parse(&parser, &ev)) {
            if (parser.error == YAML_MEMORY_ERROR) {
                b.oom = 1;
                break;
            }
            cf_buf m = {0};
            cf_buf_printf(&m, "invalid YAML: %s", parser.problem ? parser.problem : "syntax error");
            if (parser.context)
                cf_buf_printf(&m, " (%s)", parser.context);
            unsigned line = (unsigned)parser.problem_mark.line + 1,
                     col = (unsigned)parser.problem_mark.column + 1;
            if (parser.error == YAML_READER_ERROR) {
                /* The reader gives a byte offset, not a mark: its line, and
                 * its column in characters, as libyaml counts marks. */
                if (parser.problem_value >= 0)
                    cf_buf_printf(&m, " (byte 0x%02X)", (unsigned)parser.problem_value & 0xFF);
                line = col = 1;
                for (size_t i = 0; i < parser.problem_offset && i < len; i++) {
                    if (text[i] == '\n')
                        line++, col = 1;
                    else if (((unsigned char)text[i] & 0xC0) != 0x80)
                        col++;
                }
            }
            problem(&b, line, col, "syntax", "%s", m.s ? m.s : "invalid YAML");
            cf_buf_free(&m);
            break;
        }
        switch (ev.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1)
                problem(&b, (unsigned)ev.start_mark.line + 1, (unsigned)ev.start_mark.column + 1,
                        "several-documents", "%s", "several YAML documents in one file (expected one)");
            break;
        case YAML_ALIAS_EVENT:
            on_alias(&b, &ev);
            break;
        case YAML_SCALAR_EVENT:
            on_scalar(&b, &ev);
            break;
        case YAML_SEQUENCE_START_EVENT:
            on_start(&b, &ev, CF_Y_SEQ);
            break;
        case YAML_MAPPING_START_EVENT:
            on_start(&b, &ev, CF_Y_MAP);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            on_end(&b);
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    for (size_t i = 0; i < b.nanchors; i++)
        cf_free(b.anchors[i].name);
    cf_free(b.anchors);
    if (b.oom || d->oom) {
        cf_yaml_free(doc);
        return CF_ESYSTEM;
    }
    if (b.failed) {
        cf_yaml_free(doc);
        return CF_ERUBRIC;
    }
    return CF_OK;
}

void cf_yaml_free(cf_ydoc *doc)
{
    for (size_t i = 0; i < doc->nall; i++) {
        cf_free(doc->all[i]->value);
        cf_free(doc->all[i]->items);
        cf_free(doc->all[i]);
    }
    cf_free(doc->all);
    cf_free(doc->name);
    memset(doc, 0, sizeof *doc);
}

/* ---- writing ------------------------------------------------------------- */

static int emit_write(void *data, unsigned char *buffer, size_t size)
{
    cf_buf *b = data;
    cf_buf_add(b, (const char *)buffer, size);
    return !b->oom;
}

static int emit_node(yaml_emitter_t *em, const cf_ynode *n, int depth)
{
    yaml_event_t ev;
    int ok;
    if (depth > MAX_DEPTH)
        return 0;
    switch (n->kind) {
    case CF_Y_SCALAR:
        ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)n->value, (int)n->len, n->plain,
                                          !n->plain, n->plain ? YAML_PLAIN_SCALAR_STYLE
                                                              : YAML_SINGLE_QUOTED_SCALAR_STYLE);
        return ok && yaml_emitter_emit(em, &ev);
    case CF_Y_SEQ:
    case CF_Y_MAP:
        ok = n->kind == CF_Y_SEQ
                 ? yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE)
                 : yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
        if (!ok || !yaml_emitter_emit(em, &ev))
            return 0;
        for (size_t i = 0; i < n->n; i++)
            if (!emit_node(em, n->items[i], depth + 1))
                return 0;
        ok = n->kind == CF_Y_SEQ ? yaml_sequence_end_event_initialize(&ev)
                                 : yaml_mapping_end_event_initialize(&ev);
        return ok && yaml_emitter_emit(em, &ev);
    }
    return 0;
}

int cf_ynode_yaml(const cf_ynode *n, cf_buf *b)
{
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em))
        return -1;
    yaml_emitter_set_output(&em, emit_write, b);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    int ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && yaml_emitter_emit(&em, &ev) &&
             yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) && yaml_emitter_emit(&em, &ev) &&
             emit_node(&em, n, 0) && yaml_document_end_event_initialize(&ev, 1) &&
             yaml_emitter_emit(&em, &ev) && yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&em, &ev);
    yaml_emitter_delete(&em);
    return ok && !b->oom ? 0 : -1;
}

int cf_ynode_number(const cf_ynode *n, double *out)
{
    if (n->kind != CF_Y_SCALAR || !n->plain || !*n->value || strpbrk(n->value, "xXnN"))
        return 0;
    char *end;
    double v = strtod(n->value, &end);
    if (*end)
        return 0;
    if (!isfinite(v))
        return -1;
    *out = v;
    return 1;
}

cf_ynode *cf_ymap_get(const cf_ynode *map, const char *key)
{
    if (!map || map->kind != CF_Y_MAP)
        return NULL;
    for (size_t i = 0; i + 1 < map->n; i += 2)
        if (map->items[i]->kind == CF_Y_SCALAR && strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

cJSON *cf_ynode_json(const cf_ynode *n)
{
    if (n->kind == CF_Y_SCALAR) {
        char *end;
        if (n->plain) {
            if (strcmp(n->value, "true") == 0 || strcmp(n->value, "false") == 0)
                return cJSON_CreateBool(n->value[0] == 't');
            if (!*n->value || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0)
                return cJSON_CreateNull();
            double v = strtod(n->value, &end);
            if (!*end && !strpbrk(n->value, "xXnN") && isfinite(v))
                return cJSON_CreateNumber(v);
        }
        return cJSON_CreateString(n->value);
    }
    cJSON *o = n->kind == CF_Y_MAP ? cJSON_CreateObject() : cJSON_CreateArray();
    if (!o)
        return NULL;
    for (size_t i = 0; i < n->n; i += n->kind == CF_Y_MAP ? 2 : 1) {
        cJSON *v = cf_ynode_json(n->kind == CF_Y_MAP ? n->items[i + 1] : n->items[i]);
        if (!v) {
            cJSON_Delete(o);
            return NULL;
        }
        if (n->kind == CF_Y_MAP && !cJSON_AddItemToObject(o, n->items[i]->value, v)) {
            cJSON_Delete(v);
            cJSON_Delete(o);
            return NULL;
        }
        if (n->kind != CF_Y_MAP)
            cJSON_AddItemToArray(o, v);
    }
    return o;
}
