package org.panelwatch.alert.service;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.common.event.SignalEvent;

/**
 * The cost curve of alert matching as subscriptions grow: 1,000, 10,000 and 100,000 active
 * subscriptions with filters as desks write them (a signal type, often a topic or two, sometimes a
 * minimum score or a language, a third of them two or three keywords: vessel names, places,
 * companies), against signals of 2 KB of text. Signals per CPU-second of the matching thread (its
 * own CPU time), the matcher built once per size as the service builds it when subscriptions
 * change. Not a test: {@code deploy/local/benchmark.sh --curves} runs it and draws the chart.
 *
 * <pre>java -cp ... SubscriptionMatchingCurve OUT.csv</pre>
 */
public final class SubscriptionMatchingCurve {

    private static final int[] SIZES = {1_000, 10_000, 100_000};
    private static final String[] TOPICS = {"arms-transfer", "military-cooperation", "sanctions-evasion", "maritime",
        "cyber", "wmd-missile", "overseas-labour", "finance", "luxury-goods", "diplomacy"};
    private static final String[] LANGUAGES = {"en", "ko", "ja", "ru", "de"};
    private static final String[] KEYWORDS = ("Nampo Rajin Vladivostok Wonsan Chongjin Yellow Sea Sea of Japan Kursk "
            + "Ri Song Chol Kim Yo Jong Lazarus Rason Port Kozmino Angara Lady R Maia-1 Sky Aries Kwang Myong "
            + "Chon Ma San Bunker Koryo Bank Tumen River Khasan Primorye Yongbyon Punggye-ri Sohae Hwasong").split(" ");
    private static final String[] WORDS = ("vessel tanker cargo shipment artillery shells munitions port rail transfer "
            + "satellite imagery officials ministry delegation troops training sanctions panel report exports coal "
            + "oil refined petroleum flag registry transponder night loading containers border bridge").split(" ");

    private SubscriptionMatchingCurve() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "subscription-matching.csv");
        Random random = new Random(20261207L);
        List<SignalEvent> signals = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            signals.add(signal(random));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        StringBuilder csv = new StringBuilder("subscriptions,signals_per_cpu_second,matches_per_signal\n");
        for (int size : SIZES) {
            List<Subscription> subscriptions = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                subscriptions.add(subscription(random));
            }
            SubscriptionMatcher matcher = new SubscriptionMatcher(subscriptions);
            for (SignalEvent s : signals.subList(0, 100)) {
                matcher.matching(s);
            }
            int rounds = Math.max(1, 200_000 / size);
            long matches = 0;
            long start = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < rounds; r++) {
                for (SignalEvent s : signals) {
                    matches += matcher.matching(s).size();
                }
            }
            double seconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
            int matched = rounds * signals.size();
            System.out.printf(Locale.ROOT, "%,d subscriptions: %.0f signals per CPU-second, %.1f matches per signal%n",
                    size, matched / seconds, (double) matches / matched);
            csv.append(String.format(Locale.ROOT, "%d,%.1f,%.2f%n", size, matched / seconds, (double) matches / matched));
        }
        Files.writeString(out, csv.toString());
        System.exit(0);
    }

    private static Subscription subscription(Random random) {
        List<String> types = List.of(random.nextInt(4) == 0 ? "sanctions-violation" : SignalEvent.RUSSIA_DPRK_MILITARY);
        List<String> topics = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            topics.add(TOPICS[random.nextInt(TOPICS.length)]);
        }
        Double minScore = random.nextInt(3) == 0 ? 0.5 + random.nextInt(40) / 100.0 : null;
        List<String> languages = random.nextInt(5) == 0 ? List.of(LANGUAGES[random.nextInt(LANGUAGES.length)]) : List.of();
        List<String> keywords = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            for (int k = 2 + random.nextInt(2); k > 0; k--) {
                keywords.add(KEYWORDS[random.nextInt(KEYWORDS.length)] + (random.nextInt(4) == 0 ? " " + random.nextInt(100) : ""));
            }
        }
        Instant now = Instant.now();
        return new Subscription(UUID.randomUUID(), UUID.randomUUID(), "desk", Subscription.WEBHOOK, "https://example.org/hook",
                "secret", new SubscriptionFilter(types, topics, minScore, keywords, languages), Subscription.IMMEDIATE, true,
                null, null, null, now, now);
    }

    private static SignalEvent signal(Random random) {
        StringBuilder text = new StringBuilder(2200);
        while (text.length() < 2048) {
            text.append(random.nextInt(8) == 0 ? KEYWORDS[random.nextInt(KEYWORDS.length)] : WORDS[random.nextInt(WORDS.length)])
                    .append(random.nextInt(12) == 0 ? ". " : " ");
        }
        List<SignalEvent.SignalTopic> topics = new ArrayList<>();
        for (int t = 1 + random.nextInt(2); t > 0; t--) {
            topics.add(new SignalEvent.SignalTopic(TOPICS[random.nextInt(TOPICS.length)], "topic", List.of("2270")));
        }
        return new SignalEvent(SignalEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                random.nextInt(4) == 0 ? "sanctions-violation" : SignalEvent.RUSSIA_DPRK_MILITARY, 0.5 + random.nextDouble() / 2,
                "high", UUID.randomUUID().toString(), UUID.randomUUID().toString(), "Report " + random.nextInt(1000), null,
                "bench", Instant.now(), LANGUAGES[random.nextInt(LANGUAGES.length)], text.toString(), topics, List.of(),
                Instant.now());
    }
}
