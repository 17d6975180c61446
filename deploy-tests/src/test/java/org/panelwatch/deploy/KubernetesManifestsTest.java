package org.panelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under deploy/kubernetes: every one read into fabric8's Kubernetes model with
 * no field the model does not know (a misspelt key would be silently ignored by a cluster), applied to
 * fabric8's mock API server in CRUD mode and read back; then checked against the services they deploy
 * (images, ports, environment variable names, probe paths, memory from BENCHMARKS.md) and against each
 * other (Secrets, ConfigMaps, PodDisruptionBudgets, NetworkPolicies, the Kustomize files).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesManifestsTest {

    private static final String NAMESPACE = "panelwatch";
    private static final Map<String, Integer> PORTS = Map.of(
            "ingest-service", 8081, "analysis-service", 8082, "alert-service", 8083, "console", 8080);
    private static final List<String> BACKENDS = List.of("ingest-service", "analysis-service", "alert-service");
    // The operators' kinds, as their CRDs declare them (all namespaced).
    private static final Map<String, CustomResourceDefinitionContext> CUSTOM = Map.of(
            "Kafka", custom("kafka.strimzi.io", "v1beta2", "Kafka", "kafkas"),
            "KafkaNodePool", custom("kafka.strimzi.io", "v1beta2", "KafkaNodePool", "kafkanodepools"),
            "KafkaTopic", custom("kafka.strimzi.io", "v1beta2", "KafkaTopic", "kafkatopics"),
            "Cluster", custom("postgresql.cnpg.io", "v1", "Cluster", "clusters"));

    KubernetesMockServer server;
    KubernetesClient client;

    private static CustomResourceDefinitionContext custom(String group, String version, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withScope("Namespaced").build();
    }

    @BeforeEach
    void knowTheOperatorsKinds() {
        CUSTOM.values().forEach(server::expectCustomResource);
        // The injected client gives up after 10 s; on a loaded build machine the first connection can take longer.
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withConnectionTimeout(60_000).withRequestTimeout(60_000).build()).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void everyManifestIsReadIntoTheModelWithoutUnknownFields() {
        List<Path> files = Manifests.files();
        assertThat(files).extracting(f -> Manifests.KUBERNETES.relativize(f).toString())
                .contains("base/ingest-service.yaml", "base/analysis-service.yaml", "base/alert-service.yaml",
                        "base/console.yaml", "base/secrets.yaml", "base/network-policies.yaml",
                        "operators/strimzi/kafka.yaml", "operators/cloudnative-pg/cluster.yaml");
        for (Path file : files) {
            List<HasMetadata> objects = Manifests.read(file);
            assertThat(objects).as("%s", file).isNotEmpty();
            for (HasMetadata object : objects) {
                assertThat(object.getMetadata().getName()).as("name in %s", file).isNotBlank();
                if (object instanceof GenericKubernetesResource generic) {
                    assertThat(CUSTOM).as("%s in %s is an operator's kind this test knows", generic.getKind(), file)
                            .containsKey(generic.getKind());
                    assertThat(generic.getApiVersion()).isEqualTo(CUSTOM.get(generic.getKind()).getGroup() + "/"
                            + CUSTOM.get(generic.getKind()).getVersion());
                } else {
                    assertThat(unknownFields(object, "")).as("fields fabric8's model does not know in %s %s (%s)",
                            object.getKind(), object.getMetadata().getName(), file).isEmpty();
                }
            }
        }
    }

    @Test
    void aMisspeltFieldIsFoundByTheUnknownFieldsCheck() {
        HasMetadata deployment = (HasMetadata) Manifests.SERIALIZATION.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: misspelt
                spec:
                  template:
                    spec:
                      containers:
                        - name: misspelt
                          image: panelwatch/misspelt:latest
                          readinessProb:
                            httpGet:
                              path: /q/health/ready
                """);
        assertThat(deployment).isInstanceOf(Deployment.class);
        assertThat(unknownFields(deployment, "")).singleElement().asString().contains("readinessProb");
    }

    @Test
    void everyManifestIsAcceptedByTheApiServerAndReadBack() {
        List<HasMetadata> objects = Manifests.all();
        for (HasMetadata object : objects) {
            if (object instanceof Namespace) {
                client.resource(object).create();
            } else if (object instanceof GenericKubernetesResource generic) {
                client.genericKubernetesResources(CUSTOM.get(generic.getKind())).inNamespace(NAMESPACE).resource(generic).create();
            } else {
                client.resource(object).inNamespace(NAMESPACE).create();
            }
        }
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems())
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(PORTS.keySet());
        assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).hasSize(PORTS.size());
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).list().getItems()).hasSize(PORTS.size());
        assertThat(client.secrets().inNamespace(NAMESPACE).list().getItems()).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("panelwatch-api-keys", "panelwatch-db-app");
        assertThat(client.network().v1().networkPolicies().inNamespace(NAMESPACE).list().getItems()).hasSizeGreaterThanOrEqualTo(PORTS.size() + 2);
        assertThat(client.genericKubernetesResources(CUSTOM.get("KafkaTopic")).inNamespace(NAMESPACE).list().getItems()).hasSize(5);
        assertThat(client.genericKubernetesResources(CUSTOM.get("Kafka")).inNamespace(NAMESPACE).withName("panelwatch").get()).isNotNull();
        assertThat(client.genericKubernetesResources(CUSTOM.get("Cluster")).inNamespace(NAMESPACE).withName("panelwatch-db").get()).isNotNull();
        Deployment analysis = client.apps().deployments().inNamespace(NAMESPACE).withName("analysis-service").get();
        assertThat(analysis.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
                .isEqualTo("/q/health/ready");
    }

    @Test
    void imagesAndPortsAreTheServicesOwn() throws IOException {
        List<HasMetadata> base = Manifests.under("base");
        for (Deployment deployment : Manifests.ofType(base, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = onlyContainer(deployment);
            assertThat(container.getImage()).isEqualTo("panelwatch/" + name + ":latest");
            int port = PORTS.get(name);
            assertThat(container.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getContainerPort()).isEqualTo(port);
                assertThat(p.getName()).isEqualTo("http");
            });
            assertThat(env(container)).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
            Service service = Manifests.ofType(base, Service.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(port));
            if (BACKENDS.contains(name)) {
                // The image is the one the module's Dockerfile builds, and the port the service listens on.
                assertThat(Manifests.ROOT.resolve(name).resolve("Dockerfile")).exists();
                assertThat(Files.readString(Manifests.ROOT.resolve(name).resolve("Dockerfile"))).contains("EXPOSE " + port);
                assertThat(properties(name)).containsEntry("quarkus.http.port", String.valueOf(port));
            }
        }
    }

    @Test
    void environmentVariablesAreOnesTheServicesRead() throws IOException {
        List<HasMetadata> base = Manifests.under("base");
        for (Deployment deployment : Manifests.ofType(base, Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Set<String> names = envNames(onlyContainer(deployment), base);
            if (BACKENDS.contains(name)) {
                assertThat(names).contains("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                        "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                        "PANELWATCH_ADMIN_KEY", "PANELWATCH_INGEST_KEY", "PANELWATCH_READER_KEY");
            } else {
                assertThat(names).contains("PANELWATCH_INGEST_URL", "PANELWATCH_ANALYSIS_URL", "PANELWATCH_ALERT_URL");
            }
            Path properties = Manifests.ROOT.resolve(name).resolve("src/main/resources/application.properties");
            if (Files.exists(properties)) {
                // Each variable is the environment form (MicroProfile Config: non-alphanumerics to "_", upper case)
                // of a property the service's application.properties sets or refers to.
                Set<String> known = propertyEnvNames(name);
                assertThat(names).as("%s's variables", name).allSatisfy(v -> assertThat(known).as("%s sets or reads %s", name, v).contains(v));
            } else {
                // The console module is not in this tree yet (it is being built beside this): the names above are
                // the ones its application.properties reads (quarkus.rest-client.<key>.url=${PANELWATCH_<KEY>_URL:...}).
                assertThat(name).isEqualTo("console");
            }
        }
    }

    @Test
    void probesAskTheHealthEndpointsAndMemoryFollowsTheMeasuredRss() throws IOException {
        Map<String, long[]> measured = measuredRssMegabytes();
        for (Deployment deployment : Manifests.ofType(Manifests.under("base"), Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Container container = onlyContainer(deployment);
            assertThat(path(container.getReadinessProbe())).isEqualTo("/q/health/ready");
            assertThat(path(container.getLivenessProbe())).isEqualTo("/q/health/live");
            assertThat(path(container.getStartupProbe())).isEqualTo("/q/health/live");
            for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
            }
            Path pom = Manifests.ROOT.resolve(name).resolve("pom.xml");
            if (Files.exists(pom)) {
                assertThat(Files.readString(pom)).as("%s serves /q/health", name).contains("quarkus-smallrye-health");
            }
            long request = bytes(container.getResources().getRequests().get("memory"));
            long limit = bytes(container.getResources().getLimits().get("memory"));
            assertThat(limit).isGreaterThanOrEqualTo(request);
            if (measured.containsKey(name)) {
                // The request holds the measured peak; the limit leaves a quarter above it.
                long peak = measured.get(name)[1] * 1_000_000L;
                assertThat(request).as("%s memory request vs peak RSS %d MB", name, measured.get(name)[1]).isGreaterThanOrEqualTo(peak);
                assertThat(limit).as("%s memory limit vs peak RSS", name).isGreaterThanOrEqualTo(peak * 5 / 4);
            }
        }
        assertThat(measured).containsKeys(BACKENDS.toArray(String[]::new));
    }

    @Test
    void theConsoleKeepsABrowserOnTheReplicaThatHoldsItsSession() {
        // The console's sessions live in one process's memory: with more than one replica, a browser
        // sent to another one would be signed out on every other request.
        List<HasMetadata> base = Manifests.under("base");
        Deployment console = Manifests.ofType(base, Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals("console")).findFirst().orElseThrow();
        Service service = Manifests.ofType(base, Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("console")).findFirst().orElseThrow();
        if (console.getSpec().getReplicas() > 1) {
            assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
            // At least the longest session (PANELWATCH_CONSOLE_SESSION_MAX, 8h by default).
            assertThat(service.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds()).isGreaterThanOrEqualTo(8 * 3600);
        }
    }

    @Test
    void secretsConfigAndDisruptionBudgetsFitTheDeployments() {
        List<HasMetadata> base = Manifests.under("base");
        Map<String, Set<String>> secretKeys = Manifests.ofType(base, Secret.class).stream().collect(Collectors.toMap(
                s -> s.getMetadata().getName(), s -> s.getStringData().keySet()));
        Set<String> configMaps = Manifests.ofType(base, ConfigMap.class).stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet());
        for (Deployment deployment : Manifests.ofType(base, Deployment.class)) {
            Container container = onlyContainer(deployment);
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    var ref = variable.getValueFrom().getSecretKeyRef();
                    assertThat(secretKeys).containsKey(ref.getName());
                    assertThat(secretKeys.get(ref.getName())).contains(ref.getKey());
                }
            }
            for (EnvFromSource from : container.getEnvFrom()) {
                if (from.getSecretRef() != null) {
                    assertThat(secretKeys).containsKey(from.getSecretRef().getName());
                }
                if (from.getConfigMapRef() != null) {
                    assertThat(configMaps).contains(from.getConfigMapRef().getName());
                }
            }
            // Replicas, and a budget that keeps all but one of them through a drain.
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
            PodDisruptionBudget budget = Manifests.ofType(base, PodDisruptionBudget.class).stream()
                    .filter(b -> b.getSpec().getSelector().getMatchLabels().equals(deployment.getSpec().getSelector().getMatchLabels()))
                    .findFirst().orElseThrow(() -> new AssertionError("no PodDisruptionBudget for " + deployment.getMetadata().getName()));
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/part-of", "panelwatch");
        }
        // No real secret in the repository: the base's values say they are placeholders.
        Manifests.ofType(base, Secret.class).forEach(s -> assertThat(s.getStringData().values())
                .anyMatch(v -> v.startsWith("replace-me")));
    }

    @Test
    void networkPoliciesLetOnlyWhatMustTalk() {
        List<HasMetadata> base = Manifests.under("base");
        Map<String, NetworkPolicy> policies = Manifests.ofType(base, NetworkPolicy.class).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p));
        NetworkPolicy deny = policies.get("panelwatch-default-deny");
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        assertThat(deny.getSpec().getEgress()).isEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/part-of", "panelwatch");

        for (String name : PORTS.keySet()) {
            NetworkPolicy own = policies.get(name);
            assertThat(own).as("policy of %s", name).isNotNull();
            assertThat(own.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", name);
            assertThat(own.getSpec().getIngress()).singleElement().satisfies(rule ->
                    assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(PORTS.get(name)));
            Set<String> egressTo = own.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                    .map(KubernetesManifestsTest::describe).collect(Collectors.toSet());
            if (BACKENDS.contains(name)) {
                assertThat(egressTo).contains("strimzi.io/cluster=panelwatch", "cnpg.io/cluster=panelwatch-db");
            } else {
                assertThat(egressTo).containsExactlyInAnyOrder("app.kubernetes.io/name=ingest-service",
                        "app.kubernetes.io/name=analysis-service", "app.kubernetes.io/name=alert-service");
            }
            // Only the services that call user-given addresses reach the internet, and never private ranges.
            boolean internet = egressTo.stream().anyMatch(d -> d.startsWith("0.0.0.0/0"));
            assertThat(internet).as("%s reaches the internet", name).isEqualTo(Set.of("ingest-service", "alert-service").contains(name));
            egressTo.stream().filter(d -> d.startsWith("0.0.0.0/0"))
                    .forEach(d -> assertThat(d).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"));
        }
    }

    @Test
    void operatorsServeTheAddressesAndTopicsTheServicesUse() throws IOException {
        List<HasMetadata> operators = Manifests.under("operators");
        ConfigMap config = Manifests.ofType(Manifests.under("base"), ConfigMap.class).get(0);
        GenericKubernetesResource kafka = generic(operators, "Kafka").get(0);
        assertThat(config.getData().get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka.getMetadata().getName() + "-kafka-bootstrap:9092");
        GenericKubernetesResource postgres = generic(operators, "Cluster").get(0);
        assertThat(config.getData().get("QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:postgresql://" + postgres.getMetadata().getName() + "-rw:5432/panelwatch?");
        assertThat(nested(postgres.getAdditionalProperties(), "spec", "bootstrap", "initdb", "secret", "name")).isEqualTo("panelwatch-db-app");
        assertThat(nested(kafka.getAdditionalProperties(), "spec", "kafka", "config", "min.insync.replicas")).isEqualTo(2);
        assertThat(nested(generic(operators, "KafkaNodePool").get(0).getAdditionalProperties(), "spec", "replicas")).isEqualTo(3);

        // The topics are the ones stack.sh creates, as replicated as its three-broker cluster's.
        Matcher topicList = Pattern.compile("(?m)^TOPICS=\\(([^)]*)\\)").matcher(Files.readString(Manifests.ROOT.resolve("deploy/local/stack.sh")));
        assertThat(topicList.find()).isTrue();
        List<GenericKubernetesResource> topics = generic(operators, "KafkaTopic");
        assertThat(topics).extracting(t -> t.getMetadata().getName()).containsExactlyInAnyOrder(topicList.group(1).trim().split("\\s+"));
        for (GenericKubernetesResource topic : topics) {
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
            assertThat(nested(topic.getAdditionalProperties(), "spec", "replicas")).isEqualTo(3);
            assertThat(nested(topic.getAdditionalProperties(), "spec", "config", "min.insync.replicas")).isEqualTo(2);
            assertThat(nested(topic.getAdditionalProperties(), "spec", "partitions"))
                    .isEqualTo(topic.getMetadata().getName().equals("panelwatch.news.raw") ? 6 : 3);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void kustomizationsNameEveryFileAndOnlyWhatExists() throws IOException {
        Set<String> deployments = Manifests.ofType(Manifests.under("base"), Deployment.class).stream()
                .map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        Map<String, Set<String>> baseSecrets = Manifests.ofType(Manifests.under("base"), Secret.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s.getStringData().keySet()));
        List<Path> kustomizations;
        try (var walk = Files.walk(Manifests.KUBERNETES)) {
            kustomizations = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(kustomizations).extracting(k -> Manifests.KUBERNETES.relativize(k.getParent()).toString())
                .contains("base", "overlays/dev", "overlays/production", "operators/strimzi", "operators/cloudnative-pg");
        Set<Path> listed = new HashSet<>();
        for (Path kustomization : kustomizations) {
            Map<String, Object> k = Manifests.yaml(kustomization);
            for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
                Path target = kustomization.getParent().resolve(resource).normalize();
                assertThat(target).as("%s in %s", resource, kustomization).exists();
                listed.add(target);
            }
            for (Map<String, Object> replicas : (List<Map<String, Object>>) k.getOrDefault("replicas", List.of())) {
                assertThat(deployments).contains((String) replicas.get("name"));
            }
            for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
                assertThat(deployments.stream().map(d -> "panelwatch/" + d)).contains((String) image.get("name"));
            }
            for (Map<String, Object> generator : (List<Map<String, Object>>) k.getOrDefault("secretGenerator", List.of())) {
                String name = (String) generator.get("name");
                assertThat(baseSecrets).containsKey(name);
                assertThat(generator.get("behavior")).isEqualTo("replace");
                for (String envFile : (List<String>) generator.get("envs")) {
                    // The real file is git-ignored; its example names the same keys as the Secret it replaces.
                    Path example = kustomization.getParent().resolve(envFile + ".example");
                    assertThat(example).exists();
                    Set<String> keys = Files.readAllLines(example).stream().filter(l -> l.contains("=") && !l.startsWith("#"))
                            .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
                    assertThat(keys).isEqualTo(baseSecrets.get(name));
                    assertThat(Files.readString(Manifests.ROOT.resolve(".gitignore"))).contains("deploy/kubernetes/overlays/*/" + envFile);
                }
            }
        }
        // Every manifest file is part of some kustomization.
        for (Path file : Manifests.files()) {
            assertThat(listed).as("%s is listed in a kustomization.yaml", file).contains(file);
        }
    }

    @Test
    void overlaysRenderWithKustomizeAndTheApiServerAcceptsThem() throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "kubectl (with its kustomize) is not installed; the other tests check the overlays' references");
        // A copy, so that the production overlay's git-ignored secret files can be made from their examples.
        Path copy = Files.createTempDirectory("panelwatch-kustomize");
        try (Stream<Path> files = Files.walk(Manifests.KUBERNETES)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(Manifests.KUBERNETES.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Files.writeString(copy.resolve("overlays/production/api-keys.env"),
                "PANELWATCH_ADMIN_KEY=rendered-admin-key-0123456789\nPANELWATCH_INGEST_KEY=rendered-ingest-key-0123456789\n"
                        + "PANELWATCH_READER_KEY=rendered-reader-key-0123456789\n");
        Files.writeString(copy.resolve("overlays/production/db.env"), "username=panelwatch\npassword=rendered-password\n");

        Map<String, Map<String, Integer>> replicas = Map.of(
                "dev", Map.of("ingest-service", 1, "analysis-service", 1, "alert-service", 1, "console", 1),
                "production", Map.of("ingest-service", 2, "analysis-service", 3, "alert-service", 2, "console", 2));
        for (String overlay : List.of("dev", "production")) {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", copy.resolve("overlays").resolve(overlay).toString())
                    .redirectErrorStream(true).start();
            String rendered = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("kubectl kustomize overlays/%s:%n%s", overlay, rendered).isZero();
            List<HasMetadata> objects = Manifests.documents(rendered).stream()
                    .map(d -> (HasMetadata) Manifests.SERIALIZATION.unmarshal(d)).toList();
            String namespace = overlay.equals("dev") ? "panelwatch-dev" : "panelwatch";
            for (HasMetadata object : objects) {
                if (object instanceof Namespace) {
                    assertThat(object.getMetadata().getName()).isEqualTo(namespace);
                    client.resource(object).create();
                } else if (object instanceof GenericKubernetesResource generic) {
                    assertThat(generic.getMetadata().getNamespace()).isEqualTo(namespace);
                    client.genericKubernetesResources(CUSTOM.get(generic.getKind())).inNamespace(namespace).resource(generic).create();
                } else {
                    assertThat(object.getMetadata().getNamespace()).as("%s %s", object.getKind(), object.getMetadata().getName())
                            .isEqualTo(namespace);
                    client.resource(object).inNamespace(namespace).create();
                }
            }
            for (Deployment deployment : client.apps().deployments().inNamespace(namespace).list().getItems()) {
                String name = deployment.getMetadata().getName();
                assertThat(deployment.getSpec().getReplicas()).as("%s replicas in %s", name, overlay).isEqualTo(replicas.get(overlay).get(name));
                assertThat(onlyContainer(deployment).getImage())
                        .isEqualTo("panelwatch/" + name + (overlay.equals("dev") ? ":latest" : ":0.1.0"));
            }
            Secret keys = client.secrets().inNamespace(namespace).withName("panelwatch-api-keys").get();
            assertThat(keys).isNotNull();
            if (overlay.equals("production")) {
                // The generated Secret replaced the placeholder one, under the name the Deployments use.
                assertThat(new String(java.util.Base64.getDecoder().decode(keys.getData().get("PANELWATCH_ADMIN_KEY"))))
                        .isEqualTo("rendered-admin-key-0123456789");
            }
            assertThat(client.genericKubernetesResources(CUSTOM.get("KafkaTopic")).inNamespace(namespace).list().getItems()).hasSize(5);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** Names the container gets: its env entries and the keys of the ConfigMaps and Secrets it takes whole. */
    private static Set<String> envNames(Container container, List<HasMetadata> base) {
        Set<String> names = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toCollection(HashSet::new));
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                Manifests.ofType(base, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(from.getConfigMapRef().getName()))
                        .forEach(c -> names.addAll(c.getData().keySet()));
            }
            if (from.getSecretRef() != null) {
                Manifests.ofType(base, Secret.class).stream().filter(s -> s.getMetadata().getName().equals(from.getSecretRef().getName()))
                        .forEach(s -> names.addAll(s.getStringData().keySet()));
            }
        }
        return names;
    }

    private static Map<String, String> properties(String module) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(Manifests.ROOT.resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.stringPropertyNames().stream().collect(Collectors.toMap(n -> n, properties::getProperty));
    }

    /** The environment names of every property the file sets (any profile) and of every ${NAME} it reads. */
    private static Set<String> propertyEnvNames(String module) throws IOException {
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, String> property : properties(module).entrySet()) {
            String key = property.getKey().replaceFirst("^%[^.]+\\.", "");
            names.add(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));
            Matcher reference = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)").matcher(property.getValue());
            while (reference.find()) {
                names.add(reference.group(1).replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).setScale(0, java.math.RoundingMode.UP).longValueExact();
    }

    /** BENCHMARKS.md's "Resident memory (RSS)" table: process -> {at rest, peak} in MB. */
    private static Map<String, long[]> measuredRssMegabytes() throws IOException {
        Matcher row = Pattern.compile("(?m)^\\| ([a-z-]+) \\| ([0-9,]+) MB \\| ([0-9,]+) MB \\|").matcher(
                Files.readString(Manifests.ROOT.resolve("BENCHMARKS.md")));
        Map<String, long[]> rows = new java.util.HashMap<>();
        while (row.find()) {
            rows.putIfAbsent(row.group(1), new long[] {
                    Long.parseLong(row.group(2).replace(",", "")), Long.parseLong(row.group(3).replace(",", ""))});
        }
        return rows;
    }

    private static String describe(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return peer.getIpBlock().getCidr() + " except " + peer.getIpBlock().getExcept();
        }
        return peer.getPodSelector().getMatchLabels().entrySet().stream()
                .filter(e -> !e.getKey().equals("strimzi.io/kind"))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return Manifests.ofType(objects, GenericKubernetesResource.class).stream().filter(g -> g.getKind().equals(kind)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object nested(Map<String, Object> map, String... path) {
        Object current = map;
        for (String step : path) {
            assertThat(current).as("%s in %s", step, String.join(".", path)).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(step);
        }
        return current;
    }

    /**
     * Paths of fields fabric8's typed model kept in "additionalProperties": keys it does not know, which a
     * real API server would drop or refuse (e.g. "readinessProb").
     */
    private static List<String> unknownFields(Object object, String at) {
        List<String> unknown = new java.util.ArrayList<>();
        if (object == null || !object.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field = at + "." + getter.getName().substring(3);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty() && !(object instanceof Quantity)) {
                    unknown.add(at + " " + extra.keySet());
                }
            } else if (value instanceof Collection<?> items) {
                items.forEach(item -> unknown.addAll(unknownFields(item, field)));
            } else if (value instanceof Map<?, ?> entries) {
                entries.values().forEach(item -> unknown.addAll(unknownFields(item, field)));
            } else if (!(value instanceof BigDecimal)) {
                unknown.addAll(unknownFields(value, field));
            }
        }
        return unknown;
    }
}
