package org.panelwatch.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    private static final byte[] BODY = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);

    @Test
    void anAnswerIsReusedUntilSomethingIsStored() {
        RecentAnswers recent = new RecentAnswers(Duration.ofMinutes(1));
        recent.keep("/api/v1/signals?null", recent.generation(), BODY, "tag-1");

        assertThat(recent.find("/api/v1/signals?null")).isNotNull()
                .satisfies(a -> assertThat(a.etag()).isEqualTo("tag-1"));
        assertThat(recent.find("/api/v1/signals?limit=5")).isNull();

        recent.stored();
        assertThat(recent.find("/api/v1/signals?null")).isNull();
    }

    @Test
    void anAnswerComputedWhileABatchWasStoredIsNotReused() {
        RecentAnswers recent = new RecentAnswers(Duration.ofMinutes(1));
        long before = recent.generation();
        recent.stored(); // a batch committed while the answer was being computed

        recent.keep("/api/v1/items?topic=arms-transfer", before, BODY, "tag-1");

        assertThat(recent.find("/api/v1/items?topic=arms-transfer")).isNull();
    }

    @Test
    void anAnswerOlderThanTheMaximumAgeIsNotReused() throws InterruptedException {
        RecentAnswers recent = new RecentAnswers(Duration.ofMillis(50));
        recent.keep("/api/v1/signals?null", recent.generation(), BODY, "tag-1");

        Thread.sleep(120);

        assertThat(recent.find("/api/v1/signals?null")).isNull();
    }

    @Test
    void aMaximumAgeOfZeroKeepsNothing() {
        RecentAnswers recent = new RecentAnswers(Duration.ZERO);
        recent.keep("/api/v1/signals?null", recent.generation(), BODY, "tag-1");

        assertThat(recent.find("/api/v1/signals?null")).isNull();
    }
}
