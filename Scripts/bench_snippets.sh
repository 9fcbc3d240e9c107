#!/bin/sh
# Snippets run isolated in a worker process, against in process (not a test): a playground run in this
# process, in a fresh worker with a warm spare (what the tutor does), in a cold worker, in a reused one;
# then `unroll check`'s lesson programs in process and in one reused worker. Release build.
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product unroll >&2
swift build -c release --product snippet-bench >&2
BIN="$(swift build -c release --show-bin-path)"
"$BIN/snippet-bench" "$BIN/unroll" Lessons
