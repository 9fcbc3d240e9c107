#!/usr/bin/env python3
"""Builds Tests/RNNEngineTests/Fixtures/torch_step_gradients.json: torch's dL/dh_t and dL/dc_t at every step.

The engine's backward trace (RNNBase.gradientTrace, `unroll engine --trace` on a backward case) is checked
against these. Environment as for grad_fixtures.py (~/torchenv with torch 2.15, CPU); then:
    ~/torchenv/bin/python Scripts/grad_trace_fixtures.py

nn.RNN/LSTM/GRU keep their steps' states inside one autograd node, so torch cannot give the gradient at one
step's h_t of a whole-sequence call. Here each case's module (float64, weights rounded to 4 decimals) is rebuilt
as one-layer, one-direction modules with the same weights, run one step at a time; each step's state (h_t, and
c_t for LSTM) is the tensor the next step and the layer above read, with retain_grad(), so after backward its
.grad is the whole dL/dh_t (dL/dc_t). The LSTM step is written out (gates, c_t = f·c + i·g, h_t = o·tanh(c_t),
the projection), because nn.LSTM returns c_t and h_t from one node, where c_t.grad would miss the path
through h_t. The step-by-step forward is checked against the module's own forward.
The loss is L = Σ grad_output·output (+ Σ grad_h_n·h_n + Σ grad_c_n·c_n when given), as `unroll engine` takes it.

Each case is an `unroll engine` backward case plus "expect": {"steps": [{layer, direction, t, grad_h, grad_c}],
"grad_hx": [...]} (time index t as the engine counts it, from 0; values rounded to 8 decimals).
"""
import json, os, random, warnings
import torch
from torch import nn

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "RNNEngineTests", "Fixtures", "torch_step_gradients.json")
rng = random.Random(20261203)
torch.manual_seed(3)


def r4(t):
    return torch.round(t.double() * 10000) / 10000


def tolist(t, nd=8):
    if t.dim() == 0:
        return round(float(t), nd)
    return [tolist(x, nd) for x in t]


def case(kind, cfg, L, N, unbatched=False, hx_given=False, grad_states=False):
    cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    m.eval()
    I, H = cfg["input_size"], cfg["hidden_size"]
    R = cfg.get("proj_size", 0) or H
    layers, D = cfg.get("num_layers", 1), 2 if cfg.get("bidirectional") else 1
    bf = cfg.get("batch_first", False)
    shape = (L, I) if unbatched else ((N, L, I) if bf else (L, N, I))
    x = r4(torch.randn(*shape))
    n = 1 if unbatched else N
    out_case = {"module": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()},
                "input": tolist(x, 4)}
    h0 = r4(torch.randn(layers * D, n, R)) if hx_given else torch.zeros(layers * D, n, R, dtype=torch.float64)
    c0 = r4(torch.randn(layers * D, n, H)) if hx_given else torch.zeros(layers * D, n, H, dtype=torch.float64)
    if hx_given:
        hx = [h0[:, 0] if unbatched else h0]
        if kind == "LSTM":
            hx.append(c0[:, 0] if unbatched else c0)
        out_case["hx"] = [tolist(t, 4) for t in hx] if kind == "LSTM" else tolist(hx[0], 4)

    # Time-major, batched input for the step-by-step run.
    xt = x.unsqueeze(1) if unbatched else (x.transpose(0, 1) if bf else x)
    h0 = h0.clone().requires_grad_()
    c0 = c0.clone().requires_grad_()
    layer_in = xt
    states = {}      # (layer, d, t) -> (h, c)
    finals = []
    for l in range(layers):
        outs = []
        for d in range(D):
            sfx = "_l%d%s" % (l, "_reverse" if d else "")
            sub_cfg = {"input_size": layer_in.shape[-1], "hidden_size": H, "bias": cfg.get("bias", True)}
            if kind == "RNN":
                sub_cfg["nonlinearity"] = cfg.get("nonlinearity", "tanh")
            if cfg.get("proj_size", 0):
                sub_cfg["proj_size"] = cfg["proj_size"]
            sub = cls(**sub_cfg).double()
            sub.load_state_dict({k.replace(sfx, "_l0"): v for k, v in sd.items() if k.endswith(sfx)})
            idx = l * D + d
            h = h0[idx:idx + 1]
            c = c0[idx:idx + 1]
            seq = [None] * L
            order = range(L) if d == 0 else range(L - 1, -1, -1)
            for t in order:
                if kind == "LSTM":
                    # By hand: inside nn.LSTM, c_t and h_t leave one node together, so c_t.grad would miss
                    # the path through h_t. Here h_t is computed from c_t, and c_t.grad is the whole dL/dc_t.
                    p = dict(sub.named_parameters())
                    gates = layer_in[t:t + 1] @ p["weight_ih_l0"].T + h @ p["weight_hh_l0"].T
                    if "bias_ih_l0" in p:
                        gates = gates + p["bias_ih_l0"] + p["bias_hh_l0"]
                    i, f, g, o = gates.chunk(4, dim=-1)
                    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                    c.retain_grad()
                    h = torch.sigmoid(o) * torch.tanh(c)
                    if "weight_hr_l0" in p:
                        h = h @ p["weight_hr_l0"].T
                else:
                    _, h = sub(layer_in[t:t + 1], h)
                h.retain_grad()
                states[(l, d, t)] = (h, c if kind == "LSTM" else None)
                seq[t] = h[0]
            finals.append((h, c))
            outs.append(torch.stack(seq))
        layer_in = torch.cat(outs, dim=-1)
    output = layer_in                                   # (L, n, D·R)
    h_n = torch.cat([f[0] for f in finals])
    c_n = torch.cat([f[1] for f in finals]) if kind == "LSTM" else None

    # The construction must be the module's forward.
    with torch.no_grad():
        if hx_given:
            hx_arg = (h0[:, 0], c0[:, 0]) if unbatched else (h0, c0)
            ref_out, _ = m(x, hx_arg if kind == "LSTM" else hx_arg[0])
        else:
            ref_out, _ = m(x)
    shown = output[:, 0] if unbatched else (output.transpose(0, 1) if bf else output)
    assert torch.allclose(shown, ref_out, atol=1e-12), "step-by-step forward differs"

    go = r4(torch.randn(*shown.shape))
    out_case["grad_output"] = tolist(go, 4)
    loss = (go * shown).sum()
    if grad_states:
        gh = r4(torch.randn(*h_n.shape))
        out_case["grad_h_n"] = tolist(gh[:, 0] if unbatched else gh, 4)
        loss = loss + (gh * h_n).sum()
        if kind == "LSTM":
            gc = r4(torch.randn(*c_n.shape))
            out_case["grad_c_n"] = tolist(gc[:, 0] if unbatched else gc, 4)
            loss = loss + (gc * c_n).sum()
    loss.backward()
    steps = []
    for (l, d, t), (h, c) in sorted(states.items()):
        s = {"layer": l, "direction": d, "t": t, "grad_h": tolist(h.grad[0])}
        if c is not None:
            s["grad_c"] = tolist(c.grad[0])
        steps.append(s)
    grad_hx = [tolist(h0.grad[:, 0] if unbatched else h0.grad)]
    if kind == "LSTM":
        grad_hx.append(tolist(c0.grad[:, 0] if unbatched else c0.grad))
    out_case["expect"] = {"steps": steps, "grad_hx": grad_hx}
    return out_case


def cases():
    out = []
    out.append(case("RNN", {"input_size": 2, "hidden_size": 3}, 5, 1))
    out.append(case("RNN", {"input_size": 1, "hidden_size": 4}, 12, 1, unbatched=True))
    out.append(case("RNN", {"input_size": 2, "hidden_size": 3, "nonlinearity": "relu"}, 4, 2))
    out.append(case("RNN", {"input_size": 2, "hidden_size": 3, "num_layers": 2, "bidirectional": True}, 4, 2, grad_states=True))
    out.append(case("LSTM", {"input_size": 2, "hidden_size": 3}, 5, 2))
    out.append(case("LSTM", {"input_size": 1, "hidden_size": 4}, 12, 1, unbatched=True, hx_given=True))
    out.append(case("LSTM", {"input_size": 2, "hidden_size": 4, "proj_size": 2}, 4, 2, grad_states=True))
    out.append(case("LSTM", {"input_size": 2, "hidden_size": 3, "num_layers": 2, "bidirectional": True,
                             "batch_first": True}, 3, 2, hx_given=True, grad_states=True))
    out.append(case("GRU", {"input_size": 2, "hidden_size": 3}, 5, 2))
    out.append(case("GRU", {"input_size": 3, "hidden_size": 2, "num_layers": 2, "bias": False}, 4, 1, grad_states=True))
    return out


if __name__ == "__main__":
    data = {"torch": torch.__version__, "cases": cases()}
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print("wrote", OUT, len(data["cases"]), "cases")
