package org.panelwatch.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are kept and compared only as SHA-256 hashes. Keys are long random strings, so an
 * unsalted fast hash is enough: there is no dictionary to guess from.
 */
public final class ApiKeyHash {

    private ApiKeyHash() {
    }

    public static byte[] of(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    public static String hex(String key) {
        return HexFormat.of().formatHex(of(key));
    }
}
