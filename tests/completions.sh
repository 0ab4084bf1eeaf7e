#!/bin/sh
# The shell completions, loaded by each shell as it loads them and asked
# to complete: an option, a fixed value, a tag and a name read from the
# data through sma-allies itself; and every long option --help names is
# one each shell offers.
#
#   sh tests/completions.sh PROGRAM
set -u
prog=$1
case $prog in
/*) ;;
*) prog=$PWD/$prog ;;
esac
dir=$PWD/data/completions
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sma-compl.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
# The completions call sma-allies by name: this one.
mkdir "$tmp/bin"
ln -s "$prog" "$tmp/bin/sma-allies"
PATH=$tmp/bin:$PATH
export PATH
pass=0
fail=0
verdict() {
	if [ "$1" -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok - $2"
	else
		fail=$((fail + 1))
		echo "not ok - $2"
		sed 's/^/#   /' "$tmp/got" | head -20
	fi
}

# bash: COMPREPLY for the words given, one per line.
bash_complete() {
	bash --norc -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	    _sma_allies; printf "%s\n" "${COMPREPLY[@]}"' \
	    bash "$dir/sma-allies.bash" sma-allies "$@" >"$tmp/got" 2>&1
}
# fish: its candidates for a command line, one per line (TAB description).
fish_complete() {
	fish --no-config -c "source '$dir/sma-allies.fish'; complete -C '$1'" \
	    >"$tmp/got" 2>&1
}
# zsh: the line after Tab.
zsh_complete() {
	zsh -f tests/completions.zsh "$dir" "$1" 2>&1 | tr -d '\r' >"$tmp/got"
}

bash_complete --fo
grep -qx -- --format "$tmp/got"
verdict $? "bash completes --fo to --format"
bash_complete --sort n
grep -qx name "$tmp/got"
verdict $? "bash completes --sort n to name"
bash_complete -t fam
grep -qx 'family\\ medicine' "$tmp/got"
verdict $? "bash completes -t fam to the tag 'family medicine', read with --tags"
bash_complete -d tests/data/good/sorting.yaml --show Alph
grep -qx 'Alpha\\ Care' "$tmp/got"
verdict $? "bash completes --show from the names of the -d file"

fish_complete 'sma-allies --fo'
grep -q "^--format	" "$tmp/got"
verdict $? "fish completes --fo to --format"
fish_complete 'sma-allies --sort n'
grep -q "^name	" "$tmp/got"
verdict $? "fish completes --sort n to name"
fish_complete 'sma-allies -t fam'
grep -q "^family medicine	" "$tmp/got"
verdict $? "fish completes -t fam to the tag 'family medicine', read with --tags"
fish_complete 'sma-allies -d tests/data/good/sorting.yaml --show Alph'
grep -q "^Alpha Care	" "$tmp/got"
verdict $? "fish completes --show from the names of the -d file"

zsh_complete '--fo'
grep -q -- 'sma-allies --format' "$tmp/got"
verdict $? "zsh completes --fo to --format"
zsh_complete '--sort n'
grep -q -- 'sma-allies --sort name' "$tmp/got"
verdict $? "zsh completes --sort n to name"
zsh_complete '-t fam'
grep -q -- 'sma-allies -t family\\ medicine' "$tmp/got"
verdict $? "zsh completes -t fam to the tag 'family medicine', read with --tags"
zsh_complete '-d tests/data/good/sorting.yaml --show Alph'
grep -q -- '--show Alpha\\ Care' "$tmp/got"
verdict $? "zsh completes --show from the names of the -d file"

# Every long option of --help, offered by each shell.
"$prog" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$tmp/help"
bash_complete --
sort -u "$tmp/got" >"$tmp/offered"
comm -23 "$tmp/help" "$tmp/offered" >"$tmp/got"
[ ! -s "$tmp/got" ]
verdict $? "bash offers every long option --help names"
fish_complete 'sma-allies --'
cut -f 1 "$tmp/got" | sort -u >"$tmp/offered"
comm -23 "$tmp/help" "$tmp/offered" >"$tmp/got"
[ ! -s "$tmp/got" ]
verdict $? "fish offers every long option --help names"
grep -oE -- '--[a-z][a-z-]*(\[|=|\})' "$dir/_sma-allies" | sed 's/.$//' |
    sort -u >"$tmp/offered"
comm -23 "$tmp/help" "$tmp/offered" >"$tmp/got"
[ ! -s "$tmp/got" ]
verdict $? "zsh's specification has every long option --help names"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
