package org.panelwatch.ingest.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Writes an element's text as paragraphs: one per block element, {@code <br>} a line break, spaces folded. */
final class BlockText {

    static final Set<String> BLOCKS = Set.of("p", "div", "article", "section", "main", "h1", "h2", "h3", "h4",
            "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
            "figcaption", "hr", "address", "body", "header", "footer", "aside", "nav", "details", "summary",
            "center", "form", "fieldset", "caption", "tbody", "thead");

    private BlockText() {
    }

    /** The paragraphs of {@code root}, in order, without empty ones. */
    static List<String> paragraphs(Element root) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    // A line break in the HTML source is white space (HTML 4.01, 9.1), not a paragraph break,
                    // except inside <pre>; only <br> and block elements break the text.
                    current.append(inPre(text) ? text.getWholeText() : text.getWholeText().replace('\r', ' ').replace('\n', ' '));
                } else if (node instanceof Element element) {
                    String name = element.normalName();
                    if (name.equals("br")) {
                        current.append('\n');
                    } else if (BLOCKS.contains(name)) {
                        flush(current, paragraphs);
                    } else if (name.equals("td") || name.equals("th")) {
                        current.append(' ');
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    flush(current, paragraphs);
                }
            }
        }, root);
        flush(current, paragraphs);
        return paragraphs;
    }

    private static boolean inPre(Node node) {
        for (Node n = node.parent(); n != null; n = n.parent()) {
            if (n instanceof Element e && e.normalName().equals("pre")) {
                return true;
            }
        }
        return false;
    }

    static String text(Element root) {
        return String.join("\n\n", paragraphs(root));
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        if (current.isEmpty()) {
            return;
        }
        for (String line : current.toString().split("\n")) {
            String folded = fold(line);
            if (!folded.isEmpty()) {
                paragraphs.add(folded);
            }
        }
        current.setLength(0);
    }

    /** Every run of white space, NBSP included, to one space; zero-width characters removed. */
    static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
