#!/usr/bin/env python3
"""Builds Tests/RNNEngineTests/Fixtures/torch_gradients.json: torch's gradients of RNN/LSTM/GRU and the cells.

The engine's backward (RNNBase.backward, CellBase.backward) is checked against these. Environment as for
engine_fixtures.py (~/torchenv with torch 2.15, CPU); then:
    ~/torchenv/bin/python Scripts/grad_fixtures.py

Each case: the module's config, its weights (state_dict, rounded to 4 decimals), an input, optionally hx, and
upstream gradients for some of the outputs (output, h_n, c_n; for cells h', c'), also rounded to 4 decimals.
The reference runs in float64 in eval mode (dropout off) and calls torch.autograd.grad for the input, hx and
every parameter. When the case gives no hx, torch is run with explicit zeros of hx's shape, so dL/dh_0 is
checked too (the engine returns it in that shape). Unused inputs get zeros, as the engine returns.
Expected values are rounded to 8 decimals (the engine is checked within 1e-4).

"engine_cases" are `unroll engine` backward cases (README, "unroll engine"), drawn at random over every option
(bidirectional, layers, proj_size, batch_first, unbatched, hx given or not, grad_h_n / grad_c_n given or not):
the case as the engine reads it, and under "expect" what torch.autograd.backward over the outputs given a
gradient leaves: output, h_n, c_n, grad_input, grad_hx (a list: [h_0] or [h_0, c_0]) and grad_state_dict.
"engine_errors" are cases whose gradients torch refuses, with the exception torch raised (type and message).
"""
import json, os, random, warnings
import torch
from torch import nn

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "RNNEngineTests", "Fixtures", "torch_gradients.json")
rng = random.Random(20261127)
torch.manual_seed(1)


def r4(t):
    return torch.round(t.double() * 10000) / 10000


def tolist(t, nd=8):
    if t.dim() == 0:
        return round(float(t), nd)
    return [tolist(x, nd) for x in t]


def grads_of(outputs, upstream, inputs):
    """torch.autograd.grad over the outputs that have an upstream gradient; None (unused) becomes zeros."""
    pairs = [(o, g) for o, g in zip(outputs, upstream) if g is not None]
    gs = torch.autograd.grad([o for o, _ in pairs], inputs, [g for _, g in pairs], allow_unused=True)
    return [torch.zeros_like(i) if g is None else g for i, g in zip(inputs, gs)]


def module_case(kind, cfg, shape_in, hx_given, which=("output", "h_n", "c_n")):
    cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    m.eval()
    x = r4(torch.randn(*shape_in)).requires_grad_()
    case = {"module": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()},
            "input": tolist(x.detach(), 4)}
    batched = x.dim() == 3
    n = (x.shape[0] if cfg.get("batch_first") else x.shape[1]) if batched else None
    ld = cfg.get("num_layers", 1) * (2 if cfg.get("bidirectional") else 1)
    hout = cfg.get("proj_size", 0) or cfg["hidden_size"]
    hs = (ld, n, hout) if batched else (ld, hout)
    cs = (ld, n, cfg["hidden_size"]) if batched else (ld, cfg["hidden_size"])
    states = [r4(torch.randn(*hs)) if hx_given else torch.zeros(*hs, dtype=torch.float64)]
    if kind == "LSTM":
        states.append(r4(torch.randn(*cs)) if hx_given else torch.zeros(*cs, dtype=torch.float64))
    if hx_given:
        case["hx"] = [tolist(s, 4) for s in states] if kind == "LSTM" else tolist(states[0], 4)
    states = [s.requires_grad_() for s in states]
    out, hn = m(x, tuple(states) if kind == "LSTM" else states[0])
    outputs = [out, hn[0], hn[1]] if kind == "LSTM" else [out, hn]
    names = ["output", "h_n", "c_n"][:len(outputs)]
    upstream = [r4(torch.randn(*o.shape)) if name in which else None for o, name in zip(outputs, names)]
    for name, g in zip(names, upstream):
        if g is not None:
            case["grad_" + name] = tolist(g, 4)
    params = list(m.parameters())
    gs = grads_of(outputs, upstream, [x] + states + params)
    case["expect"] = {
        "input": tolist(gs[0]),
        "hx": [tolist(g) for g in gs[1:1 + len(states)]],
        "parameters": {name: tolist(g) for (name, _), g in zip(m.named_parameters(), gs[1 + len(states):])},
    }
    return case


def shape_for(cfg, L, N, unbatched=False):
    if unbatched:
        return (L, cfg["input_size"])
    return (N, L, cfg["input_size"]) if cfg.get("batch_first") else (L, N, cfg["input_size"])


def module_cases():
    C = []
    def add(kind, cfg, L, N, hx, which=("output", "h_n", "c_n"), unbatched=False):
        C.append(module_case(kind, cfg, shape_for(cfg, L, N, unbatched), hx, which))
    # RNN
    add("RNN", {"input_size": 3, "hidden_size": 4}, 3, 2, False)
    add("RNN", {"input_size": 2, "hidden_size": 3, "nonlinearity": "relu"}, 4, 3, True, ("output",))
    add("RNN", {"input_size": 2, "hidden_size": 3, "num_layers": 2, "bidirectional": True}, 3, 2, False, ("h_n",))
    add("RNN", {"input_size": 3, "hidden_size": 2, "batch_first": True, "bias": False}, 3, 2, True)
    add("RNN", {"input_size": 2, "hidden_size": 3}, 4, 1, True, unbatched=True)
    add("RNN", {"input_size": 2, "hidden_size": 3, "bidirectional": True, "batch_first": True}, 3, 1, False, unbatched=True)
    add("RNN", {"input_size": 2, "hidden_size": 4, "nonlinearity": "relu", "num_layers": 3}, 3, 2, True)
    add("RNN", {"input_size": 1, "hidden_size": 2}, 1, 1, True)
    add("RNN", {"input_size": 2, "hidden_size": 3, "num_layers": 2, "dropout": 0.5, "bidirectional": True,
                "nonlinearity": "relu", "batch_first": True, "bias": False}, 3, 2, True)
    # LSTM
    add("LSTM", {"input_size": 3, "hidden_size": 4}, 3, 2, False)
    add("LSTM", {"input_size": 2, "hidden_size": 3}, 4, 2, True, ("output",))
    add("LSTM", {"input_size": 2, "hidden_size": 3, "num_layers": 2}, 3, 2, True, ("h_n",))
    add("LSTM", {"input_size": 2, "hidden_size": 3, "bidirectional": True}, 3, 2, True, ("c_n",))
    add("LSTM", {"input_size": 3, "hidden_size": 4, "proj_size": 2}, 3, 2, True)
    add("LSTM", {"input_size": 2, "hidden_size": 4, "proj_size": 3, "num_layers": 2, "bidirectional": True,
                 "batch_first": True}, 3, 2, False)
    add("LSTM", {"input_size": 2, "hidden_size": 3, "bias": False, "num_layers": 2}, 2, 3, True)
    add("LSTM", {"input_size": 2, "hidden_size": 3}, 4, 1, True, unbatched=True)
    add("LSTM", {"input_size": 3, "hidden_size": 3, "proj_size": 1, "batch_first": True}, 3, 1, False, unbatched=True)
    add("LSTM", {"input_size": 3, "hidden_size": 4, "num_layers": 3, "bias": False, "batch_first": True,
                 "dropout": 0.5, "bidirectional": True, "proj_size": 2}, 2, 3, True)
    add("LSTM", {"input_size": 2, "hidden_size": 3, "proj_size": 2}, 1, 2, False, ("c_n",))
    # GRU
    add("GRU", {"input_size": 3, "hidden_size": 4}, 3, 2, False)
    add("GRU", {"input_size": 2, "hidden_size": 3}, 4, 2, True, ("output",))
    add("GRU", {"input_size": 2, "hidden_size": 3, "bidirectional": True}, 3, 2, True, ("h_n",))
    add("GRU", {"input_size": 2, "hidden_size": 3, "num_layers": 3, "batch_first": True}, 3, 2, False)
    add("GRU", {"input_size": 3, "hidden_size": 2, "bias": False}, 3, 3, True)
    add("GRU", {"input_size": 2, "hidden_size": 3, "bidirectional": True}, 3, 1, True, unbatched=True)
    add("GRU", {"input_size": 2, "hidden_size": 3, "num_layers": 2, "batch_first": True}, 4, 1, False, unbatched=True)
    # A few drawn at random, as engine_fixtures.py does.
    for i in range(6):
        kind = ["RNN", "LSTM", "GRU"][i % 3]
        cfg = {"input_size": rng.randint(1, 3), "hidden_size": rng.randint(2, 4)}
        if rng.random() < 0.5:
            cfg["num_layers"] = rng.randint(1, 3)
        if kind == "RNN" and rng.random() < 0.5:
            cfg["nonlinearity"] = "relu"
        for opt, p in (("bias", 0.3), ("batch_first", 0.4), ("bidirectional", 0.5)):
            if rng.random() < p:
                cfg[opt] = opt != "bias"
        if kind == "LSTM" and rng.random() < 0.5:
            cfg["proj_size"] = rng.randint(1, cfg["hidden_size"] - 1)
        which = rng.choice([("output", "h_n", "c_n"), ("output",), ("h_n",), ("output", "c_n")])
        add(kind, cfg, rng.randint(1, 4), rng.randint(1, 3), rng.random() < 0.5, which, unbatched=rng.random() < 0.25)
    return C


def cell_case(kind, cfg, shape_in, hx_given, which=(0, 1)):
    cls = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}[kind]
    m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    x = r4(torch.randn(*shape_in)).requires_grad_()
    case = {"cell": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()},
            "input": tolist(x.detach(), 4)}
    hs = (x.shape[0], cfg["hidden_size"]) if x.dim() == 2 else (cfg["hidden_size"],)
    count = 2 if kind == "LSTMCell" else 1
    states = [r4(torch.randn(*hs)) if hx_given else torch.zeros(*hs, dtype=torch.float64) for _ in range(count)]
    if hx_given:
        case["hx"] = [tolist(s, 4) for s in states] if kind == "LSTMCell" else tolist(states[0], 4)
    states = [s.requires_grad_() for s in states]
    r = m(x, tuple(states) if kind == "LSTMCell" else states[0])
    outputs = list(r) if kind == "LSTMCell" else [r]
    upstream = [r4(torch.randn(*o.shape)) if i in which else None for i, o in enumerate(outputs)]
    case["grads"] = [None if g is None else tolist(g, 4) for g in upstream]
    params = list(m.parameters())
    gs = grads_of(outputs, upstream, [x] + states + params)
    case["expect"] = {
        "input": tolist(gs[0]),
        "hx": [tolist(g) for g in gs[1:1 + count]],
        "parameters": {name: tolist(g) for (name, _), g in zip(m.named_parameters(), gs[1 + count:])},
    }
    return case


def cell_cases():
    return [
        cell_case("RNNCell", {"input_size": 3, "hidden_size": 4}, (2, 3), True),
        cell_case("RNNCell", {"input_size": 2, "hidden_size": 3, "nonlinearity": "relu"}, (2,), False),
        cell_case("RNNCell", {"input_size": 2, "hidden_size": 3, "bias": False, "nonlinearity": "relu"}, (3, 2), True),
        cell_case("LSTMCell", {"input_size": 3, "hidden_size": 4}, (2, 3), True),
        cell_case("LSTMCell", {"input_size": 2, "hidden_size": 3}, (2,), True, (0,)),
        cell_case("LSTMCell", {"input_size": 2, "hidden_size": 3, "bias": False}, (3, 2), False, (1,)),
        cell_case("GRUCell", {"input_size": 3, "hidden_size": 4}, (2, 3), False),
        cell_case("GRUCell", {"input_size": 2, "hidden_size": 3, "bias": False}, (2,), True),
    ]


def engine_case(kind, cfg, unbatched, hx_given, which, L, N):
    """One `unroll engine` backward case and torch's answer for it."""
    cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    m.eval()
    x = r4(torch.randn(*shape_for(cfg, L, N, unbatched))).requires_grad_()
    case = {"module": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()},
            "input": tolist(x.detach(), 4)}
    ld = cfg.get("num_layers", 1) * (2 if cfg.get("bidirectional") else 1)
    hout = cfg.get("proj_size", 0) or cfg["hidden_size"]
    hs = (ld, hout) if unbatched else (ld, N, hout)
    cs = (ld, cfg["hidden_size"]) if unbatched else (ld, N, cfg["hidden_size"])
    states = [r4(torch.randn(*hs)) if hx_given else torch.zeros(*hs, dtype=torch.float64)]
    if kind == "LSTM":
        states.append(r4(torch.randn(*cs)) if hx_given else torch.zeros(*cs, dtype=torch.float64))
    if hx_given:
        case["hx"] = [tolist(s, 4) for s in states] if kind == "LSTM" else tolist(states[0], 4)
    states = [s.requires_grad_() for s in states]
    out, hn = m(x, tuple(states) if kind == "LSTM" else states[0])
    outputs = [out, hn[0], hn[1]] if kind == "LSTM" else [out, hn]
    names = ["output", "h_n", "c_n"][:len(outputs)]
    given = []
    for o, name in zip(outputs, names):
        if name in which:
            g = r4(torch.randn(*o.shape))
            case["grad_" + name] = tolist(g, 4)
            given.append((o, g))
    params = list(m.parameters())
    leaves = [x] + states + params
    torch.autograd.backward([o for o, _ in given], [g for _, g in given])
    grads = [torch.zeros_like(t) if t.grad is None else t.grad for t in leaves]
    expect = {"output": tolist(out.detach()), "h_n": tolist(outputs[1].detach())}
    if kind == "LSTM":
        expect["c_n"] = tolist(outputs[2].detach())
    expect["grad_input"] = tolist(grads[0])
    expect["grad_hx"] = [tolist(g) for g in grads[1:1 + len(states)]]
    expect["grad_state_dict"] = {name: tolist(g) for (name, _), g in zip(m.named_parameters(), grads[1 + len(states):])}
    case["expect"] = expect
    return case


def engine_cases():
    """Random backward cases over every option (seeded): 60 of them, 20 per module."""
    r = random.Random(18)
    out = []
    for i in range(60):
        kind = ["RNN", "LSTM", "GRU"][i % 3]
        cfg = {"input_size": r.randint(1, 4), "hidden_size": r.randint(2, 5)}
        if r.random() < 0.6:
            cfg["num_layers"] = r.randint(1, 3)
        if kind == "RNN" and r.random() < 0.4:
            cfg["nonlinearity"] = "relu"
        for opt, p in (("bias", 0.25), ("batch_first", 0.4), ("bidirectional", 0.5)):
            if r.random() < p:
                cfg[opt] = opt != "bias"
        if kind == "LSTM" and r.random() < 0.5:
            cfg["proj_size"] = r.randint(1, cfg["hidden_size"] - 1)
        names = ["output", "h_n"] + (["c_n"] if kind == "LSTM" else [])
        which = [n for n in names if r.random() < 0.6] or [r.choice(names)]
        out.append(engine_case(kind, cfg, r.random() < 0.25, r.random() < 0.5, which, r.randint(1, 5), r.randint(1, 4)))
    return out


def engine_errors():
    """Gradients torch refuses: the exception torch.autograd.backward raises, recorded from the real run."""
    C = []
    def add(kind, cfg, shape, grads):
        m = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind](**cfg).double().eval()
        sd = {k: r4(v) for k, v in m.state_dict().items()}
        m.load_state_dict(sd)
        x = r4(torch.randn(*shape)).requires_grad_()
        out, hn = m(x)
        outputs = {"output": out, "h_n": hn[0] if kind == "LSTM" else hn}
        if kind == "LSTM":
            outputs["c_n"] = hn[1]
        case = {"module": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()},
                "input": tolist(x.detach(), 4)}
        pairs = []
        for name, gshape in grads:
            g = r4(torch.randn(*gshape)) if gshape != () else r4(torch.randn(()))
            case["grad_" + name] = tolist(g, 4)
            pairs.append((outputs[name], g))
        try:
            torch.autograd.backward([o for o, _ in pairs], [g for _, g in pairs])
            raise SystemExit(f"torch accepted {case}")
        except RuntimeError as e:
            case["expect"] = {"error": {"type": type(e).__name__, "message": str(e)}}
        C.append(case)
    add("GRU", {"input_size": 2, "hidden_size": 3}, (3, 2, 2), [("h_n", (1, 3))])
    add("RNN", {"input_size": 2, "hidden_size": 3}, (3, 2, 2), [("output", (3, 2))])
    add("LSTM", {"input_size": 2, "hidden_size": 3}, (3, 2, 2), [("output", (3, 2, 3)), ("h_n", (1, 3))])
    add("LSTM", {"input_size": 2, "hidden_size": 3}, (3, 2, 2), [("output", (3, 2, 3)), ("c_n", (2, 2, 3))])
    add("RNN", {"input_size": 2, "hidden_size": 3}, (1, 1, 2), [("output", (1, 1, 3)), ("h_n", (1, 2, 3))])
    add("GRU", {"input_size": 2, "hidden_size": 3}, (3, 2), [("output", ())])
    add("LSTM", {"input_size": 2, "hidden_size": 4, "proj_size": 2}, (2, 1, 2), [("h_n", (1, 1, 2)), ("c_n", (1, 1, 2))])
    add("GRU", {"input_size": 2, "hidden_size": 3, "batch_first": True}, (2, 4, 2), [("output", (4, 2, 3))])
    return C


if __name__ == "__main__":
    data = {"modules": module_cases(), "cells": cell_cases(), "engine_cases": engine_cases(), "engine_errors": engine_errors()}
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(data['modules'])} module cases, {len(data['cells'])} cell cases, {len(data['engine_cases'])} engine"
          f" cases, {len(data['engine_errors'])} engine errors -> {os.path.normpath(OUT)}")
