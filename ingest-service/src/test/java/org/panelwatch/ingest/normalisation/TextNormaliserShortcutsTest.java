package org.panelwatch.ingest.normalisation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The normaliser's shortcuts answer exactly what the patterns they spare would answer. */
class TextNormaliserShortcutsTest {

    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\u200B\u2060\uFEFF\u00AD\\p{Cc}&&[^\\t\\n\\r]]");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？][\\p{Pf}\"')\\]]*$");

    private static final List<String> LINES = List.of("", " ", "a", "plain line of text.", " leading", "trailing ",
            "two  spaces", "tab\there", "nbsp\u00A0here", "thin\u2009space", "zero\u200Bwidth", "soft\u00ADhyphen",
            "bom\uFEFF", "nel\u0085line", "ctrl\u0001char", "line\u2028sep", "ideographic\u3000space", "word joiner\u2060",
            "He said: \u201CIt ended.\u201D", "(as reported.)", "It ended!\"'", "no end \u201D", "Question?]", "終わり。",
            "caption without end", "\u00BB", ".", "x.)", "quote' \u2019");

    @Test
    void aLineCountsAsFoldedExactlyWhenFoldingLeavesItUnchanged() {
        for (String line : LINES) {
            String folded = SPACES.matcher(INVISIBLE.matcher(line).replaceAll("")).replaceAll(" ").trim();
            if (TextNormaliser.isFolded(line)) {
                assertEquals(line, folded, "said to be folded: [" + line + "]");
            }
        }
        assertEquals(true, TextNormaliser.isFolded("plain line of text."));
        assertEquals(false, TextNormaliser.isFolded("two  spaces"));
    }

    @Test
    void aSentenceEndIsFoundWhereThePatternFindsOne() {
        for (String line : LINES) {
            assertEquals(SENTENCE_END.matcher(line).find(), TextNormaliser.endsSentence(line), "[" + line + "]");
        }
    }
}
