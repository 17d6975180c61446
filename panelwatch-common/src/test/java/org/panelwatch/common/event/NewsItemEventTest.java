package org.panelwatch.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** textSource travels within schemaVersion 1: written by new producers, absent (null) in older records. */
class NewsItemEventTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void textSourceRoundTripsAndAnOlderRecordReadsWithoutIt() throws Exception {
        NewsItemEvent event = new NewsItemEvent(1, "id-1", "https://example.org/a", "T", "Text", Instant.EPOCH, "S", "en",
                null, null, Instant.EPOCH, null, NewsItemEvent.TEXT_FROM_PAGE);

        NewsItemEvent read = JSON.readValue(JSON.writeValueAsBytes(event), NewsItemEvent.class);
        assertThat(read).isEqualTo(event);

        NewsItemEvent older = JSON.readValue("""
                {"schemaVersion":1,"id":"id-2","title":"T","text":"Text","ingestedAt":"2024-06-19T08:00:00Z",
                 "someFieldFromTheFuture":42}""", NewsItemEvent.class);
        assertThat(older.textSource()).isNull();
        assertThat(older.id()).isEqualTo("id-2");
    }
}
