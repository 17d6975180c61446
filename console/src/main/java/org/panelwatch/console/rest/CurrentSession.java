package org.panelwatch.console.rest;

import jakarta.enterprise.context.RequestScoped;
import org.panelwatch.console.service.Session;

/** The session of the request being served, set by {@link SignedInFilter}. */
@RequestScoped
public class CurrentSession {

    private Session session;

    void set(Session session) {
        this.session = session;
    }

    public Session get() {
        if (session == null) {
            throw new IllegalStateException("no session on a signed-in page");
        }
        return session;
    }
}
