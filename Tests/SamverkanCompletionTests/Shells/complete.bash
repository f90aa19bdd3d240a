# Completes command lines as bash would on Tab, for the tests: sources a completion script,
# and for each line (the cursor at its end) sets COMP_WORDS, COMP_CWORD, COMP_LINE and
# COMP_POINT the way bash does (words split at blanks and at '=' and ':', COMP_WORDBREAKS),
# calls the completion function and prints COMPREPLY, one per line, then an empty line.
# Usage: bash --norc --noprofile complete.bash <script> <function> <line>...
source "$1" || exit 1
function="$2"
shift 2
for line in "$@"; do
  COMP_LINE="$line" COMP_POINT=${#line} COMP_WORDS=()
  read -ra tokens <<<"$line"
  [[ $line == *' ' ]] && tokens+=('')
  for token in "${tokens[@]}"; do
    [[ -z $token ]] && COMP_WORDS+=('')
    while [[ $token =~ ^([=:]+|[^=:]+)(.*)$ ]]; do
      COMP_WORDS+=("${BASH_REMATCH[1]}")
      token="${BASH_REMATCH[2]}"
    done
  done
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  "$function"
  ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
  echo
done
