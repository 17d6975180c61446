package org.panelwatch.analysis.engine.story;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.panelwatch.analysis.engine.Analysis;

/**
 * Builds the {@link EventKey} of an item from what the engine found in it (entities, topics, signals)
 * and from the event words and numbers of its text. Thread-safe; build once.
 *
 * <p>Weights say how much a shared feature tells that two reports are of one event: a vessel or a
 * UN-listed entity named in both says much, a number or a place less, Russia and the DPRK (named in
 * every report on the subject) very little. A feature found in the title counts half again: the
 * headline says what the event is.
 */
public final class EventKeys {

    /** Entity types every report on the subject names: they alone never make two reports one event. */
    private static final Set<String> COMMON_TYPES = Set.of("country", "capital", "state-media", "ministry", "armed-force");
    /** Leaders named in nearly every report on Russia-DPRK ties. */
    private static final Set<String> COMMON_LEADERS = Set.of("Vladimir Putin", "Kim Jong Un");

    private final EventTerms terms;

    private EventKeys(EventTerms terms) {
        this.terms = terms;
    }

    public static EventKeys bundled() {
        return new EventKeys(EventTerms.bundled());
    }

    public EventKey of(String title, String body, Instant published, Analysis analysis) {
        String t = title == null ? "" : title;
        String b = body == null ? "" : body;
        Map<String, Double> features = new LinkedHashMap<>();
        for (String f : terms.find(b)) {
            features.put(f, weightOf(f));
        }
        for (Long n : Quantities.in(b)) {
            features.put("n:" + n, weightOf("n:"));
        }
        for (Analysis.EntityMatch e : analysis.entities()) {
            String f = "entity:" + e.type() + ":" + e.name();
            features.merge(f, weightOf(f), Math::max);
        }
        analysis.topics().forEach(topic -> features.put("topic:" + topic.id(), 0.3));
        analysis.signals().forEach(signal -> features.put("signal:" + signal.type(), 0.3));
        // The headline: its features count half again (entities found there too).
        Set<String> inTitle = new java.util.HashSet<>(terms.find(t));
        Quantities.in(t).forEach(n -> inTitle.add("n:" + n));
        analysis.entities().stream().filter(e -> "title".equals(e.field()))
                .forEach(e -> inTitle.add("entity:" + e.type() + ":" + e.name()));
        for (String f : inTitle) {
            features.put(f, weightOf(f) * 1.5);
        }
        // What the item is about, for telling events apart (weight 0: they mark, they do not add): the
        // acts of the headline and the lead sentence, and the numbers of the headline (small ones too:
        // "3 cruise missiles" and "5 cruise missiles" are two launches).
        Set<String> headActs = new java.util.TreeSet<>();
        for (String f : terms.find(t + "\n" + lead(b))) {
            if (f.startsWith("act:")) {
                headActs.add(f);
            }
        }
        headActs.forEach(f -> features.put(EventKey.HEAD + f, 0.0));
        Quantities.in(t, 2).forEach(n -> features.put(EventKey.HEAD + "n:" + n, 0.0));
        features.put(EventKey.VERSION, 0.0);
        return new EventKey(published, features);
    }

    /** The body's first sentence (at most 300 characters): with the headline, what the item reports. */
    static String lead(String body) {
        String b = body.strip();
        java.util.regex.Matcher end = LEAD_END.matcher(b);
        int stop = end.find() ? end.end() : b.length();
        return b.substring(0, Math.min(stop, Math.min(b.length(), 300)));
    }

    private static final java.util.regex.Pattern LEAD_END = java.util.regex.Pattern.compile("[.!?](?=\\s)|[。！？]|\\n");

    static boolean commonEntity(String feature) {
        String[] parts = feature.split(":", 3);
        return parts.length < 3 || COMMON_TYPES.contains(parts[1]) || COMMON_LEADERS.contains(parts[2]);
    }

    static double weightOf(String feature) {
        if (feature.startsWith("entity:")) {
            if (commonEntity(feature)) {
                return 0.2;
            }
            String type = feature.split(":", 3)[1];
            return switch (type) {
                case "vessel", "un-entity", "un-individual" -> 2.0;
                default -> 1.0;
            };
        }
        if (feature.startsWith("n:")) {
            return 1.0;
        }
        if (feature.startsWith("place:")) {
            return 1.0;
        }
        if (feature.startsWith("claimant:")) {
            return 0.6;
        }
        if (feature.startsWith("act:")) {
            return 0.5;
        }
        return 0.3;
    }
}
