#!/usr/bin/env python3
"""Builds Tests/RNNEngineTests/Fixtures/torch_reference.json from real PyTorch (torch 2.15, CPU).

Make the environment once (kept out of the repo and out of CI):
    python3 -m venv ~/torchenv && ~/torchenv/bin/pip install torch
Then:
    ~/torchenv/bin/python Scripts/engine_fixtures.py

Weights and inputs are rounded to 4 decimals (short JSON, exact in the reference); the reference runs in
float64 (module.double() and double inputs); expected values are rounded to 9 decimals. The engine computes in
float32 and is compared within 1e-5. Errors: type and message verbatim.
"""
import json, os, random, warnings
import torch
from torch import nn

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "RNNEngineTests", "Fixtures", "torch_reference.json")
rng = random.Random(20261126)
torch.manual_seed(0)


def r4(t):
    return torch.round(t.double() * 10000) / 10000


def tolist(t, nd=9):
    if t.dim() == 0:
        return round(float(t), nd)
    return [tolist(x, nd) for x in t]


def err(e):
    return {"error": {"type": type(e).__name__, "message": str(e)}}


def module_case(kind, cfg, shape_in, hx_given):
    cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    m.eval()
    x = r4(torch.randn(*shape_in))
    case = {"module": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()}, "input": tolist(x, 4)}
    hx = None
    if hx_given:
        batched = x.dim() == 3
        n = (x.shape[0] if cfg.get("batch_first") else x.shape[1]) if batched else None
        ld = cfg.get("num_layers", 1) * (2 if cfg.get("bidirectional") else 1)
        hout = cfg.get("proj_size", 0) or cfg["hidden_size"]
        hs = (ld, n, hout) if batched else (ld, hout)
        h = r4(torch.randn(*hs))
        if kind == "LSTM":
            cs = (ld, n, cfg["hidden_size"]) if batched else (ld, cfg["hidden_size"])
            c = r4(torch.randn(*cs))
            hx = (h, c)
            case["hx"] = [tolist(h, 4), tolist(c, 4)]
        else:
            hx = h
            case["hx"] = tolist(h, 4)
    with torch.no_grad():
        out, hn = m(x, hx)
    if kind == "LSTM":
        hn, cn = hn
        case["expect"] = {"output": tolist(out), "h_n": tolist(hn), "c_n": tolist(cn)}
    else:
        case["expect"] = {"output": tolist(out), "h_n": tolist(hn)}
    return case


def random_module_cases(n):
    cases = []
    for i in range(n):
        kind = ["RNN", "LSTM", "GRU"][i % 3]
        cfg = {"input_size": rng.randint(1, 4), "hidden_size": rng.randint(2, 5)}
        layers = rng.randint(1, 3)
        if layers > 1 or rng.random() < 0.3:
            cfg["num_layers"] = layers
        if kind == "RNN" and rng.random() < 0.5:
            cfg["nonlinearity"] = "relu"
        if rng.random() < 0.25:
            cfg["bias"] = False
        if rng.random() < 0.4:
            cfg["batch_first"] = True
        if rng.random() < 0.5:
            cfg["bidirectional"] = True
        if layers > 1 and rng.random() < 0.3:
            cfg["dropout"] = 0.25
        if kind == "LSTM" and rng.random() < 0.4:
            cfg["proj_size"] = rng.randint(1, cfg["hidden_size"] - 1)
        L, N = rng.randint(1, 5), rng.randint(1, 3)
        unbatched = rng.random() < 0.25
        if unbatched:
            shape = (L, cfg["input_size"])
        elif cfg.get("batch_first"):
            shape = (N, L, cfg["input_size"])
        else:
            shape = (L, N, cfg["input_size"])
        cases.append(module_case(kind, cfg, shape, rng.random() < 0.5))
    # A few fixed ones: every option at once, an empty batch.
    cases.append(module_case("LSTM", {"input_size": 3, "hidden_size": 4, "num_layers": 3, "bias": False, "batch_first": True,
                                      "dropout": 0.5, "bidirectional": True, "proj_size": 2}, (2, 4, 3), True))
    cases.append(module_case("GRU", {"input_size": 2, "hidden_size": 3, "bidirectional": True}, (3, 2), True))
    return cases


def cell_case(kind, cfg, shape_in, hx_given):
    cls = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}[kind]
    m = cls(**cfg)
    sd = {k: r4(v) for k, v in m.state_dict().items()}
    m = m.double()
    m.load_state_dict(sd)
    x = r4(torch.randn(*shape_in))
    case = {"cell": kind, "config": cfg, "state_dict": {k: tolist(v, 4) for k, v in sd.items()}, "input": tolist(x, 4)}
    hx = None
    hs = (x.shape[0], cfg["hidden_size"]) if x.dim() == 2 else (cfg["hidden_size"],)
    if hx_given:
        h = r4(torch.randn(*hs))
        if kind == "LSTMCell":
            c = r4(torch.randn(*hs))
            hx = (h, c)
            case["hx"] = [tolist(h, 4), tolist(c, 4)]
        else:
            hx = h
            case["hx"] = tolist(h, 4)
    with torch.no_grad():
        r = m(x, hx)
    case["expect"] = {"h": tolist(r[0]), "c": tolist(r[1])} if kind == "LSTMCell" else {"h": tolist(r)}
    return case


def random_cell_cases(n):
    cases = []
    for i in range(n):
        kind = ["RNNCell", "LSTMCell", "GRUCell"][i % 3]
        cfg = {"input_size": rng.randint(1, 4), "hidden_size": rng.randint(1, 5)}
        if rng.random() < 0.3:
            cfg["bias"] = False
        if kind == "RNNCell" and rng.random() < 0.5:
            cfg["nonlinearity"] = "relu"
        shape = (cfg["input_size"],) if rng.random() < 0.3 else (rng.randint(1, 3), cfg["input_size"])
        cases.append(cell_case(kind, cfg, shape, rng.random() < 0.6))
    return cases


# Constructor cases: positional args and keywords, loosely typed as JSON gives them.
CTOR = [
    ("RNN", [2, 3], {}), ("RNN", [2, 3], {"num_layers": 2, "bias": False, "batch_first": True, "dropout": 0.5, "bidirectional": True}),
    ("LSTM", [2, 3], {"proj_size": 2}), ("LSTM", [2, 3, 2, True, False, 0.0, True, 1], {}),
    ("RNN", [2, 3], {"proj_size": 1}), ("GRU", [2, 3], {"proj_size": 0}),
    ("RNN", [2, 3], {"nonlinearity": "sigmoid"}), ("RNN", [2, 3, 1, "sigmoid"], {}), ("RNN", [2, 3], {"nonlinearity": None}),
    ("RNN", [2, 3, 1, "relu"], {}), ("RNN", [2, 3, 1, "relu"], {"nonlinearity": "tanh"}),
    ("RNN", [2, 3], {"dropout": 1.5}), ("GRU", [2, 3], {"dropout": -0.1}), ("LSTM", [2, 3], {"dropout": True}),
    ("RNN", [2, 3], {"dropout": "0.5"}), ("RNN", [2, 3], {"dropout": "abc"}), ("RNN", [2, 3], {"dropout": None}),
    ("RNN", [2, 3], {"dropout": 0.5}), ("LSTM", [2, 3], {"dropout": 1}), ("GRU", [2, 3], {"dropout": 0.5, "num_layers": 2}),
    ("RNN", [2, 3], {"bias": 1}), ("RNN", [2, 3], {"bias": 1, "dropout": 0.5}), ("LSTM", [2, 3], {"batch_first": 0}),
    ("GRU", [2, 3], {"batch_first": "yes"}), ("RNN", [1.5, 3], {}), ("RNN", ["2", 3], {}), ("RNN", [None, 3], {}),
    ("RNN", [0, 3], {}), ("LSTM", [-1, 3], {}), ("RNN", [2, 3.0], {}), ("GRU", [2, 0], {}), ("LSTM", [2, -2], {}),
    ("RNN", [2, 3], {"num_layers": 0}), ("RNN", [2, 3], {"num_layers": -1}), ("LSTM", [2, 3], {"num_layers": 1.5}),
    ("GRU", [2, 3], {"num_layers": "2"}), ("RNN", [2, 3], {"num_layers": -1.5}), ("RNN", [2, 3], {"num_layers": True}),
    ("LSTM", [2, 3], {"proj_size": -1}), ("LSTM", [2, 3], {"proj_size": 3}), ("LSTM", [2, 3], {"proj_size": 4}),
    ("LSTM", [2, 3], {"proj_size": 1.5}), ("LSTM", [2, 3], {"proj_size": 0.0}), ("LSTM", [2, 3], {"proj_size": "1"}),
    ("RNN", [2, 3], {"foo": 1}), ("LSTM", [], {}), ("GRU", [2], {}), ("RNN", [2], {"input_size": 3}),
    ("LSTM", [2, 3, 1, True, False, 0.0, False, 0, None, None, 5], {}), ("RNN", [True, 4], {}), ("RNN", [False, 4], {}),
    ("RNN", [2, 3], {"bidirectional": 2}), ("LSTM", [2, 3], {"device": None, "dtype": None}),
    ("RNN", [2, 3], {"nonlinearity": "sigmoid", "proj_size": 1}), ("RNN", [0, 3], {"bias": 1}),
    ("LSTM", [2, 3], {"num_layers": 0, "proj_size": 5}), ("GRU", [2, 3], {"dropout": 1e-05}),
]


def ctor_cases():
    out = []
    for kind, args, kwargs in CTOR:
        cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
        case = {"module": kind, "args": args, "kwargs": kwargs}
        try:
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                m = cls(*args, **kwargs)
            case["expect"] = {"repr": repr(m), "warnings": [f"{x.category.__name__}: {x.message}" for x in w],
                              "state_dict": [[k, list(v.shape)] for k, v in m.state_dict().items()]}
        except Exception as e:
            case["expect"] = err(e)
        out.append(case)
    return out


def z(*s):
    return [tolist(x, 4) for x in torch.zeros(*s)] if len(s) > 1 else [0.0] * s[0]


# Forward error cases (engine case format, no state_dict: weights do not matter for errors).
def fwd_cases():
    F = []
    def add(kind, cfg, x_shape, hx_shapes=None):
        F.append((kind, cfg, x_shape, hx_shapes))
    add("RNN", {"input_size": 4, "hidden_size": 3}, (2, 1, 1, 4))
    add("LSTM", {"input_size": 4, "hidden_size": 3}, (2, 1, 1, 4))
    add("GRU", {"input_size": 4, "hidden_size": 3}, (4,))
    add("RNN", {"input_size": 4, "hidden_size": 3}, ())
    add("RNN", {"input_size": 4, "hidden_size": 3}, (2, 4), [(1, 1, 3)])
    add("GRU", {"input_size": 4, "hidden_size": 3}, (2, 1, 4), [(1, 3)])
    add("LSTM", {"input_size": 4, "hidden_size": 3}, (2, 1, 4), [(1, 3), (1, 1, 3)])
    add("LSTM", {"input_size": 4, "hidden_size": 3}, (2, 4), [(1, 1, 3), (1, 1, 3)])
    add("LSTM", {"input_size": 4, "hidden_size": 3}, (2, 4), [(1, 3), (1, 1, 3)])
    add("RNN", {"input_size": 8, "hidden_size": 3}, (2, 1, 10))
    add("GRU", {"input_size": 8, "hidden_size": 3}, (2, 10), [(1, 3)])
    add("LSTM", {"input_size": 8, "hidden_size": 3}, (2, 1, 10), [(1, 1, 4), (1, 1, 3)])
    add("RNN", {"input_size": 4, "hidden_size": 4}, (2, 3, 4), [(1, 5, 4)])
    add("GRU", {"input_size": 4, "hidden_size": 4, "batch_first": True}, (3, 2, 4), [(1, 2, 4)])
    add("RNN", {"input_size": 4, "hidden_size": 4, "num_layers": 2, "bidirectional": True}, (2, 3, 4), [(2, 3, 4)])
    add("RNN", {"input_size": 4, "hidden_size": 4}, (2, 4), [(1, 5)])
    add("LSTM", {"input_size": 4, "hidden_size": 4}, (2, 3, 4), [(1, 3, 5), (1, 3, 4)])
    add("LSTM", {"input_size": 4, "hidden_size": 4}, (2, 3, 4), [(1, 3, 4), (1, 3, 5)])
    add("LSTM", {"input_size": 4, "hidden_size": 4, "proj_size": 2}, (2, 3, 4), [(1, 3, 4), (1, 3, 4)])
    add("LSTM", {"input_size": 4, "hidden_size": 4, "proj_size": 2}, (2, 4), [(1, 2), (1, 2)])
    add("LSTM", {"input_size": 4, "hidden_size": 4}, (2, 3, 4), [(1, 3, 4), (1, 3, 4), (1, 3, 4)])
    add("LSTM", {"input_size": 4, "hidden_size": 4}, (0, 3, 4), [(1, 3, 4), (1, 3, 4), (1, 3, 4)])
    add("LSTM", {"input_size": 4, "hidden_size": 4}, (2, 3, 4), [(1, 3, 4)])
    add("RNN", {"input_size": 4, "hidden_size": 3}, (0, 2, 4))
    add("GRU", {"input_size": 4, "hidden_size": 3, "batch_first": True}, (2, 0, 4))
    add("LSTM", {"input_size": 4, "hidden_size": 3}, (0, 4))
    add("RNN", {"input_size": 4, "hidden_size": 3}, (0, 2, 5))
    add("GRU", {"input_size": 4, "hidden_size": 3}, (2, 0))
    out = []
    for kind, cfg, xs, hxs in F:
        cls = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[kind]
        m = cls(**cfg)
        x = torch.zeros(xs)
        # Shapes too: an empty tensor's nested list ([]) loses its shape.
        case = {"module": kind, "config": cfg, "input": tolist(x, 4), "input_shape": list(xs)}
        hx = None
        if hxs is not None:
            case["hx_shapes"] = [list(s) for s in hxs]
            ts = [torch.zeros(*s) for s in hxs]
            if kind == "LSTM":
                hx = tuple(ts)
                case["hx"] = [tolist(t, 4) for t in ts]
            else:
                hx = ts[0]
                case["hx"] = tolist(ts[0], 4)
        try:
            with torch.no_grad():
                m(x, hx)
            raise SystemExit(f"expected an error: {case}")
        except SystemExit:
            raise
        except Exception as e:
            case["expect"] = err(e)
        out.append(case)
    return out


def cell_error_cases():
    C = [
        ("RNNCell", {}, (2, 2, 3), None), ("GRUCell", {}, (2, 2, 3), None), ("LSTMCell", {}, (2, 2, 3), None),
        ("RNNCell", {}, (), None), ("RNNCell", {}, (2, 3), [(1, 2, 4)]), ("GRUCell", {}, (3,), [(1, 1, 4)]),
        ("LSTMCell", {}, (2, 3), [(1, 2, 4), (2, 4)]), ("LSTMCell", {}, (2, 3), [(2, 4), (1, 2, 4)]),
        ("RNNCell", {}, (2, 5), None), ("GRUCell", {}, (5,), [(4,)]), ("LSTMCell", {}, (2, 5), [(2, 4), (2, 4)]),
        ("RNNCell", {}, (2, 3), [(5, 4)]), ("GRUCell", {}, (2, 3), [(2, 5)]), ("LSTMCell", {}, (2, 3), [(5, 4), (2, 4)]),
        ("LSTMCell", {}, (2, 3), [(2, 5), (3, 4)]), ("LSTMCell", {}, (2, 3), [(2, 4), (3, 4)]),
        ("LSTMCell", {}, (2, 3), [(2, 4), (2, 5)]), ("RNNCell", {}, (2, 3), [(4,)]), ("GRUCell", {}, (3,), [(2, 4)]),
        ("LSTMCell", {}, (2, 3), [(4,), (2, 4)]), ("LSTMCell", {}, (2, 3), [(2, 4), (2, 4), (2, 4)]),
        ("LSTMCell", {}, (2, 5), [(2, 4), (2, 4), (2, 4)]), ("LSTMCell", {}, (2, 3), [(2, 4)]), ("LSTMCell", {}, (3,), [(4,)]),
        ("RNNCell", {"nonlinearity": "sigmoid"}, (2, 3), None), ("RNNCell", {"nonlinearity": "sigmoid"}, (2, 5), None),
        ("RNNCell", {"nonlinearity": "sigmoid"}, (2, 2, 3), None), ("RNNCell", {}, (2, 3), [(2, 4, 1)]),
    ]
    out = []
    for kind, extra, xs, hxs in C:
        cls = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}[kind]
        cfg = {"input_size": 3, "hidden_size": 4, **extra}
        m = cls(**cfg)
        x = torch.zeros(xs)
        case = {"cell": kind, "config": cfg, "input": tolist(x, 4)}
        hx = None
        if hxs is not None:
            ts = [torch.zeros(*s) for s in hxs]
            hx = tuple(ts) if kind == "LSTMCell" else ts[0]
            case["hx"] = [tolist(t, 4) for t in ts] if kind == "LSTMCell" else tolist(ts[0], 4)
        try:
            m(x, hx)
            raise SystemExit(f"expected an error: {case}")
        except SystemExit:
            raise
        except Exception as e:
            case["expect"] = err(e)
        out.append(case)
    return out


fixtures = {
    "torch_version": torch.__version__,
    "modules": random_module_cases(120),
    "cells": random_cell_cases(36),
    "constructor": ctor_cases(),
    "forward_errors": fwd_cases(),
    "cell_errors": cell_error_cases(),
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(fixtures, f, separators=(",", ":"))
print(OUT, os.path.getsize(OUT), "bytes;", {k: len(v) for k, v in fixtures.items() if isinstance(v, list)})
