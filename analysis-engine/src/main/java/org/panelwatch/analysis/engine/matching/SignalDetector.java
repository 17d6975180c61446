package org.panelwatch.analysis.engine.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.panelwatch.analysis.engine.data.SignalDefinition;

/**
 * Evaluates a {@link SignalDefinition} over the sentences of one item: an act (all its concepts) in a
 * sentence with every party in that sentence weighs {@code strength × sameSentence}; with the parties
 * completed from the neighbouring sentences or the title it weighs {@code strength × windowed}.
 * A generic phrase ("military ties") is deliberately not an act in the bundled catalogue, so it can
 * only count together with something concrete.
 */
final class SignalDetector {

    /**
     * One evidence sentence: its weight, the act that made it (the strongest one in the sentence), the
     * direction its words say (or the act's own), and the sentences where the parties were named.
     */
    record Finding(int sentence, double weight, String act, String direction, Set<Integer> partySentences) {
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
            Finding best = null;
            for (SignalDefinition.Act act : definition.acts()) {
                if (!here.containsAll(act.concepts()) || (act.unless() != null && here.contains(act.unless()))
                        || (act.lead() > 0 && s >= titleEnd + act.lead())) {
                    continue;
                }
                double weight;
                Set<Integer> partySentences;
                if (here.containsAll(definition.parties())) {
                    weight = act.strength() * definition.sameSentence();
                    partySentences = Set.of(s);
                } else if (definition.others() != null && here.contains(definition.others())) {
                    continue;   // a third state's act (allied drills, Russia-China ties): the neighbours do not make it theirs
                } else {
                    partySentences = partiesNearby(present, s, titleEnd);
                    if (partySentences == null) {
                        continue;
                    }
                    weight = act.strength() * definition.windowed();
                }
                if (best == null || weight > best.weight()) {
                    best = new Finding(s, weight, act.id(), direction(here, act), partySentences);
                }
            }
            if (best != null) {
                findings.add(best);
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

    /** The direction whose cue words are in the sentence; both when both are; else the act's own. */
    private String direction(Set<String> here, SignalDefinition.Act act) {
        String found = null;
        for (Map.Entry<String, String> cue : definition.directions().entrySet()) {
            if (here.contains(cue.getValue())) {
                found = found == null ? cue.getKey() : SignalDefinition.BOTH;
            }
        }
        return found != null ? found : act.direction();
    }

    /** The sentences (neighbours, title) that name each party, or null when a party is not near. */
    private Set<Integer> partiesNearby(List<Set<String>> present, int s, int titleEnd) {
        Set<Integer> where = new TreeSet<>();
        for (String party : definition.parties()) {
            Integer found = present.get(s).contains(party) ? s : null;
            int from = Math.max(0, s - definition.window());
            int to = Math.min(present.size() - 1, s + definition.window());
            for (int i = from; i <= to && found == null; i++) {
                found = present.get(i).contains(party) ? i : null;
            }
            for (int i = 0; i < titleEnd && found == null; i++) {
                found = present.get(i).contains(party) ? i : null;
            }
            if (found == null) {
                return null;
            }
            where.add(found);
        }
        return where;
    }
}
