/* Streams of JSON texts split into records without parsing them: pure
 * functions on buffers (coderfit.h, "Streams of profiles"), which the
 * front end's reader feeds a chunk at a time. */
#include <string.h>
#include "internal.h"

/* Whether text[0..len) is c alone (from column 1 unless indented may be
 * set), with only white space after it. */
static int lone(const char *text, size_t len, char c, int indented)
{
    size_t i = 0;
    while (indented && i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    if (i == len || text[i] != c)
        return 0;
    return cf_json_skip_space(text, len, i + 1) == len;   /* (past 0: no byte-order mark) */
}

cf_split_mode cf_split_mode_of(const char *text, size_t len, int more)
{
    size_t pos = cf_json_skip_space(text, len, 0);
    if (pos == len)
        return more ? CF_SPLIT_UNKNOWN : CF_SPLIT_LINES;
    size_t bol = pos;
    while (bol > 0 && text[bol - 1] != '\n')
        bol--;
    const char *nl = memchr(text + pos, '\n', len - pos);
    if (!nl && more)
        return CF_SPLIT_UNKNOWN;
    size_t eol = nl ? (size_t)(nl - text) : len;
    if (bol == 0 && cf_json_skip_space(text, len < 3 ? len : 3, 0) == 3)
        bol = 3;   /* past a byte-order mark (or spaces, which lone() skips too) */
    return lone(text + bol, eol - bol, '{', 1) || lone(text + bol, eol - bol, '[', 1) ? CF_SPLIT_TEXTS
                                                                                   : CF_SPLIT_LINES;
}

size_t cf_split_record(cf_split_mode m, const char *text, size_t len)
{
    if (m != CF_SPLIT_TEXTS) {
        const char *nl = memchr(text, '\n', len);
        return nl ? (size_t)(nl - text) + 1 : 0;
    }
    /* Brackets and quotes only, without validating: the parser checks the
     * record.  Most bytes are in strings, which memchr crosses.  A string
     * ends at the end of its line (JSON has no newline in a string), and a
     * text that is not closed ends before a line that is "{" alone from
     * column 1, where cf_split_resync would start again: so no byte is
     * looked at more than twice however the texts are broken. */
    long depth = 0;
    size_t i = 0;
    while (i < len) {
        char c = text[i++];
        if (c == '"') {
            for (;;) {
                const char *q = memchr(text + i, '"', len - i);
                const char *nl = memchr(text + i, '\n', (size_t)((q ? q : text + len) - (text + i)));
                if (nl) {
                    i = (size_t)(nl - text);   /* broken: the newline is seen below */
                    break;
                }
                if (!q)
                    return 0;
                size_t k = (size_t)(q - text), bs = 0;
                while (k - bs > i && text[k - bs - 1] == '\\')
                    bs++;
                i = k + 1;
                if (bs % 2 == 0)
                    break;
            }
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth > 0)
                depth--;
        } else if (c == '\n') {
            if (depth == 0)
                return i;
            if (i < len && text[i] == '{') {
                const char *nl = memchr(text + i, '\n', len - i);
                if (lone(text + i, (size_t)((nl ? nl : text + len) - (text + i)), '{', 0))
                    return i;
            }
        }
    }
    return 0;
}

size_t cf_split_resync(const char *text, size_t len, size_t from)
{
    size_t pos = from > len ? len : from;
    while (pos > 0 && text[pos - 1] != '\n')
        pos--;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t eol = nl ? (size_t)(nl - text) : len;
        if (pos > 0 && lone(text + pos, eol - pos, '{', 0))
            return pos;
        pos = nl ? eol + 1 : len;
    }
    return len;
}
