package org.panelwatch.alert.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.AlertTestSupport.Created;
import org.panelwatch.alert.support.AlertTestSupport.Hook;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.StandardWebhooksVerifier;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** E-mail through a real SMTP server, and digests that collect a period's alerts into one message. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
class DigestAndEmailTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void clean() throws Exception {
        AlertTestSupport.resetOnce();
    }

    @Test
    void anImmediateEmailAlertHasTextAndHtmlWithTheSameContentAndALink() throws Exception {
        Created sam = AlertTestSupport.subscriber("Sam");
        String word = AlertTestSupport.uniqueWord();
        String address = "sam-" + UUID.randomUUID() + "@example.org";
        AlertTestSupport.emailSubscription(sam.apiKey(), address, word, "immediate");
        AlertTestSupport.signal(word);

        MimeMessage message = await().atMost(Duration.ofSeconds(30)).until(() -> messageTo(address), m -> m != null);
        assertThat(message.getSubject()).contains("North Korean shells reach Russian front").contains("high");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        String text = null;
        String html = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        assertThat(text).contains("North Korean shells reach Russian front").contains("Example News")
                .contains("UNSCR 1718 (2006) para 8(a)-(b)").contains("artillery shells from Rajin")
                .contains("https://news.example.org/items/");
        assertThat(html).contains("North Korean shells reach Russian front").contains("Example News")
                .contains("UNSCR 1718 (2006) para 8(a)-(b)").contains("artillery shells from Rajin")
                .contains("<a href=\"https://news.example.org/items/");
        assertThat(text).contains("Evidence in the console: https://console.example.org/items/")
                .contains("The story across outlets: https://console.example.org/stories/story-");
        assertThat(html).contains("<a href=\"https://console.example.org/items/")
                .contains("<a href=\"https://console.example.org/stories/story-");
    }

    @Test
    void aDigestCollectsThreeAlertsIntoOneMessageAndAnEmptyPeriodSendsNothing() throws Exception {
        Created tess = AlertTestSupport.subscriber("Tess");
        String word = AlertTestSupport.uniqueWord();
        String url = WebhookReceiver.get().endpoint(200);
        Hook hook = AlertTestSupport.webhookSubscription(tess.apiKey(), url, word, "digest-hourly");
        List<String> signals = List.of(AlertTestSupport.signal(word), AlertTestSupport.signal(word), AlertTestSupport.signal(word));

        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid", hook.id()) == 3);
        Thread.sleep(1500);
        assertThat(WebhookReceiver.get().received(url)).isEmpty();
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.delivery WHERE subscription_id = ?::uuid", hook.id()))
                .isZero();

        // The period's end is kept in the database; move it into the past as if the hour had passed
        // (or the service had been down over it).
        AlertTestSupport.update("UPDATE alert.subscription SET digest_due_at = now() - interval '1 minute' WHERE id = ?::uuid",
                hook.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> WebhookReceiver.get().received(url).size() == 1);
        WebhookReceiver.Received r = WebhookReceiver.get().received(url).get(0);
        assertThat(new StandardWebhooksVerifier(hook.secret(), Duration.ofMinutes(5)).verify(r.header("webhook-id"),
                r.header("webhook-timestamp"), r.header("webhook-signature"), r.body(), Instant.now())).isTrue();
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("type").asText()).isEqualTo("digest.created");
        assertThat(body.path("data").path("count").asInt()).isEqualTo(3);
        assertThat(body.path("data").path("alerts").findValuesAsText("signalId")).containsExactlyInAnyOrderElementsOf(signals);
        // The next period is set in the future.
        assertThat(AlertTestSupport.count("SELECT count(*) FROM alert.subscription WHERE id = ?::uuid AND digest_due_at > now()",
                hook.id())).isEqualTo(1);

        // An empty period passes: nothing is sent.
        AlertTestSupport.update("UPDATE alert.subscription SET digest_due_at = now() - interval '1 minute' WHERE id = ?::uuid",
                hook.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.subscription WHERE id = ?::uuid AND digest_due_at > now()", hook.id()) == 1);
        Thread.sleep(1000);
        assertThat(WebhookReceiver.get().received(url)).hasSize(1);
    }

    @Test
    void aDailyEmailDigestIsOneMessage() throws Exception {
        Created uma = AlertTestSupport.subscriber("Uma");
        String word = AlertTestSupport.uniqueWord();
        String address = "uma-" + UUID.randomUUID() + "@example.org";
        String id = AlertTestSupport.emailSubscription(uma.apiKey(), address, word, "digest-daily");
        AlertTestSupport.signal(word);
        AlertTestSupport.signal(word);
        await().atMost(Duration.ofSeconds(30)).until(() -> AlertTestSupport.count(
                "SELECT count(*) FROM alert.alert WHERE subscription_id = ?::uuid", id) == 2);
        AlertTestSupport.update("UPDATE alert.subscription SET digest_due_at = now() - interval '1 minute' WHERE id = ?::uuid", id);
        MimeMessage message = await().atMost(Duration.ofSeconds(30)).until(() -> messageTo(address), m -> m != null);
        assertThat(message.getSubject()).isEqualTo("Panelwatch digest: 2 alerts");
        Thread.sleep(1000);
        assertThat(Arrays.stream(GreenMailServer.greenMail().getReceivedMessages()).filter(m -> to(m).equals(address))).hasSize(1);
    }

    private static MimeMessage messageTo(String address) {
        return Arrays.stream(GreenMailServer.greenMail().getReceivedMessages()).filter(m -> to(m).equals(address))
                .findFirst().orElse(null);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }
}
