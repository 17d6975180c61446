package org.panelwatch.common.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer API key presented with a request. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
