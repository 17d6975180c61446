package org.panelwatch.ingest.mapping;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.panelwatch.ingest.feed.GdeltClient.Article;
import org.panelwatch.ingest.service.ItemSubmission;

/**
 * GDELT articles become submissions like feed entries. GDELT gives no text, only a headline and the
 * page's address, so every item asks for its page ({@code needsPage}); the source is the publisher's
 * domain, the date when GDELT first saw the article.
 */
public final class GdeltArticleMapper {

    /** GDELT's {@code seendate}, e.g. {@code 20240619T101500Z} (UTC). */
    private static final DateTimeFormatter SEEN_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    /** GDELT names languages in English ("Korean", "Russian"); the JDK knows each ISO 639-1 code's English name. */
    private static final Map<String, String> LANGUAGE_CODES = languageCodes();

    private GdeltArticleMapper() {
    }

    /** Articles without an http(s) address or a headline are left out. */
    public static List<ItemSubmission> toSubmissions(List<Article> articles) {
        List<ItemSubmission> items = new ArrayList<>();
        for (Article article : articles) {
            String url = httpUrl(article.url());
            String title = article.title() == null ? null : article.title().strip();
            if (url == null || title == null || title.isEmpty()) {
                continue;
            }
            String source = article.domain() != null && !article.domain().isBlank()
                    ? article.domain().strip().toLowerCase(Locale.ROOT) : URI.create(url).getHost();
            items.add(new ItemSubmission(url, title, title, seenDate(article.seendate()), source,
                    languageCode(article.language()), null, true));
        }
        return items;
    }

    /** The ISO 639-1 code of a GDELT language name, or null (the normaliser then detects it). */
    public static String languageCode(String gdeltLanguage) {
        if (gdeltLanguage == null) {
            return null;
        }
        return LANGUAGE_CODES.get(gdeltLanguage.strip().toLowerCase(Locale.ROOT));
    }

    static Instant seenDate(String seendate) {
        if (seendate == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(seendate.strip(), SEEN_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String httpUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> languageCodes() {
        Map<String, String> codes = new HashMap<>();
        for (String code : Locale.getISOLanguages()) {
            String name = new Locale(code).getDisplayLanguage(Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (code.length() == 2 && !name.isEmpty()) {
                codes.putIfAbsent(name, code);
            }
        }
        return Map.copyOf(codes);
    }
}
