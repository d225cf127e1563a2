#!/bin/sh
# Command-line tests: exit codes, messages, formats, streams, files, the
# single-profile commands, lint and the schemas (tests/cli-batch.sh has the
# batch and CI commands; the two halves run side by side).
# usage: tests/cli.sh BUILD_DIR      (run from the project root)
# Prints one line per failure and ends with "N passed, N failed".

B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
EX=examples/applicants

# --- usage -------------------------------------------------------------------
expect_exit 2 "no arguments" -- "$CF"
expect_exit 2 "unknown command" -- "$CF" frobnicate
expect_grep "$T/err" "unknown command 'frobnicate'" "unknown command message"
expect_exit 2 "unknown option" -- "$CF" score --bogus "$EX/inpatient-coder.json"
expect_grep "$T/err" "^coderfit: score: unknown option '--bogus'" "unknown option message"
expect_exit 2 "bad --as-of" -- "$CF" score --as-of 2026-13-01 "$EX/inpatient-coder.json"
expect_exit 2 "bad format" -- "$CF" score -f yaml "$EX/inpatient-coder.json"
expect_exit 2 "no profile" -- "$CF" score
expect_exit 2 "missing option value" -- "$CF" score -r
expect_exit 0 "--version" -- "$CF" --version
expect_grep "$T/out" "coderfit-rubric/1" "--version names the rubric format"
expect_exit 0 "--help" -- "$CF" --help
expect_exit 0 "score --help" -- "$CF" score --help
expect_grep "$T/out" "--as-of" "score --help lists --as-of"

# --- rubrics -----------------------------------------------------------------
printf 'format: coderfit-rubric/1\nid: x\nversion: "1"\ntiers: []\nqualities:\n  - id: q\n    nmae: Q\n' >"$T/bad.yaml"
expect_exit 3 "invalid rubric" -- "$CF" score -r "$T/bad.yaml" "$EX/inpatient-coder.json"
expect_grep "$T/err" "^coderfit: $T/bad.yaml:7:5: error: unknown key 'nmae' in a quality (did you mean 'name'? a quality needs it) \[unknown-key\]" "rubric error position"
expect_exit 3 "missing rubric file" -- "$CF" score -r "$T/none.yaml" "$EX/inpatient-coder.json"
expect_exit 0 "the default rubric from its file" -- "$CF" score -r rubrics/medical-coder.yaml $ASOF "$EX/inpatient-coder.json"

# --- profiles and exit codes ----------------------------------------------------
printf '{"basics": {"name": "X"},\n "work": [\n   {"position": "Coder" "startDate": "2020"}]}\n' >"$T/broken.json"
expect_exit 4 "malformed profile" -- "$CF" score "$T/broken.json"
expect_grep "$T/err" "^coderfit: $T/broken.json:3:25: error: invalid JSON: expected ',' or '}' \[json\]" "malformed profile position"
expect_exit 4 "one bad file in a batch" -- "$CF" score -f ndjson $ASOF "$EX/inpatient-coder.json" "$T/broken.json" "$EX/apprentice-cpc-a.json"
[ "$(wc -l <"$T/out")" = 2 ] && ok || no "the good profiles of a batch are still reported"
expect_exit 4 "nonexistent profile" -- "$CF" score "$T/nope.json"
expect_grep "$T/err" "nope.json: error: No such file" "nonexistent profile message"
mkdir -p "$T/onedir/deeper"
cp "$EX/inpatient-coder.json" "$T/onedir/deeper/"
echo "not a profile file" >"$T/onedir/notes.rtf"
expect_exit 0 "a folder is searched for profiles" -- "$CF" score -f ndjson $ASOF "$T/onedir"
[ "$(wc -l <"$T/out")" = 1 ] && ok || no "a folder gives one report per profile file in it"
mkfifo "$T/fifo"
expect_exit 4 "a FIFO with no writer does not block" -- timeout 5 "$CF" score "$T/fifo"
expect_grep "$T/err" "fifo:1:1: error: empty input" "FIFO message"
expect_exit 4 "/dev/zero" -- timeout 5 "$CF" score /dev/zero
: >"$T/empty.json"
expect_exit 4 "empty file" -- "$CF" score "$T/empty.json"
expect_grep "$T/err" "empty.json:1:1: error: empty input" "empty file message"
head -c 2000 /dev/zero | tr '\0' ' ' >"$T/big.json"
expect_exit 4 "input size limit" -- "$CF" score --max-input-size 1K "$T/big.json"
expect_grep "$T/err" "larger than the input size limit" "size limit message"
printf '\357\273\277{"basics":\r\n {"name": "Bom"}}\r\n' >"$T/bom.json"
expect_exit 0 "BOM and CRLF accepted" -- "$CF" score "$T/bom.json"
echo '{"basics": {"name": "Only A. Name"}}' >"$T/name.json"
expect_exit 0 "a profile with only a name is scored" -- "$CF" score -f json "$T/name.json"
expect_grep "$T/out" '"eligible": false' "name-only profile is not eligible"

# --- JSONTestSuite through the program, every file in one run: none crashes it,
# every n_ is refused at its file, line and column (the parser's own verdicts
# on each file are tests/unit/test_core.c's)
"$CF" score --as-of 2026-11-26 -f json tests/data/JSONTestSuite/test_parsing/*.json >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 4 ] && ok || no "JSONTestSuite in one run: exit $rc, want 4 (inputs refused, none crashing)"
python3 - "$T/err" "$T/out" tests/data/JSONTestSuite/test_parsing <<'PY' && ok || no "JSONTestSuite in one run"
import json, os, re, sys
err = open(sys.argv[1], encoding="utf-8", errors="replace").read()
refused = set(m.group(1) for m in re.finditer(r"^coderfit: (.*?):[0-9]+:[0-9]+: error: ", err, re.M))
d = sys.argv[3]
names = sorted(os.listdir(d))
scored = set(r["source"] for r in json.load(open(sys.argv[2])))
bad = [f for f in names if f.startswith("n_") and os.path.join(d, f) not in refused]
lost = [f for f in names if os.path.join(d, f) not in refused and os.path.join(d, f) not in scored]
if len(names) != 318 or bad or lost:
    print("  %d files; n_ not refused with a position: %s; neither refused nor scored: %s" % (len(names), bad[:5], lost[:5]))
    sys.exit(1)
PY

# --- JSON Resume data --------------------------------------------------------------
for f in tests/data/jsonresume/sample.resume.json tests/data/jsonresume/examples/*.json; do
    expect_exit 0 "$f scores" -- "$CF" score $ASOF -f json "$f"
done
expect_exit 4 "a job description is not a resume" -- "$CF" score tests/data/jsonresume/sample.job.json
expect_grep "$T/err" "job description" "job description message"

# --- the report ---------------------------------------------------------------------
"$CF" score -f json $ASOF "$EX/inpatient-coder.json" >"$T/a.json"
"$CF" score -f json $ASOF "$EX/inpatient-coder.json" >"$T/b.json"
cmp -s "$T/a.json" "$T/b.json" && ok || no "two runs give different bytes"
# a quality is an object whose "id" is followed by a "name"
ids=$(awk -F'"' '/^      "id": /{id=$4} /^      "name": /{printf "%s ", id}' "$T/a.json")
[ "$ids" = "education attention_to_detail medical_knowledge communication technical ethics independence " ] && ok ||
    no "quality ids in DESIGN.md order, got: $ids"
expect_grep "$T/a.json" '^  "score": [0-9.]*,$' "report has score"
expect_grep "$T/a.json" '^  "tier": "strong",$' "report has tier"
expect_grep "$T/a.json" '^  "eligible": true,$' "report has eligible"
expect_grep "$T/a.json" '"path": "credentials\[' "evidence carries a JSON path"
"$CF" score -f json $ASOF "$EX/inpatient-coder.json" "$EX/apprentice-cpc-a.json" >"$T/two.json"
[ "$(head -c 1 "$T/two.json")" = "[" ] && ok || no "several profiles give a JSON array"
"$CF" score -f ndjson $ASOF "$EX"/*.json >"$T/all.ndjson"
[ "$(wc -l <"$T/all.ndjson")" = "$(ls "$EX"/*.json | wc -l)" ] && ok || no "ndjson: one line per profile"

# --- text, colour ---------------------------------------------------------------
"$CF" score $ASOF --color always "$EX/high-school-only.json" >"$T/c.txt"
grep -q "$(printf '\033')\[" "$T/c.txt" && ok || no "--color always colours"
NO_COLOR=1 "$CF" score $ASOF "$EX/high-school-only.json" >"$T/n.txt"
grep -q "$(printf '\033')" "$T/n.txt" && no "NO_COLOR or a pipe still coloured" || ok
expect_grep "$T/n.txt" "NOT ELIGIBLE" "text shows a failed gate"
expect_grep "$T/n.txt" "Post-secondary coding/HIT training or a coding credential" "text names the failed gate"
expect_grep "$T/n.txt" "Top gaps" "text shows the top gaps"

# --- stdin and streams ---------------------------------------------------------------
"$CF" score -f json $ASOF - <"$EX/inpatient-coder.json" >"$T/stdin.json" 2>"$T/err"
expect_grep "$T/stdin.json" '"source": "-"' "a single document on stdin is named -"
{ tr -d '\n' <"$EX/inpatient-coder.json"; echo; echo '{"basics": oops}'; tr -d '\n' <"$EX/high-school-only.json"; echo; } >"$T/s.ndjson"
expect_exit 4 "a stream with a bad record" -- "$CF" score -f ndjson $ASOF "$T/s.ndjson"
[ "$(wc -l <"$T/out")" = 2 ] && ok || no "the stream's good records are scored"
expect_grep "$T/out" "\"source\":\"$T/s.ndjson:3\"" "stream records are named FILE:LINE"
expect_grep "$T/err" "s.ndjson:2:12: error: invalid JSON" "a stream error has its line"
expect_exit 4 "a stream on stdin" -- sh -c "\"$CF\" score -f ndjson $ASOF - <\"$T/s.ndjson\""

# --- output files -----------------------------------------------------------------
expect_exit 0 "-o writes a file" -- "$CF" score -f json $ASOF -o "$T/o.json" "$EX/inpatient-coder.json"
cmp -s "$T/o.json" "$T/a.json" && ok || no "-o holds the same bytes as stdout"
[ -z "$(ls "$T" | grep '\.tmp\.')" ] && ok || no "-o leaves no temporary file"
expect_exit 5 "-o into a missing folder" -- "$CF" score -o "$T/no/such/dir/x.json" "$EX/inpatient-coder.json"
if [ -w /dev/full ]; then
    expect_exit 5 "a full disk is an error" -- sh -c "\"$CF\" score $ASOF \"$EX/inpatient-coder.json\" >/dev/full"
fi

# killing a run mid-write leaves the earlier output whole: the input is a
# stream held open, so the run is mid-write when it is killed, however
# fast it reads (a slow start, under valgrind, is waited for)
for i in $(seq 300); do cat "$T/s.ndjson"; done >"$T/many.ndjson"
echo "the earlier output" >"$T/keep.ndjson"
mkfifo "$T/kill.fifo"
"$CF" score -f ndjson $ASOF -o "$T/keep.ndjson" - <"$T/kill.fifo" 2>/dev/null &
pid=$!
exec 3>"$T/kill.fifo"
cat "$T/many.ndjson" >&3 &
feeder=$!
for i in $(seq 100); do
    ls "$T" | grep -q '^keep.ndjson.tmp.' && [ -s "$T/$(ls "$T" | grep '^keep.ndjson.tmp.' | head -n 1)" ] && break
    sleep 0.1
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
exec 3>&-
kill $feeder 2>/dev/null
wait $feeder 2>/dev/null
[ "$(cat "$T/keep.ndjson")" = "the earlier output" ] && ok || no "a killed run damaged the earlier output"
ls "$T" | grep -q '^keep.ndjson.tmp.' && ok || no "the kill test did not catch the run mid-write"
rm -f "$T"/keep.ndjson.tmp.*

# --- convert and schema ---------------------------------------------------------------
expect_exit 0 "convert" -- "$CF" convert $ASOF "$EX/inpatient-coder.json"
expect_grep "$T/out" '"format": "coderfit-profile/1"' "convert prints a native profile"
expect_grep "$T/out" '"code": "RHIT"' "convert shows recognised credentials"
expect_grep "$T/out" '"audit_accuracy": 0.974' "convert shows figures stated in text"
expect_exit 0 "schema profile" -- "$CF" schema profile
cp "$T/out" "$T/profile.schema.json"
expect_exit 0 "schema report" -- "$CF" schema report
cp "$T/out" "$T/report.schema.json"
expect_exit 2 "unknown schema" -- "$CF" schema nope
# docs/profile.md documents every field of the model
undocumented=
for k in $(grep -o '^ *"[a-z_0-9]*": {' "$T/profile.schema.json" | tr -d ' ":{' | sort -u); do
    case $k in properties | items) continue ;; esac
    grep -q "\`$k\`" docs/profile.md || undocumented="$undocumented $k"
done
[ -z "$undocumented" ] && ok || no "docs/profile.md lacks:$undocumented"

# The schemas hold for real documents, checked by a real validator.
PY=
for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
    no "no python3 with jsonschema to validate the schemas (apt-get install python3-jsonschema)"
else
    "$CF" convert -f ndjson $ASOF "$EX"/*.json tests/data/jsonresume/sample.resume.json >"$T/profiles.ndjson"
    "$PY" - "$T/profile.schema.json" "$T/profiles.ndjson" "$T/report.schema.json" "$T/all.ndjson" <<'EOF'
import json, sys, jsonschema
def check(schema_path, docs_path):
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    n = 0
    for line in open(docs_path):
        v.validate(json.loads(line))
        n += 1
    assert n >= 10, n
check(sys.argv[1], sys.argv[2])
check(sys.argv[3], sys.argv[4])
EOF
    [ $? = 0 ] && ok || no "profiles and reports validate against their JSON Schemas"
    for f in "$EX"/*.native.json; do
        "$PY" -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' \
            "$T/profile.schema.json" "$f" && ok || no "$f validates against the profile schema"
    done
fi

# --- advise over a caseload: a page per student and the index -----------------------------
D="$T/caseload"
expect_exit 0 "advise --output-dir: a folder of students" -- "$CF" advise $ASOF --output-dir "$D" "$EX"
expect_grep "$T/err" "^coderfit: advise: 10 pages, index.html and index.json in $D$" "advise --output-dir: says what it wrote"
[ "$(ls "$D" | grep -c '\.html$')" = 11 ] && [ -f "$D/index.json" ] && ok || no "advise --output-dir: ten pages, index.html and index.json: $(ls "$D")"
# each page is the student's whole plan, as advise -f html of the one file
"$CF" advise $ASOF -f html --top 0 "$EX/apprentice-cpc-a.json" | cmp -s - "$D/apprentice-cpc-a.html" && ok || no "advise --output-dir: a page is the whole plan of advise -f html --top 0"
"$CF" schema caseload >"$T/caseload.schema.json"
python3 - "$D/index.json" "$T/caseload.schema.json" "$EX" >"$T/py" 2>&1 <<'EOF' && ok || no "advise --output-dir: the index: $(cat "$T/py")"
import json, os, sys
d = json.load(open(sys.argv[1]))
try:
    import jsonschema
    jsonschema.validate(d, json.load(open(sys.argv[2])))
except ImportError:
    pass
st = d["students"]
assert sorted(os.path.basename(s["source"]) for s in st) == sorted(f for f in os.listdir(sys.argv[3]) if f.endswith(".json"))
for s in st:
    assert os.path.exists(os.path.join(os.path.dirname(sys.argv[1]), s["page"])), s["page"]
# closest to the next tier first: those with a next tier by the points it
# lacks, the top tier last
nxt = [s for s in st if "next_tier" in s]
assert st[:len(nxt)] == nxt and all(s["tier"] == "strong" for s in st[len(nxt):]), [s["name"] for s in st]
pts = [s["next_tier"]["points_needed"] for s in nxt]
assert pts == sorted(pts), pts
assert st[0]["name"] == "Samuel Ortiz", st[0]["name"]   # has the points, lacks one requirement
gated = [s for s in st if s["failed_gates"]]
assert len(gated) == 3 and all(not s["eligible"] and s["next_step"]["points"] > 0 for s in gated), gated
assert all("moved" not in s for s in st)
EOF
grep -q "<th scope=\"col\">Moved</th>" "$D/index.html" && no "advise --output-dir: a Moved column without --previous" || ok
# last term's index: who moved (four students: each run plans every step)
mkdir -p "$T/few"
cp "$EX/new-cca.native.json" "$EX/apprentice-cpc-a.json" "$EX/inpatient-coder.json" "$EX/remote-auditor.native.json" "$T/few/"
expect_exit 0 "advise --output-dir, last term" -- "$CF" advise -q --as-of 2024-06-01 --output-dir "$T/then" "$T/few"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["students"] = [s for s in d["students"] if s["name"] != "Dana Whitfield"]; json.dump(d, open(sys.argv[1], "w"))' "$T/then/index.json"
expect_exit 0 "advise --previous" -- "$CF" advise -q $ASOF --previous "$T/then/index.json" --output-dir "$T/now" "$T/few"
python3 - "$T/now/index.json" >"$T/py" 2>&1 <<'EOF' && ok || no "advise --previous: who moved: $(cat "$T/py")"
import json, sys
d = json.load(open(sys.argv[1]))
by = {s["name"]: s for s in d["students"]}
assert d["previous_as_of"] == "2024-06-01"
assert by["Dana Whitfield"]["moved"] == "new" and "previous" not in by["Dana Whitfield"]
m = by["Marcus Lee"]
assert m["moved"] == "up" and m["previous"]["tier"] == "early" and m["previous"]["score"] < m["score"], m
assert by["Helen Okafor"]["moved"] == "same"
EOF
grep -q "Not yet a fit → Developing (+[0-9.]*)" "$T/now/index.html" && grep -q "<th scope=\"col\">Moved</th>" "$T/now/index.html" && ok || no "advise --previous: the index says who moved"
expect_exit 4 "advise --previous: not an index" -- "$CF" advise $ASOF --previous "$EX/inpatient-coder.json" --output-dir "$T/none" "$T/few"
expect_grep "$T/err" "inpatient-coder.json:1:1: error: not the index.json of an earlier advise --output-dir (format coderfit-caseload/1) \[caseload\]$" "advise --previous: what is wrong with it"
[ -e "$T/none" ] && no "advise --previous: a folder made before the index was read" || ok
# Markdown pages and index, for the student: no option names
expect_exit 0 "advise --output-dir -f md" -- "$CF" advise -q $ASOF -f md --output-dir "$T/md" "$T/few"
[ "$(ls "$T/md" | grep -c '\.md$')" = 5 ] && [ -f "$T/md/index.json" ] && [ ! -e "$T/md/index.html" ] && ok || no "advise -f md --output-dir: four pages, index.md and index.json: $(ls "$T/md")"
grep -q "^| \[Samuel Ortiz\](new-cca.native.md) | 48.6 | Developing | Good fit: has the points; needs " "$T/md/index.md" && ok || no "advise -f md --output-dir: the index links each page: $(sed -n 5,7p "$T/md/index.md")"
grep -l -e "--with" -e "--top" "$T/md"/*.md && no "advise -f md --output-dir: option names for the student" || ok
# one refused input: the others still get their pages
mkdir -p "$T/class"
cp "$EX/inpatient-coder.json" "$EX/it-graduate.json" "$T/class/"
printf '{"basics": {"name": "Ann"},\n "work": [\n' >"$T/class/broken.json"
expect_exit 4 "advise --output-dir: a refused input" -- "$CF" advise -q $ASOF --output-dir "$T/class-out" "$T/class"
expect_grep "$T/err" "broken.json:3:1: error: invalid JSON" "advise --output-dir: the refused input named"
[ "$(ls "$T/class-out" | tr '\n' ' ')" = "index.html index.json inpatient-coder.html it-graduate.html " ] && ok || no "advise --output-dir: the others' pages: $(ls "$T/class-out")"
# blind: the pages and the index name no one
expect_exit 0 "advise --blind --output-dir" -- "$CF" advise -q $ASOF --blind --output-dir "$T/blind" "$T/few"
grep -l -e Whitfield -e "@example.com" -e "inpatient-coder" "$T/blind"/* && no "advise --blind --output-dir: a student named" || ok
# what a caseload is not
expect_exit 2 "advise: a folder without --output-dir" -- "$CF" advise $ASOF "$EX"
expect_grep "$T/err" "is a folder: give --output-dir DIR for a page for each student and an index" "advise: a folder needs --output-dir"
expect_exit 2 "advise: two profiles without --output-dir" -- "$CF" advise $ASOF "$EX/inpatient-coder.json" "$EX/it-graduate.json"
expect_exit 2 "advise --output-dir -f json" -- "$CF" advise -f json --output-dir "$T/x" "$EX"
expect_exit 2 "advise --output-dir --with" -- "$CF" advise --with credential=CPC --output-dir "$T/x" "$EX"
expect_exit 2 "advise --previous without --output-dir" -- "$CF" advise --previous "$D/index.json" "$EX/it-graduate.json"
[ -e "$T/x" ] && no "advise: a folder made for a usage error" || ok

# --- advise, md and html ------------------------------------------------------------------
expect_exit 0 "advise" -- "$CF" advise $ASOF "$EX/high-school-only.json"
expect_grep "$T/out" "First: pass the gate \"Post-secondary coding/HIT training or a coding credential\"" "advise: the failed gate comes first"
head -n 8 "$T/out" | grep -q "First: pass the gate" && ok || no "advise: the gate before the gaps"
expect_grep "$T/out" "^    - coding or HIT training (a certificate, course or degree): the profile$" "advise: what would pass the gate, in words"
expect_grep "$T/out" "^    - a coding credential, current or lapsed: the profile shows none$" "advise: where the profile stands on it"
expect_grep "$T/out" "not stated in the profile: add it if it applies" "advise: not stated is told apart"
expect_grep "$T/out" "the profile has nothing that counts here yet" "advise: stated but missing is told apart"
expect_exit 0 "advise -f json --with credential=CPC" -- "$CF" advise $ASOF -f json --with credential=CPC "$EX/high-school-only.json"
cp "$T/out" "$T/advise.json"
if [ -n "$PY" ]; then
    "$PY" - "$T/advise.json" <<'EOF2'
import json, sys
a = json.load(open(sys.argv[1]))
assert a["eligible"] is False and a["gates"][0]["passed"] is False and a["gates"][0]["id"] == "coding_training"
assert all(set(g) >= {"quality", "criterion", "points", "stated", "advice"} for g in a["gaps"])
pts = [g["points"] for g in a["gaps"]]
assert pts == sorted(pts, reverse=True) and all(p > 0 for p in pts)
assert a["score"] + sum(pts) <= 100.05, a["score"] + sum(pts)
w = a["what_if"]
assert w["score"] > a["score"] and w["eligible"] is True
assert [g for g in w["gates"] if g["id"] == "coding_training"][0]["passed"] is True
EOF2
    [ $? = 0 ] && ok || no "advise: gate first, gaps in order, score plus gaps within 100, what-if CPC passes the gate"
fi
expect_exit 0 "advise: several what-ifs" -- "$CF" advise $ASOF --with training=associate --with "course=Anatomy and Physiology" --with skill=Epic --with coding-months=24 "$EX/high-school-only.json"
expect_grep "$T/out" "gate coding_training: failed -> passed" "advise: what-if training passes the gate"
printf '{"basics":{"name":"A"},"work":[{"name":"X","position":"Coder","startDate":"garbage"}]}\n' >"$T/warn.json"
expect_exit 0 "advise --with of a profile with a warning" -- "$CF" advise $ASOF --with credential=CPC "$T/warn.json"
[ "$(grep -c "warning: 'work\[0\].startDate'" "$T/err")" = 1 ] && ok || no "advise --with: a warning is said once: $(cat "$T/err")"
expect_exit 2 "advise: an unknown credential" -- "$CF" advise --with credential=XYZ "$EX/high-school-only.json"
expect_exit 2 "advise: an unknown what-if" -- "$CF" advise --with hobby=chess "$EX/high-school-only.json"
expect_exit 0 "advise -f md" -- "$CF" advise $ASOF -f md "$EX/apprentice-cpc-a.json"
expect_grep "$T/out" "^## Steps worth most" "advise: md"

# --- advise as a plan ----------------------------------------------------------------
A="$EX/apprentice-cpc-a.json"
expect_exit 0 "advise --top 5" -- "$CF" advise $ASOF --top 5 "$A"
[ "$(grep -c '^ *[0-9][0-9]*\. +[0-9.]* points: ' "$T/out")" = 5 ] && ok || no "advise --top 5: five steps: $(cat "$T/out")"
expect_grep "$T/out" "^    and [0-9][0-9]* smaller steps (+[0-9.]* points; --top 0 lists them all)" "advise --top 5: the smaller steps are counted"
expect_grep "$T/out" "Next tier: Good fit, from 20 points" "advise: the next tier and its points"
expect_grep "$T/out" "it also needs$" "advise: what the next tier needs besides points"
expect_grep "$T/out" "coding, audit or CDI work; a core or specialty" "advise: the requirements the next tier lacks"
expect_grep "$T/out" "Step 1 reaches it (a" "advise: which steps reach the next tier"
expect_exit 0 "advise (default: five steps off a terminal)" -- "$CF" advise $ASOF "$A"
[ "$(grep -c '^ *[0-9][0-9]*\. +[0-9.]* points: ' "$T/out")" = 5 ] && ok || no "advise: five steps by default"
expect_exit 0 "advise --top 0" -- "$CF" advise $ASOF --top 0 "$A"
expect_grep "$T/out" "Also closes Ethics > HIPAA training stated (+1.0)" "advise: the two HIPAA gaps are one step"
[ "$(grep -c 'HIPAA training stated' "$T/out")" = 1 ] && ok || no "advise: HIPAA training stated is not a step of its own"
grep -q "smaller step" "$T/out" && no "advise --top 0 lists every step" || ok
expect_grep "$T/out" "Try it: --with hipaa=2026-11 gives" "advise: the HIPAA step's what-if, dated the as-of month"
# the least that reaches the next tier: two years of coding, not the five of full marks
expect_grep "$T/out" "Try it: --with coding-months=24 gives 52.1 (+17.2), Good fit." "advise: the coding step's what-if, the least that reaches Good fit"
# what the student reads speaks to the student: no command-line words, one
# separator; the counselor's text and JSON keep the what-if to try
for f in md html; do
    expect_exit 0 "advise -f $f --top 0" -- "$CF" advise $ASOF --top 0 -f $f "$A"
    grep -q -e "--with" -e "--top" -e "Try it" "$T/out" && no "advise -f $f: option names for the student: $(grep -m1 -e --with -e --top -e 'Try it' "$T/out")" || ok
    grep -q "&gt;" "$T/out" && no "advise -f $f: '>' between a quality and its criterion" || ok
    grep -q "Also closes Ethics › HIPAA training stated\|Also closes Ethics &rsaquo; HIPAA training stated" "$T/out" && ok || no "advise -f $f: '›' in 'Also closes'"
    grep -q "With it, the score would be 52.1 (+17.2), Good fit." "$T/out" && ok || no "advise -f $f: what a step would give, in words"
done
"$CF" advise $ASOF -f json "$A" | grep -q '"with": "coding-months=24"' && ok || no "advise -f json: the what-if of a step"
expect_exit 2 "advise --top -1" -- "$CF" advise --top -1 "$A"
expect_grep "$T/err" "--top wants a number of steps" "advise --top: the message"
# the what-ifs of every fix the rubric reads, each changing the score it should
# (CEU hours on a lapsed credential: a current one implies them)
for w in hipaa=2026-10 "hipaa=Oct 2026" accuracy=0.96 accuracy=96% productivity=3/hour ceus=36 \
         references=2 remote-months=12 audit-months=12 cdi-months=12 clinical-months=12 coding-months=24; do
    f=$A
    [ "$w" = ceus=36 ] && f=$EX/lapsed-credential.json
    base=$("$CF" advise $ASOF -f json "$f" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["score"])')
    expect_exit 0 "advise --with $w" -- "$CF" advise $ASOF -f json --with "$w" "$f"
    "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["what_if"]["score"] > float(sys.argv[2]) else 1)' "$T/out" "$base" \
        && ok || no "advise --with $w does not raise the score of $f ($base)"
done
# charts a day are stated as such, never read as an hourly figure
expect_exit 0 "advise --with productivity=40/day" -- "$CF" advise $ASOF -f json --with productivity=40/day "$A"
"$CF" advise $ASOF -f json --with accuracy=96% "$A" | grep '"score"' >"$T/pct.json"
"$CF" advise $ASOF -f json --with accuracy=0.96 "$A" | grep '"score"' >"$T/frac.json"
cmp -s "$T/pct.json" "$T/frac.json" && grep -q . "$T/pct.json" && ok || no "advise: accuracy=96% and accuracy=0.96 differ"
expect_exit 0 "advise --with hipaa=2026-10 (text)" -- "$CF" advise $ASOF --with hipaa=2026-10 "$A"
expect_grep "$T/out" "score 34.9 -> 37.9 (+3.0)" "advise: a what-if of hipaa changes the score"
for w in hipaa=2027-01 hipaa=soon accuracy=1.5 accuracy=abc accuracy=0x1 productivity=3 productivity=3/week productivity=0/hour \
         productivity=500/hour ceus=-1 ceus=1001 ceus=0x10 references=0 references=two remote-months=0 cdi-months=601; do
    expect_exit 2 "advise --with $w is refused" -- "$CF" advise $ASOF --with "$w" "$A"
    expect_grep "$T/err" "advise: --with $w: [a-z-]* wants " "advise --with $w: the message says what it wants"
done
expect_exit 2 "advise: an unknown what-if lists them all" -- "$CF" advise --with hobby=chess "$A"
expect_grep "$T/err" "unknown what-if 'hobby' (credential, training, course, skill, coding-months, hipaa, accuracy, productivity, ceus, remote-months, audit-months, cdi-months, clinical-months, references)" "advise: the what-ifs are named"
expect_exit 0 "advise -f json --top 3" -- "$CF" advise $ASOF -f json --top 3 "$A"
"$PY" - "$T/out" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
steps = d["steps"]
assert len(steps) == 3, steps
assert [s["step"] for s in steps] == [1, 2, 3]
assert all(steps[i]["points"] >= steps[i + 1]["points"] for i in range(2))
assert steps[0]["gaps"] == ["attention_to_detail.coding_experience", "independence.production"], steps[0]
assert steps[0]["with"] == "coding-months=24" and steps[0]["tier_with"] == "good"
assert d["more_steps"] > 0 and d["more_points"] > 0
n = d["next_tier"]
assert n["tier"] == "good" and n["points_needed"] == 0 and n["reached_by"] == [1], n
total = sum(s["points"] for s in steps) + d["more_points"]
assert abs(total - d["attainable"]) < 0.25, (total, d["attainable"])
EOF2
[ $? = 0 ] && ok || no "advise -f json: steps, next tier, the rest counted"
# the step worth most that reaches the next tier alone is named alone; only
# when none does are the first steps named together
"$CF" show -f json >"$T/tiers.json"
for f in "$EX"/*.json; do "$CF" advise $ASOF -f json --top 0 "$f"; done >"$T/plans.ndjson"
"$PY" - "$T/tiers.json" "$T/plans.ndjson" <<'EOF2' && ok || no "advise: a step that reaches the next tier alone is the one named"
import json, sys
order = [t["id"] for t in json.load(open(sys.argv[1]))["tiers"]]
text = open(sys.argv[2]).read()
dec, i, seen, alone = json.JSONDecoder(), 0, 0, 0
while i < len(text):
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    d, i = dec.raw_decode(text, i)
    nt = d.get("next_tier")
    if not nt: continue
    seen += 1
    up = order.index(nt["tier"])
    single = [s["step"] for s in d["steps"] if "tier_with" in s and s["tier_with"] in order and order.index(s["tier_with"]) <= up]
    if single:
        alone += 1
        assert nt["reached_by"] == single[:1], (d["source"], nt["reached_by"], single)
    else:
        assert nt["reached_by"] == sorted(nt["reached_by"]), (d["source"], nt["reached_by"])
assert seen >= 5 and alone >= 3, (seen, alone)
EOF2
# Markdown that GitHub renders as meant: a numbered list of steps, each a
# heading paragraph and its own paragraphs, never one run-on line
if ! command -v cmark-gfm >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "cli test: installing cmark-gfm with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmark-gfm >/dev/null 2>&1
fi
if command -v cmark-gfm >/dev/null 2>&1; then
    expect_exit 0 "advise -f md --top 5 --with credential=CPC" -- "$CF" advise $ASOF -f md --top 5 --with credential=CPC "$A"
    cmark-gfm -e table "$T/out" >"$T/md.html"
    "$PY" - "$T/md.html" <<'EOF2'
import re, sys
src = open(sys.argv[1]).read()
ol = re.search(r"<ol>(.*?)</ol>", src, re.S).group(1)
items = [re.findall(r"<p>(.*?)</p>", li, re.S) for li in re.findall(r"<li>(.*?)</li>", ol, re.S)]
assert len(items) == 5, items
for it in items:
    assert len(it) >= 3, it                       # heading, standing, advice at least
    assert re.match(r"^<strong>\+\d+\.\d points: .+ › .+</strong>$", it[0]), it[0]
    assert not any("\n" in x for x in it), it
heads = re.findall(r"<h[12]>(.*?)</h[12]>", src)
assert heads[0] == "Advice for Marcus Lee", heads
assert "Steps worth most (points out of 100)" in heads and "What if: credential=CPC" in heads, heads
assert "<ul>" in src and "score 34.9 -&gt; 43.9 (+9.0)" in src
EOF2
    [ $? = 0 ] && ok || no "advise -f md: GFM renders five steps as list items of their own paragraphs"
else
    no "cmark-gfm is not installed (apt-get install cmark-gfm)"
fi
expect_exit 0 "advise -f html --with credential=CPC" -- "$CF" advise $ASOF -f html --with credential=CPC "$A"
expect_grep "$T/out" "<title>Advice: Marcus Lee</title>" "advise -f html: the applicant's name in the title"
expect_grep "$T/out" "<h2 id=\"s-whatif\">What if: <code>credential=CPC</code></h2>" "advise -f html: the what-if is on the page"
expect_grep "$T/out" "<td><strong>43.9</strong> (+9.0)</td>" "advise -f html: the what-if's score"
[ "$(grep -c '^<li><strong>+' "$T/out")" = 5 ] && ok || no "advise -f html: five steps"
expect_exit 0 "advise -f html --blind" -- "$CF" advise $ASOF -f html --blind "$A"
grep -q "Marcus" "$T/out" && no "advise -f html --blind names the applicant" || ok
# the strings a report shows of a profile are its name (the source) and its
# evidence; a file name can hold anything
printf '{"basics": {"name": "Eve <script>x</script>"}, "work": [{"position": "Coder <script>alert(1)</script>", "startDate": "2020", "highlights": ["ICD-10-CM <b>"]}]}\n' >"$T/hostile \"q\" & <script>.json"
expect_exit 0 "score -f md of a hostile profile" -- "$CF" score $ASOF -f md "$T/hostile \"q\" & <script>.json"
grep -q "<script\|<b>" "$T/out" && no "md: a profile string is not escaped" || ok
expect_grep "$T/out" "&lt;script&gt;" "md: < is escaped"
expect_exit 0 "score -f html of a hostile profile" -- "$CF" score $ASOF -f html "$T/hostile \"q\" & <script>.json"
grep -q "<script\|<b>" "$T/out" && no "html: a profile string is not escaped" || ok
expect_grep "$T/out" "hostile &quot;q&quot; &amp; &lt;script&gt;.json" "html: quotes, & and < are escaped"
grep -qi 'http:\|https:\|src=\|@import\|url(' "$T/out" && no "html: the page refers to something outside itself" || ok
expect_grep "$T/out" "@media print" "html: print rules"
expect_grep "$T/out" '<svg role="img" aria-labelledby="chart-title chart-desc"' "html: the chart has a text alternative"
expect_exit 2 "score -f html of two profiles" -- "$CF" score -f html "$EX/inpatient-coder.json" "$EX/it-graduate.json"
expect_exit 2 "score -f html of a folder" -- "$CF" score -f html "$EX"
expect_grep "$T/err" "one page per profile, and this is a folder: give --output-dir DIR" "score -f html of a folder says why"
grep -q "out of memory" "$T/err" && no "score -f html of a folder is a usage error, not a system error" || ok
[ -s "$T/out" ] && no "score -f html of a folder writes no page" || ok

# --- lint ---------------------------------------------------------------------------
# Each file in tests/rubrics is broken in one way and says, in its "# expect:"
# lines, where and under which rule lint must report it.
expect_exit 0 "lint: the built-in rubric is clean" -- "$CF" lint --strict rubrics/medical-coder.yaml
[ ! -s "$T/out" ] && ok || no "lint: a clean rubric prints nothing"
for f in rubrics/*.yaml examples/rubrics/*.yaml; do
    expect_exit 0 "lint --strict $f" -- "$CF" lint --strict "$f"
done
# every broken rubric in one run of each format (a file with no "# expect:"
# line must have no error)
timeout 60 "$CF" lint tests/rubrics/*.yaml >"$T/lint.txt" 2>/dev/null
rc=$?
timeout 60 "$CF" lint -f json tests/rubrics/*.yaml | tr -d ' \n' >"$T/lint.json"
timeout 60 "$CF" lint -f github tests/rubrics/*.yaml >"$T/lint.gh"
[ $rc = 1 ] && ok || no "lint of the broken rubrics: exit $rc, want 1"
for f in tests/rubrics/*.yaml; do
    if ! grep -q '^# expect: ' "$f" && grep -q "^$f:[0-9]*:[0-9]*: error: " "$T/lint.txt"; then
        no "lint $f: an error, and the file expects none"
    fi
    grep '^# expect' "$f" | while read -r _ kind pos rule; do
        sev=error
        [ "$kind" = "expect-warning:" ] && sev=warning
        l=${pos%:*}
        c=${pos#*:}
        grep -q "^$f:$l:$c: $sev: .* \[$rule\]$" "$T/lint.txt" || echo "FAIL: lint $f: no $sev [$rule] at $l:$c in text"
        grep -q "\"file\":\"$f\",\"line\":$l,\"column\":$c,\"severity\":\"$sev\",\"rule\":\"$rule\"" "$T/lint.json" || echo "FAIL: lint $f: no $sev [$rule] at $l:$c in json"
        grep -q "^::$sev file=$f,line=$l,col=$c,title=$rule::" "$T/lint.gh" || echo "FAIL: lint $f: no $sev [$rule] at $l:$c in github"
    done >"$T/lint.fails"
    [ -s "$T/lint.fails" ] && { no "lint $f: $(cat "$T/lint.fails")"; } || ok
done
expect_exit 1 "lint --strict fails on warnings" -- "$CF" lint --strict tests/rubrics/missing-advice.yaml
expect_exit 1 "lint: several files, every problem" -- "$CF" lint tests/rubrics/unknown-key.yaml tests/rubrics/tier-gap.yaml rubrics/medical-coder.yaml
[ "$(grep -c ': error: ' "$T/out")" = 2 ] && ok || no "lint: one error from each broken file"
expect_exit 2 "lint: no rubric" -- "$CF" lint
expect_exit 2 "lint: bad format" -- "$CF" lint -f xml rubrics/medical-coder.yaml

# --- the shipped rubrics, and rubrics that extend others ------------------------------------
for r in rubrics/*.yaml; do
    expect_exit 0 "lint --strict $r" -- "$CF" lint --strict "$r"
    id=$(basename "$r" .yaml)
    grep -q "^id: $id$" "$r" && ok || no "$r: its id is its file's name (how extends names it)"
done
expect_exit 0 "show an extended rubric" -- "$CF" show -r rubrics/profee-coder.yaml
cp "$T/out" "$T/profee.yaml"
head -n 3 "$T/profee.yaml" | tr '\n' '|' | grep -q '^# rubrics/profee-coder.yaml|# extends embedded:medical-coder.yaml|# as one rubric:|$' && ok ||
    no "show: the chain of an extended rubric first"
grep -q '^id: profee-coder$' "$T/profee.yaml" && ! grep -q '^extends:' "$T/profee.yaml" && ok || no "show: the whole rubric, its own id, no extends"
grep -q '^  - id: coding_experience$' "$T/profee.yaml" && ! grep -q 'id: mpi$' "$T/profee.yaml" && ok ||
    no "show: the criteria of the rubric it extends, less the one removed"
expect_exit 0 "show's output lints clean" -- "$CF" lint --strict "$T/profee.yaml"
"$CF" show -f json -r "$T/profee.yaml" >"$T/a.json" && "$CF" show -f json -r rubrics/profee-coder.yaml >"$T/b.json" &&
    cmp -s "$T/a.json" "$T/b.json" && ok || no "show: the extended rubric written out is the same rubric"
expect_exit 0 "-r names a built-in rubric" -- "$CF" show -r profee-coder
tail -n +2 "$T/out" >"$T/id.yaml"
tail -n +2 "$T/profee.yaml" | cmp -s - "$T/id.yaml" && head -n 1 "$T/out" | grep -q '^# profee-coder$' && ok ||
    no "show -r ID: the same rubric as its file"
expect_exit 0 "score with a role rubric" -- "$CF" score $ASOF -r risk-adjustment-coder -f json "$EX/inpatient-coder.json"
expect_grep "$T/out" '"id": "risk-adjustment-coder"' "the report names the role rubric"
# a team's rubric extends a file, which extends a built-in one
mkdir -p "$T/team/base"
printf 'format: coderfit-rubric/1\nextends: medical-coder\nid: base\nversion: "1"\ntiers:\n  - id: strong\n    min: 101\n' >"$T/team/base/base.yaml"
printf 'format: coderfit-rubric/1\nextends: base/base.yaml\nid: team\nversion: "1"\nqualities:\n  - id: education\n    wieght: 2\n' >"$T/team/team.yaml"
expect_exit 1 "lint: an extended rubric is checked as a whole" -- "$CF" lint "$T/team/team.yaml"
expect_grep "$T/out" "^$T/team/base/base.yaml:7:10: error: a tier's 'min' must be at least 0 and at most 100 \[bad-number\]$" "lint: a problem of the file extended, at its place"
expect_grep "$T/out" "^$T/team/team.yaml:7:5: error: unknown key 'wieght' in a quality (did you mean 'weight'?) \[unknown-key\]$" "lint: a problem of the extending file, at its place"
# a number out of range: both bounds said, whichever side it is on
printf 'format: coderfit-rubric/1\nextends: medical-coder\nid: w\nversion: "1"\nqualities:\n  - id: education\n    weight: 1e308\n' >"$T/team/huge.yaml"
expect_exit 1 "lint: a weight of 1e308" -- "$CF" lint "$T/team/huge.yaml"
expect_grep "$T/out" "^$T/team/huge.yaml:7:13: error: a quality weight must be at least 0.001 and at most 1000000000 \[bad-number\]$" "lint: both bounds of a weight"
# libyaml's reader errors at their place, not at 1:1
printf 'format: coderfit-rubric/1\nid: "\303\251t\303\251"\ntitle: "a\001b"\n' >"$T/team/ctl.yaml"
expect_exit 1 "lint: a control character" -- "$CF" lint "$T/team/ctl.yaml"
expect_grep "$T/out" "^$T/team/ctl.yaml:3:10: error: invalid YAML: control characters are not allowed (byte 0x01) \[syntax\]$" "lint: a reader error at its line and column"
printf 'format: coderfit-rubric/1\nextends: ./sub/../loop.yaml\nid: loop\nversion: "1"\n' >"$T/team/loop.yaml"
expect_exit 1 "lint: a rubric that extends itself" -- "$CF" lint "$T/team/loop.yaml"
expect_grep "$T/out" "loop.yaml:2:10: error: rubrics extend one another in a cycle" "lint: the cycle, however the path is spelt"
printf 'format: coderfit-rubric/1\nextends: missing.yaml\nid: m\nversion: "1"\n' >"$T/team/m.yaml"
expect_exit 3 "score: a rubric that extends a missing file" -- "$CF" score -r "$T/team/m.yaml" "$EX/inpatient-coder.json"
expect_grep "$T/err" "m.yaml:2:10: error: cannot read the rubric it extends, 'missing.yaml'" "the missing file is named"

# --- show and schema rubric ------------------------------------------------------------
expect_exit 0 "show" -- "$CF" show
cmp -s "$T/out" rubrics/medical-coder.yaml && ok || no "show prints the embedded rubric as written"
expect_exit 0 "show -f json" -- "$CF" show -f json
cp "$T/out" "$T/rubric.json"
expect_grep "$T/rubric.json" '"weight": 30,' "show -f json has numbers as numbers"
expect_exit 3 "show: an invalid rubric" -- "$CF" show -r tests/rubrics/tier-gap.yaml
expect_exit 0 "schema rubric" -- "$CF" schema rubric
cp "$T/out" "$T/rubric.schema.json"
if [ -n "$PY" ]; then
    "$CF" show -f json -r examples/rubrics/coding-auditor.yaml >"$T/auditor.json"
    for r in rubrics/*.yaml; do "$CF" show -f json -r "$r" >"$T/$(basename "$r" .yaml).shown.json"; done
    "$PY" - "$T/rubric.schema.json" "$T/rubric.json" "$T/auditor.json" "$T"/*.shown.json <<'EOF2'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    v.validate(json.load(open(path)))
# and it rejects what the loader rejects
bad = json.load(open(sys.argv[2]))
bad["qualities"][0]["criteria"][0]["levels"] = {"x": 1}
assert not v.is_valid(bad)
bad = json.load(open(sys.argv[2]))
bad["qualities"][0]["weight"] = 0
assert not v.is_valid(bad)
EOF2
    [ $? = 0 ] && ok || no "the rubrics validate against schema rubric, and broken ones do not"
fi

# --- schemas of every JSON output, checked against real output ------------------------
for name in ranking advice diff lint audit; do
    expect_exit 0 "schema $name" -- "$CF" schema "$name"
    cp "$T/out" "$T/$name.schema.json"
done
mkdir -p "$T/sch" "$T/mixed"
cp "$EX"/*.json "$T/mixed/"
cp "$EX/it-graduate.json" "$T/mixed/again.json"
printf '{"basics": ' >"$T/mixed/broken.json"
printf 'notes\n' >"$T/mixed/notes.rtf"
"$CF" rank $ASOF -f json "$EX" >"$T/sch/ranking.full.json"
"$CF" rank $ASOF -f json --top 3 --blind "$EX" >"$T/sch/ranking.blind.json"
"$CF" rank $ASOF -f json "$T/mixed" >"$T/sch/ranking.mixed.json" 2>/dev/null
"$CF" rank $ASOF -f json --dedupe "$T/mixed" >"$T/sch/ranking.dedupe.json" 2>/dev/null
"$CF" rank $ASOF -f ndjson "$EX" >"$T/sch/shard.ndjson"
"$CF" rank --merge -f json "$T/sch/shard.ndjson" >"$T/sch/ranking.merged.json" 2>/dev/null
for f in "$EX"/*.json; do
    b=$(basename "$f" .json)
    "$CF" advise $ASOF -f json "$f" >"$T/sch/advice.$b.json"
done
"$CF" advise $ASOF -f json --top 0 --with credential=CPC --with hipaa=2026-10 "$A" >"$T/sch/advice.whatif.json"
"$CF" advise $ASOF -f json --blind --with coding-months=24 "$EX/high-school-only.json" >"$T/sch/advice.blind.json"
sed '0,/        weight: 18/s//        weight: 8/' rubrics/medical-coder.yaml >"$T/sch-w.yaml"
sed '/label: Strong fit/{n;s/min: 45/min: 92/}' rubrics/medical-coder.yaml >"$T/sch-t.yaml"
"$CF" diff $ASOF -f json rubrics/medical-coder.yaml "$T/sch-w.yaml" "$EX" >"$T/sch/diff.weight.json" 2>/dev/null
"$CF" diff $ASOF -f json --changed --fail-on-tier-change --max-delta 1 rubrics/medical-coder.yaml "$T/sch-t.yaml" "$EX" >"$T/sch/diff.tier.json" 2>/dev/null
"$CF" diff $ASOF -f json rubrics/medical-coder.yaml examples/rubrics/coding-auditor.yaml "$EX" >"$T/sch/diff.other.json" 2>/dev/null
"$CF" lint -f json rubrics/*.yaml >"$T/sch/lint.clean.json"
"$CF" lint -f json tests/rubrics/*.yaml >"$T/sch/lint.broken.json" 2>/dev/null
"$CF" audit $ASOF -f json -d examples/demographics.csv --select tier=strong,good "$EX" >"$T/sch/audit.tier.json"
"$CF" audit $ASOF -f json -d examples/demographics.csv --select top=1 "$EX" >"$T/sch/audit.top.json"
if [ -n "$PY" ]; then
    "$PY" - "$T" "$T"/sch/*.json <<'EOF2'
import json, os, sys, jsonschema
T = sys.argv[1]
docs = sys.argv[2:]
checked = {}
for name in ("ranking", "advice", "diff", "lint", "audit"):
    schema = json.load(open(os.path.join(T, name + ".schema.json")))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    mine = [d for d in docs if os.path.basename(d).startswith(name + ".")]
    assert mine, name
    for d in mine:
        doc = json.load(open(d))
        errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        assert not errs, (d, [(list(e.path), e.message[:200]) for e in errs[:3]])
    checked[name] = (v, json.load(open(mine[0])))
# what the outputs held: errors, skipped, duplicates and merged reports
mixed = json.load(open(os.path.join(T, "sch", "ranking.mixed.json")))
assert mixed["errors"] and mixed["skipped"] and any("duplicate_of" in r for r in mixed["results"]), "mixed ranking"
assert any(d.get("next_tier") is None for d in (json.load(open(x)) for x in docs if "/advice." in x)), "an advice at the top tier"
# and each schema rejects what no output holds
v, doc = checked["ranking"]
doc["results"][0]["score"] = 101
assert not v.is_valid(doc)
v, doc = checked["advice"]
doc["steps"] = [{"step": 0, "points": 1, "gaps": []}]
assert not v.is_valid(doc)
v, doc = checked["diff"]
doc["summary"]["kendall_tau"] = 2
assert not v.is_valid(doc)
v, doc = checked["lint"]
doc["problems"] = [{"file": "x", "line": 1, "column": 1, "severity": "fatal", "rule": None, "message": "m"}]
assert not v.is_valid(doc)
v, doc = checked["audit"]
doc["groups"][0]["dimension"] = "age"
assert not v.is_valid(doc)
for name in checked:
    v, doc = checked[name]
    doc = json.load(open([d for d in docs if os.path.basename(d).startswith(name + ".")][0]))
    doc["unexpected"] = 1
    assert not v.is_valid(doc), name
EOF2
    [ $? = 0 ] && ok || no "the JSON outputs validate against coderfit schema ranking, advice, diff, lint and audit, and altered ones do not"
fi

# --- resume files: plain text and Markdown read; other formats named ---------
RS=tests/resumes
expect_exit 0 "score: a plain-text resume" -- "$CF" score $ASOF -f json "$RS/txt/brittany-lasko.txt"
cp "$T/out" "$T/txt.json"
"$CF" score $ASOF -f json tests/panel/profiles/brittany-lasko.json >"$T/twin.json"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(not (a["tier"] == b["tier"] and a["score"] == b["score"] and a["applicant"]["name"] == "Brittany Lasko"))' "$T/txt.json" "$T/twin.json" && ok || no "score: the text resume scores as its JSON twin"
expect_exit 0 "score: a Markdown resume" -- "$CF" score $ASOF "$RS/hard/resume.md"
expect_grep "$T/out" "^Ruth Ann Pruitt  ruthann.pruitt@example.com" "score: the Markdown resume's name and contact"
expect_exit 0 "convert: a Markdown resume" -- "$CF" convert "$RS/hard/resume.md"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["experience"]; sys.exit(not (len(e) == 2 and e[0]["start"] == "2019-06" and e[1]["title"] == "Medical Records Clerk"))' "$T/out" && ok || no "convert: the resume's jobs, titles and dates"
expect_exit 0 "score: a PDF resume" -- "$CF" score $ASOF -f json "$RS/pdf/brittany-lasko.pdf"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(not (a["tier"] == b["tier"] and a["score"] == b["score"]))' "$T/out" "$T/twin.json" && ok || no "score: the PDF resume scores as its JSON twin"
expect_exit 0 "score: a PDF that its owner locked against copying" -- "$CF" score $ASOF "$RS/hard/owner-locked.pdf"
expect_exit 4 "score: a scanned PDF" -- "$CF" score "$RS/hard/scanned.pdf"
expect_grep "$T/err" "scanned.pdf: error: no text in this PDF: it looks scanned; run OCR first, for example ocrmypdf \[scanned\]$" "score: a scanned PDF says so"
expect_exit 4 "score: a PDF locked with a password" -- "$CF" score "$RS/hard/encrypted.pdf"
expect_grep "$T/err" "encrypted.pdf: error: the PDF is locked with a password: coderfit cannot open it$" "score: a locked PDF says so"
expect_exit 4 "score: a truncated PDF" -- "$CF" score "$RS/hard/truncated.pdf"
expect_grep "$T/err" "truncated.pdf: error: not a PDF that can be read (pdftohtml: " "score: a truncated PDF says what pdftohtml said"
mkdir -p "$T/nopdf"
# a PATH without pdftohtml (with valgrind, which check-valgrind's wrapper runs)
for c in valgrind valgrind.bin; do
    ! command -v $c >/dev/null 2>&1 || ln -sf "$(command -v $c)" "$T/nopdf/$c"
done
expect_exit 4 "score: a PDF without pdftohtml" -- env PATH="$T/nopdf" "$CF" score "$RS/pdf/brittany-lasko.pdf" "$RS/txt/brittany-lasko.txt"
expect_grep "$T/err" "brittany-lasko.pdf: error: reading a PDF needs pdftohtml, which is not installed (Debian: apt-get install poppler-utils)" "score: without pdftohtml a PDF names the package"
expect_grep "$T/out" "^Brittany Lasko " "score: without pdftohtml the text resume is still read"
expect_exit 0 "score: a DOCX named .json is read by its bytes" -- sh -c 'cp "$2" "$3" && "$1" score "$3"' sh "$CF" "$RS/docx/brittany-lasko.docx" "$T/resume.json"
expect_grep "$T/out" "^Brittany Lasko " "score: the DOCX named .json is read as a Word resume"
printf 'call back on Tuesday\n' >"$T/notes.txt"
expect_exit 0 "score: a text with nothing of a resume" -- "$CF" score $ASOF -f json "$T/notes.txt"
expect_grep "$T/err" "notes.txt: warning: no work history, education or credential found in this plain text resume" "score: a text with nothing of a resume says so"
expect_grep "$T/out" '"tier": "insufficient"' "score: ... and is Insufficient information"
grep -q '"name": "call back' "$T/out" && no "score: a sentence taken for a name" || ok
mkdir -p "$T/resumes"
cp "$RS/txt/brittany-lasko.txt" "$RS/hard/resume.md" "$RS/pdf/kwame-osei.pdf" "$RS/hard/scanned.pdf" \
    "$RS/docx/tuan-nguyen.docx" "$RS/odt/maria-santos.odt" "$RS/hard/resume.rtf" "$T/resumes/"
expect_exit 4 "rank: a folder of resume files, one scanned" -- "$CF" rank $ASOF -f csv "$T/resumes"
[ "$(csvcols source,status <"$T/out" | sed 's|.*/||' | sort | tr '\n' ' ')" = "brittany-lasko.txt,scored kwame-osei.pdf,scored maria-santos.odt,scored resume.md,scored scanned.pdf,refused: no text in this PDF: it looks scanned; run OCR first, for example ocrmypdf [scanned] tuan-nguyen.docx,scored " ] && ok || no "rank: the text, Markdown, PDF, DOCX and ODT resumes ranked, the scan refused: $(csvcols source,status <"$T/out")"
expect_grep "$T/err" "skipped 1 file not read: $T/resumes/resume.rtf; coderfit reads JSON, PDF, Word (DOCX), OpenDocument text (ODT), plain text and Markdown: convert the others first (soffice --headless --convert-to docx)" "rank: the RTF named as not read, with the command that converts it"

finish
