/* Small shared helpers: positions, hashing, edit distance. */
#include <string.h>
#include "internal.h"

void cf_text_position(const char *text, size_t off, unsigned first_line,
                      unsigned *line, unsigned *col)
{
    unsigned l = first_line;
    size_t bol = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') {
            l++;
            bol = i + 1;
        }
    *line = l;
    *col = (unsigned)(off - bol) + 1;
}

uint64_t cf_fnv1a(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

size_t cf_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (up + 1 < best)
                best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

void cf_indexed(char *buf, const char *name, int i)
{
    size_t n = strlen(name);
    char num[12];
    int k = sizeof num;
    unsigned v = i < 0 ? 0 : (unsigned)i;
    memcpy(buf, name, n);
    do
        num[--k] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    buf[n++] = '[';
    memcpy(buf + n, num + k, sizeof num - (size_t)k);
    n += sizeof num - (size_t)k;
    buf[n++] = ']';
    buf[n] = '\0';
}

void cf_sort_stable(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    unsigned char tmp[128], *v = base;
    if (size > sizeof tmp)
        return;
    for (size_t i = 1; i < n; i++) {
        size_t j = i;
        while (j > 0 && cmp(v + (j - 1) * size, v + i * size) > 0)
            j--;
        if (j == i)
            continue;
        memcpy(tmp, v + i * size, size);
        memmove(v + (j + 1) * size, v + j * size, (i - j) * size);
        memcpy(v + j * size, tmp, size);
    }
}
