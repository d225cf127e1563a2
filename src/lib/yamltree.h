/* A YAML document as a tree of nodes with positions, built from libyaml's
 * event parser (not its document loader, which expands aliases without
 * bound and accepts a node that contains itself). */
#ifndef CF_YAMLTREE_H
#define CF_YAMLTREE_H

#include "internal.h"

typedef enum cf_ykind { CF_Y_SCALAR, CF_Y_SEQ, CF_Y_MAP } cf_ykind;

typedef struct cf_ynode {
    cf_ykind kind;
    const char *file;           /* the name of the document that wrote it */
    unsigned line, col;         /* 1-based */
    char *value;                /* scalar text */
    size_t len;
    int plain;                  /* an unquoted scalar: may be a number */
    struct cf_ynode **items;    /* sequence items, or key, value, key, value */
    size_t n;                   /* items used (pairs count twice) */
    size_t cap;
    unsigned long size;         /* nodes below, aliases expanded */
    size_t bytes;               /* scalar text below, aliases expanded */
} cf_ynode;

typedef struct cf_ydoc {
    char *name;                 /* as given to cf_yaml_parse: the nodes' file */
    cf_ynode *root;             /* NULL for an empty document */
    cf_ynode **all;             /* every node, for freeing (aliases share) */
    size_t nall, capall;
} cf_ydoc;

/* Parses text into doc.  Problems are added to d against name; returns
 * CF_OK, CF_ERUBRIC (syntax, several documents, bad alias, too deep or too
 * large, duplicate key, unknown tag) or CF_ESYSTEM. */
cf_status cf_yaml_parse(const char *name, const char *text, size_t len,
                        cf_ydoc *doc, cf_diags *d);
void cf_yaml_free(cf_ydoc *doc);

/* A new empty node of kind at file:line:col, owned by doc (freed with it);
 * NULL when out of memory. */
cf_ynode *cf_ydoc_node(cf_ydoc *doc, cf_ykind kind, const char *file,
                       unsigned line, unsigned col);

/* Appends child to parent's items; -1 when out of memory. */
int cf_ynode_push(cf_ynode *parent, cf_ynode *child);

/* The node as a cJSON tree (plain YAML numbers, booleans and nulls as JSON
 * ones; aliases expanded); NULL when out of memory. */
cJSON *cf_ynode_json(const cf_ynode *n);

/* The number a plain scalar writes, in *out: 1; 0 when n is not a plain
 * decimal number (YAML's: strtod's hexadecimal, "inf" and "nan" are not);
 * -1 when it is one too large to be finite (1e999). */
int cf_ynode_number(const cf_ynode *n, double *out);

/* Value of key in a mapping, or NULL. */
cf_ynode *cf_ymap_get(const cf_ynode *map, const char *key);

/* The node as YAML text (block style; scalars plain where they were plain,
 * else single-quoted), appended to b; -1 when out of memory. */
int cf_ynode_yaml(const cf_ynode *n, cf_buf *b);

/* Typed reading (yread.c): problems go to d at the node's place (in the
 * file that wrote it, else name), with rule, or with the reader's own rule
 * when it sets one (case files: bad-case); errors counts them. */
typedef struct cf_yreader {
    const char *name;
    cf_diags *d;
    const char *rule;
    int errors, oom;
} cf_yreader;
typedef struct cf_ykey {
    const char *key;
    int required;
} cf_ykey;
void cf_yerr(cf_yreader *y, const cf_ynode *n, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* "a mapping", "a list" or "a scalar". */
const char *cf_ykind_name(const cf_ynode *n);
/* n is of kind (else "WHAT must be a mapping, not a list"). */
int cf_ywant(cf_yreader *y, const cf_ynode *n, cf_ykind kind, const char *what);
/* A scalar that is not null, or NULL. */
const char *cf_ystring(cf_yreader *y, const cf_ynode *n, const char *what);
/* A finite decimal number: 1, or 0 after saying what is wrong. */
int cf_ynumber(cf_yreader *y, const cf_ynode *n, const char *what, double *out);
/* A number in [lo, hi] (lo itself excluded with strict_lo). */
int cf_yrange(cf_yreader *y, const cf_ynode *n, const char *what, double lo, double hi, int strict_lo,
              double *out);
/* map's keys are among keys (NULL-keyed end), the required ones there;
 * an unknown key gets a "did you mean"; one in extra gets extra_note. */
void cf_ykeys(cf_yreader *y, const cf_ynode *map, const cf_ykey *keys, const char *what,
              const char *const *extra, const char *extra_note);

#endif
