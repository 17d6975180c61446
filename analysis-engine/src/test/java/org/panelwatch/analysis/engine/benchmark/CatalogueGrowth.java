package org.panelwatch.analysis.engine.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.matching.Engines;

/**
 * The cost curve of tagging as the catalogue grows: the bundled catalogue, then the same with 1,000
 * and 10,000 generated rules more (each a two-word proximity rule on English words the items use,
 * so the Monitor's presearcher keeps many of them as candidates, as real rules on the subject would
 * be). Items per CPU-second of the tagging thread (its own CPU time, not the wall clock), so the
 * figure is per core and holds on a loaded machine. Not a test: {@code deploy/local/benchmark.sh
 * --curves} runs it and draws the chart from the CSV it writes.
 *
 * <pre>java -cp ... CatalogueGrowth OUT.csv [items=300]</pre>
 */
public final class CatalogueGrowth {

    private static final int[] EXTRA_RULES = {0, 1_000, 10_000};
    /** Words of the benchmark items and of sanctions reporting, so that generated rules do match. */
    private static final String[] WORDS = ("officials seoul monday shipped artillery shells russia rail union budget "
            + "cargo vessel loading containers port satellite imagery elections ministry statement fuel deliveries "
            + "bank interest rates delegation defence minister talks military cooperation tankers transponders ships "
            + "night football club theft digital assets exchange hacking group panel experts sanctions mandate prices "
            + "electronics workers construction sites ban labour orchestra agreement assistance attack technology "
            + "profits customs shipment luxury cars country coal oil refined petroleum missile launch test nuclear "
            + "troops drones training ammunition rockets embargo smuggling tanker transfer flag registry").split(" ");

    private CatalogueGrowth() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "catalogue-growth.csv");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String bundled = bundledCatalogue();
        List<String> items = BenchmarkItems.items(count, 4096, 20261207L);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        StringBuilder csv = new StringBuilder("extra_rules,items_per_cpu_second,ms_per_item\n");
        // The JIT first: measured cold, the first point came out at half the speed of the second.
        TaggingEngine warm = Engines.builder().catalogueText(bundled).build();
        for (int round = 0; round < 3; round++) {
            for (String body : items) {
                warm.analyze("Officials report on shipments and sanctions", body, "en");
            }
        }
        for (int extra : EXTRA_RULES) {
            TaggingEngine engine = Engines.builder().catalogueText(withGeneratedRules(bundled, extra)).build();
            for (int i = 0; i < Math.min(100, count); i++) {
                engine.analyze("Officials report on shipments and sanctions", items.get(i), "en");
            }
            long start = cpu.getCurrentThreadCpuTime();
            for (String body : items) {
                engine.analyze("Officials report on shipments and sanctions", body, "en");
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            double rate = count / seconds;
            System.out.printf(Locale.ROOT, "catalogue +%,d rules: %.1f items per CPU-second (%.2f ms of CPU per 4 KB item)%n",
                    extra, rate, 1000 * seconds / count);
            csv.append(String.format(Locale.ROOT, "%d,%.2f,%.3f%n", extra, rate, 1000 * seconds / count));
        }
        Files.writeString(out, csv.toString());
        // The Monitor's background threads would keep the JVM alive.
        System.exit(0);
    }

    /** The bundled catalogue with {@code extra} rules added to its first topic. */
    static String withGeneratedRules(String catalogue, int extra) {
        if (extra == 0) {
            return catalogue;
        }
        int at = catalogue.indexOf("    rules:\n", catalogue.indexOf("\ntopics:")) + "    rules:\n".length();
        Random random = new Random(extra);
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < extra; i++) {
            String a = WORDS[random.nextInt(WORDS.length)];
            String b = WORDS[random.nextInt(WORDS.length)];
            rules.append(String.format(Locale.ROOT,
                    "      - {id: generated-%05d, lang: [en], weight: 0.01, near: {slop: %d, of: [%s, %s]}}%n",
                    i, 3 + random.nextInt(10), a, b));
        }
        return catalogue.substring(0, at) + rules + catalogue.substring(at);
    }

    private static String bundledCatalogue() throws IOException {
        try (InputStream in = CatalogueGrowth.class.getResourceAsStream("/panelwatch/catalogue.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
