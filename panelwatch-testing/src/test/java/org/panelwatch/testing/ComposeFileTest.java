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
}
