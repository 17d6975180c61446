package org.panelwatch.common.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The three static keys of the contract (PANELWATCH_ADMIN_KEY, PANELWATCH_INGEST_KEY,
 * PANELWATCH_READER_KEY), held only as hashes. A production service without them refuses to start.
 */
@Singleton
public class StaticApiKeys {

    private static final Logger LOG = Logger.getLogger(StaticApiKeys.class);
    static final int MIN_PROD_KEY_LENGTH = 16;

    private final Map<String, byte[]> hashByRole = new LinkedHashMap<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> weak = new ArrayList<>();

    public StaticApiKeys(
            @ConfigProperty(name = "panelwatch.admin-key") Optional<String> adminKey,
            @ConfigProperty(name = "panelwatch.ingest-key") Optional<String> ingestKey,
            @ConfigProperty(name = "panelwatch.reader-key") Optional<String> readerKey) {
        register(Roles.ADMIN, "PANELWATCH_ADMIN_KEY", adminKey);
        register(Roles.INGEST, "PANELWATCH_INGEST_KEY", ingestKey);
        register(Roles.READER, "PANELWATCH_READER_KEY", readerKey);
    }

    private void register(String role, String variable, Optional<String> key) {
        Optional<String> present = key.map(String::strip).filter(k -> !k.isEmpty());
        if (present.isEmpty()) {
            missing.add(variable);
            return;
        }
        if (present.get().length() < MIN_PROD_KEY_LENGTH) {
            weak.add(variable);
        }
        hashByRole.put(role, ApiKeyHash.of(present.get()));
    }

    /** The role of a presented key. Every configured hash is compared, in constant time, whatever matches. */
    public Optional<String> roleFor(String presentedKey) {
        byte[] presented = ApiKeyHash.of(presentedKey);
        String found = null;
        for (Map.Entry<String, byte[]> entry : hashByRole.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented) && found == null) {
                found = entry.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    void refuseToStartWithoutKeys(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        checkProductionKeys();
        LOG.infof("API keys configured for roles %s", hashByRole.keySet());
    }

    void checkProductionKeys() {
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start in prod without API keys: set " + String.join(", ", missing));
        }
        if (!weak.isEmpty()) {
            throw new IllegalStateException("Refusing to start in prod with API keys shorter than "
                    + MIN_PROD_KEY_LENGTH + " characters: " + String.join(", ", weak));
        }
    }
}
