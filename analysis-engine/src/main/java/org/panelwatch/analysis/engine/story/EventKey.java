package org.panelwatch.analysis.engine.story;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one item says happened, as language-independent features with their weights, and when it
 * was published. Features: {@code act:} what happened, {@code claimant:} who says so or takes part,
 * {@code place:}, {@code entity:<type>:<name>} (gazetteer and UN list entries: the same id in every
 * language), {@code n:} the numbers stated, {@code topic:} and {@code signal:} what the engine tagged.
 *
 * @param published when the item was published (or, lacking that, received); null when unknown
 */
public record EventKey(Instant published, Map<String, Double> features) {

    /**
     * Marks (weight 0) what the item is about: {@code head:act:…} the acts of its headline and lead
     * sentence, {@code head:n:…} the numbers of its headline.
     */
    static final String HEAD = "head:";
    /** Marks a key built with the head marks; keys stored before them are not compared by event. */
    static final String VERSION = "key:v2";

    public EventKey {
        features = Map.copyOf(features);
    }

    /** The features that single out an event (places, named things, numbers, claimants), for a candidate lookup. */
    public Set<String> anchors() {
        return features.keySet().stream().filter(EventKey::isAnchor).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Built with the head marks (see {@link #VERSION}). */
    boolean current() {
        return features.containsKey(VERSION);
    }

    /** The features of one kind ({@code act:}, {@code n:}, {@code head:act:}, {@code head:n:}). */
    Set<String> kind(String prefix) {
        return features.keySet().stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length()))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    double weight() {
        return features.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    static boolean isAnchor(String feature) {
        return feature.startsWith("n:") || feature.startsWith("place:") || feature.startsWith("claimant:")
                || (feature.startsWith("entity:") && !EventKeys.commonEntity(feature));
    }

    /** The features as stored text, sorted: {@code feature=weight} joined by spaces. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(features).forEach((f, w) -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(f.replace(' ', '_')).append('=').append(w);
        });
        return out.toString();
    }

    /** The inverse of {@link #encode()}; unreadable parts are skipped. */
    public static EventKey decode(Instant published, String encoded) {
        Map<String, Double> features = new TreeMap<>();
        if (encoded != null) {
            for (String part : encoded.split(" ")) {
                int eq = part.lastIndexOf('=');
                if (eq > 0) {
                    try {
                        features.put(part.substring(0, eq).replace('_', ' '), Double.parseDouble(part.substring(eq + 1)));
                    } catch (NumberFormatException e) {
                        // a damaged part says nothing; the rest of the key still counts
                    }
                }
            }
        }
        return new EventKey(published, features);
    }
}
