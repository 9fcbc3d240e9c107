#!/usr/bin/env bash
# Footprint of the tutor (a measurement, not a test): for each binary given, interleaved runs of
#   - launch to first frame: CPU time (user+system, from /proc/PID/schedstat) the process has used
#     when the menu is on the screen of a tmux pane (a real pty); the tutor then sits idle, so this
#     is the CPU cost of starting up and drawing the first frame. The command is the learner's:
#     `unroll` alone, here finding ./Lessons;
#   - menu RSS: VmRSS from /proc/PID/status while on the menu;
#   - `unroll check Lessons`: CPU time (user+system) from perf stat's task-clock;
#   - each binary has its own cache folder (XDG_CACHE_HOME), empty before its first run: that run's
#     launch and check are given apart as "first" (the lesson and run caches are written then), the
#     medians are of the runs after, with them warm;
#   - binary size on disk, and stripped (main's release build is not stripped, the tarball's is).
# With several binaries, each figure is also given as a ratio to the first binary's.
# Everything is pinned to one core (taskset -c ${CORE:-0}); medians of ${RUNS:-11} runs.
#
#   bash Scripts/footprint.sh .build/release/unroll [other-unroll ...]   (ratios are to the first)
# With FOOTPRINT_MAX_RSS_KB set, exits 1 when a binary's median menu RSS is above it (issue 19's goal
# is 16384 for the release binary: `make footprint` checks the one `make dist` ships).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 UNROLL [UNROLL ...]" >&2; exit 2; }
runs=${RUNS:-11}
core=${CORE:-0}
tmp=$(mktemp -d)
sock=unroll-footprint-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A launch rss check cold coldcheck cachedir
n=0
for bin in "$@"; do n=$((n + 1)); cachedir[$(readlink -f "$bin")]=$tmp/cache-$n; done
for ((i = 1; i <= runs; i++)); do
  for bin in "$@"; do
    bin=$(readlink -f "$bin")
    s=f$i-$RANDOM
    tmux -L $sock new-session -d -s "$s" -x 80 -y 24 \
      "exec env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$tmp XDG_CACHE_HOME=${cachedir[$bin]} taskset -c $core $bin" </dev/null
    pid=$(tmux -L $sock display -p -t "$s" '#{pane_pid}')
    for _ in $(seq 5000); do
      tmux -L $sock capture-pane -t "$s" -p | grep -q "Choose a lesson" && break
      sleep 0.002
    done
    sleep 0.2   # let the first frame finish; the tutor is idle on the menu afterwards
    ns=$(awk '{print $1}' /proc/$pid/schedstat)
    kb=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    tmux -L $sock kill-session -t "$s"
    if [ "$i" = 1 ]; then cold[$bin]=$((ns / 1000)); else launch[$bin]+="$((ns / 1000)) "; fi
    rss[$bin]+="$kb "
    ms=$(XDG_CACHE_HOME=${cachedir[$bin]} taskset -c $core perf stat -x, -e task-clock "$bin" check Lessons 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}') ||
      { echo "footprint: $bin check Lessons failed (a binary older than the lessons?)" >&2; exit 1; }
    if [ "$i" = 1 ]; then coldcheck[$bin]=$ms; else check[$bin]+="$ms "; fi
  done
done
status=0
first=""
ratio() { [ -n "$first" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf " (%.2f×)", a / b }'; true; }
declare -A base
for bin in "$@"; do
  bin=$(readlink -f "$bin")
  l=$(printf '%s\n' ${launch[$bin]} | median)
  r=$(printf '%s\n' ${rss[$bin]} | median)
  c=$(printf '%s\n' ${check[$bin]} | median)
  size=$(stat -c %s "$bin")
  stripped=$(strip -o "$tmp/stripped" "$bin" && stat -c %s "$tmp/stripped")
  if [ -z "$first" ]; then base=([l]=$l [r]=$r [c]=$c [size]=$size [stripped]=$stripped); fi
  printf '%s\n  launch to first frame: %s µs CPU (median of %d)%s; first launch: %s µs\n  menu RSS: %s kB%s\n  check Lessons: %s ms CPU%s; first check: %s ms\n  binary: %s bytes%s, stripped %s bytes%s\n' \
    "$bin" "$l" "$((runs - 1))" "$(ratio "$l" "${base[l]}")" "${cold[$bin]}" "$r" "$(ratio "$r" "${base[r]}")" "$c" "$(ratio "$c" "${base[c]}")" "${coldcheck[$bin]}" \
    "$size" "$(ratio "$size" "${base[size]}")" "$stripped" "$(ratio "$stripped" "${base[stripped]}")"
  first=$bin
  if [ -n "${FOOTPRINT_MAX_RSS_KB:-}" ] && [ "$r" -gt "$FOOTPRINT_MAX_RSS_KB" ]; then
    echo "  menu RSS $r kB is above FOOTPRINT_MAX_RSS_KB=$FOOTPRINT_MAX_RSS_KB"
    status=1
  fi
done
exit $status
