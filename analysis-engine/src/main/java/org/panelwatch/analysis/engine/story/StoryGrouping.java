package org.panelwatch.analysis.engine.story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups items into stories the way the analysis service does, for measuring it: items are taken in
 * the order they were published; each joins the story of the earlier item it is most like, either a
 * near-duplicate of its text (word 3-shingles, Jaccard at least {@code nearDuplicate}, the service's
 * MinHash estimates the same) or the same event by {@link StoryMatcher}; otherwise it starts a story.
 */
public final class StoryGrouping {

    /** An item to group. */
    public record Member(String id, String title, String body, EventKey key) {
    }

    private final StoryMatcher matcher;
    private final double nearDuplicate;

    public StoryGrouping(StoryMatcher matcher, double nearDuplicate) {
        this.matcher = matcher;
        this.nearDuplicate = nearDuplicate;
    }

    /** The story of each item: the id of its story's first item. */
    public Map<String, String> group(List<Member> members) {
        List<Member> ordered = new ArrayList<>(members);
        ordered.sort(Comparator.comparing((Member m) -> m.key().published(), Comparator.nullsLast(Instant::compareTo))
                .thenComparing(Member::id));
        Map<String, String> storyOf = new LinkedHashMap<>();
        Map<String, List<Member>> stories = new LinkedHashMap<>();
        Map<String, Set<Long>> shingles = new LinkedHashMap<>();
        for (Member m : ordered) {
            Set<Long> mine = Shingles.of(m.title(), m.body());
            String best = null;
            double bestScore = 0;
            for (Map.Entry<String, List<Member>> story : stories.entrySet()) {
                double score = 0;
                for (Member other : story.getValue()) {
                    double text = Shingles.jaccard(mine, shingles.get(other.id()));
                    score = Math.max(score, text >= nearDuplicate ? 1 + text : matcher.similarity(m.key(), other.key()));
                }
                boolean copy = score > 1;
                boolean event = matcher.joins(m.key(), story.getValue().stream().map(Member::key).toList());
                if ((copy || event) && score > bestScore) {
                    bestScore = score;
                    best = story.getKey();
                }
            }
            String story = best == null ? m.id() : best;
            storyOf.put(m.id(), story);
            stories.computeIfAbsent(story, k -> new ArrayList<>()).add(m);
            shingles.put(m.id(), mine);
        }
        return storyOf;
    }

    /** Pairs of items: how many labelled one event were grouped, how many labelled different events were. */
    public record PairCounts(int samePairs, int sameGrouped, int differentPairs, int differentGrouped) {
        public double groupedShare() {
            return samePairs == 0 ? 1 : sameGrouped / (double) samePairs;
        }

        public double wronglyGroupedShare() {
            return differentPairs == 0 ? 0 : differentGrouped / (double) differentPairs;
        }
    }

    /**
     * Compares a grouping with the labels: {@code labelled} maps each item to its labelled story id
     * (null for a story of its own).
     */
    public static PairCounts count(Map<String, String> labelled, Map<String, String> grouped) {
        List<String> ids = new ArrayList<>(labelled.keySet());
        int same = 0;
        int sameGrouped = 0;
        int different = 0;
        int differentGrouped = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = labelled.get(ids.get(i));
                String b = labelled.get(ids.get(j));
                boolean gold = a != null && a.equals(b);
                boolean got = grouped.get(ids.get(i)) != null && grouped.get(ids.get(i)).equals(grouped.get(ids.get(j)));
                if (gold) {
                    same++;
                    sameGrouped += got ? 1 : 0;
                } else {
                    different++;
                    differentGrouped += got ? 1 : 0;
                }
            }
        }
        return new PairCounts(same, sameGrouped, different, differentGrouped);
    }

    static Set<String> distinct(Map<String, String> storyOf) {
        return new HashSet<>(storyOf.values());
    }
}
