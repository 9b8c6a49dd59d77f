#!/bin/sh
# Check a built bundle the way a user would run it, with no Python on PATH: version, index the
# samples, answer a search, then open the window offscreen and wait for its first index.
# Prints the bundle's size and the time to the first window.
set -eu
dir=$1
exe="$PWD/$dir/BriefReader"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r seeds "$work/library"
# PATH names an empty folder: no python (nor anything else) the bundle could lean on.
mkdir "$work/empty-path"
run() {
  (cd "$work" && /usr/bin/env -i PATH="$work/empty-path" HOME="$work" QT_QPA_PLATFORM=offscreen "$@")
}
run "$exe" --version
run "$exe" --data-dir "$work/data" index "$work/library"
run "$exe" --data-dir "$work/data" search --library "$work/library" treaty --limit 3 | tee "$work/hits"
grep -q "jcpoa\|inf_treaty\|lisbon" "$work/hits"
run /usr/bin/env BRIEFREADER_SMOKE_TEST=1 "$exe" --data-dir "$work/data" gui "$work/library"
echo "bundle size: $(du -sh "$dir" | cut -f1)"
