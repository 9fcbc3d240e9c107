#!/usr/bin/env bash
# The engine timed against torch (not a test; `make bench`). Honest by construction:
#   - both pinned to one core (taskset -c ${BENCH_CPU:-0}), torch with torch.set_num_threads(1);
#   - ${BENCH_ROUNDS:-7} rounds, each one engine-bench process and one torch process, their order alternating, so
#     a busy spell on the shared machine hits both; each process reports the median of its calls per shape;
#   - the figure per shape is the median over the rounds, of this thread's CPU time (less disturbed by other
#     processes than wall time, which is printed too); ratio = torch / engine (above 1: the engine is faster);
#     paired = the median over the rounds of each round's own torch / engine, the two processes of a round run back
#     to back: the machine's speed drifts by up to 17 % between runs of a few minutes, and a round's pair shares it;
#   - the core's peak GFLOP/s is measured with an FMA loop (engine-bench --peak), and each GFLOP/s is given as a
#     share of it.
# torch: TORCH_PYTHON, else ~/torchenv/bin/python when it imports torch; without it the engine is timed alone
# and the output says so. BENCH_ONLY=TEXT keeps the shapes whose name contains TEXT (e.g. "LSTM medium").
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${BENCH_ROUNDS:-7}
SECS=${BENCH_SECONDS:-0.3}
ONLY=${BENCH_ONLY:-}
# shellcheck disable=SC2086
swift build -c release --product engine-bench ${ENGINE_BENCH_FLAGS:-} >&2
BIN="$(swift build -c release --show-bin-path ${ENGINE_BENCH_FLAGS:-})/engine-bench"

PIN=""
if command -v taskset >/dev/null 2>&1; then PIN="taskset -c ${BENCH_CPU:-0}"; else echo "# taskset not found: runs are not pinned" >&2; fi
PY="${TORCH_PYTHON:-}"
if [ -z "$PY" ] && [ -x "$HOME/torchenv/bin/python" ]; then PY="$HOME/torchenv/bin/python"; fi
if [ -n "$PY" ] && ! "$PY" -c "import torch" >/dev/null 2>&1; then PY=""; fi

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
$PIN "$BIN" --peak --only "-none-" > "$OUT/peak"
for r in $(seq "$ROUNDS"); do
    echo "# round $r of $ROUNDS" >&2
    engine() { $PIN "$BIN" --only "$ONLY" --seconds "$SECS" | sed "s/^/engine\t$r\t/" >> "$OUT/runs"; }
    torch() { [ -z "$PY" ] || $PIN "$PY" Scripts/bench_torch.py --only "$ONLY" --seconds "$SECS" 2>/dev/null | sed "s/^/torch\t$r\t/" >> "$OUT/runs"; }
    if [ $((r % 2)) = 1 ]; then engine; torch; else torch; engine; fi
done

python3 - "$OUT/peak" "$OUT/runs" "${PY:-}" "$ROUNDS" <<'PYEOF'
import re, statistics, sys
peak_line = open(sys.argv[1]).read()
peak = float(re.search(r"peak ([0-9.]+)", peak_line).group(1))
torch_python, rounds = sys.argv[3], sys.argv[4]
runs = {}
by_round = {}
for line in open(sys.argv[2]):
    who, rnd, name, mode, med_cpu, min_cpu, med_wall, calls, gflop = line.rstrip("\n").split("\t")
    runs.setdefault((name, mode), {}).setdefault(who, []).append((float(med_cpu), float(med_wall), float(gflop)))
    by_round.setdefault((name, mode), {}).setdefault(rnd, {})[who] = float(med_cpu)
print(peak_line.strip())
print(f"# {rounds} interleaved rounds, pinned to one core; per shape the median over rounds of each process's median call;")
print("# cpu = this thread's CPU time; ratio = torch / engine (above 1: the engine is faster); paired = median over the")
print("# rounds of each round's torch / engine; fwdbwd = forward + backward")
if not torch_python:
    print("# torch: NOT FOUND (set TORCH_PYTHON to a Python with torch, or install ~/torchenv): engine only, no ratios")
else:
    print(f"# torch: {torch_python}, torch.set_num_threads(1)")
print(f"{'shape':34} {'mode':6} {'engine ms':>10} {'(wall)':>9} {'GFLOP/s':>8} {'peak':>5} {'torch ms':>10} {'(wall)':>9} {'ratio':>8} {'paired':>8}")
for (name, mode), who in runs.items():
    e = who["engine"]
    ecpu = statistics.median(x[0] for x in e) / 1e3
    ewall = statistics.median(x[1] for x in e) / 1e3
    g = e[0][2] / (ecpu / 1e3) if ecpu > 0 else 0
    row = f"{name:34} {mode:6} {ecpu:10.5f} {ewall:9.4f} {g:8.1f} {100 * g / peak:4.0f}%"
    if "torch" in who:
        t = who["torch"]
        tcpu = statistics.median(x[0] for x in t) / 1e3
        twall = statistics.median(x[1] for x in t) / 1e3
        pairs = [r["torch"] / r["engine"] for r in by_round[(name, mode)].values() if "torch" in r and r.get("engine", 0) > 0]
        row += f" {tcpu:10.4f} {twall:9.4f} {tcpu / ecpu:7.2f}x {statistics.median(pairs):7.2f}x"
    print(row)
PYEOF
