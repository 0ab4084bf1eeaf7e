#!/usr/bin/env bash
# make bench: sma-allies against the floor it stands on (libyaml's parser)
# and the tools a user would otherwise reach for (grep -P, fzf), measured
# side by side in the same run, on generated directories of several sizes;
# and the browser itself in a pseudo-terminal while it loads and reloads
# (build/bench/live: the first frame, the complete load, key echo).
#
#   bash tests/bench/bench.sh        (BENCH_SIZES="1000 10000" to choose)
#
# Every time is a median over repeated runs; ratios compare figures taken
# in this run, on this machine.
set -euo pipefail

B=build/bench
PROG=./sma-allies
SIZES=${BENCH_SIZES:-1000 10000 100000 1000000}
mkdir -p "$B"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Wall time of a command in ms.  Its output goes to a file, not /dev/null:
# GNU grep stops at the first match when it sees /dev/null.
ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" > "$B/out"
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", (b - a) * 1000 }'
}

# Median wall time over n runs.
ms_median() {
	local n=$1 i
	shift
	for ((i = 0; i < n; i++)); do ms "$@"; done | median
}

# Peak resident memory of a command in KiB.
rss() {
	/usr/bin/time -f %M -o "$B/rss" "$@" >/dev/null 2>&1 || true
	tail -1 "$B/rss"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

declare -A R
runs_for() { if [ "$1" -ge 1000000 ]; then echo 3; elif [ "$1" -ge 100000 ]; then echo 5; else echo 9; fi; }
# Starts typed through a load and two reloads (build/bench/live).
typed_for() { if [ "$1" -ge 1000000 ]; then echo 2; else echo 3; fi; }

printf 'allies: []\n' > "$B/empty.yaml"
base_kb=$(rss "$PROG" --check "$B/empty.yaml")
startup=$(build/bench/startup 21 "q quit" "$PROG")
startup_peer=$(build/bench/startup 21 "ready" build/bench/trivial-curses)

for n in $SIZES; do
	f=$B/allies-$n.yaml
	[ -s "$f" ] || build/bench/gen-allies "$n" 1 > "$f"
	runs=$(runs_for "$n")
	R[$n,mb]=$(awk -v s="$(wc -c < "$f")" 'BEGIN { printf "%.1f", s / 1048576 }')
	R[$n,floor]=$(ms_median "$runs" build/bench/yaml-floor "$f")
	R[$n,check]=$(ms_median "$runs" "$PROG" --check "$f")
	R[$n,check_kb]=$(rss "$PROG" --check "$f")
	while read -r k v; do R[$n,$k]=$v; done < <(build/bench/bench "$f" "$runs" "$B/lines-$n.txt")
	R[$n,grep]=$(ms_median "$runs" grep -P -i -c nurs "$B/lines-$n.txt")
	R[$n,fzf]=$(ms_median 1 fzf --filter nurs < "$B/lines-$n.txt")
	R[$n,fzf_kb]=$(rss sh -c "fzf --filter nurs < $B/lines-$n.txt")
	R[$n,search]=$(ms_median "$runs" "$PROG" -d "$f" -s nurs)
	# The browser while it loads: a copy (another inode) to reload from.
	[ "$f.copy" -nt "$f" ] || cp "$f" "$f.copy"
	mkdir -p "$B/screens-$n"
	while read -r k v; do R[$n,$k]=$v; done < <(build/bench/live "$PROG" "$f" "$f.copy" "$n" "$runs" "$(typed_for "$n")" 2 "$B/screens-$n")
	R[$n,keys]="${R[$n,load_keys]} / ${R[$n,move_keys]} / ${R[$n,search_keys]}"
	echo "measured $n allies" >&2
done

row() {
	local label=$1 key=$2 n
	printf '| %s |' "$label"
	for n in $SIZES; do printf ' %s |' "${R[$n,$key]}"; done
	printf '\n'
}

row_calc() {
	local label=$1 expr=$2 n
	printf '| %s |' "$label"
	for n in $SIZES; do printf ' %s |' "$(eval "$expr")"; done
	printf '\n'
}

echo
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "Peak memory of \`--check\` on an empty file: $(awk -v b="$base_kb" 'BEGIN { printf "%.1f", b / 1024 }') MiB"
echo "Start-up to the first full screen (100x30, built-in data): ${startup} ms; a trivial curses program: ${startup_peer} ms; difference $(awk -v a="$startup" -v b="$startup_peer" 'BEGIN { printf "%.2f", a - b }') ms"
echo
printf '| allies |'; for n in $SIZES; do printf ' %s |' "$n"; done; printf '\n'
printf '|---|'; for n in $SIZES; do printf -- '---:|'; done; printf '\n'
row "YAML size (MiB)" mb
row "libyaml parse alone (ms)" floor
row "load, \`--check\` (ms)" check
row_calc "load / parse floor" 'ratio "${R[$n,check]}" "${R[$n,floor]}"'
row "browser: start to the first frame (ms)" first_ms
row "browser: start to the progress display (ms)" progress_ms
row "browser: start to the complete load, list shown (ms)" loaded_ms
row_calc "browser: complete load / parse floor" 'ratio "${R[$n,loaded_ms]}" "${R[$n,floor]}"'
row_calc "peak memory above 4 MiB / file size" 'awk -v m="${R[$n,check_kb]}" -v s="${R[$n,mb]}" "BEGIN { printf \"%.2f\", (m - 4096) / 1024 / s }"'
row_calc "peak memory (MiB)" 'awk -v m="${R[$n,check_kb]}" "BEGIN { printf \"%.1f\", m / 1024 }"'
row "keystroke to first screenful, literal (ms)" literal_first_ms
row "keystroke to complete filter, literal, slowest key (ms)" literal_full_ms
row "keystroke to complete filter, literal, last key (ms)" literal_last_ms
row "keystroke to first screenful, alternation (ms)" alternation_first_ms
row "keystroke to complete filter, alternation, slowest key (ms)" alternation_full_ms
row "keystroke to complete filter, class, slowest key (ms)" class_full_ms
row "keystroke to complete filter, no match (ms)" nomatch_full_ms
row "keystroke to complete filter, one word, slowest key (ms)" word_full_ms
row "keystroke to complete filter, two words, slowest key (ms)" words_full_ms
row "keystroke to echo during the first load, search bar, median (ms)" load_echo_ms
row "keystroke to echo during the first load, search bar, slowest (ms)" load_echo_max_ms
row "keystroke to echo during the first load, slowest before the swap (ms)" load_echo_max_before_ms
row "keystroke to echo during a reload, Down/Up, median (ms)" move_echo_ms
row "keystroke to echo during a reload, Down/Up, slowest (ms)" move_echo_max_ms
row "keystroke to echo during a reload, Down/Up, slowest before the swap (ms)" move_echo_max_before_ms
row "keystroke to echo during a reload, search bar, median (ms)" search_echo_ms
row "keystroke to echo during a reload, search bar, slowest (ms)" search_echo_max_ms
row "keystroke to echo during a reload, search bar, slowest before the swap (ms)" search_echo_max_before_ms
row "keystroke to echo, search bar, no load running, median (ms)" idle_echo_ms
row "keystroke to echo, search bar, no load running, slowest (ms)" idle_echo_max_ms
row "keys timed: first load / reload, Down/Up / reload, search bar" keys
row "\`grep -P -i -c nurs\`, one ally a line (ms)" grep
row_calc "in-process literal filter (last key) / grep" 'ratio "${R[$n,literal_last_ms]}" "${R[$n,grep]}"'
row "\`fzf --filter nurs\` (ms)" fzf
row_calc "fzf / sma-allies literal filter" 'ratio "${R[$n,fzf]}" "${R[$n,literal_full_ms]}"'
row_calc "sma-allies memory / fzf memory" 'ratio "${R[$n,check_kb]}" "${R[$n,fzf_kb]}"'
row "\`sma-allies -s nurs\` end to end (ms)" search
