# Progress files that cannot be used, met by a learner who opens a lesson straight from the command
# line (`unroll LESSON --mode M`): what the program found is on the screen from the first frame, whole.

test_a_progress_path_that_is_a_folder_is_said_when_a_lesson_opens_directly() {
  local d=$E2E_TMP/pfdir s=pfdir$$
  mkdir -p "$d/progress.json"
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode try --progress $d/progress.json"
  e2e_wait_for $s "Task 1/" || return 1
  # The sentence is wrapped over the bottom rows, not cut: its end says what it means for the learner.
  e2e_wait_for $s "Could not read the progress file" || return 1
  e2e_wait_for $s "progress is not being saved." || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "Correct!" || return 1
  e2e_keys $s q q q
  e2e_expect_end $s 1 || return 1
  e2e_screen $s | grep -q "^unroll: progress could not be saved" || { echo "    no stderr line"; e2e_screen $s | sed 's/^/    | /'; return 1; }
}

test_a_damaged_progress_file_moved_aside_is_said_when_a_lesson_opens_directly() {
  local d=$E2E_TMP/pfbad s=pfbad$$
  mkdir -p "$d"
  printf '{"format_version": 2, "lessons": {' > "$d/progress.json"
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode practice --progress $d/progress.json"
  e2e_wait_for $s "Question 1/" || return 1
  e2e_wait_for $s "fresh one." || return 1
  ls "$d"/progress.json.bad-* >/dev/null 2>&1 || { echo "    not moved aside:"; ls -la "$d"; return 1; }
  e2e_keys $s q q q
  e2e_expect_end $s 0
}
