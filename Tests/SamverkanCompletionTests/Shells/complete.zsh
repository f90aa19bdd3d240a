# Completes command lines as zsh would on Tab, for the tests. zsh completes only inside the
# line editor, so this runs an interactive zsh in a pseudo-terminal (zpty), loads compinit
# with the completion function on $fpath, types each line and Tab, and prints every candidate
# the completion adds (caught by wrapping compadd), one per line, then an empty line.
# Usage: zsh -f complete.zsh <directory holding _samverkan> <line>...
zmodload zsh/zpty || exit 1
directory=$1
shift
setup=$(mktemp) || exit 1
trap 'rm -f $setup' EXIT
cat >$setup <<'SETUP'
PS1='' RPS1=''
autoload -Uz compinit && compinit -u -D
# Never list or cycle through the candidates: a long list would first ask, and wait.
zstyle ':completion:*' menu no
unsetopt autolist listambiguous
# Report the candidates compadd keeps after its own matching, between \x02 and \x03.
compadd() {
  # A call that only asks for matches (-O, -A, -D) adds nothing: pass it on.
  if (( ${@[(I)-[OAD]]} )); then
    builtin compadd "$@"
    return
  fi
  local -a hits
  builtin compadd -O hits "$@"
  (( $#hits )) && printf '\x02%s\x03' "${hits[@]}"
  builtin compadd "$@"
}
# Ctrl-T (a key no other binding starts with) ends one completion: it prints \x04 and
# clears the line for the next.
__done() { printf '\x04'; BUFFER='' }
zle -N __done
bindkey '^T' __done
# Tell when the line editor is ready: what is typed before, the terminal may still treat
# as cooked input.
zle-line-init() { printf '\x05' }
zle -N zle-line-init
SETUP
zpty shell zsh -f -i || exit 1
zpty -w shell "fpath=(${(q)directory} \$fpath); source ${(q)setup}"
zpty -r shell output $'*\x05' || exit 1
for line in "$@"; do
  # Type the line, Tab and the end mark.
  zpty -n -w shell "$line"$'\t\x14'
  output=''
  zpty -r shell output $'*\x04' || exit 1
  typeset -aU found=()
  for part in "${(@ps:\x03:)${output%%$'\x04'*}}"; do
    [[ $part == *$'\x02'* ]] && found+=("${part##*$'\x02'}")
  done
  print -rl -- "${found[@]}" ""
done
zpty -d shell
