#!/bin/sh
# A private sshd that serves the public mode, for the tests and the load
# test, and is gone again at the end whatever happens.
#
#   sh tests/ssh/sshd.sh BINARY COMMAND [ARG]...
#
# As root (or through sudo without a password): creates a throwaway
# account with an empty password, a fresh host key and a copy of
# data/ssh/sshd_config rewritten where a private instance must differ
# (the ports, on 127.0.0.1 only; the host key and pid file; the account's
# name; ForceCommand's program, BINARY), starts /usr/sbin/sshd with it,
# and runs COMMAND with these in its environment:
#
#   SMA_SSH_PORT       the port whose sessions run BINARY --public --idle 600
#   SMA_SSH_IDLE_PORT  the port whose sessions run it with --idle 2
#   SMA_SSH_USER       the account, SMA_SSH_UID its uid
#   SMA_SSH_DIR        a scratch folder (0755) holding the configuration
#                      (sshd_config), the log (sshd.log) and a folder
#                      anyone may write (drop/), to show nothing lands
#   SMA_SSH_CONFIG     the configuration, for sshd -T
#   TMPDIR             a folder inside it
#
# On exit, by signal too, the sshd is stopped, every process of the
# account is ended by its id, the account is deleted and the folder
# removed.  The exit status is COMMAND's.
set -u

bin=$1
shift
here=$(cd "$(dirname "$0")/../.." && pwd)
config_in=$here/data/ssh/sshd_config
sshd=/usr/sbin/sshd

if [ "$(id -u)" -eq 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	as_root=sudo
else
	echo "sshd.sh: the SSH tests need root (or sudo without a password):" \
	    "they add a throwaway account and start an sshd" >&2
	exit 1
fi
for cmd in "$sshd" ssh ssh-keygen useradd userdel; do
	if ! command -v "$cmd" >/dev/null 2>&1 &&
	    ! [ -x "/usr/sbin/$cmd" ]; then
		echo "sshd.sh: $cmd is missing (openssh-server," \
		    "openssh-client, passwd)" >&2
		exit 1
	fi
done
if ! [ -x "$bin" ]; then
	echo "sshd.sh: $bin: no such program (build it first)" >&2
	exit 1
fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin") || exit 1

dir=
user=
made_run=0
pidfile=
child=

# Every process of the account, by id (the account is ours alone).
account_pids() {
	uid=$1
	for st in /proc/[0-9]*/status; do
		awk -v uid="$uid" '$1 == "Uid:" && $2 == uid { found = 1 }
		    END { exit !found }' "$st" 2>/dev/null || continue
		p=${st#/proc/}
		echo "${p%/status}"
	done
}

cleanup() {
	trap - EXIT INT TERM HUP
	[ -n "$child" ] && kill "$child" 2>/dev/null
	if [ -n "$pidfile" ] && [ -s "$pidfile" ]; then
		$as_root kill "$(cat "$pidfile")" 2>/dev/null
	fi
	if [ -n "$user" ] && uid=$(id -u "$user" 2>/dev/null); then
		for i in 1 2 3 4 5 6 7 8 9 10; do
			pids=$(account_pids "$uid")
			[ -z "$pids" ] && break
			# shellcheck disable=SC2086
			$as_root kill -KILL $pids 2>/dev/null
			sleep 0.1
		done
		$as_root userdel "$user" 2>/dev/null ||
			echo "sshd.sh: could not remove the account $user" >&2
	fi
	[ "$made_run" -eq 1 ] && $as_root rmdir /run/sshd 2>/dev/null
	[ -n "$dir" ] && $as_root rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

dir=$(mktemp -d "${TMPDIR:-/tmp}/sma-ssh.XXXXXX") || exit 1
chmod 755 "$dir"
mkdir "$dir/drop" "$dir/home" "$dir/tmp"
chmod 1777 "$dir/drop"
user=sma-t$$
$as_root useradd -M -d "$dir/home" -s /bin/sh "$user" || { user=; exit 1; }
$as_root passwd -d "$user" >/dev/null || exit 1
uid=$(id -u "$user")

# A program the account cannot reach (a home folder of 0700 above it)
# is copied where it can.
if ! $as_root runuser -u "$user" -- test -x "$bin" 2>/dev/null; then
	cp "$bin" "$dir/sma-allies" && chmod 755 "$dir/sma-allies" || exit 1
	bin=$dir/sma-allies
fi

if ! [ -d /run/sshd ]; then
	$as_root mkdir -p -m 0755 /run/sshd && made_run=1
fi
ssh-keygen -q -t ed25519 -N '' -C sma-allies-test -f "$dir/host_key" ||
	exit 1

# Ports nothing listens on (/proc/net/tcp* list them in hex).
free_port() {
	while :; do
		p=$(( $(od -An -N2 -tu2 /dev/urandom) % 20000 + 30000 ))
		h=$(printf '%04X' "$p")
		cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
		    grep -q ":$h " || break
	done
	echo "$p"
}

tries=0
while :; do
	port=$(free_port)
	idle_port=$(free_port)
	[ "$port" != "$idle_port" ] || continue
	pidfile=$dir/sshd.pid
	# The idle port's block comes first: for ForceCommand the first
	# match wins, and everything else still comes from the account's.
	sed -e "s|^Port .*|Port $port\\
Port $idle_port\\
ListenAddress 127.0.0.1|" \
	    -e "s|^HostKey .*|HostKey $dir/host_key|" \
	    -e "s|^PidFile .*|PidFile $pidfile|" \
	    -e "s|^AllowUsers .*|AllowUsers $user|" \
	    -e "s|^Match User .*|Match User $user LocalPort $idle_port\\
	ForceCommand exec $bin --public --idle 2\\
Match User $user|" \
	    -e "s|^\\(	ForceCommand exec \\)[^ ]*\\( --public\\)|\\1$bin\\2|" \
	    "$config_in" > "$dir/sshd_config" || exit 1
	$as_root "$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log" || {
		cat "$dir/sshd.log" >&2
		exit 1
	}
	i=0
	while ! [ -s "$pidfile" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -s "$pidfile" ] &&
	    ! grep -q "Bind to port" "$dir/sshd.log" 2>/dev/null; then
		break
	fi
	[ -s "$pidfile" ] && $as_root kill "$(cat "$pidfile")"
	tries=$((tries + 1))
	if [ $tries -ge 5 ]; then
		echo "sshd.sh: the sshd did not start:" >&2
		cat "$dir/sshd.log" >&2
		exit 1
	fi
	rm -f "$pidfile"
done

# In the background, so that a signal to this script is taken at once
# (the traps above end COMMAND too) rather than when COMMAND ends.
# Its temporary files go with the rest.
TMPDIR=$dir/tmp SMA_SSH_PORT=$port SMA_SSH_IDLE_PORT=$idle_port \
    SMA_SSH_USER=$user SMA_SSH_UID=$uid SMA_SSH_DIR=$dir \
    SMA_SSH_CONFIG=$dir/sshd_config "$@" &
child=$!
wait "$child"
rc=$?
child=
exit "$rc"
