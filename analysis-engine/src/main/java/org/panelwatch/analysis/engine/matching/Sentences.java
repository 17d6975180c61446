package org.panelwatch.analysis.engine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentence boundaries of a text: after . ! ? followed by space and not by a lower-case letter (so
 * "U.S. officials" stays whole), after the CJK full stops 。！？, and at every line break.
 */
final class Sentences {

    private final int[] starts;
    private final int[] ends;

    private Sentences(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static Sentences of(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int boundary = -1;
            if (c == '\n' || c == '\r') {
                boundary = i;
            } else if (c == '。' || c == '！' || c == '？') {
                boundary = i + 1;
            } else if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < n && isCloser(text.charAt(j))) {
                    j++;
                }
                if (j >= n) {
                    boundary = n;
                } else if (Character.isWhitespace(text.charAt(j))) {
                    int k = j;
                    while (k < n && text.charAt(k) == ' ') {
                        k++;
                    }
                    if (k >= n || !Character.isLowerCase(text.charAt(k))) {
                        boundary = j;
                    }
                }
            }
            if (boundary >= 0) {
                add(spans, text, start, boundary);
                start = boundary;
                i = Math.max(i, boundary - 1);
            }
        }
        add(spans, text, start, n);
        int[] s = new int[spans.size()];
        int[] e = new int[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            s[i] = spans.get(i)[0];
            e[i] = spans.get(i)[1];
        }
        return new Sentences(s, e);
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == '»' || c == '」' || c == '』';
    }

    private static void add(List<int[]> spans, String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            spans.add(new int[] {from, to});
        }
    }

    int count() {
        return starts.length;
    }

    int start(int sentence) {
        return starts[sentence];
    }

    int end(int sentence) {
        return ends[sentence];
    }

    /** The sentence holding the character at {@code offset}, or the one just before it. */
    int at(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        if (i >= 0) {
            return i;
        }
        return Math.max(0, -i - 2);
    }
}
