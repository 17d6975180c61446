package org.panelwatch.ingest.normalisation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.panelwatch.common.event.NewsItemEvent.NormalisationReport;
import org.panelwatch.ingest.page.PageReader;

/**
 * Cleans what publishers and scrapers send before anything leaves the service: HTML to text with
 * paragraph breaks (a whole page to its article's text), Unicode NFC, folded whitespace, no stray Markdown code fences, no repeated
 * paragraphs or caption lines, no trailing comment and share furniture, and a language.
 * Every removal is counted in the {@link NormalisationReport}.
 */
@ApplicationScoped
public class TextNormaliser {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\r\n\u2028\u2029\u0085]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    /** Invisible characters that only break matching: zero-width space, word joiner, BOM, soft hyphen. */
    private static final Pattern INVISIBLE = Pattern.compile("[\u200B\u2060\uFEFF\u00AD\\p{Cc}&&[^\\t\\n\\r]]");
    private static final String QUOTES = "\\p{Pi}\\p{Pf}\"'«»`";
    /**
     * A line that is only a fence: "```", "```html", and the debris of one that lost backticks or
     * gained a quote on the way ("“`html" opens one seed).
     */
    private static final Pattern FENCE_LINE = Pattern.compile(
            "^[" + QUOTES.replace("`", "") + "]*\\s*(?:`+|~{3,})\\s*[\\w+#.-]*\\s*[" + QUOTES.replace("`", "") + "]*$");
    private static final Pattern LEADING_FENCE = Pattern.compile("^(?:`{3,}|~{3,})[\\w+#.-]*\\s+(?=\\S)");
    private static final Pattern TRAILING_FENCE = Pattern.compile("(?<=\\S)\\s*(?:`{3,}|~{3,})[" + QUOTES + "]*$");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    /** Captions and headings are short; a longer line repeated is a repeated paragraph. */
    private static final int SHORT_LINE_WORDS = 20;
    private static final int SHORT_LINE_CHARS = 150;

    private final TrailingBoilerplate boilerplate;
    private final LanguageDetection languages;
    private final PageReader pages = new PageReader();

    public TextNormaliser() {
        this(TrailingBoilerplate.load(), new LanguageDetection());
    }

    TextNormaliser(TrailingBoilerplate boilerplate, LanguageDetection languages) {
        this.boilerplate = boilerplate;
        this.languages = languages;
    }

    /** Loads the language models in the background, so the first item without a language does not wait for them. */
    void warmUp(@Observes StartupEvent event) {
        Thread loader = new Thread(() -> languages.detect("Panelwatch reads the news in several languages."),
                "language-models");
        loader.setDaemon(true);
        loader.start();
    }

    /** A cleaned item: {@code text} is empty when nothing but furniture was sent. */
    public record NormalisedText(String title, String text, String lang, NormalisationReport report) {

        /** The title as the whole text, for an item whose only text is its headline (the title repeat is not dropped). */
        public NormalisedText headlineAsText() {
            return new NormalisedText(title, title, lang, new NormalisationReport(report.originalLength(), title.length(),
                    report.removedCodeFences(), report.removedRepeatedParagraphs(),
                    Math.max(0, report.removedRepeatedLines() - 1), report.removedBoilerplate(), report.languageDetected()));
        }
    }

    public NormalisedText normalise(String title, String body, String lang) {
        String cleanTitle = fold(nfc(HtmlText.looksLikeHtml(title) ? Jsoup.parse(title).text() : title));
        String plain = plainText(body);

        Counts counts = new Counts();
        List<String> lines = linesWithoutFences(nfc(plain), counts);
        List<String> paragraphs = withoutRepeats(lines, TrailingBoilerplate.key(cleanTitle), counts);
        while (!paragraphs.isEmpty() && boilerplate.matches(paragraphs.get(paragraphs.size() - 1))) {
            paragraphs.remove(paragraphs.size() - 1);
            counts.boilerplate++;
        }
        String text = String.join("\n\n", paragraphs);

        boolean detect = lang == null || lang.isBlank();
        String language = detect
                ? languages.detect(cleanTitle + "\n" + text)
                : lang.trim().toLowerCase(Locale.ROOT);
        NormalisationReport report = new NormalisationReport(body.length(), text.length(), counts.fences,
                counts.paragraphs, counts.lines, counts.boilerplate, detect);
        return new NormalisedText(cleanTitle, text, language, report);
    }

    /**
     * A whole page is read as an article page (its JSON-LD {@code articleBody}, else the article element),
     * so that a page whose text sits only in JSON-LD or among menus and comments is not refused or
     * stored with its furniture; a fragment, or a page where no article is found, is converted as it is.
     */
    private String plainText(String body) {
        if (HtmlText.isWholePage(body)) {
            String article = pages.read(body, null).articleBody();
            if (!article.isEmpty()) {
                return article;
            }
        }
        return HtmlText.looksLikeHtml(body) ? HtmlText.toText(body) : body;
    }

    private static List<String> linesWithoutFences(String text, Counts counts) {
        List<String> lines = new ArrayList<>();
        for (String raw : LINE_BREAK.split(text)) {
            String line = fold(raw);
            if (line.isEmpty()) {
                continue;
            }
            // Every fence pattern needs a backtick or three tildes: most lines have neither, and the
            // trailing-fence search would otherwise be tried at every position of every line.
            if (line.indexOf('`') < 0 && !line.contains("~~~")) {
                lines.add(line);
                continue;
            }
            if (FENCE_LINE.matcher(line).matches()) {
                counts.fences++;
                continue;
            }
            Matcher leading = LEADING_FENCE.matcher(line);
            if (leading.find()) {
                line = line.substring(leading.end());
                counts.fences++;
            }
            Matcher trailing = TRAILING_FENCE.matcher(line);
            if (trailing.find()) {
                line = line.substring(0, trailing.start());
                counts.fences++;
            }
            lines.add(line);
        }
        return lines;
    }

    /**
     * Drops a line that repeats the title, a paragraph that repeats an earlier one (syndication and
     * scrapers append the last paragraphs twice), and every occurrence of a short line without a
     * sentence end that occurs more than once: an image caption or credit scattered through the page.
     */
    private static List<String> withoutRepeats(List<String> lines, String titleKey, Counts counts) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<String> keys = new ArrayList<>(lines.size());
        for (String line : lines) {
            String key = matchKey(line);
            keys.add(key);
            occurrences.merge(key, 1, Integer::sum);
        }
        Set<String> seen = new HashSet<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String key = keys.get(i);
            if (key.isEmpty()) {
                kept.add(line);
            } else if (isShort(line) && key.equals(titleKey)) {
                counts.lines++;
            } else if (isShort(line) && !endsSentence(line) && occurrences.get(key) > 1) {
                counts.lines++;
            } else if (!seen.add(key)) {
                counts.paragraphs++;
            } else {
                kept.add(line);
            }
        }
        return kept;
    }

    /**
     * Whether the line ends a sentence, as the pattern {@code [.!?。！？][\\p{Pf}"')\\]]*$} would find, read from the end: closing quotes and
     * brackets skipped, is the character before them a sentence end? (Those closers are never
     * sentence ends themselves, so the match can only start there.)
     */
    static boolean endsSentence(String line) {
        int j = line.length() - 1;
        while (j >= 0 && isCloser(line.charAt(j))) {
            j--;
        }
        return j >= 0 && ".!?。！？".indexOf(line.charAt(j)) >= 0;
    }

    private static boolean isCloser(char c) {
        return Character.getType(c) == Character.FINAL_QUOTE_PUNCTUATION || c == '"' || c == '\'' || c == ')' || c == ']';
    }

    private static boolean isShort(String line) {
        return line.length() <= SHORT_LINE_CHARS && line.split(" ").length <= SHORT_LINE_WORDS;
    }

    /** Case, punctuation, quotes and spacing do not make a repeated paragraph new. */
    private static String matchKey(String line) {
        return NOT_WORD.matcher(line.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static String fold(String line) {
        if (isFolded(line)) {
            return line;
        }
        return SPACES.matcher(INVISIBLE.matcher(line).replaceAll("")).replaceAll(" ").trim();
    }

    /**
     * True when {@link #fold} would return the line unchanged: no invisible or control character, no
     * space other than single ASCII spaces between other characters. Most lines of a clean text are,
     * and two replaceAll passes over each of them were a fifth of the push API's CPU (issue 15).
     */
    static boolean isFolded(String line) {
        int last = line.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u200B' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD') {
                return false;
            }
            if (c == ' ') {
                if (i == 0 || i == last || line.charAt(i - 1) == ' ') {
                    return false;
                }
            } else if (Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    private static final class Counts {
        int fences;
        int paragraphs;
        int lines;
        int boilerplate;
    }
}
