#!/bin/sh
# make bench: measures and prints coderfit's performance figures in one run.
# usage: tools/bench.sh BUILD_DIR
#   BENCH_RUNS=5   runs per timing (the median is printed)
#   BENCH_N=50000  profiles for the throughput figures
#   BENCH_RESUMES=0  leave out the resume files (1,000 PDFs, 1,000 DOCX)
set -eu
B=${1:-build}
RUNS=${BENCH_RUNS:-5}
CF="$B/coderfit"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
ASOF="--as-of 2026-11-26"

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# seconds: median wall time of RUNS runs of the command
seconds() {
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(now)
        "$@" >/dev/null 2>&1 || true
        t1=$(now)
        echo "$t1 - $t0" | bc -l
        i=$((i + 1))
    done | median
}

N=${BENCH_N:-50000}
mkdir -p "$W/10k" "$W/100k" "$W/n"
"$B/tools/gen" 10000 "$W/10k"
"$B/tools/gen" 100000 "$W/100k"
"$B/tools/gen" "$N" "$W/n"
bytes=$(cat "$W"/n/*.ndjson | wc -c)
mb=$(echo "$bytes / 1000000" | bc -l)
echo "coderfit benchmark: $(nproc) cores, $RUNS runs per timing (median)"
printf 'data: %d generated profiles (2/3 JSON Resume, 1/3 native) in NDJSON files of 1,000, %.1f MB\n\n' "$N" "$mb"

t_floor=$(seconds "$B/tools/floor" "$W"/n/*.ndjson)
t_j1=$(seconds "$CF" rank -q $ASOF -j 1 -f csv "$W/n")
t_j2=$(seconds "$CF" rank -q $ASOF -j 2 -f csv "$W/n")
for pair in "parse-only floor (read, cJSON parse, free):$t_floor" "rank --jobs 1 -f csv:$t_j1" "rank --jobs 2 -f csv:$t_j2"; do
    name=${pair%:*}
    t=${pair##*:}
    printf '%-44s %7.3f s  %8.0f profiles/s  %6.1f MB/s\n' "$name" "$t" "$(echo "$N / $t" | bc -l)" "$(echo "$mb / $t" | bc -l)"
done
printf '\nrank --jobs 1 / floor throughput:  %.2f   (target >= 0.80)\n' "$(echo "$t_floor / $t_j1" | bc -l)"
printf 'rank --jobs 2 / --jobs 1 speed-up: %.2f   (target >= 1.70)\n' "$(echo "$t_j1 / $t_j2" | bc -l)"

# a folder of files, one profile each: the workers open and read them
mkdir -p "$W/files"
"$B/tools/gen" 20000 "$W/files" 0
t_f1=$(seconds "$CF" rank -q $ASOF -j 1 -f csv "$W/files")
t_f2=$(seconds "$CF" rank -q $ASOF -j 2 -f csv "$W/files")
printf '%-44s %7.3f s  %8.0f profiles/s\n' "rank --jobs 1, a folder of 20,000 files" "$t_f1" "$(echo "20000 / $t_f1" | bc -l)"
printf '%-44s %7.3f s  %8.0f profiles/s\n' "rank --jobs 2, a folder of 20,000 files" "$t_f2" "$(echo "20000 / $t_f2" | bc -l)"
printf 'rank --jobs 2 / --jobs 1 on the folder: %.2f   (target >= 1.70)\n\n' "$(echo "$t_f1 / $t_f2" | bc -l)"

# Instructions per profile (callgrind counts instructions: repeatable).
if command -v valgrind >/dev/null 2>&1; then
    head -n 1 "$W/10k/shard-0000.ndjson" >"$W/one.ndjson"
    head -n 101 "$W/10k/shard-0000.ndjson" >"$W/101.ndjson"
    ir() {
        valgrind --tool=callgrind --callgrind-out-file="$W/cg.out" "$@" >/dev/null 2>"$W/cg.err"
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$W/cg.err"
    }
    i1=$(ir "$CF" score $ASOF -f ndjson "$W/one.ndjson")
    i101=$(ir "$CF" score $ASOF -f ndjson "$W/101.ndjson")
    r1=$(ir "$CF" rank -q $ASOF -j 1 -f csv "$W/one.ndjson")
    r101=$(ir "$CF" rank -q $ASOF -j 1 -f csv "$W/101.ndjson")
    f1=$(ir "$B/tools/floor" "$W/one.ndjson")
    f101=$(ir "$B/tools/floor" "$W/101.ndjson")
    echo "instructions (valgrind callgrind), per profile = (101 profiles - 1 profile) / 100:"
    printf '  score -f ndjson, one profile:  %s in all, %s per profile\n' "$i1" "$(( (i101 - i1) / 100 ))"
    printf '  rank -f csv:                   %s per profile\n' "$(( (r101 - r1) / 100 ))"
    printf '  parse-only floor:              %s per profile\n\n' "$(( (f101 - f1) / 100 ))"
else
    echo "instructions: valgrind not installed (apt-get install valgrind)"
fi

# peak RSS: the median of RUNS runs (thread timing moves it a little)
rss() {
    i=0
    while [ $i -lt "$RUNS" ]; do
        "$B/tools/peakrss" "$@" 2>&1 >/dev/null | sed -n 's/^peak-rss-kib //p'
        i=$((i + 1))
    done | median
}
m10=$(rss "$CF" rank -q $ASOF --top 100 -f csv "$W/10k")
m100=$(rss "$CF" rank -q $ASOF --top 100 -f csv "$W/100k")
printf 'peak RSS, rank --top 100 (median): 10,000 profiles %s KiB, 100,000 profiles %s KiB, ratio %.2f   (target <= 1.20)\n' \
    "$m10" "$m100" "$(echo "$m100 / $m10" | bc -l)"

# Time linear in the input: N = 10,000, 20,000 and 40,000 items of one
# input (errors, rows, aliases); the time per item at 40,000 over that at
# 10,000 is 4 for a quadratic cost, 1 for a linear one (less, where the
# start-up cost is shared).
gen_scale() {   # gen_scale CASE N FILE
    case $1 in
    dates) awk -v n="$2" 'BEGIN { printf "{\"basics\": {\"name\": \"X\"}, \"work\": ["
               for (i = 0; i < n; i++) printf "%s\n{\"position\": \"Coder\", \"startDate\": \"bad%d\"}", (i ? "," : ""), i
               print "]}" }' >"$3" ;;
    csv) awk -v n="$2" 'BEGIN { print "source,sex,race_ethnicity"; for (i = 0; i < n; i++) printf "s%d,%s,White\n", i, (i % 2 ? "F" : "M") }' >"$3" ;;
    json) awk -v n="$2" 'BEGIN { printf "["; for (i = 0; i < n; i++) printf "%s\n{\"source\": \"s%d\", \"sex\": \"F\", \"race_ethnicity\": \"White\"}", (i ? "," : ""), i; print "]" }' >"$3" ;;
    aliases) awk -v n="$2" 'BEGIN { print "format: coderfit-rubric/1\nextends: medical-coder\nid: big\nversion: \"1\"\nqualities:\n  - id: technical\n    criteria:\n      - id: big\n        label: Big\n        type: terms\n        weight: 1\n        advice: x\n        path:\n          summary: 1\n        terms:\n          many:"
               for (i = 0; i < n; i++) printf "            - word%d tool\n", i }' >"$3" ;;
    failed) awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "{\"basics\": {\"name\": \"n%d\"},}\n", i }' >"$3" ;;
    chain) # eight rubrics, each extending the one before, N criteria in all
        for r in 0 1 2 3 4 5 6 7; do
            if [ $r = 7 ]; then out=$3; else out=${3%.yaml}-$r.yaml; fi
            if [ $r = 0 ]; then base=medical-coder; else base=./$(basename "${3%.yaml}")-$((r - 1)).yaml; fi
            awk -v n="$2" -v r=$r -v base="$base" 'BEGIN {
                printf "format: coderfit-rubric/1\nextends: %s\nid: chain%d\nversion: \"1\"\nqualities:\n  - id: technical\n    criteria:\n", base, r
                for (i = 0; i < n / 8; i++)
                    printf "      - {id: c%dx%d, label: Setting, type: level, weight: 1, path: derived.setting, levels: {inpatient: 1}, missing: zero, advice: x}\n", r, i }' >"$out"
        done ;;
    validate) # N saved reports, and an outcome row for each (hired, accuracy)
        awk -v n="$2" -v out="$3.csv" 'BEGIN { srand(1); print "id,hired,accuracy_90d" >out
            for (i = 0; i < n; i++) { s = int(rand() * 1000) / 10; q = int(rand() * 1000) / 10
                t = s >= 65 ? 1 : s >= 45 ? 2 : 3
                printf "{\"format\": \"coderfit-report/1\", \"source\": \"in/a%d.json\", \"applicant\": {\"id\": \"a%d\"}, \"rubric\": {\"id\": \"t\", \"version\": \"1\"}, \"as_of\": \"2026-11-26\", \"score\": %.1f, \"tier\": \"t%d\", \"tier_label\": \"T%d\", \"tier_rank\": %d, \"eligible\": true, \"qualities\": [{\"id\": \"detail\", \"name\": \"Detail\", \"score\": %.1f}]}\n", i, i, s, t, t, t, q
                h = s / 100 + rand() > 1
                printf "a%d,%s,%s\n", i, h ? "yes" : "no", h ? sprintf("%.1f", 90 + rand() * 10) : "" >out } }' >"$3" ;;
    esac
}
"$CF" score $ASOF -f ndjson examples/applicants/*.json >"$W/reports.ndjson" 2>/dev/null
echo "scaling: seconds at N = 10,000 / 20,000 / 40,000; time per item at 40,000 over 10,000   (target <= 1.5)"
for c in "dates:score, one JSON Resume with N bad dates:score $ASOF -f ndjson" \
         "csv:audit, N demographics rows (CSV):audit --select top=3 -d" \
         "json:audit, N demographics rows (JSON):audit --select top=3 -d" \
         "aliases:lint, one criterion with N aliases:lint -f json" \
         "chain:lint, N criteria in 8 rubrics, each extends:lint -f json" \
         "failed:rank --top 10 -f csv, N inputs that fail:rank -q $ASOF --top 10 -f csv" \
         "validate:validate, N saved reports with outcomes:validate -f json --outcomes"; do
    kind=${c%%:*} rest=${c#*:}
    name=${rest%%:*} cmd=${rest#*:}
    ts=""
    case $kind in dates|json) ext=json ;; csv) ext=csv ;; aliases|chain) ext=yaml ;; *) ext=ndjson ;; esac
    f="$W/scale-$kind.$ext"
    for n in 10000 20000 40000; do
        gen_scale "$kind" $n "$f"
        case $kind in
        csv|json) set -- "$CF" $cmd "$f" "$W/reports.ndjson" ;;
        validate) set -- "$CF" $cmd "$f.csv" "$f" ;;
        *) set -- "$CF" $cmd "$f" ;;
        esac
        ts="$ts $(seconds "$@")"
    done
    set -- $ts
    printf '  %-48s %6.3f %6.3f %6.3f   ratio %.2f\n' "$name" "$1" "$2" "$3" "$(echo "($3 / 40000) / ($1 / 10000)" | bc -l)"
done

# Memory of rank -f ndjson without --top, which writes every report: peak
# RSS at 200,000 profiles over that at 20,000 (one run each).
mkdir -p "$W/20k" "$W/200k"
"$B/tools/gen" 20000 "$W/20k"
"$B/tools/gen" 200000 "$W/200k"
n20=$("$B/tools/peakrss" "$CF" rank -q $ASOF -f ndjson "$W/20k" 2>&1 >/dev/null | sed -n 's/^peak-rss-kib //p')
n200=$("$B/tools/peakrss" "$CF" rank -q $ASOF -f ndjson "$W/200k" 2>&1 >/dev/null | sed -n 's/^peak-rss-kib //p')
printf 'peak RSS, rank -f ndjson, no --top: 20,000 profiles %s KiB, 200,000 profiles %s KiB, ratio %.2f   (target <= 1.50)\n' \
    "$n20" "$n200" "$(echo "$n200 / $n20" | bc -l)"

# Resume files as applicants send them: 1,000 PDFs (the corpus's, copied
# round), ranked with --jobs 2, against pdftohtml alone on the same files
# two at a time, which is the floor (coderfit runs it for each PDF); and
# 1,000 DOCX files, read in process, with --jobs 1 (files a second a core).
if [ "${BENCH_RESUMES:-1}" = 1 ] && [ -d tests/resumes/pdf ]; then
    copies() {   # copies KIND: 1,000 files of tests/resumes/KIND in $W/KIND
        mkdir -p "$W/$1"
        i=0
        while [ $i -lt 1000 ]; do
            for f in tests/resumes/"$1"/*."$1"; do
                [ $i -lt 1000 ] && cp "$f" "$W/$1/$(printf %04d $i)-$(basename "$f")"
                i=$((i + 1))
            done
        done
    }
    copies pdf
    copies docx
    echo
    if command -v pdftohtml >/dev/null 2>&1; then
        pdf_floor() { find "$W/pdf" -name '*.pdf' -print0 | xargs -0 -P 2 -n 1 pdftohtml -xml -i -stdout -nodrm -q >/dev/null; }
        t_pf=$(seconds pdf_floor)
        t_pr=$(seconds "$CF" rank -q $ASOF -j 2 -f csv "$W/pdf")
        printf '%-44s %7.3f s  %8.0f files/s\n' "pdftohtml -xml alone, 1,000 PDFs, 2 at a time" "$t_pf" "$(echo "1000 / $t_pf" | bc -l)"
        printf '%-44s %7.3f s  %8.0f files/s\n' "rank --jobs 2, a folder of 1,000 PDFs" "$t_pr" "$(echo "1000 / $t_pr" | bc -l)"
        printf 'rank of the PDFs / pdftohtml alone: %.2f   (target <= 1.25)\n' "$(echo "$t_pr / $t_pf" | bc -l)"
    else
        echo "PDF: pdftohtml is not installed (apt-get install poppler-utils): not measured"
    fi
    t_d1=$(seconds "$CF" rank -q $ASOF -j 1 -f csv "$W/docx")
    printf '%-44s %7.3f s  %8.0f files/s\n' "rank --jobs 1, a folder of 1,000 DOCX" "$t_d1" "$(echo "1000 / $t_d1" | bc -l)"
    printf 'DOCX files read and ranked a second, one core: %.0f   (target >= 300)\n' "$(echo "1000 / $t_d1" | bc -l)"
fi
