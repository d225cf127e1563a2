/* JSON input and output around cJSON.
 *
 * cJSON accepts "01", "1.", raw control characters in strings and other
 * things RFC 8259 forbids, and says only where it stopped.  So each text is
 * first checked by a strict, allocation-free scanner that reports the exact
 * position of the first problem; cJSON then builds the tree.  Positions of
 * problems found later (a wrong type deep in a profile) are recovered by
 * walking the text along the value's path (cf_json_locate): that costs
 * nothing unless there is an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define MAX_DEPTH 256   /* well under cJSON's own limit of 1000 */

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t cf_json_skip_space(const char *t, size_t len, size_t pos)
{
    if (pos == 0 && len >= 3 && (unsigned char)t[0] == 0xEF &&
        (unsigned char)t[1] == 0xBB && (unsigned char)t[2] == 0xBF)
        pos = 3;
    while (pos < len && is_ws(t[pos]))
        pos++;
    return pos;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static long hex4(const char *t, size_t len, size_t pos)
{
    if (pos + 4 > len)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(t[pos + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

typedef struct scan_err {
    size_t off;
    const char *msg;
} scan_err;

static int fail(scan_err *e, size_t off, const char *msg)
{
    e->off = off;
    e->msg = msg;
    return -1;
}

/* Classes of bytes in JSON strings (see internal.h): 3 for the quote, the
 * backslash and control characters (escaped when written, and ending a
 * run when read), 2 for the bytes of multi-byte UTF-8 (checked when read). */
const unsigned char cf_json_chars[256] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* t[pos] is '"'.  On success *end is just past the closing quote.  A key
 * may not hold \u0000: the parsed key would end there, and a key that is
 * not known could pass for one that is. */
static int scan_string(const char *t, size_t len, size_t pos, int key, size_t *end, scan_err *e)
{
    size_t i = pos + 1;
    while (i < len) {
        while (i < len && !(cf_json_chars[(unsigned char)t[i]] & CF_JC_SCAN))
            i++;
        if (i >= len)
            break;
        unsigned char c = (unsigned char)t[i];
        if (c == '"') {
            *end = i + 1;
            return 0;
        }
        if (c < 0x20)
            return fail(e, i, c == 0 ? "NUL byte in string" : "control character in string (escape it)");
        if (c == '\\') {
            if (i + 1 >= len)
                break;
            char x = t[i + 1];
            if (x == 'u') {
                long cp = hex4(t, len, i + 2);
                if (cp < 0)
                    return fail(e, i, "invalid \\u escape");
                if (cp == 0 && key)
                    return fail(e, i, "\\u0000 (NUL) in a key");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(e, i, "lone low surrogate in \\u escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    long lo = (i + 7 < len && t[i + 6] == '\\' && t[i + 7] == 'u')
                                  ? hex4(t, len, i + 8) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return fail(e, i, "high surrogate without a low surrogate in \\u escape");
                    i += 12;
                } else {
                    i += 6;
                }
                continue;
            }
            if (!strchr("\"\\/bfnrt", x) || x == '\0')
                return fail(e, i, "invalid escape in string");
            i += 2;
            continue;
        }
        if (c >= 0x80) {
            uint32_t cp;
            size_t n = cf_utf8_decode((const unsigned char *)t + i, len - i, &cp);
            if (!n)
                return fail(e, i, "invalid UTF-8 in string");
            i += n;
            continue;
        }
        i++;
    }
    return fail(e, pos, "unterminated string");
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int scan_number(const char *t, size_t len, size_t pos, size_t *end, scan_err *e)
{
    size_t i = pos;
    if (i < len && t[i] == '-')
        i++;
    if (i >= len || !is_digit(t[i]))
        return fail(e, pos, "invalid number");
    if (t[i] == '0') {
        i++;
        if (i < len && is_digit(t[i]))
            return fail(e, pos, "invalid number (leading zero)");
    } else {
        while (i < len && is_digit(t[i]))
            i++;
    }
    if (i < len && t[i] == '.') {
        i++;
        if (i >= len || !is_digit(t[i]))
            return fail(e, pos, "invalid number (no digit after the decimal point)");
        while (i < len && is_digit(t[i]))
            i++;
    }
    if (i < len && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        if (i < len && (t[i] == '+' || t[i] == '-'))
            i++;
        if (i >= len || !is_digit(t[i]))
            return fail(e, pos, "invalid number (no digit in the exponent)");
        while (i < len && is_digit(t[i]))
            i++;
    }
    *end = i;
    return 0;
}

static int scan_literal(const char *t, size_t len, size_t pos, size_t *end, scan_err *e)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t k = 0; k < 3; k++) {
        size_t n = strlen(words[k]);
        if (len - pos >= n && memcmp(t + pos, words[k], n) == 0) {
            *end = pos + n;
            return 0;
        }
    }
    return fail(e, pos, "unexpected character (a value was expected)");
}

/* Checks the value at t[pos]; on success *end is just past it. */
static int scan_value(const char *t, size_t len, size_t pos, size_t *end, scan_err *e)
{
    char stack[MAX_DEPTH];   /* '{' or '[' */
    int depth = 0;
    size_t i = pos;

    for (;;) {
        /* A value is expected at i. */
        i = cf_json_skip_space(t, len, i);
        if (i >= len)
            return fail(e, len, "unexpected end of input (a value was expected)");
        char c = t[i];
        if (c == '{' || c == '[') {
            if (depth == MAX_DEPTH)
                return fail(e, i, "nesting deeper than 256 levels");
            stack[depth++] = c;
            i = cf_json_skip_space(t, len, i + 1);
            if (i < len && t[i] == (c == '{' ? '}' : ']')) {
                depth--;
                i++;
                goto after_value;
            }
            if (c == '{')
                goto key;
            continue;
        }
        if (c == '"') {
            if (scan_string(t, len, i, 0, &i, e))
                return -1;
        } else if (c == '-' || is_digit(c)) {
            if (scan_number(t, len, i, &i, e))
                return -1;
        } else if (scan_literal(t, len, i, &i, e)) {
            return -1;
        }
    after_value:
        for (;;) {
            if (depth == 0) {
                *end = i;
                return 0;
            }
            i = cf_json_skip_space(t, len, i);
            if (i >= len)
                return fail(e, len, stack[depth - 1] == '{'
                                        ? "unexpected end of input (object not closed)"
                                        : "unexpected end of input (array not closed)");
            char close = stack[depth - 1] == '{' ? '}' : ']';
            if (t[i] == close) {
                depth--;
                i++;
                continue;
            }
            if (t[i] != ',')
                return fail(e, i, stack[depth - 1] == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
            i++;
            if (stack[depth - 1] == '{')
                goto key;
            break;
        }
        continue;
    key:
        i = cf_json_skip_space(t, len, i);
        if (i >= len)
            return fail(e, len, "unexpected end of input (object not closed)");
        if (t[i] != '"')
            return fail(e, i, "expected a string key");
        if (scan_string(t, len, i, 1, &i, e))
            return -1;
        i = cf_json_skip_space(t, len, i);
        if (i >= len || t[i] != ':')
            return fail(e, i, "expected ':' after the key");
        i++;
    }
}

static void add_scan_diag(cf_diags *d, const char *file, const char *text,
                          unsigned first_line, const scan_err *e)
{
    unsigned line, col;
    cf_text_position(text, e->off, first_line, &line, &col);
    cf_diag_add(d, file, line, col, CF_SEV_ERROR, "json", "invalid JSON: %s", e->msg);
}

cJSON *cf_json_parse(const char *file, const char *text, size_t len,
                     unsigned first_line, cf_diags *d, int *oom)
{
    scan_err e;
    size_t start = cf_json_skip_space(text, len, 0), end;
    *oom = 0;
    if (start >= len) {
        cf_diag_add(d, file, first_line, 1, CF_SEV_ERROR, "json", "empty input (no JSON value)");
        return NULL;
    }
    if (scan_value(text, len, start, &end, &e)) {
        add_scan_diag(d, file, text, first_line, &e);
        return NULL;
    }
    size_t rest = cf_json_skip_space(text, len, end);
    if (rest < len) {
        e.off = rest;
        e.msg = "unexpected content after the JSON value";
        add_scan_diag(d, file, text, first_line, &e);
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLengthOpts(text + start, end - start, NULL, 0);
    if (!root)
        *oom = 1;   /* the text is valid, so only allocation can fail */
    return root;
}

/* ---- locating a path in valid text ------------------------------------ */

static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i < len ? i + 1 : len;
}

static size_t skip_value(const char *t, size_t len, size_t i)
{
    i = cf_json_skip_space(t, len, i);
    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] == '{' || t[i] == '[') {
        int depth = 0;
        while (i < len) {
            char c = t[i];
            if (c == '"') {
                i = skip_string(t, len, i);
                continue;
            }
            if (c == '{' || c == '[')
                depth++;
            else if ((c == '}' || c == ']') && --depth == 0)
                return i + 1;
            i++;
        }
        return len;
    }
    while (i < len && !is_ws(t[i]) && t[i] != ',' && t[i] != '}' && t[i] != ']')
        i++;
    return i;
}

/* Whether the string literal at t[i] is exactly key (no escapes in keys of
 * ours, so a byte comparison suffices). */

/* Whether the JSON string at t[i] (checked already by the strict scanner)
 * decodes to key, as cJSON decodes it: "caf\u00e9" is the key "café", and
 * \u0000 ends it. */
static int key_is(const char *t, size_t len, size_t i, const char *key)
{
    const unsigned char *k = (const unsigned char *)key;
    for (i++; i < len && t[i] != '"';) {
        unsigned char out[4];
        size_t n = 1;
        if (t[i] != '\\') {
            out[0] = (unsigned char)t[i++];
        } else {
            char e = i + 1 < len ? t[i + 1] : '\0';
            i += 2;
            switch (e) {
            case '"': case '\\': case '/': out[0] = (unsigned char)e; break;
            case 'b': out[0] = '\b'; break;
            case 'f': out[0] = '\f'; break;
            case 'n': out[0] = '\n'; break;
            case 'r': out[0] = '\r'; break;
            case 't': out[0] = '\t'; break;
            case 'u': {
                long cp = hex4(t, len, i);
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    long lo = i + 1 < len && t[i] == '\\' && t[i + 1] == 'u' ? hex4(t, len, i + 2) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return 0;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                if (cp < 0)
                    return 0;
                if (cp == 0)
                    return *k == '\0';
                n = cf_utf8_encode((uint32_t)cp, out);
                break;
            }
            default:
                return 0;
            }
        }
        for (size_t b = 0; b < n; b++, k++)
            if (!*k || out[b] != *k)
                return 0;
    }
    return i < len && *k == '\0';
}

int cf_json_opens(const char *t, size_t len)
{
    size_t i = cf_json_skip_space(t, len, 0);
    return i < len && (t[i] == '[' || t[i] == '{');
}

size_t cf_json_members(const char *t, size_t len, size_t *off, size_t max)
{
    size_t i = cf_json_skip_space(t, len, 0), n = 0;
    if (i >= len || (t[i] != '[' && t[i] != '{'))
        return 0;
    int object = t[i++] == '{';
    for (;;) {
        i = cf_json_skip_space(t, len, i);
        if (i >= len || t[i] == ']' || t[i] == '}')
            return n;
        if (n < max)
            off[n] = i;
        n++;
        if (object) {
            i = cf_json_skip_space(t, len, skip_string(t, len, i));
            if (i < len && t[i] == ':')
                i++;
        }
        i = cf_json_skip_space(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',')
            return n;
        i++;
    }
}

size_t cf_json_locate(const char *t, size_t len, const cf_json_path *path)
{
    size_t pos = cf_json_skip_space(t, len, 0);
    for (int k = 0; k < path->depth; k++) {
        size_t i = cf_json_skip_space(t, len, pos);
        if (i >= len)
            return pos;
        if (path->key[k]) {
            if (t[i] != '{')
                return pos;
            int seen = 0;
            i++;
            for (;;) {
                i = cf_json_skip_space(t, len, i);
                if (i >= len || t[i] != '"')
                    return pos;
                int hit = key_is(t, len, i, path->key[k]) && seen++ == path->index[k];
                size_t key_at = i;
                i = skip_string(t, len, i);
                i = cf_json_skip_space(t, len, i);
                if (i < len && t[i] == ':')
                    i++;
                if (hit) {
                    /* The last step points at the key itself: that is what
                     * a person looks for. */
                    pos = k + 1 == path->depth ? key_at : cf_json_skip_space(t, len, i);
                    break;
                }
                i = skip_value(t, len, i);
                i = cf_json_skip_space(t, len, i);
                if (i >= len || t[i] != ',')
                    return pos;
                i++;
            }
        } else {
            if (t[i] != '[')
                return pos;
            i++;
            for (int n = 0;; n++) {
                i = cf_json_skip_space(t, len, i);
                if (i >= len || t[i] == ']')
                    return pos;
                if (n == path->index[k]) {
                    pos = i;
                    break;
                }
                i = skip_value(t, len, i);
                i = cf_json_skip_space(t, len, i);
                if (i >= len || t[i] != ',')
                    return pos;
                i++;
            }
        }
    }
    return pos;
}

/* ---- duplicate keys ---------------------------------------------------- */

typedef struct keyref {
    const char *key;
    int order;
    const cJSON *item;
} keyref;

static int keyref_cmp(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

typedef struct dedupe {
    cf_json_path path;
    cf_dup_fn fn;
    void *ctx;
    int oom;
} dedupe;

/* Reports key (seen count times, the last at occurrence count-1) below the
 * current path. */
static void dup_report(dedupe *dd, int depth, const char *key, int count)
{
    if (depth < 64) {
        dd->path.key[depth] = key;
        dd->path.index[depth] = count - 1;
    }
    dd->path.depth = depth + 1;
    cf_json_path at = dd->path;
    if (at.depth > 64)
        at.depth = 64;
    dd->fn(dd->ctx, &at, count);
}

/* Removes from object v every member whose key comes again later. */
static void dup_object(dedupe *dd, cJSON *v, int n, int depth)
{
    if (n <= 16) {
        /* nearly always: no key twice */
        int any = 0;
        for (const cJSON *c = v->child; c && !any; c = c->next)
            for (const cJSON *o = c->next; o && !any; o = o->next)
                any = o->string[0] == c->string[0] && strcmp(o->string, c->string) == 0;
        if (!any)
            return;
        /* decide first, then remove: a key is reported once, by its first
         * occurrence, with the count and the key that stays */
        cJSON *items[16];
        int count[16] = {0};
        const char *keep[16] = {0};
        int k = 0, dups = 0;
        for (cJSON *c = v->child; c; c = c->next)
            items[k++] = c;
        for (int a = 0; a < n; a++) {
            if (count[a])
                continue;
            int last = a, seen = 1;
            for (int b = a + 1; b < n; b++)
                if (items[b]->string[0] == items[a]->string[0] && strcmp(items[b]->string, items[a]->string) == 0) {
                    count[b] = -1;
                    last = b;
                    seen++;
                }
            if (seen > 1) {
                dups = 1;
                count[a] = seen;
                count[last] = 0;
                keep[a] = items[last]->string;
            }
        }
        for (int a = 0; dups && a < n; a++) {
            if (count[a] > 1)
                dup_report(dd, depth, keep[a], count[a]);
            if (count[a])
                cf_json_delete(cJSON_DetachItemViaPointer(v, items[a]));
        }
        return;
    }
    /* Many members: sort to find the duplicates (the common case has none). */
    keyref *refs = cf_malloc((size_t)n * sizeof *refs);
    int *count = refs ? cf_calloc((size_t)n, sizeof *count) : NULL;
    if (!refs || !count) {
        cf_free(refs);
        dd->oom = 1;
        return;
    }
    int i = 0, dups = 0;
    for (cJSON *c = v->child; c; c = c->next, i++)
        refs[i] = (keyref){c->string, i, c};
    qsort(refs, (size_t)n, sizeof *refs, keyref_cmp);
    /* count[order]: for the first of a run, its size; -1 for every other
     * member but the last, which stays; keep[order] the key that stays */
    const char **keep = cf_calloc((size_t)n, sizeof *keep);
    if (!keep) {
        cf_free(refs);
        cf_free(count);
        dd->oom = 1;
        return;
    }
    for (i = 0; i < n;) {
        int j = i + 1;
        while (j < n && strcmp(refs[j].key, refs[i].key) == 0)
            j++;
        if (j - i > 1) {
            dups = 1;
            for (int k = i; k < j - 1; k++)
                count[refs[k].order] = -1;
            count[refs[i].order] = j - i;
            keep[refs[i].order] = refs[j - 1].item->string;
        }
        i = j;
    }
    cf_free(refs);
    if (dups) {
        cJSON *next;
        i = 0;
        for (cJSON *c = v->child; c; c = next, i++) {
            next = c->next;
            if (count[i] > 1)
                dup_report(dd, depth, keep[i], count[i]);
            if (count[i])
                cf_json_delete(cJSON_DetachItemViaPointer(v, c));
        }
    }
    cf_free(keep);
    cf_free(count);
}

static void dup_walk(dedupe *dd, cJSON *v, int depth)
{
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return;
    int n = 0;
    for (const cJSON *c = v->child; c; c = c->next)
        n++;
    if (cJSON_IsObject(v) && n > 1)
        dup_object(dd, v, n, depth);
    int i = 0;
    for (cJSON *c = v->child; c && !dd->oom; c = c->next, i++) {
        if (depth < 64) {
            dd->path.key[depth] = cJSON_IsObject(v) ? c->string : NULL;
            dd->path.index[depth] = cJSON_IsObject(v) ? 0 : i;
        }
        dup_walk(dd, c, depth + 1);
    }
}

int cf_json_dedupe(cJSON *root, cf_dup_fn fn, void *ctx)
{
    dedupe dd;
    memset(&dd, 0, sizeof dd);
    dd.fn = fn;
    dd.ctx = ctx;
    dup_walk(&dd, root, 0);
    return dd.oom ? -1 : 0;
}

/* ---- building and writing --------------------------------------------- */

void cf_json_delete(cJSON *v)
{
    if (v && !cf_arena_owns(v))
        cJSON_Delete(v);
}

cJSON *cf_json_add_str(cJSON *obj, const char *key, const char *val)
{
    return cJSON_AddStringToObject(obj, key, val);
}

cJSON *cf_json_add_num(cJSON *obj, const char *key, double val)
{
    return cJSON_AddNumberToObject(obj, key, val);
}

cJSON *cf_json_add_bool(cJSON *obj, const char *key, int val)
{
    return cJSON_AddBoolToObject(obj, key, val);
}

cJSON *cf_json_add_arr(cJSON *obj, const char *key)
{
    return cJSON_AddArrayToObject(obj, key);
}

cJSON *cf_json_add_obj(cJSON *obj, const char *key)
{
    return cJSON_AddObjectToObject(obj, key);
}

int cf_json_push_str(cJSON *arr, const char *val)
{
    cJSON *s = cJSON_CreateString(val);
    if (!s)
        return -1;
    cJSON_AddItemToArray(arr, s);
    return 0;
}

static void write_number(cf_buf *b, double v)
{
    char tmp[40];
    if (!isfinite(v)) {
        cf_buf_puts(b, "null");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(tmp, sizeof tmp, "%.0f", v == 0 ? 0.0 : v);
    } else {
        snprintf(tmp, sizeof tmp, "%.15g", v);
        if (strtod(tmp, NULL) != v)
            snprintf(tmp, sizeof tmp, "%.17g", v);
    }
    cf_buf_puts(b, tmp);
}

static void indent_to(cf_buf *b, int n)
{
    cf_buf_putc(b, '\n');
    for (int i = 0; i < n; i++)
        cf_buf_puts(b, "  ");
}

void cf_json_write(cf_buf *b, const cJSON *v, int indent, int pretty)
{
    if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
        int obj = cJSON_IsObject(v);
        cf_buf_putc(b, obj ? '{' : '[');
        if (!v->child) {
            cf_buf_putc(b, obj ? '}' : ']');
            return;
        }
        for (const cJSON *c = v->child; c; c = c->next) {
            if (pretty)
                indent_to(b, indent + 1);
            if (obj) {
                cf_buf_json_str(b, c->string);
                cf_buf_puts(b, pretty ? ": " : ":");
            }
            cf_json_write(b, c, indent + 1, pretty);
            if (c->next)
                cf_buf_putc(b, ',');
        }
        if (pretty)
            indent_to(b, indent);
        cf_buf_putc(b, obj ? '}' : ']');
    } else if (cJSON_IsString(v)) {
        cf_buf_json_str(b, v->valuestring);
    } else if (cJSON_IsNumber(v)) {
        write_number(b, v->valuedouble);
    } else if (cJSON_IsTrue(v)) {
        cf_buf_puts(b, "true");
    } else if (cJSON_IsFalse(v)) {
        cf_buf_puts(b, "false");
    } else {
        cf_buf_puts(b, "null");
    }
}

/* ---- cursor with positioned errors ------------------------------------ */

void cf_jctx_push_key(cf_jctx *c, const char *key)
{
    if (c->path.depth < 64) {
        c->path.key[c->path.depth] = key;
        c->path.index[c->path.depth] = 0;
    }
    c->path.depth++;
}

void cf_jctx_push_index(cf_jctx *c, int i)
{
    if (c->path.depth < 64) {
        c->path.key[c->path.depth] = NULL;
        c->path.index[c->path.depth] = i;
    }
    c->path.depth++;
}

void cf_jctx_pop(cf_jctx *c)
{
    c->path.depth--;
}

const char *cf_jctx_path(const cf_jctx *c, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    int depth = c->path.depth < 64 ? c->path.depth : 64;
    for (int i = 0; i < depth && n + 1 < size; i++) {
        int w = c->path.key[i]
                    ? snprintf(buf + n, size - n, "%s%s", i ? "." : "", c->path.key[i])
                    : snprintf(buf + n, size - n, "[%d]", c->path.index[i]);
        if (w < 0)
            break;
        n += (size_t)w;
        if (n >= size)
            n = size - 1;
    }
    return buf;
}

/* The message of a problem at the cursor, and where the cursor is. */
static void jctx_problem(cf_jctx *c, cf_buf *b, unsigned *line, unsigned *col, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static void jctx_problem(cf_jctx *c, cf_buf *b, unsigned *line, unsigned *col, const char *fmt, va_list ap)
{
    cf_buf_vprintf(b, fmt, ap);
    cf_json_path p = c->path;
    if (p.depth > 64)
        p.depth = 64;
    cf_text_position(c->text, cf_json_locate(c->text, c->len, &p), c->first_line, line, col);
}

void cf_jctx_error(cf_jctx *c, const char *rule, const char *fmt, ...)
{
    cf_buf b = {0};
    unsigned line, col;
    va_list ap;
    va_start(ap, fmt);
    jctx_problem(c, &b, &line, &col, fmt, ap);
    va_end(ap);
    if (b.oom)
        c->d->oom = 1;
    else
        cf_diag_add(c->d, c->source, line, col, CF_SEV_ERROR, rule, "%s", b.s ? b.s : "");
    cf_buf_free(&b);
    c->errors++;
}

void cf_jctx_warn(cf_jctx *c, const char *rule, const char *fmt, ...)
{
    cf_warnings *w = c->warn;
    if (w && w->n >= CF_MAX_WARNINGS) {
        w->more++;
        return;
    }
    cf_buf b = {0};
    unsigned line, col;
    va_list ap;
    va_start(ap, fmt);
    jctx_problem(c, &b, &line, &col, fmt, ap);
    va_end(ap);
    char where[256];
    cf_jctx_path(c, where, sizeof where);
    if (b.oom) {
        c->d->oom = 1;
        c->oom = 1;
        cf_buf_free(&b);
        return;
    }
    cf_diag_add(c->d, c->source, line, col, CF_SEV_WARNING, rule, "%s", b.s ? b.s : "");
    if (w) {
        cf_warning *v = cf_grow(w->v, &w->cap, w->n + 1, sizeof *v);
        if (!v) {
            c->oom = 1;
            cf_buf_free(&b);
            return;
        }
        w->v = v;
        cf_warning *e = &w->v[w->n];
        e->field = cf_strdup(where);
        e->message = b.s ? b.s : cf_strdup("");
        b.s = NULL;
        e->line = line;
        e->col = col;
        e->rule = rule;
        e->named = 0;
        if (!e->field || !e->message) {
            cf_free(e->field);
            cf_free(e->message);
            c->oom = 1;
        } else {
            w->n++;
        }
    }
    cf_buf_free(&b);
}

void cf_warnings_free(cf_warnings *w)
{
    for (size_t i = 0; i < w->n; i++) {
        cf_free(w->v[i].field);
        cf_free(w->v[i].message);
    }
    cf_free(w->v);
    memset(w, 0, sizeof *w);
}

int cf_warnings_copy(cf_warnings *dst, const cf_warnings *src)
{
    memset(dst, 0, sizeof *dst);
    dst->more = src->more;
    if (!src->n)
        return 0;
    dst->v = cf_malloc(src->n * sizeof *dst->v);
    if (!dst->v)
        return -1;
    dst->cap = src->n;
    for (size_t i = 0; i < src->n; i++) {
        cf_warning *e = &dst->v[i];
        *e = src->v[i];
        e->field = cf_strdup(src->v[i].field);
        e->message = cf_strdup(src->v[i].message);
        dst->n = i + 1;
        if (!e->field || !e->message) {
            cf_warnings_free(dst);
            return -1;
        }
    }
    return 0;
}
