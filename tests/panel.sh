#!/bin/sh
# The coding manager's development panel (tests/panel): every profile and
# every hand-made restyled variant loads (exit 0, nothing left out), and
# every variant keeps its original's tier and moves at most 2 points
# (PANEL.md, invariances I1-I6).  The agreement figures themselves are
# printed by make panel.  usage: tests/panel.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
P=tests/panel
ASOF="--as-of 2026-11-26"

for f in "$P"/profiles/*.json "$P"/variants/*.json; do
    n=$(basename "$f" .json)
    "$CF" score $ASOF -f json "$f" >"$T/$n.json" 2>"$T/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        no "$n loads: exit $rc ($(head -c 300 "$T/err"))"
    elif [ -s "$T/err" ]; then
        no "$n loads with nothing left out: $(head -c 300 "$T/err")"
    elif ! grep -q '"warnings": \[\]' "$T/$n.json"; then
        no "$n: the report lists warnings"
    else
        ok
    fi
done

# score and tier of a report
figures() { sed -n 's/^  "score": \(.*\),$/\1/p; s/^  "tier": "\(.*\)",$/\1/p' "$T/$1.json" | tr '\n' ' '; }

tail -n +2 "$P/variants.tsv" | while IFS="$(printf '\t')" read -r variant original inv change; do
    set -- $(figures "$variant") $(figures "$original")
    awk -v a="$1" -v b="$3" 'BEGIN { d = a - b; exit !(d <= 2 && d >= -2) }'
    moved=$?
    if [ "$#" != 4 ]; then
        echo "FAIL: $variant ($inv): no report"
    elif [ "$moved" != 0 ] || [ "$2" != "$4" ]; then
        echo "FAIL: $variant ($inv: $change): $1 $2, original $3 $4"
    else
        echo "ok"
    fi
done >"$T/variants"
pass=$((pass + $(grep -c '^ok$' "$T/variants")))
fail=$((fail + $(grep -c '^FAIL' "$T/variants")))
grep '^FAIL' "$T/variants"

# every variant the table names exists, and the table covers every file
for v in "$P"/variants/*.json; do
    if grep -q "^$(basename "$v" .json)	" "$P/variants.tsv"; then ok; else no "$v is not in variants.tsv"; fi
done

# make panel's report: the five figures, and no profile refused
sh tools/panel.sh "$B" >"$T/panel" 2>&1
rc=$?
if [ "$rc" = 0 ]; then ok; else no "tools/panel.sh exits $rc: $(cat "$T/panel")"; fi
for fig in "pairwise agreement" "band agreement" "eligibility" "invariance" "refused (exit 4)    0"; do
    expect_grep "$T/panel" "$fig" "the panel report"
done
finish
