package org.panelwatch.ingest.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Removes what is never article text, before the article is looked for: page furniture by its element
 * (navigation, asides, forms, media), hidden elements, schema.org microdata that only repeats the
 * page's metadata, and blocks whose class or id names them as boilerplate (sharing, related links,
 * newsletters, comments, captions, bylines, advertising), the markers trafilatura and Readability use.
 */
final class PageFurniture {

    private static final String NEVER_TEXT = "script, style, noscript, template, svg, canvas, iframe, object, embed, "
            + "video, audio, picture, button, input, select, textarea, nav, aside, footer, dialog, menu, figcaption, "
            + "[hidden], [aria-hidden=true], [role~=(?i)^(navigation|complementary|contentinfo|dialog|search|menu"
            + "|menubar|toolbar|alert|banner)$], [style~=(?i)display\\s*:\\s*none], [style~=(?i)visibility\\s*:\\s*hidden]";

    /** schema.org properties that describe the article rather than make up its text. */
    private static final Set<String> METADATA_PROPERTIES = Set.of("headline", "name", "author", "creator",
            "datepublished", "datemodified", "datecreated", "keywords", "mainentityofpage", "publisher",
            "description", "image", "thumbnailurl", "caption", "url", "alternativeheadline");

    /**
     * Class and id words that mark boilerplate, matched as whole words of the attribute
     * (split at spaces, {@code -}, {@code _} and case changes: "newsCaption" and "share-bar" match, "shared" does not).
     */
    private static final Pattern BOILERPLATE = Pattern.compile("(?i)(?:^|[\\s_-])(?:share|sharing|shares|social"
            + "|related|recommended|recommendations|newsletter|subscribe|subscription|signup|comment|comments"
            + "|disqus|byline|bylines|author|authors|caption|captions|credit|credits|promo|advert|advertisement"
            + "|ad|ads|adslot|sponsor|sponsored|breadcrumb|breadcrumbs|tags|toolbar|popup|modal|cookie|cookies"
            + "|consent|outbrain|taboola|sidebar|footer|masthead|menu|nav|navigation|timestamp"
            + "|dateline|date|dates|pubdate|print|email|follow|pagination|pager|skip|sr-only|visually-hidden|screen-reader-text"
            + "|most-popular|popular|trending|more-stories|read-more|readmore|see-also|also-read|inline-related"
            + "|article-meta|post-meta|entry-meta|meta)(?:$|[\\s_-])");

    private static final Pattern CASE_CHANGE = Pattern.compile("(\\p{Ll})(\\p{Lu})");

    // "tag" alone is not a marker: WordPress puts "tag-<name>" on the post's own container.

    /** Containers named for the content: never removed for a boilerplate word in their class. */
    private static final Pattern CONTENT = Pattern.compile("(?i)(?:article|post|entry|story|main)[\\s_-]?"
            + "(?:body|content|text)");

    /**
     * Some pages mark the whole article {@code mainEntityOfPage} or {@code description}: only a short
     * element with such a property is taken for metadata.
     */
    private static final int SHORT_METADATA = 400;

    private PageFurniture() {
    }

    static void remove(Element body) {
        body.select(NEVER_TEXT).remove();
        List<Element> doomed = new ArrayList<>();
        int pageText = body.text().length();
        for (Element element : body.getAllElements()) {
            if (element == body) {
                continue;
            }
            String property = element.attr("itemprop").toLowerCase();
            if (METADATA_PROPERTIES.contains(property) && element.text().length() <= SHORT_METADATA) {
                doomed.add(element);
                continue;
            }
            if (isMarkedBoilerplate(element) && element.text().length() < pageText / 2) {
                doomed.add(element);
            }
        }
        for (Element element : doomed) {
            element.remove();
        }
    }

    private static boolean isMarkedBoilerplate(Element element) {
        String name = element.normalName();
        if (name.equals("article") || name.equals("main") || name.equals("html") || name.equals("body")) {
            return false;
        }
        String marks = CASE_CHANGE.matcher(element.className() + " " + element.id()).replaceAll("$1 $2");
        if (marks.isBlank() || CONTENT.matcher(marks).find() || element.hasAttr("itemprop")) {
            return false;
        }
        return BOILERPLATE.matcher(marks).find();
    }
}
