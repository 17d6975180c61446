package org.panelwatch.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * Turns a key into an identity: first the static keys, then (in the alert service) subscriber keys.
 * A subscriber's principal name is its subscriber id.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final StaticApiKeys staticKeys;
    private final Instance<SubscriberKeys> subscriberKeys;

    public ApiKeyIdentityProvider(StaticApiKeys staticKeys, Instance<SubscriberKeys> subscriberKeys) {
        this.staticKeys = staticKeys;
        this.subscriberKeys = subscriberKeys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        if (key.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no bearer key"));
        }
        Optional<String> role = staticKeys.roleFor(key);
        if (role.isPresent()) {
            return Uni.createFrom().item(identity(role.get(), role.get()));
        }
        if (subscriberKeys.isUnsatisfied()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown key"));
        }
        return context.runBlocking(() -> subscriberKeys.get().subscriberIdForKeyHash(ApiKeyHash.hex(key))
                .map(id -> identity(id, Roles.SUBSCRIBER))
                .orElseThrow(() -> new AuthenticationFailedException("unknown key")));
    }

    private static SecurityIdentity identity(String name, String role) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRole(role);
        if (Roles.ADMIN.equals(role)) {
            // "admin (everything)": an admin key passes every role check of the static roles.
            builder.addRole(Roles.INGEST).addRole(Roles.READER);
        }
        return builder.build();
    }
}
