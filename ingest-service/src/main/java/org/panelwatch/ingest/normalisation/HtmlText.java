package org.panelwatch.ingest.normalisation;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Turns an HTML fragment or page into plain text with one paragraph per block element. */
final class HtmlText {

    /** A body is treated as HTML only when it carries tags that structure text; "a < b" stays text. */
    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile(
            "<(?:p|div|br|html|body|article|section|h[1-6]|li|ul|ol|span|a|em|strong|b|i|script|style|nav|figure"
                    + "|figcaption|table|tr|td|blockquote|img|header|footer|main)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);

    /** Page furniture and captions: never article text (captions also repeat as lines elsewhere). */
    private static final String DROPPED = "script, style, noscript, template, nav, figcaption, header, footer, aside, "
            + "form, button, iframe, svg, select, [aria-hidden=true]";

    private static final Set<String> BLOCKS = Set.of("p", "div", "article", "section", "main", "h1", "h2", "h3",
            "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
            "hr", "address", "body", "title");

    /** A whole page rather than a fragment: it opens with a doctype or an {@code <html>} element. */
    private static final Pattern WHOLE_PAGE = Pattern.compile("^\\s*(?:<\\?xml[^>]*>\\s*)?(?:<!--.*?-->\\s*)*"
            + "(?:<!doctype\\s+html|<html[\\s>])", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private HtmlText() {
    }

    static boolean isWholePage(String text) {
        return WHOLE_PAGE.matcher(text).find();
    }

    static boolean looksLikeHtml(String text) {
        return LOOKS_LIKE_HTML.matcher(text).find();
    }

    static String toText(String html) {
        Element body = Jsoup.parse(html).body();
        body.select(DROPPED).remove();
        StringBuilder out = new StringBuilder(html.length() / 2);
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText());
                } else if (node instanceof Element element) {
                    if (element.normalName().equals("br")) {
                        out.append('\n');
                    } else if (BLOCKS.contains(element.normalName())) {
                        out.append("\n\n");
                    } else if (element.normalName().equals("td") || element.normalName().equals("th")) {
                        out.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append("\n\n");
                }
            }
        }, body);
        return out.toString();
    }
}
