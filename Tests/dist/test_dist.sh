#!/usr/bin/env bash
# The release for learners without Swift, tested as they would use it: build the tarball
# (Scripts/dist.sh), unpack it into a clean folder, and from an empty working folder, with the Swift
# toolchain's libraries hidden (LD_LIBRARY_PATH empty, PATH without the toolchain), run
# `unroll --version` and `unroll check` (which must find the lessons shipped beside it), then
# install.sh into a prefix and run the installed copy. ldd must list no Swift library at all.
#
#   bash Tests/dist/test_dist.sh            build the tarball, then test it
#   bash Tests/dist/test_dist.sh FILE.tar.gz   test an existing tarball
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

fail() { printf 'test_dist: FAIL: %b\n' "$*" >&2; exit 1; }

if [ $# -ge 1 ]; then
    tarball=$(readlink -f "$1")
else
    tarball=$repo/$(bash Scripts/dist.sh | tail -1)
fi
[ -f "$tarball" ] || fail "no tarball at $tarball"
name=$(basename "$tarball" .tar.gz)
[[ $name =~ ^unroll-[0-9][0-9A-Za-z.+-]*-linux-(x86_64|aarch64|[a-z0-9_]+)$ ]] || fail "tarball name '$name' is not unroll-VERSION-linux-ARCH"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/unpacked" "$tmp/empty" "$tmp/home"
tar -xzf "$tarball" -C "$tmp/unpacked"
root="$tmp/unpacked/$name"
for f in bin/unroll install.sh share/man/man1/unroll.1 share/unroll/Lessons/course.yaml share/unroll/lessons.cache share/unroll/runs.cache \
         share/bash-completion/completions/unroll share/zsh/site-functions/_unroll \
         share/fish/vendor_completions.d/unroll.fish; do
    [ -e "$root/$f" ] || fail "the tarball has no $f"
done

# A clean environment: no toolchain on PATH, no library path, no lessons in the working folder.
run() { (cd "$tmp/empty" && env -i PATH=/usr/bin:/bin HOME="$tmp/home" LD_LIBRARY_PATH= LANG=C.UTF-8 "$@"); }
run sh -c 'command -v swift || command -v swiftc' > /dev/null && fail "the clean environment still finds swift on PATH"

# Only the C library (with libm and the loader) and ncursesw (with tinfo) may be needed.
deps=$(run ldd "$root/bin/unroll")
echo "$deps" | grep -qiE 'swift|foundation|dispatch|blocksruntime|icu|not found' && fail "ldd lists Swift libraries:\n$deps"
unexpected=$(echo "$deps" | grep -vE '^\s*(linux-vdso\.so|/lib64/ld-linux|ld-linux|libc\.so|libm\.so|libncursesw\.so|libtinfo\.so)' || true)
[ -z "$unexpected" ] || fail "ldd lists libraries beyond libc and ncursesw:\n$unexpected"
readelf -d "$root/bin/unroll" | grep -qE 'RPATH|RUNPATH' && fail "the binary carries an RPATH/RUNPATH"
file "$root/bin/unroll" | grep -q "not stripped" && fail "the binary is not stripped"

version=$(run "$root/bin/unroll" --version)
[ "$name" = "unroll-$version-linux-$(uname -m)" ] || fail "--version says '$version' but the tarball is $name"

# Issue 19's memory goal, measured as a learner meets it: the unpacked binary's menu in a real pty
# (a tmux pane), its resident set read from /proc once the first frame is drawn. A benchmark check:
# RSS does not depend on the machine's load (Scripts/footprint.sh also measures launch and check CPU).
max_rss_kb=${DIST_MAX_RSS_KB:-16384}
sock=unroll-dist-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT
tmux -L $sock new-session -d -s rss -x 80 -y 24 \
    "cd '$tmp/empty' && exec env -i PATH=/usr/bin:/bin HOME='$tmp/home' TERM=xterm-256color LANG=C.UTF-8 '$root/bin/unroll'"
for _ in $(seq 300); do
    tmux -L $sock capture-pane -p -t rss | grep -q "Choose a lesson" && break
    sleep 0.1
done
tmux -L $sock capture-pane -p -t rss | grep -q "Choose a lesson" || fail "the unpacked unroll never showed its menu:\n$(tmux -L $sock capture-pane -p -t rss)"
sleep 0.3
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$(tmux -L $sock display -p -t rss '#{pane_pid}')/status")
tmux -L $sock kill-server
[ "$rss_kb" -le "$max_rss_kb" ] || fail "the menu's resident set is $rss_kb kB, above $max_rss_kb kB"
echo "test_dist: menu RSS $rss_kb kB (at most $max_rss_kb)"
# That was the learner's first launch: it read every lesson from the cache shipped beside them (made by this very
# binary), decoded none, so it kept nothing in the learner's own cache.
[ ! -e "$tmp/home/.cache/unroll/lessons.cache" ] || fail "the first launch decoded lessons: the shipped lessons.cache was not used"

# `unroll check` with no arguments finds ../share/unroll/Lessons next to the binary.
# Its output must be the development build's on the repository's lessons, when there is one.
same_as_repo() {
    if [ -x "$repo/.build/debug/unroll" ]; then
        [ "$1" = "$("$repo/.build/debug/unroll" check "$repo/Lessons" 2>&1)" ]
    else
        [[ $1 =~ ^checked\ [0-9]+\ lessons,.*:\ no\ problems$ ]]
    fi
}
got=$(run "$root/bin/unroll" check 2>&1) || fail "unroll check from the tarball failed:\n$got"
same_as_repo "$got" || fail "unroll check from the tarball printed\n$got"
# The instructor's first check: every program's outcome came from the shipped runs.cache, none was new to keep.
[ ! -e "$tmp/home/.cache/unroll/runs.cache" ] || fail "the first check ran programs: the shipped runs.cache was not used"

# install.sh puts the same set under a prefix; the installed binary finds the installed lessons.
run sh "$root/install.sh" --prefix "$tmp/prefix" > "$tmp/install.out" || fail "install.sh failed: $(cat "$tmp/install.out")"
for f in bin/unroll share/unroll/Lessons/course.yaml share/unroll/lessons.cache share/unroll/runs.cache share/man/man1/unroll.1 \
         share/bash-completion/completions/unroll share/zsh/site-functions/_unroll \
         share/fish/vendor_completions.d/unroll.fish; do
    [ -e "$tmp/prefix/$f" ] || fail "install.sh did not install $f"
done
got=$(run "$tmp/prefix/bin/unroll" check 2>&1) || fail "the installed unroll check failed:\n$got"
same_as_repo "$got" || fail "the installed unroll check printed\n$got"
[ "$(run "$tmp/prefix/bin/unroll" --version)" = "$version" ] || fail "the installed unroll --version differs"
# The page as man formats it: its title line and every subcommand's entry.
page=$(run env MANWIDTH=80 man -l "$tmp/prefix/share/man/man1/unroll.1" 2>&1) || fail "man -l failed:\n$page"
for want in 'UNROLL(1)' 'SYNOPSIS' $'\n     open ' $'\n     check ' $'\n     run '; do
    [[ $page == *"$want"* ]] || fail "man -l shows no '$want' in the page:\n$page"
done
run sh "$root/install.sh" --uninstall --prefix "$tmp/prefix" > /dev/null
[ ! -e "$tmp/prefix/bin/unroll" ] && [ ! -e "$tmp/prefix/share/unroll" ] || fail "install.sh --uninstall left files behind"

echo "test_dist: $name: $(du -h "$tarball" | cut -f1) tarball, runs without Swift ($(echo "$deps" | wc -l) libraries: libc and ncursesw), check and install OK"
