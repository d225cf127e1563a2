#!/bin/sh
# The README's walkthroughs are real: every command in a ```console block
# is run (from a scratch folder that sees examples/, rubrics/,
# tests/cases/ and tests/resumes/) with the program of BUILD_DIR first in
# PATH, and its output
# (stdout and stderr together) must be the lines shown, where a line "..."
# stands for any number of lines.  Every ```yaml block that is a rubric
# must pass coderfit lint --strict.
# usage: tests/readme.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
command -v python3 >/dev/null 2>&1 || { echo "FAIL: the README test needs python3"; echo "0 passed, 1 failed"; exit 1; }
W="$T/work"
mkdir -p "$W/tests"
ln -s "$PWD/examples" "$W/examples"
ln -s "$PWD/rubrics" "$W/rubrics"
ln -s "$PWD/tests/cases" "$W/tests/cases"
ln -s "$PWD/tests/resumes" "$W/tests/resumes"
python3 - README.md "$W" "$(cd "$B" && pwd)" <<'PY'
import os, re, subprocess, sys

readme, work, bindir = sys.argv[1:4]
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
for var in ("COLUMNS", "NO_COLOR", "TERM"):
    env.pop(var, None)
passed = failed = 0

def match(want, got):
    """want's lines against got's; a line '...' matches any number of lines."""
    memo = {}
    def m(i, j):
        if (i, j) not in memo:
            if i == len(want):
                r = j == len(got)
            elif want[i].strip() == "...":
                r = any(m(i + 1, k) for k in range(j, len(got) + 1))
            else:
                r = j < len(got) and want[i] == got[j] and m(i + 1, j + 1)
            memo[i, j] = r
        return memo[i, j]
    return m(0, 0)

text = open(readme, encoding="utf-8").read()
blocks = re.findall(r"^```(console|yaml)\n(.*?)^```$", text, re.S | re.M)
commands = 0
for kind, body in blocks:
    lines = body.rstrip("\n").split("\n")
    if kind == "yaml":
        if not lines[0].startswith("format: coderfit-rubric/"):
            continue
        path = os.path.join(work, "readme-rubric.yaml")
        open(path, "w", encoding="utf-8").write(body)
        r = subprocess.run(["coderfit", "lint", "--strict", path], env=env, cwd=work,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode == 0:
            passed += 1
        else:
            failed += 1
            print("FAIL: the README's rubric does not lint clean:\n" + r.stdout)
        continue
    i = 0
    while i < len(lines):
        if not lines[i].startswith("$ "):
            failed += 1
            print("FAIL: README console block: output before any command: " + lines[i])
            break
        cmd = lines[i][2:]
        i += 1
        want = []
        while i < len(lines) and not lines[i].startswith("$ "):
            want.append(lines[i])
            i += 1
        r = subprocess.run(["sh", "-c", cmd], env=env, cwd=work, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        got = r.stdout.decode("utf-8", "replace").split("\n")
        if got and got[-1] == "":
            got.pop()
        got = [g[:-1] if g.endswith("\r") else g for g in got]   # CSV lines end in CRLF
        commands += 1
        if match(want, got):
            passed += 1
        else:
            failed += 1
            print("FAIL: README: $ " + cmd)
            print("  shown:\n    " + "\n    ".join(want[:12]))
            print("  got:\n    " + "\n    ".join(got[:12]))
if commands < 8:
    failed += 1
    print("FAIL: the README has only %d console commands" % commands)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
