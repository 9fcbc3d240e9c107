#!/usr/bin/env python3
"""The MiniPy fixture table (what real CPython 3.11 + torch 2.15 printed and raised, made by
Scripts/minipy_fixtures.py) checked through the real binary: `unroll run -` on each snippet.
Stdout verbatim, the traceback's last line verbatim, and the line the traceback shows.
Usage: run_fixtures.py UNROLL_BINARY"""
import json, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1]
table = json.load(open(os.path.join(here, "Fixtures", "snippets.json")))["snippets"]
# Groups of program files (Fixtures/programs/GROUP/*.py), recorded in Fixtures/programs/GROUP.json.
programs = os.path.join(here, "Fixtures", "programs")
for name in sorted(os.listdir(programs)) if os.path.isdir(programs) else []:
    if name.endswith(".json"):
        table += json.load(open(os.path.join(programs, name)))["snippets"]
passed, failed = 0, []
for case in table:
    r = subprocess.run([binary, "run", "-"], input=case["code"] + "\n", capture_output=True, text=True, timeout=30)
    problems = []
    if r.stdout != case["stdout"]:
        problems.append(f"stdout {r.stdout!r} != {case['stdout']!r}")
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    if case["error"] is None:
        if r.returncode != 0:
            problems.append(f"raised {lines[-1] if lines else r.returncode!r}")
    else:
        last = lines[-1] if lines else ""
        if last != case["error"]:
            problems.append(f"error {last!r} != {case['error']!r}")
        frame = re.search(r'File "[^"]*", line (\d+)[^\n]*\n    (.*)', r.stderr)
        if case.get("line") is not None and (frame is None or int(frame.group(1)) != case["line"]):
            problems.append(f"traceback line {frame.group(1) if frame else None} != {case['line']}")
        if case.get("shown") is not None and (frame is None or frame.group(2).strip() != case["shown"]):
            problems.append(f"shown {frame.group(2).strip() if frame else None!r} != {case['shown']!r}")
    if problems:
        failed.append((case["name"], problems))
    else:
        passed += 1
for name, problems in failed:
    print(f"  FAIL {name}: " + "; ".join(problems))
print(f"minipy fixtures: {passed} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
