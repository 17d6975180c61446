package org.panelwatch.analysis.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.panelwatch.analysis.api.AnalysisResult;
import org.panelwatch.analysis.api.EntityMention;
import org.panelwatch.analysis.api.Evidence;
import org.panelwatch.analysis.api.ItemDetail;
import org.panelwatch.analysis.api.ItemSummary;
import org.panelwatch.analysis.api.ResolutionRef;
import org.panelwatch.analysis.api.SignalEntry;
import org.panelwatch.analysis.api.SignalFinding;
import org.panelwatch.analysis.api.SignalSummary;
import org.panelwatch.analysis.api.StoryDetail;
import org.panelwatch.analysis.api.TopicScore;
import org.panelwatch.analysis.api.TopicTag;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemQueries;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.StoredEvidence;
import org.panelwatch.analysis.repository.Story;
import org.panelwatch.analysis.service.TopicCatalogue;

/** Stored rows and fresh analyses to the read API's answers; topics get their name and resolutions. */
@ApplicationScoped
public class ApiMapper {

    private final TopicCatalogue catalogue;

    public ApiMapper(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public ItemDetail detail(NewsItem item, List<ItemTopic> topics, List<ItemEntity> entities, List<Signal> signals) {
        return new ItemDetail(item.id, item.title, item.url, item.source, item.published, item.ingestedAt, item.lang,
                item.body, item.storyId, item.duplicateOf,
                topics.stream().map(t -> topic(t.topicId, t.score, stored(t.evidence))).toList(),
                entities.stream().map(e -> new EntityMention(e.type, e.name, e.unReference, e.field, e.start, e.end))
                        .toList(),
                signals.stream().map(s -> new SignalFinding(s.id, s.type, s.score, s.severity, s.firstInStory,
                        s.detectedAt, stored(s.evidence))).toList());
    }

    public StoryDetail story(Story story, List<ItemSummary> items) {
        return new StoryDetail(story.id, story.firstItemId, story.createdAt, story.signalled, items);
    }

    public ItemSummary summary(ItemQueries.ItemRow row, List<ItemQueries.TopicRow> topics,
            List<ItemQueries.SignalRow> signals) {
        return new ItemSummary(row.id(), row.title(), row.url(), row.source(), row.published(), row.ingestedAt(),
                row.lang(), row.storyId(), row.duplicateOf(),
                topics.stream().map(t -> new TopicScore(t.topicId(), t.score())).toList(),
                signals.stream().map(s -> new SignalSummary(s.type(), s.score(), s.severity())).toList());
    }

    /** A signal of the list, with its item's topics. */
    public SignalEntry signal(ItemQueries.SignalRow s, List<ItemQueries.TopicRow> itemTopics, ItemQueries.VerdictRow verdicts) {
        return new SignalEntry(s.id(), s.type(), s.score(), s.severity(), s.firstInStory(), s.detectedAt(), s.itemId(),
                s.storyId(), s.title(), s.url(), s.source(), s.published(), s.lang(), stored(s.evidence()),
                itemTopics.stream().map(t -> new TopicScore(t.topicId(), t.score())).toList(),
                verdicts == null ? SignalEntry.Verdicts.NONE
                        : new SignalEntry.Verdicts(verdicts.confirmed(), verdicts.falseAlarms(), verdicts.latest()));
    }

    public AnalysisResult analysis(Analysis analysis) {
        return new AnalysisResult(
                analysis.topics().stream().map(t -> topic(t.id(), t.score(), found(t.evidence()))).toList(),
                analysis.entities().stream()
                        .map(e -> new EntityMention(e.type(), e.name(), e.unReference(), e.field(), e.start(), e.end()))
                        .toList(),
                analysis.signals().stream().map(s -> new SignalFinding(null, s.type(), s.score(), s.severity(), null,
                        null, s.findings().isEmpty() ? found(s.evidence()) : s.findings().stream()
                                .map(f -> new Evidence(f.evidence().text(), f.evidence().field(), f.evidence().start(),
                                        f.evidence().end(), f.act(), f.direction(), f.actors())).toList())).toList());
    }

    public TopicTag topic(String id, double score, List<Evidence> evidence) {
        return new TopicTag(id, catalogue.name(id), score, catalogue.resolutions(id).stream()
                .map(r -> new ResolutionRef(r.number(), r.paragraphs(), r.summary())).toList(), evidence);
    }

    public static List<Evidence> stored(List<StoredEvidence> evidence) {
        return evidence == null ? List.of()
                : evidence.stream().map(e -> new Evidence(e.text(), e.field(), e.start(), e.end(), e.act(), e.direction(),
                        e.actors())).toList();
    }

    private static List<Evidence> found(List<Analysis.Evidence> evidence) {
        return evidence == null ? List.of()
                : evidence.stream().map(e -> new Evidence(e.text(), e.field(), e.start(), e.end())).toList();
    }
}
