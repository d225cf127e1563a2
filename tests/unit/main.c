#include "t.h"
int main(void){cf_init(); return t_report();}
