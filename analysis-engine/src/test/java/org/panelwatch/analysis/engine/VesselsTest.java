package org.panelwatch.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Vessels: names the UN list's entries give, linked to the listed company that owns or manages them;
 * IMO numbers of ships in any language (checked by their check digit) and the companies' IMO numbers
 * the UN list cites. Texts written for the test.
 */
class VesselsTest {

    private final TaggingEngine engine = TestEngines.defaults();

    @Test
    void aVesselNamedInTheUnListIsLinkedToItsListedOwner() {
        Analysis a = engine.analyze("Tanker seen off Nampo",
                "Satellite images show the tanker Yu Jong 2 alongside a foreign ship, a ship-to-ship transfer of fuel.", "en");
        assertThat(a.entities()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("vessel");
            assertThat(e.name()).startsWith("Yu Jong 2");
            assertThat(e.unReference()).isEqualTo("KPe.066");
        });
        Analysis ko = engine.analyze("청천강호 다시 포착", "북한 화물선 청천강호가 남포항에서 포착됐다.", "ko");
        assertThat(ko.entities()).anySatisfy(e -> assertThat(e.unReference()).isEqualTo("KPe.020"));
    }

    @Test
    void shipsAreRecognisedByTheirImoNumberAndCompaniesByTheNumberTheUnCites() {
        Analysis a = engine.analyze("Cargo ship tracked",
                "The cargo ship (IMO 9321483) switched off its transponder; a second ship, IMO number: 1234568, did not.", "en");
        List<Analysis.EntityMatch> vessels = a.entities().stream().filter(e -> e.type().equals("vessel")).toList();
        assertThat(vessels).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("IMO 9321483");
            assertThat("The cargo ship (IMO 9321483) switched off its transponder; a second ship, IMO number: 1234568, did not."
                    .substring(e.start(), e.end())).isEqualTo("IMO 9321483");
        });

        Analysis angara = engine.analyze("", "The Angara (IMO 9179842) docked at Dunai.", "en");
        assertThat(angara.entities().stream().filter(e -> e.type().equals("vessel")))
                .as("a ship the gazetteer knows is not listed twice").hasSize(1);

        Analysis company = engine.analyze("선박 회사", "유엔 제재 대상인 이 회사의 IMO 번호 5571322가 다시 확인됐다.", "ko");
        assertThat(company.entities()).anySatisfy(e -> assertThat(e.unReference()).isEqualTo("KPe.056"));
    }
}
