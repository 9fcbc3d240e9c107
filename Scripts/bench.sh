#!/bin/sh
# The engine timed against torch (not a test). Builds engine-bench in release and runs it; when TORCH_PYTHON
# names a Python with torch, runs Scripts/bench_torch.py on the same shapes in the same run and prints ratios
# (torch time / engine time: above 1 means the engine is faster).
#   Scripts/bench.sh                                   engine only
#   TORCH_PYTHON=~/torchenv/bin/python Scripts/bench.sh
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
awk -F '\t' -v torchfile="$TORCH_OUT" '
BEGIN { while ((getline line < torchfile) > 0) { split(line, f, "\t"); t[f[1]] = f[2] } }
{
    if ($1 in t) printf "%-28s engine %10.4f ms  %7.2f GFLOP/s   torch %10.4f ms   ratio %7.2fx\n", $1, $2, $3, t[$1], t[$1] / $2
    else         printf "%-28s engine %10.4f ms  %7.2f GFLOP/s\n", $1, $2, $3
}' "$ENGINE_OUT"
