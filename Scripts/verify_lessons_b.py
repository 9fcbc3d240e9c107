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

NEXT_WORD = ("emb = torch.nn.Embedding(10, 8)\n"
             "rnn = torch.nn.RNN(8, 16, batch_first=True)\n"
             "head = torch.nn.Linear(16, 10)\n")

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
    # lesson 7
    "try-embedding": ("", "", "prints torch.Size([1, 4, 8])"),
    "try-head": ("", "", "prints torch.Size([1, 4, 10])"),
    "try-last-step": ("", "", "prints torch.Size([3, 16])"),
    "try-shift": ("", "", "prints tensor([[5, 1, 4, 2]]) tensor([[1, 4, 2, 7]])"),
    "try-flatten": ("", "", "prints (18, 10) (18,)"),
    "practice-embedding-input": ("emb = torch.nn.Embedding(10, 8)",
                                 "emb(torch.tensor([[1.0, 4.0]]))",
                                 "raises RuntimeError: Expected tensor for argument #1 'indices' "
                                 "to have one of the following scalar types: Long, Int; but got "
                                 "torch.FloatTensor instead (while checking arguments for "
                                 "embedding)"),
    "practice-logits-shape": ("", "print(tuple(logits.shape))", "prints (3, 6, 10)"),
    "practice-loss-shape": (NEXT_WORD + "out, h_n = rnn(emb(torch.tensor([[1, 4, 2, 7]])))\n",
                            "", "raises RuntimeError: Expected target size [1, 10], got [1, 4]"),
    "challenge-embedding-size": ("", "", "prints torch.Size([1, 4, 8])"),
    "challenge-last-equals": (NEXT_WORD + "out, h_n = rnn(torch.randn(3, 6, 8))\n",
                              "print(torch.allclose(out[:, -1], h_n[-1]), "
                              "torch.allclose(out[-1], h_n[-1]) if out[-1].shape == "
                              "h_n[-1].shape else 'shape differs')",
                              "prints True shape differs"),
}

# Page code that must run as written, with a prelude.
PAGES = {
    "lesson 7 deep: the training loop": (
        NEXT_WORD + "vocab = 10\nbatches = [torch.tensor([[5, 1, 4, 2, 7]] * 3)]\n",
        "next-word-prediction", "deep", "The training loop, in outline"),
    "lesson 7 why: ids straight into the RNN": (
        NEXT_WORD + "tokens = torch.tensor([[1, 4, 2, 7]])\n",
        "next-word-prediction", "why", "Before"),
    "lesson 7 why: after": (
        NEXT_WORD + "tokens = torch.tensor([[1, 4, 2, 7]])\n",
        "next-word-prediction", "why", "After"),
    "lesson 7 deep: inputs and targets": ("", "next-word-prediction", "deep",
                                          "Inputs and targets"),
    "lesson 7 intro": ("", "next-word-prediction", "intro", "Three layers"),
    "lesson 6 intro": ("", "why-long-sequences-are-hard", "intro", "Long sequences in PyTorch"),
    "lesson 6 deep: seeing it": ("", "why-long-sequences-are-hard", "deep", "Seeing it"),
    "lesson 6 deep: forget bias": ("", "why-long-sequences-are-hard", "deep",
                                   "Why the LSTM can help"),
    "lesson 5 intro": ("", "lstm-and-gru", "intro", "The modules"),
    "lesson 5 intro: proj_size": ("x = torch.randn(5, 3, 10)\n", "lstm-and-gru", "intro",
                                  "proj_size (LSTM only)"),
    "lesson 5 deep: gate order": ("", "lstm-and-gru", "deep", "The gate order in the weights"),
}
PAGE_EXPECT = {
    "lesson 7 why: ids straight into the RNN": "raises ValueError: RNN input dtype (torch.int64) "
    "does not match weight dtype (torch.float32). Convert input: input.to(torch.float32), or "
    "convert model: model.to(torch.int64)",
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
    ("try-last-step", "B"): "runs",  # prints torch.Size([6, 16])
    ("try-head", "CB"): "raises RuntimeError: addmm: mat1 and mat2 shapes cannot be "
                        "multiplied (4x16 and 8x10)",
    ("try-embedding", "B"): "raises TypeError: Linear.__init__() got an unexpected keyword "
                            "argument 'num_embeddings'",
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
                blanks = sorted(item["answers"])  # one letter for all, or one per blank
                answers = {b: letter[i] if len(letter) > 1 else letter
                           for i, b in enumerate(blanks)}
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
    lessons = {}
    for name in FILES:
        lesson = yaml.safe_load((LESSONS / name).read_text())
        lessons[lesson["id"]] = lesson
    for label, (prelude, lid, mode, heading) in PAGES.items():
        blocks = lessons[lid][mode]["blocks"]
        at = next(i for i, b in enumerate(blocks) if b.get("heading") == heading)
        code = next(b["code"] for b in blocks[at:] if "code" in b)
        result, _ = run(prelude + code)
        expected = PAGE_EXPECT.get(label, "runs")
        ok = result == expected
        failures += not ok
        print(("ok  " if ok else "FAIL"), label, "->", result)
    missing = set(CLAIMS) - seen
    for m in sorted(missing):
        print("FAIL", m, "-> no such item")
    failures += len(missing)
    print("failures:", failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
