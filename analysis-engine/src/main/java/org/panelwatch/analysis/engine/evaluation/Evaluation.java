package org.panelwatch.analysis.engine.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * The evaluation command: runs the engine over a labelled JSONL file and over plain-text seed
 * articles, prints precision/recall/F1 and every miss and false alarm, and exits 1 when a threshold
 * or a seed check fails (2 on bad usage or unreadable input). Usage in the module README.
 */
public final class Evaluation {

    static final String SIGNAL = "russia-dprk-military";

    private final PrintStream out;
    private final TaggingEngine engine;

    Evaluation(TaggingEngine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (UsageException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        } catch (CatalogueException e) {
            System.err.println("evaluate: invalid catalogue data: " + e.getMessage());
            code = 2;
        } catch (IOException e) {
            System.err.println("evaluate: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    static final String USAGE = """
            usage: evaluate [--devset FILE.jsonl] [--min-signal-f1 X] [--min-topic-f1 X]
                            [--seed FILE[=topic,topic...]]... [--catalogue FILE] [--un-list FILE] [--gazetteer FILE]...
              --devset         JSONL with id, title, body, lang, russia_dprk_military, topics
              --min-signal-f1  fail below this F1 for the russia-dprk-military signal (default 0)
              --min-topic-f1   fail below this micro-averaged F1 over all topics (default 0)
              --stories        JSONL with id, title, body, lang, published, story: the same-story figures only
                               (printed for --devset too when its items carry story ids)
              --min-story-grouped  fail when fewer same-event pairs are grouped (share, default 0)
              --max-story-wrong    fail when more different-event pairs are grouped (share, default 1)
              --seed           a plain-text article (first line = title when short); fails unless it gets a
                               medium or high russia-dprk-military signal and every topic listed after '='""";

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws IOException {
        Path devset = null;
        Path stories = null;
        double minGrouped = 0;
        double maxWronglyGrouped = 1;
        double minSignal = 0;
        double minTopics = 0;
        Map<Path, List<String>> seeds = new LinkedHashMap<>();
        Engines.Builder builder = Engines.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--devset" -> devset = Path.of(required(arg, value));
                case "--min-signal-f1" -> minSignal = number(arg, value);
                case "--min-topic-f1" -> minTopics = number(arg, value);
                case "--stories" -> stories = Path.of(required(arg, value));
                case "--min-story-grouped" -> minGrouped = number(arg, value);
                case "--max-story-wrong" -> maxWronglyGrouped = number(arg, value);
                case "--seed" -> {
                    String spec = required(arg, value);
                    int eq = spec.indexOf('=');
                    Path file = Path.of(eq < 0 ? spec : spec.substring(0, eq));
                    List<String> topics = eq < 0 || eq == spec.length() - 1 ? List.of()
                            : List.of(spec.substring(eq + 1).split(","));
                    seeds.put(file, topics);
                }
                case "--catalogue" -> builder.catalogue(Path.of(required(arg, value)));
                case "--un-list" -> builder.unList(Path.of(required(arg, value)));
                case "--gazetteer" -> builder.addGazetteer(Path.of(required(arg, value)));
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> throw new UsageException("unknown option " + arg);
            }
            i++;
        }
        if (devset == null && seeds.isEmpty() && stories == null) {
            throw new UsageException("give --devset, --stories and/or --seed");
        }
        Evaluation evaluation = new Evaluation(builder.build(), out);
        boolean ok = true;
        if (devset != null) {
            ok &= evaluation.devset(devset, minSignal, minTopics);
        }
        if (!seeds.isEmpty()) {
            ok &= evaluation.seeds(seeds);
        }
        // The same-story figures, for the devset (when it has story ids) or a file given on its own.
        for (Path file : new LinkedHashSet<>(java.util.stream.Stream.of(devset, stories).filter(Objects::nonNull).toList())) {
            ok &= new StoryEvaluation(evaluation.engine, out).run(file, minGrouped, maxWronglyGrouped);
        }
        out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        return ok ? 0 : 1;
    }

    /** One labelled item. */
    record Labelled(String id, String title, String body, String lang, boolean signal, Set<String> topics) {
    }

    static List<Labelled> readJsonl(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Labelled> items = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (IOException e) {
                throw new IOException(file + " line " + line + ": not JSON: " + e.getMessage());
            }
            if (!node.hasNonNull("body")) {
                throw new IOException(file + " line " + line + ": no body");
            }
            Set<String> topics = new TreeSet<>();
            node.path("topics").forEach(t -> topics.add(t.asText()));
            items.add(new Labelled(node.path("id").asText("line-" + line), node.path("title").asText(""),
                    node.path("body").asText(), node.path("lang").asText(null),
                    node.path("russia_dprk_military").asBoolean(false), topics));
        }
        return items;
    }

    boolean devset(Path file, double minSignal, double minTopics) throws IOException {
        List<Labelled> items = readJsonl(file);
        Counts signal = new Counts();
        Map<String, Counts> perTopic = new LinkedHashMap<>();
        engine.catalogue().topics().forEach(t -> perTopic.put(t.id(), new Counts()));
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        for (Labelled item : items) {
            Analysis a = engine.analyze(item.title(), item.body(), item.lang());
            boolean predicted = a.signals().stream().anyMatch(s -> s.type().equals(SIGNAL));
            signal.add(item.signal(), predicted);
            if (item.signal() != predicted) {
                problems.add(String.format(Locale.ROOT, "%s signal %s: %s%s", item.id(),
                        predicted ? "FALSE ALARM" : "MISS", item.title(), predicted ? " | evidence: "
                                + a.signals().get(0).evidence().get(0).text() : ""));
            }
            Set<String> got = new TreeSet<>();
            a.topics().forEach(t -> got.add(t.id()));
            Set<String> all = new LinkedHashSet<>(item.topics());
            all.addAll(got);
            for (String topic : all) {
                Counts c = perTopic.computeIfAbsent(topic, k -> new Counts());
                boolean gold = item.topics().contains(topic);
                boolean pred = got.contains(topic);
                c.add(gold, pred);
                if (gold != pred) {
                    String evidence = pred ? a.topics().stream().filter(t -> t.id().equals(topic)).findFirst()
                            .map(t -> t.evidence().isEmpty() ? "" : " | evidence: " + t.evidence().get(0).text()).orElse("") : "";
                    problems.add(String.format(Locale.ROOT, "%s topic %s %s: %s%s", item.id(), topic,
                            pred ? "FALSE ALARM" : "MISS", item.title(), evidence));
                }
            }
            for (String topic : perTopic.keySet()) {
                if (!all.contains(topic)) {
                    perTopic.get(topic).add(false, false);
                }
            }
        }
        double ms = (System.nanoTime() - started) / 1e6;
        Counts micro = new Counts();
        perTopic.values().forEach(micro::merge);
        out.printf(Locale.ROOT, "devset %s: %d items in %.0f ms%n", file, items.size(), ms);
        out.printf(Locale.ROOT, "%-24s %5s %5s %5s %6s %6s %6s%n", "", "tp", "fp", "fn", "P", "R", "F1");
        signal.print(out, "signal " + SIGNAL);
        for (Map.Entry<String, Counts> e : perTopic.entrySet()) {
            e.getValue().print(out, "topic " + e.getKey());
        }
        micro.print(out, "topics micro-average");
        problems.forEach(p -> out.println("  " + p));
        boolean ok = true;
        if (signal.f1() < minSignal) {
            out.printf(Locale.ROOT, "FAIL: signal F1 %.3f < %.3f%n", signal.f1(), minSignal);
            ok = false;
        }
        if (micro.f1() < minTopics) {
            out.printf(Locale.ROOT, "FAIL: topic micro-F1 %.3f < %.3f%n", micro.f1(), minTopics);
            ok = false;
        }
        return ok;
    }

    boolean seeds(Map<Path, List<String>> seeds) throws IOException {
        boolean ok = true;
        for (Map.Entry<Path, List<String>> seed : seeds.entrySet()) {
            String[] titleBody = titleAndBody(Files.readString(seed.getKey(), StandardCharsets.UTF_8));
            Analysis a = engine.analyze(titleBody[0], titleBody[1], null);
            Analysis.SignalMatch signal = a.signals().stream().filter(s -> s.type().equals(SIGNAL)).findFirst().orElse(null);
            Set<String> topics = new TreeSet<>();
            a.topics().forEach(t -> topics.add(t.id()));
            boolean signalOk = signal != null && !signal.severity().equals("low");
            boolean topicsOk = topics.containsAll(seed.getValue());
            out.printf(Locale.ROOT, "seed %s: signal %s, topics %s -> %s%n", seed.getKey().getFileName(),
                    signal == null ? "none" : signal.severity() + " " + signal.score(), topics,
                    signalOk && topicsOk ? "ok" : "FAIL");
            if (signal != null) {
                signal.evidence().forEach(e -> out.println("    evidence [" + e.field() + " " + e.start() + "-" + e.end() + "] " + e.text()));
            }
            if (!topicsOk) {
                List<String> missing = new ArrayList<>(seed.getValue());
                missing.removeAll(topics);
                out.println("    missing topics: " + missing);
            }
            ok &= signalOk && topicsOk;
        }
        return ok;
    }

    /** A seed file: the first non-blank line is the title when it is short (a headline), else there is none. */
    static String[] titleAndBody(String text) {
        String stripped = text.stripLeading();
        int nl = stripped.indexOf('\n');
        if (nl > 0 && nl <= 200) {
            return new String[] {stripped.substring(0, nl).strip(), stripped.substring(nl + 1)};
        }
        return new String[] {"", stripped};
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(required(option, value));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, got " + value);
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** True/false positives and negatives. */
    static final class Counts {
        int tp;
        int fp;
        int fn;

        void add(boolean gold, boolean predicted) {
            if (gold && predicted) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (gold) {
                fn++;
            }
        }

        void merge(Counts other) {
            tp += other.tp;
            fp += other.fp;
            fn += other.fn;
        }

        double precision() {
            return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        void print(PrintStream out, String label) {
            out.printf(Locale.ROOT, "%-34s %4d %4d %4d %6.3f %6.3f %6.3f%n", label, tp, fp, fn, precision(), recall(), f1());
        }
    }
}
