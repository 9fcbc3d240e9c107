# The task screens on the seed lesson, driven as a learner would (issues 5 and 7).

seed_try() {  # seed_try NAME TASK — opens the seed lesson's try mode at TASK with a fresh progress file
  e2e_start "$1" 80 24 "$E2E_BIN why-rnns-handle-sequences --mode try --task $2 --progress $E2E_TMP/$1.json"
  e2e_wait_for "$1" "Task $2/5" || return 1
}

test_task1_solved_with_a_and_enter() {
  local s=t1$$
  seed_try $s 1 || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "✓ Correct! Press n for the next task." || return 1
  e2e_screen $s | grep -qF "num_layers=1)" || { echo "    answer not in the code"; return 1; }
}

test_task5_solved_by_keyboard_drag_alone() {
  local s=t5$$
  seed_try $s 5 || return 1
  e2e_keys $s Space Space               # A → [1]
  e2e_wait_for $s "[A] word.upper() →[1]" || return 1
  e2e_keys $s Right Space Enter         # B → [2]
  e2e_keys $s Right Space               # pick up C
  e2e_wait_for $s "Carrying C to blank [3]" || return 1
  e2e_keys $s Left Tab Space            # carry it back and forth, drop on [3]
  e2e_wait_for $s "[C] > →[3]" || return 1
  # The focused blank holds ">": its marks are not angle brackets, so it reads ▸>◂, not >><.
  e2e_wait_for $s "result = {word.upper(): len(word) for word in words if len(word) ▸>◂ 4}" || return 1
  e2e_keys $s Enter
  e2e_wait_for $s "✓ Correct!" || return 1
}

test_task2_missed_three_times_shows_the_answer() {
  local s=t2$$
  seed_try $s 2 || return 1
  e2e_keys $s b Enter
  e2e_wait_for $s "Not quite: blank [1] is wrong. 2 attempts left." || return 1
  e2e_keys $s c Enter
  e2e_wait_for $s "1 attempt left." || return 1
  e2e_keys $s d Enter
  e2e_wait_for $s "Out of attempts: the answer is filled in ([1] = A)." || return 1
  e2e_screen $s | grep -qF "hidden = torch.zeros(1, 5, 20)" || { echo "    answer not filled in"; return 1; }
  e2e_screen $s | grep -qF "Mixing up batch size and hidden size dimensions." || { echo "    no common mistakes"; return 1; }
}

test_practice3_answered_wrongly_shows_the_solution() {
  local s=p3$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode practice --task 3 --progress $E2E_TMP/$s.json"
  e2e_wait_for $s "Question 3/5" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "Not quite: you chose A; the answer is C." || return 1
  # The adapted: note under the question puts the worked solution just below the first screen.
  e2e_wait_for $s "Solution" || return 1
  e2e_keys $s PageDown
  e2e_wait_for $s "Understand RNN input and output shapes" || return 1
  e2e_keys $s PageDown
  e2e_wait_for $s "Output shape = (seq_len, batch, hidden_size) = (4, 2, 3)" || return 1
  e2e_wait_for $s "Assuming output shape swaps batch and seq_len" || return 1
}

test_mouse_click_click_and_drag_fill_blanks() {
  local s=mouse$$ from to
  seed_try $s 4 || return 1
  # Click blank [2], then click chip B.
  e2e_click $s "[2]" || return 1
  e2e_wait_for $s "▸[2]◂" || return 1
  e2e_click $s "[B] >" || return 1
  e2e_wait_for $s "[B] > →[2]" || return 1
  # Press on chip A, drag, release over blank [1].
  from=$(e2e_find $s "[A] len(word)") || return 1
  to=$(e2e_find $s "[1]") || return 1
  e2e_mouse $s press $from
  e2e_mouse $s drag $to
  e2e_mouse $s release $to
  e2e_wait_for $s "[A] len(word) →[1]" || return 1
  e2e_keys $s Enter
  e2e_wait_for $s "✓ Correct!" || return 1
}

test_solved_task_is_remembered_and_resume_is_offered() {
  local s=resume$$ p=$E2E_TMP/resume.json
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode try --task 3 --progress $p"
  e2e_wait_for $s "Task 3/5" || return 1
  e2e_keys $s b Enter
  e2e_wait_for $s "✓ Correct!" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
  grep -q '"solved" : true' "$p" || { echo "    progress file:"; cat "$p"; return 1; }
  s=reopen$$
  e2e_start $s 80 24 "$E2E_BIN --progress $p"
  e2e_wait_for $s "r resumes: Why RNNs handle sequences in PyTorch · Try · task 3" || return 1
  e2e_wait_for $s "1/" || return 1
  e2e_keys $s r
  e2e_wait_for $s "Task 3/5" || return 1
  e2e_wait_for $s "✓ solved before" || return 1
}

test_task_screen_survives_resizing_to_compact_and_back() {
  local s=rsz$$
  seed_try $s 5 || return 1
  e2e_keys $s a
  tm resize-window -t $s -x 40 -y 12
  e2e_wait_for $s "Task 5/5 · hard · Attempts: 3 left" || return 1
  e2e_wait_for $s "▸[2]◂" || return 1        # the focused blank stays in view
  tm resize-window -t $s -x 30 -y 8
  e2e_wait_for $s "Make the window larger" || return 1
  tm resize-window -t $s -x 80 -y 24
  e2e_wait_for $s "[A] word.upper() →[1]" || return 1
}
