#!/bin/sh
# coderfit audit: figures worked out by hand, every format, bad inputs.
# usage: tests/audit.sh BUILD_DIR      (run from the project root)
# Prints one line per failure and ends with "N passed, N failed".

B=${1:-build}
. tests/lib.sh
D=tests/audit
# group DIMENSION CATEGORY FIELD=VALUE... : the JSON group in $T/out has
# these values (numbers compared to four decimals; null and true/false as is)
group() {
    python3 - "$T/out" "$@" >"$T/py" 2>&1 <<'PY' && ok || no "group $1 $2: $(tail -n 1 "$T/py")"
import json, sys
doc = json.load(open(sys.argv[1]))
dim, cat = sys.argv[2], sys.argv[3]
gs = [g for g in doc["groups"] if g["dimension"] == dim and g["category"] == cat]
if len(gs) != 1:
    print(f"{len(gs)} groups {dim} {cat}")
    sys.exit(1)
for kv in sys.argv[4:]:
    k, want = kv.split("=", 1)
    got = gs[0][k]
    if want in ("null", "true", "false"):
        good = json.dumps(got) == want
    else:
        good = got is not None and not isinstance(got, bool) and abs(got - float(want)) < 5e-5
    if not good:
        print(f"{dim} {cat} {k}: {got!r}, want {want}")
        sys.exit(1)
PY
}
field() {
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))[sys.argv[2]]))' "$T/out" "$1" >"$T/f"
    if [ "$(cat "$T/f")" = "$2" ]; then ok; else no "$1: $(cat "$T/f"), want $2"; fi
}

# --- the hand-worked sample -----------------------------------------------------
# tests/audit/reports.ndjson and demographics.csv: eleven applicants.
#   scores sorted: 10 20 33.3 40 55 55 55 66 74 81.5 92; the median is the
#   sixth, 55.  "Above the median" is strictly above: a01-a04 (the three
#   55s, tied at the median, are not).
#   Sex: Male a02 a04 a06 a08 (4); Female a01 a03 a05 a07 a10 a11 (6);
#   unknown a09.  Race: White a01 a02 a05 a08 a09 (5); Black a03 a06 (2);
#   Hispanic a04 a07 (2); Asian a11 (1); unknown a10.
#   2% of 11 is 0.22: no category is excluded.
#
# --select tier=strong,good selects a01-a04.
#   Male 2/4 = 0.5 (highest); Female 2/6 = 0.3333, ratio 0.3333/0.5 = 0.6667:
#   flagged.  Above the median: the same counts, the same ratios.
#   White 2/5 = 0.4, ratio 0.8: exactly four-fifths, not flagged.  Black 1/2,
#   Hispanic 1/2: 0.5, ratio 1.  Asian 0/1: ratio 0, flagged.
#   Male/White a02 a08: 1/2 = 0.5 against Female/Black a03 1/1: ratio 0.5.
expect_exit 0 "audit json" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good -f json $D/reports.ndjson
field applicants 11
field selected 4
field median_score 55
field unknown '{"sex": 1, "race_ethnicity": 1, "intersection": 2}'
field without_demographics 0
group sex Male applicants=4 selected=2 selection_rate=0.5 impact_ratio=1 scoring_rate=0.5 scoring_impact_ratio=1 flagged=false excluded=false
group sex Female applicants=6 selected=2 selection_rate=0.3333 impact_ratio=0.6667 scoring_rate=0.3333 scoring_impact_ratio=0.6667 flagged=true
group race_ethnicity White applicants=5 selected=2 selection_rate=0.4 impact_ratio=0.8 scoring_rate=0.4 scoring_impact_ratio=0.8 flagged=false
group race_ethnicity "Black or African American" applicants=2 selection_rate=0.5 impact_ratio=1 flagged=false
group race_ethnicity "Hispanic or Latino" applicants=2 selection_rate=0.5 impact_ratio=1
group race_ethnicity Asian applicants=1 selected=0 selection_rate=0 impact_ratio=0 scoring_impact_ratio=0 flagged=true excluded=false
group intersection "Male / White" applicants=2 selected=1 impact_ratio=0.5 flagged=true
group intersection "Female / Black or African American" applicants=1 selected=1 impact_ratio=1 flagged=false
field flagged 7
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(any(g["category"].startswith("Native") for g in d["groups"]))' "$T/out" \
    && ok || no "a category with no applicant is not listed"

# --select top=3: a01 a02 a03.  Female a01 a03: 2/6 = 0.3333 (highest); Male
# a02: 1/4 = 0.25, ratio 0.75: flagged.  The scoring rates do not change.
expect_exit 0 "audit top=3" -- "$CF" audit -d $D/demographics.csv --select top=3 -f json $D/reports.ndjson
group sex Male selected=1 selection_rate=0.25 impact_ratio=0.75 scoring_impact_ratio=1 flagged=true
group sex Female selected=2 selection_rate=0.3333 impact_ratio=1

# --select top=5: the fifth place is a tie at 55 (a05 a06 a07), broken by
# source as rank does: a05.  Female a01 a03 a05: 3/6 = 0.5; Male a02 a04:
# 2/4 = 0.5; both ratio 1.
expect_exit 0 "audit top=5" -- "$CF" audit -d $D/demographics.csv --select top=5 -f json $D/reports.ndjson
group sex Female selected=3 selection_rate=0.5 impact_ratio=1
group sex Male selected=2 selection_rate=0.5 impact_ratio=1

# --select min-score=55: a01-a07 (55 counts).  Female a01 a03 a05 a07: 4/6 =
# 0.6667 (highest); Male a02 a04 a06: 3/4 = 0.75, ratio 1.125 is impossible:
# Male is the highest, 0.75; Female ratio 0.6667/0.75 = 0.8889.
expect_exit 0 "audit min-score" -- "$CF" audit -d $D/demographics.csv --select min-score=55 -f json $D/reports.ndjson
group sex Male selected=3 selection_rate=0.75 impact_ratio=1
group sex Female selected=4 selection_rate=0.6667 impact_ratio=0.8889 flagged=true
field selected 7

# --- the 2% rule ------------------------------------------------------------------
# 51 applicants: 25 Male White scoring 70 (good), 25 Female White scoring 50
# (fair), one Female Asian scoring 10.  2% of 51 is 1.02: Asian (1) is left
# out of the ratios; White (50) is not.  The median is the 26th score, 50.
# With 50 applicants (one Female White fewer), 2% is exactly 1: Asian stays in.
gen() {
    n=$1
    : >"$T/big.ndjson"
    echo "source,sex,race_ethnicity" >"$T/big.csv"
    i=1
    while [ $i -le "$n" ]; do
        if [ $i -le 25 ]; then s=70 t=good x=Male; else s=50 t=fair x=Female; fi
        echo "{\"format\":\"coderfit-report/1\",\"source\":\"b$i\",\"score\":$s,\"tier\":\"$t\"}" >>"$T/big.ndjson"
        echo "b$i,$x,White" >>"$T/big.csv"
        i=$((i + 1))
    done
    echo '{"format":"coderfit-report/1","source":"asian","score":10,"tier":"weak"}' >>"$T/big.ndjson"
    echo "asian,Female,Asian" >>"$T/big.csv"
}
gen 50
expect_exit 0 "audit 51" -- "$CF" audit -d "$T/big.csv" --select tier=good -f json "$T/big.ndjson"
field applicants 51
field median_score 50
group race_ethnicity Asian applicants=1 excluded=true impact_ratio=null scoring_impact_ratio=null flagged=false
group race_ethnicity White applicants=50 selected=25 selection_rate=0.5 impact_ratio=1 excluded=false
# Female 0/26 against Male 25/25; nobody of 26 Female scores above 50.
group sex Female applicants=26 selected=0 impact_ratio=0 scoring_rate=0 flagged=true
group sex Male scoring_rate=1 impact_ratio=1
gen 49
expect_exit 0 "audit 50" -- "$CF" audit -d "$T/big.csv" --select tier=good -f json "$T/big.ndjson"
group race_ethnicity Asian applicants=1 excluded=false impact_ratio=0 flagged=true

# --- the other formats agree -----------------------------------------------------
expect_exit 0 "audit csv" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good -f csv $D/reports.ndjson
expect_grep "$T/out" "^dimension,category,applicants,selected,selection_rate,impact_ratio,scoring_rate,scoring_impact_ratio,flagged,excluded" "csv header"
expect_grep "$T/out" '^sex,Female,6,2,0.3333,0.6667,0.3333,0.6667,yes,no' "csv Female row"
expect_grep "$T/out" '^race_ethnicity,White,5,2,0.4000,0.8000,0.4000,0.8000,no,no' "csv White row"
[ "$(wc -l <"$T/out")" = 14 ] && ok || no "csv: a header and 13 groups (2 + 4 + 7), got $(wc -l <"$T/out") lines"
expect_exit 0 "audit text" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good $D/reports.ndjson
grep "^  Female  " "$T/out" | grep -q "0.6667.*FLAG" && ok || no "text: Female flagged"
expect_grep "$T/out" "unknown category: 2" "text: unknown intersection"
expect_grep "$T/out" "reason to review, not a finding" "text: what a flag means"
expect_exit 0 "audit md" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good -f md $D/reports.ndjson
expect_grep "$T/out" "^| Female | 6 | 2 | 0.3333 | 0.6667 | 0.3333 | 0.6667 | FLAG" "md Female row"

# --- demographics as JSON, keyed by source; quoted CSV -----------------------------
python3 - "$D/demographics.csv" >"$T/demo.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(json.dumps({r["source"]: {"sex": r["sex"] or None, "race_ethnicity": r["race_ethnicity"]} for r in rows}))
PY
expect_exit 0 "audit json demographics" -- "$CF" audit -d "$T/demo.json" --select tier=strong,good -f json $D/reports.ndjson
group sex Female selected=2 impact_ratio=0.6667
group race_ethnicity White impact_ratio=0.8
printf 'race_ethnicity,note,source,sex\r\n"White","a, ""quoted"" note",a01,female\r\nAsian,,a02,M\r\n' >"$T/q.csv"
expect_exit 0 "audit quoted csv" -- "$CF" audit -d "$T/q.csv" --select top=1 -f json $D/reports.ndjson
group sex Female applicants=1 selected=1
group race_ethnicity Asian applicants=1 selected=0
field without_demographics 9

# --- from profiles, scored here; the same as from their reports --------------------
ASOF="--as-of 2026-11-26"
"$CF" rank $ASOF -f ndjson examples/applicants >"$T/rep.ndjson" 2>/dev/null
expect_exit 0 "audit profiles" -- "$CF" audit $ASOF -d examples/demographics.csv --select tier=strong,good -f json examples/applicants
cp "$T/out" "$T/from-profiles.json"
expect_exit 0 "audit reports" -- "$CF" audit -d examples/demographics.csv --select tier=strong,good -f json "$T/rep.ndjson"
cmp -s "$T/out" "$T/from-profiles.json" && ok || no "audit of profiles and of their reports differ"
field without_demographics 0
field applicants 10
# a tier id that neither the rubric nor any report has is a usage error
expect_exit 2 "audit: unknown tier" -- "$CF" audit -d examples/demographics.csv --select tier=strong,Good "$T/rep.ndjson"
expect_grep "$T/err" "^coderfit: audit: --select: 'Good' is not a tier of rubric medical-coder (strong, good, developing, early) nor of any report read$" "audit: unknown tier message"
[ -s "$T/out" ] && no "audit: output despite an unknown tier" || ok
# reports of another rubric bring their own tiers
"$CF" rank $ASOF -r examples/rubrics/coding-auditor.yaml -f ndjson examples/applicants >"$T/aud.ndjson" 2>/dev/null
expect_exit 0 "audit: a tier of the reports' rubric" -- "$CF" audit -d examples/demographics.csv --select tier=hire -f json "$T/aud.ndjson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["selected"] > 0 else 1)' "$T/out" && ok || no "audit: tier=hire selects the auditor rubric's hires"


# A demographics file with no row: every applicant is of unknown category,
# so there is no group and nothing to flag.
printf 'source,sex,race_ethnicity\n' >"$T/empty.csv"
expect_exit 0 "audit with no demographics row" -- "$CF" audit -d "$T/empty.csv" --select top=3 -f json $D/reports.ndjson
field groups '[]'
field without_demographics 11
field unknown '{"sex": 11, "race_ethnicity": 11, "intersection": 11}'

# --- --fail-under -------------------------------------------------------------------
expect_exit 1 "fail-under 0.8 with a flag" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good --fail-under 0.8 $D/reports.ndjson
# Two applicants tied at 50, both selected: every selection ratio is 1 and,
# nobody scoring above the median, there is no scoring ratio.
printf '{"format":"coderfit-report/1","source":"a01","score":50,"tier":"good"}\n{"format":"coderfit-report/1","source":"a02","score":50,"tier":"good"}\n' >"$T/two.ndjson"
expect_exit 0 "fail-under 0.8 with no ratio under it" -- "$CF" audit -d $D/demographics.csv --select tier=good --fail-under 0.8 -f json "$T/two.ndjson"
group sex Female selection_rate=1 impact_ratio=1 scoring_rate=0 scoring_impact_ratio=null flagged=false
expect_exit 2 "fail-under out of range" -- "$CF" audit -d $D/demographics.csv --select top=1 --fail-under 2 $D/reports.ndjson

# --- bad input ------------------------------------------------------------------------
expect_exit 2 "no demographics" -- "$CF" audit --select top=1 $D/reports.ndjson
expect_exit 2 "no selection" -- "$CF" audit -d $D/demographics.csv $D/reports.ndjson
expect_exit 2 "bad selection" -- "$CF" audit -d $D/demographics.csv --select best=3 $D/reports.ndjson
expect_grep "$T/err" "select wants tier=" "bad selection message"
expect_exit 2 "top=0" -- "$CF" audit -d $D/demographics.csv --select top=0 $D/reports.ndjson
expect_exit 2 "bad format" -- "$CF" audit -d $D/demographics.csv --select top=1 -f html $D/reports.ndjson
printf 'source,sex,race_ethnicity\na01,Female,White\na02,Martian,White\n' >"$T/bad.csv"
expect_exit 4 "unknown category" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:3:5: error: 'Martian' is not an EEO-1 sex category" "unknown category position"
printf 'source,gender\na01,F\n' >"$T/bad.csv"
expect_exit 4 "bad header" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:1:1: error: the first line must name the columns" "bad header message"
printf 'source,sex,race_ethnicity\na01,F,White\na01,M,White\n' >"$T/bad.csv"
expect_exit 4 "duplicate source" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:3:1: error: source 'a01' is listed twice" "duplicate source message"
# A column named twice: which one holds the data cannot be known.
printf 'source,sex,race_ethnicity,sex\na01,F,White,M\n' >"$T/bad.csv"
expect_exit 4 "a header column twice" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:1:27: error: the column 'sex' is named twice (columns 2 and 4)" "header column twice message"
# A record longer or shorter than the header: its columns are shifted.
printf 'source,sex,race_ethnicity\na01,F,White\na02,M,White,Asian\n' >"$T/bad.csv"
expect_exit 4 "a record longer than the header" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:3:13: error: the record has 4 fields; the header has 3" "longer record message"
printf 'source,sex,race_ethnicity,note\na01,F,White,x\na02,M,White\n' >"$T/bad.csv"
expect_exit 4 "a record shorter than the header" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:3:1: error: the record has 3 fields; the header has 4" "shorter record message"
printf 'source,sex,race_ethnicity\n"a01,F,White\n' >"$T/bad.csv"
expect_exit 4 "unclosed quote" -- "$CF" audit -d "$T/bad.csv" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.csv:2:1: error: a quoted field is not closed" "unclosed quote message"
printf '[{"source":"a01","sex":"F","race_ethnicity":"White"},\n {"source":"a01","sex":"M","race_ethnicity":"White"}]' >"$T/bad.json"
expect_exit 4 "duplicate source in JSON" -- "$CF" audit -d "$T/bad.json" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.json:2:2: error: source 'a01' is listed twice" "JSON duplicate source position"
printf '[{"source":"a01","sex":"Female","race_ethnicity":"Purple"}]' >"$T/bad.json"
expect_exit 4 "unknown category in JSON" -- "$CF" audit -d "$T/bad.json" --select top=1 $D/reports.ndjson
expect_grep "$T/err" "bad.json:1:33: error: 'Purple' is not an EEO-1 race/ethnicity category" "JSON category position"
expect_exit 4 "missing demographics file" -- "$CF" audit -d "$T/none.csv" --select top=1 $D/reports.ndjson
# One bad line in the reports: reported with its position, the rest audited.
{ head -n 3 $D/reports.ndjson; echo '{"format":"coderfit-report/1","source":"x",}'; tail -n 8 $D/reports.ndjson; } >"$T/r.ndjson"
expect_exit 4 "a bad report line" -- "$CF" audit -d $D/demographics.csv --select tier=strong,good -f json "$T/r.ndjson"
expect_grep "$T/err" "r.ndjson:4:44: error: invalid JSON" "bad report line position"
field applicants 11
# An error record of rank -f ndjson counts as a failed input.
printf '{"error":{"source":"gone.json","line":1,"column":1,"message":"not a profile"}}\n' >>"$T/r2.ndjson"
cat $D/reports.ndjson >>"$T/r2.ndjson"
expect_exit 4 "an error record" -- "$CF" audit -d $D/demographics.csv --select top=1 -f json "$T/r2.ndjson"
expect_grep "$T/err" "r2.ndjson:1:1: error: gone.json failed where it was scored: not a profile \[failed-input\]" "error record message"
field applicants 11

finish
