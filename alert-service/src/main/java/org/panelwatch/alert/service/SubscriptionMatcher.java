package org.panelwatch.alert.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.common.event.SignalEvent;

/**
 * The active subscriptions compiled for matching signals. A signal is checked against each subscription's
 * cheap conditions (type, score, language, topics); its text is folded and read once, by the keyword index,
 * and only when a subscription that passed them has keywords.
 */
public final class SubscriptionMatcher {

    private final List<CompiledFilter> filters;
    private final KeywordIndex keywords;

    public SubscriptionMatcher(List<Subscription> subscriptions) {
        this.filters = subscriptions.stream().map(CompiledFilter::new).toList();
        this.keywords = new KeywordIndex(filters);
    }

    /** The subscriptions the signal matches: every condition holds, and one of the keywords if there are any. */
    public List<Subscription> matching(SignalEvent signal) {
        List<CompiledFilter> candidates = new ArrayList<>();
        boolean needText = false;
        for (CompiledFilter f : filters) {
            if (f.matchesApartFromKeywords(signal)) {
                candidates.add(f);
                needText |= !f.keywords().isEmpty();
            }
        }
        Set<CompiledFilter> mentioned = needText
                ? keywords.filtersMentionedIn(FoldedText.of(signal.title(), signal.text()))
                : Set.of();
        List<Subscription> matched = new ArrayList<>();
        for (CompiledFilter f : candidates) {
            if (f.keywords().isEmpty() || mentioned.contains(f)) {
                matched.add(f.subscription());
            }
        }
        return matched;
    }
}
