#!/bin/sh
# Prints the version of this checkout, from `git describe`:
#   a tag vX.Y.Z on HEAD          -> X.Y.Z
#   commits after such a tag       -> X.Y.Z-N-gHASH
#   no v* tag yet                  -> 0.1.0-N-gHASH   (N = commits since the first one)
#   uncommitted changes            -> ... .dirty
#   no git / not a checkout        -> 0.1.0-dev       (the same fallback the C file has)
# --deb    prints it as a Debian version (dpkg allows '-' only before a revision): X.Y.Z+N.gHASH
# --write  (re)writes Sources/CAnimaVersion/anima_version_generated.h when the version changed, and touches
#          anima_version.c so SwiftPM recompiles that one file (it does not notice a header that appeared).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
version=""
if command -v git >/dev/null 2>&1 && git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    version=$(git -C "$root" describe --tags --match 'v[0-9]*' --dirty=.dirty 2>/dev/null | sed 's/^v//') || version=""
    if [ -z "$version" ]; then
        count=$(git -C "$root" rev-list --count HEAD 2>/dev/null || echo 0)
        hash=$(git -C "$root" rev-parse --short=7 HEAD 2>/dev/null || echo unknown)
        dirty=""
        git -C "$root" diff --quiet HEAD -- 2>/dev/null || dirty=".dirty"
        version="0.1.0-$count-g$hash$dirty"
    fi
fi
[ -n "$version" ] || version="0.1.0-dev"

case "${1:-}" in
    --deb) echo "$version" | sed 's/-/+/; s/-/./g' ;;
    --write)
        header=$root/Sources/CAnimaVersion/anima_version_generated.h
        line="#define ANIMA_VERSION \"$version\""
        if [ ! -f "$header" ] || [ "$(cat "$header")" != "$line" ]; then
            echo "$line" > "$header"
            touch "$root/Sources/CAnimaVersion/anima_version.c"
        fi
        echo "$version" ;;
    "") echo "$version" ;;
    *) echo "usage: scripts/version.sh [--deb|--write]" >&2; exit 2 ;;
esac
