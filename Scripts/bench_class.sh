#!/usr/bin/env bash
# `unroll class` over a lecture's worth of learners (not a test): 1,000 synthetic progress files from
# Scripts/class_fixture.py (about 19 KB each: five lessons of eight items, every answer in its history),
# read and reported by the release build. Prints the best and median wall time of 7 runs, and CPU time.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product unroll >/dev/null
bin=$PWD/.build/release/unroll
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 Scripts/class_fixture.py 1000 "$tmp"
echo "class files: $(ls "$tmp/learners" | wc -l) ($(du -sh "$tmp/learners" | cut -f1)), $(nproc) cores"
times=()
for i in $(seq 7); do
  start=$(date +%s%N)
  TZ=UTC UNROLL_NOW=2026-12-03T09:00:00Z "$bin" class "$tmp/learners" --lessons "$tmp/none" >/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "unroll class, 1,000 files: best ${sorted[0]} ms, median ${sorted[3]} ms (wall)"
/usr/bin/time -f "unroll class, 1,000 files: %U s user + %S s system CPU, %M KB peak" \
  env TZ=UTC UNROLL_NOW=2026-12-03T09:00:00Z "$bin" class "$tmp/learners" --lessons "$tmp/none" >/dev/null
