package org.panelwatch.analysis.service;

import static jakarta.transaction.Transactional.TxType.REQUIRED;
import static jakarta.transaction.Transactional.TxType.SUPPORTS;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.panelwatch.analysis.api.DevsetLine;
import org.panelwatch.analysis.api.FeedbackRequest;
import org.panelwatch.analysis.api.FeedbackView;
import org.panelwatch.analysis.repository.Feedback;
import org.panelwatch.analysis.repository.ItemTopic;
import org.panelwatch.analysis.repository.NewsItem;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;

/**
 * Analysts' judgements of items and their signals, and the devset they add up to: for each judged
 * item the verdict of its latest feedback that has one, and its topics with every correction applied
 * in the order given.
 */
@ApplicationScoped
@Transactional(REQUIRED)
public class FeedbackService {

    public static final String SIGNAL_TYPE = "russia-dprk-military";
    private static final int EXPORT_PAGE = 200;

    private final TopicCatalogue catalogue;

    public FeedbackService(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public FeedbackView give(String itemId, FeedbackRequest request, String callerRole, String callerId) {
        UUID id = ReadService.uuid(itemId, "item");
        NewsItem item = NewsItem.findById(id);
        if (item == null) {
            throw ProblemException.notFound("No item " + itemId);
        }
        List<String> add = request.topics() == null || request.topics().add() == null ? List.of() : request.topics().add();
        List<String> remove = request.topics() == null || request.topics().remove() == null ? List.of()
                : request.topics().remove();
        List<Problem.FieldError> errors = new ArrayList<>();
        checkTopics("topics.add", add, errors);
        checkTopics("topics.remove", remove, errors);
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (request.verdict() == null && add.isEmpty() && remove.isEmpty() && note == null) {
            errors.add(new Problem.FieldError(null, "verdict", "give a verdict, a topic correction or a note"));
        }
        if (request.verdict() != null) {
            boolean signalled = Signal.count("itemId = ?1 and type = ?2", id, SIGNAL_TYPE) > 0;
            if ("missed".equals(request.verdict()) && signalled) {
                errors.add(new Problem.FieldError(null, "verdict",
                        "this item has a signal: say confirmed or false-alarm, not missed"));
            } else if (!"missed".equals(request.verdict()) && !signalled) {
                errors.add(new Problem.FieldError(null, "verdict",
                        "this item has no signal to confirm or reject: say missed if it should have one"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Feedback f = new Feedback();
        f.id = UUID.randomUUID();
        f.itemId = id;
        f.verdict = request.verdict();
        f.topicsAdded = List.copyOf(new LinkedHashSet<>(add));
        f.topicsRemoved = List.copyOf(new LinkedHashSet<>(remove));
        f.note = note;
        f.callerRole = callerRole;
        f.callerId = callerId;
        f.createdAt = Instant.now();
        f.persist();
        return view(f);
    }

    @Transactional(SUPPORTS)
    public List<FeedbackView> of(String itemId) {
        UUID id = ReadService.uuid(itemId, "item");
        if (NewsItem.findById(id) == null) {
            throw ProblemException.notFound("No item " + itemId);
        }
        return Feedback.<Feedback>list("itemId = ?1 order by createdAt, id", id).stream().map(FeedbackService::view).toList();
    }

    /** Hands every judged item, as a devset line, to {@code sink}, in pages so memory stays flat. */
    @Transactional(SUPPORTS)
    public void export(Consumer<DevsetLine> sink) {
        List<UUID> judged = Feedback.getEntityManager()
                .createQuery("select f.itemId from Feedback f group by f.itemId order by min(f.createdAt), f.itemId", UUID.class)
                .getResultList();
        for (int from = 0; from < judged.size(); from += EXPORT_PAGE) {
            List<UUID> page = judged.subList(from, Math.min(judged.size(), from + EXPORT_PAGE));
            Map<UUID, List<Feedback>> feedback = new LinkedHashMap<>();
            for (Feedback f : Feedback.<Feedback>list("itemId in ?1 order by createdAt, id", page)) {
                feedback.computeIfAbsent(f.itemId, k -> new ArrayList<>()).add(f);
            }
            Map<UUID, List<String>> topics = new LinkedHashMap<>();
            for (ItemTopic t : ItemTopic.<ItemTopic>list("itemId in ?1 order by score desc, topicId", page)) {
                topics.computeIfAbsent(t.itemId, k -> new ArrayList<>()).add(t.topicId);
            }
            Set<UUID> signalled = new java.util.HashSet<>(Signal.getEntityManager()
                    .createQuery("select s.itemId from Signal s where s.itemId in ?1 and s.type = ?2", UUID.class)
                    .setParameter(1, page).setParameter(2, SIGNAL_TYPE).getResultList());
            Map<UUID, NewsItem> items = new LinkedHashMap<>();
            for (NewsItem item : NewsItem.<NewsItem>list("id in ?1", page)) {
                items.put(item.id, item);
            }
            for (UUID id : page) {
                NewsItem item = items.get(id);
                sink.accept(line(item, feedback.get(id), topics.getOrDefault(id, List.of()), signalled.contains(id)));
                NewsItem.getEntityManager().detach(item);
            }
        }
    }

    static DevsetLine line(NewsItem item, List<Feedback> feedback, List<String> tagged, boolean signalled) {
        boolean military = signalled;
        Set<String> topics = new LinkedHashSet<>(tagged);
        for (Feedback f : feedback) {
            if (f.verdict != null) {
                military = !"false-alarm".equals(f.verdict);
            }
            topics.addAll(f.topicsAdded);
            f.topicsRemoved.forEach(topics::remove);
        }
        return new DevsetLine(item.id.toString(), item.title, item.body, item.lang, item.published, item.url, military,
                List.copyOf(topics));
    }

    private void checkTopics(String field, List<String> ids, List<Problem.FieldError> errors) {
        for (String t : ids) {
            if (t == null || catalogue.find(t).isEmpty()) {
                errors.add(new Problem.FieldError(null, field,
                        "'" + t + "' is not a topic of the catalogue (GET /api/v1/topics)"));
            }
        }
    }

    private static FeedbackView view(Feedback f) {
        return new FeedbackView(f.id, f.itemId, f.verdict, f.topicsAdded, f.topicsRemoved, f.note, f.callerRole,
                f.callerId, f.createdAt);
    }
}
