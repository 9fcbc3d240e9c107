"""Records what the --python worker (Sources/SnippetRunner/PythonHook.swift) answers for a few snippets,
with torch's own output for each recorded RNN call, so SnippetRunnerTests can check the decoding of the
record and that the engine, replaying it, gives torch's numbers -- without torch in CI.

    ~/torchenv/bin/python Scripts/python_hook_fixture.py   # writes Tests/SnippetRunnerTests/Fixtures/python_hook.json
"""
import json, os, pathlib, subprocess, sys

import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
swift = (ROOT / "Sources/SnippetRunner/PythonHook.swift").read_text()
HOOK = swift[swift.index('#"""\n') + 5: swift.index('"""#')]

SNIPPETS = [
    # A model as a class: the LSTM is called inside forward (line 10), batch_first, two layers.
    """import torch
import torch.nn as nn
torch.manual_seed(0)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, num_layers=2, batch_first=True)
        self.head = nn.Linear(4, 1)
    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])
net = Net()
print(net(torch.randn(2, 5, 3)).shape)
""",
    # Two calls on one line (the last wins), a GRU given a non-zero h0 (not recorded), a bidirectional RNN.
    """import torch
torch.manual_seed(1)
rnn = torch.nn.RNN(2, 3, bidirectional=True, nonlinearity='relu')
gru = torch.nn.GRU(2, 3)
for x in [torch.zeros(4, 2), torch.randn(4, 2)]: out, h = rnn(x)
out, h = gru(torch.randn(4, 1, 2), torch.ones(1, 1, 3))
print(h)
""",
    # An error inside a function: the traceback names the snippet's lines, not the hook's.
    """def f(n):
    return 1 / n
print('before')
f(0)
""",
]


def main():
    cases = []
    for source in SNIPPETS:
        request = json.dumps({"source": source}) + "\n"
        answer = subprocess.run([sys.executable, "-B", "-c", HOOK], input=request.encode(), capture_output=True, check=True).stdout
        line = answer.decode().rstrip("\n")
        record = json.loads(line)
        expected = []
        for call in record["recurrentCalls"]:
            c = call["config"]
            kind = {"RNN_TANH": torch.nn.RNN, "RNN_RELU": torch.nn.RNN, "LSTM": torch.nn.LSTM, "GRU": torch.nn.GRU}[c["mode"]]
            extra = {"nonlinearity": "relu" if c["mode"] == "RNN_RELU" else "tanh"} if kind is torch.nn.RNN else {}
            m = kind(c["inputSize"], c["hiddenSize"], num_layers=c["numLayers"], bias=c["bias"], batch_first=c["batchFirst"],
                     bidirectional=c["bidirectional"], **extra)
            import base64, struct
            def tensor(w):
                raw = base64.b64decode(w["data"])
                return torch.tensor(struct.unpack("<%df" % (len(raw) // 4), raw), dtype=torch.float32).reshape(w["shape"])
            m.load_state_dict({k: tensor(v) for k, v in call["stateDict"].items()})
            with torch.no_grad():
                out = m(tensor(call["input"]))[0]
            expected.append({"line": call["line"], "output": out.reshape(-1).tolist(), "shape": list(out.shape)})
        cases.append({"source": source, "answer": line, "torchOutputs": expected})
    path = ROOT / "Tests/SnippetRunnerTests/Fixtures/python_hook.json"
    path.write_text(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0], "cases": cases}, indent=1) + "\n")
    print(f"wrote {path.relative_to(ROOT)}: {len(cases)} snippets")


main()
