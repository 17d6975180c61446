package org.panelwatch.alert.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Shared steps of the alert-service tests: subscribers, subscriptions, signals on the real broker, SQL checks. */
public final class AlertTestSupport {

    public static final String ADMIN = "dev-admin-key";
    private static boolean reset;
    private static KafkaProducer<String, String> producer;

    private AlertTestSupport() {
    }

    /** Empties the alert schema once per test JVM: the test database outlives runs. */
    public static synchronized void resetOnce() throws Exception {
        if (reset) {
            return;
        }
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE alert.delivery_attempt, alert.delivery, alert.alert, alert.processed_signal, "
                    + "alert.subscription, alert.subscriber CASCADE");
        }
        reset = true;
    }

    /** A word no other test uses, to give each test's subscriptions and signals their own keyword. */
    public static String uniqueWord() {
        return "kw" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    public record Created(String id, String apiKey) {
    }

    public static Created subscriber(String name) {
        Response r = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", name.toLowerCase().replace(' ', '.') + "@example.org"))
                .post("/api/v1/subscribers").then().statusCode(201).extract().response();
        return new Created(r.path("id"), r.path("apiKey"));
    }

    public record Hook(String id, String secret) {
    }

    public static Hook webhookSubscription(String key, String url, String keyword, String mode) {
        Response r = given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "hook " + keyword, "channel", Map.of("type", "webhook", "url", url),
                        "filter", Map.of("keywords", List.of(keyword)), "mode", mode))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().response();
        return new Hook(r.path("id"), r.path("secret"));
    }

    public static String emailSubscription(String key, String address, String keyword, String mode) {
        return given().auth().oauth2(key).contentType(ContentType.JSON)
                .body(Map.of("name", "mail " + keyword, "channel", Map.of("type", "email", "address", address),
                        "filter", Map.of("keywords", List.of(keyword)), "mode", mode))
                .post("/api/v1/subscriptions").then().statusCode(201).extract().path("id");
    }

    /** A SignalEvent as the analysis service writes it; the keyword is in the text. */
    public static String signalJson(String signalId, String itemId, String storyId, String keyword, double score) {
        return """
                {"schemaVersion":1,"signalId":"%s","type":"russia-dprk-military","score":%s,"severity":"high",
                 "itemId":"%s","storyId":%s,"title":"North Korean shells reach Russian front",
                 "url":"https://news.example.org/items/%s","source":"Example News","published":"2026-11-24T08:00:00Z",
                 "lang":"en","text":"Officials said 20 trains carried artillery shells from Rajin to Russia. %s",
                 "topics":[{"id":"arms-transfer","name":"Arms transfers","resolutions":["UNSCR 1718 (2006) para 8(a)-(b)"]},
                           {"id":"military-cooperation","name":"Military cooperation","resolutions":["UNSCR 2270 (2016) para 9"]}],
                 "evidence":[{"sentence":"Officials said 20 trains carried artillery shells from Rajin to Russia.","start":0,"end":70}],
                 "detectedAt":"2026-11-24T08:01:00Z"}"""
                .formatted(signalId, score, itemId, storyId == null ? "null" : "\"" + storyId + "\"", itemId, keyword);
    }

    public static String signal(String keyword) throws Exception {
        String signalId = UUID.randomUUID().toString();
        String itemId = UUID.randomUUID().toString();
        send(itemId, signalJson(signalId, itemId, "story-" + UUID.randomUUID(), keyword, 0.9));
        return signalId;
    }

    public static synchronized void send(String key, String value) throws Exception {
        if (producer == null) {
            Properties p = KafkaBroker.clientProperties();
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(p);
        }
        producer.send(new ProducerRecord<>(KafkaTopics.SIGNALS, key, value)).get();
    }

    public static long count(String sql, Object... params) throws Exception {
        return TestDatabase.count(sql, params);
    }

    public static int update(String sql, Object... params) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            return st.executeUpdate();
        }
    }

    public static List<String> strings(String sql, Object... params) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
