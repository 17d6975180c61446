package org.panelwatch.analysis.api;

import java.util.List;

/** A UN Security Council resolution, the operative paragraphs a topic rests on, and what they do. */
public record ResolutionRef(String resolution, List<String> paragraphs, String summary) {
}
