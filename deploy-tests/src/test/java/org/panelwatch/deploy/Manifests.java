package org.panelwatch.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The files under deploy/kubernetes, read as a kubectl user's cluster would receive them. */
final class Manifests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Every manifest file (not the kustomization files, which only arrange them). */
    static List<Path> files() {
        try (Stream<Path> walk = Files.walk(KUBERNETES)) {
            return walk.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of one file (several documents), each in fabric8's model: typed for Kubernetes' own kinds. */
    static List<HasMetadata> read(Path file) {
        try {
            return documents(Files.readString(file)).stream().map(d -> (HasMetadata) SERIALIZATION.unmarshal(d)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The YAML documents of a file ("---" between them), comments-only documents left out. */
    static List<String> documents(String text) {
        List<String> documents = new ArrayList<>();
        for (String document : text.split("(?m)^---\\s*$")) {
            boolean content = document.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"));
            if (content) {
                documents.add(document);
            }
        }
        return documents;
    }

    static List<HasMetadata> all() {
        return files().stream().flatMap(f -> read(f).stream()).toList();
    }

    static List<HasMetadata> under(String folder) {
        return files().stream().filter(f -> f.startsWith(KUBERNETES.resolve(folder))).flatMap(f -> read(f).stream()).toList();
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return SERIALIZATION.unmarshal(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
