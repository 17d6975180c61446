package org.panelwatch.ingest.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A plain extractor in the order trafilatura and Readability trust a page: what it says of itself
 * (JSON-LD {@code articleBody}, {@code og:} and {@code article:} meta), then the paragraphs of its
 * {@code <article>}, then the paragraphs of the whole body.
 */
@DefaultBean
@ApplicationScoped
public class JsoupPageText implements PageText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*");
    /** Paragraphs shorter than this in a page body are menus, bylines and buttons. */
    private static final int MIN_BODY_PARAGRAPH = 40;

    @Override
    public PageContent extract(String html, String pageUrl) {
        Document page = Jsoup.parse(html, pageUrl);
        List<JsonNode> linkedData = linkedData(page);
        String body = firstText(linkedData, "articleBody");
        if (body == null) {
            body = paragraphs(page.select("article p, article li, article h2, article h3"), 1);
        }
        if (body == null) {
            body = paragraphs(page.select("body p"), MIN_BODY_PARAGRAPH);
        }
        String title = firstNonBlank(meta(page, "og:title"), firstText(linkedData, "headline"), page.title(),
                page.selectFirst("h1") == null ? null : page.selectFirst("h1").text());
        Instant published = instant(firstNonBlank(meta(page, "article:published_time"),
                firstText(linkedData, "datePublished"),
                page.selectFirst("time[datetime]") == null ? null : page.selectFirst("time[datetime]").attr("datetime")));
        String canonical = page.selectFirst("link[rel=canonical][href]") == null ? null
                : page.selectFirst("link[rel=canonical][href]").absUrl("href");
        if (canonical == null || canonical.isBlank()) {
            String ogUrl = page.selectFirst("meta[property=og:url][content]") == null ? null
                    : page.selectFirst("meta[property=og:url][content]").absUrl("content");
            canonical = ogUrl == null || ogUrl.isBlank() ? null : ogUrl;
        }
        String lang = page.selectFirst("html[lang]") == null ? null : page.selectFirst("html[lang]").attr("lang").trim();
        lang = lang != null && LANGUAGE.matcher(lang).matches() ? lang.split("[-_]")[0].toLowerCase(Locale.ROOT) : null;
        boolean paywalled = linkedData.stream().anyMatch(JsoupPageText::notFree);
        return new PageContent(body, title, published, lang, canonical, paywalled);
    }

    private static List<JsonNode> linkedData(Document page) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                collect(JSON.readTree(script.data()), nodes);
            } catch (Exception e) {
                // Malformed JSON-LD is common; the page has other ways to speak.
            }
        }
        return nodes;
    }

    /** Every object in the tree (arrays and {@code @graph} flattened). */
    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        } else if (node.isObject()) {
            into.add(node);
            collect(node.get("@graph"), into);
            collect(node.get("hasPart"), into);
        }
    }

    /** schema.org {@code isAccessibleForFree: false}, the flag Google asks paywalled pages to carry. */
    private static boolean notFree(JsonNode node) {
        JsonNode free = node.get("isAccessibleForFree");
        return free != null && (free.isBoolean() ? !free.asBoolean() : free.asText().equalsIgnoreCase("false"));
    }

    private static String firstText(List<JsonNode> nodes, String field) {
        for (JsonNode node : nodes) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return Jsoup.parse(value.asText()).wholeText().strip();
            }
        }
        return null;
    }

    private static String paragraphs(Elements elements, int minLength) {
        StringBuilder text = new StringBuilder();
        for (Element element : elements) {
            String paragraph = element.text().strip();
            if (paragraph.length() >= minLength) {
                if (text.length() > 0) {
                    text.append("\n\n");
                }
                text.append(paragraph);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static String meta(Document page, String property) {
        Element meta = page.selectFirst("meta[property=" + property + "][content], meta[name=" + property + "][content]");
        return meta == null ? null : meta.attr("content").strip();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.length() >= 10 ? value.substring(0, 10) : value).atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
