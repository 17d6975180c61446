package org.panelwatch.analysis.engine.matching;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

    private static String sentence(String text, Sentences s, int i) {
        return text.substring(s.start(i), s.end(i));
    }

    @Test
    void splitsOnStopsAndLineBreaksButNotAbbreviations() {
        String text = "Title line\nThe U.S. officials said so. \"Quoted,\" he said. 北朝鮮が発射した。次の文";
        Sentences s = Sentences.of(text);
        assertThat(s.count()).isEqualTo(5);
        assertThat(sentence(text, s, 0)).isEqualTo("Title line");
        assertThat(sentence(text, s, 1)).isEqualTo("The U.S. officials said so.");
        assertThat(sentence(text, s, 2)).isEqualTo("\"Quoted,\" he said.");
        assertThat(sentence(text, s, 3)).isEqualTo("北朝鮮が発射した。");
        assertThat(s.at(text.indexOf("officials"))).isEqualTo(1);
    }
}
