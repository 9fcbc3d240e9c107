# Pasting (bracketed paste, as tmux's paste-buffer -p sends it when the program asks for it): one
# piece of text for the playground's editor, never a storm of keys for the other screens.

paste_text() {  # paste_text SESSION TEXT
  printf '%s' "$2" > "$E2E_TMP/paste.txt"
  tm load-buffer -b e2epaste "$E2E_TMP/paste.txt"
  tm paste-buffer -p -d -b e2epaste -t "$1"
}

test_pasted_code_keeps_its_indentation_and_runs_as_pasted() {
  local s=paste$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --progress $E2E_TMP/paste.json"
  e2e_wait_for $s "Snippet 1/" || return 1
  paste_text $s "$(printf 'for i in range(3):\n    if i:\n        print(i * 11)\nprint("done")\n ')"
  e2e_wait_for $s '4 │ print("done")' || return 1
  e2e_wait_for $s '3 │         print(i * 11)' || return 1
  e2e_keys $s BSpace C-r
  e2e_wait_for $s "22" || return 1
  e2e_wait_for $s "done" || return 1
  ! e2e_screen $s | grep -q "IndentationError" || { e2e_screen $s | sed 's/^/    | /'; return 1; }
}

test_a_paste_on_the_menu_is_not_taken_as_keys() {
  local s=pastemenu$$
  e2e_start $s 80 24 "$E2E_BIN --progress $E2E_TMP/pastemenu.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  paste_text $s "$(printf 'qqq\nq')"
  e2e_wait_for $s "Pasted text goes into the playground's editor only" || return 1
  e2e_screen $s | grep -q "^exit=" && { echo "    the paste quit the tutor"; return 1; }
  e2e_keys $s q
  e2e_exit_line $s | grep -q "^exit=0" || return 1
}

test_a_paste_cut_off_before_its_end_does_not_hang_the_editor() {
  local s=pastecut$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --progress $E2E_TMP/pastecut.json"
  e2e_wait_for $s "Snippet 1/" || return 1
  e2e_text $s $'\e[200~x = "cut"'
  e2e_wait_for $s '1 │ x = "cut"import torch' || return 1
  e2e_text $s "y"
  e2e_wait_for $s '1 │ x = "cut"yimport torch' || return 1
  e2e_keys $s Escape
  e2e_wait_for $s "Choose your learning style" || return 1
}
