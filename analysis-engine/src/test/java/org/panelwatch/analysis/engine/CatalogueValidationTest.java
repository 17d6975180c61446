package org.panelwatch.analysis.engine;

import org.panelwatch.analysis.engine.matching.Engines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A bad catalogue is rejected with a message that names the rule at fault. */
class CatalogueValidationTest {

    private static final String VALID = """
            version: test
            concepts:
              shell: {en: [shell, shells]}
            topics:
              - id: arms-transfer
                name: Arms
                description: Arms moving
                resolutions: [{resolution: "1718", paragraphs: ["8(a)"]}]
                rules:
                  - id: shells
                    near: {slop: 5, of: ["@dprk", "@shell"]}
            """;

    private static CatalogueException rejected(String yaml) {
        try {
            Engines.validateCatalogue(yaml);
        } catch (CatalogueException e) {
            return e;
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void aValidCatalogueIsAcceptedAndParsed() {
        Catalogue c = Engines.validateCatalogue(VALID);
        assertThat(c.version()).isEqualTo("test");
        assertThat(c.topics()).singleElement().satisfies(t -> {
            assertThat(t.rules()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("arms-transfer/shells"));
            assertThat(t.resolutions().get(0).paragraphs()).containsExactly("8(a)");
        });
    }

    @Test
    void unknownConceptNamesTheRule() {
        CatalogueException e = rejected(VALID.replace("\"@shell\"", "\"@shels\""));
        assertThat(e.rule()).isEqualTo("arms-transfer/shells");
        assertThat(e.getMessage()).contains("arms-transfer/shells").contains("@shels");
    }

    @Test
    void allInsideNearNamesTheRule() {
        CatalogueException e = rejected(VALID.replace("of: [\"@dprk\", \"@shell\"]", "of: [\"@dprk\", {all: [a, b]}]"));
        assertThat(e.rule()).isEqualTo("arms-transfer/shells");
        assertThat(e.getMessage()).contains("'all' cannot appear inside 'near'");
    }

    @Test
    void unknownOperatorAndLanguageAndWeightAreRejected() {
        assertThat(rejected(VALID.replace("near: {slop: 5, of: [\"@dprk\", \"@shell\"]}", "nearby: [a, b]")).getMessage())
                .contains("arms-transfer/shells").contains("exactly one of");
        assertThat(rejected(VALID.replace("- id: shells", "- id: shells\n        lang: [xx]")).getMessage())
                .contains("unknown language 'xx'");
        assertThat(rejected(VALID.replace("- id: shells", "- id: shells\n        weight: -1")).getMessage())
                .contains("'weight' must be above 0");
    }

    @Test
    void tooShortWildcardAndDuplicateRuleAreRejected() {
        assertThat(rejected(VALID.replace("[shell, shells]", "[\"s*\"]")).getMessage()).contains("wildcard");
        String twice = VALID + """
                      - id: shells
                        any: [shell]
                """;
        assertThat(rejected(twice).getMessage()).contains("arms-transfer/shells").contains("appears twice");
    }

    @Test
    void brokenYamlAndMissingFieldsAreRejected() {
        assertThat(rejected("topics: [").getMessage()).contains("not valid YAML");
        assertThat(rejected(VALID.replace("    name: Arms\n", "")).getMessage()).contains("arms-transfer").contains("'name' is missing");
        assertThatThrownBy(() -> Engines.validateCatalogue("version: x\ntopics: []"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("defines no topics");
    }
}
