package org.panelwatch.analysis.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation command: metrics, misses and the exit code against thresholds and seed checks. */
class EvaluationTest {

    @TempDir
    Path dir;

    private String run(int expectedExit, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Evaluation.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isEqualTo(expectedExit);
        return out;
    }

    @Test
    void reportsMetricsAndFailsBelowThreshold() throws Exception {
        Path jsonl = dir.resolve("set.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"id\":\"a\",\"title\":\"Pyongyang ships shells to Moscow\",\"body\":\"North Korea shipped artillery shells to Russia.\",\"lang\":\"en\",\"russia_dprk_military\":true,\"topics\":[\"arms-transfer\"]}",
                "{\"id\":\"b\",\"title\":\"Ballet in Pyongyang\",\"body\":\"A Russian ballet performed in Pyongyang.\",\"lang\":\"en\",\"russia_dprk_military\":false,\"topics\":[]}",
                "{\"id\":\"c\",\"title\":\"Quiet week\",\"body\":\"Nothing happened.\",\"lang\":\"en\",\"russia_dprk_military\":true,\"topics\":[\"luxury-goods\"]}"));
        String out = run(1, "--devset", jsonl.toString(), "--min-signal-f1", "0.95", "--min-topic-f1", "0.5");
        assertThat(out).contains("signal russia-dprk-military").contains("c signal MISS").contains("c topic luxury-goods MISS")
                .contains("FAIL: signal F1 0.667 < 0.950").doesNotContain("FAIL: topic").contains("RESULT: FAIL");
        assertThat(run(0, "--devset", jsonl.toString(), "--min-signal-f1", "0.6")).contains("RESULT: PASS");
    }

    @Test
    void seedNeedsAMediumSignalAndTheRequiredTopics() throws Exception {
        Path seed = dir.resolve("seed.txt");
        Files.writeString(seed, "Moscow receives missiles\n\nNorth Korea delivered ballistic missiles to Russia, officials said."
                + " The shipments breach the arms embargo.\n");
        assertThat(run(0, "--seed", seed.toString())).containsPattern("seed seed.txt: signal (medium|high) .* -> ok");
        assertThat(run(1, "--seed", seed + "=luxury-goods")).contains("missing topics: [luxury-goods]");
        Path nothing = dir.resolve("nothing.txt");
        Files.writeString(nothing, "Weather\nIt rained in Seoul.");
        assertThat(run(1, "--seed", nothing.toString())).contains("signal none");
    }

    @Test
    void badUsageIsReported() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.run(new String[] {"--bogus"}, System.out))
                .hasMessageContaining("unknown option --bogus");
    }

    @Test
    void keywordRuleLanguagesAndConfusionAreReportedBesideTheEngine() throws Exception {
        Path jsonl = dir.resolve("set.jsonl");
        Files.writeString(jsonl, String.join("\n",
                // the engine finds it, the keyword rule does not (no "weapons/troops/missiles/munitions")
                "{\"id\":\"a\",\"title\":\"\",\"body\":\"North Korea shipped artillery shells to Russia.\",\"lang\":\"en\",\"russia_dprk_military\":true,\"topics\":[]}",
                // the keyword rule fires on a near miss, the engine does not
                "{\"id\":\"b\",\"title\":\"\",\"body\":\"Russia and North Korea talked about tourism while missiles flew elsewhere.\",\"lang\":\"en\",\"russia_dprk_military\":false,\"topics\":[]}",
                // a miss of both: the best candidate sentence is shown
                "{\"id\":\"c\",\"title\":\"Quiet\",\"body\":\"It rained. Russia and North Korea were mentioned. Nothing else.\",\"lang\":\"ko\",\"russia_dprk_military\":true,\"topics\":[]}"));
        String out = run(0, "--devset", jsonl.toString());
        assertThat(out).containsPattern("signal russia-dprk-military +1 +0 +1 ")
                .containsPattern("keyword rule +0 +1 +2 ")
                .containsPattern("  en +2 items +1 +0 +0 ")
                .containsPattern("  ko +1 items +0 +0 +1 ")
                .contains("c signal MISS [ko] (keyword rule wrong too): Quiet | best candidate: Russia and North Korea were mentioned.");
    }

    @Test
    void realSetJoinsLabelsAndTextsAndScoresOneSplit() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("labels.jsonl"), String.join("\n",
                "{\"id\":\"t1\",\"lang\":\"en\",\"russia_dprk_military\":true,\"topics\":[\"arms-transfer\",\"luxury-goods\"],\"story\":\"s1\",\"split\":\"tune\"}",
                "{\"id\":\"s1\",\"lang\":\"en\",\"russia_dprk_military\":false,\"topics\":[],\"story\":null,\"split\":\"score\"}",
                "{\"id\":\"s2\",\"lang\":\"en\",\"russia_dprk_military\":true,\"topics\":[],\"story\":null,\"split\":\"score\"}"));
        Files.writeString(real.resolve("texts.jsonl"), String.join("\n",
                "{\"id\":\"t1\",\"title\":\"Shells\",\"body\":\"North Korea shipped artillery shells to Russia.\"}",
                "{\"id\":\"s1\",\"title\":\"Ballet\",\"body\":\"A Russian ballet performed in Pyongyang.\"}"));
        assertThat(run(0, "--real", real.toString(), "--split", "tune")).contains("[tune]: 1 items (1 with the signal, 0 without)");
        assertThat(run(0, "--real", real.toString(), "--split", "score"))
                .contains("[score]: 1 items (0 with the signal, 1 without)")
                .contains("1 labelled items have no text yet and are not scored");
        assertThat(run(0, "--real", real.toString(), "--min-signal-precision", "1.0", "--min-language-f1", "0.9"))
                .contains("real: 2 items (1 with the signal, 1 without)");
        assertThat(run(1, "--real", real.toString(), "--min-each-topic-f1", "1.0"))
                .contains("FAIL: topic luxury-goods F1 0.000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.run(new String[] {"--real", real.toString(), "--split", "all"}, System.out))
                .hasMessageContaining("--split is tune or score");
    }
}
