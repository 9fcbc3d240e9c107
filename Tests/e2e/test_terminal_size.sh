# The window's own size wins over LINES and COLUMNS left in the environment (a shell that exports
# them, or values from an earlier window size).

test_stale_lines_and_columns_in_the_environment_do_not_garble_the_screen() {
  local s=envsize$$
  e2e_start $s 80 24 "LINES=30 COLUMNS=100 $E2E_BIN --progress $E2E_TMP/envsize.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  # Drawn for 100 columns, the title's counters wrapped onto row 2 and every lesson row into the next.
  e2e_screen $s | sed -n 1p | grep -q "^ Unroll · lessons .*learned *$" || { echo "    title row:"; e2e_screen $s | sed 's/^/    | /'; return 1; }
  e2e_screen $s | grep -q "not started · 0/13 *$" || { e2e_screen $s | sed 's/^/    | /'; return 1; }
  tm resize-window -t $s -x 60 -y 20
  e2e_wait_for $s "Unroll · lessons                 streak" || return 1
  e2e_screen $s | sed -n 3p | grep -q "Choose a lesson" || { e2e_screen $s | sed 's/^/    | /'; return 1; }
  e2e_keys $s q
  e2e_exit_line $s | grep -q "^exit=0" || return 1
}

test_absurd_lines_and_columns_do_not_stop_the_start() {
  local s=envhuge$$
  e2e_start $s 80 24 "LINES=100000 COLUMNS=100000 $E2E_BIN --progress $E2E_TMP/envhuge.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s q
  e2e_exit_line $s | grep -q "^exit=0" || return 1
}
