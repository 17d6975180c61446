package org.panelwatch.analysis.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.matching.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.StoredEvidence;
import org.panelwatch.analysis.service.TopicCatalogue;
import org.panelwatch.common.event.SignalEvent;

/**
 * What made a signal (act, direction, actors) travels with each evidence sentence from the real engine
 * into the stored row, the API answer and the panelwatch.signals event; a topic's evidence and events
 * written before these fields existed stay as they were.
 */
class SignalExplanationTest {

    private static final TaggingEngine ENGINE = Engines.fromDefaults();
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void actDirectionAndActorsReachStoreApiAndEvent() throws Exception {
        NewsItem item = new NewsItem();
        item.id = UUID.randomUUID();
        item.title = "Shells for Moscow";
        item.body = "North Korea shipped artillery shells to Russia in May, officials said.";
        item.lang = "en";
        item.sortAt = Instant.parse("2026-11-01T00:00:00Z");
        Analysis analysis = ENGINE.analyze(item.title, item.body, item.lang);
        Analysis.SignalMatch match = analysis.signals().get(0);

        Signal signal = AnalysisMapper.toSignal(item, match, Instant.now());
        StoredEvidence stored = signal.evidence.get(0);
        assertThat(stored.act()).isEqualTo("materiel-moved");
        assertThat(stored.direction()).isEqualTo("dprk-to-russia");
        assertThat(stored.actors()).contains("Russia");
        assertThat(JSON.readValue(JSON.writeValueAsString(stored), StoredEvidence.class)).isEqualTo(stored);

        ApiMapper api = new ApiMapper(new TopicCatalogue(ENGINE));
        JsonNode answer = JSON.valueToTree(api.analysis(analysis));
        assertThat(answer.at("/signals/0/evidence/0/act").asText()).isEqualTo("materiel-moved");
        assertThat(answer.at("/signals/0/evidence/0/direction").asText()).isEqualTo("dprk-to-russia");
        assertThat(answer.at("/topics/0/evidence/0").has("act")).as("topic evidence has no act").isFalse();
        assertThat(JSON.valueToTree(ApiMapper.stored(signal.evidence)).at("/0/actors/0").asText()).isEqualTo("Russia");

        SignalEvent event = new EventMapper(new TopicCatalogue(ENGINE)).signal(item, analysis, signal);
        SignalEvent read = JSON.readValue(JSON.writeValueAsString(event), SignalEvent.class);
        assertThat(read.evidence().get(0).act()).isEqualTo("materiel-moved");
        assertThat(read.evidence().get(0).direction()).isEqualTo("dprk-to-russia");
        assertThat(read.schemaVersion()).isEqualTo(SignalEvent.SCHEMA_VERSION);
    }

    @Test
    void evidenceStoredOrSentBeforeTheExplanationStillReads() throws Exception {
        StoredEvidence old = JSON.readValue("{\"text\":\"a\",\"field\":\"body\",\"start\":0,\"end\":1}", StoredEvidence.class);
        assertThat(old).isEqualTo(new StoredEvidence("a", "body", 0, 1));
        assertThat(JSON.writeValueAsString(old)).isEqualTo("{\"text\":\"a\",\"field\":\"body\",\"start\":0,\"end\":1}");
        SignalEvent.Evidence sent = JSON.readValue("{\"sentence\":\"a\",\"start\":0,\"end\":1}", SignalEvent.Evidence.class);
        assertThat(sent.act()).isNull();
        assertThat(sent.actors()).isNull();
    }
}
