package org.panelwatch.analysis.engine.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A signal as the catalogue defines it: every party concept and one act (all of its concepts) in the
 * same sentence, or the act in a sentence and the parties within {@code window} sentences of it (or in
 * the title). Each evidence sentence weighs {@code act.strength × sameSentence|windowed}; the score is
 * {@code 1 − Π(1 − weight)}.
 *
 * <p>{@code directions} maps a direction ({@code dprk-to-russia}, {@code russia-to-dprk}) to the concept
 * whose words in the evidence sentence say it ("to Russia", "North Korean-made"); an act's own
 * {@code others} (a concept, may be null): third states; an act whose sentence names one of them and not both
 * parties is theirs (allied drills, Russia's ties with China), so the neighbouring sentences do not complete it.
 * {@code direction} is used when no cue is present (troops go from the DPRK to Russia; a treaty is mutual).
 * An act's {@code topic} is tagged whenever the act is found: a Russia–DPRK munitions transfer is an arms
 * transfer, a troop deployment military cooperation, by the contract's definitions.
 */
public record SignalDefinition(String type, List<String> parties, List<Act> acts, int window,
                               double sameSentence, double windowed, double minScore,
                               double medium, double high, Map<String, String> directions, String others) {

    public static final String UNSPECIFIED = "unspecified";
    public static final String BOTH = "both";

    public SignalDefinition {
        parties = List.copyOf(parties);
        acts = List.copyOf(acts);
        directions = directions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(directions));
    }

    /**
     * {@code topic}: the contract topic the act is an instance of (tagged with the act's sentences as evidence), or null.
     * {@code unless}: a concept (may be null) whose words in the sentence make the act not this pair's even when both
     * parties are named there: a defence minister's visit is Russia's and the DPRK's only when no third state's
     * minister is the one visiting ("Seoul's defence minister met his US counterpart over Russia–DPRK ties").
     * {@code lead}: when above 0, the act counts only in the title or the first {@code lead} body sentences: a visit
     * is the news when the item leads with it, a visit recalled further down is background.
     */
    public record Act(String id, double strength, List<String> concepts, String direction, String topic, String unless,
                      int lead) {
        public Act {
            concepts = List.copyOf(concepts);
            direction = direction == null ? UNSPECIFIED : direction;
        }

        public Act(String id, double strength, List<String> concepts, String direction, String topic) {
            this(id, strength, concepts, direction, topic, null, 0);
        }
    }
}
