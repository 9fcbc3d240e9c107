# `unroll --python PATH`: playground snippets run under real Python + torch, the output header names
# that runtime, and Ctrl-V unrolls, in the engine, the RNN torch ran (its state_dict and input, recorded
# inside torch). Needs a Python with torch ($UNROLL_TEST_PYTHON, else ~/torchenv/bin/python, but under CI
# only the explicit one: torch is never part of CI); without one the test is skipped and says why.

e2e_test_python() {
  local p=${UNROLL_TEST_PYTHON:-}
  if [ -z "$p" ] && [ -z "${CI:-}" ]; then p=$HOME/torchenv/bin/python; fi
  [ -n "$p" ] && [ -x "$p" ] && echo "$p"
}

test_python_runs_the_snippet_under_torch_and_ctrl_v_unrolls_its_rnn() {
  local s=py$$ py want
  py=$(e2e_test_python) || { echo "    skipped: no Python with torch (set UNROLL_TEST_PYTHON, or outside CI create ~/torchenv)"; return 77; }
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --python $py --progress $E2E_TMP/py.json"
  e2e_wait_for $s "Shapes in and out" 60 || return 1
  e2e_text $s 'import sys, torch; torch.manual_seed(0); print("python", sys.version_info[:2])'
  e2e_keys $s Enter
  e2e_text $s 'h = torch.nn.RNN(2, 3)(torch.ones(2, 1, 2))[1]; print("h_n", [f"{v:.4f}" for v in h.flatten().tolist()])'
  e2e_keys $s Enter Up
  e2e_keys $s C-r
  e2e_wait_for $s "✓ Output · python3.11 + torch 2.15.0" 60 || return 1
  e2e_wait_for $s "python (3, 11)" || return 1
  e2e_wait_for $s "torch.Size([1, 3, 20])" || return 1
  e2e_screen $s > "$E2E_TMP/py-output"
  e2e_keys $s C-v
  e2e_wait_for $s "RNN(2, 3)" || return 1
  e2e_text $s "$(printf '\033OF')"
  e2e_wait_for $s "step 2/2" || return 1
  # The engine's last hidden state, drawn from torch's state_dict and input, is what torch printed.
  want=$(grep -o "h_n \[.*\]" "$E2E_TMP/py-output" | tr -d "',[]" | awk '{ for (i = 2; i <= NF; i++) printf "%s%s", (i > 2 ? " " : ""), ($i ~ /^-/ ? $i : "+" $i) }')
  [ -n "$want" ] || { echo "    torch printed no h_n"; sed 's/^/    | /' "$E2E_TMP/py-output"; return 1; }
  e2e_wait_for $s "h_t = tanh(…) = [$want]" || return 1
  e2e_keys $s Escape
  e2e_wait_for $s "Snippet 1/5" || return 1
}

test_python_that_cannot_run_snippets_is_one_line_and_exit_2_before_the_terminal_is_taken() {
  local out rc
  out=$("$E2E_BIN" --python /nonexistent/python --progress "$E2E_TMP/pybad.json" 2>&1 </dev/null); rc=$?
  [ $rc -eq 2 ] || { echo "    exit $rc"; return 1; }
  [ "$out" = "unroll: --python /nonexistent/python: no such file" ] || { echo "    got: $out"; return 1; }
  out=$(UNROLL_PYTHON=/bin/true "$E2E_BIN" preview why-rnns-handle-sequences 2>&1 </dev/null); rc=$?
  [ $rc -eq 2 ] || { echo "    exit $rc"; return 1; }
  [ "$out" = 'unroll: UNROLL_PYTHON=/bin/true: does not run as a Python interpreter (it did not answer when asked for its torch version)' ] || { echo "    got: $out"; return 1; }
  [ ! -e "$E2E_TMP/pybad.json" ] || { echo "    a progress file was written"; return 1; }
}
