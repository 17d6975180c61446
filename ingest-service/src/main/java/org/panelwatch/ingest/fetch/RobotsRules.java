package org.panelwatch.ingest.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * robots.txt per host (RFC 9309), parsed by crawler-commons and kept for the configured time; a
 * stale copy is checked again with a conditional GET. As the RFC says: a 4xx robots.txt allows
 * everything (section 2.3.1.3), a 5xx or unreachable one allows nothing (section 2.3.1.4), which we
 * treat as a failure worth another try rather than a verdict on the page.
 */
@ApplicationScoped
public class RobotsRules {

    /** RFC 9309 section 2.5: parse at least the first 500 KiB. */
    private static final long MAX_ROBOTS_BYTES = 512 * 1024;
    private static final List<String> ROBOT_NAMES = List.of(PageFetcher.ROBOT_NAME.toLowerCase(Locale.ROOT));

    private record Cached(BaseRobotRules rules, long expiresAtNanos, PageFetcher.Validators validators) {
    }

    private final PageFetcher fetcher;
    private final HostPace pace;
    private final IngestConfig.Pages config;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public RobotsRules(PageFetcher fetcher, HostPace pace, IngestConfig config) {
        this.fetcher = fetcher;
        this.pace = pace;
        this.config = config.pages();
    }

    /** The rules for the host of {@code url}, fetched (politely) when not known or stale. */
    public BaseRobotRules rulesFor(URI url, long deadlineNanos) throws PageFetchException, HostBusyException {
        String key = url.getScheme().toLowerCase(Locale.ROOT) + "://" + HostPace.hostKey(url);
        Cached cached = cache.get(key);
        if (cached != null && System.nanoTime() - cached.expiresAtNanos() < 0) {
            return cached.rules();
        }
        URI robotsUrl = url.resolve("/robots.txt");
        PageFetcher.Validators validators = cached == null ? PageFetcher.Validators.NONE : cached.validators();
        PageFetcher.Answer answer;
        try {
            answer = fetcher.exchange(robotsUrl, validators, "text/plain, */*;q=0.5", MAX_ROBOTS_BYTES,
                    target -> pace.awaitTurn(target, config.perHostInterval(), config.perHostInterval().multipliedBy(2),
                            deadlineNanos),
                    deadlineNanos);
        } catch (PageFetchException e) {
            if (e.code().equals("too-large")) {
                // Larger than the parse limit: read as if it were empty rather than refuse the whole host.
                return remember(key, parser.failedFetch(404), PageFetcher.Validators.NONE);
            }
            if (e.retryable()) {
                throw new PageFetchException("robots-unavailable", robotsUrl + " could not be read (" + e.reason() + ")",
                        true, e.retryAfter(), e);
            }
            throw e;
        }
        int status = answer.status();
        if (status == 304 && cached != null) {
            return remember(key, cached.rules(), cached.validators());
        }
        if (status >= 200 && status < 300) {
            BaseRobotRules rules = parser.parseContent(robotsUrl.toString(), answer.body(),
                    answer.contentType() == null ? "text/plain" : answer.contentType(), ROBOT_NAMES);
            return remember(key, rules, new PageFetcher.Validators(answer.etag(), answer.lastModified()));
        }
        if (status >= 400 && status < 500 && status != 429) {
            return remember(key, parser.failedFetch(status), PageFetcher.Validators.NONE);
        }
        throw new PageFetchException("robots-unavailable", robotsUrl + " answered HTTP " + status, true,
                answer.retryAfter(), null);
    }

    /** The pause robots.txt asks between requests, if longer than ours, up to our ceiling. */
    public Duration interval(BaseRobotRules rules) {
        Duration interval = config.perHostInterval();
        long crawlDelay = rules.getCrawlDelay();
        if (crawlDelay != BaseRobotRules.UNSET_CRAWL_DELAY && crawlDelay > interval.toMillis()) {
            Duration asked = Duration.ofMillis(crawlDelay);
            return asked.compareTo(config.maxCrawlDelay()) > 0 ? config.maxCrawlDelay() : asked;
        }
        return interval;
    }

    private BaseRobotRules remember(String key, BaseRobotRules rules, PageFetcher.Validators validators) {
        cache.put(key, new Cached(rules, System.nanoTime() + config.robotsCacheTime().toNanos(), validators));
        return rules;
    }
}
