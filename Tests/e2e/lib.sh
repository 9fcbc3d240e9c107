# The tmux harness for end-to-end tests of the real binary in a real terminal.
# Every test gets its own detached session of a fixed size on a private server socket; sessions
# are killed by name when the test ends, whatever happens.

E2E_SOCKET="unroll-e2e-$$"
E2E_BIN="${E2E_BIN:-$PWD/.build/debug/unroll}"
E2E_TMP="$(mktemp -d)"
export SWIFT_BACKTRACE=interactive=no

tm() { tmux -L "$E2E_SOCKET" "$@"; }

# e2e_start NAME WIDTH HEIGHT COMMAND — COMMAND runs under sh with a sane UTF-8 xterm environment;
# it is followed by a line with its exit status and the terminal's modes, then a pause so the test
# can read them. The tutor dumps the progress it holds after every update (UNROLL_TEST_PROGRESS_DUMP);
# run.sh compares each dump with the saved file after the test (check_progress.py).
e2e_start() {
  local name=$1 w=$2 h=$3; shift 3
  mkdir -p "$E2E_TMP/dumps"
  local wrapped="TERM=${E2E_TERM:-xterm-256color} LANG=C.UTF-8 XDG_DATA_HOME=$E2E_TMP/xdg XDG_CACHE_HOME=${E2E_CACHE:-$E2E_TMP/cache} SWIFT_BACKTRACE=interactive=no UNROLL_TEST_PROGRESS_DUMP=$E2E_TMP/dumps/$name.json $*; echo \"exit=\$? \$(stty -a | tr ' ' '\n' | grep -E '^-?(icanon|echo)\$' | tr '\n' ' ')\"; sleep 30"
  tm new-session -d -s "$name" -x "$w" -y "$h" "sh -c '$(printf %s "$wrapped" | sed "s/'/'\\\\''/g")'" </dev/null
  tm set-option -t "$name" remain-on-exit on >/dev/null
  E2E_SESSIONS="$E2E_SESSIONS $name"
}

e2e_screen() { tm capture-pane -t "$1" -p -J; }

# e2e_wait_for NAME TEXT [SECONDS] — waits until TEXT is on the screen; fails with the screen shown.
e2e_wait_for() {
  local name=$1 text=$2 limit=${3:-${E2E_WAIT:-30}} i=0
  while [ $i -lt $((limit * 100)) ]; do
    if e2e_screen "$name" | grep -qF -- "$text"; then return 0; fi
    sleep 0.01; i=$((i + 1))
  done
  echo "    timed out waiting for: $text"; e2e_screen "$name" | sed 's/^/    | /'
  return 1
}

# e2e_wait_gone NAME TEXT [SECONDS] — waits until TEXT has left the screen.
e2e_wait_gone() {
  local name=$1 text=$2 limit=${3:-${E2E_WAIT:-30}} i=0
  while [ $i -lt $((limit * 100)) ]; do
    if ! e2e_screen "$name" | grep -qF -- "$text"; then return 0; fi
    sleep 0.01; i=$((i + 1))
  done
  echo "    still on screen: $text"; e2e_screen "$name" | sed 's/^/    | /'
  return 1
}

e2e_keys() { local name=$1; shift; tm send-keys -t "$name" "$@"; }
e2e_text() { tm send-keys -t "$1" -l "$2"; }

# SGR mouse: e2e_mouse NAME press|release|drag COLUMN ROW (1-based, as the terminal counts).
e2e_mouse() {
  local name=$1 kind=$2 x=$3 y=$4
  case $kind in
    press) tm send-keys -t "$name" -l "$(printf '\033[<0;%d;%dM' "$x" "$y")" ;;
    release) tm send-keys -t "$name" -l "$(printf '\033[<0;%d;%dm' "$x" "$y")" ;;
    drag) tm send-keys -t "$name" -l "$(printf '\033[<32;%d;%dM' "$x" "$y")" ;;
  esac
}

# The pid of the program under test (the shell's child).
e2e_pid() { local shell; shell=$(tm display -p -t "$1" '#{pane_pid}'); pgrep -P "$shell" | head -1; }

# e2e_exit_line NAME — waits for the wrapper's "exit=N …" line and prints it.
e2e_exit_line() {
  local name=$1 i=0 line
  while [ $i -lt $(( ${E2E_WAIT:-30} * 100 )) ]; do
    line=$(e2e_screen "$name" | grep -E '^exit=' | tail -1)
    if [ -n "$line" ]; then echo "$line"; return 0; fi
    sleep 0.01; i=$((i + 1))
  done
  echo "no exit line"; return 1
}

e2e_kill() { tm kill-session -t "$1" 2>/dev/null || true; }

e2e_cleanup() {
  for s in $E2E_SESSIONS; do e2e_kill "$s"; done
  tm kill-server 2>/dev/null || true
  # A tutor killed with its session may still be writing its last progress dump.
  rm -rf "$E2E_TMP" 2>/dev/null || { sleep 1; rm -rf "$E2E_TMP"; }
}
trap e2e_cleanup EXIT

# e2e_find NAME TEXT — prints "COLUMN ROW" (1-based, as mouse reports count) of TEXT's first
# character on the screen, or fails.
# Columns are cells, not bytes: the screen holds multi-byte marks (│ ▸ ◂ →) before the text.
e2e_find() {
  e2e_screen "$1" | python3 -c '
import sys, unicodedata
t = sys.argv[1]
for row, line in enumerate(sys.stdin.read().split("\n"), 1):
    i = line.find(t)
    if i >= 0:
        cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])
        print(cells + 1, row)
        sys.exit(0)
sys.exit(1)
' "$2"
}

# e2e_click NAME TEXT — press and release on TEXT's first character.
e2e_click() {
  local pos; pos=$(e2e_find "$1" "$2") || { echo "    not on screen: $2"; return 1; }
  set -- "$1" $pos
  e2e_mouse "$1" press "$2" "$3"; e2e_mouse "$1" release "$2" "$3"
}
