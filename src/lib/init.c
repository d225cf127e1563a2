/* What the library sets up once, before any thread: cJSON's allocator (the
 * library's, so that a fault-injection build reaches cJSON too) and the
 * importer's phrase tables. */
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
    return cf_jsonresume_init() == 0 ? CF_OK : CF_ESYSTEM;
}
