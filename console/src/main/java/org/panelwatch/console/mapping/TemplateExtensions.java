package org.panelwatch.console.mapping;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Small formatting helpers the templates call on values. */
@TemplateExtension
public final class TemplateExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK)
            .withZone(ZoneOffset.UTC);

    private TemplateExtensions() {
    }

    /** "7 Dec 2026, 01:22 UTC". */
    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /**
     * The link itself when it is http(s), else "#": a link from an item is untrusted, and escaping
     * alone does not stop a javascript: address from running when clicked.
     */
    static String httpOnly(String url) {
        if (url == null) {
            return "#";
        }
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.startsWith("https://") || u.startsWith("http://") ? url.strip() : "#";
    }
}
