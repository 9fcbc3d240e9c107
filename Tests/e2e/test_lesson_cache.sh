# The lesson cache (issue 19): the tutor keeps decoded lessons under XDG_CACHE_HOME, and whatever is in
# it, an edit made a moment ago, a corrupt file or a folder it cannot write, it shows and checks what
# the lesson files say.

cache_lessons_copy() {
  rm -rf "$E2E_TMP/cached-lessons"
  cp -r Lessons "$E2E_TMP/cached-lessons"
}

test_lesson_cache_an_edited_lesson_shows_its_new_title_at_the_next_launch() {
  local s=cache1$$ c=$E2E_TMP/cache-edit
  cache_lessons_copy
  E2E_CACHE=$c e2e_start $s 80 24 "$E2E_BIN --lessons $E2E_TMP/cached-lessons"
  e2e_wait_for $s "Why RNNs handle sequences in PyTorch" || return 1
  e2e_keys $s q; e2e_exit_line $s > /dev/null || return 1
  [ -s "$c/unroll/lessons.cache" ] || { echo "    no cache written at $c/unroll/lessons.cache"; return 1; }
  # The same length and the same mtime, so only the content tells the edit apart.
  local f=$E2E_TMP/cached-lessons/01-why-rnns-handle-sequences.yaml
  touch -r "$f" "$E2E_TMP/mtime"
  sed -i 's/^title: Why RNNs handle sequences in PyTorch$/title: Why RNNs handle sequences in PYTORCH/' "$f"
  touch -r "$E2E_TMP/mtime" "$f"
  s=cache2$$
  E2E_CACHE=$c e2e_start $s 80 24 "$E2E_BIN --lessons $E2E_TMP/cached-lessons"
  e2e_wait_for $s "Why RNNs handle sequences in PYTORCH" || return 1
  e2e_keys $s q; e2e_exit_line $s > /dev/null || return 1
}

test_lesson_cache_corrupt_is_rebuilt_and_the_menu_is_the_same() {
  local s=cache3$$ c=$E2E_TMP/cache-corrupt want got
  cache_lessons_copy
  mkdir -p "$c/unroll"
  head -c 100000 /dev/urandom > "$c/unroll/lessons.cache"
  E2E_CACHE=$c e2e_start $s 80 24 "$E2E_BIN --lessons $E2E_TMP/cached-lessons"
  e2e_wait_for $s "Choose a lesson" || return 1
  got=$(e2e_screen $s)
  e2e_keys $s q; e2e_exit_line $s > /dev/null || return 1
  head -c 15 "$c/unroll/lessons.cache" | grep -q "UNROLL-LESSONS" || { echo "    the corrupt cache was not replaced"; return 1; }
  s=cache4$$
  E2E_CACHE=$E2E_TMP/cache-none e2e_start $s 80 24 "$E2E_BIN --lessons $E2E_TMP/cached-lessons"
  e2e_wait_for $s "Choose a lesson" || return 1
  want=$(e2e_screen $s)
  e2e_keys $s q; e2e_exit_line $s > /dev/null || return 1
  [ "$got" = "$want" ] || { echo "    the menu differs with a corrupt cache:"; diff <(echo "$want") <(echo "$got") | sed 's/^/    /'; return 1; }
}

test_lesson_cache_check_says_the_same_cold_warm_corrupt_or_unwritable_cache() {
  local c=$E2E_TMP/cache-check want got how
  cache_lessons_copy
  # The baseline's cache folder cannot be made (a file is in the way), even as root.
  echo x > "$E2E_TMP/not-a-folder"
  # One problem, so the report is not only the summary line.
  sed -i 's/^  minutes: 4$/  minutes: four/' "$E2E_TMP/cached-lessons/02-shapes-in-shapes-out.yaml"
  want=$(XDG_CACHE_HOME=$E2E_TMP/not-a-folder/cache "$E2E_BIN" check "$E2E_TMP/cached-lessons" 2>&1; echo "exit=$?")
  case "$want" in *"minutes"*"exit=1") ;; *) echo "    the edited lesson did not give a problem:"; echo "$want" | tail -3; return 1 ;; esac
  for how in cold warm corrupt unwritable; do
    case $how in
      corrupt) printf 'UNROLL-LESSONS\n\001garbage' > "$c/unroll/lessons.cache"
               head -c 5000 /dev/urandom >> "$c/unroll/runs.cache" ;;
      unwritable) rm -rf "$c"; mkdir -p "$(dirname "$c")"; echo x > "$c" ;;
    esac
    got=$(XDG_CACHE_HOME=$c "$E2E_BIN" check "$E2E_TMP/cached-lessons" 2>&1; echo "exit=$?")
    [ "$got" = "$want" ] || { echo "    $how cache:"; diff <(echo "$want") <(echo "$got") | sed 's/^/    /'; return 1; }
  done
  rm -f "$c"
  # With every outcome kept, a changed claim is still judged, and a changed program is run again.
  sed -i 's/expect: {prints: "RNN(10, 20)"}/expect: {prints: "RNN(10, 21)"}/; s/print(tuple(hidden.shape), tuple(output.shape))/print(tuple(output.shape), tuple(hidden.shape))/' \
    "$E2E_TMP/cached-lessons/01-why-rnns-handle-sequences.yaml"
  want=$(XDG_CACHE_HOME=$E2E_TMP/not-a-folder/cache "$E2E_BIN" check "$E2E_TMP/cached-lessons" 2>&1; echo "exit=$?")
  case "$want" in *"RNN(10, 21)"*"(3, 5, 20) (1, 5, 20)"*) ;; *) echo "    the changed claim and program gave no problems:"; echo "$want" | head -5; return 1 ;; esac
  got=$(XDG_CACHE_HOME=$c "$E2E_BIN" check "$E2E_TMP/cached-lessons" 2>&1; echo "exit=$?")
  [ "$got" = "$want" ] || { echo "    after an edit, warm cache:"; diff <(echo "$want") <(echo "$got") | sed 's/^/    /'; return 1; }
}
