package org.panelwatch.analysis.api;

import java.util.List;

/** What POST /api/v1/analyze answers: what an ingested item with this text would get. */
public record AnalysisResult(List<TopicTag> topics, List<EntityMention> entities, List<SignalFinding> signals) {
}
