/* Declarations shared inside the library; not part of the public API. */
#ifndef CF_INTERNAL_H
#define CF_INTERNAL_H

#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "coderfit.h"

#define CF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Whether p lies in this thread's arena: a tree there needs no walk to be
 * freed, the arena's reset takes it all. */
int cf_arena_owns(const void *p);

/* obj[key] for an object (NULL otherwise): the first member with that
 * key.  Like cJSON_GetObjectItemCaseSensitive, but it compares the first
 * two bytes before calling strcmp, which the engine's lookups do millions
 * of times (the model's keys often share a first letter: start, summary,
 * setting). */
static inline cJSON *cf_get(const cJSON *obj, const char *key)
{
    if (!obj || !(obj->type & cJSON_Object))
        return NULL;
    for (cJSON *c = obj->child; c; c = c->next)
        if (c->string && c->string[0] == key[0] &&
            (!key[0] || (c->string[1] == key[1] && (!key[1] || strcmp(c->string + 2, key + 2) == 0))))
            return c;
    return NULL;
}

/* The string at key of an object, or NULL. */
static inline const char *cf_get_str(const cJSON *obj, const char *key)
{
    const cJSON *v = cf_get(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Frees a cJSON tree, unless the arena will. */
void cf_json_delete(cJSON *v);

/* ---- growable string --------------------------------------------------
 * Appending never fails loudly: an allocation failure sets oom and later
 * appends do nothing, so a writer checks once at the end. */
typedef struct cf_buf {
    char *s;
    size_t len, cap;
    int oom;
} cf_buf;

void cf_buf_add(cf_buf *b, const char *s, size_t n);
void cf_buf_puts(cf_buf *b, const char *s);
void cf_buf_putc(cf_buf *b, char c);
void cf_buf_printf(cf_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cf_buf_vprintf(cf_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Appends s as a JSON string literal (quotes included). */
void cf_buf_json_str(cf_buf *b, const char *s);
/* Appends a number with at most `decimals` decimals, trailing zeros cut. */
void cf_buf_num(cf_buf *b, double v, int decimals);
/* An unsigned integer, and a non-negative number of tenths as "83.2";
 * without printf (a batch writes millions). */
void cf_buf_uint(cf_buf *b, unsigned long v);
void cf_buf_tenths(cf_buf *b, int v10);
/* A phone number as one CSV field: as cf_buf_csv writes it, except that a
 * number written with a leading + or - starts with an invisible word joiner
 * instead of a visible '. */
void cf_buf_csv_phone(cf_buf *b, const char *s);
/* Appends text wrapped to width columns, each line indented by indent
 * spaces, with a final newline. */
void cf_buf_wrap(cf_buf *b, const char *text, int indent, int width);
/* Frees tmp, a buffer whose text went into b: b takes its out-of-memory. */
void cf_buf_drop(cf_buf *b, cf_buf *tmp);
/* Appends s escaped for HTML text and attributes (& < > " '). */
void cf_buf_html(cf_buf *b, const char *s);
/* Appends s escaped for XML 1.0 text and attributes: as cf_buf_html, line
 * ends and tabs as character references, other control characters as ?. */
void cf_buf_xml(cf_buf *b, const char *s);
/* Appends s escaped for Markdown text: HTML's < > & as entities, Markdown's
 * punctuation with a backslash, line ends as spaces. */
void cf_buf_md(cf_buf *b, const char *s);
/* Appends s as a CSV field (RFC 4180): quoted, quotes doubled, when it
 * holds a comma, a quote or a line end; after a ' when it starts like a
 * spreadsheet formula (cf_csv_formula_like). */
void cf_buf_csv(cf_buf *b, const char *s);
/* The same, quoted whatever it holds when always is set. */
void cf_buf_csv_field(cf_buf *b, const char *s, int always);
/* Whether what starts at s[0..n) may be shown on a terminal (not a C0 or
 * C1 control, a bidirectional control, or a byte that is not UTF-8); its
 * length in *len either way. */
int cf_shown_len(const char *s, size_t n, size_t *len);
/* Appends s[0..n) as text for a terminal (cf_text_shown). */
void cf_buf_shown(cf_buf *b, const char *s, size_t n);
void cf_buf_shown_str(cf_buf *b, const char *s);
/* s as the value of a GitHub workflow command (a property when property). */
void cf_buf_gh(cf_buf *b, const char *s, int property);
/* Appends s padded (or cut, on a character boundary) to width columns,
 * counting each UTF-8 character as one column. */
void cf_buf_pad(cf_buf *b, const char *s, int width);
/* The columns of s on a terminal, counting each UTF-8 character as one. */
int cf_text_cols(const char *s);
/* Hands the string to the caller: CF_OK, or CF_ESYSTEM (buffer freed). */
cf_status cf_buf_finish(cf_buf *b, char **out, size_t *len);
void cf_buf_free(cf_buf *b);

/* ---- JSON writer ---------------------------------------------------------
 * Keys are NULL inside arrays.  Numbers are written with at most `decimals`
 * decimals. */
typedef struct cf_jw {
    cf_buf *b;
    int pretty;
    int depth;
    int count[32];            /* members written at each depth */
} cf_jw;

void cf_jw_open(cf_jw *w, const char *key, char c);   /* c is '{' or '[' */
void cf_jw_close(cf_jw *w, char c);
void cf_jw_str(cf_jw *w, const char *key, const char *v);   /* NULL: null */
void cf_jw_num(cf_jw *w, const char *key, double v, int decimals);
void cf_jw_bool(cf_jw *w, const char *key, int v);
/* Writes the separator and key before a raw value the caller appends. */
void cf_jw_sep(cf_jw *w, const char *key);

/* ---- positions --------------------------------------------------------- */
/* Orders positions: by file, then line, then column. */
int cf_position_cmp(const char *fa, unsigned la, unsigned ca, const char *fb, unsigned lb, unsigned cb);

/* Line and column (1-based, bytes) of text[off], counting from first_line. */
void cf_text_position(const char *text, size_t off, unsigned first_line,
                      unsigned *line, unsigned *col);

/* ---- JSON ---------------------------------------------------------------
 * A strict RFC 8259 check (cJSON is lenient about numbers, control
 * characters and trailing content) that also reports positions, then
 * cJSON's parse.  The JSON path of a value found to be wrong after parsing is
 * mapped back to a position with cf_json_locate. */
typedef struct cf_json_path {
    const char *key[64];  /* key, or NULL for an array index */
    int index[64];
    int depth;
} cf_json_path;

/* Warnings of a profile: fields left out of scoring, each with the path of
 * the field in the input and its position.  Past CF_MAX_WARNINGS they are
 * only counted (locating each costs a walk of the text). */
typedef struct cf_warning {
    char *field;              /* "work[0].startDate" */
    unsigned line, col;
    const char *rule;         /* static */
    char *message;
    size_t named;             /* field's last bytes: a key the profile made up */
} cf_warning;

typedef struct cf_warnings {
    cf_warning *v;
    size_t n, cap;
    unsigned long more;       /* past CF_MAX_WARNINGS, counted only */
} cf_warnings;

#define CF_MAX_WARNINGS 50

void cf_warnings_free(cf_warnings *w);
/* A deep copy; -1 when out of memory (dst is then left empty). */
int cf_warnings_copy(cf_warnings *dst, const cf_warnings *src);

/* A cursor over a parsed document that turns a problem at the current
 * path into a positioned diagnostic: an error, or a warning (also kept in
 * warn, when set). */
typedef struct cf_jctx {
    const char *source, *text;
    size_t len;
    unsigned first_line;
    cf_diags *d;
    cf_json_path path;
    int errors;
    cf_warnings *warn;
    int oom;
} cf_jctx;

void cf_jctx_push_key(cf_jctx *c, const char *key);
void cf_jctx_push_index(cf_jctx *c, int i);
void cf_jctx_pop(cf_jctx *c);
/* The dotted path of the cursor ("education[1].level") in buf. */
const char *cf_jctx_path(const cf_jctx *c, char *buf, size_t size);
void cf_jctx_error(cf_jctx *c, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A field that cannot be used: a warning at the cursor's path; the caller
 * leaves the field out. */
void cf_jctx_warn(cf_jctx *c, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Byte classes for JSON strings: CF_JC_ESCAPE, a byte written escaped
 * (quote, backslash, control character); CF_JC_SCAN, a byte the strict
 * reader must look at (those, and any byte of multi-byte UTF-8). */
#define CF_JC_ESCAPE 1
#define CF_JC_SCAN 2
extern const unsigned char cf_json_chars[256];

/* Parses exactly one JSON value in text[0..len) (surrounding whitespace and a
 * leading BOM allowed).  On error adds a diagnostic and returns NULL; *oom is
 * set when the failure was an allocation. */
cJSON *cf_json_parse(const char *file, const char *text, size_t len,
                     unsigned first_line, cf_diags *d, int *oom);
/* Offset of the value at path within text, or of the nearest enclosing value
 * that exists. */
size_t cf_json_locate(const char *text, size_t len, const cf_json_path *path);
/* Whether a text (a table or records) is JSON: past a BOM and white space
 * it opens an array or an object. */
int cf_json_opens(const char *text, size_t len);
/* The offsets of the top-level array's elements, or object's keys, of valid
 * text, the first max of them, in one walk; returns how many there are. */
size_t cf_json_members(const char *text, size_t len, size_t *off, size_t max);
/* Duplicate keys anywhere in the tree: every occurrence of a key but the
 * last is removed (the last value wins, as in JavaScript and Python), and
 * fn is called with the path of the last occurrence and how many there
 * were.  Returns 0, or -1 when out of memory. */
typedef void (*cf_dup_fn)(void *ctx, const cf_json_path *at, int count);
int cf_json_dedupe(cJSON *root, cf_dup_fn fn, void *ctx);

/* ---- dates ----------------------------------------------------------------
 * A profile date: YYYY, YYYY-MM or YYYY-MM-DD.  first/last are the first and
 * last day of the period it names. */
typedef struct cf_date {
    cf_day first, last;
    int precision;        /* 1 year, 2 month, 3 day */
} cf_date;

/* The date forms of the native model only: YYYY, YYYY-MM, YYYY-MM-DD. */
int cf_date_parse(const char *s, cf_date *out);
/* Why s, written as an ISO date (YYYY, YYYY-MM, YYYY-MM-DD), is not one
 * ("June 2019 has no day 31", "there is no month 13"), in buf; NULL when it
 * is not written so, or is a date. */
const char *cf_date_why(const char *s, char *buf, size_t size);
/* A date as people write it: the native forms, an ISO date-time
 * ("2019-03-01T00:00:00Z"), "Mar 2019", "March 2019", "Sept. 2019",
 * "March 5, 2019", "5 March 2019", "03/2019", "3/5/2019", "2019/03", or a
 * word for the present (CF_DATE_NOW: "Present", "Current", "till date",
 * ...), any case.  CF_DATE_OK (out filled), CF_DATE_NOW, or CF_DATE_BAD. */
enum { CF_DATE_OK = 0, CF_DATE_NOW = 1, CF_DATE_BAD = -1 };
int cf_date_read(const char *s, cf_date *out);
/* Writes d in the native form of its precision ("2019", "2019-03",
 * "2019-03-05") into buf (at least 11 bytes). */
void cf_date_format(const cf_date *d, char *buf);
/* The period of year y, month m (0: the whole year) and day d (0: the
 * whole month); -1 when they name no date. */
int cf_date_of(int y, int m, int d, cf_date *out);
/* The month (1-12) a word names ("mar", "march", "sept"), or 0. */
int cf_month_word(const char *w, size_t n);
cf_day cf_days_from_civil(int y, int m, int d);
/* The day months later (earlier when negative), on the same day of the
 * month (past its end it runs into the next month, as mktime does). */
cf_day cf_day_add_months(cf_day d, int months);
double cf_days_to_months(long days);

/* ---- text (text.c) --------------------------------------------------------
 * Words are maximal runs of letters and digits in any alphabet, lowercased;
 * Unicode spaces, dashes, quotes, bullets and signs (the trademark and
 * registered signs too) separate them.  "ICD-10-CM" is icd / 10 / cm;
 * "E/M" and "E&M" are em; "ICD-10-CM/PCS" is icd 10 cm icd 10 pcs; an
 * ampersand between words is "and". */
typedef struct cf_token {
    const char *s;
    size_t n;
} cf_token;

/* Calls fn for each word of s (lowercased into a scratch buffer, at most
 * 64 bytes kept) with its FNV-1a hash, as cf_fnv1a(tok, n, CF_FNV_INIT)
 * gives: lowercasing and hashing in one pass. */
typedef int (*cf_token_fn)(void *ctx, const char *tok, size_t n, uint64_t hash);
int cf_tokenize(const char *s, cf_token_fn fn, void *ctx);

/* A sentence as the importer reads it: the same words, numbers (with a
 * decimal point, or a range "18-22"), percent signs, a slash ("charts/hour"),
 * a currency sign, and the breaks between sentences (. ; ! ? line ends,
 * bullets) and within them (, : and dashes). */
enum { CF_LX_WORD, CF_LX_NUM, CF_LX_PCT, CF_LX_BREAK, CF_LX_SOFT, CF_LX_PER, CF_LX_DOLLAR };
typedef struct cf_lexeme {
    unsigned char kind;
    unsigned char n;          /* a word's length in bytes (w holds 31 of them) */
    unsigned char joined;     /* joined to the lexeme before by one hyphen ("CPC-A") */
    unsigned char range;      /* a number: "18-22", num2 holds 22 */
    unsigned char decimal;    /* a number with a decimal point */
    unsigned char ndigits;    /* a number's digits before any point */
    char w[32];
    uint64_t hash;            /* a word's, as cf_tokenize gives it */
    double num, num2;
    unsigned off;             /* where it starts in the text */
} cf_lexeme;

/* Reads s into at most max lexemes; returns how many. */
size_t cf_lex(const char *s, cf_lexeme *out, size_t max);
/* Whether text.c's two ASCII tables agree (a test). */
int cf_text_tables_agree(void);
/* Whether l is a word of the NULL-terminated list. */
int cf_lexeme_in(const cf_lexeme *l, const char *const *words);

/* ---- profile model ----------------------------------------------------- */
/* The answers for a profile's arrays that a date gates (education,
 * credentials, experience, continuing_education), worked out once by
 * cf_derive so that the engine's walks need not look the status and date
 * up again for every criterion. */
#define CF_GATED_ARRAYS 4
typedef struct cf_counting {
    const cJSON *arr[CF_GATED_ARRAYS];     /* the array, or NULL */
    unsigned char *counts[CF_GATED_ARRAYS];/* 1 for an element that counts */
    size_t n[CF_GATED_ARRAYS];
} cf_counting;
/* Whether element i of arr counts (1 for an array that is not gated). */
int cf_counts(const cf_counting *c, const cJSON *arr, size_t i);
void cf_counting_free(cf_counting *c);

struct cf_profile {
    char *source;              /* its name: path, or path:line for a record */
    char *path;                /* the file or stream it was read from */
    unsigned line;             /* where its record starts; 0: the whole file */
    cf_warnings warnings;      /* fields left out of scoring */
    const char *input_format;  /* "native" or "jsonresume" */
    cJSON *root;               /* normalised native model, with "derived" */
    cJSON *resume;             /* the JSON Resume it came from, whose strings
                                  root refers to (NULL for a native input) */
    cf_day as_of;
    cf_counting counting;      /* which dated elements count at as_of */
};

/* An evidence path of the native model as the profile's input names it
 * (experience[0].highlights[1] -> work[0].highlights[1] for a JSON
 * Resume; what the engine worked out, in words) in *out (cf_free), or
 * NULL when it is the same (a native input) or cannot be said.  0, or -1
 * when memory ran out. */
int cf_input_path(const cf_profile *p, const char *native, char **out);
/* A profile read from a resume file: the file's kind in words (cf_doc_name,
 * static) and its pages (0: not known), as its reader noted them; NULL for
 * any other profile. */
const char *cf_profile_read_from(const cf_profile *p, unsigned *pages);
/* Where in the resume file a value of the input (input_path, or the entry
 * or section that holds it) was read: 1 with its page and line, else 0. */
int cf_input_place(const cf_profile *p, const char *input_path, unsigned *page, unsigned *line);

/* Field types of the native model. */
typedef enum cf_ftype {
    CF_T_OBJECT, CF_T_ARRAY, CF_T_STRING, CF_T_NUMBER, CF_T_BOOL,
    CF_T_DATE, CF_T_ENUM, CF_T_FREE
} cf_ftype;

typedef struct cf_field {
    const char *name;
    cf_ftype type;
    cf_ftype item;                      /* element type of an array */
    const struct cf_field *fields;      /* members of an object (or element) */
    const char *const *values;          /* allowed values of an enum */
    double min, max;                    /* bounds of a number */
    unsigned flags;
    const char *doc;
} cf_field;

#define CF_F_REQUIRED  1u
#define CF_F_PROTECTED 2u   /* protected attribute: never read by scoring */
#define CF_F_DERIVED   4u   /* computed at load; ignored on input */

extern const cf_field cf_profile_model[];
/* Looks a rubric path up in the model ("experience[].highlights").  Returns
 * the leaf field or NULL; *iterates is set when the path crosses an array;
 * *prot when it reads a protected attribute. */
const cf_field *cf_model_lookup(const char *path, int *iterates, int *prot);
const char *cf_model_gate_date(const char *array_name);
/* Whether an array element counts at as_of (see cf_model_gate_date). */
int cf_element_counts(const cJSON *elem, const char *gate_date, cf_day as_of);

/* Checks a native profile tree in place: a field that does not fit the
 * model (an unknown key, a wrong type, a date that cannot be read, a value
 * out of range) is removed with a warning (in warn and d); dates written
 * as people write them are rewritten as YYYY[-MM[-DD]].  CF_EINPUT only
 * for a "format" that is not this model's. */
cf_status cf_native_check(cJSON *root, const char *source, const char *text,
                          size_t len, unsigned first_line, cf_warnings *warn, cf_diags *d);
/* The derived figures of a native tree ("derived"), and which elements
 * count at as_of (in *c, freed first). */
cf_status cf_derive(cJSON *root, cf_day as_of, cf_counting *c);
/* Maps a JSON Resume document to a new native tree (*out).  Fields that
 * cannot be used are left out with a warning (in warn and d). */
cf_status cf_jsonresume_import(const cJSON *resume, const char *source,
                               const char *text, size_t len, unsigned first_line,
                               cf_day as_of, cf_warnings *warn, cJSON **out, cf_diags *d);

/* A credential code the importer knows (case ignored): its canonical
 * spelling, body (may be NULL) and kind.  0, or -1 when unknown. */
int cf_credential_info(const char *code, const char **canonical, const char **body, const char **kind);

/* A credential's kind: its own, else its code's (NULL: not known). */
const char *cf_credential_kind(const cJSON *c);
/* Where a credential stands at as_of (counts: it is dated by then and not
 * a plan): active as stated, held with no status stated, lapsed, expired
 * (so stated, or past its expiry date) or in progress. */
typedef enum cf_cred_state {
    CF_CRED_ACTIVE, CF_CRED_STATED, CF_CRED_LAPSED, CF_CRED_EXPIRED, CF_CRED_IN_PROGRESS
} cf_cred_state;
cf_cred_state cf_credential_state(const cJSON *c, cf_day as_of, int counts);

/* Colours of text output (when the caller asks for them). */
#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
/* s between on and C_RESET when color, else s alone. */
void cf_buf_colored(cf_buf *b, int color, const char *on, const char *s);

/* tools/embed's tables of shipped files: the rubrics (the YAML of rubrics/) and
 * the JSON Schemas of the outputs (those of src/schemas), by id. */
struct cf_builtin {
    const char *id;
    const char *text;
    size_t len;
};
extern const struct cf_builtin cf_builtins[], cf_schemas[];
extern const size_t cf_nbuiltins, cf_nschemas;
/* The entry of table v (n entries) with that id, or NULL. */
const struct cf_builtin *cf_builtin_find(const struct cf_builtin *v, size_t n, const char *id);

/* A what-if of advise (cf_profile_with): its name, an example value, and
 * the paths of the facts it changes, as criteria name them. */
typedef enum cf_whatif_kind {
    CF_WI_TEXT,               /* a name: a course, a skill */
    CF_WI_CREDENTIAL,         /* a credential code of the rubric's table */
    CF_WI_TRAINING,           /* a level of a coding program */
    CF_WI_MONTH,              /* a date, YYYY-MM */
    CF_WI_COUNT,              /* a whole number (months, references) */
    CF_WI_AMOUNT,             /* a decimal number */
    CF_WI_RATE                /* a number per hour or per day */
} cf_whatif_kind;
typedef struct cf_whatif {
    const char *name, *example;
    cf_whatif_kind kind;      /* from CF_WI_COUNT on, of two values the larger asks more */
    const char *paths[4];     /* NULL-terminated */
} cf_whatif;
/* All of them, ending with a NULL name; the one that changes the facts at
 * a criterion's path, or NULL. */
const cf_whatif *cf_whatif_list(void);
const cf_whatif *cf_whatif_reading(const char *path);
/* A copy of p (its native model only) to try what-ifs on. */
cf_status cf_profile_dup(const cf_profile *p, cf_profile **out);

/* cJSON helpers that keep allocation failures visible. */
cJSON *cf_json_add_str(cJSON *obj, const char *key, const char *val);
cJSON *cf_json_add_num(cJSON *obj, const char *key, double val);
cJSON *cf_json_add_bool(cJSON *obj, const char *key, int val);
cJSON *cf_json_add_arr(cJSON *obj, const char *key);
cJSON *cf_json_add_obj(cJSON *obj, const char *key);
int cf_json_push_str(cJSON *arr, const char *val);
/* Writes a cJSON tree as JSON with two-space indent, deterministic. */
void cf_json_write(cf_buf *b, const cJSON *v, int indent, int pretty);

/* SipHash-2-4 of data[0..n) under the 128-bit key k (k[0] the first eight
 * bytes of the key, little-endian): a keyed hash that cannot be computed,
 * nor the key found, without the key (Aumasson and Bernstein, 2012). */
uint64_t cf_siphash(const uint64_t k[2], const void *data, size_t n);

/* FNV-1a, 64 bits. */
uint64_t cf_fnv1a(const void *data, size_t n, uint64_t h);
#define CF_FNV_INIT 0xcbf29ce484222325ULL

/* A set of strings, hashed: finding one costs the same at any size.  The
 * set keeps its own copies. */
typedef struct cf_strset {
    char **slot;              /* nslots, a power of two (0: none yet) */
    size_t *val;              /* each slot's value (cf_strset_val) */
    size_t nslots, n;
} cf_strset;
/* Adds s[0..len) unless it is in: 1 when it was in, 0 when added, -1 when
 * memory ran out.  *kept (may be NULL) is the set's copy, valid until
 * cf_strset_free. */
int cf_strset_add(cf_strset *set, const char *s, size_t len, const char **kept);
/* The set as a map: the value kept with s[0..len), added (its value 0,
 * *was_in 0) unless it is in (*was_in 1); NULL when memory ran out.  The
 * pointer is valid until the next addition. */
size_t *cf_strset_val(cf_strset *set, const char *s, size_t len, int *was_in);
/* The value kept with s[0..len), or NULL when it is not in the set. */
size_t *cf_strset_find(const cf_strset *set, const char *s, size_t len);
void cf_strset_free(cf_strset *set);

/* A source as a join key: "./" segments and repeated slashes dropped, so
 * that ./a/b.json, a//b.json and a/./b.json are a/b.json.  In out, which
 * holds n + 1 bytes.  Returns its length. */
size_t cf_source_key(const char *src, size_t n, char *out);

/* Writes "name[i]" into buf (at least strlen(name) + 13 bytes). */
void cf_indexed(char *buf, const char *name, int i);

/* Levenshtein distance, capped. */
size_t cf_edit_distance(const char *a, const char *b);
/* The UTF-8 sequence at p, reading at most avail bytes (4 is safe in a
 * NUL-terminated string: a NUL ends every sequence): its length, with the
 * code point in *cp, or 0 when it is not UTF-8 (overlong, a surrogate,
 * above U+10FFFF, cut short).  ASCII is a sequence of 1. */
size_t cf_utf8_decode(const unsigned char *p, size_t avail, uint32_t *cp);
/* Whether text[0..len) holds the bytes of needle. */
int cf_holds(const char *text, size_t len, const char *needle);
/* The UTF-8 bytes of code point cp (at most U+10FFFF) in out; their number. */
size_t cf_utf8_encode(uint32_t cp, unsigned char out[4]);
/* The name of what was read from path: path itself, or "path:line" for
 * the record of a stream at line; a new string (cf_free) or NULL. */
char *cf_origin_name(const char *path, unsigned line);
/* The origin a name gives back (the inverse of cf_origin_name, for saved
 * reports, which hold only the name): the length of its path and the
 * line, 0 when it names a whole file. */
void cf_origin_split(const char *name, size_t *path_len, unsigned *line);
/* A score as every output prints it: one decimal (-0 as 0); the tier is
 * chosen by it, so that a printed 80.0 never sits in the tier below 80. */
double cf_shown(double v);
/* The same in tenths, 0 to 1000, for exact comparisons (rank, diff). */
int cf_tenths(double v);

/* Insertion sort that keeps the order of equal elements (for the short
 * lists of a profile's warnings); size is at most 128 bytes. */
void cf_sort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* A position in CSV text, with its line and column. */
typedef struct cf_csv_cur {
    const char *p, *end;
    unsigned line, col;
} cf_csv_cur;
/* Reads one CSV field (RFC 4180: a quoted field may hold commas, doubled
 * quotes and line ends) into f, NUL-terminated, and moves past it and its
 * comma or line end.  Returns 0, or -1 on an unterminated quote; *last is
 * set when the field ended its record. */
int cf_csv_read_field(cf_csv_cur *c, cf_buf *f, int *last);

#endif
