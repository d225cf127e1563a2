#!/bin/sh
# How the resume files of tests/resumes score against their JSON twins
# (tests/panel/profiles; tests/resumes/README.md says how they were made):
# for each kind of file that coderfit reads, the files whose tier is their
# twin's and whose score is within 5 points of it, and the panel's
# pairwise judgments taken on the file versions; with -v, every file that
# misses; then the fields read (name and contact, each job's title,
# employer and dates, each education entry, each credential) against the
# twin's, precision and recall per kind.  The goals: tier 95%, score
# within 5 points 90%, pairwise 95%; precision 0.97, recall 0.90.
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
# every kind coderfit reads, and the hard cases that must be read (those
# that must be refused are tests of their own)
"$B/coderfit" rank -q --as-of "$ASOF" -f csv "$C/pdf" "$C/docx" "$C/odt" "$C/txt" "$C/hard/resume.md" \
    "$C/hard/owner-locked.pdf" "$C/hard/header-contact.docx" "$C/hard/table-layout.docx" >"$T/files.csv" 2>/dev/null
python3 - "$T/twins.csv" "$T/files.csv" "$C/index.tsv" "$P/judgments.tsv" "$verbose" "$C/" <<'EOF'
import csv, sys
twins_csv, files_csv, index, judgments, verbose, corpus = sys.argv[1:7]
def rows(path, strip):
    out = {}
    for r in csv.DictReader(open(path, encoding="utf-8-sig", newline="")):
        if r["status"] == "scored":
            src = r["source"]
            out[src[len(strip):] if strip and src.startswith(strip) else src.rsplit("/", 1)[1]] = (r["tier"], float(r["score"]))
    return out
twins, files = rows(twins_csv, None), rows(files_csv, corpus)
read_as_given = ("hard/resume.md", "hard/owner-locked.pdf", "hard/header-contact.docx", "hard/table-layout.docx")
twin_of = {}
for r in csv.DictReader(open(index, encoding="utf-8"), delimiter="\t"):
    if r["file"].startswith(("pdf/", "docx/", "odt/", "txt/")) or r["file"] in read_as_given:
        twin_of[r["file"]] = r["twin"]
kinds = [("PDF", (".pdf",)), ("Word and OpenDocument", (".docx", ".odt")), ("plain text and Markdown", (".txt", ".md"))]
misses = []
figures = []
for kind, ext in kinds:
    read = [f for f in sorted(twin_of) if f.endswith(ext)]
    n = len(read)
    same = near = 0
    score_of = {}
    for f in read:
        t = twins.get(twin_of[f])
        g = files.get(f)
        if not f.startswith("hard/"):
            score_of[twin_of[f][:-5]] = g
        if t and g and g[0] == t[0]:
            same += 1
        if t and g and abs(g[1] - t[1]) <= 5:
            near += 1
        if not (t and g and g[0] == t[0] and abs(g[1] - t[1]) <= 5):
            misses.append("  miss   %-28s twin %-10s %5.1f  file %-10s %5.1f" % (f, t[0] if t else "?", t[1] if t else 0,
                          g[0] if g else "refused", g[1] if g else 0))
    figures.append((kind, n, same, near, score_of))
# the pairwise judgments on the files (tier first, then score, as rank orders)
order = {"strong": 0, "good": 1, "developing": 2, "early": 3, "insufficient": 4}
pct = lambda a, b: "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "0/0"
print("Resume files against their JSON twins (tests/resumes)")
for kind, n, same, near, score_of in figures:
    nj = ok = 0
    for r in csv.reader(open(judgments, encoding="utf-8"), delimiter="\t"):
        if len(r) < 2 or r[0] == "above" or r[0] not in score_of or r[1] not in score_of:
            continue
        a, b = score_of[r[0]], score_of[r[1]]
        nj += 1
        if a and b and (order.get(a[0], 9), -a[1]) < (order.get(b[0], 9), -b[1]):
            ok += 1
    print("  %s (%d files)" % (kind, n))
    print("    tier as the twin's   %s" % pct(same, n))
    print("    within 5 points      %s" % pct(near, n))
    print("    pairwise judgments   %s" % pct(ok, nj))
    short = []
    if 100 * same < 95 * n: short.append("tier %.1f%% < 95%%" % (100.0 * same / n))
    if 100 * near < 90 * n: short.append("within 5 points %.1f%% < 90%%" % (100.0 * near / n))
    if nj and 100 * ok < 95 * nj: short.append("pairwise %.1f%% < 95%%" % (100.0 * ok / nj))
    print("    goals                %s" % ("NOT MET, " + ", ".join(short) if short else "met (tier 95%, within 5 points 90%, pairwise 95%)"))
if verbose == "1":
    print("\n".join(misses))
EOF

# Fields read, against the twin's, per kind: precision (a wrong or
# invented field counts against it) and recall; with -v, each miss.
mkdir -p "$T/read"
for f in "$C"/pdf/*.pdf "$C"/docx/*.docx "$C"/odt/*.odt "$C"/txt/*.txt "$C/hard/resume.md" \
    "$C/hard/owner-locked.pdf" "$C/hard/header-contact.docx" "$C/hard/table-layout.docx"; do
    rel=${f#"$C/"}
    mkdir -p "$T/read/${rel%/*}"
    "$B/coderfit" convert -f jsonresume "$f" >"$T/read/$rel.json" 2>/dev/null
done
python3 - "$T/read" "$C/index.tsv" "$P/profiles" "$verbose" <<'EOF'
import csv, json, os, re, sys
read_dir, index, twins_dir, verbose = sys.argv[1:5]
CODES = ["CPC-A", "CPC-P", "CPC", "COC", "CIC", "CRC", "CCS-P", "CCS", "CCA", "RHIT", "RHIA", "CDIP", "CCDS-O", "CCDS",
         "CPMA", "CPB", "CPCO", "CEMC", "CBCS", "CMAA", "COBGC", "CGSC", "HCS-D", "COS-C", "CPPM", "CDEO", "CRCR", "CHDA"]
def norm(s):
    s = (s or "").lower().replace("&", " and ")
    s = re.sub(r"[^0-9a-z\u00c0-\u024f]+", " ", s)
    return " ".join(s.split())
def digits(s):
    return re.sub(r"\D", "", s or "")[-10:]
MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
def month(s):
    """A date as YYYY-MM or YYYY, "now" for the present; None when absent."""
    t = (s or "").strip().lower()
    if not t:
        return None
    if t in ("present", "current", "now", "to date", "today", "ongoing"):
        return "now"
    m = re.match(r"^(\d{4})-(\d{2})", t) or re.match(r"^(\d{1,2})/(\d{4})$", t)
    if m:
        y, mo = (m.group(1), m.group(2)) if len(m.group(1)) == 4 else (m.group(2), m.group(1))
        return "%s-%02d" % (y, int(mo))
    m = re.match(r"^([a-z]+)\.? (\d{4})$", t)
    if m and m.group(1)[:3] in MONTHS:
        return "%s-%02d" % (m.group(2), MONTHS[m.group(1)[:3]])
    m = re.match(r"^(\d{4})$", t)
    return m.group(1) if m else t
def codes(resume):
    out = set()
    for c in resume.get("certificates", []) or []:
        text = " ".join(str(c.get(k, "")) for k in ("name", "issuer"))
        for code in CODES:
            if re.search(r"(?<![A-Za-z-])" + re.escape(code) + r"(?![A-Za-z-])", text):
                out.add(code)
                break
    return out
kinds = ["name and contact", "job title", "job employer", "job dates", "education", "credential"]
tally = {k: [0, 0, 0] for k in kinds}   # right, wrong (or invented), missed
misses = []
def count(kind, f, got, want, same):
    if got and want and same(got, want):
        tally[kind][0] += 1
        return
    if got:
        tally[kind][1] += 1
        misses.append("  wrong   %-32s %-16s read %r%s" % (f, kind, got, ", is %r" % want if want else " (not in the twin)"))
    if want:
        tally[kind][2] += 1
        if not got:
            misses.append("  missed  %-32s %-16s %r" % (f, kind, want))
def match(read, twin, key):
    """Pairs each read entry with the twin's entry it agrees with most."""
    pairs, used = [], set()
    for r in read:
        best, bi = 0, None
        for i, t in enumerate(twin):
            if i in used:
                continue
            sc = sum(1 for k in key if r.get(k) and t.get(k) and norm(str(r[k])) == norm(str(t[k])))
            if sc > best:
                best, bi = sc, i
        if bi is not None:
            used.add(bi)
        pairs.append((r, twin[bi] if bi is not None else {}))
    return pairs + [({}, t) for i, t in enumerate(twin) if i not in used]
eq = lambda a, b: norm(a) == norm(b)
for row in csv.DictReader(open(index, encoding="utf-8"), delimiter="\t"):
    f = row["file"]
    path = os.path.join(read_dir, f + ".json")
    if not os.path.exists(path):
        continue
    try:
        got = json.load(open(path, encoding="utf-8"))
    except ValueError:
        got = {}
    want = json.load(open(os.path.join(twins_dir, row["twin"]), encoding="utf-8"))
    gb, wb = got.get("basics", {}) or {}, want.get("basics", {}) or {}
    count("name and contact", f, gb.get("name"), wb.get("name"), eq)
    count("name and contact", f, gb.get("email"), wb.get("email"), lambda a, b: a.lower() == b.lower())
    count("name and contact", f, gb.get("phone"), wb.get("phone"), lambda a, b: digits(a) == digits(b))
    for r, t in match(got.get("work", []) or [], want.get("work", []) or [], ("position", "name", "startDate")):
        count("job title", f, r.get("position"), t.get("position"), eq)
        count("job employer", f, r.get("name"), t.get("name"), eq)
        count("job dates", f, month(r.get("startDate")), month(t.get("startDate")), lambda a, b: a == b)
        # no end date is the present, for an entry read with a start
        re_, te = month(r.get("endDate")), month(t.get("endDate"))
        if re_ is None and r.get("startDate") and te == "now":
            re_ = "now"
        count("job dates", f, re_, te, lambda a, b: a == b)
    for r, t in match(got.get("education", []) or [], want.get("education", []) or [], ("institution", "endDate")):
        count("education", f, r.get("institution"), t.get("institution"), eq)
        count("education", f, month(r.get("endDate")), month(t.get("endDate")), lambda a, b: a == b)
    gc, wc = codes(got), codes(want)
    for c in sorted(gc | wc):
        count("credential", f, c if c in gc else None, c if c in wc else None, lambda a, b: a == b)
print("Fields read against the twins' (precision: right of all read; recall: right of all there)")
short, allt = [], [0, 0, 0]
for k in kinds:
    t, w, m = tally[k]
    allt = [allt[0] + t, allt[1] + w, allt[2] + m]
    p = t / (t + w) if t + w else 1.0
    r = t / (t + m) if t + m else 1.0
    print("  %-18s precision %.3f (%d/%d)  recall %.3f (%d/%d)" % (k, p, t, t + w, r, t, t + m))
    if p < 0.97: short.append("%s precision %.3f < 0.97" % (k, p))
    if r < 0.90: short.append("%s recall %.3f < 0.90" % (k, r))
t, w, m = allt
print("  %-18s precision %.3f (%d/%d)  recall %.3f (%d/%d)" % ("all fields", t / (t + w), t, t + w, t / (t + m), t, t + m))
print("  goals              %s" % ("NOT MET, " + ", ".join(short) if short else "met (precision 0.97, recall 0.90)"))
if verbose == "1":
    print("\n".join(misses))
EOF
exit 0
