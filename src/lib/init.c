/* What the library sets up once, before any thread: cJSON's allocator (the
 * library's, so that a fault-injection build reaches cJSON too) and the
 * importer's phrase tables; and the cause of a system error that is not
 * memory or I/O. */
#include <stdatomic.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include "classify.h"

static void *cjson_malloc(size_t n)
{
    return cf_malloc(n);
}

/* libxml2's messages: the library never prints; its readers say what went
 * wrong in diagnostics of their own. */
static void xml_quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void xml_quiet_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

cf_status cf_init(void)
{
    static cJSON_Hooks hooks = { cjson_malloc, cf_free };
    cJSON_InitHooks(&hooks);
    /* libxml2 (the DOCX, ODT and PDF readers) allocates through the
     * library too, and sets itself up before any thread */
    if (xmlMemSetup(cf_free, cf_malloc, cf_realloc, cf_strdup) != 0)
        return cf_limit("libxml2 did not take the library's allocator");
    xmlInitParser();
    /* for this thread, and the default of every thread made later */
    xmlSetGenericErrorFunc(NULL, xml_quiet);
    xmlThrDefSetGenericErrorFunc(NULL, xml_quiet);
    xmlSetStructuredErrorFunc(NULL, xml_quiet_structured);
    xmlThrDefSetStructuredErrorFunc(NULL, xml_quiet_structured);
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
