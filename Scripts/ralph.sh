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
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${RALPH_VENV:-$ROOT/.ci-venv}
STATE=${RALPH_STATE:-$ROOT/.build/ralph}
USER_NAME=unroll
PASSWORD=unroll-test-secret

fail() { echo "ralph.sh: $*" >&2; exit 1; }

install() {
  if [ -x "$VENV/bin/ralph" ] && "$VENV/bin/python" -c 'import requests, uvicorn, fastapi' 2>/dev/null; then return 0; fi
  echo "ralph.sh: installing ralph-malph[cli,lrs]==5.1.0 into $VENV" >&2
  python3 -m venv "$VENV" >&2 || fail "cannot create a virtual environment with python3 -m venv (is python3-venv installed?)"
  "$VENV/bin/pip" install -q 'ralph-malph[cli,lrs]==5.1.0' requests >&2 || fail "pip could not install ralph-malph[cli,lrs]==5.1.0 (offline, or PyPI unreachable?)"
}

running() { [ -f "$STATE/pid" ] && kill -0 -- "-$(cat "$STATE/pid")" 2>/dev/null; }

launch() {
  local port=$1
  mkdir -p "$STATE/data"
  # runserver watches its working folder for *.py changes (uvicorn --reload); give it an empty one.
  # exec: the background job's pid is setsid's, then Ralph's, the leader of its own process group.
  (cd "$STATE" && exec env RALPH_APP_DIR="$STATE/app" RALPH_RUNSERVER_BACKEND=fs \
     setsid "$VENV/bin/ralph" runserver -b fs --fs-default-directory-path "$STATE/data" -h 127.0.0.1 -p "$port") \
     >>"$STATE/log" 2>&1 </dev/null &
  echo $! >"$STATE/pid"
  local i=0
  until curl -sf "http://127.0.0.1:$port/__heartbeat__" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 300 ] || ! running; then
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
