# The visualizer: a state_dict and an input from a fixture, stepped to the end; every number on the
# screen must be the engine's (`unroll engine --trace` on the same file), rounded alike.

VIS_FIXTURE=Tests/e2e/fixtures/visualize-lstm.json

test_visualize_numbers_equal_the_engine() {
  local s=vis$$ i line
  "$E2E_BIN" engine --trace "$VIS_FIXTURE" > "$E2E_TMP/engine.json" || { echo "    unroll engine failed"; return 1; }
  e2e_start $s 80 24 "$E2E_BIN visualize --weights $VIS_FIXTURE --input $VIS_FIXTURE 2>$E2E_TMP/vis.err"
  e2e_wait_for $s "step 0/4 · weights: state_dict · LSTM(2, 3)" || return 1
  for i in 1 2 3 4; do
    e2e_keys $s Right
    e2e_wait_for $s "step $i/4" || return 1
    e2e_screen $s > "$E2E_TMP/screen$i"
    python3 Tests/e2e/fixtures/check_visualize_numbers.py "$E2E_TMP/engine.json" "$E2E_TMP/screen$i" $([ $i = 4 ] && echo --last) >/dev/null \
      || { python3 Tests/e2e/fixtures/check_visualize_numbers.py "$E2E_TMP/engine.json" "$E2E_TMP/screen$i" | sed 's/^/    /'; sed 's/^/    | /' "$E2E_TMP/screen$i"; return 1; }
  done
  # Home and End as xterm sends them (tmux's own \e[1~ is not in xterm-256color's terminfo).
  e2e_text $s "$(printf '\033OH')"
  e2e_wait_for $s "step 0/4" || return 1
  e2e_text $s "$(printf '\033OF')"
  e2e_wait_for $s "step 4/4" || return 1
  e2e_screen $s > "$E2E_TMP/screen-end"
  python3 Tests/e2e/fixtures/check_visualize_numbers.py "$E2E_TMP/engine.json" "$E2E_TMP/screen-end" --last >/dev/null || return 1
  e2e_keys $s q
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=0 icanon echo"*) ;; *) echo "    got: $line"; return 1 ;; esac
}

test_visualize_space_plays_to_the_end() {
  local s=visplay$$
  e2e_start $s 80 24 "$E2E_BIN visualize --module GRU --seq-len 3 --seed 7"
  e2e_wait_for $s "step 0/3 · seed 7 · GRU" || return 1
  e2e_keys $s Space
  e2e_wait_for $s "playing" || return 1
  e2e_wait_for $s "step 3/3" 5 || return 1
  e2e_wait_gone $s "playing" 3 || return 1
  e2e_keys $s r
  e2e_wait_for $s "step 3/3 · seed 8" || return 1
}

test_visualize_bad_flags_exit_2() {
  local err
  err=$("$E2E_BIN" visualize --module FOO 2>&1 >/dev/null); [ $? -eq 2 ] || { echo "    expected exit 2"; return 1; }
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || { echo "    expected one line: $err"; return 1; }
  "$E2E_BIN" visualize --weights /no/such/file 2>/dev/null; [ $? -eq 2 ] || { echo "    missing weights: expected exit 2"; return 1; }
}

test_visualize_from_the_lesson() {
  local s=vislesson$$
  e2e_start $s 80 24 "$E2E_BIN --lessons Lessons why-rnns-handle-sequences --mode visualize"
  e2e_wait_for $s "step 0/4" || return 1
  e2e_keys $s Right
  e2e_wait_for $s "The first step starts from h_0 = zeros: only x_1 and the biases shape h_1." || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
}

test_visualize_padded_batch_of_lesson_8() {
  local s=vispad$$
  e2e_start $s 80 24 "$E2E_BIN --lessons Lessons batches-of-different-lengths --mode visualize"
  e2e_wait_for $s "batch 1/2 · length 2" || return 1
  e2e_keys $s Right Right Right
  e2e_wait_for $s "─ now pad" || return 1
  e2e_wait_for $s "t=2 is padding (length 2). Packed, h stays as at t=1:" || return 1
  e2e_wait_for $s "Unpacked, zeros go in and h moves to:" || return 1
  e2e_keys $s b
  e2e_wait_for $s "batch 2/2 · length 4" || return 1
  e2e_wait_gone $s "─ now pad" || return 1
  e2e_wait_gone $s "Packed, h stays" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
}

test_visualize_lesson_state_dict_is_read_at_the_edge() {
  local s=vissd$$ case
  mkdir -p "$E2E_TMP/lessons"
  cp Lessons/*.yaml "$E2E_TMP/lessons/"
  cp Tests/e2e/fixtures/visualize-rnn-state-dict.json "$E2E_TMP/lessons/weights.json"
  sed -i 's/^  seed: 0$/  state_dict: weights.json/' "$E2E_TMP/lessons/01-why-rnns-handle-sequences.yaml"
  # The same weights and the lesson's input through `unroll engine`.
  printf '{"module": "RNN", "config": {"input_size": 2, "hidden_size": 3}, "state_dict": %s, "input": [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]]}' \
    "$(cat Tests/e2e/fixtures/visualize-rnn-state-dict.json)" > "$E2E_TMP/lesson-case.json"
  "$E2E_BIN" engine --trace "$E2E_TMP/lesson-case.json" > "$E2E_TMP/lesson-engine.json" || return 1
  e2e_start $s 80 24 "$E2E_BIN --lessons $E2E_TMP/lessons why-rnns-handle-sequences --mode visualize"
  e2e_wait_for $s "step 0/4 · weights: state_dict" || return 1
  e2e_text $s "$(printf '\033OF')"
  e2e_wait_for $s "step 4/4" || return 1
  e2e_screen $s > "$E2E_TMP/lesson-screen"
  python3 Tests/e2e/fixtures/check_visualize_numbers.py "$E2E_TMP/lesson-engine.json" "$E2E_TMP/lesson-screen" --last >/dev/null \
    || { sed 's/^/    | /' "$E2E_TMP/lesson-screen"; return 1; }
}

test_visualize_home_and_end_as_tmux_sends_them() {
  local s=homeend$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode visualize --progress $E2E_TMP/he.json"
  e2e_wait_for $s "step 0/" || return 1
  e2e_keys $s End
  e2e_wait_for $s "step 4/4" || return 1
  e2e_keys $s Home
  e2e_wait_for $s "step 0/4" || return 1
}
