#!/bin/sh
# Command-line tests of the batch and CI commands: test, diff, rank,
# streams of pretty-printed texts, warnings, numbers, the report in the
# reader's terms, colour, forged names.  (tests/cli.sh has the rest; the two
# halves run side by side.)
# usage: tests/cli-batch.sh BUILD_DIR      (run from the project root)
# Prints one line per failure and ends with "N passed, N failed".

B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
EX=examples/applicants
A="$EX/apprentice-cpc-a.json"

# --- test ------------------------------------------------------------------------------
expect_exit 0 "test: the default rubric passes its cases" -- "$CF" test rubrics/medical-coder.yaml tests/cases/medical-coder.yaml
n_cases=$(grep -c '^  - name: ' tests/cases/medical-coder.yaml)
[ "$n_cases" -ge 20 ] && tail -n 1 "$T/out" | grep -q "^$n_cases passed, 0 failed$" && ok || no "test: every case runs and passes ($n_cases)"
expect_exit 0 "test: a folder of case files" -- "$CF" test rubrics/medical-coder.yaml tests/cases
# a copy with a tier threshold moved, and one with a weight changed: cases fail, named
sed '/label: Strong fit/{n;s/min: 45/min: 95/}' rubrics/medical-coder.yaml >"$T/tier.yaml"
sed '0,/        weight: 18/s//        weight: 8/' rubrics/medical-coder.yaml >"$T/weight.yaml"
cmp -s "$T/tier.yaml" rubrics/medical-coder.yaml && no "test: the tier edit changed nothing" || ok
cmp -s "$T/weight.yaml" rubrics/medical-coder.yaml && no "test: the weight edit changed nothing" || ok
expect_exit 1 "test: a moved tier threshold fails cases" -- "$CF" test "$T/tier.yaml" tests/cases/medical-coder.yaml
expect_grep "$T/out" "^FAIL  credentialed inpatient coder with years of remote work  (tests/cases/medical-coder.yaml:[0-9]*)$" "test: the failing case is named"
expect_grep "$T/out" "tier: expected strong, got good" "test: expected and got"
expect_exit 1 "test: a changed weight fails cases" -- "$CF" test "$T/weight.yaml" tests/cases/medical-coder.yaml
expect_grep "$T/out" "^FAIL  RHIT with an associate degree in HIT " "test: the weight's case is named"
expect_exit 1 "test -f tap" -- "$CF" test -f tap "$T/tier.yaml" tests/cases/medical-coder.yaml
head -n 2 "$T/out" | tr '\n' ' ' | grep -q "^TAP version 13 1\.\.$n_cases " && ok || no "test: tap plan"
expect_grep "$T/out" "^not ok [0-9]* - credentialed inpatient coder" "test: tap names a failure"
expect_exit 1 "test -f junit" -- "$CF" test -f junit "$T/tier.yaml" tests/cases/medical-coder.yaml
expect_grep "$T/out" "<testsuites name=\"coderfit test\" tests=\"$n_cases\" failures=\"[1-9][0-9]*\" errors=\"0\" time=\"[0-9.]*\">" "test: junit counts"
expect_grep "$T/out" '<failure type="expectation" message="tests/cases/medical-coder.yaml:[0-9]*: tier: expected strong, got good' "test: junit failure message, with its position"
cp "$T/out" "$T/junit-fail.xml"
printf 'cases:\n  - name: names a criterion\n    profile: {basics: {name: X}}\n    expect: {top_gap: education.nope, gates_failed: [nogate]}\n' >"$T/nocrit.yaml"
expect_exit 1 "test: a case naming a criterion or gate that does not exist" -- "$CF" test rubrics/medical-coder.yaml "$T/nocrit.yaml"
expect_grep "$T/out" "top_gap: the rubric has no criterion 'education.nope'" "test: names the missing criterion"
expect_grep "$T/out" "gates: the rubric has no gate 'nogate'" "test: names the missing gate"
printf 'cases:\n  - name: x\n    profile: {basics: {name: X}}\n    expect: {tier: strong, colour: red}\n' >"$T/badcases.yaml"
expect_exit 4 "test: a malformed case file" -- "$CF" test rubrics/medical-coder.yaml "$T/badcases.yaml"
expect_grep "$T/err" "badcases.yaml:4:28: error: unknown expectation 'colour'" "test: case file errors are positioned"
# JUnit and TAP a dashboard can trust: checked against the JUnit schema
# that Jenkins and GitLab read (tests/data/junit); a case file that cannot
# be read is an <error> of its own, never an empty suite
if ! command -v xmllint >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "cli test: installing libxml2-utils with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null 2>&1
fi
XSD=tests/data/junit/junit-10.xsd
valid() { xmllint --noout --schema "$XSD" "$1" >"$T/xmllint" 2>&1 && ok || no "$2 does not validate: $(cat "$T/xmllint")"; }
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --schema "$XSD" tests/data/junit/README.md >/dev/null 2>&1 && no "xmllint validates what is not XML" || ok
    valid "$T/junit-fail.xml" "test -f junit with failing cases"
    expect_exit 4 "test -f junit: a case file that cannot be read" -- "$CF" test -f junit rubrics/medical-coder.yaml tests/cases/medical-coder.yaml "$T/badcases.yaml"
    cp "$T/out" "$T/junit-bad.xml"
    valid "$T/junit-bad.xml" "test -f junit with a broken case file"
    python3 - "$T/junit-bad.xml" "$n_cases" <<'EOF2' && ok || no "test -f junit: the broken case file is an <error>"
import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
n = int(sys.argv[2])
assert root.get("tests") == str(n + 1) and root.get("errors") == "1" and root.get("failures") == "0", root.attrib
suites = root.findall("testsuite")
assert len(suites) == 2 and suites[0].get("name") == "tests/cases/medical-coder", [s.get("name") for s in suites]
bad = suites[1]
assert bad.get("name").endswith("/badcases") and not bad.get("name").endswith(".yaml"), bad.get("name")
assert bad.get("errors") == "1" and bad.get("tests") == "1" and bad.get("file").endswith("badcases.yaml"), bad.attrib
(case,) = bad.findall("testcase")
(err,) = case.findall("error")
assert case.get("line") == "4" and case.get("file").endswith("badcases.yaml"), case.attrib
assert "badcases.yaml:4:28: error: unknown expectation 'colour'" in err.get("message"), err.attrib
for c in root.iter("testcase"):
    assert c.get("file") and c.get("time") is not None and float(c.get("time")) >= 0, c.attrib
good = suites[0]
assert good.get("errors") == "0" and good.get("skipped") == "0" and good.get("time") is not None, good.attrib
assert all(c.get("classname") == "tests.cases.medical-coder" and int(c.get("line")) > 0 for c in good.iter("testcase"))
EOF2
    # a profile that cannot be read is an error of its case, not a failure
    printf 'cases:\n  - name: a profile not there\n    profile: not-there.json\n    expect: {tier: strong}\n' >"$T/noprofile.yaml"
    expect_exit 1 "test -f junit: a case whose profile is missing" -- "$CF" test -f junit rubrics/medical-coder.yaml "$T/noprofile.yaml"
    valid "$T/out" "test -f junit with a missing profile"
    expect_grep "$T/out" '<error type="unreadable" message="[^"]*noprofile.yaml:2:[0-9]*: profile [^"]*not-there.json: ' "test -f junit: a missing profile is an <error> with its position"
    grep -q "<failure" "$T/out" && no "test -f junit: a missing profile is a <failure>" || ok
    # the suites of a folder named as files are, once
    expect_exit 0 "test -f junit of a folder" -- "$CF" test -f junit rubrics/medical-coder.yaml tests/cases/
    valid "$T/out" "test -f junit of tests/cases/"
    expect_grep "$T/out" '<testsuite name="tests/cases/medical-coder" file="tests/cases/medical-coder.yaml" ' "test -f junit: a clean suite name"
else
    no "xmllint is not installed (apt-get install libxml2-utils)"
fi
expect_exit 4 "test -f tap: a case file that cannot be read" -- "$CF" test -f tap rubrics/medical-coder.yaml "$T/badcases.yaml"
[ "$(sed -n 2p "$T/out")" = "1..1" ] && ok || no "test -f tap: the broken file counts as a test: $(sed -n 2p "$T/out")"
expect_grep "$T/out" "^not ok 1 - .*badcases.yaml$" "test -f tap: a failing line for the broken file"
expect_grep "$T/out" "^  severity: error$" "test -f tap: its severity"
expect_grep "$T/out" "^  at: \".*badcases.yaml:4:28\"$" "test -f tap: its position"
expect_exit 4 "test: a case file that cannot be read (text)" -- "$CF" test rubrics/medical-coder.yaml "$T/badcases.yaml"
expect_grep "$T/out" "^0 passed, 0 failed, 1 error$" "test: text counts the error"
expect_exit 4 "test -f junit: a case file not there" -- "$CF" test -f junit rubrics/medical-coder.yaml "$T/no-such-cases.yaml"
expect_grep "$T/out" '<testsuites name="coderfit test" tests="1" failures="0" errors="1"' "test -f junit: a missing case file is an error, not an empty suite"

# the example pre-commit hook and workflow: tests/workflow.sh

# --- diff -------------------------------------------------------------------------------
expect_exit 0 "diff: a rubric against itself" -- "$CF" diff $ASOF -f json rubrics/medical-coder.yaml rubrics/medical-coder.yaml "$EX"
expect_grep "$T/out" '"rubric_changes": \[\],' "diff: no rubric change"
expect_grep "$T/out" '"moved": 0,' "diff: no profile moved"
expect_grep "$T/out" '"kendall_tau": 1' "diff: the rankings agree"
# one weight changed: the moved profiles are exactly those whose score differs
# when each rubric ranks them on its own
sed '0,/        weight: 18/s//        weight: 8/' rubrics/medical-coder.yaml >"$T/w.yaml"
expect_exit 0 "diff: one weight changed" -- "$CF" diff $ASOF -f json rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
cp "$T/out" "$T/diff.json"
tr -d '\n' <"$T/diff.json" | tr -s ' ' | grep -q '"rubric_changes": \[ "criterion education.credential: weight 18 -> 8, 18.0 -> 12.0 points of 100" \], "profiles"' && ok || no "diff: the rubric change is listed first, with the criterion's points"
# each changed value named, and the qualities' shares where they move
sed -e 's/^          CPC: 1$/          CPC: 0.5/' -e 's/^          CRC: 0.85$/          CRC: 0.85\n          CMRS: 0.5/' \
    -e 's/^          HCPCS: \[hcpcs level ii, hcpcs ii\]$/          HCPCS: [hcpcs level ii, hcpcs ii]\n          CDEO: [certified documentation expert]/' \
    -e 's/^          Modifiers: \[modifier\]$/          Modifiers: [modifier, coding modifiers]/' \
    -e '0,/^    weight: 30$/s//    weight: 40/' -e 's/^version: .*/version: "2026.12.9"/' rubrics/medical-coder.yaml >"$T/v.yaml"
expect_exit 0 "diff: values changed" -- "$CF" diff $ASOF rubrics/medical-coder.yaml "$T/v.yaml" "$EX"
for want in "  quality education: weight 30 -> 40, share 30.0% -> 36.4% (of 100 -> of 110)" \
    "  criterion education.credential: points.CPC: 1 -> 0.5" "  criterion education.credential: points.CMRS: added, 0.5" \
    "  criterion education.code_sets: terms: +CDEO" "  criterion education.code_sets: terms.Modifiers: its words changed" \
    "  quality ethics: share 8.0% -> 7.3% (weight 8 of 100 -> of 110)"; do
    grep -qxF "$want" "$T/out" && ok || no "diff names the change '$want': $(sed -n 1,14p "$T/out")"
done
grep -q "rule changed" "$T/out" && no "diff: a change said as 'rule changed' where its values can be named" || ok
# an approved move: reported as such, the check passes; anything else fails
expect_exit 1 "diff --fail-on-tier-change: a tier moves" -- "$CF" diff $ASOF --fail-on-tier-change rubrics/medical-coder.yaml "$T/v.yaml" "$EX"
moved=$(grep -o "^  $EX/[^:]*: [A-Za-z ]* -> [A-Za-z ]*," "$T/err" | head -n 1)
[ -n "$moved" ] && ok || no "diff --fail-on-tier-change: no moved profile named: $(cat "$T/err")"
src=${moved%%: *}; src=${src#  }; tiers=${moved#*: }; tiers=${tiers%,}
printf '# the CPC at half moves them, as meant\nprofile,old tier,new tier\n%s,%s,%s\n' "$src" "${tiers%% -> *}" "${tiers#* -> }" >"$T/approved.csv"
n_moves=$(grep -c "^  $EX/.*: .* -> .*, score" "$T/err")
expect_exit $([ "$n_moves" = 1 ] && echo 0 || echo 1) "diff --approved" -- "$CF" diff $ASOF --fail-on-tier-change --approved "$T/approved.csv" rubrics/medical-coder.yaml "$T/v.yaml" "$EX"
expect_grep "$T/err" "^coderfit: diff: approved: 1 profile changed tier as $T/approved.csv expects:$" "diff --approved: the approved move named on stderr"
grep -q "warning" "$T/err" && no "diff --approved: a warning for a comment or the header: $(cat "$T/err")" || ok
grep -qF "$src" "$T/out" && grep -q "(approved)" "$T/out" && ok || no "diff --approved: the table marks the move approved"
expect_grep "$T/out" "changed tier (1 as approved)$" "diff --approved: the summary counts the approved"
"$CF" diff $ASOF -f github --fail-on-tier-change --approved "$T/approved.csv" rubrics/medical-coder.yaml "$T/v.yaml" "$EX" 2>/dev/null | grep -q "^::notice file=$src,title=coderfit diff%3A tier change approved::" && ok || no "diff -f github --approved: a notice for the approved move"
# an approval for another move, or one that no longer moves: a warning, and it still fails
printf 'profile,old tier,new tier\n%s,%s,strong\n%s,strong,good\n' "$src" "${tiers%% -> *}" "$EX/inpatient-coder.json" >"$T/wrong.csv"
expect_exit 1 "diff --approved: another move" -- "$CF" diff $ASOF --fail-on-tier-change --approved "$T/wrong.csv" rubrics/medical-coder.yaml "$T/v.yaml" "$EX"
expect_grep "$T/err" "wrong.csv:2:1: warning: $src is approved to move ${tiers%% -> *} -> strong, but it moves ${tiers%% -> *} -> ${tiers#* -> }: not approved \[approved-other\]" "diff --approved: an approval of another move is a warning"
expect_grep "$T/err" "wrong.csv:3:1: warning: $EX/inpatient-coder.json is approved to move strong -> good, but it stays Strong fit: the approval can go \[approved-unmoved\]" "diff --approved: a stale approval is a warning"
printf 'profile,old tier\nx.json,good\n' >"$T/bad.csv"
expect_exit 4 "diff --approved: not a file of moves" -- "$CF" diff $ASOF --approved "$T/bad.csv" rubrics/medical-coder.yaml "$T/v.yaml" "$EX"
expect_grep "$T/err" "bad.csv:1:1: error: 2 fields: an approved move is profile,old tier,new tier \[bad-csv\]" "diff --approved: a malformed file, at its line"
"$CF" rank $ASOF -f csv "$EX" | csvcols source,score | sort >"$T/old.csv"
"$CF" rank $ASOF -f csv -r "$T/w.yaml" "$EX" 2>/dev/null | csvcols source,score | sort >"$T/new.csv"
join -t, "$T/old.csv" "$T/new.csv" | awk -F, '$2 != $3 { print $1 }' | sort >"$T/moved.want"
tr -d ' \n' <"$T/diff.json" | grep -o '{"source":"[^"]*"[^}]*"moved":true}' | sed 's/{"source":"\([^"]*\)".*/\1/' | sort >"$T/moved.got"
[ -s "$T/moved.want" ] && cmp -s "$T/moved.want" "$T/moved.got" && ok || no "diff: the moved profiles, want $(cat "$T/moved.want" | tr '\n' ' '), got $(cat "$T/moved.got" | tr '\n' ' ')"
expect_exit 1 "diff --max-delta crossed" -- "$CF" diff $ASOF --max-delta 1 rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
expect_exit 0 "diff --max-delta not crossed" -- "$CF" diff $ASOF --max-delta 5 rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
expect_exit 0 "diff --fail-on-tier-change, no tier change" -- "$CF" diff $ASOF --fail-on-tier-change rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
sed '/label: Strong fit/{n;s/min: 45/min: 92/}' rubrics/medical-coder.yaml >"$T/t.yaml"
expect_exit 1 "diff --fail-on-tier-change" -- "$CF" diff $ASOF --fail-on-tier-change rubrics/medical-coder.yaml "$T/t.yaml" "$EX"
expect_grep "$T/out" "tier strong: min 45 -> 92" "diff: a tier change is listed"
expect_grep "$T/out" "\([0-9.]*\) *\1 *\. *Strong fit -> Good fit .*inpatient-coder.json" "diff: the profile's tier change is shown, in labels"
# a crossed line names each profile that crossed it, on stderr, for a CI log
# whose stdout went to a summary
cp "$T/err" "$T/tier.err"
"$CF" diff $ASOF -f json rubrics/medical-coder.yaml "$T/t.yaml" "$EX" |
    python3 -c 'import json,sys; print("\n".join(sorted(p["source"] for p in json.load(sys.stdin)["profiles"] if p["old_tier"] != p["new_tier"])))' >"$T/tier.want"
sed -n 's/^  \(.*json\): .* -> .*, score .*/\1/p' "$T/tier.err" | sort >"$T/tier.got"
[ -s "$T/tier.want" ] && cmp -s "$T/tier.want" "$T/tier.got" && ok || no "diff --fail-on-tier-change: stderr names $(cat "$T/tier.got" | tr '\n' ' '), the table moved $(cat "$T/tier.want" | tr '\n' ' ')"
expect_grep "$T/tier.err" "^coderfit: diff: --fail-on-tier-change: [0-9]* profiles\{0,1\} changed tier:" "diff --fail-on-tier-change: stderr says which line was crossed"
expect_grep "$T/tier.err" "inpatient-coder.json: Strong fit -> Good fit, score \([0-9.]*\) (unchanged)" "diff --fail-on-tier-change: the old and new tier and the score"
expect_grep "$T/out" "Note: the rubric changed but its version (2026.12) did not" "diff: an edit that kept the version is remarked"
expect_exit 0 "diff: a rubric against itself (text)" -- "$CF" diff $ASOF rubrics/medical-coder.yaml rubrics/medical-coder.yaml "$EX"
grep -q "Note:" "$T/out" && no "diff: a rubric against itself is remarked as changed" || ok
# --changed: the moved profiles only, the summary over all of them
expect_exit 1 "diff --changed" -- "$CF" diff $ASOF --changed --fail-on-tier-change rubrics/medical-coder.yaml "$T/t.yaml" "$EX"
rows=$(grep -c 'json$' "$T/out")
[ "$rows" = "$(wc -l <"$T/tier.want")" ] && ok || no "diff --changed: $rows rows for $(wc -l <"$T/tier.want") moved profiles"
expect_grep "$T/out" "Profiles that moved ($rows of $(ls "$EX"/*.json | wc -l))" "diff --changed: the heading counts the moved among all"
expect_grep "$T/out" "$rows of $(ls "$EX"/*.json | wc -l) profiles moved" "diff --changed: the summary is over all profiles"
# -f github: an error annotation for each profile that crossed the line
expect_exit 1 "diff -f github" -- "$CF" diff $ASOF -f github --fail-on-tier-change rubrics/medical-coder.yaml "$T/t.yaml" "$EX"
sed -n 's/^::error file=\([^,]*\),title=coderfit diff%3A tier changed::.*/\1/p' "$T/out" | sort >"$T/gh.got"
cmp -s "$T/tier.want" "$T/gh.got" && ok || no "diff -f github: errors for $(cat "$T/gh.got" | tr '\n' ' ')"
expect_grep "$T/out" "^::notice title=coderfit diff::medical-coder 2026.12 -> medical-coder 2026.12: $rows of [0-9]* profiles moved, $rows changed tier" "diff -f github: a notice sums up"
expect_grep "$T/out" "^::warning title=coderfit diff::the rubric changed but its version (2026.12) did not" "diff -f github: the kept version is a warning"
expect_exit 1 "diff --max-delta 1: stderr" -- "$CF" diff $ASOF --max-delta 1 rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join(sorted(p["source"] for p in d["profiles"] if abs(p["change"]) > 1)))' "$T/diff.json" >"$T/delta.want"
sed -n 's/^  \(.*json\): score .*/\1/p' "$T/err" | sort >"$T/delta.got"
[ -s "$T/delta.want" ] && cmp -s "$T/delta.want" "$T/delta.got" && ok || no "diff --max-delta: stderr names $(cat "$T/delta.got" | tr '\n' ' '), want $(cat "$T/delta.want" | tr '\n' ' ')"
expect_grep "$T/err" "^coderfit: diff: --max-delta 1: [0-9]* profiles\{0,1\} moved by more than 1.0:" "diff --max-delta: stderr says which line was crossed"
expect_exit 0 "diff -f md" -- "$CF" diff $ASOF -f md rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
expect_grep "$T/out" "^| source | old | new | change | tier | rank |" "diff: md table"
expect_exit 3 "diff: an invalid new rubric" -- "$CF" diff rubrics/medical-coder.yaml tests/rubrics/tier-gap.yaml "$EX"
expect_exit 2 "diff: too few arguments" -- "$CF" diff rubrics/medical-coder.yaml

# --- rank -----------------------------------------------------------------------
# A folder that mixes good profiles, malformed JSON, non-profile JSON, an
# NDJSON stream with a broken line, and a file that is not a profile input.
M="$T/mix"
mkdir -p "$M/sub"
cp "$EX"/*.json "$M/"
printf '{"basics": {"name": "x"},\n "work": [}\n' >"$M/sub/broken.json"
echo '{"a": 1}' >"$M/sub/notprofile.json"
{ tr -d '\n' <"$EX/inpatient-coder.json"; echo; echo '{"basics": oops}'; echo;
  tr -d '\n' <"$EX/it-graduate.json"; echo; } >"$M/sub/stream.ndjson"
echo "not read" >"$M/notes.rtf"
n_good=$(( $(ls "$EX"/*.json | wc -l) + 2 ))
expect_exit 4 "rank: a folder with bad inputs" -- "$CF" rank $ASOF -f json "$M"
cp "$T/out" "$T/rank.json"
expect_grep "$T/rank.json" "\"inputs\": $((n_good + 3))," "rank: every input is counted"
expect_grep "$T/rank.json" "\"scored\": $n_good," "rank: the good inputs are scored"
expect_grep "$T/rank.json" '"failed": 3,' "rank: the bad inputs are counted"
expect_grep "$T/rank.json" "\"source\": \"$M/sub/broken.json\",
      \"line\": 2,
      \"column\": 11," "rank: an error record has its position"
expect_grep "$T/rank.json" "\"source\": \"$M/sub/stream.ndjson\",
      \"line\": 2," "rank: a broken stream line has its line"
expect_grep "$T/err" "^coderfit: $M/sub/broken.json:2:11: error: invalid JSON" "rank: errors on stderr have positions"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["skipped"] == [sys.argv[2]] and d["counts"]["skipped"] == 1 and all("notes.rtf" not in r["source"] for r in d["results"])))' "$T/rank.json" "$M/notes.rtf" && ok || no "rank: an .rtf file is skipped and named, not read"
expect_grep "$T/err" "^coderfit: rank: warning: skipped 1 file not read: $M/notes.rtf; coderfit reads JSON, PDF, Word (DOCX), OpenDocument text (ODT), plain text and Markdown: convert the others first (soffice --headless --convert-to docx)$" "rank: the skipped file is named on stderr"
[ ! -s "$T/err" ] || [ "$(grep -c -v -e '^coderfit: .*: error: ' -e '^coderfit: rank: warning: skipped ' "$T/err")" = 0 ] && ok || no "rank: no progress line when stderr is not a terminal"

# the same bytes whatever the jobs and the order of the inputs
"$CF" rank $ASOF -f json -j 1 "$M" >"$T/j1.json" 2>/dev/null
"$CF" rank $ASOF -f json -j 2 "$M" >"$T/j2.json" 2>/dev/null
"$CF" rank $ASOF -f json -j 3 "$M/sub" $(ls "$M"/*.json | sort -r) >"$T/j3.json" 2>/dev/null
# (the files named one by one skip nothing)
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["skipped"]=[]; d["counts"]["skipped"]=0; json.dump(d,open(sys.argv[1],"w"),indent=2)' "$T/j1.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump(d,open(sys.argv[1],"w"),indent=2)' "$T/j3.json"
"$CF" rank $ASOF -f json -j 1 "$M" 2>/dev/null | cmp -s - "$T/j2.json" && cmp -s "$T/j1.json" "$T/j3.json" && ok || no "rank: output depends on --jobs or input order"
cmp -s "$T/j2.json" "$T/rank.json" && ok || no "rank: default jobs differ from --jobs 2"

# merging shards gives the bytes of one run
for f in json csv text md ndjson; do
    "$CF" score -f ndjson $ASOF "$M"/*.json >"$T/shard1.ndjson" 2>/dev/null
    "$CF" rank -f ndjson $ASOF "$M/sub" >"$T/shard2.ndjson" 2>/dev/null
    "$CF" rank --merge -f $f "$T/shard2.ndjson" "$T/shard1.ndjson" >"$T/merged.out" 2>/dev/null
    "$CF" rank -f $f $ASOF $(ls "$M"/*.json) "$M/sub" >"$T/direct.out" 2>/dev/null
    cmp -s "$T/merged.out" "$T/direct.out" && ok || no "rank --merge -f $f differs from one run"
done
# the README's recipe: shards of a few files each, scored side by side
mkdir -p "$T/shards"
find "$M" -name '*.json' | sort | CF="$CF" D="$T/shards" xargs -n 3 -P 2 sh -c \
    '"$CF" rank -q -f ndjson --as-of 2026-11-26 "$@" >"$D/shard-$$.ndjson" 2>/dev/null; true' sh
"$CF" rank --merge -f csv "$T"/shards/shard-*.ndjson >"$T/merged.csv" 2>/dev/null
"$CF" rank -f csv $ASOF $(find "$M" -name '*.json') >"$T/direct.csv" 2>/dev/null
[ "$(ls "$T/shards" | wc -l)" -ge 3 ] && cmp -s "$T/merged.csv" "$T/direct.csv" && ok || no "the shard recipe gives the bytes of one run"
# json and ndjson without --top keep the reports in an unlinked temporary
# file: the same bytes as when they stay in memory (--top above the count),
# nothing left in TMPDIR, and a TMPDIR that cannot hold it named
mkdir -p "$T/tmpd"
for f in json ndjson; do
    TMPDIR="$T/tmpd" "$CF" rank $ASOF -q -f $f "$M" "$EX" >"$T/spilled.$f" 2>/dev/null
    "$CF" rank $ASOF -q -f $f --top 100000 "$M" "$EX" >"$T/kept.$f" 2>/dev/null
    [ -s "$T/kept.$f" ] && cmp -s "$T/spilled.$f" "$T/kept.$f" && ok || no "rank -f $f: the spilled reports differ from those kept in memory"
done
[ -z "$(ls -A "$T/tmpd")" ] && ok || no "rank -f ndjson: a temporary file left in TMPDIR"
# (not under check-valgrind's wrapper script: valgrind needs TMPDIR itself)
if [ "$(head -c 2 "$CF")" != "#!" ]; then
    TMPDIR="$T/none" expect_exit 5 "rank -f ndjson, TMPDIR missing" -- "$CF" rank $ASOF -q -f ndjson "$EX"
    expect_grep "$T/err" "^coderfit: rank: cannot make a temporary file of reports in $T/none: No such file or directory$" "rank: the temporary file's folder named"
fi
# a shard given twice: each applicant counted once, with a warning
"$CF" rank --merge -f csv "$T/shard1.ndjson" >"$T/once.csv" 2>/dev/null
expect_exit 0 "rank --merge of one shard twice" -- "$CF" rank --merge -f csv "$T/shard1.ndjson" "$T/shard1.ndjson"
cmp -s "$T/out" "$T/once.csv" && ok || no "rank --merge of one shard twice: not the ranking of it once"
n1=$(wc -l <"$T/shard1.ndjson")
[ "$(grep -c 'was merged before: counted once \[merged-twice\]$' "$T/err")" = "$((n1 < 10 ? n1 : 10))" ] &&
    expect_grep "$T/err" "shard1.ndjson:1:1: warning: " "merged twice: the second copy's line" ||
    no "rank --merge of one shard twice: one warning per repeated report, up to ten"
# three copies in one file: ten named, then how many more
cat "$T/shard1.ndjson" "$T/shard1.ndjson" "$T/shard1.ndjson" >"$T/thrice.ndjson"
expect_exit 0 "rank --merge of a shard three times" -- "$CF" rank --merge -f csv "$T/thrice.ndjson"
cmp -s "$T/out" "$T/once.csv" && ok || no "rank --merge of a shard three times: not the ranking of it once"
[ "$(grep -c 'was merged before: counted once' "$T/err")" = 10 ] &&
    expect_grep "$T/err" "^coderfit: $T/thrice.ndjson: warning: $((2 * n1 - 10)) more reports were merged before: each counted once \[merged-twice\]$" "merged thrice: the count of the rest" ||
    no "rank --merge of a shard three times: not ten warnings named"
printf '{"error":{"source":"gone.json","line":1,"column":1,"message":"not a profile"}}\n' >"$T/gone.ndjson"
expect_exit 4 "rank --merge of one failure twice" -- "$CF" rank --merge -f json "$T/gone.ndjson" "$T/gone.ndjson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["counts"]["failed"] != 1)' "$T/out" &&
    ok || no "rank --merge of one failure twice: not counted once"
echo '{"not": "a report"}' >"$T/junk.ndjson"
expect_exit 4 "rank --merge of a non-report" -- "$CF" rank --merge "$T/junk.ndjson"
expect_grep "$T/err" "junk.ndjson:1:1: error: not a coderfit report" "rank --merge names the bad line"

# CSV: a table, RFC 4180
expect_exit 0 "rank -f csv" -- "$CF" rank $ASOF -f csv "$EX"
head -n 1 "$T/out" | grep -q "^rank,status,id,name,email,phone,source,score,tier,tier_label,eligible,completeness,education,attention_to_detail,medical_knowledge,communication,technical,ethics,independence,failed_gates,facts,warnings,duplicate_of,opening.$" && ok || no "rank: csv header"
[ "$(wc -l <"$T/out")" = "$((n_good - 1))" ] && ok || no "rank: csv has a row per scored applicant"
[ "$(tr -cd '\r' <"$T/out" | wc -c)" = "$((n_good - 1))" ] && ok || no "rank: csv lines end in CRLF"
python3 -c 'import csv,sys; sys.exit(any(len(r) != 24 for r in csv.reader(open(sys.argv[1], newline=""))))' "$T/out" && ok || no "rank: every csv row has 24 fields"
cp "$EX/inpatient-coder.json" "$T/with,comma.json"
"$CF" rank $ASOF -f csv --bom "$T/with,comma.json" >"$T/bom.csv"
[ "$(head -c 3 "$T/bom.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] && ok || no "rank --bom"
grep -q "^1,scored,\"with,comma\",Dana Whitfield,[^,]*,[^,]*,\"$T/with,comma.json\",[0-9]" "$T/bom.csv" && ok || no "rank: a csv field with a comma is quoted"
# a file name that a spreadsheet would run as a formula is written as text
mkdir -p "$T/formula"
cp "$EX/it-graduate.json" "$T/formula/=HYPERLINK(1).json"
cp "$EX/inpatient-coder.json" "$T/formula/@SUM(1,2).json"
cf_abs=$(cd "$(dirname "$CF")" && pwd)/coderfit
(cd "$T/formula" && "$cf_abs" rank $ASOF -q -f csv --blind --key key.csv -- *.json >blind.csv && "$cf_abs" rank $ASOF -q -f csv -- *.json >named.csv)
grep -q "^2,scored,'=HYPERLINK(1),[^,]*,[^,]*,[^,]*,'=HYPERLINK(1).json,[0-9.]*," "$T/formula/named.csv" && ok || no "rank: a csv field starting with = gets a ' ($(sed -n 3p "$T/formula/named.csv" | cut -c1-40))"
grep -q "^1,scored,\"'@SUM(1,2)\",[^,]*,[^,]*,[^,]*,\"'@SUM(1,2).json\",[0-9]" "$T/formula/named.csv" && ok || no "rank: a quoted csv field starting with @ gets a '"
grep -q "^applicant-[0-9a-f]*,\"'=HYPERLINK(1).json\"$" "$T/formula/key.csv" && ok || no "rank --key: the key's source gets a ' too"

# selection
"$CF" rank $ASOF -f csv --top 3 "$EX" >"$T/top.csv"
[ "$(wc -l <"$T/top.csv")" = 4 ] && ok || no "rank --top 3"
"$CF" rank $ASOF -f csv --min-score 40 "$EX" | csvcols score | awk '$1 < 40 { bad = 1 } END { exit bad || NR < 2 }' && ok || no "rank --min-score"
"$CF" rank $ASOF -f csv --tier strong --tier good "$EX" | csvcols tier | awk '$1 != "strong" && $1 != "good" { bad = 1 } END { exit bad || NR != 3 }' && ok || no "rank --tier"
"$CF" rank $ASOF -f csv --eligible-only "$EX" | csvcols eligible | awk '$1 != "true" { bad = 1 } END { exit bad || NR < 1 }' && ok || no "rank --eligible-only"
expect_exit 2 "rank: bad --top" -- "$CF" rank --top 0 "$EX"
# a tier the rubric does not have is a usage error, not an empty shortlist
expect_exit 2 "rank: a --tier the rubric lacks" -- "$CF" rank $ASOF --tier strong --tier Great "$EX"
expect_grep "$T/err" "^coderfit: rank: --tier: 'Great' is not a tier of rubric medical-coder (strong \"Strong fit\", good \"Good fit\", developing \"Developing\", early \"Not yet a fit\")$" "rank: unknown tier message names ids and labels"
# a tier by the label the reports show, case ignored, keeps what its id keeps
"$CF" rank $ASOF -f csv --tier good "$EX" >"$T/by-id.csv"
expect_exit 0 "rank: --tier by label" -- "$CF" rank $ASOF -f csv --tier "good FIT" "$EX"
cmp -s "$T/out" "$T/by-id.csv" && [ "$(wc -l <"$T/out")" -gt 1 ] && ok || no "rank --tier 'good FIT' keeps what --tier good keeps"
"$CF" rank $ASOF -f ndjson "$EX" >"$T/merge-in.ndjson"
expect_exit 0 "rank --merge: --tier by label" -- "$CF" rank --merge -f csv --tier "Good fit" "$T/merge-in.ndjson"
[ "$(csvcols tier <"$T/out" | sort -u)" = good ] && ok || no "rank --merge --tier 'Good fit' keeps the good: $(cat "$T/out")"
# audit selects by id only: a label there is refused, not silently empty
expect_exit 2 "audit --select tier= a label" -- "$CF" audit $ASOF -d examples/demographics.csv --select "tier=Good fit" "$EX"
[ -s "$T/out" ] && no "rank: output despite an unknown tier" || ok
expect_exit 0 "rank: --tier of the rubric given" -- "$CF" rank $ASOF -r examples/rubrics/coding-auditor.yaml -f csv --tier hire "$EX"
csvcols tier <"$T/out" | awk '$1 != "hire" { bad = 1 } END { exit bad || NR < 1 }' && ok || no "rank: --tier hire with the auditor rubric"
expect_exit 2 "rank: --tier of another rubric" -- "$CF" rank $ASOF --tier hire "$EX"
# --merge has no rubric: a tier no report is in gets a warning
"$CF" rank $ASOF -f ndjson "$EX" >"$T/tiers.ndjson" 2>/dev/null
expect_exit 0 "rank --merge: a tier no report is in" -- "$CF" rank --merge -f csv --tier strong --tier stronk "$T/tiers.ndjson"
expect_grep "$T/err" "^coderfit: rank: warning: --tier 'stronk': no report read is in this tier$" "rank --merge: unknown tier warning"
[ "$(wc -l <"$T/out")" = 3 ] && ok || no "rank --merge --tier: the strong ones still listed"
expect_exit 0 "rank --merge: known tiers" -- "$CF" rank --merge -f csv --tier strong "$T/tiers.ndjson"
[ -s "$T/err" ] && no "rank --merge: a warning for a tier reports have" || ok
expect_exit 2 "rank: bad --jobs" -- "$CF" rank -j x "$EX"
expect_exit 2 "rank: bad format" -- "$CF" rank -f xml "$EX"

# the other formats
expect_exit 0 "rank -f md" -- "$CF" rank $ASOF -f md "$EX"
expect_grep "$T/out" '^| rank | name | score | tier | eligible |' "rank: md table"
expect_exit 0 "rank -f text" -- "$CF" rank $ASOF "$EX"
expect_grep "$T/out" "^  $((n_good - 2)) inputs: $((n_good - 2)) scored, 0 failed$" "rank: text summary"
expect_grep "$T/out" "Total score" "rank: text summary of qualities"
# the table fits the terminal: every row, whatever its source's length
# (every line, the summary's too; a character counts one column)
for cols in 40 60 80 100 120 130; do
    COLUMNS=$cols "$CF" rank -q $ASOF tests/panel/profiles "$EX" "$T/baddate.json" >"$T/out" 2>/dev/null
    w=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")
    [ "$w" -le $cols ] && ok || no "rank at $cols columns: a line is $w wide"
done
COLUMNS=80 "$CF" rank -q $ASOF tests/panel/profiles >"$T/out" 2>/dev/null
grep -q "^ rank  name  *score  tier  *elig edu att med com tec eth ind$" "$T/out" && ok || no "rank at 80 columns keeps short quality columns"
expect_grep "$T/out" "^  Not shown at 80 columns: the source; a wider terminal or -f csv shows every$" "rank at 80 columns says what it left out"
COLUMNS=60 "$CF" rank -q $ASOF tests/panel/profiles >"$T/out" 2>/dev/null
expect_grep "$T/out" "^  Not shown at 60 columns: the qualities and the source; a" "rank at 60 columns says what it left out"
COLUMNS=160 "$CF" rank -q $ASOF tests/panel/profiles >"$T/out" 2>/dev/null
grep -q "^ rank  name  *score  tier  *elig  educ  atte  medi  comm  tech  ethi  inde  source$" "$T/out" && ok || no "rank at 160 columns shows every column"
grep -q "Not shown" "$T/out" && no "rank at 160 columns: something said left out" || ok
expect_exit 0 "rank: stdin" -- sh -c "cat \"$EX/inpatient-coder.json\" | tr -d '\n' | \"$CF\" rank $ASOF -f csv -"
expect_grep "$T/out" "^1,scored,'-:1,Dana Whitfield,dana.whitfield@example.com,(555) 201-4417,'-:1," "rank: stdin records are named -:LINE (after a ', as a spreadsheet would read - as a formula), and by the applicant"

# --- no fixed room: a rubric of 40 qualities, 70 tiers and 70 gates (the
# ranking once held 32 qualities and 32 tiers, audit's --select 64 tiers)
# runs in every command
python3 - "$T/wide.yaml" <<'EOF2'
import sys
nq, nt, ng = 40, 70, 70
y = ['format: coderfit-rubric/1', 'id: wide', 'version: "1"', 'tiers:']
y += ['  - {id: t%d, label: Tier %d, min: %d}' % (i, i, 0 if i == nt - 1 else nt - 1 - i) for i in range(nt)]
y += ['qualities:']
for i in range(nq):
    y += ['  - id: q%d' % i, '    name: Quality %d' % i, '    weight: 1', '    criteria:',
          '      - {id: c, type: flag, weight: 1, path: attestations.hipaa_trained, advice: State it.}']
y += ['gates:'] + ['  - {id: g%d, label: Gate %d, any: [{criterion: q%d.c, above: 0}], advice: x}' % (i, i, i % nq)
                   for i in range(ng)]
open(sys.argv[1], 'w').write('\n'.join(y) + '\n')
EOF2
printf 'cases:\n  - name: none stated\n    profile: {basics: {name: X}}\n    expect: {tier: t69}\n' >"$T/wide-cases.yaml"
W="$T/wide.yaml"
expect_exit 0 "wide rubric: lint" -- "$CF" lint "$W"
expect_exit 0 "wide rubric: score" -- "$CF" score $ASOF -r "$W" -f json "$A"
expect_grep "$T/out" '"id": "q39"' "wide rubric: score reports the 40th quality"
expect_exit 0 "wide rubric: advise" -- "$CF" advise $ASOF -r "$W" "$A"
expect_exit 0 "wide rubric: test" -- "$CF" test "$W" "$T/wide-cases.yaml"
expect_exit 0 "wide rubric: diff" -- "$CF" diff $ASOF "$W" "$W" "$EX"
expect_exit 0 "wide rubric: audit" -- "$CF" audit $ASOF -r "$W" -d examples/demographics.csv --select "tier=$(seq -s, -f 't%g' 0 68)" "$EX"
expect_grep "$T/out" "^applicants 10, selected " "wide rubric: audit selects among 69 tiers"
for f in text csv json ndjson md html; do
    expect_exit 0 "wide rubric: rank -f $f" -- "$CF" rank $ASOF -r "$W" -f $f "$EX"
    grep -q q39 "$T/out" && ok || no "wide rubric: rank -f $f shows the 40th quality"
    cp "$T/out" "$T/wide.$f"
done
"$CF" score $ASOF -r "$W" -f ndjson "$EX" >"$T/wide-shards.ndjson" 2>/dev/null
for f in text json html; do
    expect_exit 0 "wide rubric: rank --merge -f $f" -- "$CF" rank --merge -f $f "$T/wide-shards.ndjson"
    cmp -s "$T/out" "$T/wide.$f" && ok || no "wide rubric: rank --merge -f $f differs from rank"
done

# --- pretty-printed JSON texts one after another (jq's output, files put
# together with cat): a stream whose first line is a lone "{" -------------------
python3 - "$EX" "$T" <<'EOF'
import json, os, sys
ex, t = sys.argv[1], sys.argv[2]
docs = [json.load(open(os.path.join(ex, f))) for f in sorted(os.listdir(ex)) if f.endswith('.json')]
with open(os.path.join(t, 'pretty.json'), 'w') as p, open(os.path.join(t, 'compact.ndjson'), 'w') as c:
    for i in range(120):
        for d in docs:
            p.write(json.dumps(d, indent=2) + '\n')
            c.write(json.dumps(d) + '\n')
EOF
n_pretty=$(( $(ls "$EX"/*.json | wc -l) * 120 ))
[ "$(wc -c <"$T/pretty.json")" -gt 1048576 ] && ok || no "the pretty stream spans several chunks"
expect_exit 0 "rank: pretty-printed texts on stdin" -- sh -c "\"$CF\" rank -q $ASOF -j 1 -f csv - <\"$T/pretty.json\""
[ "$(wc -l <"$T/out")" = $((n_pretty + 1)) ] && ok || no "rank: every pretty-printed text is a record ($(wc -l <"$T/out") lines)"
cp "$T/out" "$T/pretty1.csv"
"$CF" rank -q $ASOF -j 2 -f csv - <"$T/pretty.json" >"$T/pretty2.csv"
cmp -s "$T/pretty1.csv" "$T/pretty2.csv" && ok || no "rank: a pretty stream gives the same bytes with --jobs 1 and 2"
"$CF" rank -q $ASOF -f csv - <"$T/compact.ndjson" >"$T/compact.csv"
csvcols name,score,tier,education,independence,duplicate_of <"$T/pretty1.csv" | sed "s/,'-:[0-9]*$/,dup/" | sort >"$T/pretty.scores"
csvcols name,score,tier,education,independence,duplicate_of <"$T/compact.csv" | sed "s/,'-:[0-9]*$/,dup/" | sort >"$T/compact.scores"
cmp -s "$T/pretty.scores" "$T/compact.scores" && ok || no "rank: the pretty and the compact stream score alike"
expect_grep "$T/pretty1.csv" "^[0-9]*,scored,[^,]*,[^,]*,[^,]*,[^,]*,'-:1," "rank: a pretty text is named by its first line"
"$CF" score $ASOF -f ndjson - <"$T/pretty.json" | sed 's/^[^,]*,"source":"\([^"]*\)".*/\1/' | sort >"$T/score.src"
csvcols source <"$T/pretty1.csv" | sed "s/^'//" | sort >"$T/rank.src"
[ "$(wc -l <"$T/score.src")" = "$n_pretty" ] && cmp -s "$T/score.src" "$T/rank.src" && ok || no "score and rank split a pretty stream alike"
# a truncated text loses nothing after it
{ cat "$EX/it-graduate.json"; head -n 6 "$EX/billing-specialist.json"; cat "$EX/inpatient-coder.json" "$EX/new-cca.native.json"; } >"$T/trunc.json"
at=$(( $(wc -l <"$EX/it-graduate.json") + 7 ))
expect_exit 4 "rank: a truncated pretty text" -- sh -c "\"$CF\" rank $ASOF -f csv - <\"$T/trunc.json\""
[ "$(csvcols status <"$T/out" | grep -c '^scored$')" = 3 ] && ok || no "rank: the texts around a truncated one are scored"
[ "$(csvcols status <"$T/out" | grep -c '^refused: line [0-9]*, column [0-9]*: invalid JSON: unexpected end of input')" = 1 ] && ok || no "rank: the truncated one is a refused row of the csv"
expect_grep "$T/err" "^coderfit: -:$((at - 1)):[0-9]*: error: invalid JSON: unexpected end of input (object not closed)" "rank: the truncated text ends where the next text starts"
expect_exit 4 "score: a truncated pretty text" -- sh -c "\"$CF\" score $ASOF -f ndjson - <\"$T/trunc.json\""
[ "$(wc -l <"$T/out")" = 3 ] && ok || no "score: the texts around a truncated one are scored"
expect_grep "$T/err" "^coderfit: -:$((at - 1)):[0-9]*: error: invalid JSON: unexpected end of input (object not closed)" "score: the same error position as rank"
# ... even when what follows it is more than any record may be: one error, the rest scored
{ head -n 6 "$EX/billing-specialist.json"; cat "$T/pretty.json"; } >"$T/trunc-big.json"
expect_exit 4 "rank: a truncated text before a long stream" -- sh -c "\"$CF\" rank -q $ASOF --max-input-size 64K -f json - <\"$T/trunc-big.json\""
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["counts"]; e=d["errors"]; sys.exit(0 if (c["scored"], c["failed"]) == (int(sys.argv[2]), 1) and e[0]["line"] == 6 and "not closed" in e[0]["message"] else 1)' "$T/out" "$n_pretty" && ok || no "rank: a truncated text held back a long stream"
# NDJSON: a line cut short is an error at its own line, and the next is read
{ printf '{"basics": {"name": "X"}, "work": [\n'; tr -d '\n' <"$EX/inpatient-coder.json"; echo; } >"$T/cut.ndjson"
expect_exit 4 "score: an NDJSON line cut short" -- "$CF" score $ASOF -f ndjson "$T/cut.ndjson"
expect_grep "$T/err" "^coderfit: $T/cut.ndjson:1:36: error: invalid JSON: unexpected end of input" "score: a short line's error is on that line"
expect_grep "$T/out" "\"source\":\"$T/cut.ndjson:2\"" "score: the line after a short one is scored"
expect_exit 4 "rank: an NDJSON line cut short" -- "$CF" rank $ASOF -f csv "$T/cut.ndjson"
expect_grep "$T/err" "^coderfit: $T/cut.ndjson:1:36: error: invalid JSON: unexpected end of input" "rank: the same position as score"

# an export of profiles as one JSON array: the error says how to stream it
python3 -c 'import json,sys; print(json.dumps([json.load(open(f)) for f in sys.argv[1:]]))' "$EX/it-graduate.json" "$EX/inpatient-coder.json" >"$T/export.json"
expect_exit 4 "rank: an array of profiles" -- "$CF" rank $ASOF "$T/export.json"
expect_grep "$T/err" "export.json:1:1: error: not a profile: an array of 2 objects where one profile was expected (jq -c '.\[\]' FILE puts them one per line" "rank: an array of profiles: the hint"
# a pipe named as an operand (<(...), /dev/stdin) is read as stdin is
expect_exit 0 "score: a pipe operand" -- sh -c "cat \"$EX/inpatient-coder.json\" | \"$CF\" score $ASOF -f ndjson /dev/stdin"
expect_grep "$T/out" '"source":"/dev/stdin"' "score: a pipe holding one profile is named after it"
expect_exit 0 "rank: a pipe operand holding a stream" -- sh -c "cat \"$T/compact.ndjson\" | \"$CF\" rank -q $ASOF -f csv /dev/stdin"
[ "$(wc -l <"$T/out")" = $((n_pretty + 1)) ] && ok || no "rank: every line of a pipe operand is a record"
expect_grep "$T/out" '^[0-9]*,scored,[^,]*,[^,]*,[^,]*,[^,]*,/dev/stdin:1,' "rank: a pipe's records are named by line"


# --- fields that cannot be used: warnings, not refusals ------------------------
# A date in a written form is read; one that cannot be read is left out with
# a warning naming the field; a repeated key keeps its last value, with a
# warning; --strict refuses both (exit 4).
printf '{"basics": {"name": "A"},\n "work": [{"position": "Coder", "startDate": "March 2018"}]}\n' >"$T/march.json"
expect_exit 0 "a date written 'March 2018'" -- "$CF" score $ASOF -f json "$T/march.json"
[ ! -s "$T/err" ] && ok || no "'March 2018' is read without a warning: $(cat "$T/err")"
expect_grep "$T/out" '"warnings": \[\]' "'March 2018': no warning in the report"
"$CF" convert $ASOF "$T/march.json" | grep -q '"start": "2018-03"' && ok || no "'March 2018' is read as 2018-03"
printf '{"basics": {"name": "A"},\n "work": [{"position": "Coder", "startDate": "Marhc 2018"},\n   {"position": "Coder", "startDate": "2022", "endDate": "2024"}]}\n' >"$T/baddate.json"
expect_exit 0 "an unreadable date is a warning" -- "$CF" score $ASOF "$T/baddate.json"
[ "$(grep -c 'warning:' "$T/err")" = 1 ] && ok || no "one warning for one bad date: $(cat "$T/err")"
expect_grep "$T/err" "^coderfit: $T/baddate.json:2:33: warning: 'work\[0\].startDate' is not a date (such as 2019-03, Mar 2019 or 03/2019): left out \[bad-date\]$" "the warning names the field and its position"
expect_grep "$T/out" "Warnings: 1 field left out of scoring" "the text report shows the warning"
expect_grep "$T/out" "2:33 .*'work\[0\].startDate'" "the text report's warning has its position"
expect_exit 0 "the other job still counts" -- "$CF" convert $ASOF "$T/baddate.json"
expect_grep "$T/out" '"coding_months": 36' "the job with good dates counts"
expect_exit 4 "--strict refuses a bad date" -- "$CF" score --strict $ASOF "$T/baddate.json"
expect_grep "$T/err" "^coderfit: $T/baddate.json:2:33: error: 'work\[0\].startDate' is not a date" "--strict: the warning is an error"
printf '{"basics": {"name": "A"}, "languages": [],\n "work": [{"position": "Coder", "startDate": "2015"}], "languages": []}\n' >"$T/dupkey.json"
expect_exit 0 "a repeated empty key" -- "$CF" score $ASOF -f json "$T/dupkey.json"
[ "$(grep -c 'warning:' "$T/err")" = 1 ] && ok || no "one warning for one repeated key: $(cat "$T/err")"
expect_grep "$T/err" "^coderfit: $T/dupkey.json:2:56: warning: duplicate key 'languages': the last value is used \[duplicate-key\]$" "the duplicate's warning"
expect_grep "$T/out" '"rule": "duplicate-key"' "the JSON report lists the warning"
expect_exit 4 "--strict refuses a repeated key" -- "$CF" score --strict $ASOF "$T/dupkey.json"
for fmt in md html; do
    expect_exit 0 "score -f $fmt with a warning" -- "$CF" score $ASOF -f $fmt "$T/baddate.json"
    expect_grep "$T/out" "field left out of scoring" "score -f $fmt shows the warning"
done
# warnings in the order of the text, though duplicate keys are found first
W="tests/data/written/auditor.json"
expect_exit 0 "a resume with a repeated key after a bad date" -- "$CF" score $ASOF -f json "$W"
[ "$(grep -o '^coderfit: [^ ]*: ' "$T/err" | tr '\n' ' ')" = "coderfit: $W:12:84:  coderfit: $W:23:3:  " ] && ok ||
    no "warnings on stderr in the order of the text: $(cat "$T/err")"
[ "$(tr -d ' \n' <"$T/out" | grep -o '"line":[0-9]*,"column":[0-9]*' | tr '\n' ' ')" = '"line":12,"column":84 "line":23,"column":3 ' ] && ok ||
    no "the report's warnings in the order of the text"
expect_exit 0 "score -q: warnings only in the report" -- "$CF" score -q $ASOF "$T/baddate.json"
[ ! -s "$T/err" ] && ok || no "score -q printed $(cat "$T/err")"
# a batch: counted, in the CSV column and the summary, every input ranked
expect_exit 0 "rank with warnings" -- "$CF" rank -q $ASOF -f csv "$T/baddate.json" "$T/dupkey.json" "$EX/inpatient-coder.json"
[ "$(wc -l <"$T/out")" = 4 ] && ok || no "rank: every input with a warning is ranked"
csvcols source,warnings <"$T/out" | awk -F, -v a="$T/baddate.json" -v b="$T/dupkey.json" -v c="$EX/inpatient-coder.json" \
    '{ n[$1] = $2 + 0 } END { exit !(n[a] == 1 && n[b] == 1 && n[c] == 0) }' && ok ||
    no "rank: the warnings column counts each profile's warnings"
expect_exit 0 "rank: the summary counts warnings" -- "$CF" rank -q $ASOF "$T/baddate.json" "$T/dupkey.json" "$EX/inpatient-coder.json"
expect_grep "$T/out" "Warnings: 2 fields left out of scoring, in 2 profiles" "rank: the summary's warnings line"
expect_exit 0 "rank -f json: warning counts" -- "$CF" rank -q $ASOF -f json "$T/baddate.json" "$T/dupkey.json"
expect_grep "$T/out" '"warnings": 2,' "rank -f json: counts.warnings"
expect_exit 0 "rank: warnings on stderr" -- "$CF" rank $ASOF -f csv "$T/baddate.json"
expect_grep "$T/err" "baddate.json:2:33: warning:" "rank prints the warning without -q"
expect_exit 4 "rank --strict" -- "$CF" rank --strict $ASOF -f csv "$T/baddate.json" "$EX/inpatient-coder.json"
[ "$(csvcols status <"$T/out" | grep -c '^scored$')" = 1 ] && ok || no "rank --strict: the other input is still ranked"
[ "$(csvcols status,source <"$T/out" | grep -c "^refused: line 2, column 33: 'work\[0\].startDate' is not a date.*,$T/baddate.json$")" = 1 ] && ok || no "rank --strict: the refused profile is a row"
# merging shards keeps the counts
"$CF" score $ASOF -f ndjson "$T/baddate.json" "$T/dupkey.json" >"$T/shard.ndjson" 2>/dev/null
expect_exit 0 "rank --merge: warnings" -- "$CF" rank --merge -f csv "$T/shard.ndjson"
csvcols warnings <"$T/out" | awk '{ s += $1 } END { exit s != 2 }' && ok || no "rank --merge: the warnings column of merged reports"


# --- numbers are plain decimals: no NaN, infinity or hex slips through a guard --
for v in nan NaN inf -inf 0x10 1e400 " 5" "5 " "" 1e; do
    expect_exit 2 "rank --min-score '$v'" -- "$CF" rank -q $ASOF --min-score "$v" "$EX"
    expect_exit 2 "diff --max-delta '$v'" -- "$CF" diff $ASOF --max-delta "$v" rubrics/medical-coder.yaml rubrics/medical-coder.yaml "$EX"
    expect_exit 2 "audit --fail-under '$v'" -- "$CF" audit $ASOF -d examples/demographics.csv --select top=3 --fail-under "$v" "$EX"
    expect_exit 2 "audit --select min-score='$v'" -- "$CF" audit $ASOF -d examples/demographics.csv --select "min-score=$v" "$EX"
done
for v in 40 40.5 .5 4e1 +40 -0; do
    expect_exit 0 "rank --min-score $v" -- "$CF" rank -q $ASOF --min-score "$v" "$EX"
done
expect_exit 1 "diff --max-delta 1e-1 still guards" -- "$CF" diff $ASOF --max-delta 1e-1 rubrics/medical-coder.yaml "$T/w.yaml" "$EX"
# a what-if with nothing after its =
for w in course= credential= skill= "training= " coding-months=; do
    expect_exit 2 "advise --with '$w'" -- "$CF" advise $ASOF --with "$w" "$EX/it-graduate.json"
    expect_grep "$T/err" "wants a value" "advise --with '$w': the message"
done


# --- the report speaks the reader's language -------------------------------------------
# evidence in the input's own terms (a JSON Resume's work[], certificates[],
# studyType), the native path kept in JSON for tools
"$CF" score $ASOF -f json "$A" >"$T/ev.json"
"$CF" convert $ASOF "$A" >"$T/ev.native.json"
python3 - "$T/ev.json" "$A" "$T/ev.native.json" <<'EOF2' && ok || no "score -f json: evidence paths in the resume's terms, the native kept"
import json, re, sys
d = json.load(open(sys.argv[1]))
resume = json.load(open(sys.argv[2]))
native = json.load(open(sys.argv[3]))
ev = [e for q in d["qualities"] for c in q["criteria"] for e in c["evidence"]]
hl = [e for e in ev if re.match(r"experience\[\d+\]\.highlights\[\d+\]$", e["path"])]
assert hl, "no highlight evidence"
for e in hl:
    # the two paths name the same text: the native one in convert's output,
    # the other in the resume
    n = re.match(r"experience\[(\d+)\]\.highlights\[(\d+)\]$", e["path"])
    m = re.match(r"work\[(\d+)\]\.highlights\[(\d+)\]$", e.get("input_path", ""))
    assert m, e
    assert native["experience"][int(n.group(1))]["highlights"][int(n.group(2))] == \
        resume["work"][int(m.group(1))]["highlights"][int(m.group(2))], e
cred = [e for e in ev if e["path"].startswith("credentials[")]
assert cred and all(e["input_path"].startswith("certificates[") for e in cred), cred
assert any(e["path"] == "derived.coding_months" and e["input_path"].startswith("months in coding roles") for e in ev)
EOF2
"$CF" score $ASOF -f json "$EX/new-cca.native.json" | grep -q '"input_path"' && no "a native profile's evidence gets an input_path" || ok
# volunteer coding comes after the work entries in the native model
printf '%s\n' '{"basics": {"name": "Val"}, "work": [{"name": "Grocer", "position": "Cashier", "startDate": "2022-01", "endDate": "2023-12"}],' \
    ' "volunteer": [{"organization": "Free Clinic", "position": "Volunteer medical coder", "startDate": "2024-01", "endDate": "2025-06",' \
    '   "highlights": ["Coded clinic visits with ICD-10-CM and CPT"]}]}' >"$T/volunteer.json"
"$CF" score $ASOF -f json "$T/volunteer.json" | tr -d ' \n' >"$T/vol.out"
grep -q '"path":"experience\[1\]\.highlights\[0\]","input_path":"volunteer\[0\]\.highlights\[0\]"' "$T/vol.out" && ok ||
    no "score: volunteer evidence named as the resume has it: $(grep -o '"path":"experience[^}]*' "$T/vol.out" | head -2)"
"$CF" score $ASOF -f html "$A" >"$T/ev.html"
grep -q '<code>experience\[' "$T/ev.html" && no "score -f html: evidence in the native model's terms" || ok
expect_grep "$T/ev.html" '<code>work\[0\]\.highlights\[[0-9]\]</code>' "score -f html: evidence as the resume says it"
# -f html of several profiles or a stream: a page each in --output-dir, and an index
expect_exit 2 "score -f html of several profiles without --output-dir" -- "$CF" score $ASOF -f html "$EX"/*.json
expect_grep "$T/err" "one page per profile: give --output-dir DIR for a page each" "score -f html: says what to do for several"
expect_exit 2 "score --output-dir without -f html" -- "$CF" score $ASOF --output-dir "$T/pages" "$A"
expect_exit 0 "score -f html --output-dir" -- "$CF" score $ASOF -f html --output-dir "$T/pages" "$EX"/*.json
expect_grep "$T/err" "score: 10 pages and index.html in $T/pages" "score --output-dir: says what it wrote"
cat "$EX/it-graduate.json" "$EX/new-cca.native.json" | "$CF" score $ASOF -f html --output-dir "$T/stdin-pages" - 2>/dev/null
"$CF" score $ASOF -f html --blind --output-dir "$T/blind-pages" "$EX"/*.json 2>/dev/null
python3 - "$T/pages" "$T/stdin-pages" "$T/blind-pages" "$EX" <<'EOF2' && ok || no "score --output-dir: a page per profile, each linked from index.html in score order, blind without names"
import html.parser, json, os, re, sys
pages, stdin_pages, blind, ex = sys.argv[1:5]
class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.links = []; self.title = ""; self.t = False; self.text = []
    def handle_starttag(self, tag, a):
        if tag == "a": self.links.append(dict(a)["href"])
        self.t = tag == "title"
    def handle_data(self, d):
        self.text.append(d)
        if self.t: self.title += d
    def handle_endtag(self, tag): self.t = False
def parse(path):
    p = Links(); p.feed(open(path, encoding="utf-8").read()); return p
files = sorted(f for f in os.listdir(pages) if f != "index.html")
assert files == sorted(f[:-5] + ".html" for f in os.listdir(ex) if f.endswith(".json")), files
ix = parse(os.path.join(pages, "index.html"))
assert sorted(ix.links) == files, ix.links
scores = [float(x) for x in re.findall(r"<td class=\"num\">([0-9.]+)</td>", open(os.path.join(pages, "index.html")).read())]
assert len(scores) == 10 and scores == sorted(scores, reverse=True), scores
for f in files:
    name = json.load(open(os.path.join(ex, f[:-5] + ".json"))).get("basics", {}).get("name") or \
        json.load(open(os.path.join(ex, f[:-5] + ".json"))).get("applicant", {}).get("name")
    title = re.search(r"<title>([^<]*)</title>", open(os.path.join(pages, f), encoding="utf-8").read()).group(1)
    assert title == "Fit report: " + name, (f, name, title)
sp = sorted(os.listdir(stdin_pages))
assert sp == ["index.html", "stdin-1.html", "stdin-" + sp[2][6:]] and len(sp) == 3, sp
for f in os.listdir(blind):
    text = open(os.path.join(blind, f), encoding="utf-8").read()
    assert "Whitfield" not in text and "@example.com" not in text, f
    assert f == "index.html" or re.match(r"applicant-[0-9a-f]+\.html$", f), f
EOF2
# a failed gate says what it needs, in words, in every format
for f in text md html; do
    "$CF" score $ASOF -f $f "$EX/high-school-only.json" | tr '\n' ' ' | tr -s ' ' >"$T/gate.$f"
    grep -q "Needs one of: coding or HIT training (a certificate, course or degree): the profile shows none; a coding credential, current or lapsed: the profile shows none" "$T/gate.$f" &&
        ok || no "score -f $f: the failed gate's conditions in words: $(head -c 300 "$T/gate.$f")"
    grep -q "at least 0\.\|above 0 (now" "$T/gate.$f" && no "score -f $f: a gate condition as a figure" || ok
done

# --- --color for every command with text output; smaller things --------------------
ESCB=$(printf '\033')
sed '0,/        weight: 18/s//        weight: 8/' rubrics/medical-coder.yaml >"$T/sch-w.yaml"
sed '0,/^    weight: 30$/s//    wieght: 30/' rubrics/medical-coder.yaml >"$T/misspelt.yaml"
sed 's/min: 0}$/min: 5}/; s/^      - path: derived.coding_months$/      - path: derived.coding_monthz/' rubrics/medical-coder.yaml >"$T/twoerrs.yaml"
for c in "advise $ASOF $A" "lint $T/misspelt.yaml" "test rubrics/medical-coder.yaml tests/cases/" \
         "diff $ASOF rubrics/medical-coder.yaml $T/sch-w.yaml $EX" "audit $ASOF -d examples/demographics.csv --select tier=strong $EX" \
         "score $ASOF $A" "rank $ASOF $EX"; do
    set -- $c
    "$CF" "$@" --color always >"$T/col.out" 2>/dev/null
    grep -q "$ESCB\[" "$T/col.out" && ok || no "$1 --color always: no colour"
    "$CF" "$@" >"$T/col.out" 2>/dev/null
    grep -q "$ESCB" "$T/col.out" && no "$1: colour off a terminal" || ok
    "$CF" "$@" --color never >"$T/col.out" 2>/dev/null
    grep -q "$ESCB" "$T/col.out" && no "$1 --color never: colour" || ok
done
"$CF" lint --color always -f json "$T/misspelt.yaml" >"$T/col.out" 2>/dev/null
grep -q "$ESCB" "$T/col.out" && no "lint -f json --color always: colour in JSON" || ok
# one misspelt required key is one problem, said where the misspelling is
expect_exit 1 "lint: a misspelt required key" -- "$CF" lint "$T/misspelt.yaml"
[ "$(grep -c . "$T/out")" = 1 ] && ok || no "lint: a misspelt key gives $(grep -c . "$T/out") problems: $(cat "$T/out")"
expect_grep "$T/out" "misspelt.yaml:[0-9]*:5: error: unknown key 'wieght' in a quality (did you mean 'weight'? a quality needs it) \[unknown-key\]" "lint: the misspelling, and that the key is needed"
expect_exit 1 "lint: a missing key that is not misspelt" -- "$CF" lint tests/rubrics/missing-key.yaml
expect_grep "$T/out" "missing-key" "lint: a key simply missing is still missing-key"
# lint -q: the count line goes, the problems stay
expect_exit 1 "lint -q of a broken rubric" -- "$CF" lint -q "$T/twoerrs.yaml"
[ "$(grep -c 'error:' "$T/out")" = 3 ] && ok || no "lint -q: the problems: $(cat "$T/out")"
grep -q "errors," "$T/err" && no "lint -q: the count line: $(cat "$T/err")" || ok
expect_exit 1 "lint of a broken rubric" -- "$CF" lint "$T/twoerrs.yaml"
expect_grep "$T/err" "^coderfit: lint: 3 errors, 0 warnings$" "lint: the count line without -q"
"$CF" lint --help | grep -q -- "-q, --quiet  *no count of errors and warnings on standard error" && ok || no "lint --help: what -q does"
# score -r of a broken rubric: its errors in line order, as lint lists them
expect_exit 3 "score -r of a broken rubric" -- "$CF" score -r "$T/twoerrs.yaml" "$A"
sed -n 's/^coderfit: \(.*twoerrs.yaml:[0-9]*:[0-9]*\): error: .*/\1/p' "$T/err" >"$T/score.pos"
"$CF" lint "$T/twoerrs.yaml" 2>/dev/null | sed -n 's/^\(.*twoerrs.yaml:[0-9]*:[0-9]*\): error: .*/\1/p' >"$T/lint.pos"
[ "$(wc -l <"$T/score.pos")" = 3 ] && cmp -s "$T/score.pos" "$T/lint.pos" && ok ||
    no "score -r: errors out of line order: $(tr '\n' ' ' <"$T/score.pos") (lint: $(tr '\n' ' ' <"$T/lint.pos"))"
# rank --merge keeps the shards' date: an --as-of of another is refused
"$CF" rank $ASOF -f ndjson "$EX" >"$T/dated.ndjson"
expect_exit 2 "rank --merge --as-of another date" -- "$CF" rank --merge --as-of 2025-01-01 "$T/dated.ndjson"
expect_grep "$T/err" "rank: --as-of 2025-01-01: the reports were scored as of 2026-11-26" "rank --merge --as-of: says the shards' date"
expect_exit 0 "rank --merge --as-of the same date" -- "$CF" rank --merge $ASOF "$T/dated.ndjson"

# --- CI formats cannot be forged by a case name; terminals see no C1 control --
printf 'cases:\n  - name: "forged\\nok 99 - fake pass # SKIP"\n    profile: {format: coderfit-profile/1}\n    expect: {tier: strong}\n  - name: "esc \\e[31m and \\x01 # TODO"\n    profile: {format: coderfit-profile/1}\n    expect: {tier: early}\n' >"$T/forge.yaml"
expect_exit 1 "test -f tap: a forged name" -- "$CF" test -f tap rubrics/medical-coder.yaml "$T/forge.yaml"
grep -q '^ok 99' "$T/out" && no "test -f tap: a case name forged a TAP line" || ok
[ "$(grep -c '^\(not \)\?ok ' "$T/out")" = 2 ] && ok || no "test -f tap: two test lines for two cases: $(cat "$T/out")"
grep -q '^not ok 1 - forged?ok 99 - fake pass \\# SKIP$' "$T/out" && ok || no "test -f tap: the name on one line, its # escaped: $(sed -n 3p "$T/out")"
expect_exit 1 "test -f junit: control characters in a name" -- "$CF" test -f junit rubrics/medical-coder.yaml "$T/forge.yaml"
python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(len(r.findall(".//testcase")) != 2)' "$T/out" && ok || no "test -f junit: well-formed XML with both cases"
expect_exit 1 "test: text with an escape in a name" -- "$CF" test rubrics/medical-coder.yaml "$T/forge.yaml"
grep -q "$(printf '\033')" "$T/out" && no "test: an escape reached the terminal" || ok
mkdir -p "$T/c1"
cp "$EX/inpatient-coder.json" "$T/c1/$(printf 'c1-\302\233-csi.json')"
cp "$EX/it-graduate.json" "$T/c1/$(printf 'raw-\233-csi.json')"
COLUMNS=200 "$CF" rank -q $ASOF "$T/c1" >"$T/out" 2>"$T/err"
LC_ALL=C grep -q "$(printf '\302\233')" "$T/out" && no "rank: a C1 control (U+009B) reached the terminal" || ok
LC_ALL=C grep -q "$(printf '\233')" "$T/out" && no "rank: a lone 0x9B byte reached the terminal" || ok
grep -q 'c1-?-csi.json$' "$T/out" && grep -q 'raw-?-csi.json$' "$T/out" && ok || no "rank: C1 and a byte that is not UTF-8 shown as one ? each"

finish
