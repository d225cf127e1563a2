/* What the library sets up once, before any thread: cJSON's allocator (the
 * library's, so that a fault-injection build reaches cJSON too) and the
 * importer's phrase tables; and the cause of a system error that is not
 * memory or I/O. */
#include <stdatomic.h>
#include "classify.h"

static void *cjson_malloc(size_t n)
{
    return cf_malloc(n);
}

cf_status cf_init(void)
{
    static cJSON_Hooks hooks = { cjson_malloc, cf_free };
    cJSON_InitHooks(&hooks);
    /* The importer's phrase tables are static: they fail only if they were
     * made too small for the tables, a build error the tests show. */
    if (cf_jsonresume_init() != 0)
        return cf_limit("the importer's phrase tables are larger than their room (a build error)");
    return CF_OK;
}

/* The first cause named, for the program's message; a string literal. */
static _Atomic int cause_kind;
static const char *_Atomic cause_what;

static cf_status name_cause(cf_cause kind, const char *what)
{
    const char *none = NULL;
    if (atomic_compare_exchange_strong(&cause_what, &none, what))
        cause_kind = (int)kind;   /* after what: a reader that sees the kind sees what */
    return CF_ESYSTEM;
}

cf_status cf_limit(const char *what) { return name_cause(CF_CAUSE_LIMIT, what); }
cf_status cf_bug(const char *what) { return name_cause(CF_CAUSE_BUG, what); }

cf_cause cf_system_cause(const char **what)
{
    cf_cause kind = (cf_cause)cause_kind;
    *what = kind ? cause_what : NULL;
    return kind;
}
