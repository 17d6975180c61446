package org.panelwatch.analysis.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.panelwatch.analysis.engine.story.EventKey;
import org.panelwatch.analysis.engine.story.StoryMatcher;

/**
 * The stories a batch can join: items loaded from the database because they share an LSH band, a
 * text hash or an event anchor with an item of the batch, plus the batch's own items as they are
 * placed. Decides for each new item which story it joins and whether it is a copy of an earlier item:
 * first by its text (an exact or near copy), else by the event it reports (the engine's
 * {@link StoryMatcher}: the same event told in other words or another language).
 */
final class StoryIndex {

    /** A known item; {@code eventKey} is null for items stored before event keys existed. */
    record Known(UUID itemId, UUID storyId, UUID duplicateOf, Fingerprint fingerprint, EventKey eventKey) {
    }

    /** Where a new item goes: its story, the original it copies (or null), whether the story is new. */
    record Placement(UUID storyId, UUID duplicateOf, boolean newStory) {
    }

    private final Map<Long, List<Known>> byBand = new HashMap<>();
    private final Map<Long, List<Known>> byTextHash = new HashMap<>();
    private final Map<UUID, Map<UUID, Known>> byStory = new LinkedHashMap<>();
    private final double storyThreshold;
    private final double duplicateThreshold;
    private final StoryMatcher events;

    /** @param events null: stories by text only */
    StoryIndex(double storyThreshold, double duplicateThreshold, StoryMatcher events) {
        this.storyThreshold = storyThreshold;
        this.duplicateThreshold = duplicateThreshold;
        this.events = events;
    }

    void add(Known known) {
        if (known.fingerprint() != null) {
            byTextHash.computeIfAbsent(known.fingerprint().textHash(), h -> new ArrayList<>()).add(known);
            if (known.fingerprint().comparable()) {
                for (long band : known.fingerprint().bands()) {
                    byBand.computeIfAbsent(band, b -> new ArrayList<>()).add(known);
                }
            }
        }
        if (known.eventKey() != null) {
            byStory.computeIfAbsent(known.storyId(), s -> new LinkedHashMap<>()).putIfAbsent(known.itemId(), known);
        }
    }

    Placement place(UUID itemId, Fingerprint fingerprint, EventKey eventKey) {
        List<Known> exact = byTextHash.getOrDefault(fingerprint.textHash(), List.of());
        if (!exact.isEmpty()) {
            Known original = exact.get(0);
            return new Placement(original.storyId(), originalOf(original), false);
        }
        Placement copy = fingerprint.comparable() ? nearCopy(fingerprint) : null;
        if (copy != null) {
            return copy;
        }
        UUID event = sameEvent(eventKey);
        if (event != null) {
            return new Placement(event, null, false);
        }
        return new Placement(itemId, null, true);
    }

    private Placement nearCopy(Fingerprint fingerprint) {
        Set<Known> candidates = new LinkedHashSet<>();
        for (long band : fingerprint.bands()) {
            candidates.addAll(byBand.getOrDefault(band, List.of()));
        }
        Known best = null;
        double bestSimilarity = 0;
        for (Known candidate : candidates) {
            double similarity = fingerprint.similarity(candidate.fingerprint());
            if (similarity > bestSimilarity) {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        if (best == null || bestSimilarity < storyThreshold) {
            return null;
        }
        UUID duplicateOf = bestSimilarity >= duplicateThreshold ? originalOf(best) : null;
        return new Placement(best.storyId(), duplicateOf, false);
    }

    /** The story whose known items (at least half of them) report the same event, the most alike first. */
    private UUID sameEvent(EventKey eventKey) {
        if (events == null || eventKey == null) {
            return null;
        }
        UUID best = null;
        double bestSimilarity = 0;
        for (Map.Entry<UUID, Map<UUID, Known>> story : byStory.entrySet()) {
            List<EventKey> members = story.getValue().values().stream().map(Known::eventKey).toList();
            if (!events.joins(eventKey, members)) {
                continue;
            }
            double similarity = members.stream().mapToDouble(m -> events.similarity(eventKey, m)).max().orElse(0);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = story.getKey();
            }
        }
        return best;
    }

    private static UUID originalOf(Known known) {
        return known.duplicateOf() != null ? known.duplicateOf() : known.itemId();
    }
}
