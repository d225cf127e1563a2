#!/bin/sh
# Blind review: with --blind no name, e-mail, phone, address, link,
# institution or employer of the inputs, nor their file names, appears in
# any output format of score, advise or rank; the ids are stable and the key
# maps them back; scores do not move.
# usage: tests/blind.sh BUILD_DIR      (run from the project root)

B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
mkdir "$T/in"
cp examples/applicants/*.json tests/blind/identifying.json "$T/in/"

# The identifying strings of every input, one per line, as the inputs give
# them (the check ignores case).
"$CF" show >"$T/rubric.yaml"
python3 - "$T/in" "$T/rubric.yaml" >"$T/words" <<'PY'
import json, os, sys
d = sys.argv[1]
rubric = open(sys.argv[2]).read().lower()
out = set()
def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from strings(x)
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
for f in sorted(os.listdir(d)):
    out.add(os.path.splitext(f)[0].replace(".native", ""))   # the file name
    j = json.load(open(os.path.join(d, f)))
    who = j.get("basics") or j.get("applicant") or {}
    for k in ("name", "email", "phone", "url", "image"):
        if isinstance(who.get(k), str):
            out.add(who[k])
    if isinstance(who.get("name"), str):
        out.update(w for w in who["name"].replace(",", " ").split() if len(w) > 2)
    loc = who.get("location") or {}
    for k in ("address", "city", "postalCode"):
        if isinstance(loc.get(k), str):
            out.add(loc[k])
    for p in who.get("profiles") or []:
        out.update(str(p.get(k)) for k in ("url", "username") if p.get(k))
    for w in j.get("work", []) + j.get("volunteer", []):
        for k in ("name", "company", "organization"):
            if isinstance(w.get(k), str):
                out.add(w[k])
    for e in j.get("education", []):
        if isinstance(e.get("institution"), str):
            out.add(e["institution"])
    for e in j.get("experience", []):
        if isinstance(e.get("employer"), str):
            out.add(e["employer"])
    for r in j.get("references", []):
        if isinstance(r.get("name"), str):
            out.add(r["name"])
# A string the rubric itself holds (an employer named "Home") is not
# looked for: the report prints the rubric's words.
for w in sorted(x for x in out if x.strip() and x.lower() not in rubric):
    print(w)
PY
[ "$(wc -l <"$T/words")" -ge 40 ] && ok || no "too few identifying strings found: $(wc -l <"$T/words")"
grep -qx "Marisol Okonkwo-Bianchi" "$T/words" && grep -qx "Lakeshore Regional Medical Center" "$T/words" \
    && grep -qx "Northbridge Community College" "$T/words" && ok || no "the identifying strings miss the test profile's"

# clean DESCRIPTION: $T/out holds none of the words, and is not empty
clean() {
    if [ ! -s "$T/out" ]; then
        no "$1: no output"
    elif grep -F -i -f "$T/words" "$T/out" >"$T/hits"; then
        no "$1: $(grep -o -F -i -f "$T/words" "$T/out" | sort -u | head -5 | tr '\n' '|')"
    else
        ok
    fi
}

for f in "$T"/in/*.json; do
    for fmt in text json ndjson md; do
        expect_exit 0 "score --blind -f $fmt $(basename "$f")" -- "$CF" score $ASOF --blind -f $fmt "$f"
        clean "score --blind -f $fmt $(basename "$f")"
    done
    expect_exit 0 "score --blind -f html" -- "$CF" score $ASOF --blind -f html "$f"
    clean "score --blind -f html $(basename "$f")"
    for fmt in text json md; do
        expect_exit 0 "advise --blind -f $fmt" -- "$CF" advise $ASOF --blind -f $fmt --with credential=CPC "$f"
        clean "advise --blind -f $fmt $(basename "$f")"
    done
done
# Without --blind the same check finds names: it can fail.
"$CF" score $ASOF -f json "$T/in/identifying.json" >"$T/out"
grep -q -F -i -f "$T/words" "$T/out" && ok || no "an ordinary report names the applicant (the check would catch it)"

for fmt in text csv json ndjson md; do
    expect_exit 0 "rank --blind -f $fmt" -- "$CF" rank $ASOF -q --blind -f $fmt "$T/in"
    clean "rank --blind -f $fmt"
done
# A failed input is named by its id too.
printf '{"basics": {"name": "Quentin Failwright"}, "work": [\n' >"$T/in/quentin-failwright.json"
echo "Quentin Failwright" >>"$T/words"
echo "quentin-failwright" >>"$T/words"
expect_exit 4 "rank --blind with a bad input" -- "$CF" rank $ASOF -q --blind -f ndjson "$T/in"
clean "rank --blind: the error record"
expect_grep "$T/out" '"error":{"source":"applicant-' "rank --blind: the error record has an id"
# A field left out is a warning in the report, which names no one either.
printf '{"basics": {"name": "Quentin Failwright"}, "work": 3}\n' >"$T/in/quentin-failwright.json"
expect_exit 0 "rank --blind with a field left out" -- "$CF" rank $ASOF -q --blind -f ndjson "$T/in"
clean "rank --blind: a report with a warning"
expect_grep "$T/out" '"warnings":\[{"field":"work"' "rank --blind: the warning is in the report"
rm "$T/in/quentin-failwright.json"

# Scores and tiers do not move; the order of ties may (ids sort otherwise).
"$CF" rank $ASOF -q -f csv "$T/in" | csvcols score,tier | sort >"$T/plain"
"$CF" rank $ASOF -q --blind -f csv "$T/in" | csvcols score,tier | sort >"$T/blind"
[ -s "$T/plain" ] && cmp -s "$T/plain" "$T/blind" && ok || no "--blind changed scores or tiers"

# The key: every id of the output, each with its source, and the run's
# secret; ids keyed with it, so the same file has the same id only in runs
# that share the key file.
expect_exit 0 "rank --key" -- "$CF" rank $ASOF -q --key "$T/key.csv" -f csv "$T/in"
head -n 1 "$T/key.csv" | grep -qx "id,source" && ok || no "key header"
[ "$(grep -c '^applicant-' "$T/key.csv")" = "$(ls "$T/in" | wc -l)" ] && ok || no "key: one line per input"
tail -n 1 "$T/key.csv" | grep -qx "secret,[0-9a-f]\{32\}" && ok || no "key: the secret on its last line: $(tail -n 1 "$T/key.csv")"
[ "$(stat -c %a "$T/key.csv")" = 600 ] && ok || no "key: readable by others"
csvcols source <"$T/out" | sort >"$T/ids"
grep '^applicant-' "$T/key.csv" | cut -d, -f1 >"$T/keyids"
cmp -s "$T/ids" "$T/keyids" && ok || no "key ids differ from the ranking's"
grep -q "^applicant-[0-9a-f]\{12\},\"$T/in/identifying.json\"$" "$T/key.csv" && ok || no "key line for the test profile"
cp "$T/key.csv" "$T/key1.csv"
id=$(grep identifying "$T/key1.csv" | cut -d, -f1)
# the same key file again (another command): the same id, the rows kept
printf '{"basics": {"name": "Later Applicant"}}\n' >"$T/later.json"
"$CF" score $ASOF --key "$T/key.csv" -f json "$T/in/identifying.json" "$T/later.json" >/dev/null
grep -q "^$id," "$T/key.csv" && ok || no "the id differs in a run with the same key"
[ "$(grep -c '^applicant-' "$T/key.csv")" = "$(($(ls "$T/in" | wc -l) + 1))" ] && ok || no "key reused: the earlier rows not kept: $(cat "$T/key.csv")"
[ "$(tail -n 1 "$T/key.csv")" = "$(tail -n 1 "$T/key1.csv")" ] && ok || no "key reused: the secret changed"
# another key, or none: another id, so hashing a file name finds no one
"$CF" score $ASOF --key "$T/key2.csv" -f json "$T/in/identifying.json" >/dev/null
grep -q "^$id," "$T/key2.csv" && no "a new key gives the same id as another" || ok
a=$("$CF" score $ASOF --blind -f json "$T/in/identifying.json" | grep '"source"')
b=$("$CF" score $ASOF --blind -f json "$T/in/identifying.json" | grep '"source"')
[ -n "$a" ] && [ "$a" != "$b" ] && ok || no "two runs without a key give the same id: $a"
a=$(printf '{"basics": {"name": "A"}}\n' | "$CF" score $ASOF --blind -f json - | grep '"source"')
b=$(printf '{"basics": {"name": "A"}}\n' | "$CF" score $ASOF --blind -f json - | grep '"source"')
[ "$a" != "$b" ] && ok || no "every standard input gets the same id: $a"
# the fingerprint of a blind report is keyed too: not that of the open one
fo=$("$CF" score $ASOF -f json "$T/in/identifying.json" | grep '"fingerprint"')
fb=$("$CF" score $ASOF --key "$T/key1.csv" -f json "$T/in/identifying.json" | grep '"fingerprint"')
fb2=$("$CF" score $ASOF --key "$T/key1.csv" -f json "$T/in/identifying.json" | grep '"fingerprint"')
[ -n "$fo" ] && [ "$fo" != "$fb" ] && [ "$fb" = "$fb2" ] && ok || no "blind fingerprint: open $fo, blind $fb, again $fb2"
# a file that is not a key is never replaced by one
echo "name,score" >"$T/notkey.csv"
expect_exit 2 "--key onto a file that is not a key" -- "$CF" score $ASOF --key "$T/notkey.csv" "$T/in/identifying.json"
expect_grep "$T/err" "notkey.csv: line 1: not a key that coderfit wrote" "--key: the file that is not a key named"
[ "$(cat "$T/notkey.csv")" = "name,score" ] && ok || no "--key replaced a file that is not a key"
# a key the profile made up (a name, say) is cut from the report's warnings
printf '{"format": "coderfit-profile/1", "applicant": {"name": "Zed Q"}, "measures": {"Zelda Fitzgerald": 5}}\n' >"$T/keyname.json"
"$CF" score $ASOF --blind -f json "$T/keyname.json" >"$T/out" 2>/dev/null
grep -q "Zelda" "$T/out" && no "a profile's own key left in a blind report: $(grep Zelda "$T/out")" || ok
expect_grep "$T/out" "unknown key 'measures.\[redacted\]': left out" "blind: the warning says where, not what"

# A profile with nothing identifying in it (found by fuzzing: an empty list
# of words was sorted through a null pointer).
printf '{"work": [], "certificates": [{"name": "CPC", "date": "2025-03"}]}\n' >"$T/nobody.json"
expect_exit 0 "score --blind, nothing to cut" -- "$CF" score $ASOF --blind --key "$T/nobody.csv" -f json "$T/nobody.json"
expect_grep "$T/out" '"source": "applicant-' "score --blind, nothing to cut: an id"

expect_exit 2 "--blind with --merge" -- "$CF" rank --blind --merge "$T/key.csv"

# An audit of blind reports, with demographics keyed by blind id (the key's).
"$CF" rank $ASOF -q --key "$T/key1.csv" -f ndjson -o "$T/blind.ndjson" "$T/in"
{ echo "source,sex,race_ethnicity"; grep '^applicant-' "$T/key1.csv" | cut -d, -f1 | sed 's/$/,Female,White/'; } >"$T/demo.csv"
expect_exit 0 "audit of blind reports" -- "$CF" audit -d "$T/demo.csv" --select top=3 -f json "$T/blind.ndjson"
expect_grep "$T/out" '"without_demographics": 0' "audit: blind ids matched"
# ... and of the profiles themselves, matched through their ids: with the key
expect_exit 0 "audit of profiles by blind id" -- "$CF" audit $ASOF --key "$T/key1.csv" -d "$T/demo.csv" --select top=3 -f json "$T/in"
expect_grep "$T/out" '"without_demographics": 0' "audit: sources matched by their blind ids"
# ... and of blind reports against demographics keyed by path: with the
# key, the same audit as that of the reports that are not blind; without
# it, none matches and the gate fails
"$CF" rank $ASOF -q -f ndjson -o "$T/open.ndjson" "$T/in"
{ echo "source,sex,race_ethnicity"; i=0; for f in "$T"/in/*; do
    i=$((i + 1)); [ $((i % 2)) = 0 ] && echo "$f,Female,White" || echo "$f,Male,Asian"; done; } >"$T/demo-path.csv"
"$CF" audit -d "$T/demo-path.csv" --select top=3 -f json "$T/open.ndjson" >"$T/audit-open.json"
expect_exit 0 "audit of blind reports, demographics by path" -- "$CF" audit --key "$T/key1.csv" -d "$T/demo-path.csv" --select top=3 -f json "$T/blind.ndjson"
expect_grep "$T/out" '"without_demographics": 0' "audit: blind reports matched to paths"
cmp -s "$T/out" "$T/audit-open.json" && ok || no "audit of blind reports differs from that of open ones"
expect_exit 1 "audit of blind reports by path, no key" -- "$CF" audit --fail-under 0.8 -d "$T/demo-path.csv" --select top=3 "$T/blind.ndjson"
expect_exit 2 "audit --key: a file that is not a key" -- "$CF" audit --key "$T/notkey.csv" -d "$T/demo-path.csv" --select top=3 "$T/blind.ndjson"

finish
