"""Run the code claims of lessons 5-7 under real PyTorch (never in CI).

Usage: ~/torchenv/bin/python Scripts/verify_lessons_b.py   (needs torch and pyyaml)

For every task, question or challenge item whose answer is a claim about code, CLAIMS gives
the prelude it needs, an optional probe (code appended to print what the answer claims) and the
expected result: "runs", "raises Type: message" or "prints TEXT". Blanks are filled with the
answer's option texts. Playground snippets must run, and a line's "# ..." comment after print
is not checked. The list doubles as the data for the future `run:` key.
"""
import contextlib
import io
import re
import sys
import warnings
from pathlib import Path

import torch
import yaml

warnings.filterwarnings("ignore")
LESSONS = Path(__file__).resolve().parent.parent / "Lessons"
FILES = ["05-lstm-and-gru.yaml", "06-why-long-sequences-are-hard.yaml",
         "07-next-word-prediction.yaml"]

LSTM_STEP = ("torch.manual_seed(0)\nlstm = torch.nn.LSTM(2, 3)\nx = torch.randn(1, 2)\n"
             "c_prev = torch.randn(1, 3)\nh0 = torch.randn(1, 3)\n"
             "_, (h_ref, c_ref) = lstm(x, (h0, c_prev))\n"
             "pre = (x @ lstm.weight_ih_l0.T + lstm.bias_ih_l0\n"
             "       + h0 @ lstm.weight_hh_l0.T + lstm.bias_hh_l0)\n"
             "i, f, g, o = [t for t in pre.chunk(4, 1)]\n"
             "i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)\n")

# id: (prelude, probe, expected)
CLAIMS = {
    # lesson 5
    "try-unpack-lstm": ("", "print(tuple(h_n.shape), tuple(c_n.shape))",
                        "prints (1, 3, 20) (1, 3, 20)"),
    "try-gru-module": ("", "print(tuple(h_n.shape))", "prints (1, 3, 20)"),
    "try-forget-rows": ("", "print(tuple(W_f.shape))", "prints (20, 10)"),
    "try-lstm-state": ("", "print(tuple(h_n.shape))", "prints (1, 3, 20)"),
    "try-proj-size": ("", "", "prints torch.Size([7, 3, 5])"),
    "practice-lstm-h0-only": ("", "", "raises IndexError: index 1 is out of bounds for "
                              "dimension 0 with size 1"),
    "practice-gru-weight": ("", "print(tuple(gru.weight_ih_l0.shape))", "prints (48, 8)"),
    "challenge-proj-shapes": ("", "print(tuple(output.shape), tuple(h_n.shape), "
                              "tuple(c_n.shape))", "prints (7, 3, 5) (1, 3, 5) (1, 3, 20)"),
    "challenge-gru-update": ("gru = torch.nn.GRU(2, 3)\nx = torch.randn(1, 2)\n"
                             "h = torch.randn(1, 3)\n_, ref = gru(x, h)\n"
                             "gi = x @ gru.weight_ih_l0.T + gru.bias_ih_l0\n"
                             "gh = h @ gru.weight_hh_l0.T + gru.bias_hh_l0\n"
                             "r = torch.sigmoid(gi[:, :3] + gh[:, :3])\n"
                             "z = torch.sigmoid(gi[:, 3:6] + gh[:, 3:6])\n"
                             "n = torch.tanh(gi[:, 6:] + r * gh[:, 6:])\n",
                             "print(torch.allclose(h_new, ref))", "prints True"),
    # lesson 6
    "try-long-input": ("", "", "prints torch.Size([200, 1, 8])"),
    "try-additive-memory": ("", "print(tuple(c_n.shape))", "prints (1, 1, 8)"),
    "try-chunks": ("", "", "prints 4 torch.Size([25, 1, 4])"),
    "try-carry-state": ("", "", "prints torch.Size([1, 1, 8])"),
    "try-long-batch-first": ("", "", "prints torch.Size([2, 500, 8])\ntorch.Size([1, 2, 8])"),
    "challenge-cell-path": (LSTM_STEP, "print(torch.allclose(c_t, c_ref), "
                            "torch.allclose(h_t, h_ref))", "prints True True"),
}

# (id, wrong option letter): what that mistake really does, as the common mistakes say.
WRONG = {
    ("try-lstm-state", "B"): "raises IndexError: index 1 is out of bounds for dimension 0 "
                             "with size 1",
    ("try-lstm-state", "D"): "raises TypeError: LSTM.forward() takes from 2 to 3 positional "
                             "arguments but 4 were given",
    ("try-gru-module", "B"): "runs",  # h_n is then the tuple (h_n, c_n)
    ("try-additive-memory", "C"): "raises ValueError: not enough values to unpack "
                                  "(expected 2, got 1)",
    ("try-additive-memory", "B"): "raises ValueError: not enough values to unpack "
                                  "(expected 2, got 1)",
    ("try-carry-state", "C"): "raises NameError: name 'out' is not defined",
    ("try-long-batch-first", "B"): "runs",
}

PARAM_COUNTS = {  # lesson 5 practice-lstm-params and lesson text
    "torch.nn.LSTM(10, 20)": 2560, "torch.nn.GRU(10, 20)": 1920, "torch.nn.RNN(10, 20)": 640,
}


def fill(code, answers, options):
    for blank, letter in answers.items():
        code = code.replace(f"[{blank}]", str(options[letter]))
    return code


def run(source):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, "<lesson>", "exec"), {"torch": torch})
    except Exception as e:  # noqa: BLE001 - we report any exception
        return f"raises {type(e).__name__}: {e}", out.getvalue()
    return "runs", out.getvalue()


def check(expected, result, printed):
    if expected.startswith("prints "):
        return result == "runs" and printed.strip() == expected[len("prints "):]
    return result == expected


def main():
    failures = 0
    seen = set()
    for name in FILES:
        path = LESSONS / name
        if not path.exists():
            continue
        lesson = yaml.safe_load(path.read_text())
        items = []
        items += lesson.get("try", {}).get("tasks", [])
        items += lesson.get("practice", {}).get("questions", [])
        items += lesson.get("challenge", {}).get("items", [])
        for item in items:
            if item["id"] not in CLAIMS:
                continue
            seen.add(item["id"])
            prelude, probe, expected = CLAIMS[item["id"]]
            code = item.get("code", "")
            if "answers" in item:
                code = fill(code, item["answers"], item["options"])
            result, printed = run("\n".join([prelude, code, probe]))
            ok = check(expected, result, printed)
            failures += not ok
            shown = result if not expected.startswith("prints") else "prints " + printed.strip()
            print(("ok  " if ok else "FAIL"), item["id"], "->", shown)
        for item in items:
            for (wid, letter), expected in WRONG.items():
                if wid != item["id"] or letter is None:
                    continue
                answers = {b: letter for b in item["answers"]}
                result, _ = run(fill(item["code"], answers, item["options"]))
                ok = result == expected
                failures += not ok
                print(("ok  " if ok else "FAIL"), f"{wid} with {letter}", "->", result)
        for snip in lesson.get("playground", {}).get("snippets", []):
            result, _ = run(snip["code"])
            ok = result == "runs"
            failures += not ok
            print(("ok  " if ok else "FAIL"), snip["id"], "->", result)
    for ctor, count in PARAM_COUNTS.items():
        got = sum(p.numel() for p in eval(ctor).parameters())
        failures += got != count
        print("ok  " if got == count else "FAIL", ctor, "parameters", got)
    missing = set(CLAIMS) - seen
    for m in sorted(missing):
        print("FAIL", m, "-> no such item")
    failures += len(missing)
    print("failures:", failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
