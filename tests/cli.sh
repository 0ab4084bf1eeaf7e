#!/bin/sh
# Command-line tests: run the real program and check what it prints on
# stdout and stderr and the status it exits with.
#
#   sh tests/cli.sh PROGRAM
#
# PROGRAM is normally the sanitizer build.  Every check prints "ok - ..."
# or "not ok - ..." (with the evidence on "#" lines after it), and the
# last line is "N passed, N failed"; the status is non-zero when anything
# failed.  Needs /usr/bin/time (Debian package time) for the alias bomb's
# memory check and script (bsdutils) for a pseudo-terminal.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/cli.sh PROGRAM" >&2
	exit 2
fi
case $1 in
/*)	prog=$1 ;;
*/*)	prog=$PWD/$1 ;;
*)	prog=$(command -v "$1") || prog=$1 ;;
esac
if [ ! -x "$prog" ]; then
	echo "cli.sh: $1: no such program" >&2
	exit 2
fi

# Run from the top of the repository: messages name files as given on
# the command line, so fixtures are always tests/data/..., the seed
# data/allies.yaml.
cd "$(dirname "$0")/.." || exit 2
bad=tests/data/bad
good=tests/data/good

export LC_ALL=C.UTF-8
unset LANG LANGUAGE SMA_ALLIES_DATA SMA_ALLIES_STAFF_PIN BROWSER NO_COLOR
: "${ASAN_OPTIONS:=detect_leaks=1:abort_on_error=0:exitcode=86}"
: "${UBSAN_OPTIONS:=halt_on_error=1:print_stacktrace=1}"
: "${LSAN_OPTIONS:=exitcode=86}"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
# No configuration of the user's: the tests write their own there.
XDG_CONFIG_HOME=$tmp/xdg
export XDG_CONFIG_HOME

# No single run may take long; a hang is a failure, not a stuck suite.
# Without timeout(1) the runs go unguarded, and that is a failure too
# (see "timeout(1) is there" below).
if command -v timeout >/dev/null 2>&1; then
	limit="timeout 20"
else
	limit=
fi

sanitizer_report='ERROR: [A-Za-z]*Sanitizer|runtime error|LeakSanitizer'
esc=$(printf '\033')
tab=$(printf '\t')
passed=0
failed=0
runs=0
insane=0

pass() {
	passed=$((passed + 1))
	echo "ok - $1"
}

# fail DESC: say what went wrong ($why) and show the evidence.
fail() {
	failed=$((failed + 1))
	echo "not ok - $1"
	[ -n "$why" ] && echo "#   $why"
	if [ -s "$tmp/out" ]; then
		echo "#   stdout:"
		head -n 5 "$tmp/out" | sed 's/^/#     /'
	fi
	if [ -s "$tmp/err" ]; then
		echo "#   stderr:"
		head -n 8 "$tmp/err" | sed 's/^/#     /'
	fi
}

# verdict STATUS DESC: the conditions before it held (0) or not.
verdict() {
	if [ "$1" -eq 0 ]; then
		pass "$2"
	else
		fail "$2"
	fi
}

# run ARG...: run the program with stdin from /dev/null and the NAME=VALUE
# words in $envs added to its environment; its output goes to $tmp/out
# and $tmp/err and its status to $rc.  A run that dies by a signal, times
# out or reports a sanitizer error is a failure of its own.
envs=
run() {
	$limit env $envs "$prog" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	sane "$*"
}

# sane WHAT: check the last run ($rc, $tmp/err) was not a crash.
sane() {
	runs=$((runs + 1))
	if [ "$rc" -ge 124 ]; then
		why="exit status $rc: killed by a signal, timed out or not run"
	elif grep -E -q "$sanitizer_report" "$tmp/err"; then
		why="sanitizer report on stderr"
	else
		return 0
	fi
	insane=$((insane + 1))
	fail "no crash: sma-allies $1"
	why=
	return 1
}

# Conditions on the last run.  Each returns non-zero and sets $why when
# it does not hold.
status() {
	[ "$rc" -eq "$1" ] && return 0
	why="exit status $rc, want $1"
	return 1
}

out_is() {
	printf '%s\n' "$1" >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/out" && return 0
	why="stdout is not exactly: $1"
	return 1
}

out_empty() {
	[ ! -s "$tmp/out" ] && return 0
	why="stdout is not empty"
	return 1
}

err_empty() {
	[ ! -s "$tmp/err" ] && return 0
	why="stderr is not empty"
	return 1
}

out_has() {
	grep -F -q -e "$1" "$tmp/out" && return 0
	why="stdout lacks: $1"
	return 1
}

err_has() {
	grep -F -q -e "$1" "$tmp/err" && return 0
	why="stderr lacks: $1"
	return 1
}

out_lines() {
	n=$(wc -l <"$tmp/out")
	[ "$n" -eq "$1" ] && return 0
	why="$n lines on stdout, want $1"
	return 1
}

no_esc() {
	! grep -q "$esc" "$1" && return 0
	why="an ESC byte in $1"
	return 1
}

# because WHY: the reason a condition chain failed, unless one said so.
because() {
	why=${why:-$1}
	return 1
}

# Text output is "NAME (ABBR)  URL..."; the first field is the ally.
firsts() {
	sed 's/  .*//' "$1"
}

# round_trip NAME ALLIES LIST CHECKED SAME: the last run printed a yaml
# file; saved as $tmp/NAME.yaml, it must check clean with ALLIES ("12
# allies") and --list exactly as the file LIST holds.  CHECKED and SAME
# are the two checks' descriptions.
round_trip() {
	cp "$tmp/out" "$tmp/$1.yaml"
	run --check "$tmp/$1.yaml"
	status 0 && out_is "$tmp/$1.yaml: OK, $2" && err_empty
	verdict $? "$4"
	run -d "$tmp/$1.yaml" --list
	status 0 && cmp -s "$tmp/out" "$3" ||
	    because "--list differs after the round trip"
	verdict $? "$5"
}

why="timeout(1) is missing: install coreutils"
[ -n "$limit" ]
verdict $? "timeout(1) is there to stop a run that hangs"

# ---------------------------------------------------------------------
# The seed data.

cat >"$tmp/seed-names" <<'EOF'
The American Academy of Family Physicians (AAFP)
The Anchor Institutions Task Force (AITF)
The Albert Schweitzer Fellowship
The American Medical Student Association (AMSA)
The BMPRC Initiative (BMPRC)
Cambridge Health Alliance (CHA)
The Camden Coalition
Intend Health Strategies
The Network Towards Unity for Health (TUFH)
The Organization for Associate Degree Nursing (OADN)
People Power Health
The Sex and Gender Health Collaborative (SGHC)
EOF

run --list
status 0 && err_empty && out_lines 12 &&
    firsts "$tmp/out" | cmp -s - "$tmp/seed-names" ||
    because "names differ from the seed's, in its order"
verdict $? "--list prints the 12 allies in the seed's order"
cp "$tmp/out" "$tmp/seed-list"

run --check data/allies.yaml
status 0 && out_is "data/allies.yaml: OK, 12 allies" && err_empty
verdict $? "--check data/allies.yaml prints exactly 'FILE: OK, 12 allies'"

run --check
status 0 && out_has "OK, 12 allies" && out_lines 1 && err_empty
verdict $? "--check without a file checks the built-in data"

run -d data/allies.yaml --list
status 0 && cmp -s "$tmp/out" "$tmp/seed-list" ||
    because "differs from the built-in --list"
verdict $? "-d data/allies.yaml lists what the built-in copy lists"

# ---------------------------------------------------------------------
# Searching.

oadn="The Organization for Associate Degree Nursing (OADN)  https://oadn.org/"

run -s nurs
status 0 && out_is "$oadn" && err_empty
verdict $? "-s nurs prints exactly one line, the OADN"

run -s '('
status 2 && out_empty && err_has "missing closing parenthesis" &&
    grep -q '^ *\^' "$tmp/err" || because "no caret line"
verdict $? "-s '(' is an invalid regex: status 2, PCRE2's message, a caret"

run -s zzzz
status 1 && out_empty && err_empty
verdict $? "-s zzzz matches nothing: status 1, empty stdout"

run -f name -s '^The'
status 0 && out_lines 9 && ! firsts "$tmp/out" | grep -v -q '^The' ||
    because "a name not starting with The"
verdict $? "-f name -s '^The' prints the 9 names that start with The"

run -s Nursing
status 0 && out_lines 1 && out_has "(OADN)"
verdict $? "-s Nursing (upper case: exact) matches the OADN"

run -s NURSING
status 1 && out_empty
verdict $? "-s NURSING (upper case: exact) matches nothing"

run -i -s NURSING
status 0 && out_lines 1 && out_has "(OADN)"
verdict $? "-i -s NURSING is caseless and matches the OADN"

run --case-sensitive -s nursing
status 0 && out_lines 1 && out_has "(OADN)" && out_has " nursing "
verdict $? "--case-sensitive -s nursing matches the OADN by its description"

run -f tags -s nursing
status 0 && out_lines 1 && out_has "(OADN)"
verdict $? "-f tags -s nursing matches the OADN by its tags"

run -f bogus -s x
status 2 && out_empty && err_has "unknown field 'bogus'" && err_has "usage:"
verdict $? "-f bogus is a usage error (status 2)"

run -s a -s b
status 2 && out_empty && err_has "-s takes one pattern" &&
    err_has "-s 'a|b'"
verdict $? "-s twice says how to search for either pattern (status 2)"

run --list --format tsv
status 0 && out_lines 12 &&
    awk -F "$tab" 'NF != 3 { bad = 1 } END { exit bad }' "$tmp/out" ||
    because "a line without exactly 3 tab-separated columns"
verdict $? "--format tsv prints name, abbreviation and url per line"

run -s health --format tsv
status 0 && awk -F "$tab" 'NF != 3 { bad = 1 } END { exit bad }' "$tmp/out" ||
    because "a line without exactly 3 tab-separated columns"
verdict $? "-s health --format tsv prints 3 columns per line"

run -s health
firsts "$tmp/out" >"$tmp/health-names"
run -s health --format yaml
cp "$tmp/out" "$tmp/health.yaml"
run -d "$tmp/health.yaml" --list
status 0 && firsts "$tmp/out" | cmp -s - "$tmp/health-names" &&
    [ -s "$tmp/health-names" ] ||
    because "the reloaded allies differ from -s health's"
verdict $? "-s health --format yaml loads again with the same allies, in order"

run --list --format yaml
round_trip seed "12 allies" "$tmp/seed-list" \
    "--list --format yaml of the seed checks clean: 12 allies" \
    "the seed survives a yaml round trip unchanged"

# JSON: a real parser reads it, it is shaped like the data file, and it
# loads again as the same data (its yaml output is byte for byte the
# seed's).
run --list --format yaml
cp "$tmp/out" "$tmp/seed-yaml"
run --list --format json
cp "$tmp/out" "$tmp/seed.json"
status 0 && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert sorted(d) == ["allies", "program"], sorted(d)
assert len(d["allies"]) == 12, len(d["allies"])
a = d["allies"][0]
assert list(a) == ["name", "abbreviation", "url", "description", "tags"], list(a)
assert a["name"] == "The American Academy of Family Physicians", a["name"]
assert a["abbreviation"] == "AAFP" and a["url"] == "https://www.aafp.org/"
assert isinstance(a["tags"], list) and all(isinstance(t, str) for t in a["tags"])
assert d["program"]["become_ally_url"].startswith("https://")
' "$tmp/seed.json" 2>"$tmp/py" || because "$(tail -1 "$tmp/py")"
verdict $? "--list --format json: a JSON document of program and 12 allies"
round_trip seedjson "12 allies" "$tmp/seed-list" \
    "--list --format json of the seed checks clean: 12 allies" \
    "the seed survives a json round trip unchanged"
run -d "$tmp/seed.json" --list --format yaml
status 0 && cmp -s "$tmp/out" "$tmp/seed-yaml" ||
    because "the yaml of the reloaded json differs from the seed's"
verdict $? "json reloads as the same data: its yaml is the seed's, byte for byte"

run -s AMSA -f abbreviation --format json
status 0 && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [a["abbreviation"] for a in d["allies"]] == ["AMSA"], d["allies"]
' "$tmp/out" 2>"$tmp/py" || because "$(tail -1 "$tmp/py")"
verdict $? "-s AMSA -f abbreviation --format json holds that one ally"

run -s 'no such ally at all' --format json
status 1 && python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["allies"] == []
' "$tmp/out" 2>"$tmp/py" || because "$(tail -1 "$tmp/py")"
verdict $? "-s with no match and --format json: status 1, a document with no allies (as yaml)"

# --show: one ally, by name or abbreviation, any case.
cat >"$tmp/show-amsa" <<'EOF'
The American Medical Student Association (AMSA)
https://www.amsa.org/
Tags: students, medical education, global health

AMSA is committed to improving health care and health care delivery to all
people; promoting active improvement in medical education; involving its
members in the social, moral and ethical obligations of the profession of
medicine; assisting in the improvement and understanding of world health
problems; contributing to the welfare of medical students, premedical
students, interns, residents and post-MD/DO trainees; and advancing the
profession of medicine.
EOF
for name in amsa AMSA "the american medical STUDENT association"; do
	run --show "$name"
	status 0 && cmp -s "$tmp/out" "$tmp/show-amsa" && err_empty ||
	    because "not the AMSA entry: $(head -1 "$tmp/out")"
	verdict $? "--show '$name' prints the AMSA entry, description wrapped"
done
run --show CHA --format tsv
status 0 && out_is "Cambridge Health Alliance${tab}CHA${tab}https://www.challiance.org/"
verdict $? "--show CHA --format tsv: its one tsv line"
run --show oadn --format json
status 0 && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert [a["abbreviation"] for a in d["allies"]] == ["OADN"], d["allies"]
' "$tmp/out" 2>"$tmp/py" || because "$(tail -1 "$tmp/py")"
verdict $? "--show oadn --format json: a document with that one ally"
run --show "Camden Coalitoin"
status 1 && out_empty &&
    err_has "no ally is named 'Camden Coalitoin'; did you mean 'The Camden Coalition'?"
verdict $? "--show with a misspelt name: status 1, the closest name suggested"
run --show "american academy"
status 1 && out_empty &&
    err_has "did you mean 'The American Academy of Family Physicians'?"
verdict $? "--show with part of a name: status 1, the name that holds it suggested"
run --show zzzzzzzzzz
status 1 && out_empty &&
    err_has "no ally is named 'zzzzzzzzzz'; sma-allies --list shows them all"
verdict $? "--show with nothing close: status 1, pointed to --list"
run --show "${esc}[2J"
status 1 && out_empty && no_esc "$tmp/err"
verdict $? "--show echoes a hostile name without its escape"
run --show AMSA --list
status 2 && out_empty && err_has "choose one of"
verdict $? "--show with --list is a usage error (status 2)"

# --sort: by name a leading "The" (any case) aside, caselessly, accents
# aside, ties in the file's order; by abbreviation, those without one last.
sorting=$good/sorting.yaml
run -d "$sorting" --list --sort name --format tsv
cut -f 3 "$tmp/out" >"$tmp/order"
printf '%s\n' https://alpha-two.example/ https://alpha-one.example/ \
    https://beta.example/ https://emile.example/ https://theory.example/ \
    https://zeta.example/ | cmp -s - "$tmp/order" ||
    because "order: $(tr '\n' ' ' <"$tmp/order")"
verdict $? "--sort name: The aside, case and accents aside, ties kept in file order"
run -d "$sorting" --list --sort abbreviation --format tsv
cut -f 3 "$tmp/out" >"$tmp/order"
printf '%s\n' https://alpha-one.example/ https://alpha-two.example/ \
    https://beta.example/ https://zeta.example/ https://emile.example/ \
    https://theory.example/ | cmp -s - "$tmp/order" ||
    because "order: $(tr '\n' ' ' <"$tmp/order")"
verdict $? "--sort abbreviation: caseless, allies without one last, by name"
run -d "$sorting" --list
cp "$tmp/out" "$tmp/sorting-list"
run -d "$sorting" --list --sort file
status 0 && cmp -s "$tmp/out" "$tmp/sorting-list" && out_has "The Zeta Group" &&
    [ "$(head -n 1 "$tmp/out" | cut -c1-14)" = "The Zeta Group" ]
verdict $? "--sort file is the file's order"
run --list --sort name
firsts "$tmp/out" | head -n 2 >"$tmp/order"
printf '%s\n' "The Albert Schweitzer Fellowship" \
    "The American Academy of Family Physicians (AAFP)" |
    cmp -s - "$tmp/order" ||
    because "first two: $(tr '\n' '|' <"$tmp/order")"
verdict $? "--sort name puts the Albert Schweitzer Fellowship under A, first"
run -s health --sort name -f name
firsts "$tmp/out" >"$tmp/order"
printf '%s\n' "Cambridge Health Alliance (CHA)" "Intend Health Strategies" \
    "The Network Towards Unity for Health (TUFH)" "People Power Health" \
    "The Sex and Gender Health Collaborative (SGHC)" | cmp -s - "$tmp/order" ||
    because "order: $(tr '\n' '|' <"$tmp/order")"
verdict $? "-s with --sort name: the matches in name order"
run --list --sort size
status 2 && out_empty && err_has "unknown order 'size'; use file, name or abbreviation"
verdict $? "--sort with an unknown order: status 2 and the orders named"
run --show AMSA --sort name
status 2 && out_empty && err_has "--sort goes with"
verdict $? "--sort with --show is a usage error (status 2)"

run -s nurs --color always
status 0 && out_has "${esc}[1;31mNurs${esc}[m"
verdict $? "--color always wraps a match in ESC[1;31m ... ESC[m"

run -s nurs --color never
status 0 && no_esc "$tmp/out"
verdict $? "--color never: no ESC byte"

run -s nurs
status 0 && no_esc "$tmp/out"
verdict $? "no --color and stdout not a terminal: no ESC byte"

envs=NO_COLOR=1
run -s nurs --color auto
envs=
status 0 && no_esc "$tmp/out"
verdict $? "NO_COLOR=1 --color auto, not a terminal: no ESC byte"

run -s nurs --color always --format tsv
status 0 && no_esc "$tmp/out"
verdict $? "--color always colours text only, never tsv"

# run_tty ARGS: run as run() does, with stdout on a pseudo-terminal
# (script(1)); ARGS are one string, words quoted for sh -c.
run_tty() {
	TERM=xterm script -qec "env $envs '$prog' $1" /dev/null \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	sane "$1 (on a terminal)"
}

# A pseudo-terminal, so that --color auto has something to decide.
if command -v script >/dev/null 2>&1; then
	run_tty "-s nurs --color auto" && status 0 && out_has "${esc}[1;31m"
	verdict $? "--color auto on a terminal highlights"
	envs=NO_COLOR=1
	run_tty "-s nurs --color auto"
	envs=
	status 0 && out_has "Nursing" && no_esc "$tmp/out"
	verdict $? "NO_COLOR=1 --color auto on a terminal: no ESC byte"
else
	why="script(1) is missing: install bsdutils"
	fail "--color auto on a terminal"
fi

# A runaway pattern must hit the match limit, not the clock.
{
	printf 'allies:\n  - name: Runaway\n    url: https://example.org/\n'
	printf '    description: %s\n' \
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaX"
} >"$tmp/runaway.yaml"
saved=$limit
[ -n "$limit" ] && limit="timeout 5"
for pat in '(?:a+)+$' '^(a+)+$'; do
	run -d "$tmp/runaway.yaml" -s "$pat"
	status 2 && out_empty && err_has "too complex"
	verdict $? "-s '$pat' on 'aaa...X' hits the match limit within 5 s"
done
limit=$saved

# The work budget holds across the positions a match is tried at: these
# once ran for a minute (PCRE2's own limit starts again at each) and
# ended with no word of why.  The message is the one the bar shows.
too_complex="the pattern is too complex: it passed the search's work budget"
for pat in '(?:|){22}(*FAIL)' '(?:|){16}(*FAIL)' '((?:|){12}x)*y'; do
	run -s "$pat"
	status 2 && out_empty && err_has "sma-allies: $too_complex" ||
	    because "$why"
	verdict $? "-s '$pat' is too complex within 5 s"
done
limit=$saved

# The interpreter's memory is bounded too: thousands of empty groups
# repeated over a long description once took 12 GB.
awk 'BEGIN { printf "allies:\n  - name: Long\n    url: https://l.example/\n";
	printf "    description: \"";
	for (i = 0; i < 100000; i++) printf "care equity ";
	printf "\"\n" }' >"$tmp/long.yaml"
groups=$(awk 'BEGIN { printf "(?:"; for (i = 0; i < 3000; i++) printf "()";
	printf ".)*zq" }')
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f %M -o "$tmp/rss" $limit "$prog" -d "$tmp/long.yaml" \
	    -s "$groups" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	kb=$(tail -n 1 "$tmp/rss")
	why="peak memory $kb KiB"
	status 2 && err_has "$too_complex" && [ "$kb" -lt 1048576 ]
	verdict $? "3000 empty groups over 1.2 MB: too complex, under 1 GiB"
fi

# \C matches one byte: a highlight could cut a character in two.
run -s 'nurs\C'
status 2 && out_empty && err_has "invalid regex" &&
    err_has "using \\C is disabled"
verdict $? "-s 'nurs\\C' is refused at its place"

# SIGTERM ends a long -s at once: nothing holds the signal off.
awk 'BEGIN { printf "allies:\n";
	for (i = 0; i < 6000; i++)
		printf "  - {name: Ally %d, url: \"https://a.example/\", description: plain words of text}\n", i }' \
    >"$tmp/many.yaml"
$limit "$prog" -d "$tmp/many.yaml" -s '(?:|){9}(*FAIL)' >"$tmp/out" \
    2>"$tmp/err" </dev/null &
pid=$!
sleep 0.5
t0=$(date +%s%N)
kill -TERM "$pid" 2>/dev/null
{ wait "$pid"; } 2>/dev/null
rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
why="exit status $rc after $ms ms"
[ "$rc" -eq 143 ] && [ "$ms" -lt 500 ]
verdict $? "SIGTERM ends a long -s search within half a second"

# ---------------------------------------------------------------------
# Invalid files: every one is refused with every error, at its place.

expected=$bad/expected.txt

# check_errors FILE: the errors expected.txt lists for FILE appear on
# stderr in that order, each as "FILE:LINE:COL: error: ..." holding its
# substring, and there are no other errors.
check_errors() {
	why=$(awk -F "$tab" -v file="$1" -v base="${1##*/}" \
	    -v errfile="$tmp/err" '
	/^#/ || NF == 0 { next }
	$1 == base && $2 == "count" { want = $3; next }
	$1 == base { n++; pos[n] = $2; text[n] = $3 }
	END {
		i = 1
		while ((getline line < errfile) > 0) {
			if (index(line, file ":") != 1 ||
			    index(line, " error: ") == 0)
				continue
			nerr++
			if (i <= n &&
			    index(line, file ":" pos[i] ": error: ") == 1 &&
			    index(line, text[i]) > 0)
				i++
		}
		if (n == 0) {
			print "no line for it in expected.txt"
			exit 1
		}
		if (i <= n) {
			print "missing or out of order: " pos[i] ": " text[i]
			exit 1
		}
		if (want == "")
			want = n
		if (nerr + 0 != want + 0) {
			print nerr + 0 " errors, want " want
			exit 1
		}
	}' "$expected")
}

nbad=0
for f in "$bad"/*.yaml; do
	nbad=$((nbad + 1))
	run --check "$f"
	status 2 && out_empty && check_errors "$f"
	verdict $? "--check $f: status 2, the expected errors at their places"
	run -d "$f" --list
	status 2 && out_empty
	verdict $? "-d $f --list: status 2, nothing on stdout"
done
why="only $nbad invalid files"
[ "$nbad" -ge 35 ]
verdict $? "at least 35 invalid files ($nbad)"

# Every line of expected.txt names a file that is there.
why=$(awk -F "$tab" '!/^#/ && NF > 0 { print $1 }' "$expected" | sort -u |
    while read -r name; do
	[ -f "$bad/$name" ] || echo "expected.txt names a missing $name"
    done)
[ -z "$why" ]
verdict $? "expected.txt names only files that exist"

# The alias bomb: refused quickly and in little memory.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$prog" --check \
	    "$bad/alias-bomb.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	why=
	sane "--check $bad/alias-bomb.yaml (timed)"
	# time(1) puts "Command exited with non-zero status" first.
	secs=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 1)
	kb=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 2)
	why="took $secs s and $kb KB at most, want < 1 s and < 50 MB"
	status 2 && awk -v s="$secs" -v kb="$kb" \
	    'BEGIN { exit !(s + 0 < 1 && kb + 0 > 0 && kb + 0 < 51200) }'
	verdict $? "the alias bomb is refused in < 1 s and < 50 MB"
else
	why="/usr/bin/time is missing: install the time package"
	fail "the alias bomb is refused in < 1 s and < 50 MB"
fi

# ---------------------------------------------------------------------
# Odd but valid files: they load, and their yaml output loads again to
# the same allies.

# warnings_ok FILE: stderr holds exactly the warnings that
# expected-warnings.txt lists for FILE (none when it lists none).
warnings_ok() {
	why=$(awk -F "$tab" -v file="$1" -v base="${1##*/}" \
	    -v errfile="$tmp/err" '
	/^#/ || NF == 0 { next }
	$1 == base { n++; pos[n] = $2; text[n] = $3 }
	END {
		i = 1
		while ((getline line < errfile) > 0) {
			lines++
			if (i <= n &&
			    index(line, file ":" pos[i] ": warning: ") == 1 &&
			    index(line, text[i]) > 0)
				i++
		}
		if (i <= n) {
			print "missing or out of order: " pos[i] ": " text[i]
			exit 1
		}
		if (lines + 0 != n) {
			print lines + 0 " lines on stderr, want " n
			exit 1
		}
	}' "$good/expected-warnings.txt")
}

for f in "$good"/*.yaml; do
	run --check "$f"
	n=$(sed -n 's/^.*: OK, \([0-9]*\) all[iy]e*s*$/\1/p' "$tmp/out")
	status 0 && out_has "$f: OK, " && [ -n "$n" ] && warnings_ok "$f" ||
	    because "no 'FILE: OK, N allies' line"
	verdict $? "--check $f: OK"
	run -d "$f" --list
	cp "$tmp/out" "$tmp/list"
	status 0 && out_lines "${n:-0}"
	verdict $? "-d $f --list: one line for each of its ${n:-?} allies"
	if [ "${n:-0}" = 1 ]; then
		allies="1 ally"
	else
		allies="${n:-?} allies"
	fi
	run -d "$f" --list --format yaml
	cp "$tmp/out" "$tmp/fixture-yaml"
	round_trip round "$allies" "$tmp/list" \
	    "$f: its --format yaml output checks clean" \
	    "$f: --list is the same after a yaml round trip"
	run -d "$f" --list --format json
	cp "$tmp/out" "$tmp/fixture.json"
	if grep -q '\\ud[89ab]' "$tmp/fixture.json"; then
		# Tag characters: JSON can only write them as surrogate pairs,
		# which libyaml does not read.  A JSON parser reads the same
		# text as the data file holds.
		status 0 && python3 -c '
import json, sys, yaml
got = json.load(open(sys.argv[1]))["allies"]
want = yaml.safe_load(open(sys.argv[2], encoding="utf-8-sig"))["allies"]
for g, w in zip(got, want):
    for k in ("name", "url", "description"):
        assert g[k] == str(w[k]).rstrip("\n") or g[k] == str(w[k]), (k, g[k], w[k])
assert len(got) == len(want)
' "$tmp/fixture.json" "$f" 2>"$tmp/py" || because "$(tail -1 "$tmp/py")"
		verdict $? "$f: its --format json output reads as the same text"
		continue
	fi
	status 0 && python3 -m json.tool "$tmp/fixture.json" >/dev/null &&
	    run -d "$tmp/fixture.json" --list --format yaml &&
	    cmp -s "$tmp/out" "$tmp/fixture-yaml" ||
	    because "not JSON, or it does not load again as the same data"
	verdict $? "$f: its --format json output parses and loads as the same data"
done

# hostile-escapes.yaml: terminal controls in the data never reach the
# output, whatever the format.  bytes_clean FILE [BYTE...] checks for C0
# controls (but newline and the BYTEs allowed, such as 09), DEL, C1
# controls (U+0080-U+009F: C2 80 to C2 9F), bidi overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) and invalid UTF-8.
bytes_clean() {
	f=$1
	shift
	why=$(od -An -v -tx1 "$f" | tr -s ' \n' '\n\n' | grep . |
	    awk -v allow="0a $*" '
	BEGIN { n = split(allow, a, " "); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
	{
		if (($1 < "20" || $1 == "7f") && !($1 in ok)) {
			print "byte 0x" $1 " at offset " NR - 1
			exit 1
		}
		if (prev == "c2" && $1 >= "80" && $1 <= "9f") {
			print "C1 control c2 " $1 " at offset " NR - 2
			exit 1
		}
		if (prev2 == "e2" && (prev == "80" && $1 >= "aa" &&
		    $1 <= "ae" || prev == "81" && $1 >= "a6" && $1 <= "a9")) {
			print "bidi control e2 " prev " " $1 " at offset " NR - 3
			exit 1
		}
		prev2 = prev
		prev = $1
	}')
	[ -z "$why" ] || return 1
	iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 && return 0
	why="invalid UTF-8 in $f"
	return 1
}

hostile=$good/hostile-escapes.yaml
run -d "$hostile" --list
status 0 && out_lines 5 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: --list carries no control characters"
run -d "$hostile" -s .
status 0 && out_lines 5 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: -s . carries no control characters"
run -d "$hostile" -f description -s 'feed|backspace|bell|clipboard|newline'
status 0 && out_lines 5 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: description excerpts carry no control characters"
run -d "$hostile" -f tags -s 'bold|bell|here|line'
status 0 && out_lines 2 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: tag excerpts carry no control characters"
run -d "$hostile" --list --format tsv
status 0 && out_lines 5 && bytes_clean "$tmp/out" 09 &&
    awk -F "$tab" 'NF != 3 { bad = 1 } END { exit bad }' "$tmp/out" ||
    because "a line without exactly 3 columns"
verdict $? "hostile-escapes: tsv carries no control characters but its tabs"
run -d "$hostile" -s . --format yaml
status 0 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: yaml output escapes every control character"
run -d "$hostile" --show "Clear ${esc}[2J Screen ${esc}[31mRed${esc}[0m"
status 0 && out_has "Clear" && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: --show of an entry carries no control characters"
run -d "$hostile" -s . --format json
status 0 && bytes_clean "$tmp/out" && python3 -m json.tool "$tmp/out" >/dev/null
verdict $? "hostile-escapes: json output escapes every control character"
run -d "$hostile" -s . --format yaml --color always
status 0 && bytes_clean "$tmp/out"
verdict $? "hostile-escapes: --color always does not colour yaml"

# invisible.yaml: format characters (Cf), bidi controls and the line
# and paragraph separators, one in each ally's name and description.
# no_invisible FILE checks that none of their UTF-8 forms is in FILE;
# their list is the fixture's, in the same order.
invisible='e2808e e2808f d89c e2808b e2808c e2808d e281a0 efbbbf efbfb9
efbfba efbfbb f3a08081 f3a080a0 f3a08181 f3a081bf e280aa e280ab e280ac
e280ad e280ae e281a6 e281a7 e281a8 e281a9 e280a8 e280a9 c2ad e1a08e
e281a1 e281a4 e281aa d880 f09182bd f09d85b3'
no_invisible() {
	hex=$(od -An -v -tx1 "$1" | tr -d ' \n')
	for c in $invisible; do
		# Only at a byte boundary: an even offset in the hex.
		if printf '%s\n' "$hex" | grep -q "^\(..\)*$c"; then
			why="the character of UTF-8 $c reaches $1 raw"
			return 1
		fi
	done
}

inv=$good/invisible.yaml
n_inv=$(grep -c '^  - name:' "$inv")
[ "$n_inv" -eq "$(echo $invisible | wc -w)" ]
verdict $? "invisible.yaml: one ally for each character checked"
run -d "$inv" --list
status 0 && out_lines "$n_inv" && no_invisible "$tmp/out" &&
    [ "$(grep -c 'Aï¿½B' "$tmp/out" 2>/dev/null || true)" -ge 0 ] &&
    [ "$(grep -F -c "A$(printf '\357\277\275')B" "$tmp/out")" -eq "$n_inv" ] ||
    because "a name without its stand-in"
verdict $? "invisible: --list shows each as a stand-in, never raw"
run -d "$inv" -f description -s 'before.after'
status 0 && out_lines "$n_inv" && no_invisible "$tmp/out" &&
    [ "$(grep -F -c "before$(printf '\357\277\275')after" "$tmp/out")" \
    -eq "$n_inv" ] || because "an excerpt without its stand-in"
verdict $? "invisible: -s excerpts show each as a stand-in, never raw"
run -d "$inv" -s B --color always
status 0 && out_lines "$n_inv" && no_invisible "$tmp/out"
verdict $? "invisible: highlighted output carries none of them"
run -d "$inv" --list --format tsv
status 0 && out_lines "$n_inv" && no_invisible "$tmp/out"
verdict $? "invisible: tsv carries none of them"
run -d "$inv" --list --format yaml
status 0 && no_invisible "$tmp/out" && grep -q '\\u200B' "$tmp/out" ||
    because "no \\u200B escape in the yaml"
verdict $? "invisible: yaml writes each as an escape"
envs=LC_ALL=C
run -d "$inv" --list
envs=
status 0 && [ "$(grep -F -c 'A?B' "$tmp/out")" -eq "$n_inv" ] ||
    because "a name without its ? stand-in"
verdict $? "invisible: LC_ALL=C shows each as ?"
# A joiner between two pictographs is part of an emoji, not hidden.
run -d "$good/emoji.yaml" --list
status 0 && out_has "$(printf '\360\237\221\251\342\200\215\342\232\225')" &&
    ! grep -F -q "$(printf '\357\277\275')" "$tmp/out" ||
    because "the ZWJ sequence is not kept whole"
verdict $? "emoji: a joiner inside an emoji ZWJ sequence is kept"

envs=LC_ALL=C
run -d "$good/wide-cjk.yaml" --list
envs=
status 0 && out_lines 3 && ! LC_ALL=C grep -q '[^ -~]' "$tmp/out" ||
    because "a byte that is not printable ASCII"
verdict $? "LC_ALL=C: output is printable ASCII"

meta='https://example.org/a;b&c$(rm$IFS-rf$IFS~)&&x=$((1+1)),!*'
meta=$meta'?q=%60id%60%7C%22dq%22%27q%27#frag~!'
run -d "$good/shell-meta-url.yaml" --list --format tsv
status 0 && out_has "$meta"
verdict $? "shell-meta-url: the URL is printed exactly as written"

# ---------------------------------------------------------------------
# Where the data comes from.

missing=tests/data/missing.yaml
run -d "$missing" --list
status 2 && out_empty &&
    err_has "$missing: error: cannot open: No such file or directory"
verdict $? "-d a missing file: status 2, 'FILE: error: cannot open: ...'"

envs=SMA_ALLIES_DATA=$good/rtl.yaml
run --check
status 0 && out_is "$good/rtl.yaml: OK, 2 allies"
verdict $? "\$SMA_ALLIES_DATA is read when there is no -d"

run -d "$good/emoji.yaml" --check
status 0 && out_is "$good/emoji.yaml: OK, 2 allies"
verdict $? "-d wins over \$SMA_ALLIES_DATA"

envs=SMA_ALLIES_DATA=$bad/url-ftp.yaml
run --list
envs=
status 2 && out_empty && err_has "$bad/url-ftp.yaml:3:10: error: "
verdict $? "an invalid \$SMA_ALLIES_DATA is refused, named as given"

# Paths that are not regular files.  Each gets a load or a one-line
# "FILE: error: ..." within a second, in bounded memory.  timed ARG...
# runs like run, under /usr/bin/time, and sets $secs and $kb.
timed() {
	if [ ! -x /usr/bin/time ]; then
		run "$@"
		secs=0
		kb=1
		return
	fi
	$limit /usr/bin/time -f '%e %M' -o "$tmp/time" "$prog" "$@" \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	sane "$*"
	secs=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 1)
	kb=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 2)
}

# quick: the last timed run took < 1 s and < 100 MB (ASan's own share
# included).
quick() {
	awk -v s="$secs" -v kb="$kb" \
	    'BEGIN { exit !(s + 0 < 1 && kb + 0 < 102400) }' && return 0
	why="took $secs s and $kb KB, want < 1 s and < 100 MB"
	return 1
}

# refused PATH TEXT: status 2, nothing on stdout, one error line that
# names PATH and says TEXT.
refused() {
	status 2 && out_empty && err_has "$1: error: $2" &&
	    [ "$(grep -c ' error: ' "$tmp/err")" -eq 1 ] ||
	    because "not exactly one error line"
}

mkfifo "$tmp/fifo"
timed --check "$tmp/fifo"
refused "$tmp/fifo" "a named pipe with no writer" &&
    awk -v s="$secs" 'BEGIN { exit !(s + 0 >= 0.9 && s + 0 < 2) }' ||
    because "took $secs s, want about 1 s"
verdict $? "a named pipe with no writer: 'no writer' after about 1 s"

cat data/allies.yaml >"$tmp/fifo" &
timed --check "$tmp/fifo"
wait
status 0 && out_is "$tmp/fifo: OK, 12 allies"
verdict $? "a named pipe with a writer loads"

{ sleep 1; cat data/allies.yaml; } >"$tmp/fifo" &
timed -d "$tmp/fifo" --list
wait
status 0 && out_lines 12
verdict $? "a named pipe whose writer is slow to write still loads"

cat data/allies.yaml | $limit "$prog" -d - --list >"$tmp/out" 2>"$tmp/err"
rc=$?
why=
sane "-d - --list from a pipe" && status 0 && cmp -s "$tmp/out" "$tmp/seed-list"
verdict $? "-d - reads standard input (a pipe)"

$limit "$prog" --check - <data/allies.yaml >"$tmp/out" 2>"$tmp/err"
rc=$?
why=
sane "--check - from a file" && status 0 && out_is "-: OK, 12 allies"
verdict $? "--check - reads standard input (a file)"

# What -d <(generator) opens: a pipe by a /dev/fd name.
cat data/allies.yaml | $limit "$prog" --check /dev/stdin >"$tmp/out" \
    2>"$tmp/err"
rc=$?
why=
sane "--check /dev/stdin from a pipe" && status 0 &&
    out_is "/dev/stdin: OK, 12 allies"
verdict $? "a pipe opened by name (as -d <(generator) is) loads"

timed --check /dev/zero
status 2 && out_empty && err_has "/dev/zero:1:1: error: NUL byte" && quick
verdict $? "/dev/zero: a NUL byte at once, in little memory"

timed --check /dev/urandom
status 2 && out_empty && err_has "/dev/urandom:1:" && quick
verdict $? "/dev/urandom: refused at once, in little memory"

timed --check tests/data
refused tests/data "a directory, not a data file" && quick
verdict $? "a directory: 'a directory, not a data file'"

if command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/sock" 2>/dev/null; then
	timed --check "$tmp/sock"
	refused "$tmp/sock" "a socket, not a data file" && quick
	verdict $? "a socket: 'a socket, not a data file'"
else
	echo "# skipped: no python3 to make a socket"
fi

ln -s loop-b "$tmp/loop-a"
ln -s loop-a "$tmp/loop-b"
timed --check "$tmp/loop-a"
refused "$tmp/loop-a" "cannot open: " && err_has "symbolic links" && quick
verdict $? "a symbolic link loop: 'cannot open: ... symbolic links'"

cp data/allies.yaml "$tmp/unreadable.yaml"
chmod 000 "$tmp/unreadable.yaml"
timed --check "$tmp/unreadable.yaml"
if [ "$(id -u)" -eq 0 ]; then
	# root reads it all the same: then it simply loads.
	status 0 && out_is "$tmp/unreadable.yaml: OK, 12 allies"
else
	refused "$tmp/unreadable.yaml" "cannot open: Permission denied"
fi
verdict $? "a file without read permission: 'Permission denied' (or, as root, a load)"

if truncate -s 4G "$tmp/sparse.yaml" 2>/dev/null; then
	timed --check "$tmp/sparse.yaml"
	refused "$tmp/sparse.yaml" "the file is 4096 MiB, larger than 1024 MiB" &&
	    quick
	verdict $? "a sparse 4 GiB file: over the size limit, at once"
	rm -f "$tmp/sparse.yaml"
else
	echo "# skipped: no room for a sparse 4 GiB file"
fi

# A file name is untrusted text: an escape sequence or a newline in it
# reaches no terminal, and each message stays one line.
evil="$tmp/a${esc}[31mred${esc}]52;c;eA==${esc}\\
name.yaml"
cp data/allies.yaml "$evil"
run --check "$evil"
status 0 && out_lines 1 && out_has "red" && no_esc "$tmp/out"
verdict $? "--check a file whose name holds ESC and a newline: one safe line"
cp "$bad/url-ftp.yaml" "$evil"
run --check "$evil"
status 2 && out_empty && no_esc "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || because "not one line on stderr"
verdict $? "an error in a file whose name holds ESC and a newline: one safe line"
rm -f "$evil"
run -d "$evil" --list
status 2 && err_has "cannot open" && no_esc "$tmp/err" &&
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || because "not one line on stderr"
verdict $? "a missing file whose name holds ESC and a newline: one safe line"
run --format "${esc}[2Jx" --list
status 2 && err_has "unknown format" && no_esc "$tmp/err"
verdict $? "a usage error quoting an argument with ESC: no ESC on stderr"

# ---------------------------------------------------------------------
# A file that changes under the reader: truncated, cut short or rewritten
# in place while --check reads it.  No change to a file, at any moment,
# may kill the program (a mapped file did, with SIGBUS: signal 7); each
# run ends with a verdict, 0 or 2 and the file named in an error.

gen=build/tests/gen-allies
if [ -x "$gen" ]; then
	"$gen" 20000 >"$tmp/changing-src.yaml"
else
	awk 'BEGIN {
		print "allies:"
		for (i = 0; i < 60000; i++) {
			print "  - name: Ally number " i
			print "    url: https://example.org/" i
			print "    description: a description of some length"
		}
	}' >"$tmp/changing-src.yaml"
fi
head -c 1000000 "$tmp/changing-src.yaml" >"$tmp/changing-head.yaml"
changing=$tmp/changing.yaml
deaths=0
verdicts=0
n=0
for delay in 0.01 0.03 0.06 0.1 0.15 0.2 0.3 0.4; do
	for how in empty shorter rewrite; do
		n=$((n + 1))
		cp "$tmp/changing-src.yaml" "$changing"
		$limit "$prog" --check "$changing" >"$tmp/out" 2>"$tmp/err" \
		    </dev/null &
		pid=$!
		sleep "$delay"
		case $how in
		empty)	truncate -s 0 "$changing" ;;
		shorter) truncate -s 1000000 "$changing" ;;
		rewrite) cat "$tmp/changing-head.yaml" >"$changing" ;;
		esac
		wait "$pid"
		rc=$?
		why=
		if ! sane "--check a file that is $how while read"; then
			deaths=$((deaths + 1))
			echo "#   after $delay s ($how): exit status $rc"
			continue
		fi
		if [ "$rc" -eq 0 ] || { [ "$rc" -eq 2 ] &&
		    grep -q "^$changing:[0-9:]* *error: " "$tmp/err"; }; then
			verdicts=$((verdicts + 1))
		else
			echo "#   after $delay s ($how): exit status $rc"
			sed 's/^/#     /' "$tmp/err" | head -n 3
		fi
	done
done
why="$deaths of $n runs died by a signal"
[ "$deaths" -eq 0 ]
verdict $? "a file truncated or rewritten while read never kills the program"
why="$((n - verdicts - deaths)) of $n runs ended without OK or an error"
[ "$verdicts" -eq $((n - deaths)) ]
verdict $? "a file that changes while read: OK or an error naming it"

# ---------------------------------------------------------------------
# Memory bounded by the input, valid or not: peak memory stays under
# 2 x the file's size + 32 MiB (README, Limits).  Measured on the plain
# build, not $prog: AddressSanitizer keeps freed memory in quarantine
# and adds its shadow, so the sanitizer build's peak says nothing of the
# program's own.  Each file is about 20 MB; before the limits the first
# four took 0.3 to 0.8 GB (2 GB and more at 50 MB).

plain=$PWD/sma-allies

# expand NAME SHAPE: about 20 MB of SHAPE into $tmp/NAME.yaml.
expand() {
	awk -v shape="$2" 'BEGIN {
		for (i = 0; i < 500; i++)
			chunk = chunk "a,"
		n = 20 * 1024
		ally = "  - name: A\n    url: https://a.example/\n" \
		    "    description: d\n"
		if (shape == "alias-list") {
			printf "junk: &x ["
			for (i = 0; i < n; i++)
				printf "%s", chunk
			print "a]\nmore: [*x, *x, *x, *x]\nallies: []"
		} else if (shape == "many-tags" || shape == "anchored-tags") {
			printf "allies:\n%s    tags: %s[", ally,
			    shape == "many-tags" ? "" : "&t "
			for (i = 0; i < n; i++)
				printf "%s", chunk
			print "a]"
		} else if (shape == "tiny-tags") {
			print "allies:"
			for (i = 0; i < n; i++)
				printf "  - {name: n%d, url: \"http://a\", " \
				    "description: d, tags: [%sa]}\n", i, chunk
		} else if (shape == "tiny-allies") {
			print "allies:"
			for (i = 0; i < n * 20; i++)
				printf "- {name: n%d, url: \"http://a\", " \
				    "description: d}\n", i
		}
	}' >"$tmp/$1.yaml"
}

# bounded NAME STATUS TEXT: --check $tmp/NAME.yaml exits with STATUS,
# saying TEXT, within the memory bound.
bounded() {
	f=$tmp/$1.yaml
	size_kb=$(($(wc -c <"$f") / 1024))
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$plain" --check "$f" \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	why=
	sane "--check $f (plain build, timed)" || return 1
	kb=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 2)
	status "$2" && { out_has "$3" || err_has "$3"; } || return 1
	[ "$kb" -lt $((2 * size_kb + 32768)) ] && return 0
	why="peak $kb KB for $size_kb KB, over 2 x size + 32 MiB"
	return 1
}

if [ -x /usr/bin/time ] && [ -x "$plain" ]; then
	for shape in alias-list many-tags anchored-tags tiny-tags tiny-allies; do
		expand "$shape" "$shape"
	done
	bounded alias-list 2 "anchors hold more than 100000 nodes"
	verdict $? "an anchored list repeated by aliases: refused in bounded memory"
	bounded many-tags 2 "'tags' has more than 1000 items"
	verdict $? "20 MB of tags on one ally: refused in bounded memory"
	bounded anchored-tags 2 "'tags' has more than 1000 items"
	verdict $? "an anchored list of 20 MB of tags: refused in bounded memory"
	bounded tiny-tags 2 "takes more than 2 times its size in memory"
	verdict $? "tiny tags that cost more than their text: refused in bounded memory"
	bounded tiny-allies 0 "OK, 409600 allies"
	verdict $? "20 MB of the smallest allies: loaded in bounded memory"
	rm -f "$tmp"/*.yaml
	# A stream that never ends one value: judged long before its end.
	yes | /usr/bin/time -f '%e %M' -o "$tmp/time" "$plain" -d - --check \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	why=
	kb=$(tail -n 1 "$tmp/time" | cut -d ' ' -f 2)
	sane "-d - --check from yes (plain build, timed)" && status 2 &&
	    err_has "-: error: a value (or a run of comments) of more than" &&
	    [ "$kb" -lt 32768 ] || because "peak $kb KB, want < 32 MiB"
	verdict $? "yes | sma-allies -d -: one endless value, refused in bounded memory"
	if [ -x "$gen" ]; then
		"$gen" 20000 >"$tmp/generated.yaml"
		bounded generated 0 "OK, 20000 allies"
		verdict $? "a generated file of 20000 allies: loaded in bounded memory"
	fi
else
	echo "# skipped: the memory bound needs /usr/bin/time and ./sma-allies"
fi

# ---------------------------------------------------------------------
# Topics: -t TAG (every one given, any case) and --tags.

# The seed data's tags, counted here from the file: one per ally that
# lists it, most allies first, then by name.
awk '/^    tags: \[/ {
	sub(/^    tags: \[/, ""); sub(/\][[:space:]]*$/, "")
	n = split($0, t, /, */)
	for (i = 1; i <= n; i++) count[tolower(t[i])]++
} END { for (k in count) printf "%s\t%d\n", k, count[k] }' data/allies.yaml |
    sort -t "$tab" -k2,2nr -k1,1 >"$tmp/tags.want"

run --tags
status 0 && err_empty && cmp -s "$tmp/out" "$tmp/tags.want" ||
    because "--tags differs from the tags counted in data/allies.yaml"
verdict $? "--tags: every tag of the data with its count, TAB-separated"

run --tags
status 0 && out_lines 26 && out_is "leadership	3
community health	2
education	2
global health	2
medical education	2
mentoring	2
students	2
activism	1
advocacy	1
anchor institutions	1
chronic illness	1
community development	1
community organizing	1
complex care	1
diversity	1
equity	1
family medicine	1
health system	1
nursing	1
partnerships	1
person-centered care	1
physicians	1
primary care	1
research	1
sex and gender	1
team development	1"
verdict $? "--tags: exactly the seed data's 26 tags, most allies first"

run --tags --format tsv -d tests/data/good/empty-allies.yaml
status 0 && out_empty && err_empty
verdict $? "--tags on a file without allies prints nothing, status 0"

run --tags --format text
status 0 && out_lines 26 && awk 'NR == 1 && $0 != "3  leadership" ||
    NR == 26 && $0 != "1  team development" { bad = 1 } END { exit bad }' \
    "$tmp/out" || because "not 'COUNT  TAG' lines"
verdict $? "--tags --format text: the count, two spaces, the tag"

if command -v script >/dev/null 2>&1; then
	run_tty --tags && status 0 && out_has "3  leadership" &&
	    ! grep -q "$tab" "$tmp/out" ||
	    because "not the text format on a terminal"
	verdict $? "--tags on a terminal prints the text format"
fi

run --tags --format yaml
status 2 && out_empty && err_has "--tags prints text or tsv"
verdict $? "--tags --format yaml: status 2"

run --list -t students
status 0 && err_empty && out_lines 2 &&
    out_has "The Albert Schweitzer Fellowship  " &&
    out_has "The American Medical Student Association (AMSA)  "
verdict $? "--list -t students: the two allies that have the tag"

run --list --tag STUDENTS
status 0 && out_lines 2 && out_has "The Albert Schweitzer Fellowship"
verdict $? "--tag STUDENTS: tags are compared in any case"

run --list -t students -t mentoring
status 0 && err_empty && out_lines 1 &&
    out_has "The Albert Schweitzer Fellowship  "
verdict $? "-t students -t mentoring: only the ally with both"

run --list -t students -t nursing
status 1 && out_empty && err_empty
verdict $? "two tags no ally has together: status 1, nothing printed"

run -s nursing -t leadership
status 0 && out_lines 1 &&
    out_has "The Organization for Associate Degree Nursing (OADN)"
verdict $? "-s nursing -t leadership: the search among the tag's allies"

run -s Physicians -t leadership
status 1 && out_empty
verdict $? "-s with -t: a match outside the tag does not count"

run --list -t "global health" --format tsv
status 0 && out_lines 2 &&
    awk -F "$tab" 'NF != 3 { bad = 1 } END { exit bad }' "$tmp/out" &&
    out_has "The Network Towards Unity for Health	TUFH	https://thenetworktufh.org/"
verdict $? "--list -t --format tsv: the same three columns"

run --list -t nurse
status 1 && out_empty &&
    err_has "no ally has the tag 'nurse'; did you mean 'nursing'?"
verdict $? "-t nurse: status 1, nothing printed, the closest tag on stderr"

run -s . -t helth
status 1 && out_empty && err_has "'community health'" &&
    err_has "'global health'"
verdict $? "-s . -t helth: status 1 and the tags it is close to"

run --list -t zzyzx
status 1 && out_empty && err_has "sma-allies --tags lists all 26"
verdict $? "-t with nothing close: status 1, pointing to --tags"

run --list -t "$(printf 'x\033[2Jy')"
status 1 && out_empty && no_esc "$tmp/err"
verdict $? "-t with an escape sequence: never echoed raw"

# A kiosk's visitors choose their own topics.
for args in "--tags -t students" "--check -t students" "--kiosk -t students"
do
	run $args
	status 2 && out_empty && err_has "-t goes with"
	verdict $? "$args: status 2, -t goes with -s, --list or the browser"
done

run --tags --list
status 2 && out_empty && err_has "choose one of"
verdict $? "--tags with --list: status 2"

# ---------------------------------------------------------------------
# Options.

run --help
status 0 && out_has "usage:" && err_empty &&
    awk 'length > 80 { bad = 1 } END { exit bad }' "$tmp/out" ||
    because "a line wider than 80 columns"
verdict $? "--help: status 0, every line at most 80 columns"

run -h
status 0 && out_has "usage:"
verdict $? "-h is --help"

run -V
status 0 && out_is "sma-allies 0.1.0" && err_empty
verdict $? "-V prints 'sma-allies 0.1.0'"

run --version
status 0 && out_is "sma-allies 0.1.0"
verdict $? "--version prints 'sma-allies 0.1.0'"

run --no-such-option
status 2 && out_empty && err_has "usage:"
verdict $? "an unknown option: status 2 and the usage"

run --kiosk -s x
status 2 && out_empty && err_has "browser"
verdict $? "--kiosk -s x: status 2, kiosk is for the browser"

run --list -s x
status 2 && out_empty
verdict $? "--list with -s: status 2"

run --format csv --list
status 2 && out_empty && err_has "unknown format 'csv'"
verdict $? "--format csv: status 2"

run --color sometimes -s x
status 2 && out_empty && err_has "--color"
verdict $? "--color sometimes: status 2"

run --list extra
status 2 && out_empty && err_has "unexpected argument 'extra'"
verdict $? "a stray argument: status 2"

run
status 2 && out_empty && err_has "terminal"
verdict $? "the browser refuses to start without a terminal, and says why"

# ---------------------------------------------------------------------
# A reader that goes away: a write error, not a death by SIGPIPE.

awk 'BEGIN {
	print "allies:"
	for (i = 0; i < 3000; i++) {
		print "  - name: Ally number " i
		print "    url: https://example.org/" i
		printf "    description:"
		for (j = 0; j < 40; j++)
			printf " word"
		print ""
	}
}' >"$tmp/big.yaml"

for format in text yaml; do
	sh -c '"$1" --list --format "$2" -d "$3" 2>"$4/err"; echo $? >"$4/rc"' \
	    sh "$prog" "$format" "$tmp/big.yaml" "$tmp" </dev/null |
	    head -n 1 >/dev/null
	rc=$(cat "$tmp/rc")
	: >"$tmp/out"
	why=
	sane "--list --format $format | head -n 1" && status 2 && err_empty
	verdict $? "--list --format $format | head -n 1: status 2, quietly"
done

# ---------------------------------------------------------------------
# A kiosk's stats file, summarised for staff; hours in the zone of TZ.

stats=tests/data/stats
envs=TZ=UTC
run --stats-report $stats/visits.tsv
status 0 && err_empty && cmp -s "$tmp/out" $stats/visits.txt ||
    because "stdout is not $stats/visits.txt"
verdict $? "--stats-report: visits per hour, median visit, views, codes, topics"
run --stats-report $stats/visits.tsv --format tsv
status 0 && err_empty && cmp -s "$tmp/out" $stats/visits.report.tsv ||
    because "stdout is not $stats/visits.report.tsv"
verdict $? "--stats-report --format tsv: the same as section, item, value"
run --stats-report $stats/malformed.tsv
status 0 && cmp -s "$tmp/out" $stats/malformed.txt &&
    cmp -s "$tmp/err" $stats/malformed.err ||
    because "stdout or stderr is not $stats/malformed.txt, .err"
verdict $? "--stats-report: each malformed line a FILE:LINE:COL warning, skipped"
envs=TZ=America/New_York
run --stats-report $stats/visits.tsv
status 0 && out_has "  2026-05-01 05:00  2" && out_has "(local time, EDT)"
verdict $? "--stats-report: hours in local time (TZ)"
envs=
run --stats-report $stats/not-stats.tsv
status 2 && out_empty &&
    err_has "$stats/not-stats.tsv:1:1: error: not a stats file: the first line is not the header"
verdict $? "--stats-report of a file that is no stats file: exit 2"
run --stats-report $tmp/no-such.tsv
status 2 && out_empty && err_has "$tmp/no-such.tsv: error: No such file"
verdict $? "--stats-report of a missing file: exit 2"
run --stats-report $stats/visits.tsv --format yaml
status 2 && out_empty && err_has "--stats-report prints text or tsv"
verdict $? "--stats-report --format yaml: a usage error"
run --stats $tmp/s.tsv
status 2 && out_empty && err_has "--stats go with --kiosk" &&
    [ ! -e "$tmp/s.tsv" ] || because "--stats without --kiosk wrote a file"
verdict $? "--stats without --kiosk: a usage error, no file"

# A staff PIN a patient visitor could find is refused before anything.
printf '%s\n' 2468 >"$tmp/pin"
run --kiosk --staff-pin-file "$tmp/pin"
status 2 && out_empty &&
    err_has "the staff PIN in $tmp/pin has 4 characters; it needs at least 6" &&
    err_has "every 4-digit PIN in about a week"
verdict $? "a 4-digit PIN in --staff-pin-file: refused, saying why"
envs=SMA_ALLIES_STAFF_PIN=12345
run --kiosk
status 2 && err_has "the staff PIN from SMA_ALLIES_STAFF_PIN has 5 characters"
verdict $? "a 5-digit SMA_ALLIES_STAFF_PIN: refused"
envs=SMA_ALLIES_STAFF_PIN=246813
run --kiosk
status 2 && err_has "needs a terminal" && ! grep -q "staff PIN" "$tmp/err" ||
    because "a 6-digit PIN was refused"
verdict $? "a 6-digit PIN passes (only the missing terminal is an error here)"
envs=

# --search-mode: words or regex, for the interactive browser alone.
run --search-mode fuzzy
status 2 && out_empty &&
    err_has "--search-mode takes words or regex, not 'fuzzy'" &&
    err_has "usage:"
verdict $? "--search-mode fuzzy: a usage error naming the two modes"
run --search-mode
status 2 && out_empty && err_has "option '--search-mode' needs a value"
verdict $? "--search-mode without a value: a usage error"
run --search-mode words -s nursing
status 2 && out_empty && err_has "--search-mode is for the interactive browser"
verdict $? "--search-mode with -s: a usage error (-s reads a regex)"
run --search-mode words --list
status 2 && out_empty && err_has "--search-mode is for the interactive browser"
verdict $? "--search-mode with --list: a usage error"
run --kiosk --search-mode regex
status 2 && out_empty && err_has "a kiosk reads words"
verdict $? "--search-mode with --kiosk: a usage error (a kiosk reads words)"
# -q is checked before the screen: a regex may be wrong, words never.
run -q '(aafp'
status 2 && out_empty && err_has "missing closing parenthesis"
verdict $? "-q '(aafp' in the default regex mode: the pattern's error"
run --search-mode words -q '(aafp'
status 2 && err_has "needs a terminal" && ! grep -q "parenthesis" "$tmp/err" ||
    because "-q in words mode was read as a regex"
verdict $? "-q '(aafp' in words mode: no pattern error (only the terminal)"

# ---------------------------------------------------------------------
# The configuration file: --print-config with none and with one (exact
# output), reading back; --config FILE good, bad, missing or not a file;
# --no-config; options that do not go together.

cfgdir=$XDG_CONFIG_HOME/sma-allies
mkdir -p "$cfgdir"
cat >"$tmp/print-default" <<'EOF'
# sma-allies: the configuration in effect, the defaults and what the file set.
# It reads back as a configuration file (~/.config/sma-allies/config.yaml).
theme: default
search_mode: regex
sort: file
mouse: true
# The command that opens a website, "%s" standing for it (else it comes
# last); none: $BROWSER, else xdg-open.  terminal: true gives it the
# terminal, false a window of its own, auto tells by its name.
opener:
  command: []
  terminal: auto
# A style not given here looks as the theme has it.  The styles:
# normal, title, selected, selected_dim, match, header, header_focus,
# label, link, bold, dim, error, key, qr
# Each is words such as "bold white on blue": a colour (a name or 0 to 255),
# "on" a colour behind it, bold, underline, reverse, dim.
colors: {}
# Each action's keys, named as the help page (?) names them.
keys:
  # Browsing the list and the description
  down: [j, Down]
  up: [k, Up]
  page_down: [PgDn, Space, C-f]
  page_up: [PgUp, C-b]
  first: [g, Home]
  last: [G, End]
  focus: [Tab, S-Tab]
  search: ["/"]
  clear: [Esc]
  next: ["n"]
  prev: ["N"]
  sort: [s]
  topics: [t]
  open: [o]
  enter: [Enter]
  become: [b]
  qr: [c]
  copy: ["y"]
  copy_name: ["Y"]
  copy_entry: [E]
  about: [a]
  help: ["?", F1]
  redraw: [C-l]
  quit: [q]
  # In the search bar (printable keys are text there)
  bar_accept: [Enter]
  bar_cancel: [Esc]
  bar_older: [Up, C-p]
  bar_newer: [Down, C-n]
  bar_clear: [C-u]
  bar_kill_word: [C-w]
  bar_left: [Left, C-b]
  bar_right: [Right, C-f]
  bar_home: [Home, C-a]
  bar_end: [End, C-e]
  bar_backspace: [Backspace, C-h]
  bar_delete: [Del, C-d]
  bar_scope: [Tab]
  bar_mode: [C-r]
EOF

run --print-config
status 0 && cmp -s "$tmp/out" "$tmp/print-default" && err_empty ||
    because "stdout is not the default configuration"
verdict $? "--print-config without a file: the defaults, exactly"

cat >"$cfgdir/config.yaml" <<'EOF'
theme: light
search_mode: words
sort: name
mouse: off
opener: {command: "w3m %s", terminal: true}
colors:
  title: white on blue bold
keys:
  quit: [q, C-q]
  help: [h, "?"]
EOF
sed -e 's/^theme: default$/theme: light/' \
    -e 's/^search_mode: regex$/search_mode: words/' \
    -e 's/^sort: file$/sort: name/' -e 's/^mouse: true$/mouse: false/' \
    -e 's/^  command: \[\]$/  command: [w3m, "%s"]/' \
    -e 's/^  terminal: auto$/  terminal: true/' \
    -e 's/^colors: {}$/colors:\
  title: "bold white on blue"/' \
    -e 's/^  quit: \[q\]$/  quit: [q, C-q]/' \
    -e 's/^  help: \["?", F1\]$/  help: [h, "?"]/' \
    "$tmp/print-default" >"$tmp/print-set"
run --print-config
status 0 && cmp -s "$tmp/out" "$tmp/print-set" && err_empty ||
    because "stdout is not the defaults with the file's settings"
verdict $? "--print-config with a file: the defaults and what it set, exactly"
cp "$tmp/out" "$tmp/printed.yaml"
run --print-config --config "$tmp/printed.yaml"
status 0 && cmp -s "$tmp/out" "$tmp/printed.yaml" && err_empty ||
    because "it does not read back as the same configuration"
verdict $? "--print-config's output, read back with --config, prints the same"

run --print-config --no-config
status 0 && cmp -s "$tmp/out" "$tmp/print-default" && err_empty ||
    because "--no-config still read the file"
verdict $? "--print-config --no-config: the defaults, the file unread"

cat >"$tmp/bad-config.yaml" <<'EOF'
theme: purple
colours: red
keys:
  quit: [q, o]
  help: [x]
  about: [x]
EOF
run --print-config --config "$tmp/bad-config.yaml"
{
	echo "$tmp/bad-config.yaml:1:8: error: 'theme' must be light, dark or default, not \"purple\""
	echo "$tmp/bad-config.yaml:2:1: warning: unknown key \"colours\" in the configuration ignored (the settings are theme, colors, keys, search_mode, sort, mouse and opener)"
	echo "$tmp/bad-config.yaml:4:13: warning: \"o\", given to 'quit', was the key of 'open', which has no key now"
	echo "$tmp/bad-config.yaml:6:11: error: \"x\" is given to 'about' and to 'help' (line 5, column 10); a key does one thing"
} >"$tmp/want-err"
status 2 && out_empty && cmp -s "$tmp/err" "$tmp/want-err" ||
    because "stderr is not the four diagnostics, FILE:LINE:COL"
verdict $? "--config with a bad file: each problem at FILE:LINE:COL, exit 2"

cp "$tmp/bad-config.yaml" "$cfgdir/config.yaml"
run --print-config
status 2 && out_empty && err_has "$cfgdir/config.yaml:1:8: error:"
verdict $? "--print-config with a bad default file: its errors, exit 2"
run --print-config --no-config
status 0 && cmp -s "$tmp/out" "$tmp/print-default" && err_empty
verdict $? "--no-config: a bad default file is not read"
rm -f "$cfgdir/config.yaml"

run --print-config --config "$tmp/no-such.yaml"
status 2 && out_empty && err_has "$tmp/no-such.yaml: error: no such file"
verdict $? "--config with a missing file: said, exit 2"
run --print-config --config "$tmp"
status 2 && out_empty && err_has "$tmp: error: not a regular file"
verdict $? "--config with a folder: not a regular file, exit 2"
mkfifo "$tmp/config-fifo"
run --print-config --config "$tmp/config-fifo"
status 2 && out_empty && err_has "$tmp/config-fifo: error: not a regular file"
verdict $? "--config with a FIFO: refused at once, never waiting for a writer"
awk 'BEGIN { for (i = 0; i < 9000; i++) print "# padding" }' \
    >"$tmp/big-config.yaml"
run --print-config --config "$tmp/big-config.yaml"
status 2 && out_empty && err_has "error: larger than 64 KiB"
verdict $? "--config with a file over 64 KiB: refused, exit 2"

run --config
status 2 && out_empty && err_has "option '--config' needs a value"
verdict $? "--config without FILE: usage error, exit 2"
run --config "$tmp/printed.yaml" --no-config
status 2 && out_empty && err_has "--config FILE and --no-config contradict"
verdict $? "--config FILE with --no-config: usage error, exit 2"
run --list --config "$tmp/printed.yaml"
status 2 && out_empty &&
    err_has "--config and --no-config go with the browser and --print-config"
verdict $? "--config with --list: usage error, exit 2"
run --kiosk --no-config
status 2 && out_empty && err_has "a kiosk or a public session reads no configuration"
verdict $? "--no-config with --kiosk: usage error, exit 2"
run --public --config "$tmp/printed.yaml"
status 2 && out_empty && err_has "a kiosk or a public session reads no configuration"
verdict $? "--config with --public: usage error, exit 2"
run --print-config --list
status 2 && out_empty && err_has "choose one of"
verdict $? "--print-config with --list: usage error, exit 2"
run --print-config -d data/allies.yaml
status 2 && out_empty && err_has "--print-config reads no data"
verdict $? "--print-config with -d: usage error, exit 2"

# ---------------------------------------------------------------------

why="$insane of $runs runs crashed or reported a sanitizer error"
[ "$insane" -eq 0 ]
verdict $? "no run of $runs died by a signal or tripped a sanitizer"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
