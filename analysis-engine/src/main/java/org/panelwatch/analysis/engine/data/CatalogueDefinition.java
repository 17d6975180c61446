package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.Map;
import org.panelwatch.analysis.engine.Catalogue;

/**
 * Everything the catalogue file holds: the public catalogue, its word lists, its signal definitions and
 * the substance a topic needs ({@code null}: none beyond its rules' weights).
 */
public record CatalogueDefinition(Catalogue catalogue, Map<String, Concept> concepts,
                                  List<TopicDefinition> topics, List<SignalDefinition> signals,
                                  Substance substance) {
    public CatalogueDefinition {
        concepts = Map.copyOf(concepts);
        topics = List.copyOf(topics);
        signals = List.copyOf(signals);
    }

    /**
     * The contract tags a topic only when the text says something substantive about it, "a passing word
     * is not enough": a topic's rule hits must lie in at least {@code sentences} different sentences, or
     * one of them in the title or the first {@code lead} sentences of the body (what the item is about).
     */
    public record Substance(int sentences, int lead) {
    }
}
