#!/usr/bin/env bash
# Figures for the tutor itself (not a test): binary size, launch to first frame through tmux,
# and CPU used while it waits 10 s on the menu. Uses the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product unroll >/dev/null
bin=$PWD/.build/release/unroll
tmp=$(mktemp -d)
sock=unroll-bench-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
echo "binary size: $(du -h "$bin" | cut -f1) ($(stat -c %s "$bin") bytes)"

# Launch to first frame: the time from starting the session until the menu is on the screen,
# polled every millisecond, best and median of 10.
times=()
for i in $(seq 10); do
  start=$(date +%s%N)
  tmux -L $sock new-session -d -s b$i -x 80 -y 24 "TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$tmp $bin" </dev/null
  until tmux -L $sock capture-pane -t b$i -p | grep -q "Choose a lesson"; do sleep 0.001; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
  tmux -L $sock kill-session -t b$i
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "launch to first frame (tmux, incl. session start): best ${sorted[0]} µs, median ${sorted[5]} µs"

tmux -L $sock new-session -d -s idle -x 80 -y 24 "TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$tmp $bin" </dev/null
until tmux -L $sock capture-pane -t idle -p | grep -q "Choose a lesson"; do sleep 0.01; done
pid=$(pgrep -P "$(tmux -L $sock display -p -t idle '#{pane_pid}')" | head -1 || tmux -L $sock display -p -t idle '#{pane_pid}')
[ -n "$pid" ] || pid=$(tmux -L $sock display -p -t idle '#{pane_pid}')
before=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 10
after=$(awk '{print $14 + $15}' /proc/$pid/stat)
rss=$(awk '/VmRSS/ {print $2 " " $3}' /proc/$pid/status)
echo "CPU while idle on the menu for 10 s: $((after - before)) ticks ($(getconf CLK_TCK) per s); RSS $rss"
