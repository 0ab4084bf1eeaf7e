#!/bin/sh
# The kiosk soak test (not part of make test): run the driver, keep a log.
#
#   sh tests/soak/soak.sh DRIVER [PROGRAM [DATA]]
#
# SOAK_SECONDS (default 600) and SOAK_SEED go through to the driver; the
# log goes to $SOAK_LOG (default build/soak.log).  The exit status is the
# driver's: 0 PASS, 1 FAIL, 2 could not start.
set -u

if [ $# -lt 1 ]; then
	echo "usage: sh tests/soak/soak.sh DRIVER [PROGRAM [DATA]]" >&2
	exit 2
fi
driver=$1
shift
log=${SOAK_LOG:-build/soak.log}
mkdir -p "$(dirname "$log")"
rc=$(mktemp)
trap 'rm -f "$rc"' EXIT

# The driver gives the kiosk its own environment; nothing of ours leaks in.
{ "$driver" "$@"; echo $? > "$rc"; } 2>&1 | tee "$log"
status=$(cat "$rc")
echo "soak: log in $log"
exit "${status:-2}"
