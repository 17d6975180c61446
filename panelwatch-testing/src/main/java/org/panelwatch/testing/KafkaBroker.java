package org.panelwatch.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker in the test JVM, started once and shared by every
 * Quarkus test of the module (it outlives application restarts between test profiles and
 * stops with the JVM). It hands {@code kafka.bootstrap.servers} to the application.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    public static final List<String> CONTRACT_TOPICS = List.of(
            "panelwatch.news.raw", "panelwatch.news.tagged", "panelwatch.signals", "panelwatch.news.raw.dlq",
            "panelwatch.signals.dlq");

    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared across restarts of the application under test; see startBroker's shutdown hook.
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = startBroker();
        }
        return cluster.bootstrapServers();
    }

    /** Admin client properties for tests that produce, consume or inspect topics themselves. */
    public static Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return properties;
    }

    private static KafkaClusterTestKit startBroker() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(Files.createTempDirectory("panelwatch-kafka-"))
                    .build();
            // One broker: internal topics must have replication factor 1, or consumer groups and
            // transactions wait forever for replicas that never come.
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setDeleteOnClose(true)
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            createContractTopics(kit.bootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    kit.close();
                } catch (Exception e) {
                    // The JVM is exiting; a broker that does not close cleanly leaves only a temp dir.
                }
            }, "kafka-test-broker-shutdown"));
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test Kafka broker", e);
        }
    }

    private static void createContractTopics(String bootstrap) throws InterruptedException, ExecutionException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            for (String topic : CONTRACT_TOPICS) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
