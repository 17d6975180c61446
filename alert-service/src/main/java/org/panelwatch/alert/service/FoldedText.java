package org.panelwatch.alert.service;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folded for keyword matching: lower case, accents removed (NFD, then combining marks dropped),
 * runs of non-letters collapsed to one space and padded, so a keyword matches whole words only:
 * "Hwasong" finds "HWASONG-19" and "hwasöng" but "oil" does not match "soil".
 */
public final class FoldedText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final String folded;

    private FoldedText(String folded) {
        this.folded = folded;
    }

    public static FoldedText of(String... parts) {
        StringBuilder joined = new StringBuilder();
        for (String part : parts) {
            if (part != null) {
                joined.append(' ').append(part);
            }
        }
        return new FoldedText(" " + fold(joined.toString()) + " ");
    }

    /** The folded form of a keyword, as it must appear in a folded text. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String noMarks = MARKS.matcher(decomposed).replaceAll("");
        return SEPARATORS.matcher(noMarks.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /**
     * How a folded keyword appears in the {@link #padded} text when it occurs as whole words: with a space on
     * either side.
     */
    public static String asWords(String foldedKeyword) {
        return " " + foldedKeyword + " ";
    }

    /** The folded text, padded with a space at each end so that every word has a space on either side. */
    public String padded() {
        return folded;
    }

    /**
     * True when the folded keyword occurs as whole words; keywords must already be folded. The definition
     * the {@link KeywordIndex} follows (it looks for all keywords at once).
     */
    public boolean containsWords(String foldedKeyword) {
        return !foldedKeyword.isEmpty() && folded.contains(asWords(foldedKeyword));
    }
}
