package org.panelwatch.ingest.page;

/**
 * What an article page says, read from its HTML.
 *
 * @param articleBody the article's text, paragraphs and headings in page order separated by a blank
 *                    line; empty when the page holds no article text
 * @param title       the article's headline, or null
 * @param published   the publication time as the page states it (ISO-8601 as written), or null
 * @param lang        the page's language tag as declared (e.g. {@code en}, {@code pt-BR}), or null
 * @param canonicalUrl the page's canonical URL, else the URL it was read from
 */
public record ExtractedPage(String articleBody, String title, String published, String lang, String canonicalUrl) {
}
