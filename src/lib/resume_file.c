/* Resume files: what a file holds, by its bytes, and the reader of each
 * kind (lines.c: plain text and Markdown; docx.c: DOCX and ODT; pdf.c:
 * PDF, from pdftohtml's XML), whose styled lines the
 * sectioner (sections.c) turns into a JSON Resume. */
#include <string.h>
#include "lines.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if ((s[n - k + i] | 0x20) != (suffix[i] | 0x20))
            return 0;
    return 1;
}

static int starts(const char *b, size_t n, const char *sig, size_t k)
{
    return n >= k && memcmp(b, sig, k) == 0;
}

static int markdown_lines(const char *b, size_t n)
{
    for (size_t i = 0; i + 2 < n; i++)
        if ((i == 0 || b[i - 1] == '\n') && b[i] == '#' && (b[i + 1] == ' ' || (b[i + 1] == '#' && b[i + 2] == ' ')))
            return 1;
    return 0;
}

cf_doc_kind cf_doc_detect(const char *name, const char *bytes, size_t len)
{
    const char *b = bytes;
    size_t n = len;
    if (starts(b, n, "%PDF-", 5))
        return CF_DOC_PDF;
    if (starts(b, n, "PK\x03\x04", 4)) {
        /* the entries' names are in the clear, in the local headers and
         * the central directory */
        if (cf_holds(b, n, "mimetypeapplication/vnd.oasis.opendocument.text"))
            return CF_DOC_ODT;
        if (cf_holds(b, n, "word/document.xml") || cf_holds(b, n, "[Content_Types].xml"))
            return CF_DOC_DOCX;
        return CF_DOC_OTHER;
    }
    if (starts(b, n, "{\\rtf", 5))
        return CF_DOC_RTF;
    if (starts(b, n, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return CF_DOC_WORD97;
    if (starts(b, n, "\x89PNG", 4) || starts(b, n, "\xFF\xD8\xFF", 3) || starts(b, n, "GIF8", 4) ||
        starts(b, n, "II*\0", 4) || starts(b, n, "MM\0*", 4))
        return CF_DOC_IMAGE;
    if (!name || strcmp(name, "-") == 0 || ends_with(name, ".json") || ends_with(name, ".jsonl") ||
        ends_with(name, ".ndjson"))
        return CF_DOC_JSON;
    int utf16 = starts(b, n, "\xFF\xFE", 2) || starts(b, n, "\xFE\xFF", 2);
    size_t i = starts(b, n, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    if (!utf16 && (i == n || b[i] == '{' || b[i] == '['))
        return CF_DOC_JSON;   /* empty, or JSON: its errors are JSON's */
    if (!utf16 && memchr(b, '\0', n))
        return CF_DOC_OTHER;
    if (ends_with(name, ".md") || ends_with(name, ".markdown") || (!utf16 && markdown_lines(b, n)))
        return CF_DOC_MARKDOWN;
    return CF_DOC_TEXT;
}

const char *cf_doc_name(cf_doc_kind kind)
{
    static const char *const names[] = {"JSON", "plain text", "Markdown", "PDF", "Word (DOCX)",
                                        "OpenDocument text (ODT)", "RTF", "Word 97-2003 (DOC)", "image",
                                        "binary file"};
    return (unsigned)kind < sizeof names / sizeof names[0] ? names[kind] : "file";
}

/* Why a kind that has no reader in process is not read, and how to make it
 * one that is. */
static void not_read(cf_diags *d, const char *source, cf_doc_kind kind)
{
    switch (kind) {
    case CF_DOC_PDF:
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "a PDF is read from pdftohtml's XML "
                    "(cf_resume_read_pdf)");
        break;
    case CF_DOC_RTF:
    case CF_DOC_WORD97:
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "%s is a format coderfit does not read: convert it "
                    "first (soffice --headless --convert-to docx FILE), then read the .docx", cf_doc_name(kind));
        break;
    case CF_DOC_IMAGE:
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "an image has no text to read: run OCR first (for "
                    "example ocrmypdf or tesseract)");
        break;
    default:
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "not JSON, and not a resume that coderfit reads (PDF, "
                    "Word (DOCX), OpenDocument text (ODT), plain text or Markdown)");
        break;
    }
}

/* The kind a file's name promises, when its extension names a document. */
static int named_kind(const char *name, cf_doc_kind *kind)
{
    static const struct {
        const char *ext;
        cf_doc_kind kind;
    } exts[] = {{".pdf", CF_DOC_PDF},  {".docx", CF_DOC_DOCX}, {".odt", CF_DOC_ODT},
                {".rtf", CF_DOC_RTF},  {".doc", CF_DOC_WORD97}};
    for (size_t i = 0; name && i < sizeof exts / sizeof exts[0]; i++)
        if (ends_with(name, exts[i].ext)) {
            *kind = exts[i].kind;
            return 1;
        }
    return 0;
}

cf_status cf_resume_read(const char *source, cf_doc_kind kind, const char *bytes, size_t len, char **json,
                         size_t *json_len, cf_diags *d)
{
    *json = NULL;
    *json_len = 0;
    cf_doc_kind named;
    if ((kind == CF_DOC_TEXT || kind == CF_DOC_MARKDOWN || kind == CF_DOC_OTHER) && named_kind(source, &named)) {
        cf_diag_add(d, source, 0, 0, CF_SEV_ERROR, "format", "the name says %s, but the bytes are %s: not read",
                    cf_doc_name(named), kind == CF_DOC_OTHER ? "not a document that coderfit knows" : "plain text");
        return d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    if (kind == CF_DOC_DOCX || kind == CF_DOC_ODT)
        return cf_resume_read_zip(source, kind, bytes, len, json, json_len, d);
    if (kind != CF_DOC_TEXT && kind != CF_DOC_MARKDOWN) {
        not_read(d, source, kind);
        return d->oom ? CF_ESYSTEM : CF_EINPUT;
    }
    cf_slines L = {0};
    if (cf_lines_from_text(bytes, len, kind == CF_DOC_MARKDOWN, &L)) {
        cf_slines_free(&L);
        return CF_ESYSTEM;
    }
    cf_slines_columns(&L);
    return cf_resume_lines(source, kind, &L, json, json_len, d);
}

cf_status cf_resume_lines(const char *source, cf_doc_kind kind, cf_slines *L, char **json, size_t *json_len,
                          cf_diags *d)
{
    int found = 0;
    cf_status st = cf_resume_from_lines(source, kind, L, json, json_len, d, &found);
    if (!st && !(found & 7))
        cf_diag_add(d, source, 0, 0, CF_SEV_WARNING, "nothing-found",
                    "no work history, education or credential found in this %s resume: it is scored on what "
                    "little was read", cf_doc_name(kind));
    cf_slines_free(L);
    if (!st && d->oom) {
        cf_free(*json);
        *json = NULL;
        st = CF_ESYSTEM;
    }
    return st;
}
