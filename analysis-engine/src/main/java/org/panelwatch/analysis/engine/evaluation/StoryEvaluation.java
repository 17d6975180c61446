package org.panelwatch.analysis.engine.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.story.EventKey;
import org.panelwatch.analysis.engine.story.EventKeys;
import org.panelwatch.analysis.engine.story.StoryGrouping;
import org.panelwatch.analysis.engine.story.StoryMatcher;

/**
 * The same-story section of the evaluation: groups the items of a labelled JSON Lines file as the
 * analysis service would (near-duplicate text, or the same event by {@link StoryMatcher}) and compares
 * with the labels' {@code story} field (items sharing a story id report one event; null, a story of
 * its own). Reports the pairs of one event that were grouped and the pairs of different events that
 * were wrongly grouped, then every missed and every wrong pair.
 */
final class StoryEvaluation {

    /** The near-duplicate threshold of the service (panelwatch.analysis.stories.threshold). */
    static final double NEAR_DUPLICATE = 0.3;

    private record Item(String id, String lang, String title, String body, Instant published, String story) {
    }

    private final TaggingEngine engine;
    private final PrintStream out;

    StoryEvaluation(TaggingEngine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    /**
     * Prints the section; returns false when the grouped share is below {@code minGrouped} or the
     * wrongly grouped share above {@code maxWrong}. A file without any {@code story} field prints a line
     * saying so and passes.
     */
    boolean run(Path file, double minGrouped, double maxWrong) throws IOException {
        return run(file.toString(), read(file), minGrouped, maxWrong);
    }

    /** The same for a labelled set of the evaluation (a devset file or the real-text folder). */
    boolean run(LabelledSet set, double minGrouped, double maxWrong) throws IOException {
        List<Item> items = new java.util.ArrayList<>();
        int line = 0;
        for (LabelledSet.Labelled l : set.items()) {
            line++;
            Instant published;
            try {
                published = published(l.published(), Path.of(set.name()), line);
            } catch (IOException e) {
                published = null; // a label's date the scores do not need: an unreadable one counts as unknown
            }
            items.add(new Item(l.id(), l.lang(), l.title(), l.body(), published, l.story()));
        }
        return run(set.name(), items, minGrouped, maxWrong);
    }

    private boolean run(String file, List<Item> items, double minGrouped, double maxWrong) throws IOException {
        if (items.stream().noneMatch(i -> i.story() != null)) {
            out.printf(Locale.ROOT, "same-story %s: no item has a story id; nothing to measure%n", file);
            return true;
        }
        EventKeys keys = EventKeys.bundled();
        List<StoryGrouping.Member> members = new ArrayList<>();
        Map<String, EventKey> keyOf = new LinkedHashMap<>();
        Map<String, String> labelled = new LinkedHashMap<>();
        Map<String, Item> byId = new LinkedHashMap<>();
        for (Item item : items) {
            Analysis a = engine.analyze(item.title(), item.body(), item.lang());
            EventKey key = keys.of(item.title(), item.body(), item.published(), a);
            members.add(new StoryGrouping.Member(item.id(), item.title(), item.body(), key));
            keyOf.put(item.id(), key);
            labelled.put(item.id(), item.story());
            byId.put(item.id(), item);
        }
        String dump = System.getProperty("panelwatch.story-keys");
        if (dump != null) {
            writeKeys(Path.of(dump), items, keyOf);
        }
        StoryMatcher matcher = StoryMatcher.defaults();
        Map<String, String> grouped = new StoryGrouping(matcher, NEAR_DUPLICATE).group(members);
        StoryGrouping.PairCounts c = StoryGrouping.count(labelled, grouped);
        long groups = items.stream().map(Item::story).filter(s -> s != null).distinct().count();
        out.printf(Locale.ROOT, "same-story %s: %d items, %d labelled stories of two or more items%n", file,
                items.size(), groups);
        out.printf(Locale.ROOT, "  same-event pairs grouped        %4d / %-5d %6.1f%%%n", c.sameGrouped(), c.samePairs(),
                100 * c.groupedShare());
        out.printf(Locale.ROOT, "  different-event pairs grouped   %4d / %-5d %6.1f%%%n", c.differentGrouped(),
                c.differentPairs(), 100 * c.wronglyGroupedShare());
        List<String> ids = new ArrayList<>(labelled.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                String a = ids.get(i);
                String b = ids.get(j);
                boolean gold = labelled.get(a) != null && labelled.get(a).equals(labelled.get(b));
                boolean got = grouped.get(a).equals(grouped.get(b));
                if (gold != got) {
                    out.printf(Locale.ROOT, "  %s %s (%s) ~ %s (%s): similarity %.2f, shared %s%n",
                            gold ? "NOT GROUPED" : "WRONGLY GROUPED", a, byId.get(a).lang(), b, byId.get(b).lang(),
                            matcher.similarity(keyOf.get(a), keyOf.get(b)), shared(keyOf.get(a), keyOf.get(b)));
                }
            }
        }
        boolean ok = true;
        if (c.groupedShare() < minGrouped) {
            out.printf(Locale.ROOT, "FAIL: same-event pairs grouped %.3f < %.3f%n", c.groupedShare(), minGrouped);
            ok = false;
        }
        if (c.wronglyGroupedShare() > maxWrong) {
            out.printf(Locale.ROOT, "FAIL: different-event pairs grouped %.3f > %.3f%n", c.wronglyGroupedShare(), maxWrong);
            ok = false;
        }
        return ok;
    }

    /** For tuning the matcher outside Java: each item's key, one JSON object a line ({@code -Dpanelwatch.story-keys=FILE}). */
    private static void writeKeys(Path file, List<Item> items, Map<String, EventKey> keyOf) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        for (Item item : items) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", item.id());
            line.put("lang", item.lang());
            line.put("story", item.story());
            line.put("published", item.published() == null ? null : item.published().toString());
            line.put("features", keyOf.get(item.id()).features());
            lines.add(json.writeValueAsString(line));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static TreeSet<String> shared(EventKey a, EventKey b) {
        TreeSet<String> shared = new TreeSet<>(a.features().keySet());
        shared.retainAll(b.features().keySet());
        return shared;
    }

    private static List<Item> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Item> items = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (IOException e) {
                throw new IOException(file + " line " + line + ": not JSON: " + e.getMessage());
            }
            String story = node.hasNonNull("story") ? node.get("story").asText() : null;
            items.add(new Item(node.path("id").asText("line-" + line), node.path("lang").asText(null),
                    node.path("title").asText(""), node.path("body").asText(""),
                    published(node.path("published").asText(null), file, line), story));
        }
        return items;
    }

    /** ISO-8601 instant, offset date-time or plain date (read as midnight UTC); absent, a year or a month is null. */
    static Instant published(String value, Path file, int line) throws IOException {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.matches("\\d{4}(-\\d{2})?")) {
            return null; // a year or a month says too little to compare days: as if unknown
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException(file + " line " + line + ": published is not a date: " + value);
        }
    }
}
