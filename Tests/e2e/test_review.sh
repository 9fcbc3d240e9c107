# Issue 17 end to end on an injected clock: answer on day 0, then the menu's due counts and the review
# session on day 1 and day 10 match what `unroll review --json` says at the same date; "Again" brings a
# card back within the session.

REVIEW_LESSON=why-rnns-handle-sequences

# review_json DATE FILE OUT — what `unroll review --json` says on DATE.
review_json() { UNROLL_NOW=$1 "$E2E_BIN" review --json --progress "$2" > "$3"; }

# review_field OUT EXPR — a Python expression over the report `r` (the JSON of review_json).
review_field() { python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# review_text ID — the first words of the prompt or question of lesson 1's item or card ID, as the screen
# starts it.
review_text() {
  python3 - "$1" <<'PY'
import re, sys
lines = open("Lessons/01-why-rnns-handle-sequences.yaml").read().split("\n")
start = next(i for i, l in enumerate(lines) if re.match(r"\s*- id: %s$" % re.escape(sys.argv[1]), l))
for l in lines[start + 1:]:
    m = re.match(r"\s*(prompt|question): \"?(.*)", l)
    if m:
        print(" ".join(m.group(2).split()[:5]))
        break
PY
}

test_review_due_counts_and_session_follow_the_schedule_on_day_1_and_day_10() {
  local p=$E2E_TMP/rev.json s=rev1$$ out=$E2E_TMP/rev.out due minutes first mine key i
  # Day 0 (2026-12-03): try-hidden-zeros right after a retry (Hard), practice-output-shape missed (Again).
  p2_session "$p" || return 1

  # Day 1: the menu's counts are the report's.
  review_json 2026-12-04T09:00:00Z "$p" "$out" || return 1
  due=$(review_field "$out" 'r["due"]'); minutes=$(review_field "$out" 'r["minutes"]')
  mine=$(review_field "$out" 'sum(1 for i in r["items"] if i["lesson"] == "'$REVIEW_LESSON'")')
  [ "$(review_field "$out" '[i["item"] for i in r["items"][:3]]')" = "['try-hidden-zeros', 'practice-output-shape', 'review-memory']" ] \
    || { cat "$out"; return 1; }
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-04T09:00:00Z $E2E_BIN --progress $p"
  e2e_wait_for $s "v  Review — $due due, ~$minutes min" || return 1
  e2e_wait_for $s "· $mine due" || return 1
  e2e_wait_for $s "Ada L. · streak 1 day · 1 learned" || return 1
  # The session, in the report's order: the task on its Try screen, graded from the answer.
  e2e_keys $s v
  e2e_wait_for $s "Review · 1 of $due" || return 1
  e2e_wait_for $s "$(review_text try-hidden-zeros)" || return 1
  e2e_keys $s a Enter
  e2e_wait_for $s "graded Good · n next" || return 1
  e2e_keys $s n
  e2e_wait_for $s "Review · 2 of $due" || return 1
  e2e_wait_for $s "$(review_text practice-output-shape)" || return 1
  e2e_keys $s c Enter
  e2e_wait_for $s "graded Good" || return 1
  e2e_keys $s n
  # The first new card: graded Again, it comes back after three others, within the session.
  e2e_wait_for $s "Review · 3 of $due · new card" || return 1
  e2e_wait_for $s "$(review_text review-memory)" || return 1
  e2e_keys $s Space
  e2e_wait_for $s "1 Again  2 Hard  3 Good  4 Easy" || return 1
  e2e_keys $s 1
  e2e_wait_for $s "Review · 4 of $((due + 1))" || return 1
  for i in 1 2 3; do
    e2e_wait_for $s "Space shows" || return 1
    e2e_keys $s Space
    e2e_wait_for $s "How well did you recall it?" || return 1
    e2e_keys $s 3
  done
  e2e_wait_for $s "Review · 7 of $((due + 1))" || return 1
  e2e_wait_for $s "$(review_text review-memory)" || return 1
  for i in $(seq 7 $((due + 1))); do
    e2e_wait_for $s "Review · $i of" || return 1
    e2e_keys $s Space
    e2e_wait_for $s "How well did you recall it?" || return 1
    e2e_keys $s 3
  done
  e2e_wait_for $s "Review · done" || return 1
  e2e_wait_for $s "Graded $((due + 1)): 1 Again · 0 Hard · $due Good · 0 Easy" || return 1
  # Back on the menu: nothing is due now, and the report agrees (the same day, a little later).
  e2e_keys $s q
  review_json 2026-12-04T09:10:00Z "$p" "$out" || return 1
  [ "$(review_field "$out" 'r["due"]')" = 0 ] || { cat "$out"; return 1; }
  e2e_wait_for $s "v  Review — nothing due today; next on $(review_field "$out" 'r["next_due"]')" || return 1
  e2e_wait_for $s "streak 2 days" || return 1
  e2e_keys $s q
  e2e_exit_line $s >/dev/null || return 1
  # Every grade is in the file: the card's Again, then its Good, in review mode.
  "$E2E_BIN" progress --json --progress "$p" | python3 -c '
import json, sys
r = json.load(sys.stdin)
items = {i["id"]: i for l in r["lessons"] for i in l["items"] + l["cards"]}
h = [(a["mode"], a["grade"]) for a in items["review-memory"]["history"]]
assert h == [("review", "again"), ("review", "good")], h
t = [(a["mode"], a.get("grade")) for a in items["try-hidden-zeros"]["history"]]
assert t[-1] == ("review", "good"), t
' || return 1

  # Day 10, at 40×12: the counts still match and fit; the session starts with the report's first item.
  s=rev10$$
  review_json 2026-12-13T09:00:00Z "$p" "$out" || return 1
  due=$(review_field "$out" 'r["due"]'); minutes=$(review_field "$out" 'r["minutes"]')
  first=$(review_field "$out" 'r["items"][0]["item"]')
  [ "$due" -gt 0 ] || { cat "$out"; return 1; }
  e2e_start $s 40 12 "UNROLL_NOW=2026-12-13T09:00:00Z $E2E_BIN --progress $p"
  e2e_wait_for $s "v  Review — $due due, ~$minutes min" || return 1
  e2e_wait_for $s "Why RNNs handle sequence…  $due due" || return 1
  e2e_wait_for $s "streak 0 · " || return 1   # days 2 to 9 had nothing: the streak broke
  e2e_keys $s v
  e2e_wait_for $s "Review · 1 of $due" || return 1
  e2e_wait_for $s "$(review_text "$first" | cut -c1-20)" || return 1
  e2e_keys $s q q
  e2e_exit_line $s >/dev/null || return 1
}

test_review_a_lessons_own_review_shows_its_due_items_first() {
  local p=$E2E_TMP/revl.json s=revl$$ out=$E2E_TMP/revl.out due
  p2_session "$p" || return 1
  review_json 2026-12-04T09:00:00Z "$p" "$out" || return 1
  due=$(review_field "$out" 'sum(1 for i in r["items"] if i["lesson"] == "'$REVIEW_LESSON'")')
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-04T09:00:00Z $E2E_BIN $REVIEW_LESSON --mode review --progress $p"
  e2e_wait_for $s "Review · 1 of $due" || return 1
  e2e_wait_for $s "$(review_text try-hidden-zeros)" || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}

test_review_a_leech_opens_the_page_that_teaches_it() {
  local p=$E2E_TMP/leech.json s=leech$$ d
  # review-memory graded Again in review on three days: a leech (its teaches: why:Big idea).
  printf '{"format_version": 2, "lessons": {"%s": {"items": {"review-memory": {"history": [' $REVIEW_LESSON > "$p"
  for d in 01 02 03; do
    printf '{"at": "2026-12-%sT09:00:00Z", "mode": "review", "grade": "again", "seconds": 5}%s' $d "$([ $d = 03 ] && echo || echo ,)" >> "$p"
  done
  printf ']}}}}}\n' >> "$p"
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-04T09:00:00Z $E2E_BIN $REVIEW_LESSON --mode review --progress $p"
  e2e_wait_for $s "$(review_text review-memory)" || return 1
  e2e_wait_for $s "· leech" || return 1
  e2e_wait_for $s "Leech: missed 3 times in review." || return 1
  e2e_wait_for $s "t  opens Why · Big idea, where it is taught" || return 1
  e2e_keys $s t
  e2e_wait_for $s "Why RNNs handle sequences in PyTorch · Why" || return 1
  e2e_screen $s | sed -n 2p | grep -q "^ Big idea  " || { e2e_screen $s; return 1; }   # the heading at the top
  e2e_keys $s q
  e2e_wait_for $s "Leech: missed 3 times in review." || return 1
  e2e_keys $s q q q
  e2e_exit_line $s >/dev/null || return 1
}

test_review_two_instances_grading_at_once_keep_both_grades() {
  local p=$E2E_TMP/revtwo.json a=reva$$ b=revb$$
  p2_session "$p" || return 1
  # Both open the lesson's review on day 1 and answer its two due items; then each grades the first card.
  e2e_start $a 80 24 "UNROLL_NOW=2026-12-04T10:00:00Z $E2E_BIN $REVIEW_LESSON --mode review --progress $p"
  e2e_start $b 80 24 "UNROLL_NOW=2026-12-04T11:00:00Z $E2E_BIN $REVIEW_LESSON --mode review --progress $p"
  e2e_wait_for $a "Review · 1 of" || return 1
  e2e_wait_for $b "Review · 1 of" || return 1
  # The two due items first (answered right), then the cards.
  for s in $a $b; do
    e2e_keys $s a Enter; e2e_wait_for $s "graded Good" || return 1; e2e_keys $s n
    e2e_wait_for $s "Review · 2 of" || return 1
    e2e_keys $s c Enter; e2e_wait_for $s "graded Good" || return 1; e2e_keys $s n
    e2e_wait_for $s "new card" || return 1
  done
  # A grades and leaves while B is still open on what it read before A's grades; B's grade is then
  # saved onto the file A wrote (the store replays it under the lock), so neither is lost.
  e2e_keys $a Space 3
  e2e_wait_for $a "Review · 4 of" || return 1
  e2e_keys $a q q q
  e2e_exit_line $a >/dev/null || return 1
  e2e_keys $b Space 1
  e2e_wait_for $b "Review · 4 of" || return 1
  e2e_keys $b q q q
  e2e_exit_line $b >/dev/null || return 1
  "$E2E_BIN" progress --json --progress "$p" | python3 -c '
import json, sys
r = json.load(sys.stdin)
items = {i["id"]: i for l in r["lessons"] for i in l["items"] + l["cards"]}
h = sorted((a["at"], a["grade"]) for a in items["review-memory"]["history"])
assert [g for _, g in h] == ["good", "again"], h
assert [a["mode"] for a in items["try-hidden-zeros"]["history"]].count("review") == 2, items["try-hidden-zeros"]["history"]
' || return 1
}
