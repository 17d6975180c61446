package org.panelwatch.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Gazetteer and UN-list entities: type, name, UN reference and offsets into the right field. */
class EntitiesTest {

    private final TaggingEngine engine = TestEngines.defaults();

    @Test
    void unListedEntityCarriesItsReferenceAndOffsets() {
        String body = "The report names the Korea Mining Development Trading Corporation as the seller.";
        Analysis a = engine.analyze("Arms dealer named", body, "en");
        Analysis.EntityMatch komid = a.entities().stream().filter(e -> "KPe.001".equals(e.unReference()))
                .findFirst().orElseThrow();
        assertThat(komid.type()).isEqualTo("un-entity");
        assertThat(komid.field()).isEqualTo("body");
        assertThat(body.substring(komid.start(), komid.end())).isEqualTo("Korea Mining Development Trading Corporation");
    }

    @Test
    void actorsWeaponsPortsAndVesselsAreRecognised() {
        String title = "KN-23 missiles left Rajin aboard the Angara";
        Analysis a = engine.analyze(title, "Kim Jong Un met Vladimir Putin in Vladivostok.", "en");
        assertThat(a.entities()).extracting(Analysis.EntityMatch::type)
                .contains("weapon-system", "port", "vessel", "leader");
        Analysis.EntityMatch kn23 = a.entities().stream().filter(e -> e.type().equals("weapon-system")).findFirst().orElseThrow();
        assertThat(kn23.field()).isEqualTo("title");
        assertThat(title.substring(kn23.start(), kn23.end())).isEqualTo("KN-23");
        Analysis.EntityMatch kim = a.entities().stream().filter(e -> e.name().equals("Kim Jong Un")).findFirst().orElseThrow();
        assertThat(kim.field()).isEqualTo("body");
        assertThat(kim.start()).isZero();
        assertThat(kim.end()).isEqualTo("Kim Jong Un".length());
    }

    @Test
    void actorsAreFoundInEveryLanguage() {
        assertThat(engine.analyze("", "Путин встретился с Ким Чен Ыном в Пхеньяне.", "ru").entities())
                .extracting(Analysis.EntityMatch::name).contains("Vladimir Putin", "Kim Jong Un", "Pyongyang");
        assertThat(engine.analyze("", "김정은 위원장이 러시아를 방문했다.", "ko").entities())
                .extracting(Analysis.EntityMatch::name).contains("Kim Jong Un", "Russia");
        assertThat(engine.analyze("", "金正恩氏がロシアを訪問した。", "ja").entities())
                .extracting(Analysis.EntityMatch::name).contains("Kim Jong Un", "Russia");
        assertThat(engine.analyze("", "金正恩访问了俄罗斯。", "zh").entities())
                .extracting(Analysis.EntityMatch::name).contains("Kim Jong Un", "Russia");
        assertThat(engine.analyze("", "Nordkoreas Machthaber reiste nach Moskau.", "de").entities())
                .extracting(Analysis.EntityMatch::name).contains("Democratic People's Republic of Korea", "Moscow");
        assertThat(engine.analyze("", "Le dirigeant de la Corée du Nord a rencontré Vladimir Poutine.", "fr").entities())
                .extracting(Analysis.EntityMatch::name).contains("Democratic People's Republic of Korea", "Vladimir Putin");
    }

    @Test
    void languageIsGuessedFromTheScriptWhenMissing() {
        assertThat(engine.analyze("", "북한이 러시아에 포탄을 제공했다고 밝혔다.", null).signals()).isNotEmpty();
    }

    @Test
    void emptyItemGivesAnEmptyAnalysis() {
        Analysis a = engine.analyze(null, "  ", "en");
        assertThat(a.topics()).isEmpty();
        assertThat(a.entities()).isEmpty();
        assertThat(a.signals()).isEmpty();
    }

    @Test
    void catalogueCarriesEveryContractTopicWithParagraphs() {
        Catalogue c = engine.catalogue();
        assertThat(c.topics()).extracting(Catalogue.Topic::id).containsExactlyInAnyOrder("arms-transfer",
                "military-cooperation", "wmd-missile", "petroleum", "maritime-evasion", "overseas-workers",
                "finance-cyber", "export-bans", "luxury-goods", "sanctions-monitoring");
        assertThat(c.topic("petroleum").orElseThrow().resolutions())
                .anySatisfy(r -> {
                    assertThat(r.number()).isEqualTo("2397");
                    assertThat(r.paragraphs()).contains("5");
                });
        assertThat(c.topics()).allSatisfy(t -> assertThat(t.resolutions()).isNotEmpty());
    }
}
