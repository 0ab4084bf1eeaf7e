#!/bin/sh
# Check, and where asked install, what a build or a test needs.
#
#   sh src/deps.sh [--install] CHECK:NAME:PACKAGE ...
#
# CHECK is pc:NAME (a pkg-config module), cmd:NAME (a command) or ti:NAME
# (a terminfo entry, as infocmp finds it); PACKAGE
# is the Debian package that provides it.  Every item is checked first,
# so that one message names every package that is missing.  Without
# --install that message is all: the script fails and installs nothing
# (plain make and make install work this way).  With --install the
# missing packages are installed in one apt-get round (as root, else
# through sudo), after one apt-get update so that a fresh machine knows
# their names; where apt-get cannot be used the script names them and
# fails.
set -u

install=0
if [ "${1-}" = --install ]; then
	install=1
	shift
fi

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
	ti)	infocmp "$name" >/dev/null 2>&1 && continue ;;
	*)	echo "deps.sh: bad check '$item'" >&2; exit 2 ;;
	esac
	case " $missing " in
	*" $pkg "*) ;;
	*) missing="$missing $pkg" ;;
	esac
done
[ -z "$missing" ] && exit 0

# Name what is missing, say how to get it (the words given), and fail.
need() {
	echo "Missing packages:$missing" >&2
	echo "$*" >&2
	exit 1
}

if ! command -v apt-get >/dev/null 2>&1; then
	need "Those are Debian names: install the equivalents with your" \
	    "package manager."
fi
if [ "$install" -eq 0 ]; then
	need "Install them with: apt-get install$missing (as root);" \
	    "make run and make test install what they need themselves."
fi
if [ "$(id -u)" -eq 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo=sudo
else
	need "Install them as root: apt-get install$missing"
fi
echo "Installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2 ||
	echo "deps.sh: apt-get update failed; trying the lists already here" >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >&2 ||
	need "Could not install them: see apt-get's message above."
