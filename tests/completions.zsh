# Type a command line into an interactive zsh (through zsh/zpty), press
# Tab, and print what the line became, escapes and all.
#
#   zsh -f tests/completions.zsh COMPLETIONS-DIR 'WORDS TO COMPLETE'
#
# zsh loads the completion from COMPLETIONS-DIR as it would from its
# fpath; the caller looks for the completed text in the output.
zmodload zsh/zpty || exit 2
zpty -b z zsh -f -i
zpty -w z "PS1='%% '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
sleep 0.5
zpty -w -n z "sma-allies $2"$'\t'
sleep 1.5
out=
while zpty -r -t z chunk; do
	out+=$chunk
done
print -r -- "$out"
zpty -d z
