package org.panelwatch.analysis.engine.data;

import java.util.ArrayList;
import java.util.List;
import org.panelwatch.analysis.engine.CatalogueException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a gazetteer YAML file: {@code source} (required: where the names come from) and
 * {@code entries}, each with {@code id}, {@code type}, {@code name}, {@code groups} and {@code forms}
 * per language.
 */
public final class GazetteerReader {

    private GazetteerReader() {
    }

    public static List<GazetteerEntry> read(String yamlText, String origin) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (YAMLException e) {
            throw new CatalogueException(null, origin + " is not valid YAML: " + e.getMessage(), e);
        }
        YamlFields doc = new YamlFields(origin, root);
        doc.string("source");
        List<GazetteerEntry> entries = new ArrayList<>();
        for (Object e : doc.list("entries")) {
            String id = new YamlFields(origin + " entry", e).string("id");
            YamlFields entry = new YamlFields(id, e);
            entries.add(new GazetteerEntry(id, entry.string("type"), entry.string("name"),
                    entry.string("unReference", null), entry.strings("groups"), entry.forms("forms")));
        }
        return entries;
    }
}
