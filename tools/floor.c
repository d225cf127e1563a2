/* floor: the parse-only floor for the benchmark.  Reads the NDJSON files
 * named, parses each line with cJSON and frees it: nothing else.  Prints
 * the number of lines parsed.  rank's throughput is measured against this.
 * usage: floor FILE... */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    unsigned long lines = 0, bad = 0;
    size_t cap = 1 << 20;
    char *buf = malloc(cap);
    for (int i = 1; i < argc && buf; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        size_t len = 0, n;
        while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                char *nb = realloc(buf, cap * 2);
                if (!nb)
                    return 1;
                buf = nb;
                cap *= 2;
            }
        }
        fclose(f);
        size_t pos = 0;
        while (pos < len) {
            char *nl = memchr(buf + pos, '\n', len - pos);
            size_t end = nl ? (size_t)(nl - buf) : len;
            if (end > pos) {
                cJSON *v = cJSON_ParseWithLengthOpts(buf + pos, end - pos, NULL, 0);
                if (v)
                    lines++;
                else
                    bad++;
                cJSON_Delete(v);
            }
            pos = end + 1;
        }
    }
    free(buf);
    printf("%lu\n", lines);
    return bad != 0;
}
