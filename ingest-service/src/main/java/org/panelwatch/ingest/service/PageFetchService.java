package org.panelwatch.ingest.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.fetch.ArticlePages;
import org.panelwatch.ingest.fetch.HostBusyException;
import org.panelwatch.ingest.fetch.PageContent;
import org.panelwatch.ingest.fetch.PageFetchException;
import org.panelwatch.ingest.mapping.NewsItemEventMapper;
import org.panelwatch.ingest.messaging.RawNewsProducer;
import org.panelwatch.ingest.normalisation.TextNormaliser;
import org.panelwatch.ingest.normalisation.TextNormaliser.NormalisedText;
import org.panelwatch.ingest.repository.ItemIdentityRepository;
import org.panelwatch.ingest.repository.PageFetchRepository;
import org.panelwatch.ingest.repository.PageFetchRepository.ClaimedPage;
import org.panelwatch.ingest.telemetry.IngestTelemetry;

/**
 * Takes one claimed page from fetch to Kafka. The item goes out once, with its final text: the
 * page's when it could be had and holds more than the summary, else the summary, and the row says
 * why ({@code failed} with a reason such as {@code http-404}, {@code robots-disallowed},
 * {@code paywall}). Failures that may pass (timeouts, 429, 5xx) put the row back in the queue with
 * back-off until the tries are used up.
 *
 * <p>The row is marked after Kafka acknowledged: a crash between the two sends the item again when
 * the lease has run out. Consumers key on the item id, so the second copy changes nothing.
 */
@ApplicationScoped
public class PageFetchService {

    private static final Logger LOG = Logger.getLogger(PageFetchService.class);
    /** A short page that asks about cookies is the wall in front of the article, not the article. */
    private static final Pattern COOKIES = Pattern.compile("(?i)\\bcookies?\\b");
    private static final Pattern CONSENT_WORDS = Pattern.compile(
            "(?i)\\b(consent|accept all|agree|privacy settings|manage (?:your )?(?:choices|preferences)|partners)\\b");
    private static final int CONSENT_PAGE_MAX_CHARS = 2_000;

    private final ArticlePages pages;
    private final PageQueue queue;
    private final PageFetchRepository repository;
    private final ItemIdentityRepository identities;
    private final TextNormaliser normaliser;
    private final RawNewsProducer producer;
    @Inject
    IngestTelemetry telemetry;
    private final IngestConfig.Pages config;

    public PageFetchService(ArticlePages pages, PageQueue queue, PageFetchRepository repository,
            ItemIdentityRepository identities, TextNormaliser normaliser, RawNewsProducer producer, IngestConfig config) {
        this.pages = pages;
        this.queue = queue;
        this.repository = repository;
        this.identities = identities;
        this.normaliser = normaliser;
        this.producer = producer;
        this.config = config.pages();
    }

    private enum Sent {
        SENT, DUPLICATE
    }

    public void process(ClaimedPage page) {
        ItemSubmission item;
        try {
            item = queue.item(page.itemJson());
        } catch (RuntimeException e) {
            // Nothing to send and nothing a retry would mend; left leased, the row would be claimed forever.
            LOG.errorf(e, "Queued item %s cannot be read back", page.id());
            finish(page, "failed", "unreadable-item: " + e.getMessage(), null);
            return;
        }
        if (page.attempts() > config.maxAttempts() + 1) {
            // Claimed more often than it may be tried: its workers died (or overran the lease) each time.
            sendSummary(page, item, "gave-up: claimed " + page.attempts() + " times without an outcome");
            return;
        }
        ArticlePages.Article article;
        try {
            article = pages.read(page.url());
        } catch (HostBusyException e) {
            repository.retryAt(page, e.freeAt(), null, false);
            return;
        } catch (PageFetchException e) {
            if (e.retryable() && page.attempts() < config.maxAttempts()) {
                repository.retryAt(page, Instant.now().plus(wait(page.attempts(), e.retryAfter())), e.reason(), true);
                telemetry.pageFetched("retry");
            } else {
                sendSummary(page, item, e.reason());
            }
            return;
        }
        sendPage(page, item, article);
    }

    private void sendPage(ClaimedPage page, ItemSubmission item, ArticlePages.Article article) {
        PageContent content = article.content();
        NormalisedText summary = normaliser.normalise(item.title(), item.body(), item.lang());
        String title = content.title() != null ? content.title() : item.title();
        String body = content.articleBody() == null ? "" : content.articleBody();
        NormalisedText text = normaliser.normalise(title, body, content.lang() != null ? content.lang() : item.lang());
        String unusable = unusable(content, text, summary);
        if (unusable != null) {
            sendSummary(page, item, unusable);
            return;
        }
        String url = identityUrl(content, article.url(), item.url());
        UUID pageId = ItemIdentity.ofUrl(url);
        ItemSubmission fetched = new ItemSubmission(url, title, body,
                content.published() != null ? content.published() : item.published(), item.source(),
                text.lang(), item.externalId(), true);
        NewsItemEvent event = NewsItemEventMapper.toEvent(page.id(), url, fetched, text, page.feedId(), Instant.now(),
                NewsItemEvent.TEXT_FROM_PAGE);
        Sent sent;
        try {
            sent = QuarkusTransaction.requiringNew().call(() -> {
                // Claimed by the URL it came with; the page's own canonical URL is an identity too. Claimed in
                // the transaction of the send, so a send Kafka refuses leaves it free for the next try.
                if (!pageId.equals(page.id()) && identities.claim(Set.of(pageId)).isEmpty()) {
                    return Sent.DUPLICATE;
                }
                producer.publish(List.of(event), traceparent(page));
                return Sent.SENT;
            });
        } catch (RawNewsProducer.NotAcknowledgedException e) {
            kafkaRefused(page, e);
            return;
        }
        if (sent == Sent.DUPLICATE) {
            finish(page, "done", "duplicate: the page's canonical URL " + url + " is item " + pageId, null);
        } else {
            finish(page, "done", article.note(), NewsItemEvent.TEXT_FROM_PAGE);
        }
    }

    /** Why the page's text is no better than the summary, or null when it is the text to send. */
    private static String unusable(PageContent content, NormalisedText text, NormalisedText summary) {
        if (content.paywalled()) {
            return "paywall: the page marks itself not accessible for free";
        }
        String page = text.text();
        if (page.length() < CONSENT_PAGE_MAX_CHARS && COOKIES.matcher(page).find() && CONSENT_WORDS.matcher(page).find()) {
            return "consent-wall: the page holds a cookie consent notice instead of the article";
        }
        if (page.length() <= summary.text().length()) {
            return "no-article-text: the page's main text (" + page.length() + " characters) is no longer "
                    + "than the summary (" + summary.text().length() + ")";
        }
        return null;
    }

    /** The page's canonical URL when it gives a usable one, else the address it was read from. */
    private static String identityUrl(PageContent content, URI finalUrl, String itemUrl) {
        for (String candidate : new String[] {content.canonicalUrl(), finalUrl.toString(), itemUrl}) {
            if (candidate == null) {
                continue;
            }
            try {
                URI uri = new URI(candidate);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return ItemIdentity.canonicalUrl(candidate);
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // try the next
            }
        }
        return ItemIdentity.canonicalUrl(itemUrl);
    }

    private void sendSummary(ClaimedPage page, ItemSubmission item, String reason) {
        NormalisedText summary = normaliser.normalise(item.title(), item.body(), item.lang());
        if (summary.text().isEmpty()) {
            // The summary was furniture only; the title is all the item has to say.
            summary = new NormalisedText(summary.title(), summary.title(), summary.lang(), summary.report());
        }
        String source = page.feedId() == null ? NewsItemEvent.TEXT_AS_PUSHED : NewsItemEvent.TEXT_FROM_FEED;
        NewsItemEvent event = NewsItemEventMapper.toEvent(page.id(), item, summary, page.feedId(), Instant.now(), source);
        try {
            producer.publish(List.of(event), traceparent(page));
        } catch (RawNewsProducer.NotAcknowledgedException e) {
            kafkaRefused(page, e);
            return;
        }
        finish(page, "failed", reason, source);
    }

    /** Kafka is down: the row waits, the try not counted (the page was not at fault). */
    private void kafkaRefused(ClaimedPage page, RawNewsProducer.NotAcknowledgedException e) {
        LOG.warnf("Page item %s waits for Kafka: %s", page.id(), e.getMessage());
        repository.retryAt(page, Instant.now().plus(config.retryBackoff()), "kafka: " + e.getMessage(), false);
    }

    private void finish(ClaimedPage page, String status, String reason, String textSource) {
        telemetry.pageFetched(!"done".equals(status) ? (textSource == null ? "failed" : "summary")
                : reason != null && reason.startsWith("duplicate:") ? "duplicate" : "page");
        if (!repository.finish(page, status, reason, textSource)) {
            LOG.warnf("Page item %s: lease lost before its outcome was recorded; the new holder records it", page.id());
        }
    }

    /** Back-off doubled per try; the server's Retry-After when longer, up to the configured ceiling. */
    Duration wait(int attempts, Duration retryAfter) {
        Duration backoff = config.retryBackoff().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : retryAfter;
            if (asked.compareTo(backoff) > 0) {
                return asked;
            }
        }
        return backoff;
    }

    private static String traceparent(ClaimedPage page) {
        return org.panelwatch.ingest.messaging.Traceparent.continueOrStart(page.traceparent());
    }
}
