package org.panelwatch.analysis.api;

public record SignalSummary(String type, double score, String severity) {
}
