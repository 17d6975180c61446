#!/usr/bin/env bash
# Panelwatch local stack without Docker: a real Apache Kafka broker (KRaft) from Maven Central
# artifacts, the local PostgreSQL, and the three services from their built jars.
#
#   deploy/local/stack.sh up       build what is missing, start everything, wait until ready
#   deploy/local/stack.sh demo     up, then load the sample corpus and show signals and alerts
#   deploy/local/stack.sh down     stop what up started (by pid)
#   deploy/local/stack.sh status   say what runs
#
# State (keys, pids, logs, Kafka data) lives in deploy/local/.state, which git ignores.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="${PANELWATCH_STATE_DIR:-$HERE/.state}"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

KAFKA_PORT="${PANELWATCH_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${PANELWATCH_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
RAW_PARTITIONS="${PANELWATCH_RAW_PARTITIONS:-6}"
PGHOST="${PGHOST:-localhost}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB_NAME="${PANELWATCH_DB:-panelwatch}"
READY_TIMEOUT="${PANELWATCH_READY_TIMEOUT:-180}"

SERVICES=(ingest-service analysis-service alert-service console)
# The contract's ports; another set lets a second stack (own state folder, database and Kafka ports)
# run beside this one, e.g. for a test run while the demo is up.
declare -A PORT=([ingest-service]="${PANELWATCH_INGEST_PORT:-8081}" [analysis-service]="${PANELWATCH_ANALYSIS_PORT:-8082}" [alert-service]="${PANELWATCH_ALERT_PORT:-8083}" [console]="${PANELWATCH_CONSOLE_PORT:-8080}")
TOPICS=(panelwatch.news.raw panelwatch.news.tagged panelwatch.signals panelwatch.news.raw.dlq panelwatch.signals.dlq)

say() { printf '%s %s\n' "[stack]" "$*" >&2; }
die() { printf '%s %s\n' "[stack] ERROR:" "$*" >&2; exit 1; }

mvnw() { (cd "$ROOT" && ./mvnw -B -q "$@"); }

pid_alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# keys: from the environment when set, else generated once and kept in the state folder
load_keys() {
  mkdir -p "$STATE"
  if [ ! -f "$STATE/keys.env" ]; then
    umask 077
    {
      echo "PANELWATCH_ADMIN_KEY=pw_admin_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      echo "PANELWATCH_INGEST_KEY=pw_ingest_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
      echo "PANELWATCH_READER_KEY=pw_reader_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    } > "$STATE/keys.env"
  fi
  local saved_admin="${PANELWATCH_ADMIN_KEY:-}" saved_ingest="${PANELWATCH_INGEST_KEY:-}" saved_reader="${PANELWATCH_READER_KEY:-}"
  # shellcheck disable=SC1091
  . "$STATE/keys.env"
  PANELWATCH_ADMIN_KEY="${saved_admin:-$PANELWATCH_ADMIN_KEY}"
  PANELWATCH_INGEST_KEY="${saved_ingest:-$PANELWATCH_INGEST_KEY}"
  PANELWATCH_READER_KEY="${saved_reader:-$PANELWATCH_READER_KEY}"
  export PANELWATCH_ADMIN_KEY PANELWATCH_INGEST_KEY PANELWATCH_READER_KEY
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL: the machine's own cluster on localhost:5432, or the one on PGHOST/PGPORT
psql_q() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }

ensure_postgres() {
  if ! psql_q "SELECT 1" >/dev/null 2>&1; then
    if command -v pg_lsclusters >/dev/null 2>&1; then
      # The cluster that listens on PGPORT (main on 5432 usually; a private one for a second stack).
      local version cluster
      read -r version cluster < <(pg_lsclusters -h | awk -v port="$PGPORT" '$3==port{print $1, $2; exit}') || true
      [ -n "${cluster:-}" ] || die "no PostgreSQL cluster listens on port $PGPORT (pg_lsclusters shows none)"
      say "starting PostgreSQL $version/$cluster"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || die "could not start PostgreSQL $version/$cluster"
      for _ in $(seq 1 30); do psql_q "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
    fi
    psql_q "SELECT 1" >/dev/null 2>&1 || die "PostgreSQL does not answer on $PGHOST:$PGPORT as $PGUSER"
  fi
  if [ "$(psql_q "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    say "creating database $DB_NAME"
    psql_q "CREATE DATABASE $DB_NAME" >/dev/null
  fi
}

# ---------------------------------------------------------------------------------------------
# Kafka: kafka_2.13 and its runtime dependencies from Maven Central, main class kafka.Kafka
kafka_classpath() {
  # Resolved again whenever the pom that names the broker's artifacts changes.
  local stamp
  stamp="$(cksum < "$HERE/kafka/pom.xml" | cut -d' ' -f1)"
  if [ ! -s "$STATE/kafka.classpath" ] || [ "$(cat "$STATE/kafka.classpath.stamp" 2>/dev/null)" != "$stamp" ]; then
    mkdir -p "$STATE"
    say "resolving the Kafka broker's classpath from Maven Central"
    mvnw -f "$HERE/kafka/pom.xml" dependency:build-classpath -Dmdep.outputFile="$STATE/kafka.classpath" >/dev/null
    echo "$stamp" > "$STATE/kafka.classpath.stamp"
  fi
  cat "$STATE/kafka.classpath"
}

kafka_java() {
  local main="$1"; shift
  java -Xms128m -Xmx512m -cp "$(kafka_classpath)" \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" "$main" "$@"
}

kafka_ready() {
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list >/dev/null 2>&1
}

start_kafka() {
  mkdir -p "$LOGS" "$PIDS" "$STATE/kafka-data"
  if pid_alive kafka; then
    say "Kafka already runs (pid $(cat "$PIDS/kafka.pid"))"
    return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; then
    die "port $KAFKA_PORT is taken by a process this stack did not start"
  fi
  sed -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@DATA_DIR@#$STATE/kafka-data#g" "$HERE/kafka/server.properties.template" > "$STATE/server.properties"
  if [ ! -f "$STATE/kafka-data/meta.properties" ]; then
    say "formatting Kafka storage (KRaft, standalone)"
    local cluster_id
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)"
    kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$STATE/server.properties" >>"$LOGS/kafka.log" 2>&1 \
      || die "Kafka storage format failed; see $LOGS/kafka.log"
  fi
  say "starting Kafka on $KAFKA_BOOTSTRAP"
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -cp "$(kafka_classpath)" \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" \
    kafka.Kafka "$STATE/server.properties" >>"$LOGS/kafka.log" 2>&1 &
  echo $! > "$PIDS/kafka.pid"
  for _ in $(seq 1 60); do
    pid_alive kafka || die "Kafka exited; see $LOGS/kafka.log"
    kafka_ready && break
    sleep 1
  done
  kafka_ready || die "Kafka did not become ready in 60 s; see $LOGS/kafka.log"
}

create_topics() {
  local topic partitions
  for topic in "${TOPICS[@]}"; do
    partitions=3
    [ "$topic" = panelwatch.news.raw ] && partitions="$RAW_PARTITIONS"
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor 1 >/dev/null
  done
  say "topics ready: ${TOPICS[*]}"
}

# ---------------------------------------------------------------------------------------------
# services
build_if_missing() {
  local missing=0 svc
  for svc in "${SERVICES[@]}"; do
    [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ "$missing" = 1 ] || [ "${PANELWATCH_REBUILD:-0}" = 1 ]; then
    say "building the services (./mvnw install -DskipTests)"
    mvnw install -DskipTests >/dev/null || die "the build failed; run ./mvnw install -DskipTests to see why"
  fi
}

start_service() {
  local svc="$1" port="${PORT[$1]}"
  if pid_alive "$svc"; then
    say "$svc already runs (pid $(cat "$PIDS/$svc.pid"))"
    return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port is taken by a process this stack did not start"
  fi
  say "starting $svc on :$port"
  # No source catalogue: the local stack has no internet and feeds only what the demo pushes.
  PANELWATCH_SOURCES= \
  QUARKUS_PROFILE=prod,local \
  QUARKUS_HTTP_PORT="$port" \
  KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME?reWriteBatchedInserts=true" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  PANELWATCH_INGEST_URL="http://127.0.0.1:${PORT[ingest-service]}" \
  PANELWATCH_ANALYSIS_URL="http://127.0.0.1:${PORT[analysis-service]}" \
  PANELWATCH_ALERT_URL="http://127.0.0.1:${PORT[alert-service]}" \
  PANELWATCH_CONSOLE_URL="${PANELWATCH_CONSOLE_URL:-http://127.0.0.1:${PORT[console]}}" \
  nohup java ${PANELWATCH_JAVA_OPTS:--Xms128m -Xmx512m} -jar "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" \
    >>"$LOGS/$svc.log" 2>&1 &
  echo $! > "$PIDS/$svc.pid"
}

wait_ready() {
  local svc="$1" port="${PORT[$1]}" waited=0
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
    pid_alive "$svc" || die "$svc exited; last lines of $LOGS/$svc.log:
$(tail -n 20 "$LOGS/$svc.log")"
    [ "$waited" -ge "$READY_TIMEOUT" ] && die "$svc not ready after ${READY_TIMEOUT}s; see $LOGS/$svc.log"
    sleep 1; waited=$((waited + 1))
  done
  say "$svc ready on http://127.0.0.1:$port"
}

stop_pid() {
  local name="$1" pid
  [ -f "$PIDS/$name.pid" ] || return 0
  pid="$(cat "$PIDS/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
}

print_summary() {
  cat <<EOF

Panelwatch is up.
  ingest-service    http://127.0.0.1:${PORT[ingest-service]}    (push items, feeds)
  analysis-service  http://127.0.0.1:${PORT[analysis-service]}    (read API for dashboards)
  alert-service     http://127.0.0.1:${PORT[alert-service]}    (subscribers, subscriptions, deliveries)
  console           http://127.0.0.1:${PORT[console]}    (the analysts' pages: sign in with a key below)
  Swagger UI        http://127.0.0.1:<port>/q/swagger-ui   health: /q/health/ready   metrics: /q/metrics
  Kafka             $KAFKA_BOOTSTRAP
  PostgreSQL        $PGHOST:$PGPORT/$DB_NAME (schemas ingest, analysis, alert)

API keys (Authorization: Bearer <key>), kept in $STATE/keys.env:
  admin   $PANELWATCH_ADMIN_KEY
  ingest  $PANELWATCH_INGEST_KEY
  reader  $PANELWATCH_READER_KEY

Try:
  curl -H "Authorization: Bearer $PANELWATCH_READER_KEY" http://127.0.0.1:${PORT[analysis-service]}/api/v1/topics
Logs: $LOGS    Stop: deploy/local/stack.sh down
EOF
}

cmd_up() {
  command -v java >/dev/null || die "java (17+) is required"
  load_keys
  ensure_postgres
  build_if_missing
  start_kafka
  create_topics
  local svc
  for svc in "${SERVICES[@]}"; do start_service "$svc"; done
  for svc in "${SERVICES[@]}"; do wait_ready "$svc"; done
  print_summary
}

cmd_down() {
  local svc
  for svc in console alert-service analysis-service ingest-service; do stop_pid "$svc"; done
  stop_pid demo-receiver
  stop_pid demo-feed
  stop_pid kafka
  say "stopped"
}

cmd_status() {
  local name port state
  for name in kafka "${SERVICES[@]}"; do
    if pid_alive "$name"; then
      state="running (pid $(cat "$PIDS/$name.pid"))"
      if [ "$name" != kafka ]; then
        port="${PORT[$name]}"
        if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then state="$state, ready on :$port"; else state="$state, NOT ready on :$port"; fi
      fi
    else
      state="stopped"
    fi
    printf '%-18s %s\n' "$name" "$state"
  done
}

cmd_demo() {
  cmd_up
  if [ -x "$HERE/demo.sh" ]; then
    "$HERE/demo.sh"
    printf "\nThe analyst console: http://127.0.0.1:%s  (sign in with the reader key %s)\n" "${PORT[console]}" "$PANELWATCH_READER_KEY"
  else
    say "the demo corpus, receiver and summary arrive with the end-to-end issue; the stack is up"
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  demo) cmd_demo ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|demo|down|status" >&2; exit 2 ;;
esac
