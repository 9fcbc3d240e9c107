#!/usr/bin/env bash
# The house rules a compiler does not check, run by `make test` (and `make lint`):
#  - nothing an update returns is dropped: no `_ = …update(` in Sources, and no `@discardableResult`
#    where updates, commands and effects live (TutorCore, TutorRuntime, the executable; a drawing
#    helper's returned column in TutorRender and the store's SaveOutcome are not results of an update);
#  - no `default:` in a switch over the project's own enums (Scripts/lint_switches.py says how).
# Warnings are errors through the package (see Package.swift), so they are not checked here.
set -u
cd "$(dirname "$0")/.."
status=0
if grep -rnE '_[[:space:]]*=[[:space:]]*.*update[A-Za-z]*\(' Sources; then
  echo "lint: the result of an update is dropped above; apply or return it (DECISIONS.md: Screens and flow)"
  status=1
fi
if grep -rn '@discardableResult' Sources/TutorCore Sources/TutorRuntime Sources/unroll; then
  echo "lint: @discardableResult above: a result that can be dropped will be"
  status=1
fi
python3 Scripts/lint_switches.py . || status=1
[ $status -eq 0 ] && echo "lint: ok"
exit $status
