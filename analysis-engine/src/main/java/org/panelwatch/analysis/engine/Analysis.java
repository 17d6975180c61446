package org.panelwatch.analysis.engine;

import java.util.List;

/**
 * What the engine finds in one item. Offsets are character offsets into the named field
 * ({@code title} or {@code body}) of the text that was analysed.
 */
public record Analysis(List<TopicMatch> topics, List<EntityMatch> entities, List<SignalMatch> signals) {

    public record TopicMatch(String id, double score, List<Evidence> evidence) {
    }

    /** {@code unReference}: the UN consolidated-list reference (KPi.nnn / KPe.nnn) of a listed individual or entity. */
    public record EntityMatch(String type, String name, String unReference, String field, int start, int end) {
    }

    /**
     * {@code severity} is one of {@code low}, {@code medium}, {@code high}. {@code evidence}: the
     * sentences that carry it, strongest first; {@code findings}: for each of them (same order) what made
     * it count.
     */
    public record SignalMatch(String type, double score, String severity, List<Evidence> evidence,
                              List<SignalFinding> findings) {

        public SignalMatch {
            evidence = List.copyOf(evidence);
            findings = findings == null ? List.of() : List.copyOf(findings);
        }

        /** A signal without its explanation (engines that do not explain). */
        public SignalMatch(String type, double score, String severity, List<Evidence> evidence) {
            this(type, score, severity, evidence, List.of());
        }
    }

    /**
     * Why one evidence sentence counts: {@code act} the catalogue's act id ({@code materiel-moved},
     * {@code troops}, {@code joint-exercises}, {@code military-technology}, {@code defence-treaty},
     * {@code defence-chiefs-on-military-ties}, {@code defence-chiefs-visit}); {@code direction} {@code dprk-to-russia},
     * {@code russia-to-dprk}, {@code both}, {@code mutual} or {@code unspecified}; {@code actors} the
     * names of the parties found in the sentence (or in the neighbouring sentence or title that completed
     * it), Russia's side first; {@code sameSentence} false when a party came from a neighbour or the title.
     */
    public record SignalFinding(String act, String direction, List<String> actors, boolean sameSentence,
                                Evidence evidence) {
        public SignalFinding {
            actors = List.copyOf(actors);
        }
    }

    public record Evidence(String text, String field, int start, int end) {
    }
}
