package org.panelwatch.analysis.repository;

/** A passage as stored in the evidence JSON columns: its text and character offsets in {@code field}. */
public record StoredEvidence(String text, String field, int start, int end) {
}
