# shellcheck shell=bash
# Sourced by the scripts that keep files outside the checkout (Scripts/cardstack's lock,
# Scripts/postgres's note of where its cluster is).

# Prints this user's folder for cpsvault's run-time files, the one cpsvault's agent uses too:
# $XDG_RUNTIME_DIR/cpsvault, else /tmp/cpsvault-$UID. Creates it (mode 0700) when missing; fails
# when the name is taken by anything but a folder of this user that no one else can enter (a
# name in /tmp that another user made first).
private_folder() {
  local folder=/tmp/cpsvault-$EUID
  [ -n "${XDG_RUNTIME_DIR:-}" ] && folder=$XDG_RUNTIME_DIR/cpsvault
  mkdir -m 700 "$folder" 2>/dev/null || true
  if [ -L "$folder" ] || [ ! -d "$folder" ] || [ "$(stat -c %u "$folder")" != "$EUID" ] \
     || ! [[ "$(stat -c %a "$folder")" =~ ^[0-7]00$ ]]; then
    echo "$folder is not a folder of user $EUID closed to others: remove it, or set XDG_RUNTIME_DIR to a folder of your own" >&2
    return 1
  fi
  echo "$folder"
}
