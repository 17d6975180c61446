#!/usr/bin/env bash
# Pushes article files through a running ingest service and checks what reached panelwatch.news.raw:
# no Markdown fence, no repeated paragraph or caption line, no trailing comment/share furniture.
# Exit 0 when every file came out clean, 1 otherwise.
# Usage: ingest-service/bin/check-seeds.sh [--url=http://127.0.0.1:8081] [--key=KEY] [--bootstrap=127.0.0.1:9092] FILE...
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
url=http://127.0.0.1:8081; key="${PANELWATCH_INGEST_KEY:-dev-ingest-key}"; bootstrap=127.0.0.1:9092
files=()
for arg in "$@"; do
  case "$arg" in
    --url=*) url="${arg#--url=}" ;;
    --key=*) key="${arg#--key=}" ;;
    --bootstrap=*) bootstrap="${arg#--bootstrap=}" ;;
    *) files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")") ;;
  esac
done
[ "${#files[@]}" -gt 0 ] || { echo "usage: $0 [--url=] [--key=] [--bootstrap=] FILE..." >&2; exit 2; }
cd "$root"
./mvnw -B -q test-compile -pl ingest-service >&2
cp_file="$here/target/tools.classpath"
./mvnw -B -q dependency:build-classpath -pl ingest-service -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
exec java -Durl="$url" -Dkey="$key" -Dbootstrap="$bootstrap" \
  -cp "$here/target/test-classes:$here/target/classes:$(cat "$cp_file")" \
  org.panelwatch.ingest.tools.SeedCheck "${files[@]}"
