package org.panelwatch.analysis.service;

import static jakarta.transaction.Transactional.TxType.SUPPORTS;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.panelwatch.analysis.api.ItemDetail;
import org.panelwatch.analysis.api.ItemListQuery;
import org.panelwatch.analysis.api.ItemSummary;
import org.panelwatch.analysis.api.OverviewStats;
import org.panelwatch.analysis.api.Page;
import org.panelwatch.analysis.api.SignalEntry;
import org.panelwatch.analysis.api.SignalListQuery;
import org.panelwatch.analysis.api.StoryDetail;
import org.panelwatch.analysis.api.TopicStats;
import org.panelwatch.analysis.mapping.ApiMapper;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemQueries;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.Story;
import org.panelwatch.common.problem.ProblemException;

/** The read API's decisions: which parameters are valid, what a page holds, where the next one starts. */
@ApplicationScoped
@Transactional(SUPPORTS)
public class ReadService {

    private static final int MAX_TOPICS = 20;
    private static final int MAX_QUERY_LENGTH = 500;
    private static final int MAX_STORY_ITEMS = 1000;
    private static final long MAX_HOUR_BUCKETS = 24L * 92;
    private static final long MAX_DAY_BUCKETS = 366L * 10;

    private final ItemQueries queries;
    private final TopicCatalogue catalogue;
    private final ApiMapper mapper;

    private final org.panelwatch.analysis.config.CurrentEngine engine;

    public ReadService(ItemQueries queries, TopicCatalogue catalogue, ApiMapper mapper,
            org.panelwatch.analysis.config.CurrentEngine engine) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.engine = engine;
    }

    /**
     * An entity and the items that mention it. A UN reference that no item mentions yet is still
     * answered, from the UN list in use, with no items; any other unknown id is 404.
     */
    public org.panelwatch.analysis.api.EntityDetail entity(String id, String limit, String cursor) {
        Params p = new Params();
        int size = p.limit(limit);
        p.check();
        ItemQueries.Key after = Cursor.decode(cursor);
        String entityId = id == null ? "" : id.strip();
        ItemQueries.EntityRow entity = queries.entity(entityId)
                .or(() -> engine.unListedName(entityId).map(name -> new ItemQueries.EntityRow(entityId,
                        entityId.startsWith("KPi.") ? "un-individual" : "un-entity", name, entityId)))
                .orElseThrow(() -> ProblemException.notFound("No entity " + id));
        List<ItemQueries.ItemRow> rows = queries.entityItems(entityId, after, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ItemQueries.ItemRow last = rows.get(size - 1);
            next = Cursor.encode(new ItemQueries.Key(last.sortAt(), last.id()));
        }
        String listDate = entity.unReference() == null ? null : engine.unList().dateGenerated();
        return new org.panelwatch.analysis.api.EntityDetail(entity.entityId(), entity.type(), entity.name(),
                entity.unReference(), listDate, summaries(rows), next);
    }

    public Page<ItemSummary> items(ItemListQuery query) {
        Params p = new Params();
        List<String> topics = new ArrayList<>();
        if (query.topic() != null && !query.topic().isBlank()) {
            for (String t : query.topic().split(",")) {
                String id = p.id("topic", t);
                if (id != null && catalogue.find(id).isEmpty()) {
                    p.fail("topic", "'" + id + "' is not a topic of the catalogue (GET /api/v1/topics)");
                } else if (id != null && !topics.contains(id)) {
                    topics.add(id);
                }
            }
            if (topics.size() > MAX_TOPICS) {
                p.fail("topic", "at most " + MAX_TOPICS + " topics");
            }
        }
        String signalType = p.id("signal", query.signal());
        Instant from = Params.instant("since", query.since());
        Instant to = Params.instant("until", query.until());
        if (from != null && to != null && !from.isBefore(to)) {
            p.fail("until", "must be after since");
        }
        String words = query.q() == null || query.q().isBlank() ? null : query.q().trim();
        if (words != null && words.length() > MAX_QUERY_LENGTH) {
            p.fail("q", "at most " + MAX_QUERY_LENGTH + " characters");
        }
        String language = p.lang(query.lang());
        int size = p.limit(query.limit());
        p.check();
        ItemQueries.Key after = Cursor.decode(query.cursor());

        List<ItemQueries.ItemRow> rows = queries.items(
                new ItemQueries.ItemFilter(topics, signalType, from, to, words, language, after, size + 1));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ItemQueries.ItemRow last = rows.get(size - 1);
            next = Cursor.encode(new ItemQueries.Key(last.sortAt(), last.id()));
        }
        return new Page<>(summaries(rows), next);
    }

    public ItemDetail item(String id) {
        UUID uuid = uuid(id, "item");
        NewsItem item = NewsItem.findById(uuid);
        if (item == null) {
            throw ProblemException.notFound("No item " + id);
        }
        List<ItemTopic> topics = ItemTopic.list("itemId = ?1 order by score desc, topicId", uuid);
        List<ItemEntity> entities = ItemEntity.list("itemId = ?1 order by field desc, start", uuid);
        List<Signal> signals = Signal.list("itemId = ?1 order by score desc", uuid);
        return mapper.detail(item, topics, entities, signals);
    }

    public StoryDetail story(String id) {
        UUID uuid = uuid(id, "story");
        Story story = Story.findById(uuid);
        if (story == null) {
            throw ProblemException.notFound("No story " + id);
        }
        return mapper.story(story, summaries(queries.storyItems(uuid, MAX_STORY_ITEMS)));
    }

    /** Signals newest first; every filter optional (severity low|medium|high, source the outlet's exact name). */
    public Page<SignalEntry> signals(SignalListQuery query) {
        String type = query.type();
        String since = query.since();
        String until = query.until();
        String minScore = query.minScore();
        String severity = query.severity();
        String lang = query.lang();
        String source = query.source();
        String topic = query.topic();
        String q = query.q();
        String limit = query.limit();
        String cursor = query.cursor();
        Params p = new Params();
        String signalType = p.id("type", type);
        Instant from = Params.instant("since", since);
        Instant to = Params.instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            p.fail("until", "must be after since");
        }
        Double min = p.fraction("minScore", minScore);
        String level = severity == null || severity.isBlank() ? null : severity.trim();
        if (level != null && !List.of("low", "medium", "high").contains(level)) {
            p.fail("severity", "must be low, medium or high");
        }
        String language = p.lang(lang);
        String outlet = source == null || source.isBlank() ? null : source.trim();
        if (outlet != null && outlet.length() > 200) {
            p.fail("source", "at most 200 characters");
        }
        List<String> topics = new ArrayList<>();
        if (topic != null && !topic.isBlank()) {
            for (String t : topic.split(",")) {
                String id = p.id("topic", t);
                if (id != null && catalogue.find(id).isEmpty()) {
                    p.fail("topic", "'" + id + "' is not a topic of the catalogue (GET /api/v1/topics)");
                } else if (id != null && !topics.contains(id)) {
                    topics.add(id);
                }
            }
            if (topics.size() > MAX_TOPICS) {
                p.fail("topic", "at most " + MAX_TOPICS + " topics");
            }
        }
        String words = q == null || q.isBlank() ? null : q.trim();
        if (words != null && words.length() > MAX_QUERY_LENGTH) {
            p.fail("q", "at most " + MAX_QUERY_LENGTH + " characters");
        }
        int size = p.limit(limit);
        p.check();
        ItemQueries.Key after = Cursor.decode(cursor);
        List<ItemQueries.SignalRow> rows = queries.signals(new ItemQueries.SignalQuery(signalType, from, to, min, level,
                language, outlet, topics, words, after, size + 1));
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            ItemQueries.SignalRow last = rows.get(size - 1);
            next = Cursor.encode(new ItemQueries.Key(last.sortAt(), last.id()));
        }
        List<UUID> itemIds = rows.stream().map(ItemQueries.SignalRow::itemId).toList();
        Map<UUID, List<ItemQueries.TopicRow>> itemTopics = queries.topicsOf(itemIds);
        Map<UUID, ItemQueries.VerdictRow> verdicts = queries.verdictsOf(itemIds);
        return new Page<>(rows.stream().map(s -> mapper.signal(s, itemTopics.getOrDefault(s.itemId(), List.of()),
                verdicts.get(s.itemId()))).toList(), next);
    }

    public TopicStats topicStats(String since, String until, String bucket) {
        Params p = new Params();
        String unit = bucket == null || bucket.isBlank() ? "day" : bucket.trim();
        if (!List.of("hour", "day").contains(unit)) {
            p.fail("bucket", "must be hour or day");
        }
        Instant to = Params.instant("until", until);
        Instant from = Params.instant("since", since);
        if (to == null) {
            to = Instant.now();
        }
        if (from == null) {
            from = to.minus("hour".equals(unit) ? Duration.ofHours(48) : Duration.ofDays(30));
        }
        if (!from.isBefore(to)) {
            p.fail("until", "must be after since");
        } else {
            long buckets = "hour".equals(unit) ? Duration.between(from, to).toHours() : Duration.between(from, to).toDays();
            long max = "hour".equals(unit) ? MAX_HOUR_BUCKETS : MAX_DAY_BUCKETS;
            if (buckets > max) {
                p.fail("since", "at most " + max + " " + unit + " buckets; narrow since/until or use a larger bucket");
            }
        }
        p.check();
        Map<String, List<TopicStats.Bucket>> series = new LinkedHashMap<>();
        for (ItemQueries.BucketRow row : queries.topicBuckets(unit, from, to)) {
            series.computeIfAbsent(row.topicId(), k -> new ArrayList<>()).add(new TopicStats.Bucket(row.start(), row.count()));
        }
        return new TopicStats(unit, from, to, series.entrySet().stream()
                .map(e -> new TopicStats.Series(e.getKey(),
                        e.getValue().stream().mapToLong(TopicStats.Bucket::count).sum(), e.getValue()))
                .toList());
    }

    /** The overview's extras for [since, until): default the last 30 days, at most 400 days. */
    public OverviewStats overview(String since, String until) {
        Params p = new Params();
        Instant to = Params.instant("until", until);
        Instant from = Params.instant("since", since);
        if (to == null) {
            to = Instant.now();
        }
        if (from == null) {
            from = to.minus(Duration.ofDays(30));
        }
        if (!from.isBefore(to)) {
            p.fail("until", "must be after since");
        } else if (Duration.between(from, to).toDays() > 400) {
            p.fail("since", "at most 400 days");
        }
        p.check();
        return new OverviewStats(from, to,
                queries.topEntities(from, to, 20).stream()
                        .map(e -> new OverviewStats.EntityCount(e.type(), e.name(), e.unReference(), e.items())).toList(),
                queries.feedbackPerWeek(FeedbackService.SIGNAL_TYPE, from, to).stream()
                        .map(w -> new OverviewStats.WeekFeedback(w.weekStart(), w.signals(), w.confirmed(), w.falseAlarms()))
                        .toList());
    }

    private List<ItemSummary> summaries(List<ItemQueries.ItemRow> rows) {
        List<UUID> ids = rows.stream().map(ItemQueries.ItemRow::id).toList();
        Map<UUID, List<ItemQueries.TopicRow>> topics = queries.topicsOf(ids);
        Map<UUID, List<ItemQueries.SignalRow>> signals = queries.signalsOf(ids);
        return rows.stream().map(r -> mapper.summary(r, topics.getOrDefault(r.id(), List.of()),
                signals.getOrDefault(r.id(), List.of()))).toList();
    }

    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // An id that cannot exist is unknown, not malformed: the contract answers unknown ids with 404.
            throw ProblemException.notFound("No " + what + " " + id);
        }
    }

}
