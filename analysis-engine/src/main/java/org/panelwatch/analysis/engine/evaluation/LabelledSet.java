package org.panelwatch.analysis.engine.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A labelled set in the devset format (JSON Lines: {@code id, title, body, lang, russia_dprk_military,
 * topics}, optionally {@code story} and {@code split}), read from one file or joined from a real-text
 * folder: {@code labels.jsonl} (labels only, committed) and {@code texts.jsonl} ({@code id, title, body},
 * third-party text, git-ignored, rebuilt from the stored pages).
 */
record LabelledSet(String name, List<Labelled> items, int withoutText) {

    /**
     * One labelled item; {@code story} groups reports of one event, {@code split} is tune or score (or null),
     * {@code published} as the label or the text gives it (or null).
     */
    record Labelled(String id, String title, String body, String lang, boolean signal, Set<String> topics,
                    String story, String split, String published) {
    }

    LabelledSet only(String split) {
        if (split == null || items.stream().allMatch(i -> i.split() == null)) {
            return this;   // a set without splits (the shared devset) is scored whole
        }
        return new LabelledSet(name + " [" + split + "]",
                items.stream().filter(i -> split.equals(i.split())).toList(), withoutText);
    }

    static LabelledSet file(Path file) throws IOException {
        List<Labelled> items = new ArrayList<>();
        for (Line line : lines(file)) {
            JsonNode node = line.node();
            if (!node.hasNonNull("body")) {
                throw new IOException(file + " line " + line.number() + ": no body");
            }
            items.add(labelled(node, node, line.number()));
        }
        return new LabelledSet(file.toString(), items, 0);
    }

    /** Joins {@code labels.jsonl} and {@code texts.jsonl} of a folder by id; labels without text are counted, not scored. */
    static LabelledSet real(Path folder) throws IOException {
        Path labels = folder.resolve("labels.jsonl");
        Path texts = folder.resolve("texts.jsonl");
        if (!Files.isRegularFile(texts)) {
            throw new IOException(texts + " is missing: rebuild it from the stored pages (see " + folder.resolve("README.md") + ")");
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (Line line : lines(texts)) {
            byId.put(line.node().path("id").asText(), line.node());
        }
        List<Labelled> items = new ArrayList<>();
        int without = 0;
        for (Line line : lines(labels)) {
            JsonNode text = byId.get(line.node().path("id").asText());
            if (text == null || !text.hasNonNull("body")) {
                without++;
                continue;
            }
            items.add(labelled(line.node(), text, line.number()));
        }
        return new LabelledSet(folder.toString(), items, without);
    }

    private static Labelled labelled(JsonNode label, JsonNode text, int line) {
        Set<String> topics = new TreeSet<>();
        label.path("topics").forEach(t -> topics.add(t.asText()));
        String lang = label.hasNonNull("lang") ? label.path("lang").asText() : text.path("lang").asText(null);
        return new Labelled(label.path("id").asText("line-" + line), text.path("title").asText(""),
                text.path("body").asText(), lang, label.path("russia_dprk_military").asBoolean(false), topics,
                label.hasNonNull("story") ? label.path("story").asText() : null,
                label.hasNonNull("split") ? label.path("split").asText() : null,
                label.hasNonNull("published") ? label.path("published").asText()
                        : text.hasNonNull("published") ? text.path("published").asText() : null);
    }

    private record Line(int number, JsonNode node) {
    }

    private static List<Line> lines(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Line> out = new ArrayList<>();
        int number = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                out.add(new Line(number, json.readTree(text)));
            } catch (IOException e) {
                throw new IOException(file + " line " + number + ": not JSON: " + e.getMessage());
            }
        }
        return out;
    }
}
