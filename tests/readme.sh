#!/bin/sh
# The walkthroughs are real: every command in a ```console block of the
# README and of docs/recruiter.md, counselor.md and ci.md is run (each
# document from a scratch folder of its own that sees examples/, rubrics/,
# tests/cases/ and tests/resumes/) with the program of BUILD_DIR first in
# PATH, and its output
# (stdout and stderr together) must be the lines shown, where a line "..."
# stands for any number of lines.  Every ```yaml block that is a rubric
# must pass coderfit lint --strict.
# usage: tests/readme.sh BUILD_DIR
B=${1:-build}
. tests/lib.sh
command -v python3 >/dev/null 2>&1 || { echo "FAIL: the README test needs python3"; echo "0 passed, 1 failed"; exit 1; }
python3 - "$T" "$(cd "$B" && pwd)" README.md docs/recruiter.md docs/counselor.md docs/ci.md <<'PY'
import os, re, subprocess, sys

tmp, bindir, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
root = os.getcwd()
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

def workdir(n):
    """A scratch folder of its own for each document, that sees what a clone has."""
    work = os.path.join(tmp, "work%d" % n)
    os.makedirs(os.path.join(work, "tests"))
    for d in ("examples", "rubrics", "tests/cases", "tests/resumes"):
        os.symlink(os.path.join(root, d), os.path.join(work, d))
    return work

for n, readme in enumerate(docs):
    work = workdir(n)
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
                print("FAIL: %s: a rubric does not lint clean:\n%s" % (readme, r.stdout))
            continue
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                failed += 1
                print("FAIL: %s console block: output before any command: %s" % (readme, lines[i]))
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
                print("FAIL: %s: $ %s" % (readme, cmd))
                print("  shown:\n    " + "\n    ".join(want[:12]))
                print("  got:\n    " + "\n    ".join(got[:12]))
    if commands < 4:
        failed += 1
        print("FAIL: %s has only %d console commands" % (readme, commands))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
