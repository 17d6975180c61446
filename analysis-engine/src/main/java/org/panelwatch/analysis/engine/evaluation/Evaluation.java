package org.panelwatch.analysis.engine.evaluation;

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
import java.util.TreeMap;
import java.util.TreeSet;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.matching.Engines;
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
            usage: evaluate [--devset FILE.jsonl]... [--real DIR] [--split tune|score]
                            [--min-signal-f1 X] [--min-signal-precision X] [--min-language-f1 X]
                            [--min-topic-f1 X] [--min-each-topic-f1 X]
                            [--seed FILE[=topic,topic...]]... [--catalogue FILE] [--un-list FILE] [--gazetteer FILE]...
              --devset         JSONL with id, title, body, lang, russia_dprk_military, topics (story, split optional)
              --real           a folder with labels.jsonl (labels) and texts.jsonl (id, title, body), joined by id
              --split          score only the items of this split (tune or score) of every set
              --min-signal-f1  fail below this F1 for the russia-dprk-military signal (default 0)
              --min-signal-precision  fail below this signal precision (default 0)
              --min-language-f1       fail when a language with positives has a signal F1 below this (default 0)
              --min-topic-f1   fail below this micro-averaged F1 over all topics (default 0)
              --min-each-topic-f1     fail when a labelled topic has an F1 below this (default 0)
              --stories        JSONL with id, title, body, lang, published, story: the same-story figures only
                               (printed for every --devset and --real set too when its items carry story ids)
              --min-story-grouped  fail when fewer same-event pairs are grouped (share, default 0)
              --max-story-wrong    fail when more different-event pairs are grouped (share, default 1)
              --seed           a plain-text article (first line = title when short); fails unless it gets a
                               medium or high russia-dprk-military signal and every topic listed after '='
            Every set is also scored with the keyword rule a user would set up instead:
              """ + KeywordRule.TEXT + " (with translations)";

    /** The thresholds a set must meet. */
    record Thresholds(double signalF1, double signalPrecision, double languageF1, double topicF1, double eachTopicF1) {
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws IOException {
        List<Path> devsets = new ArrayList<>();
        Path real = null;
        String split = null;
        Path stories = null;
        double minGrouped = 0;
        double maxWronglyGrouped = 1;
        double minSignal = 0;
        double minPrecision = 0;
        double minLanguage = 0;
        double minTopics = 0;
        double minEachTopic = 0;
        Map<Path, List<String>> seeds = new LinkedHashMap<>();
        Engines.Builder builder = Engines.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--devset" -> devsets.add(Path.of(required(arg, value)));
                case "--real" -> real = Path.of(required(arg, value));
                case "--split" -> {
                    split = required(arg, value);
                    if (!split.equals("tune") && !split.equals("score")) {
                        throw new UsageException("--split is tune or score, got " + split);
                    }
                }
                case "--min-signal-f1" -> minSignal = number(arg, value);
                case "--min-signal-precision" -> minPrecision = number(arg, value);
                case "--min-language-f1" -> minLanguage = number(arg, value);
                case "--min-topic-f1" -> minTopics = number(arg, value);
                case "--min-each-topic-f1" -> minEachTopic = number(arg, value);
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
        if (devsets.isEmpty() && real == null && seeds.isEmpty() && stories == null) {
            throw new UsageException("give --devset, --real, --stories and/or --seed");
        }
        List<LabelledSet> sets = new ArrayList<>();
        for (Path file : devsets) {
            sets.add(LabelledSet.file(file).only(split));
        }
        if (real != null) {
            sets.add(LabelledSet.real(real).only(split));
        }
        Evaluation evaluation = new Evaluation(builder.build(), out);
        Thresholds thresholds = new Thresholds(minSignal, minPrecision, minLanguage, minTopics, minEachTopic);
        boolean ok = true;
        StoryEvaluation storyEvaluation = new StoryEvaluation(evaluation.engine, out);
        for (LabelledSet set : sets) {
            ok &= evaluation.labelled(set, thresholds);
            // The same-story figures of the set (a line saying so when it has no story ids).
            ok &= storyEvaluation.run(set, minGrouped, maxWronglyGrouped);
        }
        if (!seeds.isEmpty()) {
            ok &= evaluation.seeds(seeds);
        }
        if (stories != null) {
            ok &= storyEvaluation.run(stories, minGrouped, maxWronglyGrouped);
        }
        out.println(ok ? "RESULT: PASS" : "RESULT: FAIL");
        return ok ? 0 : 1;
    }

    /** One item as the engine and the keyword rule saw it. */
    record Scored(LabelledSet.Labelled item, Analysis analysis, boolean engine, boolean keyword) {
    }

    /**
     * Scores one labelled set: the signal (engine and keyword rule), per language, per topic, then every
     * false alarm and miss. Further sections (e.g. same-story figures) take the same {@code scored} list.
     */
    boolean labelled(LabelledSet set, Thresholds thresholds) {
        long started = System.nanoTime();
        List<Scored> scored = new ArrayList<>();
        for (LabelledSet.Labelled item : set.items()) {
            Analysis a = engine.analyze(item.title(), item.body(), item.lang());
            scored.add(new Scored(item, a, a.signals().stream().anyMatch(s -> s.type().equals(SIGNAL)),
                    KeywordRule.matches(item.title(), item.body())));
        }
        double ms = (System.nanoTime() - started) / 1e6;
        long positives = scored.stream().filter(s -> s.item().signal()).count();
        out.printf(Locale.ROOT, "%nset %s: %d items (%d with the signal, %d without) in %.0f ms%s%n", set.name(),
                scored.size(), positives, scored.size() - positives, ms,
                set.withoutText() > 0 ? "; " + set.withoutText() + " labelled items have no text yet and are not scored" : "");

        Counts signal = new Counts();
        Counts keyword = new Counts();
        Map<String, Counts[]> perLanguage = new TreeMap<>();
        for (Scored s : scored) {
            signal.add(s.item().signal(), s.engine());
            keyword.add(s.item().signal(), s.keyword());
            Counts[] lang = perLanguage.computeIfAbsent(String.valueOf(s.item().lang()), k -> new Counts[] {new Counts(), new Counts()});
            lang[0].add(s.item().signal(), s.engine());
            lang[1].add(s.item().signal(), s.keyword());
        }
        out.printf(Locale.ROOT, "%-34s %4s %4s %4s %6s %6s %6s%n", "", "tp", "fp", "fn", "P", "R", "F1");
        signal.print(out, "signal " + SIGNAL);
        keyword.print(out, "  keyword rule");

        out.println("per language (signal)            engine: tp   fp   fn      P      R     F1 | keyword rule:  P      R     F1");
        for (Map.Entry<String, Counts[]> e : perLanguage.entrySet()) {
            Counts en = e.getValue()[0];
            Counts kw = e.getValue()[1];
            long n = scored.stream().filter(s -> String.valueOf(s.item().lang()).equals(e.getKey())).count();
            out.printf(Locale.ROOT, "  %-6s %4d items             %4d %4d %4d %6.3f %6.3f %6.3f |              %6.3f %6.3f %6.3f%n",
                    e.getKey(), n, en.tp, en.fp, en.fn, en.precision(), en.recall(), en.f1(),
                    kw.precision(), kw.recall(), kw.f1());
        }

        Map<String, Counts> perTopic = new LinkedHashMap<>();
        engine.catalogue().topics().forEach(t -> perTopic.put(t.id(), new Counts()));
        List<String> topicProblems = new ArrayList<>();
        for (Scored s : scored) {
            Set<String> got = new TreeSet<>();
            s.analysis().topics().forEach(t -> got.add(t.id()));
            Set<String> all = new LinkedHashSet<>(s.item().topics());
            all.addAll(got);
            for (String topic : all) {
                boolean gold = s.item().topics().contains(topic);
                boolean pred = got.contains(topic);
                perTopic.computeIfAbsent(topic, k -> new Counts()).add(gold, pred);
                if (gold != pred) {
                    String evidence = pred ? s.analysis().topics().stream().filter(t -> t.id().equals(topic)).findFirst()
                            .map(t -> t.evidence().isEmpty() ? "" : " | evidence: " + t.evidence().get(0).text()).orElse("") : "";
                    topicProblems.add(String.format(Locale.ROOT, "%s topic %s %s [%s]: %s%s", s.item().id(), topic,
                            pred ? "FALSE ALARM" : "MISS", s.item().lang(), s.item().title(), evidence));
                }
            }
        }
        out.println("per topic");
        Counts micro = new Counts();
        for (Map.Entry<String, Counts> e : perTopic.entrySet()) {
            e.getValue().print(out, "topic " + e.getKey());
            micro.merge(e.getValue());
        }
        micro.print(out, "topics micro-average");

        out.println("signal false alarms and misses (engine; the keyword rule's verdict in brackets)");
        for (Scored s : scored) {
            if (s.item().signal() == s.engine()) {
                continue;
            }
            String kw = s.keyword() == s.item().signal() ? "keyword rule right" : "keyword rule wrong too";
            if (s.engine()) {
                Analysis.SignalMatch m = s.analysis().signals().stream().filter(x -> x.type().equals(SIGNAL)).findFirst().orElseThrow();
                Analysis.SignalFinding f = m.findings().isEmpty() ? null : m.findings().get(0);
                out.printf(Locale.ROOT, "  %s signal FALSE ALARM [%s] (%s) %s %s%s: %s%n", s.item().id(), s.item().lang(), kw,
                        m.severity(), m.score(), f == null ? "" : " act " + f.act() + " " + f.direction() + " " + f.actors(),
                        oneLine(m.evidence().get(0).text()));
            } else {
                out.printf(Locale.ROOT, "  %s signal MISS [%s] (%s): %s | best candidate: %s%n", s.item().id(), s.item().lang(), kw,
                        oneLine(s.item().title()), oneLine(bestCandidate(s.item())));
            }
        }
        topicProblems.forEach(p -> out.println("  " + oneLine(p)));

        boolean ok = true;
        if (signal.f1() < thresholds.signalF1()) {
            out.printf(Locale.ROOT, "FAIL: signal F1 %.3f < %.3f%n", signal.f1(), thresholds.signalF1());
            ok = false;
        }
        if (signal.precision() < thresholds.signalPrecision()) {
            out.printf(Locale.ROOT, "FAIL: signal precision %.3f < %.3f%n", signal.precision(), thresholds.signalPrecision());
            ok = false;
        }
        for (Map.Entry<String, Counts[]> e : perLanguage.entrySet()) {
            Counts c = e.getValue()[0];
            if (c.tp + c.fn > 0 && c.f1() < thresholds.languageF1()) {
                out.printf(Locale.ROOT, "FAIL: signal F1 in %s %.3f < %.3f%n", e.getKey(), c.f1(), thresholds.languageF1());
                ok = false;
            }
        }
        if (micro.f1() < thresholds.topicF1()) {
            out.printf(Locale.ROOT, "FAIL: topic micro-F1 %.3f < %.3f%n", micro.f1(), thresholds.topicF1());
            ok = false;
        }
        for (Map.Entry<String, Counts> e : perTopic.entrySet()) {
            Counts c = e.getValue();
            if (c.tp + c.fn > 0 && c.f1() < thresholds.eachTopicF1()) {
                out.printf(Locale.ROOT, "FAIL: topic %s F1 %.3f < %.3f%n", e.getKey(), c.f1(), thresholds.eachTopicF1());
                ok = false;
            }
        }
        return ok;
    }

    /** For a miss: the sentence that touches most of the keyword rule's groups (the two actors, the act), first on ties. */
    static String bestCandidate(LabelledSet.Labelled item) {
        String best = item.title();
        int bestGroups = KeywordRule.groupsIn(best);
        for (String sentence : item.body().split("(?<=[.!?。！？])\\s+|(?<=[。！？])|\\n+")) {
            int groups = KeywordRule.groupsIn(sentence);
            if (groups > bestGroups && !sentence.isBlank()) {
                best = sentence.strip();
                bestGroups = groups;
            }
        }
        return best.length() > 400 ? best.substring(0, 400) + "…" : best;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
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
