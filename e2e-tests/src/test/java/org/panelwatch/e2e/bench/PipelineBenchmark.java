package org.panelwatch.e2e.bench;

import static org.panelwatch.e2e.bench.BenchmarkReport.mb;
import static org.panelwatch.e2e.bench.BenchmarkReport.ms;
import static org.panelwatch.e2e.bench.BenchmarkReport.rate;
import static org.panelwatch.e2e.bench.BenchmarkReport.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.panelwatch.e2e.RunningStack;

/**
 * Not a test: the whole pipeline's speed on the running local stack, in one run, beside the raw
 * rates of its parts, written as tables to BENCHMARKS.md. {@code deploy/local/benchmark.sh} starts
 * the stack (its own database and state folder), runs this and stops the stack again.
 *
 * <p>Phases, in order: (1) push {@code items} 4 KB items in batches over HTTP, beside a raw
 * KafkaProducer loop of the same records; (2) wait until all are stored, beside raw batched inserts
 * of the same rows; (3) push at a steady {@code rate} items/s and time each Russia–DPRK report to
 * its webhook; (4) fill analysis.item to {@code archive} rows and put the read API under concurrent
 * load. The services' resident memory is read before, during and after.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int items = Integer.parseInt(options.getOrDefault("items", "20000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int bytes = Integer.parseInt(options.getOrDefault("bytes", "4096"));
        int steadyRate = Integer.parseInt(options.getOrDefault("rate", "100"));
        int steadySeconds = Integer.parseInt(options.getOrDefault("steady-seconds", "60"));
        long archive = Long.parseLong(options.getOrDefault("archive", "1000000"));
        int readClients = Integer.parseInt(options.getOrDefault("read-clients", "8"));
        int readSeconds = Integer.parseInt(options.getOrDefault("read-seconds", "30"));
        Path out = Path.of(options.getOrDefault("out", "BENCHMARKS.md"));

        Map<String, String> env = System.getenv();
        Path state = Path.of(env.getOrDefault("PANELWATCH_STATE_DIR", "deploy/local/.state"));
        RunningStack.Stack stack = new RunningStack.Stack(
                env.getOrDefault("PANELWATCH_INGEST_URL", "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_INGEST_PORT", "8081")),
                env.getOrDefault("PANELWATCH_ANALYSIS_URL", "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_ANALYSIS_PORT", "8082")),
                env.getOrDefault("PANELWATCH_ALERT_URL", "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_ALERT_PORT", "8083")),
                env.getOrDefault("PANELWATCH_CONSOLE_URL", "http://127.0.0.1:" + env.getOrDefault("PANELWATCH_CONSOLE_PORT", "8080")),
                required(env, "PANELWATCH_ADMIN_KEY"), required(env, "PANELWATCH_INGEST_KEY"), required(env, "PANELWATCH_READER_KEY"),
                Path.of("."), state, false);
        String bootstrap = "127.0.0.1:" + env.getOrDefault("PANELWATCH_KAFKA_PORT", "9092");
        String jdbc = "jdbc:postgresql://" + env.getOrDefault("PGHOST", "localhost") + ":" + env.getOrDefault("PGPORT", "5432")
                + "/" + env.getOrDefault("PANELWATCH_DB", "panelwatch") + "?reWriteBatchedInserts=true";
        int partitions = Integer.parseInt(env.getOrDefault("PANELWATCH_RAW_PARTITIONS", "6"));

        String run = "b" + UUID.randomUUID().toString().substring(0, 8);
        // Seeded by the run: a fixed seed would repeat an earlier run's texts, which the story detection rightly groups with them.
        BenchItems generator = new BenchItems(run, run.hashCode());
        PushClient client = new PushClient(stack.ingestUrl(), stack.ingestKey());
        StoreThroughput database = new StoreThroughput(jdbc);
        ReadLatency reads = new ReadLatency(stack.analysisUrl(), stack.readerKey());
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        Instant started = Instant.now();

        try (ServiceMemory memory = new ServiceMemory(state)) {
            Map<String, Long> atRest = memory.now();
            long itemsBefore = database.count("SELECT count(*) FROM analysis.item");
            System.out.printf("Run %s: %,d items already stored; services at rest %s%n", run, itemsBefore, atRest);
            memory.startSampling();

            System.out.printf("(0) warm-up: 200 items through the whole pipeline%n");
            List<Map<String, Object>> warmUp = generator.make(200, bytes, "warmup");
            for (int from = 0; from < warmUp.size(); from += batch) {
                client.push(warmUp.subList(from, Math.min(warmUp.size(), from + batch)));
            }
            database.awaitStored("https://bench.panelwatch.test/" + run + "/warmup-", warmUp.size(), Duration.ofMinutes(5));

            System.out.printf("(1) raw producer, then the push API: %,d items of %,d bytes, batches of %d, %d clients%n",
                    items, bytes, batch, clients);
            List<Map<String, Object>> pushed = generator.make(items, bytes, "push");
            double rawInsert = database.rawInsertRate(pushed);
            IngestThroughput.Result ingest = new IngestThroughput(bootstrap, client, partitions).measure(pushed, batch, clients);
            System.out.printf("    raw producer %s, push API %s (%,d accepted)%n", rate(ingest.rawRecordsPerSecond()),
                    rate(ingest.apiItemsPerSecond()), ingest.accepted());

            System.out.printf("(2) until every pushed item is stored; raw batched inserts of the same rows ran before: %s%n",
                    rate(rawInsert));
            long storedAt = database.awaitStored("https://bench.panelwatch.test/" + run + "/push-", ingest.accepted(),
                    Duration.ofMinutes(30));
            double endToEnd = ingest.accepted() / ((storedAt - ingest.pushStartNanos()) / 1e9);
            System.out.printf("    end to end %s%n", rate(endToEnd));

            System.out.printf("(3) steady %d items/s for %d s, one Russia–DPRK report in every %d items%n",
                    steadyRate, steadySeconds, Math.max(1, steadyRate / 10));
            WebhookLatency.Result webhooks = new WebhookLatency(stack, client, generator)
                    .measure(steadyRate, Duration.ofSeconds(steadySeconds), Duration.ofSeconds(120));
            System.out.printf("    %d of %d reports reached the webhook: p50 %s, p99 %s%n", webhooks.received(),
                    webhooks.reports(), ms(webhooks.latencies().percentile(50)), ms(webhooks.latencies().percentile(99)));

            System.out.printf("(4) archive up to %,d items, then %d read clients for %d s%n", archive, readClients, readSeconds);
            List<String> topics = reads.topicIds();
            long added = new ArchiveLoader(database).fillTo(archive, topics);
            long stored = database.count("SELECT count(*) FROM analysis.item");
            long signals = database.count("SELECT count(*) FROM analysis.signal");
            ReadLatency.Result read = reads.measure(topics, readClients, Duration.ofSeconds(10), Duration.ofSeconds(readSeconds));
            read.byEndpoint().forEach((endpoint, l) -> System.out.printf("    %s p50 %s p99 %s (%,d requests)%n",
                    endpoint, ms(l.percentile(50)), ms(l.percentile(99)), l.count()));
            Map<String, Long> peak = memory.peak();
            Thread.sleep(10_000);
            Map<String, Long> after = memory.now();

            BenchmarkReport report = new BenchmarkReport();
            report.text(String.format(Locale.ROOT, "Run of %s (%s), %.0f min, commit `%s`.",
                    started.truncatedTo(ChronoUnit.SECONDS), run,
                    Duration.between(started, Instant.now()).toSeconds() / 60.0, System.getProperty("panelwatch.commit", "unknown")));
            report.heading("Machine");
            machine(report, database, loadBefore);
            report.heading("Throughput and latency");
            report.table("measure", "Panelwatch", "beside it, same run", "aim", "result");
            report.row(String.format("ingest API, accepted items (%,d items of 4 KB, batches of %d, %d clients)", items, batch, clients),
                    rate(ingest.apiItemsPerSecond()), "raw KafkaProducer, same records and settings: " + rate(ingest.rawRecordsPerSecond()),
                    "≥ 50% of raw", String.format(Locale.ROOT, "%.1f%% of raw, %s", 100 * ingest.apiItemsPerSecond() / ingest.rawRecordsPerSecond(),
                            verdict(ingest.apiItemsPerSecond() >= 0.5 * ingest.rawRecordsPerSecond())));
            report.row("end to end, push to row in analysis.item (same items)", rate(endToEnd),
                    "raw batched INSERT of the same rows, one connection: " + rate(rawInsert), "≥ 40% of raw",
                    String.format(Locale.ROOT, "%.1f%% of raw, %s", 100 * endToEnd / rawInsert, verdict(endToEnd >= 0.4 * rawInsert)));
            Latencies l = webhooks.latencies();
            report.row(String.format("push to webhook at a steady %d items/s (%d reports, %d received, %d unverified, %d pushes "
                            + "failed); percentiles of the %d reports sent after the first %d s", steadyRate, webhooks.reports(),
                            webhooks.received(), webhooks.unverified(), webhooks.failedPushes(), l.count(),
                            WebhookLatency.WARM_UP.toSeconds()),
                    "p50 " + ms(l.percentile(50)) + ", p99 " + ms(l.percentile(99)) + ", max " + ms(l.max()),
                    String.format("the first %d s (%d reports, cold delivery path): p50 %s, max %s", WebhookLatency.WARM_UP.toSeconds(),
                            webhooks.warmUp().count(), ms(webhooks.warmUp().percentile(50)), ms(webhooks.warmUp().max())),
                    "p99 < 250 ms; first 5 s max < 1 s",
                    verdict(webhooks.received() == webhooks.reports() && l.percentile(99) < 250 && webhooks.warmUp().max() < 1000));
            for (Map.Entry<String, Latencies> e : read.byEndpoint().entrySet()) {
                Latencies r = e.getValue();
                report.row(String.format("%s, %,d items and %,d signals stored, %d clients (%s requests in all)",
                                e.getKey(), stored, signals, readClients, rate(read.requestsPerSecond())),
                        "p50 " + ms(r.percentile(50)) + ", p99 " + ms(r.percentile(99)) + " (" + r.count() + " answers, "
                                + read.errors() + " errors)",
                        "—", "p99 < 50 ms", verdict(r.percentile(99) < 50 && read.errors() == 0));
            }
            report.heading("Resident memory (RSS)");
            report.table("process", "at rest, before", "peak under load", "10 s after the load", "aim (services)", "result");
            for (String process : ServiceMemory.PROCESSES) {
                boolean service = !process.equals("kafka");
                report.row(process, mb(atRest, process), mb(peak, process), mb(after, process),
                        service ? "< 300 MB at rest, < 512 MB peak" : "—",
                        service ? verdict(atRest.getOrDefault(process, Long.MAX_VALUE) < 300 && peak.getOrDefault(process, Long.MAX_VALUE) < 512) : "—");
            }
            report.text("");
            report.text(String.format(Locale.ROOT, "Archive rows added for (4) in this run: %,d. Load average at the start: %s; at the end: %s.",
                    added, loadBefore, Files.readString(Path.of("/proc/loadavg")).trim()));
            if (read.firstError() != null) {
                report.text("First read error: `" + read.firstError() + "`");
            }
            System.out.println();
            System.out.print(report.markdown());
            report.writeInto(out);
            System.out.println("\nWritten to " + out.toAbsolutePath());
        }
    }

    private static void machine(BenchmarkReport report, StoreThroughput database, String load) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").orElse("unknown");
        String os = osName();
        String postgres;
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            postgres = rs.getString(1);
        }
        report.table("cores", "memory", "CPU", "OS", "Java", "PostgreSQL", "load average before");
        report.row(Runtime.getRuntime().availableProcessors(), memory, cpu, os,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), postgres, load);
        report.text("");
        report.text("Everything ran on this one machine: Kafka, PostgreSQL, the services (with the JVM options of `deploy/local/stack.sh`: "
                + "serial collector, heaps of 128 to 320 MB) and the load generator.");
    }

    private static String osName() throws IOException {
        Path release = Path.of("/etc/os-release");
        if (Files.exists(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "") + ", Linux " + System.getProperty("os.version");
                }
            }
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; run this through deploy/local/benchmark.sh");
        }
        return value;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
