package org.panelwatch.ingest.page;

import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** Chooses the article's text among what the page declares and what its markup shows. */
final class ArticleBody {

    private ArticleBody() {
    }

    /** Fewer words than this from the markup is a page without an article (a teaser, a title, a login wall). */
    private static final int MIN_WORDS = 25;

    static String of(Document page, JsonLdArticle declared, String title, String url) {
        Document pruned = page.clone();
        PageFurniture.remove(pruned.body());
        Element content = ReadabilityArticle.content(pruned, url);
        String shown = "";
        if (content != null) {
            LinkBlocks.remove(content);
            shown = withoutTitle(BlockText.paragraphs(content), title);
        }
        if (words(shown) < MIN_WORDS) {
            shown = "";
        }
        if (declared.hasBody()) {
            String ld = declaredText(declared.articleBody());
            if (ld.length() > shown.length() * 0.8) {
                return ld;
            }
        }
        return shown;
    }

    /** The headline repeated above the text is the title, not the body. */
    private static String withoutTitle(List<String> paragraphs, String title) {
        String titleKey = key(title);
        return String.join("\n\n", paragraphs.stream()
                .filter(paragraph -> titleKey.isEmpty() || !titleKey.startsWith(key(paragraph)) || key(paragraph).length() < 10)
                .toList());
    }

    private static String key(String text) {
        return text == null ? "" : String.join(" ", ExtractionScore.tokens(text)).toLowerCase(Locale.ROOT);
    }

    static int words(String text) {
        return ExtractionScore.tokens(text).size();
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
