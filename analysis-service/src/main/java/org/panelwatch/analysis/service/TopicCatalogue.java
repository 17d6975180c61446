package org.panelwatch.analysis.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topic catalogue, read once at start-up from the bundled data file or from an operator's
 * file ({@code panelwatch.catalogue.path}); a file that cannot be read stops the start.
 */
@ApplicationScoped
@Startup
public class TopicCatalogue {

    public record Topic(String id, String name, String description, List<String> resolutions) {
    }

    record CatalogueFile(String source, List<Topic> topics) {
    }

    private final List<Topic> topics;
    private final Map<String, Topic> byId = new LinkedHashMap<>();

    public TopicCatalogue(ObjectMapper mapper,
            @ConfigProperty(name = "panelwatch.catalogue.path") Optional<Path> path) {
        try (InputStream in = path.isPresent()
                ? Files.newInputStream(path.get())
                : TopicCatalogue.class.getResourceAsStream("/catalogue/topics.json")) {
            CatalogueFile file = mapper.readValue(in, CatalogueFile.class);
            this.topics = List.copyOf(file.topics());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the topic catalogue "
                    + path.map(Path::toString).orElse("(bundled)") + ": " + e.getMessage(), e);
        }
        topics.forEach(t -> byId.put(t.id(), t));
    }

    public List<Topic> topics() {
        return topics;
    }

    public Optional<Topic> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public String name(String id) {
        return find(id).map(Topic::name).orElse(id);
    }

    public List<String> resolutions(String id) {
        return find(id).map(Topic::resolutions).orElse(List.of());
    }
}
