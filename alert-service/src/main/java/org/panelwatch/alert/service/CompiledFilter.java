package org.panelwatch.alert.service;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.common.event.SignalEvent;

/**
 * A subscription's filter prepared once for matching many signals: sets for lookups, keywords folded. Its
 * keywords are looked up in the text by the {@link KeywordIndex} of all active subscriptions, not here.
 */
final class CompiledFilter {

    private final Subscription subscription;
    private final Set<String> signalTypes;
    private final Set<String> topics;
    private final double minScore;
    private final List<String> keywords;
    private final Set<String> languages;

    CompiledFilter(Subscription subscription) {
        this.subscription = subscription;
        SubscriptionFilter f = subscription.filter();
        this.signalTypes = Set.copyOf(f.signalTypes());
        this.topics = Set.copyOf(f.topics());
        this.minScore = f.minScore() == null ? 0.0 : f.minScore();
        this.keywords = f.keywords().stream().map(FoldedText::fold).filter(k -> !k.isEmpty()).distinct().toList();
        this.languages = Set.copyOf(f.languages().stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
    }

    Subscription subscription() {
        return subscription;
    }

    /** Folded, distinct, none empty; an empty list accepts every text. */
    List<String> keywords() {
        return keywords;
    }

    /**
     * Every condition but the keywords holds: within a list any one element is enough; an empty list accepts
     * all.
     */
    boolean matchesApartFromKeywords(SignalEvent signal) {
        if (!signalTypes.isEmpty() && !signalTypes.contains(signal.type())) {
            return false;
        }
        if (signal.score() < minScore) {
            return false;
        }
        if (!languages.isEmpty() && (signal.lang() == null || !languages.contains(signal.lang().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        return topics.isEmpty() || (signal.topics() != null
                && signal.topics().stream().anyMatch(t -> t != null && topics.contains(t.id())));
    }
}
