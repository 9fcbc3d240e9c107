#!/usr/bin/env bash
# Writes Scripts/startup-order.txt: every function the tutor runs from launch to its first menu frame
# (and on quitting), for the linker's --symbol-ordering-file (Scripts/dist.sh). The release binary keeps
# those functions side by side at the front of its code, so the menu maps ~1 MB of hot code instead of
# scattered pages from 20 MB (issue 19: menu RSS 20 MB -> 14 MB).
#
# A developer's tool (needs valgrind and tmux; CI never runs it). Run it after changing what start-up
# does. A stale list still links: names that no longer exist are skipped, so RSS only creeps back up.
#
#   bash Scripts/startup-order.sh          (builds the static release with Scripts/dist.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind > /dev/null || { echo "startup-order: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
bash Scripts/dist.sh --stage-only > /dev/null
bin=.build/static/release/unroll
tmp=$(mktemp -d)
sock=unroll-order-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
# valgrind 3.19 cannot read the toolchain's DWARF; the symbol table is all it needs.
strip --strip-debug -o "$tmp/unroll" "$bin"
# Twice, `unroll` alone in a folder with Lessons/: the first launch decodes the lessons and fills the
# lesson cache (XDG_CACHE_HOME); the second is the launch a learner makes every day after that, with the
# cache warm. Its functions come first in the list, then those only the first launch ran.
for round in cold warm; do
  rm -f "$tmp/done"
  tmux -L $sock kill-session -t order 2>/dev/null || true
  tmux -L $sock new-session -d -s order -x 80 -y 24 \
    "env TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache valgrind --tool=callgrind --demangle=no \
       --compress-strings=no --compress-pos=no --callgrind-out-file=$tmp/callgrind.$round $tmp/unroll \
       2> $tmp/valgrind.err; touch $tmp/done"
  for _ in $(seq 240); do
    tmux -L $sock capture-pane -p -t order 2>/dev/null | grep -q "Choose a lesson" && break
    sleep 0.5
  done
  tmux -L $sock capture-pane -p -t order | grep -q "Choose a lesson" || { cat "$tmp/valgrind.err" >&2; echo "startup-order: the menu never showed ($round)" >&2; exit 1; }
  tmux -L $sock send-keys -t order q
  for _ in $(seq 120); do [ -e "$tmp/done" ] && break; sleep 0.5; done
done
[ -s "$tmp/cache/unroll/lessons.cache" ] || { echo "startup-order: the first run wrote no lesson cache" >&2; exit 1; }
[ -s "$tmp/callgrind.warm" ] && [ -s "$tmp/callgrind.cold" ] || { cat "$tmp/valgrind.err" >&2; echo "startup-order: callgrind wrote nothing" >&2; exit 1; }
# Names defined more than once (local helpers like outlined copies, one per object file) are left
# out: lld would pull every copy forward, with the large unsplit sections some of them sit in.
nm --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ { n[$3]++ } END { for (s in n) if (n[s] > 1) print s }' > "$tmp/duplicated"
awk -v self="$tmp/unroll" '
  FILENAME == ARGV[1] { dup[$0] = 1; next }
  /^ob=/ { ob = substr($0, 4); next }
  /^fn=/ && ob == self {
    name = substr($0, 4); sub(/'\''[0-9]+$/, "", name)
    if (!(name in seen) && !(name in dup)) { seen[name] = 1; print name }
  }' "$tmp/duplicated" "$tmp/callgrind.warm" "$tmp/callgrind.cold" > Scripts/startup-order.txt
echo "startup-order: $(wc -l < Scripts/startup-order.txt) functions in Scripts/startup-order.txt"
