package org.panelwatch.analysis.api;

import java.util.List;

/** A topic of an item with the resolutions and paragraphs it rests on and its evidence. */
public record TopicTag(String id, String name, double score, List<ResolutionRef> resolutions, List<Evidence> evidence) {
}
