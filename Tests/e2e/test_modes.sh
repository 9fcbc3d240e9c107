# The learning modes end to end: the test taken all right, the preview that writes nothing, and the
# preview that reloads a saved lesson file.

SEED_ID=why-rnns-handle-sequences

test_modes_test_all_right_is_strong() {
  local s=modetest$$ key
  e2e_start $s 80 24 "$E2E_BIN $SEED_ID --mode test --progress $E2E_TMP/test-progress.json"
  e2e_wait_for $s "question 1 of 10" || return 1
  # The answers in test order (letters in blank order): three fill tasks, the challenge's fill task and
  # question (they replace the page's Python warm-up), then the five practice questions.
  for key in a Enter a Enter b Enter a d Enter b Enter b Enter a Enter c Enter a Enter d Enter; do
    e2e_keys $s $key
  done
  e2e_wait_for $s "Score: 10/10 (100 %)" || return 1
  e2e_wait_for $s "Lesson mastery: 100 % · strong" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
  e2e_keys $s q q
  e2e_exit_line $s >/dev/null || return 1
  python3 - "$E2E_TMP/test-progress.json" <<'PY' || return 1
import json, sys
p = json.load(open(sys.argv[1]))
tests = p["lessons"]["why-rnns-handle-sequences"]["tests"]
assert [(t["score"], t["total"]) for t in tests] == [(10, 10)], tests
PY
  "$E2E_BIN" progress --progress "$E2E_TMP/test-progress.json" | grep -q "10/10.*strong" \
    || { echo "    unroll progress:"; "$E2E_BIN" progress --progress "$E2E_TMP/test-progress.json"; return 1; }
}

test_modes_preview_writes_no_progress_file() {
  local s=preview$$ dir="$E2E_TMP/preview-progress"
  e2e_start $s 80 24 "UNROLL_PROGRESS=$dir/env.json $E2E_BIN preview $SEED_ID --mode try --progress $dir/progress.json"
  e2e_wait_for $s "PREVIEW" || return 1
  e2e_wait_for $s "ANSWER (preview): [1] = A" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "Correct!" || return 1
  e2e_keys $s g 5 Enter
  e2e_wait_for $s "Task 5/5" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
  e2e_keys $s Down Down Down Down Down Down Down Down Enter
  e2e_wait_for $s "question 1 of 10" || return 1
  e2e_keys $s a Enter q q q
  e2e_exit_line $s >/dev/null || return 1
  [ ! -e "$dir" ] || { echo "    preview created $(ls -la "$dir")"; return 1; }
}

test_modes_preview_reloads_a_saved_lesson() {
  local s=reload$$ file="$E2E_TMP/reload/lesson.yaml"
  mkdir -p "$E2E_TMP/reload"
  cp Lessons/01-why-rnns-handle-sequences.yaml "$file"
  e2e_start $s 80 24 "$E2E_BIN preview $file --mode intro"
  e2e_wait_for $s "torch.nn.RNN reads a sequence one step at a time" || return 1
  sed -i 's/torch.nn.RNN reads a sequence one step at a time/EDITED: the RNN reads a sequence step by step/' "$file"
  e2e_wait_for $s "EDITED: the RNN reads a sequence step by step" || return 1
  e2e_wait_for $s "PREVIEW" || return 1
  sed -i 's/^  minutes: 4$/  minutes: four/' "$file"
  e2e_wait_for $s "The lesson file has problems" || return 1
  e2e_wait_for $s "lesson.yaml:" || return 1
  sed -i 's/^  minutes: four$/  minutes: 4/' "$file"
  e2e_wait_gone $s "The lesson file has problems" || return 1
  e2e_wait_for $s "EDITED: the RNN reads a sequence step by step" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}

test_modes_challenge_counts_down_from_the_clock() {
  local s=challenge$$
  e2e_start $s 80 24 "$E2E_BIN $SEED_ID --mode challenge --progress $E2E_TMP/challenge-progress.json"
  e2e_wait_for $s "time 1:30" || return 1
  e2e_wait_for $s "time 1:28" 5 || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}

test_modes_pages_scroll_and_lead_on() {
  local s=pages$$
  e2e_start $s 80 24 "$E2E_BIN $SEED_ID --mode intro --progress $E2E_TMP/pages-progress.json"
  e2e_wait_for $s "Intro · 4 min" || return 1
  e2e_keys $s NPage NPage NPage NPage NPage
  e2e_wait_for $s "Next: Why, the big idea, before and after. Press n." || return 1
  e2e_keys $s PPage n
  e2e_wait_for $s "Why · 4 min" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}
