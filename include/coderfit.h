/*
 * coderfit: candidate-fit scoring for medical-coder applicants.
 *
 * The library loads a rubric, reads applicant profiles (native or JSON
 * Resume), scores them and writes reports.  It never exits and never prints
 * on its own: every function returns a status and, where something is wrong
 * with the input, appends positioned diagnostics to a cf_diags list that the
 * caller formats.
 *
 * Ownership: each declaration says who frees what it returns.  Objects
 * returned through an out-parameter belong to the caller.
 */
#ifndef CODERFIT_H
#define CODERFIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CF_VERSION "0.1.0"
#define CF_RUBRIC_FORMAT "coderfit-rubric/1"
#define CF_PROFILE_FORMAT "coderfit-profile/1"
/* The tier of a profile that states less than a rubric's insufficient.below. */
#define CF_TIER_INSUFFICIENT "insufficient"
#define CF_REPORT_FORMAT "coderfit-report/1"

/* Status codes double as the program's exit codes; they are never renumbered. */
typedef enum cf_status {
    CF_OK = 0,
    CF_NO = 1,        /* a check ran and answered no */
    CF_EUSAGE = 2,    /* usage error */
    CF_ERUBRIC = 3,   /* invalid rubric */
    CF_EINPUT = 4,    /* invalid profile or input */
    CF_ESYSTEM = 5    /* I/O error, out of memory, internal error (cf_system_cause) */
} cf_status;

/* CF_ESYSTEM means that memory ran out or a read or write failed, unless
 * the library named another cause: an internal limit reached (a build too
 * small for its tables), or an invariant broken (a bug).  The first cause
 * named in the process is kept, for the program's message: its kind, and
 * in *what a phrase saying what happened (NULL with CF_CAUSE_NONE). */
typedef enum cf_cause { CF_CAUSE_NONE, CF_CAUSE_LIMIT, CF_CAUSE_BUG } cf_cause;
cf_cause cf_system_cause(const char **what);
/* Name a cause (what: a string literal) where it is found; CF_ESYSTEM. */
cf_status cf_limit(const char *what);
cf_status cf_bug(const char *what);

/* ---- allocation --------------------------------------------------------
 * Every allocation of the library (and of cJSON, through its hooks) goes
 * through these, so that a test build can make the N-th one fail. */
void *cf_malloc(size_t n);
void *cf_calloc(size_t count, size_t size);
void *cf_realloc(void *p, size_t n);
char *cf_strdup(const char *s);
/* Room for need elements of size bytes in the array p, which has *cap:
 * p itself when it has them, else p grown (doubling, *cap updated); NULL
 * when out of memory, p then kept as it was.  For arrays of any type:
 *     if (!(v = cf_grow(a->v, &a->cap, a->n + 1, sizeof *a->v))) ...  */
void *cf_grow(void *p, size_t *cap, size_t need, size_t size);
char *cf_strndup(const char *s, size_t n);
void cf_free(void *p);
/* Make allocation number n (1-based, counted from now) and every later one
 * fail; 0 turns failure injection off.  For tests only. */
void cf_alloc_fail_after(unsigned long n);
/* Number of allocations made since the last cf_alloc_fail_after(n) with
 * n > 0 (allocations are not counted while injection is off). */
unsigned long cf_alloc_count(void);
/* While on, allocations neither count nor fail: a fault loop over a
 * command starts after the rubric is loaded, whose own loop is apart.
 * Before threads start. */
void cf_alloc_fail_pause(int on);
/* In a build with CF_FAULT_INJECTION, the allocations not yet freed
 * (arena memory aside); -1 in other builds. */
long cf_alloc_live(void);

/* Arenas: while a thread is in one, the library's allocations (and
 * cJSON's) come from it and frees are no-ops; cf_arena_reset releases them
 * all.  Whatever must outlive the arena (a ranking's records, say) has to be
 * made after cf_arena_leave.  Freeing arena memory after leaving is
 * harmless.  One arena per thread. */
typedef struct cf_arena cf_arena;
cf_arena *cf_arena_new(void);          /* NULL when out of memory */
void cf_arena_enter(cf_arena *a);
void cf_arena_leave(void);
/* The arena this thread is in, or NULL. */
cf_arena *cf_arena_current(void);
void cf_arena_reset(cf_arena *a);      /* only after leaving it */
void cf_arena_free(cf_arena *a);

/* Must be called once before any other function, before threads start.
 * CF_OK, or CF_ESYSTEM if the library's static tables do not fit (a build
 * error: cf_system_cause says CF_CAUSE_LIMIT). */
cf_status cf_init(void);

/* Replaces each control character of s (C0 and DEL: newlines, escapes) with
 * '?', as ls -q does, before s goes to a terminal: a file name, or a key
 * quoted from a profile, cannot then move the cursor or recolour the screen.
 * Text outputs and messages show names this way; JSON escapes them. */
void cf_text_shown(char *s);

/* ---- diagnostics ------------------------------------------------------- */
typedef enum cf_severity { CF_SEV_ERROR, CF_SEV_WARNING } cf_severity;

typedef struct cf_diag {
    char *file;       /* as given by the caller */
    unsigned line;    /* 1-based; 0 when the problem has no position */
    unsigned col;     /* 1-based, in bytes */
    cf_severity severity;
    const char *rule; /* static rule id, e.g. "unknown-key" */
    char *message;    /* lowercase, no final full stop */
} cf_diag;

typedef struct cf_diags {
    cf_diag *items;
    size_t n, cap;
    int oom;          /* a diagnostic could not be stored */
    int color;        /* cf_diags_write's text colours the severities */
} cf_diags;

/* Frees the diagnostics and leaves d empty and reusable. */
void cf_diags_clear(cf_diags *d);
/* Number of diagnostics of severity error. */
size_t cf_diags_errors(const cf_diags *d);
/* Appends a diagnostic; the message is formatted printf-style. */
void cf_diag_add(cf_diags *d, const char *file, unsigned line, unsigned col,
                 cf_severity sev, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* One diagnostic as "FILE:LINE:COL: severity: message [rule]" and a
 * newline (":LINE:COL" only with a line), control characters shown as '?':
 * in a new string (cf_free), or NULL when out of memory. */
char *cf_diag_text(const cf_diag *dg);
/* The same, written to a caller-supplied stream. */
void cf_diag_print(FILE *out, const cf_diag *dg);

/* Writes diagnostics, sorted by file, line and column, as text (one
 * "FILE:LINE:COL: severity: message [rule]" a line), json (an object with
 * counts and a "problems" array) or github (workflow commands that
 * annotate the file).  The string is returned in *out (cf_free). */
typedef enum cf_diag_format { CF_DIAG_TEXT, CF_DIAG_JSON, CF_DIAG_GITHUB } cf_diag_format;
cf_status cf_diags_write(cf_diags *d, cf_diag_format f, char **out, size_t *len);
/* Puts the messages in file, line and column order (cf_diags_write does). */
void cf_diags_sort(cf_diags *d);

/* ---- dates ------------------------------------------------------------- */
/* A calendar date as a day number (days since 1970-01-01). */
typedef long cf_day;
/* Parses YYYY-MM-DD only (the form of --as-of).  Returns 0 on success. */
int cf_date_parse_day(const char *s, cf_day *out);
/* Today's local date. */
cf_day cf_today(void);
/* Writes YYYY-MM-DD into buf (at least 11 bytes). */
void cf_day_format(cf_day d, char *buf);

/* ---- numbers ----------------------------------------------------------- */
/* Whether the n bytes at s are a plain decimal number (digits, one point,
 * an exponent; no hex, inf or nan) from lo to hi: 1, with its value in
 * *out.  Options and what-ifs read their numbers with these. */
int cf_decimal_parse(const char *s, size_t n, double lo, double hi, double *out);
/* The same for a whole number written in digits only. */
int cf_whole_parse(const char *s, long long lo, long long hi, long long *out);

/* ---- rubrics ----------------------------------------------------------- */
typedef struct cf_rubric cf_rubric;

/* Loads a rubric from text (len bytes; text[len] need not be NUL).  name is
 * used in diagnostics.  On success *out belongs to the caller
 * (cf_rubric_free); on failure returns CF_ERUBRIC (diagnostics in d) or
 * CF_ESYSTEM, and *out is NULL. */
cf_status cf_rubric_load(const char *name, const char *text, size_t len,
                         cf_rubric **out, cf_diags *d);
/* A rubric may start from another and state only what differs:
 * `extends: ID` names one of the rubrics compiled into the library
 * (cf_rubric_builtin), `extends: PATH` (a name with a '/' or ending in
 * .yaml or .yml) a file, which only a reader can supply.  A reader is given
 * the extending rubric's name and the path as written; it returns 0 with
 * *name and *text (both cf_malloc'd; *len bytes of text), or -1 with a
 * message in err. */
typedef int (*cf_rubric_reader)(void *ctx, const char *from, const char *ref, char **name, char **text,
                                size_t *len, char *err, size_t errsize);
/* cf_rubric_load, with files that the rubric extends read by read (NULL:
 * only the built-in rubrics can be extended). */
cf_status cf_rubric_load_with(const char *name, const char *text, size_t len, cf_rubric_reader read,
                              void *ctx, cf_rubric **out, cf_diags *d);
/* Loads the rubric compiled into the library. */
cf_status cf_rubric_load_default(cf_rubric **out, cf_diags *d);
/* The rubrics compiled into the library (rubrics/ of the source): their
 * number, and the i-th one's id and text (static, NUL-terminated). */
size_t cf_rubric_builtin_count(void);
const char *cf_rubric_builtin(size_t i, const char **id, size_t *len);
/* The text of the built-in rubric with this id, or NULL. */
const char *cf_rubric_builtin_find(const char *id, size_t *len);
/* The rubric as scoring uses it, written out (*out, cf_free): as YAML (the
 * text itself, or for a rubric that extends another the whole result) or
 * as JSON (pretty, final newline, the shape `schema rubric` describes),
 * after checking it as cf_rubric_load_with does. */
cf_status cf_rubric_show(const char *name, const char *text, size_t len, cf_rubric_reader read, void *ctx,
                         int json, char **out, size_t *outlen, cf_diags *d);
/* The rubric in text as JSON (pretty, final newline) in *out (cf_free),
 * after checking it as cf_rubric_load does: the shape `schema rubric`
 * describes.  Plain YAML numbers and booleans become JSON ones. */
cf_status cf_rubric_json(const char *name, const char *text, size_t len, char **out, size_t *outlen,
                         cf_diags *d);
/* The embedded rubric's YAML text (static, NUL-terminated) and its name. */
const char *cf_rubric_default_text(size_t *len);
extern const char cf_rubric_default_name[];
void cf_rubric_free(cf_rubric *r);
/* Static strings owned by the rubric, valid until cf_rubric_free. */
const char *cf_rubric_id(const cf_rubric *r);
const char *cf_rubric_version(const cf_rubric *r);
const char *cf_rubric_checksum(const cf_rubric *r);
/* The rubric's tiers, highest first: their number, and the id and label
 * (the id when it has none) of the i-th. */
size_t cf_rubric_ntiers(const cf_rubric *r);
const char *cf_rubric_tier_id(const cf_rubric *r, size_t i);
const char *cf_rubric_tier_label(const cf_rubric *r, size_t i);

/* ---- profiles ---------------------------------------------------------- */
typedef struct cf_profile cf_profile;

/* Reads one profile (native or JSON Resume, detected) from text[0..len).
 * source names it in diagnostics and reports; first_line is the line of
 * text[0] within that source (1 for a whole file).  Dates after as_of do
 * not count.  Returns CF_OK with *out owned by the caller (cf_profile_free),
 * CF_EINPUT with positioned diagnostics, or CF_ESYSTEM.
 *
 * A profile is refused (CF_EINPUT) only when it is not JSON or not a
 * profile at all.  A field that cannot be used (a date no rule reads, a
 * wrong type, a duplicate key: the last value wins, an unknown key of the
 * native model) is left out of scoring: the profile is read, with a
 * warning (CF_SEV_WARNING) in d for each such field, which its reports
 * carry too.  A caller that wants such profiles refused checks
 * cf_profile_warnings. */
cf_status cf_profile_parse(const char *source, const char *text, size_t len,
                           unsigned first_line, cf_day as_of,
                           cf_profile **out, cf_diags *d);
/* ---- resume files ------------------------------------------------------
 * A file that is not JSON is a resume: a reader turns it into a JSON
 * Resume, which cf_profile_parse then reads as it reads any other. */
typedef enum cf_doc_kind {
    CF_DOC_JSON,
    CF_DOC_TEXT,              /* plain text: UTF-8, UTF-16 with a BOM, else Windows-1252 */
    CF_DOC_MARKDOWN,
    CF_DOC_PDF,
    CF_DOC_DOCX,
    CF_DOC_ODT,
    CF_DOC_RTF,
    CF_DOC_WORD97,            /* .doc */
    CF_DOC_IMAGE,
    CF_DOC_OTHER              /* some other binary file */
} cf_doc_kind;
/* What the files that are not read are told, after the list of them. */
#define CF_CONVERT_HINT                                                                          \
    "coderfit reads JSON, PDF, Word (DOCX), OpenDocument text (ODT), plain text and Markdown: " \
    "convert the others first (soffice --headless --convert-to docx)"
/* What bytes[0..len) hold, from the bytes: a signature (PDF, ZIP with a
 * Word or OpenDocument text, RTF, .doc, PNG, JPEG, GIF, TIFF), JSON (the
 * first character '{' or '['), else text, or Markdown when it has
 * Markdown's headings or name ends in .md.  A file named *.json, *.jsonl
 * or *.ndjson, or standard input (name NULL or "-"), holds JSON whatever
 * its bytes say, so that its errors are JSON's. */
cf_doc_kind cf_doc_detect(const char *name, const char *bytes, size_t len);
/* The kind in words: "PDF", "Word (DOCX)", ... */
const char *cf_doc_name(cf_doc_kind kind);
/* Reads a resume of a kind that has a reader in process (CF_DOC_TEXT,
 * CF_DOC_MARKDOWN, CF_DOC_DOCX, CF_DOC_ODT) into a JSON Resume in *json (cf_free), to be read with
 * cf_profile_parse.  What it could not place, and a file in which no work,
 * education or credential is found, are warnings in d (at source's lines).
 * CF_OK, CF_EINPUT for a kind that has no reader (an error in d that says
 * how to convert it), or CF_ESYSTEM. */
cf_status cf_resume_read(const char *source, cf_doc_kind kind, const char *bytes, size_t len, char **json,
                         size_t *json_len, cf_diags *d);
/* The same for a PDF, from the XML that poppler-utils' `pdftohtml -xml -i
 * -stdout` wrote of it (the front end runs the program).  A PDF with no
 * text (a scan) is CF_EINPUT, said so in d. */
cf_status cf_resume_read_pdf(const char *source, const char *xml, size_t len, char **json, size_t *json_len,
                             cf_diags *d);

/* The number of fields left out of p, each reported as a warning. */
size_t cf_profile_warnings(const cf_profile *p);
void cf_profile_free(cf_profile *p);
/* The profile's source name (owned by p). */
const char *cf_profile_source(const cf_profile *p);
/* Makes p the record of its stream at line: it is then named FILE:LINE,
 * and its reports carry the line.  0, or -1 when out of memory. */
int cf_profile_set_line(cf_profile *p, unsigned line);
/* What-if: adds to p what an applicant could gain, then recomputes its
 * derived figures.  what is "credential" (a code: CPC, CCA, ...; earned and
 * active at the as-of date), "training" (certificate, associate, bachelor
 * or master, in medical coding, completed at the as-of date), "course" (a
 * course title), "skill" (a listed skill) or "coding-months" (that many
 * months of coding work up to the as-of date).  CF_EUSAGE with a message in
 * err for an unknown what or value; CF_ESYSTEM when out of memory.
 * Also: "hipaa" (the date of HIPAA training), "accuracy" (audited, 0.96 or
 * 96%), "productivity" (3/hour or 24/day), "ceus" (CEU hours of the last
 * 24 months), "references" (how many), and "remote-months",
 * "audit-months", "cdi-months", "clinical-months" (remote coding, coding
 * audit, CDI or clinical work up to the as-of date). */
cf_status cf_profile_with(cf_profile *p, const char *what, const char *value, char *err, size_t errsize);
/* "native" or "jsonresume". */
const char *cf_profile_input_format(const cf_profile *p);
/* The normalised native profile as JSON, pretty (two-space indent) or on
 * one line, with a final newline, in *out (cf_free). */
cf_status cf_profile_to_json(const cf_profile *p, int pretty, char **out, size_t *len);
/* The JSON Resume the profile was read from (a resume file's, as read),
 * without what the reader noted for reports (meta.coderfit), as
 * cf_profile_to_json writes; CF_EINPUT for a native profile. */
cf_status cf_profile_resume_json(const cf_profile *p, int pretty, char **out, size_t *len);

/* Finds where the next JSON text in a stream begins: skips whitespace and
 * an initial UTF-8 byte-order mark.  Returns the offset, or len at the end. */
size_t cf_json_skip_space(const char *text, size_t len, size_t pos);

/* Streams of profiles (stdin, *.ndjson, *.jsonl) are split into records
 * without parsing them.  A stream holds one JSON text per line (NDJSON),
 * unless its first non-blank line is a lone "{" or "[": then it holds
 * pretty-printed JSON texts one after another (jq's output, or files put
 * together with cat), and a record ends at a newline outside every string
 * and bracket, or before a line that is "{" alone from column 1 (how
 * pretty-printers start a text: one left unclosed ends there). */
typedef enum cf_split_mode { CF_SPLIT_UNKNOWN = -1, CF_SPLIT_LINES, CF_SPLIT_TEXTS } cf_split_mode;
/* The mode of a stream that starts with text[0..len); CF_SPLIT_UNKNOWN
 * while its first non-blank line is not complete and more may come. */
cf_split_mode cf_split_mode_of(const char *text, size_t len, int more);
/* Length of the record at the start of text[0..len), its newline
 * included; 0 when it does not end there (at the end of the stream, the
 * rest is the last record). */
size_t cf_split_record(cf_split_mode m, const char *text, size_t len);
/* Where to start again in text[0..len) after a record that is not
 * well-formed JSON, from the line holding offset from on: the first line
 * after offset 0 that is "{" alone from column 1 (how pretty-printers start
 * a text), or len.  A truncated text thus loses no text after it. */
size_t cf_split_resync(const char *text, size_t len, size_t from);

/* ---- scoring and reports ---------------------------------------------- */
typedef struct cf_report cf_report;

/* Scores p against r.  *out belongs to the caller (cf_report_free).  The
 * report borrows r: free it first. */
cf_status cf_score(const cf_rubric *r, const cf_profile *p, cf_report **out);
/* The same without the evidence (paths and values behind each criterion),
 * for outputs that do not show it: the numbers are the same. */
cf_status cf_score_figures(const cf_rubric *r, const cf_profile *p, cf_report **out);
void cf_report_free(cf_report *rep);
double cf_report_score(const cf_report *rep);
/* The profile's name, as the report gives it (an opaque id once blinded). */
const char *cf_report_source(const cf_report *rep);
/* The number of fields of the profile left out of the report (warnings). */
size_t cf_report_warnings(const cf_report *rep);
const char *cf_report_tier(const cf_report *rep);
int cf_report_eligible(const cf_report *rep);

typedef enum cf_format { CF_FMT_TEXT, CF_FMT_JSON, CF_FMT_NDJSON, CF_FMT_MD, CF_FMT_HTML } cf_format;
typedef struct cf_text_opts {
    int color;        /* ANSI colour */
    int width;        /* terminal columns, 0 for 80 */
} cf_text_opts;

/* Writes the report as one JSON object: pretty (two-space indent) when
 * pretty is set, else on one line; always followed by a newline.  The
 * string is returned in *out (cf_free). */
cf_status cf_report_json(const cf_report *rep, int pretty, char **out, size_t *len);
/* The report as Markdown, or as one self-contained HTML page (inline CSS
 * with print rules, an inline SVG chart with a text alternative, no
 * external resource); every profile and rubric string escaped.  In *out
 * (cf_free). */
cf_status cf_report_md(const cf_report *rep, char **out, size_t *len);
cf_status cf_report_html(const cf_report *rep, char **out, size_t *len);
/* The index page of a caseload of report pages (score -f html
 * --output-dir): add each report with the page's address, then write one
 * page that lists them all, highest score first, each linked. */
typedef struct cf_html_index cf_html_index;
cf_html_index *cf_html_index_new(void);   /* NULL when out of memory */
cf_status cf_html_index_add(cf_html_index *ix, const cf_report *rep, const char *href);
cf_status cf_html_index_write(cf_html_index *ix, char **out, size_t *len);
void cf_html_index_free(cf_html_index *ix);
/* Writes the report as text for a terminal. */
cf_status cf_report_text(const cf_report *rep, const cf_text_opts *o,
                         char **out, size_t *len);

/* ---- rubric test cases ------------------------------------------------------
 * A case file (YAML) holds "cases": each a name, a profile (a path relative
 * to the case file, or the profile inline), an as_of date and what to
 * expect: tier, eligible, score [min, max], qualities {id: [min, max]},
 * gates_passed, gates_failed (then no other gate may fail), top_gap
 * (quality.criterion).  Score ranges compare the printed figure. */
typedef struct cf_cases cf_cases;

typedef struct cf_case_info {
    const char *name;
    const char *path;          /* the profile's file, or NULL */
    const char *json;          /* the inline profile as JSON text, or NULL */
    unsigned line, col;        /* of the case in its file */
    int has_as_of;
    cf_day as_of;
} cf_case_info;

/* Loads a case file; CF_EINPUT with positioned diagnostics when it is
 * malformed.  *out belongs to the caller (cf_cases_free). */
cf_status cf_cases_load(const char *name, const char *text, size_t len, cf_cases **out, cf_diags *d);
void cf_cases_free(cf_cases *cs);
size_t cf_cases_count(const cf_cases *cs);
/* Strings owned by cs. */
cf_case_info cf_case_get(const cf_cases *cs, size_t i);
/* Checks case i against the report of its profile: CF_OK, or CF_NO with
 * one line per failed expectation in *failures (cf_free). */
cf_status cf_case_check(const cf_cases *cs, size_t i, const cf_report *rep, char **failures);

/* The outcomes of a test run, in the order added, and the run written as
 * text, JUnit XML or TAP 13 (cases of one file form one JUnit suite). */
typedef struct cf_case_results cf_case_results;
typedef enum cf_results_format { CF_RESULTS_TEXT, CF_RESULTS_JUNIT, CF_RESULTS_TAP } cf_results_format;
cf_case_results *cf_case_results_new(void);   /* NULL when out of memory */
void cf_case_results_free(cf_case_results *rs);
/* One case of file (at line) named name, that took seconds: passed when
 * failures is NULL, else failed with them (lines), which rs takes over.
 * CF_OK or CF_ESYSTEM (failures freed). */
cf_status cf_case_results_add(cf_case_results *rs, const char *file, const char *name, unsigned line,
                              double seconds, char *failures);
/* What could not be run, as an error of its own: a case file that cannot
 * be read (name NULL: the file stands for its cases), or a case whose
 * profile cannot be; message says why, at line and col (0: unknown).
 * JUnit writes it as an <error>, TAP as a failing line. */
cf_status cf_case_results_error(cf_case_results *rs, const char *file, const char *name, unsigned line,
                                unsigned col, double seconds, const char *message);
size_t cf_case_results_failed(const cf_case_results *rs);
size_t cf_case_results_errors(const cf_case_results *rs);
/* Whether the text that cf_case_results_write makes is coloured. */
void cf_case_results_color(cf_case_results *rs, int on);
cf_status cf_case_results_write(const cf_case_results *rs, cf_results_format fmt, char **out, size_t *len);

/* ---- rubric diffs ----------------------------------------------------------------
 * How an edit of a rubric moves a set of profiles: add the report of each
 * profile under the old and the new rubric, then write the rubric-level
 * changes, each profile's old and new score, tier and rank, and a summary
 * (moved profiles, tier changes, mean and largest change, Kendall's tau). */
typedef struct cf_diff cf_diff;
typedef enum cf_diff_format { CF_DIFF_TEXT, CF_DIFF_JSON, CF_DIFF_MD, CF_DIFF_GITHUB } cf_diff_format;

/* Borrows both rubrics (they must outlive the diff); NULL when out of memory. */
cf_diff *cf_diff_new(const cf_rubric *old_r, const cf_rubric *new_r);
void cf_diff_free(cf_diff *df);
cf_status cf_diff_add(cf_diff *df, const cf_report *old_rep, const cf_report *new_rep);
/* Profiles whose tier changed, and the largest score change (as printed). */
int cf_diff_tier_changes(const cf_diff *df);
double cf_diff_max_change(const cf_diff *df);
typedef struct cf_diff_opts {
    cf_diff_format format;
    int changed;              /* list only the profiles that moved */
    int fail_tier;            /* a change of tier crosses the line */
    double max_delta;         /* so does a change of more than this; < 0: none */
    int color;                /* text: colour the changes */
} cf_diff_opts;
/* The whole diff in *out (cf_free). */
cf_status cf_diff_write(cf_diff *df, const cf_diff_opts *o, char **out, size_t *len);
/* Tier moves an edit is expected to make, from CSV text (profile,old
 * tier,new tier; a header line "profile,...", blank lines and lines that
 * start with # are skipped; tiers by id or label, any case).  A listed move
 * that happens is approved: shown as such, never a crossed line.  A listed
 * profile that does not move, moves otherwise, or is not among the profiles
 * is a warning in d.  CF_EINPUT when the text is not such a file.  Call it
 * after every cf_diff_add. */
cf_status cf_diff_approve(cf_diff *df, const char *file, const char *text, size_t len, cf_diags *d);
/* The profiles that crossed a line of o (tier 1: a tier not approved; 0: the
 * score; 2: the approved tier moves), one per line ("  source: Strong fit ->
 * Good fit, score 52.1 -> 44.0 (-8.1)"), in *out (cf_free), and how many in
 * *count. */
cf_status cf_diff_explain(const cf_diff *df, const cf_diff_opts *o, int tier, size_t *count, char **out,
                          size_t *len);

/* ---- ranking ---------------------------------------------------------------
 * A ranking collects scored reports (or, to merge shards, the NDJSON reports
 * that `score -f ndjson` and `rank -f ndjson` write) and input errors, and
 * writes them sorted: score (as printed, one decimal) descending, then source
 * path, then line.  It keeps per result only what the output needs, and with
 * a top N only N results; the summary is aggregated in fixed memory.  The
 * output is the same whatever order the reports came in. */
typedef struct cf_ranking cf_ranking;

/* Whether a CSV field s starts like a spreadsheet formula (=, +, -, @, a tab
 * or a carriage return): every CSV this library writes puts a ' before
 * such a field, so that Excel, LibreOffice and Google Sheets show it as text
 * instead of running it (a file name is the applicant's to choose). */
int cf_csv_formula_like(const char *s);
/* s as one CSV field, as every CSV of this library writes it: quoted when
 * it must be (always with always set), quotes doubled, a ' before a
 * formula.  A new string (cf_free), or NULL when out of memory. */
char *cf_csv_field(const char *s, int always);

/* Where a ranking may keep its reports out of memory: store appends the n
 * bytes at s and gives their place in *at; load copies the n bytes at a
 * place into dst.  Each returns 0, or -1 on failure.  store may be called
 * from several threads at once (one ranking each); load only while a
 * ranking is written. */
typedef struct cf_spill {
    int (*store)(void *ctx, const char *s, size_t n, unsigned long long *at);
    int (*load)(void *ctx, unsigned long long at, char *dst, size_t n);
    void *ctx;
} cf_spill;

/* Settings of coding work, as bits (a profile's "setting"). */
enum {
    CF_SET_INPATIENT = 1, CF_SET_OUTPATIENT = 2, CF_SET_PROFEE = 4, CF_SET_RISK = 8, CF_SET_MIXED = 16
};
/* A setting's bit from its name (the profile model's, or inpatient,
 * outpatient, profee, risk as the command line says them); 0: none. */
unsigned cf_setting_bit(const char *name);

/* Knock-outs, each a bit of what a result fails. */
enum { CF_KO_CREDENTIAL = 1, CF_KO_YEARS = 2, CF_KO_SETTING = 4, CF_KO_REMOTE = 8, CF_KO_COUNT = 4 };

/* blind review's key (below) */
typedef struct cf_blind_key cf_blind_key;

typedef struct cf_rank_opts {
    size_t top;                 /* keep the best N selected results; 0: all */
    double min_score;           /* select score >= this (as printed) */
    const char *const *tiers;   /* select these tier ids; NULL: any */
    size_t ntiers;
    int eligible_only;
    int keep_reports;           /* json and ndjson output print the reports */
    const cf_blind_key *blind;  /* failed inputs are named by cf_blind_id (NULL: by source) */
    int dedupe;                 /* keep only the best result of each person */
    const cf_spill *spill;      /* kept reports go there (NULL: memory); not with html */
    /* knock-outs, applied before the other selections: a result that fails
     * one is set aside, named and counted, never ranked */
    const char *const *require; /* holds one of these credentials, current (case ignored) */
    size_t nrequire;
    double min_coding_years;    /* at least this many years of coding (as shown); 0: any */
    unsigned settings;          /* has coded in one of these settings (CF_SET_*); 0: any */
    int remote;                 /* has coded remotely */
} cf_rank_opts;

typedef enum cf_rank_format {
    CF_RANK_TEXT, CF_RANK_CSV, CF_RANK_JSON, CF_RANK_NDJSON, CF_RANK_MD, CF_RANK_HTML
} cf_rank_format;

typedef struct cf_rank_write_opts {
    cf_rank_format format;
    int width;                  /* text: terminal columns (0: not a terminal, no limit) */
    int color;                  /* text: ANSI colour */
    int bom;                    /* csv: start with a UTF-8 byte-order mark */
} cf_rank_write_opts;

/* Where the writer sends its bytes: returns 0, or -1 to stop (write error). */
typedef int (*cf_sink)(void *ctx, const char *s, size_t n);

/* A new, empty ranking (cf_ranking_free); NULL when out of memory.  The
 * options are copied (the tier strings must outlive the ranking). */
cf_ranking *cf_ranking_new(const cf_rank_opts *o);
void cf_ranking_free(cf_ranking *rk);
/* Adds a scored report.  CF_OK or CF_ESYSTEM. */
cf_status cf_ranking_add(cf_ranking *rk, const cf_report *rep);
/* Adds a failed input: source (a path), its line and column (0 if none)
 * and the message. */
cf_status cf_ranking_add_error(cf_ranking *rk, const char *source, unsigned line, unsigned col,
                               const char *message);
/* Adds one line of an NDJSON report file (a report, or an error record of
 * `rank -f ndjson`).  file and line name it in diagnostics.  CF_EINPUT with
 * a diagnostic when the line is not such a record. */
cf_status cf_ranking_add_line(cf_ranking *rk, const char *file, unsigned line,
                              const char *text, size_t len, cf_diags *d);
/* The rubric and date the reports will be made with, known before any is
 * added: the CSV has its quality columns even when nothing scores. */
cf_status cf_ranking_expect(cf_ranking *rk, const cf_rubric *r, cf_day as_of);
/* A file of a folder that was not read (not JSON): named in the summary. */
cf_status cf_ranking_add_skipped(cf_ranking *rk, const char *path);
/* Moves everything src holds into dst (src is left empty). */
cf_status cf_ranking_absorb(cf_ranking *dst, cf_ranking *src);
/* Counts so far. */
unsigned long cf_ranking_scored(const cf_ranking *rk);
unsigned long cf_ranking_failed(const cf_ranking *rk);
/* Whether any result added so far is in the tier with this id. */
int cf_ranking_has_tier(const cf_ranking *rk, const char *id);
/* The as-of date (YYYY-MM-DD) of the reports ranked, or NULL before any. */
const char *cf_ranking_as_of(const cf_ranking *rk);
/* Writes the ranking and its summary, once.  CF_OK, or CF_ESYSTEM when
 * the sink failed or memory ran out. */
cf_status cf_ranking_write(cf_ranking *rk, const cf_rank_write_opts *w, cf_sink sink, void *ctx);

/* The counselor's advice on a report of profile p: failed gates first
 * with what would pass them, the next tier and what reaches it, then the
 * steps in order of points (gaps one what-if closes taken as one step,
 * each tried on a copy of p), with their advice; with alt (the report of
 * the same profile after cf_profile_with), what the "with" changes would
 * give.  In *out (cf_free). */
typedef enum cf_advice_format { CF_ADVICE_TEXT, CF_ADVICE_JSON, CF_ADVICE_MD, CF_ADVICE_HTML } cf_advice_format;
typedef struct cf_advice_opts {
    cf_advice_format format;
    size_t top;                  /* steps shown; 0: all */
    size_t max_lines;            /* text: no more steps than fit (a screen); 0: no limit */
    const cf_report *alt;        /* or NULL */
    const char *const *with;     /* what alt was made with */
    size_t nwith;
    int color;                   /* text: colour the score and standing */
} cf_advice_opts;
cf_status cf_advice_write(const cf_report *rep, const cf_profile *p, const cf_advice_opts *o, char **out,
                          size_t *len);

/* A counselor's caseload: each student's page of advice (cf_advice_write
 * in o->format, in *out), and an index of them all in brief, closest to
 * the next tier first: the score and tier, the next tier and the points
 * and requirements it lacks, the next step, the failed gate; given last
 * term's index (its JSON, cf_caseload_previous), who moved.  The index is
 * written as HTML, Markdown or JSON (format coderfit-caseload/1), the
 * rubric of the reports still alive. */
typedef struct cf_caseload cf_caseload;
cf_caseload *cf_caseload_new(void);   /* NULL when out of memory */
cf_status cf_caseload_add(cf_caseload *cl, const cf_report *rep, const cf_profile *p, const cf_advice_opts *o,
                          const char *href, char **out, size_t *len);
/* CF_EINPUT, with why in d, when text (of file) is not a caseload's index. */
cf_status cf_caseload_previous(cf_caseload *cl, const char *file, const char *text, size_t len, cf_diags *d);
cf_status cf_caseload_write(cf_caseload *cl, cf_advice_format f, char **out, size_t *len);
void cf_caseload_free(cf_caseload *cl);

/* The JSON Schema (draft 2020-12) of a document coderfit reads or writes,
 * by name: "profile", "report", "rubric", "ranking", "advice", "diff",
 * "lint", "audit" or "validation"; pretty-printed with a final newline, in *out
 * (cf_free).  CF_EUSAGE when name is unknown. */
cf_status cf_schema(const char *name, char **out, size_t *len);
/* The names cf_schema knows, in that order, the last NULL. */
const char *const *cf_schema_names(void);

/* A JSON Resume to fill in: every field the importer reads, empty, with a
 * note under "//" in each part (never read).  It loads without a warning. */
extern const char cf_resume_template[];

/* ---- blind review ----------------------------------------------------------
 * A run's blind key: a secret of 128 bits, drawn for the run or read back
 * from the key file of an earlier one (so that the same file gets the same
 * id in both).  The opaque id of a source is "applicant-" and 12 hex digits
 * of its SipHash-2-4 under the key: without the key, no one can tell which
 * file an id stands for by hashing file names.  A report made blind has
 * that id as its source, its fingerprint keyed the same way, and every
 * string it quotes from the profile (evidence and warnings) with the
 * applicant's name (and each word of it), contact details, address, links,
 * institution and employer names, any e-mail address or phone number, and
 * any key the profile named that coderfit does not know, replaced by
 * "[redacted]".  p is the profile the report was made from. */
struct cf_blind_key {
    uint64_t k[2];
};
/* A new secret from the system's random source; CF_ESYSTEM when it fails. */
cf_status cf_blind_key_new(cf_blind_key *key);
/* The key as 32 hex digits (and a NUL), and back: 0, or -1 when s is not one. */
void cf_blind_key_format(const cf_blind_key *key, char out[33]);
int cf_blind_key_parse(const char *s, cf_blind_key *key);
/* A key file that --key wrote (a CSV of id,source rows and a last row
 * "secret,HEX"): each row to row(ctx, id, source), which returns 0 or -1
 * (out of memory); the secret in *key, *have set when there is one.
 * Returns 0, -1 when text is not such a file (*line: where), -2 when memory
 * ran out. */
int cf_blind_key_read(const char *text, size_t len, cf_blind_key *key, int *have,
                      int (*row)(void *ctx, const char *id, const char *source), void *ctx, unsigned *line);
#define CF_BLIND_ID_SIZE 24
void cf_blind_id(const cf_blind_key *key, const char *source, char out[CF_BLIND_ID_SIZE]);
cf_status cf_report_blind(cf_report *rep, const cf_profile *p, const cf_blind_key *key);

/* ---- validation --------------------------------------------------------------
 * How the scores went with what happened to the people scored: outcomes
 * (hired, audited accuracy, productivity, still employed, a rating) from a
 * CSV file whose header names a key column (id, email or source, as the
 * reports give them) and the outcomes.  For the score and each quality
 * against each outcome: n, Pearson's r and Spearman's rho with 95%
 * intervals, the AUC of a yes/no outcome, the outcome per 10 points, the
 * mean outcome by tier, and a sentence; fewer than 30 people is "too few
 * to conclude", and an outcome measured only for some (the hired) is
 * flagged as range-restricted with Thorndike's correction beside it.
 * docs/validation.md says what the figures mean. */
#define CF_VALIDATION_FORMAT "coderfit-validation/1"
typedef struct cf_validation cf_validation;
typedef enum cf_outcome_kind {
    CF_OUTCOME_YESNO, CF_OUTCOME_PERCENT, CF_OUTCOME_NUMBER, CF_OUTCOME_RATING,
    CF_OUTCOME_AUTO     /* read from the values */
} cf_outcome_kind;
typedef struct cf_outcome_spec {
    const char *name;
    cf_outcome_kind kind;
} cf_outcome_spec;
typedef enum cf_validation_format {
    CF_VALIDATION_TEXT, CF_VALIDATION_JSON, CF_VALIDATION_MD, CF_VALIDATION_HTML
} cf_validation_format;
const char *cf_outcome_kind_name(cf_outcome_kind k);
/* "yesno", "percent", "number" or "rating": 0, else -1. */
int cf_outcome_kind_parse(const char *s, cf_outcome_kind *k);
cf_validation *cf_validation_new(void);
void cf_validation_free(cf_validation *v);
/* An applicant: a report just made, or a saved one (rank -f ndjson: a line
 * that is not a report is not taken, *taken 0). */
cf_status cf_validation_add(cf_validation *v, const cf_report *rep);
cf_status cf_validation_add_report(cf_validation *v, const char *file, unsigned line, const char *text,
                                   size_t len, int *taken, cf_diags *d);
size_t cf_validation_count(const cf_validation *v);
/* The outcomes file (CSV, or JSON records): the columns specs names (nspecs 0: every column
 * but the keys, each of the kind its values show).  A value that cannot be
 * read is a warning at its line and column, and left out: never a zero. */
cf_status cf_validation_outcomes(cf_validation *v, const char *file, const char *text, size_t len,
                                 const cf_outcome_spec *specs, size_t nspecs, cf_diags *d);
/* The demographics (cf_audit_demographics) to give the figures by group
 * with: each sex and race/ethnicity category of at least 30 people, and
 * Cleary's test of one regression line for a group and the largest of its
 * dimension.  demographics must outlive v's writing. */
typedef struct cf_audit cf_audit;   /* below */
void cf_validation_groups(cf_validation *v, cf_audit *demographics);
/* Joins the outcomes to the applicants (warnings to d: a key that names
 * two, a row joined twice) and writes the figures. */
cf_status cf_validation_write(cf_validation *v, cf_validation_format f, char **out, size_t *len, cf_diags *d);
/* After cf_validation_write: outcome rows joined to no applicant, and
 * applicants with no row. */
void cf_validation_unmatched(const cf_validation *v, size_t *rows, size_t *applicants);

/* ---- adverse-impact audit ---------------------------------------------------
 * Selection and scoring rates and impact ratios by sex, race/ethnicity (the
 * EEO-1 categories) and the two crossed: the four-fifths rule of 29 CFR
 * 1607.4(D) and the bias audits of New York City's Local Law 144.  A
 * category holding under 2% of the applicants is left out of the ratios; a
 * ratio under 0.8 is flagged.  docs/fairness.md has the formulas. */
typedef struct cf_audit cf_audit;

typedef enum cf_select_kind { CF_SELECT_TIER, CF_SELECT_TOP, CF_SELECT_MIN_SCORE } cf_select_kind;
typedef struct cf_audit_select {
    cf_select_kind kind;
    const char *const *tiers;   /* CF_SELECT_TIER: these tier ids */
    size_t ntiers;
    size_t top;                 /* CF_SELECT_TOP: the best N by score, then source */
    double min_score;           /* CF_SELECT_MIN_SCORE: score (as printed) >= this */
} cf_audit_select;

typedef enum cf_audit_format { CF_AUDIT_TEXT, CF_AUDIT_CSV, CF_AUDIT_JSON, CF_AUDIT_MD } cf_audit_format;

cf_audit *cf_audit_new(void);
void cf_audit_free(cf_audit *a);
/* The demographics of each of sources[0..n) (reports' or profiles'): the
 * EEO-1 sex and race/ethnicity category indices, -1 where the row says
 * unknown, -2 (both) where no row joins the source.  Joined as the audit
 * joins (cf_audit_write); rows joined are marked for cf_audit_unmatched. */
cf_status cf_audit_join(cf_audit *a, size_t n, const char *const *sources, int *sex, int *race);
/* The name of an EEO-1 category index: sex (dim 0) or race/ethnicity (1). */
const char *cf_audit_category(int dim, int index);
/* Blind review's key (the secret of a --key file): with it, blind reports
 * join demographics kept by source, and profiles join demographics kept by
 * blind id.  Without it, only the ids as written join. */
void cf_audit_key(cf_audit *a, const cf_blind_key *key);
/* Adds a scored applicant: its source (a profile path, or FILE:LINE), its
 * score (rounded to one decimal, as printed) and tier id. */
cf_status cf_audit_add(cf_audit *a, const char *source, double score, const char *tier);
size_t cf_audit_count(const cf_audit *a);
/* Whether any applicant added so far is in the tier with this id. */
int cf_audit_has_tier(const cf_audit *a, const char *id);
/* One JSON document from a report file (score -f ndjson, rank -f ndjson),
 * starting at line `line` of file: a report is added; an error record of
 * rank is CF_EINPUT with a diagnostic naming the input that failed.  *taken
 * is 0 when the document is neither (read it as a profile). */
cf_status cf_audit_add_report(cf_audit *a, const char *file, unsigned line, const char *text, size_t len,
                              int *taken, cf_diags *d);
/* Reads a demographics file: CSV with a header naming source, sex and
 * race_ethnicity, or JSON (an array of such records, or an object keyed by
 * source).  Empty, "unknown" or "declined" are unknown categories.
 * CF_EINPUT with positioned diagnostics, or CF_ESYSTEM. */
cf_status cf_audit_demographics(cf_audit *a, const char *file, const char *text, size_t len,
                                cf_diags *d);
/* The audit in *out (cf_free); rule is the selection as the user gave it.
 * With smallest, also the smallest impact ratio (selection or scoring) of a
 * category counted in the ratios, -1 when there is none (nothing could be
 * judged).  Applicants are joined to demographics by source, its path
 * normalised (./a//b.json is a/b.json), or by the row whose path the
 * source's ends with (an absolute path, a row of file names). */
cf_status cf_audit_write(cf_audit *a, const cf_audit_select *sel, const char *rule, cf_audit_format f,
                         char **out, size_t *len, double *smallest);
/* Of the last audit written: the applicants joined to no demographics row,
 * and the rows joined to no applicant. */
void cf_audit_unmatched(const cf_audit *a, size_t *applicants, size_t *rows);
/* Whether the text that cf_audit_write makes is coloured (flags in red). */
void cf_audit_color(cf_audit *a, int on);

#endif
