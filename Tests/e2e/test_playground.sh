# The playground: edit a lesson snippet, run it with Ctrl-R, read the output or the traceback.

test_playground_fixing_input_size_makes_the_error_disappear() {
  local s=play$$ i
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --task 2 --progress $E2E_TMP/play.json"
  e2e_wait_for $s "Practice question 4: fix the input size" || return 1
  e2e_keys $s C-r
  e2e_wait_for $s "RuntimeError: input.size(-1) must be equal to input_size. Expected 8, got 10" || return 1
  # Line 2, column 30 is the 8 of input_size=8: replace it with 10.
  e2e_keys $s Down Home
  for i in $(seq 30); do e2e_keys $s Right; done
  e2e_keys $s DC
  e2e_text $s "10"
  e2e_wait_for $s "rnn = torch.nn.RNN(input_size=10, hidden_size=4)" || return 1
  e2e_keys $s C-r
  e2e_wait_for $s "torch.Size([5, 3, 4])" || return 1
  e2e_wait_gone $s "RuntimeError" || return 1
  e2e_screen $s | grep -qF "✓ Output" || { echo "    no success mark"; return 1; }
}

test_playground_ctrl_v_unrolls_the_snippets_own_rnn() {
  local s=playv$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --progress $E2E_TMP/playv.json"
  e2e_wait_for $s "Shapes in and out" || return 1
  e2e_keys $s C-v
  e2e_wait_for $s "Run the snippet first" || return 1
  e2e_keys $s C-r
  e2e_wait_for $s "torch.Size([1, 3, 20])" || return 1
  e2e_keys $s C-v
  e2e_wait_for $s "weights: state_dict" || return 1
  e2e_wait_for $s "RNN(10, 20)" || return 1
  e2e_keys $s Escape
  e2e_wait_for $s "Snippet 1/5" || return 1
}

test_playground_a_line_longer_than_the_window_scrolls_to_show_its_end() {
  local s=playw$$
  e2e_start $s 40 12 "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --progress $E2E_TMP/playw.json"
  e2e_wait_for $s "Snippet 1/5" || return 1
  # 60 characters after "print(" on a new line 2, in a window 40 columns wide.
  e2e_keys $s End Enter
  e2e_text $s 'print("a line typed past the right edge of the window: the END")'
  e2e_wait_for $s 'window: the END")' || return 1
  e2e_screen $s | grep -qF '2 │‹' || { echo "    no mark for the text scrolled off the left"; return 1; }
  e2e_keys $s Home
  e2e_wait_for $s '2 │ print("a line typed past the' || return 1
  e2e_wait_gone $s 'the END")' || return 1
}

test_playground_ctrl_v_unrolls_the_lstm_inside_a_learners_module() {
  local s=playnet$$ line
  e2e_start $s 100 40 "$E2E_BIN why-rnns-handle-sequences --mode playground --task 1 --progress $E2E_TMP/playnet.json"
  e2e_wait_for $s "Shapes in and out" || return 1
  # After the snippet's own lines, a learner's model: an LSTM (two layers) and a Linear head, called in forward.
  e2e_keys $s Down Down Down Down Down Down Down Down End
  while IFS= read -r line; do
    e2e_keys $s Enter Home
    e2e_text $s "$line"
  done <<'PY'
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, num_layers=2)
        self.head = nn.Linear(4, 2)
    def forward(self, x):
        out, (h, c) = self.lstm(x)
        return self.head(out[-1])
net = Net()
y = net(torch.zeros(5, 1, 3))
print("net out", tuple(y.shape))
PY
  e2e_wait_for $s 'print("net out", tuple(y.shape))' || return 1
  e2e_keys $s C-r
  e2e_wait_for $s "net out (1, 2)" || return 1
  e2e_keys $s C-v
  e2e_wait_for $s "LSTM(3, 4, num_layers=2)" || return 1
  e2e_keys $s Escape
  e2e_wait_for $s "Snippet 1/" || return 1
}
