package org.panelwatch.analysis.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.analysis.support.RealEngineProfile;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Reports of one event by different outlets, each in its own words and language (English and
 * Japanese, Russian and Ukrainian, Korean and Chinese), are one story with one published signal, with
 * the service's default settings; reports of other events the same day and on the same subject (KN-23
 * strikes on another city, North Korean soldiers captured rather than killed) are stories of their own.
 * Texts written for the test (paraphrases of no article).
 */
@QuarkusTest
@TestProfile(RealEngineProfile.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class SameEventPairsTest {

    record Report(String title, String body, String lang) {
    }

    static final Report KHARKIV_EN = new Report("Ukraine says 20 North Korean KN-23 missiles hit Kharkiv in one night",
            "Russian forces fired 20 North Korean KN-23 ballistic missiles at Kharkiv overnight, Ukraine's air force said on "
                    + "Tuesday. Debris from the strikes carried Korean markings, officials said.", "en");
    static final Report KHARKIV_JA = new Report("ハルキウに北朝鮮製KN-23ミサイル20発　ウクライナ空軍",
            "ウクライナ空軍は火曜日、ロシア軍が一晩で北朝鮮製の弾道ミサイルKN-23を20発ハルキウに向けて発射したと発表した。"
                    + "残骸には朝鮮語の表示があったという。", "ja");
    static final Report KURSK_RU = new Report("Разведка Украины: в Курской области погибли 300 военных КНДР",
            "Главное управление разведки Украины (ГУР) заявило в четверг, что в боях в Курской области погибли около 300 "
                    + "военнослужащих КНДР и ещё 2700 были ранены.", "ru");
    static final Report KURSK_UK = new Report("ГУР: у Курській області загинули 300 військових КНДР",
            "Головне управління розвідки України (ГУР) у четвер повідомило, що в боях у Курській області загинули близько 300 "
                    + "військовослужбовців КНДР, ще 2700 отримали поранення.", "uk");
    static final Report CONTAINERS_KO = new Report("\"북한, 러시아에 컨테이너 1만3000개 분량 무기 보내\" 국방부",
            "국방부는 화요일 북한이 지난해 8월 이후 나진항을 통해 컨테이너 1만3000개 분량의 포탄과 미사일을 러시아에 보냈다고 밝혔다.", "ko");
    static final Report CONTAINERS_ZH = new Report("韩国国防部：朝鲜经罗津港向俄罗斯运送1.3万个集装箱的武器",
            "韩国国防部周二表示，自去年8月以来，朝鲜通过罗津港向俄罗斯运送了约1.3万个集装箱的炮弹和导弹。", "zh");
    /** The same day and weapon as the Kharkiv pair, another city: another event. */
    static final Report ZAPORIZHZHIA = new Report("Russia strikes Zaporizhzhia with North Korean KN-23 missiles, Kyiv says",
            "Russian forces fired North Korean KN-23 ballistic missiles at Zaporizhzhia on Tuesday, Ukraine's air force said. "
                    + "Two apartment blocks were hit.", "en");
    /** The same day and region as the Kursk pair, soldiers captured, not killed: another event. */
    static final Report CAPTURED = new Report("Ukraine says it captured two North Korean soldiers in Kursk",
            "Ukrainian special forces captured two North Korean soldiers in Russia's Kursk region on Thursday, the security "
                    + "service said. Both were wounded and are being questioned in Kyiv.", "en");

    static final List<Report> ALL = List.of(KHARKIV_EN, KHARKIV_JA, KURSK_RU, KURSK_UK, CONTAINERS_KO, CONTAINERS_ZH,
            ZAPORIZHZHIA, CAPTURED);

    @BeforeEach
    @AfterEach
    void removeTheseReports() throws Exception {
        // An earlier run's reports would be exact copies (a copy joins its original's story whenever it
        // was published), so each run starts and ends without them.
        String titles = "SELECT id FROM analysis.item WHERE title = ANY(?)";
        try (Connection c = TestDatabase.connect()) {
            java.sql.Array array = c.createArrayOf("text", ALL.stream().map(Report::title).toArray());
            for (String sql : List.of(
                    "DELETE FROM analysis.item_topic WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.item_entity WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.signal WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story_anchor WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story_band WHERE item_id IN (" + titles + ")",
                    "DELETE FROM analysis.story WHERE first_item_id IN (" + titles + ")",
                    "DELETE FROM analysis.item WHERE id IN (" + titles + ")")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setArray(1, array);
                    st.executeUpdate();
                }
            }
        }
    }

    @Test
    void eachPairIsOneStoryWithOneSignalAndOtherEventsOfTheDayAreTheirOwn() throws Exception {
        // A day of its own, far from the days of other runs' items in the test database.
        Instant day = Instant.parse("2090-01-01T06:00:00Z").plus(ThreadLocalRandom.current().nextInt(300_000), ChronoUnit.DAYS);
        List<NewsItemEvent> items = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            Report r = ALL.get(i);
            items.add(Broker.item(r.title(), r.body(), day.plus(i * 40L, ChronoUnit.MINUTES), r.lang()));
        }
        // One by one, as reports arrive from different outlets.
        for (NewsItemEvent item : items) {
            Broker.send(item);
            Broker.awaitStored(item.id());
        }
        String kharkiv = storyOf(items.get(0).id());
        String kursk = storyOf(items.get(2).id());
        String containers = storyOf(items.get(4).id());

        assertThat(storyOf(items.get(1).id())).as("the Japanese report of the Kharkiv strike").isEqualTo(kharkiv);
        assertThat(storyOf(items.get(3).id())).as("the Ukrainian report of the Kursk losses").isEqualTo(kursk);
        assertThat(storyOf(items.get(5).id())).as("the Chinese report of the container count").isEqualTo(containers);
        assertThat(List.of(kharkiv, kursk, containers)).doesNotHaveDuplicates();
        assertThat(storyOf(items.get(6).id())).as("another city struck the same day").isEqualTo(items.get(6).id());
        assertThat(storyOf(items.get(7).id())).as("soldiers captured, not killed, the same day").isEqualTo(items.get(7).id());

        for (String story : List.of(kharkiv, kursk, containers)) {
            assertThat(Broker.count("SELECT count(*) FROM analysis.signal WHERE story_id = ?::uuid AND first_in_story", story))
                    .as("one published signal for story %s", story).isEqualTo(1);
        }
    }

    private static String storyOf(String id) throws Exception {
        return Broker.string("SELECT story_id::text FROM analysis.item WHERE id = ?::uuid", id);
    }
}
