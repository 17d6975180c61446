package org.panelwatch.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * One article page from URL to content: robots.txt and the host's turn before every hop, the fetch,
 * then by what the page is: HTML through {@link PageText}, PDF through {@link PdfText}, plain text as
 * it is; anything else (images, archives, octet streams) is not a page.
 */
@ApplicationScoped
public class ArticlePages {

    /** The content, the address it was finally read from, and a note when only part was read. */
    public record Article(PageContent content, URI url, String note) {
    }

    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> PDF_TYPES = Set.of("application/pdf", "application/x-pdf");

    private final PageFetcher fetcher;
    private final RobotsRules robots;
    private final HostPace pace;
    private final PageText pageText;
    private final IngestConfig.Pages config;

    public ArticlePages(PageFetcher fetcher, RobotsRules robots, HostPace pace, PageText pageText, IngestConfig config) {
        this.fetcher = fetcher;
        this.robots = robots;
        this.pace = pace;
        this.pageText = pageText;
        this.config = config.pages();
    }

    public Article read(String url) throws PageFetchException, HostBusyException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PageFetchException("address-refused", "not a URL: " + url, false);
        }
        long deadline = System.nanoTime() + config.fetchTimeout().toNanos();
        PageFetcher.Answer answer = fetcher.fetchPage(uri, PageFetcher.Validators.NONE, target -> {
            BaseRobotRules rules = robots.rulesFor(target, deadline);
            if (!rules.isAllowed(target.toString())) {
                throw new PageFetchException("robots-disallowed", target + " is disallowed for " + PageFetcher.ROBOT_NAME
                        + " by robots.txt", false);
            }
            Duration interval = robots.interval(rules);
            pace.awaitTurn(target, interval, interval.multipliedBy(2), deadline);
        }, deadline);
        if (isConsentHost(answer.url())) {
            throw new PageFetchException("consent-wall", "redirected to " + answer.url(), false);
        }
        byte[] body = answer.body();
        String type = answer.mimeType();
        if (PDF_TYPES.contains(type) || startsWith(body, "%PDF-")) {
            PdfText.Read pdf = PdfText.read(body, config.maxPdfPages());
            String note = pdf.truncated() ? "pdf-truncated: read " + pdf.pagesRead() + " of " + pdf.pages() + " pages" : null;
            return new Article(pdf.content(), answer.url(), note);
        }
        boolean html = type == null || HTML_TYPES.contains(type);
        boolean plain = "text/plain".equals(type);
        if (!(html || plain) || looksBinary(body)) {
            throw new PageFetchException("not-a-page", answer.url() + " is " + (type == null ? "binary" : type)
                    + ", not HTML, PDF or text", false);
        }
        PageDecoder.Decoded decoded = PageDecoder.decode(body, answer.charsetParameter());
        PageContent content = plain
                ? new PageContent(decoded.text(), null, null, null, null, false)
                : pageText.extract(decoded.text(), answer.url().toString());
        return new Article(content, answer.url(), null);
    }

    /** Consent platforms answer from their own host (consent.example.com), whatever the article. */
    private static boolean isConsentHost(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("consent.") || host.contains(".consent.");
    }

    private static boolean startsWith(byte[] body, String magic) {
        if (body.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (body[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** NUL bytes early in the body: a binary file served as HTML (UTF-16 pages start with a byte order mark). */
    private static boolean looksBinary(byte[] body) {
        if (body.length >= 2 && ((body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff
                || (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe)) {
            return false;
        }
        int end = Math.min(body.length, 8192);
        for (int i = 0; i < end; i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
