/* What the libFuzzer targets here share: their entry points, and the
 * library set up once, before the first input. */
#ifndef CF_FUZZ_H
#define CF_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include "coderfit.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (cf_init() != CF_OK)
        abort();
    return 0;
}

#endif
