/* Pages written into a folder, one per profile (score -f html and advise
 * with --output-dir), beside the index that lists them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

cf_status cli_pages_open(cli_pages *pg, const char *dir)
{
    memset(pg, 0, sizeof *pg);
    pg->dir = dir;
    struct stat sb;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_fail(dir, 0, 0, "cannot make the folder: %s", strerror(errno));
        return CF_ESYSTEM;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        cli_fail(dir, 0, 0, "not a folder");
        return CF_EUSAGE;
    }
    return CF_OK;
}

void cli_pages_free(cli_pages *pg)
{
    for (size_t i = 0; i < pg->n; i++)
        cf_free(pg->names[i]);
    cf_free(pg->names);
    memset(pg, 0, sizeof *pg);
}

/* A page's file name from a report's source: its base name without the
 * extension, a record's line after a dash, letters, digits, '.', '_' and
 * '-' kept, the rest as '-'; never the index's; made unique with -2,
 * -3... */
const char *cli_page_name(cli_pages *pg, const char *source, const char *ext)
{
    const char *base = strrchr(source, '/');
    base = base ? base + 1 : source;
    /* FILE or FILE:LINE (a record of a stream): the file's name without
     * its extension, the line after a dash; "-" is stdin */
    const char *colon = strrchr(base, ':');
    const char *line = colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) ? colon + 1 : NULL;
    size_t fl = line ? (size_t)(colon - base) : strlen(base);
    static const char *const exts[] = {".jsonl", ".ndjson", ".json"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t el = strlen(exts[i]);
        if (fl > el && strncmp(base + fl - el, exts[i], el) == 0) {
            fl -= el;
            break;
        }
    }
    char stem[96];
    size_t n = 0;
    if (fl == 1 && base[0] == '-') {
        n = 5;
        memcpy(stem, "stdin", 5);
    } else {
        for (size_t i = 0; i < fl && n < 80; i++) {
            char c = base[i];
            int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                     c == '-' || (c == '.' && n);
            stem[n++] = ok ? c : '-';
        }
    }
    stem[n] = '\0';
    if (line)
        snprintf(stem + n, sizeof stem - n, "-%.12s", line);
    if (!*stem || strcmp(stem, "index") == 0)
        snprintf(stem + strlen(stem), sizeof stem - strlen(stem), "%sprofile", *stem ? "-" : "");
    char name[128];
    for (unsigned k = 1;; k++) {
        if (k == 1)
            snprintf(name, sizeof name, "%s.%s", stem, ext);
        else
            snprintf(name, sizeof name, "%s-%u.%s", stem, k, ext);
        size_t i = 0;
        while (i < pg->n && strcmp(pg->names[i], name) != 0)
            i++;
        if (i == pg->n)
            break;
    }
    char **v = cf_grow(pg->names, &pg->cap, pg->n + 1, sizeof *v);
    if (!v)
        return NULL;
    pg->names = v;
    if (!(v[pg->n] = cf_strdup(name)))
        return NULL;
    return v[pg->n++];
}

cf_status cli_page_write(const cli_pages *pg, const char *name, const char *s, size_t len)
{
    size_t dl = strlen(pg->dir);
    char *path = cf_malloc(dl + strlen(name) + 2);
    if (!path)
        return CF_ESYSTEM;
    sprintf(path, "%s%s%s", pg->dir, dl && pg->dir[dl - 1] == '/' ? "" : "/", name);
    cli_out out;
    cf_status st = cli_out_open(&out, path);
    if (!st) {
        cli_write(out.f, s, len);
        st = cli_out_close(&out);
    }
    cf_free(path);
    return st;
}
