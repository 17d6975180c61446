package org.panelwatch.ingest.normalisation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reader-comment, sharing and "read more" lines that pages put below an article, in many
 * languages; the phrases live in {@code normalisation/trailing-boilerplate.txt}.
 */
final class TrailingBoilerplate {

    static final String RESOURCE = "normalisation/trailing-boilerplate.txt";

    /** What a phrase may be followed by and still be furniture: "Comments (12)", "Share: X Facebook". */
    private static final int MAX_EXTRA_WORDS = 4;
    private static final int MAX_EXTRA_CHARS = 30;
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\p{M}]+");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?。！？]\\s*$");

    private final List<String> phrases;

    TrailingBoilerplate(List<String> phrases) {
        this.phrases = phrases.stream().map(TrailingBoilerplate::key).filter(p -> !p.isEmpty()).distinct().toList();
    }

    static TrailingBoilerplate load() {
        List<String> phrases = new ArrayList<>();
        try (InputStream in = TrailingBoilerplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    phrases.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrailingBoilerplate(phrases);
    }

    boolean matches(String line) {
        String key = key(line);
        if (key.isEmpty()) {
            // Only digits and punctuation ("12", "|", "•••"): counters and separators of the trailer.
            return true;
        }
        for (String phrase : phrases) {
            if (key.equals(phrase)) {
                return true;
            }
            if (key.startsWith(phrase + " ") || isCjkPrefix(key, phrase)) {
                String extra = key.substring(phrase.length()).trim();
                if (!SENTENCE_END.matcher(line).find() && extra.length() <= MAX_EXTRA_CHARS
                        && extra.split(" ").length <= MAX_EXTRA_WORDS) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Scripts written without spaces continue a phrase directly: "分享到微信". */
    private static boolean isCjkPrefix(String key, String phrase) {
        if (!key.startsWith(phrase) || key.length() == phrase.length()) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(phrase.codePointAt(0));
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    static String key(String text) {
        return NOT_LETTER.matcher(text.toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").trim();
    }
}
