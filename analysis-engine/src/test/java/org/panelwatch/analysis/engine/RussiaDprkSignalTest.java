package org.panelwatch.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The russia-dprk-military signal: what fires, in which languages, and the near misses that must not. */
class RussiaDprkSignalTest {

    private final TaggingEngine engine = TestEngines.defaults();

    private Optional<Analysis.SignalMatch> signal(String title, String body, String lang) {
        return engine.analyze(title, body, lang).signals().stream()
                .filter(s -> s.type().equals("russia-dprk-military")).findFirst();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Pyongyang delivered rockets and mortar rounds to Russian units, a Ukrainian general said.
            en | Kyiv says Moscow has started using North Korean artillery against its positions after new shipments arrived by train.
            en | Several hundred North Korean soldiers have joined Russian troops near the border, intelligence officials say.
            en | Russia and North Korea will hold their first joint military exercises next year, the two governments announced.
            en | The Kremlin confirmed that Russia would share military technology with the DPRK under its new agreement.
            en | The mutual assistance clause of the treaty between Russia and North Korea took effect on Wednesday.
            ru | КНДР поставила России крупную партию артиллерийских снарядов, сообщила разведка.
            ko | 북한이 러시아에 미사일과 포탄을 추가로 공급했다고 정부가 밝혔다.
            ja | 北朝鮮がロシアに砲弾を提供したと政府関係者が明らかにした。
            de | Nordkorea hat Russland erneut Raketen geliefert, berichten Geheimdienste.
            zh | 朝鲜向俄罗斯提供了大量炮弹。
            fr | La Corée du Nord a livré des obus à la Russie, selon les services de renseignement.
            uk | Північна Корея передала Росії нову партію артилерійських снарядів, повідомила розвідка.
            uk | Війська КНДР воюють на боці Росії у Курській області.
            ja | ロシア西部の前線に投入された北朝鮮兵に多数の死傷者が出たと当局者が述べた。
            zh | 北韓已派遣數千名官兵支援俄羅斯的戰爭。
            """)
    void reportedCooperationFiresInEachLanguage(String lang, String body) {
        assertThat(signal("", body, lang)).as(body).isPresent();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            North Korea fires missile | North Korea test-fired an intercontinental ballistic missile that landed in the sea, Tokyo said.
            Russia and China drills | Russian and Chinese warships held joint exercises and the two navies practised firing missiles.
            Russia and Iran | Iran shipped drones and missiles to Russia, and Iranian instructors trained Russian operators.
            Tourism | Russian tourists flew to the North Korean resort of Wonsan on a new charter flight from Vladivostok.
            Sport | A Russian hockey team played two matches in Pyongyang as sporting exchanges with North Korea grow.
            Food aid | Russia sent a ship with flour and sugar to North Korea as humanitarian assistance.
            Flights | Moscow and Pyongyang agreed to double the number of passenger flights between the two capitals.
            Bridge | Russia and North Korea opened a new road bridge over the Tumen river to boost trade.
            Veto alone | Russia vetoed the renewal of the panel of experts monitoring sanctions against North Korea.
            Generic ties | Moscow and Pyongyang have promised to deepen their growing military ties in the years ahead.
            """)
    void nearMissesDoNotFire(String title, String body) {
        assertThat(signal(title, body, "en")).as(body).isEmpty();
    }

    @Test
    void anAllegationCountsEvenWhenDenied() {
        assertThat(signal("", "Washington accused Pyongyang of selling artillery shells to Moscow; "
                + "both governments denied the accusation.", "en")).isPresent();
    }

    @Test
    void aDefenceChiefVisitAboutMilitaryTiesCounts() {
        assertThat(signal("", "Russia's defence minister flew to Pyongyang for talks on military cooperation.", "en"))
                .isPresent();
    }

    @Test
    void aDefenceChiefsVisitIsAnActWhenTheItemLeadsWithIt() {
        Analysis.SignalFinding visit = signal("Глава Міноборони РФ прибув до КНДР",
                "Міністр оборони РФ прибув до Пхеньяну з офіційним візитом.", "uk").orElseThrow().findings().get(0);
        assertThat(visit.act()).isEqualTo("defence-chiefs-visit");
        assertThat(visit.direction()).isEqualTo("russia-to-dprk");   // the cue "до КНДР": Russia's minister came to the DPRK
        assertThat(visit.actors()).contains("Russia", "Democratic People's Republic of Korea");
        assertThat(signal("", "Russia's defence minister arrived in Pyongyang on Friday for a two-day visit.", "en")).isPresent();
    }

    @Test
    void aRecalledVisitOrAThirdStatesMinisterIsNoVisitAct() {
        // a visit recalled below the lead is background
        assertThat(signal("Kim meets Russian governor on trade", "Kim Jong Un received the governor of Primorye. "
                + "They discussed tourism and a new bridge. Trade grew last year. Flights resume in June. "
                + "In 2023 Russia's defence minister visited Pyongyang.", "en")).isEmpty();
        // the visitor is a third state's minister, talking about the two
        assertThat(signal("", "South Korea's defence minister visited Washington to discuss Russia and North Korea.", "en"))
                .isEmpty();
    }

    @Test
    void moreEvidenceRaisesScoreAndSeverity() {
        Analysis.SignalMatch one = signal("", "North Korea sent artillery shells to Russia last month.", "en").orElseThrow();
        Analysis.SignalMatch three = signal("Pyongyang ships missiles to Moscow",
                "North Korea sent artillery shells to Russia last month. "
                        + "Russian officers trained North Korean troops at a base near the border. "
                        + "Moscow also supplied air-defence systems to Pyongyang.", "en").orElseThrow();
        assertThat(one.severity()).isEqualTo("medium");
        assertThat(three.severity()).isEqualTo("high");
        assertThat(three.score()).isGreaterThan(one.score()).isLessThanOrEqualTo(1.0);
        assertThat(three.evidence()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void actorsInTheNeighbouringSentenceGiveAWeakerSignal() {
        Analysis.SignalMatch windowed = signal("", "Trains crossed from North Korea into Russia all week. "
                + "Observers said the wagons carried munitions moved toward the front.", "en").orElseThrow();
        assertThat(windowed.severity()).isEqualTo("low");
        assertThat(windowed.evidence().get(0).text()).contains("munitions");
    }

    @Test
    void evidenceOffsetsPointIntoTheirField() {
        String title = "Shells for Moscow";
        String body = "Nothing new at first. Then officials said North Korea shipped shells to Russia in May.";
        Analysis.SignalMatch s = signal(title, body, "en").orElseThrow();
        for (Analysis.Evidence e : s.evidence()) {
            String field = e.field().equals("title") ? title : body;
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
        }
        assertThat(s.evidence().get(0).text()).isEqualTo("Then officials said North Korea shipped shells to Russia in May.");
    }

    @Test
    void eachEvidenceSentenceSaysItsActActorsAndDirection() {
        Analysis.SignalMatch s = signal("", "North Korea shipped artillery shells to Russia in May. "
                + "Thousands of North Korean soldiers are fighting alongside Russian forces in Kursk. "
                + "The treaty's mutual assistance clause binds Moscow and Pyongyang.", "en").orElseThrow();
        assertThat(s.findings()).hasSameSizeAs(s.evidence());
        for (int i = 0; i < s.findings().size(); i++) {
            assertThat(s.findings().get(i).evidence()).isEqualTo(s.evidence().get(i));
        }
        assertThat(s.findings()).extracting(Analysis.SignalFinding::act)
                .containsExactlyInAnyOrder("materiel-moved", "troops", "defence-treaty");
        Analysis.SignalFinding shells = s.findings().stream().filter(f -> f.act().equals("materiel-moved")).findFirst().orElseThrow();
        assertThat(shells.direction()).isEqualTo("dprk-to-russia");
        assertThat(shells.actors()).containsExactly("Russia", "Democratic People's Republic of Korea");
        assertThat(shells.sameSentence()).isTrue();
        assertThat(s.findings().stream().filter(f -> f.act().equals("defence-treaty")).findFirst().orElseThrow().direction())
                .isEqualTo("mutual");
    }

    @Test
    void directionFollowsTheWordsOfTheSentence() {
        Analysis.SignalFinding tech = signal("", "Russia transferred missile technology to North Korea, officials said.", "en")
                .orElseThrow().findings().get(0);
        assertThat(tech.direction()).isEqualTo("russia-to-dprk");
        Analysis.SignalFinding windowed = signal("", "Trains crossed from North Korea into Russia all week. "
                + "Observers said the wagons carried munitions moved toward the front.", "en").orElseThrow().findings().get(0);
        assertThat(windowed.sameSentence()).isFalse();
        assertThat(windowed.actors()).contains("Russia", "Democratic People's Republic of Korea");
    }

    @Test
    void aThirdStatesDrillIsNotCompletedFromTheNeighbours() {
        assertThat(signal("", "Pyongyang condemned the manoeuvres and thanked Moscow for its support. "
                + "American and South Korean troops held joint drills near the border.", "en")).isEmpty();
        assertThat(signal("", "Pyongyang thanked Moscow for its support. "
                + "Thousands of troops crossed the border by train.", "en")).isPresent();
    }
}
