#!/bin/sh
# Streams: the size limit is per record, never per stream, in every command
# that reads one, and a stream is read in bounded memory.  The README's
# shard recipes run on a batch larger than the default limit (16 MiB),
# unless STREAM_BIG=0 (valgrind runs the small cases only).
# usage: tests/stream.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
ASOF="--as-of 2026-11-26"
LIMIT=${STREAM_SECONDS:-10}   # seconds for 80,000 broken texts (quadratic: minutes)
EX=examples/applicants

# runs the shell command $2 and writes the most memory it held, in KiB, to
# $1 (tools/peakrss, which make test builds)
max_rss() {
    "$B/tools/peakrss" sh -c "$2" 2>"$1.err"
    rc=$?
    sed -n 's/^peak-rss-kib //p' "$1.err" >"$1"
    return $rc
}

# NDJSON of the example profiles, one per line, to about $2 bytes
make_stream() {
    python3 - "$1" "$2" "$EX" <<'EOF'
import glob, json, sys
out, want, ex = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [json.dumps(json.load(open(f)), separators=(",", ":")) for f in sorted(glob.glob(ex + "/*.json"))]
n = size = 0
with open(out, "w") as f:
    while size < want:
        line = lines[n % len(lines)]
        f.write(line + "\n")
        size += len(line) + 1
        n += 1
EOF
}

# --- the limit is per record ---------------------------------------------------------
make_stream "$T/small.ndjson" 60000
n=$(wc -l <"$T/small.ndjson")
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/small.ndjson")
[ "$(wc -c <"$T/small.ndjson")" -gt 49152 ] && [ "$longest" -lt 8192 ] && ok ||
    no "the small stream is over 48K with lines under 8K ($longest)"
expect_exit 0 "score: a stream over the limit whose records are under it" -- \
    "$CF" score $ASOF --max-input-size 8K -f ndjson "$T/small.ndjson"
[ "$(wc -l <"$T/out")" = "$n" ] && ok || no "score: every record of the stream scored ($(wc -l <"$T/out") of $n)"
cp "$T/out" "$T/small.reports"
expect_exit 0 "convert: a stream over the limit" -- sh -c "\"$CF\" convert --max-input-size 8K - <\"$T/small.ndjson\""
[ "$(grep -c '^{' "$T/out")" = "$n" ] && ok || no "convert: every record of stdin converted"
# a limit over the longest report, under the stream of them
rlong=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/small.reports")
rlim=$((rlong / 1024 + 1))
[ "$(wc -c <"$T/small.reports")" -gt $((rlim * 2048)) ] && ok || no "the reports' stream is not over twice the limit of ${rlim}K"
expect_exit 0 "rank --merge: reports over the limit" -- sh -c "\"$CF\" rank --merge --max-input-size ${rlim}K -f csv - <\"$T/small.reports\""
[ "$(wc -l <"$T/out")" = $((n + 1)) ] && ok || no "rank --merge: every report merged"
printf 'source,sex,race_ethnicity\n' >"$T/demo.csv"
i=1
while [ $i -le "$n" ]; do
    if [ $((i % 2)) = 0 ]; then echo "$T/small.ndjson:$i,Female,White"; else echo "$T/small.ndjson:$i,Male,Asian"; fi
    i=$((i + 1))
done >>"$T/demo.csv"
expect_exit 0 "audit: a stream over the limit" -- \
    "$CF" audit $ASOF --max-input-size 8K -d "$T/demo.csv" --select top=5 -f json "$T/small.ndjson"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["applicants"] == int(sys.argv[2]) else 1)' \
    "$T/out" "$n" && ok || no "audit: every record of the stream counted: $(head -c 300 "$T/out")"
# a record over the limit is refused alone, the records around it kept
{ head -n 2 "$T/small.ndjson"; python3 -c 'print("{\"basics\":{\"summary\":\"" + "x" * 9000 + "\"}}")'; sed -n 3,4p "$T/small.ndjson"; } >"$T/one-long.ndjson"
expect_exit 4 "score: one record over the limit" -- "$CF" score $ASOF --max-input-size 8K -f ndjson "$T/one-long.ndjson"
[ "$(wc -l <"$T/out")" = 4 ] && ok || no "score: the records around a long one are scored"
expect_grep "$T/err" "one-long.ndjson:3:1: error: line longer than the input size limit (8192 bytes)" "score: the long record is named"
[ "$(wc -l <"$T/err")" = 1 ] && ok || no "score: one message for the long record: $(cat "$T/err")"
expect_exit 4 "rank: one record over the limit" -- "$CF" rank -q $ASOF --max-input-size 8K -f csv "$T/one-long.ndjson"
[ "$(csvcols status <"$T/out" | grep -c '^scored$')" = 4 ] && ok || no "rank: the records around a long one are ranked"
[ "$(csvcols status <"$T/out" | grep -c '^refused: ')" = 1 ] && ok || no "rank: the long record is a refused row"

# --- unclosed texts take linear time ----------------------------------------------------
python3 -c 'import sys; sys.stdout.write("{\n" * 80000)' >"$T/open.json"
start=$(date +%s)
expect_exit 4 "score: 80,000 lines of {" -- sh -c "\"$CF\" score - <\"$T/open.json\""
[ $(($(date +%s) - start)) -lt "$LIMIT" ] && ok || no "score: 80,000 unclosed texts took $(($(date +%s) - start)) s"
[ "$(grep -c 'not closed' "$T/err")" = 80000 ] && ok || no "score: each unclosed text is reported once ($(grep -c 'not closed' "$T/err"))"
start=$(date +%s)
expect_exit 4 "rank: 80,000 lines of {" -- sh -c "\"$CF\" rank -q -f csv - <\"$T/open.json\""
[ $(($(date +%s) - start)) -lt "$LIMIT" ] && ok || no "rank: 80,000 unclosed texts took $(($(date +%s) - start)) s"
[ "$(grep -c 'not closed' "$T/err")" = 80000 ] && ok || no "rank: each unclosed text is reported once"

# --- the shard recipes, past 16 MiB, in bounded memory ---------------------------------------
if [ "${STREAM_BIG:-1}" != 0 ]; then
    make_stream "$T/big.ndjson" 17500000
    nb=$(wc -l <"$T/big.ndjson")
    [ "$(wc -c <"$T/big.ndjson")" -gt 16777216 ] && ok || no "the big stream is over 16 MiB"
    # Hadoop Streaming: the mapper scores stdin, the reducer merges stdin
    max_rss "$T/mapper.kb" "\"$CF\" score $ASOF -f ndjson - <\"$T/big.ndjson\" >\"$T/big.reports\"" &&
        ok || no "mapper: score -f ndjson - of more than 16 MiB"
    [ "$(wc -l <"$T/big.reports")" = "$nb" ] && ok || no "mapper: a report for every profile"
    max_rss "$T/reducer.kb" "\"$CF\" rank --merge -f csv - <\"$T/big.reports\" >\"$T/merged.csv\"" &&
        ok || no "reducer: rank --merge - of $(wc -c <"$T/big.reports") bytes"
    "$CF" rank -q $ASOF -f csv - <"$T/big.ndjson" >"$T/direct.csv"
    cmp -s "$T/merged.csv" "$T/direct.csv" && ok || no "the Hadoop recipe gives the bytes of one run"
    max_rss "$T/convert.kb" "\"$CF\" convert - <\"$T/big.ndjson\" | grep -c coderfit-profile/1 >\"$T/converted\"" && ok ||
        no "convert - of more than 16 MiB"
    [ "$(cat "$T/converted")" = "$nb" ] && ok || no "convert: every profile of stdin"
    # the memory of a stream does not grow with it: far below its size
    # (AddressSanitizer's quarantine keeps what is freed: not measured there)
    if ! grep -q __asan_init "$CF"; then
        for kb in mapper convert; do
            [ "$(tail -n 1 "$T/$kb.kb")" -lt 12288 ] && ok || no "$kb: $(tail -n 1 "$T/$kb.kb") KB for a stream of 17 MB"
        done
        # the reducer keeps a row a profile to sort them (name, contact,
        # facts, scores), never the report: a few hundred bytes each
        head -n 1 "$T/big.reports" >"$T/one.reports"
        max_rss "$T/one.kb" "\"$CF\" rank --merge -f csv - <\"$T/one.reports\" >/dev/null"
        per=$((($(tail -n 1 "$T/reducer.kb") - $(tail -n 1 "$T/one.kb")) * 1024 / nb))
        [ "$per" -lt 640 ] && ok || no "reducer: $per bytes a profile over $nb profiles"
        [ "$(tail -n 1 "$T/reducer.kb")" -lt 16384 ] && ok || no "reducer: $(tail -n 1 "$T/reducer.kb") KB for a stream of 17 MB"
    fi
    # GNU parallel's recipe, with xargs: shards of the stream, merged
    mkdir "$T/shards"
    split -l 3000 --additional-suffix=.ndjson "$T/big.ndjson" "$T/shards/part-"
    ls "$T/shards"/part-* | xargs -P 2 -I{} sh -c "\"$CF\" rank -q -f ndjson $ASOF {} >{}.reports"
    "$CF" rank --merge -f csv "$T/shards"/*.reports >"$T/shards.csv"
    "$CF" rank -q $ASOF -f csv "$T/shards"/part-??.ndjson >"$T/shards-direct.csv"
    [ "$(wc -l <"$T/shards.csv")" = $((nb + 1)) ] && cmp -s "$T/shards.csv" "$T/shards-direct.csv" && ok ||
        no "the parallel recipe over 16 MiB gives the bytes of one run"
fi
finish
