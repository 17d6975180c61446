package org.panelwatch.alert.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Which signals a subscription wants; an empty list means "any". Stored as JSON on the subscription. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionFilter(List<String> signalTypes, List<String> topics, Double minScore,
        List<String> keywords, List<String> languages) {

    public SubscriptionFilter {
        signalTypes = signalTypes == null ? List.of() : List.copyOf(signalTypes);
        topics = topics == null ? List.of() : List.copyOf(topics);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
