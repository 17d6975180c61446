package org.panelwatch.analysis.service;

import java.nio.ByteBuffer;
import java.util.List;
import org.panelwatch.analysis.engine.story.Shingles;

/**
 * What near-duplicate detection knows of an item's text: a hash of its normalised words (exact
 * copies) and a MinHash signature over word 3-shingles (Broder 1997), cut into LSH bands.
 * 20 bands of 3 rows make two texts candidates with probability 1-(1-J^3)^20: about 0.93 at a
 * Jaccard similarity of 0.5, 0.42 at 0.3 and 0.01 at 0.1. Changing the constants invalidates stored
 * bands (a retag does not rebuild them).
 */
public record Fingerprint(long textHash, int[] minhash, int shingles) {

    public static final int BANDS = 20;
    public static final int ROWS = 3;
    public static final int HASHES = BANDS * ROWS;
    static final int SHINGLE_WORDS = 3;
    /** Below this many shingles a text is too short for similarity: only exact copies are found. */
    static final int MIN_SHINGLES = 8;

    private static final long[] SEEDS = new long[HASHES];

    static {
        long s = 0x5DEECE66DL;
        for (int i = 0; i < HASHES; i++) {
            s += 0x9E3779B97F4A7C15L;
            SEEDS[i] = mix(s);
        }
    }

    public static Fingerprint of(String title, String body) {
        List<String> words = Shingles.words((title == null ? "" : title) + "\n" + (body == null ? "" : body));
        long textHash = 0x84222325CBF29CE4L;
        long[] wordHashes = new long[words.size()];
        for (int i = 0; i < words.size(); i++) {
            wordHashes[i] = hash(words.get(i));
            textHash = mix(textHash * 31 + wordHashes[i]);
        }
        int[] minhash = new int[HASHES];
        java.util.Arrays.fill(minhash, Integer.MAX_VALUE);
        int shingles = Math.max(0, words.size() - SHINGLE_WORDS + 1);
        for (int i = 0; i < shingles; i++) {
            long shingle = wordHashes[i];
            for (int k = 1; k < SHINGLE_WORDS; k++) {
                shingle = mix(shingle * 31 + wordHashes[i + k]);
            }
            for (int h = 0; h < HASHES; h++) {
                int v = (int) (mix(shingle ^ SEEDS[h]) >>> 32);
                if (v < minhash[h]) {
                    minhash[h] = v;
                }
            }
        }
        return new Fingerprint(textHash, minhash, shingles);
    }

    public static Fingerprint restore(long textHash, byte[] minhash) {
        int[] values = new int[HASHES];
        if (minhash == null || minhash.length != HASHES * 4) {
            return new Fingerprint(textHash, values, 0);
        }
        ByteBuffer.wrap(minhash).asIntBuffer().get(values);
        return new Fingerprint(textHash, values, MIN_SHINGLES);
    }

    /** Whether the text is long enough for its bands to mean anything. */
    public boolean comparable() {
        return shingles >= MIN_SHINGLES;
    }

    public byte[] minhashBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(HASHES * 4);
        buffer.asIntBuffer().put(minhash);
        return buffer.array();
    }

    public long[] bands() {
        long[] bands = new long[BANDS];
        for (int b = 0; b < BANDS; b++) {
            long h = mix(b + 1L);
            for (int r = 0; r < ROWS; r++) {
                h = mix(h * 31 + minhash[b * ROWS + r]);
            }
            bands[b] = h;
        }
        return bands;
    }

    /** The estimated Jaccard similarity of the two shingle sets. */
    public double similarity(Fingerprint other) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (minhash[i] == other.minhash[i]) {
                same++;
            }
        }
        return same / (double) HASHES;
    }

    private static long hash(String word) {
        long h = 0xCBF29CE484222325L; // FNV-1a 64
        for (int i = 0; i < word.length(); i++) {
            h ^= word.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole word. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
