package org.panelwatch.ingest.service;

import com.rometools.rome.feed.synd.SyndFeed;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.panelwatch.common.audit.AuditLog;
import org.panelwatch.common.outbound.DestinationGuard;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.config.InstanceName;
import org.panelwatch.ingest.feed.FeedFetchException;
import org.panelwatch.ingest.feed.FeedFetcher;
import org.panelwatch.ingest.feed.FeedParser;
import org.panelwatch.ingest.feed.GdeltClient;
import org.panelwatch.ingest.mapping.FeedEntryMapper;
import org.panelwatch.ingest.mapping.GdeltArticleMapper;
import org.panelwatch.ingest.messaging.Traceparent;
import org.panelwatch.ingest.repository.Feed;
import org.panelwatch.ingest.repository.FeedRepository;
import org.panelwatch.ingest.telemetry.IngestTelemetry;

/**
 * Feeds: adding, listing and removing them, and polling one. A poll fetches and parses outside any
 * transaction (an RSS/Atom document, or a GDELT article list), hands new entries to the same path as
 * pushed items (same ids, same de-duplication), then records the outcome; repeated failures push the
 * next poll back exponentially. A poll holds the feed's lease in the database (FeedRepository), so
 * that across instances one polls a feed at a time.
 */
@ApplicationScoped
public class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);
    private static final int MAX_NAME = 200;
    private static final int MAX_URL = 2_048;
    private static final int DEFAULT_INTERVAL_SECONDS = 900;

    private final FeedRepository feeds;
    private final FeedFetcher fetcher;
    private final FeedParser parser;
    private final DestinationGuard destinations;
    private final ItemIngestService ingest;
    private final GdeltClient gdelt;
    private final IngestConfig.Feeds config;
    private final String instance;
    private final AuditLog audit;
    /** In this instance a manual poll waits for a scheduled one of the same feed; across instances the lease decides. */
    private final Map<UUID, ReentrantLock> polling = new ConcurrentHashMap<>();
    @Inject
    IngestTelemetry telemetry;

    public FeedService(FeedRepository feeds, FeedFetcher fetcher, FeedParser parser, DestinationGuard destinations,
            ItemIngestService ingest, GdeltClient gdelt, InstanceName instance, IngestConfig config, AuditLog audit) {
        this.audit = audit;
        this.feeds = feeds;
        this.fetcher = fetcher;
        this.parser = parser;
        this.destinations = destinations;
        this.ingest = ingest;
        this.gdelt = gdelt;
        this.config = config.feeds();
        this.instance = instance.value();
    }

    @Transactional
    public Feed create(String url, String name, Integer pollIntervalSeconds) {
        List<FieldError> errors = new ArrayList<>();
        String cleanUrl = url == null ? null : url.strip();
        if (cleanUrl == null || cleanUrl.isEmpty()) {
            errors.add(new FieldError(null, "url", "is required"));
        } else if (cleanUrl.length() > MAX_URL) {
            errors.add(new FieldError(null, "url", "must be at most " + MAX_URL + " characters"));
        } else {
            // A host that does not resolve now passes: the poll reports it, and the fetch checks again.
            DestinationGuard.Check check = destinations.check(cleanUrl);
            if (check.refused()) {
                errors.add(new FieldError(null, "url", check.reason()));
            }
        }
        if (name != null && name.strip().length() > MAX_NAME) {
            errors.add(new FieldError(null, "name", "must be at most " + MAX_NAME + " characters"));
        }
        int interval = pollIntervalSeconds == null ? Math.max(DEFAULT_INTERVAL_SECONDS, config.minPollIntervalSeconds())
                : pollIntervalSeconds;
        if (interval < config.minPollIntervalSeconds() || interval > config.maxPollIntervalSeconds()) {
            errors.add(new FieldError(null, "pollIntervalSeconds", "must be between " + config.minPollIntervalSeconds()
                    + " and " + config.maxPollIntervalSeconds()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (feeds.existsByUrl(cleanUrl)) {
            throw duplicateFeed();
        }
        Feed feed = new Feed();
        feed.id = UUID.randomUUID();
        feed.url = cleanUrl;
        feed.name = name == null || name.isBlank() ? java.net.URI.create(cleanUrl).getHost() : name.strip();
        feed.pollIntervalSeconds = interval;
        feed.createdAt = Instant.now();
        feed.nextPollAt = feed.createdAt;
        try {
            // Flushed here: a create of the same URL committed since the check above (another request, another
            // instance) meets the unique constraint now, inside this method, and is answered 409, not 500.
            feeds.persistAndFlush(feed);
        } catch (PersistenceException e) {
            if (violates(e, "feed_url_key")) {
                throw duplicateFeed();
            }
            throw e;
        }
        audit.record("feed.created", feed.id.toString(), null);
        return feed;
    }

    private static ProblemException duplicateFeed() {
        return ProblemException.conflict("A feed with this URL exists already.");
    }

    /** Whether the failure is PostgreSQL's unique violation (SQLSTATE 23505) of the named constraint. */
    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Feed> list() {
        return feeds.listByCreation();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Feed get(UUID id) {
        return feeds.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No feed " + id));
    }

    @Transactional
    public void delete(UUID id) {
        if (!feeds.deleteById(id)) {
            throw ProblemException.notFound("No feed " + id);
        }
        audit.record("feed.deleted", id.toString(), null);
        polling.remove(id);
    }

    /** Polls the feed now; throws 404 for an unknown feed, and otherwise always reports an outcome. */
    public PollOutcome poll(UUID id) {
        ReentrantLock lock = polling.computeIfAbsent(id, key -> new ReentrantLock());
        lock.lock();
        try {
            FeedRepository.Lease lease = QuarkusTransaction.requiringNew().call(() -> feeds.lease(id, instance, config.lease()));
            if (lease == FeedRepository.Lease.NO_FEED) {
                throw ProblemException.notFound("No feed " + id);
            }
            if (lease == FeedRepository.Lease.HELD_ELSEWHERE) {
                throw ProblemException.conflict("Another ingest-service instance is polling this feed right now; "
                        + "its outcome will show on the feed shortly.");
            }
            Feed feed = QuarkusTransaction.requiringNew().call(() -> feeds.findById(id));
            if (feed == null) {
                throw ProblemException.notFound("No feed " + id);
            }
            String etag = feed.etag;
            String lastModified = feed.lastModified;
            PollOutcome outcome;
            try {
                if (feed.isGdelt()) {
                    // GDELT answers every poll afresh: no validators to keep.
                    outcome = ingestItems(feed, GdeltArticleMapper.toSubmissions(gdelt.articles(feed.url)));
                } else {
                    FeedFetcher.Fetched fetched = fetcher.fetch(feed.url, feed.etag, feed.lastModified);
                    if (fetched.notModified()) {
                        outcome = PollOutcome.notModified();
                    } else {
                        outcome = ingestEntries(feed, parser.parse(fetched.body()));
                        etag = fetched.etag();
                        lastModified = fetched.lastModified();
                    }
                }
            } catch (FeedFetchException e) {
                outcome = PollOutcome.error(e.getMessage());
            } catch (ProblemException e) {
                // Kafka did not acknowledge: keep the old validators so the next poll fetches the entries again.
                outcome = PollOutcome.error(e.problem().detail());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Polling feed %s failed unexpectedly", id);
                // The exception's class and message describe the service, not the feed: they stay in the log.
                outcome = PollOutcome.error("The poll failed inside the ingest service; its log says why.");
            }
            record(id, outcome, etag, lastModified);
            telemetry.feedPolled(outcome.status().label());
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    private PollOutcome ingestEntries(Feed feed, SyndFeed parsed) {
        List<ItemSubmission> entries = FeedEntryMapper.toSubmissions(parsed, feed.url, feed.name);
        if (feed.summaryOnly) {
            entries = entries.stream().map(ItemSubmission::needingPage).toList();
        }
        return ingestItems(feed, entries);
    }

    private PollOutcome ingestItems(Feed feed, List<ItemSubmission> entries) {
        if (entries.isEmpty()) {
            return PollOutcome.ok(0, 0);
        }
        // A feed marked summary-only (the summary_only flag of V3__sources.sql) is passed here once feeds carry it;
        // until then the length threshold decides for each entry.
        List<IngestResult> results = ingest.ingestFeedEntries(entries, feed.id.toString(), false,
                Traceparent.continueOrStart(null));
        int fresh = (int) results.stream()
                .filter(r -> r.status() == IngestResult.Status.ACCEPTED || r.status() == IngestResult.Status.QUEUED)
                .count();
        int seen = (int) results.stream().filter(r -> r.status() == IngestResult.Status.DUPLICATE).count();
        return PollOutcome.ok(fresh, seen);
    }

    private void record(UUID id, PollOutcome outcome, String etag, String lastModified) {
        QuarkusTransaction.requiringNew().run(() -> {
            Feed feed = feeds.findById(id);
            if (feed == null) {
                return; // deleted while it was polled
            }
            Instant now = Instant.now();
            feed.lastPolledAt = now;
            feed.lastStatus = outcome.status().label();
            feed.lastError = outcome.error();
            feeds.recordPoll(id, outcome.status().label(), outcome.newItems());
            feeds.release(id, instance);
            if (outcome.status() == PollOutcome.Status.ERROR) {
                feed.lastErrorAt = now;
                feed.consecutiveFailures++;
                feed.nextPollAt = now.plus(backoff(feed.pollIntervalSeconds, feed.consecutiveFailures));
            } else {
                feed.consecutiveFailures = 0;
                feed.lastSuccessAt = now;
                feed.etag = etag;
                feed.lastModified = lastModified;
                feed.itemsSeen += outcome.newItems();
                feed.nextPollAt = now.plusSeconds(feed.pollIntervalSeconds);
            }
        });
    }

    /** The interval doubled per consecutive failure, never beyond the configured ceiling (or the interval itself). */
    Duration backoff(int intervalSeconds, int failures) {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Duration ceiling = config.maxBackoff().compareTo(interval) > 0 ? config.maxBackoff() : interval;
        Duration wait = interval.multipliedBy(1L << Math.min(failures, 20));
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }
}
