package org.panelwatch.analysis.engine.benchmark;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.matching.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * Tagging throughput on one thread: the full bundled catalogue, gazetteers and UN list, 4 KB English
 * items. Run with {@code analysis-engine/bin/benchmark} (not part of verify).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
public class TaggingBenchmark {

    private TaggingEngine engine;
    private List<String> items;
    private int next;

    @Setup
    public void setUp() {
        engine = Engines.fromDefaults();
        items = BenchmarkItems.items(500, 4096, 20261124L);
    }

    @Benchmark
    public void tagOne4KbEnglishItem(Blackhole blackhole) {
        String body = items.get(next++ % items.size());
        Analysis analysis = engine.analyze("Officials report on shipments and sanctions", body, "en");
        blackhole.consume(analysis);
    }
}
