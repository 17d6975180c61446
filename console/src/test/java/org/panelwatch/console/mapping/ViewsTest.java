package org.panelwatch.console.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.panelwatch.console.client.AnalysisApi;

/** The item text cut into runs: evidence and entities marked where their offsets say, nothing lost. */
class ViewsTest {

    private static final String TEXT = "Officials said the Chon Ma San carried shells to Russia. Nothing else happened.";

    @Test
    void anEntityInsideEvidenceIsMarkedAsBothAndTheTextIsKeptWhole() {
        var evidence = List.of(new AnalysisApi.Evidence("Officials said the Chon Ma San carried shells to Russia.", "body", 0, 56));
        var entities = List.of(new AnalysisApi.EntityMention("vessel", "Chon Ma San", "KPe.071", "body", 19, 30));
        List<Views.Segment> runs = Views.marked(TEXT, "body", evidence, entities);
        assertThat(runs).extracting(Views.Segment::text)
                .containsExactly("Officials said the ", "Chon Ma San", " carried shells to Russia.", " Nothing else happened.");
        assertThat(runs).extracting(Views.Segment::evidence).containsExactly(true, true, true, false);
        assertThat(runs.get(1).entity()).isEqualTo("vessel: Chon Ma San");
        assertThat(runs.get(1).unReference()).isEqualTo("KPe.071");
        assertThat(String.join("", runs.stream().map(Views.Segment::text).toList())).isEqualTo(TEXT);
    }

    @Test
    void offsetsOutsideTheTextOrOfTheOtherFieldAreIgnored() {
        var evidence = List.of(new AnalysisApi.Evidence("x", "body", 70, 500), new AnalysisApi.Evidence("x", "title", 0, 5),
                new AnalysisApi.Evidence("x", "body", -3, 4));
        List<Views.Segment> runs = Views.marked(TEXT, "body", evidence, List.of());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).evidence()).isFalse();
        assertThat(runs.get(0).text()).isEqualTo(TEXT);
    }

    @Test
    void resolutionsReadAsAnAnalystWritesThem() {
        assertThat(Views.resolutions(List.of(new AnalysisApi.Resolution("1718", List.of("8"), "s"),
                new AnalysisApi.Resolution("1874", List.of("9", "10"), "s")))).isEqualTo("UNSCR 1718 para 8; UNSCR 1874 paras 9, 10");
    }

    @Test
    void theVerdictsBesideASignalAreWordsNotOnlyAColour() {
        assertThat(Views.feedback(null)).isEqualTo("No verdict yet");
        assertThat(Views.feedback(new AnalysisApi.Verdicts(0, 0, null))).isEqualTo("No verdict yet");
        assertThat(Views.feedback(new AnalysisApi.Verdicts(2, 0, "confirmed"))).isEqualTo("Confirmed by 2");
        assertThat(Views.feedback(new AnalysisApi.Verdicts(0, 1, "false-alarm"))).isEqualTo("False alarm by 1");
        assertThat(Views.feedback(new AnalysisApi.Verdicts(2, 1, "false-alarm")))
                .isEqualTo("Confirmed by 2, false alarm by 1; latest: false alarm");
    }
}
