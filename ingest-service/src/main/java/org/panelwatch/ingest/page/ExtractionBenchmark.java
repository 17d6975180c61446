package org.panelwatch.ingest.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;

/**
 * {@code bin/extract}: reads every {@code KEY.html.gz} or {@code KEY.html} of a folder with {@link PageReader},
 * writes {@code {KEY: {articleBody, title, published, lang}}}, and with a ground truth
 * ({@code {KEY: {articleBody}}}) prints the benchmark's F1, precision, recall and accuracy
 * ({@link ExtractionScore}) of ours and of Readability4J alone, over all pages and over the two halves
 * (keys ending in 0–7, in 8–f), and the pages per second of each on one thread (CPU time).
 */
public final class ExtractionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private record Page(String key, String url, byte[] html) {
    }

    private record Run(TreeMap<String, String> bodies, double pagesPerSecond) {
    }

    public static void main(String[] args) throws IOException {
        Path htmlDir = null;
        Path out = null;
        Path groundTruth = null;
        Path perPage = null;
        double minF1 = 0;
        double minPrecision = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--html-dir" -> htmlDir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--ground-truth" -> groundTruth = Path.of(args[++i]);
                case "--per-page" -> perPage = Path.of(args[++i]);
                case "--min-f1" -> minF1 = Double.parseDouble(args[++i]);
                case "--min-precision" -> minPrecision = Double.parseDouble(args[++i]);
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (htmlDir == null || out == null) {
            usage("--html-dir and --out are required");
        }
        JsonNode truth = groundTruth == null ? null : JSON.readTree(groundTruth.toFile());
        List<Page> pages = pages(htmlDir, truth);
        if (pages.isEmpty()) {
            usage("no .html or .html.gz files in " + htmlDir);
        }

        PageReader reader = new PageReader();
        TreeMap<String, ExtractedPage> extracted = new TreeMap<>();
        for (Page page : pages) {
            extracted.put(page.key(), reader.read(page.html(), page.url()));
        }
        ObjectNode written = JSON.createObjectNode();
        extracted.forEach((key, page) -> {
            ObjectNode entry = written.putObject(key);
            entry.put("articleBody", page.articleBody());
            entry.put("title", page.title());
            entry.put("published", page.published());
            entry.put("lang", page.lang());
        });
        JSON.writeValue(out.toFile(), written);
        System.out.printf(Locale.ROOT, "%d pages read, written to %s%n", pages.size(), out);
        if (truth == null) {
            return;
        }

        Run ours = timed(pages, (html, url) -> reader.read(html, url).articleBody());
        Run readability = timed(pages, (html, url) -> ReadabilityArticle.textContent(parse(html, url), url));
        System.out.println("extractor        pages  F1     P      R      accuracy  pages/s/core");
        ExtractionScore.Result all = report("ours", pages, truth, ours, null, "");
        report("readability4j", pages, truth, readability, null, "");
        report("ours", pages, truth, ours, null, "01234567");
        report("readability4j", pages, truth, readability, null, "01234567");
        report("ours", pages, truth, ours, null, "89abcdef");
        report("readability4j", pages, truth, readability, null, "89abcdef");
        if (perPage != null) {
            try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(perPage))) {
                writer.println("key\tP\tR\treadabilityP\treadabilityR");
                for (Page page : pages) {
                    String expected = truth.path(page.key()).path("articleBody").asText("");
                    ExtractionScore.PageScore mine = ExtractionScore.score(expected, ours.bodies().get(page.key()));
                    ExtractionScore.PageScore theirs = ExtractionScore.score(expected, readability.bodies().get(page.key()));
                    writer.printf(Locale.ROOT, "%s\t%.3f\t%.3f\t%.3f\t%.3f%n", page.key(), mine.precision(),
                            mine.recall(), theirs.precision(), theirs.recall());
                }
            }
        }
        if (all.f1() < minF1 || all.precision() < minPrecision) {
            System.out.printf(Locale.ROOT, "below the threshold: F1 %.3f (minimum %.3f), precision %.3f (minimum %.3f)%n",
                    all.f1(), minF1, all.precision(), minPrecision);
            System.exit(1);
        }
    }

    private static ExtractionScore.Result report(String name, List<Page> pages, JsonNode truth, Run run,
            PrintWriter unused, String lastDigits) {
        ExtractionScore score = new ExtractionScore();
        for (Page page : pages) {
            if (lastDigits.isEmpty() || lastDigits.indexOf(Character.toLowerCase(page.key().charAt(page.key().length() - 1))) >= 0) {
                score.add(truth.path(page.key()).path("articleBody").asText(""), run.bodies().get(page.key()));
            }
        }
        ExtractionScore.Result result = score.result();
        String label = lastDigits.isEmpty() ? name : name + " (keys …" + lastDigits.charAt(0) + "–" + lastDigits.charAt(lastDigits.length() - 1) + ")";
        System.out.printf(Locale.ROOT, "%-24s %5d  %.3f  %.3f  %.3f  %.3f     %s%n", label, result.pages(), result.f1(),
                result.precision(), result.recall(), result.accuracy(),
                lastDigits.isEmpty() ? String.format(Locale.ROOT, "%.1f", run.pagesPerSecond()) : "");
        return result;
    }

    /** Bodies of every page on this thread, timed by this thread's CPU time after one untimed warm-up pass. */
    private static Run timed(List<Page> pages, BiFunction<byte[], String, String> extractor) {
        for (Page page : pages) {
            extractor.apply(page.html(), page.url());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        TreeMap<String, String> bodies = new TreeMap<>();
        long start = threads.getCurrentThreadCpuTime();
        for (Page page : pages) {
            bodies.put(page.key(), extractor.apply(page.html(), page.url()));
        }
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        return new Run(bodies, pages.size() / seconds);
    }

    private static org.jsoup.nodes.Document parse(byte[] html, String url) {
        try {
            return Jsoup.parse(new java.io.ByteArrayInputStream(html), null, url);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Page> pages(Path dir, JsonNode truth) throws IOException {
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                String key;
                byte[] html;
                if (name.endsWith(".html.gz")) {
                    key = name.substring(0, name.length() - ".html.gz".length());
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        html = in.readAllBytes();
                    }
                } else if (name.endsWith(".html")) {
                    key = name.substring(0, name.length() - ".html".length());
                    html = Files.readAllBytes(file);
                } else {
                    continue;
                }
                String url = truth == null ? "" : truth.path(key).path("url").asText("");
                pages.add(new Page(key, url, html));
            }
        }
        return pages;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: extract --html-dir DIR --out FILE.json [--ground-truth FILE.json] "
                + "[--min-f1 X] [--min-precision X] [--per-page FILE.tsv]");
        System.exit(2);
    }
}
