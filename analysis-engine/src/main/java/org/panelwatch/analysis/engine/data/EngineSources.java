package org.panelwatch.analysis.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.panelwatch.analysis.engine.CatalogueException;

/**
 * Where the engine's data comes from, and its loading: the catalogue, the gazetteers and the UN list,
 * each an operator's file or the bundled default (a null field). Loading lives here, beside the readers,
 * so that {@code Engines} (the public builder) and {@code MonitorTaggingEngine} (the matcher) both depend
 * on this package and not on each other.
 */
public record EngineSources(Path catalogue, String catalogueText, List<Path> gazetteers,
                            boolean replaceGazetteers, Path unList) {

    /** The bundled data, under src/main/resources/panelwatch/. */
    public static final String CATALOGUE_RESOURCE = "/panelwatch/catalogue.yaml";
    public static final List<String> GAZETTEER_RESOURCES = List.of(
            "/panelwatch/gazetteers/actors.yaml",
            "/panelwatch/gazetteers/weapons.yaml",
            "/panelwatch/gazetteers/places-and-vessels.yaml",
            "/panelwatch/gazetteers/un-list-vessels.yaml");
    public static final String UN_LIST_RESOURCE = "/panelwatch/un/un-consolidated-list-dprk.xml";

    public EngineSources {
        gazetteers = List.copyOf(gazetteers);
    }

    /** The catalogue and every gazetteer entry (bundled, operator files, UN list), read and checked. */
    public record Loaded(CatalogueDefinition definition, List<GazetteerEntry> gazetteer) {
    }

    /** @throws CatalogueException when a file is unreadable or invalid, naming the rule or entry */
    public Loaded load() {
        String text = catalogueText != null ? catalogueText
                : catalogue != null ? readFile(catalogue) : readResource(CATALOGUE_RESOURCE);
        String origin = catalogueText != null ? "catalogue text"
                : catalogue != null ? catalogue.toString() : CATALOGUE_RESOURCE;
        CatalogueDefinition definition = CatalogueReader.read(text, origin);

        List<GazetteerEntry> gazetteer = new ArrayList<>();
        if (!replaceGazetteers) {
            for (String resource : GAZETTEER_RESOURCES) {
                gazetteer.addAll(GazetteerReader.read(readResource(resource), resource));
            }
        }
        for (Path file : gazetteers) {
            gazetteer.addAll(GazetteerReader.read(readFile(file), file.toString()));
        }
        if (unList != null) {
            try (InputStream in = Files.newInputStream(unList)) {
                gazetteer.addAll(UnListReader.read(in, unList.toString()).all());
            } catch (IOException e) {
                throw new CatalogueException(null, "cannot read UN list " + unList + ": " + e.getMessage(), e);
            }
        } else {
            try (InputStream in = EngineSources.class.getResourceAsStream(UN_LIST_RESOURCE)) {
                gazetteer.addAll(UnListReader.read(in, UN_LIST_RESOURCE).all());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Loaded(definition, List.copyOf(gazetteer));
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogueException(null, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readResource(String resource) {
        try (InputStream in = EngineSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
