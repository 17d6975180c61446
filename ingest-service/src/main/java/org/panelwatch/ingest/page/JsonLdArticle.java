package org.panelwatch.ingest.page;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The article a page describes of itself in schema.org JSON-LD ({@code <script type="application/ld+json">}):
 * the first NewsArticle, Article, BlogPosting, ReportageNewsArticle (or another *Article type) found at the
 * top level, in an array or in an {@code @graph}. Publishers' JSON-LD is often slightly broken (control
 * characters in strings, trailing commas), so it is read leniently; a script that still does not parse is
 * skipped.
 */
record JsonLdArticle(String articleBody, String headline, String datePublished, String inLanguage, String url) {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();

    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting",
            "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
            "reviewnewsarticle", "socialmediaposting", "liveblogposting", "techarticle", "scholarlyarticle",
            "report");

    static final JsonLdArticle NONE = new JsonLdArticle(null, null, null, null, null);

    /** The page's article, preferring one with a body; {@link #NONE} when the page declares none. */
    static JsonLdArticle of(Document page) {
        List<JsonNode> articles = new ArrayList<>();
        for (Element script : page.select("script[type~=(?i)application/ld\\+json]")) {
            try {
                collect(LENIENT.readTree(script.data().trim()), articles);
            } catch (Exception malformed) {
                // A broken block says nothing reliable; the page's HTML still does.
            }
        }
        JsonNode best = null;
        for (JsonNode article : articles) {
            if (best == null || text(article, "articleBody").length() > text(best, "articleBody").length()) {
                best = article;
            }
        }
        if (best == null) {
            return NONE;
        }
        return new JsonLdArticle(blankToNull(text(best, "articleBody")), blankToNull(text(best, "headline")),
                blankToNull(text(best, "datePublished")), blankToNull(text(best, "inLanguage")),
                blankToNull(url(best)));
    }

    boolean hasBody() {
        return articleBody != null;
    }

    private static void collect(JsonNode node, List<JsonNode> articles) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collect(element, articles));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (isArticle(node)) {
            articles.add(node);
        }
        collect(node.get("@graph"), articles);
        JsonNode main = node.get("mainEntity");
        if (main != null && main.isObject()) {
            collect(main, articles);
        }
    }

    private static boolean isArticle(JsonNode node) {
        JsonNode type = node.get("@type");
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (ARTICLE_TYPES.contains(one.asText().toLowerCase())) {
                    return true;
                }
            }
            return false;
        }
        return ARTICLE_TYPES.contains(type.asText().toLowerCase());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return "";
        }
        if (value.isArray()) {
            value = value.size() == 0 ? null : value.get(0);
        }
        return value != null && value.isValueNode() ? value.asText() : "";
    }

    private static String url(JsonNode node) {
        String url = text(node, "url");
        if (url.isEmpty()) {
            JsonNode main = node.get("mainEntityOfPage");
            if (main != null && main.isObject()) {
                url = text(main, "@id");
            } else if (main != null && main.isTextual()) {
                url = main.asText();
            }
        }
        return url;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
