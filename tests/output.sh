#!/bin/sh
# -o FILE and --key FILE never destroy: a device or FIFO is written to, not
# replaced; a symbolic link's target is written; an existing file keeps its
# mode, owner and group, a file with other hard links its other names; a
# new key is 0600; an interrupted write leaves no temporary file.  The
# devices are made with mknod, as root, in a scratch folder.
# usage: tests/output.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
EX=examples/applicants
P="$EX/inpatient-coder.json"
root=0
# enough output to outgrow a pipe's buffer
MANY=$(for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo $EX/*.json; done | tr "\n" " ")
[ "$(id -u)" = 0 ] && root=1

if [ $root = 1 ] && mknod "$T/null" c 1 3 2>/dev/null && mknod "$T/full" c 1 7 2>/dev/null; then
    expect_exit 0 "-o a character device (null)" -- "$CF" score $ASOF -o "$T/null" "$P"
    [ -c "$T/null" ] && ok || no "-o: the device was replaced by a file"
    expect_exit 5 "-o a full device" -- "$CF" score $ASOF -o "$T/full" "$P"
    expect_grep "$T/err" "^coderfit: $T/full: error: cannot write: No space left on device" "-o a full device: the message"
    [ -c "$T/full" ] && ok || no "-o /dev/full: the device was replaced by a file"
    ls "$T" | grep -q '\.tmp\.' && no "-o a device: a temporary file left" || ok
    # a write that fails part-way: named once, with its reason
    expect_exit 5 "-o a full device, many profiles" -- "$CF" rank $ASOF -f ndjson -o "$T/full" $MANY
    [ "$(grep -v 'warning: ' "$T/err")" = "coderfit: $T/full: error: cannot write: No space left on device" ] &&
        ok || no "rank -o a full device: not one message naming the device: $(grep -v 'warning: ' "$T/err" | head -3)"
else
    echo "output test: not root, or no mknod here: the device cases are left out" >&2
fi
# With SIGPIPE ignored, a closed pipe is a write error: named as such,
# once, exit 5 (it is not memory running out).
for cmd in "score" "rank -f ndjson" "convert"; do
    sh -c "trap '' PIPE; \"\$0\" $cmd $ASOF $MANY 2>\"$T/err\"; echo \$? >\"$T/rc\"" "$CF" | head -c 1 >/dev/null
    [ "$(cat "$T/rc")" = 5 ] && ok || no "$cmd | head, SIGPIPE ignored: exit $(cat "$T/rc"), want 5"
    [ "$(grep -v 'warning: ' "$T/err")" = "coderfit: error: cannot write to standard output: Broken pipe" ] &&
        ok || no "$cmd | head, SIGPIPE ignored: not the one message: $(grep -v 'warning: ' "$T/err" | head -3)"
done
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/from-fifo" &
reader=$!
expect_exit 0 "-o a FIFO" -- "$CF" score $ASOF -f json -o "$T/fifo" "$P"
wait $reader
[ -p "$T/fifo" ] && ok || no "-o: the FIFO was replaced"
expect_grep "$T/from-fifo" '"score": 90.5' "-o a FIFO: the reader got the report"

# a symbolic link is followed; one to nothing is refused
echo old >"$T/real.txt"
ln -s real.txt "$T/link.txt"
expect_exit 0 "-o a symbolic link" -- "$CF" score $ASOF -o "$T/link.txt" "$P"
[ -L "$T/link.txt" ] && ok || no "-o: the link was replaced"
expect_grep "$T/real.txt" "Dana Whitfield" "-o a link: its target written"
ls "$T" | grep -q '\.tmp\.' && no "-o a link: a temporary file left" || ok
ln -s nowhere.txt "$T/dangling.txt"
expect_exit 2 "-o a link to nothing" -- "$CF" score $ASOF -o "$T/dangling.txt" "$P"
expect_grep "$T/err" "a symbolic link to nothing" "-o a link to nothing: the message"
mkdir "$T/dir"
expect_exit 2 "-o a folder" -- "$CF" score $ASOF -o "$T/dir" "$P"

# modes, owners, hard links
echo old >"$T/kept.txt"
chmod 640 "$T/kept.txt"
[ $root = 1 ] && chown 1234:2345 "$T/kept.txt"
expect_exit 0 "-o an existing file" -- "$CF" score $ASOF -o "$T/kept.txt" "$P"
[ "$(stat -c %a "$T/kept.txt")" = 640 ] && ok || no "-o: the mode was $(stat -c %a "$T/kept.txt"), not 640"
if [ $root = 1 ]; then
    [ "$(stat -c %u:%g "$T/kept.txt")" = 1234:2345 ] && ok || no "-o: the owner was $(stat -c %u:%g "$T/kept.txt")"
fi
echo old >"$T/one.txt"
ln "$T/one.txt" "$T/two.txt"
expect_exit 0 "-o a file with another hard link" -- "$CF" score $ASOF -o "$T/one.txt" "$P"
grep -q "Dana Whitfield" "$T/two.txt" && ok || no "-o: the other hard link lost the new content"
expect_exit 0 "--key, new" -- "$CF" rank -q $ASOF --blind --key "$T/key.csv" -f csv "$EX"
[ "$(stat -c %a "$T/key.csv")" = 600 ] && ok || no "--key: a new key is $(stat -c %a "$T/key.csv"), not 600"
chmod 400 "$T/key.csv"
chmod u+w "$T/key.csv"
chmod 600 "$T/key.csv"
expect_exit 0 "--key, again" -- "$CF" rank -q $ASOF --blind --key "$T/key.csv" -f csv "$EX"
[ "$(stat -c %a "$T/key.csv")" = 600 ] && ok || no "--key: the key's mode became $(stat -c %a "$T/key.csv")"
umask 022
rm -f "$T/new.txt"
expect_exit 0 "-o a new file" -- "$CF" score $ASOF -o "$T/new.txt" "$P"
[ "$(stat -c %a "$T/new.txt")" = 644 ] && ok || no "-o: a new file is $(stat -c %a "$T/new.txt"), not 644"

# interrupted while writing: no temporary file is left, the old output whole
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    for i in range(12000):
        f.write(json.dumps(d) + "\n")' "$P" "$T/many.ndjson"
echo "the old output" >"$T/big.ndjson"
for sig in INT TERM HUP; do
    "$CF" score $ASOF -f ndjson -o "$T/big.ndjson" "$T/many.ndjson" 2>/dev/null &
    pid=$!
    sleep 0.4
    kill -$sig $pid 2>/dev/null
    wait $pid 2>/dev/null
    ls "$T" | grep -q 'big.ndjson.tmp' && no "SIG$sig during -o: a temporary file left" || ok
    { [ "$(cat "$T/big.ndjson")" = "the old output" ] || [ "$(wc -l <"$T/big.ndjson")" = 12000 ]; } && ok ||
        no "SIG$sig during -o: the output is neither the old one nor the new one"
done

finish
