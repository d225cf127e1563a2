#include <stdio.h>
#include "t.h"
int t_report(void){printf("0 passed, 0 failed\n");return 0;}
