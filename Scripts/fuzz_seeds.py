#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into OUT/<target>/ (run by Scripts/fuzz.sh; nothing committed):
lesson from Lessons/ and the decoder's test fixtures, minipy and minipy-parse from the MiniPy fixture
programs (Tests/MiniPyTests/Fixtures/snippets.json), engine from the engine fixtures' cases
(Tests/RNNEngineTests/Fixtures/torch_reference.json), minipy-gen from a fixed-seed set of byte strings."""
import glob, hashlib, json, os, random, shutil, sys

out = sys.argv[1] if len(sys.argv) > 1 else ".build-fuzz/seeds"

def write(target, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

for target in ["lesson", "minipy", "minipy-parse", "minipy-gen", "engine"]:
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

for target in ["lesson", "minipy", "minipy-parse", "minipy-gen", "engine"]:
    print(f"{target}: {len(os.listdir(os.path.join(out, target)))} seeds", file=sys.stderr)
