package org.panelwatch.analysis.repository;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A passage as stored in the evidence JSON columns: its text and character offsets in {@code field}. A
 * signal's passages also keep what made them count ({@code act}, {@code direction}, {@code actors}, see
 * the engine's {@code Analysis.SignalFinding}); a topic's leave them out. Rows stored before these fields
 * existed read them as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredEvidence(String text, String field, int start, int end, String act, String direction,
                             List<String> actors) {

    public StoredEvidence(String text, String field, int start, int end) {
        this(text, field, start, end, null, null, null);
    }
}
