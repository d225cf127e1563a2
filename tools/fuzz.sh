#!/bin/sh
# make fuzz: builds the libFuzzer targets (clang, ASan + UBSan) and runs
# each for FUZZ_SECONDS, from the seed corpus in tests/fuzz/corpus.  New
# inputs go to build-fuzz/corpus-TARGET; a crash, leak or timeout stops the
# run and is saved as build-fuzz/crash-TARGET-*: add it to the seed corpus
# and make a test of it, so the suite keeps it.
# usage: tools/fuzz.sh SECONDS
set -eu
secs=${1:-60}
B=build-fuzz
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
make -s BUILD=$B CC="$CC" CFLAGS="-g -O1 $SAN" LDFLAGS="-fsanitize=address,undefined" $B/libcoderfit.a
libs="$(pkg-config --libs libcjson yaml-0.1) -lm -lpthread"
status=0
for t in rubric profile stream audit; do
    "$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iinclude \
        -o "$B/fuzz_$t" "tests/fuzz/fuzz_$t.c" "$B/libcoderfit.a" $libs
    mkdir -p "$B/corpus-$t"
    echo "fuzz_$t: $secs s"
    if ! "$B/fuzz_$t" -max_total_time="$secs" -timeout=10 -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$B/crash-$t-" "$B/corpus-$t" "tests/fuzz/corpus/$t" 2>"$B/fuzz_$t.log"; then
        status=1
        echo "fuzz_$t: FINDING (see $B/fuzz_$t.log and $B/crash-$t-*)"
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)' "$B/fuzz_$t.log" | sed 's/^/  /'
done
exit $status
