package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A feed registered with the ingest service brings its items into the pipeline: polled, stored and
 * tagged, the Russia-DPRK item signalled and the near miss beside it not.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedToSignalIT {

    private static final String SIGNAL = "russia-dprk-military";

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver feedServer = new WebhookReceiver();
    private final Map<String, Object> cooperation = news.droneTraining();
    private final Map<String, Object> nearMiss = news.cruiseMissileTest();
    private IngestApi ingest;
    private ReadApi read;
    private String feedUrl;
    private String feedId;
    private JsonPath firstPoll;

    @BeforeAll
    void registerAndPoll() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        ingest = new IngestApi(RunningStack.stack());
        read = new ReadApi(RunningStack.stack());
        feedUrl = feedServer.serveFeed(news.token() + ".xml", news.rss(List.of(cooperation, nearMiss)));

        JsonPath feed = ingest.registerFeed(feedUrl, "e2e feed " + news.token());
        feedId = feed.getString("id");
        firstPoll = ingest.pollFeed(feedId);
    }

    @AfterAll
    void cleanUp() {
        if (feedId != null) {
            ingest.deleteFeed(feedId);
        }
        feedServer.close();
    }

    @Test
    @Order(1)
    void pollingANewFeedFindsItsItems() {
        assertThat(firstPoll.getString("status")).isEqualTo("ok");
        // The service may poll a feed as soon as it is registered; then this poll finds them again.
        assertThat(firstPoll.getInt("new") + firstPoll.getInt("duplicate")).isEqualTo(2);
    }

    @Test
    @Order(2)
    void feedItemsAreStoredAndTagged() {
        JsonPath signalled = awaitStored(cooperation);
        JsonPath quiet = awaitStored(nearMiss);

        assertThat(signalled.getString("title")).isEqualTo(cooperation.get("title"));
        assertThat(signalled.getList("topics.id", String.class)).contains("military-cooperation");
        assertThat(quiet.getList("topics.id", String.class)).as("a DPRK missile test is about the missile programme")
                .contains("wmd-missile");
    }

    @Test
    @Order(3)
    void cooperationItemBecomesASignalAndTheNearMissDoesNot() {
        String id = awaitStored(cooperation).getString("id");
        Map<String, Object> signal = Await.until("a " + SIGNAL + " signal for the feed item " + id,
                () -> read.signals(SIGNAL, s -> id.equals(s.get("itemId"))).stream().findFirst());
        assertThat(PushToWebhookIT.evidenceSentences(signal.get("evidence"))).isNotEmpty();

        JsonPath quiet = awaitStored(nearMiss);
        assertThat(PushToWebhookIT.signalTypes(quiet)).doesNotContain(SIGNAL);
        String quietId = quiet.getString("id");
        assertThat(read.signals(SIGNAL, s -> quietId.equals(s.get("itemId")))).isEmpty();
    }

    @Test
    @Order(4)
    void pollingAgainFindsNothingNew() {
        JsonPath again = ingest.pollFeed(feedId);
        assertThat(again.getString("status")).isIn("ok", "not-modified");
        assertThat(again.getInt("new")).isZero();
    }

    @Test
    @Order(5)
    void feedShowsItsLastPoll() {
        JsonPath feed = ingest.feed(feedId);
        assertThat(feed.getString("url")).isEqualTo(feedUrl);
        assertThat(feed.getString("lastStatus")).isIn("ok", "not-modified");
        assertThat(feed.getString("lastPolledAt")).isNotBlank();
        assertThat(feed.getInt("itemsSeen")).isGreaterThanOrEqualTo(2);
    }

    /** Finds a feed item in the read API by its URL: feed items get their ids inside the ingest service. */
    private JsonPath awaitStored(Map<String, Object> feedItem) {
        String since = Instant.parse((String) feedItem.get("published")).minus(1, ChronoUnit.HOURS).toString();
        Map<String, Object> listed = Await.until("the feed item " + feedItem.get("url") + " at GET /api/v1/items",
                () -> read.items(Map.of("since", since, "limit", 500), i -> feedItem.get("url").equals(i.get("url")))
                        .stream().findFirst());
        String id = String.valueOf(listed.get("id"));
        return read.awaitItem(id);
    }
}
