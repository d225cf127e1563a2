/* Phrase tables for the importer (see classify.c). */
#ifndef CF_CLASSIFY_H
#define CF_CLASSIFY_H

#include "internal.h"

#define CF_CL_MAX_PHRASE 8       /* words in a phrase */
#define CF_CL_MAX_TOKENS 2048    /* words of one classified text */

/* A rule: a result and its phrases, lowercase words separated by single
 * spaces, NULL-terminated.  At most 64 rules a table. */
typedef struct cf_rule {
    const char *result;
    const char *phrases[40];
} cf_rule;

/* Compiles a table (once, single-threaded, from cf_init); returns its
 * handle, or -1 when the static storage is too small (a build error). */
int cf_cl_compile(const cf_rule *rules, size_t nrules);
/* Whether every table compiled. */
int cf_cl_ok(void);
/* Word id of tok, or -1; the second with tok's hash (cf_fnv1a) at hand. */
int cf_cl_word(const char *tok, size_t n);
int cf_cl_word_hashed(const char *tok, size_t n, uint64_t hash);

/* A text as word ids (-1 for words no table knows). */
typedef struct cf_cl_text {
    int n;
    int ids[CF_CL_MAX_TOKENS];
} cf_cl_text;

/* Appends s's words (after a break, so phrases never span two texts). */
void cf_cl_text_add(cf_cl_text *t, const char *s);
/* Bit r is set when some phrase of rule r occurs in t. */
uint64_t cf_cl_match(int table, const cf_cl_text *t);
/* The first rule (in table order) with a phrase in t, or -1. */
int cf_cl_first(int table, const cf_cl_text *t);

/* The rule of the longest phrase of table that starts at ids[i] and ends
 * before ids[n], with its length in words in *len; -1 when none does. */
int cf_cl_longest(int table, const int *ids, int n, int i, int *len);

/* Whether a phrase of table may start at one of t's words from index from
 * on: when not, none occurs there. */
int cf_cl_may_start(int table, const cf_cl_text *t, int from);

/* Compiles the importer's tables; 0 or -1. */
int cf_jsonresume_init(void);

#endif
