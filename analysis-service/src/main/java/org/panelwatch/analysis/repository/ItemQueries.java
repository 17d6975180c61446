package org.panelwatch.analysis.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read API's queries in SQL: every list is a keyset scan on (sort_at DESC, id DESC) that an
 * index serves (see V2__analysis.sql), and the tags of a page are fetched in one query per table.
 */
@ApplicationScoped
public class ItemQueries {

    /** A position in a list: the last row's sort time and id. */
    public record Key(Instant sortAt, UUID id) {
    }

    public record ItemFilter(List<String> topics, String signal, Instant since, Instant until, String q,
            String lang, Key after, int limit) {
    }

    /** The signal list's filters; null or empty means "any". */
    public record SignalQuery(String type, Instant since, Instant until, Double minScore, String severity, String lang,
            String source, List<String> topics, String q, Key after, int limit) {
    }

    public record ItemRow(UUID id, String title, String url, String source, Instant published, Instant ingestedAt,
            String lang, UUID storyId, UUID duplicateOf, Instant sortAt) {
    }

    public record TopicRow(String topicId, double score) {
    }

    public record SignalRow(UUID id, String type, double score, String severity, List<StoredEvidence> evidence,
            UUID itemId, UUID storyId, boolean firstInStory, Instant sortAt, Instant detectedAt, String title,
            String url, String source, Instant published, String lang) {
    }

    public record BucketRow(String topicId, Instant start, long count) {
    }

    private static final String ITEM_COLUMNS =
            "i.id, i.title, i.url, i.source, i.published, i.ingested_at, i.lang, i.story_id, i.duplicate_of, ";
    private static final TypeReference<List<StoredEvidence>> EVIDENCE = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;

    public ItemQueries(AgroalDataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    public List<ItemRow> items(ItemFilter f) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        String sort;
        String id;
        if (f.topics().size() == 1) {
            // One topic drives the scan through item_topic's own (topic_id, sort_at, item_id) index.
            sort = "t.sort_at";
            id = "t.item_id";
            sql.append("SELECT ").append(ITEM_COLUMNS).append("t.sort_at FROM analysis.item_topic t JOIN analysis.item i ON i.id = t.item_id")
                    .append(" WHERE t.topic_id = ?");
            params.add(f.topics().get(0));
        } else {
            sort = "i.sort_at";
            id = "i.id";
            sql.append("SELECT ").append(ITEM_COLUMNS).append("i.sort_at FROM analysis.item i WHERE true");
            if (!f.topics().isEmpty()) {
                sql.append(" AND EXISTS (SELECT 1 FROM analysis.item_topic t WHERE t.item_id = i.id AND t.topic_id = ANY (?))");
                params.add(f.topics().toArray(String[]::new));
            }
        }
        if (f.lang() != null) {
            sql.append(" AND i.lang = ?");
            params.add(f.lang());
        }
        if (f.since() != null) {
            sql.append(" AND ").append(sort).append(" >= ?");
            params.add(f.since());
        }
        if (f.until() != null) {
            sql.append(" AND ").append(sort).append(" < ?");
            params.add(f.until());
        }
        if (f.q() != null) {
            sql.append(" AND i.search @@ websearch_to_tsquery('simple', ?)");
            params.add(f.q());
        }
        if (f.signal() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM analysis.signal s WHERE s.item_id = i.id AND s.type = ?)");
            params.add(f.signal());
        }
        if (f.after() != null) {
            sql.append(" AND (").append(sort).append(", ").append(id).append(") < (?, ?)");
            params.add(f.after().sortAt());
            params.add(f.after().id());
        }
        sql.append(" ORDER BY ").append(sort).append(" DESC, ").append(id).append(" DESC LIMIT ?");
        params.add(f.limit());
        return query(sql.toString(), params, ItemQueries::itemRow);
    }

    /** What an entity is, from its latest mention: type, name and UN reference. */
    public record EntityRow(String entityId, String type, String name, String unReference) {
    }

    public java.util.Optional<EntityRow> entity(String entityId) {
        return query("""
                SELECT e.entity_id, e.type, e.name, e.un_reference FROM analysis.item_entity e
                WHERE e.entity_id = ? ORDER BY e.sort_at DESC, e.item_id DESC LIMIT 1""",
                List.of(entityId), rs -> new EntityRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .stream().findFirst();
    }

    /**
     * The items that mention an entity, newest first, keyset-paginated: walks item_entity's
     * (entity_id, sort_at, item_id) index. An item naming the entity twice is listed once.
     */
    public List<ItemRow> entityItems(String entityId, Key after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(ITEM_COLUMNS).append("""
                m.sort_at FROM (SELECT DISTINCT e.sort_at, e.item_id FROM analysis.item_entity e
                WHERE e.entity_id = ?""");
        List<Object> params = new ArrayList<>();
        params.add(entityId);
        if (after != null) {
            sql.append(" AND (e.sort_at, e.item_id) < (?, ?)");
            params.add(after.sortAt());
            params.add(after.id());
        }
        sql.append(" ORDER BY e.sort_at DESC, e.item_id DESC LIMIT ?) m JOIN analysis.item i ON i.id = m.item_id"
                + " ORDER BY m.sort_at DESC, m.item_id DESC");
        params.add(limit);
        return query(sql.toString(), params, ItemQueries::itemRow);
    }

    public List<ItemRow> storyItems(UUID storyId, int limit) {
        return query("SELECT " + ITEM_COLUMNS + "i.sort_at FROM analysis.item i WHERE i.story_id = ? ORDER BY i.stored_at, i.sort_at, i.id LIMIT ?",
                List.of(storyId, limit), ItemQueries::itemRow);
    }

    public Map<UUID, List<TopicRow>> topicsOf(Collection<UUID> items) {
        Map<UUID, List<TopicRow>> result = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return result;
        }
        query("SELECT item_id, topic_id, score FROM analysis.item_topic WHERE item_id = ANY (?) ORDER BY item_id, score DESC, topic_id",
                java.util.Collections.singletonList(items.toArray(UUID[]::new)), rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new TopicRow(rs.getString(2), rs.getDouble(3)));
                    return null;
                });
        return result;
    }

    /** Per item: its "confirmed" and "false-alarm" feedbacks, and the latest of the two. */
    public record VerdictRow(long confirmed, long falseAlarms, String latest) {
    }

    /** The verdicts of the given items' feedback; items without one are absent. */
    public Map<UUID, VerdictRow> verdictsOf(Collection<UUID> items) {
        Map<UUID, VerdictRow> result = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return result;
        }
        query("""
                SELECT item_id, count(*) FILTER (WHERE verdict = 'confirmed'), count(*) FILTER (WHERE verdict = 'false-alarm'),
                       (array_agg(verdict ORDER BY created_at DESC, id DESC))[1]
                FROM analysis.feedback WHERE item_id = ANY (?) AND verdict IN ('confirmed', 'false-alarm')
                GROUP BY item_id""", java.util.Collections.singletonList(items.toArray(UUID[]::new)), rs -> {
                    result.put(rs.getObject(1, UUID.class), new VerdictRow(rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    return null;
                });
        return result;
    }

    public Map<UUID, List<SignalRow>> signalsOf(Collection<UUID> items) {
        Map<UUID, List<SignalRow>> result = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return result;
        }
        signalQuery(" WHERE s.item_id = ANY (?) ORDER BY s.score DESC", java.util.Collections.singletonList(items.toArray(UUID[]::new)))
                .forEach(s -> result.computeIfAbsent(s.itemId(), k -> new ArrayList<>()).add(s));
        return result;
    }

    public List<SignalRow> signals(SignalQuery f) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (f.type() != null) {
            where.append(" AND s.type = ?");
            params.add(f.type());
        }
        if (f.since() != null) {
            where.append(" AND s.sort_at >= ?");
            params.add(f.since());
        }
        if (f.until() != null) {
            where.append(" AND s.sort_at < ?");
            params.add(f.until());
        }
        if (f.minScore() != null) {
            where.append(" AND s.score >= ?");
            params.add(f.minScore());
        }
        if (f.severity() != null) {
            where.append(" AND s.severity = ?");
            params.add(f.severity());
        }
        if (f.lang() != null) {
            where.append(" AND i.lang = ?");
            params.add(f.lang());
        }
        if (f.source() != null) {
            where.append(" AND i.source = ?");
            params.add(f.source());
        }
        if (!f.topics().isEmpty()) {
            where.append(" AND EXISTS (SELECT 1 FROM analysis.item_topic t WHERE t.item_id = s.item_id AND t.topic_id = ANY (?))");
            params.add(f.topics().toArray(String[]::new));
        }
        if (f.q() != null) {
            where.append(" AND i.search @@ websearch_to_tsquery('simple', ?)");
            params.add(f.q());
        }
        if (f.after() != null) {
            where.append(" AND (s.sort_at, s.id) < (?, ?)");
            params.add(f.after().sortAt());
            params.add(f.after().id());
        }
        where.append(" ORDER BY s.sort_at DESC, s.id DESC LIMIT ?");
        params.add(f.limit());
        return signalQuery(where.toString(), params);
    }

    public record EntityCountRow(String type, String name, String unReference, long items) {
    }

    public record WeekRow(Instant weekStart, long signals, long confirmed, long falseAlarms) {
    }

    /**
     * The entities named in the most items whose sort time is in [since, until). Countries are left
     * out: Russia and the DPRK are named in nearly every item and would say nothing.
     */
    public List<EntityCountRow> topEntities(Instant since, Instant until, int limit) {
        return query("""
                SELECT e.type, e.name, e.un_reference, count(DISTINCT e.item_id)
                FROM analysis.item_entity e JOIN analysis.item i ON i.id = e.item_id
                WHERE i.sort_at >= ? AND i.sort_at < ? AND e.type <> 'country'
                GROUP BY 1, 2, 3 ORDER BY 4 DESC, 2 LIMIT ?""", List.of(since, until, limit),
                rs -> new EntityCountRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    /** Per UTC week (Monday start): the signals of {@code type}, and how many the latest verdict confirmed or rejected. */
    public List<WeekRow> feedbackPerWeek(String type, Instant since, Instant until) {
        return query("""
                WITH latest AS (
                    SELECT DISTINCT ON (item_id) item_id, verdict FROM analysis.feedback
                    WHERE verdict IS NOT NULL ORDER BY item_id, created_at DESC, id DESC)
                SELECT date_trunc('week', s.sort_at AT TIME ZONE 'UTC'), count(*),
                       count(*) FILTER (WHERE l.verdict = 'confirmed'), count(*) FILTER (WHERE l.verdict = 'false-alarm')
                FROM analysis.signal s LEFT JOIN latest l ON l.item_id = s.item_id
                WHERE s.type = ? AND s.sort_at >= ? AND s.sort_at < ?
                GROUP BY 1 ORDER BY 1""", List.of(type, since, until),
                rs -> new WeekRow(rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4)));
    }

    /** Items per topic per bucket ('hour' or 'day', UTC) whose sort time is in [since, until). */
    public List<BucketRow> topicBuckets(String bucket, Instant since, Instant until) {
        return query("""
                SELECT topic_id, date_trunc(?, sort_at AT TIME ZONE 'UTC') AS bucket, count(*)
                FROM analysis.item_topic WHERE sort_at >= ? AND sort_at < ?
                GROUP BY 1, 2 ORDER BY 1, 2""", List.of(bucket, since, until),
                rs -> new BucketRow(rs.getString(1), rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        rs.getLong(3)));
    }

    private List<SignalRow> signalQuery(String where, List<Object> params) {
        return query("""
                SELECT s.id, s.type, s.score, s.severity, s.evidence::text, s.item_id, s.story_id, s.first_in_story,
                       s.sort_at, s.detected_at, i.title, i.url, i.source, i.published, i.lang
                FROM analysis.signal s JOIN analysis.item i ON i.id = s.item_id""" + where, params,
                rs -> new SignalRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getDouble(3), rs.getString(4),
                        evidence(rs.getString(5)), rs.getObject(6, UUID.class), rs.getObject(7, UUID.class),
                        rs.getBoolean(8), instant(rs, 9), instant(rs, 10), rs.getString(11), rs.getString(12),
                        rs.getString(13), instant(rs, 14), rs.getString(15)));
    }

    private List<StoredEvidence> evidence(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, EVIDENCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ItemRow itemRow(ResultSet rs) throws SQLException {
        return new ItemRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getObject(8, UUID.class),
                rs.getObject(9, UUID.class), instant(rs, 10));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> params, RowMapper<T> rowMapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                if (p instanceof Instant instant) {
                    st.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else if (p instanceof String[] strings) {
                    st.setArray(i + 1, c.createArrayOf("text", strings));
                } else if (p instanceof UUID[] uuids) {
                    st.setArray(i + 1, c.createArrayOf("uuid", uuids));
                } else {
                    st.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    T row = rowMapper.map(rs);
                    if (row != null) {
                        rows.add(row);
                    }
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }
}
