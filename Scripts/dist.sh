#!/usr/bin/env bash
# Builds the release for learners without Swift: dist/unroll-VERSION-linux-ARCH.tar.gz holding
#   bin/unroll                      stripped, the Swift runtime and Foundation linked in statically
#   share/unroll/Lessons/           the lessons (found by bin/unroll as ../share/unroll/Lessons)
#   share/unroll/lessons.cache      those lessons decoded by bin/unroll, read (never written) by its first launch
#   share/unroll/runs.cache         the outcomes of their programs, read (never written) by the first `unroll check`
#   share/man/man1/unroll.1         from the command model (swift-argument-parser's generate-manual)
#   share/{bash-completion,zsh,fish}/...   the shell completions (unroll --generate-completion-script)
#   install.sh                      copies all that under a prefix
#
#   Scripts/dist.sh                 build and pack
#   Scripts/dist.sh --stage-only    build and lay out .build/dist/unroll-VERSION-linux-ARCH (for make install)
# The static build has its own scratch folder (.build/static), so it never rebuilds the debug or
# release builds. Prints the path of what it made on the last line.
set -euo pipefail
cd "$(dirname "$0")/.."
stage_only=false
[ "${1:-}" = --stage-only ] && stage_only=true

scratch=.build/static
# The Swift runtime and ICU (which Foundation brings) are C++, and the toolchain links the C++
# runtime as -lstdc++ (a shared library). A folder searched first whose libstdc++.so and libgcc_s.so are linker scripts naming the
# static archives links those in too, so the program needs only libc and ncursesw at run time.
# (Without the static archives, e.g. no g++ installed, the program still works; it then also needs
# libstdc++, and the dist test says so.)
links="$PWD/$scratch/static-links"
mkdir -p "$links"
for pair in libstdc++.so:libstdc++.a libgcc_s.so:libgcc_eh.a; do
    archive=$(cc -print-file-name="${pair#*:}")
    if [ -f "$archive" ]; then echo "INPUT($archive)" > "$links/${pair%%:*}"; else rm -f "$links/${pair%%:*}"; fi
done
# lld with packed relative relocations (DT_RELR): the static-PIE binary's 80,000 relocations take
# kilobytes instead of 1.9 MB, so fewer pages are read and kept at start (menu RSS −1.6 MB). It needs
# glibc 2.36, which the binary already needs for symbols it links against.
# Every function in its own section, and the ones start-up runs (Scripts/startup-order.txt, written by
# Scripts/startup-order.sh) placed side by side at the front: the menu then maps ~1 MB of hot code instead
# of pages scattered over 20 MB (menu RSS 20 MB -> 14 MB). Names the list has but the code no longer does
# are skipped.
flags=(-Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
       -Xswiftc -Xclang-linker -Xswiftc -L"$links" -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs
       -Xlinker --symbol-ordering-file="$PWD/Scripts/startup-order.txt" -Xlinker --no-warn-symbol-ordering)
# The compiler skips code generation when a module's IR is unchanged, so objects built before a
# code-generation flag changed would be kept as they were: when the flags change, drop the objects.
stamp="$scratch/dist-flags"
if [ "$(cat "$stamp" 2>/dev/null)" != "${flags[*]}" ]; then
    find "$scratch" -path '*/release/*.build/*.o' -delete 2>/dev/null || true
fi
# A new start-up list changes no flag, so it would not relink by itself.
[ Scripts/startup-order.txt -nt "$scratch/release/unroll" ] && rm -f "$scratch/release/unroll"
swift build -c release --product unroll --scratch-path "$scratch" --static-swift-stdlib --disable-local-rpath "${flags[@]}" >&2
printf '%s' "${flags[*]}" > "$stamp"
# The man page generator is a tool of swift-argument-parser (offline, in the package's checkout).
swift build --product generate-manual --scratch-path "$scratch" >&2
bin="$scratch/release/unroll"
version=$("$bin" --version)
arch=$(uname -m)
name="unroll-$version-linux-$arch"
stage=".build/dist/$name"

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share/man/man1" \
    "$stage/share/bash-completion/completions" "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
strip -o "$stage/bin/unroll" "$bin"
# The lessons and their format (not the authors' drafts in subfolders: unroll reads only these).
mkdir -p "$stage/share/unroll/Lessons"
find Lessons -maxdepth 1 -type f \( -name '*.yaml' -o -name 'README.md' \) -exec cp {} "$stage/share/unroll/Lessons/" \;
# The files lessons load (state_dict: weights/…) come too; the authors' drafts/ and pending/ do not.
for d in Lessons/*/; do
  case "$(basename "$d")" in drafts|pending) ;; *) cp -R "$d" "$stage/share/unroll/Lessons/" ;; esac
done
# The lessons decoded and their programs' outcomes, once, by the very binary shipped (the files are stamped with its
# build ID, which strip keeps): a learner's first launch reads the lessons instead of decoding them, an instructor's
# first check reads the outcomes instead of running the programs (CacheFile.shippedPath; issue 19).
cachegen=$(mktemp -d)
XDG_CACHE_HOME="$cachegen" "$stage/bin/unroll" check "$stage/share/unroll/Lessons" >/dev/null 2>&1 || true
for c in lessons.cache runs.cache; do
  [ -s "$cachegen/unroll/$c" ] || { echo "dist.sh: unroll check wrote no $c" >&2; rm -rf "$cachegen"; exit 1; }
  cp "$cachegen/unroll/$c" "$stage/share/unroll/$c"
done
rm -rf "$cachegen"
"$bin" --generate-completion-script bash > "$stage/share/bash-completion/completions/unroll"
"$bin" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_unroll"
"$bin" --generate-completion-script fish > "$stage/share/fish/vendor_completions.d/unroll.fish"
# The page's date is the last commit's, so the same sources make the same page.
date=$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)
"$scratch/debug/generate-manual" "$stage/bin/unroll" --date "$date" --output-directory "$stage/share/man/man1" >&2
install -m 755 Scripts/install.sh "$stage/install.sh"
cp README.md "$stage/README.md"

if $stage_only; then
    echo "$stage"
    exit 0
fi
mkdir -p dist
tarball="dist/$name.tar.gz"
# Owner, order and times fixed, so the tarball depends only on its contents.
mtime=$(git log -1 --format=%ct 2>/dev/null || date +%s)
tar --owner=0 --group=0 --numeric-owner --sort=name --mtime="@$mtime" -C .build/dist -cf - "$name" | gzip -9n > "$tarball"
echo "$tarball"
