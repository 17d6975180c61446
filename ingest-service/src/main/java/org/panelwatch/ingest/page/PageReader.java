package org.panelwatch.ingest.page;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads an article page: its body text and what it declares of itself (title, publication time, language,
 * canonical URL). See {@link ArticleBody} for how the body is chosen.
 */
public final class PageReader {

    /** Reads a page as served: the charset comes from a BOM or {@code <meta charset>}, else UTF-8. */
    public ExtractedPage read(byte[] html, String url) {
        try {
            return read(Jsoup.parse(new ByteArrayInputStream(html), null, url == null ? "" : url), url);
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
    }

    /** Reads a page already decoded to text. */
    public ExtractedPage read(String html, String url) {
        return read(Jsoup.parse(html, url == null ? "" : url), url);
    }

    /** Reads a page already parsed (the fetch path parses once and also looks for a paywall flag). */
    public ExtractedPage read(Document page, String pageUrl) {
        // Readability (Kotlin) refuses a null URL; a page pushed without one has no base to resolve against.
        String url = pageUrl == null ? "" : pageUrl;
        JsonLdArticle declared = JsonLdArticle.of(page);
        PageMetadata metadata = PageMetadata.of(page, declared, pageUrl);
        String body = ArticleBody.of(page, declared, metadata.title(), url);
        return new ExtractedPage(body, metadata.title(), metadata.published(), metadata.lang(), metadata.canonicalUrl());
    }
}
