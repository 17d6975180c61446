# The local stack's three static API keys, one rule for every script in deploy/local (sourced, not run):
#
#   1. a key set in the environment (PANELWATCH_ADMIN_KEY, PANELWATCH_INGEST_KEY, PANELWATCH_READER_KEY)
#      wins;
#   2. otherwise the one saved in the state folder's keys.env;
#   3. a key in neither is generated (only by `stack.sh up`, which passes "generate").
#
# `stack.sh up` writes the keys it starts the services with back into keys.env (mode 600), so the file
# always holds the keys of the stack that last started from that state folder, whether they came from
# the environment or were generated. A script run later without the variables (benchmark.sh, demo.sh,
# smoke.sh, check-seeds.sh, the end-to-end tests) therefore calls the running stack with its own keys,
# and one run with the variables set calls it with those.

# panelwatch_keys STATE_DIR [generate]: sets and exports the three keys by the rule above. Without
# "generate" a key found nowhere is an error (returns 1 after saying which).
panelwatch_keys() {
  local state="$1" mode="${2:-}" name value role
  local -A from_file=()
  if [ -f "$state/keys.env" ]; then
    while IFS='=' read -r name value; do
      case "$name" in PANELWATCH_ADMIN_KEY|PANELWATCH_INGEST_KEY|PANELWATCH_READER_KEY) from_file[$name]="$value" ;; esac
    done < "$state/keys.env"
  fi
  for name in PANELWATCH_ADMIN_KEY PANELWATCH_INGEST_KEY PANELWATCH_READER_KEY; do
    value="${!name:-}"
    [ -n "$value" ] || value="${from_file[$name]:-}"
    if [ -z "$value" ]; then
      if [ "$mode" != generate ]; then
        printf '%s\n' "[keys] $name is neither in the environment nor in $state/keys.env: start the stack (deploy/local/stack.sh up) or set it" >&2
        return 1
      fi
      # "pw_admin_" + 48 hex digits: 24 random bytes, far above the 16 characters prod requires.
      role="${name#PANELWATCH_}"; role="${role%_KEY}"
      value="pw_${role,,}_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    fi
    printf -v "$name" '%s' "$value"
    export "${name?}"
  done
}

# panelwatch_keys_differ STATE_DIR: true when the keys now set differ from the saved ones (the
# stack that runs was started with the saved ones).
panelwatch_keys_differ() {
  local state="$1"
  [ -f "$state/keys.env" ] || return 1
  [ "$(cat "$state/keys.env")" != "$(panelwatch_keys_file_text)" ]
}

panelwatch_keys_file_text() {
  printf 'PANELWATCH_ADMIN_KEY=%s\nPANELWATCH_INGEST_KEY=%s\nPANELWATCH_READER_KEY=%s\n' \
    "$PANELWATCH_ADMIN_KEY" "$PANELWATCH_INGEST_KEY" "$PANELWATCH_READER_KEY"
}

# panelwatch_keys_save STATE_DIR: keys.env := the keys now set, readable by the owner only.
panelwatch_keys_save() {
  local state="$1"
  mkdir -p "$state"
  (umask 077 && panelwatch_keys_file_text > "$state/keys.env.new") && mv "$state/keys.env.new" "$state/keys.env"
}
