#!/usr/bin/env bash
# Pushes real article files through the running local stack and checks what comes out:
#  1. on panelwatch.news.raw, the normalised text has no stray code fence, no repeated paragraph,
#     no repeated caption line and no trailing reader-comments line, and keeps the last real paragraph;
#  2. in the read API, each article carries a medium or high russia-dprk-military signal with its
#     evidence sentences (and a topic, when given as FILE=topic-id).
# Usage: deploy/local/check-seeds.sh FILE[=topic-id] ...   (after deploy/local/stack.sh up)
# A file's first line is the title, the rest the body.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${PANELWATCH_STATE_DIR:-$HERE/.state}"
# The running stack's keys, by stack.sh's rule (deploy/local/keys.sh).
# shellcheck source=deploy/local/keys.sh
. "$HERE/keys.sh"
panelwatch_keys "$STATE"
KAFKA_BOOTSTRAP="127.0.0.1:${PANELWATCH_KAFKA_PORT:-9092}"
[ "$#" -gt 0 ] || { echo "usage: $0 FILE[=topic-id] ..." >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "[seeds] FAIL: $*" >&2; exit 1; }

i=0
for arg in "$@"; do
  file="${arg%%=*}"
  [ -f "$file" ] || fail "no such file: $file"
  python3 - "$file" "$i" > "$work/item-$i.json" <<'PY'
import json, sys, os
path, n = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
title, _, body = text.partition("\n")
print(json.dumps({"title": title.strip(), "body": body, "source": "check-seeds",
                  "url": "https://check-seeds.panelwatch.invalid/" + os.path.basename(path)}))
PY
  code="$(curl -s -o "$work/answer-$i.json" -w '%{http_code}' -X POST http://127.0.0.1:8081/api/v1/items \
    -H "Authorization: Bearer $PANELWATCH_INGEST_KEY" -H 'Content-Type: application/json' --data-binary @"$work/item-$i.json")"
  [ "$code" = 202 ] || fail "ingest answered $code for $file: $(cat "$work/answer-$i.json")"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["items"][0]["id"])' "$work/answer-$i.json" > "$work/id-$i"
  echo "[seeds] pushed $(basename "$file") as item $(cat "$work/id-$i")"
  i=$((i + 1))
done

# What reached the topic: read it from the beginning with Kafka's own console consumer.
java -cp "$(cat "$STATE/kafka.classpath")" -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" \
  org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA_BOOTSTRAP" \
  --topic panelwatch.news.raw --from-beginning --timeout-ms 15000 \
  --property print.key=true --property key.separator=$'\t' > "$work/raw.tsv" 2>/dev/null || true

i=0
for arg in "$@"; do
  file="${arg%%=*}"
  topic=""
  [ "$arg" != "$file" ] && topic="${arg#*=}"
  id="$(cat "$work/id-$i")"
  python3 - "$file" "$id" "$work/raw.tsv" <<'PY' || exit 1
import json, sys, re, unicodedata
path, item_id, raw = sys.argv[1], sys.argv[2], sys.argv[3]
record = None
for line in open(raw, encoding="utf-8"):
    key, _, value = line.rstrip("\n").partition("\t")
    if key == item_id:
        record = json.loads(value)
if record is None:
    sys.exit(f"[seeds] FAIL: item {item_id} is not on panelwatch.news.raw")
text = record["text"]
paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
problems = []
fence = re.compile(r"^\W{0,2}`{1,3}\s*[A-Za-z]*\s*$")
if "```" in text or any(fence.match(l.strip()) for l in text.splitlines()):
    problems.append("a Markdown code fence is left")
seen = set()
for p in paragraphs:
    if len(p) > 40 and p in seen:
        problems.append("paragraph repeated: " + p[:60])
    seen.add(p)
lines = [l.strip() for l in text.splitlines() if l.strip()]
short_repeats = {l for l in lines if len(l) < 120 and lines.count(l) > 1}
if short_repeats:
    problems.append("lines repeated as captions: " + "; ".join(sorted(short_repeats))[:120])
if any(unicodedata.name(ch, "").startswith("BENGALI") for ch in text):
    problems.append("the Bengali reader-comments trailer is left")
# Every real paragraph of the original (a long line; boilerplate and captions are short) is kept.
original = open(path, encoding="utf-8").read()
norm = lambda s: " ".join(unicodedata.normalize("NFC", s).split())
flat = norm(text)
lost = [l for l in dict.fromkeys(l.strip() for l in original.splitlines()) if len(l) > 200 and norm(l)[:80] not in flat]
if lost:
    problems.append(f"{len(lost)} real paragraph(s) lost, e.g. " + lost[0][:60])
if problems:
    sys.exit("[seeds] FAIL on the topic for " + path + ": " + " | ".join(problems))
n = record.get("normalisation", {})
print(f"[seeds] topic ok for {path.split('/')[-1]}: {len(paragraphs)} paragraphs, normalisation {n}")
PY
  # The read API: the stored item carries the signal with its evidence.
  ok=""
  for _ in $(seq 1 60); do
    code="$(curl -s -o "$work/item.json" -w '%{http_code}' -H "Authorization: Bearer $PANELWATCH_READER_KEY" \
      "http://127.0.0.1:8082/api/v1/items/$id")"
    if [ "$code" = 200 ] && python3 - "$work/item.json" "$topic" <<'PY'
import json, sys
item = json.load(open(sys.argv[1]))
topic = sys.argv[2]
signals = [s for s in item.get("signals", []) if s.get("type") == "russia-dprk-military"
           and s.get("severity") in ("medium", "high") and s.get("evidence")]
topics = {t.get("id") for t in item.get("topics", [])}
sys.exit(0 if signals and (not topic or topic in topics) else 1)
PY
    then ok=1; break; fi
    sleep 1
  done
  [ -n "$ok" ] || fail "item $id ($(basename "$file")) has no medium/high russia-dprk-military signal with evidence${topic:+ and topic $topic} in the read API: $(head -c 600 "$work/item.json")"
  curl -s -H "Authorization: Bearer $PANELWATCH_READER_KEY" "http://127.0.0.1:8082/api/v1/signals?limit=500" > "$work/signals.json"
  python3 - "$work/signals.json" "$id" <<'PY' || exit 1
import json, sys
answer = json.load(open(sys.argv[1]))
mine = [s for s in answer.get("items", []) if s.get("itemId") == sys.argv[2]]
if not mine:
    sys.exit("[seeds] FAIL: item " + sys.argv[2] + " is not in GET /api/v1/signals")
print("[seeds] signal ok: severity", mine[0].get("severity"), "score", mine[0].get("score"),
      "evidence", len(mine[0].get("evidence", [])), "sentences")
PY
  i=$((i + 1))
done
echo "[seeds] ok: $# article(s) clean on the topic and signalled in the read API"
