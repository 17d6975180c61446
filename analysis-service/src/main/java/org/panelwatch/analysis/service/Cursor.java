package org.panelwatch.analysis.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.panelwatch.analysis.repository.ItemQueries;
import org.panelwatch.common.problem.ProblemException;

/** The opaque cursor of keyset pagination: the last row's sort time and id, base64url-encoded. */
final class Cursor {

    private static final String VERSION = "1";

    private Cursor() {
    }

    static String encode(ItemQueries.Key key) {
        String raw = VERSION + "|" + key.sortAt().getEpochSecond() + "|" + key.sortAt().getNano() + "|" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ItemQueries.Key decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            Instant sortAt = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (!Params.storable(sortAt)) {
                throw new IllegalArgumentException("time out of range");
            }
            return new ItemQueries.Key(sortAt, UUID.fromString(parts[3]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor is not a cursor this service handed out");
        }
    }
}
