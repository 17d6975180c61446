package org.panelwatch.console.rest;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.panelwatch.console.config.ConsoleConfig;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.SessionStore;
import org.panelwatch.console.service.SignInService;

/**
 * Sign in with an API key and sign out. Before a session exists the form's CSRF token is a
 * double-submit cookie; the key goes only into the session store, never back to the browser.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    static final String SIGN_IN_COOKIE = "pw_sign_in";

    private final SignInService signIn;
    private final SessionStore sessions;
    private final ConsoleConfig config;
    private final CurrentSession current;

    public SignInPage(SignInService signIn, SessionStore sessions, ConsoleConfig config, CurrentSession current) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.config = config;
        this.current = current;
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create(landing(current.get().access()))).build();
    }

    /** The first page a key may use: signals for a reader, alerts for a subscriber, feeds for ingest. */
    static String landing(org.panelwatch.console.service.Access access) {
        return access.reader() ? "/signals" : access.subscriber() ? "/alerts" : "/feeds";
    }

    @GET
    @Path("sign-in")
    public Response form(@QueryParam("next") String next, @QueryParam("expired") String expired,
            @QueryParam("signedOut") String signedOut) {
        return page(next, null, expired != null, signedOut != null, 200);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@RestForm String key, @RestForm String csrf, @RestForm String next,
            @CookieParam(SIGN_IN_COOKIE) String expected) {
        if (expected == null || !SessionStore.sameToken(expected, csrf)) {
            throw new Forms.CsrfRefused();
        }
        SignInService.Outcome outcome = signIn.signIn(key);
        if (outcome.session() == null) {
            String error = outcome.refusal() == SignInService.Refusal.WRONG_KEY
                    ? "That API key was not accepted. Check that you copied the whole key."
                    : "The services are not answering, so your key cannot be checked. Try again in a minute.";
            return page(next, error, false, false, outcome.refusal() == SignInService.Refusal.WRONG_KEY ? 401 : 503);
        }
        String target = next == null || next.isBlank() || "/signals".equals(next) && !outcome.session().access().reader()
                ? landing(outcome.session().access()) : safeNext(next);
        return Response.seeOther(URI.create(target))
                .cookie(cookie(SignedInFilter.COOKIE, outcome.session().id(), -1), cookie(SIGN_IN_COOKIE, "", 0))
                .build();
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@RestForm String csrf) {
        Forms.requireCsrf(current.get(), csrf);
        sessions.close(current.get().id());
        return Response.seeOther(URI.create("/sign-in?signedOut=1"))
                .cookie(cookie(SignedInFilter.COOKIE, "", 0)).build();
    }

    private Response page(String next, String error, boolean expired, boolean signedOut, int status) {
        String token = SessionStore.token();
        Frame frame = new Frame("Sign in", "sign-in", null, null, null, List.of());
        TemplateInstance page = Pages.signIn(frame, safeNext(next), token, error, expired, signedOut);
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE)
                .cookie(cookie(SIGN_IN_COOKIE, token, 3600)).build();
    }

    /** Only a path of this console: never another site (an open redirect) and never "//host". */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/sign-")) {
            return "/signals";
        }
        return next;
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(config.secureCookie())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
