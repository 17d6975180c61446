package org.panelwatch.analysis.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void declaredLanguageWinsAndOthersAreGuessedFromScript() {
        assertThat(Languages.resolve("en-GB", "текст")).isEqualTo("en");
        assertThat(Languages.resolve(null, "북한이 발사했다")).isEqualTo("ko");
        assertThat(Languages.resolve("", "北朝鮮がミサイルを発射した")).isEqualTo("ja");
        assertThat(Languages.resolve("xx", "朝鲜发射了导弹")).isEqualTo("zh");
        assertThat(Languages.resolve(null, "КНДР передала")).isEqualTo("ru");
        assertThat(Languages.resolve(null, "Північна Корея передала Росії снаряди")).isEqualTo("uk");
        assertThat(Languages.resolve("uk-UA", "текст")).isEqualTo("uk");
        assertThat(Languages.resolve("es", "Corea del Norte")).isEqualTo("en");
    }
}
