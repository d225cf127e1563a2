#!/bin/sh
# How the resume files of tests/resumes score against their JSON twins
# (tests/panel/profiles; tests/resumes/README.md says how they were made):
# for each kind of file that coderfit reads, the files whose tier is their
# twin's and whose score is within 5 points of it, and the panel's
# pairwise judgments taken on the file versions; with -v, every file that
# misses.  The goals (issue: reading resume files): tier 95%, score within
# 5 points 90%, pairwise 95%.
#
# usage: tools/resumes.sh [-v] BUILD_DIR [CORPUS_DIR] [PANEL_DIR]
# Exit status: 0 (the figures are a measure, not yet a gate).
verbose=0
[ "${1:-}" = -v ] && { verbose=1; shift; }
B=${1:-build}
C=${2:-tests/resumes}
P=${3:-tests/panel}
ASOF=2026-11-26
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

"$B/coderfit" rank -q --as-of "$ASOF" -f csv "$P/profiles" >"$T/twins.csv" 2>/dev/null
# the kinds read so far: plain text, and the Markdown hard case
"$B/coderfit" rank -q --as-of "$ASOF" -f csv "$C/txt" "$C/hard/resume.md" >"$T/files.csv" 2>/dev/null
python3 - "$T/twins.csv" "$T/files.csv" "$C/index.tsv" "$P/judgments.tsv" "$verbose" <<'EOF'
import csv, sys
twins_csv, files_csv, index, judgments, verbose = sys.argv[1:6]
def rows(path):
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8-sig", newline="")):
        if r["status"] == "scored":
            out[r["source"].rsplit("/", 1)[1]] = (r["tier"], float(r["score"]))
    return out
twins, files = rows(twins_csv), rows(files_csv)
twin_of = {}
for r in csv.DictReader(open(index, encoding="utf-8"), delimiter="\t"):
    twin_of[r["file"].rsplit("/", 1)[1]] = r["twin"]
read = [f for f in sorted(twin_of) if f.endswith((".txt", ".md"))]
n = len(read)
same = near = 0
misses = []
score_of = {}
for f in read:
    t = twins.get(twin_of[f])
    g = files.get(f)
    if f.endswith(".txt"):
        score_of[twin_of[f][:-5]] = g
    if t and g and g[0] == t[0]:
        same += 1
    if t and g and abs(g[1] - t[1]) <= 5:
        near += 1
    if not (t and g and g[0] == t[0] and abs(g[1] - t[1]) <= 5):
        misses.append("  miss   %-28s twin %-10s %5.1f  file %-10s %5.1f" % (f, t[0] if t else "?", t[1] if t else 0,
                      g[0] if g else "refused", g[1] if g else 0))
# the pairwise judgments on the text files (tier first, then score, as rank orders)
order = {"strong": 0, "good": 1, "developing": 2, "early": 3, "insufficient": 4}
nj = ok = 0
for r in csv.reader(open(judgments, encoding="utf-8"), delimiter="\t"):
    if len(r) < 2 or r[0] == "above":
        continue
    a, b = score_of.get(r[0]), score_of.get(r[1])
    if a is None and r[0] not in score_of or b is None and r[1] not in score_of:
        continue
    nj += 1
    if a and b and (order.get(a[0], 9), -a[1]) < (order.get(b[0], 9), -b[1]):
        ok += 1
pct = lambda a, b: "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "0/0"
print("Resume files read (plain text, Markdown): %d, against their JSON twins" % n)
print("  tier as the twin's   %s" % pct(same, n))
print("  within 5 points      %s" % pct(near, n))
print("  pairwise judgments   %s (on the text files)" % pct(ok, nj))
short = []
if 100 * same < 95 * n: short.append("tier %.1f%% < 95%%" % (100.0 * same / n))
if 100 * near < 90 * n: short.append("within 5 points %.1f%% < 90%%" % (100.0 * near / n))
if nj and 100 * ok < 95 * nj: short.append("pairwise %.1f%% < 95%%" % (100.0 * ok / nj))
print("  goals                %s" % ("NOT MET, " + ", ".join(short) if short else "met (tier 95%, within 5 points 90%, pairwise 95%)"))
if verbose == "1":
    print("\n".join(misses))
EOF
exit 0
