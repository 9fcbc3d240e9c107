#!/usr/bin/env python3
"""Run the code of lessons 2-4 under real PyTorch (never in CI).

    ~/torchenv/bin/python Scripts/verify_lessons_a.py [Lessons]

What it checks, per lesson:
- every try task and fill challenge, with its answers filled in, behaves as
  EXPECT says (default: runs);
- every practice question and choice challenge with code behaves as EXPECT says;
- every playground snippet, and the code blocks of intro and why (run in order,
  in one namespace per page), run;
- a `print(...)` whose line ends in `# <output>` (or is followed by a line that
  is only `# <output>`) prints exactly <output>, when <output> looks like output
  (starts with torch.Size, tensor, True, False, a digit, a bracket or a quote-free
  error message given in EXPECT).

EXPECT maps an item id to (prelude, expectation), the data the `run:` key will
carry: expectation is "runs", "raises Type: message" or "prints <text>"
(the whole stdout, stripped).
"""
import contextlib
import io
import re
import sys
import warnings

import torch
import yaml

warnings.filterwarnings("ignore")

P = "import torch"
EXPECT = {
    # lesson 2: shapes-in-shapes-out
    "try-batch-first-flag": (P, "prints torch.Size([32, 50, 16])"),
    "try-default-layout": (P, "prints torch.Size([50, 32, 16])"),
    "try-h0-batch-first": (P, "runs"),
    "try-last-step-batch-first": (P, "prints True"),
    "try-unbatched": (P, "prints torch.Size([5, 6])"),
    "practice-h-n-batch-first": (P + "\n", "runs"),
    "practice-unbatched-shapes": (P, "runs"),
    "practice-silent-swap": (P, "runs"),
    "practice-h0-batch-first-error": (
        P, "raises RuntimeError: Expected hidden size (1, 4, 16), "
           "got [4, 1, 16]"),
    "challenge-permute": (P, "prints torch.Size([50, 32, 16])"),
    "challenge-unbatched-h0": (
        P, "raises RuntimeError: For unbatched 2-D input, hx should "
           "also be 2-D but got 3-D tensor"),
    # lesson 3: stacking-and-directions
    "try-num-layers-two": (P, "prints torch.Size([2, 3, 6])"),
    "try-bidirectional-output": (P, "prints torch.Size([7, 3, 12])"),
    "try-h0-layers-directions": (P, "runs"),
    "try-last-layer-both": (P, "prints torch.Size([3, 12])\nTrue"),
    "try-view-layers": (P, "prints True"),
    "practice-stacked-shapes": (P, "runs"),
    "practice-bi-output": (P, "runs"),
    "practice-h0-rows-error": (
        P, "raises RuntimeError: Expected hidden size (4, 3, 6), "
           "got [2, 3, 6]"),
    "challenge-final-states": (P, "prints True True"),
    # lesson 4: inside-the-cell
    "try-cell-tanh": (P, "prints True"),
    "try-weight-shapes": (P, "runs"),
    "try-count-params": (P, "prints 640"),
    "try-relu": (P, "prints True"),
    "try-unroll-loop": (P, "prints True"),
    "challenge-bias-false": (P, "prints 2"),
}

# Extra facts the lessons state (question answers, wrong options, text).
FACTS = [
    # (description, prelude+code, expectation)
    ("practice-h-n-batch-first answer (1, 4, 16)",
     "rnn = torch.nn.RNN(8, 16, batch_first=True)\n"
     "output, h_n = rnn(torch.randn(4, 12, 8))\n"
     "print(tuple(h_n.shape))", "prints (1, 4, 16)"),
    ("practice-unbatched-shapes answer",
     "rnn = torch.nn.RNN(3, 5)\n"
     "output, h_n = rnn(torch.randn(7, 3))\n"
     "print(tuple(output.shape), tuple(h_n.shape))",
     "prints (7, 5) (1, 5)"),
    ("practice-silent-swap answer (32, 50, 16)",
     "rnn = torch.nn.RNN(8, 16)\n"
     "output, h_n = rnn(torch.randn(32, 50, 8))\n"
     "print(tuple(output.shape), tuple(h_n.shape))",
     "prints (32, 50, 16) (1, 50, 16)"),
    ("try-h0-batch-first mistake: batch first in h0",
     "rnn = torch.nn.RNN(8, 16, batch_first=True)\n"
     "rnn(torch.randn(32, 50, 8), torch.zeros(32, 1, 16))",
     "raises RuntimeError: Expected hidden size (1, 32, 16), "
     "got [32, 1, 16]"),
    ("try-batch-first-flag mistake: batch_first=32",
     "torch.nn.RNN(8, 16, batch_first=32)",
     "raises TypeError: batch_first should be of type bool, got: int"),
    ("try-last-step-batch-first mistake: output[-1] is (50, 16)",
     "rnn = torch.nn.RNN(8, 16, batch_first=True)\n"
     "output, h_n = rnn(torch.randn(32, 50, 8))\n"
     "print(tuple(output[-1].shape))", "prints (50, 16)"),
    ("try-unbatched mistake: h0 (1, 1, 6)",
     "rnn = torch.nn.RNN(4, 6)\n"
     "rnn(torch.randn(5, 4), torch.zeros(1, 1, 6))",
     "raises RuntimeError: For unbatched 2-D input, hx should also be "
     "2-D but got 3-D tensor"),
    ("challenge-view-not-transpose answer: view != transpose, runs",
     "x = torch.randn(32, 50, 8)\n"
     "rnn = torch.nn.RNN(8, 16)\n"
     "out, h = rnn(x.view(50, 32, 8))\n"
     "print(torch.equal(x.view(50, 32, 8), x.transpose(0, 1)))",
     "prints False"),
    ("challenge-permute mistake: permute(0, 1, 2) runs",
     "rnn = torch.nn.RNN(8, 16)\n"
     "x = torch.randn(32, 50, 8)\n"
     "print(tuple(rnn(x.permute(0, 1, 2))[0].shape))",
     "prints (32, 50, 16)"),
    ("deep: 4-D input",
     "torch.nn.RNN(8, 16)(torch.randn(2, 50, 32, 8))",
     "raises ValueError: RNN: Expected input to be 2D or 3D, got 4D "
     "tensor instead"),
    ("deep: input_size check",
     "torch.nn.RNN(8, 16)(torch.randn(50, 32, 10))",
     "raises RuntimeError: input.size(-1) must be equal to input_size. "
     "Expected 8, got 10"),
    ("deep: hidden size check",
     "torch.nn.RNN(8, 16)(torch.randn(50, 32, 8), torch.zeros(1, 50, 16))",
     "raises RuntimeError: Expected hidden size (1, 32, 16), "
     "got [1, 50, 16]"),
    ("deep: unbatched size errors show the 3-D form",
     "torch.nn.RNN(8, 16)(torch.randn(50, 8), torch.zeros(2, 16))",
     "raises RuntimeError: Expected hidden size (1, 1, 16), "
     "got [2, 1, 16]"),
    # lesson 3
    ("practice-stacked-shapes answer",
     "rnn = torch.nn.RNN(4, 6, num_layers=3)\n"
     "o, h = rnn(torch.randn(7, 3, 4))\n"
     "print(tuple(o.shape), tuple(h.shape))", "prints (7, 3, 6) (3, 3, 6)"),
    ("practice-bi-output answer",
     "rnn = torch.nn.RNN(4, 6, bidirectional=True)\n"
     "o, h = rnn(torch.randn(7, 3, 4))\n"
     "print(tuple(o.shape), tuple(h.shape))", "prints (7, 3, 12) (2, 3, 6)"),
    ("practice-h-n-row answer: row 3 is layer 1 reverse",
     "rnn = torch.nn.RNN(4, 6, num_layers=2, bidirectional=True)\n"
     "o, h = rnn(torch.randn(7, 3, 4))\n"
     "print(torch.equal(h.view(2, 2, 3, 6)[1, 1], h[3]),"
     " torch.equal(o[0, :, 6:], h[3]))", "prints True True"),
    ("practice-bi-last-step: B true, A C D false",
     "rnn = torch.nn.RNN(4, 6, bidirectional=True)\n"
     "o, h = rnn(torch.randn(7, 3, 4))\n"
     "c = torch.cat([h[0], h[1]], 1)\n"
     "print(torch.equal(o[-1], c), torch.equal(o[-1, :, :6], h[0])"
     " and torch.equal(o[0, :, 6:], h[1]),"
     " torch.equal(o[-1, :, 6:], h[1]), torch.equal(o[0], c))",
     "prints False True False False"),
    ("try-h0-layers-directions mistake: h0 (3, 5, 6)",
     "rnn = torch.nn.RNN(4, 6, num_layers=3, bidirectional=True)\n"
     "rnn(torch.randn(7, 5, 4), torch.zeros(3, 5, 6))",
     "raises RuntimeError: Expected hidden size (6, 5, 6), got [3, 5, 6]"),
    ("try-view-layers mistake: view(2, 3, 5, 6)",
     "rnn = torch.nn.RNN(4, 6, num_layers=3, bidirectional=True)\n"
     "o, h_n = rnn(torch.randn(7, 5, 4))\n"
     "h_n.view(2, 3, 5, 6)[2, 1]",
     "raises IndexError: index 2 is out of bounds for dimension 0 "
     "with size 2"),
    ("challenge-weight-ih-l1 answer (6, 12), and the state_dict",
     "rnn = torch.nn.RNN(4, 6, num_layers=2, bidirectional=True)\n"
     "print(tuple(rnn.weight_ih_l1.shape), "
     "tuple(rnn.weight_ih_l1_reverse.shape))",
     "prints (6, 12) (6, 12)"),
    ("challenge-dropout-one-layer: a UserWarning, builds",
     "import warnings\n"
     "with warnings.catch_warnings(record=True) as w:\n"
     "    warnings.simplefilter('always')\n"
     "    rnn = torch.nn.RNN(4, 6, dropout=0.5)\n"
     "m = str(w[0].message)\n"
     "print(w[0].category.__name__, m.startswith('dropout option adds "
     "dropout after all but last recurrent layer'))",
     "prints UserWarning True"),
    ("challenge-dropout-one-layer: one layer, dropout does nothing",
     "import warnings\nwarnings.simplefilter('ignore')\n"
     "rnn = torch.nn.RNN(4, 6, dropout=0.5).train()\n"
     "x = torch.randn(7, 3, 4)\n"
     "print(torch.equal(rnn(x)[0], rnn(x)[0]))", "prints True"),
    # lesson 4
    ("why / try-weight-shapes mistake: (in, out) does not load",
     "rnn = torch.nn.RNN(2, 3)\n"
     "rnn.load_state_dict({'weight_ih_l0': torch.zeros(2, 3),\n"
     "  'weight_hh_l0': torch.zeros(3, 3),\n"
     "  'bias_ih_l0': torch.zeros(3), 'bias_hh_l0': torch.zeros(3)})",
     "raises RuntimeError: Error(s) in loading state_dict for RNN:\n\t"
     "size mismatch for weight_ih_l0: copying a param with shape "
     "torch.Size([2, 3]) from checkpoint, the shape in current model is "
     "torch.Size([3, 2])."),
    ("intro: state_dict of RNN(2, 3)",
     "sd = torch.nn.RNN(2, 3).state_dict()\n"
     "print([(k, tuple(v.shape)) for k, v in sd.items()])",
     "prints [('weight_ih_l0', (3, 2)), ('weight_hh_l0', (3, 3)), "
     "('bias_ih_l0', (3,)), ('bias_hh_l0', (3,))]"),
    ("practice-weight-ih-shape answer (8, 5)",
     "print(tuple(torch.nn.RNN(input_size=5, hidden_size=8)"
     ".weight_ih_l0.shape))", "prints (8, 5)"),
    ("practice-state-dict-keys answer, and RNNCell names",
     "print(list(torch.nn.RNN(5, 8).state_dict()), "
     "list(torch.nn.RNNCell(5, 8).state_dict()))",
     "prints ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'] "
     "['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']"),
    ("counts: 640, bias=False 600, 2 layers 1480, bi 1280, deep bi 3760",
     "c = lambda **k: sum(p.numel() for p in "
     "torch.nn.RNN(10, 20, **k).parameters())\n"
     "print(c(), c(bias=False), c(num_layers=2), c(bidirectional=True),"
     " c(num_layers=2, bidirectional=True))",
     "prints 640 600 1480 1280 3760"),
    ("try-count-params mistake: sum of p.size()",
     "sum(p.size() for p in torch.nn.RNN(10, 20).parameters())",
     "raises TypeError: unsupported operand type(s) for +: 'int' and "
     "'torch.Size'"),
    ("try-relu mistake: 'ReLU'",
     "torch.nn.RNN(2, 3, nonlinearity='ReLU')",
     "raises ValueError: Unknown nonlinearity 'ReLU'. Select from 'tanh' "
     "or 'relu'."),
    ("try-relu mistake: torch.relu",
     "torch.nn.RNN(2, 3, nonlinearity=torch.relu)",
     "raises ValueError: Unknown nonlinearity '<built-in method relu..."),
    ("challenge-sigmoid answer",
     "torch.nn.RNN(2, 3, nonlinearity='sigmoid')",
     "raises ValueError: Unknown nonlinearity 'sigmoid'. Select from "
     "'tanh' or 'relu'."),
    ("challenge-bias-false mistake: bias=0",
     "torch.nn.RNN(10, 20, bias=0)",
     "raises TypeError: bias should be of type bool, got: int"),
    ("challenge-bias-false: both biases go",
     "print(list(torch.nn.RNN(10, 20, bias=False).state_dict()))",
     "prints ['weight_ih_l0', 'weight_hh_l0']"),
    ("practice-first-step answer B (and not A)",
     "rnn = torch.nn.RNN(2, 3)\n"
     "x = torch.randn(1, 2)\n"
     "o, h = rnn(x)\n"
     "w, b, c = rnn.weight_ih_l0, rnn.bias_ih_l0, rnn.bias_hh_l0\n"
     "print(torch.allclose(h[0], torch.tanh(x[0] @ w.T + b + c)),"
     " torch.allclose(h[0], torch.tanh(x[0] @ w.T + b)))",
     "prints True False"),
    ("practice-relu-range: relu output >= 0, some > 1 possible",
     "rnn = torch.nn.RNN(2, 3, nonlinearity='relu')\n"
     "o, h = rnn(torch.randn(50, 2) * 5)\n"
     "print(bool((o >= 0).all()), bool((o > 1).any()))",
     "prints True True"),
    ("deep: init uniform in (-1/sqrt(H), 1/sqrt(H))",
     "rnn = torch.nn.RNN(10, 100)\n"
     "m = max(p.abs().max().item() for p in rnn.parameters())\n"
     "print(0.09 < m <= 0.1)", "prints True"),
    ("playground-tanh-relu: tanh stays below 1, relu grows past 10",
     "x = torch.ones(6, 2)\n"
     "r = {}\n"
     "for nl in ['tanh', 'relu']:\n"
     "    rnn = torch.nn.RNN(2, 3, nonlinearity=nl)\n"
     "    with torch.no_grad():\n"
     "        rnn.weight_hh_l0.copy_(2 * torch.eye(3))\n"
     "    r[nl] = rnn(x)[0].max().item()\n"
     "print(r['tanh'] < 1, r['relu'] > 10)", "prints True True"),
]

OUTPUT_START = re.compile(r"^(torch\.Size|tensor|True|False|-?\d|\(|\[)")


def instrument(code):
    """Turn `print(X)  # out` into a checked print."""
    lines = code.split("\n")
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s*)print\((.*?)\)\s*(#\s*(.*))?$", line)
        expected = None
        if m:
            if m.group(4) is not None:
                expected = m.group(4).strip()
            elif i + 1 < len(lines):
                n = re.match(r"^\s*#\s*(.*)$", lines[i + 1])
                if n:
                    expected = n.group(1).strip()
        if m and expected and OUTPUT_START.match(expected) \
                or m and expected and expected.startswith(("For ", "Expected")):
            out.append("%s__chk(%r, %d, %s)" % (m.group(1), expected, i + 1,
                                               m.group(2)))
        else:
            out.append(line)
    return "\n".join(out)


class Mismatch(Exception):
    pass


def make_chk(problems, where):
    def __chk(expected, line, *args):
        got = " ".join(str(a) for a in args)
        print(got)
        # a comment may add words after the output ("...: one per sentence")
        if got != expected and not expected.startswith(got + ":") \
                and not expected.startswith(got + " "):
            problems.append("%s line %d: printed %r, comment says %r"
                            % (where, line, got, expected))
    return __chk


def run(code, problems, where, ns=None):
    """Run code; return ('ok', stdout) or ('raise', 'Type: msg', stdout)."""
    ns = {} if ns is None else ns
    ns["__chk"] = make_chk(problems, where)
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            exec(compile(instrument(code), where, "exec"), ns)
    except Exception as e:  # noqa: BLE001
        return ("raise", "%s: %s" % (type(e).__name__, e), buf.getvalue())
    return ("ok", None, buf.getvalue())


def judge(result, expectation, problems, where):
    kind, err, out = result
    if expectation == "runs":
        if kind != "ok":
            problems.append("%s: expected to run, raised %s" % (where, err))
    elif expectation.startswith("raises "):
        want = expectation[len("raises "):]
        if want.endswith("..."):
            ok = kind == "raise" and err.startswith(want[:-3])
        else:
            ok = kind == "raise" and err == want
        if not ok:
            problems.append("%s: expected to raise %r, got %s"
                            % (where, want, err if kind == "raise"
                               else "no error"))
    elif expectation.startswith("prints "):
        want = expectation[len("prints "):]
        if kind != "ok":
            problems.append("%s: expected output, raised %s" % (where, err))
        elif out.strip() != want:
            problems.append("%s: expected to print %r, printed %r"
                            % (where, want, out.strip()))
    else:
        problems.append("%s: bad expectation %r" % (where, expectation))


def fill(code, answers, options):
    def sub(m):
        n = int(m.group(1))
        return str(options[answers[n]]) if n in answers else m.group(0)
    return re.sub(r"\[(\d+)\]", sub, code)


def check_lesson(path, problems, seen):
    with open(path) as f:
        lesson = yaml.safe_load(f)
    lid = lesson["id"]
    for page in ("intro", "why"):
        ns = {}
        exec("import torch", ns)
        torch.manual_seed(0)
        for i, block in enumerate(lesson.get(page, {}).get("blocks", [])):
            if "code" in block and "h_(t-1)" not in block["code"]:
                where = "%s %s block %d" % (lid, page, i)
                kind, err, _ = run(block["code"], problems, where, ns)
                if kind != "ok":
                    problems.append("%s: raised %s" % (where, err))
    items = []
    items += lesson.get("try", {}).get("tasks", [])
    items += lesson.get("practice", {}).get("questions", [])
    items += lesson.get("challenge", {}).get("items", [])
    for item in items:
        iid = item["id"]
        where = "%s %s" % (lid, iid)
        if "answers" in item:
            found = re.findall(r"\[([1-9]\d?)\]", item["code"])
            if sorted(found) != sorted(set(found)):
                problems.append("%s: a blank number occurs twice in the "
                                "code (x[1] is a blank too)" % where)
            code = fill(item["code"], item["answers"], item["options"])
        elif "code" in item:
            code = item["code"]
        else:
            continue
        seen.add(iid)
        prelude, expectation = EXPECT.get(iid, (P, "runs"))
        if iid not in EXPECT:
            problems.append("%s: no EXPECT entry" % where)
        torch.manual_seed(0)
        judge(run(prelude + "\n" + code, problems, where), expectation,
              problems, where)
    for snip in lesson.get("playground", {}).get("snippets", []):
        where = "%s %s" % (lid, snip["id"])
        kind, err, _ = run(snip["code"], problems, where)
        if kind != "ok":
            problems.append("%s: raised %s" % (where, err))


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "Lessons"
    problems, seen = [], set()
    for name in ("02-shapes-in-shapes-out.yaml",
                 "03-stacking-and-directions.yaml",
                 "04-inside-the-cell.yaml"):
        try:
            check_lesson("%s/%s" % (folder, name), problems, seen)
        except FileNotFoundError:
            print("skipped (missing): %s" % name)
    for desc, code, expectation in FACTS:
        torch.manual_seed(0)
        judge(run(P + "\n" + code, problems, desc), expectation, problems,
              desc)
    for iid in sorted(set(EXPECT) - seen):
        problems.append("EXPECT names %s, which no lesson has" % iid)
    for p in problems:
        print(p)
    print("%d facts, %d items: %s" % (len(FACTS), len(seen),
          "%d problems" % len(problems) if problems else "all as stated"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
