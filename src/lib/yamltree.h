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

#endif
