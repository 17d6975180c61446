package org.panelwatch.ingest.page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The article-extraction benchmark's score (Scrapinghub/Zyte article-extraction-benchmark, restated in
 * {@code /work/shared/data/extraction-benchmark/README.md}): 4-token shingles over {@code \w+} tokens,
 * each page's (tp, fp, fn) normalised to sum to 1, precision and recall averaged over pages, F1 the
 * harmonic mean of the two means, accuracy the share of pages whose token lists are equal.
 * Add pages with {@link #add}, read the figures with {@link #result}.
 */
public final class ExtractionScore {

    private static final int SHINGLE = 4;

    private double precisionSum;
    private int precisionPages;
    private double recallSum;
    private int recallPages;
    private int exactPages;
    private int pages;

    /** One page's normalised shares of true positives, false positives and false negatives. */
    public record PageScore(double tp, double fp, double fn, boolean exact) {

        /** Precision of this page; NaN when nothing was extracted. */
        public double precision() {
            if (fp == 0 && fn == 0) {
                return 1;
            }
            return tp + fp > 0 ? tp / (tp + fp) : Double.NaN;
        }

        /** Recall of this page; NaN when the true body is empty. */
        public double recall() {
            if (fp == 0 && fn == 0) {
                return 1;
            }
            return tp + fn > 0 ? tp / (tp + fn) : Double.NaN;
        }
    }

    /** The four figures over all pages added. */
    public record Result(double f1, double precision, double recall, double accuracy, int pages) {
    }

    /** Scores one page and adds it to the means. */
    public PageScore add(String truth, String extracted) {
        PageScore page = score(truth, extracted);
        pages++;
        if (page.exact()) {
            exactPages++;
        }
        if (page.tp() + page.fp() > 0) {
            precisionSum += page.precision();
            precisionPages++;
        }
        if (page.tp() + page.fn() > 0) {
            recallSum += page.recall();
            recallPages++;
        }
        return page;
    }

    public Result result() {
        double precision = precisionPages == 0 ? 0 : precisionSum / precisionPages;
        double recall = recallPages == 0 ? 0 : recallSum / recallPages;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Result(f1, precision, recall, pages == 0 ? 0 : (double) exactPages / pages, pages);
    }

    /** One page's score, without adding it to the means. */
    public static PageScore score(String truth, String extracted) {
        List<String> trueTokens = tokens(truth);
        List<String> extractedTokens = tokens(extracted);
        Map<String, Integer> expected = shingles(trueTokens);
        Map<String, Integer> found = shingles(extractedTokens);
        Set<String> union = new HashSet<>(expected.keySet());
        union.addAll(found.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (String shingle : union) {
            int wanted = expected.getOrDefault(shingle, 0);
            int got = found.getOrDefault(shingle, 0);
            tp += Math.min(wanted, got);
            fp += Math.max(0, got - wanted);
            fn += Math.max(0, wanted - got);
        }
        double sum = tp + fp + fn;
        boolean exact = trueTokens.equals(extractedTokens);
        return sum == 0 ? new PageScore(0, 0, 0, exact) : new PageScore(tp / sum, fp / sum, fn / sum, exact);
    }

    /**
     * Maximal runs of word characters as Python's {@code re} defines {@code \w} for str patterns (the
     * benchmark's tokenizer): letters, numbers and the underscore; combining marks split a token there too.
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (isWordCharacter(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            tokens.add(text.substring(start));
        }
        return tokens;
    }

    private static boolean isWordCharacter(int codePoint) {
        if (codePoint == '_' || Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Counted 4-token shingles; a text of fewer tokens is one shingle of all of them, none when empty. */
    private static Map<String, Integer> shingles(List<String> tokens) {
        Map<String, Integer> counts = new HashMap<>();
        if (tokens.isEmpty()) {
            return counts;
        }
        int last = Math.max(1, tokens.size() - SHINGLE + 1);
        for (int i = 0; i < last; i++) {
            String shingle = String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + SHINGLE)));
            counts.merge(shingle, 1, Integer::sum);
        }
        return counts;
    }
}
