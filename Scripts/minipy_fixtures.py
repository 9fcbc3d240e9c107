#!/usr/bin/env python3
"""Runs every snippet below under real CPython + torch and writes what they printed and raised to
Tests/MiniPyTests/Fixtures/snippets.json, the table MiniPyTests compares MiniPy against verbatim.

    python3 -m venv ~/torchenv && ~/torchenv/bin/pip install torch   # a throwaway environment, never in CI
    ~/torchenv/bin/python Scripts/minipy_fixtures.py            # every snippet
    ~/torchenv/bin/python Scripts/minipy_fixtures.py NAME ...   # only these (and new ones)

Each snippet runs as `python snippet.py` in a fresh temporary folder. Recorded: stdout, and for a failing
run the last line of the traceback (`Type: message`) and the snippet line the traceback shows.
Snippets never print random values (MiniPy's generator is its own), only shapes, fixed values and errors.
"""
import json, os, re, subprocess, sys, tempfile

SNIPPETS = [
    # --- Python core
    ("print-literals", 'print(1, 2.5, "hi", True, None, [1, "a"], (1,), {"k": 2})'),
    ("arith", "print(3 / 2, 7 // 2, -7 // 2, -7 % 3, 2 ** 10, 2 ** -1, 1e-05, 1e16, 0.1 + 0.2)"),
    ("unary-compare", "x = -3\nprint(-x, x < 0 < 5, x == -3.0, 1 != 1, not x, 3 in [1, 2, 3], 'a' not in 'abc')"),
    ("tuple-unpack", "a, b = 1, 2\na, b = b, a\nprint(a, b)\n(c, d), e = (3, 4), 5\nprint(c, d, e)"),
    ("for-range", "total = 0\nfor i in range(1, 10, 2):\n    total += i\nprint(total)\nfor i in range(3):\n    print(i, end=' ')\nprint()"),
    ("for-list-if", "for w in ['a', 'bb', 'ccc']:\n    if len(w) > 2:\n        print('long', w)\n    elif len(w) == 2:\n        print('two', w)\n    else:\n        print('short', w)"),
    ("list-comp", "print([x * x for x in range(6) if x % 2 == 0])\nprint([(i, j) for i in range(2) for j in range(2)])"),
    ("dict-comp", "words = ['the', 'cat', 'sat', 'quickly']\nprint({w: len(w) for w in words if len(w) > 3})"),
    ("dict-comp-upper", "words = ['apple', 'fig', 'banana', 'kiwi', 'cherry']\nresult = {word.upper(): len(word) for word in words if len(word) > 4}\nprint(result)"),
    ("str-methods", "s = ' Hello World '\nprint(s.upper(), s.lower(), s.strip(), s.split(), '-'.join(['a', 'b']), s.replace('o', '0'))"),
    ("str-more", "s = 'sequence'\nprint(s[0], s[-1], s[1:4], s[::-1], len(s), s.startswith('seq'), s.count('e'), s.find('q'))"),
    ("list-ops", "xs = [3, 1, 2]\nxs.append(5)\nxs.extend([0])\nprint(xs, sorted(xs), xs[-2], xs[1:3], len(xs), sum(xs), min(xs), max(xs))\nxs.sort()\nprint(xs, xs.pop(), xs)"),
    ("dict-ops", "d = {'a': 1}\nd['b'] = 2\nprint(d, d['a'], d.get('z'), d.get('z', 0), list(d.keys()), list(d.values()), list(d.items()), 'a' in d, len(d))"),
    ("dict-views", "d = {'a': 1, 'b': 2}\nprint(d.keys(), d.values(), d.items())"),
    ("enumerate-zip", "for i, (a, b) in enumerate(zip('xy', [10, 20])):\n    print(i, a, b)"),
    ("while-break", "n = 0\nwhile True:\n    n += 1\n    if n == 3:\n        continue\n    if n > 5:\n        break\nprint(n)"),
    ("slices", "xs = list(range(10))\nprint(xs[2:8:3], xs[::-2], xs[-3:], xs[:0], xs[100:])"),
    ("str-concat", "print('a' + 'b' * 3, [0] * 3, (1, 2) + (3,))"),
    ("int-float-str", "print(int('42') + 1, float('2.5'), str(10) + '!', int(3.9), round(2.5), round(3.14159, 2), abs(-2))"),
    ("bool-ops", "print(0 or 'x', 1 and 2, None or [], not [], [] == [], (1, 2) < (1, 3))"),
    ("ternary", "x = 5\nprint('big' if x > 3 else 'small')"),
    ("format-method", "print('{} has {} items'.format('list', 3), '{:.2f}'.format(3.14159))"),
    ("nested-list-index", "m = [[1, 2], [3, 4]]\nprint(m[1][0], m[-1], len(m[0]))"),
    ("print-sep", "print(1, 2, 3, sep=', ')\nprint('a', end='')\nprint('b')"),
    ("repr-strings", "print(repr('it\\'s'), ['a', \"b'c\"], str(1.0), repr(1.50))"),
    # --- Python errors
    ("err-name", "print(x)"),
    ("err-name-suggest", "output = 1\nprint(outptu)"),
    ("err-type-concat", "print('a' + 1)"),
    ("err-type-operand", "x = [1] - 1"),
    ("err-type-list-concat", "x = [1] + 1"),
    ("err-zero-div", "print(1 / 0)"),
    ("err-zero-floordiv", "print(1 // 0)"),
    ("err-index-list", "xs = [1, 2]\nprint(xs[5])"),
    ("err-index-tuple", "t = (1, 2)\nprint(t[2])"),
    ("err-key", "d = {'a': 1}\nprint(d['b'])"),
    ("err-attr-str", "s = 'abc'\nprint(s.uper())"),
    ("err-attr-int", "n = 5\nn.append(1)"),
    ("err-not-callable", "x = 5\nx()"),
    ("err-not-subscriptable", "x = 5\nprint(x[0])"),
    ("err-not-iterable", "for i in 5:\n    print(i)"),
    ("err-unpack-many", "a, b = 1, 2, 3"),
    ("err-unpack-few", "a, b, c = 1, 2"),
    ("err-unpack-int", "a, b = 1"),
    ("err-len", "print(len(5))"),
    ("err-list-indices", "xs = [1]\nprint(xs['a'])"),
    ("err-compare", "print(1 < 'a')"),
    ("err-int-parse", "int('abc')"),
    ("err-line-later", "a = 1\nb = 2\nc = a + b\nprint(c)\nprint(d)"),
    ("err-in-loop", "for i in range(3):\n    print(i)\n    if i == 2:\n        print(10 / (i - 2))"),
    # --- SyntaxErrors (line and message)
    ("syntax-unclosed", "x = (1, 2\nprint(x)"),
    ("syntax-colon", "for i in range(3)\n    print(i)"),
    ("syntax-indent", "x = 1\n    y = 2"),
    ("syntax-block", "for i in range(3):\nprint(i)"),
    ("syntax-assign-call", "f() = 1"),
    ("syntax-assign-literal", "1 = x"),
    ("syntax-print-stmt", "print 'hello'"),
    ("syntax-invalid", "x = = 1"),
    ("syntax-unmatched", "x = 1)"),
    ("syntax-string", "s = 'abc"),
    # --- torch: creation and printing
    ("torch-size", "import torch\nprint(torch.zeros(4, 2, 3).shape)\nprint(torch.Size([4, 2, 3]))"),
    ("torch-zeros-print", "import torch\nprint(torch.zeros(2, 3))\nprint(torch.ones(1, 1, 3))"),
    ("torch-tensor-print", "import torch\nprint(torch.tensor([[1.5, -2.25], [100.0, 0.0]]))\nprint(torch.tensor([1, 2, 3]))\nprint(torch.tensor(3.5))"),
    ("torch-tensor-sci", "import torch\nprint(torch.tensor([1e-5, 1.0]))\nprint(torch.tensor([True, False]))"),
    ("torch-tensor-empty", "import torch\nprint(torch.zeros(0, 3))\nprint(torch.tensor([]))"),
    ("torch-arange-summary", "import torch\nprint(torch.arange(2000.))"),
    ("torch-arange-int", "import torch\nprint(torch.arange(5), torch.arange(1, 3.0, 0.5))"),
    ("torch-long-row", "import torch\nprint(torch.ones(3, 20) * 0.5)"),
    ("torch-shape-list", "import torch\nx = torch.zeros(4, 2, 3)\nprint(list(x.shape), tuple(x.shape), x.size(), x.size(-1), x.dim(), x.shape[0], len(x), x.numel())"),
    ("torch-views", "import torch\nx = torch.zeros(2, 3, 4)\nprint(x.view(6, 4).shape, x.reshape(-1).shape, x.view(2, -1).shape, x.unsqueeze(0).shape, x.unsqueeze(-1).shape)"),
    ("torch-transpose-permute", "import torch\nx = torch.zeros(2, 3, 4)\nprint(x.transpose(0, 1).shape, x.permute(2, 0, 1).shape, x.squeeze().shape, torch.zeros(1, 3, 1).squeeze().shape, torch.zeros(1, 3).squeeze(0).shape)"),
    ("torch-values-ops", "import torch\nx = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])\nprint(x.T)\nprint(x[1], x[:, 0], x[0, -1], x[-1, 1:])\nprint(x.transpose(0, 1).reshape(3, 2))"),
    ("torch-arith", "import torch\nx = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nprint(x + 1, x * x, x - torch.tensor([1.0, 1.0]), x / 2)\nprint(x @ x, x.sum(), x.mean(0), x.sum(1))"),
    ("torch-item-tolist", "import torch\nx = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nprint(x[0, 1].item(), x.tolist(), torch.tensor([1, 2]).tolist())"),
    ("torch-cat-stack", "import torch\na = torch.zeros(2, 3)\nprint(torch.cat([a, a]).shape, torch.cat([a, a], dim=1).shape, torch.stack([a, a]).shape, torch.stack([a, a], 1).shape)"),
    ("torch-dtype", "import torch\nprint(torch.zeros(2).dtype, torch.tensor([1, 2]).dtype, torch.tensor([1, 2.0]))"),
    ("torch-size-eq", "import torch\nprint(torch.zeros(2, 3).shape == (2, 3), torch.Size([2, 3]) == torch.Size([2, 3]), torch.zeros(2, 3).shape[-1])"),
    # --- torch.nn modules
    ("rnn-shapes", "import torch\nrnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=1)\nx = torch.randn(5, 3, 10)\nh0 = torch.zeros(1, 3, 20)\noutput, h_n = rnn(x, h0)\nprint(output.shape)\nprint(h_n.shape)"),
    ("rnn-batch-first", "import torch\nrnn = torch.nn.RNN(10, 20, batch_first=True)\noutput, h_n = rnn(torch.randn(3, 5, 10))\nprint(output.shape, h_n.shape)\noutput, h_n = rnn(torch.randn(5, 10))\nprint(output.shape, h_n.shape)"),
    ("rnn-layers-bidir", "import torch.nn as nn\nimport torch\nrnn = nn.RNN(4, 6, num_layers=2, bidirectional=True)\nout, h = rnn(torch.randn(7, 3, 4))\nprint(out.shape, h.shape, out[-1].shape, out[:, 0].shape)"),
    ("lstm-shapes", "from torch import nn\nimport torch\nlstm = nn.LSTM(input_size=3, hidden_size=4, num_layers=2)\nout, (h, c) = lstm(torch.randn(6, 2, 3))\nprint(out.shape, h.shape, c.shape)"),
    ("lstm-proj", "import torch\nlstm = torch.nn.LSTM(5, 4, proj_size=2)\nout, (h, c) = lstm(torch.randn(4, 5))\nprint(out.shape, h.shape, c.shape)"),
    ("gru-shapes", "import torch\ngru = torch.nn.GRU(3, 5, batch_first=True)\nout, h = gru(torch.randn(2, 7, 3))\nprint(out.shape, h.shape)"),
    ("cells", "import torch\nfrom torch import nn\ncell = nn.RNNCell(3, 4)\nh = cell(torch.randn(2, 3))\nprint(h.shape)\nlc = nn.LSTMCell(3, 4)\nh, c = lc(torch.randn(3))\nprint(h.shape, c.shape)\ng = nn.GRUCell(3, 4)\nprint(g(torch.randn(5, 3), torch.zeros(5, 4)).shape)"),
    ("linear-embedding", "import torch\nfrom torch import nn\nlin = nn.Linear(20, 5)\nprint(lin(torch.randn(3, 7, 20)).shape, lin(torch.randn(20)).shape)\nemb = nn.Embedding(10, 3)\nprint(emb(torch.tensor([[1, 2, 4], [4, 3, 9]])).shape)"),
    ("module-repr", "import torch.nn as nn\nprint(nn.RNN(2, 3))\nprint(nn.LSTM(2, 3, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True))\nprint(nn.GRU(2, 3), nn.Linear(4, 2), nn.Embedding(10, 3), nn.RNNCell(4, 2, nonlinearity='relu'), nn.LSTMCell(4, 2, bias=False))"),
    ("module-params", "import torch\nrnn = torch.nn.RNN(10, 20)\nfor name, p in rnn.named_parameters():\n    print(name, tuple(p.shape))\nprint(sum(p.numel() for p in rnn.parameters()), rnn.hidden_size, rnn.num_layers, rnn.batch_first)"),
    ("rnn-unroll-compare", "import torch\ntorch.manual_seed(0)\nrnn = torch.nn.RNN(input_size=2, hidden_size=3)\nx = torch.randn(4, 2)\noutput, h_n = rnn(x)\nh = torch.zeros(3)\nfor t in range(4):\n    h = torch.tanh(x[t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)\nprint(torch.allclose(h, h_n[0], atol=1e-6))\nprint(torch.allclose(output[-1], h_n[0]))"),
    # --- torch errors
    ("torch-err-input-size", "import torch\nrnn = torch.nn.RNN(input_size=8, hidden_size=4)\ninput_seq = torch.randn(5, 3, 10) # seq_len=5, batch=3, input_size=10\noutput, hidden = rnn(input_seq)"),
    ("torch-err-num-layers", "import torch\nrnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=0)"),
    ("torch-err-num-layers-neg", "import torch\nrnn = torch.nn.RNN(input_size=10, hidden_size=20, num_layers=-1)"),
    ("torch-err-hidden-size", "import torch\nrnn = torch.nn.RNN(10, 20)\nh0 = torch.zeros(2, 3, 20)\nout, h = rnn(torch.randn(5, 3, 10), h0)"),
    ("torch-err-hidden-dim", "import torch\nrnn = torch.nn.RNN(10, 20)\nout, h = rnn(torch.randn(5, 3, 10), torch.zeros(3, 20))"),
    ("torch-err-4d", "import torch\nlstm = torch.nn.LSTM(10, 20)\nout, h = lstm(torch.randn(2, 5, 3, 10))"),
    ("torch-err-rnn-not-tensor", "import torch\nrnn = torch.nn.RNN(10, 20)\nout, h = rnn([1, 2, 3])"),
    ("torch-err-rnn-module-input", "import torch\nrnn = torch.nn.RNN(10, 20)\nout, h = rnn(rnn)"),
    ("torch-err-nonlinearity", "import torch\nrnn = torch.nn.RNN(10, 20, nonlinearity='sigmoid')"),
    ("torch-err-unexpected-kw", "import torch\nrnn = torch.nn.RNN(10, 20, foo=1)"),
    ("torch-err-missing-args", "import torch\nrnn = torch.nn.GRU()"),
    ("torch-err-float-size", "import torch\nrnn = torch.nn.LSTM(10.0, 20)"),
    ("torch-err-view", "import torch\nx = torch.zeros(2, 3)\ny = x.view(5, -1)"),
    ("torch-err-view-two", "import torch\nx = torch.zeros(2, 3)\ny = x.view(-1, -1)"),
    ("torch-err-permute", "import torch\nx = torch.zeros(2, 3, 4)\ny = x.permute(0, 1)"),
    ("torch-err-transpose", "import torch\nx = torch.zeros(2, 3)\ny = x.transpose(0, 2)"),
    ("torch-err-index", "import torch\nx = torch.zeros(2, 3)\nprint(x[5])"),
    ("torch-err-index-dim1", "import torch\nx = torch.zeros(2, 3)\nprint(x[:, 5])"),
    ("torch-err-too-many", "import torch\nx = torch.zeros(2, 3)\nprint(x[0, 0, 0])"),
    ("torch-err-broadcast", "import torch\nprint(torch.zeros(2, 3) + torch.zeros(3, 2))"),
    ("torch-err-matmul", "import torch\nprint(torch.zeros(2, 3) @ torch.zeros(2, 3))"),
    ("torch-err-linear", "import torch\nlin = torch.nn.Linear(4, 2)\nprint(lin(torch.zeros(3, 5)))"),
    ("torch-err-embedding-float", "import torch\nemb = torch.nn.Embedding(10, 3)\nprint(emb(torch.zeros(2)))"),
    ("torch-err-embedding-range", "import torch\nemb = torch.nn.Embedding(10, 3)\nprint(emb(torch.tensor([12])))"),
    ("torch-err-zeros-neg", "import torch\nx = torch.zeros(-1, 2)"),
    ("torch-err-cell-size", "import torch\ncell = torch.nn.RNNCell(8, 4)\nh = cell(torch.randn(3, 10))"),
    ("torch-err-cell-batch", "import torch\ncell = torch.nn.GRUCell(8, 4)\nh = cell(torch.randn(3, 8), torch.zeros(5, 4))"),
    ("torch-err-item", "import torch\nprint(torch.zeros(2, 3).item())"),
    ("torch-err-attr", "import torch\nx = torch.zeros(2)\nprint(x.foo)"),
    ("torch-err-module-attr", "import torch\nprint(torch.foo)"),
    ("torch-err-nn-attr", "import torch.nn as nn\nrnn = nn.SimpleRNN(10, 20)"),
    ("torch-err-no-module", "import tensorflow"),
    ("torch-err-tensor-ragged", "import torch\nx = torch.tensor([[1, 2], [3]])"),
    ("torch-err-lstm-hx-tensor", "import torch\nlstm = torch.nn.LSTM(2, 3)\nout = lstm(torch.zeros(4, 2), torch.zeros(1, 3))"),
    ("torch-err-hidden-first", "import torch\nrnn = torch.nn.RNN(10, 20)\nhidden = torch.zeros(1, 5, 20)\noutput, hidden = rnn(hidden, hidden)"),
    ("torch-err-unpack-module-out", "import torch\nrnn = torch.nn.RNN(10, 20)\noutput, hidden, extra = rnn(torch.randn(5, 3, 10))"),
    # --- more tensor methods (argmax, flip, chunk, abs, max/min, norm, eye)
    ("tensor-more-methods", "import torch\nx = torch.tensor([[1., -5., 3.], [7., 0., -2.]], requires_grad=True)\nv = x.max(dim=1)\nprint(v.values, v.indices)\nm, i = x.min(0)\nprint(m, i)\nprint(x.max(), x.abs(), x.flip(0), x.flip(1, 0))\na, b = x.chunk(2, 1)\nprint(a.grad_fn.name(), b.shape, len(x.chunk(4)))\nprint(torch.eye(3), torch.eye(2, 3))\nprint(x.norm(), torch.tensor([3., 4.]).norm())\ny = x.max(dim=1).values.sum() + x.abs().sum() + x.flip(0)[0].sum() + a.sum() * 2 + x.norm() + x.min()\ny.backward()\nprint(x.grad)\nprint(torch.maximum(torch.tensor([1., 5.]), torch.tensor([3., 2.])), x.max(torch.zeros(2, 3)))\nprint(x.argmax(), x.argmax(1), torch.argmax(x, dim=0), x.argmax(-1, keepdim=True))\nprint(torch.max(x), torch.min(x, 1).indices, torch.is_grad_enabled())"),
    ("tensor-err-chunk", "import torch\nx = torch.zeros(4).chunk(0)"),
    ("tensor-err-max-empty", "import torch\nx = torch.zeros(0).max()"),
    ("tensor-err-copy-leaf", "import torch\nlin = torch.nn.Linear(2, 2)\nlin.weight.copy_(torch.eye(2))"),
    ("no-grad", "import torch\nw = torch.tensor([1., -2.], requires_grad=True)\nv = w\nfor step in range(3):\n    loss = (w * w).sum()\n    loss.backward()\n    with torch.no_grad():\n        w -= 0.1 * w.grad\n        z = w * 2\n    w.grad = None\nprint(w, v, z.requires_grad, torch.is_grad_enabled())\nlin = torch.nn.Linear(2, 2)\nwith torch.no_grad():\n    lin.weight.copy_(2 * torch.eye(2))\n    lin.bias[0] = 5.0\n    lin.bias[1] = -1.0\n    out = lin(torch.ones(1, 2))\nprint(lin.weight, lin.bias[0], out, out.requires_grad)\nx = torch.tensor([1., 2., 3.], requires_grad=True) * 1\nx[0] = 0.\nprint(x.grad_fn.name(), x)"),
    # --- edge dimensions, requires_grad changes, AdamW, masked zeros (from the review of the autograd change)
    ("tensor-edge-dims", "import torch\ns = torch.tensor(2.0, requires_grad=True)\ntry:\n    print('s.sum(0)', '->', repr(s.sum(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.sum(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.sum(0, keepdim=True)', '->', repr(s.sum(0, keepdim=True)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.sum(0, keepdim=True)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.mean(-1)', '->', repr(s.mean(-1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.mean(-1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.max(0)', '->', repr(s.max(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.max(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.min(0, keepdim=True)', '->', repr(s.min(0, keepdim=True)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.min(0, keepdim=True)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.any(0)', '->', repr(s.any(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.any(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.all(0)', '->', repr(s.all(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.all(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.chunk(1, 0)', '->', repr(s.chunk(1, 0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.chunk(1, 0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.size(0)', '->', repr(s.size(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.size(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.size(-1)', '->', repr(s.size(-1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.size(-1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.argmax(0)', '->', repr(s.argmax(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.argmax(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.softmax(0)', '->', repr(s.softmax(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.softmax(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.flip(0)', '->', repr(s.flip(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.flip(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.unsqueeze(0)', '->', repr(s.unsqueeze(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.unsqueeze(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s.transpose(0, 0)', '->', repr(s.transpose(0, 0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s.transpose(0, 0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(0, 3).max(0)', '->', repr(torch.zeros(0, 3).max(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(0, 3).max(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(3, 0).argmax(1)', '->', repr(torch.zeros(3, 0).argmax(1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(3, 0).argmax(1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(0,3).min(1)', '->', repr(torch.zeros(0,3).min(1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(0,3).min(1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.cat([torch.tensor(1.), torch.tensor(2.)])', '->', repr(torch.cat([torch.tensor(1.), torch.tensor(2.)])).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.cat([torch.tensor(1.), torch.tensor(2.)])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.cat([torch.zeros(2), torch.zeros(2, 3)])', '->', repr(torch.cat([torch.zeros(2), torch.zeros(2, 3)])).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.cat([torch.zeros(2), torch.zeros(2, 3)])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.cat([torch.zeros(2,3), torch.zeros(2,3,4)], 1)', '->', repr(torch.cat([torch.zeros(2,3), torch.zeros(2,3,4)], 1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.cat([torch.zeros(2,3), torch.zeros(2,3,4)], 1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.cat([torch.tensor([]), torch.zeros(2, 3)])', '->', repr(torch.cat([torch.tensor([]), torch.zeros(2, 3)])).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.cat([torch.tensor([]), torch.zeros(2, 3)])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.stack([torch.zeros(2), torch.zeros(3)])', '->', repr(torch.stack([torch.zeros(2), torch.zeros(3)])).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.stack([torch.zeros(2), torch.zeros(3)])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([1,2]).sum()', '->', repr(torch.tensor([1,2]).sum()).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.tensor([1,2]).sum()', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True, True]).sum()', '->', repr(torch.tensor([True, True]).sum()).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.tensor([True, True]).sum()', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([1,2]).sum(0)', '->', repr(torch.tensor([1,2]).sum(0)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.tensor([1,2]).sum(0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(2,3,4).flatten(0, 1).shape', '->', repr(torch.zeros(2,3,4).flatten(0, 1).shape).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(2,3,4).flatten(0, 1).shape', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(2,3,4).flatten(1).shape', '->', repr(torch.zeros(2,3,4).flatten(1).shape).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(2,3,4).flatten(1).shape', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(2,3,4).flatten(-2).shape', '->', repr(torch.zeros(2,3,4).flatten(-2).shape).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(2,3,4).flatten(-2).shape', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.zeros(2,3,4).flatten(2, 1)', '->', repr(torch.zeros(2,3,4).flatten(2, 1)).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.zeros(2,3,4).flatten(2, 1)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([3., 1.]).max(0)[1]', '->', repr(torch.tensor([3., 1.]).max(0)[1]).replace('\\n', ' '))\nexcept Exception as ex:\n    print('torch.tensor([3., 1.]).max(0)[1]', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('len(torch.tensor([3., 1.]).max(0))', '->', repr(len(torch.tensor([3., 1.]).max(0))).replace('\\n', ' '))\nexcept Exception as ex:\n    print('len(torch.tensor([3., 1.]).max(0))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('s[0]', '->', repr(s[0]).replace('\\n', ' '))\nexcept Exception as ex:\n    print('s[0]', '!!', type(ex).__name__ + ': ' + str(ex))"),
    ("ag-requires-grad-changes", "import torch\nw = torch.tensor([1.0, -1.0], requires_grad=True)\nx = torch.tensor([[1.0, 2.0], [3.0, 4.0]]); y = torch.tensor([1.0, 2.0])\nfor i in range(3):\n    loss = ((x @ w - y) ** 2).mean()\n    loss.backward()\n    with torch.no_grad():\n        w = w - 0.1 * w.grad\n    w.requires_grad_()\n    print(i, loss, w)\nfc = torch.nn.Linear(2, 1)\nout = fc(torch.ones(1, 2)).sum()\nout.backward()\nfc.weight.grad = None\nprint(fc.weight.grad, fc.bias.grad)\nemb = torch.nn.Embedding(3, 2)\nemb.weight.requires_grad = False\nfor p in fc.parameters():\n    p.requires_grad = False\nprint(fc(torch.ones(1, 2)).requires_grad, emb(torch.tensor([1])).requires_grad, emb.weight.requires_grad)\nfc.weight.requires_grad_(True)\nr = fc(torch.ones(1, 2)).sum()\nr.backward()\nprint(fc.weight.grad, fc.bias.grad)\ntry:\n    w.grad = torch.zeros(3)\nexcept RuntimeError as e:\n    print(e)\ntry:\n    w.grad = 3\nexcept TypeError as e:\n    print(e)"),
    ("ag-adamw-masks-like", "import torch\nw2 = torch.tensor([0.3, -1.7, 2.2], requires_grad=True)\na = torch.optim.Adam([w2], lr=0.1, weight_decay=0.5, decoupled_weight_decay=True)\nfor i in range(3):\n    a.zero_grad(); (w2 * w2).sum().backward(); a.step()\nprint(w2)\nx = torch.tensor([[-1., 2., -3.], [0.5, -0.5, 1.]], requires_grad=True)\n(-x.relu()).sum().backward()\nprint(x.grad)\nx.grad = None\n(-torch.maximum(x, torch.zeros(2, 3))).sum().backward()\nprint(x.grad)\nprint(torch.zeros_like(torch.tensor([1, 2])), torch.ones_like(x, requires_grad=True).requires_grad)"),
    ("dtype-errors-and-padding", "import torch\ntry:\n    print('torch.nn.RNN(4, 3)(torch.zeros(1,1,1,4, dtype=torch.long))', '->', repr(torch.nn.RNN(4, 3)(torch.zeros(1,1,1,4, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(4, 3)(torch.zeros(1,1,1,4, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,5, dtype=torch.long))', '->', repr(torch.nn.RNN(4, 3)(torch.zeros(2,5, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,5, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,4, dtype=torch.bool))', '->', repr(torch.nn.RNN(4, 3)(torch.zeros(2,4, dtype=torch.bool))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,4, dtype=torch.bool))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNNCell(4, 3)(torch.zeros(2,5, dtype=torch.long))', '->', repr(torch.nn.RNNCell(4, 3)(torch.zeros(2,5, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNNCell(4, 3)(torch.zeros(2,5, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNNCell(4, 3)(torch.zeros(1,1,4, dtype=torch.long))', '->', repr(torch.nn.RNNCell(4, 3)(torch.zeros(1,1,4, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNNCell(4, 3)(torch.zeros(1,1,4, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Linear(4, 3)(torch.zeros(2,5, dtype=torch.long))', '->', repr(torch.nn.Linear(4, 3)(torch.zeros(2,5, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Linear(4, 3)(torch.zeros(2,5, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.LSTMCell(4, 3)(torch.zeros(4, dtype=torch.long))', '->', repr(torch.nn.LSTMCell(4, 3)(torch.zeros(4, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.LSTMCell(4, 3)(torch.zeros(4, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.GRUCell(4, 3)(torch.zeros(2, 4, dtype=torch.bool))', '->', repr(torch.nn.GRUCell(4, 3)(torch.zeros(2, 4, dtype=torch.bool))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.GRUCell(4, 3)(torch.zeros(2, 4, dtype=torch.bool))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,4), torch.zeros(1, 3, dtype=torch.long))', '->', repr(torch.nn.RNN(4, 3)(torch.zeros(2,4), torch.zeros(1, 3, dtype=torch.long))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(4, 3)(torch.zeros(2,4), torch.zeros(1, 3, dtype=torch.long))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNN(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '->', repr(torch.nn.RNN(4, 3)(torch.tensor([[1, 2, 3, 4]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.LSTM(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '->', repr(torch.nn.LSTM(4, 3)(torch.tensor([[1, 2, 3, 4]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.LSTM(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.GRU(4, 3, batch_first=True)(torch.tensor([[[1, 2, 3, 4]]]))', '->', repr(torch.nn.GRU(4, 3, batch_first=True)(torch.tensor([[[1, 2, 3, 4]]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.GRU(4, 3, batch_first=True)(torch.tensor([[[1, 2, 3, 4]]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNNCell(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '->', repr(torch.nn.RNNCell(4, 3)(torch.tensor([[1, 2, 3, 4]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNNCell(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Linear(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '->', repr(torch.nn.Linear(4, 3)(torch.tensor([[1, 2, 3, 4]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Linear(4, 3)(torch.tensor([[1, 2, 3, 4]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.RNN(1, 3)(torch.tensor([[1], [2]]))', '->', repr(torch.nn.RNN(1, 3)(torch.tensor([[1], [2]]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.RNN(1, 3)(torch.tensor([[1], [2]]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([[1, 2]]) @ torch.zeros(2, 2)', '->', repr(torch.tensor([[1, 2]]) @ torch.zeros(2, 2)).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.tensor([[1, 2]]) @ torch.zeros(2, 2)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.softmax(torch.tensor([1, 2]), 0)', '->', repr(torch.softmax(torch.tensor([1, 2]), 0)).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.softmax(torch.tensor([1, 2]), 0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) + torch.tensor([True])', '->', repr(torch.tensor([True]) + torch.tensor([True])).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.tensor([True]) + torch.tensor([True])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([1, 2]) ** -1', '->', repr(torch.tensor([1, 2]) ** -1).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.tensor([1, 2]) ** -1', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('-torch.tensor([True])', '->', repr(-torch.tensor([True])).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('-torch.tensor([True])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Embedding(4, 2, padding_idx=0)', '->', repr(torch.nn.Embedding(4, 2, padding_idx=0)).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Embedding(4, 2, padding_idx=0)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Embedding(4, 2, padding_idx=0).weight[0]', '->', repr(torch.nn.Embedding(4, 2, padding_idx=0).weight[0]).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Embedding(4, 2, padding_idx=0).weight[0]', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Embedding(4, 2, padding_idx=-1).padding_idx', '->', repr(torch.nn.Embedding(4, 2, padding_idx=-1).padding_idx).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Embedding(4, 2, padding_idx=-1).padding_idx', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.nn.Embedding(4, 2, padding_idx=4)', '->', repr(torch.nn.Embedding(4, 2, padding_idx=4)).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.nn.Embedding(4, 2, padding_idx=4)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tanh(torch.tensor([1, 2]))', '->', repr(torch.tanh(torch.tensor([1, 2]))).replace('\\n', ' ')[:80])\nexcept Exception as ex:\n    print('torch.tanh(torch.tensor([1, 2]))', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) - 1', '->', repr(torch.tensor([True]) - 1))\nexcept Exception as ex:\n    print('torch.tensor([True]) - 1', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) - torch.tensor([True])', '->', repr(torch.tensor([True]) - torch.tensor([True])))\nexcept Exception as ex:\n    print('torch.tensor([True]) - torch.tensor([True])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('1 - torch.tensor([True])', '->', repr(1 - torch.tensor([True])))\nexcept Exception as ex:\n    print('1 - torch.tensor([True])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) * torch.tensor([False])', '->', repr(torch.tensor([True]) * torch.tensor([False])))\nexcept Exception as ex:\n    print('torch.tensor([True]) * torch.tensor([False])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) + 1', '->', repr(torch.tensor([True]) + 1))\nexcept Exception as ex:\n    print('torch.tensor([True]) + 1', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([True]) * 2.5', '->', repr(torch.tensor([True]) * 2.5))\nexcept Exception as ex:\n    print('torch.tensor([True]) * 2.5', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([1,2]) ** torch.tensor([-1, 1])', '->', repr(torch.tensor([1,2]) ** torch.tensor([-1, 1])))\nexcept Exception as ex:\n    print('torch.tensor([1,2]) ** torch.tensor([-1, 1])', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.tensor([1,2]) @ torch.zeros(2)', '->', repr(torch.tensor([1,2]) @ torch.zeros(2)))\nexcept Exception as ex:\n    print('torch.tensor([1,2]) @ torch.zeros(2)', '!!', type(ex).__name__ + ': ' + str(ex))\ntry:\n    print('torch.softmax(torch.tensor([[1, 2]]), 0)', '->', repr(torch.softmax(torch.tensor([[1, 2]]), 0)))\nexcept Exception as ex:\n    print('torch.softmax(torch.tensor([[1, 2]]), 0)', '!!', type(ex).__name__ + ': ' + str(ex))\nemb = torch.nn.Embedding(4, 2, padding_idx=0)\nemb.load_state_dict({'weight': torch.tensor([[0., 0.], [1., 2.], [3., 4.], [5., 6.]])})\nprint(emb, emb.padding_idx)\n(emb(torch.tensor([[0, 1], [0, 2]])) * torch.tensor([1.0, 2.0])).sum().backward()\nprint(emb.weight.grad)"),
    ("ag-no-grad-nonleaf-inputs-duplicates", "import torch\nx = torch.tensor([1.0, 2.0], requires_grad=True)\ny = x * 2\nwith torch.no_grad():\n    y += 1\n    y[0] = 5.0\nprint(y); y.sum().backward(); print(x.grad)\na = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., 4.], requires_grad=True)\n(a * b).sum().backward(inputs=[a])\nprint(a.grad, b.grad)\nw = torch.tensor([1., 2.], requires_grad=True)\nopt = torch.optim.SGD([w, w], lr=0.1, momentum=0.9)\nfor i in range(2):\n    opt.zero_grad(); w.sum().backward(); opt.step()\nprint(w)\nlin = torch.nn.Linear(0, 3)\nlin.load_state_dict({\"weight\": torch.zeros(3, 0), \"bias\": torch.tensor([1., 2., 3.])})\nout = lin(torch.zeros(2, 0))\nout.sum().backward()\nprint(out, lin.bias.grad)"),
    ("state-dict-ordered", "import torch\nl = torch.nn.Linear(1, 1)\nl.load_state_dict({'weight': torch.tensor([[0.5]]), 'bias': torch.tensor([0.25])})\nsd = l.state_dict()\nprint(sd)\nprint(type(sd).__name__, list(sd.keys()), len(sd))"),
    # --- autograd, losses, optimizers (fixed values; module weights loaded with load_state_dict)
    ("ag-basic", "import torch\nx = torch.tensor([1., 2., 3.], requires_grad=True)\ny = (x * x).sum()\nprint(y)\ny.backward()\nprint(x.grad, x.is_leaf, y.is_leaf, y.requires_grad)"),
    ("ag-broadcast", "import torch\na = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\nb = torch.tensor([0.5, -1.], requires_grad=True)\ny = ((a * b + 1) / (a ** 2) - b).mean() + (1 - a).sum() + (2 ** b).sum() + (a ** a).sum() - (-a).mean()\ny.backward()\nprint(round(y.item(), 4))\nprint(a.grad)\nprint(b.grad)"),
    ("ag-matmul", "import torch\nw = torch.tensor([[0.5, -0.25, 1.0], [0.1, 0.2, -0.3]], requires_grad=True)\nv = torch.tensor([1., 2., 3.], requires_grad=True)\nm = torch.tensor([[1., 0.], [2., 1.], [0., -1.]], requires_grad=True)\ny = (w @ v).sum() + (v @ v) + (w @ m).sum() + (v @ m).sum() + (torch.ones(2, 2, 2) @ w).sum()\ny.backward()\nprint(y)\nprint(w.grad)\nprint(v.grad)\nprint(m.grad)"),
    ("ag-activations", "import torch\nx = torch.tensor([[-1., 0.5], [2., -0.25]], requires_grad=True)\ny = torch.tanh(x).sum() + torch.sigmoid(x).sum() + torch.relu(x).sum() + torch.exp(x).sum() + (torch.softmax(x, 1) * torch.tensor([1., 3.])).sum() + x.tanh().mean()\ny.backward()\nprint(round(y.item(), 4))\nprint(x.grad)"),
    ("ag-shapes", "import torch\nx = torch.arange(6.).view(2, 3).clone().requires_grad_()\nparts = [x[0], x[:, 1:], x.view(3, 2), x.unsqueeze(0), x.T, x.t(), x.transpose(0, 1), x.permute(1, 0), x.flatten(), x[None], x[:, -1], x.reshape(6), x.sum(0), x.mean(1), x.sum(1, keepdim=True), torch.cat([x, x]), torch.stack([x, x], 1), x.squeeze(), x.unsqueeze(1).squeeze(1)]\ntotal = 0\nfor k, p in enumerate(parts):\n    total = total + (p * (k + 1)).sum()\n    print(p.grad_fn.name())\ntotal.backward()\nprint(x.grad)"),
    ("ag-print", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\nprint(x)\nprint(x * 2)\nprint((x * 2).sum())\nprint(x.detach(), x.detach().requires_grad, x.grad, (x * 2).grad_fn is None, x.grad_fn)"),
    ("ag-accumulate", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\ny.backward(retain_graph=True)\ny.backward()\nprint(x.grad)\nz = (x + 1).sum()\nz.backward()\nz.backward()\nprint(x.grad)\n(x * 3).backward(torch.tensor([1., -1.]))\nprint(x.grad)"),
    ("ag-err-nonscalar", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\n(x * 2).backward()"),
    ("ag-err-nograd", "import torch\nx = torch.tensor([1., 2.])\nx.sum().backward()"),
    ("ag-err-twice", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\ny = (x * x).sum()\ny.backward()\ny.backward()"),
    ("ag-err-int", "import torch\nx = torch.tensor([1, 2], requires_grad=True)"),
    ("ag-err-inplace-leaf", "import torch\nw = torch.tensor([1., 2.], requires_grad=True)\nw.sum().backward()\nw -= 0.1 * w.grad"),
    ("ag-err-requires-grad-nonleaf", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\ny = (x * 2).requires_grad_(False)"),
    ("ag-err-gradient-shape", "import torch\nx = torch.tensor([1., 2.], requires_grad=True)\n(x * 2).backward(torch.ones(3))"),
    ("cmp-elementwise", "import torch\nx = torch.tensor([[-1., 0.5], [2., 0.]])\nprint(x >= 0, x != 0, x == 0.5, x < 1, 0 < x)\nprint((x > -2).all(), (x > 1).any(), (x >= 0).all(dim=1), bool((x > -5).all()), x.all())\nprint(torch.tensor([1.]) > 0, max(torch.tensor(2.), torch.tensor(3.)))"),
    ("cmp-err-str", "import torch\nprint(torch.zeros(2) < 'a')"),
    ("cmp-err-shape", "import torch\nprint(torch.zeros(2) < torch.zeros(3))"),
    ("cmp-err-ambiguous", "import torch\nif torch.zeros(2) < 1:\n    print('yes')"),
    ("sd-load", "import torch\nlin = torch.nn.Linear(2, 1)\nprint(lin.load_state_dict({'weight': torch.tensor([[0.5, -1.]]), 'bias': torch.tensor([0.25])}))\nprint(lin(torch.tensor([[2., 1.]])))\nprint(lin.weight)\nr = lin.load_state_dict({'weight': torch.tensor([[1., 1.]]), 'extra': torch.zeros(1)}, strict=False)\nprint(r)\nprint(r.missing_keys, r.unexpected_keys)"),
    ("sd-err-size", "import torch\nrnn = torch.nn.RNN(2, 3)\nsd = {'weight_ih_l0': torch.zeros(2, 3), 'weight_hh_l0': torch.zeros(3, 3), 'bias_ih_l0': torch.zeros(3), 'bias_hh_l0': torch.zeros(3)}\nrnn.load_state_dict(sd)"),
    ("sd-err-keys", "import torch\nrnn = torch.nn.RNN(2, 3)\nsd = {'weight_ih_l0': torch.zeros(2, 3), 'weight_hh_l0': torch.zeros(3, 3), 'bias_ih_l0': torch.zeros(3), 'foo': torch.zeros(3), 'bar': torch.zeros(1)}\nrnn.load_state_dict(sd)"),
    ("sd-err-notdict", "import torch\nrnn = torch.nn.RNN(2, 3)\nrnn.load_state_dict([1, 2])"),
    ("sd-err-value", "import torch\nlin = torch.nn.Linear(1, 1)\nlin.load_state_dict({'weight': [[1.0]], 'bias': torch.zeros(1)})"),
    ("loss-ce", "import torch\nlogits = torch.tensor([[2., 1., 0.1], [0.5, 2.5, 0.3]], requires_grad=True)\ntargets = torch.tensor([0, 2])\nloss = torch.nn.CrossEntropyLoss()(logits, targets)\nprint(loss)\nloss.backward()\nprint(logits.grad)\nprint(torch.nn.CrossEntropyLoss(reduction='sum')(logits, targets), torch.nn.CrossEntropyLoss(reduction='none')(logits, targets))\nprint(torch.nn.CrossEntropyLoss(ignore_index=2)(logits, targets), torch.nn.CrossEntropyLoss()(logits[0], torch.tensor(1)))\nprint(torch.nn.CrossEntropyLoss(), torch.nn.MSELoss())"),
    ("loss-ce-3d", "import torch\nlogits = torch.tensor([[[1., 2., 3., 0.], [0., 1., 0., 2.], [3., 0., 1., 1.]]], requires_grad=True)\ntargets = torch.tensor([[2, 0, 1, 1]])\nloss = torch.nn.CrossEntropyLoss()(logits, targets)\nloss.backward()\nprint(loss)\nprint(logits.grad)\nflat = torch.nn.CrossEntropyLoss()(logits.permute(0, 2, 1).reshape(-1, 3), targets.reshape(-1))\nprint(flat)"),
    ("loss-ce-probs", "import torch\nx = torch.tensor([[1., 2., 0.], [0., 0., 1.]], requires_grad=True)\np = torch.tensor([[0.25, 0.75, 0.], [1., 0., 0.]])\nloss = torch.nn.CrossEntropyLoss()(x, p)\nloss.backward()\nprint(loss)\nprint(x.grad)\nprint(torch.nn.CrossEntropyLoss(reduction='none')(x, p))"),
    ("loss-ce-err-target-size", "import torch\nlogits = torch.zeros(1, 4, 10)\ntargets = torch.tensor([[4, 2, 7, 3]])\nloss_fn = torch.nn.CrossEntropyLoss()\nloss = loss_fn(logits, targets)"),
    ("loss-ce-err-batch", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.zeros(4, 10), torch.tensor([1]))"),
    ("loss-ce-err-float-target", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.zeros(4, 10), torch.tensor([1., 2., 3., 4.]))"),
    ("loss-ce-err-bounds", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.zeros(4, 10), torch.tensor([1, 2, 3, 10]))"),
    ("loss-ce-err-int-input", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.tensor([[1, 2]]), torch.tensor([0]))"),
    ("loss-ce-err-reduction", "import torch\nloss = torch.nn.CrossEntropyLoss(reduction='avg')(torch.zeros(2, 3), torch.tensor([0, 1]))"),
    ("loss-ce-err-multi", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.zeros(2, 3), torch.tensor([[0], [1]]))"),
    ("loss-ce-err-missing", "import torch\nloss = torch.nn.CrossEntropyLoss()(torch.zeros(2, 3))"),
    ("loss-mse", "import torch\nx = torch.tensor([[1., 2.], [3., 5.]], requires_grad=True)\ny = torch.tensor([[1.5, 2.], [2., 4.]])\nloss = torch.nn.MSELoss()(x, y)\nloss.backward()\nprint(loss, x.grad)\nprint(torch.nn.MSELoss(reduction='sum')(x, y), torch.nn.MSELoss(reduction='none')(x, y))"),
    ("optim-sgd", "import torch\nlin = torch.nn.Linear(2, 1)\nlin.load_state_dict({'weight': torch.tensor([[0.5, -1.]]), 'bias': torch.tensor([0.25])})\nopt = torch.optim.SGD(lin.parameters(), lr=0.1)\nx = torch.tensor([[1., 2.], [3., -1.], [0., 1.]])\ny = torch.tensor([[1.], [2.], [0.]])\nloss_fn = torch.nn.MSELoss()\nfor step in range(3):\n    opt.zero_grad()\n    loss = loss_fn(lin(x), y)\n    loss.backward()\n    opt.step()\n    print(step, round(loss.item(), 4))\nprint(lin.weight, lin.bias)\nprint(opt)"),
    ("optim-sgd-momentum", "import torch\nw = torch.tensor([1., -2.], requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)\nfor step in range(3):\n    opt.zero_grad()\n    loss = (w * w * torch.tensor([1., 3.])).sum()\n    loss.backward()\n    opt.step()\nprint(w)\nopt.param_groups[0]['lr'] = 0.5\nprint(opt.param_groups[0]['lr'])"),
    ("optim-adam", "import torch\nw = torch.tensor([1., -2., 0.5], requires_grad=True)\nopt = torch.optim.Adam([w], lr=0.1)\nfor step in range(4):\n    opt.zero_grad()\n    loss = ((w - torch.tensor([0., 1., 2.])) ** 2).sum()\n    loss.backward()\n    opt.step()\n    print(round(loss.item(), 4))\nprint(w)\nprint(opt)\nw2 = torch.tensor([1., 2.], requires_grad=True)\nopt2 = torch.optim.Adam([w2], lr=0.01, amsgrad=True, weight_decay=0.1)\nfor step in range(3):\n    opt2.zero_grad()\n    (w2 ** 3).sum().backward()\n    opt2.step()\nprint(w2)"),
    ("optim-step-before-backward", "import torch\nlin = torch.nn.Linear(2, 1)\nlin.load_state_dict({'weight': torch.tensor([[0.5, -1.]]), 'bias': torch.tensor([0.25])})\nopt = torch.optim.SGD(lin.parameters(), lr=0.1)\nloss = lin(torch.tensor([[1., 2.]])).sum()\nopt.step()\nloss.backward()\nprint(lin.weight, lin.weight.grad)\nopt.zero_grad()\nprint(lin.weight.grad)"),
    ("optim-err-empty", "import torch\nopt = torch.optim.SGD([], lr=0.1)"),
    ("optim-err-lr", "import torch\nlin = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(lin.parameters(), lr=-1)"),
    ("optim-err-tensor", "import torch\nw = torch.zeros(2, requires_grad=True)\nopt = torch.optim.SGD(w, lr=0.1)"),
    ("optim-err-nonleaf", "import torch\nw = torch.zeros(2, requires_grad=True)\nopt = torch.optim.SGD([w * 2], lr=0.1)"),
    ("optim-err-nesterov", "import torch\nw = torch.zeros(2, requires_grad=True)\nopt = torch.optim.SGD([w], lr=0.1, nesterov=True)"),
    ("optim-err-beta", "import torch\nw = torch.zeros(2, requires_grad=True)\nopt = torch.optim.Adam([w], betas=(1.0, 0.9))"),
    ("optim-err-clip", "import torch\nlin = torch.nn.Linear(2, 1)\nopt = torch.optim.SGD(lin.parameters(), lr=0.1)\nopt.clip(1.0)"),
    ("clip-norm", "import torch\nw = torch.tensor([[0.5, -0.25, 1.0], [0.1, 0.2, -0.3]], requires_grad=True)\n((torch.tensor([[1., 2., 3.]]) @ w.T).sum() * 3).backward()\nprint(w.grad)\nn = torch.nn.utils.clip_grad_norm_([w], max_norm=1.0)\nprint(n)\nprint(w.grad)\nprint(torch.nn.utils.clip_grad_norm_(w, 100.0))\ntorch.nn.utils.clip_grad_value_([w], clip_value=0.2)\nprint(w.grad)\nlin = torch.nn.Linear(2, 2)\nprint(torch.nn.utils.clip_grad_norm_(lin.parameters(), 1.0))"),
    ("clip-err-none", "import torch\nlin = torch.nn.Linear(2, 2)\ntorch.nn.utils.clip_grad_value_(lin.parameters(), 1.0)"),
    ("clip-err-torch-attr", "import torch\nlin = torch.nn.Linear(2, 2)\ntorch.clip_gradients(lin, 1.0)"),
    ("rnn-backward", "import torch\nrnn = torch.nn.RNN(2, 3)\nrnn.load_state_dict({'weight_ih_l0': torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]), 'weight_hh_l0': torch.tensor([[0.1, 0.2, 0.3], [-0.1, 0.0, 0.2], [0.3, -0.2, 0.1]]), 'bias_ih_l0': torch.tensor([0.1, 0.0, -0.1]), 'bias_hh_l0': torch.tensor([0.0, 0.2, 0.1])})\nx = torch.tensor([[1., 0.5], [-1., 2.], [0.5, 0.5], [0., -1.]], requires_grad=True)\noutput, h_n = rnn(x)\nprint(output.grad_fn.name(), h_n.grad_fn.name())\n(output.sum() + 2 * h_n.sum()).backward()\nprint(x.grad)\nprint(rnn.weight_hh_l0.grad)\nprint(rnn.bias_ih_l0.grad)"),
    ("lstm-gru-backward-names", "import torch\nfor m in [torch.nn.LSTM(2, 3), torch.nn.GRU(2, 3), torch.nn.RNN(2, 3, batch_first=True), torch.nn.LSTM(2, 3, batch_first=True), torch.nn.GRU(2, 3, bidirectional=True), torch.nn.LSTM(2, 3, proj_size=2)]:\n    out = m(torch.zeros(4, 1, 2))\n    h = out[1][0] if isinstance(out[1], tuple) else out[1]\n    print(out[0].grad_fn.name(), h.grad_fn.name())\ncell = torch.nn.LSTMCell(2, 3)\nh, c = cell(torch.zeros(1, 2))\nprint(h.grad_fn.name(), c.grad_fn.name(), torch.nn.GRUCell(2, 3)(torch.zeros(2)).grad_fn.name(), torch.nn.RNNCell(2, 3)(torch.zeros(1, 2)).grad_fn.name())\nlin = torch.nn.Linear(2, 3)\nprint(lin(torch.zeros(2)).grad_fn.name(), lin(torch.zeros(1, 2)).grad_fn.name(), lin(torch.zeros(1, 1, 2)).grad_fn.name(), torch.nn.Embedding(3, 2)(torch.tensor([1])).grad_fn.name())"),
    ("train-next-word", "import torch\nemb = torch.nn.Embedding(5, 2)\nemb.load_state_dict({'weight': torch.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6], [0.7, 0.8], [-0.9, 1.0]])})\nrnn = torch.nn.RNN(2, 3, batch_first=True)\nrnn.load_state_dict({'weight_ih_l0': torch.tensor([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]), 'weight_hh_l0': torch.tensor([[0.1, 0.2, 0.3], [-0.1, 0.0, 0.2], [0.3, -0.2, 0.1]]), 'bias_ih_l0': torch.tensor([0.1, 0.0, -0.1]), 'bias_hh_l0': torch.tensor([0.0, 0.2, 0.1])})\nhead = torch.nn.Linear(3, 5)\nhead.load_state_dict({'weight': torch.tensor([[0.2, -0.1, 0.0], [0.1, 0.3, -0.2], [-0.3, 0.2, 0.1], [0.0, -0.1, 0.4], [0.2, 0.2, 0.2]]), 'bias': torch.zeros(5)})\nparams = list(emb.parameters()) + list(rnn.parameters()) + list(head.parameters())\nopt = torch.optim.SGD(params, lr=0.5)\nloss_fn = torch.nn.CrossEntropyLoss()\nx = torch.tensor([[0, 1, 2, 3]])\ny = torch.tensor([[1, 2, 3, 4]])\nfor step in range(3):\n    opt.zero_grad()\n    out, h_n = rnn(emb(x))\n    logits = head(out)\n    loss = loss_fn(logits.reshape(-1, 5), y.reshape(-1))\n    loss.backward()\n    total = torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)\n    opt.step()\n    print(step, round(loss.item(), 4), round(total.item(), 4))"),
    # --- try/except, with, *args/**kwargs, item assignment
    ("try-except-as", "try:\n    xs = [1, 2]\n    print(xs[5])\nexcept IndexError as e:\n    print('caught:', e, repr(e), type(e).__name__, e.args)\nelse:\n    print('no error')\nfinally:\n    print('finally')\ntry:\n    d = {'a': 1}\n    d[(1, 'b')]\nexcept LookupError as e:\n    print(repr(e), e, e.args, isinstance(e, KeyError), isinstance(e, IndexError), type(e))"),
    ("try-except-tuple-hierarchy", "for x in [2, 0, 'a', None]:\n    try:\n        y = 10 / x\n    except ArithmeticError as err:\n        print('arith', type(err).__name__, err)\n    except (TypeError, ValueError) as err:\n        print('type', err)\n    else:\n        print('ok', y)\ntry:\n    int('x')\nexcept:\n    print('bare except')\ntry:\n    import torch\n    torch.zeros(2, 3) @ torch.zeros(2, 3)\nexcept Exception as e:\n    print(type(e).__name__, '|', e)"),
    ("try-flow", "for i in range(4):\n    try:\n        if i == 1:\n            continue\n        if i == 3:\n            break\n        print('body', i)\n    except ValueError:\n        print('never')\n    else:\n        print('else', i)\n    finally:\n        print('finally', i)\ntry:\n    x = 1\nfinally:\n    print('x is', x)"),
    ("try-finally-propagates", "try:\n    print('start')\n    value = {'a': 1}['b']\nfinally:\n    print('cleanup')\nprint('not reached')"),
    ("try-uncaught-type", "try:\n    xs = []\n    xs.pop()\nexcept KeyError:\n    print('not this one')"),
    ("try-name-deleted", "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    msg = str(e)\nprint(msg)\nprint(e)"),
    ("raise-and-catch", "try:\n    raise ValueError('learning rate must be positive')\nexcept ValueError as e:\n    print('caught', e, e.args)\ntry:\n    raise KeyError\nexcept Exception as e:\n    print(repr(e), e.args, str(e) == '')\ntry:\n    raise RuntimeError('a', 2)\nexcept RuntimeError as e:\n    print(e, repr(e))\nprint(ValueError, repr(TypeError('t')), str(KeyError('k')), isinstance(IndexError('i'), LookupError))"),
    ("raise-uncaught", "lr = -1\nif lr < 0:\n    raise ValueError('lr must be positive, got ' + str(lr))"),
    ("raise-bare-reraise", "try:\n    x = [1][3]\nexcept IndexError:\n    print('logging, then re-raising')\n    raise"),
    ("raise-in-except-chains", "try:\n    x = [1][3]\nexcept IndexError as e:\n    raise ValueError('index problem: ' + str(e))"),
    ("raise-from", "try:\n    int('abc')\nexcept ValueError as e:\n    raise RuntimeError('could not parse') from e"),
    ("raise-from-none", "try:\n    int('abc')\nexcept ValueError:\n    raise KeyError('k') from None"),
    ("raise-err-not-exception", "raise 5"),
    ("raise-err-no-active", "print('a')\nraise"),
    ("except-err-not-class", "try:\n    [][0]\nexcept 5:\n    pass"),
    ("with-err-int", "with 5:\n    print('inside')"),
    ("with-err-list", "xs = [1]\nwith xs as x:\n    print(x)"),
    ("star-args-call", "import torch\nxs = [1, 2, 3]\nprint(*xs, sep=' < ')\nprint(*'ab', *range(2), 9)\nshape = (2, 3)\nprint(torch.zeros(*shape).shape, torch.arange(6).view(*shape).shape)\nkw = {'num_layers': 2, 'batch_first': True}\nrnn = torch.nn.RNN(10, 20, **kw)\nprint(rnn)\nopts = {'sep': '-', 'end': '!\\n'}\nprint(1, 2, **opts)\nprint(max(*[4, 9, 2]), dict(**{'a': 1}, b=2))"),
    ("star-err-iterable", "n = 5\nprint(*n)"),
    ("dstar-err-mapping", "import torch\nrnn = torch.nn.RNN(10, 20, **5)"),
    ("dstar-err-key", "opts = {1: 'x'}\nprint('a', **opts)"),
    ("dstar-err-duplicate", "opts = {'sep': '+'}\nprint('a', 'b', sep='-', **opts)"),
    ("list-dict-setitem", "xs = [0, 1, 2, 3, 4]\nxs[0] = 'a'\nxs[-1] = 'z'\nxs[1:3] = [7, 8, 9]\nprint(xs)\nxs[::2] = [0, 0, 0]\nxs[2:2] = ['ins']\nprint(xs)\nd = {}\nd['k'] = [1]\nd['k'][0] += 5\nd[(1, 2)] = 'pair'\nprint(d)\nm = [[0, 0], [0, 0]]\nm[1][0] = 3\nprint(m)"),
    ("list-setitem-errors", "xs = [1, 2, 3]\ntry:\n    xs[::2] = [5]\nexcept ValueError as e:\n    print(e)\ntry:\n    xs[1:2] = 5\nexcept TypeError as e:\n    print(e)\nxs[5] = 1"),
    ("tensor-setitem", "import torch\nx = torch.zeros(3, 4)\nx[0] = torch.tensor([1., 2., 3., 4.])\nx[:, 1] = 9.0\nx[1:3, 2:] = torch.tensor([[5., 6.], [7., 8.]])\nx[2, 0] = -1\nprint(x)\nx[1:3] = torch.ones(4)\nx[0, :2] = torch.tensor([[[4., 4.]]])\nprint(x)\ny = torch.tensor([1, 2, 3])\ny[0] = 2.7\ny[1:] += 10\nprint(y)\nz = torch.tensor([1., -2., 3., -4.])\nz[z < 0] = 0.0\nprint(z, z.requires_grad)\nts = [torch.zeros(2), torch.zeros(2)]\nts[1][0] = 5\nd = {'h': torch.zeros(2, 2)}\nd['h'][1] = torch.tensor([1., 2.])\nprint(ts, d)"),
    ("tensor-setitem-err-size", "import torch\nx = torch.zeros(4, 3)\nx[1:3] = torch.ones(3, 3)"),
    ("tensor-setitem-err-column", "import torch\nx = torch.zeros(2, 3)\nx[:, 1] = torch.ones(3)"),
    ("tensor-setitem-err-dims", "import torch\nx = torch.zeros(4, 3)\nx[1:3] = torch.ones(2, 1, 3)"),
    ("tensor-setitem-err-type", "import torch\nx = torch.zeros(4, 3)\nx[0] = [1, 2, 3]"),
    ("tensor-setitem-err-index", "import torch\nx = torch.zeros(4, 3)\nx[4] = 1.0"),
    ("tensor-setitem-err-leaf", "import torch\nw = torch.zeros(3, requires_grad=True)\nw[0] = 1.0"),
    ("tensor-setitem-err-mask-leaf", "import torch\nw = torch.tensor([1., -1.], requires_grad=True)\nw[w < 0] = 0.0"),
    ("tensor-setitem-grad", "import torch\nx = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)\ny = x * 2\ny[0] = 0.0\nprint(y)\nprint(y.requires_grad, y.is_leaf)\ny.sum().backward()\nprint(x.grad)\nw = torch.tensor([1., 2.], requires_grad=True)\nout = torch.zeros(2, 2)\nout[1] = w * 3\nprint(out)\n(out * out).sum().backward()\nprint(w.grad)"),
]


def frame(stderr):
    """The snippet line the traceback shows: (line number, the shown source line)."""
    lines = stderr.splitlines()
    for i, l in enumerate(lines):
        m = re.match(r'  File "(?:.*/)?snippet\.py", line (\d+)', l)
        if m:
            shown = lines[i + 1].strip() if i + 1 < len(lines) and lines[i + 1].startswith("    ") else None
            return int(m.group(1)), shown
    return None, None


def run(item):
    name, code = item
    python = sys.executable
    if True:
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "snippet.py"), "w") as f:
                f.write(code + "\n")
            p = subprocess.run([python, "snippet.py"], cwd=d, capture_output=True, text=True, timeout=120,
                               env={**os.environ, "PYTHONWARNINGS": "ignore"})
        entry = {"name": name, "code": code, "stdout": p.stdout, "error": None, "line": None, "shown": None}
        if p.returncode != 0:
            entry["error"] = p.stderr.rstrip("\n").splitlines()[-1]
            entry["line"], entry["shown"] = frame(p.stderr)
        return entry


def main():
    """With snippet names as arguments, reruns only those (and any not yet in the table); the rest keep
    their recorded results. A full run imports torch 200-odd times: minutes."""
    from concurrent.futures import ThreadPoolExecutor
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "Tests", "MiniPyTests", "Fixtures", "snippets.json")
    names = set(sys.argv[1:])
    old = {}
    if names and os.path.exists(target):
        old = {e["name"]: e for e in json.load(open(target))["snippets"]}
    todo = [item for item in SNIPPETS if not old or item[0] in names or item[0] not in old]
    with ThreadPoolExecutor(max_workers=2) as pool:
        fresh = dict(zip([item[0] for item in todo], pool.map(run, todo)))
    out = [fresh.get(name) or old[name] for name, _ in SNIPPETS]
    with open(target, "w") as f:
        json.dump({"python": sys.version.split()[0], "torch": __import__("torch").__version__, "snippets": out}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out)} snippets ({len(todo)} run) to {os.path.relpath(target)}")


if __name__ == "__main__":
    main()
