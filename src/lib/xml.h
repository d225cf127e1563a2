/* XML that the resume readers parse (pdftohtml's output, the parts of a
 * DOCX or ODT), read with libxml2 the one way (xml.c). */
#ifndef CF_XML_H
#define CF_XML_H

#include <stddef.h>
#include <libxml/tree.h>

typedef struct cf_xml_error {
    int oom;                  /* memory ran out */
    int line;                 /* else where the text stopped being XML */
    char message[200];        /* and libxml2's words, trimmed */
} cf_xml_error;

/* buf[0..len) parsed (xmlFreeDoc), with no network, no DTD loaded and no
 * entity substituted, or NULL with *err set.  The text is handed to
 * libxml2 a piece at a time: xmlReadMemory's copy of it leaks its buffer
 * when memory runs out (libxml2 2.9). */
xmlDoc *cf_xml_read(const char *buf, size_t len, const char *name, int options, cf_xml_error *err);

#endif
