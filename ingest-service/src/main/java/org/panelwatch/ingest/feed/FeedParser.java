package org.panelwatch.ingest.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import org.xml.sax.InputSource;

/**
 * Parses RSS 0.9x, 1.0 (RDF), 2.0 and Atom with Rome. Document type declarations are refused, so
 * neither external entities (XXE) nor entity expansion (a "billion laughs" DTD bomb) can reach the
 * parser: such a feed fails on its own and nothing else happens.
 */
@ApplicationScoped
public class FeedParser {

    public SyndFeed parse(byte[] body) throws FeedFetchException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(true);
        try {
            // A byte stream lets the XML parser honour the document's own encoding declaration.
            return input.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedFetchException("Not a readable RSS or Atom feed: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
