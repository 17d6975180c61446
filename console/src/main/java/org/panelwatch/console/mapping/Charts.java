package org.panelwatch.console.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bar charts drawn on the server as SVG geometry, one bar per day, so the overview needs no script
 * and no chart library. Each bar keeps its day and count for the accessible table beside it.
 */
public final class Charts {

    private Charts() {
    }

    public static final int WIDTH = 720;
    public static final int HEIGHT = 160;
    private static final int AXIS = 20;

    public record Bar(int x, int y, int width, int height, LocalDate day, long count) {
    }

    public record Chart(String title, String description, long max, long total, List<Bar> bars, String firstDay,
            String lastDay) {
        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }

        public int labelY() {
            return HEIGHT - 4;
        }

        public int baseline() {
            return HEIGHT - AXIS;
        }

        /** Only the days with something, for the table under the chart. */
        public List<Bar> counted() {
            return bars.stream().filter(b -> b.count() > 0).toList();
        }
    }

    /** One bar per day from {@code first} to {@code last} inclusive; a day missing from counts is 0. */
    public static Chart perDay(String title, String description, LocalDate first, LocalDate last,
            Map<LocalDate, Long> counts) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        long max = Math.max(1, days.stream().mapToLong(d -> counts.getOrDefault(d, 0L)).max().orElse(0));
        long total = days.stream().mapToLong(d -> counts.getOrDefault(d, 0L)).sum();
        int slot = Math.max(1, WIDTH / Math.max(1, days.size()));
        int barWidth = Math.max(1, slot - 2);
        int plot = HEIGHT - AXIS - 4;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            long c = counts.getOrDefault(days.get(i), 0L);
            int h = (int) Math.round((double) c / max * plot);
            bars.add(new Bar(i * slot, HEIGHT - AXIS - h, barWidth, h, days.get(i), c));
        }
        return new Chart(title, description, max, total, bars, first.toString(), last.toString());
    }
}
