# Robustness (issue 14): snippets that crash or exhaust MiniPy, fatal signals, external stops.
# Each test compares the whole `stty -a` before and after the tutor, not only icanon and echo.

# e2e_start_stty NAME COMMAND — as e2e_start, and the wrapper prints "stty=same" or "stty=changed"
# (with the diff) after the exit line.
e2e_start_stty() {
  local name=$1; shift
  local wrapped="TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_HOME=$E2E_TMP/xdg SWIFT_BACKTRACE=interactive=no; export TERM LANG XDG_DATA_HOME SWIFT_BACKTRACE; stty -a > $E2E_TMP/$name.before; $*; rc=\$?; stty -a > $E2E_TMP/$name.after; echo \"exit=\$rc\"; if cmp -s $E2E_TMP/$name.before $E2E_TMP/$name.after; then echo stty=same; else echo stty=changed; diff $E2E_TMP/$name.before $E2E_TMP/$name.after; fi; sleep 30"
  tm new-session -d -s "$name" -x 80 -y 24 "sh -c '$(printf %s "$wrapped" | sed "s/'/'\\\\''/g")'" </dev/null
  tm set-option -t "$name" remain-on-exit on >/dev/null
  E2E_SESSIONS="$E2E_SESSIONS $name"
}

# e2e_wait_for_re NAME REGEX [SECONDS] — as e2e_wait_for, for an extended regular expression.
e2e_wait_for_re() {
  local name=$1 re=$2 limit=${3:-10} i=0
  while [ $i -lt $((limit * 20)) ]; do
    if e2e_screen "$name" | grep -qE -- "$re"; then return 0; fi
    sleep 0.05; i=$((i + 1))
  done
  echo "    timed out waiting for /$re/"; e2e_screen "$name" | sed 's/^/    | /'
  return 1
}

# e2e_expect_end NAME STATUS — the exit line says STATUS, the terminal settings are as before, and
# the alternate screen, hidden cursor and mouse modes are off.
e2e_expect_end() {
  local name=$1 want=$2 line
  line=$(e2e_exit_line "$name") || return 1
  [ "$line" = "exit=$want" ] || { echo "    got: $line, want exit=$want"; e2e_screen "$name" | sed 's/^/    | /'; return 1; }
  e2e_wait_for "$name" "stty=" 5 || return 1
  e2e_screen "$name" | grep -q "^stty=same" || { echo "    terminal settings changed:"; e2e_screen "$name" | sed 's/^/    | /'; return 1; }
  [ "$(tm display -p -t "$name" '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')" = "0 1 0" ] \
    || { echo "    modes after exit: $(tm display -p -t "$name" '#{alternate_on} #{cursor_flag} #{mouse_any_flag}')"; return 1; }
}

test_playground_survives_snippets_that_crash_or_exhaust_minipy() {
  local s=robplay$$
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --progress $E2E_TMP/robplay.json"
  e2e_wait_for $s "Snippet 1/" || return 1
  # A new first line: the snippet stops there (MiniPy's ints are 64-bit; before issue 14 this trapped
  # and took the tutor down, and the worker process would now take such a trap instead).
  e2e_keys $s Home
  e2e_text $s 'print(round(1e300))'
  e2e_keys $s Enter C-r
  e2e_wait_for $s "✗ Output (it raised)" || return 1
  e2e_wait_for $s "NotImplementedError: MiniPy does not support integers beyond 64 bits yet" || return 1
  # A memory bomb past 1 GB: MiniPy's own limit or the kernel's stops it (on a loaded machine the
  # debug build may reach the 10 s wall-clock limit first).
  e2e_keys $s Up Home
  e2e_text $s 'x = [[0]*9999999 for i in range(200)]'
  e2e_keys $s Enter C-r
  e2e_wait_for_re $s '^ +(MemoryError|TimeoutError): ' 30 || return 1
  e2e_screen $s | grep -q "Snippet 1/" || { echo "    the playground is gone"; return 1; }
  e2e_keys $s Escape
  e2e_wait_gone $s "Snippet 1/" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s q
  e2e_expect_end $s 0
}

test_sigquit_and_other_deadly_signals_restore_the_terminal_and_die_by_the_signal() {
  local sig s
  for sig in QUIT PIPE USR1 ALRM; do
    s=rob$sig$$
    e2e_start_stty $s "$E2E_BIN --progress $E2E_TMP/rob$sig.json"
    e2e_wait_for $s "Choose a lesson" || return 1
    kill -$sig "$(e2e_pid $s)"
    e2e_expect_end $s $((128 + $(kill -l $sig))) || { echo "    (SIG$sig)"; return 1; }
  done
}

test_a_crash_restores_the_terminal_and_dies_by_its_signal() {
  local kind s want
  # segv: a bad pointer (SIGSEGV 139); fatal: a Swift fatalError (a trap: SIGILL 132 on x86-64,
  # SIGTRAP 133 on arm64); abort: SIGABRT 134.
  case "$(uname -m)" in aarch64|arm64) trap_status=133 ;; *) trap_status=132 ;; esac
  for kind in segv:139 fatal:$trap_status trap:$trap_status abort:134; do
    s=robcrash${kind%%:*}$$
    e2e_start_stty $s "UNROLL_DEBUG_CRASH=${kind%%:*} $E2E_BIN --progress $E2E_TMP/robcrash.json"
    e2e_expect_end $s "${kind#*:}" || { echo "    (UNROLL_DEBUG_CRASH=${kind%%:*})"; return 1; }
  done
}

test_kill_tstp_without_job_control_leaves_the_tutor_running() {
  # Under `sh -c` nothing could resume a stopped tutor (its process group is orphaned, so the kernel
  # discards the stop): it must go on drawing, not exit.
  local s=robtstp$$
  e2e_start_stty $s "$E2E_BIN --progress $E2E_TMP/robtstp.json"
  e2e_wait_for $s "Choose a lesson" || return 1
  kill -TSTP "$(e2e_pid $s)"
  sleep 0.3
  kill -CONT "$(e2e_pid $s)"
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s '?'
  e2e_wait_for $s "Keys · Lesson menu" || return 1
  e2e_keys $s Escape q
  e2e_expect_end $s 0
}

test_kill_tstp_from_outside_then_fg_resumes_in_a_job_control_shell() {
  local s=robfg$$ pid
  tm new-session -d -s $s -x 80 -y 24 "bash --norc -i" </dev/null
  E2E_SESSIONS="$E2E_SESSIONS $s"
  sleep 0.2
  e2e_keys $s "stty -a > $E2E_TMP/robfg.before; TERM=xterm-256color LANG=C.UTF-8 $E2E_BIN --progress $E2E_TMP/robfg.json" Enter
  e2e_wait_for $s "Choose a lesson" || return 1
  pid=$(pgrep -f "^$E2E_BIN --progress $E2E_TMP/robfg.json" | head -1)
  kill -TSTP "$pid"
  e2e_wait_for $s "Stopped" || return 1
  e2e_keys $s "fg" Enter
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s q
  e2e_wait_gone $s "Choose a lesson" || return 1
  e2e_keys $s 'echo "st=$?"; stty -a | cmp -s - '"$E2E_TMP/robfg.before"' && echo stty=same' Enter
  e2e_wait_for $s "st=0" || return 1
  e2e_wait_for $s "stty=same" || return 1
}

test_ctrl_c_stops_a_long_snippet_run_at_once() {
  local s=robintr$$ start end
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --progress $E2E_TMP/robintr.json"
  e2e_wait_for $s "Snippet 1/" || return 1
  # Runs until MiniPy's 5 s limit unless stopped.
  e2e_keys $s Home
  e2e_text $s 'import torch'
  e2e_keys $s Enter
  e2e_text $s 'while True: y = torch.randn(300, 300) @ torch.randn(300, 300)'
  e2e_keys $s Enter C-r
  e2e_wait_for $s "Running…" || return 1
  sleep 0.5
  start=$(date +%s%N)
  e2e_keys $s C-c
  e2e_wait_for $s "KeyboardInterrupt" || return 1
  end=$(date +%s%N)
  [ $(( (end - start) / 1000000 )) -lt 2000 ] || { echo "    Ctrl-C took $(( (end - start) / 1000000 )) ms"; return 1; }
  echo "Ctrl-C to KeyboardInterrupt on screen (through tmux): $(( (end - start) / 1000000 )) ms" >> "$E2E_TMP/figures"
  e2e_keys $s Escape q q
  e2e_expect_end $s 0
}

test_a_full_disk_on_quit_is_said_on_stderr_with_a_nonzero_status() {
  # RLIMIT_FSIZE 0 makes every write of the progress file fail (EFBIG, with SIGXFSZ ignored), as a
  # full disk would (ENOSPC), without a mount.
  local s=robfull$$
  e2e_start_stty $s "(trap '' XFSZ; ulimit -f 0; exec $E2E_BIN why-rnns-handle-sequences --mode try --progress $E2E_TMP/robfull/progress.json)"
  e2e_wait_for $s "Task 1/" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "✓ Correct!" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose a lesson" || return 1
  e2e_keys $s q
  e2e_expect_end $s 1 || return 1
  e2e_screen $s | grep -qE "^unroll: progress could not be saved \($E2E_TMP/robfull/progress.json: File too large\); [0-9]+ changes? since the last save (is|are) lost\.$" \
    || { echo "    no stderr line"; e2e_screen $s | sed 's/^/    | /'; return 1; }
}

test_a_lock_held_by_another_unroll_is_announced_and_ctrl_c_still_quits() {
  local s=roblock$$ holder
  mkdir -p "$E2E_TMP/roblock"
  flock "$E2E_TMP/roblock/progress.json.lock" sleep 60 </dev/null >/dev/null 2>&1 &
  holder=$!
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode try --progress $E2E_TMP/roblock/progress.json"
  e2e_wait_for $s "Task 1/" || { kill $holder; return 1; }
  e2e_keys $s a Enter
  e2e_wait_for $s "Waiting for another Unroll to finish saving…" || { kill $holder; return 1; }
  e2e_keys $s C-c
  e2e_expect_end $s 1 || { kill $holder; return 1; }
  kill $holder
  e2e_screen $s | grep -q "^unroll: progress could not be saved (another Unroll holds $E2E_TMP/roblock/progress.json.lock)" \
    || { echo "    no stderr line"; e2e_screen $s | sed 's/^/    | /'; return 1; }
}

test_the_largest_count_in_the_progress_file_does_not_crash_the_next_answer() {
  # issue 14: attempts_used = 2**63-1 (and seconds as large) trapped at the next answer; the counts
  # saturate instead, and the file is saved as usual.
  local d=$E2E_TMP/robmax s=robmax$$
  mkdir -p "$d"
  printf '{"format_version": 2, "lessons": {"why-rnns-handle-sequences": {"items": {"try-hidden-zeros": {"attempts_used": 9223372036854775807, "history": [{"at": "2026-12-01T08:00:00Z", "mode": "try", "seconds": 9223372036854775807, "grade": "good"}]}}}}}\n' > "$d/progress.json"
  e2e_start_stty $s "UNROLL_NOW=2026-12-03T09:00:00Z $E2E_BIN why-rnns-handle-sequences --mode try --task 2 --progress $d/progress.json"
  e2e_wait_for $s "Task 2/5" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "Correct!" || return 1
  e2e_keys $s q q q
  e2e_expect_end $s 0 || return 1
  grep -q '"attempts_used" : 9223372036854775807' "$d/progress.json" || { cat "$d/progress.json"; return 1; }
  python3 -c 'import json, sys; h = json.load(open(sys.argv[1]))["lessons"]["why-rnns-handle-sequences"]["items"]["try-hidden-zeros"]["history"]; sys.exit(not (len(h) == 2 and h[1]["correct"] and h[1]["chosen"] == ["A"]))' "$d/progress.json" \
    || { echo "    the answer was not recorded:"; cat "$d/progress.json"; return 1; }
}

test_a_really_full_disk_on_quit_is_said_on_stderr_with_a_nonzero_status() {
  # The same as the RLIMIT_FSIZE test with a real ENOSPC: a 64 KB tmpfs filled up. Mounting needs
  # root (and a kernel that allows it); elsewhere the test says so and passes on the other one.
  local s=robenospc$$ mnt=$E2E_TMP/robenospc rc
  mkdir -p "$mnt"
  if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=64k tmpfs "$mnt" 2>/dev/null; then
    echo "skipped: a tmpfs cannot be mounted here (the RLIMIT_FSIZE test covers a failed save)" >> "$E2E_TMP/figures"
    return 0
  fi
  dd if=/dev/zero of="$mnt/filler" bs=4096 2>/dev/null
  e2e_start_stty $s "$E2E_BIN why-rnns-handle-sequences --mode try --progress $mnt/progress.json"
  rc=0
  e2e_wait_for $s "Task 1/" && e2e_keys $s a Enter && e2e_wait_for $s "✓ Correct!" && e2e_keys $s q \
    && e2e_wait_for $s "Choose your learning style" && e2e_keys $s q && e2e_wait_for $s "Choose a lesson" \
    && e2e_keys $s q && e2e_expect_end $s 1 || rc=1
  [ $rc = 0 ] && { e2e_screen $s | grep -qE "^unroll: progress could not be saved \($mnt/progress.json: No space left on device\); [0-9]+ changes? since the last save (is|are) lost\.$" \
    || { echo "    no stderr line"; e2e_screen $s | sed 's/^/    | /'; rc=1; }; }
  e2e_kill $s
  umount "$mnt" || umount -l "$mnt"
  return $rc
}
