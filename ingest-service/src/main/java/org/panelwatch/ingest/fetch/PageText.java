package org.panelwatch.ingest.fetch;

/**
 * Finds the article in an HTML page. The fetching code calls extraction only through this, in one
 * place ({@link ArticlePages}); {@link ArticlePageText} reads pages with the benchmarked extractor.
 */
public interface PageText {

    /** The page's content; {@code pageUrl} resolves relative links such as the canonical one. */
    PageContent extract(String html, String pageUrl);
}
