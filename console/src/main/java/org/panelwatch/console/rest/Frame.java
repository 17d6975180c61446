package org.panelwatch.console.rest;

import java.util.List;
import org.panelwatch.console.service.Access;

/**
 * What every page's frame shows: its title, which navigation item is current, the signed-in role,
 * the CSRF token for the sign-out form, a one-time message and the notices of services that are down.
 */
public record Frame(String title, String nav, Access access, String csrf, String flash, List<String> notices) {

    public boolean signedIn() {
        return access != null;
    }

    public Frame notice(String notice) {
        List<String> all = new java.util.ArrayList<>(notices);
        all.add(notice);
        return new Frame(title, nav, access, csrf, flash, List.copyOf(all));
    }
}
