package org.panelwatch.console.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.panelwatch.console.service.Session;
import org.panelwatch.console.service.SessionStore;

/**
 * Every page but sign-in needs a live session. Without one a GET goes to the sign-in page with the
 * page it asked for (so the analyst comes back to it), and says so when a session had expired.
 */
public class SignedInFilter {

    public static final String COOKIE = "pw_session";

    private final SessionStore sessions;
    private final CurrentSession current;

    public SignedInFilter(SessionStore sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @ServerRequestFilter
    public Optional<Response> requireSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/sign-in") || path.startsWith("/assets/")) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        Optional<Session> session = sessions.find(cookie == null ? null : cookie.getValue());
        if (session.isPresent()) {
            current.set(session.get());
            return Optional.empty();
        }
        UriBuilder signIn = UriBuilder.fromPath("/sign-in");
        if ("GET".equals(request.getMethod())) {
            String raw = request.getUriInfo().getRequestUri().getRawQuery();
            signIn.queryParam("next", "{next}");
            if (cookie != null) {
                signIn.queryParam("expired", "1");
            }
            return Optional.of(Response.seeOther(signIn.build(path + (raw == null ? "" : "?" + raw))).build());
        }
        if (cookie != null) {
            signIn.queryParam("expired", "1");
        }
        return Optional.of(Response.seeOther(signIn.build()).build());
    }
}
