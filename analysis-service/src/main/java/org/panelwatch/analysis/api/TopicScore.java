package org.panelwatch.analysis.api;

public record TopicScore(String id, double score) {
}
