package org.panelwatch.analysis.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.api.RetagJob;
import org.panelwatch.analysis.config.AnalysisConfig;
import org.panelwatch.analysis.config.CurrentEngine;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.mapping.AnalysisMapper;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.repository.StoredRetagJob;
import org.panelwatch.common.audit.AuditLog;
import org.panelwatch.common.problem.ProblemException;

/**
 * Re-applies the current catalogue to stored items after the rules or the UN list change: one
 * transaction per page of items (in id order), progress in the log, a summary at the end. The job
 * lives in the database ({@code retag_job}), so any instance can show it and resume it: each page's
 * transaction locks the job's row, re-tags the items after its stored position and moves the
 * position, so an instance killed mid-page leaves the position where the last committed page ended,
 * and whichever instance takes the job over next (its lease ran out) neither repeats nor skips an
 * item. One job runs at a time across every instance; a retag for a new UN list waits, queued, for
 * the running one. Re-tagging updates the stored tags, entities and signals; it publishes nothing to
 * Kafka (a signal keeps firstInStory when its type was the story's published one).
 */
@ApplicationScoped
public class RetagService {

    private static final Logger LOG = Logger.getLogger(RetagService.class);
    public static final String ADMIN = "admin";
    public static final String UN_LIST = "un-list";

    /** This process among the instances: it owns the jobs it works on. */
    private static final String INSTANCE = hostName() + "/" + ProcessHandle.current().pid() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private final BatchTagger tagger;
    private final EntityManager em;
    private final ManagedExecutor executor;
    private final AnalysisConfig config;
    private final RecentAnswers recentAnswers;
    private final CurrentEngine engine;
    private final AuditLog audit;
    /** Whether this instance works on a job now: one at a time, whoever asks. */
    private final AtomicBoolean working = new AtomicBoolean();
    private volatile boolean stopping;

    public RetagService(BatchTagger tagger, EntityManager em, ManagedExecutor executor, AnalysisConfig config,
            RecentAnswers recentAnswers, CurrentEngine engine, AuditLog audit) {
        this.audit = audit;
        this.tagger = tagger;
        this.em = em;
        this.executor = executor;
        this.config = config;
        this.recentAnswers = recentAnswers;
        this.engine = engine;
    }

    /** An admin's retag of the items sorted since {@code since} (all when null); 409 while another runs. */
    public RetagJob start(String since) {
        Instant from = Params.instant("since", since);
        StoredRetagJob job;
        String list = engine.unList().dateGenerated();
        try {
            job = QuarkusTransaction.requiringNew().call(() -> {
                StoredRetagJob running = StoredRetagJob.find("status", StoredRetagJob.RUNNING).firstResult();
                if (running != null) {
                    throw ProblemException.conflict("Retag " + running.id + " is still running");
                }
                StoredRetagJob created = newJob(ADMIN, from, list);
                created.status = StoredRetagJob.RUNNING;
                created.owner = INSTANCE;
                created.startedAt = created.createdAt;
                created.heartbeatAt = created.createdAt;
                created.persistAndFlush();
                return created;
            });
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) {
                throw ProblemException.conflict("Another retag just started");
            }
            throw e;
        }
        audit.record("retag.started", job.id.toString(), from == null ? null : "{\"since\":\"" + from + "\"}");
        LOG.infof("Retag %s started for items since %s", job.id, from == null ? "the beginning" : from);
        UUID id = job.id;
        if (working.compareAndSet(false, true)) {
            executor.runAsync(() -> work(id));
        } else {
            // This instance still finishes another job it had taken over; its lease keeps the new one
            // until then, after which this or another instance resumes it.
            QuarkusTransaction.requiringNew().run(() -> StoredRetagJob.update(
                    "owner = null, heartbeatAt = null where id = ?1", id));
        }
        return view(job);
    }

    /**
     * Queues the retag of every item for the UN list of {@code dateGenerated} and starts it when no
     * other retag runs. Several instances that each notice the new list queue one job between them.
     */
    public RetagJob startForUnList(String dateGenerated) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (StoredRetagJob.count("trigger = ?1 and unListDate = ?2", UN_LIST, dateGenerated) == 0) {
                    StoredRetagJob queued = newJob(UN_LIST, null, dateGenerated);
                    queued.status = StoredRetagJob.QUEUED;
                    queued.persistAndFlush();
                    LOG.infof("Retag %s queued for the UN list of %s", queued.id, dateGenerated);
                }
            });
        } catch (RuntimeException e) {
            if (!uniqueViolation(e)) {
                throw e;
            }
            // another instance queued it a moment ago
        }
        resume();
        return QuarkusTransaction.requiringNew().call(() -> StoredRetagJob
                .<StoredRetagJob>find("trigger = ?1 and unListDate = ?2", UN_LIST, dateGenerated)
                .firstResultOptional().map(RetagService::view).orElse(null));
    }

    public RetagJob job(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No retag " + id);
        }
        StoredRetagJob job = QuarkusTransaction.requiringNew().call(() -> StoredRetagJob.findById(uuid));
        if (job == null) {
            throw ProblemException.notFound("No retag " + id);
        }
        return view(job);
    }

    /** A stopping instance hands its job back at once rather than after its lease. */
    void release(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            QuarkusTransaction.requiringNew().run(() -> StoredRetagJob.update(
                    "owner = null, heartbeatAt = null where owner = ?1 and status = ?2", INSTANCE, StoredRetagJob.RUNNING));
        } catch (RuntimeException e) {
            LOG.debugf("Retag jobs not handed back at shutdown (%s); their leases run out", e.getMessage());
        }
    }

    @Scheduled(every = "${panelwatch.analysis.retag.resume-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledResume() {
        resume();
    }

    /**
     * Takes a job no instance works on (a running one whose lease ran out: its instance died or hangs;
     * else the oldest queued one when none runs) and works on it in the background. False when this
     * instance is busy or there is nothing to take.
     */
    public boolean resume() {
        if (stopping || !working.compareAndSet(false, true)) {
            return false;
        }
        UUID id;
        try {
            // Asked outside the transaction: the first use builds the engine, seconds on a loaded machine.
            String list = engine.unList().dateGenerated();
            id = QuarkusTransaction.requiringNew().call(() -> claim(list));
        } catch (RuntimeException e) {
            working.set(false);
            if (!uniqueViolation(e)) {
                LOG.warnf("Looking for a retag to resume failed: %s", e.getMessage());
            }
            return false;
        }
        if (id == null) {
            working.set(false);
            return false;
        }
        executor.runAsync(() -> work(id));
        return true;
    }

    private UUID claim(String list) {
        double lease = config.retag().lease().toMillis() / 1000.0;
        return em.unwrap(Session.class).doReturningWork(c -> {
            // An instance tags with the list the job was started with, or with the newest stored list.
            String sameList = " AND (un_list_date IS NOT DISTINCT FROM ? OR ? = (SELECT date_generated FROM analysis.un_list WHERE id = 1))";
            try (PreparedStatement st = c.prepareStatement("UPDATE analysis.retag_job SET owner = ?, heartbeat_at = now() "
                    + "WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => ?))"
                    + sameList + " RETURNING id, owner, after_id")) {
                st.setString(1, INSTANCE);
                st.setDouble(2, lease);
                st.setString(3, list);
                st.setString(4, list);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        LOG.infof("Retag %s taken over by %s after item %s", id, INSTANCE, rs.getObject(3, UUID.class));
                        return id;
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE analysis.retag_job SET status = 'running', owner = ?, "
                    + "heartbeat_at = now(), started_at = now() WHERE id = (SELECT id FROM analysis.retag_job "
                    + "WHERE status = 'queued' AND NOT EXISTS (SELECT 1 FROM analysis.retag_job WHERE status = 'running') "
                    + "ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)" + sameList + " RETURNING id")) {
                st.setString(1, INSTANCE);
                st.setString(2, list);
                st.setString(3, list);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        LOG.infof("Retag %s started by %s", id, INSTANCE);
                        return id;
                    }
                }
            }
            return null;
        });
    }

    private record PageResult(UUID lastId, int items, int changed, int topicsBefore, int topicsAfter,
            int signalsBefore, int signalsAfter) {
    }

    private enum Step { CONTINUE, FINISHED, LOST }

    private void work(UUID id) {
        try {
            Step step;
            do {
                step = QuarkusTransaction.requiringNew().call(() -> page(id));
                recentAnswers.stored();
            } while (step == Step.CONTINUE);
            if (step == Step.LOST) {
                LOG.warnf("Retag %s: no longer this instance's (%s); stopped", id, INSTANCE);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Retag %s failed", id);
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    StoredRetagJob job = StoredRetagJob.findById(id);
                    if (job != null && StoredRetagJob.RUNNING.equals(job.status) && INSTANCE.equals(job.owner)) {
                        job.status = StoredRetagJob.FAILED;
                        job.finishedAt = Instant.now();
                        job.owner = null;
                        // The exception's message names tables and SQL; an admin reads the cause in the log.
                        job.error = "The retag failed after " + job.itemsProcessed + " items; the service log says why.";
                    }
                });
            } catch (RuntimeException unrecorded) {
                // The database itself is away: the job stays running, and its lease lets an instance resume it.
                LOG.warnf("Retag %s: its failure could not be recorded (%s); it is resumed once its lease runs out",
                        id, unrecorded.getMessage());
            }
        } finally {
            working.set(false);
        }
        // A list change may have queued another job meanwhile.
        if (!stopping) {
            resume();
        }
    }

    /** One page, in one transaction with the job's row locked: the items re-tagged and the position moved together. */
    private Step page(UUID id) {
        StoredRetagJob job = em.find(StoredRetagJob.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (stopping || job == null || !StoredRetagJob.RUNNING.equals(job.status) || !INSTANCE.equals(job.owner)) {
            return Step.LOST;
        }
        PageResult page = retagPage(job.since, job.afterId);
        Instant now = Instant.now();
        if (page.items() == 0) {
            job.status = StoredRetagJob.DONE;
            job.finishedAt = now;
            job.owner = null;
            LOG.infof("Retag %s done: %d items, %d changed; topic tags %d -> %d, signals %d -> %d", job.id,
                    job.itemsProcessed, job.itemsChanged, job.topicsBefore, job.topicsAfter,
                    job.signalsBefore, job.signalsAfter);
            return Step.FINISHED;
        }
        job.afterId = page.lastId();
        job.itemsProcessed += page.items();
        job.itemsChanged += page.changed();
        job.topicsBefore += page.topicsBefore();
        job.topicsAfter += page.topicsAfter();
        job.signalsBefore += page.signalsBefore();
        job.signalsAfter += page.signalsAfter();
        job.heartbeatAt = now;
        LOG.infof("Retag %s: %d items re-tagged, %d changed", job.id, job.itemsProcessed, job.itemsChanged);
        return Step.CONTINUE;
    }

    private static StoredRetagJob newJob(String trigger, Instant since, String unListDate) {
        StoredRetagJob job = new StoredRetagJob();
        job.id = UUID.randomUUID();
        job.trigger = trigger;
        job.since = since;
        job.unListDate = unListDate;
        job.createdAt = Instant.now();
        return job;
    }

    private static RetagJob view(StoredRetagJob j) {
        return new RetagJob(j.id, j.status, j.since, j.startedAt, j.finishedAt, j.itemsProcessed, j.itemsChanged,
                j.topicsBefore, j.topicsAfter, j.signalsBefore, j.signalsAfter, j.error, j.trigger, j.unListDate);
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "analysis-service";
        }
    }

    private PageResult retagPage(Instant since, UUID after) {
        List<NewsItem> items = since == null
                ? NewsItem.find("id > ?1 order by id", after).page(0, config.retag().pageSize()).list()
                : NewsItem.find("sortAt >= ?1 and id > ?2 order by id", since, after)
                        .page(0, config.retag().pageSize()).list();
        if (items.isEmpty()) {
            return new PageResult(after, 0, 0, 0, 0, 0, 0);
        }
        List<UUID> ids = items.stream().map(i -> i.id).toList();
        List<Analysis> analyses = tagger.analyzeAll(items.stream()
                .map(i -> new TaggingEngine.Item(i.title, i.body, i.lang)).toList());

        Map<UUID, Set<String>> oldTopics = new HashMap<>();
        em.createQuery("select t.itemId, t.topicId from ItemTopic t where t.itemId in :ids", Object[].class)
                .setParameter("ids", ids).getResultList()
                .forEach(r -> oldTopics.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((String) r[1]));
        Map<UUID, Set<String>> oldSignals = new HashMap<>();
        Set<String> published = new HashSet<>();
        em.createQuery("select s.itemId, s.type, s.firstInStory from Signal s where s.itemId in :ids", Object[].class)
                .setParameter("ids", ids).getResultList()
                .forEach(r -> {
                    oldSignals.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((String) r[1]);
                    if ((Boolean) r[2]) {
                        published.add(r[0] + "/" + r[1]);
                    }
                });

        ItemTopic.delete("itemId in ?1", ids);
        ItemEntity.delete("itemId in ?1", ids);
        Signal.delete("itemId in ?1", ids);

        Instant now = Instant.now();
        List<ItemTopic> topics = new ArrayList<>();
        List<ItemEntity> entities = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < items.size(); i++) {
            NewsItem item = items.get(i);
            Analysis analysis = analyses.get(i);
            List<ItemTopic> newTopics = AnalysisMapper.toTopics(item, analysis);
            topics.addAll(newTopics);
            entities.addAll(AnalysisMapper.toEntities(item, analysis));
            Set<String> newSignalTypes = new HashSet<>();
            for (Analysis.SignalMatch match : analysis.signals()) {
                Signal signal = AnalysisMapper.toSignal(item, match, now);
                signal.firstInStory = published.contains(item.id + "/" + match.type());
                signals.add(signal);
                newSignalTypes.add(match.type());
            }
            Set<String> newTopicIds = new HashSet<>();
            newTopics.forEach(t -> newTopicIds.add(t.topicId));
            if (!newTopicIds.equals(oldTopics.getOrDefault(item.id, Set.of()))
                    || !newSignalTypes.equals(oldSignals.getOrDefault(item.id, Set.of()))) {
                changed++;
            }
        }
        ItemTopic.persist(topics);
        ItemEntity.persist(entities);
        Signal.persist(signals);
        int topicsBefore = oldTopics.values().stream().mapToInt(Set::size).sum();
        int signalsBefore = oldSignals.values().stream().mapToInt(Set::size).sum();
        return new PageResult(ids.get(ids.size() - 1), items.size(), changed, topicsBefore, topics.size(),
                signalsBefore, signals.size());
    }
}
