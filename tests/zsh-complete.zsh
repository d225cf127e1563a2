# Runs zsh's completion for real: an interactive zsh on a pseudo-terminal
# (zsh/zpty) loads _coderfit from COMPLETION_DIR with compinit, each line is
# typed with a TAB after it, and what the completion would offer goes to
# OUTDIR/N for the Nth line (one match per line).
# usage: zsh -f tests/zsh-complete.zsh COMPLETION_DIR OUTDIR 'line'...
zmodload zsh/zpty || exit 1
dir=$1 out=$2; shift 2
zpty z zsh -f -i
zpty -w z "PS1=''; setopt no_beep; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D"
# compadd writes what it would offer to the file \$__f; a call that only
# fills an array (-O, -A, -D) is left alone
zpty -w z 'compadd() { if [[ " ${(j: :)@[1,(i)(-|--)]} " == *" -"[OAD]" "* ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -A __m "$@"; local r=$?; (( $#__m )) && print -r -l -- $__m >>$__f; return r; }'
# ^X runs the completion, then prints a mark: typing on before the mark
# would cut the completion short (zsh stops completing when keys are waiting)
zpty -w z '_cf_complete() { zle complete-word; print "<DONE-$((__n+1))>"; }; zle -N _cf_complete; bindkey "^X" _cf_complete'
wait_for() {   # reads the pty until the output of: print MARK-$((1+N))
  local line
  while zpty -r z line; do
    [[ $line == *$1* && $line != *'$(('* ]] && return 0
  done
  return 1
}
n=0
for q in "$@"; do
  n=$((n + 1))
  : >"$out/$n"
  zpty -w z "__f=$out/$n; __n=$n; print SET-\$((1+$n))"
  wait_for SET-$((1 + n)) || exit 1
  zpty -w -n z "$q"$'\C-x'
  wait_for "<DONE-$((1 + n))>" || exit 1
  zpty -w z $'\C-u'"print END-\$((1+$n))"
  wait_for END-$((1 + n)) || exit 1
done
zpty -d z
