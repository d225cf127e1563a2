#include <stdio.h>
#include <string.h>
#include "t.h"

static const struct {
    const char *name;
    void (*fn)(void);
} groups[] = {
    {"core", test_core},       {"rubric", test_rubric}, {"criteria", test_criteria},
    {"import", test_import},   {"score", test_score},   {"cases", test_cases},
    {"rank", test_rank},       {"read", test_read},     {"restyle", test_restyle},
    {"rules", test_rules},
};

int main(int argc, char **argv)
{
    if (cf_init() != CF_OK) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        if (argc > 1 && strcmp(argv[1], groups[i].name) != 0)
            continue;
        int before = t_failed;
        groups[i].fn();
        printf("unit %-9s %s\n", groups[i].name, t_failed == before ? "ok" : "FAILED");
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", t_passed, t_failed);
    fflush(stdout);
    return t_failed ? 1 : 0;
}
