/* The single allocation point of the library.  A test build can make the
 * N-th allocation fail (SQLite's approach) to prove that every failure is
 * handled. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static unsigned long fail_at;     /* 0: never fail */
static unsigned long count;

static int should_fail(void)
{
    count++;
    return fail_at != 0 && count >= fail_at;
}

void cf_alloc_fail_after(unsigned long n)
{
    fail_at = n;
    count = 0;
}

unsigned long cf_alloc_count(void)
{
    return count;
}

void *cf_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *cf_calloc(size_t nmemb, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *cf_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

char *cf_strndup(const char *s, size_t n)
{
    char *r = cf_malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

char *cf_strdup(const char *s)
{
    return cf_strndup(s, strlen(s));
}

void cf_free(void *p)
{
    free(p);
}

static void *cjson_malloc(size_t n)
{
    return cf_malloc(n);
}

void cf_init(void)
{
    static cJSON_Hooks hooks = { cjson_malloc, cf_free };
    cJSON_InitHooks(&hooks);
}
