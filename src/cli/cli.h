/* The command-line front end: what the subcommands share. */
#ifndef CF_CLI_H
#define CF_CLI_H

#include <getopt.h>   /* optarg and optind, which the option loops use */
#include <stdio.h>
#include "coderfit.h"

#define CF_DEFAULT_MAX_INPUT (16UL * 1024 * 1024)

/* The outcome of option parsing: a value, never an exit. */

typedef enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } cli_color;

/* Options common to the commands that read profiles. */
typedef struct cli_opts {
    const char *rubric;        /* NULL: the embedded rubric */
    const char *as_of_text;
    cf_day as_of;
    const char *format;        /* as given, NULL for the default */
    int format_index;          /* its place in the command's formats */
    const char *output;        /* NULL: stdout */
    cli_color color;
    int quiet;
    unsigned long max_input;
    int blind;                 /* --blind: reports name an opaque id */
    int strict;                /* --strict: a profile with a field left out is refused */
    int verbose;               /* --verbose: say what is left alone (hidden files) */
    const char *key;           /* --key FILE: where the id-to-source key goes */
    cf_blind_key blind_key;    /* the run's secret (cli_key_begin) */
    cf_status opt_error;       /* CLI_OPT_ERROR that is not a usage error (out of memory) */
} cli_opts;

/* Common option handling inside a command's option loop: returns 1
 * when it consumed option c, 0 when c is not a common option, -1 on a bad
 * value (message already printed). */
enum {
    OPT_AS_OF = 1000, OPT_COLOR, OPT_MAX_INPUT, OPT_BLIND, OPT_KEY, OPT_STRICT
};
int cli_common_option(cli_opts *o, int c, const char *arg, const char *cmd);
/* Sets the defaults, and starts option parsing at argv[1]. */
void cli_opts_init(cli_opts *o);

/* A command's options, described once: the parser, --help, and through
 * --help the manual page and the shell completions (tests/docs.sh checks
 * them against each other) all come from this table. */
typedef struct cli_option {
    const char *name;          /* long name, without "--" */
    int val;                   /* a letter (also the short option), or OPT_* */
    const char *arg;           /* the value's name in --help, NULL for none */
    const char *help;          /* lines after the first indented to match;
                                  NULL: an alias of the entry before it */
} cli_option;

typedef struct cli_command {
    const char *name;
    const char *summary;       /* one line for 'coderfit --help' */
    const char *usage;         /* "usage: ..." lines and the description */
    const cli_option *options; /* ends with a NULL name; -h is added */
    const char *const *formats;/* for -f, NULL-terminated, the default first */
    const char *after;         /* notes and the exit status */
} cli_command;

/* The common options, described once for every command that takes them
 * (cli_common_option handles them). */
#define CLI_OPTION_AS_OF {"as-of", OPT_AS_OF, "YYYY-MM-DD", "the day date rules count from (default: today)"}
#define CLI_OPTION_OUTPUT {"output", 'o', "FILE", "write to FILE (atomically) instead of stdout"}
#define CLI_OPTION_RUBRIC                                                                          \
    {"rubric", 'r', "FILE", "rubric file or built-in id to score with (default: $CODERFIT_RUBRIC, "    \
                            "else medical-coder)"}
#define CLI_OPTION_MAX_INPUT                                                                       \
    {"max-input-size", OPT_MAX_INPUT, "SIZE", "largest file, or record of a stream, accepted: "     \
                                              "512K, 16M (default), 1G"}
#define CLI_OPTION_COLOR                                                                           \
    {"color", OPT_COLOR, "WHEN", "colour text output: auto (default), always, never"},             \
    {"colour", OPT_COLOR, "WHEN", NULL}
#define CLI_OPTION_BLIND                                                                           \
    {"blind", OPT_BLIND, NULL, "name each applicant by an opaque id (keyed for the run), "         \
                               "and cut names, contact details, addresses and institutions "       \
                               "out of the report"},                                               \
    {"key", OPT_KEY, "FILE", "write the id-to-source key to FILE, or add to that key "         \
                             "(its ids stay the same; implies --blind)"}

#define CLI_OPTION_STRICT                                                                          \
    {"strict", OPT_STRICT, NULL, "refuse a profile with a field that cannot be used (an "         \
                                 "unreadable date, a wrong type, a duplicate key) instead of "     \
                                 "leaving the field out with a warning"}

/* Prints a command's --help. */
void cli_help(FILE *f, const cli_command *cmd);

/* The next option of a command's arguments (getopt_long over cmd's table):
 * -1 at the end (optind is the first operand; a -f value has been checked
 * against cmd's formats and its index set in o->format_index), 0 for a
 * common option (handled), CLI_OPT_HELP after printing the help (exit 0),
 * CLI_OPT_ERROR after printing a usage error (exit 2), else the val of a
 * command's own option, with its value in optarg. */
enum { CLI_OPT_HELP = -2, CLI_OPT_ERROR = -3 };
int cli_option_next(const cli_command *cmd, int argc, char **argv, cli_opts *o);

/* Runs cli_option_next to the end for a command with no options of its
 * own: -1 when the operands follow (from optind), else the exit status to
 * return (CF_OK after --help, CF_EUSAGE after a usage error). */
int cli_getopt(int argc, char **argv, const cli_command *cmd, cli_opts *o);

/* Writes a series of JSON documents: one object alone, an array of them, or
 * one per line.  An array is used when the inputs could hold several
 * profiles (several operands, stdin, a stream file), so that one file
 * always gives one object and scripts can rely on the shape. */
typedef struct cli_list {
    FILE *f;
    int array, ndjson, count;
} cli_list;

void cli_list_begin(cli_list *l, FILE *f, int ndjson, char **paths, int n);
/* Adds one document (s may end in a newline). */
void cli_list_add(cli_list *l, const char *s, size_t len);
void cli_list_end(cli_list *l);


/* Prints "coderfit: CMD: message" to stderr. */
void cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints each diagnostic as "coderfit: FILE:LINE:COL: error: ... [rule]". */
void cli_print_diags(cf_diags *d);
/* The errors of d only (the rubric a command scores with: its warnings are
 * lint's). */
void cli_print_errors(cf_diags *d);
/* One diagnostic on stderr: "coderfit: FILE:LINE:COL: error: ... [rule]". */
void cli_diag(const cf_diag *dg);
/* An error of an input, at FILE[:LINE:COL] (line 0: the whole input). */
void cli_fail(const char *file, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* rank's progress line, drawn over itself on stderr ("\r\033[K" first);
 * a message clears it first.  cli_progress_end clears it for good. */
void cli_progress(const char *line);
void cli_progress_end(void);
/* Prints a usage error and a pointer to --help; returns CF_EUSAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reads a whole input ("-" is stdin) of at most max bytes into a
 * NUL-terminated buffer (free()).  On failure returns CF_EINPUT or
 * CF_ESYSTEM with a message in errbuf. */
/* The reader of rubrics that a rubric extends by path (cf_rubric_reader;
 * ctx is the cli_opts). */
int cli_rubric_reader(void *ctx, const char *from, const char *ref, char **name, char **text, size_t *len,
                      char *err, size_t errsize);
/* A rubric's text: the file path, or the built-in rubric of that id when
 * there is no such file (*builtin set: the text is static). */
cf_status cli_rubric_text(const cli_opts *o, const char *path, char **text, size_t *len, int *builtin);
cf_status cli_read_input(const char *path, unsigned long max, char **buf, size_t *len,
                         char *errbuf, size_t errsize);

/* Loads the rubric named by o->rubric, or the embedded one; prints
 * problems.  Returns CF_OK or the exit status. */
cf_status cli_load_rubric(const cli_opts *o, cf_rubric **r);
/* Checks the tier ids a selection names (rank --tier, audit --select
 * tier=...): each must be a tier of r (with labels set, its id or its label,
 * case ignored) or, when seen is given, one that an
 * input had (reports may come from another rubric).  On the first that is
 * neither, prints a usage error naming r's tiers and returns CF_EUSAGE. */
typedef int (*cli_tier_seen_fn)(const void *ctx, const char *id);
cf_status cli_check_tiers(const char *cmd, const char *opt, const cf_rubric *r, const char *const *ids,
                          size_t n, int labels, cli_tier_seen_fn seen, const void *ctx);

/* Output: stdout, or FILE written to a temporary file in the same folder
 * and renamed over FILE only when complete. */
typedef struct cli_out {
    FILE *f;
    char *tmp;                /* the temporary file, renamed over target */
    char *target;             /* the file written (a link's target) */
    const char *path;         /* as given */
    int direct;               /* written straight to path */
} cli_out;

/* Opens FILE (NULL or "-": stdout) for writing: a regular file or a new
 * path through a temporary file beside it (removed on SIGINT, SIGTERM or
 * SIGHUP), an existing file keeping its mode, owner and group; a symbolic
 * link's target (a link to nothing is refused, CF_EUSAGE, as a folder is);
 * a device, FIFO or socket, and a file with other hard links, written
 * straight.  A new file gets mode & ~umask. */
cf_status cli_out_open_mode(cli_out *out, const char *path, unsigned mode);
cf_status cli_out_open(cli_out *out, const char *path);
/* Completes the output (rename); CF_ESYSTEM on a write error. */
cf_status cli_out_close(cli_out *out);
/* Abandons the output: the temporary file is removed, FILE untouched.  A
 * write that failed is named, with why. */
void cli_out_abort(cli_out *out);
/* fwrite and fputs to an output, keeping the errno of the first write that
 * fails (stdio keeps only that one failed). */
void cli_write(FILE *f, const void *s, size_t n);
void cli_puts(FILE *f, const char *s);
/* Why writes to f failed (the errno kept, or a failed flush's); 0 if none. */
int cli_write_errno(FILE *f);
/* The message of a command ending with CF_ESYSTEM: the cause the library
 * named (an internal limit, or a bug), else none when a write failed
 * (cli_out_close or cli_out_abort named it; main names standard output's,
 * after its flush), else that memory ran out. */
void cli_system_error(const char *cmd);
/* A system error was named where it happened: cli_system_error adds none. */
void cli_system_error_said(void);
/* Whether text output to out should be coloured, and its width: the
 * terminal's, else $COLUMNS, else 0 (not a terminal). */
int cli_out_color(const cli_out *out, cli_color c);
/* The same before the output is open: to OUTPUT (a file) or, when NULL,
 * standard output. */
int cli_color_on(cli_color c, const char *output);
int cli_out_width(const cli_out *out);
/* The rows of the terminal on standard output: LINES, else 24. */
int cli_screen_rows(void);
/* The width of stderr's terminal, else $COLUMNS, else 0 (not known). */
int cli_stderr_width(void);

/* Walks a folder and its subfolders in name order, calling on_file for each
 * file cli_is_input_file takes (profiles and resumes, case ignored; with
 * its size), on_skip
 * (when not NULL) for every other entry that is not read (hidden: a name
 * starting with ".", file or folder, left alone) and on_error for a folder
 * that cannot be read.  Links to folders are not followed.  Returns 0, or
 * the first non-zero a callback returned (-1: out of memory). */
typedef int (*cli_file_fn)(void *ctx, const char *path, unsigned long long size);
typedef int (*cli_skip_fn)(void *ctx, const char *path, int hidden);
/* hidden is CLI_SKIP_IRREGULAR for an entry whose name is a profile's but
 * that is not a regular file (a FIFO, a socket, a device, a link to a
 * folder): not read, and said so. */
#define CLI_SKIP_IRREGULAR 2
/* Says on stderr that path is skipped as not a regular file. */
void cli_irregular_warning(const char *cmd, const char *path);
typedef int (*cli_error_fn)(void *ctx, const char *path, const char *message);
int cli_walk(const char *dir, cli_file_fn on_file, cli_skip_fn on_skip, cli_error_fn on_error, void *ctx);
/* The same for the files whose path accept takes. */
typedef int (*cli_name_fn)(const char *path);
int cli_walk_names(const char *dir, cli_name_fn accept, cli_file_fn on_file, cli_skip_fn on_skip,
                   cli_error_fn on_error, void *ctx);
/* The warning for the files of a folder that were not read (paths[0..n),
 * at most ten named): "skipped N files not read: ...; CF_CONVERT_HINT". */
void cli_skipped_warning(const char *cmd, char *const *paths, size_t n);
/* A folder named in which the walk found nothing to read. */
#define CLI_NO_INPUT_FILE                                                                                       \
    "no profile or resume file in this folder (*.json, *.jsonl, *.ndjson, *.pdf, *.docx, *.odt, *.txt, *.md)"
/* *.json, *.jsonl, *.ndjson: profiles; and those or *.pdf, *.docx,
 * *.odt, *.txt, *.md, *.markdown (resumes): what a folder's walk reads. */
int cli_is_profile_file(const char *path);
int cli_is_input_file(const char *path);
/* "-" and *.jsonl / *.ndjson are streams of profiles (cf_split_mode_of). */
int cli_is_stream(const char *path);

/* The records of a stream, or of a chunk of whole records of one. */
typedef struct cli_records {
    const char *text;
    size_t len, pos;
    unsigned line;            /* the line of text[pos] */
    cf_split_mode mode;
} cli_records;
/* The next record that is not blank: *s and *n (without its newline) and
 * the line it starts on; 0 at the end. */
int cli_records_next(cli_records *it, const char **s, size_t *n, unsigned *line);
/* After the record s[0..n) from line went wrong as JSON at err_line (or,
 * when 0, could not be read at all): a stream of pretty-printed texts goes
 * on from the next one that starts inside it, so that a truncated text
 * loses no other. */
void cli_records_resync(cli_records *it, const char *s, size_t n, unsigned line, unsigned err_line);
/* The line of the first error in d when it is one of JSON syntax, else 0. */
unsigned cli_json_error_line(const cf_diags *d);

/* Streams are read in chunks of whole records: at least CLI_CHUNK bytes
 * (fewer at the end), at most CLI_CHUNK more than the size limit. */
#define CLI_CHUNK (256u * 1024)
typedef struct cli_chunk {
    const char *path;         /* the operand ("-": stdin) */
    const char *data;         /* whole records, valid during the call */
    size_t len;
    unsigned first_line;      /* the line of data[0] */
    cf_split_mode mode;
    int first, last;          /* the stream's first and last chunk */
} cli_chunk;
typedef cf_status (*cli_chunk_fn)(void *ctx, const cli_chunk *c);
/* A stream that cannot be opened or read (line 0: opened): returns the
 * status to carry on with. */
typedef cf_status (*cli_fail_fn)(void *ctx, const char *path, unsigned line, const char *message);
/* Reads the stream at path and calls fn with each chunk of it, in order;
 * a record longer than max comes whole or cut short, for the consumer to
 * refuse.  Returns CF_OK, CF_ESYSTEM, or what fn or fail returned. */
cf_status cli_stream_chunks(const char *path, unsigned long max, cli_chunk_fn fn, cli_fail_fn fail, void *ctx);

/* One record of a chunk, for cli_chunk_records's callback. */
typedef struct cli_record {
    const char *path;
    const char *text;         /* without its newline */
    size_t len;
    unsigned line;            /* where it starts */
    cf_split_mode mode;
    int alone;                /* the stream's only record */
    int too_long;             /* longer than the limit: refuse it */
    unsigned json_err;        /* set by the callback: the line of a JSON
                                 syntax error in it, to resynchronise */
} cli_record;
typedef cf_status (*cli_record_fn)(void *ctx, cli_record *rec);
/* Calls fn with each record of c that is not blank; a pretty-printed text
 * that was too long or not JSON is followed by the next one that starts
 * inside it.  Returns CF_OK or fn's first failure. */
cf_status cli_chunk_records(const cli_chunk *c, unsigned long max, cli_record_fn fn, void *ctx);
/* "line (or JSON text) longer than the input size limit (N bytes)". */
void cli_record_too_long(const cli_record *rec, unsigned long max, char *msg, size_t size);
/* When rec is too long, says so on stderr ("PATH:LINE:1: error: ...") and
 * returns 1. */
int cli_record_refused(const cli_record *rec, unsigned long max);

/* A PDF's text as the XML of poppler-utils' pdftohtml (pdf.c), which is
 * run without a shell, within CODERFIT_PDF_SECONDS (default 30) and 16
 * times max bytes of output.  CF_OK with *xml (cf_free); CF_EINPUT with a
 * message in err (the program missing, the PDF locked, unreadable, too
 * slow); CF_ESYSTEM. */
cf_status cli_pdf_text(const char *path, unsigned long max, char **xml, size_t *len, char *err, size_t errsize);

/* ---- one way from an input to a report (pipeline.c) ---------------------
 * An input (a file, or a record of a stream) is read, imported, checked
 * (--strict: a field left out refuses it), named by its line when it is a
 * record, scored (CLI_FIGURES: without the evidence), made blind (--blind,
 * --key) and handed to take; one that is refused is said on stderr (its
 * messages sorted, at most 100) and handed to refuse.  Warnings are said
 * unless -q. */
typedef enum cli_scoring { CLI_READ, CLI_FIGURES, CLI_REPORT } cli_scoring;

/* What an input became, for take: valid during the call.  p and rep are in
 * the input's arena, which take is outside of: what the command keeps it
 * allocates itself. */
typedef struct cli_result {
    const char *source;       /* the file ("-": stdin) */
    unsigned line;            /* a record of a stream: its line; else 0 */
    const char *text;         /* what was read */
    size_t len;
    cf_profile *p;
    cf_report *rep;           /* NULL with CLI_READ */
    const cf_diags *d;        /* its warnings */
} cli_result;

typedef cf_status (*cli_take_fn)(void *ctx, const cli_result *res);
typedef struct cli_pipeline {
    const cli_opts *o;
    const cf_rubric *r;       /* NULL: CLI_READ */
    cli_scoring scoring;
    cf_day as_of;             /* dates count to this day (o->as_of) */
    int silent;               /* nothing said on stderr: refuse says it */
    /* A document that is not to be read as a profile (audit's saved
     * reports): doc returns 1 when it took it, with the status in *st. */
    int (*doc)(void *ctx, const char *source, const char *text, size_t len, unsigned line, cf_status *st);
    cli_take_fn take;
    /* An input refused: its source, the first error at line:col (0: none)
     * as "message [rule]", and its diagnostics (NULL when it could not be
     * read at all). */
    cf_status (*refuse)(void *ctx, const char *source, unsigned line, unsigned col, const char *message,
                        const cf_diags *d);
    void *ctx;
    unsigned long *refused;   /* when set, counts the inputs refused */
} cli_pipeline;

/* Everything zero but these (as_of from o). */
void cli_pipeline_init(cli_pipeline *pl, const cli_opts *o, const cf_rubric *r, cli_scoring scoring,
                       cli_take_fn take, void *ctx);
/* The text of one input, source (its line when record is set: a stream's
 * record), in the arena a (reset after it; NULL: none).  *json_err (when
 * given): the line of a JSON syntax error in it, else 0.  Returns CF_OK
 * (a refused input too) or the first failure of the steps or callbacks:
 * CF_ESYSTEM, or what take or refuse returned. */
cf_status cli_pipeline_text(const cli_pipeline *pl, cf_arena *a, const char *source, const char *text, size_t len,
                            unsigned line, int record, unsigned *json_err);
/* A file read whole (a file that cannot be read is refused). */
cf_status cli_pipeline_file(const cli_pipeline *pl, cf_arena *a, const char *path);
/* A record of a stream (one over the size limit is refused). */
cf_status cli_pipeline_record(const cli_pipeline *pl, cf_arena *a, cli_record *rec);
/* Every input of the operands in order: folders searched as cli_walk
 * does; "-" (stdin) and *.jsonl / *.ndjson streams of records, each named
 * FILE:LINE; other files one profile each.  CF_OK (inputs refused or not),
 * or the first failure. */
cf_status cli_pipeline_run(const cli_pipeline *pl, char **paths, int n);
/* What a command's doc hook does with a saved report it gave to a
 * library reader (audit's, validate's): the diagnostics printed and
 * cleared, an input that failed counted in *failed and not an error of
 * the run; returns the hook's answer (taken, or a system error in *st). */
int cli_saved_taken(cf_status added, int taken, cf_diags *d, unsigned long *failed, cf_status *st);
/* The same with a pipeline of these, the inputs refused counted in
 * *refused. */
cf_status cli_each_input(const cli_opts *o, const cf_rubric *r, cli_scoring scoring, cli_take_fn take, void *ctx,
                         char **paths, int n, unsigned long *refused);

/* Pages written into a folder, one per profile (--output-dir), beside the
 * index that lists them (pages.c). */
typedef struct cli_pages {
    const char *dir;
    char **names;             /* the names given so far */
    size_t n, cap;
} cli_pages;
/* Makes the folder when it is not there: CF_OK, or the exit status after
 * saying why. */
cf_status cli_pages_open(cli_pages *pg, const char *dir);
/* A page's name, from the report's source, with the extension ext
 * ("html", "md"): unique in the folder, never the index's; NULL when out
 * of memory. */
const char *cli_page_name(cli_pages *pg, const char *source, const char *ext);
/* Writes a page (or the index) into the folder, atomically. */
cf_status cli_page_write(const cli_pages *pg, const char *name, const char *s, size_t len);
void cli_pages_free(cli_pages *pg);

/* rank's inputs, scored on jobs threads into all (rank_pool.c): the
 * operands and the files of folders, in order; a stream's records and each
 * file's failure are reported on stderr and kept in the ranking, whole
 * reports only when ro->keep_reports.  CF_OK or CF_ESYSTEM. */
typedef struct rank_input {
    char *path;
    int stream;               /* a stream of records, not one profile */
    unsigned long long size;
} rank_input;
cf_status rank_score(const cli_opts *o, const cf_rubric *r, long jobs, const rank_input *in, size_t n,
                     const cf_rank_opts *ro, cf_ranking *all);

/* Blind review's key, once the options are read: the secret of the key
 * file --key names when it holds one (its rows kept, so that the same file
 * gets the same id and the key keeps un-blinding the earlier runs), else a
 * new one.  0, or -1 after a usage error (a --key file that coderfit did
 * not write, the system's random source failing). */
int cli_key_begin(const char *cmd, cli_opts *o);
/* Blind review: makes rep blind (cf_report_blind) and, with --key, notes
 * its id and source for the key (thread-safe).  CF_OK or CF_ESYSTEM. */
cf_status cli_blind(const cli_opts *o, cf_report *rep, const cf_profile *p);
/* With --key, writes the key: a CSV of id and source, sorted by id, to
 * o->key (atomically).  Frees what cli_blind kept. */
cf_status cli_key_write(const cli_opts *o);
/* Frees what cli_blind kept, when the key is not written (a command that
 * failed first). */
void cli_key_drop(void);

/* The fault-injection build (fault.c): whether allocations made while the
 * rubric loads neither count nor fail (CODERFIT_FAIL_RUBRIC unset), the
 * descriptors open, and the loop that runs a command with each allocation
 * failing in turn, a forked child a run (CODERFIT_FAULT_SWEEP=NAME): 0
 * when every run ended as it should, CF_NO otherwise. */
extern int cli_fault_rubric_paused;
typedef int (*cli_main_fn)(int argc, char **argv);
int cli_fault_open_fds(void);
int cli_fault_sweep(const char *name, cli_main_fn run, int argc, char **argv);

/* Subcommands: each with its description. */
#define CLI_COMMAND(n) int cmd_##n(int argc, char **argv); extern const cli_command cli_##n
CLI_COMMAND(score);
CLI_COMMAND(rank);
CLI_COMMAND(advise);
CLI_COMMAND(audit);
CLI_COMMAND(validate);
CLI_COMMAND(convert);
CLI_COMMAND(lint);
CLI_COMMAND(test);
CLI_COMMAND(diff);
CLI_COMMAND(show);
CLI_COMMAND(schema);
CLI_COMMAND(template);
#undef CLI_COMMAND

#endif
