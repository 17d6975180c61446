package org.panelwatch.analysis.engine.story;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.data.GazetteerEntry;

/**
 * The literal check before each concept's pattern only skips patterns that cannot match: what is
 * found is what trying every pattern on the whole text finds.
 */
class EventTermsTest {

    private static final List<GazetteerEntry> ENTRIES = List.of(
            entry("act:troops", "deploy", "sent troops", "파병", "войск"),
            entry("claimant:nis", "NIS", "National Intelligence Service"),
            entry("place:kursk", "Kursk", "Курск"),
            // Code points whose case fold is not one step (Kelvin sign, dotted capital I, final sigma).
            entry("act:odd", "\u212Aelvin", "\u0130stanbul", "ΟΔΟΣ"));

    private static final List<String> TEXTS = List.of(
            "North Korea SENT TROOPS to the Kursk region, South Korea's NIS said.",
            "The nis and the Nisshin were not named; Europe's Kurskaya oblast neither.",
            "북한군 파병 규모가 늘었다고 국정원이 밝혔다. ВОЙСКА направлены в КУРСКУЮ область.",
            "A kelvin scale, an istanbul meeting and ὁδός in Greek; DEPLOYMENT and redeployed.",
            "\u212AELVIN units at \u0130STANBUL, οδος",
            "");

    @Test
    void findsWhatEveryPatternOnTheWholeTextFinds() {
        EventTerms terms = EventTerms.of(ENTRIES);
        for (String text : TEXTS) {
            assertEquals(everyPattern(text), terms.find(text), text);
        }
    }

    @Test
    void theBundledTermsFindTheSameWithAndWithoutTheCheck() {
        EventTerms terms = EventTerms.bundled();
        String text = "Pyongyang DEPLOYED troops; the NIS says casualties rose near Kursk. 북한군 파병, войска в Курской области.";
        Set<String> found = terms.find(text);
        assertEquals(Set.of("act:troops-deployed", "act:casualties"), Set.of("act:troops-deployed", "act:casualties").stream()
                .filter(found::contains).collect(java.util.stream.Collectors.toSet()));
    }

    /** The rule of EventTerms.regex, tried on the whole text for every concept. */
    private static Set<String> everyPattern(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (GazetteerEntry e : ENTRIES) {
            StringBuilder alternatives = new StringBuilder();
            for (String form : e.forms().get("*")) {
                String quoted = Pattern.quote(form);
                boolean unspaced = form.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
                String regex = unspaced ? quoted
                        : form.length() <= 4 && form.equals(form.toUpperCase(java.util.Locale.ROOT))
                        ? "(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])"
                        : "(?<![\\p{L}\\p{N}])(?iu:" + quoted + ")";
                alternatives.append(alternatives.isEmpty() ? "" : "|").append(regex);
            }
            if (Pattern.compile(alternatives.toString()).matcher(text).find()) {
                found.add(e.type() + ":" + e.id());
            }
        }
        return found;
    }

    private static GazetteerEntry entry(String feature, String... forms) {
        String[] parts = feature.split(":", 2);
        return new GazetteerEntry(parts[1], parts[0], parts[1], null, List.of(), Map.of("*", List.of(forms)));
    }
}
