#!/usr/bin/env bash
# Panelwatch local stack without Docker: Apache Kafka (KRaft) from Maven Central artifacts, the local
# PostgreSQL, and the services from their built jars; one process of each by default, more on request.
#
#   deploy/local/stack.sh up       build the services if a jar is missing, start what does not run yet,
#                                  wait until every broker and every service instance is ready
#   deploy/local/stack.sh demo     up, then deploy/local/demo.sh (the sample corpus, signals and alerts)
#   deploy/local/stack.sh down     stop every process status lists, brokers last
#   deploy/local/stack.sh status   every process this stack started: name, pid, port, readiness
#
# Every variable this script reads is in the README ("Local stack settings"). Scaled out, e.g.
#   PANELWATCH_KAFKA_BROKERS=3 PANELWATCH_ANALYSIS_INSTANCES=2 PANELWATCH_ALERT_INSTANCES=2 stack.sh up
# runs three brokers in one controller quorum (9092, 9094, 9096), topics with replication factor 3 and
# min.insync.replicas=2, and a second analysis-service on 8092 and alert-service on 8093.
#
# Processes are known by name: "kafka", "kafka-2", ... for the brokers, "analysis-service",
# "analysis-service-2", ... for the instances, plus what demo.sh starts (demo-receiver). Each has a pid
# file in $STATE/pids and a log in $STATE/logs; keys, Kafka data and the broker's classpath live in
# the state folder too (deploy/local/.state by default, git-ignored).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# shellcheck source=deploy/local/keys.sh
. "$HERE/keys.sh"
STATE="${PANELWATCH_STATE_DIR:-$HERE/.state}"
LOGS="$STATE/logs"
PIDS="$STATE/pids"

KAFKA_PORT="${PANELWATCH_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${PANELWATCH_KAFKA_CONTROLLER_PORT:-9093}"
BROKERS="${PANELWATCH_KAFKA_BROKERS:-1}"
RAW_PARTITIONS="${PANELWATCH_RAW_PARTITIONS:-6}"
OTHER_PARTITIONS="${PANELWATCH_TOPIC_PARTITIONS:-3}"
PGHOST="${PGHOST:-localhost}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
DB_NAME="${PANELWATCH_DB:-panelwatch}"
READY_TIMEOUT="${PANELWATCH_READY_TIMEOUT:-180}"

SERVICES=(ingest-service analysis-service alert-service)
# The analysts' console, in a checkout that has its module; it calls the services, so it starts last.
[ -f "$ROOT/console/pom.xml" ] && SERVICES+=(console)
# The contract's ports; another set lets a second stack (own state folder, database and Kafka ports)
# run beside this one, e.g. for a test run while the demo is up.
declare -A PORT=([ingest-service]="${PANELWATCH_INGEST_PORT:-8081}" [analysis-service]="${PANELWATCH_ANALYSIS_PORT:-8082}" [alert-service]="${PANELWATCH_ALERT_PORT:-8083}" [console]="${PANELWATCH_CONSOLE_PORT:-8080}")
TOPICS=(panelwatch.news.raw panelwatch.news.tagged panelwatch.signals panelwatch.news.raw.dlq panelwatch.signals.dlq)

say() { printf '%s %s\n' "[stack]" "$*" >&2; }
die() { printf '%s %s\n' "[stack] ERROR:" "$*" >&2; exit 1; }

[[ "$BROKERS" =~ ^[1-9]$ ]] || die "PANELWATCH_KAFKA_BROKERS must be 1 to 9, not '$BROKERS'"
# Three copies of every record when there are three brokers, and a write needs two of them: one broker
# may be lost without losing or refusing anything (acks=all and idempotence are set in the producers).
REPLICATION=$(( BROKERS < 3 ? BROKERS : 3 ))
MIN_INSYNC=$(( REPLICATION > 1 ? REPLICATION - 1 : 1 ))

mvnw() { (cd "$ROOT" && ./mvnw -B -q "$@"); }

pid_alive() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

# A port that answers while no process of ours holds it belongs to something else (another stack, a
# leftover process): starting now would only fail later with a bind error deep in a log, so stop here.
refuse_taken_port() {
  local port="$1" what="$2"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port (for $what) is taken by a process this stack did not start (stack.sh status shows what it started)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Names and ports of the processes. Instance 1 keeps the plain name and the base port (so a stack of
# one of each looks as it always did); instance i is "<name>-i", 10 ports up per instance for the
# services and 2 up per broker for Kafka (each broker needs a client and a controller port).
instance_name() { if [ "$2" = 1 ]; then echo "$1"; else echo "$1-$2"; fi; }
instance_port() { echo $(( ${PORT[$1]} + 10 * ($2 - 1) )); }
broker_port() { echo $(( KAFKA_PORT + 2 * ($1 - 1) )); }
controller_port() { echo $(( CONTROLLER_PORT + 2 * ($1 - 1) )); }
broker_data() { if [ "$1" = 1 ]; then echo "$STATE/kafka-data"; else echo "$STATE/kafka-data-$1"; fi; }

# PANELWATCH_ANALYSIS_INSTANCES for analysis-service, and so on; 1 when unset.
instances_of() {
  local var="${1%-service}"; var="PANELWATCH_${var^^}_INSTANCES"
  local n="${!var:-1}"
  [[ "$n" =~ ^[1-9]$ ]] || die "$var must be 1 to 9, not '$n'"
  echo "$n"
}

# The service instance a process name stands for ("analysis-service-2" -> analysis-service 2), or fails.
parse_instance() {
  local name="$1" svc
  for svc in "${SERVICES[@]}"; do
    if [ "$name" = "$svc" ]; then echo "$svc 1"; return 0; fi
    if [[ "$name" =~ ^$svc-([0-9]+)$ ]]; then echo "$svc ${BASH_REMATCH[1]}"; return 0; fi
  done
  return 1
}

kafka_bootstrap() {
  local i list=""
  for i in $(seq 1 "$BROKERS"); do list="${list:+$list,}127.0.0.1:$(broker_port "$i")"; done
  echo "$list"
}

# ---------------------------------------------------------------------------------------------
# keys: the rule is in keys.sh (the environment's, else the saved file's, else generated); up saves
# what it starts the services with, so later scripts without the variables use the same keys.
load_keys() {
  panelwatch_keys "$STATE" generate
  if panelwatch_keys_differ "$STATE" && any_service_alive; then
    die "the keys in the environment differ from those the running services started with ($STATE/keys.env); run stack.sh down first, or unset them"
  fi
  panelwatch_keys_save "$STATE"
}

any_service_alive() {
  local file name
  for file in "$PIDS"/*.pid; do
    [ -e "$file" ] || continue
    name="$(basename "$file" .pid)"
    parse_instance "$name" >/dev/null && pid_alive "$name" && return 0
  done
  return 1
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
  java -Xms64m -Xmx256m -cp "$(kafka_classpath)" \
    -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" "$main" "$@"
}

# Ready when every broker is registered with the quorum and answers on its own port: the broker API
# versions tool prints one "(id: N ...)" line per broker it reached.
kafka_ready() {
  local reached
  reached="$(kafka_java org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$(kafka_bootstrap)" 2>/dev/null \
    | grep -c '(id: [0-9]* rack' || true)"
  [ "$reached" -ge "$BROKERS" ]
}

# One server.properties per broker. One broker keeps the quorum it was always formatted with (a
# standalone controller, found through controller.quorum.bootstrap.servers); several form a static
# quorum of all of them (controller.quorum.voters), so losing one still leaves a majority.
write_broker_config() {
  local i="$1" quorum="" j
  if [ "$BROKERS" = 1 ]; then
    quorum="controller.quorum.bootstrap.servers=127.0.0.1:$(controller_port 1)"
  else
    for j in $(seq 1 "$BROKERS"); do quorum="${quorum:+$quorum,}$j@127.0.0.1:$(controller_port "$j")"; done
    quorum="controller.quorum.voters=$quorum"
  fi
  sed -e "s#@NODE_ID@#$i#g" -e "s#@KAFKA_PORT@#$(broker_port "$i")#g" -e "s#@CONTROLLER_PORT@#$(controller_port "$i")#g" \
      -e "s#@QUORUM@#$quorum#g" -e "s#@DATA_DIR@#$(broker_data "$i")#g" \
      -e "s#@REPLICATION@#$REPLICATION#g" -e "s#@MIN_INSYNC@#$MIN_INSYNC#g" \
      "$HERE/kafka/server.properties.template" > "$STATE/$(instance_name server "$i").properties"
}

format_kafka_storage() {
  # A state folder is formatted for one number of brokers: a quorum cannot be re-shaped by restarting
  # with another count, so a different PANELWATCH_KAFKA_BROKERS needs its own state folder.
  local formatted cluster_id i
  formatted="$(cat "$STATE/kafka.brokers" 2>/dev/null || { [ -f "$STATE/kafka-data/meta.properties" ] && echo 1; } || true)"
  if [ -n "$formatted" ] && [ "$formatted" != "$BROKERS" ]; then
    die "the Kafka data in $STATE is for $formatted broker(s), PANELWATCH_KAFKA_BROKERS asks for $BROKERS: use another PANELWATCH_STATE_DIR (or stack.sh down and remove $STATE/kafka-data*)"
  fi
  [ -n "$formatted" ] && return 0
  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid | tail -n 1)"
  for i in $(seq 1 "$BROKERS"); do
    local config; config="$STATE/$(instance_name server "$i").properties"
    if [ "$BROKERS" = 1 ]; then
      say "formatting Kafka storage (KRaft, standalone)"
      kafka_java kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$config" >>"$LOGS/kafka.log" 2>&1 \
        || die "Kafka storage format failed; see $LOGS/kafka.log"
    else
      say "formatting Kafka storage of broker $i of $BROKERS (KRaft, static quorum)"
      kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$config" >>"$LOGS/$(instance_name kafka "$i").log" 2>&1 \
        || die "Kafka storage format failed; see $LOGS/$(instance_name kafka "$i").log"
    fi
  done
  echo "$BROKERS" > "$STATE/kafka.brokers"
}

start_kafka() {
  mkdir -p "$LOGS" "$PIDS"
  local i name
  for i in $(seq 1 "$BROKERS"); do
    mkdir -p "$(broker_data "$i")"
    write_broker_config "$i"
  done
  format_kafka_storage
  for i in $(seq 1 "$BROKERS"); do
    name="$(instance_name kafka "$i")"
    if pid_alive "$name"; then
      say "$name already runs (pid $(cat "$PIDS/$name.pid"))"
      continue
    fi
    refuse_taken_port "$(broker_port "$i")" "$name"
    refuse_taken_port "$(controller_port "$i")" "$name's controller"
    say "starting $name on 127.0.0.1:$(broker_port "$i")"
    nohup java -Xms256m -Xmx768m -XX:+UseG1GC -cp "$(kafka_classpath)" \
      -Dlog4j2.configurationFile="$HERE/kafka/log4j2.properties" \
      kafka.Kafka "$STATE/$(instance_name server "$i").properties" >>"$LOGS/$name.log" 2>&1 &
    echo $! > "$PIDS/$name.pid"
  done
  local waited=0
  until kafka_ready; do
    for i in $(seq 1 "$BROKERS"); do
      name="$(instance_name kafka "$i")"
      pid_alive "$name" || die "$name exited; see $LOGS/$name.log"
    done
    [ "$waited" -ge "$READY_TIMEOUT" ] && die "Kafka not ready after ${READY_TIMEOUT}s; see $LOGS/kafka*.log"
    sleep 2; waited=$((waited + 2))
  done
}

create_topics() {
  local topic partitions
  for topic in "${TOPICS[@]}"; do
    partitions="$OTHER_PARTITIONS"
    [ "$topic" = panelwatch.news.raw ] && partitions="$RAW_PARTITIONS"
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$(kafka_bootstrap)" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor "$REPLICATION" \
      --config min.insync.replicas="$MIN_INSYNC" >/dev/null
  done
  say "topics ready (replication factor $REPLICATION, min.insync.replicas $MIN_INSYNC): ${TOPICS[*]}"
}

# ---------------------------------------------------------------------------------------------
# services
build_if_missing() {
  local missing=0 svc modules
  for svc in "${SERVICES[@]}"; do
    [ -f "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" ] || missing=1
  done
  if [ "$missing" = 1 ] || [ "${PANELWATCH_REBUILD:-0}" = 1 ]; then
    # package, not install: the reactor builds the shared modules too, and nothing is written to ~/.m2.
    modules="$(IFS=,; echo "${SERVICES[*]}")"
    say "building the services (./mvnw package -DskipTests -pl $modules -am)"
    mvnw package -DskipTests -pl "$modules" -am >/dev/null \
      || die "the build failed; run ./mvnw -B package -DskipTests -pl $modules -am to see why"
  fi
}

# The JVM of each service, sized to what it holds (BENCHMARKS.md, "Memory"). The serial collector:
# on a machine of a few cores shared by the whole stack its pauses on these heaps are a few
# milliseconds, and unlike G1 it keeps no remembered sets and hands back the heap it no longer needs
# (the free ratios), so a service at rest holds about its live data, not the peak of its start-up.
# The heap caps leave room under 512 MB resident for metaspace, compiled code and thread stacks;
# the language models (ingest) and the tagging engine's Lucene indexes (analysis) are the large live
# sets. MALLOC_ARENA_MAX (set below) keeps glibc from giving each of a hundred threads its own arena.
java_options() {
  local heap
  case "$1" in
    ingest-service) heap=256m ;;
    analysis-service) heap=320m ;;
    alert-service) heap=192m ;;
    *) heap=128m ;;
  esac
  echo "-XX:+UseSerialGC -Xms32m -Xmx$heap -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:ReservedCodeCacheSize=96m -XX:MaxMetaspaceSize=256m"
}

start_service() {
  local svc="$1" i="$2" name port
  name="$(instance_name "$svc" "$i")"
  port="$(instance_port "$svc" "$i")"
  if pid_alive "$name"; then
    say "$name already runs (pid $(cat "$PIDS/$name.pid"))"
    return
  fi
  refuse_taken_port "$port" "$name"
  say "starting $name on :$port"
  # No source catalogue: the local stack has no internet and feeds only what the demo pushes.
  PANELWATCH_SOURCES= \
  QUARKUS_PROFILE=prod,local \
  QUARKUS_HTTP_PORT="$port" \
  KAFKA_BOOTSTRAP_SERVERS="$(kafka_bootstrap)" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB_NAME?reWriteBatchedInserts=true" \
  QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
  QUARKUS_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  PANELWATCH_INGEST_URL="http://127.0.0.1:${PORT[ingest-service]}" \
  PANELWATCH_ANALYSIS_URL="http://127.0.0.1:${PORT[analysis-service]}" \
  PANELWATCH_ALERT_URL="http://127.0.0.1:${PORT[alert-service]}" \
  PANELWATCH_CONSOLE_URL="${PANELWATCH_CONSOLE_URL:-http://127.0.0.1:${PORT[console]}}" \
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
  nohup java ${PANELWATCH_JAVA_OPTS:-$(java_options "$svc")} -jar "$ROOT/$svc/target/quarkus-app/quarkus-run.jar" \
    >>"$LOGS/$name.log" 2>&1 &
  echo $! > "$PIDS/$name.pid"
}

wait_ready() {
  local svc="$1" i="$2" name port waited=0
  name="$(instance_name "$svc" "$i")"
  port="$(instance_port "$svc" "$i")"
  until curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; do
    pid_alive "$name" || die "$name exited; last lines of $LOGS/$name.log:
$(tail -n 20 "$LOGS/$name.log")"
    [ "$waited" -ge "$READY_TIMEOUT" ] && die "$name not ready after ${READY_TIMEOUT}s; see $LOGS/$name.log"
    sleep 1; waited=$((waited + 1))
  done
  say "$name ready on http://127.0.0.1:$port"
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
  local svc i
  echo
  echo "Panelwatch is up."
  for svc in "${SERVICES[@]}"; do
    for i in $(seq 1 "$(instances_of "$svc")"); do
      printf '  %-20s http://127.0.0.1:%s\n' "$(instance_name "$svc" "$i")" "$(instance_port "$svc" "$i")"
    done
  done
  cat <<EOF
  (ingest: push items, feeds; analysis: read API for dashboards; alert: subscribers, subscriptions, deliveries;
   console: the analysts' pages, sign in with a key below)
  Swagger UI        http://127.0.0.1:<port>/q/swagger-ui   health: /q/health/ready   metrics: /q/metrics
  Kafka             $(kafka_bootstrap)  ($BROKERS broker(s), topics with replication factor $REPLICATION)
  PostgreSQL        $PGHOST:$PGPORT/$DB_NAME (schemas ingest, analysis, alert)

API keys (Authorization: Bearer <key>), kept in $STATE/keys.env:
  admin   $PANELWATCH_ADMIN_KEY
  ingest  $PANELWATCH_INGEST_KEY
  reader  $PANELWATCH_READER_KEY

Try:
  curl -H "Authorization: Bearer $PANELWATCH_READER_KEY" http://127.0.0.1:${PORT[analysis-service]}/api/v1/topics
Logs: $LOGS    Processes: deploy/local/stack.sh status    Stop: deploy/local/stack.sh down
EOF
}

cmd_up() {
  command -v java >/dev/null || die "java (17+) is required"
  mkdir -p "$LOGS" "$PIDS"
  load_keys
  ensure_postgres
  build_if_missing
  start_kafka
  create_topics
  local svc i
  for svc in "${SERVICES[@]}"; do
    for i in $(seq 1 "$(instances_of "$svc")"); do start_service "$svc" "$i"; done
  done
  for svc in "${SERVICES[@]}"; do
    for i in $(seq 1 "$(instances_of "$svc")"); do wait_ready "$svc" "$i"; done
  done
  print_summary
}

# What status lists and down stops: every process the configuration asks for, and every other one
# with a pid file here (instances started with a larger count earlier, the demo's receiver). Brokers
# come last, so that down stops the services before the Kafka they flush to.
known_processes() {
  local svc i file name
  {
    for svc in "${SERVICES[@]}"; do
      for i in $(seq 1 "$(instances_of "$svc")"); do instance_name "$svc" "$i"; done
    done
    for i in $(seq 1 "$BROKERS"); do instance_name kafka "$i"; done
    for file in "$PIDS"/*.pid; do
      [ -e "$file" ] && basename "$file" .pid
    done
  } | awk '!seen[$0]++' | awk '{ print ($0 ~ /^kafka(-[0-9]+)?$/ ? 1 : 0), $0 }' | sort -s -k1,1n | cut -d' ' -f2
}

cmd_down() {
  local name
  while read -r name; do stop_pid "$name"; done < <(known_processes)
  say "stopped"
}

cmd_status() {
  local name state port svc i
  while read -r name; do
    state="stopped"
    if pid_alive "$name"; then
      state="running (pid $(cat "$PIDS/$name.pid"))"
      if read -r svc i < <(parse_instance "$name"); then
        port="$(instance_port "$svc" "$i")"
        if curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then state="$state, ready on :$port"; else state="$state, NOT ready on :$port"; fi
      elif [[ "$name" =~ ^kafka(-([0-9]+))?$ ]]; then
        state="$state, broker on :$(broker_port "${BASH_REMATCH[2]:-1}")"
      fi
    fi
    printf '%-22s %s\n' "$name" "$state"
  done < <(known_processes)
}

cmd_demo() {
  cmd_up
  "$HERE/demo.sh"
  if [[ " ${SERVICES[*]} " == *" console "* ]]; then
    printf "\nThe analyst console: http://127.0.0.1:%s  (sign in with the reader key %s)\n" "${PORT[console]}" "$PANELWATCH_READER_KEY"
  fi
}

case "${1:-}" in
  up) cmd_up ;;
  demo) cmd_demo ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) echo "usage: $0 up|demo|down|status" >&2; exit 2 ;;
esac
