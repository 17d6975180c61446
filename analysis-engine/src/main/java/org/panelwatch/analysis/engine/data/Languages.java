package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.Locale;

/** The languages the rules and analyzers cover, and how an item's language is settled. */
public final class Languages {

    public static final List<String> SUPPORTED = List.of("en", "ru", "uk", "ko", "ja", "zh", "de", "fr");

    private Languages() {
    }

    /**
     * The declared language when supported ({@code en-GB} → {@code en}); otherwise a guess from the
     * script of the text: Hangul → ko, kana → ja, other Han → zh, Cyrillic → ru (uk when it has the
     * letters only Ukrainian writes: і ї є ґ), anything else → en.
     */
    public static String resolve(String declared, String text) {
        if (declared != null && !declared.isBlank()) {
            String code = declared.strip().toLowerCase(Locale.ROOT);
            int dash = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
            if (dash > 0) {
                code = code.substring(0, dash);
            }
            if (SUPPORTED.contains(code)) {
                return code;
            }
        }
        return guess(text);
    }

    static String guess(String text) {
        int hangul = 0, kana = 0, han = 0, cyrillic = 0, ukrainian = 0, letters = 0;
        int end = Math.min(text.length(), 4000);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            letters++;
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            switch (script) {
                case HANGUL -> hangul++;
                case HIRAGANA, KATAKANA -> kana++;
                case HAN -> han++;
                case CYRILLIC -> {
                    cyrillic++;
                    if ("іїєґІЇЄҐ".indexOf(c) >= 0) {
                        ukrainian++;
                    }
                }
                default -> {
                }
            }
        }
        if (letters == 0) {
            return "en";
        }
        if (hangul * 5 > letters) {
            return "ko";
        }
        if (kana * 10 > letters) {
            return "ja";
        }
        if (han * 3 > letters) {
            return "zh";
        }
        if (cyrillic * 3 > letters) {
            // about one Ukrainian letter in twenty (і is among the most frequent); Russian has none of them
            return ukrainian * 50 > cyrillic ? "uk" : "ru";
        }
        return "en";
    }
}
