/* Operands to records.  A file holds one profile (or report) and is read
 * whole, within the size limit; a stream (stdin, *.ndjson, *.jsonl, a
 * pipe) is read in chunks of whole records, the limit applying to each
 * record, so that memory stays bounded however long the stream is.  The
 * sequential commands take the records in order (cli.c); rank hands the
 * chunks to its workers (cmd_rank.c). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

/* Whether s ends in suffix, case ignored: carla.JSON is a JSON file. */
static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

/* strerror, safe in threads */
static void put_errno(char *buf, size_t size, int e)
{
    if (strerror_r(e, buf, size) != 0)
        snprintf(buf, size, "error %d", e);
}

/* ---- reading ------------------------------------------------------------------ */

/* Opens path ("-": stdin) to read: a regular file or a pipe, of at most max
 * bytes when whole is set.  The descriptor, or -1 with a message. */
static int open_input(const char *path, unsigned long max, int whole, long long *regular, char *errbuf,
                      size_t errsize)
{
    *regular = -1;   /* the size of a regular file, else -1 */
    if (strcmp(path, "-") == 0)
        return STDIN_FILENO;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer (a named FIFO
     * that has none reads as empty). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        put_errno(errbuf, errsize, errno);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(errbuf, errsize, "is a directory");
    } else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        snprintf(errbuf, errsize, "not a regular file or a pipe (to read a device, use - for stdin)");
    } else if (whole && (unsigned long long)st.st_size > max) {
        snprintf(errbuf, errsize, "larger than the input size limit (%lu bytes; see --max-input-size)", max);
    } else if (S_ISREG(st.st_mode)) {
        *regular = (long long)st.st_size;   /* O_NONBLOCK means nothing to a file */
        return fd;
    } else {
        int flags = fcntl(fd, F_GETFL);
        if (flags >= 0)
            fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        return fd;
    }
    close(fd);
    return -1;
}

static void close_input(int fd)
{
    if (fd != STDIN_FILENO)
        close(fd);
}

/* read(2), again after a signal; -1 with a message. */
static ssize_t read_some(int fd, char *buf, size_t n, char *errbuf, size_t errsize)
{
    ssize_t r;
    while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
        ;
    if (r < 0)
        put_errno(errbuf, errsize, errno);
    return r;
}

cf_status cli_read_input(const char *path, unsigned long max, char **buf, size_t *len,
                         char *errbuf, size_t errsize)
{
    *buf = NULL;
    *len = 0;
    long long regular;
    int fd = open_input(path, max, 1, &regular, errbuf, errsize);
    if (fd < 0)
        return CF_EINPUT;
    /* a file's size is known: one read of a byte more than it says, whose
     * shortness is the end (a file that grows meanwhile is read on) */
    size_t cap = regular >= 0 ? (size_t)regular + 1 : 65536, n = 0;
    char *b = cf_malloc(cap + 1);
    cf_status st = b ? CF_OK : CF_ESYSTEM;
    while (st == CF_OK) {
        if (n == cap) {
            char *nb = cap > max ? NULL : cf_realloc(b, cap * 2 + 1);
            if (!nb) {
                st = cap > max ? CF_EINPUT : CF_ESYSTEM;
                break;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read_some(fd, b + n, cap - n, errbuf, errsize);
        if (r <= 0) {
            if (r < 0)
                st = CF_EINPUT;
            break;
        }
        n += (size_t)r;
        if (regular >= 0 && n < cap)
            break;
    }
    close_input(fd);
    if (st == CF_OK && n > max)
        st = CF_EINPUT;
    if (st != CF_OK) {
        if (st == CF_ESYSTEM)
            snprintf(errbuf, errsize, "out of memory");
        else if (n > max)
            snprintf(errbuf, errsize, "larger than the input size limit (%lu bytes; see --max-input-size)", max);
        cf_free(b);
        return st;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return CF_OK;
}

/* The length of buf's whole records: up to its last newline (NDJSON), or
 * to the end of its last whole pretty-printed text, *known (kept from call
 * to call as buf fills) being where the last one found ends. */
static size_t whole_records(cf_split_mode mode, const char *buf, size_t len, size_t *known)
{
    if (mode != CF_SPLIT_TEXTS) {
        size_t cut = len;
        while (cut > 0 && buf[cut - 1] != '\n')
            cut--;
        return cut;
    }
    size_t k;
    while (*known < len && (k = cf_split_record(mode, buf + *known, len - *known)))
        *known += k;
    return *known;
}

/* Where to cut a buffer that holds no end of a record within any limit:
 * before the last pretty-printed text's first line (a truncated one leaves
 * the rest of the stream whole), at the last newline, or at the end. */
static size_t forced_cut(cf_split_mode mode, const char *buf, size_t len)
{
    size_t cut = 0, at, from = 1, known = 0;
    while (mode == CF_SPLIT_TEXTS && (at = cf_split_resync(buf, len, from)) < len) {
        const char *nl = memchr(buf + at, '\n', len - at);
        cut = at;
        from = nl ? (size_t)(nl - buf) + 1 : len;
    }
    if (cut)
        return cut;
    cut = whole_records(CF_SPLIT_LINES, buf, len, &known);
    return cut ? cut : len;
}

/* Drops buf[from..*len) up to and including its first newline (the rest of
 * a line already refused); returns how many bytes went, and whether the
 * newline was among them in *ended. */
static size_t drop_line_rest(char *buf, size_t from, size_t *len, int *ended)
{
    const char *nl = memchr(buf + from, '\n', *len - from);
    size_t drop = nl ? (size_t)(nl + 1 - (buf + from)) : *len - from;
    memmove(buf + from, buf + from + drop, *len - from - drop);
    *len -= drop;
    *ended = nl != NULL;
    return drop;
}

/* A line longer than this has no end worth waiting for (stdin from
 * /dev/zero): the stream stops there. */
#define CLI_SKIP_MAX(max) (64ULL * (max) + CLI_CHUNK)

cf_status cli_stream_chunks(const char *path, unsigned long max, cli_chunk_fn fn, cli_fail_fn fail, void *ctx)
{
    char err[256];
    long long regular;
    int fd = open_input(path, max, 0, &regular, err, sizeof err);
    if (fd < 0)
        return fail(ctx, path, 0, err);
    cli_chunk c = {path, NULL, 0, 1, CF_SPLIT_UNKNOWN, 1, 0};
    char *buf = NULL;
    size_t len = 0, cap = 0;
    size_t known = 0;         /* buf[0..known) holds whole records */
    size_t most = CLI_CHUNK + max;
    int eof = 0, skip = 0;
    unsigned long long skipped = 0;   /* bytes of a refused line passed over (plus one) */
    cf_status st = CF_OK;
    while (!eof && st == CF_OK) {
        if (cap - len < CLI_CHUNK / 2) {
            size_t ncap = cap ? cap * 2 : CLI_CHUNK;
            char *nb = cf_realloc(buf, ncap);
            if (!nb) {
                st = CF_ESYSTEM;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read_some(fd, buf + len, cap - len, err, sizeof err);
        if (r < 0) {
            st = fail(ctx, path, c.first_line, err);
            break;
        }
        eof = r == 0;
        size_t old = len;
        len += (size_t)r;
        if (skipped) {
            /* the rest of a line already refused: up to its newline */
            int ended;
            skipped += drop_line_rest(buf, old, &len, &ended);
            if (ended) {
                c.first_line++;
                skipped = 0;
            } else if (!eof && skipped > CLI_SKIP_MAX(max)) {
                snprintf(err, sizeof err, "no end of line within %llu bytes (64 times the size limit): the rest is not read",
                         CLI_SKIP_MAX(max));
                st = fail(ctx, path, c.first_line, err);
                break;
            } else {
                continue;
            }
        }
        if (c.mode == CF_SPLIT_UNKNOWN &&
            (c.mode = cf_split_mode_of(buf, len, !eof && len < most)) == CF_SPLIT_UNKNOWN)
            continue;   /* the first line is not all here */
        /* hand over the whole records; keep the rest */
        size_t cut = len;
        if (!eof) {
            cut = whole_records(c.mode, buf, len, &known);
            if (cut == 0 && len >= most) {
                /* too long for any limit: the consumer rejects it */
                cut = forced_cut(c.mode, buf, len);
                known = 0;
                skip = buf[cut - 1] != '\n';
            }
            /* fill a chunk first, and know whether more follows */
            if ((cut < CLI_CHUNK || cut == len) && len < most)
                continue;
        }
        if (cut == 0)
            break;
        known = known > cut ? known - cut : 0;
        c.data = buf;
        c.len = cut;
        c.last = eof && cut == len;
        st = fn(ctx, &c);
        c.first = 0;
        for (const char *q = buf, *e = buf + cut; (q = memchr(q, '\n', (size_t)(e - q))); q++)
            c.first_line++;
        memmove(buf, buf + cut, len - cut);
        len -= cut;
        if (skip) {
            /* a line cut short: what follows of it is no record */
            int ended;
            size_t drop = drop_line_rest(buf, 0, &len, &ended);
            if (ended)
                c.first_line++;
            else
                skipped = drop + 1;
            skip = 0;
        }
    }
    cf_free(buf);
    close_input(fd);
    return st;
}

/* ---- folders ---------------------------------------------------------------- */

int cli_is_profile_file(const char *path)
{
    return has_suffix(path, ".json") || has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson");
}

int cli_is_input_file(const char *path)
{
    return cli_is_profile_file(path) || has_suffix(path, ".txt") || has_suffix(path, ".md") ||
           has_suffix(path, ".markdown") || has_suffix(path, ".pdf") || has_suffix(path, ".docx") ||
           has_suffix(path, ".odt");
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_walk_names(const char *dir, cli_name_fn accept, cli_file_fn on_file, cli_skip_fn on_skip,
                   cli_error_fn on_error, void *ctx)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[256], why[128];
        put_errno(why, sizeof why, errno);
        snprintf(msg, sizeof msg, "cannot read folder: %s", why);
        return on_error(ctx, dir, msg);
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int r = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') {
            /* ., .. and hidden files and folders: left alone */
            if (on_skip && strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
                size_t len = strlen(dir) + strlen(de->d_name) + 2;
                char *h = cf_malloc(len);
                if (!h) {
                    r = -1;
                    break;
                }
                snprintf(h, len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", de->d_name);
                r = on_skip(ctx, h, 1);
                cf_free(h);
                if (r)
                    break;
            }
            continue;
        }
        char **v = cf_grow(names, &cap, n + 1, sizeof *v);
        if (!v) {
            r = -1;
            break;
        }
        names = v;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        if (!(names[n] = cf_malloc(len))) {
            r = -1;
            break;
        }
        snprintf(names[n++], len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", de->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, name_cmp);   /* the same order everywhere */
    for (size_t i = 0; i < n; i++) {
        struct stat lst, st;
        if (!r && lstat(names[i], &lst) == 0) {
            /* links to folders are not followed (a link can make a loop);
             * links to files are, and dangling ones are reported when read */
            if (S_ISDIR(lst.st_mode))
                r = cli_walk_names(names[i], accept, on_file, on_skip, on_error, ctx);
            else if (accept(names[i]) && S_ISREG(lst.st_mode))
                r = on_file(ctx, names[i], (unsigned long long)lst.st_size);
            else if (accept(names[i]) && S_ISLNK(lst.st_mode) && stat(names[i], &st) == 0 &&
                     S_ISREG(st.st_mode))
                r = on_file(ctx, names[i], (unsigned long long)st.st_size);
            else if (accept(names[i]) && S_ISLNK(lst.st_mode) && stat(names[i], &st) != 0)
                r = on_file(ctx, names[i], 0);
            else if (!accept(names[i]) && on_skip)
                r = on_skip(ctx, names[i], 0);
            else if (on_skip)   /* a FIFO, a socket, a device or a link to a folder, named as a profile */
                r = on_skip(ctx, names[i], CLI_SKIP_IRREGULAR);
        }
        cf_free(names[i]);
    }
    cf_free(names);
    return r;
}

int cli_walk(const char *dir, cli_file_fn on_file, cli_skip_fn on_skip, cli_error_fn on_error, void *ctx)
{
    return cli_walk_names(dir, cli_is_input_file, on_file, on_skip, on_error, ctx);
}


int cli_is_stream(const char *path)
{
    if (strcmp(path, "-") == 0 || has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson"))
        return 1;
    /* a pipe named as an operand (<(jq -c ...), /dev/stdin) is read as
     * stdin is; folders only ever yield *.json files that are regular */
    struct stat st;
    return !has_suffix(path, ".json") && stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

static unsigned count_lines(const char *s, size_t n)
{
    unsigned k = 0;
    for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
        k++;
    return k;
}

int cli_records_next(cli_records *it, const char **s, size_t *n, unsigned *line)
{
    while (it->pos < it->len) {
        const char *r = it->text + it->pos;
        size_t rest = it->len - it->pos, k = cf_split_record(it->mode, r, rest);
        if (!k)
            k = rest;
        unsigned at = it->line;
        it->pos += k;
        it->line += it->mode == CF_SPLIT_TEXTS ? count_lines(r, k) : r[k - 1] == '\n';
        if (r[k - 1] == '\n')
            k--;
        size_t i = 0;
        while (i < k && (r[i] == ' ' || r[i] == '\t' || r[i] == '\r' || r[i] == '\n'))
            i++;
        if (i == k)
            continue;   /* a blank line */
        *s = r;
        *n = k;
        *line = at;
        return 1;
    }
    return 0;
}

void cli_records_resync(cli_records *it, const char *s, size_t n, unsigned line, unsigned err_line)
{
    if (it->mode != CF_SPLIT_TEXTS)
        return;
    size_t from = 0;
    for (unsigned l = line; l < err_line && from < n; l++) {
        const char *nl = memchr(s + from, '\n', n - from);
        from = nl ? (size_t)(nl - s) + 1 : n;
    }
    size_t k = cf_split_resync(s, n, from);
    if (k < n) {
        it->pos = (size_t)(s - it->text) + k;
        it->line = line + count_lines(s, k);
    }
}

unsigned cli_json_error_line(const cf_diags *d)
{
    return d->n && d->items[0].rule && strcmp(d->items[0].rule, "json") == 0 ? d->items[0].line : 0;
}


cf_status cli_chunk_records(const cli_chunk *c, unsigned long max, cli_record_fn fn, void *ctx)
{
    cli_records it = {c->data, c->len, 0, c->first_line, c->mode};
    cli_record rec = {c->path, NULL, 0, 0, c->mode, 0, 0, 0};
    int first = c->first;
    while (cli_records_next(&it, &rec.text, &rec.len, &rec.line)) {
        /* a stream of one record is named after the stream */
        rec.alone = first && c->last && cf_json_skip_space(c->data, c->len, it.pos) >= c->len;
        first = 0;
        rec.too_long = rec.len > max;
        rec.json_err = 0;
        cf_status st = fn(ctx, &rec);
        if (st)
            return st;
        if (rec.too_long || rec.json_err)
            cli_records_resync(&it, rec.text, rec.len, rec.line, rec.too_long ? 0 : rec.json_err);
    }
    return CF_OK;
}

void cli_record_too_long(const cli_record *rec, unsigned long max, char *msg, size_t size)
{
    snprintf(msg, size, "%s longer than the input size limit (%lu bytes)",
             rec->mode == CF_SPLIT_TEXTS ? "JSON text" : "line", max);
}

int cli_record_refused(const cli_record *rec, unsigned long max)
{
    if (!rec->too_long)
        return 0;
    char msg[128];
    cli_record_too_long(rec, max, msg, sizeof msg);
    cli_fail(rec->path, rec->line, 1, "%s", msg);
    return 1;
}

void cli_skipped_warning(const char *cmd, char *const *paths, size_t n)
{
    if (!n)
        return;
    char msg[2048];
    size_t len = (size_t)snprintf(msg, sizeof msg, "warning: skipped %zu file%s not read: ", n,
                                  n == 1 ? "" : "s");
    size_t shown = 0;
    for (; shown < n && shown < 10; shown++) {
        size_t k = strlen(paths[shown]);
        if (len + k + 80 >= sizeof msg)
            break;
        len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s", shown ? ", " : "", paths[shown]);
    }
    if (shown < n)
        len += (size_t)snprintf(msg + len, sizeof msg - len, " and %zu more", n - shown);
    snprintf(msg + len, sizeof msg - len, "; %s", CF_CONVERT_HINT);
    cli_error(cmd, "%s", msg);
}

void cli_irregular_warning(const char *cmd, const char *path)
{
    cli_error(cmd, "warning: %s: not a regular file (a FIFO, a socket, a device or a link to a folder): skipped", path);
}
