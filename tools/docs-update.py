#!/usr/bin/env python3
"""Write the output of the documentation's console blocks anew, after a
deliberate change of what the commands print.

usage: tools/docs-update.py BUILD_DIR FILE.md...

Each `$ command` of a ```console block is run as tests/readme.sh runs it
(from a scratch folder that sees examples/, rubrics/, tests/cases/ and
tests/resumes/, the program of BUILD_DIR first in PATH), and the lines
shown after it are replaced by what it prints.  A block that elides lines
with "..." keeps its elisions: as many lines as were shown before the
first "..." (and the lines indented under the last of them) and after the
last.  Read the diff before committing it."""
import os, re, subprocess, sys, tempfile

bindir = os.path.abspath(sys.argv[1])
root = os.getcwd()
work = tempfile.mkdtemp(prefix="docs-update.")
os.makedirs(os.path.join(work, "tests"))
for d in ("examples", "rubrics", "tests/cases", "tests/resumes"):
    os.symlink(os.path.join(root, d), os.path.join(work, d))
env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
for var in ("COLUMNS", "NO_COLOR", "TERM"):
    env.pop(var, None)


def run(cmd):
    r = subprocess.run(["sh", "-c", cmd], env=env, cwd=work, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    got = r.stdout.decode("utf-8", "replace").split("\n")
    if got and got[-1] == "":
        got.pop()
    return [g[:-1] if g.endswith("\r") else g for g in got]


def indented_under(got, k):
    """k past the lines indented deeper than got[k - 1] that follow it."""
    if k == 0 or k > len(got):
        return k
    depth = len(got[k - 1]) - len(got[k - 1].lstrip())
    while k < len(got) and got[k].strip() and len(got[k]) - len(got[k].lstrip()) > depth:
        k += 1
    return k


def elide(want, got):
    if "..." not in [w.strip() for w in want]:
        return got
    marks = [i for i, w in enumerate(want) if w.strip() == "..."]
    head, tail = marks[0], len(want) - marks[-1] - 1
    h = head
    if head and want[head - 1] in got:
        h = indented_under(got, got.index(want[head - 1]) + 1)
    h = min(h, len(got))
    t = min(tail, len(got) - h)
    if h + t >= len(got):
        return got
    return got[:h] + [want[marks[0]]] + (got[len(got) - t:] if t else [])


def update(text):
    out, pos = [], 0
    for m in re.finditer(r"^```console\n(.*?)^```$", text, re.S | re.M):
        out.append(text[pos:m.start(1)])
        lines = m.group(1).rstrip("\n").split("\n")
        new, i = [], 0
        while i < len(lines):
            cmd = lines[i]
            i += 1
            want = []
            while i < len(lines) and not lines[i].startswith("$ "):
                want.append(lines[i])
                i += 1
            new.append(cmd)
            new.extend(elide(want, run(cmd[2:])) if cmd.startswith("$ ") else want)
        out.append("\n".join(new) + "\n")
        pos = m.end(1)
    out.append(text[pos:])
    return "".join(out)


for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    new = update(text)
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
        print("updated " + path)
