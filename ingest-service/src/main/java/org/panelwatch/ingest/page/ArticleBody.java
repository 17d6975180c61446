package org.panelwatch.ingest.page;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Chooses the article's text among what the page declares and what its markup shows. */
final class ArticleBody {

    private ArticleBody() {
    }

    static String of(Document page, JsonLdArticle declared, String url) {
        Element content = ReadabilityArticle.content(page, url);
        String shown = content == null ? "" : BlockText.text(content);
        if (declared.hasBody()) {
            String ld = declaredText(declared.articleBody());
            if (ld.length() > shown.length() * 0.8) {
                return ld;
            }
        }
        return shown;
    }

    private static String declaredText(String articleBody) {
        return articleBody.indexOf('<') >= 0 ? BlockText.text(Jsoup.parseBodyFragment(articleBody).body())
                : articleBody.trim();
    }
}
