package org.panelwatch.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.common.event.SignalEvent;

/** One subscription's filter semantics, through the matcher that checks all active subscriptions at once. */
class CompiledFilterTest {

    private static final SignalEvent SIGNAL = new SignalEvent(1, "s1", "russia-dprk-military", 0.72, "medium", "item-1",
            "story-1", "Hwasöng-11 missiles fired from Russian positions", "https://example.org/a", "Example",
            Instant.parse("2026-11-24T08:00:00Z"), "en", "Ukrainian officials said the ŠKODA trucks carried KN-23 missiles.",
            List.of(new SignalEvent.SignalTopic("arms-transfer", "Arms transfers", List.of("UNSCR 1718 para 8"))),
            List.of(), Instant.parse("2026-11-24T08:01:00Z"));

    @Test
    void keywordsMatchWholeWordsInTitleAndTextWhateverTheCaseAndAccents() {
        assertThat(matches(filter(List.of(), List.of(), null, List.of("HWASONG"), List.of()))).isTrue();
        assertThat(matches(filter(List.of(), List.of(), null, List.of("skoda"), List.of()))).isTrue();
        assertThat(matches(filter(List.of(), List.of(), null, List.of("kn-23"), List.of()))).isTrue();
        assertThat(matches(filter(List.of(), List.of(), null, List.of("Kn 23", "petrol"), List.of()))).isTrue();
        assertThat(matches(filter(List.of(), List.of(), null, List.of("missile"), List.of()))).isFalse();
        assertThat(matches(filter(List.of(), List.of(), null, List.of("petrol"), List.of()))).isFalse();
    }

    @Test
    void everyConditionMustHoldAndAnyElementOfAListIsEnough() {
        assertThat(matches(filter(List.of("russia-dprk-military"), List.of("petroleum", "arms-transfer"), 0.7, List.of(),
                List.of("EN", "ru")))).isTrue();
        assertThat(matches(filter(List.of(), List.of("petroleum"), null, List.of(), List.of()))).isFalse();
        assertThat(matches(filter(List.of(), List.of(), 0.73, List.of(), List.of()))).isFalse();
        assertThat(matches(filter(List.of(), List.of(), null, List.of(), List.of("ko")))).isFalse();
        assertThat(matches(filter(List.of("other-type"), List.of(), null, List.of(), List.of()))).isFalse();
        assertThat(matches(filter(List.of(), List.of(), null, List.of(), List.of()))).isTrue();
    }

    private static boolean matches(SubscriptionFilter f) {
        Subscription s = new Subscription(UUID.randomUUID(), null, "t", "webhook", "https://x", "whsec_x", f, "immediate",
                true, null, null, null, Instant.now(), Instant.now());
        return new SubscriptionMatcher(List.of(s)).matching(SIGNAL).contains(s);
    }

    private static SubscriptionFilter filter(List<String> types, List<String> topics, Double min, List<String> keywords,
            List<String> languages) {
        return new SubscriptionFilter(types, topics, min, keywords, languages);
    }
}
