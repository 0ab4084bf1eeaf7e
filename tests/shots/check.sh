#!/bin/sh
# check.sh SHOTS_BIN PROGRAM - are the committed screenshots up to date?
#
# Takes every scene again with SHOTS_BIN (tests/shots/shots.c) into a
# temporary folder and compares each SVG with screenshots/NAME.svg byte
# for byte.  Prints "ok - NAME" or "not ok - NAME (...)" per scene and a
# closing "N passed, N failed"; exits 1 if any differs or is missing.

set -u

if [ $# -ne 2 ]; then
	echo "usage: sh tests/shots/check.sh SHOTS_BIN PROGRAM" >&2
	exit 2
fi
shots=$1
program=$2
# The committed pictures, wherever this is run from.
committed=$(cd "$(dirname "$0")/../.." && pwd)/screenshots || exit 2

scenes=$("$shots" --list) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sma-shots.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# A scene that fails says why on stderr; its picture is then missing.
"$shots" "$program" "$tmp" >/dev/null

passed=0
failed=0
for name in $scenes; do
	if [ ! -f "$tmp/$name.svg" ]; then
		echo "not ok - $name (could not be taken, see above)"
		failed=$((failed + 1))
	elif [ ! -f "$committed/$name.svg" ]; then
		echo "not ok - $name (missing: run make screenshots)"
		failed=$((failed + 1))
	elif cmp -s "$tmp/$name.svg" "$committed/$name.svg"; then
		echo "ok - $name"
		passed=$((passed + 1))
	else
		echo "not ok - $name (out of date: run make screenshots)"
		failed=$((failed + 1))
	fi
done

# A picture of a scene that no longer exists is out of date too.
for f in "$committed"/*.svg; do
	[ -f "$f" ] || continue
	name=$(basename "$f" .svg)
	case " $(echo $scenes) " in
	*" $name "*) ;;
	*)	echo "not ok - $name (no scene takes it any more: remove" \
		    "screenshots/$name.svg and screenshots/$name.png)"
		failed=$((failed + 1)) ;;
	esac
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
