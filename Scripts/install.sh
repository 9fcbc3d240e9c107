#!/bin/sh
# Installs Unroll from this unpacked release: the program, the lessons, the man page and the shell
# completions, under a prefix (default /usr/local). Needs no Swift: the program is linked statically
# and needs only the C library and ncursesw.
#
#   ./install.sh                        # into /usr/local (as root, or with sudo)
#   ./install.sh --prefix ~/.local      # into your home folder
#   ./install.sh --uninstall [--prefix DIR]
#
# DESTDIR is honoured for packagers (files go to $DESTDIR$PREFIX/...).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix=$(pwd)/$prefix ;;
esac
root=${DESTDIR:-}$prefix

# Every file this installs, as "source in the release|destination under the prefix".
files="bin/unroll|bin/unroll
share/man/man1/unroll.1|share/man/man1/unroll.1
share/bash-completion/completions/unroll|share/bash-completion/completions/unroll
share/zsh/site-functions/_unroll|share/zsh/site-functions/_unroll
share/fish/vendor_completions.d/unroll.fish|share/fish/vendor_completions.d/unroll.fish
share/unroll/lessons.cache|share/unroll/lessons.cache
share/unroll/runs.cache|share/unroll/runs.cache"
lessons=share/unroll/Lessons

if [ "$action" = uninstall ]; then
    echo "$files" | while IFS='|' read -r _ dest; do rm -f "$root/$dest"; done
    rm -rf "${root:?}/$lessons"
    rmdir "$root/share/unroll" 2>/dev/null || true
    echo "Unroll removed from $prefix."
    exit 0
fi

[ -x "$here/bin/unroll" ] || { echo "install.sh: run me from the unpacked release (bin/unroll is missing)" >&2; exit 1; }
echo "$files" | while IFS='|' read -r src dest; do
    mode=644
    [ "$src" = bin/unroll ] && mode=755
    mkdir -p "$(dirname "$root/$dest")"
    # Through a temporary name and a rename, so a running unroll is never overwritten in place.
    cp "$here/$src" "$root/$dest.new.$$"
    chmod "$mode" "$root/$dest.new.$$"
    mv -f "$root/$dest.new.$$" "$root/$dest"
done
# The lessons are replaced as a whole, so a lesson removed from the release does not linger.
mkdir -p "$root/share/unroll"
rm -rf "$root/$lessons.new.$$"
cp -R "$here/$lessons" "$root/$lessons.new.$$"
rm -rf "${root:?}/$lessons"
mv "$root/$lessons.new.$$" "$root/$lessons"
chmod -R u+rwX,go+rX "$root/$lessons"

echo "Unroll installed under $prefix:"
echo "  $prefix/bin/unroll"
echo "  $prefix/$lessons"
echo "  $prefix/share/man/man1/unroll.1 and completions for bash, zsh and fish"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "Add $prefix/bin to your PATH to run it as 'unroll'." ;;
esac
