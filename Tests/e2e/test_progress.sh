# Progress format 2 end to end: a scripted session on an injected clock (UNROLL_NOW), then what
# `unroll progress --json` and `unroll review` show on later days.

P2_LESSON=why-rnns-handle-sequences

# try-hidden-zeros (answer A): B then A. practice-output-shape (answer C): A.
p2_session() {  # p2_session FILE — session names from the file's name, so each caller has its own
  local file=$1 tag
  tag=$(basename "$file" .json)
  local s=${tag}try$$
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-03T09:00:00Z $E2E_BIN $P2_LESSON --mode try --task 2 --learner 'Ada L.' --progress $file"
  e2e_wait_for $s "Task 2/5" || return 1
  e2e_keys $s b Enter
  e2e_wait_for $s "Attempts: 2 left" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "Correct!" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
  s=${tag}prac$$
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-03T09:05:00Z $E2E_BIN $P2_LESSON --mode practice --task 3 --progress $file"
  e2e_wait_for $s "Question 3/5" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "✗" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}

test_progress_json_shows_the_chosen_option_of_every_answer() {
  local p=$E2E_TMP/p2.json
  p2_session "$p" || return 1
  UNROLL_NOW=2026-12-03T10:00:00Z "$E2E_BIN" progress --json --progress "$p" > "$E2E_TMP/p2.out" || return 1
  python3 - "$E2E_TMP/p2.out" <<'PY' || { cat "$E2E_TMP/p2.out"; return 1; }
import json, sys
r = json.load(open(sys.argv[1]))
assert r["learner"] == "Ada L.", r["learner"]
assert r["day"] == "2026-12-03" and r["streak_days"] == 1, (r["day"], r["streak_days"])
items = {i["id"]: i for l in r["lessons"] for i in l["items"]}
h = items["try-hidden-zeros"]["history"]
assert [(a["mode"], a["chosen"], a.get("grade"), a["attempt"]) for a in h] == [("try", ["B"], None, 1), ("try", ["A"], "hard", 2)], h
assert h[0]["wrong_blanks"] == [1] and h[0]["at"].startswith("2026-12-03T09:0"), h
assert items["try-hidden-zeros"]["due"] == "2026-12-04" and items["try-hidden-zeros"]["stability"] == 1.2931
q = items["practice-output-shape"]["history"]
assert [(a["mode"], a["chosen"], a["grade"], a["correct"]) for a in q] == [("practice", ["A"], "again", False)], q
assert items["practice-output-shape"]["due"] == "2026-12-04"
answered = [a for i in items.values() for a in i["history"]]
assert len(answered) == 3 and all(a["chosen"] for a in answered), answered
PY
}

test_review_lists_what_is_due_on_each_day() {
  local p=$E2E_TMP/p2r.json out
  p2_session "$p" || return 1
  # Day 0: only the lesson's new review cards.
  out=$(UNROLL_NOW=2026-12-03T18:00:00Z "$E2E_BIN" review --progress "$p") || return 1
  echo "$out" | grep -q "items to review on 2026-12-03" || { echo "$out"; return 1; }
  echo "$out" | grep -q "try-hidden-zeros" && { echo "$out"; return 1; }
  # Day 1: the task right after a retry (Hard) and the missed question (Again) are due.
  out=$(UNROLL_NOW=2026-12-04T09:00:00Z "$E2E_BIN" review --progress "$p") || return 1
  echo "$out" | grep -qE "try-hidden-zeros +fill +2026-12-04" || { echo "$out"; return 1; }
  echo "$out" | grep -qE "practice-output-shape +choice +2026-12-04" || { echo "$out"; return 1; }
  echo "$out" | head -1 | grep -q "^Ada L.: " || { echo "$out"; return 1; }
  # Day 10, as JSON: both overdue, due counts match.
  UNROLL_NOW=2026-12-13T09:00:00Z "$E2E_BIN" review --json --progress "$p" > "$E2E_TMP/p2r.out" || return 1
  python3 - "$E2E_TMP/p2r.out" <<'PY' || { cat "$E2E_TMP/p2r.out"; return 1; }
import json, sys
r = json.load(open(sys.argv[1]))
due = {i["item"]: i for i in r["items"]}
assert r["day"] == "2026-12-13" and r["due"] == len(r["items"]), r
assert due["try-hidden-zeros"]["due"] == "2026-12-04" and due["practice-output-shape"]["due"] == "2026-12-04", due
assert all(i["new"] for i in r["items"] if i["kind"] == "card"), r
PY
}

test_progress_text_from_the_file_is_escaped() {
  local p=$E2E_TMP/evil.json out
  printf '{"format_version": 2, "learner": "M\\u001b[31m", "lessons": {"x\\u001b]0;pwned\\u0007": {"items": {"q\\u202e": {"attempts_used": 1, "solved": true}}}}}' > "$p"
  out=$("$E2E_BIN" progress --progress "$p") || return 1
  printf '%s' "$out" | grep -q "$(printf '\033')" && { echo "raw escape printed"; return 1; }
  echo "$out" | grep -qF 'x\x1b]0;pwned\x07' || { echo "$out"; return 1; }
  echo "$out" | grep -qF 'Learner: M\x1b[31m' || { echo "$out"; return 1; }
}

test_a_format_1_file_is_migrated_and_kept() {
  local d=$E2E_TMP/v1 s=p2v1$$
  mkdir -p "$d"
  printf '{"format_version": 1, "lessons": {"%s": {"items": {"try-num-layers": {"attempts_used": 1, "solved": true, "right_at_first_try": true, "last_at": "2026-12-01T08:00:00Z"}}}}}\n' $P2_LESSON > "$d/progress.json"
  cp "$d/progress.json" "$E2E_TMP/v1-original.json"
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-03T09:00:00Z $E2E_BIN $P2_LESSON --mode try --task 2 --progress $d/progress.json"
  e2e_wait_for $s "Task 2/5" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "the old one is kept as" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
  cmp -s "$d/progress.json.v1" "$E2E_TMP/v1-original.json" || { echo "progress.json.v1 differs"; return 1; }
  grep -q '"format_version" : 2' "$d/progress.json" || { cat "$d/progress.json"; return 1; }
  grep -q '"mode" : "v1"' "$d/progress.json" || { cat "$d/progress.json"; return 1; }
}

test_bad_clock_and_learner_are_one_line_each() {
  local out status
  out=$(UNROLL_NOW=yesterday "$E2E_BIN" review --progress "$E2E_TMP/none.json" 2>&1); status=$?
  [ $status -eq 64 ] && [ "$(echo "$out" | wc -l)" -eq 1 ] && echo "$out" | grep -q "UNROLL_NOW 'yesterday' is not an ISO 8601 time" \
    || { echo "status $status: $out"; return 1; }
  out=$(UNROLL_LEARNER="$(printf 'a\033b')" "$E2E_BIN" review --progress "$E2E_TMP/none.json" 2>&1); status=$?
  [ $status -eq 64 ] && echo "$out" | grep -q "UNROLL_LEARNER must not contain control" || { echo "status $status: $out"; return 1; }
  out=$("$E2E_BIN" progress --learner "" --progress "$E2E_TMP/none.json" 2>&1); status=$?
  [ $status -eq 64 ] && echo "$out" | grep -q "learner must not be empty" || { echo "status $status: $out"; return 1; }
  [ ! -e "$E2E_TMP/none.json" ] || { echo "a progress file was created"; return 1; }
}
