# The gradient view from lesson 6: Visualize → n (the tanh RNN over 40 steps) → g, then BPTT step by step
# with ← and all the way back with Home. The per-step norms on screen must be `unroll engine --trace`'s
# grad_h norms for the same weights, input and loss (output[-1].sum()), rounded as shown.

grad_engine_case() {
  python3 - "$1" <<'PY'
import json, sys
sd = json.load(open("Lessons/weights/06-rnn-40.json"))
case = {"module": "RNN", "config": {"input_size": 1, "hidden_size": 3}, "state_dict": sd,
        "input": [[1.0]] + [[0.0]] * 39, "grad_output": [[0.0] * 3] * 39 + [[1.0] * 3]}
json.dump(case, open(sys.argv[1], "w"))
PY
}

test_gradients_lesson6_norms_equal_the_engine() {
  local s=grad$$ i
  grad_engine_case "$E2E_TMP/grad-case.json"
  "$E2E_BIN" engine --trace "$E2E_TMP/grad-case.json" > "$E2E_TMP/grad-engine.json" || { echo "    unroll engine failed"; return 1; }
  e2e_start $s 80 24 "$E2E_BIN --lessons Lessons why-long-sequences-are-hard --mode visualize --progress $E2E_TMP/grad.json"
  e2e_wait_for $s "item 1/3 · LSTM(1, 3)" || return 1
  e2e_keys $s n
  e2e_wait_for $s "step 0/40 · weights: state_dict · item 2/3 · RNN(1, 3)" || return 1
  e2e_wait_for $s "g gradients" || return 1
  e2e_keys $s g
  e2e_wait_for $s "BPTT 0/41 · L = output[-1].sum()" || return 1
  for i in 1 2 3; do
    e2e_keys $s Left
    e2e_wait_for $s "BPTT $i/41" || return 1
    e2e_screen $s > "$E2E_TMP/grad$i"
    python3 Tests/e2e/fixtures/check_gradient_norms.py "$E2E_TMP/grad-engine.json" "$E2E_TMP/grad$i" >/dev/null \
      || { python3 Tests/e2e/fixtures/check_gradient_norms.py "$E2E_TMP/grad-engine.json" "$E2E_TMP/grad$i" | sed 's/^/    /'; sed 's/^/    | /' "$E2E_TMP/grad$i"; return 1; }
  done
  e2e_wait_for $s "∂L/∂h_38 = ∂L/∂output[37] + ∂L/∂h_39·∂h_39/∂h_38" || return 1
  # Home as xterm sends it: BPTT all the way back to h_0; the columns scroll to t=1.
  e2e_text $s "$(printf '\033OH')"
  e2e_wait_for $s "BPTT 41/41" || return 1
  e2e_wait_for $s "where BPTT ends (grad_hx)" || return 1
  e2e_screen $s > "$E2E_TMP/grad-all"
  python3 Tests/e2e/fixtures/check_gradient_norms.py "$E2E_TMP/grad-engine.json" "$E2E_TMP/grad-all" > "$E2E_TMP/grad-all.norms" \
    || { sed 's/^/    /' "$E2E_TMP/grad-all.norms"; sed 's/^/    | /' "$E2E_TMP/grad-all"; return 1; }
  # Four columns t=1..4, every norm vanished by orders of magnitude (e-14, e-13 against 1.73e+00 at t=40).
  grep -qE '^([0-9]\.[0-9]{2}e-1[0-9] ){3}[0-9]\.[0-9]{2}e-1[0-9]$' "$E2E_TMP/grad-all.norms" \
    || { echo "    not vanished: $(cat "$E2E_TMP/grad-all.norms")"; return 1; }
  # One log-scale bar per state, h_0 to h_40: low at the start, full at the loss.
  e2e_screen $s | grep -qE '^per step ‖∂L/∂h‖ ▁{10}.*█ *$' || { e2e_screen $s | sed 's/^/    | /'; return 1; }
  # g goes back to the forward pass; q leaves.
  e2e_keys $s g
  e2e_wait_for $s "step 0/40 · weights: state_dict · item 2/3" || return 1
  e2e_keys $s q
  e2e_wait_for $s "Choose your learning style" || return 1
}

test_gradients_visualize_grad_flag() {
  local s=gradflag$$
  e2e_start $s 80 24 "$E2E_BIN visualize --grad --loss all_sum --seq-len 6 --input-size 1 --hidden-size 2"
  e2e_wait_for $s "BPTT 0/7 · L = output.sum() · seed 0 · RNN(1, 2)" || return 1
  e2e_keys $s Left
  e2e_wait_for $s "BPTT 1/7" || return 1
  e2e_wait_for $s "‖∂L/∂h_6‖ = " || return 1
  local err
  err=$("$E2E_BIN" visualize --grad --loss last_unit:5 --hidden-size 2 2>&1 >/dev/null); [ $? -eq 2 ] || { echo "    expected exit 2"; return 1; }
  [ "$err" = "unroll visualize: --loss last_unit:5: the output has 2 features (0 to 1)" ] || { echo "    got: $err"; return 1; }
}
