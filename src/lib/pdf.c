/* PDF resumes: the XML that poppler-utils' pdftohtml (-xml -i) writes of a
 * PDF, positioned pieces of text with their font, read with libxml2 (no
 * network, no DTD, no entities expanded) into styled lines: pieces on one
 * baseline make a line, pieces closer than a character's width are one
 * piece, and the sectioner does the rest.  The program itself is run by
 * the front end: the library reads buffers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "lines.h"
#include "xml.h"

typedef struct item {
    unsigned page, row;
    double top, left, width, height, size;
    int bold, italic;
    char *text;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
    int oom;
} items;

static double attr_num(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double d = v ? strtod((const char *)v, NULL) : 0;
    xmlFree(v);
    return d;
}

/* The text of a piece, its bold and italic characters counted; ligatures
 * (U+FB00..U+FB04), which PDF fonts use for "fi", spelt out. */
static void gather(xmlNode *n, cf_buf *b, int bold, int italic, size_t *nbold, size_t *nitalic)
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl"};
    for (xmlNode *c = n; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            const unsigned char *s = c->content;
            for (size_t i = 0; s[i];) {
                if (s[i] == 0xEF && s[i + 1] == 0xAC && s[i + 2] >= 0x80 && s[i + 2] <= 0x84) {
                    cf_buf_puts(b, lig[s[i + 2] - 0x80]);
                    i += 3;
                    continue;
                }
                size_t k = i;
                while (s[k] && s[k] != 0xEF)
                    k++;
                if (k == i)
                    k++;
                cf_buf_add(b, (const char *)s + i, k - i);
                for (size_t j = i; j < k; j++)
                    if (s[j] != ' ') {
                        *nbold += bold;
                        *nitalic += italic;
                    }
                i = k;
            }
        } else if (c->type == XML_ELEMENT_NODE) {
            int b2 = bold || xmlStrcmp(c->name, (const xmlChar *)"b") == 0;
            int i2 = italic || xmlStrcmp(c->name, (const xmlChar *)"i") == 0;
            gather(c->children, b, b2, i2, nbold, nitalic);
        }
    }
}

static size_t letters(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s != ' ';
    return n;
}

static void add_item(items *it, unsigned page, xmlNode *t, const double *sizes, size_t nsizes)
{
    cf_buf b = {0};
    size_t nb = 0, ni = 0;
    gather(t->children, &b, 0, 0, &nb, &ni);
    if (b.oom) {
        it->oom = 1;
        cf_buf_free(&b);
        return;
    }
    if (!b.s || !letters(b.s)) {
        cf_buf_free(&b);
        return;
    }
    item *v = cf_grow(it->v, &it->cap, it->n + 1, sizeof *v);
    if (!v) {
        it->oom = 1;
        cf_buf_free(&b);
        return;
    }
    it->v = v;
    item *e = &v[it->n++];
    size_t n = letters(b.s);
    long font = (long)attr_num(t, "font");
    e->page = page;
    e->top = attr_num(t, "top");
    e->left = attr_num(t, "left");
    e->width = attr_num(t, "width");
    e->height = attr_num(t, "height");
    e->row = 0;
    e->size = font >= 0 && (size_t)font < nsizes ? sizes[font] : attr_num(t, "height");
    e->bold = nb == n;
    e->italic = ni == n;
    e->text = b.s;
    cf_unspace(e->text);
}

/* Reading order, in two steps, each a strict order: by page and top; then,
 * rows found, by page, row and left. */
static int top_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->top != y->top)
        return x->top < y->top ? -1 : 1;
    return (x->left > y->left) - (x->left < y->left);
}

static int row_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return (x->left > y->left) - (x->left < y->left);
}

/* The items as styled lines. */
static int to_lines(items *it, cf_slines *L)
{
    /* rows: an item is on the row of the first of the row before when
     * their heights overlap by half the smaller one at least (so that a
     * small-caps word, whose first letter stands higher, is one row) */
    qsort(it->v, it->n, sizeof *it->v, top_cmp);
    unsigned row = 0;
    double row_top = 0, row_bottom = 0;
    for (size_t i = 0; i < it->n; i++) {
        item *e = &it->v[i];
        double h = e->height > 0 ? e->height : e->size, bottom = e->top + h;
        double lo = e->top > row_top ? e->top : row_top, hi = bottom < row_bottom ? bottom : row_bottom;
        double least = h < row_bottom - row_top ? h : row_bottom - row_top;
        if (!i || e->page != it->v[i - 1].page || hi - lo < least / 2) {
            row++;   /* measured against the row's first item, never grown */
            row_top = e->top;
            row_bottom = bottom;
        }
        e->row = row;
    }
    qsort(it->v, it->n, sizeof *it->v, row_cmp);
    unsigned line = 0, page = 0, last_row = 0;
    int next_list = 0;   /* the piece before was a bullet alone */
    for (size_t i = 0; i < it->n;) {
        item *e = &it->v[i];
        if (e->page != page) {
            page = e->page;
            line = 0;
        }
        if (!line || e->row != last_row) {
            line++;
            last_row = e->row;
        }
        /* the pieces of the row that touch, as one */
        cf_buf t = {0};
        cf_buf_puts(&t, e->text);
        double right = e->left + e->width;
        int bold = e->bold, italic = e->italic;
        size_t j = i + 1;
        while (j < it->n && it->v[j].row == e->row && it->v[j].left - right < e->size * 0.9 &&
               it->v[j].left - right > -e->size) {
            if (it->v[j].left - right > e->size * 0.15 && t.len && t.s[t.len - 1] != ' ' && it->v[j].text[0] != ' ')
                cf_buf_putc(&t, ' ');
            cf_buf_puts(&t, it->v[j].text);
            right = it->v[j].left + it->v[j].width;
            bold &= it->v[j].bold;
            italic &= it->v[j].italic;
            j++;
        }
        if (t.oom) {
            cf_buf_free(&t);
            return -1;
        }
        cf_sline proto;
        memset(&proto, 0, sizeof proto);
        proto.page = page;
        proto.line = line;
        proto.x = e->left;
        proto.w = right - e->left;
        proto.size = e->size;
        proto.bold = (unsigned char)bold;
        proto.italic = (unsigned char)italic;
        size_t start = 0, blen = cf_bullet(t.s, t.len);
        if (blen) {
            proto.list = 1;
            start = blen;
        }
        /* a bullet drawn apart from its text: the next piece of the row is
         * a list item */
        char mark[8];
        int alone = t.len < 4 && j < it->n && it->v[j].row == e->row;
        if (alone) {
            snprintf(mark, sizeof mark, "%s x", t.s);
            alone = cf_bullet(mark, strlen(mark)) == t.len + 1;
        }
        if (alone) {
            cf_buf_free(&t);
            next_list = 1;
            i = j;
            continue;
        }
        proto.list |= (unsigned char)next_list;
        next_list = 0;
        /* a piece's column: the next after the last of its line */
        proto.col = L->n && L->v[L->n - 1].page == page && L->v[L->n - 1].line == line ? L->v[L->n - 1].col + 1 : 1;
        int r = cf_slines_add(L, &proto, t.s + start, t.len - start);
        cf_buf_free(&t);
        if (r)
            return -1;
        i = j;
    }
    return 0;
}

cf_status cf_resume_read_pdf(const char *source, const char *xml, size_t len, char **json, size_t *json_len,
                             cf_diags *d)
{
    *json = NULL;
    *json_len = 0;
    if (len > INT32_MAX) {
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "the PDF's text is too large to read");
        return d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    cf_xml_error e;
    xmlDoc *doc = cf_xml_read(xml, len, "pdf.xml", XML_PARSE_NOCDATA, &e);
    if (!doc && e.oom)
        return CF_ESYSTEM;
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root || xmlStrcmp(root->name, (const xmlChar *)"pdf2xml") != 0) {
        xmlFreeDoc(doc);
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "the PDF's text could not be read (pdftohtml's output "
                    "is not what it should be)");
        return d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    items it = {0};
    unsigned pages = 0;
    for (xmlNode *p = root->children; p && !it.oom; p = p->next) {
        if (p->type != XML_ELEMENT_NODE || xmlStrcmp(p->name, (const xmlChar *)"page") != 0)
            continue;
        pages++;
        double *sizes = NULL;
        size_t nsizes = 0, capsizes = 0;
        for (xmlNode *t = p->children; t && !it.oom; t = t->next) {
            if (t->type != XML_ELEMENT_NODE)
                continue;
            if (xmlStrcmp(t->name, (const xmlChar *)"fontspec") == 0) {
                long id = (long)attr_num(t, "id");
                if (id >= 0 && id < 4096) {
                    double *v = cf_grow(sizes, &capsizes, (size_t)id + 1, sizeof *v);
                    if (!v) {
                        it.oom = 1;
                        break;
                    }
                    sizes = v;
                    while (nsizes <= (size_t)id)
                        sizes[nsizes++] = 0;
                    sizes[id] = attr_num(t, "size");
                }
            } else if (xmlStrcmp(t->name, (const xmlChar *)"text") == 0) {
                add_item(&it, pages, t, sizes, nsizes);
            }
        }
        cf_free(sizes);
    }
    xmlFreeDoc(doc);
    cf_status st = it.oom ? CF_ESYSTEM : CF_OK;
    if (!st && !it.n) {
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "scanned",
                    "no text in this PDF: it looks scanned; run OCR first, for example ocrmypdf");
        st = d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    cf_slines L = {0};
    if (!st && to_lines(&it, &L))
        st = CF_ESYSTEM;
    if (!st)
        cf_slines_columns(&L);
    for (size_t i = 0; i < it.n; i++)
        cf_free(it.v[i].text);
    cf_free(it.v);
    if (st) {
        cf_slines_free(&L);
        return st;
    }
    return cf_resume_lines(source, CF_DOC_PDF, &L, json, json_len, d);
}
