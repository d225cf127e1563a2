#!/bin/sh
# Resume files as applicants send them: Word (DOCX) and OpenDocument text
# (ODT) read in process, PDF through pdftohtml, what each reader takes
# from the page (headers, tables, text boxes, lists), where it says it
# read a field, and the hostile files that must be refused at the file
# while a batch goes on.
# usage: tests/resumes.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
RS=tests/resumes
ASOF="--as-of 2026-11-26"

# --- Word and OpenDocument: every file of the corpus is read -----------------
expect_exit 0 "rank: a folder of DOCX files" -- "$CF" rank -q $ASOF -f csv "$RS/docx"
[ "$(csvcols status <"$T/out" | grep -c '^scored$')" = "$(ls "$RS/docx" | wc -l)" ] && ok ||
    no "rank: every DOCX scored: $(csvcols source,status <"$T/out" | grep -v scored)"
expect_exit 0 "rank: a folder of ODT files" -- "$CF" rank -q $ASOF -f csv "$RS/odt"
[ "$(csvcols status <"$T/out" | grep -c '^scored$')" = "$(ls "$RS/odt" | wc -l)" ] && ok ||
    no "rank: every ODT scored: $(csvcols source,status <"$T/out" | grep -v scored)"

# what was read, field by field (convert prints the profile read)
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/out" "$1"; }
expect_exit 0 "convert: an ODT whose jobs are two-cell tables" -- "$CF" convert $ASOF "$RS/odt/adaeze-okonkwo.odt"
[ "$(field 'd["applicant"]["name"]')" = "Adaeze Okonkwo" ] && ok || no "odt: the name, from the Heading 1"
[ "$(field '[(e["title"], e["employer"], e["start"]) for e in d["experience"]][0]')" = "('HIM Supervisor', 'Bayou City Medical Center', '2023-05')" ] &&
    ok || no "odt: a table row read across: title, employer and dates of one job: $(field 'd["experience"][0]')"
[ "$(field 'len(d["experience"])')" = 3 ] && ok || no "odt: the three jobs, one table each"

expect_exit 0 "convert: a DOCX with a page header and a page-number footer" -- "$CF" convert $ASOF "$RS/docx/linda-kowalczyk.docx"
[ "$(field 'd["applicant"]["name"]')" = "Linda M. Kowalczyk" ] && ok || no "docx: the name, not the running head: $(field 'd["applicant"]')"
grep -q 'Page 1' "$T/out" && no "docx: the running head and the page-number footer are left out" || ok

expect_exit 0 "convert: a DOCX whose name and contact sit in the page header" -- "$CF" convert $ASOF "$RS/hard/header-contact.docx"
[ "$(field '(d["applicant"]["name"], d["applicant"]["email"])')" = "('Shawna Pettibone', 'shawna.pettibone@example.com')" ] &&
    ok || no "docx: the name and e-mail read from the page header: $(field 'd["applicant"]')"

expect_exit 0 "convert: a DOCX laid out as one two-column table" -- "$CF" convert $ASOF "$RS/hard/table-layout.docx"
[ "$(field '[c["code"] for c in d["credentials"]]')" != "[]" ] && ok || no "docx: the sidebar's credentials read"
[ "$(field 'len(d["experience"]) >= 2')" = True ] && ok || no "docx: the main column's jobs read: $(field 'd["experience"]')"

expect_exit 0 "convert: a DOCX with a sidebar table" -- "$CF" convert $ASOF "$RS/docx/kwame-osei.docx"
[ "$(field '(d["applicant"]["email"], d["applicant"]["phone"])')" = "('kwame.osei@example.com', '(404) 555-0119')" ] &&
    ok || no "docx: the sidebar's contact lines are the top block's"
case "$(field 'd["summary"]')" in Contact*) no "docx: a Contact heading is not summary text" ;; *) ok ;; esac

# --- where each piece of evidence was read, and from what ----------------------
expect_exit 0 "score: a text resume, as JSON" -- "$CF" score -q $ASOF -f json "$RS/txt/brittany-lasko.txt"
python3 - "$T/out" "$RS/txt/brittany-lasko.txt" <<'EOF2' && ok || no "score: each place points at the file's line that holds the evidence"
import json, sys
d = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
n = 0
for q in d["qualities"]:
    for c in q["criteria"]:
        for e in c["evidence"]:
            if "place" in e and " " not in e["value"] and e["value"] not in ("certificate",):
                src, page, line = e["place"].rsplit(":", 2)
                assert src == sys.argv[2] and page == "1", e
                assert e["value"].lower() in lines[int(line) - 1].lower(), (e, lines[int(line) - 1])
                n += 1
assert n >= 8, n
assert d["read_from"] == {"format": "plain text"}, d.get("read_from")
EOF2
expect_exit 0 "score: a PDF resume" -- "$CF" score -q $ASOF "$RS/pdf/kwame-osei.pdf"
expect_grep "$T/out" "^tests/resumes/pdf/kwame-osei.pdf  (read from a PDF resume of 1 page, as of 2026-11-26)$" "score: the report says what it was read from"
expect_exit 0 "score -f md: a DOCX resume" -- "$CF" score -q $ASOF -f md "$RS/docx/kwame-osei.docx"
expect_grep "$T/out" "^The profile was read from a Word (DOCX) resume.$" "score -f md: what it was read from"
expect_grep "$T/out" 'certificates\\\[0\\\] (page 1, line [0-9]*): CPC' "score -f md: evidence with its page and line"
expect_exit 0 "score: a JSON Resume says no file" -- "$CF" score -q $ASOF "tests/panel/profiles/kwame-osei.json"
expect_grep "$T/out" "(JSON Resume, as of 2026-11-26)" "score: a JSON Resume is said to be one"

# --- convert -f jsonresume: what was read, as a JSON Resume that validates ------
for f in pdf/kwame-osei.pdf docx/linda-kowalczyk.docx odt/adaeze-okonkwo.odt txt/destiny-okafor.txt hard/resume.md; do
    expect_exit 0 "convert -f jsonresume: $f" -- "$CF" convert -f jsonresume "$RS/$f"
    python3 - "$T/out" <<'EOF2' && ok || no "convert -f jsonresume: $f validates against the JSON Resume schema, with nothing of the reader's notes"
import json, sys, jsonschema
schema = json.load(open("tests/data/jsonresume/schema.json"))
doc = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
assert "coderfit" not in doc.get("meta", {}) and doc["basics"]["name"]
EOF2
done
"$CF" convert -f jsonresume "$RS/docx/kwame-osei.docx" >"$T/kwame.json"
expect_exit 0 "the JSON Resume that convert printed scores as the file" -- "$CF" score -q $ASOF -f json "$T/kwame.json"
a=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$T/out")
"$CF" score -q $ASOF -f json "$RS/docx/kwame-osei.docx" >"$T/out"
b=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["score"])' "$T/out")
[ "$a" = "$b" ] && ok || no "convert -f jsonresume: the JSON scores $a, the file $b"
expect_exit 4 "convert -f jsonresume: a native profile has none" -- "$CF" convert -f jsonresume examples/applicants/new-cca.native.json
expect_grep "$T/err" "new-cca.native.json: error: a coderfit profile has no JSON Resume to print" "convert -f jsonresume: a native profile is said to have none"

# --- every command reads them ---------------------------------------------------
mkdir -p "$T/cases"
cat >"$T/cases/resumes.yaml" <<EOF2
cases:
  - name: a Word resume
    profile: $PWD/$RS/docx/tuan-nguyen.docx
    as_of: "2026-11-26"
    expect: {tier: good, eligible: true}
  - name: a PDF resume
    profile: $PWD/$RS/pdf/gloria-benavides.pdf
    as_of: "2026-11-26"
    expect: {tier: strong}
EOF2
expect_exit 0 "test: cases whose profiles are resume files" -- "$CF" test medical-coder "$T/cases/resumes.yaml"
expect_exit 0 "advise: an ODT resume" -- "$CF" advise $ASOF "$RS/odt/catherine-lindqvist.odt"
expect_grep "$T/out" "^Catherine Lindqvist " "advise: the ODT's applicant named"
expect_exit 0 "diff: two rubrics on resume files" -- "$CF" diff $ASOF medical-coder profee-coder "$RS/docx/tuan-nguyen.docx" "$RS/pdf/tuan-nguyen.pdf"
expect_grep "$T/out" "2 of 2 profiles moved" "diff: both files scored with both rubrics"

# --- --blind: a file's name says whose it is ----------------------------------
mkdir -p "$T/inbox"
cp "$RS/pdf/kwame-osei.pdf" "$T/inbox/Kwame_Osei_Resume.pdf"
cp "$RS/docx/linda-kowalczyk.docx" "$T/inbox/Linda-Kowalczyk-CV.docx"
for f in text csv json ndjson md html; do
    expect_exit 0 "rank --blind -f $f: resume files named after their applicant" -- "$CF" rank -q --blind $ASOF -f $f "$T/inbox"
    grep -q -i -e kwame -e osei -e linda -e kowalczyk "$T/out" && no "rank --blind -f $f: a name from a file's name or its text in the output" || ok
done
expect_exit 0 "score --blind -f json: a PDF" -- "$CF" score -q --blind $ASOF -f json "$T/inbox/Kwame_Osei_Resume.pdf"
expect_grep "$T/out" '"place": "applicant-[0-9a-f]*:1:[0-9]*"' "score --blind: places name the applicant's id"

# --- a PDF whose list markers are drawn, not written ---------------------------
expect_exit 0 "convert: a PDF whose bullets are shapes" -- "$CF" convert -f jsonresume tests/data/pdf/bullets-drawn.pdf
[ "$(field '(d["work"][0]["position"], d["work"][0]["highlights"])')" = "('Medical Coder', ['Code 80 ED charts a day'])" ] &&
    ok || no "pdf: a line set in under a job is one of its points: $(field 'd["work"]')"

# --- the same applicant, the same tier, whatever the format ------------------
tier() { "$CF" score $ASOF -f json "$1" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["tier"])'; }
for n in brittany-lasko catherine-lindqvist maria-santos tyler-brandt; do
    t=$(tier "tests/panel/profiles/$n.json")
    [ "$(tier "$RS/docx/$n.docx")" = "$t" ] && [ "$(tier "$RS/odt/$n.odt")" = "$t" ] && ok ||
        no "$n: the DOCX and ODT are in the JSON twin's tier ($t)"
done

# --- hostile files: each refused at the file, the batch goes on --------------
H="$T/hostile"
mkdir -p "$H"
python3 - "$H" "$RS/docx/tuan-nguyen.docx" <<'EOF'
import struct, sys, zipfile, zlib
out, good = sys.argv[1], sys.argv[2]

def raw_zip(path, name, data, usize, crc=0):
    """One deflated entry, written by hand so that its sizes can lie."""
    n = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), usize, len(n), 0) + n
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), usize, len(n),
                          0, 0, 0, 0, 0, 0) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(data), 0)
    open(path, "wb").write(local + data + central + end)

# 10 GiB of zeros, deflated: 1 MiB blocks, each ended by a full flush so
# that they can be repeated, then an empty final block
c = zlib.compressobj(9, zlib.DEFLATED, -15)
block = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
bomb = block * 10240 + b"\x03\x00"
raw_zip(out + "/bomb-said.docx", "word/document.xml", bomb, 0xFFFFFFF0)   # says 4 GiB
raw_zip(out + "/bomb-hidden.docx", "word/document.xml", bomb, 1000)       # says 1,000 bytes

def docx(path, document):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
lol = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
    '<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + "]>"
docx(out + "/entities.docx", '<?xml version="1.0"?>' + lol + "<w:document %s><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>" % W)
docx(out + "/deep.docx", "<w:document %s><w:body>" % W + "<w:sdt><w:sdtContent>" * 50000 + "</w:sdtContent></w:sdt>" * 50000 + "</w:body></w:document>")
docx(out + "/empty.docx", "<w:document %s><w:body><w:p/></w:body></w:document>" % W)
docx(out + "/broken.docx", "<w:document %s><w:body><w:p>" % W)
with zipfile.ZipFile(out + "/entries.docx", "w", zipfile.ZIP_STORED) as z:
    z.writestr("word/document.xml", "<w:document %s/>" % W)
    for i in range(100000):
        z.writestr("f%d" % i, "")
data = open(good, "rb").read()
open(out + "/truncated.docx", "wb").write(data[: len(data) // 2])
EOF
cp "$RS/hard/not-a-zip.docx" "$RS/docx/tuan-nguyen.docx" "$RS/odt/maria-santos.odt" "$H/"
refused() {   # FILE MESSAGE: the file refused with the message, at the file
    expect_exit 4 "hostile: $1" -- "$CF" score $ASOF "$H/$1"
    expect_grep "$T/err" "^coderfit: $H/$1: error: $2" "hostile: $1 says so"
}
refused bomb-said.docx "word/document.xml unpacks to 4095 MiB, more than a resume ever holds (32 MiB at most): not read (a zip bomb?)"
refused bomb-hidden.docx "word/document.xml unpacks to more than 32 MiB, more than a resume ever holds: not read (a zip bomb?)"
refused entities.docx "word/document.xml declares a DTD, which a Word (DOCX) document never does: not read"
refused deep.docx "word/document.xml nests elements deeper than a document ever does (more than 256): not read"
refused broken.docx "word/document.xml is not XML that can be read, at line 1: "
refused empty.docx "no text in this Word (DOCX) document"
refused entries.docx "a zip of 100001 entries: more than a Word (DOCX) document holds (10000 at most): not read"
refused truncated.docx "not a Word (DOCX) document that can be opened: Not a zip archive"
refused not-a-zip.docx "the name says Word (DOCX), but the bytes are not a document that coderfit knows: not read"
expect_exit 4 "rank: a folder of hostile files and two good ones" -- "$CF" rank $ASOF -f csv "$H"
[ "$(csvcols source,status <"$T/out" | sed 's|,refused.*|,refused|; s|.*/||' | sort | tr '\n' ' ')" = "bomb-hidden.docx,refused bomb-said.docx,refused broken.docx,refused deep.docx,refused empty.docx,refused entities.docx,refused entries.docx,refused maria-santos.odt,scored not-a-zip.docx,refused truncated.docx,refused tuan-nguyen.docx,scored " ] &&
    ok || no "rank: the good files scored, each hostile one refused: $(csvcols source,status <"$T/out")"

# --- pdftohtml that runs long or writes without end --------------------------
mkdir -p "$T/slow" "$T/loud"
printf '#!/bin/sh\nexec sleep 30\n' >"$T/slow/pdftohtml"
printf '#!/bin/sh\nexec yes "<text>xxxxxxxxxxxxxxxxxxxxxxxx</text>"\n' >"$T/loud/pdftohtml"
chmod +x "$T/slow/pdftohtml" "$T/loud/pdftohtml"
expect_exit 4 "pdf: pdftohtml that runs long is stopped" -- env PATH="$T/slow:$PATH" CODERFIT_PDF_SECONDS=1 \
    "$CF" score $ASOF "$RS/pdf/brittany-lasko.pdf" "$RS/docx/brittany-lasko.docx"
expect_grep "$T/err" "brittany-lasko.pdf: error: pdftohtml took more than 1 seconds on it: stopped" "pdf: the time limit is said"
expect_grep "$T/out" "^Brittany Lasko " "pdf: the DOCX after it is still read"
expect_exit 4 "pdf: pdftohtml that writes without end is stopped" -- env PATH="$T/loud:$PATH" \
    "$CF" score $ASOF --max-input-size 64K "$RS/pdf/brittany-lasko.pdf"
expect_grep "$T/err" "brittany-lasko.pdf: error: pdftohtml wrote more than 1048576 bytes of it: stopped" "pdf: the output limit is said"

finish
