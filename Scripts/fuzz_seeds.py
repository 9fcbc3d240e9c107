#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into OUT/<target>/ (run by Scripts/fuzz.sh; nothing committed):
lesson from Lessons/ and the decoder's test fixtures, minipy and minipy-parse from the MiniPy fixture
programs (Tests/MiniPyTests/Fixtures/snippets.json), engine from the engine fixtures' cases
(Tests/RNNEngineTests/Fixtures/torch_reference.json), minipy-gen from a fixed-seed set of byte strings,
progress and snippet-answer from a few files written here in their formats (DECISIONS.md)."""
import base64, glob, hashlib, json, os, random, shutil, struct, sys

out = sys.argv[1] if len(sys.argv) > 1 else ".build-fuzz/seeds"

def write(target, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

TARGETS = ["lesson", "minipy", "minipy-parse", "minipy-gen", "engine", "progress", "snippet-answer"]
for target in TARGETS:
    shutil.rmtree(os.path.join(out, target), ignore_errors=True)

for path in sorted(glob.glob("Lessons/*.yaml") + glob.glob("Tests/TutorCoreTests/Fixtures/**/*.yaml", recursive=True)):
    with open(path, "rb") as f:
        write("lesson", f.read())

with open("Tests/MiniPyTests/Fixtures/snippets.json") as f:
    for snippet in json.load(f)["snippets"]:
        write("minipy", snippet["code"])
        write("minipy-parse", snippet["code"])

with open("Tests/RNNEngineTests/Fixtures/torch_reference.json") as f:
    reference = json.load(f)
for case in reference["modules"] + reference["forward_errors"]:
    write("engine", json.dumps({k: v for k, v in case.items() if k in ("module", "config", "state_dict", "seed", "input", "hx")}))

rng = random.Random(14)
for i in range(64):
    write("minipy-gen", bytes(rng.randrange(256) for _ in range(rng.choice([8, 32, 64, 128, 256, 512]))))

at = "2026-03-01T09:30:00Z"
history = [{"at": at, "mode": "try", "chosen": ["A", None], "wrong_blanks": [2], "correct": False, "attempt": 1,
            "seconds": 12, "grade": None, "timed_out": False},
           {"at": at, "mode": "review", "correct": True, "attempt": 1, "seconds": 4, "grade": "good"}]
item = {"attempts_used": 2, "solved": True, "missed": False, "hint_seen": True, "mistakes_seen": False,
        "solution_seen": False, "right_at_first_try": False, "first_at": at, "last_at": at, "history": history}
lesson = {"tests": [{"score": 3, "total": 5, "at": at}], "challenges": [{"score": 2, "total": 2, "at": at}],
          "items": {"t1": item, "card-1": {"history": [{"at": at, "mode": "review", "grade": "again"}]}}}
write("progress", json.dumps({"format_version": 2, "learner": "ada", "resume": {"lesson": "l1", "mode": "try", "task": "t1", "at": at},
                              "lessons": {"l1": lesson, "l2": {"items": {}}}}, indent=2))
write("progress", json.dumps({"format_version": 1, "lessons": {"l1": {"items": {"t1": {k: v for k, v in item.items() if k != "history"}}}}}))
write("progress", json.dumps({"format_version": 2}))

def tensor(shape, values):
    return {"shape": shape, "data": base64.b64encode(struct.pack("<%df" % len(values), *values)).decode()}
config = {"mode": "RNN_TANH", "inputSize": 2, "hiddenSize": 1, "numLayers": 1, "bias": True, "batchFirst": False,
          "dropout": 0, "bidirectional": False, "projSize": 0}
call = {"line": 3, "config": config, "input": tensor([2, 2], [0.5, -1, 2, 0]),
        "stateDict": {"weight_ih_l0": tensor([1, 2], [0.1, 0.2]), "weight_hh_l0": tensor([1, 1], [0.3]),
                      "bias_ih_l0": tensor([1], [0]), "bias_hh_l0": tensor([1], [float("nan")])}}
write("snippet-answer", json.dumps({"stdout": "torch.Size([2, 1])\n", "warnings": "", "errorInPrelude": False, "recurrentCalls": [call]}))
write("snippet-answer", json.dumps({"stdout": "", "warnings": "", "errorInPrelude": True, "recurrentCalls": [],
                                    "error": {"type": "NameError", "message": "name 'x' is not defined", "line": 2,
                                              "traceback": "Traceback (most recent call last):\nNameError: name 'x' is not defined\n"}}))

for target in TARGETS:
    print(f"{target}: {len(os.listdir(os.path.join(out, target)))} seeds", file=sys.stderr)
