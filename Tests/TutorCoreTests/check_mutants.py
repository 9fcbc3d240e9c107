#!/usr/bin/env python3
"""`unroll check` on damaged and hostile copies of the real lessons: every run must end by itself
(exit 0 or 1, never a signal), within a time limit, with bounded memory, printing only
`file:line:column: message` lines or the summary. Seeded, so a failure can be replayed.

    python3 Tests/TutorCoreTests/check_mutants.py .build/debug/unroll [COUNT] [SEED]
"""
import os
import pathlib
import random
import re
import resource
import subprocess
import sys
import tempfile
import time

root = pathlib.Path(__file__).resolve().parents[2]
binary = os.path.abspath(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 120
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
rng = random.Random(seed)

TIME_LIMIT = int(os.environ.get("MUTANT_TIME_LIMIT", "60"))  # seconds of wall time per run (a debug build checks a whole lesson in ~1 s)
MEMORY_LIMIT_MB = 512    # peak resident memory per run
lessons = sorted((root / "Lessons").glob("0*.yaml"))
texts = [p.read_bytes() for p in lessons]
yaml_bytes = b":-[]{},#&*!|>'\"%@ ?\n\t\r\\"


def flip(b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] = rng.choice([rng.randrange(256), rng.choice(yaml_bytes)])
    return bytes(b)


def truncate(b):
    return b[:rng.randrange(len(b))]


def duplicate(b):
    i, j = sorted(rng.randrange(len(b)) for _ in range(2))
    k = rng.randrange(len(b))
    return b[:k] + b[i:j] * rng.randint(1, 50) + b[k:]


def duplicate_lines(b):
    lines = b.split(b"\n")
    i = rng.randrange(len(lines))
    lines[i:i + 1] = [lines[i]] * rng.randint(2, 2000)
    return b"\n".join(lines)


def alias_bomb(b):
    # visualize.input as nine rows of 9^11 pairs once expanded: a decoder that walks it all never ends.
    node = b"&a0 [1, 0]"
    for k in range(1, 12):
        node = b"&a%d [" % k + node + b"".join([b", *a%d" % (k - 1)] * 8) + b"]"
    rows = [b"    - " + node] + [b"    - *a11"] * 8
    return re.sub(rb"\n  input:\n(    - .*\n)+", b"\n  input:\n" + b"\n".join(rows) + b"\n", b, count=1)


def line_breaks(b):
    return b.replace(b"\n", rng.choice([b"\r", b"\r\n", "\u0085".encode(), "\u2028".encode(), "\u2029".encode()]), rng.randint(1, 40))


def invisible(b):
    ch = rng.choice(["\u200e", "\u200f", "\u061c", "\u202e", "\u2066", "\u200b", "\u2060", "\ufeff", "\u00ad"]).encode()
    i = rng.randrange(len(b))
    return b[:i] + ch + b[i:]


def deep(b):
    depth = rng.choice([99, 100, 1000, 100000])
    return b + b"\nextra: " + b"[" * depth + b"]" * depth + b"\n"


def huge_line(b):
    return b.replace(b"code: |\n", b"code: |\n        x = " + b"1" * (3 << 20) + b"\n", 1)


def brackets(b):
    return b.replace(b"code: |\n", b"code: |\n        x = " + b"[" * rng.choice([1000, 300000]) + b"\n", 1)


mutations = [flip, truncate, duplicate, duplicate_lines, alias_bomb, line_breaks, invisible, deep, huge_line, brackets]
problem_line = re.compile(r"^.+:\d+:\d+: .+$")
summary_line = re.compile(r"^checked \d+ lessons?, .*: no problems$")


def limit_memory():
    # Address space, not only RSS, so a runaway allocation fails instead of swapping the machine.
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


failures = []
slowest = (0.0, "")
largest = (0, "")
with tempfile.TemporaryDirectory() as tmp:
    cases = [(m, i) for i in range(count) for m in [mutations[i % len(mutations)]]]
    for n, (mutate, _) in enumerate(cases):
        source = rng.randrange(len(texts))
        data = mutate(texts[source])
        path = pathlib.Path(tmp) / f"{n:04d}-{mutate.__name__}.yaml"
        path.write_bytes(data)
        start = time.monotonic()
        with open(path.with_suffix(".out"), "w+b") as out_file, open(path.with_suffix(".err"), "w+b") as err_file:
            proc = subprocess.Popen([binary, "check", str(path)], stdout=out_file, stderr=err_file,
                                    preexec_fn=limit_memory, env={**os.environ, "SWIFT_BACKTRACE": "enable=no"})
            # wait4 gives this child's own peak RSS.
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > TIME_LIMIT:
                    proc.kill()
                    os.wait4(proc.pid, 0)
                    break
                time.sleep(0.005)
            proc.returncode = os.waitstatus_to_exitcode(status) if pid else None
            out_file.seek(0)
            err_file.seek(0)
            out, err = out_file.read(), err_file.read()
        elapsed = time.monotonic() - start
        if proc.returncode is None:
            failures.append(f"{path.name} (from {lessons[source].name}): still running after {TIME_LIMIT} s")
            continue
        rss_mb = usage.ru_maxrss // 1024
        slowest = max(slowest, (elapsed, path.name))
        largest = max(largest, (rss_mb, path.name))
        lines = out.decode("utf-8", "replace").splitlines()
        what = f"{path.name} (from {lessons[source].name}, {mutate.__name__})"
        if proc.returncode not in (0, 1):
            failures.append(f"{what}: exit status {proc.returncode}\n{err.decode('utf-8', 'replace')[-2000:]}")
        elif not lines or not all(problem_line.match(l) or summary_line.match(l) for l in lines):
            failures.append(f"{what}: unexpected output {lines[:3]!r}")
        elif rss_mb > MEMORY_LIMIT_MB:
            failures.append(f"{what}: peak RSS {rss_mb} MB")
        if failures and os.environ.get("KEEP_MUTANTS"):
            keep = root / ".build/mutant-failures"
            keep.mkdir(parents=True, exist_ok=True)
            (keep / path.name).write_bytes(data)

print(f"check_mutants: {len(cases)} mutants (seed {seed}), slowest {slowest[0]:.2f} s ({slowest[1]}), "
      f"largest peak RSS {largest[0]} MB ({largest[1]}); {len(failures)} failures")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
