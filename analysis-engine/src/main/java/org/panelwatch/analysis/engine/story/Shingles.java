package org.panelwatch.analysis.engine.story;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Word 3-shingles of a text, the near-duplicate measure of the analysis service (which estimates
 * their Jaccard similarity with MinHash): lower-cased runs of letters and digits, each Han or kana
 * character a word of its own. The service's MinHash fingerprint reads its words with {@link #words}, so
 * the evaluation and the service split a text the same way.
 */
public final class Shingles {

    private Shingles() {
    }

    static Set<Long> of(String title, String body) {
        List<String> words = words((title == null ? "" : title) + "\n" + (body == null ? "" : body));
        Set<Long> shingles = new HashSet<>();
        for (int i = 0; i + 3 <= words.size(); i++) {
            shingles.add(((long) words.get(i).hashCode() * 31 + words.get(i + 1).hashCode()) * 1_000_003L
                    + words.get(i + 2).hashCode());
        }
        return shingles;
    }

    static double jaccard(Set<Long> a, Set<Long> b) {
        if (a.size() < 8 || b.size() < 8) {
            return 0;
        }
        int shared = 0;
        for (Long s : a.size() <= b.size() ? a : b) {
            if ((a.size() <= b.size() ? b : a).contains(s)) {
                shared++;
            }
        }
        return shared / (double) (a.size() + b.size() - shared);
    }

    /**
     * Lower-cased runs of letters and digits; Han and kana characters count one word each, since
     * Chinese and Japanese are written without spaces.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(Character.toLowerCase(cp));
            } else {
                flush(word, words);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
