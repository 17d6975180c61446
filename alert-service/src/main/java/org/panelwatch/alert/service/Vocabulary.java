package org.panelwatch.alert.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/** The topic ids and signal types a filter may name, from the data file catalogue/alert-vocabulary.json. */
@ApplicationScoped
public class Vocabulary {

    private final Set<String> topics;
    private final Set<String> signalTypes;

    public Vocabulary(ObjectMapper mapper) {
        try (InputStream in = Vocabulary.class.getResourceAsStream("/catalogue/alert-vocabulary.json")) {
            JsonNode root = mapper.readTree(in);
            topics = strings(root.get("topics"));
            signalTypes = strings(root.get("signalTypes"));
        } catch (IOException e) {
            throw new UncheckedIOException("catalogue/alert-vocabulary.json is missing or broken", e);
        }
    }

    public boolean isTopic(String id) {
        return topics.contains(id);
    }

    public boolean isSignalType(String type) {
        return signalTypes.contains(type);
    }

    public Set<String> topics() {
        return topics;
    }

    public Set<String> signalTypes() {
        return signalTypes;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return Set.copyOf(out);
    }
}
