package org.panelwatch.analysis.service;

import java.util.List;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;

/** An item the batch stored, what the engine found, and the signals to publish (first of their story). */
public record StoredItem(NewsItem item, Analysis analysis, List<Signal> signalsToPublish) {
}
