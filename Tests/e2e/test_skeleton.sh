# The walking skeleton: menu, quitting, refusing what is not a terminal, resizing.

test_menu_shows_lesson_titles() {
  local s=menu$$ start end
  start=$(date +%s%N)
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Why RNNs handle sequences in PyTorch" || return 1
  end=$(date +%s%N)
  echo "launch to first frame (through tmux): $(( (end - start) / 1000000 )) ms" >> "$E2E_TMP/figures"
  e2e_screen $s | grep -q "Choose a lesson" || { echo "    no menu heading"; return 1; }
}

test_q_quits_with_status_0_and_restores_the_terminal() {
  local s=quit$$ line
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Choose a lesson" || return 1
  [ "$(tm display -p -t $s '#{alternate_on}')" = 1 ] || { echo "    tutor did not use the alternate screen"; return 1; }
  e2e_keys $s q
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=0 icanon echo"*) ;; *) echo "    got: $line"; return 1 ;; esac
  [ "$(tm display -p -t $s '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')" = "0 1 0" ] \
    || { echo "    modes after exit: $(tm display -p -t $s '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')"; return 1; }
}

test_ctrl_c_quits_cleanly() {
  local s=ctrlc$$ line
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s C-c
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=0 icanon echo"*) ;; *) echo "    got: $line"; return 1 ;; esac
}

test_sigterm_and_sighup_restore_the_terminal() {
  local sig s line
  for sig in TERM HUP INT; do
    s=sig$sig$$
    e2e_start $s 80 24 "$E2E_BIN"
    e2e_wait_for $s "Choose a lesson" || return 1
    kill -$sig "$(e2e_pid $s)"
    line=$(e2e_exit_line $s) || return 1
    local want; want=$((128 + $(kill -l $sig)))
    case "$line" in "exit=$want icanon echo"*) ;; *) echo "    SIG$sig got: $line"; return 1 ;; esac
    [ "$(tm display -p -t $s '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')" = "0 1 0" ] || { echo "    SIG$sig left modes on"; return 1; }
  done
}

test_not_a_terminal_exits_2_with_a_sentence() {
  local err status
  err=$(echo | "$E2E_BIN" 2>&1 >/dev/null); status=$?
  [ $status -eq 2 ] || { echo "    status $status"; return 1; }
  [ "$err" = "unroll: standard input is not a terminal; run unroll in a terminal (or use \`unroll print\`, \`unroll check\`)." ] || { echo "    got: $err"; return 1; }
}

test_term_dumb_and_unset_and_unknown_exit_2() {
  local s=dumb$$ line
  E2E_TERM=dumb e2e_start $s 80 24 "$E2E_BIN"
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=2 "*) ;; *) echo "    got: $line"; return 1 ;; esac
  e2e_screen $s | grep -qF "unroll: the terminal type 'dumb' (TERM) cannot move the cursor" || { e2e_screen $s; return 1; }
  s=unknown$$
  E2E_TERM=no-such-terminal e2e_start $s 80 24 "$E2E_BIN"
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=2 "*) ;; *) echo "    got: $line"; return 1 ;; esac
  e2e_screen $s | grep -qF "unroll: the terminal type 'no-such-terminal' (TERM) is unknown here" || { e2e_screen $s; return 1; }
  s=unset$$
  e2e_start $s 80 24 "env -u TERM $E2E_BIN"
  line=$(e2e_exit_line $s) || return 1
  case "$line" in "exit=2 "*) ;; *) echo "    got: $line"; return 1 ;; esac
  e2e_screen $s | grep -qF "unroll: TERM is not set" || { e2e_screen $s; return 1; }
}

test_resize_small_then_back() {
  local s=resize$$
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Choose a lesson" || return 1
  tm resize-window -t $s -x 30 -y 8
  e2e_wait_for $s "Make the window larger" || return 1
  e2e_screen $s | grep -q "Choose a lesson" && { echo "    menu still drawn at 30x8"; return 1; }
  tm resize-window -t $s -x 80 -y 24
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_wait_gone $s "Make the window larger" || return 1
}

test_idle_menu_uses_no_cpu() {
  local s=idle$$ pid before after
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Choose a lesson" || return 1
  pid=$(e2e_pid $s)
  before=$(awk '{print $14 + $15}' /proc/$pid/stat)
  sleep 2
  after=$(awk '{print $14 + $15}' /proc/$pid/stat)
  # A polling loop burns ~200 ticks in 2 s; a blocking read burns none.
  [ $((after - before)) -le 1 ] || { echo "    $((after - before)) CPU ticks in 2 s idle"; return 1; }
}

test_help_opens_and_closes() {
  local s=help$$
  e2e_start $s 80 24 "$E2E_BIN"
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s '?'
  e2e_wait_for $s "Keys · Lesson menu" || return 1
  e2e_keys $s Escape
  e2e_wait_gone $s "Keys · Lesson menu" || return 1
}

test_ascii_flag_draws_plain_lines() {
  local s=ascii$$
  e2e_start $s 80 24 "$E2E_BIN --ascii"
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s '?'
  e2e_wait_for $s "+- Keys" || return 1
  e2e_screen $s | grep -q "[─│›]" && { echo "    Unicode lines under --ascii"; return 1; }
  return 0
}

test_ctrl_z_suspends_and_fg_redraws() {
  local s=susp$$
  tm new-session -d -s $s -x 80 -y 24 "bash --norc -i" </dev/null
  E2E_SESSIONS="$E2E_SESSIONS $s"
  sleep 0.2
  e2e_keys $s "TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$E2E_TMP/xdg $E2E_BIN --progress $E2E_TMP/susp.json" Enter
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s C-z
  e2e_wait_for $s "Stopped" || return 1
  e2e_keys $s "fg" Enter
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s q
  e2e_wait_gone $s "Choose a lesson" || return 1
  e2e_keys $s 'echo "st=$? $(stty -a | grep -o -- "-icanon" | head -1)"' Enter
  e2e_wait_for $s "st=0 " || return 1
}

test_no_color_draws_without_colour() {
  local s=nocolor$$
  e2e_start $s 80 24 "NO_COLOR=1 $E2E_BIN --progress $E2E_TMP/nc.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  # With colours the heading is cyan (38;5;6 or 36); without, only attributes remain.
  tm capture-pane -t $s -p -e | grep -q $'\e\\[[0-9;]*3[1-6]m' && { echo "    colour codes under NO_COLOR"; return 1; }
  s=color$$
  e2e_start $s 80 24 "$E2E_BIN --progress $E2E_TMP/c.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  tm capture-pane -t $s -p -e | grep -q $'\e\\[[0-9;]*3[1-6]m' || { echo "    no colour codes by default"; return 1; }
}
