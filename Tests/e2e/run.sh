#!/usr/bin/env bash
# Runs every test_* function of Tests/e2e/test_*.sh against the real binary in tmux.
# Usage: bash Tests/e2e/run.sh [FILTER]   (FILTER: a substring of test names)
set -u
cd "$(dirname "$0")/../.."
. Tests/e2e/lib.sh
for f in Tests/e2e/test_*.sh; do . "$f"; done

passed=0; failed=0; skipped=0; failures=""
for t in $(declare -F | awk '{print $3}' | grep '^test_' ); do
  case "$t" in *"${1:-}"*) ;; *) continue ;; esac
  E2E_SESSIONS=""
  out=$("$t" 2>&1); rc=$?
  [ $rc -eq 0 ] && { out="$out$(python3 Tests/e2e/check_progress.py "$E2E_TMP/dumps" 2>&1)" || rc=1; }
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1)); echo "  ok   $t"
  elif [ $rc -eq 77 ]; then
    # A test that cannot run here (no torch in CI) says why and does not fail the run.
    skipped=$((skipped + 1)); echo "  skip $t"; echo "$out"
  else
    failed=$((failed + 1)); failures="$failures $t"; echo "  FAIL $t"; echo "$out"
  fi
  [ -n "$out" ] && [ -n "${E2E_VERBOSE:-}" ] && echo "$out"
  for s in $E2E_SESSIONS; do e2e_kill "$s"; done
  rm -f "$E2E_TMP"/dumps/*.json
done
[ -f "$E2E_TMP/figures" ] && cat "$E2E_TMP/figures"
echo "e2e: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
