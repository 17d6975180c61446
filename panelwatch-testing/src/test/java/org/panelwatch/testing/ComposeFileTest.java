package org.panelwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on our machines, so the operators' compose file is checked by reading it:
 * every service is buildable or pulled, exposes its port, has a healthcheck, waits for what it
 * needs, and gets every variable it requires — secrets only from .env.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> REQUIRED_BY_EVERY_SERVICE = List.of(
            "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_HTTP_PORT",
            "PANELWATCH_ADMIN_KEY", "PANELWATCH_INGEST_KEY", "PANELWATCH_READER_KEY");
    private static final Map<String, String> PORTS = Map.of(
            "ingest-service", "8081", "analysis-service", "8082", "alert-service", "8083");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml(options).load(reader);
            return (Map<String, Object>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> service = (Map<String, Object>) services().get(name);
        assertThat(service).as("service %s in docker-compose.yml", name).isNotNull();
        return service;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "analysis-service", "alert-service"})
    @SuppressWarnings("unchecked")
    void everyPanelwatchServiceIsComplete(String name) throws IOException {
        Map<String, Object> service = service(name);
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        assertThat(build).as("%s build", name).isNotNull();
        assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                .as("%s Dockerfile", name).exists();
        assertThat((List<String>) service.get("ports")).contains(PORTS.get(name) + ":" + PORTS.get(name));
        assertThat((Map<String, Object>) service.get("healthcheck")).as("%s healthcheck", name)
                .containsKey("test");
        assertThat(String.valueOf(((Map<String, Object>) service.get("healthcheck")).get("test")))
                .contains("/q/health/ready");
        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        assertThat(environment).as("%s environment", name).containsKeys(REQUIRED_BY_EVERY_SERVICE.toArray(String[]::new));
        assertThat(String.valueOf(environment.get("QUARKUS_HTTP_PORT"))).isEqualTo(PORTS.get(name));
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
        assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
        assertThat(dependsOn.get("kafka-topics")).containsEntry("condition", "service_completed_successfully");
    }

    @Test
    @SuppressWarnings("unchecked")
    void infrastructureIsHealthChecked() throws IOException {
        assertThat((String) service("kafka").get("image")).startsWith("apache/kafka:");
        assertThat((String) service("postgres").get("image")).isEqualTo("postgres:16");
        assertThat((Map<String, Object>) service("kafka").get("healthcheck")).containsKey("test");
        assertThat((Map<String, Object>) service("postgres").get("healthcheck")).containsKey("test");
        assertThat((List<String>) service("postgres").get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/postgresql/data"));
        assertThat(String.valueOf(service("kafka-topics").get("command")))
                .contains("panelwatch.news.raw:6", "panelwatch.news.tagged", "panelwatch.signals", "panelwatch.news.raw.dlq");
    }

    /** The console: built here, on 8080, health-checked, started once the three services are healthy; no secrets. */
    @Test
    @SuppressWarnings("unchecked")
    void theConsoleIsBuiltHealthCheckedAndWaitsForTheServices() throws IOException {
        Map<String, Object> console = service("console");
        Map<String, Object> build = (Map<String, Object>) console.get("build");
        assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))).exists();
        assertThat((List<String>) console.get("ports")).contains("8080:8080");
        assertThat(String.valueOf(((Map<String, Object>) console.get("healthcheck")).get("test"))).contains("/q/health/ready");
        Map<String, Object> environment = (Map<String, Object>) console.get("environment");
        assertThat(environment).containsEntry("PANELWATCH_ANALYSIS_URL", "http://analysis-service:8082")
                .containsEntry("PANELWATCH_INGEST_URL", "http://ingest-service:8081")
                .containsEntry("PANELWATCH_ALERT_URL", "http://alert-service:8083")
                .doesNotContainKeys("PANELWATCH_ADMIN_KEY", "QUARKUS_DATASOURCE_PASSWORD");
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) console.get("depends_on");
        for (String s : List.of("ingest-service", "analysis-service", "alert-service")) {
            assertThat(dependsOn.get(s)).as("console waits for %s", s).containsEntry("condition", "service_healthy");
        }
    }

    @Test
    void secretsComeFromEnvFileAndAreDocumented() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        String example = Files.readString(ROOT.resolve(".env.example"));
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)[:?}-]").matcher(compose);
        Set<String> variables = new HashSet<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertThat(variables).contains("POSTGRES_PASSWORD", "PANELWATCH_ADMIN_KEY", "PANELWATCH_INGEST_KEY", "PANELWATCH_READER_KEY");
        for (String variable : variables) {
            assertThat(example).as(".env.example documents %s", variable).containsPattern("(?m)^" + variable + "=");
        }
        // Secrets are required from .env, never defaulted in the file.
        assertThat(compose).contains("${POSTGRES_PASSWORD:?", "${PANELWATCH_ADMIN_KEY:?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clusterProfileRunsThreeBrokersInOneQuorumAndSecondInstances() throws IOException {
        // Profile "cluster": brokers 2 and 3 are the first broker's settings with their own id, address and volume.
        for (int node = 2; node <= 3; node++) {
            Map<String, Object> broker = service("kafka-" + node);
            assertThat((List<String>) broker.get("profiles")).containsExactly("cluster");
            assertThat(broker.get("image")).isEqualTo(service("kafka").get("image"));
            Map<String, Object> environment = (Map<String, Object>) broker.get("environment");
            assertThat(environment).containsEntry("KAFKA_NODE_ID", node)
                    .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka-" + node + ":9092")
                    .containsEntry("CLUSTER_ID", ((Map<String, Object>) service("kafka").get("environment")).get("CLUSTER_ID"))
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "${KAFKA_QUORUM_VOTERS:-1@kafka:9093}");
            assertThat((List<String>) broker.get("volumes")).containsExactly("kafka-" + node + "-data:/var/lib/kafka/data");
        }
        // The profile's settings make one quorum of the three and replicate every topic three times, two in sync.
        String example = Files.readString(ROOT.resolve(".env.example"));
        assertThat(example).contains("KAFKA_QUORUM_VOTERS=1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093",
                "KAFKA_BOOTSTRAP=kafka:9092,kafka-2:9092,kafka-3:9092", "KAFKA_REPLICATION=3", "KAFKA_MIN_INSYNC=2");
        assertThat(String.valueOf(service("kafka-topics").get("command")))
                .contains("--replication-factor ${KAFKA_REPLICATION:-1}", "min.insync.replicas=${KAFKA_MIN_INSYNC:-1}",
                        "--bootstrap-server ${KAFKA_BOOTSTRAP:-kafka:9092}");
        assertThat(((Map<String, Object>) service("analysis-service").get("environment")).get("KAFKA_BOOTSTRAP_SERVERS"))
                .isEqualTo("${KAFKA_BOOTSTRAP:-kafka:9092}");

        // Second instances: the same image, settings and healthcheck as the first, on the next host port.
        Map<String, String> secondPorts = Map.of("analysis-service-2", "8092:8082", "alert-service-2", "8093:8083");
        for (Map.Entry<String, String> second : secondPorts.entrySet()) {
            String first = second.getKey().substring(0, second.getKey().length() - 2);
            Map<String, Object> instance = service(second.getKey());
            assertThat((List<String>) instance.get("profiles")).containsExactly("cluster");
            assertThat((List<String>) instance.get("ports")).containsExactly(second.getValue());
            for (String same : List.of("image", "environment", "healthcheck", "depends_on", "build")) {
                assertThat(instance.get(same)).as("%s %s", second.getKey(), same).isEqualTo(service(first).get(same));
            }
        }
        assertThat(services()).doesNotContainKey("ingest-service-2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void observabilityProfileRunsPrometheusGrafanaAndJaegerBesideTheServices() throws IOException {
        for (String name : List.of("prometheus", "grafana", "jaeger")) {
            Map<String, Object> service = service(name);
            assertThat((List<String>) service.get("profiles")).as("%s profiles", name).containsExactly("observability");
            assertThat((String) service.get("image")).as("%s image", name).contains(":").doesNotEndWith(":latest");
            assertThat((Map<String, Object>) service.get("healthcheck")).as("%s healthcheck", name).containsKey("test");
            assertThat((List<String>) service.get("ports")).as("%s ports, on the host's loopback only", name)
                    .isNotEmpty().allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(ROOT.resolve(source.substring(2))).as("%s mounts %s", name, source).exists();
                }
            }
        }
        assertThat((List<String>) service("jaeger").get("ports")).contains("127.0.0.1:4318:4318");
        for (String name : PORTS.keySet()) {
            Map<String, Object> service = service(name);
            assertThat(service).as("%s runs with or without the profile", name).doesNotContainKey("profiles");
            assertThat((Map<String, Object>) service.get("environment")).as("%s environment", name)
                    .containsKey("PANELWATCH_OTLP_ENDPOINT");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceWhereComposeRunsIt() throws IOException {
        Map<String, Object> config = yaml(ROOT.resolve("deploy/observability/prometheus.yml"));
        Map<String, String> targets = new java.util.HashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).as("job %s", job.get("job_name")).isEqualTo("/q/metrics");
            List<Map<String, Object>> statics = (List<Map<String, Object>>) job.get("static_configs");
            targets.put((String) job.get("job_name"), ((List<String>) statics.get(0).get("targets")).get(0));
        }
        PORTS.forEach((name, port) -> assertThat(targets).containsEntry(name, name + ":" + port));
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaDashboardQueriesOnlyDocumentedMetricsThroughTheProvisionedSource() throws IOException {
        Map<String, Object> sources = yaml(ROOT.resolve("deploy/observability/grafana/provisioning/datasources/prometheus.yml"));
        Set<String> uids = new HashSet<>();
        ((List<Map<String, Object>>) sources.get("datasources")).forEach(d -> uids.add((String) d.get("uid")));
        Map<String, Object> dashboard = yaml(ROOT.resolve("deploy/observability/grafana/dashboards/panelwatch-pipeline.json"));
        assertThat(dashboard.get("uid")).isEqualTo("panelwatch-pipeline");
        String docs = Files.readString(ROOT.resolve("README.md")) + Files.readString(ROOT.resolve("ingest-service/README.md"))
                + Files.readString(ROOT.resolve("analysis-service/README.md")) + Files.readString(ROOT.resolve("alert-service/README.md"));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) dashboard.get("panels");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
        Set<String> metrics = new HashSet<>();
        for (Map<String, Object> panel : panels) {
            assertThat(((Map<String, Object>) panel.get("datasource")).get("uid")).as("panel %s", panel.get("title")).isIn(uids);
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.get("targets")) {
                Matcher m = Pattern.compile("\\b((?:panelwatch|kafka_consumer)_[a-z_]+?)(?:_bucket|_sum|_count)?\\b")
                        .matcher((String) target.get("expr"));
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        assertThat(metrics).contains("panelwatch_pipeline_latency_seconds", "kafka_consumer_fetch_manager_records_lag",
                "panelwatch_alert_deliveries_total", "panelwatch_ingest_feed_polls_total", "panelwatch_ingest_page_fetches_total");
        for (String metric : metrics) {
            assertThat(docs).as("a README documents %s, which the dashboard queries", metric).contains(metric);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new LoaderOptions()).load(reader);
        }
    }
}
