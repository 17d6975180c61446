package org.panelwatch.ingest.page;

import net.dankito.readability4j.Article;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Mozilla Readability's choice of the article element (Readability4J, its JVM port). Readability changes
 * the document it reads, so it is given a copy.
 */
final class ReadabilityArticle {

    private ReadabilityArticle() {
    }

    /** The element Readability takes for the article, or null when it finds none. */
    static Element content(Document page, String url) {
        try {
            Article article = new Readability4JExtended(url, page.clone()).parse();
            return article.getArticleContent();
        } catch (RuntimeException failed) {
            // Readability gives up on some malformed pages; the caller falls back to its own reading.
            return null;
        }
    }

    /** Readability's own text of the article, as Readability4J gives it: the baseline of the benchmark. */
    static String textContent(Document page, String url) {
        try {
            String text = new Readability4JExtended(url, page.clone()).parse().getTextContent();
            return text == null ? "" : text;
        } catch (RuntimeException failed) {
            return "";
        }
    }
}
