package org.panelwatch.e2e.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Items for the benchmark, about {@code bytes} long each: sentences of the sanctions news the
 * tagger is built for (so it does its real work), none of them a Russia–DPRK military report,
 * among filler words and numbers so that no two items are one story.
 */
final class BenchItems {

    private static final List<String> NEWS = List.of(
            "A tanker without a transponder was seen alongside another vessel in the Yellow Sea, in what analysts called a ship-to-ship transfer of refined petroleum.",
            "The sanctions committee was told that coal from Nampo had been shipped to ports in the region under false papers.",
            "Investigators traced the theft of cryptocurrency from an exchange to hackers working for the Reconnaissance General Bureau.",
            "North Korean workers were still employed abroad at construction sites and fishing fleets, despite the repatriation deadline.",
            "Luxury cars and spirits reached Pyongyang through a chain of front companies, the report said.",
            "The Korean Central News Agency said a new intercontinental ballistic missile had been tested under the leader's guidance.",
            "Satellite images showed new activity at the Yongbyon nuclear complex and at the Punggye-ri test site.",
            "A bank in the region froze accounts linked to a listed entity after a request from the panel.",
            "The ministry denied that its vessels had carried North Korean textiles, which the resolutions ban.",
            "Diplomats said the travel ban on listed officials had been broken by a delegation that flew through a third country.",
            "A shipping company was accused of falsifying the automatic identification signals of three bulk carriers.",
            "The European Union added two trading firms to its list for supplying dual-use machine tools.",
            "Customs officers seized a container of seafood declared as another country's origin.",
            "Experts said the annual cap on refined petroleum imports had been exceeded many times over.",
            "The report described joint ventures in the fishing and mining sectors that the resolutions prohibit.");
    private static final List<String> FILLER = List.of(("amber basket bicycle blanket bread candle canvas carpet cedar chalk "
            + "cherry cloud copper cotton crystal curtain daisy drawer eagle fabric fern flour fountain garden ginger gravel "
            + "hazel honey ivory jasmine kettle lantern lavender lemon linen maple marble meadow melon mint moss napkin olive "
            + "orchard parsley peach pebble pillow plum porch ribbon robin saffron scarf shell slate sofa spoon straw teapot "
            + "thread tulip velvet violet walnut willow").split(" "));

    private final String run;
    private final Random random;

    BenchItems(String run, long seed) {
        this.run = run;
        this.random = new Random(seed);
    }

    /** {@code count} items as the push API takes them: url, title, body, published, source, lang. */
    List<Map<String, Object>> make(int count, int bytes, String prefix) {
        List<Map<String, Object>> items = new ArrayList<>(count);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < count; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("url", "https://bench.panelwatch.test/" + run + "/" + prefix + "-" + i);
            item.put("title", "Sanctions monitor note " + prefix + "-" + i + ": " + NEWS.get(random.nextInt(NEWS.size())).split(",")[0]);
            item.put("body", body(bytes));
            item.put("published", now.minusSeconds(random.nextInt(86_400)).toString());
            item.put("source", "Panelwatch benchmark");
            item.put("lang", "en");
            items.add(item);
        }
        return items;
    }

    /**
     * Two sentences of sanctions news and filler words, about {@code bytes} long. Items share only
     * their news sentences, so no two have the word shingles of one story in common; a body made
     * mostly of the same fifteen sentences would chain every item into one story.
     */
    String body(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 200);
        text.append(NEWS.get(random.nextInt(NEWS.size()))).append(' ');
        boolean middle = false;
        while (text.length() < bytes) {
            if (!middle && text.length() > bytes / 2) {
                text.append(NEWS.get(random.nextInt(NEWS.size()))).append(' ');
                middle = true;
            }
            for (int w = 0; w < 14; w++) {
                text.append(FILLER.get(random.nextInt(FILLER.size()))).append(' ');
            }
            text.append(random.nextInt(1_000_000)).append(".\n\n");
        }
        return text.toString();
    }
}
