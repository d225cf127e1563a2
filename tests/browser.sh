#!/bin/sh
# Browser test: renders the HTML report of several profiles (one with
# <script> and quotes in its strings) in headless Chromium and checks that
# each page shows, draws its chart, logs no error and loads nothing from the
# network.  Screenshots go to BUILD/screenshots.
# usage: tests/browser.sh BUILD_DIR
B=${1:-build}
CF="$B/coderfit"
OUT="$B/screenshots"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo)}
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "browser test: installing chromium with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1
    CHROMIUM=$(command -v chromium || echo)
fi
if [ -z "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1; then
    echo "FAIL: the browser test needs chromium and node (sudo apt-get install chromium nodejs)"
    echo "0 passed, 1 failed"
    exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT"
# a profile whose strings try to break out of the page
cat >"$OUT/hostile.json" <<'JSON'
{"basics": {"name": "Eve <script>alert(1)</script>", "summary": "\"quoted\" & <b>bold</b> 'single' </p><script>document.title='x'</script>"},
 "work": [{"position": "Coder <img src=x onerror=alert(2)>", "startDate": "2020-01",
           "highlights": ["Coded ICD-10-CM <script>fetch('http://example.com')</script> \"and\" CPT"]}],
 "skills": [{"name": "Epic\"><script>alert(3)</script>", "keywords": ["3M 360 Encompass"]}]}
JSON
fail=0
for f in inpatient-coder apprentice-cpc-a high-school-only remote-auditor.native; do
    "$CF" score -f html --as-of 2026-11-26 -o "$OUT/$f.html" "examples/applicants/$f.json" || fail=1
done
"$CF" score -f html --as-of 2026-11-26 -o "$OUT/hostile.html" "$OUT/hostile.json" || fail=1
# the counselor's page, with a what-if on it
"$CF" advise -f html --as-of 2026-11-26 --with credential=CPC -o "$OUT/advice-apprentice.html" examples/applicants/apprentice-cpc-a.json || fail=1
"$CF" advise -f html --as-of 2026-11-26 --with credential=CPC -o "$OUT/advice-hostile.html" "$OUT/hostile.json" || fail=1
# a caseload: a page per profile and the index that lists them
"$CF" score -q -f html --as-of 2026-11-26 --output-dir "$OUT/caseload" examples/applicants/*.json "$OUT/hostile.json" || fail=1
# a counselor's caseload: a page per student and the index, with who moved
# since an earlier term
"$CF" advise -q --as-of 2024-06-01 --output-dir "$OUT/then" examples/applicants/ || fail=1
"$CF" advise -q --as-of 2026-11-26 --previous "$OUT/then/index.json" --output-dir "$OUT/students" \
    examples/applicants/ "$OUT/hostile.json" || fail=1
rm -rf "$OUT/then"
# does the score predict? the worked example's page, with the groups
"$CF" validate -f html --as-of 2026-03-02 -d examples/validation/demographics.csv \
    --outcomes examples/validation/outcomes.csv -o "$OUT/validation.html" examples/validation/applicants/ 2>/dev/null || fail=1
# shortlists: the examples, blind, with the hostile profile, and 5,000 applicants
"$CF" rank -q -f html --as-of 2026-11-26 -o "$OUT/shortlist.html" examples/applicants/ || fail=1
"$CF" rank -q -f html --blind --as-of 2026-11-26 -o "$OUT/shortlist-blind.html" examples/applicants/ || fail=1
mkdir -p "$OUT/hostile-batch"
cp examples/applicants/*.json "$OUT/hostile.json" "$OUT/hostile-batch/"
"$CF" rank -q -f html --as-of 2026-11-26 -o "$OUT/shortlist-hostile.html" "$OUT/hostile-batch" || fail=1
rm -rf "$OUT/hostile-batch"
if grep -q -e Whitfield -e '@example.com' "$OUT/shortlist-blind.html"; then
    echo "FAIL: the blind shortlist names an applicant"
    fail=1
fi
if [ "${BROWSER_BIG:-1}" = 1 ]; then
    python3 - "$OUT/many.ndjson" <<'PY'
import json, sys
first = ["Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Farah", "Gus", "Héctor", "Ines", "Jun"]
last = ["Ortiz", "Nguyen", "O'Brien", "Kowalski", "Adeyemi", "Larsen", "Moreau", "Patel"]
creds = ["CPC", "CCS", "RHIT", "CCA", "CPC-A", None]
with open(sys.argv[1], "w") as out:
    for i in range(5000):
        c = creds[i % len(creds)]
        d = {"basics": {"name": f"{first[i % 10]} {last[(i // 10) % 8]} {i}", "email": f"applicant{i}@example.org"},
             "work": [{"position": "Medical Coder" if i % 3 else "Billing Clerk", "startDate": f"{2010 + i % 15}-0{1 + i % 9}",
                       "highlights": [f"{90 + i % 10}% coding accuracy"] if i % 4 == 0 else []}],
             "certificates": [{"name": c, "date": "2019-05"}] if c else [],
             "skills": [{"name": "Coding", "keywords": ["ICD-10-CM", "CPT"][: 1 + i % 2]}]}
        out.write(json.dumps(d) + "\n")
PY
    "$CF" rank -q -f html --as-of 2026-11-26 -o "$OUT/shortlist-5000.html" "$OUT/many.ndjson" || fail=1
    rm -f "$OUT/many.ndjson"
fi
if grep -q '<script' $(ls "$OUT"/*.html "$OUT"/students/*.html | grep -v -e shortlist -e students/index.html); then
    echo "FAIL: a report holds a <script> element"
    fail=1
fi
node --experimental-websocket --no-warnings tests/browser/check.mjs "$CHROMIUM" "$OUT"/*.html "$OUT"/caseload/*.html "$OUT"/students/*.html
status=$?
[ $fail = 0 ] && [ $status = 0 ]
