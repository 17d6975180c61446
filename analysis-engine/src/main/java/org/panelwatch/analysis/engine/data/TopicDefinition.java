package org.panelwatch.analysis.engine.data;

import java.util.List;
import org.panelwatch.analysis.engine.Catalogue;

/** A catalogue topic with its rules parsed into query trees. */
public record TopicDefinition(Catalogue.Topic topic, List<RuleDefinition> rules) {
    public TopicDefinition {
        rules = List.copyOf(rules);
    }

    /** {@code qualifiedId} is {@code topicId/ruleId}; {@code languages} empty = every language. */
    public record RuleDefinition(String qualifiedId, List<String> languages, double weight, QueryNode query) {
        public RuleDefinition {
            languages = List.copyOf(languages);
        }
    }
}
