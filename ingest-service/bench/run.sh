#!/usr/bin/env bash
# Benchmark of the push API against the raw producer rate (not part of `verify`).
# Needs a running ingest service and its Kafka broker, e.g. `deploy/local/stack.sh up`.
# Usage: ingest-service/bench/run.sh [--url=http://127.0.0.1:8081] [--key=$PANELWATCH_INGEST_KEY]
#        [--bootstrap=127.0.0.1:9092] [--items=20000] [--batch=100] [--concurrency=8] [--bytes=4096]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
./mvnw -B -q test-compile -pl ingest-service >&2
cp_file="$here/target/bench.classpath"
./mvnw -B -q dependency:build-classpath -pl ingest-service -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
exec java -Xmx1g -cp "$here/target/test-classes:$here/target/classes:$(cat "$cp_file")" \
  org.panelwatch.ingest.tools.PushBenchmark "$@"
