#!/usr/bin/env python3
"""Builds lesson 6's gradient items: their weights and torch's per-step gradient norms.

Writes
  Lessons/weights/06-rnn-40.json   nn.RNN(1, 3) state_dict (torch.manual_seed(0), rounded to 4 decimals)
  Lessons/weights/06-lstm-40.json  nn.LSTM(1, 3) state_dict, the same seed, the forget gate's input bias + 3
  Tests/TutorCoreTests/Fixtures/lesson6_gradients.json
      per item: ‖dL/dh_k‖ for k = 0..40 (h_0 the initial state, h_k = output[k-1]) and for LSTM ‖dL/dc_k‖,
      for L = output[-1].sum() (the visualizer's default loss) on the lesson's input: a pulse x_1 = 1, then 39 zeros.

The lesson's `visualize` items 2 and 3 load these weights; LessonGradientTests compares the visualizer's norms
(the engine's float32 backward) with these float64 ones. Each step is written out in float64 with
retain_grad() on every h_k (and c_k), so after backward .grad is the whole dL/dh_k, as the engine records it.
Run with ~/torchenv/bin/python Scripts/lesson6_gradient_fixtures.py (torch 2.15, CPU) and commit what it writes.
"""
import json, os
import torch
from torch import nn

torch.set_num_threads(1)
ROOT = os.path.join(os.path.dirname(__file__), "..")
L, H, FORGET_BIAS = 40, 3, 3.0


def r4(t):
    return torch.round(t.double() * 10000) / 10000


def tolist(t):
    if t.dim() == 0:
        return round(float(t), 4)
    return [tolist(v) for v in t]


def weights(kind):
    torch.manual_seed(0)
    m = {"RNN": nn.RNN, "LSTM": nn.LSTM}[kind](1, H)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    if kind == "LSTM":
        sd["bias_ih_l0"][H:2 * H] += FORGET_BIAS  # gates i, f, g, o: f's rows
    # The module itself must accept them (and run them as the step-by-step loop below does).
    m.double().load_state_dict(sd)
    return m, sd


def norms(kind, m, sd, x):
    w_ih, w_hh, b_ih, b_hh = sd["weight_ih_l0"], sd["weight_hh_l0"], sd["bias_ih_l0"], sd["bias_hh_l0"]
    h = torch.zeros(H, dtype=torch.float64, requires_grad=True)
    c = torch.zeros(H, dtype=torch.float64, requires_grad=True)
    hs, cs = [h], [c]
    for t in range(L):
        a = w_ih @ x[t] + b_ih + w_hh @ h + b_hh
        if kind == "RNN":
            h = torch.tanh(a)
        else:
            i, f, g, o = a.chunk(4)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
            c.retain_grad()
            cs.append(c)
        h.retain_grad()
        hs.append(h)
    with torch.no_grad():
        out, _ = m(x)
    assert torch.allclose(out[-1], h.detach(), atol=1e-12), "the step-by-step forward is the module's"
    h.sum().backward()
    item = {"module": kind, "h_norms": [float(v.grad.norm()) for v in hs]}
    if kind == "LSTM":
        item["c_norms"] = [float(v.grad.norm()) for v in cs]
    return item


x = torch.zeros(L, 1, dtype=torch.float64)
x[0, 0] = 1.0
items = []
for kind, name in (("RNN", "06-rnn-40.json"), ("LSTM", "06-lstm-40.json")):
    m, sd = weights(kind)
    with open(os.path.join(ROOT, "Lessons", "weights", name), "w") as f:
        json.dump({k: tolist(v) for k, v in sd.items()}, f, indent=1)
        f.write("\n")
    items.append(dict(weights="weights/" + name, **norms(kind, m, sd, x)))
with open(os.path.join(ROOT, "Tests", "TutorCoreTests", "Fixtures", "lesson6_gradients.json"), "w") as f:
    json.dump({"torch": torch.__version__, "seq_len": L, "loss": "output[-1].sum()", "items": items}, f, indent=1)
    f.write("\n")
for it in items:
    h = it["h_norms"]
    print(it["module"], "h_1/h_40 = %.3e" % (h[1] / h[40]), *(["c_1/c_40 = %.3e" % (it["c_norms"][1] / it["c_norms"][40])] if "c_norms" in it else []))
