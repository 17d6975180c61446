package org.panelwatch.analysis.engine.data;

import java.util.List;
import java.util.Map;

/** A word list of the catalogue that rules refer to as {@code @name}: forms per language ({@code *} = all). */
public record Concept(String name, Map<String, List<String>> forms) {
    public Concept {
        forms = Map.copyOf(forms);
    }
}
