# bash completion for sma-allies                           -*- shell-script -*-
#
# Options, and the values of those that take a fixed set; tags (-t) and
# names (--show) are read from the data the command line names, through
# sma-allies itself (--tags, --list --format tsv).

# The data file given so far on the command line, as -d FILE arguments.
_sma_allies_data()
{
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-d | --data)
			printf '%s\n' -d "${COMP_WORDS[i + 1]}"
			return
			;;
		--data=*)
			printf '%s\n' -d "${COMP_WORDS[i]#--data=}"
			return
			;;
		esac
	done
}

# COMPREPLY from lines on stdin that begin with $1, quoted for the shell
# (tags and names hold spaces).
_sma_allies_lines()
{
	local line
	COMPREPLY=()
	while IFS= read -r line; do
		[[ $line == "$1"* ]] && COMPREPLY+=("$(printf '%q' "$line")")
	done
}

_sma_allies()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local -a data
	mapfile -t data < <(_sma_allies_data)

	case $prev in
	-d | --data | --check | --staff-pin-file | --stats | --stats-report | \
	    --config)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		compopt -o filenames 2>/dev/null
		return
		;;
	-f | --field)
		mapfile -t COMPREPLY < <(compgen -W \
		    'name abbreviation description url tags' -- "$cur")
		return
		;;
	--format)
		mapfile -t COMPREPLY < <(compgen -W 'text tsv yaml json' -- "$cur")
		return
		;;
	--sort)
		mapfile -t COMPREPLY < <(compgen -W 'file name abbreviation' \
		    -- "$cur")
		return
		;;
	--color | --colour)
		mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
		return
		;;
	--search-mode)
		mapfile -t COMPREPLY < <(compgen -W 'words regex' -- "$cur")
		return
		;;
	-t | --tag)
		_sma_allies_lines "$cur" < <(sma-allies "${data[@]}" --tags \
		    2>/dev/null | cut -f 1)
		return
		;;
	--show | --select)
		_sma_allies_lines "$cur" < <(sma-allies "${data[@]}" --list \
		    --format tsv 2>/dev/null | cut -f 1)
		return
		;;
	-s | --search | -q | --query | --idle | --cycle)
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		# The options are those the program's --help names.
		mapfile -t COMPREPLY < <(compgen -W "$(sma-allies --help 2>/dev/null |
		    grep -o -- '--[a-z][a-z-]*' | sort -u)" -- "$cur")
		return
	fi
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	compopt -o filenames 2>/dev/null
}
complete -F _sma_allies sma-allies
