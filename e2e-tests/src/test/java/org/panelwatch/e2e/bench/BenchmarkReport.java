package org.panelwatch.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's tables, as Markdown: printed, and written into BENCHMARKS.md between two marker
 * comments, so that the file's hand-written analysis around them stays as it is.
 */
final class BenchmarkReport {

    static final String BEGIN = "<!-- benchmark:begin (written by deploy/local/benchmark.sh; edits here are overwritten) -->";
    static final String END = "<!-- benchmark:end -->";

    private final List<String> lines = new ArrayList<>();

    void heading(String text) {
        lines.add("");
        lines.add("### " + text);
        lines.add("");
    }

    void text(String text) {
        lines.add(text);
    }

    void table(String... header) {
        lines.add("| " + String.join(" | ", header) + " |");
        lines.add("|" + "---|".repeat(header.length));
    }

    void row(Object... cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(String.valueOf(cell));
        }
        lines.add("| " + String.join(" | ", text) + " |");
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String verdict(boolean met) {
        return met ? "**met**" : "**missed**";
    }

    static String mb(Map<String, Long> rss, String process) {
        Long value = rss.get(process);
        return value == null ? "n/a" : value + " MB";
    }

    String markdown() {
        return String.join("\n", lines) + "\n";
    }

    /** Replaces what lies between the markers in {@code file} (or writes a new file with a title). */
    void writeInto(Path file) throws IOException {
        writeInto(file, BEGIN, END);
    }

    /** The same, between the markers of another step's own section ({@code <!-- section:begin … -->}). */
    void writeInto(Path file, String section) throws IOException {
        writeInto(file, "<!-- " + section + ":begin (written by deploy/local/benchmark.sh; edits here are overwritten) -->",
                "<!-- " + section + ":end -->");
    }

    private void writeInto(Path file, String beginMarker, String endMarker) throws IOException {
        String generated = beginMarker + "\n" + markdown() + endMarker;
        String content;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int begin = old.indexOf(beginMarker);
            int end = old.indexOf(endMarker);
            content = begin >= 0 && end > begin
                    ? old.substring(0, begin) + generated + old.substring(end + endMarker.length())
                    : old + "\n" + generated + "\n";
        } else {
            content = "# Panelwatch benchmarks\n\n" + generated + "\n";
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
