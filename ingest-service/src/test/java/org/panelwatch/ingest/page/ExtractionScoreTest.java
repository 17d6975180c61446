package org.panelwatch.ingest.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.page.ExtractionScore.PageScore;
import org.panelwatch.ingest.page.ExtractionScore.Result;

/** The benchmark's definition on hand-computed examples (shingles, per-page normalisation, means). */
class ExtractionScoreTest {

    private static final double EXACT = 1e-9;

    @Test
    void tokensAreRunsOfWordCharactersInAnyScript() {
        assertThat(ExtractionScore.tokens("Don't stop—now! 2019_x, naïve; 북한 제재"))
                .containsExactly("Don", "t", "stop", "now", "2019_x", "naïve", "북한", "제재");
    }

    @Test
    void missingTailCountsAgainstRecallOnly() {
        // truth shingles {a b c d, b c d e}; extracted {a b c d}: tp 1, fp 0, fn 1, normalised to 1/2, 0, 1/2
        PageScore page = ExtractionScore.score("a b c d e", "a b c d");

        assertThat(page.tp()).isCloseTo(0.5, within(EXACT));
        assertThat(page.fn()).isCloseTo(0.5, within(EXACT));
        assertThat(page.precision()).isCloseTo(1.0, within(EXACT));
        assertThat(page.recall()).isCloseTo(0.5, within(EXACT));
        assertThat(page.exact()).isFalse();
    }

    @Test
    void repeatedShinglesAreCountedNotSet() {
        // truth "a b c d a b c d": a b c d ×2, b c d a, c d a b, d a b c; extracted a b c d ×1: tp 1, fn 4
        PageScore page = ExtractionScore.score("a b c d a b c d", "a b c d");

        assertThat(page.precision()).isCloseTo(1.0, within(EXACT));
        assertThat(page.recall()).isCloseTo(0.2, within(EXACT));
    }

    @Test
    void extraTextCountsAgainstPrecisionOnly() {
        // truth {a b c d}; extracted {a b c d, b c d x, c d x y}: tp 1, fp 2
        PageScore page = ExtractionScore.score("a b c d", "a b c d x y");

        assertThat(page.precision()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(page.recall()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void shortTextIsOneShingleAndPunctuationDoesNotCount() {
        PageScore page = ExtractionScore.score("x y", "x, y.");

        assertThat(page.precision()).isEqualTo(1.0);
        assertThat(page.recall()).isEqualTo(1.0);
        assertThat(page.exact()).isTrue();
    }

    @Test
    void precisionAndRecallAreMeansOverPagesAndF1TheirHarmonicMean() {
        ExtractionScore score = new ExtractionScore();
        score.add("a b c d e", "a b c d");           // P 1, R 0.5
        score.add("x y", "x y");                     // P 1, R 1, exact
        score.add("one two three four", "");         // nothing extracted: no precision, R 0

        Result result = score.result();

        assertThat(result.precision()).isCloseTo(1.0, within(EXACT));
        assertThat(result.recall()).isCloseTo(0.5, within(EXACT));
        assertThat(result.f1()).isCloseTo(2 * 1.0 * 0.5 / 1.5, within(EXACT));
        assertThat(result.accuracy()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(result.pages()).isEqualTo(3);
    }
}
