package org.panelwatch.ingest.normalisation;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;

/**
 * Detects the language of a text that came without one, among the languages Panelwatch reads.
 * Lingua's models are large: the detector is built once, on first use, and only for these languages.
 */
final class LanguageDetection {

    /** The undetermined language (ISO 639-2 {@code und}), for texts no model recognises. */
    static final String UNDETERMINED = "und";

    /** Enough text to decide; detection time grows with length. */
    private static final int SAMPLE_CHARS = 2_000;

    private static final Language[] LANGUAGES = {
        Language.ENGLISH, Language.RUSSIAN, Language.KOREAN, Language.JAPANESE, Language.CHINESE,
        Language.GERMAN, Language.FRENCH, Language.UKRAINIAN
    };

    private volatile LanguageDetector detector;

    String detect(String text) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        Language language = detector().detectLanguageOf(sample);
        if (language == Language.UNKNOWN) {
            return UNDETERMINED;
        }
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    private LanguageDetector detector() {
        LanguageDetector current = detector;
        if (current == null) {
            synchronized (this) {
                current = detector;
                if (current == null) {
                    current = LanguageDetectorBuilder.fromLanguages(LANGUAGES).build();
                    detector = current;
                }
            }
        }
        return current;
    }
}
