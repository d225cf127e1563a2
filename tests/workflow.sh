#!/bin/sh
# The CI examples work in a team's repository: the release tarball (make
# dist) builds and installs with DESTDIR; make install brings the rubrics'
# starting cases; in a scratch git repository made from what make install
# put there, with a base rubric and a rubric that extends it by file, the
# GitHub workflow's steps (examples/ci/github-workflow.yml, run by
# tests/ci/run-workflow.py) pass a harmless edit of the base (comparing the
# rubric that extends it too), publish the JUnit files, fail an edit that
# moves a tier with the moved profiles named in the log, and pass it with
# the moves approved and a rubric added; the pre-commit hook checks what
# is staged, not the working copy.
# usage: tests/workflow.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
WF=examples/ci/github-workflow.yml
for tool in git tar python3 make; do
    command -v $tool >/dev/null 2>&1 || { no "the CI example test needs $tool"; finish; exit 1; }
done
if ! command -v curl >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "workflow test: installing curl with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null 2>&1
fi
if ! python3 -c 'import yaml' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "workflow test: installing python3-yaml with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null 2>&1
fi
command -v curl >/dev/null 2>&1 || no "the workflow test needs curl (apt-get install curl)"
python3 -c 'import yaml' 2>/dev/null || no "the workflow test needs python3-yaml (apt-get install python3-yaml)"
G="git -c user.name=Test -c user.email=test@example.invalid -c init.defaultBranch=main -c commit.gpgsign=false"

# --- make install: the starter kit, and make dist: the tarball ---------------------
# (-o: what BUILD holds is installed as it is, never rebuilt: under
# check-valgrind it is a wrapper)
make -s -o "$B/coderfit" install DESTDIR="$T/kit" PREFIX=/usr BUILD="$B" >"$T/install.log" 2>&1 || no "make install DESTDIR: $(tail -3 "$T/install.log")"
KIT="$T/kit/usr/share/coderfit"
[ -f "$KIT/tests/cases/medical-coder.yaml" ] && ok || no "make install puts no starting cases under share/coderfit/tests/cases"
expect_exit 0 "the installed cases pass with the installed rubric" -- "$CF" test "$KIT/rubrics/medical-coder.yaml" "$KIT/tests/cases/"
make -s dist BUILD="$T/dist" >"$T/dist.log" 2>&1 || no "make dist: $(tail -3 "$T/dist.log")"
TARBALL=$(ls "$T"/dist/coderfit-*.tar.gz 2>/dev/null)
[ -f "$TARBALL" ] && ok || no "make dist made no tarball"
tar -tzf "$TARBALL" | grep -q '^coderfit-[0-9.]*/src/cli/main.c$' && ok || no "the tarball holds no coderfit-VERSION/src/cli/main.c"

# --- a team's repository: main, and three pull requests ---------------------------
# main holds the team's base rubric (the built-in one under another id) and
# a clinic's rubric that extends it by file, each with its cases
R="$T/team"
mkdir -p "$R/rubrics" "$R/tests/cases" "$R/examples" "$R/.github/workflows"
sed 's/^id: medical-coder$/id: team-base/' "$KIT/rubrics/medical-coder.yaml" >"$R/rubrics/team-base.yaml"
printf 'format: coderfit-rubric/1\nextends: team-base.yaml\nid: clinic\nversion: "1"\n' >"$R/rubrics/clinic.yaml"
cp "$KIT/tests/cases/medical-coder.yaml" "$R/tests/cases/team-base.yaml"
cp "$KIT/tests/cases/medical-coder.yaml" "$R/tests/cases/clinic.yaml"
cp -R "$KIT/examples/applicants" "$R/examples/"
cp "$WF" "$R/.github/workflows/rubric.yml"
(cd "$R" && $G init -q && $G add -A && $G commit -q -m main && $G update-ref refs/remotes/origin/main main) ||
    no "the scratch repository could not be made"

# run WF's job in the repository as of branch $1, into $T/run-$1
run() {
    (cd "$R" && $G checkout -q "$1") || no "checkout $1"
    python3 tests/ci/run-workflow.py "$WF" rubric "$R" "$T/run-$1" \
        "vars.CODERFIT_TARBALL=file://$TARBALL" "github.base_ref=main" >"$T/runner.log" 2>&1 ||
        no "the workflow runner failed: $(tail -5 "$T/runner.log")"
}
step_rc() { awk -F'\t' -v n="$2" '$3 == n { print $2 }' "$T/run-$1/steps.tsv"; }
step_log() { n=$(awk -F'\t' -v n="$2" '$3 == n { print $1 }' "$T/run-$1/steps.tsv"); cat "$T/run-$1/step-$n.log"; }

# pull request BRANCH: the base rubric edited by SED-SCRIPT, version
# VERSION, then SHELL run in the repository, then the workflow run on it
pull_request() {
    # a fresh checkout, as a runner has: nothing of the last run left
    (cd "$R" && $G reset -q --hard && $G clean -fdq && $G checkout -q -b "$1" main &&
        sed -e "$2" -e "s/^version: .*/version: \"$3\"/" rubrics/team-base.yaml >r.tmp &&
        mv r.tmp rubrics/team-base.yaml && sh -c "${4:-:}" && $G add -A && $G commit -q -m "$1") || no "the edit of $1"
    mkdir -p "$T/run-$1"
    run "$1"
}

# a harmless edit of the base: one weight up by one, the version raised;
# the clinic's rubric, which extends it, is compared too
pull_request small '0,/^    weight: 12$/s//    weight: 13/' 2026.12.1
for s in "install coderfit" lint test "publish the test results" "what the edit changes"; do
    [ "$(step_rc small "$s")" = 0 ] && ok || no "workflow, a small edit: step '$s' exit $(step_rc small "$s"): $(step_log small "$s" | tail -5)"
done
[ -x "$T/run-small/runner-temp/pkg/usr/bin/coderfit" ] && ok || no "the workflow did not install coderfit from the tarball with DESTDIR"
step_log small lint | grep -q . && no "lint of a clean rubric printed: $(step_log small lint)" || ok
for name in team-base clinic; do
    [ -f "$T/run-small/artifacts/$name.xml" ] && ok || no "the workflow published no JUnit file for $name: $(ls "$T/run-small/artifacts")"
    grep -q '<testsuites name="coderfit test" tests="[1-9][0-9]*" failures="0" errors="0"' "$T/run-small/artifacts/$name.xml" 2>/dev/null &&
        ok || no "the published JUnit file of $name: $(head -c 300 "$T/run-small/artifacts/$name.xml" 2>&1)"
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout --schema tests/data/junit/junit-10.xsd "$T/run-small/artifacts/$name.xml" 2>/dev/null && ok ||
            no "the published JUnit file of $name does not validate"
    fi
done
[ "$(grep -c "^## Profiles that moved ([1-9][0-9]* of 10)" "$T/run-small/summary.md")" = 2 ] && ok ||
    no "the step summary shows the moved profiles of the base and of the rubric that extends it: $(head -c 600 "$T/run-small/summary.md")"
step_log small "what the edit changes" >"$T/small.log"
expect_grep "$T/small.log" '^::notice title=coderfit diff::team-base 2026.12 -> team-base 2026.12.1: ' "the diff step sums up the base rubric's edit"
expect_grep "$T/small.log" '^::notice title=coderfit diff::clinic 1 -> clinic 1: ' "the diff step compares the rubric whose parent changed"
grep -q ": weight 12 -&gt; 13, " "$T/run-small/summary.md" && ok || no "the summary names the changed weight with its share: $(grep -m3 weight "$T/run-small/summary.md")"

# an edit that moves a tier: the check fails, the moved profiles named
pull_request tier '/label: Strong fit/{n;s/min: 45/min: 92/}' 2026.12.2
[ "$(step_rc tier "what the edit changes")" = 1 ] && ok || no "workflow, a tier edit: the diff step exit $(step_rc tier "what the edit changes")"
[ "$(step_rc tier "publish the test results")" = 0 ] && ok || no "workflow, a tier edit: the JUnit files are not published when cases fail"
step_log tier "what the edit changes" >"$T/tier.log"
expect_grep "$T/tier.log" "^coderfit: diff: --fail-on-tier-change: [1-9][0-9]* profiles\{0,1\} changed tier:" "the red step's log says why"
expect_grep "$T/tier.log" "^  examples/applicants/inpatient-coder.json: Strong fit -> Good fit, score " "the red step's log names a moved profile with its tiers"
expect_grep "$T/tier.log" "^::error file=examples/applicants/inpatient-coder.json,title=coderfit diff%3A tier changed::" "the moved profile is an annotation"
expect_grep "$T/run-tier/summary.md" "tier strong: min 45 -&gt; 92" "the summary names the changed value (Markdown: -&gt; shows as ->)"

# the same edit with its moves approved, and a rubric added: green
sed -n 's/^  \(examples[^:]*\): \([A-Za-z ]*\) -> \([A-Za-z ]*\), score .*/\1,\2,\3/p' "$T/tier.log" | sort -u >"$T/moves"
[ "$(wc -l <"$T/moves")" -ge 2 ] && ok || no "the tier edit's moves: $(cat "$T/moves")"
pull_request approved '/label: Strong fit/{n;s/min: 45/min: 92/}' 2026.12.2 "
    for n in team-base clinic; do { echo 'profile,old tier,new tier'; cat '$T/moves'; } >tests/cases/\$n.approved.csv
        sed 's/tier: strong/tier: good/' tests/cases/\$n.yaml >c.tmp && mv c.tmp tests/cases/\$n.yaml; done
    printf 'format: coderfit-rubric/1\nextends: team-base.yaml\nid: remote-team\nversion: \"1\"\n' >rubrics/remote-team.yaml"
for s in lint test "publish the test results" "what the edit changes"; do
    [ "$(step_rc approved "$s")" = 0 ] && ok || no "workflow, approved moves: step '$s' exit $(step_rc approved "$s"): $(step_log approved "$s" | tail -8)"
done
step_log approved "what the edit changes" >"$T/approved.log"
expect_grep "$T/approved.log" "^coderfit: diff: approved: [1-9][0-9]* profiles\{0,1\} changed tier as tests/cases/team-base.approved.csv expects:" "the approved moves are named"
expect_grep "$T/approved.log" "^::notice file=examples/applicants/inpatient-coder.json,title=coderfit diff%3A tier change approved::" "an approved move is a notice"
expect_grep "$T/approved.log" "^::notice file=rubrics/remote-team.yaml,title=coderfit diff::rubrics/remote-team.yaml is new" "the added rubric is said to be new"
grep -q "^::error" "$T/approved.log" && no "approved moves still annotated as errors" || ok

# --- the pre-commit hook: what is staged, not the working copy -----------------------
H="$T/hook"
mkdir -p "$H/rubrics" "$H/tests/cases" "$H/examples"
cp "$KIT/rubrics/medical-coder.yaml" "$H/rubrics/"
cp "$KIT/tests/cases/medical-coder.yaml" "$H/tests/cases/"
cp -R "$KIT/examples/applicants" "$H/examples/"
(cd "$H" && $G init -q && $G add -A && $G commit -q -m start) || no "the hook's repository"
CFA="$(cd "$(dirname "$CF")" && pwd)/coderfit"
HOOK="$PWD/examples/ci/pre-commit"
hook() { (cd "$H" && CODERFIT="$CFA" sh "$HOOK") >"$T/hook.out" 2>&1; }
hook && ok || no "the hook fails a clean repository: $(cat "$T/hook.out")"
# a broken rubric staged: blocked, and the message names it as the repository does
cp "$H/rubrics/medical-coder.yaml" "$T/good.yaml"
printf 'qualities: [\n' >>"$H/rubrics/medical-coder.yaml"
(cd "$H" && $G add rubrics/medical-coder.yaml)
hook && no "the hook passes a staged broken rubric" || ok
expect_grep "$T/hook.out" "^coderfit: rubrics/medical-coder.yaml:[0-9]*:[0-9]*: error: " "the hook names the staged rubric's error by its path in the repository"
# the fix staged, the working copy broken again: what would be committed is fine
cp "$T/good.yaml" "$H/rubrics/medical-coder.yaml"
(cd "$H" && $G add rubrics/medical-coder.yaml)
printf 'qualities: [\n' >>"$H/rubrics/medical-coder.yaml"
hook && ok || no "the hook blocks a commit whose staged rubric is fine: $(cat "$T/hook.out")"
# a staged edit that breaks a case: blocked, the case named
cp "$T/good.yaml" "$H/rubrics/medical-coder.yaml"
sed '/label: Strong fit/{n;s/min: 45/min: 92/}' "$T/good.yaml" >"$H/rubrics/medical-coder.yaml"
(cd "$H" && $G add rubrics/medical-coder.yaml)
cp "$T/good.yaml" "$H/rubrics/medical-coder.yaml"
hook && no "the hook passes a staged rubric that fails its cases" || ok
expect_grep "$T/hook.out" "^FAIL  " "the hook shows the failing case"
expect_grep "$T/hook.out" "pre-commit: tests/cases/medical-coder.yaml as staged fails with rubrics/medical-coder.yaml" "the hook says which cases fail"
finish
