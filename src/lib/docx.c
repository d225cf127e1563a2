/* Word (DOCX) and OpenDocument text (ODT) resumes, read in process: the zip
 * opened from memory with libzip, its XML parts parsed with libxml2 (no
 * network, no DTD: a part that declares one is refused, so no entity is
 * ever expanded), and the body, tables, page headers and footers, text
 * boxes and lists made styled lines for the sectioner (sections.c).
 *
 * A table row of short cells ("Coding Specialist II" | "03/2019 -
 * Present") is read across, a line of pieces; a table that lays out a page
 * (a sidebar and a main column) is read cell after cell.  A header or
 * footer line that shows the page number is the page's furniture and is
 * left out, and so is one that repeats a line of the body. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "lines.h"
#include "xml.h"

#define MAX_ENTRIES 10000            /* entries of the zip */
#define MAX_PART (32ul << 20)        /* bytes of one XML part, unpacked */
#define MAX_UNPACKED (64ul << 20)    /* bytes of all the parts read */
#define MAX_DEPTH 200                /* elements inside elements (libxml2 stops at 256) */
#define ACROSS_LINES 3               /* a table cell of more lines lays out a page */

/* A paragraph or text style, as the document defines it. */
typedef struct style {
    char *id;                 /* DOCX w:styleId, ODT style:name */
    char *parent;
    signed char bold;         /* -1: not said */
    signed char heading;      /* -1: not said; 0 none; 1 to 3 */
    signed char list;         /* -1: not said */
    double size;              /* points; 0: not said */
} style;

typedef struct reader {
    const char *source;
    cf_diags *d;
    int odt;
    zip_t *z;
    size_t unpacked;
    style *st;
    size_t nst, capst;
    cf_slines *out;           /* the document's lines, or a table cell's */
    unsigned page, line;
    int next_page;            /* a page break before the next line */
    int furniture;            /* reading a page header or footer */
    int in_list;
    int depth;
    /* the line being built: its text, a bold flag a byte, its style */
    cf_buf text, bold;
    cf_sline proto;
    int page_field;           /* the line shows the page number */
    const xmlNode *styles_root;   /* ODT: styles.xml */
    int failed;               /* an error is in d */
    int oom;
} reader;

/* ---- names ---------------------------------------------------------------- */

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* An attribute by its local name, whatever its namespace (cf_free). */
static char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0) {
            xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
            char *s = v ? cf_strdup((const char *)v) : NULL;
            xmlFree(v);
            return s;
        }
    return NULL;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = v && strcmp(v, value) == 0;
    cf_free(v);
    return r;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* DOCX's on/off: <w:b/>, <w:b w:val="true"/> on; "0", "false", "off" off. */
static int on(const xmlNode *n)
{
    char *v = attr(n, "val");
    int r = !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
    cf_free(v);
    return r;
}

/* One element deeper: 0 (and not deeper) past MAX_DEPTH; each enter
 * that returns 1 is followed by r->depth--. */
static int enter(reader *r)
{
    if (r->depth >= MAX_DEPTH)
        return 0;
    r->depth++;
    return 1;
}

/* ---- errors ---------------------------------------------------------------- */

static void fail(reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cf_diag_add(r->d, r->source, 0, 0, CF_SEV_ERROR, "format", "%s", msg);
    r->failed = 1;
}

static const char *kind_name(const reader *r)
{
    return cf_doc_name(r->odt ? CF_DOC_ODT : CF_DOC_DOCX);
}

/* ---- parts ------------------------------------------------------------------ */

/* The bytes of a part of the zip (cf_free), NULL when it is not there
 * (*missing set) or on an error (in d).  A part that unpacks to more than
 * MAX_PART, or parts that add up to more than MAX_UNPACKED, are an error:
 * a zip bomb is refused before it is unpacked, or as soon as it shows. */
static char *part(reader *r, zip_int64_t idx, const char *name, size_t *len)
{
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat_index(r->z, (zip_uint64_t)idx, 0, &zs) == 0 && (zs.valid & ZIP_STAT_SIZE) &&
        zs.size > MAX_PART) {
        fail(r, "%s unpacks to %llu MiB, more than a resume ever holds (%lu MiB at most): not read (a zip bomb?)",
             name, (unsigned long long)(zs.size >> 20), MAX_PART >> 20);
        return NULL;
    }
    zip_file_t *f = zip_fopen_index(r->z, (zip_uint64_t)idx, 0);
    if (!f) {
        fail(r, "%s cannot be unpacked: %s", name, zip_strerror(r->z));
        return NULL;
    }
    size_t cap = (zs.valid & ZIP_STAT_SIZE) && zs.size < MAX_PART ? (size_t)zs.size + 1 : 65536, n = 0;
    char *buf = cf_malloc(cap);
    for (;;) {
        if (!buf) {
            r->oom = 1;
            break;
        }
        if (n + 1 >= cap) {
            char *b2 = n > MAX_PART ? NULL : cf_realloc(buf, cap * 2);
            if (!b2) {
                if (n <= MAX_PART)
                    r->oom = 1;
                break;
            }
            buf = b2;
            cap *= 2;
        }
        zip_int64_t k = zip_fread(f, buf + n, cap - 1 - n);
        if (k < 0) {
            fail(r, "%s cannot be unpacked: %s", name, zip_file_strerror(f));
            break;
        }
        if (k == 0) {
            zip_fclose(f);
            buf[n] = '\0';
            r->unpacked += n;
            if (r->unpacked > MAX_UNPACKED) {
                fail(r, "the document's parts unpack to more than %lu MiB: more than a resume ever holds (a zip "
                     "bomb?)", MAX_UNPACKED >> 20);
                cf_free(buf);
                return NULL;
            }
            *len = n;
            return buf;
        }
        n += (size_t)k;
        if (n > MAX_PART) {
            fail(r, "%s unpacks to more than %lu MiB, more than a resume ever holds: not read (a zip bomb?)", name,
                 MAX_PART >> 20);
            break;
        }
    }
    zip_fclose(f);
    cf_free(buf);
    return NULL;
}

/* A part parsed (xmlFreeDoc), or NULL: not there, or an error in d. */
static xmlDoc *parse(reader *r, const char *name, int required)
{
    zip_int64_t idx = zip_name_locate(r->z, name, 0);
    if (idx < 0) {
        if (required)
            fail(r, "no %s in this file: not a %s document, or a damaged one", name, kind_name(r));
        return NULL;
    }
    size_t len = 0;
    char *buf = part(r, idx, name, &len);
    if (!buf)
        return NULL;
    if (len > INT32_MAX || cf_holds(buf, len, "<!DOCTYPE") || cf_holds(buf, len, "<!ENTITY")) {
        fail(r, "%s declares a DTD, which a %s document never does: not read", name, kind_name(r));
        cf_free(buf);
        return NULL;
    }
    cf_xml_error e;
    xmlDoc *doc = cf_xml_read(buf, len, name, 0, &e);
    if (!doc && e.oom)
        r->oom = 1;
    else if (!doc && strstr(e.message, "Excessive depth"))
        fail(r, "%s nests elements deeper than a document ever does (more than 256): not read", name);
    else if (!doc)
        fail(r, "%s is not XML that can be read, at line %d: %s", name, e.line, e.message);
    cf_free(buf);
    return doc;
}

/* ---- styles ----------------------------------------------------------------- */

static style *style_add(reader *r, const xmlNode *n, const char *id_attr)
{
    char *id = attr(n, id_attr);
    style *v = id ? cf_grow(r->st, &r->capst, r->nst + 1, sizeof *v) : NULL;
    if (!v) {
        if (id)
            r->oom = 1;
        cf_free(id);
        return NULL;
    }
    r->st = v;
    style *s = &v[r->nst++];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->bold = s->heading = s->list = -1;
    return s;
}

/* Whether s starts with p, case ignored (ASCII). */
static int ci_prefix(const char *s, const char *p)
{
    for (; *p; s++, p++)
        if (!*s || (*s | 0x20) != (*p | 0x20))
            return 0;
    return 1;
}

/* A heading level from a style's name: "heading 2", "Heading_20_2",
 * "Title". */
static int heading_of_name(const char *name)
{
    if (!name)
        return -1;
    if (ci_prefix(name, "title") && !name[5])
        return 1;
    if (!ci_prefix(name, "heading"))
        return -1;
    const char *p = name + 7;
    while (*p == ' ' || *p == '_')
        p++;
    if (strncmp(p, "20_", 3) == 0)
        p += 3;
    if (*p >= '1' && *p <= '9' && !p[1])
        return *p - '0' > 3 ? 3 : *p - '0';
    return -1;
}

static double points(const char *v)
{
    if (!v)
        return 0;
    char *end;
    double d = strtod(v, &end);
    if (strcmp(end, "pt") == 0)
        return d;
    return 0;
}

static void docx_styles(reader *r)
{
    xmlDoc *doc = parse(r, "word/styles.xml", 0);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    for (const xmlNode *n = root ? root->children : NULL; n && !r->oom; n = n->next) {
        if (!is(n, "style"))
            continue;
        style *s = style_add(r, n, "styleId");
        if (!s)
            continue;
        const xmlNode *name = child(n, "name"), *based = child(n, "basedOn"), *ppr = child(n, "pPr"),
                      *rpr = child(n, "rPr");
        char *nm = name ? attr(name, "val") : NULL;
        s->heading = (signed char)heading_of_name(nm ? nm : s->id);
        cf_free(nm);
        if (based)
            s->parent = attr(based, "val");
        const xmlNode *lvl = child(ppr, "outlineLvl");
        if (lvl && s->heading < 0) {
            char *v = attr(lvl, "val");
            int k = v ? atoi(v) : 9;
            cf_free(v);
            if (k >= 0 && k < 9)
                s->heading = (signed char)(k >= 2 ? 3 : k + 1);
        }
        if (child(ppr, "numPr"))
            s->list = 1;
        if (child(rpr, "b"))
            s->bold = (signed char)on(child(rpr, "b"));
        const xmlNode *sz = child(rpr, "sz");
        char *v = sz ? attr(sz, "val") : NULL;
        if (v)
            s->size = atof(v) / 2;
        cf_free(v);
    }
    xmlFreeDoc(doc);
}

static void odt_styles_in(reader *r, const xmlNode *container)
{
    for (const xmlNode *n = container ? container->children : NULL; n && !r->oom; n = n->next) {
        if (!is(n, "style"))
            continue;
        style *s = style_add(r, n, "name");
        if (!s)
            continue;
        s->parent = attr(n, "parent-style-name");
        char *disp = attr(n, "display-name");
        s->heading = (signed char)heading_of_name(disp ? disp : s->id);
        cf_free(disp);
        char *lvl = attr(n, "default-outline-level");
        if (lvl && s->heading < 0 && atoi(lvl) >= 1)
            s->heading = (signed char)(atoi(lvl) > 3 ? 3 : atoi(lvl));
        cf_free(lvl);
        const xmlNode *tp = child(n, "text-properties");
        char *w = tp ? attr(tp, "font-weight") : NULL;
        if (w)
            s->bold = (signed char)(strcmp(w, "bold") == 0 || atoi(w) >= 600);
        cf_free(w);
        char *sz = tp ? attr(tp, "font-size") : NULL;
        s->size = points(sz);
        cf_free(sz);
    }
}

static const style *style_find(const reader *r, const char *id)
{
    for (size_t i = id ? r->nst : 0; i-- > 0;)
        if (strcmp(r->st[i].id, id) == 0)
            return &r->st[i];
    return NULL;
}

/* What a style and those it is based on say (a few levels deep). */
static void style_resolve(const reader *r, const char *id, int *bold, int *heading, int *list, double *size)
{
    const style *s = style_find(r, id);
    for (int depth = 0; s && depth < 10; depth++) {
        if (bold && *bold < 0)
            *bold = s->bold;
        if (heading && *heading < 0)
            *heading = s->heading;
        if (list && *list < 0)
            *list = s->list;
        if (size && !*size)
            *size = s->size;
        s = s->parent ? style_find(r, s->parent) : NULL;
    }
}

static void styles_free(reader *r)
{
    for (size_t i = 0; i < r->nst; i++) {
        cf_free(r->st[i].id);
        cf_free(r->st[i].parent);
    }
    cf_free(r->st);
}

/* ---- lines -------------------------------------------------------------------- */

static void put(reader *r, const char *s, size_t n, int bold)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
        cf_buf_putc(&r->text, c);
        cf_buf_putc(&r->bold, (char)(bold > 0));
    }
}

/* The line built so far, as pieces (at tabs and wide gaps). */
static void line_end(reader *r)
{
    if (r->text.oom || r->bold.oom)
        r->oom = 1;
    size_t k = 0;
    while (k < r->text.len && (r->text.s[k] == ' ' || r->text.s[k] == '\t'))
        k++;
    if (k < r->text.len && !r->oom && !(r->furniture && r->page_field)) {
        if (r->next_page && r->out->n) {
            r->page++;
            r->line = 0;
        }
        r->next_page = 0;
        cf_sline p = r->proto;
        p.page = r->page;
        p.line = ++r->line;
        p.col = 1;
        const char *s = r->text.s + k;
        size_t n = r->text.len - k, b = cf_bullet(s, n);
        if (b) {
            p.list = 1;
            s += b;
            n -= b;
        }
        if (cf_slines_add_split(r->out, &p, s, n, (const unsigned char *)r->bold.s + k + b))
            r->oom = 1;
    }
    r->text.len = r->bold.len = 0;
    r->page_field = 0;
}

/* The style of the paragraph that begins: its left edge (points), font
 * size, heading level (0 or less: none) and whether it is a list item. */
static void para_style(reader *r, double x, double size, int heading, int list)
{
    memset(&r->proto, 0, sizeof r->proto);
    r->proto.x = x;
    r->proto.size = size;
    r->proto.heading = (unsigned char)(heading > 0 ? heading : 0);
    r->proto.list = (unsigned char)(list || r->in_list > 0);
}

/* Moves the lines of src to the end of dst. */
static void take(reader *r, cf_slines *dst, cf_slines *src, size_t i)
{
    cf_sline *v = cf_grow(dst->v, &dst->cap, dst->n + 1, sizeof *v);
    if (!v) {
        r->oom = 1;
        return;
    }
    dst->v = v;
    v[dst->n++] = src->v[i];
    src->v[i].text = NULL;
}

/* A table row, its cells read into cells[0..n): across when every cell is
 * short and none holds a heading, else cell after cell. */
static void row_merge(reader *r, cf_slines *cells, size_t n)
{
    unsigned most = 0, filled = 0;
    int across = 1;
    for (size_t c = 0; c < n; c++) {
        filled += cells[c].n > 0;
        for (size_t i = 0; i < cells[c].n; i++) {
            if (cells[c].v[i].line > most)
                most = cells[c].v[i].line;
            if (cells[c].v[i].heading)
                across = 0;
        }
    }
    if (most > ACROSS_LINES || filled < 2)
        across = 0;
    if (!across) {
        for (size_t c = 0; c < n && !r->oom; c++) {
            unsigned base = r->line, last = 0;
            for (size_t i = 0; i < cells[c].n && !r->oom; i++) {
                cells[c].v[i].line += base;
                last = cells[c].v[i].line;
                take(r, r->out, &cells[c], i);
            }
            if (last > r->line)
                r->line = last;
        }
        return;
    }
    for (unsigned k = 1; k <= most && !r->oom; k++) {
        unsigned col = 0;
        r->line++;
        for (size_t c = 0; c < n; c++)
            for (size_t i = 0; i < cells[c].n && !r->oom; i++)
                if (cells[c].v[i].line == k && cells[c].v[i].text) {
                    cells[c].v[i].line = r->line;
                    cells[c].v[i].col = ++col;
                    take(r, r->out, &cells[c], i);
                }
    }
}

typedef void (*block_fn)(reader *r, const xmlNode *n);

/* A table: each row's cells read by block into lines of their own, then
 * merged. */
static void table(reader *r, const xmlNode *rows, const char *row_name, const char *cell_name, block_fn block)
{
    for (const xmlNode *tr = rows->children; tr && !r->oom; tr = tr->next) {
        if (!is(tr, row_name)) {
            /* ODT's row groups: table:table-header-rows, table:table-rows */
            if (tr->type == XML_ELEMENT_NODE && strstr((const char *)tr->name, "rows"))
                table(r, tr, row_name, cell_name, block);
            continue;
        }
        size_t n = 0;
        for (const xmlNode *tc = tr->children; tc; tc = tc->next)
            n += is(tc, cell_name);
        if (!n)
            continue;
        cf_slines *cells = cf_calloc(n, sizeof *cells);
        if (!cells) {
            r->oom = 1;
            return;
        }
        cf_slines *out = r->out;
        unsigned line = r->line;
        size_t c = 0;
        for (const xmlNode *tc = tr->children; tc && !r->oom; tc = tc->next) {
            if (!is(tc, cell_name))
                continue;
            r->out = &cells[c++];
            r->line = 0;
            block(r, tc);
        }
        r->out = out;
        r->line = line;
        row_merge(r, cells, n);
        for (c = 0; c < n; c++)
            cf_slines_free(&cells[c]);
        cf_free(cells);
    }
}

/* ---- DOCX ---------------------------------------------------------------------- */

static void docx_block(reader *r, const xmlNode *n);

/* Text boxes inside a paragraph (DrawingML's, and VML's for older files;
 * markup compatibility's fallback, a copy of the same box, skipped). */
static void docx_boxes(reader *r, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is(c, "Fallback"))
            continue;
        if (is(c, "txbxContent"))
            docx_block(r, c);
        else
            docx_boxes(r, c);
    }
}

static void docx_inline(reader *r, const xmlNode *n, int bold)
{
    if (!enter(r))
        return;
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "r")) {
            int b = -1;
            const xmlNode *rpr = child(c, "rPr");
            if (child(rpr, "b"))
                b = on(child(rpr, "b"));
            if (b < 0 && child(rpr, "rStyle")) {
                char *id = attr(child(rpr, "rStyle"), "val");
                style_resolve(r, id, &b, NULL, NULL, NULL);
                cf_free(id);
            }
            docx_inline(r, c, b < 0 ? bold : b);
        } else if (is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t)
                put(r, (const char *)t, strlen((const char *)t), bold);
            else
                r->oom = 1;
            xmlFree(t);
        } else if (is(c, "tab") || is(c, "ptab")) {
            put(r, "\t", 1, 0);
        } else if (is(c, "noBreakHyphen")) {
            put(r, "-", 1, bold);
        } else if (is(c, "br") || is(c, "cr")) {
            int page = attr_is(c, "type", "page");
            line_end(r);
            if (page)
                r->next_page = 1;
        } else if (is(c, "lastRenderedPageBreak")) {
            r->next_page = 1;
        } else if (is(c, "instrText") || is(c, "fldSimple")) {
            xmlChar *t = is(c, "instrText") ? xmlNodeGetContent(c) : xmlGetProp(c, (const xmlChar *)"instr");
            if (t && strstr((const char *)t, "PAGE"))   /* PAGE, NUMPAGES, SECTIONPAGES */
                r->page_field = 1;
            xmlFree(t);
            if (is(c, "fldSimple"))
                docx_inline(r, c, bold);
        } else if (!is(c, "rPr") && !is(c, "pPr") && !is(c, "del") && !is(c, "moveFrom") &&
                   !is(c, "Fallback") && !is(c, "txbxContent") && !is(c, "footnoteReference") &&
                   !is(c, "endnoteReference")) {
            /* runs inside hyperlinks, insertions, fields, content
             * controls, smart tags, markup compatibility's choice */
            docx_inline(r, c, bold);
        }
    }
    r->depth--;
}

static void docx_para(reader *r, const xmlNode *p)
{
    docx_boxes(r, p);
    const xmlNode *ppr = child(p, "pPr");
    int bold = -1, heading = -1, list = -1;
    double size = 0;
    const xmlNode *ps = child(ppr, "pStyle");
    if (ps) {
        char *id = attr(ps, "val");
        style_resolve(r, id, &bold, &heading, &list, &size);
        cf_free(id);
    }
    const xmlNode *num = child(ppr, "numPr");
    if (num) {
        const xmlNode *id = child(num, "numId");
        list = !(id && attr_is(id, "val", "0"));
    }
    if (child(ppr, "pageBreakBefore"))
        r->next_page = 1;
    const xmlNode *ind = child(ppr, "ind");
    char *left = ind ? attr(ind, "left") : NULL;
    if (!left && ind)
        left = attr(ind, "start");
    para_style(r, left ? atof(left) / 20 : 0, size, heading, list > 0);
    cf_free(left);
    docx_inline(r, p, bold > 0);
    line_end(r);
}

static void docx_block(reader *r, const xmlNode *n)
{
    if (!enter(r))
        return;
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (is(c, "p"))
            docx_para(r, c);
        else if (is(c, "tbl"))
            table(r, c, "tr", "tc", docx_block);
        else if (is(c, "sdt"))
            docx_block(r, child(c, "sdtContent") ? child(c, "sdtContent") : c);
        else if (is(c, "customXml") || is(c, "AlternateContent") || is(c, "Choice") || is(c, "ins") ||
                 is(c, "smartTag"))
            docx_block(r, c);
    }
    r->depth--;
}

/* The parts named prefix*.xml ("word/header"), in the zip's order. */
static void docx_parts(reader *r, const char *prefix, const char *root_name)
{
    zip_int64_t n = zip_get_num_entries(r->z, 0);
    size_t k = strlen(prefix);
    for (zip_int64_t i = 0; i < n && !r->oom && !r->failed; i++) {
        const char *name = zip_get_name(r->z, (zip_uint64_t)i, 0);
        if (!name || strncmp(name, prefix, k) != 0 || strchr(name + k, '/'))
            continue;
        xmlDoc *doc = parse(r, name, 1);
        const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
        if (is(root, root_name))
            docx_block(r, root);
        xmlFreeDoc(doc);
    }
}

/* ---- ODT ------------------------------------------------------------------------ */

static void odt_block(reader *r, const xmlNode *n);

static void odt_boxes(reader *r, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "text-box"))
            odt_block(r, c);
        else if (!is(c, "note") && !is(c, "annotation"))
            odt_boxes(r, c);
    }
}

static int odt_bold(const reader *r, const xmlNode *n, int bold)
{
    char *id = attr(n, "style-name");
    int b = -1;
    style_resolve(r, id, &b, NULL, NULL, NULL);
    cf_free(id);
    return b < 0 ? bold : b;
}

static void odt_inline(reader *r, const xmlNode *n, int bold)
{
    if (!enter(r))
        return;
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                put(r, (const char *)c->content, strlen((const char *)c->content), bold);
        } else if (c->type != XML_ELEMENT_NODE) {
            continue;
        } else if (is(c, "s")) {
            char *v = attr(c, "c");
            long k = v ? strtol(v, NULL, 10) : 1;
            cf_free(v);
            for (long i = 0; i < k && i < 64; i++)
                put(r, " ", 1, bold);
        } else if (is(c, "tab")) {
            put(r, "\t", 1, 0);
        } else if (is(c, "line-break")) {
            line_end(r);
        } else if (is(c, "soft-page-break")) {
            r->next_page = 1;
        } else if (is(c, "page-number") || is(c, "page-count")) {
            r->page_field = 1;
        } else if (is(c, "span") || is(c, "a") || is(c, "ruby") || is(c, "ruby-base") || is(c, "meta") ||
                   is(c, "date") || is(c, "time") || is(c, "author-name") || is(c, "title") ||
                   is(c, "sender-email") || is(c, "sender-phone-work")) {
            odt_inline(r, c, is(c, "span") ? odt_bold(r, c, bold) : bold);
        }
    }
    r->depth--;
}

static void odt_para(reader *r, const xmlNode *p)
{
    odt_boxes(r, p);
    char *id = attr(p, "style-name");
    int bold = -1, heading = -1;
    double size = 0;
    style_resolve(r, id, &bold, &heading, NULL, &size);
    cf_free(id);
    if (is(p, "h")) {
        char *lvl = attr(p, "outline-level");
        int k = lvl ? atoi(lvl) : 1;
        cf_free(lvl);
        heading = k < 1 ? 1 : k > 3 ? 3 : k;
    }
    para_style(r, 0, size, heading, 0);
    odt_inline(r, p, bold > 0);
    line_end(r);
}

static void odt_block(reader *r, const xmlNode *n)
{
    if (!enter(r))
        return;
    for (const xmlNode *c = n->children; c && !r->oom; c = c->next) {
        if (is(c, "p") || is(c, "h")) {
            odt_para(r, c);
        } else if (is(c, "list")) {
            r->in_list++;
            odt_block(r, c);
            r->in_list--;
        } else if (is(c, "table")) {
            table(r, c, "table-row", "table-cell", odt_block);
        } else if (is(c, "soft-page-break")) {
            r->next_page = 1;
        } else if (is(c, "list-item") || is(c, "list-header") || is(c, "section") || is(c, "index-body") ||
                   is(c, "table-of-content") || is(c, "header") || is(c, "footer") || is(c, "header-first") ||
                   is(c, "footer-first")) {
            odt_block(r, c);
        }
    }
    r->depth--;
}

/* The page headers or footers of styles.xml's master pages. */
static void odt_master(reader *r, const xmlNode *styles_root, int header)
{
    const xmlNode *ms = child(styles_root, "master-styles");
    for (const xmlNode *m = ms ? ms->children : NULL; m && !r->oom; m = m->next) {
        if (!is(m, "master-page"))
            continue;
        for (const xmlNode *h = m->children; h && !r->oom; h = h->next)
            if (header ? (is(h, "header") || is(h, "header-first")) : (is(h, "footer") || is(h, "footer-first")))
                odt_block(r, h);
    }
}

/* ---- the document ----------------------------------------------------------------- */

/* Leaves out of L[from, to) the lines whose text is a line of the body,
 * L[body, body_end). */
static void drop_repeats(cf_slines *L, size_t from, size_t to, size_t body, size_t body_end)
{
    for (size_t i = from; i < to; i++)
        for (size_t j = body; j < body_end && L->v[i].text; j++)
            if (L->v[j].text && strcmp(L->v[i].text, L->v[j].text) == 0) {
                cf_free(L->v[i].text);
                L->v[i].text = NULL;
            }
}

static void compact(cf_slines *L)
{
    size_t k = 0;
    for (size_t i = 0; i < L->n; i++)
        if (L->v[i].text)
            L->v[k++] = L->v[i];
    L->n = k;
}

/* The page headers (which 0), the body (1) or the page footers (2). */
typedef void (*part_fn)(reader *r, const xmlNode *ctx, int which);

/* The headers, the body and the footers in this order, the headers' and
 * footers' lines that repeat the body's left out. */
static void read_parts(reader *r, part_fn fn, const xmlNode *ctx)
{
    r->furniture = 1;
    fn(r, ctx, 0);
    size_t body = r->out->n;
    r->furniture = 0;
    fn(r, ctx, 1);
    size_t body_end = r->out->n;
    r->furniture = 1;
    fn(r, ctx, 2);
    drop_repeats(r->out, 0, body, body, body_end);
    drop_repeats(r->out, body_end, r->out->n, body, body_end);
    compact(r->out);
}

static void docx_part(reader *r, const xmlNode *body, int which)
{
    if (which == 1)
        docx_block(r, body);
    else
        docx_parts(r, which ? "word/footer" : "word/header", which ? "ftr" : "hdr");
}

static void read_docx(reader *r)
{
    docx_styles(r);
    xmlDoc *doc = r->failed || r->oom ? NULL : parse(r, "word/document.xml", 1);
    const xmlNode *body = child(doc ? xmlDocGetRootElement(doc) : NULL, "body");
    if (body && !r->failed && !r->oom)
        read_parts(r, docx_part, body);
    xmlFreeDoc(doc);
}

/* ODT's parts: the body is content.xml's text, the headers and footers
 * are styles.xml's master pages (r->styles_root). */
static void odt_part(reader *r, const xmlNode *text, int which)
{
    if (which == 1)
        odt_block(r, text);
    else
        odt_master(r, r->styles_root, which == 0);
}

static void read_odt(reader *r)
{
    xmlDoc *sdoc = parse(r, "styles.xml", 0);
    r->styles_root = sdoc ? xmlDocGetRootElement(sdoc) : NULL;
    odt_styles_in(r, child(r->styles_root, "styles"));
    odt_styles_in(r, child(r->styles_root, "automatic-styles"));
    xmlDoc *doc = r->failed || r->oom ? NULL : parse(r, "content.xml", 1);
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    odt_styles_in(r, child(root, "automatic-styles"));
    const xmlNode *text = child(child(root, "body"), "text");
    if (text && !r->failed && !r->oom)
        read_parts(r, odt_part, text);
    xmlFreeDoc(doc);
    xmlFreeDoc(sdoc);
}

cf_status cf_resume_read_zip(const char *source, cf_doc_kind kind, const char *bytes, size_t len, char **json,
                             size_t *json_len, cf_diags *d)
{
    *json = NULL;
    *json_len = 0;
    reader r;
    memset(&r, 0, sizeof r);
    r.source = source;
    r.d = d;
    r.odt = kind == CF_DOC_ODT;
    r.page = 1;
    cf_slines L = {0};
    r.out = &L;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    r.z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!r.z) {
        if (zip_error_code_zip(&ze) == ZIP_ER_MEMORY)
            r.oom = 1;
        else
            fail(&r, "not a %s document that can be opened: %s", kind_name(&r), zip_error_strerror(&ze));
        zip_source_free(src);
    } else if (zip_get_num_entries(r.z, 0) > MAX_ENTRIES) {
        fail(&r, "a zip of %lld entries: more than a %s document holds (%d at most): not read",
             (long long)zip_get_num_entries(r.z, 0), kind_name(&r), MAX_ENTRIES);
    } else if (r.odt) {
        read_odt(&r);
    } else {
        read_docx(&r);
    }
    zip_error_fini(&ze);
    if (r.z)
        zip_discard(r.z);
    styles_free(&r);
    cf_buf_free(&r.text);
    cf_buf_free(&r.bold);
    if (L.oom)
        r.oom = 1;
    cf_status st = r.oom || d->oom ? CF_ESYSTEM : r.failed ? CF_EINPUT : CF_OK;
    if (!st && !L.n) {
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "empty", "no text in this %s document", kind_name(&r));
        st = d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    if (st) {
        cf_slines_free(&L);
        return st;
    }
    return cf_resume_lines(source, kind, &L, json, json_len, d);
}
