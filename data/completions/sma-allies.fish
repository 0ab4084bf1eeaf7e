# fish completion for sma-allies: options with their descriptions, the
# values of those that take a fixed set, files, and tags and names read
# from the data the command line names (sma-allies --tags, --list).

# The -d FILE given so far, to read tags and names from the same data.
function __sma_allies_data
    set -l argv (commandline -opc)
    for i in (seq (count $argv))
        switch $argv[$i]
            case -d --data
                set -l next (math $i + 1)
                if test $next -le (count $argv)
                    echo -d
                    echo $argv[$next]
                end
                return
            case '--data=*'
                echo -d
                string replace -- --data= '' $argv[$i]
                return
        end
    end
end

function __sma_allies_tags
    sma-allies (__sma_allies_data) --tags 2>/dev/null | cut -f 1
end

function __sma_allies_names
    sma-allies (__sma_allies_data) --list --format tsv 2>/dev/null | cut -f 1
end

complete -c sma-allies -f
complete -c sma-allies -s d -l data -r -F -d 'read allies from FILE'
complete -c sma-allies -s s -l search -x -d 'print the allies that match REGEX'
complete -c sma-allies -s f -l field -x -a 'name abbreviation description url tags' -d 'search only FIELD'
complete -c sma-allies -s t -l tag -x -a '(__sma_allies_tags)' -d 'only allies carrying TAG'
complete -c sma-allies -s i -l ignore-case -d 'always caseless'
complete -c sma-allies -l case-sensitive -d 'always exact case'
complete -c sma-allies -l list -d 'print every ally'
complete -c sma-allies -s q -l query -x -d 'browser: start with that search'
complete -c sma-allies -l search-mode -x -a 'words regex' -d 'browser: read a query as words or as a regex'
complete -c sma-allies -l select -x -a '(__sma_allies_names)' -d 'browser: start on the ally named NAME'
complete -c sma-allies -l pick -d 'browser on the terminal; Enter prints the ally chosen'
complete -c sma-allies -l show -x -a '(__sma_allies_names)' -d 'print the ally named NAME'
complete -c sma-allies -l tags -d 'print each tag with its number of allies'
complete -c sma-allies -l sort -x -a 'file name abbreviation' -d 'the order of the list'
complete -c sma-allies -l format -x -a 'text tsv yaml json' -d 'output format'
complete -c sma-allies -l color -l colour -x -a 'auto always never' -d 'highlight matches'
complete -c sma-allies -l check -F -d 'validate a data file'
complete -c sma-allies -l kiosk -d 'unattended display'
complete -c sma-allies -l public -d 'for strangers over SSH'
complete -c sma-allies -l idle -x -d 'kiosk: reset after SECONDS idle; public: end the session'
complete -c sma-allies -l cycle -x -d 'kiosk: next ally every SECONDS'
complete -c sma-allies -l staff-pin-file -r -F -d 'kiosk: the staff PIN'
complete -c sma-allies -l stats -r -F -d 'kiosk: append engagement events to FILE'
complete -c sma-allies -l stats-report -r -F -d 'summarise a stats file'
complete -c sma-allies -l no-mouse -d 'leave the mouse to the terminal'
complete -c sma-allies -l config -r -F -d 'read the configuration from FILE'
complete -c sma-allies -l no-config -d 'read no configuration'
complete -c sma-allies -l print-config -d 'print the configuration in effect'
complete -c sma-allies -s h -l help -d 'show the help'
complete -c sma-allies -s V -l version -d 'show the version'
