/* Blind review: reports that name no one, and the key that maps their ids
 * back to the applicants (--key), kept by every thread of rank. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static pthread_mutex_t key_mu = PTHREAD_MUTEX_INITIALIZER;
static char **key_lines;        /* "id,source" */
static size_t key_n, key_cap;
static int key_oom;

cf_status cli_blind(const cli_opts *o, cf_report *rep, const cf_profile *p)
{
    if (!o->blind)
        return CF_OK;
    char *source = NULL;
    if (o->key) {
        /* kept outside any arena: the key is written at the end */
        cf_arena *a = cf_arena_current();
        cf_arena_leave();
        /* "ID SOURCE": the id has no space; the source is quoted when written */
        const char *src = cf_profile_source(p);
        size_t n = strlen(src);
        source = cf_malloc(CF_BLIND_ID_SIZE + n + 1);
        if (source) {
            cf_blind_id(src, source);
            size_t k = strlen(source);
            source[k] = ' ';
            memcpy(source + k + 1, src, n + 1);
        }
        pthread_mutex_lock(&key_mu);
        char **v = source ? cf_grow(key_lines, &key_cap, key_n + 1, sizeof *v) : NULL;
        if (v)
            key_lines = v;
        if (source && key_n < key_cap)
            key_lines[key_n++] = source;
        else {
            cf_free(source);
            key_oom = 1;
        }
        pthread_mutex_unlock(&key_mu);
        if (a)
            cf_arena_enter(a);
        if (key_oom)
            return CF_ESYSTEM;
    }
    return cf_report_blind(rep, p);
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
