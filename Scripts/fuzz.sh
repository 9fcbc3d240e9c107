#!/usr/bin/env bash
# Runs the libFuzzer targets of Tests/Fuzz, each for SECONDS, one after the other.
#   Scripts/fuzz.sh SECONDS TARGET...
#   (targets: lesson minipy minipy-parse minipy-gen engine progress snippet-answer)
# Builds them with -sanitize=fuzzer into .build-fuzz (FUZZ_SANITIZE=fuzzer,address adds ASan), seeds
# them from the lessons and fixtures (Scripts/fuzz_seeds.py), keeps each target's growing corpus in
# .build-fuzz/corpus/TARGET and what it finds in .build-fuzz/artifacts/TARGET/.
# A target listed in FUZZ_REPORT_ONLY (its code has known crashes being fixed by its owners) runs in
# libFuzzer's fork mode, going on after each crash; its findings are listed but do not fail the run.
# Any other target stops at its first crash, timeout or out-of-memory (with FUZZ_FORK=1 it goes on and
# collects them all), and then the run fails.
# Prints one summary line per target: executions, execs/s, findings.
set -u
cd "$(dirname "$0")/.."
seconds=${1:?usage: Scripts/fuzz.sh SECONDS TARGET...}; shift
scratch=.build-fuzz
sanitize=${FUZZ_SANITIZE:-fuzzer}
report_only=" ${FUZZ_REPORT_ONLY:-} "
export SWIFT_BACKTRACE=enable=no

# libFuzzer comes with the Swift toolchain on Linux; elsewhere (Xcode's toolchain) -sanitize=fuzzer is
# refused. A small probe says so in one line; with FUZZ_OPTIONAL=1 (the slice in `make test`) the run is
# then skipped with exit 0, so a machine without libFuzzer still runs the rest of the tests.
mkdir -p "$scratch/probe"
printf '@_cdecl("LLVMFuzzerTestOneInput") public func one(_ d: UnsafePointer<UInt8>?, _ n: Int) -> CInt { 0 }\n' > "$scratch/probe/probe.swift"
if ! probe_err=$(swiftc -sanitize=fuzzer -parse-as-library "$scratch/probe/probe.swift" -o "$scratch/probe/probe" 2>&1) \
   || ! "$scratch/probe/probe" -runs=1 >/dev/null 2>&1; then
  echo "fuzz: swiftc -sanitize=fuzzer does not work with this toolchain ($(printf '%s' "$probe_err" | grep -m1 -i error || echo 'the probe did not run'))"
  if [ "${FUZZ_OPTIONAL:-0}" = 1 ]; then echo "fuzz: skipped (libFuzzer is needed; the regression inputs were still replayed)"; exit 0; fi
  exit 1
fi

# Seeds are written aside and only the targets of this run are replaced, so two runs side by side
# (say `make fuzz FUZZ_TARGETS=lesson` and `make fuzz FUZZ_TARGETS=engine`) never see a half-written folder.
python3 Scripts/fuzz_seeds.py "$scratch/seeds.$$" || exit 1
mkdir -p "$scratch/seeds"
for t in "$@"; do rm -rf "$scratch/seeds/$t"; mv "$scratch/seeds.$$/$t" "$scratch/seeds/$t"; done
rm -rf "$scratch/seeds.$$"
# SwiftPM gives an executable its own main (a --defsym) and libFuzzer brings one: either may win,
# and both run the same target (LLVMFuzzerTestOneInput, or LLVMFuzzerRunDriver from the target's main).
flags=(-c release --scratch-path "$scratch" -Xswiftc "-sanitize=$sanitize" -Xswiftc -DFUZZING -Xlinker --allow-multiple-definition)
for t in "$@"; do
  swift build "${flags[@]}" --product "fuzz-$t" 2>&1 | grep -E "error|warning: .*Sources|Compiling|Build" | tail -3
  [ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz: building fuzz-$t failed"; exit 1; }
done
bin="$(swift build "${flags[@]}" --show-bin-path)"

# libFuzzer's own per-input timeout runs in a SIGALRM handler that allocates; when the alarm lands
# inside malloc, the process deadlocks (seen in fork mode, where the parent then waits for it forever).
# In fork mode every job lives well under a minute, so one alive after 120 s is stuck: killed by its pid.
watchdog() {
  while sleep 10; do
    for pid in $(pgrep -f -- "^$bin/fuzz-$1 .*-stop_file="); do
      age=$(ps -o etimes= -p "$pid" 2>/dev/null | tr -d ' ')
      if [ -n "$age" ] && [ "$age" -gt 120 ]; then kill -9 "$pid" 2>/dev/null; fi
    done
  done
}

status=0
summary=""
for t in "$@"; do
  corpus="$scratch/corpus/$t"; artifacts="$scratch/artifacts/$t"; log="$scratch/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "$scratch/logs"
  # A swift build in .build-fuzz (another run starting beside this one) removes empty folders there;
  # without its artifacts folder every later fork-mode job of this run fails at once. The dot file
  # keeps it (and is not counted as a finding).
  touch "$artifacts/.keep"
  before=$(ls "$artifacts" | wc -l)
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$artifacts/")
  case $t in
    lesson) options+=(-max_len=65536 -dict=Tests/Fuzz/dictionaries/lesson.dict) ;;
    minipy|minipy-parse) options+=(-max_len=4096 -dict=Tests/Fuzz/dictionaries/minipy.dict) ;;
    minipy-gen) options+=(-max_len=1024) ;;
    engine) options+=(-max_len=16384 -dict=Tests/Fuzz/dictionaries/engine.dict) ;;
    progress|snippet-answer) options+=(-max_len=16384 -dict=Tests/Fuzz/dictionaries/json.dict) ;;
  esac
  fork=${FUZZ_FORK:-0}
  case $report_only in *" $t "*) fork=1 ;; esac
  [ "$fork" = 1 ] && options+=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
  regressions=()
  [ -d "Tests/Fuzz/Regressions/$t" ] && regressions=("Tests/Fuzz/Regressions/$t")
  echo "fuzz: $t for $seconds s ($log)"
  # A guard: a job that deadlocks while reporting an out-of-memory (seen in fork mode) would keep the
  # run waiting forever; timeout kills the target's whole process group.
  watchdog "$t" & watcher=$!
  timeout -k 10 $((seconds + 120)) "$bin/fuzz-$t" "${options[@]}" "$corpus" "$scratch/seeds/$t" "${regressions[@]}" >"$log" 2>&1
  rc=$?
  kill "$watcher" 2>/dev/null; wait "$watcher" 2>/dev/null
  # Executions: the final stats (one process), else the fork mode's last status line.
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  found=$(( $(ls "$artifacts" | wc -l) - before ))
  line="fuzz: $t: ${execs:-?} executions in $seconds s ($(( ${execs:-0} / (seconds > 0 ? seconds : 1) ))/s), $found new finding(s) in $artifacts"
  # Once fixed, a finding becomes a regression case: copied into Tests/Fuzz/Regressions/TARGET, which
  # `make test` replays (make fuzz-replay) and every later run takes as seeds.
  [ $found -gt 0 ] && line="$line; once fixed: cp $artifacts/* Tests/Fuzz/Regressions/$t/"
  case $report_only in
    *" $t "*) [ $found -gt 0 ] && line="$line (reported, not failing: see Tests/Fuzz/README.md)" ;;
    *) if [ $rc -ne 0 ] || [ $found -gt 0 ]; then
         if [ "${FUZZ_NEVER_FAIL:-0}" = 1 ]; then line="$line — FOUND (exit $rc; reported, not failing: FUZZ_NEVER_FAIL)"; tail -30 "$log"
         else line="$line — FAILED (exit $rc)"; status=1; tail -30 "$log"; fi
       fi ;;
  esac
  summary="$summary$line"$'\n'
done
printf '%s' "$summary"
exit $status
