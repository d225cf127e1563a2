#!/bin/sh
# make fuzz: builds the libFuzzer targets (clang, ASan + UBSan) and runs
# each for FUZZ_SECONDS, from the seed corpus in tests/fuzz/corpus.  New
# inputs go to build-fuzz/corpus-TARGET; a crash, leak or timeout stops the
# run and is saved as build-fuzz/crash-TARGET-*: add it to the seed corpus
# and make a test of it, so the suite keeps it.  Each target has a
# dictionary (tests/fuzz/dict: JSON Resume and native keys, rubric keys,
# credential codes, dates, YAML syntax, WordprocessingML and OpenDocument
# markup, resume headings) so that mutations reach the parts past the
# syntax.  fuzz_docx zips the XML it is given itself (a mutated zip's
# checksums would stop the rest); fuzz_sections reads styled lines.
# usage: tools/fuzz.sh SECONDS [big|build]
#        FUZZ_TARGETS="sections docx" tools/fuzz.sh SECONDS: those targets only
#   big: the error paths of big inputs: profile, stream and audit with
#   inputs up to 4 MiB (from a seed of 20,000 bad dates and one of 20,000
#   demographics rows), where the default mode stops at 64 KiB
#   build: every target compiled and linked, none run (CI: a target that
#   no longer compiles is a failure, never a silent skip)
# A target that does not compile is a failure; the others still run.
set -eu
secs=${1:-60}
mode=${2:-}
B=build-fuzz
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
make -s BUILD=$B CC="$CC" CFLAGS="-g -O1 $SAN" LDFLAGS="-fsanitize=address,undefined" $B/libcoderfit.a
libs="$(pkg-config --libs libcjson yaml-0.1 libxml-2.0 libzip) -lm -lpthread"
status=0
targets=${FUZZ_TARGETS:-rubric profile stream audit validate docx sections} max_len=65536 timeout=10
[ "$mode" = build ] || [ "$mode" = big ] || [ -z "$mode" ] || { echo "usage: tools/fuzz.sh SECONDS [big|build]" >&2; exit 2; }
if [ "$mode" = big ]; then
    targets="profile stream audit" max_len=4194304 timeout=60
    mkdir -p "$B/big-profile" "$B/big-stream" "$B/big-audit"
    awk 'BEGIN { printf "{\"basics\": {\"name\": \"X\"}, \"work\": ["
                 for (i = 0; i < 20000; i++) printf "%s{\"position\": \"Coder\", \"startDate\": \"bad%d\"}", (i ? "," : ""), i
                 print "]}" }' >"$B/big-profile/bad-dates.json"
    awk 'BEGIN { for (i = 0; i < 20000; i++) printf "{\"basics\": {\"name\": \"n%d\"}, \"work\": [{\"startDate\": \"x\"}]}\n", i }' \
        >"$B/big-stream/records.ndjson"
    { awk 'BEGIN { print "source,sex,race_ethnicity"; for (i = 0; i < 20000; i++) printf "s%d,%s,White\n", i, (i % 2 ? "F" : "M") }'
      echo "---"; cat tests/fuzz/corpus/audit/csv-and-reports | sed '1,/^---$/d'; } >"$B/big-audit/rows.csv"
fi
for t in $targets; do
    if ! "$CC" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iinclude -Isrc/lib \
        $(pkg-config --cflags libcjson libxml-2.0 libzip) \
        -o "$B/fuzz_$t" "tests/fuzz/fuzz_$t.c" "$B/libcoderfit.a" $libs; then
        status=1
        echo "fuzz_$t: FAIL: does not compile"
        continue
    fi
    if [ "$mode" = build ]; then
        echo "fuzz_$t: built"
        continue
    fi
    corpus="$B/corpus-$t" seeds="tests/fuzz/corpus/$t"
    [ "$mode" = big ] && corpus="$B/corpus-big-$t" seeds="$seeds $B/big-$t"
    mkdir -p "$corpus"
    echo "fuzz_$t: $secs s, inputs up to $max_len bytes"
    # shellcheck disable=SC2086 # $seeds: one or two folders
    if ! "$B/fuzz_$t" -max_total_time="$secs" -timeout=$timeout -max_len=$max_len -print_final_stats=1 \
            -dict="tests/fuzz/dict/$t.dict" -artifact_prefix="$B/crash-$t-" "$corpus" $seeds 2>"$B/fuzz_$t.log"; then
        status=1
        echo "fuzz_$t: FINDING (see $B/fuzz_$t.log and $B/crash-$t-*)"
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb|new_units_added)' "$B/fuzz_$t.log" | sed 's/^/  /'
done
exit $status
