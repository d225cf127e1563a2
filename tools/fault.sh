#!/bin/sh
# Fault injection (SQLite's way): a build in which allocation number N
# fails -- ours, cJSON's (through its hooks) and libyaml's (its static
# library with malloc, realloc, free and strdup renamed to ours) -- run for
# N = 1, 2, ... until the command completes as it does without faults.
# Every other run must exit 5 with "out of memory"; AddressSanitizer turns a
# crash or a leak into another exit status.
# usage: tools/fault.sh   (from the project root;
# FAULT_ONLY=WORD runs only the loops whose name holds WORD)
set -u
B=build-fault
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
make -s BUILD=$B CFLAGS="-g -O1 -DCF_FAULT_INJECTION" SANFLAGS= LDFLAGS= $B/libcoderfit.a \
    CC="${CC:-cc} $SAN" || exit 1
libyaml=$(pkg-config --variable=libdir yaml-0.1)/libyaml.a
objcopy --redefine-sym malloc=cf_malloc --redefine-sym realloc=cf_realloc --redefine-sym free=cf_free \
    --redefine-sym strdup=cf_strdup "$libyaml" "$B/libyaml-fault.a" || exit 1
mkdir -p "$B/obj/cli"
for f in src/cli/*.c; do
    ${CC:-cc} $SAN -g -O1 -DCF_FAULT_INJECTION -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude \
        $(pkg-config --cflags libcjson yaml-0.1) -c -o "$B/obj/cli/$(basename "$f" .c).o" "$f" || exit 1
done
${CC:-cc} $SAN -o "$B/coderfit" "$B"/obj/cli/*.o "$B/libcoderfit.a" "$B/libyaml-fault.a" \
    $(pkg-config --libs libcjson) -lm -lpthread || exit 1

CF="$B/coderfit"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
pass=0
fail=0
# loop NAME -- COMMAND...
# A run without faults gives the expected status and output (lint and test
# answer 1 for a broken rubric or a failing case); with a fault, a run must
# give exactly those, or exit 5 with "out of memory".
loop() {
    name=$1
    shift 2
    case "$name" in *"${FAULT_ONLY:-}"*) ;; *) return ;; esac
    "$@" >"$T/want" 2>"$T/want-err"
    want=$?
    n=1
    bad=0
    while :; do
        CODERFIT_FAIL_AT=$n "$@" >"$T/out" 2>"$T/err"
        rc=$?
        if [ $rc = "$want" ] && cmp -s "$T/out" "$T/want" && cmp -s "$T/err" "$T/want-err"; then
            break
        fi
        if [ $rc != 5 ] || ! grep -q "out of memory" "$T/err"; then
            bad=$((bad + 1))
            [ $bad -le 3 ] && echo "FAIL: $name: allocation $n: exit $rc (want $want or 5): $(head -c 300 "$T/err" | tr '\n' ' ')"
        fi
        n=$((n + 1))
        if [ $n -gt 20000 ]; then
            echo "FAIL: $name: still failing after 20000 allocations"
            bad=$((bad + 1))
            break
        fi
    done
    echo "$name: $((n - 1)) allocations failed one at a time, then the run completed (exit $want); $bad bad runs"
    if [ $bad = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
# The built-in rubric alone takes some seven thousand allocations to load,
# so most loops use the small example rubric; one runs with the built-in.
SMALL="-r examples/rubrics/coding-auditor.yaml"
loop "score (built-in rubric, JSON Resume)" -- "$CF" score --as-of 2026-11-26 -f json examples/applicants/inpatient-coder.json
loop "convert (a resume as written: signs, credentials in the label, warnings)" -- "$CF" convert tests/data/written/auditor.json
loop "score -f html (warnings)" -- "$CF" score --as-of 2026-11-26 -f html tests/data/written/auditor.json
loop "score -f html (native profile)" -- "$CF" score $SMALL --as-of 2026-11-26 -f html examples/applicants/remote-auditor.native.json
loop "advise --with" -- "$CF" advise $SMALL --as-of 2026-11-26 --with credential=CPC examples/applicants/nurse-to-coder.json
loop "rank --jobs 1 (files and a stream)" -- "$CF" rank $SMALL -q -j 1 --as-of 2026-11-26 -f json examples/applicants/apprentice-cpc-a.json \
    examples/applicants/new-cca.native.json tests/fuzz/corpus/stream/examples.ndjson
loop "score --blind" -- "$CF" score $SMALL --as-of 2026-11-26 --blind -f json tests/blind/identifying.json
loop "rank --blind --key" -- sh -c 'rm -f "$3" && "$1" rank -r "$2" -q -j 1 --as-of 2026-11-26 --key "$3" -f ndjson \
    tests/blind/identifying.json examples/applicants/inpatient-coder.json && cat "$3"' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/key.csv"
loop "rank --merge" -- "$CF" rank --merge -f csv tests/fuzz/corpus/stream/reports.ndjson
loop "score -o over a link to an existing file" -- sh -c 'echo old >"$3" && chmod 640 "$3" && ln -sf "$3" "$3.link" || exit 9
    "$1" score -r "$2" --as-of 2026-11-26 -o "$3.link" examples/applicants/new-cca.native.json; rc=$?
    cat "$3"; stat -c %a "$3"; ls "$(dirname "$3")" | grep -c "\.tmp\."; exit $rc' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/out.txt"
loop "rank -f html --dedupe (a folder with a skipped file, a duplicate)" -- "$CF" rank $SMALL -q -j 1 --as-of 2026-11-26 --dedupe \
    -f html tests/data/shortlist
loop "rank --top 2 --dedupe -f csv (a refused input)" -- "$CF" rank $SMALL -q -j 1 --as-of 2026-11-26 --top 2 --dedupe \
    -f csv tests/data/shortlist tests/data/written/auditor.json
loop "audit (reports and profiles)" -- "$CF" audit $SMALL --as-of 2026-11-26 -d tests/audit/demographics.csv --select top=3 -f json \
    tests/audit/reports.ndjson examples/applicants/new-cca.native.json
loop "lint" -- "$CF" lint examples/rubrics/coding-auditor.yaml tests/rubrics/unknown-key.yaml
loop "test" -- "$CF" test examples/rubrics/coding-auditor.yaml tests/fault-cases.yaml
loop "test -f tap (a case file that cannot be read)" -- "$CF" test -f tap examples/rubrics/coding-auditor.yaml \
    tests/fault-cases.yaml tests/rubrics/syntax.yaml
loop "advise -f json --top 0 (the plan)" -- "$CF" advise $SMALL --as-of 2026-11-26 -f json --top 0 examples/applicants/apprentice-cpc-a.json
loop "diff -f github --fail-on-tier-change (the crossed named)" -- "$CF" diff --as-of 2026-11-26 -f github --fail-on-tier-change \
    examples/rubrics/coding-auditor.yaml tests/fault-diff.yaml examples/applicants/remote-auditor.native.json \
    examples/applicants/new-cca.native.json
loop "score -f html --output-dir (pages and an index)" -- sh -c 'rm -rf "$3" && "$1" score -r "$2" --as-of 2026-11-26 -f html \
    --output-dir "$3" examples/applicants/new-cca.native.json examples/applicants/remote-auditor.native.json; rc=$?
    ls "$3"; cat "$3/index.html"; exit $rc' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/pages"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
