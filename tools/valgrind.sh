#!/bin/sh
# make check-valgrind: the whole suite with every program run under
# valgrind's memcheck; any memory error or leak makes that run exit 99,
# which the tests see as a wrong exit status.
# usage: tools/valgrind.sh BUILD_DIR
set -eu
B=${1:-build}
V=build-vg
command -v valgrind >/dev/null 2>&1 || { echo "check-valgrind needs valgrind (apt-get install valgrind)"; exit 1; }
mkdir -p "$V"
for prog in coderfit unit-tests; do
    cat >"$V/$prog" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --read-inline-info=no --leak-check=full --show-leak-kinds=definite,indirect \\
    --errors-for-leak-kinds=definite,indirect "$(pwd)/$B/$prog" "\$@"
WRAP
    chmod +x "$V/$prog"
done
# valgrind runs programs some twenty times slower: give the hostile and
# stream cases time (then they need not run alone), and leave the 17 MB
# recipes to the other builds and the unit tests' allocation-failure
# sweeps to make check-fault
ALONE= HOSTILE_SECONDS=120 STREAM_SECONDS=300 STREAM_BIG=0 UNIT_GROUPS=-fault exec sh tests/run.sh "$V" behaviour
