package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.panelwatch.e2e.HostileInput.Body;
import org.panelwatch.e2e.HostileInput.FieldValue;
import org.panelwatch.e2e.HostileInput.WireValue;

/**
 * Hostile input at every door of the three services (RELIABILITY.md, fault 6): malformed, deeply
 * nested, oversized, mis-encoded and mis-typed bodies; SQL and script injection in every field, query
 * parameter and path id; feeds that attack the parser or never end; webhook URLs aimed at link-local
 * and cloud-metadata addresses. Every answer must be a 4xx problem+json (or, for a field that is free
 * text, the value accepted as text), every hostile feed a feed error; no 5xx, no hang, and afterwards
 * the data written before is unchanged, the pipeline still flows and every service is ready.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The ingest service's fetch deadline is 20 s; a poll answers within it and the bookkeeping. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One door: a service, a method and a path (with {id}), and the key that may use it. */
    private record Door(String service, String baseUrl, String key, String method, String path) {
        String name() {
            return service + " " + method + " " + path;
        }
    }

    /** What came back: a status (0 when the connection failed, -1 on timeout) and the body. */
    private record Answer(int status, String contentType, String body, String failure) {
        boolean problem() {
            return contentType != null && contentType.toLowerCase().startsWith(PROBLEM_JSON);
        }

        String statusClass() {
            return status == -1 ? "hang" : status == 0 ? "no answer" : (status / 100) + "xx";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SampleNews news = new SampleNews();
    private final SampleNews hostileNews = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private final HostileFeedServer feedServer = new HostileFeedServer();
    private final Map<String, Map<String, AtomicInteger>> tally = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<String> createdFeeds = new CopyOnWriteArrayList<>();
    private final List<String> createdSubscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, String> acceptedTitles = new ConcurrentHashMap<>();
    /** Every item id a hostile push was answered 202 for: acknowledged, so it must be stored. */
    private final Set<String> acknowledgedItems = ConcurrentHashMap.newKeySet();
    private final long started = System.nanoTime();

    private RunningStack.Stack stack;
    private IngestApi ingest;
    private ReadApi read;
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;
    private String subscriptionId;
    private String scratchSubscriptionId;
    private List<Map<String, Object>> canaries;
    private Map<String, String> canarySnapshots;
    private String topicsBefore;
    private Set<String> feedsBefore;
    private String subscriptionBefore;

    @BeforeAll
    void writeTheDataThatMustSurvive() {
        stack = RunningStack.stack();
        ingest = new IngestApi(stack);
        read = new ReadApi(stack);
        alerts = new AlertApi(stack);

        canaries = List.of(news.missileDelivery(), news.droneTraining());
        List<IngestApi.Receipt> receipts = ingest.push(canaries);
        canarySnapshots = new LinkedHashMap<>();
        for (IngestApi.Receipt receipt : receipts) {
            read.awaitItem(receipt.id());
            // Tagging and the story index settle within a moment of storing; compare the item once it has its signals.
            canarySnapshots.put(receipt.id(), Await.until("item " + receipt.id() + " with its signal",
                    () -> Optional.of(itemSnapshot(receipt.id())).filter(s -> s.contains("russia-dprk-military"))));
        }
        topicsBefore = get(stack.analysisUrl(), stack.readerKey(), "/api/v1/topics").body();
        feedsBefore = feedIds();

        // The subscriber's own name is hostile: stored and shown as text, never run.
        subscriber = alerts.createSubscriber("'; DROP TABLE subscribers; -- <script>alert(1)</script> " + news.token());
        subscriptionId = createSubscription("canary " + news.token());
        scratchSubscriptionId = createSubscription("scratch " + news.token());
        subscriptionBefore = subscription(subscriptionId);
    }

    @AfterAll
    void cleanUpAndReport() {
        createdFeeds.forEach(ingest::deleteFeed);
        if (subscriber != null) {
            createdSubscriptions.forEach(id -> alerts.unsubscribe(subscriber, id));
            alerts.unsubscribe(subscriber, scratchSubscriptionId);
            alerts.unsubscribe(subscriber, subscriptionId);
        }
        feedServer.close();
        receiver.close();
        report();
    }

    // ---- bodies --------------------------------------------------------------------------------

    @Test
    @Order(1)
    void everyBrokenBodyIsRefusedWithAProblemAtEveryJsonDoor() {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<Door, Supplier<Object>> door : bodyDoors().entrySet()) {
            byte[] valid = HostileInput.json(door.getValue().get());
            for (Body body : HostileInput.bodies(valid)) {
                Answer answer = send(door.getKey(), door.getKey().path(), body.contentType(), body.bytes(), body.chunked());
                check(violations, door.getKey(), body.name(), answer, body.refused());
                if (body.status() != 0 && answer.status() != body.status()) {
                    violations.add(door.getKey().name() + " [" + body.name() + "]: " + answer.status() + ", the contract says "
                            + body.status());
                }
            }
        }
        assertThat(violations).as("answers that were not a 4xx problem").isEmpty();
    }

    @Test
    @Order(2)
    void hostileValuesInEveryFieldAreRefusedOrKeptAsText() {
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Runnable> requests = new ArrayList<>();
        Door items = door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/items");
        for (Map.Entry<Door, Supplier<Object>> entry : bodyDoors().entrySet()) {
            Door door = entry.getKey();
            for (String field : fields(entry.getValue().get())) {
                for (FieldValue value : HostileInput.fieldValues()) {
                    // A fresh template each time: pushed items get their own URL, so none is a duplicate of another.
                    byte[] body = HostileInput.withField(entry.getValue().get(), field, value);
                    requests.add(() -> {
                        Answer answer = send(door, door.path(), "application/json", body, false);
                        check(violations, door, field + " = " + value.name(), answer, false);
                        remember(door, answer, field, value);
                    });
                }
            }
        }
        // The same through the NDJSON reader: the hostile item first, a valid one after it.
        Door ndjson = new Door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/items (NDJSON)");
        Map<String, Object> item = hostileItem();
        for (String field : fields(item)) {
            for (FieldValue value : HostileInput.fieldValues()) {
                byte[] body = concat(HostileInput.withField(item, field, value), "\n".getBytes(StandardCharsets.UTF_8),
                        HostileInput.json(hostileItem()));
                requests.add(() -> {
                    Answer answer = send(ndjson, items.path(), "application/x-ndjson", body, false);
                    check(violations, ndjson, field + " = " + value.name(), answer, false);
                    remember(ndjson, answer, field, value);
                });
            }
        }
        inParallel(requests);
        assertThat(violations).as("5xx, hangs, or errors that were not problem+json").isEmpty();
    }

    // ---- query parameters, path ids, keys ------------------------------------------------------

    @Test
    @Order(3)
    void hostileQueryParametersAreRefusedOrIgnored() {
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Runnable> requests = new ArrayList<>();
        Map<Door, List<String>> doors = new LinkedHashMap<>();
        doors.put(door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/items"),
                List.of("topic", "signal", "since", "until", "q", "lang", "limit", "cursor"));
        doors.put(door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/signals"),
                List.of("type", "since", "minScore", "limit", "cursor"));
        doors.put(door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/stats/topics"),
                List.of("since", "until", "bucket"));
        doors.put(door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/topics"), List.of("q"));
        doors.put(door("ingest", stack.ingestUrl(), stack.ingestKey(), "GET", "/api/v1/feeds"), List.of("limit"));
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "GET", "/api/v1/deliveries"),
                List.of("subscriptionId", "status", "limit"));
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "GET", "/api/v1/alerts"),
                List.of("since", "cursor", "limit"));
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "GET", "/api/v1/subscriptions"), List.of("limit"));
        for (Map.Entry<Door, List<String>> entry : doors.entrySet()) {
            for (String parameter : entry.getValue()) {
                for (WireValue value : HostileInput.queryValues()) {
                    Door door = entry.getKey();
                    requests.add(() -> check(violations, door, parameter + " = " + value.name(),
                            send(door, door.path() + "?" + parameter + "=" + value.encoded(), null, null, false), false));
                }
            }
        }
        inParallel(requests);
        // Retag re-applies the catalogue to everything stored since a time (everything when blank): only values
        // that are no time and not blank go there.
        Door retag = door("analysis", stack.analysisUrl(), stack.adminKey(), "POST", "/api/v1/admin/retag");
        for (WireValue value : HostileInput.queryValues()) {
            boolean blank = value.encoded().replace("%20", "").isEmpty();
            if (!blank && (!value.name().matches("^[-+0-9].*") || value.name().startsWith("cursor"))) {
                Answer answer = send(retag, retag.path() + "?since=" + value.encoded(), "application/json", new byte[0], false);
                check(violations, retag, "since = " + value.name(), answer, true);
            }
        }
        assertThat(violations).as("5xx, hangs, or errors that were not problem+json").isEmpty();
    }

    @Test
    @Order(4)
    void hostileIdsInEveryPathAreRefused() {
        List<String> violations = new ArrayList<>();
        byte[] validSubscription = HostileInput.json(subscriptionTemplate());
        List<Door> doors = List.of(
                door("ingest", stack.ingestUrl(), stack.ingestKey(), "GET", "/api/v1/feeds/{id}"),
                door("ingest", stack.ingestUrl(), stack.ingestKey(), "DELETE", "/api/v1/feeds/{id}"),
                door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/feeds/{id}/poll"),
                door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/items/{id}"),
                door("analysis", stack.analysisUrl(), stack.readerKey(), "GET", "/api/v1/stories/{id}"),
                door("analysis", stack.analysisUrl(), stack.adminKey(), "GET", "/api/v1/admin/retag/{id}"),
                door("alert", stack.alertUrl(), subscriber.apiKey(), "GET", "/api/v1/subscriptions/{id}"),
                door("alert", stack.alertUrl(), subscriber.apiKey(), "PUT", "/api/v1/subscriptions/{id}"),
                door("alert", stack.alertUrl(), subscriber.apiKey(), "DELETE", "/api/v1/subscriptions/{id}"),
                door("alert", stack.alertUrl(), subscriber.apiKey(), "POST", "/api/v1/subscriptions/{id}/test"));
        for (Door door : doors) {
            for (WireValue id : HostileInput.pathIds()) {
                boolean put = door.method().equals("PUT");
                Answer answer = send(door, door.path().replace("{id}", id.encoded()), put ? "application/json" : null,
                        put ? validSubscription : null, false);
                check(violations, door, "id = " + id.name(), answer, true);
            }
        }
        // Another subscriber's subscription is not there for this one (404, not 403), however it is asked for.
        AlertApi.Subscriber stranger = alerts.createSubscriber("stranger " + news.token());
        for (Door door : doors.subList(6, doors.size())) {
            Door asStranger = new Door(door.service(), door.baseUrl(), stranger.apiKey(), door.method(), door.path());
            boolean put = door.method().equals("PUT");
            Answer answer = send(asStranger, door.path().replace("{id}", subscriptionId), put ? "application/json" : null,
                    put ? validSubscription : null, false);
            check(violations, asStranger, "another subscriber's id", answer, true);
            if (answer.status() != 404) {
                violations.add(door.name() + " [another subscriber's id]: " + answer.status() + ", not 404");
            }
        }
        assertThat(violations).as("answers that were not a 4xx problem").isEmpty();
    }

    @Test
    @Order(5)
    void hostileKeysAndStreamHeadersAreRefused() {
        List<String> violations = new ArrayList<>();
        List<String> keys = List.of("' OR '1'='1", "<script>alert(1)</script>", "x".repeat(6_000), "null", "");
        List<Door> doors = List.of(
                door("ingest", stack.ingestUrl(), null, "GET", "/api/v1/feeds"),
                door("analysis", stack.analysisUrl(), null, "GET", "/api/v1/items"),
                door("alert", stack.alertUrl(), null, "GET", "/api/v1/alerts"));
        for (Door door : doors) {
            for (String key : keys) {
                Answer answer = send(new Door(door.service(), door.baseUrl(), key, door.method(), door.path()),
                        door.path(), null, null, false);
                check(violations, door, "Bearer " + (key.length() > 30 ? key.length() + " characters" : key), answer, true);
            }
        }
        Door stream = door("alert", stack.alertUrl(), subscriber.apiKey(), "GET", "/api/v1/alerts/stream");
        for (String lastEventId : List.of("' OR '1'='1", "<script>alert(1)</script>", "99999999999999999999999", "abc",
                "1e5", "0x10", "-1", "9223372036854775807")) {
            Answer answer = openStream(stream, Map.of("Last-Event-ID", lastEventId));
            check(violations, stream, "Last-Event-ID = " + lastEventId, answer, false);
            if (answer.status() == 200 && !String.valueOf(answer.contentType()).startsWith("text/event-stream")) {
                violations.add(stream.name() + " [Last-Event-ID = " + lastEventId + "]: 200 as " + answer.contentType());
            }
        }
        assertThat(violations).as("answers that were not a 4xx problem").isEmpty();
    }

    // ---- feeds ---------------------------------------------------------------------------------

    @Test
    @Order(6)
    void hostileFeedsEndInAFeedErrorAndLeakNothing() throws Exception {
        List<String> violations = new ArrayList<>();
        Door create = door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/feeds");
        Door poll = door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/feeds/{id}/poll");
        Map<String, String> feedIds = new LinkedHashMap<>();
        for (HostileFeedServer.HostileFeed feed : feedServer.feeds()) {
            Answer answer = send(create, create.path(), "application/json", HostileInput.json(Map.of(
                    "url", feedServer.url(feed), "name", "hostile feed " + feed.name(), "pollIntervalSeconds", 86_400)), false);
            count(create, answer);
            if (answer.status() != 201) {
                violations.add("registering " + feed.name() + ": " + answer.status() + " " + answer.body());
                continue;
            }
            String id = JSON.readTree(answer.body()).path("id").asText();
            createdFeeds.add(id);
            feedIds.put(feed.name(), id);
        }
        // The slow ones take the ingest service's whole fetch deadline: poll them side by side.
        ExecutorService pollers = Executors.newFixedThreadPool(feedIds.size());
        try {
            Map<String, Future<Answer>> polls = new LinkedHashMap<>();
            feedIds.forEach((name, id) -> polls.put(name, pollers.submit(() ->
                    send(poll, poll.path().replace("{id}", id), "application/json", new byte[0], false, POLL_TIMEOUT))));
            for (Map.Entry<String, Future<Answer>> entry : polls.entrySet()) {
                Answer answer = entry.getValue().get(POLL_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
                count(poll, answer);
                JsonNode outcome = answer.status() == 200 ? JSON.readTree(answer.body()) : null;
                if (outcome == null || !"error".equals(outcome.path("status").asText())
                        || outcome.path("error").asText("").isBlank() || outcome.path("new").asInt(-1) != 0) {
                    violations.add("polling " + entry.getKey() + ": " + answer.status() + " " + abbreviate(answer.body()));
                }
                String stored = get(stack.ingestUrl(), stack.ingestKey(), "/api/v1/feeds/" + feedIds.get(entry.getKey())).body();
                JsonNode feed = JSON.readTree(stored);
                if (!"error".equals(feed.path("lastStatus").asText()) || feed.path("lastError").asText("").isBlank()) {
                    violations.add("feed " + entry.getKey() + " shows " + abbreviate(stored));
                }
                if (stored.contains("root:x:0:0")) {
                    violations.add("feed " + entry.getKey() + " shows /etc/passwd: " + abbreviate(stored));
                }
            }
        } finally {
            pollers.shutdownNow();
        }
        assertThat(feedServer.requested()).as("no XML parser fetched the external DTD").doesNotContain("/evil.dtd");
        // Nothing from /etc/passwd reached the read API: not as an item, not as words in one.
        Answer leaked = get(stack.analysisUrl(), stack.readerKey(), "/api/v1/items?q=root%20nologin&limit=500");
        assertThat(leaked.status()).isEqualTo(200);
        assertThat(leaked.body()).doesNotContain("root:x:0:0").doesNotContain("/usr/sbin/nologin");

        // Feed URLs that are no http(s) feed, or aim at the link-local metadata service, are refused when registered.
        for (String url : List.of("file:///etc/passwd", "jar:file:///etc/passwd!/", "ftp://127.0.0.1/feed.xml",
                "gopher://127.0.0.1:25/_HELO", "javascript:alert(1)", "http://", "http://[::1", "//no-scheme.example.org/feed",
                "http://127.0.0.1:99999/feed.xml", "http://169.254.169.254/latest/meta-data/",
                "http://[fd00:ec2::254]/latest/meta-data/", "http://0.0.0.0/feed.xml", "http://[::]/feed.xml")) {
            Answer answer = send(create, create.path(), "application/json",
                    HostileInput.json(Map.of("url", url, "name", "hostile url", "pollIntervalSeconds", 3600)), false);
            check(violations, create, "url = " + url, answer, true);
            if (answer.status() == 201) {
                createdFeeds.add(JSON.readTree(answer.body()).path("id").asText());
            }
        }
        assertThat(violations).as("hostile feeds that did not end in a feed error").isEmpty();
    }

    // ---- webhook addresses ---------------------------------------------------------------------

    @Test
    @Order(7)
    void webhooksToLinkLocalAndMetadataAddressesAreRefusedEvenWherePrivateAddressesAreAllowed() {
        // The local stack allows private addresses (its receivers live on loopback, as this test's does);
        // prod refuses every non-public address, as alert-service's WebhookAddressProductionTest proves.
        List<String> violations = new ArrayList<>();
        Door create = door("alert", stack.alertUrl(), subscriber.apiKey(), "POST", "/api/v1/subscriptions");
        Door update = door("alert", stack.alertUrl(), subscriber.apiKey(), "PUT", "/api/v1/subscriptions/{id}");
        for (String url : List.of("http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://169.254.170.2/v2/credentials", "http://[fd00:ec2::254]/latest/meta-data/",
                "http://metadata.google.internal/computeMetadata/v1/", "http://[fe80::1]/hook", "http://0.0.0.0:8083/hook",
                "http://[::]/hook", "http://224.0.0.1/hook", "http://255.255.255.255/hook", "http://[::ffff:169.254.169.254]/",
                "http://[ff02::1]/hook", "http://127.0.0.1:99999/hook", "file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL", "ftp://127.0.0.1/")) {
            Map<String, Object> body = subscriptionTemplate();
            body.put("channel", Map.of("type", "webhook", "url", url));
            byte[] json = HostileInput.json(body);
            Answer created = send(create, create.path(), "application/json", json, false);
            check(violations, create, "webhook " + url, created, true);
            if (created.status() == 201) {
                createdSubscriptions.add(readId(created));
            } else if (created.status() != 422 || !created.body().contains("channel.url")) {
                violations.add(create.name() + " [webhook " + url + "]: " + created.status() + " " + abbreviate(created.body()));
            }
            Answer updated = send(update, update.path().replace("{id}", scratchSubscriptionId), "application/json", json, false);
            check(violations, update, "webhook " + url, updated, true);
        }
        Map<String, Object> loopback = subscriptionTemplate();
        Answer allowed = send(create, create.path(), "application/json", HostileInput.json(loopback), false);
        count(create, allowed);
        assertThat(allowed.status()).as("a loopback receiver, allowed by the local profile").isEqualTo(201);
        createdSubscriptions.add(readId(allowed));
        assertThat(violations).as("webhook URLs that were not refused").isEmpty();
    }

    // ---- afterwards ----------------------------------------------------------------------------

    @Test
    @Order(8)
    void afterwardsTheDataIsUnchangedThePipelineFlowsAndEveryServiceIsReady() {
        for (Map.Entry<String, String> canary : canarySnapshots.entrySet()) {
            assertThat(itemSnapshot(canary.getKey())).as("item " + canary.getKey() + " written before").isEqualTo(canary.getValue());
        }
        Answer listed = get(stack.analysisUrl(), stack.readerKey(), "/api/v1/items?q=" + news.token() + "&limit=500");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(JSON.valueToTree(readTree(listed.body()).path("items")).size())
                .as("items with the canaries' token").isEqualTo(canaries.size());
        assertThat(get(stack.analysisUrl(), stack.readerKey(), "/api/v1/topics").body()).as("the topic catalogue").isEqualTo(topicsBefore);
        assertThat(subscription(subscriptionId)).as("the canary subscription").isEqualTo(subscriptionBefore);
        assertThat(feedIds()).as("feeds other than the test's").containsAll(feedsBefore);

        // Every hostile item the ingest service acknowledged reached the store: none was lost downstream
        // (dead-lettered by the analysis service, or stuck in front of a poison record).
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(acknowledgedItems);
        Await.until(acknowledgedItems.size() + " acknowledged hostile items in the read API", () -> {
            missing.removeIf(id -> get(stack.analysisUrl(), stack.readerKey(), "/api/v1/items/" + id).status() == 200);
            return missing.isEmpty() ? Optional.of(true) : Optional.empty();
        });

        // SQL in a free-text field is a title like any other: stored as sent, run nowhere.
        acceptedTitles.forEach((id, title) -> {
            String stored = read.awaitItem(id).getString("title");
            assertThat(stored).as("stored title of " + id).isEqualTo(title.strip());
        });

        // The pipeline still flows: an item pushed now is stored and tagged.
        Map<String, Object> after = new SampleNews().missileDelivery();
        String id = ingest.push(after).get(0).id();
        assertThat(read.awaitItem(id).getString("title")).isEqualTo(after.get("title"));

        for (String url : List.of(stack.ingestUrl(), stack.analysisUrl(), stack.alertUrl())) {
            assertThat(get(url, null, "/q/health/ready").status()).as(url + "/q/health/ready").isEqualTo(200);
        }
    }

    // ---- the doors -----------------------------------------------------------------------------

    /** Each JSON door and a valid body for it (the items doors: a new item each time). */
    private Map<Door, Supplier<Object>> bodyDoors() {
        Map<Door, Supplier<Object>> doors = new LinkedHashMap<>();
        doors.put(door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/items"), this::hostileItem);
        doors.put(door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/items#batch"),
                () -> List.of(hostileItem(), hostileItem()));
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("url", feedServer.url(new HostileFeedServer.HostileFeed("missing", "/no-such-feed.xml")));
        feed.put("name", "hostile " + hostileNews.token());
        feed.put("pollIntervalSeconds", 86_400);
        doors.put(door("ingest", stack.ingestUrl(), stack.ingestKey(), "POST", "/api/v1/feeds"), () -> feed);
        Map<String, Object> analyze = new LinkedHashMap<>();
        analyze.put("title", "Russia and North Korea");
        analyze.put("body", "North Korea delivered artillery shells to Russia, officials said.");
        analyze.put("lang", "en");
        doors.put(door("analysis", stack.analysisUrl(), stack.readerKey(), "POST", "/api/v1/analyze"), () -> analyze);
        Map<String, Object> newSubscriber = new LinkedHashMap<>();
        newSubscriber.put("name", "hostile " + hostileNews.token());
        newSubscriber.put("email", "hostile@example.org");
        doors.put(door("alert", stack.alertUrl(), stack.adminKey(), "POST", "/api/v1/subscribers"), () -> newSubscriber);
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "POST", "/api/v1/subscriptions"), this::subscriptionTemplate);
        Map<String, Object> email = subscriptionTemplate();
        email.put("channel", new LinkedHashMap<>(Map.of("type", "email", "address", "hostile@example.org")));
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "POST", "/api/v1/subscriptions#email"), () -> email);
        doors.put(door("alert", stack.alertUrl(), subscriber.apiKey(), "PUT", "/api/v1/subscriptions/" + scratchSubscriptionId),
                this::subscriptionTemplate);
        return doors;
    }

    private Map<String, Object> hostileItem() {
        Map<String, Object> item = new LinkedHashMap<>(hostileNews.missileDelivery());
        item.put("url", item.get("url") + "/" + java.util.UUID.randomUUID());
        item.put("externalId", "hostile-" + java.util.UUID.randomUUID());
        return item;
    }

    private Map<String, Object> subscriptionTemplate() {
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("signalTypes", List.of("russia-dprk-military"));
        filter.put("topics", List.of("arms-transfer"));
        filter.put("minScore", 0.5);
        // A keyword no item has: these subscriptions never match, so nothing is delivered to them.
        filter.put("keywords", List.of("never-" + hostileNews.token()));
        filter.put("languages", List.of("en"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "hostile " + hostileNews.token());
        body.put("channel", new LinkedHashMap<>(Map.of("type", "webhook", "url", receiver.webhookUrl())));
        body.put("filter", filter);
        body.put("mode", "immediate");
        return body;
    }

    /** Every leaf field of a template, dotted; a list's first element as {@code name[]}. */
    @SuppressWarnings("unchecked")
    private static List<String> fields(Object template) {
        List<String> fields = new ArrayList<>();
        Object node = template instanceof List<?> list ? list.get(0) : template;
        ((Map<String, Object>) node).forEach((name, value) -> {
            if (value instanceof Map<?, ?> child) {
                fields(child).forEach(f -> fields.add(name + "." + f));
            } else if (value instanceof List<?>) {
                fields.add(name + "[]");
            } else {
                fields.add(name);
            }
        });
        fields.add("unexpectedField");
        return fields;
    }

    private static Door door(String service, String baseUrl, String key, String method, String path) {
        return new Door(service, baseUrl, key, method, path);
    }

    // ---- checks and bookkeeping ----------------------------------------------------------------

    /**
     * Never a 5xx, a hang or a dropped connection; an error is always problem+json; and when {@code
     * refused}, the answer must be an error (a 4xx).
     */
    private void check(List<String> violations, Door door, String what, Answer answer, boolean refused) {
        count(door, answer);
        String where = door.name() + " [" + abbreviate(what) + "]: ";
        if (answer.status() <= 0) {
            violations.add(where + answer.statusClass() + " " + answer.failure());
        } else if (answer.status() >= 500) {
            violations.add(where + answer.status() + " " + abbreviate(answer.body()));
        } else if (refused && answer.status() < 400) {
            violations.add(where + "accepted (" + answer.status() + ") " + abbreviate(answer.body()));
        } else if (answer.status() >= 400 && !answer.problem()) {
            // Including 414 for a request line over 4 KiB: ProblemRoutes answers it, below Vert.x's raised limits.
            violations.add(where + answer.status() + " as " + answer.contentType() + ", not " + PROBLEM_JSON);
        } else if (answer.status() >= 400 && readTree(answer.body()).path("status").asInt() != answer.status()) {
            violations.add(where + answer.status() + " with a problem whose status is not that: " + abbreviate(answer.body()));
        }
    }

    private void count(Door door, Answer answer) {
        String name = door.name().replaceAll("/[0-9a-f-]{36}", "/{id}");
        tally.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).computeIfAbsent(answer.statusClass(), k -> new AtomicInteger())
                .incrementAndGet();
        statuses.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Keeps the ids of pushed items whose title was SQL, to check later that they were stored verbatim, and
     * deletes at once every subscription a hostile value created: a subscriber may have only so many
     * (panelwatch.alert.limits.subscriptions-per-subscriber), and the later tests create theirs.
     */
    private void remember(Door door, Answer answer, String field, FieldValue value) {
        if (door.method().equals("POST") && door.path().startsWith("/api/v1/subscriptions") && answer.status() == 201) {
            alerts.unsubscribe(subscriber, readId(answer));
        }
        if (door.path().startsWith("/api/v1/items") && answer.status() == 202) {
            readTree(answer.body()).path("items").forEach(i -> acknowledgedItems.add(i.path("id").asText()));
        }
        if (door.path().equals("/api/v1/items") && field.equals("title") && answer.status() == 202 && value.plainText()
                && value.text().contains("'") && value.text().matches("(?s).*(DROP|DELETE|UNION|OR|SELECT).*")) {
            acceptedTitles.put(readTree(answer.body()).path("items").path(0).path("id").asText(), value.text());
        }
    }

    private void report() {
        int total = tally.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
        StringBuilder out = new StringBuilder("\n==== HostileInputIT: " + total + " hostile requests in "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s ====\n");
        new TreeMap<>(tally).forEach((door, classes) -> out.append(String.format("  %-60s %s%n", door, new TreeMap<>(classes))));
        out.append("  status codes: ").append(new TreeMap<>(statuses)).append('\n');
        System.out.println(out);
    }

    /** Sends side by side, as a scanner does; four at a time keeps the run short without swamping two cores. */
    private static void inParallel(List<Runnable> requests) {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = requests.stream().<Future<?>>map(senders::submit).toList();
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private Answer get(String baseUrl, String key, String path) {
        return send(new Door("", baseUrl, key, "GET", path), path, null, null, false);
    }

    private Answer send(Door door, String path, String contentType, byte[] body, boolean chunked) {
        return send(door, path, contentType, body, chunked, REQUEST_TIMEOUT);
    }

    private Answer send(Door door, String path, String contentType, byte[] body, boolean chunked, Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(door.baseUrl() + path.replaceFirst("#.*$", "")))
                .timeout(timeout)
                .method(door.method(), publisher)
                .header("Accept", "application/json");
        if (door.key() != null) {
            request.header("Authorization", "Bearer " + door.key());
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body(), null);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Answer(-1, null, "", "no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(0, null, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens an SSE stream, reads the head of the answer and hangs up. */
    private Answer openStream(Door door, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(door.baseUrl() + door.path()))
                .timeout(REQUEST_TIMEOUT).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + door.key());
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            try (InputStream in = response.body()) {
                String body = response.statusCode() == 200 ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), contentType, body, null);
            }
        } catch (TimeoutException e) {
            return new Answer(-1, null, "", "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (Exception e) {
            return new Answer(0, null, "", e.toString());
        }
    }

    private String itemSnapshot(String id) {
        JsonNode item = readTree(get(stack.analysisUrl(), stack.readerKey(), "/api/v1/items/" + id).body());
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (String field : List.of("id", "title", "body", "url", "source", "published", "storyId", "duplicateOf")) {
            snapshot.put(field, item.path(field).asText(null));
        }
        List<String> topics = new ArrayList<>();
        item.path("topics").forEach(t -> topics.add(t.path("id").asText()));
        Collections.sort(topics);
        snapshot.put("topics", topics);
        List<String> signals = new ArrayList<>();
        item.path("signals").forEach(s -> signals.add(s.path("type").asText() + " " + s.path("score").asText()));
        Collections.sort(signals);
        snapshot.put("signals", signals);
        return snapshot.toString();
    }

    /** A subscription that never matches (see {@link #subscriptionTemplate()}), so no delivery changes it. */
    private String createSubscription(String name) {
        Map<String, Object> body = subscriptionTemplate();
        body.put("name", name);
        Door create = door("alert", stack.alertUrl(), subscriber.apiKey(), "POST", "/api/v1/subscriptions");
        Answer answer = send(create, create.path(), "application/json", HostileInput.json(body), false);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return readId(answer);
    }

    private String subscription(String id) {
        return get(stack.alertUrl(), subscriber.apiKey(), "/api/v1/subscriptions/" + id).body();
    }

    private Set<String> feedIds() {
        Set<String> ids = new java.util.TreeSet<>();
        readTree(get(stack.ingestUrl(), stack.ingestKey(), "/api/v1/feeds").body()).path("items")
                .forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private static String readId(Answer answer) {
        return readTree(answer.body()).path("id").asText();
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
