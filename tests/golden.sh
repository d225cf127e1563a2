#!/bin/sh
# Golden outputs: each format of a few examples, compared byte for byte with
# tests/golden/, so that a format regression that stays self-consistent is
# seen.  After a deliberate change, `make golden-update` writes them anew
# (and the diff shows what changed).
# usage: tests/golden.sh BUILD_DIR [--update]
B=${1:-build}
. tests/lib.sh
G=tests/golden
ASOF="--as-of 2026-11-26"
EX=examples/applicants
unset COLUMNS NO_COLOR

# name, then the command that writes it (stdout)
golden() {
    name=$1
    shift
    if "$@" >"$T/$name" 2>"$T/err"; then :; else
        [ $? = 4 ] || { no "$name: $* failed: $(head -c 300 "$T/err")"; return; }
    fi
    if [ "$UPDATE" = 1 ]; then
        cp "$T/$name" "$G/$name" && ok
    elif cmp -s "$T/$name" "$G/$name"; then
        ok
    else
        no "$name differs from $G/$name (make golden-update after a deliberate change):"
        diff "$G/$name" "$T/$name" | head -n 20
    fi
}

UPDATE=0
[ "${2:-}" = --update ] && UPDATE=1
golden score-inpatient.txt "$CF" score $ASOF "$EX/inpatient-coder.json"
golden score-apprentice.md "$CF" score $ASOF -f md "$EX/apprentice-cpc-a.json"
golden score-new-cca.html "$CF" score $ASOF -f html "$EX/new-cca.native.json"
golden score-nurse.json "$CF" score $ASOF -f json "$EX/nurse-to-coder.json"
golden rank.txt "$CF" rank -q $ASOF "$EX"
golden rank.csv "$CF" rank -q $ASOF -f csv "$EX"
golden rank.md "$CF" rank -q $ASOF -f md "$EX"
golden advise-new-cca.txt "$CF" advise $ASOF "$EX/new-cca.native.json"
golden advise-apprentice.md "$CF" advise $ASOF -f md --with credential=CPC "$EX/apprentice-cpc-a.json"
finish
