package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The tests' verifier agrees with the specification's reference signer, and refuses what it must. */
class StandardWebhooksVerifierTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("a 24-byte test secret ..".getBytes(StandardCharsets.US_ASCII));
    private static final String BODY = "{\"type\":\"signal.created\",\"data\":{\"title\":\"Ракеты KN-23\"}}";

    private final StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(SECRET);
    private final Instant now = Instant.now();

    @Test
    void acceptsWhatTheReferenceLibrarySigned() throws Exception {
        String signature = new Webhook(SECRET).sign("msg_1", now.getEpochSecond(), BODY);

        assertThat(verifier.check("msg_1", String.valueOf(now.getEpochSecond()), signature, bytes(BODY), now)).isNull();
    }

    @Test
    void acceptsWhenOneOfSeveralSignaturesMatches() throws Exception {
        String good = new Webhook(SECRET).sign("msg_1", now.getEpochSecond(), BODY);

        assertThat(verifier.check("msg_1", String.valueOf(now.getEpochSecond()), "v1,bm9wZQ== " + good, bytes(BODY), now)).isNull();
    }

    @Test
    void refusesAChangedBody() throws Exception {
        String signature = new Webhook(SECRET).sign("msg_1", now.getEpochSecond(), BODY);

        assertThat(verifier.check("msg_1", String.valueOf(now.getEpochSecond()), signature, bytes(BODY.replace("23", "24")), now))
                .contains("no v1 signature");
    }

    @Test
    void refusesAnotherMessageId() throws Exception {
        String signature = new Webhook(SECRET).sign("msg_1", now.getEpochSecond(), BODY);

        assertThat(verifier.check("msg_2", String.valueOf(now.getEpochSecond()), signature, bytes(BODY), now)).isNotNull();
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() throws Exception {
        long old = now.minusSeconds(301).getEpochSecond();
        String signature = new Webhook(SECRET).sign("msg_1", old, BODY);

        assertThat(verifier.check("msg_1", String.valueOf(old), signature, bytes(BODY), now)).contains("tolerance");
    }

    @Test
    void refusesAnotherSecret() throws Exception {
        String other = "whsec_" + Base64.getEncoder().encodeToString("another secret of 24 by.".getBytes(StandardCharsets.US_ASCII));
        String signature = new Webhook(other).sign("msg_1", now.getEpochSecond(), BODY);

        assertThat(verifier.check("msg_1", String.valueOf(now.getEpochSecond()), signature, bytes(BODY), now)).isNotNull();
    }

    @Test
    void refusesMissingHeaders() {
        assertThat(verifier.check(null, null, null, bytes(BODY), now)).contains("missing");
    }

    @Test
    void signsAsTheReferenceLibraryDoes() throws Exception {
        String expected = new Webhook(SECRET).sign("msg_9", now.getEpochSecond(), BODY);

        assertThat(verifier.sign("msg_9", String.valueOf(now.getEpochSecond()), bytes(BODY))).isEqualTo(expected);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
