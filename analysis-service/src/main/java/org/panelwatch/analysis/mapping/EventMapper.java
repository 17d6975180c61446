package org.panelwatch.analysis.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.StoredEvidence;
import org.panelwatch.analysis.service.TopicCatalogue;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.common.event.TaggedItemEvent;

/** Stored items and signals to the events of panelwatch.news.tagged and panelwatch.signals. */
@ApplicationScoped
public class EventMapper {

    private final TopicCatalogue catalogue;

    public EventMapper(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public TaggedItemEvent tagged(NewsItem item, Analysis analysis) {
        TaggedItemEvent.SignalSummary signal = analysis.signals().stream()
                .max(Comparator.comparingDouble(Analysis.SignalMatch::score))
                .map(s -> new TaggedItemEvent.SignalSummary(s.type(), s.score(), s.severity()))
                .orElse(null);
        return new TaggedItemEvent(TaggedItemEvent.SCHEMA_VERSION, item.id.toString(),
                analysis.topics().stream().map(t -> new TaggedItemEvent.TopicTag(t.id(), t.score())).toList(),
                analysis.entities().stream()
                        .map(e -> new TaggedItemEvent.EntityRef(e.type(), e.name(), e.unReference()))
                        .distinct().toList(),
                signal, str(item.storyId), str(item.duplicateOf));
    }

    /**
     * The event's evidence offsets are into {@code text}, the item's body; passages found in the
     * title are sent only when the body holds none, with offsets into the title.
     */
    public SignalEvent signal(NewsItem item, Analysis analysis, Signal signal) {
        List<StoredEvidence> body = signal.evidence.stream().filter(e -> !"title".equals(e.field())).toList();
        List<StoredEvidence> chosen = body.isEmpty() ? signal.evidence : body;
        return new SignalEvent(SignalEvent.SCHEMA_VERSION, signal.id.toString(), signal.type, signal.score,
                signal.severity, item.id.toString(), str(item.storyId), item.title, item.url, item.source,
                item.published, item.lang, item.body,
                analysis.topics().stream()
                        .map(t -> new SignalEvent.SignalTopic(t.id(), catalogue.name(t.id()), catalogue.resolutionLabels(t.id())))
                        .toList(),
                chosen.stream().map(e -> new SignalEvent.Evidence(e.text(), e.start(), e.end(), e.act(), e.direction(), e.actors())).toList(),
                signal.detectedAt, item.ingestedAt);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
