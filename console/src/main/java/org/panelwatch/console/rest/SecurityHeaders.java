package org.panelwatch.console.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.Router;

/**
 * Headers on every answer, pages and files alike: a Content-Security-Policy that allows only the
 * console's own files (no inline script or style, so markup smuggled into an item's text could not
 * run even if it escaped), no referrer (a page's URL never leaves for an outlet's site), no framing,
 * no sniffing, and no caching of pages.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            var h = rc.response().headers();
            h.set("Content-Security-Policy", POLICY);
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            if (!rc.normalizedPath().startsWith("/assets/")) {
                h.set("Cache-Control", "no-store");
            }
            rc.next();
        });
    }
}
