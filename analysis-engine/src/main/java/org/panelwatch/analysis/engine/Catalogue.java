package org.panelwatch.analysis.engine;

import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue as loaded from its YAML file (the bundled default or an operator's file):
 * what the service serves at {@code GET /api/v1/topics}. The rules are kept in their source form so
 * analysts can see why a topic was tagged.
 *
 * @param version free text from the file (e.g. a date), so a response can say which rules applied
 */
public record Catalogue(String version, List<Topic> topics) {

    public Catalogue {
        topics = List.copyOf(topics);
    }

    public Optional<Topic> topic(String id) {
        return topics.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * @param resolutions the UN Security Council resolutions and operative paragraphs the topic rests on
     * @param minScore    the sum of matching rule weights at which the topic is tagged
     */
    public record Topic(String id, String name, String description, List<Resolution> resolutions,
                        double minScore, List<Rule> rules) {
        public Topic {
            resolutions = List.copyOf(resolutions);
            rules = List.copyOf(rules);
        }
    }

    /** {@code number} e.g. "2397"; {@code paragraphs} e.g. ["5", "6"]; {@code summary} what those paragraphs do. */
    public record Resolution(String number, List<String> paragraphs, String summary) {
        public Resolution {
            paragraphs = List.copyOf(paragraphs);
        }
    }

    /**
     * One rule of a topic. {@code languages} is empty when the rule applies to every language;
     * {@code query} is the rule's query rendered as text.
     */
    public record Rule(String id, List<String> languages, double weight, String query) {
        public Rule {
            languages = List.copyOf(languages);
        }
    }
}
