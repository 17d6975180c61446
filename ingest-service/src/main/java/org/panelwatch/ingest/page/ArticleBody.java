package org.panelwatch.ingest.page;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** Chooses the article's text among what the page declares and what its markup shows. */
final class ArticleBody {

    private ArticleBody() {
    }

    static String of(Document page, JsonLdArticle declared, String url) {
        Document pruned = page.clone();
        PageFurniture.remove(pruned.body());
        Element content = ReadabilityArticle.content(pruned, url);
        String shown = content == null ? "" : BlockText.text(content);
        if (declared.hasBody()) {
            String ld = declaredText(declared.articleBody());
            if (ld.length() > shown.length() * 0.8) {
                return ld;
            }
        }
        return shown;
    }

    /**
     * JSON-LD bodies come as plain text, as HTML, or as HTML escaped once more ({@code &lt;h2&gt;}): entities
     * are decoded first, and what then holds tags is read as HTML.
     */
    private static String declaredText(String articleBody) {
        String decoded = articleBody.indexOf('&') >= 0 ? Parser.unescapeEntities(articleBody, false) : articleBody;
        if (decoded.indexOf('<') >= 0) {
            return BlockText.text(Jsoup.parseBodyFragment(decoded).body());
        }
        return String.join("\n\n", decoded.lines().map(BlockText::fold).filter(line -> !line.isEmpty()).toList());
    }
}
