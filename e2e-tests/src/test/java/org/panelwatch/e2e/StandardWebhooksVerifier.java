package org.panelwatch.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver's check, written from the Standard Webhooks specification ("Verifying
 * webhooks" and "Signature scheme", https://www.standardwebhooks.com/) rather than taken from the
 * alert service's library, so the end-to-end tests judge the sender by the specification:
 * <ul>
 *   <li>the signed content is {@code webhook-id + "." + webhook-timestamp + "." + body};</li>
 *   <li>the key is the base64 part of the secret after {@code whsec_}, decoded;</li>
 *   <li>{@code webhook-signature} is a space-separated list of {@code v1,<base64 HMAC-SHA256>};
 *       one match in constant time is enough;</li>
 *   <li>a timestamp further than the tolerance from now is refused, against replays.</li>
 * </ul>
 */
public final class StandardWebhooksVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;
    private final Duration tolerance;

    public StandardWebhooksVerifier(String secret, Duration tolerance) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.tolerance = tolerance;
    }

    public StandardWebhooksVerifier(String secret) {
        this(secret, DEFAULT_TOLERANCE);
    }

    /** Returns null when the delivery is authentic and fresh, else the reason it is not. */
    public String check(String id, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (id == null || id.isBlank() || timestamp == null || signatureHeader == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature header";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not an integer number of seconds: " + timestamp;
        }
        if (Math.abs(now.getEpochSecond() - sentAt) > tolerance.toSeconds()) {
            return "webhook-timestamp " + sentAt + " is outside the tolerance of " + tolerance + " around " + now;
        }
        byte[] expected = hmac(id, timestamp, body);
        for (String candidate : signatureHeader.trim().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(comma + 1)))) {
                    return null;
                }
            } catch (IllegalArgumentException notBase64) {
                // not a match; try the next one
            }
        }
        return "no v1 signature in '" + signatureHeader + "' matches the body";
    }

    /** The specification's {@code v1,} signature of a message, for tests that sign themselves. */
    public String sign(String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(id, timestamp, body));
    }

    private byte[] hmac(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
