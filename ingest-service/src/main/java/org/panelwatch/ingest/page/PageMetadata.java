package org.panelwatch.ingest.page;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The title, publication time, language and canonical URL a page declares, each from the most specific
 * source first: JSON-LD, then Open Graph and {@code article:} meta (ogp.me), then plain HTML.
 */
record PageMetadata(String title, String published, String lang, String canonicalUrl) {

    static PageMetadata of(Document page, JsonLdArticle declared, String pageUrl) {
        String title = first(declared.headline(), meta(page, "og:title"), meta(page, "twitter:title"),
                page.title(), firstText(page, "h1"));
        String published = firstDate(declared.datePublished(), meta(page, "article:published_time"),
                meta(page, "datePublished"), meta(page, "pubdate"), meta(page, "date"),
                attr(page, "[itemprop=datePublished]", "content"), attr(page, "time[datetime]", "datetime"));
        String lang = first(attr(page, "html[lang]", "lang"), attr(page, "html[xml:lang]", "xml:lang"),
                meta(page, "content-language"), declared.inLanguage(), locale(meta(page, "og:locale")));
        String canonical = first(absolute(page.selectFirst("link[rel~=(?i)^canonical$][href]")),
                meta(page, "og:url"), declared.url(), pageUrl);
        return new PageMetadata(title, published, lang, canonical);
    }

    /** The content of a {@code <meta>} by property, name or http-equiv (case-insensitive). */
    private static String meta(Document page, String key) {
        for (Element meta : page.select("meta[content]")) {
            if (key.equalsIgnoreCase(meta.attr("property")) || key.equalsIgnoreCase(meta.attr("name"))
                    || key.equalsIgnoreCase(meta.attr("http-equiv")) || key.equalsIgnoreCase(meta.attr("itemprop"))) {
                return meta.attr("content");
            }
        }
        return null;
    }

    private static String attr(Document page, String selector, String attribute) {
        Element element = page.selectFirst(selector);
        return element == null ? null : element.attr(attribute);
    }

    private static String firstText(Document page, String selector) {
        Element element = page.selectFirst(selector);
        return element == null ? null : element.text();
    }

    private static String absolute(Element link) {
        if (link == null) {
            return null;
        }
        String url = link.absUrl("href");
        return url.isEmpty() ? link.attr("href") : url;
    }

    /** {@code og:locale} is written {@code en_US}; a language tag uses a hyphen. */
    private static String locale(String value) {
        return value == null ? null : value.replace('_', '-');
    }

    /** Some pages write a placeholder ("0001-01-01T00:00:00Z") where the date is missing: skipped. */
    private static String firstDate(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank() && !value.trim().startsWith("0001-") && !value.trim().startsWith("1970-01-01")) {
                return value.trim();
            }
        }
        return null;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return BlockText.fold(value);
            }
        }
        return null;
    }
}
