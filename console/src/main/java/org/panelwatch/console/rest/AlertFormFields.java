package org.panelwatch.console.rest;

import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.panelwatch.console.service.Forms.AlertForm;

/**
 * The fields of the subscription form as posted (create, preview and edit post the same form), with
 * its CSRF token. A field left out arrives as null; {@link #form()} is what the page redisplays.
 */
public record AlertFormFields(
        @RestForm String csrf,
        @RestForm String name,
        @RestForm String channelType,
        @RestForm String url,
        @RestForm String address,
        @RestForm("topic") List<String> topics,
        @RestForm String minScore,
        @RestForm String keywords,
        @RestForm String languages,
        @RestForm String mode) {

    public AlertForm form() {
        return new AlertForm(name, channelType, url, address, topics == null ? List.of() : topics, minScore, keywords,
                languages, mode);
    }
}
