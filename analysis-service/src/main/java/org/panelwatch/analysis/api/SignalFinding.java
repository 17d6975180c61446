package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signal of an item. id and detectedAt are absent from POST /analyze answers (nothing is stored);
 * firstInStory: this is the signal its story published on panelwatch.signals.
 */
public record SignalFinding(UUID id, String type, double score, String severity, Boolean firstInStory,
        Instant detectedAt, List<Evidence> evidence) {
}
