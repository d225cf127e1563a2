#!/usr/bin/env python3
"""Runs the steps of a GitHub workflow's job here, as a runner would, for a
test: the run: steps in bash -eo pipefail, in order, a step without if:
only while every step before it passed, one with if: success() ||
failure() or always() in any case; ${{ ... }} expressions from a table of
values; GITHUB_PATH, GITHUB_STEP_SUMMARY and RUNNER_TEMP as a runner sets
them.  Of the uses: steps, checkout is the work tree already there and
upload-artifact copies its path (a file, or a folder's files) into
ARTIFACTS (failing when there is nothing); any other fails.

usage: run-workflow.py WORKFLOW JOB WORKDIR OUT NAME=VALUE...
Writes OUT/steps.tsv (step number, rc, name), OUT/step-N.log (stdout and
stderr of step N), OUT/summary.md, OUT/artifacts/.  Exits 0."""
import os, re, shutil, subprocess, sys

import yaml

workflow, job, workdir, out = sys.argv[1:5]
values = dict(a.split("=", 1) for a in sys.argv[5:])
doc = yaml.safe_load(open(workflow, encoding="utf-8"))


def expand(text):
    def one(m):
        key = m.group(1).strip()
        if key not in values:
            raise SystemExit("run-workflow: no value for ${{ %s }}" % key)
        return values[key]
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(text))


temp = os.path.join(out, "runner-temp")
artifacts = os.path.join(out, "artifacts")
os.makedirs(temp, exist_ok=True)
os.makedirs(artifacts, exist_ok=True)
github_path = os.path.join(out, "github-path")
summary = os.path.join(out, "summary.md")
open(github_path, "w").close()
open(summary, "w").close()
shims = os.path.join(out, "shims")
os.makedirs(shims, exist_ok=True)
# sudo as a runner has it; apt-get's packages are on this machine already
with open(os.path.join(shims, "sudo"), "w") as f:
    f.write('#!/bin/sh\nif [ "$1" = apt-get ]; then echo "(apt-get $2: skipped here)"; exit 0; fi\nexec "$@"\n')
os.chmod(os.path.join(shims, "sudo"), 0o755)

env = {k: v for k, v in os.environ.items() if k in ("HOME", "LANG", "LC_ALL", "TMPDIR", "TERM")}
env.update({"CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_TEMP": temp, "GITHUB_PATH": github_path,
            "GITHUB_STEP_SUMMARY": summary, "GITHUB_WORKSPACE": workdir})
for k, v in (doc.get("env") or {}).items():
    env[k] = expand(v)
j = doc["jobs"][job]
for k, v in (j.get("env") or {}).items():
    env[k] = expand(v)

failed = False
rows = []
for n, step in enumerate(j["steps"], 1):
    cond = str(step.get("if", ""))
    if failed and not re.search(r"always\(\)|failure\(\)", cond):
        rows.append((n, "skipped", step.get("name", step.get("uses", ""))))
        continue
    name = step.get("name", step.get("uses", ""))
    log = open(os.path.join(out, "step-%d.log" % n), "w")
    senv = dict(env)
    for k, v in (step.get("env") or {}).items():
        senv[k] = expand(v)
    added = [p for p in open(github_path).read().splitlines() if p]
    senv["PATH"] = os.pathsep.join(list(reversed(added)) + [shims, "/usr/bin", "/bin"])
    if "run" in step:
        rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"])],
                            cwd=workdir, env=senv, stdout=log, stderr=subprocess.STDOUT).returncode
    elif step["uses"].startswith("actions/checkout@"):
        rc = 0
    elif step["uses"].startswith("actions/upload-artifact@"):
        path = os.path.join(workdir, expand(step["with"]["path"]))
        files = [path] if os.path.isfile(path) else sorted(
            os.path.join(path, f) for f in os.listdir(path)) if os.path.isdir(path) else []
        rc = 0 if files else 1
        for f in files:
            shutil.copy(f, artifacts)
        if not files:
            log.write("upload-artifact: no file %s\n" % path)
    else:
        log.write("run-workflow: no stand-in for %s\n" % step["uses"])
        rc = 1
    log.close()
    rows.append((n, rc, name))
    failed = failed or rc != 0
with open(os.path.join(out, "steps.tsv"), "w") as f:
    for r in rows:
        f.write("%s\t%s\t%s\n" % r)
