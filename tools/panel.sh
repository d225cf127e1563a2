#!/bin/sh
# How the ranking agrees with a coding manager's panel (tests/panel, see its
# README.md): the figures of docs/panel.md, then, with -v, every disagreement.
#
# usage: tools/panel.sh [-v] BUILD_DIR [PANEL_DIR] [RUBRIC]
#
# Prints, as of the panel's date:
#   pairwise agreement  judgments in the right order, as rank lists them (tier
#                       first, then score; the same tier and score is a tie,
#                       which counts as wrong)
#   band agreement      profiles whose tier is their band, and within one band
#   eligibility         profiles whose eligible matches the panel's
#   invariance          restyled variants within 2 points and the same tier
#   refused             profiles and variants that did not load (must be 0)
# and whether each figure meets its goal (pairwise 99%, band 95% and within
# one band 100%, eligibility 100%, invariance 99%, none refused).
# Exit status: 0 when every profile and variant loaded and every goal is
# met, else 1.
verbose=0
[ "${1:-}" = -v ] && { verbose=1; shift; }
B=${1:-build}
P=${2:-tests/panel}
R=${3:-}
ASOF=2026-11-26
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

n_files=$(ls "$P"/profiles/*.json "$P"/variants/*.json 2>/dev/null | wc -l)
if [ -n "$R" ]; then
    "$B/coderfit" rank -q --as-of "$ASOF" -f csv -r "$R" "$P/profiles" "$P/variants" >"$T/rank.csv" 2>"$T/err"
else
    "$B/coderfit" rank -q --as-of "$ASOF" -f csv "$P/profiles" "$P/variants" >"$T/rank.csv" 2>"$T/err"
fi
rubric=$("$B/coderfit" show -f json ${R:+-r "$R"} | sed -n 's/^  "\(id\|version\)": "\(.*\)",*$/\2/p' | paste -sd' ' -)

awk -F'\t' -v verbose="$verbose" -v nfiles="$n_files" -v asof="$ASOF" -v rubric="$rubric" -v errs="$T/err" '
# the fields of a CSV line (RFC 4180: quoted fields, quotes doubled) into f
function csv(line, f,   n, i, c, q, v) {
    n = 0; v = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { v = v c; i++ }
        else if (c == "\"") q = !q
        else if (!q && c == ",") { f[++n] = v; v = "" }
        else if (c != "\r") v = v c
    }
    f[++n] = v
    return n
}
function base(path,   s) { s = path; sub(/.*\//, "", s); sub(/\.json$/, "", s); return s }
function pct(a, b) { return b ? sprintf("%d/%d (%.1f%%)", a, b, 100 * a / b) : "0/0" }
function absv(x) { return x < 0 ? -x : x }
BEGIN { order["strong"] = 4; order["good"] = 3; order["developing"] = 2; order["early"] = 1 }
FILENAME ~ /rank\.csv$/ {
    n = csv($0, f)
    if (FNR == 1) { for (i = 1; i <= n; i++) col[f[i]] = i; next }
    if (f[col["status"]] != "scored") next
    name = base(f[col["source"]]); rank[name] = f[col["rank"]] + 0; score[name] = f[col["score"]] + 0
    tier[name] = f[col["tier"]]; elig[name] = f[col["eligible"]] == "true" ? "yes" : "no"
    scored++
    next
}
FILENAME ~ /panel\.tsv$/ {
    if (FNR == 1) next
    np++
    if (!($1 in score)) { missing = missing " " $1; next }
    if (tier[$1] == $2) band_ok++
    else if (verbose) printf "  band   %-22s %-10s tier %-10s %5.1f\n", $1, $2, tier[$1], score[$1]
    if (absv(order[tier[$1]] - order[$2]) <= 1) band_near++
    if (elig[$1] == $3) elig_ok++
    else if (verbose) printf "  elig   %-22s panel %-3s tool %s\n", $1, $3, elig[$1]
    next
}
FILENAME ~ /judgments\.tsv$/ {
    if (FNR == 1) next
    nj++
    if (($1 in score) && ($2 in score) && rank[$1] < rank[$2] && !(score[$1] == score[$2] && tier[$1] == tier[$2])) { j_ok++; jp_ok[$3]++ }
    else if (verbose) printf "  %-4s   %-22s %5.1f  should be above  %-22s %5.1f\n", $3, $1, score[$1], $2, score[$2]
    jp_n[$3]++
    next
}
FILENAME ~ /variants\.tsv$/ {
    if (FNR == 1) next
    nv++
    d = score[$1] - score[$2]
    if (($1 in score) && ($2 in score) && absv(d) <= 2 && tier[$1] == tier[$2]) v_ok++
    else if (verbose) printf "  %-4s   %-28s %5.1f %-10s  original %5.1f %s\n", $3, $1, score[$1], tier[$1], score[$2], tier[$2]
    next
}
END {
    refused = nfiles - scored
    printf "The panel (%d profiles, %d judgments, %d variants) as of %s, rubric %s\n", np, nj, nv, asof, rubric
    printf "  pairwise agreement  %s", pct(j_ok, nj)
    sep = ": "
    for (p = 1; p <= 20; p++) if (("P" p) in jp_n) { printf "%sP%d %d/%d", sep, p, jp_ok["P" p], jp_n["P" p]; sep = ", " }
    printf "\n"
    printf "  band agreement      %s; within one band %s\n", pct(band_ok, np), pct(band_near, np)
    printf "  eligibility         %s\n", pct(elig_ok, np)
    printf "  invariance          %s within 2 points and the same tier\n", pct(v_ok, nv)
    printf "  refused (exit 4)    %d%s\n", refused, missing ? " (missing:" missing ")" : ""
    short = ""
    if (100 * j_ok < 99 * nj) short = short sprintf(", pairwise %.1f%% < 99%%", 100 * j_ok / nj)
    if (100 * band_ok < 95 * np) short = short sprintf(", band %.1f%% < 95%%", 100 * band_ok / np)
    if (band_near < np) short = short sprintf(", within one band %.1f%% < 100%%", 100 * band_near / np)
    if (elig_ok < np) short = short sprintf(", eligibility %.1f%% < 100%%", 100 * elig_ok / np)
    if (100 * v_ok < 99 * nv) short = short sprintf(", invariance %.1f%% < 99%%", 100 * v_ok / nv)
    if (refused) short = short sprintf(", %d refused", refused)
    printf "  goals               %s\n", short ? "NOT MET" short : "met (pairwise 99%, band 95% and within one 100%, eligibility 100%, invariance 99%, none refused)"
    exit refused || short ? 1 : 0
}' "$T/rank.csv" "$P/panel.tsv" "$P/judgments.tsv" "$P/variants.tsv"
status=$?
[ -s "$T/err" ] && [ "$verbose" = 1 ] && sed 's/^/  /' "$T/err"
exit $status
