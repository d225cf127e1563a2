#!/bin/sh
# Runs the test suites and adds up their "N passed, N failed" lines: two at
# a time (make -j2), then those that time themselves (hostile, stream)
# alone, so that the other suite's load does not skew their clocks.
# usage: tests/run.sh BUILD_DIR [SET]
#   SET: all (default): every suite; behaviour: the suites whose result
#   the build can change (what SAN=1 and check-valgrind run); or the names
#   of suites (unit, cli, audit, ...).  Each suite's output and seconds are
#   in BUILD_DIR/results.
#        tests/run.sh BUILD_DIR --one SUITE: one suite, its output on stdout
#   (UNIT_GROUPS: the unit-tests' arguments, "-fault" to leave a group out)
B=${1:-build}
if [ "${2:-}" = --one ]; then
    case $3 in
    unit) exec "$B/unit-tests" ${UNIT_GROUPS:-} ;;
    *) exec sh "tests/$3.sh" "$B" ;;
    esac
fi
shift
BEHAVIOUR="cli cli-batch unit audit validate blind shortlist output golden resumes hardening hostile stream"
# what the build flavour cannot change: documents, the browser, the
# spreadsheet, the workflow, the panel (run once, in the normal build)
ONCE="workflow browser spreadsheet docs panel readme"
# hostile and stream bound their cases' seconds: they run alone, unless
# ALONE says otherwise (check-valgrind, whose bounds are loose)
ALONE=${ALONE-hostile stream}
case ${1:-all} in
all) set -- $ONCE $BEHAVIOUR ;;
behaviour) set -- $BEHAVIOUR ;;
esac
parallel= serial=
for s in "$@"; do
    case " $ALONE " in *" $s "*) serial="$serial $s" ;; *) parallel="$parallel $s" ;; esac
done
R=$B/results
rm -rf "$R"
mkdir -p "$R"
RUN="sh tests/run.sh $B --one"
MK="${MAKE:-make} -s --no-print-directory -f tests/run.mk R=$R"
[ -z "$parallel" ] || $MK -j2 RUN="$RUN" JOBS="$parallel"
[ -z "$serial" ] || $MK -j1 RUN="$RUN" JOBS="$serial"

total_pass=0
total_fail=0
status=0
for suite in $parallel $serial; do
    out=$(cat "$R/$suite.log" 2>/dev/null)
    rc=$(cat "$R/$suite.rc" 2>/dev/null || echo "?")
    printf '%s\n' "$out" | grep -v '^[0-9]* passed, [0-9]* failed$'
    last=$(printf '%s\n' "$out" | grep '^[0-9]* passed, [0-9]* failed$' | tail -n 1)
    if [ -z "$last" ]; then
        echo "FAIL: $suite printed no result (exit $rc)"
        total_fail=$((total_fail + 1))
        status=1
        continue
    fi
    p=${last%% passed*}
    f=${last#*, }
    f=${f%% failed*}
    echo "$suite: $last ($(cat "$R/$suite.time") s)"
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    [ "$rc" = 0 ] || status=1
done
echo "$total_pass passed, $total_fail failed"
[ $status = 0 ] && [ $total_fail = 0 ]
