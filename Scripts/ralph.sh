#!/usr/bin/env bash
# A real Learning Record Store for the tests: Ralph (ralph-malph, from PyPI) with its file-system backend
# on 127.0.0.1, in a virtual environment of its own (.ci-venv). No mock LRS anywhere.
#
#   Scripts/ralph.sh start        install if needed, start, print the variables the tests read:
#                                 UNROLL_TEST_LRS=http://127.0.0.1:PORT/xAPI/  UNROLL_TEST_LRS_AUTH=user:pass
#   Scripts/ralph.sh stop         stop it (SIGTERM to its process group), keep its statements
#   Scripts/ralph.sh kill         SIGKILL it, as a crash would (tests: the LRS goes away mid-session)
#   Scripts/ralph.sh restart      start it again on the same port with the same statements
#   Scripts/ralph.sh with CMD...  run CMD with Ralph started (unless UNROLL_TEST_LRS is already set) and
#                                 stopped after; if Ralph cannot be started, CMD still runs with
#                                 UNROLL_TEST_LRS_ERROR set to the reason, so the LRS tests fail saying why.
#
# State (auth file, statements, pid, port, log) lives in $RALPH_STATE (default: .build/ralph).
# Ralph 5.1.0's [lrs] extra misses `requests`, which its server imports; it is installed alongside.
# Its fs backend is patched to append (see install); DECISIONS.md says why.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${RALPH_VENV:-$ROOT/.ci-venv}
STATE=${RALPH_STATE:-$ROOT/.build/ralph}
USER_NAME=unroll
PASSWORD=unroll-test-secret

fail() { echo "ralph.sh: $*" >&2; exit 1; }

install() {
  if ! { [ -x "$VENV/bin/ralph" ] && "$VENV/bin/python" -c 'import requests, uvicorn, fastapi' 2>/dev/null; }; then
    echo "ralph.sh: installing ralph-malph[cli,lrs]==5.1.0 into $VENV" >&2
    python3 -m venv "$VENV" >&2 || fail "cannot create a virtual environment with python3 -m venv (is python3-venv installed?)"
    "$VENV/bin/pip" install -q 'ralph-malph[cli,lrs]==5.1.0' requests >&2 || fail "pip could not install ralph-malph[cli,lrs]==5.1.0 (offline, or PyPI unreachable?)"
  fi
  # Ralph 5.1.0's file-system LRS writes with the data backend's default operation, "create", which
  # refuses a file that exists: it stores the first request and answers 500 to every later one. One line
  # makes it append, as an LRS must; everything else (API, auth, validation, ids, queries) is Ralph's own.
  "$VENV/bin/python" - <<'PY' || fail "cannot patch Ralph's fs backend (not 5.1.0?)"
import pathlib, ralph.backends.lrs.fs as fs
p = pathlib.Path(fs.__file__)
s = p.read_text()
old = "        return super().write(data, target, chunk_size, ignore_errors, operation_type)"
new = ("        operation_type = operation_type or BaseOperationType.APPEND  # unroll: append\n" + old)
if "unroll: append" not in s:
    assert s.count(old) == 1, "unexpected ralph/backends/lrs/fs.py"
    p.write_text(s.replace(old, new))
PY
}

running() { [ -f "$STATE/pid" ] && kill -0 -- "-$(cat "$STATE/pid")" 2>/dev/null; }

launch() {
  local port=$1
  mkdir -p "$STATE/data"
  # A new session (so stop/kill reach the reloader and its worker) and no descriptor of ours left open
  # in it: a caller that waits for this script (Foundation's Process does) would otherwise wait for Ralph.
  # runserver watches its working folder for *.py changes (uvicorn --reload); it gets an empty one.
  python3 - "$VENV/bin/ralph" "$STATE" "$port" <<'PY' >"$STATE/pid" || fail "cannot start $VENV/bin/ralph"
import os, subprocess, sys
ralph, state, port = sys.argv[1:4]
env = dict(os.environ, RALPH_APP_DIR=os.path.join(state, "app"), RALPH_RUNSERVER_BACKEND="fs")
log = open(os.path.join(state, "log"), "ab")
p = subprocess.Popen([ralph, "runserver", "-b", "fs", "--fs-default-directory-path", os.path.join(state, "data"),
                      "-h", "127.0.0.1", "-p", port], cwd=state, env=env, stdin=subprocess.DEVNULL, stdout=log,
                     stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
print(p.pid)
PY
  local i=0
  until curl -sf "http://127.0.0.1:$port/__heartbeat__" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! running; then
      tail -20 "$STATE/log" >&2
      fail "Ralph did not start on 127.0.0.1:$port (log above, in $STATE/log)"
    fi
    sleep 0.1
  done
}

start() {
  command -v curl >/dev/null || fail "curl is needed to wait for Ralph to answer"
  install
  if running; then stop; fi
  rm -rf "$STATE"
  mkdir -p "$STATE/app"
  RALPH_APP_DIR="$STATE/app" RALPH_RUNSERVER_BACKEND=fs "$VENV/bin/ralph" auth -u "$USER_NAME" -p "$PASSWORD" -s all \
    -A "$USER_NAME" https://unroll.dev -w >>"$STATE/log" 2>&1 || { tail -5 "$STATE/log" >&2; fail "ralph auth failed"; }
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" >"$STATE/port"
  launch "$port"
  echo "UNROLL_TEST_LRS=http://127.0.0.1:$port/xAPI/"
  echo "UNROLL_TEST_LRS_AUTH=$USER_NAME:$PASSWORD"
  echo "UNROLL_TEST_RALPH_STATE=$STATE"
}

signal_group() {
  running || return 0
  local pid
  pid=$(cat "$STATE/pid")
  kill "-$1" -- "-$pid" 2>/dev/null
  local i=0
  while kill -0 -- "-$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
  kill -KILL -- "-$pid" 2>/dev/null
  rm -f "$STATE/pid"
}

stop() { signal_group TERM; }

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  kill) signal_group KILL ;;
  restart)
    [ -f "$STATE/port" ] || fail "not started (no $STATE/port)"
    running && stop
    launch "$(cat "$STATE/port")" ;;
  with)
    shift
    if [ -n "${UNROLL_TEST_LRS:-}" ]; then exec "$@"; fi
    errors=$(mktemp)
    if vars=$(start 2>"$errors"); then
      cat "$errors" >&2; rm -f "$errors"
      for v in $vars; do export "${v?}"; done
      trap 'stop' EXIT
      "$@"
    else
      cat "$errors" >&2
      UNROLL_TEST_LRS_ERROR=$(tail -1 "$errors"); rm -f "$errors"
      export UNROLL_TEST_LRS_ERROR
      "$@"
    fi ;;
  *) echo "usage: Scripts/ralph.sh start|stop|kill|restart|with CMD..." >&2; exit 2 ;;
esac
