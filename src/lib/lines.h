/* Styled lines: the one model between a resume file's format and its
 * meaning.  Each reader (plain text and Markdown in lines.c, PDF in pdf.c,
 * DOCX and ODT in docx.c) gives lines with where they are and how they
 * look; the sectioner (sections.c) reads only lines. */
#ifndef CF_LINES_H
#define CF_LINES_H

#include "internal.h"

typedef struct cf_sline {
    char *text;               /* UTF-8, trimmed; never empty */
    unsigned page, line;      /* where: page (1-based) and line on the page */
    unsigned col;             /* a piece of a line: its column, 1-based (a
                                 gap of three spaces or more, or a table
                                 cell, starts the next) */
    double x, w, size;        /* left edge, width and font size: points in a
                                 PDF, characters in plain text (0: not known) */
    unsigned char region;     /* 0: across the page; 1, 2: the left and the
                                 right column of a page set in two columns
                                 (cf_slines_columns) */
    unsigned char bold;       /* the whole piece is bold */
    unsigned char list;       /* a list item (its bullet taken off) */
    unsigned char heading;    /* a heading by style: 1 to 3 (0: none) */
    unsigned char italic;
} cf_sline;

typedef struct cf_slines {
    cf_sline *v;
    size_t n, cap;
    int oom;
} cf_slines;

/* Adds a piece of text[0..len) (trimmed; nothing when empty) with the
 * style of proto; -1 when out of memory. */
int cf_slines_add(cf_slines *L, const cf_sline *proto, const char *text, size_t len);
/* Adds a line s[0..n), split into pieces at a tab or a gap of three spaces
 * or more (a right-aligned date), each the next column after proto->col
 * and put back together when its letters are spaced out (cf_unspace);
 * with bold (one flag a byte of s), a piece is bold when all its letters
 * are.  -1 when out of memory. */
int cf_slines_add_split(cf_slines *L, cf_sline *proto, const char *s, size_t n, const unsigned char *bold);
void cf_slines_free(cf_slines *L);
/* A heading set with its letters spaced out ("P R O F I L E", "C E R T I F
 * I C AT I O N S") put back together in place; any other text is left as
 * it is. */
void cf_unspace(char *s);
/* The length of a bullet ("-", "*", "\u2022", ...) at s[0..n) with the
 * spaces after it, or 0. */
size_t cf_bullet(const char *s, size_t n);

/* Finds the pages set in two columns (a sidebar and a main column: no
 * piece below the page's top band crosses the gutter, each side holds five
 * pieces or more, and at least half the right side's pieces are running
 * text or have nothing on their left, which tells two columns from one
 * with its dates flushed right) and puts each such page in reading order: the band, the left
 * column, then the right, each piece's region set.  The pieces need their
 * x and w. */
void cf_slines_columns(cf_slines *L);

/* Plain text (UTF-8; UTF-16 with a byte order mark; else Windows-1252) or
 * Markdown as lines: one line of the file each, split into pieces at gaps
 * of three spaces or more (a right-aligned date); bullets ("-", "*", "•")
 * taken off as list items; in Markdown, "#" headings, "**bold**" lines and
 * "*italic*" lines.  0, or -1 when out of memory. */
int cf_lines_from_text(const char *bytes, size_t len, int markdown, cf_slines *L);

/* The lines of a resume of a kind as a JSON Resume (cf_free *json): the
 * top block, sections and their entries (sections.c), and in
 * meta.coderfit what it was read from ("read": format and pages) and
 * where each value was read ("places": "work[0].highlights[1]": "1:14",
 * page and line).  *found: 1 work, 2 education, 4 credentials found
 * (or'd).  Lines no section takes are a warning in d, at the first one's
 * page (as the line) and line (as the column).  CF_OK or CF_ESYSTEM. */
cf_status cf_resume_from_lines(const char *source, cf_doc_kind kind, cf_slines *L, char **json, size_t *len,
                               cf_diags *d, int *found);

/* A Word (DOCX) or OpenDocument text (ODT) resume, bytes[0..len), as its
 * JSON Resume (docx.c).  A file that cannot be read (not a zip, a part
 * missing, not well-formed, a DTD, a zip bomb, too many entries, no text)
 * is CF_EINPUT, said in d; else as cf_resume_lines. */
cf_status cf_resume_read_zip(const char *source, cf_doc_kind kind, const char *bytes, size_t len, char **json,
                             size_t *json_len, cf_diags *d);

/* The lines of a resume of a kind as its JSON Resume (cf_resume_from_lines),
 * a file with no work, education or credential found said in d; L freed.
 * CF_OK or CF_ESYSTEM. */
cf_status cf_resume_lines(const char *source, cf_doc_kind kind, cf_slines *L, char **json, size_t *json_len,
                          cf_diags *d);

#endif
