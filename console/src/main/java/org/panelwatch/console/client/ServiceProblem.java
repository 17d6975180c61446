package org.panelwatch.console.client;

import java.util.List;

/**
 * What went wrong when the console called a service, in the words a page shows: the service is
 * down, it refused the key, the object is not there, or it found the input invalid (with the fields).
 */
public final class ServiceProblem extends RuntimeException {

    public enum Kind { DOWN, REFUSED, NOT_FOUND, INVALID, FAILED }

    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final String service;
    private final int status;
    private final transient List<FieldError> errors;

    public ServiceProblem(Kind kind, String service, int status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.service = service;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The sentence a page shows. */
    public String notice() {
        return switch (kind) {
            case DOWN -> service + " is not answering, so this part of the page cannot be shown. Try again in a minute.";
            case REFUSED -> "Your key may not do this (" + service + " answered " + status + ").";
            case NOT_FOUND -> "There is no such object in " + service + ".";
            case INVALID -> getMessage() == null ? "Some fields need correcting." : getMessage();
            case FAILED -> service + " could not do this (" + status + "). Try again in a minute.";
        };
    }
}
