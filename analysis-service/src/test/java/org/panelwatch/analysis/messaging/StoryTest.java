package org.panelwatch.analysis.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Items of several outlets about one event form one story; a verbatim copy is a duplicate of the
 * original; only the story's first signal goes out on panelwatch.signals.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class StoryTest {

    @Test
    void rewritesJoinTheStoryCopiesAreDuplicatesAndOnlyTheFirstSignalIsPublished() throws Exception {
        // Words of their own, so that no story of an earlier run in the test database is similar.
        String original = FakeEngineText.SIGNAL + " The consignment crossed at " + Broker.noise(30) + ". "
                + "Trains loaded with " + Broker.noise(30) + " were seen for several days. "
                + "Officials in Seoul said the transfer violated arms-transfer bans " + Broker.noise(30) + ".";
        // A day of its own: stories are also events of the same days, so other runs' items must be far away.
        Instant day = Instant.parse("2090-01-01T08:00:00Z")
                .plus(java.util.concurrent.ThreadLocalRandom.current().nextInt(300_000), java.time.temporal.ChronoUnit.DAYS);
        NewsItemEvent first = Broker.item("Shells cross the border", original, day, "en");
        // Another outlet: the same report with a new opening sentence and a few words changed.
        String rewritten = "Kyiv intelligence confirmed the report on Wednesday. " + original
                .replace("several days", "a week").replace("Officials in Seoul", "South Korean officials");
        NewsItemEvent rewrite = Broker.copy(first, rewritten);
        NewsItemEvent syndicated = Broker.copy(first, original);
        NewsItemEvent unrelated = Broker.item("Unrelated", FakeEngineText.SIGNAL + " " + Broker.noise(60),
                day.plusSeconds(3600), "en");

        Broker.send(first);
        Broker.awaitStored(first.id());
        Broker.send("story-" + UUID.randomUUID(), List.of(rewrite, syndicated, unrelated));
        Broker.awaitStored(rewrite.id(), syndicated.id(), unrelated.id());

        String story = storyOf(first.id());
        assertThat(story).isEqualTo(first.id());
        assertThat(storyOf(rewrite.id())).isEqualTo(story);
        assertThat(storyOf(syndicated.id())).isEqualTo(story);
        assertThat(storyOf(unrelated.id())).isNotEqualTo(story);
        assertThat(Broker.string("SELECT duplicate_of::text FROM analysis.item WHERE id = ?::uuid", syndicated.id()))
                .isEqualTo(first.id());
        assertThat(Broker.string("SELECT duplicate_of::text FROM analysis.item WHERE id = ?::uuid", rewrite.id())).isNull();

        Map<String, List<String>> signals = Broker.read(KafkaTopics.SIGNALS, List.of(first.id(), unrelated.id()));
        assertThat(signals.get(first.id())).hasSize(1);
        assertThat(signals.get(unrelated.id())).hasSize(1);
        assertThat(signals).doesNotContainKeys(rewrite.id(), syndicated.id());
        SignalEvent event = Broker.JSON.readValue(signals.get(first.id()).get(0), SignalEvent.class);
        assertThat(event.type()).isEqualTo(SignalEvent.RUSSIA_DPRK_MILITARY);
        assertThat(event.storyId()).isEqualTo(story);
        assertThat(event.title()).isEqualTo(first.title());
        assertThat(event.text()).isEqualTo(first.text());
        assertThat(event.published()).isEqualTo(first.published());
        assertThat(event.topics()).anySatisfy(t -> {
            assertThat(t.id()).isEqualTo("arms-transfer");
            assertThat(t.resolutions()).isNotEmpty();
        });
        assertThat(event.evidence()).singleElement().satisfies(e -> {
            assertThat(e.sentence()).isEqualTo(FakeEngineText.SIGNAL);
            assertThat(first.text().substring(e.start(), e.end())).isEqualTo(e.sentence());
        });

        // Every item keeps its own signal; the read API says which one was published.
        assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE story_id = ?::uuid", story)).isEqualTo(3);
        assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE story_id = ?::uuid AND first_in_story", story))
                .isEqualTo(1);

        List<String> storyItems = given().auth().oauth2("dev-reader-key").get("/api/v1/stories/" + story)
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class);
        assertThat(storyItems).first().isEqualTo(first.id());
        assertThat(storyItems).containsExactlyInAnyOrder(first.id(), rewrite.id(), syndicated.id());
        given().auth().oauth2("dev-reader-key").get("/api/v1/stories/" + UUID.randomUUID()).then().statusCode(404);
    }

    private static String storyOf(String id) throws Exception {
        return Broker.string("SELECT story_id::text FROM analysis.item WHERE id = ?::uuid", id);
    }
}
