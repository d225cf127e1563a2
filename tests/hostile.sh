#!/bin/sh
# Hostile inputs: each must end with its documented exit status and message,
# within a few seconds, without a crash or a hang (docs/reliability.md lists
# them).  usage: tests/hostile.sh BUILD_DIR
B=${1:-build}
CF="$B/coderfit"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ASOF="--as-of 2026-11-26"
LIMIT=${HOSTILE_SECONDS:-5}   # seconds a case may take (more under valgrind)

# case NAME EXIT MESSAGE -- COMMAND...  (MESSAGE: a grep pattern for stderr, or "")
case_() {
    name=$1 want=$2 msg=$3
    shift 4
    start=$(date +%s)
    timeout $((LIMIT * 4)) "$@" >"$T/out" 2>"$T/err"
    got=$?
    took=$(($(date +%s) - start))
    if [ "$got" != "$want" ]; then
        fail=$((fail + 1)); echo "FAIL: $name: exit $got, want $want ($(head -c 200 "$T/err"))"
    elif [ -n "$msg" ] && ! grep -q -e "$msg" "$T/err"; then
        fail=$((fail + 1)); echo "FAIL: $name: no '$msg' in $(head -c 200 "$T/err")"
    elif [ "$took" -gt "$LIMIT" ]; then
        fail=$((fail + 1)); echo "FAIL: $name: took ${took}s"
    else
        pass=$((pass + 1))
    fi
}

NATIVE='{"format": "coderfit-profile/1", '

# JSON nested 100,000 deep
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' >"$T/deep.json"
case_ "JSON nested 100,000 deep" 4 "deep.json:1:257: error: invalid JSON: nesting deeper than 256 levels" -- "$CF" score "$T/deep.json"
# YAML nested 100,000 deep, as a rubric
{ printf 'format: coderfit-rubric/1\ntiers: '; awk 'BEGIN { for (i = 0; i < 100000; i++) printf "[" }'; echo; } >"$T/deep.yaml"
case_ "YAML nested 100,000 deep (lint)" 1 "" -- "$CF" lint "$T/deep.yaml"
grep -q "deep.yaml:2:71: error: nesting deeper than 64 levels \[too-deep\]" "$T/out" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: deep YAML: $(head -c 200 "$T/out")"; }
case_ "YAML nested 100,000 deep (score -r)" 3 "nesting deeper than 64 levels" -- "$CF" score -r "$T/deep.yaml" examples/applicants/inpatient-coder.json
# YAML billion laughs and a self-referencing alias
case_ "YAML billion laughs" 3 "alias-expansion" -- "$CF" score -r tests/rubrics/alias-bomb.yaml examples/applicants/inpatient-coder.json
# 10,000 plain criteria (no alias at all): too large, not an alias expansion
{ printf 'format: coderfit-rubric/1\nid: big\nversion: "1"\ntitle: big\nqualities:\n  - id: q\n    name: Q\n    weight: 100\n    criteria:\n'
  awk 'BEGIN { for (i = 0; i < 10000; i++) printf "      - id: c%d\n        label: C %d\n        weight: 0.01\n        kind: keywords\n        any: [a%d, b%d]\n", i, i, i, i }'; } >"$T/plain.yaml"
case_ "10,000 plain criteria" 3 "plain.yaml:[0-9]*:[0-9]*: error: document has more than 100000 nodes \[too-large\]" -- "$CF" score -r "$T/plain.yaml" examples/applicants/inpatient-coder.json
grep -q "alias" "$T/err" && { fail=$((fail + 1)); echo "FAIL: 10,000 plain criteria reported as an alias expansion"; } || pass=$((pass + 1))
# 150 errors in one rubric: score shows 100 and a count, lint lists them all
{ printf 'format: coderfit-rubric/1\nextends: medical-coder\nid: e\nversion: "1"\nqualities:\n  - id: technical\n    criteria:\n      - id: big\n        label: Big\n        type: terms\n        weight: 1\n        advice: x\n        path:\n          summary: 1\n        terms:\n          many:\n'
  awk 'BEGIN { for (i = 0; i < 151; i++) print "            - same tool" }'; } >"$T/e150.yaml"
case_ "150 errors in one rubric" 3 "e150.yaml: error: 50 more messages (only the first 100 are shown)$" -- "$CF" score -r "$T/e150.yaml" examples/applicants/it-graduate.json
[ "$(wc -l <"$T/err")" = 101 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: 150 errors in one rubric: $(wc -l <"$T/err") lines, want 101"; }
case_ "150 errors in one rubric (lint)" 1 "" -- "$CF" lint "$T/e150.yaml"
[ "$(grep -c duplicate-term "$T/out")" = 150 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: lint does not list the 150 errors"; }
case_ "YAML self-referencing alias" 3 "alias-cycle" -- "$CF" score -r tests/rubrics/alias-cycle.yaml examples/applicants/inpatient-coder.json
# numbers
echo "$NATIVE\"measures\": {\"audit_accuracy\": 1e999999}}" >"$T/huge.json"
case_ "a number like 1e999999" 0 "huge.json:1:47: warning: 'measures.audit_accuracy' is too large a number: left out" -- "$CF" score "$T/huge.json"
case_ "a number like 1e999999, --strict" 4 "huge.json:1:47: error: 'measures.audit_accuracy' is too large a number" -- "$CF" score --strict "$T/huge.json"
echo "$NATIVE\"measures\": {\"audit_accuracy\": -0}}" >"$T/negzero.json"
case_ "-0" 0 "" -- "$CF" score $ASOF "$T/negzero.json"
echo "$NATIVE\"measures\": {\"audit_accuracy\": NaN}}" >"$T/nan.json"
case_ "NaN" 4 "nan.json:1:65: error: invalid JSON: unexpected character" -- "$CF" score "$T/nan.json"
echo "$NATIVE\"measures\": {\"charts_per_hour\": Infinity}}" >"$T/inf.json"
case_ "Infinity" 4 "inf.json:1:66: error: invalid JSON" -- "$CF" score "$T/inf.json"
# NUL bytes and invalid UTF-8 in strings
printf '{"basics": {"name": "a\000b"}}' >"$T/nul.json"
case_ "a NUL byte in a string" 4 "nul.json:1:23: error: invalid JSON: NUL byte in string" -- "$CF" score "$T/nul.json"
printf '{"basics": {"name": "a\\u0000b"}}' >"$T/nulesc.json"
case_ "an escaped NUL in a string" 0 "" -- "$CF" score $ASOF "$T/nulesc.json"
printf '{"basics": {"name\\u0000x": "a"}}' >"$T/nulkey.json"
case_ "an escaped NUL in a key" 4 'nulkey.json:1:18: error: invalid JSON: \\u0000 (NUL) in a key' -- "$CF" score "$T/nulkey.json"
printf '{"basics": {"name": "caf\351"}}' >"$T/latin1.json"
case_ "invalid UTF-8 in a string" 4 "latin1.json:1:25: error: invalid JSON: invalid UTF-8 in string" -- "$CF" score "$T/latin1.json"
# duplicate keys
echo '{"basics": {"name": "a", "name": "b"}}' >"$T/dup.json"
case_ "duplicate keys" 0 "dup.json:1:26: warning: duplicate key 'basics.name': the last value is used" -- "$CF" score "$T/dup.json"
case_ "duplicate keys, --strict" 4 "dup.json:1:26: error: duplicate key 'basics.name'" -- "$CF" score --strict "$T/dup.json"
# a one-million-element array
awk 'BEGIN { printf "{\"basics\": {\"name\": \"x\"}, \"skills\": [{\"name\": \"many\", \"keywords\": ["; for (i = 0; i < 1000000; i++) printf "%s\"Epic\"", (i ? "," : ""); print "]}]}" }' >"$T/million.json"
case_ "a one-million-element array" 0 "" -- "$CF" score $ASOF "$T/million.json"
# a 100 MB string
awk 'BEGIN { printf "{\"basics\": {\"summary\": \""; s = "abcdefghij"; for (i = 0; i < 10; i++) s = s s; for (i = 0; i < 10240; i++) printf "%s", s; print "\"}}" }' >"$T/big.json"
case_ "a 100 MB string (the default limit)" 4 "big.json: error: larger than the input size limit (16777216 bytes; see --max-input-size)" -- "$CF" score "$T/big.json"
case_ "a 100 MB string (allowed)" 0 "" -- "$CF" score $ASOF --max-input-size 200M -f ndjson "$T/big.json"
# files that are not files
: >"$T/empty.json"
case_ "an empty file" 4 "empty.json:1:1: error: empty input (no JSON value)" -- "$CF" score "$T/empty.json"
mkdir -p "$T/dir"
case_ "a folder with no profile in it" 4 "dir: error: no profile or resume file in this folder (\*.json, \*.jsonl, \*.ndjson, \*.pdf, \*.docx, \*.odt, \*.txt, \*.md)" -- "$CF" score "$T/dir"
mkfifo "$T/fifo.json"
case_ "a FIFO with no writer (must not block)" 4 "fifo.json:1:1: error: empty input (no JSON value)" -- "$CF" score "$T/fifo.json"
case_ "rank: a FIFO with no writer (must not block)" 4 "fifo.json:1:1: error: empty input (no JSON value)" -- "$CF" rank "$T/fifo.json"
case_ "/dev/zero as a file" 4 "/dev/zero: error: not a regular file or a pipe" -- "$CF" score /dev/zero
case_ "/dev/zero on stdin (the line is refused at the size limit)" 4 "-:1:1: error: line longer than the input size limit (1048576 bytes)" -- sh -c "\"$CF\" score --max-input-size 1M - </dev/zero"
case_ "/dev/zero on stdin (the stream stops: no end of line)" 4 "-: error: no end of line within 67371008 bytes (64 times the size limit)" -- sh -c "\"$CF\" score --max-input-size 1M - </dev/zero"
case_ "rank: /dev/zero on stdin" 4 "-: error: no end of line within" -- sh -c "\"$CF\" rank -q --max-input-size 1M - </dev/zero"
ln -s "$T/nowhere.json" "$T/dangling.json"
case_ "a dangling symbolic link" 4 "dangling.json: error: No such file or directory" -- "$CF" score "$T/dangling.json"
# short reads: a profile that arrives a few bytes at a time through a pipe
case_ "short reads through a pipe" 0 "" -- sh -c "dd if=examples/applicants/inpatient-coder.json bs=7 status=none | \"$CF\" score $ASOF -f json - >/dev/null"
# failing writes: a full disk is an error, with or without -o
case_ "writing to a full disk" 5 "cannot write to standard output" -- sh -c "\"$CF\" score $ASOF examples/applicants/inpatient-coder.json >/dev/full"
case_ "rank writing to a full disk" 5 "" -- sh -c "\"$CF\" rank -q $ASOF -f csv examples/applicants >/dev/full"
# accepted: a UTF-8 byte-order mark and CRLF line ends
printf '\357\273\277{"basics":\r\n {"name": "Bom"},\r\n "work": [{"position": "Coder", "startDate": "2020"}]}\r\n' >"$T/bom.json"
case_ "a UTF-8 BOM and CRLF line ends" 0 "" -- "$CF" score $ASOF "$T/bom.json"
printf '\357\273\277format: coderfit-rubric/1\r\n' >"$T/bom.yaml"
case_ "a BOM and CRLF in a rubric: read, then checked" 1 "" -- "$CF" lint "$T/bom.yaml"
grep -q "missing-key" "$T/out" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: BOM rubric: $(head -c 200 "$T/out")"; }
# names and keys that would drive a terminal (an escape, a newline): text
# output and messages show each control character as ?, JSON keeps the bytes
check() { if eval "$1"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $2"; fi; }
ESC=$(printf '\033')
mkdir -p "$T/esc"
cp examples/applicants/it-graduate.json "$T/esc/$(printf 'a\033[31mred\nx.json')"
printf '%s"applicant": {"id": "x"}, "ke\\u001b[2Jy": 1}' "$NATIVE" >"$T/esc/$(printf 'c\033[1m.json')"
case_ "rank: file names with an escape and a newline" 0 "esc/c?\[1m.json:1:60: warning: unknown key 'ke?\[2Jy'" -- "$CF" rank $ASOF "$T/esc"
check '! grep -q "$ESC" "$T/out" "$T/err"' "rank: an escape from a file name or a key reached the terminal"
case_ "rank --strict: the same names" 4 "esc/c?\[1m.json:1:60: error: unknown key 'ke?\[2Jy'" -- "$CF" rank --strict $ASOF "$T/esc"
check '! grep -q "$ESC" "$T/out" "$T/err"' "rank: an escape from a file name or a key reached the terminal"
check 'grep -q "esc/a?\[31mred?x.json$" "$T/out"' "rank: a file name's control characters are shown as ?"
case_ "score: the same names" 0 "esc/c?\[1m.json:1:60: warning: unknown key" -- "$CF" score $ASOF "$T/esc"
check '! grep -q "$ESC" "$T/out" "$T/err" && grep -q "a?\[31mred?x.json  (JSON Resume" "$T/out"' "score: an escape reached the terminal"
case_ "advise: a name with an escape" 0 "" -- "$CF" advise $ASOF "$T/esc/$(printf 'a\033[31mred\nx.json')"
check '! grep -q "$ESC" "$T/out" && grep -q "^  .*esc/a?\[31mred?x.json$" "$T/out"' "advise: an escape reached the terminal"
case_ "diff: the same names" 4 "" -- "$CF" diff --strict $ASOF rubrics/medical-coder.yaml examples/rubrics/coding-auditor.yaml "$T/esc"
check '! grep -q "$ESC" "$T/out" "$T/err" && grep -q "a?\[31mred?x.json$" "$T/out"' "diff: an escape reached the terminal"
case_ "rank -f json: the same names" 0 "" -- "$CF" rank $ASOF -f json "$T/esc"
check 'grep -qF "\"source\":\"$T/esc/a\\u001b[31mred\\nx.json\"" "$T/out"' "rank -f json: a source is not kept byte for byte"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
