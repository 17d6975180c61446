package org.panelwatch.console.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.panelwatch.console.client.AnalysisApi;

/** What the pages show, made from the services' answers. Text stays text: the templates escape it. */
public final class Views {

    private Views() {
    }

    /** A topic as a chip: its name and the resolutions and paragraphs it rests on. */
    public record Chip(String id, String name, String resolutions) {
    }

    public record SignalRow(UUID id, UUID itemId, UUID storyId, String title, String url, String source, String lang,
            Instant published, Instant detectedAt, String severity, String score, List<Chip> topics, List<String> evidence,
            String feedback) {
    }

    /**
     * A run of an item's text: inside an evidence passage or not, and inside a named entity or not
     * (its type and name, and its UN list reference where listed). Runs never overlap.
     */
    public record Segment(String text, boolean evidence, String entity, String unReference) {
        public boolean isEntity() {
            return entity != null;
        }
    }

    public static SignalRow signalRow(AnalysisApi.SignalEntry s, Map<String, AnalysisApi.Topic> catalogue) {
        List<Chip> chips = s.topics() == null ? List.of()
                : s.topics().stream().map(t -> chip(t.id(), catalogue)).toList();
        // The title is on the row already: a passage of the body says more, so the title's own
        // evidence is shown only when the body has none.
        List<AnalysisApi.Evidence> all = s.evidence() == null ? List.of() : s.evidence();
        List<AnalysisApi.Evidence> body = all.stream().filter(e -> !"title".equals(e.field())).toList();
        List<String> evidence = (body.isEmpty() ? all : body).stream().map(AnalysisApi.Evidence::text).distinct()
                .limit(2).toList();
        return new SignalRow(s.id(), s.itemId(), s.storyId(), s.title(), s.url(), s.source(), s.lang(), s.published(),
                s.detectedAt(), s.severity(), score(s.score()), chips, evidence, feedback(s.verdicts()));
    }

    /**
     * The verdicts given so far, in words ("Confirmed by 2, false alarm by 1; latest: false alarm"),
     * or "No verdict yet". Words, not a colour, so that the verdict is read the same by everyone.
     */
    public static String feedback(AnalysisApi.Verdicts verdicts) {
        if (verdicts == null || verdicts.latest() == null) {
            return "No verdict yet";
        }
        List<String> parts = new ArrayList<>();
        if (verdicts.confirmed() > 0) {
            parts.add("confirmed by " + verdicts.confirmed());
        }
        if (verdicts.falseAlarms() > 0) {
            parts.add("false alarm by " + verdicts.falseAlarms());
        }
        String said = String.join(", ", parts);
        said = Character.toUpperCase(said.charAt(0)) + said.substring(1);
        if (parts.size() > 1) {
            said += "; latest: " + ("confirmed".equals(verdicts.latest()) ? "confirmed" : "false alarm");
        }
        return said;
    }

    public static Chip chip(String id, Map<String, AnalysisApi.Topic> catalogue) {
        AnalysisApi.Topic t = catalogue.get(id);
        if (t == null) {
            return new Chip(id, id, "");
        }
        return new Chip(id, t.name(), resolutions(t.resolutions()));
    }

    /** "UNSCR 1718 para 8; UNSCR 1874 paras 9, 10". */
    public static String resolutions(List<AnalysisApi.Resolution> resolutions) {
        if (resolutions == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (AnalysisApi.Resolution r : resolutions) {
            String label = "UNSCR " + r.number();
            if (r.paragraphs() != null && !r.paragraphs().isEmpty()) {
                label += (r.paragraphs().size() == 1 ? " para " : " paras ") + String.join(", ", r.paragraphs());
            }
            parts.add(label);
        }
        return String.join("; ", parts);
    }

    public static String score(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /**
     * Cuts {@code text} (the item's {@code field}, "title" or "body") into runs at every edge of an
     * evidence passage or entity mention that falls inside it; entities inside evidence stay marked as
     * both. Offsets outside the text are ignored rather than trusted.
     */
    public static List<Segment> marked(String text, String field, List<AnalysisApi.Evidence> evidence,
            List<AnalysisApi.EntityMention> entities) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        int n = text.length();
        List<int[]> passages = new ArrayList<>();
        for (AnalysisApi.Evidence e : evidence) {
            if (field.equals(e.field()) && e.start() >= 0 && e.start() < e.end() && e.end() <= n) {
                passages.add(new int[] {e.start(), e.end()});
            }
        }
        List<AnalysisApi.EntityMention> mentions = entities.stream()
                .filter(m -> field.equals(m.field()) && m.start() >= 0 && m.start() < m.end() && m.end() <= n).toList();
        java.util.TreeSet<Integer> edges = new java.util.TreeSet<>(List.of(0, n));
        passages.forEach(p -> {
            edges.add(p[0]);
            edges.add(p[1]);
        });
        mentions.forEach(m -> {
            edges.add(m.start());
            edges.add(m.end());
        });
        List<Segment> runs = new ArrayList<>();
        Integer from = null;
        for (int to : edges) {
            if (from != null && to > from) {
                int a = from;
                int b = to;
                boolean inEvidence = passages.stream().anyMatch(p -> p[0] <= a && b <= p[1]);
                AnalysisApi.EntityMention entity = mentions.stream().filter(m -> m.start() <= a && b <= m.end())
                        .findFirst().orElse(null);
                String label = entity == null ? null : entity.type() + ": " + entity.name();
                String ref = entity == null ? null : entity.unReference();
                Segment last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (last != null && last.evidence() == inEvidence && java.util.Objects.equals(last.entity(), label)
                        && (label == null)) {
                    runs.set(runs.size() - 1, new Segment(last.text() + text.substring(a, b), inEvidence, null, null));
                } else {
                    runs.add(new Segment(text.substring(a, b), inEvidence, label, ref));
                }
            }
            from = to;
        }
        return runs;
    }
}
