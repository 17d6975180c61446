package org.panelwatch.analysis.engine.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.panelwatch.analysis.engine.data.SignalDefinition;

/**
 * Evaluates a {@link SignalDefinition} over the sentences of one item: an act (all its concepts) in a
 * sentence with every party in that sentence weighs {@code strength × sameSentence}; with the parties
 * completed from the neighbouring sentences or the title it weighs {@code strength × windowed}.
 * A generic phrase ("military ties") is deliberately not an act in the bundled catalogue, so it can
 * only count together with something concrete.
 */
final class SignalDetector {

    /** One evidence sentence and its weight. */
    record Finding(int sentence, double weight) {
    }

    /** The score and the evidence sentences, strongest first; null when nothing fired. */
    record Result(double score, String severity, List<Finding> findings) {
    }

    private final SignalDefinition definition;

    SignalDetector(SignalDefinition definition) {
        this.definition = definition;
    }

    SignalDefinition definition() {
        return definition;
    }

    /**
     * @param present  per sentence, the concept names found in it
     * @param titleEnd sentences below this index belong to the title
     */
    Result detect(List<Set<String>> present, int titleEnd) {
        List<Finding> findings = new ArrayList<>();
        for (int s = 0; s < present.size(); s++) {
            Set<String> here = present.get(s);
            double best = 0;
            for (SignalDefinition.Act act : definition.acts()) {
                if (!here.containsAll(act.concepts())) {
                    continue;
                }
                double weight;
                if (here.containsAll(definition.parties())) {
                    weight = act.strength() * definition.sameSentence();
                } else if (partiesNearby(present, s, titleEnd)) {
                    weight = act.strength() * definition.windowed();
                } else {
                    continue;
                }
                best = Math.max(best, weight);
            }
            if (best > 0) {
                findings.add(new Finding(s, best));
            }
        }
        if (findings.isEmpty()) {
            return null;
        }
        double miss = 1;
        for (Finding f : findings) {
            miss *= 1 - Math.min(1, f.weight());
        }
        double score = Math.round((1 - miss) * 1000) / 1000.0;
        if (score < definition.minScore()) {
            return null;
        }
        String severity = score >= definition.high() ? "high" : score >= definition.medium() ? "medium" : "low";
        findings.sort(Comparator.comparingDouble(Finding::weight).reversed().thenComparingInt(Finding::sentence));
        return new Result(score, severity, findings);
    }

    private boolean partiesNearby(List<Set<String>> present, int s, int titleEnd) {
        for (String party : definition.parties()) {
            boolean found = false;
            int from = Math.max(0, s - definition.window());
            int to = Math.min(present.size() - 1, s + definition.window());
            for (int i = from; i <= to && !found; i++) {
                found = present.get(i).contains(party);
            }
            for (int i = 0; i < titleEnd && !found; i++) {
                found = present.get(i).contains(party);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
