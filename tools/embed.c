/* embed: writes a C source file that holds a file's bytes.
 * usage: embed INPUT OUTPUT.c NAME DISPLAYNAME
 * defines  const char NAME_name[] = DISPLAYNAME;
 *          const char *NAME_text(size_t *len); */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: embed INPUT OUTPUT.c NAME DISPLAYNAME\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        perror(argv[1]);
        return 1;
    }
    FILE *out = fopen(argv[2], "w");
    if (!out) {
        perror(argv[2]);
        fclose(in);
        return 1;
    }
    fprintf(out, "/* generated from %s by tools/embed; do not edit */\n", argv[1]);
    fprintf(out, "#include <stddef.h>\n\n");
    fprintf(out, "const char %s_name[] = \"%s\";\n\n", argv[3], argv[4]);
    fprintf(out, "static const char data[] = {\n");
    size_t n = 0;
    int c;
    while ((c = fgetc(in)) != EOF) {
        fprintf(out, "%s0x%02x,", n % 16 ? " " : "    ", (unsigned)c);
        if (++n % 16 == 0)
            fputc('\n', out);
    }
    fprintf(out, "%s0x00\n};\n\n", n % 16 ? " " : "    ");
    fprintf(out, "const char *%s_text(size_t *len)\n{\n    if (len)\n        *len = %zu;\n    return data;\n}\n",
            argv[3], n);
    int bad = ferror(in) || ferror(out);
    fclose(in);
    if (fclose(out) || bad) {
        fprintf(stderr, "embed: write error\n");
        return 1;
    }
    return 0;
}
