package org.panelwatch.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Records that are not signals go to the dead-letter topic with a reason; the flow goes on. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class SignalConsumerTest {

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextSignalIsDelivered() throws Exception {
        String word = AlertTestSupport.uniqueWord();
        String url = WebhookReceiver.get().endpoint(200);
        AlertTestSupport.webhookSubscription(AlertTestSupport.subscriber("Vic").apiKey(), url, word, "immediate");
        String notJson = "poison-" + UUID.randomUUID();
        String noSignalId = "poison-" + UUID.randomUUID();
        String badScore = "poison-" + UUID.randomUUID();
        AlertTestSupport.send(notJson, "{ this is not json");
        AlertTestSupport.send(noSignalId, "{\"type\":\"russia-dprk-military\",\"itemId\":\"x\",\"score\":0.5}");
        AlertTestSupport.send(badScore, AlertTestSupport.signalJson(UUID.randomUUID().toString(), "i", "s", word, 7.0));
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.get().received(url).size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetterKeys())
                .contains(notJson, noSignalId, badScore));
    }

    @Test
    void aSignalTheDatabaseRefusesGoesToTheDeadLetterTopicAloneAndTheOthersAreDelivered() throws Exception {
        String word = AlertTestSupport.uniqueWord();
        String url = WebhookReceiver.get().endpoint(200);
        AlertTestSupport.webhookSubscription(AlertTestSupport.subscriber("Wen").apiKey(), url, word, "immediate");
        // A signal id of some 20,000 random characters is a valid signal, but too long for the primary key's
        // index (SQLSTATE 54000, program limit exceeded): the batch's transaction fails because of it alone.
        String refused = "refused-" + UUID.randomUUID();
        StringBuilder longId = new StringBuilder(refused);
        while (longId.length() < 20_000) {
            longId.append(UUID.randomUUID());
        }
        AlertTestSupport.send(refused, AlertTestSupport.signalJson(longId.toString(), UUID.randomUUID().toString(), null,
                word, 0.9));
        AlertTestSupport.signal(word);

        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.get().received(url).size() == 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetterKeys()).contains(refused));
    }

    private static List<String> deadLetterKeys() {
        Properties p = KafkaBroker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(SignalConsumer.DLQ_TOPIC));
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(5))) {
                keys.add(r.key());
                assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .isNotBlank();
            }
        }
        return keys;
    }
}
