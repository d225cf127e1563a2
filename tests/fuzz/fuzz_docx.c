/* libFuzzer target: the Word (DOCX) and OpenDocument (ODT) reader, through
 * the sectioner to a profile.  The first byte says what the rest is: 0, a
 * whole file as it came (zip and all); 1, word/document.xml, zipped here
 * into a DOCX; 2, content.xml, zipped here into an ODT; 3, a DOCX's page
 * header (word/header1.xml) with a fixed body.  Zipping here lets the
 * mutations reach the XML, which a mutated zip's checksums would stop. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "coderfit.h"
#include "fuzz.h"


/* A zip of the entries name[i] = text[i] (i < n), in a malloc'd buffer. */
static char *zip_of(const char *const *name, const void *const *text, const size_t *len, int n, size_t *out)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    char *buf = NULL;
    if (!z) {
        zip_source_free(src);
        zip_error_fini(&ze);
        return NULL;
    }
    zip_source_keep(src);
    for (int i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(z, text[i], len[i], 0);
        if (!s || zip_file_add(z, name[i], s, ZIP_FL_OVERWRITE) < 0)
            zip_source_free(s);
    }
    zip_stat_t st;
    if (zip_close(z) == 0 && zip_source_open(src) == 0) {
        zip_stat_init(&st);
        if (zip_source_stat(src, &st) == 0 && (buf = malloc(st.size + 1)) &&
            zip_source_read(src, buf, st.size) != (zip_int64_t)st.size) {
            free(buf);
            buf = NULL;
        }
        *out = buf ? st.size : 0;
        zip_source_close(src);
    } else {
        zip_discard(z);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const char body[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                               "<w:body><w:p><w:r><w:t>EXPERIENCE</w:t></w:r></w:p></w:body></w:document>";
    const char *mime = "application/vnd.oasis.opendocument.text";
    const char *name[3];
    const void *text[3];
    size_t len[3], n = 0;
    char *file = NULL;
    const char *bytes = (const char *)data + 1, *source = "fuzz.docx";
    size_t blen = size - 1;
    switch (data[0] % 4) {
    case 1:
        name[0] = "word/document.xml", text[0] = bytes, len[0] = blen;
        file = zip_of(name, text, len, 1, &n);
        break;
    case 2:
        name[0] = "mimetype", text[0] = mime, len[0] = strlen(mime);
        name[1] = "content.xml", text[1] = bytes, len[1] = blen;
        file = zip_of(name, text, len, 2, &n);
        source = "fuzz.odt";
        break;
    case 3:
        name[0] = "word/document.xml", text[0] = body, len[0] = sizeof body - 1;
        name[1] = "word/header1.xml", text[1] = bytes, len[1] = blen;
        file = zip_of(name, text, len, 2, &n);
        break;
    default:
        break;
    }
    if (data[0] % 4 && !file)
        return 0;
    if (file) {
        bytes = file;
        blen = n;
    }
    cf_diags d = {0};
    char *json = NULL;
    size_t jlen = 0;
    cf_doc_kind kind = cf_doc_detect(source, bytes, blen);
    if (cf_resume_read(source, kind, bytes, blen, &json, &jlen, &d) == CF_OK) {
        cf_day as_of;
        cf_date_parse_day("2026-11-26", &as_of);
        cf_profile *p = NULL;
        cf_diags d2 = {0};
        if (cf_profile_parse(source, json, jlen, 1, as_of, &p, &d2) == CF_OK) {
            char *s = NULL;
            size_t sl;
            if (cf_profile_resume_json(p, 1, &s, &sl) == CF_OK)
                free(s);
        }
        cf_profile_free(p);
        cf_diags_clear(&d2);
    }
    cf_free(json);
    cf_diags_clear(&d);
    free(file);
    return 0;
}
