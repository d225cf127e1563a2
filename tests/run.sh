#!/bin/sh
# Runs every test suite and adds up their "N passed, N failed" lines.
# usage: tests/run.sh BUILD_DIR
B=${1:-build}
total_pass=0
total_fail=0
status=0
for suite in "$B/unit-tests" "sh tests/cli.sh $B" "sh tests/audit.sh $B" "sh tests/blind.sh $B" "sh tests/hostile.sh $B" "sh tests/stream.sh $B" "sh tests/shortlist.sh $B" "sh tests/output.sh $B" "sh tests/golden.sh $B" "sh tests/panel.sh $B" "sh tests/docs.sh $B" "sh tests/readme.sh $B" "sh tests/workflow.sh $B" "sh tests/browser.sh $B" "sh tests/spreadsheet.sh $B"; do
    out=$($suite 2>&1)
    rc=$?
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
    echo "$suite: $last"
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    [ "$rc" = 0 ] || status=1
done
echo "$total_pass passed, $total_fail failed"
[ $status = 0 ] && [ $total_fail = 0 ]
