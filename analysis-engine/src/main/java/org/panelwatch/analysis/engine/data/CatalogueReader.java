package org.panelwatch.analysis.engine.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.CatalogueException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the catalogue YAML (format in the module README): topics with their resolutions and rules, the
 * word lists ({@code concepts}) and the signal definitions. Structural errors are reported naming the
 * rule; references to unknown concepts are checked by {@link #checkReferences}.
 */
public final class CatalogueReader {

    private static final Set<String> QUERY_KEYS = Set.of("any", "all", "near", "terms");

    private CatalogueReader() {
    }

    public static CatalogueDefinition read(String yamlText, String origin) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (YAMLException e) {
            throw new CatalogueException(null, origin + " is not valid YAML: " + e.getMessage(), e);
        }
        YamlFields doc = new YamlFields(origin, root);
        String version = doc.string("version", "unversioned");

        Map<String, Concept> concepts = new LinkedHashMap<>();
        if (doc.has("concepts")) {
            YamlFields conceptMap = new YamlFields(origin + " concepts", doc.raw("concepts"));
            Map<?, ?> raw = (Map<?, ?>) doc.raw("concepts");
            for (Object key : raw.keySet()) {
                String name = String.valueOf(key);
                concepts.put(name, new Concept(name, new YamlFields("@" + name, Map.of("forms", conceptMap.raw(name))).forms("forms")));
            }
        }

        List<TopicDefinition> topics = new ArrayList<>();
        Set<String> topicIds = new HashSet<>();
        for (Object t : doc.list("topics")) {
            TopicDefinition topic = topic(t);
            if (!topicIds.add(topic.topic().id())) {
                throw new CatalogueException(topic.topic().id(), "topic id appears twice");
            }
            topics.add(topic);
        }
        if (topics.isEmpty()) {
            throw new CatalogueException(null, origin + " defines no topics");
        }

        List<SignalDefinition> signals = new ArrayList<>();
        for (Object s : doc.list("signals")) {
            signals.add(signal(s));
        }
        Catalogue catalogue = new Catalogue(version, topics.stream().map(TopicDefinition::topic).toList());
        CatalogueDefinition.Substance substance = null;
        if (doc.has("substance")) {
            YamlFields sub = new YamlFields(origin + " substance", doc.raw("substance"));
            substance = new CatalogueDefinition.Substance((int) sub.number("sentences", 1), (int) sub.number("lead", 0));
            if (substance.sentences() < 1 || substance.lead() < 0) {
                throw new CatalogueException(null, origin + " substance: sentences must be at least 1 and lead at least 0");
            }
        }
        return new CatalogueDefinition(catalogue, concepts, topics, signals, substance);
    }

    /** Fails on the first rule, concept or signal that refers to a concept nobody defines. */
    public static void checkReferences(CatalogueDefinition definition, Set<String> gazetteerGroups) {
        Set<String> known = new HashSet<>(gazetteerGroups);
        known.addAll(definition.concepts().keySet());
        for (Concept c : definition.concepts().values()) {
            for (List<String> forms : c.forms().values()) {
                for (String form : forms) {
                    if (form.startsWith("@") && !known.contains(form.substring(1))) {
                        throw new CatalogueException("@" + c.name(), "unknown concept '" + form + "'");
                    }
                }
            }
        }
        for (TopicDefinition topic : definition.topics()) {
            for (TopicDefinition.RuleDefinition rule : topic.rules()) {
                checkNode(rule.qualifiedId(), rule.query(), known);
            }
        }
        Set<String> topicIds = new HashSet<>();
        definition.topics().forEach(t -> topicIds.add(t.topic().id()));
        for (SignalDefinition signal : definition.signals()) {
            for (SignalDefinition.Act act : signal.acts()) {
                if (act.topic() != null && !topicIds.contains(act.topic())) {
                    throw new CatalogueException(signal.type() + "/" + act.id(), "unknown topic '" + act.topic() + "'");
                }
            }
            List<String> names = new ArrayList<>(signal.parties());
            signal.acts().forEach(a -> names.addAll(a.concepts()));
            signal.acts().stream().filter(a -> a.unless() != null).forEach(a -> names.add(a.unless()));
            names.addAll(signal.directions().values());
            if (signal.others() != null) {
                names.add(signal.others());
            }
            for (String name : names) {
                if (!known.contains(name)) {
                    throw new CatalogueException(signal.type(), "unknown concept '" + name + "'");
                }
            }
        }
    }

    private static void checkNode(String rule, QueryNode node, Set<String> known) {
        if (node instanceof QueryNode.ConceptRef ref) {
            if (!known.contains(ref.name())) {
                throw new CatalogueException(rule, "unknown concept '@" + ref.name() + "'");
            }
        } else if (node instanceof QueryNode.Any any) {
            any.of().forEach(n -> checkNode(rule, n, known));
        } else if (node instanceof QueryNode.All all) {
            all.of().forEach(n -> checkNode(rule, n, known));
        } else if (node instanceof QueryNode.Near near) {
            near.of().forEach(n -> checkNode(rule, n, known));
        } else if (node instanceof QueryNode.Not not) {
            checkNode(rule, not.of(), known);
        }
    }

    private static TopicDefinition topic(Object node) {
        YamlFields t = new YamlFields("topic", node);
        String id = t.string("id");
        YamlFields topic = new YamlFields(id, node);
        List<Catalogue.Resolution> resolutions = new ArrayList<>();
        for (Object r : topic.list("resolutions")) {
            YamlFields res = new YamlFields(id + " resolution", r);
            resolutions.add(new Catalogue.Resolution(res.string("resolution"), res.strings("paragraphs"),
                    res.string("summary", "")));
        }
        double minScore = topic.number("minScore", 1.0);
        if (minScore <= 0) {
            throw new CatalogueException(id, "'minScore' must be above 0");
        }
        List<TopicDefinition.RuleDefinition> rules = new ArrayList<>();
        Set<String> ruleIds = new HashSet<>();
        for (Object r : topic.list("rules")) {
            TopicDefinition.RuleDefinition rule = rule(id, r);
            if (!ruleIds.add(rule.qualifiedId())) {
                throw new CatalogueException(rule.qualifiedId(), "rule id appears twice in topic " + id);
            }
            rules.add(rule);
        }
        if (rules.isEmpty()) {
            throw new CatalogueException(id, "topic has no rules");
        }
        Catalogue.Topic publicTopic = new Catalogue.Topic(id, topic.string("name"), topic.string("description"),
                resolutions, minScore, rules.stream()
                .map(r -> new Catalogue.Rule(r.qualifiedId(), r.languages(), r.weight(), r.query().toString()))
                .toList());
        return new TopicDefinition(publicTopic, rules);
    }

    private static TopicDefinition.RuleDefinition rule(String topicId, Object node) {
        YamlFields anonymous = new YamlFields(topicId + "/?", node);
        String id = topicId + "/" + anonymous.string("id");
        YamlFields rule = new YamlFields(id, node);
        List<String> languages = rule.strings("lang");
        for (String lang : languages) {
            if (!Languages.SUPPORTED.contains(lang)) {
                throw new CatalogueException(id, "unknown language '" + lang + "' (known: " + Languages.SUPPORTED + ")");
            }
        }
        double weight = rule.number("weight", 1.0);
        if (weight <= 0) {
            throw new CatalogueException(id, "'weight' must be above 0");
        }
        List<String> keys = QUERY_KEYS.stream().filter(rule::has).toList();
        if (keys.size() != 1) {
            throw new CatalogueException(id, "a rule needs exactly one of " + QUERY_KEYS + ", found " + keys);
        }
        QueryNode query = queryNode(id, Map.of(keys.get(0), rule.raw(keys.get(0))), false);
        return new TopicDefinition.RuleDefinition(id, languages, weight, query);
    }

    /** Parses a query node; {@code inSpan} is true below a {@code near}, where only text, @concepts, any and near fit. */
    static QueryNode queryNode(String rule, Object node, boolean inSpan) {
        if (node instanceof String s) {
            String text = s.strip();
            if (text.isEmpty()) {
                throw new CatalogueException(rule, "empty text in query");
            }
            if (text.startsWith("@")) {
                return new QueryNode.ConceptRef(text.substring(1));
            }
            return new QueryNode.Text(text);
        }
        if (node instanceof Number || node instanceof Boolean) {
            return new QueryNode.Text(node.toString());
        }
        if (node instanceof List<?> list) {
            return new QueryNode.Any(children(rule, list, inSpan, "any"));
        }
        YamlFields fields = new YamlFields(rule, node);
        Map<?, ?> map = (Map<?, ?>) node;
        if (map.size() != 1 && !(map.containsKey("near"))) {
            throw new CatalogueException(rule, "a query node has exactly one key (any, all, not, near), found " + map.keySet());
        }
        if (fields.has("any") || fields.has("terms")) {
            String key = fields.has("any") ? "any" : "terms";
            return new QueryNode.Any(children(rule, fields.list(key), inSpan, key));
        }
        if (fields.has("all")) {
            if (inSpan) {
                throw new CatalogueException(rule, "'all' cannot appear inside 'near' (use a nested near)");
            }
            return new QueryNode.All(children(rule, fields.list("all"), false, "all"));
        }
        if (fields.has("not")) {
            if (inSpan) {
                throw new CatalogueException(rule, "'not' cannot appear inside 'near'");
            }
            return new QueryNode.Not(queryNode(rule, fields.raw("not"), false));
        }
        if (fields.has("near")) {
            YamlFields near = new YamlFields(rule + " near", fields.raw("near"));
            double slop = near.number("slop", 10);
            if (slop < 0 || slop != Math.floor(slop)) {
                throw new CatalogueException(rule, "'slop' must be a whole number ≥ 0");
            }
            boolean ordered = Boolean.parseBoolean(near.string("ordered", "false"));
            List<QueryNode> of = children(rule, near.list("of"), true, "near");
            if (of.size() < 2) {
                throw new CatalogueException(rule, "'near' needs at least two terms in 'of'");
            }
            return new QueryNode.Near((int) slop, ordered, of);
        }
        throw new CatalogueException(rule, "unknown query operator " + map.keySet() + " (known: any, all, not, near)");
    }

    private static List<QueryNode> children(String rule, List<?> list, boolean inSpan, String operator) {
        if (list.isEmpty()) {
            throw new CatalogueException(rule, "'" + operator + "' is empty");
        }
        List<QueryNode> out = new ArrayList<>();
        for (Object child : list) {
            out.add(queryNode(rule, child, inSpan));
        }
        return out;
    }

    private static SignalDefinition signal(Object node) {
        YamlFields s = new YamlFields("signal", node);
        String type = s.string("type");
        YamlFields signal = new YamlFields(type, node);
        List<SignalDefinition.Act> acts = new ArrayList<>();
        for (Object a : signal.list("acts")) {
            YamlFields act = new YamlFields(type + " act", a);
            String id = act.string("id");
            List<String> concepts = new YamlFields(type + "/" + id, a).strings("concepts").stream()
                    .map(c -> c.startsWith("@") ? c.substring(1) : c).toList();
            if (concepts.isEmpty()) {
                throw new CatalogueException(type + "/" + id, "an act needs at least one concept");
            }
            String unless = act.string("unless", null);
            acts.add(new SignalDefinition.Act(id, act.number("strength", 1.0), concepts,
                    act.string("direction", SignalDefinition.UNSPECIFIED), act.string("topic", null),
                    unless != null && unless.startsWith("@") ? unless.substring(1) : unless, (int) act.number("lead", 0)));
        }
        if (acts.isEmpty()) {
            throw new CatalogueException(type, "a signal needs at least one act");
        }
        List<String> parties = signal.strings("parties").stream().map(c -> c.startsWith("@") ? c.substring(1) : c).toList();
        double medium = signal.number("medium", 0.5);
        double high = signal.number("high", 0.8);
        if (!(medium < high)) {
            throw new CatalogueException(type, "'medium' must be below 'high'");
        }
        String others = signal.string("others", null);
        if (others != null && others.startsWith("@")) {
            others = others.substring(1);
        }
        Map<String, String> directions = new LinkedHashMap<>();
        if (signal.has("directions")) {
            YamlFields cues = new YamlFields(type + " directions", signal.raw("directions"));
            for (Object key : ((Map<?, ?>) signal.raw("directions")).keySet()) {
                String concept = cues.string(String.valueOf(key));
                directions.put(String.valueOf(key), concept.startsWith("@") ? concept.substring(1) : concept);
            }
        }
        return new SignalDefinition(type, parties, acts, (int) signal.number("window", 1),
                signal.number("sameSentence", 0.6), signal.number("windowed", 0.35),
                signal.number("minScore", 0.3), medium, high, directions, others);
    }
}
