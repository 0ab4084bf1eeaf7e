#!/bin/sh
# The Debian package, installed as dpkg installs it: into a scratch root
# (dpkg --root, maintainer scripts run with DPKG_ROOT set), then removed
# and purged.  Checks what landed, the kiosk's user, that the unit is not
# enabled, and that the installed program runs.
#
#   sh tests/deb.sh PACKAGE.deb
set -u
deb=$1
root=$(mktemp -d "${TMPDIR:-/tmp}/sma-deb.XXXXXX") || exit 2
trap 'rm -rf "$root" "$root.log"' EXIT INT TERM
pass=0
fail=0
verdict() {
	if [ "$1" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok - $2"
	else
		fail=$((fail + 1))
		echo "not ok - $2"
		[ -s "$root.log" ] && sed 's/^/#   /' "$root.log" | tail -20
	fi
}
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" \
    "$root/etc" "$root/usr/sbin"
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
# The groups of a base system the kiosk's user joins.
echo 'tty:x:5:' >"$root/etc/group"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"

dpk() {
	DPKG_ROOT=$root dpkg --root="$root" --force-script-chrootless \
	    --force-depends --force-not-root --log=/dev/null "$@" \
	    >"$root.log" 2>&1
}

dpk -i "$deb"
verdict $? "dpkg -i installs the package into a scratch root"
for f in usr/bin/sma-allies usr/share/man/man1/sma-allies.1.gz \
    lib/systemd/system/sma-allies-kiosk.service \
    usr/lib/sysusers.d/sma-allies.conf \
    usr/share/doc/sma-allies/copyright \
    usr/share/bash-completion/completions/sma-allies \
    usr/share/zsh/vendor-completions/_sma-allies \
    usr/share/fish/vendor_completions.d/sma-allies.fish \
    usr/share/doc/sma-allies/examples/sshd_config; do
	[ -f "$root/$f" ]
	verdict $? "it installs /$f"
done
grep -q '^ExecStart=/usr/bin/sma-allies --kiosk ' \
    "$root/lib/systemd/system/sma-allies-kiosk.service"
verdict $? "the installed unit runs /usr/bin/sma-allies --kiosk"
grep -q '^sma-kiosk:x:[0-9]*:[0-9]*:sma-allies kiosk:/nonexistent:/usr/sbin/nologin$' \
    "$root/etc/passwd" 2>/dev/null
verdict $? "postinst creates the system user sma-kiosk, with no home and no login"
grep -q '^tty:x:5:.*sma-kiosk' "$root/etc/group"
verdict $? "sma-kiosk is a member of tty"
! find "$root/etc/systemd" -name 'sma-allies-kiosk.service' 2>/dev/null |
    grep -q .
verdict $? "the kiosk's unit is installed but not enabled"
out=$("$root/usr/bin/sma-allies" --list --format tsv | wc -l)
[ "$out" -eq 12 ]
verdict $? "the installed program lists the 12 allies it carries"
dpk -r sma-allies && [ ! -e "$root/usr/bin/sma-allies" ]
verdict $? "dpkg -r removes the program"
dpk -P sma-allies && [ ! -e "$root/lib/systemd/system/sma-allies-kiosk.service" ]
verdict $? "dpkg -P purges the package"
rm -f "$root.log"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
