package org.panelwatch.analysis.engine.story;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.data.GazetteerEntry;
import org.panelwatch.analysis.engine.data.GazetteerReader;

/**
 * The words of {@code panelwatch/story/event-terms.yaml}: what happened (acts), who says so or takes
 * part (claimants) and places the gazetteers do not hold, each a concept with its forms in every
 * language. Every form is looked for in every text, so the concept found does not depend on the
 * language the item is written in.
 */
final class EventTerms {

    static final String RESOURCE = "/panelwatch/story/event-terms.yaml";

    /**
     * A concept's pattern and, for each of its forms, a literal that any match must contain: the form
     * itself where the pattern matches it in its own case, else the form case-folded as the pattern's
     * case-insensitive matching folds it ({@link #fold}). A text containing none of them cannot match,
     * so the pattern, which is tried at every position of the text, runs only where it can succeed.
     * Null {@code folded} (or {@code exact}) literals: no form of that kind.
     */
    private record Term(String feature, Pattern pattern, List<String> exact, List<String> folded) {

        boolean mayMatch(String text, String foldedText) {
            for (String literal : exact) {
                if (text.contains(literal)) {
                    return true;
                }
            }
            for (String literal : folded) {
                if (foldedText.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Term> terms;

    private EventTerms(List<Term> terms) {
        this.terms = terms;
    }

    static EventTerms bundled() {
        try (InputStream in = EventTerms.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + RESOURCE);
            }
            return of(GazetteerReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE));
        } catch (IOException e) {
            throw new CatalogueException(null, RESOURCE + " is unreadable: " + e.getMessage(), e);
        }
    }

    static EventTerms of(List<GazetteerEntry> entries) {
        List<Term> terms = new ArrayList<>();
        for (GazetteerEntry entry : entries) {
            List<String> alternatives = new ArrayList<>();
            List<String> exact = new ArrayList<>();
            List<String> folded = new ArrayList<>();
            entry.forms().values().forEach(forms -> forms.forEach(form -> {
                alternatives.add(regex(form));
                if (caseSensitive(form)) {
                    exact.add(form);
                } else if (foldsStably(form)) {
                    folded.add(fold(form));
                } else {
                    // A form whose fold is not stable: no safe literal, so the pattern always runs.
                    exact.add("");
                }
            }));
            if (!alternatives.isEmpty()) {
                terms.add(new Term(entry.type() + ":" + entry.id(), Pattern.compile(String.join("|", alternatives)),
                        List.copyOf(exact), List.copyOf(folded)));
            }
        }
        return new EventTerms(List.copyOf(terms));
    }

    /** The features ({@code act:…}, {@code claimant:…}, {@code place:…}) the text names. */
    Set<String> find(String text) {
        Set<String> found = new LinkedHashSet<>();
        String folded = fold(text);
        for (Term term : terms) {
            if (term.mayMatch(text, folded) && term.pattern().matcher(text).find()) {
                found.add(term.feature());
            }
        }
        return found;
    }

    /**
     * Korean, Japanese and Chinese forms anywhere; other forms at the start of a word, ignoring case.
     * Short capitalised forms (NIS, HUR, EU) only as whole words in their own case, else "EU" would
     * match "Europe" and "nis" the end of many words.
     */
    private static String regex(String form) {
        String quoted = Pattern.quote(form);
        if (form.codePoints().anyMatch(EventTerms::unspaced)) {
            return quoted;
        }
        if (caseSensitive(form)) {
            return "(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])";
        }
        return "(?<![\\p{L}\\p{N}])(?iu:" + quoted + ")";
    }

    /** Forms the pattern matches only in their own case: unspaced scripts and short acronyms. */
    private static boolean caseSensitive(String form) {
        return form.codePoints().anyMatch(EventTerms::unspaced)
                || form.length() <= 4 && form.equals(form.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * The case fold of {@code (?iu:...)} literals: java.util.regex compares {@code
     * toLowerCase(toUpperCase(c))} of each code point of the text with the same of the pattern's, so a
     * text matching a form case-insensitively contains the form's fold in its own fold, code point by
     * code point, whenever folding the form's code points twice changes nothing ({@link #foldsStably}).
     */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> folded.appendCodePoint(foldOf(cp)));
        return folded.toString();
    }

    private static int foldOf(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static boolean foldsStably(String form) {
        return form.codePoints().allMatch(cp -> foldOf(foldOf(cp)) == foldOf(cp));
    }

    private static boolean unspaced(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }
}
