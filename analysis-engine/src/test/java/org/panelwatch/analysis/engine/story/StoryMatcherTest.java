package org.panelwatch.analysis.engine.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.TestEngines;

/**
 * One event told by two outlets in their own words and languages is one story; other events on the
 * same subject (another deployment, a shipment the same day) are not. Texts written for the test.
 */
public class StoryMatcherTest {

    public static final String EN_TITLE = "North Korea sends 12,000 troops to Russia's Kursk region, Seoul's spy agency says";
    public static final String EN_BODY = "North Korea has sent about 12,000 soldiers to Russia, where they are being deployed to "
            + "the Kursk region to fight Ukrainian forces, South Korea's National Intelligence Service told lawmakers "
            + "on Wednesday. The agency said the troops left the port of Chongjin on Russian navy ships.";
    public static final String KO_TITLE = "국정원 \"북한, 러시아 쿠르스크에 병력 1만2000명 파병\"";
    public static final String KO_BODY = "국가정보원은 수요일 국회 정보위원회에서 북한이 약 1만2000명의 병력을 러시아에 파병했으며 이들이 "
            + "쿠르스크 지역에 배치되고 있다고 보고했다. 국정원은 북한군이 청진항에서 러시아 해군 함정을 타고 이동했다고 밝혔다. "
            + "이들은 우크라이나군과의 전투에 투입될 것으로 보인다.";
    /** The same subject ten days later: another deployment, other numbers. */
    public static final String LATER_TITLE = "North Korea sends 3,000 more troops to Russia, Seoul says";
    public static final String LATER_BODY = "North Korea has sent another 3,000 soldiers to Russia since last month, bringing "
            + "its deployment to about 15,000, South Korea's Joint Chiefs of Staff said on Monday. Some 1,100 of them "
            + "have been killed or wounded in the Kursk region, it said.";
    /** The same day, the same two countries: a shipment of shells, another event. */
    public static final String SHIPMENT_TITLE = "Satellite images show Russian ship loading containers at Rajin";
    public static final String SHIPMENT_BODY = "A Russian-flagged cargo ship was loading about 300 containers at the North "
            + "Korean port of Rajin this week, satellite images reviewed by a research group show, in what analysts "
            + "said was the latest delivery of artillery shells to Russia.";

    private static final Instant WEDNESDAY = Instant.parse("2024-10-23T09:00:00Z");

    private final TaggingEngine engine = TestEngines.defaults();
    private final EventKeys keys = EventKeys.bundled();
    private final StoryMatcher matcher = StoryMatcher.defaults();

    private EventKey key(String title, String body, String lang, Instant at) {
        return keys.of(title, body, at, engine.analyze(title, body, lang));
    }

    @Test
    void theSameEventInEnglishAndKoreanIsOneStory() {
        EventKey en = key(EN_TITLE, EN_BODY, "en", WEDNESDAY);
        EventKey ko = key(KO_TITLE, KO_BODY, "ko", WEDNESDAY.plusSeconds(5 * 3600));
        assertThat(en.features()).containsKeys("n:12000", "act:troops-deployed", "claimant:south-korea-intelligence");
        assertThat(ko.features()).containsKeys("n:12000", "act:troops-deployed", "claimant:south-korea-intelligence");
        assertThat(matcher.sameEvent(en, ko)).as("similarity %s", matcher.similarity(en, ko)).isTrue();
    }

    @Test
    void anotherDeploymentOrAShipmentTheSameDayIsAnotherStory() {
        EventKey en = key(EN_TITLE, EN_BODY, "en", WEDNESDAY);
        EventKey ko = key(KO_TITLE, KO_BODY, "ko", WEDNESDAY.plusSeconds(3600));
        EventKey later = key(LATER_TITLE, LATER_BODY, "en", WEDNESDAY.plusSeconds(10 * 86_400));
        EventKey shipment = key(SHIPMENT_TITLE, SHIPMENT_BODY, "en", WEDNESDAY.plusSeconds(7200));
        assertThat(matcher.sameEvent(en, later)).isFalse();
        assertThat(matcher.sameEvent(en, shipment)).as("similarity %s", matcher.similarity(en, shipment)).isFalse();
        assertThat(matcher.sameEvent(ko, shipment)).isFalse();

        Map<String, String> stories = new StoryGrouping(matcher, 0.3).group(List.of(
                new StoryGrouping.Member("en", EN_TITLE, EN_BODY, en),
                new StoryGrouping.Member("ko", KO_TITLE, KO_BODY, ko),
                new StoryGrouping.Member("later", LATER_TITLE, LATER_BODY, later),
                new StoryGrouping.Member("shipment", SHIPMENT_TITLE, SHIPMENT_BODY, shipment)));
        assertThat(stories).containsEntry("en", "en").containsEntry("ko", "en")
                .containsEntry("later", "later").containsEntry("shipment", "shipment");
        StoryGrouping.PairCounts counts = StoryGrouping.count(
                Map.of("en", "s1", "ko", "s1", "later", "s2", "shipment", "s3"), stories);
        assertThat(counts).isEqualTo(new StoryGrouping.PairCounts(1, 1, 5, 0));
    }

    @Test
    void numbersAreReadInEveryNotation() {
        assertThat(Quantities.in("12,000 troops; 12 000 more; 1만2000명; 1万2千人; 1.2万; 12 тыс. солдат; 1.5 million shells"))
                .contains(12_000L, 1_500_000L).doesNotContain(2_000L, 1L);
        assertThat(Quantities.in("In 2024 the 152mm shells and 9M723 missiles")).isEmpty();
    }

    @Test
    void anUndatedReportNeedsMoreToJoin() {
        EventKey en = key(EN_TITLE, EN_BODY, "en", null);
        EventKey shipment = key(SHIPMENT_TITLE, SHIPMENT_BODY, "en", null);
        assertThat(matcher.sameEvent(en, shipment)).isFalse();
        assertThat(EventKey.decode(WEDNESDAY, en.encode())).isEqualTo(new EventKey(WEDNESDAY, en.features()));
    }
}
