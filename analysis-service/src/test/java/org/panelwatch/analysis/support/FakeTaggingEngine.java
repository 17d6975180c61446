package org.panelwatch.analysis.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.matching.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * A predictable engine for the service's tests, which test the flow and the API, not the rules:
 * a contract topic id written in the text ("arms-transfer") tags that topic; a sentence naming both
 * Russia and North Korea is a russia-dprk-military signal; "Korea Mining Development Trading
 * Corporation" is a UN-listed entity. {@link #tagAlso(String)} adds a topic to every item, for retag.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeTaggingEngine implements TaggingEngine {

    public static final String LISTED = "Korea Mining Development Trading Corporation";
    private static final Pattern TOPIC = Pattern.compile(
            "\\b(arms-transfer|military-cooperation|wmd-missile|petroleum|maritime-evasion|overseas-workers"
                    + "|finance-cyber|export-bans|luxury-goods|sanctions-monitoring)\\b");
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]?");

    private static final AtomicReference<String> extraTopic = new AtomicReference<>();

    /** The real bundled catalogue, so that topic names and resolutions are those of production. */
    private static final Catalogue CATALOGUE = Engines.fromDefaults().catalogue();

    @Override
    public Catalogue catalogue() {
        return CATALOGUE;
    }

    public static void tagAlso(String topicOrNull) {
        extraTopic.set(topicOrNull);
    }

    /** The benchmark measures the real engine: -Dpanelwatch.benchmark.real-engine=true. */
    private static final TaggingEngine REAL = Boolean.getBoolean("panelwatch.benchmark.real-engine")
            ? Engines.fromDefaults() : null;

    @Override
    public Analysis analyze(String title, String body, String lang) {
        if (REAL != null) {
            return REAL.analyze(title, body, lang);
        }
        List<Analysis.TopicMatch> topics = new ArrayList<>();
        List<Analysis.EntityMatch> entities = new ArrayList<>();
        List<Analysis.SignalMatch> signals = new ArrayList<>();
        List<Analysis.Evidence> signalEvidence = new ArrayList<>();
        for (String field : List.of("title", "body")) {
            String text = "title".equals(field) ? title : body;
            if (text == null) {
                continue;
            }
            Matcher m = TOPIC.matcher(text);
            while (m.find()) {
                String id = m.group(1);
                if (topics.stream().noneMatch(t -> t.id().equals(id))) {
                    topics.add(new Analysis.TopicMatch(id, 0.9,
                            List.of(new Analysis.Evidence(m.group(), field, m.start(), m.end()))));
                }
            }
            int at = text.indexOf(LISTED);
            if (at >= 0) {
                entities.add(new Analysis.EntityMatch("entity", LISTED, "KPe.001", field, at, at + LISTED.length()));
            }
            Matcher s = SENTENCE.matcher(text);
            while (s.find()) {
                String sentence = s.group();
                if (sentence.contains("Russia") && sentence.contains("North Korea")) {
                    signalEvidence.add(new Analysis.Evidence(sentence.strip(), field,
                            s.start() + (sentence.length() - sentence.stripLeading().length()),
                            s.start() + sentence.stripTrailing().length()));
                }
            }
        }
        String extra = extraTopic.get();
        if (extra != null && topics.stream().noneMatch(t -> t.id().equals(extra))) {
            topics.add(new Analysis.TopicMatch(extra, 0.5, List.of()));
        }
        if (!signalEvidence.isEmpty()) {
            signals.add(new Analysis.SignalMatch("russia-dprk-military", Math.min(1.0, 0.6 + 0.1 * signalEvidence.size()),
                    "high", signalEvidence));
        }
        return new Analysis(topics, entities, signals);
    }
}
