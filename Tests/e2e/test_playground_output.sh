# A snippet that prints a great deal: the pane shows the end of it and the editor keeps answering keys.

test_a_snippet_printing_a_million_characters_on_one_line_leaves_the_editor_responsive() {
  local s=bigout$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --progress $E2E_TMP/bigout.json"
  e2e_wait_for $s "Snippet 1/" || return 1
  printf 'print("x" * 999990 + "THE END")\n' > "$E2E_TMP/bigout.py"
  tm load-buffer -b bigout "$E2E_TMP/bigout.py"
  tm paste-buffer -p -d -b bigout -t "$s"
  e2e_keys $s C-r
  # Laid out in full on every frame (and wrapped in time squared), it froze the tutor for minutes.
  e2e_wait_for $s "THE END" 20 || return 1
  e2e_keys $s Up
  e2e_keys $s Escape
  e2e_wait_for $s "Choose your learning style" 10 || return 1
}
