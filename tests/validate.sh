#!/bin/sh
# coderfit validate: the figures against an independent implementation
# (SciPy and NumPy, to 4 decimals), joins that miss counted and named, bad
# outcome values warned at their line and column, never read as zero.
# usage: tests/validate.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
# the reference needs SciPy: the python3 of the system has it (python3-scipy)
SCIPY=$PYTHON
"$SCIPY" -c 'import scipy, numpy' 2>/dev/null || SCIPY=/usr/bin/python3
"$SCIPY" -c 'import scipy, numpy' 2>/dev/null || { echo "FAIL: the reference needs SciPy and NumPy (apt-get install python3-scipy)"; echo "0 passed, 1 failed"; exit 1; }

# Saved reports (as rank -f ndjson writes them) and outcomes, drawn from a
# model with known correlations: hired when the score and noise pass a bar,
# accuracy and a rating for the hired only, productivity for everyone; and
# demographics, with accuracy 1.5 points lower at the same score for one
# race/ethnicity (a planted intercept difference) and nothing for sex; and
# apart, a yes/no outcome (an offer) whose odds at the same score are
# planted lower for the same group (the logistic Cleary test).
"$SCIPY" - "$T" <<'PY'
import json, random, sys
t = sys.argv[1]
rnd = random.Random(2026)
rnd2 = random.Random(7)
offers = open(t + "/offers.csv", "w")
offers.write("id,offered\n")
tiers = [("strong", "Strong fit", 65), ("good", "Good fit", 45), ("developing", "Developing", 25), ("not_yet", "Not yet", 0)]
with open(t + "/reports.ndjson", "w") as rep, open(t + "/outcomes.csv", "w") as out, \
        open(t + "/demographics.csv", "w") as demo:
    out.write("id,hired,accuracy_90d,charts_per_hour,rating\n")
    demo.write("source,sex,race_ethnicity\n")
    for i in range(240):
        z = rnd.gauss(0, 1)
        score = max(0, min(100, 50 + 15 * z))
        q = max(0, min(100, 50 + 15 * (0.6 * z + 0.8 * rnd.gauss(0, 1))))
        rank = next(k for k, (_, _, lo) in enumerate(tiers) if score >= lo)
        rep.write(json.dumps({"format": "coderfit-report/1", "source": "in/a%03d.json" % i,
                              "applicant": {"id": "a%03d" % i, "email": "A%03d@Example.com" % i},
                              "rubric": {"id": "t", "version": "1"}, "as_of": "2026-11-26",
                              "score": round(score, 1), "tier": tiers[rank][0], "tier_label": tiers[rank][1],
                              "tier_rank": rank + 1, "eligible": True,
                              "qualities": [{"id": "detail", "name": "Detail", "score": round(q, 1)}]}) + "\n")
        hired = 0.5 * z + rnd.gauss(0, 1) > 0
        sex = "Female" if i % 2 else "Male"
        race = "Black or African American" if i % 5 < 2 else "White"
        demo.write("in/a%03d.json,%s,%s\n" % (i, sex, race))
        planted = -1.5 if race != "White" else 0
        acc = "%.1f" % min(100, 94 + planted + 1.2 * (0.4 * z + rnd.gauss(0, 1))) if hired else ""
        rating = str(max(1, min(5, round(3 + 0.6 * z + rnd.gauss(0, 1))))) if hired else ""
        cph = "%.2f" % max(0.5, 3 + 0.5 * (0.3 * z + rnd.gauss(0, 1)))
        out.write("a%03d,%s,%s,%s,%s\n" % (i, "yes" if hired else "no", acc, cph, rating))
        offered = 1.2 * z + (-1.5 if race != "White" else 0) + rnd2.gauss(0, 1) > -0.3
        offers.write("a%03d,%s\n" % (i, "yes" if offered else "no"))
PY
expect_exit 0 "validate -f json" -- "$CF" validate -f json --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
cp "$T/out" "$T/v.json"
"$SCIPY" - "$T" <<'PY' && ok || no "validate's figures differ from SciPy's"
import csv, json, math, sys
import numpy as np
from scipy import stats
t = sys.argv[1]
got = json.load(open(t + "/v.json"))
reps = [json.loads(l) for l in open(t + "/reports.ndjson")]
rows = {r["id"]: r for r in csv.DictReader(open(t + "/outcomes.csv"))}
z = 1.959963984540054
bad = []
def near(what, a, b, tol=1e-4):
    if a is None or b is None or abs(a - b) > tol:
        bad.append("%s: %s, reference %s" % (what, a, b))
kinds = {"hired": "yesno", "accuracy_90d": "percent", "charts_per_hour": "number", "rating": "rating"}
assert [o["name"] for o in got["outcomes"]] == list(kinds), [o["name"] for o in got["outcomes"]]
score_all = [r["score"] for r in reps]
for o in got["outcomes"]:
    name = o["name"]
    if o["kind"] != kinds[name]:
        bad.append("%s read as %s" % (name, o["kind"]))
    pairs = []
    for r in reps:
        v = rows[r["applicant"]["id"]][name]
        if v == "":
            continue
        pairs.append((r["score"], r["qualities"][0]["score"], 1.0 if v == "yes" else 0.0 if v == "no" else float(v), r["tier_rank"]))
    for p, pred in enumerate(o["predictors"]):
        x = np.array([a[p] for a in pairs]); y = np.array([a[2] for a in pairs]); n = len(x)
        near(name + " n", pred["n"], n, 0)
        r = stats.pearsonr(x, y).statistic
        near(name + " r", pred["pearson"]["r"], r)
        near(name + " r lo", pred["pearson"]["lo"], math.tanh(math.atanh(r) - z / math.sqrt(n - 3)))
        near(name + " r hi", pred["pearson"]["hi"], math.tanh(math.atanh(r) + z / math.sqrt(n - 3)))
        near(name + " rho", pred["spearman"]["rho"], stats.spearmanr(x, y).statistic)
        if not (pred["spearman"]["lo"] <= pred["spearman"]["rho"] <= pred["spearman"]["hi"]):
            bad.append(name + ": the bootstrap interval does not hold rho")
        near(name + " per 10", pred["per_10_points"], 10 * stats.linregress(x, y).slope)
        if o["kind"] == "yesno":
            u = stats.mannwhitneyu(x[y == 1], x[y == 0]).statistic
            n1, n0 = int((y == 1).sum()), int((y == 0).sum())
            a = u / (n1 * n0)
            near(name + " auc", pred["auc"]["auc"], a)
            q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
            se = math.sqrt((a * (1 - a) + (n1 - 1) * (q1 - a * a) + (n0 - 1) * (q2 - a * a)) / (n1 * n0))
            near(name + " auc lo", pred["auc"]["lo"], max(0, a - z * se))
        if p == 0 and o["range_restricted"]:
            u = np.std(score_all, ddof=1) / np.std(x, ddof=1)
            near(name + " corrected", pred["corrected_r"], r * u / math.sqrt(1 + r * r * (u * u - 1)))
    for tier in o["by_tier"]:
        ys = [a[2] for a in pairs if a[3] == {"strong": 1, "good": 2, "developing": 3, "not_yet": 4}[tier["tier"]]]
        near(name + " " + tier["tier"] + " n", tier["n"], len(ys), 0)
        near(name + " " + tier["tier"] + " mean", tier["mean"], float(np.mean(ys)))
        if o["kind"] == "yesno":
            ci = stats.binomtest(int(sum(ys)), len(ys)).proportion_ci(method="wilson")
            lo, hi = ci.low, ci.high
        else:
            h = stats.t.ppf(0.975, len(ys) - 1) * np.std(ys, ddof=1) / math.sqrt(len(ys))
            lo, hi = np.mean(ys) - h, np.mean(ys) + h
        near(name + " " + tier["tier"] + " lo", tier["lo"], lo)
        near(name + " " + tier["tier"] + " hi", tier["hi"], hi)
restricted = {o["name"]: o["range_restricted"] for o in got["outcomes"]}
if restricted != {"hired": False, "accuracy_90d": True, "charts_per_hour": False, "rating": True}:
    bad.append("range restriction: %s" % restricted)
if bad:
    print("\n".join(bad[:20]))
    sys.exit(1)
PY
# Fairness of prediction (Cleary): with the demographics, the figures by
# group, and the regression of accuracy on the score with group terms
# against NumPy's; the planted difference found, none for sex
expect_exit 0 "validate -d" -- "$CF" validate -f json -d "$T/demographics.csv" --outcome accuracy_90d --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
cp "$T/out" "$T/groups.json"
# what the two checks of Cleary's test read: the figures written, and each
# person's (score, outcome, sex, race/ethnicity) who has the outcome
cat >"$T/people.py" <<'PY'
import csv, json
def people(t, written, outcomes, column, yes=False):
    got = json.load(open(t + "/" + written))["outcomes"][0]
    reps = {json.loads(l)["source"]: json.loads(l) for l in open(t + "/reports.ndjson")}
    rows = {r["id"]: r for r in csv.DictReader(open(t + "/" + outcomes))}
    out = []
    for d in csv.DictReader(open(t + "/demographics.csv")):
        r = reps[d["source"]]
        v = rows[r["applicant"]["id"]][column]
        if v != "":
            out.append((r["score"], (1.0 if v == "yes" else 0.0) if yes else float(v), d["sex"], d["race_ethnicity"]))
    return got, {(g["dimension"], g["category"]): g for g in got["groups"]}, out
PY
"$SCIPY" - "$T" <<'PY' && ok || no "validate -d: the groups or Cleary's test differ from NumPy's"
import sys
import numpy as np
from scipy import stats
sys.path.insert(0, sys.argv[1])
from people import people
got, groups, people = people(sys.argv[1], "groups.json", "outcomes.csv", "accuracy_90d")
assert set(groups) == {("sex", "Male"), ("sex", "Female"), ("race_ethnicity", "White"), ("race_ethnicity", "Black or African American")}, groups.keys()
def cleary(dim, cat, ref):
    sub = [p for p in people if p[dim] in (cat, ref)]
    x = np.array([p[0] for p in sub]); y = np.array([p[1] for p in sub]); g = np.array([1.0 if p[dim] == cat else 0.0 for p in sub])
    xc = x - x.mean()
    X = np.column_stack([np.ones(len(x)), xc, g, xc * g])
    b = np.linalg.lstsq(X, y, rcond=None)[0]
    res = y - X @ b
    cov = (res @ res / (len(x) - 4)) * np.linalg.inv(X.T @ X)
    se = np.sqrt(np.diag(cov)); q = stats.t.ppf(0.975, len(x) - 4)
    return b, se, q, len(x) - 4
bad = []
cl = {}
for dim, pair in ((2, ("Female", "Male")), (3, ("Black or African American", "White"))):
    # the reference is the larger group; the other holds the comparison
    ref, cat = sorted(pair, key=lambda c: (sum(1 for p in people if p[dim] == c), c == pair[0]), reverse=True)
    key = ("sex" if dim == 2 else "race_ethnicity", cat)
    c = groups[key]["cleary"]
    cl[dim] = c
    if c["reference"] != ref:
        bad.append("%s: compared with %s, not the larger %s" % (cat, c["reference"], ref))
    b, se, q, df = cleary(dim, cat, ref)
    for what, got_v, want in (("intercept", c["intercept_difference"]["difference"], b[2]),
                              ("intercept lo", c["intercept_difference"]["lo"], b[2] - q * se[2]),
                              ("slope", c["slope_difference_per_10"]["difference"], 10 * b[3]),
                              ("slope hi", c["slope_difference_per_10"]["hi"], 10 * (b[3] + q * se[3])),
                              ("intercept p", c["intercept_p"], 2 * stats.t.sf(abs(b[2] / se[2]), df)),
                              ("slope p", c["slope_p"], 2 * stats.t.sf(abs(b[3] / se[3]), df))):
        if abs(got_v - want) > 1e-4:
            bad.append("%s %s: %s, NumPy %s" % (cat, what, got_v, want))
    n = sum(1 for p in people if p[dim] == cat)
    if groups[key]["n"] != n:
        bad.append("%s: n %s, want %s" % (cat, groups[key]["n"], n))
    r = stats.pearsonr([p[0] for p in people if p[dim] == cat], [p[1] for p in people if p[dim] == cat]).statistic
    if abs(groups[key]["pearson"]["r"] - r) > 1e-4:
        bad.append("%s r: %s, SciPy %s" % (cat, groups[key]["pearson"]["r"], r))
race, sex = cl[3], cl[2]
planted_lower = race["reference"] == "White"   # the group compared is then the one planted lower
if not (race["intercept_difference"]["hi"] < 0 if planted_lower else race["intercept_difference"]["lo"] > 0):
    bad.append("the planted difference was not found: %s" % race)
if not (sex["intercept_difference"]["lo"] <= 0 <= sex["intercept_difference"]["hi"]):
    bad.append("a difference found where none was planted: %s" % sex)
if ("over-predicts for Black or African American" if planted_lower else "under-predicts for White") not in race["sentence"] or "one regression line serves both" not in sex["sentence"]:
    bad.append("the sentences: %s / %s" % (race["sentence"], sex["sentence"]))
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
# The same for a yes/no outcome, by logistic regression: against a
# reference fitted by SciPy's optimiser (not Newton's steps), to 4 decimals;
# the planted lower odds found, none for sex; the JSON follows its schema.
expect_exit 0 "validate -d, a yes/no outcome" -- "$CF" validate -f json -d "$T/demographics.csv" --outcomes "$T/offers.csv" "$T/reports.ndjson"
cp "$T/out" "$T/offers.json"
"$SCIPY" - "$T" <<'PY' && ok || no "validate -d: the logistic Cleary test differs from SciPy's fit"
import sys
import numpy as np
from scipy import optimize, stats
sys.path.insert(0, sys.argv[1])
from people import people
got, groups, people = people(sys.argv[1], "offers.json", "offers.csv", "offered", yes=True)
def fit(dim, cat, ref):
    sub = [p for p in people if p[dim] in (cat, ref)]
    x = np.array([p[0] for p in sub]); y = np.array([p[1] for p in sub]); g = np.array([1.0 if p[dim] == cat else 0.0 for p in sub])
    xc = x - x.mean()
    X = np.column_stack([np.ones(len(x)), xc, g, xc * g])
    nll = lambda b: np.sum(np.logaddexp(0, X @ b) - y * (X @ b))
    grad = lambda b: X.T @ (1 / (1 + np.exp(-(X @ b))) - y)
    b = optimize.minimize(nll, np.zeros(4), jac=grad, method="BFGS", options={"gtol": 1e-12, "maxiter": 10000}).x
    p = 1 / (1 + np.exp(-(X @ b)))
    se = np.sqrt(np.diag(np.linalg.inv(X.T @ (X * (p * (1 - p))[:, None]))))
    return b, se
bad = []
for dim, cat, ref, planted in ((2, "Female", "Male", False), (3, "Black or African American", "White", True)):
    c = groups[("sex" if dim == 2 else "race_ethnicity", cat)]["cleary"]
    if c["model"] != "logistic" or c["reference"] != ref:
        bad.append("%s: model %s against %s" % (cat, c["model"], c["reference"]))
    b, se = fit(dim, cat, ref)
    z = stats.norm.ppf(0.975)
    for what, g, want in (("intercept", c["intercept_difference"]["difference"], b[2]),
                          ("intercept lo", c["intercept_difference"]["lo"], b[2] - z * se[2]),
                          ("slope", c["slope_difference_per_10"]["difference"], 10 * b[3]),
                          ("slope hi", c["slope_difference_per_10"]["hi"], 10 * (b[3] + z * se[3])),
                          ("intercept p", c["intercept_p"], 2 * stats.norm.sf(abs(b[2] / se[2]))),
                          ("slope p", c["slope_p"], 2 * stats.norm.sf(abs(b[3] / se[3])))):
        if abs(g - want) > 1e-4:
            bad.append("%s %s: %s, SciPy %s" % (cat, what, g, want))
    differs = c["intercept_difference"]["hi"] < 0
    if differs != planted:
        bad.append("%s: lower odds %s, planted %s: %s" % (cat, differs, planted, c))
    if planted and "The common curve over-predicts for Black or African American: at the same score fewer of them had offered 'yes'." not in c["sentence"]:
        bad.append("the sentence: " + c["sentence"])
    if not planted and "one regression curve serves both groups" not in c["sentence"]:
        bad.append("the sentence: " + c["sentence"])
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
"$CF" schema validation >"$T/schema.json"
"$SCIPY" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' "$T/schema.json" "$T/offers.json" && ok || no "validate -d of a yes/no outcome does not follow its schema"
expect_exit 0 "validate -d (text)" -- "$CF" validate -d "$T/demographics.csv" --outcome accuracy_90d --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
expect_grep "$T/out" "^  By group:$" "text: the groups"
expect_grep "$T/out" "^    group (30 or more) *n *r (95% CI)$" "text: the groups' heads"
[ "$(awk 'length($0) > 80' "$T/out" | wc -l)" = 0 ] && ok || no "text with groups wider than 80 columns: $(awk 'length($0) > 80' "$T/out" | head -3)"

# Markdown: a heading and a table per outcome, each rendered as one
expect_exit 0 "validate -f md" -- "$CF" validate -f md -d "$T/demographics.csv" --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
cmark-gfm -e table "$T/out" >"$T/md.html" 2>/dev/null
[ "$(grep -c '<h2>' "$T/md.html")" = 4 ] && [ "$(grep -c '<table>' "$T/md.html")" -ge 12 ] && ok || no "validate -f md: $(grep -c '<h2>' "$T/md.html") headings, $(grep -c '<table>' "$T/md.html") tables"
expect_grep "$T/md.html" "<h2>accuracy_90d (percent)</h2>" "md: the outcome's name, its underscore escaped and shown"

# HTML: one page, no script, a scatter for each measured outcome and the
# tiers' plot for each, names escaped, the same bytes every run
printf 'id,<script>alert(1)</script>\na000,97\n' >"$T/hostile.csv"
expect_exit 0 "validate -f html" -- "$CF" validate -f html -d "$T/demographics.csv" --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
cp "$T/out" "$T/v.html"
python3 - "$T/v.html" <<'PY' && ok || no "validate -f html: its elements are not closed in order"
import sys
from html.parser import HTMLParser
void = {"meta", "br", "img", "input", "link", "hr", "circle", "line"}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in void:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-3:])
        self.stack.pop()
p = P()
p.feed(open(sys.argv[1]).read())
assert p.stack == [], p.stack
PY
grep -qi "<script" "$T/v.html" && no "validate -f html holds a script" || ok
[ "$(grep -c '<svg ' "$T/v.html")" = 7 ] && ok || no "validate -f html: $(grep -c '<svg ' "$T/v.html") plots, want 3 scatters and 4 tier plots"
"$CF" validate -f html -d "$T/demographics.csv" --outcomes "$T/outcomes.csv" "$T/reports.ndjson" 2>/dev/null | cmp -s - "$T/v.html" && ok || no "validate -f html differs between runs"
expect_exit 0 "validate -f html, a hostile column name" -- "$CF" validate -f html --outcomes "$T/hostile.csv" "$T/reports.ndjson"
grep -q "<script>alert" "$T/out" && no "validate -f html: a column name unescaped" || ok

# the JSON follows coderfit schema validation
"$CF" schema validation >"$T/schema.json"
"$SCIPY" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' "$T/schema.json" "$T/v.json" && ok || no "validate -f json does not follow its schema"
# the same bytes every run (the bootstrap is seeded)
"$CF" validate -f json --outcomes "$T/outcomes.csv" "$T/reports.ndjson" 2>/dev/null | cmp -s - "$T/v.json" && ok || no "validate -f json differs between runs"
# the text: a sentence for each outcome, in 80 columns
expect_exit 0 "validate (text)" -- "$CF" validate --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
tr '\n' ' ' <"$T/out" | tr -s ' ' >"$T/flat"
expect_grep "$T/flat" "In these 240 applicants, one with hired 'yes' scored above one with 'no' [0-9]*% of the time (AUC 0\.[0-9]*, 95% CI" "text: the sentence of a yes/no outcome"
expect_grep "$T/flat" "In these [0-9]* hires, each 10 points of score went with [0-9.]* points more accuracy 90d (r = 0\.[0-9]*, 95% CI" "text: the sentence of a measured outcome"
expect_grep "$T/out" "Range-restricted: measured for [0-9]* of 240 applicants" "text: the range restriction said"
[ "$(awk 'length($0) > 80' "$T/out" | wc -l)" = 0 ] && ok || no "text wider than 80 columns: $(awk 'length($0) > 80' "$T/out" | head -3)"
# the share in the sentence is the AUC as the tables write it: ten with
# yes above 95 of the 200 pairs (AUC 0.475) are "47%" and "AUC 0.47"
"$SCIPY" - "$T" <<'PY'
import json, sys
t = sys.argv[1]
with open(t + "/half.ndjson", "w") as rep, open(t + "/half.csv", "w") as out:
    out.write("id,hired\n")
    scores = [(float(i), "no") for i in range(1, 21)] + [(9.5, "yes")] * 5 + [(10.5, "yes")] * 5
    for i, (s, h) in enumerate(scores):
        rep.write(json.dumps({"format": "coderfit-report/1", "source": "h%02d.json" % i, "applicant": {"id": "h%02d" % i},
                              "rubric": {"id": "t", "version": "1"}, "as_of": "2026-11-26", "score": s, "tier": "t",
                              "tier_label": "T", "tier_rank": 1, "eligible": True, "qualities": []}) + "\n")
        out.write("h%02d,%s\n" % (i, h))
PY
expect_exit 0 "validate: an AUC of 0.475" -- "$CF" validate --outcomes "$T/half.csv" "$T/half.ndjson"
tr '\n' ' ' <"$T/out" | tr -s ' ' | grep -q "47% of the time (AUC 0.47," && ok || no "the share and the AUC disagree: $(tr '\n' ' ' <"$T/out" | grep -o '[0-9]*% of the time (AUC [0-9.]*')"
# a quality whose id is long is cut, not let past 80 columns
sed 's/"id": "detail"/"id": "attention_to_detail_in_abstraction_and_coding"/' "$T/reports.ndjson" >"$T/long-id.ndjson"
expect_exit 0 "validate (text), a long quality id" -- "$CF" validate --outcomes "$T/outcomes.csv" "$T/long-id.ndjson"
[ "$(awk 'length($0) > 80' "$T/out" | wc -l)" = 0 ] && ok || no "a long id: text wider than 80 columns: $(awk 'length($0) > 80' "$T/out" | head -3)"
expect_grep "$T/out" "^  attention_to_detail_in_abstr[a-z]*  *240 " "the long id, cut to what the figures leave"

# Joins by e-mail (case aside) and by source (a file name alone); rows that
# join no one, and people with no row, counted and named.
{ echo "email,hired"; i=0; while [ $i -lt 35 ]; do printf 'a%03d@example.COM,%s\n' $i $([ $((i % 3)) = 0 ] && echo yes || echo no); i=$((i + 1)); done
  echo "stranger@example.com,yes"; } >"$T/by-email.csv"
expect_exit 0 "validate: joined by e-mail" -- "$CF" validate -f json --outcomes "$T/by-email.csv" "$T/reports.ndjson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); o=d["outcomes"][0]
assert o["measured"] == 35, o["measured"]
assert d["rows_unmatched"] == 1 and d["unmatched"] == [{"line": 37, "key": "email", "value": "stranger@example.com"}], d["unmatched"]
assert d["applicants_without_row"] == 205, d["applicants_without_row"]' "$T/out" && ok || no "e-mail join: $(head -c 300 "$T/out")"
expect_grep "$T/err" "validate: warning: 1 outcome row joined to no applicant; 205 of 240 applicants had no outcome row" "the misses counted on stderr"
{ echo "source,hired"; echo "a001.json,yes"; echo "in//a002.json,no"; echo "./in/a003.json,yes"; } >"$T/by-source.csv"
expect_exit 0 "validate: joined by source" -- "$CF" validate -f json --outcomes "$T/by-source.csv" "$T/reports.ndjson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["outcomes"][0]["measured"] == 3 and d["rows_unmatched"] == 0, d' "$T/out" && ok || no "source join: $(head -c 300 "$T/out")"
expect_exit 0 "validate: a missed join named in the text" -- "$CF" validate --outcomes "$T/by-email.csv" "$T/reports.ndjson"
expect_grep "$T/out" "^  line 37, email stranger@example.com: no such applicant$" "text: the row that joined no one named"

# Bad values: a warning at the line and column, left out, never a zero.
printf 'id,hired,accuracy_90d\na000,yes ,140\na001,maybe,97.5\na002,no,\na003,yes,96%%\n' >"$T/bad.csv"
expect_exit 0 "validate: bad values" -- "$CF" validate -f json --outcomes "$T/bad.csv" "$T/reports.ndjson"
expect_grep "$T/err" "bad.csv:2:6: warning: 'hired': 'yes ' has spaces around it: left out (write 'yes') \[bad-outcome\]" "a value with a space"
expect_grep "$T/err" "bad.csv:2:11: warning: 'accuracy_90d': '140' is not a percentage from 0 to 100: left out \[bad-outcome\]" "a percentage of 140"
expect_grep "$T/err" "bad.csv:3:6: warning: 'hired': 'maybe' is not yes or no: left out \[bad-outcome\]" "not yes or no"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); o={x["name"]: x for x in d["outcomes"]}
assert o["hired"]["measured"] == 2, o["hired"]["measured"]
assert o["accuracy_90d"]["measured"] == 2 and o["accuracy_90d"]["empty_cells"] == 1, o["accuracy_90d"]
assert o["accuracy_90d"]["too_few"]' "$T/out" && ok || no "bad values counted: $(head -c 400 "$T/out")"
# An empty cell: said at its line and column, unless the row says the
# person was not hired (accuracy is measured for the hired only).
printf 'id,hired,accuracy_90d\na000,no,\na001,yes,\na002,,97.5\n' >"$T/empty.csv"
expect_exit 0 "validate: empty cells" -- "$CF" validate -f json --outcomes "$T/empty.csv" "$T/reports.ndjson"
expect_grep "$T/err" "empty.csv:3:10: warning: 'accuracy_90d' is empty for someone hired: left out \[bad-outcome\]" "an empty accuracy of someone hired"
expect_grep "$T/err" "empty.csv:4:6: warning: 'hired' is empty: left out \[bad-outcome\]" "an empty yes/no"
grep -q "empty.csv:2:" "$T/err" && no "a warning for the accuracy of someone not hired" || ok
# past 50, the values left out are counted, not listed
{ echo "id,rating"; i=0; while [ $i -lt 80 ]; do printf 'a%03d,9\n' $i; i=$((i + 1)); done; } >"$T/many.csv"
expect_exit 0 "validate: many bad values" -- "$CF" validate -f json --outcomes "$T/many.csv" "$T/reports.ndjson"
[ "$(grep -c "bad-outcome" "$T/err")" = 50 ] && ok || no "the first 50 bad values listed: $(grep -c "bad-outcome" "$T/err")"
expect_grep "$T/err" "many.csv: warning: 30 more values left out (only the first 50 are listed)" "the rest counted"

# Outcomes as JSON: the same figures as the same outcomes as CSV; values
# that cannot be read warned at their place in the JSON text.
"$SCIPY" - "$T" <<'PY'
import csv, json, sys
t = sys.argv[1]
out = []
for r in csv.DictReader(open(t + "/outcomes.csv")):
    o = {"id": r["id"], "hired": r["hired"] == "yes"}
    for k in ("accuracy_90d", "charts_per_hour", "rating"):
        o[k] = float(r[k]) if r[k] else None
    out.append(o)
json.dump(out, open(t + "/outcomes.json", "w"), indent=1)
PY
expect_exit 0 "validate: outcomes as JSON" -- "$CF" validate -f json --outcomes "$T/outcomes.json" "$T/reports.ndjson"
sed 's/outcomes\.json/outcomes.csv/g' "$T/out" >"$T/vj.json"
cmp -s "$T/v.json" "$T/vj.json" && ok || no "JSON outcomes give other figures than the same CSV: $(diff "$T/v.json" "$T/vj.json" | head -5)"
cat >"$T/bad.json" <<'EOF'
[
  {"id": "a000", "hired": true, "accuracy_90d": 140},
  {"id": "a001", "hired": "yes ", "accuracy_90d": [97]},
  7,
  {"id": "a003", "hired": true},
  {"id": "nobody", "hired": false}
]
EOF
expect_exit 0 "validate: bad values in JSON" -- "$CF" validate --outcomes "$T/bad.json" "$T/reports.ndjson"
expect_grep "$T/err" "bad.json:2:33: warning: 'accuracy_90d': '140' is not a percentage from 0 to 100: left out" "JSON: a percentage of 140 at its key"
expect_grep "$T/err" "bad.json:3:18: warning: 'hired': 'yes ' has spaces around it" "JSON: a value with a space"
expect_grep "$T/err" "bad.json:3:35: warning: 'accuracy_90d': a list or an object is not a value: left out" "JSON: a list"
expect_grep "$T/err" "bad.json:4:1: warning: record 3 is not an object: left out" "JSON: a record that is no object"
expect_grep "$T/err" "bad.json:5:3: warning: 'accuracy_90d' is empty for someone hired: left out" "JSON: a value missing"
expect_grep "$T/out" "^  line 6, id nobody: no such applicant$" "JSON: the row that joined no one named by its line"
printf '{"in/a001.json": {"hired": "yes", "rating": 4},\n "a002.json": {"hired": "no", "rating": 6}}\n' >"$T/keyed.json"
expect_exit 0 "validate: JSON keyed by source" -- "$CF" validate -f json --outcomes "$T/keyed.json" "$T/reports.ndjson"
expect_grep "$T/err" "keyed.json:2:31: warning: 'rating': '6' is not a rating from 1 to 5" "keyed JSON: a bad rating at its place"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); o={x["name"]: x for x in d["outcomes"]}
assert d["rows_unmatched"] == 0 and o["hired"]["measured"] == 2 and o["rating"]["measured"] == 1, d' "$T/out" && ok || no "keyed JSON joined by source: $(head -c 300 "$T/out")"
printf '[{"id": "a001",\n  "hired": yes}]\n' >"$T/broken.json"
expect_exit 4 "validate: JSON that is not JSON" -- "$CF" validate --outcomes "$T/broken.json" "$T/reports.ndjson"
expect_grep "$T/err" "broken.json:2:12: error: invalid JSON" "broken JSON at its line and column"
# --outcome names a column and its kind
expect_exit 0 "validate --outcome NAME:KIND" -- "$CF" validate -f json --outcome charts_per_hour:number --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [(o["name"], o["kind"]) for o in d["outcomes"]] == [("charts_per_hour", "number")], d["outcomes"]' "$T/out" && ok || no "--outcome: $(head -c 300 "$T/out")"
# who was hired is known from the file even when it is not an outcome used
expect_exit 0 "validate --outcome accuracy_90d alone" -- "$CF" validate --outcome accuracy_90d --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
[ -s "$T/err" ] && no "the accuracy of those not hired warned about: $(head -3 "$T/err")" || ok
tr '\n' ' ' <"$T/out" | tr -s ' ' | grep -q "In these [0-9]* hires, each 10 points" && ok || no "accuracy alone: not said to be of the hires: $(head -8 "$T/out")"
expect_exit 2 "validate --outcome with a kind that is none" -- "$CF" validate --outcome hired:bool --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
expect_exit 4 "validate --outcome naming no column" -- "$CF" validate --outcome salary --outcomes "$T/outcomes.csv" "$T/reports.ndjson"
expect_grep "$T/err" "outcomes.csv:1:1: error: no column 'salary'" "the missing column named"
printf 'name,hired\nx,yes\n' >"$T/nokey.csv"
expect_exit 4 "validate: no key column" -- "$CF" validate --outcomes "$T/nokey.csv" "$T/reports.ndjson"
expect_grep "$T/err" "the first line must name a column id, email or source" "no key column said"
expect_exit 2 "validate without --outcomes" -- "$CF" validate "$T/reports.ndjson"
expect_exit 2 "validate without applicants" -- "$CF" validate --outcomes "$T/outcomes.csv"
# profiles scored now, as well as saved reports
expect_exit 0 "validate of profiles" -- "$CF" validate --as-of 2026-11-26 -f json --outcomes "$T/by-source.csv" examples/applicants
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["applicants"] == 10 and d["rows_unmatched"] == 3, d' "$T/out" && ok || no "profiles: $(head -c 300 "$T/out")"
"$SCIPY" -c 'import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' "$T/schema.json" "$T/out" && ok || no "validate of profiles (unmatched rows, too few) does not follow its schema"
# resume files as they were sent, joined by their file names
printf 'source,hired\nbrittany-lasko.pdf,yes\ntests/resumes/txt/darnell-whitaker.txt,no\nnobody.docx,yes\n' >"$T/resumes.csv"
expect_exit 0 "validate of resume files" -- "$CF" validate --as-of 2026-11-26 -f json --outcomes "$T/resumes.csv" tests/resumes/pdf/brittany-lasko.pdf tests/resumes/txt/darnell-whitaker.txt
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert d["applicants"] == 2 and d["outcomes"][0]["measured"] == 2 and d["unmatched"] == [{"line": 4, "key": "source", "value": "nobody.docx"}], d' "$T/out" && ok || no "resume files: $(head -c 300 "$T/out")"

finish
