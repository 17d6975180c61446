package org.panelwatch.analysis.engine;

/**
 * A catalogue, gazetteer or UN list that cannot be used. {@link #rule()} names the offending rule,
 * topic or gazetteer entry (e.g. {@code arms-transfer/shipment}) when there is one, so an operator
 * (or the API answering an upload) can point at it.
 */
public final class CatalogueException extends RuntimeException {

    private final String rule;

    public CatalogueException(String rule, String message) {
        super(rule == null ? message : "rule '" + rule + "': " + message);
        this.rule = rule;
    }

    public CatalogueException(String rule, String message, Throwable cause) {
        super(rule == null ? message : "rule '" + rule + "': " + message, cause);
        this.rule = rule;
    }

    /** The rule, topic or entry at fault; null when the whole file is unreadable. */
    public String rule() {
        return rule;
    }
}
