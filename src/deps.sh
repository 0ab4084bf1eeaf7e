#!/bin/sh
# Make sure what a build or test needs is installed.
#
#   sh src/deps.sh CHECK:PACKAGE ...
#
# CHECK is pc:NAME (a pkg-config module) or cmd:NAME (a command); PACKAGE
# is the Debian package that provides it.  Missing packages are installed
# with apt-get (as root, else through sudo); where that is impossible the
# script names exactly what is missing and fails.
set -u

PKG_CONFIG=${PKG_CONFIG:-pkg-config}
missing=
for item in "$@"; do
	check=${item%%:*}
	rest=${item#*:}
	name=${rest%%:*}
	pkg=${rest#*:}
	case $check in
	pc)	"$PKG_CONFIG" --exists "$name" 2>/dev/null && continue ;;
	cmd)	command -v "$name" >/dev/null 2>&1 && continue ;;
	*)	echo "deps.sh: bad check '$item'" >&2; exit 2 ;;
	esac
	case " $missing " in
	*" $pkg "*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
	echo "Missing:$missing (Debian package names)." >&2
	echo "Install the equivalents with your package manager, then run make again." >&2
	exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	echo "Missing:$missing. Install them as root: apt-get install$missing" >&2
	exit 1
fi
echo "Installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q --no-install-recommends $missing >&2; then
	$sudo apt-get update -q >&2 || true
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing >&2 || {
		echo "Could not install:$missing" >&2
		exit 1
	}
fi
