package org.panelwatch.analysis.engine.data;

import java.util.List;

/**
 * A signal as the catalogue defines it: every party concept and one act (all of its concepts) in the
 * same sentence, or the act in a sentence and the parties within {@code window} sentences of it (or in
 * the title). Each evidence sentence weighs {@code act.strength × sameSentence|windowed}; the score is
 * {@code 1 − Π(1 − weight)}.
 */
public record SignalDefinition(String type, List<String> parties, List<Act> acts, int window,
                               double sameSentence, double windowed, double minScore,
                               double medium, double high) {
    public SignalDefinition {
        parties = List.copyOf(parties);
        acts = List.copyOf(acts);
    }

    public record Act(String id, double strength, List<String> concepts) {
        public Act {
            concepts = List.copyOf(concepts);
        }
    }
}
