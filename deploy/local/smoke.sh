#!/usr/bin/env bash
# Checks the outside of a running local stack: every service ready, and the contract's
# authentication rules on the read API. Used by .ci/run after `stack.sh up`.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The running stack's keys, by stack.sh's rule (deploy/local/keys.sh).
# shellcheck source=deploy/local/keys.sh
. "$HERE/keys.sh"
panelwatch_keys "${PANELWATCH_STATE_DIR:-$HERE/.state}"

fail() { echo "[smoke] FAIL: $*" >&2; exit 1; }
expect() { # expect <status> <curl args...>
  local want="$1"; shift
  local got
  got="$(curl -s -o /tmp/panelwatch-smoke.body -w '%{http_code}' "$@")"
  [ "$got" = "$want" ] || fail "$* answered $got, expected $want: $(head -c 300 /tmp/panelwatch-smoke.body)"
}

# The ports stack.sh started the services on (first instance of each).
ANALYSIS_PORT="${PANELWATCH_ANALYSIS_PORT:-8082}"
for port in "${PANELWATCH_INGEST_PORT:-8081}" "$ANALYSIS_PORT" "${PANELWATCH_ALERT_PORT:-8083}"; do
  expect 200 "http://127.0.0.1:$port/q/health/ready"
done
expect 200 -H "Authorization: Bearer $PANELWATCH_READER_KEY" "http://127.0.0.1:$ANALYSIS_PORT/api/v1/topics"
expect 401 "http://127.0.0.1:$ANALYSIS_PORT/api/v1/topics"
grep -q '"status":401' /tmp/panelwatch-smoke.body || fail "401 is not problem+json"
expect 403 -H "Authorization: Bearer $PANELWATCH_INGEST_KEY" "http://127.0.0.1:$ANALYSIS_PORT/api/v1/topics"

# The console: its sign-in page, a reader signs in, a POST without the CSRF token is refused.
CONSOLE="http://127.0.0.1:${PANELWATCH_CONSOLE_PORT:-8080}"
JAR="$(mktemp)"; trap 'rm -f "$JAR"' EXIT
expect 200 -c "$JAR" "$CONSOLE/sign-in"
grep -q 'Content-Security-Policy' < <(curl -sI "$CONSOLE/sign-in") || fail "the console sends no Content-Security-Policy"
TOKEN="$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' /tmp/panelwatch-smoke.body | head -1)"
[ -n "$TOKEN" ] || fail "the sign-in page has no CSRF token"
expect 303 -b "$JAR" -c "$JAR" --data-urlencode "csrf=$TOKEN" --data-urlencode "key=$PANELWATCH_READER_KEY" "$CONSOLE/sign-in"
expect 200 -b "$JAR" "$CONSOLE/signals"
grep -q '<h1>Signals</h1>' /tmp/panelwatch-smoke.body || fail "the signed-in reader does not see the signal page"
! grep -q "$PANELWATCH_READER_KEY" /tmp/panelwatch-smoke.body || fail "the signal page shows the key"
expect 403 -b "$JAR" --data "verdict=confirmed" "$CONSOLE/items/00000000-0000-0000-0000-000000000000/feedback"
echo "[smoke] ok: three services ready; read API answers 200 / 401 / 403 as the contract says; console signs in and refuses a POST without its token"
