# Completes command lines as fish would on Tab, for the tests: sources a completion script
# and prints what `complete -C` offers for each line (candidate, a tab and its description),
# one per line, then an empty line.
# Usage: fish --no-config complete.fish <script> <line>...
source $argv[1]; or exit 1
for line in $argv[2..-1]
    complete -C $line
    echo
end
