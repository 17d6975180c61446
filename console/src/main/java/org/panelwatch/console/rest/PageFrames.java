package org.panelwatch.console.rest;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import org.panelwatch.console.service.Session;

/** Builds the frame of a signed-in page; the session's one-time message is taken here, once. */
@RequestScoped
public class PageFrames {

    private final CurrentSession current;

    public PageFrames(CurrentSession current) {
        this.current = current;
    }

    public Frame of(String title, String nav) {
        Session s = current.get();
        return new Frame(title, nav, s.access(), s.csrfToken(), s.takeFlash(), List.of());
    }

    public Session session() {
        return current.get();
    }
}
