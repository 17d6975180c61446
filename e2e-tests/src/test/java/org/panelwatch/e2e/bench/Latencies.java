package org.panelwatch.e2e.bench;

import java.util.Arrays;
import java.util.Collection;

/** Latencies in milliseconds, and their percentiles (nearest rank). */
record Latencies(double[] sortedMillis) {

    static Latencies of(Collection<Double> millis) {
        double[] values = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        return new Latencies(values);
    }

    int count() {
        return sortedMillis.length;
    }

    double percentile(double p) {
        if (sortedMillis.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMillis.length);
        return sortedMillis[Math.max(0, Math.min(sortedMillis.length - 1, rank - 1))];
    }

    double max() {
        return sortedMillis.length == 0 ? Double.NaN : sortedMillis[sortedMillis.length - 1];
    }
}
