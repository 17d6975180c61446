package org.panelwatch.alert.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's verification, written from the Standard Webhooks specification (section "Verifying
 * webhooks"), independent of the library the service signs with: the signed content is
 * {@code webhook-id + "." + webhook-timestamp + "." + body}; the key is the base64-decoded secret
 * after the {@code whsec_} prefix; {@code webhook-signature} is a space-separated list of
 * {@code v1,<base64 HMAC-SHA256>}; timestamps more than the tolerance away from now are rejected
 * to stop replays; signatures are compared in constant time.
 */
public final class StandardWebhooksVerifier {

    private final byte[] key;
    private final Duration tolerance;

    public StandardWebhooksVerifier(String secret, Duration tolerance) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.tolerance = tolerance;
    }

    /** True when the message is authentic and fresh. */
    public boolean verify(String id, String timestamp, String signatureHeader, String body, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = hmac(id + "." + timestamp + "." + body);
        for (String candidate : signatureHeader.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
