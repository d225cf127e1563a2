#include <stdio.h>
#include <string.h>
#include "t.h"

/* The groups, in order; a slow one runs only when named (make
 * check-fault names it). */
static const struct {
    const char *name;
    void (*fn)(void);
    int slow;
} groups[] = {
    {"core", test_core, 0},       {"rubric", test_rubric, 0}, {"criteria", test_criteria, 0},
    {"import", test_import, 0},   {"score", test_score, 0},   {"cases", test_cases, 0},
    {"rank", test_rank, 0},       {"read", test_read, 0},     {"restyle", test_restyle, 0},
    {"rules", test_rules, 0},     {"resume", test_resume, 0}, {"principles", test_principles, 0},
    {"stats", test_stats, 0},
    {"fault", test_fault, 0},     {"fault-rubrics", test_fault_rubrics, 1},
};

int main(int argc, char **argv)
{
    if (cf_init() != CF_OK) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
        /* NAME runs that group only; -NAME all the others */
        int named = 0, some = 0, left_out = 0;
        for (int a = 1; a < argc; a++) {
            if (argv[a][0] == '-')
                left_out |= strcmp(argv[a] + 1, groups[i].name) == 0;
            else
                some = 1, named |= strcmp(argv[a], groups[i].name) == 0;
        }
        if (left_out || (some ? !named : groups[i].slow))
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
