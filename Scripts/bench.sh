#!/bin/sh
# The engine timed against torch (not a test). Builds engine-bench in release and runs it; when TORCH_PYTHON
# names a Python with torch, runs Scripts/bench_torch.py on the same shapes in the same run and prints ratios
# (torch time / engine time: above 1 means the engine is faster).
#   Scripts/bench.sh                                   engine only
#   TORCH_PYTHON=~/torchenv/bin/python Scripts/bench.sh
# Prints the kernels' ISA and peak estimate, then per shape wall ms, thread CPU ms, GFLOP/s and % of one
# core's peak. ENGINE_BENCH_ONLY=text runs only the shapes whose name contains it.
# ENGINE_BENCH_FLAGS adds build flags, e.g. "-Xswiftc -target-cpu -Xswiftc native" (see DECISIONS.md).
set -eu
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
swift build -c release --product engine-bench ${ENGINE_BENCH_FLAGS:-} >&2
BIN="$(swift build -c release --show-bin-path ${ENGINE_BENCH_FLAGS:-})/engine-bench"
ENGINE_OUT="$(mktemp)"; TORCH_OUT="$(mktemp)"
trap 'rm -f "$ENGINE_OUT" "$TORCH_OUT"' EXIT
"$BIN" > "$ENGINE_OUT"
if [ -n "${TORCH_PYTHON:-}" ]; then
    "$TORCH_PYTHON" Scripts/bench_torch.py 2>/dev/null > "$TORCH_OUT"
fi
# Lines starting with # (the ISA and peak estimate) are printed as they are; the others are
# name, ms per call (wall), GFLOP/s (wall), ms per call (this thread's CPU time: less noisy on a shared machine).
awk -F '\t' -v torchfile="$TORCH_OUT" '
BEGIN { while ((getline line < torchfile) > 0) { split(line, f, "\t"); t[f[1]] = f[2] } }
/^#/ { print; if (match($0, /one thread \(the engine.s\) [0-9.]+/)) { s = substr($0, RSTART, RLENGTH); sub(/.* /, "", s); peak = s + 0 }; next }
{
    pct = peak > 0 ? sprintf("%3.0f%% peak", 100 * $3 / peak) : ""
    if ($1 in t) printf "%-28s engine %10.4f ms (cpu %10.4f)  %7.2f GFLOP/s %s   torch %10.4f ms   ratio %7.2fx\n", $1, $2, $4, $3, pct, t[$1], t[$1] / $2
    else         printf "%-28s engine %10.4f ms (cpu %10.4f)  %7.2f GFLOP/s %s\n", $1, $2, $4, $3, pct
}' "$ENGINE_OUT"
