package org.panelwatch.analysis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.TaggingEngine;

/** The production engine bean is the real engine, and an invalid operator catalogue stops the start. */
class TaggingEngineProducerTest {

    @Test
    void theBundledEngineHasEveryContractTopicAndFindsARussiaDprkTransfer() {
        TaggingEngine engine = TaggingEngineProducer.build(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(engine.catalogue().topics()).extracting(Catalogue.Topic::id).contains("arms-transfer",
                "military-cooperation", "wmd-missile", "petroleum", "maritime-evasion", "overseas-workers",
                "finance-cyber", "export-bans", "luxury-goods", "sanctions-monitoring");
        Analysis analysis = engine.analyze("North Korea ships shells to Russia",
                "North Korea has shipped millions of artillery shells and KN-23 ballistic missiles to Russia, "
                        + "South Korean intelligence said on Monday.", "en");
        assertThat(analysis.signals()).extracting(Analysis.SignalMatch::type).contains("russia-dprk-military");
        assertThat(analysis.topics()).extracting(Analysis.TopicMatch::id).contains("arms-transfer");
    }

    @Test
    void anUnreadableCatalogueStopsTheStartWithItsReason(@TempDir Path dir) throws Exception {
        Path catalogue = dir.resolve("catalogue.yaml");
        Files.writeString(catalogue, "topics: [ this is : not valid");
        assertThatThrownBy(() -> TaggingEngineProducer.build(Optional.of(catalogue), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The tagging engine cannot start");
    }
}
