package org.panelwatch.analysis.api;

/** The body of POST /api/v1/analyze; only body is required. */
public record AnalyzeRequest(String title, String body, String lang) {
}
