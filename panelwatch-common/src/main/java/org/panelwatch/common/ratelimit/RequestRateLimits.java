package org.panelwatch.common.ratelimit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.security.ApiKeyHash;
import org.panelwatch.common.security.StaticApiKeys;

/**
 * Per-key request rate limits on every {@code /api/} path of every service: past its allowance a key is answered
 * {@code 429 Too Many Requests}, problem+json, with {@code Retry-After} in whole seconds. Counted before
 * authentication, on the key as presented (by its hash), so a flood of requests with a wrong key is held back too;
 * a request without a key is not counted (it is answered 401 at once and costs no lookup). Each instance counts its own requests: with N
 * instances behind a balancer a key gets up to N times the allowance, which is an operator's limit on abuse, not
 * a quota.
 *
 * <p>Runs right after {@code ProblemRoutes}' screening of sizes, before any resource.
 */
@ApplicationScoped
public class RequestRateLimits {

    /** Idle keys' buckets are dropped once this many are kept, so random keys cannot fill the memory. */
    private static final int SWEEP_ABOVE = 10_000;

    private final RateLimitConfig config;
    private final StaticApiKeys staticKeys;
    private final ObjectMapper mapper;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    public RequestRateLimits(RateLimitConfig config, StaticApiKeys staticKeys, ObjectMapper mapper) {
        this.config = config;
        this.staticKeys = staticKeys;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(this::count);
        }
    }

    /** Requests refused since start, for the log and tests. */
    public long refused() {
        return refused.get();
    }

    private void count(RoutingContext ctx) {
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String key = bearerKey(authorization);
        if (key == null) {
            ctx.next();
            return;
        }
        boolean isStatic = staticKeys.roleFor(key).isPresent();
        String bucketKey = ApiKeyHash.hex(key);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.computeIfAbsent(bucketKey, k -> isStatic
                ? new TokenBucket(config.staticKeyBurst(), config.staticKeyRequestsPerSecond(), now)
                : new TokenBucket(config.burst(), config.requestsPerSecond(), now));
        long waitNanos = bucket.take(now);
        if (buckets.size() > SWEEP_ABOVE) {
            sweep(now);
        }
        if (waitNanos == 0) {
            ctx.next();
            return;
        }
        refused.incrementAndGet();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        double perSecond = isStatic ? config.staticKeyRequestsPerSecond() : config.requestsPerSecond();
        Problem problem = Problem.of(429, "Too Many Requests", "This key has sent more requests than it may ("
                + (isStatic ? config.staticKeyBurst() : config.burst()) + " at once, " + format(perSecond)
                + " a second); retry after " + seconds + " s.");
        ctx.request().pause();
        ctx.response()
                .setStatusCode(429)
                .putHeader("Retry-After", Long.toString(seconds))
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(json(problem));
    }

    private void sweep(long now) {
        for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext();) {
            if (it.next().isFull(now)) {
                it.remove();
            }
        }
    }

    private static String bearerKey(String authorization) {
        if (authorization == null || authorization.length() <= 7
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).strip();
        return key.isEmpty() ? null : key;
    }

    private static String format(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":429}";
        }
    }
}
