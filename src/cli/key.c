/* Blind review: reports that name no one, and the key that maps their ids
 * back to the applicants (--key), kept by every thread of rank. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static char **key_lines;        /* "id,source" */
static size_t key_n, key_cap;
static int key_oom;

/* Keeps "ID SOURCE" for the key; -1 when memory ran out. */
static int keep_line(const char *id, const char *src)
{
    size_t a = strlen(id), n = strlen(src);
    char *line = cf_malloc(a + n + 2);
    if (!line)
        return -1;
    memcpy(line, id, a);
    line[a] = ' ';
    memcpy(line + a + 1, src, n + 1);
    pthread_mutex_lock(&key_mu);
    char **v = cf_grow(key_lines, &key_cap, key_n + 1, sizeof *v);
    if (v) {
        key_lines = v;
        key_lines[key_n++] = line;
    }
    pthread_mutex_unlock(&key_mu);
    if (!v)
        cf_free(line);
    return v ? 0 : -1;
}

static int keep_row(void *ctx, const char *id, const char *src)
{
    (void)ctx;
    return keep_line(id, src);
}

int cli_key_begin(const char *cmd, cli_opts *o)
{
    int have = 0;
    if (!o->blind)
        return 0;
    if (o->key) {
        char *text = NULL, err[256];
        size_t len = 0;
        struct stat sb;
        int exists = stat(o->key, &sb) == 0 || errno != ENOENT;
        cf_status st = exists ? cli_read_input(o->key, o->max_input, &text, &len, err, sizeof err) : CF_OK;
        if (st) {
            if (st == CF_ESYSTEM)
                fprintf(stderr, "coderfit: %s: --key %s: %s\n", cmd, o->key, err);
            else
                cli_usage_error(cmd, "--key %s: %s", o->key, err);
            o->opt_error = st == CF_ESYSTEM ? CF_ESYSTEM : CF_OK;
            return -1;
        }
        unsigned line = 0;
        int rc = exists ? cf_blind_key_read(text, len, &o->blind_key, &have, keep_row, NULL, &line) : 0;
        if (rc == -2)
            key_oom = 1;
        if (rc == -1)
            cli_usage_error(cmd, "--key %s: line %u: not a key that coderfit wrote (id,source and a "
                            "secret of 32 hex digits): name another file, or remove this one", o->key, line);
        cf_free(text);
        if (rc == -2) {
            cli_key_drop();
            cli_system_error(cmd);
            o->opt_error = CF_ESYSTEM;
            return -1;
        }
        if (rc) {
            cli_key_drop();
            return -1;
        }
    }
    if (!have && cf_blind_key_new(&o->blind_key)) {
        fprintf(stderr, "coderfit: %s: no random numbers from the system for the blind ids: %s\n", cmd,
                strerror(errno));
        o->opt_error = CF_ESYSTEM;
        cli_key_drop();
        return -1;
    }
    return 0;
}

cf_status cli_blind(const cli_opts *o, cf_report *rep, const cf_profile *p)
{
    if (!o->blind)
        return CF_OK;
    if (o->key) {
        /* kept outside any arena: the key is written at the end */
        cf_arena *a = cf_arena_current();
        cf_arena_leave();
        char id[CF_BLIND_ID_SIZE];
        const char *src = cf_profile_source(p);
        cf_blind_id(&o->blind_key, src, id);
        if (keep_line(id, src))
            key_oom = 1;
        if (a)
            cf_arena_enter(a);
        if (key_oom)
            return CF_ESYSTEM;
    }
    return cf_report_blind(rep, p, &o->blind_key);
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

cf_status cli_key_write(const cli_opts *o)
{
    cf_status st = key_oom ? CF_ESYSTEM : CF_OK;
    if (o->key && !st) {
        qsort(key_lines, key_n, sizeof *key_lines, cmp_line);
        cli_out out;
        /* the key maps blind ids back to people: a new one is the user's alone */
        if (!(st = cli_out_open_mode(&out, o->key, 0600))) {
            cli_puts(out.f, "id,source\n");
            for (size_t i = 0; i < key_n; i++) {
                if (i && strcmp(key_lines[i], key_lines[i - 1]) == 0)
                    continue;
                const char *sp = strchr(key_lines[i], ' ');
                char *source = cf_csv_field(sp + 1, 1);
                if (!source) {
                    st = CF_ESYSTEM;
                    break;
                }
                cli_write(out.f, key_lines[i], (size_t)(sp - key_lines[i]));
                cli_puts(out.f, ",");
                cli_puts(out.f, source);
                cli_puts(out.f, "\n");
                cf_free(source);
            }
            char secret[33];
            cf_blind_key_format(&o->blind_key, secret);
            cli_puts(out.f, "secret,");
            cli_puts(out.f, secret);
            cli_puts(out.f, "\n");
            if (st)
                cli_out_abort(&out);
            else
                st = cli_out_close(&out);
        }
    }
    cli_key_drop();
    return st;
}

void cli_key_drop(void)
{
    for (size_t i = 0; i < key_n; i++)
        cf_free(key_lines[i]);
    cf_free(key_lines);
    key_lines = NULL;
    key_n = key_cap = 0;
    key_oom = 0;
}
