# shellcheck shell=bash
# Sourced by the scripts that start servers (Scripts/cardstack, Scripts/postgres).
#
# A server started by a script must hold none of the descriptors of whoever ran the script: a
# program that started the script (a test, the benchmark) waits for its pipes and sockets to
# close, which a server keeping them would delay until it stops.

# Closes every descriptor above 2 of the current shell: call it first in the subshell that
# starts the server.
close_inherited_descriptors() { close_inherited_descriptors_but none; }

# The same, but for one descriptor the server is to keep.
close_inherited_descriptors_but() { # descriptor
  local fd
  for fd in "/proc/$BASHPID/fd/"*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] 2>/dev/null && [ "$fd" != "$1" ] && eval "exec $fd>&-" 2>/dev/null
  done
  return 0
}
