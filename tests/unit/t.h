#include "coderfit.h"
int t_report(void);
