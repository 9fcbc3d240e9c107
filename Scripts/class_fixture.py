#!/usr/bin/env python3
"""A synthetic class for `unroll class`: N learners' progress files, and what they hold, counted here.

    python3 Scripts/class_fixture.py N FOLDER [--seed S]

Writes FOLDER/learners/*.json (format 2, a few format 1, a few damaged or foreign files) and
FOLDER/expected.json: totals counted from the records as they are generated, by this script alone
(Tests/e2e/test_class.sh compares them with `unroll class --json`; Scripts/bench_class.sh times it).
The course is 5 lessons of 5 fill tasks (2 blanks, options A-D) and 3 questions; nobody's record
names an item learner 0 does not answer, so the report's outline (without lesson files) is the course.
"""
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

NOW = datetime(2026, 12, 3, 9, 0, 0, tzinfo=timezone.utc)  # the test's UNROLL_NOW
STUCK_DAYS = 7
LESSONS = [f"lesson-{n}" for n in range(1, 6)]
FILLS = [f"t{n}" for n in range(1, 6)]
CHOICES = [f"q{n}" for n in range(1, 4)]
ANSWERS = {"t": ["A", "C"], "q": "B"}


def iso(d):
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def fill_showing(rng, p, at, mode="try"):
    """One showing of a 2-blank task, up to 3 attempts: (history entries, right first, solved)."""
    entries = []
    t = at
    for attempt in range(1, 4):
        t = t + timedelta(seconds=rng.randint(5, 60))
        right = rng.random() < p
        if right:
            chosen = list(ANSWERS["t"])
            wrong = []
        else:
            chosen = list(ANSWERS["t"])
            wrong = sorted(rng.sample([1, 2], rng.choice([1, 2])))
            for b in wrong:
                chosen[b - 1] = rng.choice([x for x in "ABCD" if x != ANSWERS["t"][b - 1]])
        final = right or attempt == 3
        grade = ("good" if attempt == 1 else "hard") if right else ("again" if final else None)
        e = {"at": iso(t), "mode": mode, "chosen": chosen, "correct": right, "attempt": attempt,
             "seconds": int((t - at).total_seconds())}
        if wrong:
            e["wrong_blanks"] = wrong
        if grade:
            e["grade"] = grade
        entries.append(e)
        if final:
            return entries, entries[0]["correct"], right
    raise AssertionError


def choice_showing(rng, p, at):
    t = at + timedelta(seconds=rng.randint(5, 40))
    right = rng.random() < p
    pick = ANSWERS["q"] if right else rng.choice(["A", "C", "D"])
    e = {"at": iso(t), "mode": "practice", "chosen": [pick], "correct": right, "attempt": 1,
         "seconds": int((t - at).total_seconds()), "grade": "good" if right else "again"}
    return [e], right, right


def main():
    n = int(sys.argv[1])
    folder = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    out = os.path.join(folder, "learners")
    os.makedirs(out, exist_ok=True)
    ease = {(l, i): rng.uniform(0.3, 0.95) for l in LESSONS for i in FILLS + CHOICES}

    totals = {"learners": 0, "answers": 0, "lessons_done": 0, "tried": 0, "right_first": 0, "missed": 0,
              "stuck": 0, "skipped": 0}
    items = {f"{l}/{i}": {"tried": 0, "right_first": 0, "missed": 0} for l in LESSONS for i in FILLS + CHOICES}
    wrong_learners = {}  # "lesson/item" -> {(blank, letter): learners}

    for k in range(n):
        name = f"learner-{k:04d}"
        last_active = None
        if k % 97 == 5:
            # A format-1 file: counters only; each answered item reads as one v1 history entry.
            lessons = {}
            for l in LESSONS:
                its = {}
                for i in FILLS:
                    if rng.random() < 0.5 or k == 0:
                        first = rng.random() < 0.6
                        solved = first or rng.random() < 0.5
                        at = NOW - timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 600))
                        its[i] = {"attempts_used": 1 if first else 3, "solved": solved, "missed": not solved,
                                  "right_at_first_try": first, "first_at": iso(at), "last_at": iso(at)}
                        items[f"{l}/{i}"]["tried"] += 1
                        items[f"{l}/{i}"]["right_first"] += first
                        items[f"{l}/{i}"]["missed"] += not solved
                        totals["answers"] += 1
                        last_active = max(last_active or at, at)
                if its:
                    lessons[l] = {"items": its}
            record = {"format_version": 1, "lessons": lessons}
            path = os.path.join(out, f"{name}.json")
        else:
            lessons = {}
            for l in LESSONS:
                its = {}
                done = True
                for i in FILLS + CHOICES:
                    if not (k == 0 or rng.random() < 0.75):
                        done = False
                        continue
                    at = NOW - timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 10))
                    if i.startswith("t"):
                        h, first, solved = fill_showing(rng, ease[(l, i)], at)
                    else:
                        h, first, solved = choice_showing(rng, ease[(l, i)], at)
                    # Now and then a review grade later on.
                    if rng.random() < 0.2:
                        rat = at + timedelta(days=rng.randint(1, 5))
                        if rat <= NOW:
                            h.append({"at": iso(rat), "mode": "review", "seconds": 7, "grade": rng.choice(["again", "good"])})
                    attempts = sum(1 for e in h if e["mode"] != "review")
                    its[i] = {"attempts_used": attempts, "solved": solved, "missed": not solved,
                              "right_at_first_try": first, "first_at": h[0]["at"], "last_at": h[-1]["at"], "history": h}
                    key = f"{l}/{i}"
                    items[key]["tried"] += 1
                    items[key]["right_first"] += first
                    items[key]["missed"] += not solved
                    totals["answers"] += len(h)
                    picked = set()
                    for e in h:
                        if e.get("correct") is False:
                            if i.startswith("q"):
                                picked.add((None, e["chosen"][0]))
                            else:
                                for b in e.get("wrong_blanks", []):
                                    picked.add((b, e["chosen"][b - 1]))
                    for p in picked:
                        wrong_learners.setdefault(key, {}).setdefault(p, 0)
                        wrong_learners[key][p] += 1
                    for e in h:
                        d = datetime.strptime(e["at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
                        last_active = max(last_active or d, d)
                if its:
                    lessons[l] = {"items": its}
                if done:
                    totals["lessons_done"] += 1
                if its and rng.random() < 0.3:
                    score = rng.randint(0, 10)
                    tat = NOW - timedelta(days=rng.randint(0, 20))
                    lessons[l]["tests"] = [{"score": score, "total": 10, "at": iso(tat)}]
                    last_active = max(last_active or tat, tat)
            record = {"format_version": 2, "lessons": lessons}
            if k % 2 == 0:
                record["learner"] = name
                path = os.path.join(out, f"file-{k:04d}.json")
            else:
                path = os.path.join(out, f"{name}.json")
        totals["learners"] += 1
        idle = (NOW.date() - last_active.date()).days if last_active else None
        if idle is None or idle >= STUCK_DAYS:
            totals["stuck"] += 1
        with open(path, "w") as f:
            json.dump(record, f, indent=1)

    # v1 files did not count toward lessons_done above; count them from their records.
    for fname in sorted(os.listdir(out)):
        rec = json.load(open(os.path.join(out, fname)))
        if rec["format_version"] != 1:
            continue
        for l in LESSONS:
            its = rec["lessons"].get(l, {}).get("items", {})
            if all(i in its and (its[i]["solved"] or its[i]["missed"]) for i in FILLS + CHOICES):
                totals["lessons_done"] += 1

    for name, text in [("broken.json", "{ not json"), ("foreign.json", '{"hello": 1}'),
                       ("newer.json", '{"format_version": 99, "lessons": {}}')]:
        with open(os.path.join(out, name), "w") as f:
            f.write(text)
        totals["skipped"] += 1
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("not a progress file: ignored (not *.json)\n")

    for key, it in items.items():
        totals["tried"] += it["tried"]
        totals["right_first"] += it["right_first"]
        totals["missed"] += it["missed"]
    top = {}
    for key, picks in wrong_learners.items():
        best = max(picks.values())
        top[key] = best
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump({"totals": totals, "items": items, "top_wrong_learners": top}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
