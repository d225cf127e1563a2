#!/bin/sh
# Fault injection (SQLite's way): a build in which allocation number N
# fails -- ours, cJSON's (through its hooks) and libyaml's (its static
# library with malloc, realloc, free and strdup renamed to ours) -- under
# AddressSanitizer and UndefinedBehaviorSanitizer, and every loop run
# with N = 1, 2, ... until the operation completes as it does without
# faults.  Every other run must end with out of memory said (CF_ESYSTEM,
# exit 5 and "out of memory"), with every allocation freed and every
# descriptor closed.
#
#  - in one process (build-fault/unit-tests fault, fault-rubrics): the
#    library's operations, and the load of each built-in rubric;
#  - the commands (CODERFIT_FAULT_SWEEP): one process forks a run for
#    each N, counting from after the rubric is loaded (its load is the
#    loops above), but for one loop that sweeps the front end's load of a
#    rubric file; three loops that check files around the run stay in the
#    shell, a process a run.
#
# The loops run two at a time (make -j2, tests/run.mk); each one's output
# is in build-fault/results.
# usage: tools/fault.sh          (from the project root)
#        FAULT_ONLY=WORD tools/fault.sh: the loops whose name holds WORD
#        tools/fault.sh --list:  the loops' names
#        tools/fault.sh --job NAME: one loop (the build made already)
set -u
B=build-fault
CF="$B/coderfit"
SMALL="-r examples/rubrics/coding-auditor.yaml"
ASOF="--as-of 2026-11-26"
# the runs count what they leave (the parent checks): LeakSanitizer's own
# pass would cost more than a run
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0

# The loops: a name (a word, for make), and what it runs; the longest
# first, so that the two workers end at about the same time.
loops() {
    cat <<'LOOPS'
rank-html-dedupe	rank -f html --dedupe (a folder with a skipped file, a duplicate)
rank-top-csv	rank --top 2 --dedupe -f csv (a refused input)
advise-with	advise --with
score-output-dir	score -f html --output-dir (pages and an index)
unit	in one process: the library's operations
advise-plan	advise -f json --top 0 (the plan)
advise-caseload	advise --output-dir --previous (pages, the index, who moved)
rank-resumes-pdf	rank -f csv of a PDF resume (pdftohtml run for each allocation)
validate	validate -d -f json (a saved report and a profile, outcomes with bad values and a missed join)
score-builtin	score (built-in rubric, JSON Resume)
rank-resumes-md	rank -f csv of a Markdown resume
rubric-profee-coder	in one process: the load of the built-in rubric profee-coder
rubric-risk-adjustment-coder	in one process: the load of the built-in rubric risk-adjustment-coder
score-o-link	score -o over a link to an existing file
rank-blind-key	rank --blind --key
rubric-medical-coder	in one process: the load of the built-in rubric medical-coder
lint	lint
rank-stream	rank --jobs 1 (a stream of three records)
score-html-warnings	score -f html (warnings)
score-rubric-file	score with the load of a rubric file swept (the front end's reader)
test	test
rubric-inpatient-coder	in one process: the load of the built-in rubric inpatient-coder
test-tap	test -f tap (a case file that cannot be read)
diff-github	diff -f github --fail-on-tier-change (the crossed named)
rank-merge	rank --merge (one record)
rank-files	rank --jobs 1 (a JSON Resume and a native profile)
convert	convert (a resume as written: signs, credentials in the label, warnings)
score-html-native	score -f html (native profile)
score-blind	score --blind
audit	audit (reports and profiles)
causes	the message of a system error: out of memory, an internal limit, a bug
LOOPS
}

# sweep NAME -- COMMAND...: the command's loop in one process (src/cli/fault.c)
sweep() {
    name=$1
    shift 2
    CODERFIT_FAULT_SWEEP="$name" "$@"
}

# shell_loop NAME -- COMMAND...: the same, a process a run, for commands
# whose files around the run are part of the outcome
shell_loop() {
    name=$1
    shift 2
    T=$(mktemp -d)
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
    rm -rf "$T"
    echo "$name: $((n - 1)) allocations failed one at a time, then the run completed (exit $want); $bad bad runs"
    [ $bad = 0 ]
}

# causes: the first allocation after the rubric's load fails, with no
# cause named, then with a limit or a bug named first: each its message
causes() {
    bad=0
    for cause in none limit bug; do
        case $cause in
        none) want="rank: out of memory" ;;
        limit) want="rank: internal limit reached: a limit named by" ;;
        bug) want="rank: internal error: a bug named by CODERFIT_FAULT_CAUSE (a bug in coderfit: please report it)" ;;
        esac
        err=$(CODERFIT_FAIL_AT=1 CODERFIT_FAULT_CAUSE=$cause "$CF" rank $SMALL -q -j 1 $ASOF \
            examples/applicants/new-cca.native.json 2>&1 >/dev/null)
        rc=$?
        case "$rc $err" in
        "5 coderfit: $want"*) ;;
        *) bad=$((bad + 1)); echo "FAIL: causes: $cause: exit $rc: $err" ;;
        esac
        if [ $cause != none ] && printf '%s' "$err" | grep -q "out of memory"; then
            bad=$((bad + 1))
            echo "FAIL: causes: $cause said out of memory"
        fi
    done
    echo "causes: 3 messages checked; $bad bad"
    [ $bad = 0 ]
}

job() {
    desc=$(loops | awk -F'\t' -v n="$1" '$1 == n { print $2 }')
    case $1 in
    # (a crash in process says which sweep and allocation: UBSan aborts)
    unit) UBSAN_OPTIONS=abort_on_error=1 "$B/unit-tests" fault ;;
    rubric-*) CODERFIT_FAULT_RUBRIC=${1#rubric-} UBSAN_OPTIONS=abort_on_error=1 "$B/unit-tests" fault-rubrics ;;
    score-builtin) sweep "$desc" -- "$CF" score $ASOF -f json examples/applicants/inpatient-coder.json ;;
    score-rubric-file) CODERFIT_FAIL_RUBRIC=1 sweep "$desc" -- "$CF" score $SMALL $ASOF examples/applicants/new-cca.native.json ;;
    convert) sweep "$desc" -- "$CF" convert tests/data/written/auditor.json ;;
    score-html-warnings) sweep "$desc" -- "$CF" score $ASOF -f html tests/data/written/auditor.json ;;
    score-html-native) sweep "$desc" -- "$CF" score $SMALL $ASOF -f html examples/applicants/remote-auditor.native.json ;;
    advise-with) sweep "$desc" -- "$CF" advise $SMALL $ASOF --with credential=CPC examples/applicants/nurse-to-coder.json ;;
    rank-files) sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF -f json examples/applicants/apprentice-cpc-a.json \
        examples/applicants/new-cca.native.json ;;
    rank-stream) T=$(mktemp -d)
        # three records: each takes the same paths as the ten of the file
        head -n 3 tests/fuzz/corpus/stream/examples.ndjson >"$T/three.ndjson"
        sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF -f json "$T/three.ndjson"
        rc=$?; rm -rf "$T"; return $rc ;;
    score-blind) T=$(mktemp -d)
        # a key's secret, so that every run gives the same ids (a new key is random)
        printf 'id,source\nsecret,000102030405060708090a0b0c0d0e0f\n' >"$T/key.csv"
        sweep "$desc" -- "$CF" score $SMALL $ASOF --key "$T/key.csv" -f json tests/blind/identifying.json
        st=$?; rm -rf "$T"; (exit $st) ;;
    rank-blind-key) T=$(mktemp -d)
        # a key of an earlier run, read and written again (its secret: the
        # same ids in every run, and the same lines)
        printf 'id,source\napplicant-0123456789ab,"earlier.json"\nsecret,000102030405060708090a0b0c0d0e0f\n' >"$T/key.csv"
        set -- "$CF" rank $SMALL -q -j 1 $ASOF --key "$T/key.csv" -f ndjson \
            tests/blind/identifying.json examples/applicants/inpatient-coder.json
        "$@" >/dev/null   # once, so that every run reads the key it writes
        sweep "$desc" -- "$@"
        rc=$?
        grep -q '^applicant-0123456789ab,"earlier.json"$' "$T/key.csv" && [ "$(grep -c '^applicant-' "$T/key.csv")" = 3 ] ||
            { echo "FAIL: $desc: the key's lines after the loop: $(cat "$T/key.csv")"; rc=1; }
        rm -rf "$T"; return $rc ;;
    rank-merge) T=$(mktemp -d)
        # one record: the front end's path; the merge of three, in every
        # branch of the library, is the unit loop's ("rank merge")
        head -n 1 tests/fuzz/corpus/stream/reports.ndjson >"$T/one.ndjson"
        sweep "$desc" -- "$CF" rank --merge -f csv "$T/one.ndjson"
        rc=$?; rm -rf "$T"; return $rc ;;
    score-o-link) T=$(mktemp -d); shell_loop "$desc" -- sh -c 'echo old >"$3" && chmod 640 "$3" && ln -sf "$3" "$3.link" || exit 9
        "$1" score -r "$2" --as-of 2026-11-26 -o "$3.link" examples/applicants/new-cca.native.json; rc=$?
        cat "$3"; stat -c %a "$3"; ls "$(dirname "$3")" | grep -c "\.tmp\."; exit $rc' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/out.txt"
        rc=$?; rm -rf "$T"; return $rc ;;
    rank-html-dedupe) sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF --dedupe -f html tests/data/shortlist ;;
    rank-top-csv) sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF --top 2 --dedupe -f csv tests/data/shortlist \
        tests/data/written/auditor.json ;;
    audit) sweep "$desc" -- "$CF" audit $SMALL $ASOF -d tests/audit/demographics.csv --select top=3 -f json \
        tests/audit/reports.ndjson examples/applicants/new-cca.native.json ;;
    validate) sweep "$desc" -- "$CF" validate $SMALL $ASOF -f json --outcomes tests/data/validate/outcomes.csv \
        -d tests/data/validate/demographics.csv \
        tests/data/validate/reports.ndjson examples/applicants/it-graduate.json ;;
    lint) sweep "$desc" -- "$CF" lint examples/rubrics/coding-auditor.yaml tests/rubrics/unknown-key.yaml ;;
    test) sweep "$desc" -- "$CF" test examples/rubrics/coding-auditor.yaml tests/fault-cases.yaml ;;
    test-tap) sweep "$desc" -- "$CF" test -f tap examples/rubrics/coding-auditor.yaml tests/fault-cases.yaml tests/rubrics/syntax.yaml ;;
    advise-plan) sweep "$desc" -- "$CF" advise $SMALL $ASOF -f json --top 0 examples/applicants/apprentice-cpc-a.json ;;
    diff-github) sweep "$desc" -- "$CF" diff $ASOF -f github --fail-on-tier-change examples/rubrics/coding-auditor.yaml \
        tests/fault-diff.yaml examples/applicants/remote-auditor.native.json examples/applicants/new-cca.native.json ;;
    score-output-dir) T=$(mktemp -d); shell_loop "$desc" -- sh -c 'rm -rf "$3" && "$1" score -r "$2" --as-of 2026-11-26 -f html \
        --output-dir "$3" examples/applicants/new-cca.native.json examples/applicants/remote-auditor.native.json; rc=$?
        ls "$3"; cat "$3/index.html"; exit $rc' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/pages"
        rc=$?; rm -rf "$T"; return $rc ;;
    advise-caseload) T=$(mktemp -d)
        "$CF" advise -q -r examples/rubrics/coding-auditor.yaml --as-of 2025-01-01 --output-dir "$T/then" \
            examples/applicants/new-cca.native.json examples/applicants/remote-auditor.native.json
        shell_loop "$desc" -- sh -c 'rm -rf "$3" && "$1" advise -r "$2" --as-of 2026-11-26 --previous "$4" \
        --output-dir "$3" examples/applicants/remote-auditor.native.json; rc=$?
        ls "$3"; cat "$3/index.html" "$3/index.json"; exit $rc' sh "$CF" examples/rubrics/coding-auditor.yaml "$T/pages" \
            "$T/then/index.json"
        rc=$?; rm -rf "$T"; return $rc ;;
    causes) causes ;;
    rank-resumes-pdf) sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF -f csv tests/data/pdf/bullets-drawn.pdf ;;
    rank-resumes-md) sweep "$desc" -- "$CF" rank $SMALL -q -j 1 $ASOF -f csv tests/resumes/hard/resume.md ;;
    *) echo "FAIL: no fault loop named $1"; return 1 ;;
    esac
}

case ${1:-} in
--list) loops | cut -f1; exit 0 ;;
--job) job "$2"; exit $? ;;
esac

# the build: the library, the front end and the unit tests with
# CF_FAULT_INJECTION, linked with the renamed libyaml
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
make -s BUILD=$B CFLAGS="-g -O1 -DCF_FAULT_INJECTION" SANFLAGS= LDFLAGS= $B/libcoderfit.a \
    CC="${CC:-cc} $SAN" || exit 1
libyaml=$(pkg-config --variable=libdir yaml-0.1)/libyaml.a
objcopy --redefine-sym malloc=cf_malloc --redefine-sym realloc=cf_realloc --redefine-sym free=cf_free \
    --redefine-sym strdup=cf_strdup "$libyaml" "$B/libyaml-fault.a" || exit 1
FLAGS="$SAN -g -O1 -DCF_FAULT_INJECTION -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc/lib $(pkg-config --cflags libcjson yaml-0.1 libxml-2.0 libzip)"
mkdir -p "$B/obj/cli" "$B/obj/unit"
for f in src/cli/*.c; do
    ${CC:-cc} $FLAGS -c -o "$B/obj/cli/$(basename "$f" .c).o" "$f" || exit 1
done
for f in tests/unit/*.c; do
    ${CC:-cc} $FLAGS -Itests -c -o "$B/obj/unit/$(basename "$f" .c).o" "$f" || exit 1
done
LIBS="$B/libcoderfit.a $B/libyaml-fault.a $(pkg-config --libs libcjson libxml-2.0 libzip) -lm -lpthread"
${CC:-cc} $SAN -o "$CF" "$B"/obj/cli/*.o $LIBS || exit 1
${CC:-cc} $SAN -o "$B/unit-tests" "$B"/obj/unit/*.o $LIBS || exit 1

jobs=
for j in $(loops | cut -f1); do
    case "$j $(loops | awk -F'\t' -v n="$j" '$1 == n { print $2 }')" in
    *"${FAULT_ONLY:-}"*) jobs="$jobs $j" ;;
    esac
done
R=$B/results
rm -rf "$R"
${MAKE:-make} -s --no-print-directory -f tests/run.mk -j2 R="$R" RUN="sh tools/fault.sh --job" JOBS="$jobs"
pass=0
fail=0
for j in $jobs; do
    grep -v '^[0-9]* passed, [0-9]* failed$' "$R/$j.log"
    if [ "$(cat "$R/$j.rc")" = 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $j (exit $(cat "$R/$j.rc"))"
    fi
    echo "  ($j: $(cat "$R/$j.time") s)"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
