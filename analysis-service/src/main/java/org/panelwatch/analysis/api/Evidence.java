package org.panelwatch.analysis.api;

/** A passage that carries a tag or signal: its text and character offsets in the item's {@code field} (title or body). */
public record Evidence(String text, String field, int start, int end) {
}
