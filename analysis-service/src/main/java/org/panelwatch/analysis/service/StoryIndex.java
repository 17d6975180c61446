package org.panelwatch.analysis.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The stories a batch can join: items loaded from the database because they share an LSH band or
 * a text hash with an item of the batch, plus the batch's own items as they are placed. Decides for
 * each new item which story it joins and whether it is a copy of an earlier item.
 */
final class StoryIndex {

    record Known(UUID itemId, UUID storyId, UUID duplicateOf, Fingerprint fingerprint) {
    }

    /** Where a new item goes: its story, the original it copies (or null), whether the story is new. */
    record Placement(UUID storyId, UUID duplicateOf, boolean newStory) {
    }

    private final Map<Long, List<Known>> byBand = new HashMap<>();
    private final Map<Long, List<Known>> byTextHash = new HashMap<>();
    private final double storyThreshold;
    private final double duplicateThreshold;

    StoryIndex(double storyThreshold, double duplicateThreshold) {
        this.storyThreshold = storyThreshold;
        this.duplicateThreshold = duplicateThreshold;
    }

    void add(Known known) {
        byTextHash.computeIfAbsent(known.fingerprint().textHash(), h -> new ArrayList<>()).add(known);
        if (known.fingerprint().comparable()) {
            for (long band : known.fingerprint().bands()) {
                byBand.computeIfAbsent(band, b -> new ArrayList<>()).add(known);
            }
        }
    }

    Placement place(UUID itemId, Fingerprint fingerprint) {
        List<Known> exact = byTextHash.getOrDefault(fingerprint.textHash(), List.of());
        if (!exact.isEmpty()) {
            Known original = exact.get(0);
            return new Placement(original.storyId(), originalOf(original), false);
        }
        if (!fingerprint.comparable()) {
            return new Placement(itemId, null, true);
        }
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
            return new Placement(itemId, null, true);
        }
        UUID duplicateOf = bestSimilarity >= duplicateThreshold ? originalOf(best) : null;
        return new Placement(best.storyId(), duplicateOf, false);
    }

    private static UUID originalOf(Known known) {
        return known.duplicateOf() != null ? known.duplicateOf() : known.itemId();
    }
}
