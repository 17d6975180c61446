package org.panelwatch.analysis.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.StoredEvidence;
import org.panelwatch.common.event.NewsItemEvent;

/** Incoming events and the engine's findings to the stored rows. */
public final class AnalysisMapper {

    private AnalysisMapper() {
    }

    public static NewsItem toItem(NewsItemEvent event, Instant now) {
        NewsItem item = new NewsItem();
        item.id = UUID.fromString(event.id());
        item.url = event.url();
        item.title = event.title();
        item.body = event.text();
        item.published = event.published();
        item.source = event.source();
        item.lang = event.lang();
        item.externalId = event.externalId();
        item.ingestedAt = event.ingestedAt() != null ? event.ingestedAt() : now;
        item.sortAt = item.published != null ? item.published : item.ingestedAt;
        return item;
    }

    public static List<ItemTopic> toTopics(NewsItem item, Analysis analysis) {
        return analysis.topics().stream().distinct().map(t -> {
            ItemTopic topic = new ItemTopic();
            topic.itemId = item.id;
            topic.topicId = t.id();
            topic.score = t.score();
            topic.evidence = evidence(t.evidence());
            topic.sortAt = item.sortAt;
            return topic;
        }).collect(java.util.stream.Collectors.toMap(t -> t.topicId, t -> t, (a, b) -> a.score >= b.score ? a : b,
                java.util.LinkedHashMap::new)).values().stream().toList();
    }

    public static List<ItemEntity> toEntities(NewsItem item, Analysis analysis) {
        return analysis.entities().stream().map(e -> {
            ItemEntity entity = new ItemEntity();
            entity.id = UUID.randomUUID();
            entity.itemId = item.id;
            entity.type = e.type();
            entity.name = e.name();
            entity.unReference = e.unReference();
            entity.entityId = entityId(e.type(), e.name(), e.unReference());
            entity.sortAt = item.sortAt;
            entity.field = e.field();
            entity.start = e.start();
            entity.end = e.end();
            return entity;
        }).toList();
    }

    /**
     * The id an entity has in the read API: its UN reference (KPe.020) when it is listed, else its type and
     * name as a lower-case slug (vessel-angara-russian-flagged-cargo-ship-imo-9179842). The same rule as
     * the migration that filled the column for items stored before it.
     */
    public static String entityId(String type, String name, String unReference) {
        if (unReference != null && !unReference.isBlank()) {
            return unReference.strip();
        }
        String slug = (type + "-" + name).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{Alnum}]+", "-");
        return slug.replaceAll("^-+|-+$", "");
    }

    public static Signal toSignal(NewsItem item, Analysis.SignalMatch match, Instant now) {
        Signal signal = new Signal();
        signal.id = UUID.randomUUID();
        signal.itemId = item.id;
        signal.type = match.type();
        signal.score = match.score();
        signal.severity = match.severity();
        signal.evidence = match.findings().isEmpty() ? evidence(match.evidence())
                : match.findings().stream().map(f -> new StoredEvidence(f.evidence().text(), f.evidence().field(),
                        f.evidence().start(), f.evidence().end(), f.act(), f.direction(), f.actors())).toList();
        signal.storyId = item.storyId;
        signal.sortAt = item.sortAt;
        signal.detectedAt = now;
        return signal;
    }

    public static List<StoredEvidence> evidence(List<Analysis.Evidence> evidence) {
        return evidence == null ? List.of()
                : evidence.stream().map(e -> new StoredEvidence(e.text(), e.field(), e.start(), e.end())).toList();
    }
}
