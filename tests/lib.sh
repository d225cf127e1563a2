# What the command-line test scripts share: sourced after B is set.
# Sets CF and T (a temporary folder removed on exit) and counts results.
CF="$B/coderfit"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
# python3 found once: a version manager's shim costs a third of a second a
# call, and the suites call it hundreds of times
PYTHON=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || echo python3)}
python3() { "$PYTHON" "$@"; }

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- COMMAND...
expect_exit() {
    want=$1 desc=$2
    shift 3
    "$@" >"$T/out" 2>"$T/err"
    got=$?
    if [ "$got" = "$want" ]; then ok; else no "$desc: exit $got, want $want ($(head -c 300 "$T/err"))"; fi
}
# expect_grep FILE PATTERN DESCRIPTION
expect_grep() {
    if grep -q -e "$2" "$1"; then ok; else no "$3: no '$2' in $(head -c 300 "$1")"; fi
}

# Ends a script: the result line and the exit status.
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}

# The named columns (by the CSV's header) of each row of the CSV on stdin,
# joined by commas, the header left out: csvcols source,score <rank.csv
csvcols() {
    python3 -c '
import csv, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # read by head: no traceback
rows = csv.reader(sys.stdin)
head = next(rows, [])
cols = [head.index(c) for c in sys.argv[1].split(",")]
for row in rows:
    print(",".join(row[i] for i in cols))' "$1"
}
