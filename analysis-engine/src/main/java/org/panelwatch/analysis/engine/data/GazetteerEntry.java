package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.Map;

/**
 * One named thing the engine recognises: an actor, a weapon system, a port, a vessel or a UN-listed
 * individual or entity. {@code forms} maps a language code (or {@code *} for every language) to the
 * surface forms that name it; {@code groups} are the concept names rules refer to as {@code @group}.
 */
public record GazetteerEntry(String id, String type, String name, String unReference, List<String> groups,
                             Map<String, List<String>> forms) {
    public GazetteerEntry {
        groups = List.copyOf(groups);
        forms = Map.copyOf(forms);
    }
}
