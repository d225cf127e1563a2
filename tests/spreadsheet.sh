#!/bin/sh
# The shortlist in a spreadsheet: rank's CSV is imported by LibreOffice
# (headless, as the README says), saved as xlsx, and read back: every cell
# must come back the same (accented names, numbers, refused rows, a field
# that looks like a formula), without a byte-order mark when the import says
# UTF-8, and with --bom whatever character set the import names.
# usage: tests/spreadsheet.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
SOFFICE=${SOFFICE:-$(command -v soffice || command -v libreoffice || echo)}
if [ -z "$SOFFICE" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "spreadsheet test: installing libreoffice-calc-nogui with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null 2>&1
    SOFFICE=$(command -v soffice || echo)
fi
if [ -z "$SOFFICE" ]; then
    echo "FAIL: the spreadsheet test needs LibreOffice (sudo apt-get install libreoffice-calc-nogui)"
    echo "0 passed, 1 failed"
    exit 1
fi
ASOF="--as-of 2026-11-26"
mkdir -p "$T/in"
cp tests/panel/profiles/*.json examples/applicants/*.json "$T/in/"
printf '{"basics": {"name": "Ann"},\n "work": [\n' >"$T/in/truncated.json"
printf '{"basics": {"name": "Søren Ødegård, CPC", "phone": "+45 555 0199"}, "certificates": [{"name": "CPC"}]}\n' >"$T/in/soren.json"
"$CF" rank -q $ASOF -f csv "$T/in" >"$T/plain.csv" 2>/dev/null
"$CF" rank -q $ASOF --bom -f csv "$T/in" >"$T/bom.csv" 2>/dev/null
grep -q "Renée" "$T/plain.csv" && grep -q "Søren Ødegård, CPC" "$T/plain.csv" && ok || no "the CSV has the accented names to check"

# FILE FILTER_OPTIONS NAME: import with those options, save as xlsx, read
# the xlsx back as UTF-8 CSV into $T/NAME.back.csv
roundtrip() {
    rm -rf "$T/x" "$T/back"
    "$SOFFICE" -env:UserInstallation="file://$T/lo-profile" --headless --infilter="$2" \
        --convert-to xlsx --outdir "$T/x" "$1" >"$T/lo.log" 2>&1
    x="$T/x/$(basename "$1" .csv).xlsx"
    [ -s "$x" ] && ok || { no "soffice wrote no xlsx for $3: $(cat "$T/lo.log")"; return; }
    "$SOFFICE" -env:UserInstallation="file://$T/lo-profile" --headless \
        --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1" --outdir "$T/back" "$x" >"$T/lo.log" 2>&1
    cp "$T/back/$(basename "$1")" "$T/$3.back.csv" 2>/dev/null && ok || no "soffice did not read back the xlsx of $3"
}

# ORIGINAL BACK NAME: the same cells (numbers by value, booleans in any case)
same_cells() {
    python3 - "$1" "$2" >"$T/py" 2>&1 <<'EOF' && ok || no "$3: the cells differ: $(head -c 600 "$T/py")"
import csv, sys
def rows(p):
    with open(p, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))
a, b = rows(sys.argv[1]), rows(sys.argv[2])
assert len(a) == len(b), ("rows", len(a), len(b))
def same(x, y):
    if x == y:
        return True
    if x.lower() in ("true", "false"):
        return x.lower() == y.lower()
    try:
        return float(x) == float(y)
    except ValueError:
        return False
bad = [(i, j, x, y) for i, (ra, rb) in enumerate(zip(a, b)) for j, (x, y) in enumerate(zip(ra, rb)) if not same(x, y)]
bad += [(i, "columns", len(ra), len(rb)) for i, (ra, rb) in enumerate(zip(a, b)) if len(ra) != len(rb)]
assert not bad, bad[:5]
print(len(a) - 1, "rows")
EOF
}

roundtrip "$T/plain.csv" "CSV:44,34,76,1" plain
same_cells "$T/plain.csv" "$T/plain.back.csv" "UTF-8 import"
grep -q "^,\"refused: line 3, column 1: " "$T/plain.back.csv" && ok || no "the refused row is in the spreadsheet"
# a phone as written: shown without the formula guard's ', never evaluated
python3 - "$T/plain.back.csv" >"$T/py" 2>&1 <<'EOF' && ok || no "the phones in the spreadsheet: $(cat "$T/py")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
col = {h: i for i, h in enumerate(rows[0])}
phones = {r[col["name"]]: r[col["phone"]] for r in rows[1:] if len(r) > col["phone"]}
want = {"Søren Ødegård, CPC": "+45 555 0199", "Dana Whitfield": "(555) 201-4417"}
for name, phone in want.items():
    got = phones.get(name)
    assert got is not None, (name, "no row")
    assert not got.startswith("'"), (name, got)
    assert got.replace("\u2060", "") == phone, (name, got)
print("ok")
EOF
# with a byte-order mark, LibreOffice reads UTF-8 whatever the import names
roundtrip "$T/bom.csv" "CSV:44,34,SYSTEM,1" bom
same_cells "$T/bom.csv" "$T/bom.back.csv" "--bom, system character set"
grep -q "Søren Ødegård, CPC" "$T/bom.back.csv" && ok || no "--bom: the accents survive"
# the control: without either, the accents do not survive (the README says so)
roundtrip "$T/plain.csv" "CSV:44,34,1,1" latin1
grep -q "Renée" "$T/latin1.back.csv" && no "the control: a Windows-1252 import kept the accents" || ok

finish
