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

    /** {@code severity} is one of {@code low}, {@code medium}, {@code high}. */
    public record SignalMatch(String type, double score, String severity, List<Evidence> evidence) {
    }

    public record Evidence(String text, String field, int start, int end) {
    }
}
