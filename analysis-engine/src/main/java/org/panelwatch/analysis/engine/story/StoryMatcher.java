package org.panelwatch.analysis.engine.story;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether two items report the same event. Two reports are one event when they were published
 * close together ({@code window}), share features that single out an event (places, named things,
 * numbers, claimants: at least {@code minAnchors}) and the weight they share is at least
 * {@code threshold} of the smaller key's weight (a short wire item told again at length by another
 * outlet is still the same event). Different events on one subject (two launches, two shipments)
 * differ in day, numbers, places or vessels, and so fall below one of the three. An item whose
 * publication time is unknown could be of any day: it must share twice the anchors and more weight.
 *
 * <p>Sharing much is not enough when the two say different things happened, which a weighted sum
 * alone let through (in the end-to-end run a drone-training report and an air-defence deployment of
 * one day, both on North Korean soldiers in Kursk, and the same template's reports with other numbers,
 * were merged): two reports are never one event when their headlines state numbers and neither's
 * numbers are in the other ({@link #numbersDiffer}), when both name where it happened and no place is
 * in both ({@link #placesDiffer}), or when what one's headline and lead say happened is nowhere in the
 * other ({@link #actsDiffer}). Both tests read language-independent features
 * (numbers as values, acts as concepts found in every language), so a report in another language is
 * held to the same evidence. Keys stored before these marks existed are not compared by event.
 *
 * <p>Defaults from the same-story groups of the real labelled set of issue 13 (354 items; the two
 * labellers' files scored apart, see the engine's README): a window of two days (outlets in other time
 * zones date one event a day apart), no anchor required of a dated pair (a summit is told with its
 * leaders and acts only) and 35% of the weight shared, at least 1.0 of it in what the texts say
 * (not topics or signals); an undated pair needs two anchors and 60%.
 */
public final class StoryMatcher {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(2);
    public static final double DEFAULT_THRESHOLD = 0.35;
    public static final int DEFAULT_MIN_ANCHORS = 0;
    /** For a pair where a publication time is unknown. */
    static final double UNDATED_THRESHOLD = 0.6;
    static final int UNDATED_MIN_ANCHORS = 2;
    /**
     * The least weight two reports must share in what they say (topics and signals left out): a short
     * item naming only an act and the two countries is inside every report of the day, and is not
     * thereby the same event.
     */
    static final double MIN_SHARED_WEIGHT = 1.0;

    private final Duration window;
    private final double threshold;
    private final int minAnchors;

    public StoryMatcher(Duration window, double threshold, int minAnchors) {
        this.window = window;
        this.threshold = threshold;
        this.minAnchors = minAnchors;
    }

    public static StoryMatcher defaults() {
        return new StoryMatcher(DEFAULT_WINDOW, DEFAULT_THRESHOLD, DEFAULT_MIN_ANCHORS);
    }

    public Duration window() {
        return window;
    }

    /**
     * The share of the smaller key's weight that both keys hold, in [0, 1]; 0 outside the window or
     * with too few shared anchors.
     */
    public double similarity(EventKey a, EventKey b) {
        if (!withinWindow(a.published(), b.published()) || !a.current() || !b.current()
                || numbersDiffer(a, b) || actsDiffer(a, b) || placesDiffer(a, b)) {
            return 0;
        }
        boolean dated = a.published() != null && b.published() != null;
        double shared = 0;
        double said = 0;
        int anchors = 0;
        Map<String, Double> small = a.features().size() <= b.features().size() ? a.features() : b.features();
        Map<String, Double> large = small == a.features() ? b.features() : a.features();
        for (Map.Entry<String, Double> f : small.entrySet()) {
            Double other = large.get(f.getKey());
            if (other != null) {
                shared += Math.min(f.getValue(), other);
                if (!f.getKey().startsWith("topic:") && !f.getKey().startsWith("signal:")) {
                    said += Math.min(f.getValue(), other);
                }
                if (EventKey.isAnchor(f.getKey())) {
                    anchors++;
                }
            }
        }
        if (anchors < (dated ? minAnchors : Math.max(minAnchors, UNDATED_MIN_ANCHORS)) || said < MIN_SHARED_WEIGHT) {
            return 0;
        }
        double smaller = Math.min(a.weight(), b.weight());
        return smaller == 0 ? 0 : Math.min(1, shared / smaller);
    }

    public boolean sameEvent(EventKey a, EventKey b) {
        boolean dated = a.published() != null && b.published() != null;
        return similarity(a, b) >= (dated ? threshold : Math.max(threshold, UNDATED_THRESHOLD));
    }

    /**
     * Whether an item joins a story of which {@code members} are known: it must be the same event as
     * at least half of them. Joining on one member alone let stories drift from event to event
     * (A like B, B like C, C a different event from A).
     */
    public boolean joins(EventKey item, java.util.Collection<EventKey> members) {
        int same = 0;
        for (EventKey member : members) {
            if (sameEvent(item, member)) {
                same++;
            }
        }
        return same > 0 && same * 2 >= members.size();
    }

    /**
     * Both headlines state numbers and neither's is stated anywhere in the other: "North Korea sent 300
     * troops" and "North Korea sent 500 troops" are two events, however alike the rest.
     */
    static boolean numbersDiffer(EventKey a, EventKey b) {
        Set<String> headA = a.kind(EventKey.HEAD + "n:");
        Set<String> headB = b.kind(EventKey.HEAD + "n:");
        if (headA.isEmpty() || headB.isEmpty()) {
            return false;
        }
        return Collections.disjoint(headA, stated(b)) && Collections.disjoint(headB, stated(a));
    }

    /**
     * Both name where it happened and no place is in both: a strike on Kharkiv and one on
     * Zaporizhzhia are two events.
     */
    static boolean placesDiffer(EventKey a, EventKey b) {
        Set<String> pa = a.kind("place:");
        Set<String> pb = b.kind("place:");
        return !pa.isEmpty() && !pb.isEmpty() && Collections.disjoint(pa, pb);
    }

    private static Set<String> stated(EventKey key) {
        Set<String> all = new HashSet<>(key.kind("n:"));
        all.addAll(key.kind(EventKey.HEAD + "n:"));
        return all;
    }

    /**
     * Acts nearly every report on the subject names along the way (soldiers, missiles, a confirmation,
     * a report): they make two reports agree only when neither headline says more.
     */
    static final Set<String> GENERIC_ACTS = Set.of("troops-deployed", "confirmation", "report", "missiles");

    /**
     * What one report's headline and lead say happened is nowhere in the other: a drone training and
     * an air-defence deployment told the same day, a launch and a shipment. Each side's headline acts
     * (the specific ones, when it has any) must be named somewhere in the other report.
     */
    static boolean actsDiffer(EventKey a, EventKey b) {
        return !actsFound(a.kind(EventKey.HEAD + "act:"), b) || !actsFound(b.kind(EventKey.HEAD + "act:"), a);
    }

    private static boolean actsFound(Set<String> head, EventKey other) {
        if (head.isEmpty()) {
            return true;
        }
        Set<String> specific = new TreeSet<>(head);
        specific.removeAll(GENERIC_ACTS);
        return !Collections.disjoint(specific.isEmpty() ? head : specific, other.kind("act:"));
    }

    boolean withinWindow(Instant a, Instant b) {
        return a == null || b == null || Duration.between(a, b).abs().compareTo(window) <= 0;
    }
}
