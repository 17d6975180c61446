package org.panelwatch.e2e;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * News items written for these tests, unique to each instance. The stack's database outlives a test
 * run and the analysis service groups near-identical texts into one story (only a story's first item
 * signals), so every run's texts must differ from the last run's: each item carries a paragraph of
 * neutral, randomly filled sentences, and every URL carries the instance's {@link #token()}, by which
 * a test recognises its own rows and alerts among everyone else's. The analysis service also groups
 * reports of one event told in other words (event stories), and two reports whose headlines state
 * different numbers are different events: each headline's number is drawn from a wide range (below
 * 1900, which would read as a year), so that two instances, of one run or of the last, rarely tell the
 * same event twice.
 */
public final class SampleNews {

    private static final String HOST = "https://e2e.panelwatch.test";
    private static final List<String> VOCABULARY = List.of(("amber apple autumn basket bicycle blanket blue bread lamp "
            + "brown candle canvas carpet cedar chair chalk cherry circle cloud coffee copper cotton cream crystal cup curtain "
            + "daisy desk dinner door drawer dusk eagle evening fabric fern field flour flower forest fountain garden ginger "
            + "glass gravel grape grass green hedge hat hazel hill honey island ivory jacket jasmine kettle kitchen lake lantern "
            + "lavender leaf lemon linen maple marble meadow melon mint morning moss mountain napkin oak olive orange orchard "
            + "paper parsley peach pebble pepper pillow pine plate plum pond porch quiet rain ribbon river robin rose saffron "
            + "sage salt sand scarf shadow shell silver sky slate snow sofa spoon spring stone straw summer sun table tea "
            + "teapot thread tulip valley velvet violet walnut water hedgerow willow window winter wool yellow yard").split(" "));
    private static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");

    private final String token;
    private final Random random;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public SampleNews() {
        this.token = "pw" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.random = new Random(token.hashCode());
    }

    /** Appears in every URL this instance writes (and so in every alert about its items). */
    public String token() {
        return token;
    }

    /** A report of North Korean ballistic missiles delivered to Russia: arms transfer, a clear signal. */
    public Map<String, Object> missileDelivery() {
        String title = "North Korea delivered " + (20 + random.nextInt(1880)) + " more ballistic missiles to Russia, Kyiv says";
        String body = "Ukraine's military intelligence said on " + weekday() + " that North Korea had delivered another batch of "
                + "KN-23 and KN-24 ballistic missiles to Russia in the past month. "
                + "The missiles were shipped by rail through the Tumangang-Khasan crossing and taken to launch sites near Bryansk, "
                + "the agency said. Russian forces have fired North Korean missiles at Kyiv and Kharkiv since the winter, "
                + "according to the Ukrainian air force.\n\n" + neutralParagraph();
        return item("Frontline Desk", "missiles", title, body, now.minus(3, ChronoUnit.MINUTES));
    }

    /** One story as three outlets publish it: the same text, a byline or credit line apart. */
    public List<Map<String, Object>> syndicatedAirDefenceStory() {
        String title = "North Korea sent " + (200 + random.nextInt(1700)) + " air-defence troops to Russia, Seoul says";
        String text = "South Korea's intelligence service said North Korea had sent several hundred air-defence troops and engineers "
                + "to Russia to operate North Korean anti-aircraft guns around the Kursk region. "
                + "In return, Russian military advisers are helping the Korean People's Army modernise its air-defence network, "
                + "the agency told lawmakers on " + weekday() + ". The Russian defence ministry declined to comment.\n\n"
                + neutralParagraph();
        Instant published = now.minus(10, ChronoUnit.MINUTES);
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item("Peninsula Wire", "air-defence-crews", title, text, published));
        items.add(item("Harbour Times", "world/asia/air-defence", title, "SEOUL (Peninsula Wire) - " + text, published.plusSeconds(600)));
        items.add(item("Continental Post", "news/air-defence-russia", title, text + "\n\nReporting by Peninsula Wire.",
                published.plusSeconds(1500)));
        return items;
    }

    /** Russian instructors training North Korean soldiers: military cooperation, a signal. */
    public Map<String, Object> droneTraining() {
        String title = "Russian instructors trained " + (100 + random.nextInt(1800)) + " North Korean drone operators, Kyiv says";
        String body = "Russian military instructors have trained North Korean soldiers to fly attack drones at a range near Vladivostok, "
                + "Ukrainian intelligence said on " + weekday() + ", citing intercepted communications. "
                + "Hundreds of the soldiers later joined Russian units fighting in the Kursk region.\n\n" + neutralParagraph();
        return item("Borderlands Feed", "drone-training", title, body, now.minus(2, ChronoUnit.MINUTES));
    }

    /** A DPRK missile test that involves no one else: a near miss that must not signal. */
    public Map<String, Object> cruiseMissileTest() {
        String title = "North Korea test-fires " + (2 + random.nextInt(5)) + " cruise missiles off its west coast";
        String body = "North Korea fired several cruise missiles over the Yellow Sea on " + weekday() + ", South Korea's Joint Chiefs "
                + "of Staff said. State media said Kim Jong Un oversaw the test, which it called a routine exercise of the "
                + "country's strategic forces.\n\n" + neutralParagraph();
        return item("Borderlands Feed", "cruise-test", title, body, now.minus(1, ChronoUnit.MINUTES));
    }

    /** The {@code n}th neutral item of a large workload: the near miss above, under its own title and URL. */
    public Map<String, Object> briefing(int n) {
        Map<String, Object> item = new LinkedHashMap<>(cruiseMissileTest());
        item.put("title", "Regional briefing notes no. " + n);
        item.put("url", item.get("url") + "-" + n);
        return item;
    }

    /** An RSS 2.0 document with the given items (url, title, body, published as {@link #item} makes them). */
    public String rss(List<Map<String, Object>> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n")
                .append("<title>Panelwatch end-to-end feed ").append(token).append("</title>\n")
                .append("<link>").append(HOST).append('/').append(token).append("/</link>\n")
                .append("<description>Written for the end-to-end tests</description>\n");
        for (Map<String, Object> item : items) {
            xml.append("<item><title>").append(escape((String) item.get("title"))).append("</title>")
                    .append("<link>").append(escape((String) item.get("url"))).append("</link>")
                    .append("<guid>").append(escape((String) item.get("url"))).append("</guid>")
                    .append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            Instant.parse((String) item.get("published")).atOffset(ZoneOffset.UTC))).append("</pubDate>")
                    .append("<description>").append(escape((String) item.get("body"))).append("</description></item>\n");
        }
        return xml.append("</channel></rss>\n").toString();
    }

    private Map<String, Object> item(String source, String slug, String title, String body, Instant published) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("url", HOST + "/" + token + "/" + slug);
        item.put("title", title);
        item.put("body", body);
        item.put("published", published.toString());
        item.put("source", source);
        item.put("lang", "en");
        return item;
    }

    /**
     * Sentences about nothing in particular, drawn word by word from a neutral vocabulary: about 150
     * words that no earlier run wrote in this order, so that the story de-duplication (shingles of
     * words) sees each run's item as new while the copies of one story within a run stay alike.
     */
    private String neutralParagraph() {
        StringBuilder text = new StringBuilder();
        for (int sentence = 0; sentence < 12; sentence++) {
            int words = 10 + random.nextInt(5);
            for (int w = 0; w < words; w++) {
                String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
                text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                        .append(w == words - 1 ? ". " : " ");
            }
        }
        return text.append("The archive lists this note as ").append(token).append('-').append(random.nextInt(10_000)).append('.')
                .toString();
    }

    private String weekday() {
        return WEEKDAYS.get(random.nextInt(WEEKDAYS.size()));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
