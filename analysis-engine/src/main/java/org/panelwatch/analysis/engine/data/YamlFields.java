package org.panelwatch.analysis.engine.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.panelwatch.analysis.engine.CatalogueException;

/** Typed access to a parsed YAML mapping; every error names the rule, topic or entry being read. */
final class YamlFields {

    private final String owner;
    private final Map<?, ?> map;

    YamlFields(String owner, Object node) {
        this.owner = owner;
        if (!(node instanceof Map<?, ?> m)) {
            throw new CatalogueException(owner, "expected a mapping, found " + describe(node));
        }
        this.map = m;
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    Object raw(String key) {
        return map.get(key);
    }

    String string(String key) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new CatalogueException(owner, "'" + key + "' is missing");
        }
        if (value instanceof Map || value instanceof List) {
            throw new CatalogueException(owner, "'" + key + "' must be text, found " + describe(value));
        }
        return value.toString().strip();
    }

    String string(String key, String fallback) {
        return map.get(key) == null ? fallback : string(key);
    }

    double number(String key, double fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new CatalogueException(owner, "'" + key + "' must be a number, found " + describe(value));
    }

    List<?> list(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        throw new CatalogueException(owner, "'" + key + "' must be a list, found " + describe(value));
    }

    List<String> strings(String key) {
        Object value = map.get(key);
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list(key)) {
            if (o == null || o instanceof Map || o instanceof List) {
                throw new CatalogueException(owner, "'" + key + "' must list text, found " + describe(o));
            }
            out.add(o.toString().strip());
        }
        return out;
    }

    /** A mapping from language code (or *) to a list of forms. */
    Map<String, List<String>> forms(String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new CatalogueException(owner, "'" + key + "' is missing");
        }
        YamlFields byLang = new YamlFields(owner, value);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object lang : byLang.map.keySet()) {
            String code = String.valueOf(lang);
            if (!code.equals("*") && !Languages.SUPPORTED.contains(code)) {
                throw new CatalogueException(owner, "unknown language '" + code + "' (known: " + Languages.SUPPORTED + ", *)");
            }
            List<String> forms = byLang.strings(code);
            for (String f : forms) {
                if (f.isBlank()) {
                    throw new CatalogueException(owner, "empty form in language '" + code + "'");
                }
            }
            out.put(code, forms);
        }
        return out;
    }

    static String describe(Object node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof Map) {
            return "a mapping";
        }
        if (node instanceof List) {
            return "a list";
        }
        return "'" + node + "'";
    }
}
