package org.panelwatch.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.common.event.SignalEvent;

/**
 * The one automaton over every subscription's keywords finds the same subscriptions as looking for each
 * keyword on its own ({@link FoldedText#containsWords}), at the limits' worth of keywords.
 */
class SubscriptionMatcherTest {

    private static final int SUBSCRIPTIONS = 50;
    private static final int KEYWORDS_PER_FILTER = 50;
    private static final int KEYWORD_LENGTH = 64;

    @Test
    void matchingAtTheLimitsFindsExactlyTheSubscriptionsWithAKeywordInTheText() {
        Random random = new Random(20261124);
        List<Subscription> subscriptions = new ArrayList<>();
        for (int s = 0; s < SUBSCRIPTIONS; s++) {
            List<String> keywords = new ArrayList<>();
            for (int k = 0; k < KEYWORDS_PER_FILTER; k++) {
                keywords.add(phrase(random, 2 + random.nextInt(2), KEYWORD_LENGTH));
            }
            subscriptions.add(subscription(keywords));
        }
        // Words from the same small alphabet as the keywords, so many keywords nearly occur: long texts of
        // about 20 KB hold some keywords whole and many more in part.
        for (int round = 0; round < 20; round++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < 20_000) {
                List<String> someKeywords = subscriptions.get(random.nextInt(SUBSCRIPTIONS)).filter().keywords();
                text.append(random.nextInt(400) == 0 ? someKeywords.get(random.nextInt(KEYWORDS_PER_FILTER)) : word(random))
                        .append(random.nextBoolean() ? " " : ", ");
            }
            SignalEvent signal = signal(text.toString());
            FoldedText folded = FoldedText.of(signal.title(), signal.text());
            List<Subscription> expected = subscriptions.stream()
                    .filter(s -> s.filter().keywords().stream().anyMatch(k -> folded.containsWords(FoldedText.fold(k))))
                    .toList();

            assertThat(new SubscriptionMatcher(subscriptions).matching(signal)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(expected).isNotEmpty().hasSizeLessThan(SUBSCRIPTIONS);
        }
    }

    @Test
    void keywordsSharedByManySubscriptionsAndOverlappingKeywordsAreEachFound() {
        Subscription kn23 = subscription(List.of("KN-23"));
        Subscription alsoKn23 = subscription(List.of("kn 23", "petrol"));
        Subscription twentyThree = subscription(List.of("23"));
        Subscription kn = subscription(List.of("KN"));
        Subscription kn2 = subscription(List.of("kn-2"));
        Subscription noKeywords = subscription(List.of());

        List<Subscription> matched = new SubscriptionMatcher(List.of(kn23, alsoKn23, twentyThree, kn, kn2, noKeywords))
                .matching(signal("the KN-23 missiles"));

        assertThat(matched).containsExactlyInAnyOrder(kn23, alsoKn23, twentyThree, kn, noKeywords);
    }

    private static String phrase(Random random, int words, int maxLength) {
        StringBuilder phrase = new StringBuilder(word(random));
        for (int i = 1; i < words; i++) {
            phrase.append(random.nextBoolean() ? " " : "-").append(word(random));
        }
        return phrase.length() <= maxLength ? phrase.toString() : phrase.substring(0, maxLength).strip();
    }

    /** Short words from a few letters: keywords and texts share many of them. */
    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 2 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            word.append("aeiknorst".charAt(random.nextInt(9)));
        }
        return word.toString();
    }

    private static Subscription subscription(List<String> keywords) {
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "s", "webhook", "https://x", "whsec_x",
                new SubscriptionFilter(List.of(), List.of(), null, keywords, List.of()), "immediate", true, null, null, null,
                Instant.now(), Instant.now());
    }

    private static SignalEvent signal(String text) {
        return new SignalEvent(1, "s1", "russia-dprk-military", 0.72, "medium", "item-1", "story-1", "A title", null,
                "Example", Instant.parse("2026-11-24T08:00:00Z"), "en", text, List.of(), List.of(),
                Instant.parse("2026-11-24T08:01:00Z"));
    }
}
