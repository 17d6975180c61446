package org.panelwatch.e2e.bench;

import static org.panelwatch.e2e.bench.BenchmarkReport.ms;
import static org.panelwatch.e2e.bench.BenchmarkReport.verdict;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Not a test: the analyst console's speed with {@code archive} items stored, its own step of
 * {@code deploy/local/benchmark.sh} (after the pipeline phases, or alone with {@code --only=console}).
 *
 * <p>Fills analysis.item to {@code archive} rows (as the pipeline benchmark's phase 4 does, the same
 * rows), signs in with the reader key, then (a) loads each page once as a first visit, counting the
 * bytes of the page and of every asset it names, and (b) has {@code console-clients} signed-in
 * browsers ask for the pages in turn for {@code console-seconds} after a warm-up, timing each answer
 * from request to last byte on loopback: the console's server time, including its calls to the
 * services, plus a loopback hop. Written into BENCHMARKS.md between its own markers.
 */
public final class ConsoleBenchmark {

    static final String SECTION = "console-benchmark";
    /** Not a page: the read API's signal list, which /signals calls, timed beside the pages. */
    static final String API_SIGNALS = "GET /api/v1/signals (read API alone, for comparison)";
    private static final String SIGNALS = "/signals";

    private ConsoleBenchmark() {
    }

    /** A page of the console as the benchmark asks for it; {@code paths} gives each request's path. */
    record Page(String name, Supplier<String> paths) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        long archive = Long.parseLong(options.getOrDefault("archive", "1000000"));
        int clients = Integer.parseInt(options.getOrDefault("console-clients", "4"));
        int seconds = Integer.parseInt(options.getOrDefault("console-seconds", "30"));
        Path out = Path.of(options.getOrDefault("out", "BENCHMARKS.md"));

        Map<String, String> env = System.getenv();
        String consoleUrl = env.getOrDefault("PANELWATCH_CONSOLE_URL",
                "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_CONSOLE_PORT", "8080"));
        String analysisUrl = env.getOrDefault("PANELWATCH_ANALYSIS_URL",
                "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_ANALYSIS_PORT", "8082"));
        String readerKey = env.get("PANELWATCH_READER_KEY");
        if (readerKey == null || readerKey.isBlank()) {
            throw new IllegalStateException("PANELWATCH_READER_KEY is not set; run this through deploy/local/benchmark.sh");
        }
        String jdbc = "jdbc:postgresql://" + env.getOrDefault("PGHOST", "localhost") + ":" + env.getOrDefault("PGPORT", "5432")
                + "/" + env.getOrDefault("PANELWATCH_DB", "panelwatch");
        StoreThroughput database = new StoreThroughput(jdbc);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant started = Instant.now();

        System.out.printf("(console) archive up to %,d items%n", archive);
        List<String> topics = new ReadLatency(analysisUrl, readerKey).topicIds();
        long added = new ArchiveLoader(database).fillTo(archive, topics);
        long stored = database.count("SELECT count(*) FROM analysis.item");
        long signalCount = database.count("SELECT count(*) FROM analysis.signal");

        // The objects the item, story and entity pages show: the newest signal's item, the largest
        // story (its page lists every item) and the UN-listed entity named most (read here, not
        // through the console: the benchmark only needs their ids).
        String item = first(database, "SELECT item_id::text FROM analysis.signal ORDER BY sort_at DESC, id DESC LIMIT 1");
        String story = first(database, """
                SELECT story_id::text FROM analysis.item WHERE story_id IS NOT NULL
                GROUP BY story_id ORDER BY count(*) DESC LIMIT 1""");
        String entity = first(database, """
                SELECT entity_id FROM analysis.item_entity WHERE un_reference IS NOT NULL
                GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1""");
        LocalDate newest = LocalDate.now(ZoneOffset.UTC);
        List<Page> pages = new ArrayList<>();
        pages.add(new Page("/signals", () -> SIGNALS));
        pages.add(new Page("/signals, second page (cursor)", new NextPage(consoleUrl, readerKey)));
        // Filters a busy analyst combines, each request another range of days, so that the read
        // API's answers kept for a second (its read cache) are not what is measured.
        // The archive holds one item a minute from three days back: the ranges end inside it.
        int archiveDays = (int) Math.max(1, Math.min(stored, archive) / 1440);
        pages.add(new Page("/signals?severity=high&minScore=0.5&from=…&to=…", () -> {
            LocalDate to = newest.minusDays(3 + ThreadLocalRandom.current().nextInt(archiveDays));
            return SIGNALS + "?severity=high&minScore=0.5&from=" + to.minusDays(30) + "&to=" + to;
        }));
        // Topics that some signal's item has (the archive tags its signals with few of them).
        List<String> signalTopics = all(database, """
                SELECT DISTINCT t.topic_id FROM analysis.signal s JOIN analysis.item_topic t ON t.item_id = s.item_id""");
        List<String> topicChoice = signalTopics.isEmpty() ? topics : signalTopics;
        pages.add(new Page("/signals?topic=…&lang=en", () -> SIGNALS + "?lang=en&topic="
                + topicChoice.get(ThreadLocalRandom.current().nextInt(topicChoice.size()))));
        pages.add(new Page("/signals?q=…", () -> SIGNALS + "?q="
                + List.of("petroleum", "coal", "cryptocurrency", "workers", "yongbyon", "artillery").get(
                        ThreadLocalRandom.current().nextInt(6))));
        if (item != null) {
            pages.add(new Page("/items/{id}", () -> "/items/" + item));
        }
        if (story != null) {
            pages.add(new Page("/stories/{id} (the largest story)", () -> "/stories/" + story));
        }
        if (entity != null) {
            pages.add(new Page("/entities/{id} (the UN-listed entity named most)", () -> "/entities/" + entity));
        }
        pages.add(new Page("/overview (30 days)", () -> "/overview?days=30"));
        // Beside the pages, in the same loop: the read API call behind /signals, asked directly, so
        // that the console's own share of the time can be read on a loaded machine.
        pages.add(new Page(API_SIGNALS, () -> analysisUrl + "/api/v1/signals?type=russia-dprk-military&limit=25"));

        System.out.printf("(console) %,d items, %,d signals stored; first loads%n", stored, signalCount);
        ConsoleBrowsing first = new ConsoleBrowsing(consoleUrl).signIn(readerKey);
        Map<String, ConsoleBrowsing.Load> loads = new LinkedHashMap<>();
        for (Page page : pages) {
            if (page.name().equals(API_SIGNALS)) {
                continue;
            }
            ConsoleBrowsing.Load load = new ConsoleBrowsing(consoleUrl).signIn(readerKey).firstLoad(page.paths().get());
            loads.put(page.name(), load);
            System.out.printf("    %s: %d, %,d bytes (page %,d, assets %s)%n", page.name(), load.status(), load.totalBytes(),
                    load.htmlBytes(), load.assets());
        }
        ConsoleBrowsing.Load signIn = first.firstLoad("/sign-in");

        System.out.printf("(console) %d signed-in browsers for %d s, after 10 s of warm-up%n", clients, seconds);
        Timing warm = time(consoleUrl, readerKey, pages, clients, Duration.ofSeconds(10));
        Timing timing = time(consoleUrl, readerKey, pages, clients, Duration.ofSeconds(seconds));
        timing.byPage().forEach((name, l) -> System.out.printf("    %s p50 %s p99 %s (%,d answers)%n", name,
                ms(l.percentile(50)), ms(l.percentile(99)), l.count()));

        BenchmarkReport report = new BenchmarkReport();
        report.text(String.format(Locale.ROOT, "Run of %s, %.0f min, commit `%s`; %,d items and %,d signals stored "
                        + "(archive rows added in this run: %,d); %d browsers for %d s (%,.0f pages/s in all, %d errors; "
                        + "warm-up %,d pages). Load average at the start: %s; at the end: %s.",
                started.truncatedTo(ChronoUnit.SECONDS), Duration.between(started, Instant.now()).toSeconds() / 60.0,
                System.getProperty("panelwatch.commit", "unknown"), stored, signalCount, added, clients, seconds,
                timing.pagesPerSecond(), timing.errors(), warm.byPage().values().stream().mapToInt(Latencies::count).sum(),
                loadBefore, Files.readString(Path.of("/proc/loadavg")).trim()));
        report.text("");
        report.table("page", "time to last byte, signed in", "first load: page + assets", "aim", "result");
        report.row("/sign-in", "—", kb(signIn.totalBytes()) + " (page " + kb(signIn.htmlBytes()) + ")", "< 300 KB",
                verdict(signIn.totalBytes() < 300 * 1024));
        for (Page page : pages) {
            Latencies l = timing.byPage().get(page.name());
            if (page.name().equals(API_SIGNALS)) {
                Latencies console = timing.byPage().get("/signals");
                report.row(page.name(), "p50 " + ms(l.percentile(50)) + ", p99 " + ms(l.percentile(99)) + " (" + l.count() + ")",
                        String.format(Locale.ROOT, "/signals took %.1f× its p50", console.percentile(50) / l.percentile(50)),
                        "—", "—");
                continue;
            }
            ConsoleBrowsing.Load load = loads.get(page.name());
            boolean signalPage = page.name().startsWith(SIGNALS);
            boolean fast = !signalPage || l.percentile(99) < 100;
            boolean small = load.totalBytes() < 300 * 1024;
            report.row(page.name(), "p50 " + ms(l.percentile(50)) + ", p99 " + ms(l.percentile(99)) + " (" + l.count() + ")",
                    kb(load.totalBytes()) + " (page " + kb(load.htmlBytes()) + ")",
                    (signalPage ? "p99 < 100 ms, " : "") + "< 300 KB", verdict(fast && small && timing.errors() == 0));
        }
        if (timing.firstError() != null) {
            report.text("");
            report.text("First error: `" + timing.firstError() + "`");
        }
        System.out.println();
        System.out.print(report.markdown());
        report.writeInto(out, SECTION);
        System.out.println("\nWritten to " + out.toAbsolutePath());
    }

    record Timing(Map<String, Latencies> byPage, double pagesPerSecond, int errors, String firstError) {
    }

    /** {@code clients} browsers, each signed in once, asking for the pages in turn until the time is up. */
    private static Timing time(String consoleUrl, String key, List<Page> pages, int clients, Duration duration) throws Exception {
        Map<String, ConcurrentLinkedQueue<Double>> millis = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> browsers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int offset = c;
                browsers.add(pool.submit(() -> {
                    ConsoleBrowsing browser = new ConsoleBrowsing(consoleUrl).signIn(key);
                    for (int i = offset; System.nanoTime() < end; i++) {
                        Page page = pages.get(i % pages.size());
                        String path = page.paths().get();
                        long t0 = System.nanoTime();
                        var answer = page.name().equals(API_SIGNALS) ? browser.api(path, key) : browser.get(path);
                        double took = (System.nanoTime() - t0) / 1e6;
                        requests.incrementAndGet();
                        if (answer.statusCode() == 200) {
                            millis.computeIfAbsent(page.name(), n -> new ConcurrentLinkedQueue<>()).add(took);
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, path + " -> " + answer.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> browser : browsers) {
                browser.get();
            }
        } finally {
            pool.shutdown();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Latencies> byPage = new LinkedHashMap<>();
        for (Page page : pages) {
            byPage.put(page.name(), Latencies.of(millis.getOrDefault(page.name(), new ConcurrentLinkedQueue<>())));
        }
        return new Timing(byPage, requests.get() / elapsed, errors.get(), firstError.get());
    }

    /** The second page of the unfiltered list: the "Older signals" link of the first, read once. */
    private static final class NextPage implements Supplier<String> {

        private final String consoleUrl;
        private final String key;
        private volatile String path;

        NextPage(String consoleUrl, String key) {
            this.consoleUrl = consoleUrl;
            this.key = key;
        }

        @Override
        public String get() {
            if (path == null) {
                try {
                    String html = new ConsoleBrowsing(consoleUrl).signIn(key).get(SIGNALS).body();
                    var m = java.util.regex.Pattern.compile("href=\"(/signals\\?cursor=[^\"]+)\"[^>]*>Older signals").matcher(html);
                    path = m.find() ? m.group(1).replace("&amp;", "&") : SIGNALS;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read the signal page's next-page link", e);
                }
            }
            return path;
        }
    }

    private static List<String> all(StoreThroughput database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static String first(StoreThroughput database, String sql) throws SQLException {
        try (Connection c = database.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }
}
