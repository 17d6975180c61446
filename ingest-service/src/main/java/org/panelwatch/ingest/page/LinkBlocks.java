package org.panelwatch.ingest.page;

import org.jsoup.nodes.Element;

/**
 * Removes blocks that are mostly links from an article element: "read more" teasers, lists of related
 * stories and tag lists that sit among the paragraphs. Readability's link density, applied per block
 * after the article was chosen rather than only while choosing it.
 */
final class LinkBlocks {

    private static final String BLOCKS = "p, li, ul, ol, dl, div, section, table, h2, h3, h4, h5, h6, span";

    /** More than this share of a block's characters inside links makes it a link block. */
    private static final double LINK_DENSITY = 0.6;

    private LinkBlocks() {
    }

    static void remove(Element content) {
        for (Element block : content.select(BLOCKS)) {
            if (block.parent() == null) {
                continue;
            }
            int text = letters(block.text());
            if (text == 0) {
                continue;
            }
            int linked = 0;
            for (Element link : block.select("a")) {
                linked += letters(link.text());
            }
            if (linked > LINK_DENSITY * text) {
                block.remove();
            }
        }
    }

    private static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
