#!/bin/sh
# Run every test and print one closing line: "N passed, N failed".
#
#   sh tests/run.sh PROGRAM UNIT-TEST... -- E2E-TEST...
#
# PROGRAM is the sanitizer build of sma-allies that the command-line and
# end-to-end tests run; unit tests are cmocka programs.
set -u

prog=$1
shift
export SMA_ALLIES_BIN="$prog"
# The locales the Makefile built for the tests.
export LOCPATH="$PWD/build/locale"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="exitcode=86"
unset SMA_ALLIES_DATA SMA_ALLIES_STAFF_PIN BROWSER NO_COLOR

passed=0
failed=0
log=$(mktemp)
# Browsers started by the tests keep their search history here, not in
# the home of whoever runs them.
XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'rm -f "$log"; rm -rf "$XDG_STATE_HOME"' EXIT

# Add a test program's counts, taken from its output.
count() {
	name=$1
	rc=$2
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p; s/^\([0-9]*\) passed, [0-9]* failed.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p; s/^[0-9]* passed, \([0-9]*\) failed.*/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		# It died or leaked without saying which test: count it.
		echo "FAIL: $name exited with status $rc" >&2
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for t in "$@"; do
	[ "$t" = "--" ] && continue
	echo "== $t"
	"$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	count "$t" "$rc"
done

echo "== command line"
sh tests/cli.sh "$prog" >"$log" 2>&1
rc=$?
cat "$log"
count tests/cli.sh "$rc"

echo "== shell completions"
sh tests/completions.sh "$prog" >"$log" 2>&1
rc=$?
cat "$log"
count tests/completions.sh "$rc"

echo "== screenshots"
sh tests/shots/check.sh build/tests/shots ./sma-allies >"$log" 2>&1
rc=$?
cat "$log"
count tests/shots/check.sh "$rc"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
