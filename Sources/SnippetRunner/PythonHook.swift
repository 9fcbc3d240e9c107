/// The worker that runs playground snippets under a real Python with torch (`unroll --python PATH`):
/// a small Python program, embedded here and handed to the interpreter with `-c`, so nothing is
/// installed beside the binary and the hook always matches the wire format this build reads.
///
/// It speaks the snippet worker's protocol: one `SnippetRequest` per line on stdin, one answer per
/// line in the same JSON as `SnippetResult.wireJSON()` (stdout, warnings, error with its traceback,
/// and every RNN/LSTM/GRU call as config + state_dict + input, float32 bytes in base64), so the
/// tutor decodes it with `SnippetResult.fromWire` and Ctrl-V replays the call in the engine.
/// The calls are recorded from inside torch by a global module forward hook, with MiniPy's rule:
/// only a call with no initial state (or an all-zero one), the last call on each snippet line.
public enum PythonHook {
    /// The program `python -B -c` runs. `torch` is imported before the first request is read, so a
    /// worker started while the learner reads the last output (`SnippetSandbox.prepare`) answers the
    /// next run without the import's seconds.
    public static let source = #"""
import base64, io, json, linecache, os, struct, sys, traceback
# Answers go to a private copy of fd 1; fd 1 itself becomes stderr, so a stray write from C code
# (or os.write(1, ...)) cannot break a line of the protocol.
_answers = os.dup(1)
os.dup2(2, 1)
import torch

_RUNTIME = "python%d.%d + torch %s" % (sys.version_info[0], sys.version_info[1], torch.__version__.split("+")[0])
_LIMIT = 1 << 20  # characters kept of stdout and of stderr, as MiniPy keeps a bounded output


class _Capture(io.StringIO):
    def write(self, s):
        if self.tell() < _LIMIT:
            super().write(s[: _LIMIT - self.tell()])
        return len(s)


def _tensor(t):
    flat = t.detach().to("cpu", torch.float32).contiguous().reshape(-1).tolist()
    return {"shape": list(t.shape), "data": base64.b64encode(struct.pack("<%df" % len(flat), *flat)).decode("ascii")}


class _Recorder:
    def __init__(self, file, wanted):
        self.file, self.wanted, self.calls = file, wanted, []

    def line(self):
        f = sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename == self.file:
                return f.f_lineno
            f = f.f_back
        return 0

    def __call__(self, module, args, output):
        if not self.wanted or not isinstance(module, torch.nn.RNNBase) or not args:
            return None
        x = args[0]
        hx = args[1] if len(args) > 1 else None
        if not isinstance(x, torch.Tensor):
            return None  # a PackedSequence: the visualizer draws padded input only
        states = [hx] if isinstance(hx, torch.Tensor) else list(hx) if isinstance(hx, (tuple, list)) else []
        if any(bool((s != 0).any()) for s in states if isinstance(s, torch.Tensor)):
            return None
        call = {
            "line": self.line(),
            "config": {"mode": module.mode, "inputSize": module.input_size, "hiddenSize": module.hidden_size,
                       "numLayers": module.num_layers, "bias": bool(module.bias), "batchFirst": bool(module.batch_first),
                       "dropout": float(module.dropout), "bidirectional": bool(module.bidirectional),
                       "projSize": int(getattr(module, "proj_size", 0))},
            "stateDict": {k: _tensor(v) for k, v in module.state_dict().items()},
            "input": _tensor(x),
        }
        # One record per line, the last call's (a training loop calls the RNN on one line many times).
        self.calls = [c for c in self.calls if c["line"] != call["line"]] + [call]
        return None


def _error(e, file, source, compiled):
    if isinstance(e, SyntaxError) and not compiled:
        text = "".join(traceback.format_exception_only(type(e), e))
        return {"type": type(e).__name__, "message": e.msg or "", "line": e.lineno or 0,
                "column": e.offset, "text": (e.text or "").rstrip("\n") or None, "traceback": text}
    tb, line = e.__traceback__, 0
    while tb is not None and tb.tb_frame.f_code.co_filename != file:
        tb = tb.tb_next  # the hook's own frames are not the learner's
    t = tb
    while t is not None:
        if t.tb_frame.f_code.co_filename == file:
            line = t.tb_lineno
        t = t.tb_next
    text = "".join(traceback.format_exception(type(e), e, tb))
    return {"type": type(e).__name__, "message": str(e), "line": line, "column": None, "text": None, "traceback": text}


def _run(request):
    out, err = _Capture(), _Capture()
    recorder = _Recorder(request.get("file") or "snippet.py", request.get("recurrentCalls", True))
    handle = torch.nn.modules.module.register_module_forward_hook(recorder)
    scope = {"__name__": "__main__", "__builtins__": __builtins__}
    error, in_prelude = None, False
    parts = [(request.get("prelude"), "<prelude>"), (request["source"], recorder.file), (request.get("then"), "<then>")]
    sys.stdout, sys.stderr = out, err
    try:
        for source, file in parts:
            if source is None:
                continue
            linecache.cache[file] = (len(source), None, source.splitlines(True), file)
            compiled = False
            try:
                code = compile(source, file, "exec")
                compiled = True
                exec(code, scope)
            except SystemExit as e:
                if e.code not in (None, 0):
                    error = _error(e, file, source, True)
                break
            except BaseException as e:
                error, in_prelude = _error(e, file, source, compiled), file == "<prelude>"
                break
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        handle.remove()
    return {"stdout": out.getvalue(), "warnings": err.getvalue(), "error": error, "errorInPrelude": in_prelude,
            "recurrentCalls": recorder.calls, "runtime": _RUNTIME}


def _lines():
    buffer = b""
    while True:
        chunk = os.read(0, 65536)
        if not chunk:
            if buffer:
                yield buffer
            return
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            yield line


for _line in _lines():
    try:
        _answer = _run(json.loads(_line))
    except Exception as e:  # a request this hook cannot read
        _answer = {"stdout": "", "warnings": "", "errorInPrelude": False, "recurrentCalls": [], "runtime": _RUNTIME,
                   "error": {"type": "SystemError", "message": "the Python worker got a request it cannot read: %s" % e,
                             "line": 0, "traceback": "SystemError: the Python worker got a request it cannot read\n"}}
    data = (json.dumps(_answer, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8", "surrogatepass")
    while data:
        data = data[os.write(_answers, data):]
"""#
}
