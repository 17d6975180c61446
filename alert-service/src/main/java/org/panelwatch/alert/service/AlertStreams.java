package org.panelwatch.alert.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.AlertRepository;
import org.panelwatch.alert.repository.NewAlerts;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;

/**
 * The live alert streams open on this instance, and the one poll that feeds them all.
 *
 * <p>Streams are counted per caller (one subscriber, or the admin) and in all; past either limit a new stream
 * is refused with 429. One thread looks for new alerts with one query per poll interval, for every open stream
 * at once, and hands each alert to the open streams of its subscriber and of the admin. It never waits for a
 * client: sends complete in the background, and a client that takes nothing off its connection for the send
 * timeout is closed. A client that leaves frees its place as soon as its connection closes.
 *
 * <p>The poll reads the database, not this instance's intake, so every instance streams every alert and a
 * client may reconnect to any of them with {@code Last-Event-ID}.
 */
@ApplicationScoped
public class AlertStreams {

    private static final Logger LOG = Logger.getLogger(AlertStreams.class);
    private static final long NOT_KNOWN = -1;
    /** New alerts read per poll; more wait for the next one. */
    private static final int POLL_BATCH = 500;
    /** Missed alerts read per round for a stream resuming with Last-Event-ID; the next page when these have left. */
    private static final int CATCH_UP_PAGE = 100;
    /** Bounds the memory a client that does not read can hold, whatever the send timeout. */
    private static final int MAX_UNSENT = 1000;

    private final AlertRepository alerts;
    private final AlertConfig.Streams config;
    private final Counter refused;
    private final Map<Caller, List<OpenStream>> byCaller = new HashMap<>();
    private int total;
    private ScheduledExecutorService broadcaster;
    /** How far the poll has read the alert table; only the broadcaster thread uses it. */
    private long seenUpTo = NOT_KNOWN;

    public AlertStreams(AlertRepository alerts, AlertConfig config, MeterRegistry registry) {
        this.alerts = alerts;
        this.config = config.streams();
        this.refused = registry.counter("panelwatch.alert.streams.refused");
        registry.gauge("panelwatch.alert.streams.open", this, AlertStreams::openCount);
    }

    void start(@Observes StartupEvent event) {
        broadcaster = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-stream-broadcast");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        broadcaster.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (broadcaster != null) {
            broadcaster.shutdownNow();
        }
        // Clients reconnect with Last-Event-ID, to another instance if there is one, and miss nothing.
        snapshot().forEach(OpenStream::close);
    }

    /**
     * Opens a live stream for {@code caller}: with {@code lastEventId} it resumes after that alert, else it
     * starts after the caller's newest alert.
     *
     * @throws ProblemException 429 when the caller, or this instance, has as many streams open as allowed
     */
    public void open(Caller caller, OptionalLong lastEventId, StreamClient client) {
        OpenStream stream = reserve(caller, client);
        client.onGone(() -> release(stream));
        try {
            stream.startAfter(lastEventId.isPresent() ? Math.max(0, lastEventId.getAsLong())
                    : alerts.latestId(caller.subscriberId()));
        } catch (RuntimeException e) {
            release(stream);
            throw e;
        }
    }

    public synchronized int openCount() {
        return total;
    }

    private OpenStream reserve(Caller caller, StreamClient client) {
        if (!hasRoomFor(caller)) {
            // A client that has just left must not hold its place until the next round notices.
            releaseGone(snapshot());
        }
        synchronized (this) {
            if (!hasRoomFor(caller)) {
                refused.increment();
                boolean callerFull = streamsOf(caller) >= config.maxPerKey();
                String detail = callerFull
                        ? "This key already has " + config.maxPerKey() + " live alert streams open; close one first."
                        : "This instance has as many live alert streams open as it serves; try again later.";
                throw new ProblemException(Problem.of(429, "Too Many Requests", detail),
                        Map.of("Retry-After", Long.toString(Math.max(1, config.retryAfter().toSeconds()))));
            }
            OpenStream stream = new OpenStream(caller, client);
            byCaller.computeIfAbsent(caller, c -> new ArrayList<>()).add(stream);
            total++;
            return stream;
        }
    }

    private synchronized boolean hasRoomFor(Caller caller) {
        return total < config.maxTotal() && streamsOf(caller) < config.maxPerKey();
    }

    private synchronized int streamsOf(Caller caller) {
        List<OpenStream> open = byCaller.get(caller);
        return open == null ? 0 : open.size();
    }

    /** Idempotent: a stream is released by its client's close and by the sweeps, whichever comes first. */
    private synchronized void release(OpenStream stream) {
        List<OpenStream> open = byCaller.get(stream.caller);
        if (open != null && open.remove(stream)) {
            total--;
            if (open.isEmpty()) {
                byCaller.remove(stream.caller);
            }
        }
    }

    private synchronized List<OpenStream> snapshot() {
        List<OpenStream> all = new ArrayList<>(total);
        byCaller.values().forEach(all::addAll);
        return all;
    }

    /** Asks each client outside the lock: a client closing at this moment holds its own lock and then wants ours. */
    private List<OpenStream> releaseGone(List<OpenStream> streams) {
        List<OpenStream> present = new ArrayList<>(streams.size());
        for (OpenStream s : streams) {
            if (s.client.isGone()) {
                release(s);
            } else {
                present.add(s);
            }
        }
        return present;
    }

    /** One round of the broadcaster thread: greet new streams, catch up resumed ones, one poll for all, keep-alives. */
    private void round() {
        try {
            List<OpenStream> streams = releaseGone(snapshot());
            if (streams.isEmpty()) {
                // Nobody listens: no query at all, and the next stream starts from the table as it is then.
                seenUpTo = NOT_KNOWN;
                return;
            }
            if (seenUpTo == NOT_KNOWN) {
                seenUpTo = alerts.latestId(null);
            }
            List<OpenStream> started = streams.stream().filter(OpenStream::started).toList();
            long now = System.nanoTime();
            for (OpenStream s : started) {
                s.greetOnce(now);
                if (!s.live) {
                    catchUp(s, now);
                }
            }
            poll(started.stream().filter(s -> s.live).toList(), now);
            for (OpenStream s : started) {
                s.keepAliveOrDrop(now);
            }
        } catch (RuntimeException e) {
            // Never let an exception end the schedule: the next round tries again.
            LOG.warn("live alert streams: round failed; trying again after the poll interval", e);
        }
    }

    /**
     * A resumed stream reads what it missed from the database up to where the shared poll has read, one page a
     * round; then it is live and the poll feeds it.
     */
    private void catchUp(OpenStream s, long now) {
        if (s.lastQueued >= seenUpTo) {
            s.live = true;
            return;
        }
        if (s.unsent.get() > 0) {
            return;
        }
        List<Alert> page = alerts.list(s.caller.subscriberId(), s.lastQueued, null, CATCH_UP_PAGE);
        boolean reachedPoll = page.size() < CATCH_UP_PAGE;
        for (Alert a : page) {
            if (a.id() > seenUpTo) {
                reachedPoll = true;
                break;
            }
            s.sendAlert(a, now);
        }
        s.live = reachedPoll;
    }

    private void poll(List<OpenStream> live, long now) {
        if (live.isEmpty()) {
            return;
        }
        Set<UUID> watched = new HashSet<>();
        boolean adminWatches = false;
        for (OpenStream s : live) {
            adminWatches |= s.caller.isAdmin();
            watched.add(s.caller.subscriberId());
        }
        NewAlerts found = alerts.newAlerts(seenUpTo, adminWatches ? null : watched, POLL_BATCH);
        for (Alert a : found.alerts()) {
            for (OpenStream s : live) {
                if (s.caller.owns(a.subscriberId())) {
                    s.sendAlert(a, now);
                }
            }
        }
        seenUpTo = found.seenUpTo();
    }

    /** One open stream. Its fields other than the counters are used by the broadcaster thread only. */
    private final class OpenStream {

        private final Caller caller;
        private final StreamClient client;
        private final AtomicInteger unsent = new AtomicInteger();
        private volatile long lastQueued = NOT_KNOWN;
        /** When the client last took an event off the connection, or when it was first given one to take. */
        private volatile long progressAt;
        private long lastSentAt;
        private boolean greeted;
        private boolean live;

        OpenStream(Caller caller, StreamClient client) {
            this.caller = caller;
            this.client = client;
        }

        void startAfter(long alertId) {
            lastQueued = alertId;
        }

        boolean started() {
            return lastQueued != NOT_KNOWN;
        }

        void greetOnce(long now) {
            if (!greeted) {
                greeted = true;
                send(client::sendGreeting, now);
            }
        }

        void sendAlert(Alert alert, long now) {
            // The poll and a catch-up page may overlap at the seam; ids only grow, so the id tells.
            if (alert.id() > lastQueued) {
                lastQueued = alert.id();
                send(() -> client.sendAlert(alert), now);
            }
        }

        void keepAliveOrDrop(long now) {
            int waiting = unsent.get();
            if (waiting > MAX_UNSENT || waiting > 0 && now - progressAt > config.sendTimeout().toNanos()) {
                LOG.infof("live alert streams: closing a stream of %s, its client has not read %d events for %s",
                        caller.isAdmin() ? "the admin" : caller.subscriberId(), waiting, config.sendTimeout());
                close();
            } else if (now - lastSentAt >= config.keepAlive().toNanos()) {
                send(client::sendKeepAlive, now);
            }
        }

        /** Hands an event to the connection without waiting for it to leave. */
        private void send(Supplier<CompletionStage<?>> event, long now) {
            if (unsent.getAndIncrement() == 0) {
                progressAt = now;
            }
            lastSentAt = now;
            CompletionStage<?> sent;
            try {
                sent = event.get();
            } catch (RuntimeException e) {
                // The connection closed since this round began.
                unsent.decrementAndGet();
                close();
                return;
            }
            sent.whenComplete((ok, failure) -> {
                progressAt = System.nanoTime();
                unsent.decrementAndGet();
                if (failure != null) {
                    close();
                }
            });
        }

        void close() {
            client.close();
            release(this);
        }
    }
}
