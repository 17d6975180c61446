package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.Map;
import org.panelwatch.analysis.engine.Catalogue;

/** Everything the catalogue file holds: the public catalogue, its word lists and its signal definitions. */
public record CatalogueDefinition(Catalogue catalogue, Map<String, Concept> concepts,
                                  List<TopicDefinition> topics, List<SignalDefinition> signals) {
    public CatalogueDefinition {
        concepts = Map.copyOf(concepts);
        topics = List.copyOf(topics);
        signals = List.copyOf(signals);
    }
}
