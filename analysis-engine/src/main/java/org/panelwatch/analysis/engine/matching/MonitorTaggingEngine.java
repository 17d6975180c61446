package org.panelwatch.analysis.engine.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.data.CatalogueDefinition;
import org.panelwatch.analysis.engine.data.CatalogueReader;
import org.panelwatch.analysis.engine.data.EngineSources;
import org.panelwatch.analysis.engine.data.GazetteerEntry;
import org.panelwatch.analysis.engine.data.Languages;
import org.panelwatch.analysis.engine.data.SignalDefinition;
import org.panelwatch.analysis.engine.data.TopicDefinition;

/**
 * The engine: every topic rule, gazetteer entry and signal concept is a stored query in one Lucene
 * {@link Monitor}, once per language; an item is indexed in memory under its language's field and
 * matched against them keeping match positions ({@link EvidenceMatch}), so each tag keeps the offsets of what matched it.
 */
public final class MonitorTaggingEngine implements TaggingEngine {

    /** Evidence sentences kept per topic and per signal: enough for an analyst to judge, short enough for an alert. */
    private static final int MAX_EVIDENCE = 3;
    private static final int MAX_SNIPPET = 400;
    private static final int MAX_CLAUSES = 16_384;
    private static final System.Logger LOG = System.getLogger(MonitorTaggingEngine.class.getName());

    private enum Kind { TOPIC_RULE, ENTITY, CONCEPT }

    private record Registered(Kind kind, String ref, double weight) {
    }

    private final CatalogueDefinition definition;
    private final Map<String, GazetteerEntry> entries;
    private final List<SignalDetector> detectors;
    /** Per party concept of a signal (russia-side, dprk-side), the gazetteer groups that name it. */
    private final Map<String, Set<String>> partyGroups = new LinkedHashMap<>();
    private final LanguageAnalyzers analyzers = new LanguageAnalyzers();
    private final Map<String, Registered> registry = new HashMap<>();
    private final Monitor monitor;

    private MonitorTaggingEngine(CatalogueDefinition definition, List<GazetteerEntry> gazetteer) {
        this.definition = definition;
        this.entries = new LinkedHashMap<>();
        for (GazetteerEntry e : gazetteer) {
            if (entries.put(e.id(), e) != null) {
                throw new CatalogueException(e.id(), "gazetteer entry id appears twice");
            }
        }
        Map<String, Map<String, List<String>>> concepts = conceptForms(definition, gazetteer);
        CatalogueReader.checkReferences(definition, groupsOf(gazetteer));
        this.detectors = definition.signals().stream().map(SignalDetector::new).toList();
        for (SignalDefinition s : definition.signals()) {
            for (String party : s.parties()) {
                partyGroups.put(party, groupsNamed(party, concepts, groupsOf(gazetteer), new HashSet<>()));
            }
        }
        if (IndexSearcher.getMaxClauseCount() < MAX_CLAUSES) {
            // a gazetteer group such as @un-listed expands to thousands of span clauses
            IndexSearcher.setMaxClauseCount(MAX_CLAUSES);
        }
        long tc = System.nanoTime();
        try {
            this.monitor = new Monitor(analyzers.perField());
            List<MonitorQuery> queries = new ArrayList<>();
            for (String lang : Languages.SUPPORTED) {
                QueryCompiler compiler = new QueryCompiler(lang, analyzers.forLanguage(lang), concepts);
                for (TopicDefinition topic : definition.topics()) {
                    for (TopicDefinition.RuleDefinition rule : topic.rules()) {
                        if (!rule.languages().isEmpty() && !rule.languages().contains(lang)) {
                            continue;
                        }
                        add(queries, Kind.TOPIC_RULE, topic.topic().id(), rule.weight(), rule.qualifiedId(), lang,
                                compiler.compile(rule.qualifiedId(), rule.query()));
                    }
                }
                for (GazetteerEntry entry : gazetteer) {
                    add(queries, Kind.ENTITY, entry.id(), 0, entry.id(), lang, compiler.concept(entry.id(), "entry:" + entry.id()));
                }
                Set<String> signalConcepts = new LinkedHashSet<>();
                for (SignalDefinition s : definition.signals()) {
                    signalConcepts.addAll(s.parties());
                    s.acts().forEach(a -> signalConcepts.addAll(a.concepts()));
                    s.acts().stream().filter(a -> a.unless() != null).forEach(a -> signalConcepts.add(a.unless()));
                    signalConcepts.addAll(s.directions().values());
                    if (s.others() != null) {
                        signalConcepts.add(s.others());
                    }
                }
                for (String name : signalConcepts) {
                    add(queries, Kind.CONCEPT, name, 0, "concept:" + name, lang, compiler.concept(name, name));
                }
            }
            monitor.register(queries);
            LOG.log(System.Logger.Level.INFO, "tagging engine ready: catalogue {0}, {1} topics, {2} gazetteer entries, {3} stored queries, {4} ms",
                    definition.catalogue().version(), definition.topics().size(), gazetteer.size(), queries.size(),
                    (System.nanoTime() - tc) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(List<MonitorQuery> queries, Kind kind, String ref, double weight, String id, String lang, Query query) {
        if (query == null) {
            return;
        }
        String queryId = kind.name().charAt(0) + "|" + id + "|" + lang;
        registry.put(queryId, new Registered(kind, ref, weight));
        queries.add(new MonitorQuery(queryId, query));
    }

    /** Builds the engine over loaded data ({@link EngineSources#load()}). */
    public static MonitorTaggingEngine create(EngineSources.Loaded data) {
        return new MonitorTaggingEngine(data.definition(), data.gazetteer());
    }

    @Override
    public Catalogue catalogue() {
        return definition.catalogue();
    }

    @Override
    public Analysis analyze(String title, String body, String lang) {
        String t = title == null ? "" : title.strip();
        String b = body == null ? "" : body;
        int bodyStart = t.isEmpty() ? 0 : t.length() + 1;
        String text = t.isEmpty() ? b : t + "\n" + b;
        if (text.isBlank()) {
            return new Analysis(List.of(), List.of(), List.of());
        }
        String language = Languages.resolve(lang, text);
        String field = LanguageAnalyzers.field(language);
        Document doc = new Document();
        doc.add(new TextField(field, text, Field.Store.NO));
        MatchingQueries<EvidenceMatch> matches;
        try {
            matches = monitor.match(doc, EvidenceMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matches.getErrors().isEmpty()) {
            // Monitor reports a failing stored query instead of throwing; the rest of the item is still tagged
            LOG.log(System.Logger.Level.WARNING, "rules failed on an item: {0}", matches.getErrors());
        }
        Sentences sentences = Sentences.of(text);
        Item item = new Item(text, bodyStart, sentences);

        Map<String, List<EvidenceMatch.Hit>> topicHits = new LinkedHashMap<>();
        Map<String, Set<String>> topicRules = new HashMap<>();
        List<Analysis.EntityMatch> entities = new ArrayList<>();
        List<Set<String>> present = new ArrayList<>();
        List<Set<GazetteerEntry>> named = new ArrayList<>();
        for (int i = 0; i < sentences.count(); i++) {
            present.add(new HashSet<>());
            named.add(new LinkedHashSet<>());
        }
        for (EvidenceMatch match : matches.getMatches()) {
            Registered reg = registry.get(match.getQueryId());
            if (reg == null) {
                continue;
            }
            List<EvidenceMatch.Hit> hits = new ArrayList<>(match.hits());
            switch (reg.kind()) {
                case TOPIC_RULE -> {
                    if (topicRules.computeIfAbsent(reg.ref(), k -> new HashSet<>()).add(match.getQueryId())) {
                        topicHits.computeIfAbsent(reg.ref(), k -> new ArrayList<>()).addAll(hits);
                    }
                }
                case ENTITY -> {
                    if (!hits.isEmpty()) {
                        GazetteerEntry entry = entries.get(reg.ref());
                        hits.forEach(h -> named.get(sentences.at(h.startOffset())).add(entry));
                        int[] span = firstSpan(hits);
                        entities.add(item.entity(entry, span[0], span[1]));
                    }
                }
                case CONCEPT -> {
                    for (EvidenceMatch.Hit hit : hits) {
                        present.get(sentences.at(hit.startOffset())).add(reg.ref());
                    }
                }
            }
        }

        int titleEnd = 0;
        while (titleEnd < sentences.count() && sentences.start(titleEnd) < bodyStart) {
            titleEnd++;
        }
        // signals first: an act found also tags the topic it is an instance of
        Map<String, Set<Integer>> actSentences = new HashMap<>();
        List<Analysis.SignalMatch> signals = new ArrayList<>();
        for (SignalDetector detector : detectors) {
            SignalDetector.Result result = detector.detect(present, titleEnd);
            if (result != null) {
                for (SignalDetector.Finding f : result.findings()) {
                    detector.definition().acts().stream().filter(a -> a.id().equals(f.act()) && a.topic() != null)
                            .forEach(a -> actSentences.computeIfAbsent(a.topic(), k -> new java.util.TreeSet<>()).add(f.sentence()));
                }
                List<Analysis.SignalFinding> findings = result.findings().stream().limit(MAX_EVIDENCE)
                        .map(f -> new Analysis.SignalFinding(f.act(), f.direction(), actors(detector.definition(), f, named),
                                f.partySentences().equals(Set.of(f.sentence())), item.sentence(f.sentence())))
                        .toList();
                signals.add(new Analysis.SignalMatch(detector.definition().type(), result.score(), result.severity(),
                        findings.stream().map(Analysis.SignalFinding::evidence).toList(), findings));
            }
        }
        List<Analysis.TopicMatch> topics = new ArrayList<>();
        for (TopicDefinition topic : definition.topics()) {
            String id = topic.topic().id();
            Set<String> rules = topicRules.getOrDefault(id, Set.of());
            double sum = rules.stream().mapToDouble(r -> registry.get(r).weight()).sum();
            double min = topic.topic().minScore();
            if (sum + 1e-9 < min || !substantive(topicHits.get(id), sentences, titleEnd)) {
                if (actSentences.containsKey(id)) {
                    topics.add(new Analysis.TopicMatch(id, 0.5, actSentences.get(id).stream().limit(MAX_EVIDENCE)
                            .map(item::sentence).toList()));
                }
                continue;
            }
            // The score says how far past its threshold a topic is: 0.5 when the matching rules' weights
            // just reach minScore, rising linearly to 1.0 at three times minScore (more independent rules
            // agreeing), capped there. It ranks topics; whether a topic is tagged is the threshold alone.
            double score = Math.min(1.0, 0.5 + 0.5 * (sum - min) / (2 * min));
            topics.add(new Analysis.TopicMatch(id, Math.round(score * 1000) / 1000.0, item.evidence(topicHits.get(id))));
        }
        topics.sort(Comparator.comparingDouble(Analysis.TopicMatch::score).reversed());
        ImoNumbers.addUnknown(text, bodyStart, entities);
        entities.sort(Comparator.comparing((Analysis.EntityMatch e) -> e.field().equals("body"))
                .thenComparingInt(Analysis.EntityMatch::start));

        return new Analysis(List.copyOf(topics), List.copyOf(entities), List.copyOf(signals));
    }

    /** Whether a topic's hits say something substantive (see {@link CatalogueDefinition.Substance}); always when none is set. */
    private boolean substantive(List<EvidenceMatch.Hit> hits, Sentences sentences, int titleEnd) {
        CatalogueDefinition.Substance substance = definition.substance();
        if (substance == null) {
            return true;
        }
        Set<Integer> where = new HashSet<>();
        for (EvidenceMatch.Hit hit : hits) {
            int s = sentences.at(hit.startOffset());
            if (s < titleEnd + substance.lead()) {
                return true;
            }
            where.add(s);
        }
        return where.size() >= substance.sentences();
    }

    /** The names of the parties in a finding's sentences, in the order of the signal's parties (Russia's side first). */
    private List<String> actors(SignalDefinition signal, SignalDetector.Finding finding, List<Set<GazetteerEntry>> named) {
        Set<String> names = new LinkedHashSet<>();
        Set<Integer> where = new java.util.TreeSet<>(finding.partySentences());
        where.add(finding.sentence());
        for (String party : signal.parties()) {
            Set<String> groups = partyGroups.getOrDefault(party, Set.of());
            for (int s : where) {
                for (GazetteerEntry e : named.get(s)) {
                    if (e.groups().stream().anyMatch(groups::contains)) {
                        names.add(e.name());
                    }
                }
            }
        }
        return List.copyOf(names);
    }

    /** The gazetteer groups a concept names, following concept references ("@russia-side" → russia, russia-place). */
    private static Set<String> groupsNamed(String concept, Map<String, Map<String, List<String>>> concepts,
                                           Set<String> gazetteerGroups, Set<String> seen) {
        Set<String> out = new LinkedHashSet<>();
        if (!seen.add(concept)) {
            return out;
        }
        if (gazetteerGroups.contains(concept)) {
            out.add(concept);
            return out;
        }
        for (List<String> forms : concepts.getOrDefault(concept, Map.of()).values()) {
            for (String form : forms) {
                if (form.startsWith("@")) {
                    out.addAll(groupsNamed(form.substring(1), concepts, gazetteerGroups, seen));
                }
            }
        }
        return out;
    }

    /** The first name found: a phrase comes back as one hit per word, so adjacent words are joined. */
    private static int[] firstSpan(List<EvidenceMatch.Hit> hits) {
        hits.sort(Comparator.comparingInt(EvidenceMatch.Hit::startPosition).thenComparingInt(EvidenceMatch.Hit::endPosition));
        EvidenceMatch.Hit first = hits.get(0);
        int end = first.endOffset();
        int endPosition = first.endPosition();
        for (int i = 1; i < hits.size() && hits.get(i).startPosition() <= endPosition + 1; i++) {
            end = Math.max(end, hits.get(i).endOffset());
            endPosition = Math.max(endPosition, hits.get(i).endPosition());
        }
        return new int[] {first.startOffset(), end};
    }

    /** Offsets of the combined text (title, a line break, body) mapped back to their field. */
    private record Item(String text, int bodyStart, Sentences sentences) {

        Analysis.EntityMatch entity(GazetteerEntry e, int start, int end) {
            String field = start < bodyStart ? "title" : "body";
            int base = field.equals("title") ? 0 : bodyStart;
            return new Analysis.EntityMatch(e.type(), e.name(), e.unReference(), field, start - base, end - base);
        }

        Analysis.Evidence sentence(int index) {
            return snippet(sentences.start(index), sentences.end(index), sentences.start(index), sentences.end(index));
        }

        Analysis.Evidence snippet(int sentenceStart, int sentenceEnd, int hitStart, int hitEnd) {
            int start = sentenceStart;
            int end = sentenceEnd;
            if (end - start > MAX_SNIPPET) {
                start = Math.max(sentenceStart, hitStart - MAX_SNIPPET / 2);
                end = Math.min(sentenceEnd, Math.max(hitEnd, start + MAX_SNIPPET));
            }
            String field = start < bodyStart ? "title" : "body";
            int base = field.equals("title") ? 0 : bodyStart;
            return new Analysis.Evidence(text.substring(start, end), field, start - base, end - base);
        }

        /** The sentences with the most hits, in text order. */
        List<Analysis.Evidence> evidence(List<EvidenceMatch.Hit> hits) {
            Map<Integer, List<EvidenceMatch.Hit>> bySentence = new TreeMap<>();
            for (EvidenceMatch.Hit hit : hits) {
                bySentence.computeIfAbsent(sentences.at(hit.startOffset()), k -> new ArrayList<>()).add(hit);
            }
            return bySentence.entrySet().stream()
                    .sorted(Comparator.comparingInt((Map.Entry<Integer, List<EvidenceMatch.Hit>> e) -> -e.getValue().size())
                            .thenComparingInt(Map.Entry::getKey))
                    .limit(MAX_EVIDENCE)
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> {
                        int s = e.getKey();
                        EvidenceMatch.Hit h = e.getValue().get(0);
                        return snippet(sentences.start(s), sentences.end(s), h.startOffset(), h.endOffset());
                    })
                    .toList();
        }
    }

    private static Map<String, Map<String, List<String>>> conceptForms(CatalogueDefinition definition,
                                                                      List<GazetteerEntry> gazetteer) {
        Map<String, Map<String, List<String>>> concepts = new HashMap<>();
        definition.concepts().forEach((name, c) -> concepts.put(name, c.forms()));
        Map<String, Map<String, List<String>>> groups = new HashMap<>();
        for (GazetteerEntry e : gazetteer) {
            concepts.put("entry:" + e.id(), e.forms());
            for (String group : e.groups()) {
                if (definition.concepts().containsKey(group)) {
                    throw new CatalogueException(e.id(), "group '" + group + "' clashes with a catalogue concept of that name");
                }
                Map<String, List<String>> forms = groups.computeIfAbsent(group, g -> new HashMap<>());
                for (String lang : e.forms().keySet()) {
                    forms.computeIfAbsent(lang, l -> new ArrayList<>()).add("@entry:" + e.id());
                }
            }
        }
        concepts.putAll(groups);
        return concepts;
    }

    private static Set<String> groupsOf(List<GazetteerEntry> gazetteer) {
        Set<String> groups = new HashSet<>();
        gazetteer.forEach(e -> groups.addAll(e.groups()));
        return groups;
    }
}
