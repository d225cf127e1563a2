#include "t.h"
void test_import(void) {}
void test_score(void) {}
void test_cases(void) {}
