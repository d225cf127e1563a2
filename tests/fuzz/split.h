/* What the targets that read a file and report lines share: the input is
 * the file, then a line "---", then NDJSON report lines. */
#ifndef FUZZ_SPLIT_H
#define FUZZ_SPLIT_H

#include <string.h>

/* The file is text[0..*split), the lines start at *rest (size: none). */
static void fuzz_split(const char *text, size_t size, size_t *split, size_t *rest)
{
    *split = *rest = size;
    for (size_t i = 0; i + 5 <= size; i++)
        if (memcmp(text + i, "\n---\n", 5) == 0) {
            *split = i + 1;
            *rest = i + 5;
            return;
        }
}

/* Each non-empty line of text[from..size) to take, with its number. */
static void fuzz_lines(const char *text, size_t from, size_t size,
                       void (*take)(void *ctx, unsigned line, const char *s, size_t n), void *ctx)
{
    unsigned line = 1;
    for (size_t p = from; p < size;) {
        const char *nl = memchr(text + p, '\n', size - p);
        size_t end = nl ? (size_t)(nl - text) : size;
        if (end > p)
            take(ctx, line, text + p, end - p);
        p = end + 1;
        line++;
    }
}

#endif
