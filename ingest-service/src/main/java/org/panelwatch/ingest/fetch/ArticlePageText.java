package org.panelwatch.ingest.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.panelwatch.ingest.page.ExtractedPage;
import org.panelwatch.ingest.page.PageReader;

/**
 * A fetched page's content as the fetch path needs it: the article and its metadata from
 * {@link PageReader} (the extractor measured on the benchmark pages), plus whether the page says it is
 * paywalled (schema.org {@code isAccessibleForFree: false}, the flag Google asks paywalled pages to carry).
 */
@ApplicationScoped
public class ArticlePageText implements PageText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PageReader reader = new PageReader();

    @Override
    public PageContent extract(String html, String pageUrl) {
        Document page = Jsoup.parse(html, pageUrl == null ? "" : pageUrl);
        boolean paywalled = declaresPaywall(page);
        ExtractedPage read = reader.read(page.clone(), pageUrl);
        String body = read.articleBody().isBlank() ? shortArticle(page) : read.articleBody();
        return new PageContent(body, read.title(), instant(read.published()), primaryLanguage(read.lang()),
                read.canonicalUrl(), paywalled);
    }

    /**
     * The reader takes fewer than 25 words for a page without an article; a fetched page may still hold
     * a short notice or brief worth more than its feed summary, so its article's (else its body's)
     * paragraphs are offered, and {@code PageFetchService} keeps them only if they say more than the summary.
     */
    private static String shortArticle(Document page) {
        Elements paragraphs = page.select("article p, article li, article h2, article h3");
        if (paragraphs.isEmpty()) {
            paragraphs = page.select("body p");
        }
        return String.join("\n\n", paragraphs.eachText().stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    private static boolean declaresPaywall(Document page) {
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                if (notFree(JSON.readTree(script.data()))) {
                    return true;
                }
            } catch (IOException malformed) {
                // A page's broken JSON-LD says nothing about a paywall.
            }
        }
        return false;
    }

    private static boolean notFree(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (notFree(element)) {
                    return true;
                }
            }
            return false;
        }
        JsonNode free = node.get("isAccessibleForFree");
        if (free != null && (free.isBoolean() ? !free.asBoolean() : free.asText().equalsIgnoreCase("false"))) {
            return true;
        }
        return notFree(node.get("@graph")) || notFree(node.get("hasPart"));
    }

    private static String primaryLanguage(String tag) {
        if (tag == null || !tag.matches("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")) {
            return null;
        }
        return tag.split("[-_]")[0].toLowerCase(Locale.ROOT);
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDate.parse(value.strip().substring(0, Math.min(10, value.strip().length())))
                            .atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }
}
