package org.panelwatch.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StaticApiKeysTest {

    private static StaticApiKeys keys(String admin, String ingest, String reader) {
        return new StaticApiKeys(Optional.ofNullable(admin), Optional.ofNullable(ingest), Optional.ofNullable(reader));
    }

    @Test
    void eachKeyHasItsRole() {
        StaticApiKeys keys = keys("admin-key-0123456789", "ingest-key-0123456789", "reader-key-0123456789");
        assertThat(keys.roleFor("admin-key-0123456789")).contains(Roles.ADMIN);
        assertThat(keys.roleFor("ingest-key-0123456789")).contains(Roles.INGEST);
        assertThat(keys.roleFor("reader-key-0123456789")).contains(Roles.READER);
        assertThat(keys.roleFor("reader-key-012345678")).isEmpty();
        assertThat(keys.roleFor("")).isEmpty();
    }

    @Test
    void productionRefusesToStartWithoutEveryKey() {
        assertThatThrownBy(() -> keys("admin-key-0123456789", null, " ").checkProductionKeys())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PANELWATCH_INGEST_KEY")
                .hasMessageContaining("PANELWATCH_READER_KEY")
                .hasMessageNotContaining("PANELWATCH_ADMIN_KEY");
    }

    @Test
    void productionRefusesShortKeys() {
        assertThatThrownBy(() -> keys("short", "ingest-key-0123456789", "reader-key-0123456789").checkProductionKeys())
                .hasMessageContaining("PANELWATCH_ADMIN_KEY");
    }

    @Test
    void productionStartsWithStrongKeys() {
        keys("admin-key-0123456789", "ingest-key-0123456789", "reader-key-0123456789").checkProductionKeys();
    }
}
