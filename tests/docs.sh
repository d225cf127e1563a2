#!/bin/sh
# Documentation and packaging: each command's --help, its section of
# coderfit(1) and the bash and zsh completions name the same options; the
# completions offer the formats each command accepts (both are run for
# real: bash's function with COMP_WORDS set, zsh's on a pseudo-terminal by
# tests/zsh-complete.zsh); both manual pages render with no groff warning;
# make install puts everything under DESTDIR and PREFIX, where the program,
# man and bash completion work, and make uninstall takes it all away again.
# usage: tests/docs.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
CFABS=$(cd "$B" && pwd)/coderfit
MAN1=docs/coderfit.1
MAN5=docs/coderfit-rubric.5
BASHCOMP=src/completion/coderfit.bash
ZSHCOMP=src/completion/_coderfit

BASH_COMPLETION=/usr/share/bash-completion/bash_completion
need() {
    missing=
    for tool in groff man bash zsh; do
        command -v $tool >/dev/null 2>&1 || missing="$missing $tool"
    done
    [ -f $BASH_COMPLETION ] || missing="$missing bash-completion"
}
need
if [ -n "$missing" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "docs test: installing groff-base man-db zsh bash-completion with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq groff-base man-db zsh bash-completion >/dev/null 2>&1
    need
fi
if [ -n "$missing" ]; then
    echo "FAIL: the documentation test needs$missing (sudo apt-get install groff-base man-db zsh bash-completion)"
    echo "0 passed, 1 failed"
    exit 1
fi

# same A B DESCRIPTION: two files hold the same lines, in any order
same() {
    sort -u "$1" >"$T/same.a"
    sort -u "$2" >"$T/same.b"
    if cmp -s "$T/same.a" "$T/same.b"; then
        ok
    else
        no "$3: $(diff "$T/same.a" "$T/same.b" | grep '^[<>]' | tr '\n' ' ')"
    fi
}

# The options of a command's --help, one per line as "-r --rubric" or
# "--as-of" (-h --help left out).
help_options() {
    "$CF" "$1" --help | sed -n 's/^  \(-[a-zA-Z], \|    \)\(--[a-z][a-z-]*\).*/\1\2/p' |
        sed -e 's/, / /' -e 's/^ *//' | grep -v -e '--help$'
}
# The same from the command's section of coderfit(1): the tag line of
# each .TP, such as \fB\-r\fR, \fB\-\-rubric\fR \fIFILE\fR.
man_options() {
    awk -v cmd="$1" '
        /^\.S[HS]/ { inside = ($0 ~ "^\\.SS \"coderfit " cmd "[ \"]") ; next }
        inside && tp { print } { tp = inside && /^\.TP/ }' "$MAN1" |
        sed -e 's/\\f[BIR]//g' -e 's/\\-/-/g' |
        sed -n 's/^\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\1\2/p' | sed 's/, / /'
}
# Every option word, one per line, with -h and --help.
words_of() { tr ' ' '\n' <"$1" | grep . ; printf '%s\n' -h --help; }

# bash: runs the completion for the words given (the last is the one
# being completed) and prints what it offers, one per line.
bash_complete() {
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _coderfit; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$COMPFILE" "$@" | grep . | sort -u
}
COMPFILE=$BASHCOMP

# zsh: what its completion offers for each line given, in $T/zsh/N.
zsh_complete() {
    rm -rf "$T/zsh" && mkdir -p "$T/zsh"
    timeout 120 zsh -f tests/zsh-complete.zsh "$(dirname "$ZSHCOMP")" "$T/zsh" "$@" >"$T/zsh.log" 2>&1 ||
        no "zsh completion did not run: $(head -c 300 "$T/zsh.log")"
}
zsh_offers() { sort -u "$T/zsh/$1"; }

# the commands, and help (which has no options of its own)
commands=$("$CF" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' | grep -vx help)
"$CF" --help | grep -q '^  help  ' && ok || no "coderfit --help does not list help"
[ "$(echo "$commands" | wc -l)" -ge 10 ] && ok || no "coderfit --help lists the commands: $commands"

for cmd in $commands; do
    "$CF" "$cmd" --help >"$T/h1" && "$CF" help "$cmd" >"$T/h2" && cmp -s "$T/h1" "$T/h2" && ok ||
        no "coderfit help $cmd is coderfit $cmd --help"
    help_options "$cmd" >"$T/help.$cmd"
    man_options "$cmd" >"$T/man.$cmd"
    grep -q "^\.SS \"coderfit $cmd[ \"]" "$MAN1" && ok || no "coderfit(1) has no section for $cmd"
    same "$T/help.$cmd" "$T/man.$cmd" "$cmd: options of --help (<) and of coderfit(1) (>)"

    # the parser takes every option --help lists (run in a folder of its
    # own: --output=x and --key=x may write x)
    "$CF" "$cmd" --help | sed -n 's/^  \(-[a-zA-Z], \|    \)--\([a-z][a-z-]*\)\( [^ ]\)\{0,1\}.*/\2\3/p' |
        grep -v '^help$' >"$T/parse.$cmd"
    mkdir -p "$T/scratch"
    while read -r opt arg; do
        if [ -n "$arg" ]; then set -- "--$opt=x"; else set -- "--$opt"; fi
        (cd "$T/scratch" && "$CFABS" "$cmd" "$@" </dev/null >/dev/null 2>"$T/err")
        grep -q "unknown option" "$T/err" && no "$cmd: --help lists --$opt, which the parser refuses" || ok
    done <"$T/parse.$cmd"
    words_of "$T/help.$cmd" >"$T/words.$cmd"
    bash -c '. "$1"; _coderfit_options "$2"' _ "$BASHCOMP" "$cmd" | tr ' ' '\n' | grep . >"$T/bash.$cmd"
    same "$T/words.$cmd" "$T/bash.$cmd" "$cmd: options of --help (<) and of the bash completion (>)"
    bash_complete coderfit "$cmd" -- >"$T/bashlong.$cmd"
    grep -e '^--' "$T/words.$cmd" >"$T/long.$cmd"
    same "$T/long.$cmd" "$T/bashlong.$cmd" "$cmd: bash completes '--' to the long options"

    # the formats: those a bad -f value lists, those the completions offer
    if grep -q -e '--format' "$T/long.$cmd"; then
        "$CF" "$cmd" -f no-such-format >/dev/null 2>"$T/err"
        sed -n "s/.*unknown format 'no-such-format' (\(.*\))/\1/p" "$T/err" | sed 's/, /\n/g' >"$T/fmt.$cmd"
        [ -s "$T/fmt.$cmd" ] && ok || no "$cmd: -f no-such-format lists no formats ($(cat "$T/err"))"
        bash_complete coderfit "$cmd" -f "" >"$T/bashfmt.$cmd"
        same "$T/fmt.$cmd" "$T/bashfmt.$cmd" "$cmd: formats accepted (<) and completed by bash after -f (>)"
        bash_complete coderfit "$cmd" --format = "" >"$T/bashfmt2.$cmd"
        same "$T/fmt.$cmd" "$T/bashfmt2.$cmd" "$cmd: bash completes --format=, too"
        for f in $(cat "$T/fmt.$cmd"); do
            "$CF" "$cmd" -f "$f" >/dev/null 2>"$T/err"
            grep -q 'unknown format' "$T/err" && no "$cmd -f $f: $(cat "$T/err")" || ok
        done
    fi
done

# commands, schema names, tiers, --with and --select values
printf '%s\n' $commands help --help --version >"$T/cmds"
bash_complete coderfit "" >"$T/bashcmds"
same "$T/cmds" "$T/bashcmds" "the commands of coderfit --help (<) and of bash completion (>)"
[ "$(bash_complete coderfit ra)" = rank ] && ok || no "bash completes 'ra' to rank"
printf '%s\n' $commands >"$T/helpcmds"
bash_complete coderfit help "" >"$T/bashhelp"
same "$T/helpcmds" "$T/bashhelp" "the commands (<) and what bash completes after help (>)"

# zsh, for real: the commands, each command's options and formats, values
set -- "coderfit " "coderfit schema " "coderfit rank --tier " "coderfit advise --with " "coderfit lint rubrics/"
for cmd in $commands; do
    set -- "$@" "coderfit $cmd -"
    grep -q -e '--format' "$T/long.$cmd" && set -- "$@" "coderfit $cmd -f "
done
zsh_complete "$@"
printf '%s\n' $commands help >"$T/cmds2"
zsh_offers 1 >"$T/zshcmds"
same "$T/cmds2" "$T/zshcmds" "the commands of coderfit --help (<) and of zsh completion (>)"
zsh_offers 2 >"$T/zshschemas"
"$CF" schema no-such 2>&1 | sed -n 's/.*unknown schema .no-such. (\(.*\))/\1/p' | sed 's/, /\n/g' >"$T/schemas0"
same "$T/schemas0" "$T/zshschemas" "schema names accepted (<) and completed by zsh (>)"
zsh_offers 3 >"$T/zshtiers"
"$CF" show -f json | python3 -c 'import json, sys; print("\n".join(t["id"] for t in json.load(sys.stdin)["tiers"]))' | sort >"$T/tiers0"
same "$T/tiers0" "$T/zshtiers" "the built-in rubric's tiers (<) and those zsh completes after --tier (>)"
# the what-ifs advise knows, as its message for an unknown one lists them
"$CF" advise --with no-such=1 examples/applicants/new-cca.native.json 2>&1 >/dev/null |
    sed -n "s/.*unknown what-if 'no-such' (\(.*\))/\1/p" | sed 's/, /=\n/g; s/$/=/' >"$T/withs"
[ "$(wc -l <"$T/withs")" -ge 14 ] && ok || no "advise names its what-ifs: $(cat "$T/withs")"
sort "$T/withs" >"$T/with0"
zsh_offers 4 >"$T/zshwith"
same "$T/with0" "$T/zshwith" "zsh completes --with"
zsh_offers 5 | grep -qx medical-coder.yaml && ok || no "zsh completes a rubric file for lint: $(zsh_offers 5)"
i=5
for cmd in $commands; do
    i=$((i + 1))
    zsh_offers $i >"$T/zshopts.$cmd"
    same "$T/words.$cmd" "$T/zshopts.$cmd" "$cmd: options of --help (<) and those zsh completes after '-' (>)"
    if grep -q -e '--format' "$T/long.$cmd"; then
        i=$((i + 1))
        zsh_offers $i >"$T/zshfmt.$cmd"
        same "$T/fmt.$cmd" "$T/zshfmt.$cmd" "$cmd: formats accepted (<) and completed by zsh after -f (>)"
    fi
done
"$CF" schema no-such >/dev/null 2>"$T/err"
sed -n 's/.*unknown schema .no-such. (\(.*\))/\1/p' "$T/err" | sed 's/, /\n/g' >"$T/schemas"
bash_complete coderfit schema "" >"$T/bashschemas"
same "$T/schemas" "$T/bashschemas" "schema names accepted (<) and completed (>)"
"$CF" show -f json | python3 -c 'import json, sys; print("\n".join(t["id"] for t in json.load(sys.stdin)["tiers"]))' >"$T/tiers"
bash_complete coderfit rank --tier "" >"$T/bashtiers"
same "$T/tiers" "$T/bashtiers" "the built-in rubric's tiers (<) and those completed after --tier (>)"
bash_complete coderfit advise --with "" | sort >"$T/with"
same "$T/with0" "$T/with" "the what-ifs advise knows (<) and those bash completes after --with (>)"
# each one completed is taken with a value of the kind its help shows
for w in credential=CPC training=associate course=Anatomy skill=Epic coding-months=24 \
    hipaa=2026-10 accuracy=0.96 accuracy=96% productivity=3/hour productivity=20/day ceus=36 \
    references=2 remote-months=12 audit-months=12 cdi-months=12 clinical-months=12; do
    grep -qx "${w%%=*}=" "$T/with" && ok || no "bash completes --with to ${w%%=*}="
    "$CF" advise --as-of 2026-11-26 --with "$w" examples/applicants/new-cca.native.json >"$T/out" 2>"$T/err" &&
        grep -q "What if: $w" "$T/out" && ok || no "advise --with $w is offered but refused: $(cat "$T/err")"
done
while read -r w; do
    "$CF" advise --help | grep -q -e "  $w" -e " ${w%%-months=}-" && ok || no "advise --help shows no example of $w"
done <"$T/with0"
bash_complete coderfit audit --select "" >"$T/select"
printf '%s\n' min-score= tier= top= >"$T/select.want"
same "$T/select.want" "$T/select" "bash completes --select to the three rules"
# file operands
[ "$(bash_complete coderfit score examples/applicants/inpat)" = examples/applicants/inpatient-coder.json ] && ok ||
    no "bash completes a profile file name"
bash_complete coderfit lint rubrics/ >"$T/lintfiles"
grep -qx rubrics/medical-coder.yaml "$T/lintfiles" && ok || no "bash completes rubric files for lint: $(cat "$T/lintfiles")"
bash_complete coderfit rank -r examples/rubrics/ >"$T/rfiles"
grep -qx examples/rubrics/coding-auditor.yaml "$T/rfiles" && ok || no "bash completes -r to a rubric file: $(cat "$T/rfiles")"
# -r: every built-in rubric's id (the error for an unknown one lists them)
"$CF" show -r no-such-rubric >/dev/null 2>"$T/err"
sed -n 's/.*is built in (\(.*\))$/\1/p' "$T/err" | sed 's/, /\n/g' >"$T/ids"
ls rubrics/*.yaml | sed 's|rubrics/||; s|\.yaml$||' >"$T/ids.want"
same "$T/ids.want" "$T/ids" "the rubrics of rubrics/ (<) and the ids an unknown -r lists as built in (>)"
not_here() { while read -r w; do [ -e "$w" ] || echo "$w"; done; }
bash_complete coderfit score -r "" | not_here | sort >"$T/bashids"
same "$T/ids.want" "$T/bashids" "the built-in rubrics (<) and those bash completes after -r (>)"
[ "$(bash_complete coderfit score -r pro)" = profee-coder ] && ok || no "bash completes -r pro to profee-coder"
zsh_complete "coderfit score -r "
zsh_offers 1 | not_here >"$T/zshids"
same "$T/ids.want" "$T/zshids" "the built-in rubrics (<) and those zsh completes after -r (>)"
zsh -n "$ZSHCOMP" && ok || no "_coderfit is not valid zsh"
bash -n "$BASHCOMP" && ok || no "coderfit.bash is not valid bash"

# manual pages: no groff warning, the version of --version
version=$("$CF" --version | sed -n 's/^coderfit \([^ ]*\) (rubric format \(coderfit-rubric\/[0-9]*\).*/\1/p')
[ -n "$version" ] && ok || no "--version prints the version and the rubric format: $("$CF" --version)"
for page in "$MAN1" "$MAN5"; do
    groff -man -ww -Tutf8 -z "$page" 2>"$T/err" && [ ! -s "$T/err" ] && ok || no "groff -man -ww $page: $(cat "$T/err")"
    MANWIDTH=80 man --warnings -l "$page" >"$T/page" 2>"$T/err" && [ ! -s "$T/err" ] && ok ||
        no "man -l $page: $(cat "$T/err")"
    [ "$(wc -l <"$T/page")" -gt 100 ] && ok || no "man -l $page renders: $(head -5 "$T/page")"
    grep -q "^\.TH .* \"coderfit $version\"" "$page" && ok || no "$page: .TH names coderfit $version"
done
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
    grep -q "^\.SH \"*$section\"*$" "$MAN1" && ok || no "coderfit(1) has no $section"
done
# every exit status of the README is in coderfit(1)
for code in 0 1 2 3 4 5; do
    awk '/^\.SH EXIT STATUS/ { s = 1; next } /^\.SH/ { s = 0 } s' "$MAN1" | grep -qx "\.B $code" && ok ||
        no "coderfit(1) EXIT STATUS lacks $code"
done
# every rule of docs/rubric.md is in coderfit-rubric(5)
sed -n '/^## Errors and warnings/,/^## /s/^| `\([a-z-]*\)`.*/\1/p' docs/rubric.md >"$T/rules"
[ "$(wc -l <"$T/rules")" -ge 25 ] && ok || no "docs/rubric.md lists the rules"
while read -r rule; do
    pat=$(printf '%s' "$rule" | sed 's/-/\\\\-/g')
    grep -q "^\.BR* $pat\( \|\$\)" "$MAN5" && ok || no "coderfit-rubric(5) lacks the rule $rule"
done <"$T/rules"
# the environment coderfit(1) describes is what the program reads
grep -ho 'getenv("[A-Z_]*")' src/cli/*.c src/lib/*.c | sed 's/getenv("\(.*\)")/\1/' |
    grep -v '^CODERFIT_FAIL_AT$\|^CODERFIT_FAIL_RUBRIC$\|^CODERFIT_FAULT_SWEEP$\|^CODERFIT_FAULT_CAUSE$' | sort -u >"$T/env"
awk '/^\.SH ENVIRONMENT/ { s = 1; next } /^\.SH/ { s = 0 } s && tp { print $2 } { tp = /^\.TP/ }' "$MAN1" | sort -u >"$T/manenv"
same "$T/env" "$T/manenv" "variables read (<) and described in ENVIRONMENT (>)"

# make install / uninstall under DESTDIR and PREFIX
R="$T/root"
make -s --no-print-directory -o "$B/coderfit" install BUILD="$B" DESTDIR="$R" PREFIX=/usr >"$T/out" 2>&1 &&
    ok || no "make install: $(cat "$T/out")"
for f in bin/coderfit share/man/man1/coderfit.1 share/man/man5/coderfit-rubric.5 \
    share/coderfit/rubrics/medical-coder.yaml share/coderfit/examples/applicants/inpatient-coder.json \
    share/coderfit/examples/demographics.csv share/coderfit/examples/ci/pre-commit \
    share/bash-completion/completions/coderfit share/zsh/site-functions/_coderfit \
    share/doc/coderfit/README.md share/doc/coderfit/docs/rubric.md; do
    [ -f "$R/usr/$f" ] && ok || no "make install did not install /usr/$f"
done
[ -x "$R/usr/bin/coderfit" ] && [ -x "$R/usr/share/coderfit/examples/ci/pre-commit" ] && ok || no "installed programs are executable"
"$R/usr/bin/coderfit" score --as-of 2026-11-26 "$R/usr/share/coderfit/examples/applicants/inpatient-coder.json" >"$T/out" 2>&1 &&
    grep -q 'Strong fit' "$T/out" && ok || no "the installed coderfit scores an installed example: $(head -3 "$T/out")"
"$R/usr/bin/coderfit" lint "$R/usr/share/coderfit/rubrics/medical-coder.yaml" >"$T/out" 2>&1 && ok ||
    no "the installed rubric lints clean: $(head -3 "$T/out")"
"$R/usr/bin/coderfit" show >"$T/shown" && cmp -s "$T/shown" "$R/usr/share/coderfit/rubrics/medical-coder.yaml" && ok ||
    no "the installed rubric is the built-in one"
MANWIDTH=80 man -M "$R/usr/share/man" coderfit >"$T/page" 2>"$T/err" && grep -q 'coderfit rank' "$T/page" && ok ||
    no "man coderfit from the installed pages: $(cat "$T/err")"
grep -q '/usr/share/coderfit/rubrics/medical-coder.yaml' "$T/page" && ! grep -q '/usr/local/' "$T/page" && ok ||
    no "the installed coderfit(1) names the installed files under PREFIX"
MANWIDTH=80 man -M "$R/usr/share/man" 5 coderfit-rubric >"$T/page" 2>"$T/err" && grep -q 'CRITERION TYPES' "$T/page" && ok ||
    no "man 5 coderfit-rubric from the installed pages: $(cat "$T/err")"
COMPFILE="$R/usr/share/bash-completion/completions/coderfit"
[ "$(bash_complete coderfit adv)" = advise ] && ok || no "the installed bash completion completes a command"
[ "$(bash_complete coderfit rank --eli)" = --eligible-only ] && ok || no "the installed bash completion completes an option"
# bash-completion finds it by name in its completions folder, as it would in /usr
bash -c 'BASH_COMPLETION_USER_DIR=$1/usr/share/bash-completion; . "$2"; __load_completion coderfit && complete -p coderfit' \
    _ "$R" "$BASH_COMPLETION" >"$T/out" 2>&1 && grep -q '_coderfit' "$T/out" && ok ||
    no "bash-completion loads the installed completion: $(cat "$T/out")"
# uninstall removes what install put there, and nothing of one's own
echo "# a team's rubric" >"$R/usr/share/coderfit/rubrics/team.yaml"
make -s --no-print-directory uninstall DESTDIR="$R" PREFIX=/usr >"$T/out" 2>&1 && ok || no "make uninstall: $(cat "$T/out")"
[ "$(find "$R" -type f)" = "$R/usr/share/coderfit/rubrics/team.yaml" ] && ok ||
    no "make uninstall left other files, or removed one of one's own: $(find "$R" -type f | head -5)"
left=$(find "$R" -mindepth 1 ! -path "$R/usr" ! -path "$R/usr/share" ! -path "$R/usr/share/coderfit" \
    ! -path "$R/usr/share/coderfit/rubrics" ! -path "$R/usr/share/coderfit/rubrics/team.yaml")
[ -z "$left" ] && ok || no "make uninstall left: $left"

# every file the rubrics cite is in the repository (and installed with the
# docs), every principle they cite is in docs/panel.md, and every section
# of docs/domain.md they name is one of its headings
for f in $(grep -ho 'docs/[a-z-]*\.md\|[A-Z][A-Z]*\.md' rubrics/*.yaml src/lib/*.c | sort -u); do
    [ -f "$f" ] && ok || no "a rubric or the code cites $f, which is not in the repository"
done
for p in $(grep -ho 'docs/panel.md, P[0-9]*' rubrics/*.yaml | sed 's/.*, //' | sort -u); do
    grep -q "^- \*\*$p " docs/panel.md && ok || no "a rubric cites $p, which docs/panel.md does not state"
done
grep -ho 'docs/domain.md, [A-Z][a-z]*' rubrics/*.yaml | sed 's/docs\/domain.md, //' | sort -u >"$T/sections"
[ -s "$T/sections" ] && ok || no "the rubrics cite no section of docs/domain.md"
while read -r sec; do
    grep -q "^##* $sec" docs/domain.md && ok || no "a rubric cites the section '$sec', which docs/domain.md lacks"
done <"$T/sections"

finish
