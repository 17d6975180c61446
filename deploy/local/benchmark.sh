#!/usr/bin/env bash
# The pipeline benchmark in one command: starts the local stack on a database and state folder of
# its own (unless one already answers), runs org.panelwatch.e2e.bench.PipelineBenchmark against it,
# prints the tables and writes them into BENCHMARKS.md, and stops the stack it started.
#
#   deploy/local/benchmark.sh [--items=20000] [--batch=100] [--clients=8] [--bytes=4096] [--rate=100]
#                             [--steady-seconds=60] [--archive=1000000] [--read-clients=8] [--read-seconds=30]
#                             [--console-clients=4] [--console-seconds=30] [--only=console|pipeline] [--out=BENCHMARKS.md]
#                             [--curves | --curves-only]
#
# --curves also measures the cost curves that need no stack (tagging as the catalogue grows, alert
# matching as subscriptions grow; each in one JVM, CPU time of the measuring thread) into
# docs/perf/curves/*.csv and draws them as SVG beside (deploy/local/curves.py); --curves-only does
# only that.
#
# About 10-15 minutes on 2 cores, the first run longer (it writes a million archive rows, kept in
# the benchmark database for later runs). Environment: PANELWATCH_DB (default panelwatch_bench),
# PANELWATCH_STATE_DIR (default deploy/local/.state-bench), and the ports stack.sh reads. The API keys
# follow stack.sh's rule (deploy/local/keys.sh): PANELWATCH_*_KEY from the environment when set, else
# the state folder's keys.env, which holds the keys the running stack was started with.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/keys.sh
. "$HERE/keys.sh"
ROOT="$(cd "$HERE/../.." && pwd)"
export PANELWATCH_DB="${PANELWATCH_DB:-panelwatch_bench}"
export PANELWATCH_STATE_DIR="${PANELWATCH_STATE_DIR:-$HERE/.state-bench}"
INGEST_PORT="${PANELWATCH_INGEST_PORT:-8081}"

say() { printf '[benchmark] %s\n' "$*" >&2; }

curves=0
pipeline=1
rest=()
for arg in "$@"; do
  case "$arg" in
    --curves) curves=1 ;;
    --curves-only) curves=1; pipeline=0 ;;
    *) rest+=("$arg") ;;
  esac
done
set -- ${rest[@]+"${rest[@]}"}

# The curves of issue 15 that an engine or a matcher alone shows, each a main class in its module's tests.
run_curves() {
  local dir="$ROOT/docs/perf/curves"
  mkdir -p "$dir"
  say "curve: tagging as the catalogue grows (analysis-engine, a few minutes)"
  # One reactor run: the modules it needs resolve to their freshly compiled classes, nothing is installed;
  # every module writes the file, the last (this one) wins.
  ./mvnw -B -q test-compile dependency:build-classpath -pl analysis-engine -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/analysis-engine/target/curves.classpath" >/dev/null
  java -Xmx1g -cp "$ROOT/analysis-engine/target/test-classes:$ROOT/analysis-engine/target/classes:$(cat "$ROOT/analysis-engine/target/curves.classpath")" \
    org.panelwatch.analysis.engine.benchmark.CatalogueGrowth "$dir/catalogue-growth.csv"
  say "curve: alert matching as subscriptions grow (alert-service)"
  ./mvnw -B -q test-compile dependency:build-classpath -pl alert-service -am -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/alert-service/target/curves.classpath" >/dev/null
  java -Xmx1g -cp "$ROOT/alert-service/target/test-classes:$ROOT/alert-service/target/classes:$(cat "$ROOT/alert-service/target/curves.classpath")" \
    org.panelwatch.alert.service.SubscriptionMatchingCurve "$dir/subscription-matching.csv"
  python3 "$HERE/curves.py" "$dir"
}

if [ "$pipeline" = 0 ]; then
  cd "$ROOT"
  run_curves
  exit 0
fi

started=0
if ! curl -sf "http://127.0.0.1:$INGEST_PORT/q/health/ready" >/dev/null 2>&1; then
  say "starting the stack (database $PANELWATCH_DB, state $PANELWATCH_STATE_DIR)"
  "$HERE/stack.sh" up >/dev/null
  started=1
  trap '"$HERE/stack.sh" down >/dev/null 2>&1 || true' EXIT
else
  say "using the stack that already answers on :$INGEST_PORT (state folder $PANELWATCH_STATE_DIR)"
fi
# The keys the stack runs with: the same rule stack.sh up applied (an environment variable, else the
# key up saved), so a stack started with keys from the environment is called with those, not with
# ones generated earlier into the state folder (which answered 401).
panelwatch_keys "$PANELWATCH_STATE_DIR" \
  || { say "set PANELWATCH_STATE_DIR to the running stack's state folder, or the PANELWATCH_*_KEY variables"; exit 1; }

cd "$ROOT"
say "compiling the benchmark (e2e-tests test classes)"
./mvnw -B -q test-compile -pl e2e-tests
./mvnw -B -q dependency:build-classpath -pl e2e-tests -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/e2e-tests/target/bench.classpath" >/dev/null
bench() {
  java -Xmx1g -Dpanelwatch.commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    -cp "$ROOT/e2e-tests/target/test-classes:$(cat "$ROOT/e2e-tests/target/bench.classpath")" "$@"
}
# --only=console runs the console step alone (on the archive already stored, or filling it to --archive=);
# --only=pipeline the pipeline phases alone.
only=""
args=()
for arg in "$@"; do
  case "$arg" in
    --only=*) only="${arg#--only=}" ;;
    *) args+=("$arg") ;;
  esac
done
if [ "$only" != console ]; then
  bench org.panelwatch.e2e.bench.PipelineBenchmark ${args[@]+"${args[@]}"}
fi
# The analyst console's step: its pages with the same archive stored (its own section of BENCHMARKS.md).
if [ "$only" != pipeline ]; then
  export PANELWATCH_CONSOLE_URL="${PANELWATCH_CONSOLE_URL:-http://127.0.0.1:${PANELWATCH_CONSOLE_PORT:-8080}}"
  say "the console step (pages at $PANELWATCH_CONSOLE_URL)"
  bench org.panelwatch.e2e.bench.ConsoleBenchmark ${args[@]+"${args[@]}"}
fi
[ "$curves" = 0 ] || run_curves
