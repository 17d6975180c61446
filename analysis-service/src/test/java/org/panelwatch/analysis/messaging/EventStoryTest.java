package org.panelwatch.analysis.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.analysis.support.RealEngineProfile;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Stories are events, not copies: an English and a Korean report of one event, each in its own words,
 * share a story and only the first one's signal goes out; another deployment ten days later and a
 * shipment the same day are stories of their own; a redelivered report changes nothing. With the real
 * engine, whose gazetteers give Kursk and Chongjin the same ids in both languages. Texts written for
 * the test.
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class EventStoryTest {

    static final String EN_TITLE = "North Korea sends 12,000 troops to Russia's Kursk region, Seoul's spy agency says";
    static final String EN_BODY = "North Korea has sent about 12,000 soldiers to Russia, where they are being deployed to "
            + "the Kursk region to fight Ukrainian forces, South Korea's National Intelligence Service told lawmakers "
            + "on Wednesday. The agency said the troops left the port of Chongjin on Russian navy ships.";
    static final String KO_TITLE = "국정원 \"북한, 러시아 쿠르스크에 병력 1만2000명 파병\"";
    static final String KO_BODY = "국가정보원은 수요일 국회 정보위원회에서 북한이 약 1만2000명의 병력을 러시아에 파병했으며 이들이 "
            + "쿠르스크 지역에 배치되고 있다고 보고했다. 국정원은 북한군이 청진항에서 러시아 해군 함정을 타고 이동했다고 밝혔다. "
            + "이들은 우크라이나군과의 전투에 투입될 것으로 보인다.";
    static final String LATER_TITLE = "North Korea sends 3,000 more troops to Russia, Seoul says";
    static final String LATER_BODY = "North Korea has sent another 3,000 soldiers to Russia since last month, bringing "
            + "its deployment to about 15,000, South Korea's Joint Chiefs of Staff said on Monday. Some 1,100 of them "
            + "have been killed or wounded in the Kursk region, it said.";
    static final String SHIPMENT_TITLE = "Satellite images show Russian ship loading containers at Rajin";
    static final String SHIPMENT_BODY = "A Russian-flagged cargo ship was loading about 300 containers at the North "
            + "Korean port of Rajin this week, satellite images reviewed by a research group show, in what analysts "
            + "said was the latest delivery of artillery shells to Russia.";

    @org.junit.jupiter.api.BeforeEach
    @org.junit.jupiter.api.AfterEach
    void removeTheseReports() throws Exception {
        // The same texts from an earlier run would be exact copies (a copy joins its original's story
        // whenever it was published), so each run starts and ends without them.
        String titles = "SELECT id FROM analysis.item WHERE title IN (?, ?, ?, ?, 'Marker')";
        try (java.sql.Connection c = TestDatabase.connect()) {
            for (String sql : List.of(
                    "DELETE FROM analysis.item_topic WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.item_entity WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.signal WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story_anchor WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story_band WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story WHERE first_item_id IN (" + titles + ")",
                    "DELETE FROM analysis.item WHERE id IN (" + titles + ")")) {
                try (java.sql.PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, EN_TITLE);
                    st.setString(2, KO_TITLE);
                    st.setString(3, LATER_TITLE);
                    st.setString(4, SHIPMENT_TITLE);
                    st.executeUpdate();
                }
            }
        }
    }

    @Test
    void twoReportsOfOneEventInTwoLanguagesAreOneStoryAndAlertOnce() throws Exception {
        // A day of its own, far from the days of other runs' items in the test database.
        Instant day = Instant.parse("2090-01-01T08:00:00Z").plus(ThreadLocalRandom.current().nextInt(300_000), ChronoUnit.DAYS);
        var en = Broker.item(EN_TITLE, EN_BODY, day, "en");
        var ko = Broker.item(KO_TITLE, KO_BODY, day.plus(5, ChronoUnit.HOURS), "ko");
        var shipment = Broker.item(SHIPMENT_TITLE, SHIPMENT_BODY, day.plus(2, ChronoUnit.HOURS), "en");
        var later = Broker.item(LATER_TITLE, LATER_BODY, day.plus(10, ChronoUnit.DAYS), "en");

        Broker.send(en);
        Broker.awaitStored(en.id());
        Broker.send("event-" + UUID.randomUUID(), List.of(ko, shipment, later));
        Broker.awaitStored(ko.id(), shipment.id(), later.id());

        assertThat(storyOf(en.id())).isEqualTo(en.id());
        assertThat(storyOf(ko.id())).as("the Korean report joins the English one's story").isEqualTo(en.id());
        assertThat(storyOf(shipment.id())).as("a shipment the same day").isEqualTo(shipment.id());
        assertThat(storyOf(later.id())).as("another deployment ten days later").isEqualTo(later.id());
        assertThat(Broker.string("SELECT duplicate_of::text FROM analysis.item WHERE id = ?::uuid", ko.id())).isNull();

        // Both reports carry the signal; only the story's first went out.
        assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE item_id IN (?::uuid, ?::uuid)", en.id(), ko.id()))
                .isEqualTo(2);
        assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE story_id = ?::uuid AND first_in_story", en.id()))
                .isEqualTo(1);
        Map<String, List<String>> signals = Broker.read(KafkaTopics.SIGNALS, List.of(en.id()));
        assertThat(signals.get(en.id())).hasSize(1);
        assertThat(signals).doesNotContainKey(ko.id());

        // Redelivered, the Korean report changes nothing: no second row, no second story, no signal.
        Broker.send(ko);
        var marker = Broker.item("Marker", Broker.noise(40), day.plus(200, ChronoUnit.DAYS), "en");
        Broker.send(ko.id(), List.of(marker));
        Broker.awaitStored(marker.id());
        assertThat(Broker.count("SELECT count(*) FROM analysis.item WHERE id = ?::uuid", ko.id())).isEqualTo(1);
        assertThat(Broker.count("SELECT count(*) FROM analysis.item WHERE story_id = ?::uuid", en.id())).isEqualTo(2);
        assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE story_id = ?::uuid AND first_in_story", en.id()))
                .isEqualTo(1);
        assertThat(Broker.read(KafkaTopics.SIGNALS, List.of(en.id()))).doesNotContainKey(ko.id());
        // The anchors the next reports of the event are found by.
        assertThat(Broker.count("SELECT count(*) FROM analysis.story_anchor WHERE item_id = ?::uuid AND feature = 'n:12000'",
                en.id())).isEqualTo(1);
    }

    private static String storyOf(String id) throws Exception {
        return Broker.string("SELECT story_id::text FROM analysis.item WHERE id = ?::uuid", id);
    }
}
