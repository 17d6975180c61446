package org.panelwatch.analysis.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.api.RetagJob;
import org.panelwatch.analysis.config.AnalysisConfig;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.mapping.AnalysisMapper;
import org.panelwatch.analysis.repository.ItemEntity;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.common.audit.AuditLog;
import org.panelwatch.common.problem.ProblemException;

/**
 * Re-applies the current catalogue to stored items after the rules change: one transaction per
 * page of items (in id order), progress in the log, a summary at the end. One run at a time.
 * Re-tagging updates the stored tags, entities and signals; it publishes nothing to Kafka (a signal
 * keeps firstInStory when its type was the story's published one).
 */
@ApplicationScoped
public class RetagService {

    private static final Logger LOG = Logger.getLogger(RetagService.class);

    private final BatchTagger tagger;
    private final EntityManager em;
    private final ManagedExecutor executor;
    private final AnalysisConfig config;
    private final RecentAnswers recentAnswers;
    private final AtomicReference<RetagJob> current = new AtomicReference<>();
    private final AuditLog audit;

    public RetagService(BatchTagger tagger, EntityManager em, ManagedExecutor executor, AnalysisConfig config,
            RecentAnswers recentAnswers, AuditLog audit) {
        this.audit = audit;
        this.tagger = tagger;
        this.em = em;
        this.executor = executor;
        this.config = config;
        this.recentAnswers = recentAnswers;
    }

    public RetagJob start(String since) {
        Instant from = Params.instant("since", since);
        RetagJob job = new RetagJob(UUID.randomUUID(), "running", from, Instant.now(), null, 0, 0, 0, 0, 0, 0, null);
        RetagJob previous = current.get();
        if (previous != null && "running".equals(previous.status())) {
            throw ProblemException.conflict("Retag " + previous.id() + " is still running");
        }
        if (!current.compareAndSet(previous, job)) {
            throw ProblemException.conflict("Another retag just started");
        }
        audit.record("retag.started", job.id().toString(),
                from == null ? null : "{\"since\":\"" + from + "\"}");
        LOG.infof("Retag %s started for items since %s", job.id(), from == null ? "the beginning" : from);
        executor.runAsync(() -> run(job));
        return job;
    }

    public RetagJob job(String id) {
        RetagJob job = current.get();
        if (job == null || !job.id().toString().equals(id)) {
            throw ProblemException.notFound("No retag " + id);
        }
        return job;
    }

    private record PageResult(UUID lastId, int items, int changed, int topicsBefore, int topicsAfter,
            int signalsBefore, int signalsAfter) {
    }

    private void run(RetagJob started) {
        RetagJob job = started;
        UUID after = new UUID(0, 0);
        try {
            while (true) {
                UUID from = after;
                PageResult page = QuarkusTransaction.requiringNew().call(() -> retagPage(started.since(), from));
                recentAnswers.stored();
                if (page.items() == 0) {
                    break;
                }
                after = page.lastId();
                job = new RetagJob(job.id(), "running", job.since(), job.startedAt(), null,
                        job.itemsProcessed() + page.items(), job.itemsChanged() + page.changed(),
                        job.topicsBefore() + page.topicsBefore(), job.topicsAfter() + page.topicsAfter(),
                        job.signalsBefore() + page.signalsBefore(), job.signalsAfter() + page.signalsAfter(), null);
                current.set(job);
                LOG.infof("Retag %s: %d items re-tagged, %d changed", job.id(), job.itemsProcessed(), job.itemsChanged());
            }
            job = new RetagJob(job.id(), "done", job.since(), job.startedAt(), Instant.now(), job.itemsProcessed(),
                    job.itemsChanged(), job.topicsBefore(), job.topicsAfter(), job.signalsBefore(), job.signalsAfter(),
                    null);
            current.set(job);
            LOG.infof("Retag %s done: %d items, %d changed; topic tags %d -> %d, signals %d -> %d", job.id(),
                    job.itemsProcessed(), job.itemsChanged(), job.topicsBefore(), job.topicsAfter(),
                    job.signalsBefore(), job.signalsAfter());
        } catch (RuntimeException e) {
            current.set(new RetagJob(job.id(), "failed", job.since(), job.startedAt(), Instant.now(),
                    job.itemsProcessed(), job.itemsChanged(), job.topicsBefore(), job.topicsAfter(),
                    job.signalsBefore(), job.signalsAfter(),
                    // The exception's message names tables and SQL; an admin reads the cause in the log.
                    "The retag failed after " + job.itemsProcessed() + " items; the service log says why."));
            LOG.errorf(e, "Retag %s failed after %d items", job.id(), job.itemsProcessed());
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
