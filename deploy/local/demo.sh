#!/usr/bin/env bash
# Panelwatch demo on a running local stack (deploy/local/stack.sh demo runs `up`, then this):
#   1. starts the demo receiver (deploy/local/demo/DemoReceiver.java: serves the RSS feed and
#      verifies signed webhooks) on a free port, 8099 unless taken;
#   2. creates a demo subscriber and a webhook subscription for russia-dprk-military signals
#      (or reuses the ones a previous run created);
#   3. pushes deploy/local/demo/corpus.ndjson to the ingest API and registers and polls the feed;
#   4. waits (bounded) until the items are stored and the alerts stop arriving;
#   5. prints what Panelwatch found: items, topics, signals with their evidence, alerts received.
# Safe to run again: the ingest API answers "duplicate" for items it has, nothing is stored twice.
#
# Needs curl and python3 (JSON parsing only). Environment: PANELWATCH_STATE_DIR (default
# deploy/local/.state), PANELWATCH_DEMO_PORT (8099), PANELWATCH_DEMO_WAIT (max seconds, 90),
# PANELWATCH_{INGEST,ANALYSIS,ALERT}_URL (http://127.0.0.1:8081/8082/8083).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEMO="$HERE/demo"
STATE="${PANELWATCH_STATE_DIR:-$HERE/.state}"
PIDS="$STATE/pids"
LOGS="$STATE/logs"
WORK="$STATE/demo"
INGEST="${PANELWATCH_INGEST_URL:-http://127.0.0.1:8081}"
ANALYSIS="${PANELWATCH_ANALYSIS_URL:-http://127.0.0.1:8082}"
ALERT="${PANELWATCH_ALERT_URL:-http://127.0.0.1:8083}"
WANT_PORT="${PANELWATCH_DEMO_PORT:-8099}"
MAX_WAIT="${PANELWATCH_DEMO_WAIT:-90}"
SIGNAL_TYPE=russia-dprk-military
SECRET_FILE="$STATE/demo-webhook.secret"
RECEIVED="$STATE/demo-receiver.jsonl"

say() { printf '[demo] %s\n' "$*" >&2; }
die() { printf '[demo] ERROR: %s\n' "$*" >&2; exit 1; }
json() { python3 -c "$@"; }   # json '<python using sys.stdin>' < file

command -v curl >/dev/null || die "curl is required"
command -v python3 >/dev/null || die "python3 is required (for reading JSON)"
command -v java >/dev/null || die "java 17+ is required (for the demo receiver)"
mkdir -p "$PIDS" "$LOGS" "$WORK"

# The running stack's keys, by stack.sh's rule (deploy/local/keys.sh).
# shellcheck source=deploy/local/keys.sh
. "$HERE/keys.sh"
panelwatch_keys "$STATE" || die "no keys: run deploy/local/stack.sh up (or demo) first"
ADMIN_KEY="$PANELWATCH_ADMIN_KEY"
INGEST_KEY="$PANELWATCH_INGEST_KEY"
READER_KEY="$PANELWATCH_READER_KEY"

# ---------------------------------------------------------------------------------------------
# HTTP: api <expected-status-regex> <method> <url> <key> [<body-file> <content-type>]
# Leaves the answer in $WORK/answer.json and its status in $STATUS; on any other status prints the
# problem+json the service sent and stops.
STATUS=""
call() {
  local method="$1" url="$2" key="$3" body="${4:-}" type="${5:-application/json}"
  local args=(-sS -o "$WORK/answer.json" -w '%{http_code}' --max-time 60 -X "$method" -H "Accept: application/json")
  [ -n "$key" ] && args+=(-H "Authorization: Bearer $key")
  [ -n "$body" ] && args+=(-H "Content-Type: $type" --data-binary "@$body")
  STATUS="$(curl "${args[@]}" "$url" 2>"$WORK/curl.err")" || STATUS="000"
}
api() {
  local want="$1"; shift
  call "$@"
  if ! [[ "$STATUS" =~ ^($want)$ ]]; then
    printf '[demo] ERROR: %s %s answered %s (expected %s)\n' "$1" "$2" "$STATUS" "$want" >&2
    if [ "$STATUS" = 000 ]; then cat "$WORK/curl.err" >&2; else pretty < "$WORK/answer.json" >&2; fi
    exit 1
  fi
}
pretty() { python3 -c 'import sys,json
raw=sys.stdin.read()
try: print(json.dumps(json.loads(raw), indent=2, ensure_ascii=False))
except Exception: print(raw[:2000])'; }
field() { json "import sys,json; d=json.load(sys.stdin); print(d$1 if d is not None else '')" < "$WORK/answer.json"; }
to_file() { cat > "$WORK/$1"; echo "$WORK/$1"; }

# ---------------------------------------------------------------------------------------------
say "checking that the three services are ready"
for svc in "ingest $INGEST" "analysis $ANALYSIS" "alert $ALERT"; do
  set -- $svc
  curl -sf --max-time 5 "$2/q/health/ready" >/dev/null 2>&1 \
    || die "the $1 service at $2 is not ready: run deploy/local/stack.sh up (status: deploy/local/stack.sh status)"
done

# ---------------------------------------------------------------------------------------------
# 1. the receiver
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
receiver_alive() {
  [ -f "$PIDS/demo-receiver.pid" ] && kill -0 "$(cat "$PIDS/demo-receiver.pid")" 2>/dev/null \
    && [ -f "$STATE/demo-receiver.port" ] \
    && curl -sf --max-time 2 "http://127.0.0.1:$(cat "$STATE/demo-receiver.port")/health" >/dev/null 2>&1
}
if receiver_alive; then
  PORT="$(cat "$STATE/demo-receiver.port")"
  say "demo receiver already runs on :$PORT (pid $(cat "$PIDS/demo-receiver.pid"))"
else
  PORT=""
  for candidate in $(seq "$WANT_PORT" $((WANT_PORT + 50))); do
    if port_free "$candidate"; then PORT="$candidate"; break; fi
  done
  [ -n "$PORT" ] || die "no free port in $WANT_PORT..$((WANT_PORT + 50)) for the demo receiver"
  say "starting the demo receiver on :$PORT (log $LOGS/demo-receiver.log)"
  nohup java -Xms32m -Xmx128m "$DEMO/DemoReceiver.java" --port "$PORT" --feed "$DEMO/feed.xml" \
    --secret-file "$SECRET_FILE" --out "$RECEIVED" >>"$LOGS/demo-receiver.log" 2>&1 &
  echo $! > "$PIDS/demo-receiver.pid"
  echo "$PORT" > "$STATE/demo-receiver.port"
  for _ in $(seq 1 60); do
    receiver_alive && break
    kill -0 "$(cat "$PIDS/demo-receiver.pid")" 2>/dev/null || die "the demo receiver exited: $(tail -n 20 "$LOGS/demo-receiver.log")"
    sleep 0.5
  done
  receiver_alive || die "the demo receiver did not answer in 30 s; see $LOGS/demo-receiver.log"
fi
RECEIVER="http://127.0.0.1:$PORT"
WEBHOOK_URL="$RECEIVER/webhook"
FEED_URL="$RECEIVER/feed.xml"
touch "$RECEIVED"
RECEIVED_BEFORE="$(wc -l < "$RECEIVED")"

# ---------------------------------------------------------------------------------------------
# 2. subscriber and subscription (kept in $STATE/demo.env between runs)
SUBSCRIBER_ID="" SUBSCRIBER_KEY="" SUBSCRIPTION_ID=""
# shellcheck disable=SC1091
[ -f "$STATE/demo.env" ] && . "$STATE/demo.env"
if [ -n "$SUBSCRIBER_KEY" ]; then
  call GET "$ALERT/api/v1/subscriptions/${SUBSCRIPTION_ID:-none}" "$SUBSCRIBER_KEY"
  if [ "$STATUS" = 200 ] && [ "$(field ".get('channel',{}).get('url','')")" = "$WEBHOOK_URL" ] && [ -s "$SECRET_FILE" ]; then
    say "reusing demo subscriber $SUBSCRIBER_ID and subscription $SUBSCRIPTION_ID"
  else
    if [ "$STATUS" = 200 ]; then
      say "the demo subscription points elsewhere; replacing it"
      call DELETE "$ALERT/api/v1/subscriptions/$SUBSCRIPTION_ID" "$SUBSCRIBER_KEY"
    fi
    SUBSCRIPTION_ID=""
    call GET "$ALERT/api/v1/subscriptions" "$SUBSCRIBER_KEY"
    [ "$STATUS" = 200 ] || SUBSCRIBER_KEY=""   # the key is unknown (database reset): start afresh
  fi
fi
if [ -z "$SUBSCRIBER_KEY" ]; then
  say "creating the demo subscriber"
  body="$(printf '{"name":"Panelwatch demo %s","email":"demo@panelwatch.invalid"}' "$(date -u +%Y%m%dT%H%M%SZ)" | to_file subscriber.json)"
  api 201 POST "$ALERT/api/v1/subscribers" "$ADMIN_KEY" "$body"
  SUBSCRIBER_ID="$(field "['id']")"
  SUBSCRIBER_KEY="$(field "['apiKey']")"
fi
if [ -z "$SUBSCRIPTION_ID" ]; then
  say "creating a webhook subscription for $SIGNAL_TYPE signals -> $WEBHOOK_URL"
  body="$(printf '{"name":"Russia-DPRK military cooperation (demo)","channel":{"type":"webhook","url":"%s"},"filter":{"signalTypes":["%s"]},"mode":"immediate"}' \
    "$WEBHOOK_URL" "$SIGNAL_TYPE" | to_file subscription.json)"
  api 201 POST "$ALERT/api/v1/subscriptions" "$SUBSCRIBER_KEY" "$body"
  SUBSCRIPTION_ID="$(field "['id']")"
  # The secret is shown once; wherever the service puts it in the answer, it starts with whsec_.
  secret="$(json 'import sys,json
def find(n):
    if isinstance(n,str) and n.startswith("whsec_"): return n
    if isinstance(n,dict): n=list(n.values())
    if isinstance(n,list):
        for v in n:
            f=find(v)
            if f: return f
    return None
print(find(json.load(sys.stdin)) or "")' < "$WORK/answer.json")"
  [ -n "$secret" ] || { pretty < "$WORK/answer.json" >&2; die "the subscription answer carries no whsec_ secret"; }
  (umask 077; printf '%s\n' "$secret" > "$SECRET_FILE")
  (umask 077; printf 'SUBSCRIBER_ID=%s\nSUBSCRIBER_KEY=%s\nSUBSCRIPTION_ID=%s\n' "$SUBSCRIBER_ID" "$SUBSCRIBER_KEY" "$SUBSCRIPTION_ID" > "$STATE/demo.env")
fi

# ---------------------------------------------------------------------------------------------
# 3. the corpus and the feed
CORPUS_SIZE="$(grep -c . "$DEMO/corpus.ndjson")"
say "pushing $CORPUS_SIZE items from deploy/local/demo/corpus.ndjson"
api 202 POST "$INGEST/api/v1/items" "$INGEST_KEY" "$DEMO/corpus.ndjson" "application/x-ndjson"
cp "$WORK/answer.json" "$WORK/push.json"
json 'import sys,json
d=json.load(sys.stdin)
for it in d["items"]: print(it["id"])' < "$WORK/push.json" > "$WORK/item-ids.txt"
PUSH_COUNTS="$(json 'import sys,json,collections
c=collections.Counter(i["status"] for i in json.load(sys.stdin)["items"])
print(", ".join(f"{v} {k}" for k,v in sorted(c.items())))' < "$WORK/push.json")"
say "ingest answered: $PUSH_COUNTS"

# Summaries that link to whole articles: like most news feeds, they carry a sentence where the evidence is
# in the article. "fetch": true asks ingest-service to fetch each page (served by the demo receiver), read
# its main text and send the item on with it (textSource "page").
: > "$WORK/pages.ndjson"
printf '{"title":"Rail cars of North Korean shells cross into Russia, imagery shows","body":"Satellite images show freight trains crossing a border bridge.","url":"%s/pages/rail-shipments.html","source":"Borderlands Dispatch","fetch":true}\n' "$RECEIVER" >> "$WORK/pages.ndjson"
printf '{"title":"Russian tourists return to Wonsan resort for the winter season","body":"A travel agency reports a second group of tourists.","url":"%s/pages/tourism-season.html","source":"Borderlands Dispatch","fetch":true}\n' "$RECEIVER" >> "$WORK/pages.ndjson"
say "pushing 2 one-line summaries with \"fetch\": true; their article pages are served at $RECEIVER/pages/"
api 202 POST "$INGEST/api/v1/items" "$INGEST_KEY" "$WORK/pages.ndjson" "application/x-ndjson"
json 'import sys,json
for it in json.load(sys.stdin)["items"]: print(it["id"])' < "$WORK/answer.json" > "$WORK/page-ids.txt"
say "ingest answered: $(json 'import sys,json; print(", ".join(i["status"] for i in json.load(sys.stdin)["items"]))' < "$WORK/answer.json") (queued: waiting for the page)"

# The feed is a second way in; when it fails the demo says why and goes on with the pushed items.
FEED_RESULT="not polled"
echo '{}' > "$WORK/poll.json"
feed_problem() {
  printf '[demo] WARNING: %s answered %s; going on without the feed:\n' "$1" "$STATUS" >&2
  pretty < "$WORK/answer.json" >&2
  FEED_RESULT="not polled ($1 answered $STATUS)"
}
FEED_ID=""
call GET "$INGEST/api/v1/feeds" "$INGEST_KEY"
if [ "$STATUS" = 200 ]; then
  FEED_ID="$(json "import sys,json
d=json.load(sys.stdin); feeds=d.get('items',d) if isinstance(d,dict) else d
print(next((f['id'] for f in feeds if f.get('url')=='$FEED_URL'),''))" < "$WORK/answer.json")"
fi
if [ -z "$FEED_ID" ]; then
  say "registering the demo feed $FEED_URL"
  body="$(printf '{"url":"%s","name":"Borderlands Dispatch (demo feed)","pollIntervalSeconds":3600}' "$FEED_URL" | to_file feed.json)"
  call POST "$INGEST/api/v1/feeds" "$INGEST_KEY" "$body"
  if [ "$STATUS" = 201 ]; then FEED_ID="$(field "['id']")"; else feed_problem "POST /api/v1/feeds"; fi
else
  say "the demo feed is registered already ($FEED_ID)"
fi
if [ -n "$FEED_ID" ]; then
  call POST "$INGEST/api/v1/feeds/$FEED_ID/poll" "$INGEST_KEY"
  if [ "$STATUS" = 200 ]; then
    cp "$WORK/answer.json" "$WORK/poll.json"
    FEED_RESULT="$(json 'import sys,json
d=json.load(sys.stdin)
s="%s new, %s duplicate, status %s" % (d.get("new", 0), d.get("duplicate", 0), d.get("status"))
print(s + (" (%s)" % d["error"] if d.get("error") else ""))' < "$WORK/poll.json")"
    call GET "$INGEST/api/v1/feeds/$FEED_ID" "$INGEST_KEY"
    if [ "$STATUS" = 200 ]; then
      # The service polls a feed when it is registered, so this poll may find only duplicates.
      FEED_RESULT="$(field ".get('itemsSeen')") items seen, last status $(field ".get('lastStatus')") (this poll: $FEED_RESULT)"
    fi
    say "feed: $FEED_RESULT"
  else
    feed_problem "POST /api/v1/feeds/$FEED_ID/poll"
  fi
fi

# ---------------------------------------------------------------------------------------------
# 4. wait until every pushed item is stored by the analysis service, then until alerts settle
started=$SECONDS
printf '[demo] waiting for the analysis service to store the items ' >&2
mkdir -p "$WORK/items"
rm -f "$WORK/items/"*.json
cp "$WORK/item-ids.txt" "$WORK/pending.txt"
cat "$WORK/page-ids.txt" >> "$WORK/pending.txt"
warned=0
while [ -s "$WORK/pending.txt" ] && [ $((SECONDS - started)) -lt "$MAX_WAIT" ]; do
  : > "$WORK/still.txt"
  while read -r id; do
    code="$(curl -s -o "$WORK/items/$id.json" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $READER_KEY" "$ANALYSIS/api/v1/items/$id" || echo 000)"
    [ "$code" = 200 ] || { rm -f "$WORK/items/$id.json"; echo "$id" >> "$WORK/still.txt"; }
  done < "$WORK/pending.txt"
  mv "$WORK/still.txt" "$WORK/pending.txt"
  if [ -s "$WORK/pending.txt" ]; then
    ready="$(curl -s -o "$WORK/ready.json" -w '%{http_code}' --max-time 5 "$ANALYSIS/q/health/ready" 2>/dev/null || echo 000)"
    if [ "$ready" != 200 ] && [ "$warned" = 0 ]; then
      warned=1
      printf '\n[demo] WARNING: the analysis service reports not ready (%s): %s\n' "$ready" "$(tr -d ' \n' < "$WORK/ready.json" | head -c 400)" >&2
    fi
    printf '.' >&2; sleep 1
  fi
done
printf ' %d of %d stored\n' "$(ls "$WORK/items" | wc -l)" "$(wc -l < "$WORK/item-ids.txt")" >&2
[ -s "$WORK/pending.txt" ] && say "WARNING: $(wc -l < "$WORK/pending.txt") items were not stored within ${MAX_WAIT}s (ids in $WORK/pending.txt; see $LOGS/analysis-service.log)"

NEW_ITEMS="$(json 'import sys,json; print(sum(1 for i in json.load(sys.stdin)["items"] if i["status"]=="accepted"))' < "$WORK/push.json")"
NEW_ITEMS=$((NEW_ITEMS + $(json 'import sys,json; print(int(json.load(sys.stdin).get("new") or 0))' < "$WORK/poll.json")))
signals_count() {
  curl -s --max-time 10 -H "Authorization: Bearer $READER_KEY" "$ANALYSIS/api/v1/signals?type=$SIGNAL_TYPE&limit=500" \
    | python3 -c 'import sys,json
try: print(len(json.load(sys.stdin).get("items",[])))
except Exception: print(-1)'
}
if [ "$NEW_ITEMS" -gt 0 ]; then
  printf '[demo] waiting for signals and alerts to settle ' >&2
  # Quiet for 6 s once an alert arrived (15 s while none has), at most 45 s.
  last="" quiet_since=$SECONDS settle_start=$SECONDS
  while [ $((SECONDS - settle_start)) -lt 45 ]; do
    now="$(signals_count)/$(wc -l < "$RECEIVED")"
    if [ "$now" != "$last" ]; then last="$now"; quiet_since=$SECONDS; fi
    quiet=$((SECONDS - quiet_since))
    if [ "$(wc -l < "$RECEIVED")" -gt "$RECEIVED_BEFORE" ]; then [ "$quiet" -ge 6 ] && break; else [ "$quiet" -ge 15 ] && break; fi
    printf '.' >&2; sleep 1
  done
  printf ' done after %ds\n' $((SECONDS - started)) >&2
fi

# When this run brought no new alert (everything was a duplicate), ask the alert service for a
# marked test alert, so the signature check is still shown live.
if [ "$(wc -l < "$RECEIVED")" -eq "$RECEIVED_BEFORE" ]; then
  if [ "$NEW_ITEMS" -gt 0 ]; then
    say "no alert arrived for the new items; sending a test alert through the subscription to show the signature check"
  else
    say "no new alert this run (the corpus was ingested before); sending a test alert through the subscription"
  fi
  call POST "$ALERT/api/v1/subscriptions/$SUBSCRIPTION_ID/test" "$SUBSCRIBER_KEY"
  for _ in $(seq 1 20); do [ "$(wc -l < "$RECEIVED")" -gt "$RECEIVED_BEFORE" ] && break; sleep 0.5; done
fi

# ---------------------------------------------------------------------------------------------
# 5. the summary
call GET "$ANALYSIS/api/v1/signals?type=$SIGNAL_TYPE&limit=500" "$READER_KEY"
cp "$WORK/answer.json" "$WORK/signals.json"; SIGNALS_STATUS="$STATUS"
call GET "$ALERT/api/v1/deliveries?subscriptionId=$SUBSCRIPTION_ID" "$SUBSCRIBER_KEY"
cp "$WORK/answer.json" "$WORK/deliveries.json"; DELIVERIES_STATUS="$STATUS"

DEMO_WORK="$WORK" DEMO_CORPUS="$DEMO/corpus.ndjson" RECEIVED="$RECEIVED" RECEIVED_BEFORE="$RECEIVED_BEFORE" \
PUSH_COUNTS="$PUSH_COUNTS" FEED_RESULT="$FEED_RESULT" SIGNALS_STATUS="$SIGNALS_STATUS" DELIVERIES_STATUS="$DELIVERIES_STATUS" \
ELAPSED="$((SECONDS - started))" python3 - <<'PY'
import collections, json, os, textwrap

work = os.environ["DEMO_WORK"]
corpus = [json.loads(l) for l in open(os.environ["DEMO_CORPUS"], encoding="utf-8") if l.strip()]
ids = [l.strip() for l in open(os.path.join(work, "item-ids.txt")) if l.strip()]
by_id = dict(zip(ids, corpus))
stored = {}
for i in ids:
    p = os.path.join(work, "items", i + ".json")
    if os.path.exists(p):
        try:
            stored[i] = json.load(open(p, encoding="utf-8"))
        except ValueError:
            pass

def load(name):
    try:
        return json.load(open(os.path.join(work, name), encoding="utf-8"))
    except (OSError, ValueError):
        return {}

def short(s, n=110):
    s = " ".join(str(s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"

def topic_ids(item):
    out = []
    for t in item.get("topics") or []:
        out.append(t.get("id") if isinstance(t, dict) else str(t))
    return [t for t in out if t]

print()
print("=" * 100)
print("Panelwatch demo")
print("=" * 100)
langs = collections.Counter(c.get("lang") for c in corpus)
print(f"Items pushed      {len(corpus)} ({', '.join(f'{k} {v}' for k, v in langs.most_common())}); ingest said: {os.environ['PUSH_COUNTS']}")
print(f"Feed polled       {os.environ['FEED_RESULT']}")
print(f"Stored/analysed   {len(stored)} of {len(ids)} pushed items readable at the read API")

topics = collections.Counter()
for item in stored.values():
    topics.update(topic_ids(item))
print()
print("Topics found in the pushed items")
if topics:
    for t, n in topics.most_common():
        print(f"  {t:<22} {n:>3}  {'#' * n}")
else:
    print("  (none)")

def evidence_text(e):
    # The signal event calls an evidence sentence "sentence", the read API "text".
    return (e.get("sentence") or e.get("text")) if isinstance(e, dict) else e

# Signals of the pushed items come with each item's detail; the feed's from GET /api/v1/signals.
found = []
for i, item in stored.items():
    for f in item.get("signals") or []:
        if isinstance(f, dict) and f.get("type") == "russia-dprk-military":
            found.append(dict(f, title=item.get("title"), lang=item.get("lang"), itemId=i))
sig = load("signals.json")
for s in (sig.get("items", []) if isinstance(sig, dict) else []):
    if "borderlands-dispatch.example/" in str(s.get("url", "")):
        found.append(s)
raised = [f for f in found if f.get("firstInStory") is not False]
copies = len(found) - len(raised)
print()
print(f"Signals russia-dprk-military: {len(raised)} raised"
      + (f", {copies} more item(s) joined a story that had already signalled" if copies else "")
      + (f"   (GET /api/v1/signals answered {os.environ['SIGNALS_STATUS']})" if os.environ["SIGNALS_STATUS"] != "200" else ""))
for s in sorted(raised, key=lambda f: -float(f.get("score") or 0)):
    print(f"  [{s.get('severity', '?'):<6} {float(s.get('score') or 0):.2f}] ({s.get('lang') or '?'}) {short(s.get('title'), 85)}")
    for e in (s.get("evidence") or [])[:2]:
        print(textwrap.fill(short(evidence_text(e), 300), width=98, initial_indent="        > ", subsequent_indent="          "))

stories = collections.defaultdict(list)
for i, item in stored.items():
    if item.get("storyId"):
        stories[item["storyId"]].append(i)
multi = {k: v for k, v in stories.items() if len(v) > 1}
if multi:
    print()
    print("Stories reported by several outlets (one alert each)")
    for story, members in multi.items():
        print(f"  story {story}: {short(by_id[members[0]]['title'], 70)}")
        for m in members:
            dup = stored[m].get("duplicateOf")
            print(f"      {by_id[m]['source']:<18} {by_id[m]['url']}" + (f"  (duplicateOf {dup})" if dup else ""))

fired = {i for i, item in stored.items() if item.get("signals")}
quiet = [by_id[i] for i in stored if i not in fired]
if stored:
    print()
    print(f"Items without a signal: {len(quiet)} (near misses and other sanctions topics), e.g.")
    for c in quiet[:6]:
        print(f"      ({c['lang']}) {short(c['title'], 90)}")

print()
lines = [json.loads(l) for l in open(os.environ["RECEIVED"], encoding="utf-8") if l.strip()]
before = int(os.environ["RECEIVED_BEFORE"])
for n, r in enumerate(lines):
    r["thisRun"] = n >= before
# Real alerts of every run (each webhook-id once: retries carry the same id), and this run's test alert.
shown = [r for r in lines if not r.get("duplicate") and (r.get("type") != "test.alert" or r["thisRun"])]
print(f"Alerts at the demo receiver: {sum(1 for r in lines if r['thisRun'])} deliveries this run, {len(lines)} in all;"
      f" {sum(1 for r in lines if r.get('type') == 'signal.created' and not r.get('duplicate'))} signal alerts")
for r in shown[-30:]:
    mark = "signature verified" if r.get("verified") else f"NOT verified: {r.get('reason')}"
    score = f"{float(r['score']):.2f}" if isinstance(r.get("score"), (int, float)) else "-"
    print(f"  {r.get('webhookId')}  {r.get('type'):<14} [{r.get('severity', '-'):<6} {score}]  {mark}"
          + ("" if r["thisRun"] else "  (earlier run)"))
    print(f"      {short(r.get('title'), 92)}")
d = load("deliveries.json")
deliveries = d.get("items", []) if isinstance(d, dict) else (d if isinstance(d, list) else [])
if deliveries:
    st = collections.Counter(str(x.get("status")) for x in deliveries)
    print(f"  the alert service's record for this subscription: {', '.join(f'{v} {k}' for k, v in st.items())}")
print()
print(f"Done in {os.environ['ELAPSED']} s after the push.")
print()
print("Article pages fetched (one-line summaries pushed with \"fetch\": true):")
pushed_pages = [json.loads(l) for l in open(os.path.join(work, "pages.ndjson"), encoding="utf-8") if l.strip()]
page_ids = [l.strip() for l in open(os.path.join(work, "page-ids.txt")) if l.strip()]
for pid, sent in zip(page_ids, pushed_pages):
    p = os.path.join(work, "items", pid + ".json")
    item = json.load(open(p, encoding="utf-8")) if os.path.exists(p) else None
    if not item:
        print("  - %s: not stored yet" % sent["url"])
        continue
    text = item.get("text") or ""
    signals = [s.get("type") for s in item.get("signals") or [] if isinstance(s, dict)]
    print("  - %s" % short(item.get("title"), 90))
    print("    summary pushed: %d characters; text stored: %d characters in %d paragraphs (the page's article)"
          % (len(sent["body"]), len(text), len([x for x in text.split("\n\n") if x.strip()])))
    print("    topics: %s; signal: %s" % (", ".join(topic_ids(item)) or "none", ", ".join(signals) or "none"))
    print("    from the page: %s" % short(text.split("\n\n")[-1] if text else "", 100))

PY

cat <<EOF

Look further (keys in $STATE/keys.env; the demo subscriber's key in $STATE/demo.env):
  signals          curl -H "Authorization: Bearer $READER_KEY" '$ANALYSIS/api/v1/signals?type=$SIGNAL_TYPE'
  items by topic   curl -H "Authorization: Bearer $READER_KEY" '$ANALYSIS/api/v1/items?topic=arms-transfer,military-cooperation'
  topic counts     curl -H "Authorization: Bearer $READER_KEY" '$ANALYSIS/api/v1/stats/topics?since=2024-01-01T00:00:00Z&until=2025-06-01T00:00:00Z&bucket=day'
  one item         curl -H "Authorization: Bearer $READER_KEY" '$ANALYSIS/api/v1/items/$(head -n 1 "$WORK/item-ids.txt")'
  deliveries       curl -H "Authorization: Bearer $SUBSCRIBER_KEY" '$ALERT/api/v1/deliveries?subscriptionId=$SUBSCRIPTION_ID'
  alerts (SSE)     curl -N -H "Authorization: Bearer $SUBSCRIBER_KEY" '$ALERT/api/v1/alerts/stream'
  feeds            curl -H "Authorization: Bearer $INGEST_KEY" '$INGEST/api/v1/feeds'
  receiver log     $RECEIVED   (also $RECEIVER/deliveries)
  Swagger UI       $INGEST/q/swagger-ui  $ANALYSIS/q/swagger-ui  $ALERT/q/swagger-ui
Stop everything:   deploy/local/stack.sh down
EOF
