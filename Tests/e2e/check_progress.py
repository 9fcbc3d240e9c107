#!/usr/bin/env python3
"""After each e2e test: the progress each tutor session held in memory (dumped after its last update by
UNROLL_TEST_PROGRESS_DUMP) must equal what it saved: the file as it was when the session ended, or as it
is now for a session still running. A session that saves nothing (preview) must hold nothing.
Usage: check_progress.py DUMP_FOLDER; prints the differences, exit 1 on any; the dumps are removed once read."""
import json
import os
import sys

folder = sys.argv[1]
failed = False
for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
    if not name.endswith(".json"):
        continue
    path = os.path.join(folder, name)
    with open(path) as f:
        dump = json.load(f)
    os.remove(path)
    memory = dump["progress"]
    if dump["progress_file"] is None:
        saved = {"format_version": memory.get("format_version"), "lessons": {}}
        where = "nothing (a preview)"
    elif "saved" in dump:
        saved = dump["saved"] or {"format_version": memory.get("format_version"), "lessons": {}}
        where = dump["progress_file"] + " when the session ended"
    elif os.path.exists(dump["progress_file"]):
        with open(dump["progress_file"]) as f:
            saved = json.load(f)
        where = dump["progress_file"]
    else:
        saved = {"format_version": memory.get("format_version"), "lessons": {}}
        where = "no file"
    if memory != saved:
        failed = True
        print(f"    session {name[:-5]}: the progress in memory differs from what was saved ({where}):")
        print("      memory: " + json.dumps(memory, sort_keys=True))
        print("      saved:  " + json.dumps(saved, sort_keys=True))
sys.exit(1 if failed else 0)
