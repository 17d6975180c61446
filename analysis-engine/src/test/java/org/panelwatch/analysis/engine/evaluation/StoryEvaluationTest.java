package org.panelwatch.analysis.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.panelwatch.analysis.engine.TestEngines;

/** The same-story section of evaluate: pairs grouped and wrongly grouped, against the labels' story ids. */
class StoryEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void countsPairsOfOneEventGroupedAndPairsOfDifferentEventsKeptApart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        lines.add(json.writeValueAsString(item("en", "en", "2024-10-23T09:00:00Z", "s1",
                org.panelwatch.analysis.engine.story.StoryMatcherTest.EN_TITLE,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.EN_BODY)));
        lines.add(json.writeValueAsString(item("ko", "ko", "2024-10-23", "s1",
                org.panelwatch.analysis.engine.story.StoryMatcherTest.KO_TITLE,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.KO_BODY)));
        lines.add(json.writeValueAsString(item("later", "en", "2024-11-02", null,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.LATER_TITLE,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.LATER_BODY)));
        lines.add(json.writeValueAsString(item("shipment", "en", "2024-10-23T11:00:00Z", null,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.SHIPMENT_TITLE,
                org.panelwatch.analysis.engine.story.StoryMatcherTest.SHIPMENT_BODY)));
        Path file = dir.resolve("stories.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new StoryEvaluation(TestEngines.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(file, 0.8, 0.02);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("4 items, 1 labelled stories of two or more items")
                .containsPattern("same-event pairs grouped\\s+1 / 1\\s+100.0%")
                .containsPattern("different-event pairs grouped\\s+0 / 5\\s+0.0%")
                .doesNotContain("NOT GROUPED").doesNotContain("WRONGLY GROUPED");
        assertThat(ok).isTrue();

        // Labelled as one event, the shipment is a missed pair, named with the features the two share.
        lines.set(3, lines.get(3).replace("\"story\":null", "\"story\":\"s1\""));
        Files.write(file, lines, StandardCharsets.UTF_8);
        bytes.reset();
        ok = new StoryEvaluation(TestEngines.defaults(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(file, 0.8, 0.02);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("NOT GROUPED en (en) ~ shipment (en)")
                .contains("FAIL: same-event pairs grouped");
        assertThat(ok).isFalse();
    }

    private static Map<String, Object> item(String id, String lang, String published, String story, String title, String body) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("lang", lang);
        item.put("published", published);
        item.put("story", story);
        item.put("title", title);
        item.put("body", body);
        return item;
    }
}
