#!/bin/sh
# Hardening: what an attack on the tree found, each case a check that
# failed before its fix (docs/reliability.md lists them).
# usage: tests/hardening.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"

# score FILE: "score tier coding-months" of its report
figures() {
    "$CF" score -q $ASOF -f json "$1" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["score"], d["tier"], d["facts"].get("coding_years", 0))'
}

# --- a date that cannot be read never counts in the applicant's favour -------
# an unreadable end of a job: never "to this day"; at most what a readable
# end would give, and the warning says the end is unknown
for bad in "June '19" "6/19" "mid-2019" "2019-06-31" "Q2 2019"; do
    python3 - "$T/bad.json" "$T/good.json" "$bad" <<'PY'
import json, sys
d = {"basics": {"name": "Pat"}, "certificates": [{"name": "CPC", "date": "2015-01"}],
     "work": [{"position": "Medical Coder", "name": "Clinic", "startDate": "2017-12", "endDate": sys.argv[3],
               "highlights": ["Coded outpatient visits with ICD-10-CM and CPT"]}]}
json.dump(d, open(sys.argv[1], "w"))
d["work"][0]["endDate"] = "2019-06"
json.dump(d, open(sys.argv[2], "w"))
PY
    set -- $(figures "$T/bad.json") $(figures "$T/good.json")
    python3 -c 'import sys; b, g = float(sys.argv[1]), float(sys.argv[2]); sys.exit(not (b <= g and float(sys.argv[3]) <= float(sys.argv[4])))' \
        "$1" "$4" "$3" "$6" && ok || no "an end date of '$bad' scores $1 ($2, $3 years of coding) against $4 ($5, $6 years) for 2019-06"
    "$CF" score $ASOF "$T/bad.json" 2>&1 >/dev/null | grep -q "endDate' is not a date .*: the end is unknown, so the work counts for its start month only \[bad-date\]" &&
        ok || no "an end date of '$bad': the warning does not say the end is unknown: $("$CF" score $ASOF "$T/bad.json" 2>&1 >/dev/null)"
done
# the same in a native profile, and an unreadable expiry of a lapsed credential
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
good = {"format": "coderfit-profile/1", "applicant": {"name": "Lee"},
        "credentials": [{"code": "CPC", "kind": "coding", "earned": "2012-05", "expires": "2015-05"}],
        "experience": [{"title": "Coder", "kind": "coding", "start": "2017-12", "end": "2019-06-30"}]}
json.dump(good, open(t + "/native-good.json", "w"))
bad = json.loads(json.dumps(good))
bad["credentials"][0]["expires"] = "mid-2015"
bad["experience"][0]["end"] = "2019-06-31"
json.dump(bad, open(t + "/native-bad.json", "w"))
PY
set -- $(figures "$T/native-bad.json") $(figures "$T/native-good.json")
python3 -c 'import sys; sys.exit(not (float(sys.argv[1]) <= float(sys.argv[2]) and float(sys.argv[3]) <= float(sys.argv[4])))' "$1" "$4" "$3" "$6" &&
    ok || no "a native profile with an unreadable end and expiry scores $1 ($2, $3 years) against $4 ($5, $6 years) with them readable"
"$CF" score -q $ASOF -f json "$T/native-bad.json" | python3 -c 'import json,sys; c=json.load(sys.stdin)["facts"]["credentials"][0]; sys.exit(c["status"] not in ("expired", "lapsed"))' &&
    ok || no "a credential with an unreadable expiry counts as current"


# --- the adverse-impact gate cannot pass because a path was spelt otherwise -----
for p in "examples/applicants" "./examples/applicants" "examples//applicants" "$PWD/examples/applicants" "examples/./applicants/"; do
    expect_exit 1 "audit --fail-under 0.8 $p" -- "$CF" audit $ASOF -d examples/demographics.csv --select tier=strong,good --fail-under 0.8 "$p"
    expect_grep "$T/out" "^11 groups flagged" "audit of $p: the applicants are joined to their demographics"
    grep -q "matched no demographics row" "$T/err" && no "audit of $p: applicants said unmatched: $(cat "$T/err")" || ok
done
# nothing to judge: the gate fails and says why
printf 'source,sex,race_ethnicity\nnowhere/a.json,Female,White\nnowhere/b.json,Male,Asian\n' >"$T/elsewhere.csv"
expect_exit 1 "audit --fail-under: no row matches" -- "$CF" audit $ASOF -d "$T/elsewhere.csv" --select tier=strong --fail-under 0.8 examples/applicants
expect_grep "$T/err" "^coderfit: audit: warning: 10 of 10 applicants matched no demographics row; 2 rows matched no applicant$" "audit: the unmatched counted on both sides"
expect_grep "$T/err" "^coderfit: audit: --fail-under: no group could be judged (10 of 10 applicants matched no demographics row): failing$" "audit: a gate with nothing to judge fails"
expect_grep "$T/out" "without demographics: 10, demographics rows matching no applicant: 2$" "audit: the report says how many went unmatched"
"$CF" audit $ASOF -d "$T/elsewhere.csv" --select tier=strong -f json examples/applicants 2>/dev/null |
    python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["without_demographics"] == 10 and d["rows_unmatched"] == 2))' &&
    ok || no "audit -f json: the unmatched counts"


# --- -o never replaces what it must not -------------------------------------------
# a file made read-only is not replaced (as cp and sort -o), tried as a
# user without root's rights
D=$(mktemp -d)
chmod 777 "$D"
cp examples/applicants/it-graduate.json "$D/in.json"
chmod 644 "$D/in.json"
echo keep >"$D/ro.txt"
chmod 444 "$D/ro.txt"
as_user() { if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
CFA=$(cd "$(dirname "$CF")" && pwd)/coderfit
if as_user test -x "$CFA"; then
    expect_exit 5 "-o onto a read-only file" -- as_user "$CFA" score -q $ASOF -o "$D/ro.txt" "$D/in.json"
    expect_grep "$T/err" "ro.txt: error: cannot write: Permission denied$" "-o onto a read-only file: the message"
    [ "$(cat "$D/ro.txt")" = keep ] && [ "$(ls "$D" | tr '\n' ' ')" = "in.json ro.txt " ] && ok || no "-o onto a read-only file: it was replaced, or a file was left: $(ls "$D")"
else
    ok; ok; ok   # the program is out of the other user's reach: nothing to try
fi
rm -rf "$D"
# --key and -o on one file, -o or --key onto an input: refused before reading
expect_exit 2 "--key and -o: one file" -- "$CF" rank -q $ASOF -f csv -o "$T/k.csv" --key "$T/k.csv" examples/applicants
expect_grep "$T/err" "^coderfit: rank: --key and -o name the same file ($T/k.csv): the key would replace the output$" "--key and -o: the message"
[ -e "$T/k.csv" ] && no "--key and -o: a file was written" || ok
cp examples/applicants/it-graduate.json "$T/in.json"
cp "$T/in.json" "$T/in.keep"
expect_exit 2 "-o onto an input" -- "$CF" score -q $ASOF -o "$T/./in.json" examples/applicants/inpatient-coder.json "$T/in.json"
expect_grep "$T/err" "^coderfit: score: -o names an input ($T/in.json): writing it would replace what is read$" "-o onto an input: the message"
expect_exit 2 "--key onto an input" -- "$CF" rank -q $ASOF --key "$T/in.json" "$T/in.json"
cmp -s "$T/in.json" "$T/in.keep" && ok || no "-o or --key onto an input replaced it"


# --- no signal leaves FILE.tmp.XXXXXX behind ------------------------------------------
# the run waits on a stream that stays open, its output file begun
tr -d '\n' <examples/applicants/inpatient-coder.json >"$T/one.ndjson"
echo >>"$T/one.ndjson"
for sig in USR1 USR2 PIPE ALRM TERM; do
    rm -f "$T"/sig.json* "$T/in.fifo"
    mkfifo "$T/in.fifo"
    "$CF" score -q $ASOF -f json -o "$T/sig.json" - <"$T/in.fifo" 2>/dev/null &
    pid=$!
    exec 3>"$T/in.fifo"   # the stream stays open until the run is killed
    cat "$T/one.ndjson" >&3
    # once the temporary file is there (a slow start, under valgrind, is waited for)
    i=0
    while [ $i -lt 100 ] && [ -z "$(ls "$T" | grep '^sig\.json\.tmp\.')" ]; do sleep 0.1; i=$((i + 1)); done
    [ $i -lt 100 ] || no "SIG$sig: the run made no temporary file in 10 s"
    kill -$sig $pid 2>/dev/null
    wait $pid 2>/dev/null
    rc=$?
    exec 3>&-
    [ $rc -gt 128 ] && [ -z "$(ls "$T" | grep '^sig\.json')" ] && ok || no "SIG$sig during score -o: exit $rc, left $(ls "$T" | grep '^sig\.json' | tr '\n' ' ')"
done
# a file-size limit: said, exit 5, nothing left
(ulimit -f 8 && exec "$CF" score -q $ASOF -f json -o "$T/big.json" examples/applicants tests/panel/profiles) >/dev/null 2>"$T/err"
rc=$?
[ $rc = 5 ] && grep -q "big.json: error: cannot write: File too large" "$T/err" && [ -z "$(ls "$T" | grep '^big\.json')" ] && ok ||
    no "a file-size limit during score -o: exit $rc, $(cat "$T/err"), left $(ls "$T" | grep '^big\.json' | tr '\n' ' ')"


# --- rank -f html: the same bytes whatever the threads and the operands' order ----------
mkdir -p "$T/p20"
cp $(ls tests/panel/profiles/*.json | head -n 20) "$T/p20/"
for i in 1 2 3 4 5 6; do
    "$CF" rank -q $ASOF -j 8 -f html "$T/p20" examples/applicants | cksum
done | sort -u >"$T/html.sums"
[ "$(wc -l <"$T/html.sums")" = 1 ] && ok || no "rank -f html -j 8: $(wc -l <"$T/html.sums") different pages in 6 runs"
"$CF" score -q $ASOF -f ndjson "$T/p20" >"$T/a.nd"
"$CF" score -q $ASOF -f ndjson examples/applicants >"$T/b.nd"
for f in html text csv json md; do
    "$CF" rank -q --merge -f $f "$T/a.nd" "$T/b.nd" >"$T/ab.$f"
    "$CF" rank -q --merge -f $f "$T/b.nd" "$T/a.nd" >"$T/ba.$f"
    cmp -s "$T/ab.$f" "$T/ba.$f" && ok || no "rank --merge -f $f: the page changes with the operands' order"
done
"$CF" rank -q $ASOF -j 1 -f html "$T/p20" examples/applicants | cmp -s - "$T/ab.html" && ok || no "rank --merge -f html: not the page of one run"


# --- rank --merge: two failures of one stream are two ------------------------------------
tr -d '\n' <examples/applicants/inpatient-coder.json >"$T/rec"
for i in $(seq 1 30); do cat "$T/rec"; echo; done >"$T/s.ndjson"
sed -i -e '21s/.*/{"basics": broken/' -e '22s/.*/{"work": [}/' "$T/s.ndjson"
"$CF" rank -q $ASOF -f csv "$T/s.ndjson" >"$T/direct.csv" 2>/dev/null
"$CF" rank -q $ASOF -f ndjson "$T/s.ndjson" >"$T/s.reports" 2>/dev/null
grep -v ':22,"column"' "$T/s.reports" >"$T/shard1.nd"
grep '"error"' "$T/s.reports" | grep ':22,"column"' >"$T/shard2.nd"
"$CF" rank -q --merge -f csv "$T/shard1.nd" "$T/shard2.nd" >"$T/merged.csv" 2>"$T/err"
[ "$(grep -c ',"refused: ' "$T/merged.csv")" = 2 ] && cmp -s "$T/merged.csv" "$T/direct.csv" && ok ||
    no "rank --merge: the two broken records of one stream: $(grep -c ',"refused: ' "$T/merged.csv") refused rows, $(cat "$T/err")"
grep -q "merged before" "$T/err" && no "rank --merge: a second failure of a stream said merged before" || ok


# --- an empty stream is an input that failed, as score says it -----------------------------
expect_exit 4 "rank: an empty stdin" -- sh -c "printf '' | \"$CF\" rank -q $ASOF -f csv -"
expect_grep "$T/err" "^coderfit: -:1:1: error: empty input (no JSON value) \[json\]$" "rank: an empty stdin is said"
grep -q '^,"refused: line 1, column 1: empty input' "$T/out" && ok || no "rank -f csv: an empty stream is a refused row"
printf '\n \n' >"$T/blank.ndjson"
expect_exit 4 "rank: a stream of blank lines" -- "$CF" rank -q $ASOF "$T/blank.ndjson"
expect_exit 4 "score: an empty stdin" -- sh -c "printf '' | \"$CF\" score -q $ASOF -"


# --- a rubric's text is untrusted like a profile's ------------------------------------------
# an escape that writes the clipboard, and a bidi override, in a tier label
sed 's/label: Strong fit/label: "Strong \\e]52;c;aGk=\\e\\\\ fit \\u202E"/' rubrics/medical-coder.yaml >"$T/esc.yaml"
expect_exit 1 "lint --strict: a control character in a label" -- "$CF" lint --strict "$T/esc.yaml"
expect_grep "$T/out" "esc.yaml:[0-9]*:[0-9]*: warning: 'label' holds 3 control characters (escapes, bidirectional controls): shown as '?' \[control-char\]" "lint: the control characters named"
ESC=$(printf '\033')
BIDI=$(printf '\342\200\256')
for cmd in "score" "advise" "rank"; do
    "$CF" $cmd -q -r "$T/esc.yaml" $ASOF examples/applicants/inpatient-coder.json >"$T/out" 2>"$T/err"
    grep -q -e "$ESC" -e "$BIDI" "$T/out" "$T/err" && no "$cmd: the rubric's escape or bidi control reached the terminal" || ok
done
"$CF" score -q -r "$T/esc.yaml" $ASOF examples/applicants/inpatient-coder.json | grep -q "Strong ?\]52;c;aGk=?\\\\ fit ?" && ok || no "score: the label shown with '?'"
# the version in Markdown: escaped, as every string of a rubric
sed 's/^version: .*/version: "<img src=x onerror=alert(1)> [x](javascript:alert(2))"/' rubrics/medical-coder.yaml >"$T/v.yaml"
"$CF" rank -q -r "$T/v.yaml" $ASOF -f md examples/applicants >"$T/rank.md"
"$CF" diff $ASOF -f md rubrics/medical-coder.yaml "$T/v.yaml" examples/applicants >"$T/diff.md"
for f in rank.md diff.md; do
    grep -q -e "<img" -e '[^\\]](javascript' "$T/$f" && no "$f: the rubric's version is written raw: $(grep -m1 -e '<img' -e 'javascript' "$T/$f")" || ok
done

# a profile's bidirectional controls too
printf '{"basics": {"name": "Eve \342\200\256live"}}' >"$T/bidi.json"
"$CF" score -q $ASOF "$T/bidi.json" | head -n 1 | grep -q "^Eve ?live$" && ok || no "score: a name's bidi override reached the terminal"
"$CF" rank -q $ASOF "$T/bidi.json" | grep -q "$BIDI" && no "rank: a name's bidi override reached the terminal" || ok


# --- a CSV field is never a formula wherever a spreadsheet splits the line ------------------
printf '{"basics": {"name": "Ann;=cmd|%s /C calc%s!A0;", "email": "x,@SUM(1)@example.com"}, "work": [{"position": "Coder\\t-2+3"}]}' "'" "'" >"$T/semi.json"
"$CF" rank -q $ASOF -f csv "$T/semi.json" >"$T/semi.csv"
python3 - "$T/semi.csv" >"$T/py" 2>&1 <<'PY' && ok || no "rank -f csv: a formula after a separator: $(cat "$T/py")"
import csv, sys
lines = open(sys.argv[1], newline="").read().split("\r\n")
row = lines[1]
for sep in (";", ",", "\t"):
    for piece in row.split(sep):
        piece = piece.lstrip('"')
        assert not (piece[:1] in ("=", "+", "-", "@")), (sep, piece)
rows = list(csv.reader(open(sys.argv[1], newline="")))
name = rows[1][rows[0].index("name")]
assert name == "Ann;'=cmd|' /C calc'!A0;", name
PY


# --- a folder's *.json that is not a regular file is named, never dropped -------------------
mkdir -p "$T/odd/sub"
cp examples/applicants/it-graduate.json "$T/odd/"
mkfifo "$T/odd/fifo.json"
ln -s "$T/odd/sub" "$T/odd/link.json"
expect_exit 0 "rank: a FIFO and a link to a folder named .json" -- "$CF" rank $ASOF "$T/odd"
expect_grep "$T/err" "^coderfit: rank: warning: $T/odd/fifo.json: not a regular file (a FIFO, a socket, a device or a link to a folder): skipped$" "rank: the FIFO named"
expect_grep "$T/err" "^coderfit: rank: warning: $T/odd/link.json: not a regular file" "rank: the link to a folder named"
expect_grep "$T/out" "^  1 input: 1 scored, 0 failed; 2 files skipped$" "rank: the summary counts them"
expect_exit 0 "score: the same folder" -- "$CF" score $ASOF -f ndjson "$T/odd"
[ "$(grep -c 'not a regular file' "$T/err")" = 2 ] && ok || no "score: the FIFO and the link named: $(cat "$T/err")"


# --- smaller: impossible scores refused by --merge, weights too small to compute with ------
"$CF" score -q $ASOF -f ndjson examples/applicants/it-graduate.json >"$T/r.nd"
for v in 150 1e308 -3; do
    python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); d["score"]=float(sys.argv[2]); print(json.dumps(d))' "$T/r.nd" $v >"$T/bad.nd"
    expect_exit 4 "rank --merge: a score of $v" -- "$CF" rank -q --merge -f csv "$T/bad.nd"
    expect_grep "$T/err" "bad.nd:1:1: error: the score is .*, not from 0 to 100: not a report coderfit wrote \[not-a-report\]" "rank --merge: a score of $v refused, never clamped"
done
python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); d["qualities"][0]["score"]=1e9; print(json.dumps(d))' "$T/r.nd" >"$T/bad.nd"
expect_exit 4 "rank --merge: a quality's impossible score" -- "$CF" rank -q --merge -f csv "$T/bad.nd"
sed '0,/^    weight: 30$/s//    weight: 1e-320/' rubrics/medical-coder.yaml >"$T/tiny.yaml"
expect_exit 1 "lint: a weight of 1e-320" -- "$CF" lint "$T/tiny.yaml"
expect_grep "$T/out" "tiny.yaml:[0-9]*:13: error: a quality weight must be at least 0.001 and at most 1000000000 \[bad-number\]" "lint: a weight too small to compute with"


# --- a rubric's aliases are bounded in bytes, not only in nodes ----------------------
# 400 criteria sharing one 30 KB advice: 83 KB written, 12 MB expanded
python3 - "$T/bytes.yaml" "$T/shared.yaml" <<'PY'
import sys
def rubric(text, n):
    out = ["format: coderfit-rubric/1", "extends: medical-coder", "id: shared", "version: '1'",
           "qualities:", "  - id: technical", "    criteria:"]
    for i in range(n):
        adv = '&a "%s"' % text if i == 0 else "*a"
        out.append("      - {id: c%d, label: Setting, type: level, weight: 1, path: derived.setting, "
                   "levels: {inpatient: 1}, missing: zero, advice: %s}" % (i, adv))
    return "\n".join(out) + "\n"
open(sys.argv[1], "w").write(rubric("Write it down. " * 2000, 400))
# sharing a short advice 400 times is what aliases are for
open(sys.argv[2], "w").write(rubric("State the setting of your coding work.", 400))
PY
expect_exit 1 "lint: aliases that expand 30 KB into 12 MB" -- "$CF" lint "$T/bytes.yaml"
expect_grep "$T/out" "bytes.yaml:[0-9]*:[0-9]*: error: aliases expand to more than 1 MiB of text beyond what the document writes (unbounded alias expansion) \[alias-expansion\]" "lint: the expansion in bytes named"
expect_exit 3 "score: the same rubric refused" -- "$CF" score -q -r "$T/bytes.yaml" examples/applicants/it-graduate.json
expect_exit 0 "lint: a short advice shared 400 times" -- "$CF" lint "$T/shared.yaml"

# --- extends: thousands of entries merge by id, in order, as a few do -------------------
# eight rubrics, each extending the one before with 300 criteria of its
# own; each also replaces one of the one before, and removes another
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
for r in range(8):
    base = "medical-coder" if r == 0 else "./chain-%d.yaml" % (r - 1)
    out = ["format: coderfit-rubric/1", "extends: " + base, "id: chain%d" % r, "version: '1'",
           "qualities:", "  - id: technical", "    criteria:"]
    for i in range(300):
        out.append("      - {id: c%dx%d, label: Setting %d, type: level, weight: 1, path: derived.setting, "
                   "levels: {inpatient: 1}, missing: zero, advice: x}" % (r, i, i))
    if r:
        out.append("      - {id: c%dx7, label: Replaced by %d}" % (r - 1, r))
        out.append("      - {id: c%dx8, remove: true}" % (r - 1))
    open("%s/chain-%d.yaml" % (t, r), "w").write("\n".join(out) + "\n")
PY
expect_exit 0 "lint: eight rubrics of 300 criteria, each extending the last" -- "$CF" lint "$T/chain-7.yaml"
"$CF" show -f json -r "$T/chain-7.yaml" >"$T/chain.json" 2>"$T/err"
python3 - "$T/chain.json" <<'PY' && ok || no "extends: the merged criteria are not base's in order, replaced in place, removed"
import json, sys
q = [q for q in json.load(open(sys.argv[1]))["qualities"] if q["id"] == "technical"][0]
ids = [c["id"] for c in q["criteria"] if c["id"].startswith("c")]
want = []
for r in range(8):
    want += ["c%dx%d" % (r, i) for i in range(300) if not (r < 7 and i == 8)]
assert ids == want, (len(ids), len(want), [a for a in ids if a not in want][:3], [a for a in want if a not in ids][:3])
labels = {c["id"]: c["label"] for c in q["criteria"]}
assert all(labels["c%dx7" % r] == "Replaced by %d" % (r + 1) for r in range(7)), labels["c0x7"]
assert labels["c7x7"] == "Setting 7"
PY


# --- a path that cannot be written is said once, never as "out of memory" -----------------
for c in "score" "rank" "advise" "diff rubrics/medical-coder.yaml rubrics/inpatient-coder.yaml" \
         "audit -d examples/demographics.csv --select top=3"; do
    expect_exit 5 "$c -o into a folder that does not exist" -- "$CF" $c $ASOF -o "$T/none/out.txt" examples/applicants/it-graduate.json
    expect_grep "$T/err" "none/out.txt: error: cannot write: No such file or directory" "$c: the path named"
    grep -q "out of memory" "$T/err" && no "$c: an unwritable -o said 'out of memory': $(cat "$T/err")" || ok
done
# a rubric of 33 qualities, in every format of rank
python3 - "$T/q33.yaml" <<'PY'
import sys
out = ["format: coderfit-rubric/1", "id: many", "version: '1'", "title: Many", "qualities:"]
for q in range(33):
    out += ["  - id: q%02d" % q, "    name: Quality %d" % q, "    weight: 1", "    criteria:",
            "      - {id: c%d, label: Setting, type: level, weight: 1, path: derived.setting, "
            "levels: {inpatient: 1, mixed: 0.7}, missing: zero, advice: Write it.}" % q]
out += ["tiers:", "  - {id: top, label: Top, min: 50}", "  - {id: rest, label: Rest, min: 0}"]
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
for f in text csv json ndjson md html; do
    expect_exit 0 "rank -f $f with 33 qualities" -- "$CF" rank $ASOF -q -r "$T/q33.yaml" -f $f examples/applicants
done

# --- extends: names a rubric, and shows nothing of a file that is not one -----------------
printf 'db_password: hunter2\napi_token: "s3cr3t"\n' >"$T/secrets.yaml"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$T/passwd"
for target in ./secrets.yaml ./passwd; do
    printf 'format: coderfit-rubric/1\nextends: %s\nid: x\nversion: "1"\n' "$target" >"$T/ext.yaml"
    expect_exit 1 "lint: extends: $target" -- "$CF" lint -f github "$T/ext.yaml"
    grep -q "hunter2\|s3cr3t\|db_password\|api_token\|root:" "$T/out" "$T/err" && no "extends: $target: its lines shown: $(cat "$T/out")" || ok
    expect_grep "$T/out" "ext.yaml,line=2,col=10,title=extends::'$target' is not a coderfit rubric (it has no 'format: coderfit-rubric/1'): nothing of it is used" "extends: $target: named, not shown"
done

# --- a date message says what is wrong with the date -------------------------------------
printf '{"basics": {"name": "A"}, "work": [{"position": "Medical Coder", "name": "Clinic", "startDate": "2018-01", "endDate": "2019-06-31"},\n {"position": "Medical Coder", "name": "Clinic", "startDate": "2021-01", "endDate": "2019-13"},\n {"position": "Medical Coder", "name": "Clinic", "startDate": "2024-05", "endDate": "2022-01"}]}\n' >"$T/dates.json"
"$CF" score $ASOF "$T/dates.json" >/dev/null 2>"$T/err"
expect_grep "$T/err" "'work\[0\].endDate' is not a date (June 2019 has no day 31): the end is unknown" "a day the month does not have"
expect_grep "$T/err" "'work\[1\].endDate' is not a date (there is no month 13)" "a month that does not exist"
expect_grep "$T/err" "'work\[2\].endDate' (2022-01) is before the start (2024-05): how long it lasted is unknown, so it counts for nothing" "an end before the start, said"
printf '{"format": "coderfit-profile/1", "applicant": {"name": "L"}, "credentials": [{"name": "CPC", "earned": "2015-01", "expires": "2019-02-29"}]}\n' >"$T/exp.json"
"$CF" score $ASOF "$T/exp.json" >/dev/null 2>"$T/err"
expect_grep "$T/err" "'credentials\[0\].expires' is not a date (February 2019 has no day 29)" "native: the day named"

finish
