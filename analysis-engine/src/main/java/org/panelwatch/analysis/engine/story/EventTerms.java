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

    private record Term(String feature, Pattern pattern) {
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
            entry.forms().values().forEach(forms -> forms.forEach(form -> alternatives.add(regex(form))));
            if (!alternatives.isEmpty()) {
                terms.add(new Term(entry.type() + ":" + entry.id(), Pattern.compile(String.join("|", alternatives))));
            }
        }
        return new EventTerms(List.copyOf(terms));
    }

    /** The features ({@code act:…}, {@code claimant:…}, {@code place:…}) the text names. */
    Set<String> find(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (Term term : terms) {
            if (term.pattern().matcher(text).find()) {
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
        boolean acronym = form.length() <= 4 && form.equals(form.toUpperCase(java.util.Locale.ROOT));
        if (acronym) {
            return "(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])";
        }
        return "(?<![\\p{L}\\p{N}])(?iu:" + quoted + ")";
    }

    private static boolean unspaced(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }
}
