#!/bin/sh
# The recruiter's shortlist: applicants named in every format (and in none
# with --blind), every input of a folder accounted for, duplicates flagged
# and removed, a CSV row for every input, the default rubric from the
# environment, and the fill-in template.
# usage: tests/shortlist.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
EX=examples/applicants

# --- the applicant, shown and never scored ----------------------------------
expect_exit 0 "score -f json: a JSON Resume" -- "$CF" score $ASOF -f json "$EX/inpatient-coder.json"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["applicant"]; sys.exit(a != {"id": "inpatient-coder", "name": "Dana Whitfield", "email": "dana.whitfield@example.com", "phone": "(555) 201-4417", "location": "Columbus, OH, US"})' "$T/out" && ok || no "score -f json: the applicant of basics, as stated, with the file name for an id"
expect_exit 0 "score -f json: a native profile" -- "$CF" score $ASOF -f json "$EX/remote-auditor.native.json"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["applicant"]; sys.exit(a != {"id": "A-1029", "name": "Helen Okafor", "email": "helen.okafor@example.com", "phone": "(555) 310-2286", "location": "Tulsa, OK"})' "$T/out" && ok || no "score -f json: the applicant of a native profile, its id, contact and address"
expect_exit 0 "score: text" -- "$CF" score $ASOF "$EX/inpatient-coder.json"
[ "$(head -n 1 "$T/out")" = "Dana Whitfield  dana.whitfield@example.com · (555) 201-4417 · Columbus, OH, US" ] && ok || no "score: the text report starts with the applicant: $(head -n 1 "$T/out")"
expect_exit 0 "score: md" -- "$CF" score $ASOF -f md "$EX/inpatient-coder.json"
expect_grep "$T/out" "^# Fit report: Dana Whitfield$" "score -f md: the heading names the applicant"
expect_exit 0 "score: html" -- "$CF" score $ASOF -f html "$EX/inpatient-coder.json"
expect_grep "$T/out" "<title>Fit report: Dana Whitfield</title>" "score -f html: the title names the applicant"
expect_grep "$T/out" "<h1>Fit report: Dana Whitfield</h1>" "score -f html: the heading names the applicant"
# the name changes no figure: the same profile under another name and contact
python3 - "$EX/inpatient-coder.json" "$T/renamed.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["basics"].update(name="Zoë Ngata", email="z@example.org", phone="+64 9 555 0101", location={"city": "Auckland"})
json.dump(d, open(sys.argv[2], "w"))
EOF
"$CF" score $ASOF -f json "$EX/inpatient-coder.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["score"], d["tier"], [q["score"] for q in d["qualities"]])' >"$T/a"
"$CF" score $ASOF -f json "$T/renamed.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["score"], d["tier"], [q["score"] for q in d["qualities"]])' >"$T/b"
cmp -s "$T/a" "$T/b" && ok || no "another name and contact changed a figure"

# --- the ATS export recipe: rows that name the applicants ---------------------
python3 -c 'import json,sys; print(json.dumps([json.load(open(f)) for f in sys.argv[1:]], indent=2))' \
    "$EX/inpatient-coder.json" "$EX/lapsed-credential.json" "$EX/it-graduate.json" >"$T/export.json"
python3 -c 'import json,sys; [print(json.dumps(d, indent=2)) for d in json.load(open(sys.argv[1]))]' "$T/export.json" >"$T/export.stream"
expect_exit 0 "rank -f csv - of an export" -- sh -c "\"$CF\" rank -q $ASOF -f csv - <\"$T/export.stream\""
csvcols rank,name,email,phone <"$T/out" >"$T/named"
printf '1,Dana Whitfield,dana.whitfield@example.com,(555) 201-4417\n2,Gloria Stanton,g.stanton@example.com,\n3,Alexis Moreno,alexis.moreno@example.com,\n' >"$T/want"
cmp -s "$T/named" "$T/want" && ok || no "the export's CSV names the applicants: $(cat "$T/named")"
csvcols rank,score,tier <"$T/out" >"$T/plain"
expect_exit 0 "rank --blind -f csv - of an export" -- sh -c "\"$CF\" rank -q --blind $ASOF -f csv - <\"$T/export.stream\""
[ "$(csvcols name,email,phone <"$T/out" | sort -u)" = ",," ] && ok || no "--blind: the CSV names no one"
csvcols rank,score,tier <"$T/out" | cmp -s - "$T/plain" && ok || no "--blind: the same rows, ranks and scores"
for f in text md json ndjson html csv; do
    "$CF" rank -q --blind $ASOF -f $f - <"$T/export.stream" >"$T/blind.$f"
    # the phone as written, not "555" alone: a blind id is random hex,
    # and one in some hundreds holds 555
    grep -q -e Whitfield -e Stanton -e Moreno -e "@example.com" -e "(555)" -e "201-4417" "$T/blind.$f" && no "rank --blind -f $f names an applicant" || ok
done
for f in text md; do
    "$CF" rank -q $ASOF -f $f - <"$T/export.stream" >"$T/named.$f"
    grep -q "Dana Whitfield" "$T/named.$f" && ok || no "rank -f $f names the applicant"
done

# --- every input of a folder accounted for ------------------------------------
mkdir -p "$T/inbox/.drafts"
cp "$EX/inpatient-coder.json" "$T/inbox/carla.JSON"
cp "$EX/new-cca.native.json" "$T/inbox/samuel.json"
cp "$EX/it-graduate.json" "$T/inbox/.drafts/old.json"
cp "$EX/it-graduate.json" "$T/inbox/.hidden.json"
echo "{\\rtf1 }" >"$T/inbox/jane-resume.rtf"
echo "PK" >"$T/inbox/bob.pages"
expect_exit 0 "rank: a folder with an rtf, a pages, an upper-case .JSON and a .json" -- "$CF" rank $ASOF -f json "$T/inbox"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["counts"]; sys.exit(not (c["scored"] == 2 and c["skipped"] == 2 and sorted(r["source"].rsplit("/",1)[1] for r in d["results"]) == ["carla.JSON", "samuel.json"] and [s.rsplit("/",1)[1] for s in d["skipped"]] == ["bob.pages", "jane-resume.rtf"]))' "$T/out" && ok || no "rank: the two JSON files scored, the two others named in skipped[]"
expect_grep "$T/err" "^coderfit: rank: warning: skipped 2 files not read: $T/inbox/bob.pages, $T/inbox/jane-resume.rtf; coderfit reads JSON, PDF, Word (DOCX), OpenDocument text (ODT), plain text and Markdown: convert the others first (soffice --headless --convert-to docx)" "rank: the skipped files named on stderr"
grep -q "hidden" "$T/err" && no "rank: hidden files named without --verbose" || ok
expect_exit 0 "rank -v" -- "$CF" rank -v $ASOF "$T/inbox"
expect_grep "$T/err" "^coderfit: rank: note: $T/inbox/.drafts: hidden, left alone$" "rank -v: a hidden folder is said to be left alone"
expect_grep "$T/err" "^coderfit: rank: note: $T/inbox/.hidden.json: hidden, left alone$" "rank -v: a hidden file is said to be left alone"
expect_grep "$T/out" "^  2 inputs: 2 scored, 0 failed; 2 files skipped$" "rank: the summary counts the skipped files"
expect_grep "$T/out" "^  Skipped 2 files not read: $T/inbox/bob.pages, $T/inbox/jane-resume.rtf; coderfit reads" "rank: the summary names the skipped files"
expect_exit 0 "rank: one input" -- "$CF" rank $ASOF "$EX/inpatient-coder.json"
expect_grep "$T/out" "^  1 input: 1 scored, 0 failed$" "rank: one input, singular"
expect_exit 0 "score: a folder with other files" -- "$CF" score $ASOF -f ndjson "$T/inbox"
[ "$(wc -l <"$T/out")" = 2 ] && ok || no "score: the two JSON files of the folder"
[ "$(grep -c 'warning: skipped 1 file not read' "$T/err")" = 2 ] && ok || no "score: each skipped file named: $(cat "$T/err")"

# --- the spreadsheet is the whole batch ---------------------------------------
printf '{"basics": {"name": "Ann"},\n "work": [\n' >"$T/inbox/truncated.json"
expect_exit 4 "rank -f csv with a refused input" -- "$CF" rank -q $ASOF -f csv "$T/inbox"
head -n 1 "$T/out" | tr -d '\r' >"$T/head"
[ "$(cat "$T/head")" = "rank,status,id,name,email,phone,source,score,tier,tier_label,eligible,completeness,education,attention_to_detail,medical_knowledge,communication,technical,ethics,independence,failed_gates,facts,warnings,duplicate_of,opening" ] && ok || no "rank: the CSV header: $(cat "$T/head")"
csvcols status,source <"$T/out" | grep -q "^refused: line 3, column 1: invalid JSON: unexpected end of input (a value was expected) \[json\],$T/inbox/truncated.json$" && ok || no "rank: the refused input is a row with its reason"
csvcols rank,id,name,completeness,failed_gates,facts <"$T/out" | head -n 2 >"$T/cols"
printf '1,carla,Dana Whitfield,0.975,,RHIT 2016 · CCS 2019 · 8.5 years coding (inpatient) · remote · accuracy 97.4%% · 2.8 charts an hour\n2,A-2044,Samuel Ortiz,0.910,,CCA active 2025 · 0.7 years coding (outpatient) · accuracy 95%% · 12 charts an hour · held back: a core or specialty credential, or two years of coding work\n' | cmp -s - "$T/cols" && ok || no "rank: the id, completeness, failed gates and facts: $(cat "$T/cols")"
"$CF" rank -q $ASOF -f csv "$EX/high-school-only.json" | csvcols failed_gates | grep -qx "Post-secondary coding/HIT training or a coding credential" && ok || no "rank: the failed gate in its column"
# nothing scores: the same header, every input a row
expect_exit 4 "rank -f csv: nothing scores" -- "$CF" rank -q $ASOF -f csv "$T/inbox/truncated.json"
head -n 1 "$T/out" | tr -d '\r' | cmp -s - "$T/head" && ok || no "rank: the header does not depend on what scores"
[ "$(csvcols status <"$T/out" | grep -c '^refused: ')" = 1 ] && ok || no "rank: the only input is a refused row"
python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); sys.exit(any(len(x) != len(r[0]) for x in r))' "$T/out" && ok || no "rank: a refused row has every column"
rm "$T/inbox/truncated.json"

# --- duplicates -----------------------------------------------------------------
mkdir -p "$T/dups"
cp "$EX/inpatient-coder.json" "$T/dups/dana-whitfield.json"
cp "$EX/inpatient-coder.json" "$T/dups/resume (1).json"
cp "$EX/lapsed-credential.json" "$T/dups/gloria.json"
cp "$EX/new-cca.native.json" "$T/dups/samuel.json"
# Samuel again from another export: another layout, e-mail in capitals,
# one fact less (so a lower score)
python3 - "$EX/new-cca.native.json" "$T/dups/ortiz-samuel.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["applicant"]["contact"]["email"] = "  S.Ortiz@Example.com "
d.pop("references", None)
json.dump(d, open(sys.argv[2], "w"), indent=4)
EOF
# Two with the same phone, written differently, and no e-mail
printf '{"basics": {"name": "Kim Lee", "phone": "(555) 444-1212"}, "certificates": [{"name": "CPC"}]}\n' >"$T/dups/kim.json"
printf '{"basics": {"name": "Kim Lee", "phone": "+1 555.444.1212"}, "certificates": [{"name": "Certified Professional Coder (CPC)"}], "work": [{"position": "Medical Coder", "startDate": "2024-01"}]}\n' >"$T/dups/kim-lee.json"
expect_exit 0 "rank: duplicates" -- "$CF" rank -q $ASOF -f json "$T/dups"
python3 - "$T/out" "$T/dups" >"$T/py" 2>&1 <<'EOF' && ok || no "rank: duplicates flagged: $(cat "$T/py")"
import json, sys
d = json.load(open(sys.argv[1]))
base = lambda s: s.rsplit("/", 1)[1]
dup = {base(r["source"]): base(r["duplicate_of"]) if "duplicate_of" in r else None for r in d["results"]}
want = {"dana-whitfield.json": None, "resume (1).json": "dana-whitfield.json", "gloria.json": None,
        "samuel.json": None, "ortiz-samuel.json": "samuel.json", "kim-lee.json": None, "kim.json": "kim-lee.json"}
assert dup == want, dup
assert d["counts"]["duplicates"] == 3 and d["counts"]["duplicates_dropped"] == 0, d["counts"]
EOF
expect_exit 0 "rank -f csv: duplicates" -- "$CF" rank -q $ASOF -f csv "$T/dups"
csvcols source,duplicate_of <"$T/out" | grep -qx "$T/dups/resume (1).json,$T/dups/dana-whitfield.json" && ok || no "rank -f csv: the duplicate_of column"
expect_exit 0 "rank: duplicates in text" -- "$CF" rank -q $ASOF "$T/dups"
expect_grep "$T/out" "Dana Whitfield (as #1)" "rank: a duplicate marked in the table"
expect_grep "$T/out" "^  Duplicates: 3 results are the same person as a better one" "rank: the summary counts duplicates"
expect_exit 0 "rank --dedupe" -- "$CF" rank -q --dedupe $ASOF -f json "$T/dups"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=sorted(r["source"].rsplit("/",1)[1] for r in d["results"]); sys.exit(not (s == ["dana-whitfield.json", "gloria.json", "kim-lee.json", "samuel.json"] and d["counts"]["duplicates_dropped"] == 3 and d["counts"]["scored"] == 7))' "$T/out" && ok || no "rank --dedupe keeps the best of each: $(head -c 400 "$T/out")"
# with --top the best N people, not N results
expect_exit 0 "rank --dedupe --top 3" -- "$CF" rank -q --dedupe --top 3 $ASOF -f csv "$T/dups"
csvcols name <"$T/out" | tr '\n' '/' >"$T/top"
[ "$(cat "$T/top")" = "Dana Whitfield/Kim Lee/Gloria Stanton/" ] && ok || no "rank --dedupe --top 3: $(cat "$T/top")"
for j in 1 2; do
    "$CF" rank -q --dedupe --top 3 -j $j $ASOF -f csv "$T/dups" | cmp -s - "$T/out" && ok || no "rank --dedupe --top 3 -j $j differs"
done
# blind: decided before redaction, reported by blind id
expect_exit 0 "rank --blind: duplicates" -- "$CF" rank -q --blind $ASOF -f csv "$T/dups"
[ "$(csvcols duplicate_of <"$T/out" | grep -c '^applicant-[0-9a-f]*$')" = 3 ] && ok || no "rank --blind: the duplicates named by blind id"
expect_exit 0 "rank --blind --dedupe" -- "$CF" rank -q --blind --dedupe $ASOF -f csv "$T/dups"
[ "$(csvcols rank <"$T/out" | wc -l)" = 4 ] && ok || no "rank --blind --dedupe keeps four people"
# merged shards find them too (by e-mail, phone and the reports' fingerprints)
"$CF" score $ASOF -f ndjson "$T/dups"/*.json >"$T/dups.ndjson" 2>/dev/null
for f in csv json text md html; do
    "$CF" rank --merge -f $f "$T/dups.ndjson" >"$T/merged.$f" 2>/dev/null
    "$CF" rank $ASOF -f $f "$T/dups"/*.json >"$T/direct.$f" 2>/dev/null
    cmp -s "$T/merged.$f" "$T/direct.$f" && ok || no "rank --merge -f $f with duplicates differs from one run"
done
"$CF" rank $ASOF -f ndjson "$T/dups" >"$T/ranked.ndjson" 2>/dev/null
"$CF" rank --merge -f ndjson "$T/ranked.ndjson" | cmp -s - "$T/ranked.ndjson" && ok || no "rank --merge of rank -f ndjson keeps its bytes (duplicate_of read back)"

# --- the progress line stays one line at any width (none below 20 columns) ---------
if command -v script >/dev/null 2>&1; then
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(3000):
        d["basics"]["email"] = "a%d@example.org" % i
        f.write(json.dumps(d) + "\n")' "$EX/inpatient-coder.json" "$T/many.ndjson"
    for cols in 15 30 100; do
        script -qc "stty cols $cols; \"$CF\" rank $ASOF -j 1 --top 1 \"$T/many.ndjson\" >/dev/null" /dev/null >"$T/pty" 2>&1
        python3 -c '
import re, sys
cols = int(sys.argv[2])
s = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
lines = [x.rstrip("\r\n ") for x in re.split(r"\r\x1b\[K", s) if x.strip()]
sys.exit(1 if (cols < 20 and lines) or any(len(x) > cols - 1 for x in lines) else 0)' "$T/pty" $cols && ok ||
            no "rank: the progress line at $cols columns: $(tr '\r\033' '|^' <"$T/pty" | head -c 300)"
    done
fi

# --- the team's rubric by default ------------------------------------------------
"$CF" rank -q $ASOF -f csv -r examples/rubrics/coding-auditor.yaml "$EX" >"$T/r.csv"
expect_exit 0 "CODERFIT_RUBRIC" -- env CODERFIT_RUBRIC=examples/rubrics/coding-auditor.yaml "$CF" rank -q $ASOF -f csv "$EX"
cmp -s "$T/out" "$T/r.csv" && ok || no "CODERFIT_RUBRIC is the default rubric"
expect_exit 0 "CODERFIT_RUBRIC: a built-in id" -- env CODERFIT_RUBRIC=profee-coder "$CF" score $ASOF -f json "$EX/inpatient-coder.json"
expect_grep "$T/out" '"id": "profee-coder"' "CODERFIT_RUBRIC takes a built-in id"
expect_exit 0 "-r wins over CODERFIT_RUBRIC" -- env CODERFIT_RUBRIC=profee-coder "$CF" score $ASOF -r medical-coder -f json "$EX/inpatient-coder.json"
expect_grep "$T/out" '"id": "medical-coder"' "-r wins over CODERFIT_RUBRIC"
expect_exit 3 "CODERFIT_RUBRIC: a missing file" -- env CODERFIT_RUBRIC="$T/none.yaml" "$CF" score $ASOF "$EX/inpatient-coder.json"
expect_grep "$T/err" "none.yaml" "CODERFIT_RUBRIC: the missing file is named"
expect_exit 0 "CODERFIT_RUBRIC: show" -- env CODERFIT_RUBRIC=profee-coder "$CF" show
expect_grep "$T/out" "^id: profee-coder" "show prints the rubric of CODERFIT_RUBRIC"

# --- the template ------------------------------------------------------------------
expect_exit 0 "template" -- "$CF" template
cp "$T/out" "$T/template.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not all(k in d for k in ("basics", "work", "education", "certificates", "skills", "references")))' "$T/template.json" && ok || no "template: a JSON Resume with its parts"
expect_exit 0 "template: loads as it is" -- "$CF" score $ASOF --strict "$T/template.json"
[ ! -s "$T/err" ] && ok || no "template: a warning: $(cat "$T/err")"
expect_exit 0 "template: convert" -- "$CF" convert $ASOF "$T/template.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("applicant", None); sys.exit("//" in json.dumps(d))' "$T/out" && ok || no "template: a note reached what scoring reads"
# filled in, it scores as what was filled in
python3 - "$T/template.json" "$T/filled.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["basics"].update(name="Pat Doe", email="pat@example.com")
d["certificates"][0].update(name="Certified Professional Coder (CPC)", issuer="AAPC", date="2020-05")
d["work"][0].update(name="Mercy Clinic", position="Outpatient Coder", startDate="2020-06", highlights=["97% coding accuracy on quarterly audits"])
json.dump(d, open(sys.argv[2], "w"))
EOF
"$CF" score $ASOF -f json "$T/filled.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["eligible"] and d["score"] > 50 and d["applicant"]["name"] == "Pat Doe"))' && ok || no "template: filled in, it scores"
expect_exit 2 "template: an operand" -- "$CF" template x


# --- what a recruiter reads a resume for: the facts and the knock-outs --------
# the facts of each report, from score -f json, decide by themselves who a
# knock-out keeps: rank must keep exactly those, whatever the format (the
# examples and twenty of the panel's profiles)
mkdir -p "$T/panel20"
cp $(ls tests/panel/profiles/*.json | head -n 20) "$T/panel20/"
"$CF" score -q $ASOF -f ndjson "$EX" "$T/panel20" >"$T/facts.reports"
expect_exit 0 "rank: the knock-outs" -- "$CF" rank -q $ASOF --require credential=CPC,CCS --min-coding-years 2 -f json "$EX" "$T/panel20"
python3 - "$T/facts.reports" "$T/out" >"$T/py" 2>&1 <<'EOF' && ok || no "rank --require credential=CPC,CCS --min-coding-years 2: $(cat "$T/py")"
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1])]
def keeps(f):
    cur = any(c["code"] in ("CPC", "CCS") and c["status"] not in ("lapsed", "expired", "in progress")
              for c in f.get("credentials", []))
    return cur and f.get("coding_years", 0) >= 2
want = sorted(r["source"] for r in reports if keeps(r["facts"]))
out = json.load(open(sys.argv[2]))
got = sorted(r["source"] for r in out["results"])
aside = sorted(a["source"] for a in out["set_aside"])
assert 3 < len(want) < len(reports) - 3, ("a test that separates", len(want), len(reports))
assert got == want, ("kept", set(got) ^ set(want))
assert sorted(got + aside) == sorted(r["source"] for r in reports), "every applicant ranked or set aside"
assert out["counts"]["set_aside"] == len(aside) == len(reports) - len(want), out["counts"]
for a in out["set_aside"]:
    assert a["failed"] and set(a["failed"]) <= {"credential", "coding_years"} and a["why"] and a["name"], a
lapsed = [a for a in out["set_aside"] if a["source"].endswith("lapsed-credential.json")][0]
assert lapsed["failed"] == ["credential"] and lapsed["why"] == "no current CPC or CCS", lapsed
print(len(want), "kept of", len(reports))
EOF
n_all=$(ls "$EX"/*.json "$T/panel20"/*.json | wc -l)
n_aside=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["set_aside"])' "$T/out")
"$CF" rank -q $ASOF --require credential=CPC,CCS --min-coding-years 2 "$EX" "$T/panel20" >"$T/ko.txt"
expect_grep "$T/ko.txt" "^  Set aside by the knock-outs: $n_aside of $n_all scored (no current CPC or CCS [0-9]*, under 2 years of coding [0-9]*); ranked the other $((n_all - n_aside))$" "rank: the summary says how many the knock-outs set aside, and why"
expect_grep "$T/ko.txt" "^  Gloria Stanton ($EX/lapsed-credential.json): no current CPC or CCS$" "rank: the set-aside applicants are listed with the reason"
"$CF" rank -q $ASOF --require credential=CPC,CCS --min-coding-years 2 -f csv "$EX" "$T/panel20" >"$T/ko.csv"
[ "$(csvcols status <"$T/ko.csv" | grep -c '^set aside: ')" = "$n_aside" ] && ok || no "rank -f csv: a set-aside row for each"
csvcols status,id,name,source <"$T/ko.csv" | grep -qx "set aside: no current CPC or CCS,lapsed-credential,Gloria Stanton,$EX/lapsed-credential.json" && ok || no "rank -f csv: the set-aside row names the applicant, its id and the reason"
# the same knock-outs over saved reports: the bytes of one run
"$CF" rank -q --merge --require credential=CPC,CCS --min-coding-years 2 -f csv "$T/facts.reports" | cmp -s - "$T/ko.csv" && ok || no "rank --merge: the knock-outs set aside the same applicants"
# the other knock-outs, each from its fact
"$CF" rank -q $ASOF --setting inpatient --remote -f json "$EX" >"$T/out"
python3 - "$T/facts.reports" "$T/out" >"$T/py" 2>&1 <<'EOF' && ok || no "rank --setting inpatient --remote: $(cat "$T/py")"
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1])]
want = sorted(r["source"] for r in reports if r["source"].startswith("examples/")
              and "inpatient" in r["facts"].get("settings", []) and r["facts"].get("remote"))
got = sorted(r["source"] for r in json.load(open(sys.argv[2]))["results"])
assert got == want and len(want) == 2, (got, want)
EOF
"$CF" rank -q $ASOF --setting profee,risk -f csv "$EX" | csvcols name | sed 1q | grep -qx "Gloria Stanton" && ok || no "rank --setting profee,risk: the coder of physician claims first"
"$CF" rank -q $ASOF --blind --remote -f json "$EX" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not d["set_aside"] or any("name" in a or "id" in a or not a["source"].startswith("applicant-") for a in d["set_aside"]))' && ok || no "rank --blind: the set-aside applicants are not named"
for bad in "--setting surgery" "--require cpc" "--require credential=" "--min-coding-years -1" "--min-coding-years x"; do
    expect_exit 2 "rank $bad" -- "$CF" rank -q $ASOF $bad "$EX"
done

# the facts: in every format, the same line
"$CF" score -q $ASOF -f json "$EX/remote-auditor.native.json" | python3 -c '
import json, sys
f = json.load(sys.stdin)["facts"]
assert f["credentials"] == [{"code": "RHIA", "status": "active", "year": 2013}, {"code": "CIC", "status": "active", "year": 2016}, {"code": "CPMA", "status": "active", "year": 2019}], f
assert f["remote"] is True and f["settings"][0] == "mixed" and 13 <= f["coding_years"] <= 14 and f["accuracy"] == 0.981 and f["charts_per_hour"] == 3.2, f
assert f["line"].startswith("RHIA active 2013 · CIC active 2016 · CPMA active 2019 · 13.") and "remote · accuracy 98.1% · 3.2 charts an hour" in f["line"], f["line"]' && ok || no "score -f json: the facts, field by field"
line=$("$CF" score -q $ASOF -f json "$EX/lapsed-credential.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["facts"]["line"])')
[ "$line" = "CPC lapsed 2012 · 7.3 years coding (profee)" ] && ok || no "the facts of a lapsed CPC: $line"
for f in text md csv html; do
    "$CF" rank -q $ASOF -f $f "$EX" >"$T/facts.$f"
    grep -qF "$line" "$T/facts.$f" && ok || no "rank -f $f: the facts line"
done
"$CF" score -q $ASOF -f json "$EX/high-school-only.json" | python3 -c 'import json,sys; l=json.load(sys.stdin)["facts"]["line"]; sys.exit(l != "no coding work · not eligible: Post-secondary coding/HIT training or a coding credential")' && ok || no "the facts say the failed gate"
# the recruiter's default view is about the applicant, not advice to them
grep -q "top_gap\|(+[0-9]" "$T/facts.csv" && no "rank -f csv: advice to the applicant in the recruiter's table" || ok

# the input's own id, carried through
mkdir -p "$T/ids"
python3 - "$EX/inpatient-coder.json" "$T/ids" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["basics"]["id"] = "ATS-77"; json.dump(d, open(sys.argv[2] + "/basics.json", "w"))
del d["basics"]["id"]; d["meta"] = {"id": "ATS-78"}; d["basics"]["email"] = "m@example.com"; json.dump(d, open(sys.argv[2] + "/meta.json", "w"))
d.pop("meta"); d["basics"]["email"] = "f@example.com"; json.dump(d, open(sys.argv[2] + "/Jane Roe resume.json", "w"))
EOF
"$CF" rank -q $ASOF -f csv "$T/ids" | csvcols id | sort | tr '\n' ' ' >"$T/got"
[ "$(cat "$T/got")" = "ATS-77 ATS-78 Jane Roe resume " ] && ok || no "rank -f csv: the ids of basics, meta and the file name: $(cat "$T/got")"
"$CF" rank -q $ASOF -f ndjson "$T/ids" | python3 -c 'import json,sys; sys.exit(sorted(json.loads(l)["applicant"]["id"] for l in sys.stdin) != ["ATS-77", "ATS-78", "Jane Roe resume"])' && ok || no "rank -f ndjson: the ids"
"$CF" rank -q $ASOF -f html "$T/ids" | grep -q "ATS-77" && ok || no "rank -f html: the id"
"$CF" rank -q $ASOF --blind -f csv "$T/ids" | grep -q "ATS-7\|Jane Roe" && no "rank --blind: the id is shown" || ok
tr -d '\n' <"$T/ids/basics.json" | "$CF" rank -q $ASOF -f csv - | csvcols id | grep -qx "ATS-77" && ok || no "rank -: a stream record's id of basics"

finish
