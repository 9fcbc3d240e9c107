# Screen-reader mode in a real terminal (issue 21): the terminal cursor on the focused element after
# every key, the status row (the last row) saying what changed, and no box-drawing or block character
# on any screen of lesson 1.

# sr_text_at_cursor NAME — the screen's text from the terminal cursor to the end of its row.
sr_text_at_cursor() {
  local pos; pos=$(tm display -p -t "$1" '#{cursor_x} #{cursor_y}')
  tm capture-pane -t "$1" -p | python3 -c '
import sys, unicodedata
x, y = map(int, sys.argv[1].split())
lines = sys.stdin.read().split("\n")
line = lines[y] if y < len(lines) else ""
cells = 0
for i, c in enumerate(line):
    if cells >= x:
        print(line[i:]); sys.exit(0)
    cells += 2 if unicodedata.east_asian_width(c) in "WF" else 1
print("")
' "$pos"
}

sr_status() { tm capture-pane -t "$1" -p | tail -1; }

# sr_expect NAME STATUS TEXT — waits until the status row contains STATUS and the text under the
# terminal cursor starts with TEXT; fails with both shown.
sr_expect() {
  local name=$1 status=$2 text=$3 i=0 at row
  while [ $i -lt 500 ]; do
    row=$(sr_status "$name"); at=$(sr_text_at_cursor "$name")
    case "$row" in *"$status"*) case "$at" in "$text"*) return 0 ;; esac ;; esac
    sleep 0.01; i=$((i + 1))
  done
  echo "    expected status containing: $status"; echo "    status row: $row"
  echo "    expected at the cursor: $text"; echo "    at the cursor ($(tm display -p -t "$name" '#{cursor_x},#{cursor_y}')): $at"
  e2e_screen "$name" | sed 's/^/    | /'
  return 1
}

# sr_no_lines NAME WHAT — fails when the screen holds a box-drawing (U+2500–U+257F) or block
# (U+2580–U+259F) character.
sr_no_lines() {
  tm capture-pane -t "$1" -p | python3 -c '
import sys
bad = [(n, line) for n, line in enumerate(sys.stdin.read().split("\n")) if any(0x2500 <= ord(c) <= 0x259F for c in line)]
for n, line in bad: print("    %s, row %d: %s" % (sys.argv[1], n, line))
sys.exit(1 if bad else 0)
' "$2"
}

test_screen_reader_cursor_and_status_follow_every_key_of_a_try_task() {
  local s=sr$$
  e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode try --task 5 --screen-reader --progress $E2E_TMP/$s.json"
  sr_expect $s "Task 5 of 5. Blank 1 of 3, empty. Options: A word.upper()" "[blank 1]" || return 1
  e2e_keys $s a
  sr_expect $s "Placed A in blank 1. Next: blank 2, empty." "[blank 2]" || return 1
  e2e_keys $s Tab
  sr_expect $s "Blank 3 of 3, empty." "[blank 3]" || return 1
  e2e_keys $s Right
  sr_expect $s "Option B, len(word)." "B. len(word)" || return 1
  e2e_keys $s Right
  sr_expect $s "Option C, >." "C. >" || return 1
  e2e_keys $s Space
  sr_expect $s "Carrying C, >, to blank 3." ">?" || return 1      # the chip being moved, shown in the blank
  e2e_keys $s Space
  sr_expect $s "Placed C in blank 3. Next: blank 2, empty." "[blank 2]" || return 1
  e2e_keys $s BTab
  sr_expect $s "Blank 1 of 3 holds A, word.upper()." "word.upper()" || return 1
  e2e_keys $s 2
  sr_expect $s "Blank 2 of 3, empty." "[blank 2]" || return 1
  e2e_keys $s d
  sr_expect $s "Placed D in blank 2. Every blank is filled. Press Enter to check." "word" || return 1
  e2e_keys $s Enter
  sr_expect $s "Not quite: blank 2 is wrong, 2 attempts left." "word" || return 1
  e2e_keys $s b
  sr_expect $s "Placed B in blank 2. Every blank is filled." "len(word)" || return 1
  e2e_keys $s Enter
  sr_expect $s "Correct! Press n for the summary." "" || return 1
  sr_no_lines $s "try" || return 1
}

test_screen_reader_practice_and_menus_put_the_cursor_on_the_row() {
  local s=srm$$
  e2e_start $s 80 24 "UNROLL_SCREEN_READER=1 $E2E_BIN --progress $E2E_TMP/$s.json"
  sr_expect $s "Menu. Lesson 1 of" "1. Why RNNs handle sequences" || return 1
  e2e_keys $s Enter
  sr_expect $s "Modes. Intro, syntax and examples" "Intro" || return 1
  e2e_keys $s Down Down Down Down
  sr_expect $s "Practice, multiple choice" "Practice" || return 1
  e2e_keys $s Enter
  sr_expect $s "Question 1 of 5. Option A of 4" "A. Because they use convolution" || return 1
  e2e_keys $s Down
  sr_expect $s "Option B of 4: Because they keep a memory" "B. Because they keep a memory" || return 1
  e2e_keys $s Enter
  sr_expect $s "Correct: B. The worked solution follows." "" || return 1
}

# Every mode of lesson 1, worked a little, each screen and its help checked for lines and blocks.
test_screen_reader_lesson_one_has_no_box_or_block_characters() {
  local s mode keys n=0
  s=srmenu$$
  e2e_start $s 80 24 "$E2E_BIN --screen-reader --progress $E2E_TMP/$s.json"
  sr_expect $s "Menu." "" || return 1; sr_no_lines $s menu || return 1
  e2e_keys $s '?'; e2e_wait_for $s "Keys for Lesson menu." || return 1; sr_no_lines $s "menu help" || return 1
  e2e_keys $s x Enter; sr_expect $s "Modes." "" || return 1; sr_no_lines $s modes || return 1
  e2e_keys $s o; sr_expect $s "Overview of" "" || return 1; sr_no_lines $s overview || return 1
  e2e_kill $s
  for spec in "intro:End" "why:PageDown" "deep:End" "try:b Enter" "practice:a Enter End" "challenge:b Enter" \
              "review:Space 3" "visualize:Right Right End" "test:a Enter" "playground:Down C-r"; do
    mode=${spec%%:*}; keys=${spec#*:}; n=$((n + 1)); s=srw$n$$
    e2e_start $s 80 24 "$E2E_BIN why-rnns-handle-sequences --mode $mode --screen-reader --progress $E2E_TMP/$s.json"
    e2e_wait_for $s "Unroll,  Why RNNs" || return 1
    sr_no_lines $s "$mode" || return 1
    for k in $keys; do
      e2e_keys $s "$k"; sleep 0.1
      sr_no_lines $s "$mode after $k" || return 1
    done
    if [ "$mode" = playground ]; then e2e_keys $s C-g; else e2e_keys $s '?'; fi
    e2e_wait_for $s "Keys for" || return 1
    sr_no_lines $s "$mode help" || return 1
    e2e_kill $s
  done
}

# Day 1 after p2_session's day 0 (test_progress.sh): the menu says what is due, v's review session goes
# through a due task, a due question and a new card, and q comes back to the menu. After every key the
# status row says what changed and the terminal cursor is on the focused element.
test_screen_reader_review_session_and_the_menu_with_due_counts() {
  local p=$E2E_TMP/srrev.json s=srrev$$ out=$E2E_TMP/srrev.out due
  p2_session "$p" || return 1
  UNROLL_NOW=2026-12-04T09:00:00Z "$E2E_BIN" review --json --progress "$p" > "$out" || return 1
  due=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["due"])' "$out")
  e2e_start $s 80 24 "UNROLL_NOW=2026-12-04T09:00:00Z $E2E_BIN --screen-reader --progress $p"
  sr_expect $s "Menu. $due due for review: v starts it. Lesson 1 of" "1. Why RNNs handle sequences" || return 1
  sr_no_lines $s menu || return 1
  e2e_keys $s Down
  sr_expect $s "Lesson 2 of" "2. Shapes in, shapes out" || return 1
  e2e_keys $s Up
  sr_expect $s "Lesson 1 of" "1. Why RNNs handle sequences" || return 1
  e2e_keys $s v
  sr_expect $s "Review, item 1 of $due. Blank 1 of 1, empty. Options: A 1, B 0, C 2, D 20." "[blank 1]" || return 1
  sr_no_lines $s "review task" || return 1
  e2e_keys $s a
  sr_expect $s "Placed A in blank 1. Every blank is filled. Press Enter to check." "1, 5, 20)" || return 1
  e2e_keys $s Enter
  sr_expect $s "Correct! Graded Good: n for the next item." "Correct!" || return 1
  e2e_keys $s n
  sr_expect $s "Graded Good. Item 2 of $due. Option A of 4: (4, 3, 2). Enter answers." "A. (4, 3, 2)" || return 1
  e2e_keys $s Down Down
  sr_expect $s "Option C of 4: (4, 2, 3). Enter answers." "C. (4, 2, 3)" || return 1
  e2e_keys $s Enter
  sr_expect $s "Correct: C." "Correct: C." || return 1
  sr_no_lines $s "review question" || return 1
  e2e_keys $s n
  sr_expect $s "Graded Good. Item 3 of $due. Answer in your head, then Space shows the answer." "What does an RNN carry" || return 1
  e2e_keys $s Space
  sr_expect $s "Answer: Its hidden state" "Answer: Its hidden state" || return 1
  sr_no_lines $s "review card" || return 1
  e2e_keys $s 3
  sr_expect $s "Graded Good. Item 4 of $due." "" || return 1
  e2e_keys $s q
  sr_expect $s "Menu. $((due - 3)) due for review: v starts it. Lesson 1 of" "1. Why RNNs handle sequences" || return 1
}
