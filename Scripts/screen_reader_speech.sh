#!/usr/bin/env bash
# Reads lesson 1 aloud as a screen reader would, with espeak-ng: drives the tutor in screen-reader
# mode through tmux, captures the status row after each key (what a reader says as it changes) and
# some whole screens (what it says when asked to read the screen), speaks each into a WAV file, and
# prints the text, its words and the seconds of speech. Not part of `make test` (espeak-ng is not a
# build dependency); `apt-get install -y espeak-ng tmux` first.
# Usage: Scripts/screen_reader_speech.sh [OUT_DIR]   (default: a temporary folder, kept)
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-$PWD/.build/debug/unroll}
OUT=${1:-$(mktemp -d)}
mkdir -p "$OUT"
SOCK="unroll-speech-$$"
S=speech
tm() { tmux -L "$SOCK" "$@"; }
trap 'tm kill-server 2>/dev/null || true' EXIT

tm new-session -d -s $S -x 80 -y 24 "TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$OUT/xdg $BIN --screen-reader --progress $OUT/progress.json; sleep 30" </dev/null
sleep 0.5
n=0
# say NAME KEY... — sends the keys, then records the status row (and, with NAME ending in "+screen",
# the whole screen) for speaking.
say() {
  local name=$1; shift
  for k in "$@"; do tm send-keys -t $S "$k"; sleep 0.15; done
  sleep 0.2
  n=$((n + 1))
  local file; file=$(printf '%s/%02d-%s' "$OUT" "$n" "${name%+screen}")
  tm capture-pane -t $S -p | tail -1 > "$file.status.txt"
  case $name in *+screen) tm capture-pane -t $S -p | sed '$d' > "$file.screen.txt" ;; esac
}

say menu
say chooser Enter
say try-row Down Down Down
say try-open+screen Enter
say place-d d
say check Enter
say chip-right Right
say chip-left Left Left Left
say pick-up Space
say drop Space
say correct+screen Enter
say help+screen '?'
say help-closed x
say back q
say visualize-row Down Down Down Down
say visualize-open Enter
say step-1 Right
say step-2 Right
say step-3+screen Right
say back-2 q
say practice-row Up Up Up
say practice-open+screen Enter
say option-b Down
say answered Enter
say back-3 q
say review-row Down Down
say review-open+screen Enter
say review-answer+screen Space
say review-graded 3
say back-4 q
say back-5 q

total_words=0; total_seconds=0
printf '%-28s %5s %7s  %s\n' "what" "words" "seconds" "text"
for f in "$OUT"/*.txt; do
  text=$(tr -s ' \n' ' ' < "$f" | sed 's/^ //; s/ $//')
  [ -n "$text" ] || continue
  espeak-ng -w "${f%.txt}.wav" "$text" 2>/dev/null
  words=$(printf '%s' "$text" | wc -w)
  # WAV: 22050 Hz, 16-bit mono from espeak-ng; the data follows a 44-byte header.
  bytes=$(stat -c %s "${f%.txt}.wav")
  seconds=$(python3 -c "print(round(($bytes - 44) / 44100, 1))")
  total_words=$((total_words + words)); total_seconds=$(python3 -c "print(round($total_seconds + $seconds, 1))")
  short=$text; [ ${#short} -gt 110 ] && short="${short:0:107}..."
  printf '%-28s %5d %7s  %s\n' "$(basename "${f%.txt}")" "$words" "$seconds" "$short"
done
echo "total: $total_words words, $total_seconds s of speech; text and WAV files in $OUT"
