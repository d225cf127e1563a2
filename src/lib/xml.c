/* Reading XML with libxml2 for the resume readers (xml.h). */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>
#include "xml.h"

/* The text not yet handed over. */
typedef struct mem_input {
    const char *p;
    size_t left;
} mem_input;

static int mem_read(void *ctx, char *out, int len)
{
    mem_input *in = ctx;
    size_t n = len > 0 ? (size_t)len : 0;
    if (n > in->left)
        n = in->left;
    memcpy(out, in->p, n);
    in->p += n;
    in->left -= n;
    return (int)n;
}

static int mem_close(void *ctx)
{
    (void)ctx;
    return 0;
}

xmlDoc *cf_xml_read(const char *buf, size_t len, const char *name, int options, cf_xml_error *err)
{
    memset(err, 0, sizeof *err);
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    mem_input in = {buf, len};
    xmlDoc *doc = ctxt ? xmlCtxtReadIO(ctxt, mem_read, mem_close, &in, name, NULL,
                                       options | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)
                       : NULL;
    if (!doc) {
        const xmlError *e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
        if (!e || e->code == XML_ERR_NO_MEMORY) {
            err->oom = 1;
        } else {
            snprintf(err->message, sizeof err->message, "%s", e->message ? e->message : "not well-formed");
            size_t k = strlen(err->message);
            while (k && (err->message[k - 1] == '\n' || err->message[k - 1] == ' '))
                err->message[--k] = '\0';
            err->line = e->line;
        }
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}
