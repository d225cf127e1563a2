# bash completion for coderfit                              -*- shell-script -*-
#
# Installed as share/bash-completion/completions/coderfit, where
# bash-completion loads it the first time coderfit is completed; or source
# it from ~/.bashrc.  The option and format lists below are checked against
# each command's --help by the test suite.

_coderfit_options()
{
    case $1 in
    score) echo "--rubric -r --as-of --format -f --output -o --output-dir --color --max-input-size --blind --key --quiet -q --strict --help -h" ;;
    rank) echo "--rubric -r --as-of --format -f --output -o --jobs -j --top --min-score --tier --eligible-only --require --min-coding-years --setting --remote --dedupe --bom --merge --color --max-input-size --blind --key --quiet -q --verbose -v --strict --help -h" ;;
    advise) echo "--rubric -r --as-of --with -w --top -n --format -f --blind --key --output -o --output-dir --previous --max-input-size --strict --color --quiet -q --help -h" ;;
    audit) echo "--demographics -d --select --fail-under --key --rubric -r --as-of --format -f --output -o --max-input-size --strict --color --help -h" ;;
    validate) echo "--outcomes --demographics -d --outcome --rubric -r --as-of --format -f --output -o --max-input-size --strict --help -h" ;;
    convert) echo "--as-of --format -f --output -o --max-input-size --strict --help -h" ;;
    lint) echo "--format -f --strict --max-input-size --quiet -q --color --help -h" ;;
    test) echo "--format -f --output -o --as-of --max-input-size --color --help -h" ;;
    diff) echo "--format -f --changed --output -o --as-of --fail-on-tier-change --approved --max-delta --max-input-size --strict --color --help -h" ;;
    show) echo "--rubric -r --format -f --output -o --help -h" ;;
    schema) echo "--help -h" ;;
    template) echo "--help -h" ;;
    esac
}

_coderfit_formats()
{
    case $1 in
    score) echo "text json ndjson md html" ;;
    rank) echo "text csv json ndjson md html" ;;
    advise) echo "text json md html" ;;
    audit) echo "text csv json md" ;;
    validate) echo "text json md html" ;;
    convert) echo "json ndjson jsonresume" ;;
    lint) echo "text json github" ;;
    test) echo "text junit tap" ;;
    diff) echo "text json md github" ;;
    show) echo "yaml json" ;;
    esac
}

_coderfit()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i
    local commands="score rank advise audit validate convert lint test diff show schema template help"
    COMPREPLY=()

    # --option=value: bash splits the word at '=' (COMP_WORDBREAKS)
    if ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[COMP_CWORD-1]} == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif ((COMP_CWORD >= 1)) && [[ $cur == "=" ]]; then
        prev=${COMP_WORDS[COMP_CWORD-1]}
        cur=
    elif ((COMP_CWORD >= 1)); then
        prev=${COMP_WORDS[COMP_CWORD-1]}
    fi

    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}

    case $prev in
    -f | --format)
        COMPREPLY=($(compgen -W "$(_coderfit_formats "$cmd")" -- "$cur"))
        return ;;
    --color | --colour)
        COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
        return ;;
    --as-of)
        COMPREPLY=($(compgen -W "$(date +%Y-%m-%d)" -- "$cur"))
        return ;;
    --tier)
        COMPREPLY=($(compgen -W "strong good developing early" -- "$cur"))
        return ;;
    -w | --with)
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "credential= training= course= skill= coding-months= hipaa= accuracy= productivity= ceus= references= remote-months= audit-months= cdi-months= clinical-months=" -- "$cur"))
        return ;;
    --setting)
        COMPREPLY=($(compgen -W "inpatient outpatient profee risk" -- "$cur"))
        return ;;
    --require)
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "credential=" -- "$cur"))
        return ;;
    --select)
        compopt -o nospace 2>/dev/null
        COMPREPLY=($(compgen -W "tier= top= min-score=" -- "$cur"))
        return ;;
    -j | --jobs | -n | --top | --min-score | --min-coding-years | --max-delta | --fail-under | --max-input-size)
        return ;;
    -r | --rubric)
        COMPREPLY=($(compgen -W "inpatient-coder medical-coder profee-coder risk-adjustment-coder" -- "$cur")
            $(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    --output-dir)
        COMPREPLY=($(compgen -d -- "$cur"))
        return ;;
    -d | --demographics)
        COMPREPLY=($(compgen -f -X '!*.@(csv|json)' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    --outcomes)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -- "$cur"))
        return ;;
    --outcome)
        return ;;
    -o | --output | --key)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_coderfit_options "$cmd")" -- "$cur"))
        return
    fi
    case $cmd in
    help)
        COMPREPLY=($(compgen -W "score rank advise audit validate convert lint test diff show schema template" -- "$cur")) ;;
    schema)
        COMPREPLY=($(compgen -W "profile report rubric ranking advice caseload diff lint audit validation" -- "$cur")) ;;
    lint)
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml)' -- "$cur") $(compgen -d -- "$cur")) ;;
    show) ;;
    *)
        COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}

shopt -s extglob 2>/dev/null
complete -F _coderfit -o filenames coderfit
