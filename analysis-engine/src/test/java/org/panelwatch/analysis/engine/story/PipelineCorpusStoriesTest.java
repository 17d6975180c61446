package org.panelwatch.analysis.engine.story;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.TestEngines;

/**
 * The items the pipeline's own tests and the demo push, grouped as the service groups them with event
 * stories on. In CI's end-to-end run the matcher merged different events of one day: a DPRK
 * cruise-missile test and a feed item joined the syndicated air-defence-troops story, and the missile
 * delivery of one test joined another test's (other numbers, another run), so their alerts never went
 * out. Copies stay one story; every other event is its own.
 *
 * <p>The end-to-end items are those of {@code e2e-tests/.../SampleNews} (written for the project),
 * rebuilt here with their random parts; two test classes of one run each write their own copy.
 */
class PipelineCorpusStoriesTest {

    private static final Path DEMO = Path.of("..", "deploy", "local", "demo");

    private final TaggingEngine engine = TestEngines.defaults();
    private final EventKeys keys = EventKeys.bundled();
    private final StoryGrouping grouping = new StoryGrouping(StoryMatcher.defaults(), 0.3);

    @Test
    void theEndToEndRunsItemsAreOneStoryPerEventAndRunsDoNotMerge() {
        List<StoryGrouping.Member> members = new ArrayList<>();
        Map<String, String> labelled = new LinkedHashMap<>();
        Instant now = Instant.parse("2026-12-07T03:00:00Z");
        // Several test classes of one run, and the run before it (the stack's database outlives a run).
        for (int run = 0; run < 8; run++) {
            SampleItems news = new SampleItems(run, now.plus(run * 7, ChronoUnit.MINUTES));
            for (Map.Entry<String, String[]> item : news.all().entrySet()) {
                String id = "run" + run + "-" + item.getKey();
                String[] t = item.getValue();
                members.add(member(id, t[0], t[1], "en", Instant.parse(t[2])));
                // An event is its headline: the syndicated copies share one, every other item draws its own
                // numbers (two instances that drew the same headline told the same event twice).
                labelled.put(id, t[0]);
            }
        }
        assertGroupedAsLabelled(members, labelled);
    }

    @Test
    void theDemoCorpusIsOneStoryPerEvent() throws IOException {
        List<StoryGrouping.Member> members = new ArrayList<>();
        Map<String, String> labelled = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(DEMO.resolve("corpus.ndjson"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode item = json.readTree(line);
            String url = item.get("url").asText();
            members.add(member(url, item.get("title").asText(), item.get("body").asText(), item.get("lang").asText(),
                    Instant.parse(item.get("published").asText())));
            labelled.put(url, DEMO_STORIES.getOrDefault(url.substring(url.lastIndexOf('/') + 1), null));
        }
        String feed = Files.readString(DEMO.resolve("feed.xml"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<item>.*?<title>(.*?)</title>.*?<link>(.*?)</link>.*?<pubDate>(.*?)</pubDate>"
                + ".*?<description>(.*?)</description>", Pattern.DOTALL).matcher(feed);
        while (m.find()) {
            members.add(member(m.group(2), m.group(1), m.group(4), "en",
                    ZonedDateTime.parse(m.group(3), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            labelled.put(m.group(2), null);
        }
        assertThat(members).hasSizeGreaterThan(40);
        assertGroupedAsLabelled(members, labelled);
    }

    /**
     * The demo corpus's items that report one event (file name of the URL to its story): the Koksan
     * guns from three outlets, and North Korean troops first under fire in Kursk told in English and,
     * a day later, in German (Ukraine's defence ministry the source of both).
     */
    private static final Map<String, String> DEMO_STORIES = Map.of(
            "koksan-guns-russia", "koksan", "koksan-batch-rail", "koksan", "2025-02-20-koksan", "koksan",
            "kursk-north-korean-troops", "kursk-fighting", "nordkoreanische-soldaten-kursk", "kursk-fighting",
            "crypto-theft", "crypto-heist", "20250225-crypto-heist", "crypto-heist");

    private void assertGroupedAsLabelled(List<StoryGrouping.Member> members, Map<String, String> labelled) {
        Map<String, String> stories = grouping.group(members);
        Map<String, StoryGrouping.Member> byId = new LinkedHashMap<>();
        members.forEach(m -> byId.put(m.id(), m));
        List<String> wrong = new ArrayList<>();
        for (StoryGrouping.Member a : members) {
            for (StoryGrouping.Member b : members) {
                if (a.id().compareTo(b.id()) >= 0) {
                    continue;
                }
                boolean gold = labelled.get(a.id()) != null && labelled.get(a.id()).equals(labelled.get(b.id()));
                boolean got = stories.get(a.id()).equals(stories.get(b.id()));
                if (gold != got) {
                    wrong.add((gold ? "apart: " : "merged: ") + a.id() + " + " + b.id() + " similarity "
                            + StoryMatcher.defaults().similarity(a.key(), b.key()) + "\n  " + shared(a.key(), b.key()));
                }
            }
        }
        assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
    }

    private static String shared(EventKey a, EventKey b) {
        StringBuilder s = new StringBuilder();
        a.features().forEach((f, w) -> {
            if (b.features().containsKey(f)) {
                s.append(f).append(' ');
            }
        });
        return s.toString();
    }

    private StoryGrouping.Member member(String id, String title, String body, String lang, Instant published) {
        return new StoryGrouping.Member(id, title, body, keys.of(title, body, published, engine.analyze(title, body, lang)));
    }

    /** The items of the end-to-end tests' SampleNews, one instance of it (one test class of one run). */
    private static final class SampleItems {
        private static final String[] VOCABULARY = ("amber apple autumn basket bicycle blanket blue bread lamp "
                + "brown candle canvas carpet cedar chair chalk cherry circle cloud coffee copper cotton cream crystal cup curtain "
                + "daisy desk dinner door drawer dusk eagle evening fabric fern field flour flower forest fountain garden ginger "
                + "glass gravel grape grass green hedge hat hazel hill honey island ivory jacket jasmine kettle kitchen lake lantern "
                + "lavender leaf lemon linen maple marble meadow melon mint morning moss mountain napkin oak olive orange orchard "
                + "paper parsley peach pebble pepper pillow pine plate plum pond porch quiet rain ribbon river robin rose saffron "
                + "sage salt sand scarf shadow shell silver sky slate snow sofa spoon spring stone straw summer sun table tea "
                + "teapot thread tulip valley velvet violet walnut water hedgerow willow window winter wool yellow yard").split(" ");
        private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
        private final Random random;
        private final String token;
        private final Instant now;

        SampleItems(int seed, Instant now) {
            this.random = new Random(seed * 7919L + 17);
            this.token = "pw" + Long.toHexString(random.nextLong()).substring(0, 12);
            this.now = now;
        }

        Map<String, String[]> all() {
            Map<String, String[]> items = new LinkedHashMap<>();
            items.put("missile-delivery", new String[] {
                "North Korea delivered " + (20 + random.nextInt(60)) + " more ballistic missiles to Russia, Kyiv says",
                "Ukraine's military intelligence said on " + weekday() + " that North Korea had delivered another batch of "
                        + "KN-23 and KN-24 ballistic missiles to Russia in the past month. "
                        + "The missiles were shipped by rail through the Tumangang-Khasan crossing and taken to launch sites near Bryansk, "
                        + "the agency said. Russian forces have fired North Korean missiles at Kyiv and Kharkiv since the winter, "
                        + "according to the Ukrainian air force.\n\n" + neutralParagraph(),
                now.minus(3, ChronoUnit.MINUTES).toString()});
            String title = "North Korea sent " + (200 + random.nextInt(600)) + " air-defence troops to Russia, Seoul says";
            String text = "South Korea's intelligence service said North Korea had sent several hundred air-defence troops and engineers "
                    + "to Russia to operate North Korean anti-aircraft guns around the Kursk region. "
                    + "In return, Russian military advisers are helping the Korean People's Army modernise its air-defence network, "
                    + "the agency told lawmakers on " + weekday() + ". The Russian defence ministry declined to comment.\n\n"
                    + neutralParagraph();
            Instant published = now.minus(10, ChronoUnit.MINUTES);
            items.put("air-defence-1", new String[] {title, text, published.toString()});
            items.put("air-defence-2", new String[] {title, "SEOUL (Peninsula Wire) - " + text, published.plusSeconds(600).toString()});
            items.put("air-defence-3", new String[] {title, text + "\n\nReporting by Peninsula Wire.",
                published.plusSeconds(1500).toString()});
            items.put("drone-training", new String[] {
                "Russian instructors trained " + (100 + random.nextInt(400)) + " North Korean drone operators, Kyiv says",
                droneBody(), now.minus(2, ChronoUnit.MINUTES).toString()});
            // ConsoleIT's hostile item: the drone training (another instance's) under a headline of markup.
            items.put("hostile", new String[] {"<b>Breaking:</b> &lt;script&gt;window.__pwned=1&lt;/script&gt;"
                    + "&lt;img src=x onerror=\"window.__pwned=2\"&gt; Shells reach Russia from North Korea",
                droneBody(), now.minus(2, ChronoUnit.MINUTES).toString()});
            items.put("cruise-test", new String[] {
                "North Korea test-fires " + (2 + random.nextInt(5)) + " cruise missiles off its west coast",
                "North Korea fired several cruise missiles over the Yellow Sea on " + weekday() + ", South Korea's Joint Chiefs "
                        + "of Staff said. State media said Kim Jong Un oversaw the test, which it called a routine exercise of the "
                        + "country's strategic forces.\n\n" + neutralParagraph(),
                now.minus(1, ChronoUnit.MINUTES).toString()});
            return items;
        }

        private String droneBody() {
            return "Russian military instructors have trained North Korean soldiers to fly attack drones at a range near Vladivostok, "
                    + "Ukrainian intelligence said on " + weekday() + ", citing intercepted communications. "
                    + "Hundreds of the soldiers later joined Russian units fighting in the Kursk region.\n\n" + neutralParagraph();
        }

        private String neutralParagraph() {
            StringBuilder text = new StringBuilder();
            for (int sentence = 0; sentence < 12; sentence++) {
                int words = 10 + random.nextInt(5);
                for (int w = 0; w < words; w++) {
                    String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
                    text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                            .append(w == words - 1 ? ". " : " ");
                }
            }
            return text.append("The archive lists this note as ").append(token).append('-').append(random.nextInt(10_000))
                    .append('.').toString();
        }

        private String weekday() {
            return WEEKDAYS[random.nextInt(WEEKDAYS.length)];
        }
    }
}
